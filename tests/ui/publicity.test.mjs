import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { cells, lastMessage, start, typeDate } from './harness.mjs'

// The fake backend (ui/src/api/fake-deals.ts) is at 2026-11-23 with the State Council's holiday
// calendar and holds four price publicities:
// - 智能巡检机器人…作价投资: posted Monday 11-16 for 20 days → Sunday 12-06 → Monday 12-07, running;
// - 边缘计算网关…许可: posted 10-26 for 15 days → Tuesday 11-10, an objection pending;
// - 锂电池正极材料…转让: posted Friday 10-09 for 15 days → Saturday 10-24 → Monday 10-26, its
//   objection rejected: clear, no contract yet;
// - 一种高导热复合材料…许可: posted 07-20 for 15 days → 08-04, HT2026-104 signed under it;
// and three collective decisions (2026-03-12, 2026-07-10, 2026-09-28).

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

/** The list's row whose title starts so: kind, counterparty, price, posted, days, end, stage, earliest signing, contract. */
async function rowCells(page, title) {
  const found = (await cells(page, 'publicity-table')).filter((r) => r[0].startsWith(title))
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
  assert.deepEqual((await rowCells(page, '智能巡检机器人技术作价投资定价公示')).slice(0, 9), [
    '作价投资', '成都天府智能科技有限公司 关联方', '¥5,000,000.00', '2026-11-16', '20', '2026-12-07', '公示中', '2026-12-08', '—',
  ])
  assert.deepEqual((await rowCells(page, '边缘计算网关技术专利实施许可定价公示')).slice(5, 9), ['2026-11-10', '异议待处理', '2026-11-11', '—'])
  assert.deepEqual((await rowCells(page, '锂电池正极材料专利权转让定价公示')).slice(5, 9), ['2026-10-26', '可签订', '2026-10-27', '签订合同'])
  assert.deepEqual((await rowCells(page, '一种高导热复合材料专利实施许可定价公示')).slice(5, 9), ['2026-08-04', '已签订', '2026-08-05', 'HT2026-104'])
  assert.equal(await page.locator('[data-testid^="publicity-sign-"]').count(), 1, 'one button: the clear, unsigned publicity')

  // A signed publicity's terms are evidence: they open read-only, with the contract named.
  await row(page, '一种高导热复合材料').locator('[data-testid^="publicity-edit-"]').click()
  assert.match(await dialog(page).getByTestId('publicity-form-signed').innerText(), /已依此公示签订合同 HT2026-104/)
  assert.equal(await dialog(page).getByTestId('publicity-form-price').isDisabled(), true)
  assert.equal(await dialog(page).getByTestId('publicity-form-days').locator('input').isDisabled(), true)
  await page.screenshot({ path: '/tmp/ui-publicity-signed.png' })
  assert.deepEqual(problems, [])

  // 签订合同 starts a contract under that publicity.
  await page.keyboard.press('Escape')
  await dialog(page).waitFor({ state: 'hidden' })
  await row(page, '锂电池正极材料').locator('[data-testid^="publicity-sign-"]').click()
  await page.waitForURL(/#\/contracts\/new\?publicity=\d+$/)
  // The form reads that one publicity by id and offers it, with its earliest signing day.
  assert.match(await page.getByTestId('contract-earliest').innerText(), /2026-10-27/)
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

  // Wednesday 09-16 + 15 days = Thursday 10-01, National Day (10-01 … 10-07) → Thursday 10-08.
  await typeDate(page, 'publicity-form-posted', '2026-09-16')
  assert.equal(await form.getByTestId('publicity-form-days').locator('input').inputValue(), '15', 'the policy in force says 15 days')
  await form.getByTestId('period-end').filter({ hasText: '2026-10-08' }).waitFor()
  assert.equal(await form.getByTestId('period-end').innerText(), '公示期 2026-09-17 至 2026-10-08（星期四）24 时止')
  assert.equal(await form.getByTestId('period-signing').innerText(), '最早可于 2026-10-09 签订合同。')
  await form.getByTestId('publicity-form-channel').fill('学校官网“通知公告”栏目')
  await pick(page, 'publicity-form-resolution', null, '2026-09-28 校长办公会')
  await page.screenshot({ path: '/tmp/ui-publicity-form.png' })
  await page.getByTestId('publicity-form-save').click()
  assert.equal(await lastMessage(page), '定价公示已保存')

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
  assert.deepEqual(problems, [])
})

test('a collective decision is refused in the future, then listed and offered to the publicity form', async () => {
  const { page, problems } = await app.open('#/publicity?tab=resolutions')
  await page.locator('[data-testid="resolution-table"] .el-table__row').first().waitFor()
  assert.deepEqual(
    (await cells(page, 'resolution-table')).map((r) => r.slice(0, 2)),
    [
      ['2026-09-28', '校长办公会'],
      ['2026-07-10', '成果转化工作领导小组'],
      ['2026-03-12', '校长办公会'],
    ],
  )
  await page.getByTestId('resolution-new').click()
  const form = page.getByTestId('resolution-form')
  await typeDate(page, 'resolution-form-meeting', '2026-11-30')
  await form.locator('input[data-testid="resolution-form-body"], [data-testid="resolution-form-body"] input').first().fill('校长办公会')
  await form.getByTestId('resolution-form-subject').fill('关于钠离子电池专利转让定价的议题')
  await page.getByTestId('resolution-form-save').click()
  await page.getByTestId('resolution-form-error').waitFor()
  assert.equal(await fieldError(form, 'resolution-form-meeting'), '日期晚于今天')
  assert.equal(await fieldError(form, 'resolution-form-participants-item'), '必填项为空')
  assert.equal(await fieldError(form, 'resolution-form-outcome-item'), '必填项为空')

  await typeDate(page, 'resolution-form-meeting', '2026-11-20')
  await form.getByTestId('resolution-form-participants').fill('校长、分管副校长、科技处处长、财务处处长')
  await form.getByTestId('resolution-form-outcome').fill('同意以 80 万元协议定价转让，公示无异议后签订合同。')
  await page.getByTestId('resolution-form-save').click()
  assert.equal(await lastMessage(page), '集体决策已保存')
  await page.locator('[data-testid="resolution-table"] .el-table__row', { hasText: '2026-11-20' }).waitFor()

  await page.locator('#tab-publicities').click()
  await page.locator('[data-testid="publicity-table"] .el-table__row').first().waitFor()
  await page.getByTestId('publicity-new').click()
  await page.getByTestId('publicity-form-resolution').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '2026-11-20 校长办公会：关于钠离子电池专利转让定价的议题' }).waitFor()
  assert.deepEqual(problems, [])
})

test('the publicities and the decisions are searched and paged by the backend', async () => {
  const { page, problems } = await openList()
  assert.match(await page.getByTestId('publicity-pagination').innerText(), /共 4 条/)
  // The counterparty of one publicity only.
  await page.getByTestId('publicity-search').fill('锂宝')
  await page.getByTestId('publicity-pagination').filter({ hasText: '共 1 条' }).waitFor()
  assert.deepEqual((await cells(page, 'publicity-table')).map((r) => r[0].slice(0, 9)), ['锂电池正极材料专利'])
  await page.getByTestId('publicity-search').fill('没有这样的公示')
  await page.getByText('没有符合条件的定价公示').waitFor()
  await page.getByTestId('publicity-search').fill('')
  await page.getByTestId('publicity-pagination').filter({ hasText: '共 4 条' }).waitFor()

  await page.locator('#tab-resolutions').click()
  await page.locator('[data-testid="resolution-table"] .el-table__row').first().waitFor()
  await page.getByTestId('resolution-search').fill('2026-07')
  await page.getByTestId('resolution-pagination').filter({ hasText: '共 1 条' }).waitFor()
  assert.deepEqual((await cells(page, 'resolution-table')).map((r) => r.slice(0, 2)), [['2026-07-10', '成果转化工作领导小组']])
  assert.deepEqual(problems, [])
})
