// The sign-on tests' world: the real TransferDesk server (target/debug/transferdesk-server) on a
// fresh small demo file, configured through a server.toml with [oidc] and/or [cas] like an
// installation's; a real OpenID provider (the npm package oidc-provider, in this process) and a
// real CAS server (django-mama-cas, in target/sso-venv); Debian's chromium driving the sign-in
// page. Nothing of the protocols is faked: the browser goes to the provider and back.
import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { createServer as netServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import Provider from 'oidc-provider'
import * as jose from 'jose'

const root = fileURLToPath(new URL('../../', import.meta.url))
const { chromium } = createRequire(join(root, 'ui', 'package.json'))('playwright-core')
const target = process.env.CARGO_TARGET_DIR ?? join(root, 'target')
const CLI = join(target, 'debug', 'transferdesk')
const SERVER = join(target, 'debug', 'transferdesk-server')
/** The CAS server's Python (make sso-venv). */
export const CAS_PYTHON = join(target, 'sso-venv', 'bin', 'python')
const env = { ...process.env, TRANSFERDESK_TODAY: '2026-11-23', LANG: 'zh_CN.UTF-8' }

/** The client the server is registered as at the OpenID provider. */
export const CLIENT_ID = 'transferdesk'
const CLIENT_SECRET = 'sso test secret 2026'
/** The provider's signing key's ID (its JWKS has this one key). */
const KID = 'provider-key-1'

/** A free TCP port on loopback (the server's public URL must be known before it starts). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = netServer()
    s.on('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
}

/**
 * The OpenID provider: one client (this server, its redirect URI), a JWKS of one RSA key, the
 * devInteractions login form (any login name, any password: the login name is the account),
 * the employee ID of account `id` as the claim `employee_id` (from `people`, else the login
 * name itself). `tamper` (set by a test) rewrites the ID token of the token endpoint's answer,
 * as a provider gone wrong or a man in the middle would.
 */
export async function startProvider({ redirectUri, people = {} }) {
  const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true })
  const privateJwk = { ...(await jose.exportJWK(privateKey)), kid: KID, alg: 'RS256', use: 'sig' }
  const http = createServer()
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${http.address().port}`
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [privateJwk] },
    cookies: { keys: ['sso test cookie key'] },
    pkce: { required: () => true },
    claims: { openid: ['sub', 'employee_id'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: true } },
    async findAccount(ctx, id) {
      const person = people[id] ?? {}
      return {
        accountId: id,
        async claims() {
          return { sub: id, employee_id: person.employee_id ?? id, email: person.email, email_verified: true, name: person.name }
        },
      }
    },
    // The consent is given once the person signed in (the university's own apps ask no consent).
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId)
      if (grantId) return ctx.oidc.provider.Grant.find(grantId)
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId })
      grant.addOIDCScope('openid profile email')
      await grant.save()
      return grant
    },
  })
  const state = { tamper: null, tokens: 0 }
  provider.use(async (ctx, next) => {
    await next()
    if (ctx.path === '/token' && ctx.body?.id_token) {
      state.tokens++
      if (state.tamper) ctx.body = { ...ctx.body, id_token: await state.tamper(ctx.body.id_token) }
    }
  })
  http.on('request', provider.callback())
  const own = await jose.importJWK(privateJwk, 'RS256')
  return {
    issuer,
    state,
    /** Signs `claims` with the provider's own key (a token its JWKS vouches for). */
    sign: (claims, key = own) => new jose.SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: KID }).sign(key),
    stop: () => new Promise((resolve) => http.close(resolve)),
  }
}

/**
 * The CAS server (django-mama-cas) on a free port, with `people` as [login, password,
 * employee ID, e-mail]; its base URL (…/cas) once it listens.
 */
export async function startCas(dir, people) {
  const port = await freePort()
  const child = spawn(CAS_PYTHON, [join(root, 'tests', 'sso', 'cas', 'serve.py'), String(port), join(dir, 'cas.sqlite3'), JSON.stringify(people)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
  })
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr += chunk))
  await new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code) => reject(new Error(`the CAS server exited with ${code} (make sso-venv installs it): ${stderr}`)))
    createInterface({ input: child.stdout }).on('line', (line) => line === 'cas ready' && resolve())
  })
  return {
    url: `http://127.0.0.1:${port}/cas`,
    stop: () => {
      child.removeAllListeners('exit')
      child.kill('SIGTERM')
      return new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)))
    },
  }
}

/** The `[oidc]` section of server.toml for `provider`, the server on `port` and this client
 * (the secret is written by startServer in place of SECRET_FILE). */
export function oidcSection(provider, port) {
  return `[oidc]
issuer = "${provider.issuer}"
client_id = "${CLIENT_ID}"
client_secret_file = "SECRET_FILE"
employee_id_claim = "employee_id"
public_url = "http://127.0.0.1:${port}"
label = "统一身份认证登录"
`
}

/**
 * The TransferDesk server on `port` over a fresh small demo file (with the accounts
 * [login, name, role, ...options] of `accounts`, password-less ones for sign-on), configured by
 * a server.toml holding `config` (and the OpenID client secret in a file of its own, 0600).
 */
export async function startServer(dir, port, config, accounts = []) {
  const data = join(dir, 'data')
  spawnSync('mkdir', ['-m', '0700', '-p', data])
  const db = join(data, 'transferdesk.db')
  const made = spawnSync(CLI, ['--db', db, 'demo'], { env, encoding: 'utf8' })
  if (made.status !== 0) throw new Error(`transferdesk demo failed (build first: make build): ${made.stderr || made.error}`)
  for (const [login, name, role, ...more] of accounts) {
    const added = spawnSync(CLI, ['--db', db, 'user', 'add', login, '--name', name, '--role', role, ...more, '--password-stdin'], {
      env,
      encoding: 'utf8',
      input: 'sso test password 2026\n',
    })
    if (added.status !== 0) throw new Error(`transferdesk user add ${login} failed: ${added.stderr}`)
  }
  const secret = join(dir, 'oidc-secret')
  writeFileSync(secret, `${CLIENT_SECRET}\n`)
  chmodSync(secret, 0o600)
  const toml = join(dir, 'server.toml')
  writeFileSync(toml, config.replaceAll('SECRET_FILE', secret))
  const child = spawn(SERVER, ['--config', toml, '--db', db, '--listen', `127.0.0.1:${port}`], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr += chunk))
  await new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code) => reject(new Error(`transferdesk-server exited with ${code}: ${stderr}`)))
    createInterface({ input: child.stdout }).on('line', (line) => line.startsWith('listening on') && resolve())
  })
  return {
    url: `http://127.0.0.1:${port}/`,
    db,
    /** What the server wrote to its journal (the refusals' lines). */
    journal: () => stderr,
    stop: () => {
      child.removeAllListeners('exit')
      child.kill('SIGTERM')
      return new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)))
    },
  }
}

export { query } from '../ui/harness.mjs'

/** The browser, and a fresh context (its own cookies) per person. */
export async function browser() {
  const b = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  return {
    async page() {
      const context = await b.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
      return context.newPage()
    },
    close: () => b.close(),
  }
}

/** A temporary folder (0700) for one test file. */
export function folder() {
  const dir = mkdtempSync(join(tmpdir(), 'transferdesk-sso-'))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Who the page's session is (null: not signed in), asked the way the app asks. */
export async function whoami(page, url) {
  return page.evaluate(async (base) => {
    const csrf = document.cookie.split('; ').find((c) => c.startsWith('td_csrf='))?.slice(8) ?? ''
    const r = await fetch(`${base}api/whoami`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: '{}' })
    return r.ok ? (await r.json()).account : null
  }, url)
}

/** The text of the sign-in page's error (a refused sign-on's reason). */
export async function loginError(page) {
  const alert = page.getByTestId('login-error')
  await alert.waitFor()
  return alert.innerText()
}
