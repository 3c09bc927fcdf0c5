import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { cells, start } from './harness.mjs'

// The fake backend (ui/src/api/fake-people.ts) builds on the fake portfolio: person 1 is T0001
// with the GB 11643 sample resident ID 11010519491231002X and bank account 6222021234567890;
// a planted duplicate T9001 has the same name and department and T0001's last achievement.
// Organizations are the contracts' counterparties (ids in order of first appearance) plus a
// " 有限责任公司" spelling of the first one, holding that organization's last contract.

let app
before(async () => {
  app = await start()
})
after(() => app.stop())

const ID = '11010519491231002X'
const BANK = '6222021234567890'

async function openPeople(hash = '#/people') {
  const opened = await app.open(hash)
  await opened.page.locator('[data-testid="people-table"] .el-table__row').first().waitFor()
  return opened
}

const fieldError = (dialog, testid) => dialog.getByTestId(testid).locator('xpath=ancestor::div[contains(@class,"el-form-item")][1]').locator('.el-form-item__error')

test('the people list is in the menu, filters through the URL and never shows a full number', async () => {
  const { page, problems } = await app.open('#/achievements')
  await page.getByTestId('nav-people').click()
  await page.locator('[data-testid="people-table"] .el-table__row').first().waitFor()
  const first = (await cells(page, 'people-table'))[0]
  assert.equal(first[0], 'T0001')
  // First 6 and last 4 of the resident ID, last 4 of the account.
  assert.equal(first[5], '110105********002X')
  assert.equal(first[6], '************7890')
  const html = await page.content()
  assert.ok(!html.includes(ID) && !html.includes(BANK), 'the list never carries the full numbers')

  await page.getByTestId('people-filter-category').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '技术转移人员' }).click()
  await page.waitForURL(/category=transfer_staff/)
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="people-table"] .el-table__row')].every((r) => r.textContent.includes('技术转移人员')))
  const rows = await cells(page, 'people-table')
  assert.ok(rows.length > 0 && rows.every((r) => r[3] === '技术转移人员'), JSON.stringify(rows.slice(0, 3)))
  assert.deepEqual(problems, [])
})

test("a person's page links every achievement and contract to its own page, and reveals numbers only on purpose", async () => {
  const { page, problems } = await app.open('#/people/1')
  await page.getByTestId('person-achievements').locator('.el-table__row').first().waitFor()
  assert.equal(await page.getByTestId('person-id-number').innerText(), '110105********002X')
  assert.equal(await page.getByTestId('person-bank-account').innerText(), '************7890')
  await page.getByTestId('person-reveal').click()
  await page.getByTestId('person-id-number').filter({ hasText: ID }).waitFor()
  assert.equal(await page.getByTestId('person-bank-account').innerText(), BANK)
  await page.getByTestId('person-reveal').click()
  await page.getByTestId('person-id-number').filter({ hasText: '110105********002X' }).waitFor()

  await page.locator('.el-tabs__item', { hasText: '合同' }).click()
  const contractHref = await page.getByTestId('person-contracts').locator('a').first().getAttribute('href')
  assert.match(contractHref, /#\/contracts\/\d+$/)
  await page.locator('.el-tabs__item', { hasText: '成果' }).first().click()
  const link = page.getByTestId('person-achievements').locator('a').first()
  const no = await link.innerText()
  await link.click()
  await page.waitForURL(/#\/achievements\/\d+$/)
  await page.getByText(no).first().waitFor()
  assert.deepEqual(problems, [])
})

test('editing a person shows each refused field in place and saves nothing until fixed', async () => {
  const { page, problems } = await app.open('#/people/2')
  await page.getByTestId('person-edit-open').click()
  const dialog = page.getByTestId('person-edit')
  await dialog.waitFor()
  await dialog.getByTestId('person-edit-employee-id').fill('T0001')
  // The GB 11643 sample with its check character changed (it calls for X).
  await dialog.getByTestId('person-edit-id-number').fill('110105194912310021')
  await dialog.getByTestId('person-edit-bank-account').fill('1234')
  await dialog.getByTestId('person-edit-save').click()
  await fieldError(dialog, 'person-edit-bank-account').waitFor()
  assert.match(await fieldError(dialog, 'person-edit-bank-account').innerText(), /12–30 位数字/)
  assert.match(await fieldError(dialog, 'person-edit-id-number').innerText(), /校验位.*X/)
  assert.match(await fieldError(dialog, 'person-edit-employee-id').innerText(), /已存在/)

  await dialog.getByTestId('person-edit-employee-id').fill('T0002')
  await dialog.getByTestId('person-edit-id-number').fill('11010519491231002x')
  await dialog.getByTestId('person-edit-bank-account').fill('6222 0212 3456 7890')
  await dialog.getByTestId('person-edit-save').click()
  await dialog.waitFor({ state: 'hidden' })
  await page.getByTestId('person-id-number').filter({ hasText: '110105********002X' }).waitFor()
  assert.equal(await page.getByTestId('person-bank-account').innerText(), '************7890')
  assert.deepEqual(problems, [])
})

test('a duplicate person is merged after a confirmation, hidden, and brought back by undoing the merge', async () => {
  const { page, problems } = await openPeople('#/people?q=T9001')
  await page.locator('[data-testid="people-table"] .el-table__row', { hasText: 'T9001' }).waitFor()
  await page.getByTestId('people-merge').click()
  const dialog = page.getByTestId('merge-dialog')
  await dialog.getByTestId('merge-pair-0').waitFor()
  assert.match(await dialog.getByTestId('merge-duplicate').innerText(), /T9001/)
  assert.match(await dialog.getByTestId('merge-keep').innerText(), /T0001/)
  // No reason: refused at the field after the confirmation.
  await dialog.getByTestId('merge-submit').click()
  await page.locator('.el-message-box__btns .el-button--primary').click()
  await dialog.locator('.el-form-item__error').waitFor()
  // Cancelling the confirmation changes nothing.
  await dialog.getByTestId('merge-reason').fill('同一人两个工号')
  await dialog.getByTestId('merge-submit').click()
  await page.locator('.el-message-box__btns .el-button:not(.el-button--primary)').click()
  await dialog.getByTestId('merge-submit').click()
  await page.locator('.el-message-box__btns .el-button--primary').click()
  await page.waitForURL(/#\/people\/1$/)

  await page.locator('.el-tabs__item', { hasText: '合并记录' }).click()
  const history = page.getByTestId('merge-history')
  await history.waitFor()
  const rows = await cells(page, 'merge-history')
  assert.equal(rows[0][0], '合并')
  assert.match(rows[0][3], /成果完成人：/)

  await page.goto(page.url().replace(/#.*/, '#/people?q=T9001'))
  await page.locator('[data-testid="people-table"] .el-empty').waitFor()

  await page.goto(page.url().replace(/#.*/, '#/people/1'))
  await page.locator('.el-tabs__item', { hasText: '合并记录' }).click()
  await page.locator('[data-testid^="unmerge-"]').click()
  const undo = page.getByTestId('unmerge-dialog')
  await undo.getByTestId('unmerge-reason').fill('工号核实为两人')
  await undo.getByTestId('unmerge-submit').click()
  await page.locator('.el-message-box__btns .el-button--primary').click()
  await page.locator('[data-testid="merge-history"] .el-table__row').nth(1).waitFor()
  const after = await cells(page, 'merge-history')
  assert.deepEqual(after.map((r) => r[0]), ['撤销合并', '合并'], 'the merge stays on record')
  assert.equal(after[1][5], '已撤销')

  await page.goto(page.url().replace(/#.*/, '#/people?q=T9001'))
  await page.locator('[data-testid="people-table"] .el-table__row', { hasText: 'T9001' }).waitFor()
  assert.deepEqual(problems, [])
})

test('organizations: region filter, a refused credit code at its field, merge and unmerge', async () => {
  const { page, problems } = await app.open('#/achievements')
  await page.getByTestId('nav-organizations').click()
  await page.locator('[data-testid="organizations-table"] .el-table__row').first().waitFor()
  await page.getByTestId('organizations-filter-region').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '北京市' }).click()
  await page.waitForURL(/region=/)
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="organizations-table"] .el-table__row')].every((r) => r.textContent.includes('北京市')))
  const amounts = (await cells(page, 'organizations-table')).map((r) => r[6])
  assert.ok(amounts.every((a) => /^¥[\d,]+\.\d{2}$/.test(a)), `money as ¥1,234.56: ${amounts}`)

  await page.goto(page.url().replace(/#.*/, '#/organizations/1'))
  await page.getByTestId('organization-contracts').locator('.el-table__row').first().waitFor()
  const before = (await cells(page, 'organization-contracts')).length
  await page.getByTestId('organization-edit-open').click()
  const dialog = page.getByTestId('organization-edit')
  // 911100008002104339 with its check character changed.
  await dialog.getByTestId('organization-edit-credit-code').fill('91110000800210433C')
  await dialog.getByTestId('organization-edit-save').click()
  await fieldError(dialog, 'organization-edit-credit-code').waitFor()
  assert.match(await fieldError(dialog, 'organization-edit-credit-code').innerText(), /校验位.*9/)
  await dialog.getByTestId('organization-edit-credit-code').fill('911100008002104339')
  await dialog.getByTestId('organization-edit-save').click()
  await dialog.waitFor({ state: 'hidden' })
  await page.getByText('911100008002104339').first().waitFor()

  await page.goto(page.url().replace(/#.*/, '#/organizations'))
  await page.getByTestId('organizations-merge').click()
  const merge = page.getByTestId('merge-dialog')
  await merge.getByTestId('merge-pair-0').waitFor()
  assert.match(await merge.getByTestId('merge-duplicate').innerText(), /有限责任公司/)
  await merge.getByTestId('merge-reason').fill('同一企业两种写法')
  await merge.getByTestId('merge-submit').click()
  await page.locator('.el-message-box__btns .el-button--primary').click()
  await page.waitForURL(/#\/organizations\/1$/)
  await page.getByTestId('organization-contracts').locator('.el-table__row').nth(before).waitFor()
  assert.equal((await cells(page, 'organization-contracts')).length, before + 1, 'the duplicate’s contract moved')

  await page.locator('.el-tabs__item', { hasText: '合并记录' }).click()
  await page.locator('[data-testid^="unmerge-"]').click()
  await page.getByTestId('unmerge-reason').fill('撤销')
  await page.getByTestId('unmerge-submit').click()
  await page.locator('.el-message-box__btns .el-button--primary').click()
  await page.locator('[data-testid="merge-history"] .el-table__row').nth(1).waitFor()
  await page.locator('.el-tabs__item', { hasText: '合同' }).click()
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="organization-contracts"] .el-table__row').length === n, before)
  assert.deepEqual(problems, [])
})
