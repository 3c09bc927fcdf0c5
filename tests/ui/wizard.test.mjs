// The import wizard on the small Rust demo portfolio (300 achievements): an office's patent list
// (序号/专利名称/专利号/发明人(贡献比例)/申请日期/类型 below a title row, after a notes sheet) mapped,
// previewed, imported as a job. The workbooks are tests/fixtures/ui/*.xlsx (made by make_ui.py);
// they name 谢艳 T0001, 梁超 T0002 and 黄杰 T0003, whose names nobody else in the demo has. Files
// are chosen in the browser's file chooser and uploaded.
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, test } from 'node:test'
import { cells, chooseFile, cli, refusals, refusedLine, start, total } from './harness.mjs'

const FIXTURES = fileURLToPath(new URL('../fixtures/ui/', import.meta.url))

/** The check digit of a 12-digit patent application number (weights 2–9, 2–5; mod 11, 10 = X). */
function checkDigit(body) {
  const weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
  const sum = [...body].reduce((s, c, i) => s + Number(c) * weights[i], 0) % 11
  return sum === 10 ? 'X' : String(sum)
}

// Large files, written for this run: a job over a few thousand rows runs long enough (a second
// or more) to be seen and cancelled while it runs. Application numbers 20268…/20269… are not the
// demo's (its are 20xx10… and 20xx20…/30…).
const BIG = 4000
const STANDARD_BIG = 2000
let app
let scratch
let bigWizard
let bigStandard
before(async () => {
  app = await start()
  scratch = mkdtempSync(join(tmpdir(), 'transferdesk-wizard-'))
  bigWizard = join(scratch, '专利清单-全部.csv')
  const own = ['序号,专利名称,专利号,发明人(贡献比例),申请日期,类型']
  for (let i = 1; i <= BIG; i++) {
    const body = `20268${String(i).padStart(7, '0')}`
    own.push(`${i},一种测试专利${i},${body}.${checkDigit(body)},谢艳(60%)、梁超（40）,2024年3月5日,发明`)
  }
  writeFileSync(bigWizard, own.join('\r\n') + '\r\n')
  bigStandard = join(scratch, '成果-全部.csv')
  const standard = ['成果编号,成果名称,成果类型,申请号,申请日,授权号,授权日,法律状态,所属单位,财政资助项目,年费已缴至,完成人']
  for (let i = 1; i <= STANDARD_BIG; i++) {
    // Invention numbers (type digit 1), serials from 9,000,001: none of the demo's or the other file's.
    const body = `202619${String(i).padStart(6, '0')}`
    standard.push(`BIG-${String(i).padStart(5, '0')},一种测试成果${i},发明专利,${body}.${checkDigit(body)},2024-03-05,,,申请中,计算机学院,,,T0001`)
  }
  writeFileSync(bigStandard, standard.join('\r\n') + '\r\n')
})
after(async () => {
  await app.stop()
  rmSync(scratch, { recursive: true, force: true })
})

/** Chooses `file` in the wizard's first step and reads it. */
async function chooseAndRead(page, file) {
  await chooseFile(page, file, () => page.getByTestId('wizard-pick').click())
  const name = file.slice(file.lastIndexOf('/') + 1)
  // In a browser the field shows the uploaded file's name, read-only.
  await page.waitForFunction((n) => document.querySelector('input[data-testid="wizard-path"]')?.value === n, name)
  assert.equal(await page.getByTestId('wizard-path').isEditable(), false)
  await page.getByTestId('wizard-open').click()
  await page.getByTestId('wizard-sample').waitFor()
}

async function openWizard(file) {
  const opened = await app.open('#/import')
  const { page } = opened
  // Reached from the standard import screen's link.
  await page.getByTestId('import-wizard-link').click()
  await chooseAndRead(page, file)
  return opened
}

/** The text of a job's step once it counts over `total` rows (read at once: the bar goes when the job ends). */
async function stepWithCounts(page, testid, total) {
  const text = await page.waitForFunction(
    ([id, n]) => {
      const step = document.querySelector(`[data-testid="${id}"]`)?.textContent.trim()
      return step?.endsWith(`/${n}）`) ? step : null
    },
    [testid, total],
    { polling: 'raf' },
  )
  return text.jsonValue()
}

async function mapFixed(page) {
  await page.getByTestId('wizard-next-mapping').click()
  await page.getByTestId('wizard-mapping').waitFor()
  await page.getByTestId('wizard-fixed-status').fill('申请中')
  await page.getByTestId('wizard-fixed-department').fill('计算机学院')
}

test('the mapping is suggested from the headers and required fields are flagged', async () => {
  const { page, problems } = await openWizard(join(FIXTURES, '2024专利清单.xlsx'))
  // The title row is row 1, the headers row 2, four patents below.
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
  const { page, problems } = await openWizard(join(FIXTURES, 'bad-专利.xlsx'))
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
  // Row 3: 谢艳 is T0001, but nobody in the demo is called 周八.
  assert.equal(list[0][4], '周八')
  assert.match(list[0][5], /没有此姓名的人员/)
  // Row 4: February 2024 has 29 days.
  assert.equal(list[1][4], '2024.2.30')
  assert.equal(list[1][5], '日历中没有这一天')
  // Row 5: two names, no shares.
  assert.equal(list[2][4], '谢艳、梁超')
  assert.match(list[2][5], /须写明各自份额/)
  // Each problem's cell is marked in the preview.
  assert.equal(await page.locator('[data-testid="wizard-preview-table"] .el-table__body .bad-cell').count(), 3)
  // Clicking a problem selects its row.
  await page.getByTestId('wizard-problems').locator('.el-table__body tr').nth(1).click()
  const selected = page.locator('[data-testid="wizard-preview-table"] .el-table__body tr.selected-row')
  await selected.waitFor()
  assert.match(await selected.first().innerText(), /^4/)
  // The red cell itself is brought into view, even when its column is far right: 完成人 of row 3.
  await page.getByTestId('wizard-problems').locator('.el-table__body tr').nth(0).click()
  const red = page.locator('[data-testid="wizard-preview-table"] tr.selected-row .bad-cell-inventors')
  await red.waitFor()
  await page.waitForTimeout(300)
  const cell = await red.boundingBox()
  const view = await page.locator('[data-testid="wizard-preview-table"] .el-table__body-wrapper').boundingBox()
  assert.ok(cell && view && cell.x >= view.x - 1 && cell.x + cell.width <= view.x + view.width + 1, `the red cell is in view: ${JSON.stringify({ cell, view })}`)
  assert.ok(await page.getByTestId('wizard-import').isDisabled(), 'nothing to import while problems remain')
  assert.deepEqual(problems, [])
})

test('a clean workbook is imported as a job, listed, and its mapping is offered next time', async () => {
  const { page, problems } = await openWizard(join(FIXTURES, '2024专利清单.xlsx'))
  await mapFixed(page)
  await page.getByTestId('wizard-preview').click()
  await page.getByTestId('wizard-preview-table').waitFor()
  assert.match(await page.getByTestId('wizard-preview-summary').innerText(), /共 4 行数据，全部通过校验/)
  const rows = await cells(page, 'wizard-preview-table')
  // Row 3: 2024年3月5日 → 2024-03-05; row 6: Excel day 45474 counted from 1899-12-30 → 2024-07-01
  // (45292 is 2024-01-01, and January–June 2024 have 31+29+31+30+31+30 = 182 days).
  assert.equal(rows[0][0], '3')
  assert.ok(rows[0].includes('2024-03-05') && rows[3].includes('2024-07-01'), JSON.stringify(rows))
  // 谢艳(60%)、梁超（40） became employee ID:share.
  assert.ok(rows[0].includes('T0001:60; T0002:40'), 'names and shares became ID:share')

  await page.getByTestId('wizard-import').click()
  // (The job's bar, with its step and counts, is seen in the cancel test: four rows are written
  // faster than a page can look.)
  await page.getByTestId('wizard-summary').waitFor()
  assert.match(await page.getByTestId('wizard-summary').innerText(), /共 4 行数据，新增 4 条/)
  assert.match(await page.getByTestId('wizard-result').innerText(), /已自动保存/)

  await page.getByTestId('wizard-view-portfolio').click()
  await page.locator('[data-testid="achievement-table"] .el-table-v2__row').first().waitFor()
  // 300 + 4.
  assert.equal(await total(page), 304)

  // The same headers again: the saved mapping is applied, fixed values included.
  await page.getByTestId('nav-wizard').click()
  await chooseAndRead(page, join(FIXTURES, '2025专利清单.xlsx'))
  await page.getByTestId('wizard-next-mapping').click()
  await page.getByTestId('wizard-saved-applied').waitFor()
  assert.equal(await page.getByTestId('wizard-fixed-department').inputValue(), '计算机学院')
  assert.equal(await page.getByTestId('wizard-fixed-status').inputValue(), '申请中')
  assert.deepEqual(problems, [])
})

test('an import can be cancelled and writes nothing', async () => {
  const { page, problems } = await openWizard(bigWizard)
  // A CSV: headers on row 1.
  assert.match(await page.getByTestId('wizard-sheet-info').innerText(), new RegExp(`表头在第 1 行，共 ${BIG} 行数据`))
  await mapFixed(page)
  await page.getByTestId('wizard-preview').click()
  await page.getByTestId('wizard-preview-table').waitFor({ timeout: 120_000 })
  assert.match(await page.getByTestId('wizard-preview-summary').innerText(), new RegExp(`共 ${BIG} 行数据，全部通过校验`))
  await page.getByTestId('wizard-import').click()
  // The job's bar shows its step and counts while it runs. Once the server has told a step over
  // the 4,000 rows, the job is under way on the server and a cancel reaches it.
  const shown = await stepWithCounts(page, 'wizard-progress-step', '4,000')
  await page.getByTestId('wizard-progress-cancel').click()
  assert.match(shown, /^(转换|逐行校验|写入|更新搜索索引)（[\d,]+\/4,000）$/)
  await page.getByTestId('wizard-import-failed').waitFor({ timeout: 120_000 })
  assert.match(await page.getByTestId('wizard-import-failed').innerText(), /已取消/)
  assert.equal(await page.getByTestId('wizard-summary').count(), 0)
  await page.getByTestId('nav-achievements').click()
  await page.locator('[data-testid="achievement-table"] .el-table-v2__row').first().waitFor()
  // Still the demo's 300.
  assert.equal(await total(page), 300)
  // The cancelled import's answer.
  assert.deepEqual(problems, refusals(1))
})

test('the standard import runs as a job with a progress bar', async () => {
  const { page, problems } = await app.open('#/import')
  await chooseFile(page, bigStandard, () => page.getByTestId('import-pick').click())
  await page.waitForFunction(() => document.querySelector('input[data-testid="import-path"]')?.value === '成果-全部.csv')
  await page.getByTestId('import-dry-run').click()
  // The bar shows the step and the counts over the file's 2,000 rows while the check runs.
  assert.match(await stepWithCounts(page, 'import-progress-step', '2,000'), /^(逐行校验|写入|更新搜索索引)（[\d,]+\/2,000）$/)
  await page.getByTestId('import-result').waitFor({ timeout: 120_000 })
  await page.getByTestId('import-progress').waitFor({ state: 'detached' })
  assert.match(await page.getByTestId('import-summary').innerText(), new RegExp(`共 ${STANDARD_BIG} 行数据，导入后将新增 ${STANDARD_BIG} 条（本次未写入）`))
  assert.deepEqual(problems, [])
})

// 共有人 under an office's own header: 共同权利人 is suggested for it, a bad cell is shown at its
// place in the source, and a clean one lands as co-owner rows the export writes back. The
// organizations are the demo's own (read from its export: their names are generated).
test('co-owners under 共同权利人 are mapped, checked in place and imported', async () => {
  const opened = await app.open('#/import')
  const { page, problems, server } = opened
  const organizations = join(server.dir, '单位.csv')
  cli(server.db, 'export', 'organizations', organizations)
  const [first, second] = readFileSync(organizations, 'utf8').split(/\r?\n/).slice(1, 3).map((line) => line.split(',')[0])
  const header = '序号,专利名称,专利号,发明人(贡献比例),申请日期,类型,共同权利人'
  // Application numbers 20267… are neither the demo's nor the other tests' (20268…, 20269…).
  const bad = join(scratch, '共有专利-坏.csv')
  writeFileSync(bad, `${header}\n1,共有专利一,202670000001.${checkDigit('202670000001')},谢艳,2024-03-05,发明,${first}:否\n2,共有专利二,202670000002.${checkDigit('202670000002')},谢艳,2024-03-05,发明,${first}:也许\n`)
  await page.getByTestId('import-wizard-link').click()
  await chooseAndRead(page, bad)
  await mapFixed(page)
  assert.match(await page.getByTestId('wizard-column-co_owners').innerText(), /共同权利人/)
  await page.getByTestId('wizard-suggested-co_owners').waitFor()
  await page.getByTestId('wizard-preview').click()
  await page.getByTestId('wizard-preview-table').waitFor()
  assert.match(await page.getByTestId('wizard-preview-summary').innerText(), /共 2 行数据，发现 1 处问题，未写入任何数据/)
  const list = await cells(page, 'wizard-problems')
  assert.deepEqual(list.map((r) => r.slice(0, 5)), [['3', 'G3', '共同权利人', '共有人', `${first}:也许`]])
  assert.match(list[0][5], /是 \/ 否/)
  assert.ok(await page.getByTestId('wizard-import').isDisabled())

  const good = join(scratch, '共有专利.csv')
  writeFileSync(good, `${header}\n1,共有专利一,202670000001.${checkDigit('202670000001')},谢艳,2024-03-05,发明,${first}:否；${second}:是\n`)
  await page.getByTestId('nav-achievements').click()
  await page.getByTestId('nav-wizard').click()
  await chooseAndRead(page, good)
  await mapFixed(page)
  await page.getByTestId('wizard-preview').click()
  await page.getByTestId('wizard-preview-table').waitFor()
  assert.match(await page.getByTestId('wizard-preview-summary').innerText(), /共 1 行数据，全部通过校验/)
  await page.getByTestId('wizard-import').click()
  await page.getByTestId('wizard-summary').waitFor()
  assert.match(await page.getByTestId('wizard-summary').innerText(), /共 1 行数据，新增 1 条/)
  const achievements = join(server.dir, '成果.csv')
  cli(server.db, 'export', 'achievements', achievements)
  const line = readFileSync(achievements, 'utf8').split(/\r?\n/).find((l) => l.startsWith('202670000001.'))
  // Sorted by name as the export writes them (SQLite's byte order of the UTF-8 names).
  const expected = [
    [first, '否'],
    [second, '是'],
  ]
    .sort((a, b) => Buffer.compare(Buffer.from(a[0]), Buffer.from(b[0])))
    .map(([name, flag]) => `${name}:${flag}`)
    .join('; ')
  assert.ok(line?.endsWith(`,${expected}`), line)
  assert.deepEqual(problems, [])
})
