// Serves ui/dist-fake (the app over its in-memory backend) and drives it with Debian's chromium.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { extname, join, normalize, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

// The tests live outside ui/, so playwright-core is resolved from ui's node_modules.
const uiDir = fileURLToPath(new URL('../../ui/', import.meta.url))
const { chromium } = createRequire(join(uiDir, 'package.json'))('playwright-core')
// UI_DIST: another build of the fake UI (e.g. when two builds must not share a folder).
const root = process.env.UI_DIST ?? join(uiDir, 'dist-fake')

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
}

function serve() {
  const server = createServer(async (req, res) => {
    const path = normalize(join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname)))
    const file = path.endsWith(sep) ? join(path, 'index.html') : path
    const found = file.startsWith(root) && (await stat(file).catch(() => null))?.isFile()
    if (!found) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
    createReadStream(file).pipe(res)
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

/** Starts the server and the browser; `open(hash)` gives a fresh page (a fresh fake backend). */
export async function start() {
  const server = await serve()
  const base = `http://127.0.0.1:${server.address().port}/`
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  const contexts = []

  async function open(hash = '#/achievements') {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
    contexts.push(context)
    const page = await context.newPage()
    // Every console error or warning (CSP violations included) and uncaught exception fails the test.
    const problems = []
    page.on('console', (m) => ['error', 'warning'].includes(m.type()) && problems.push(`${m.type()}: ${m.text()}`))
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
    await page.goto(base + hash)
    return { page, problems }
  }

  async function stop() {
    await Promise.all(contexts.map((c) => c.close()))
    await browser.close()
    await new Promise((resolve) => server.close(resolve))
  }

  return { open, stop }
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

/** The rows of an Element Plus table (el-table) as arrays of cell texts. */
export async function cells(page, testid, part = 'body') {
  return page
    .getByTestId(testid)
    .locator(`.el-table__${part}-wrapper tr, .el-table__${part} tr`)
    .evaluateAll((rows) =>
      [...new Set(rows)].filter((r) => r.querySelector('td')).map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent.trim())),
    )
}

/** The text of the newest Element Plus message (ElMessage). */
export async function lastMessage(page) {
  const message = page.locator('.el-message').last()
  await message.waitFor()
  return message.innerText()
}
