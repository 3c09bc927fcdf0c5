import { describe, expect, it } from 'vitest'
import type { Policy } from '../../api'
import { copyForm, fromForm, policyDocument, splitSums, toForm } from './policy-form'

const policy: Policy = {
  id: 3,
  version: 5,
  effective_on: '2026-07-01',
  transfer_bp: 7000,
  license_bp: 7550,
  equity_bp: 7000,
  development_bp: 1000,
  consulting_bp: 0,
  service_bp: 0,
  tiers: [{ kind: null, min_amount_fen: 100_000_000, in_province: true, ratio_bp: 8000 }],
  key_contributor_min_bp: 5000,
  transfer_staff_bp: 500,
  transfer_staff_min_bp: null,
  publicity_days: 15,
  payment_deadline_months: 6,
  recipients: [
    { name: '机械学院', share_bp: 825 },
    { name: '学校', share_bp: 1625 },
  ],
  note: '经校长办公会审议通过',
  in_use: false,
  document_title: '西南理工大学科技成果转化管理办法',
  document_no: '校发〔2026〕12号',
}

describe('policy form', () => {
  it('shows ratios in percent and amounts in yuan, and reads them back exactly', () => {
    const form = toForm(policy)
    expect(form.ratios.license).toBe('75.5')
    expect(form.tiers[0]).toEqual({ kind: '', min: '1000000.00', in_province: true, ratio: '80' })
    expect([form.staff_on, form.staff, form.staff_min, form.deadline_months]).toEqual([true, '5', '', '6'])
    expect(fromForm(form)).toEqual({ policy })
  })

  it('keeps what the backend must judge (120%) and names what is not a value', () => {
    const form = toForm(policy)
    form.ratios.license = '120'
    expect(fromForm(form)).toMatchObject({ policy: { license_bp: 12000 } })
    form.ratios.transfer = '七十'
    form.tiers[0]!.min = '1,00'
    form.publicity_days = ''
    form.effective_on = ''
    expect(fromForm(form)).toEqual({
      problems: { effective_on: 'required', transfer_bp: 'percent', 'tiers[0]': 'amount', publicity_days: 'required' },
    })
  })

  it('drops the transfer staff share when switched off and the deadline when empty', () => {
    const form = { ...toForm(policy), staff_on: false, deadline_months: ' ' }
    expect(fromForm(form)).toMatchObject({ policy: { transfer_staff_bp: null, transfer_staff_min_bp: null, payment_deadline_months: null } })
  })

  it('keeps recipients in percent with two decimals and sums them with the team', () => {
    const form = toForm(policy)
    expect(form.recipients).toEqual([
      { name: '机械学院', share: '8.25' },
      { name: '学校', share: '16.25' },
    ])
    // transfer 70 + 8.25 + 16.25 = 94.5%; license 75.5 + 24.5 = 100%.
    expect(splitSums(form)).toEqual([9450, 10000])
    form.recipients[1]!.share = '十'
    expect(fromForm(form)).toEqual({ problems: { 'recipients[1].share_bp': 'percent' } })
    expect(splitSums(form)).toBeNull()
  })

  it('bases a new version on another without its id and date', () => {
    const form = copyForm({ ...policy, in_use: true })
    expect([form.id, form.version, form.in_use, form.effective_on, form.ratios.license]).toEqual([null, 0, false, '', '75.5'])
    expect([form.document_title, form.document_no]).toEqual(['', ''])
  })

  it('names a version by its document as offices cite it, either part alone, else nothing', () => {
    expect(policyDocument(policy)).toBe('《西南理工大学科技成果转化管理办法》（校发〔2026〕12号）')
    expect(policyDocument({ document_title: null, document_no: '校发〔2026〕12号' })).toBe('校发〔2026〕12号')
    expect(policyDocument({ document_title: null, document_no: null })).toBeNull()
  })
})
