import { describe, expect, it } from 'vitest'
import type { Proposal } from '../../api'
import { amountsState, type AmountRow } from './amounts'

// Only what the computation reads of a plan.
const plan = { kind: 'transfer', pool_fen: 2_800_000 } as unknown as Proposal

const rows = (texts: string[]): AmountRow[] => texts.map((text, i) => ({ employee_id: `P${i + 1}`, name: `人${i + 1}`, text }))

describe('agreed amounts', () => {
  it('sends the amounts once they make the pool to the fen', () => {
    // 10,000 + 5,000 + 9,000 + 4 × 1,000 = 28,000.00 = the pool of 40,000.00 × 70%.
    const state = amountsState(rows(['10000', '5,000.00', '9000', '1000', '1000', '1000', '1000']), plan)
    expect([state.sum, state.difference, state.bad]).toEqual([2_800_000, 0, []])
    expect(state.agreed?.map((a) => [a.employee_id, a.amount_fen, a.row])).toEqual([
      ['P1', 1_000_000, 1],
      ['P2', 500_000, 2],
      ['P3', 900_000, 3],
      ['P4', 100_000, 4],
      ['P5', 100_000, 5],
      ['P6', 100_000, 6],
      ['P7', 100_000, 7],
    ])
  })

  it('shows the difference and sends nothing while the sum is off or a text is not an amount', () => {
    // One fen short: 27,999.99 − 28,000.00 = −0.01.
    const short = amountsState(rows(['10000', '5000', '8999.99', '1000', '1000', '1000', '1000']), plan)
    expect([short.agreed, short.difference]).toEqual([null, -1])
    // An empty amount counts as 0; "一千" is not an amount.
    const bad = amountsState(rows(['10000', '', '一千']), plan)
    expect([bad.agreed, bad.bad, bad.sum]).toEqual([null, [2], 1_000_000])
  })
})
