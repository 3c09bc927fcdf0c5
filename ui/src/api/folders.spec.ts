import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fileKind, folderOf, inFolder, lastFolder, remember, startPath } from './folders'

const open = vi.hoisted(() => vi.fn())
const save = vi.hoisted(() => vi.fn())
vi.mock('@tauri-apps/plugin-dialog', () => ({ open, save }))
vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }))

beforeEach(() => {
  localStorage.clear()
  open.mockReset()
  save.mockReset()
})

describe('the folder of a chosen path', () => {
  it.each([
    ['/home/office/导入/成果.xlsx', '/home/office/导入'],
    ['C:\\Users\\office\\Desktop\\年费.xlsx', 'C:\\Users\\office\\Desktop'],
    // A file at a root: the root itself, separator and all.
    ['/成果.xlsx', '/'],
    ['D:\\成果.xlsx', 'D:\\'],
    ['\\\\server\\share\\成果.xlsx', '\\\\server\\share'],
  ])('%s is in %s', (path, folder) => {
    expect(folderOf(path)).toBe(folder)
  })

  it('has none for a bare name', () => {
    expect(folderOf('成果.xlsx')).toBeNull()
  })

  it('puts a name in a folder with the folder’s own separator', () => {
    expect(inFolder('/home/office', 'a.pdf')).toBe('/home/office/a.pdf')
    expect(inFolder('/', 'a.pdf')).toBe('/a.pdf')
    expect(inFolder('C:\\Users\\office', 'a.pdf')).toBe('C:\\Users\\office\\a.pdf')
    expect(inFolder('D:\\', 'a.pdf')).toBe('D:\\a.pdf')
  })
})

describe('remembering the last folder per kind', () => {
  it('keys a dialog by its mode and extensions, in any order', () => {
    expect(fileKind('open', ['xlsx', 'csv'])).toBe(fileKind('open', ['csv', 'xlsx']))
    expect(fileKind('open', ['xlsx'])).not.toBe(fileKind('save', ['xlsx']))
    expect(fileKind('open', [])).toBe('open:*')
  })

  it('starts where nothing was remembered with the suggested name only', () => {
    expect(startPath('save:xlsx', '年费缴纳清单.xlsx')).toBe('年费缴纳清单.xlsx')
    expect(startPath('open:csv,xlsx')).toBeUndefined()
  })

  it('keeps each kind’s folder apart and the newest choice of each', () => {
    remember('open:csv,xlsx', '/home/office/导入/成果.xlsx')
    remember('save:pdf', 'C:\\证据\\HT2025-001.pdf')
    remember('open:csv,xlsx', '/home/office/导入/2026/人员.csv')
    remember('folder', '/home/office/年报', true)
    expect(lastFolder('open:csv,xlsx')).toBe('/home/office/导入/2026')
    expect(lastFolder('save:pdf')).toBe('C:\\证据')
    expect(lastFolder('folder')).toBe('/home/office/年报')
    expect(lastFolder('save:xlsx')).toBeNull()
    expect(startPath('save:pdf', 'HT2025-002.pdf')).toBe('C:\\证据\\HT2025-002.pdf')
  })

  it('forgets nothing on a cancelled dialog', () => {
    remember('save:xlsx', '/exports/a.xlsx')
    remember('save:xlsx', null)
    expect(lastFolder('save:xlsx')).toBe('/exports')
  })

  it('survives a storage that holds something else', () => {
    localStorage.setItem('transferdesk.lastFolders', 'not json')
    expect(lastFolder('save:xlsx')).toBeNull()
    remember('save:xlsx', '/exports/a.xlsx')
    expect(lastFolder('save:xlsx')).toBe('/exports')
  })
})

describe('the desktop dialogs', async () => {
  const { tauriTransport } = await import('./transport-tauri')
  const xlsx = [{ name: 'Excel', extensions: ['xlsx'] }]

  it('open a save dialog in the folder the last save of that kind went to', async () => {
    save.mockResolvedValueOnce('/home/office/财务/年费缴纳清单_2026-11-23.xlsx')
    await tauriTransport.pickSave('年费缴纳清单_2026-11-23.xlsx', xlsx)
    expect(save).toHaveBeenLastCalledWith({ defaultPath: '年费缴纳清单_2026-11-23.xlsx', filters: xlsx })

    save.mockResolvedValueOnce(null)
    await tauriTransport.pickSave('年费缴纳清单_2026-11-24.xlsx', xlsx)
    expect(save).toHaveBeenLastCalledWith({ defaultPath: '/home/office/财务/年费缴纳清单_2026-11-24.xlsx', filters: xlsx })

    // A PDF is another kind: it does not start in the spreadsheets' folder.
    save.mockResolvedValueOnce(null)
    await tauriTransport.pickSave('证据.pdf', [{ name: 'PDF', extensions: ['pdf'] }])
    expect(save).toHaveBeenLastCalledWith(expect.objectContaining({ defaultPath: '证据.pdf' }))
  })

  it('open an open dialog and a folder dialog where the last of their kind was chosen', async () => {
    const imports = [{ name: 'Excel / CSV', extensions: ['xlsx', 'csv'] }]
    open.mockResolvedValueOnce('C:\\导入\\成果.xlsx')
    await tauriTransport.pickFile(imports)
    open.mockResolvedValueOnce(null)
    await tauriTransport.pickFile(imports)
    expect(open).toHaveBeenLastCalledWith({ multiple: false, directory: false, filters: imports, defaultPath: 'C:\\导入' })

    open.mockResolvedValueOnce('/home/office/年报2025')
    await tauriTransport.pickFolder('2025年度科技成果转化年度报告')
    open.mockResolvedValueOnce(null)
    await tauriTransport.pickFolder('2026年度科技成果转化年度报告')
    expect(open).toHaveBeenLastCalledWith({ multiple: false, directory: true, defaultPath: '/home/office/年报2025' })
  })
})
