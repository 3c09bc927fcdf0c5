// Money arrives as integer fen and ratios as basis points; both are formatted with integer
// arithmetic so that no float ever rounds a figure the office has to reconcile.

const groups = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')

/** `12345678` → `¥123,456.78`, `-5` → `-¥0.05`. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = BigInt(Math.abs(fen))
  const yuan = abs / 100n
  const cents = (abs % 100n).toString().padStart(2, '0')
  return `${sign}¥${groups(yuan.toString())}.${cents}`
}

/** `5000` → `50%`, `3333` → `33.33%`, `1250` → `12.5%`. */
export function formatBp(bp: number): string {
  const sign = bp < 0 ? '-' : ''
  const abs = Math.abs(bp)
  const whole = Math.trunc(abs / 100)
  const frac = (abs % 100).toString().padStart(2, '0').replace(/0+$/, '')
  return `${sign}${whole}${frac ? `.${frac}` : ''}%`
}

/** Dates and optional fields are shown as stored; an absent value shows a dash. */
export function orDash(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : String(value)
}

// Form fields hold text; these turn it into fen and basis points (and back) exactly, digit by
// digit, so that "70.55" is 7055 bp and "1,000.10" is 100010 fen with no float in between.

const PERCENT = /^(\d{1,6})(?:\.(\d{1,2}))?$/
const YUAN = /^(\d{1,13}|\d{1,3}(?:,\d{3}){1,4})(?:\.(\d{1,2}))?$/

/** `"70"` → 7000, `"12.5"` → 1250, `"0.01"` → 1; null for anything else (range is the backend's rule). */
export function parsePercent(text: string): number | null {
  const m = PERCENT.exec(text.trim().replace(/%$/, '').trim())
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}

/** The editing text of a ratio: 7000 → `"70"`, 1250 → `"12.5"`, 1 → `"0.01"`. */
export function percentText(bp: number): string {
  return formatBp(bp).replace(/%$/, '')
}

/** `"1,000.5"` or `"¥1000.50"` → 100050 fen; null for anything else (negative amounts included). */
export function parseYuan(text: string): number | null {
  const m = YUAN.exec(text.trim().replace(/^[¥￥]\s*/, ''))
  if (!m) return null
  const fen = BigInt(m[1]!.replace(/,/g, '')) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'))
  return fen <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(fen) : null
}

/** The editing text of an amount, without grouping: 100050 → `"1000.50"`. */
export function yuanText(fen: number): string {
  return formatFen(fen).replace('¥', '').replace(/,/g, '')
}
