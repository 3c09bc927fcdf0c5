// The fake backend of the import wizard: one office workbook (a notes sheet, then 专利清单 with
// 序号/专利名称/专利号/发明人(贡献比例)/申请日期/类型 below a title row), converted and checked with
// the wizard's rules in small, so that the screens can be seen and tested without the app.
import { ApiError } from './error'
import * as fake from './fake'
import * as fakeJobs from './fake-jobs'
import type { AchievementKind, ImportSummary, Mapping, Preview, PreviewLine, SourceProblem, SourceSheet, Table } from './types.gen'
import { chineseDate, excelSerial, splitNames, wanToFen } from '../views/import/convert'
import { TEMPLATE } from '../views/import/template'

const SHEETS = ['说明', '专利清单']
export const HEADERS = ['序号', '专利名称', '专利号', '发明人(贡献比例)', '申请日期', '类型']

/** Three people of the fake portfolio whose names nobody else has. */
function inventors(): [fake.Person, fake.Person, fake.Person] {
  const people = fake.fakeStore().people
  const unique = people.filter((p) => people.filter((q) => q.name === p.name).length === 1)
  return unique.slice(0, 3) as [fake.Person, fake.Person, fake.Person]
}

function rows(path: string): (string | number)[][] {
  const [a, b, c] = inventors()
  if (path.includes('bad')) {
    return [
      [1, '一种石墨烯散热膜', '202410111111.0', `${a.name}(50%)、周八(50%)`, '2024年3月5日', '发明'],
      [2, '一种折叠式太阳能支架', '202420222222.6', c.name, '2024.2.30', '实用新型'],
      [3, '一种电池外壳', '202430333333.0', `${a.name}、${b.name}`, '2024/07/01', '外观'],
    ]
  }
  return [
    [1, '基于联邦学习的医疗影像分割方法', 'ZL202410123456.0', `${a.name}(60%)、${b.name}（40）`, '2024年3月5日', '发明'],
    [2, '一种可折叠无人机机臂', '202420234567.4', c.name, '2024.5.10', '实用新型'],
    [3, '一种高熵合金涂层及其制备方法', 'CN202310345678.2', `${a.name}*(50%)；${c.name}(50%)`, '2023-09-18', '发明专利'],
    [4, '智能温室控制终端', '202430456789.6', a.employee_id, 45474, '外观'],
  ]
}

/** The title row is row 1, the headers row 2: data starts at row 3. */
const FIRST_ROW = 3
const letter = (i: number) => String.fromCharCode(65 + i)
const saved = new Map<string, Mapping>()
const key = (table: Table, headers: string[]) => `${table}\u001f${headers.join('\u001f')}`

function opened(path: string, sheet: string | null): string {
  if (!/\.(xlsx|csv)$/i.test(path)) throw new ApiError('invalid_input', '输入有 1 处问题，未写入任何数据', [
    { sheet: path.split('/').pop() ?? '', row: 0, column: '', cell: null, value: '', code: 'unsupported_format', problem: '只支持 .xlsx 和 .csv 文件' },
  ])
  const name = sheet ?? '专利清单'
  if (name !== '专利清单') throw new ApiError('invalid_input', '输入有 1 处问题，未写入任何数据', [
    { sheet: name, row: 0, column: '', cell: null, value: '', code: 'no_header', problem: '没有表头行' },
  ])
  return name
}

export async function wizardOpen(path: string, sheet: string | null, table: Table): Promise<SourceSheet> {
  const name = opened(path, sheet)
  const data = rows(path)
  return structuredClone({
    sheets: SHEETS,
    sheet: name,
    header_row: 2,
    headers: HEADERS,
    sample: data.slice(0, 5).map((r) => r.map(String)),
    rows: data.length,
    saved: saved.get(key(table, HEADERS)) ?? null,
  })
}

const CHOICES: Record<string, string> = {
  发明: 'invention_patent', 发明专利: 'invention_patent', 实用新型: 'utility_model', 实用新型专利: 'utility_model',
  外观: 'design_patent', 外观设计专利: 'design_patent', 申请中: 'pending', 有效: 'in_force', 授权: 'in_force',
}

interface Converted {
  lines: PreviewLine[]
  problems: SourceProblem[]
}

function convert(path: string, sheet: string, mapping: Mapping): Converted {
  const fields = TEMPLATE[mapping.table]
  const missing = fields.filter((f) => f.required && !mapping.fields.some((m) => m.field === f.key && (m.column || m.fixed?.trim())))
  if (missing.length) {
    throw new ApiError('invalid_input', `输入有 ${missing.length} 处问题，未写入任何数据`, missing.map((f) => (
      { sheet: '', row: 0, column: f.header, cell: null, value: '', code: 'missing_column', problem: '缺少必填列' }
    )))
  }
  const people = fake.fakeStore().people
  const lines: PreviewLine[] = []
  const problems: SourceProblem[] = []
  rows(path).forEach((source, i) => {
    const row = FIRST_ROW + i
    const values = fields.map((f) => {
      const m = mapping.fields.find((x) => x.field === f.key)
      if (!m) return ''
      const col = m.column ? HEADERS.indexOf(m.column) : -1
      const raw = col >= 0 ? source[col] : ''
      const text = String(raw).trim() || m.fixed?.trim() || ''
      const problem = (value: string, code: string, what: string) =>
        problems.push({ sheet, row, cell: col >= 0 ? `${letter(col)}${row}` : null, column: HEADERS[col] ?? f.header, field: f.key, value, code, problem: what })
      if (!text) {
        if (f.required) problem('', 'required', '必填项为空')
        return ''
      }
      switch (m.conversion) {
        case 'date': {
          const iso = typeof raw === 'number' ? excelSerial(raw) : chineseDate(text)
          if (!iso) problem(text, 'bad_date', '日期无效')
          return iso ?? ''
        }
        case 'wan_yuan': {
          const fen = wanToFen(text)
          if (fen === null) problem(text, 'bad_wan_yuan', '不是万元金额（如 12.5 或 12.5万元，最多 6 位小数）')
          return fen === null ? '' : `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`
        }
        case 'names': {
          const entries = splitNames(text)
          const out: string[] = []
          for (const e of entries) {
            const found = people.filter((p) => p.name === e.name || p.employee_id === e.name)
            if (found.length !== 1) {
              problem(e.name, found.length ? 'ambiguous_name' : 'unknown_name', found.length ? `有 ${found.length} 位人员同名，请改写为工号` : '没有此姓名的人员：请先导入人员，或改写为工号')
              return ''
            }
            out.push(`${found[0]!.employee_id}${e.starred ? '*' : ''}:${(e.bp ?? 10000) / 100}`)
          }
          if (entries.length > 1 && entries.every((e) => e.bp === null)) {
            problem(text, 'shares_missing', '多名完成人须写明各自份额，如 张三(60%)、李四(40%)')
            return ''
          }
          return out.join('; ')
        }
        default:
          return text
      }
    })
    lines.push({ row, values })
  })
  return { lines, problems }
}

export async function wizardPreview(path: string, sheet: string | null, mapping: Mapping, limit: number): Promise<Preview> {
  const { lines, problems } = convert(path, opened(path, sheet), mapping)
  return structuredClone({ fields: TEMPLATE[mapping.table].map((f) => f.key), rows: lines.length, lines: lines.slice(0, limit), problems })
}

export async function wizardImport(job: string, path: string, sheet: string | null, mapping: Mapping): Promise<ImportSummary> {
  await fakeJobs.step(job, { done: 0, total: 0, step: 'read' })
  const { lines, problems } = convert(path, opened(path, sheet), mapping)
  await fakeJobs.step(job, { done: 0, total: lines.length, step: 'convert' })
  await fakeJobs.step(job, { done: 0, total: lines.length, step: 'check' })
  if (problems.length) {
    throw new ApiError('invalid_input', `输入有 ${problems.length} 处问题，未写入任何数据`, problems.map((p) => ({ sheet: p.sheet, row: p.row, column: p.column, cell: p.cell, value: p.value, code: p.code, problem: p.problem })))
  }
  await fakeJobs.step(job, { done: lines.length, total: lines.length, step: 'write' })
  if (mapping.table === 'achievements') {
    const store = fake.fakeStore()
    const at = (k: string) => TEMPLATE.achievements.findIndex((f) => f.key === k)
    let id = Math.max(...store.achievements.map((a) => a.id)) + 1
    for (const line of lines) {
      const v = (k: string) => line.values[at(k)] || null
      store.achievements.push({
        id: id++,
        achievement_no: v('achievement_no') ?? '',
        title: v('title') ?? '',
        kind: (CHOICES[v('kind') ?? ''] ?? 'other') as AchievementKind,
        application_no: v('application_no')?.replace(/^(ZL|CN)/, '') ?? null,
        filed_on: v('filed_on'),
        grant_no: v('grant_no'),
        granted_on: v('granted_on'),
        status: 'pending',
        department: v('department') ?? '',
        fiscal_project: null,
        fees_paid_through: null,
        fees_paid_through_assumed: false,
        inventors: (v('inventors') ?? '').split('; ').map((entry) => {
          const [who = '', share = ''] = entry.split(':')
          const person = store.people.find((p) => p.employee_id === who.replace('*', ''))!
          return { person, share_bp: Math.round(Number(share) * 100), key_contributor: who.endsWith('*') }
        }),
      })
    }
  }
  return { table: mapping.table, rows: lines.length, inserted: lines.length, updated: 0, dry_run: false, warnings: [] }
}

export async function saveImportMapping(headers: string[], mapping: Mapping): Promise<void> {
  saved.set(key(mapping.table, headers), structuredClone(mapping))
}

/** The standard import as a job: the same steps as the backend's, then the fake import. */
export async function importFile(job: string, table: Table, path: string, dryRun: boolean): Promise<ImportSummary> {
  await fakeJobs.step(job, { done: 0, total: 0, step: 'read' })
  await fakeJobs.step(job, { done: 0, total: 2, step: 'check' })
  if (!dryRun) await fakeJobs.step(job, { done: 2, total: 2, step: 'write' })
  return fake.importFile(table, path, dryRun)
}

/** Back to no saved mappings (unit tests). */
export function resetWizard(): void {
  saved.clear()
}
