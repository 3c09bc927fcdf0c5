// The annual report screen of the real app on the demo portfolio: its figures are the CLI's, a
// figure opens the records behind it, and the narrative written in the app reaches the PDF.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { cli, freshHome, openApp } from './driver.mjs';

test('the annual report shows the CLI figures, opens their records and keeps the narrative', async () => {
  const home = freshHome();
  const db = join(home, 'demo.db');
  cli(db, 'demo');
  // The demo filed 2025, frozen since; 2024 is still being written.
  const indicators = JSON.parse(cli(db, '--json', 'report', 'annual', '--year', '2024'));
  const narrative = '本年度成果转化工作由技术转移中心统一组织（端到端测试）。';

  const app = await openApp({ TRANSFERDESK_DB: db, XDG_DATA_HOME: home, HOME: home });
  await app.run('annual', async () => {
    await app.click('[data-testid="nav-annual"]');
    // Today is 2026-11-23 (the driver fixes it): pick 2024.
    await app.click('[data-testid="annual-year"]');
    await app.click('[data-testid="annual-year-2024"]');
    const count = String(indicators.transformation.total.count);
    await app.waitText('[data-testid="figure-transformation.total.count"]', (t) => t.trim() === count);
    await app.waitText('[data-testid="figure-achievements.granted.total"]', (t) => t.trim() === String(indicators.achievements.granted.total));

    await app.click('[data-testid="figure-income.received_fen"]');
    await app.waitText('[data-testid="records-drawer"]', (t) => /PZ2024\d+/.test(t));

    await app.type('[data-testid="annual-narrative-0"] textarea, textarea[data-testid="annual-narrative-0"]', narrative);
    await app.click('[data-testid="annual-save"]');
    await app.waitText('.el-message', (t) => t.length > 0);
  });

  const out = join(home, 'out');
  cli(db, 'report', 'annual', '--year', '2024', '--out', out);
  const text = execFileSync('pdftotext', [join(out, '2024年度科技成果转化年度报告.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  assert.ok(text.includes(narrative), 'the narrative saved in the app is printed in the report');
});
