import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { lastMessage, refusals, start } from './harness.mjs'

// Two people of one office on the same server (docs/reliability.md "Two people at once"), signed
// in as two office accounts: both open the small demo's first contract (id 1) for editing; the
// first saves, the second's save is refused with who changed it and which fields differ, nothing
// of the first's is overwritten, and 重新加载 shows the contract as stored.

let app
before(async () => {
  // A second office account besides the harness's `office` (办公室), and a second admin.
  app = await start({ accounts: [['office2', '办公室乙', 'office'], ['admin2', '管理员乙', 'admin']] })
})
after(() => app.stop())

/** The contract form's title once the contract is loaded into it. */
async function loadedTitle(page) {
  const input = page.getByTestId('contract-title')
  await page.waitForFunction((el) => el.value !== '', await input.elementHandle())
  return input.inputValue()
}

test('the second of two people saving one contract is told who changed it and can reload it', async () => {
  const first = await app.open('#/contracts/1/edit')
  const second = await app.page(first.server, '#/contracts/1/edit', { as: 'office2' })
  const title = await loadedTitle(first.page)
  assert.equal(await loadedTitle(second.page), title, 'both see the same contract')

  await first.page.getByTestId('contract-title').fill(`${title}（甲修改）`)
  await first.page.getByTestId('contract-save').click()
  assert.match(await lastMessage(first.page), /已保存/)

  await second.page.getByTestId('contract-title').fill(`${title}（乙修改）`)
  await second.page.getByTestId('contract-save').click()
  const box = second.page.getByTestId('conflict-message')
  await box.waitFor()
  const told = await box.innerText()
  // The audit log's name of the first account (access/account.rs actor_name).
  assert.match(told, /office（办公室）/, 'who changed it')
  assert.match(told, /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/, 'when')
  assert.match(told, /合同名称/, 'which field differs')
  assert.equal(await second.page.getByTestId('contract-title').inputValue(), `${title}（乙修改）`, 'the form keeps what was typed until reloaded')

  await second.page.locator('.conflict-reload').click()
  await second.page.waitForFunction(
    ([el, want]) => el.value === want,
    [await second.page.getByTestId('contract-title').elementHandle(), `${title}（甲修改）`],
  )
  assert.equal(await second.page.getByTestId('contract-form-error').count(), 0, 'the reloaded form starts clean')

  // Reloaded, the second person's change goes on top of the first one's.
  await second.page.getByTestId('contract-title').fill(`${title}（甲乙修改）`)
  await second.page.getByTestId('contract-save').click()
  assert.match(await lastMessage(second.page), /已保存/)

  assert.deepEqual(first.problems, [])
  assert.deepEqual(second.problems, refusals(1, 409), 'the one refused save, and nothing else')
})

test('two admins changing one account: the second is told, and reloads the account as stored', async () => {
  // Two admins (the harness's `admin` and `admin2`) open the `finance` account's form.
  const first = await app.open('#/accounts', { as: 'admin' })
  const second = await app.page(first.server, '#/accounts', { as: 'admin2' })
  for (const { page } of [first, second]) {
    await page.getByTestId('account-edit-finance').click()
    await page.getByTestId('account-name-input').waitFor()
  }

  await first.page.getByTestId('account-name-input').fill('财务（甲改）')
  await first.page.getByTestId('account-save').click()
  assert.match(await lastMessage(first.page), /已保存/)

  await second.page.getByTestId('account-employee').fill('T0001')
  await second.page.getByTestId('account-save').click()
  const box = second.page.getByTestId('conflict-message')
  await box.waitFor()
  const told = await box.innerText()
  assert.match(told, /admin（管理员）/, 'who changed it')
  // The second admin's form still has the old name, and a person the stored account lacks.
  assert.match(told, /姓名/, 'the name differs')
  assert.match(told, /工号/, 'the employee ID differs')

  await second.page.locator('.conflict-reload').click()
  await second.page.waitForFunction(
    (el) => el.value === '财务（甲改）',
    await second.page.getByTestId('account-name-input').elementHandle(),
  )
  assert.equal(await second.page.getByTestId('account-employee').inputValue(), '', 'reloaded as stored: no person linked')

  assert.deepEqual(first.problems, [])
  assert.deepEqual(second.problems, refusals(1, 409), 'the one refused save, and nothing else')
})
