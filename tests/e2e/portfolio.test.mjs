// First start creates the demo portfolio in the default data file; the list pages through it and
// a row opens the achievement's detail page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freshHome, openApp } from './driver.mjs';

test('first start shows the demo portfolio and an achievement detail', async () => {
  const home = freshHome();
  const env = { XDG_DATA_HOME: join(home, 'data'), HOME: home, TRANSFERDESK_DB: '' };
  const app = await openApp(env);
  await app.run('portfolio', async () => {
    assert.equal(await app.waitText('[data-testid="app-name"]', (t) => t.length > 0), '成果转化工作台');
    await app.waitText('[data-testid="institution"]', (t) => t === '西川理工大学');
    // The start screen is the dashboard; the portfolio is one click away.
    await app.find('[data-testid="dashboard"]');
    await app.click('[data-testid="nav-achievements"]');
    const pager = await app.waitText('[data-testid="portfolio-pagination"]', (t) => t.includes('300'));
    assert.match(pager, /共 300 条/, 'the small demo holds 300 achievements');
    assert.ok(existsSync(join(home, 'data/transferdesk/transferdesk.db')), 'the default data file was created');
    // `SCREENSHOTS=docs node --test tests/e2e/portfolio.test.mjs` refreshes the README's pictures.
    if (process.env.SCREENSHOTS) await app.screenshot(join(process.env.SCREENSHOTS, 'screenshot-portfolio.png'));

    await app.type('input[data-testid="portfolio-search"]', 'CG20120004');
    await app.waitText('[data-testid="portfolio-pagination"]', (t) => /共 1 条/.test(t));
    await app.clickText('CG20120004');
    const title = await app.waitText('[data-testid="achievement-title"]', (t) => t.length > 0);
    assert.ok(title.length > 4, `the detail page shows the title: ${title}`);
    const inventors = await app.text('[data-testid="inventors"]');
    assert.match(inventors, /T00\d\d/, 'inventors are listed with employee IDs');
    assert.match(inventors, /%/, 'with their shares');
    if (process.env.SCREENSHOTS) await app.screenshot(join(process.env.SCREENSHOTS, 'screenshot-detail.png'));
  });
});
