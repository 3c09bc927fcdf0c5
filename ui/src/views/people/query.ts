// The people list's filters, order and page live in the URL query (like the other lists), so that
// back from a person's page returns to the same view. Only non-default values are written.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { Category, LeaderLevel, PersonQuery, PersonSort } from '../../api'

export const PAGE_SIZES = [20, 50, 100]
export const CATEGORIES: Category[] = ['researcher', 'transfer_staff', 'other']
export const LEADER_LEVELS: LeaderLevel[] = ['none', 'unit_principal', 'unit_deputy', 'middle']
export const PERSON_SORTS: PersonSort[] = ['employee_id', 'name', 'department', 'category', 'leader_level', 'achievements']

export const FIRST_PERSON_PAGE: PersonQuery = {
  page: 1,
  page_size: 50,
  sort: null,
  descending: false,
  search: null,
  department: null,
  category: null,
  leader_level: null,
}

type Value = LocationQuery[string] | undefined
const text = (value: Value) => (typeof value === 'string' && value !== '' ? value : null)
const positive = (value: Value) => {
  const n = Number(text(value))
  return Number.isInteger(n) && n > 0 ? n : null
}
const oneOf = <T extends string>(list: T[], value: Value): T | null => list.find((v) => v === text(value)) ?? null

export function fromRoute(q: LocationQuery): PersonQuery {
  const size = positive(q.size)
  return {
    page: positive(q.page) ?? 1,
    page_size: size !== null && PAGE_SIZES.includes(size) ? size : FIRST_PERSON_PAGE.page_size,
    sort: oneOf(PERSON_SORTS, q.sort),
    descending: q.desc === '1',
    search: text(q.q),
    department: text(q.department),
    category: oneOf(CATEGORIES, q.category),
    leader_level: oneOf(LEADER_LEVELS, q.leader),
  }
}

export function toRoute(q: PersonQuery): LocationQueryRaw {
  const raw: LocationQueryRaw = {
    page: q.page !== 1 ? String(q.page) : undefined,
    size: q.page_size !== FIRST_PERSON_PAGE.page_size ? String(q.page_size) : undefined,
    sort: q.sort ?? undefined,
    desc: q.descending ? '1' : undefined,
    q: q.search ?? undefined,
    department: q.department ?? undefined,
    category: q.category ?? undefined,
    leader: q.leader_level ?? undefined,
  }
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined))
}

export const isFiltered = (q: PersonQuery) => q.search !== null || q.department !== null || q.category !== null || q.leader_level !== null
