// The grant list's search and page live in the URL query, like the other lists, so that a reload
// or Back keeps them. Only non-default values are written.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { GrantQuery } from '../../api'

export const PAGE_SIZES = [20, 50, 100]

export const FIRST_GRANT_PAGE: GrantQuery = { page: 1, page_size: 20, search: null }

type Value = LocationQuery[string] | undefined
const text = (value: Value) => (typeof value === 'string' && value !== '' ? value : null)
const positive = (value: Value) => {
  const n = Number(text(value))
  return Number.isInteger(n) && n > 0 ? n : null
}

export function fromRoute(q: LocationQuery): GrantQuery {
  const size = positive(q.size)
  return {
    page: positive(q.page) ?? 1,
    page_size: size !== null && PAGE_SIZES.includes(size) ? size : FIRST_GRANT_PAGE.page_size,
    search: text(q.q),
  }
}

export function toRoute(q: GrantQuery): LocationQueryRaw {
  const raw: LocationQueryRaw = {
    page: q.page !== 1 ? String(q.page) : undefined,
    size: q.page_size !== FIRST_GRANT_PAGE.page_size ? String(q.page_size) : undefined,
    q: q.search ?? undefined,
  }
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined))
}
