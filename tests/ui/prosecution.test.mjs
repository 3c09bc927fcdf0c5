import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { cli, download, lastMessage, start, zipEntry } from './harness.mjs'
import { writeNoticePdf } from './notice-pdf.mjs'

// 审查与期限 on the small Rust demo made at 2026-11-23 (report/src/demo.rs records three notices
// through the real intake, delivered electronically). By hand (docs/rules/prosecution.md):
// - 第一次审查意见通知书 issued 11-23 − 38 days = 2026-10-16, 4 months → 2027-02-16 (Tuesday);
// - 补正通知书 issued 11-23 − 12 = 2026-11-11, 2 months → 2027-01-11 (Monday);
// - 办理登记手续通知书 issued 11-23 − 21 = 2026-11-02, 2 months → 2027-01-02, a Saturday (2027
//   has no arrangement in the shipped calendar) → Monday 2027-01-04.
// The notice uploaded below: an office action issued 2026-11-02 stating 4 months. Proposed as
// electronic: → 2027-03-02 (Tuesday). Switched to 纸件: received 11-17 → 2027-03-17 (Wednesday).

let app
before(async () => {
  app = await start()
})
after(() => app.stop())

/** The demo's deadlines as the CLI lists them (only to learn which patent each notice went to). */
function demoDeadlines(db, ...args) {
  return cli(db, 'deadlines', ...args).deadlines
}

const due = (page, no, kind) => page.getByTestId(`deadline-due-${no}-${kind}`)

test('the deadlines list shows each notice’s last day as the rules count it, and exports as filtered', async () => {
  const { page, problems, server } = await app.open('#/prosecution')
  const started = demoDeadlines(server.db).filter((d) => d.notice)
  const of = (kind) => started.find((d) => d.kind === kind).achievement_no
  await due(page, of('office_action'), 'office_action').waitFor()
  assert.equal(await due(page, of('office_action'), 'office_action').innerText(), '2027-02-16')
  assert.equal(await due(page, of('correction'), 'correction').innerText(), '2027-01-11')
  assert.equal(await due(page, of('registration'), 'registration').innerText(), '2027-01-04')

  // Only registrations: one row.
  await page.getByTestId('deadlines-kind').click()
  await page.getByRole('option', { name: '办理登记手续' }).click()
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="deadline-table"] .el-table__body tr').length === 1)
  const file = await download(page, server.dir, () => page.getByTestId('deadlines-export').click())
  assert.equal(file.name, '审查期限-2026-11-23.xlsx')
  assert.equal(await lastMessage(page), '已导出 1 项期限到 审查期限-2026-11-23.xlsx')
  const strings = zipEntry(file.path, 'xl/sharedStrings.xml')
  assert.match(strings, /筛选：事项：办理登记手续/)
  assert.match(strings, new RegExp(of('registration')))
  assert.deepEqual(problems, [])
})

test('a notice dropped is proposed, corrected to 纸件, recorded, and its deadline listed; a file that is no notice is named', async () => {
  const { page, problems, server } = await app.open('#/prosecution?tab=notices')
  // A pending invention of the demo whose examination request is still to come.
  const target = demoDeadlines(server.db, '--kind', 'examination_request').find((d) => d.state === 'open')
  const pdf = join(server.dir, '审查意见通知书.pdf')
  writeNoticePdf(pdf, [
    '中华人民共和国国家知识产权局',
    `申请号：${target.application_no}`,
    '发文日：2026年11月02日',
    '第一次审查意见通知书',
    '申请人应当在收到本通知书之日起的4个月内陈述意见。期满未答复的，其申请将被视为撤回。',
  ])
  const notes = join(server.dir, '备忘.txt')
  writeFileSync(notes, '这不是通知书')
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('notice-pick').click()])
  await chooser.setFiles([pdf, notes])

  const row = page.locator('[data-testid="notice-proposals"] .el-table__body tr', { hasText: target.achievement_no })
  await row.waitFor()
  assert.equal(await row.getByTestId(`notice-due-${target.achievement_no}`).locator('input').inputValue(), '2027-03-02')
  assert.match(await page.getByTestId('notice-skipped-not_pdf').innerText(), /不是 PDF/)

  await row.getByTestId(`notice-delivery-${target.achievement_no}`).click()
  await page.getByRole('option', { name: '纸件邮寄' }).click()
  await row.locator('.el-checkbox').click()
  await page.getByTestId('notice-record').click()
  assert.equal(await lastMessage(page), '已登记 1 份通知书')
  await due(page, target.achievement_no, 'office_action').waitFor()
  assert.equal(await due(page, target.achievement_no, 'office_action').innerText(), '2027-03-17')
  if (process.env.SCREENSHOTS) await page.screenshot({ path: join(process.env.SCREENSHOTS, 'screenshot-prosecution.png') })

  // The examination request of the same patent, filed: done, and gone from the open list.
  await page.getByTestId(`deadline-done-${target.achievement_no}-examination_request`).click()
  await page.getByTestId('deadline-text').fill('已提出实质审查请求')
  await page.getByTestId('deadline-confirm').click()
  assert.equal(await lastMessage(page), '已标记为已办理')
  await due(page, target.achievement_no, 'examination_request').waitFor({ state: 'detached' })
  assert.deepEqual(problems, [])
})
