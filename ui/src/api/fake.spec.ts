import { beforeEach, describe, expect, it } from 'vitest'
import { ApiError } from './error'
import { FIRST_PAGE, KINDS } from './enums'
import { checkDigit, getAchievement, importFile, listAchievements, portfolioFilters, resetFake } from './fake'
import type { AchievementQuery, AchievementRow } from './types.gen'

const query = (change: Partial<AchievementQuery> = {}): AchievementQuery => ({ ...FIRST_PAGE, page_size: 200, ...change })

/** Every row matching the filters, page by page. */
async function all(change: Partial<AchievementQuery> = {}): Promise<AchievementRow[]> {
  const rows: AchievementRow[] = []
  for (let page = 1; ; page++) {
    const result = await listAchievements(query({ ...change, page }))
    rows.push(...result.rows)
    if (rows.length >= result.total) return rows
  }
}

beforeEach(resetFake)

describe('fake portfolio', () => {
  it('holds about 300 achievements of all 8 kinds in 6 departments', async () => {
    const rows = await all()
    expect(rows).toHaveLength(300)
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(KINDS))
    expect(new Set(rows.map((r) => r.department)).size).toBe(6)
    expect(rows.some((r) => r.contract_count > 0)).toBe(true)
  })

  it('computes CN check digits by the CNIPA rule', () => {
    // 2·2+0·3+2·4+3·5+1·6+0·7+1·8+2·9+3·2+4·3+5·4+6·5 = 127 ≡ 6 (mod 11)
    expect(checkDigit('202310123456')).toBe('6')
    // 2·2+0·3+1·4+3·5+1·6+0·7+1·8+2·9+3·2+4·3+5·4+7·5 = 128 ≡ 7
    expect(checkDigit('201310123457')).toBe('7')
  })

  it('pages without gaps or overlaps and clamps the page size', async () => {
    const pages = await Promise.all([1, 2, 3, 4, 5, 6].map((page) => listAchievements(query({ page, page_size: 50 }))))
    const ids = pages.flatMap((p) => p.rows.map((r) => r.id))
    expect(new Set(ids).size).toBe(300)
    expect(ids).toEqual((await all()).map((r) => r.id))
    expect(pages.every((p) => p.total === 300)).toBe(true)
    expect((await listAchievements(query({ page_size: 1000 }))).rows).toHaveLength(200)
    expect((await listAchievements(query({ page_size: 0 }))).rows).toHaveLength(1)
    expect(await listAchievements(query({ page: 0 }))).toEqual(await listAchievements(query({ page: 1 })))
    expect((await listAchievements(query({ page: 7, page_size: 50 }))).rows).toEqual([])
  })

  it('sorts by number by default and by any key, NULL first ascending, ties by number', async () => {
    const numbers = (await all()).map((r) => r.achievement_no)
    expect(numbers).toEqual([...numbers].sort())
    expect((await all({ descending: true })).map((r) => r.achievement_no)).toEqual([...numbers].reverse())

    const byFiled = await all({ sort: 'filed_on' })
    const firstDated = byFiled.findIndex((r) => r.filed_on !== null)
    expect(firstDated).toBeGreaterThan(0)
    expect(byFiled.slice(firstDated).every((r) => r.filed_on !== null)).toBe(true)
    for (let i = 1; i < byFiled.length; i++) {
      const [a, b] = [byFiled[i - 1]!, byFiled[i]!]
      expect((a.filed_on ?? '') < (b.filed_on ?? '') || ((a.filed_on ?? '') === (b.filed_on ?? '') && a.achievement_no < b.achievement_no)).toBe(true)
    }
    const byFiledDesc = await all({ sort: 'filed_on', descending: true })
    expect(byFiledDesc.at(-1)?.filed_on).toBeNull()
    expect(byFiledDesc.map((r) => r.id)).toEqual(byFiled.map((r) => r.id).reverse())
  })

  it('filters by kind, status, department and year', async () => {
    const everything = await all()
    const inventions = await all({ kind: 'invention_patent' })
    expect(inventions.length).toBe(everything.filter((r) => r.kind === 'invention_patent').length)
    expect(inventions.length).toBeGreaterThan(50)
    expect(inventions.every((r) => r.kind === 'invention_patent')).toBe(true)

    const narrowed = await all({ kind: 'invention_patent', status: 'in_force', department: '计算机学院' })
    expect(narrowed.length).toBeGreaterThan(0)
    expect(narrowed.every((r) => r.status === 'in_force' && r.department === '计算机学院')).toBe(true)
    expect(narrowed.length).toBe(inventions.filter((r) => r.status === 'in_force' && r.department === '计算机学院').length)

    // A software copyright has no filing date: the grant (registration) year places it.
    const software = everything.find((r) => r.kind === 'software_copyright' && r.filed_on === null && r.granted_on)!
    const year = Number(software.granted_on!.slice(0, 4))
    const inYear = await all({ year })
    expect(inYear.map((r) => r.id)).toContain(software.id)
    expect(inYear.every((r) => (r.filed_on ?? r.granted_on)?.startsWith(String(year)))).toBe(true)
  })

  it('searches titles, numbers with any prefix or spacing, and inventors', async () => {
    const everything = await all()
    const patent = everything.find((r) => r.application_no?.length === 14)!
    const [digits] = patent.application_no!.split('.')
    const spaced = `CN${digits!.slice(0, 4)} ${digits!.slice(4, 10)}`
    expect((await all({ search: spaced })).map((r) => r.id)).toContain(patent.id)

    const name = patent.inventors.split('、')[0]!.replace('*', '')
    const byName = await all({ search: name })
    expect(byName.map((r) => r.id)).toContain(patent.id)
    expect(byName.every((r) => r.inventors.includes(name))).toBe(true)

    const word = patent.title.slice(-4)
    expect((await all({ search: `  ${word} ` })).every((r) => r.title.includes(word) || r.inventors.includes(word))).toBe(true)
    expect((await listAchievements(query({ search: '不存在的成果名称' }))).total).toBe(0)
  })

  it('offers departments by name and years newest first', async () => {
    const { departments, years } = await portfolioFilters()
    expect(departments).toHaveLength(6)
    expect(departments).toEqual([...departments].sort())
    expect(years).toEqual([...years].sort((a, b) => b - a))
  })

  it('shows a detail with shares summing to 100% and refuses unknown ids', async () => {
    const detail = await getAchievement(1)
    expect(detail.inventors.reduce((sum, i) => sum + i.share_bp, 0)).toBe(10000)
    expect(detail.inventors.some((i) => i.key_contributor)).toBe(true)
    const error = await getAchievement(999999).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).code).toBe('not_found')
  })

  it('links contracts with weights to their achievements', async () => {
    const linked = (await all()).find((r) => r.contract_count > 0)!
    const detail = await getAchievement(linked.id)
    expect(detail.contracts).toHaveLength(linked.contract_count)
    expect(detail.contracts.every((c) => c.weight_bp > 0 && c.received_fen <= c.amount_fen)).toBe(true)
  })
})

describe('fake import', () => {
  it('rejects a bad file with every problem and writes nothing', async () => {
    const error = (await importFile('achievements', '/data/bad.xlsx', false).catch((e: unknown) => e)) as ApiError
    expect(error.code).toBe('invalid_input')
    expect(error.details).toHaveLength(3)
    expect(error.details[0]).toMatchObject({ row: 3, column: '申请号', cell: 'D3', value: '202310123456.X', code: 'bad_check_digit' })
    expect((await listAchievements(query())).total).toBe(300)
  })

  it('checks without writing, then imports two achievements once', async () => {
    const dry = await importFile('achievements', '/data/成果.xlsx', true)
    expect(dry).toMatchObject({ rows: 2, inserted: 2, dry_run: true })
    expect((await listAchievements(query())).total).toBe(300)

    const done = await importFile('achievements', '/data/成果.xlsx', false)
    expect(done).toMatchObject({ rows: 2, inserted: 2, dry_run: false })
    const found = await listAchievements(query({ search: 'imp-000' }))
    expect(found.rows.map((r) => r.achievement_no)).toEqual(['IMP-0001', 'IMP-0002'])
    expect((await listAchievements(query())).total).toBe(302)

    await expect(importFile('achievements', '/data/成果.xlsx', false)).rejects.toMatchObject({ code: 'invalid_input' })
    expect((await listAchievements(query())).total).toBe(302)
  })
})
