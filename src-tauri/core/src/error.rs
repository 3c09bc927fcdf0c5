//! Typed errors with stable codes, and the `{code, message, details}` report that the CLI's JSON
//! and the app's IPC both send.

use crate::lang::Lang;
use crate::problem::{Problem, ProblemReport};
use serde::Serialize;
use std::path::PathBuf;
use ts_rs::TS;

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The data file does not exist.
    #[error("data file not found: {0}")]
    Missing(PathBuf),
    /// `init` or `demo` would overwrite a file.
    #[error("file already exists: {0}")]
    AlreadyExists(PathBuf),
    /// The file was written by a newer TransferDesk.
    #[error("data file was written by a newer TransferDesk (schema version {found}; this build knows up to {supported}): install the newer version")]
    NewerSchema { found: i64, supported: i64 },
    /// Not a TransferDesk database, or damaged.
    #[error("data file is not a usable TransferDesk database: {0}")]
    Corrupt(String),
    /// Another program holds the database.
    #[error("data file is busy: {0}")]
    Locked(String),
    /// Input refused; every problem listed.
    #[error("{} problem(s) in the input", .0.len())]
    Invalid(Vec<Problem>),
    /// A record that does not exist.
    #[error("{what} not found: {key}")]
    NotFound { what: &'static str, key: String },
    /// A file could not be read or written.
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    /// A workflow step refused by a rule (docs/cli.md "Refusal codes": `publicity_not_finished`,
    /// `distribution_not_approved`, a blocking finding's code, …).
    #[error("{code}: {detail}")]
    Refused { code: &'static str, detail: String },
    /// An unexpected database failure.
    #[error("database error: {0}")]
    Database(String),
    /// A form's save refused because someone else changed the record since the form was loaded
    /// (code `edit_conflict`; docs/reliability.md "Two people at once"). A refusal like
    /// [`Error::Refused`], with the fields that differ as its details.
    #[error("edit_conflict: {} {} was changed by someone else", .0.record, .0.label)]
    Conflict(Box<Conflict>),
}

/// Who changed a record while someone else had its form open, and what differs now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// The kind of record, as [`Error::NotFound`] names it (`achievement`, `contract`, …).
    pub record: &'static str,
    /// What a person knows the record by (its number, name or title).
    pub label: String,
    /// The actor of the record's newest audit entry, when there is one.
    pub by: Option<String>,
    /// Its time, `YYYY-MM-DDTHH:MM:SS`.
    pub at: Option<String>,
    /// The form's fields whose submitted value differs from the stored one, in the form's order.
    pub fields: Vec<ConflictField>,
}

/// A field of a form, named for a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConflictField {
    /// Its key in the form (the column of a form's problems).
    pub key: &'static str,
    /// Its name in Chinese, as the audit log's viewer shows it.
    pub zh: &'static str,
    /// Its name in English.
    pub en: &'static str,
}

impl Conflict {
    fn message(&self, lang: Lang) -> String {
        let record = match lang {
            Lang::Zh => zh_record(self.record).to_string(),
            Lang::En => self.record.replace('_', " "),
        };
        let named = match (self.label.is_empty(), lang) {
            (true, _) => record,
            (false, Lang::Zh) => format!("{record}“{}”", self.label),
            (false, Lang::En) => format!("{record} \"{}\"", self.label),
        };
        let when = self.at.as_deref().map(|t| t.replacen('T', " ", 1));
        let names: Vec<&str> = self.fields.iter().map(|f| lang.pick(f.zh, f.en)).collect();
        match lang {
            Lang::Zh => {
                let who = match (&self.by, &when) {
                    (Some(by), Some(at)) => format!("已被 {by} 于 {at} 修改"),
                    _ => "已被他人修改".to_string(),
                };
                let fields =
                    if names.is_empty() { String::new() } else { format!("，与您提交的不同之处：{}", names.join("、")) };
                format!("未保存：{named}在您打开后{who}{fields}。请重新加载后再修改")
            }
            Lang::En => {
                let who = match (&self.by, &when) {
                    (Some(by), Some(at)) => format!("was changed by {by} at {at}"),
                    _ => "was changed by someone else".to_string(),
                };
                let fields =
                    if names.is_empty() { String::new() } else { format!("; it differs from what you sent in: {}", names.join(", ")) };
                format!("not saved: the {named} {who} after you opened it{fields}. Reload it and make your change again")
            }
        }
    }
}

/// Shorthand for core results.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The stable code a script or the UI switches on.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Missing(_) => "db_missing",
            Error::AlreadyExists(_) => "file_exists",
            Error::NewerSchema { .. } => "db_newer_schema",
            Error::Corrupt(_) => "db_corrupt",
            Error::Locked(_) => "db_locked",
            Error::Invalid(_) => "invalid_input",
            Error::NotFound { .. } => "not_found",
            Error::Io { .. } => "io",
            Error::Refused { code, .. } => code,
            Error::Database(_) => "database",
            Error::Conflict(_) => "edit_conflict",
        }
    }

    /// The CLI exit status of docs/cli.md "Exit status": 1 rejected input, 3 the data file cannot
    /// be used.
    pub fn exit_status(&self) -> i32 {
        match self {
            Error::Missing(_) | Error::NewerSchema { .. } | Error::Corrupt(_) | Error::Locked(_) | Error::Database(_) => 3,
            _ => 1,
        }
    }

    /// The message for a person, in their language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Error::Missing(p), Lang::Zh) => format!("数据文件不存在：{}（先运行 transferdesk init 或 demo）", p.display()),
            (Error::AlreadyExists(p), Lang::Zh) => format!("文件已存在，不会覆盖：{}", p.display()),
            (Error::NewerSchema { found, supported }, Lang::Zh) => {
                format!("数据文件由更新版本的 TransferDesk 写入（结构版本 {found}，本程序最高支持 {supported}），请升级程序后再打开")
            }
            (Error::Corrupt(m), Lang::Zh) => format!("数据文件无法使用（不是 TransferDesk 数据库或已损坏）：{m}"),
            (Error::Locked(m), Lang::Zh) => format!("数据文件正被其他程序占用（如桌面应用正在写入），请稍后再试：{m}"),
            (Error::Invalid(p), Lang::Zh) => format!("输入有 {} 处问题，未写入任何数据", p.len()),
            (Error::NotFound { what, key }, Lang::Zh) => format!("未找到{}：{key}", zh_record(what)),
            (Error::Io { path, message }, Lang::Zh) => format!("无法读写文件 {path}：{message}"),
            (Error::Database(m), Lang::Zh) => format!("数据库错误：{m}"),
            (Error::Refused { code, detail }, lang) => refusal_text(code, detail, lang),
            (Error::Conflict(c), lang) => c.message(lang),
            (Error::Invalid(p), Lang::En) => format!("{} problem(s) in the input; nothing was written", p.len()),
            (e, Lang::En) => e.to_string(),
        }
    }

    /// The `{code, message, details}` document of the CLI's JSON and the app's IPC.
    pub fn report(&self, lang: Lang) -> ErrorReport {
        ErrorReport {
            code: self.code().to_string(),
            message: self.message(lang),
            details: match self {
                Error::Invalid(problems) => problems.iter().map(|p| p.report(lang)).collect(),
                // One line per field that differs: its key as the column (as a form's problems
                // name it), its name as the value.
                Error::Conflict(c) => c
                    .fields
                    .iter()
                    .map(|f| ProblemReport {
                        sheet: String::new(),
                        row: 0,
                        column: f.key.to_string(),
                        cell: None,
                        value: lang.pick(f.zh, f.en).to_string(),
                        code: "edit_conflict".to_string(),
                        problem: lang.pick("已被他人修改", "changed by someone else").to_string(),
                    })
                    .collect(),
                _ => Vec::new(),
            },
        }
    }

    pub(crate) fn io(path: impl AsRef<std::path::Path>, err: impl std::fmt::Display) -> Error {
        Error::Io { path: path.as_ref().display().to_string(), message: err.to_string() }
    }
}

/// The sentence for a refused step; `detail` names the record, person or date concerned.
fn refusal_text(code: &str, detail: &str, lang: Lang) -> String {
    // Refusals whose sentence names the dates themselves (the detail is "DAY" or "DAY|TODAY").
    let days: Vec<&str> = detail.split('|').collect();
    match (code, days.as_slice()) {
        ("publicity_not_ended", [ends]) => {
            return match lang {
                Lang::Zh => format!("公示期尚未结束（至 {ends} 止），公示期满后方可发放"),
                Lang::En => format!("the publicity runs until {ends}: the reward can be paid only after it has ended"),
            };
        }
        ("key_contributors_below_minimum", [actual, rule]) => {
            return match lang {
                Lang::Zh => format!("重要贡献人员合计获得奖励总额的 {actual}，低于政策规定的最低比例 {rule}"),
                Lang::En => format!("key contributors together get {actual} of the pool, less than the policy's minimum of {rule}"),
            };
        }
        ("transfer_staff_below_minimum", [actual, rule]) => {
            return match lang {
                Lang::Zh => format!("转化人员合计获得奖励总额的 {actual}，低于政策规定的最低比例 {rule}"),
                Lang::En => format!("the transfer staff together get {actual} of the pool, less than the policy's minimum of {rule}"),
            };
        }
        ("date_in_future", [day, today]) => {
            return match lang {
                Lang::Zh => format!("发放日期 {day} 晚于今天（{today}）：只能登记已经发放的日期"),
                Lang::En => format!("the payment date {day} is after today ({today}): record a payment once it has been made"),
            };
        }
        _ => {}
    }
    let (zh, en) = match code {
        "publicity_not_finished" => {
            ("公示期尚未结束（或尚未公示），不能发放", "the publicity period has not ended (or not started): cannot pay yet")
        }
        "distribution_not_approved" => ("收益分配尚未审批", "the distribution is not approved"),
        "distribution_not_draft" => ("只有草稿可以审批、修改或删除", "only a draft can be approved, changed or deleted"),
        "distribution_not_publicized" => ("收益分配尚未公示", "the distribution has not been publicized"),
        "distribution_paid" => {
            ("已发放的收益分配不能修改或删除，只能冲销", "a paid distribution is never edited or deleted; reverse it instead")
        }
        "distribution_not_paid" => ("只有已发放的收益分配可以冲销", "only a paid distribution can be reversed"),
        "distribution_reversed" => ("这笔收益分配已有冲销", "this distribution already has a reversal"),
        "distribution_open" => {
            ("该合同还有未发放的收益分配，请先办完或删除它", "the contract has a distribution not yet paid: finish or delete it first")
        }
        "nothing_to_distribute" => ("没有可分配的新到账或股权", "no new receipts (or equity) to distribute"),
        "decision_before_receipt" => {
            ("集体决策日期早于所分配的最后一笔到账", "the decision date is before the last receipt it distributes")
        }
        "publicity_before_decision" => ("公示开始日期早于集体决策日期", "publicity cannot start before the decision"),
        "date_in_future" => ("日期晚于今天", "the date is after today"),
        "override_reason_required" => ("存在错误提示，须填写越过理由", "an error finding stands: give an override reason"),
        "not_waivable" => ("此人没有待决定的股权奖励", "this person has no blocked equity part to waive"),
        "report_filed" => ("该年度报告已报送（已冻结），不能再修改", "this report year was filed and is frozen"),
        "policy_in_use" => (
            "该政策版本已用于已审批的收益分配，不能修改或删除；请新增一个版本",
            "the policy version is used by approved distributions: add a new version instead",
        ),
        "policy_overlap" => ("同一生效日期已有政策版本", "a policy version with this effective date exists"),
        "policy_last" => ("至少要保留一个政策版本", "at least one policy version must remain"),
        "key_contributors_below_minimum" => {
            ("重要贡献人员合计低于政策规定的最低比例", "key contributors together get less than the policy's minimum")
        }
        "principal_leader_equity_blocked" => {
            ("单位正职领导不得获得股权奖励：须记录其放弃的决定", "a unit principal leader may not take equity: record the waiver decision")
        }
        "transfer_staff_below_minimum" => ("转化人员奖励低于政策规定的最低比例", "the transfer staff get less than the policy's minimum"),
        "granted_ownership_no_unit_reward" => {
            ("已赋权的成果不再给予单位奖励", "an achievement granted to its inventors earns no further unit reward")
        }
        "disclosure_decided" => {
            ("该披露已作出处理决定，不能再修改或评估", "the disclosure is decided: it can no longer be changed or assessed")
        }
        "identity_unknown" => (
            "统一身份认证通过，但该工号在本系统中没有对应人员：请联系成果转化办公室",
            "the university vouches for this identity, but no person here has its employee ID: ask the transfer office",
        ),
        "account_disabled" => ("该账号已停用：请联系系统管理员", "the account is disabled: ask the administrator"),
        "disclosure_not_returnable" => (
            "只有发明人提交、尚未处理且在办公室手中的披露可以退回",
            "only a disclosure an inventor submitted, undecided and with the office, can be sent back",
        ),
        "disclosure_changed" => {
            ("该披露已被修改（页面上的信息已过时）：请刷新后再操作", "the disclosure was changed meanwhile: reload it first")
        }
        "disclosure_not_returned" => ("该披露没有被退回，不能重新提交", "the disclosure was not sent back: it cannot be submitted again"),
        "draft_changed" => {
            ("该草稿已在别处保存（页面上的内容已过时）：请刷新后再编辑", "the draft was saved elsewhere meanwhile: reload it first")
        }
        "fee_question_open" => ("该专利已有一份尚未决定的维持征询", "this patent already has an open keep/abandon question"),
        "fee_question_closed" => {
            ("办公室已就该征询作出决定，不能再答复", "the office has decided on this question: it can no longer be answered")
        }
        "publicity_not_running" => (
            "该公示不在公示期内（尚未开始或已经结束），不能提出异议",
            "the publicity is not running (not started or ended): no objection can be filed",
        ),
        "reward_objection_open" => (
            "该收益分配的公示有尚未处理或已成立的异议，不能发放",
            "an objection to this distribution's publicity is pending or upheld: it cannot be paid",
        ),
        "disclosure_converted" => {
            ("该披露已形成成果，不能再改变处理决定", "achievements came from this disclosure: its decision can no longer change")
        }
        "disclosure_not_decided" => {
            ("该披露尚未作出处理决定，不能登记为成果", "the disclosure is not decided yet: it cannot become an achievement")
        }
        "disclosure_dropped" => ("该披露已决定放弃，不能登记为成果", "the disclosure was dropped: it cannot become an achievement"),
        "fee_year_already_paid" => ("该专利年度的年费已缴纳", "the annual fee of this patent year is already paid"),
        "fee_year_not_next" => ("只能缴纳已缴年度的下一年度年费", "only the year after the paid-through year can be paid"),
        "fee_year_beyond_term" => ("该年度超出专利保护期", "the year is beyond the patent's term"),
        "fee_not_applicable" => {
            ("只有已授权且有效（或已失效）的专利才缴纳年费", "annual fees apply only to granted patents in force (or lapsed)")
        }
        "deadline_changed" => (
            "该期限已被他人修改或登记（页面上的信息已过时）：请刷新后再操作",
            "the deadline was changed or stored by someone else meanwhile: reload it first",
        ),
        "deadline_not_applicable" => ("该专利没有这类依日期推算的期限", "this patent has no deadline of this kind to compute"),
        "notice_file_changed" => (
            "确认时没有找到与预览时内容相同的通知书文件（文件已更改或未一并提交）：请重新拖入",
            "the notice file confirmed is not among the files sent (changed since the preview?): drop it again",
        ),
        "notice_not_patent" => ("通知书只能登记到专利（发明、实用新型、外观设计）", "a notice can only be recorded against a patent"),
        "notice_recorded" => ("这份通知书已经登记过", "this notice is already recorded"),
        "fee_not_lapsed" => ("该专利的宽限期尚未届满，不能标记失效", "the grace period has not ended: the patent cannot be marked lapsed"),
        "publicity_required" => {
            ("协议定价须先公示：请选择已结束的定价公示", "an agreed price must be publicized first: choose its publicity")
        }
        "publicity_mismatch" => {
            ("所选公示的转化方式或交易对象与合同不一致", "the publicity's transformation kind or counterparty differs from the contract's")
        }
        "publicity_signed" => {
            ("该公示已有签订的合同，公示内容不能再改", "a contract was signed under this publicity: its terms are evidence now")
        }
        "price_publicity_not_finished" => {
            ("定价公示期尚未结束，最早可签订日期", "the price publicity has not ended; the earliest signing day is")
        }
        "objection_pending" => ("公示期间收到的异议尚未处理", "an objection raised during the publicity is not handled yet"),
        "objection_upheld" => ("异议成立：须重新定价并公示", "an objection was upheld: set and publicize the price again"),
        "contract_in_distribution" => (
            "已有审批后的收益分配：合同的类型、金额、签订日期和涉及成果不能再改",
            "an approved distribution exists: the contract's kind, amount, signing day and achievements are frozen",
        ),
        "contract_in_use" => (
            "合同已有到账、成本、分配、评估或附件，不能删除",
            "the contract has money, distributions, valuations or files: it cannot be deleted",
        ),
        "cancelled" => ("已取消，未写入任何内容", "cancelled; nothing was written"),
        "own_account" => ("不能停用自己正在使用的账号", "you cannot disable the account you are signed in with"),
        "money_distributed" => ("这笔款项已计入收益分配，不能删除", "this amount is counted by a distribution and cannot be deleted"),
        "attachment_too_large" => ("附件超过 100 MB", "the file is larger than 100 MB"),
        "minutes_too_large" => ("会议纪要文件超过 100 MB", "the minutes file is larger than 100 MB"),
        "policy_file_too_large" => ("分配政策文件超过 1 MiB", "the policy file is larger than 1 MiB"),
        "not_a_file" => ("不是普通文件（如管道或设备），未读取", "not a regular file (a pipe or a device): not read"),
        "bulk_zip_unreadable" => {
            ("ZIP 文件无法读取（已损坏或不是 ZIP），未附加任何文件", "the ZIP cannot be read (damaged, or not a ZIP); nothing was attached")
        }
        "bulk_file_changed" => (
            "文件在预览之后被改动或已无法读取，未附加任何文件：请重新预览",
            "a file changed or can no longer be read since the preview; nothing was attached: preview again",
        ),
        "bulk_already_attached" => {
            ("该成果已有内容相同的附件，未附加任何文件", "the achievement already has a file with this content; nothing was attached")
        }
        "bulk_nothing_chosen" => ("没有选择要附加的文件", "no file was chosen to attach"),
        "attachment_altered" => ("附件文件已被改动，与登记时的校验值不符", "the stored file was altered: its SHA-256 no longer matches"),
        // people and organizations: merges
        "merge_same" => ("不能把记录与自身合并", "a record cannot be merged with itself"),
        "already_merged" => ("该记录已合并到其他记录（已隐藏）", "the record was merged into another one (hidden)"),
        "merge_conflict" => (
            "两条记录同时出现在同一成果、披露或赋权中，请先在该处调整份额后再合并",
            "both records are on the same achievement, disclosure or grant: adjust the shares there first",
        ),
        "merge_undone" => ("该合并已撤销（或不是合并记录）", "this merge was already undone (or is not a merge)"),
        "backup_corrupt" => {
            ("备份文件已损坏或审计日志被改动，未做任何替换", "the backup is damaged or its audit log was altered; nothing was replaced")
        }
        "backup_foreign" => ("这不是 TransferDesk 的备份文件，未做任何替换", "this is not a TransferDesk backup; nothing was replaced"),
        "backup_same_file" => ("不能用正在使用的数据文件恢复它自己", "the data file in use cannot be restored from itself"),
        "backup_schema" => (
            "备份文件的数据结构与其版本应有的结构不符（可能被篡改过），未做任何替换",
            "the backup's schema differs from the schema of its version (it may have been tampered with); nothing was replaced",
        ),
        _ => ("操作被拒绝", "refused"),
    };
    let text = lang.pick(zh, en);
    if detail.is_empty() {
        text.to_string()
    } else {
        format!("{text}{}{detail}", lang.pick("：", ": "))
    }
}

fn zh_record(what: &str) -> &str {
    match what {
        "achievement" => "成果",
        "contract" => "合同",
        "person" => "人员",
        "organization" => "单位",
        "distribution" => "收益分配",
        "policy" => "分配政策版本",
        "disclosure" => "成果披露",
        "assessment" => "申请前评估",
        "valuation" => "评估记录",
        "publicity" => "定价公示",
        "resolution" => "集体决策",
        "grant" => "赋权记录",
        "attachment" => "附件",
        "receipt" => "到账",
        "cost" => "成本",
        "record" => "记录",
        "institution" => "单位信息",
        "report_year" => "年度报告",
        "assessment_criteria" => "评估指标",
        "holiday_year" => "节假日安排",
        "merge" => "合并记录",
        "account" => "账号",
        "platform" => "研发机构或平台",
        "outside_work" => "兼职或离岗创业记录",
        "project" => "项目",
        _ => what,
    }
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match err.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::Locked(err.to_string()),
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => Error::Corrupt(err.to_string()),
            _ => Error::Database(err.to_string()),
        }
    }
}

/// An error as sent over IPC and printed by `--json`.
#[derive(Clone, Debug, Serialize, TS)]
pub struct ErrorReport {
    /// Stable code.
    pub code: String,
    /// A sentence for a person.
    pub message: String,
    /// One line per problem (imports, forms); for `edit_conflict`, one per field that differs
    /// (`column`: its key, `value`: its name).
    pub details: Vec<ProblemReport>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conflict(by: Option<&str>, fields: Vec<ConflictField>) -> Error {
        Error::Conflict(Box::new(Conflict {
            record: "report_year",
            label: "2025".into(),
            by: by.map(str::to_string),
            at: by.map(|_| "2026-11-23T10:15:00".to_string()),
            fields,
        }))
    }

    #[test]
    fn a_conflict_says_who_when_and_what_in_both_languages() {
        let fields = vec![
            ConflictField { key: "due_on", zh: "截止日期", en: "due date" },
            ConflictField { key: "narrative", zh: "情况说明", en: "narrative" },
        ];
        let e = conflict(Some("app:wang"), fields);
        assert_eq!(e.code(), "edit_conflict");
        assert_eq!(e.exit_status(), 1, "a rejected input, not an unusable file");
        assert_eq!(
            e.message(Lang::Zh),
            "未保存：年度报告“2025”在您打开后已被 app:wang 于 2026-11-23 10:15:00 修改，与您提交的不同之处：截止日期、情况说明。请重新加载后再修改"
        );
        assert_eq!(
            e.message(Lang::En),
            "not saved: the report year \"2025\" was changed by app:wang at 2026-11-23 10:15:00 after you opened it; it differs from what you sent in: due date, narrative. Reload it and make your change again"
        );
        let details = e.report(Lang::En).details;
        let lines: Vec<(&str, &str, &str)> = details.iter().map(|d| (d.column.as_str(), d.value.as_str(), d.code.as_str())).collect();
        assert_eq!(lines, [("due_on", "due date", "edit_conflict"), ("narrative", "narrative", "edit_conflict")]);
    }

    #[test]
    fn a_conflict_without_an_author_or_a_difference_says_so_plainly() {
        // A change no audit entry names (a version bumped by hand), and a form sent as stored now.
        assert_eq!(conflict(None, Vec::new()).message(Lang::Zh), "未保存：年度报告“2025”在您打开后已被他人修改。请重新加载后再修改");
        let sheet = Error::Conflict(Box::new(Conflict {
            record: "assessment_criteria",
            label: String::new(),
            by: None,
            at: None,
            fields: Vec::new(),
        }));
        assert_eq!(sheet.message(Lang::Zh), "未保存：评估指标在您打开后已被他人修改。请重新加载后再修改", "no empty quotes");
    }
}
