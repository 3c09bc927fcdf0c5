import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { refusedLine, start, tableRows, total } from './harness.mjs'

// The small Rust demo (src-tauri/core/src/demo/small.rs, `fill`), made at 2026-11-23. Its achievements
// are drawn in the order of the generator's `kinds` table, n = 1…300, each numbered
// `CG{filing year}{n:04}` (software, know-how… draw a filing year too, but store no filing date);
// a patent's application number is `{filing year}{1 invention | 2 utility | 3 design}{serial:07}.{check}`
// with one serial running up over the whole portfolio, its grant number `ZL` + that number.
// Figures that name a record were read from the demo file with the query quoted beside them
// (`transferdesk --db demo.db demo`, then sqlite3), never from the screen.
//
// Column order of the list: 成果编号, 成果名称, 成果类型, 申请号, 申请日, 授权日, 法律状态, 所属单位, 完成人, 合同数.
const [NO, TITLE, KIND, APPLICATION, FILED, , , , INVENTORS] = [0, 1, 2, 3, 4, 5, 6, 7, 8]
// The generator's `kinds`: 150 invention + 60 utility + 15 design + 45 software + 8 IC layout
// + 7 plant variety + 10 know-how + 5 other = 300.
const ALL = 300
// `SELECT achievement_no FROM achievement ORDER BY achievement_no LIMIT 1`: the earliest filing
// year is 2012 and the smallest running number drawn in it is 4 (filed 2012-10-18).
const FIRST = 'CG20120004'

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

/** Waits until the pagination's total is below (`below`) or equal to `n`. */
function totalIs(page, n, below = false) {
  return page.waitForFunction(
    ([n, below]) => {
      const shown = Number(document.querySelector('[data-testid="portfolio-pagination"] .el-pagination__total')?.textContent.replace(/\D/g, ''))
      return below ? shown < n : shown === n
    },
    [n, below],
  )
}

/** Waits until the list narrows (the total drops below all), then returns the total. */
async function narrowedTotal(page) {
  await totalIs(page, ALL, true)
  return total(page)
}

/** Types `text` into the search box (after clearing a previous search) and returns the narrowed total. */
async function searchFor(page, text) {
  const box = page.getByTestId('portfolio-search')
  if (await box.inputValue()) {
    await box.fill('')
    await totalIs(page, ALL)
  }
  await box.fill(text)
  return narrowedTotal(page)
}

async function chooseOption(page, select, label) {
  await page.locator(`[data-testid="${select}"]`).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click()
}

test('the list shows the first page, the total and the frame', async () => {
  const { page, problems, server } = await openList()
  assert.equal(await total(page), ALL)
  const rows = await tableRows(page)
  assert.ok(rows.length >= 10, `a page of rows is visible, got ${rows.length}`)
  assert.equal(rows[0][NO], FIRST)
  assert.ok(rows.every((r) => /^CG\d{8}$/.test(r[NO])), 'numbers are CG + year + four digits')
  const numbers = rows.map((r) => r[NO])
  assert.deepEqual(numbers, [...numbers].sort(), 'the default order is by achievement number')
  assert.equal(await page.getByTestId('app-name').innerText(), '成果转化工作台')
  // demo/random.rs `INSTITUTION`.
  assert.equal(await page.getByTestId('institution').innerText(), '西川理工大学')
  assert.equal(await page.getByTestId('nav-achievements').innerText(), '成果台账')
  assert.equal(await page.getByTestId('nav-import').innerText(), '数据导入')
  assert.equal(await page.getByTestId('portfolio-search').getAttribute('placeholder'), '名称、编号、申请号、完成人')
  // The server sends the desktop window's CSP with the page (src-tauri/server/src/ui.rs), so a
  // blocked script or style would be a console error below.
  const csp = (await page.request.get(server.url)).headers()['content-security-policy']
  assert.match(csp, /default-src 'self'; script-src 'self';/)
  await page.locator('[data-testid="achievement-table"] .el-loading-mask').waitFor({ state: 'hidden' })
  await page.screenshot({ path: '/tmp/ui-list.png' })
  assert.deepEqual(problems, [])
})

test('filtering by kind narrows the list to that kind', async () => {
  const { page, problems } = await openList()
  await chooseOption(page, 'filter-kind', '外观设计专利')
  // The generator's `kinds` holds (DesignPatent, 15).
  assert.equal(await narrowedTotal(page), 15)
  const rows = await tableRows(page)
  assert.deepEqual([...new Set(rows.map((r) => r[KIND]))], ['外观设计专利'])
  // Every design is titled `{object}（外观）` by the generator.
  assert.ok(rows.every((r) => r[TITLE].endsWith('（外观）')), 'design titles')
  // `SELECT achievement_no FROM achievement WHERE kind = 'design_patent' ORDER BY achievement_no LIMIT 1`.
  assert.equal(rows[0][NO], 'CG20130212')
  assert.match(page.url(), /kind=design_patent/)
  assert.deepEqual(problems, [])
})

test('searching an inventor name finds only their achievements', async () => {
  const { page, problems } = await openList()
  // The first row's first inventor (CG20120004: 胡涛*、宋磊、张欣怡).
  const name = (await tableRows(page))[0][INVENTORS].split('、')[0].replace('*', '')
  assert.equal(name, '胡涛')
  // Only T0050 is called 胡涛: `SELECT count(DISTINCT i.achievement_id) FROM inventor i JOIN person p
  // ON p.id = i.person_id WHERE p.name = '胡涛'` = 12 (and no title or number contains the name).
  assert.equal(await searchFor(page, name), 12)
  const rows = await tableRows(page)
  assert.equal(rows.length, 12, 'all twelve fit on the screen')
  assert.ok(rows.every((r) => r[INVENTORS].split('、').some((n) => n.replace('*', '') === name)), `every row lists ${name}`)
  assert.match(decodeURIComponent(page.url()), new RegExp(`q=${name}`))
  assert.deepEqual(problems, [])
})

test('a number is found in whatever form it is typed', async () => {
  const { page, problems } = await openList()
  // CG20120004's application number is 201210108935.2 (its grant number ZL201210108935.2):
  // `SELECT application_no, grant_no FROM achievement WHERE achievement_no = 'CG20120004'`.
  // Application numbers are unique, so each form finds that one achievement.
  for (const typed of ['201210108935.2', 'CN 2012 1010 8935.2', 'ZL201210108935.2', '2012101089352', 'cg20120004']) {
    assert.equal(await searchFor(page, typed), 1, typed)
    const rows = await tableRows(page)
    assert.deepEqual(
      rows.map((r) => [r[NO], r[APPLICATION]]),
      [[FIRST, '201210108935.2']],
      typed,
    )
    assert.equal(new URL(page.url().replace('#', '')).searchParams.get('q'), typed)
  }
  // Part of a number: "CN 2012 1" is the filing year and the invention type digit, so it finds the
  // inventions filed in 2012: `SELECT count(*) FROM achievement WHERE kind = 'invention_patent'
  // AND filed_on LIKE '2012%'` = 12 (and `instr(body, '20121')` over search_text finds no other).
  assert.equal(await searchFor(page, 'CN 2012 1'), 12)
  const rows = await tableRows(page)
  assert.ok(rows.every((r) => r[KIND] === '发明专利' && r[APPLICATION].startsWith('20121') && r[FILED].startsWith('2012-')))
  assert.deepEqual(problems, [])
})

test('sorting by filing date changes the first row, both ways', async () => {
  const { page, problems } = await openList()
  const header = page.locator('.el-table-v2__header-cell', { hasText: '申请日' })
  await header.click()
  await page.waitForURL(/sort=filed_on/)
  await page.waitForFunction((no) => document.querySelector('[data-testid="achievement-table"] .el-table-v2__row-cell')?.textContent.trim() !== no, FIRST)
  // Ascending puts the 75 achievements without a filing date (45 software + 8 IC + 7 plant + 10
  // know-how + 5 other) first, as SQLite does, ties by number: `SELECT achievement_no FROM
  // achievement WHERE filed_on IS NULL ORDER BY achievement_no LIMIT 1` = CG20120227, a software copyright.
  const asc = (await tableRows(page))[0]
  assert.deepEqual([asc[NO], asc[KIND], asc[FILED]], ['CG20120227', '软件著作权', '—'])
  await header.click()
  await page.waitForURL(/desc=1/)
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="achievement-table"] .el-table-v2__row-cell')[4]?.textContent.trim() !== '—')
  const rows = await tableRows(page)
  const dates = rows.map((r) => r[FILED])
  assert.deepEqual(dates, [...dates].sort().reverse(), 'newest filing first')
  // Filing dates are drawn up to 2025-10-31; the latest drawn: `SELECT achievement_no, filed_on FROM
  // achievement ORDER BY filed_on DESC, achievement_no DESC LIMIT 1` = CG20250085, 2025-10-11.
  assert.deepEqual([rows[0][NO], rows[0][FILED]], ['CG20250085', '2025-10-11'])
  assert.deepEqual(problems, [])
})

test('paging shows the next rows and back from a detail returns to that page', async () => {
  const { page, problems } = await openList()
  assert.equal((await tableRows(page))[0][NO], FIRST)
  await page.locator('[data-testid="portfolio-pagination"] .el-pager li', { hasText: /^2$/ }).click()
  await page.waitForURL(/page=2/)
  await page.waitForFunction((no) => document.querySelector('[data-testid="achievement-table"] .el-table-v2__row-cell')?.textContent.trim() !== no, FIRST)
  // 50 rows a page (the first of PAGE_SIZES): page 2 starts with the 51st number,
  // `SELECT achievement_no FROM achievement ORDER BY achievement_no LIMIT 1 OFFSET 50`.
  const second = (await tableRows(page))[0]
  assert.equal(second[NO], 'CG20140079')
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
  const row = (await tableRows(page))[0]
  await page.locator('[data-testid="achievement-table"] .el-table-v2__row').first().locator('.el-table-v2__row-cell').nth(TITLE).click()
  await page.getByTestId('achievement-title').waitFor()
  // CG20120004: `SELECT * FROM achievement WHERE achievement_no = 'CG20120004'`.
  assert.equal(row[TITLE], '一种基于振动抑制的装配生产线')
  assert.equal(await page.getByTestId('achievement-title').innerText(), row[TITLE])
  const fields = await page.getByTestId('achievement-fields').innerText()
  for (const value of [FIRST, '201210108935.2', '2012-10-18', 'ZL201210108935.2', '2016-04-07', '机械工程学院', '川科20128135']) {
    assert.ok(fields.includes(value), `the fields show ${value}`)
  }
  // Filed 2012-10-18: the patent year running on 2026-11-23 began 2026-10-18, the 15th; the
  // generator pays it up to then unless serial % 8 = 3 (serial 0108935 % 8 = 7): 第 15 年.
  assert.match(fields, /第 15 年/)

  const inventors = await page.locator('[data-testid="inventors"] .el-table__body tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())),
  )
  const listed = row[INVENTORS].split('、').map((n) => n.replace('*', ''))
  assert.deepEqual(inventors.map((r) => r[1]), listed, 'the same inventors, in order')
  // `SELECT p.employee_id, p.name, d.name, i.share_bp FROM inventor i JOIN person p … WHERE
  // i.achievement_id = 4 ORDER BY i.position`: shares in 5% units, the first the largest.
  assert.deepEqual(
    inventors.map((r) => r.slice(0, 4)),
    [
      ['T0050', '胡涛', '电气工程学院', '55%'],
      ['T0029', '宋磊', '材料科学与工程学院', '25%'],
      ['T0014', '张欣怡', '机械工程学院', '20%'],
    ],
  )
  // 55 + 25 + 20 = 100.
  const sum = inventors.reduce((s, r) => s + Number(r[3].replace('%', '')), 0)
  assert.equal(sum, 100, 'shares add up to 100%')
  // Key contributors: the first, and anyone with 30% or more (generator) — only 胡涛, as the list's * says.
  const keys = await page.locator('[data-testid="inventors"] .el-table__body tr').evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[4].querySelector('.el-icon') !== null))
  assert.deepEqual(keys, [true, false, false])
  assert.equal(row[INVENTORS], '胡涛*、宋磊、张欣怡')

  // HT2024-011 (a license to 上海农业大学, signed 2024-10-11, 740,000.00) carries CG20130069 at
  // 60% and this one at 40%; received 2024-11-23 370,000.00 + 2025-04-07 370,000.00 = 740,000.00.
  // The demo links this year's service contracts to achievements too (a well-kept office): two
  // on this one alone (100%), by `SELECT … FROM contract_achievement WHERE achievement_id = 4` on
  // the demo of 2026-11-23 — HT2026-208 signed 2026-04-27 for 480,000.00, received 2026-05-16
  // 240,000.00; HT2026-202 signed 2026-09-07 for 110,000.00, received 2026-09-29 55,000.00.
  const contracts = await page.locator('[data-testid="contracts"] .el-table__body tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())),
  )
  assert.deepEqual(
    contracts.map((r) => r.slice(0, 8)),
    [
      ['HT2024-011', '专利实施许可合同', '许可', '上海农业大学', '2024-10-11', '¥740,000.00', '40%', '¥740,000.00'],
      ['HT2026-208', '振动抑制技术服务合同', '技术服务', '四川锦江信息技术有限公司', '2026-04-27', '¥480,000.00', '100%', '¥240,000.00'],
      ['HT2026-202', '振动抑制技术服务合同', '技术服务', '四川同创科技有限公司', '2026-09-07', '¥110,000.00', '100%', '¥55,000.00'],
    ],
  )
  assert.deepEqual(problems, [])
})

test('an unknown achievement says so', async () => {
  const { page, problems } = await app.open('#/achievements/999999')
  await page.getByTestId('not-found').waitFor()
  assert.match(await page.getByTestId('not-found').innerText(), /未找到该成果/)
  // The demo's ids are 1…300: get_achievement(999999) is refused as not found (404).
  assert.deepEqual(problems, [refusedLine(404)])
})

test('the language switch shows English labels without a reload', async () => {
  const { page, problems } = await openList()
  await page.evaluate(() => (window.__sameDocument = true))
  await page.locator('.el-radio-button', { hasText: 'English' }).click()
  await page.getByTestId('nav-achievements').filter({ hasText: 'Portfolio' }).waitFor()
  assert.equal(await page.getByTestId('app-name').innerText(), 'TransferDesk')
  assert.equal(await page.getByTestId('nav-import').innerText(), 'Import')
  assert.match(await page.locator('.el-table-v2__header-row').innerText(), /Title[\s\S]*Legal status/)
  assert.match(await page.locator('[data-testid="portfolio-pagination"] .el-pagination__total').innerText(), new RegExp(`Total ${ALL}`))
  // The first rows (2012 filings) are invention patents.
  assert.equal((await tableRows(page))[0][KIND], 'Invention patent')
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no reload')
  await page.locator('.el-radio-button', { hasText: '中文' }).click()
  await page.getByTestId('nav-achievements').filter({ hasText: '成果台账' }).waitFor()
  assert.deepEqual(problems, [])
})
