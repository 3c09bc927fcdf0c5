import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { after, before, test } from 'node:test'
import { chooseFile, start } from './harness.mjs'

// 批量附件 in a browser against the real server on the small demo: a ZIP and a folder are
// uploaded, the preview says for each file which achievement it matches and by what, or why
// not; one row is unticked and the rest attached, and the achievements' pages show the files.
//
// The demo's numbers: `SELECT id, achievement_no, application_no, grant_no FROM achievement
// WHERE id IN (1, 4, 6)`:
//   1 CG20130001 201310100783.6 ZL201310100783.6
//   4 CG20120004 201210108935.2 ZL201210108935.2
//   6 CG20240006 202410114836.8 (no grant yet)
// Check digits by hand (weights 2 3 4 5 6 7 8 9 2 3 4 5, mod 11): 201210108935 → 112 = 11·10+2;
// 202410114836 → 129 = 11·11+8; 201310100783 → 105 = 11·9+6; 202410999999 → 317 = 11·28+9 (a
// valid number no achievement of the demo has: its filings are numbered 20xx101xxxxx).

/** A ZIP of stored entries, written as a tool would (names UTF-8, flag 0x0800). */
function zip(entries) {
  const locals = []
  const centrals = []
  let offset = 0
  for (const [name, text] of entries) {
    const nameBytes = Buffer.from(name, 'utf8')
    const data = Buffer.from(text, 'utf8')
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6)
    local.writeUInt16LE(0x21, 12)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(0x21, 14)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBytes, data)
    centrals.push(central, nameBytes)
    offset += local.length + nameBytes.length + data.length
  }
  const dir = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(dir.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, dir, end])
}

let app
before(async () => {
  app = await start()
})
after(() => app.stop())

/** The preview's rows: [file, path, achievement, matched by, reason]. */
async function previewRows(page) {
  return page.locator('[data-testid="bulk-table"] .el-table__body tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const td = [...tr.querySelectorAll('td')]
      const chosen = td[3].querySelector('.el-select__placeholder:not(.is-transparent)')
      return [td[1], td[2], null, td[4], td[5]].map((c, i) => (i === 2 ? (chosen?.textContent.trim() ?? '') : c.textContent.trim()))
    }),
  )
}

async function attachmentsOf(page, url, id) {
  await page.goto(`${url}#/achievements/${id}`)
  const box = page.getByTestId('attachments-achievement')
  await box.waitFor()
  await page.locator('[data-testid="attachments-achievement"] .files li, [data-testid="attachments-achievement"] .none').first().waitFor()
  return box.locator('.files li a, .files li .el-link').allTextContents()
}

test('a ZIP is previewed with its reasons, one row unticked, the rest attached', async () => {
  const { page, problems, server } = await app.open('#/files/bulk')
  await page.getByTestId('bulk-pick-files').waitFor()
  const file = join(server.dir, '2026年11月收文.zip')
  writeFileSync(
    file,
    zip([
      ['201210108935.2 受理通知书.pdf', '%PDF-1.4 receipt of CG20120004'],
      ['CN202410114836.8/审查意见通知书.pdf', '%PDF-1.4 office action for CG20240006'],
      ['ZL201310100783.6 授权通知书.pdf', '%PDF-1.4 grant notice of CG20130001'],
      ['会议纪要.pdf', '%PDF-1.4 minutes'],
      ['202410999999.9 其他单位.pdf', '%PDF-1.4 not ours'],
      ['nested.zip', 'PK\u0003\u0004 inner'],
      ['../evil.pdf', 'evil'],
    ]),
  )
  await chooseFile(page, file, () => page.getByTestId('bulk-pick-files').click())
  await page.getByTestId('bulk-summary').waitFor()
  assert.equal(await page.getByTestId('bulk-summary').textContent(), '匹配 3 个，未匹配 2 个，拒绝 2 个；尚未附加任何文件')
  const zipName = '2026年11月收文.zip'
  assert.deepEqual(await previewRows(page), [
    ['201210108935.2 受理通知书.pdf', `${zipName} › 201210108935.2 受理通知书.pdf`, 'CG20120004 一种基于振动抑制的装配生产线', '文件名中的 201210108935.2', ''],
    ['审查意见通知书.pdf', `${zipName} › CN202410114836.8/审查意见通知书.pdf`, 'CG20240006 一种基于柔性夹持的齿轮箱', '文件夹名中的 CN202410114836.8', ''],
    ['ZL201310100783.6 授权通知书.pdf', `${zipName} › ZL201310100783.6 授权通知书.pdf`, 'CG20130001 一种基于深度学习的语音合成方法', '文件名中的 ZL201310100783.6', ''],
    ['会议纪要.pdf', `${zipName} › 会议纪要.pdf`, '', '', '文件名和文件夹名中没有申请号或授权号'],
    ['202410999999.9 其他单位.pdf', `${zipName} › 202410999999.9 其他单位.pdf`, '', '文件名中的 202410999999.9', '没有成果使用这个号码'],
    ['nested.zip', `${zipName} › nested.zip`, '', '', '压缩包内的压缩包，不打开'],
    ['evil.pdf', `${zipName} › ../evil.pdf`, '', '', '不安全的路径（绝对路径、盘符或 ..），已拒绝'],
  ])
  // `SCREENSHOTS=../docs node --test ../tests/ui/bulk-files.test.mjs` (from ui/) refreshes the README's picture.
  if (process.env.SCREENSHOTS) await page.screenshot({ path: join(process.env.SCREENSHOTS, 'screenshot-bulk-files.png') })

  // The office action goes elsewhere: untick it; two of three matches remain.
  await page.getByTestId('bulk-pick-1').click()
  await page.getByText('附加所选的 2 个文件').waitFor()
  await page.getByTestId('bulk-confirm').click()
  await page.getByTestId('bulk-done').waitFor()
  assert.equal((await page.getByTestId('bulk-done').textContent()).trim(), '已附加 2 个文件')
  // The preview read again: the attached two are now already attached, the unticked one is not.
  await page.waitForFunction(() => document.querySelector('[data-testid="bulk-summary"]')?.textContent.startsWith('匹配 1 个'))
  const again = await previewRows(page)
  assert.deepEqual(
    again.map((r) => r[4]),
    ['该成果已有内容相同的附件', '', '该成果已有内容相同的附件', '文件名和文件夹名中没有申请号或授权号', '没有成果使用这个号码', '压缩包内的压缩包，不打开', '不安全的路径（绝对路径、盘符或 ..），已拒绝'],
  )

  assert.deepEqual(await attachmentsOf(page, server.url, 4), ['201210108935.2 受理通知书.pdf'])
  assert.deepEqual(await attachmentsOf(page, server.url, 1), ['ZL201310100783.6 授权通知书.pdf'])
  assert.deepEqual(await attachmentsOf(page, server.url, 6), [], 'the unticked file was not attached')
  assert.deepEqual(problems, [])
})

test('a folder chosen in the browser matches by the folder names above each file', async () => {
  const { page, problems, server } = await app.open('#/files/bulk')
  await page.getByTestId('bulk-pick-folder').waitFor()
  const folder = join(server.dir, '收文')
  mkdirSync(join(folder, 'ZL202410114836.8 齿轮箱'), { recursive: true })
  writeFileSync(join(folder, 'ZL202410114836.8 齿轮箱', '补正通知书.pdf'), '%PDF-1.4 correction for CG20240006')
  writeFileSync(join(folder, '201210108935.2 与 201310100783.6.pdf'), '%PDF-1.4 names two patents')
  await chooseFile(page, folder, () => page.getByTestId('bulk-pick-folder').click())
  await page.getByTestId('bulk-summary').waitFor()
  const rows = await previewRows(page)
  const byName = Object.fromEntries(rows.map((r) => [r[0], r]))
  assert.deepEqual(byName['补正通知书.pdf'].slice(1, 4), ['收文/ZL202410114836.8 齿轮箱/补正通知书.pdf', 'CG20240006 一种基于柔性夹持的齿轮箱', '文件夹名中的 ZL202410114836.8'])
  assert.equal(byName['201210108935.2 与 201310100783.6.pdf'][4], '多个号码指向不同的成果，请选择', 'two numbers of two achievements')
  assert.equal(await page.getByText('附加所选的 1 个文件').count(), 1, 'an ambiguous row is not ticked')
  // The person decides: the ambiguous file is CG20120004's, chosen among the row's candidates.
  const ambiguous = rows.findIndex((r) => r[0] === '201210108935.2 与 201310100783.6.pdf')
  await page.getByTestId(`bulk-target-${ambiguous}`).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: 'CG20120004' }).click()
  await page.getByText('附加所选的 2 个文件').waitFor()
  await page.getByTestId('bulk-confirm').click()
  await page.getByTestId('bulk-done').waitFor()
  assert.equal((await page.getByTestId('bulk-done').textContent()).trim(), '已附加 2 个文件')
  assert.deepEqual(await attachmentsOf(page, server.url, 6), ['补正通知书.pdf'])
  assert.deepEqual(await attachmentsOf(page, server.url, 4), ['201210108935.2 与 201310100783.6.pdf'])
  assert.deepEqual(await attachmentsOf(page, server.url, 1), [], 'the other candidate got nothing')
  assert.deepEqual(problems, [])
})
