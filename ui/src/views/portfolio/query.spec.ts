import { describe, expect, it } from 'vitest'
import { fromRoute, toRoute } from './query'

describe('portfolio URL query', () => {
  it('defaults to page 1 of 50 by number', () => {
    expect(fromRoute({})).toEqual({
      page: 1, page_size: 50, sort: null, descending: false, kind: null, status: null, department: null, year: null, search: null,
    })
    expect(toRoute(fromRoute({}))).toEqual({})
  })

  it('round-trips every field', () => {
    const url = { page: '3', size: '200', sort: 'filed_on', desc: '1', kind: 'utility_model', status: 'lapsed', department: '计算机学院', year: '2023', q: '王' }
    expect(toRoute(fromRoute(url))).toEqual(url)
    expect(fromRoute(url)).toMatchObject({ page: 3, page_size: 200, sort: 'filed_on', descending: true, year: 2023, search: '王' })
  })

  it('ignores values a hand-edited URL may carry', () => {
    expect(fromRoute({ page: '-2', size: '75', sort: 'secret', kind: 'patent', year: 'abc', desc: 'yes' })).toMatchObject({
      page: 1, page_size: 50, sort: null, kind: null, year: null, descending: false,
    })
  })
})
