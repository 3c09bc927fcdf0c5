//! The institution's platforms (docs/annual-report.md "Records of the form's parts 2–5"): its R&D
//! institutions (研发机构), technology-transfer institutions (技术转移机构) and service platforms
//! (服务平台), each its own (自建) or built with a partner (共建), open from founding to closing.
//! Part 4 of the annual report counts those open during the year.

use crate::date::iso;
use crate::error::{Error, Result};
use crate::model::{PlatformKind, PlatformMode};
use crate::problem::{Problem, ProblemKind};
use crate::store::audit::{Action, Journal};
use crate::store::{version, Actor, Store};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One platform, as listed and as its form sends it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Platform {
    /// Row id (0 in a form that creates one).
    #[serde(default)]
    #[ts(type = "number")]
    pub id: i64,
    /// 名称, unique.
    pub name: String,
    /// 研发机构, 技术转移机构 or 服务平台.
    pub kind: PlatformKind,
    /// 自建 or 共建.
    pub mode: PlatformMode,
    /// 共建单位: required when joint, empty when own.
    pub partner: Option<String>,
    /// 成立日期.
    pub founded_on: NaiveDate,
    /// 撤销日期 (None: open).
    pub closed_on: Option<NaiveDate>,
    /// The version the form was loaded at (store::version); 0 for a new one.
    #[serde(default)]
    #[ts(type = "number")]
    pub version: i64,
}

const COLUMNS: &str = "id, name, kind, mode, partner, founded_on, closed_on, version";

fn row(r: &Row<'_>) -> rusqlite::Result<Platform> {
    Ok(Platform {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: r.get(2)?,
        mode: r.get(3)?,
        partner: r.get(4)?,
        founded_on: r.get(5)?,
        closed_on: r.get(6)?,
        version: r.get(7)?,
    })
}

/// Every platform, by kind then name.
pub fn list(conn: &Connection) -> Result<Vec<Platform>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM platform ORDER BY CASE kind WHEN 'rd_institution' THEN 0 WHEN 'transfer_institution' THEN 1 ELSE 2 END, name"
    ))?;
    let rows = stmt.query_map([], row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn find(conn: &Connection, id: i64) -> Result<Platform> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM platform WHERE id = ?1"))?
        .query_row(params![id], row)
        .optional()?
        .ok_or(Error::NotFound { what: "platform", key: id.to_string() })
}

/// The content a person edits, as the audit log and a refused save show it.
fn content(p: &Platform) -> serde_json::Value {
    let mut v = version::unversioned(p);
    if let serde_json::Value::Object(map) = &mut v {
        map.remove("id");
    }
    v
}

/// The checks of the form: a name of 1–200 characters free apart from `except`, a partner exactly
/// when joint, closing not before founding; the cleaned record, or every problem.
fn validate(conn: &Connection, p: &Platform, except: Option<i64>) -> Result<Platform> {
    let mut problems = Vec::new();
    let name = p.name.trim().to_string();
    if name.is_empty() {
        problems.push(Problem::field("name", "", ProblemKind::Required));
    } else if name.chars().count() > 200 {
        problems.push(Problem::field("name", name.as_str(), ProblemKind::TooLong(200)));
    } else if conn.query_row("SELECT EXISTS (SELECT 1 FROM platform WHERE name = ?1 AND id IS NOT ?2)", params![name, except], |r| {
        r.get::<_, bool>(0)
    })? {
        problems.push(Problem::field("name", name.as_str(), ProblemKind::DuplicateInDatabase));
    }
    let partner = p.partner.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    match (p.mode, &partner) {
        (PlatformMode::Joint, None) => {
            problems.push(Problem::field("partner", "", ProblemKind::RequiredFor(PlatformMode::Joint.zh().into())))
        }
        (PlatformMode::Own, Some(x)) => {
            problems.push(Problem::field("partner", x.as_str(), ProblemKind::NotAllowedFor(PlatformMode::Own.zh().into())))
        }
        (_, Some(x)) if x.chars().count() > 200 => problems.push(Problem::field("partner", x.as_str(), ProblemKind::TooLong(200))),
        _ => {}
    }
    for (field, date) in [("founded_on", Some(p.founded_on)), ("closed_on", p.closed_on)] {
        if let Some(Err(e)) = date.map(crate::date::check_range) {
            problems.push(Problem::field(field, iso(date.unwrap_or_default()), ProblemKind::Date(e)));
        }
    }
    if let Some(closed) = p.closed_on.filter(|c| *c < p.founded_on) {
        problems.push(Problem::field("closed_on", iso(closed), ProblemKind::DateOrder(iso(p.founded_on))));
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    Ok(Platform { name, partner, ..p.clone() })
}

/// Adds a platform; audited. Returns it as stored.
pub fn create(store: &mut Store, actor: &Actor, p: &Platform) -> Result<Platform> {
    let tx = store.write()?;
    let clean = validate(&tx, p, None)?;
    tx.prepare_cached("INSERT INTO platform (name, kind, mode, partner, founded_on, closed_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
        .execute(params![clean.name, clean.kind, clean.mode, clean.partner, clean.founded_on, clean.closed_on])?;
    let id = tx.last_insert_rowid();
    Journal::start(&tx, actor)?.record(&tx, Action::Insert, "platform", &id.to_string(), None, Some(&content(&clean)))?;
    tx.commit()?;
    find(store.conn(), id)
}

/// Saves a platform's form; refused (`edit_conflict`) when someone changed it since the form's
/// version. Returns it as stored.
pub fn update(store: &mut Store, actor: &Actor, p: &Platform) -> Result<Platform> {
    let tx = store.write()?;
    let before = find(&tx, p.id)?;
    version::check(&tx, &version::PLATFORM, before.version, p.version, || version::Stale {
        label: before.name.clone(),
        id: p.id,
        audit_keys: vec![p.id.to_string()],
        submitted: content(p),
        stored: content(&before),
    })?;
    let clean = validate(&tx, p, Some(p.id))?;
    tx.prepare_cached(
        "UPDATE platform SET name = ?1, kind = ?2, mode = ?3, partner = ?4, founded_on = ?5, closed_on = ?6, version = version + 1 WHERE id = ?7",
    )?
    .execute(params![clean.name, clean.kind, clean.mode, clean.partner, clean.founded_on, clean.closed_on, p.id])?;
    Journal::start(&tx, actor)?.record(
        &tx,
        Action::Update,
        "platform",
        &p.id.to_string(),
        Some(&content(&before)),
        Some(&content(&clean)),
    )?;
    tx.commit()?;
    find(store.conn(), p.id)
}

/// Deletes a platform recorded by mistake (a closed one keeps its closing day instead); refused
/// (`edit_conflict`) when it changed since `version`.
pub fn delete(store: &mut Store, actor: &Actor, id: i64, version: i64) -> Result<()> {
    let tx = store.write()?;
    let before = find(&tx, id)?;
    version::check(&tx, &version::PLATFORM, before.version, version, || version::Stale {
        label: before.name.clone(),
        id,
        audit_keys: vec![id.to_string()],
        submitted: serde_json::Value::Null,
        stored: content(&before),
    })?;
    tx.prepare_cached("DELETE FROM platform WHERE id = ?1")?.execute(params![id])?;
    Journal::start(&tx, actor)?.record(&tx, Action::Delete, "platform", &id.to_string(), Some(&content(&before)), None)?;
    tx.commit()?;
    Ok(())
}
