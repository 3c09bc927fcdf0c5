// Display helpers of the annual report screen. The figures themselves are the backend's; these
// only format them (fen → 万元 exactly, by integer arithmetic) and count days to the due date.
import type { Indicators } from '../../api'
import { formatFen } from '../../format'

/** Paths whose figure is money in fen (shown in 万元); the rest are counts. */
export const isMoney = (path: string): boolean => path.endsWith('_fen') || path === 'rewards.equity_units'

/** `470000000` fen → `'470.0000'` 万元: rounded half up to the yuan, four decimals, no grouping. */
export function formatWan(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const yuan = (BigInt(Math.abs(fen)) + 50n) / 100n
  return `${sign}${(yuan / 10000n).toString()}.${(yuan % 10000n).toString().padStart(4, '0')}`
}

/** A figure as the form shows it: 万元 for money, the integer for counts. */
export const formatFigure = (path: string, value: number): string => (isMoney(path) ? formatWan(value) : String(value))

/** The same figure in yuan (the hover text of money). */
export const figureYuan = (path: string, value: number): string => (isMoney(path) ? formatFen(value) : String(value))

const utcDay = (iso: string) => {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number]
  return Date.UTC(y, m - 1, d) / 86_400_000
}

/** Whole days from `today` to `due`: positive before, 0 on the day, negative once overdue. */
export const daysUntil = (today: string, due: string): number => utcDay(due) - utcDay(today)

type Tree = { [key: string]: number | string | Tree }

/** Every numeric leaf of the indicators as [dotted path, value] (the year itself excluded). */
export function indicatorLeaves(indicators: Indicators): [string, number][] {
  const out: [string, number][] = []
  const walk = (node: Tree, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      const path = prefix ? `${prefix}.${key}` : key
      if (typeof value === 'number' && path !== 'year') out.push([path, value])
      else if (typeof value === 'object') walk(value, path)
    }
  }
  walk(indicators as unknown as Tree, '')
  return out
}

/** The value at a dotted path (0 when absent). */
export function figureAt(indicators: Indicators, path: string): number {
  const value = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], indicators)
  return typeof value === 'number' ? value : 0
}

/** The years offered: the year before today first, back to 2016, and today's year. */
export function reportYears(today: string): number[] {
  const current = Number(today.slice(0, 4))
  return Array.from({ length: current - 2015 }, (_, i) => current - i)
}

/**
 * The label of an indicator path: its `ind.` text, or for the breakdowns keyed by data (a
 * province, an industry section) the key with the figure's name.
 */
export function indicatorLabel(t: (key: string) => string, path: string): string {
  const m = /^transformation\.(by_province|by_industry)\.([^.]+)\.(count|contract_amount_fen)$/.exec(path)
  if (!m) return t(`ind.${path}`)
  return `${m[2]}：${t(m[3] === 'count' ? 'annual.contracts' : 'annual.amount')}`
}
