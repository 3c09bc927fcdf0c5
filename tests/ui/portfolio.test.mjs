import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { start, tableRows, total } from './harness.mjs'

// Column order of the list: 成果编号, 成果名称, 成果类型, 申请号, 申请日, 授权日, 法律状态, 所属单位, 完成人, 合同数.
const [NO, TITLE, KIND, , FILED, , , , INVENTORS] = [0, 1, 2, 3, 4, 5, 6, 7, 8]
const ALL = 300 // the fake portfolio's size (src/api/fake.ts)

let app
before(async () => {
  app = await start()
})
after(() => app.stop())

/** Opens the list and waits for its first page. */
async function openList(hash) {
  const opened = await app.open(hash)
  await opened.page.locator('[data-testid="achievement-table"] .el-table-v2__row').first().waitFor()
  return opened
}

/** Waits until the list narrows (the total drops below all), then returns the total. */
async function narrowedTotal(page) {
  await page.waitForFunction(
    (all) => Number(document.querySelector('[data-testid="portfolio-pagination"] .el-pagination__total')?.textContent.replace(/\D/g, '')) < all,
    ALL,
  )
  return total(page)
}

async function chooseOption(page, select, label) {
  await page.locator(`[data-testid="${select}"]`).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click()
}

test('the list shows the first page, the total and the frame', async () => {
  const { page, problems } = await openList()
  assert.equal(await total(page), ALL)
  const rows = await tableRows(page)
  assert.ok(rows.length >= 10, `a page of rows is visible, got ${rows.length}`)
  assert.match(rows[0][NO], /^CG\d{4}-\d{4}$/)
  const numbers = rows.map((r) => r[NO])
  assert.deepEqual(numbers, [...numbers].sort(), 'the default order is by achievement number')
  assert.equal(await page.getByTestId('app-name').innerText(), '成果转化工作台')
  assert.equal(await page.getByTestId('institution').innerText(), '西南理工大学')
  assert.equal(await page.getByTestId('nav-achievements').innerText(), '成果台账')
  assert.equal(await page.getByTestId('nav-import').innerText(), '数据导入')
  assert.equal(await page.getByTestId('portfolio-search').getAttribute('placeholder'), '名称、编号、申请号、完成人')
  // The webview's CSP is in force, so a blocked script or style would be a console error below.
  assert.equal(await page.locator('meta[http-equiv="Content-Security-Policy"]').count(), 1)
  await page.locator('[data-testid="achievement-table"] .el-loading-mask').waitFor({ state: 'hidden' })
  await page.screenshot({ path: '/tmp/ui-list.png' })
  assert.deepEqual(problems, [])
})

test('filtering by kind narrows the list to that kind', async () => {
  const { page, problems } = await openList()
  await chooseOption(page, 'filter-kind', '外观设计专利')
  const narrowed = await narrowedTotal(page)
  assert.ok(narrowed > 0, 'the fake has design patents')
  const kinds = new Set((await tableRows(page)).map((r) => r[KIND]))
  assert.deepEqual([...kinds], ['外观设计专利'])
  assert.match(page.url(), /kind=design_patent/)
  assert.deepEqual(problems, [])
})

test('searching an inventor name finds only their achievements', async () => {
  const { page, problems } = await openList()
  const name = (await tableRows(page))[0][INVENTORS].split('、')[0].replace('*', '')
  await page.getByTestId('portfolio-search').fill(name)
  const found = await narrowedTotal(page)
  assert.ok(found >= 1)
  const rows = await tableRows(page)
  assert.ok(rows.every((r) => r[INVENTORS].includes(name)), `every row lists ${name}`)
  assert.match(decodeURIComponent(page.url()), new RegExp(`q=${name}`))
  assert.deepEqual(problems, [])
})

test('sorting by filing date changes the first row, both ways', async () => {
  const { page, problems } = await openList()
  const header = page.locator('.el-table-v2__header-cell', { hasText: '申请日' })
  const before = (await tableRows(page))[0]
  await header.click()
  await page.waitForURL(/sort=filed_on/)
  await page.waitForFunction((no) => document.querySelector('[data-testid="achievement-table"] .el-table-v2__row-cell')?.textContent.trim() !== no, before[NO])
  // Ascending puts achievements without a filing date (know-how, software) first, as SQLite does.
  assert.equal((await tableRows(page))[0][FILED], '—')
  await header.click()
  await page.waitForURL(/desc=1/)
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="achievement-table"] .el-table-v2__row-cell')[4]?.textContent.trim() !== '—')
  const dates = (await tableRows(page)).map((r) => r[FILED])
  assert.deepEqual(dates, [...dates].sort().reverse(), 'newest filing first')
  assert.match(dates[0], /^20\d\d-\d\d-\d\d$/)
  assert.deepEqual(problems, [])
})

test('paging shows the next rows and back from a detail returns to that page', async () => {
  const { page, problems } = await openList()
  const first = (await tableRows(page))[0][NO]
  await page.locator('[data-testid="portfolio-pagination"] .el-pager li', { hasText: /^2$/ }).click()
  await page.waitForURL(/page=2/)
  await page.waitForFunction((no) => document.querySelector('[data-testid="achievement-table"] .el-table-v2__row-cell')?.textContent.trim() !== no, first)
  const second = (await tableRows(page))[0]
  assert.ok(second[NO] > first, `page 2 starts after ${first}: ${second[NO]}`)
  assert.equal(await total(page), ALL)

  await page.locator('[data-testid="achievement-table"] .el-table-v2__row').first().click()
  await page.getByTestId('achievement-title').waitFor()
  await page.getByTestId('detail-back').click()
  await page.waitForURL(/#\/achievements\?page=2/)
  await page.waitForFunction((no) => document.querySelector('[data-testid="achievement-table"] .el-table-v2__row-cell')?.textContent.trim() === no, second[NO])
  assert.equal(await page.locator('[data-testid="portfolio-pagination"] .el-pager li.is-active').innerText(), '2')
  assert.deepEqual(problems, [])
})

test('clicking a row opens its detail with inventors and shares', async () => {
  const { page, problems } = await openList()
  const row = (await tableRows(page))[1]
  await page.locator('[data-testid="achievement-table"] .el-table-v2__row').nth(1).locator('.el-table-v2__row-cell').nth(TITLE).click()
  await page.getByTestId('achievement-title').waitFor()
  assert.equal(await page.getByTestId('achievement-title').innerText(), row[TITLE])
  assert.match(await page.getByTestId('achievement-fields').innerText(), new RegExp(row[NO]))

  const inventors = await page.locator('[data-testid="inventors"] .el-table__body tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())),
  )
  const listed = row[INVENTORS].split('、').map((n) => n.replace('*', ''))
  assert.deepEqual(inventors.map((r) => r[1]), listed, 'the same inventors, in order')
  assert.ok(inventors.every((r) => /^T\d{4}$/.test(r[0]) && /^\d+(\.\d+)?%$/.test(r[3])))
  const sum = inventors.reduce((s, r) => s + Number(r[3].replace('%', '')), 0)
  assert.equal(sum, 100, 'shares add up to 100%')
  assert.deepEqual(problems, [])
})

test('an unknown achievement says so', async () => {
  const { page, problems } = await app.open('#/achievements/999999')
  await page.getByTestId('not-found').waitFor()
  assert.match(await page.getByTestId('not-found').innerText(), /未找到该成果/)
  assert.deepEqual(problems, [])
})

test('the language switch shows English labels without a reload', async () => {
  const { page, problems } = await openList()
  await page.evaluate(() => (window.__sameDocument = true))
  await page.locator('.el-radio-button', { hasText: 'English' }).click()
  await page.getByTestId('nav-achievements').filter({ hasText: 'Portfolio' }).waitFor()
  assert.equal(await page.getByTestId('app-name').innerText(), 'TransferDesk')
  assert.equal(await page.getByTestId('nav-import').innerText(), 'Import')
  assert.match(await page.locator('.el-table-v2__header-row').innerText(), /Title[\s\S]*Legal status/)
  assert.match(await page.locator('[data-testid="portfolio-pagination"] .el-pagination__total').innerText(), /Total 300/)
  assert.ok((await tableRows(page)).some((r) => ['Invention patent', 'Utility model', 'Software copyright'].includes(r[KIND])))
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no reload')
  await page.locator('.el-radio-button', { hasText: '中文' }).click()
  await page.getByTestId('nav-achievements').filter({ hasText: '成果台账' }).waitFor()
  assert.deepEqual(problems, [])
})
