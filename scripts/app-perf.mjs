// Desktop-app performance on the large demo portfolio (docs/quality.md "Speed targets"): start to
// first usable screen and resident memory after visiting every route. Driven through tauri-driver
// (WebDriver), as the end-to-end tests are, but on the release build. "Usable" = the start screen
// (工作台) shows its figures and deadlines. Memory = the sum of the proportional set sizes (Pss in
// /proc/PID/smaps_rollup) of the app process and every process below it (WebKitWebProcess,
// WebKitNetworkProcess), read once the app has been idle for SETTLE_MS after the last route
// rendered (the web process checks its memory budget every 5 s, app/src/webkit.rs): each process
// maps the same WebKitGTK, Mesa and font files, and a sum of RSS would count those pages once per
// process (the RSS sum is printed too).
//   node scripts/app-perf.mjs APP DB   (scripts/app-perf.sh sets everything up)
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

const [app, db] = process.argv.slice(2);
const URL = 'http://127.0.0.1:4444';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// Idle time after the last route before the memory is read: more than one of the web process's
// 5 s budget checks.
const SETTLE_MS = 7000;
// The list and detail routes of ui/src/router.ts, one visit each (details: the first record).
const ROUTES = ['/achievements', '/achievements/1', '/achievements/new', '/achievements/1/edit', '/disclosures', '/contracts', '/contracts/1',
  '/contracts/new', '/publicity', '/grants', '/people', '/people/1', '/organizations', '/organizations/1', '/import', '/import/wizard',
  '/rewards', '/rewards/new', '/rewards/1', '/fees', '/annual', '/audit', '/settings', '/settings?tab=backups', '/settings?tab=profile',
  '/dashboard'];

async function call(method, path, body, timeoutMs = 60000) {
  const res = await fetch(URL + path, { method, headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.value ?? json)}`);
  return json.value;
}

function cmdline(pid) {
  try { return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'); } catch { return []; }
}

function children(pid) {
  const out = [];
  for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(p), ...children(Number(p)));
    } catch { /* gone */ }
  }
  return out;
}

// KiB of `field` (Rss, Pss, Anonymous) in /proc/PID/smaps_rollup.
function rollupKb(pid, field) {
  try {
    const m = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+)`, 'm'));
    return m ? Number(m[1]) : 0;
  } catch { return 0; }
}

function name(pid) {
  try { return readFileSync(`/proc/${pid}/comm`, 'utf8').trim(); } catch { return '?'; }
}

const driver = spawn('tauri-driver', ['--port', '4444'], { env: { ...process.env, TRANSFERDESK_DB: db }, stdio: 'ignore', detached: true });
let session;
try {
  for (let i = 0; ; i++) {
    try { await call('GET', '/status', undefined, 1000); break; } catch (e) { if (i > 100) throw e; await sleep(100); }
  }
  const started = performance.now();
  session = (await call('POST', '/session', { capabilities: { alwaysMatch: { 'tauri:options': { application: app } } } })).sessionId;
  const s = (p) => `/session/${session}${p}`;
  const exec = (script, args = []) => call('POST', s('/execute/sync'), { script, args });
  // Polls inside the page so the measurement is not one WebDriver round trip per try.
  const waitFor = async (css, timeoutMs = 30000) => {
    const end = performance.now() + timeoutMs;
    while (performance.now() < end) {
      if (await exec('return !!document.querySelector(arguments[0])', [css])) return;
      await sleep(20);
    }
    throw new Error(`timeout waiting for ${css}`);
  };
  await waitFor('[data-testid="dashboard-report"]');
  const firstScreen = (performance.now() - started) / 1000;
  for (const route of ROUTES) {
    await exec('location.hash = arguments[0]', [route]);
    await sleep(300);
    await exec('return document.readyState');
    // Lists and details have rendered when no loading mask is left.
    const end = performance.now() + 15000;
    while (performance.now() < end && (await exec("return !!document.querySelector('.el-loading-mask')"))) await sleep(50);
  }
  const tourEnd = performance.now();
  const mb = (kb) => Math.round(kb / 1024);
  const appPids = () => children(driver.pid).filter((p) => !['tauri-driver', 'WebKitWebDriver'].includes(name(p)));
  // The start backup (10 s after start, a child process of the app, seconds long) is a passing
  // peak, not what the session keeps: it is waited out, and the largest sum seen while it ran is
  // printed beside the result.
  let backupPeak = 0;
  for (const end = performance.now() + 60000; performance.now() < end; await sleep(250)) {
    const pids = appPids();
    if (!pids.some((p) => cmdline(p).includes('--start-backup'))) break;
    backupPeak = Math.max(backupPeak, pids.reduce((a, p) => a + mb(rollupKb(p, 'Pss')), 0));
  }
  await sleep(Math.max(0, tourEnd + SETTLE_MS - performance.now()));
  const pids = appPids();
  const parts = pids.map((p) => ({ pid: p, name: name(p), pss_mb: mb(rollupKb(p, 'Pss')), rss_mb: mb(rollupKb(p, 'Rss')) }));
  const sum = (key) => parts.reduce((a, p) => a + p[key], 0);
  console.log(JSON.stringify({ first_screen_s: Number(firstScreen.toFixed(3)), pss_mb: sum('pss_mb'), rss_mb: sum('rss_mb'),
    backup_peak_pss_mb: backupPeak, processes: parts }));
} finally {
  if (session) await call('DELETE', `/session/${session}`, undefined, 10000).catch(() => {});
  try { process.kill(-driver.pid, 'SIGTERM'); } catch { /* gone */ }
}
