import { describe, expect, it } from 'vitest'
import { formatBp, formatFen, orDash, parsePercent, parseYuan, percentText, yuanText } from './format'

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

describe('parsePercent and percentText', () => {
  it.each([
    ['70', 7000],
    ['70.55', 7055],
    ['12.5', 1250],
    ['0.01', 1],
    [' 100 ', 10000],
    ['120', 12000],
    ['5%', 500],
    ['0', 0],
  ])('%s is %i bp', (text, bp) => {
    expect(parsePercent(text)).toBe(bp)
  })

  it.each(['', 'abc', '-5', '1.234', '.5', '5.', '1e2'])('%s is not a percentage', (text) => {
    expect(parsePercent(text)).toBeNull()
  })

  it('round-trips', () => {
    for (const bp of [0, 1, 10, 99, 1250, 3333, 7000, 7055, 10000, 12000]) expect(parsePercent(percentText(bp))).toBe(bp)
    expect(percentText(7055)).toBe('70.55')
    expect(percentText(7000)).toBe('70')
  })
})

describe('parseYuan and yuanText', () => {
  it.each([
    ['1000', 100000],
    ['1,000.5', 100050],
    ['¥1,000,000.00', 100000000],
    ['0.01', 1],
    ['500000', 50000000],
  ])('%s is %i fen', (text, fen) => {
    expect(parseYuan(text)).toBe(fen)
  })

  it.each(['', 'x', '-1', '1.234', '1,00', '12,3456'])('%s is not an amount', (text) => {
    expect(parseYuan(text)).toBeNull()
  })

  it('round-trips', () => {
    for (const fen of [0, 1, 99, 100050, 100000000, 48768950]) expect(parseYuan(yuanText(fen))).toBe(fen)
    expect(yuanText(100050)).toBe('1000.50')
  })
})
