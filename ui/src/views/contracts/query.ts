// The contract list's filters and page live in the URL query (Back returns to the same page).
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { CONTRACT_KINDS } from '../../api/enums'
import type { ContractQuery } from '../../api'

export const PAGE_SIZES = [20, 50, 100]

export const FIRST_CONTRACT_PAGE: ContractQuery = { page: 1, page_size: 20, kind: null, year: null, search: null, overdue: false, recordal: false, department: null }

type Value = LocationQuery[string] | undefined

const text = (value: Value) => (typeof value === 'string' && value !== '' ? value : null)
const positive = (value: Value) => {
  const n = Number(text(value))
  return Number.isInteger(n) && n > 0 ? n : null
}

export function fromRoute(q: LocationQuery): ContractQuery {
  const size = positive(q.size)
  return {
    page: positive(q.page) ?? 1,
    page_size: size !== null && PAGE_SIZES.includes(size) ? size : FIRST_CONTRACT_PAGE.page_size,
    kind: CONTRACT_KINDS.find((k) => k === text(q.kind)) ?? null,
    year: positive(q.year),
    search: text(q.q),
    overdue: q.overdue === '1',
    recordal: q.recordal === '1',
    department: text(q.dept),
  }
}

export function toRoute(q: ContractQuery): LocationQueryRaw {
  const raw: LocationQueryRaw = {
    page: q.page !== 1 ? String(q.page) : undefined,
    size: q.page_size !== FIRST_CONTRACT_PAGE.page_size ? String(q.page_size) : undefined,
    kind: q.kind ?? undefined,
    year: q.year !== null ? String(q.year) : undefined,
    q: q.search ?? undefined,
    overdue: q.overdue ? '1' : undefined,
    recordal: q.recordal ? '1' : undefined,
    dept: q.department ?? undefined,
  }
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined))
}

export const isFiltered = (q: ContractQuery) => q.kind !== null || q.year !== null || q.search !== null || q.overdue || q.recordal || q.department !== null
