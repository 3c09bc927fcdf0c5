import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { refusedLine, start, total } from './harness.mjs'

// The small Rust demo (src-tauri/core/src/demo/small.rs), made and served at 2026-11-23.
//
// Fees (docs/rules/fees.md): for each granted patent in force, the next year to pay is its
// paid-through year + 1, due on that year's filing anniversary; 费减 (the demo institution's
// filing is accepted, no co-owners) leaves 15% of the full fee within the ten years from the
// grant year. Due 2026-11-23 … 2026-12-23 (30 days), twelve patents:
//   CG20220039 11-27 year 5 (invention, 1,200 × 15% = 180.00)  CG20200171 12-01 y7 (utility, 1,200 → 180.00)
//   CG20120117 12-02 y15 (invention granted in y3: outside the window, 6,000.00 in full)
//   CG20210035 12-07 y6 (180.00)  CG20170201 12-11 y10 (utility 2,000 → 300.00)  CG20220104 12-14 y5 (180.00)
//   CG20220081 12-14 y5 (180.00)  CG20150089 12-18 y12 (4,000 → 600.00)  CG20200130 12-21 y7 (2,000 → 300.00)
//   CG20220190 12-22 y5 (utility 900 → 135.00)  CG20190032 12-23 y8 (300.00)  CG20240206 12-23 y3 (utility 600 → 90.00)
// = 8,625.00 (due dates on a Sunday move to the Monday: CG20210035 12-06 → 12-07, CG20220104
// 12-13 → 12-14; docs/rules/fees.md "Weekends and holidays"). In the grace period (a year behind,
// due before today, grace end not passed), five, each its reduced fee plus a surcharge of the FULL
// fee by whole months since the statutory due date, each month's end moved off weekends and holidays:
//   CG20190208 utility y8 due 2026-06-25: 180.00 + 20% (within 5 months, to 11-25) of 1,200 = 240.00 → 420.00
//   CG20180012 invention y9 due Saturday 08-01 (→ 08-03): 300.00 + 15% (within 4 months, to 12-01) of 2,000 = 300.00 → 600.00
//   CG20200136 invention y7 due 08-04: 300.00 + 15% of 2,000 → 600.00
//   CG20190134 invention y8 due Saturday 08-22 (→ 08-24): the third month ends on Sunday 11-22, so
//     on Monday 11-23: still 10% of 2,000 = 200.00 → 500.00
//   CG20200222 design y7 due Sunday 10-18 (→ 10-19): 180.00 + 5% (within 2 months, to 12-18) of 1,200 = 60.00 → 240.00
// = 2,360.00.
//
// This year against last year (contracts, receipts and paid distributions, 1 January to the day):
//   2026 to 11-23: the ten technical contracts HT2026-201…210, signed 02-02 … 10-14, of 380,000 +
//     460,000 + 480,000 + 100,000 + 600,000 + 750,000 + 100,000 + 110,000 + 380,000 + 320,000 =
//     3,680,000.00; half of each received, 1,840,000.00; no distribution paid.
//   2025 to 11-23: eleven contracts (HT2025-015 -006 -027 -009 -003 -036 -018 -039 -021 -030 -033;
//     HT2025-012 and -024 were signed in December) of 140,000 + 230,000 + 2,120,000 + 1,800,000 +
//     230,000 + 330,000 + 70,000 + 2,050,000 + 240,000 + 190,000 + 530,000 = 7,930,000.00; all of
//     2025's 14 receipts (the last on 11-10) = 3,478,333.30 (see annual.test.mjs); the cash pool of
//     distribution #10 (HT2024-011), paid 2025-05-12, 477,470.00 (#18, paid 10-12, is equity).
//   All of 2025: 13 contracts, 7,930,000 + 180,000 + 460,000 = 8,570,000.00; the same receipts
//     and rewards.
// Changes, rounded to whole percent: 10 vs 11 = −9%; 3,680,000 vs 7,930,000 = −53.6% → −54%;
// 1,840,000 vs 3,478,333.30 = −47.1% → −47%; 0 vs 477,470 = −100%.

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
  assert.match(await due30.innerText(), /30 天内到期的年费\s*12/)
  // The first five, soonest first.
  assert.match(await due30.innerText(), /CG20220039[^\n]*\n?\s*2026-11-27\s*¥180\.00[\s\S]*CG20120117[\s\S]*2026-12-02\s*¥6,000\.00[\s\S]*还有 7 项，查看全部/)
  const grace = page.getByTestId('deadline-fees_in_grace')
  assert.match(await grace.innerText(), /已过缴费期（宽限期内）的年费\s*5\s*¥2,360\.00/)
  assert.match(await grace.innerText(), /CG20200222 检测试剂盒（外观）\s*2026-10-19\s*¥240\.00/)
  // The annual report for 2025 was due 2026-03-31 and the demo's office filed it (ten days before):
  // a well-kept office, not a red "overdue" as the first thing on screen.
  assert.match(await page.getByTestId('dashboard-report').innerText(), /2025 年度成果转化报告截止\s*2026-03-31\s*已报送/)
  assert.equal(await page.getByTestId('dashboard-report-countdown').getAttribute('class').then((c) => c.includes('success')), true)

  await page.getByTestId('deadline-fees_due30-list').click()
  await page.waitForURL(/#\/fees\?tab=due30/)
  await page.locator('[data-testid="fees-table"] .el-table__row').first().waitFor()
  assert.equal(await page.locator('[data-testid="fees-table"] .el-table__row').count(), 12)
  assert.equal(await page.getByTestId('fees-sum').innerText(), '共 12 项，按 2026-11-23 缴纳合计 ¥8,625.00')

  // An item opens its record.
  await page.goBack()
  await page.getByTestId('deadline-fees_in_grace').getByText('CG20200222').click()
  await page.waitForURL(/#\/achievements\/\d+$/)
  assert.equal(await page.getByTestId('achievement-title').innerText(), '检测试剂盒（外观）')
  assert.deepEqual(problems, [])
})

test('this year against last year, and the charts open the lists they count', async () => {
  const { page, problems } = await openDashboard()
  const figure = (key) => page.getByTestId(`dashboard-figure-${key}`).innerText()
  assert.match(await figure('contracts'), /今年签订合同（项）\s*10\s*去年同期 11\s*▼9%\s*2025 年全年 13/)
  assert.match(await figure('contract_fen'), /今年合同金额\s*¥3,680,000\.00\s*去年同期 ¥7,930,000\.00\s*▼54%\s*2025 年全年 ¥8,570,000\.00/)
  assert.match(await figure('received_fen'), /今年到账金额\s*¥1,840,000\.00\s*去年同期 ¥3,478,333\.30\s*▼47%\s*2025 年全年 ¥3,478,333\.30/)
  assert.match(await figure('rewards_paid_fen'), /今年发放奖励\s*¥0\.00\s*去年同期 ¥477,470\.00\s*▼100%\s*2025 年全年 ¥477,470\.00/)
  // Income by department: each of the ten 2026 contracts is linked to an achievement of its topic's
  // department (demo/small.rs this_year), received half on signing (yuan): 计算机 HT2026-201 50,000
  // + -207 190,000 = 240,000; 机械 -202 55,000 + -208 240,000 = 295,000; 材料 -203 190,000 + -209
  // 230,000 = 420,000; 化学化工 -204 50,000 + -210 375,000 = 425,000; 电气 -205 160,000; 生命
  // -206 300,000 — together the 1,840,000.00 above, and nothing "未关联成果". (The chart is a canvas:
  // its data is read as the screen gets it.)
  const byDepartment = await page.evaluate(async () => {
    const token = document.cookie.split(';').map((c) => c.trim().split('=')).find(([k]) => k === 'td_csrf')?.[1] ?? ''
    const r = await fetch('/api/dashboard', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': token }, body: '{}' })
    return (await r.json()).income_by_department
  })
  assert.deepEqual(byDepartment, [
    { department: '化学化工学院', amount_fen: 42_500_000 },
    { department: '材料科学与工程学院', amount_fen: 42_000_000 },
    { department: '生命科学学院', amount_fen: 30_000_000 },
    { department: '机械工程学院', amount_fen: 29_500_000 },
    { department: '计算机学院', amount_fen: 24_000_000 },
    { department: '电气工程学院', amount_fen: 16_000_000 },
  ])

  // The count opens this year's contracts: the ten of 2026.
  await page.getByTestId('dashboard-figure-contracts').click()
  await page.waitForURL(/#\/contracts\?year=2026/)
  await page.locator('[data-testid="contracts-table"] .el-table__row').first().waitFor()
  assert.equal(Number((await page.locator('.el-pagination__total').innerText()).replace(/\D/g, '')), 10)
  await page.goBack()

  // The portfolio chart, kinds down the side (the demo holds all eight), invention patents on
  // top: its first segment, pending (40 of the 150 inventions: 95 in force, 8 lapsed, 7
  // abandoned), starts at the grid's left edge (120 px) and is over a quarter of the longest bar.
  const chart = page.getByTestId('chart-portfolio')
  await chart.locator('canvas').waitFor()
  await chart.scrollIntoViewIfNeeded()
  const box = await chart.boundingBox()
  const row = (box.height - 8 - 40) / 8
  await page.mouse.click(box.x + 120 + 20, box.y + 8 + row / 2)
  await page.waitForURL(/#\/achievements\?.*kind=invention_patent/)
  assert.match(page.url(), /status=pending/)
  await page.getByTestId('portfolio-pagination').waitFor()
  await page.waitForFunction(() => /共 40 条/.test(document.querySelector('[data-testid="portfolio-pagination"]')?.textContent ?? ''))
  assert.equal(await total(page), 40)
  assert.deepEqual(problems, [])
})

test('Ctrl+K searches everything; numbers in any format; Enter opens the record', async () => {
  const { page, problems } = await openDashboard()
  await page.keyboard.press('Control+k')
  const input = page.getByTestId('search-input')
  await input.waitFor()
  // CG20160041, typed in lower case with a space (the 41st achievement, filed in 2016).
  await input.fill('cg2016 0041')
  await page.getByTestId('search-group-achievement').waitFor()
  const hit = page.getByTestId('search-hit').first()
  // The title, then the achievement and application numbers.
  assert.equal(await hit.locator('.label').innerText(), '一种基于自适应控制的检测工装')
  assert.equal(await hit.locator('.detail').innerText(), 'CG20160041 · 201610186917.4')
  await input.press('Enter')
  await page.waitForURL(/#\/achievements\/\d+$/)
  assert.equal(await page.getByTestId('achievement-title').innerText(), '一种基于自适应控制的检测工装')

  // Its application number typed in groups, with a CN prefix and without the dot.
  await page.keyboard.press('Control+k')
  await input.fill('CN 2016 1018 6917 4')
  await page.getByTestId('search-group-achievement').getByText('CG20160041 · 201610186917.4').waitFor()

  await input.fill('没有这种东西')
  await page.getByTestId('search-results').getByText('没有找到“没有这种东西”').waitFor()
  await page.keyboard.press('Escape')
  assert.deepEqual(problems, [])
})

test('the institution profile is saved, with field problems in place, and renames the header', async () => {
  // The profile is the administrator's to change (the command table: save_profile is admin's).
  const { page, problems, server } = await app.open('#/settings?tab=profile', { as: 'admin' })
  await page.getByTestId('profile-form').waitFor()
  // The demo institution as created (demo/mod.rs): no code or competent department recorded yet.
  assert.equal(await page.getByTestId('profile-name').inputValue(), '西川理工大学')
  assert.equal(await page.getByTestId('profile-province').inputValue(), '四川省')
  assert.equal(await page.getByTestId('profile-competent').inputValue(), '')
  await page.getByTestId('institution').getByText('西川理工大学').waitFor()
  // Who takes objections to a publicity, as the demo records it (demo/mod.rs first_day).
  assert.equal(await page.getByTestId('profile-contact-office').inputValue(), '科学技术发展研究院技术转移中心')
  assert.equal(await page.getByTestId('profile-contact-phone').inputValue(), '028-8760 1234')
  assert.equal(await page.getByTestId('profile-contact-email').inputValue(), 'ttc@xcut.edu.cn')

  await page.getByTestId('profile-code').fill('1'.repeat(41))
  await page.getByTestId('profile-contact-email').fill('ttc@xcut')
  await page.getByTestId('profile-save').click()
  await page.locator('.el-form-item__error', { hasText: '内容过长（最多 40 个字符）' }).waitFor()
  await page.locator('.el-form-item__error', { hasText: '电子邮箱应形如 name@example.edu.cn' }).waitFor()
  await page.getByTestId('profile-contact-email').fill('kjc@xcut.edu.cn')
  await page.getByTestId('profile-code').fill('12510000450719123X')
  await page.getByTestId('profile-name').fill('西川理工大学（新校名）')
  await page.getByTestId('profile-competent').fill('四川省教育厅')
  await page.getByTestId('profile-save').click()
  // (The refusal's message may still be up: the newest is waited for by its text.)
  await page.locator('.el-message', { hasText: '单位信息已保存' }).waitFor()
  await page.getByTestId('institution').getByText('西川理工大学（新校名）').waitFor()

  // Saved: another person opening the profile sees it.
  const other = await app.page(server, '#/settings?tab=profile')
  await other.page.getByTestId('profile-form').waitFor()
  assert.equal(await other.page.getByTestId('profile-competent').inputValue(), '四川省教育厅')
  assert.equal(await other.page.getByTestId('profile-code').inputValue(), '12510000450719123X')
  assert.equal(await other.page.getByTestId('profile-contact-email').inputValue(), 'kjc@xcut.edu.cn')
  await other.page.getByTestId('institution').getByText('西川理工大学（新校名）').waitFor()
  // The too-long code was refused by the backend (a 422 answer), and nothing else was logged.
  assert.deepEqual(problems, [refusedLine(422)])
  assert.deepEqual(other.problems, [])
})

test('the whole app switches to English without a restart', async () => {
  const { page, problems } = await openDashboard()
  await page.getByTestId('lang-en').click()
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor()
  assert.match(await page.getByTestId('deadline-fees_due30').innerText(), /Annual fees due within 30 days\s*12/)
  assert.match(await page.getByTestId('dashboard-figure-contracts').innerText(), /Contracts signed this year\s*10\s*Same period last year 11/)
  await page.getByTestId('lang-zh-CN').click()
  await page.getByRole('heading', { name: '工作台' }).waitFor()
  assert.deepEqual(problems, [])
})
