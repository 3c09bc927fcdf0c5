// The values of the generated union types, for selects and URL validation. Each list is derived
// from a Record over the union, so a new Rust variant fails the type check here.
import type {
  AchievementKind,
  AchievementQuery,
  AchievementStatus,
  ContractKind,
  DayKind,
  DistributionQuery,
  DistributionState,
  LeaderLevel,
  SortKey,
  Table,
} from './types.gen'
import type { DisclosureDecision, DisclosureQuery, DisclosureStatus, FundingSource, ValuationKind, ValuationMethod } from './types.gen'

const keys = <K extends string>(record: Record<K, true>) => Object.keys(record) as K[]

export const KINDS = keys<AchievementKind>({
  invention_patent: true,
  utility_model: true,
  design_patent: true,
  software_copyright: true,
  ic_layout: true,
  plant_variety: true,
  know_how: true,
  other: true,
})

export const STATUSES = keys<AchievementStatus>({ pending: true, in_force: true, lapsed: true, abandoned: true, expired: true })

export const SORT_KEYS = keys<SortKey>({
  achievement_no: true,
  title: true,
  kind: true,
  application_no: true,
  filed_on: true,
  granted_on: true,
  status: true,
  department: true,
})

/** In the order an office must import them: later tables refer to earlier ones. */
export const TABLES = keys<Table>({ people: true, organizations: true, achievements: true, contracts: true, receipts: true, costs: true })

/** The first page of the whole list: no filter, the default order. */
export const FIRST_PAGE: AchievementQuery = {
  page: 1,
  page_size: 50,
  sort: null,
  descending: false,
  kind: null,
  status: null,
  department: null,
  year: null,
  search: null,
}

export const CONTRACT_KINDS = keys<ContractKind>({ transfer: true, license: true, equity: true, development: true, consulting: true, service: true })

/** In workflow order: draft → approved → publicized → paid. */
export const DISTRIBUTION_STATES = keys<DistributionState>({ draft: true, approved: true, publicized: true, paid: true })

export const LEADER_LEVELS = keys<LeaderLevel>({ none: true, unit_principal: true, unit_deputy: true, middle: true })

export const DAY_KINDS = keys<DayKind>({ rest: true, work: true })

/** The first page of all distributions, newest first. */
export const FIRST_DISTRIBUTION_PAGE: DistributionQuery = {
  page: 1,
  page_size: 20,
  state: null,
  contract_no: null,
  search: null,
  year: null,
  overdue: false,
}

// Disclosures (成果披露) and valuations (评估).

export const FUNDING_SOURCES = keys<FundingSource>({ fiscal: true, enterprise: true, own: true, other: true })

/** A disclosure's decisions, and an assessment's recommendations, in the order offered. */
export const DECISIONS = keys<DisclosureDecision>({ file_patent: true, keep_secret: true, grant_to_inventors: true, drop: true })

/** In workflow order: received → assessed → decided → converted, or dropped. */
export const DISCLOSURE_STATUSES = keys<DisclosureStatus>({ received: true, assessed: true, decided: true, converted: true, dropped: true })

export const VALUATION_KINDS = keys<ValuationKind>({ appraisal: true, internal: true })

/** 收益法, 市场法, 成本法: the order the backend keeps them in. */
export const VALUATION_METHODS = keys<ValuationMethod>({ income: true, market: true, cost: true })

/** The first page of all disclosures, newest receipt first. */
export const FIRST_DISCLOSURE_PAGE: DisclosureQuery = { page: 1, page_size: 20, status: null, department: null, year: null, search: null }
