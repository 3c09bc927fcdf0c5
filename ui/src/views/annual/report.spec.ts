import { describe, expect, it } from 'vitest'
import { daysUntil, formatFigure, formatWan, indicatorLabel, isMoney, reportYears } from './report'

describe('annual report helpers', () => {
  it('shows fen in 万元 with four decimals, rounding to the yuan', () => {
    expect(formatWan(470_000_000)).toBe('470.0000')
    expect(formatWan(0)).toBe('0.0000')
    expect(formatWan(12_345_678)).toBe('12.3457')
    expect(formatWan(49)).toBe('0.0000')
    expect(formatWan(50)).toBe('0.0001')
    expect(formatWan(-2_000_000)).toBe('-2.0000')
    expect(formatFigure('transformation.license.count', 7)).toBe('7')
    expect(formatFigure('income.received_fen', 100_000_000)).toBe('100.0000')
    expect(isMoney('rewards.cash_person_times')).toBe(false)
  })

  it('counts days to the due date, negative once overdue', () => {
    expect(daysUntil('2026-11-23', '2027-03-31')).toBe(128)
    expect(daysUntil('2026-03-31', '2026-03-31')).toBe(0)
    expect(daysUntil('2026-11-23', '2026-03-31')).toBe(-237)
    expect(daysUntil('2024-02-28', '2024-03-01')).toBe(2)
  })

  it('offers the years back to 2016, newest first', () => {
    expect(reportYears('2026-11-23').slice(0, 2)).toEqual([2026, 2025])
    expect(reportYears('2026-11-23').at(-1)).toBe(2016)
  })
})

describe('indicator labels', () => {
  const t = (key: string) => `<${key}>`
  it('names a breakdown by its key and the figure', () => {
    expect(indicatorLabel(t, 'transformation.by_province.四川省.count')).toBe('四川省：<annual.contracts>')
    expect(indicatorLabel(t, 'transformation.by_industry.C.contract_amount_fen')).toBe('C：<annual.amount>')
    expect(indicatorLabel(t, 'transformation.bands.over_10m.count')).toBe('<ind.transformation.bands.over_10m.count>')
  })
})
