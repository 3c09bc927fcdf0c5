//! 期限: every statutory deadline of the patents in prosecution — those a notice starts (kept in
//! `deadline`) and those that follow from a patent's dates (the examination request, the expiry),
//! computed here unless a person edited one or marked it done. The list, its filters, an edit
//! with a reason, "done", and the missed ones for `check` (docs/rules/prosecution.md).

use super::rule::{self, Delivery};
use crate::calendar::Calendar;
use crate::error::{Error, Result};
use crate::model::{AchievementKind, AchievementStatus};
use crate::problem::{Problem, ProblemKind};
use crate::store::audit::{Action, Journal};
use crate::store::{Actor, Store};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

crate::model::vocabulary!(
    /// What must be done by a deadline.
    PatentDeadlineKind {
        /// 答复审查意见通知书.
        OfficeAction = "office_action" / "答复审查意见",
        /// 补正.
        Correction = "correction" / "补正",
        /// 提出实质审查请求 (inventions).
        ExaminationRequest = "examination_request" / "提出实质审查请求",
        /// 办理登记手续 after the notice to grant.
        Registration = "registration" / "办理登记手续",
        /// 请求复审 after a rejection.
        Reexamination = "reexamination" / "请求复审",
        /// 请求恢复权利 after a loss of rights.
        Restoration = "restoration" / "请求恢复权利",
        /// 缴纳费用 as a payment notice asks.
        Payment = "payment" / "缴纳费用",
        /// 专利权期限届满: the last day of protection.
        Expiry = "expiry" / "保护期限届满",
    }
);

impl PatentDeadlineKind {
    /// The rule a deadline of this kind follows, as the list cites it.
    pub fn basis(self) -> &'static str {
        match self {
            PatentDeadlineKind::OfficeAction => "专利法第三十七条；期限以通知书指定为准（实施细则第四条、第五条）",
            PatentDeadlineKind::Correction => "专利法实施细则；期限以通知书指定为准（实施细则第四条、第五条）",
            PatentDeadlineKind::ExaminationRequest => "专利法第三十五条：自申请日（有优先权的，自优先权日）起三年内",
            PatentDeadlineKind::Registration => "专利法实施细则第六十条：自收到通知之日起两个月内",
            PatentDeadlineKind::Reexamination => "专利法第四十一条：自收到驳回决定之日起三个月内",
            PatentDeadlineKind::Restoration => "专利法实施细则第六条：自收到通知之日起两个月内",
            PatentDeadlineKind::Payment => "期限以缴费通知书指定为准（实施细则第四条、第五条）",
            PatentDeadlineKind::Expiry => "专利法第四十二条：自申请日起计算的保护期限的最后一日",
        }
    }
}

crate::model::vocabulary!(
    /// Where a deadline stands on the day asked.
    DeadlineState {
        /// To be done, the day not passed.
        Open = "open" / "未到期",
        /// Recorded as done.
        Done = "done" / "已办理",
        /// The day passed and nothing recorded: a finding of `check`.
        Missed = "missed" / "已逾期",
        /// The term ended (an expiry past).
        Ended = "ended" / "已届满",
    }
);

/// The notice a deadline comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct NoticeRef {
    /// Row id.
    #[ts(type = "number")]
    pub id: i64,
    /// Its title.
    pub title: String,
    /// 发文日.
    pub issued_on: NaiveDate,
    /// How it reached the office.
    pub delivery: Delivery,
    /// The day it counts as received.
    pub delivered_on: NaiveDate,
}

/// One deadline of one patent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct PatentDeadline {
    /// The stored row; null for one that follows from the patent's dates and was never edited.
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    /// The patent.
    #[ts(type = "number")]
    pub achievement_id: i64,
    /// 成果编号.
    pub achievement_no: String,
    /// 名称.
    pub title: String,
    /// 申请号.
    pub application_no: Option<String>,
    /// 学院.
    pub department: String,
    /// The patent's status.
    pub status: AchievementStatus,
    /// What is to be done.
    pub kind: PatentDeadlineKind,
    /// What the rules give (null for one a person entered without a rule, e.g. a payment notice's
    /// unstated period).
    pub statutory_on: Option<NaiveDate>,
    /// The day the office works to.
    pub due_on: NaiveDate,
    /// Why `due_on` differs from `statutory_on`.
    pub edit_reason: Option<String>,
    /// Done on.
    pub done_on: Option<NaiveDate>,
    /// What was done.
    pub done_note: Option<String>,
    /// Days from the day asked to `due_on` (negative: passed).
    #[ts(type = "number")]
    pub days_left: i64,
    /// Where it stands.
    pub state: DeadlineState,
    /// The rule it follows.
    pub basis: String,
    /// The notice that started it.
    pub notice: Option<NoticeRef>,
    /// The row's version (0 for a computed one).
    #[ts(type = "number")]
    pub version: i64,
}

/// What the deadlines list asks for.
#[derive(Clone, Debug, Default, Deserialize, TS)]
#[serde(default)]
pub struct PatentDeadlineQuery {
    /// One kind only.
    pub kind: Option<PatentDeadlineKind>,
    /// One 学院 only (its name).
    pub department: Option<String>,
    /// Due within this many days of the day asked (passed ones included); null: any.
    #[ts(type = "number | null")]
    pub within_days: Option<i64>,
    /// Done ones too.
    pub include_done: bool,
    /// One patent only.
    #[ts(type = "number | null")]
    pub achievement_id: Option<i64>,
}

/// A patent as the deadlines need it.
struct Patent {
    id: i64,
    achievement_no: String,
    title: String,
    application_no: Option<String>,
    department: String,
    kind: AchievementKind,
    status: AchievementStatus,
    filed_on: Option<NaiveDate>,
    granted_on: Option<NaiveDate>,
    priority_on: Option<NaiveDate>,
}

const PATENT_COLUMNS: &str =
    "a.id, a.achievement_no, a.title, a.application_no, d.name, a.kind, a.status, a.filed_on, a.granted_on, a.priority_on";

fn patent_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Patent> {
    Ok(Patent {
        id: r.get(0)?,
        achievement_no: r.get(1)?,
        title: r.get(2)?,
        application_no: r.get(3)?,
        department: r.get(4)?,
        kind: r.get(5)?,
        status: r.get(6)?,
        filed_on: r.get(7)?,
        granted_on: r.get(8)?,
        priority_on: r.get(9)?,
    })
}

/// The deadlines under `query` on `on`, soonest first (done ones last).
pub fn list(store: &Store, query: &PatentDeadlineQuery, on: NaiveDate) -> Result<Vec<PatentDeadline>> {
    list_in(store.conn(), query, on)
}

pub(crate) fn list_in(conn: &Connection, query: &PatentDeadlineQuery, on: NaiveDate) -> Result<Vec<PatentDeadline>> {
    let calendar = Calendar::load_in(conn)?;
    let off = |day| calendar.is_day_off(day);
    let mut out = Vec::new();
    let mut stored_kinds = std::collections::HashSet::new();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PATENT_COLUMNS}, l.id, l.kind, l.statutory_on, l.due_on, l.edit_reason, l.done_on, l.done_note, l.version,
                n.id, n.title, n.issued_on, n.delivery, n.delivered_on
           FROM deadline l JOIN achievement a ON a.id = l.achievement_id JOIN department d ON d.id = a.department_id
           LEFT JOIN notice n ON n.id = l.notice_id
          WHERE (?1 IS NULL OR a.id = ?1)"
    ))?;
    let mut rows = stmt.query(params![query.achievement_id])?;
    while let Some(r) = rows.next()? {
        let patent = patent_from_row(r)?;
        let kind: PatentDeadlineKind = r.get(11)?;
        stored_kinds.insert((patent.id, kind));
        let notice = match r.get::<_, Option<i64>>(18)? {
            Some(id) => Some(NoticeRef { id, title: r.get(19)?, issued_on: r.get(20)?, delivery: r.get(21)?, delivered_on: r.get(22)? }),
            None => None,
        };
        out.push(deadline(
            &patent,
            kind,
            Stored {
                id: r.get(10)?,
                statutory_on: r.get(12)?,
                due_on: r.get(13)?,
                edit_reason: r.get(14)?,
                done_on: r.get(15)?,
                done_note: r.get(16)?,
                version: r.get(17)?,
                notice,
            },
            on,
        ));
    }
    let keeps = |d: &PatentDeadline| {
        query.kind.is_none_or(|k| d.kind == k)
            && query.department.as_deref().is_none_or(|dep| d.department == dep)
            && (query.include_done || d.state != DeadlineState::Done)
            && query.within_days.is_none_or(|n| d.days_left <= n && d.state != DeadlineState::Ended)
    };
    out.retain(|d| keeps(d));
    // The ones that follow from the dates, where no row speaks for them. A large portfolio has
    // tens of thousands of patents pending or in force and a dashboard wants a few weeks of them:
    // the dates come from a few short columns first, the patent's names only for those kept.
    let department: Option<i64> = match query.department.as_deref() {
        Some(name) => match conn.query_row("SELECT id FROM department WHERE name = ?1", [name], |r| r.get(0)).optional()? {
            Some(id) => Some(id),
            None => return Ok(sorted(out)),
        },
        None => None,
    };
    let read = |sql: &str, args: &[&dyn rusqlite::ToSql]| -> Result<Vec<Patent>> {
        let mut stmt = conn.prepare_cached(sql)?;
        let rows = stmt.query_map(args, |r| {
            Ok(Patent {
                id: r.get(0)?,
                achievement_no: String::new(),
                title: String::new(),
                application_no: None,
                department: query.department.clone().unwrap_or_default(),
                kind: r.get(1)?,
                status: r.get(2)?,
                filed_on: r.get(3)?,
                granted_on: r.get(4)?,
                priority_on: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let (id, department) = (&query.achievement_id as &dyn rusqlite::ToSql, &department as &dyn rusqlite::ToSql);
    let dates = match query.within_days.and_then(|days| expiry_filings(on, days)) {
        // With a window only two kinds of patent can have a deadline kept: a pending invention
        // (its examination request is kept however late: missed), and one whose expiry falls
        // inside the window — the filing days of those are a few weeks per term, read through
        // the filing-day index. The other 90 % of the portfolio is not read at all.
        Some(filed) => {
            let mut dates =
                read(&format!("SELECT {DATE_COLUMNS} FROM achievement a WHERE {PENDING_INVENTION} AND {ONE_OF}"), &[id, department])?;
            let pending: std::collections::HashSet<i64> = dates.iter().map(|p| p.id).collect();
            let mut args = vec![id, department];
            args.extend(filed.iter().flat_map(|(first, last)| [first as &dyn rusqlite::ToSql, last as &dyn rusqlite::ToSql]));
            let expiring = read(
                &format!(
                    "SELECT {DATE_COLUMNS} FROM achievement a
                      WHERE (a.filed_on BETWEEN ?3 AND ?4 AND +a.kind = 'invention_patent' OR a.filed_on BETWEEN ?5 AND ?6 AND +a.kind = 'utility_model'
                             OR a.filed_on BETWEEN ?7 AND ?8 AND +a.kind = 'design_patent' OR a.filed_on BETWEEN ?9 AND ?10 AND +a.kind = 'design_patent')
                        AND +a.status IN ('pending', 'in_force') AND {ONE_OF}"
                ),
                &args,
            )?;
            dates.extend(expiring.into_iter().filter(|p| !pending.contains(&p.id)));
            dates
        }
        None => read(
            &format!(
                "SELECT {DATE_COLUMNS} FROM achievement a
                  WHERE a.kind IN ('invention_patent', 'utility_model', 'design_patent') AND a.filed_on IS NOT NULL
                    AND a.status IN ('pending', 'in_force') AND {ONE_OF}"
            ),
            &[id, department],
        )?,
    };
    let mut kept: Vec<(i64, PatentDeadlineKind, NaiveDate)> = Vec::new();
    for p in dates {
        for (kind, due) in computed(&p, &off) {
            if !stored_kinds.contains(&(p.id, kind)) && keeps(&deadline(&p, kind, Stored::computed(due), on)) {
                kept.push((p.id, kind, due));
            }
        }
    }
    let ids: Vec<i64> = kept.iter().map(|(id, _, _)| *id).collect();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PATENT_COLUMNS} FROM achievement a JOIN department d ON d.id = a.department_id
          WHERE a.id IN (SELECT value FROM json_each(?1))"
    ))?;
    let patents: std::collections::HashMap<i64, Patent> = stmt
        .query_map([serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into())], patent_from_row)?
        .map(|p| p.map(|p| (p.id, p)))
        .collect::<rusqlite::Result<_>>()?;
    for (id, kind, due) in kept {
        if let Some(p) = patents.get(&id) {
            out.push(deadline(p, kind, Stored::computed(due), on));
        }
    }
    Ok(sorted(out))
}

/// The columns a patent's computed deadlines follow from.
const DATE_COLUMNS: &str = "a.id, a.kind, a.status, a.filed_on, a.granted_on, a.priority_on";

/// An invention not yet granted: its examination request is to be made.
const PENDING_INVENTION: &str = "a.kind = 'invention_patent' AND a.status = 'pending' AND a.granted_on IS NULL AND a.filed_on IS NOT NULL";

/// One patent (?1) and one 学院 (?2), either of them null for all.
const ONE_OF: &str = "(?1 IS NULL OR a.id = ?1) AND (?2 IS NULL OR a.department_id = ?2)";

/// The filing days whose expiry can fall within `days` of `on`, per term: an invention's 20
/// years, a utility model's 10, a design's 15 and (filed before 2021-06-01) 10. The expiry is the
/// day before the filing day's anniversary, and an anniversary of 02-29 moves a day, so each
/// range has two days' margin either side; the rules then decide exactly. None when the window
/// is too wide to give dates: every patent is read.
fn expiry_filings(on: NaiveDate, days: i64) -> Option<[(NaiveDate, NaiveDate); 4]> {
    let range = |years: u32| {
        let back = on.checked_sub_months(chrono::Months::new(years * 12))?;
        Some((back.checked_sub_days(chrono::Days::new(2))?, back.checked_add_signed(chrono::TimeDelta::try_days(days.checked_add(2)?)?)?))
    };
    Some([range(20)?, range(10)?, range(15)?, range(10)?])
}

/// Soonest first, the done ones last.
fn sorted(mut out: Vec<PatentDeadline>) -> Vec<PatentDeadline> {
    out.sort_by(|a, b| {
        (a.state == DeadlineState::Done, a.due_on, &a.achievement_no).cmp(&(b.state == DeadlineState::Done, b.due_on, &b.achievement_no))
    });
    out
}

/// The deadlines that follow from a patent's dates: the examination request of an invention not
/// yet granted, and the last day of a patent's term.
fn computed(p: &Patent, off: crate::fees::rule::DayOff<'_>) -> Vec<(PatentDeadlineKind, NaiveDate)> {
    let Some(filed_on) = p.filed_on else { return Vec::new() };
    let mut out = Vec::new();
    if p.kind == AchievementKind::InventionPatent && p.status == AchievementStatus::Pending && p.granted_on.is_none() {
        if let Some(due) = rule::examination_request_due(filed_on, p.priority_on, off) {
            out.push((PatentDeadlineKind::ExaminationRequest, due));
        }
    }
    if let Some(last) = rule::expiry_on(p.kind, filed_on) {
        out.push((PatentDeadlineKind::Expiry, last));
    }
    out
}

/// A deadline's own columns.
struct Stored {
    id: Option<i64>,
    statutory_on: Option<NaiveDate>,
    due_on: NaiveDate,
    edit_reason: Option<String>,
    done_on: Option<NaiveDate>,
    done_note: Option<String>,
    version: i64,
    notice: Option<NoticeRef>,
}

impl Stored {
    fn computed(due: NaiveDate) -> Stored {
        Stored {
            id: None,
            statutory_on: Some(due),
            due_on: due,
            edit_reason: None,
            done_on: None,
            done_note: None,
            version: 0,
            notice: None,
        }
    }
}

fn deadline(p: &Patent, kind: PatentDeadlineKind, s: Stored, on: NaiveDate) -> PatentDeadline {
    let days_left = (s.due_on - on).num_days();
    let state = match (s.done_on, kind) {
        (Some(_), _) => DeadlineState::Done,
        (None, PatentDeadlineKind::Expiry) if days_left < 0 => DeadlineState::Ended,
        (None, _) if days_left < 0 => DeadlineState::Missed,
        _ => DeadlineState::Open,
    };
    PatentDeadline {
        id: s.id,
        achievement_id: p.id,
        achievement_no: p.achievement_no.clone(),
        title: p.title.clone(),
        application_no: p.application_no.clone(),
        department: p.department.clone(),
        status: p.status,
        kind,
        statutory_on: s.statutory_on,
        due_on: s.due_on,
        edit_reason: s.edit_reason,
        done_on: s.done_on,
        done_note: s.done_note,
        days_left,
        state,
        basis: kind.basis().to_string(),
        notice: s.notice,
        version: s.version,
    }
}

/// Which deadline a change is about: a stored one by id, or one that follows from the patent's
/// dates by patent and kind.
#[derive(Clone, Debug, Deserialize, TS)]
pub struct DeadlineKey {
    /// The stored row (null: a computed one).
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    /// The patent.
    #[ts(type = "number")]
    pub achievement_id: i64,
    /// Its kind.
    pub kind: PatentDeadlineKind,
    /// The version the person saw (0 for a computed one).
    #[ts(type = "number")]
    pub version: i64,
}

/// A deadline moved by a person: the new day and why (an extension granted, a priority the
/// records lacked, a delivery proven later than presumed).
#[derive(Clone, Debug, Deserialize, TS)]
pub struct DeadlineEdit {
    /// Which one.
    pub key: DeadlineKey,
    /// The day the office now works to.
    pub due_on: NaiveDate,
    /// Why (required unless the day is the statutory one).
    pub reason: Option<String>,
}

/// A deadline recorded as done.
#[derive(Clone, Debug, Deserialize, TS)]
pub struct DeadlineDone {
    /// Which one.
    pub key: DeadlineKey,
    /// When it was done.
    pub done_on: NaiveDate,
    /// What was done (答复已提交, 已请求实审 …).
    pub note: Option<String>,
}

const MAX_TEXT_CHARS: usize = 500;

/// Moves a deadline, with its reason; audited.
pub fn edit(store: &mut Store, actor: &Actor, input: &DeadlineEdit, on: NaiveDate) -> Result<PatentDeadline> {
    let reason = clean(input.reason.as_deref());
    let mut problems = Vec::new();
    text_problem("reason", reason, &mut problems);
    crate::date::check_range(input.due_on)
        .map_err(|e| Error::Invalid(vec![Problem::field("due_on", input.due_on.to_string(), ProblemKind::Date(e))]))?;
    let tx = store.write()?;
    let id = materialize(&tx, actor, &input.key)?;
    let (statutory, due_before): (Option<NaiveDate>, NaiveDate) =
        tx.query_row("SELECT statutory_on, due_on FROM deadline WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    if statutory != Some(input.due_on) && reason.is_none() {
        problems.push(Problem::field("reason", "", ProblemKind::Required));
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let reason = reason.filter(|_| statutory != Some(input.due_on));
    tx.execute(
        "UPDATE deadline SET due_on = ?2, edit_reason = ?3, version = version + 1 WHERE id = ?1",
        params![id, input.due_on, reason],
    )?;
    let before = serde_json::json!({"due_on": due_before});
    let after = serde_json::json!({"due_on": input.due_on, "edit_reason": reason});
    Journal::start(&tx, actor)?.record(&tx, Action::Update, "deadline", &id.to_string(), Some(&before), Some(&after))?;
    let out = one(&tx, id, on)?;
    tx.commit()?;
    Ok(out)
}

/// Records a deadline as done; audited.
pub fn complete(store: &mut Store, actor: &Actor, input: &DeadlineDone, on: NaiveDate) -> Result<PatentDeadline> {
    let note = clean(input.note.as_deref());
    let mut problems = Vec::new();
    text_problem("note", note, &mut problems);
    if input.done_on > on {
        problems.push(Problem::field("done_on", input.done_on.to_string(), ProblemKind::InFuture));
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let tx = store.write()?;
    let id = mark_done(&tx, actor, &input.key, input.done_on, note)?;
    let out = one(&tx, id, on)?;
    tx.commit()?;
    Ok(out)
}

/// Marks a deadline done inside the caller's transaction (a notice that answers it does too).
pub(crate) fn mark_done(conn: &Connection, actor: &Actor, key: &DeadlineKey, done_on: NaiveDate, note: Option<&str>) -> Result<i64> {
    let id = materialize(conn, actor, key)?;
    conn.execute("UPDATE deadline SET done_on = ?2, done_note = ?3, version = version + 1 WHERE id = ?1", params![id, done_on, note])?;
    let after = serde_json::json!({"done_on": done_on, "done_note": note});
    Journal::start(conn, actor)?.record(conn, Action::Update, "deadline", &id.to_string(), None, Some(&after))?;
    Ok(id)
}

fn clean(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

fn text_problem(field: &str, text: Option<&str>, problems: &mut Vec<Problem>) {
    if let Some(t) = text {
        if t.chars().count() > MAX_TEXT_CHARS {
            problems.push(Problem::field(field, t, ProblemKind::TooLong(MAX_TEXT_CHARS)));
        }
    }
}

/// The stored row a change is about: the one named (at the version the person saw), or, for a
/// computed deadline, a row made now from what the rules give (unless one exists already:
/// someone else stored it meanwhile, and the person's view is stale).
fn materialize(conn: &Connection, actor: &Actor, key: &DeadlineKey) -> Result<i64> {
    let stale = || Error::Refused { code: "deadline_changed", detail: format!("{} {}", key.achievement_id, key.kind.key()) };
    if let Some(id) = key.id {
        let version: Option<i64> = conn
            .query_row("SELECT version FROM deadline WHERE id = ?1 AND achievement_id = ?2", params![id, key.achievement_id], |r| r.get(0))
            .optional()?;
        return match version {
            None => Err(Error::NotFound { what: "deadline", key: id.to_string() }),
            Some(v) if v != key.version => Err(stale()),
            Some(_) => Ok(id),
        };
    }
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM deadline WHERE achievement_id = ?1 AND kind = ?2)",
        params![key.achievement_id, key.kind],
        |r| r.get(0),
    )?;
    if exists {
        return Err(stale());
    }
    let patent = conn
        .query_row(
            &format!("SELECT {PATENT_COLUMNS} FROM achievement a JOIN department d ON d.id = a.department_id WHERE a.id = ?1"),
            [key.achievement_id],
            patent_from_row,
        )
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "achievement", key: key.achievement_id.to_string() })?;
    let calendar = Calendar::load_in(conn)?;
    let due = computed(&patent, &|day| calendar.is_day_off(day))
        .into_iter()
        .find(|(kind, _)| *kind == key.kind)
        .map(|(_, due)| due)
        .ok_or(Error::Refused { code: "deadline_not_applicable", detail: format!("{} {}", patent.achievement_no, key.kind.zh()) })?;
    conn.execute(
        "INSERT INTO deadline (achievement_id, kind, statutory_on, due_on) VALUES (?1, ?2, ?3, ?3)",
        params![patent.id, key.kind, due],
    )?;
    let id = conn.last_insert_rowid();
    let after = serde_json::json!({"achievement_no": patent.achievement_no, "kind": key.kind, "statutory_on": due, "due_on": due});
    Journal::start(conn, actor)?.record(conn, Action::Insert, "deadline", &id.to_string(), None, Some(&after))?;
    Ok(id)
}

fn one(conn: &Connection, id: i64, on: NaiveDate) -> Result<PatentDeadline> {
    let achievement_id: i64 = conn.query_row("SELECT achievement_id FROM deadline WHERE id = ?1", [id], |r| r.get(0))?;
    let query = PatentDeadlineQuery { achievement_id: Some(achievement_id), include_done: true, ..Default::default() };
    list_in(conn, &query, on)?.into_iter().find(|d| d.id == Some(id)).ok_or(Error::NotFound { what: "deadline", key: id.to_string() })
}

/// The patents with a deadline passed on `on` and nothing recorded (`check`'s `deadline_missed`),
/// by achievement number.
pub fn missed(store: &Store, on: NaiveDate) -> Result<Vec<String>> {
    let mut keys: Vec<String> = list(store, &PatentDeadlineQuery::default(), on)?
        .into_iter()
        .filter(|d| d.state == DeadlineState::Missed)
        .map(|d| d.achievement_no)
        .collect();
    keys.sort();
    keys.dedup();
    Ok(keys)
}

/// The patents recorded in force whose term has ended on `on` (`check`'s `term_ended_in_force`).
pub fn term_ended(store: &Store, on: NaiveDate) -> Result<Vec<String>> {
    let mut keys: Vec<String> = list(store, &PatentDeadlineQuery { kind: Some(PatentDeadlineKind::Expiry), ..Default::default() }, on)?
        .into_iter()
        .filter(|d| d.state == DeadlineState::Ended && d.status == AchievementStatus::InForce)
        .map(|d| d.achievement_no)
        .collect();
    keys.sort();
    keys.dedup();
    Ok(keys)
}

/// Records (or clears) the priority date a patent's application claims, from which its
/// examination request counts; audited. A priority is earlier than the filing and at most twelve
/// months before it (six for a design: 专利法 第二十九条).
pub fn set_priority(store: &mut Store, actor: &Actor, achievement_id: i64, priority_on: Option<NaiveDate>) -> Result<()> {
    let tx = store.write()?;
    let (no, kind, filed_on, before): (String, AchievementKind, Option<NaiveDate>, Option<NaiveDate>) = tx
        .query_row("SELECT achievement_no, kind, filed_on, priority_on FROM achievement WHERE id = ?1", [achievement_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "achievement", key: achievement_id.to_string() })?;
    if let (Some(priority), Some(filed)) = (priority_on, filed_on) {
        let months = if kind == AchievementKind::DesignPatent { 6 } else { 12 };
        let earliest = filed.checked_sub_months(chrono::Months::new(months)).unwrap_or(NaiveDate::MIN);
        let problem = if priority >= filed {
            Some(ProblemKind::DateAfter(format!("申请日（{filed}）")))
        } else if priority < earliest {
            Some(ProblemKind::DateOrder(format!("申请日前 {months} 个月（{earliest}）")))
        } else {
            None
        };
        if let Some(kind) = problem {
            return Err(Error::Invalid(vec![Problem::field("priority_on", priority.to_string(), kind)]));
        }
    }
    if filed_on.is_none() && priority_on.is_some() {
        return Err(Error::Invalid(vec![Problem::field("priority_on", "", ProblemKind::RequiredFor("申请日".into()))]));
    }
    tx.execute("UPDATE achievement SET priority_on = ?2, version = version + 1 WHERE id = ?1", params![achievement_id, priority_on])?;
    let (b, a) = (serde_json::json!({"priority_on": before}), serde_json::json!({"priority_on": priority_on}));
    Journal::start(&tx, actor)?.record(&tx, Action::Update, "achievement", &no, Some(&b), Some(&a))?;
    tx.commit()?;
    Ok(())
}
