// The annual-fee side of the fake backend (年费), over the fake portfolio of ./fake.ts: the same
// rules, figures, orderings and refusal codes as src-tauri/core/src/fee.rs — the fee table and
// terms, 费减 for the ten patent years from the grant year, due dates clamped to the month's end,
// the surcharge bands measured from the due date, lapse and restoration. The fake institution has
// its 费减备案 accepted; the fake portfolio records no co-owners and no open licenses.
import { ApiError } from './error'
import { fakeStore, TODAY, type Achievement } from './fake'
import { addDays, addMonths, applyBp } from './fake-rewards'
import { parseYuan } from '../format'
import type {
  AchievementKind,
  FeeDecision,
  FeeDecisionInput,
  FeeLine,
  FeePage,
  FeePaid,
  FeePayment,
  FeeQuery,
  FeeQuote,
  FeeSchedule,
  FeeStatus,
  Lapse,
  PaymentLine,
  ProblemReport,
  Reduction,
  ScheduleYear,
  YearStatus,
} from './types.gen'

const MAX_PAGE_SIZE = 200
const MAX_WITHIN_DAYS = 3660
/** 恢复费: 1,000 yuan. */
export const RESTORATION_FEE = 100_000
/** [months after the due date (inclusive), surcharge in bp of the full fee]. */
const SURCHARGE_BANDS: readonly (readonly [number, number])[] = [
  [1, 0],
  [2, 500],
  [3, 1000],
  [4, 1500],
  [5, 2000],
  [6, 2500],
]
const DESIGN_LONG_TERM_FROM = '2021-06-01'
const PAYABLE_BP: Record<Reduction, number> = { none: 10000, sole_owner: 1500, co_owned: 3000, open_license: 8500 }

// ---------------------------------------------------------------------------------------------
// The rules (fee.rs)

const isPatent = (kind: AchievementKind) => kind === 'invention_patent' || kind === 'utility_model' || kind === 'design_patent'

export function termYears(kind: AchievementKind, filedOn: string): number | null {
  if (kind === 'invention_patent') return 20
  if (kind === 'utility_model') return 10
  if (kind === 'design_patent') return filedOn >= DESIGN_LONG_TERM_FROM ? 15 : 10
  return null
}

/** The table's fee of a patent year in fen; null outside the term. */
export function fullFee(kind: AchievementKind, filedOn: string, year: number): number | null {
  const term = termYears(kind, filedOn)
  if (term === null || year < 1 || year > term) return null
  const invention = [[3, 900], [6, 1200], [9, 2000], [12, 4000], [15, 6000], [20, 8000]] as const
  const others = [[3, 600], [5, 900], [8, 1200], [10, 2000], [15, 3000]] as const
  const table = kind === 'invention_patent' ? invention : others
  return (table.find(([upTo]) => year <= upTo)?.[1] ?? 0) * 100
}

/** The filing date plus `year − 1` years, clamped to the month's end. */
export const dueOn = (filedOn: string, year: number): string => addMonths(filedOn, 12 * (year - 1))
export const graceEndOn = (due: string): string => addMonths(due, 6)

/** The surcharge in bp of the full fee for paying on `paidOn`; null after the grace period. */
export function surchargeBp(due: string, paidOn: string): number | null {
  return SURCHARGE_BANDS.find(([months]) => paidOn <= addMonths(due, months))?.[1] ?? null
}

/** The patent year (1-based) containing `on`. */
export function patentYear(filedOn: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(filedOn.slice(0, 4))
  return Math.max(on.slice(5) < filedOn.slice(5) ? years - 1 : years, 0) + 1
}

/** 费减 alone: 85% off for the grant year and the nine after it. */
export function reduction(grantYear: number | null, year: number): Reduction {
  return grantYear !== null && year >= grantYear && year <= grantYear + 9 ? 'sole_owner' : 'none'
}

type YearFee = { patent_year: number; due_on: string; grace_end_on: string; full_fee_fen: number; reduction: Reduction; amount_fen: number }

export function yearFee(kind: AchievementKind, filedOn: string, grantYear: number | null, year: number): YearFee | null {
  const full = fullFee(kind, filedOn, year)
  if (full === null) return null
  const due = dueOn(filedOn, year)
  const r = reduction(grantYear, year)
  return { patent_year: year, due_on: due, grace_end_on: graceEndOn(due), full_fee_fen: full, reduction: r, amount_fen: applyBp(full, PAYABLE_BP[r]) }
}

export function charge(fee: YearFee, paidOn: string) {
  const band = surchargeBp(fee.due_on, paidOn)
  const bp = band ?? 2500
  const surcharge = applyBp(fee.full_fee_fen, bp)
  const restoration = band === null ? RESTORATION_FEE : 0
  return { surcharge_bp: bp, surcharge_fen: surcharge, restoration_fen: restoration, total_fen: fee.amount_fen + surcharge + restoration, restores: band === null }
}

export function statusOn(fee: YearFee, on: string, withinDays: number): FeeStatus | null {
  if (on > fee.grace_end_on) return 'lapsed'
  if (fee.due_on < on) return 'grace'
  return fee.due_on <= addDays(on, withinDays) ? 'due' : null
}

// ---------------------------------------------------------------------------------------------
// The store side

type Patent = Achievement & { filed_on: string }

const grantYear = (a: Patent) => (a.granted_on ? patentYear(a.filed_on, a.granted_on) : null)
/** The grant year's fee is paid at registration and earlier years owe none: at least the grant year. */
const paidThrough = (a: Patent) => {
  const granted = grantYear(a)
  return a.fees_paid_through === null ? granted : Math.max(a.fees_paid_through, granted ?? 0)
}
const payable = (a: Achievement): a is Patent =>
  isPatent(a.kind) && a.filed_on !== null && a.granted_on !== null && (a.status === 'in_force' || a.status === 'lapsed')
const feeOf = (a: Patent, year: number) => yearFee(a.kind, a.filed_on, grantYear(a), year)
const nextYear = (a: Patent) => {
  const through = paidThrough(a)
  return through === null || through + 1 > (termYears(a.kind, a.filed_on) ?? 0) ? null : through + 1
}

/** Recorded payments by achievement id and year, and the decisions, oldest first. */
let payments = new Map<number, Map<number, PaymentLine>>()
let decisions: FeeDecision[] = []
let seenStore: unknown = null
function state() {
  // A reset of the fake portfolio (unit tests) resets the fee records with it.
  const store = fakeStore()
  if (store !== seenStore) [payments, decisions, seenStore] = [new Map(), [], store]
  return store
}

const refused = (code: string, message: string) => Promise.reject(new ApiError(code, message))
const notApplicable = (no: string) => refused('fee_not_applicable', `只有已授权且有效（或已失效）的专利才缴纳年费：${no}`)

function find(no: string): Achievement | undefined {
  return state().achievements.find((a) => a.achievement_no === no.trim())
}

function line(a: Patent, fee: YearFee, status: FeeStatus, on: string): FeeLine {
  const c = charge(fee, on)
  return {
    achievement_no: a.achievement_no,
    application_no: a.application_no ?? '',
    patent_year: fee.patent_year,
    due_on: fee.due_on,
    full_fee_fen: fee.full_fee_fen,
    amount_fen: fee.amount_fen,
    surcharge_fen: c.surcharge_fen,
    grace_end_on: fee.grace_end_on,
    status,
    achievement_id: a.id,
    title: a.title,
    kind: a.kind,
    department: a.department,
    reduction: fee.reduction,
    restoration_fen: c.restoration_fen,
    total_fen: c.total_fen,
  }
}

/** fee::lines: the next unpaid year of every granted patent in force, due, in grace or lapsed on `on`. */
export function lines(on: string, withinDays: number): FeeLine[] {
  const within = Math.min(Math.max(withinDays, 0), MAX_WITHIN_DAYS)
  return state()
    .achievements.flatMap((a) => {
      if (a.status !== 'in_force' || !payable(a)) return []
      const year = nextYear(a)
      const fee = year === null ? null : feeOf(a, year)
      const status = fee && statusOn(fee, on, within)
      return fee && status ? [line(a, fee, status, on)] : []
    })
    .sort((x, y) => (x.due_on === y.due_on ? (x.achievement_no < y.achievement_no ? -1 : 1) : x.due_on < y.due_on ? -1 : 1))
}

const clone = <T>(value: T): Promise<T> => Promise.resolve(structuredClone(value))

export function feesDue(q: FeeQuery, on: string | null): Promise<FeePage> {
  const day = on ?? TODAY
  const within = Math.min(Math.max(q.within_days, 0), MAX_WITHIN_DAYS)
  const all = lines(day, Math.max(within, 90))
  const [horizon, d30, d60, d90] = [within, 30, 60, 90].map((n) => addDays(day, n)) as [string, string, string, string]
  const counts = { due: 0, due_30: 0, due_60: 0, due_90: 0, grace: 0, lapsed: 0 }
  for (const l of all) {
    if (l.status !== 'due') counts[l.status] += 1
    else {
      counts.due += Number(l.due_on <= horizon)
      counts.due_30 += Number(l.due_on <= d30)
      counts.due_60 += Number(l.due_on <= d60)
      counts.due_90 += Number(l.due_on <= d90)
    }
  }
  const tab = all.filter((l) => l.status === q.status && (l.status !== 'due' || l.due_on <= horizon))
  const size = Math.min(Math.max(q.page_size, 1), MAX_PAGE_SIZE)
  const start = (Math.max(q.page, 1) - 1) * size
  return clone({
    on: day,
    total: tab.length,
    total_fen: tab.reduce((sum, l) => sum + l.total_fen, 0),
    counts,
    rows: tab.slice(start, start + size),
  })
}

export function feeQuote(achievementNo: string, paidOn: string): Promise<FeeQuote> {
  const a = find(achievementNo)
  if (!a) return refused('not_found', `未找到成果：${achievementNo}`)
  if (!payable(a)) return notApplicable(a.achievement_no)
  const year = (paidThrough(a) ?? 0) + 1
  const fee = feeOf(a, year)
  if (!fee) return refused('fee_year_beyond_term', `该年度超出专利保护期：${a.achievement_no} ${year}`)
  const { amount_fen, due_on, grace_end_on, full_fee_fen, reduction: r } = fee
  return clone({ achievement_no: a.achievement_no, patent_year: year, due_on, grace_end_on, paid_on: paidOn, full_fee_fen, reduction: r, amount_fen, ...charge(fee, paidOn) })
}

const problem = (column: string, value: string, code: string, text: string): ProblemReport => ({
  sheet: '',
  row: 0,
  column,
  cell: null,
  value,
  code,
  problem: text,
})

export function payFee(p: FeePayment): Promise<FeePaid> {
  const problems: ProblemReport[] = []
  const amount = parseYuan(p.amount)
  if (amount === null || amount === 0) problems.push(problem('amount', p.amount.trim(), 'bad_amount', '不是金额（以元为单位的数字，如 12345.67）'))
  if (!Number.isInteger(p.patent_year) || p.patent_year < 1 || p.patent_year > 20) {
    problems.push(problem('patent_year', String(p.patent_year), 'bad_integer', '应为 1 到 20 之间的整数'))
  }
  const voucher = p.voucher_no?.trim() || null
  if (voucher && voucher.length > 60) problems.push(problem('voucher_no', voucher, 'too_long', '内容过长（最多 60 个字符）'))
  if (problems.length || amount === null) return Promise.reject(new ApiError('invalid_input', `输入有 ${problems.length} 处问题，未写入任何数据`, problems))
  if (p.paid_on > TODAY) return refused('date_in_future', `日期晚于今天：${p.paid_on}`)
  const a = find(p.achievement_no)
  if (!a) return refused('not_found', `未找到成果：${p.achievement_no}`)
  if (!payable(a)) return notApplicable(a.achievement_no)
  const year = p.patent_year
  const through = paidThrough(a) ?? 0
  const recorded = payments.get(a.id) ?? new Map<number, PaymentLine>()
  if (year <= through || recorded.has(year)) return refused('fee_year_already_paid', `该专利年度的年费已缴纳：${a.achievement_no} ${year} ≤ ${through}`)
  const term = termYears(a.kind, a.filed_on) ?? 0
  if (year > term) return refused('fee_year_beyond_term', `该年度超出专利保护期：${a.achievement_no} ${year} > ${term}`)
  if (year !== through + 1) return refused('fee_year_not_next', `只能缴纳已缴年度的下一年度年费：${a.achievement_no} ${year} ≠ ${through + 1}`)
  const fee = feeOf(a, year)!
  const c = charge(fee, p.paid_on)
  recorded.set(year, {
    paid_on: p.paid_on,
    amount_fen: amount,
    expected_fen: c.total_fen,
    surcharge_fen: c.surcharge_fen,
    restoration_fen: c.restoration_fen,
    voucher_no: voucher,
  })
  payments.set(a.id, recorded)
  const restored = a.status === 'lapsed' || c.restores
  a.fees_paid_through = year
  a.fees_paid_through_assumed = false
  a.status = 'in_force'
  return clone({
    achievement_no: a.achievement_no,
    patent_year: year,
    due_on: fee.due_on,
    paid_on: p.paid_on,
    amount_fen: amount,
    expected_fen: c.total_fen,
    full_fee_fen: fee.full_fee_fen,
    fee_fen: fee.amount_fen,
    surcharge_fen: c.surcharge_fen,
    restoration_fen: c.restoration_fen,
    voucher_no: voucher,
    fees_paid_through: year,
    status: 'in_force',
    restored,
    warning: amount === c.total_fen ? null : { expected_fen: c.total_fen, paid_fen: amount },
  })
}

export function decideFee(input: FeeDecisionInput): Promise<FeeDecision> {
  const reason = input.reason.trim()
  const problems: ProblemReport[] = []
  if (!reason) problems.push(problem('reason', '', 'required', '必填项为空'))
  if (reason.length > 2000) problems.push(problem('reason', '', 'too_long', '内容过长（最多 2000 个字符）'))
  if (input.grant_to_inventors && input.decision === 'keep') {
    problems.push(problem('grant_to_inventors', 'true', 'not_allowed_for_kind', '维持决定不应填写'))
  }
  if (problems.length) return Promise.reject(new ApiError('invalid_input', `输入有 ${problems.length} 处问题，未写入任何数据`, problems))
  if (input.decided_on > TODAY) return refused('date_in_future', `日期晚于今天：${input.decided_on}`)
  const a = find(input.achievement_no)
  if (!a) return refused('not_found', `未找到成果：${input.achievement_no}`)
  if (!payable(a)) return notApplicable(a.achievement_no)
  const saved: FeeDecision = {
    id: decisions.length + 1,
    achievement_no: a.achievement_no,
    decision: input.decision,
    decided_on: input.decided_on,
    reason,
    inventors_notified_on: input.inventors_notified_on,
    grant_to_inventors: input.grant_to_inventors,
  }
  decisions.push(saved)
  if (input.decision === 'abandon') a.status = 'abandoned'
  return clone(saved)
}

export function markLapsed(achievementNo: string): Promise<Lapse> {
  const a = find(achievementNo)
  if (!a) return refused('not_found', `未找到成果：${achievementNo}`)
  if (!payable(a) || a.status !== 'in_force') return notApplicable(a.achievement_no)
  const year = nextYear(a)
  const fee = year === null ? null : feeOf(a, year)
  if (!fee || TODAY <= fee.grace_end_on) return refused('fee_not_lapsed', `该专利的宽限期尚未届满，不能标记失效：${a.achievement_no}`)
  a.status = 'lapsed'
  return clone({ achievement_no: a.achievement_no, patent_year: fee.patent_year, due_on: fee.due_on, grace_end_on: fee.grace_end_on })
}

export function feeSchedule(achievementId: number): Promise<FeeSchedule> {
  const a = state().achievements.find((x) => x.id === achievementId)
  if (!a) return refused('not_found', `未找到成果：${achievementId}`)
  if (!isPatent(a.kind) || a.filed_on === null) return notApplicable(String(achievementId))
  const patent = a as Patent
  const granted = grantYear(patent)
  const through = paidThrough(patent)
  const next = payable(patent) ? nextYear(patent) : null
  const recorded = payments.get(a.id) ?? new Map<number, PaymentLine>()
  const term = termYears(a.kind, patent.filed_on) ?? 0
  const years: ScheduleYear[] = []
  for (let year = 1; year <= term; year++) {
    const fee = feeOf(patent, year)!
    let [status, surcharge, restoration]: [YearStatus, number, number] = ['upcoming', 0, 0]
    if (granted === null || year < granted) status = 'before_grant'
    else if ((through !== null && year <= through) || recorded.has(year)) status = 'paid'
    else if (!payable(patent)) status = 'ended'
    else if (year === next) {
      const s = statusOn(fee, TODAY, 90)
      if (s) {
        status = s
        if (s !== 'due') [surcharge, restoration] = [charge(fee, TODAY).surcharge_fen, charge(fee, TODAY).restoration_fen]
      }
    }
    years.push({ ...fee, status, surcharge_fen: surcharge, restoration_fen: restoration, payment: recorded.get(year) ?? null })
  }
  return clone({
    achievement_id: a.id,
    achievement_no: a.achievement_no,
    status: a.status,
    on: TODAY,
    term_years: term,
    grant_year: granted,
    paid_through: through,
    next_year: next,
    fee_reduction: true,
    open_license: false,
    co_owners: 0,
    co_owners_reduced: 0,
    years,
    decisions: decisions.filter((d) => d.achievement_no === a.achievement_no),
  })
}

/** The XLSX of fees to pay (due and in grace); returns the rows "written". */
export function exportFees(_path: string, withinDays: number, on: string | null): Promise<number> {
  return Promise.resolve(lines(on ?? TODAY, withinDays).filter((l) => l.status !== 'lapsed').length)
}
