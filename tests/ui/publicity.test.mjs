import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { cells, lastMessage, refusals, refusedLine, start, typeDate } from './harness.mjs'

// The small Rust demo (src-tauri/core/src/demo/deals.rs) at Monday 2026-11-23, with the State
// Council's holiday calendar shipped by the migrations. Periods count as 民法典 Art. 201–203
// (docs/rules/publicity.md): the posting day does not count, the last day is posted + days, moved
// to the next working day when it is a day off. It holds ten price publicities, all of 15 days:
// - three deals not signed yet (`running`), each of one achievement, for Alpen Präzision GmbH
//   (the first organization), price (30 + 20k) × 10,000.00:
//   k = 0 成果 CG20120031: posted today − 5 = Wednesday 11-18 → Thursday 12-03, running, 300,000.00;
//   k = 1 成果 CG20120090: posted today − 12 = Wednesday 11-11 → Thursday 11-26, related party,
//     an objection received 11-17 still pending, 500,000.00;
//   k = 2 成果 CG20120117: posted today − 40 = Wednesday 10-14 → Thursday 10-29, clear, 700,000.00;
// - seven before the agreed-price contracts of 2024–2025, each posted three days after its
//   decision (signing − 40 days) and signed, e.g. 专利实施许可合同定价公示 for 上海天府精密机械有限公司,
//   posted Friday 2024-12-06 → Saturday 12-21 → Monday 12-23, HT2025-015 signed under it;
// and seven collective decisions of 科技成果转化工作领导小组, one per agreed price, the newest
// 2025-07-28 (HT2025-039 signed 2025-09-06 − 40 days).

let app
before(async () => {
  app = await start()
})
after(() => app.stop())

async function openList() {
  const opened = await app.open('#/publicity')
  await opened.page.locator('[data-testid="publicity-table"] .el-table__row').first().waitFor()
  return opened
}

/**
 * The list's row whose title starts so (and, titles repeating across deals, whose counterparty
 * starts so): kind, counterparty, price, posted, days, end, stage, earliest signing, contract.
 */
async function rowCells(page, title, counterparty = '') {
  const found = (await cells(page, 'publicity-table')).filter((r) => r[0].startsWith(title) && r[2].startsWith(counterparty))
  assert.equal(found.length, 1, title)
  return found[0].slice(1)
}

const row = (page, title) => page.locator('[data-testid="publicity-table"] .el-table__row', { hasText: title })
const dialog = (page) => page.getByTestId('publicity-form')
const fieldError = (scope, testid) => scope.getByTestId(testid).locator('.el-form-item__error').innerText()

async function pick(page, testid, text, option) {
  await page.getByTestId(testid).click()
  if (text) await page.getByTestId(testid).locator('input').first().fill(text)
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click()
}

test('the list shows where each publicity stands and offers 签订合同 only when clear and unsigned', async () => {
  const { page, problems } = await openList()
  assert.deepEqual((await rowCells(page, '成果 CG20120031 专利权转让定价公示')).slice(0, 9), [
    '转让', 'Alpen Präzision GmbH', '¥300,000.00', '2026-11-18', '15', '2026-12-03', '公示中', '2026-12-04', '—',
  ])
  assert.deepEqual((await rowCells(page, '成果 CG20120090 专利权转让定价公示')).slice(0, 9), [
    '转让', 'Alpen Präzision GmbH 关联方', '¥500,000.00', '2026-11-11', '15', '2026-11-26', '异议待处理', '2026-11-27', '—',
  ])
  assert.deepEqual((await rowCells(page, '成果 CG20120117 专利权转让定价公示')).slice(4, 9), ['15', '2026-10-29', '可签订', '2026-10-30', '签订合同'])
  assert.deepEqual((await rowCells(page, '专利实施许可合同定价公示', '上海天府精密机械有限公司')).slice(0, 9), [
    '许可', '上海天府精密机械有限公司', '¥140,000.00', '2024-12-06', '15', '2024-12-23', '已签订', '2024-12-24', 'HT2025-015',
  ])
  // Of the ten, seven are signed, one running, one objected: one is clear and unsigned.
  assert.equal(await page.locator('[data-testid^="publicity-sign-"]').count(), 1, 'one button: the clear, unsigned publicity')

  // A signed publicity's terms are evidence: they open read-only, with the contract named.
  await row(page, '上海天府精密机械有限公司').locator('[data-testid^="publicity-edit-"]').click()
  assert.match(await dialog(page).getByTestId('publicity-form-signed').innerText(), /已依此公示签订合同 HT2025-015/)
  assert.equal(await dialog(page).getByTestId('publicity-form-price').isDisabled(), true)
  assert.equal(await dialog(page).getByTestId('publicity-form-days').locator('input').isDisabled(), true)
  assert.deepEqual(problems, [])

  // 签订合同 starts a contract under that publicity.
  await page.keyboard.press('Escape')
  await dialog(page).waitFor({ state: 'hidden' })
  await row(page, '成果 CG20120117').locator('[data-testid^="publicity-sign-"]').click()
  await page.waitForURL(/#\/contracts\/new\?publicity=\d+$/)
  // The form reads that one publicity by id and offers it, with its earliest signing day.
  assert.match(await page.getByTestId('contract-earliest').innerText(), /2026-10-30/)
  assert.equal(await page.getByTestId('contract-amount').inputValue(), '700000.00')
  assert.deepEqual(problems, [])
})

test('a new publicity over National Day ends on 10-08; an objection blocks signing until it is handled', async () => {
  const { page, problems } = await openList()
  await page.getByTestId('publicity-new').click()
  const form = dialog(page)
  await form.waitFor()

  // Nothing filled: every problem at its field, nothing written.
  await form.getByTestId('publicity-form-price').fill('12.345')
  await page.getByTestId('publicity-form-save').click()
  assert.equal(await fieldError(form, 'publicity-form-price-item'), '请填写金额（元），最多两位小数')
  await form.getByTestId('publicity-form-price').fill('800,000')
  assert.equal(await form.getByTestId('publicity-form-price-shown').innerText(), '¥800,000.00')
  await page.getByTestId('publicity-form-save').click()
  await page.getByTestId('publicity-form-error').waitFor()
  assert.equal(await fieldError(form, 'publicity-form-title-item'), '必填项为空')
  assert.equal(await fieldError(form, 'publicity-form-achievements-item'), '必填项为空')
  assert.equal(await fieldError(form, 'publicity-form-counterparty'), '必填项为空')
  assert.equal(await fieldError(form, 'publicity-form-channel-item'), '必填项为空')

  await form.getByTestId('publicity-form-title').fill('一种钠离子电池负极材料专利权转让定价公示')
  await pick(page, 'publicity-form-achievements', 'CG', 'CG')
  // Out of the multiple select (Escape would close the dialog as well).
  await form.getByTestId('publicity-form-title').click()

  // The counterparty is new: created on the spot and chosen.
  await form.getByTestId('organization-create').click()
  await page.getByTestId('organization-name').fill('成都蓉创新能源科技有限公司')
  await page.getByTestId('organization-region').fill('四川省')
  await page.getByTestId('organization-save').click()
  await page.getByTestId('organization-dialog').waitFor({ state: 'hidden' })
  await form.getByTestId('organization-picker').filter({ hasText: '成都蓉创新能源科技有限公司' }).waitFor()

  // Wednesday 09-16 + 15 days = Thursday 10-01, National Day (10-01 … 10-07 rest days in the
  // calendar) → Thursday 10-08. The Mid-Autumn days off (09-25 … 27) inside the period do not count.
  await typeDate(page, 'publicity-form-posted', '2026-09-16')
  assert.equal(await form.getByTestId('publicity-form-days').locator('input').inputValue(), '15', 'the policy in force says 15 days')
  await form.getByTestId('period-end').filter({ hasText: '2026-10-08' }).waitFor()
  assert.equal(await form.getByTestId('period-end').innerText(), '公示期 2026-09-17 至 2026-10-08（星期四）24 时止')
  assert.equal(await form.getByTestId('period-signing').innerText(), '最早可于 2026-10-09 签订合同。')
  await form.getByTestId('publicity-form-channel').fill('学校官网“通知公告”栏目')
  await pick(page, 'publicity-form-resolution', null, '2025-07-28 科技成果转化工作领导小组')
  await page.getByTestId('publicity-form-save').click()
  assert.equal(await lastMessage(page), '定价公示已保存')

  // Over by today (10-08 < 11-23) with no objection: clear, and 签订合同 offered.
  const title = '一种钠离子电池负极材料专利权转让定价公示'
  await row(page, title).waitFor()
  let mine = await rowCells(page, title)
  assert.deepEqual(mine.slice(0, 9), ['转让', '成都蓉创新能源科技有限公司', '¥800,000.00', '2026-09-16', '15', '2026-10-08', '可签订', '2026-10-09', '签订合同'])

  // A pending objection: the stage turns and the button goes.
  await row(page, title).locator('[data-testid^="publicity-edit-"]').click()
  await form.getByTestId('objection-add').click()
  await typeDate(page, 'objection-received-0', '2026-09-20')
  await form.getByTestId('objection-objector-0').fill('材料学院 某教师')
  await form.getByTestId('objection-content-0').fill('拟定价格低于评估值')
  await page.getByTestId('publicity-form-save').click()
  await dialog(page).waitFor({ state: 'hidden' })
  await row(page, title).getByText('异议待处理').waitFor()
  mine = await rowCells(page, title)
  assert.deepEqual(mine.slice(6, 9), ['异议待处理', '2026-10-09', '—'])

  // Rejected: its handling and date are required, then the publicity is clear again.
  await row(page, title).locator('[data-testid^="publicity-edit-"]').click()
  await form.getByTestId('objection-outcome-0').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '不成立' }).click()
  await page.getByTestId('publicity-form-save').click()
  await page.getByTestId('publicity-form-error').waitFor()
  assert.equal(await fieldError(form, 'objection-handling-item-0'), '必填项为空')
  assert.equal(await fieldError(form, 'objection-resolved-0'), '必填项为空')
  await form.getByTestId('objection-handling-0').fill('经复核，价格不低于评估值，异议不成立，已书面答复')
  await typeDate(page, 'objection-resolved-0', '2026-09-25')
  await page.getByTestId('publicity-form-save').click()
  await dialog(page).waitFor({ state: 'hidden' })
  await row(page, title).getByTestId('stage-tag').filter({ hasText: '可签订' }).waitFor()
  assert.equal(await row(page, title).locator('[data-testid^="publicity-sign-"]').count(), 1)
  // Refused by the backend: the empty form, then the rejection without its handling.
  assert.deepEqual(problems, refusals(2))
})

test('a collective decision is refused in the future, then listed and offered to the publicity form', async () => {
  const { page, problems } = await app.open('#/publicity?tab=resolutions')
  await page.locator('[data-testid="resolution-table"] .el-table__row').first().waitFor()
  // One per agreed price of 2024–2025, signing − 40 days, newest first: HT2025-039 (2025-09-06),
  // HT2025-009 (2025-05-03), HT2025-015 (2025-01-12), HT2024-011 (2024-10-11), HT2024-035
  // (2024-07-13), HT2024-029 (2024-06-27), HT2024-005 (2024-02-04).
  assert.deepEqual(
    (await cells(page, 'resolution-table')).map((r) => r.slice(0, 2)),
    [
      ['2025-07-28', '科技成果转化工作领导小组'],
      ['2025-03-24', '科技成果转化工作领导小组'],
      ['2024-12-03', '科技成果转化工作领导小组'],
      ['2024-09-01', '科技成果转化工作领导小组'],
      ['2024-06-03', '科技成果转化工作领导小组'],
      ['2024-05-18', '科技成果转化工作领导小组'],
      ['2023-12-26', '科技成果转化工作领导小组'],
    ],
  )
  await page.getByTestId('resolution-new').click()
  const form = page.getByTestId('resolution-form')
  await typeDate(page, 'resolution-form-meeting', '2026-11-30')
  await form.locator('input[data-testid="resolution-form-body"], [data-testid="resolution-form-body"] input').first().fill('校长办公会')
  await form.getByTestId('resolution-form-subject').fill('关于钠离子电池专利转让定价的议题')
  await page.getByTestId('resolution-form-save').click()
  await page.getByTestId('resolution-form-error').waitFor()
  // 2026-11-30 is a week after today.
  assert.equal(await fieldError(form, 'resolution-form-meeting'), '日期晚于今天')
  assert.equal(await fieldError(form, 'resolution-form-participants-item'), '必填项为空')
  assert.equal(await fieldError(form, 'resolution-form-outcome-item'), '必填项为空')

  await typeDate(page, 'resolution-form-meeting', '2026-11-20')
  await form.getByTestId('resolution-form-participants').fill('校长、分管副校长、科技处处长、财务处处长')
  await form.getByTestId('resolution-form-outcome').fill('同意以 80 万元协议定价转让，公示无异议后签订合同。')
  await page.getByTestId('resolution-form-save').click()
  assert.equal(await lastMessage(page), '集体决策已保存')
  await page.locator('[data-testid="resolution-table"] .el-table__row', { hasText: '2026-11-20' }).waitFor()
  assert.deepEqual((await cells(page, 'resolution-table'))[0].slice(0, 2), ['2026-11-20', '校长办公会'], 'the newest meeting first')

  await page.locator('#tab-publicities').click()
  await page.locator('[data-testid="publicity-table"] .el-table__row').first().waitFor()
  await page.getByTestId('publicity-new').click()
  await page.getByTestId('publicity-form-resolution').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '2026-11-20 校长办公会：关于钠离子电池专利转让定价的议题' }).waitFor()
  assert.deepEqual(problems, refusals(1))
})

test('the publicities and the decisions are searched and paged by the backend', async () => {
  const { page, problems } = await openList()
  // Seven before the agreed-price contracts and three deals not signed yet.
  assert.match(await page.getByTestId('publicity-pagination').innerText(), /共 10 条/)
  // The counterparty of one publicity only (HT2024-011's licensee).
  await page.getByTestId('publicity-search').fill('农业大学')
  await page.getByTestId('publicity-pagination').filter({ hasText: '共 1 条' }).waitFor()
  assert.deepEqual((await cells(page, 'publicity-table')).map((r) => [r[0].slice(0, 12), r[2], r[4]]), [['专利实施许可合同定价公示', '上海农业大学', '2024-09-04']])
  // An achievement number: the three running deals are each of one achievement.
  await page.getByTestId('publicity-search').fill('CG20120090')
  await page.getByTestId('publicity-pagination').filter({ hasText: '共 1 条' }).waitFor()
  await row(page, '成果 CG20120090 专利权转让定价公示').waitFor()
  await page.getByTestId('publicity-search').fill('没有这样的公示')
  await page.getByText('没有符合条件的定价公示').waitFor()
  await page.getByTestId('publicity-search').fill('')
  await page.getByTestId('publicity-pagination').filter({ hasText: '共 10 条' }).waitFor()

  await page.locator('#tab-resolutions').click()
  await page.locator('[data-testid="resolution-table"] .el-table__row').first().waitFor()
  assert.match(await page.getByTestId('resolution-pagination').innerText(), /共 7 条/)
  await page.getByTestId('resolution-search').fill('2024-09')
  await page.getByTestId('resolution-pagination').filter({ hasText: '共 1 条' }).waitFor()
  assert.deepEqual((await cells(page, 'resolution-table')).map((r) => r.slice(0, 2)), [['2024-09-01', '科技成果转化工作领导小组']])
  assert.deepEqual(problems, [])
})
