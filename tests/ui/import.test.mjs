import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { start, tableRows, total } from './harness.mjs'

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

/** The list's total after navigating there through the menu (the fake backend keeps its state). */
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
  await page.getByTestId('import-path').fill('/data/bad-成果.xlsx')
  await page.getByTestId('import-dry-run').click()
  const table = page.getByTestId('import-errors')
  await table.waitFor()
  const rows = await table.locator('.el-table__body tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())),
  )
  assert.equal(rows.length, 3)
  assert.deepEqual(rows[0], ['Sheet1', '3', '申请号', 'D3', '202310123456.X', '申请号校验位错误（按规则应为 6）'])
  assert.deepEqual(rows.map((r) => r[1]), ['3', '4', '6'])
  assert.match(await table.locator('thead').innerText(), /工作表[\s\S]*行[\s\S]*列[\s\S]*单元格[\s\S]*值[\s\S]*问题/)
  const failure = await page.getByTestId('import-failure').innerText()
  assert.match(failure, /文件有 3 处问题/)
  assert.match(failure, /未写入任何数据/)

  // A real import of the same file is refused too.
  await page.getByTestId('import-run').click()
  await page.locator('.el-message-box__btns .el-button--primary').click()
  await page.getByTestId('import-errors').waitFor()
  assert.equal(await portfolioTotal(page), 300)
  assert.deepEqual(problems, [])
})

test('a good file is checked, confirmed, imported and listed', async () => {
  const { page, problems } = await openImport()
  await page.getByTestId('import-pick').click()
  assert.equal(await page.getByTestId('import-path').inputValue(), '/home/office/导入/成果表.xlsx')

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
  assert.match(await box.innerText(), /成果表\.xlsx[\s\S]*“成果”表/)
  await box.locator('.el-button--primary').click()
  await page.getByTestId('import-view-portfolio').waitFor()
  assert.match(await page.getByTestId('import-summary').innerText(), /共 2 行数据，新增 2 条，更新 0 条/)
  assert.match(await page.getByTestId('import-result').innerText(), /年费已缴至为空/)

  await page.getByTestId('import-view-portfolio').click()
  await page.locator('[data-testid="achievement-table"] .el-table-v2__row').first().waitFor()
  assert.equal(await total(page), 302)
  assert.equal(await portfolioTotal(page, 'IMP-000'), 2)
  assert.deepEqual((await tableRows(page)).map((r) => r[0]), ['IMP-0001', 'IMP-0002'])
  assert.deepEqual(problems, [])
})
