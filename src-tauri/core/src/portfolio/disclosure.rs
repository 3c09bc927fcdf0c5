//! Invention disclosures (职务科技成果披露): intake with the inventors and their shares, the
//! pre-filing assessments ([`super::assessment`]), the decision, and conversion into one or
//! more achievements with the link kept both ways (`disclosure_achievement`; the prefilled
//! form is [`super::register::conversion_form`]).
//!
//! A disclosure's status is never stored; it follows from its records: dropped (decided to drop),
//! converted (decided, with an achievement), decided, assessed (an assessment, no decision),
//! received.

use crate::error::{Error, Result};
use crate::model::{AchievementKind, AchievementStatus, DisclosureDecision, DisclosureStatus, FundingSource};
use crate::notification::{notify, notify_people, NotificationKind, To};
use crate::portfolio::achievement::{inventor_list_problem, unknown_inventors, Inventor};
use crate::portfolio::assessment::{self, Assessment};
use crate::portfolio::ledger::InventorLine;
use crate::problem::form_text;
use crate::problem::{Problem, ProblemKind};
use crate::store::audit::{Action, Journal};
use crate::store::version;
use crate::store::{Actor, Store};
use chrono::{Datelike, NaiveDate};
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Days a disclosure may wait for its decision before the list flags it. Inventors publish:
/// a paper, a thesis or a talk before the filing destroys novelty (专利法 Art. 22), and the
/// 6-month grace of Art. 24 covers only a few kinds of disclosure (an official exhibition, a
/// prescribed academic meeting, a leak). Deciding within 60 days leaves time to draft and file
/// before a typical publication, inside that half year.
pub const DECISION_DAYS: i64 = 60;

/// The intake form of a disclosure (as typed, and as saved).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Disclosure {
    /// `None` to create.
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    /// The version the form was loaded at (0 for a new disclosure): a save (or a decision) is
    /// refused (`edit_conflict`) once someone else changed the disclosure (store::version).
    #[serde(default)]
    #[ts(type = "number")]
    pub version: i64,
    /// 披露编号, unique; [`next_number`] suggests `PL2026-001`.
    pub disclosure_no: String,
    /// 成果名称.
    pub title: String,
    /// 所属单位 (学院): an existing name or a new one.
    pub department: String,
    /// 经费来源.
    pub funding_source: FundingSource,
    /// 财政资助项目: required when the funding is fiscal, empty otherwise.
    pub fiscal_project: Option<String>,
    /// 技术内容 (what was made, what it solves).
    pub description: String,
    /// 现有技术 known to the inventors.
    pub prior_art: Option<String>,
    /// 拟保护方式.
    pub intended_protection: AchievementKind,
    /// 需要保密.
    pub confidential: bool,
    /// 受理日期: not after today.
    pub received_on: NaiveDate,
    /// 完成人 with shares summing to exactly 10000.
    pub inventors: Vec<Inventor>,
}

/// 处理决定.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Decision {
    /// What is done with the disclosure.
    pub decision: DisclosureDecision,
    /// 决定日期: not before the receipt, not after today.
    pub decided_on: NaiveDate,
    /// 说明.
    pub note: Option<String>,
}

/// An achievement that came from a disclosure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct AchievementRef {
    /// Record id.
    #[ts(type = "number")]
    pub id: i64,
    /// 成果编号.
    pub achievement_no: String,
    /// 成果名称.
    pub title: String,
    /// 成果类型.
    pub kind: AchievementKind,
    /// 法律状态.
    pub status: AchievementStatus,
}

/// Everything on a disclosure's page.
#[derive(Clone, Debug, Serialize, TS)]
pub struct DisclosureDetail {
    /// The intake as saved (the edit form starts from it).
    pub disclosure: Disclosure,
    /// The inventors with names and departments.
    pub inventors: Vec<InventorLine>,
    /// Where it stands.
    pub status: DisclosureStatus,
    /// The decision, once taken.
    pub decision: Option<Decision>,
    /// Days from receipt to the decision (or to today while undecided).
    #[ts(type = "number")]
    pub age_days: i64,
    /// Undecided for more than [`DECISION_DAYS`].
    pub overdue: bool,
    /// Pre-filing assessments, oldest first.
    pub assessments: Vec<Assessment>,
    /// The achievements it became.
    pub achievements: Vec<AchievementRef>,
    /// Who wrote it on the inventors' side (none: the office entered it).
    pub author: Option<String>,
    /// Whether it is with the office or sent back to its author.
    pub stage: DisclosureStage,
    /// The office's note when it sent it back.
    pub returned_note: Option<String>,
    /// Whether the inventors see the assessments' scores.
    pub scores_published: bool,
}

crate::model::vocabulary!(
    /// Where a disclosure stands between its author and the office.
    DisclosureStage {
        /// In the office's intake.
        Submitted = "submitted" / "已提交",
        /// Sent back to its author with a note.
        Returned = "returned" / "已退回",
    }
);

/// Filters of the disclosure list (all optional).
#[derive(Clone, Debug, Default, Serialize, Deserialize, TS)]
pub struct DisclosureQuery {
    /// 1-based page.
    pub page: u32,
    /// Rows per page, at most [`crate::store::search::MAX_PAGE_SIZE`].
    pub page_size: u32,
    /// Only this status.
    pub status: Option<DisclosureStatus>,
    /// Only this department.
    pub department: Option<String>,
    /// Only those received in this year.
    pub year: Option<i32>,
    /// Number or title contains, or an inventor's name contains / employee ID is.
    pub search: Option<String>,
}

/// A line of the disclosure list.
#[derive(Clone, Debug, Serialize, TS)]
pub struct DisclosureRow {
    /// Record id.
    #[ts(type = "number")]
    pub id: i64,
    /// 披露编号.
    pub disclosure_no: String,
    /// 名称.
    pub title: String,
    /// 所属单位.
    pub department: String,
    /// Inventors' names in order, key contributors marked with `*`.
    pub inventors: String,
    /// 受理日期.
    pub received_on: NaiveDate,
    /// 拟保护方式.
    pub intended_protection: AchievementKind,
    /// Where it stands.
    pub status: DisclosureStatus,
    /// 处理决定.
    pub decision: Option<DisclosureDecision>,
    /// 决定日期.
    pub decided_on: Option<NaiveDate>,
    /// Assessments made.
    pub assessments: u32,
    /// Achievements it became.
    pub achievements: u32,
    /// Days from receipt to the decision (or today).
    #[ts(type = "number")]
    pub age_days: i64,
    /// Undecided for more than [`DECISION_DAYS`].
    pub overdue: bool,
    /// Who wrote it on the inventors' side (none: the office entered it).
    pub author: Option<String>,
    /// Whether it is with the office or sent back to its author.
    pub stage: DisclosureStage,
}

/// A page of the list.
#[derive(Clone, Debug, Serialize, TS)]
pub struct DisclosurePage {
    /// Rows matching the filters, over all pages.
    pub total: u32,
    /// This page's rows.
    pub rows: Vec<DisclosureRow>,
}

/// The status as SQL over `d` (a disclosure row): the same order of precedence as the module doc.
const STATUS_SQL: &str = "CASE WHEN d.decision = 'drop' THEN 'dropped'
      WHEN d.decision IS NOT NULL AND EXISTS (SELECT 1 FROM disclosure_achievement x WHERE x.disclosure_id = d.id) THEN 'converted'
      WHEN d.decision IS NOT NULL THEN 'decided'
      WHEN EXISTS (SELECT 1 FROM assessment s WHERE s.disclosure_id = d.id) THEN 'assessed'
      ELSE 'received' END";

/// Whole days from receipt to the decision, or to `?1` (today) while undecided.
const AGE_SQL: &str = "max(0, CAST(julianday(coalesce(d.decided_on, ?1)) - julianday(d.received_on) AS INTEGER))";

/// The next free number of the form `PL{year}-{seq:03}` (after the highest of that year).
pub fn next_number(conn: &Connection, year: i32) -> Result<String> {
    let prefix = format!("PL{year}-");
    let mut stmt = conn.prepare_cached("SELECT disclosure_no FROM disclosure WHERE disclosure_no LIKE ?1 || '%'")?;
    let highest = stmt
        .query_map(params![prefix], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .iter()
        .filter_map(|no| no.strip_prefix(&prefix).and_then(|seq| seq.parse::<u32>().ok()))
        .max()
        .unwrap_or(0);
    Ok(format!("{prefix}{:03}", highest + 1))
}

/// Every problem of an intake form, by field; the cleaned form when there is none.
pub(crate) fn checked(conn: &Connection, d: &Disclosure, today: NaiveDate) -> Result<std::result::Result<Disclosure, Vec<Problem>>> {
    let mut problems = Vec::new();
    let disclosure_no = form_text(&mut problems, "disclosure_no", Some(&d.disclosure_no), true, 40);
    let title = form_text(&mut problems, "title", Some(&d.title), true, 500);
    let department = form_text(&mut problems, "department", Some(&d.department), true, 100);
    let fiscal_project = form_text(&mut problems, "fiscal_project", d.fiscal_project.as_deref(), false, 100);
    let fiscal = d.funding_source == FundingSource::Fiscal;
    match (&fiscal_project, fiscal) {
        (None, true) if problems.iter().all(|p| p.column != "fiscal_project") => {
            problems.push(Problem::field("fiscal_project", "", ProblemKind::RequiredFor(FundingSource::Fiscal.zh().into())))
        }
        (Some(p), false) => {
            problems.push(Problem::field("fiscal_project", p.clone(), ProblemKind::NotAllowedFor(d.funding_source.zh().into())))
        }
        _ => {}
    }
    let description = form_text(&mut problems, "description", Some(&d.description), true, 20_000);
    let prior_art = form_text(&mut problems, "prior_art", d.prior_art.as_deref(), false, 20_000);
    if let Err(e) = crate::date::check_range(d.received_on) {
        problems.push(Problem::field("received_on", crate::date::iso(d.received_on), ProblemKind::Date(e)));
    } else if d.received_on > today {
        problems.push(Problem::field("received_on", crate::date::iso(d.received_on), ProblemKind::InFuture));
    }
    if let Some(id) = d.id {
        // Assessments cannot predate the receipt they assess.
        let first: Option<NaiveDate> =
            conn.query_row("SELECT min(assessed_on) FROM assessment WHERE disclosure_id = ?1", params![id], |r| r.get(0))?;
        if let Some(first) = first.filter(|f| *f < d.received_on) {
            problems.push(Problem::field(
                "received_on",
                crate::date::iso(d.received_on),
                ProblemKind::DateAfter(format!("评估日期 {first}")),
            ));
        }
    }
    problems.extend(inventor_problems(conn, &d.inventors)?);
    if let Some(no) = &disclosure_no {
        let taken: bool =
            conn.query_row("SELECT EXISTS (SELECT 1 FROM disclosure WHERE disclosure_no = ?1 AND id IS NOT ?2)", params![no, d.id], |r| {
                r.get(0)
            })?;
        if taken {
            problems.push(Problem::field("disclosure_no", no.clone(), ProblemKind::DuplicateInDatabase));
        }
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    Ok(Ok(Disclosure {
        id: d.id,
        version: d.version,
        disclosure_no: disclosure_no.unwrap_or_default(),
        title: title.unwrap_or_default(),
        department: department.unwrap_or_default(),
        funding_source: d.funding_source,
        fiscal_project,
        description: description.unwrap_or_default(),
        prior_art,
        intended_protection: d.intended_protection,
        confidential: d.confidential,
        received_on: d.received_on,
        inventors: d.inventors.iter().map(|i| Inventor { employee_id: i.employee_id.trim().to_string(), ..i.clone() }).collect(),
    }))
}

/// The achievement rules for an inventor list (shares sum to 100%, each person once and known),
/// on the field `inventors`.
fn inventor_problems(conn: &Connection, inventors: &[Inventor]) -> Result<Vec<Problem>> {
    if inventors.is_empty() {
        return Ok(vec![Problem::field("inventors", "", ProblemKind::Required)]);
    }
    let text = crate::portfolio::achievement::format_inventors(inventors);
    if let Some(kind) = inventor_list_problem(inventors) {
        return Ok(vec![Problem::field("inventors", text, kind)]);
    }
    Ok(unknown_inventors(conn, inventors)?
        .into_iter()
        .map(|id| Problem::field("inventors", id.clone(), ProblemKind::UnknownReference("person", id)))
        .collect())
}

/// Saves a new disclosure (`id` None) or changes one not yet decided; every problem is reported
/// by field and nothing written otherwise. A change is refused (`edit_conflict`) when the
/// disclosure is no longer at the form's version. Audited; returns the id.
pub fn save(store: &mut Store, actor: &Actor, d: &Disclosure) -> Result<i64> {
    let tx = store.write()?;
    let id = save_in(&tx, actor, d)?;
    tx.commit()?;
    Ok(id)
}

/// [`save`] inside the caller's transaction (an inventor's submission adds its author to it).
pub(crate) fn save_in(tx: &Connection, actor: &Actor, d: &Disclosure) -> Result<i64> {
    let today = actor.at.date();
    let before = d.id.map(|id| load(tx, id)).transpose()?;
    if let Some((b, decision)) = &before {
        if decision.is_some() {
            return Err(Error::Refused { code: "disclosure_decided", detail: b.disclosure_no.clone() });
        }
        let json = |d: &Disclosure| serde_json::to_value(d).unwrap_or_default();
        version::check(tx, &version::DISCLOSURE, b.version, d.version, || version::Stale {
            id: b.id.unwrap_or_default(),
            label: b.disclosure_no.clone(),
            audit_keys: vec![b.disclosure_no.clone(), d.disclosure_no.trim().to_string()],
            submitted: json(d),
            stored: json(b),
        })?;
    }
    let clean = checked(tx, d, today)?.map_err(Error::Invalid)?;
    let department = crate::portfolio::department::ensure(tx, &clean.department)?;
    let values = params![
        clean.disclosure_no,
        clean.title,
        department,
        clean.funding_source,
        clean.fiscal_project,
        clean.description,
        clean.prior_art,
        clean.intended_protection,
        clean.confidential,
        clean.received_on,
    ];
    let id = match d.id {
        Some(id) => {
            tx.execute(
                "UPDATE disclosure SET disclosure_no = ?1, title = ?2, department_id = ?3, funding_source = ?4, fiscal_project = ?5,
                 description = ?6, prior_art = ?7, intended_protection = ?8, confidential = ?9, received_on = ?10,
                 version = version + 1 WHERE id = ?11",
                rusqlite::params_from_iter(values.iter().copied().chain(std::iter::once(&id as &dyn rusqlite::ToSql))),
            )?;
            tx.execute("DELETE FROM disclosure_inventor WHERE disclosure_id = ?1", params![id])?;
            id
        }
        None => {
            tx.execute(
                "INSERT INTO disclosure (disclosure_no, title, department_id, funding_source, fiscal_project, description, prior_art,
                   intended_protection, confidential, received_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                values,
            )?;
            tx.last_insert_rowid()
        }
    };
    let mut link = tx.prepare_cached(
        "INSERT INTO disclosure_inventor (disclosure_id, person_id, position, share_bp, key_contributor)
         SELECT ?1, id, ?3, ?4, ?5 FROM person WHERE employee_id = ?2",
    )?;
    for (position, i) in clean.inventors.iter().enumerate() {
        link.execute(params![id, i.employee_id, position as i64, i.share_bp, i.key_contributor])?;
    }
    drop(link);
    let after = version::unversioned(Disclosure { id: Some(id), ..clean.clone() });
    let before = before.map(|(b, _)| version::unversioned(b));
    let action = if before.is_some() { Action::Update } else { Action::Insert };
    Journal::start(tx, actor)?.record(tx, action, "disclosure", &clean.disclosure_no, before.as_ref(), Some(&after))?;
    Ok(id)
}

/// A disclosure's intake and its decision.
pub(crate) fn load(conn: &Connection, id: i64) -> Result<(Disclosure, Option<Decision>)> {
    let (mut d, decision) = conn
        .query_row(
            "SELECT d.disclosure_no, d.title, p.name, d.funding_source, d.fiscal_project, d.description, d.prior_art,
                    d.intended_protection, d.confidential, d.received_on, d.decision, d.decided_on, d.decision_note, d.version
             FROM disclosure d JOIN department p ON p.id = d.department_id WHERE d.id = ?1",
            params![id],
            |r| {
                let decision: Option<DisclosureDecision> = r.get(10)?;
                let decided_on: Option<NaiveDate> = r.get(11)?;
                let note: Option<String> = r.get(12)?;
                Ok((
                    Disclosure {
                        id: Some(id),
                        version: r.get(13)?,
                        disclosure_no: r.get(0)?,
                        title: r.get(1)?,
                        department: r.get(2)?,
                        funding_source: r.get(3)?,
                        fiscal_project: r.get(4)?,
                        description: r.get(5)?,
                        prior_art: r.get(6)?,
                        intended_protection: r.get(7)?,
                        confidential: r.get(8)?,
                        received_on: r.get(9)?,
                        inventors: Vec::new(),
                    },
                    decision.zip(decided_on).map(|(decision, decided_on)| Decision { decision, decided_on, note }),
                ))
            },
        )
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "disclosure", key: id.to_string() })?;
    let mut stmt = conn.prepare_cached(
        "SELECT p.employee_id, i.share_bp, i.key_contributor FROM disclosure_inventor i JOIN person p ON p.id = i.person_id
         WHERE i.disclosure_id = ?1 ORDER BY i.position",
    )?;
    d.inventors = stmt
        .query_map(params![id], |r| Ok(Inventor { employee_id: r.get(0)?, share_bp: r.get(1)?, key_contributor: r.get(2)? }))?
        .collect::<rusqlite::Result<_>>()?;
    Ok((d, decision))
}

/// The page of one disclosure; `today` ages an undecided one.
pub fn get(conn: &Connection, id: i64, today: NaiveDate) -> Result<DisclosureDetail> {
    let (disclosure, decision) = load(conn, id)?;
    let (status, age_days): (DisclosureStatus, i64) = conn.query_row(
        &format!("SELECT {STATUS_SQL}, {AGE_SQL} FROM disclosure d WHERE d.id = ?2"),
        params![crate::date::iso(today), id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut stmt = conn.prepare_cached(
        "SELECT p.employee_id, p.name, dep.name, i.share_bp, i.key_contributor FROM disclosure_inventor i
         JOIN person p ON p.id = i.person_id JOIN department dep ON dep.id = p.department_id
         WHERE i.disclosure_id = ?1 ORDER BY i.position",
    )?;
    let inventors = stmt
        .query_map(params![id], |r| {
            Ok(InventorLine {
                employee_id: r.get(0)?,
                name: r.get(1)?,
                department: r.get(2)?,
                share_bp: r.get(3)?,
                key_contributor: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.achievement_no, a.title, a.kind, a.status FROM disclosure_achievement x JOIN achievement a ON a.id = x.achievement_id
         WHERE x.disclosure_id = ?1 ORDER BY a.achievement_no",
    )?;
    let achievements = stmt
        .query_map(params![id], |r| {
            Ok(AchievementRef { id: r.get(0)?, achievement_no: r.get(1)?, title: r.get(2)?, kind: r.get(3)?, status: r.get(4)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let (author, stage, returned_note, scores_published) = conn.query_row(
        "SELECT p.name, d.stage, d.returned_note, d.scores_published FROM disclosure d LEFT JOIN person p ON p.id = d.author_id WHERE d.id = ?1",
        params![id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    Ok(DisclosureDetail {
        author,
        stage,
        returned_note,
        scores_published,
        overdue: decision.is_none() && age_days > DECISION_DAYS,
        disclosure,
        inventors,
        status,
        decision,
        age_days,
        assessments: assessment::list_for(conn, id)?,
        achievements,
    })
}

/// The list, newest receipt first, filtered and paged in SQL; `today` ages undecided ones.
pub fn list(conn: &Connection, q: &DisclosureQuery, today: NaiveDate) -> Result<DisclosurePage> {
    // ?1 is today, bound always for the age column; the first clause keeps it bound in the count too.
    let mut clauses = vec!["?1 IS NOT NULL".to_string()];
    let mut args: Vec<Value> = vec![Value::Text(crate::date::iso(today))];
    if let Some(status) = q.status {
        args.push(Value::Text(status.key().into()));
        clauses.push(format!("({STATUS_SQL}) = ?{}", args.len()));
    }
    if let Some(dep) = q.department.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        args.push(Value::Text(dep.into()));
        clauses.push(format!("d.department_id = (SELECT id FROM department WHERE name = ?{})", args.len()));
    }
    if let Some(year) = q.year {
        args.push(Value::Text(format!("{year:04}-01-01")));
        args.push(Value::Text(format!("{year:04}-12-31")));
        clauses.push(format!("d.received_on BETWEEN ?{} AND ?{}", args.len() - 1, args.len()));
    }
    if let Some(search) = q.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        args.push(Value::Text(crate::store::search::contains_pattern(search)));
        let n = args.len();
        args.push(Value::Text(search.to_string()));
        let e = args.len();
        clauses.push(format!(
            "(d.disclosure_no LIKE ?{n} ESCAPE '\\' OR d.title LIKE ?{n} ESCAPE '\\'
              OR d.id IN (SELECT i.disclosure_id FROM disclosure_inventor i JOIN person p ON p.id = i.person_id
                          WHERE p.name LIKE ?{n} ESCAPE '\\' OR p.employee_id = ?{e}))"
        ));
    }
    let from = format!("FROM disclosure d JOIN department dep ON dep.id = d.department_id WHERE {}", clauses.join(" AND "));
    let total: u32 = conn.query_row(&format!("SELECT count(*) {from}"), rusqlite::params_from_iter(&args), |r| r.get(0))?;
    let size = q.page_size.clamp(1, crate::store::search::MAX_PAGE_SIZE);
    let offset = (q.page.max(1) - 1) * size;
    let sql = format!(
        "SELECT d.id, d.disclosure_no, d.title, dep.name,
                (SELECT group_concat(p.name || CASE WHEN i.key_contributor = 1 THEN '*' ELSE '' END, '、')
                   FROM (SELECT * FROM disclosure_inventor WHERE disclosure_id = d.id ORDER BY position) i JOIN person p ON p.id = i.person_id),
                d.received_on, d.intended_protection, {STATUS_SQL}, d.decision, d.decided_on,
                (SELECT count(*) FROM assessment s WHERE s.disclosure_id = d.id),
                (SELECT count(*) FROM disclosure_achievement x WHERE x.disclosure_id = d.id),
                {AGE_SQL}, (SELECT name FROM person WHERE id = d.author_id), d.stage
         {from} ORDER BY d.received_on DESC, d.id DESC LIMIT {size} OFFSET {offset}"
    );
    let rows = conn
        .prepare(&sql)?
        .query_map(rusqlite::params_from_iter(&args), |r| {
            let decision: Option<DisclosureDecision> = r.get(8)?;
            let age_days: i64 = r.get(12)?;
            Ok(DisclosureRow {
                id: r.get(0)?,
                disclosure_no: r.get(1)?,
                title: r.get(2)?,
                department: r.get(3)?,
                inventors: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                received_on: r.get(5)?,
                intended_protection: r.get(6)?,
                status: r.get(7)?,
                decision,
                decided_on: r.get(9)?,
                assessments: r.get(10)?,
                achievements: r.get(11)?,
                age_days,
                overdue: decision.is_none() && age_days > DECISION_DAYS,
                author: r.get(13)?,
                stage: r.get(14)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(DisclosurePage { total, rows })
}

/// Records (or corrects) the decision on the disclosure as it was at `version` (refused with
/// `edit_conflict` once someone else changed it). Refused once an achievement came from the
/// disclosure (`disclosure_converted`); the date must not precede the receipt nor follow today.
/// Audited.
pub fn decide(store: &mut Store, actor: &Actor, id: i64, decision: &Decision, version: i64) -> Result<()> {
    let today = actor.at.date();
    let tx = store.write()?;
    let (d, before) = load(&tx, id)?;
    let converted: bool =
        tx.query_row("SELECT EXISTS (SELECT 1 FROM disclosure_achievement WHERE disclosure_id = ?1)", params![id], |r| r.get(0))?;
    if converted {
        return Err(Error::Refused { code: "disclosure_converted", detail: d.disclosure_no });
    }
    let json = |d: Option<&Decision>| serde_json::to_value(d).unwrap_or_default();
    version::check(&tx, &version::DISCLOSURE_DECISION, d.version, version, || version::Stale {
        id,
        label: d.disclosure_no.clone(),
        audit_keys: vec![d.disclosure_no.clone()],
        submitted: json(Some(decision)),
        // Undecided: every field of the decision differs.
        stored: before.as_ref().map_or_else(|| serde_json::json!({}), |b| json(Some(b))),
    })?;
    let mut problems = Vec::new();
    let on = crate::date::iso(decision.decided_on);
    if let Err(e) = crate::date::check_range(decision.decided_on) {
        problems.push(Problem::field("decided_on", on.clone(), ProblemKind::Date(e)));
    } else if decision.decided_on < d.received_on {
        problems.push(Problem::field("decided_on", on.clone(), ProblemKind::DateOrder(format!("受理日期 {}", d.received_on))));
    } else if decision.decided_on > today {
        problems.push(Problem::field("decided_on", on, ProblemKind::InFuture));
    }
    let note = form_text(&mut problems, "note", decision.note.as_deref(), false, 2000);
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    tx.execute(
        "UPDATE disclosure SET decision = ?1, decided_on = ?2, decision_note = ?3, version = version + 1 WHERE id = ?4",
        params![decision.decision, decision.decided_on, note, id],
    )?;
    let after = Decision { note, ..decision.clone() };
    let json = |d: &Decision| serde_json::to_value(d).unwrap_or_default();
    let action = if before.is_some() { Action::Update } else { Action::Insert };
    Journal::start(&tx, actor)?.record(
        &tx,
        action,
        "disclosure_decision",
        &d.disclosure_no,
        before.as_ref().map(json).as_ref(),
        Some(&json(&after)),
    )?;
    let people = inventor_ids(&tx, id)?;
    let subject = format!("披露 {}「{}」已作出处理决定：{}", d.disclosure_no, d.title, decision.decision.zh());
    notify_people(&tx, actor, NotificationKind::DisclosureDecided, &people, &subject, INVENTOR_LINK)?;
    tx.commit()?;
    Ok(())
}

/// Where an inventor follows their disclosures.
pub(crate) const INVENTOR_LINK: &str = "/me/disclosures";

/// The person ids of a disclosure's inventors, in order.
pub(crate) fn inventor_ids(conn: &Connection, id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT person_id FROM disclosure_inventor WHERE disclosure_id = ?1 ORDER BY position")?;
    let ids = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Sends a disclosure an inventor submitted back to its author with `note` (what to change),
/// as it was at `version`. Only an undecided disclosure with an author, now with the office
/// (`disclosure_not_returnable` otherwise). The author is notified. Audited.
pub fn send_back(store: &mut Store, actor: &Actor, id: i64, note: &str, version: i64) -> Result<()> {
    let tx = store.write()?;
    let (d, decision) = load(&tx, id)?;
    let (author, stage): (Option<i64>, DisclosureStage) =
        tx.query_row("SELECT author_id, stage FROM disclosure WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let author = match author {
        Some(author) if decision.is_none() && stage == DisclosureStage::Submitted => author,
        _ => return Err(Error::Refused { code: "disclosure_not_returnable", detail: d.disclosure_no }),
    };
    if d.version != version {
        return Err(Error::Refused { code: "disclosure_changed", detail: d.disclosure_no });
    }
    let mut problems = Vec::new();
    let note = form_text(&mut problems, "note", Some(note), true, 2000);
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    tx.execute("UPDATE disclosure SET stage = 'returned', returned_note = ?1, version = version + 1 WHERE id = ?2", params![note, id])?;
    let after = serde_json::json!({"stage": "returned", "returned_note": note});
    Journal::start(&tx, actor)?.record(&tx, Action::Update, "disclosure_stage", &d.disclosure_no, None, Some(&after))?;
    let subject = format!("披露 {}「{}」被退回修改：{}", d.disclosure_no, d.title, note.unwrap_or_default());
    notify(&tx, actor, NotificationKind::DisclosureReturned, To::Person(author), &subject, INVENTOR_LINK)?;
    tx.commit()?;
    Ok(())
}

/// Shows (or hides) the assessments' scores to the disclosure's inventors. Audited.
pub fn publish_scores(store: &mut Store, actor: &Actor, id: i64, published: bool) -> Result<()> {
    let tx = store.write()?;
    let (d, _) = load(&tx, id)?;
    tx.execute("UPDATE disclosure SET scores_published = ?1 WHERE id = ?2", params![published, id])?;
    let after = serde_json::json!({"scores_published": published});
    Journal::start(&tx, actor)?.record(&tx, Action::Update, "disclosure_scores", &d.disclosure_no, None, Some(&after))?;
    tx.commit()?;
    Ok(())
}

/// Refuses conversion of a disclosure not decided (`disclosure_not_decided`) or dropped
/// (`disclosure_dropped`).
pub fn check_convertible(conn: &Connection, id: i64) -> Result<()> {
    let (d, decision) = load(conn, id)?;
    match decision.map(|d| d.decision) {
        None => Err(Error::Refused { code: "disclosure_not_decided", detail: d.disclosure_no }),
        Some(DisclosureDecision::Drop) => Err(Error::Refused { code: "disclosure_dropped", detail: d.disclosure_no }),
        Some(_) => Ok(()),
    }
}

/// Links a new achievement to the disclosure it came from, with its audit entry (inside the
/// caller's transaction; [`check_convertible`] was called).
pub(crate) fn link(conn: &Connection, journal: &mut Journal<'_>, disclosure_id: i64, achievement_id: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO disclosure_achievement (disclosure_id, achievement_id) VALUES (?1, ?2)",
        params![disclosure_id, achievement_id],
    )?;
    let no: String = conn.query_row("SELECT disclosure_no FROM disclosure WHERE id = ?1", params![disclosure_id], |r| r.get(0))?;
    let after = serde_json::json!({"disclosure_id": disclosure_id, "achievement_id": achievement_id});
    journal.record(conn, Action::Insert, "disclosure_achievement", &no, None, Some(&after))
}

/// The years with disclosures, newest first (the list's year filter). Not paged: one row a
/// filing year, bounded by the years of the portfolio, not by its size.
pub fn years(conn: &Connection) -> Result<Vec<i32>> {
    years_in(conn, None)
}

/// The years with disclosures of one 学院 (a secretary's), or of all when `department` is none.
pub fn years_in(conn: &Connection, department: Option<&str>) -> Result<Vec<i32>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT CAST(substr(x.received_on, 1, 4) AS INTEGER) AS y FROM disclosure x
         JOIN department d ON d.id = x.department_id WHERE ?1 IS NULL OR d.name = ?1 ORDER BY y DESC",
    )?;
    let years = stmt.query_map([department], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(years)
}

/// The suggested number for a disclosure received today.
pub fn suggest_number(conn: &Connection, today: NaiveDate) -> Result<String> {
    next_number(conn, today.year())
}
