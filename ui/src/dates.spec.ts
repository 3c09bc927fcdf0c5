import { describe, expect, it } from 'vitest'
import { baseName, nextDay, weekday } from './dates'

describe('reward dates', () => {
  it('names the next day across month and year ends', () => {
    expect(nextDay('2026-10-26')).toBe('2026-10-27')
    expect(nextDay('2024-02-28')).toBe('2024-02-29')
    expect(nextDay('2026-12-31')).toBe('2027-01-01')
  })

  it('knows the weekday', () => {
    expect(weekday('2026-10-24')).toBe(6)
    expect(weekday('2026-10-26')).toBe(1)
    expect(weekday('2024-01-23')).toBe(2)
  })

  it('takes the file name from a path', () => {
    expect(baseName('/home/office/会议纪要/纪要.pdf')).toBe('纪要.pdf')
    expect(baseName('C:\\docs\\a.docx')).toBe('a.docx')
    expect(baseName('a.pdf')).toBe('a.pdf')
  })
})
