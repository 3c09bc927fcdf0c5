import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { start, tableRows } from './harness.mjs'

// What an office noticed walking every screen at 1440 × 900 (the harness's window) on its first
// day (issue 24): text cut with no mark, boxes running into each other, a button out of reach.
// Each test measures the page as laid out by the browser, on the small Rust demo.

let app
before(async () => {
  app = await start()
})
after(() => app.stop())

/** `a` and `b` (bounding boxes) share some area. */
const intersect = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

async function english(page) {
  await page.getByTestId('lang-en').click()
  await page.locator('html[lang="en"]').waitFor({ state: 'attached' })
}

test('dashboard items too long for their column end in an ellipsis and carry their whole text', async () => {
  const { page, problems } = await app.open('#/')
  await page.getByTestId('deadline-fees_due30').waitFor()
  const labels = await page.locator('[data-testid^="deadline-"] .item-label, [data-testid^="deadline-"] .group-title').evaluateAll((links) =>
    links.map((a) => {
      const text = a.querySelector('.el-link__inner')
      const style = getComputedStyle(text)
      return { title: a.title, text: text.textContent.trim(), ellipsis: style.textOverflow, nowrap: style.whiteSpace, cut: text.scrollWidth > text.clientWidth }
    }),
  )
  // The small demo's deadlines: titles such as "CG20220039 一种基于自适应控制的…" in a third of the card.
  assert.ok(labels.length > 20, `${labels.length} labels`)
  for (const l of labels) {
    assert.equal(l.title, l.text, 'the whole text on hover')
    assert.equal(l.ellipsis, 'ellipsis')
    assert.equal(l.nowrap, 'nowrap')
  }
  const cut = labels.filter((l) => l.cut)
  assert.ok(cut.length > 0, 'some titles are too long for the column (else this test proves nothing)')
  assert.ok(
    cut.some((l) => /^CG20220039 一种基于自适应控制的/.test(l.title)),
    cut.map((l) => l.title).join('\n'),
  )
  await page.screenshot({ path: '/tmp/ui-layout-dashboard.png' })
  assert.deepEqual(problems, [])
})

test('the header fits at 1440 in English and in Chinese; the search hint is whole', async () => {
  const { page, problems } = await app.open('#/')
  await page.getByTestId('deadline-fees_due30').waitFor()
  for (const language of ['zh-CN', 'en']) {
    if (language === 'en') await english(page)
    const header = await page.locator('.header').evaluate((h) => ({
      scroll: h.scrollWidth,
      client: h.clientWidth,
      right: h.getBoundingClientRect().right,
      children: [...h.children].map((c) => ({ name: c.className, right: c.getBoundingClientRect().right, scroll: c.scrollWidth, client: c.clientWidth })),
    }))
    assert.ok(header.scroll <= header.client, `${language}: header ${header.scroll} > ${header.client}`)
    for (const c of header.children) {
      assert.ok(c.right <= header.right, `${language}: ${c.name} ends at ${c.right}, past the header's ${header.right}`)
      assert.ok(c.scroll <= c.client, `${language}: ${c.name} overflows itself (${c.scroll} > ${c.client})`)
    }
    const hint = await page.getByTestId('search-open').locator('> span').evaluate((s) => [s.scrollWidth, s.clientWidth, s.textContent.trim()])
    assert.ok(hint[0] <= hint[1], `${language}: the search hint is cut: ${hint[2]}`)
  }
  assert.equal(await page.getByTestId('search-open').innerText(), 'Search achievements, people, organizations, contracts (Ctrl+K)')
  await page.screenshot({ path: '/tmp/ui-layout-header-en.png', clip: { x: 0, y: 0, width: 1440, height: 120 } })
  assert.deepEqual(problems, [])
})

test('the fees table: 状态 beside the fixed 操作 column, application numbers whole, in every tab', async () => {
  const { page, problems } = await app.open('#/fees')
  for (const tab of ['due30', 'grace', 'lapsed']) {
    // The tab names its count: measured once the table holds that many rows (a first page of 50
    // at most) — until its own list arrives the previous tab's rows are still there.
    const label = page.getByTestId(`fees-tab-${tab}`).filter({ hasText: /\d+\s*$/ })
    await label.waitFor()
    const count = Number((await label.innerText()).match(/(\d+)\s*$/)?.[1])
    await page.getByTestId(`fees-tab-${tab}`).click()
    await page.waitForURL(new RegExp(`tab=${tab}`))
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="fees-table"] .el-table__body-wrapper tr.el-table__row').length === n,
      Math.min(count, 50),
    )
    const measured = await page.getByTestId('fees-table').evaluate((table) => {
      const body = table.querySelector('.el-table__body-wrapper').getBoundingClientRect()
      const columns = [...table.querySelectorAll('.el-table__header th')].map((th) => th.textContent.trim())
      const status = columns.indexOf('状态')
      const actions = columns.indexOf('操作')
      // The rows in the table's window (the others are scrolled out of it).
      const shown = [...table.querySelectorAll('.el-table__body tr.el-table__row')].filter((tr) => tr.getBoundingClientRect().bottom <= body.bottom)
      return shown.map((tr) => {
        const cells = tr.querySelectorAll('td')
        const s = cells[status].getBoundingClientRect()
        const a = cells[actions].getBoundingClientRect()
        // What the person sees in the middle of the 状态 cell: the cell itself, not the fixed column.
        const seen = document.elementFromPoint(s.x + s.width / 2, s.y + s.height / 2)
        const number = tr.querySelector('.application-no')
        const n = number.getBoundingClientRect()
        const clip = number.parentElement.getBoundingClientRect()
        return {
          no: tr.querySelector('td:not(.el-table-column--selection)').textContent.trim(),
          status: cells[status].textContent.trim(),
          statusRight: s.right,
          statusLeft: s.left,
          actionsLeft: a.left,
          bodyLeft: body.left,
          bodyRight: body.right,
          seenInStatus: cells[status].contains(seen),
          // The state's tag whole inside its cell (已过宽限期 is the longest).
          statusCut: cells[status].querySelector('.cell').scrollWidth > cells[status].querySelector('.cell').clientWidth,
          // The actions on one line.
          actionLines: new Set([...cells[actions].querySelectorAll('.el-button')].map((b) => Math.round(b.getBoundingClientRect().top))).size,
          number: number.textContent,
          numberRight: n.right,
          // (The title's own cell: a selection column may come first.)
          numberClipRight: Math.min(clip.right, number.closest('td').getBoundingClientRect().right),
        }
      })
    })
    assert.ok(measured.length > 0)
    for (const r of measured) {
      assert.ok(r.statusRight <= r.actionsLeft + 0.5, `${tab} ${r.no}: 状态 ends at ${r.statusRight}, under 操作 from ${r.actionsLeft}`)
      assert.ok(r.statusLeft >= r.bodyLeft && r.statusRight <= r.bodyRight, `${tab} ${r.no}: 状态 outside the table`)
      assert.ok(r.seenInStatus, `${tab} ${r.no}: 状态 (${r.status}) is covered`)
      assert.ok(r.status.length > 0)
      assert.ok(!r.statusCut, `${tab} ${r.no}: ${r.status} is cut`)
      assert.equal(r.actionLines, 1, `${tab} ${r.no}: the actions wrap`)
      // 14 characters: twelve digits, a dot and the check digit (202210182999.0).
      assert.match(r.number, /^\d{12}\.[\dX]$/)
      assert.ok(r.numberRight <= r.numberClipRight + 0.5, `${tab} ${r.no}: ${r.number} cut at ${r.numberClipRight} (ends at ${r.numberRight})`)
    }
  }
  await page.screenshot({ path: '/tmp/ui-layout-fees.png' })
  assert.deepEqual(problems, [])
})

test('the audit log’s filters wrap clear of each other, in Chinese and in English', async () => {
  const { page, problems } = await app.open('#/audit')
  await page.locator('[data-testid="audit-table"] .el-table__row').first().waitFor()
  for (const language of ['zh-CN', 'en']) {
    if (language === 'en') await english(page)
    const dates = await page.getByTestId('audit-filter-dates').locator('.el-date-editor').boundingBox()
    // (An el-input hands its test id to the native input: the box is the whole field's.)
    const actor = await page.locator('.filters .el-input', { has: page.getByTestId('audit-filter-actor') }).boundingBox()
    assert.ok(!intersect(dates, actor), `${language}: dates ${JSON.stringify(dates)} and operator ${JSON.stringify(actor)} collide`)
    // Every filter of the bar is clear of every other, and inside the page.
    const boxes = await page.locator('.filters > *').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))
    for (let i = 0; i < boxes.length; i++) {
      assert.ok(boxes[i].right <= 1440, `${language}: filter ${i} leaves the window`)
      for (let j = i + 1; j < boxes.length; j++) assert.ok(!intersect(boxes[i], boxes[j]), `${language}: filters ${i} and ${j} collide`)
    }
    // The record key's hint is whole (measured in the input's own font).
    const hint = await page.getByTestId('audit-filter-key').evaluate((input) => {
      const context = document.createElement('canvas').getContext('2d')
      const style = getComputedStyle(input)
      context.font = `${style.fontSize} ${style.fontFamily}`
      return [context.measureText(input.placeholder).width, input.clientWidth, input.placeholder]
    })
    assert.ok(hint[0] <= hint[1], `${language}: "${hint[2]}" is ${hint[0]} px in a ${hint[1]} px box`)
    // The end date's box is whole inside the picker.
    const end = await page.getByTestId('audit-filter-dates').locator('input').nth(1).boundingBox()
    assert.ok(end.x + end.width <= dates.x + dates.width + 0.5)
  }
  await page.screenshot({ path: '/tmp/ui-layout-audit-en.png', clip: { x: 0, y: 0, width: 1440, height: 240 } })
  assert.deepEqual(problems, [])
})

test('the lists that mark key contributors with * say what it means', async () => {
  const { page, problems } = await app.open('#/achievements')
  await page.locator('[data-testid="achievement-table"] .el-table-v2__row').first().waitFor()
  // The demo's lists do show the mark (CG… inventors such as "王伟*、李娜").
  const cellTexts = (await tableRows(page)).flat()
  assert.ok(cellTexts.some((t) => /[^\s*]\*(、|$)/.test(t)), cellTexts.join(' | '))
  for (const [hash, table] of [
    ['#/achievements', 'achievement-table'],
    ['#/disclosures', 'disclosure-table'],
  ]) {
    await page.goto(new URL(hash, page.url()).href)
    const mark = page.getByTestId(table).getByTestId('key-contributor-legend')
    await mark.hover()
    const tip = page.locator('.el-popper:visible', { hasText: '贡献人员' })
    await tip.waitFor()
    // The policies' term, the one word every screen uses.
    assert.match(await tip.innerText(), /^\* 重要贡献人员$/)
    await page.mouse.move(0, 0)
    await tip.waitFor({ state: 'hidden' })
  }
  assert.deepEqual(problems, [])
})

test('the annual report’s narrative saves from where it is written, without a scroll to its end', async () => {
  const { page, problems } = await app.open('#/annual')
  // The demo filed 2025, the year shown first, and froze it: 2024 is still written.
  await page.getByTestId('annual-year').click()
  await page.getByTestId('annual-year-2024').click()
  await page.getByTestId('annual-not-filed').waitFor()
  // (The textarea carries the test id itself.)
  const first = page.locator('textarea[data-testid="annual-narrative-0"], [data-testid="annual-narrative-0"] textarea').first()
  await first.waitFor()
  const height = await page.locator('.main').evaluate((m) => m.scrollHeight)
  assert.ok(height > 3000, `the page is ${height} px tall (else this test proves nothing)`)
  // Opening the narrative: its first part, at the head of the section.
  await first.click()
  await first.fill('本年度学校成果转化工作稳步推进。')
  const save = page.getByTestId('annual-save')
  const box = await save.boundingBox()
  assert.ok(box.y >= 0 && box.y + box.height <= 900, `the save button at ${box.y}, outside the 900 px window`)
  const center = [box.x + box.width / 2, box.y + box.height / 2]
  assert.ok(await save.evaluate((b, [x, y]) => b.contains(document.elementFromPoint(x, y)), center), 'the save button is covered')
  // Clicked where it is, with no scroll in between.
  const scrolled = await page.locator('.main').evaluate((m) => m.scrollTop)
  await page.mouse.click(...center)
  await page.locator('.el-message', { hasText: '2024 年度报告内容已保存' }).waitFor()
  assert.equal(await page.locator('.main').evaluate((m) => m.scrollTop), scrolled)
  await page.screenshot({ path: '/tmp/ui-layout-annual-narrative.png' })
  assert.deepEqual(problems, [])
})
