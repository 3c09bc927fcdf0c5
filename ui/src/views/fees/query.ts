// The fee screen's tab and page live in the URL query, so that back from an achievement returns
// to the same tab and page. Only non-default values are written.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { FeeQuery, FeeStatus, Reduction, YearStatus } from '../../api'

/** 30/60/90 天内到期, 宽限期内, 已过宽限期. */
export const TABS = ['due30', 'due60', 'due90', 'grace', 'lapsed'] as const
export type Tab = (typeof TABS)[number]
export const PAGE_SIZES = [20, 50, 100]
const DEFAULT_TAB: Tab = 'due90'
const DEFAULT_SIZE = 50

/** What the screen shows: a tab and a page of it. */
export interface FeeView {
  tab: Tab
  page: number
  page_size: number
}

type Value = LocationQuery[string] | undefined
const positive = (value: Value) => {
  const n = typeof value === 'string' ? Number(value) : NaN
  return Number.isInteger(n) && n > 0 ? n : null
}

export function fromRoute(q: LocationQuery): FeeView {
  const size = positive(q.size)
  return {
    tab: TABS.find((t) => t === q.tab) ?? DEFAULT_TAB,
    page: positive(q.page) ?? 1,
    page_size: size !== null && PAGE_SIZES.includes(size) ? size : DEFAULT_SIZE,
  }
}

export function toRoute(v: FeeView): LocationQueryRaw {
  const raw: LocationQueryRaw = {
    tab: v.tab !== DEFAULT_TAB ? v.tab : undefined,
    page: v.page !== 1 ? String(v.page) : undefined,
    size: v.page_size !== DEFAULT_SIZE ? String(v.page_size) : undefined,
  }
  return Object.fromEntries(Object.entries(raw).filter(([, x]) => x !== undefined))
}

/** How far ahead a tab looks: the due tabs their days; the others do not depend on it. */
export function withinDays(tab: Tab): number {
  return tab === 'due30' ? 30 : tab === 'due60' ? 60 : 90
}

export function statusOf(tab: Tab): FeeStatus {
  return tab === 'grace' || tab === 'lapsed' ? tab : 'due'
}

/** The backend query of a view. */
export function feeQuery(v: FeeView): FeeQuery {
  return { status: statusOf(v.tab), within_days: withinDays(v.tab), page: v.page, page_size: v.page_size }
}

/** Tag colours of a fee's or a schedule year's standing. */
export const STATUS_TYPES: Record<YearStatus, 'info' | 'primary' | 'warning' | 'success' | 'danger'> = {
  before_grant: 'info',
  paid: 'success',
  due: 'primary',
  grace: 'warning',
  lapsed: 'danger',
  upcoming: 'info',
  ended: 'info',
}

/** The part of the full fee paid, in bp, for the label "减缴 85%" and the like. */
export const PAYABLE_BP: Record<Reduction, number> = { none: 10000, sole_owner: 1500, co_owned: 3000, open_license: 8500 }

/**
 * The month of lateness a surcharge rate stands for (docs/rules/fees.md "Grace period and
 * surcharge": 5% more per month from the second month after the due date): 0 → 0 (none),
 * 500 → 2, …, 2500 → 6.
 */
export const lateMonth = (surchargeBp: number): number => (surchargeBp <= 0 ? 0 : Math.round(surchargeBp / 500) + 1)
