import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { cells, lastMessage, start, typeDate } from './harness.mjs'

// The fake backend (ui/src/api/fake-rewards.ts) is at 2026-11-23 and holds:
// HT2026-101 a registered license, receipts 300,000.00 + 200,000.00, costs 10,000.00 + 5,000.00,
//   inventors 50/30/20 under the 2024 policy (70%);
// HT2026-102 an equity contribution of 3,000,000.00 whose 40% inventor is the unit principal leader;
// HT2026-103 a transfer (receipt 120,000.00 on 2026-09-01) whose key contributors hold 30%;
// seven distributions #1…#7 in every state (#4 reverses #3, #5 is approved and open on HT2026-204).

let app
before(async () => {
  app = await start()
})
after(() => app.stop())

async function openPlan(contract) {
  const opened = await app.open(`#/rewards/new?contract=${contract}`)
  await opened.page.locator('[data-testid="plan-allocations"] .el-table__row').first().waitFor()
  return opened
}

const text = (page, testid) => page.getByTestId(testid).first().innerText()
const state = (page) => page.getByTestId('dist-state').getByTestId('state-tag').innerText()

async function waitForState(page, label) {
  await page.getByTestId('dist-state').getByTestId('state-tag').filter({ hasText: label }).waitFor()
}

test('the plan of a registered license shows the hand-computed figures and a Σ row equal to the pool', async () => {
  const { page, problems } = await openPlan('HT2026-101')
  // 500,000.00 − 15,000.00 = 485,000.00; × 70% = 339,500.00; the institution keeps 145,500.00.
  assert.equal(await text(page, 'figure-net'), '¥485,000.00')
  assert.equal(await text(page, 'figure-ratio'), '70%')
  assert.equal(await text(page, 'figure-pool'), '¥339,500.00')
  assert.equal(await text(page, 'figure-institution'), '¥145,500.00')
  assert.match(await text(page, 'plan-contract'), /四川长虹电器股份有限公司[\s\S]*2026510106000101/)
  assert.deepEqual(
    (await cells(page, 'plan-receipts')).map((r) => r.slice(0, 2)),
    [
      ['2026-03-10', '¥300,000.00'],
      ['2026-06-15', '¥200,000.00'],
    ],
  )

  // 339,500.00 × 50/30/20 = 169,750.00 / 101,850.00 / 67,900.00; registered license: half taxable.
  const rows = await cells(page, 'plan-allocations')
  assert.deepEqual(
    rows.map((r) => r.slice(3, 6)),
    [
      ['50%', '¥169,750.00', '¥84,875.00'],
      ['30%', '¥101,850.00', '¥50,925.00'],
      ['20%', '¥67,900.00', '¥33,950.00'],
    ],
  )
  const [sum] = await cells(page, 'plan-allocations', 'footer')
  assert.deepEqual(sum.slice(0, 6), ['合计', '', '', '100%', '¥339,500.00', '¥169,750.00'])
  assert.equal(await page.getByTestId('plan-findings').count(), 0, 'no rule finding for this contract')

  // Income through 2026-03-10: the first receipt and the appraisal fee only → 290,000.00 × 70%.
  await typeDate(page, 'plan-through', '2026-03-10')
  await page.getByTestId('figure-pool').filter({ hasText: '¥203,000.00' }).waitFor()
  assert.equal(await text(page, 'figure-net'), '¥290,000.00')
  const [sumThen] = await cells(page, 'plan-allocations', 'footer')
  assert.equal(sumThen[4], '¥203,000.00')
  await page.screenshot({ path: '/tmp/ui-reward-plan.png', fullPage: true })
  assert.deepEqual(problems, [])
})

test('a draft is refused approval without an override, then approved, publicized and paid after the publicity', async () => {
  const { page, problems } = await app.open('#/rewards')
  await page.locator('[data-testid="rewards-table"] .el-table__row').first().waitFor()

  // 新建分配: find the contract, see what it received, go to its plan.
  await page.getByTestId('rewards-new').click()
  await page.getByTestId('contract-picker').click()
  await page.getByTestId('contract-picker').locator('input').fill('HT2026-103')
  await page.getByTestId('contract-option-HT2026-103').click()
  assert.match(await text(page, 'picker-choice'), /重庆渝新能源科技有限公司[\s\S]*¥120,000\.00/)
  await page.getByTestId('picker-next').click()
  await page.waitForURL(/#\/rewards\/new\?contract=HT2026-103/)
  const finding = page.getByTestId('finding-key_contributors_below_minimum')
  await finding.waitFor()
  assert.match(await finding.innerText(), /主要贡献人员合计所得低于政策规定的最低比例/)
  // 120,000.00 × 70% = 84,000.00.
  assert.equal(await text(page, 'figure-pool'), '¥84,000.00')

  await page.getByTestId('plan-create').click()
  await page.waitForURL(/#\/rewards\/\d+$/)
  await waitForState(page, '草稿')

  // Approval is refused while the error finding stands and no override reason is given.
  await page.getByTestId('dist-approve').click()
  await typeDate(page, 'approve-date', '2026-10-08')
  assert.equal(await page.getByTestId('approve-override').count(), 1, 'the override reason is asked for')
  await page.getByTestId('approve-confirm').click()
  const refusal = page.getByTestId('approve-error')
  await refusal.waitFor()
  assert.match(await refusal.innerText(), /主要贡献人员合计低于政策规定的最低比例/)
  assert.equal(await state(page), '草稿', 'nothing changed')

  await page.getByTestId('approve-minutes').click()
  assert.equal(await text(page, 'approve-minutes-name'), '2026-10-08 校长办公会纪要.pdf')
  await page.getByTestId('approve-override').fill('经校长办公会研究，同意按实际贡献分配')
  await page.getByTestId('approve-confirm').click()
  await waitForState(page, '已审批')
  assert.equal(await text(page, 'dist-override'), '经校长办公会研究，同意按实际贡献分配')
  assert.equal(await text(page, 'dist-minutes'), '2026-10-08 校长办公会纪要.pdf')

  // Publicity: Friday 2026-10-09 + 15 days = Saturday 10-24 → the next working day, Monday 10-26.
  await page.getByTestId('dist-publicize').click()
  await typeDate(page, 'publicize-from', '2026-10-09')
  assert.equal(await page.getByTestId('publicize-days').locator('input').inputValue(), '15')
  await page.getByTestId('publicize-end').filter({ hasText: '2026-10-26' }).waitFor()
  assert.match(await text(page, 'publicize-end'), /公示期至 2026-10-26（星期一）止[\s\S]*2026-10-27 起可以发放/)
  await page.getByTestId('publicize-confirm').click()
  await waitForState(page, '已公示')
  assert.equal(await text(page, 'dist-publicity-end'), '2026-10-26')
  assert.equal(await text(page, 'dist-payable'), '2026-10-27')

  // Payment on the last day of the publicity is refused; the day after is accepted.
  await page.getByTestId('dist-pay').click()
  assert.match(await text(page, 'pay-earliest'), /最早可于 2026-10-27 发放/)
  await typeDate(page, 'pay-date', '2026-10-26')
  await page.getByTestId('pay-confirm').click()
  await page.getByTestId('pay-error').waitFor()
  assert.match(await text(page, 'pay-error'), /公示期尚未结束/)
  assert.equal(await state(page), '已公示', 'nothing changed')
  await typeDate(page, 'pay-date', '2026-10-27')
  await page.getByTestId('pay-confirm').click()
  await waitForState(page, '已发放')
  assert.equal(await text(page, 'dist-paid-on'), '2026-10-27')
  assert.equal(await page.locator('[data-testid="dist-steps"] .el-step__head.is-success').count(), 4)
  assert.equal(await page.getByTestId('dist-reverse').count(), 1, 'a paid distribution can only be reversed')
  assert.equal(await page.getByTestId('dist-approve').count() + (await page.getByTestId('dist-discard').count()), 0)
  await page.waitForTimeout(600)
  await page.screenshot({ path: '/tmp/ui-reward-detail.png', fullPage: true })

  // The list shows it paid, newest first.
  await page.getByTestId('nav-rewards').click()
  await page.locator('[data-testid="rewards-table"] .el-table__row').first().waitFor()
  const [first] = await cells(page, 'rewards-table')
  assert.match(first[1], /^HT2026-103/)
  assert.equal(first[3], '已发放')
  assert.equal(first[10], '2026-10-27')
  assert.deepEqual(problems, [])
})

test('the equity case is approved only once the unit principal leader’s waiver is recorded', async () => {
  const { page, problems } = await openPlan('HT2026-102')
  // 3,000,000.00 of capital × 70% = 2,100,000.00, 60/40 → 1,260,000.00 / 840,000.00.
  assert.equal(await text(page, 'figure-pool'), '¥2,100,000.00')
  const blocked = page.getByTestId('finding-principal_leader_equity_blocked')
  await blocked.waitFor()
  const highlighted = await page.locator('[data-testid="plan-allocations"] tr.finding-error').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent.trim())),
  )
  assert.equal(highlighted.length, 1, 'the leader’s row is marked')
  const [name, id, , weight, units] = highlighted[0]
  assert.deepEqual([weight, units], ['40%', '¥840,000.00'])
  assert.match(await blocked.innerText(), new RegExp(`${name}（${id}）是单位正职领导`))

  await page.getByTestId('plan-create').click()
  await page.waitForURL(/#\/rewards\/\d+$/)
  await waitForState(page, '草稿')
  await page.getByTestId('dist-approve').click()
  await typeDate(page, 'approve-date', '2026-11-20')
  assert.equal(await page.getByTestId('approve-override').count(), 0, 'no finding an override could clear')
  await page.getByTestId('approve-confirm').click()
  await page.getByTestId('approve-error').waitFor()
  assert.match(await text(page, 'approve-error'), /单位正职领导不得获得股权奖励/)

  await page.getByTestId(`approve-waive-${id}`).click()
  await page.getByTestId('approve-confirm').click()
  await waitForState(page, '已审批')
  await page.getByTestId('waived-tag').waitFor()
  // The waived 840,000.00 stays with the institution: 900,000.00 + 840,000.00.
  assert.equal(await text(page, 'figure-institution'), '¥1,740,000.00')
  assert.equal(await page.getByTestId('finding-principal_leader_equity_blocked').count(), 0)
  assert.deepEqual(problems, [])
})

test('a contract with an open distribution offers that one instead of a new plan', async () => {
  const { page, problems } = await app.open('#/rewards')
  await page.getByTestId('rewards-new').click()
  await page.getByTestId('contract-picker').click()
  await page.getByTestId('contract-picker').locator('input').fill('HT2026-204')
  const option = page.getByTestId('contract-option-HT2026-204')
  assert.match(await option.innerText(), /有未完成的分配 #5/)
  await option.click()
  assert.match(await text(page, 'picker-open'), /#5/)
  await page.getByTestId('picker-next').click()
  await page.waitForURL(/#\/rewards\/5$/)
  await waitForState(page, '已审批')
  assert.deepEqual(problems, [])
})

test('a paid distribution is reversed by a linked draft with negated amounts', async () => {
  const { page, problems } = await app.open('#/rewards/2')
  await waitForState(page, '已发放')
  const pool = await text(page, 'figure-pool')
  await page.getByTestId('dist-reverse').click()
  assert.equal(await page.getByTestId('reverse-confirm').isDisabled(), true, 'a reason is required')
  await page.getByTestId('reverse-reason').fill('发放名单有误')
  await page.getByTestId('reverse-confirm').click()
  await page.getByTestId('dist-reversal-link').waitFor()
  assert.equal(await page.getByTestId('dist-reverse').count(), 0, 'reversed once only')
  await page.getByTestId('dist-reversal-link').click()
  await page.waitForURL(/#\/rewards\/8$/)
  await waitForState(page, '草稿')
  assert.equal(await page.getByTestId('dist-state').getByTestId('reversal-tag').innerText(), '冲销')
  assert.equal(await text(page, 'figure-pool'), `-${pool}`)
  assert.match(await text(page, 'dist-reverses'), /#2[\s\S]*发放名单有误/)
  assert.deepEqual(problems, [])
})

test('exports go through the save dialog and say where they went', async () => {
  const { page, problems } = await app.open('#/rewards/6')
  await waitForState(page, '已公示')
  await page.getByTestId('dist-export-payroll').click()
  await page.getByTestId('export-reveal-ids').click()
  await page.getByTestId('export-payroll-confirm').click()
  assert.match(await lastMessage(page), /已导出 1 行到 \/home\/office\/导出\/收益分配6-发放表\.xlsx/)
  await page.getByTestId('dist-export-notice').click()
  await page.locator('.el-message', { hasText: '公示已导出到 /home/office/导出/收益分配6-公示.pdf' }).waitFor()
  await page.getByTestId('dist-export-statements').click()
  await page.locator('.el-message', { hasText: '已导出 1 份个人通知单' }).waitFor()
  assert.deepEqual(problems, [])
})

test('a draft is deleted after confirmation; the list filters by state and overdue', async () => {
  const { page, problems } = await app.open('#/rewards/7')
  await waitForState(page, '草稿')
  await page.getByTestId('dist-discard').click()
  await page.locator('.el-message-box__btns .el-button--primary').click()
  await page.waitForURL(/#\/rewards$/)
  await page.locator('[data-testid="rewards-pagination"] .el-pagination__total', { hasText: '6' }).waitFor()
  assert.ok((await cells(page, 'rewards-table')).every((r) => r[0] !== '#7'))

  await page.getByTestId('rewards-filter-overdue').click()
  await page.waitForURL(/overdue=1/)
  await page.locator('[data-testid="rewards-pagination"] .el-pagination__total', { hasText: '2' }).waitFor()
  const overdue = await cells(page, 'rewards-table')
  assert.deepEqual(overdue.map((r) => r[0]), ['#6', '#5'])
  assert.equal(await page.locator('[data-testid="rewards-table"] [data-testid="overdue"]').count(), 2, 'deadlines in red')

  await page.getByTestId('rewards-filter-overdue').click()
  await page.getByTestId('rewards-filter-state').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '已发放' }).click()
  await page.waitForURL(/state=paid/)
  await page.locator('[data-testid="rewards-pagination"] .el-pagination__total', { hasText: '4' }).waitFor()
  const paid = await cells(page, 'rewards-table')
  assert.ok(paid.every((r) => r[3].startsWith('已发放')))
  assert.equal(paid.filter((r) => r[3].includes('冲销')).length, 1, 'the reversal is marked')
  assert.deepEqual(problems, [])
})

test('an achievement’s contract links to its distribution plan', async () => {
  const { page, problems } = await app.open('#/achievements/5')
  await page.getByTestId('achievement-title').waitFor()
  await page.getByTestId('distribute-HT2026-101').click()
  await page.waitForURL(/#\/rewards\/new\?contract=HT2026-101/)
  await page.getByTestId('figure-pool').filter({ hasText: '¥339,500.00' }).waitFor()
  assert.deepEqual(problems, [])
})

test('the transfer staff are searched as typed and keep their names once chosen', async () => {
  // HT2026-104 falls under the 2026 policy, whose transfer staff share 5% of the pool.
  const { page, problems } = await openPlan('HT2026-104')
  const select = page.getByTestId('plan-staff').locator('.el-select')
  const option = (id) => page.locator(`.el-select-dropdown__item:visible[data-testid="staff-option-${id}"]`)
  await select.click()
  // 孙浩然 is T0902: a name finds only him among T0901 … T0904.
  await option('T0901').waitFor()
  await select.locator('input').first().fill('孙浩')
  // The search goes to the backend after a pause: the others leave once its answer is in.
  await option('T0901').waitFor({ state: 'hidden' })
  assert.deepEqual(await page.locator('.el-select-dropdown__item:visible').evaluateAll((li) => li.map((l) => l.dataset.testid)), ['staff-option-T0902'])
  await option('T0902').click()
  await select.locator('input').first().fill('T0901')
  await option('T0903').waitFor({ state: 'hidden' })
  await option('T0901').click()
  // The first tag keeps its name though the last search did not find him.
  await select.getByText('孙浩然（T0902）').waitFor()
  await select.getByText('周晓雯（T0901）').waitFor()
  // 200,000.00 − 8,000.00 = 192,000.00; license 75% → 144,000.00; 5% → 7,200.00, 3,600.00 each.
  await page.locator('[data-testid="plan-allocations"] .el-table__row', { hasText: '¥3,600.00' }).nth(1).waitFor()
  assert.deepEqual(problems, [])
})
