// A small W3C WebDriver client over fetch, and the life cycle of one TransferDesk window driven
// through tauri-driver (which starts WebKitWebDriver). No dependencies: Node 20 has fetch.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const APP = join(ROOT, 'target/debug/transferdesk-app');
export const CLI = join(ROOT, 'target/debug/transferdesk');
export const FIXTURES = join(ROOT, 'tests/fixtures');
const DRIVER_URL = 'http://127.0.0.1:4444';

/** The day the app and the CLI take as today in every test (TRANSFERDESK_TODAY), whatever the
 * machine's clock or time zone says. */
export const TODAY = '2026-11-23';
const FIXED_DAY = { TRANSFERDESK_TODAY: TODAY };
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function call(method, path, body, timeoutMs = 30000) {
  const res = await fetch(DRIVER_URL + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.value ?? json)}`);
  return json.value;
}

/** A fresh, private data folder for one test: the real app-data folder is never touched. */
export function freshHome() {
  return mkdtempSync(join(tmpdir(), 'transferdesk-e2e-'));
}

/** Runs the CLI against a database, failing loudly when it fails. */
export function cli(db, ...args) {
  return execFileSync(CLI, ['--db', db, ...args], { encoding: 'utf8', env: { ...process.env, ...FIXED_DAY } });
}

/** Starts tauri-driver with the app's environment and opens a session on the app's window. */
export async function openApp(env) {
  // Its own process group, so that closing can end WebKitWebDriver and the app with it.
  const driver = spawn('tauri-driver', ['--port', '4444'], {
    env: { ...process.env, ...FIXED_DAY, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  driver.stderr.on('data', (d) => (stderr += d));
  for (let i = 0; ; i++) {
    try {
      await call('GET', '/status', undefined, 1000);
      break;
    } catch (e) {
      if (i > 100) throw new Error(`tauri-driver did not start: ${stderr || e}`);
      await sleep(100);
    }
  }
  // Session creation hangs without a display: bound it.
  const session = await call('POST', '/session', { capabilities: { alwaysMatch: { 'tauri:options': { application: APP } } } }, 60000);
  return new Window(driver, session.sessionId);
}

class Window {
  constructor(driver, id) {
    this.driver = driver;
    this.id = id;
  }

  s(path) {
    return `/session/${this.id}${path}`;
  }

  async find(css, timeoutMs = 15000) {
    return this.findBy('css selector', css, timeoutMs);
  }

  async findText(text, timeoutMs = 15000) {
    return this.findBy('xpath', `//*[normalize-space(.)='${text}' and not(*[normalize-space(.)='${text}'])]`, timeoutMs);
  }

  async findBy(using, value, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const el = await call('POST', this.s('/element'), { using, value });
        return el[ELEMENT];
      } catch (e) {
        if (Date.now() > deadline) throw new Error(`no element ${value} after ${timeoutMs} ms: ${e.message}`);
        await sleep(200);
      }
    }
  }

  async click(css) {
    await this.domClick(await this.find(css));
  }

  // Clicks through the DOM: Element Plus lays hidden inputs over radio labels and fades overlays
  // out, which a native WebDriver click reports as "intercepted".
  async domClick(el) {
    await call('POST', this.s('/execute/sync'), { script: 'arguments[0].click()', args: [{ [ELEMENT]: el }] });
  }

  async clickText(text) {
    await this.domClick(await this.findText(text));
  }

  async type(css, text) {
    const el = await this.find(css);
    await call('POST', this.s(`/element/${el}/clear`), {});
    await call('POST', this.s(`/element/${el}/value`), { text });
  }

  /** Replaces an input's text as a person does (select all, type): a WebDriver clear does not
   * reach Vue's model. */
  async replace(css, text) {
    const el = await this.find(css);
    await call('POST', this.s(`/element/${el}/value`), { text: '\uE009a\uE000' });
    await call('POST', this.s(`/element/${el}/value`), { text });
  }

  /** Types a date into a date field as a person does (select all, type, Enter): a WebDriver
   * clear empties the box behind the model's back, which then puts the old day back. */
  async typeDate(testid, value) {
    const el = await this.find(`[data-testid="${testid}"] input`);
    await call('POST', this.s(`/element/${el}/value`), { text: '\uE009a\uE000' });
    await call('POST', this.s(`/element/${el}/value`), { text: `${value}\uE007` });
  }

  /** Scrolls an element into the middle of the window (for screenshots). */
  async reveal(css) {
    const el = await this.find(css);
    await call('POST', this.s('/execute/sync'), { script: "arguments[0].scrollIntoView({block: 'center'})", args: [{ [ELEMENT]: el }] });
  }

  /** A DOM property of an element, e.g. an input's `value` or a button's `disabled`. */
  async prop(css, name) {
    const el = await this.find(css);
    return call('POST', this.s('/execute/sync'), { script: 'return arguments[0][arguments[1]]', args: [{ [ELEMENT]: el }, name] });
  }

  /** The element's text content (WebKit's rendered text leaves out Element Plus table cells). */
  async text(css) {
    const el = await this.find(css);
    return call('POST', this.s('/execute/sync'), { script: 'return arguments[0].textContent', args: [{ [ELEMENT]: el }] });
  }

  /** Polls the text of an element until it satisfies `ok` (the UI loads asynchronously). */
  async waitText(css, ok, timeoutMs = 15000) {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      try {
        last = await this.text(css);
        if (ok(last)) return last;
      } catch {
        // not rendered yet
      }
      if (Date.now() > deadline) throw new Error(`${css}: text never matched; last was ${JSON.stringify(last)}`);
      await sleep(200);
    }
  }

  /** The webview's current address (the route is in its hash). */
  async url() {
    return call('GET', this.s('/url'));
  }

  async screenshot(file) {
    writeFileSync(file, Buffer.from(await call('GET', this.s('/screenshot')), 'base64'));
  }

  /** Runs `body`; on failure keeps a screenshot in tests/e2e/artifacts/ for the person debugging. */
  async run(name, body) {
    try {
      await body();
    } catch (e) {
      mkdirSync(join(ROOT, 'tests/e2e/artifacts'), { recursive: true });
      await this.screenshot(join(ROOT, 'tests/e2e/artifacts', `${name}.png`)).catch(() => {});
      throw e;
    } finally {
      await this.close();
    }
  }

  /** The app's processes (the app, WebKit's web and network processes), each with the files it
   * maps: what a person's `/proc` shows of the running app. */
  processes() {
    const read = (path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return '';
      }
    };
    const parent = (pid) => {
      const stat = read(`/proc/${pid}/stat`);
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    };
    const parents = new Map(readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map((d) => [Number(d), parent(d)]));
    const below = new Set([this.driver.pid]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const [pid, ppid] of parents) {
        if (!below.has(pid) && below.has(ppid)) {
          below.add(pid);
          grew = true;
        }
      }
    }
    return [...below]
      .map((pid) => ({ pid, name: read(`/proc/${pid}/comm`).trim(), maps: read(`/proc/${pid}/maps`) }))
      .filter((p) => p.name && !['tauri-driver', 'WebKitWebDriver'].includes(p.name));
  }

  async close() {
    try {
      await call('DELETE', this.s(''), undefined, 10000);
    } finally {
      // The whole group: an app left behind would hold the stderr pipe and keep the test alive.
      const exited = new Promise((r) => (this.driver.exitCode !== null ? r() : this.driver.once('exit', r)));
      try {
        process.kill(-this.driver.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await exited;
      this.driver.stderr?.destroy();
    }
  }
}
