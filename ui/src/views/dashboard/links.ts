// Where each figure of the start screen leads: the filtered list behind a deadline, and the
// record behind one of its items.
import type { RouteLocationRaw } from 'vue-router'
import type { DeadlineKind } from '../../api'

/** The list that holds every item of a deadline. */
export function deadlineList(kind: DeadlineKind): RouteLocationRaw {
  switch (kind) {
    case 'fees_due30':
      return { name: 'fees', query: { tab: 'due30' } }
    case 'fees_due60':
      return { name: 'fees', query: { tab: 'due60' } }
    case 'fees_due90':
      return { name: 'fees', query: { tab: 'due90' } }
    case 'fees_in_grace':
      return { name: 'fees', query: { tab: 'grace' } }
    case 'publicity_ending':
      return { name: 'publicity' }
    case 'reward_publicity_ending':
    case 'distributions_to_pay':
      return { name: 'rewards', query: { state: 'publicized' } }
    case 'payments_overdue':
      return { name: 'contracts', query: { overdue: '1' } }
    case 'payments_due':
      return { name: 'contracts', query: { tab: 'receivables' } }
    case 'distributions_to_approve':
      return { name: 'rewards', query: { state: 'draft' } }
    case 'distributions_to_publicize':
      return { name: 'rewards', query: { state: 'approved' } }
    case 'distributions_overdue':
      return { name: 'rewards', query: { overdue: '1' } }
    case 'prosecution_missed':
      return { name: 'prosecution', query: { within: '0' } }
    case 'prosecution_due':
      return { name: 'prosecution', query: { within: '30' } }
  }
}

/** The page of one item of a deadline (a publicity has no page of its own: its list). */
export function deadlineItem(kind: DeadlineKind, id: number): RouteLocationRaw {
  switch (kind) {
    case 'fees_due30':
    case 'fees_due60':
    case 'fees_due90':
    case 'fees_in_grace':
    case 'prosecution_missed':
    case 'prosecution_due':
      return { name: 'achievement', params: { id } }
    case 'publicity_ending':
      return { name: 'publicity' }
    case 'payments_overdue':
    case 'payments_due':
      return { name: 'contract', params: { id } }
    case 'reward_publicity_ending':
    case 'distributions_to_pay':
    case 'distributions_to_approve':
    case 'distributions_to_publicize':
    case 'distributions_overdue':
      return { name: 'reward', params: { id } }
  }
}

/** Change against last year, in whole percent; null when last year had nothing. */
export function change(now: number, before: number): number | null {
  if (before === 0) return null
  return Math.round(((now - before) * 100) / before)
}
