// 按金额分配: the amounts typed per person, read exactly (yuan text → fen, no float), summed
// against the pool. The backend judges the same rule (docs/rules/rewards.md "Amounts the team
// agreed"); this only tells the office the difference while it types.
import type { AgreedAmount, Proposal } from '../../api'
import { parseYuan } from '../../format'

export type AmountRow = { employee_id: string; name: string; text: string }

export type AmountsState = {
  /** The amounts to send, or null while a text is not an amount or the sum is not the pool. */
  agreed: AgreedAmount[] | null
  /** Σ of the amounts read so far, in fen (units for equity). */
  sum: number
  /** The pool they must make. */
  pool: number
  /** sum − pool. */
  difference: number
  /** Rows whose text is not an amount (an empty one counts as 0). */
  bad: number[]
  /** Changes whenever the amounts to send change (re-plans). */
  key: string
}

export function amountsState(rows: AmountRow[], plan: Proposal | null): AmountsState {
  const pool = plan ? (plan.kind === 'equity' ? (plan.pool_units ?? 0) : (plan.pool_fen ?? 0)) : 0
  const bad: number[] = []
  const agreed: AgreedAmount[] = rows.map((r, i) => {
    const fen = r.text.trim() === '' ? 0 : parseYuan(r.text)
    if (fen === null) bad.push(i)
    return { employee_id: r.employee_id, amount_fen: fen ?? 0, row: i + 1 }
  })
  const sum = agreed.reduce((a, b) => a + b.amount_fen, 0)
  const ok = bad.length === 0 && sum === pool && rows.length > 0
  return {
    agreed: ok ? agreed : null,
    sum,
    pool,
    difference: sum - pool,
    bad,
    key: ok ? agreed.map((a) => `${a.employee_id}:${a.amount_fen}`).join(',') : '',
  }
}
