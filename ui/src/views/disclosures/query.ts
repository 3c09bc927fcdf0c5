// The list's filters and page live in the URL query, like the other lists, so that back from a
// disclosure returns to the same page. Only non-default values are written.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { DISCLOSURE_STATUSES, FIRST_DISCLOSURE_PAGE } from '../../api/enums'
import type { DisclosureQuery } from '../../api'

export const PAGE_SIZES = [20, 50, 100]

/** disclosure.rs `DECISION_DAYS`: an undecided disclosure older than this is flagged (the backend decides which). */
export const DECISION_DAYS = 60

type Value = LocationQuery[string] | undefined

const text = (value: Value) => (typeof value === 'string' && value !== '' ? value : null)
const positive = (value: Value) => {
  const n = Number(text(value))
  return Number.isInteger(n) && n > 0 ? n : null
}

export function fromRoute(q: LocationQuery): DisclosureQuery {
  const size = positive(q.size)
  return {
    ...FIRST_DISCLOSURE_PAGE,
    page: positive(q.page) ?? 1,
    page_size: size !== null && PAGE_SIZES.includes(size) ? size : FIRST_DISCLOSURE_PAGE.page_size,
    status: DISCLOSURE_STATUSES.find((s) => s === text(q.status)) ?? null,
    department: text(q.department),
    year: positive(q.year),
    search: text(q.q),
  }
}

export function toRoute(q: DisclosureQuery): LocationQueryRaw {
  const raw: LocationQueryRaw = {
    page: q.page !== 1 ? String(q.page) : undefined,
    size: q.page_size !== FIRST_DISCLOSURE_PAGE.page_size ? String(q.page_size) : undefined,
    status: q.status ?? undefined,
    department: q.department ?? undefined,
    year: q.year !== null ? String(q.year) : undefined,
    q: q.search ?? undefined,
  }
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined))
}

export const isFiltered = (q: DisclosureQuery) => q.status !== null || q.department !== null || q.year !== null || q.search !== null
