// The lifecycle side of the fake backend: achievements registered by hand, disclosures with their
// assessments and decisions, and valuations, over the fake portfolio of ./fake.ts. Same rules,
// refusal codes and problem fields as the Rust side (src-tauri/core/src/{register, disclosure,
// assessment, valuation}.rs), so that the screens and their tests see what the app would say.
import { ApiError } from './error'
import { checkDigit, fakeStore, TODAY, type Achievement, type Store } from './fake'
import { weightedScoreX10 } from '../views/disclosures/score'
import { DECISION_DAYS } from '../views/disclosures/query'
import type {
  AchievementExtras,
  AchievementForm,
  AchievementKind,
  AchievementRef,
  Assessment,
  AssessmentInput,
  CoOwner,
  Criterion,
  Decision,
  Disclosure,
  DisclosureDetail,
  DisclosurePage,
  DisclosureQuery,
  DisclosureRow,
  DisclosureStatus,
  Inventor,
  InventorLine,
  ProblemReport,
  Valuation,
  ValuationMethod,
} from './types.gen'

const FULL_BP = 10000
const MAX_PAGE_SIZE = 200
const PATENTS: AchievementKind[] = ['invention_patent', 'utility_model', 'design_patent']
const KIND_ZH: Record<AchievementKind, string> = {
  invention_patent: '发明专利',
  utility_model: '实用新型专利',
  design_patent: '外观设计专利',
  software_copyright: '软件著作权',
  ic_layout: '集成电路布图设计',
  plant_variety: '植物新品种',
  know_how: '技术秘密',
  other: '其他',
}
const METHOD_ORDER: ValuationMethod[] = ['income', 'market', 'cost']
const METHOD_ZH: Record<ValuationMethod, string> = { income: '收益法', market: '市场法', cost: '成本法' }

type Extras = { co_owners: CoOwner[]; open_license: boolean; separate_management: boolean }
type Saved = { disclosure: Disclosure; decision: Decision | null; assessments: Assessment[]; achievements: number[] }
type Lifecycle = {
  base: Store
  disclosures: Saved[]
  criteria: Criterion[]
  valuations: Valuation[]
  extras: Map<number, Extras>
  nextId: number
  nextAssessmentId: number
  nextValuationId: number
}

let state: Lifecycle | null = null

/** Built from the current fake portfolio; `resetFake` (a new portfolio) rebuilds it. */
function db(): Lifecycle {
  const base = fakeStore()
  if (state?.base !== base) state = seed(base)
  return state
}

const clone = <T>(value: T): Promise<T> => Promise.resolve(structuredClone(value))
const attempt = <T>(work: () => T): Promise<T> => {
  try {
    return clone(work())
  } catch (e) {
    return Promise.reject(e)
  }
}

// ---------------------------------------------------------------------------------------------
// Problems and refusals, worded as the backend words them (problem.rs, error.rs)

type Problems = ProblemReport[]
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
const notAllowedFor = (column: string, value: string, what: string) => problem(column, value, 'not_allowed_for_kind', `${what}不应填写`)
const dateOrder = (column: string, value: string, other: string) => problem(column, value, 'date_order', `不能早于${other}`)
const inFuture = (column: string, value: string) => problem(column, value, 'date_in_future', '日期晚于今天')
const duplicate = (column: string, value: string) => problem(column, value, 'duplicate_in_database', '数据库中已存在')
const repeated = (column: string, key: string) => problem(column, key, 'repeated_entry', `${key} 在列表中出现了两次`)
const pct = (bp: number) => (bp % 100 === 0 ? String(bp / 100) : (bp / 100).toFixed(2).replace(/0$/, ''))

function invalid(problems: Problems): never {
  throw new ApiError('invalid_input', `输入有 ${problems.length} 处问题，未写入任何数据`, problems)
}

const REFUSALS: Record<string, string> = {
  disclosure_decided: '该披露已作出处理决定，不能再修改或评估',
  disclosure_converted: '该披露已形成成果，不能再改变处理决定',
  disclosure_not_decided: '该披露尚未作出处理决定，不能登记为成果',
  disclosure_dropped: '该披露已决定放弃，不能登记为成果',
}
function refuse(code: keyof typeof REFUSALS, detail: string): never {
  throw new ApiError(code, `${REFUSALS[code]}：${detail}`)
}
const notFound = (what: string, id: number): never => {
  throw new ApiError('not_found', `未找到${what}：${id}`)
}

/** Trimmed text: a problem when required and empty, or longer than `max`. */
function text(problems: Problems, column: string, value: string | null | undefined, isRequired: boolean, max: number): string | null {
  const t = (value ?? '').trim()
  if (!t) {
    if (isRequired) problems.push(required(column))
    return null
  }
  if ([...t].length > max) {
    problems.push(problem(column, t.slice(0, 40), 'too_long', `内容过长（最多 ${max} 个字符）`))
    return null
  }
  return t
}

const days = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000))

// ---------------------------------------------------------------------------------------------
// Inventors (achievement.rs `inventor_list_problem`, `unknown_inventors`)

function inventorProblems(base: Store, inventors: readonly Inventor[]): Problems {
  if (!inventors.length) return [required('inventors')]
  const listText = inventors.map((i) => `${i.employee_id}${i.key_contributor ? '*' : ''}:${pct(i.share_bp)}`).join('; ')
  const seen = new Set<string>()
  const twice = inventors.find((i) => seen.size === seen.add(i.employee_id).size)
  if (twice) return [repeated('inventors', twice.employee_id)]
  if (inventors.some((i) => !Number.isInteger(i.share_bp) || i.share_bp < 1 || i.share_bp > FULL_BP)) {
    return [problem('inventors', listText, 'bad_share', '百分比应大于 0 且不超过 100')]
  }
  const sum = inventors.reduce((a, i) => a + i.share_bp, 0)
  if (sum !== FULL_BP) return [problem('inventors', listText, 'shares_not_100', `份额合计为 ${pct(sum)}，应恰好为 100`)]
  return inventors
    .filter((i) => !base.people.some((p) => p.employee_id === i.employee_id))
    .map((i) => problem('inventors', i.employee_id, 'unknown_reference', `找不到人员（工号）：${i.employee_id}（须已在系统中）`))
}

function lines(base: Store, inventors: readonly Inventor[]): InventorLine[] {
  return inventors.flatMap((i) => {
    const p = base.people.find((x) => x.employee_id === i.employee_id)
    return p ? [{ employee_id: p.employee_id, name: p.name, department: p.department, share_bp: i.share_bp, key_contributor: i.key_contributor }] : []
  })
}

// ---------------------------------------------------------------------------------------------
// Achievements by hand (register.rs)

/** ident.rs `application_no`: CN/ZL prefixes and spaces tolerated, normalized to `202310123456.6`. */
function normalizeApplicationNo(raw: string): { ok: string } | { expected: string } | null {
  let t = raw.replace(/\s+/g, '').toUpperCase().replace('．', '.')
  for (const prefix of ['CN', 'ZL']) if (t.startsWith(prefix)) t = t.slice(prefix.length)
  let body: string
  let check: string
  if (t.includes('.')) [body, check] = t.split('.', 2) as [string, string]
  else if (t.length === 13 || t.length === 9) [body, check] = [t.slice(0, -1), t.slice(-1)]
  else return null
  if (!/^(\d{12}|\d{8})$/.test(body) || check.length !== 1) return null
  const expected = body.length === 12 ? checkDigit(body) : checkDigitShort(body)
  return check === expected ? { ok: `${body}.${expected}` } : { expected }
}

/** The 8-digit form (before 2003): weights 2…9. */
function checkDigitShort(digits8: string): string {
  const sum = [...digits8].reduce((acc, c, i) => acc + Number(c) * (i + 2), 0)
  const r = sum % 11
  return r === 10 ? 'X' : String(r)
}

function formOf(r: Lifecycle, a: Achievement): AchievementForm {
  const extras = r.extras.get(a.id) ?? { co_owners: [], open_license: false, separate_management: false }
  return {
    id: a.id,
    achievement_no: a.achievement_no,
    title: a.title,
    kind: a.kind,
    application_no: a.application_no,
    filed_on: a.filed_on,
    grant_no: a.grant_no,
    granted_on: a.granted_on,
    status: a.status,
    department: a.department,
    fiscal_project: a.fiscal_project,
    fees_paid_through: a.fees_paid_through,
    inventors: a.inventors.map((i) => ({ employee_id: i.person.employee_id, share_bp: i.share_bp, key_contributor: i.key_contributor })),
    co_owners: extras.co_owners,
    open_license: extras.open_license,
    separate_management: extras.separate_management,
    disclosure_id: r.disclosures.find((s) => s.achievements.includes(a.id))?.disclosure.id ?? null,
  }
}

const achievementById = (r: Lifecycle, id: number) => r.base.achievements.find((a) => a.id === id) ?? notFound('成果', id)

export function achievementForm(id: number): Promise<AchievementForm> {
  return attempt(() => {
    const r = db()
    return formOf(r, achievementById(r, id))
  })
}

export function achievementExtras(id: number): Promise<AchievementExtras> {
  return attempt(() => {
    const r = db()
    const form = formOf(r, achievementById(r, id))
    const from = r.disclosures.find((s) => s.achievements.includes(id))?.disclosure
    return {
      co_owners: form.co_owners,
      open_license: form.open_license,
      separate_management: form.separate_management,
      disclosure: from ? { id: from.id!, disclosure_no: from.disclosure_no, title: from.title } : null,
    }
  })
}

function checkConvertible(r: Lifecycle, id: number): Saved {
  const saved = r.disclosures.find((s) => s.disclosure.id === id) ?? notFound('成果披露', id)
  if (!saved.decision) refuse('disclosure_not_decided', saved.disclosure.disclosure_no)
  if (saved.decision.decision === 'drop') refuse('disclosure_dropped', saved.disclosure.disclosure_no)
  return saved
}

export function saveAchievement(form: AchievementForm): Promise<number> {
  return attempt(() => {
    const r = db()
    const before = form.id === null ? null : achievementById(r, form.id)
    const from = before === null && form.disclosure_id !== null ? checkConvertible(r, form.disclosure_id) : null
    const problems: Problems = []
    const patent = PATENTS.includes(form.kind)
    const no = text(problems, 'achievement_no', form.achievement_no, true, 40)
    const title = text(problems, 'title', form.title, true, 500)
    const department = text(problems, 'department', form.department, true, 100)
    const fiscal = text(problems, 'fiscal_project', form.fiscal_project, false, 100)
    const grantNo = text(problems, 'grant_no', form.grant_no, false, 60)
    let applicationNo = text(problems, 'application_no', form.application_no, false, 40)
    if (patent) {
      if (applicationNo === null) problems.push(requiredFor('application_no', KIND_ZH[form.kind]))
      else {
        const checked = normalizeApplicationNo(applicationNo)
        if (checked === null) problems.push(problem('application_no', applicationNo, 'bad_application_no', '申请号格式不对'))
        else if ('expected' in checked) {
          problems.push(problem('application_no', applicationNo, 'bad_check_digit', `申请号校验位错误（按规则应为 ${checked.expected}）`))
        } else applicationNo = checked.ok
      }
      if (!form.filed_on) problems.push(requiredFor('filed_on', KIND_ZH[form.kind]))
      if (form.fees_paid_through !== null && !(form.fees_paid_through >= 1 && form.fees_paid_through <= 20)) {
        problems.push(problem('fees_paid_through', String(form.fees_paid_through), 'bad_integer', '应为 1 到 20 之间的整数'))
      }
    } else if (form.fees_paid_through !== null) {
      problems.push(notAllowedFor('fees_paid_through', String(form.fees_paid_through), KIND_ZH[form.kind]))
    }
    if (form.filed_on && form.granted_on && form.granted_on < form.filed_on) {
      problems.push(dateOrder('granted_on', form.granted_on, '申请日'))
    }
    problems.push(...inventorProblems(r.base, form.inventors))
    const others = r.base.achievements.filter((a) => a.id !== form.id)
    if (no && others.some((a) => a.achievement_no === no)) problems.push(duplicate('achievement_no', no))
    if (patent && applicationNo && others.some((a) => a.application_no === applicationNo)) problems.push(duplicate('application_no', applicationNo))
    const orgs = new Set<number>()
    for (const c of form.co_owners) if (orgs.size === orgs.add(c.organization_id).size) problems.push(repeated('co_owners', c.name))
    if (problems.length) invalid(problems)

    const fields = {
      achievement_no: no!,
      title: title!,
      kind: form.kind,
      application_no: applicationNo,
      filed_on: form.filed_on,
      grant_no: grantNo,
      granted_on: form.granted_on,
      status: form.status,
      department: department!,
      fiscal_project: fiscal,
      fees_paid_through: form.fees_paid_through,
      inventors: form.inventors.map((i) => ({
        person: r.base.people.find((p) => p.employee_id === i.employee_id)!,
        share_bp: i.share_bp,
        key_contributor: i.key_contributor,
      })),
    }
    let id: number
    if (before) {
      const assumed = before.fees_paid_through_assumed && before.fees_paid_through === form.fees_paid_through
      Object.assign(before, fields, { fees_paid_through_assumed: assumed })
      id = before.id
    } else {
      id = Math.max(0, ...r.base.achievements.map((a) => a.id)) + 1
      r.base.achievements.push({ ...fields, id, fees_paid_through_assumed: false })
      from?.achievements.push(id)
    }
    r.extras.set(id, { co_owners: form.co_owners, open_license: form.open_license, separate_management: form.separate_management })
    return id
  })
}

// ---------------------------------------------------------------------------------------------
// Disclosures (disclosure.rs)

function statusOf(s: Saved): DisclosureStatus {
  if (s.decision?.decision === 'drop') return 'dropped'
  if (s.decision && s.achievements.length) return 'converted'
  if (s.decision) return 'decided'
  return s.assessments.length ? 'assessed' : 'received'
}

const ageOf = (s: Saved) => days(s.disclosure.received_on, s.decision?.decided_on ?? TODAY)

function row(r: Lifecycle, s: Saved): DisclosureRow {
  const d = s.disclosure
  const age = ageOf(s)
  return {
    id: d.id!,
    disclosure_no: d.disclosure_no,
    title: d.title,
    department: d.department,
    inventors: lines(r.base, d.inventors).map((i) => i.name + (i.key_contributor ? '*' : '')).join('、'),
    received_on: d.received_on,
    intended_protection: d.intended_protection,
    status: statusOf(s),
    decision: s.decision?.decision ?? null,
    decided_on: s.decision?.decided_on ?? null,
    assessments: s.assessments.length,
    achievements: s.achievements.length,
    age_days: age,
    overdue: !s.decision && age > DECISION_DAYS,
  }
}

const savedById = (r: Lifecycle, id: number) => r.disclosures.find((s) => s.disclosure.id === id) ?? notFound('成果披露', id)

export function listDisclosures(q: DisclosureQuery): Promise<DisclosurePage> {
  return attempt(() => {
    const r = db()
    const search = q.search?.trim() ?? ''
    const needle = search.toLowerCase()
    const found = r.disclosures
      .filter(
        (s) =>
          (q.status === null || statusOf(s) === q.status) &&
          (!q.department || s.disclosure.department === q.department) &&
          (q.year === null || s.disclosure.received_on.startsWith(`${q.year}-`)) &&
          (!search ||
            [s.disclosure.disclosure_no, s.disclosure.title].some((v) => v.toLowerCase().includes(needle)) ||
            lines(r.base, s.disclosure.inventors).some((i) => i.name.includes(search) || i.employee_id === search)),
      )
      .sort((a, b) => (a.disclosure.received_on === b.disclosure.received_on ? b.disclosure.id! - a.disclosure.id! : a.disclosure.received_on < b.disclosure.received_on ? 1 : -1))
    const size = Math.min(Math.max(q.page_size, 1), MAX_PAGE_SIZE)
    const page = Math.max(q.page, 1)
    return { total: found.length, rows: found.slice((page - 1) * size, page * size).map((s) => row(r, s)) }
  })
}

export function getDisclosure(id: number): Promise<DisclosureDetail> {
  return attempt(() => {
    const r = db()
    const s = savedById(r, id)
    const achievements: AchievementRef[] = s.achievements.flatMap((aid) => {
      const a = r.base.achievements.find((x) => x.id === aid)
      return a ? [{ id: a.id, achievement_no: a.achievement_no, title: a.title, kind: a.kind, status: a.status }] : []
    })
    const age = ageOf(s)
    return {
      disclosure: s.disclosure,
      inventors: lines(r.base, s.disclosure.inventors),
      status: statusOf(s),
      decision: s.decision,
      age_days: age,
      overdue: !s.decision && age > DECISION_DAYS,
      assessments: [...s.assessments].sort((a, b) => (a.assessed_on === b.assessed_on ? a.id - b.id : a.assessed_on < b.assessed_on ? -1 : 1)),
      achievements: achievements.sort((a, b) => (a.achievement_no < b.achievement_no ? -1 : 1)),
    }
  })
}

export function disclosureYears(): Promise<number[]> {
  return attempt(() => [...new Set(db().disclosures.map((s) => Number(s.disclosure.received_on.slice(0, 4))))].sort((a, b) => b - a))
}

function nextNumber(r: Lifecycle, year: number): string {
  const prefix = `PL${year}-`
  const highest = Math.max(0, ...r.disclosures.map((s) => s.disclosure.disclosure_no).filter((n) => n.startsWith(prefix)).map((n) => Number(n.slice(prefix.length)) || 0))
  return `${prefix}${String(highest + 1).padStart(3, '0')}`
}

export function nextDisclosureNo(): Promise<string> {
  return attempt(() => nextNumber(db(), Number(TODAY.slice(0, 4))))
}

export function saveDisclosure(d: Disclosure): Promise<number> {
  return attempt(() => {
    const r = db()
    const before = d.id === null ? null : savedById(r, d.id)
    if (before?.decision) refuse('disclosure_decided', before.disclosure.disclosure_no)
    const problems: Problems = []
    const no = text(problems, 'disclosure_no', d.disclosure_no, true, 40)
    const title = text(problems, 'title', d.title, true, 500)
    const department = text(problems, 'department', d.department, true, 100)
    const fiscal = text(problems, 'fiscal_project', d.fiscal_project, false, 100)
    if (d.funding_source === 'fiscal' && fiscal === null && !problems.some((p) => p.column === 'fiscal_project')) {
      problems.push(requiredFor('fiscal_project', '财政资金'))
    }
    if (d.funding_source !== 'fiscal' && fiscal !== null) {
      const zh = { fiscal: '财政资金', enterprise: '企业委托', own: '自筹', other: '其他' }[d.funding_source]
      problems.push(notAllowedFor('fiscal_project', fiscal, zh))
    }
    const description = text(problems, 'description', d.description, true, 20000)
    const priorArt = text(problems, 'prior_art', d.prior_art, false, 20000)
    if (!d.received_on) problems.push(required('received_on'))
    else if (d.received_on > TODAY) problems.push(inFuture('received_on', d.received_on))
    const first = before?.assessments.map((a) => a.assessed_on).sort()[0]
    if (first && d.received_on > first) {
      problems.push(problem('received_on', d.received_on, 'date_order', `不能晚于评估日期 ${first}`))
    }
    problems.push(...inventorProblems(r.base, d.inventors))
    if (no && r.disclosures.some((s) => s.disclosure.disclosure_no === no && s.disclosure.id !== d.id)) problems.push(duplicate('disclosure_no', no))
    if (problems.length) invalid(problems)
    const clean: Disclosure = {
      ...d,
      disclosure_no: no!,
      title: title!,
      department: department!,
      fiscal_project: fiscal,
      description: description!,
      prior_art: priorArt,
      inventors: d.inventors.map((i) => ({ ...i, employee_id: i.employee_id.trim() })),
    }
    if (before) {
      before.disclosure = { ...clean, id: before.disclosure.id }
      return before.disclosure.id!
    }
    const id = r.nextId++
    r.disclosures.push({ disclosure: { ...clean, id }, decision: null, assessments: [], achievements: [] })
    return id
  })
}

export function decideDisclosure(id: number, decision: Decision): Promise<void> {
  return attempt(() => {
    const r = db()
    const s = savedById(r, id)
    if (s.achievements.length) refuse('disclosure_converted', s.disclosure.disclosure_no)
    const problems: Problems = []
    if (!decision.decided_on) problems.push(required('decided_on'))
    else if (decision.decided_on < s.disclosure.received_on) {
      problems.push(dateOrder('decided_on', decision.decided_on, `受理日期 ${s.disclosure.received_on}`))
    } else if (decision.decided_on > TODAY) problems.push(inFuture('decided_on', decision.decided_on))
    const note = text(problems, 'note', decision.note, false, 2000)
    if (problems.length) invalid(problems)
    s.decision = { ...decision, note }
  })
}

export function conversionForm(id: number): Promise<AchievementForm> {
  return attempt(() => {
    const r = db()
    const s = checkConvertible(r, id)
    const d = s.disclosure
    const kind: AchievementKind =
      s.decision!.decision === 'keep_secret'
        ? 'know_how'
        : s.decision!.decision === 'file_patent' && !PATENTS.includes(d.intended_protection)
          ? 'invention_patent'
          : d.intended_protection
    return {
      id: null,
      achievement_no: '',
      title: d.title,
      kind,
      application_no: null,
      filed_on: null,
      grant_no: null,
      granted_on: null,
      status: kind === 'know_how' ? 'in_force' : 'pending',
      department: d.department,
      fiscal_project: d.fiscal_project,
      fees_paid_through: null,
      inventors: d.inventors,
      co_owners: [],
      open_license: false,
      separate_management: false,
      disclosure_id: id,
    }
  })
}

// ---------------------------------------------------------------------------------------------
// Assessments (assessment.rs)

export function assessmentCriteria(): Promise<Criterion[]> {
  return attempt(() => db().criteria)
}

export function saveAssessmentCriteria(criteria: Criterion[]): Promise<void> {
  return attempt(() => {
    const problems: Problems = []
    const names = new Set<string>()
    const clean = criteria.map((c, i) => {
      const column = `criteria[${i}]`
      const name = text(problems, column, c.name, true, 100)
      if (name !== null && names.size === names.add(name).size) problems.push(repeated(column, name))
      if (!(Number.isInteger(c.weight_bp) && c.weight_bp >= 1 && c.weight_bp <= FULL_BP)) {
        problems.push(problem(column, String(c.weight_bp), 'bad_share', '百分比应大于 0 且不超过 100'))
      }
      return { name: name ?? '', weight_bp: c.weight_bp }
    })
    const sum = criteria.reduce((a, c) => a + c.weight_bp, 0)
    if (!criteria.length) problems.push(required('criteria'))
    else if (sum !== FULL_BP) problems.push(problem('criteria', pct(sum), 'parts_not_100', `各部分合计为 ${pct(sum)}%，应恰好为 100%`))
    if (problems.length) invalid(problems)
    db().criteria = clean
  })
}

export function addAssessment(input: AssessmentInput): Promise<number> {
  return attempt(() => {
    const r = db()
    const s = savedById(r, input.disclosure_id)
    if (s.decision) refuse('disclosure_decided', s.disclosure.disclosure_no)
    const problems: Problems = []
    if (!input.assessed_on) problems.push(required('assessed_on'))
    else if (input.assessed_on < s.disclosure.received_on) {
      problems.push(dateOrder('assessed_on', input.assessed_on, `受理日期 ${s.disclosure.received_on}`))
    } else if (input.assessed_on > TODAY) problems.push(inFuture('assessed_on', input.assessed_on))
    const reviewer = text(problems, 'reviewer', input.reviewer, true, 100)
    const note = text(problems, 'note', input.note, false, 2000)
    const scores = r.criteria.flatMap((c, i) => {
      const given = input.scores.find((x) => x.criterion.trim() === c.name)
      if (!given) {
        problems.push(required(`scores[${i}]`))
        return []
      }
      if (!(Number.isInteger(given.score) && given.score >= 0 && given.score <= 100)) {
        problems.push(problem(`scores[${i}]`, String(given.score), 'bad_integer', '应为 0 到 100 之间的整数'))
        return []
      }
      return [{ criterion: c.name, weight_bp: c.weight_bp, score: given.score }]
    })
    if (problems.length) invalid(problems)
    const id = r.nextAssessmentId++
    s.assessments.push({
      id,
      assessed_on: input.assessed_on,
      reviewer: reviewer!,
      scores,
      weighted_score_x10: weightedScoreX10(scores),
      recommendation: input.recommendation,
      note,
    })
    return id
  })
}

export function deleteAssessment(id: number): Promise<void> {
  return attempt(() => {
    const s = db().disclosures.find((x) => x.assessments.some((a) => a.id === id)) ?? notFound('申请前评估', id)
    if (s.decision) refuse('disclosure_decided', s.disclosure.disclosure_no)
    s.assessments = s.assessments.filter((a) => a.id !== id)
  })
}

// ---------------------------------------------------------------------------------------------
// Valuations (valuation.rs)

export function listValuations(achievementId: number | null, contractId: number | null): Promise<Valuation[]> {
  return attempt(() =>
    db()
      .valuations.filter((v) => (achievementId !== null && v.achievement_id === achievementId) || (contractId !== null && v.contract_id === contractId))
      .sort((a, b) => (a.base_on === b.base_on ? b.id! - a.id! : a.base_on < b.base_on ? 1 : -1)),
  )
}

export function saveValuation(v: Valuation): Promise<number> {
  return attempt(() => {
    const r = db()
    const before = v.id === null ? null : (r.valuations.find((x) => x.id === v.id) ?? notFound('评估记录', v.id))
    const problems: Problems = []
    if (v.achievement_id === null && v.contract_id === null) problems.push(required('achievement_id'))
    if (v.achievement_id !== null && !r.base.achievements.some((a) => a.id === v.achievement_id)) {
      problems.push(problem('achievement_id', String(v.achievement_id), 'unknown_reference', `找不到成果（成果编号）：${v.achievement_id}（须已在系统中）`))
    }
    const appraiser = text(problems, 'appraiser', v.appraiser, true, 200)
    const appraisal = v.kind === 'appraisal'
    const reportNo = text(problems, 'report_no', v.report_no, false, 100)
    if (appraisal && reportNo === null && !problems.some((p) => p.column === 'report_no')) problems.push(requiredFor('report_no', '评估报告'))
    const methods: ValuationMethod[] = []
    for (const m of v.methods) {
      if (methods.includes(m)) problems.push(repeated('methods', METHOD_ZH[m]))
      else methods.push(m)
    }
    methods.sort((a, b) => METHOD_ORDER.indexOf(a) - METHOD_ORDER.indexOf(b))
    if (!methods.length) problems.push(required('methods'))
    else if (appraisal && methods.length < 2) {
      problems.push(problem('methods', methods.map((m) => METHOD_ZH[m]).join('、'), 'too_few', '至少需要 2 项'))
    }
    for (const [column, amount] of [['value_fen', v.value_fen], ['low_fen', v.low_fen], ['high_fen', v.high_fen]] as const) {
      if (amount !== null && amount < 0) problems.push(problem(column, String(amount), 'bad_amount', '金额不能为负数'))
    }
    const [value, low, high] = [v.value_fen, v.low_fen, v.high_fen]
    if (value !== null && (low !== null || high !== null)) problems.push(notAllowedFor('value_fen', String(value), '区间'))
    else if (value === null && low === null && high === null) problems.push(required('value_fen'))
    else if (value === null && low === null) problems.push(required('low_fen'))
    else if (value === null && high === null) problems.push(required('high_fen'))
    else if (value === null && high! < low!) problems.push(problem('high_fen', String(high), 'amount_order', '不能低于下限'))
    if (!v.base_on) problems.push(required('base_on'))
    for (const [column, day] of [['valid_until', v.valid_until], ['filed_on', v.filed_on]] as const) {
      if (day && v.base_on && day < v.base_on) problems.push(dateOrder(column, day, `评估基准日 ${v.base_on}`))
    }
    const filingNo = text(problems, 'filing_no', v.filing_no, false, 100)
    if (filingNo !== null && !v.filed_on) problems.push(requiredFor('filed_on', '备案'))
    if (filingNo === null && v.filed_on && !problems.some((p) => p.column === 'filing_no')) problems.push(requiredFor('filing_no', '备案'))
    if (problems.length) invalid(problems)
    const clean: Valuation = { ...v, appraiser: appraiser!, report_no: reportNo, methods, filing_no: filingNo }
    if (before) {
      Object.assign(before, clean)
      return before.id!
    }
    const id = r.nextValuationId++
    r.valuations.push({ ...clean, id })
    return id
  })
}

export function deleteValuation(id: number): Promise<void> {
  return attempt(() => {
    const r = db()
    if (!r.valuations.some((v) => v.id === id)) notFound('评估记录', id)
    r.valuations = r.valuations.filter((v) => v.id !== id)
  })
}

// ---------------------------------------------------------------------------------------------
// The seeded records

/**
 * Four disclosures in every state, on people of the fake portfolio:
 * - PL2026-001 (材料, fiscal) received 2026-08-03, assessed once (85/78/91/66 → 80.3), undecided
 *   for 112 days: flagged;
 * - PL2026-002 (计算机, enterprise) received 2026-10-30, nothing else yet;
 * - PL2026-003 (计算机, own) dropped on 2026-07-20;
 * - PL2025-007 (机械, fiscal) kept as a technical secret and registered as the portfolio's first
 *   know-how achievement.
 * The shipped scoring sheet (30/30/20/20), and one appraisal of that know-how.
 */
function seed(base: Store): Lifecycle {
  const of = (department: string, n: number) => base.people.filter((p) => p.department === department).slice(0, n)
  const inventors = (people: { employee_id: string }[], shares: number[]): Inventor[] =>
    people.map((p, i) => ({ employee_id: p.employee_id, share_bp: shares[i]!, key_contributor: i === 0 }))
  const disclosure = (id: number, d: Omit<Disclosure, 'id' | 'prior_art' | 'confidential'>): Disclosure => ({
    id,
    prior_art: null,
    confidential: false,
    ...d,
  })
  const criteria: Criterion[] = [
    { name: '技术先进性', weight_bp: 3000 },
    { name: '市场前景', weight_bp: 3000 },
    { name: '可专利性与保护范围', weight_bp: 2000 },
    { name: '转化可行性', weight_bp: 2000 },
  ]
  const scores = [85, 78, 91, 66].map((score, i) => ({ criterion: criteria[i]!.name, weight_bp: criteria[i]!.weight_bp, score }))
  const secret = base.achievements.find((a) => a.kind === 'know_how')
  const disclosures: Saved[] = [
    {
      disclosure: disclosure(1, {
        disclosure_no: 'PL2026-001',
        title: '一种钠离子电池硬碳负极材料',
        department: '材料科学与工程学院',
        funding_source: 'fiscal',
        fiscal_project: '国家重点研发计划 2024YFB001',
        description: '以生物质为前驱体，两步碳化得到硬碳负极，首次库伦效率 90% 以上。',
        intended_protection: 'invention_patent',
        received_on: '2026-08-03',
        inventors: inventors(of('材料科学与工程学院', 2), [7000, 3000]),
      }),
      decision: null,
      assessments: [
        { id: 1, assessed_on: '2026-09-10', reviewer: '校知识产权评估小组', scores, weighted_score_x10: weightedScoreX10(scores), recommendation: 'file_patent', note: '建议申请发明专利' },
      ],
      achievements: [],
    },
    {
      disclosure: disclosure(2, {
        disclosure_no: 'PL2026-002',
        title: '基于知识图谱的专利检索方法',
        department: '计算机学院',
        funding_source: 'enterprise',
        fiscal_project: null,
        description: '将专利文本构建为知识图谱，按技术特征检索相似专利。',
        intended_protection: 'invention_patent',
        received_on: '2026-10-30',
        inventors: inventors(of('计算机学院', 1), [10000]),
      }),
      decision: null,
      assessments: [],
      achievements: [],
    },
    {
      disclosure: disclosure(3, {
        disclosure_no: 'PL2026-003',
        title: '面向边缘计算的任务卸载方法',
        department: '计算机学院',
        funding_source: 'own',
        fiscal_project: null,
        description: '按时延和能耗选择卸载节点。',
        intended_protection: 'invention_patent',
        received_on: '2026-06-15',
        inventors: inventors(of('计算机学院', 3).slice(1), [5000, 5000]),
      }),
      decision: { decision: 'drop', decided_on: '2026-07-20', note: '已有相同公开文献，新颖性不足' },
      assessments: [],
      achievements: [],
    },
    {
      disclosure: disclosure(4, {
        disclosure_no: 'PL2025-007',
        title: secret?.title ?? '铝合金焊接关键工艺',
        department: secret?.department ?? '机械工程学院',
        funding_source: 'fiscal',
        fiscal_project: '四川省科技计划 2025ZDZX0012',
        description: '焊接参数窗口与热处理制度。',
        intended_protection: 'know_how',
        received_on: '2025-11-20',
        inventors: secret
          ? secret.inventors.map((i) => ({ employee_id: i.person.employee_id, share_bp: i.share_bp, key_contributor: i.key_contributor }))
          : inventors(of('机械工程学院', 1), [10000]),
      }),
      decision: { decision: 'keep_secret', decided_on: '2026-01-10', note: null },
      assessments: [],
      achievements: secret ? [secret.id] : [],
    },
  ]
  const valuations: Valuation[] = secret
    ? [
        {
          id: 1,
          achievement_id: secret.id,
          contract_id: null,
          kind: 'internal',
          appraiser: '技术转移中心',
          report_no: null,
          base_on: '2026-03-31',
          methods: ['cost'],
          value_fen: null,
          low_fen: 30_000_000,
          high_fen: 50_000_000,
          valid_until: null,
          filing_no: null,
          filed_on: null,
        },
      ]
    : []
  return { base, disclosures, criteria, valuations, extras: new Map(), nextId: 5, nextAssessmentId: 2, nextValuationId: 2 }
}
