import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { spawnSync } from 'node:child_process'
import { PASSWORD, SECRETARY_DEPARTMENT, refusals, refusedLine, start, typeDate } from './harness.mjs'

// Several people in one office on one server: each role sees its own screens, the sign-in page
// refuses a wrong password, an office user and a 学院 secretary work on the same portfolio, and
// finance records the payment of a publicized distribution. The harness's template holds one
// account of each role (harness.mjs ACCOUNTS), all with the password PASSWORD.

let app
before(async () => {
  app = await start()
})
after(() => app.stop())

/** The test ids of the menu's items, in order. */
const menu = (page) => page.locator('.el-aside [data-testid^="nav-"]').evaluateAll((items) => items.map((i) => i.dataset.testid.slice(4)))

/** Reads the test's data file with the sqlite3 command (inputs of the expectations, never the
 * app's answers); `?` takes the next argument as a quoted text. */
function query(db, sql, ...args) {
  const text = args.reduce((q, a) => q.replace('?', `'${String(a).replaceAll("'", "''")}'`), sql)
  const run = spawnSync('sqlite3', ['-readonly', '-json', db, text], { encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`sqlite3: ${run.stderr}`)
  return run.stdout.trim() ? JSON.parse(run.stdout) : []
}

test('each role signs in and sees only the screens its commands allow', async () => {
  // From the command table (src-tauri/api/src/commands): a screen shows when the role may call
  // the command it lists (ui/src/navigation.ts). Office: everything but the accounts; leader:
  // every read, no imports; admin: the audit log, accounts and settings; secretary: one 学院's
  // achievements, disclosures, deadlines and report; finance: contracts (receipts, costs), distributions,
  // and the policies (settings); an inventor: their own side (我的首页, 披露, 成果, 收益, 公示), nothing of the office.
  const expected = {
    office: ['dashboard', 'achievements', 'disclosures', 'publicity', 'grants', 'contracts', 'people', 'organizations', 'rewards', 'fees', 'prosecution', 'annual', 'import', 'wizard', 'bulk', 'audit', 'settings'],
    leader: ['dashboard', 'achievements', 'disclosures', 'publicity', 'grants', 'contracts', 'people', 'organizations', 'rewards', 'fees', 'prosecution', 'annual', 'audit', 'settings'],
    admin: ['audit', 'accounts', 'settings'],
    secretary: ['achievements', 'disclosures', 'prosecution', 'annual'],
    finance: ['contracts', 'rewards', 'settings'],
    inventor: ['me', 'myDisclosures', 'myAchievements', 'myRewards', 'myPublicity'],
  }
  const { server } = await app.open('#/', { as: null })
  for (const [role, screens] of Object.entries(expected)) {
    const { page, problems } = await app.page(server, '#/', { as: role })
    await page.getByTestId('account-name').waitFor()
    assert.deepEqual(await menu(page), screens, role)
    // The start screen is the first one the role can use (the dashboard is the office's).
    if (screens.length) await page.waitForURL(new RegExp(`#/${screens[0]}`))
    assert.deepEqual(problems, [], role)
  }
  // A screen typed into the address bar that the role cannot use sends it to its own first.
  const { page } = await app.page(server, '#/fees', { as: 'secretary' })
  await page.waitForURL(/#\/achievements/)
})

test('the sign-in page refuses a wrong password and lets the right one in; signing out returns to it', async () => {
  const { page, problems } = await app.open('#/dashboard', { as: null })
  await page.getByTestId('login-name').fill('office')
  await page.getByTestId('login-password').fill('not the password')
  await page.getByTestId('login-submit').click()
  assert.equal(await page.getByTestId('login-error').innerText(), '登录名或密码错误（或账号已停用）')
  await page.getByTestId('login-password').fill(PASSWORD)
  await page.getByTestId('login-submit').click()
  // The office's name and role from harness.mjs ACCOUNTS.
  assert.equal(await page.getByTestId('account-name').innerText(), '办公室成果转化办公室')
  await page.getByTestId('institution').getByText('西川理工大学').waitFor()
  await page.getByTestId('account-name').click()
  await page.getByTestId('account-logout').click()
  await page.getByTestId('login-submit').waitFor()
  // The browser logs each 401: "who is calling?" answered "nobody" when the page opened, the
  // refused sign-in, and "nobody" again on the page signing out reloads.
  assert.deepEqual(problems, refusals(3, 401))
})

test('an office user and a secretary work on one portfolio; the secretary sees only their 学院', async () => {
  const { page: office, server } = await app.open('#/achievements')
  const { page: secretary, problems } = await app.page(server, '#/achievements', { as: 'secretary' })
  // The secretary's list counts their 学院's achievements only: the demo's count, read from the
  // data file (every achievement has one department).
  const [{ n: own }] = query(server.db, 'SELECT count(*) AS n FROM achievement a JOIN department d ON d.id = a.department_id WHERE d.name = ?', SECRETARY_DEPARTMENT)
  const total = (page) => page.locator('[data-testid="portfolio-pagination"] .el-pagination__total').innerText()
  await secretary.locator('[data-testid="achievement-table"] .el-table-v2__row').first().waitFor()
  assert.equal(await total(secretary), `共 ${own} 条`)
  assert.equal(await total(office), '共 300 条', 'the whole portfolio (demo/small.rs: 300 achievements)')

  // The office renames one of the 学院's achievements; the secretary sees the new title.
  const [{ id, title }] = query(server.db, 'SELECT a.id, a.title FROM achievement a JOIN department d ON d.id = a.department_id WHERE d.name = ? ORDER BY a.id LIMIT 1', SECRETARY_DEPARTMENT)
  await office.goto(`${server.url}#/achievements/${id}/edit`)
  // An el-input puts the test id on its <input>.
  const titleBox = office.locator('input[data-testid="reg-title"]')
  await titleBox.waitFor()
  await office.waitForFunction((t) => document.querySelector('input[data-testid="reg-title"]')?.value === t, title)
  await titleBox.fill(`${title}（改进型）`)
  await office.getByTestId('reg-save').click()
  await office.waitForURL(new RegExp(`#/achievements/${id}$`))
  await secretary.goto(`${server.url}#/achievements/${id}`)
  assert.equal(await secretary.getByTestId('achievement-title').innerText(), `${title}（改进型）`)

  // Another department's achievement is not found for the secretary — by its page and by search.
  const [foreign] = query(server.db, 'SELECT a.id, a.achievement_no FROM achievement a JOIN department d ON d.id = a.department_id WHERE d.name <> ? ORDER BY a.id LIMIT 1', SECRETARY_DEPARTMENT)
  await secretary.goto(`${server.url}#/achievements/${foreign.id}`)
  await secretary.getByTestId('not-found').waitFor()
  await secretary.goto(`${server.url}#/achievements?q=${foreign.achievement_no}`)
  await secretary.getByText('没有符合条件的成果').first().waitFor()
  assert.deepEqual(problems, [refusedLine(404)], 'the page of the other 学院’s achievement: 404, as if it did not exist')
})

test('finance records the payment of a publicized distribution and never sees a draft', async () => {
  const { page, problems, server } = await app.open('#/rewards', { as: 'finance' })
  // The demo's distributions by state (read from the file): finance's list leaves out drafts.
  const states = Object.fromEntries(query(server.db, 'SELECT state, count(*) AS n FROM distribution GROUP BY state').map((r) => [r.state, r.n]))
  const shown = (states.approved ?? 0) + (states.publicized ?? 0) + (states.paid ?? 0)
  await page.locator('[data-testid="rewards-table"] .el-table__row').first().waitFor()
  assert.match(await page.getByTestId('rewards-pagination').innerText(), new RegExp(`共 ${shown} 条`))
  assert.equal(await page.getByTestId('rewards-new').count(), 0, 'finance does not start distributions')
  // The publicized one (its period ended 2025-12-12, before today 2026-11-23) is paid today.
  const [{ id }] = query(server.db, "SELECT id FROM distribution WHERE state = 'publicized' ORDER BY id LIMIT 1")
  await page.goto(`${server.url}#/rewards/${id}`)
  await page.getByTestId('dist-pay').click()
  // The dialog proposes no day: finance types the day the money went out.
  await typeDate(page, 'pay-date', '2026-11-23')
  await page.getByTestId('pay-confirm').click()
  await page.getByTestId('dist-state').getByTestId('state-tag').filter({ hasText: '已发放' }).waitFor()
  // Finance approves nothing: the draft's actions are not offered.
  assert.equal(await page.getByTestId('dist-approve').count(), 0)
  const [{ actor }] = query(server.db, "SELECT actor FROM audit_log WHERE entity = 'distribution' ORDER BY id DESC LIMIT 1")
  assert.equal(actor, 'finance（财务）', 'the audit log names the account')
  assert.deepEqual(problems, [])
})
