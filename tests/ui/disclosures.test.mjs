import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { cells, lastMessage, start, typeDate } from './harness.mjs'

// The fake backend (ui/src/api/fake-disclosures.ts) is at 2026-11-23 and holds PL2026-001
// (received 2026-08-03, assessed, undecided: 112 days, flagged), PL2026-002 (received
// 2026-10-30), PL2026-003 (dropped) and PL2025-007 (kept secret, registered); the scoring sheet
// 30/30/20/20. People T0003 and T0009 are in 材料科学与工程学院 (fake.ts: department = index mod 6).

let app
before(async () => {
  app = await start()
})
after(() => app.stop())

/** The text box of a test id: an el-input puts the id on its <input>/<textarea>, other widgets on a wrapper. */
const box = (page, testid) =>
  page.locator(`input[data-testid="${testid}"], textarea[data-testid="${testid}"], [data-testid="${testid}"] input, [data-testid="${testid}"] textarea`).first()
const value = (page, testid) => box(page, testid).inputValue()
const fill = (page, testid, text) => box(page, testid).fill(text)
const fieldError = (page, testid) => page.getByTestId(testid).locator('.el-form-item__error').innerText()

async function choose(page, select, label) {
  await page.getByTestId(select).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click()
}

/** Picks a person in an inventor row by typing the employee ID into its remote select. */
async function pickPerson(page, row, employeeId) {
  const select = page.getByTestId(`inventor-person-${row}`)
  await select.click()
  await select.locator('input').fill(employeeId)
  await page.locator(`.el-select-dropdown__item:visible[data-testid="person-option-${employeeId}"]`).click()
  // The next row's dropdown offers the same people: wait until this one has closed.
  await page.locator('.el-select__popper:visible').first().waitFor({ state: 'hidden' })
}

test('the list shows every disclosure with its status and flags the one undecided for 112 days', async () => {
  const { page, problems } = await app.open('#/disclosures')
  await page.locator('[data-testid="disclosure-table"] .el-table__row').first().waitFor()
  assert.equal(await page.getByTestId('nav-disclosures').innerText(), '成果披露')
  const rows = await cells(page, 'disclosure-table')
  assert.deepEqual(
    rows.map((r) => [r[0], r[6]]),
    [
      ['PL2026-002', '已受理'],
      ['PL2026-001', '已评估'],
      ['PL2026-003', '已放弃'],
      ['PL2025-007', '已形成成果'],
    ],
    'newest receipt first, each with its status',
  )
  // 2026-08-03 → 2026-11-23 is 112 days, over the 60 allowed; the dropped one stopped at its decision (35 days).
  assert.match(rows[1][8], /^112 天/)
  assert.equal(await page.getByTestId('disclosure-overdue').count(), 1)
  assert.match(rows[2][8], /^35 天$/)

  await choose(page, 'disclosure-filter-status', '已放弃')
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="disclosure-table"] .el-table__body tr.el-table__row').length === 1)
  assert.equal((await cells(page, 'disclosure-table'))[0][0], 'PL2026-003')
  assert.deepEqual(problems, [])
})

test('a disclosure goes from intake through assessment and decision to an achievement, linked both ways', async () => {
  const { page, problems } = await app.open('#/disclosures')
  await page.locator('[data-testid="disclosure-table"] .el-table__row').first().waitFor()

  // Intake: the next number of the year is suggested.
  await page.getByTestId('disclosure-new').click()
  await page.getByTestId('disclosure-form').waitFor()
  await page.waitForFunction(() => document.querySelector('input[data-testid="dis-no"]')?.value === 'PL2026-004')
  await fill(page, 'dis-title', '一种耐高温陶瓷基复合材料')
  await choose(page, 'dis-department', '材料科学与工程学院')
  await fill(page, 'dis-fiscal-project', '国家自然科学基金 52272001')
  await fill(page, 'dis-description', '以碳化硅纤维增强，1400 ℃ 下强度保持 85%。')
  await typeDate(page, 'dis-received-on', '2026-11-02')
  await page.getByTestId('inventor-add').click()
  await pickPerson(page, 0, 'T0003')
  await page.getByTestId('inventor-add').click()
  await pickPerson(page, 1, 'T0009')
  await fill(page, 'inventor-share-0', '60')
  await fill(page, 'inventor-share-1', '30')
  assert.equal(await page.getByTestId('inventor-sum').innerText(), '份额合计 90%（应恰好为 100%）')

  // 60 + 30 = 90%: refused, with the inventors' field named.
  await page.getByTestId('dis-save').click()
  await page.getByTestId('dis-error').waitFor()
  assert.equal(await fieldError(page, 'dis-field-inventors'), '份额合计为 90，应恰好为 100')
  await fill(page, 'inventor-share-1', '40')
  await page.getByTestId('dis-save').click()

  await page.getByTestId('disclosure-title').filter({ hasText: 'PL2026-004' }).waitFor()
  assert.equal(await page.getByTestId('disclosure-status').innerText(), '已受理')
  assert.deepEqual(
    (await cells(page, 'disclosure-inventors')).map((r) => [r[0], r[3]]),
    [
      ['T0003', '60%'],
      ['T0009', '40%'],
    ],
  )

  // Assessment: 85 × 30% + 78 × 30% + 91 × 20% + 66 × 20% = 25.5 + 23.4 + 18.2 + 13.2 = 80.3.
  await page.getByTestId('disclosure-assess').click()
  await page.getByTestId('assessment-dialog').waitFor()
  await typeDate(page, 'assessment-date', '2026-11-10')
  await fill(page, 'assessment-reviewer', '校知识产权评估小组')
  for (const [i, score] of [85, 78, 91, 66].entries()) {
    await fill(page, `assessment-score-${i}`, String(score))
    await box(page, `assessment-score-${i}`).press('Tab')
  }
  assert.equal(await page.getByTestId('assessment-weighted').innerText(), '80.3')
  await page.getByTestId('assessment-save').click()
  await page.getByTestId('disclosure-status').filter({ hasText: '已评估' }).waitFor()
  assert.equal(await page.getByTestId('assessment-score').innerText(), '80.3')

  // Decision: file a patent (the assessment's recommendation is preselected).
  await page.getByTestId('disclosure-decide').click()
  await page.getByTestId('decision-dialog').waitFor()
  await typeDate(page, 'decision-date', '2026-11-20')
  await page.getByTestId('decision-confirm').click()
  await page.getByTestId('disclosure-status').filter({ hasText: '已决定' }).waitFor()
  assert.equal(await page.getByTestId('disclosure-decision-value').innerText(), '申请专利')
  assert.equal(await page.getByTestId('disclosure-edit').count(), 0, 'no edit after the decision')

  // Conversion: the achievement form opens prefilled from the disclosure.
  await page.getByTestId('disclosure-convert').click()
  await page.getByTestId('reg-from-disclosure').waitFor()
  assert.equal(await page.getByTestId('reg-title-heading').innerText(), '由披露登记成果')
  assert.equal(await value(page, 'reg-title'), '一种耐高温陶瓷基复合材料')
  assert.equal(await value(page, 'reg-fiscal-project'), '国家自然科学基金 52272001')
  assert.equal(await value(page, 'inventor-share-0'), '60')
  assert.equal(await value(page, 'inventor-share-1'), '40')
  await fill(page, 'reg-achievement-no', 'CG2026-9001')
  // 202310987654: Σ digit × weight = 249, 249 mod 11 = 7 — so X is refused, naming 7.
  await fill(page, 'reg-application-no', 'CN202310987654.X')
  await typeDate(page, 'reg-filed-on', '2026-11-21')
  await page.getByTestId('reg-save').click()
  await page.getByTestId('reg-error').waitFor()
  assert.equal(await fieldError(page, 'reg-field-application_no'), '申请号校验位错误（按规则应为 7）')
  await fill(page, 'reg-application-no', 'CN202310987654.7')
  await page.getByTestId('reg-save').click()

  // The achievement's page names its disclosure …
  await page.getByTestId('achievement-title').filter({ hasText: '一种耐高温陶瓷基复合材料' }).waitFor()
  assert.equal(await lastMessage(page), '成果 CG2026-9001 已保存')
  assert.match(await page.getByTestId('achievement-fields').innerText(), /202310987654\.7/)
  const link = page.getByTestId('achievement-disclosure')
  assert.equal((await link.innerText()).trim(), 'PL2026-004 一种耐高温陶瓷基复合材料')
  // … and the disclosure lists the achievement.
  await link.click()
  await page.getByTestId('disclosure-status').filter({ hasText: '已形成成果' }).waitFor()
  assert.deepEqual(
    (await cells(page, 'disclosure-achievements')).map((r) => r.slice(0, 3)),
    [['CG2026-9001', '一种耐高温陶瓷基复合材料', '发明专利']],
  )
  assert.equal(await page.getByTestId('disclosure-decide').count(), 0, 'the decision is final once an achievement came from it')
  await page.screenshot({ path: '/tmp/ui-disclosure.png', fullPage: true })
  assert.deepEqual(problems, [])
})

test('a valuation is added on the achievement page; an appraisal needs two methods', async () => {
  const { page, problems } = await app.open('#/achievements/1')
  await page.getByTestId('valuations').waitFor()
  await page.getByTestId('valuation-new').click()
  await page.getByTestId('valuation-dialog').waitFor()
  await fill(page, 'valuation-appraiser', '四川天健资产评估有限公司')
  await fill(page, 'valuation-report-no', '川天健评报字〔2026〕第 0815 号')
  await typeDate(page, 'valuation-base-on', '2026-06-30')
  await page.getByTestId('valuation-method-income').click()
  await fill(page, 'valuation-value', '680,000')
  await typeDate(page, 'valuation-valid-until', '2027-06-29')
  await page.getByTestId('valuation-save').click()
  await page.getByTestId('valuation-error').waitFor()
  assert.equal(await fieldError(page, 'valuation-field-methods'), '至少需要 2 项')

  await page.getByTestId('valuation-method-market').click()
  await page.getByTestId('valuation-save').click()
  await page.getByTestId('valuation-dialog').waitFor({ state: 'hidden' })
  const [row] = await cells(page, 'valuation-table')
  assert.deepEqual(row.slice(0, 7), ['评估报告', '四川天健资产评估有限公司', '川天健评报字〔2026〕第 0815 号', '2026-06-30', '收益法、市场法', '¥680,000.00', '2027-06-29'])

  // A range whose upper end is below the lower one is refused on the upper end.
  await page.getByTestId('valuation-edit-0').click()
  await page.getByTestId('valuation-mode-range').click()
  await fill(page, 'valuation-low', '700000')
  await fill(page, 'valuation-high', '600000')
  await page.getByTestId('valuation-save').click()
  await page.getByTestId('valuation-error').waitFor()
  assert.equal(await fieldError(page, 'valuation-field-high_fen'), '不能低于下限')
  assert.deepEqual(problems, [])
})

test('editing an achievement keeps its numbers and records co-owners and flags', async () => {
  const { page, problems } = await app.open('#/achievements/1')
  await page.getByTestId('achievement-edit').click()
  await page.getByTestId('reg-title-heading').filter({ hasText: '编辑成果' }).waitFor()
  await page.getByTestId('reg-save').waitFor()
  await page.getByTestId('reg-separate-management').click()
  await page.getByTestId('reg-save').click()
  await page.getByTestId('achievement-extras').waitFor()
  await page.getByTestId('achievement-separate-management').filter({ hasText: '是' }).waitFor()
  assert.equal(await page.getByTestId('achievement-co-owners').innerText(), '本单位独有')

  // A new achievement whose shares do not add up is refused with the field named.
  const opened = await app.open('#/achievements/new')
  await opened.page.getByTestId('reg-save').waitFor()
  await fill(opened.page, 'reg-achievement-no', 'CG2026-9002')
  await fill(opened.page, 'reg-title', '测试成果')
  await opened.page.getByTestId('inventor-add').click()
  await pickPerson(opened.page, 0, 'T0003')
  await fill(opened.page, 'inventor-share-0', '80')
  await opened.page.getByTestId('reg-save').click()
  await opened.page.getByTestId('reg-error').waitFor()
  assert.equal(await fieldError(opened.page, 'reg-field-inventors'), '份额合计为 80，应恰好为 100')
  assert.equal(await fieldError(opened.page, 'reg-field-application_no'), '发明专利必须填写')
  assert.deepEqual(problems, [])
  assert.deepEqual(opened.problems, [])
})
