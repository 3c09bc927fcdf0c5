import { describe, expect, it } from 'vitest'
import { formatBp, formatFen, orDash } from './format'

describe('formatFen', () => {
  it.each([
    [0, '¥0.00'],
    [1, '¥0.01'],
    [100, '¥1.00'],
    [12345678, '¥123,456.78'],
    [-12345678, '-¥123,456.78'],
    [-5, '-¥0.05'],
    // 90 trillion fen is beyond any contract but within JSON's exact integers.
    [9_007_199_254_740_991, '¥90,071,992,547,409.91'],
    [100000000, '¥1,000,000.00'],
  ])('%i fen is %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text)
  })
})

describe('formatBp', () => {
  it.each([
    [0, '0%'],
    [10000, '100%'],
    [5000, '50%'],
    [3333, '33.33%'],
    [1250, '12.5%'],
    [1, '0.01%'],
    [-250, '-2.5%'],
  ])('%i bp is %s', (bp, text) => {
    expect(formatBp(bp)).toBe(text)
  })
})

describe('orDash', () => {
  it('shows dates as given and a dash for nothing', () => {
    expect(orDash('2025-03-31')).toBe('2025-03-31')
    expect(orDash(null)).toBe('—')
    expect(orDash('')).toBe('—')
  })
})
