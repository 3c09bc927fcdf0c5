import type { Allocation, Finding } from '../../api'

/** The person a finding names, as `姓名（工号）`-style parts for the sentence. */
export function findingPerson(finding: Finding, allocations: Allocation[]): { name: string; id: string } | null {
  if (finding.employee_id === null) return null
  const line = allocations.find((a) => a.employee_id === finding.employee_id)
  return { name: line?.name ?? finding.employee_id, id: finding.employee_id }
}

/** Row highlight for the allocation table: an error finding on the person outweighs a warning. */
export function findingLevel(employeeId: string, findings: Finding[]): 'error' | 'warning' | null {
  const own = findings.filter((f) => f.employee_id === employeeId)
  if (own.some((f) => f.severity === 'error')) return 'error'
  return own.length ? 'warning' : null
}
