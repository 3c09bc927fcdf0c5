import { beforeEach, describe, expect, it } from 'vitest'
import { fakeStore, listAchievements, resetFake } from './fake'
import { HEADERS, resetWizard, saveImportMapping, wizardImport, wizardOpen, wizardPreview } from './fake-wizard'
import type { Mapping } from './types.gen'
import { ApiError } from './error'

beforeEach(() => {
  resetFake()
  resetWizard()
})

const mapping: Mapping = {
  table: 'achievements',
  fields: [
    { field: 'achievement_no', column: '专利号', conversion: 'none', fixed: null },
    { field: 'title', column: '专利名称', conversion: 'none', fixed: null },
    { field: 'kind', column: '类型', conversion: 'choice', fixed: null },
    { field: 'application_no', column: '专利号', conversion: 'none', fixed: null },
    { field: 'filed_on', column: '申请日期', conversion: 'date', fixed: null },
    { field: 'status', column: null, conversion: 'none', fixed: '申请中' },
    { field: 'department', column: null, conversion: 'none', fixed: '计算机学院' },
    { field: 'inventors', column: '发明人(贡献比例)', conversion: 'names', fixed: null },
  ],
}

const query = { page: 1, page_size: 50, sort: null, descending: false, kind: null, status: null, department: null, year: null, search: '202430456789' }

describe('fake import wizard', () => {
  it('opens the patent sheet below its title and remembers a saved mapping', async () => {
    const sheet = await wizardOpen('/x/专利.xlsx', null, 'achievements')
    expect(sheet).toMatchObject({ sheet: '专利清单', header_row: 2, headers: HEADERS, rows: 4, saved: null })
    await expect(wizardOpen('/x/专利.xlsx', '说明', 'achievements')).rejects.toMatchObject({ code: 'invalid_input' })
    await saveImportMapping(HEADERS, mapping)
    expect((await wizardOpen('/x/专利.xlsx', null, 'achievements')).saved).toEqual(mapping)
    expect((await wizardOpen('/x/专利.xlsx', null, 'contracts')).saved).toBeNull()
  })

  it('converts dates, serial days and names with shares', async () => {
    const preview = await wizardPreview('/x/专利.xlsx', '专利清单', mapping, 10)
    const at = (k: string) => preview.fields.indexOf(k)
    expect(preview.problems).toEqual([])
    expect(preview.lines.map((l) => l.values[at('filed_on')])).toEqual(['2024-03-05', '2024-05-10', '2023-09-18', '2024-07-01'])
    const [a, b] = fakeStore().people.filter((p, _, all) => all.filter((q) => q.name === p.name).length === 1)
    expect(preview.lines[0]?.values[at('inventors')]).toBe(`${a!.employee_id}:60; ${b!.employee_id}:40`)
    expect(preview.lines[0]?.row).toBe(3)
  })

  it('locates every problem in the source and imports nothing', async () => {
    const preview = await wizardPreview('/x/bad.xlsx', '专利清单', mapping, 10)
    expect(preview.problems.map((p) => [p.cell, p.field, p.code])).toEqual([
      ['D3', 'inventors', 'unknown_name'],
      ['E4', 'filed_on', 'bad_date'],
      ['D5', 'inventors', 'shares_missing'],
    ])
    const error = (await wizardImport('j1', '/x/bad.xlsx', '专利清单', mapping).catch((e: unknown) => e)) as ApiError
    expect(error.code).toBe('invalid_input')
    expect(error.details).toHaveLength(3)
  })

  it('refuses a mapping without a required field', async () => {
    const partial = { ...mapping, fields: mapping.fields.filter((f) => f.field !== 'department') }
    await expect(wizardPreview('/x/专利.xlsx', '专利清单', partial, 10)).rejects.toMatchObject({ details: [{ column: '所属单位', code: 'missing_column' }] })
  })

  it('adds the imported rows to the portfolio', async () => {
    const summary = await wizardImport('j2', '/x/专利.xlsx', '专利清单', mapping)
    expect(summary).toMatchObject({ rows: 4, inserted: 4, dry_run: false })
    const page = await listAchievements(query)
    expect(page.rows.map((r) => [r.title, r.kind])).toEqual([['智能温室控制终端', 'design_patent']])
  })
})
