import { describe, expect, it } from 'vitest'
import { fromRows, shareSum, toRows } from './inventors'

describe('inventor rows', () => {
  it('turn typed percentages into basis points exactly', () => {
    const rows = [
      { employee_id: 'T0003', label: '王五（T0003）', share: '33.33', key_contributor: true },
      { employee_id: 'T0001', label: '张三（T0001）', share: '33.33', key_contributor: false },
      { employee_id: 'T0002', label: '李四（T0002）', share: '33.34', key_contributor: false },
    ]
    expect(fromRows(rows)).toEqual([
      { employee_id: 'T0003', share_bp: 3333, key_contributor: true },
      { employee_id: 'T0001', share_bp: 3333, key_contributor: false },
      { employee_id: 'T0002', share_bp: 3334, key_contributor: false },
    ])
    expect(shareSum(rows)).toBe(10000)
  })

  it('leave out rows without a person and send a bad share as 0 for the backend to refuse', () => {
    const rows = [
      { employee_id: '', label: '', share: '50', key_contributor: false },
      { employee_id: 'T0001', label: 'T0001', share: 'half', key_contributor: false },
    ]
    expect(fromRows(rows)).toEqual([{ employee_id: 'T0001', share_bp: 0, key_contributor: false }])
    expect(shareSum(rows)).toBeNull()
  })

  it('show saved shares as the shortest percentage and name known people', () => {
    const rows = toRows(
      [
        { employee_id: 'T0003', share_bp: 6000, key_contributor: true },
        { employee_id: 'T0009', share_bp: 1250, key_contributor: false },
      ],
      [{ employee_id: 'T0003', name: '王五' }],
    )
    expect(rows.map((r) => [r.label, r.share])).toEqual([
      ['王五（T0003）', '60'],
      ['T0009', '12.5'],
    ])
  })
})
