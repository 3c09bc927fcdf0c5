// The publicity form holds text (the price in yuan) so that what the office types is kept
// exactly; these turn a Publicity into that text and back. Only the format is checked here: the
// rules (days 1–90, objections' handling and dates) are the backend's, and its field problems
// come back by the same field names (`price_fen`, `objections[0].handling`).
import type { ContractKind, Objection, Outcome, ProblemReport, Publicity, PublicityRow, Resolution } from '../../api'
import { parseYuan, yuanText } from '../../format'

/** The transformation kinds a price is publicized for (the others are priced by the market). */
export const PUBLICITY_KINDS = ['transfer', 'license', 'equity'] as const satisfies readonly ContractKind[]

/** In the order an objection goes: pending, then upheld or rejected (a Record, so a new Rust variant fails the type check). */
export const OUTCOMES = Object.keys({ pending: true, upheld: true, rejected: true } satisfies Record<Outcome, true>) as Outcome[]

/**
 * The period when the policy in force says nothing: a version's default `publicity_days`
 * (docs/rules/rewards.md "Publicity days and payment deadline"). A proposal, not a minimum: the
 * core accepts any period of 1–90 days (docs/rules/publicity.md "Price publicity").
 */
export const DEFAULT_DAYS = 15

export type ObjectionForm = {
  id: number | null
  received_on: string
  objector: string
  content: string
  outcome: Outcome
  handling: string
  resolved_on: string
}

export type PublicityForm = {
  id: number | null
  /** The version it was loaded at (0: new), sent back with the save (edit_conflict). */
  version: number
  title: string
  contract_kind: ContractKind
  /** null until a counterparty is picked or created. */
  organization_id: number | null
  counterparty: string
  related_party: boolean
  price: string
  posted_on: string
  days: number
  channel: string
  resolution_id: number | null
  achievements: string[]
  objections: ObjectionForm[]
  /** The contract signed under it: the period and price are then evidence (read only). */
  contract_no: string | null
}

/** Why a field's text is not a value; the screen words it. */
export type FormatProblem = 'required' | 'amount'

export const emptyObjection = (day: string): ObjectionForm => ({
  id: null,
  received_on: day,
  objector: '',
  content: '',
  outcome: 'pending',
  handling: '',
  resolved_on: '',
})

export function emptyForm(postedOn: string, days: number): PublicityForm {
  return {
    id: null,
    version: 0,
    title: '',
    contract_kind: 'transfer',
    organization_id: null,
    counterparty: '',
    related_party: false,
    price: '',
    posted_on: postedOn,
    days,
    channel: '',
    resolution_id: null,
    achievements: [],
    objections: [],
    contract_no: null,
  }
}

const objectionForm = (o: Objection): ObjectionForm => ({
  id: o.id,
  received_on: o.received_on,
  objector: o.objector,
  content: o.content,
  outcome: o.outcome,
  handling: o.handling ?? '',
  resolved_on: o.resolved_on ?? '',
})

export function toForm(p: Publicity): PublicityForm {
  return {
    id: p.id,
    version: p.version,
    title: p.title,
    contract_kind: p.contract_kind,
    organization_id: p.organization_id,
    counterparty: p.counterparty,
    related_party: p.related_party,
    price: yuanText(p.price_fen),
    posted_on: p.posted_on,
    days: p.days,
    channel: p.channel,
    resolution_id: p.resolution_id,
    achievements: [...p.achievements],
    objections: p.objections.map(objectionForm),
    contract_no: p.contract_no,
  }
}

/** The Publicity the form describes, or every field whose text is not a value. */
export function fromForm(f: PublicityForm): { publicity: Publicity } | { problems: Record<string, FormatProblem> } {
  const problems: Record<string, FormatProblem> = {}
  const price = parseYuan(f.price)
  if (price === null) problems.price_fen = f.price.trim() ? 'amount' : 'required'
  // A date is a date or absent: the backend cannot read an empty one, so it is asked for here.
  if (!f.posted_on) problems.posted_on = 'required'
  f.objections.forEach((o, i) => {
    if (!o.received_on) problems[`objections[${i}].received_on`] = 'required'
  })
  const publicity: Publicity = {
    id: f.id,
    version: f.version,
    title: f.title.trim(),
    contract_kind: f.contract_kind,
    // 0 names no organization: the backend answers with its `organization_id` problem.
    organization_id: f.organization_id ?? 0,
    counterparty: f.counterparty,
    related_party: f.related_party,
    price_fen: price ?? 0,
    posted_on: f.posted_on,
    days: f.days,
    // Computed by the backend on save; sent as the posting day only because the type needs a date.
    ends_on: f.posted_on,
    channel: f.channel.trim(),
    resolution_id: f.resolution_id,
    achievements: f.achievements.map((a) => a.trim()).filter(Boolean),
    objections: f.objections.map((o) => ({
      id: o.id,
      received_on: o.received_on,
      objector: o.objector.trim(),
      content: o.content.trim(),
      outcome: o.outcome,
      handling: o.handling.trim() || null,
      resolved_on: o.resolved_on || null,
    })),
    contract_no: f.contract_no,
  }
  return Object.keys(problems).length ? { problems } : { publicity }
}

/** The 签订合同 button: only once the period is over with no objection standing, and only once. */
export const canSign = (row: PublicityRow): boolean => row.stage === 'clear' && row.publicity.contract_no === null

/** `2026-10-08 校长办公会：议题` for pickers and lists. */
export const resolutionLabel = (r: Pick<Resolution, 'meeting_on' | 'body' | 'subject'>): string => `${r.meeting_on} ${r.body}：${r.subject}`

/** The backend's field names the publicity form shows an error at. */
export const PUBLICITY_FIELDS = /^(title|achievements|contract_kind|price_fen|organization_id|posted_on|days|channel|resolution_id|objections\[\d+\]\.(received_on|objector|content|handling|resolved_on))$/

/** The problems no field of a form shows (`fields` matches the columns it does), so that none goes unseen. */
export const unplaced = (problems: readonly ProblemReport[], fields: RegExp): ProblemReport[] => problems.filter((p) => !fields.test(p.column))
