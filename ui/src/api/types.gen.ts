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
