import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ErrorReport } from './types.gen'

const invoke = vi.hoisted(() => vi.fn())
const open = vi.hoisted(() => vi.fn())
vi.mock('@tauri-apps/api/core', () => ({ invoke }))
vi.mock('@tauri-apps/plugin-dialog', () => ({ open }))

const { ApiError, getAchievement, importFile, listAchievements, pickImportFile } = await import('./index')

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
})

describe('api over Tauri', () => {
  it('turns an ErrorReport rejection into an ApiError with its code and details', async () => {
    invoke.mockRejectedValue(report)
    const error = await importFile('achievements', '/data/bad.xlsx', true).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ code: 'invalid_input', message: report.message, details: report.details })
    expect(invoke).toHaveBeenCalledWith('import_file', { table: 'achievements', path: '/data/bad.xlsx', dryRun: true })
  })

  it('keeps the code of other errors and defaults details to none', async () => {
    invoke.mockRejectedValue({ code: 'db_locked', message: 'busy' })
    await expect(getAchievement(7)).rejects.toMatchObject({ code: 'db_locked', details: [] })
    expect(invoke).toHaveBeenCalledWith('get_achievement', { id: 7 })
  })

  it('reports a rejection that is not an ErrorReport as internal', async () => {
    invoke.mockRejectedValue('command list_achievements not found')
    await expect(listAchievements({ page: 1, page_size: 50, sort: null, descending: false, kind: null, status: null, department: null, year: null, search: null }))
      .rejects.toMatchObject({ code: 'internal', message: 'command list_achievements not found' })
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
