import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, test } from 'node:test'
import { cells, cli, download, refusedLine, start, typeDate } from './harness.mjs'

// The small Rust demo (src-tauri/core/src/demo/small.rs, made at 2026-11-23), so the screen opens on
// 2025. Every figure below is computed by hand from the demo's records as docs/annual-report.md
// defines it (core annual.rs); money is shown in 万元: fen rounded half away from zero to the
// yuan, four decimals.
//
// Contracts signed in 2025 (amounts in yuan):
//   transfer     HT2025-027 2,120,000 (北京, private, small)   HT2025-012   180,000 (境外, foreign, small)
//   license      HT2025-015   140,000 (上海, state-owned, micro) HT2025-021  240,000 (重庆交通大学: other, no size)
//   equity       HT2025-009 1,800,000 (上海, private, small)   HT2025-039 2,050,000 (上海, private, large)
//   development  HT2025-003 230,000  HT2025-018 70,000  HT2025-033 530,000
//   consulting   HT2025-006 230,000  HT2025-036 330,000
//   service      HT2025-030 190,000 (10-02)  HT2025-024 460,000 (12-07)
// Receipts dated 2025 (whatever year the contract was signed):
//   transfer     HT2025-027 706,666.66 + 706,666.66                            = 1,413,333.32
//   license      HT2025-015 46,666.66 + 46,666.66 + 46,666.68 = 140,000.00; HT2024-011 370,000.00;
//                HT2025-021 240,000.00                                          =   750,000.00
//   development  HT2025-003 76,666.66; HT2025-018 35,000.00                     =   111,666.66
//   consulting   HT2025-006 76,666.66 + 76,666.66; HT2025-036 330,000.00        =   483,333.32
//   service      HT2024-020 530,000.00; HT2025-030 190,000.00                  =   720,000.00
// Distributions paid in 2025: #10 of HT2024-011, paid 05-12, cash pool (740,000.00 received −
// 57,900.00 costs) × 70% = 477,470.00 in five lines (董娜 214,861.50 and 胡涛 105,043.40 key
// contributors, 81,169.90, 47,747.00, 28,648.20; no leader); #18 of the equity HT2025-039, paid
// 10-12, 70% of 2,050,000.00 = 1,435,000.00 of registered capital in nine lines, none waived.
// Granted in 2025 (grant day): inventions CG20220113 CG20220123 CG20230005 CG20220039 CG20230019
// CG20220131 CG20230055 CG20220081 CG20220124 CG20220014; utility models CG20240206 CG20250207;
// design CG20250223; software CG20240233 CG20240229 CG20250226 CG20250241; IC layouts CG20240273
// CG20240271; plant variety CG20250284; other CG20240297 (no grant number: the demo gives "other"
// achievements none). With a fiscal project: CG20220123 CG20230019 CG20220131 CG20230055
// CG20220124 CG20220014 CG20250207 CG20250223 CG20250241 CG20240271 CG20240297.
// The records of parts 2–5 (src-tauri/core/src/demo/report_records.rs, small.rs): the funding
// level of an achievement is national, provincial, enterprise or own by its row id modulo 5 (0, 1,
// 2, else): of the 21 granted in 2025, 2 national, 6 provincial, 2 enterprise, 11 own. The
// projects are approved in 2026 but 2023JCYJ0004 (provincial, 200,000.00, 2025-09-20). The
// counterparties' sections go by their index (C I M C D I Q C): 上海万里 (HT2025-009), Alpen
// (HT2025-012) and 重庆交通大学 (HT2025-021) are C; 上海天府 (HT2025-015), 北京东方 (HT2025-027) and
// 上海恒泰 (HT2025-039) are I. Platforms open in 2025: 先进制造研究院 (own) and 校企联合实验室 (joint,
// 2025-04-20) R&D, 技术转移中心 (own), 中试熟化平台 (joint) and 老分析测试中心 (own, closed
// 2025-06-30) service platforms. Researchers T0005 T0014 T0023 T0032 T0041 T0050 part-time from
// 2024-09-01 to 2026-08-31; T0008 T0033 T0058 on leave since 2025-03-01. #10 is of a registered
// license: 58号 taxes half of 477,470.00; HT2025-039 values 2,050,000.00 of capital at 2,050,000.00.

/** Every figure of the 2025 report as the screen shows it, each derived from the records above. */
const FIGURES_2025 = {
  'achievements.granted.invention_patent': '10', // the ten inventions listed
  'achievements.granted.utility_model': '2',
  'achievements.granted.design_patent': '1',
  'achievements.granted.software_copyright': '4',
  'achievements.granted.ic_layout': '2',
  'achievements.granted.plant_variety': '1',
  'achievements.granted.know_how': '0', // the demo never grants know-how
  'achievements.granted.other': '1',
  'achievements.granted.total': '21', // 10 + 2 + 1 + 4 + 2 + 1 + 0 + 1
  'achievements.fiscal_funded': '11', // six inventions + one each of utility, design, software, IC, other
  'achievements.by_funding_level.national': '2',
  'achievements.by_funding_level.provincial': '6',
  'achievements.by_funding_level.enterprise': '2',
  'achievements.by_funding_level.own': '11',
  'achievements.by_funding_level.other': '0',
  'achievements.by_funding_level.unrecorded': '0', // 2 + 6 + 2 + 11 = 21, every one recorded
  'achievements.fiscal_projects_approved.count': '1', // 2023JCYJ0004
  'achievements.fiscal_projects_approved.funding_fen': '20.0000', // 200,000.00
  'transformation.transfer.count': '2',
  'transformation.transfer.contract_amount_fen': '230.0000', // 2,120,000 + 180,000
  'transformation.transfer.received_fen': '141.3333', // 1,413,333.32 → 1,413,333 yuan
  'transformation.license.count': '2',
  'transformation.license.contract_amount_fen': '38.0000', // 140,000 + 240,000
  'transformation.license.received_fen': '75.0000', // 750,000.00
  'transformation.equity.count': '2',
  'transformation.equity.contract_amount_fen': '385.0000', // 1,800,000 + 2,050,000
  'transformation.equity.received_fen': '0.0000', // equity brings no receipts in the demo
  'transformation.total.count': '6',
  'transformation.total.contract_amount_fen': '653.0000', // 2,300,000 + 380,000 + 3,850,000
  'transformation.total.received_fen': '216.3333', // 1,413,333.32 + 750,000.00 = 2,163,333.32
  'transformation.by_ownership.state_owned.count': '1', // HT2025-015
  'transformation.by_ownership.state_owned.contract_amount_fen': '14.0000',
  'transformation.by_ownership.private.count': '3', // HT2025-027, -009, -039
  'transformation.by_ownership.private.contract_amount_fen': '597.0000', // 2,120,000 + 1,800,000 + 2,050,000
  'transformation.by_ownership.foreign.count': '1', // HT2025-012
  'transformation.by_ownership.foreign.contract_amount_fen': '18.0000',
  'transformation.by_ownership.other.count': '1', // HT2025-021, a university
  'transformation.by_ownership.other.contract_amount_fen': '24.0000',
  'transformation.to_sme.count': '4', // micro HT2025-015, small -027, -009, -012
  'transformation.to_sme.contract_amount_fen': '424.0000', // 140,000 + 2,120,000 + 1,800,000 + 180,000
  'transformation.by_region.in_province.count': '0', // no 2025 counterparty is in 四川省
  'transformation.by_region.in_province.contract_amount_fen': '0.0000',
  'transformation.by_region.out_of_province.count': '5', // 上海 ×3, 北京, 重庆
  'transformation.by_region.out_of_province.contract_amount_fen': '635.0000', // 6,530,000 − 180,000
  'transformation.by_region.abroad.count': '1', // HT2025-012
  'transformation.by_region.abroad.contract_amount_fen': '18.0000',
  'transformation.over_1m_count': '3', // HT2025-027, -009, -039
  'transformation.bands.over_1m.count': '3',
  'transformation.bands.over_1m.contract_amount_fen': '597.0000', // 2,120,000 + 1,800,000 + 2,050,000
  'transformation.bands.over_10m.count': '0',
  'transformation.bands.over_10m.contract_amount_fen': '0.0000',
  'transformation.bands.over_100m.count': '0',
  'transformation.bands.over_100m.contract_amount_fen': '0.0000',
  'transformation.by_province.上海市.count': '3', // HT2025-009, -015, -039
  'transformation.by_province.上海市.contract_amount_fen': '399.0000', // 1,800,000 + 140,000 + 2,050,000
  'transformation.by_province.北京市.count': '1', // HT2025-027
  'transformation.by_province.北京市.contract_amount_fen': '212.0000',
  'transformation.by_province.重庆市.count': '1', // HT2025-021
  'transformation.by_province.重庆市.contract_amount_fen': '24.0000',
  'transformation.by_province.境外.count': '1', // HT2025-012
  'transformation.by_province.境外.contract_amount_fen': '18.0000',
  'transformation.by_industry.C.count': '3', // HT2025-009, -012, -021
  'transformation.by_industry.C.contract_amount_fen': '222.0000', // 1,800,000 + 180,000 + 240,000
  'transformation.by_industry.I.count': '3', // HT2025-015, -027, -039
  'transformation.by_industry.I.contract_amount_fen': '431.0000', // 140,000 + 2,120,000 + 2,050,000
  'transformation.industry_unrecorded.count': '0',
  'transformation.industry_unrecorded.contract_amount_fen': '0.0000',
  'technical.development.count': '3',
  'technical.development.contract_amount_fen': '83.0000', // 230,000 + 70,000 + 530,000
  'technical.development.received_fen': '11.1667', // 111,666.66 → 111,667 yuan
  'technical.consulting.count': '2',
  'technical.consulting.contract_amount_fen': '56.0000', // 230,000 + 330,000
  'technical.consulting.received_fen': '48.3333', // 483,333.32
  'technical.service.count': '2',
  'technical.service.contract_amount_fen': '65.0000', // 190,000 + 460,000
  'technical.service.received_fen': '72.0000', // 720,000.00
  'technical.total.count': '7',
  'technical.total.contract_amount_fen': '204.0000', // 830,000 + 560,000 + 650,000
  'technical.total.received_fen': '131.5000', // 111,666.66 + 483,333.32 + 720,000.00 = 1,314,999.98 → 1,315,000
  'organization.transfer_staff': '2', // T0059 张伟 and T0060 谢明 (技术转移中心)
  'organization.companies_created': '2', // the two equity contracts
  'organization.rd_institutions.own': '1',
  'organization.rd_institutions.joint': '1',
  'organization.transfer_institutions.own': '1',
  'organization.transfer_institutions.joint': '0',
  'organization.service_platforms.own': '1', // closed 2025-06-30, open part of the year
  'organization.service_platforms.joint': '1',
  'organization.part_time_people': '6',
  'organization.leave_to_found_people': '3',
  'income.received_fen': '347.8333', // 2,163,333.32 + 1,314,999.98 = 3,478,333.30
  'income.transformation_received_fen': '216.3333',
  'income.reward_pool_fen': '47.7470', // the one cash pool paid, 477,470.00
  'rewards.cash_fen': '47.7470', // 214,861.50 + 105,043.40 + 81,169.90 + 47,747.00 + 28,648.20
  'rewards.cash_person_times': '5',
  'rewards.key_contributor_cash_fen': '31.9905', // 214,861.50 + 105,043.40 = 319,904.90 → 319,905
  'rewards.leader_cash_fen': '0.0000',
  'rewards.leader_person_times': '0',
  'rewards.principal_leader_person_times': '0',
  'rewards.equity_units': '143.5000', // 1,435,000.00 of capital
  'rewards.equity_person_times': '9',
  'rewards.taxable_fen': '23.8735', // half of 477,470.00 = 238,735.00
  'rewards.equity_value_fen': '143.5000', // 1,435,000.00 units at 1 yuan a unit
}

let app
before(async () => {
  app = await start()
})
after(() => app.stop())

const text = (page, testid) => page.getByTestId(testid).first().innerText()
/** Element Plus puts a textarea's test id on the textarea itself. */
const area = (page, testid) => page.locator(`textarea[data-testid="${testid}"], [data-testid="${testid}"] textarea`).first()

async function openAnnual() {
  const opened = await app.open('#/achievements')
  await opened.page.getByTestId('nav-annual').click()
  await opened.page.getByTestId('figure-transformation.total.count').waitFor()
  return opened
}

/** Every numeric leaf of the report's JSON as a dotted path (the header's year left out). */
function leaves(node, prefix = '') {
  return Object.entries(node).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'number') return path === 'year' ? [] : [path]
    return value && typeof value === 'object' ? leaves(value, path) : []
  })
}

/** Opens the records of every figure in turn and returns each drawer's title, by path. */
async function drawerTitles(page, paths) {
  const drawer = page.getByTestId('records-drawer')
  const title = drawer.locator('.el-drawer__title')
  const titles = {}
  for (const path of paths) {
    await page.getByTestId(`figure-${path}`).click()
    await title.waitFor()
    titles[path] = await title.innerText()
    await page.keyboard.press('Escape')
    await title.waitFor({ state: 'hidden' })
  }
  return titles
}

const HAN = /\p{Script=Han}/u

/** Every text the element with this test id shows, however briefly (a job's steps). */
async function watchText(page, testid) {
  await page.evaluate((testid) => {
    const seen = (window.__seen = [])
    new MutationObserver(() => {
      const text = document.querySelector(`[data-testid="${testid}"]`)?.textContent.trim()
      if (text && seen.at(-1) !== text) seen.push(text)
    }).observe(document.body, { subtree: true, childList: true, characterData: true })
  }, testid)
  return () => page.evaluate(() => window.__seen)
}

test('the report of last year shows the figures of the demo and the records behind one', async () => {
  const { page, problems } = await openAnnual()
  assert.match(await text(page, 'annual-year'), /2025/)
  const shown = Object.fromEntries(
    await page.locator('[data-testid^="figure-"]').evaluateAll((els) => els.map((e) => [e.dataset.testid.replace(/^figure-/, ''), e.textContent.trim()])),
  )
  assert.deepEqual(shown, FIGURES_2025)
  assert.equal(await page.getByTestId('figure-transformation.license.received_fen').getAttribute('title'), '¥750,000.00（点击查看明细）')
  // Due 2026-03-31 by default, and filed by the demo's office ten days before (report/src/demo.rs):
  // no countdown for a year that is done.
  assert.match(await text(page, 'annual-due'), /2026-03-31[\s\S]*已报送/)
  assert.match(await text(page, 'annual-filed'), /已报送[\s\S]*2026-03-21/)
  // One error: CG20240297 ("other", no grant number) was granted on 2025-03-08. One warning: two
  // headline figures moved more than 3× against 2024 — received 12,171,666.65 in 2024 (HT2024-017's
  // 3,950,000.00, HT2024-032's 3,870,000.00 …) > 3 × 3,478,333.30, and cash rewards paid in 2024,
  // 6,334,113.32 (#7 #8 #9 #11 #13 #14), > 3 × 477,470.00; the other headline figures of 2024 (24
  // granted, 7 transformation contracts of 12,370,000.00, technical contracts of 2,480,000.00) are
  // within 3× of 2025's. Nothing else: every 2025 transformation
  // contract links an achievement, no 2025 receipt precedes its signing, the agreed prices were
  // publicized, the one draft distribution (#15, the equity HT2025-009) takes no receipts, no contract
  // with 2025 receipts has received more than its amount, and nothing changed since the filing.
  // Beside the year's, the two annual-fee findings of today (they never block filing): eight
  // patents recorded 有效 are unpaid past grace (the fees screen's 逾期未缴 tab, fees.test.mjs),
  // and the fees' deadlines reach into 2027, which has no holiday arrangement.
  const findings = page.getByTestId('annual-findings')
  assert.match(await findings.innerText(), /2 项错误，2 项提示/)
  assert.match(await page.getByTestId('annual-finding-fee_past_grace').innerText(), /错误[\s\S]*8 项专利记录为有效[\s\S]*记录缴费[\s\S]*记录失效[\s\S]*成果 CG20170138/)
  assert.match(await page.getByTestId('annual-finding-holiday_calendar_missing').innerText(), /提示[\s\S]*1 个年份没有节假日安排[\s\S]*节假日安排 2027/)
  assert.match(await page.getByTestId('annual-finding-grant_number_missing').innerText(), /错误[\s\S]*1 项当年授权的成果没有授权号[\s\S]*成果 CG20240297/)
  assert.match(await page.getByTestId('annual-finding-indicator_jump').innerText(), /提示[\s\S]*当年到账总额（六类合同）[\s\S]*现金奖励总额/)
  // The rule's 3× and each actual figure, rounded up to the hundredth: 12,171,666.65 / 3,478,333.30
  // = 3.4993 → 3.5; 6,334,113.32 / 477,470.00 = 13.2660 → 13.27.
  assert.match(await page.getByTestId('annual-finding-indicator_jump').innerText(), /2 项指标与上年相比变化超过 3 倍，请核对单位和数据（实际相差 3\.5 倍、13\.27 倍）/)

  // The two service contracts signed in 2025, by signing day.
  await page.getByTestId('figure-technical.service.count').click()
  const drawer = page.getByTestId('records-drawer')
  await drawer.getByText('HT2025-024').waitFor()
  assert.match(await drawer.innerText(), /技术服务合同项数：明细记录/)
  const rows = await cells(page, 'records-table')
  assert.deepEqual(
    rows.map((r) => [r[0].replace(/^合同\s*/, ''), r[2], r[3]]),
    [
      ['HT2025-030', '2025-10-02', '¥190,000.00'],
      ['HT2025-024', '2025-12-07', '¥460,000.00'],
    ],
  )
  await page.keyboard.press('Escape')
  await drawer.getByText('HT2025-024').waitFor({ state: 'hidden' })

  // An achievement in the drawer opens its page: the first granted in 2025 is the IC layout
  // CG20240273 (2025-01-12).
  await page.getByTestId('figure-achievements.granted.total').click()
  const first = drawer.locator('[data-testid^="record-achievement-"]').first()
  await first.waitFor()
  assert.equal(await first.innerText(), 'CG20240273')
  const id = (await first.getAttribute('data-testid')).replace('record-achievement-', '')
  await first.click()
  await page.waitForURL(new RegExp(`#/achievements/${id}$`))
  assert.equal(await page.getByTestId('achievement-title').innerText(), '低功耗传感芯片布图设计')

  // A finding's indicator scrolls to and highlights its figure.
  await page.goBack()
  await page.getByTestId('ref-indicator-income.received_fen').click()
  await page.locator('[data-testid="figure-income.received_fen"].highlighted').waitFor()
  await page.getByTestId('annual-charts').scrollIntoViewIfNeeded()
  assert.deepEqual(problems, [])
})

test('the department switch restricts the figures', async () => {
  const { page, problems } = await openAnnual()
  await page.getByTestId('annual-department').click()
  await page.getByTestId('annual-department-计算机学院').click()
  // 计算机学院 in 2025: the contracts linking its achievements are the equity HT2025-009 (CG20180185,
  // 1,800,000) and the transfer HT2025-012 (CG20130001 + CG20210288, 180,000); no technical contract
  // of 2025 links an achievement. Granted: CG20230005, CG20250223, CG20240273.
  await page.getByTestId('figure-transformation.total.count').filter({ hasText: /^2$/ }).waitFor()
  assert.equal(await text(page, 'figure-transformation.total.contract_amount_fen'), '198.0000')
  assert.equal(await text(page, 'figure-transformation.total.received_fen'), '0.0000')
  assert.equal(await text(page, 'figure-achievements.granted.total'), '3')
  assert.equal(await text(page, 'figure-technical.service.count'), '0')
  // Transfer staff belong to 技术转移中心, not to the college.
  assert.equal(await text(page, 'figure-organization.transfer_staff'), '0')
  assert.deepEqual(problems, [])
})

test('every indicator of the report is on the screen with its label, in Chinese and in English', async () => {
  const { page, problems, server } = await openAnnual()
  // The indicators the core computes (report annual --json) are exactly the figures on the screen.
  // The form lists the provinces and industry sections with contracts (the JSON has every key,
  // most of them 0), and R&D institutions, transfer institutions and platforms as own and joint
  // (the JSON's `total` is their sum, no row of the form).
  const report = cli(server.db, 'report', 'annual', '--year', '2025')
  const paths = leaves(report).filter((p) => {
    const area = /^transformation\.(by_province|by_industry)\.([^.]+)\./.exec(p)
    if (area) return report.transformation[area[1]][area[2]].count > 0
    return !/^organization\.\w+\.total$/.test(p)
  })
  const onScreen = await page.locator('[data-testid^="figure-"]').evaluateAll((els) => els.map((e) => e.dataset.testid.replace(/^figure-/, '')))
  assert.deepEqual([...onScreen].sort(), [...paths].sort())
  assert.equal(paths.length, Object.keys(FIGURES_2025).length)

  // Each figure's records are titled with its label (ind.<path> in the locale files). A missing
  // label shows as its key ("ind.…") in Chinese, and as the Chinese label (the fallback) in
  // English; the production build logs no warning for either, so the texts are checked here.
  const zh = await drawerTitles(page, paths)
  const zhLabels = paths.map((p) => {
    assert.match(zh[p], /：明细记录$/, p)
    const label = zh[p].replace(/：明细记录$/, '')
    assert.ok(HAN.test(label) && !label.includes('ind.'), `zh-CN label of ${p}: ${label}`)
    return label
  })
  assert.equal(new Set(zhLabels).size, paths.length, 'every indicator has its own Chinese label')

  await page.getByTestId('lang-en').click()
  await page.getByRole('heading', { name: 'Annual transformation report' }).waitFor()
  const en = await drawerTitles(page, paths)
  const enLabels = paths.map((p) => {
    assert.match(en[p], /: records$/, p)
    const label = en[p].replace(/: records$/, '')
    // A province is named as the form names it, in Chinese, in both languages.
    const named = p.startsWith('transformation.by_province.') ? label.replace(/^[^：]+：/, '') : label
    assert.ok(!HAN.test(named) && !label.includes('ind.'), `en label of ${p}: ${label}`)
    return label
  })
  assert.equal(new Set(enLabels).size, paths.length, 'every indicator has its own English label')
  await page.getByTestId('lang-zh-CN').click()
  assert.deepEqual(problems, [])
})

// The drawer of a figure lists the records it counts; for these five the real core lists others
// (core annual.rs, records): the income and reward paths all take the distributions paid in the
// year, whatever the indicator, summing a cash pool and an equity pool's capital as one amount
// (¥477,470.00 + ¥1,435,000.00 = ¥1,912,470.00), and transfer staff, who are people, have no
// records at all. Kept as a todo until the core lists what each figure counts.
test('the records behind the income and reward figures add up to them', { todo: 'core annual::records lists other records for these paths' }, async () => {
  const { page, problems } = await openAnnual()
  const EXPECTED = {
    // The receipts of 2025 of transfer, license and equity contracts: HT2025-015 ×3, HT2024-011,
    // HT2025-027 ×2, HT2025-021 = 2,163,333.32.
    'income.transformation_received_fen': '合计 7 条 · ¥2,163,333.32',
    // The one cash pool paid in 2025, #10.
    'income.reward_pool_fen': '合计 1 条 · ¥477,470.00',
    'rewards.cash_fen': '合计 1 条 · ¥477,470.00',
    // The one equity pool paid in 2025, #18: 1,435,000.00 of capital.
    'rewards.equity_units': '合计 1 条 · ¥1,435,000.00',
    // T0059 and T0060.
    'organization.transfer_staff': '合计 2 条',
  }
  const drawer = page.getByTestId('records-drawer')
  const found = {}
  for (const path of Object.keys(EXPECTED)) {
    await page.getByTestId(`figure-${path}`).click()
    await drawer.locator('.el-table__body-wrapper, .el-table__empty-text').first().waitFor()
    await page.waitForFunction(() => !document.querySelector('[data-testid="records-table"] .el-loading-mask:not([style*="display: none"])'))
    found[path] = (await drawer.getByTestId('records-total').count()) ? await drawer.getByTestId('records-total').innerText() : '（没有明细记录）'
    await page.keyboard.press('Escape')
    await drawer.locator('.el-drawer__title').waitFor({ state: 'hidden' })
  }
  assert.deepEqual(found, EXPECTED)
  assert.deepEqual(problems, [])
})

test('2024: narrative saved, a due date inside the year refused, exported and filed; 2025 as the demo filed it is frozen', async () => {
  const { page, problems, server } = await openAnnual()
  // The demo filed 2025 (the year shown first); 2024 is not filed yet.
  await page.getByTestId('annual-year').click()
  await page.getByTestId('annual-year-2024').click()
  await page.getByTestId('annual-not-filed').waitFor()
  await area(page, 'annual-narrative-0').fill('本年度学校成果转化工作稳步推进。')

  // The due date must fall after 2024-12-31: the last day of the year itself is refused.
  await typeDate(page, 'annual-due-edit', '2024-12-31')
  await page.getByTestId('annual-save').click()
  await page.getByTestId('annual-due-edit').locator('.el-form-item__error').filter({ hasText: '2024-12-31' }).waitFor()

  await typeDate(page, 'annual-due-edit', '2025-04-15')
  await page.getByTestId('annual-save').click()
  // (The refusal's message may still be up: the newest is waited for by its text.)
  await page.locator('.el-message', { hasText: '2024 年度报告内容已保存' }).waitFor()
  // 2025-04-15 → 2026-04-15 is 365 days, → 2026-11-23 another 15 + 31 + 30 + 31 + 31 + 30 + 31 + 23 = 222: 587.
  await page.getByTestId('annual-countdown').filter({ hasText: '已逾期 587 天' }).waitFor()

  // An export before filing: the bar names each step under way (figures, XLSX, PDF, of three),
  // then both files arrive in one ZIP download.
  const steps = await watchText(page, 'annual-export-progress-step')
  const first = await download(page, server.dir, () => page.getByTestId('annual-export').click())
  await page.getByTestId('annual-export-paths').waitFor()
  // (Two steps a few milliseconds apart may show as one: the texts seen are those, in order.)
  const ORDER = ['正在开始……', '计算指标与清单（0/3）', '写出 XLSX（1/3）', '排版 PDF（2/3）']
  const seen = await steps()
  assert.deepEqual(seen, ORDER.filter((s) => seen.includes(s)), `steps in order: ${seen}`)
  assert.equal(seen.at(-1), '排版 PDF（2/3）', `the layout, the longest step, is shown: ${seen}`)
  assert.equal(first.name, '2024年度科技成果转化年度报告.zip')

  // 2024 has no error of its own (`check --year 2024`: the annual-fee findings are about today and
  // never block; the indicator jumps are warnings): filed without a reason, then frozen.
  await page.getByTestId('annual-file').click()
  await page.getByTestId('annual-file-confirm').click()
  await page.getByTestId('annual-filed').waitFor()
  assert.match(await text(page, 'annual-filed'), /已报送/)
  assert.equal(await area(page, 'annual-narrative-0').getAttribute('readonly'), '')
  assert.equal(await area(page, 'annual-narrative-0').inputValue(), '本年度学校成果转化工作稳步推进。')
  assert.equal(await page.getByTestId('annual-save').isDisabled(), true)

  // 2025, filed by the demo's office: read-only, and no second filing.
  await page.getByTestId('annual-year').click()
  await page.getByTestId('annual-year-2025').click()
  await page.getByTestId('annual-filed').filter({ hasText: '2026-03-21' }).waitFor()
  assert.equal(await page.getByTestId('annual-file').isDisabled(), true)
  assert.equal(await page.getByTestId('annual-save').isDisabled(), true)

  // A late receipt booked after filing: 20,000.00 on the service contract HT2025-024 (signed
  // 2025-12-07, nothing received yet), dated 2025-12-20.
  await page.evaluate(() => (location.hash = '#/contracts?q=HT2025-024'))
  await page.getByTestId('contracts-table').locator('.el-table__row', { hasText: 'HT2025-024' }).click()
  await page.getByTestId('contract-heading').filter({ hasText: 'HT2025-024' }).waitFor()
  await page.getByTestId('contract-add-receipt').click()
  const dialog = page.getByTestId('money-dialog-receipt')
  // (The date picker drops its data-testid "money-on": the field is found by its label.)
  const on = dialog.locator('.el-form-item', { hasText: '到账日期' }).locator('input')
  await on.click()
  await on.fill('2025-12-20')
  await on.press('Enter')
  await page.locator('.el-picker__popper:visible').waitFor({ state: 'hidden' })
  await dialog.getByTestId('money-amount').fill('20000')
  await dialog.getByTestId('money-reference').fill('记-2025-12-0020')
  await dialog.getByTestId('money-save').click()
  await dialog.waitFor({ state: 'hidden' })
  await page.getByTestId('contract-received').filter({ hasText: '¥20,000.00' }).waitFor()

  // The figures it moves show as changes against the filed snapshot: received in 2025
  // 3,478,333.30 → 3,498,333.30, service receipts 720,000.00 → 740,000.00, technical receipts
  // 1,314,999.98 → 1,334,999.98 (万元, rounded to the yuan).
  await page.getByTestId('nav-annual').click()
  await page.getByTestId('annual-changes-table').waitFor()
  const changes = await cells(page, 'annual-changes-table')
  assert.deepEqual(
    [...changes].sort(),
    [
      ['当年到账总额（六类合同）', '347.8333', '349.8333', '+2.0000 万元'],
      ['技术开发咨询服务合计当年到账金额', '131.5000', '133.5000', '+2.0000 万元'],
      ['技术服务当年到账金额', '72.0000', '74.0000', '+2.0000 万元'],
    ].sort(),
  )

  // The filed files, handed out as filed (no figures computed, nothing laid out again): the browser
  // receives both in one ZIP.
  const again = await watchText(page, 'annual-export-progress-step')
  const zip = await download(page, server.dir, () => page.getByTestId('annual-export').click())
  await page.getByTestId('annual-export-paths').waitFor()
  assert.match(await text(page, 'annual-export-paths'), /2025年度科技成果转化年度报告\.xlsx[\s\S]*2025年度科技成果转化年度报告\.pdf/)
  assert.ok(!(await again()).some((s) => /（[012]\/3）/.test(s)), `no step of a new export: ${await again()}`)
  assert.equal(zip.name, '2025年度科技成果转化年度报告.zip')
  const bytes = readFileSync(zip.path)
  assert.equal(bytes.readUInt32LE(0), 0x04034b50, 'a ZIP file')
  for (const name of ['2025年度科技成果转化年度报告.xlsx', '2025年度科技成果转化年度报告.pdf']) {
    assert.ok(bytes.includes(Buffer.from(name)), `the ZIP holds ${name}`)
  }
  // The refused due date reached the browser as a 422.
  assert.deepEqual(problems, [refusedLine(422)])
})

// The old fake stopped an export cancelled at any step. The real core (report/src/annual/mod.rs,
// write_with_steps) checks for a cancel only when a step starts: once the PDF layout, the longest
// step by far, has begun, 取消 shows 正在取消…… and the export still completes, lists both files and
// downloads them. Kept as a todo until the core checks before renaming the files into place.
test('an export cancelled during the PDF layout says so, lists no files and downloads nothing', { todo: 'core ignores a cancel after the PDF step began' }, async () => {
  const { page, problems } = await openAnnual()
  const downloads = []
  page.on('download', (d) => downloads.push(d.suggestedFilename()))
  await page.getByTestId('annual-export').click()
  await page.getByTestId('annual-export-progress-step').filter({ hasText: '排版 PDF（2/3）' }).waitFor()
  await page.getByTestId('annual-export-progress-cancel').click()
  await page.getByTestId('annual-export-progress').waitFor({ state: 'detached' })
  assert.equal(await page.getByTestId('annual-export-paths').count(), 0)
  await page.locator('.el-message--error').filter({ hasText: '已取消，未写入任何内容' }).waitFor({ timeout: 1000 })
  assert.deepEqual(downloads, [])
  assert.deepEqual(problems, [refusedLine(422)])
})
