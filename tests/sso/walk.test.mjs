// The inventors' side, walked end to end against the real server: an inventor (T0001 谢艳 of
// 计算机学院 in the small demo) signs on through the university's OpenID provider (oidc-provider,
// support.mjs) — the first sign-on makes their account — and writes and submits a disclosure
// with a co-inventor (T0002 梁超); the office (a password account) sends it back; the inventor
// submits it again; the office decides and registers the achievement; a contract on it brings
// money, whose reward distribution is publicized; the inventor sees the publicity, objects, sees
// the handling; after payment the statement downloads; the bell shows each step.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { call, cells, chooseFile, download, query, refusals, typeDate } from '../ui/harness.mjs'
import { browser, folder, freePort, oidcSection, startProvider, startServer } from './support.mjs'

const OFFICE_PASSWORD = 'sso test password 2026'
const root = fileURLToPath(new URL('../../', import.meta.url))
let tmp, provider, server, chrome

before(async () => {
  tmp = folder()
  const port = await freePort()
  provider = await startProvider({ redirectUri: `http://127.0.0.1:${port}/auth/oidc/callback`, people: { xie: { employee_id: 'T0001', email: 'xie@example.edu.cn' } } })
  server = await startServer(
    tmp.dir,
    port,
    oidcSection(provider, port),
    [['office', '办公室', 'office']],
  )
  server.dir = tmp.dir
  chrome = await browser()
})

after(async () => {
  await chrome?.close()
  await server?.stop()
  await provider?.stop()
  tmp?.remove()
})

/** A page collecting console problems like the browser tests' harness. */
function watched(page) {
  const problems = []
  page.on('console', (m) => ['error', 'warning'].includes(m.type()) && problems.push(`${m.type()}: ${m.text()}`))
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  return problems
}

const box = (page, testid) =>
  page.locator(`input[data-testid="${testid}"], textarea[data-testid="${testid}"], [data-testid="${testid}"] input, [data-testid="${testid}"] textarea`).first()
const fill = (page, testid, text) => box(page, testid).fill(text)

/** Waits for an Element Plus message saying `text` (an earlier one may still show). */
const message = (page, text) => page.locator('.el-message', { hasText: text }).first().waitFor()

/** The bell's unread count ('' when none). */
async function unread(page) {
  await page.reload()
  await page.locator('[data-testid="bell"][data-loaded="true"]').waitFor()
  const badge = page.getByTestId('bell').locator('.el-badge__content')
  return (await badge.isVisible()) ? (await badge.innerText()).trim() : ''
}

/** The subjects in the bell's list, newest first. */
async function bell(page) {
  await page.getByTestId('bell-button').click()
  await page.getByTestId('bell-list').waitFor()
  const subjects = await page.getByTestId('bell-item').locator('.subject').allInnerTexts()
  await page.keyboard.press('Escape')
  return subjects
}

/** Opens the newest notification (marking it read) and waits for the screen it links to. */
async function openNewest(page) {
  await page.getByTestId('bell-button').click()
  await page.getByTestId('bell-item').first().click()
}

/** The CLI on the test's file on another day (TRANSFERDESK_TODAY), for the office's steps that
 * this walk does not take through the screens. */
function cliOn(day, db, ...args) {
  const bin = join(process.env.CARGO_TARGET_DIR ?? join(root, 'target'), 'debug', 'transferdesk')
  const run = spawnSync(bin, ['--db', db, '--json', ...args], { env: { ...process.env, TRANSFERDESK_TODAY: day }, encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`transferdesk ${args.join(' ')}: ${run.stdout}${run.stderr}`)
  return JSON.parse(run.stdout)
}

async function pickPerson(page, row, employeeId) {
  const select = page.getByTestId(`inventor-person-${row}`)
  await select.click()
  await select.locator('input').fill(employeeId)
  await page.locator(`.el-select-dropdown__item:visible[data-testid="person-option-${employeeId}"]`).click()
  await page.locator('.el-select__popper:visible').first().waitFor({ state: 'hidden' })
}

test('an inventor discloses, is sent back, resubmits, objects to the reward publicity and downloads the statement; the bell shows each step', async () => {
  // The inventor signs on through the provider's login form; the first sign-on makes the account.
  const me = await chrome.page()
  await me.goto(server.url)
  await me.getByTestId('sign-on-oidc').click()
  await me.locator('input[name="login"]').fill('xie')
  await me.locator('input[name="password"]').fill('any password')
  await me.locator('button[type="submit"]').click()
  await me.getByTestId('me-welcome').waitFor()
  assert.equal(await me.getByTestId('me-welcome').innerText(), '谢艳，您好')
  // From here on every console problem of the app counts (the provider's own page is not ours).
  const problems = watched(me)
  const office = await chrome.page()
  const signedIn = await office.context().request.post(`${server.url}auth/login`, { data: { login: 'office', password: OFFICE_PASSWORD } })
  assert.ok(signedIn.ok())
  await office.goto(`${server.url}#/dashboard`)

  // 1. A new disclosure: the form starts with the author at 100% and their 学院.
  await me.getByTestId('nav-myDisclosures').click()
  await me.getByTestId('my-new-disclosure').click()
  await me.getByTestId('my-disclosure-form').waitFor()
  await me.waitForFunction(() => document.querySelector('input[data-testid="my-department"]')?.value === '计算机学院')
  await fill(me, 'my-title', '一种面向边缘设备的稀疏注意力加速方法')
  // Saved as a draft half done, then completed.
  await me.getByTestId('my-save-draft').click()
  await message(me, '草稿已保存')
  // Submitting it without funding, protection and description names each field; nothing is written.
  await me.getByTestId('my-submit').click()
  await me.getByTestId('my-error').waitFor()
  for (const field of ['funding_source', 'intended_protection', 'description']) {
    assert.equal(await me.getByTestId(`my-field-${field}`).locator('.el-form-item__error').innerText(), '必填项为空', field)
  }
  assert.deepEqual(query(server.db, 'SELECT count(*) AS n FROM disclosure'), [{ n: 0 }])
  await me.getByTestId('my-intended').click()
  await me.locator('.el-select-dropdown__item:visible', { hasText: '发明专利' }).first().click()
  await me.getByTestId('my-funding-own').click()
  await fill(me, 'my-description', '以块稀疏掩码替代全量注意力，在端侧芯片上推理提速 3.1 倍。')
  await fill(me, 'inventor-share-0', '70')
  await me.getByTestId('inventor-add').click()
  await pickPerson(me, 1, 'T0002')
  await fill(me, 'inventor-share-1', '30')
  const evidence = join(server.dir, '实验记录.txt')
  writeFileSync(evidence, '2026-10 稀疏注意力实验记录')
  await chooseFile(me, evidence, () => me.getByTestId('my-add-files').click())
  await me.getByTestId('my-file').filter({ hasText: '实验记录.txt' }).waitFor()
  await me.getByTestId('my-submit').click()
  await message(me, '已提交到成果转化办公室')
  // The first disclosure of 2026 (the demo has none), received today, with its file.
  const [saved] = query(server.db, "SELECT id, disclosure_no, received_on, (SELECT name FROM person WHERE id = author_id) AS author, (SELECT count(*) FROM attachment WHERE entity = 'disclosure' AND entity_id = disclosure.id) AS files FROM disclosure")
  assert.deepEqual({ ...saved, id: undefined }, { id: undefined, disclosure_no: 'PL2026-001', received_on: '2026-11-23', author: '谢艳', files: 1 })

  // 2. The office is told; the notification opens the disclosure, which it sends back.
  assert.equal(await unread(office), '1')
  assert.deepEqual(await bell(office), ['谢艳 提交了披露 PL2026-001「一种面向边缘设备的稀疏注意力加速方法」'])
  await openNewest(office)
  await office.getByTestId('disclosure-title').filter({ hasText: 'PL2026-001' }).waitFor()
  assert.match(await office.getByTestId('disclosure-author').innerText(), /提交人：谢艳/)
  await office.getByTestId('disclosure-send-back').click()
  await fill(office, 'send-back-note', '请补充现有技术：与 FlashAttention 的区别')
  await office.getByTestId('send-back-confirm').click()
  await message(office, '已退回给提交人')
  assert.equal(await unread(office), '')

  // 3. The inventor is told and submits it again with the prior art.
  assert.equal(await unread(me), '1')
  assert.deepEqual(await bell(me), ['披露 PL2026-001「一种面向边缘设备的稀疏注意力加速方法」被退回修改：请补充现有技术：与 FlashAttention 的区别'])
  await openNewest(me)
  await me.waitForURL(/#\/me\/disclosures$/)
  assert.equal(await me.getByTestId('my-stage').first().innerText(), '已退回')
  await me.getByTestId('my-edit').first().click()
  await me.getByTestId('my-returned-note').waitFor()
  await fill(me, 'my-prior-art', 'FlashAttention 只优化访存，不减少计算量。')
  await me.getByTestId('my-submit').click()
  await message(me, '已提交到成果转化办公室')

  // 4. The office is told of the resubmission, decides to file a patent and registers the
  // achievement from it.
  assert.equal(await unread(office), '1')
  await openNewest(office)
  await office.waitForURL(new RegExp(`#/disclosures/${saved.id}$`))
  await office.getByTestId('disclosure-decide').click()
  await office.getByTestId('decision-dialog').waitFor()
  await typeDate(office, 'decision-date', '2026-11-23')
  await office.getByTestId('decision-confirm').click()
  await office.getByTestId('disclosure-convert').click()
  await office.getByTestId('reg-from-disclosure').waitFor()
  await fill(office, 'reg-achievement-no', 'CG20260401')
  // 202310987654: Σ digit × weight = 249, 249 mod 11 = 7 (the check digit).
  await fill(office, 'reg-application-no', 'CN202310987654.7')
  await typeDate(office, 'reg-filed-on', '2026-11-21')
  await office.getByTestId('reg-save').click()
  await office.getByTestId('achievement-title').filter({ hasText: '一种面向边缘设备的稀疏注意力加速方法' }).waitFor()

  // 5. A license of it (100,000.00 received), its distribution approved and posted on 11-20: by
  // the demo's policy a license gives 70% → 70,000.00: 谢艳 70% = 49,000.00, 梁超 30% = 21,000.00.
  const org = query(server.db, 'SELECT name FROM organization ORDER BY id LIMIT 1')[0].name
  const contracts = join(server.dir, 'contracts.csv')
  writeFileSync(contracts, `合同编号,合同名称,转化方式,许可类型,合作单位,合同金额,签订日期,涉及成果,技术合同登记号,获得股权\nHT2026-901,稀疏注意力专利许可合同,许可,普通,${org},100000,2026-11-01,CG20260401,,\n`)
  const receipts = join(server.dir, 'receipts.csv')
  writeFileSync(receipts, '合同编号,到账日期,到账金额,凭证号\nHT2026-901,2026-11-10,100000,V901\n')
  cliOn('2026-11-23', server.db, 'import', 'contracts', contracts)
  cliOn('2026-11-23', server.db, 'import', 'receipts', receipts)
  const draft = cliOn('2026-11-23', server.db, 'rewards', 'create', '--contract', 'HT2026-901')
  cliOn('2026-11-23', server.db, 'rewards', 'approve', String(draft.id), '--decision-date', '2026-11-19')
  const posted = cliOn('2026-11-23', server.db, 'rewards', 'publicize', String(draft.id), '--from', '2026-11-20')

  // 6. The inventor sees the publicity and objects to it.
  assert.equal(await unread(me), '3', 'decided, approved, publicity started')
  const told = await bell(me)
  assert.match(told[0], /HT2026-901「稀疏注意力专利许可合同」的收益分配开始公示/)
  await me.goto(`${server.url}#/me/publicity`)
  const notice = me.getByTestId('my-notice').filter({ hasText: '稀疏注意力专利许可合同' })
  await notice.waitFor()
  assert.deepEqual(await cells(notice, 'my-notice-lines'), [
    ['谢艳', '计算机学院', '¥49,000.00'],
    ['梁超', '计算机学院', '¥21,000.00'],
  ])
  await notice.getByTestId('my-object').click()
  await me.getByTestId('my-objection-send').click()
  await me.getByTestId('my-objection-error').waitFor()
  await fill(me, 'my-objection-reason', '梁超的贡献应为 40%，见实验记录。')
  await me.getByTestId('my-objection-send').click()
  await message(me, '异议已提交，办公室处理后会通知您')
  assert.equal(await me.getByTestId('my-objection-outcome').first().innerText(), '待处理')

  // 7. The office handles it on the distribution; the inventor sees the handling.
  assert.equal(await unread(office), '1')
  await openNewest(office)
  await office.getByTestId('reward-objections').waitFor()
  await office.getByTestId('reward-objection-handle').click()
  await fill(office, 'reward-objection-text', '份额依据披露书约定（70/30），异议不成立。')
  await office.getByTestId('reward-objection-save').click()
  await message(office, '处理结果已记录，异议人会收到通知')
  await me.reload()
  assert.equal(await me.getByTestId('my-objection-outcome').first().innerText(), '异议不成立')
  assert.equal(await me.getByTestId('my-objection-handling').first().innerText(), '份额依据披露书约定（70/30），异议不成立。')

  // 8. Paid the day after the period; the statement of 谢艳 downloads.
  const paidOn = new Date(Date.parse(`${posted.publicity_ends_on}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
  cliOn(paidOn, server.db, 'rewards', 'pay', String(draft.id), '--paid-on', paidOn)
  assert.deepEqual((await bell(me)).slice(0, 2).map((s) => s.replace(/「.*」/, '')), [`合同 HT2026-901的收益分配已于 ${paidOn} 发放`, '您对合同 HT2026-901收益分配公示提出的异议已处理：异议不成立'])
  await me.goto(`${server.url}#/me/rewards`)
  await me.getByTestId('my-reward-amount').first().waitFor()
  assert.deepEqual((await cells(me, 'my-rewards-table')).map((r) => [r[1], r[4].includes('已发放'), r[6]]), [['¥49,000.00', true, paidOn]])
  const file = await download(me, server.dir, () => me.getByTestId('my-statement').click())
  assert.equal(readFileSync(file.path).subarray(0, 5).toString(), '%PDF-')

  // The start screen after it all (the README's screenshot).
  await me.goto(`${server.url}#/me`)
  await me.getByTestId('me-recent').waitFor()
  await me.locator('.el-message').first().waitFor({ state: 'detached' })
  await me.screenshot({ path: join(root, 'docs', 'screenshot-inventor.png') })

  // Two refusals: the half-done submission and the empty objection.
  assert.deepEqual(problems, refusals(2))
})

