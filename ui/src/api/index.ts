// The only module that talks to the Tauri backend. Every screen goes through these functions,
// so the fake build (`--mode fake`) can swap the whole backend for src/api/fake.ts (portfolio,
// import) and src/api/fake-rewards.ts (distributions, policies, holidays).
import { invoke, type InvokeArgs } from '@tauri-apps/api/core'
import { open, save } from '@tauri-apps/plugin-dialog'
import * as fake from './fake'
import * as fakeRewards from './fake-rewards'
import * as fakeAnnual from './fake-annual'
import { ApiError } from './error'
import type {
  AchievementDetail,
  AnnualReport,
  AchievementPage,
  AchievementQuery,
  Approval,
  ContractChoice,
  Distribution,
  DistributionPage,
  DistributionQuery,
  Holiday,
  ImportSummary,
  Institution,
  Policy,
  PortfolioFilters,
  Proposal,
  RecordLine,
  ReportYear,
  StaffChoice,
  Table,
} from './types.gen'

export { ApiError }
export type * from './types.gen'

// A build-time constant: the real build drops the fake backend entirely.
const useFake = import.meta.env.VITE_BACKEND === 'fake'

async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args)
  } catch (error) {
    throw ApiError.from(error)
  }
}

export function getInstitution(): Promise<Institution> {
  return useFake ? fake.getInstitution() : call('get_institution')
}

export function listAchievements(query: AchievementQuery): Promise<AchievementPage> {
  return useFake ? fake.listAchievements(query) : call('list_achievements', { query })
}

export function getAchievement(id: number): Promise<AchievementDetail> {
  return useFake ? fake.getAchievement(id) : call('get_achievement', { id })
}

export function portfolioFilters(): Promise<PortfolioFilters> {
  return useFake ? fake.portfolioFilters() : call('portfolio_filters')
}

/** Tauri turns `dryRun` into the command's `dry_run` argument. */
export function importFile(table: Table, path: string, dryRun: boolean): Promise<ImportSummary> {
  return useFake ? fake.importFile(table, path, dryRun) : call('import_file', { table, path, dryRun })
}

// Reward distributions (收益分配). `through` null: the backend's today.

/** The next distribution of a contract as it would be saved now; nothing is written. */
export function planDistribution(contractNo: string, through: string | null, staff: string[]): Promise<Proposal> {
  return useFake ? fakeRewards.planDistribution(contractNo, through, staff) : call('plan_distribution', { contractNo, through, staff })
}

/** Saves the plan as a draft (refused while the contract has an unpaid distribution). */
export function createDistribution(contractNo: string, through: string | null, staff: string[]): Promise<Distribution> {
  return useFake ? fakeRewards.createDistribution(contractNo, through, staff) : call('create_distribution', { contractNo, through, staff })
}

export function getDistribution(id: number): Promise<Distribution> {
  return useFake ? fakeRewards.getDistribution(id) : call('get_distribution', { id })
}

export function listDistributions(query: DistributionQuery): Promise<DistributionPage> {
  return useFake ? fakeRewards.listDistributions(query) : call('list_distributions', { query })
}

export function approveDistribution(id: number, approval: Approval): Promise<Distribution> {
  return useFake ? fakeRewards.approveDistribution(id, approval) : call('approve_distribution', { id, approval })
}

/** Posts (or re-dates) the publicity; `days` null: the policy's period. */
export function publicizeDistribution(id: number, from: string, days: number | null): Promise<Distribution> {
  return useFake ? fakeRewards.publicizeDistribution(id, from, days) : call('publicize_distribution', { id, from, days })
}

export function payDistribution(id: number, paidOn: string): Promise<Distribution> {
  return useFake ? fakeRewards.payDistribution(id, paidOn) : call('pay_distribution', { id, paidOn })
}

/** Cancels a paid distribution by a new draft with negated amounts; returns that draft. */
export function reverseDistribution(id: number, reason: string): Promise<Distribution> {
  return useFake ? fakeRewards.reverseDistribution(id, reason) : call('reverse_distribution', { id, reason })
}

export function discardDistribution(id: number): Promise<void> {
  return useFake ? fakeRewards.discardDistribution(id) : call('discard_distribution', { id })
}

/** The last day of a publicity period posted on `from` (civil-code counting, holiday calendar). */
export function publicityEnd(from: string, days: number): Promise<string> {
  return useFake ? fakeRewards.publicityEnd(from, days) : call('publicity_end', { from, days })
}

export function contractChoices(search: string): Promise<ContractChoice[]> {
  return useFake ? fakeRewards.contractChoices(search) : call('contract_choices', { search })
}

/** Transfer-office staff who can share a policy's transfer-staff part. */
export function staffChoices(): Promise<StaffChoice[]> {
  return useFake ? fakeRewards.staffChoices() : call('staff_choices')
}

/** The payroll sheet for finance (XLSX); returns the lines written. */
export function exportPayroll(id: number, path: string, revealIds: boolean): Promise<number> {
  return useFake ? fakeRewards.exportPayroll(id, path, revealIds) : call('export_payroll', { id, path, revealIds })
}

/** The publicity notice (PDF). */
export function exportNotice(id: number, path: string): Promise<void> {
  return useFake ? fakeRewards.exportNotice(id, path) : call('export_notice', { id, path })
}

/** One statement per person (PDF); returns how many. */
export function exportStatements(id: number, path: string): Promise<number> {
  return useFake ? fakeRewards.exportStatements(id, path) : call('export_statements', { id, path })
}

// Settings: reward policy versions and the holiday calendar.

export function listPolicies(): Promise<Policy[]> {
  return useFake ? fakeRewards.listPolicies() : call('list_policies')
}

/** Adds a version (`id` null) or changes one not in use; returns its id. */
export function savePolicy(policy: Policy): Promise<number> {
  return useFake ? fakeRewards.savePolicy(policy) : call('save_policy', { policy })
}

export function deletePolicy(id: number): Promise<void> {
  return useFake ? fakeRewards.deletePolicy(id) : call('delete_policy', { id })
}

export function listHolidays(): Promise<Holiday[]> {
  return useFake ? fakeRewards.listHolidays() : call('list_holidays')
}

/** Replaces the listed days of one year. */
export function saveHolidays(year: number, days: Holiday[]): Promise<void> {
  return useFake ? fakeRewards.saveHolidays(year, days) : call('save_holidays', { year, days })
}

/** Today as the backend sees it (the fake build's fixed day), `YYYY-MM-DD`. */
export function today(): string {
  if (useFake) return fake.TODAY
  const now = new Date()
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`
}

// The annual transformation report (年度报告). `department` null: the whole institution.

export function annualReport(year: number, department: string | null): Promise<AnnualReport> {
  return useFake ? fakeAnnual.annualReport(year, department) : call('annual_report', { year, department })
}

/** The records behind one figure; `indicator` is its dotted path, e.g. `transformation.license.received_fen`. */
export function indicatorRecords(year: number, indicator: string, department: string | null): Promise<RecordLine[]> {
  return useFake ? fakeAnnual.indicatorRecords(year, indicator, department) : call('indicator_records', { year, indicator, department })
}

/** Due date, narrative and cases of a year (refused with `report_filed` once filed). */
export function saveReportYear(input: ReportYear): Promise<ReportYear> {
  return useFake ? fakeAnnual.saveReportYear(input) : call('save_report_year', { input })
}

/** Marks the year filed (frozen snapshot); refused with the first error finding's code unless a reason is given. */
export function fileReportYear(year: number, overrideReason: string | null): Promise<ReportYear> {
  return useFake ? fakeAnnual.fileReportYear(year, overrideReason) : call('file_report_year', { year, overrideReason })
}

/** Writes the XLSX and the PDF into `dir`; returns their paths. */
export function exportAnnual(year: number, dir: string): Promise<string[]> {
  return useFake ? fakeAnnual.exportAnnual(year, dir) : call('export_annual', { year, dir })
}

// Native dialogs.

async function dialog<T>(show: () => Promise<T>): Promise<T> {
  try {
    return await show()
  } catch (error) {
    throw ApiError.from(error)
  }
}

/** The native open dialog for one workbook; null when cancelled. */
export function pickImportFile(): Promise<string | null> {
  if (useFake) return fake.pickImportFile()
  return dialog(() => open({ multiple: false, directory: false, filters: [{ name: 'Excel / CSV', extensions: ['xlsx', 'csv'] }] }))
}

const SAVE_FILTERS = { xlsx: { name: 'Excel', extensions: ['xlsx'] }, pdf: { name: 'PDF', extensions: ['pdf'] } }

/** The native save dialog for an export; null when cancelled. */
export function pickSavePath(defaultName: string, extension: 'xlsx' | 'pdf'): Promise<string | null> {
  if (useFake) return fakeRewards.pickSavePath(defaultName)
  return dialog(() => save({ defaultPath: defaultName, filters: [SAVE_FILTERS[extension]] }))
}

/** The native open dialog for the minutes (会议纪要) of a collective decision; null when cancelled. */
export function pickMinutesFile(): Promise<string | null> {
  if (useFake) return fakeRewards.pickMinutesFile()
  return dialog(() =>
    open({ multiple: false, directory: false, filters: [{ name: 'PDF / Word / JPG / PNG', extensions: ['pdf', 'doc', 'docx', 'jpg', 'png'] }] }),
  )
}

/** The native folder dialog (for exports that write several files); null when cancelled. */
export function pickFolder(): Promise<string | null> {
  if (useFake) return fakeAnnual.pickFolder()
  return dialog(() => open({ multiple: false, directory: true }))
}
