import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ErrorReport } from './types.gen'

const invoke = vi.hoisted(() => vi.fn())
const open = vi.hoisted(() => vi.fn())
const save = vi.hoisted(() => vi.fn())
vi.mock('@tauri-apps/api/core', () => ({ invoke }))
vi.mock('@tauri-apps/plugin-dialog', () => ({ open, save }))

// The desktop app's window: Tauri's IPC is there.
Object.assign(window, { __TAURI_INTERNALS__: {} })
const api = await import('./index')
const { ApiError, getAchievement, importFile, listAchievements, pickImportFile } = api

const report: ErrorReport = {
  code: 'invalid_input',
  message: '输入有 1 处问题，未写入任何数据',
  details: [
    { sheet: 'Sheet1', row: 3, column: '申请号', cell: 'D3', value: '202310123456.X', code: 'bad_check_digit', problem: '申请号校验位错误（按规则应为 6）' },
  ],
}

beforeEach(() => {
  invoke.mockReset()
  open.mockReset()
  save.mockReset()
})

describe('api over Tauri', () => {
  it('turns an ErrorReport rejection into an ApiError with its code and details', async () => {
    invoke.mockRejectedValue(report)
    const error = await importFile('job-1', 'achievements', '/data/bad.xlsx', true).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ code: 'invalid_input', message: report.message, details: report.details })
    expect(invoke).toHaveBeenCalledWith('import_file', { job: 'job-1', table: 'achievements', path: '/data/bad.xlsx', dryRun: true })
  })

  it('keeps the code of other errors and defaults details to none', async () => {
    invoke.mockRejectedValue({ code: 'db_locked', message: 'busy' })
    await expect(getAchievement(7)).rejects.toMatchObject({ code: 'db_locked', details: [] })
    expect(invoke).toHaveBeenCalledWith('get_achievement', { id: 7 })
  })

  it('reports a rejection that is not an ErrorReport as internal', async () => {
    invoke.mockRejectedValue('Command list_achievements not allowed by ACL')
    await expect(listAchievements({ page: 1, page_size: 50, sort: null, descending: false, kind: null, status: null, department: null, year: null, search: null }))
      .rejects.toMatchObject({ code: 'internal', message: 'Command list_achievements not allowed by ACL' })
  })

  it('passes results through unchanged', async () => {
    invoke.mockResolvedValue({ total: 0, rows: [] })
    const query = { page: 2, page_size: 100, sort: 'title' as const, descending: true, kind: null, status: null, department: '计算机学院', year: 2023, search: '王' }
    await expect(listAchievements(query)).resolves.toEqual({ total: 0, rows: [] })
    expect(invoke).toHaveBeenCalledWith('list_achievements', { query })
  })

  it('asks the dialog for one xlsx or csv file', async () => {
    open.mockResolvedValue('/home/a/成果.xlsx')
    await expect(pickImportFile()).resolves.toBe('/home/a/成果.xlsx')
    expect(open).toHaveBeenCalledWith(expect.objectContaining({ multiple: false, filters: [expect.objectContaining({ extensions: ['xlsx', 'csv'] })] }))
  })
})

describe('reward commands over Tauri', () => {
  it.each<[string, () => Promise<unknown>, string, Record<string, unknown> | undefined]>([
    ['plan', () => api.planDistribution('HT1', null, ['T1'], null), 'plan_distribution', { contractNo: 'HT1', through: null, staff: ['T1'], amounts: null }],
    ['create', () => api.createDistribution('HT1', '2026-11-01', [], null, null), 'create_distribution', { contractNo: 'HT1', through: '2026-11-01', staff: [], amounts: null, form: null }],
    ['get', () => api.getDistribution(3), 'get_distribution', { id: 3 }],
    [
      'approve',
      () => api.approveDistribution(3, { decision_on: '2026-10-08', minutes_file: null, override_reason: 'r', waive: ['T9'] }),
      'approve_distribution',
      { id: 3, approval: { decision_on: '2026-10-08', minutes_file: null, override_reason: 'r', waive: ['T9'] } },
    ],
    ['publicize', () => api.publicizeDistribution(3, '2026-10-09', null), 'publicize_distribution', { id: 3, from: '2026-10-09', days: null }],
    ['pay', () => api.payDistribution(3, '2026-10-27'), 'pay_distribution', { id: 3, paidOn: '2026-10-27' }],
    ['reverse', () => api.reverseDistribution(3, '原因'), 'reverse_distribution', { id: 3, reason: '原因' }],
    ['discard', () => api.discardDistribution(3), 'discard_distribution', { id: 3 }],
    ['publicity end', () => api.publicityEnd('2024-01-08', 15), 'publicity_end', { from: '2024-01-08', days: 15 }],
    ['contracts', () => api.contractChoices('HT'), 'contract_choices', { search: 'HT' }],
    ['staff', () => api.staffChoices('孙'), 'staff_choices', { search: '孙' }],
    ['payroll', () => api.exportPayroll(3, '/a.xlsx', true), 'export_payroll', { id: 3, path: '/a.xlsx', revealIds: true }],
    ['notice', () => api.exportNotice(3, '/a.pdf'), 'export_notice', { id: 3, path: '/a.pdf' }],
    ['statements', () => api.exportStatements(3, '/a.pdf'), 'export_statements', { id: 3, path: '/a.pdf' }],
    ['policies', () => api.listPolicies(), 'list_policies', undefined],
    ['delete policy', () => api.deletePolicy(2), 'delete_policy', { id: 2 }],
    ['holidays', () => api.listHolidays(), 'list_holidays', undefined],
    ['save holidays', () => api.saveHolidays(2027, [], 2), 'save_holidays', { year: 2027, days: [], version: 2 }],
  ])('%s sends camelCase arguments to its snake_case command', async (_, call, command, args) => {
    invoke.mockResolvedValue(null)
    await call()
    expect(invoke).toHaveBeenCalledWith(command, args ?? {})
  })

  it('passes a refusal through with its code and sentence', async () => {
    invoke.mockRejectedValue({ code: 'publicity_not_finished', message: '公示期尚未结束（或尚未公示），不能发放：2026-10-26 < 2026-10-27', details: [] })
    await expect(api.payDistribution(3, '2026-10-26')).rejects.toMatchObject({ code: 'publicity_not_finished', message: expect.stringContaining('2026-10-27') })
  })

  it('asks the save dialog for the export type and the open dialog for minutes', async () => {
    save.mockResolvedValue('/home/a/发放表.xlsx')
    await expect(api.pickSavePath('发放表.xlsx', 'xlsx')).resolves.toBe('/home/a/发放表.xlsx')
    expect(save).toHaveBeenCalledWith({ defaultPath: '发放表.xlsx', filters: [expect.objectContaining({ extensions: ['xlsx'] })] })
    save.mockResolvedValue(null)
    await expect(api.pickSavePath('公示.pdf', 'pdf')).resolves.toBeNull()
    open.mockResolvedValue('/home/a/纪要.pdf')
    await expect(api.pickMinutesFile()).resolves.toBe('/home/a/纪要.pdf')
    expect(open).toHaveBeenCalledWith(expect.objectContaining({ multiple: false, filters: [expect.objectContaining({ extensions: ['pdf', 'doc', 'docx', 'jpg', 'png'] })] }))
  })
})
