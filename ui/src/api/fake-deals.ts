// The deals side of the fake backend: price publicities with their objections, collective
// decisions and ownership grants, over the fake portfolio of ./fake.ts and the organizations of
// ./fake-contracts.ts. Same rules, field names and codes as the Rust side
// (src-tauri/core/src/{publicity, resolution, grant}.rs): the period's last day counted with the
// fake holiday calendar of ./fake-rewards.ts, the stage on the fake "today", the same field
// problems in the same order, `publicity_signed` once a contract was signed under a publicity.
import { ApiError } from './error'
import { fakeStore, MAX_PAGE_SIZE, TODAY, type Achievement, type Store } from './fake'
import { organizationName as contractsOrganizationName } from './fake-contracts'
import { addMonths, publicityEnd } from './fake-rewards'
import type {
  Grant,
  GrantPage,
  GrantQuery,
  Member,
  Objection,
  ProblemReport,
  Publicity,
  PublicityPage,
  PublicityQuery,
  Resolution,
  ResolutionPage,
  ResolutionQuery,
  Stage,
} from './types.gen'

const FULL_BP = 10000
/** grant.rs `MIN_USAGE_YEARS`. */
const MIN_USAGE_YEARS = 10

// ---------------------------------------------------------------------------------------------
// Errors (problem.rs texts, error.rs refusal texts)

const problem = (column: string, value: string, code: string, text: string): ProblemReport => ({
  sheet: '',
  row: 0,
  column,
  cell: null,
  value,
  code,
  problem: text,
})
const required = (column: string) => problem(column, '', 'required', '必填项为空')
const requiredFor = (column: string, what: string) => problem(column, '', 'required_for_kind', `${what}必须填写`)
const dateOrder = (column: string, value: string, other: string) => problem(column, value, 'date_order', `不能早于${other}`)
const inFuture = (column: string, value: string) => problem(column, value, 'date_in_future', '日期晚于今天')
const between = (column: string, value: string, lo: number, hi: number) => problem(column, value, 'bad_integer', `应为 ${lo} 到 ${hi} 之间的整数`)
const ratio = (column: string, value: string) => problem(column, value, 'bad_ratio', '比例应在 0 到 100% 之间')
const tooLong = (column: string, value: string, max: number) => problem(column, value, 'too_long', `内容过长（最多 ${max} 个字符）`)
const unknown = (column: string, what: string, key: string) => problem(column, key, 'unknown_reference', `找不到${what}：${key}（须已在系统中）`)
const percent = (bp: number) => (bp / 100).toFixed(2).replace(/\.?0+$/, '')

function invalid(problems: ProblemReport[]): ApiError {
  return new ApiError('invalid_input', `输入有 ${problems.length} 处问题，未写入任何数据`, problems)
}

const REFUSALS: Record<string, string> = {
  publicity_signed: '该公示已有签订的合同，公示内容不能再改',
  price_publicity_not_finished: '定价公示期尚未结束，最早可签订日期',
  objection_pending: '公示期间收到的异议尚未处理',
  objection_upheld: '异议成立：须重新定价并公示',
}

const refused = (code: string, detail: string) => new ApiError(code, `${REFUSALS[code] ?? '操作被拒绝'}：${detail}`)
const notFound = (what: string, key: number) => new ApiError('not_found', `未找到${what}：${key}`)

// ---------------------------------------------------------------------------------------------
// Rules (publicity.rs)

/** Where a publicity stands on `today` (`Publicity::stage`). */
export function stageOf(p: Pick<Publicity, 'objections' | 'ends_on'>, today: string): Stage {
  if (p.objections.some((o) => o.outcome === 'upheld')) return 'upheld'
  if (p.objections.some((o) => o.outcome === 'pending')) return 'objected'
  return today <= p.ends_on ? 'running' : 'clear'
}

const dayAfter = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

/** The contract signing gate (`Publicity::allows_signing`): the refusal, or null when signing on `signedOn` is allowed. */
export function signingRefusal(p: Publicity, signedOn: string): ApiError | null {
  if (p.objections.some((o) => o.outcome === 'upheld')) return refused('objection_upheld', p.title)
  if (p.objections.some((o) => o.outcome === 'pending' && o.received_on <= signedOn)) return refused('objection_pending', p.title)
  if (signedOn < dayAfter(p.ends_on)) return refused('price_publicity_not_finished', dayAfter(p.ends_on))
  return null
}

function publicityProblems(p: Publicity): ProblemReport[] {
  const out: ProblemReport[] = []
  if (!p.title.trim()) out.push(required('title'))
  if (!p.channel.trim()) out.push(required('channel'))
  if (!['transfer', 'license', 'equity'].includes(p.contract_kind)) {
    out.push(problem('contract_kind', p.contract_kind, 'bad_choice', '取值应为：转让、许可、作价投资'))
  }
  if (!(Number.isInteger(p.days) && p.days >= 1 && p.days <= 90)) out.push(between('days', String(p.days), 1, 90))
  if (p.price_fen < 0) out.push(between('price_fen', String(p.price_fen), 0, Number.MAX_SAFE_INTEGER))
  if (p.achievements.length === 0) out.push(required('achievements'))
  p.objections.forEach((o, i) => {
    const at = (f: string) => `objections[${i}].${f}`
    if (!o.objector.trim()) out.push(required(at('objector')))
    if (!o.content.trim()) out.push(required(at('content')))
    if (o.received_on < p.posted_on) out.push(dateOrder(at('received_on'), o.received_on, p.posted_on))
    if (o.outcome === 'pending' && o.resolved_on) {
      out.push(problem(at('resolved_on'), o.resolved_on, 'not_allowed_for_kind', '待处理不应填写'))
    } else if (o.outcome !== 'pending' && !o.resolved_on) {
      out.push(required(at('resolved_on')))
    } else if (o.resolved_on && o.resolved_on < o.received_on) {
      out.push(dateOrder(at('resolved_on'), o.resolved_on, o.received_on))
    }
    if (o.outcome !== 'pending' && !o.handling?.trim()) out.push(required(at('handling')))
  })
  return out
}

function resolutionProblems(r: Resolution, today: string): ProblemReport[] {
  const out: ProblemReport[] = []
  const fields: [keyof Resolution & string, string, number][] = [
    ['body', r.body, 100],
    ['subject', r.subject, 500],
    ['participants', r.participants, 2000],
    ['outcome', r.outcome, 5000],
  ]
  for (const [field, value, max] of fields) {
    const n = [...value.trim()].length
    if (n === 0) out.push(required(field))
    else if (n > max) out.push(tooLong(field, value, max))
  }
  if (r.meeting_on > today) out.push(inFuture('meeting_on', r.meeting_on))
  return out
}

function grantProblems(g: Grant, today: string): ProblemReport[] {
  const out: ProblemReport[] = []
  if (g.kind === 'share') {
    if (g.share_bp === null) out.push(requiredFor('share_bp', '所有权赋权'))
    else if (!(g.share_bp >= 1 && g.share_bp <= FULL_BP)) out.push(ratio('share_bp', String(g.share_bp)))
  } else if (g.usage_from && g.usage_until) {
    const minimum = addMonths(g.usage_from, 12 * MIN_USAGE_YEARS)
    if (g.usage_until < minimum) out.push(dateOrder('usage_until', g.usage_until, minimum))
  } else {
    out.push(requiredFor('usage_until', '长期使用权'))
  }
  if (g.kind === 'usage_right' && g.share_bp !== null) out.push(problem('share_bp', '', 'not_allowed_for_kind', '长期使用权不应填写'))
  if (!(g.income_team_bp >= 0 && g.income_team_bp <= FULL_BP)) out.push(ratio('income_team_bp', String(g.income_team_bp)))
  if (g.decided_on > today) out.push(inFuture('decided_on', g.decided_on))
  if (g.publicized_on && g.publicized_on < g.decided_on) out.push(dateOrder('publicized_on', g.publicized_on, g.decided_on))
  if (g.publicized_on && !(g.publicity_days !== null && g.publicity_days >= 1 && g.publicity_days <= 90)) {
    out.push(between('publicity_days', g.publicity_days === null ? '' : String(g.publicity_days), 1, 90))
  }
  if (g.change_filed_on && g.change_filed_on < g.decided_on) out.push(dateOrder('change_filed_on', g.change_filed_on, g.decided_on))
  if (g.achievements.length === 0) out.push(required('achievements'))
  if (g.members.length === 0) {
    out.push(required('members'))
  } else {
    const sum = g.members.reduce((s, m) => s + m.share_bp, 0)
    if (sum !== FULL_BP || g.members.some((m) => m.share_bp <= 0)) {
      out.push(problem('members', String(sum), 'shares_not_100', `份额合计为 ${percent(sum)}，应恰好为 100`))
    }
    const seen = new Set<string>()
    for (const m of g.members) {
      const key = m.employee_id.trim()
      if (seen.has(key)) out.push(problem('members', m.employee_id, 'repeated_entry', `${m.employee_id} 在列表中出现了两次`))
      seen.add(key)
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// The in-memory tables, seeded on first use

type Deals = { base: Store; publicities: Publicity[]; resolutions: Resolution[]; grants: Grant[]; nextId: number }

let deals: Promise<Deals> | null = null
let dealsBase: Store | null = null

/** Built from the current fake portfolio; `resetFake` (a new portfolio) rebuilds it. */
function db(): Promise<Deals> {
  const base = fakeStore()
  if (!deals || dealsBase !== base) {
    dealsBase = base
    deals = seed(base)
  }
  return deals
}

const clone = <T>(value: T): T => structuredClone(value)
async function attempt<T>(work: (d: Deals) => T | Promise<T>): Promise<T> {
  return clone(await work(await db()))
}

/**
 * The organizations of ./fake-contracts.ts are the contracts' counterparties, numbered in the
 * order they first appear; the seeded publicities name theirs by that rule (a unit test checks
 * it against organizationChoices).
 */
function organizationId(base: Store, name: string): number {
  return [...new Set(base.contracts.map((c) => c.counterparty))].indexOf(name) + 1
}

async function organizationName(id: number): Promise<string | null> {
  return contractsOrganizationName(id)
}

/** Achievements in force that no contract carries yet, for the seeded publicities and grants. */
function freeAchievements(base: Store): Achievement[] {
  const used = new Set(base.contracts.flatMap((c) => c.achievements.map((l) => l.id)))
  return base.achievements.filter((a) => a.status === 'in_force' && a.granted_on !== null && !used.has(a.id))
}

const members = (a: Achievement): Member[] => a.inventors.map((i) => ({ employee_id: i.person.employee_id, name: i.person.name, share_bp: i.share_bp }))

/**
 * Three decisions, four publicities (one signed, one clear after a rejected objection, one with
 * a pending objection, one running) and two grants (a 70% share, a ten-year usage right).
 */
async function seed(base: Store): Promise<Deals> {
  const d: Deals = { base, publicities: [], resolutions: [], grants: [], nextId: 1 }
  const resolution = (r: Omit<Resolution, 'id'>) => {
    const id = d.nextId++
    d.resolutions.push({ id, ...r })
    return id
  }
  const r1 = resolution({
    meeting_on: '2026-03-12',
    body: '校长办公会',
    subject: '关于赋予科研团队职务科技成果所有权的议题',
    participants: '校长、分管副校长、科技处处长、财务处处长、国资处处长、技术转移中心主任',
    outcome: '同意将所列专利 70% 的所有权赋予完成人团队，学校保留 30%；转化收益按团队 70%、学校 30% 分配；年费由团队承担。',
  })
  const r2 = resolution({
    meeting_on: '2026-07-10',
    body: '成果转化工作领导小组',
    subject: '关于专利实施许可定价的议题',
    participants: '分管副校长、科技处处长、财务处处长、技术转移中心主任、法律顾问',
    outcome: '同意以协议定价方式许可绵阳九洲新材料有限公司实施，许可费 80 万元，经公示无异议后签订合同。',
  })
  const r3 = resolution({
    meeting_on: '2026-09-28',
    body: '校长办公会',
    subject: '关于专利权转让定价及成果长期使用权赋权的议题',
    participants: '校长、分管副校长、科技处处长、财务处处长、国资处处长、技术转移中心主任',
    outcome: '同意以 120 万元协议定价转让所列专利，公示无异议后签订合同；同意赋予完成人团队所列成果十年长期使用权。',
  })
  const free = freeAchievements(base)
  const signed = base.contracts.find((c) => c.contract_no === 'HT2026-104')
  const signedAchievement = base.achievements.find((a) => a.id === signed?.achievements[0]?.id)
  const [a1, a2, a3, a4, a5, a6] = free
  const publicity = async (p: Omit<Publicity, 'id' | 'ends_on' | 'organization_id'>) => {
    const id = d.nextId++
    const ends_on = await publicityEnd(p.posted_on, p.days)
    d.publicities.push({ ...p, id, ends_on, organization_id: organizationId(base, p.counterparty) })
  }
  const objection = (o: Omit<Objection, 'id'>): Objection => ({ id: d.nextId++, ...o })
  // Posted Monday 2026-07-20 for 15 days: the last day is Tuesday 08-04; signed 08-20.
  await publicity({
    title: '一种高导热复合材料专利实施许可定价公示',
    contract_kind: 'license',
    counterparty: signed?.counterparty ?? '',
    related_party: false,
    price_fen: signed?.amount_fen ?? 0,
    posted_on: '2026-07-20',
    days: 15,
    channel: '学校官网“通知公告”栏目',
    resolution_id: r2,
    achievements: signedAchievement ? [signedAchievement.achievement_no] : [],
    objections: [],
    contract_no: signed?.contract_no ?? null,
  })
  // Friday 2026-10-09 + 15 days = Saturday 10-24 → Monday 10-26; the objection was rejected.
  await publicity({
    title: '锂电池正极材料专利权转让定价公示',
    contract_kind: 'transfer',
    counterparty: '宜宾锂宝新材料有限公司',
    related_party: false,
    price_fen: 120_000_000,
    posted_on: '2026-10-09',
    days: 15,
    channel: '学校官网及技术转移中心公告栏',
    resolution_id: r3,
    achievements: [a1, a2].flatMap((a) => (a ? [a.achievement_no] : [])),
    objections: [
      objection({
        received_on: '2026-10-15',
        objector: '材料科学与工程学院 某教师（实名）',
        content: '拟定价格低于同类专利的市场成交价，请说明定价依据。',
        outcome: 'rejected',
        handling: '经复核，价格不低于资产评估报告（川华评报字〔2026〕第118号）的评估值，异议不成立，已书面答复异议人。',
        resolved_on: '2026-10-20',
      }),
    ],
    contract_no: null,
  })
  // Monday 2026-10-26 + 15 days = Tuesday 11-10; an objection is still pending.
  await publicity({
    title: '边缘计算网关技术专利实施许可定价公示',
    contract_kind: 'license',
    counterparty: '深圳华拓电子有限公司',
    related_party: false,
    price_fen: 35_000_000,
    posted_on: '2026-10-26',
    days: 15,
    channel: '学校官网“通知公告”栏目',
    resolution_id: null,
    achievements: a3 ? [a3.achievement_no] : [],
    objections: [
      objection({
        received_on: '2026-11-05',
        objector: '深圳某科技有限公司',
        content: '我公司曾就同一专利询价，报价高于公示价格，请求重新定价。',
        outcome: 'pending',
        handling: null,
        resolved_on: null,
      }),
    ],
    contract_no: null,
  })
  // Monday 2026-11-16 + 20 days = Sunday 12-06 → Monday 12-07; still running on 11-23.
  await publicity({
    title: '智能巡检机器人技术作价投资定价公示',
    contract_kind: 'equity',
    counterparty: '成都天府智能科技有限公司',
    related_party: true,
    price_fen: 500_000_000,
    posted_on: '2026-11-16',
    days: 20,
    channel: '学校官网及学院公告栏',
    resolution_id: null,
    achievements: a4 ? [a4.achievement_no] : [],
    objections: [],
    contract_no: null,
  })
  const grant = async (g: Omit<Grant, 'id' | 'publicity_ends_on'>) => {
    const ends = g.publicized_on && g.publicity_days ? await publicityEnd(g.publicized_on, g.publicity_days) : null
    d.grants.push({ ...g, id: d.nextId++, publicity_ends_on: ends })
  }
  // Tuesday 2026-03-17 + 15 days = Wednesday 04-01.
  if (a5) {
    await grant({
      kind: 'share',
      share_bp: 7000,
      usage_from: null,
      usage_until: null,
      income_team_bp: 7000,
      annual_fee_payer: 'team',
      agency_fee_payer: 'shared',
      decided_on: '2026-03-12',
      resolution_id: r1,
      publicized_on: '2026-03-17',
      publicity_days: 15,
      change_filed_on: '2026-05-08',
      note: '赋权后由团队自行转化；学校所持 30% 份额的收益按学校政策分配。',
      achievements: [a5.achievement_no],
      members: members(a5),
    })
  }
  if (a6) {
    await grant({
      kind: 'usage_right',
      share_bp: null,
      usage_from: '2026-10-01',
      usage_until: '2036-10-01',
      income_team_bp: 8000,
      annual_fee_payer: 'institution',
      agency_fee_payer: 'team',
      decided_on: '2026-09-28',
      resolution_id: r3,
      publicized_on: '2026-09-29',
      publicity_days: 15,
      change_filed_on: null,
      note: null,
      achievements: [a6.achievement_no],
      members: members(a6),
    })
  }
  return d
}

// ---------------------------------------------------------------------------------------------
// The commands

/** The first page with no filter, as large as the backend allows. */
export const ALL_PUBLICITIES: PublicityQuery = { page: 1, page_size: MAX_PAGE_SIZE, search: null, organization_id: null, contract_kind: null, id: null }

/** The page `q` asks for (same clamp as the backend) and the total before paging. */
function paged<T>(rows: T[], q: { page: number; page_size: number }): { total: number; rows: T[] } {
  const size = Math.min(Math.max(q.page_size, 1), MAX_PAGE_SIZE)
  const page = Math.max(q.page, 1)
  return { total: rows.length, rows: rows.slice((page - 1) * size, page * size) }
}

/** SQLite's `LIKE '%…%'`: ASCII letters in any case. */
const contains = (text: string, search: string) => text.toLowerCase().includes(search.toLowerCase())

export function listPublicities(q: PublicityQuery = ALL_PUBLICITIES): Promise<PublicityPage> {
  return attempt((d) => {
    const search = q.search?.trim()
    const rows = d.publicities
      .filter(
        (p) =>
          (!search || contains(p.title, search) || contains(p.counterparty, search) || p.achievements.some((a) => contains(a, search))) &&
          (q.organization_id === null || p.organization_id === q.organization_id) &&
          (q.contract_kind === null || p.contract_kind === q.contract_kind) &&
          (q.id === null || p.id === q.id),
      )
      .sort((a, b) => b.posted_on.localeCompare(a.posted_on) || (b.id ?? 0) - (a.id ?? 0))
      .map((p) => ({
        publicity: { ...p, objections: [...p.objections].sort((x, y) => x.received_on.localeCompare(y.received_on) || (x.id ?? 0) - (y.id ?? 0)) },
        stage: stageOf(p, TODAY),
        earliest_signing: dayAfter(p.ends_on),
      }))
    return paged(rows, q)
  })
}

export function savePublicity(input: Publicity): Promise<number> {
  return attempt(async (d) => {
    const problems = publicityProblems(input)
    const known = new Set(d.base.achievements.map((a) => a.achievement_no))
    for (const no of input.achievements) if (!known.has(no.trim())) problems.push(unknown('achievements', '成果（成果编号）', no))
    const counterparty = await organizationName(input.organization_id)
    if (counterparty === null) problems.push(required('organization_id'))
    if (problems.length) throw invalid(problems)
    const before = input.id === null ? undefined : d.publicities.find((p) => p.id === input.id)
    if (input.id !== null && !before) throw notFound('定价公示', input.id)
    if (before?.contract_no) {
      const changed =
        before.posted_on !== input.posted_on ||
        before.days !== input.days ||
        before.price_fen !== input.price_fen ||
        before.organization_id !== input.organization_id ||
        before.contract_kind !== input.contract_kind
      if (changed) throw refused('publicity_signed', before.contract_no)
    }
    const id = input.id ?? d.nextId++
    const saved: Publicity = {
      ...clone(input),
      id,
      title: input.title.trim(),
      channel: input.channel.trim(),
      counterparty: counterparty ?? '',
      ends_on: await publicityEnd(input.posted_on, input.days),
      achievements: [...new Set(input.achievements.map((a) => a.trim()))].sort(),
      objections: input.objections.map((o) => ({ ...o, id: d.nextId++, objector: o.objector.trim(), content: o.content.trim(), handling: o.handling?.trim() || null })),
      contract_no: before?.contract_no ?? null,
    }
    d.publicities = [...d.publicities.filter((p) => p.id !== id), saved]
    return id
  })
}

export function listResolutions(q: ResolutionQuery): Promise<ResolutionPage> {
  return attempt((d) => {
    const search = q.search?.trim()
    const rows = d.resolutions
      .filter(
        (r) =>
          (!search || [r.body, r.subject, r.outcome, r.meeting_on].some((text) => contains(text, search))) && (q.id === null || r.id === q.id),
      )
      .sort((a, b) => b.meeting_on.localeCompare(a.meeting_on) || (b.id ?? 0) - (a.id ?? 0))
    return paged(rows, q)
  })
}

export function saveResolution(input: Resolution): Promise<number> {
  return attempt((d) => {
    const problems = resolutionProblems(input, TODAY)
    if (problems.length) throw invalid(problems)
    if (input.id !== null && !d.resolutions.some((r) => r.id === input.id)) throw notFound('集体决策', input.id)
    const id = input.id ?? d.nextId++
    const saved: Resolution = {
      id,
      meeting_on: input.meeting_on,
      body: input.body.trim(),
      subject: input.subject.trim(),
      participants: input.participants.trim(),
      outcome: input.outcome.trim(),
    }
    d.resolutions = [...d.resolutions.filter((r) => r.id !== id), saved]
    return id
  })
}

export function listGrants(q: GrantQuery): Promise<GrantPage> {
  return attempt((d) => {
    const search = q.search?.trim()
    const titles = new Map(d.base.achievements.map((a) => [a.achievement_no, a.title]))
    const rows = d.grants
      .filter(
        (g) =>
          !search ||
          g.achievements.some((no) => contains(no, search) || contains(titles.get(no) ?? '', search)) ||
          g.members.some((m) => contains(m.name, search) || m.employee_id === search),
      )
      .sort((a, b) => b.decided_on.localeCompare(a.decided_on) || (b.id ?? 0) - (a.id ?? 0))
    return paged(rows, q)
  })
}

export function saveGrant(input: Grant): Promise<number> {
  return attempt(async (d) => {
    const problems = grantProblems(input, TODAY)
    const known = new Set(d.base.achievements.map((a) => a.achievement_no))
    for (const no of input.achievements) if (!known.has(no.trim())) problems.push(unknown('achievements', '成果（成果编号）', no))
    const people = new Map(d.base.people.map((p) => [p.employee_id, p.name]))
    for (const m of input.members) if (!people.has(m.employee_id.trim())) problems.push(unknown('members', '人员（工号）', m.employee_id))
    if (input.resolution_id !== null && !d.resolutions.some((r) => r.id === input.resolution_id)) throw notFound('集体决策', input.resolution_id)
    if (problems.length) throw invalid(problems)
    if (input.id !== null && !d.grants.some((g) => g.id === input.id)) throw notFound('赋权', input.id)
    const share = input.kind === 'share'
    const id = input.id ?? d.nextId++
    const saved: Grant = {
      ...clone(input),
      id,
      share_bp: share ? input.share_bp : null,
      usage_from: share ? null : input.usage_from,
      usage_until: share ? null : input.usage_until,
      publicity_ends_on: input.publicized_on && input.publicity_days ? await publicityEnd(input.publicized_on, input.publicity_days) : null,
      note: input.note?.trim() || null,
      achievements: [...new Set(input.achievements.map((a) => a.trim()))].sort(),
      members: input.members.map((m) => ({ employee_id: m.employee_id.trim(), name: people.get(m.employee_id.trim()) ?? '', share_bp: m.share_bp })),
    }
    d.grants = [...d.grants.filter((g) => g.id !== id), saved]
    return id
  })
}

// ---------------------------------------------------------------------------------------------
// For the contracts side of the fake backend (./fake-contracts.ts)

/** One publicity as saved, or null. */
export function fakePublicity(id: number): Promise<Publicity | null> {
  return attempt((d) => d.publicities.find((p) => p.id === id) ?? null)
}

/** Records the contract signed under a publicity (the backend reads it from `contract.publicity_id`). */
export function markSigned(id: number, contractNo: string): Promise<void> {
  return attempt((d) => {
    const p = d.publicities.find((x) => x.id === id)
    if (p) p.contract_no = contractNo
  })
}
