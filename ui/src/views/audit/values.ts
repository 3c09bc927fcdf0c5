// Which of the UI's own lists names the coded values of a logged field (`license` → 许可…), by
// `entity.field`, or `*.field` where the key means the same in every record.
export const LISTS: Record<string, string> = {
  'achievement.kind': 'kind',
  'achievement.status': 'status',
  'disclosure.intended_protection': 'kind',
  'disclosure.funding_source': 'disclosure.fundingSources',
  'disclosure_decision.decision': 'disclosure.decisions',
  'contract.kind': 'contractKind',
  'receipt.kind': 'receiptKind',
  'cost.category': 'costCategory',
  'person.category': 'people.categories',
  'distribution.state': 'distState',
  'institution.kind': 'profile.kinds',
  'valuation.kind': 'valuation.kinds',
  'merge.kind': 'merge.kinds',
  '*.contract_kind': 'contractKind',
  '*.license_kind': 'licenseKind',
  '*.pricing': 'pricing',
  '*.ownership': 'ownership',
  '*.size': 'size',
  '*.leader_level': 'leaderLevel',
}

/** The message key naming `value` of `entity.field`, or undefined when the field has no list. */
export function valueKey(entity: string, field: string, value: string): string | undefined {
  const list = LISTS[`${entity}.${field}`] ?? LISTS[`*.${field}`]
  return list === undefined ? undefined : `${list}.${value}`
}
