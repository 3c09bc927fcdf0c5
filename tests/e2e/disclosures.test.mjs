// A disclosure through the real app on the demo portfolio: intake with its inventor, the
// pre-filing assessment, the decision to keep it as a technical secret, and its conversion into
// an achievement of the portfolio, with the link shown both ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cli, freshHome, openApp } from './driver.mjs';

/** Clicks the open dropdown's option whose text contains `text`. */
async function pickOption(app, text) {
  const xpath = `//li[contains(@class, 'el-select-dropdown__item')][contains(normalize-space(.), '${text}')]`;
  await app.domClick(await app.findBy('xpath', xpath, 15000));
}

test('disclosure → assessment → decision → achievement', async () => {
  const home = freshHome();
  const db = join(home, 'demo.db');
  cli(db, 'demo');
  const app = await openApp({ TRANSFERDESK_DB: db, XDG_DATA_HOME: home, HOME: home });
  await app.run('disclosure-flow', async () => {
    await app.click('[data-testid="nav-disclosures"]');
    await app.click('[data-testid="disclosure-new"]');
    let no = '';
    for (let i = 0; !no && i < 50; i++) {
      no = await app.prop('input[data-testid="dis-no"]', 'value');
      if (!no) await new Promise((r) => setTimeout(r, 100));
    }
    assert.match(no, /^PL\d{4}-\d{3}$/, 'a number is suggested');
    await app.type('input[data-testid="dis-title"]', '一种端到端测试用的工艺配方');
    // A filterable select that may create a new department: typed, Enter takes the first match.
    await app.type('[data-testid="dis-department"] input', '化学化工学院\uE007');
    await app.click('[data-testid="dis-intended"] input');
    await pickOption(app, '技术秘密');
    await app.click('[data-testid="dis-funding-own"]');
    await app.type('textarea[data-testid="dis-description"]', '配方与工艺参数，适合作为技术秘密保护。');
    await app.click('[data-testid="inventor-add"]');
    await app.click('[data-testid="inventor-person-0"] input');
    await app.type('[data-testid="inventor-person-0"] input', 'T0031');
    await pickOption(app, 'T0031');
    // The row starts at 0%: select what is there (Ctrl+A) and type over it.
    await app.type('input[data-testid="inventor-share-0"]', '\uE009a\uE000100');
    // Saving opens the new disclosure's page.
    await app.click('[data-testid="dis-save"]');
    await app.waitText('[data-testid="disclosure-title"]', (t) => t.includes('端到端测试'));

    // The scoring sheet: 80 on every criterion weighs to 80.0.
    await app.click('[data-testid="disclosure-assess"]');
    await app.type('input[data-testid="assessment-reviewer"]', '技术转移中心 王经理');
    // A number input takes its value on Enter.
    for (let i = 0; i < 4; i++) await app.type(`[data-testid="assessment-score-${i}"] input`, '80\uE007');
    await app.waitText('[data-testid="assessment-weighted"]', (t) => t.includes('80.0'));
    await app.click('[data-testid="assessment-recommend-keep_secret"]');
    await app.click('[data-testid="assessment-save"]');
    await app.waitText('[data-testid="disclosure-assessments"]', (t) => t.includes('80.0'));

    await app.click('[data-testid="disclosure-decide"]');
    await app.click('[data-testid="decision-keep_secret"]');
    await app.click('[data-testid="decision-confirm"]');
    await app.waitText('[data-testid="disclosure-decision-value"]', (t) => t.includes('技术秘密'));

    // Conversion: the achievement form arrives filled from the disclosure.
    await app.click('[data-testid="disclosure-convert"]');
    await app.waitText('[data-testid="reg-from-disclosure"]', (t) => t.includes(no));
    await app.type('input[data-testid="reg-achievement-no"]', 'CG-E2E-001');
    await app.click('[data-testid="reg-save"]');
    await app.waitText('[data-testid="achievement-disclosure"]', (t) => t.includes(no));
  });
  const list = JSON.parse(cli(db, '--json', 'disclosures', 'list'));
  const saved = list.disclosures.find((d) => d.title === '一种端到端测试用的工艺配方');
  assert.ok(saved, 'the CLI lists the new disclosure');
  assert.equal(saved.status, 'converted');
});
