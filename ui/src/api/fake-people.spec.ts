import { beforeEach, describe, expect, it } from 'vitest'
import { resetFake } from './fake'
import * as f from './fake-people'

const q = { page: 1, page_size: 200, sort: null, descending: false, search: null, department: null, category: null, leader_level: null }

describe('fake people backend', () => {
  beforeEach(() => {
    resetFake()
    f.resetFakePeople()
  })

  it('masks as ident::mask does', () => {
    expect(f.mask('11010519491231002X')).toBe('110105********002X')
    expect(f.mask('6222021234567890')).toBe('************7890')
    expect(f.mask('123')).toBe('***')
  })

  it('compares company names without spaces and company form', () => {
    expect(f.nameKey('成都蜀新科技 有限责任公司')).toBe('成都蜀新科技')
    expect(f.nameKey('华能（北京）有限公司')).toBe('华能(北京)')
    expect(f.nameKey('有限公司')).toBe('有限公司')
  })

  it('names each wrong field of a person edit', async () => {
    const p = (await f.listPeople(q)).rows[1]!
    const edit = { ...p, employee_id: 'T0001', id_number: '110105194912310021', bank_account: '1234' }
    await expect(f.updatePerson(edit)).rejects.toMatchObject({
      code: 'invalid_input',
      details: [{ column: 'id_number', code: 'bad_check_digit' }, { column: 'bank_account', code: 'bad_bank_account' }, { column: 'employee_id', code: 'duplicate_in_database' }],
    })
  })

  it('merges the planted duplicate and unmerges it by a counter-entry', async () => {
    const [pair] = await f.personDuplicates()
    expect(pair?.duplicate.employee_id).toBe('T9001')
    const before = (await f.listPeople(q)).total
    const id = await f.mergePeople(pair!.keep.id, pair!.duplicate.id, '同一人')
    expect((await f.listPeople(q)).total).toBe(before - 1)
    await expect(f.mergePeople(pair!.keep.id, pair!.duplicate.id, '再合并')).rejects.toMatchObject({ code: 'already_merged' })
    const undo = await f.unmerge(id, '撤销')
    expect((await f.listPeople(q)).total).toBe(before)
    const history = (await f.personDetail(pair!.keep.id)).merges
    expect(history.map((m) => [m.id, m.kind, m.undone_by_id])).toEqual([
      [undo, 'unmerge', null],
      [id, 'merge', undo],
    ])
    expect((await f.personDetail(pair!.duplicate.id)).person.achievement_count).toBe(1)
    await expect(f.unmerge(id, 'again')).rejects.toMatchObject({ code: 'merge_undone' })
  })
})
