import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { cells, lastMessage, refusals, refusedLine, start } from './harness.mjs'

// The small Rust demo (src-tauri/core/src/demo/small.rs, demo/deals.rs) at 2026-11-23. Its 40 older
// contracts follow the plan [license, transfer, development, service, license, consulting,
// transfer, development, equity, service] by i % 10 and are numbered HT{2023 + i % 3}-{i + 1};
// the ten of this year (HT2026-201 … 210) are technical contracts. HT2024-011 (i = 10) is an
// exclusive license of 上海农业大学 (上海市), 740,000.00, with two receipts in the demo's records:
// 2024-11-23 370,000.00 (PZ202400014) and 2025-04-07 370,000.00 (PZ202500015); as the second
// agreed-price deal of 2024 it went through publicity 4, posted 2024-09-04 for 15 days.

let app
before(async () => {
  app = await start()
})
after(() => app.stop())

async function openContract(no) {
  const opened = await app.open(`#/contracts?q=${no}`)
  const row = opened.page.getByTestId('contracts-table').locator('.el-table__row', { hasText: no })
  await row.click()
  await opened.page.getByTestId('contract-heading').filter({ hasText: no }).waitFor()
  return opened
}

/** Types `value` into an Element Plus date picker (the locator of its input) and closes it. */
async function typeDateInto(page, input, value) {
  await input.click()
  await input.fill(value)
  await input.press('Enter')
  await page.locator('.el-picker__popper:visible').waitFor({ state: 'hidden' })
}

/** Picks an organization by typing part of its name into the remote select. */
async function pickOrganization(page, search, name) {
  await page.getByTestId('organization-picker').click()
  await page.getByTestId('organization-picker').locator('input').fill(search)
  await page.locator('.el-select-dropdown__item:visible', { hasText: name }).click()
}

test('the list filters by kind in the URL and opens a contract with its money', async () => {
  const { page, problems } = await app.open('#/contracts?kind=license')
  await page.getByTestId('contracts-table').locator('.el-table__row').first().waitFor()
  const rows = await cells(page, 'contracts-table')
  const kinds = rows.map((r) => r[1])
  assert.ok(kinds.length > 0 && kinds.every((k) => k === '许可'), `only licenses: ${kinds}`)
  // Licenses are i = 0, 4, 10, 14, 20, 24, 30, 34: HT2023-001, HT2024-005, HT2024-011,
  // HT2025-015, HT2025-021, HT2023-025, HT2023-031, HT2024-035 — 8, none of this year.
  assert.deepEqual(rows.map((r) => r[0].slice(0, 10)).sort(), [
    'HT2023-001', 'HT2023-025', 'HT2023-031', 'HT2024-005', 'HT2024-011', 'HT2024-035', 'HT2025-015', 'HT2025-021',
  ])
  assert.match(await page.locator('.el-pagination__total').innerText(), /共 8 条/)

  const opened = await openContract('HT2024-011')
  // 370,000.00 + 370,000.00 = 740,000.00, the whole amount.
  assert.equal(await opened.page.getByTestId('contract-received').innerText(), '¥740,000.00')
  assert.deepEqual(
    (await cells(opened.page, 'contract-receipts')).map((r) => r.slice(0, 3)),
    [
      ['2024-11-23', '¥370,000.00', 'PZ202400014'],
      ['2025-04-07', '¥370,000.00', 'PZ202500015'],
    ],
  )
  // 2024-09-04 + 15 days = Thursday 09-19, a working day (the Mid-Autumn days off are 09-15 … 17).
  const facts = await opened.page.getByTestId('contract-facts').innerText()
  assert.match(facts, /许可（独占许可）/)
  assert.match(facts, /上海农业大学（上海市）/)
  assert.match(facts, /协议定价/)
  assert.match(facts, /专利实施许可合同定价公示：2024-09-04 ~ 2024-09-19/)
  assert.deepEqual(problems, [])
  assert.deepEqual(opened.problems, [])
})

test('a receipt is typed on the contract page; a bad amount and a used voucher are refused at their fields', async () => {
  const { page, problems } = await openContract('HT2024-011')
  await page.getByTestId('contract-add-receipt').click()
  const dialog = page.getByTestId('money-dialog-receipt')
  await dialog.getByTestId('money-amount').fill('12万')
  await dialog.getByTestId('money-save').click()
  await dialog.locator('.el-form-item__error', { hasText: '请输入数字金额' }).waitFor()

  // PZ202500015 is this contract's own second receipt: a voucher is used once in the whole file.
  await dialog.getByTestId('money-amount').fill('1,000.50')
  await dialog.getByTestId('money-reference').fill('PZ202500015')
  await dialog.getByTestId('money-save').click()
  await dialog.locator('.el-form-item__error', { hasText: '数据库中已存在' }).waitFor()

  await dialog.getByTestId('money-reference').fill('PZ202600999')
  await dialog.getByTestId('money-save').click()
  await dialog.waitFor({ state: 'hidden' })
  // 740,000.00 + 1,000.50, received today (the dialog's default day).
  await page.getByTestId('contract-received').filter({ hasText: '¥741,000.50' }).waitFor()
  const receipts = await cells(page, 'contract-receipts')
  assert.equal(receipts.length, 3)
  assert.deepEqual(receipts[2].slice(0, 3), ['2026-11-23', '¥1,000.50', 'PZ202600999'])
  // The bad amount never left the page; the used voucher was refused by the backend.
  assert.deepEqual(problems, refusals(1))
})

test('a new technical-development contract with a counterparty created on the spot', async () => {
  const { page, problems } = await app.open('#/contracts/new')
  await page.getByTestId('contract-no').fill('HT2026-901')
  await page.getByTestId('contract-title').fill('边缘计算网关技术开发合同')
  await page.getByTestId('contract-amount').fill('88,000')
  await page.getByTestId('organization-create').click()
  const org = page.getByTestId('organization-dialog')
  await org.getByTestId('organization-name').fill('成都新创电子有限公司')
  await org.getByTestId('organization-region').fill('四川省')
  await org.getByTestId('organization-save').click()
  await org.waitFor({ state: 'hidden' })
  await page.getByTestId('organization-picker').filter({ hasText: '成都新创电子有限公司' }).waitFor()

  // Weights that do not add up to 100% are shown before anything is sent, and refused by the backend.
  await page.getByTestId('contract-add-achievement').click()
  await page.getByTestId('contract-weight-0').fill('60')
  await page.locator('.rows .sum.bad', { hasText: '权重合计 60%' }).waitFor()
  await page.getByTestId('contract-save').click()
  await page.locator('.el-form-item__error', { hasText: '权重合计为 60，应恰好为 100' }).waitFor()
  await page.locator('.rows .row').first().getByRole('button').click()

  await page.getByTestId('contract-save').click()
  assert.equal(await lastMessage(page), '已保存合同 HT2026-901')
  await page.getByTestId('contract-heading').filter({ hasText: 'HT2026-901' }).waitFor()
  const facts = await page.getByTestId('contract-facts').innerText()
  assert.match(facts, /技术开发/)
  assert.match(facts, /成都新创电子有限公司（四川省）[\s\S]*2026-11-23[\s\S]*¥88,000\.00/)
  assert.deepEqual(problems, refusals(1))
})

test('an agreed price without its publicity is refused', async () => {
  const { page, problems, server } = await app.open('#/contracts/new')
  await page.getByTestId('contract-no').fill('HT2026-902')
  await page.getByTestId('contract-title').fill('专利权转让合同')
  await page.getByTestId('contract-kind').getByText('转让').click()
  await page.getByTestId('contract-amount').fill('100000')
  await pickOrganization(page, '宏达化工', '北京宏达化工有限公司')
  await page.getByTestId('contract-add-achievement').click()
  await page.getByTestId('achievement-picker').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: 'CG' }).first().click()
  await page.getByTestId('contract-pricing').getByText('协议定价').click()
  // 北京宏达化工有限公司's only publicity is the 2024 license's: nothing a transfer may be signed under.
  assert.match(await page.getByTestId('contract-publicity').innerText(), /该合作单位和转化方式没有定价公示/)
  await page.getByTestId('contract-save').click()
  await page.getByTestId('contract-form-error').filter({ hasText: '协议定价须先公示' }).waitFor()
  // Nothing was written: the number is still free.
  const list = await app.page(server, '#/contracts?q=HT2026-902')
  await list.page.getByText('没有符合条件的合同').waitFor()
  assert.deepEqual(problems, refusals(1))
  assert.deepEqual(list.problems, [])
})

test('receivables list what is owed, overdue first', async () => {
  // The demo schedules each contract's balance (amount − received) as one installment six months
  // after signing, and receipts cover installments in due-date order, so an installment is still
  // owed only where amount > 2 × received: left = min(balance, amount − 2 × received):
  // - HT2025-003 230,000.00 − 2 × 76,666.66 = 76,666.68, due 2025-11-28 (360 days ago);
  // - HT2025-033 530,000.00 with nothing received, due 2026-05-07 (200 days ago);
  // - HT2025-012 180,000.00, due 2026-06-04 (172 days ago);
  // - HT2025-024 460,000.00, due 2026-06-07 (169 days ago).
  // Overdue: 76,666.68 + 530,000.00 + 180,000.00 + 460,000.00 = 1,246,666.68. (A flaw of the demo's
  // data, not of the rule: a balance such as HT2026-206's 300,000.00, due 2027-01-11, is covered by
  // the receipt already counted against the contract and shows as owed nowhere.)
  const { page, problems, server } = await app.open('#/contracts?tab=receivables')
  await page.getByTestId('receivables-table').locator('.el-table__row').first().waitFor()
  assert.deepEqual(
    (await cells(page, 'receivables-table')).map((r) => [r[0], r[1], r[6], r[7]]),
    [
      ['2025-11-28', 'HT2025-003', '¥76,666.68', '360 天'],
      ['2026-05-07', 'HT2025-033', '¥530,000.00', '200 天'],
      ['2026-06-04', 'HT2025-012', '¥180,000.00', '172 天'],
      ['2026-06-07', 'HT2025-024', '¥460,000.00', '169 天'],
    ],
  )
  assert.equal(await page.getByTestId('receivables-totals').innerText(), '已逾期 ¥1,246,666.68 · 即将到期 ¥0.00')

  // A contract signed today with 60,000.00 due 2026-12-10 (17 days ahead): within 30 days, after the overdue ones.
  await page.goto(`${server.url}#/contracts/new`)
  await page.getByTestId('contract-no').fill('HT2026-903')
  await page.getByTestId('contract-title').fill('微电网运维技术服务合同')
  await page.getByTestId('contract-kind').getByText('技术服务').click()
  await page.getByTestId('contract-amount').fill('60000')
  await pickOrganization(page, '同创科技', '四川同创科技有限公司')
  await page.getByTestId('contract-add-installment').click()
  const installment = page.locator('.row.installment').first()
  await typeDateInto(page, installment.locator('.date input'), '2026-12-10')
  await installment.locator('.money-input input').fill('60,000')
  await page.getByTestId('contract-save').click()
  await page.getByTestId('contract-heading').filter({ hasText: 'HT2026-903' }).waitFor()

  await page.goto(`${server.url}#/contracts?tab=receivables`)
  await page.getByTestId('receivables-table').locator('.el-table__row', { hasText: 'HT2026-903' }).waitFor()
  const rows = await cells(page, 'receivables-table')
  const dates = rows.map((r) => r[0])
  assert.deepEqual([...dates].sort(), dates, 'oldest due first')
  assert.deepEqual(rows.at(-1).slice(0, 3).concat(rows.at(-1).slice(5)), ['2026-12-10', 'HT2026-903', '四川同创科技有限公司', '¥60,000.00', '¥60,000.00', '—'])
  assert.equal(await page.getByTestId('receivables-totals').innerText(), '已逾期 ¥1,246,666.68 · 即将到期 ¥60,000.00')
  assert.deepEqual(problems, [])
})
