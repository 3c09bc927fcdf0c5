// The policy form holds text (percentages, yuan) so that what the office types is kept exactly;
// these turn a Policy into that text and back. Only the format is checked here: ranges and sums
// are the backend's rules, and its field problems come back by the same field names.
import type { ContractKind, Policy, Recipient, Tier } from '../../api'
import { CONTRACT_KINDS } from '../../api/enums'
import { parsePercent, parseYuan, percentText, yuanText } from '../../format'

export type TierForm = { kind: ContractKind | ''; min: string; in_province: boolean; ratio: string }

/** An institutional recipient of the net income (学院, 学校, 转化办, a fund…): its share in percent. */
export type RecipientForm = { name: string; share: string }

export type PolicyForm = {
  id: number | null
  /** The version it was loaded at (0: new), sent back with the save (edit_conflict). */
  version: number
  in_use: boolean
  effective_on: string
  ratios: Record<ContractKind, string>
  tiers: TierForm[]
  key_min: string
  staff_on: boolean
  staff: string
  staff_min: string
  publicity_days: string
  deadline_months: string
  recipients: RecipientForm[]
  note: string
  /** 文件名称 (without 《》) and 文号: offices name a policy by its document. */
  document_title: string
  document_no: string
}

/** Why a field's text is not a value; the screen words it. */
export type FormatProblem = 'required' | 'percent' | 'amount' | 'integer'

/** The backend's field name for each contract kind's ratio. */
export const RATIO_FIELD: Record<ContractKind, `${ContractKind}_bp`> = {
  transfer: 'transfer_bp',
  license: 'license_bp',
  equity: 'equity_bp',
  development: 'development_bp',
  consulting: 'consulting_bp',
  service: 'service_bp',
}

const optionalPercent = (bp: number | null) => (bp === null ? '' : percentText(bp))

export function toForm(p: Policy): PolicyForm {
  return {
    id: p.id,
    version: p.version,
    in_use: p.in_use,
    effective_on: p.effective_on,
    ratios: Object.fromEntries(CONTRACT_KINDS.map((k) => [k, percentText(p[RATIO_FIELD[k]])])) as Record<ContractKind, string>,
    tiers: p.tiers.map((t) => ({ kind: t.kind ?? '', min: yuanText(t.min_amount_fen), in_province: t.in_province, ratio: percentText(t.ratio_bp) })),
    key_min: percentText(p.key_contributor_min_bp),
    staff_on: p.transfer_staff_bp !== null,
    staff: optionalPercent(p.transfer_staff_bp),
    staff_min: optionalPercent(p.transfer_staff_min_bp),
    publicity_days: String(p.publicity_days),
    deadline_months: p.payment_deadline_months === null ? '' : String(p.payment_deadline_months),
    recipients: p.recipients.map((r) => ({ name: r.name, share: percentText(r.share_bp) })),
    note: p.note ?? '',
    document_title: p.document_title ?? '',
    document_no: p.document_no ?? '',
  }
}

/** A new version based on another: same rules, no id, no date and no document yet (a new version is a new document). */
export const copyForm = (p: Policy): PolicyForm => ({
  ...toForm(p),
  id: null,
  version: 0,
  in_use: false,
  effective_on: '',
  document_title: '',
  document_no: '',
})

/** The document as offices cite it, 《title》（number）, either alone; null when none is recorded (as the core's `document_name`). */
export function policyDocument(p: { document_title: string | null; document_no: string | null }): string | null {
  if (p.document_title && p.document_no) return `《${p.document_title}》（${p.document_no}）`
  if (p.document_title) return `《${p.document_title}》`
  return p.document_no
}

/** The Policy the form describes, or every field whose text is not a value. */
export function fromForm(f: PolicyForm): { policy: Policy } | { problems: Record<string, FormatProblem> } {
  const problems: Record<string, FormatProblem> = {}
  const percent = (field: string, text: string) => {
    const bp = parsePercent(text)
    if (bp === null) problems[field] = text.trim() ? 'percent' : 'required'
    return bp ?? 0
  }
  const optionalPct = (field: string, text: string) => (text.trim() ? percent(field, text) : null)
  const integer = (field: string, text: string) => {
    const n = /^\d{1,4}$/.test(text.trim()) ? Number(text.trim()) : null
    if (n === null) problems[field] = text.trim() ? 'integer' : 'required'
    return n ?? 0
  }
  if (!f.effective_on) problems.effective_on = 'required'
  const ratios = Object.fromEntries(CONTRACT_KINDS.map((k) => [RATIO_FIELD[k], percent(RATIO_FIELD[k], f.ratios[k])]))
  const tiers: Tier[] = f.tiers.map((t, i) => {
    const field = `tiers[${i}]`
    const min = parseYuan(t.min)
    if (min === null) problems[field] = t.min.trim() ? 'amount' : 'required'
    return { kind: t.kind || null, min_amount_fen: min ?? 0, in_province: t.in_province, ratio_bp: percent(field, t.ratio) }
  })
  const recipients: Recipient[] = f.recipients.map((r, i) => ({ name: r.name.trim(), share_bp: percent(`recipients[${i}].share_bp`, r.share) }))
  const policy: Policy = {
    id: f.id,
    version: f.version,
    effective_on: f.effective_on,
    transfer_bp: ratios.transfer_bp!,
    license_bp: ratios.license_bp!,
    equity_bp: ratios.equity_bp!,
    development_bp: ratios.development_bp!,
    consulting_bp: ratios.consulting_bp!,
    service_bp: ratios.service_bp!,
    tiers,
    key_contributor_min_bp: percent('key_contributor_min_bp', f.key_min),
    transfer_staff_bp: f.staff_on ? percent('transfer_staff_bp', f.staff) : null,
    transfer_staff_min_bp: f.staff_on ? optionalPct('transfer_staff_min_bp', f.staff_min) : null,
    publicity_days: integer('publicity_days', f.publicity_days),
    payment_deadline_months: f.deadline_months.trim() ? integer('payment_deadline_months', f.deadline_months) : null,
    recipients,
    note: f.note.trim() || null,
    in_use: f.in_use,
    document_title: f.document_title.trim() || null,
    document_no: f.document_no.trim() || null,
  }
  return Object.keys(problems).length ? { problems } : { policy }
}

/** The team's share plus the recipients', in bp, for each distinct cash ratio of transfer and
 * license (what the backend requires to be 100%); null while a text is not a percent. */
export function splitSums(f: PolicyForm): number[] | null {
  const shares = f.recipients.map((r) => parsePercent(r.share))
  const ratios = [parsePercent(f.ratios.transfer), parsePercent(f.ratios.license)]
  if (shares.some((s) => s === null) || ratios.some((r) => r === null)) return null
  const total = shares.reduce((a, b) => a! + b!, 0)!
  return [...new Set(ratios.map((r) => r! + total))]
}
