import { beforeEach, describe, expect, it } from 'vitest'
import { resetFake } from './fake'
import { resetAnnual, annualReport, fileReportYear, indicatorRecords, saveReportYear } from './fake-annual'
import type { Flow } from './types.gen'

const sum = (...flows: Flow[]) => ({
  count: flows.reduce((s, f) => s + f.count, 0),
  contract_amount_fen: flows.reduce((s, f) => s + f.contract_amount_fen, 0),
  received_fen: flows.reduce((s, f) => s + f.received_fen, 0),
})

beforeEach(() => {
  resetFake()
  resetAnnual()
})

describe('fake annual report', () => {
  it('has totals equal to the sums of their parts, and records that add up to each figure', async () => {
    for (const year of [2024, 2025]) {
      const { indicators: x } = await annualReport(year, null)
      expect(x.transformation.total).toEqual(sum(x.transformation.transfer, x.transformation.license, x.transformation.equity))
      expect(x.technical.total).toEqual(sum(x.technical.development, x.technical.consulting, x.technical.service))
      const o = x.transformation.by_ownership
      expect(o.state_owned.count + o.private.count + o.foreign.count + o.other.count).toBe(x.transformation.total.count)
      const r = x.transformation.by_region
      expect(r.in_province.contract_amount_fen + r.out_of_province.contract_amount_fen + r.abroad.contract_amount_fen).toBe(x.transformation.total.contract_amount_fen)
      expect(x.income.received_fen).toBe(x.transformation.total.received_fen + x.technical.total.received_fen)
      const g = x.achievements.granted
      expect(g.invention_patent + g.utility_model + g.design_patent + g.software_copyright + g.ic_layout + g.plant_variety + g.know_how + g.other).toBe(g.total)
      const lines = await indicatorRecords(year, 'transformation.license.received_fen', null)
      expect(lines.reduce((s, l) => s + (l.amount_fen ?? 0), 0)).toBe(x.transformation.license.received_fen)
    }
  })

  it('refuses a due date inside the year and filing without a reason while an error stands', async () => {
    const { year } = await annualReport(2025, null)
    await expect(saveReportYear({ ...year, due_on: '2025-12-31' })).rejects.toMatchObject({ code: 'invalid_input', details: [{ column: 'due_on' }] })
    await expect(fileReportYear(2025, null)).rejects.toMatchObject({ code: 'receipt_before_signing' })
    const filed = await fileReportYear(2025, '经主管部门确认')
    expect(filed.filed_at).not.toBeNull()
    await expect(saveReportYear(filed)).rejects.toMatchObject({ code: 'report_filed' })
    await expect(fileReportYear(2025, 'again')).rejects.toMatchObject({ code: 'report_filed' })
    const after = await annualReport(2025, null)
    expect(after.changes.map((c) => c.indicator)).toContain('income.received_fen')
  })

  it('restricts the figures to one department', async () => {
    const all = await annualReport(2025, null)
    const one = await annualReport(2025, '计算机学院')
    expect(one.indicators.achievements.granted.total).toBeLessThan(all.indicators.achievements.granted.total)
  })
})
