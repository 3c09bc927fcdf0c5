import { describe, expect, it } from 'vitest'
import type { Publicity, PublicityRow } from '../../api'
import { canSign, emptyForm, emptyObjection, fromForm, PUBLICITY_FIELDS, resolutionLabel, toForm, unplaced } from './publicity-form'

const publicity: Publicity = {
  id: 7,
  version: 2,
  title: '锂电池正极材料专利权转让定价公示',
  contract_kind: 'transfer',
  organization_id: 3,
  counterparty: '宜宾锂宝新材料有限公司',
  related_party: true,
  price_fen: 120_000_050,
  posted_on: '2026-10-09',
  days: 15,
  ends_on: '2026-10-26',
  channel: '学校官网',
  resolution_id: 2,
  achievements: ['CG2021-0001'],
  objections: [
    { id: 9, received_on: '2026-10-15', objector: '某教师', content: '价格偏低', outcome: 'rejected', handling: '已复核', resolved_on: '2026-10-20' },
    { id: 10, received_on: '2026-10-16', objector: '某公司', content: '请求重新定价', outcome: 'pending', handling: null, resolved_on: null },
  ],
  contract_no: null,
}

describe('publicity form', () => {
  it('shows the price in yuan and reads it back to the fen, with no float in between', () => {
    const form = toForm(publicity)
    expect(form.price).toBe('1200000.50')
    expect(form.objections[1]).toMatchObject({ handling: '', resolved_on: '' })
    // ends_on is the backend's: the form sends the posting day only because the type needs a date.
    expect(fromForm(form)).toEqual({ publicity: { ...publicity, ends_on: '2026-10-09' } })
    form.price = '1,200,000.01'
    expect(fromForm(form)).toMatchObject({ publicity: { price_fen: 120_000_001 } })
  })

  it('names what is not a value and leaves the rules to the backend', () => {
    const form = emptyForm('2026-11-23', 15)
    form.objections.push({ ...emptyObjection('2026-11-23'), received_on: '' })
    expect(fromForm(form)).toEqual({ problems: { price_fen: 'required', 'objections[0].received_on': 'required' } })
    form.price = '12.345'
    form.posted_on = ''
    expect(fromForm(form)).toMatchObject({ problems: { price_fen: 'amount', posted_on: 'required' } })
    // No counterparty yet: 0, so that the backend answers with its organization_id problem.
    const blank = { ...emptyForm('2026-11-23', 20), price: '0' }
    expect(fromForm(blank)).toMatchObject({ publicity: { organization_id: 0, days: 20, price_fen: 0, objections: [] } })
  })

  it('offers 签订合同 only once the period is clear and no contract was signed under it', () => {
    const row = (stage: PublicityRow['stage'], contract_no: string | null): PublicityRow => ({
      publicity: { ...publicity, contract_no },
      stage,
      earliest_signing: '2026-10-27',
    })
    expect(canSign(row('clear', null))).toBe(true)
    expect(canSign(row('clear', 'HT2026-301'))).toBe(false)
    expect(['running', 'objected', 'upheld'].map((s) => canSign(row(s as PublicityRow['stage'], null)))).toEqual([false, false, false])
  })

  it('labels a decision by date, body and subject', () => {
    expect(resolutionLabel({ meeting_on: '2026-09-28', body: '校长办公会', subject: '定价' })).toBe('2026-09-28 校长办公会：定价')
  })
})

describe('field problems', () => {
  it('keeps the problems no field shows, so that none goes unseen', () => {
    const problem = (column: string) => ({ sheet: '', row: 0, column, cell: null, value: '', code: 'required', problem: '必填项为空' })
    const shown = ['title', 'price_fen', 'organization_id', 'objections[0].handling', 'objections[12].resolved_on'].map(problem)
    expect(unplaced([...shown, problem('ends_on'), problem('objections[0].id')], PUBLICITY_FIELDS).map((p) => p.column)).toEqual(['ends_on', 'objections[0].id'])
  })
})
