import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { cells, lastMessage, refusedLine, start, typeDate } from './harness.mjs'

// The small Rust demo (made at 2026-11-23) holds one grant (src-tauri/core/src/demo/deals.rs,
// `granted`): 70% of the ownership of the newest-numbered invention in force that no contract
// or publicity carries — `SELECT achievement_no FROM achievement WHERE kind = 'invention_patent'
// AND status = 'in_force' AND <no contract, no publicity> ORDER BY achievement_no DESC LIMIT 1` =
// CG20230096 — to its inventors with their shares (董建国 T0032 50%, 吴洋 T0036 30%, 韩浩然 T0012 20%),
// 70% of the income to the team, annual fees paid by the team, agency fees shared; decided
// today − 60 days = 2026-09-24, publicized the day after (09-25) for 15 days, the change filed
// 30 days after the decision (10-24). The ten-year usage right the old fake also held is made
// through the form here (`addUsageRight`), for the next such invention, CG20230055, whose
// inventors are 李敏 T0020 75% and 韩浩然 T0012 25%.
//
// Periods are counted as in docs/rules/publicity.md: the last day is posting day + days, moved
// to the next working day when it is a day off in the shipped 2026 calendar.

let app
before(async () => {
  app = await start()
})
after(() => app.stop())

async function openList() {
  const opened = await app.open('#/grants')
  await opened.page.locator('[data-testid="grant-table"] .el-table__row').first().waitFor()
  return opened
}

const fieldError = (scope, testid) => scope.getByTestId(testid).locator('.el-form-item__error').innerText()

/** Picks a team member by typing the employee ID into the row's remote select. */
async function pickMember(page, index, employeeId) {
  const select = page.getByTestId(`grant-member-person-${index}`)
  await select.click()
  await select.locator('input').first().fill(employeeId)
  await page.locator(`.el-select-dropdown__item:visible[data-testid="person-option-${employeeId}"]`).click()
  // Chosen: the select shows 姓名（工号）, and its dropdown has closed (the next row offers the same people).
  await select.filter({ hasText: `（${employeeId}）` }).waitFor()
  await page.locator('.el-select__popper:visible').first().waitFor({ state: 'hidden' })
}

async function pickAchievement(page, form, no) {
  const select = form.getByTestId('grant-form-achievements')
  await select.click()
  await select.locator('input').first().fill(no)
  await page.locator(`.el-select-dropdown__item:visible[data-testid="achievement-option-${no}"]`).click()
}

async function choose(page, select, label) {
  await page.getByTestId(select).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click()
}

/**
 * Records, through the form, the usage right the old fake held: CG20230055 from 2026-10-01 to
 * 2036-10-01 for its inventors (李敏 75%, 韩浩然 25%), 80% of the income to the team, annual fees
 * paid by the school and agency fees by the team, decided 2026-09-28 and publicized 09-29.
 */
async function addUsageRight(page) {
  await page.getByTestId('grant-new').click()
  const form = page.getByTestId('grant-form')
  await form.waitFor()
  await pickAchievement(page, form, 'CG20230055')
  // Out of the multiple select (Escape would close the dialog as well).
  await form.locator('.el-dialog__header').click()
  await form.getByTestId('grant-form-kind-usage_right').click()
  await typeDate(page, 'grant-form-usage-from', '2026-10-01')
  await typeDate(page, 'grant-form-usage-until', '2036-10-01')
  await form.getByTestId('grant-member-add').click()
  await pickMember(page, 0, 'T0020')
  await form.getByTestId('grant-member-share-0').fill('75')
  await form.getByTestId('grant-member-add').click()
  await pickMember(page, 1, 'T0012')
  await form.getByTestId('grant-member-share-1').fill('25')
  await form.getByTestId('grant-form-income').fill('80')
  await choose(page, 'grant-form-annual-payer', '学校')
  await choose(page, 'grant-form-agency-payer', '团队')
  await typeDate(page, 'grant-form-decided', '2026-09-28')
  await typeDate(page, 'grant-form-publicized', '2026-09-29')
  await form.getByTestId('period-end').filter({ hasText: '2026-10-14' }).waitFor()
  await page.getByTestId('grant-form-save').click()
  assert.equal(await lastMessage(page), '赋权已保存')
  await form.waitFor({ state: 'hidden' })
  await page.locator('[data-testid="grant-table"] .el-table__row', { hasText: '使用权 2026-10-01 至 2036-10-01' }).waitFor()
}

test('the list shows what each team was granted, its shares, the fees and the publicity end', async () => {
  const { page, problems } = await openList()
  await addUsageRight(page)
  const rows = await cells(page, 'grant-table')
  // Newest decision first: the usage right (09-28), then the demo's share (09-24).
  assert.deepEqual(
    rows.map((r) => r.slice(0, 8)),
    [
      // 09-29 + 15 days = Wednesday 10-14, a working day; no change to file for a usage right.
      ['CG20230055', '使用权 2026-10-01 至 2036-10-01', '李敏 75%、韩浩然 25%', '团队 80% / 学校 20%', '年费：学校代理费：团队', '2026-09-28', '2026-10-14', '—'],
      // 09-25 + 15 days = Saturday 10-10, a make-up working day (国庆节调休上班) in the 2026 calendar: it stays.
      ['CG20230096', '所有权 70%', '董建国 50%、吴洋 30%、韩浩然 20%', '团队 70% / 学校 30%', '年费：团队代理费：共同承担', '2026-09-24', '2026-10-10', '2026-10-24'],
    ],
  )
  assert.deepEqual(problems, [])
})

test('a usage right shorter than ten years and team shares not adding up to 100% are shown at their fields', async () => {
  const { page, problems } = await openList()
  await page.getByTestId('grant-new').click()
  const form = page.getByTestId('grant-form')
  await form.waitFor()

  await pickAchievement(page, form, 'CG20120004')
  // Out of the multiple select (Escape would close the dialog as well).
  await form.getByTestId('grant-form-share').click()

  // An ownership share below the usual 70% is flagged as typed.
  await form.getByTestId('grant-form-share').fill('60')
  await form.getByTestId('grant-form-share-hint').waitFor()
  await form.getByTestId('grant-form-kind-usage_right').click()

  // Ten years from 2026-06-01 is 2036-06-01; a day less is refused at the end date.
  await typeDate(page, 'grant-form-usage-from', '2026-06-01')
  assert.equal(await form.getByTestId('grant-form-usage-min').innerText(), '长期使用权不少于 10 年：截止日不得早于 2036-06-01')
  await typeDate(page, 'grant-form-usage-until', '2036-05-31')

  // Team 60 + 30 = 90%: shown live, then refused by the backend at the team.
  await form.getByTestId('grant-member-add').click()
  await pickMember(page, 0, 'T0001')
  await form.getByTestId('grant-member-share-0').fill('60')
  await form.getByTestId('grant-member-add').click()
  await pickMember(page, 1, 'T0002')
  await form.getByTestId('grant-member-share-1').fill('30')
  assert.equal(await form.getByTestId('grant-form-member-sum').innerText(), '合计 90%，应恰好为 100%')

  await form.getByTestId('grant-form-income').fill('80')
  assert.equal(await form.getByTestId('grant-form-income-institution').innerText(), '学校 20%')
  await typeDate(page, 'grant-form-decided', '2026-05-20')
  // Wednesday 09-16 + 15 days = Thursday 10-01, National Day (rest 10-01 … 10-07 in the 2026
  // calendar) → Thursday 10-08.
  await typeDate(page, 'grant-form-publicized', '2026-09-16')
  await form.getByTestId('period-end').filter({ hasText: '2026-10-08' }).waitFor()
  assert.equal(await form.getByTestId('period-end').innerText(), '公示期 2026-09-17 至 2026-10-08（星期四）24 时止')

  await page.getByTestId('grant-form-save').click()
  await page.getByTestId('grant-form-error').waitFor()
  assert.equal(await fieldError(form, 'grant-form-usage-until'), '不能早于2036-06-01')
  assert.equal(await fieldError(form, 'grant-form-members-item'), '份额合计为 90，应恰好为 100')
  await page.screenshot({ path: '/tmp/ui-grant-form.png' })

  // Corrected: exactly ten years, 60 + 40.
  await typeDate(page, 'grant-form-usage-until', '2036-06-01')
  await form.getByTestId('grant-member-share-1').fill('40')
  assert.equal(await form.getByTestId('grant-form-member-sum').innerText(), '合计 100%，应恰好为 100%')
  await page.getByTestId('grant-form-save').click()
  assert.equal(await lastMessage(page), '赋权已保存')
  const mine = page.locator('[data-testid="grant-table"] .el-table__row', { hasText: '使用权 2026-06-01 至 2036-06-01' })
  await mine.waitFor()
  const [row] = (await cells(page, 'grant-table')).filter((r) => r[1] === '使用权 2026-06-01 至 2036-06-01')
  // T0001 谢艳 and T0002 梁超: `SELECT employee_id, name FROM person WHERE employee_id IN ('T0001', 'T0002')`.
  assert.deepEqual(
    [row[0], row[2], row[3], row[5], row[6], row[7]],
    ['CG20120004', '谢艳 60%、梁超 40%', '团队 80% / 学校 20%', '2026-05-20', '2026-10-08', '—'],
  )
  // The first save was refused (422) with the two problems shown at their fields.
  assert.deepEqual(problems, [refusedLine(422)])
})

test('the grants are searched by a team member and the search stays in the URL', async () => {
  const { page, problems } = await openList()
  // The demo's one grant.
  assert.match(await page.getByTestId('grant-pagination').innerText(), /共 1 条/)
  await addUsageRight(page)
  await page.getByTestId('grant-pagination').filter({ hasText: '共 2 条' }).waitFor()
  // The ownership share's team, by the first member's name (the first cell before the share).
  const share = (await cells(page, 'grant-table')).find((r) => r[1] === '所有权 70%')
  const name = share[2].split(' ')[0]
  assert.equal(name, '董建国')
  await page.getByTestId('grant-search').fill(name)
  await page.waitForURL(new RegExp(`q=${encodeURIComponent(name)}`))
  await page.getByTestId('grant-pagination').filter({ hasText: '共 1 条' }).waitFor()
  assert.deepEqual((await cells(page, 'grant-table')).map((r) => r[1]), ['所有权 70%'])
  // 韩浩然 (T0012) is an inventor of both CG20230096 and CG20230055, so in both teams.
  await page.getByTestId('grant-search').fill('韩浩然')
  await page.getByTestId('grant-pagination').filter({ hasText: '共 2 条' }).waitFor()
  assert.deepEqual((await cells(page, 'grant-table')).map((r) => r[1]), ['使用权 2026-10-01 至 2036-10-01', '所有权 70%'])
  // An employee ID typed whole: T0020 李敏 is only in the usage right's team.
  await page.getByTestId('grant-search').fill('T0020')
  await page.getByTestId('grant-pagination').filter({ hasText: '共 1 条' }).waitFor()
  assert.deepEqual((await cells(page, 'grant-table')).map((r) => r[1]), ['使用权 2026-10-01 至 2036-10-01'])
  await page.getByTestId('grant-search').fill('没有这个人')
  await page.getByText('没有符合条件的赋权记录').waitFor()
  assert.deepEqual(problems, [])
})
