import { describe, expect, it } from 'vitest'
import { FIRST_DISCLOSURE_PAGE } from '../../api/enums'
import { fromRoute, isFiltered, toRoute } from './query'

describe('disclosure list query', () => {
  it('round-trips through the URL, writing only what differs from the first page', () => {
    const q = { ...FIRST_DISCLOSURE_PAGE, page: 2, status: 'assessed' as const, department: '计算机学院', year: 2026, search: 'PL2026' }
    expect(toRoute(q)).toEqual({ page: '2', status: 'assessed', department: '计算机学院', year: '2026', q: 'PL2026' })
    expect(fromRoute(toRoute(q) as Record<string, string>)).toEqual(q)
    expect(toRoute(FIRST_DISCLOSURE_PAGE)).toEqual({})
    expect(isFiltered(FIRST_DISCLOSURE_PAGE)).toBe(false)
  })

  it('ignores what it does not know', () => {
    expect(fromRoute({ status: 'lost', size: '7', page: '-1', year: 'x' })).toEqual(FIRST_DISCLOSURE_PAGE)
  })
})
