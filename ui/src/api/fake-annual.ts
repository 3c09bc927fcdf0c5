// The annual-report side of the fake backend (科技成果转化年度报告, spec annual-report.md).
//
// The indicators are COMPUTED, not fixed: achievements and the transfer/license/equity contracts
// with their receipts come from the fake portfolio (./fake.ts), the paid distributions from
// ./fake-rewards.ts. Two things the portfolio does not hold are fixed here: the counterparties'
// ownership, region and size (COUNTERPARTIES, by company name) and a few technical development /
// consulting / service contracts (TECHNICAL). A contract belongs to the department of its first
// achievement. Every indicator is summed from the same record lines `indicatorRecords` returns,
// so totals equal the sums of their parts and the drawer always adds up to the figure.
//
// Filing freezes the institution's indicators; the fake then books a late receipt on a
// technical service contract of that year (entered after filing), so `changes` is never empty
// after filing and the screen's "since filing" table can be tested.
import { ApiError } from './error'
import { fakeStore, TODAY } from './fake'
import * as fakeJobs from './fake-jobs'
import { getDistribution } from './fake-rewards'
import type {
  AnnualReport,
  Change,
  CheckFinding,
  ContractKind,
  Distribution,
  Indicators,
  ProblemReport,
  RecordLine,
  RecordRef,
  ReportYear,
} from './types.gen'

const INSTITUTION = '西南理工大学'
const PROVINCE = '四川省'
const FILED_BY = '周晓雯'

type Ownership = 'state_owned' | 'private' | 'foreign' | 'other'
type Size = 'large' | 'medium' | 'small' | 'micro'
type Party = { ownership: Ownership; region: string; size: Size }

/** The counterparties of the fake portfolio; a region outside China counts as 境外. */
const COUNTERPARTIES: Record<string, Party> = {
  四川长虹电器股份有限公司: { ownership: 'state_owned', region: '四川省', size: 'large' },
  成都天府智能科技有限公司: { ownership: 'private', region: '四川省', size: 'small' },
  绵阳九洲新材料有限公司: { ownership: 'state_owned', region: '四川省', size: 'medium' },
  重庆渝新能源科技有限公司: { ownership: 'private', region: '重庆市', size: 'medium' },
  宜宾锂宝新材料有限公司: { ownership: 'state_owned', region: '四川省', size: 'medium' },
  德阳东方重装设备有限公司: { ownership: 'state_owned', region: '四川省', size: 'large' },
  贵州黔丰生物科技有限公司: { ownership: 'private', region: '贵州省', size: 'small' },
  深圳华拓电子有限公司: { ownership: 'foreign', region: '广东省', size: 'medium' },
  成都蜀道化工有限公司: { ownership: 'private', region: '四川省', size: 'micro' },
  攀枝花钒钛科技有限公司: { ownership: 'state_owned', region: '四川省', size: 'large' },
  西安秦创机器人有限公司: { ownership: 'private', region: '陕西省', size: 'small' },
  南充果州农业发展有限公司: { ownership: 'other', region: '四川省', size: 'micro' },
  'Nordic Grid Solutions AB': { ownership: 'foreign', region: '境外', size: 'medium' },
}

type Receipt = { on: string; amount_fen: number; voucher: string }
type Deal = {
  no: string
  title: string
  kind: ContractKind
  department: string
  counterparty: string
  signed_on: string
  amount_fen: number
  receipts: Receipt[]
}

/**
 * Technical contracts (the portfolio has none). JS2025-003 was received before it was signed
 * (the error finding of 2025); JS2025-005 received more than its amount (a warning).
 */
const TECHNICAL: Deal[] = [
  { no: 'JS2024-001', title: '工业视觉检测算法技术开发合同', kind: 'development', department: '计算机学院', counterparty: '四川长虹电器股份有限公司', signed_on: '2024-04-12', amount_fen: 45_000_000, receipts: [{ on: '2024-06-01', amount_fen: 30_000_000, voucher: '记-2024-06-0110' }, { on: '2025-02-20', amount_fen: 15_000_000, voucher: '记-2025-02-0042' }] },
  { no: 'JS2024-002', title: '钒钛合金热处理工艺技术咨询合同', kind: 'consulting', department: '材料科学与工程学院', counterparty: '攀枝花钒钛科技有限公司', signed_on: '2024-09-03', amount_fen: 8_000_000, receipts: [{ on: '2024-10-15', amount_fen: 8_000_000, voucher: '记-2024-10-0077' }] },
  { no: 'JS2025-001', title: '配电网故障定位系统技术开发合同', kind: 'development', department: '电气工程学院', counterparty: '德阳东方重装设备有限公司', signed_on: '2025-03-18', amount_fen: 120_000_000, receipts: [{ on: '2025-04-30', amount_fen: 60_000_000, voucher: '记-2025-04-0388' }, { on: '2025-10-30', amount_fen: 30_000_000, voucher: '记-2025-10-0215' }] },
  { no: 'JS2025-002', title: '储能变流器测试技术服务合同', kind: 'service', department: '电气工程学院', counterparty: 'Nordic Grid Solutions AB', signed_on: '2025-05-06', amount_fen: 18_000_000, receipts: [{ on: '2025-07-01', amount_fen: 18_000_000, voucher: '记-2025-07-0009' }] },
  { no: 'JS2025-003', title: '页岩气脱硫剂中试技术服务合同', kind: 'service', department: '化学化工学院', counterparty: '成都蜀道化工有限公司', signed_on: '2025-06-18', amount_fen: 6_000_000, receipts: [{ on: '2025-06-05', amount_fen: 3_000_000, voucher: '记-2025-06-0031' }] },
  { no: 'JS2025-004', title: '茶多酚提取工艺技术咨询合同', kind: 'consulting', department: '生命科学学院', counterparty: '贵州黔丰生物科技有限公司', signed_on: '2025-08-22', amount_fen: 5_000_000, receipts: [{ on: '2025-09-10', amount_fen: 5_000_000, voucher: '记-2025-09-0150' }] },
  { no: 'JS2025-005', title: '数控机床主轴振动检测技术服务合同', kind: 'service', department: '机械工程学院', counterparty: '德阳东方重装设备有限公司', signed_on: '2025-10-09', amount_fen: 4_000_000, receipts: [{ on: '2025-11-03', amount_fen: 4_000_000, voucher: '记-2025-11-0020' }, { on: '2025-12-15', amount_fen: 600_000, voucher: '记-2025-12-0166' }] },
  { no: 'JS2026-001', title: '联邦学习推荐系统技术开发合同', kind: 'development', department: '计算机学院', counterparty: '成都天府智能科技有限公司', signed_on: '2026-03-02', amount_fen: 60_000_000, receipts: [{ on: '2026-04-01', amount_fen: 30_000_000, voucher: '记-2026-04-0012' }] },
]

const TRANSFORMATION_KINDS = ['transfer', 'license', 'equity'] as const
const isTransformation = (k: ContractKind) => (TRANSFORMATION_KINDS as readonly ContractKind[]).includes(k)
const ONE_MILLION_YUAN_FEN = 100_000_000

type State = { years: Map<number, ReportYear>; snapshots: Map<number, Indicators>; late: Map<number, Receipt> }
let state: State | null = null
const db = (): State => (state ??= { years: new Map(), snapshots: new Map(), late: new Map() })

/** Back to the unfiled state (unit tests). */
export function resetAnnual(): void {
  state = null
}

/** Every contract the report reads: the portfolio's, then the technical ones (with any late receipt). */
function deals(): Deal[] {
  const { achievements, contracts } = fakeStore()
  const departmentOf = new Map(achievements.map((a) => [a.id, a.department]))
  const portfolio: Deal[] = contracts.map((c) => ({
    no: c.contract_no,
    title: c.title,
    kind: c.kind,
    department: departmentOf.get(c.achievements[0]?.id ?? -1) ?? '',
    counterparty: c.counterparty,
    signed_on: c.signed_on,
    amount_fen: c.amount_fen,
    receipts: c.receipts.map((r) => ({ on: r.received_on, amount_fen: r.amount_fen, voucher: r.voucher_no ?? `${c.contract_no}/${r.received_on}` })),
  }))
  const late = db().late
  const technical = TECHNICAL.map((d) => {
    const extra = [...late.values()].filter((r) => r.voucher.endsWith(d.no))
    return { ...d, receipts: [...d.receipts, ...extra] }
  })
  return [...portfolio, ...technical]
}

/** The paid distributions (ids are dense from 1 in the fake). */
async function paidDistributions(): Promise<Distribution[]> {
  const found: Distribution[] = []
  for (let id = 1; ; id++) {
    const d = await getDistribution(id).catch(() => null)
    if (!d) break
    if (d.state === 'paid' && d.paid_on) found.push(d)
  }
  return found
}

function zero(year: number): Indicators {
  const flow = () => ({ count: 0, contract_amount_fen: 0, received_fen: 0 })
  const deals = () => ({ count: 0, contract_amount_fen: 0 })
  return {
    year,
    institution: INSTITUTION,
    province: PROVINCE,
    due_on: defaultDue(year),
    achievements: {
      granted: { invention_patent: 0, utility_model: 0, design_patent: 0, software_copyright: 0, ic_layout: 0, plant_variety: 0, know_how: 0, other: 0, total: 0 },
      fiscal_funded: 0,
    },
    transformation: {
      transfer: flow(),
      license: flow(),
      equity: flow(),
      total: flow(),
      by_ownership: { state_owned: deals(), private: deals(), foreign: deals(), other: deals() },
      to_sme: deals(),
      by_region: { in_province: deals(), out_of_province: deals(), abroad: deals() },
      over_1m_count: 0,
    },
    technical: { development: flow(), consulting: flow(), service: flow(), total: flow() },
    rewards: {
      cash_fen: 0,
      cash_person_times: 0,
      key_contributor_cash_fen: 0,
      leader_cash_fen: 0,
      leader_person_times: 0,
      principal_leader_person_times: 0,
      equity_units: 0,
      equity_person_times: 0,
    },
    income: { received_fen: 0, transformation_received_fen: 0, reward_pool_fen: 0 },
    organization: { transfer_staff: 0, companies_created: 0 },
  }
}

const defaultDue = (year: number) => `${year + 1}-03-31`

type Tree = { [key: string]: number | string | Tree }

/** Every numeric leaf of the indicators as [dotted path, value]. */
export function leaves(indicators: Indicators): [string, number][] {
  const out: [string, number][] = []
  const walk = (node: Tree, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      const path = prefix ? `${prefix}.${key}` : key
      if (typeof value === 'number') {
        if (path !== 'year') out.push([path, value])
      } else if (typeof value === 'object') walk(value, path)
    }
  }
  walk(indicators as unknown as Tree, '')
  return out
}

type Computed = { indicators: Indicators; lines: Map<string, RecordLine[]> }

/** Sums every indicator from its record lines; `department` null: the whole institution. */
async function compute(year: number, department: string | null): Promise<Computed> {
  const y = String(year)
  const inYear = (d: string | null) => d?.slice(0, 4) === y
  const indicators = zero(year)
  const tree = indicators as unknown as Tree
  const lines = new Map<string, RecordLine[]>()
  const bump = (path: string, by: number, line: RecordLine) => {
    const keys = path.split('.')
    const last = keys.pop() as string
    const node = keys.reduce((n, k) => n[k] as Tree, tree)
    node[last] = (node[last] as number) + by
    lines.set(path, [...(lines.get(path) ?? []), line])
  }
  const mine = (d: string) => department === null || d === department

  for (const a of fakeStore().achievements) {
    if (!inYear(a.granted_on) || !mine(a.department)) continue
    const line: RecordLine = { kind: 'achievement', id: a.id, key: a.achievement_no, title: a.title, date: a.granted_on, amount_fen: null }
    bump(`achievements.granted.${a.kind}`, 1, line)
    bump('achievements.granted.total', 1, line)
    if (a.fiscal_project) bump('achievements.fiscal_funded', 1, line)
  }

  deals().forEach((d, n) => {
    if (!mine(d.department)) return
    const part = isTransformation(d.kind) ? 'transformation' : 'technical'
    const paths = (field: string) => [`${part}.${d.kind}.${field}`, `${part}.total.${field}`]
    if (inYear(d.signed_on)) {
      const line: RecordLine = { kind: 'contract', id: n + 1, key: d.no, title: d.title, date: d.signed_on, amount_fen: d.amount_fen }
      const counted = { ...line, amount_fen: null }
      for (const p of paths('count')) bump(p, 1, counted)
      for (const p of paths('contract_amount_fen')) bump(p, d.amount_fen, line)
      if (part === 'transformation') {
        const party = COUNTERPARTIES[d.counterparty]
        const deal = (p: string) => {
          bump(`${p}.count`, 1, counted)
          bump(`${p}.contract_amount_fen`, d.amount_fen, line)
        }
        if (party) {
          deal(`transformation.by_ownership.${party.ownership}`)
          if (party.size !== 'large') deal('transformation.to_sme')
          deal(`transformation.by_region.${party.region === PROVINCE ? 'in_province' : party.region === '境外' ? 'abroad' : 'out_of_province'}`)
        }
        if (d.amount_fen >= ONE_MILLION_YUAN_FEN) bump('transformation.over_1m_count', 1, counted)
        if (d.kind === 'equity') bump('organization.companies_created', 1, counted)
      }
    }
    for (const r of d.receipts) {
      if (!inYear(r.on)) continue
      const line: RecordLine = { kind: 'receipt', id: n + 1, key: r.voucher, title: `${d.no} ${d.title}`, date: r.on, amount_fen: r.amount_fen }
      for (const p of paths('received_fen')) bump(p, r.amount_fen, line)
      bump('income.received_fen', r.amount_fen, line)
      if (part === 'transformation') bump('income.transformation_received_fen', r.amount_fen, line)
    }
  })

  const departmentOfContract = new Map(deals().map((d) => [d.no, d.department]))
  for (const d of await paidDistributions()) {
    if (!inYear(d.paid_on) || !mine(departmentOfContract.get(d.contract_no) ?? '')) continue
    const line = (amount: number | null): RecordLine => ({ kind: 'distribution', id: d.id, key: `#${d.id}`, title: `${d.contract_no} ${d.contract_title}`, date: d.paid_on, amount_fen: amount })
    const sum = (test: (a: Distribution['allocations'][number]) => boolean, value: (a: Distribution['allocations'][number]) => number) =>
      d.allocations.filter(test).reduce((s, a) => s + value(a), 0)
    const count = (test: (a: Distribution['allocations'][number]) => boolean) => d.allocations.filter(test).length
    const add = (path: string, value: number, money: boolean) => value !== 0 && bump(path, value, line(money ? value : null))
    if (d.kind === 'equity') {
      add('rewards.equity_units', sum(() => true, (a) => a.units ?? 0), false)
      add('rewards.equity_person_times', count((a) => (a.units ?? 0) > 0), false)
      continue
    }
    const cash = (a: Distribution['allocations'][number]) => a.amount_fen ?? 0
    const leader = (a: Distribution['allocations'][number]) => a.leader_level !== 'none'
    add('rewards.cash_fen', sum(() => true, cash), true)
    add('rewards.cash_person_times', count((a) => cash(a) > 0), false)
    add('rewards.key_contributor_cash_fen', sum((a) => a.key_contributor, cash), true)
    add('rewards.leader_cash_fen', sum(leader, cash), true)
    add('rewards.leader_person_times', count((a) => leader(a) && cash(a) > 0), false)
    add('rewards.principal_leader_person_times', count((a) => a.leader_level === 'unit_principal' && cash(a) > 0), false)
    add('income.reward_pool_fen', d.pool_fen ?? 0, true)
  }

  indicators.organization.transfer_staff = fakeStore().people.filter((p) => p.category === 'transfer_staff' && mine(p.department)).length
  const saved = db().years.get(year)
  if (saved) indicators.due_on = saved.due_on
  return { indicators, lines }
}

/** The checks of the year (whole institution), errors first. */
async function check(year: number): Promise<CheckFinding[]> {
  const y = String(year)
  const findings: CheckFinding[] = []
  const ref = (kind: string, key: string): RecordRef => ({ kind, key })
  for (const d of deals()) {
    const early = d.receipts.filter((r) => r.on.startsWith(y) && r.on < d.signed_on)
    if (early.length) {
      findings.push({
        code: 'receipt_before_signing',
        severity: 'error',
        message: `合同 ${d.no} 的到账（${early.map((r) => r.on).join('、')}）早于签订日期 ${d.signed_on}`,
        records: [ref('contract', d.no), ...early.map((r) => ref('receipt', r.voucher))],
      })
    }
    const received = d.receipts.reduce((s, r) => s + r.amount_fen, 0)
    if (d.receipts.some((r) => r.on.startsWith(y)) && received > d.amount_fen) {
      findings.push({ code: 'receipts_exceed_amount', severity: 'warning', message: `合同 ${d.no} 累计到账超过合同金额（可能含提成）`, records: [ref('contract', d.no)] })
    }
    if (isTransformation(d.kind) && d.signed_on.startsWith(y) && !COUNTERPARTIES[d.counterparty]) {
      findings.push({ code: 'counterparty_incomplete', severity: 'error', message: `合同 ${d.no} 的受让方缺少企业性质或所在地区`, records: [ref('contract', d.no)] })
    }
  }
  for (const a of fakeStore().achievements) {
    if (a.granted_on?.startsWith(y) && !a.grant_no) {
      findings.push({ code: 'grant_no_missing', severity: 'warning', message: `成果 ${a.achievement_no} 于 ${year} 年授权但缺少授权号`, records: [ref('achievement', a.achievement_no)] })
    }
  }
  for (let id = 1; ; id++) {
    const d = await getDistribution(id).catch(() => null)
    if (!d) break
    if (d.state === 'draft' && d.receipts.some((r) => r.received_on.startsWith(y))) {
      findings.push({ code: 'distribution_draft', severity: 'warning', message: `收益分配 #${d.id}（${d.contract_no}）分配了 ${year} 年的到账，仍为草稿`, records: [ref('distribution', String(d.id))] })
    }
  }
  const [now, before] = await Promise.all([compute(year, null), compute(year - 1, null)])
  const previous = new Map(leaves(before.indicators))
  for (const path of ['transformation.total.contract_amount_fen', 'technical.total.contract_amount_fen', 'income.received_fen', 'rewards.cash_fen']) {
    const value = new Map(leaves(now.indicators)).get(path) ?? 0
    const last = previous.get(path) ?? 0
    if (last > 0 && (value > 3 * last || value * 3 < last)) {
      findings.push({ code: 'indicator_jump', severity: 'warning', message: `指标 ${path} 与 ${year - 1} 年相比变化超过 3 倍，请核对`, records: [ref('indicator', path)] })
    }
  }
  const changes = await changesOf(year, now.indicators)
  if (changes.length) {
    findings.push({ code: 'changed_since_filing', severity: 'warning', message: `${year} 年度报告已报送，此后有 ${changes.length} 项指标发生变化`, records: changes.map((c) => ref('indicator', c.indicator)) })
  }
  return [...findings.filter((f) => f.severity === 'error'), ...findings.filter((f) => f.severity === 'warning')]
}

async function changesOf(year: number, now: Indicators): Promise<Change[]> {
  const filed = db().snapshots.get(year)
  if (!filed) return []
  const then = new Map(leaves(filed))
  return leaves(now).flatMap(([indicator, value]) => {
    const old = then.get(indicator) ?? 0
    return old === value ? [] : [{ indicator, filed: old, now: value }]
  })
}

function reportYear(year: number): ReportYear {
  return structuredClone(db().years.get(year) ?? { year, due_on: defaultDue(year), narrative: ['', '', '', '', '', ''], cases: [], filed_at: null, filed_by: null })
}

const attempt = async <T>(step: () => Promise<T> | T): Promise<T> => structuredClone(await step())

export function annualReport(year: number, department: string | null): Promise<AnnualReport> {
  return attempt(async () => {
    const { indicators } = await compute(year, department)
    const whole = department === null ? indicators : (await compute(year, null)).indicators
    return { indicators, year: reportYear(year), findings: await check(year), changes: await changesOf(year, whole) }
  })
}

export function indicatorRecords(year: number, indicator: string, department: string | null): Promise<RecordLine[]> {
  return attempt(async () => {
    const { indicators, lines } = await compute(year, department)
    if (!leaves(indicators).some(([path]) => path === indicator)) throw new ApiError('not_found', `未找到指标：${indicator}`)
    return [...(lines.get(indicator) ?? [])].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.key.localeCompare(b.key))
  })
}

const problem = (column: string, value: string, code: string, text: string): ProblemReport => ({ sheet: '', row: 0, column, cell: null, value, code, problem: text })
const filedError = (year: number) => new ApiError('report_filed', `${year} 年度报告已报送，不能修改`)
const MAX_TEXT = 20_000

export function saveReportYear(input: ReportYear): Promise<ReportYear> {
  return attempt(() => {
    const { year } = input
    if (db().years.get(year)?.filed_at) throw filedError(year)
    const problems: ProblemReport[] = []
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.due_on) || Number.isNaN(Date.parse(input.due_on))) {
      problems.push(problem('due_on', input.due_on, 'bad_date', '日期无效'))
    } else if (input.due_on <= `${year}-12-31`) {
      problems.push(problem('due_on', input.due_on, 'due_in_year', `截止日期应晚于 ${year}-12-31`))
    }
    if (input.narrative.length !== 6) problems.push(problem('narrative', String(input.narrative.length), 'bad_count', '应为六部分'))
    input.narrative.forEach((text, i) => {
      if ([...text].length > MAX_TEXT) problems.push(problem(`narrative[${i}]`, text.slice(0, 20), 'too_long', `不超过 ${MAX_TEXT} 字`))
    })
    const known = new Set(deals().map((d) => d.no))
    input.cases.forEach((c, i) => {
      if (!known.has(c.contract_no)) problems.push(problem(`cases[${i}]`, c.contract_no, 'not_found', '未找到该合同'))
      else if (input.cases.findIndex((o) => o.contract_no === c.contract_no) < i) problems.push(problem(`cases[${i}]`, c.contract_no, 'duplicate', '合同重复'))
      else if (!c.text.trim()) problems.push(problem(`cases[${i}]`, c.text, 'required', '案例说明为空'))
    })
    if (problems.length) throw new ApiError('invalid_input', `输入有 ${problems.length} 处问题，未写入任何数据`, problems)
    const saved: ReportYear = {
      year,
      due_on: input.due_on,
      narrative: input.narrative.map((t) => t.trim()),
      cases: input.cases.map((c) => ({ contract_no: c.contract_no, text: c.text.trim() })),
      filed_at: null,
      filed_by: null,
    }
    db().years.set(year, saved)
    return saved
  })
}

export function fileReportYear(year: number, overrideReason: string | null): Promise<ReportYear> {
  return attempt(async () => {
    if (db().years.get(year)?.filed_at) throw filedError(year)
    const blocking = (await check(year)).find((f) => f.severity === 'error')
    if (blocking && !overrideReason?.trim()) throw new ApiError(blocking.code, `${blocking.message}；如需报送请说明理由`)
    const filed: ReportYear = { ...reportYear(year), filed_at: `${TODAY}T16:20:00`, filed_by: FILED_BY }
    db().years.set(year, filed)
    db().snapshots.set(year, (await compute(year, null)).indicators)
    // Entered after filing: a receipt of the year on its first technical service contract.
    const room = (d: Deal) => d.amount_fen - d.receipts.reduce((sum, r) => sum + r.amount_fen, 0)
    const late = TECHNICAL.find((d) => d.kind === 'service' && d.signed_on.startsWith(String(year)) && room(d) >= 2_000_000)
    if (late) db().late.set(year, { on: `${year}-12-28`, amount_fen: 2_000_000, voucher: `记-${year}-12-0301/${late.no}` })
    return filed
  })
}

export function exportAnnual(job: string, year: number, department: string | null, dir: string): Promise<string[]> {
  return attempt(async () => {
    // The real export's three steps, slow enough for the progress bar to be seen.
    for (const [done, step] of [[0, 'figures'], [1, 'workbook'], [2, 'document']] as const) {
      await fakeJobs.step(job, { done, total: 3, step })
    }
    const base = `${dir.replace(/[\\/]$/, '')}/${year}年度科技成果转化年度报告${department ? `（${department}）` : ''}`
    return [`${base}.xlsx`, `${base}.pdf`]
  })
}

export function pickFolder(): Promise<string | null> {
  return Promise.resolve('/home/office/导出')
}
