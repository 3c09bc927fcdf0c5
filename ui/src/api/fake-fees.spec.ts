import { beforeEach, describe, expect, it } from 'vitest'
import { ApiError } from './error'
import { fakeStore, resetFake } from './fake'
import {
  charge,
  decideFee,
  dueOn,
  feeQuote,
  feeSchedule,
  feesDue,
  fullFee,
  graceEndOn,
  lines,
  markLapsed,
  patentYear,
  payFee,
  surchargeBp,
  termYears,
  yearFee,
} from './fake-fees'
import type { FeeDecisionInput, FeePayment, FeeQuery } from './types.gen'

beforeEach(resetFake)

const failure = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as ApiError)
const TODAY = '2026-11-23'
const payment = (achievement_no: string, patent_year: number, amount: string): FeePayment => ({
  achievement_no,
  patent_year,
  paid_on: TODAY,
  amount,
  voucher_no: 'PJ-1',
})
const query = (change: Partial<FeeQuery> = {}): FeeQuery => ({ status: 'due', within_days: 90, page: 1, page_size: 200, ...change })
const idOf = (no: string) => fakeStore().achievements.find((a) => a.achievement_no === no)!.id
const numbers = async (status: FeeQuery['status']) => (await feesDue(query({ status }), null)).rows.map((r) => r.achievement_no)

describe('fee rules (domain.md §5, as fee.rs)', () => {
  it('follows the table and the terms', () => {
    expect([1, 3, 4, 6, 7, 9, 10, 12, 13, 15, 16, 20].map((y) => fullFee('invention_patent', '2019-06-01', y))).toEqual([
      90000, 90000, 120000, 120000, 200000, 200000, 400000, 400000, 600000, 600000, 800000, 800000,
    ])
    expect(fullFee('invention_patent', '2019-06-01', 21)).toBeNull()
    expect([3, 4, 5, 6, 8, 9, 10].map((y) => fullFee('utility_model', '2019-06-01', y))).toEqual([60000, 90000, 90000, 120000, 120000, 200000, 200000])
    expect(fullFee('utility_model', '2019-06-01', 11)).toBeNull()
    // Designs: 15 years with 3,000 for years 11–15 only when filed from 2021-06-01.
    expect([termYears('design_patent', '2021-05-31'), termYears('design_patent', '2021-06-01')]).toEqual([10, 15])
    expect(fullFee('design_patent', '2021-06-01', 11)).toBe(300000)
    expect(fullFee('design_patent', '2021-05-31', 11)).toBeNull()
  })

  it('computes the worked example', () => {
    // Filed 2019-06-01, granted in year 2: year 5 due 2023-06-01, 1,200 × 15% = 180.00.
    const fee = yearFee('invention_patent', '2019-06-01', 2, 5)!
    expect([fee.due_on, fee.amount_fen, fee.grace_end_on]).toEqual(['2023-06-01', 18000, '2023-12-01'])
    expect(charge(fee, '2023-07-01').total_fen).toBe(18000)
    expect(charge(fee, '2023-07-15').total_fen).toBe(24000)
    expect(charge(fee, '2023-11-20').total_fen).toBe(48000)
    // After the grace period: 1,000 + 180 + 300.
    expect(charge(fee, '2023-12-02')).toMatchObject({ restores: true, surcharge_fen: 30000, restoration_fen: 100000, total_fen: 148000 })
  })

  it('measures each band from the due date, clamped to the month’s end', () => {
    expect(['2023-07-01', '2023-07-02', '2023-12-01', '2023-12-02'].map((d) => surchargeBp('2023-06-01', d))).toEqual([0, 500, 2500, null])
    expect(dueOn('2015-01-31', 10)).toBe('2024-01-31')
    expect(['2024-02-29', '2024-03-01', '2024-03-31', '2024-04-01'].map((d) => surchargeBp('2024-01-31', d))).toEqual([0, 500, 500, 1000])
    expect(graceEndOn('2025-08-31')).toBe('2026-02-28')
    expect(patentYear('2019-06-01', '2023-05-31')).toBe(4)
  })
})

describe('the fee lists of the fake portfolio on 2026-11-23', () => {
  it('puts each fee in its tab with the hand-computed figures', async () => {
    const all = lines(TODAY, 90)
    // CG2016-0280: invention filed 2016-12-08, granted 2020-02-08 (year 4), paid through 10: year 11 due
    // 2026-12-08, 4,000 × 15% = 600.00.
    expect(all.find((l) => l.achievement_no === 'CG2016-0280')).toMatchObject({ status: 'due', patent_year: 11, due_on: '2026-12-08', amount_fen: 60000, total_fen: 60000 })
    // CG2020-0266: filed 2020-06-03, granted 2022-11-03 (year 3), paid through 6: year 7 due 2026-06-03; 11-23 is in
    // the sixth month → 300.00 + 25% of 2,000.00 = 800.00.
    expect(all.find((l) => l.achievement_no === 'CG2020-0266')).toMatchObject({ status: 'grace', surcharge_fen: 50000, total_fen: 80000, grace_end_on: '2026-12-03' })
    // CG2021-0048: filed 2021-12-06, granted 2024-10-06 (year 3), paid through 4: year 5 due 2025-12-06, grace ended
    // 2026-06-06 → 180.00 + 300.00 + 1,000.00.
    expect(all.find((l) => l.achievement_no === 'CG2021-0048')).toMatchObject({ status: 'lapsed', restoration_fen: 100000, total_fen: 148000 })

    const page = await feesDue(query({ within_days: 30 }), null)
    // Due by 2026-12-23: 12-08, 12-12, 12-13, 12-22 (two); 60 days add 12-24, 01-01, 01-08, 01-09, 01-20.
    expect(page.rows.map((r) => r.due_on)).toEqual(['2026-12-08', '2026-12-12', '2026-12-13', '2026-12-22', '2026-12-22'])
    expect([page.counts.due, page.counts.due_30, page.counts.due_60]).toEqual([5, 5, 10])
    expect(page.total_fen).toBe(60000 + 18000 + 30000 + 60000 + 13500)
  })

  it('records a payment, advances the paid-through year and refuses the wrong year', async () => {
    const paid = await payFee(payment('CG2020-0266', 7, '800'))
    expect(paid).toMatchObject({ fees_paid_through: 7, expected_fen: 80000, surcharge_fen: 50000, warning: null })
    expect(await numbers('grace')).not.toContain('CG2020-0266')
    expect((await failure(payFee(payment('CG2020-0266', 7, '800'))))?.code).toBe('fee_year_already_paid')
    expect((await failure(payFee(payment('CG2020-0266', 9, '800'))))?.code).toBe('fee_year_not_next')
    const bad = await failure(payFee(payment('CG2020-0149', 7, '三百')))
    expect([bad?.code, bad?.details[0]?.column]).toEqual(['invalid_input', 'amount'])
    // CG2020-0149 year 7 (300.00 due 2026-12-13) paid with 200.00: accepted, the difference reported.
    const short = await payFee(payment('CG2020-0149', 7, '200'))
    expect(short.warning).toEqual({ expected_fen: 30000, paid_fen: 20000 })
    expect((await failure(payFee({ ...payment('CG2020-0139', 7, '180'), paid_on: '2026-11-24' })))?.code).toBe('date_in_future')
  })

  it('marks a lapse, then restores the patent by paying', async () => {
    expect((await failure(markLapsed('CG2020-0266')))?.code).toBe('fee_not_lapsed')
    expect(await markLapsed('CG2021-0048')).toEqual({ achievement_no: 'CG2021-0048', patent_year: 5, due_on: '2025-12-06', grace_end_on: '2026-06-06' })
    expect(await numbers('lapsed')).not.toContain('CG2021-0048')
    expect(await feeQuote('CG2021-0048', TODAY)).toMatchObject({ patent_year: 5, restores: true, total_fen: 148000 })
    const restored = await payFee(payment('CG2021-0048', 5, '1,480.00'))
    expect(restored).toMatchObject({ restored: true, status: 'in_force', warning: null })
  })

  it('records decisions; abandoning ends the fees', async () => {
    const input = (change: Partial<FeeDecisionInput>): FeeDecisionInput => ({
      achievement_no: 'CG2016-0280',
      decision: 'keep',
      decided_on: TODAY,
      reason: '仍有许可意向',
      inventors_notified_on: null,
      grant_to_inventors: false,
      ...change,
    })
    expect((await failure(decideFee(input({ reason: ' ', grant_to_inventors: true }))))?.details.map((p) => p.column)).toEqual(['reason', 'grant_to_inventors'])
    await decideFee(input({}))
    await decideFee(input({ decision: 'abandon', reason: '无转化前景', grant_to_inventors: true }))
    expect(await numbers('due')).not.toContain('CG2016-0280')
    const s = await feeSchedule(idOf('CG2016-0280'))
    expect([s.status, s.decisions.map((d) => d.decision)]).toEqual(['abandoned', ['keep', 'abandon']])
    expect(s.years[10]?.status).toBe('ended')
  })

  it('schedules every year of the term', async () => {
    const s = await feeSchedule(idOf('CG2016-0280'))
    expect([s.term_years, s.grant_year, s.paid_through, s.next_year]).toEqual([20, 4, 10, 11])
    expect(s.years.map((y) => y.status).slice(0, 12)).toEqual([
      'before_grant', 'before_grant', 'before_grant', 'paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'due', 'upcoming',
    ])
    // 费减 for years 4 … 13: year 13 costs 6,000 × 15% = 900.00, year 14 the full 6,000.00.
    expect([s.years[12]?.amount_fen, s.years[13]?.amount_fen]).toEqual([90000, 600000])
    const software = fakeStore().achievements.find((a) => a.kind === 'software_copyright')!
    expect((await failure(feeSchedule(software.id)))?.code).toBe('fee_not_applicable')
  })
})
