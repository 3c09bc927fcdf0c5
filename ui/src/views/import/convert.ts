// The wizard's conversions as the screen shows an example of them (and the fake backend applies
// them): the backend converts for real, with the same rules (core/src/import/mapping.rs).
// Amounts go digit by digit, never through a float.

/** `12.5万元`, `12.5万`, `12.5` (万元) → fen (12.5 万元 = 12,500,000 fen); null when not such an amount. */
export function wanToFen(text: string): number | null {
  const t = text.replace(/[\s,，]/g, '').replace(/^[¥￥]/, '').replace(/万元?$/, '')
  const m = /^(\d{0,12})(?:\.(\d{0,6}))?$/.exec(t)
  if (!m || (!m[1] && !m[2])) return null
  // 万元 × 10^6 = fen.
  return Number(BigInt(`${m[1] || '0'}${(m[2] ?? '').padEnd(6, '0')}`))
}

/** An Excel serial day (1900 system: days since 1899-12-30) as `YYYY-MM-DD`; null outside 1900–2200. */
export function excelSerial(n: number): string | null {
  if (!Number.isFinite(n) || n < 1) return null
  const day = new Date(Date.UTC(1899, 11, 30) + Math.trunc(n) * 86_400_000)
  const y = day.getUTCFullYear()
  if (y < 1900 || y > 2200) return null
  return `${y}-${String(day.getUTCMonth() + 1).padStart(2, '0')}-${String(day.getUTCDate()).padStart(2, '0')}`
}

/** `2024年3月5日`, `2024.3.5`, `2024/03/05`, `2024-03-05 00:00:00`, `20240305` → `2024-03-05`; null when no such day. */
export function chineseDate(text: string): string | null {
  let t = text.trim().split(/[ T]/)[0] ?? ''
  if (/^\d{8}$/.test(t)) t = `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6)}`
  t = t.replace(/[年月]/g, '-').replace(/日$/, '').replace(/[./／－．]/g, '-').replace(/-$/, '')
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const day = new Date(Date.UTC(y, mo - 1, d))
  if (y < 1900 || y > 2200 || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return null
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

export interface NameShare {
  name: string
  starred: boolean
  /** Basis points; null when the entry has no share. */
  bp: number | null
}

/** `张三(60%)、李四（40）` → [{张三, 6000}, {李四, 4000}]; a share that is not a percentage is NaN. */
export function splitNames(text: string): NameShare[] {
  return text
    .split(/[、，,;；/\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((token) => {
      const m = /^(.*?)\s*(?:[(（]\s*([^)）]*?)\s*[)）]|[:：]\s*(.*))$/.exec(token)
      let name = (m ? (m[1] ?? '') : token).trim()
      const share = m ? (m[2] ?? m[3] ?? '').trim() : null
      const starred = /[*＊]$/.test(name)
      if (starred) name = name.slice(0, -1).trim()
      return { name, starred, bp: share === null ? null : percentToBp(share) }
    })
}

function percentToBp(text: string): number {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.replace(/[%％]$/, '').trim())
  if (!m) return NaN
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
  return bp > 0 && bp <= 10000 ? bp : NaN
}
