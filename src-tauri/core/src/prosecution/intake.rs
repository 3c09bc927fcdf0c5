//! Notices in: files dropped on the screen (PDFs, a ZIP or a folder of them) read into proposals
//! — the patent each is for, the new status, the deadline it starts — that a person confirms or
//! corrects; nothing changes before. Files that cannot be read, or that match no patent, are
//! listed with the reason; the same notice twice is recognised by its SHA-256.

use super::deadline::PatentDeadlineKind;
use super::notice::{self, NotNotice, NoticeKind};
use super::pdf::{self, PdfProblem};
use super::rule::{self, Delivery, Period};
use crate::calendar::Calendar;
use crate::error::{Error, Result};
use crate::model::{AchievementKind, AchievementStatus};
use crate::portfolio::attachment;
use crate::portfolio::bulk::{self, BulkReason, Content, Limits, Source};
use crate::problem::{Problem, ProblemKind};
use crate::store::audit::{Action, Journal};
use crate::store::{Actor, Store};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::path::Path;
use ts_rs::TS;

/// What one drop reads at most: the bulk reader's limits with a notice's size (CNIPA's notices
/// are a few hundred kilobytes; 20 MB is no notice).
const LIMITS: Limits = Limits { entries: 2_000, entry_bytes: pdf::MAX_BYTES as u64, total_bytes: 512 << 20, ..Limits::DEFAULT };

/// A file read from a drop, before it is understood.
#[derive(Clone, Debug)]
pub struct DroppedFile {
    /// Where it came from: the file's name, or its path inside the ZIP or folder dropped.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// A file that gives no proposal, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct SkippedFile {
    /// Where it came from.
    pub name: String,
    /// Stable code: the reader's (`unsafe_path`, `archive`, `symlink`, `encrypted`,
    /// `entry_too_large`, `compression_ratio`, `too_many_entries`, `total_too_large`, `too_deep`,
    /// `not_regular`, `unreadable`) or the notice's (`not_pdf`, `damaged`, `no_text`,
    /// `not_a_notice`, `no_application_no`, `unknown_application_no`, `no_issue_date`,
    /// `already_recorded`, `repeated`).
    pub code: String,
    /// For a person.
    pub reason: String,
}

fn skipped(name: &str, code: &str, reason: impl Into<String>) -> SkippedFile {
    SkippedFile { name: name.to_string(), code: code.to_string(), reason: reason.into() }
}

/// Reads every source (a PDF, a ZIP, a folder) through the bulk reader ([`bulk::read_all`]: links
/// not followed, archives inside never opened, unsafe names refused, every entry measured as it
/// inflates): the files found, and those refused on the way. A ZIP that cannot be read at all is
/// an error.
pub fn gather(sources: &[Source]) -> Result<(Vec<DroppedFile>, Vec<SkippedFile>)> {
    let mut found = Vec::new();
    let mut refused = Vec::new();
    for met in bulk::read_all(sources, &LIMITS)? {
        match met.content {
            Ok(Content { bytes: Some(bytes), .. }) => found.push(DroppedFile { name: met.entry, bytes }),
            Ok(Content { bytes: None, .. }) => {
                refused.push(skipped(&met.entry, "unreadable", BulkReason::Unreadable.text(crate::Lang::Zh)))
            }
            Err((reason, detail)) => {
                let code = serde_json::to_value(reason).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
                let text = reason.text(crate::Lang::Zh);
                refused.push(skipped(&met.entry, &code, detail.map_or_else(|| text.to_string(), |d| format!("{text}：{d}"))));
            }
        }
    }
    Ok((found, refused))
}

/// The patent a notice is for, as the proposal shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct NoticePatent {
    /// Row id.
    #[ts(type = "number")]
    pub id: i64,
    /// 成果编号.
    pub achievement_no: String,
    /// 名称.
    pub title: String,
    /// 类型.
    pub kind: AchievementKind,
    /// 法律状态 now.
    pub status: AchievementStatus,
    /// Granted (an 授权日 is recorded).
    pub granted: bool,
}

/// The deadline a notice starts, as proposed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ProposedDeadline {
    /// What is to be done.
    pub kind: PatentDeadlineKind,
    /// The period counted: the notice's, else the law's or the usual one.
    pub period: Option<Period>,
    /// Whether the notice stated the period itself.
    pub period_stated: bool,
    /// The last day (null: the notice states no period and the law sets none: a person enters it).
    pub due_on: Option<NaiveDate>,
    /// The rule followed.
    pub basis: String,
}

/// One notice read, and what confirming it would do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct NoticeProposal {
    /// Where it came from.
    pub file: String,
    /// Its SHA-256: what a confirmation names it by.
    pub sha256: String,
    /// The title found.
    pub title: String,
    /// Its kind.
    pub kind: NoticeKind,
    /// 申请号.
    pub application_no: String,
    /// The patent.
    pub patent: NoticePatent,
    /// 发文日.
    pub issued_on: NaiveDate,
    /// How it reached the office (electronic, as a downloaded PDF did; a person may say paper).
    pub delivery: Delivery,
    /// The day it counts as received.
    pub delivered_on: NaiveDate,
    /// The status the patent would take (null: unchanged).
    pub status_after: Option<AchievementStatus>,
    /// The deadline it starts.
    pub deadline: Option<ProposedDeadline>,
    /// The open deadlines of the patent it answers.
    pub ends: Vec<PatentDeadlineKind>,
}

/// What a drop of notices gives.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, TS)]
pub struct NoticeIntake {
    /// The notices read, in the order found.
    pub proposals: Vec<NoticeProposal>,
    /// The files that give none, with the reason.
    pub skipped: Vec<SkippedFile>,
}

/// Reads the dropped files into proposals; writes nothing.
pub fn propose(store: &Store, files: &[DroppedFile], refused: Vec<SkippedFile>) -> Result<NoticeIntake> {
    let conn = store.conn();
    let calendar = Calendar::load_in(conn)?;
    let mut out = NoticeIntake { proposals: Vec::new(), skipped: refused };
    let mut seen = HashSet::new();
    for file in files {
        match proposal(conn, &calendar, file, &mut seen)? {
            Ok(p) => out.proposals.push(p),
            Err(s) => out.skipped.push(s),
        }
    }
    Ok(out)
}

fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn proposal(
    conn: &Connection,
    calendar: &Calendar,
    file: &DroppedFile,
    seen: &mut HashSet<String>,
) -> Result<std::result::Result<NoticeProposal, SkippedFile>> {
    let name = file.name.as_str();
    let hash = sha256(&file.bytes);
    if !seen.insert(hash.clone()) {
        return Ok(Err(skipped(name, "repeated", "与本次拖入的另一文件内容相同")));
    }
    let recorded: Option<String> = conn
        .query_row(
            "SELECT a.achievement_no || ' ' || n.title || ' ' || n.issued_on FROM notice n JOIN achievement a ON a.id = n.achievement_id WHERE n.sha256 = ?1",
            [&hash],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(what) = recorded {
        return Ok(Err(skipped(name, "already_recorded", format!("这份通知书已经记录过（{what}）"))));
    }
    let text = match pdf::text(&file.bytes) {
        Ok(t) => t,
        Err(PdfProblem::NotPdf) => return Ok(Err(skipped(name, "not_pdf", "不是 PDF 文件"))),
        Err(PdfProblem::TooLarge) => return Ok(Err(skipped(name, "too_large", "文件超过 20 MB，不是通知书"))),
        Err(PdfProblem::Encrypted) => return Ok(Err(skipped(name, "encrypted", "PDF 有密码保护，无法读取"))),
        Err(PdfProblem::Damaged(why)) => return Ok(Err(skipped(name, "damaged", format!("PDF 已损坏，无法读取：{why}")))),
    };
    let read = match notice::read(&text) {
        Ok(r) => r,
        Err(NotNotice::NoText) => {
            return Ok(Err(skipped(name, "no_text", "PDF 中没有文字（扫描件）：请从专利业务办理系统下载电子版通知书后再导入")))
        }
        Err(NotNotice::NoTitle) => return Ok(Err(skipped(name, "not_a_notice", "没有找到通知书的标题，不是可识别的国家知识产权局通知书"))),
    };
    let Some(application_no) = read.application_no.clone() else {
        return Ok(Err(skipped(name, "no_application_no", format!("{}：没有找到有效的申请号（校验位不符的号码不采用）", read.title))));
    };
    let Some(issued_on) = read.issued_on else {
        return Ok(Err(skipped(name, "no_issue_date", format!("{}（{application_no}）：没有找到发文日", read.title))));
    };
    let patent = conn
        .query_row(
            "SELECT id, achievement_no, title, kind, status, granted_on IS NOT NULL FROM achievement WHERE application_no = ?1",
            [&application_no],
            |r| {
                Ok(NoticePatent {
                    id: r.get(0)?,
                    achievement_no: r.get(1)?,
                    title: r.get(2)?,
                    kind: r.get(3)?,
                    status: r.get(4)?,
                    granted: r.get(5)?,
                })
            },
        )
        .optional()?;
    let Some(patent) = patent else {
        return Ok(Err(skipped(name, "unknown_application_no", format!("{}：申请号 {application_no} 不属于台账中的任何成果", read.title))));
    };
    let delivery = Delivery::Electronic;
    let Some(delivered_on) = rule::delivered_on(issued_on, delivery) else {
        return Ok(Err(skipped(name, "no_issue_date", "发文日超出可计算的范围")));
    };
    let effect = read.kind.effect();
    let deadline = effect.starts.map(|kind| {
        let period = read.period.or_else(|| read.kind.default_period(patent.kind, read.first_action));
        ProposedDeadline {
            kind,
            period,
            period_stated: read.period.is_some(),
            due_on: period.and_then(|p| rule::period_end(delivered_on, p, &|d| calendar.is_day_off(d))),
            basis: kind.basis().to_string(),
        }
    });
    Ok(Ok(NoticeProposal {
        file: name.to_string(),
        sha256: hash,
        title: read.title,
        kind: read.kind,
        application_no,
        status_after: read.kind.status_after(patent.granted).filter(|s| *s != patent.status),
        ends: open_kinds(conn, patent.id, effect.ends)?,
        patent,
        issued_on,
        delivery,
        delivered_on,
        deadline,
    }))
}

/// The kinds among `kinds` with an open stored deadline of the patent, or (the examination
/// request) one that follows from its dates.
fn open_kinds(conn: &Connection, achievement_id: i64, kinds: &[PatentDeadlineKind]) -> Result<Vec<PatentDeadlineKind>> {
    if kinds.is_empty() {
        return Ok(Vec::new());
    }
    let query = super::deadline::PatentDeadlineQuery { achievement_id: Some(achievement_id), ..Default::default() };
    let open = super::deadline::list_in(conn, &query, NaiveDate::MIN)?;
    Ok(kinds.iter().copied().filter(|k| open.iter().any(|d| d.kind == *k && d.done_on.is_none())).collect())
}

/// A proposal as the person confirmed or corrected it.
#[derive(Clone, Debug, Deserialize, TS)]
pub struct NoticeConfirmation {
    /// The file, by its SHA-256 (from the proposal).
    pub sha256: String,
    /// The patent (the proposal's, or another the person chose).
    #[ts(type = "number")]
    pub achievement_id: i64,
    /// The kind.
    pub kind: NoticeKind,
    /// 发文日.
    pub issued_on: NaiveDate,
    /// How it reached the office.
    pub delivery: Delivery,
    /// The period (null: the law's, or none).
    pub period: Option<Period>,
    /// The status to record (null: unchanged).
    pub status_after: Option<AchievementStatus>,
    /// A last day other than the computed one (with `reason`), or the day of a period only the
    /// notice could state.
    pub due_on: Option<NaiveDate>,
    /// Why `due_on` differs from the computed day.
    pub reason: Option<String>,
}

impl NoticeProposal {
    /// The proposal confirmed as it stands, delivered as `delivery` (its day counted anew when
    /// that differs from the proposal's).
    pub fn as_proposed(&self, delivery: Delivery) -> NoticeConfirmation {
        NoticeConfirmation {
            sha256: self.sha256.clone(),
            achievement_id: self.patent.id,
            kind: self.kind,
            issued_on: self.issued_on,
            delivery,
            period: self.deadline.as_ref().and_then(|d| d.period),
            status_after: self.status_after,
            due_on: None,
            reason: None,
        }
    }
}

/// A notice recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct RecordedNotice {
    /// Row id.
    #[ts(type = "number")]
    pub id: i64,
    /// 成果编号.
    pub achievement_no: String,
    /// Its kind.
    pub kind: NoticeKind,
    /// 发文日.
    pub issued_on: NaiveDate,
    /// The deadline it started, with its last day.
    pub deadline: Option<(PatentDeadlineKind, NaiveDate)>,
    /// The status recorded (null: unchanged).
    pub status_after: Option<AchievementStatus>,
    /// The deadlines it marked done.
    pub ended: Vec<PatentDeadlineKind>,
}

/// Records the confirmed notices, all or nothing: each notice with its file (an attachment of the
/// patent), the status it sets, the deadline it starts and the deadlines it answers; audited.
/// `files` are the dropped files again (read anew: a file changed since the proposal no longer
/// has the hash confirmed, and is refused).
pub fn confirm(
    store: &mut Store,
    actor: &Actor,
    files: &[DroppedFile],
    confirmations: &[NoticeConfirmation],
) -> Result<Vec<RecordedNotice>> {
    let mut problems = Vec::new();
    if confirmations.is_empty() {
        problems.push(Problem::field("confirmations", "", ProblemKind::TooFew(1)));
    }
    let mut seen = HashSet::new();
    for c in confirmations {
        if !seen.insert(c.sha256.as_str()) {
            problems.push(Problem::field("sha256", &c.sha256, ProblemKind::RepeatedEntry(c.sha256.clone())));
        }
        if c.period.is_some_and(|p| !p.is_plausible()) {
            problems.push(Problem::field("period", format!("{:?}", c.period), ProblemKind::Integer(1, 366)));
        }
        if let Some(reason) = c.reason.as_deref().filter(|r| r.chars().count() > 500) {
            problems.push(Problem::field("reason", reason, ProblemKind::TooLong(500)));
        }
        if let Err(e) = crate::date::check_range(c.issued_on) {
            problems.push(Problem::field("issued_on", c.issued_on.to_string(), ProblemKind::Date(e)));
        }
        if c.issued_on > actor.at.date() {
            problems.push(Problem::field("issued_on", c.issued_on.to_string(), ProblemKind::InFuture));
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let dir = attachment::folder(store);
    let tx = store.write()?;
    let calendar = Calendar::load_in(&tx)?;
    let mut out = Vec::new();
    for c in confirmations {
        let file = files
            .iter()
            .find(|f| sha256(&f.bytes) == c.sha256)
            .ok_or_else(|| Error::Refused { code: "notice_file_changed", detail: c.sha256.clone() })?;
        out.push(record(&tx, actor, &calendar, &dir, file, c)?);
    }
    tx.commit()?;
    Ok(out)
}

fn record(
    conn: &Connection,
    actor: &Actor,
    calendar: &Calendar,
    dir: &Path,
    file: &DroppedFile,
    c: &NoticeConfirmation,
) -> Result<RecordedNotice> {
    let (achievement_no, status, granted, kind): (String, AchievementStatus, bool, AchievementKind) = conn
        .query_row("SELECT achievement_no, status, granted_on IS NOT NULL, kind FROM achievement WHERE id = ?1", [c.achievement_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "achievement", key: c.achievement_id.to_string() })?;
    if !matches!(kind, AchievementKind::InventionPatent | AchievementKind::UtilityModel | AchievementKind::DesignPatent) {
        return Err(Error::Refused { code: "notice_not_patent", detail: achievement_no });
    }
    let recorded: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM notice WHERE sha256 = ?1)", [&c.sha256], |r| r.get(0))?;
    if recorded {
        return Err(Error::Refused { code: "notice_recorded", detail: file.name.clone() });
    }
    if c.status_after == Some(AchievementStatus::InForce) && !granted {
        return Err(Error::Invalid(vec![Problem::field(
            "status_after",
            AchievementStatus::InForce.zh(),
            ProblemKind::RequiredFor("授权日".into()),
        )]));
    }
    let delivered_on = rule::delivered_on(c.issued_on, c.delivery)
        .ok_or_else(|| Error::Invalid(vec![Problem::field("issued_on", c.issued_on.to_string(), ProblemKind::InFuture)]))?;
    let effect = c.kind.effect();
    // The deadline: the rule's day from the period, unless the person gave another with a reason.
    let deadline = match effect.starts {
        Some(deadline_kind) => {
            let period = c.period.or_else(|| c.kind.default_period(kind, false));
            let statutory = period.and_then(|p| rule::period_end(delivered_on, p, &|d| calendar.is_day_off(d)));
            let reason = c.reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
            let due = match (c.due_on, statutory) {
                (Some(due), Some(s)) if due != s && reason.is_none() => {
                    return Err(Error::Invalid(vec![Problem::field("reason", "", ProblemKind::Required)]));
                }
                (Some(due), _) => due,
                (None, Some(s)) => s,
                (None, None) => return Err(Error::Invalid(vec![Problem::field("due_on", "", ProblemKind::Required)])),
            };
            Some((deadline_kind, statutory, due, reason.filter(|_| statutory != Some(due)).map(str::to_string)))
        }
        None => None,
    };
    let kept = attachment::kept(dir.to_path_buf(), &file.name, file.bytes.clone());
    let attached = attachment::insert(conn, actor, "achievement", c.achievement_id, &kept)?;
    let (months, days) = match c.period {
        Some(Period::Months(n)) => (Some(n), None),
        Some(Period::Days(n)) => (None, Some(n)),
        None => (None, None),
    };
    let status_after = c.status_after.filter(|s| *s != status);
    let title = c.kind.zh();
    conn.execute(
        "INSERT INTO notice (achievement_id, kind, title, issued_on, delivery, delivered_on, period_months, period_days, sha256,
                             attachment_id, status_before, status_after, recorded_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            c.achievement_id,
            c.kind,
            title,
            c.issued_on,
            c.delivery,
            delivered_on,
            months,
            days,
            c.sha256,
            attached.id,
            status_after.map(|_| status),
            status_after,
            actor.at.date()
        ],
    )?;
    let id = conn.last_insert_rowid();
    let mut journal = Journal::start(conn, actor)?;
    let json = serde_json::json!({
        "achievement_no": achievement_no, "kind": c.kind, "issued_on": c.issued_on, "delivery": c.delivery,
        "delivered_on": delivered_on, "sha256": c.sha256, "file": file.name,
    });
    journal.record(conn, Action::Insert, "notice", &id.to_string(), None, Some(&json))?;
    if let Some(after) = status_after {
        conn.execute("UPDATE achievement SET status = ?2, version = version + 1 WHERE id = ?1", params![c.achievement_id, after])?;
        let before = serde_json::json!({"status": status});
        let after_json = serde_json::json!({"status": after, "notice": id});
        journal.record(conn, Action::Update, "achievement", &achievement_no, Some(&before), Some(&after_json))?;
    }
    if let Some((deadline_kind, statutory, due, reason)) = &deadline {
        conn.execute(
            "INSERT INTO deadline (achievement_id, kind, notice_id, statutory_on, due_on, edit_reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![c.achievement_id, deadline_kind, id, statutory, due, reason],
        )?;
        let deadline_id = conn.last_insert_rowid();
        let json = serde_json::json!({"achievement_no": achievement_no, "kind": deadline_kind, "notice": id, "statutory_on": statutory, "due_on": due, "edit_reason": reason});
        journal.record(conn, Action::Insert, "deadline", &deadline_id.to_string(), None, Some(&json))?;
    }
    let ended = end_deadlines(conn, actor, c.achievement_id, effect.ends, c.issued_on, title)?;
    Ok(RecordedNotice {
        id,
        achievement_no,
        kind: c.kind,
        issued_on: c.issued_on,
        deadline: deadline.map(|(k, _, due, _)| (k, due)),
        status_after,
        ended,
    })
}

/// Marks done, as of the notice's issue day, the open deadlines of `kinds` the notice answers
/// (a grant answers the office action; an examination notice the request).
fn end_deadlines(
    conn: &Connection,
    actor: &Actor,
    achievement_id: i64,
    kinds: &[PatentDeadlineKind],
    on: NaiveDate,
    title: &str,
) -> Result<Vec<PatentDeadlineKind>> {
    let mut ended = Vec::new();
    for kind in open_kinds(conn, achievement_id, kinds)? {
        let key = super::deadline::DeadlineKey { id: None, achievement_id, kind, version: 0 };
        let stored: Option<(i64, i64)> = conn
            .query_row(
                "SELECT id, version FROM deadline WHERE achievement_id = ?1 AND kind = ?2 AND done_on IS NULL ORDER BY due_on DESC LIMIT 1",
                params![achievement_id, kind],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let key = match stored {
            Some((id, version)) => super::deadline::DeadlineKey { id: Some(id), version, ..key },
            None => key,
        };
        super::deadline::mark_done(conn, actor, &key, on, Some(&format!("收到{title}")))?;
        ended.push(kind);
    }
    Ok(ended)
}

/// A notice recorded against a patent, as its page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct NoticeRecord {
    /// Row id.
    #[ts(type = "number")]
    pub id: i64,
    /// Its kind.
    pub kind: NoticeKind,
    /// 发文日.
    pub issued_on: NaiveDate,
    /// How it reached the office.
    pub delivery: Delivery,
    /// The day it counts as received.
    pub delivered_on: NaiveDate,
    /// The period counted.
    pub period: Option<Period>,
    /// The file (an attachment of the patent).
    #[ts(type = "number | null")]
    pub attachment_id: Option<i64>,
    /// The status it set (null: none).
    pub status_after: Option<AchievementStatus>,
    /// When it was recorded.
    pub recorded_on: NaiveDate,
}

/// The notices recorded against a patent, newest first.
pub fn recorded(store: &Store, achievement_id: i64) -> Result<Vec<NoticeRecord>> {
    let mut stmt = store.conn().prepare_cached(
        "SELECT id, kind, issued_on, delivery, delivered_on, period_months, period_days, attachment_id, status_after, recorded_on
           FROM notice WHERE achievement_id = ?1 ORDER BY issued_on DESC, id DESC",
    )?;
    let rows = stmt.query_map([achievement_id], |r| {
        let period = match (r.get::<_, Option<u32>>(5)?, r.get::<_, Option<u32>>(6)?) {
            (Some(m), _) => Some(Period::Months(m)),
            (None, Some(d)) => Some(Period::Days(d)),
            (None, None) => None,
        };
        Ok(NoticeRecord {
            id: r.get(0)?,
            kind: r.get(1)?,
            issued_on: r.get(2)?,
            delivery: r.get(3)?,
            delivered_on: r.get(4)?,
            period,
            attachment_id: r.get(7)?,
            status_after: r.get(8)?,
            recorded_on: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
