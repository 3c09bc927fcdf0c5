// The reward side of the fake backend: policy versions, the holiday calendar, and distributions
// with their workflow, over the fake portfolio of ./fake.ts. Same figures and refusals as the
// Rust side (src-tauri/core/src/{money, reward, distribution, policy, calendar}.rs): money in
// integer fen, the pool rounded half up once, the split by largest remainder exact to the fen,
// the same state checks in the same order with the same error codes.
import { ApiError } from './error'
import { fakeStore, TODAY, type Contract, type Person, type Store } from './fake'
import type {
  Allocation,
  Approval,
  ContractChoice,
  ContractKind,
  DayKind,
  Distribution,
  DistributionPage,
  DistributionQuery,
  DistributionRow,
  DistributionState,
  Finding,
  Holiday,
  LinkedAchievement,
  Plan,
  Policy,
  ProblemReport,
  Proposal,
  ReceiptLine,
  StaffChoice,
  Tier,
} from './types.gen'

const FULL_BP = 10000
const MAX_PAGE_SIZE = 200
/** 财税〔2018〕58号: the 50% relief needs payment within 36 months of the income. */
const TAX_RELIEF_MONTHS = 36
const INSTITUTION_PROVINCE = '四川省'

// ---------------------------------------------------------------------------------------------
// Money (domain.md §1)

/** 四舍五入 of numerator / denominator, halves away from zero (money.rs `round_half_up`). */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  const q = numerator / denominator
  const r = numerator % denominator
  const abs = r < 0n ? -r : r
  return 2n * abs >= denominator ? q + (numerator < 0n ? -1n : 1n) : q
}

/** amount × bp / 10000, rounded half up. */
export const applyBp = (amount: number, bp: number): number => Number(roundHalfUp(BigInt(amount) * BigInt(bp), BigInt(FULL_BP)))

/**
 * Splits `total` by integer weights (largest remainder): floors first, then one unit each to the
 * largest remainders; ties go to the larger weight, then to the smaller key. The parts sum to
 * `total`; a negative total mirrors the positive split.
 */
export function allocate(total: number, weights: readonly (readonly [string, number])[]): number[] {
  if (weights.length === 0) return []
  const w = weights.map(([, x]) => BigInt(Math.max(x, 0)))
  const sum = w.reduce((a, b) => a + b, 0n)
  if (sum === 0n) return weights.map(() => 0)
  const magnitude = BigInt(Math.abs(total))
  const parts = w.map((x) => (magnitude * x) / sum)
  const order = w.map((x, i) => ({ rest: (magnitude * x) % sum, i }))
  order.sort(
    (a, b) =>
      (a.rest === b.rest ? 0 : a.rest > b.rest ? -1 : 1) ||
      (w[a.i] === w[b.i] ? 0 : w[a.i]! > w[b.i]! ? -1 : 1) ||
      compare(weights[a.i]![0], weights[b.i]![0]),
  )
  let left = magnitude - parts.reduce((a, b) => a + b, 0n)
  for (const { i } of order) {
    if (left === 0n) break
    parts[i]! += 1n
    left -= 1n
  }
  return parts.map((p) => Number(total < 0 ? -p : p))
}

const compare = (a: string, b: string) => (a === b ? 0 : a < b ? -1 : 1)

// ---------------------------------------------------------------------------------------------
// Dates and the holiday calendar (domain.md §3)

const parse = (iso: string) => iso.split('-').map(Number) as [number, number, number]
const utc = (iso: string) => {
  const [y, m, d] = parse(iso)
  return new Date(Date.UTC(y, m - 1, d))
}
const iso = (date: Date) => date.toISOString().slice(0, 10)
export const addDays = (day: string, days: number): string => iso(new Date(utc(day).getTime() + days * 86_400_000))

/** Calendar months later, clamped to the month's end (chrono's `checked_add_months`). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = parse(day)
  const total = y * 12 + (m - 1) + months
  const [year, month] = [Math.floor(total / 12), (total % 12) + 1]
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

const isWeekend = (day: string) => [0, 6].includes(utc(day).getUTCDay())

/** A day off: a listed holiday, or a weekend not listed as worked. */
function isDayOff(day: string, listed: ReadonlyMap<string, DayKind>): boolean {
  const kind = listed.get(day)
  return kind === undefined ? isWeekend(day) : kind === 'rest'
}

/**
 * 民法典 Art. 201–203: the posting day does not count, so the last day is `from + days`; a last
 * day that is a day off moves to the next working day. Posted 2024-01-08 for 15 days → 2024-01-23.
 */
export function periodEnd(from: string, days: number, holidays: readonly Holiday[]): string {
  const listed = new Map(holidays.map((h) => [h.day, h.kind]))
  let last = addDays(from, days)
  while (isDayOff(last, listed)) last = addDays(last, 1)
  return last
}

type HolidayRow = [string, DayKind, string]
const rest = (name: string, ...days: string[]): HolidayRow[] => days.map((d) => [d, 'rest', name])
const work = (name: string, ...days: string[]): HolidayRow[] => days.map((d) => [d, 'work', `${name}调休上班`])
const range = (first: string, count: number) => Array.from({ length: count }, (_, i) => addDays(first, i))

/** The State Council's arrangements 2024–2026, as shipped by migration 0002. */
const SHIPPED_HOLIDAYS: HolidayRow[] = [
  ...rest('元旦', '2024-01-01'),
  ...rest('春节', ...range('2024-02-10', 8)),
  ...work('春节', '2024-02-04', '2024-02-18'),
  ...rest('清明节', ...range('2024-04-04', 3)),
  ...work('清明节', '2024-04-07'),
  ...rest('劳动节', ...range('2024-05-01', 5)),
  ...work('劳动节', '2024-04-28', '2024-05-11'),
  ...rest('端午节', '2024-06-10'),
  ...rest('中秋节', ...range('2024-09-15', 3)),
  ...work('中秋节', '2024-09-14'),
  ...rest('国庆节', ...range('2024-10-01', 7)),
  ...work('国庆节', '2024-09-29', '2024-10-12'),
  ...rest('元旦', '2025-01-01'),
  ...rest('春节', ...range('2025-01-28', 8)),
  ...work('春节', '2025-01-26', '2025-02-08'),
  ...rest('清明节', ...range('2025-04-04', 3)),
  ...rest('劳动节', ...range('2025-05-01', 5)),
  ...work('劳动节', '2025-04-27'),
  ...rest('端午节', ...range('2025-05-31', 3)),
  ...rest('国庆节、中秋节', ...range('2025-10-01', 8)),
  ...work('国庆节、中秋节', '2025-09-28', '2025-10-11'),
  ...rest('元旦', ...range('2026-01-01', 3)),
  ...work('元旦', '2026-01-04'),
  ...rest('春节', ...range('2026-02-15', 9)),
  ...work('春节', '2026-02-14', '2026-02-28'),
  ...rest('清明节', ...range('2026-04-04', 3)),
  ...rest('劳动节', ...range('2026-05-01', 5)),
  ...work('劳动节', '2026-05-09'),
  ...rest('端午节', ...range('2026-06-19', 3)),
  ...rest('中秋节', ...range('2026-09-25', 3)),
  ...rest('国庆节', ...range('2026-10-01', 7)),
  ...work('国庆节', '2026-09-20', '2026-10-10'),
]

// ---------------------------------------------------------------------------------------------
// Errors with the backend's codes and sentences (error.rs `refusal_text`, problem.rs)

const REFUSALS: Record<string, string> = {
  publicity_not_finished: '公示期尚未结束（或尚未公示），不能发放',
  distribution_not_approved: '收益分配尚未审批',
  distribution_not_draft: '只有草稿可以审批、修改或删除',
  distribution_paid: '已发放的收益分配不能修改或删除，只能冲销',
  distribution_not_paid: '只有已发放的收益分配可以冲销',
  distribution_reversed: '这笔收益分配已有冲销',
  distribution_open: '该合同还有未发放的收益分配，请先办完或删除它',
  nothing_to_distribute: '没有可分配的新到账或股权',
  decision_before_receipt: '集体决策日期早于所分配的最后一笔到账',
  publicity_before_decision: '公示开始日期早于集体决策日期',
  date_in_future: '日期晚于今天',
  not_waivable: '此人没有待决定的股权奖励',
  policy_in_use: '该政策版本已用于已审批的收益分配，不能修改或删除；请新增一个版本',
  policy_overlap: '同一生效日期已有政策版本',
  policy_last: '至少要保留一个政策版本',
  key_contributors_below_minimum: '主要贡献人员合计低于政策规定的最低比例',
  principal_leader_equity_blocked: '单位正职领导不得获得股权奖励：须记录其放弃的决定',
  transfer_staff_below_minimum: '转化人员奖励低于政策规定的最低比例',
  granted_ownership_no_unit_reward: '已赋权的成果不再给予单位奖励',
}

function refused(code: string, detail = ''): ApiError {
  const text = REFUSALS[code] ?? '操作被拒绝'
  return new ApiError(code, detail ? `${text}：${detail}` : text)
}

const problem = (column: string, value: string, code: string, text: string, row = 0): ProblemReport => ({
  sheet: '',
  row,
  column,
  cell: null,
  value,
  code,
  problem: text,
})

function invalid(problems: ProblemReport[]): ApiError {
  return new ApiError('invalid_input', `输入有 ${problems.length} 处问题，未写入任何数据`, problems)
}

const notFound = (what: string, key: string | number) => new ApiError('not_found', `未找到${what}：${key}`)

// ---------------------------------------------------------------------------------------------
// Policy versions (policy.rs)

const DEFAULT_POLICY: Omit<Policy, 'id' | 'effective_on'> = {
  transfer_bp: 7000,
  license_bp: 7000,
  equity_bp: 7000,
  development_bp: 0,
  consulting_bp: 0,
  service_bp: 0,
  tiers: [],
  key_contributor_min_bp: 5000,
  transfer_staff_bp: null,
  transfer_staff_min_bp: null,
  publicity_days: 15,
  payment_deadline_months: null,
  remainder_department_bp: 0,
  remainder_university_bp: FULL_BP,
  remainder_office_bp: 0,
  note: null,
  in_use: false,
}

const RATIO_OF: Record<ContractKind, keyof Policy & `${string}_bp`> = {
  transfer: 'transfer_bp',
  license: 'license_bp',
  equity: 'equity_bp',
  development: 'development_bp',
  consulting: 'consulting_bp',
  service: 'service_bp',
}

type Terms = { ratio_bp: number; key_contributor_min_bp: number; transfer_staff_bp: number | null; transfer_staff_min_bp: number | null }

/** The most specific matching tier (highest threshold, then in-province, then kind-specific) replaces the kind's ratio. */
function terms(p: Policy, kind: ContractKind, amount: number, inProvince: boolean): Terms {
  const rank = (t: Tier) => [t.min_amount_fen, t.in_province ? 1 : 0, t.kind ? 1 : 0]
  const tier = p.tiers
    .filter((t) => (t.kind === null || t.kind === kind) && amount >= t.min_amount_fen && (!t.in_province || inProvince))
    .reduce<Tier | null>((best, t) => {
      if (!best) return t
      const [a, b] = [rank(t), rank(best)]
      const later = a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!
      return later >= 0 ? t : best // max_by_key keeps the last of equals
    }, null)
  return {
    ratio_bp: tier ? tier.ratio_bp : (p[RATIO_OF[kind]] as number),
    key_contributor_min_bp: p.key_contributor_min_bp,
    transfer_staff_bp: p.transfer_staff_bp,
    transfer_staff_min_bp: p.transfer_staff_min_bp,
  }
}

const RATIO_TEXT = '比例应在 0 到 100% 之间'
const between = (lo: number, hi: number) => `应为 ${lo} 到 ${hi} 之间的整数`
const percent = (bp: number) => (bp / 100).toFixed(2).replace(/\.?0+$/, '')

function policyProblems(p: Policy): ProblemReport[] {
  const out: ProblemReport[] = []
  const bpFields: [string, number | null][] = [
    ['transfer_bp', p.transfer_bp],
    ['license_bp', p.license_bp],
    ['equity_bp', p.equity_bp],
    ['development_bp', p.development_bp],
    ['consulting_bp', p.consulting_bp],
    ['service_bp', p.service_bp],
    ['key_contributor_min_bp', p.key_contributor_min_bp],
    ['transfer_staff_bp', p.transfer_staff_bp],
    ['transfer_staff_min_bp', p.transfer_staff_min_bp],
    ['remainder_department_bp', p.remainder_department_bp],
    ['remainder_university_bp', p.remainder_university_bp],
    ['remainder_office_bp', p.remainder_office_bp],
  ]
  for (const [field, bp] of bpFields) {
    if (bp !== null && (bp < 0 || bp > FULL_BP)) out.push(problem(field, String(bp), 'bad_ratio', RATIO_TEXT))
  }
  p.tiers.forEach((t, i) => {
    const field = `tiers[${i}]`
    if (t.ratio_bp < 0 || t.ratio_bp > FULL_BP) out.push(problem(field, String(t.ratio_bp), 'bad_ratio', RATIO_TEXT))
    if (t.min_amount_fen < 0) out.push(problem(field, String(t.min_amount_fen), 'bad_amount', '金额不能为负数'))
    if (p.tiers.slice(0, i).some((o) => o.kind === t.kind && o.min_amount_fen === t.min_amount_fen && o.in_province === t.in_province)) {
      out.push(problem(field, String(t.min_amount_fen), 'repeated_entry', '与前面的分档重复'))
    }
  })
  const parts = p.remainder_department_bp + p.remainder_university_bp + p.remainder_office_bp
  if (parts !== FULL_BP) out.push(problem('remainder', String(parts), 'parts_not_100', `各部分合计为 ${percent(parts)}%，应恰好为 100%`))
  if (!(p.publicity_days >= 1 && p.publicity_days <= 90)) {
    out.push(problem('publicity_days', String(p.publicity_days), 'bad_integer', between(1, 90)))
  }
  const months = p.payment_deadline_months
  if (months !== null && !(months >= 1 && months <= 60)) out.push(problem('payment_deadline_months', String(months), 'bad_integer', between(1, 60)))
  if (p.note && [...p.note].length > 2000) out.push(problem('note', '', 'too_long', '超过 2000 个字符'))
  return out
}

// ---------------------------------------------------------------------------------------------
// The plan (reward.rs)

type Contributor = Pick<Person, 'employee_id' | 'name' | 'department' | 'leader_level'> & { share_bp: number; key_contributor: boolean }

type PlanInput = {
  contract_no: string
  kind: ContractKind
  registered: boolean
  equity_units: number | null
  receipts: ReceiptLine[]
  costs: number
  carried_in_costs: number
  achievements: { weight_bp: number; inventors: Contributor[] }[]
  transfer_staff: Contributor[]
  terms: Terms
}

const amountOf = (a: Allocation) => a.units ?? a.amount_fen ?? 0

export function plan(input: PlanInput): Plan {
  const receiptsFen = input.receipts.reduce((s, r) => s + r.amount_fen, 0)
  const charges = input.costs + input.carried_in_costs
  const net = Math.max(receiptsFen - charges, 0)
  const carriedOut = Math.max(charges - receiptsFen, 0)
  const ratio = input.terms.ratio_bp
  const equity = input.kind === 'equity'
  const pool = equity ? 0 : applyBp(net, ratio)
  const poolUnits = equity && input.equity_units !== null ? applyBp(input.equity_units, ratio) : null
  const toSplit = poolUnits ?? pool

  const staffBp = input.terms.transfer_staff_bp
  const staffPart = staffBp !== null && input.transfer_staff.length ? applyBp(toSplit, staffBp) : 0
  const line = (p: Contributor, weight: number, amount: number, key: boolean, staff: boolean): Allocation => ({
    employee_id: p.employee_id,
    name: p.name,
    department: p.department,
    weight_bp: weight,
    amount_fen: amount,
    key_contributor: key,
    leader_level: p.leader_level,
    transfer_staff: staff,
    waived: false,
  })
  const lines: Allocation[] = []
  const staffParts = allocate(
    staffPart,
    input.transfer_staff.map((s) => [s.employee_id, 1] as const),
  )
  input.transfer_staff.forEach((s, i) => lines.push(line(s, 0, staffParts[i]!, false, true)))

  const people: { p: Contributor; w: number; key: boolean }[] = []
  for (const a of input.achievements) {
    for (const i of a.inventors) {
      const w = a.weight_bp * i.share_bp
      const entry = people.find((x) => x.p.employee_id === i.employee_id)
      if (entry) {
        entry.w += w
        entry.key ||= i.key_contributor
      } else people.push({ p: i, w, key: i.key_contributor })
    }
  }
  const parts = allocate(
    toSplit - staffPart,
    people.map(({ p, w }) => [p.employee_id, w] as const),
  )
  people.forEach(({ p, w, key }, i) => lines.push(line(p, Number(roundHalfUp(BigInt(w), BigInt(FULL_BP))), parts[i]!, key, false)))

  const halfTaxable = input.registered && (input.kind === 'transfer' || input.kind === 'license')
  for (const l of lines) {
    const amount = l.amount_fen!
    if (equity) {
      l.units = amount
      delete l.amount_fen
    } else {
      l.taxable_fen = halfTaxable ? applyBp(amount, 5000) : amount
    }
  }
  lines.sort((a, b) => amountOf(b) - amountOf(a) || compare(a.employee_id, b.employee_id))

  const units = equity ? input.equity_units : null
  return {
    contract_no: input.contract_no,
    kind: input.kind,
    receipts: input.receipts,
    receipts_fen: receiptsFen,
    costs_fen: input.costs,
    carried_in_costs_fen: input.carried_in_costs,
    net_income_fen: net,
    carried_out_costs_fen: carriedOut,
    ratio_bp: ratio,
    ...(equity ? {} : { pool_fen: pool }),
    ...(units !== null ? { equity_units: units } : {}),
    ...(poolUnits !== null ? { pool_units: poolUnits } : {}),
    allocations: lines,
    institution_fen: net - pool,
    ...(units !== null && poolUnits !== null ? { institution_units: units - poolUnits } : {}),
    findings: findings(input, lines, toSplit),
  }
}

function findings(input: PlanInput, lines: Allocation[], pool: number): Finding[] {
  const out: Finding[] = []
  const below = (part: number, minBp: number) => BigInt(part) * BigInt(FULL_BP) < BigInt(pool) * BigInt(minBp)
  const sum = (test: (a: Allocation) => boolean) => lines.filter(test).reduce((s, a) => s + amountOf(a), 0)
  if (pool > 0 && below(sum((a) => a.key_contributor), input.terms.key_contributor_min_bp)) {
    out.push({ code: 'key_contributors_below_minimum', severity: 'error', employee_id: null })
  }
  const min = input.terms.transfer_staff_min_bp
  if (pool > 0 && min !== null && below(sum((a) => a.transfer_staff), min)) {
    out.push({ code: 'transfer_staff_below_minimum', severity: 'error', employee_id: null })
  }
  for (const l of lines) {
    if (input.kind === 'equity' && l.leader_level === 'unit_principal' && amountOf(l) > 0) {
      out.push({ code: 'principal_leader_equity_blocked', severity: 'error', employee_id: l.employee_id })
    }
    if (l.leader_level !== 'none' && amountOf(l) > 0) {
      out.push({ code: 'leader_reward_needs_publicity', severity: 'warning', employee_id: l.employee_id })
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// The store

type Saved = {
  distribution: Omit<Distribution, 'reversed_by_id'>
  receipts: string[]
  costs: string[]
}

type Rewards = {
  base: Store
  policies: Policy[]
  holidays: Holiday[]
  saved: Saved[]
  nextId: number
  nextPolicyId: number
}

let rewards: Rewards | null = null

/** Built from the current fake portfolio; `resetFake` (a new portfolio) rebuilds it. */
function db(): Rewards {
  const base = fakeStore()
  if (rewards?.base !== base) rewards = seed(base)
  return rewards
}

const clone = <T>(value: T): Promise<T> => Promise.resolve(structuredClone(value))
const attempt = <T>(work: () => T): Promise<T> => {
  try {
    return clone(work())
  } catch (e) {
    return Promise.reject(e)
  }
}

/** A receipt or cost of a contract, by its position. */
const lineKey = (c: Contract, i: number) => `${c.contract_no}#${i}`
/** A saved distribution whose paid reversal gave its receipts and costs back. */
const reversedByPaid = (r: Rewards, id: number) => r.saved.some((s) => s.distribution.reverses_id === id && s.distribution.state === 'paid')
const contractOf = (r: Rewards, no: string) => r.base.contracts.find((c) => c.contract_no === no.trim())
const ofContract = (r: Rewards, no: string) => r.saved.filter((s) => s.distribution.contract_no === no)

function regionOf(counterparty: string): string {
  if (/^(四川|成都|绵阳|宜宾|德阳|攀枝花|南充)/.test(counterparty)) return INSTITUTION_PROVINCE
  if (counterparty.startsWith('重庆')) return '重庆市'
  if (counterparty.startsWith('贵州')) return '贵州省'
  if (counterparty.startsWith('深圳')) return '广东省'
  return '陕西省'
}

function policyInForce(r: Rewards, signedOn: string): Policy {
  const found = r.policies.filter((p) => p.effective_on <= signedOn).sort((a, b) => compare(b.effective_on, a.effective_on))[0]
  return found ?? { ...DEFAULT_POLICY, id: null, effective_on: signedOn }
}

type Prepared = { proposal: Proposal; contract: Contract; receipts: string[]; costs: string[]; equityDone: boolean }

function prepare(r: Rewards, contractNo: string, through: string, staff: string[]): Prepared {
  const c = contractOf(r, contractNo)
  if (!c) throw notFound('合同', contractNo)
  const policy = policyInForce(r, c.signed_on)
  const t = terms(policy, c.kind, c.amount_fen, regionOf(c.counterparty) === INSTITUTION_PROVINCE)
  const taken = (field: 'receipts' | 'costs', key: string) =>
    r.saved.some((s) => s[field].includes(key) && !reversedByPaid(r, s.distribution.id))

  const receiptKeys: string[] = []
  const receipts = c.receipts
    .map((line, i) => ({ line, key: lineKey(c, i) }))
    .filter(({ line, key }) => line.received_on <= through && !taken('receipts', key))
    .sort((a, b) => compare(a.line.received_on, b.line.received_on))
    .map(({ line, key }) => (receiptKeys.push(key), { ...line }))
  const costKeys: string[] = []
  let costs = 0
  c.costs.forEach((cost, i) => {
    const key = lineKey(c, i)
    if (cost.incurred_on <= through && !taken('costs', key)) {
      costKeys.push(key)
      costs += cost.amount_fen
    }
  })
  const previous = ofContract(r, c.contract_no)
    .filter((s) => s.distribution.reverses_id === null && !reversedByPaid(r, s.distribution.id))
    .sort((a, b) => b.distribution.id - a.distribution.id)[0]
  const equityDone = c.kind === 'equity' && previous !== undefined

  const person = (id: string) => r.base.people.find((p) => p.employee_id === id)
  const achievements = c.achievements.map((link) => {
    const a = r.base.achievements.find((x) => x.id === link.id)!
    return {
      linked: { achievement_no: a.achievement_no, title: a.title, weight_bp: link.weight_bp } satisfies LinkedAchievement,
      weighted: {
        weight_bp: link.weight_bp,
        inventors: a.inventors.map(({ person: p, share_bp, key_contributor }) => ({
          employee_id: p.employee_id,
          name: p.name,
          department: p.department,
          leader_level: p.leader_level,
          share_bp,
          key_contributor,
        })),
      },
    }
  })

  const problems: ProblemReport[] = []
  const transferStaff: Contributor[] = []
  for (const id of staff.map((s) => s.trim()).filter((s) => s)) {
    const p = person(id)
    if (!p) problems.push(problem('staff', id, 'unknown_reference', `人员（工号）${id} 不存在`))
    else if (p.category !== 'transfer_staff') problems.push(problem('staff', id, 'bad_choice', '取值应为：转化人员'))
    else if (transferStaff.some((s) => s.employee_id === id)) problems.push(problem('staff', id, 'repeated_entry', `${id} 重复`))
    else transferStaff.push({ ...p, share_bp: 0, key_contributor: false })
  }
  if (problems.length) throw invalid(problems)

  const planned = plan({
    contract_no: c.contract_no,
    kind: c.kind,
    registered: c.registration_no !== null,
    equity_units: c.equity_units === null ? null : equityDone ? 0 : c.equity_units,
    receipts,
    costs,
    carried_in_costs: previous?.distribution.carried_out_costs_fen ?? 0,
    achievements: achievements.map((a) => a.weighted),
    transfer_staff: transferStaff,
    terms: t,
  })
  const lastIncome = planned.receipts.at(-1)?.received_on ?? c.signed_on
  const months = policy.payment_deadline_months
  return {
    proposal: {
      ...planned,
      contract_title: c.title,
      counterparty: c.counterparty,
      signed_on: c.signed_on,
      contract_amount_fen: c.amount_fen,
      registration_no: c.registration_no,
      achievements: achievements.map((a) => a.linked),
      through_on: through,
      policy_id: policy.id ?? 0,
      policy_effective_on: policy.effective_on,
      policy_publicity_days: policy.publicity_days,
      transfer_staff_bp: policy.transfer_staff_bp,
      payment_due_on: months === null ? null : addMonths(lastIncome, months),
    },
    contract: c,
    receipts: receiptKeys,
    costs: costKeys,
    equityDone,
  }
}

function find(r: Rewards, id: number): Saved {
  const s = r.saved.find((x) => x.distribution.id === id)
  if (!s) throw notFound('收益分配', id)
  return s
}

function view(r: Rewards, s: Saved): Distribution {
  const reversal = r.saved.find((x) => x.distribution.reverses_id === s.distribution.id)
  return { ...s.distribution, reversed_by_id: reversal?.distribution.id ?? null }
}

/** distribution.rs `require`: the same code for the same wrong state. */
function require(d: Pick<Distribution, 'id' | 'state'>, allowed: DistributionState[]) {
  if (allowed.includes(d.state)) return
  const code =
    d.state === 'paid'
      ? 'distribution_paid'
      : d.state === 'draft'
        ? 'distribution_not_approved'
        : allowed.length === 1 && allowed[0] === 'draft'
          ? 'distribution_not_draft'
          : d.state === 'approved'
            ? 'publicity_not_finished'
            : 'distribution_not_draft'
  throw refused(code, `#${d.id} ${STATE_ZH[d.state]}`)
}

const STATE_ZH: Record<DistributionState, string> = { draft: '草稿', approved: '已审批', publicized: '已公示', paid: '已发放' }

const openOf = (r: Rewards, contractNo: string) => ofContract(r, contractNo).find((s) => s.distribution.state !== 'paid')

function insert(r: Rewards, p: Proposal, createdAt: string, refs: Pick<Saved, 'receipts' | 'costs'>, reversal: { id: number; reason: string } | null): Saved {
  const saved: Saved = {
    distribution: {
      ...structuredClone(p),
      id: r.nextId++,
      state: 'draft',
      reverses_id: reversal?.id ?? null,
      reason: reversal?.reason ?? null,
      created_at: createdAt,
      decision_on: null,
      minutes_file: null,
      minutes_sha256: null,
      override_reason: null,
      publicity_from: null,
      publicity_days: null,
      publicity_ends_on: null,
      paid_on: null,
    },
    ...refs,
  }
  r.saved.push(saved)
  return saved
}

function create(r: Rewards, contractNo: string, through: string, staff: string[], createdAt: string): Distribution {
  const prepared = prepare(r, contractNo, through, staff)
  const open = openOf(r, prepared.contract.contract_no)
  if (open) throw refused('distribution_open', `#${open.distribution.id}`)
  const nothing = prepared.contract.kind === 'equity' ? prepared.equityDone : prepared.proposal.receipts.length === 0
  if (nothing) throw refused('nothing_to_distribute', contractNo)
  return view(r, insert(r, prepared.proposal, createdAt, prepared, null))
}

/** A stand-in for the SHA-256 of the minutes file, which the fake cannot read: 64 hex digits from the path. */
function fakeSha256(text: string): string {
  let out = ''
  for (let round = 0; round < 8; round++) {
    let h = 0x811c9dc5 ^ round
    for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193)
    out += (h >>> 0).toString(16).padStart(8, '0')
  }
  return out
}

function approve(r: Rewards, id: number, approval: Approval, today: string): Distribution {
  const s = find(r, id)
  const d = s.distribution
  require(d, ['draft'])
  const lastReceipt = d.receipts.map((x) => x.received_on).sort().at(-1)
  if (lastReceipt && approval.decision_on < lastReceipt) throw refused('decision_before_receipt', approval.decision_on)
  if (approval.decision_on > today) throw refused('date_in_future', approval.decision_on)
  const waived = approval.waive.map((w) => w.trim())
  const lines: Allocation[] = []
  for (const employee of waived) {
    const line = d.allocations.find(
      (a) => a.employee_id === employee && a.leader_level === 'unit_principal' && (a.units ?? 0) > 0 && !a.waived && !lines.includes(a),
    )
    if (!line) throw refused('not_waivable', employee)
    lines.push(line)
  }
  const standing = d.findings.filter((f) => f.severity === 'error' && !(f.employee_id !== null && waived.includes(f.employee_id)))
  const blocked = standing.find((f) => f.code === 'principal_leader_equity_blocked')
  if (blocked) throw refused(blocked.code, blocked.employee_id ?? '')
  const reason = approval.override_reason?.trim() || null
  const first = standing[0]
  if (first && !reason) throw refused(first.code, first.employee_id ?? '')

  for (const line of lines) line.waived = true
  d.findings = d.findings.filter((f) => !(f.code === 'principal_leader_equity_blocked' && f.employee_id !== null && waived.includes(f.employee_id)))
  if (d.institution_units !== undefined && d.institution_units !== null) {
    d.institution_units += lines.reduce((sum, l) => sum + (l.units ?? 0), 0)
  }
  Object.assign(d, {
    state: 'approved',
    decision_on: approval.decision_on,
    minutes_file: approval.minutes_file,
    minutes_sha256: approval.minutes_file ? fakeSha256(approval.minutes_file) : null,
    override_reason: standing.length ? reason : null,
  })
  return view(r, s)
}

function publicize(r: Rewards, id: number, from: string, days: number | null): Distribution {
  const s = find(r, id)
  const d = s.distribution
  require(d, ['approved', 'publicized'])
  if (d.decision_on && from < d.decision_on) throw refused('publicity_before_decision', from)
  const n = days ?? d.policy_publicity_days
  if (!(Number.isInteger(n) && n >= 1 && n <= 90)) throw invalid([problem('days', String(n), 'bad_integer', between(1, 90))])
  Object.assign(d, { state: 'publicized', publicity_from: from, publicity_days: n, publicity_ends_on: periodEnd(from, n, r.holidays) })
  return view(r, s)
}

function pay(r: Rewards, id: number, paidOn: string, today: string): Distribution {
  const s = find(r, id)
  const d = s.distribution
  require(d, ['publicized'])
  if (!d.publicity_ends_on || paidOn <= d.publicity_ends_on) {
    const payable = d.publicity_ends_on ? addDays(d.publicity_ends_on, 1) : ''
    throw refused('publicity_not_finished', `${paidOn} < ${payable}`)
  }
  if (paidOn > today) throw refused('date_in_future', paidOn)
  const firstIncome = d.receipts.map((x) => x.received_on).sort()[0]
  if (firstIncome && paidOn > addMonths(firstIncome, TAX_RELIEF_MONTHS)) {
    for (const a of d.allocations) if (a.amount_fen !== undefined && a.amount_fen !== null) a.taxable_fen = a.amount_fen
  }
  Object.assign(d, { state: 'paid', paid_on: paidOn })
  return view(r, s)
}

function reverse(r: Rewards, id: number, reason: string, createdAt: string): Distribution {
  const why = reason.trim()
  if (!why) throw invalid([problem('reason', '', 'required', '必填项为空')])
  const original = view(r, find(r, id))
  if (original.state !== 'paid' || original.reverses_id !== null) throw refused('distribution_not_paid', `#${id}`)
  if (original.reversed_by_id !== null) throw refused('distribution_reversed', `#${original.reversed_by_id}`)
  const open = openOf(r, original.contract_no)
  if (open) throw refused('distribution_open', `#${open.distribution.id}`)
  const neg = (x: number) => (x === 0 ? 0 : -x)
  const negOpt = <K extends string>(o: Partial<Record<K, number | null>>, k: K) => {
    const v = o[k]
    if (v !== undefined && v !== null) o[k] = neg(v)
  }
  const p: Proposal = structuredClone(original)
  p.payment_due_on = null
  p.receipts = []
  p.findings = []
  p.receipts_fen = neg(p.receipts_fen)
  p.costs_fen = neg(p.costs_fen)
  p.carried_in_costs_fen = neg(p.carried_in_costs_fen)
  p.net_income_fen = neg(p.net_income_fen)
  p.institution_fen = neg(p.institution_fen)
  p.carried_out_costs_fen = 0
  for (const k of ['pool_fen', 'equity_units', 'pool_units', 'institution_units'] as const) negOpt(p, k)
  for (const a of p.allocations) for (const k of ['amount_fen', 'taxable_fen', 'units'] as const) negOpt(a, k)
  // insert() starts the workflow fields afresh; view() recomputes reversed_by_id.
  return view(r, insert(r, p, createdAt, { receipts: [], costs: [] }, { id, reason: why }))
}

function discard(r: Rewards, id: number) {
  const s = find(r, id)
  require(s.distribution, ['draft'])
  r.saved = r.saved.filter((x) => x !== s)
}

function toRow(s: Saved, today: string): DistributionRow {
  const d = s.distribution
  return {
    id: d.id,
    contract_no: d.contract_no,
    contract_title: d.contract_title,
    kind: d.kind,
    state: d.state,
    reverses_id: d.reverses_id,
    through_on: d.through_on,
    net_income_fen: d.net_income_fen,
    pool_fen: d.pool_fen ?? null,
    pool_units: d.pool_units ?? null,
    created_on: d.created_at.slice(0, 10),
    decision_on: d.decision_on,
    publicity_ends_on: d.publicity_ends_on,
    payment_due_on: d.payment_due_on,
    paid_on: d.paid_on,
    payment_overdue: d.state !== 'paid' && d.payment_due_on !== null && d.payment_due_on < today,
  }
}

// ---------------------------------------------------------------------------------------------
// Seed: three policy versions and seven distributions in every state

function seed(base: Store): Rewards {
  const r: Rewards = {
    base,
    policies: [
      { ...DEFAULT_POLICY, id: 1, effective_on: '1900-01-01', note: '默认政策（促进科技成果转化法第45条，本省比例70%）' },
      {
        ...DEFAULT_POLICY,
        id: 2,
        effective_on: '2024-01-01',
        payment_deadline_months: 6,
        remainder_department_bp: 3000,
        remainder_university_bp: 5000,
        remainder_office_bp: 2000,
        note: '《西南理工大学科技成果转化管理办法》（校发〔2023〕41号）',
      },
      {
        ...DEFAULT_POLICY,
        id: 3,
        effective_on: '2026-07-01',
        license_bp: 7500,
        development_bp: 1000,
        tiers: [{ kind: null, min_amount_fen: 100_000_000, in_province: true, ratio_bp: 8000 }],
        transfer_staff_bp: 500,
        transfer_staff_min_bp: 500,
        payment_deadline_months: 6,
        remainder_department_bp: 3000,
        remainder_university_bp: 5000,
        remainder_office_bp: 2000,
        note: '校发〔2026〕12号：省内百万元以上合同提高至80%，增设转化人员奖励（不低于5%）',
      },
    ],
    holidays: SHIPPED_HOLIDAYS.map(([day, kind, name]) => ({ day, kind, name })).sort((a, b) => compare(a.day, b.day)),
    saved: [],
    nextId: 1,
    nextPolicyId: 4,
  }
  const minutes = (day: string) => `/home/office/会议纪要/${day} 校长办公会纪要.pdf`
  const approval = (day: string): Approval => ({ decision_on: day, minutes_file: minutes(day), override_reason: null, waive: [] })
  const run = (no: string, through: string, createdOn: string, steps: { decided?: string; posted?: string; paid?: string }) => {
    const { id } = create(r, no, through, [], `${createdOn}T10:00:00`)
    if (steps.decided) approve(r, id, approval(steps.decided), steps.decided)
    if (steps.posted) publicize(r, id, steps.posted, null)
    if (steps.paid) pay(r, id, steps.paid, steps.paid)
    return id
  }
  run('HT2024-206', '2024-12-31', '2025-01-03', { decided: '2025-01-06', posted: '2025-01-07', paid: '2025-02-10' })
  run('HT2025-201', '2025-06-30', '2025-07-01', { decided: '2025-07-08', posted: '2025-07-09', paid: '2025-08-05' })
  const cancelled = run('HT2025-202', '2025-09-30', '2025-10-09', { decided: '2025-10-13', posted: '2025-10-14', paid: '2025-11-10' })
  const reversal = reverse(r, cancelled, '合同解除，许可费已全额退还被许可方', '2025-12-01T15:30:00').id
  approve(r, reversal, approval('2025-12-03'), '2025-12-03')
  publicize(r, reversal, '2025-12-04', null)
  pay(r, reversal, '2025-12-22', '2025-12-22')
  run('HT2026-204', '2026-10-31', '2026-11-02', { decided: '2026-11-05' })
  run('HT2026-203', '2026-10-31', '2026-11-09', { decided: '2026-11-13', posted: '2026-11-16' })
  run('HT2026-205', TODAY, '2026-11-20', {})
  return r
}

// ---------------------------------------------------------------------------------------------
// The commands

export function planDistribution(contractNo: string, through: string | null, staff: string[]): Promise<Proposal> {
  return attempt(() => prepare(db(), contractNo, through ?? TODAY, staff).proposal)
}

export function createDistribution(contractNo: string, through: string | null, staff: string[]): Promise<Distribution> {
  return attempt(() => create(db(), contractNo, through ?? TODAY, staff, `${TODAY}T09:30:00`))
}

export function getDistribution(id: number): Promise<Distribution> {
  return attempt(() => view(db(), find(db(), id)))
}

export function listDistributions(q: DistributionQuery): Promise<DistributionPage> {
  return attempt(() => {
    const r = db()
    const size = Math.min(Math.max(q.page_size, 1), MAX_PAGE_SIZE)
    const page = Math.max(q.page, 1)
    const no = q.contract_no?.trim()
    const search = q.search?.trim().toLowerCase()
    const rows = r.saved
      .map((s) => toRow(s, TODAY))
      .filter(
        (row) =>
          (q.state === null || row.state === q.state) &&
          (!no || row.contract_no === no) &&
          (!search || row.contract_no.toLowerCase().includes(search) || row.contract_title.toLowerCase().includes(search)) &&
          (q.year === null || row.through_on.startsWith(`${q.year}-`)) &&
          (!q.overdue || row.payment_overdue),
      )
      .sort((a, b) => b.id - a.id)
    return { total: rows.length, rows: rows.slice((page - 1) * size, page * size) }
  })
}

export function approveDistribution(id: number, approval: Approval): Promise<Distribution> {
  return attempt(() => approve(db(), id, approval, TODAY))
}

export function publicizeDistribution(id: number, from: string, days: number | null): Promise<Distribution> {
  return attempt(() => publicize(db(), id, from, days))
}

export function payDistribution(id: number, paidOn: string): Promise<Distribution> {
  return attempt(() => pay(db(), id, paidOn, TODAY))
}

export function reverseDistribution(id: number, reason: string): Promise<Distribution> {
  return attempt(() => reverse(db(), id, reason, `${TODAY}T09:30:00`))
}

export function discardDistribution(id: number): Promise<void> {
  return attempt(() => discard(db(), id))
}

export function publicityEnd(from: string, days: number): Promise<string> {
  return attempt(() => {
    if (!(Number.isInteger(days) && days >= 1 && days <= 90)) throw invalid([problem('days', String(days), 'bad_integer', between(1, 90))])
    return periodEnd(from, days, db().holidays)
  })
}

export function contractChoices(search: string): Promise<ContractChoice[]> {
  return attempt(() => {
    const r = db()
    const needle = search.trim().toLowerCase()
    return r.base.contracts
      .filter((c) => !needle || [c.contract_no, c.title, c.counterparty].some((v) => v.toLowerCase().includes(needle)))
      .sort((a, b) => compare(b.signed_on, a.signed_on) || compare(a.contract_no, b.contract_no))
      .slice(0, 20)
      .map((c) => ({
        contract_no: c.contract_no,
        title: c.title,
        kind: c.kind,
        counterparty: c.counterparty,
        signed_on: c.signed_on,
        received_fen: c.received_fen,
        open_distribution_id: openOf(r, c.contract_no)?.distribution.id ?? null,
      }))
  })
}

/** distribution.rs `staff_choices` as the app calls it: name or employee ID contains, the first 30. */
export function staffChoices(search: string): Promise<StaffChoice[]> {
  const text = search.trim().toLowerCase()
  return attempt(() =>
    db()
      .base.people.filter((p) => p.category === 'transfer_staff' && (p.name.toLowerCase().includes(text) || p.employee_id.toLowerCase().includes(text)))
      .sort((a, b) => compare(a.employee_id, b.employee_id))
      .slice(0, 30)
      .map(({ employee_id, name }) => ({ employee_id, name })),
  )
}

/** The fake writes no file; it answers what the backend would: the lines written. */
export function exportPayroll(id: number, path: string, revealIds: boolean): Promise<number> {
  void path
  void revealIds
  return attempt(() => find(db(), id).distribution.allocations.length)
}

export function exportNotice(id: number, path: string): Promise<void> {
  void path
  return attempt(() => void find(db(), id))
}

/** One statement per person. */
export function exportStatements(id: number, path: string): Promise<number> {
  void path
  return attempt(() => find(db(), id).distribution.allocations.length)
}

export function listPolicies(): Promise<Policy[]> {
  return attempt(() => {
    const r = db()
    return [...r.policies]
      .sort((a, b) => compare(a.effective_on, b.effective_on))
      .map((p) => ({ ...p, in_use: r.saved.some((s) => s.distribution.policy_id === p.id && s.distribution.state !== 'draft') }))
  })
}

export function savePolicy(policy: Policy): Promise<number> {
  return attempt(() => {
    const r = db()
    const problems = policyProblems(policy)
    if (problems.length) throw invalid(problems)
    if (policy.id !== null) {
      if (!r.policies.some((p) => p.id === policy.id)) throw notFound('分配政策版本', policy.id)
      if (r.saved.some((s) => s.distribution.policy_id === policy.id && s.distribution.state !== 'draft')) {
        throw refused('policy_in_use', policy.effective_on)
      }
    }
    if (r.policies.some((p) => p.effective_on === policy.effective_on && p.id !== policy.id)) throw refused('policy_overlap', policy.effective_on)
    const id = policy.id ?? r.nextPolicyId++
    const saved: Policy = { ...structuredClone(policy), id, in_use: false, note: policy.note?.trim() || null }
    r.policies = [...r.policies.filter((p) => p.id !== id), saved]
    return id
  })
}

export function deletePolicy(id: number): Promise<void> {
  return attempt(() => {
    const r = db()
    const before = r.policies.find((p) => p.id === id)
    if (!before) throw notFound('分配政策版本', id)
    if (r.saved.some((s) => s.distribution.policy_id === id)) throw refused('policy_in_use', before.effective_on)
    if (r.policies.length <= 1) throw refused('policy_last')
    r.policies = r.policies.filter((p) => p.id !== id)
  })
}

export function listHolidays(): Promise<Holiday[]> {
  return attempt(() => [...db().holidays].sort((a, b) => compare(a.day, b.day)))
}

export function saveHolidays(year: number, days: Holiday[]): Promise<void> {
  return attempt(() => {
    const problems: ProblemReport[] = []
    days.forEach((h, i) => {
      const row = i + 1
      const earlier = days.slice(0, i).findIndex((o) => o.day === h.day)
      if (!/^\d{4}-\d{2}-\d{2}$/.test(h.day) || !h.day.startsWith(`${year}-`)) {
        problems.push(problem('day', h.day, 'outside_year', `不在 ${year} 年内`, row))
      } else if (earlier >= 0) {
        problems.push(problem('day', h.day, 'duplicate_in_file', `与第 ${earlier + 1} 行重复`, row))
      } else if (h.kind === 'work' && !isWeekend(h.day)) {
        problems.push(problem('day', h.day, 'workday_not_weekend', '调休上班日应为周六或周日', row))
      }
      const name = h.name.trim()
      if (!name || [...name].length > 50) problems.push(problem('name', h.name, 'required', '必填项为空', row))
    })
    if (problems.length) throw invalid(problems)
    const r = db()
    r.holidays = [...r.holidays.filter((h) => !h.day.startsWith(`${year}-`)), ...days.map((h) => ({ ...h, name: h.name.trim() }))].sort((a, b) =>
      compare(a.day, b.day),
    )
  })
}

/** The native dialogs of the fake build: fixed answers, so that the UI tests can go through them. */
export function pickSavePath(defaultName: string): Promise<string | null> {
  return Promise.resolve(`/home/office/导出/${defaultName}`)
}

export function pickMinutesFile(): Promise<string | null> {
  return Promise.resolve('/home/office/会议纪要/2026-10-08 校长办公会纪要.pdf')
}
