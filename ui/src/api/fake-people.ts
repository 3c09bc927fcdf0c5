// The fake backend of the people and organization screens, over the fake portfolio of ./fake.ts:
// person ids are positions in its people, organization ids positions among the contracts'
// counterparties (as in ./fake-contracts.ts). Each list has one planted duplicate (a second 张三-
// style record and a 有限责任公司 spelling of a company) so that merge and unmerge can be shown.
// Same rules and codes as src-tauri/core/src/people.rs, organizations.rs and merge.rs.
import { ApiError } from './error'
import { fakeStore, MAX_PAGE_SIZE } from './fake'
import type {
  Category,
  LeaderLevel,
  MergeEntity,
  MergeRecord,
  MovedRow,
  OrganizationDetail,
  OrganizationDuplicate,
  OrganizationEdit,
  OrganizationPage,
  OrganizationQuery,
  OrganizationRow,
  Ownership,
  PersonDetail,
  PersonDuplicate,
  PersonEdit,
  PersonPage,
  PersonQuery,
  PersonRow,
  ProblemReport,
  Revealed,
  Size,
} from './types.gen'

type Person = {
  id: number
  employee_id: string
  name: string
  department: string
  category: Category
  leader_level: LeaderLevel
  id_number: string | null
  bank_account: string | null
  merged_into: number | null
}
type Organization = {
  id: number
  name: string
  credit_code: string | null
  ownership: Ownership
  size: Size | null
  region: string
  merged_into: number | null
}
type State = {
  people: Person[]
  organizations: Organization[]
  /** Inventor rows moved by merges: `${achievementId}:${fromEmployeeId}` → employee ID now. */
  inventors: Map<string, string>
  /** Contracts moved by merges: contract id → organization id now. */
  contracts: Map<number, number>
  /** Each merge with what to put back on unmerge: [key, the owner before]. */
  merges: (MergeRecord & { keys: [string, string | number][] })[]
}

let state: State | null = null

/** The planted duplicates' resident ID (the GB 11643 sample) and a bank account. */
export const SAMPLE_ID_NUMBER = '11010519491231002X'
export const SAMPLE_BANK_ACCOUNT = '6222021234567890'

function build(): State {
  const store = fakeStore()
  const people: Person[] = store.people.map((p, i) => ({
    id: i + 1,
    ...p,
    id_number: i === 0 ? SAMPLE_ID_NUMBER : null,
    bank_account: i === 0 ? SAMPLE_BANK_ACCOUNT : null,
    merged_into: null,
  }))
  const first = people[0] as Person
  people.push({ ...first, id: people.length + 1, employee_id: 'T9001', bank_account: null, merged_into: null })
  const names = [...new Set(store.contracts.map((c) => c.counterparty))]
  const organizations: Organization[] = names.map((name, i) => ({
    id: i + 1,
    name,
    credit_code: null,
    ownership: 'private',
    size: 'small',
    region: /成都|四川|绵阳|德阳|宜宾|攀枝花|南充/.test(name) ? '四川省' : '北京市',
    merged_into: null,
  }))
  const firstOrg = organizations[0] as Organization
  organizations.push({ ...firstOrg, id: organizations.length + 1, name: firstOrg.name.replace(/有限公司$/, '') + ' 有限责任公司' })
  const built: State = { people, organizations, inventors: new Map(), contracts: new Map(), merges: [] }
  // The planted duplicates own something to move: the first person's last achievement and the
  // first organization's last contract.
  const last = [...store.achievements].reverse().find((a) => a.inventors.some((i) => i.person.employee_id === first.employee_id))
  if (last) built.inventors.set(`${last.id}:${first.employee_id}`, 'T9001')
  const lastContract = store.contracts.map((c, i) => ({ c, id: i + 1 })).filter(({ c }) => c.counterparty === firstOrg.name).pop()
  if (lastContract) built.contracts.set(lastContract.id, organizations.length)
  return built
}

const db = (): State => (state ??= build())

/** Back to the planted data (unit tests). */
export function resetFakePeople(): void {
  state = null
}

const clone = <T>(value: T): Promise<T> => Promise.resolve(structuredClone(value))
const problem = (column: string, code: string, text: string): ProblemReport => ({ sheet: '', row: 0, column, cell: null, value: '', code, problem: text })

/** As `ident::mask`: the first 6 and last 4 of a resident ID, else all but the last 4. */
export function mask(text: string | null): string | null {
  if (text === null) return null
  const n = text.length
  if (n <= 4) return '*'.repeat(n)
  if (n === 18) return text.slice(0, 6) + '*'.repeat(8) + text.slice(14)
  return '*'.repeat(n - 4) + text.slice(n - 4)
}

/** GB 11643 check character of a resident ID's first 17 digits. */
function idCheck(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * (weights[i] ?? 0), 0)
  return '10X98765432'[sum % 11] as string
}

/** GB 32100 check character of a credit code's first 17 characters, or null for a bad character. */
const CREDIT = '0123456789ABCDEFGHJKLMNPQRTUWXY'
function creditCheck(first17: string): string | null {
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
  let sum = 0
  for (const [i, c] of [...first17].entries()) {
    const v = CREDIT.indexOf(c)
    if (v < 0) return null
    sum += v * (weights[i] ?? 0)
  }
  return CREDIT[(31 - (sum % 31)) % 31] as string
}

// ---- people ----

/** The employee ID an inventor row of this person's belongs to now (after merges). */
const ownerOf = (achievementId: number, employeeId: string) => db().inventors.get(`${achievementId}:${employeeId}`) ?? employeeId

function achievementsOf(p: Person) {
  return fakeStore().achievements.flatMap((a) =>
    a.inventors.filter((i) => ownerOf(a.id, i.person.employee_id) === p.employee_id).map((i) => ({ a, i })),
  )
}

function toPersonRow(p: Person): PersonRow {
  return {
    id: p.id,
    employee_id: p.employee_id,
    name: p.name,
    department: p.department,
    category: p.category,
    leader_level: p.leader_level,
    id_number_masked: mask(p.id_number),
    bank_account_masked: mask(p.bank_account),
    achievement_count: achievementsOf(p).length,
    merged_into: p.merged_into,
  }
}

function personAt(id: number): Person {
  const p = db().people.find((x) => x.id === id)
  if (!p) throw new ApiError('not_found', `未找到人员：${id}`)
  return p
}

const cmp = (x: string | number | null, y: string | number | null) => (x === y ? 0 : x === null ? -1 : y === null ? 1 : x < y ? -1 : 1)

export function listPeople(q: PersonQuery): Promise<PersonPage> {
  const size = Math.min(Math.max(q.page_size, 1), MAX_PAGE_SIZE)
  const page = Math.max(q.page, 1)
  const needle = q.search?.trim().toLowerCase() ?? ''
  const rows = db()
    .people.filter(
      (p) =>
        p.merged_into === null &&
        (!needle || p.name.toLowerCase().includes(needle) || p.employee_id.toLowerCase().includes(needle)) &&
        (!q.department || p.department === q.department) &&
        (q.category === null || p.category === q.category) &&
        (q.leader_level === null || p.leader_level === q.leader_level),
    )
    .map(toPersonRow)
  const key = q.sort ?? 'employee_id'
  const value = (r: PersonRow) => (key === 'achievements' ? r.achievement_count : r[key])
  const dir = q.descending ? -1 : 1
  rows.sort((a, b) => dir * (cmp(value(a), value(b)) || cmp(a.employee_id, b.employee_id)))
  return clone({ total: rows.length, rows: rows.slice((page - 1) * size, page * size) })
}

export function peopleDepartments(): Promise<string[]> {
  return clone([...new Set(db().people.map((p) => p.department))].sort())
}

export function personDetail(id: number): Promise<PersonDetail> {
  return Promise.resolve().then(() => {
    const p = personAt(id)
    const mine = achievementsOf(p)
    const ids = new Set(mine.map(({ a }) => a.id))
    const contracts = fakeStore()
      .contracts.map((c, i) => ({ c, id: i + 1 }))
      .filter(({ c }) => c.achievements.some((l) => ids.has(l.id)))
      .map(({ c, id: cid }) => ({
        id: cid,
        contract_no: c.contract_no,
        title: c.title,
        kind: c.kind,
        counterparty: c.counterparty,
        signed_on: c.signed_on,
        amount_fen: c.amount_fen,
        inventor: true,
        transfer_staff: false,
      }))
      .sort((x, y) => cmp(y.signed_on, x.signed_on) || cmp(x.contract_no, y.contract_no))
    const into = p.merged_into === null ? null : personAt(p.merged_into)
    return clone({
      person: toPersonRow(p),
      merged_into_label: into && `${into.employee_id} ${into.name}`,
      achievements: mine
        .map(({ a, i }) => ({
          id: a.id,
          achievement_no: a.achievement_no,
          title: a.title,
          kind: a.kind,
          status: a.status,
          share_bp: i.share_bp,
          key_contributor: i.key_contributor,
        }))
        .sort((x, y) => cmp(x.achievement_no, y.achievement_no)),
      disclosures: [],
      contracts,
      distribution_lines: [],
      grants: [],
      merges: history('person', id),
    })
  })
}

export function revealPerson(id: number): Promise<Revealed> {
  return Promise.resolve().then(() => {
    const p = personAt(id)
    return { id_number: p.id_number, bank_account: p.bank_account }
  })
}

export function updatePerson(edit: PersonEdit): Promise<PersonRow> {
  return Promise.resolve().then(() => {
    const p = personAt(edit.id)
    if (p.merged_into !== null) throw new ApiError('already_merged', `该记录已合并到其他记录（已隐藏）：${p.employee_id} ${p.name}`)
    const problems: ProblemReport[] = []
    for (const [field, value] of [['employee_id', edit.employee_id], ['name', edit.name], ['department', edit.department]] as const) {
      if (!value.trim()) problems.push(problem(field, 'required', '必填'))
    }
    let idNumber = p.id_number
    const typedId = edit.id_number?.trim().toUpperCase() ?? null
    if (typedId === '') idNumber = null
    else if (typedId !== null) {
      if (typedId.includes('*')) problems.push(problem('id_number', 'masked_id_number', '身份证号已脱敏：请填写完整号码或留空'))
      else if (!/^\d{17}[\dX]$/.test(typedId)) problems.push(problem('id_number', 'bad_id_number', '身份证号格式不对（应为 18 位）'))
      else if (idCheck(typedId.slice(0, 17)) !== typedId[17]) {
        problems.push(problem('id_number', 'bad_check_digit', `身份证号校验位不对，应为 ${idCheck(typedId.slice(0, 17))}`))
      } else idNumber = typedId
    }
    let bank = p.bank_account
    const typedBank = edit.bank_account?.replace(/[\s-]/g, '') ?? null
    if (typedBank === '') bank = null
    else if (typedBank !== null) {
      if (!/^\d{12,30}$/.test(typedBank)) problems.push(problem('bank_account', 'bad_bank_account', '银行账号应为 12–30 位数字'))
      else bank = typedBank
    }
    if (db().people.some((o) => o.id !== p.id && o.employee_id === edit.employee_id.trim())) {
      problems.push(problem('employee_id', 'duplicate_in_database', '数据库中已存在'))
    }
    if (problems.length > 0) throw new ApiError('invalid_input', `输入有 ${problems.length} 处问题，未写入任何数据`, problems)
    // Inventor rows follow a changed employee ID.
    for (const [k, v] of db().inventors) if (v === p.employee_id) db().inventors.set(k, edit.employee_id.trim())
    Object.assign(p, {
      employee_id: edit.employee_id.trim(),
      name: edit.name.trim(),
      department: edit.department.trim(),
      category: edit.category,
      leader_level: edit.leader_level,
      id_number: idNumber,
      bank_account: bank,
    })
    return clone(toPersonRow(p))
  })
}

export function personDuplicates(): Promise<PersonDuplicate[]> {
  const shown = db().people.filter((p) => p.merged_into === null)
  const out: PersonDuplicate[] = []
  for (const [i, a] of shown.entries()) {
    for (const b of shown.slice(i + 1)) {
      const sameId = a.id_number !== null && a.id_number === b.id_number
      if (!sameId && !(a.name === b.name && a.department === b.department)) continue
      const [ra, rb] = [toPersonRow(a), toPersonRow(b)]
      const [keep, duplicate] = rb.achievement_count > ra.achievement_count ? [rb, ra] : [ra, rb]
      out.push({ keep, duplicate, reason: sameId ? 'same_id_number' : 'same_name_department' })
    }
  }
  return clone(out.slice(0, 200))
}

// ---- merges ----

let nextMerge = 1

function history(entity: MergeEntity, id: number): MergeRecord[] {
  return structuredClone(
    db()
      .merges.filter((m) => m.entity === entity && (m.keep_id === id || m.duplicate_id === id))
      .map((m) => {
        const { keys, ...shown } = m
        void keys
        return shown
      })
      .reverse(),
  )
}

function refuse(code: string, text: string): never {
  throw new ApiError(code, text)
}

function checkReason(reason: string) {
  if (!reason.trim()) throw new ApiError('invalid_input', '输入有 1 处问题，未写入任何数据', [problem('reason', 'required', '必填')])
}

export function mergePeople(keep: number, duplicate: number, reason: string): Promise<number> {
  return Promise.resolve().then(() => {
    checkReason(reason)
    if (keep === duplicate) refuse('merge_same', '不能把记录与自身合并')
    const [k, d] = [personAt(keep), personAt(duplicate)]
    for (const p of [k, d]) if (p.merged_into !== null) refuse('already_merged', `该记录已合并到其他记录（已隐藏）：${p.employee_id} ${p.name}`)
    const dupRows = achievementsOf(d)
    const keepIds = new Set(achievementsOf(k).map(({ a }) => a.id))
    const clash = dupRows.filter(({ a }) => keepIds.has(a.id)).map(({ a }) => a.achievement_no)
    if (clash.length > 0) refuse('merge_conflict', `两条记录同时出现在同一成果、披露或赋权中，请先在该处调整份额后再合并：${clash.join('、')}`)
    const keys: [string, string][] = []
    const moved: MovedRow[] = []
    for (const { a, i } of dupRows) {
      const key = `${a.id}:${i.person.employee_id}`
      keys.push([key, ownerOf(a.id, i.person.employee_id)])
      db().inventors.set(key, k.employee_id)
      moved.push({ reference: 'inventor', parent_id: a.id, label: `${a.achievement_no} ${a.title}` })
    }
    d.merged_into = k.id
    return record('person', 'merge', k.id, `${k.employee_id} ${k.name}`, d.id, `${d.employee_id} ${d.name}`, reason, moved, keys, null)
  })
}

export function mergeOrganizations(keep: number, duplicate: number, reason: string): Promise<number> {
  return Promise.resolve().then(() => {
    checkReason(reason)
    if (keep === duplicate) refuse('merge_same', '不能把记录与自身合并')
    const [k, d] = [orgAt(keep), orgAt(duplicate)]
    for (const o of [k, d]) if (o.merged_into !== null) refuse('already_merged', `该记录已合并到其他记录（已隐藏）：${o.name}`)
    const keys: [string, number][] = []
    const moved: MovedRow[] = []
    for (const { c, id } of contractsOf(d)) {
      keys.push([String(id), d.id])
      db().contracts.set(id, k.id)
      moved.push({ reference: 'contract', parent_id: id, label: `${c.contract_no} ${c.title}` })
    }
    d.merged_into = k.id
    return record('organization', 'merge', k.id, k.name, d.id, d.name, reason, moved, keys, null)
  })
}

function record(
  entity: MergeEntity,
  kind: 'merge' | 'unmerge',
  keepId: number,
  keepLabel: string,
  dupId: number,
  dupLabel: string,
  reason: string,
  moved: MovedRow[],
  keys: [string, string | number][],
  undoes: number | null,
): number {
  const id = nextMerge++
  db().merges.push({
    id,
    entity,
    kind,
    keep_id: keepId,
    keep_label: keepLabel,
    duplicate_id: dupId,
    duplicate_label: dupLabel,
    undoes_id: undoes,
    undone_by_id: null,
    reason: reason.trim(),
    at: '2026-11-23T09:30:00',
    actor: 'app:office',
    moved,
    keys,
  })
  return id
}

export function unmerge(mergeId: number, reason: string): Promise<number> {
  return Promise.resolve().then(() => {
    checkReason(reason)
    const m = db().merges.find((x) => x.id === mergeId)
    if (!m) throw new ApiError('not_found', `未找到合并记录：${mergeId}`)
    if (m.kind !== 'merge' || m.undone_by_id !== null) refuse('merge_undone', `该合并已撤销（或不是合并记录）：${mergeId}`)
    if (m.entity === 'person') {
      const keep = personAt(m.keep_id)
      if (keep.merged_into !== null) refuse('already_merged', `该记录已合并到其他记录（已隐藏）：${keep.employee_id} ${keep.name}`)
      for (const [key, owner] of m.keys) db().inventors.set(key, String(owner))
      personAt(m.duplicate_id).merged_into = null
    } else {
      const keep = orgAt(m.keep_id)
      if (keep.merged_into !== null) refuse('already_merged', `该记录已合并到其他记录（已隐藏）：${keep.name}`)
      for (const [key, owner] of m.keys) db().contracts.set(Number(key), Number(owner))
      orgAt(m.duplicate_id).merged_into = null
    }
    const id = record(m.entity, 'unmerge', m.keep_id, m.keep_label, m.duplicate_id, m.duplicate_label, reason, m.moved, m.keys, m.id)
    m.undone_by_id = id
    return id
  })
}

// ---- organizations ----

function orgAt(id: number): Organization {
  const o = db().organizations.find((x) => x.id === id)
  if (!o) throw new ApiError('not_found', `未找到单位：${id}`)
  return o
}

/** The contracts an organization holds now (merges and the planted duplicate move them by id). */
function contractsOf(o: Organization) {
  return fakeStore()
    .contracts.map((c, i) => ({ c, id: i + 1 }))
    .filter(({ c, id }) => (db().contracts.get(id) ?? originalId(c.counterparty)) === o.id)
}

/** Organizations keep their first id even when renamed: the counterparty names as generated. */
function originalId(counterparty: string): number {
  return [...new Set(fakeStore().contracts.map((c) => c.counterparty))].indexOf(counterparty) + 1
}

function toOrgRow(o: Organization): OrganizationRow {
  const mine = contractsOf(o)
  return {
    id: o.id,
    name: o.name,
    credit_code: o.credit_code,
    ownership: o.ownership,
    size: o.size,
    region: o.region,
    contract_count: mine.length,
    contract_amount_fen: mine.reduce((s, { c }) => s + c.amount_fen, 0),
    merged_into: o.merged_into,
  }
}

export function listOrganizations(q: OrganizationQuery): Promise<OrganizationPage> {
  const size = Math.min(Math.max(q.page_size, 1), MAX_PAGE_SIZE)
  const page = Math.max(q.page, 1)
  const needle = q.search?.trim().toLowerCase() ?? ''
  const rows = db()
    .organizations.filter(
      (o) =>
        o.merged_into === null &&
        (!needle || o.name.toLowerCase().includes(needle) || (o.credit_code ?? '').toLowerCase().includes(needle)) &&
        (q.ownership === null || o.ownership === q.ownership) &&
        (!q.region || o.region === q.region),
    )
    .map(toOrgRow)
  const key = q.sort ?? 'name'
  const value = (r: OrganizationRow) =>
    key === 'contracts' ? r.contract_count : key === 'amount' ? r.contract_amount_fen : key === 'credit_code' ? r.credit_code : r[key]
  const dir = q.descending ? -1 : 1
  rows.sort((a, b) => dir * (cmp(value(a), value(b)) || cmp(a.name, b.name)))
  return clone({ total: rows.length, rows: rows.slice((page - 1) * size, page * size) })
}

export function organizationRegions(): Promise<string[]> {
  return clone([...new Set(db().organizations.filter((o) => o.merged_into === null).map((o) => o.region))].sort())
}

export function organizationDetail(id: number): Promise<OrganizationDetail> {
  return Promise.resolve().then(() => {
    const o = orgAt(id)
    const into = o.merged_into === null ? null : orgAt(o.merged_into)
    return clone({
      organization: toOrgRow(o),
      merged_into_label: into && into.name,
      contracts: contractsOf(o)
        .map(({ c, id: cid }) => ({
          id: cid,
          contract_no: c.contract_no,
          title: c.title,
          kind: c.kind,
          signed_on: c.signed_on,
          amount_fen: c.amount_fen,
          received_fen: c.received_fen,
        }))
        .sort((x, y) => cmp(y.signed_on, x.signed_on) || cmp(x.contract_no, y.contract_no)),
      co_owned: [],
      publicities: [],
      merges: history('organization', id),
    })
  })
}

export function updateOrganization(edit: OrganizationEdit): Promise<OrganizationRow> {
  return Promise.resolve().then(() => {
    const o = orgAt(edit.id)
    if (o.merged_into !== null) refuse('already_merged', `该记录已合并到其他记录（已隐藏）：${o.name}`)
    const problems: ProblemReport[] = []
    const name = edit.name.trim()
    if (!name) problems.push(problem('name', 'required', '必填'))
    const code = edit.credit_code?.trim().toUpperCase() || null
    if (code !== null) {
      const check = code.length === 18 ? creditCheck(code.slice(0, 17)) : null
      if (check === null) problems.push(problem('credit_code', 'bad_credit_code', '统一社会信用代码格式不对（应为 18 位）'))
      else if (check !== code[17]) problems.push(problem('credit_code', 'bad_check_digit', `统一社会信用代码校验位不对，应为 ${check}`))
    }
    if (!edit.region.trim()) problems.push(problem('region', 'bad_region', '应为省级行政区名称（如 四川省、北京市）或 境外'))
    if (db().organizations.some((x) => x.id !== o.id && x.name === name)) problems.push(problem('name', 'duplicate_in_database', '数据库中已存在'))
    if (problems.length > 0) throw new ApiError('invalid_input', `输入有 ${problems.length} 处问题，未写入任何数据`, problems)
    Object.assign(o, { name, credit_code: code, ownership: edit.ownership, size: edit.size, region: edit.region.trim() })
    return clone(toOrgRow(o))
  })
}

/** As `organizations::name_key`: no spaces, half-width brackets, lower case, no company-form suffix. */
export function nameKey(name: string): string {
  const key = name.replace(/\s/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase()
  for (const suffix of ['股份有限公司', '有限责任公司', '有限公司', 'co.,ltd.', 'co.,ltd', 'ltd.', 'ltd']) {
    if (key.endsWith(suffix) && key.length > suffix.length) return key.slice(0, -suffix.length).replace(/[,.]+$/, '')
  }
  return key
}

export function organizationDuplicates(): Promise<OrganizationDuplicate[]> {
  const shown = db().organizations.filter((o) => o.merged_into === null)
  const out: OrganizationDuplicate[] = []
  for (const [i, a] of shown.entries()) {
    for (const b of shown.slice(i + 1)) {
      const sameCode = a.credit_code !== null && a.credit_code === b.credit_code
      if (!sameCode && nameKey(a.name) !== nameKey(b.name)) continue
      const [ra, rb] = [toOrgRow(a), toOrgRow(b)]
      const [keep, duplicate] = rb.contract_count > ra.contract_count ? [rb, ra] : [ra, rb]
      out.push({ keep, duplicate, reason: sameCode ? 'same_credit_code' : 'similar_name' })
    }
  }
  return clone(out.slice(0, 200))
}
