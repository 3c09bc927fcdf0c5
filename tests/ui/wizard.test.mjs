// The import wizard over the fake backend: an office's patent list (序号/专利名称/专利号/
// 发明人(贡献比例)/申请日期/类型 below a title row) mapped, previewed, imported as a job.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { cells, start, total } from './harness.mjs'

let app
before(async () => {
  app = await start()
})
after(() => app.stop())

async function openWizard(path) {
  const opened = await app.open('#/import')
  const { page } = opened
  // Reached from the standard import screen's link.
  await page.getByTestId('import-wizard-link').click()
  await page.getByTestId('wizard-path').fill(path)
  await page.getByTestId('wizard-open').click()
  await page.getByTestId('wizard-sample').waitFor()
  return opened
}

async function mapFixed(page) {
  await page.getByTestId('wizard-next-mapping').click()
  await page.getByTestId('wizard-mapping').waitFor()
  await page.getByTestId('wizard-fixed-status').fill('申请中')
  await page.getByTestId('wizard-fixed-department').fill('计算机学院')
}

test('the mapping is suggested from the headers and required fields are flagged', async () => {
  const { page, problems } = await openWizard('/home/office/导入/2024专利清单.xlsx')
  assert.match(await page.getByTestId('wizard-sheet-info').innerText(), /表头在第 2 行，共 4 行数据/)
  assert.match(await page.getByTestId('wizard-sheet').innerText(), /专利清单/, 'the notes sheet is skipped')
  await page.getByTestId('wizard-next-mapping').click()
  const mapping = page.getByTestId('wizard-mapping')
  await mapping.waitFor()
  for (const [field, column] of [
    ['achievement_no', '专利号'],
    ['title', '专利名称'],
    ['application_no', '专利号'],
    ['inventors', '发明人(贡献比例)'],
    ['filed_on', '申请日期'],
    ['kind', '类型'],
  ]) {
    assert.match(await page.getByTestId(`wizard-column-${field}`).innerText(), new RegExp(column.replace(/[()]/g, '\\$&')), field)
    await page.getByTestId(`wizard-suggested-${field}`).waitFor()
  }
  assert.match(await page.getByTestId('wizard-conversion-inventors').innerText(), /姓名及份额/)
  assert.match(await page.getByTestId('wizard-conversion-filed_on').innerText(), /中文日期/)
  // 法律状态 and 所属单位 have no column: the preview waits for them.
  assert.match(await page.getByTestId('wizard-unfed').innerText(), /法律状态、所属单位/)
  assert.ok(await page.getByTestId('wizard-preview').isDisabled())
  await page.getByTestId('wizard-fixed-status').fill('申请中')
  await page.getByTestId('wizard-fixed-department').fill('计算机学院')
  assert.equal(await page.getByTestId('wizard-unfed').count(), 0)
  assert.ok(await page.getByTestId('wizard-preview').isEnabled())
  assert.deepEqual(problems, [])
})

test('a bad workbook shows every problem in place and cannot be imported', async () => {
  const { page, problems } = await openWizard('/home/office/导入/bad-专利.xlsx')
  await mapFixed(page)
  await page.getByTestId('wizard-preview').click()
  await page.getByTestId('wizard-preview-table').waitFor()
  assert.match(await page.getByTestId('wizard-preview-summary').innerText(), /共 3 行数据，发现 3 处问题，未写入任何数据/)
  const list = await cells(page, 'wizard-problems')
  assert.deepEqual(list.map((r) => r.slice(0, 4)), [
    ['3', 'D3', '发明人(贡献比例)', '完成人'],
    ['4', 'E4', '申请日期', '申请日'],
    ['5', 'D5', '发明人(贡献比例)', '完成人'],
  ])
  assert.equal(list[0][4], '周八')
  assert.match(list[2][5], /须写明各自份额/)
  // Each problem's cell is marked in the preview.
  assert.equal(await page.locator('[data-testid="wizard-preview-table"] .el-table__body .bad-cell').count(), 3)
  // Clicking a problem selects its row.
  await page.getByTestId('wizard-problems').locator('.el-table__body tr').nth(1).click()
  const selected = page.locator('[data-testid="wizard-preview-table"] .el-table__body tr.selected-row')
  await selected.waitFor()
  assert.match(await selected.first().innerText(), /^4/)
  assert.ok(await page.getByTestId('wizard-import').isDisabled(), 'nothing to import while problems remain')
  assert.deepEqual(problems, [])
})

test('a clean workbook is imported as a job, listed, and its mapping is offered next time', async () => {
  const { page, problems } = await openWizard('/home/office/导入/2024专利清单.xlsx')
  await mapFixed(page)
  await page.getByTestId('wizard-preview').click()
  await page.getByTestId('wizard-preview-table').waitFor()
  assert.match(await page.getByTestId('wizard-preview-summary').innerText(), /共 4 行数据，全部通过校验/)
  const rows = await cells(page, 'wizard-preview-table')
  // Row 3: 2024年3月5日 → 2024-03-05; row 6: Excel day 45474 → 2024-07-01.
  assert.equal(rows[0][0], '3')
  assert.ok(rows[0].includes('2024-03-05') && rows[3].includes('2024-07-01'), JSON.stringify(rows))
  assert.ok(rows[0].some((c) => /^\w+:60; \w+:40$/.test(c)), 'names and shares became ID:share')

  await page.getByTestId('wizard-import').click()
  // The job's bar shows its step and counts while it runs.
  await page.getByTestId('wizard-progress-step').waitFor()
  await page.getByTestId('wizard-summary').waitFor()
  assert.match(await page.getByTestId('wizard-summary').innerText(), /共 4 行数据，新增 4 条/)
  assert.match(await page.getByTestId('wizard-result').innerText(), /已自动保存/)

  await page.getByTestId('wizard-view-portfolio').click()
  await page.locator('[data-testid="achievement-table"] .el-table-v2__row').first().waitFor()
  assert.equal(await total(page), 304)

  // The same headers again: the saved mapping is applied, fixed values included.
  await page.getByTestId('nav-wizard').click()
  await page.getByTestId('wizard-path').fill('/home/office/导入/2025专利清单.xlsx')
  await page.getByTestId('wizard-open').click()
  await page.getByTestId('wizard-next-mapping').click()
  await page.getByTestId('wizard-saved-applied').waitFor()
  assert.equal(await page.getByTestId('wizard-fixed-department').inputValue(), '计算机学院')
  assert.deepEqual(problems, [])
})

test('an import can be cancelled and writes nothing', async () => {
  const { page, problems } = await openWizard('/home/office/导入/2024专利清单.xlsx')
  await mapFixed(page)
  await page.getByTestId('wizard-preview').click()
  await page.getByTestId('wizard-preview-table').waitFor()
  await page.getByTestId('wizard-import').click()
  await page.getByTestId('wizard-progress-cancel').click()
  await page.getByTestId('wizard-import-failed').waitFor()
  assert.match(await page.getByTestId('wizard-import-failed').innerText(), /已取消/)
  await page.getByTestId('nav-achievements').click()
  await page.locator('[data-testid="achievement-table"] .el-table-v2__row').first().waitFor()
  assert.equal(await total(page), 300)
  assert.deepEqual(problems, [])
})

test('the standard import runs as a job with a progress bar', async () => {
  const { page, problems } = await app.open('#/import')
  await page.getByTestId('import-path').fill('/data/成果.xlsx')
  await page.getByTestId('import-dry-run').click()
  await page.getByTestId('import-progress-step').waitFor()
  await page.getByTestId('import-result').waitFor()
  assert.match(await page.getByTestId('import-summary').innerText(), /本次未写入/)
  assert.deepEqual(problems, [])
})
