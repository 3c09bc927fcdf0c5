import { describe, expect, it } from 'vitest'
import { draftFromPublicity, emptyDraft, toForm, weightSum } from './contract-form'
import type { Publicity } from '../../api'

const publicity: Publicity = {
  id: 7,
  version: 4,
  title: '齿轮箱诊断专利转让',
  contract_kind: 'transfer',
  organization_id: 3,
  counterparty: '甲公司',
  related_party: false,
  price_fen: 80_000_000,
  posted_on: '2025-09-20',
  days: 15,
  ends_on: '2025-10-09',
  channel: '学校官网',
  resolution_id: 2,
  achievements: ['CG001', 'CG002', 'CG003'],
  objections: [],
  contract_no: null,
}

describe('contract form', () => {
  it('takes kind, counterparty, price and achievements from a finished publicity', () => {
    const d = draftFromPublicity(publicity, '2026-11-23')
    expect([d.kind, d.organization_id, d.amount, d.pricing, d.publicity_id, d.resolution_id]).toEqual(['transfer', 3, '800000.00', 'agreement', 7, 2])
    expect([d.id, d.version], 'a new contract, not the publicity at its version').toEqual([null, 0])
    // 10000 / 3 = 3333 each, the first takes the 1 bp left over: 33.34 + 33.33 + 33.33.
    expect(d.achievements.map((a) => a.weight)).toEqual(['33.34', '33.33', '33.33'])
    expect(weightSum(d)).toBe(10000)
  })

  it('turns typed yuan and percentages into fen and basis points exactly', () => {
    const d = { ...emptyDraft('2026-11-23'), kind: 'license' as const, license_kind: 'exclusive' as const, amount: '1,200,000.10', pricing: 'listing' as const }
    d.achievements = [{ achievement_no: ' CG001 ', weight: '60' }, { achievement_no: 'CG002', weight: '40' }]
    d.installments = [{ kind: 'fixed', due_on: '2026-12-01', amount: '0.10', milestone: null, period_start: null, period_end: null }]
    const out = toForm(d)
    expect('form' in out && out.form.amount_fen).toBe(120_000_010)
    expect('form' in out && out.form.achievements).toEqual([{ achievement_no: 'CG001', weight_bp: 6000 }, { achievement_no: 'CG002', weight_bp: 4000 }])
    expect('form' in out && out.form.installments[0]?.amount_fen).toBe(10)
    expect('form' in out && out.form.publicity_id).toBeNull()
  })

  it('sends back the version the contract was loaded at', () => {
    const out = toForm({ ...emptyDraft('2026-11-23'), id: 12, version: 3, amount: '1' })
    expect('form' in out && [out.form.id, out.form.version]).toEqual([12, 3])
  })

  it('names every field whose text is not a number', () => {
    const d = { ...emptyDraft('2026-11-23'), kind: 'equity' as const, amount: '12万', equity_units: '', equity_on: true, stake: 'x' }
    d.installments = [{ kind: 'fixed', due_on: '2026-12-01', amount: '-5', milestone: null, period_start: null, period_end: null }]
    const out = toForm(d)
    expect('problems' in out && Object.keys(out.problems).sort()).toEqual(['amount_fen', 'equity.stake_bp', 'equity_units_fen', 'installments[0].amount_fen'])
  })
})
