// The import wizard in the real app: an office's own patent list (序号/专利名称/专利号/
// 发明人(贡献比例)/申请日期/类型, Chinese dates, names with shares) mapped and imported, then found
// in the portfolio list. The file's path is typed, as in import.test.mjs (the native dialog
// cannot be driven).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cli, freshHome, openApp, FIXTURES } from './driver.mjs';

test("an office's own workbook is mapped, previewed and imported", async () => {
  const home = freshHome();
  const db = join(home, 'office.db');
  cli(db, 'init', '--institution', '东岳农业大学', '--province', '山东省');
  cli(db, 'import', 'people', join(FIXTURES, 'good/people.csv'));
  const app = await openApp({ TRANSFERDESK_DB: db, XDG_DATA_HOME: home, HOME: home });
  await app.run('wizard', async () => {
    await app.waitText('[data-testid="institution"]', (t) => t === '东岳农业大学');
    await app.click('[data-testid="nav-wizard"]');
    await app.type('input[data-testid="wizard-path"]', join(FIXTURES, 'own/patents.xlsx'));
    await app.click('[data-testid="wizard-open"]');
    const info = await app.waitText('[data-testid="wizard-sheet-info"]', (t) => t.includes('4'));
    assert.match(info, /第 2 行.*4 行/, 'the notes sheet and the title row are skipped');

    await app.click('[data-testid="wizard-next-mapping"]');
    // The suggestion maps 专利号, 专利名称, 发明人(贡献比例), 申请日期 and 类型; the sheet has no
    // status or department: they are fixed for the whole sheet.
    await app.type('input[data-testid="wizard-fixed-status"]', '申请中');
    await app.type('input[data-testid="wizard-fixed-department"]', '计算机学院');
    await app.click('[data-testid="wizard-preview"]');
    await app.waitText('[data-testid="wizard-preview-summary"]', (t) => t.includes('全部通过校验'));
    const preview = await app.text('[data-testid="wizard-preview-table"]');
    assert.ok(preview.includes('T001:60; T002:40'), `names became ID:share: ${preview}`);
    assert.ok(preview.includes('2024-07-01'), 'the Excel serial day became a date');
    const before = JSON.parse(cli(db, '--json', 'export', 'achievements', join(home, 'before.xlsx')));
    assert.equal(before.rows, 0, 'a preview writes nothing');

    await app.click('[data-testid="wizard-import"]');
    await app.waitText('[data-testid="wizard-summary"]', (t) => t.includes('新增 4 条'));
    await app.click('[data-testid="wizard-view-portfolio"]');
    const table = await app.waitText('[data-testid="achievement-table"]', (t) => t.includes('智能温室控制终端'));
    for (const title of ['基于联邦学习的医疗影像分割方法', '一种可折叠无人机机臂', '一种高熵合金涂层及其制备方法']) {
      assert.ok(table.includes(title), `${title} is listed`);
    }
    const after = JSON.parse(cli(db, '--json', 'export', 'achievements', join(home, 'after.xlsx')));
    assert.equal(after.rows, 4, 'the rows were written');
  });
});
