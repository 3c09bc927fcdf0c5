import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { cells, lastMessage, start, typeDate } from './harness.mjs'

// The fake backend (ui/src/api/fake-deals.ts) is at 2026-11-23 and holds two grants: a ten-year
// usage right from 2026-10-01 (publicized 09-29 for 15 days → 10-14) and a 70% ownership share
// (publicized Tuesday 03-17 for 15 days → Wednesday 04-01, change filed 05-08).

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

async function pickMember(page, index, search) {
  const select = page.getByTestId(`grant-member-person-${index}`)
  await select.click()
  await select.locator('input').first().fill(search)
  await page.locator(`.el-select-dropdown__item:visible[data-testid="person-option-${search}"]`).click()
}

test('the list shows what each team was granted, its shares, the fees and the publicity end', async () => {
  const { page, problems } = await openList()
  const rows = await cells(page, 'grant-table')
  assert.deepEqual(
    rows.map((r) => [r[1], r[3], r[4], r[5], r[6], r[7]]),
    [
      ['使用权 2026-10-01 至 2036-10-01', '团队 80% / 学校 20%', '年费：学校代理费：团队', '2026-09-28', '2026-10-14', '—'],
      ['所有权 70%', '团队 70% / 学校 30%', '年费：团队代理费：共同承担', '2026-03-12', '2026-04-01', '2026-05-08'],
    ],
  )
  assert.deepEqual(problems, [])
})

test('a usage right shorter than ten years and team shares not adding up to 100% are shown at their fields', async () => {
  const { page, problems } = await openList()
  await page.getByTestId('grant-new').click()
  const form = page.getByTestId('grant-form')
  await form.waitFor()

  await form.getByTestId('grant-form-achievements').click()
  await form.getByTestId('grant-form-achievements').locator('input').first().fill('CG')
  await page.locator('.el-select-dropdown__item:visible', { hasText: 'CG' }).first().click()
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
  // Wednesday 09-16 + 15 days = Thursday 10-01, National Day → Thursday 10-08.
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
  assert.deepEqual([row[2].match(/60%|40%/g), row[3], row[5], row[6], row[7]], [['60%', '40%'], '团队 80% / 学校 20%', '2026-05-20', '2026-10-08', '—'])
  assert.deepEqual(problems, [])
})

test('the grants are searched by a team member and the search stays in the URL', async () => {
  const { page, problems } = await openList()
  assert.match(await page.getByTestId('grant-pagination').innerText(), /共 2 条/)
  // The ownership share's team, by the first member's name (the first cell before the share).
  const [, share] = await cells(page, 'grant-table')
  const name = share[2].split(' ')[0]
  await page.getByTestId('grant-search').fill(name)
  await page.waitForURL(new RegExp(`q=${encodeURIComponent(name)}`))
  await page.getByTestId('grant-pagination').filter({ hasText: '共 1 条' }).waitFor()
  assert.deepEqual((await cells(page, 'grant-table')).map((r) => r[1]), ['所有权 70%'])
  await page.getByTestId('grant-search').fill('没有这个人')
  await page.getByText('没有符合条件的赋权记录').waitFor()
  assert.deepEqual(problems, [])
})
