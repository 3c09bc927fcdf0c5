// The grant form holds text (percentages) so that what the office types is kept exactly; these
// turn a Grant into that text and back, and give the live figures the form shows (the team's
// share total, the earliest end of a usage right). The rules themselves (shares summing to
// exactly 100%, ten years at least) are the backend's; its field problems come back by the same
// names (`members`, `usage_until`, `share_bp`).
import type { Grant, GrantKind, Payer } from '../../api'
import { parsePercent, percentText } from '../../format'

export const FULL_BP = 10000
/** 国科发区〔2020〕128号: a usage right runs at least ten years (grant.rs `MIN_USAGE_YEARS`). */
export const MIN_USAGE_YEARS = 10
/** Local rules usually grant the team at least 70% of the ownership: below it the form warns. */
export const USUAL_SHARE_BP = 7000

// Records over the unions, so that a new Rust variant fails the type check here.
export const GRANT_KINDS = Object.keys({ share: true, usage_right: true } satisfies Record<GrantKind, true>) as GrantKind[]
export const PAYERS = Object.keys({ institution: true, team: true, shared: true } satisfies Record<Payer, true>) as Payer[]

export type MemberForm = { employee_id: string; name: string; department: string; share: string }

export type GrantForm = {
  id: number | null
  /** The version it was loaded at (0: new), sent back with the save (edit_conflict). */
  version: number
  kind: GrantKind
  share: string
  usage_from: string
  usage_until: string
  income_team: string
  annual_fee_payer: Payer
  agency_fee_payer: Payer
  decided_on: string
  resolution_id: number | null
  publicized_on: string
  publicity_days: number
  change_filed_on: string
  note: string
  achievements: string[]
  members: MemberForm[]
}

/** The backend's field names the grant form shows an error at. */
export const GRANT_FIELDS =
  /^(achievements|share_bp|usage_until|members|members\[\d+\]|income_team_bp|decided_on|resolution_id|publicized_on|publicity_days|change_filed_on|note)$/

/** Why a field's text is not a value; the screen words it. */
export type FormatProblem = 'required' | 'percent'

export function emptyGrant(today: string, days: number): GrantForm {
  return {
    id: null,
    version: 0,
    kind: 'share',
    share: '70',
    usage_from: '',
    usage_until: '',
    income_team: '70',
    annual_fee_payer: 'team',
    agency_fee_payer: 'team',
    decided_on: today,
    resolution_id: null,
    publicized_on: '',
    publicity_days: days,
    change_filed_on: '',
    note: '',
    achievements: [],
    members: [],
  }
}

export function toForm(g: Grant, days: number): GrantForm {
  return {
    id: g.id,
    version: g.version,
    kind: g.kind,
    share: g.share_bp === null ? '' : percentText(g.share_bp),
    usage_from: g.usage_from ?? '',
    usage_until: g.usage_until ?? '',
    income_team: percentText(g.income_team_bp),
    annual_fee_payer: g.annual_fee_payer,
    agency_fee_payer: g.agency_fee_payer,
    decided_on: g.decided_on,
    resolution_id: g.resolution_id,
    publicized_on: g.publicized_on ?? '',
    publicity_days: g.publicity_days ?? days,
    change_filed_on: g.change_filed_on ?? '',
    note: g.note ?? '',
    achievements: [...g.achievements],
    members: g.members.map((m) => ({ employee_id: m.employee_id, name: m.name, department: '', share: percentText(m.share_bp) })),
  }
}

/** Σ of the members' shares in bp as typed, or null while one of them is not a percentage. */
export function memberSum(members: readonly Pick<MemberForm, 'share'>[]): number | null {
  const parts = members.map((m) => parsePercent(m.share))
  return parts.every((p) => p !== null) ? parts.reduce<number>((a, b) => a + b!, 0) : null
}

/**
 * The earliest end of a usage right starting on `from`: ten years of calendar months later,
 * clamped to the month's end (chrono's `checked_add_months`, as the backend counts):
 * 2024-02-29 → 2034-02-28.
 */
export function usageMinimum(from: string): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number]
  const year = y + MIN_USAGE_YEARS
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate()
  return `${year}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

/** The Grant the form describes, or every field whose text is not a value. */
export function fromForm(f: GrantForm): { grant: Grant } | { problems: Record<string, FormatProblem> } {
  const problems: Record<string, FormatProblem> = {}
  const percent = (field: string, text: string) => {
    const bp = parsePercent(text)
    if (bp === null) problems[field] = text.trim() ? 'percent' : 'required'
    return bp ?? 0
  }
  const share = f.kind === 'share'
  const shareBp = share ? percent('share_bp', f.share) : null
  const income = percent('income_team_bp', f.income_team)
  const members = f.members.map((m, i) => ({ employee_id: m.employee_id, name: m.name, share_bp: percent(`members[${i}]`, m.share) }))
  // The backend cannot read an empty date: the decision day is asked for here.
  if (!f.decided_on) problems.decided_on = 'required'
  const grant: Grant = {
    id: f.id,
    version: f.version,
    kind: f.kind,
    share_bp: shareBp,
    usage_from: share ? null : f.usage_from || null,
    usage_until: share ? null : f.usage_until || null,
    income_team_bp: income,
    annual_fee_payer: f.annual_fee_payer,
    agency_fee_payer: f.agency_fee_payer,
    decided_on: f.decided_on,
    resolution_id: f.resolution_id,
    publicized_on: f.publicized_on || null,
    publicity_days: f.publicized_on ? f.publicity_days : null,
    // Computed by the backend on save.
    publicity_ends_on: null,
    change_filed_on: f.change_filed_on || null,
    note: f.note.trim() || null,
    achievements: f.achievements.map((a) => a.trim()).filter(Boolean),
    members,
  }
  return Object.keys(problems).length ? { problems } : { grant }
}
