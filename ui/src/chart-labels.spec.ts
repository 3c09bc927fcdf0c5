import { describe, expect, it } from 'vitest'
import { columnLabels, rowLabels } from './chart-labels'

describe('chart labels', () => {
  it('wraps each column label within its column, less a gap', () => {
    // Six contract kinds over a 528 px plot: 88 px a column, 80 px of it for the label.
    expect(columnLabels(6, 528)).toMatchObject({ interval: 0, hideOverlap: false, width: 80, overflow: 'break' })
    // Twelve months over 1,100 px: 91.67 → 91 px a column, 83 for the label.
    expect(columnLabels(12, 1100).width).toBe(83)
  })

  it('keeps a label legible on a chart too small for its columns', () => {
    expect(columnLabels(12, 100).width).toBe(24)
    expect(columnLabels(0, 300).width).toBe(292)
  })

  it('cuts row labels with an ellipsis and shows them all', () => {
    expect(rowLabels(120)).toEqual({ interval: 0, width: 120, overflow: 'truncate', ellipsis: '…' })
  })
})
