import { describe, expect, it } from 'vitest'
import { change, deadlineItem, deadlineList } from './links'

describe('dashboard links', () => {
  it('opens the list each deadline counts', () => {
    expect(deadlineList('fees_due60')).toEqual({ name: 'fees', query: { tab: 'due60' } })
    expect(deadlineList('fees_in_grace')).toEqual({ name: 'fees', query: { tab: 'grace' } })
    expect(deadlineList('payments_overdue')).toEqual({ name: 'contracts', query: { overdue: '1' } })
    expect(deadlineList('distributions_to_approve')).toEqual({ name: 'rewards', query: { state: 'draft' } })
    expect(deadlineList('distributions_overdue')).toEqual({ name: 'rewards', query: { overdue: '1' } })
  })

  it('opens the record behind an item', () => {
    expect(deadlineItem('fees_due30', 7)).toEqual({ name: 'achievement', params: { id: 7 } })
    expect(deadlineItem('payments_due', 3)).toEqual({ name: 'contract', params: { id: 3 } })
    expect(deadlineItem('distributions_to_pay', 9)).toEqual({ name: 'reward', params: { id: 9 } })
  })

  it('compares with last year in whole percent', () => {
    // 12 contracts against 11: +9.09% → 9; 21,760,000 against 27,270,000: −20.2% → −20.
    expect(change(12, 11)).toBe(9)
    expect(change(2_176_000_000, 2_727_000_000)).toBe(-20)
    expect(change(5, 0)).toBeNull()
    expect(change(0, 80_360_000)).toBe(-100)
  })
})
