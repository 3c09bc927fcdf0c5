//! A report year (报告年度): its due date, the narrative of the six parts, the typical cases, and
//! once filed ([`super::filing`]) the frozen snapshot, the files as sent and what changed since
//! (docs/annual-report.md "Filing" and "Changes after filing").

use crate::error::{Error, Result};
use crate::problem::{Problem, ProblemKind};
use crate::reporting::annual;
use crate::store::audit::{Action, Journal};
use crate::store::version;
use crate::store::{Actor, Store};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The parts of the official form.
pub const PARTS: usize = 6;
const MAX_NARRATIVE: usize = 20_000;

/// A contract picked as a typical case (典型案例).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Case {
    /// 合同编号.
    pub contract_no: String,
    /// The case as told by the office.
    pub text: String,
}

/// What the office keeps for a report year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportYear {
    /// The report year.
    pub year: i32,
    /// 报送截止日期 (default March 31 of the next year).
    pub due_on: NaiveDate,
    /// The narrative of parts 一 to 六.
    pub narrative: Vec<String>,
    /// Typical cases.
    pub cases: Vec<Case>,
    /// When it was filed (read-only).
    pub filed_at: Option<String>,
    /// Who filed it (read-only).
    pub filed_by: Option<String>,
    /// The version the form was loaded at (0 for a year nobody saved yet): a save is refused
    /// (`edit_conflict`) once someone else changed the year (store::version).
    #[serde(default)]
    #[ts(type = "number")]
    pub version: i64,
}

/// What was filed: the indicators and the words as they were sent, and the head of the audit
/// log when they were (a witness `verify` compares with the log: docs/reliability.md
/// "Witnesses"; years filed before it was kept have none).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Snapshot {
    pub(crate) indicators: serde_json::Value,
    pub(crate) narrative: Vec<String>,
    pub(crate) cases: Vec<Case>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) audit_head: Option<crate::store::seal::Head>,
}

/// An indicator that changed since the year was filed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Change {
    /// Its path, e.g. `transformation.license.count`.
    pub indicator: String,
    /// The filed figure.
    #[ts(type = "number")]
    pub filed: i64,
    /// The figure now.
    #[ts(type = "number")]
    pub now: i64,
}

/// The year as kept (defaults for a year nobody touched yet).
pub fn load(store: &Store, year: i32) -> Result<ReportYear> {
    load_in(store.conn(), year)
}

fn load_in(conn: &Connection, year: i32) -> Result<ReportYear> {
    type Kept = (NaiveDate, String, Option<String>, Option<String>, i64);
    let row: Option<Kept> = conn
        .query_row("SELECT due_on, narrative, filed_at, filed_by, version FROM report_year WHERE year = ?1", params![year], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?;
    let Some((due_on, narrative, filed_at, filed_by, version)) = row else {
        return Ok(ReportYear {
            year,
            due_on: annual::default_due_on(year),
            narrative: vec![String::new(); PARTS],
            cases: Vec::new(),
            filed_at: None,
            filed_by: None,
            version: 0,
        });
    };
    let cases = conn
        .prepare(
            "SELECT c.contract_no, k.text FROM report_case k JOIN contract c ON c.id = k.contract_id WHERE k.year = ?1 ORDER BY k.position",
        )?
        .query_map(params![year], |r| Ok(Case { contract_no: r.get(0)?, text: r.get(1)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(ReportYear {
        year,
        due_on,
        narrative: serde_json::from_str(&narrative).map_err(|e| Error::Corrupt(format!("report_year.narrative: {e}")))?,
        cases,
        filed_at,
        filed_by,
        version,
    })
}

/// Saves the due date, narrative and cases of a year not yet filed; audited. Refused
/// (`edit_conflict`) when the year is no longer at the form's version.
pub fn save(store: &mut Store, actor: &Actor, input: &ReportYear) -> Result<ReportYear> {
    // The write lock first, so that nobody changes what is checked.
    let tx = store.write()?;
    let before = load_in(&tx, input.year)?;
    if before.filed_at.is_some() {
        return Err(Error::Refused { code: "report_filed", detail: input.year.to_string() });
    }
    let json = |y: &ReportYear| serde_json::to_value(y).unwrap_or_default();
    version::check(&tx, &version::REPORT_YEAR, before.version, input.version, || version::Stale {
        id: 0,
        label: input.year.to_string(),
        audit_keys: vec![input.year.to_string()],
        submitted: json(input),
        stored: json(&before),
    })?;
    let mut problems = Vec::new();
    if input.due_on <= NaiveDate::from_ymd_opt(input.year, 12, 31).unwrap_or_default() {
        problems.push(Problem::field("due_on", crate::date::iso(input.due_on), ProblemKind::DateOrder(format!("{}-12-31", input.year))));
    }
    if input.narrative.len() != PARTS {
        problems.push(Problem::field("narrative", input.narrative.len().to_string(), ProblemKind::Integer(PARTS as i64, PARTS as i64)));
    }
    for (i, text) in input.narrative.iter().enumerate() {
        if text.chars().count() > MAX_NARRATIVE {
            problems.push(Problem::field(&format!("narrative[{i}]"), "", ProblemKind::TooLong(MAX_NARRATIVE)));
        }
    }
    let mut contract_ids = Vec::new();
    for (i, case) in input.cases.iter().enumerate() {
        let no = case.contract_no.trim();
        let id: Option<i64> = tx.query_row("SELECT id FROM contract WHERE contract_no = ?1", params![no], |r| r.get(0)).optional()?;
        match id {
            Some(id) if input.cases[..i].iter().all(|c| c.contract_no.trim() != no) => contract_ids.push(id),
            Some(_) => problems.push(Problem::field(&format!("cases[{i}]"), no, ProblemKind::RepeatedEntry(no.to_string()))),
            None => problems.push(Problem::field(&format!("cases[{i}]"), no, ProblemKind::UnknownReference("contract", no.to_string()))),
        }
        if case.text.chars().count() > 5000 {
            problems.push(Problem::field(&format!("cases[{i}]"), "", ProblemKind::TooLong(5000)));
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let narrative = serde_json::to_string(&input.narrative).unwrap_or_default();
    tx.execute(
        "INSERT INTO report_year (year, due_on, narrative) VALUES (?1, ?2, ?3)
         ON CONFLICT(year) DO UPDATE SET due_on = excluded.due_on, narrative = excluded.narrative, version = version + 1",
        params![input.year, input.due_on, narrative],
    )?;
    tx.execute("DELETE FROM report_case WHERE year = ?1", params![input.year])?;
    for (i, (case, id)) in input.cases.iter().zip(&contract_ids).enumerate() {
        tx.execute(
            "INSERT INTO report_case (year, position, contract_id, text) VALUES (?1, ?2, ?3, ?4)",
            params![input.year, i as i64, id, case.text.trim()],
        )?;
    }
    let logged = |y: &ReportYear| version::unversioned(y);
    let after = ReportYear { filed_at: None, filed_by: None, ..input.clone() };
    Journal::start(&tx, actor)?.record(
        &tx,
        Action::Update,
        "report_year",
        &input.year.to_string(),
        Some(&logged(&before)),
        Some(&logged(&after)),
    )?;
    tx.commit()?;
    load(store, input.year)
}

/// A file as filed: its name and bytes.
pub type FiledFile = (String, Vec<u8>);

/// The files of a filed year, byte for byte as filed (empty when not filed).
pub fn filed_files(store: &Store, year: i32) -> Result<Vec<FiledFile>> {
    let mut stmt = store.conn().prepare("SELECT name, bytes FROM report_file WHERE year = ?1 ORDER BY name")?;
    let rows = stmt.query_map(params![year], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The filed indicators of a year, if it was filed.
pub fn filed_indicators(store: &Store, year: i32) -> Result<Option<serde_json::Value>> {
    let text: Option<Option<String>> =
        store.conn().query_row("SELECT snapshot FROM report_year WHERE year = ?1", params![year], |r| r.get(0)).optional()?;
    match text.flatten() {
        None => Ok(None),
        Some(t) => {
            let s: Snapshot = serde_json::from_str(&t).map_err(|e| Error::Corrupt(format!("report_year.snapshot: {e}")))?;
            Ok(Some(s.indicators))
        }
    }
}

/// Every figure that differs between the filed snapshot and the records now (empty when not filed).
pub fn changes(store: &Store, year: i32) -> Result<Vec<Change>> {
    let Some(filed) = filed_indicators(store, year)? else { return Ok(Vec::new()) };
    let now = serde_json::to_value(annual::indicators(store, year)?).unwrap_or_default();
    let mut out = Vec::new();
    diff("", &filed, &now, &mut out);
    Ok(out)
}

fn diff(path: &str, filed: &serde_json::Value, now: &serde_json::Value, out: &mut Vec<Change>) {
    match (filed, now) {
        (serde_json::Value::Object(a), serde_json::Value::Object(b)) => {
            for (k, v) in a {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                diff(&p, v, b.get(k).unwrap_or(&serde_json::Value::Null), out);
            }
        }
        (serde_json::Value::Number(a), b) if Some(a.as_i64()) != Some(b.as_i64()) || b.as_i64().is_none() => {
            out.push(Change { indicator: path.to_string(), filed: a.as_i64().unwrap_or(0), now: b.as_i64().unwrap_or(0) })
        }
        _ => {}
    }
}
