// Generated from the command table (src-tauri/api/src/commands) by its tests; do not edit.
// `UPDATE_BINDINGS=1 cargo test -p transferdesk-api` rewrites it.
import { call } from './transport'
import type { AccessEntry, Account, AccountInput, AchievementDetail, AchievementExtras, AchievementForm, AchievementFunding, AchievementPage, AchievementQuery, AgreedAmount, AnnualReport, Approval, AssessmentInput, Attachment, AuditPage, AuditQuery, AuditTarget, BackupCheck, BackupFile, BatchFile, BatchRequest, BulkAttached, BulkChoice, BulkPreview, Colleague, ContractChoice, ContractDetail, ContractForm, ContractPage, ContractQuery, CriteriaSheet, Criterion, Dashboard, DeadlineDone, DeadlineEdit, Decision, Disclosure, DisclosureDetail, DisclosureForm, DisclosurePage, DisclosureQuery, Distribution, DistributionPage, DistributionQuery, FeeAnswerKind, FeeBatch, FeeBatchPaid, FeeDecision, FeeDecisionInput, FeePage, FeePaid, FeePayment, FeeQuery, FeeQuestion, FeeQuestionInput, FeeQuote, FeeSchedule, FundingLevel, Grant, GrantPage, GrantQuery, Handling, Holiday, HolidayList, ImportSummary, Inbox, IndustrySection, Institution, Lapse, Mapping, MoneyEntry, MyAchievement, MyDisclosure, MyDisclosureDetail, MyObjection, MyReward, NoticeConfirmation, NoticeIntake, NoticeRecord, ObjectionInput, OrganizationChoice, OrganizationDetail, OrganizationDuplicate, OrganizationEdit, OrganizationPage, OrganizationQuery, OrganizationRecord, OrganizationRow, OutsideWork, PatentDeadline, PatentDeadlineQuery, PersonChoice, PersonDetail, PersonDuplicate, PersonEdit, PersonPage, PersonQuery, PersonRow, Platform, Policy, PortfolioFilters, Preview, Profile, Project, Proposal, PublicNotice, Publicity, PublicityPage, PublicityQuery, ReceiptImport, Receivable, RecordLine, RecordedNotice, ReportYear, Resolution, ResolutionPage, ResolutionQuery, Restored, Revealed, RewardObjection, SearchResults, SourceSheet, StaffChoice, Table, Valuation, VerifyReport } from './types.gen'

export type Me = { 
/**
 * The account; none at the desktop app's single seat.
 */
account: Account | null, 
/**
 * The commands this caller may call.
 */
commands: Array<string>, 
/**
 * At the desktop app: who of the office said they are at the desk (none yet: the system
 * user stands in); an account is who signed in.
 */
operator: string | null, 
/**
 * The name the audit log gives this caller's changes (`app:王芳`, or the account's login).
 */
stamped_as: string, };

export type SavedAccount = { 
/**
 * The account.
 */
account: Account, 
/**
 * The new password, when the server chose it.
 */
password: string | null, };

export type BulkFile = { file: string, name: string, folders: Array<string>, };

/** Today as the backend sees it (the day the rules and the audit log use). */
export function today(): Promise<string> {
  return call('today')
}

/** The institution's profile for the header. */
export function getInstitution(): Promise<Institution> {
  return call('get_institution')
}

/** The institution's whole profile, for settings. */
export function getProfile(): Promise<Profile> {
  return call('get_profile')
}

/** Saves the institution's profile. */
export function saveProfile(profile: Profile): Promise<Profile> {
  return call('save_profile', { profile })
}

/** Every reward policy version. */
export function listPolicies(): Promise<Array<Policy>> {
  return call('list_policies')
}

/** Adds a version (`id` null) or changes one not in use; returns its id. */
export function savePolicy(policy: Policy): Promise<number> {
  return call('save_policy', { policy })
}

/** Removes an unused version. */
export function deletePolicy(id: number): Promise<void> {
  return call('delete_policy', { id })
}

/** The listed holidays and make-up working days, with each year's version. */
export function listHolidays(): Promise<HolidayList> {
  return call('list_holidays')
}

/** Replaces the listed days of one year as loaded at `version` (`edit_conflict` once someone
 * else saved that year). */
export function saveHolidays(year: number, days: Array<Holiday>, version: number): Promise<void> {
  return call('save_holidays', { year, days, version })
}

/** The last day of a publicity period posted on `from` (civil-code counting, holiday calendar). */
export function publicityEnd(from: string, days: number): Promise<string> {
  return call('publicity_end', { from, days })
}

/** One page of the portfolio list. */
export function listAchievements(query: AchievementQuery): Promise<AchievementPage> {
  return call('list_achievements', { query })
}

/** Writes 成果台账 (XLSX): every row the list shows under `query` (its filters and order,
 * all pages; a 学院 secretary's own department only); returns the number of rows. */
export function exportAchievements(query: AchievementQuery, path: string): Promise<number> {
  return call('export_achievements', { query, path })
}

/** An achievement's detail page. */
export function getAchievement(id: number): Promise<AchievementDetail> {
  return call('get_achievement', { id })
}

/** The values offered by the list's filters. */
export function portfolioFilters(): Promise<PortfolioFilters> {
  return call('portfolio_filters')
}

/** The form of an existing achievement, as saved. */
export function achievementForm(id: number): Promise<AchievementForm> {
  return call('achievement_form', { id })
}

/** Creates (`id` null) or changes an achievement; refused with every field's problem; returns its id. */
export function saveAchievement(form: AchievementForm): Promise<number> {
  return call('save_achievement', { form })
}

/** Co-owners, flags and the disclosure an achievement came from. */
export function achievementExtras(id: number): Promise<AchievementExtras> {
  return call('achievement_extras', { id })
}

/** A page of the disclosure list. */
export function listDisclosures(query: DisclosureQuery): Promise<DisclosurePage> {
  return call('list_disclosures', { query })
}

/** A disclosure's page. */
export function getDisclosure(id: number): Promise<DisclosureDetail> {
  return call('get_disclosure', { id })
}

/** Years with disclosures, newest first. */
export function disclosureYears(): Promise<Array<number>> {
  return call('disclosure_years')
}

/** The suggested number (`PL2026-003`) for a disclosure received today. */
export function nextDisclosureNo(): Promise<string> {
  return call('next_disclosure_no')
}

/** Saves a new (`id` null) or undecided disclosure; returns its id. */
export function saveDisclosure(disclosure: Disclosure): Promise<number> {
  return call('save_disclosure', { disclosure })
}

/** Records or corrects the decision on the disclosure as loaded at `version` (refused with
 * `edit_conflict` once someone else changed it, `disclosure_converted` once an achievement came from it). */
export function decideDisclosure(id: number, decision: Decision, version: number): Promise<void> {
  return call('decide_disclosure', { id, decision, version })
}

/** The achievement form prefilled from a decided disclosure (`disclosure_not_decided` / `disclosure_dropped` otherwise). */
export function conversionForm(id: number): Promise<AchievementForm> {
  return call('conversion_form', { id })
}

/** The scoring sheet of the pre-filing assessment, with its version. */
export function assessmentCriteria(): Promise<CriteriaSheet> {
  return call('assessment_criteria')
}

/** Replaces the scoring sheet as loaded at `version` (weights summing to 100%; `edit_conflict`
 * once someone else changed it). */
export function saveAssessmentCriteria(criteria: Array<Criterion>, version: number): Promise<void> {
  return call('save_assessment_criteria', { criteria, version })
}

/** Adds an assessment to an undecided disclosure; returns its id. */
export function addAssessment(input: AssessmentInput): Promise<number> {
  return call('add_assessment', { input })
}

/** Removes an assessment of an undecided disclosure. */
export function deleteAssessment(id: number): Promise<void> {
  return call('delete_assessment', { id })
}

/** The project register (项目), newest approval first. */
export function listProjects(): Promise<Array<Project>> {
  return call('list_projects')
}

/** Adds a project with the achievements it produced. */
export function createProject(project: Project): Promise<Project> {
  return call('create_project', { project })
}

/** Saves a project's form. */
export function updateProject(project: Project): Promise<Project> {
  return call('update_project', { project })
}

/** Deletes a project recorded by mistake. */
export function deleteProject(id: number, version: number): Promise<void> {
  return call('delete_project', { id, version })
}

/** An achievement's funding source level (成果来源) and projects. */
export function achievementFunding(achievementNo: string): Promise<AchievementFunding> {
  return call('achievement_funding', { achievementNo })
}

/** 批量附件: every file of the chosen files, ZIPs and folders with the achievement its name
 * (or a folder's) matches by application or grant number, or why not; attaches nothing. */
export function previewBulkFiles(files: Array<BulkFile>): Promise<BulkPreview> {
  return call('preview_bulk_files', { files })
}

/** Attaches the chosen rows of a preview of the same `files` (all or nothing, audited); a
 * file whose content changed since the preview is refused (`bulk_file_changed`). */
export function attachBulkFiles(files: Array<BulkFile>, choices: Array<BulkChoice>): Promise<BulkAttached> {
  return call('attach_bulk_files', { files, choices })
}

/** Records (or clears) an achievement's funding source level. */
export function setFundingLevel(achievementNo: string, level: FundingLevel | null, version: number): Promise<AchievementFunding> {
  return call('set_funding_level', { achievementNo, level, version })
}

/** One page of contracts. */
export function listContracts(query: ContractQuery): Promise<ContractPage> {
  return call('list_contracts', { query })
}

/** Writes the contract list (XLSX): every row the list shows under `query` (all pages);
 * returns the number of rows. */
export function exportContracts(query: ContractQuery, path: string): Promise<number> {
  return call('export_contracts', { query, path })
}

/** One contract with its money and evidence. */
export function getContract(id: number): Promise<ContractDetail> {
  return call('get_contract', { id })
}

/** Adds or corrects a contract; returns its id. */
export function saveContract(form: ContractForm): Promise<number> {
  return call('save_contract', { form })
}

/** Removes a contract entered by mistake. */
export function deleteContract(id: number): Promise<void> {
  return call('delete_contract', { id })
}

/** Records a receipt (到账); returns its id. */
export function addReceipt(contractId: number, entry: MoneyEntry): Promise<number> {
  return call('add_receipt', { contractId, entry })
}

/** Records a cost; returns its id. */
export function addCost(contractId: number, entry: MoneyEntry): Promise<number> {
  return call('add_cost', { contractId, entry })
}

/** Removes a receipt no distribution counted. */
export function deleteReceipt(id: number): Promise<void> {
  return call('delete_receipt', { id })
}

/** Removes a cost no distribution counted. */
export function deleteCost(id: number): Promise<void> {
  return call('delete_cost', { id })
}

/** Installments owed, due within `within_days` or overdue. */
export function listReceivables(withinDays: number): Promise<Array<Receivable>> {
  return call('list_receivables', { withinDays })
}

/** The contract's evidence bundle for 尽职免责 (PDF). */
export function exportEvidence(id: number, path: string): Promise<void> {
  return call('export_evidence', { id, path })
}

/** Organizations for a picker. */
export function organizationChoices(search: string): Promise<Array<OrganizationChoice>> {
  return call('organization_choices', { search })
}

/** Adds a counterparty typed into a form; returns its id. */
export function createOrganization(organization: OrganizationRecord): Promise<number> {
  return call('create_organization', { organization })
}

/** People for a picker. */
export function personChoices(search: string): Promise<Array<PersonChoice>> {
  return call('person_choices', { search })
}

/** A page of the price publicities, each with its stage today. */
export function listPublicities(query: PublicityQuery): Promise<PublicityPage> {
  return call('list_publicities', { query })
}

/** Adds or changes a publicity with its objections; returns its id. */
export function savePublicity(publicity: Publicity): Promise<number> {
  return call('save_publicity', { publicity })
}

/** A page of the collective decisions. */
export function listResolutions(query: ResolutionQuery): Promise<ResolutionPage> {
  return call('list_resolutions', { query })
}

/** Adds or corrects a collective decision; returns its id. */
export function saveResolution(resolution: Resolution): Promise<number> {
  return call('save_resolution', { resolution })
}

/** A page of the ownership grants. */
export function listGrants(query: GrantQuery): Promise<GrantPage> {
  return call('list_grants', { query })
}

/** Adds or corrects an ownership grant; returns its id. */
export function saveGrant(grant: Grant): Promise<number> {
  return call('save_grant', { grant })
}

/** The valuations of an achievement or of a contract, newest base date first. */
export function listValuations(achievementId: number | null, contractId: number | null): Promise<Array<Valuation>> {
  return call('list_valuations', { achievementId, contractId })
}

/** Adds or changes a valuation; returns its id. */
export function saveValuation(valuation: Valuation): Promise<number> {
  return call('save_valuation', { valuation })
}

/** Removes a valuation. */
export function deleteValuation(id: number): Promise<void> {
  return call('delete_valuation', { id })
}

/** The files attached to a record. */
export function listAttachments(entity: string, entityId: number): Promise<Array<Attachment>> {
  return call('list_attachments', { entity, entityId })
}

/** Keeps a copy of the chosen file with a record. */
export function attachFile(entity: string, entityId: number, path: string): Promise<Attachment> {
  return call('attach_file', { entity, entityId, path })
}

/** Unties a file from its record. */
export function removeAttachment(id: number): Promise<void> {
  return call('remove_attachment', { id })
}

/** Shows an attached file (checked against its hash; never a path from the caller). */
export function openAttachment(id: number): Promise<void> {
  return call('open_attachment', { id })
}

/** The next distribution of a contract as it would be saved now (`through` null: today;
 * `amounts` null: split by contribution shares, else the amounts the team agreed, whose sum
 * must be the pool); nothing is written. */
export function planDistribution(contractNo: string, through: string | null, staff: Array<string>, amounts: Array<AgreedAmount> | null): Promise<Proposal> {
  return call('plan_distribution', { contractNo, through, staff, amounts })
}

/** Saves the plan as a draft (refused while the contract has an unpaid distribution), with
 * the team's agreed amounts when given, and the allocation form the team signed (`form`),
 * kept as an attachment of the contract. */
export function createDistribution(contractNo: string, through: string | null, staff: Array<string>, amounts: Array<AgreedAmount> | null, form: string | null): Promise<Distribution> {
  return call('create_distribution', { contractNo, through, staff, amounts, form })
}

/** One distribution. */
export function getDistribution(id: number): Promise<Distribution> {
  return call('get_distribution', { id })
}

/** A page of the distribution list. */
export function listDistributions(query: DistributionQuery): Promise<DistributionPage> {
  return call('list_distributions', { query })
}

/** Writes the distribution list (XLSX): every row the list shows under `query` (all pages;
 * finance sees approved ones only); returns the number of rows. */
export function exportDistributions(query: DistributionQuery, path: string): Promise<number> {
  return call('export_distributions', { query, path })
}

/** Approves a draft (its minutes, when given, are a file the person chose). */
export function approveDistribution(id: number, approval: Approval): Promise<Distribution> {
  return call('approve_distribution', { id, approval })
}

/** Posts (or re-dates) the publicity; `days` null: the policy's period. */
export function publicizeDistribution(id: number, from: string, days: number | null): Promise<Distribution> {
  return call('publicize_distribution', { id, from, days })
}

/** Records the payment. */
export function payDistribution(id: number, paidOn: string): Promise<Distribution> {
  return call('pay_distribution', { id, paidOn })
}

/** Cancels a paid distribution by a new draft with negated amounts; returns that draft. */
export function reverseDistribution(id: number, reason: string): Promise<Distribution> {
  return call('reverse_distribution', { id, reason })
}

/** Deletes a draft. */
export function discardDistribution(id: number): Promise<void> {
  return call('discard_distribution', { id })
}

/** Contracts to start a distribution from. */
export function contractChoices(search: string): Promise<Array<ContractChoice>> {
  return call('contract_choices', { search })
}

/** Transfer-office staff who can share a policy's transfer-staff part, by name or employee ID (the first 30). */
export function staffChoices(search: string): Promise<Array<StaffChoice>> {
  return call('staff_choices', { search })
}

/** The payroll sheet for finance (XLSX); returns the lines written. Audited (personal data). */
export function exportPayroll(id: number, path: string, revealIds: boolean): Promise<number> {
  return call('export_payroll', { id, path, revealIds })
}

/** The finance sheets of several distributions in one workbook, a sheet each (XLSX); returns
 * the person rows written. Every one must be approved (finance: visible); none is written
 * otherwise. Audited (personal data). */
export function exportPayrolls(ids: Array<number>, path: string, revealIds: boolean): Promise<number> {
  return call('export_payrolls', { ids, path, revealIds })
}

/** The publicity notice (PDF). */
export function exportNotice(id: number, path: string): Promise<void> {
  return call('export_notice', { id, path })
}

/** One statement per person (PDF); returns how many. Audited (personal data). */
export function exportStatements(id: number, path: string): Promise<number> {
  return call('export_statements', { id, path })
}

/** One tab of the fee list on `on` (null: today). */
export function feesDue(query: FeeQuery, on: string | null): Promise<FeePage> {
  return call('fees_due', { query, on })
}

/** Every year of a patent's term as of today. */
export function feeSchedule(achievementId: number): Promise<FeeSchedule> {
  return call('fee_schedule', { achievementId })
}

/** What paying the next year costs on `paid_on`. */
export function feeQuote(achievementNo: string, paidOn: string): Promise<FeeQuote> {
  return call('fee_quote', { achievementNo, paidOn })
}

/** Records a payment. */
export function payFee(payment: FeePayment): Promise<FeePaid> {
  return call('pay_fee', { payment })
}

/** Pays the next year of several patents on one day with one voucher, each as due that day;
 * all or nothing (a refusal names the fee that cannot be paid). */
export function payFees(batch: FeeBatch): Promise<FeeBatchPaid> {
  return call('pay_fees', { batch })
}

/** Records a keep/abandon decision. */
export function decideFee(decision: FeeDecisionInput): Promise<FeeDecision> {
  return call('decide_fee', { decision })
}

/** Marks a patent lapsed whose grace period ended unpaid. */
export function markLapsed(achievementNo: string): Promise<Lapse> {
  return call('mark_lapsed', { achievementNo })
}

/** Writes 年费缴纳清单 (XLSX) of the fees due within `within_days` of `on` (null: today); returns the number of fee rows. */
export function exportFees(path: string, withinDays: number, on: string | null): Promise<number> {
  return call('export_fees', { path, withinDays, on })
}

/** Writes CNIPA's online-payment batch file (批量缴费, XLSX) for the chosen fees or those due
 * in the window, each item at what the rules ask on `request.on`; refused whole, with every
 * offending fee, when any cannot be paid. */
export function exportCnipaBatch(path: string, request: BatchRequest): Promise<BatchFile> {
  return call('export_cnipa_batch', { path, request })
}

/** Imports (or with `dry_run` only checks) CNIPA's receipts (缴费回执: 缴费信息 / 电子票据) into fee
 * payments: all or nothing, every problem at its row. */
export function importCnipaReceipts(path: string, dryRun: boolean): Promise<ReceiptImport> {
  return call('import_cnipa_receipts', { path, dryRun })
}

/** Reads dropped notices (PDFs, ZIPs of them, folders) into proposals — the patent, the new
 * status, the deadline each starts — and lists the files that give none with the reason;
 * changes nothing. */
export function readNotices(files: Array<string>): Promise<NoticeIntake> {
  return call('read_notices', { files })
}

/** Records the notices as confirmed or corrected (all or nothing): each file kept with its
 * patent, the status, the deadline it starts, the deadlines it answers. */
export function recordNotices(files: Array<string>, confirmations: Array<NoticeConfirmation>): Promise<Array<RecordedNotice>> {
  return call('record_notices', { files, confirmations })
}

/** The notices recorded against a patent, newest first. */
export function listNotices(achievementId: number): Promise<Array<NoticeRecord>> {
  return call('list_notices', { achievementId })
}

/** The prosecution deadlines under `query` on `on` (null: today), soonest first. */
export function listDeadlines(query: PatentDeadlineQuery, on: string | null): Promise<Array<PatentDeadline>> {
  return call('list_deadlines', { query, on })
}

/** Moves a deadline to another day, with the reason. */
export function editDeadline(edit: DeadlineEdit): Promise<PatentDeadline> {
  return call('edit_deadline', { edit })
}

/** Records a deadline as done (答复已提交, 已请求复审 …). */
export function completeDeadline(done: DeadlineDone): Promise<PatentDeadline> {
  return call('complete_deadline', { done })
}

/** Records (or clears, with null) the priority date a patent's application claims. */
export function setPriorityDate(achievementId: number, priorityOn: string | null): Promise<void> {
  return call('set_priority_date', { achievementId, priorityOn })
}

/** Writes the deadlines list (XLSX) under `query` on today; returns the number of rows. */
export function exportDeadlines(query: PatentDeadlineQuery, path: string): Promise<number> {
  return call('export_deadlines', { query, path })
}

/** The start screen (工作台) for today. */
export function dashboard(): Promise<Dashboard> {
  return call('dashboard')
}

/** The report screen for a year; `department` null: the whole institution, else that 学院's figures. */
export function annualReport(year: number, department: string | null): Promise<AnnualReport> {
  return call('annual_report', { year, department })
}

/** The records behind one figure; `indicator` is its dotted path, e.g. `transformation.license.received_fen`. */
export function indicatorRecords(year: number, indicator: string, department: string | null): Promise<Array<RecordLine>> {
  return call('indicator_records', { year, indicator, department })
}

/** Saves the due date, narrative and cases of a year (refused with `report_filed` once filed). */
export function saveReportYear(input: ReportYear): Promise<ReportYear> {
  return call('save_report_year', { input })
}

/** Marks the year filed (frozen snapshot); refused with the first error finding's code unless a reason is given. */
export function fileReportYear(year: number, overrideReason: string | null): Promise<ReportYear> {
  return call('file_report_year', { year, overrideReason })
}

/** Writes the report's XLSX and PDF into a folder as job `job` (`department` null: the
 * institution's report, as filed once filed); returns the two files. */
export function exportAnnual(job: string, year: number, department: string | null, dir: string): Promise<Array<string>> {
  return call('export_annual', { job, year, department, dir })
}

/** One page of the people list. */
export function listPeople(query: PersonQuery): Promise<PersonPage> {
  return call('list_people', { query })
}

/** Writes the people list (XLSX, numbers masked as the list shows them): every row under
 * `query` (all pages); the export is written to the audit log. Returns the number of rows. */
export function exportPeople(query: PersonQuery, path: string): Promise<number> {
  return call('export_people', { query, path })
}

/** Department names (the people list's filter; a secretary account's 学院 on the accounts screen). */
export function peopleDepartments(): Promise<Array<string>> {
  return call('people_departments')
}

/** A person's page (numbers masked). */
export function personDetail(id: number): Promise<PersonDetail> {
  return call('person_detail', { id })
}

/** The full resident ID and bank account of one person, asked for on purpose; each reveal
 * is written to the audit log (without the numbers). */
export function revealPerson(id: number): Promise<Revealed> {
  return call('reveal_person', { id })
}

/** Saves the edit form of a person. */
export function updatePerson(edit: PersonEdit): Promise<PersonRow> {
  return call('update_person', { edit })
}

/** Likely duplicate people. */
export function personDuplicates(): Promise<Array<PersonDuplicate>> {
  return call('person_duplicates')
}

/** Merges person `duplicate` into `keep`; returns the merge's id. */
export function mergePeople(keep: number, duplicate: number, reason: string): Promise<number> {
  return call('merge_people', { keep, duplicate, reason })
}

/** Undoes a merge (of people or organizations) by a counter-entry; returns its id. */
export function unmerge(mergeId: number, reason: string): Promise<number> {
  return call('unmerge', { mergeId, reason })
}

/** One page of the organization list. */
export function listOrganizations(query: OrganizationQuery): Promise<OrganizationPage> {
  return call('list_organizations', { query })
}

/** Writes the organization list (XLSX): every row under `query` (all pages); returns the
 * number of rows. */
export function exportOrganizations(query: OrganizationQuery, path: string): Promise<number> {
  return call('export_organizations', { query, path })
}

/** Regions for the organization list's filter. */
export function organizationRegions(): Promise<Array<string>> {
  return call('organization_regions')
}

/** An organization's page. */
export function organizationDetail(id: number): Promise<OrganizationDetail> {
  return call('organization_detail', { id })
}

/** Saves the edit form of an organization. */
export function updateOrganization(edit: OrganizationEdit): Promise<OrganizationRow> {
  return call('update_organization', { edit })
}

/** Likely duplicate organizations. */
export function organizationDuplicates(): Promise<Array<OrganizationDuplicate>> {
  return call('organization_duplicates')
}

/** Merges organization `duplicate` into `keep`; returns the merge's id. */
export function mergeOrganizations(keep: number, duplicate: number, reason: string): Promise<number> {
  return call('merge_organizations', { keep, duplicate, reason })
}

/** The sections of 国民经济行业分类 (GB/T 4754) an organization's industry is one of. */
export function industrySections(): Promise<Array<IndustrySection>> {
  return call('industry_sections')
}

/** The institution's R&D institutions, transfer institutions and service platforms. */
export function listPlatforms(): Promise<Array<Platform>> {
  return call('list_platforms')
}

/** Adds a platform. */
export function createPlatform(platform: Platform): Promise<Platform> {
  return call('create_platform', { platform })
}

/** Saves a platform's form. */
export function updatePlatform(platform: Platform): Promise<Platform> {
  return call('update_platform', { platform })
}

/** Deletes a platform recorded by mistake. */
export function deletePlatform(id: number, version: number): Promise<void> {
  return call('delete_platform', { id, version })
}

/** People's part-time (兼职) and leave-to-found (离岗创业) periods, of one person when given. */
export function listOutsideWork(employeeId: string | null): Promise<Array<OutsideWork>> {
  return call('list_outside_work', { employeeId })
}

/** Adds a part-time or leave-to-found period. */
export function createOutsideWork(period: OutsideWork): Promise<OutsideWork> {
  return call('create_outside_work', { period })
}

/** Saves a period's form. */
export function updateOutsideWork(period: OutsideWork): Promise<OutsideWork> {
  return call('update_outside_work', { period })
}

/** Deletes a period recorded by mistake. */
export function deleteOutsideWork(id: number, version: number): Promise<void> {
  return call('delete_outside_work', { id, version })
}

/** Writes the empty standard import template of `table` (下载模板: the template's headers, no rows). */
export function exportTemplate(table: Table, path: string): Promise<void> {
  return call('export_template', { table, path })
}

/** Imports (or with `dry_run` only checks) a file in the standard template as job `job`:
 * all or nothing, with progress, cancellable with nothing written. */
export function importFile(job: string, table: Table, path: string, dryRun: boolean): Promise<ImportSummary> {
  return call('import_file', { job, table, path, dryRun })
}

/** A sheet's headers, first rows and the mapping saved for them (`sheet` null: the first). */
export function wizardOpen(path: string, sheet: string | null, table: Table): Promise<SourceSheet> {
  return call('wizard_open', { path, sheet, table })
}

/** The converted first `limit` rows and every problem; nothing is kept (the rows are tried
 * in a write transaction that is rolled back, so it needs the writer). */
export function wizardPreview(path: string, sheet: string | null, mapping: Mapping, limit: number): Promise<Preview> {
  return call('wizard_preview', { path, sheet, mapping, limit })
}

/** Imports the sheet through `mapping` as job `job` (progress, cancellable). */
export function wizardImport(job: string, path: string, sheet: string | null, mapping: Mapping): Promise<ImportSummary> {
  return call('wizard_import', { job, path, sheet, mapping })
}

/** Saves the mapping for sheets with these headers. */
export function saveImportMapping(headers: Array<string>, mapping: Mapping): Promise<void> {
  return call('save_import_mapping', { headers, mapping })
}

/** The search box (Ctrl+K): at most `limit` records of each kind. */
export function search(text: string, limit: number): Promise<SearchResults> {
  return call('search', { text, limit })
}

/** The backups of the open data file, newest first. */
export function listBackups(): Promise<Array<BackupFile>> {
  return call('list_backups')
}

/** Takes a manual backup now, as job `job`. */
export function backupNow(job: string): Promise<BackupFile> {
  return call('backup_now', { job })
}

/** Checks a file before a restore (what the confirmation shows); changes nothing. */
export function checkBackup(file: string): Promise<BackupCheck> {
  return call('check_backup', { file })
}

/** Replaces the data with a checked backup, as job `job`; the replaced data is kept as a
 * `before-restore` backup. */
export function restoreBackup(job: string, file: string): Promise<Restored> {
  return call('restore_backup', { job, file })
}

/** Proves the data file against its audit log: schema, integrity, hash chain, every row, and
 * the witnesses of the log's head; each finding named. */
export function verifyStore(): Promise<VerifyReport> {
  return call('verify_store')
}

/** A page of the audit log. */
export function listAudit(query: AuditQuery): Promise<AuditPage> {
  return call('list_audit', { query })
}

/** Writes the audit log (XLSX): every entry under `query` (all pages); returns the number of entries. */
export function exportAudit(query: AuditQuery, path: string): Promise<number> {
  return call('export_audit', { query, path })
}

/** The page of the record an audit entry names (its key is a number, an employee id …), if any. */
export function auditTarget(entity: string, key: string): Promise<AuditTarget | null> {
  return call('audit_target', { entity, key })
}

/** Asks the long job `job` to stop; it rolls back what it had begun. False when it already ended. */
export function cancelJob(job: string): Promise<boolean> {
  return call('cancel_job', { job })
}

/** 我的披露: my drafts and the disclosures I wrote or am an inventor of, newest first. */
export function myDisclosures(): Promise<Array<MyDisclosure>> {
  return call('my_disclosures')
}

/** One of my disclosures: the intake, its stage, the decision, the assessments' outcomes. */
export function myDisclosure(id: number): Promise<MyDisclosureDetail> {
  return call('my_disclosure', { id })
}

/** One of my drafts, as saved. */
export function myDraft(id: number): Promise<DisclosureForm> {
  return call('my_draft', { id })
}

/** Saves my draft as typed (complete or not); returns its id. */
export function saveMyDraft(form: DisclosureForm): Promise<number> {
  return call('save_my_draft', { form })
}

/** Deletes my draft. */
export function deleteMyDraft(id: number): Promise<void> {
  return call('delete_my_draft', { id })
}

/** Submits my disclosure with its files: checked like the office's intake (every problem by
 * field, nothing written), numbered and received today; returns the disclosure's id. */
export function submitMyDisclosure(form: DisclosureForm, files: Array<string>): Promise<number> {
  return call('submit_my_disclosure', { form, files })
}

/** Submits again a disclosure the office sent back to me, changed, with more files. */
export function resubmitMyDisclosure(id: number, form: DisclosureForm, files: Array<string>): Promise<void> {
  return call('resubmit_my_disclosure', { id, form, files })
}

/** Shows a file of one of my disclosures. */
export function showMyDisclosureFile(id: number): Promise<void> {
  return call('show_my_disclosure_file', { id })
}

/** Colleagues whose name contains, or whose employee ID is, `search` (name, ID, 学院 only). */
export function findColleagues(search: string): Promise<Array<Colleague>> {
  return call('find_colleagues', { search })
}

/** 我的成果: the achievements I am an inventor of, with the next fee and any fee question. */
export function myAchievements(): Promise<Array<MyAchievement>> {
  return call('my_achievements')
}

/** Answers (or changes my answer to) an open keep/abandon question. */
export function answerFeeQuestion(questionId: number, answer: FeeAnswerKind, note: string | null): Promise<void> {
  return call('answer_fee_question', { questionId, answer, note })
}

/** 我的收益: my lines of the distributions past their draft. */
export function myRewards(): Promise<Array<MyReward>> {
  return call('my_rewards')
}

/** My statement of a distribution I have a line in (PDF); returns 1. */
export function exportMyStatement(id: number, path: string): Promise<number> {
  return call('export_my_statement', { id, path })
}

/** 公示: the price and reward publicities running today, as their notices show them. */
export function runningPublicities(): Promise<Array<PublicNotice>> {
  return call('running_publicities')
}

/** Files an objection against a publicity running today, with its files; returns its id. */
export function fileObjection(objection: ObjectionInput, files: Array<string>): Promise<number> {
  return call('file_objection', { objection, files })
}

/** The objections I filed, with their handling. */
export function myObjections(): Promise<Array<MyObjection>> {
  return call('my_objections')
}

/** Shows a file an objection came with (an inventor: only of their own objections). */
export function showObjectionFile(id: number): Promise<void> {
  return call('show_objection_file', { id })
}

/** Sends a disclosure an inventor submitted back to them with what to change. */
export function sendBackDisclosure(id: number, note: string, version: number): Promise<void> {
  return call('send_back_disclosure', { id, note, version })
}

/** Shows (or hides) a disclosure's assessment scores to its inventors. */
export function publishDisclosureScores(id: number, published: boolean): Promise<void> {
  return call('publish_disclosure_scores', { id, published })
}

/** Asks a patent's inventors whether to keep paying its fees; returns the question's id. */
export function askFeeQuestion(input: FeeQuestionInput): Promise<number> {
  return call('ask_fee_question', { input })
}

/** An achievement's keep/abandon questions with their answers, newest first. */
export function feeQuestions(achievementId: number): Promise<Array<FeeQuestion>> {
  return call('fee_questions', { achievementId })
}

/** The objections to a distribution's publicity. */
export function rewardObjections(id: number): Promise<Array<RewardObjection>> {
  return call('reward_objections', { id })
}

/** Records the handling of an objection to a reward publicity. */
export function handleRewardObjection(id: number, handling: Handling): Promise<void> {
  return call('handle_reward_objection', { id, handling })
}

/** My notifications: the unread count and the newest (none at the desk). */
export function notifications(limit: number): Promise<Inbox> {
  return call('notifications', { limit })
}

/** Marks my notifications read: the ones listed, or all; returns how many. */
export function markNotificationsRead(ids: Array<number> | null): Promise<number> {
  return call('mark_notifications_read', { ids })
}

/** Who is calling and what they may call. */
export function whoami(): Promise<Me> {
  return call('whoami')
}

/** At the desktop app: who of the office is at the desk now (`name` null: nobody said, the
 * system user stands in). Every change after it is stamped with the name in the audit log. */
export function setOperator(name: string | null): Promise<Me> {
  return call('set_operator', { name })
}

/** Every account. */
export function listAccounts(): Promise<Array<Account>> {
  return call('list_accounts')
}

/** Creates (`id` null) or changes an account. A new account gets `password`, or a generated
 * one that the result shows once. */
export function saveAccount(input: AccountInput, password: string | null): Promise<SavedAccount> {
  return call('save_account', { input, password })
}

/** Disables (ending every session) or enables an account; an admin cannot disable their own. */
export function setAccountDisabled(id: number, disabled: boolean): Promise<Account> {
  return call('set_account_disabled', { id, disabled })
}

/** Gives an account a new password (`password`, or a generated one returned once) and ends
 * its sessions. */
export function resetPassword(id: number, password: string | null): Promise<string> {
  return call('reset_password', { id, password })
}

/** Ends every session of an account (it signs in again). */
export function endAccountSessions(id: number): Promise<number> {
  return call('end_account_sessions', { id })
}

/** The newest entries of the access log (sign-ins, reads of personal data), of one account or all. */
export function listAccessLog(login: string | null, limit: number): Promise<Array<AccessEntry>> {
  return call('list_access_log', { login, limit })
}
