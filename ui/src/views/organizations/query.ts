// The organization list's filters, order and page live in the URL query, like the other lists.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { OrganizationQuery, OrganizationSort, Ownership } from '../../api'

export const PAGE_SIZES = [20, 50, 100]
export const OWNERSHIPS: Ownership[] = ['state_owned', 'private', 'foreign', 'university', 'institute', 'other']
export const ORGANIZATION_SORTS: OrganizationSort[] = ['name', 'credit_code', 'ownership', 'region', 'contracts', 'amount']

export const FIRST_ORGANIZATION_PAGE: OrganizationQuery = {
  page: 1,
  page_size: 50,
  sort: null,
  descending: false,
  search: null,
  ownership: null,
  region: null,
}

type Value = LocationQuery[string] | undefined
const text = (value: Value) => (typeof value === 'string' && value !== '' ? value : null)
const positive = (value: Value) => {
  const n = Number(text(value))
  return Number.isInteger(n) && n > 0 ? n : null
}
const oneOf = <T extends string>(list: T[], value: Value): T | null => list.find((v) => v === text(value)) ?? null

export function fromRoute(q: LocationQuery): OrganizationQuery {
  const size = positive(q.size)
  return {
    page: positive(q.page) ?? 1,
    page_size: size !== null && PAGE_SIZES.includes(size) ? size : FIRST_ORGANIZATION_PAGE.page_size,
    sort: oneOf(ORGANIZATION_SORTS, q.sort),
    descending: q.desc === '1',
    search: text(q.q),
    ownership: oneOf(OWNERSHIPS, q.ownership),
    region: text(q.region),
  }
}

export function toRoute(q: OrganizationQuery): LocationQueryRaw {
  const raw: LocationQueryRaw = {
    page: q.page !== 1 ? String(q.page) : undefined,
    size: q.page_size !== FIRST_ORGANIZATION_PAGE.page_size ? String(q.page_size) : undefined,
    sort: q.sort ?? undefined,
    desc: q.descending ? '1' : undefined,
    q: q.search ?? undefined,
    ownership: q.ownership ?? undefined,
    region: q.region ?? undefined,
  }
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined))
}

export const isFiltered = (q: OrganizationQuery) => q.search !== null || q.ownership !== null || q.region !== null
