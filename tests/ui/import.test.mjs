import assert from 'node:assert/strict'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, test } from 'node:test'
import { chooseFile, refusals, refusedLine, start, tableRows, total } from './harness.mjs'

// The standard import on the small Rust demo portfolio (300 achievements) with the files of
// tests/fixtures/ui, chosen in the browser's file chooser and uploaded (a browser never reads a
// path typed by the person: the field shows the chosen file's name, read-only).

const FIXTURES = fileURLToPath(new URL('../fixtures/ui/', import.meta.url))

let app
before(async () => {
  app = await start()
})
after(() => app.stop())

async function openImport() {
  const opened = await app.open('#/import')
  await opened.page.getByTestId('import-path').waitFor()
  return opened
}

/** Chooses `name` of tests/fixtures/ui in the browser's file chooser. */
async function choose(page, name) {
  await chooseFile(page, join(FIXTURES, name), () => page.getByTestId('import-pick').click())
  await page.waitForFunction((n) => document.querySelector('input[data-testid="import-path"]')?.value === n, name)
}

/** The list's total after navigating there through the menu (the server keeps its state). */
async function portfolioTotal(page, search = '') {
  await page.getByTestId('nav-achievements').click()
  await page.locator('[data-testid="achievement-table"] .el-table-v2__row').first().waitFor()
  if (search) {
    await page.getByTestId('portfolio-search').fill(search)
    await page.waitForURL(new RegExp(`q=${search}`))
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="achievement-table"] .el-table-v2__row').length <= 2)
  }
  return total(page)
}

test('a bad file lists every problem and writes nothing', async () => {
  const { page, problems } = await openImport()
  await choose(page, 'bad-成果.csv')
  await page.getByTestId('import-dry-run').click()
  const table = page.getByTestId('import-errors')
  await table.waitFor()
  const rows = await table.locator('.el-table__body tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())),
  )
  // Rows 2 and 5 are valid; a CSV's sheet is the file's name.
  assert.equal(rows.length, 3)
  // Row 3, 申请号 (column D): 2·2+0·3+2·4+3·5+1·6+0·7+1·8+2·9+3·2+4·3+5·4+6·5 = 127 = 11·11 + 6.
  assert.deepEqual(rows[0], ['bad-成果.csv', '3', '申请号', 'D3', '202310123456.X', '申请号校验位错误（按规则应为 6）'])
  // Row 4, 完成人 (column L): 50 + 30 = 80.
  assert.deepEqual(rows[1], ['bad-成果.csv', '4', '完成人', 'L4', 'T0003*:50; T0007:30', '份额合计为 80，应恰好为 100'])
  // Row 6, 申请日 (column E): February 2023 has 28 days.
  assert.deepEqual(rows[2], ['bad-成果.csv', '6', '申请日', 'E6', '2023-02-30', '日历中没有这一天'])
  assert.deepEqual(rows.map((r) => r[1]), ['3', '4', '6'])
  assert.match(await table.locator('thead').innerText(), /工作表[\s\S]*行[\s\S]*列[\s\S]*单元格[\s\S]*值[\s\S]*问题/)
  const failure = await page.getByTestId('import-failure').innerText()
  assert.match(failure, /文件有 3 处问题/)
  assert.match(failure, /未写入任何数据/)

  // A real import of the same file is refused too.
  await page.getByTestId('import-run').click()
  await page.locator('.el-message-box__btns .el-button--primary').click()
  await page.getByTestId('import-errors').waitFor()
  // The demo's 300 achievements, none added.
  assert.equal(await portfolioTotal(page), 300)
  // The check and the import: two refusals.
  assert.deepEqual(problems, refusals(2))
})

test('a good file is checked, confirmed, imported and listed', async () => {
  const { page, problems } = await openImport()
  await choose(page, '成果表.csv')
  // In a browser the field shows the uploaded file's name and cannot be typed in.
  assert.equal(await page.getByTestId('import-path').inputValue(), '成果表.csv')
  assert.equal(await page.getByTestId('import-path').isEditable(), false)

  await page.getByTestId('import-dry-run').click()
  await page.getByTestId('import-result').waitFor()
  assert.match(await page.getByTestId('import-summary').innerText(), /共 2 行数据，导入后将新增 2 条（本次未写入）/)
  assert.equal(await page.getByTestId('import-view-portfolio').count(), 0, 'nothing to view after a check')

  // Cancelling the confirmation writes nothing.
  await page.getByTestId('import-run').click()
  await page.locator('.el-message-box__btns .el-button:not(.el-button--primary)').click()
  await page.locator('.el-message-box').waitFor({ state: 'hidden' })

  await page.getByTestId('import-run').click()
  const box = page.locator('.el-message-box')
  // The confirmation names the file as chosen (not the server's upload handle).
  const question = await box.innerText()
  assert.match(question, /将把 成果表\.csv 导入到“成果”表/)
  assert.doesNotMatch(question, /uploads/)
  await box.locator('.el-button--primary').click()
  await page.getByTestId('import-view-portfolio').waitFor()
  assert.match(await page.getByTestId('import-summary').innerText(), /共 2 行数据，新增 2 条，更新 0 条/)
  // IMP-0002 is granted with 年费已缴至 empty: filed 2024-05-10, so on 2026-11-23 two full years
  // (to 2026-05-10) have passed and it is in its 3rd patent year.
  assert.match(await page.getByTestId('import-result').innerText(), /IMP-0002: 年费已缴至为空，按导入日所在专利年度假定为第 3 年/)

  await page.getByTestId('import-view-portfolio').click()
  await page.locator('[data-testid="achievement-table"] .el-table-v2__row').first().waitFor()
  // 300 + 2.
  assert.equal(await total(page), 302)
  assert.equal(await portfolioTotal(page, 'IMP-000'), 2)
  assert.deepEqual((await tableRows(page)).map((r) => r[0]), ['IMP-0001', 'IMP-0002'])
  assert.deepEqual(problems, [])
})

test('the server reads only uploads: a path that was not uploaded is refused', async () => {
  const { page, problems, server } = await openImport()
  // What the signed-in page could send by hand (its session and CSRF token): the path of a file
  // on the server's machine.
  const csrf = (await page.context().cookies()).find((c) => c.name === 'td_csrf')?.value ?? ''
  const response = await page.request.post(`${server.url}api/import_file`, {
    headers: { 'x-csrf-token': csrf },
    data: { job: 'job-typed-path', table: 'achievements', path: join(FIXTURES, '成果表.csv'), dryRun: true },
  })
  assert.equal(response.status(), 400)
  assert.equal((await response.json()).code, 'upload_missing')
  // Nothing was read or written: still the demo's 300.
  assert.equal(await portfolioTotal(page), 300)
  assert.deepEqual(problems, [])
})
