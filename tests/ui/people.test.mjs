import assert from 'node:assert/strict'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, test } from 'node:test'
import { cells, chooseFile, refusals, refusedLine, start } from './harness.mjs'

// People and organizations of the small Rust demo portfolio (src-tauri/core/src/demo/small.rs): 60
// people, T0001–T0058 in the colleges by tens (计算机学院 T0001–T0010, 机械工程学院, 材料科学与工程
// 学院, 化学化工学院, 电气工程学院, then 生命科学学院 T0051–T0058), and T0059 张伟 and T0060 谢明 of
// 技术转移中心, the only transfer staff (demo/small.rs: `n == 59 || n == 60`). Everyone has a resident
// ID, nobody a bank account; 40 organizations. The demo has no duplicates: no two people share a
// name inside one college (韩浩然 is T0012 in 机械 and T0027 in 材料, 张伟 T0047 in 电气 and T0059 in
// 技术转移中心) or a resident ID, and no two organizations share a name's stem or a credit code.
// The bank accounts and the duplicates that the old fake planted are made here through the
// screens: the edit dialog, and the import screen with the small files of tests/fixtures/ui.

const FIXTURES = fileURLToPath(new URL('../fixtures/ui/', import.meta.url))

let app
before(async () => {
  app = await start()
})
after(() => app.stop())

/** T0001 谢艳's resident ID in the demo (sqlite: person 1). */
const ID_1 = '510105196610175487'
/** T0002 梁超's (person 2). */
const ID_2 = '500103198111135653'
/** The GB 11643 sample resident ID, and a bank account. */
const ID = '11010519491231002X'
const BANK = '6222021234567890'

async function openPeople(hash = '#/people') {
  const opened = await app.open(hash)
  await opened.page.locator('[data-testid="people-table"] .el-table__row').first().waitFor()
  return opened
}

const fieldError = (dialog, testid) => dialog.getByTestId(testid).locator('xpath=ancestor::div[contains(@class,"el-form-item")][1]').locator('.el-form-item__error')

/** Sets the bank account of the person whose page is open, through the edit dialog. */
async function setBankAccount(page, account) {
  await page.getByTestId('person-edit-open').click()
  const dialog = page.getByTestId('person-edit')
  await dialog.getByTestId('person-edit-bank-account').fill(account)
  await dialog.getByTestId('person-edit-save').click()
  await dialog.waitFor({ state: 'hidden' })
  await page.getByTestId('person-bank-account').filter({ hasText: account.slice(-4) }).waitFor()
}

/** Imports `file` into `table` through the import screen (chosen and uploaded, then confirmed). */
async function importThroughScreen(page, table, file) {
  await page.getByTestId('nav-import').click()
  await page.getByTestId(`import-table-${table}`).click()
  await page.locator(`[data-testid="import-table-${table}"].is-active`).waitFor()
  await chooseFile(page, join(FIXTURES, file), () => page.getByTestId('import-pick').click())
  await page.waitForFunction((name) => document.querySelector('input[data-testid="import-path"]')?.value === name, file)
  await page.getByTestId('import-run').click()
  const box = page.locator('.el-message-box', { hasText: file })
  await box.locator('.el-button--primary').click()
  await box.waitFor({ state: 'hidden' })
  await page.getByTestId('import-view-portfolio').or(page.getByTestId('import-failure')).waitFor()
  assert.match(await page.locator('[data-testid="import-result"], [data-testid="import-failure"]').innerText(), /共 1 行数据，新增 1 条/, file)
}

test('the people list is in the menu, filters through the URL and never shows a full number', async () => {
  // T0001 gets a bank account first (the demo has none), through the edit dialog.
  const { page, problems } = await app.open('#/people/1')
  await page.getByTestId('person-id-number').waitFor()
  await setBankAccount(page, BANK)

  await page.getByTestId('nav-people').click()
  await page.locator('[data-testid="people-table"] .el-table__row').first().waitFor()
  const first = (await cells(page, 'people-table'))[0]
  // Sorted by employee ID: T0001 谢艳 of 计算机学院 first.
  assert.deepEqual(first.slice(0, 3), ['T0001', '谢艳', '计算机学院'])
  // First 6 and last 4 of the resident ID (510105196610175487), last 4 of the account.
  assert.equal(first[5], '510105********5487')
  assert.equal(first[6], '************7890')
  const html = await page.content()
  assert.ok(!html.includes(ID_1) && !html.includes(BANK), 'the list never carries the full numbers')

  await page.getByTestId('people-filter-category').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '技术转移人员' }).click()
  await page.waitForURL(/category=transfer_staff/)
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="people-table"] .el-table__row')].every((r) => r.textContent.includes('技术转移人员')))
  const rows = await cells(page, 'people-table')
  assert.ok(rows.every((r) => r[3] === '技术转移人员'), JSON.stringify(rows.slice(0, 3)))
  // The demo's only transfer staff: people 59 and 60.
  assert.deepEqual(rows.map((r) => r.slice(0, 3)), [
    ['T0059', '张伟', '技术转移中心'],
    ['T0060', '谢明', '技术转移中心'],
  ])
  assert.deepEqual(problems, [])
})

test("a person's page links every achievement and contract to its own page, and reveals numbers only on purpose", async () => {
  // T0002 梁超: resident ID 500103198111135653; a bank account is set first (the demo has none).
  const { page, problems } = await app.open('#/people/2')
  await page.getByTestId('person-achievements').locator('.el-table__row').first().waitFor()
  await setBankAccount(page, BANK)
  assert.equal(await page.getByTestId('person-id-number').innerText(), '500103********5653')
  assert.equal(await page.getByTestId('person-bank-account').innerText(), '************7890')
  let html = await page.content()
  assert.ok(!html.includes(ID_2) && !html.includes(BANK), 'masked until asked')
  await page.getByTestId('person-reveal').click()
  await page.getByTestId('person-id-number').filter({ hasText: ID_2 }).waitFor()
  assert.equal(await page.getByTestId('person-bank-account').innerText(), BANK)
  await page.getByTestId('person-reveal').click()
  await page.getByTestId('person-id-number').filter({ hasText: '500103********5653' }).waitFor()
  assert.equal(await page.getByTestId('person-bank-account').innerText(), '************7890')
  html = await page.content()
  assert.ok(!html.includes(ID_2) && !html.includes(BANK), 'masked again once hidden')

  // T0002 is an inventor of CG20240103, which contract HT2025-039 (id 39, signed 2025-09-06)
  // covers, and of CG20200064 under HT2023-034 (id 34, 2023-08-19): newest first.
  await page.locator('.el-tabs__item', { hasText: '合同' }).click()
  assert.deepEqual((await cells(page, 'person-contracts')).map((r) => r[0]), ['HT2025-039', 'HT2023-034'])
  const contractHref = await page.getByTestId('person-contracts').locator('a').first().getAttribute('href')
  assert.match(contractHref, /#\/contracts\/39$/)
  // Their 16 achievements in number order: CG20120118 (id 118) first.
  await page.locator('.el-tabs__item', { hasText: '成果' }).first().click()
  assert.equal((await cells(page, 'person-achievements')).length, 16)
  const link = page.getByTestId('person-achievements').locator('a').first()
  const no = await link.innerText()
  assert.equal(no, 'CG20120118')
  await link.click()
  await page.waitForURL(/#\/achievements\/118$/)
  await page.getByText(no).first().waitFor()
  assert.deepEqual(problems, [])
})

test('editing a person shows each refused field in place and saves nothing until fixed', async () => {
  const { page, problems } = await app.open('#/people/2')
  await page.getByTestId('person-edit-open').click()
  const dialog = page.getByTestId('person-edit')
  await dialog.waitFor()
  // T0001 is 谢艳's employee ID.
  await dialog.getByTestId('person-edit-employee-id').fill('T0001')
  // The GB 11643 sample with its check character changed: 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6
  // +9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167 = 15·11 + 2, and position 2 of 10X98765432 is X.
  await dialog.getByTestId('person-edit-id-number').fill('110105194912310021')
  await dialog.getByTestId('person-edit-bank-account').fill('1234')
  await dialog.getByTestId('person-edit-save').click()
  await fieldError(dialog, 'person-edit-bank-account').waitFor()
  assert.match(await fieldError(dialog, 'person-edit-bank-account').innerText(), /12–30 位数字/)
  assert.match(await fieldError(dialog, 'person-edit-id-number').innerText(), /校验位.*X/)
  assert.match(await fieldError(dialog, 'person-edit-employee-id').innerText(), /已存在/)
  // Nothing was saved: the page still shows T0002 with the demo's resident ID.
  assert.match(await page.locator('.page-title').first().innerText(), /T0002/)
  assert.equal(await page.getByTestId('person-id-number').innerText(), '500103********5653')

  await dialog.getByTestId('person-edit-employee-id').fill('T0002')
  // A lower-case check character is the same ID; spaces in an account are dropped.
  await dialog.getByTestId('person-edit-id-number').fill('11010519491231002x')
  await dialog.getByTestId('person-edit-bank-account').fill('6222 0212 3456 7890')
  await dialog.getByTestId('person-edit-save').click()
  await dialog.waitFor({ state: 'hidden' })
  await page.getByTestId('person-id-number').filter({ hasText: '110105********002X' }).waitFor()
  assert.equal(await page.getByTestId('person-bank-account').innerText(), '************7890')
  await page.getByTestId('person-reveal').click()
  await page.getByTestId('person-id-number').filter({ hasText: ID }).waitFor()
  assert.equal(await page.getByTestId('person-bank-account').innerText(), BANK)
  // The one refused save (three fields in one answer).
  assert.deepEqual(problems, refusals(1))
})

test('a duplicate person is merged after a confirmation, hidden, and brought back by undoing the merge', async () => {
  // The duplicate: 谢艳 of 计算机学院 imported a second time as T9001, with one achievement
  // (DUP-0001) under that employee ID.
  const { page, problems } = await app.open('#/achievements')
  await page.locator('[data-testid="achievement-table"] .el-table-v2__row').first().waitFor()
  await importThroughScreen(page, 'people', 'dup-person.csv')
  await importThroughScreen(page, 'achievements', 'dup-person-achievement.csv')

  await page.goto(page.url().replace(/#.*/, '#/people?q=T9001'))
  await page.locator('[data-testid="people-table"] .el-table__row', { hasText: 'T9001' }).waitFor()
  await page.getByTestId('people-merge').click()
  const dialog = page.getByTestId('merge-dialog')
  await dialog.getByTestId('merge-pair-0').waitFor()
  // The only pair (the demo has none of its own). T0001 has 12 achievements in the demo, T9001
  // one: the one with more is kept.
  assert.equal(await dialog.locator('[data-testid^="merge-pair-"]').count(), 1)
  assert.match(await dialog.getByTestId('merge-duplicate').innerText(), /T9001 谢艳[\s\S]*1 项/)
  assert.match(await dialog.getByTestId('merge-keep').innerText(), /T0001 谢艳[\s\S]*12 项/)
  // No reason: refused at the field after the confirmation.
  await dialog.getByTestId('merge-submit').click()
  await page.locator('.el-message-box__btns .el-button--primary').click()
  await dialog.locator('.el-form-item__error').waitFor()
  // Cancelling the confirmation changes nothing.
  await dialog.getByTestId('merge-reason').fill('同一人两个工号')
  await dialog.getByTestId('merge-submit').click()
  await page.locator('.el-message-box__btns .el-button:not(.el-button--primary)').click()
  await page.locator('.el-message-box').waitFor({ state: 'hidden' })
  assert.ok(await dialog.isVisible(), 'still open after a cancelled confirmation')
  await dialog.getByTestId('merge-submit').click()
  await page.locator('.el-message-box__btns .el-button--primary').click()
  await page.waitForURL(/#\/people\/1$/)
  // T9001's achievement is T0001's now: 12 + 1.
  await page.locator('.el-tabs__item', { hasText: '成果 (13)' }).waitFor()

  await page.locator('.el-tabs__item', { hasText: '合并记录' }).click()
  const history = page.getByTestId('merge-history')
  await history.waitFor()
  const rows = await cells(page, 'merge-history')
  assert.equal(rows[0][0], '合并')
  assert.equal(rows[0][1], '2026-11-23')
  assert.match(rows[0][2], /T9001 谢艳\s*→\s*T0001 谢艳/)
  assert.match(rows[0][3], /成果完成人：DUP-0001 一种基于深度学习的图像去噪方法/)
  assert.equal(rows[0][4], '同一人两个工号')

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
  // The achievement went back to T9001: 12 again.
  await page.locator('.el-tabs__item', { hasText: '成果 (12)' }).waitFor()

  await page.goto(page.url().replace(/#.*/, '#/people?q=T9001'))
  await page.locator('[data-testid="people-table"] .el-table__row', { hasText: 'T9001' }).waitFor()
  // The one refused merge (no reason).
  assert.deepEqual(problems, refusals(1))
})

test('organizations: region filter, a refused credit code at its field, merge and unmerge', async () => {
  const { page, problems } = await app.open('#/achievements')
  await page.getByTestId('nav-organizations').click()
  await page.locator('[data-testid="organizations-table"] .el-table__row').first().waitFor()
  await page.getByTestId('organizations-filter-region').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '北京市' }).click()
  await page.waitForURL(/region=/)
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="organizations-table"] .el-table__row')].every((r) => r.textContent.includes('北京市')))
  const beijing = await cells(page, 'organizations-table')
  // The demo's seven organizations in 北京市 (ids 11, 13, 19, 26, 31, 32, 40).
  assert.deepEqual(beijing.map((r) => r[0]).sort(), [
    '北京万里化工有限公司',
    '北京东方生物医药有限公司',
    '北京安信信息技术有限公司',
    '北京宏达化工有限公司',
    '北京汇川电气有限公司',
    '北京瑞丰信息技术有限公司',
    '北京瑞丰新材料有限公司',
  ].sort())
  const amounts = beijing.map((r) => r[6])
  assert.ok(amounts.every((a) => /^¥[\d,]+\.\d{2}$/.test(a)), `money as ¥1,234.56: ${amounts}`)

  // Organization 11, 北京瑞丰信息技术有限公司: one contract in the demo (HT2024-002).
  await page.goto(page.url().replace(/#.*/, '#/organizations/11'))
  await page.getByTestId('organization-contracts').locator('.el-table__row').first().waitFor()
  const before = (await cells(page, 'organization-contracts')).length
  assert.equal(before, 1)
  await page.getByTestId('organization-edit-open').click()
  const dialog = page.getByTestId('organization-edit')
  // 911100008002104339 with its check character changed: the characters' values 9,1,1,1,0,0,0,
  // 0,8,0,0,2,1,0,4,3,3 weighted 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28 add up to 456
  // = 14·31 + 22, and 31 − 22 = 9.
  await dialog.getByTestId('organization-edit-credit-code').fill('91110000800210433C')
  await dialog.getByTestId('organization-edit-save').click()
  await fieldError(dialog, 'organization-edit-credit-code').waitFor()
  assert.match(await fieldError(dialog, 'organization-edit-credit-code').innerText(), /校验位.*9/)
  await dialog.getByTestId('organization-edit-credit-code').fill('911100008002104339')
  await dialog.getByTestId('organization-edit-save').click()
  await dialog.waitFor({ state: 'hidden' })
  await page.getByText('911100008002104339').first().waitFor()

  // The duplicate: the same company imported as 北京瑞丰信息技术有限责任公司 (the same name once
  // 有限公司 / 有限责任公司 is dropped), with one contract (HT2026-901).
  await importThroughScreen(page, 'organizations', 'dup-organization.csv')
  await importThroughScreen(page, 'contracts', 'dup-organization-contract.csv')

  await page.goto(page.url().replace(/#.*/, '#/organizations'))
  await page.getByTestId('organizations-merge').click()
  const merge = page.getByTestId('merge-dialog')
  await merge.getByTestId('merge-pair-0').waitFor()
  assert.equal(await merge.locator('[data-testid^="merge-pair-"]').count(), 1)
  // One contract each: the older record (11) is kept.
  assert.match(await merge.getByTestId('merge-duplicate').innerText(), /北京瑞丰信息技术有限责任公司/)
  assert.match(await merge.getByTestId('merge-keep').innerText(), /北京瑞丰信息技术有限公司/)
  await merge.getByTestId('merge-reason').fill('同一企业两种写法')
  await merge.getByTestId('merge-submit').click()
  await page.locator('.el-message-box__btns .el-button--primary').click()
  await page.waitForURL(/#\/organizations\/11$/)
  await page.getByTestId('organization-contracts').locator('.el-table__row').nth(before).waitFor()
  const merged = await cells(page, 'organization-contracts')
  assert.equal(merged.length, before + 1, 'the duplicate’s contract moved')
  assert.deepEqual(merged.map((r) => r[0]).sort(), ['HT2024-002', 'HT2026-901'])

  await page.locator('.el-tabs__item', { hasText: '合并记录' }).click()
  assert.match((await cells(page, 'merge-history'))[0][3], /合同：HT2026-901 信息系统技术开发合同/)
  await page.locator('[data-testid^="unmerge-"]').click()
  await page.getByTestId('unmerge-reason').fill('撤销')
  await page.getByTestId('unmerge-submit').click()
  await page.locator('.el-message-box__btns .el-button--primary').click()
  await page.locator('[data-testid="merge-history"] .el-table__row').nth(1).waitFor()
  await page.locator('.el-tabs__item', { hasText: '合同' }).click()
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="organization-contracts"] .el-table__row').length === n, before)
  assert.equal((await cells(page, 'organization-contracts'))[0][0], 'HT2024-002')
  // The one refused save (the credit code).
  assert.deepEqual(problems, refusals(1))
})
