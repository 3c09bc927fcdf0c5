// 按金额分配: the amounts typed per person, read exactly (yuan text → fen, no float), summed
// against the pool — or every person's exact fraction of the pool (10/28), which the backend
// turns into amounts. The backend judges the same rules (docs/rules/rewards.md "Amounts the team
// agreed"); this only tells the office the difference while it types.
import type { AgreedAmount, Fraction, Proposal } from '../../api'
import { parseYuan } from '../../format'

export type AmountRow = { employee_id: string; name: string; text: string }

export type AmountsState = {
  /** The amounts to send, or null while a text is not an amount or the sum is not the pool. */
  agreed: AgreedAmount[] | null
  /** Whether the texts are fractions of the pool (the backend computes the amounts and the sum). */
  fractions: boolean
  /** Some texts are fractions and others amounts. */
  mixed: boolean
  /** Σ of the amounts read so far, in fen (units for equity). */
  sum: number
  /** The pool they must make. */
  pool: number
  /** sum − pool. */
  difference: number
  /** Rows whose text is neither an amount nor a fraction (an empty one counts as 0). */
  bad: number[]
  /** Changes whenever the amounts to send change (re-plans). */
  key: string
}

/** `a/b` (full-width ／ too) of whole numbers, b ≥ 1; null when the text is none. */
export function parseFraction(text: string): Fraction | null {
  const m = /^\s*(\d{1,15})\s*[/／]\s*(\d{1,10})\s*$/.exec(text)
  if (!m) return null
  const [numerator, denominator] = [Number(m[1]), Number(m[2])]
  return denominator >= 1 ? { numerator, denominator } : null
}

const isFraction = (text: string) => /[/／]/.test(text)

export function amountsState(rows: AmountRow[], plan: Proposal | null): AmountsState {
  const pool = plan ? (plan.kind === 'equity' ? (plan.pool_units ?? 0) : (plan.pool_fen ?? 0)) : 0
  const typed = rows.filter((r) => r.text.trim() !== '')
  const fractions = typed.length > 0 && typed.every((r) => isFraction(r.text))
  const mixed = !fractions && typed.some((r) => isFraction(r.text))
  const bad: number[] = []
  const agreed: AgreedAmount[] = rows.map((r, i) => {
    const row = i + 1
    if (fractions) {
      const fraction = r.text.trim() === '' ? { numerator: 0, denominator: 1 } : parseFraction(r.text)
      if (!fraction) bad.push(i)
      return { employee_id: r.employee_id, amount_fen: 0, row, fraction }
    }
    const fen = r.text.trim() === '' ? 0 : isFraction(r.text) ? null : parseYuan(r.text)
    if (fen === null && !isFraction(r.text)) bad.push(i)
    return { employee_id: r.employee_id, amount_fen: fen ?? 0, row, fraction: null }
  })
  const sum = fractions ? 0 : agreed.reduce((a, b) => a + b.amount_fen, 0)
  const ok = bad.length === 0 && !mixed && rows.length > 0 && (fractions || sum === pool)
  return {
    agreed: ok ? agreed : null,
    fractions,
    mixed,
    sum,
    pool,
    difference: sum - pool,
    bad,
    key: ok ? agreed.map((a) => `${a.employee_id}:${a.fraction ? `${a.fraction.numerator}/${a.fraction.denominator}` : a.amount_fen}`).join(',') : '',
  }
}
