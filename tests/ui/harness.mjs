// Drives the real UI on the real core: every `open()` starts the TransferDesk server
// (target/debug/transferdesk-server) on a fresh copy of the small demo portfolio and opens the
// page in Debian's chromium. Nothing is faked: the figures a test asserts are the Rust demo's,
// computed by hand from its records.
//
// Today is fixed (TRANSFERDESK_TODAY) for the demo's creation and for every server, so that the
// deadlines, "this year" and the publicity stages are the same on any day the suite runs.
import { spawn, spawnSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { inflateRawSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'

// The tests live outside ui/, so playwright-core is resolved from ui's node_modules.
const root = fileURLToPath(new URL('../../', import.meta.url))
const { chromium } = createRequire(join(root, 'ui', 'package.json'))('playwright-core')

/** The day every test runs on (a Monday; the demo has deadlines on both sides of it). */
export const TODAY = '2026-11-23'

const target = process.env.CARGO_TARGET_DIR ?? join(root, 'target')
const CLI = join(target, 'debug', 'transferdesk')
const SERVER = join(target, 'debug', 'transferdesk-server')
const env = { ...process.env, TRANSFERDESK_TODAY: TODAY, LANG: 'zh_CN.UTF-8' }

/** Every test account's password. */
export const PASSWORD = 'ui test password 2026'

/** The secretary account's 学院 (a department of the small demo). */
export const SECRETARY_DEPARTMENT = '计算机学院'

/** The accounts of the office every test file starts with: one of each role. */
const ACCOUNTS = [
  ['admin', '管理员', 'admin'],
  ['office', '办公室', 'office'],
  ['secretary', '科研秘书', 'secretary', '--department', SECRETARY_DEPARTMENT],
  ['finance', '财务', 'finance'],
  ['leader', '领导', 'leader'],
  ['inventor', '发明人', 'inventor', '--employee', 'T0001'],
]

/**
 * Creates the small demo portfolio with its accounts (and a test file's `extra` ones, as
 * [login, name, role, ...options]) once per test file, in `dir`.
 */
function demo(dir, extra = []) {
  const db = join(dir, 'demo.db')
  const made = spawnSync(CLI, ['--db', db, 'demo'], { env, encoding: 'utf8' })
  if (made.status !== 0) throw new Error(`transferdesk demo failed (build first: make build): ${made.stderr || made.error}`)
  for (const [login, name, role, ...more] of [...ACCOUNTS, ...extra]) {
    const added = spawnSync(CLI, ['--db', db, 'user', 'add', login, '--name', name, '--role', role, ...more, '--password-stdin'], { env, encoding: 'utf8', input: `${PASSWORD}\n` })
    if (added.status !== 0) throw new Error(`transferdesk user add ${login} failed: ${added.stderr}`)
  }
  return db
}

/** Starts a server on `db`; resolves with its base URL and the process once it listens. */
function serve(db) {
  return new Promise((resolve, reject) => {
    // UI_DIST: serve another build of the UI (a `vite build --outDir` of one's own).
    const ui = process.env.UI_DIST ? ['--ui-dir', process.env.UI_DIST] : []
    const child = spawn(SERVER, ['--db', db, '--listen', '127.0.0.1:0', ...ui], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('exit', (code) => reject(new Error(`transferdesk-server exited with ${code}: ${stderr}`)))
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /^listening on (http:\/\/\S+)/.exec(line)
      if (m) resolve({ url: `${m[1]}/`, child })
    })
  })
}

/**
 * Starts the browser; `open(hash)` gives a page on a fresh server over a fresh demo file.
 * `accounts`: accounts beyond ACCOUNTS that this test file's demo file has (same password).
 */
export async function start({ accounts = [] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'transferdesk-ui-'))
  const template = demo(dir, accounts)
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  const contexts = []
  const servers = []
  let count = 0

  /**
   * A page at `hash`, signed in as `as` (an account of the demo: admin, office, secretary,
   * finance, leader, inventor; null: nobody, the sign-in page); `server.url` and `server.db`
   * name its backend (for a second person in the same office: `app.page(server, hash, { as })`).
   */
  async function open(hash = '#/achievements', { as = 'office' } = {}) {
    const own = join(dir, `test-${++count}`)
    spawnSync('mkdir', ['-p', own])
    const db = join(own, 'transferdesk.db')
    copyFileSync(template, db)
    const { url, child } = await serve(db)
    servers.push(child)
    const server = { url, db, dir: own }
    return { ...(await page(server, hash, { as })), server }
  }

  /** Another page (a fresh browser context, signed in as `as`) on an existing server. */
  async function page(server, hash = '#/achievements', { as = 'office' } = {}) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true })
    contexts.push(context)
    if (as) {
      // Signed in the way the sign-in page does it: the session's cookies land in the context.
      const signedIn = await context.request.post(`${server.url}auth/login`, { data: { login: as, password: PASSWORD } })
      if (!signedIn.ok()) throw new Error(`signing in as ${as}: ${signedIn.status()} ${await signedIn.text()}`)
    }
    const page = await context.newPage()
    // Every console error or warning (CSP violations included) and uncaught exception fails the test.
    const problems = []
    page.on('console', (m) => ['error', 'warning'].includes(m.type()) && problems.push(`${m.type()}: ${m.text()}`))
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
    await page.goto(server.url + hash)
    return { page, problems }
  }

  async function stop() {
    await Promise.all(contexts.map((c) => c.close()))
    await browser.close()
    for (const child of servers) {
      child.removeAllListeners('exit')
      child.kill('SIGTERM')
    }
    await Promise.all(servers.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)))))
    rmSync(dir, { recursive: true, force: true })
  }

  return { open, page, stop, template }
}

/** Runs the CLI on a test's data file (for a figure the screens do not show). */
export function cli(db, ...args) {
  const run = spawnSync(CLI, ['--db', db, '--json', ...args], { env, encoding: 'utf8' })
  return JSON.parse(run.stdout)
}

/** The visible rows of the virtualized portfolio table, as arrays of cell texts. */
export async function tableRows(page) {
  return page
    .locator('[data-testid="achievement-table"] .el-table-v2__body .el-table-v2__row')
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('.el-table-v2__row-cell')].map((c) => c.textContent.trim())))
}

/** The total that the pagination reports. */
export async function total(page) {
  const text = await page.locator('[data-testid="portfolio-pagination"] .el-pagination__total').innerText()
  return Number(text.replace(/\D/g, ''))
}

/** Types a date into the Element Plus date picker inside the element with this test id. */
export async function typeDate(page, testid, value) {
  const input = page.getByTestId(testid).locator('input')
  await input.click()
  await input.fill(value)
  await input.press('Enter')
  await page.locator('.el-picker__popper:visible').waitFor({ state: 'hidden' })
}

/** The rows of an Element Plus table (el-table) as arrays of cell texts, without the row
 * selection boxes of a list with batch actions (so a column's index is the same for every role). */
export async function cells(page, testid, part = 'body') {
  return page
    .getByTestId(testid)
    .locator(`.el-table__${part}-wrapper tr, .el-table__${part} tr`)
    .evaluateAll((rows) =>
      [...new Set(rows)]
        .filter((r) => r.querySelector('td'))
        .map((r) => [...r.querySelectorAll('td')].filter((c) => !c.classList.contains('el-table-column--selection')).map((c) => c.textContent.trim())),
    )
}

/** The text of the newest Element Plus message (ElMessage). */
export async function lastMessage(page) {
  const message = page.locator('.el-message').last()
  await message.waitFor()
  return message.innerText()
}

/**
 * Chooses `file` in the next file chooser the page opens (the browser's transport uploads it),
 * while `action` clicks whatever opens it.
 */
export async function chooseFile(page, file, action) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), action()])
  await chooser.setFiles(file)
}

/** Runs `action` and resolves with the download it causes (saved under `dir`). */
export async function download(page, dir, action) {
  const [d] = await Promise.all([page.waitForEvent('download'), action()])
  const path = join(dir, d.suggestedFilename())
  await d.saveAs(path)
  return { name: d.suggestedFilename(), path }
}

const STATUS_TEXT = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 413: 'Payload Too Large', 422: 'Unprocessable Entity' }

/**
 * The console line Chromium logs when the server refuses a command (a 4xx answer). A test that
 * provokes refusals expects exactly these among its `problems`, and nothing else.
 */
export const refusedLine = (status = 422) => `error: Failed to load resource: the server responded with a status of ${status} (${STATUS_TEXT[status]})`

/** `n` refusals of `status`, as `problems` then holds them. */
export const refusals = (n, status = 422) => Array(n).fill(refusedLine(status))

/** The text of one file in a ZIP (an XLSX), read with node's zlib. */
export function zipEntry(file, entry) {
  const zip = readFileSync(file)
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  let at = zip.readUInt32LE(end + 16)
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const [method, size, nameLength] = [zip.readUInt16LE(at + 10), zip.readUInt32LE(at + 20), zip.readUInt16LE(at + 28)]
    const [extra, comment, local] = [zip.readUInt16LE(at + 30), zip.readUInt16LE(at + 32), zip.readUInt32LE(at + 42)]
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === entry) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
      const data = zip.subarray(start, start + size)
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8')
    }
    at += 46 + nameLength + extra + comment
  }
  return null
}

/** Rows of a query on a data file (sqlite3's JSON mode). */
export function query(db, sql) {
  const run = spawnSync('sqlite3', ['-json', db, sql], { encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`sqlite3: ${run.stderr}`)
  return run.stdout.trim() ? JSON.parse(run.stdout) : []
}

/** Calls a command of the API as the page's account, the way the UI's transport does. */
export async function call(page, server, name, args = {}) {
  const cookies = await page.context().cookies()
  const csrf = cookies.find((c) => c.name === 'td_csrf')?.value ?? ''
  const res = await page.context().request.post(`${server.url}api/${name}`, { data: args, headers: { 'x-csrf-token': csrf, origin: server.url.replace(/\/$/, '') } })
  return { status: res.status(), body: await res.json().catch(() => null) }
}
