//! The project register (项目): funded research projects with their level, funding and approval
//! day, linked to the achievements they produced (docs/annual-report.md "Records of the form's
//! parts 2–5"). National and provincial/ministerial projects are fiscally funded; part 2 of the
//! annual report counts those approved in the year.

use crate::date::iso;
use crate::error::{Error, Result};
use crate::model::FundingLevel;
use crate::money::Money;
use crate::problem::{Problem, ProblemKind};
use crate::store::audit::{Action, Journal};
use crate::store::{version, Actor, Store};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One project, as listed and as its form sends it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Project {
    /// Row id (0 in a form that creates one).
    #[serde(default)]
    #[ts(type = "number")]
    pub id: i64,
    /// 项目编号, unique.
    pub project_no: String,
    /// 项目名称.
    pub title: String,
    /// 项目级别.
    pub level: FundingLevel,
    /// 资助经费, fen (zero allowed: an unfunded project of the plan).
    pub funding_fen: Money,
    /// 立项日期.
    pub approved_on: NaiveDate,
    /// 产出成果: achievement numbers.
    #[serde(default)]
    pub achievements: Vec<String>,
    /// The version the form was loaded at (store::version); 0 for a new one.
    #[serde(default)]
    #[ts(type = "number")]
    pub version: i64,
}

const COLUMNS: &str = "id, project_no, title, level, funding_fen, approved_on, version";

fn row(r: &Row<'_>) -> rusqlite::Result<Project> {
    Ok(Project {
        id: r.get(0)?,
        project_no: r.get(1)?,
        title: r.get(2)?,
        level: r.get(3)?,
        funding_fen: Money(r.get(4)?),
        approved_on: r.get(5)?,
        achievements: Vec::new(),
        version: r.get(6)?,
    })
}

fn with_achievements(conn: &Connection, mut p: Project) -> Result<Project> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.achievement_no FROM project_achievement pa JOIN achievement a ON a.id = pa.achievement_id
         WHERE pa.project_id = ?1 ORDER BY a.achievement_no",
    )?;
    p.achievements = stmt.query_map(params![p.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(p)
}

/// Every project, newest approval first.
pub fn list(conn: &Connection) -> Result<Vec<Project>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM project ORDER BY approved_on DESC, project_no"))?;
    let rows: Vec<Project> = stmt.query_map([], row)?.collect::<rusqlite::Result<_>>()?;
    rows.into_iter().map(|p| with_achievements(conn, p)).collect()
}

fn find(conn: &Connection, id: i64) -> Result<Project> {
    let p = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM project WHERE id = ?1"))?
        .query_row(params![id], row)
        .optional()?
        .ok_or(Error::NotFound { what: "project", key: id.to_string() })?;
    with_achievements(conn, p)
}

/// The content a person edits, as the audit log and a refused save show it.
fn content(p: &Project) -> serde_json::Value {
    let mut v = version::unversioned(p);
    if let serde_json::Value::Object(map) = &mut v {
        map.remove("id");
    }
    v
}

/// The checks of the form: a number of 1–60 characters free apart from `except`, a title of
/// 1–500, funding not negative, known achievements each once; the cleaned project and the
/// achievements' row ids, or every problem.
fn validate(conn: &Connection, p: &Project, except: Option<i64>) -> Result<(Project, Vec<i64>)> {
    let mut problems = Vec::new();
    let project_no = p.project_no.trim().to_string();
    if project_no.is_empty() {
        problems.push(Problem::field("project_no", "", ProblemKind::Required));
    } else if project_no.chars().count() > 60 {
        problems.push(Problem::field("project_no", project_no.as_str(), ProblemKind::TooLong(60)));
    } else if conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM project WHERE project_no = ?1 AND id IS NOT ?2)",
        params![project_no, except],
        |r| r.get::<_, bool>(0),
    )? {
        problems.push(Problem::field("project_no", project_no.as_str(), ProblemKind::DuplicateInDatabase));
    }
    let title = p.title.trim().to_string();
    if title.is_empty() {
        problems.push(Problem::field("title", "", ProblemKind::Required));
    } else if title.chars().count() > 500 {
        problems.push(Problem::field("title", "", ProblemKind::TooLong(500)));
    }
    if let Some(e) = crate::money::form_amount_error(p.funding_fen, false) {
        problems.push(Problem::field("funding_fen", p.funding_fen.0.to_string(), ProblemKind::Amount(e)));
    }
    if let Err(e) = crate::date::check_range(p.approved_on) {
        problems.push(Problem::field("approved_on", iso(p.approved_on), ProblemKind::Date(e)));
    }
    let mut ids = Vec::new();
    let mut numbers: Vec<String> = Vec::new();
    for no in p.achievements.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        if numbers.iter().any(|n| n == no) {
            problems.push(Problem::field("achievements", no, ProblemKind::RepeatedEntry(no.to_string())));
            continue;
        }
        match conn
            .prepare_cached("SELECT id FROM achievement WHERE achievement_no = ?1")?
            .query_row(params![no], |r| r.get(0))
            .optional()?
        {
            Some(id) => ids.push(id),
            None => problems.push(Problem::field("achievements", no, ProblemKind::UnknownReference("achievement", no.to_string()))),
        }
        numbers.push(no.to_string());
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    numbers.sort();
    Ok((Project { project_no, title, achievements: numbers, ..p.clone() }, ids))
}

fn link(conn: &Connection, id: i64, achievements: &[i64]) -> Result<()> {
    conn.prepare_cached("DELETE FROM project_achievement WHERE project_id = ?1")?.execute(params![id])?;
    for a in achievements {
        conn.prepare_cached("INSERT INTO project_achievement (project_id, achievement_id) VALUES (?1, ?2)")?.execute(params![id, a])?;
    }
    Ok(())
}

/// Adds a project with its achievements; audited. Returns it as stored.
pub fn create(store: &mut Store, actor: &Actor, p: &Project) -> Result<Project> {
    let tx = store.write()?;
    let (clean, ids) = validate(&tx, p, None)?;
    tx.prepare_cached("INSERT INTO project (project_no, title, level, funding_fen, approved_on) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![clean.project_no, clean.title, clean.level, clean.funding_fen.0, clean.approved_on])?;
    let id = tx.last_insert_rowid();
    link(&tx, id, &ids)?;
    Journal::start(&tx, actor)?.record(&tx, Action::Insert, "project", &clean.project_no, None, Some(&content(&clean)))?;
    tx.commit()?;
    find(store.conn(), id)
}

/// Saves a project's form; refused (`edit_conflict`) when someone changed it since the form's
/// version. Returns it as stored.
pub fn update(store: &mut Store, actor: &Actor, p: &Project) -> Result<Project> {
    let tx = store.write()?;
    let before = find(&tx, p.id)?;
    version::check(&tx, &version::PROJECT, before.version, p.version, || version::Stale {
        label: before.project_no.clone(),
        id: p.id,
        audit_keys: vec![before.project_no.clone(), p.project_no.trim().to_string()],
        submitted: content(p),
        stored: content(&before),
    })?;
    let (clean, ids) = validate(&tx, p, Some(p.id))?;
    tx.prepare_cached(
        "UPDATE project SET project_no = ?1, title = ?2, level = ?3, funding_fen = ?4, approved_on = ?5, version = version + 1 WHERE id = ?6",
    )?
    .execute(params![clean.project_no, clean.title, clean.level, clean.funding_fen.0, clean.approved_on, p.id])?;
    link(&tx, p.id, &ids)?;
    Journal::start(&tx, actor)?.record(
        &tx,
        Action::Update,
        "project",
        &before.project_no,
        Some(&content(&before)),
        Some(&content(&clean)),
    )?;
    tx.commit()?;
    find(store.conn(), p.id)
}

/// Deletes a project recorded by mistake (its links go with it); refused (`edit_conflict`) when it
/// changed since `version`.
pub fn delete(store: &mut Store, actor: &Actor, id: i64, version: i64) -> Result<()> {
    let tx = store.write()?;
    let before = find(&tx, id)?;
    version::check(&tx, &version::PROJECT, before.version, version, || version::Stale {
        label: before.project_no.clone(),
        id,
        audit_keys: vec![before.project_no.clone()],
        submitted: serde_json::Value::Null,
        stored: content(&before),
    })?;
    tx.prepare_cached("DELETE FROM project WHERE id = ?1")?.execute(params![id])?;
    Journal::start(&tx, actor)?.record(&tx, Action::Delete, "project", &before.project_no, Some(&content(&before)), None)?;
    tx.commit()?;
    Ok(())
}

/// Where an achievement came from: its funding source level and the projects it is linked to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct AchievementFunding {
    /// 成果编号.
    pub achievement_no: String,
    /// 成果名称.
    pub title: String,
    /// 成果来源 (None: not recorded).
    pub funding_level: Option<FundingLevel>,
    /// The numbers of the projects that list it.
    pub projects: Vec<String>,
    /// The achievement's version, which [`set_funding_level`] sends back (store::version).
    #[ts(type = "number")]
    pub version: i64,
}

/// An achievement's funding source level and projects.
pub fn funding(conn: &Connection, achievement_no: &str) -> Result<AchievementFunding> {
    let (id, mut f) = conn
        .prepare_cached("SELECT id, achievement_no, title, funding_level, version FROM achievement WHERE achievement_no = ?1")?
        .query_row(params![achievement_no.trim()], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                AchievementFunding {
                    achievement_no: r.get(1)?,
                    title: r.get(2)?,
                    funding_level: r.get(3)?,
                    projects: Vec::new(),
                    version: r.get(4)?,
                },
            ))
        })
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "achievement", key: achievement_no.trim().to_string() })?;
    let mut stmt = conn.prepare_cached(
        "SELECT p.project_no FROM project_achievement pa JOIN project p ON p.id = pa.project_id WHERE pa.achievement_id = ?1 ORDER BY p.project_no",
    )?;
    f.projects = stmt.query_map(params![id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(f)
}

/// Records (or clears) an achievement's funding source level; a change of the achievement,
/// audited under its number, refused (`edit_conflict`) when the achievement is no longer at
/// `version`. Returns it as stored.
pub fn set_funding_level(
    store: &mut Store,
    actor: &Actor,
    achievement_no: &str,
    level: Option<FundingLevel>,
    version: i64,
) -> Result<AchievementFunding> {
    let tx = store.write()?;
    let before = funding(&tx, achievement_no)?;
    let json = |l: Option<FundingLevel>| serde_json::json!({ "funding_level": l });
    version::check(&tx, &version::ACHIEVEMENT, before.version, version, || version::Stale {
        label: before.achievement_no.clone(),
        id: tx.query_row("SELECT id FROM achievement WHERE achievement_no = ?1", params![before.achievement_no], |r| r.get(0)).unwrap_or(0),
        audit_keys: vec![before.achievement_no.clone()],
        submitted: json(level),
        stored: json(before.funding_level),
    })?;
    if before.funding_level != level {
        tx.prepare_cached("UPDATE achievement SET funding_level = ?1, version = version + 1 WHERE achievement_no = ?2")?
            .execute(params![level, before.achievement_no])?;
        Journal::start(&tx, actor)?.record(
            &tx,
            Action::Update,
            "achievement",
            &before.achievement_no,
            Some(&json(before.funding_level)),
            Some(&json(level)),
        )?;
    }
    tx.commit()?;
    funding(store.conn(), &before.achievement_no)
}
