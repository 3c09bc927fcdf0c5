#!/usr/bin/env node
// The office server under load (docs/performance.md "Load: the office server"): on a copy of the large demo, N
// simulated office staff each sign in, then every few seconds open the dashboard, page and search
// the portfolio, open an achievement, plan a distribution and save a cost, for M minutes. Reports
// per request kind the count, errors and latency percentiles, and the server's peak memory; then
// runs the very same requests through the desktop app's command path (the `command_path` example:
// `transferdesk_api::call` without HTTP) so that the HTTP layer's cost is visible beside it.
//
//   node scripts/load.mjs [--users 50] [--minutes 5] [--record]
//
// Needs the release binaries (`cargo build --release -p transferdesk-server -p transferdesk-cli
// && cargo build --release -p transferdesk-api --example command_path`) and sqlite3. With
// --record the tables go into docs/performance.md between the `load` markers.
import { spawn, spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}
const USERS = option('users', 50)
const MINUTES = option('minutes', 5)
const RECORD = process.argv.includes('--record')
const THINK_MS = [2000, 5000] // "every few seconds"
const ARRIVAL_MS = 10_000
const PASSWORD = 'load test password 2026'

const release = join(ROOT, 'target/release')
const CLI = join(release, 'transferdesk')
const SERVER = join(release, 'transferdesk-server')
const COMMAND_PATH = join(release, 'examples/command_path')
for (const bin of [CLI, SERVER, COMMAND_PATH]) {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: build the release binaries first (see the head of this script)`)
}

const work = join(ROOT, 'target/bench-data/load')
rmSync(work, { recursive: true, force: true })
mkdirSync(work, { recursive: true })
const env = { ...process.env, TRANSFERDESK_LANG: 'zh' }

function run(bin, args, input) {
  const r = spawnSync(bin, args, { env, encoding: 'utf8', input, maxBuffer: 1 << 26 })
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')}: exit ${r.status}\n${r.stderr}`)
  return r.stdout
}
const sql = (db, query) => run('sqlite3', ['-readonly', db, query]).trim().split('\n').filter(Boolean)

// The large demo, made once and copied: one copy for the server, one for the command path.
const demo = join(work, 'large.db')
console.log('making the large demo …')
run(CLI, ['--db', demo, 'demo', '--scale', 'large', '--seed', '1'])
for (let i = 1; i <= USERS; i++) {
  const login = `load${String(i).padStart(2, '0')}`
  run(CLI, ['--db', demo, 'user', 'add', login, '--name', `压测用户${i}`, '--role', 'office', '--password-stdin'], `${PASSWORD}\n`)
}
const served = join(work, 'served.db')
const desk = join(work, 'desk.db')
copyFileSync(demo, served)
copyFileSync(demo, desk)

// What the users pick from: every achievement, contracts with receipts and no distribution yet
// (those a person would plan), words of titles to search.
const achievementIds = sql(demo, 'SELECT id FROM achievement').map(Number)
const contracts = sql(
  demo,
  `SELECT c.id || '|' || c.contract_no FROM contract c WHERE NOT EXISTS (SELECT 1 FROM distribution d WHERE d.contract_id = c.id)
   AND (SELECT count(*) FROM receipt r WHERE r.contract_id = c.id) >= 2 ORDER BY c.id LIMIT 500`,
).map((l) => {
  const [id, no] = l.split('|')
  return { id: Number(id), no }
})
const words = [...new Set(sql(demo, 'SELECT title FROM achievement ORDER BY id LIMIT 2000').flatMap((t) => [t.slice(0, 2), t.slice(2, 4)]))].filter((w) => w.length === 2)
const pick = (list) => list[Math.floor(Math.random() * list.length)]

const server = await new Promise((resolve, reject) => {
  const child = spawn(SERVER, ['--db', served, '--listen', '127.0.0.1:0'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (c) => (stderr += c))
  child.on('exit', (code) => reject(new Error(`server exited ${code}: ${stderr}`)))
  createInterface({ input: child.stdout }).on('line', (line) => {
    const m = /^listening on (http:\/\/\S+)/.exec(line)
    if (m) resolve({ url: m[1], child })
  })
})

// The server's memory, sampled twice a second.
let peakKib = 0
const memory = setInterval(() => {
  try {
    const status = readFileSync(`/proc/${server.child.pid}/status`, 'utf8')
    peakKib = Math.max(peakKib, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0))
  } catch {
    // the process has gone: the final figure was read before
  }
}, 500)

const samples = new Map() // kind → [ms]
const errors = new Map() // kind → count
const requests = [] // what was asked, for the command path
const note = (kind, ms, ok) => {
  if (!samples.has(kind)) samples.set(kind, [])
  samples.get(kind).push(ms)
  if (!ok) errors.set(kind, (errors.get(kind) ?? 0) + 1)
}

async function timed(kind, path, body, headers) {
  const start = performance.now()
  let ok = false
  let response
  try {
    response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
    await response.arrayBuffer()
    ok = response.ok
    if (!ok && (errors.get(kind) ?? 0) < 3) console.error(`${kind}: ${response.status}`)
  } catch (e) {
    if ((errors.get(kind) ?? 0) < 3) console.error(`${kind}: ${e.message}`)
  }
  note(kind, performance.now() - start, ok)
  return response
}

async function user(n, deadline, today) {
  // People arrive over the first ten seconds (an office does not sign in within one instant),
  // each then at another step of the round.
  await new Promise((r) => setTimeout(r, Math.random() * ARRIVAL_MS))
  const login = `load${String(n).padStart(2, '0')}`
  const response = await timed('sign in', '/auth/login', { login, password: PASSWORD }, {})
  if (!response?.ok) return
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0])
  const csrf = cookies.find((c) => c.startsWith('td_csrf='))?.slice('td_csrf='.length) ?? ''
  const headers = { cookie: cookies.join('; '), 'x-csrf-token': csrf }
  const command = (name, args) => {
    requests.push({ name, args })
    return timed(name, `/api/${name}`, args, headers)
  }
  const steps = [
    () => command('dashboard', {}),
    () =>
      command('list_achievements', {
        query: { page: 1 + Math.floor(Math.random() * 200), page_size: 50, sort: null, descending: false, kind: null, status: null, department: null, year: null, search: null },
      }),
    () => command('search', { text: pick(words), limit: 20 }),
    () => command('get_achievement', { id: pick(achievementIds) }),
    () => command('plan_distribution', { contractNo: pick(contracts).no, through: null, staff: [] }),
    () => command('add_cost', { contractId: pick(contracts).id, entry: { on: today, amount_fen: 100 + n, reference: null, receipt_kind: null, cost_category: 'other' } }),
  ]
  for (let i = n; Date.now() < deadline; i++) {
    await steps[i % steps.length]()
    await new Promise((r) => setTimeout(r, THINK_MS[0] + Math.random() * (THINK_MS[1] - THINK_MS[0])))
  }
}

// The server's today (TRANSFERDESK_TODAY when set): a cost is dated the day it is entered.
const today = process.env.TRANSFERDESK_TODAY ?? new Date().toISOString().slice(0, 10)
console.log(`${USERS} users for ${MINUTES} min on ${server.url} …`)
const deadline = Date.now() + MINUTES * 60_000
await Promise.all(Array.from({ length: USERS }, (_, i) => user(i + 1, deadline, today)))
clearInterval(memory)
server.child.removeAllListeners('exit')
server.child.kill('SIGTERM')

const percentile = (sorted, q) => sorted[Math.min(sorted.length, Math.max(1, Math.ceil(sorted.length * q))) - 1]

// The same requests through the command path, on the demo as it was before the run.
const requestFile = join(work, 'requests.jsonl')
writeFileSync(requestFile, requests.map((r) => JSON.stringify(r)).join('\n') + '\n')
const deskFigures = new Map(
  run(COMMAND_PATH, [desk, requestFile])
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .map((f) => [f.name, f]),
)

const rows = []
let all = []
let errorCount = 0
for (const [kind, ms] of samples) {
  const sorted = [...ms].sort((a, b) => a - b)
  all = all.concat(sorted)
  errorCount += errors.get(kind) ?? 0
  const d = deskFigures.get(kind)
  rows.push(
    `| \`${kind}\` | ${sorted.length} | ${errors.get(kind) ?? 0} | ${percentile(sorted, 0.5).toFixed(1)} | ${percentile(sorted, 0.95).toFixed(1)} | ${sorted.at(-1).toFixed(1)} | ${d ? `${d.p50_ms.toFixed(1)} / ${d.p95_ms.toFixed(1)}` : '—'} |`,
  )
}
all.sort((a, b) => a - b)
const cpu = readFileSync('/proc/cpuinfo', 'utf8')
const model = /model name\s*:\s*(.*)/.exec(cpu)?.[1] ?? 'unknown CPU'
const cores = (cpu.match(/^processor/gm) ?? []).length
const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim()
const table = [
  `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${model}, ${cores} cores, commit ${commit}, release build;`,
  `\`node scripts/load.mjs --users ${USERS} --minutes ${MINUTES}\`: ${USERS} office accounts, signing in over the first ${ARRIVAL_MS / 1000} s, a think time of ${THINK_MS[0] / 1000}–${THINK_MS[1] / 1000} s between requests.`,
  '',
  `**${all.length} requests, ${errorCount} errors, p95 ${percentile(all, 0.95).toFixed(1)} ms (target ≤ 100 ms), server peak memory ${Math.round(peakKib / 1024)} MB (target ≤ 300 MB).**`,
  '',
  '| request | count | errors | p50 ms | p95 ms | max ms | command path p50 / p95 ms |',
  '|---|---|---|---|---|---|---|',
  ...rows,
].join('\n')
console.log(table)

if (RECORD) {
  const page = join(ROOT, 'docs/performance.md')
  const text = readFileSync(page, 'utf8')
  const [start, end] = ['<!-- load:start (written by scripts/load.mjs; do not edit by hand) -->', '<!-- load:end -->']
  const a = text.indexOf(start)
  const b = text.indexOf(end)
  if (a < 0 || b < a) throw new Error('docs/performance.md has no load markers')
  writeFileSync(page, `${text.slice(0, a + start.length)}\n${table}\n${text.slice(b)}`)
  console.log('recorded in docs/performance.md')
}
