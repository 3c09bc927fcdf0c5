// The audit viewer's filters and page live in the URL query (like the other lists), so that back
// from an opened record returns to the same view; `entry` names the entry to show in the drawer
// (the verify result links to the first broken one). Only non-default values are written.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { AuditQuery } from '../../api'

export const PAGE_SIZES = [50, 100, 200]
export const ACTIONS = ['insert', 'update', 'delete'] as const
export type AuditListQuery = AuditQuery & { entry: number | null }

export const FIRST_AUDIT_PAGE: AuditListQuery = {
  page: 1,
  page_size: 50,
  entity: null,
  entity_key: null,
  action: null,
  actor: null,
  from: null,
  to: null,
  entry: null,
}

type Value = LocationQuery[string] | undefined
const text = (value: Value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null)
const positive = (value: Value) => {
  const n = Number(text(value))
  return Number.isInteger(n) && n > 0 ? n : null
}
const day = (value: Value) => {
  const t = text(value)
  return t !== null && /^\d{4}-\d{2}-\d{2}$/.test(t) ? t : null
}

export function fromRoute(q: LocationQuery): AuditListQuery {
  const size = positive(q.size)
  return {
    page: positive(q.page) ?? 1,
    page_size: size !== null && PAGE_SIZES.includes(size) ? size : FIRST_AUDIT_PAGE.page_size,
    entity: text(q.entity),
    entity_key: text(q.key),
    action: ACTIONS.find((a) => a === text(q.action)) ?? null,
    actor: text(q.actor),
    from: day(q.from),
    to: day(q.to),
    entry: positive(q.entry),
  }
}

export function toRoute(q: AuditListQuery): LocationQueryRaw {
  const raw: LocationQueryRaw = {
    page: q.page !== 1 ? String(q.page) : undefined,
    size: q.page_size !== FIRST_AUDIT_PAGE.page_size ? String(q.page_size) : undefined,
    entity: q.entity ?? undefined,
    key: q.entity_key ?? undefined,
    action: q.action ?? undefined,
    actor: q.actor ?? undefined,
    from: q.from ?? undefined,
    to: q.to ?? undefined,
    entry: q.entry !== null ? String(q.entry) : undefined,
  }
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined))
}

/** What the backend is asked: the list's filters without the drawer's entry. */
export function backendQuery(q: AuditListQuery): AuditQuery {
  const { page, page_size, entity, entity_key, action, actor, from, to } = q
  return { page, page_size, entity, entity_key, action, actor, from, to }
}

export const isFiltered = (q: AuditQuery) =>
  q.entity !== null || q.entity_key !== null || q.action !== null || q.actor !== null || q.from !== null || q.to !== null
