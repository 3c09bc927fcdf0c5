// The start screen of the real app on the demo portfolio: its deadlines are the CLI's, a deadline
// opens its filtered list, the search box finds a patent by its number typed loosely, and the
// institution profile saved in settings renames the header.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cli, freshHome, openApp } from './driver.mjs';

test('dashboard deadlines match the CLI and open their lists; search opens a patent', async () => {
  const home = freshHome();
  const db = join(home, 'demo.db');
  cli(db, 'demo');
  // The same day for both (TRANSFERDESK_TODAY, set by the driver for the CLI and the app).
  const fees = JSON.parse(cli(db, '--json', 'fees', 'due', '--within', '90')).fees;
  const due90 = fees.filter((f) => f.status === 'due').length;
  const grace = fees.filter((f) => f.status === 'grace').length;
  assert.ok(grace > 0, 'the demo keeps some fees a year behind');
  const patent = JSON.parse(cli(db, '--json', 'fees', 'due', '--within', '366')).fees[0];

  const app = await openApp({ TRANSFERDESK_DB: db, XDG_DATA_HOME: home, HOME: home });
  await app.run('dashboard', async () => {
    await app.find('[data-testid="dashboard"]');
    if (due90 > 0) await app.waitText('[data-testid="deadline-fees_due90"]', (t) => new RegExp(`年费\\s*${due90}\\b`).test(t));
    const shown = await app.waitText('[data-testid="deadline-fees_in_grace"]', (t) => new RegExp(`宽限期内）的年费\\s*${grace}\\b`).test(t));
    assert.match(shown, /¥[\d,]+\.\d\d/, 'with the amount at stake');
    if (process.env.SCREENSHOTS) await app.screenshot(join(process.env.SCREENSHOTS, 'screenshot-dashboard.png'));

    // What the app keeps out of memory (docs/performance.md): no OpenGL driver (and its libLLVM)
    // in the app process, and no bold CJK face in the web process although the screen has bold
    // text — the regular face is emboldened.
    const procs = app.processes();
    const [own] = procs.filter((p) => p.name === 'transferdesk-ap');
    const [web] = procs.filter((p) => p.name === 'WebKitWebProces');
    assert.ok(own && web, `the app and its web process: ${procs.map((p) => p.name)}`);
    for (const lib of ['libLLVM', '_dri.so', 'libEGL_mesa']) assert.ok(!own.maps.includes(lib), `the app process maps ${lib}`);
    assert.ok(web.maps.includes('NotoSansCJK-Regular'), 'the web process draws with Noto Sans CJK');
    assert.ok(!web.maps.includes('NotoSansCJK-Bold'), 'the web process maps the bold CJK face');

    await app.click('[data-testid="deadline-fees_in_grace-list"]');
    await app.find('[data-testid="fees-table"] .el-table__row');
    const url = await app.url();
    assert.match(url, /#\/fees\?tab=grace/);

    // The patent's application number typed with spaces and without its dot.
    await app.click('[data-testid="search-open"]');
    const loose = patent.application_no.replace('.', '').replace(/^(\d{4})(\d{4})/, '$1 $2 ');
    await app.type('input[data-testid="search-input"]', loose);
    await app.waitText('[data-testid="search-group-achievement"]', (t) => t.length > 0);
    await app.click('[data-testid="search-hit"]');
    const title = await app.waitText('[data-testid="achievement-title"]', (t) => t.length > 0);
    assert.ok(title.length > 4, `the patent opens: ${title}`);
    assert.match(await app.text('body'), new RegExp(patent.achievement_no));

    // Who is at the desk: nobody said yet, so the computer account stands in (never "unknown");
    // once 王芳 says it is her, her name stamps the changes that follow and is remembered.
    assert.match(await app.text('[data-testid="operator"]'), /操作人：未设置/);
    await app.click('[data-testid="operator"]');
    await app.waitText('[data-testid="operator-now"]', (t) => /操作日志记为：app:\S+/.test(t) && !t.includes('unknown'));
    await app.type('input[data-testid="operator-name"]', '王芳');
    await app.click('[data-testid="operator-save"]');
    await app.waitText('[data-testid="operator"]', (t) => t.includes('操作人：王芳'));
    assert.equal(readFileSync(`${db}.operator`, 'utf8'), '王芳');

    // Settings → 单位信息: a new name reaches the header at once.
    await app.click('[data-testid="nav-settings"]');
    await app.clickText('单位信息');
    await app.replace('input[data-testid="profile-name"]', '西川理工大学（端到端）');
    await app.click('[data-testid="profile-save"]');
    await app.waitText('[data-testid="institution"]', (t) => t === '西川理工大学（端到端）');
    const last = execFileSync('sqlite3', [db, "SELECT actor || ' ' || entity FROM audit_log ORDER BY id DESC LIMIT 1"], { encoding: 'utf8' }).trim();
    assert.equal(last, 'app:王芳 institution', 'the change is stamped with the operator');
  });
  const profile = cli(db, '--json', 'report', 'annual', '--year', '2025');
  assert.match(profile, /西川理工大学（端到端）/, 'the report is made out to the renamed institution');
});
