// The list's filters and page live in the URL query, like the portfolio list, so that back from
// a distribution returns to the same page. Only non-default values are written.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { DISTRIBUTION_STATES, FIRST_DISTRIBUTION_PAGE } from '../../api/enums'
import type { DistributionQuery } from '../../api'

export const PAGE_SIZES = [20, 50, 100]

type Value = LocationQuery[string] | undefined

const text = (value: Value) => (typeof value === 'string' && value !== '' ? value : null)
const positive = (value: Value) => {
  const n = Number(text(value))
  return Number.isInteger(n) && n > 0 ? n : null
}

export function fromRoute(q: LocationQuery): DistributionQuery {
  const size = positive(q.size)
  return {
    ...FIRST_DISTRIBUTION_PAGE,
    page: positive(q.page) ?? 1,
    page_size: size !== null && PAGE_SIZES.includes(size) ? size : FIRST_DISTRIBUTION_PAGE.page_size,
    state: DISTRIBUTION_STATES.find((s) => s === text(q.state)) ?? null,
    search: text(q.q),
    year: positive(q.year),
    overdue: q.overdue === '1',
  }
}

export function toRoute(q: DistributionQuery): LocationQueryRaw {
  const raw: LocationQueryRaw = {
    page: q.page !== 1 ? String(q.page) : undefined,
    size: q.page_size !== FIRST_DISTRIBUTION_PAGE.page_size ? String(q.page_size) : undefined,
    state: q.state ?? undefined,
    q: q.search ?? undefined,
    year: q.year !== null ? String(q.year) : undefined,
    overdue: q.overdue ? '1' : undefined,
  }
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined))
}

export const isFiltered = (q: DistributionQuery) => q.state !== null || q.search !== null || q.year !== null || q.overdue
