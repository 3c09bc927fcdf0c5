//! Filing a report year, and the annual report screen: both take the checks' findings, and the
//! checks themselves look at the report year (what changed since filing), so they sit above
//! [`super::check`] and [`super::report_year`] rather than in either.

use super::annual;
use super::check::{self, CheckFinding};
use super::report_year::{self, Change, FiledFile, ReportYear, Snapshot};
use crate::error::{Error, Result};
use crate::rewards::plan::Severity;
use crate::store::audit::{Action, Journal};
use crate::store::{Actor, Store};
use rusqlite::params;
use serde::Serialize;
use sha2::Digest;
use ts_rs::TS;

/// Marks the year filed: the indicators, narrative and cases are frozen as a snapshot together
/// with `files` (the XLSX and PDF as sent), in one transaction. Refused when already filed, or
/// while an error finding of `check` stands unless a reason is given.
pub fn file(store: &mut Store, actor: &Actor, year: i32, override_reason: Option<&str>, files: &[FiledFile]) -> Result<ReportYear> {
    let current = report_year::load(store, year)?;
    if current.filed_at.is_some() {
        return Err(Error::Refused { code: "report_filed", detail: year.to_string() });
    }
    let errors: Vec<&'static str> =
        check::year_findings(store, year, crate::Lang::Zh)?.into_iter().filter(|f| f.severity == Severity::Error).map(|f| f.code).collect();
    let reason = override_reason.map(str::trim).filter(|r| !r.is_empty());
    if let (Some(first), None) = (errors.first(), reason) {
        return Err(Error::Refused { code: first, detail: year.to_string() });
    }
    let indicators = annual::indicators(store, year)?;
    let at = actor.at.format("%Y-%m-%dT%H:%M:%S").to_string();
    let tx = store.write()?;
    let snapshot = Snapshot {
        indicators: serde_json::to_value(&indicators).unwrap_or_default(),
        narrative: current.narrative.clone(),
        cases: current.cases.clone(),
        // The log as it stood when the year was filed (under the write lock: nobody adds to it).
        audit_head: crate::store::seal::head(&tx)?,
    };
    tx.execute(
        "INSERT INTO report_year (year, due_on, narrative) VALUES (?1, ?2, ?3) ON CONFLICT(year) DO NOTHING",
        params![year, current.due_on, serde_json::to_string(&current.narrative).unwrap_or_default()],
    )?;
    let snapshot_json = serde_json::to_value(&snapshot).unwrap_or_default();
    tx.execute(
        "UPDATE report_year SET filed_at = ?2, filed_by = ?3, snapshot = ?4, version = version + 1 WHERE year = ?1",
        params![year, at, actor.name, snapshot_json.to_string()],
    )?;
    let mut hashes = Vec::new();
    for (name, bytes) in files {
        let sha = hex::encode(sha2::Sha256::digest(bytes));
        tx.execute("INSERT INTO report_file (year, name, sha256, bytes) VALUES (?1, ?2, ?3, ?4)", params![year, name, sha, bytes])?;
        hashes.push(serde_json::json!({"name": name, "sha256": sha}));
    }
    let after =
        serde_json::json!({"filed_at": at, "override_reason": reason, "errors": errors, "files": hashes, "snapshot": snapshot_json});
    Journal::start(&tx, actor)?.record(&tx, Action::Update, "report_year", &year.to_string(), None, Some(&after))?;
    tx.commit()?;
    report_year::load(store, year)
}

/// Everything the 年度报告 screen shows for a year.
#[derive(Clone, Debug, Serialize, TS)]
pub struct AnnualReport {
    /// The indicators (of the department when one is asked).
    pub indicators: annual::Indicators,
    /// Due date, narrative, cases, filing.
    pub year: ReportYear,
    /// `check` for the year (whole institution): the findings that block filing.
    pub findings: Vec<CheckFinding>,
    /// `check`'s annual-fee findings as of today (patents in force past grace, years without a
    /// holiday arrangement): shown with the others, not about the year, never blocking its filing.
    pub fee_findings: Vec<CheckFinding>,
    /// Indicators changed since filing.
    pub changes: Vec<Change>,
}

/// The report screen's content for `year`, its findings as of `on` (today).
pub fn overview(store: &Store, year: i32, department: Option<&str>, on: chrono::NaiveDate, lang: crate::Lang) -> Result<AnnualReport> {
    Ok(AnnualReport {
        indicators: annual::indicators_for(store, year, department)?,
        year: report_year::load(store, year)?,
        findings: check::year_findings(store, year, lang)?,
        fee_findings: check::fees(store, on, lang)?,
        changes: report_year::changes(store, year)?,
    })
}
