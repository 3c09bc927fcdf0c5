import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { cells, lastMessage, refusedLine, start, typeDate } from './harness.mjs'

// The small Rust demo (src-tauri/core/src/demo/small.rs, made at 2026-11-23) has no disclosures: the
// list's four (the old fake's PL2026-001 received 2026-08-03, assessed and undecided;
// PL2026-002 received 2026-10-30; PL2026-003 dropped; PL2025-007 kept secret and registered) are
// made through the screens in the first test. Its people are ten a department in the order of
// `DEPARTMENTS` (T0001–T0010 计算机学院, T0011–T0020 机械工程学院, T0021–T0030 材料科学与工程学院…),
// and its scoring sheet is the shipped one, 30/30/20/20 (`SELECT * FROM assessment_criterion`).

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

/**
 * Takes in a disclosure through the list's form (checking the number it suggests first) and
 * waits for its page.
 */
async function intake(page, d) {
  await page.getByTestId('disclosure-new').click()
  await page.getByTestId('disclosure-form').waitFor()
  await page.waitForFunction((no) => document.querySelector('input[data-testid="dis-no"]')?.value === no, d.suggested)
  if (d.no !== d.suggested) await fill(page, 'dis-no', d.no)
  await fill(page, 'dis-title', d.title)
  await choose(page, 'dis-department', d.department)
  if (d.intended) await choose(page, 'dis-intended', d.intended)
  await page.getByTestId(`dis-funding-${d.funding}`).click()
  if (d.fiscal) await fill(page, 'dis-fiscal-project', d.fiscal)
  await fill(page, 'dis-description', d.description)
  await typeDate(page, 'dis-received-on', d.received)
  for (const [i, [employeeId, share]] of d.inventors.entries()) {
    await page.getByTestId('inventor-add').click()
    await pickPerson(page, i, employeeId)
    await fill(page, `inventor-share-${i}`, share)
  }
  await page.getByTestId('dis-save').click()
  await page.getByTestId('disclosure-title').filter({ hasText: d.no }).waitFor()
}

/** Records a decision on the disclosure's page and waits for the status it leads to. */
async function decide(page, decision, date, note, status) {
  await page.getByTestId('disclosure-decide').click()
  await page.getByTestId('decision-dialog').waitFor()
  await page.getByTestId(`decision-${decision}`).click()
  await typeDate(page, 'decision-date', date)
  if (note) await fill(page, 'decision-note', note)
  await page.getByTestId('decision-confirm').click()
  await page.getByTestId('disclosure-status').filter({ hasText: status }).waitFor()
}

/** Back to the list by the menu. */
async function toList(page) {
  await page.getByTestId('nav-disclosures').click()
  await page.locator('[data-testid="disclosure-table"] .el-table__row').first().waitFor()
}

test('the list shows every disclosure with its status and flags the one undecided for 112 days', async () => {
  const { page, problems } = await app.open('#/disclosures')
  // The demo has none: the list is empty and offers the intake.
  await page.getByTestId('disclosure-table').getByText('还没有成果披露').waitFor()
  assert.equal(await page.getByTestId('nav-disclosures').innerText(), '成果披露')

  // The suggested number is the year's highest + 1 (PL2026-001, -002, -003), a 2025 number not
  // counting for 2026 (so PL2026-004 is suggested before PL2025-007 is typed over it).
  await intake(page, {
    suggested: 'PL2026-001',
    no: 'PL2026-001',
    title: '一种钠离子电池硬碳负极材料',
    department: '材料科学与工程学院',
    funding: 'fiscal',
    fiscal: '国家重点研发计划 2024YFB001',
    description: '以生物质为前驱体，两步碳化得到硬碳负极，首次库伦效率 90% 以上。',
    received: '2026-08-03',
    inventors: [
      ['T0021', '70'],
      ['T0022', '30'],
    ],
  })
  await page.getByTestId('disclosure-assess').click()
  await page.getByTestId('assessment-dialog').waitFor()
  await typeDate(page, 'assessment-date', '2026-09-10')
  await fill(page, 'assessment-reviewer', '校知识产权评估小组')
  for (const [i, score] of [85, 78, 91, 66].entries()) {
    await fill(page, `assessment-score-${i}`, String(score))
    await box(page, `assessment-score-${i}`).press('Tab')
  }
  await page.getByTestId('assessment-save').click()
  await page.getByTestId('disclosure-status').filter({ hasText: '已评估' }).waitFor()
  // Undecided since 2026-08-03: 28 days of August + 30 + 31 + 23 = 112 > 60.
  assert.equal(await page.getByTestId('disclosure-age').innerText(), '112 天')
  await page.getByTestId('disclosure-overdue-hint').waitFor()

  await toList(page)
  await intake(page, {
    suggested: 'PL2026-002',
    no: 'PL2026-002',
    title: '基于知识图谱的专利检索方法',
    department: '计算机学院',
    funding: 'enterprise',
    description: '将专利文本构建为知识图谱，按技术特征检索相似专利。',
    received: '2026-10-30',
    inventors: [['T0001', '100']],
  })

  await toList(page)
  await intake(page, {
    suggested: 'PL2026-003',
    no: 'PL2026-003',
    title: '面向边缘计算的任务卸载方法',
    department: '计算机学院',
    funding: 'own',
    description: '按时延和能耗选择卸载节点。',
    received: '2026-06-15',
    inventors: [
      ['T0002', '50'],
      ['T0003', '50'],
    ],
  })
  await decide(page, 'drop', '2026-07-20', '已有相同公开文献，新颖性不足', '已放弃')

  await toList(page)
  await intake(page, {
    suggested: 'PL2026-004',
    no: 'PL2025-007',
    title: '铝合金焊接关键工艺',
    department: '机械工程学院',
    intended: '技术秘密',
    funding: 'fiscal',
    fiscal: '四川省科技计划 2025ZDZX0012',
    description: '焊接参数窗口与热处理制度。',
    received: '2025-11-20',
    inventors: [['T0011', '100']],
  })
  await decide(page, 'keep_secret', '2026-01-10', '', '已决定')
  // Kept secret: registered as know-how, in force from the decision (no number to file).
  await page.getByTestId('disclosure-convert').click()
  await page.getByTestId('reg-from-disclosure').waitFor()
  await fill(page, 'reg-achievement-no', 'CG20260301')
  await page.getByTestId('reg-save').click()
  await page.getByTestId('achievement-title').filter({ hasText: '铝合金焊接关键工艺' }).waitFor()
  assert.match(await page.getByTestId('achievement-fields').innerText(), /技术秘密/)

  await toList(page)
  const rows = await cells(page, 'disclosure-table')
  // Columns: 编号, 名称, 单位, 完成人, 受理日期, 拟保护方式, 状态, 处理决定, 时长, 评估, 成果.
  assert.deepEqual(
    rows.map((r) => [r[0], r[4], r[6], r[9], r[10]]),
    [
      ['PL2026-002', '2026-10-30', '已受理', '0', '0'],
      ['PL2026-001', '2026-08-03', '已评估', '1', '0'],
      ['PL2026-003', '2026-06-15', '已放弃', '0', '0'],
      ['PL2025-007', '2025-11-20', '已形成成果', '0', '1'],
    ],
    'newest receipt first, each with its status',
  )
  // 2026-10-30 → 2026-11-23: 1 + 23 = 24 days, within the 60.
  assert.match(rows[0][8], /^24 天$/)
  // 2026-08-03 → 2026-11-23 is 112 days, over the 60 allowed; the dropped one stopped at its
  // decision (06-15 → 07-20: 15 + 20 = 35 days), the kept secret too (2025-11-20 → 2026-01-10:
  // 10 + 31 + 10 = 51 days).
  assert.match(rows[1][8], /^112 天/)
  assert.equal(await page.getByTestId('disclosure-overdue').count(), 1)
  assert.match(rows[2][8], /^35 天$/)
  assert.match(rows[3][8], /^51 天$/)
  assert.match(rows[2][7], /^放弃\s*2026-07-20$/)
  assert.match(rows[3][7], /^作为技术秘密\s*2026-01-10$/)

  await choose(page, 'disclosure-filter-status', '已放弃')
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="disclosure-table"] .el-table__body tr.el-table__row').length === 1)
  assert.equal((await cells(page, 'disclosure-table'))[0][0], 'PL2026-003')
  assert.deepEqual(problems, [])
})

test('a disclosure goes from intake through assessment and decision to an achievement, linked both ways', async () => {
  const { page, problems } = await app.open('#/disclosures')
  await page.getByTestId('disclosure-table').getByText('还没有成果披露').waitFor()

  // Intake: the next number of the year is suggested — the demo has no disclosure, so PL2026-001.
  await page.getByTestId('disclosure-new').click()
  await page.getByTestId('disclosure-form').waitFor()
  await page.waitForFunction(() => document.querySelector('input[data-testid="dis-no"]')?.value === 'PL2026-001')
  await fill(page, 'dis-title', '一种耐高温陶瓷基复合材料')
  await choose(page, 'dis-department', '材料科学与工程学院')
  await fill(page, 'dis-fiscal-project', '国家自然科学基金 52272001')
  await fill(page, 'dis-description', '以碳化硅纤维增强，1400 ℃ 下强度保持 85%。')
  await typeDate(page, 'dis-received-on', '2026-11-02')
  await page.getByTestId('inventor-add').click()
  // T0021 朱芳 and T0025 宋敏 are in 材料科学与工程学院 (the demo's third ten).
  await pickPerson(page, 0, 'T0021')
  await page.getByTestId('inventor-add').click()
  await pickPerson(page, 1, 'T0025')
  await fill(page, 'inventor-share-0', '60')
  await fill(page, 'inventor-share-1', '30')
  assert.equal(await page.getByTestId('inventor-sum').innerText(), '份额合计 90%（应恰好为 100%）')

  // 60 + 30 = 90%: refused, with the inventors' field named.
  await page.getByTestId('dis-save').click()
  await page.getByTestId('dis-error').waitFor()
  assert.equal(await fieldError(page, 'dis-field-inventors'), '份额合计为 90，应恰好为 100')
  await fill(page, 'inventor-share-1', '40')
  await page.getByTestId('dis-save').click()

  await page.getByTestId('disclosure-title').filter({ hasText: 'PL2026-001' }).waitFor()
  assert.equal(await page.getByTestId('disclosure-status').innerText(), '已受理')
  assert.deepEqual(
    (await cells(page, 'disclosure-inventors')).map((r) => r.slice(0, 4)),
    [
      ['T0021', '朱芳', '材料科学与工程学院', '60%'],
      ['T0025', '宋敏', '材料科学与工程学院', '40%'],
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
  // The demo numbers CG{year}{n:04} with n up to 300: the next is 301.
  await fill(page, 'reg-achievement-no', 'CG20260301')
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
  assert.equal(await lastMessage(page), '成果 CG20260301 已保存')
  assert.match(await page.getByTestId('achievement-fields').innerText(), /202310987654\.7/)
  const link = page.getByTestId('achievement-disclosure')
  assert.equal((await link.innerText()).trim(), 'PL2026-001 一种耐高温陶瓷基复合材料')
  // … and the disclosure lists the achievement.
  await link.click()
  await page.getByTestId('disclosure-status').filter({ hasText: '已形成成果' }).waitFor()
  assert.deepEqual(
    (await cells(page, 'disclosure-achievements')).map((r) => r.slice(0, 3)),
    [['CG20260301', '一种耐高温陶瓷基复合材料', '发明专利']],
  )
  assert.equal(await page.getByTestId('disclosure-decide').count(), 0, 'the decision is final once an achievement came from it')
  await page.screenshot({ path: '/tmp/ui-disclosure.png', fullPage: true })
  // Two saves were refused (the shares, the check digit), each shown at its field.
  assert.deepEqual(problems, [refusedLine(), refusedLine()])
})

test('a valuation is added on the achievement page; an appraisal needs two methods', async () => {
  // Achievement 1 is the demo's first drawn, CG20130001 (an invention in force), with no valuation.
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
  // The message names the lower end as typed: 700000 → 700,000.00.
  assert.equal(await fieldError(page, 'valuation-field-high_fen'), '不能低于下限 700,000.00')
  // Both refusals came from the core (one method for an appraisal, the range), each at its field.
  assert.deepEqual(problems, [refusedLine(), refusedLine()])
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
  // Its numbers are kept: `SELECT achievement_no, application_no, grant_no FROM achievement WHERE id = 1`.
  const fields = await page.getByTestId('achievement-fields').innerText()
  for (const number of ['CG20130001', '201310100783.6', 'ZL201310100783.6']) assert.ok(fields.includes(number), number)

  // A new achievement whose shares do not add up is refused with the field named.
  const opened = await app.open('#/achievements/new')
  await opened.page.getByTestId('reg-save').waitFor()
  await fill(opened.page, 'reg-achievement-no', 'CG20260301')
  await fill(opened.page, 'reg-title', '测试成果')
  await opened.page.getByTestId('inventor-add').click()
  await pickPerson(opened.page, 0, 'T0003')
  await fill(opened.page, 'inventor-share-0', '80')
  await opened.page.getByTestId('reg-save').click()
  await opened.page.getByTestId('reg-error').waitFor()
  assert.equal(await fieldError(opened.page, 'reg-field-inventors'), '份额合计为 80，应恰好为 100')
  assert.equal(await fieldError(opened.page, 'reg-field-application_no'), '发明专利必须填写')
  assert.deepEqual(problems, [])
  assert.deepEqual(opened.problems, [refusedLine()])
})
