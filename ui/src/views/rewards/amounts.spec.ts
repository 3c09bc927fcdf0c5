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

  it('sends exact fractions of the pool for the backend to turn into amounts', () => {
    // 1/2, 1／3, 1/6 and one person left out (0): the backend checks they make 1 and computes the fen.
    const state = amountsState(rows(['1/2', ' 1／3 ', '1 / 6', '']), plan)
    expect([state.fractions, state.mixed, state.bad]).toEqual([true, false, []])
    expect(state.agreed?.map((a) => [a.employee_id, a.fraction, a.amount_fen])).toEqual([
      ['P1', { numerator: 1, denominator: 2 }, 0],
      ['P2', { numerator: 1, denominator: 3 }, 0],
      ['P3', { numerator: 1, denominator: 6 }, 0],
      ['P4', { numerator: 0, denominator: 1 }, 0],
    ])
    expect(state.key).toBe('P1:1/2,P2:1/3,P3:1/6,P4:0/1')
  })

  it('sends nothing for fractions mixed with amounts or a fraction that is none', () => {
    const mixed = amountsState(rows(['1/2', '14000']), plan)
    expect([mixed.agreed, mixed.mixed, mixed.bad]).toEqual([null, true, []])
    const zero = amountsState(rows(['1/2', '1/0']), plan)
    expect([zero.agreed, zero.fractions, zero.bad]).toEqual([null, true, [1]])
  })
})
