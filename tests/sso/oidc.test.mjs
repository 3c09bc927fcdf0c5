// Sign-on through OpenID Connect, end to end: the sign-in page's button, the provider's login
// form, the code back to the server, the ID token checked, the person's account. The provider is
// oidc-provider (a certified OpenID provider implementation) running in this process; refusals
// come from the provider's real answers, rewritten on the way where a test needs a bad token.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import * as jose from 'jose'
import { browser, folder, freePort, loginError, oidcSection, query, startProvider, startServer, whoami } from './support.mjs'

let tmp, provider, server, chrome

// The small demo's people are T0001…: T0002 has no account yet, T0004's account is disabled
// (below), X9999 is nobody's employee ID.
before(async () => {
  tmp = folder()
  const port = await freePort()
  provider = await startProvider({
    redirectUri: `http://127.0.0.1:${port}/auth/oidc/callback`,
    people: { li: { employee_id: 'T0002', email: 'li@example.edu.cn' }, stranger: { employee_id: 'X9999' }, gone: { employee_id: 'T0004' } },
  })
  server = await startServer(
    tmp.dir,
    port,
    oidcSection(provider, port),
    [
      ['admin', '管理员', 'admin'],
      ['t0004', '停用的人', 'inventor', '--employee', 'T0004'],
    ],
  )
  query(server.db, "UPDATE account SET disabled_at = '2026-11-01 09:00:00' WHERE login = 't0004'")
  chrome = await browser()
})

after(async () => {
  await chrome?.close()
  await server?.stop()
  await provider?.stop()
  tmp?.remove()
})

/** From the sign-in page through the provider's login form as `login`, back to the server. */
async function signOn(page, login, { peek = false } = {}) {
  await page.goto(server.url)
  await page.getByTestId('sign-on-oidc').click()
  await page.locator('input[name="login"]').waitFor()
  if (peek) {
    // The sign-in page opened meanwhile (another tab) asks the server what to offer: the
    // sign-on under way must survive it.
    const info = await page.context().request.get(`${server.url}api/sign-on`)
    assert.equal((await info.json()).refusal, null)
  }
  await page.locator('input[name="login"]').fill(login)
  await page.locator('input[name="password"]').fill('any password')
  await page.locator('button[type="submit"]').click()
  await page.waitForURL((u) => u.href.startsWith(server.url) && !u.pathname.startsWith('/auth/'))
}

const accounts = (employee) =>
  query(server.db, `SELECT a.login, a.role, a.password_hash IS NULL AS no_password, a.email FROM account a JOIN person p ON p.id = a.person_id WHERE p.employee_id = '${employee}'`)

const accessLog = () => query(server.db, 'SELECT account, event, subject FROM access_log ORDER BY id')

test('the first sign-on of a known employee ID makes an inventor account; the second uses it', async () => {
  assert.deepEqual(accounts('T0002'), [], 'T0002 has no account before')
  const page = await chrome.page()
  await signOn(page, 'li')
  const me = await whoami(page, server.url)
  assert.equal(me?.login, 'T0002', 'the login is the employee ID')
  assert.equal(me?.role, 'inventor')
  assert.equal(me?.employee_id, 'T0002')
  assert.equal(me?.has_password, false, 'a sign-on account has no password')
  assert.deepEqual(accounts('T0002'), [{ login: 'T0002', role: 'inventor', no_password: 1, email: 'li@example.edu.cn' }])
  await page.getByTestId('login-page').waitFor({ state: 'detached' })

  const again = await chrome.page()
  await signOn(again, 'li', { peek: true })
  assert.equal((await whoami(again, server.url))?.login, 'T0002')
  assert.equal(accounts('T0002').length, 1, 'the second sign-on reuses the account')
  const lines = accessLog().filter((l) => l.account === 'T0002')
  assert.deepEqual(lines, [
    { account: 'T0002', event: 'sign_in', subject: 'oidc' },
    { account: 'T0002', event: 'sign_in', subject: 'oidc' },
  ])
})

test('an employee ID no person has is refused with the reason, in the access log, no account made', async () => {
  const before = query(server.db, 'SELECT COUNT(*) AS n FROM account')[0].n
  const page = await chrome.page()
  await signOn(page, 'stranger')
  assert.equal(await loginError(page), '统一身份认证通过，但工号 X9999 在本系统中没有对应人员，请联系成果转化办公室')
  assert.equal(await whoami(page, server.url), null)
  assert.equal(query(server.db, 'SELECT COUNT(*) AS n FROM account')[0].n, before)
  assert.deepEqual(accessLog().at(-1), { account: 'X9999', event: 'sign_in_refused', subject: 'oidc: identity_unknown' })
})

test('a disabled account is refused', async () => {
  const page = await chrome.page()
  await signOn(page, 'gone')
  assert.match(await loginError(page), /工号 T0004 的账号 t0004 已停用/)
  assert.equal(await whoami(page, server.url), null)
  assert.deepEqual(accessLog().at(-1), { account: 't0004', event: 'sign_in_refused', subject: 'oidc: account_disabled' })
})

test('a return whose state is not the one sent is refused, and the code is not redeemed', async () => {
  const page = await chrome.page()
  await page.goto(server.url)
  // The way out to the provider is rewritten: it carries another state than the one the server
  // keeps, which the provider then sends back with a good code.
  await page.route(`${server.url}auth/oidc/start`, async (route) => {
    const response = await route.fetch({ maxRedirects: 0 })
    const out = new URL(response.headers().location)
    assert.ok(out.searchParams.get('state'), 'a state went out')
    out.searchParams.set('state', 'forged-state')
    return route.fulfill({ response, headers: { ...response.headers(), location: out.href } })
  })
  const tokens = provider.state.tokens
  await signOn(page, 'li')
  assert.match(await loginError(page), /state 不一致/)
  assert.equal(await whoami(page, server.url), null)
  assert.equal(provider.state.tokens, tokens, 'no token was asked for')
})

/** A sign-on as `li` whose ID token the provider's answer carries rewritten by `tamper`. */
async function tampered(tamper) {
  provider.state.tamper = tamper
  try {
    const before = accessLog().length
    const page = await chrome.page()
    await signOn(page, 'li')
    const error = await loginError(page)
    assert.equal(await whoami(page, server.url), null, 'not signed in')
    assert.equal(accessLog().length, before, 'nothing written: the token never named a person the server believed')
    return error
  } finally {
    provider.state.tamper = null
  }
}

/** The claims of a token with `change` applied, signed with the provider's own key. */
const resigned = (change) => async (token) => provider.sign({ ...jose.decodeJwt(token), ...change })

test('an ID token signed with a key not in the provider JWKS is refused', async () => {
  const { privateKey } = await jose.generateKeyPair('RS256')
  const error = await tampered(async (token) => provider.sign(jose.decodeJwt(token), privateKey))
  assert.match(error, /身份令牌签名无效/)
})

test('an ID token for another audience is refused', async () => {
  assert.match(await tampered(resigned({ aud: 'another-app' })), /受众（aud）不是本系统/)
})

test('an expired ID token is refused', async () => {
  const now = Math.floor(Date.now() / 1000)
  assert.match(await tampered(resigned({ iat: now - 7200, exp: now - 3600 })), /已过期/)
})

test('an ID token with another sign-on nonce is refused', async () => {
  assert.match(await tampered(resigned({ nonce: 'another-sign-on' })), /nonce 与本次登录不符/)
})

test('an ID token of another issuer is refused', async () => {
  assert.match(await tampered(resigned({ iss: 'https://idp.elsewhere.example' })), /签发者不符/)
})

test('the password form still works beside the sign-on button (admins)', async () => {
  const page = await chrome.page()
  await page.goto(server.url)
  await page.getByTestId('sign-on-oidc').waitFor()
  assert.equal(await page.getByTestId('sign-on-oidc').innerText(), '统一身份认证登录')
  await page.getByTestId('login-name').fill('admin')
  await page.getByTestId('login-password').fill('sso test password 2026')
  await page.getByTestId('login-submit').click()
  await page.getByTestId('login-page').waitFor({ state: 'detached' })
  assert.equal((await whoami(page, server.url))?.role, 'admin')
})
