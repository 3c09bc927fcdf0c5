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
