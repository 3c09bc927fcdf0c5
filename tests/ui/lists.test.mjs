import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { cli, download, lastMessage, refusedLine, start, total, zipEntry } from './harness.mjs'

// Lists and batches on the small Rust demo (src-tauri/core/src/demo/small.rs, made at
// 2026-11-23): 导出 Excel of a filtered list (every page), batch fee payment, the finance sheets of
// several distributions, a record's print view and the import template.
//
// The generator's `kinds` table: 150 invention + 60 utility + 15 design + 45 software + 8 IC
// layout + 7 plant variety + 10 know-how + 5 other = 300 achievements.
const INVENTIONS = 150

let app
before(async () => {
  app = await start()
})
after(() => app.stop())

/** The data rows of the first sheet of a list export: the rows below the header (row 4). */
function sheetRows(file) {
  const sheet = zipEntry(file, 'xl/worksheets/sheet1.xml')
  return [...sheet.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1])).filter((r) => r > 4)
}

test('导出 Excel writes every page of the list as filtered', async () => {
  const { page, problems, server } = await app.open('#/achievements?kind=invention_patent')
  await page.locator('[data-testid="achievement-table"] .el-table-v2__row').first().waitFor()
  assert.equal(await total(page), INVENTIONS)
  const file = await download(page, server.dir, () => page.getByTestId('portfolio-export').click())
  assert.equal(file.name, '成果台账-2026-11-23.xlsx')
  assert.equal(await lastMessage(page), `已导出 ${INVENTIONS} 行到 成果台账-2026-11-23.xlsx`)
  // 150 rows although the screen shows 50 a page.
  assert.equal(sheetRows(file.path).length, INVENTIONS)
  const strings = zipEntry(file.path, 'xl/sharedStrings.xml')
  assert.match(strings, /筛选：成果类型：发明专利/)
  assert.ok(!strings.includes('实用新型专利') && !strings.includes('外观设计专利'), 'only inventions')
  assert.deepEqual(problems, [])
})

/** Ticks the 批量缴费 box of the fee row of `no`. */
async function tick(page, no) {
  await page.locator('[data-testid="fees-table"] .el-table__body tr', { hasText: no }).locator('.el-checkbox').click()
}

test('批量缴费 pays the ticked fees as due, or none of them with the fee that cannot be paid named', async () => {
  const { page, problems, server } = await app.open('#/fees?tab=grace')
  await page.getByTestId('fee-pay-CG20190208').waitFor()
  // In grace on 2026-11-23 (tests/ui/fees.test.mjs, by hand): CG20190208 year 8 420.00 (180.00 +
  // 20% of 1,200.00), CG20180012 year 9 600.00 and CG20200136 year 7 600.00 (300.00 + 15% of
  // 2,000.00), CG20190134 500.00, CG20200222 240.00 — 2,360.00 in all.
  assert.equal(await page.getByTestId('fees-batch-pay').isDisabled(), true, 'nothing ticked, nothing to pay')
  await tick(page, 'CG20190208')
  await tick(page, 'CG20200136')
  assert.equal(await page.getByTestId('fees-batch-pay').innerText(), '批量缴费（2）')
  await page.getByTestId('fees-batch-pay').click()
  const dialog = page.getByTestId('fee-batch-dialog')
  await dialog.waitFor()
  // 420.00 + 600.00.
  assert.equal(await page.getByTestId('fee-batch-listed-total').innerText(), '¥1,020.00')

  // Meanwhile someone else records CG20190208's year 8: the batch is refused naming it, and
  // CG20200136 is not paid either.
  const other = cli(server.db, 'fees', 'pay', 'CG20190208', '--year', '8', '--paid-on', '2026-11-23', '--amount', '420')
  assert.equal(other.fees_paid_through, 8)
  await page.getByTestId('fee-batch-voucher').fill('PJ-2026-1123')
  await page.getByTestId('fee-batch-confirm').click()
  const refusal = await page.getByTestId('fee-batch-error').innerText()
  assert.ok(refusal.includes('CG20190208') && refusal.includes('已缴纳'), refusal)
  await dialog.getByRole('button', { name: '取消' }).click()
  await page.reload()
  await page.getByTestId('fee-pay-CG20200136').waitFor()
  // 2,360.00 − 420.00 (paid by the other person) = 1,940.00; CG20200136 still unpaid.
  await page.getByTestId('fees-sum').filter({ hasText: '共 4 项，按 2026-11-23 缴纳合计 ¥1,940.00' }).waitFor()

  // Two payable fees: 600.00 + 600.00, one voucher, and both leave the list.
  await tick(page, 'CG20200136')
  await tick(page, 'CG20180012')
  await page.getByTestId('fees-batch-pay').click()
  await page.getByTestId('fee-batch-voucher').fill('PJ-2026-1123')
  await page.getByTestId('fee-batch-confirm').click()
  assert.equal(await lastMessage(page), '已记录 2 项年费，合计 ¥1,200.00')
  await page.getByTestId('fee-pay-CG20200136').waitFor({ state: 'detached' })
  await page.getByTestId('fees-sum').filter({ hasText: '共 2 项，按 2026-11-23 缴纳合计 ¥740.00' }).waitFor()
  const schedule = cli(server.db, 'fees', 'due', '--on', '2026-11-23', '--within', '90')
  assert.ok(!schedule.fees.some((f) => ['CG20200136', 'CG20180012'].includes(f.achievement_no)), 'both paid')
  assert.deepEqual(problems, [refusedLine()], 'the refusal only')
})

/** The row of distribution `#id` in the distributions list. */
const distributionRow = (page, id) =>
  page.locator('[data-testid="rewards-table"] .el-table__body tr').filter({ has: page.locator('.el-link', { hasText: new RegExp(`^\\s*#${id}\\s*$`) }) })

test('the finance sheets of the ticked distributions download as one workbook, a sheet each', async () => {
  // The demo (tests/ui/rewards.test.mjs): #15 a draft, #16 approved, #1 paid (HT2023-001, an
  // unregistered license: receipts 180,000.00 + 180,000.00 less costs 21,600.00 + 8,600.00 = net
  // 329,800.00; 70% = pool 230,860.00, four inventors).
  const { page, problems, server } = await app.open('#/rewards')
  await distributionRow(page, 1).waitFor()
  assert.equal(await page.getByTestId('rewards-batch-payroll').isDisabled(), true)
  assert.equal(await distributionRow(page, 15).locator('.el-checkbox').first().evaluate((c) => c.classList.contains('is-disabled')), true, 'a draft has no finance sheet')
  await distributionRow(page, 16).locator('.el-checkbox').click()
  await distributionRow(page, 1).locator('.el-checkbox').click()
  assert.equal(await page.getByTestId('rewards-batch-payroll').innerText(), '导出发放表（2）')
  const file = await download(page, server.dir, () => page.getByTestId('rewards-batch-payroll').click())
  assert.equal(file.name, '发放表-2份-2026-11-23.xlsx')
  assert.match(await lastMessage(page), /^已导出 2 份收益分配的发放表（\d+ 行）到 发放表-2份-2026-11-23\.xlsx$/)
  const sheets = [...zipEntry(file.path, 'xl/workbook.xml').matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]).sort()
  assert.deepEqual(sheets, ['发放表#1', '发放表#16'])
  const strings = zipEntry(file.path, 'xl/sharedStrings.xml')
  assert.ok(strings.includes('HT2023-001') && strings.includes('HT2025-015'), 'each sheet names its contract')
  const totals = [1, 2].map((n) => zipEntry(file.path, `xl/worksheets/sheet${n}.xml`))
  assert.ok(totals.some((xml) => xml.includes('<v>230860</v>')), "#1's total is its pool, 230,860.00")
  assert.deepEqual(problems, [])
})

/** Replaces the browser's print dialog with a counter, so a test sees that the view asked for it. */
const countPrints = (page) =>
  page.evaluate(() => {
    window.__prints = 0
    window.print = () => {
      window.__prints += 1
    }
  })
const prints = (page) => page.evaluate(() => window.__prints)

test('打印 opens a print view of the record without the menu, and asks the browser to print', async () => {
  // The list's first achievement (tests/ui/portfolio.test.mjs): CG20120004, inventors 胡涛*、宋磊、张欣怡.
  const { page, problems } = await app.open('#/achievements')
  await page.locator('[data-testid="achievement-table"] .el-link', { hasText: 'CG20120004' }).click()
  await page.getByTestId('achievement-print').waitFor()
  await countPrints(page)
  await page.getByTestId('achievement-print').click()
  await page.getByTestId('print-title').waitFor()
  assert.equal(await prints(page), 1, 'the print dialog was asked for once the record loaded')
  assert.match(page.url(), /#\/achievements\/\d+\/print$/)
  assert.match(await page.getByTestId('print-title').innerText(), /^CG20120004 /)
  const inventors = await page.getByTestId('print-inventors').locator('tbody tr td:nth-child(2)').allInnerTexts()
  assert.deepEqual(inventors, ['胡涛', '宋磊', '张欣怡'])
  assert.equal(await page.getByTestId('nav-achievements').count(), 0, 'no menu on paper')
  assert.equal(await page.getByTestId('app-name').count(), 0, 'no header either')

  // #1 (HT2023-001, the demo's unregistered license): pool 230,860.00 over four inventors.
  await page.goto(page.url().replace(/#.*$/, '#/rewards/1'))
  await page.getByTestId('dist-print').click()
  await page.getByTestId('print-pool').waitFor()
  assert.equal(await page.getByTestId('print-title').innerText(), '收益分配 #1（HT2023-001）')
  assert.equal(await page.getByTestId('print-pool').innerText(), '¥230,860.00')
  assert.equal(await page.getByTestId('print-allocations').locator('tbody tr').count(), 4)

  // A contract: the print view's title is the contract's number and title, as on its page.
  await page.goto(page.url().replace(/#.*$/, '#/contracts/1'))
  const heading = await page.getByTestId('contract-heading').filter({ hasText: /\S+ \S/ }).innerText()
  await countPrints(page)
  await page.getByTestId('contract-print').click()
  await page.getByTestId('print-title').waitFor()
  assert.equal(await page.getByTestId('print-title').innerText(), heading)
  assert.equal(await prints(page), 1)
  // The page's print rules: A4, and the buttons are not printed.
  await page.emulateMedia({ media: 'print' })
  assert.equal(await page.locator('.print-actions').first().isVisible(), false)
  assert.deepEqual(problems, [])
})

test('下载模板 saves the chosen table\'s empty import template', async () => {
  const { page, problems, server } = await app.open('#/import')
  await page.getByTestId('import-table-people').click()
  await page.locator('[data-testid="import-table-people"].is-active').waitFor()
  assert.equal(await page.getByTestId('import-template').innerText(), '下载模板（人员）')
  const file = await download(page, server.dir, () => page.getByTestId('import-template').click())
  assert.equal(file.name, '人员导入模板.xlsx')
  assert.equal(await lastMessage(page), '模板已保存到 人员导入模板.xlsx：按表头填写后在此导入')
  // docs/import-templates.md, 人员: these seven columns, no rows.
  const strings = zipEntry(file.path, 'xl/sharedStrings.xml')
  const headers = [...strings.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1])
  assert.deepEqual(headers, ['工号', '姓名', '所在单位', '人员类别', '领导职务', '身份证号', '兼职/离岗创业'])
  assert.equal(sheetRows(file.path).length, 0, 'headers only')
  assert.equal([...zipEntry(file.path, 'xl/worksheets/sheet1.xml').matchAll(/<row /g)].length, 1)
  assert.deepEqual(problems, [])
})
