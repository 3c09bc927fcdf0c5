import { beforeEach, describe, expect, it } from 'vitest'
import { ApiError } from './error'
import { fakeStore, resetFake } from './fake'
import { organizationChoices } from './fake-contracts'
import { ALL_PUBLICITIES, listGrants, listPublicities, listResolutions, saveGrant, savePublicity, saveResolution, signingRefusal, stageOf } from './fake-deals'
import type { Grant, GrantQuery, Publicity, PublicityQuery, ResolutionQuery } from './types.gen'

// The fake's "today" is 2026-11-23; the holiday calendar is the State Council's for 2024–2026.

const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as ApiError)
const columns = (e: ApiError | null) => e?.details.map((d) => d.column)

beforeEach(() => resetFake())

const publicities = async (change: Partial<PublicityQuery> = {}) => (await listPublicities({ ...ALL_PUBLICITIES, ...change })).rows
const resolutions = async (change: Partial<ResolutionQuery> = {}) => (await listResolutions({ page: 1, page_size: 200, search: null, id: null, ...change })).rows
const grants = async (change: Partial<GrantQuery> = {}) => (await listGrants({ page: 1, page_size: 200, search: null, ...change })).rows

async function newPublicity(change: Partial<Publicity> = {}): Promise<Publicity> {
  const [org] = await organizationChoices('宜宾')
  const achievement = fakeStore().achievements[0]!.achievement_no
  return {
    id: null,
    title: '测试定价公示',
    contract_kind: 'transfer',
    organization_id: org!.id,
    counterparty: '',
    related_party: false,
    price_fen: 50_000_000,
    posted_on: '2026-09-16',
    days: 15,
    ends_on: '2026-09-16',
    channel: '学校官网',
    resolution_id: null,
    achievements: [achievement],
    objections: [],
    contract_no: null,
    ...change,
  }
}

describe('price publicities', () => {
  it('seeds four publicities, one in each situation, with the periods counted over the holidays', async () => {
    const rows = await publicities()
    expect(rows.map((r) => [r.publicity.posted_on, r.publicity.days, r.publicity.ends_on, r.stage, r.earliest_signing, r.publicity.contract_no])).toEqual([
      // Monday 11-16 + 20 days = Sunday 12-06 → Monday 12-07.
      ['2026-11-16', 20, '2026-12-07', 'running', '2026-12-08', null],
      // Monday 10-26 + 15 days = Tuesday 11-10; an objection is pending.
      ['2026-10-26', 15, '2026-11-10', 'objected', '2026-11-11', null],
      // Friday 10-09 + 15 days = Saturday 10-24 → Monday 10-26; its objection was rejected.
      ['2026-10-09', 15, '2026-10-26', 'clear', '2026-10-27', null],
      // Monday 07-20 + 15 days = Tuesday 08-04; HT2026-104 was signed under it.
      ['2026-07-20', 15, '2026-08-04', 'clear', '2026-08-05', 'HT2026-104'],
    ])
    expect(rows[2]!.publicity.objections.map((o) => o.outcome)).toEqual(['rejected'])
    expect(rows[1]!.publicity.objections.map((o) => o.outcome)).toEqual(['pending'])
  })

  it('names the seeded counterparties by the ids of the contracts side', async () => {
    const names = new Map((await organizationChoices('')).map((o) => [o.id, o.name]))
    for (const { publicity } of await publicities()) expect(names.get(publicity.organization_id)).toBe(publicity.counterparty)
  })

  it('computes the end on save: 2026-09-16 + 15 days falls on National Day, so the period runs to 10-08', async () => {
    const id = await savePublicity(await newPublicity())
    const row = (await publicities()).find((r) => r.publicity.id === id)!
    expect([row.publicity.ends_on, row.earliest_signing, row.stage, row.publicity.counterparty]).toEqual(['2026-10-08', '2026-10-09', 'clear', '宜宾锂宝新材料有限公司'])
  })

  it('turns objected with a pending objection and clear again once it is rejected with its handling', async () => {
    const p = await newPublicity()
    const pending = { id: null, received_on: '2026-09-20', objector: '某教师', content: '价格偏低', outcome: 'pending' as const, handling: null, resolved_on: null }
    const id = await savePublicity({ ...p, objections: [pending] })
    const saved = (await publicities()).find((r) => r.publicity.id === id)!
    expect(saved.stage).toBe('objected')
    await savePublicity({ ...saved.publicity, objections: [{ ...pending, outcome: 'rejected', handling: '已复核', resolved_on: '2026-09-25' }] })
    expect((await publicities()).find((r) => r.publicity.id === id)!.stage).toBe('clear')
  })

  it('names every field problem as the backend does and writes nothing', async () => {
    const before = (await publicities()).length
    const p = await newPublicity({
      title: ' ',
      days: 91,
      achievements: ['NO-SUCH'],
      organization_id: 0,
      objections: [{ id: null, received_on: '2026-09-10', objector: '', content: 'x', outcome: 'upheld', handling: null, resolved_on: null }],
    })
    const e = await failure(savePublicity(p))
    expect(e?.code).toBe('invalid_input')
    expect(columns(e)).toEqual([
      'title',
      'days',
      'objections[0].objector',
      'objections[0].received_on',
      'objections[0].resolved_on',
      'objections[0].handling',
      'achievements',
      'organization_id',
    ])
    expect((await publicities()).length).toBe(before)
  })

  it('refuses to change the terms of a publicity a contract was signed under, but not its objections', async () => {
    const signed = (await publicities()).find((r) => r.publicity.contract_no !== null)!.publicity
    expect((await failure(savePublicity({ ...signed, price_fen: signed.price_fen + 1 })))?.code).toBe('publicity_signed')
    await expect(savePublicity({ ...signed, channel: '学校官网及公告栏' })).resolves.toBe(signed.id)
  })

  it('gates signing as publicity.rs does: the last day belongs to the period; pending and upheld objections block', () => {
    const p = { title: 'x', ends_on: '2024-01-23', objections: [] } as unknown as Publicity
    expect(signingRefusal(p, '2024-01-23')?.code).toBe('price_publicity_not_finished')
    expect(signingRefusal(p, '2024-01-24')).toBeNull()
    expect(stageOf(p, '2024-01-23')).toBe('running')
    expect(stageOf(p, '2024-01-24')).toBe('clear')
    const o = { id: 1, received_on: '2024-01-10', objector: 'a', content: 'b', handling: null, resolved_on: null }
    expect(signingRefusal({ ...p, objections: [{ ...o, outcome: 'pending' }] }, '2024-02-01')?.code).toBe('objection_pending')
    expect(signingRefusal({ ...p, objections: [{ ...o, outcome: 'upheld' }] }, '2024-02-01')?.code).toBe('objection_upheld')
  })
})

describe('collective decisions', () => {
  it('lists the newest meeting first and refuses a future or empty one field by field', async () => {
    expect((await resolutions()).map((r) => r.meeting_on)).toEqual(['2026-09-28', '2026-07-10', '2026-03-12'])
    const e = await failure(saveResolution({ id: null, meeting_on: '2026-11-24', body: '校长办公会', subject: '', participants: 'x', outcome: 'y' }))
    expect(columns(e)).toEqual(['subject', 'meeting_on'])
    const id = await saveResolution({ id: null, meeting_on: '2026-11-23', body: ' 校长办公会 ', subject: '议题', participants: '甲、乙', outcome: '同意' })
    expect((await resolutions())[0]).toMatchObject({ id, body: '校长办公会' })
  })
})

describe('ownership grants', () => {
  async function usageGrant(until: string, shares = [6000, 4000]): Promise<Grant> {
    const [p1, p2] = fakeStore().people
    return {
      id: null,
      kind: 'usage_right',
      share_bp: null,
      usage_from: '2026-06-01',
      usage_until: until,
      income_team_bp: 7000,
      annual_fee_payer: 'team',
      agency_fee_payer: 'shared',
      decided_on: '2026-05-20',
      resolution_id: null,
      publicized_on: '2026-09-16',
      publicity_days: 15,
      publicity_ends_on: null,
      change_filed_on: null,
      note: null,
      achievements: [fakeStore().achievements[0]!.achievement_no],
      members: [
        { employee_id: p1!.employee_id, name: '', share_bp: shares[0]! },
        { employee_id: p2!.employee_id, name: '', share_bp: shares[1]! },
      ],
    }
  }

  it('seeds a 70% share and a ten-year usage right', async () => {
    const seeded = await grants()
    expect(seeded.map((g) => [g.kind, g.share_bp, g.usage_from, g.usage_until, g.publicity_ends_on])).toEqual([
      ['usage_right', null, '2026-10-01', '2036-10-01', '2026-10-14'],
      ['share', 7000, null, null, '2026-04-01'],
    ])
  })

  it('takes exactly ten years and refuses a day less, naming usage_until', async () => {
    const id = await saveGrant(await usageGrant('2036-06-01'))
    const saved = (await grants()).find((g) => g.id === id)!
    // 2026-09-16 + 15 days = 10-01, National Day → 10-08.
    expect(saved.publicity_ends_on).toBe('2026-10-08')
    expect(saved.members.map((m) => m.name)).toEqual(fakeStore().people.slice(0, 2).map((p) => p.name))
    const e = await failure(saveGrant(await usageGrant('2036-05-31')))
    expect(columns(e)).toEqual(['usage_until'])
    expect(e?.details[0]?.problem).toBe('不能早于2036-06-01')
  })

  it('refuses team shares that do not add up to exactly 100%', async () => {
    const e = await failure(saveGrant(await usageGrant('2036-06-01', [6000, 3000])))
    expect(columns(e)).toEqual(['members'])
    expect(e?.details[0]?.problem).toBe('份额合计为 90，应恰好为 100')
  })
})

describe('the lists page and filter as the backend does', () => {
  it('pages the publicities newest first and counts them all', async () => {
    const page = (n: number) => listPublicities({ ...ALL_PUBLICITIES, page: n, page_size: 3 })
    const [first, second] = [await page(1), await page(2)]
    expect([first.total, first.rows.map((r) => r.publicity.posted_on)]).toEqual([4, ['2026-11-16', '2026-10-26', '2026-10-09']])
    expect([second.total, second.rows.map((r) => r.publicity.posted_on)]).toEqual([4, ['2026-07-20']])
    expect((await listPublicities({ ...ALL_PUBLICITIES, page_size: 1000 })).rows).toHaveLength(4)
  })

  it('finds publicities by title, counterparty or achievement, and by counterparty, kind or id for the contract form', async () => {
    const posted = async (change: Partial<PublicityQuery>) => (await publicities(change)).map((r) => r.publicity.posted_on)
    expect(await posted({ search: '锂宝' })).toEqual(['2026-10-09'])
    expect(await posted({ search: '定价公示' })).toEqual(['2026-11-16', '2026-10-26', '2026-10-09', '2026-07-20'])
    const lithium = (await publicities({ search: '锂电池' }))[0]!.publicity
    expect(await posted({ search: lithium.achievements[0]! })).toContain('2026-10-09')
    expect(await posted({ contract_kind: 'license' })).toEqual(['2026-10-26', '2026-07-20'])
    expect(await posted({ organization_id: lithium.organization_id, contract_kind: 'license' })).toEqual([])
    expect(await posted({ id: lithium.id })).toEqual(['2026-10-09'])
  })

  it('finds decisions by body, subject or meeting month and grants by a member', async () => {
    expect((await resolutions({ search: '校长办公会' })).map((r) => r.meeting_on)).toEqual(['2026-09-28', '2026-03-12'])
    expect((await resolutions({ search: '2026-07' })).map((r) => r.meeting_on)).toEqual(['2026-07-10'])
    const second = await listResolutions({ page: 2, page_size: 2, search: null, id: null })
    expect([second.total, second.rows.map((r) => r.meeting_on)]).toEqual([3, ['2026-03-12']])
    const [usage, share] = await grants()
    const member = share!.members[0]!
    expect((await grants({ search: member.employee_id })).map((g) => g.id)).toContain(share!.id)
    expect((await grants({ search: member.employee_id.slice(0, -1) })).map((g) => g.id)).not.toContain(share!.id)
    expect((await grants({ search: usage!.achievements[0]! })).map((g) => g.id)).toEqual([usage!.id])
  })
})
