// Generated from the Rust types by `UPDATE_BINDINGS=1 cargo test -p transferdesk-core bindings`.
// Do not edit: a test fails when this file is stale.

export type Money = number;

export type Role = "admin" | "office" | "secretary" | "finance" | "leader" | "inventor";

export type Account = { 
/**
 * Row id.
 */
id: number, 
/**
 * The name typed at sign-in (unique, case-insensitive).
 */
login: string, 
/**
 * The person's name as shown.
 */
name: string, 
/**
 * What the account may do.
 */
role: Role, 
/**
 * A secretary's 学院.
 */
department: string | null, 
/**
 * The person the account belongs to (employee ID), if linked.
 */
employee_id: string | null, 
/**
 * That person's name.
 */
person_name: string | null, 
/**
 * Where the account's notifications are mailed, when the server sends mail.
 */
email: string | null, 
/**
 * Whether a password is set (an account may sign on through the university only).
 */
has_password: boolean, 
/**
 * Disabled accounts cannot sign in; their sessions ended when they were disabled.
 */
disabled: boolean, 
/**
 * When it was created.
 */
created_at: string, 
/**
 * The edit version (store::version): every save, disable, enable and new password adds 1.
 */
version: number, };

export type AccountInput = { 
/**
 * `None` creates one.
 */
id: number | null, 
/**
 * The sign-in name.
 */
login: string, 
/**
 * The person's name as shown.
 */
name: string, 
/**
 * The role.
 */
role: Role | null, 
/**
 * A secretary's 学院 (required for, and only for, a secretary).
 */
department: string | null, 
/**
 * The person the account belongs to (required for an inventor).
 */
employee_id: string | null, 
/**
 * Where its notifications are mailed (none: not mailed).
 */
email: string | null, 
/**
 * The version the form was loaded at (store::version); 0 for a new one.
 */
version: number, };

export type AccessEntry = { 
/**
 * When.
 */
at: string, 
/**
 * The account (login), or the login name tried.
 */
account: string, 
/**
 * The client's address, when known.
 */
address: string, 
/**
 * What happened.
 */
event: string, 
/**
 * Whose data, or why refused.
 */
subject: string, };

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

export type Profile = { 
/**
 * 单位代码 (统一社会信用代码 or the ministry's institution code).
 */
code: string | null, 
/**
 * 单位类型.
 */
kind: InstitutionKind, 
/**
 * 主管部门, e.g. 四川省教育厅.
 */
competent_department: string | null, 
/**
 * The version the settings were loaded at: a save is refused (`edit_conflict`) once someone
 * else changed the profile (super::version).
 */
version: number, 
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
fee_reduction: boolean, 
/**
 * 受理部门, e.g. 科学技术发展研究院技术转移中心.
 */
contact_office: string | null, 
/**
 * 联系电话, e.g. 028-8760 1234.
 */
contact_phone: string | null, 
/**
 * 电子邮箱.
 */
contact_email: string | null, };

export type InstitutionKind = "university" | "institute" | "hospital" | "other";

export type DeadlineKind = "fees_due30" | "fees_due60" | "fees_due90" | "fees_in_grace" | "publicity_ending" | "reward_publicity_ending" | "payments_overdue" | "payments_due" | "distributions_to_approve" | "distributions_to_publicize" | "distributions_to_pay" | "distributions_overdue" | "prosecution_missed" | "prosecution_due";

export type DeadlineItem = { 
/**
 * The record to open (achievement, publicity, contract or distribution id).
 */
id: number, 
/**
 * Its title or number.
 */
label: string, 
/**
 * The day it falls due.
 */
on: string | null, 
/**
 * The amount at stake, when there is one.
 */
amount_fen: Money | null, };

export type Deadline = { 
/**
 * What falls due.
 */
kind: DeadlineKind, 
/**
 * How many in all.
 */
count: number, 
/**
 * The amount of all of them, when it means something.
 */
amount_fen: Money | null, 
/**
 * The first few, the soonest first.
 */
items: Array<DeadlineItem>, };

export type ReportDue = { 
/**
 * The year reported on.
 */
year: number, 
/**
 * Due by.
 */
due_on: string, 
/**
 * Days left (negative when late).
 */
days_left: number, 
/**
 * Already filed.
 */
filed: boolean, };

export type YearFigures = { 
/**
 * The year.
 */
year: number, 
/**
 * Counted up to this day.
 */
through: string, 
/**
 * Contracts signed.
 */
contracts: number, 
/**
 * Their amount.
 */
contract_fen: Money, 
/**
 * Money received (到账).
 */
received_fen: Money, 
/**
 * Rewards paid (cash distributions paid).
 */
rewards_paid_fen: Money, };

export type KindMonth = { 
/**
 * 转化方式.
 */
kind: ContractKind, 
/**
 * 1–12.
 */
month: number, 
/**
 * Received.
 */
amount_fen: Money, };

export type DepartmentIncome = { 
/**
 * 学院; absent for contracts that name no achievement.
 */
department: string | null, 
/**
 * Received, split over a contract's achievements by their weights.
 */
amount_fen: Money, };

export type PortfolioCell = { 
/**
 * 成果类型.
 */
kind: AchievementKind, 
/**
 * 法律状态.
 */
status: AchievementStatus, 
/**
 * Achievements.
 */
count: number, };

export type Dashboard = { 
/**
 * The day it was computed for.
 */
today: string, 
/**
 * Deadlines with something in them, in [`DeadlineKind`] order.
 */
deadlines: Array<Deadline>, 
/**
 * The annual report due next (or late).
 */
report: ReportDue, 
/**
 * This year up to today.
 */
this_year: YearFigures, 
/**
 * Last year up to the same day.
 */
last_year_to_date: YearFigures, 
/**
 * Last year as a whole.
 */
last_year: YearFigures, 
/**
 * This year's income by contract kind and month.
 */
income_by_kind_month: Array<KindMonth>, 
/**
 * This year's income by department, the largest first.
 */
income_by_department: Array<DepartmentIncome>, 
/**
 * The portfolio by kind and status.
 */
portfolio: Array<PortfolioCell>, };

export type SearchKind = "achievement" | "person" | "organization" | "contract";

export type SearchHit = { 
/**
 * The record's id (opens its page).
 */
id: number, 
/**
 * Title or name.
 */
label: string, 
/**
 * Its numbers, department or counterparty.
 */
detail: string, };

export type SearchGroup = { 
/**
 * What they are.
 */
kind: SearchKind, 
/**
 * At most the limit asked for.
 */
hits: Array<SearchHit>, 
/**
 * More records of this kind match than are shown.
 */
more: boolean, };

export type SearchResults = { 
/**
 * The groups, in [`SearchKind::ALL`] order.
 */
groups: Array<SearchGroup>, };

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
 * 重要贡献人员.
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
 * 优先权日, when the application claims one.
 */
priority_on: string | null, 
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
 * One line per problem (imports, forms); for `edit_conflict`, one per field that differs
 * (`column`: its key, `value`: its name).
 */
details: Array<ProblemReport>, };

export type VerifyFinding = { 
/**
 * `schema` (a table, index or trigger differs from the file's schema version),
 * `integrity` (SQLite's check), `chain` (an entry's hash or link, or entries missing),
 * `entry_rows` (an entry's row digests altered), `row_changed`, `row_added`, `row_deleted`
 * (a record row that is not what the log says), `witness` (the log's head differs from a
 * witness kept outside the file).
 */
code: string, 
/**
 * The table of a row finding.
 */
table: string | null, 
/**
 * The row's key: its rowid, or its primary key (a JSON array when it has several columns).
 */
key: string | null, 
/**
 * The columns that differ (`row_changed`).
 */
columns: Array<string>, 
/**
 * The audit entry concerned: the broken one, or the newest one naming the row.
 */
entry: number | null, 
/**
 * What was found, for a person.
 */
message: string, };

export type WitnessCheck = { 
/**
 * `file` (the witness beside the data file), `backup` (a backup's manifest) or `report`
 * (a filed annual report's snapshot).
 */
kind: string, 
/**
 * The witness file, or the report year.
 */
name: string, 
/**
 * The number of entries it saw.
 */
entries: number | null, 
/**
 * `matches` (the log has that entry with that hash), `missing`, `unreadable`, `cut_off`
 * (the log is shorter), `rewritten` (another hash), `replaced` (a backup of data a later
 * restore replaced: not compared), `empty` (a backup of an empty log).
 */
status: string, 
/**
 * What was found, for a person.
 */
message: string, };

export type VerifyReport = { 
/**
 * `ok`, or what SQLite's integrity check said.
 */
integrity: string, 
/**
 * The file's schema version.
 */
schema_version: number, 
/**
 * Entries in the audit log.
 */
audit_entries: number, 
/**
 * The id of the first entry whose hash or link does not match, if any.
 */
first_broken_entry: number | null, 
/**
 * Rows of the records compared with their digests in the log (0 for a file of a schema
 * before the digests, which is sealed when it is opened and upgraded).
 */
rows_checked: number, 
/**
 * The first [`MAX_FINDINGS`] findings.
 */
findings: Array<VerifyFinding>, 
/**
 * All findings (more than listed when there are more than [`MAX_FINDINGS`]).
 */
findings_total: number, 
/**
 * The witnesses compared with the log's head.
 */
witnesses: Array<WitnessCheck>, 
/**
 * True when nothing was found.
 */
ok: boolean, };

export type Reason = "start" | "quit" | "manual" | "before-restore" | "daily";

export type BackupFile = { 
/**
 * Its full path.
 */
file: string, 
/**
 * Its file name, e.g. `transferdesk-20261123-093000-start.db`.
 */
name: string, 
/**
 * Why it was taken.
 */
reason: Reason, 
/**
 * When, `YYYY-MM-DDTHH:MM:SS` (from the name).
 */
taken_at: string, 
/**
 * Its size in bytes.
 */
bytes: number, };

export type BackupCheck = { 
/**
 * The file checked.
 */
file: string, 
/**
 * Its schema version (older ones are migrated when opened).
 */
schema_version: number, 
/**
 * Entries in its audit log, whose chain verified.
 */
audit_entries: number, };

export type Restored = { 
/**
 * The file restored from, as checked.
 */
from: BackupCheck, 
/**
 * The backup that keeps the content the restore replaced.
 */
kept: BackupFile, };

export type AuditQuery = { 
/**
 * 1-based page.
 */
page: number, 
/**
 * Rows per page, at most [`MAX_PAGE_SIZE`].
 */
page_size: number, 
/**
 * Only this kind of record (`person`, `achievement`, `contract`, `distribution`, …).
 */
entity: string | null, 
/**
 * Only this record (its key as logged, e.g. a contract number); needs `entity`.
 */
entity_key: string | null, 
/**
 * Only `insert`, `update` or `delete`.
 */
action: string | null, 
/**
 * Actor contains.
 */
actor: string | null, 
/**
 * From this day (inclusive).
 */
from: string | null, 
/**
 * Up to this day (inclusive).
 */
to: string | null, };

export type AuditEntry = { 
/**
 * Entry id (the chain's order).
 */
id: number, 
/**
 * `YYYY-MM-DDTHH:MM:SS`.
 */
at: string, 
/**
 * Who.
 */
actor: string, 
/**
 * `insert`, `update` or `delete`.
 */
action: string, 
/**
 * Kind of record.
 */
entity: string, 
/**
 * The record's key.
 */
entity_key: string, 
/**
 * The record before (JSON text), for updates and deletes.
 */
before: string | null, 
/**
 * The record after (JSON text), for inserts and updates.
 */
after: string | null, };

export type AuditPage = { 
/**
 * This page's entries, newest first.
 */
rows: Array<AuditEntry>, 
/**
 * All matching entries.
 */
total: number, 
/**
 * The kinds of record in the log, for the filter.
 */
entities: Array<string>, };

export type TargetPage = "achievement" | "contract" | "person" | "organization" | "disclosure" | "distribution";

export type AuditTarget = { 
/**
 * The page.
 */
page: TargetPage, 
/**
 * The record's id on that page.
 */
id: number, };

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
 * 重要贡献人员 on any of the achievements.
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
employee_id: string | null, 
/**
 * For a finding about a share: the rule's figure, bp of the pool (the policy's minimum).
 */
rule_bp: number | null, 
/**
 * For a finding about a share: the actual share, bp of the pool, rounded down so that a
 * share below the rule never shows as equal to it.
 */
actual_bp: number | null, };

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
findings: Array<Finding>, 
/**
 * The institution's part split among the policy's recipients (empty: it keeps it whole).
 */
recipients: Array<RecipientLine>, 
/**
 * The lines are the amounts the team agreed, not shares of the pool.
 */
agreed_amounts: boolean, };

export type AgreedAmount = { 
/**
 * 工号.
 */
employee_id: string, 
/**
 * 金额 in fen (units for equity); computed by the plan when `fraction` is given.
 */
amount_fen: Money, 
/**
 * Where it was given: the file's row (1-based, header = 1), or the form's line; 0: nowhere in particular.
 */
row: number, 
/**
 * The person's exact fraction of the pool (e.g. 10/28), instead of an amount.
 */
fraction: Fraction | null, };

export type Fraction = { 
/**
 * The part (≥ 0).
 */
numerator: number, 
/**
 * Of how many (≥ 1).
 */
denominator: number, };

export type RecipientLine = { 
/**
 * 学院, 学校, 转化办, a fund….
 */
name: string, 
/**
 * Its share of the net income in the policy, bp.
 */
share_bp: number, 
/**
 * Its part of the institution's part, to the fen (largest remainder).
 */
amount_fen: Money, };

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
 * Its document as offices cite it, 《title》（number）; `None` when none is recorded (the
 * effective date names the version then).
 */
policy_document: string | null, 
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
findings: Array<Finding>, 
/**
 * The institution's part split among the policy's recipients (empty: it keeps it whole).
 */
recipients: Array<RecipientLine>, 
/**
 * The lines are the amounts the team agreed, not shares of the pool.
 */
agreed_amounts: boolean, };

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
 * The signed allocation form of agreed amounts: an attachment of the contract.
 */
allocation_attachment_id: number | null, 
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
 * Its document as offices cite it, 《title》（number）; `None` when none is recorded (the
 * effective date names the version then).
 */
policy_document: string | null, 
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
findings: Array<Finding>, 
/**
 * The institution's part split among the policy's recipients (empty: it keeps it whole).
 */
recipients: Array<RecipientLine>, 
/**
 * The lines are the amounts the team agreed, not shares of the pool.
 */
agreed_amounts: boolean, };

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
 * Rows per page, at most [`crate::store::search::MAX_PAGE_SIZE`].
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

export type Recipient = { 
/**
 * Its name (1–50 characters, distinct within the version).
 */
name: string, 
/**
 * Its share of the net income, bp (a percent with two decimals).
 */
share_bp: number, };

export type Policy = { 
/**
 * `None` for a version not saved yet.
 */
id: number | null, 
/**
 * The edit version the form was loaded at (0 for a new policy version; not to be confused
 * with the policy's dated versions): a save is refused (`edit_conflict`) once someone else
 * changed this policy version (store::version).
 */
version: number, 
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
 * Who shares the institution's part, in bp of the net income; with the team's ratio they
 * add up to 100 %. Empty: the institution keeps its part whole.
 */
recipients: Array<Recipient>, 
/**
 * Source or remark.
 */
note: string | null, 
/**
 * Used by an approved distribution: frozen, add a new version instead.
 */
in_use: boolean, 
/**
 * 文件名称, e.g. 西南理工大学科技成果转化管理办法 (without 《》): offices name a policy by
 * its document. `None`: not recorded (the effective date names the version then).
 */
document_title: string | null, 
/**
 * 文号, e.g. 校发〔2023〕12号.
 */
document_no: string | null, };

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

export type HolidayList = { 
/**
 * Every listed day, in date order.
 */
days: Array<Holiday>, 
/**
 * The years saved in Settings with their versions; a year not listed is at version 0.
 */
versions: Array<YearVersion>, };

export type YearVersion = { 
/**
 * The year.
 */
year: number, 
/**
 * Its version.
 */
version: number, };

export type OrganizationRecord = { 
/**
 * 单位名称, unique.
 */
name: string, 
/**
 * 统一社会信用代码, validated.
 */
credit_code: string | null, 
/**
 * 单位性质.
 */
ownership: Ownership, 
/**
 * 企业规模.
 */
size: Size | null, 
/**
 * 所在地区: a province-level name or 境外 (the report's province).
 */
region: string, 
/**
 * 行业门类: the letter of its GB/T 4754 section (A–T), when known.
 */
industry: string | null, };

export type OrganizationChoice = { 
/**
 * Row id.
 */
id: number, 
/**
 * 单位名称.
 */
name: string, 
/**
 * 统一社会信用代码.
 */
credit_code: string | null, 
/**
 * 单位性质.
 */
ownership: Ownership, 
/**
 * 所在地区.
 */
region: string, };

export type IndustrySection = { 
/**
 * The letter, A–T: what is stored.
 */
letter: string, 
/**
 * 门类名称.
 */
name: string, };

export type PersonChoice = { 
/**
 * Row id.
 */
id: number, 
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
department: string, };

export type Pricing = "agreement" | "listing" | "auction";

export type InstallmentKind = "fixed" | "milestone" | "royalty";

export type ReceiptKind = "payment" | "dividend" | "exit";

export type Weighted = { 
/**
 * 成果编号.
 */
achievement_no: string, 
/**
 * Weight in bp; a contract's weights sum to 10000.
 */
weight_bp: number, };

export type Installment = { 
/**
 * Fixed date, milestone or royalty period.
 */
kind: InstallmentKind, 
/**
 * 应付日期.
 */
due_on: string, 
/**
 * 金额.
 */
amount_fen: Money, 
/**
 * 里程碑 (milestone only).
 */
milestone: string | null, 
/**
 * 提成期间 (royalty only).
 */
period_start: string | null, 
/**
 * 提成期间 end.
 */
period_end: string | null, };

export type EquityHolding = { 
/**
 * 持股主体 (often the university's asset company).
 */
holder: string, 
/**
 * 持股比例.
 */
stake_bp: number, 
/**
 * 工商登记日期.
 */
registered_on: string | null, 
/**
 * 核销日期.
 */
written_off_on: string | null, 
/**
 * 核销理由 and evidence.
 */
write_off_reason: string | null, };

export type ContractForm = { 
/**
 * `None` for a new contract.
 */
id: number | null, 
/**
 * The version the form was loaded at (0 for a new contract): a save is refused
 * (`edit_conflict`) once someone else changed the contract (store::version).
 */
version: number, 
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
 * 许可类型 (license only).
 */
license_kind: LicenseKind | null, 
/**
 * 合作单位.
 */
organization_id: number, 
/**
 * 合同金额 (for equity, 作价金额).
 */
amount_fen: Money, 
/**
 * 签订日期.
 */
signed_on: string, 
/**
 * 技术合同登记号.
 */
registration_no: string | null, 
/**
 * 登记日期.
 */
registered_on: string | null, 
/**
 * When a license takes effect (its CNIPA recordal is due three months later).
 */
effective_on: string | null, 
/**
 * 许可合同备案日期.
 */
recorded_on: string | null, 
/**
 * 获得股权 (registered capital, equity only).
 */
equity_units_fen: Money | null, 
/**
 * 定价方式 (transfer, license, equity).
 */
pricing: Pricing | null, 
/**
 * The price publicity an agreed price went through.
 */
publicity_id: number | null, 
/**
 * The collective decision.
 */
resolution_id: number | null, 
/**
 * 涉及成果 with weights.
 */
achievements: Array<Weighted>, 
/**
 * 付款计划.
 */
installments: Array<Installment>, 
/**
 * The equity holding (equity only).
 */
equity: EquityHolding | null, };

export type MoneyEntry = { 
/**
 * 日期.
 */
on: string, 
/**
 * 金额, > 0.
 */
amount_fen: Money, 
/**
 * Receipts: 凭证号 (unique). Costs: 说明.
 */
reference: string | null, 
/**
 * Receipts only: payment, dividend or exit.
 */
receipt_kind: ReceiptKind | null, 
/**
 * Costs only.
 */
cost_category: CostCategory | null, };

export type ContractReceipt = { 
/**
 * Row id.
 */
id: number, 
/**
 * 到账日期.
 */
received_on: string, 
/**
 * 金额.
 */
amount_fen: Money, 
/**
 * 凭证号.
 */
voucher_no: string | null, 
/**
 * Payment, dividend or exit.
 */
kind: ReceiptKind, 
/**
 * Counted by a distribution (then it cannot be deleted).
 */
distributed: boolean, };

export type ContractCost = { 
/**
 * Row id.
 */
id: number, 
/**
 * 发生日期.
 */
incurred_on: string, 
/**
 * 类别.
 */
category: CostCategory, 
/**
 * 金额.
 */
amount_fen: Money, 
/**
 * 说明.
 */
note: string | null, 
/**
 * Counted by a distribution.
 */
distributed: boolean, };

export type ContractInstallment = { 
/**
 * The planned payment.
 */
installment: Installment, 
/**
 * Not yet covered by payments (receipts cover installments in due-date order).
 */
outstanding_fen: Money, 
/**
 * Outstanding and past due.
 */
overdue: boolean, };

export type ContractDistribution = { 
/**
 * Id.
 */
id: number, 
/**
 * 状态.
 */
state: DistributionState, 
/**
 * 奖励总额.
 */
pool_fen: Money | null, 
/**
 * Receipts up to.
 */
through_on: string, };

export type ContractAchievement = { 
/**
 * Id, for the link.
 */
id: number, 
/**
 * 成果编号.
 */
achievement_no: string, 
/**
 * 名称.
 */
title: string, 
/**
 * 权重.
 */
weight_bp: number, };

export type ContractDetail = { 
/**
 * The editable fields.
 */
form: ContractForm, 
/**
 * 合作单位.
 */
counterparty: string, 
/**
 * 单位性质 label and region, for the header.
 */
counterparty_region: string, 
/**
 * The achievements with titles.
 */
achievements: Array<ContractAchievement>, 
/**
 * 付款计划 with coverage.
 */
installments: Array<ContractInstallment>, 
/**
 * 到账.
 */
receipts: Array<ContractReceipt>, 
/**
 * 成本.
 */
costs: Array<ContractCost>, 
/**
 * 收益分配.
 */
distributions: Array<ContractDistribution>, 
/**
 * Σ receipts (every kind).
 */
received_fen: Money, 
/**
 * Σ costs.
 */
costs_fen: Money, 
/**
 * Scheduled payments due by today not covered by payments received.
 */
overdue_fen: Money, 
/**
 * License recordal deadline (effective day, or signing day, + 3 months), licenses only.
 */
recordal_due_on: string | null, 
/**
 * Recordal not made and its deadline passed.
 */
recordal_overdue: boolean, 
/**
 * The publicity's title and period, for the header.
 */
publicity: Publicity | null, 
/**
 * The collective decision.
 */
resolution: Resolution | null, };

export type ContractQuery = { 
/**
 * 转化方式.
 */
kind: ContractKind | null, 
/**
 * Signed in this year.
 */
year: number | null, 
/**
 * Number, title, counterparty or registration number contains every word (the search index).
 */
search: string | null, 
/**
 * Only contracts with scheduled payments overdue.
 */
overdue: boolean, 
/**
 * Only licenses whose CNIPA recordal is due or overdue and not made.
 */
recordal: boolean, 
/**
 * Only contracts transforming an achievement of this department (学院).
 */
department: string | null, 
/**
 * 1-based page.
 */
page: number, 
/**
 * Rows per page.
 */
page_size: number, };

export type ContractRow = { 
/**
 * Id.
 */
id: number, 
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
 * 合同金额.
 */
amount_fen: Money, 
/**
 * 签订日期.
 */
signed_on: string, 
/**
 * 已到账.
 */
received_fen: Money, 
/**
 * Scheduled and due by today, not received (Σ due − Σ payments, at least 0).
 */
overdue_fen: Money, 
/**
 * License recordal deadline, when not yet recorded.
 */
recordal_due_on: string | null, };

export type ContractPage = { 
/**
 * Rows matching the filters.
 */
total: number, 
/**
 * This page.
 */
rows: Array<ContractRow>, };

export type Receivable = { 
/**
 * Contract id.
 */
contract_id: number, 
/**
 * 合同编号.
 */
contract_no: string, 
/**
 * 合作单位.
 */
counterparty: string, 
/**
 * 应付日期.
 */
due_on: string, 
/**
 * Fixed, milestone or royalty.
 */
kind: InstallmentKind, 
/**
 * 里程碑 or period.
 */
label: string | null, 
/**
 * 计划金额.
 */
amount_fen: Money, 
/**
 * Still owed.
 */
outstanding_fen: Money, 
/**
 * Days past due (0 when not yet due).
 */
days_overdue: number, };

export type Outcome = "pending" | "upheld" | "rejected";

export type Objection = { 
/**
 * `None` until saved.
 */
id: number | null, 
/**
 * 收到日期.
 */
received_on: string, 
/**
 * 异议人.
 */
objector: string, 
/**
 * 异议内容.
 */
content: string, 
/**
 * 处理结果.
 */
outcome: Outcome, 
/**
 * 处理情况.
 */
handling: string | null, 
/**
 * 处理日期 (absent while pending).
 */
resolved_on: string | null, };

export type Stage = "running" | "clear" | "objected" | "upheld";

export type Publicity = { 
/**
 * `None` until saved.
 */
id: number | null, 
/**
 * The version the form was loaded at (0 for a new publicity): a save is refused
 * (`edit_conflict`) once someone else changed the publicity or its objections
 * (store::version).
 */
version: number, 
/**
 * 公示名称.
 */
title: string, 
/**
 * 转化方式 (transfer, license or equity).
 */
contract_kind: ContractKind, 
/**
 * 受让方/被许可方 (organization id).
 */
organization_id: number, 
/**
 * The counterparty's name (read only).
 */
counterparty: string, 
/**
 * Whether the counterparty is related to the inventors (关联方), which the notice must say.
 */
related_party: boolean, 
/**
 * 拟定价格.
 */
price_fen: Money, 
/**
 * 公示开始日期 (the posting day; it does not count).
 */
posted_on: string, 
/**
 * 公示天数.
 */
days: number, 
/**
 * The last day of the period, computed on save.
 */
ends_on: string, 
/**
 * 公示渠道 (e.g. 学校官网).
 */
channel: string, 
/**
 * The collective decision that set the price.
 */
resolution_id: number | null, 
/**
 * 涉及成果 (achievement numbers).
 */
achievements: Array<string>, 
/**
 * 异议.
 */
objections: Array<Objection>, 
/**
 * The contract signed under it, if any (contract number).
 */
contract_no: string | null, };

export type PublicityRow = { 
/**
 * The publicity.
 */
publicity: Publicity, 
/**
 * Its stage today.
 */
stage: Stage, 
/**
 * The first day a contract may be signed.
 */
earliest_signing: string, };

export type PublicityQuery = { 
/**
 * 1-based page.
 */
page: number, 
/**
 * Rows per page, at most [`crate::store::search::MAX_PAGE_SIZE`].
 */
page_size: number, 
/**
 * Title, counterparty or an achievement number contains.
 */
search: string | null, 
/**
 * Only this counterparty (the contract form offers its publicities).
 */
organization_id: number | null, 
/**
 * Only this kind.
 */
contract_kind: ContractKind | null, 
/**
 * Only this publicity (the contract form opened from it).
 */
id: number | null, };

export type PublicityPage = { 
/**
 * Rows matching the filters, over all pages.
 */
total: number, 
/**
 * This page's rows.
 */
rows: Array<PublicityRow>, };

export type Resolution = { 
/**
 * `None` until saved.
 */
id: number | null, 
/**
 * The version the form was loaded at (0 for a new resolution): a save is refused
 * (`edit_conflict`) once someone else changed the resolution (store::version).
 */
version: number, 
/**
 * 会议日期.
 */
meeting_on: string, 
/**
 * 决策机构, e.g. 校长办公会.
 */
body: string, 
/**
 * 议题.
 */
subject: string, 
/**
 * 参会人员.
 */
participants: string, 
/**
 * 决议内容.
 */
outcome: string, };

export type ResolutionQuery = { 
/**
 * 1-based page.
 */
page: number, 
/**
 * Rows per page, at most [`crate::store::search::MAX_PAGE_SIZE`].
 */
page_size: number, 
/**
 * Body, subject, outcome or the meeting day (`2026-09`) contains.
 */
search: string | null, 
/**
 * Only this resolution (a picker showing the one already chosen).
 */
id: number | null, };

export type ResolutionPage = { 
/**
 * Rows matching the filters, over all pages.
 */
total: number, 
/**
 * This page's rows.
 */
rows: Array<Resolution>, };

export type GrantKind = "share" | "usage_right";

export type Payer = "institution" | "team" | "shared";

export type Member = { 
/**
 * 工号.
 */
employee_id: string, 
/**
 * 姓名 (read only).
 */
name: string, 
/**
 * 内部份额.
 */
share_bp: number, };

export type Grant = { 
/**
 * `None` until saved.
 */
id: number | null, 
/**
 * The version the form was loaded at (0 for a new grant): a save is refused
 * (`edit_conflict`) once someone else changed the grant (store::version).
 */
version: number, 
/**
 * Share or usage right.
 */
kind: GrantKind, 
/**
 * The team's ownership share (share only).
 */
share_bp: number | null, 
/**
 * Usage right from.
 */
usage_from: string | null, 
/**
 * Usage right until (at least ten years).
 */
usage_until: string | null, 
/**
 * The team's agreed share of transformation income.
 */
income_team_bp: number, 
/**
 * Who pays the annual fees.
 */
annual_fee_payer: Payer, 
/**
 * Who pays agency fees.
 */
agency_fee_payer: Payer, 
/**
 * 决定日期.
 */
decided_on: string, 
/**
 * The collective decision.
 */
resolution_id: number | null, 
/**
 * 公示开始.
 */
publicized_on: string | null, 
/**
 * 公示天数 (when publicized).
 */
publicity_days: number | null, 
/**
 * 公示截止 (computed).
 */
publicity_ends_on: string | null, 
/**
 * 专利权转移登记 filed with CNIPA.
 */
change_filed_on: string | null, 
/**
 * 备注.
 */
note: string | null, 
/**
 * 成果编号.
 */
achievements: Array<string>, 
/**
 * The team.
 */
members: Array<Member>, };

export type GrantQuery = { 
/**
 * 1-based page.
 */
page: number, 
/**
 * Rows per page, at most [`crate::store::search::MAX_PAGE_SIZE`].
 */
page_size: number, 
/**
 * An achievement's number or title contains, or a member's name contains / employee ID is.
 */
search: string | null, };

export type GrantPage = { 
/**
 * Rows matching the filters, over all pages.
 */
total: number, 
/**
 * This page's rows.
 */
rows: Array<Grant>, };

export type Attachment = { 
/**
 * Row id.
 */
id: number, 
/**
 * One of [`ENTITIES`].
 */
entity: string, 
/**
 * The record's id.
 */
entity_id: number, 
/**
 * The file's name as the person chose it.
 */
name: string, 
/**
 * Hex SHA-256 of the content: the stored file's name.
 */
sha256: string, 
/**
 * Bytes.
 */
size: number, 
/**
 * When it was attached.
 */
added_on: string, };

export type FoundIn = "file" | "folder";

export type BulkReason = "no_number" | "bad_check_digit" | "unknown_number" | "ambiguous" | "already_attached" | "duplicate_in_batch" | "archive" | "unsafe_path" | "symlink" | "encrypted" | "too_many_entries" | "entry_too_large" | "total_too_large" | "compression_ratio" | "too_deep" | "not_regular" | "unreadable";

export type BulkAchievement = { id: number, achievement_no: string, title: string, };

export type BulkRow = { 
/**
 * The source it came from (its index in the list the person chose).
 */
source: number, 
/**
 * Its path inside the ZIP or folder, `/`-separated (a single file: its name); with `source`
 * what the confirmation names it by.
 */
entry: string, 
/**
 * Its file name.
 */
name: string, 
/**
 * Bytes, as read.
 */
size: number | null, 
/**
 * Hex SHA-256 of the content, as read (none when refused unread).
 */
sha256: string | null, 
/**
 * The achievement it matches.
 */
achievement: BulkAchievement | null, 
/**
 * The number that matched, or that was found but matched nothing, as written in the name.
 */
number: string | null, 
/**
 * Where that number was found.
 */
found_in: FoundIn | null, 
/**
 * Why it is not matched (none when matched).
 */
reason: BulkReason | null, 
/**
 * For an ambiguous row: the achievements its numbers point to.
 */
candidates: Array<BulkAchievement>, 
/**
 * More about an unreadable entry (the reader's message), or the expected check digit.
 */
detail: string | null, };

export type BulkPreview = { rows: Array<BulkRow>, 
/**
 * Rows matched to an achievement (what a confirmation of every match attaches).
 */
matched: number, 
/**
 * Rows read but not matched (a person may still choose an achievement for them).
 */
unmatched: number, 
/**
 * Rows refused unread or unreadable.
 */
refused: number, };

export type BulkChoice = { source: number, entry: string, 
/**
 * The SHA-256 the preview showed: a file changed since is refused.
 */
sha256: string, achievement_id: number, };

export type BulkAttached = { attached: number, attachments: Array<Attachment>, };

export type Progress = { 
/**
 * Steps finished.
 */
done: number, 
/**
 * All steps.
 */
total: number, 
/**
 * The step under way (a key the UI translates, e.g. `workbook`).
 */
step: string, };

export type Inventor = { 
/**
 * 工号 of the person.
 */
employee_id: string, 
/**
 * Contribution share in bp; an achievement's shares sum to 10000.
 */
share_bp: number, 
/**
 * 重要贡献人员.
 */
key_contributor: boolean, };

export type CoOwner = { 
/**
 * The organization's id.
 */
organization_id: number, 
/**
 * 单位名称: filled when read, ignored when saved.
 */
name: string, 
/**
 * Its 费减备案 is accepted (decides the annual-fee reduction of a co-owned patent).
 */
fee_reduction: boolean, };

export type AchievementForm = { 
/**
 * `None` to create.
 */
id: number | null, 
/**
 * The version the form was loaded at (0 for a new achievement): a save is refused
 * (`edit_conflict`) once someone else changed the achievement (store::version).
 */
version: number, 
/**
 * 成果编号, unique.
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
 * 申请号: required with a valid check digit for patents.
 */
application_no: string | null, 
/**
 * 申请日: required for patents.
 */
filed_on: string | null, 
/**
 * 授权号 or registration number.
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
 * 所属单位: an existing name, or a new one (created).
 */
department: string, 
/**
 * 财政资助项目 number.
 */
fiscal_project: string | null, 
/**
 * 年费已缴至 (patents only).
 */
fees_paid_through: number | null, 
/**
 * 完成人 in order; shares sum to exactly 10000.
 */
inventors: Array<Inventor>, 
/**
 * 共有人.
 */
co_owners: Array<CoOwner>, 
/**
 * 开放许可 declared.
 */
open_license: boolean, 
/**
 * 单列管理.
 */
separate_management: boolean, 
/**
 * The disclosure it comes from: on create, links the new achievement to it (the disclosure
 * must be decided and not dropped); on edit, ignored (the link stays as it is).
 */
disclosure_id: number | null, };

export type DisclosureRef = { 
/**
 * Record id.
 */
id: number, 
/**
 * 披露编号.
 */
disclosure_no: string, 
/**
 * 名称.
 */
title: string, };

export type AchievementExtras = { 
/**
 * 共有人.
 */
co_owners: Array<CoOwner>, 
/**
 * 开放许可.
 */
open_license: boolean, 
/**
 * 单列管理.
 */
separate_management: boolean, 
/**
 * The disclosure it came from.
 */
disclosure: DisclosureRef | null, };

export type FundingSource = "fiscal" | "enterprise" | "own" | "other";

export type FundingLevel = "national" | "provincial" | "enterprise" | "own" | "other";

export type PlatformKind = "rd_institution" | "transfer_institution" | "service_platform";

export type PlatformMode = "own" | "joint";

export type OutsideWorkKind = "part_time" | "leave_to_found";

export type Platform = { 
/**
 * Row id (0 in a form that creates one).
 */
id: number, 
/**
 * 名称, unique.
 */
name: string, 
/**
 * 研发机构, 技术转移机构 or 服务平台.
 */
kind: PlatformKind, 
/**
 * 自建 or 共建.
 */
mode: PlatformMode, 
/**
 * 共建单位: required when joint, empty when own.
 */
partner: string | null, 
/**
 * 成立日期.
 */
founded_on: string, 
/**
 * 撤销日期 (None: open).
 */
closed_on: string | null, 
/**
 * The version the form was loaded at (store::version); 0 for a new one.
 */
version: number, };

export type OutsideWork = { 
/**
 * Row id (0 in a form that creates one).
 */
id: number, 
/**
 * 工号 of the person.
 */
employee_id: string, 
/**
 * 姓名 (shown; a form need not send it).
 */
name: string, 
/**
 * 企业: the company.
 */
company: string, 
/**
 * 兼职 or 离岗创业.
 */
kind: OutsideWorkKind, 
/**
 * 开始日期.
 */
from_on: string, 
/**
 * 结束日期 (None: still running).
 */
to_on: string | null, 
/**
 * The version the form was loaded at (store::version); 0 for a new one.
 */
version: number, };

export type Project = { 
/**
 * Row id (0 in a form that creates one).
 */
id: number, 
/**
 * 项目编号, unique.
 */
project_no: string, 
/**
 * 项目名称.
 */
title: string, 
/**
 * 项目级别.
 */
level: FundingLevel, 
/**
 * 资助经费, fen (zero allowed: an unfunded project of the plan).
 */
funding_fen: Money, 
/**
 * 立项日期.
 */
approved_on: string, 
/**
 * 产出成果: achievement numbers.
 */
achievements: Array<string>, 
/**
 * The version the form was loaded at (store::version); 0 for a new one.
 */
version: number, };

export type AchievementFunding = { 
/**
 * 成果编号.
 */
achievement_no: string, 
/**
 * 成果名称.
 */
title: string, 
/**
 * 成果来源 (None: not recorded).
 */
funding_level: FundingLevel | null, 
/**
 * The numbers of the projects that list it.
 */
projects: Array<string>, 
/**
 * The achievement's version, which [`set_funding_level`] sends back (store::version).
 */
version: number, };

export type DisclosureDecision = "file_patent" | "keep_secret" | "grant_to_inventors" | "drop";

export type DisclosureStatus = "received" | "assessed" | "decided" | "converted" | "dropped";

export type Disclosure = { 
/**
 * `None` to create.
 */
id: number | null, 
/**
 * The version the form was loaded at (0 for a new disclosure): a save (or a decision) is
 * refused (`edit_conflict`) once someone else changed the disclosure (store::version).
 */
version: number, 
/**
 * 披露编号, unique; [`next_number`] suggests `PL2026-001`.
 */
disclosure_no: string, 
/**
 * 成果名称.
 */
title: string, 
/**
 * 所属单位 (学院): an existing name or a new one.
 */
department: string, 
/**
 * 经费来源.
 */
funding_source: FundingSource, 
/**
 * 财政资助项目: required when the funding is fiscal, empty otherwise.
 */
fiscal_project: string | null, 
/**
 * 技术内容 (what was made, what it solves).
 */
description: string, 
/**
 * 现有技术 known to the inventors.
 */
prior_art: string | null, 
/**
 * 拟保护方式.
 */
intended_protection: AchievementKind, 
/**
 * 需要保密.
 */
confidential: boolean, 
/**
 * 受理日期: not after today.
 */
received_on: string, 
/**
 * 完成人 with shares summing to exactly 10000.
 */
inventors: Array<Inventor>, };

export type Decision = { 
/**
 * What is done with the disclosure.
 */
decision: DisclosureDecision, 
/**
 * 决定日期: not before the receipt, not after today.
 */
decided_on: string, 
/**
 * 说明.
 */
note: string | null, };

export type AchievementRef = { 
/**
 * Record id.
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
 * 法律状态.
 */
status: AchievementStatus, };

export type DisclosureDetail = { 
/**
 * The intake as saved (the edit form starts from it).
 */
disclosure: Disclosure, 
/**
 * The inventors with names and departments.
 */
inventors: Array<InventorLine>, 
/**
 * Where it stands.
 */
status: DisclosureStatus, 
/**
 * The decision, once taken.
 */
decision: Decision | null, 
/**
 * Days from receipt to the decision (or to today while undecided).
 */
age_days: number, 
/**
 * Undecided for more than [`DECISION_DAYS`].
 */
overdue: boolean, 
/**
 * Pre-filing assessments, oldest first.
 */
assessments: Array<Assessment>, 
/**
 * The achievements it became.
 */
achievements: Array<AchievementRef>, 
/**
 * Who wrote it on the inventors' side (none: the office entered it).
 */
author: string | null, 
/**
 * Whether it is with the office or sent back to its author.
 */
stage: DisclosureStage, 
/**
 * The office's note when it sent it back.
 */
returned_note: string | null, 
/**
 * Whether the inventors see the assessments' scores.
 */
scores_published: boolean, };

export type DisclosureQuery = { 
/**
 * 1-based page.
 */
page: number, 
/**
 * Rows per page, at most [`crate::store::search::MAX_PAGE_SIZE`].
 */
page_size: number, 
/**
 * Only this status.
 */
status: DisclosureStatus | null, 
/**
 * Only this department.
 */
department: string | null, 
/**
 * Only those received in this year.
 */
year: number | null, 
/**
 * Number or title contains, or an inventor's name contains / employee ID is.
 */
search: string | null, };

export type DisclosureRow = { 
/**
 * Record id.
 */
id: number, 
/**
 * 披露编号.
 */
disclosure_no: string, 
/**
 * 名称.
 */
title: string, 
/**
 * 所属单位.
 */
department: string, 
/**
 * Inventors' names in order, key contributors marked with `*`.
 */
inventors: string, 
/**
 * 受理日期.
 */
received_on: string, 
/**
 * 拟保护方式.
 */
intended_protection: AchievementKind, 
/**
 * Where it stands.
 */
status: DisclosureStatus, 
/**
 * 处理决定.
 */
decision: DisclosureDecision | null, 
/**
 * 决定日期.
 */
decided_on: string | null, 
/**
 * Assessments made.
 */
assessments: number, 
/**
 * Achievements it became.
 */
achievements: number, 
/**
 * Days from receipt to the decision (or today).
 */
age_days: number, 
/**
 * Undecided for more than [`DECISION_DAYS`].
 */
overdue: boolean, 
/**
 * Who wrote it on the inventors' side (none: the office entered it).
 */
author: string | null, 
/**
 * Whether it is with the office or sent back to its author.
 */
stage: DisclosureStage, };

export type DisclosurePage = { 
/**
 * Rows matching the filters, over all pages.
 */
total: number, 
/**
 * This page's rows.
 */
rows: Array<DisclosureRow>, };

export type Criterion = { 
/**
 * 指标名称, unique.
 */
name: string, 
/**
 * 权重 in bp; the sheet's weights sum to 10000.
 */
weight_bp: number, };

export type CriteriaSheet = { 
/**
 * The criteria in order.
 */
criteria: Array<Criterion>, 
/**
 * The sheet's version (0 until first saved in Settings), which a save sends back: it is
 * refused (`edit_conflict`) once someone else changed the sheet (store::version).
 */
version: number, };

export type Score = { 
/**
 * The criterion's name (as it was when scored).
 */
criterion: string, 
/**
 * Its weight then, bp.
 */
weight_bp: number, 
/**
 * 0–100.
 */
score: number, };

export type CriterionScore = { 
/**
 * The criterion's name.
 */
criterion: string, 
/**
 * 0–100.
 */
score: number, };

export type AssessmentInput = { 
/**
 * The disclosure assessed.
 */
disclosure_id: number, 
/**
 * 评估日期: not before the receipt, not after today.
 */
assessed_on: string, 
/**
 * 评估人 (a person or a panel).
 */
reviewer: string, 
/**
 * Scores by criterion name; the weights come from the sheet.
 */
scores: Array<CriterionScore>, 
/**
 * 评估建议.
 */
recommendation: DisclosureDecision, 
/**
 * 评估意见.
 */
note: string | null, };

export type Assessment = { 
/**
 * Record id.
 */
id: number, 
/**
 * 评估日期.
 */
assessed_on: string, 
/**
 * 评估人.
 */
reviewer: string, 
/**
 * The scores with the weights they had.
 */
scores: Array<Score>, 
/**
 * Σ weight × score / Σ weight, in tenths (`803` = 80.3), rounded half up once.
 */
weighted_score_x10: number, 
/**
 * 评估建议.
 */
recommendation: DisclosureDecision, 
/**
 * 评估意见.
 */
note: string | null, };

export type ValuationKind = "appraisal" | "internal";

export type ValuationMethod = "income" | "market" | "cost";

export type Valuation = { 
/**
 * `None` to create.
 */
id: number | null, 
/**
 * The version the form was loaded at (0 for a new valuation): a save is refused
 * (`edit_conflict`) once someone else changed the valuation (store::version).
 */
version: number, 
/**
 * The achievement valued (this or a contract, or both).
 */
achievement_id: number | null, 
/**
 * The contract whose subject was valued.
 */
contract_id: number | null, 
/**
 * 评估报告 or 内部评估.
 */
kind: ValuationKind, 
/**
 * 评估机构 (or, internally, who assessed).
 */
appraiser: string, 
/**
 * 报告编号: required for an appraisal.
 */
report_no: string | null, 
/**
 * 评估基准日.
 */
base_on: string, 
/**
 * 评估方法, each once; an appraisal uses at least two.
 */
methods: Array<ValuationMethod>, 
/**
 * 评估值 — or a range below.
 */
value_fen: Money | null, 
/**
 * 区间下限.
 */
low_fen: Money | null, 
/**
 * 区间上限 (not below the lower end).
 */
high_fen: Money | null, 
/**
 * 有效期至: not before the base date.
 */
valid_until: string | null, 
/**
 * 备案编号.
 */
filing_no: string | null, 
/**
 * 备案日期: not before the base date; with the filing number.
 */
filed_on: string | null, };

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

export type ByFundingLevel = { 
/**
 * 国家级.
 */
national: number, 
/**
 * 省部级.
 */
provincial: number, 
/**
 * 企业委托.
 */
enterprise: number, 
/**
 * 自筹.
 */
own: number, 
/**
 * 其他.
 */
other: number, 
/**
 * No level recorded.
 */
unrecorded: number, };

export type Projects = { 
/**
 * How many.
 */
count: number, 
/**
 * Their funding.
 */
funding_fen: number, };

export type Achievements = { 
/**
 * Granted in the year, by kind.
 */
granted: Granted, 
/**
 * Of those, from a fiscally funded project.
 */
fiscal_funded: number, 
/**
 * Granted in the year, by the level of their funding source.
 */
by_funding_level: ByFundingLevel, 
/**
 * Fiscally funded (national and provincial) projects approved in the year (2022 edition on).
 */
fiscal_projects_approved: Projects, };

export type Bands = { 
/**
 * ≥ 1,000,000 yuan.
 */
over_1m: Deals, 
/**
 * ≥ 10,000,000 yuan.
 */
over_10m: Deals, 
/**
 * ≥ 100,000,000 yuan.
 */
over_100m: Deals, };

export type Platforms = { 
/**
 * 自建.
 */
own: number, 
/**
 * 共建.
 */
joint: number, 
/**
 * Both.
 */
total: number, };

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
over_1m_count: number, 
/**
 * By the counterparty's province (its region): every province-level region and 境外.
 */
by_province: { [key in string]: Deals }, 
/**
 * By the counterparty's industry section (GB/T 4754 letter): every section A–T.
 */
by_industry: { [key in string]: Deals }, 
/**
 * Counterparties with no industry section recorded.
 */
industry_unrecorded: Deals, 
/**
 * By contract amount.
 */
bands: Bands, };

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
equity_person_times: number, 
/**
 * Σ taxable part of the cash (the 58号 half of transfer and license rewards is not taxed).
 */
taxable_fen: number, 
/**
 * The equity units in yuan at the contract's agreed value (作价金额 / 获得股权), each line
 * rounded half away from zero.
 */
equity_value_fen: number, };

export type RecipientIncome = { 
/**
 * 学院, 学校, 转化办….
 */
name: string, 
/**
 * Σ its lines (reversals count negative).
 */
amount_fen: number, };

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
reward_pool_fen: number, 
/**
 * The institution's part of those distributions by recipient of the policy, by name
 * (docs/rules/rewards.md "Recipients of the institution's part"); distributions under a
 * version without recipients are not in it (and the key is absent when none is).
 */
recipients?: Array<RecipientIncome>, };

export type Organization = { 
/**
 * People recorded as transfer staff (now).
 */
transfer_staff: number, 
/**
 * Equity contracts signed in the year (companies founded on the results).
 */
companies_created: number, 
/**
 * 研发机构 open during the year.
 */
rd_institutions: Platforms, 
/**
 * 技术转移机构 open during the year.
 */
transfer_institutions: Platforms, 
/**
 * 服务平台 open during the year.
 */
service_platforms: Platforms, 
/**
 * People with a part-time (兼职) period overlapping the year.
 */
part_time_people: number, 
/**
 * People with a leave-to-found (离岗创业) period overlapping the year.
 */
leave_to_found_people: number, };

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
 * The id of the page that shows it: an achievement, a distribution, or a contract (for a contract
 * and for a receipt, which is shown on its contract's page).
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
 * `contract`, `receipt`, `achievement`, `distribution`, `indicator` or `holiday_year`.
 */
kind: string, 
/**
 * Its number (contract no, voucher or receipt date, achievement no, distribution id, indicator
 * path, calendar year).
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
filed_by: string | null, 
/**
 * The version the form was loaded at (0 for a year nobody saved yet): a save is refused
 * (`edit_conflict`) once someone else changed the year (store::version).
 */
version: number, };

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
 * `check` for the year (whole institution): the findings that block filing.
 */
findings: Array<CheckFinding>, 
/**
 * `check`'s annual-fee findings as of today (patents in force past grace, years without a
 * holiday arrangement): shown with the others, not about the year, never blocking its filing.
 */
fee_findings: Array<CheckFinding>, 
/**
 * Indicators changed since filing.
 */
changes: Array<Change>, };

export type Reduction = "none" | "sole_owner" | "co_owned" | "open_license";

export type FeeStatus = "due" | "grace" | "lapsed";

export type FeeLine = { 
/**
 * 成果编号.
 */
achievement_no: string, 
/**
 * 申请号.
 */
application_no: string, 
/**
 * 专利年度 whose fee this is.
 */
patent_year: number, 
/**
 * 缴费日: the year's first day, moved to the next working day off a weekend or holiday.
 */
due_on: string, 
/**
 * The table's fee, unreduced.
 */
full_fee_fen: Money, 
/**
 * The fee after reduction, without surcharge.
 */
amount_fen: Money, 
/**
 * 滞纳金 as if paid on the list's day (0 while not overdue).
 */
surcharge_fen: Money, 
/**
 * 宽限期届满: the last day to pay before the patent lapses (moved like the due date).
 */
grace_end_on: string, 
/**
 * due, grace or lapsed on the list's day.
 */
status: FeeStatus, 
/**
 * Record id, for links.
 */
achievement_id: number, 
/**
 * 成果名称.
 */
title: string, 
/**
 * 成果类型.
 */
kind: AchievementKind, 
/**
 * 所属单位.
 */
department: string, 
/**
 * Why the fee is reduced.
 */
reduction: Reduction, 
/**
 * 恢复费, for a lapsed fee.
 */
restoration_fen: Money, 
/**
 * What to pay on the list's day: fee + surcharge + restoration.
 */
total_fen: Money, 
/**
 * The due date as the law counts it, before the move (equal to `due_on` when not moved).
 */
statutory_due_on: string, 
/**
 * Six months after the statutory due date, before the move.
 */
statutory_grace_end_on: string, };

export type FeeQuery = { 
/**
 * due, grace or lapsed.
 */
status: FeeStatus, 
/**
 * How far ahead `due` looks, in days (30, 60, 90 …).
 */
within_days: number, 
/**
 * 1-based page.
 */
page: number, 
/**
 * Rows per page, at most [`crate::store::search::MAX_PAGE_SIZE`].
 */
page_size: number, };

export type FeeCounts = { 
/**
 * Due within the query's window.
 */
due: number, 
/**
 * Due within 30 days.
 */
due_30: number, 
/**
 * Due within 60 days.
 */
due_60: number, 
/**
 * Due within 90 days.
 */
due_90: number, 
/**
 * In the grace period.
 */
grace: number, 
/**
 * Past the grace period, still recorded in force (逾期未缴): each is an error of `check`
 * until its payment (a restoration) or its lapse is recorded.
 */
lapsed: number, };

export type FeePage = { 
/**
 * The day the statuses and surcharges are computed for.
 */
on: string, 
/**
 * Rows of the tab, over all pages.
 */
total: number, 
/**
 * What paying the whole tab costs on `on`.
 */
total_fen: Money, 
/**
 * Rows of every tab.
 */
counts: FeeCounts, 
/**
 * This page.
 */
rows: Array<FeeLine>, 
/**
 * Years the listed fees' deadlines fall in that have no holiday arrangement entered: only
 * weekends move those deadlines (a warning, as in `check`).
 */
calendar_missing: Array<number>, };

export type FeeQuote = { 
/**
 * 成果编号.
 */
achievement_no: string, 
/**
 * The next unpaid year.
 */
patent_year: number, 
/**
 * Its due date.
 */
due_on: string, 
/**
 * Its last day of grace.
 */
grace_end_on: string, 
/**
 * The day asked about.
 */
paid_on: string, 
/**
 * The table's fee.
 */
full_fee_fen: Money, 
/**
 * Why it is reduced.
 */
reduction: Reduction, 
/**
 * The fee after reduction.
 */
amount_fen: Money, 
/**
 * The surcharge band (bp of the full fee).
 */
surcharge_bp: number, 
/**
 * 滞纳金.
 */
surcharge_fen: Money, 
/**
 * 恢复费 (after the grace period).
 */
restoration_fen: Money, 
/**
 * Everything to pay.
 */
total_fen: Money, 
/**
 * Paid after the grace period: a restoration.
 */
restores: boolean, };

export type FeePayment = { 
/**
 * 成果编号.
 */
achievement_no: string, 
/**
 * The patent year paid: the one after the paid-through year.
 */
patent_year: number, 
/**
 * 缴费日期.
 */
paid_on: string, 
/**
 * The amount paid, in yuan as typed (`1,234.50`).
 */
amount: string, 
/**
 * 票据号 / 凭证号.
 */
voucher_no: string | null, };

export type AmountWarning = { 
/**
 * What the rules ask for on the payment day.
 */
expected_fen: Money, 
/**
 * What was paid.
 */
paid_fen: Money, };

export type FeePaid = { 
/**
 * 成果编号.
 */
achievement_no: string, 
/**
 * The year paid.
 */
patent_year: number, 
/**
 * Its due date.
 */
due_on: string, 
/**
 * 缴费日期.
 */
paid_on: string, 
/**
 * The amount paid.
 */
amount_fen: Money, 
/**
 * What the rules asked for on that day: fee + surcharge + restoration.
 */
expected_fen: Money, 
/**
 * The table's fee.
 */
full_fee_fen: Money, 
/**
 * The fee after reduction.
 */
fee_fen: Money, 
/**
 * 滞纳金.
 */
surcharge_fen: Money, 
/**
 * 恢复费.
 */
restoration_fen: Money, 
/**
 * 凭证号.
 */
voucher_no: string | null, 
/**
 * The paid-through year now.
 */
fees_paid_through: number, 
/**
 * The patent's status now.
 */
status: AchievementStatus, 
/**
 * The payment restored a lapsed patent.
 */
restored: boolean, 
/**
 * Set when the amount differs from the expected one.
 */
warning: AmountWarning | null, };

export type FeeBatchItem = { 
/**
 * 成果编号.
 */
achievement_no: string, 
/**
 * The patent year meant; null: the next unpaid one. A list sends the year it showed, so that
 * a fee someone else paid meanwhile is refused rather than the following year paid instead.
 */
patent_year: number | null, };

export type FeeBatch = { 
/**
 * The fees, each patent once.
 */
fees: Array<FeeBatchItem>, 
/**
 * 缴费日期.
 */
paid_on: string, 
/**
 * 票据号 / 凭证号, the same for every fee of the batch.
 */
voucher_no: string | null, };

export type FeeItem = "annual_fee" | "surcharge" | "restoration";

export type BatchRow = { 
/**
 * 申请号/专利号 in CNIPA's form (no prefix, no dot).
 */
application_no: string, 
/**
 * 费用名称.
 */
fee_name: string, 
/**
 * 金额.
 */
amount_fen: Money, 
/**
 * Which item.
 */
item: FeeItem, 
/**
 * 成果编号 (not in the file: for the summary and the screen).
 */
achievement_no: string, 
/**
 * The patent year the item belongs to.
 */
patent_year: number, };

export type BatchRequest = { 
/**
 * The fees chosen (each patent once, with the year the list showed); empty: every fee due
 * within `within_days` of `on` or in grace on it.
 */
fees: Array<FeeBatchItem>, 
/**
 * The window when no fee is chosen (null: [`docket::DEFAULT_WITHIN_DAYS`]).
 */
within_days: number | null, 
/**
 * The day the office will pay: amounts, surcharge bands and the window are for that day.
 */
on: string, 
/**
 * 缴费人 (票据抬头); null or blank: the institution's name.
 */
payer: string | null, 
/**
 * 统一社会信用代码; null or blank: the institution's code from its profile.
 */
credit_code: string | null, };

export type BatchFile = { 
/**
 * The payment day the amounts are for.
 */
on: string, 
/**
 * 缴费人.
 */
payer: string, 
/**
 * 统一社会信用代码.
 */
credit_code: string, 
/**
 * Patent years paid (one annual-fee row each).
 */
fees: number, 
/**
 * The rows, each patent's items together, in the order of the fees.
 */
rows: Array<BatchRow>, 
/**
 * Their sum.
 */
total_fen: Money, };

export type FeeReceipt = { 
/**
 * The annual fee's row in the file.
 */
row: number, 
/**
 * 成果编号 matched by the application number.
 */
achievement_no: string, 
/**
 * 申请号 as stored.
 */
application_no: string, 
/**
 * 专利年度 from the fee name.
 */
patent_year: number, 
/**
 * 缴费日期.
 */
paid_on: string, 
/**
 * 年费 (after the reduction).
 */
fee_fen: Money, 
/**
 * 年费滞纳金 joined to it.
 */
surcharge_fen: Money, 
/**
 * 恢复权利请求费 joined to it.
 */
restoration_fen: Money, 
/**
 * Everything paid for this year.
 */
total_fen: Money, 
/**
 * 票据代码 + 票据号码.
 */
voucher_no: string | null, 
/**
 * 缴费方名称 as the list gives it.
 */
payer: string | null, 
/**
 * The rows of the surcharge and the restoration joined to it.
 */
joined_rows: Array<number>, 
/**
 * Paid after the grace period: the patent is restored.
 */
restored: boolean, };

export type IgnoredRow = { 
/**
 * The row in the file.
 */
row: number, 
/**
 * Its fee name.
 */
fee_name: string, };

export type ReceiptImport = { 
/**
 * The sheet read (the file's name for a CSV).
 */
sheet: string, 
/**
 * Data rows in the file.
 */
rows: number, 
/**
 * The payments, in the file's order.
 */
payments: Array<FeeReceipt>, 
/**
 * Rows that are not annual fees.
 */
ignored: Array<IgnoredRow>, 
/**
 * What the payments add up to.
 */
total_fen: Money, 
/**
 * True when nothing was written on purpose.
 */
dry_run: boolean, };

export type FeeBatchPaid = { 
/**
 * Each payment, in the batch's order.
 */
payments: Array<FeePaid>, 
/**
 * Their sum.
 */
total_fen: Money, };

export type FeeDecisionKind = "keep" | "abandon";

export type FeeDecisionInput = { 
/**
 * 成果编号.
 */
achievement_no: string, 
/**
 * 维持 or 放弃.
 */
decision: FeeDecisionKind, 
/**
 * 决定日期.
 */
decided_on: string, 
/**
 * 理由 (required).
 */
reason: string, 
/**
 * When the inventors were told (they may take the patent over before it is given up).
 */
inventors_notified_on: string | null, 
/**
 * Abandon only: the patent is offered to the inventors (赋权) instead of being let go.
 */
grant_to_inventors: boolean, };

export type FeeDecision = { 
/**
 * Record id.
 */
id: number, 
/**
 * 成果编号.
 */
achievement_no: string, 
/**
 * 维持 or 放弃.
 */
decision: FeeDecisionKind, 
/**
 * 决定日期.
 */
decided_on: string, 
/**
 * 理由.
 */
reason: string, 
/**
 * 通知发明人日期.
 */
inventors_notified_on: string | null, 
/**
 * Offered to the inventors.
 */
grant_to_inventors: boolean, };

export type Lapse = { 
/**
 * 成果编号.
 */
achievement_no: string, 
/**
 * The unpaid year.
 */
patent_year: number, 
/**
 * Its due date, moved off a weekend or holiday (the last day it could be paid without a surcharge).
 */
due_on: string, 
/**
 * The grace period ended on this day.
 */
grace_end_on: string, 
/**
 * The day the patent ended: the unpaid year's first day as the law counts it. The moves off
 * weekends and holidays give more time to pay; they do not move the patent year.
 */
lapsed_on: string, };

export type YearStatus = "before_grant" | "paid" | "due" | "grace" | "lapsed" | "upcoming" | "ended";

export type PaymentLine = { 
/**
 * 缴费日期.
 */
paid_on: string, 
/**
 * Paid.
 */
amount_fen: Money, 
/**
 * What the rules expected on that day.
 */
expected_fen: Money, 
/**
 * 滞纳金 in it.
 */
surcharge_fen: Money, 
/**
 * 恢复费 in it.
 */
restoration_fen: Money, 
/**
 * 凭证号.
 */
voucher_no: string | null, };

export type ScheduleYear = { 
/**
 * 专利年度.
 */
patent_year: number, 
/**
 * 缴费日, moved to the next working day off a weekend or holiday.
 */
due_on: string, 
/**
 * 宽限期届满, moved likewise.
 */
grace_end_on: string, 
/**
 * The due date as the law counts it, before the move.
 */
statutory_due_on: string, 
/**
 * Six months after the statutory due date, before the move.
 */
statutory_grace_end_on: string, 
/**
 * The table's fee.
 */
full_fee_fen: Money, 
/**
 * Why it is reduced.
 */
reduction: Reduction, 
/**
 * The fee after reduction.
 */
amount_fen: Money, 
/**
 * Where it stands.
 */
status: YearStatus, 
/**
 * 滞纳金 if paid on the schedule's day (grace or lapsed only).
 */
surcharge_fen: Money, 
/**
 * 恢复费 if paid on the schedule's day (lapsed only).
 */
restoration_fen: Money, 
/**
 * The recorded payment, if any.
 */
payment: PaymentLine | null, };

export type FeeSchedule = { 
/**
 * Record id.
 */
achievement_id: number, 
/**
 * 成果编号.
 */
achievement_no: string, 
/**
 * 法律状态.
 */
status: AchievementStatus, 
/**
 * The day statuses and surcharges are computed for.
 */
on: string, 
/**
 * 保护期 in years.
 */
term_years: number, 
/**
 * The patent year of the grant (its fee paid at registration).
 */
grant_year: number | null, 
/**
 * The last year paid (the grant year when nothing is recorded).
 */
paid_through: number | null, 
/**
 * The next year to pay, if any.
 */
next_year: number | null, 
/**
 * The institution's 费减备案 is accepted.
 */
fee_reduction: boolean, 
/**
 * 开放许可.
 */
open_license: boolean, 
/**
 * 共有人.
 */
co_owners: number, 
/**
 * Co-owners with their own 费减.
 */
co_owners_reduced: number, 
/**
 * Every year of the term.
 */
years: Array<ScheduleYear>, 
/**
 * Keep/abandon decisions, oldest first.
 */
decisions: Array<FeeDecision>, 
/**
 * Years the next year's deadlines fall in that have no holiday arrangement entered (only
 * weekends move them there).
 */
calendar_missing: Array<number>, };

export type Delivery = "electronic" | "paper";

export type Period = { "unit": "months", "count": number } | { "unit": "days", "count": number };

export type NoticeKind = "acceptance" | "office_action" | "correction" | "grant" | "rejection" | "deemed_withdrawn" | "rights_lost" | "restoration_approved" | "formalities_ok" | "payment" | "termination" | "examination_started";

export type PatentDeadlineKind = "office_action" | "correction" | "examination_request" | "registration" | "reexamination" | "restoration" | "payment" | "expiry";

export type DeadlineState = "open" | "done" | "missed" | "ended";

export type NoticeRef = { 
/**
 * Row id.
 */
id: number, 
/**
 * Its title.
 */
title: string, 
/**
 * 发文日.
 */
issued_on: string, 
/**
 * How it reached the office.
 */
delivery: Delivery, 
/**
 * The day it counts as received.
 */
delivered_on: string, };

export type PatentDeadline = { 
/**
 * The stored row; null for one that follows from the patent's dates and was never edited.
 */
id: number | null, 
/**
 * The patent.
 */
achievement_id: number, 
/**
 * 成果编号.
 */
achievement_no: string, 
/**
 * 名称.
 */
title: string, 
/**
 * 申请号.
 */
application_no: string | null, 
/**
 * 学院.
 */
department: string, 
/**
 * The patent's status.
 */
status: AchievementStatus, 
/**
 * What is to be done.
 */
kind: PatentDeadlineKind, 
/**
 * What the rules give (null for one a person entered without a rule, e.g. a payment notice's
 * unstated period).
 */
statutory_on: string | null, 
/**
 * The day the office works to.
 */
due_on: string, 
/**
 * Why `due_on` differs from `statutory_on`.
 */
edit_reason: string | null, 
/**
 * Done on.
 */
done_on: string | null, 
/**
 * What was done.
 */
done_note: string | null, 
/**
 * Days from the day asked to `due_on` (negative: passed).
 */
days_left: number, 
/**
 * Where it stands.
 */
state: DeadlineState, 
/**
 * The rule it follows.
 */
basis: string, 
/**
 * The notice that started it.
 */
notice: NoticeRef | null, 
/**
 * The row's version (0 for a computed one).
 */
version: number, };

export type PatentDeadlineQuery = { 
/**
 * One kind only.
 */
kind: PatentDeadlineKind | null, 
/**
 * One 学院 only (its name).
 */
department: string | null, 
/**
 * Due within this many days of the day asked (passed ones included); null: any.
 */
within_days: number | null, 
/**
 * Done ones too.
 */
include_done: boolean, 
/**
 * One patent only.
 */
achievement_id: number | null, };

export type DeadlineKey = { 
/**
 * The stored row (null: a computed one).
 */
id: number | null, 
/**
 * The patent.
 */
achievement_id: number, 
/**
 * Its kind.
 */
kind: PatentDeadlineKind, 
/**
 * The version the person saw (0 for a computed one).
 */
version: number, };

export type DeadlineEdit = { 
/**
 * Which one.
 */
key: DeadlineKey, 
/**
 * The day the office now works to.
 */
due_on: string, 
/**
 * Why (required unless the day is the statutory one).
 */
reason: string | null, };

export type DeadlineDone = { 
/**
 * Which one.
 */
key: DeadlineKey, 
/**
 * When it was done.
 */
done_on: string, 
/**
 * What was done (答复已提交, 已请求实审 …).
 */
note: string | null, };

export type SkippedFile = { 
/**
 * Where it came from.
 */
name: string, 
/**
 * Stable code: the reader's (`unsafe_path`, `archive`, `symlink`, `encrypted`,
 * `entry_too_large`, `compression_ratio`, `too_many_entries`, `total_too_large`, `too_deep`,
 * `not_regular`, `unreadable`) or the notice's (`not_pdf`, `damaged`, `no_text`,
 * `not_a_notice`, `no_application_no`, `unknown_application_no`, `no_issue_date`,
 * `already_recorded`, `repeated`).
 */
code: string, 
/**
 * For a person.
 */
reason: string, };

export type NoticePatent = { 
/**
 * Row id.
 */
id: number, 
/**
 * 成果编号.
 */
achievement_no: string, 
/**
 * 名称.
 */
title: string, 
/**
 * 类型.
 */
kind: AchievementKind, 
/**
 * 法律状态 now.
 */
status: AchievementStatus, 
/**
 * Granted (an 授权日 is recorded).
 */
granted: boolean, };

export type ProposedDeadline = { 
/**
 * What is to be done.
 */
kind: PatentDeadlineKind, 
/**
 * The period counted: the notice's, else the law's or the usual one.
 */
period: Period | null, 
/**
 * Whether the notice stated the period itself.
 */
period_stated: boolean, 
/**
 * The last day (null: the notice states no period and the law sets none: a person enters it).
 */
due_on: string | null, 
/**
 * The rule followed.
 */
basis: string, };

export type NoticeProposal = { 
/**
 * Where it came from.
 */
file: string, 
/**
 * Its SHA-256: what a confirmation names it by.
 */
sha256: string, 
/**
 * The title found.
 */
title: string, 
/**
 * Its kind.
 */
kind: NoticeKind, 
/**
 * 申请号.
 */
application_no: string, 
/**
 * The patent.
 */
patent: NoticePatent, 
/**
 * 发文日.
 */
issued_on: string, 
/**
 * How it reached the office (electronic, as a downloaded PDF did; a person may say paper).
 */
delivery: Delivery, 
/**
 * The day it counts as received.
 */
delivered_on: string, 
/**
 * The status the patent would take (null: unchanged).
 */
status_after: AchievementStatus | null, 
/**
 * The deadline it starts.
 */
deadline: ProposedDeadline | null, 
/**
 * The open deadlines of the patent it answers.
 */
ends: Array<PatentDeadlineKind>, };

export type NoticeIntake = { 
/**
 * The notices read, in the order found.
 */
proposals: Array<NoticeProposal>, 
/**
 * The files that give none, with the reason.
 */
skipped: Array<SkippedFile>, };

export type NoticeConfirmation = { 
/**
 * The file, by its SHA-256 (from the proposal).
 */
sha256: string, 
/**
 * The patent (the proposal's, or another the person chose).
 */
achievement_id: number, 
/**
 * The kind.
 */
kind: NoticeKind, 
/**
 * 发文日.
 */
issued_on: string, 
/**
 * How it reached the office.
 */
delivery: Delivery, 
/**
 * The period (null: the law's, or none).
 */
period: Period | null, 
/**
 * The status to record (null: unchanged).
 */
status_after: AchievementStatus | null, 
/**
 * A last day other than the computed one (with `reason`), or the day of a period only the
 * notice could state.
 */
due_on: string | null, 
/**
 * Why `due_on` differs from the computed day.
 */
reason: string | null, };

export type RecordedNotice = { 
/**
 * Row id.
 */
id: number, 
/**
 * 成果编号.
 */
achievement_no: string, 
/**
 * Its kind.
 */
kind: NoticeKind, 
/**
 * 发文日.
 */
issued_on: string, 
/**
 * The deadline it started, with its last day.
 */
deadline: [PatentDeadlineKind, string] | null, 
/**
 * The status recorded (null: unchanged).
 */
status_after: AchievementStatus | null, 
/**
 * The deadlines it marked done.
 */
ended: Array<PatentDeadlineKind>, };

export type NoticeRecord = { 
/**
 * Row id.
 */
id: number, 
/**
 * Its kind.
 */
kind: NoticeKind, 
/**
 * 发文日.
 */
issued_on: string, 
/**
 * How it reached the office.
 */
delivery: Delivery, 
/**
 * The day it counts as received.
 */
delivered_on: string, 
/**
 * The period counted.
 */
period: Period | null, 
/**
 * The file (an attachment of the patent).
 */
attachment_id: number | null, 
/**
 * The status it set (null: none).
 */
status_after: AchievementStatus | null, 
/**
 * When it was recorded.
 */
recorded_on: string, };

export type DisclosureStage = "submitted" | "returned";

export type Colleague = { 
/**
 * 工号.
 */
employee_id: string, 
/**
 * 姓名.
 */
name: string, 
/**
 * 所属单位.
 */
department: string, };

export type DisclosureForm = { 
/**
 * The draft's id (`None`: a new draft).
 */
id: number | null, 
/**
 * The version the draft (or the returned disclosure) was loaded at; 0 for a new draft.
 */
version: number, 
/**
 * 成果名称.
 */
title: string, 
/**
 * 所属单位 (学院).
 */
department: string, 
/**
 * 经费来源.
 */
funding_source: FundingSource | null, 
/**
 * 财政资助项目: required when the funding is fiscal.
 */
fiscal_project: string | null, 
/**
 * 技术内容.
 */
description: string, 
/**
 * 现有技术.
 */
prior_art: string | null, 
/**
 * 拟保护方式.
 */
intended_protection: AchievementKind | null, 
/**
 * 需要保密.
 */
confidential: boolean, 
/**
 * 完成人 with shares (the author among them), summing to exactly 10000 on submission.
 */
inventors: Array<Inventor>, };

export type MyStage = "draft" | "submitted" | "returned";

export type MyDisclosure = { 
/**
 * The draft's id (drafts only).
 */
draft_id: number | null, 
/**
 * The disclosure's id (once submitted).
 */
id: number | null, 
/**
 * 披露编号 (once submitted).
 */
disclosure_no: string | null, 
/**
 * 名称.
 */
title: string, 
/**
 * Draft, with the office, or sent back.
 */
stage: MyStage, 
/**
 * The office's status of a submitted one.
 */
status: DisclosureStatus | null, 
/**
 * 处理决定.
 */
decision: DisclosureDecision | null, 
/**
 * The office's note when it sent it back.
 */
returned_note: string | null, 
/**
 * Saved (a draft) or received (a disclosure) on.
 */
on: string, 
/**
 * Whether I wrote it (else I am a co-inventor).
 */
authored: boolean, };

export type AssessmentOutcome = { 
/**
 * 评估日期.
 */
assessed_on: string, 
/**
 * 评估建议.
 */
recommendation: DisclosureDecision, 
/**
 * The weighted score in tenths, once the office publishes the scores.
 */
weighted_score_x10: number | null, };

export type MyDisclosureDetail = { 
/**
 * The intake as submitted.
 */
disclosure: Disclosure, 
/**
 * Its inventors with names.
 */
inventors: Array<InventorLine>, 
/**
 * With the office or sent back.
 */
stage: DisclosureStage, 
/**
 * The office's status.
 */
status: DisclosureStatus, 
/**
 * The office's note when it sent it back.
 */
returned_note: string | null, 
/**
 * The decision, once taken.
 */
decision: Decision | null, 
/**
 * The assessments' outcomes.
 */
assessments: Array<AssessmentOutcome>, 
/**
 * The achievements it became.
 */
achievements: Array<AchievementRef>, 
/**
 * Its files.
 */
files: Array<Attachment>, 
/**
 * Whether I wrote it (only the author changes and resubmits it).
 */
authored: boolean, };

export type FeeAnswerKind = "keep" | "lapse" | "take_over";

export type FeeAnswer = { 
/**
 * 姓名.
 */
name: string, 
/**
 * 工号.
 */
employee_id: string, 
/**
 * The answer.
 */
answer: FeeAnswerKind, 
/**
 * 答复日期.
 */
answered_on: string, 
/**
 * 说明.
 */
note: string | null, };

export type FeeQuestion = { 
/**
 * Record id.
 */
id: number, 
/**
 * 成果编号.
 */
achievement_no: string, 
/**
 * 征询日期.
 */
asked_on: string, 
/**
 * 答复期限.
 */
answer_by: string, 
/**
 * 征询内容.
 */
question: string, 
/**
 * Whether the office decided since (no more answers).
 */
closed: boolean, 
/**
 * The answers, in the inventors' order.
 */
answers: Array<FeeAnswer>, };

export type FeeQuestionInput = { 
/**
 * 成果编号 (a granted patent in force).
 */
achievement_no: string, 
/**
 * 征询内容: why the office considers letting it lapse.
 */
question: string, 
/**
 * 答复期限: not before today.
 */
answer_by: string, };

export type MyAchievement = { 
/**
 * Record id.
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
 * 法律状态.
 */
status: AchievementStatus, 
/**
 * 申请号.
 */
application_no: string | null, 
/**
 * My share in bp.
 */
share_bp: number, 
/**
 * The next annual fee's due day and amount (a patent in force).
 */
next_fee_due_on: string | null, 
/**
 * Its amount after reduction.
 */
next_fee_fen: Money | null, 
/**
 * The open keep/abandon question, if the office asked one.
 */
question: FeeQuestion | null, 
/**
 * My answer to it.
 */
my_answer: FeeAnswerKind | null, };

export type MyReward = { 
/**
 * The distribution's id (its statement).
 */
distribution_id: number, 
/**
 * 合同编号.
 */
contract_no: string, 
/**
 * 合同名称.
 */
contract_title: string, 
/**
 * Where the distribution stands.
 */
state: DistributionState, 
/**
 * 奖励金额 (cash), none for equity.
 */
amount_fen: Money | null, 
/**
 * The taxable part of it.
 */
taxable_fen: Money | null, 
/**
 * 股权奖励 units, none for cash.
 */
units: number | null, 
/**
 * 公示截止.
 */
publicity_ends_on: string | null, 
/**
 * 发放日期.
 */
paid_on: string | null, 
/**
 * Whether it cancels an earlier payment (冲销).
 */
reversal: boolean, };

export type PublicityKind = "price" | "reward";

export type PublicLine = { 
/**
 * 姓名.
 */
name: string, 
/**
 * 所属单位.
 */
department: string, 
/**
 * 奖励金额 (cash).
 */
amount_fen: Money | null, 
/**
 * 股权奖励 units.
 */
units: number | null, };

export type PublicNotice = { 
/**
 * Price or reward.
 */
kind: PublicityKind, 
/**
 * The publicity's id (price) or the distribution's (reward).
 */
id: number, 
/**
 * 公示名称.
 */
title: string, 
/**
 * 转化方式.
 */
contract_kind: ContractKind, 
/**
 * 交易对象.
 */
counterparty: string, 
/**
 * 拟定价格 (price) or 奖励总额 (reward).
 */
amount_fen: Money | null, 
/**
 * 公示开始 (the posting day).
 */
posted_on: string, 
/**
 * 公示截止.
 */
ends_on: string, 
/**
 * The achievements concerned (number and title).
 */
achievements: Array<string>, 
/**
 * The people rewarded (a reward publicity).
 */
lines: Array<PublicLine>, 
/**
 * Whether I am an inventor concerned (or rewarded).
 */
concerns_me: boolean, };

export type ObjectionInput = { 
/**
 * Price or reward.
 */
kind: PublicityKind, 
/**
 * The publicity's id (price) or the distribution's (reward).
 */
id: number, 
/**
 * 异议理由.
 */
content: string, };

export type ObjectionFile = { 
/**
 * Row id (its download).
 */
id: number, 
/**
 * 文件名.
 */
name: string, 
/**
 * Bytes.
 */
size: number, };

export type MyObjection = { 
/**
 * Price or reward.
 */
kind: PublicityKind, 
/**
 * The objection's id.
 */
id: number, 
/**
 * What it objects to.
 */
title: string, 
/**
 * 收到日期.
 */
received_on: string, 
/**
 * 异议理由.
 */
content: string, 
/**
 * 处理结果.
 */
outcome: Outcome, 
/**
 * 处理情况.
 */
handling: string | null, 
/**
 * 处理日期.
 */
resolved_on: string | null, 
/**
 * Its files.
 */
files: Array<ObjectionFile>, };

export type RewardObjection = { 
/**
 * Record id.
 */
id: number, 
/**
 * 异议人.
 */
objector: string, 
/**
 * 收到日期.
 */
received_on: string, 
/**
 * 异议内容.
 */
content: string, 
/**
 * 处理结果.
 */
outcome: Outcome, 
/**
 * 处理情况.
 */
handling: string | null, 
/**
 * 处理日期.
 */
resolved_on: string | null, 
/**
 * Its files.
 */
files: Array<ObjectionFile>, };

export type Handling = { 
/**
 * Upheld or rejected (pending: not handled).
 */
outcome: Outcome, 
/**
 * 处理情况: what was found and done.
 */
handling: string, 
/**
 * 处理日期: not before the objection was received, not after today.
 */
resolved_on: string, };

export type NotificationKind = "disclosure_submitted" | "disclosure_returned" | "disclosure_decided" | "fee_question" | "fee_answered" | "publicity_started" | "objection_filed" | "objection_handled" | "distribution_approved" | "distribution_paid";

export type Notification = { 
/**
 * Row id.
 */
id: number, 
/**
 * When (`YYYY-MM-DD HH:MM:SS`).
 */
created_at: string, 
/**
 * What it tells of.
 */
kind: NotificationKind, 
/**
 * The sentence shown.
 */
subject: string, 
/**
 * The screen it opens.
 */
link: string, 
/**
 * Whether this account read it.
 */
read: boolean, };

export type Inbox = { 
/**
 * Unread, over all.
 */
unread: number, 
/**
 * The newest, newest first.
 */
items: Array<Notification>, };

export type MergeEntity = "person" | "organization";

export type MergeKind = "merge" | "unmerge";

export type MovedRow = { 
/**
 * The table: inventor, disclosure_inventor, grant_member, distribution_line, contract, co_owner, publicity.
 */
reference: string, 
/**
 * The parent record's id (achievement, disclosure, grant, distribution, contract, publicity).
 */
parent_id: number, 
/**
 * The parent's number or title.
 */
label: string, };

export type MergeRecord = { 
/**
 * Row id (`unmerge` takes it).
 */
id: number, 
/**
 * Person or organization.
 */
entity: MergeEntity, 
/**
 * Merge or its counter-entry.
 */
kind: MergeKind, 
/**
 * The record kept.
 */
keep_id: number, 
/**
 * Its employee ID and name, or name.
 */
keep_label: string, 
/**
 * The duplicate.
 */
duplicate_id: number, 
/**
 * Its employee ID and name, or name.
 */
duplicate_label: string, 
/**
 * For an unmerge: the merge it undoes.
 */
undoes_id: number | null, 
/**
 * For a merge: the unmerge that undid it.
 */
undone_by_id: number | null, 
/**
 * Why.
 */
reason: string, 
/**
 * When (ISO date-time).
 */
at: string, 
/**
 * Who.
 */
actor: string, 
/**
 * Exactly the rows moved.
 */
moved: Array<MovedRow>, };

export type PersonSort = "employee_id" | "name" | "department" | "category" | "leader_level" | "achievements";

export type PersonQuery = { 
/**
 * 1-based page.
 */
page: number, 
/**
 * Rows per page, at most [`crate::store::search::MAX_PAGE_SIZE`].
 */
page_size: number, 
/**
 * Sort column; employee ID when absent.
 */
sort: PersonSort | null, 
/**
 * Descending order.
 */
descending: boolean, 
/**
 * Name or employee ID contains.
 */
search: string | null, 
/**
 * Only this department (exact name).
 */
department: string | null, 
/**
 * Only this category.
 */
category: Category | null, 
/**
 * Only this leader level.
 */
leader_level: LeaderLevel | null, };

export type PersonRow = { 
/**
 * Row id.
 */
id: number, 
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
 * 人员类别.
 */
category: Category, 
/**
 * 领导职务.
 */
leader_level: LeaderLevel, 
/**
 * 身份证号, masked (110105********002X).
 */
id_number_masked: string | null, 
/**
 * 银行账号, masked (all but the last 4 digits).
 */
bank_account_masked: string | null, 
/**
 * Achievements they are an inventor of.
 */
achievement_count: number, 
/**
 * Merged into this person (id), hidden from lists.
 */
merged_into: number | null, 
/**
 * The record's version, which its edit form sends back (store::version).
 */
version: number, };

export type PersonPage = { 
/**
 * Rows matching the filters, over all pages.
 */
total: number, 
/**
 * This page's rows.
 */
rows: Array<PersonRow>, };

export type PersonAchievement = { 
/**
 * Achievement id (its page).
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
 * 法律状态.
 */
status: AchievementStatus, 
/**
 * Their contribution share, bp.
 */
share_bp: number, 
/**
 * 重要贡献人员.
 */
key_contributor: boolean, };

export type PersonDisclosure = { 
/**
 * Disclosure id.
 */
id: number, 
/**
 * 披露编号.
 */
disclosure_no: string, 
/**
 * 名称.
 */
title: string, 
/**
 * 收到日期.
 */
received_on: string, 
/**
 * 处理决定, if made.
 */
decision: DisclosureDecision | null, 
/**
 * Their share, bp.
 */
share_bp: number, };

export type PersonContract = { 
/**
 * Contract id.
 */
id: number, 
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
 * Through an achievement they invented.
 */
inventor: boolean, 
/**
 * As 技术转移人员.
 */
transfer_staff: boolean, };

export type PersonDistributionLine = { 
/**
 * Distribution id.
 */
distribution_id: number, 
/**
 * 合同编号.
 */
contract_no: string, 
/**
 * 合同名称.
 */
contract_title: string, 
/**
 * 状态.
 */
state: DistributionState, 
/**
 * A reversal (冲销) line.
 */
reversal: boolean, 
/**
 * Receipts up to.
 */
through_on: string, 
/**
 * Cash amount (negative in a reversal).
 */
amount_fen: Money | null, 
/**
 * Equity units.
 */
units: number | null, 
/**
 * As transfer staff.
 */
transfer_staff: boolean, 
/**
 * 发放日期.
 */
paid_on: string | null, 
/**
 * The merged duplicate's employee ID when the line stays with it (frozen history).
 */
via_merged: string | null, };

export type PersonGrant = { 
/**
 * Grant id.
 */
id: number, 
/**
 * Share or usage right.
 */
kind: GrantKind, 
/**
 * 决定日期.
 */
decided_on: string, 
/**
 * Their internal share, bp.
 */
share_bp: number, 
/**
 * The achievements granted (numbers).
 */
achievements: string, };

export type PersonDetail = { 
/**
 * The person, masked.
 */
person: PersonRow, 
/**
 * The person they were merged into, if hidden.
 */
merged_into_label: string | null, 
/**
 * 成果 with their share.
 */
achievements: Array<PersonAchievement>, 
/**
 * 披露.
 */
disclosures: Array<PersonDisclosure>, 
/**
 * 合同.
 */
contracts: Array<PersonContract>, 
/**
 * 收益分配 lines, with those of merged duplicates.
 */
distribution_lines: Array<PersonDistributionLine>, 
/**
 * 赋权.
 */
grants: Array<PersonGrant>, 
/**
 * 合并 history.
 */
merges: Array<MergeRecord>, };

export type Revealed = { 
/**
 * 身份证号.
 */
id_number: string | null, 
/**
 * 银行账号.
 */
bank_account: string | null, };

export type PersonEdit = { 
/**
 * Row id.
 */
id: number, 
/**
 * The version the form was loaded at: the save is refused (`edit_conflict`) once someone
 * else changed the person (store::version).
 */
version: number, 
/**
 * 工号, unique.
 */
employee_id: string, 
/**
 * 姓名.
 */
name: string, 
/**
 * 所在单位 (created if new).
 */
department: string, 
/**
 * 人员类别.
 */
category: Category, 
/**
 * 领导职务.
 */
leader_level: LeaderLevel, 
/**
 * 身份证号.
 */
id_number: string | null, 
/**
 * 银行账号.
 */
bank_account: string | null, };

export type DuplicateReason = "same_name_department" | "same_id_number";

export type PersonDuplicate = { 
/**
 * Suggested to keep.
 */
keep: PersonRow, 
/**
 * Suggested to merge into it.
 */
duplicate: PersonRow, 
/**
 * Why.
 */
reason: DuplicateReason, };

export type OrganizationSort = "name" | "credit_code" | "ownership" | "region" | "contracts" | "amount";

export type OrganizationQuery = { 
/**
 * 1-based page.
 */
page: number, 
/**
 * Rows per page, at most [`crate::store::search::MAX_PAGE_SIZE`].
 */
page_size: number, 
/**
 * Sort column; name when absent.
 */
sort: OrganizationSort | null, 
/**
 * Descending order.
 */
descending: boolean, 
/**
 * Name or credit code contains.
 */
search: string | null, 
/**
 * Only this ownership.
 */
ownership: Ownership | null, 
/**
 * Only this region (exact).
 */
region: string | null, };

export type OrganizationRow = { 
/**
 * Row id.
 */
id: number, 
/**
 * 单位名称.
 */
name: string, 
/**
 * 统一社会信用代码.
 */
credit_code: string | null, 
/**
 * 单位性质.
 */
ownership: Ownership, 
/**
 * 企业规模.
 */
size: Size | null, 
/**
 * 所在地区.
 */
region: string, 
/**
 * 行业门类 (letter), when known.
 */
industry: string | null, 
/**
 * Contracts with it.
 */
contract_count: number, 
/**
 * Their total amount.
 */
contract_amount_fen: Money, 
/**
 * Merged into this organization (id), hidden from lists.
 */
merged_into: number | null, 
/**
 * The record's version, which its edit form sends back (store::version).
 */
version: number, };

export type OrganizationPage = { 
/**
 * Rows matching the filters, over all pages.
 */
total: number, 
/**
 * This page's rows.
 */
rows: Array<OrganizationRow>, };

export type OrganizationContract = { 
/**
 * Contract id.
 */
id: number, 
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
 * 签订日期.
 */
signed_on: string, 
/**
 * 合同金额.
 */
amount_fen: Money, 
/**
 * 累计到账.
 */
received_fen: Money, };

export type CoOwnedAchievement = { 
/**
 * Achievement id.
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
 * 法律状态.
 */
status: AchievementStatus, 
/**
 * Their 费减备案 is accepted.
 */
fee_reduction: boolean, };

export type OrganizationPublicity = { 
/**
 * Publicity id.
 */
id: number, 
/**
 * 名称.
 */
title: string, 
/**
 * 价格.
 */
price_fen: Money, 
/**
 * 公示日期.
 */
posted_on: string, 
/**
 * 截止.
 */
ends_on: string, };

export type OrganizationDetail = { 
/**
 * The organization.
 */
organization: OrganizationRow, 
/**
 * The organization it was merged into, if hidden.
 */
merged_into_label: string | null, 
/**
 * 合同 with amounts and received totals.
 */
contracts: Array<OrganizationContract>, 
/**
 * 共有成果.
 */
co_owned: Array<CoOwnedAchievement>, 
/**
 * 定价公示.
 */
publicities: Array<OrganizationPublicity>, 
/**
 * 合并 history.
 */
merges: Array<MergeRecord>, };

export type OrganizationEdit = { 
/**
 * Row id.
 */
id: number, 
/**
 * The version the form was loaded at: the save is refused (`edit_conflict`) once someone
 * else changed the organization (store::version).
 */
version: number, 
/**
 * 单位名称, unique.
 */
name: string, 
/**
 * 统一社会信用代码, validated.
 */
credit_code: string | null, 
/**
 * 单位性质.
 */
ownership: Ownership, 
/**
 * 企业规模.
 */
size: Size | null, 
/**
 * 所在地区: a province-level name or 境外 (the report's province).
 */
region: string, 
/**
 * 行业门类: the letter of its GB/T 4754 section (A–T), when known.
 */
industry: string | null, };

export type OrganizationDuplicateReason = "same_credit_code" | "similar_name";

export type OrganizationDuplicate = { 
/**
 * Suggested to keep.
 */
keep: OrganizationRow, 
/**
 * Suggested to merge into it.
 */
duplicate: OrganizationRow, 
/**
 * Why.
 */
reason: OrganizationDuplicateReason, };

export type Conversion = "none" | "names" | "wan_yuan" | "yuan" | "date" | "choice";

export type FieldSource = { 
/**
 * The template key of the field (template/column.rs).
 */
field: string, 
/**
 * The source column, by its header text; `None`: not in the file.
 */
column: string | null, 
/**
 * How the source text is converted.
 */
conversion: Conversion, 
/**
 * A value for every row whose cell is empty or that has no column (e.g. 所属单位 when the
 * whole sheet is one college's).
 */
fixed: string | null, };

export type Mapping = { 
/**
 * The table imported.
 */
table: Table, 
/**
 * The fields fed; fields not listed stay empty.
 */
fields: Array<FieldSource>, };

export type SourceSheet = { 
/**
 * Every sheet of the workbook (one for a CSV).
 */
sheets: Array<string>, 
/**
 * The sheet read.
 */
sheet: string, 
/**
 * Its header row's number.
 */
header_row: number, 
/**
 * Header texts by column.
 */
headers: Array<string>, 
/**
 * The first data rows, as text.
 */
sample: Array<Array<string>>, 
/**
 * Data rows in the sheet.
 */
rows: number, 
/**
 * The mapping saved for these headers and this table, if any.
 */
saved: Mapping | null, };

export type PreviewLine = { 
/**
 * The source row number.
 */
row: number, 
/**
 * The standard fields' values, in the template's order.
 */
values: Array<string>, };

export type SourceProblem = { 
/**
 * Sheet name (file name for CSV).
 */
sheet: string, 
/**
 * Source row (0: the mapping or the file as a whole).
 */
row: number, 
/**
 * Source cell such as `D5`, when the problem is in one cell.
 */
cell: string | null, 
/**
 * The source column's header (or the field's, when the value is a fixed one).
 */
column: string, 
/**
 * The standard field's template key (empty for a problem of the file).
 */
field: string, 
/**
 * The value found in the source.
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

export type Preview = { 
/**
 * The template keys, the preview's columns.
 */
fields: Array<string>, 
/**
 * Data rows converted.
 */
rows: number, 
/**
 * The first converted rows.
 */
lines: Array<PreviewLine>, 
/**
 * Every problem of the whole sheet.
 */
problems: Array<SourceProblem>, };

/** The standard templates' columns (core/src/template/column.rs), in the template's order. */
export const TEMPLATE_COLUMNS: Record<Table, { key: string; header: string; required: boolean }[]> = {
  people: [
    { key: 'employee_id', header: '工号', required: true },
    { key: 'name', header: '姓名', required: true },
    { key: 'department', header: '所在单位', required: true },
    { key: 'category', header: '人员类别', required: false },
    { key: 'leader_level', header: '领导职务', required: false },
    { key: 'id_number', header: '身份证号', required: false },
    { key: 'outside_work', header: '兼职/离岗创业', required: false },
  ],
  organizations: [
    { key: 'name', header: '单位名称', required: true },
    { key: 'credit_code', header: '统一社会信用代码', required: false },
    { key: 'ownership', header: '单位性质', required: true },
    { key: 'size', header: '企业规模', required: false },
    { key: 'region', header: '所在地区', required: true },
    { key: 'industry', header: '行业门类', required: false },
  ],
  achievements: [
    { key: 'achievement_no', header: '成果编号', required: true },
    { key: 'title', header: '成果名称', required: true },
    { key: 'kind', header: '成果类型', required: true },
    { key: 'application_no', header: '申请号', required: false },
    { key: 'filed_on', header: '申请日', required: false },
    { key: 'grant_no', header: '授权号', required: false },
    { key: 'granted_on', header: '授权日', required: false },
    { key: 'status', header: '法律状态', required: true },
    { key: 'department', header: '所属单位', required: true },
    { key: 'fiscal_project', header: '财政资助项目', required: false },
    { key: 'fees_paid_through', header: '年费已缴至', required: false },
    { key: 'inventors', header: '完成人', required: true },
    { key: 'co_owners', header: '共有人', required: false },
  ],
  contracts: [
    { key: 'contract_no', header: '合同编号', required: true },
    { key: 'title', header: '合同名称', required: true },
    { key: 'kind', header: '转化方式', required: true },
    { key: 'license_kind', header: '许可类型', required: false },
    { key: 'counterparty', header: '合作单位', required: true },
    { key: 'amount', header: '合同金额', required: true },
    { key: 'signed_on', header: '签订日期', required: true },
    { key: 'achievements', header: '涉及成果', required: false },
    { key: 'registration_no', header: '技术合同登记号', required: false },
    { key: 'equity_units', header: '获得股权', required: false },
  ],
  receipts: [
    { key: 'contract_no', header: '合同编号', required: true },
    { key: 'received_on', header: '到账日期', required: true },
    { key: 'amount', header: '到账金额', required: true },
    { key: 'voucher_no', header: '凭证号', required: false },
  ],
  costs: [
    { key: 'contract_no', header: '合同编号', required: true },
    { key: 'incurred_on', header: '发生日期', required: true },
    { key: 'category', header: '费用类别', required: true },
    { key: 'amount', header: '金额', required: true },
    { key: 'note', header: '说明', required: false },
  ],
}
