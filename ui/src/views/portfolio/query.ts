// The list's state lives in the URL query, so that back from a detail page returns to the same
// page, filters and order. Only non-default values are written; anything unknown is ignored.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { FIRST_PAGE, KINDS, SORT_KEYS, STATUSES } from '../../api/enums'
import type { AchievementQuery } from '../../api'

export const PAGE_SIZES = [50, 100, 200]

const DEFAULT: AchievementQuery = { ...FIRST_PAGE, page_size: PAGE_SIZES[0] as number }

type Value = LocationQuery[string] | undefined

const text = (value: Value) => (typeof value === 'string' && value !== '' ? value : null)
const oneOf = <T extends string>(allowed: readonly T[], value: Value) =>
  allowed.find((a) => a === text(value)) ?? null
const positive = (value: Value) => {
  const n = Number(text(value))
  return Number.isInteger(n) && n > 0 ? n : null
}

export function fromRoute(q: LocationQuery): AchievementQuery {
  const size = positive(q.size)
  return {
    page: positive(q.page) ?? DEFAULT.page,
    page_size: size !== null && PAGE_SIZES.includes(size) ? size : DEFAULT.page_size,
    sort: oneOf(SORT_KEYS, q.sort),
    descending: q.desc === '1',
    kind: oneOf(KINDS, q.kind),
    status: oneOf(STATUSES, q.status),
    department: text(q.department),
    year: positive(q.year),
    search: text(q.q),
  }
}

export function toRoute(q: AchievementQuery): LocationQueryRaw {
  const raw: LocationQueryRaw = {
    page: q.page !== DEFAULT.page ? String(q.page) : undefined,
    size: q.page_size !== DEFAULT.page_size ? String(q.page_size) : undefined,
    sort: q.sort ?? undefined,
    desc: q.descending ? '1' : undefined,
    kind: q.kind ?? undefined,
    status: q.status ?? undefined,
    department: q.department ?? undefined,
    year: q.year !== null ? String(q.year) : undefined,
    q: q.search ?? undefined,
  }
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined))
}

/** True when a filter (not paging or order) narrows the list. */
export const isFiltered = (q: AchievementQuery) =>
  q.kind !== null || q.status !== null || q.department !== null || q.year !== null || q.search !== null
