// Suggests which column of an office's own sheet feeds each standard field: a synonym table of
// the headers offices actually write, then string similarity (bigram Dice on headers stripped of
// spaces, brackets and units) above a threshold. A convenience only: the person confirms every
// choice and the backend checks whatever mapping arrives.
import type { Conversion, FieldSource, Table } from '../../api'
import { conversionsFor, TEMPLATE, type TemplateField } from './template'

/** Headers that mean a field, besides its standard header and English key. */
const SYNONYMS: Record<Table, Record<string, string[]>> = {
  people: {
    employee_id: ['职工号', '教工号', '人员编号', '工作证号', '编号'],
    name: ['人员姓名', '教师姓名', '名字'],
    department: ['单位', '学院', '部门', '所在学院', '所在部门', '院系'],
    category: ['人员类型', '类别'],
    leader_level: ['职务', '行政职务'],
    id_number: ['身份证', '身份证号码', '证件号码'],
  },
  organizations: {
    name: ['单位', '企业名称', '公司名称', '合作单位'],
    credit_code: ['信用代码', '社会信用代码', '统一信用代码'],
    ownership: ['企业性质', '单位类型', '性质'],
    size: ['规模', '企业类型'],
    region: ['地区', '所在省份', '省份', '注册地'],
  },
  achievements: {
    achievement_no: ['编号', '成果号', '内部编号'],
    title: ['专利名称', '名称', '项目名称', '发明名称', '成果'],
    kind: ['类型', '专利类型', '成果类别', '类别', '知识产权类型'],
    application_no: ['专利号', '专利申请号', '申请专利号'],
    filed_on: ['申请日期', '专利申请日', '申请时间'],
    grant_no: ['授权公告号', '证书号', '专利证书号', '登记号'],
    granted_on: ['授权日期', '授权公告日', '授权时间'],
    status: ['状态', '专利状态', '法律状态'],
    department: ['学院', '单位', '所在学院', '所属学院', '院系', '部门'],
    fiscal_project: ['资助项目', '项目编号', '财政项目'],
    fees_paid_through: ['年费缴至', '已缴年费年度'],
    inventors: ['发明人', '发明人员', '完成人员', '发明人(贡献比例)', '设计人', '作者'],
    // Not 共同专利权人: too close to 专利权人, the patentee column that lists the institution too.
    co_owners: ['共同权利人', '专利权共有人', '共有权人', '共有单位'],
  },
  contracts: {
    contract_no: ['合同号', '编号'],
    title: ['项目名称', '合同项目', '名称'],
    kind: ['合同类型', '类型', '转化类型'],
    license_kind: ['许可方式'],
    counterparty: ['甲方', '受让方', '被许可方', '委托方', '合作企业', '企业名称'],
    amount: ['金额', '合同额', '合同总额', '合同总金额'],
    signed_on: ['签约日期', '签订时间', '签署日期', '合同日期'],
    achievements: ['成果编号', '关联成果'],
    registration_no: ['登记号', '合同登记号'],
    equity_units: ['股权', '持股'],
  },
  receipts: {
    contract_no: ['合同号'],
    received_on: ['到款日期', '入账日期', '到账时间'],
    amount: ['金额', '到款金额', '入账金额'],
    voucher_no: ['凭证编号', '单据号'],
  },
  costs: {
    contract_no: ['合同号'],
    incurred_on: ['日期', '支出日期', '发生时间'],
    category: ['类别', '费用类型'],
    amount: ['费用金额', '支出金额'],
    note: ['备注', '摘要'],
  },
}

/** Below this Dice similarity a header is not suggested. */
export const THRESHOLD = 0.6

/** `合同额（万元）` → `合同额`, ` 发明人(贡献比例) ` → `发明人`, `Amount` → `amount`. */
export function normalize(header: string): string {
  return header
    .replace(/[（(【[][^）)】\]]*[）)】\]]/g, '')
    .replace(/\s+/g, '')
    .replace(/(万元|元|%|％)$/u, '')
    .replace(/[：:*＊]+$/u, '')
    .toLowerCase()
}

function bigrams(s: string): string[] {
  const chars = [...s]
  if (chars.length < 2) return chars
  return chars.slice(1).map((c, i) => chars[i] + c)
}

/** Bigram Dice coefficient, 0–1 (1: the same text). */
export function dice(a: string, b: string): number {
  if (a === b) return a ? 1 : 0
  const x = bigrams(a)
  const y = bigrams(b)
  if (!x.length || !y.length) return 0
  const pool = new Map<string, number>()
  for (const g of y) pool.set(g, (pool.get(g) ?? 0) + 1)
  let shared = 0
  for (const g of x) {
    const n = pool.get(g) ?? 0
    if (n > 0) {
      shared++
      pool.set(g, n - 1)
    }
  }
  return (2 * shared) / (x.length + y.length)
}

/** How well a header names a field: 1 for its header, key or a synonym, else the best Dice. */
export function score(table: Table, field: TemplateField, header: string): number {
  const h = normalize(header)
  if (!h) return 0
  const names = [field.header, field.key, ...(SYNONYMS[table][field.key] ?? [])].map(normalize)
  if (names.includes(h)) return 1
  return Math.max(...names.map((n) => dice(h, n)))
}

/** The conversion a field gets from a header: 万元 when the header says so, else the first offered. */
export function conversionFor(field: TemplateField, header: string | null): Conversion {
  if (field.value === 'money' && header && /万/.test(header)) return 'wan_yuan'
  return conversionsFor(field.value)[0] ?? 'none'
}

export interface Suggested extends FieldSource {
  /** The column was suggested (not chosen by the person nor saved). */
  suggested: boolean
}

/**
 * One entry per field of the table: the best header at or above the threshold, each header
 * feeding at most one field (the strongest pairs first).
 */
export function suggest(table: Table, headers: string[]): Suggested[] {
  const fields = TEMPLATE[table]
  const pairs: { field: number; column: number; score: number }[] = []
  fields.forEach((field, i) =>
    headers.forEach((header, j) => {
      const s = score(table, field, header)
      if (s >= THRESHOLD) pairs.push({ field: i, column: j, score: s })
    }),
  )
  // Strongest first; ties go to the earlier field and the earlier column, so the result is stable.
  pairs.sort((a, b) => b.score - a.score || a.field - b.field || a.column - b.column)
  const chosen = new Map<number, number>()
  const used = new Set<number>()
  for (const p of pairs) {
    if (chosen.has(p.field) || used.has(p.column)) continue
    chosen.set(p.field, p.column)
    used.add(p.column)
  }
  // An office's patent list rarely has a number of its own: the 申请号 column then numbers the
  // achievements too (one column may feed two fields).
  const no = fields.findIndex((f) => f.key === 'achievement_no')
  const app = fields.findIndex((f) => f.key === 'application_no')
  if (no >= 0 && app >= 0 && !chosen.has(no) && chosen.has(app)) chosen.set(no, chosen.get(app)!)
  return fields.map((field, i) => {
    const column = chosen.has(i) ? (headers[chosen.get(i)!] ?? null) : null
    return { field: field.key, column, conversion: conversionFor(field, column), fixed: null, suggested: column !== null }
  })
}
