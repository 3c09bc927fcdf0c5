// The only module that talks to the Tauri backend. Every screen goes through these functions,
// so the fake build (`--mode fake`) can swap the whole backend for src/api/fake.ts (portfolio,
// import) and src/api/fake-rewards.ts (distributions, policies, holidays).
import { invoke, type InvokeArgs } from '@tauri-apps/api/core'
import { open, save } from '@tauri-apps/plugin-dialog'
import * as fake from './fake'
import * as fakeRewards from './fake-rewards'
import * as fakeAnnual from './fake-annual'
import * as fakeDisclosures from './fake-disclosures'
import type {
  AchievementExtras,
  AchievementForm,
  AssessmentInput,
  Criterion,
  Decision,
  Disclosure,
  DisclosureDetail,
  DisclosurePage,
  DisclosureQuery,
  Valuation,
} from './types.gen'
import { ApiError } from './error'
import { listen } from '@tauri-apps/api/event'
import * as fakeJobs from './fake-jobs'
import * as fakeDashboard from './fake-dashboard'
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

import * as fakeContracts from './fake-contracts'
import type {
  Dashboard,
  Profile,
  SearchResults,
  Attachment,
  ContractDetail,
  Progress,
  ContractForm,
  ContractPage,
  ContractQuery,
  MoneyEntry,
  OrganizationRecord,
  OrganizationChoice,
  PersonChoice,
  Receivable,
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

/** Tauri turns `dryRun` into the command's `dry_run` argument. Runs as job `job` (see runJob). */
export function importFile(job: string, table: Table, path: string, dryRun: boolean): Promise<ImportSummary> {
  return useFake ? fakeWizard.importFile(job, table, path, dryRun) : call('import_file', { job, table, path, dryRun })
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

/** Transfer-office staff who can share a policy's transfer-staff part, by name or employee ID (the first 30). */
export function staffChoices(search: string): Promise<StaffChoice[]> {
  return useFake ? fakeRewards.staffChoices(search) : call('staff_choices', { search })
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

/** `department` null: the institution's report (as filed, once filed); else that 学院's sub-report.
 * Runs as job `job` (see runJob); returns the two paths. */
export function exportAnnual(job: string, year: number, department: string | null, dir: string): Promise<string[]> {
  return useFake ? fakeAnnual.exportAnnual(job, year, department, dir) : call('export_annual', { job, year, department, dir })
}

// Achievements registered by hand, disclosures (成果披露) with their pre-filing assessments, and
// valuations (评估).

/** The form of an existing achievement, as saved. */
export function achievementForm(id: number): Promise<AchievementForm> {
  return useFake ? fakeDisclosures.achievementForm(id) : call('achievement_form', { id })
}

/** Creates (`id` null) or changes an achievement; refused with every field's problem; returns its id. */
export function saveAchievement(form: AchievementForm): Promise<number> {
  return useFake ? fakeDisclosures.saveAchievement(form) : call('save_achievement', { form })
}

/** Co-owners, flags and the disclosure an achievement came from. */
export function achievementExtras(id: number): Promise<AchievementExtras> {
  return useFake ? fakeDisclosures.achievementExtras(id) : call('achievement_extras', { id })
}

export function listDisclosures(query: DisclosureQuery): Promise<DisclosurePage> {
  return useFake ? fakeDisclosures.listDisclosures(query) : call('list_disclosures', { query })
}

export function getDisclosure(id: number): Promise<DisclosureDetail> {
  return useFake ? fakeDisclosures.getDisclosure(id) : call('get_disclosure', { id })
}

/** Years with disclosures, newest first. */
export function disclosureYears(): Promise<number[]> {
  return useFake ? fakeDisclosures.disclosureYears() : call('disclosure_years')
}

/** The suggested number (`PL2026-003`) for a disclosure received today. */
export function nextDisclosureNo(): Promise<string> {
  return useFake ? fakeDisclosures.nextDisclosureNo() : call('next_disclosure_no')
}

/** Saves a new (`id` null) or undecided disclosure; returns its id. */
export function saveDisclosure(disclosure: Disclosure): Promise<number> {
  return useFake ? fakeDisclosures.saveDisclosure(disclosure) : call('save_disclosure', { disclosure })
}

/** Records or corrects the decision (refused with `disclosure_converted` once an achievement came from it). */
export function decideDisclosure(id: number, decision: Decision): Promise<void> {
  return useFake ? fakeDisclosures.decideDisclosure(id, decision) : call('decide_disclosure', { id, decision })
}

/** The achievement form prefilled from a decided disclosure (`disclosure_not_decided` / `disclosure_dropped` otherwise). */
export function conversionForm(id: number): Promise<AchievementForm> {
  return useFake ? fakeDisclosures.conversionForm(id) : call('conversion_form', { id })
}

/** The scoring sheet of the pre-filing assessment. */
export function assessmentCriteria(): Promise<Criterion[]> {
  return useFake ? fakeDisclosures.assessmentCriteria() : call('assessment_criteria')
}

/** Replaces the scoring sheet (weights summing to 100%). */
export function saveAssessmentCriteria(criteria: Criterion[]): Promise<void> {
  return useFake ? fakeDisclosures.saveAssessmentCriteria(criteria) : call('save_assessment_criteria', { criteria })
}

/** Adds an assessment to an undecided disclosure; returns its id. */
export function addAssessment(input: AssessmentInput): Promise<number> {
  return useFake ? fakeDisclosures.addAssessment(input) : call('add_assessment', { input })
}

export function deleteAssessment(id: number): Promise<void> {
  return useFake ? fakeDisclosures.deleteAssessment(id) : call('delete_assessment', { id })
}

/** The valuations of an achievement or of a contract, newest base date first. */
export function listValuations(achievementId: number | null, contractId: number | null): Promise<Valuation[]> {
  return useFake ? fakeDisclosures.listValuations(achievementId, contractId) : call('list_valuations', { achievementId, contractId })
}

/** Adds (`id` null) or changes a valuation; returns its id. */
export function saveValuation(valuation: Valuation): Promise<number> {
  return useFake ? fakeDisclosures.saveValuation(valuation) : call('save_valuation', { valuation })
}

export function deleteValuation(id: number): Promise<void> {
  return useFake ? fakeDisclosures.deleteValuation(id) : call('delete_valuation', { id })
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

// Contracts and money (转化合同、到账、成本、应收), the pickers every form shares, and attachments.

/** The kinds of record a file can be attached to (core's attachment::ENTITIES). */
export type AttachmentEntity = 'achievement' | 'disclosure' | 'valuation' | 'publicity' | 'resolution' | 'contract' | 'grant' | 'fee_decision'

/** The native open dialog for a file to attach (any type); null when cancelled. */
export function pickAttachment(): Promise<string | null> {
  if (useFake) return fakeContracts.pickAttachment()
  return dialog(() => open({ multiple: false, directory: false }))
}

export function listContracts(query: ContractQuery): Promise<ContractPage> {
  return useFake ? fakeContracts.listContracts(query) : call('list_contracts', { query })
}

export function getContract(id: number): Promise<ContractDetail> {
  return useFake ? fakeContracts.getContract(id) : call('get_contract', { id })
}

/** Adds (`id` null) or corrects a contract; refused with field problems or the signing gate's code; returns its id. */
export function saveContract(form: ContractForm): Promise<number> {
  return useFake ? fakeContracts.saveContract(form) : call('save_contract', { form })
}

export function deleteContract(id: number): Promise<void> {
  return useFake ? fakeContracts.deleteContract(id) : call('delete_contract', { id })
}

export function addReceipt(contractId: number, entry: MoneyEntry): Promise<number> {
  return useFake ? fakeContracts.addReceipt(contractId, entry) : call('add_receipt', { contractId, entry })
}

export function addCost(contractId: number, entry: MoneyEntry): Promise<number> {
  return useFake ? fakeContracts.addCost(contractId, entry) : call('add_cost', { contractId, entry })
}

export function deleteReceipt(id: number): Promise<void> {
  return useFake ? fakeContracts.deleteReceipt(id) : call('delete_receipt', { id })
}

export function deleteCost(id: number): Promise<void> {
  return useFake ? fakeContracts.deleteCost(id) : call('delete_cost', { id })
}

/** Installments still owed, due within `withinDays` or already overdue. */
export function listReceivables(withinDays: number): Promise<Receivable[]> {
  return useFake ? fakeContracts.listReceivables(withinDays) : call('list_receivables', { withinDays })
}

/** The contract's evidence bundle for the diligence exemption (PDF). */
export function exportEvidence(id: number, path: string): Promise<void> {
  return useFake ? fakeContracts.exportEvidence(id, path) : call('export_evidence', { id, path })
}

export function organizationChoices(search: string): Promise<OrganizationChoice[]> {
  return useFake ? fakeContracts.organizationChoices(search) : call('organization_choices', { search })
}

/** Adds a counterparty typed into a form; returns its id. */
export function createOrganization(organization: OrganizationRecord): Promise<number> {
  return useFake ? fakeContracts.createOrganization(organization) : call('create_organization', { organization })
}

export function personChoices(search: string): Promise<PersonChoice[]> {
  return useFake ? fakeContracts.personChoices(search) : call('person_choices', { search })
}

export function listAttachments(entity: AttachmentEntity, entityId: number): Promise<Attachment[]> {
  return useFake ? fakeContracts.listAttachments(entity, entityId) : call('list_attachments', { entity, entityId })
}

/** Keeps a copy of the file at `path` with the record. */
export function attachFile(entity: AttachmentEntity, entityId: number, path: string): Promise<Attachment> {
  return useFake ? fakeContracts.attachFile(entity, entityId, path) : call('attach_file', { entity, entityId, path })
}

export function removeAttachment(id: number): Promise<void> {
  return useFake ? fakeContracts.removeAttachment(id) : call('remove_attachment', { id })
}

/** Opens a stored file with the system viewer. */
export function openAttachment(id: number): Promise<void> {
  return useFake ? fakeContracts.openAttachment(id) : call('open_attachment', { id })
}

// Annual fees (年费). `on` null: the backend's today.
import * as fakeFees from './fake-fees'
import type { FeeDecision, FeeDecisionInput, FeePage, FeePaid, FeePayment, FeeQuery, FeeQuote, FeeSchedule, Lapse } from './types.gen'

/** One tab of the fee list: due within `query.within_days`, in grace, or lapsed unpaid. */
export function feesDue(query: FeeQuery, on: string | null = null): Promise<FeePage> {
  return useFake ? fakeFees.feesDue(query, on) : call('fees_due', { query, on })
}

/** Every year of a patent's term with its fees and standing today. */
export function feeSchedule(achievementId: number): Promise<FeeSchedule> {
  return useFake ? fakeFees.feeSchedule(achievementId) : call('fee_schedule', { achievementId })
}

/** What paying a patent's next year costs on `paidOn` (fee, surcharge band, restoration). */
export function feeQuote(achievementNo: string, paidOn: string): Promise<FeeQuote> {
  return useFake ? fakeFees.feeQuote(achievementNo, paidOn) : call('fee_quote', { achievementNo, paidOn })
}

/** Records a payment; a different amount than expected comes back as `warning`. */
export function payFee(payment: FeePayment): Promise<FeePaid> {
  return useFake ? fakeFees.payFee(payment) : call('pay_fee', { payment })
}

/** Records a keep/abandon decision (abandon sets the patent abandoned). */
export function decideFee(decision: FeeDecisionInput): Promise<FeeDecision> {
  return useFake ? fakeFees.decideFee(decision) : call('decide_fee', { decision })
}

/** Marks a patent lapsed whose grace period ended unpaid. */
export function markLapsed(achievementNo: string): Promise<Lapse> {
  return useFake ? fakeFees.markLapsed(achievementNo) : call('mark_lapsed', { achievementNo })
}

/** Writes 年费缴纳清单 (XLSX) of the fees due within `withinDays` and in grace; returns the rows. */
export function exportFees(path: string, withinDays: number, on: string | null = null): Promise<number> {
  return useFake ? fakeFees.exportFees(path, withinDays, on) : call('export_fees', { path, withinDays, on })
}

// Price publicity (定价公示) with its objections, collective decisions (集体决策) and ownership
// grants (赋权).
import * as fakeDeals from './fake-deals'
import type { Grant, GrantPage, GrantQuery, Publicity, PublicityPage, PublicityQuery, Resolution, ResolutionPage, ResolutionQuery } from './types.gen'

/** A page of the price publicities, newest posting first, each with its stage today and earliest signing day. */
export function listPublicities(query: PublicityQuery): Promise<PublicityPage> {
  return useFake ? fakeDeals.listPublicities(query) : call('list_publicities', { query })
}

/** Adds (`id` null) or changes a publicity with its objections; the end day is computed on save (`publicity_signed` once a contract is signed under it); returns its id. */
export function savePublicity(publicity: Publicity): Promise<number> {
  return useFake ? fakeDeals.savePublicity(publicity) : call('save_publicity', { publicity })
}

/** A page of the collective decisions, newest meeting first. */
export function listResolutions(query: ResolutionQuery): Promise<ResolutionPage> {
  return useFake ? fakeDeals.listResolutions(query) : call('list_resolutions', { query })
}

/** Adds (`id` null) or corrects a collective decision; returns its id. */
export function saveResolution(resolution: Resolution): Promise<number> {
  return useFake ? fakeDeals.saveResolution(resolution) : call('save_resolution', { resolution })
}

/** A page of the ownership grants, newest decision first. */
export function listGrants(query: GrantQuery): Promise<GrantPage> {
  return useFake ? fakeDeals.listGrants(query) : call('list_grants', { query })
}

/** Adds (`id` null) or corrects an ownership grant; the publicity end is computed on save; returns its id. */
export function saveGrant(grant: Grant): Promise<number> {
  return useFake ? fakeDeals.saveGrant(grant) : call('save_grant', { grant })
}

// Long jobs (import, report export, backup, demo): the command runs under an id chosen here, its
// steps arrive as `job` events, and cancelJob stops it with nothing half-written.

let jobCount = 0

/** Runs `start` under a fresh job id, telling `onProgress` each step until it ends. */
export async function runJob<T>(start: (job: string) => Promise<T>, onProgress: (p: Progress) => void): Promise<T> {
  const job = `job-${Date.now()}-${++jobCount}`
  const stop = useFake
    ? fakeJobs.listen(job, onProgress)
    : await listen<{ id: string; progress: Progress }>('job', (event) => {
        if (event.payload.id === job) onProgress(event.payload.progress)
      })
  try {
    return await start(job)
  } finally {
    stop()
  }
}

/** Asks a running job to stop; false when it had already ended. */
export function cancelJob(job: string): Promise<boolean> {
  return useFake ? fakeJobs.cancel(job) : call('cancel_job', { job })
}

// People and organizations (人员, 合作单位): lists, pages, edit, reveal, duplicates and merges.
// Resident IDs and bank accounts arrive masked; only revealPerson returns them whole.

import * as fakePeople from './fake-people'
import type {
  OrganizationDetail,
  OrganizationDuplicate,
  OrganizationEdit,
  OrganizationPage,
  OrganizationQuery,
  OrganizationRow,
  PersonDetail,
  PersonDuplicate,
  PersonEdit,
  PersonPage,
  PersonQuery,
  PersonRow,
  Revealed,
} from './types.gen'

export function listPeople(query: PersonQuery): Promise<PersonPage> {
  return useFake ? fakePeople.listPeople(query) : call('list_people', { query })
}

export function peopleDepartments(): Promise<string[]> {
  return useFake ? fakePeople.peopleDepartments() : call('people_departments')
}

export function personDetail(id: number): Promise<PersonDetail> {
  return useFake ? fakePeople.personDetail(id) : call('person_detail', { id })
}

/** The full resident ID and bank account of one person (the eye button). */
export function revealPerson(id: number): Promise<Revealed> {
  return useFake ? fakePeople.revealPerson(id) : call('reveal_person', { id })
}

/** `id_number` / `bank_account` null keeps the stored number, '' clears it. */
export function updatePerson(edit: PersonEdit): Promise<PersonRow> {
  return useFake ? fakePeople.updatePerson(edit) : call('update_person', { edit })
}

export function personDuplicates(): Promise<PersonDuplicate[]> {
  return useFake ? fakePeople.personDuplicates() : call('person_duplicates')
}

/** Merges person `duplicate` into `keep`; returns the merge's id. */
export function mergePeople(keep: number, duplicate: number, reason: string): Promise<number> {
  return useFake ? fakePeople.mergePeople(keep, duplicate, reason) : call('merge_people', { keep, duplicate, reason })
}

/** Undoes a merge (people or organizations) by a counter-entry; returns its id. */
export function unmerge(mergeId: number, reason: string): Promise<number> {
  return useFake ? fakePeople.unmerge(mergeId, reason) : call('unmerge', { mergeId, reason })
}

export function listOrganizations(query: OrganizationQuery): Promise<OrganizationPage> {
  return useFake ? fakePeople.listOrganizations(query) : call('list_organizations', { query })
}

export function organizationRegions(): Promise<string[]> {
  return useFake ? fakePeople.organizationRegions() : call('organization_regions')
}

export function organizationDetail(id: number): Promise<OrganizationDetail> {
  return useFake ? fakePeople.organizationDetail(id) : call('organization_detail', { id })
}

export function updateOrganization(edit: OrganizationEdit): Promise<OrganizationRow> {
  return useFake ? fakePeople.updateOrganization(edit) : call('update_organization', { edit })
}

export function organizationDuplicates(): Promise<OrganizationDuplicate[]> {
  return useFake ? fakePeople.organizationDuplicates() : call('organization_duplicates')
}

/** Merges organization `duplicate` into `keep`; returns the merge's id. */
export function mergeOrganizations(keep: number, duplicate: number, reason: string): Promise<number> {
  return useFake ? fakePeople.mergeOrganizations(keep, duplicate, reason) : call('merge_organizations', { keep, duplicate, reason })
}

// The import wizard: an office's own workbook mapped onto a standard template (the mapping
// suggestion is the UI's, see views/import/suggest.ts; the backend checks whatever arrives).
import * as fakeWizard from './fake-wizard'
import type { Mapping, Preview, SourceSheet } from './types.gen'

/** A sheet's headers, first rows and the saved mapping; `sheet` null: the first sheet. */
export function wizardOpen(path: string, sheet: string | null, table: Table): Promise<SourceSheet> {
  return useFake ? fakeWizard.wizardOpen(path, sheet, table) : call('wizard_open', { path, sheet, table })
}

/** The first `limit` converted rows and every problem; nothing is written. */
export function wizardPreview(path: string, sheet: string | null, mapping: Mapping, limit: number): Promise<Preview> {
  return useFake ? fakeWizard.wizardPreview(path, sheet, mapping, limit) : call('wizard_preview', { path, sheet, mapping, limit })
}

/** Imports through `mapping` as job `job`: all rows or nothing. */
export function wizardImport(job: string, path: string, sheet: string | null, mapping: Mapping): Promise<ImportSummary> {
  return useFake ? fakeWizard.wizardImport(job, path, sheet, mapping) : call('wizard_import', { job, path, sheet, mapping })
}

/** Remembers `mapping` for sheets with these headers. */
export function saveImportMapping(headers: string[], mapping: Mapping): Promise<void> {
  return useFake ? fakeWizard.saveImportMapping(headers, mapping) : call('save_import_mapping', { headers, mapping })
}

// The start screen (工作台), the search box and the institution's profile.

export function dashboard(): Promise<Dashboard> {
  return useFake ? fakeDashboard.dashboard() : call('dashboard')
}

/** At most `limit` records of each kind whose title, number, names or counterparty match. */
export function search(text: string, limit: number): Promise<SearchResults> {
  return useFake ? fakeDashboard.search(text, limit) : call('search', { text, limit })
}

export function getProfile(): Promise<Profile> {
  return useFake ? fakeDashboard.getProfile() : call('get_profile')
}

export function saveProfile(profile: Profile): Promise<Profile> {
  return useFake ? fakeDashboard.saveProfile(profile) : call('save_profile', { profile })
}

// The audit viewer (操作日志), `verify`, and backups with restore (Settings › 备份与恢复).
import * as fakeAudit from './fake-audit'
import type { AuditPage, AuditQuery, AuditTarget, BackupCheck, BackupFile, Restored, VerifyReport } from './types.gen'

export function listAudit(query: AuditQuery): Promise<AuditPage> {
  return useFake ? fakeAudit.listAudit(query) : call('list_audit', { query })
}

/** The page of the record an entry names (looked up by its logged key); null when it has none or is gone. */
export function auditTarget(entity: string, key: string): Promise<AuditTarget | null> {
  return useFake ? fakeAudit.auditTarget(entity, key) : call('audit_target', { entity, key })
}

/** SQLite's integrity check and the audit chain (the first altered entry, if any). */
export function verifyStore(): Promise<VerifyReport> {
  return useFake ? fakeAudit.verifyStore() : call('verify_store')
}

/** The backups of the open data file, newest first. */
export function listBackups(): Promise<BackupFile[]> {
  return useFake ? fakeAudit.listBackups() : call('list_backups')
}

/** A manual backup, as job `job` (see runJob). */
export function backupNow(job: string): Promise<BackupFile> {
  return useFake ? fakeAudit.backupNow(job) : call('backup_now', { job })
}

/** Checks a file before a restore; refused with `backup_corrupt`, `backup_foreign` or `db_newer_schema`. Changes nothing. */
export function checkBackup(file: string): Promise<BackupCheck> {
  return useFake ? fakeAudit.checkBackup(file) : call('check_backup', { file })
}

/** Replaces the data with a checked backup, as job `job`; the replaced data is kept as a `before-restore` backup. */
export function restoreBackup(job: string, file: string): Promise<Restored> {
  return useFake ? fakeAudit.restoreBackup(job, file) : call('restore_backup', { job, file })
}

/** The native open dialog for a backup to restore; null when cancelled. */
export function pickBackupFile(): Promise<string | null> {
  if (useFake) return fakeAudit.pickBackupFile()
  return dialog(() => open({ multiple: false, directory: false, filters: [{ name: 'TransferDesk', extensions: ['db', 'sqlite'] }] }))
}
