import { describe, expect, it } from 'vitest'
import type { LocationQuery } from 'vue-router'
import { feeQuery, fromRoute, lateMonth, toRoute, withinDays } from './query'

describe('the fee screen in the URL', () => {
  it('defaults to 90 days ahead, page 1 of 50', () => {
    expect(fromRoute({})).toEqual({ tab: 'due90', page: 1, page_size: 50 })
    expect(toRoute(fromRoute({}))).toEqual({})
  })

  it('reads back what it writes and ignores junk', () => {
    const view = { tab: 'grace' as const, page: 3, page_size: 20 }
    expect(fromRoute(toRoute(view) as LocationQuery)).toEqual(view)
    expect(fromRoute({ tab: 'overdue', page: '-2', size: '33' })).toEqual({ tab: 'due90', page: 1, page_size: 50 })
  })

  it('asks the backend for the tab’s status and window', () => {
    expect(feeQuery({ tab: 'due30', page: 2, page_size: 20 })).toEqual({ status: 'due', within_days: 30, page: 2, page_size: 20 })
    expect(feeQuery({ tab: 'lapsed', page: 1, page_size: 50 })).toMatchObject({ status: 'lapsed', within_days: 90 })
    expect(withinDays('due60')).toBe(60)
  })

  it('names the month of lateness of a surcharge band', () => {
    // Within the first month after the due date: no surcharge; 5% in the second month … 25% in the sixth.
    expect([0, 500, 1000, 1500, 2000, 2500].map(lateMonth)).toEqual([0, 2, 3, 4, 5, 6])
  })
})
