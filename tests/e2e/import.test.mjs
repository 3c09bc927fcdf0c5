// Import a workbook through the real app's import screen and find its rows in the portfolio list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cli, freshHome, openApp, FIXTURES } from './driver.mjs';

test('an achievements workbook imported through the UI appears in the list', async () => {
  const home = freshHome();
  const db = join(home, 'office.db');
  cli(db, 'init', '--institution', '东岳农业大学', '--province', '山东省');
  cli(db, 'import', 'people', join(FIXTURES, 'good/people.csv'));
  const app = await openApp({ TRANSFERDESK_DB: db, XDG_DATA_HOME: home, HOME: home });
  await app.run('import-good', async () => {
    await app.waitText('[data-testid="institution"]', (t) => t === '东岳农业大学');
    await app.click('[data-testid="nav-import"]');
    await app.click('[data-testid="import-table-achievements"] input');
    await app.type('input[data-testid="import-path"]', join(FIXTURES, 'good/achievements.xlsx'));

    await app.click('[data-testid="import-dry-run"]');
    const dry = await app.waitText('[data-testid="import-summary"]', (t) => t.includes('4'));
    assert.match(dry, /4/, 'the dry run counts the 4 rows');
    const before = JSON.parse(cli(db, '--json', 'export', 'achievements', join(home, 'before.xlsx')));
    assert.equal(before.rows, 0, 'a dry run writes nothing');

    await app.click('[data-testid="import-run"]');
    await app.click('.el-message-box__btns .el-button--primary');
    await app.waitText('[data-testid="import-summary"]', (t) => t.includes('4') && !t.includes('校验'));
    await app.click('[data-testid="import-view-portfolio"]');
    const table = await app.waitText('[data-testid="achievement-table"]', (t) => t.includes('CG004'));
    for (const no of ['CG001', 'CG002', 'CG003', 'CG004']) assert.ok(table.includes(no), `${no} is listed`);
    assert.ok(table.includes('一种基于深度学习的图像识别方法'), 'titles are shown');
    const after = JSON.parse(cli(db, '--json', 'export', 'achievements', join(home, 'after.xlsx')));
    assert.equal(after.rows, 4, 'the file was written to the database');
  });
});

test('a bad file shows every problem in place and writes nothing', async () => {
  const home = freshHome();
  const db = join(home, 'office.db');
  cli(db, 'init', '--institution', '东岳农业大学', '--province', '山东省');
  cli(db, 'import', 'people', join(FIXTURES, 'good/people.csv'));
  const app = await openApp({ TRANSFERDESK_DB: db, XDG_DATA_HOME: home, HOME: home });
  await app.run('import-bad', async () => {
    await app.click('[data-testid="nav-import"]');
    await app.click('[data-testid="import-table-people"] input');
    await app.type('input[data-testid="import-path"]', join(FIXTURES, 'bad/duplicate_keys.csv'));
    await app.click('[data-testid="import-run"]');
    await app.click('.el-message-box__btns .el-button--primary');
    const errors = await app.waitText('[data-testid="import-failure"]', (t) => t.includes('T101'));
    assert.ok(errors.includes('工号') && errors.includes('数据库中已存在'), `the errors table names column and problem: ${errors}`);
    const people = JSON.parse(cli(db, '--json', 'export', 'people', join(home, 'p.xlsx')));
    assert.equal(people.rows, 5, 'nothing was written');
  });
});
