import { beforeEach, describe, expect, it } from 'vitest'
import { ApiError } from './error'
import { FIRST_DISTRIBUTION_PAGE } from './enums'
import { resetFake } from './fake'
import {
  addMonths,
  allocate,
  applyBp,
  approveDistribution,
  contractChoices,
  createDistribution,
  deletePolicy,
  discardDistribution,
  getDistribution,
  listDistributions,
  listHolidays,
  listPolicies,
  payDistribution,
  periodEnd,
  planDistribution,
  publicityEnd,
  publicizeDistribution,
  reverseDistribution,
  roundHalfUp,
  saveHolidays,
  savePolicy,
  staffChoices,
} from './fake-rewards'
import type { Approval, DistributionQuery } from './types.gen'

beforeEach(resetFake)

const failure = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as ApiError)
const approval = (change: Partial<Approval> = {}): Approval => ({ decision_on: '2026-10-08', minutes_file: null, override_reason: null, waive: [], ...change })
const list = (change: Partial<DistributionQuery> = {}) => listDistributions({ ...FIRST_DISTRIBUTION_PAGE, page_size: 200, ...change })

describe('money rules', () => {
  it('rounds half away from zero', () => {
    expect(roundHalfUp(5n, 10n)).toBe(1n)
    expect(roundHalfUp(4n, 10n)).toBe(0n)
    expect(roundHalfUp(-5n, 10n)).toBe(-1n)
    expect(roundHalfUp(15n, 10n)).toBe(2n)
  })

  it('splits the worked example of domain.md §1 to the fen', () => {
    // 487,689.50 × 70% = 341,382.65 exactly.
    const pool = applyBp(48_768_950, 7000)
    expect(pool).toBe(34_138_265)
    // Exact parts 170,691.325 / 102,414.795 / 68,276.53: floors leave one fen, A and B tie at .5, A weighs more.
    const parts = allocate(pool, [['A', 5000], ['B', 3000], ['C', 2000]])
    expect(parts).toEqual([17_069_133, 10_241_479, 6_827_653])
    expect(parts.reduce((a, b) => a + b, 0)).toBe(pool)
  })

  it('breaks ties by weight, then by the smaller key, and mirrors negative totals', () => {
    expect(allocate(1, [['B', 1], ['A', 1]])).toEqual([0, 1])
    expect(allocate(10, [['c', 1], ['a', 1], ['b', 1]])).toEqual([3, 4, 3])
    expect(allocate(-10, [['c', 1], ['a', 1], ['b', 1]])).toEqual([-3, -4, -3])
    expect(allocate(100, [['x', 0]])).toEqual([0])
    expect(allocate(5, [])).toEqual([])
  })

  it('stays exact beyond 2^53 intermediate products', () => {
    // 9,999,999,999.99 yuan by weights of 10^8 scale: the products exceed Number.MAX_SAFE_INTEGER.
    // Exact parts 333,333,329,999.66666667 (A, B) and 333,333,339,999.66666666 (C): the floors
    // sum to …997, and the two fen left go to A and B, whose remainders are larger by 10^-8.
    const parts = allocate(999_999_999_999, [['A', 33_333_333], ['B', 33_333_333], ['C', 33_333_334]])
    expect(parts.reduce((a, b) => a + b, 0)).toBe(999_999_999_999)
    expect(parts).toEqual([333_333_330_000, 333_333_330_000, 333_333_339_999])
  })
})

describe('calendar', () => {
  it('ends a publicity by the civil code and the holiday list', async () => {
    const holidays = await listHolidays()
    // domain.md §3: posted 2024-01-08 for 15 days runs 01-09 … 01-23.
    expect(periodEnd('2024-01-08', 15, holidays)).toBe('2024-01-23')
    // 03-16 + 15 = Sunday 03-31 → Monday 04-01.
    expect(periodEnd('2024-03-16', 15, holidays)).toBe('2024-04-01')
    // 09-20 + 15 = 10-05, inside the National Day holiday (10-01 … 10-07) → 10-08.
    expect(periodEnd('2024-09-20', 15, holidays)).toBe('2024-10-08')
    // 09-14 + 15 = Sunday 09-29, a make-up working day: it stays.
    expect(periodEnd('2024-09-14', 15, holidays)).toBe('2024-09-29')
    await expect(publicityEnd('2024-01-08', 15)).resolves.toBe('2024-01-23')
    // Friday 2026-10-09 + 15 = Saturday 10-24 → Monday 10-26.
    await expect(publicityEnd('2026-10-09', 15)).resolves.toBe('2026-10-26')
    await expect(publicityEnd('2026-10-09', 0)).rejects.toMatchObject({ code: 'invalid_input' })
  })

  it('adds months clamped to the month end', () => {
    expect(addMonths('2026-06-15', 6)).toBe('2026-12-15')
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28')
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29')
  })

  it('saves one year of holidays, refusing bad days, and counts with them', async () => {
    const refused = await failure(saveHolidays(2027, [
      { day: '2027-01-01', kind: 'rest', name: '元旦' },
      { day: '2027-01-06', kind: 'work', name: '调休' },
      { day: '2028-01-01', kind: 'rest', name: '元旦' },
      { day: '2027-01-01', kind: 'rest', name: ' ' },
    ]))
    expect(refused?.code).toBe('invalid_input')
    expect(refused?.details.map((d) => [d.row, d.column, d.code])).toEqual([
      [2, 'day', 'workday_not_weekend'],
      [3, 'day', 'outside_year'],
      [4, 'day', 'duplicate_in_file'],
      [4, 'name', 'required'],
    ])
    const before = (await listHolidays()).length
    // Wednesday 2026-12-16 + 15 = Thursday 2026-12-31, then 2027-01-01 if it were off.
    expect(await publicityEnd('2026-12-17', 15)).toBe('2027-01-01')
    await saveHolidays(2027, [{ day: '2027-01-01', kind: 'rest', name: '元旦' }])
    expect((await listHolidays()).length).toBe(before + 1)
    // Friday 01-01 is now off, then the weekend: Monday 01-04.
    expect(await publicityEnd('2026-12-17', 15)).toBe('2027-01-04')
    await saveHolidays(2027, [])
    expect((await listHolidays()).length).toBe(before)
  })
})

describe('fake distributions', () => {
  it('plans the registered license by hand-computed figures', async () => {
    const p = await planDistribution('HT2026-101', null, [])
    expect(p.through_on).toBe('2026-11-23')
    expect(p.receipts.map((r) => r.amount_fen)).toEqual([30_000_000, 20_000_000])
    // 500,000.00 − 15,000.00 = 485,000.00; × 70% = 339,500.00.
    expect([p.receipts_fen, p.costs_fen, p.net_income_fen, p.pool_fen, p.institution_fen]).toEqual([
      50_000_000, 1_500_000, 48_500_000, 33_950_000, 14_550_000,
    ])
    expect(p.allocations.map((a) => [a.weight_bp, a.amount_fen, a.taxable_fen])).toEqual([
      [5000, 16_975_000, 8_487_500],
      [3000, 10_185_000, 5_092_500],
      [2000, 6_790_000, 3_395_000],
    ])
    expect(p.findings).toEqual([])
    expect(p.registration_no).not.toBeNull()
    expect([p.policy_effective_on, p.ratio_bp, p.payment_due_on, p.transfer_staff_bp]).toEqual(['2024-01-01', 7000, '2026-12-15', null])
    // Through a day before the second receipt: only the first one and the costs before it.
    const early = await planDistribution('HT2026-101', '2026-03-10', [])
    expect([early.receipts_fen, early.costs_fen, early.net_income_fen]).toEqual([30_000_000, 1_000_000, 29_000_000])
  })

  it('takes the transfer staff share off the pool first under the 2026 policy', async () => {
    const without = await planDistribution('HT2026-104', null, [])
    expect(without.transfer_staff_bp).toBe(500)
    // 200,000.00 − 8,000.00 = 192,000.00; license 75% → 144,000.00.
    expect(without.pool_fen).toBe(14_400_000)
    expect(without.findings.map((f) => f.code)).toEqual(['transfer_staff_below_minimum'])
    const staff = (await staffChoices('')).map((s) => s.employee_id)
    expect(staff).toEqual(['T0901', 'T0902', 'T0903', 'T0904'])
    expect((await staffChoices(' t0903 ')).map((s) => s.employee_id)).toEqual(['T0903'])
    const withStaff = await planDistribution('HT2026-104', null, ['T0901', 'T0902'])
    // 5% of 144,000.00 = 7,200.00, 3,600.00 each; 136,800.00 to the one inventor.
    expect(withStaff.allocations.map((a) => [a.employee_id.startsWith('T09'), a.amount_fen])).toEqual([
      [false, 13_680_000],
      [true, 360_000],
      [true, 360_000],
    ])
    expect(withStaff.findings).toEqual([])
    await expect(planDistribution('HT2026-104', null, ['T0001'])).rejects.toMatchObject({ code: 'invalid_input' })
  })

  it('runs a draft through approval (with an override), publicity and payment', async () => {
    const plan = await planDistribution('HT2026-103', null, [])
    expect(plan.findings).toEqual([{ code: 'key_contributors_below_minimum', severity: 'error', employee_id: null }])
    const draft = await createDistribution('HT2026-103', null, [])
    expect(draft.state).toBe('draft')
    expect((await failure(createDistribution('HT2026-103', null, [])))?.code).toBe('distribution_open')
    expect((await contractChoices('HT2026-103'))[0]?.open_distribution_id).toBe(draft.id)

    const refused = await failure(approveDistribution(draft.id, approval()))
    expect(refused?.code).toBe('key_contributors_below_minimum')
    expect(refused?.message).toMatch(/主要贡献人员/)
    expect((await failure(approveDistribution(draft.id, approval({ decision_on: '2026-08-31', override_reason: 'x' }))))?.code).toBe(
      'decision_before_receipt',
    )
    expect((await failure(approveDistribution(draft.id, approval({ decision_on: '2026-11-24', override_reason: 'x' }))))?.code).toBe('date_in_future')
    expect((await getDistribution(draft.id)).state).toBe('draft')

    const approved = await approveDistribution(draft.id, approval({ override_reason: '学院认定的实际贡献', minutes_file: '/m/纪要.pdf' }))
    expect([approved.state, approved.override_reason, approved.minutes_file]).toEqual(['approved', '学院认定的实际贡献', '/m/纪要.pdf'])
    expect(approved.minutes_sha256).toMatch(/^[0-9a-f]{64}$/)
    expect((await failure(payDistribution(draft.id, '2026-11-01')))?.code).toBe('publicity_not_finished')
    expect((await failure(discardDistribution(draft.id)))?.code).toBe('distribution_not_draft')

    expect((await failure(publicizeDistribution(draft.id, '2026-10-07', null)))?.code).toBe('publicity_before_decision')
    const posted = await publicizeDistribution(draft.id, '2026-10-09', null)
    expect([posted.state, posted.publicity_days, posted.publicity_ends_on]).toEqual(['publicized', 15, '2026-10-26'])

    const early = await failure(payDistribution(draft.id, '2026-10-26'))
    expect(early?.code).toBe('publicity_not_finished')
    expect(early?.message).toContain('2026-10-27')
    const paid = await payDistribution(draft.id, '2026-10-27')
    expect([paid.state, paid.paid_on]).toEqual(['paid', '2026-10-27'])
    const rows = (await list({ contract_no: 'HT2026-103' })).rows
    expect(rows.map((r) => [r.id, r.state])).toEqual([[draft.id, 'paid']])
    expect((await failure(publicizeDistribution(draft.id, '2026-10-09', null)))?.code).toBe('distribution_paid')
  })

  it('blocks a unit principal leader in equity until the waiver is recorded', async () => {
    const plan = await planDistribution('HT2026-102', null, [])
    // 3,000,000.00 of registered capital × 70% = 2,100,000.00; 60/40 → 1,260,000.00 / 840,000.00.
    expect([plan.equity_units, plan.pool_units, plan.institution_units, plan.pool_fen]).toEqual([300_000_000, 210_000_000, 90_000_000, undefined])
    expect(plan.allocations.map((a) => [a.units, a.amount_fen, a.leader_level])).toEqual([
      [126_000_000, undefined, 'none'],
      [84_000_000, undefined, 'unit_principal'],
    ])
    const leader = plan.allocations[1]!.employee_id
    expect(plan.findings.map((f) => [f.code, f.employee_id])).toEqual([
      ['principal_leader_equity_blocked', leader],
      ['leader_reward_needs_publicity', leader],
    ])
    const { id } = await createDistribution('HT2026-102', null, [])
    const overridden = await failure(approveDistribution(id, approval({ override_reason: '集体决策同意' })))
    expect(overridden?.code).toBe('principal_leader_equity_blocked')
    expect((await failure(approveDistribution(id, approval({ waive: [plan.allocations[0]!.employee_id] }))))?.code).toBe('not_waivable')
    const approved = await approveDistribution(id, approval({ waive: [leader] }))
    expect(approved.state).toBe('approved')
    expect(approved.allocations.map((a) => a.waived)).toEqual([false, true])
    expect(approved.institution_units).toBe(90_000_000 + 84_000_000)
    expect(approved.findings.map((f) => f.code)).toEqual(['leader_reward_needs_publicity'])
    expect(approved.override_reason).toBeNull()
  })

  it('reverses a paid distribution by a negated draft, once', async () => {
    const paid = (await list({ state: 'paid' })).rows.find((r) => r.contract_no === 'HT2025-201')!
    expect((await failure(reverseDistribution(paid.id, '  ')))?.code).toBe('invalid_input')
    const reversal = await reverseDistribution(paid.id, '发放名单有误')
    const original = await getDistribution(paid.id)
    expect([reversal.state, reversal.reverses_id, reversal.reason, original.reversed_by_id]).toEqual(['draft', paid.id, '发放名单有误', reversal.id])
    expect(reversal.pool_fen).toBe(-original.pool_fen!)
    expect(reversal.allocations.map((a) => a.amount_fen)).toEqual(original.allocations.map((a) => -a.amount_fen!))
    expect(reversal.receipts).toEqual([])
    expect((await failure(reverseDistribution(paid.id, '再次')))?.code).toBe('distribution_reversed')
    expect((await failure(reverseDistribution(reversal.id, '冲销的冲销')))?.code).toBe('distribution_not_paid')
    await discardDistribution(reversal.id)
    expect((await getDistribution(paid.id)).reversed_by_id).toBeNull()
    expect((await failure(getDistribution(reversal.id)))?.code).toBe('not_found')
  })

  it('refuses a contract with nothing new and an unknown one', async () => {
    // HT2025-201's only receipt went into a paid distribution.
    expect((await failure(createDistribution('HT2025-201', null, [])))?.code).toBe('nothing_to_distribute')
    expect((await failure(planDistribution('NO-SUCH', null, [])))?.code).toBe('not_found')
    // HT2025-202 was reversed by a paid reversal: its receipt is free again.
    expect((await planDistribution('HT2025-202', null, [])).receipts_fen).toBe(26_000_000)
  })

  it('seeds distributions in every state, paged newest first, with filters', async () => {
    const all = await list()
    expect(new Set(all.rows.map((r) => r.state))).toEqual(new Set(['draft', 'approved', 'publicized', 'paid']))
    expect(all.rows.map((r) => r.id)).toEqual([...all.rows.map((r) => r.id)].sort((a, b) => b - a))
    expect(all.rows.some((r) => r.reverses_id !== null)).toBe(true)
    const overdue = await list({ overdue: true })
    expect(overdue.total).toBeGreaterThan(0)
    expect(overdue.rows.every((r) => r.payment_overdue && r.state !== 'paid')).toBe(true)
    expect((await list({ year: 2024 })).rows.map((r) => r.contract_no)).toEqual(['HT2024-206'])
    expect((await list({ search: 'ht2026-20' })).rows.every((r) => r.contract_no.startsWith('HT2026-20'))).toBe(true)
    const page2 = await listDistributions({ ...FIRST_DISTRIBUTION_PAGE, page: 2, page_size: 3 })
    expect(page2.total).toBe(all.total)
    expect(page2.rows.map((r) => r.id)).toEqual(all.rows.slice(3, 6).map((r) => r.id))
  })
})

describe('fake policies', () => {
  it('lists versions oldest first with the used one marked', async () => {
    const versions = await listPolicies()
    expect(versions.map((p) => [p.effective_on, p.in_use])).toEqual([
      ['1900-01-01', false],
      ['2024-01-01', true],
      ['2026-07-01', false],
    ])
  })

  it('names every wrong field and writes nothing', async () => {
    const [, , latest] = await listPolicies()
    const bad = { ...latest!, license_bp: 12000, remainder_office_bp: 1000, tiers: [...latest!.tiers, { ...latest!.tiers[0]!, ratio_bp: -1 }] }
    const error = await failure(savePolicy(bad))
    expect(error?.code).toBe('invalid_input')
    expect(error?.details.map((d) => d.column)).toEqual(['license_bp', 'tiers[1]', 'tiers[1]', 'remainder'])
    expect((await listPolicies())[2]!.license_bp).toBe(7500)
  })

  it('adds, edits and deletes versions by the rules', async () => {
    const [first, used] = await listPolicies()
    expect((await failure(savePolicy({ ...used!, note: 'x' })))?.code).toBe('policy_in_use')
    expect((await failure(deletePolicy(used!.id!)))?.code).toBe('policy_in_use')
    expect((await failure(savePolicy({ ...first!, id: null })))?.code).toBe('policy_overlap')
    const id = await savePolicy({ ...first!, id: null, effective_on: '2027-01-01', transfer_bp: 8000 })
    const added = (await listPolicies()).find((p) => p.id === id)!
    expect([added.effective_on, added.transfer_bp, added.in_use]).toEqual(['2027-01-01', 8000, false])
    await savePolicy({ ...added, transfer_bp: 8500 })
    expect((await listPolicies()).find((p) => p.id === id)!.transfer_bp).toBe(8500)
    await deletePolicy(id)
    await deletePolicy(first!.id!)
    expect((await listPolicies()).length).toBe(2)
  })
})
