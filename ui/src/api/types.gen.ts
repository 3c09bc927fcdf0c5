// Generated from the Rust types by `UPDATE_BINDINGS=1 cargo test -p transferdesk-core bindings`.
// Do not edit: a test fails when this file is stale.

export type Money = number;

export type Category = "researcher" | "transfer_staff" | "other";

export type LeaderLevel = "none" | "unit_principal" | "unit_deputy" | "middle";

export type Ownership = "state_owned" | "private" | "foreign" | "university" | "institute" | "other";

export type Size = "large" | "medium" | "small" | "micro";

export type AchievementKind = "invention_patent" | "utility_model" | "design_patent" | "software_copyright" | "ic_layout" | "plant_variety" | "know_how" | "other";

export type AchievementStatus = "pending" | "in_force" | "lapsed" | "abandoned" | "expired";

export type ContractKind = "transfer" | "license" | "equity" | "development" | "consulting" | "service";

export type LicenseKind = "exclusive" | "sole" | "ordinary";

export type CostCategory = "appraisal" | "agency" | "patent_fees" | "taxes" | "transaction" | "other";

export type Table = "people" | "organizations" | "achievements" | "contracts" | "receipts" | "costs";

export type Institution = { 
/**
 * Full name, e.g. 西南理工大学.
 */
name: string, 
/**
 * Province-level region, e.g. 四川省.
 */
province: string, 
/**
 * 费减备案 accepted: annual fees are reduced.
 */
fee_reduction: boolean, };

export type SortKey = "achievement_no" | "title" | "kind" | "application_no" | "filed_on" | "granted_on" | "status" | "department";

export type AchievementQuery = { 
/**
 * 1-based page.
 */
page: number, 
/**
 * Rows per page, at most [`MAX_PAGE_SIZE`].
 */
page_size: number, 
/**
 * Sort column; achievement number when absent.
 */
sort: SortKey | null, 
/**
 * Descending order.
 */
descending: boolean, 
/**
 * Only this kind.
 */
kind: AchievementKind | null, 
/**
 * Only this legal status.
 */
status: AchievementStatus | null, 
/**
 * Only this department.
 */
department: string | null, 
/**
 * Only those filed (or, without a filing date, granted) in this year.
 */
year: number | null, 
/**
 * Words in the title, a number (any spacing or prefix) or an inventor's name or employee ID.
 */
search: string | null, };

export type AchievementSummary = { 
/**
 * Record id, for the detail page.
 */
id: number, 
/**
 * 成果编号.
 */
achievement_no: string, 
/**
 * 成果名称.
 */
title: string, 
/**
 * 成果类型.
 */
kind: AchievementKind, 
/**
 * 申请号.
 */
application_no: string | null, 
/**
 * 申请日.
 */
filed_on: string | null, 
/**
 * 授权号.
 */
grant_no: string | null, 
/**
 * 授权日.
 */
granted_on: string | null, 
/**
 * 法律状态.
 */
status: AchievementStatus, 
/**
 * 所属单位.
 */
department: string, };

export type AchievementRow = { 
/**
 * Inventors' names in order, key contributors marked with `*`.
 */
inventors: string, 
/**
 * Contracts that carry it.
 */
contract_count: number, 
/**
 * Record id, for the detail page.
 */
id: number, 
/**
 * 成果编号.
 */
achievement_no: string, 
/**
 * 成果名称.
 */
title: string, 
/**
 * 成果类型.
 */
kind: AchievementKind, 
/**
 * 申请号.
 */
application_no: string | null, 
/**
 * 申请日.
 */
filed_on: string | null, 
/**
 * 授权号.
 */
grant_no: string | null, 
/**
 * 授权日.
 */
granted_on: string | null, 
/**
 * 法律状态.
 */
status: AchievementStatus, 
/**
 * 所属单位.
 */
department: string, };

export type AchievementPage = { 
/**
 * Rows matching the filters, over all pages.
 */
total: number, 
/**
 * This page's rows.
 */
rows: Array<AchievementRow>, };

export type InventorLine = { 
/**
 * 工号.
 */
employee_id: string, 
/**
 * 姓名.
 */
name: string, 
/**
 * 所在单位.
 */
department: string, 
/**
 * Share in bp.
 */
share_bp: number, 
/**
 * 主要贡献人员.
 */
key_contributor: boolean, };

export type LinkedContract = { 
/**
 * 合同编号.
 */
contract_no: string, 
/**
 * 合同名称.
 */
title: string, 
/**
 * 转化方式.
 */
kind: ContractKind, 
/**
 * 合作单位.
 */
counterparty: string, 
/**
 * 签订日期.
 */
signed_on: string, 
/**
 * 合同金额.
 */
amount_fen: Money, 
/**
 * This achievement's weight in the contract, bp.
 */
weight_bp: number, 
/**
 * All money received under the contract so far.
 */
received_fen: Money, };

export type AchievementDetail = { 
/**
 * 财政资助项目.
 */
fiscal_project: string | null, 
/**
 * 年费已缴至 (patent year).
 */
fees_paid_through: number | null, 
/**
 * True when the paid-through year was assumed at import.
 */
fees_paid_through_assumed: boolean, 
/**
 * 完成人.
 */
inventors: Array<InventorLine>, 
/**
 * Contracts carrying it.
 */
contracts: Array<LinkedContract>, 
/**
 * Record id, for the detail page.
 */
id: number, 
/**
 * 成果编号.
 */
achievement_no: string, 
/**
 * 成果名称.
 */
title: string, 
/**
 * 成果类型.
 */
kind: AchievementKind, 
/**
 * 申请号.
 */
application_no: string | null, 
/**
 * 申请日.
 */
filed_on: string | null, 
/**
 * 授权号.
 */
grant_no: string | null, 
/**
 * 授权日.
 */
granted_on: string | null, 
/**
 * 法律状态.
 */
status: AchievementStatus, 
/**
 * 所属单位.
 */
department: string, };

export type PortfolioFilters = { 
/**
 * Departments, by name.
 */
departments: Array<string>, 
/**
 * Years with filings or grants, newest first.
 */
years: Array<number>, };

export type ImportSummary = { 
/**
 * The table imported.
 */
table: Table, 
/**
 * Data rows in the file.
 */
rows: number, 
/**
 * New records written.
 */
inserted: number, 
/**
 * Existing records changed (imports add records; duplicates are refused).
 */
updated: number, 
/**
 * True when nothing was written on purpose.
 */
dry_run: boolean, 
/**
 * Assumptions the import made, e.g. an assumed paid-through fee year.
 */
warnings: Array<string>, };

export type ProblemReport = { 
/**
 * Sheet name (file name for CSV).
 */
sheet: string, 
/**
 * Spreadsheet row (header = 1, 0 = whole file).
 */
row: number, 
/**
 * The column's header.
 */
column: string, 
/**
 * Cell reference such as `C5`, when the problem is in one cell.
 */
cell: string | null, 
/**
 * The value found.
 */
value: string, 
/**
 * Stable code.
 */
code: string, 
/**
 * What is wrong, for a person.
 */
problem: string, };

export type ErrorReport = { 
/**
 * Stable code.
 */
code: string, 
/**
 * A sentence for a person.
 */
message: string, 
/**
 * One line per problem (imports).
 */
details: Array<ProblemReport>, };

export type VerifyReport = { 
/**
 * `ok`, or what SQLite's integrity check said.
 */
integrity: string, 
/**
 * Entries in the audit log.
 */
audit_entries: number, 
/**
 * The id of the first entry whose hash or link does not match, if any.
 */
first_broken_entry: number | null, 
/**
 * True when both checks pass.
 */
ok: boolean, };

export type DistributionState = "draft" | "approved" | "publicized" | "paid";

export type ReceiptLine = { 
/**
 * 到账日期.
 */
received_on: string, 
/**
 * 到账金额.
 */
amount_fen: Money, 
/**
 * 凭证号.
 */
voucher_no: string | null, };

export type Allocation = { 
/**
 * 工号.
 */
employee_id: string, 
/**
 * 姓名.
 */
name: string, 
/**
 * 所在院系.
 */
department: string, 
/**
 * Σ achievement weight × inventor share, bp (rounded for display; the split uses it exactly).
 */
weight_bp: number, 
/**
 * The cash reward in fen (absent for equity).
 */
amount_fen?: number | null, 
/**
 * The part counted into wage income under 财税〔2018〕58号 (absent for equity).
 */
taxable_fen?: number | null, 
/**
 * Equity only: units of registered capital (fen of yuan).
 */
units?: number | null, 
/**
 * 主要贡献人员 on any of the achievements.
 */
key_contributor: boolean, 
/**
 * 领导职务.
 */
leader_level: LeaderLevel, 
/**
 * A transfer-staff line (taken off the pool first).
 */
transfer_staff: boolean, 
/**
 * A unit principal leader's equity part given up by a recorded decision: the institution keeps it.
 */
waived: boolean, };

export type Severity = "error" | "warning";

export type Finding = { 
/**
 * Stable code.
 */
code: string, 
/**
 * error or warning.
 */
severity: Severity, 
/**
 * The person concerned, if one.
 */
employee_id: string | null, };

export type Plan = { 
/**
 * 合同编号.
 */
contract_no: string, 
/**
 * 转化方式.
 */
kind: ContractKind, 
/**
 * Receipts included.
 */
receipts: Array<ReceiptLine>, 
/**
 * Their sum.
 */
receipts_fen: Money, 
/**
 * Costs included (not counting those carried in).
 */
costs_fen: Money, 
/**
 * Costs carried in from the previous distribution.
 */
carried_in_costs_fen: Money, 
/**
 * receipts − costs − carried-in costs, never below zero.
 */
net_income_fen: Money, 
/**
 * Costs left over for the next distribution.
 */
carried_out_costs_fen: Money, 
/**
 * The policy's ratio for this kind.
 */
ratio_bp: number, 
/**
 * round_half_up(net × ratio) (absent for equity, which has `pool_units`).
 */
pool_fen?: Money, 
/**
 * Equity only: registered capital received.
 */
equity_units?: number | null, 
/**
 * Equity only: round_half_up(units × ratio).
 */
pool_units?: number | null, 
/**
 * Lines, by amount descending then employee ID.
 */
allocations: Array<Allocation>, 
/**
 * net − pool: what the institution keeps.
 */
institution_fen: Money, 
/**
 * Equity only: units − pool units, plus any waived part.
 */
institution_units?: number | null, 
/**
 * Rule findings.
 */
findings: Array<Finding>, };

export type LinkedAchievement = { 
/**
 * 成果编号.
 */
achievement_no: string, 
/**
 * 成果名称.
 */
title: string, 
/**
 * Weight in the contract, bp.
 */
weight_bp: number, };

export type Proposal = { 
/**
 * 合同名称.
 */
contract_title: string, 
/**
 * 受让方/被许可方/合作方.
 */
counterparty: string, 
/**
 * 签订日期: decides the policy version.
 */
signed_on: string, 
/**
 * 合同金额.
 */
contract_amount_fen: Money, 
/**
 * 技术合同登记号 (58号 needs one).
 */
registration_no: string | null, 
/**
 * The contract's achievements.
 */
achievements: Array<LinkedAchievement>, 
/**
 * Receipts and costs dated up to this day are included.
 */
through_on: string, 
/**
 * The policy version applied.
 */
policy_id: number, 
/**
 * Its effective date.
 */
policy_effective_on: string, 
/**
 * Its publicity period in days.
 */
policy_publicity_days: number, 
/**
 * Its transfer-staff share of the pool, if any.
 */
transfer_staff_bp: number | null, 
/**
 * Pay by this day (policy's months after the last receipt), if the policy sets a deadline.
 */
payment_due_on: string | null, 
/**
 * 合同编号.
 */
contract_no: string, 
/**
 * 转化方式.
 */
kind: ContractKind, 
/**
 * Receipts included.
 */
receipts: Array<ReceiptLine>, 
/**
 * Their sum.
 */
receipts_fen: Money, 
/**
 * Costs included (not counting those carried in).
 */
costs_fen: Money, 
/**
 * Costs carried in from the previous distribution.
 */
carried_in_costs_fen: Money, 
/**
 * receipts − costs − carried-in costs, never below zero.
 */
net_income_fen: Money, 
/**
 * Costs left over for the next distribution.
 */
carried_out_costs_fen: Money, 
/**
 * The policy's ratio for this kind.
 */
ratio_bp: number, 
/**
 * round_half_up(net × ratio) (absent for equity, which has `pool_units`).
 */
pool_fen?: Money, 
/**
 * Equity only: registered capital received.
 */
equity_units?: number | null, 
/**
 * Equity only: round_half_up(units × ratio).
 */
pool_units?: number | null, 
/**
 * Lines, by amount descending then employee ID.
 */
allocations: Array<Allocation>, 
/**
 * net − pool: what the institution keeps.
 */
institution_fen: Money, 
/**
 * Equity only: units − pool units, plus any waived part.
 */
institution_units?: number | null, 
/**
 * Rule findings.
 */
findings: Array<Finding>, };

export type Distribution = { 
/**
 * Record id (`rewards approve ID`).
 */
id: number, 
/**
 * 状态.
 */
state: DistributionState, 
/**
 * For a reversal (冲销): the distribution it cancels.
 */
reverses_id: number | null, 
/**
 * The reversal that cancels this one, if any.
 */
reversed_by_id: number | null, 
/**
 * Why a reversal was made.
 */
reason: string | null, 
/**
 * When it was saved.
 */
created_at: string, 
/**
 * 集体决策日期.
 */
decision_on: string | null, 
/**
 * The minutes (会议纪要) as named at approval.
 */
minutes_file: string | null, 
/**
 * SHA-256 of the minutes file, so that the evidence can be checked later.
 */
minutes_sha256: string | null, 
/**
 * 越过理由: why approval went ahead despite an error finding.
 */
override_reason: string | null, 
/**
 * 公示开始 (the posting day; it does not count).
 */
publicity_from: string | null, 
/**
 * 公示天数.
 */
publicity_days: number | null, 
/**
 * 公示截止: the last day of the period (民法典 Art. 201–203 and the holiday calendar).
 */
publicity_ends_on: string | null, 
/**
 * 发放日期.
 */
paid_on: string | null, 
/**
 * 合同名称.
 */
contract_title: string, 
/**
 * 受让方/被许可方/合作方.
 */
counterparty: string, 
/**
 * 签订日期: decides the policy version.
 */
signed_on: string, 
/**
 * 合同金额.
 */
contract_amount_fen: Money, 
/**
 * 技术合同登记号 (58号 needs one).
 */
registration_no: string | null, 
/**
 * The contract's achievements.
 */
achievements: Array<LinkedAchievement>, 
/**
 * Receipts and costs dated up to this day are included.
 */
through_on: string, 
/**
 * The policy version applied.
 */
policy_id: number, 
/**
 * Its effective date.
 */
policy_effective_on: string, 
/**
 * Its publicity period in days.
 */
policy_publicity_days: number, 
/**
 * Its transfer-staff share of the pool, if any.
 */
transfer_staff_bp: number | null, 
/**
 * Pay by this day (policy's months after the last receipt), if the policy sets a deadline.
 */
payment_due_on: string | null, 
/**
 * 合同编号.
 */
contract_no: string, 
/**
 * 转化方式.
 */
kind: ContractKind, 
/**
 * Receipts included.
 */
receipts: Array<ReceiptLine>, 
/**
 * Their sum.
 */
receipts_fen: Money, 
/**
 * Costs included (not counting those carried in).
 */
costs_fen: Money, 
/**
 * Costs carried in from the previous distribution.
 */
carried_in_costs_fen: Money, 
/**
 * receipts − costs − carried-in costs, never below zero.
 */
net_income_fen: Money, 
/**
 * Costs left over for the next distribution.
 */
carried_out_costs_fen: Money, 
/**
 * The policy's ratio for this kind.
 */
ratio_bp: number, 
/**
 * round_half_up(net × ratio) (absent for equity, which has `pool_units`).
 */
pool_fen?: Money, 
/**
 * Equity only: registered capital received.
 */
equity_units?: number | null, 
/**
 * Equity only: round_half_up(units × ratio).
 */
pool_units?: number | null, 
/**
 * Lines, by amount descending then employee ID.
 */
allocations: Array<Allocation>, 
/**
 * net − pool: what the institution keeps.
 */
institution_fen: Money, 
/**
 * Equity only: units − pool units, plus any waived part.
 */
institution_units?: number | null, 
/**
 * Rule findings.
 */
findings: Array<Finding>, };

export type Approval = { 
/**
 * The collective decision's date.
 */
decision_on: string, 
/**
 * The minutes file, kept by name and SHA-256.
 */
minutes_file: string | null, 
/**
 * Needed when an error finding stands.
 */
override_reason: string | null, 
/**
 * Unit principal leaders who give up their equity part (it stays with the institution).
 */
waive: Array<string>, };

export type DistributionQuery = { 
/**
 * 1-based page.
 */
page: number, 
/**
 * Rows per page, at most [`crate::portfolio::MAX_PAGE_SIZE`].
 */
page_size: number, 
/**
 * Only this state.
 */
state: DistributionState | null, 
/**
 * Only this contract (exact number).
 */
contract_no: string | null, 
/**
 * Contract number or title contains.
 */
search: string | null, 
/**
 * Only those whose `through` date falls in this year.
 */
year: number | null, 
/**
 * Only unpaid ones past their payment deadline.
 */
overdue: boolean, };

export type DistributionRow = { 
/**
 * Record id.
 */
id: number, 
/**
 * 合同编号.
 */
contract_no: string, 
/**
 * 合同名称.
 */
contract_title: string, 
/**
 * 转化方式.
 */
kind: ContractKind, 
/**
 * 状态.
 */
state: DistributionState, 
/**
 * A reversal of this distribution id.
 */
reverses_id: number | null, 
/**
 * Receipts up to.
 */
through_on: string, 
/**
 * 净收入.
 */
net_income_fen: Money, 
/**
 * 奖励总额 (cash).
 */
pool_fen: Money | null, 
/**
 * 奖励股权 (equity, units).
 */
pool_units: number | null, 
/**
 * Saved on.
 */
created_on: string, 
/**
 * 集体决策日期.
 */
decision_on: string | null, 
/**
 * 公示截止.
 */
publicity_ends_on: string | null, 
/**
 * 发放期限.
 */
payment_due_on: string | null, 
/**
 * 发放日期.
 */
paid_on: string | null, 
/**
 * Unpaid and past the payment deadline on the day asked.
 */
payment_overdue: boolean, };

export type DistributionPage = { 
/**
 * Rows matching the filters, over all pages.
 */
total: number, 
/**
 * This page's rows.
 */
rows: Array<DistributionRow>, };

export type ContractChoice = { 
/**
 * 合同编号.
 */
contract_no: string, 
/**
 * 合同名称.
 */
title: string, 
/**
 * 转化方式.
 */
kind: ContractKind, 
/**
 * 受让方.
 */
counterparty: string, 
/**
 * 签订日期.
 */
signed_on: string, 
/**
 * All receipts so far.
 */
received_fen: Money, 
/**
 * An unpaid distribution of the contract, if one is open.
 */
open_distribution_id: number | null, };

export type StaffChoice = { 
/**
 * 工号.
 */
employee_id: string, 
/**
 * 姓名.
 */
name: string, };

export type Tier = { 
/**
 * The contract kind it applies to; `None`: every kind.
 */
kind: ContractKind | null, 
/**
 * Contract amount from which it applies (inclusive).
 */
min_amount_fen: Money, 
/**
 * Only for counterparties in the institution's province (本省).
 */
in_province: boolean, 
/**
 * The ratio instead of the kind's.
 */
ratio_bp: number, };

export type Policy = { 
/**
 * `None` for a version not saved yet.
 */
id: number | null, 
/**
 * Applies to contracts signed on or after this day, until the next version.
 */
effective_on: string, 
/**
 * 转让 ratio of net income for the inventors.
 */
transfer_bp: number, 
/**
 * 许可.
 */
license_bp: number, 
/**
 * 作价投资 (of the equity received).
 */
equity_bp: number, 
/**
 * 技术开发.
 */
development_bp: number, 
/**
 * 技术咨询.
 */
consulting_bp: number, 
/**
 * 技术服务.
 */
service_bp: number, 
/**
 * Tiers by contract amount and in-province counterparty.
 */
tiers: Array<Tier>, 
/**
 * Key contributors together get at least this share of the pool (national 5000).
 */
key_contributor_min_bp: number, 
/**
 * Share of the pool for transfer staff, taken off first; `None`: no such share.
 */
transfer_staff_bp: number | null, 
/**
 * The least the transfer staff must get (Zhejiang 500); `None`: no minimum.
 */
transfer_staff_min_bp: number | null, 
/**
 * Days a distribution is publicized (default 15).
 */
publicity_days: number, 
/**
 * Months from the last receipt by which rewards must be paid (Zhejiang 6); `None`: no deadline.
 */
payment_deadline_months: number | null, 
/**
 * Informational split of the institution's part: department.
 */
remainder_department_bp: number, 
/**
 * … university.
 */
remainder_university_bp: number, 
/**
 * … transfer office.
 */
remainder_office_bp: number, 
/**
 * Source or remark, e.g. the unit's rule and its number.
 */
note: string | null, 
/**
 * Used by an approved distribution: frozen, add a new version instead.
 */
in_use: boolean, };

export type DayKind = "rest" | "work";

export type Holiday = { 
/**
 * The day.
 */
day: string, 
/**
 * Off or worked.
 */
kind: DayKind, 
/**
 * e.g. 春节, 国庆节调休上班.
 */
name: string, };

export type Flow = { 
/**
 * Contracts signed in the year.
 */
count: number, 
/**
 * Their contract amounts.
 */
contract_amount_fen: number, 
/**
 * Receipts dated in the year (contracts of any year).
 */
received_fen: number, };

export type Deals = { 
/**
 * How many.
 */
count: number, 
/**
 * Their contract amounts.
 */
contract_amount_fen: number, };

export type Granted = { 
/**
 * 发明专利.
 */
invention_patent: number, 
/**
 * 实用新型专利.
 */
utility_model: number, 
/**
 * 外观设计专利.
 */
design_patent: number, 
/**
 * 软件著作权.
 */
software_copyright: number, 
/**
 * 集成电路布图设计.
 */
ic_layout: number, 
/**
 * 植物新品种.
 */
plant_variety: number, 
/**
 * 技术秘密.
 */
know_how: number, 
/**
 * 其他.
 */
other: number, 
/**
 * All kinds.
 */
total: number, };

export type Achievements = { 
/**
 * Granted in the year, by kind.
 */
granted: Granted, 
/**
 * Of those, from a fiscally funded project.
 */
fiscal_funded: number, };

export type ByOwnership = { 
/**
 * 国有企业.
 */
state_owned: Deals, 
/**
 * 民营企业.
 */
private: Deals, 
/**
 * 外资企业.
 */
foreign: Deals, 
/**
 * Universities, institutes and others.
 */
other: Deals, };

export type ByRegion = { 
/**
 * The institution's province.
 */
in_province: Deals, 
/**
 * Other provinces.
 */
out_of_province: Deals, 
/**
 * 境外.
 */
abroad: Deals, };

export type Transformation = { 
/**
 * 转让.
 */
transfer: Flow, 
/**
 * 许可.
 */
license: Flow, 
/**
 * 作价投资.
 */
equity: Flow, 
/**
 * The three summed.
 */
total: Flow, 
/**
 * By the counterparty's ownership.
 */
by_ownership: ByOwnership, 
/**
 * Counterparties of medium, small or micro size.
 */
to_sme: Deals, 
/**
 * By the counterparty's region.
 */
by_region: ByRegion, 
/**
 * Contracts of at least 1,000,000 yuan.
 */
over_1m_count: number, };

export type Technical = { 
/**
 * 技术开发.
 */
development: Flow, 
/**
 * 技术咨询.
 */
consulting: Flow, 
/**
 * 技术服务.
 */
service: Flow, 
/**
 * The three summed.
 */
total: Flow, };

export type Rewards = { 
/**
 * Σ cash allocations (reversals count negative).
 */
cash_fen: number, 
/**
 * Positive cash lines (人次).
 */
cash_person_times: number, 
/**
 * Of the cash, to key contributors.
 */
key_contributor_cash_fen: number, 
/**
 * Of the cash, to leaders of any level.
 */
leader_cash_fen: number, 
/**
 * Leaders' positive cash lines.
 */
leader_person_times: number, 
/**
 * Unit principal leaders' positive cash lines.
 */
principal_leader_person_times: number, 
/**
 * Σ equity units allocated (waived parts stay with the institution).
 */
equity_units: number, 
/**
 * Positive equity lines.
 */
equity_person_times: number, };

export type Income = { 
/**
 * All receipts dated in the year.
 */
received_fen: number, 
/**
 * Of those, of transfer, license and equity contracts.
 */
transformation_received_fen: number, 
/**
 * Σ pools of cash distributions paid in the year.
 */
reward_pool_fen: number, };

export type Organization = { 
/**
 * People recorded as transfer staff (now).
 */
transfer_staff: number, 
/**
 * Equity contracts signed in the year (companies founded on the results).
 */
companies_created: number, };

export type Indicators = { 
/**
 * The report year.
 */
year: number, 
/**
 * The reporting institution.
 */
institution: string, 
/**
 * Its province.
 */
province: string, 
/**
 * When the report is due (March 31 of the next year unless set otherwise).
 */
due_on: string, 
/**
 * Part 2.
 */
achievements: Achievements, 
/**
 * Part 3.
 */
transformation: Transformation, 
/**
 * Part 4.
 */
technical: Technical, 
/**
 * Part 5.
 */
rewards: Rewards, 
/**
 * Part 5.
 */
income: Income, 
/**
 * Part 4.
 */
organization: Organization, };

export type RecordLine = { 
/**
 * `achievement`, `contract`, `receipt` or `distribution`.
 */
kind: string, 
/**
 * Record id (an achievement's or distribution's page).
 */
id: number, 
/**
 * Its number: achievement no, contract no, voucher, distribution #.
 */
key: string, 
/**
 * Title, or the contract a receipt or distribution belongs to.
 */
title: string, 
/**
 * The date that put it in the year.
 */
date: string | null, 
/**
 * The amount it contributes, if money.
 */
amount_fen: number | null, };

export type RecordRef = { 
/**
 * `contract`, `receipt`, `achievement`, `distribution` or `indicator`.
 */
kind: string, 
/**
 * Its number (contract no, voucher or receipt date, achievement no, distribution id, indicator path).
 */
key: string, };

export type CheckFinding = { 
/**
 * Stable code.
 */
code: string, 
/**
 * An error blocks the export unless overridden; a warning is for a person to look at.
 */
severity: Severity, 
/**
 * What is wrong, for a person.
 */
message: string, 
/**
 * The records concerned.
 */
records: Array<RecordRef>, };

export type Case = { 
/**
 * 合同编号.
 */
contract_no: string, 
/**
 * The case as told by the office.
 */
text: string, };

export type ReportYear = { 
/**
 * The report year.
 */
year: number, 
/**
 * 报送截止日期 (default March 31 of the next year).
 */
due_on: string, 
/**
 * The narrative of parts 一 to 六.
 */
narrative: Array<string>, 
/**
 * Typical cases.
 */
cases: Array<Case>, 
/**
 * When it was filed (read-only).
 */
filed_at: string | null, 
/**
 * Who filed it (read-only).
 */
filed_by: string | null, };

export type Change = { 
/**
 * Its path, e.g. `transformation.license.count`.
 */
indicator: string, 
/**
 * The filed figure.
 */
filed: number, 
/**
 * The figure now.
 */
now: number, };

export type AnnualReport = { 
/**
 * The indicators (of the department when one is asked).
 */
indicators: Indicators, 
/**
 * Due date, narrative, cases, filing.
 */
year: ReportYear, 
/**
 * `check` for the year (whole institution).
 */
findings: Array<CheckFinding>, 
/**
 * Indicators changed since filing.
 */
changes: Array<Change>, };
