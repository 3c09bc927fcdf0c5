import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, test } from 'node:test'
import { cells, chooseFile, cli, refusedLine, start } from './harness.mjs'

// The audit log of the small Rust demo (src-tauri/core/src/demo/small.rs), all written when the demo was
// made on 2026-11-23 (at the machine's time of day, which no test asserts), in this order:
//   1 the institution; 2–61 the people T0001…T0060; 40 organizations; 300 achievements; 50
//   contracts, with their 59 receipts and 39 costs as each is made; 18 distributions and their 48
//   steps (15 paid: approve, publicize, pay = 45; #16 approved = 1; #17 publicized = 2; #15 draft);
//   then deals.rs: 7 collective decisions and 7 price publicities for the agreed prices, 33 contract
//   updates (a price for the 13 transformation contracts of 2024–2025; a licence date or an equity
//   holding for the 3 licences and the equity of 2023; a payment schedule for the 16 other contracts
//   with money still owed: HT2023-028, HT2025-003 -006 -018 -024 -033, HT2026-201 … 210), 3
//   publicities of deals not signed yet and 1 ownership grant; then report_records.rs: the funding
//   levels of the granted achievements (one entry), 5 platforms, 9 outside-work periods (of the
//   researchers in employee-ID order, indexes 4, 13, 22, 31, 40, 49 part-time and 7, 32, 57 on
//   leave) and 4 projects; then the well-kept office: the institution's objections contact, the
//   policy's document (文号) and the 2025 report filed, one update each; the 17 pending inventions
//   whose examination request fell due before 2026-11-23 (demo/prosecution.rs: filed before
//   2023-11-23) get it recorded done, two entries each (the computed deadline stored, then marked
//   done); and report/src/demo.rs records 3 notices, three entries each (the file attached, the
//   notice, the deadline it starts).
// = 1 + 60 + 40 + 300 + 50 + 59 + 39 + 18 + 48 + 7 + 7 + 33 + 3 + 1 + (1 + 5 + 9 + 4) + 3
//   + 17 × 2 + 3 × 3 = 731 entries; then the harness adds the office's six accounts (harness.mjs
// ACCOUNTS), one entry each: 737.
// The demo records the institution's contact and the policy's document right after the
// institution (entries 2 and 3): entry 14 is therefore the 11th person, T0011. The edits the old fake held (an amount lowered, a
// cost deleted) are made through the app in the test; backups are made through the CLI into the
// server's backups folder, where the desktop app would have taken them.

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

let app
before(async () => {
  app = await start()
})
after(() => app.stop())

async function openAudit() {
  const opened = await app.open('#/audit')
  await opened.page.locator('[data-testid="audit-table"] .el-table__row').first().waitFor()
  return opened
}

async function choose(page, testid, label) {
  await page.getByTestId(testid).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: new RegExp(`^${label}$`) }).click()
}

async function dateRange(page, from, to) {
  const dates = page.getByTestId('audit-filter-dates').locator('input')
  await dates.first().click()
  await dates.first().fill(from)
  await dates.nth(1).fill(to)
  await dates.nth(1).press('Enter')
}

const totalOf = async (page, testid) => Number((await page.locator(`[data-testid="${testid}"] .el-pagination__total`).innerText()).replace(/\D/g, ''))
const rowCount = (page, n) =>
  page.waitForFunction((n) => document.querySelectorAll('[data-testid="audit-table"] .el-table__row').length === n, n)

/** Every text the element with this test id shows, however briefly (a fast job's progress). */
async function watchText(page, testid) {
  await page.evaluate((testid) => {
    window.__seen = []
    new MutationObserver(() => {
      const text = document.querySelector(`[data-testid="${testid}"]`)?.textContent.trim()
      if (text && window.__seen.at(-1) !== text) window.__seen.push(text)
    }).observe(document.body, { subtree: true, childList: true, characterData: true })
  }, testid)
  return () => page.evaluate(() => window.__seen)
}

/** The size the backup table shows for a file (settings/bytes.ts: 1 MB = 1024 × 1024 bytes). */
const shownSize = (bytes) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`)

test('the viewer filters by kind, record and date, shows the diff, and opens the record', async () => {
  // HT2025-027, the transfer to 北京东方生物医药有限公司 (priced by listing, no distribution yet):
  // its amount lowered by ¥100,000.00 and its appraisal cost (8,300.00, 2025-04-23) deleted.
  const { page, problems } = await app.open('#/contracts/27/edit')
  // The form loads the contract after the page opens: typed before it arrives, the amount would be
  // overwritten by the stored one and the save change nothing.
  await page.waitForFunction(() => document.querySelector('input[data-testid="contract-amount"]')?.value)
  await page.getByTestId('contract-amount').fill('2,020,000')
  await page.getByTestId('contract-save').click()
  await page.getByTestId('contract-heading').filter({ hasText: 'HT2025-027' }).waitFor()
  await page.getByTestId('contract-costs').locator('.el-table__row', { hasText: '评估费' }).getByRole('button', { name: '删除' }).click()
  await page.locator('.el-message-box').getByRole('button', { name: '删除' }).click()
  await page.getByTestId('contract-costs').locator('.el-table__row', { hasText: '评估费' }).waitFor({ state: 'detached' })

  await page.evaluate(() => (location.hash = '#/audit'))
  await page.locator('[data-testid="audit-table"] .el-table__row').first().waitFor()
  const first = await cells(page, 'audit-table')
  // Newest first: the cost deleted (entry 739, after the contract's update 738), keyed by its id:
  // the appraisal of HT2025-027 is the 29th cost the demo made, after the 28 costs of the
  // transformation contracts made before it (HT2023-001 … HT2024-026, i = 0 … 25 in demo/small.rs).
  assert.deepEqual(first[0].slice(3, 6), ['删除', '费用', '29'], 'newest first: the cost just deleted')
  assert.deepEqual(first[1].slice(3, 6), ['修改', '合同', 'HT2025-027'])
  assert.deepEqual([first[0][0], first[1][0]], ['739', '738'])
  assert.equal(await totalOf(page, 'audit-pagination'), 739)

  await choose(page, 'audit-filter-entity', '合同')
  await page.waitForFunction(() => location.hash.includes('entity=contract'))
  const key = page.getByTestId('audit-filter-key')
  await key.fill('HT2025-027')
  await key.press('Enter')
  await page.waitForFunction(() => location.hash.includes('key=HT2025-027'))
  // Nothing was logged the day before: the demo was made on 2026-11-23.
  await dateRange(page, '2026-11-22', '2026-11-22')
  await page.waitForFunction(() => location.hash.includes('from=2026-11-22') && location.hash.includes('to=2026-11-22'))
  await rowCount(page, 0)
  assert.equal(await totalOf(page, 'audit-pagination'), 0)
  // On the day: the contract made by the demo, its schedule and listing price (deals.rs), and the edit.
  await dateRange(page, '2026-11-23', '2026-11-23')
  await page.waitForFunction(() => location.hash.includes('from=2026-11-23') && location.hash.includes('to=2026-11-23'))
  await rowCount(page, 3)
  const rows = await cells(page, 'audit-table')
  assert.deepEqual(
    rows.map((r) => r.slice(3, 6)),
    [
      ['修改', '合同', 'HT2025-027'],
      ['修改', '合同', 'HT2025-027'],
      ['新增', '合同', 'HT2025-027'],
    ],
  )
  assert.match(rows[0][1], /^2026-11-23 \d\d:\d\d:\d\d$/)
  assert.equal(await totalOf(page, 'audit-pagination'), 3)

  await page.locator('[data-testid="audit-table"] .el-table__row').first().click()
  const drawer = page.getByTestId('audit-drawer')
  await drawer.getByTestId('audit-diff').waitFor()
  await drawer.locator('.el-drawer__title', { hasText: '第 738 条：合同 HT2025-027' }).waitFor()
  assert.equal(await drawer.getByTestId('audit-changed-count').innerText(), '1 个字段有改动')
  const changed = await drawer.locator('[data-testid="audit-diff"] .el-table__row.changed').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent.trim())),
  )
  assert.equal(changed.length, 1)
  // The field by the contract's own name, its logged key under it; 2,120,000.00 before, 2,020,000.00 after.
  assert.match(changed[0][0], /^合同金额\s*amount_fen$/)
  const yuan = (text) => Number(text.replace(/[¥,]/g, ''))
  assert.deepEqual([yuan(changed[0][1]), yuan(changed[0][2])], [2120000, 2020000])
  const kind = await drawer.locator('[data-testid="audit-diff"] .el-table__row', { hasText: 'kind' }).first().locator('td').allInnerTexts()
  assert.deepEqual(kind.map((c) => c.replace(/\s+/g, ' ').trim()), ['转化方式 kind', '转让', '转让'], 'a coded value by its name')
  assert.match(page.url(), /entry=738/, 'the open entry is in the address')

  await drawer.getByTestId('audit-open-record').click()
  await page.waitForFunction(() => location.hash === '#/contracts/27')
  await page.getByTestId('contract-heading').filter({ hasText: 'HT2025-027' }).waitFor()
  await page.goBack()
  await page.waitForFunction(() => location.hash.includes('entity=contract') && location.hash.includes('key=HT2025-027'))
  assert.deepEqual(problems, [])
})

test('verify reports an intact log, and names an entry altered behind the app', async () => {
  const { page, problems } = await openAudit()
  await page.getByTestId('audit-verify').click()
  assert.equal(await page.getByTestId('verify-ok').innerText(), '数据完好：完整性检查通过，737 条操作日志的哈希链完整')

  // Someone edits the file with another program: entry 14 (T0011's record as logged) gets
  // another name. The log's triggers refuse updates, so they drop one first, as such a person would.
  const tampered = await openAudit()
  const altered = spawnSync(
    'sqlite3',
    [
      tampered.server.db,
      "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET after = json_set(after, '$.name', '王某') WHERE id = 14;",
    ],
    { encoding: 'utf8' },
  )
  assert.equal(altered.status, 0, altered.stderr)
  await tampered.page.getByTestId('audit-verify').click()
  const broken = tampered.page.getByTestId('verify-broken')
  assert.match(await broken.innerText(), /第 14 条操作日志与记录时不一致/)
  await tampered.page.getByTestId('verify-show-broken').click()
  const drawer = tampered.page.getByTestId('audit-drawer')
  await drawer.locator('.el-drawer__title', { hasText: '第 14 条：人员 T0011' }).waitFor()
  assert.match(tampered.page.url(), /entity=person&key=T0011&entry=14/)
  await rowCount(tampered.page, 1)
  const rows = await cells(tampered.page, 'audit-table')
  assert.deepEqual(rows.map((r) => r.slice(0, 1).concat(r.slice(3, 6))), [['14', '新增', '人员', 'T0011']], 'the table shows that record’s history')
  assert.deepEqual(problems, [])
  assert.deepEqual(tampered.problems, [])
})

test('backups: the list, a backup with progress, a checked and confirmed restore, a foreign file refused', async () => {
  // Backups and restore are the administrator's (the command table: admin only).
  const { page, problems, server } = await app.open('#/settings?tab=profile', { as: 'admin' })
  // Three earlier backups of the demo, named as the app names its own (transferdesk-<taken>-<why>.db).
  const folder = join(server.dir, 'backups')
  mkdirSync(folder, { mode: 0o700 })
  const names = ['transferdesk-20261118-150500-manual.db', 'transferdesk-20261120-084105-start.db', 'transferdesk-20261120-180240-quit.db']
  for (const name of names) assert.equal(cli(server.db, 'backup', join(folder, name)).backup.audit_entries, 737)
  const size = (name) => shownSize(statSync(join(folder, name)).size)

  // A change the restore will undo: the institution renamed.
  await page.getByTestId('profile-name').fill('西川理工大学（改名后）')
  await page.getByTestId('profile-save').click()
  await page.getByTestId('institution').getByText('西川理工大学（改名后）').waitFor()

  await page.getByTestId('settings-tabs').getByText('备份与恢复').click()
  await page.locator('[data-testid="backup-table"] .el-table__row').first().waitFor()
  const listed = await cells(page, 'backup-table')
  assert.deepEqual(
    listed.map((r) => r.slice(0, 4)),
    [
      ['2026-11-20 18:02:40', '退出时', size(names[2]), names[2]],
      ['2026-11-20 08:41:05', '启动时', size(names[1]), names[1]],
      ['2026-11-18 15:05:00', '手动', size(names[0]), names[0]],
    ],
  )

  // A manual backup: the whole file copied (its pages, from the SQLite header of the copy).
  const seen = await watchText(page, 'backup-progress-step')
  await page.getByTestId('backup-now').click()
  const message = await page.locator('.el-message', { hasText: '已备份' }).innerText()
  assert.match(message, /^已备份：transferdesk-20261123-\d{6}-manual\.db$/)
  const manual = message.replace('已备份：', '')
  const header = readFileSync(join(folder, manual)).subarray(0, 32)
  const pages = header.readUInt32BE(28)
  assert.equal(statSync(join(folder, manual)).size, pages * header.readUInt16BE(16))
  assert.ok((await seen()).includes(`正在复制数据页（${pages}/${pages}）`), `progress shown: ${await seen()}`)
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="backup-table"] .el-table__row').length === 4)
  assert.deepEqual((await cells(page, 'backup-table'))[0].slice(1, 4), ['手动', size(manual), manual])

  // A file that is not a backup is refused before anything is asked.
  const notes = join(server.dir, '备忘.txt')
  writeFileSync(notes, '这不是备份文件\n')
  await chooseFile(page, notes, () => page.getByTestId('backup-restore-file').click())
  assert.match(await page.getByTestId('backup-refused').innerText(), /无法恢复[\s\S]*所选文件不是 TransferDesk 的备份文件，未做任何替换。/)
  assert.equal(await page.locator('.el-message-box').count(), 0, 'nothing to confirm for a refused file')

  // The 11-20 start backup restored, given through 从文件恢复… (uploaded; a listed backup's own
  // 恢复 button names its file in the backups folder, which the server also takes).
  await chooseFile(page, join(folder, names[1]), () => page.getByTestId('backup-restore-file').click())
  const box = page.locator('.el-message-box')
  await box.getByTestId('backup-confirm').waitFor()
  const text = await box.innerText()
  assert.match(text, /从备份恢复/)
  assert.match(text, /文件：transferdesk-20261120-084105-start\.db/)
  // The schema version is the number of migrations (core store/mod.rs MIGRATIONS, one file each in
  // src-tauri/core/migrations); the demo's 685 entries and 6 accounts.
  const migrations = readdirSync(join(ROOT, 'src-tauri/core/migrations')).filter((f) => f.endsWith('.sql')).length
  assert.match(text, new RegExp(`数据版本：${migrations}\\b`))
  assert.match(text, /操作日志：737 条，哈希链完整/)
  assert.match(text, /替换当前的全部数据.*“恢复前”备份/)
  await box.getByRole('button', { name: '替换并恢复' }).click()
  assert.match(
    await page.locator('.el-message', { hasText: '已恢复' }).innerText(),
    /^已恢复：transferdesk-20261120-084105-start\.db。原来的数据已保存为 transferdesk-20261123-\d{6}-before-restore\.db$/,
  )
  // Back to the first screen the administrator can use (the office's would be the dashboard).
  await page.waitForFunction(() => location.hash.startsWith('#/audit'))
  // The demo's name is back.
  await page.getByTestId('institution').getByText('西川理工大学', { exact: true }).waitFor()

  // The replaced data is kept as the newest backup; the restore is the restored log's newest entry.
  await page.evaluate(() => (location.hash = '#/settings?tab=backups'))
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="backup-table"] .el-table__row').length === 5)
  assert.equal((await cells(page, 'backup-table'))[0][1], '恢复前')
  await page.getByTestId('backup-verify').click()
  assert.equal(await page.getByTestId('verify-ok').innerText(), '数据完好：完整性检查通过，738 条操作日志的哈希链完整')
  // The foreign file's check was refused (422); nothing else was logged.
  assert.deepEqual(problems, [refusedLine(422)])
})
