import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { cells, chooseFile, cli, download, lastMessage, refusals, refusedLine, start, typeDate, zipEntry } from './harness.mjs'

// The small Rust demo (src-tauri/core/src/demo/small.rs), today 2026-11-23, one policy version
// (1900-01-01: transfer, license and equity 70%, key contributors ≥ 50%, no transfer-staff share,
// publicity 15 days, no payment deadline). What these tests use of it:
// - HT2025-027, a transfer registered as 202551010319592 with 北京东方生物医药有限公司, signed
//   2025-04-23, not distributed yet: receipts 706,666.66 on 2025-06-28 and 706,666.66 on 2025-09-29,
//   costs 8,300.00 (appraisal, 2025-04-23) and 127,200.00 (taxes, 2025-05-19). Its one achievement
//   CG20250155 (id 155) has inventors T0037 董娜 40% (the only key contributor), T0033 宋艳 25%,
//   T0038 杨军 15%, T0043 林慧 10%, T0040 罗军 10%: key contributors hold 40% < 50%.
// - HT2023-001, an unregistered license paid by #1: receipts 180,000.00 + 180,000.00, costs
//   21,600.00 + 8,600.00, inventors T0049 55%*, T0043 30%*, T0041 10%, T0058 5% (* key).
// - HT2025-021, publicized by #17: four inventors, among them T0040 罗军 (ID 510108199210050346).
// - HT2025-015 with #16 approved and not paid; HT2025-009 (equity) with #15 a draft.
// - Eighteen distributions #1…#18: #15 draft, #16 approved, #17 publicized, the other 15 paid.
// - Transfer staff T0059 张伟 and T0060 谢明; the unit principal leader T0001 谢艳.
// New distributions take ids from #19 on.

let app
before(async () => {
  app = await start()
})
after(() => app.stop())

const url = (server, hash) => server.url + hash

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

async function waitForList(page) {
  await page.locator('[data-testid="rewards-table"] .el-table__row').first().waitFor()
}

const listTotal = (page, n) => page.locator('[data-testid="rewards-pagination"] .el-pagination__total', { hasText: new RegExp(`\\b${n}\\b`) }).waitFor()

/**
 * Adds a policy version through 设置 → 收益分配政策 (the demo has only the 1900 default): based on
 * the latest version, with a payment deadline and a transfer-staff share when given. Policies are
 * the administrator's: a second page on the same server, signed in as the admin.
 */
async function addPolicy(_office, server, { effective, deadline = null, staff = null }) {
  const { page } = await app.page(server, '#/settings', { as: 'admin' })
  await page.locator('[data-testid="policy-table"] .el-table__row').first().waitFor()
  await page.getByTestId('policy-new').click()
  await typeDate(page, 'policy-effective', effective)
  if (deadline !== null) await page.getByTestId('policy-deadline').fill(String(deadline))
  if (staff !== null) {
    await page.getByTestId('policy-staff-on').click()
    await page.getByTestId('policy-staff').fill(staff)
  }
  await page.getByTestId('policy-save').click()
  await page.getByTestId('policy-form').waitFor({ state: 'hidden' })
  await page.locator('[data-testid="policy-table"] .el-table__row', { hasText: effective }).waitFor()
}

/** Types a day into a date field as a person does: no Enter, the popper left open. */
async function typeOnly(page, testid, value) {
  const input = page.getByTestId(testid).locator('input')
  await input.click()
  await input.fill(value)
}

/** Saves the plan of `contract` as a draft through its plan page; resolves with the new id. */
async function createDraft(page, server, contract) {
  await page.goto(url(server, `#/rewards/new?contract=${contract}`))
  await page.getByTestId('plan-contract').filter({ hasText: contract }).waitFor()
  await page.getByTestId('plan-create').click()
  await page.waitForURL(/#\/rewards\/\d+$/)
  await waitForState(page, '草稿')
  return Number(/#\/rewards\/(\d+)$/.exec(page.url())[1])
}

test('the plan of a registered transfer shows the hand-computed figures and a Σ row equal to the pool', async () => {
  const { page, problems } = await openPlan('HT2025-027')
  // Receipts 706,666.66 × 2 = 1,413,333.32 − costs 8,300.00 + 127,200.00 = 135,500.00 → 1,277,833.32;
  // × 70% = 894,483.324 → 894,483.32 (half up); the institution keeps 1,277,833.32 − 894,483.32 = 383,350.00.
  assert.equal(await text(page, 'figure-net'), '¥1,277,833.32')
  assert.equal(await text(page, 'figure-ratio'), '70%')
  assert.equal(await text(page, 'figure-pool'), '¥894,483.32')
  assert.equal(await text(page, 'figure-institution'), '¥383,350.00')
  assert.match(await text(page, 'plan-contract'), /北京东方生物医药有限公司[\s\S]*202551010319592/)
  assert.deepEqual(
    (await cells(page, 'plan-receipts')).map((r) => r.slice(0, 2)),
    [
      ['2025-06-28', '¥706,666.66'],
      ['2025-09-29', '¥706,666.66'],
    ],
  )

  // 89,448,332 fen × 40/25/15/10/10: exact shares 35,779,332.8 / 22,362,083 / 13,417,249.8 /
  // 8,944,833.2 / 8,944,833.2; the floors leave 2 fen, which go to the remainders .8 (T0037, the
  // larger weight, then T0038). Registered transfer: half taxable, each half rounded half up
  // (17,889,666.5 → 17,889,667; 11,181,041.5 → 11,181,042; 4,472,416.5 → 4,472,417), so the Σ of
  // the taxable parts is 447,241.68, not half the pool. Equal amounts: T0040 before T0043.
  const rows = await cells(page, 'plan-allocations')
  assert.deepEqual(
    rows.map((r) => [r[1], ...r.slice(3, 6)]),
    [
      ['T0037', '40%', '¥357,793.33', '¥178,896.67'],
      ['T0033', '25%', '¥223,620.83', '¥111,810.42'],
      ['T0038', '15%', '¥134,172.50', '¥67,086.25'],
      ['T0040', '10%', '¥89,448.33', '¥44,724.17'],
      ['T0043', '10%', '¥89,448.33', '¥44,724.17'],
    ],
  )
  const [sum] = await cells(page, 'plan-allocations', 'footer')
  assert.deepEqual(sum.slice(0, 6), ['合计', '', '', '100%', '¥894,483.32', '¥447,241.68'])
  // The only rule finding: key contributors (T0037 alone) hold 40% < 50%.
  assert.deepEqual(
    await page.locator('[data-testid="plan-findings"] .el-alert').evaluateAll((a) => a.map((x) => x.dataset.testid)),
    ['finding-key_contributors_below_minimum'],
  )

  // Income through 2025-06-28: the first receipt and both costs → 706,666.66 − 135,500.00 = 571,166.66;
  // × 70% = 399,816.662 → 399,816.66.
  await typeDate(page, 'plan-through', '2025-06-28')
  await page.getByTestId('figure-pool').filter({ hasText: '¥399,816.66' }).waitFor()
  assert.equal(await text(page, 'figure-net'), '¥571,166.66')
  assert.equal((await cells(page, 'plan-receipts')).length, 1)
  const [sumThen] = await cells(page, 'plan-allocations', 'footer')
  assert.equal(sumThen[4], '¥399,816.66')
  await page.screenshot({ path: '/tmp/ui-reward-plan.png', fullPage: true })
  assert.deepEqual(problems, [])
})

test('按金额分配: the amounts typed are the lines, the Σ shows the difference to the pool, and the findings follow the amounts', async () => {
  const { page, problems } = await openPlan('HT2025-027')
  // By shares, T0037 alone holds 40% < 50% (see the first test).
  await page.getByTestId('finding-key_contributors_below_minimum').waitFor()
  await page.getByTestId('plan-mode-amounts').click()
  await page.getByTestId('plan-amounts').waitFor()
  // The pool is 894,483.32. The team agreed 500,000.00 / 200,000.00 / 100,000.00 / 50,000.00 /
  // 44,483.31: Σ 894,483.31, one fen short.
  const typed = [
    ['T0037', '500000'],
    ['T0033', '200,000.00'],
    ['T0038', '100000'],
    ['T0040', '50000'],
    ['T0043', '44483.31'],
  ]
  for (const [id, yuan] of typed) await page.getByTestId(`plan-amount-${id}`).fill(yuan)
  await page.getByTestId('plan-amounts-sum').filter({ hasText: '相差 -¥0.01' }).waitFor()
  assert.match(await text(page, 'plan-amounts-sum'), /合计 ¥894,483\.31，奖励总额 ¥894,483\.32/)
  assert.equal(await page.getByTestId('plan-create').isDisabled(), true, 'not saved while the amounts miss the pool')

  // 44,483.32: Σ = the pool. The lines are the amounts; T0037's 500,000.00 is 55.9% ≥ 50%, so the
  // key-contributor finding is gone. Registered transfer: half of each taxable (250,000.00 …).
  await page.getByTestId('plan-amount-T0043').fill('44483.32')
  await page.getByTestId('plan-amounts-sum').filter({ hasText: '相差 ¥0.00' }).waitFor()
  await page.getByTestId('plan-agreed').waitFor()
  await page.getByTestId('plan-findings').waitFor({ state: 'detached' })
  const rows = await cells(page, 'plan-allocations')
  assert.deepEqual(
    rows.map((r) => [r[1], ...r.slice(4, 6)]),
    [
      ['T0037', '¥500,000.00', '¥250,000.00'],
      ['T0033', '¥200,000.00', '¥100,000.00'],
      ['T0038', '¥100,000.00', '¥50,000.00'],
      ['T0040', '¥50,000.00', '¥25,000.00'],
      ['T0043', '¥44,483.32', '¥22,241.66'],
    ],
  )
  await page.getByTestId('plan-create').click()
  await page.waitForURL(/#\/rewards\/\d+$/)
  await page.getByTestId('dist-agreed').waitFor()
  assert.deepEqual(problems, [])
})

test('按金额分配 by exact fractions: the backend turns 1/2, 1/3, 1/6 into fen, and the signed form is kept with the draft', async () => {
  const { page, problems, server } = await openPlan('HT2025-027')
  await page.getByTestId('plan-mode-amounts').click()
  await page.getByTestId('plan-amounts').waitFor()
  // 1/2 + 1/3 only: 5/6 of the pool, refused by the backend with the sum.
  await page.getByTestId('plan-amount-T0037').fill('1/2')
  await page.getByTestId('plan-amount-T0033').fill('1/3')
  await page.getByTestId('plan-error').filter({ hasText: '5/6' }).waitFor()

  // And 1/6: the pool 894,483.32 (89,448,332 fen) over the common denominator 6 — × 3/6 =
  // 44,724,166 exactly; × 2/6 = 29,816,110 remainder 4/6; × 1/6 = 14,908,055 remainder 2/6. The
  // one fen left goes to the largest remainder (T0033). T0040 and T0043, left empty, get 0.
  await page.getByTestId('plan-amount-T0038').fill('1／6')
  await page.getByTestId('plan-agreed').waitFor()
  await page.getByTestId('plan-error').waitFor({ state: 'detached' })
  assert.match(await text(page, 'plan-amounts-sum'), /按比例分配/)
  const rows = await cells(page, 'plan-allocations')
  assert.deepEqual(
    rows.map((r) => [r[1], r[4]]),
    [
      ['T0037', '¥447,241.66'],
      ['T0033', '¥298,161.11'],
      ['T0038', '¥149,080.55'],
      ['T0040', '¥0.00'],
      ['T0043', '¥0.00'],
    ],
  )

  // The allocation form the team signed, chosen here, is kept with the draft.
  const form = join(server.dir, '团队分配表.pdf')
  writeFileSync(form, '%PDF-1.4 signed allocation form')
  await chooseFile(page, form, () => page.getByTestId('plan-signed-form').click())
  assert.equal(await text(page, 'plan-signed-form-name'), '团队分配表.pdf')
  await page.getByTestId('plan-create').click()
  await page.waitForURL(/#\/rewards\/\d+$/)
  const id = Number(page.url().split('/').pop())
  const saved = cli(server.db, 'rewards', 'show', String(id))
  assert.ok(saved.allocation_attachment_id, 'the distribution names the signed form')
  assert.deepEqual(
    saved.allocations.map((a) => a.amount_fen),
    [44_724_166, 29_816_111, 14_908_055, 0, 0],
    'saved as planned',
  )
  // The two plans refused on the way: 1/2 alone, then 1/2 + 1/3.
  assert.deepEqual(problems, refusals(2))
})

test('a draft is refused approval without an override, then approved, publicized and paid after the publicity', async () => {
  const { page, problems, server } = await app.open('#/rewards')
  await waitForList(page)

  // 新建分配: find the contract, see what it received, go to its plan.
  await page.getByTestId('rewards-new').click()
  await page.getByTestId('contract-picker').click()
  await page.getByTestId('contract-picker').locator('input').fill('HT2025-027')
  await page.getByTestId('contract-option-HT2025-027').click()
  // Received so far: 706,666.66 × 2 = 1,413,333.32.
  assert.match(await text(page, 'picker-choice'), /北京东方生物医药有限公司[\s\S]*¥1,413,333\.32/)
  await page.getByTestId('picker-next').click()
  await page.waitForURL(/#\/rewards\/new\?contract=HT2025-027/)
  const finding = page.getByTestId('finding-key_contributors_below_minimum')
  await finding.waitFor()
  // T0037 alone: 357,793.33 of the pool 894,483.32 = 40.0000004% → 40% (rounded down); the rule's 50%.
  assert.match(await finding.innerText(), /重要贡献人员合计获得奖励总额的 40%，低于政策规定的最低比例 50%/)
  // The policy is named by its document (demo/mod.rs records it on the one version).
  assert.equal(await text(page, 'figure-policy'), '《西川理工大学科技成果转化管理办法》（西川理工校发〔2021〕37号）')
  // 1,277,833.32 × 70% = 894,483.32 (see the first test).
  assert.equal(await text(page, 'figure-pool'), '¥894,483.32')

  await page.getByTestId('plan-create').click()
  await page.waitForURL(/#\/rewards\/19$/)
  await waitForState(page, '草稿')

  // Approval is refused while the error finding stands and no override reason is given.
  await page.getByTestId('dist-approve').click()
  await typeDate(page, 'approve-date', '2026-10-08')
  assert.equal(await page.getByTestId('approve-override').count(), 1, 'the override reason is asked for')
  await page.getByTestId('approve-confirm').click()
  const refusal = page.getByTestId('approve-error')
  await refusal.waitFor()
  assert.match(await refusal.innerText(), /重要贡献人员合计获得奖励总额的 40%，低于政策规定的最低比例 50%/)
  assert.equal(await state(page), '草稿', 'nothing changed')

  // Choosing the minutes uploads them (a browser has no path to give) and shows their name. The
  // approval cannot take an uploaded file yet (see the last test), so they are cleared again here.
  const minutes = join(server.dir, '2026-10-08 校长办公会纪要.pdf')
  writeFileSync(minutes, '%PDF-1.4\n% 校长办公会纪要 2026-10-08\n')
  await chooseFile(page, minutes, () => page.getByTestId('approve-minutes').click())
  assert.equal(await text(page, 'approve-minutes-name'), '2026-10-08 校长办公会纪要.pdf')
  await page.getByTestId('approve-dialog').getByRole('button', { name: '清除' }).click()
  await page.getByTestId('approve-minutes-name').waitFor({ state: 'detached' })
  await page.getByTestId('approve-override').fill('经校长办公会研究，同意按实际贡献分配')
  await page.getByTestId('approve-confirm').click()
  await waitForState(page, '已审批')
  assert.equal(await text(page, 'dist-override'), '经校长办公会研究，同意按实际贡献分配')
  assert.equal(await page.getByTestId('dist-minutes').count(), 0, 'no minutes recorded')

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

  // Payment on the last day of the publicity is refused; the day after is accepted. The dialog
  // proposes no day: the office types the day the money went out.
  await page.getByTestId('dist-pay').click()
  assert.match(await text(page, 'pay-earliest'), /最早可于 2026-10-27 发放/)
  assert.equal(await page.getByTestId('pay-date').locator('input').inputValue(), '', 'no day put in for the office')
  await typeDate(page, 'pay-date', '2026-10-26')
  await page.getByTestId('pay-confirm').click()
  await page.getByTestId('pay-error').waitFor()
  assert.match(await text(page, 'pay-error'), /公示期尚未结束/)
  assert.equal(await state(page), '已公示', 'nothing changed')
  // A day typed and not confirmed with Enter — the confirm button clicked straight away — is the
  // day sent: tomorrow is refused as after today, with both days named. (Against the old dialog it
  // is the assertion above that fails: it put the first payable day in, and that day was sent.)
  await typeOnly(page, 'pay-date', '2026-11-24')
  await page.getByTestId('pay-confirm').click()
  await page.getByTestId('pay-error').filter({ hasText: '2026-11-24' }).waitFor()
  assert.equal(await text(page, 'pay-error'), '发放日期 2026-11-24 晚于今天（2026-11-23）：只能登记已经发放的日期')
  assert.equal(await page.getByTestId('pay-date').locator('input').inputValue(), '2026-11-24', 'the typed day stays')
  await typeOnly(page, 'pay-date', '2026-10-27')
  await page.getByTestId('pay-confirm').click()
  await waitForState(page, '已发放')
  assert.equal(await text(page, 'dist-paid-on'), '2026-10-27')
  assert.equal(await page.locator('[data-testid="dist-steps"] .el-step__head.is-success').count(), 4)
  assert.equal(await page.getByTestId('dist-reverse').count(), 1, 'a paid distribution can only be reversed')
  assert.equal(await page.getByTestId('dist-approve').count() + (await page.getByTestId('dist-discard').count()), 0)
  // Paid 2026-10-27, within 36 months of the first receipt (2025-06-28): the taxable halves stay.
  const [sum] = await cells(page, 'dist-allocations', 'footer')
  assert.deepEqual(sum.slice(4, 6), ['¥894,483.32', '¥447,241.68'])
  await page.waitForTimeout(600)
  await page.screenshot({ path: '/tmp/ui-reward-detail.png', fullPage: true })

  // The list shows it paid, newest first.
  await page.getByTestId('nav-rewards').click()
  await waitForList(page)
  const [first] = await cells(page, 'rewards-table')
  assert.equal(first[0], '#19')
  assert.match(first[1], /^HT2025-027/)
  assert.equal(first[3], '已发放')
  assert.equal(first[10], '2026-10-27')
  // The three refusals (approval, two payments) reach the browser as 422 answers; nothing else is logged.
  assert.deepEqual(problems, [refusedLine(422), refusedLine(422), refusedLine(422)])
})

test('the equity case is approved only once the unit principal leader’s waiver is recorded', async () => {
  const { page, problems, server } = await app.open('#/rewards')
  await waitForList(page)
  // The demo's equity contracts have no unit principal leader among their inventors: an equity
  // contribution of CG20170201 (T0001 谢艳, the unit principal leader, 45%; T0008 唐伟 55%) is
  // imported, as an office brings its contracts in.
  const file = join(server.dir, 'equity.csv')
  writeFileSync(
    file,
    '合同编号,合同名称,转化方式,合作单位,合同金额,签订日期,涉及成果,获得股权\n' +
      'HT2026-301,科技成果作价投资协议,作价投资,北京东方生物医药有限公司,3000000,2026-09-01,CG20170201,3000000\n',
  )
  assert.equal(cli(server.db, 'import', 'contracts', file).inserted, 1)
  await page.goto(url(server, '#/rewards/new?contract=HT2026-301'))
  await page.locator('[data-testid="plan-allocations"] .el-table__row').first().waitFor()

  // 3,000,000.00 of capital × 70% = 2,100,000.00, 55/45 → 1,155,000.00 / 945,000.00; the
  // institution keeps 3,000,000.00 − 2,100,000.00 = 900,000.00.
  assert.equal(await text(page, 'figure-pool'), '¥2,100,000.00')
  assert.equal(await text(page, 'figure-institution'), '¥900,000.00')
  const blocked = page.getByTestId('finding-principal_leader_equity_blocked')
  await blocked.waitFor()
  const highlighted = await page.locator('[data-testid="plan-allocations"] tr.finding-error').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent.trim())),
  )
  assert.equal(highlighted.length, 1, 'the leader’s row is marked')
  const [name, id, , weight, units] = highlighted[0]
  assert.deepEqual([name, id, weight, units], ['谢艳', 'T0001', '45%', '¥945,000.00'])
  assert.match(await blocked.innerText(), new RegExp(`${name}（${id}）是单位正职领导`))

  await page.getByTestId('plan-create').click()
  await page.waitForURL(/#\/rewards\/19$/)
  await waitForState(page, '草稿')
  await page.getByTestId('dist-approve').click()
  await typeDate(page, 'approve-date', '2026-11-20')
  assert.equal(await page.getByTestId('approve-override').count(), 0, 'no finding an override could clear')
  await page.getByTestId('approve-confirm').click()
  await page.getByTestId('approve-error').waitFor()
  assert.match(await text(page, 'approve-error'), /单位正职领导不得获得股权奖励/)
  assert.equal(await state(page), '草稿', 'nothing changed')

  await page.getByTestId(`approve-waive-${id}`).click()
  await page.getByTestId('approve-confirm').click()
  await waitForState(page, '已审批')
  await page.getByTestId('waived-tag').waitFor()
  // The waived 945,000.00 stays with the institution: 900,000.00 + 945,000.00.
  assert.equal(await text(page, 'figure-institution'), '¥1,845,000.00')
  assert.equal(await page.getByTestId('finding-principal_leader_equity_blocked').count(), 0)
  assert.deepEqual(problems, [refusedLine(422)], 'the refused approval, and nothing else')
})

test('a contract with an open distribution offers that one instead of a new plan', async () => {
  const { page, problems } = await app.open('#/rewards')
  await page.getByTestId('rewards-new').click()
  await page.getByTestId('contract-picker').click()
  await page.getByTestId('contract-picker').locator('input').fill('HT2025-015')
  const option = page.getByTestId('contract-option-HT2025-015')
  assert.match(await option.innerText(), /有未完成的分配 #16/)
  await option.click()
  assert.match(await text(page, 'picker-open'), /#16/)
  await page.getByTestId('picker-next').click()
  await page.waitForURL(/#\/rewards\/16$/)
  await waitForState(page, '已审批')
  assert.deepEqual(problems, [])
})

test('a paid distribution is reversed by a linked draft with negated amounts; once paid, the income is free again', async () => {
  const { page, problems, server } = await app.open('#/rewards/1')
  await waitForState(page, '已发放')
  // #1: 360,000.00 − 30,200.00 = 329,800.00; × 70% = 230,860.00.
  assert.equal(await text(page, 'figure-pool'), '¥230,860.00')
  await page.getByTestId('dist-reverse').click()
  assert.equal(await page.getByTestId('reverse-confirm').isDisabled(), true, 'a reason is required')
  await page.getByTestId('reverse-reason').fill('发放名单有误')
  await page.getByTestId('reverse-confirm').click()
  await page.getByTestId('dist-reversal-link').waitFor()
  assert.equal(await page.getByTestId('dist-reverse').count(), 0, 'reversed once only')
  await page.getByTestId('dist-reversal-link').click()
  await page.waitForURL(/#\/rewards\/19$/)
  await waitForState(page, '草稿')
  assert.equal(await page.getByTestId('dist-state').getByTestId('reversal-tag').innerText(), '冲销')
  assert.equal(await text(page, 'figure-pool'), '-¥230,860.00')
  assert.equal(await text(page, 'figure-net'), '-¥329,800.00')
  assert.match(await text(page, 'dist-reverses'), /#1[\s\S]*发放名单有误/)
  // Line by line the mirror of #1: 230,860.00 × 55/30/10/5, all taxable (unregistered license).
  assert.deepEqual(
    (await cells(page, 'dist-allocations')).map((r) => [r[1], r[4], r[5]]),
    [
      ['T0049', '-¥126,973.00', '-¥126,973.00'],
      ['T0043', '-¥69,258.00', '-¥69,258.00'],
      ['T0041', '-¥23,086.00', '-¥23,086.00'],
      ['T0058', '-¥11,543.00', '-¥11,543.00'],
    ],
  )

  // The reversal goes through the same steps: approved 2026-10-08 (no finding: nothing to override),
  // publicized from 2026-10-09 to 10-26, paid 10-27.
  await page.getByTestId('dist-approve').click()
  await typeDate(page, 'approve-date', '2026-10-08')
  assert.equal(await page.getByTestId('approve-override').count(), 0)
  await page.getByTestId('approve-confirm').click()
  await waitForState(page, '已审批')
  await page.getByTestId('dist-publicize').click()
  await typeDate(page, 'publicize-from', '2026-10-09')
  await page.getByTestId('publicize-end').filter({ hasText: '2026-10-26' }).waitFor()
  await page.getByTestId('publicize-confirm').click()
  await waitForState(page, '已公示')
  await page.getByTestId('dist-pay').click()
  await typeDate(page, 'pay-date', '2026-10-27')
  await page.getByTestId('pay-confirm').click()
  await waitForState(page, '已发放')

  // #1's receipts and costs are free again: the next plan of HT2023-001 counts them as #1 did,
  // with no cost carried in, and no rule finding (T0049 and T0043 are key contributors: 85% ≥ 50%;
  // no leader). Unregistered: the whole amount is taxable.
  await page.goto(url(server, '#/rewards/new?contract=HT2023-001'))
  // An exact match: the reversal's page before it showed −¥230,860.00.
  await page.getByTestId('figure-pool').filter({ hasText: /^¥230,860\.00$/ }).waitFor()
  assert.equal(await text(page, 'figure-net'), '¥329,800.00')
  assert.deepEqual(
    (await cells(page, 'plan-receipts')).map((r) => r.slice(0, 2)),
    [
      ['2023-05-17', '¥180,000.00'],
      ['2023-09-16', '¥180,000.00'],
    ],
  )
  assert.equal(await page.getByTestId('plan-findings').count(), 0, 'no rule finding for this contract')
  const [sum] = await cells(page, 'plan-allocations', 'footer')
  assert.deepEqual(sum.slice(3, 6), ['100%', '¥230,860.00', '¥230,860.00'])
  assert.equal(await page.getByTestId('plan-create').isDisabled(), false)

  // Among the paid ones, the reversal is marked: the demo's 15 paid and #19.
  await page.goto(url(server, '#/rewards?state=paid'))
  await listTotal(page, 16)
  const paid = await cells(page, 'rewards-table')
  assert.ok(paid.every((r) => r[3].startsWith('已发放')))
  assert.deepEqual(
    paid.filter((r) => r[3].includes('冲销')).map((r) => r[0]),
    ['#19'],
    'the reversal is marked',
  )
  assert.deepEqual(problems, [])
})

test('while the publicity runs the pay button waits, saying until when, and the core refuses a payment for that reason', async () => {
  const { page, problems, server } = await app.open('#/rewards/16')
  await waitForState(page, '已审批')
  // #16 (HT2025-015) posted Friday 2026-11-20 for the policy's 15 days: 11-21 … 12-05, a Saturday,
  // so the period ends Monday 2026-12-07 and payment is possible from 12-08 — after today (11-23).
  await page.getByTestId('dist-publicize').click()
  await typeDate(page, 'publicize-from', '2026-11-20')
  await page.getByTestId('publicize-end').filter({ hasText: '2026-12-07' }).waitFor()
  // The dialog says where objections go: the office, phone and e-mail of the demo's profile.
  assert.equal(
    await text(page, 'publicize-contact'),
    '公示期内的异议受理（公示文件中写明）：受理部门：科学技术发展研究院技术转移中心；联系电话：028-8760 1234；电子邮箱：ttc@xcut.edu.cn',
  )
  await page.getByTestId('publicize-confirm').click()
  await waitForState(page, '已公示')

  const pay = page.getByTestId('dist-pay')
  assert.equal(await pay.isDisabled(), true, 'no payment while the publicity runs')
  await page.getByTestId('dist-pay-wait').hover()
  await page.locator('.el-popper:visible', { hasText: '公示期至 2026-12-07 止，2026-12-08 起方可登记发放' }).waitFor()

  // The core gives the same reason whatever day is asked — even 12-08, which is also after today.
  const { error } = cli(server.db, 'rewards', 'pay', '16', '--paid-on', '2026-12-08')
  assert.equal(error.code, 'publicity_not_ended')
  assert.equal(error.message, '公示期尚未结束（至 2026-12-07 止），公示期满后方可发放')
  assert.equal(cli(server.db, 'rewards', 'show', '16').state, 'publicized', 'nothing paid')
  assert.deepEqual(problems, [])
})

test('exports are downloads in a browser, and say what they wrote', async () => {
  const { page, problems, server } = await app.open('#/rewards/17')
  await waitForState(page, '已公示')
  // #17 (HT2025-021) has four lines: 240,000.00 − 24,000.00 = 216,000.00 × 70% = 151,200.00 over 4 inventors.
  await page.getByTestId('dist-export-payroll').click()
  await page.getByTestId('export-reveal-ids').click()
  const payroll = await download(page, server.dir, () => page.getByTestId('export-payroll-confirm').click())
  assert.equal(payroll.name, '收益分配17-发放表.xlsx')
  assert.match(await lastMessage(page), /已导出 4 行到 收益分配17-发放表\.xlsx/)
  // Asked for in full, the resident ID numbers are not masked (T0040 罗军's).
  const strings = zipEntry(payroll.path, 'xl/sharedStrings.xml')
  assert.match(strings, /510108199210050346/)
  // The sheet ends with the three signatures and their dates, and names the policy by its document.
  for (const line of ['制表人：', '审核人：', '负责人：', '日期：　　年　　月　　日', '分配政策：《西川理工大学科技成果转化管理办法》（西川理工校发〔2021〕37号）']) {
    assert.ok(strings.includes(line), `the finance sheet says ${line}`)
  }

  const notice = await download(page, server.dir, () => page.getByTestId('dist-export-notice').click())
  assert.equal(notice.name, '收益分配17-公示.pdf')
  assert.equal(readFileSync(notice.path).subarray(0, 5).toString(), '%PDF-')
  await page.locator('.el-message', { hasText: '公示已导出到 收益分配17-公示.pdf' }).waitFor()
  // Read back (poppler's pdftotext, as the Rust tests do), lines joined: the policy's document, and
  // where and until when to object — the office, phone and e-mail the demo's profile records.
  const notice17 = spawnSync('pdftotext', ['-layout', notice.path, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '')
  for (const fact of [
    '《西川理工大学科技成果转化管理办法》（西川理工校发〔2021〕37号）',
    '受理部门：科学技术发展研究院技术转移中心；联系电话：028-87601234；电子邮箱：ttc@xcut.edu.cn',
  ]) {
    assert.ok(notice17.includes(fact), `the notice says ${fact}: ${notice17}`)
  }
  assert.match(notice17, /公示期内（\d{4}年\d{1,2}月\d{1,2}日至\d{4}年\d{1,2}月\d{1,2}日），对上述内容有异议的，请以书面形式向科学技术发展研究院技术转移中心提出/)

  const statements = await download(page, server.dir, () => page.getByTestId('dist-export-statements').click())
  assert.equal(statements.name, '收益分配17-个人通知单.pdf')
  assert.equal(readFileSync(statements.path).subarray(0, 5).toString(), '%PDF-')
  await page.locator('.el-message', { hasText: '已导出 4 份个人通知单' }).waitFor()
  assert.deepEqual(problems, [])
})

test('a draft is deleted after confirmation; the list filters by state and overdue', async () => {
  const { page, problems, server } = await app.open('#/rewards/15')
  await waitForState(page, '草稿')
  await page.getByTestId('dist-discard').click()
  await page.locator('.el-message-box__btns .el-button--primary').click()
  await page.waitForURL(/#\/rewards$/)
  // 18 − 1.
  await listTotal(page, 17)
  assert.ok((await cells(page, 'rewards-table')).every((r) => r[0] !== '#15'))

  // The demo's policy sets no payment deadline, so nothing is overdue yet. A version from
  // 2025-01-01 with 6 months gives each new distribution of a contract signed since then a
  // deadline: the last receipt + 6 months.
  await addPolicy(page, server, { effective: '2025-01-01', deadline: 6 })
  // #19 HT2025-027: last receipt 2025-09-29 → due 2026-03-29, overdue on 2026-11-23.
  assert.equal(await createDraft(page, server, 'HT2025-027'), 19)
  // #20 HT2025-003 (development, receipt 2025-07-09) → due 2026-01-09, overdue.
  assert.equal(await createDraft(page, server, 'HT2025-003'), 20)
  // #21 HT2026-205 (service, receipt 2026-11-10) → due 2027-05-10, not overdue.
  assert.equal(await createDraft(page, server, 'HT2026-205'), 21)

  await page.getByTestId('nav-rewards').click()
  await listTotal(page, 20)
  const all = await cells(page, 'rewards-table')
  assert.deepEqual(
    all.slice(0, 3).map((r) => [r[0], r[9]]),
    [
      ['#21', '2027-05-10'],
      ['#20', '2026-01-09逾期'],
      ['#19', '2026-03-29逾期'],
    ],
  )

  await page.getByTestId('rewards-filter-overdue').click()
  await page.waitForURL(/overdue=1/)
  await listTotal(page, 2)
  const overdue = await cells(page, 'rewards-table')
  assert.deepEqual(overdue.map((r) => r[0]), ['#20', '#19'])
  assert.equal(await page.locator('[data-testid="rewards-table"] [data-testid="overdue"]').count(), 2, 'deadlines in red')

  await page.getByTestId('rewards-filter-overdue').click()
  await page.getByTestId('rewards-filter-state').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '已发放' }).click()
  await page.waitForURL(/state=paid/)
  // #1…#14 and #18.
  await listTotal(page, 15)
  const paid = await cells(page, 'rewards-table')
  assert.ok(paid.every((r) => r[3] === '已发放'))
  assert.deepEqual(
    paid.map((r) => r[0]),
    ['#18', '#14', '#13', '#12', '#11', '#10', '#9', '#8', '#7', '#6', '#5', '#4', '#3', '#2', '#1'],
  )
  assert.deepEqual(problems, [])
})

test('an achievement’s contract links to its distribution plan', async () => {
  // CG20250155 (id 155) is the achievement of HT2025-027.
  const { page, problems } = await app.open('#/achievements/155')
  await page.getByTestId('achievement-title').waitFor()
  await page.getByTestId('distribute-HT2025-027').click()
  await page.waitForURL(/#\/rewards\/new\?contract=HT2025-027/)
  // 894,483.32: see the first test.
  await page.getByTestId('figure-pool').filter({ hasText: '¥894,483.32' }).waitFor()
  assert.deepEqual(problems, [])
})

test('the transfer staff are searched as typed and keep their names once chosen', async () => {
  const { page, problems, server } = await app.open('#/rewards')
  await waitForList(page)
  // The demo's policy has no transfer-staff share: a 2025-01-01 version gives them 5%.
  await addPolicy(page, server, { effective: '2025-01-01', staff: '5' })
  await page.goto(url(server, '#/rewards/new?contract=HT2025-027'))
  await page.locator('[data-testid="plan-allocations"] .el-table__row').first().waitFor()
  const select = page.getByTestId('plan-staff').locator('.el-select')
  const option = (id) => page.locator(`.el-select-dropdown__item:visible[data-testid="staff-option-${id}"]`)
  await select.click()
  // 谢明 is T0060: a name finds only him among T0059 and T0060.
  await option('T0059').waitFor()
  await select.locator('input').first().fill('谢')
  // The search goes to the backend after a pause: the other leaves once its answer is in.
  await option('T0059').waitFor({ state: 'hidden' })
  assert.deepEqual(await page.locator('.el-select-dropdown__item:visible').evaluateAll((li) => li.map((l) => l.dataset.testid)), ['staff-option-T0060'])
  await option('T0060').click()
  await select.locator('input').first().fill('T0059')
  await option('T0059').click()
  // The first tag keeps its name though the last search did not find him.
  await select.getByText('谢明（T0060）').waitFor()
  await select.getByText('张伟（T0059）').waitFor()
  // Pool 89,448,332 fen; staff 5% = 4,472,416.6 → 4,472,417, split equally: one fen left over,
  // the tie goes to the smaller employee ID (T0059 2,236,209, T0060 2,236,208). The inventors
  // share 89,448,332 − 4,472,417 = 84,975,915 by 40/25/15/10/10: floors 33,990,366 / 21,243,978
  // (.75) / 12,746,387 (.25) / 8,497,591 (.5) / 8,497,591 (.5) leave 2 fen, to T0033 (.75) and
  // T0040 (.5, equal weight to T0043: the smaller ID).
  await page.locator('[data-testid="plan-allocations"] .el-table__row', { hasText: '¥22,362.08' }).waitFor()
  assert.deepEqual(
    (await cells(page, 'plan-allocations')).map((r) => [r[1], r[3], r[4]]),
    [
      ['T0037', '40%', '¥339,903.66'],
      ['T0033', '25%', '¥212,439.79'],
      ['T0038', '15%', '¥127,463.87'],
      ['T0040', '10%', '¥84,975.92'],
      ['T0043', '10%', '¥84,975.91'],
      ['T0059', '—', '¥22,362.09'],
      ['T0060', '—', '¥22,362.08'],
    ],
  )
  const [sum] = await cells(page, 'plan-allocations', 'footer')
  assert.equal(sum[4], '¥894,483.32')
  assert.deepEqual(problems, [])
})

// TODO until the command table resolves the upload: approve_distribution passes
// `approval.minutes_file` (in a browser the upload's handle, `uploads/<id>/<name>`) straight to
// distribution::approve, which reads it as a path and fails with 无法读写文件 (io). The desktop app,
// whose dialog gives a real path, is not affected. This test holds what the office must see.
test('the minutes of the decision are uploaded and kept by name and SHA-256', { todo: 'approve_distribution does not resolve an uploaded minutes file (无法读写文件)' }, async () => {
  const { page, problems, server } = await app.open('#/rewards')
  await waitForList(page)
  assert.equal(await createDraft(page, server, 'HT2025-027'), 19)
  await page.getByTestId('dist-approve').click()
  await typeDate(page, 'approve-date', '2026-10-08')
  // A browser has no path to give: the minutes are uploaded when chosen.
  const minutes = join(server.dir, '2026-10-08 校长办公会纪要.pdf')
  writeFileSync(minutes, '%PDF-1.4\n% 校长办公会纪要 2026-10-08\n')
  const sha = createHash('sha256').update(readFileSync(minutes)).digest('hex')
  await chooseFile(page, minutes, () => page.getByTestId('approve-minutes').click())
  await page.getByTestId('approve-minutes-name').waitFor()
  assert.equal(await text(page, 'approve-minutes-name'), '2026-10-08 校长办公会纪要.pdf')
  // HT2025-027's key contributors hold 40% < 50%: an override reason is needed too.
  await page.getByTestId('approve-override').fill('经校长办公会研究，同意按实际贡献分配')
  await page.getByTestId('approve-confirm').click()
  // Approved, or refused (today: 无法读写文件) — whichever comes first.
  const outcome = await Promise.race([
    page.getByTestId('dist-state').getByTestId('state-tag').filter({ hasText: '已审批' }).waitFor().then(() => '已审批'),
    page.getByTestId('approve-error').waitFor().then(() => text(page, 'approve-error')),
  ])
  assert.equal(outcome, '已审批')
  assert.equal(await text(page, 'dist-minutes'), '2026-10-08 校长办公会纪要.pdf')
  assert.match(await page.getByTestId('dist-workflow').innerText(), new RegExp(`SHA-256 ${sha.slice(0, 12)}…`))
  assert.deepEqual(problems, [])
})
