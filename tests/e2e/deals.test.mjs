// Deals through the real app on the demo portfolio: an agreed price is publicized, a finished
// publicity becomes a signed contract, a receipt is recorded, and the CLI writes the contract's
// evidence bundle from the same file. (The signing gate's refusals are tested in core.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TODAY, cli, freshHome, openApp } from './driver.mjs';

// Of the seed-1 demo: an achievement in force and a counterparty on file.
const ACHIEVEMENT = 'CG20120004';
const COUNTERPARTY = '上海恒泰精密机械有限公司';

/** Clicks the open dropdown's option whose text starts with `text`. */
async function pickOption(app, text) {
  const xpath = `//li[contains(@class, 'el-select-dropdown__item')][.//span[normalize-space(.)='${text}']]`;
  await app.domClick(await app.findBy('xpath', xpath, 15000));
}

const nextDayOf = (day) => new Date(Date.parse(`${day}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);

test('a publicity made in the app, and a finished one signed into a contract that receives money', async () => {
  const home = freshHome();
  const db = join(home, 'demo.db');
  cli(db, 'demo');

  const app = await openApp({ TRANSFERDESK_DB: db, XDG_DATA_HOME: home, HOME: home });
  const today = TODAY;
  await app.run('deals-flow', async () => {
    // A new publicity posted today runs 15 days: no contract may be signed under it yet.
    await app.click('[data-testid="nav-publicity"]');
    await app.click('[data-testid="publicity-new"]');
    await app.type('input[data-testid="publicity-form-title"]', '端到端测试 专利权转让定价公示');
    await app.click('[data-testid="publicity-form-achievements"] input');
    await pickOption(app, ACHIEVEMENT);
    await app.click('[data-testid="publicity-form-kind-transfer"]');
    await app.type('input[data-testid="publicity-form-price"]', '360000');
    await app.click('[data-testid="publicity-form-counterparty"] [data-testid="organization-picker"] input');
    await pickOption(app, COUNTERPARTY);
    await app.type('input[data-testid="publicity-form-channel"]', '学校官网');
    await app.waitText('[data-testid="publicity-form-end"]', (t) => t.includes(nextDayOf(today)));
    await app.click('[data-testid="publicity-form-save"]');
    const table = await app.waitText('[data-testid="publicity-table"]', (t) => t.includes('端到端测试'));
    assert.ok(table.includes('¥360,000.00') && table.includes('公示中'), 'listed as running');

    // The demo's deal whose period ended: 签订合同 opens the contract form with its terms.
    await app.click('[data-testid^="publicity-sign-"]');
    await app.type('input[data-testid="contract-no"]', 'HT2026-E2E');
    await app.waitText('[data-testid="contract-earliest"]', (t) => /\d{4}-\d{2}-\d{2}/.test(t));
    await app.click('[data-testid="contract-save"]');
    const facts = await app.waitText('[data-testid="contract-facts"]', (t) => t.includes('协议定价'));
    assert.ok(facts.includes(today), 'signed today');

    await app.click('[data-testid="contract-add-receipt"]');
    await app.type('input[data-testid="money-amount"]', '120,000');
    await app.type('input[data-testid="money-reference"]', 'E2E-0001');
    await app.click('[data-testid="money-save"]');
    await app.waitText('[data-testid="contract-received"]', (t) => t.includes('¥120,000.00'));
  });

  const pdf = join(home, 'evidence.pdf');
  const written = JSON.parse(cli(db, '--json', 'evidence', '--contract', 'HT2026-E2E', pdf));
  assert.equal(written.contract_no, 'HT2026-E2E');
  assert.ok(existsSync(pdf), 'the evidence bundle was written');
  const check = JSON.parse(cli(db, '--json', 'check', '--year', today.slice(0, 4)));
  const flagged = check.findings.filter((f) => f.code === 'contract_without_publicity');
  assert.ok(!flagged.some((f) => f.records.some((r) => r.key === 'HT2026-E2E')), 'the new contract went through its publicity');
});
