import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { cells, lastMessage, start, typeDate } from './harness.mjs'

// The fake backend (ui/src/api/fake-annual.ts) computes the report from the fake portfolio at
// 2026-11-23, so the screen opens on 2025: 13 transfer/license/equity contracts of 31,520,000.00
// (3152.0000 万元), license receipts 9,899,000.00, 5 technical contracts (3 services), 15
// achievements granted; JS2025-003 was received before it was signed (the error that blocks filing).

let app
before(async () => {
  app = await start()
})
after(() => app.stop())

const text = (page, testid) => page.getByTestId(testid).first().innerText()
/** Element Plus puts a textarea's test id on the textarea itself. */
const area = (page, testid) => page.locator(`textarea[data-testid="${testid}"], [data-testid="${testid}"] textarea`).first()

async function openAnnual() {
  const opened = await app.open('#/achievements')
  await opened.page.getByTestId('nav-annual').click()
  await opened.page.getByTestId('figure-transformation.total.count').waitFor()
  return opened
}

test('the report of last year shows the figures of the fake and the records behind one', async () => {
  const { page, problems } = await openAnnual()
  assert.match(await text(page, 'annual-year'), /2025/)
  assert.equal(await text(page, 'figure-transformation.total.count'), '13')
  assert.equal(await text(page, 'figure-transformation.total.contract_amount_fen'), '3152.0000')
  assert.equal(await text(page, 'figure-transformation.license.received_fen'), '989.9000')
  assert.equal(await page.getByTestId('figure-transformation.license.received_fen').getAttribute('title'), '¥9,899,000.00（点击查看明细）')
  assert.equal(await text(page, 'figure-technical.service.count'), '3')
  assert.equal(await text(page, 'figure-achievements.granted.total'), '15')
  assert.match(await text(page, 'annual-due'), /2026-03-31[\s\S]*已逾期 237 天/)
  assert.match(await text(page, 'annual-findings'), /错误[\s\S]*JS2025-003/)

  await page.getByTestId('figure-technical.service.count').click()
  const drawer = page.getByTestId('records-drawer')
  await drawer.getByText('JS2025-005').waitFor()
  assert.match(await drawer.innerText(), /技术服务合同项数：明细记录/)
  const rows = await cells(page, 'records-table')
  assert.deepEqual(rows.map((r) => r[0].replace(/^合同\s*/, '')), ['JS2025-002', 'JS2025-003', 'JS2025-005'])
  await page.keyboard.press('Escape')
  await drawer.getByText('JS2025-005').waitFor({ state: 'hidden' })

  // An achievement in the drawer opens its page.
  await page.getByTestId('figure-achievements.granted.total').click()
  const first = drawer.locator('[data-testid^="record-achievement-"]').first()
  await first.waitFor()
  const id = (await first.getAttribute('data-testid')).replace('record-achievement-', '')
  await first.click()
  await page.waitForURL(new RegExp(`#/achievements/${id}$`))

  // A finding's indicator scrolls to and highlights its figure.
  await page.goBack()
  await page.getByTestId('ref-indicator-income.received_fen').click()
  await page.locator('[data-testid="figure-income.received_fen"].highlighted').waitFor()
  await page.screenshot({ path: '/tmp/ui-annual.png' })
  await page.getByTestId('annual-charts').scrollIntoViewIfNeeded()
  await page.waitForTimeout(600)
  await page.screenshot({ path: '/tmp/ui-annual-charts.png' })
  assert.deepEqual(problems, [])
})

test('the department switch restricts the figures', async () => {
  const { page, problems } = await openAnnual()
  await page.getByTestId('annual-department').click()
  await page.getByTestId('annual-department-计算机学院').click()
  await page.getByTestId('figure-transformation.total.count').filter({ hasNotText: /^13$/ }).waitFor()
  assert.notEqual(await text(page, 'figure-achievements.granted.total'), '15')
  assert.equal(await text(page, 'figure-technical.service.count'), '0')
  assert.deepEqual(problems, [])
})

test('narrative saved; a due date inside the year refused; filing refused without a reason, then filed and frozen', async () => {
  const { page, problems } = await openAnnual()
  await area(page, 'annual-narrative-0').fill('本年度学校成果转化工作稳步推进。')

  await typeDate(page, 'annual-due-edit', '2025-12-20')
  await page.getByTestId('annual-save').click()
  await page.locator('.el-form-item__error').filter({ hasText: '截止日期应晚于 2025-12-31' }).waitFor()

  await typeDate(page, 'annual-due-edit', '2026-04-15')
  await page.getByTestId('annual-save').click()
  assert.equal(await lastMessage(page), '2025 年度报告内容已保存')
  await page.getByTestId('annual-countdown').filter({ hasText: '已逾期 222 天' }).waitFor()

  await page.getByTestId('annual-file').click()
  await page.getByTestId('annual-file-confirm').click()
  assert.match(await text(page, 'annual-file-error'), /JS2025-003/)
  await area(page, 'annual-file-reason').fill('经主管部门确认，按现有数据报送')
  await page.getByTestId('annual-file-confirm').click()
  await page.getByTestId('annual-filed').waitFor()
  assert.match(await text(page, 'annual-filed'), /已报送/)
  assert.equal(await area(page, 'annual-narrative-0').getAttribute('readonly'), '')
  assert.equal(await area(page, 'annual-narrative-0').inputValue(), '本年度学校成果转化工作稳步推进。')
  assert.equal(await page.getByTestId('annual-save').isDisabled(), true)

  // The late receipt booked after filing shows as a change.
  const changes = await cells(page, 'annual-changes-table')
  assert.deepEqual(changes.find((r) => r[0] === '当年到账总额（六类合同）'), ['当年到账总额（六类合同）', '1576.8000', '1578.8000', '+2.0000 万元'])

  // An export cancelled half-way says so and lists no files.
  await page.getByTestId('annual-export').click()
  await page.getByTestId('annual-export-progress-step').filter({ hasText: /写出 XLSX（1\/3）/ }).waitFor()
  await page.getByTestId('annual-export-progress-cancel').click()
  await page.locator('.el-message--error').filter({ hasText: '已取消，未写入任何内容' }).waitFor()
  await page.getByTestId('annual-export-progress').waitFor({ state: 'detached' })
  assert.equal(await page.getByTestId('annual-export-paths').count(), 0)

  await page.getByTestId('annual-export').click()
  // The bar names the step under way: figures, XLSX or PDF, of three.
  await page.getByTestId('annual-export-progress-step').filter({ hasText: /(计算指标与清单|写出 XLSX|排版 PDF)（[012]\/3）/ }).waitFor()
  await page.getByTestId('annual-export-paths').waitFor()
  assert.match(await text(page, 'annual-export-paths'), /2025年度科技成果转化年度报告\.xlsx[\s\S]*\.pdf/)
  await page.screenshot({ path: '/tmp/ui-annual-filed.png', fullPage: true })
  assert.deepEqual(problems, [])
})
