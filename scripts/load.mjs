#!/usr/bin/env node
// The office server under load (docs/performance.md "Load: the office server"): on a copy of the large demo, N
// simulated office staff each sign in, then every few seconds open the dashboard, page and search
// the portfolio, open an achievement, plan a distribution and save a cost, for M minutes. Reports
// per request kind the count, errors and latency percentiles, and the server's peak memory; then
// runs the very same requests through the desktop app's command path (the `command_path` example:
// `transferdesk_api::call` without HTTP) so that the HTTP layer's cost is visible beside it.
//
// With --inventors K (a university's scale, docs/performance.md "Load: a university (inventors beside the office)"), K inventor
// accounts — each tied to a person of the demo who is an inventor, those with reward lines first —
// sign in over the first minute beside the office's (--office is --users), then every few seconds
// open their start screen (their achievements and the bell), their rewards, the publicities
// running, and save a disclosure draft (a new one, then changes to it), and their disclosures.
//
//   node scripts/load.mjs [--users 50] [--minutes 5] [--record]
//   node scripts/load.mjs --inventors 200 --office 20 [--minutes 5] [--record]
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
const USERS = option('office', option('users', 50))
const INVENTORS = option('inventors', 0)
const MINUTES = option('minutes', 5)
const RECORD = process.argv.includes('--record')
const THINK_MS = [2000, 5000] // "every few seconds"
const ARRIVAL_MS = 10_000
// Inventors come to the server one by one, not as an office starting its day: over a minute, and
// they read a screen longer between requests.
const INVENTOR_ARRIVAL_MS = 60_000
const INVENTOR_THINK_MS = [3000, 10000]
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
// The inventors: people who are inventors of achievements, those with reward lines first.
const inventors = INVENTORS
  ? sql(
      demo,
      `SELECT p.employee_id || '|' || coalesce(d.name, '') FROM person p LEFT JOIN department d ON d.id = p.department_id
       WHERE EXISTS (SELECT 1 FROM inventor i WHERE i.person_id = p.id)
       ORDER BY EXISTS (SELECT 1 FROM distribution_line l WHERE l.person_id = p.id) DESC, p.id LIMIT ${INVENTORS}`,
    ).map((l) => {
      const [employee, department] = l.split('|')
      return { employee, department }
    })
  : []
if (inventors.length < INVENTORS) throw new Error(`the demo has ${inventors.length} inventors, not ${INVENTORS}`)
const inventorLogin = (i) => `inv${String(i).padStart(3, '0')}`
if (INVENTORS) console.log(`adding ${INVENTORS} inventor accounts …`)
inventors.forEach(({ employee }, i) => {
  run(CLI, ['--db', demo, 'user', 'add', inventorLogin(i + 1), '--name', `发明人${i + 1}`, '--role', 'inventor', '--employee', employee, '--password-stdin'], `${PASSWORD}\n`)
})
const withLines = INVENTORS
  ? Number(sql(demo, `SELECT count(DISTINCT l.person_id) FROM distribution_line l JOIN account a ON a.person_id = l.person_id WHERE a.role = 'inventor'`)[0])
  : 0
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
    // Kept for the caller that needs the answer (an inventor's new draft id).
    response.payload = await response.arrayBuffer()
    ok = response.ok
    if (!ok && (errors.get(kind) ?? 0) < 3) console.error(`${kind}: ${response.status}`)
  } catch (e) {
    if ((errors.get(kind) ?? 0) < 3) console.error(`${kind}: ${e.message}`)
  }
  note(kind, performance.now() - start, ok)
  return response
}

async function signIn(login) {
  const response = await timed('sign in', '/auth/login', { login, password: PASSWORD }, {})
  if (!response?.ok) return null
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0])
  const csrf = cookies.find((c) => c.startsWith('td_csrf='))?.slice('td_csrf='.length) ?? ''
  return { cookie: cookies.join('; '), 'x-csrf-token': csrf }
}

async function user(n, deadline, today) {
  // People arrive over the first ten seconds (an office does not sign in within one instant),
  // each then at another step of the round.
  await new Promise((r) => setTimeout(r, Math.random() * ARRIVAL_MS))
  const login = `load${String(n).padStart(2, '0')}`
  const headers = await signIn(login)
  if (!headers) return
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

// An inventor: signs in, then goes round their screens. The draft is theirs: created by the first
// save, then saved again at the version each save returns (as the form does).
async function inventor(n, deadline) {
  await new Promise((r) => setTimeout(r, Math.random() * INVENTOR_ARRIVAL_MS))
  const login = inventorLogin(n)
  const { employee, department } = inventors[n - 1]
  const headers = await signIn(login)
  if (!headers) return
  const command = async (name, args) => {
    // The command path replays it as this account (`as`); a draft's id is the server's, which
    // the replay maps to its own (`result`: the id the first save returned).
    const request = { name, args, as: login }
    requests.push(request)
    const response = await timed(name, `/api/${name}`, args, headers)
    return { request, response }
  }
  let draft = { id: null, version: 0 }
  let saves = 0
  const form = () => ({
    id: draft.id,
    version: draft.version,
    title: `一种压测用的方法（${login}）`,
    department,
    funding_source: 'own',
    fiscal_project: null,
    description: `技术内容，第 ${++saves} 次保存。`.repeat(20),
    prior_art: null,
    intended_protection: 'invention_patent',
    confidential: false,
    inventors: [{ employee_id: employee, share_bp: 10000, key_contributor: true }],
  })
  const steps = [
    // The start screen: my achievements and the bell.
    async () => {
      await command('my_achievements', {})
      await command('notifications', { limit: 20 })
    },
    () => command('my_rewards', {}),
    () => command('running_publicities', {}),
    async () => {
      const { request, response } = await command('save_my_draft', { form: form() })
      if (response?.ok) {
        const id = JSON.parse(new TextDecoder().decode(response.payload))
        if (draft.id === null && typeof id === 'number') request.result = id
        draft = { id: typeof id === 'number' ? id : draft.id, version: draft.version + 1 }
      }
    },
    () => command('my_disclosures', {}),
  ]
  for (let i = n; Date.now() < deadline; i++) {
    await steps[i % steps.length]()
    await new Promise((r) => setTimeout(r, INVENTOR_THINK_MS[0] + Math.random() * (INVENTOR_THINK_MS[1] - INVENTOR_THINK_MS[0])))
  }
}

// The server's today (TRANSFERDESK_TODAY when set): a cost is dated the day it is entered.
const today = process.env.TRANSFERDESK_TODAY ?? new Date().toISOString().slice(0, 10)
const running = Number(
  sql(
    served,
    `SELECT (SELECT count(*) FROM publicity WHERE posted_on <= '${today}' AND ends_on >= '${today}')
          + (SELECT count(*) FROM distribution WHERE state = 'publicized' AND publicity_from <= '${today}' AND publicity_ends_on >= '${today}')`,
  )[0],
)
console.log(`${USERS} office users${INVENTORS ? ` and ${INVENTORS} inventors` : ''} for ${MINUTES} min on ${server.url} (${running} publicities running on ${today}) …`)
const deadline = Date.now() + MINUTES * 60_000
await Promise.all([
  ...Array.from({ length: USERS }, (_, i) => user(i + 1, deadline, today)),
  ...Array.from({ length: INVENTORS }, (_, i) => inventor(i + 1, deadline)),
])
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
const who = INVENTORS
  ? [
      `\`node scripts/load.mjs --inventors ${INVENTORS} --office ${USERS} --minutes ${MINUTES}\`: ${INVENTORS} inventor accounts (${withLines} of them with reward lines), signing in over the first ${INVENTOR_ARRIVAL_MS / 1000} s, a think time of ${INVENTOR_THINK_MS[0] / 1000}–${INVENTOR_THINK_MS[1] / 1000} s;`,
      `beside ${USERS} office accounts, signing in over the first ${ARRIVAL_MS / 1000} s, a think time of ${THINK_MS[0] / 1000}–${THINK_MS[1] / 1000} s. Publicities running on ${today}: ${running}.`,
    ]
  : [
      `\`node scripts/load.mjs --users ${USERS} --minutes ${MINUTES}\`: ${USERS} office accounts, signing in over the first ${ARRIVAL_MS / 1000} s, a think time of ${THINK_MS[0] / 1000}–${THINK_MS[1] / 1000} s between requests.`,
    ]
const table = [
  `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${model}, ${cores} cores, commit ${commit}, release build;`,
  ...who,
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
  // The university run has markers of its own, so that each run keeps its table.
  const marker = INVENTORS ? 'load-university' : 'load'
  const [start, end] = [`<!-- ${marker}:start (written by scripts/load.mjs; do not edit by hand) -->`, `<!-- ${marker}:end -->`]
  const a = text.indexOf(start)
  const b = text.indexOf(end)
  if (a < 0 || b < a) throw new Error(`docs/performance.md has no ${marker} markers`)
  writeFileSync(page, `${text.slice(0, a + start.length)}\n${table}\n${text.slice(b)}`)
  console.log('recorded in docs/performance.md')
}
