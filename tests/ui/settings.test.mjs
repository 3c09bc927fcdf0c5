import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { cells, lastMessage, start, typeDate } from './harness.mjs'

// The fake backend holds three policy versions: 1900-01-01 (the default), 2024-01-01 (used by
// approved distributions, so frozen) and 2026-07-01 (license 75%, one tier, transfer staff 5%),
// and the State Council's holidays 2024–2026.

let app
before(async () => {
  app = await start()
})
after(() => app.stop())

async function openPolicies() {
  const opened = await app.open('#/settings')
  await opened.page.locator('[data-testid="policy-table"] .el-table__row').first().waitFor()
  return opened
}

const form = (page) => page.getByTestId('policy-form')

/** The error Element Plus shows under the form item labelled `label`. */
const fieldError = (page, label) =>
  form(page).locator('.el-form-item', { has: page.locator('.el-form-item__label', { hasText: new RegExp(`^${label}$`) }) }).locator('.el-form-item__error')

test('the versions are listed, the one in use opens read-only and can be the base of a new one', async () => {
  const { page, problems } = await openPolicies()
  const rows = await cells(page, 'policy-table')
  assert.deepEqual(
    rows.map((r) => r.slice(0, 7)),
    [
      ['1900-01-01', '70%', '70%', '70%', '0%', '0%', '0%'],
      ['2024-01-01 已使用', '70%', '70%', '70%', '0%', '0%', '0%'],
      ['2026-07-01', '70%', '75%', '70%', '10%', '0%', '0%'],
    ],
  )
  await page.getByTestId('policy-edit-2024-01-01').click()
  await form(page).locator('.el-alert', { hasText: '不能修改' }).waitFor()
  assert.equal(await page.getByTestId('policy-save').count(), 0)
  assert.equal(await page.getByTestId('policy-ratio-license').isDisabled(), true)
  await page.getByTestId('policy-copy').click()
  await page.getByTestId('policy-save').waitFor()
  assert.equal(await page.getByTestId('policy-ratio-license').isDisabled(), false)
  assert.equal(await page.getByTestId('policy-effective').locator('input').inputValue(), '', 'a new version needs its own date')
  assert.equal(await page.getByTestId('policy-ratio-license').inputValue(), '70')
  assert.deepEqual(problems, [])
})

test('a ratio of 120% comes back as a field error under that field and nothing is saved', async () => {
  const { page, problems } = await openPolicies()
  await page.getByTestId('policy-edit-2026-07-01').click()
  await page.getByTestId('policy-ratio-license').fill('120')
  await page.getByTestId('policy-tier-ratio-0').fill('150')
  await page.getByTestId('policy-remainder-office').fill('10')
  await page.getByTestId('policy-save').click()
  await page.getByTestId('policy-error').waitFor()
  assert.match(await page.getByTestId('policy-error').innerText(), /输入有误，未写入任何数据/)
  assert.equal(await fieldError(page, '许可').innerText(), '比例应在 0 到 100% 之间')
  assert.equal(await fieldError(page, '转让').count(), 0, 'only the wrong field is marked')
  assert.equal(await page.getByTestId('policy-tier-error-0').innerText(), '比例应在 0 到 100% 之间')
  assert.match(await form(page).innerText(), /各部分合计为 90%，应恰好为 100%/)

  // A value that is not a percentage is caught before anything is sent.
  await page.getByTestId('policy-ratio-transfer').fill('七十')
  await page.getByTestId('policy-save').click()
  await fieldError(page, '转让').filter({ hasText: '请填写百分比' }).waitFor()

  await form(page).locator('.el-dialog__footer .el-button', { hasText: '取消' }).click()
  await form(page).waitFor({ state: 'hidden' })
  const rows = await cells(page, 'policy-table')
  assert.equal(rows[2][2], '75%', 'the version is unchanged')
  assert.deepEqual(problems, [])
})

test('a new version is added, and a clash of dates is refused with the backend’s sentence', async () => {
  const { page, problems } = await openPolicies()
  await page.getByTestId('policy-new').click()
  // It starts from the latest version's rules.
  assert.equal(await page.getByTestId('policy-ratio-license').inputValue(), '75')
  await typeDate(page, 'policy-effective', '2026-07-01')
  await page.getByTestId('policy-save').click()
  await page.getByTestId('policy-error').filter({ hasText: '同一生效日期已有政策版本' }).waitFor()

  await typeDate(page, 'policy-effective', '2027-01-01')
  await page.getByTestId('policy-ratio-transfer').fill('80')
  await page.getByTestId('policy-note').fill('校发〔2026〕30号')
  await page.getByTestId('policy-save').click()
  await form(page).waitFor({ state: 'hidden' })
  assert.match(await lastMessage(page), /政策版本已保存/)
  await page.locator('[data-testid="policy-table"] .el-table__row').nth(3).waitFor()
  const rows = await cells(page, 'policy-table')
  assert.deepEqual(rows[3].slice(0, 3), ['2027-01-01', '80%', '75%'])
  assert.match(rows[3].join(' '), /5%\s*（≥5%）[\s\S]*校发〔2026〕30号/)
  await page.waitForTimeout(300)
  await page.screenshot({ path: '/tmp/ui-settings.png', fullPage: true })

  // The version in use cannot be deleted: there is no button; an unused one can, after confirmation.
  assert.equal(await page.getByTestId('policy-delete-2024-01-01').count(), 0)
  await page.getByTestId('policy-delete-2027-01-01').click()
  await page.locator('.el-message-box__btns .el-button--primary').click()
  await page.locator('.el-message', { hasText: '政策版本已删除' }).waitFor()
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="policy-table"] .el-table__body tr').length === 3)
  assert.deepEqual(problems, [])
})

test('a holiday added for a new year is saved and moves the end of a publicity', async () => {
  const { page, problems } = await app.open('#/settings?tab=holidays')
  await page.locator('[data-testid="holiday-table"] .el-table__row').first().waitFor()
  await typeDate(page, 'holiday-year', '2027')
  await page.locator('[data-testid="holiday-table"] .el-table__empty-text', { hasText: '2027 年没有列出的日期' }).waitFor()

  // A weekday listed as a make-up working day is refused, with the problem on its row.
  await page.getByTestId('holiday-add').click()
  await typeDate(page, 'holiday-day-0', '2027-01-06')
  await page.getByTestId('holiday-kind-0').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '调休上班' }).click()
  await page.getByTestId('holiday-name-0').fill('调休')
  await page.getByTestId('holiday-save').click()
  await page.getByTestId('holiday-error').waitFor()
  assert.match(await page.getByTestId('holiday-table').innerText(), /调休上班日应为周六或周日/)

  // 2027-01-01 (a Friday) off.
  await typeDate(page, 'holiday-day-0', '2027-01-01')
  await page.getByTestId('holiday-kind-0').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '放假' }).click()
  await page.getByTestId('holiday-name-0').fill('元旦')
  await page.getByTestId('holiday-save').click()
  assert.match(await lastMessage(page), /2027 年的 1 个日期已保存/)
  assert.equal(await page.getByTestId('holiday-error').count(), 0)
  assert.match(await page.getByTestId('holiday-year').innerText(), /2027/)
  await page.waitForTimeout(300)
  await page.screenshot({ path: '/tmp/ui-holidays.png', fullPage: true })

  // Posted 2026-12-17 for 15 days: the last day, Friday 2027-01-01, is now off, then a weekend → Monday 01-04.
  await page.getByTestId('nav-rewards').click()
  await page.locator('[data-testid="rewards-table"] .el-table__row').first().waitFor()
  await page.locator('[data-testid="rewards-table"] .el-table__row', { hasText: '#5' }).click()
  await page.getByTestId('dist-publicize').click()
  await typeDate(page, 'publicize-from', '2026-12-17')
  await page.getByTestId('publicize-end').filter({ hasText: '2027-01-04' }).waitFor()
  assert.match(await page.getByTestId('publicize-end').innerText(), /2027-01-04（星期一）/)
  assert.deepEqual(problems, [])
})
