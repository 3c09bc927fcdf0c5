import { describe, expect, it } from 'vitest'
import { diffFields } from './diff'
import { backendQuery, FIRST_AUDIT_PAGE, fromRoute, toRoute } from './query'
import { formatBytes } from '../settings/bytes'

describe('audit diff', () => {
  it('marks the changed fields of an update, money in yuan', () => {
    const fields = diffFields('{"contract_no":"HT1","amount_fen":12345600,"note":null}', '{"contract_no":"HT1","amount_fen":2345600,"note":"改"}')
    expect(fields).toEqual([
      { field: 'contract_no', before: 'HT1', after: 'HT1', changed: false },
      { field: 'amount_fen', before: '¥123,456.00', after: '¥23,456.00', changed: true },
      { field: 'note', before: '—', after: '改', changed: true },
    ])
  })

  it('shows an insert or delete on one side only, and a field only one side has', () => {
    expect(diffFields(null, '{"a":1}')).toEqual([{ field: 'a', before: null, after: '1', changed: false }])
    expect(diffFields('{"a":1,"b":2}', '{"a":1}')).toEqual([
      { field: 'a', before: '1', after: '1', changed: false },
      { field: 'b', before: '2', after: null, changed: true },
    ])
  })

  it('shows a list or broken JSON as one value', () => {
    expect(diffFields('[1]', '[1,2]')).toEqual([{ field: '', before: '[1]', after: '[1,2]', changed: true }])
    expect(diffFields(null, '{oops')).toEqual([{ field: '', before: null, after: '{oops', changed: false }])
  })
})

describe('audit route query', () => {
  it('round-trips the filters and drops junk', () => {
    const q = { ...FIRST_AUDIT_PAGE, page: 3, entity: 'contract', entity_key: 'HT2026-001', action: 'update' as const, from: '2026-11-01', to: '2026-11-23', entry: 42 }
    expect(fromRoute(toRoute(q) as Record<string, string>)).toEqual(q)
    expect(toRoute(FIRST_AUDIT_PAGE)).toEqual({})
    expect(fromRoute({ action: 'drop', from: '11/01/2026', size: '7', entry: '-1' })).toEqual(FIRST_AUDIT_PAGE)
    expect(backendQuery(q)).not.toHaveProperty('entry')
  })
})

describe('formatBytes', () => {
  it('uses 1024-byte units', () => {
    expect([900, 5120, 2_457_600].map(formatBytes)).toEqual(['900 B', '5 KB', '2.3 MB'])
  })
})
