import { describe, expect, it } from 'vitest'
import { diffFields } from './diff'
import { LISTS, valueKey } from './values'
import zhCN from '../../locales/zh-CN'
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

  it('shows a ratio in percent and a flag in words', () => {
    expect(diffFields('{"ratio_bp":7000}', '{"ratio_bp":6550}')).toEqual([{ field: 'ratio_bp', before: '70%', after: '65.5%', changed: true }])
    const words = (field: string, value: string | boolean) => (typeof value === 'boolean' ? (value ? '是' : '否') : field === 'kind' ? `〈${value}〉` : undefined)
    expect(diffFields('{"fee_reduction":true,"kind":"license","note":"x"}', '{"fee_reduction":false,"kind":"license","note":"x"}', words)).toEqual([
      { field: 'fee_reduction', before: '是', after: '否', changed: true },
      { field: 'kind', before: '〈license〉', after: '〈license〉', changed: false },
      { field: 'note', before: 'x', after: 'x', changed: false },
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

describe('audit values', () => {
  it('names the list of a coded value by record, else by field', () => {
    expect(valueKey('contract', 'kind', 'license')).toBe('contractKind.license')
    expect(valueKey('achievement', 'kind', 'utility_model')).toBe('kind.utility_model')
    expect(valueKey('distribution', 'contract_kind', 'transfer')).toBe('contractKind.transfer')
    expect(valueKey('contract', 'title', 'x')).toBeUndefined()
  })

  it('names only lists the messages have', () => {
    const at = (path: string) => path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], zhCN)
    for (const list of Object.values(LISTS)) expect(typeof at(list), list).toBe('object')
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
