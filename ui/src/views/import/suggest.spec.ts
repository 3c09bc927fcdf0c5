import { describe, expect, it } from 'vitest'
import { conversionFor, dice, normalize, score, suggest, THRESHOLD } from './suggest'
import { TEMPLATE } from './template'

const field = (table: keyof typeof TEMPLATE, key: string) => TEMPLATE[table].find((f) => f.key === key)!
const columnOf = (mapping: ReturnType<typeof suggest>, key: string) => mapping.find((m) => m.field === key)!

describe('normalize', () => {
  it('drops brackets, spaces, units and case', () => {
    expect(normalize('合同额（万元）')).toBe('合同额')
    expect(normalize(' 发明人(贡献比例) ')).toBe('发明人')
    expect(normalize('金额(元)')).toBe('金额')
    expect(normalize('到账金额 元')).toBe('到账金额')
    expect(normalize('Amount')).toBe('amount')
    expect(normalize('【备注】')).toBe('')
  })
})

describe('dice', () => {
  it('counts shared bigrams', () => {
    // 申请日期 {申请, 请日, 日期} and 申请日 {申请, 请日}: 2·2 / (3+2).
    expect(dice('申请日期', '申请日')).toBeCloseTo(0.8)
    // 专利名称 and 成果名称 share only 名称: 2·1 / (3+3).
    expect(dice('专利名称', '成果名称')).toBeCloseTo(1 / 3)
    expect(dice('金额', '金额')).toBe(1)
    expect(dice('', '金额')).toBe(0)
  })
})

describe('score', () => {
  it('is 1 for the standard header, the English key and synonyms', () => {
    expect(score('achievements', field('achievements', 'inventors'), '完成人')).toBe(1)
    expect(score('achievements', field('achievements', 'inventors'), 'INVENTORS')).toBe(1)
    expect(score('achievements', field('achievements', 'inventors'), '发明人员')).toBe(1)
    expect(score('achievements', field('achievements', 'application_no'), '专利申请号')).toBe(1)
    expect(score('contracts', field('contracts', 'signed_on'), '签约日期')).toBe(1)
  })

  it('knows the words patent lists use for co-owners, and keeps them apart from the patentee', () => {
    for (const header of ['共有人', '共同权利人', '专利权共有人', 'co_owners']) {
      expect(score('achievements', field('achievements', 'co_owners'), header)).toBe(1)
    }
    // 专利权人 lists every owner, the institution too: no 共有人 column. Shared bigrams 专利, 利权
    // of 专利权人 {专利, 利权, 权人} and 专利权共有人 {专利, 利权, 权共, 共有, 有人}: 2·2 / (3+5) = 0.5.
    expect(score('achievements', field('achievements', 'co_owners'), '专利权人')).toBeLessThan(THRESHOLD)
  })

  it('falls below the threshold for unrelated headers', () => {
    expect(score('achievements', field('achievements', 'title'), '序号')).toBeLessThan(THRESHOLD)
    expect(score('contracts', field('contracts', 'amount'), '备注')).toBeLessThan(THRESHOLD)
  })
})

describe('suggest', () => {
  it("maps an office's patent list and leaves the rest to the person", () => {
    const m = suggest('achievements', ['序号', '专利名称', '专利号', '发明人(贡献比例)', '申请日期', '类型'])
    expect(columnOf(m, 'title')).toMatchObject({ column: '专利名称', suggested: true, conversion: 'none' })
    expect(columnOf(m, 'application_no')).toMatchObject({ column: '专利号', conversion: 'none' })
    expect(columnOf(m, 'inventors')).toMatchObject({ column: '发明人(贡献比例)', conversion: 'names' })
    expect(columnOf(m, 'filed_on')).toMatchObject({ column: '申请日期', conversion: 'date' })
    expect(columnOf(m, 'kind')).toMatchObject({ column: '类型', conversion: 'choice' })
    // No number column: the 专利号 numbers the achievements too.
    expect(columnOf(m, 'achievement_no')).toMatchObject({ column: '专利号', suggested: true })
    for (const key of ['status', 'department', 'grant_no']) {
      expect(columnOf(m, key)).toMatchObject({ column: null, suggested: false })
    }
    expect(m.map((x) => x.field)).toEqual(TEMPLATE.achievements.map((f) => f.key))
  })

  it('converts 万元 when the header says so, and a similar header still matches', () => {
    const m = suggest('contracts', ['合同号', '项目名称', '合同类型', '甲方', '合同额(万元)', '签约日期', '合同登记号码'])
    expect(columnOf(m, 'amount')).toMatchObject({ column: '合同额(万元)', conversion: 'wan_yuan' })
    expect(columnOf(m, 'signed_on')).toMatchObject({ column: '签约日期', conversion: 'date' })
    expect(columnOf(m, 'counterparty').column).toBe('甲方')
    // 合同登记号码 is no synonym, but close to 合同登记号: 2·4 / (5+4) ≈ 0.89.
    expect(columnOf(m, 'registration_no').column).toBe('合同登记号码')
  })

  it('gives each column to one field only, the strongest match first', () => {
    // 金额 is exactly the costs template's header: it goes to amount, not to note or category.
    const m = suggest('costs', ['合同编号', '日期', '金额', '备注'])
    expect(m.filter((x) => x.column === '金额').map((x) => x.field)).toEqual(['amount'])
    expect(columnOf(m, 'note').column).toBe('备注')
    expect(columnOf(m, 'incurred_on').column).toBe('日期')
  })

  it('takes the first of two equal headers', () => {
    const m = suggest('people', ['姓名', '工号', '姓名'])
    expect(columnOf(m, 'name').column).toBe('姓名')
    expect(m.filter((x) => x.column === '姓名')).toHaveLength(1)
  })
})

describe('conversionFor', () => {
  it('picks 万元 only for money fields whose header says 万', () => {
    expect(conversionFor(field('contracts', 'amount'), '合同金额（万元）')).toBe('wan_yuan')
    expect(conversionFor(field('contracts', 'amount'), '合同金额')).toBe('yuan')
    expect(conversionFor(field('contracts', 'title'), '万元项目')).toBe('none')
    expect(conversionFor(field('receipts', 'received_on'), null)).toBe('date')
  })
})
