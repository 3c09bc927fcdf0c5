import { beforeEach, describe, expect, it } from 'vitest'
import { ApiError } from './error'
import { resetFake, fakeStore } from './fake'
import {
  addAssessment,
  conversionForm,
  decideDisclosure,
  getDisclosure,
  listDisclosures,
  nextDisclosureNo,
  saveAchievement,
  saveDisclosure,
  saveValuation,
} from './fake-disclosures'
import { FIRST_DISCLOSURE_PAGE } from './enums'
import type { Disclosure, Valuation } from './types.gen'

beforeEach(resetFake)

/** The code of a refusal and the (field, code) of its problems. */
async function refusal(work: Promise<unknown>): Promise<[string, string[]]> {
  const e = await work.then(
    () => null,
    (x: unknown) => x,
  )
  if (!(e instanceof ApiError)) throw new Error('expected a refusal')
  return [e.code, e.details.map((p) => `${p.column}:${p.code}`)]
}

const intake = (): Disclosure => ({
  id: null,
  disclosure_no: 'PL2026-004',
  title: '一种耐高温陶瓷基复合材料',
  department: '材料科学与工程学院',
  funding_source: 'fiscal',
  fiscal_project: '国家自然科学基金 52272001',
  description: '碳化硅纤维增强',
  prior_art: null,
  intended_protection: 'utility_model',
  confidential: false,
  received_on: '2026-11-02',
  inventors: [
    { employee_id: 'T0003', share_bp: 6000, key_contributor: true },
    { employee_id: 'T0009', share_bp: 4000, key_contributor: false },
  ],
})

describe('fake disclosures', () => {
  it('refuses an intake field by field, as the backend does', async () => {
    const bad = { ...intake(), fiscal_project: null, received_on: '2026-11-24', inventors: [{ employee_id: 'T0003', share_bp: 9000, key_contributor: true }] }
    expect(await refusal(saveDisclosure(bad))).toEqual([
      'invalid_input',
      ['fiscal_project:required_for_kind', 'received_on:date_in_future', 'inventors:shares_not_100'],
    ])
    expect(await nextDisclosureNo()).toBe('PL2026-004')
  })

  it('takes a disclosure through assessment and decision into a linked achievement', async () => {
    const id = await saveDisclosure(intake())
    expect((await refusal(conversionForm(id)))[0]).toBe('disclosure_not_decided')
    const scores = ['技术先进性', '市场前景', '可专利性与保护范围', '转化可行性'].map((criterion, i) => ({ criterion, score: [80, 80, 80, 81][i]! }))
    await addAssessment({ disclosure_id: id, assessed_on: '2026-11-10', reviewer: '评估小组', scores, recommendation: 'file_patent', note: null })
    // 80 × 30% + 80 × 30% + 80 × 20% + 81 × 20% = 80.2.
    expect((await getDisclosure(id)).assessments[0]!.weighted_score_x10).toBe(802)
    expect((await refusal(decideDisclosure(id, { decision: 'file_patent', decided_on: '2026-11-01', note: null })))[1]).toEqual(['decided_on:date_order'])
    await decideDisclosure(id, { decision: 'file_patent', decided_on: '2026-11-20', note: null })
    const form = await conversionForm(id)
    expect([form.kind, form.status, form.disclosure_id]).toEqual(['utility_model', 'pending', id])
    // 202320987674: Σ digit × weight = 263, 263 mod 11 = 10 → X (a lower-case x and the ZL prefix are tolerated).
    const achievement = await saveAchievement({ ...form, achievement_no: 'CG2026-9001', application_no: 'ZL 202320987674.x', filed_on: '2026-11-21' })
    const detail = await getDisclosure(id)
    expect(detail.status).toBe('converted')
    expect(detail.achievements.map((a) => a.id)).toEqual([achievement])
    expect(fakeStore().achievements.find((a) => a.id === achievement)?.application_no).toBe('202320987674.X')
    expect((await refusal(decideDisclosure(id, { decision: 'drop', decided_on: '2026-11-22', note: null })))[0]).toBe('disclosure_converted')
    const received = await listDisclosures({ ...FIRST_DISCLOSURE_PAGE, status: 'converted' })
    expect(received.rows.map((r) => r.disclosure_no)).toEqual(['PL2026-004', 'PL2025-007'])
  })

  it('refuses an appraisal with one method and a range upside down', async () => {
    const v: Valuation = {
      id: null,
      achievement_id: 1,
      contract_id: null,
      kind: 'appraisal',
      appraiser: '评估公司',
      report_no: '报告 1',
      base_on: '2026-06-30',
      methods: ['income'],
      value_fen: null,
      low_fen: 70_000_000,
      high_fen: 60_000_000,
      valid_until: '2026-06-29',
      filing_no: null,
      filed_on: null,
    }
    expect((await refusal(saveValuation(v)))[1]).toEqual(['methods:too_few', 'high_fen:amount_order', 'valid_until:date_order'])
    expect(await saveValuation({ ...v, methods: ['cost', 'income'], high_fen: 70_000_000, valid_until: null })).toBeGreaterThan(0)
  })
})
