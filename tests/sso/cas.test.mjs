// Sign-on through CAS 3.0, end to end: the sign-in page's button, the CAS server's login form
// (django-mama-cas, a CAS server from PyPI, in target/sso-venv), the service ticket back to the
// server, validated at /p3/serviceValidate, the employee ID from the `employee_id` attribute.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { browser, folder, freePort, loginError, query, startCas, startServer, whoami } from './support.mjs'

let tmp, cas, server, chrome

// CAS people: zhangsan is the demo's T0003 (no account yet); stranger's ID X9999 is nobody's.
before(async () => {
  tmp = folder()
  cas = await startCas(tmp.dir, [
    ['zhangsan', 'cas password 1', 'T0003', 'zhangsan@example.edu.cn'],
    ['stranger', 'cas password 2', 'X9999', ''],
  ])
  const port = await freePort()
  server = await startServer(
    tmp.dir,
    port,
    `[cas]
server_url = "${cas.url}"
employee_id_attribute = "employee_id"
public_url = "http://127.0.0.1:${port}"
label = "统一身份认证登录（CAS）"
`,
  )
  chrome = await browser()
})

after(async () => {
  await chrome?.close()
  await server?.stop()
  await cas?.stop()
  tmp?.remove()
})

/** From the sign-in page through the CAS login form, back to the server; the ticket it carried. */
async function signOn(page, login, password) {
  let ticket = null
  page.on('request', (r) => {
    const url = new URL(r.url())
    if (url.pathname === '/auth/cas/callback') ticket = url.searchParams.get('ticket')
  })
  await page.goto(server.url)
  await page.getByTestId('sign-on-cas').click()
  await page.locator('#id_username').fill(login)
  await page.locator('#id_password').fill(password)
  await page.locator('button[type="submit"]').click()
  await page.waitForURL((u) => u.href.startsWith(server.url) && !u.pathname.startsWith('/auth/'))
  return ticket
}

const accessLog = () => query(server.db, 'SELECT account, event, subject FROM access_log ORDER BY id')
const accountCount = () => query(server.db, 'SELECT COUNT(*) AS n FROM account')[0].n

let used = null

test('a CAS sign-on of a known employee ID makes an inventor account and signs in', async () => {
  const page = await chrome.page()
  await page.goto(server.url)
  assert.equal(await page.getByTestId('sign-on-cas').innerText(), '统一身份认证登录（CAS）')
  assert.equal(await page.getByTestId('sign-on-oidc').count(), 0, 'OpenID Connect is not configured here')
  used = await signOn(page, 'zhangsan', 'cas password 1')
  assert.match(used ?? '', /^ST-/, 'a service ticket came back')
  const me = await whoami(page, server.url)
  assert.deepEqual([me?.login, me?.role, me?.employee_id], ['T0003', 'inventor', 'T0003'])
  assert.deepEqual(query(server.db, "SELECT email FROM account WHERE login = 'T0003'"), [{ email: 'zhangsan@example.edu.cn' }])
  assert.deepEqual(accessLog().at(-1), { account: 'T0003', event: 'sign_in', subject: 'cas' })
})

test('a replayed ticket is refused before the CAS server is asked', async () => {
  assert.ok(used, 'the first test used a ticket')
  const before = accessLog().length
  const page = await chrome.page()
  await page.goto(server.url)
  await page.getByTestId('sign-on-cas').click()
  await page.locator('#id_username').waitFor()
  await page.goto(`${server.url}auth/cas/callback?ticket=${encodeURIComponent(used)}`)
  assert.match(await loginError(page), /CAS 票据已经使用过（拒绝重放）/)
  assert.equal(await whoami(page, server.url), null)
  assert.equal(accessLog().length, before, 'nothing written')
  assert.match(server.journal(), /sign-on refused \(cas, 127\.0\.0\.1\): ticket_replayed/)
})

test('a forged ticket is refused as the CAS server says', async () => {
  const before = accountCount()
  const page = await chrome.page()
  await page.goto(server.url)
  await page.getByTestId('sign-on-cas').click()
  await page.locator('#id_username').waitFor()
  await page.goto(`${server.url}auth/cas/callback?ticket=ST-1-forgedforgedforged`)
  assert.match(await loginError(page), /CAS 服务器不认可这张票据（INVALID_TICKET/)
  assert.equal(await whoami(page, server.url), null)
  assert.equal(accountCount(), before)
})

test('a ticket brought without a sign-on started in this browser is refused', async () => {
  const page = await chrome.page()
  await page.goto(`${server.url}auth/cas/callback?ticket=ST-2-fromalink`)
  assert.match(await loginError(page), /登录请求已失效/)
  assert.equal(await whoami(page, server.url), null)
})

test('a CAS user whose employee ID no person has is refused with the reason', async () => {
  const before = accountCount()
  const page = await chrome.page()
  await signOn(page, 'stranger', 'cas password 2')
  assert.equal(await loginError(page), '统一身份认证通过，但工号 X9999 在本系统中没有对应人员，请联系成果转化办公室')
  assert.equal(await whoami(page, server.url), null)
  assert.equal(accountCount(), before, 'no account made')
  assert.deepEqual(accessLog().at(-1), { account: 'X9999', event: 'sign_in_refused', subject: 'cas: identity_unknown' })
})
