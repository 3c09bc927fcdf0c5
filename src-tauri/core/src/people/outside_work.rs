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

/// One period as the people template holds it (column 兼职/离岗创业): `兼职:某公司:2024-01-01~2025-06-30`,
/// the last day left out while it runs (`离岗创业:某公司:2025-03-01~`); several are separated by `;`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Period {
    /// 兼职 or 离岗创业.
    pub kind: OutsideWorkKind,
    /// 企业.
    pub company: String,
    /// 开始日期.
    pub from_on: NaiveDate,
    /// 结束日期 (None: still running).
    pub to_on: Option<NaiveDate>,
}

/// Reads the template's list of periods; each entry that is no period is a problem of its own
/// (`value`, what is wrong).
pub fn parse_periods(text: &str) -> std::result::Result<Vec<Period>, Vec<(String, ProblemKind)>> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for raw in text.split([';', '；']).map(str::trim).filter(|s| !s.is_empty()) {
        let mut bad = |kind: ProblemKind| problems.push((raw.to_string(), kind));
        // KIND:COMPANY:FROM~TO — the company may hold a colon, the kind and the dates cannot.
        let Some((kind, rest)) = raw.split_once([':', '：']) else {
            bad(ProblemKind::Choice(format!("{}:企业:开始日期~结束日期", OutsideWorkKind::choices())));
            continue;
        };
        let Some((company, dates)) = rest.rsplit_once([':', '：']) else {
            bad(ProblemKind::Choice(format!("{}:企业:开始日期~结束日期", OutsideWorkKind::choices())));
            continue;
        };
        let Some(kind) = OutsideWorkKind::parse(kind) else {
            bad(ProblemKind::Choice(OutsideWorkKind::choices()));
            continue;
        };
        let company = company.trim();
        if company.is_empty() {
            bad(ProblemKind::Required);
            continue;
        }
        if company.chars().count() > 200 {
            bad(ProblemKind::TooLong(200));
            continue;
        }
        let (from, to) = dates.split_once(['~', '～']).unwrap_or((dates, ""));
        let from_on = match crate::date::parse_date(from.trim()) {
            Ok(d) => d,
            Err(e) => {
                bad(ProblemKind::Date(e));
                continue;
            }
        };
        let to_on = match to.trim() {
            "" => None,
            t => match crate::date::parse_date(t) {
                Ok(d) => Some(d),
                Err(e) => {
                    bad(ProblemKind::Date(e));
                    continue;
                }
            },
        };
        if to_on.is_some_and(|t| t < from_on) {
            bad(ProblemKind::DateOrder(iso(from_on)));
            continue;
        }
        out.push(Period { kind, company: company.to_string(), from_on, to_on });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// The template's text of a person's periods, as [`parse_periods`] reads it.
pub fn format_periods(periods: &[Period]) -> String {
    periods
        .iter()
        .map(|p| format!("{}:{}:{}~{}", p.kind.zh(), p.company, iso(p.from_on), p.to_on.map(iso).unwrap_or_default()))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Every person's periods by employee ID (for the people export).
pub fn by_person(conn: &Connection) -> Result<std::collections::HashMap<String, Vec<Period>>> {
    let mut out: std::collections::HashMap<String, Vec<Period>> = std::collections::HashMap::new();
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY p.employee_id, w.from_on, w.id"))?;
    for w in stmt.query_map([], row)? {
        let w = w?;
        out.entry(w.employee_id).or_default().push(Period { kind: w.kind, company: w.company, from_on: w.from_on, to_on: w.to_on });
    }
    Ok(out)
}

/// Writes the periods of a person just inserted by the import, each with its audit entry.
pub(crate) fn insert_periods(
    conn: &Connection,
    journal: &mut Journal<'_>,
    person_id: i64,
    employee_id: &str,
    periods: &[Period],
) -> Result<()> {
    for p in periods {
        conn.prepare_cached("INSERT INTO outside_work (person_id, company, kind, from_on, to_on) VALUES (?1, ?2, ?3, ?4, ?5)")?
            .execute(params![person_id, p.company, p.kind, p.from_on, p.to_on])?;
        let id = conn.last_insert_rowid();
        let logged =
            serde_json::json!({ "employee_id": employee_id, "company": p.company, "kind": p.kind, "from_on": p.from_on, "to_on": p.to_on });
        journal.record(conn, Action::Insert, "outside_work", &id.to_string(), None, Some(&logged))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_text_of_periods_reads_and_writes_back() {
        let text = "兼职:某某科技有限公司:2024-01-01~2025-06-30； 离岗创业：A:B 公司：2025-03-01~";
        let periods = parse_periods(text).expect("two periods");
        assert_eq!(periods.len(), 2);
        assert_eq!((periods[0].kind, periods[0].to_on), (OutsideWorkKind::PartTime, NaiveDate::from_ymd_opt(2025, 6, 30)));
        assert_eq!(
            (periods[1].company.as_str(), periods[1].to_on),
            ("A:B 公司", None),
            "the company may hold a colon; no last day: running"
        );
        assert_eq!(parse_periods(&format_periods(&periods)), Ok(periods), "the export's text reads back the same");
    }

    #[test]
    fn each_bad_entry_is_named() {
        let bad = parse_periods(
            "出差:某公司:2025-01-01~; 兼职:某公司; 兼职: :2025-01-01~; 兼职:某公司:2025-02-30~; 兼职:某公司:2025-05-01~2025-04-30",
        )
        .expect_err("five bad entries");
        let codes: Vec<&str> = bad.iter().map(|(_, k)| k.code()).collect();
        assert_eq!(codes, ["bad_choice", "bad_choice", "required", "bad_date", "date_order"]);
        assert_eq!(bad[0].0, "出差:某公司:2025-01-01~", "the entry is named as written");
    }
}
