import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { download, lastMessage, start, total, zipEntry } from './harness.mjs'

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
