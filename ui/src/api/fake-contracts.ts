// The contracts side of the fake backend: the contract list and page, money entry, receivables,
// the pickers and attachments, over the fake portfolio of ./fake.ts (contract ids are positions
// in it, counterparties become organizations by name). Same rules and codes as the Rust side
// (src-tauri/core/src/contract/{edit,view}.rs) for what the UI tests exercise.
import { ApiError } from './error'
import { fakeStore, TODAY, type Contract } from './fake'
import { addMonths } from './fake-rewards'
import { fakePublicity, markSigned, signingRefusal } from './fake-deals'
import type {
  Attachment,
  ContractDetail,
  ContractForm,
  ContractInstallment,
  ContractPage,
  ContractQuery,
  ContractRow,
  MoneyEntry,
  OrganizationRecord,
  OrganizationChoice,
  PersonChoice,
  ProblemReport,
  Receivable,
} from './types.gen'

const FULL_BP = 10000
const MAX_PAGE_SIZE = 200

type Extra = Pick<ContractForm, 'registered_on' | 'effective_on' | 'recorded_on' | 'pricing' | 'publicity_id' | 'resolution_id' | 'installments' | 'equity'> & {
  receipt_ids: number[]
  cost_ids: number[]
  receipt_kinds: ContractDetail['receipts'][number]['kind'][]
}

const state = {
  organizations: null as (OrganizationRecord & { id: number })[] | null,
  extras: new Map<number, Extra>(),
  attachments: [] as Attachment[],
  nextMoneyId: 1000,
}

function organizations(): (OrganizationRecord & { id: number })[] {
  if (!state.organizations) {
    const names = [...new Set(fakeStore().contracts.map((c) => c.counterparty))]
    state.organizations = names.map((name, i) => ({
      id: i + 1,
      name,
      credit_code: null,
      ownership: 'private',
      size: 'small',
      region: /成都|四川|绵阳|德阳|宜宾|攀枝花|南充/.test(name) ? '四川省' : '北京市',
    }))
  }
  return state.organizations
}

function extra(id: number, c: Contract): Extra {
  let e = state.extras.get(id)
  if (!e) {
    const transformation = c.kind === 'transfer' || c.kind === 'license' || c.kind === 'equity'
    e = {
      registered_on: null,
      effective_on: null,
      recorded_on: null,
      pricing: null,
      publicity_id: null,
      resolution_id: null,
      // Each contract's balance is scheduled a year after signing, so that older ones show as owed.
      installments:
        transformation && c.amount_fen > c.received_fen && c.kind !== 'equity'
          ? [{ kind: 'fixed', due_on: addMonths(c.signed_on, 12), amount_fen: c.amount_fen, milestone: null, period_start: null, period_end: null }]
          : [],
      equity: null,
      receipt_ids: c.receipts.map(() => state.nextMoneyId++),
      cost_ids: c.costs.map(() => state.nextMoneyId++),
      receipt_kinds: c.receipts.map(() => 'payment'),
    }
    state.extras.set(id, e)
  }
  return e
}

function contractAt(id: number): Contract {
  const c = fakeStore().contracts[id - 1]
  if (!c) throw new ApiError('not_found', `未找到合同：${id}`)
  return c
}

function installmentLines(c: Contract, e: Extra, today: string): ContractInstallment[] {
  let left = c.receipts.filter((_, i) => e.receipt_kinds[i] === 'payment').reduce((s, r) => s + r.amount_fen, 0)
  const order = e.installments.map((p, i) => [p, i] as const).sort((a, b) => a[0].due_on.localeCompare(b[0].due_on) || a[1] - b[1])
  const lines: ContractInstallment[] = new Array(e.installments.length)
  for (const [p, i] of order) {
    const covered = Math.min(left, p.amount_fen)
    left -= covered
    const outstanding = p.amount_fen - covered
    lines[i] = { installment: p, outstanding_fen: outstanding, overdue: outstanding > 0 && p.due_on < today }
  }
  return lines
}

function recordalDue(kind: ContractForm['kind'], signed: string, effective: string | null): string | null {
  return kind === 'license' ? addMonths(effective ?? signed, 3) : null
}

function detail(id: number): ContractDetail {
  const c = contractAt(id)
  const e = extra(id, c)
  const store = fakeStore()
  const installments = installmentLines(c, e, TODAY)
  const recordal = recordalDue(c.kind, c.signed_on, e.effective_on)
  const org = organizations().find((o) => o.name === c.counterparty)
  const achievements = c.achievements.map((l) => {
    const a = store.achievements.find((x) => x.id === l.id)
    return { id: l.id, achievement_no: a?.achievement_no ?? '', title: a?.title ?? '', weight_bp: l.weight_bp }
  })
  return {
    form: {
      id,
      contract_no: c.contract_no,
      title: c.title,
      kind: c.kind,
      license_kind: c.kind === 'license' ? 'ordinary' : null,
      organization_id: org?.id ?? 0,
      amount_fen: c.amount_fen,
      signed_on: c.signed_on,
      registration_no: c.registration_no,
      equity_units_fen: c.equity_units,
      achievements: achievements.map(({ achievement_no, weight_bp }) => ({ achievement_no, weight_bp })),
      registered_on: e.registered_on,
      effective_on: e.effective_on,
      recorded_on: e.recorded_on,
      pricing: e.pricing,
      publicity_id: e.publicity_id,
      resolution_id: e.resolution_id,
      installments: e.installments,
      equity: e.equity,
    },
    counterparty: c.counterparty,
    counterparty_region: org?.region ?? '',
    achievements,
    installments,
    receipts: c.receipts.map((r, i) => ({ id: e.receipt_ids[i] ?? 0, received_on: r.received_on, amount_fen: r.amount_fen, voucher_no: r.voucher_no, kind: e.receipt_kinds[i] ?? 'payment', distributed: false })),
    costs: c.costs.map((x, i) => ({ id: e.cost_ids[i] ?? 0, incurred_on: x.incurred_on, category: x.category, amount_fen: x.amount_fen, note: null, distributed: false })),
    distributions: [],
    received_fen: c.received_fen,
    costs_fen: c.costs.reduce((s, x) => s + x.amount_fen, 0),
    overdue_fen: installments.filter((l) => l.overdue).reduce((s, l) => s + l.outstanding_fen, 0),
    recordal_due_on: recordal,
    recordal_overdue: e.recorded_on === null && recordal !== null && recordal < TODAY,
    publicity: null,
    resolution: null,
  }
}

const delay = <T>(value: () => T): Promise<T> =>
  new Promise((resolve, reject) =>
    setTimeout(() => {
      try {
        resolve(value())
      } catch (e) {
        reject(e)
      }
    }, 30),
  )

export function listContracts(q: ContractQuery): Promise<ContractPage> {
  return delay(() => {
    const search = q.search?.trim() ?? ''
    const rows: ContractRow[] = fakeStore()
      .contracts.map((_, i) => detail(i + 1))
      .filter((d) => q.kind === null || d.form.kind === q.kind)
      .filter((d) => q.year === null || d.form.signed_on.startsWith(String(q.year)))
      .filter((d) => !search || [d.form.contract_no, d.form.title, d.counterparty].some((t) => t.includes(search)))
      .filter((d) => !q.overdue || d.overdue_fen > 0)
      .filter((d) => !q.recordal || (d.form.recorded_on === null && d.recordal_due_on !== null))
      .filter((d) => !q.department || d.achievements.some((a) => fakeStore().achievements.find((x) => x.id === a.id)?.department === q.department))
      .sort((a, b) => b.form.signed_on.localeCompare(a.form.signed_on) || a.form.contract_no.localeCompare(b.form.contract_no))
      .map((d) => ({
        id: d.form.id ?? 0,
        contract_no: d.form.contract_no,
        title: d.form.title,
        kind: d.form.kind,
        counterparty: d.counterparty,
        amount_fen: d.form.amount_fen,
        signed_on: d.form.signed_on,
        received_fen: d.received_fen,
        overdue_fen: d.overdue_fen,
        recordal_due_on: d.form.recorded_on === null ? d.recordal_due_on : null,
      }))
    const size = Math.min(Math.max(q.page_size, 1), MAX_PAGE_SIZE)
    const start = (Math.max(q.page, 1) - 1) * size
    return { total: rows.length, rows: rows.slice(start, start + size) }
  })
}

export async function getContract(id: number): Promise<ContractDetail> {
  const d = await delay(() => detail(id))
  return d.form.publicity_id === null ? d : { ...d, publicity: await fakePublicity(d.form.publicity_id) }
}

const problem = (column: string, code: string, text: string): ProblemReport => ({ sheet: '', row: 0, column, cell: null, value: '', code, problem: text })

function formProblems(form: ContractForm): ProblemReport[] {
  const out: ProblemReport[] = []
  if (!form.contract_no.trim()) out.push(problem('contract_no', 'required', '必填'))
  if (!form.title.trim()) out.push(problem('title', 'required', '必填'))
  if (form.kind === 'license' && form.license_kind === null) out.push(problem('license_kind', 'required_for', '许可合同必填'))
  if (form.signed_on > TODAY) out.push(problem('signed_on', 'date_in_future', '日期晚于今天'))
  const transformation = form.kind === 'transfer' || form.kind === 'license' || form.kind === 'equity'
  if (transformation && form.achievements.length === 0) out.push(problem('achievements', 'required_for', `${form.kind}合同必填`))
  if (transformation && form.pricing === null) out.push(problem('pricing', 'required_for', '必填'))
  const sum = form.achievements.reduce((s, a) => s + a.weight_bp, 0)
  if (form.achievements.length > 0 && sum !== FULL_BP) out.push(problem('achievements', 'weights_not_100', `权重合计为 ${sum / 100}%，应为 100%`))
  if (form.kind === 'equity' && form.equity_units_fen === null) out.push(problem('equity_units_fen', 'required_for', '作价投资必填'))
  form.installments.forEach((p, i) => {
    if (p.due_on < form.signed_on) out.push(problem(`installments[${i}].due_on`, 'date_order', `不能早于${form.signed_on}`))
    if (p.kind === 'milestone' && !p.milestone?.trim()) out.push(problem(`installments[${i}].milestone`, 'required', '必填'))
  })
  const taken = fakeStore().contracts.findIndex((c) => c.contract_no === form.contract_no.trim())
  if (taken >= 0 && taken + 1 !== form.id) out.push(problem('contract_no', 'duplicate_in_database', '数据库中已存在'))
  return out
}

export async function saveContract(form: ContractForm): Promise<number> {
  const problems = formProblems(form)
  if (problems.length > 0) throw new ApiError('invalid_input', '输入有误', problems)
  if (form.pricing === 'agreement') {
    if (form.publicity_id === null) throw new ApiError('publicity_required', '协议定价须先公示：请选择已结束的定价公示')
    const p = await fakePublicity(form.publicity_id)
    if (p === null) throw new ApiError('not_found', `未找到定价公示：${form.publicity_id}`)
    const refusal = signingRefusal(p, form.signed_on)
    if (refusal) throw refusal
  }
  const id = await delay(() => {
    const store = fakeStore()
    const org = organizations().find((o) => o.id === form.organization_id)
    const links = form.achievements.map((a) => ({ id: store.achievements.find((x) => x.achievement_no === a.achievement_no)?.id ?? 0, weight_bp: a.weight_bp }))
    const base = {
      contract_no: form.contract_no.trim(),
      title: form.title.trim(),
      kind: form.kind,
      counterparty: org?.name ?? '',
      signed_on: form.signed_on,
      amount_fen: form.amount_fen,
      registration_no: form.registration_no,
      equity_units: form.equity_units_fen,
      achievements: links,
    }
    let id = form.id
    if (id === null) {
      store.contracts.push({ ...base, received_fen: 0, receipts: [], costs: [] })
      id = store.contracts.length
    } else {
      Object.assign(contractAt(id), base)
    }
    const e = extra(id, contractAt(id))
    Object.assign(e, {
      registered_on: form.registered_on,
      effective_on: form.effective_on,
      recorded_on: form.recorded_on,
      pricing: form.pricing,
      publicity_id: form.publicity_id,
      resolution_id: form.resolution_id,
      installments: form.installments,
      equity: form.equity,
    })
    return id
  })
  if (form.pricing === 'agreement' && form.publicity_id !== null) await markSigned(form.publicity_id, form.contract_no.trim())
  return id
}

/** A counterparty's name by id (the fake publicities and grants name theirs). */
export function organizationName(id: number): string | null {
  return organizations().find((o) => o.id === id)?.name ?? null
}

export function deleteContract(id: number): Promise<void> {
  return delay(() => {
    const c = contractAt(id)
    if (c.receipts.length > 0 || c.costs.length > 0) throw new ApiError('contract_in_use', '合同已有到账、成本、分配、评估或附件，不能删除')
    // Positions are ids here: blank the entry rather than shift every later id.
    Object.assign(c, { contract_no: `（已删除）${c.contract_no}`, achievements: [] })
  })
}

function entryProblems(entry: MoneyEntry, signed: string): ProblemReport[] {
  const out: ProblemReport[] = []
  if (entry.amount_fen <= 0) out.push(problem('amount_fen', 'bad_integer', '金额应大于 0'))
  if (entry.on > TODAY) out.push(problem('on', 'date_in_future', '日期晚于今天'))
  return out.concat(entry.on < signed ? [problem('on', 'date_order', `不能早于${signed}`)] : [])
}

export function addReceipt(contractId: number, entry: MoneyEntry): Promise<number> {
  return delay(() => {
    const c = contractAt(contractId)
    const e = extra(contractId, c)
    const problems = entryProblems(entry, c.signed_on)
    const voucher = entry.reference?.trim() || null
    if (voucher && fakeStore().contracts.some((x) => x.receipts.some((r) => r.voucher_no === voucher))) {
      problems.push(problem('reference', 'duplicate_in_database', '凭证号已存在'))
    }
    if (problems.length > 0) throw new ApiError('invalid_input', '输入有误', problems)
    c.receipts.push({ received_on: entry.on, amount_fen: entry.amount_fen, voucher_no: voucher })
    c.received_fen += entry.amount_fen
    e.receipt_ids.push(state.nextMoneyId)
    e.receipt_kinds.push(entry.receipt_kind ?? 'payment')
    return state.nextMoneyId++
  })
}

export function addCost(contractId: number, entry: MoneyEntry): Promise<number> {
  return delay(() => {
    const c = contractAt(contractId)
    const e = extra(contractId, c)
    const problems = entryProblems(entry, '0000-00-00')
    if (entry.cost_category === null) problems.push(problem('cost_category', 'required', '必填'))
    if (problems.length > 0) throw new ApiError('invalid_input', '输入有误', problems)
    c.costs.push({ incurred_on: entry.on, amount_fen: entry.amount_fen, category: entry.cost_category ?? 'other' })
    e.cost_ids.push(state.nextMoneyId)
    return state.nextMoneyId++
  })
}

function deleteMoney(id: number, receipts: boolean): void {
  fakeStore().contracts.forEach((c, i) => {
    const e = extra(i + 1, c)
    const ids = receipts ? e.receipt_ids : e.cost_ids
    const at = ids.indexOf(id)
    if (at < 0) return
    ids.splice(at, 1)
    if (receipts) {
      const [r] = c.receipts.splice(at, 1)
      e.receipt_kinds.splice(at, 1)
      c.received_fen -= r?.amount_fen ?? 0
    } else {
      c.costs.splice(at, 1)
    }
  })
}

export function deleteReceipt(id: number): Promise<void> {
  return delay(() => deleteMoney(id, true))
}

export function deleteCost(id: number): Promise<void> {
  return delay(() => deleteMoney(id, false))
}

export function listReceivables(withinDays: number): Promise<Receivable[]> {
  return delay(() => {
    const limit = new Date(Date.parse(`${TODAY}T00:00:00Z`) + withinDays * 86_400_000).toISOString().slice(0, 10)
    const days = (from: string) => Math.max(0, Math.round((Date.parse(`${TODAY}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000))
    return fakeStore()
      .contracts.flatMap((c, i) =>
        detail(i + 1).installments.map((l) => ({
          contract_id: i + 1,
          contract_no: c.contract_no,
          counterparty: c.counterparty,
          due_on: l.installment.due_on,
          kind: l.installment.kind,
          label: l.installment.milestone,
          amount_fen: l.installment.amount_fen,
          outstanding_fen: l.outstanding_fen,
          days_overdue: days(l.installment.due_on),
        })),
      )
      .filter((r) => r.outstanding_fen > 0 && r.due_on <= limit)
      .sort((a, b) => a.due_on.localeCompare(b.due_on) || a.contract_no.localeCompare(b.contract_no))
  })
}

export function exportEvidence(id: number, path: string): Promise<void> {
  return delay(() => {
    contractAt(id)
    if (!path) throw new ApiError('write_failed', '无法写入文件')
  })
}

export function organizationChoices(search: string): Promise<OrganizationChoice[]> {
  return delay(() =>
    organizations()
      .filter((o) => o.name.includes(search.trim()) || (o.credit_code ?? '').includes(search.trim()))
      .slice(0, 20)
      .map(({ id, name, credit_code, ownership, region }) => ({ id, name, credit_code, ownership, region })),
  )
}

export function createOrganization(org: OrganizationRecord): Promise<number> {
  return delay(() => {
    const problems: ProblemReport[] = []
    if (!org.name.trim()) problems.push(problem('name', 'required', '必填'))
    if (!org.region.trim()) problems.push(problem('region', 'bad_region', '应为省级行政区名称或“境外”'))
    if (organizations().some((o) => o.name === org.name.trim())) problems.push(problem('name', 'duplicate_in_database', '数据库中已存在'))
    if (problems.length > 0) throw new ApiError('invalid_input', '输入有误', problems)
    const id = organizations().length + 1
    organizations().push({ ...org, name: org.name.trim(), id })
    return id
  })
}

export function personChoices(search: string): Promise<PersonChoice[]> {
  return delay(() =>
    fakeStore()
      .people.map((p, i) => ({ id: i + 1, employee_id: p.employee_id, name: p.name, department: p.department }))
      .filter((p) => p.name.includes(search.trim()) || p.employee_id.includes(search.trim()))
      .slice(0, 20),
  )
}

export function listAttachments(entity: string, entityId: number): Promise<Attachment[]> {
  return delay(() => state.attachments.filter((a) => a.entity === entity && a.entity_id === entityId))
}

export function attachFile(entity: string, entityId: number, path: string): Promise<Attachment> {
  return delay(() => {
    const name = path.split(/[\\/]/).pop() ?? path
    const a: Attachment = { id: state.attachments.length + 1, entity, entity_id: entityId, name, sha256: 'ab'.repeat(32), size: 20480, added_on: TODAY }
    state.attachments.push(a)
    return a
  })
}

export function removeAttachment(id: number): Promise<void> {
  return delay(() => {
    state.attachments = state.attachments.filter((a) => a.id !== id)
  })
}

export function openAttachment(id: number): Promise<void> {
  return delay(() => {
    if (!state.attachments.some((a) => a.id === id)) throw new ApiError('not_found', `未找到附件：${id}`)
  })
}

/** The fake open dialog: a fixed file name. */
export function pickAttachment(): Promise<string | null> {
  return Promise.resolve('/home/office/会议纪要.pdf')
}
