import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { lastMessage, start } from './harness.mjs'

// The fake backend is at 2026-11-23. Its fees, by hand (see fees.test.mjs): five fees fall due
// within 30 days; CG2020-0266 is in its grace period, 300.00 + a 25% surcharge of 2,000.00 = 800.00.

let app
before(async () => {
  app = await start()
})
after(() => app.stop())

async function openDashboard() {
  const opened = await app.open('#/')
  await opened.page.getByTestId('dashboard-report').waitFor()
  return opened
}

test('the start screen lists the deadlines and each opens its filtered list', async () => {
  const { page, problems } = await openDashboard()
  assert.match(page.url(), /#\/dashboard$/, 'the app starts on the dashboard')
  const due30 = page.getByTestId('deadline-fees_due30')
  assert.match(await due30.innerText(), /30 天内到期的年费\s*5/)
  const grace = page.getByTestId('deadline-fees_in_grace')
  assert.match(await grace.innerText(), /¥800\.00/)
  assert.match(await grace.innerText(), /CG2020-0266/)
  // The annual report for 2025 is due 2026-03-31: long past on 2026-11-23 unless filed.
  assert.match(await page.getByTestId('dashboard-report').innerText(), /2025 年度成果转化报告截止\s*2026-03-31/)

  await page.getByTestId('deadline-fees_due30-list').click()
  await page.waitForURL(/#\/fees\?tab=due30/)
  await page.locator('[data-testid="fees-table"] .el-table__row').first().waitFor()
  assert.equal(await page.locator('[data-testid="fees-table"] .el-table__row').count(), 5)

  // An item opens its record.
  await page.goBack()
  await page.getByTestId('deadline-fees_in_grace').getByText('CG2020-0266').click()
  await page.waitForURL(/#\/achievements\/\d+$/)
  await page.getByTestId('achievement-title').waitFor()
  assert.deepEqual(problems, [])
})

test('this year against last year, and the charts open the lists they count', async () => {
  const { page, problems } = await openDashboard()
  const contracts = page.getByTestId('dashboard-figure-contracts')
  assert.match(await contracts.innerText(), /今年签订合同（项）\s*\d+/)
  assert.match(await contracts.innerText(), /去年同期/)
  await contracts.click()
  await page.waitForURL(/#\/contracts\?year=2026/)
  await page.goBack()

  // The portfolio chart, kinds down the side (the fake holds all eight), invention patents on
  // top: its first segment (pending, 34 of 120) starts at the grid's left edge (120 px).
  const chart = page.getByTestId('chart-portfolio')
  await chart.locator('canvas').waitFor()
  await chart.scrollIntoViewIfNeeded()
  const box = await chart.boundingBox()
  const row = (box.height - 8 - 40) / 8
  await page.mouse.click(box.x + 120 + 20, box.y + 8 + row / 2)
  await page.waitForURL(/#\/achievements\?.*kind=invention_patent/)
  assert.match(page.url(), /status=\w+/)
  await page.getByTestId('portfolio-pagination').waitFor()
  assert.deepEqual(problems, [])
})

test('Ctrl+K searches everything; numbers in any format; Enter opens the record', async () => {
  const { page, problems } = await openDashboard()
  await page.keyboard.press('Control+k')
  const input = page.getByTestId('search-input')
  await input.waitFor()
  await input.fill('cg2016 0280')
  await page.getByTestId('search-group-achievement').waitFor()
  const label = await page.getByTestId('search-hit').first().locator('.label').innerText()
  await input.press('Enter')
  await page.waitForURL(/#\/achievements\/\d+$/)
  assert.equal(await page.getByTestId('achievement-title').innerText(), label)

  await page.keyboard.press('Control+k')
  await input.fill('没有这种东西')
  await page.getByTestId('search-results').getByText('没有找到“没有这种东西”').waitFor()
  await page.keyboard.press('Escape')
  assert.deepEqual(problems, [])
})

test('the institution profile is saved, with field problems in place, and renames the header', async () => {
  const { page, problems } = await app.open('#/settings?tab=profile')
  await page.getByTestId('profile-form').waitFor()
  assert.equal(await page.getByTestId('profile-competent').inputValue(), '四川省教育厅')
  await page.getByTestId('profile-code').fill('1'.repeat(41))
  await page.getByTestId('profile-save').click()
  await page.getByText('不能超过 40 个字符').waitFor()
  await page.getByTestId('profile-code').fill('12510000450719123X')
  await page.getByTestId('profile-name').fill('西南理工大学（新校名）')
  await page.getByTestId('profile-save').click()
  assert.equal(await lastMessage(page), '单位信息已保存')
  await page.getByTestId('institution').getByText('西南理工大学（新校名）').waitFor()
  assert.deepEqual(problems, [])
})

test('the whole app switches to English without a restart', async () => {
  const { page, problems } = await openDashboard()
  await page.getByTestId('lang-en').click()
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor()
  assert.match(await page.getByTestId('deadline-fees_due30').innerText(), /Annual fees due within 30 days/)
  await page.getByTestId('lang-zh-CN').click()
  await page.getByRole('heading', { name: '工作台' }).waitFor()
  assert.deepEqual(problems, [])
})
