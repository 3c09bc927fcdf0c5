import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { cells, chooseFile, cli, download, lastMessage, refusals, start, typeDate, zipEntry } from './harness.mjs'

// The small Rust demo (src-tauri/core/src/demo/small.rs) at Monday 2026-11-23. 西川理工大学 has its
// 费减 filing accepted and no patent has co-owners or an open licence, so a year in the window
// (grant year … grant year + 9) pays 15% of the full fee, any other year 100% (docs/rules/fees.md).
// Full fees: invention 1–3 900, 4–6 1,200, 7–9 2,000, 10–12 4,000, 13–15 6,000; utility model and
// design 1–3 600, 4–5 900, 6–8 1,200, 9–10 2,000. Year n is due on the filing date + (n − 1)
// years, its grace ends six months later; the next year is the recorded paid-through year + 1.
// The due date, each surcharge month's end and the grace end move to the next working day when
// they fall on a weekend or holiday (the shipped calendar: 2026 元旦 01-01…01-03 with 01-04
// worked, 春节 02-15…02-23, 中秋 09-25…09-27, 国庆 10-01…10-07; 2027 has no arrangement, so
// only its weekends move dates — the screen warns about it). A moved date shows "顺延自" and the
// statutory day. Figures by hand from the demo's records (filed, granted → grant year, paid through):
//
// Due within 30 days (by 2026-12-23), by due date then number:
//   CG20220039 invention 2022-11-27, 2025-03-31 → 3, paid 4: year 5 due 2026-11-27, 1,200 × 15% = 180.00
//   CG20200171 utility   2020-12-01, 2021-09-21 → 1, paid 6: year 7 due 2026-12-01, 1,200 × 15% = 180.00
//   CG20120117 invention 2012-12-02, 2015-01-05 → 3, paid 14: year 15 due 2026-12-02, past the window (3–12): 6,000.00
//   CG20210035 invention 2021-12-06, 2024-05-08 → 3, paid 5: year 6 due Sunday 2026-12-06 → Monday 12-07, 1,200 × 15% = 180.00
//   CG20170201 utility   2017-12-11, 2018-10-01 → 1, paid 9: year 10 due 2026-12-11, 2,000 × 15% = 300.00
//   CG20220081 invention 2022-12-14, 2025-07-01 → 3, paid 4: year 5 due 2026-12-14, 1,200 × 15% = 180.00
//   CG20220104 invention 2022-12-13, 2024-12-26 → 3, paid 4: year 5 due Sunday 2026-12-13 → Monday 12-14
//     (the same day as CG20220081, so after it by number), 1,200 × 15% = 180.00
//   CG20150089 invention 2015-12-18, 2018-03-13 → 3, paid 11: year 12 due 2026-12-18, the window's last year: 4,000 × 15% = 600.00
//   CG20200130 invention 2020-12-21, 2023-01-21 → 3, paid 6: year 7 due 2026-12-21, 2,000 × 15% = 300.00
//   CG20220190 utility   2022-12-22, 2023-08-23 → 1, paid 4: year 5 due 2026-12-22, 900 × 15% = 135.00
//   CG20190032 invention 2019-12-23, 2021-06-01 → 2, paid 7: year 8 due 2026-12-23, 2,000 × 15% = 300.00
//   CG20240206 utility   2024-12-23, 2025-07-14 → 1, paid 2: year 3 due 2026-12-23 (day 30), 600 × 15% = 90.00
//   12 fees, 5 × 180.00 + 6,000.00 + 3 × 300.00 + 600.00 + 135.00 + 90.00 = 8,625.00.
// Due in days 31–60 (to 2027-01-22): 12 more (CG20190214 … CG20250207) → 24 within 60 days;
// in days 61–90 (to 2027-02-21): 9 more (CG20190216 … CG20140027) → 33 within 90 days.
//
// In grace on 11-23 (due before today, grace not over); surcharge = rate × the FULL fee, the rate
// by the whole months since the statutory due date (≤ 1: 0, ≤ 2: 5%, … ≤ 5: 20%, ≤ 6: 25%), each
// month's end moved off weekends and holidays:
//   CG20190208 utility 2019-06-25, 2020-05-07 → 1, paid 7: year 8 due 06-25, grace end 12-25; 1,200 → 180.00;
//     11-23 is after Sunday 10-25 → 10-26 (4 months) and by 11-25 (5): 20% = 240.00 → 420.00
//   CG20180012 invention, year 9 due Saturday 08-01 → Monday 08-03: 2,000 → 300.00; after Sunday
//     11-01 → 11-02, by 12-01: 15% = 300.00 → 600.00
//   CG20200136 invention 2020-08-04, 2024-02-20 → 4, paid 6: year 7 due 08-04: 300.00 + 15% = 300.00 → 600.00
//   CG20190134 invention, year 8 due Saturday 08-22 → Monday 08-24: 300.00; the third month ends on
//     Sunday 11-22 → Monday 11-23, so today is still the third month: 10% = 200.00 → 500.00
//   CG20200222 design filed 2020-10-18 (ten-year term), year 7 due Sunday 10-18 → Monday 10-19: 1,200 → 180.00;
//     after 11-18 (Wednesday): 5% = 60.00 → 240.00
//   5 fees, 420.00 + 2 × 600.00 + 500.00 + 240.00 = 2,360.00.
//
// Past the grace period, still recorded in force (逾期未缴; restoration: fee + 25% of the full fee +
// 1,000.00), by (moved) due date then number:
//   CG20170138 invention year 10 due Saturday 2026-01-03 (元旦) → 01-04, a worked Sunday (grant
//     year 2, window 2–11): 600.00 + 1,000.00 + 1,000.00 = 2,600.00
//   CG20180185 utility year 9 due 2026-01-07: 300.00 + 500.00 + 1,000.00 = 1,800.00
//   CG20180183 utility year 9 due 2026-01-12: 1,800.00
//   CG20200184 utility 2020-01-29, 2020-11-01 → 1, paid 6: year 7 due 2026-01-29, grace end 07-29:
//     180.00 + 25% of 1,200 = 300.00 + 1,000.00 = 1,480.00
//   CG20140068 invention year 13 due 2026-02-18, in 春节 → 02-24 (window 2–11): 6,000.00 + 1,500.00 + 1,000.00 = 8,500.00
//   CG20230187 utility year 4 due 2026-02-16, in 春节 → 02-24 (same day, after CG20140068 by
//     number): 135.00 + 225.00 + 1,000.00 = 1,360.00
//   CG20220092 invention year 5 due 2026-03-05: 180.00 + 300.00 + 1,000.00 = 1,480.00
//   CG20230017 invention year 4 due 2026-03-12: 1,480.00
//   8 patents, 20,500.00.

let app
before(async () => {
  app = await start()
})
after(() => app.stop())

async function openFees(hash = '#/fees') {
  const opened = await app.open(hash)
  await opened.page.getByTestId('fees-table').waitFor()
  await opened.page.locator('[data-testid="fees-table"] .el-table__row').first().waitFor()
  return opened
}

async function tab(page, name) {
  // The tab names its count: the table shows that many rows (up to a first page of 50) once the
  // tab's own list arrived — the previous tab's rows are still there until it does.
  const label = page.getByTestId(`fees-tab-${name}`).filter({ hasText: /\d+\s*$/ })
  await label.waitFor()
  const count = Number((await label.innerText()).match(/(\d+)\s*$/)?.[1])
  await page.getByTestId(`fees-tab-${name}`).click()
  await page.waitForURL(new RegExp(`tab=${name}|#/fees$`))
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="fees-table"] .el-table__body-wrapper tr.el-table__row').length === n,
    Math.min(count, 50),
  )
}

const rowOf = async (page, no) => (await cells(page, 'fees-table')).find((r) => r[0] === no)

test('the tabs hold the fees due in 30/60/90 days, in grace and past it, with the hand-computed figures', async () => {
  const { page, problems } = await openFees()
  assert.match(await page.getByTestId('fees-tab-due30').innerText(), /30 天内到期\s*12/)
  assert.match(await page.getByTestId('fees-tab-due60').innerText(), /60 天内到期\s*24/)
  assert.match(await page.getByTestId('fees-tab-due90').innerText(), /90 天内到期\s*33/)
  assert.match(await page.getByTestId('fees-tab-grace').innerText(), /宽限期内\s*5/)
  assert.match(await page.getByTestId('fees-tab-lapsed').innerText(), /逾期未缴\s*8/)
  // The fees' deadlines reach into 2027, which has no holiday arrangement.
  assert.match(await page.getByTestId('fees-calendar-missing').innerText(), /2027 年没有节假日安排/)

  await tab(page, 'due30')
  const rows = await cells(page, 'fees-table')
  assert.deepEqual(
    rows.map((r) => [r[0], r[2], r[3], r[8]]),
    [
      ['CG20220039', '第 5 年', '2026-11-27', '¥180.00'],
      ['CG20200171', '第 7 年', '2026-12-01', '¥180.00'],
      ['CG20120117', '第 15 年', '2026-12-02', '¥6,000.00'],
      ['CG20210035', '第 6 年', '2026-12-07 顺延自 2026-12-06', '¥180.00'],
      ['CG20170201', '第 10 年', '2026-12-11', '¥300.00'],
      ['CG20220081', '第 5 年', '2026-12-14', '¥180.00'],
      ['CG20220104', '第 5 年', '2026-12-14 顺延自 2026-12-13', '¥180.00'],
      ['CG20150089', '第 12 年', '2026-12-18', '¥600.00'],
      ['CG20200130', '第 7 年', '2026-12-21', '¥300.00'],
      ['CG20220190', '第 5 年', '2026-12-22', '¥135.00'],
      ['CG20190032', '第 8 年', '2026-12-23', '¥300.00'],
      ['CG20240206', '第 3 年', '2026-12-23', '¥90.00'],
    ],
  )
  // Past the reduction window the full fee, no reduction.
  assert.deepEqual((await rowOf(page, 'CG20120117')).slice(5, 8), ['¥6,000.00', '无', '¥6,000.00'])
  assert.equal(await page.getByTestId('fees-sum').innerText(), '共 12 项，按 2026-11-23 缴纳合计 ¥8,625.00')

  await tab(page, 'grace')
  assert.deepEqual(
    (await cells(page, 'fees-table')).map((r) => [r[0], r[3], r[8], r[9]]),
    [
      ['CG20190208', '2026-06-25', '¥240.00', '¥420.00'],
      ['CG20180012', '2026-08-03 顺延自 2026-08-01', '¥300.00', '¥600.00'],
      ['CG20200136', '2026-08-04', '¥300.00', '¥600.00'],
      ['CG20190134', '2026-08-24 顺延自 2026-08-22', '¥200.00', '¥500.00'],
      ['CG20200222', '2026-10-19 顺延自 2026-10-18', '¥60.00', '¥240.00'],
    ],
  )
  const grace = await rowOf(page, 'CG20190208')
  assert.deepEqual(grace.slice(2, 11), ['第 8 年', '2026-06-25', '2026-12-25', '¥1,200.00', '费减（缴 15%）', '¥180.00', '¥240.00', '¥420.00', '宽限期'])
  assert.equal(await page.getByTestId('fees-sum').innerText(), '共 5 项，按 2026-11-23 缴纳合计 ¥2,360.00')

  await tab(page, 'lapsed')
  assert.deepEqual(
    (await cells(page, 'fees-table')).map((r) => [r[0], r[3], r[10]]),
    [
      ['CG20170138', '2026-01-04 顺延自 2026-01-03', '¥2,600.00'],
      ['CG20180185', '2026-01-07', '¥1,800.00'],
      ['CG20180183', '2026-01-12', '¥1,800.00'],
      ['CG20200184', '2026-01-29', '¥1,480.00'],
      ['CG20140068', '2026-02-24 顺延自 2026-02-18', '¥8,500.00'],
      ['CG20230187', '2026-02-24 顺延自 2026-02-16', '¥1,360.00'],
      ['CG20220092', '2026-03-05', '¥1,480.00'],
      ['CG20230017', '2026-03-12', '¥1,480.00'],
    ],
  )
  const lapsed = await rowOf(page, 'CG20200184')
  assert.deepEqual(lapsed.slice(4, 12), ['2026-07-29', '¥1,200.00', '费减（缴 15%）', '¥180.00', '¥300.00', '¥1,000.00', '¥1,480.00', '已过宽限期'])
  assert.equal(await page.getByTestId('fees-sum').innerText(), '共 8 项，按 2026-11-23 缴纳合计 ¥20,500.00')
  // Each is an error of the data check until one of the two ways out is recorded.
  const hint = await page.getByTestId('fees-past-grace-hint').innerText()
  assert.ok(hint.includes('恢复缴费') && hint.includes('标记失效'), hint)
  assert.deepEqual(problems, [])
})

test('paying a fee in grace: the dialog quotes the band for the chosen day and the row leaves the list', async () => {
  const { page, problems } = await openFees('#/fees?tab=grace')
  // CG20190208, year 8 due 2026-06-25: today is in the fifth month, 20% of 1,200.00 = 240.00.
  await page.getByTestId('fee-pay-CG20190208').click()
  await page.getByTestId('fee-pay-total').filter({ hasText: '¥420.00' }).waitFor()
  assert.equal(await page.getByTestId('fee-pay-band').innerText(), '逾期第 5 个月：全额年费的 20%，¥240.00')
  assert.equal(await page.getByTestId('fee-pay-amount').inputValue(), '420.00')

  // Paid on 2026-10-20 instead: after 09-25 (3 months), by 10-25 (4): 15% = 180.00 → 360.00, and the amount follows.
  await typeDate(page, 'fee-pay-date', '2026-10-20')
  await page.getByTestId('fee-pay-total').filter({ hasText: '¥360.00' }).waitFor()
  assert.equal(await page.getByTestId('fee-pay-band').innerText(), '逾期第 4 个月：全额年费的 15%，¥180.00')
  assert.equal(await page.getByTestId('fee-pay-amount').inputValue(), '360.00')
  await page.getByTestId('fee-pay-voucher').fill('PJ-2026-1020')
  await page.getByTestId('fee-pay-confirm').click()
  assert.equal(await lastMessage(page), '已记录 CG20190208 第 8 年年费')
  await page.getByTestId('fee-pay-CG20190208').waitFor({ state: 'detached' })
  // 2,360.00 − 420.00 = 1,940.00 left in grace.
  await page.getByTestId('fees-sum').filter({ hasText: '共 4 项，按 2026-11-23 缴纳合计 ¥1,940.00' }).waitFor()

  // A lapsed patent restored with a different amount: accepted, the difference said out loud.
  await tab(page, 'lapsed')
  await page.getByTestId('fee-pay-CG20200184').click()
  await page.getByTestId('fee-pay-band').filter({ hasText: '宽限期已届满' }).waitFor()
  assert.equal(await page.getByTestId('fee-pay-band').innerText(), '宽限期已届满：按恢复程序缴纳，另加 25% 滞纳金 ¥300.00 及恢复费 ¥1,000.00')
  assert.equal(await page.getByTestId('fee-pay-total').innerText(), '¥1,480.00')
  await page.getByTestId('fee-pay-amount').fill('1,400')
  await page.getByTestId('fee-pay-confirm').click()
  // The first payment's message may still be showing: wait for this one by its text.
  await page.locator('.el-message').filter({ hasText: '已记录。注意：实缴 ¥1,400.00 与按规则应缴 ¥1,480.00 不一致（以国家知识产权局缴费通知为准）' }).waitFor()
  await page.getByTestId('fee-pay-CG20200184').waitFor({ state: 'detached' })

  // 标记失效 for another patent past its grace period: the first left, CG20170138, lapsed as of its
  // year 10's first day as the law counts it, Saturday 2026-01-03 (元旦): the move to the worked
  // Sunday 01-04 gave more time to pay, it does not move the patent year.
  const [first] = await cells(page, 'fees-table')
  assert.equal(first[0], 'CG20170138')
  await page.getByTestId('fee-lapse-CG20170138').click()
  // Likewise the restoration's.
  await page.locator('.el-message').filter({ hasText: 'CG20170138 已标记失效（自 2026-01-03 起终止）' }).waitFor()
  await page.getByTestId('fee-lapse-CG20170138').waitFor({ state: 'detached' })
  // 20,500.00 − 1,480.00 − 2,600.00 = 16,420.00 for the six left.
  await page.getByTestId('fees-sum').filter({ hasText: '共 6 项，按 2026-11-23 缴纳合计 ¥16,420.00' }).waitFor()
  assert.deepEqual(problems, [])
})

test('abandoning needs a reason and a confirmation, ends the fees and shows on the patent’s schedule', async () => {
  const { page, problems, server } = await openFees('#/fees?tab=due30')
  // The patent's page, to come back to once it is abandoned.
  await page.getByTestId('fee-open-CG20220039').click()
  await page.waitForURL(/#\/achievements\/\d+$/)
  const abandonedPage = page.url()
  await page.getByTestId('fee-schedule').getByTestId('schedule-years').waitFor()
  await page.goto(`${server.url}#/fees?tab=due30`)
  await page.locator('[data-testid="fees-table"] .el-table__row').first().waitFor()

  await page.getByTestId('fee-decide-CG20220039').click()
  await page.getByTestId('fee-decide-abandon').click()
  assert.equal(await page.getByTestId('fee-decide-confirm').isDisabled(), true, 'a reason is required')
  await page.getByTestId('fee-decide-reason').fill('五年内无转化意向，维持成本高')
  await typeDate(page, 'fee-decide-notified', '2026-11-10')
  await page.getByTestId('fee-decide-grant').click()
  await page.getByTestId('fee-decide-confirm').click()
  // The confirmation: cancelling writes nothing.
  const box = page.locator('.el-message-box')
  await box.waitFor()
  assert.match(await box.innerText(), /确定放弃 CG20220039/)
  await page.locator('.el-message-box__btns .el-button:not(.el-button--primary)').click()
  await box.waitFor({ state: 'hidden' })
  assert.equal(await page.getByTestId('fees-sum').innerText(), '共 12 项，按 2026-11-23 缴纳合计 ¥8,625.00')
  await page.getByTestId('fee-decide-confirm').click()
  await page.locator('.el-message-box__btns .el-button--primary').click()
  assert.equal(await lastMessage(page), '已记录 CG20220039 的放弃决定')
  await page.getByTestId('fee-decide-CG20220039').waitFor({ state: 'detached' })
  // 8,625.00 − 180.00.
  assert.equal(await page.getByTestId('fees-sum').innerText(), '共 11 项，按 2026-11-23 缴纳合计 ¥8,445.00')

  // Another patent's page: CG20150089, invention filed 2015-12-18, granted 2018-03-13 (patent year 3),
  // paid through 11: year 12 due 2026-12-18 is the window's last reduced year (3 … 12). A date
  // moved off a weekend is starred (the statutory one in its tooltip): year 2, due Sunday
  // 2016-12-18, is 12-19; year 13, due Saturday 2027-12-18, is 12-20.
  await page.getByTestId('fee-open-CG20150089').click()
  await page.waitForURL(/#\/achievements\/\d+$/)
  const schedule = page.getByTestId('fee-schedule')
  await schedule.getByTestId('schedule-years').waitFor()
  assert.equal(await schedule.getByTestId('schedule-summary').innerText(), '保护期 20 年；授权于第 3 年；已缴至第 11 年；费减：授权当年起 10 年缴 15%')
  const years = await cells(page, 'schedule-years')
  assert.equal(years.length, 20)
  assert.deepEqual(years[1].slice(0, 6), ['第 2 年', '2016-12-19*', '¥900.00', '无', '¥900.00', '授权前'])
  assert.deepEqual(years[2].slice(4, 7), ['¥135.00', '已缴', '已缴（授权登记时或导入前）'], 'the grant year is paid at registration')
  assert.deepEqual(years[11].slice(0, 6), ['第 12 年', '2026-12-18', '¥4,000.00', '费减（缴 15%）', '¥600.00', '待缴'])
  assert.deepEqual(years[12].slice(0, 6), ['第 13 年', '2027-12-20*', '¥6,000.00', '无', '¥6,000.00', '未到期'], 'year 13 is past the ten reduced years')
  await schedule.getByTestId('schedule-pay').click()
  await page.getByTestId('fee-pay-total').filter({ hasText: '¥600.00' }).waitFor()
  assert.equal(await page.getByTestId('fee-pay-band').innerText(), '按期缴纳，无滞纳金')
  await page.getByTestId('fee-pay-confirm').click()
  await schedule.getByText('2026-11-23 缴纳 ¥600.00').waitFor()
  assert.match(await schedule.getByTestId('schedule-summary').innerText(), /已缴至第 12 年/)

  await schedule.getByTestId('schedule-decide').click()
  await page.getByTestId('fee-decide-reason').fill('已签许可意向书，继续维持')
  await page.getByTestId('fee-decide-confirm').click()
  await schedule.getByTestId('schedule-decisions').waitFor()
  const decisions = await cells(page, 'schedule-decisions')
  assert.deepEqual(decisions.map((r) => r.slice(0, 3)), [['2026-11-23', '维持', '已签许可意向书，继续维持']])

  // The abandoned patent's schedule: year 5 onwards ended, the decision listed with the notice and the offer.
  await page.goto(abandonedPage)
  const ended = page.getByTestId('fee-schedule')
  await ended.getByTestId('schedule-decisions').waitFor()
  assert.deepEqual((await cells(page, 'schedule-decisions')).map((r) => r.slice(0, 5)), [['2026-11-23', '放弃', '五年内无转化意向，维持成本高', '2026-11-10', '是']])
  const left = await cells(page, 'schedule-years')
  assert.deepEqual(left[4].slice(0, 6), ['第 5 年', '2026-11-27', '¥1,200.00', '费减（缴 15%）', '¥180.00', '不再缴纳'])
  assert.equal(await ended.getByTestId('schedule-pay').count(), 0, 'nothing to pay any more')
  assert.deepEqual(problems, [])
})

test('the menu leads to the fee screen and the export downloads the list', async () => {
  const { page, problems, server } = await app.open('#/achievements')
  await page.getByTestId('nav-fees').click()
  await page.waitForURL(/#\/fees/)
  await page.locator('[data-testid="fees-table"] .el-table__row').first().waitFor()
  // The default tab looks 90 days ahead: 33 due + 5 in grace = 38 (the lapsed are not in the list).
  const file = await download(page, server.dir, () => page.getByTestId('fees-export').click())
  assert.equal(file.name, '年费缴纳清单-2026-11-23.xlsx')
  assert.equal(await lastMessage(page), '已导出 38 项（90 天内到期及宽限期内）到 年费缴纳清单-2026-11-23.xlsx')
  const strings = zipEntry(file.path, 'xl/sharedStrings.xml')
  assert.match(strings, /合计（38 项）/)
  for (const no of ['CG20220039', 'CG20140027', 'CG20190208', 'CG20200222']) assert.ok(strings.includes(no), `${no} is listed`)
  assert.ok(!strings.includes('CG20200184'), 'a patent past its grace period is not')
  assert.deepEqual(problems, [])
})

// 网上缴费: the batch file for two ticked rows, then the receipts of what was paid read back.
// CG20220039 invention year 5, due 2026-11-27: 1,200 × 15% = 180.00; CG20200171 utility model
// year 7, due 12-01: 1,200 × 15% = 180.00 — both before their due dates on 11-23, so one row each,
// 360.00. The demo's profile has no 单位代码, so the credit code is typed (GB 32100's worked
// example 911100008002104339, docs/rules/identifiers.md).
// The receipts, paid 2026-11-20: CG20220039 year 5 180.00 before its due date; CG20190208 utility
// year 8 (due 06-25): the fourth month ends Sunday 10-25 → Monday 10-26, the fifth Wednesday
// 11-25, so 11-20 is the fifth month, 20% of the full 1,200.00 = 240.00 on top of 180.00.
// 180 + 180 + 240 = 600.00. Rows are the CSV's lines: the header is row 1.
test('生成缴费文件 for the ticked rows and 导入缴费回执 with its preview', async () => {
  const { page, problems, server } = await openFees('#/fees?tab=due30')
  const tick = (no) => page.locator('[data-testid="fees-table"] .el-table__body tr').filter({ has: page.getByTestId(`fee-open-${no}`) }).first().locator('.el-checkbox').click()
  await tick('CG20220039')
  await tick('CG20200171')
  await page.getByTestId('fees-cnipa').filter({ hasText: '生成缴费文件（2）' }).click()
  const dialog = page.getByTestId('fee-cnipa-dialog')
  assert.equal(await dialog.getByTestId('fee-cnipa-scope').innerText(), '所选 2 项年费')
  // Without a credit code the file is refused, the reason shown, nothing downloaded.
  await dialog.getByTestId('fee-cnipa-confirm').click()
  await dialog.getByTestId('fee-cnipa-error').filter({ hasText: '统一社会信用代码为空' }).waitFor()
  await dialog.getByTestId('fee-cnipa-credit-code').fill('911100008002104339')
  const file = await download(page, server.dir, () => dialog.getByTestId('fee-cnipa-confirm').click())
  assert.equal(file.name, '网上缴费批量缴费-2026-11-23.xlsx')
  assert.equal(await lastMessage(page), '已生成缴费文件：2 项年费，2 行，合计 ¥360.00（网上缴费批量缴费-2026-11-23.xlsx）')
  const due = cli(server.db, 'fees', 'due', '--on', '2026-11-23').fees
  const number = (no) => due.find((f) => f.achievement_no === no).application_no.replace('.', '')
  const strings = zipEntry(file.path, 'xl/sharedStrings.xml')
  for (const text of ['序号', '申请号/专利号', '费用名称', '金额(元)', '缴费人', '统一社会信用代码', '发明专利第5年年费', '实用新型专利第7年年费', number('CG20220039'), number('CG20200171'), '西川理工大学', '911100008002104339']) {
    assert.ok(strings.includes(text), `${text} is in the file`)
  }

  // A list with a wrong surcharge: every problem at its row, nothing to confirm.
  const bad = join(server.dir, '缴费信息-错.csv')
  const good = join(server.dir, '缴费信息.csv')
  const header = '专利号/申请号,费用名称,缴费金额,缴费时间,票据代码,票据号码\n'
  const rows = [
    `${number('CG20220039')},发明专利第5年年费,180.00,2026-11-20 09:30:00,51010126,0000000101`,
    `${number('CG20190208')},实用新型专利第8年年费,180.00,2026-11-20 09:30:00,51010126,0000000102`,
  ]
  writeFileSync(bad, header + [...rows, `${number('CG20190208')},年费滞纳金,180.00,2026-11-20 09:30:00,51010126,0000000102`].join('\n') + '\n')
  writeFileSync(good, header + [...rows, `${number('CG20190208')},年费滞纳金,240.00,2026-11-20 09:30:00,51010126,0000000102`, `${number('CG20190208')},专利登记费,5.00,2026-11-20,51010126,0000000103`].join('\n') + '\n')
  await chooseFile(page, bad, () => page.getByTestId('fees-receipts').click())
  const receipts = page.getByTestId('fee-receipts-dialog')
  await receipts.getByTestId('fee-receipts-problems').waitFor()
  assert.deepEqual((await cells(page, 'fee-receipts-problems')).map((r) => [r[0], r[1], r[3]]), [['4', '缴费金额', '金额 180.00 与按规则当日应缴 240.00 不符']])
  assert.equal(await receipts.getByTestId('fee-receipts-confirm').isDisabled(), true)
  await receipts.locator('.el-dialog__footer .el-button:not(.el-button--primary)').click()
  await receipts.waitFor({ state: 'hidden' })

  await chooseFile(page, good, () => page.getByTestId('fees-receipts').click())
  await receipts.getByTestId('fee-receipts-rows').waitFor()
  assert.equal(await receipts.getByTestId('fee-receipts-matched').innerText(), '可导入 2 笔年费，合计 ¥600.00')
  assert.deepEqual(
    (await cells(page, 'fee-receipts-rows')).map((r) => [r[0], r[1], r[3], r[4], r[5], r[6], r[7], r[8]]),
    [
      ['2', 'CG20220039', '第 5 年', '2026-11-20', '¥180.00', '¥0.00', '¥180.00', ''],
      ['3', 'CG20190208', '第 8 年', '2026-11-20', '¥180.00', '¥240.00', '¥420.00', '4'],
    ],
  )
  assert.match(await receipts.getByTestId('fee-receipts-ignored').innerText(), /1 行不是年费，不处理：5（专利登记费）/)
  await receipts.getByTestId('fee-receipts-confirm').click()
  // The batch file's message may still be showing: wait for this one by its text.
  await page.locator('.el-message').filter({ hasText: '已导入 2 笔年费缴费记录，合计 ¥600.00' }).waitFor()
  // Both left the lists: 12 − 1 due in 30 days, 5 − 1 in grace.
  await page.getByTestId('fee-open-CG20220039').waitFor({ state: 'detached' })
  assert.match(await page.getByTestId('fees-tab-grace').innerText(), /宽限期内\s*4/)
  // The refused file and the refused list: two refusals, nothing else.
  assert.deepEqual(problems, refusals(2))
})
