// The contract form's editing model: amounts and ratios as text while typed, turned into fen and
// basis points exactly (format.ts) only when saved, with the problems found on the way.
import type { ContractForm, ContractKind, Installment, Publicity } from '../../api'
import { parsePercent, parseYuan, percentText, yuanText } from '../../format'

export type InstallmentDraft = Omit<Installment, 'amount_fen'> & { amount: string }

export type Draft = Omit<ContractForm, 'amount_fen' | 'equity_units_fen' | 'achievements' | 'installments' | 'equity'> & {
  amount: string
  equity_units: string
  achievements: { achievement_no: string; weight: string }[]
  installments: InstallmentDraft[]
  equity_on: boolean
  holder: string
  stake: string
  equity_registered_on: string | null
  written_off_on: string | null
  write_off_reason: string
}

export const isTransformation = (kind: ContractKind) => kind === 'transfer' || kind === 'license' || kind === 'equity'

export function emptyDraft(today: string): Draft {
  return {
    id: null,
    version: 0,
    contract_no: '',
    title: '',
    kind: 'development',
    license_kind: null,
    organization_id: 0,
    amount: '',
    signed_on: today,
    registration_no: null,
    registered_on: null,
    effective_on: null,
    recorded_on: null,
    equity_units: '',
    pricing: null,
    publicity_id: null,
    resolution_id: null,
    achievements: [],
    installments: [],
    equity_on: false,
    holder: '',
    stake: '',
    equity_registered_on: null,
    written_off_on: null,
    write_off_reason: '',
  }
}

/** A new contract under a finished price publicity: its kind, counterparty, price and achievements. */
export function draftFromPublicity(p: Publicity, today: string): Draft {
  const share = Math.floor(10000 / Math.max(p.achievements.length, 1))
  return {
    ...emptyDraft(today),
    title: p.title,
    kind: p.contract_kind,
    license_kind: p.contract_kind === 'license' ? 'ordinary' : null,
    organization_id: p.organization_id,
    amount: yuanText(p.price_fen),
    pricing: 'agreement',
    publicity_id: p.id,
    resolution_id: p.resolution_id,
    // Equal weights, the first taking what 10000 does not divide evenly (the import's rule).
    achievements: p.achievements.map((no, i) => ({ achievement_no: no, weight: percentText(i === 0 ? 10000 - share * (p.achievements.length - 1) : share) })),
  }
}

export function draftFromForm(f: ContractForm): Draft {
  return {
    ...f,
    amount: yuanText(f.amount_fen),
    equity_units: f.equity_units_fen === null ? '' : yuanText(f.equity_units_fen),
    achievements: f.achievements.map((a) => ({ achievement_no: a.achievement_no, weight: percentText(a.weight_bp) })),
    installments: f.installments.map(({ amount_fen, ...rest }) => ({ ...rest, amount: yuanText(amount_fen) })),
    equity_on: f.equity !== null,
    holder: f.equity?.holder ?? '',
    stake: f.equity ? percentText(f.equity.stake_bp) : '',
    equity_registered_on: f.equity?.registered_on ?? null,
    written_off_on: f.equity?.written_off_on ?? null,
    write_off_reason: f.equity?.write_off_reason ?? '',
  }
}

/** Σ of the typed weights in basis points, null while one of them is not a percentage. */
export function weightSum(d: Draft): number | null {
  let sum = 0
  for (const a of d.achievements) {
    const bp = parsePercent(a.weight)
    if (bp === null) return null
    sum += bp
  }
  return sum
}

/** The form to send, or the fields whose text is not a number (keyed as the backend names them). */
export function toForm(d: Draft): { form: ContractForm } | { problems: Record<string, string> } {
  const problems: Record<string, string> = {}
  const amount = parseYuan(d.amount)
  if (amount === null) problems.amount_fen = 'number'
  const units = d.kind === 'equity' ? parseYuan(d.equity_units) : null
  if (d.kind === 'equity' && units === null) problems.equity_units_fen = 'number'
  const achievements = d.achievements.map((a) => ({ achievement_no: a.achievement_no.trim(), weight_bp: parsePercent(a.weight) ?? -1 }))
  if (achievements.some((a) => a.weight_bp < 0)) problems.achievements = 'number'
  const installments = d.installments.map(({ amount: text, ...rest }, i) => {
    const fen = parseYuan(text)
    if (fen === null) problems[`installments[${i}].amount_fen`] = 'number'
    return { ...rest, amount_fen: fen ?? 0 }
  })
  const stake = d.equity_on ? parsePercent(d.stake) : null
  if (d.equity_on && stake === null) problems['equity.stake_bp'] = 'number'
  if (Object.keys(problems).length > 0) return { problems }
  const { equity_on, holder, equity_registered_on, written_off_on, write_off_reason } = d
  return {
    form: {
      id: d.id,
      version: d.version,
      contract_no: d.contract_no,
      title: d.title,
      kind: d.kind,
      organization_id: d.organization_id,
      signed_on: d.signed_on,
      registered_on: d.registered_on,
      effective_on: d.effective_on,
      recorded_on: d.recorded_on,
      resolution_id: d.resolution_id,
      amount_fen: amount ?? 0,
      equity_units_fen: units,
      achievements,
      installments,
      license_kind: d.kind === 'license' ? d.license_kind : null,
      pricing: isTransformation(d.kind) ? d.pricing : null,
      publicity_id: d.pricing === 'agreement' ? d.publicity_id : null,
      registration_no: d.registration_no?.trim() || null,
      equity:
        equity_on && d.kind === 'equity'
          ? { holder: holder.trim(), stake_bp: stake ?? 0, registered_on: equity_registered_on, written_off_on, write_off_reason: write_off_reason.trim() || null }
          : null,
    },
  }
}
