import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { cells, lastMessage, start } from './harness.mjs'

// The fake audit log (ui/src/api/fake-audit.ts): the import of the fake portfolio (people on
// 2026-09-01, achievements on 09-02, contracts on 09-03), then edits by hand: the first
// achievement's status (10-15), the second person's department (10-20), the third contract's
// amount lowered by ¥100,000.00 and one of its costs deleted (11-02), the policy (11-05), the
// holidays (11-12), the distributions (11-16) and the institution's name (11-18). Five backups.

let app
before(async () => {
  app = await start()
})
after(() => app.stop())

async function openAudit(prefix = '') {
  const opened = await app.open(`${prefix}#/audit`)
  await opened.page.locator('[data-testid="audit-table"] .el-table__row').first().waitFor()
  return opened
}

async function choose(page, testid, label) {
  await page.getByTestId(testid).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: new RegExp(`^${label}$`) }).click()
}

const totalOf = async (page, testid) => Number((await page.locator(`[data-testid="${testid}"] .el-pagination__total`).innerText()).replace(/\D/g, ''))

test('the viewer filters by kind and date, shows the diff, and opens the record', async () => {
  const { page, problems } = await openAudit()
  const first = await cells(page, 'audit-table')
  assert.deepEqual(first[0].slice(3, 5), ['修改', '单位信息'], 'newest first: the institution renamed on 11-18')

  await choose(page, 'audit-filter-entity', '合同')
  await page.waitForFunction(() => location.hash.includes('entity=contract'))
  const dates = page.getByTestId('audit-filter-dates').locator('input')
  await dates.first().click()
  await dates.first().fill('2026-11-02')
  await dates.nth(1).fill('2026-11-02')
  await dates.nth(1).press('Enter')
  await page.waitForFunction(() => location.hash.includes('from=2026-11-02') && location.hash.includes('to=2026-11-02'))
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="audit-table"] .el-table__row').length === 1)
  const [row] = await cells(page, 'audit-table')
  assert.equal(row[1], '2026-11-02 16:45:30')
  assert.deepEqual(row.slice(3, 5), ['修改', '合同'])
  assert.match(row[5], /^HT\d{4}-003$/)
  assert.equal(await totalOf(page, 'audit-pagination'), 1)

  await page.locator('[data-testid="audit-table"] .el-table__row').first().click()
  const drawer = page.getByTestId('audit-drawer')
  await drawer.getByTestId('audit-diff').waitFor()
  assert.equal(await drawer.getByTestId('audit-changed-count').innerText(), '1 个字段有改动')
  const changed = await drawer.locator('[data-testid="audit-diff"] .el-table__row.changed').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent.trim())),
  )
  assert.equal(changed.length, 1)
  // The field by the contract's own name, its logged key under it.
  assert.match(changed[0][0], /^合同金额\s*amount_fen$/)
  // Before was ¥100,000.00 more than after.
  const yuan = (text) => Number(text.replace(/[¥,]/g, ''))
  assert.equal(yuan(changed[0][1]) - yuan(changed[0][2]), 100000)
  const kind = await drawer.locator('[data-testid="audit-diff"] .el-table__row', { hasText: 'kind' }).locator('td').allInnerTexts()
  assert.deepEqual(kind.map((c) => c.replace(/\s+/g, ' ').trim()), ['转化方式 kind', '许可', '许可'], 'a coded value by its name')
  assert.match(page.url(), /entry=\d+/, 'the open entry is in the address')

  await drawer.getByTestId('audit-open-record').click()
  await page.waitForFunction(() => location.hash.startsWith('#/contracts/3'))
  await page.goBack()
  await page.waitForFunction(() => location.hash.includes('entity=contract'))
  assert.deepEqual(problems, [])
})

test('verify reports an intact log, and names an entry altered behind the app', async () => {
  const { page, problems } = await openAudit()
  await page.getByTestId('audit-verify').click()
  assert.match(await page.getByTestId('verify-ok').innerText(), /数据完好：完整性检查通过，[\d,]+ 条操作日志的哈希链完整/)

  const tampered = await openAudit('?fake-tamper=12')
  await tampered.page.getByTestId('audit-verify').click()
  const broken = tampered.page.getByTestId('verify-broken')
  assert.match(await broken.innerText(), /第 12 条操作日志与记录时不一致/)
  await tampered.page.getByTestId('verify-show-broken').click()
  const drawer = tampered.page.getByTestId('audit-drawer')
  await drawer.locator('.el-drawer__title', { hasText: '第 12 条：人员' }).waitFor()
  assert.match(tampered.page.url(), /entity=person&key=T0012&entry=12/)
  const rows = await cells(tampered.page, 'audit-table')
  assert.equal(rows.length, 1, 'the table shows that record’s history')
  assert.deepEqual(problems, [])
  assert.deepEqual(tampered.problems, [])
})

test('backups: the list, a backup with progress, a checked and confirmed restore, a foreign file refused', async () => {
  const { page, problems } = await app.open('#/settings?tab=backups')
  await page.locator('[data-testid="backup-table"] .el-table__row').first().waitFor()
  const listed = await cells(page, 'backup-table')
  assert.deepEqual(
    listed.map((r) => r.slice(0, 3)),
    [
      ['2026-11-23 08:30:12', '启动时', '2.3 MB'],
      ['2026-11-20 18:02:40', '退出时', '2.3 MB'],
      ['2026-11-20 08:41:05', '启动时', '2.3 MB'],
      ['2026-11-18 15:05:00', '手动', '2.3 MB'],
      ['2026-10-31 17:55:31', '退出时', '2.1 MB'],
    ],
  )

  await page.getByTestId('backup-now').click()
  await page.getByTestId('backup-progress-step').filter({ hasText: '正在复制数据页' }).waitFor()
  assert.match(await lastMessage(page), /^已备份：transferdesk-20261123-\d{6}-manual\.db$/)
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="backup-table"] .el-table__row').length === 6)
  assert.equal((await cells(page, 'backup-table'))[0][1], '手动')

  await page.getByTestId('backup-restore-file').click()
  assert.match(await page.getByTestId('backup-refused').innerText(), /无法恢复[\s\S]*所选文件不是 TransferDesk 的备份文件，未做任何替换。/)
  assert.equal(await page.locator('.el-message-box').count(), 0, 'nothing to confirm for a refused file')

  await page.getByTestId('backup-restore-transferdesk-20261120-084105-start.db').click()
  const box = page.locator('.el-message-box')
  await box.getByTestId('backup-confirm').waitFor()
  const text = await box.innerText()
  assert.match(text, /从备份恢复/)
  assert.match(text, /数据版本：5/)
  assert.match(text, /替换当前的全部数据.*“恢复前”备份/)
  await box.getByRole('button', { name: '替换并恢复' }).click()
  await page.getByTestId('backup-restore-progress').waitFor()
  assert.match(await page.locator('.el-message', { hasText: '已恢复' }).innerText(), /^已恢复：.*transferdesk-20261120-084105-start\.db。原来的数据已保存为 transferdesk-20261123-\d{6}-before-restore\.db$/)
  await page.waitForFunction(() => location.hash.startsWith('#/dashboard'))

  // The replaced data is kept as the newest backup.
  await page.evaluate(() => (location.hash = '#/settings?tab=backups'))
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="backup-table"] .el-table__row').length === 7)
  assert.equal((await cells(page, 'backup-table'))[0][1], '恢复前')
  assert.deepEqual(problems, [])
})
