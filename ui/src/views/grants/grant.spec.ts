import { describe, expect, it } from 'vitest'
import type { Grant } from '../../api'
import { emptyGrant, fromForm, memberSum, toForm, usageMinimum } from './grant'

const grant: Grant = {
  id: 4,
  version: 6,
  kind: 'share',
  share_bp: 7050,
  usage_from: null,
  usage_until: null,
  income_team_bp: 7000,
  annual_fee_payer: 'team',
  agency_fee_payer: 'shared',
  decided_on: '2026-03-12',
  resolution_id: 1,
  publicized_on: '2026-03-17',
  publicity_days: 15,
  publicity_ends_on: '2026-04-01',
  change_filed_on: '2026-05-08',
  note: '备注',
  achievements: ['CG2020-0005'],
  members: [
    { employee_id: 'T0001', name: '王伟', share_bp: 6000 },
    { employee_id: 'T0002', name: '李芳', share_bp: 4000 },
  ],
}

describe('grant form', () => {
  it('shows shares in percent and reads them back exactly', () => {
    const form = toForm(grant, 15)
    expect([form.share, form.income_team, form.members.map((m) => m.share)]).toEqual(['70.5', '70', ['60', '40']])
    // The end is the backend's: computed again on save.
    expect(fromForm(form)).toEqual({ grant: { ...grant, publicity_ends_on: null } })
  })

  it('adds the team shares as typed: 60 + 30.5 = 90.5%, none while one is not a percentage', () => {
    expect(memberSum([{ share: '60' }, { share: '30.5' }])).toBe(9050)
    expect(memberSum([{ share: '60' }, { share: '40' }])).toBe(10000)
    expect(memberSum([{ share: '60' }, { share: '四十' }])).toBeNull()
    expect(memberSum([])).toBe(0)
  })

  it('counts ten years of calendar months, clamped to the month end as the backend does', () => {
    expect(usageMinimum('2026-06-01')).toBe('2036-06-01')
    expect(usageMinimum('2024-02-29')).toBe('2034-02-28')
    expect(usageMinimum('2028-02-29')).toBe('2038-02-28')
  })

  it('sends the usage dates only for a usage right, and the publicity days only when publicized', () => {
    const form = { ...emptyGrant('2026-11-23', 15), kind: 'usage_right' as const, usage_from: '2026-06-01', usage_until: '2036-05-31', share: '70' }
    const out = fromForm(form)
    expect(out).toMatchObject({ grant: { share_bp: null, usage_from: '2026-06-01', usage_until: '2036-05-31', publicized_on: null, publicity_days: null } })
  })

  it('names what is not a value: a share, the income split and each member share', () => {
    const form = { ...emptyGrant('2026-11-23', 15), share: '七成', income_team: '', decided_on: '' }
    form.members.push({ employee_id: 'T0001', name: '王伟', department: '', share: '100%' }, { employee_id: 'T0002', name: '李芳', department: '', share: 'x' })
    expect(fromForm(form)).toEqual({ problems: { share_bp: 'percent', income_team_bp: 'required', 'members[1]': 'percent', decided_on: 'required' } })
  })
})
