import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { cells, lastMessage, start, typeDate } from './harness.mjs'

// The fake backend (ui/src/api/fake-fees.ts) is at 2026-11-23; the fake institution has 费减 (15%
// in the ten years from the grant year). Figures by hand from domain.md §5:
// - due by 2026-12-23 (30 days): CG2016-0280 year 11 (4,000 → 600.00), CG2020-0139 year 7 (utility
//   model 1,200 → 180.00), CG2020-0149 year 7 (2,000 → 300.00), CG2017-0184 year 10 (4,000 →
//   600.00), CG2022-0203 year 5 (utility model 900 → 135.00) = 1,815.00;
// - in grace: CG2020-0266, invention filed 2020-06-03, paid through 6: year 7 due 2026-06-03, 300.00;
//   11-23 is in the sixth month → + 25% of 2,000 = 500.00 → 800.00 (on 11-03, the fifth: + 400.00);
// - past the grace period: CG2021-0048 year 5 due 2025-12-06 (grace ended 2026-06-06): 180.00 +
//   25% of 1,200 = 300.00 + 1,000.00 restoration = 1,480.00.

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
  await page.getByTestId(`fees-tab-${name}`).click()
  await page.waitForURL(new RegExp(`tab=${name}|#/fees$`))
  await page.locator('[data-testid="fees-table"] .el-table__row').first().waitFor()
}

const rowOf = async (page, no) => (await cells(page, 'fees-table')).find((r) => r[0] === no)

test('the tabs hold the fees due in 30/60/90 days, in grace and past it, with the hand-computed figures', async () => {
  const { page, problems } = await openFees()
  assert.match(await page.getByTestId('fees-tab-due30').innerText(), /30 天内到期\s*5/)
  assert.match(await page.getByTestId('fees-tab-due60').innerText(), /60 天内到期\s*10/)

  await tab(page, 'due30')
  const rows = await cells(page, 'fees-table')
  assert.deepEqual(
    rows.map((r) => [r[0], r[2], r[3], r[8]]),
    [
      ['CG2016-0280', '第 11 年', '2026-12-08', '¥600.00'],
      ['CG2020-0139', '第 7 年', '2026-12-12', '¥180.00'],
      ['CG2020-0149', '第 7 年', '2026-12-13', '¥300.00'],
      ['CG2017-0184', '第 10 年', '2026-12-22', '¥600.00'],
      ['CG2022-0203', '第 5 年', '2026-12-22', '¥135.00'],
    ],
  )
  assert.equal(await page.getByTestId('fees-sum').innerText(), '共 5 项，按 2026-11-23 缴纳合计 ¥1,815.00')

  await tab(page, 'grace')
  const grace = await rowOf(page, 'CG2020-0266')
  assert.deepEqual(grace.slice(3, 11), ['2026-06-03', '2026-12-03', '¥2,000.00', '费减（缴 15%）', '¥300.00', '¥500.00', '¥800.00', '宽限期'])

  await tab(page, 'lapsed')
  const lapsed = await rowOf(page, 'CG2021-0048')
  assert.deepEqual(lapsed.slice(8, 11), ['¥300.00', '¥1,000.00', '¥1,480.00'])
  await page.screenshot({ path: '/tmp/ui-fees.png', fullPage: true })
  assert.deepEqual(problems, [])
})

test('paying a fee in grace: the dialog quotes the band for the chosen day and the row leaves the list', async () => {
  const { page, problems } = await openFees('#/fees?tab=grace')
  await page.getByTestId('fee-pay-CG2020-0266').click()
  await page.getByTestId('fee-pay-total').filter({ hasText: '¥800.00' }).waitFor()
  assert.equal(await page.getByTestId('fee-pay-band').innerText(), '逾期第 6 个月：全额年费的 25%，¥500.00')
  assert.equal(await page.getByTestId('fee-pay-amount').inputValue(), '800.00')

  // Paid on 2026-11-03 instead: the fifth month, 20% → 700.00, and the amount follows.
  await typeDate(page, 'fee-pay-date', '2026-11-03')
  await page.getByTestId('fee-pay-total').filter({ hasText: '¥700.00' }).waitFor()
  assert.equal(await page.getByTestId('fee-pay-band').innerText(), '逾期第 5 个月：全额年费的 20%，¥400.00')
  assert.equal(await page.getByTestId('fee-pay-amount').inputValue(), '700.00')
  await page.getByTestId('fee-pay-voucher').fill('PJ-2026-1103')
  await page.getByTestId('fee-pay-confirm').click()
  assert.equal(await lastMessage(page), '已记录 CG2020-0266 第 7 年年费')
  await page.getByTestId('fee-pay-CG2020-0266').waitFor({ state: 'detached' })

  // A lapsed patent restored with a different amount: accepted, the difference said out loud.
  await tab(page, 'lapsed')
  await page.getByTestId('fee-pay-CG2021-0048').click()
  await page.getByTestId('fee-pay-band').filter({ hasText: '宽限期已届满' }).waitFor()
  assert.equal(await page.getByTestId('fee-pay-total').innerText(), '¥1,480.00')
  await page.getByTestId('fee-pay-amount').fill('1,400')
  await page.getByTestId('fee-pay-confirm').click()
  assert.equal(await lastMessage(page), '已记录。注意：实缴 ¥1,400.00 与按规则应缴 ¥1,480.00 不一致（以国家知识产权局缴费通知为准）')
  await page.getByTestId('fee-pay-CG2021-0048').waitFor({ state: 'detached' })

  // 标记失效 for another patent past its grace period.
  const [first] = await cells(page, 'fees-table')
  await page.getByTestId(`fee-lapse-${first[0]}`).click()
  assert.match(await lastMessage(page), new RegExp(`${first[0]} 已标记失效`))
  await page.getByTestId(`fee-lapse-${first[0]}`).waitFor({ state: 'detached' })
  assert.deepEqual(problems, [])
})

test('abandoning needs a reason and a confirmation, ends the fees and shows on the patent’s schedule', async () => {
  const { page, problems } = await openFees('#/fees?tab=due30')
  await page.getByTestId('fee-decide-CG2016-0280').click()
  await page.getByTestId('fee-decide-abandon').click()
  assert.equal(await page.getByTestId('fee-decide-confirm').isDisabled(), true, 'a reason is required')
  await page.getByTestId('fee-decide-reason').fill('五年内无转化意向，维持成本高')
  await typeDate(page, 'fee-decide-notified', '2026-11-10')
  await page.getByTestId('fee-decide-grant').click()
  await page.getByTestId('fee-decide-confirm').click()
  // The confirmation: cancelling writes nothing.
  const box = page.locator('.el-message-box')
  await box.waitFor()
  assert.match(await box.innerText(), /确定放弃 CG2016-0280/)
  await page.locator('.el-message-box__btns .el-button:not(.el-button--primary)').click()
  await box.waitFor({ state: 'hidden' })
  await page.getByTestId('fee-decide-confirm').click()
  await page.locator('.el-message-box__btns .el-button--primary').click()
  assert.equal(await lastMessage(page), '已记录 CG2016-0280 的放弃决定')
  await page.getByTestId('fee-decide-CG2016-0280').waitFor({ state: 'detached' })
  assert.equal(await page.getByTestId('fees-sum').innerText(), '共 4 项，按 2026-11-23 缴纳合计 ¥1,215.00')

  // The achievement page: the schedule ended, the decision listed.
  await page.getByTestId('fee-open-CG2017-0184').click()
  await page.waitForURL(/#\/achievements\/\d+$/)
  const schedule = page.getByTestId('fee-schedule')
  await schedule.getByTestId('schedule-years').waitFor()
  // CG2017-0184: filed 2017-12-22, granted 2019-11-22 (year 2), paid through 9: year 10 due 2026-12-22.
  assert.match(await schedule.getByTestId('schedule-summary').innerText(), /保护期 20 年；授权于第 2 年；已缴至第 9 年/)
  const years = await cells(page, 'schedule-years')
  assert.deepEqual(years[9].slice(0, 6), ['第 10 年', '2026-12-22', '¥4,000.00', '费减（缴 15%）', '¥600.00', '待缴'])
  assert.deepEqual(years[11].slice(3, 5), ['无', '¥4,000.00'], 'year 12 is past the ten reduced years (2 … 11)')
  await schedule.getByTestId('schedule-pay').click()
  await page.getByTestId('fee-pay-total').filter({ hasText: '¥600.00' }).waitFor()
  assert.equal(await page.getByTestId('fee-pay-band').innerText(), '按期缴纳，无滞纳金')
  await page.getByTestId('fee-pay-confirm').click()
  await schedule.getByText('2026-11-23 缴纳 ¥600.00').waitFor()

  await schedule.getByTestId('schedule-decide').click()
  await page.getByTestId('fee-decide-reason').fill('已签许可意向书，继续维持')
  await page.getByTestId('fee-decide-confirm').click()
  await schedule.getByTestId('schedule-decisions').waitFor()
  const decisions = await cells(page, 'schedule-decisions')
  assert.deepEqual(decisions.map((r) => r.slice(0, 3)), [['2026-11-23', '维持', '已签许可意向书，继续维持']])
  assert.deepEqual(problems, [])
})

test('the menu leads to the fee screen and the export writes the list', async () => {
  const { page, problems } = await app.open('#/achievements')
  await page.getByTestId('nav-fees').click()
  await page.waitForURL(/#\/fees/)
  await page.locator('[data-testid="fees-table"] .el-table__row').first().waitFor()
  await page.getByTestId('fees-export').click()
  assert.match(await lastMessage(page), /已导出 \d+ 项（90 天内到期及宽限期内）到 \/home\/office\/导出\/年费缴纳清单-2026-11-23\.xlsx/)
  assert.deepEqual(problems, [])
})
