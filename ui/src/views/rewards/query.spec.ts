import { describe, expect, it } from 'vitest'
import { FIRST_DISTRIBUTION_PAGE } from '../../api/enums'
import { fromRoute, isFiltered, toRoute } from './query'

describe('reward list query', () => {
  it('reads defaults from an empty query and writes nothing for them', () => {
    expect(fromRoute({})).toEqual(FIRST_DISTRIBUTION_PAGE)
    expect(toRoute(FIRST_DISTRIBUTION_PAGE)).toEqual({})
    expect(isFiltered(FIRST_DISTRIBUTION_PAGE)).toBe(false)
  })

  it('round-trips every filter and ignores junk', () => {
    const q = { ...FIRST_DISTRIBUTION_PAGE, page: 3, page_size: 50, state: 'paid' as const, search: 'HT2026', year: 2026, overdue: true }
    expect(fromRoute(toRoute(q) as Record<string, string>)).toEqual(q)
    expect(fromRoute({ state: 'lost', page: '-1', size: '7', year: 'x' })).toEqual(FIRST_DISTRIBUTION_PAGE)
    expect(isFiltered(q)).toBe(true)
  })
})
