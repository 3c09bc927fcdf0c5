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
