//! People's periods in companies (docs/annual-report.md "Records of the form's parts 2–5"):
//! part-time work (兼职) and leave to found or join a company (离岗创业), each from its first day to
//! its last (None: still running). Part 4 of the annual report counts the people with a period
//! overlapping the year.

use crate::date::iso;
use crate::error::{Error, Result};
use crate::model::OutsideWorkKind;
use crate::problem::{Problem, ProblemKind};
use crate::store::audit::{Action, Journal};
use crate::store::{version, Actor, Store};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One period, as listed and as its form sends it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OutsideWork {
    /// Row id (0 in a form that creates one).
    #[serde(default)]
    #[ts(type = "number")]
    pub id: i64,
    /// 工号 of the person.
    pub employee_id: String,
    /// 姓名 (shown; a form need not send it).
    #[serde(default)]
    pub name: String,
    /// 企业: the company.
    pub company: String,
    /// 兼职 or 离岗创业.
    pub kind: OutsideWorkKind,
    /// 开始日期.
    pub from_on: NaiveDate,
    /// 结束日期 (None: still running).
    pub to_on: Option<NaiveDate>,
    /// The version the form was loaded at (store::version); 0 for a new one.
    #[serde(default)]
    #[ts(type = "number")]
    pub version: i64,
}

const SELECT: &str = "SELECT w.id, p.employee_id, p.name, w.company, w.kind, w.from_on, w.to_on, w.version
    FROM outside_work w JOIN person p ON p.id = w.person_id";

fn row(r: &Row<'_>) -> rusqlite::Result<OutsideWork> {
    Ok(OutsideWork {
        id: r.get(0)?,
        employee_id: r.get(1)?,
        name: r.get(2)?,
        company: r.get(3)?,
        kind: r.get(4)?,
        from_on: r.get(5)?,
        to_on: r.get(6)?,
        version: r.get(7)?,
    })
}

/// Every period (of one person when `employee_id` is given), by person then first day.
pub fn list(conn: &Connection, employee_id: Option<&str>) -> Result<Vec<OutsideWork>> {
    let mut stmt =
        conn.prepare_cached(&format!("{SELECT} WHERE ?1 IS NULL OR p.employee_id = ?1 ORDER BY p.employee_id, w.from_on, w.id"))?;
    let rows = stmt.query_map(params![employee_id], row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn find(conn: &Connection, id: i64) -> Result<OutsideWork> {
    conn.prepare_cached(&format!("{SELECT} WHERE w.id = ?1"))?
        .query_row(params![id], row)
        .optional()?
        .ok_or(Error::NotFound { what: "outside_work", key: id.to_string() })
}

/// The content a person edits, as the audit log and a refused save show it.
fn content(w: &OutsideWork) -> serde_json::Value {
    let mut v = version::unversioned(w);
    if let serde_json::Value::Object(map) = &mut v {
        map.remove("id");
        map.remove("name");
    }
    v
}

/// The checks of the form: a known person, a company of 1–200 characters, the last day not
/// before the first; the cleaned period and the person's row id, or every problem.
fn validate(conn: &Connection, w: &OutsideWork) -> Result<(OutsideWork, i64)> {
    let mut problems = Vec::new();
    let employee_id = w.employee_id.trim().to_string();
    let person: Option<(i64, String)> = conn
        .prepare_cached("SELECT id, name FROM person WHERE employee_id = ?1")?
        .query_row(params![employee_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if employee_id.is_empty() {
        problems.push(Problem::field("employee_id", "", ProblemKind::Required));
    } else if person.is_none() {
        problems.push(Problem::field("employee_id", employee_id.as_str(), ProblemKind::UnknownReference("person", employee_id.clone())));
    }
    let company = w.company.trim().to_string();
    if company.is_empty() {
        problems.push(Problem::field("company", "", ProblemKind::Required));
    } else if company.chars().count() > 200 {
        problems.push(Problem::field("company", company.as_str(), ProblemKind::TooLong(200)));
    }
    for (field, date) in [("from_on", Some(w.from_on)), ("to_on", w.to_on)] {
        if let Some(Err(e)) = date.map(crate::date::check_range) {
            problems.push(Problem::field(field, iso(date.unwrap_or_default()), ProblemKind::Date(e)));
        }
    }
    if let Some(to) = w.to_on.filter(|t| *t < w.from_on) {
        problems.push(Problem::field("to_on", iso(to), ProblemKind::DateOrder(iso(w.from_on))));
    }
    match person {
        Some((id, name)) if problems.is_empty() => Ok((OutsideWork { employee_id, name, company, ..w.clone() }, id)),
        _ => Err(Error::Invalid(problems)),
    }
}

/// Adds a period; audited. Returns it as stored.
pub fn create(store: &mut Store, actor: &Actor, w: &OutsideWork) -> Result<OutsideWork> {
    let tx = store.write()?;
    let (clean, person_id) = validate(&tx, w)?;
    tx.prepare_cached("INSERT INTO outside_work (person_id, company, kind, from_on, to_on) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![person_id, clean.company, clean.kind, clean.from_on, clean.to_on])?;
    let id = tx.last_insert_rowid();
    Journal::start(&tx, actor)?.record(&tx, Action::Insert, "outside_work", &id.to_string(), None, Some(&content(&clean)))?;
    tx.commit()?;
    find(store.conn(), id)
}

/// Saves a period's form; refused (`edit_conflict`) when someone changed it since the form's
/// version. Returns it as stored.
pub fn update(store: &mut Store, actor: &Actor, w: &OutsideWork) -> Result<OutsideWork> {
    let tx = store.write()?;
    let before = find(&tx, w.id)?;
    version::check(&tx, &version::OUTSIDE_WORK, before.version, w.version, || version::Stale {
        label: format!("{} {}", before.name, before.company),
        id: w.id,
        audit_keys: vec![w.id.to_string()],
        submitted: content(w),
        stored: content(&before),
    })?;
    let (clean, person_id) = validate(&tx, w)?;
    tx.prepare_cached(
        "UPDATE outside_work SET person_id = ?1, company = ?2, kind = ?3, from_on = ?4, to_on = ?5, version = version + 1 WHERE id = ?6",
    )?
    .execute(params![person_id, clean.company, clean.kind, clean.from_on, clean.to_on, w.id])?;
    Journal::start(&tx, actor)?.record(
        &tx,
        Action::Update,
        "outside_work",
        &w.id.to_string(),
        Some(&content(&before)),
        Some(&content(&clean)),
    )?;
    tx.commit()?;
    find(store.conn(), w.id)
}

/// Deletes a period recorded by mistake; refused (`edit_conflict`) when it changed since `version`.
pub fn delete(store: &mut Store, actor: &Actor, id: i64, version: i64) -> Result<()> {
    let tx = store.write()?;
    let before = find(&tx, id)?;
    version::check(&tx, &version::OUTSIDE_WORK, before.version, version, || version::Stale {
        label: format!("{} {}", before.name, before.company),
        id,
        audit_keys: vec![id.to_string()],
        submitted: serde_json::Value::Null,
        stored: content(&before),
    })?;
    tx.prepare_cached("DELETE FROM outside_work WHERE id = ?1")?.execute(params![id])?;
    Journal::start(&tx, actor)?.record(&tx, Action::Delete, "outside_work", &id.to_string(), Some(&content(&before)), None)?;
    tx.commit()?;
    Ok(())
}
