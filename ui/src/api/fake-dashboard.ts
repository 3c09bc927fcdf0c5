// The fake backend's start screen, search box and institution profile, computed from the other
// fakes' records so that every figure and link leads to a record the fake lists really hold.
import { fakeStore, getInstitution, setInstitution, TODAY } from './fake'
import { listReceivables, organizationChoices } from './fake-contracts'
import { listPublicities } from './fake-deals'
import { feesDue } from './fake-fees'
import { listDistributions } from './fake-rewards'
import { annualReport } from './fake-annual'
import type {
  Dashboard,
  Deadline,
  DeadlineItem,
  DepartmentIncome,
  DistributionState,
  KindMonth,
  PortfolioCell,
  ProblemReport,
  Profile,
  SearchGroup,
  SearchHit,
  SearchKind,
  SearchResults,
  YearFigures,
} from './types.gen'
import { ApiError } from './error'

const ITEMS = 5
const plusDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

export async function dashboard(): Promise<Dashboard> {
  const today = TODAY
  const year = Number(today.slice(0, 4))
  const deadlines: Deadline[] = []

  const due = await feesDue({ status: 'due', within_days: 90, page: 1, page_size: 200 }, null)
  const grace = await feesDue({ status: 'grace', within_days: 90, page: 1, page_size: ITEMS }, null)
  const feeItem = (l: (typeof due.rows)[number]): DeadlineItem => ({ id: l.achievement_id, label: `${l.achievement_no} ${l.title}`, on: l.due_on, amount_fen: l.total_fen })
  for (const [kind, days, count] of [
    ['fees_due30', 30, due.counts.due_30],
    ['fees_due60', 60, due.counts.due_60],
    ['fees_due90', 90, due.counts.due_90],
  ] as const) {
    const items = due.rows.filter((l) => l.due_on <= plusDays(today, days)).slice(0, ITEMS).map(feeItem)
    deadlines.push({ kind, count, amount_fen: days === 90 ? due.total_fen : null, items })
  }
  deadlines.push({ kind: 'fees_in_grace', count: grace.counts.grace, amount_fen: grace.total_fen, items: grace.rows.map(feeItem) })

  const until = plusDays(today, 30)
  const ending = (await listPublicities()).rows
    .filter((r) => r.publicity.ends_on >= today && r.publicity.ends_on <= until && !r.publicity.contract_no)
    .sort((a, b) => a.publicity.ends_on.localeCompare(b.publicity.ends_on))
  deadlines.push({
    kind: 'publicity_ending',
    count: ending.length,
    amount_fen: ending.reduce((s, r) => s + r.publicity.price_fen, 0),
    items: ending.slice(0, ITEMS).map((r) => ({ id: r.publicity.id ?? 0, label: r.publicity.title, on: r.publicity.ends_on, amount_fen: r.publicity.price_fen })),
  })

  const owed = await listReceivables(30)
  for (const [kind, overdue] of [
    ['payments_overdue', true],
    ['payments_due', false],
  ] as const) {
    const rows = owed.filter((r) => r.days_overdue > 0 === overdue)
    deadlines.push({
      kind,
      count: rows.length,
      amount_fen: rows.reduce((s, r) => s + r.outstanding_fen, 0),
      items: rows.slice(0, ITEMS).map((r) => ({ id: r.contract_id, label: `${r.contract_no} ${r.counterparty}`, on: r.due_on, amount_fen: r.outstanding_fen })),
    })
  }

  const distributions = async (kind: Deadline['kind'], state: DistributionState | null, overdue: boolean) => {
    const page = await listDistributions({ page: 1, page_size: ITEMS, state, contract_no: null, search: null, year: null, overdue })
    deadlines.push({
      kind,
      count: page.total,
      amount_fen: null,
      items: page.rows.map((d) => ({ id: d.id, label: `${d.contract_no} ${d.contract_title}`, on: d.payment_due_on, amount_fen: d.pool_fen })),
    })
  }
  await distributions('distributions_to_approve', 'draft', false)
  await distributions('distributions_to_publicize', 'approved', false)
  await distributions('distributions_overdue', null, true)

  const store = fakeStore()
  const figures = (through: string): YearFigures => {
    const from = `${through.slice(0, 4)}-01-01`
    const signed = store.contracts.filter((c) => c.signed_on >= from && c.signed_on <= through)
    const received = store.contracts.flatMap((c) => c.receipts).filter((r) => r.received_on >= from && r.received_on <= through)
    return {
      year: Number(through.slice(0, 4)),
      through,
      contracts: signed.length,
      contract_fen: signed.reduce((s, c) => s + c.amount_fen, 0),
      received_fen: received.reduce((s, r) => s + r.amount_fen, 0),
      rewards_paid_fen: 0,
    }
  }
  const paid = (await listDistributions({ page: 1, page_size: 200, state: 'paid', contract_no: null, search: null, year: null, overdue: false })).rows
  const withRewards = (f: YearFigures): YearFigures => ({
    ...f,
    rewards_paid_fen: paid.filter((d) => d.paid_on && d.paid_on >= `${f.year}-01-01` && d.paid_on <= f.through).reduce((s, d) => s + (d.pool_fen ?? 0), 0),
  })

  const byKindMonth = new Map<string, KindMonth>()
  const byDepartment = new Map<string | null, number>()
  for (const c of store.contracts) {
    for (const r of c.receipts.filter((r) => r.received_on.startsWith(String(year)))) {
      const month = Number(r.received_on.slice(5, 7))
      const key = `${c.kind}/${month}`
      const cell = byKindMonth.get(key) ?? { kind: c.kind, month, amount_fen: 0 }
      cell.amount_fen += r.amount_fen
      byKindMonth.set(key, cell)
      if (c.achievements.length === 0) byDepartment.set(null, (byDepartment.get(null) ?? 0) + r.amount_fen)
      for (const a of c.achievements) {
        const department = store.achievements.find((x) => x.id === a.id)?.department ?? null
        byDepartment.set(department, (byDepartment.get(department) ?? 0) + Math.floor((r.amount_fen * a.weight_bp) / 10000))
      }
    }
  }
  const portfolio = new Map<string, PortfolioCell>()
  for (const a of store.achievements) {
    const cell = portfolio.get(`${a.kind}/${a.status}`) ?? { kind: a.kind, status: a.status, count: 0 }
    cell.count += 1
    portfolio.set(`${a.kind}/${a.status}`, cell)
  }
  const report = (await annualReport(year - 1, null)).year
  const dueOn = report.due_on
  return structuredClone({
    today,
    deadlines: deadlines.filter((d) => d.count > 0),
    report: { year: year - 1, due_on: dueOn, days_left: Math.round((Date.parse(dueOn) - Date.parse(today)) / 86_400_000), filed: report.filed_at !== null },
    this_year: withRewards(figures(today)),
    last_year_to_date: withRewards(figures(`${year - 1}${today.slice(4)}`)),
    last_year: withRewards(figures(`${year - 1}-12-31`)),
    income_by_kind_month: [...byKindMonth.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.month - b.month),
    income_by_department: [...byDepartment.entries()]
      .map(([department, amount_fen]): DepartmentIncome => ({ department, amount_fen }))
      .sort((a, b) => b.amount_fen - a.amount_fen),
    portfolio: [...portfolio.values()],
  })
}

export async function search(text: string, limit: number): Promise<SearchResults> {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return { groups: [] }
  const digits = (s: string | null) => (s ?? '').toUpperCase().replace(/[\s.\-/]/g, '').replace(/^(CN|ZL)/, '')
  const matches = (...fields: (string | null)[]) => {
    const body = fields.map((f) => (f ?? '').toLowerCase()).join(' ') + ' ' + fields.map(digits).join(' ').toLowerCase()
    return words.every((w) => body.includes(w) || body.includes(digits(w).toLowerCase()))
  }
  const store = fakeStore()
  const groups: SearchGroup[] = []
  const push = (kind: SearchKind, hits: SearchHit[]) => {
    if (hits.length) groups.push({ kind, hits: hits.slice(0, limit), more: hits.length > limit })
  }
  push(
    'achievement',
    store.achievements
      .filter((a) => matches(a.title, a.achievement_no, a.application_no, a.grant_no, ...a.inventors.map((i) => i.person.name)))
      .map((a) => ({ id: a.id, label: a.title, detail: `${a.achievement_no}${a.application_no ? ` · ${a.application_no}` : ''}` })),
  )
  push(
    'person',
    store.people
      .map((p, i) => ({ p, id: i + 1 }))
      .filter(({ p }) => matches(p.name, p.employee_id, p.department))
      .map(({ p, id }) => ({ id, label: p.name, detail: `${p.employee_id} · ${p.department}` })),
  )
  push(
    'organization',
    (await organizationChoices('')).filter((o) => matches(o.name, o.credit_code, o.region)).map((o) => ({ id: o.id, label: o.name, detail: `${o.credit_code ? `${o.credit_code} · ` : ''}${o.region}` })),
  )
  push(
    'contract',
    store.contracts
      .map((c, i) => ({ c, id: i + 1 }))
      .filter(({ c }) => matches(c.contract_no, c.title, c.counterparty))
      .map(({ c, id }) => ({ id, label: c.title, detail: `${c.contract_no} · ${c.counterparty}` })),
  )
  return { groups }
}

let profile: Profile | null = null

export async function getProfile(): Promise<Profile> {
  profile ??= { ...(await getInstitution()), code: '12510000450719123X', kind: 'university', competent_department: '四川省教育厅' }
  return structuredClone(profile)
}

export async function saveProfile(input: Profile): Promise<Profile> {
  const problems: ProblemReport[] = []
  if (!input.name.trim()) problems.push({ sheet: '', row: 0, column: 'institution', cell: null, value: '', problem: '必填', code: 'required' })
  if ((input.code ?? '').length > 40) problems.push({ sheet: '', row: 0, column: 'code', cell: null, value: input.code ?? '', problem: '不能超过 40 个字符', code: 'too_long' })
  if (problems.length) throw new ApiError('invalid_input', '输入有误', problems)
  profile = { ...(JSON.parse(JSON.stringify(input)) as Profile), name: input.name.trim() }
  setInstitution({ name: profile.name, province: profile.province, fee_reduction: profile.fee_reduction })
  return structuredClone(profile)
}
