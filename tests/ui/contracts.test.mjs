import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { cells, lastMessage, start } from './harness.mjs'

// The fake backend (ui/src/api/fake-contracts.ts over fake.ts) is at 2026-11-23. HT2026-101 is a
// registered license of 四川长虹电器股份有限公司 with 300,000.00 + 200,000.00 received.

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

test('the list filters by kind in the URL and opens a contract with its money', async () => {
  const { page, problems } = await app.open('#/contracts?kind=license')
  await page.getByTestId('contracts-table').locator('.el-table__row').first().waitFor()
  const kinds = (await cells(page, 'contracts-table')).map((r) => r[1])
  assert.ok(kinds.length > 0 && kinds.every((k) => k === '许可'), `only licenses: ${kinds}`)

  const opened = await openContract('HT2026-101')
  assert.equal(await opened.page.getByTestId('contract-received').innerText(), '¥500,000.00')
  assert.deepEqual(
    (await cells(opened.page, 'contract-receipts')).map((r) => r.slice(0, 2)),
    [
      ['2026-03-10', '¥300,000.00'],
      ['2026-06-15', '¥200,000.00'],
    ],
  )
  assert.deepEqual(problems, [])
  assert.deepEqual(opened.problems, [])
})

test('a receipt is typed on the contract page; a bad amount and a used voucher are refused at their fields', async () => {
  const { page, problems } = await openContract('HT2026-101')
  await page.getByTestId('contract-add-receipt').click()
  const dialog = page.getByTestId('money-dialog-receipt')
  await dialog.getByTestId('money-amount').fill('12万')
  await dialog.getByTestId('money-save').click()
  await dialog.locator('.el-form-item__error', { hasText: '请输入数字金额' }).waitFor()

  await dialog.getByTestId('money-amount').fill('1,000.50')
  await dialog.getByTestId('money-reference').fill('记-2026-03-0118')
  await dialog.getByTestId('money-save').click()
  await dialog.locator('.el-form-item__error', { hasText: '凭证号已存在' }).waitFor()

  await dialog.getByTestId('money-reference').fill('记-2026-11-0999')
  await dialog.getByTestId('money-save').click()
  await dialog.waitFor({ state: 'hidden' })
  // 500,000.00 + 1,000.50
  await page.getByTestId('contract-received').filter({ hasText: '¥501,000.50' }).waitFor()
  assert.equal((await cells(page, 'contract-receipts')).length, 3)
  assert.deepEqual(problems, [])
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

  // Weights that do not add up to 100% are shown before anything is sent, and refused by the backend.
  await page.getByTestId('contract-add-achievement').click()
  await page.getByTestId('contract-weight-0').fill('60')
  await page.getByTestId('contract-save').click()
  await page.locator('.el-form-item__error', { hasText: '权重合计' }).waitFor()
  await page.locator('.rows .row').first().getByRole('button').click()

  await page.getByTestId('contract-save').click()
  await page.getByTestId('contract-heading').filter({ hasText: 'HT2026-901' }).waitFor()
  assert.match(await page.getByTestId('contract-facts').innerText(), /成都新创电子有限公司[\s\S]*¥88,000\.00/)
  assert.match(await lastMessage(page), /HT2026-901/)
  assert.deepEqual(problems, [])
})

test('an agreed price without its publicity is refused', async () => {
  const { page, problems } = await app.open('#/contracts/new')
  await page.getByTestId('contract-no').fill('HT2026-902')
  await page.getByTestId('contract-title').fill('专利权转让合同')
  await page.getByTestId('contract-kind').getByText('转让').click()
  await page.getByTestId('contract-amount').fill('100000')
  await page.getByTestId('organization-picker').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '四川长虹电器股份有限公司' }).click()
  await page.getByTestId('contract-add-achievement').click()
  await page.getByTestId('achievement-picker').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: 'CG' }).first().click()
  await page.getByTestId('contract-pricing').getByText('协议定价').click()
  await page.getByTestId('contract-save').click()
  await page.getByTestId('contract-form-error').filter({ hasText: '协议定价须先公示' }).waitFor()
  assert.deepEqual(problems, [])
})

test('receivables list what is owed, overdue first', async () => {
  const { page, problems } = await app.open('#/contracts?tab=receivables')
  await page.getByTestId('receivables-totals').waitFor()
  const rows = await cells(page, 'receivables-table')
  const dates = rows.map((r) => r[0])
  assert.deepEqual([...dates].sort(), dates, 'oldest due first')
  assert.match(await page.getByTestId('receivables-totals').innerText(), /已逾期 ¥[\d,]+\.\d\d · 即将到期 ¥[\d,]+\.\d\d/)
  assert.deepEqual(problems, [])
})
