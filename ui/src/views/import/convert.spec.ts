import { describe, expect, it } from 'vitest'
import { chineseDate, excelSerial, splitNames, wanToFen } from './convert'

describe('wanToFen', () => {
  it('moves the decimal four places, exactly', () => {
    expect(wanToFen('12.5万元')).toBe(12_500_000)
    expect(wanToFen('12.5')).toBe(12_500_000)
    expect(wanToFen('0.000001')).toBe(1)
    expect(wanToFen('1,234.5678万')).toBe(1_234_567_800)
    // 0.1 + 0.2 in floats is 0.30000000000000004; digits are exact.
    expect(wanToFen('0.3')).toBe(300_000)
  })

  it('refuses what is not an amount in 万元', () => {
    for (const bad of ['', '-1', '十万', '0.0000001', '1.2.3']) expect(wanToFen(bad)).toBeNull()
  })
})

describe('chineseDate', () => {
  it('reads the ways offices write dates', () => {
    expect(chineseDate('2024年3月5日')).toBe('2024-03-05')
    expect(chineseDate('2024.3.5')).toBe('2024-03-05')
    expect(chineseDate('2024/03/05')).toBe('2024-03-05')
    expect(chineseDate('2024-03-05 00:00:00')).toBe('2024-03-05')
    expect(chineseDate('20240305')).toBe('2024-03-05')
  })

  it('refuses days that do not exist and partial dates', () => {
    expect(chineseDate('2024.2.30')).toBeNull()
    expect(chineseDate('2023年2月29日')).toBeNull()
    expect(chineseDate('2024年3月')).toBeNull()
  })
})

describe('excelSerial', () => {
  it('counts days from 1899-12-30', () => {
    expect(excelSerial(45356)).toBe('2024-03-05')
    expect(excelSerial(45474.5)).toBe('2024-07-01')
    expect(excelSerial(0)).toBeNull()
  })
})

describe('splitNames', () => {
  it('splits names with shares in brackets', () => {
    expect(splitNames('张三(60%)、李四（40）')).toEqual([
      { name: '张三', starred: false, bp: 6000 },
      { name: '李四', starred: false, bp: 4000 },
    ])
    expect(splitNames('张三*（33.33％）；李四:66.67 / 王五')).toEqual([
      { name: '张三', starred: true, bp: 3333 },
      { name: '李四', starred: false, bp: 6667 },
      { name: '王五', starred: false, bp: null },
    ])
    expect(splitNames('张三(六十)')[0]?.bp).toBeNaN()
  })
})
