//! Collective decisions (集体决策): the meeting record that, with the publicity and any appraisal,
//! frees decision makers from liability when a price later proves low
//! (docs/rules/publicity.md "Collective decisions").

use crate::error::{Error, Result};
use crate::problem::{Problem, ProblemKind};
use crate::store::audit::{Action, Journal};
use crate::store::version;
use crate::store::{Actor, Store};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One meeting's resolution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Resolution {
    /// `None` until saved.
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    /// The version the form was loaded at (0 for a new resolution): a save is refused
    /// (`edit_conflict`) once someone else changed the resolution (store::version).
    #[serde(default)]
    #[ts(type = "number")]
    pub version: i64,
    /// 会议日期.
    pub meeting_on: NaiveDate,
    /// 决策机构, e.g. 校长办公会.
    pub body: String,
    /// 议题.
    pub subject: String,
    /// 参会人员.
    pub participants: String,
    /// 决议内容.
    pub outcome: String,
}

impl Resolution {
    fn problems(&self, today: NaiveDate) -> Vec<Problem> {
        let mut out = Vec::new();
        for (field, value, max) in [
            ("body", &self.body, 100),
            ("subject", &self.subject, 500),
            ("participants", &self.participants, 2000),
            ("outcome", &self.outcome, 5000),
        ] {
            let n = value.trim().chars().count();
            if n == 0 {
                out.push(Problem::field(field, "", ProblemKind::Required));
            } else if n > max {
                out.push(Problem::field(field, value.clone(), ProblemKind::TooLong(max)));
            }
        }
        if self.meeting_on > today {
            out.push(Problem::field("meeting_on", crate::date::iso(self.meeting_on), ProblemKind::InFuture));
        }
        out
    }
}

const COLUMNS: &str = "id, meeting_on, body, subject, participants, outcome, version";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Resolution> {
    Ok(Resolution {
        id: r.get(0)?,
        version: r.get(6)?,
        meeting_on: r.get(1)?,
        body: r.get(2)?,
        subject: r.get(3)?,
        participants: r.get(4)?,
        outcome: r.get(5)?,
    })
}

/// Filters of the resolution list and picker (all optional).
#[derive(Clone, Debug, Default, Serialize, Deserialize, TS)]
pub struct ResolutionQuery {
    /// 1-based page.
    pub page: u32,
    /// Rows per page, at most [`crate::store::search::MAX_PAGE_SIZE`].
    pub page_size: u32,
    /// Body, subject, outcome or the meeting day (`2026-09`) contains.
    pub search: Option<String>,
    /// Only this resolution (a picker showing the one already chosen).
    #[ts(type = "number | null")]
    pub id: Option<i64>,
}

/// A page of the list.
#[derive(Clone, Debug, Serialize, TS)]
pub struct ResolutionPage {
    /// Rows matching the filters, over all pages.
    pub total: u32,
    /// This page's rows.
    pub rows: Vec<Resolution>,
}

/// The list, newest meeting first, filtered and paged in SQL.
pub fn list(conn: &Connection, q: &ResolutionQuery) -> Result<ResolutionPage> {
    use rusqlite::types::Value;
    let mut clauses = vec!["1".to_string()];
    let mut args: Vec<Value> = Vec::new();
    if let Some(search) = q.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        args.push(Value::Text(crate::store::search::contains_pattern(search)));
        clauses.push(format!(
            "(body LIKE ?{n} ESCAPE '\\' OR subject LIKE ?{n} ESCAPE '\\' OR outcome LIKE ?{n} ESCAPE '\\' OR meeting_on LIKE ?{n} ESCAPE '\\')",
            n = args.len()
        ));
    }
    if let Some(id) = q.id {
        args.push(Value::Integer(id));
        clauses.push(format!("id = ?{}", args.len()));
    }
    let filter = clauses.join(" AND ");
    let total: u32 =
        conn.query_row(&format!("SELECT count(*) FROM resolution WHERE {filter}"), rusqlite::params_from_iter(&args), |r| r.get(0))?;
    let size = q.page_size.clamp(1, crate::store::search::MAX_PAGE_SIZE);
    args.push(Value::Integer(i64::from(size)));
    args.push(Value::Integer(i64::from(q.page.max(1) - 1) * i64::from(size)));
    let sql = format!(
        "SELECT {COLUMNS} FROM resolution WHERE {filter} ORDER BY meeting_on DESC, id DESC LIMIT ?{} OFFSET ?{}",
        args.len() - 1,
        args.len()
    );
    let rows = conn.prepare(&sql)?.query_map(rusqlite::params_from_iter(&args), from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(ResolutionPage { total, rows })
}

/// One resolution by id.
pub fn get(conn: &Connection, id: i64) -> Result<Resolution> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM resolution WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "resolution", key: id.to_string() })
}

/// Adds (`id` None) or corrects a resolution; audited. A correction is refused (`edit_conflict`)
/// when the resolution is no longer at the form's version. Returns the id.
pub fn save(store: &mut Store, actor: &Actor, resolution: &Resolution) -> Result<i64> {
    let tx = store.write()?;
    let before = resolution.id.map(|id| get(&tx, id)).transpose()?;
    if let Some(b) = &before {
        let json = |r: &Resolution| serde_json::to_value(r).unwrap_or_default();
        version::check(&tx, &version::RESOLUTION, b.version, resolution.version, || version::Stale {
            id: b.id.unwrap_or_default(),
            label: format!("{} {}", b.meeting_on, b.body),
            audit_keys: vec![b.id.unwrap_or_default().to_string()],
            submitted: json(resolution),
            stored: json(b),
        })?;
    }
    let problems = resolution.problems(actor.at.date());
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let r = Resolution {
        body: resolution.body.trim().into(),
        subject: resolution.subject.trim().into(),
        participants: resolution.participants.trim().into(),
        outcome: resolution.outcome.trim().into(),
        ..resolution.clone()
    };
    let id = match r.id {
        Some(id) => {
            tx.execute(
                "UPDATE resolution SET meeting_on = ?1, body = ?2, subject = ?3, participants = ?4, outcome = ?5, version = version + 1 WHERE id = ?6",
                params![r.meeting_on, r.body, r.subject, r.participants, r.outcome, id],
            )?;
            id
        }
        None => {
            tx.execute(
                "INSERT INTO resolution (meeting_on, body, subject, participants, outcome) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![r.meeting_on, r.body, r.subject, r.participants, r.outcome],
            )?;
            tx.last_insert_rowid()
        }
    };
    let after = version::unversioned(Resolution { id: Some(id), ..r });
    let before = before.map(version::unversioned);
    let action = if before.is_some() { Action::Update } else { Action::Insert };
    Journal::start(&tx, actor)?.record(&tx, action, "resolution", &id.to_string(), before.as_ref(), Some(&after))?;
    tx.commit()?;
    Ok(id)
}
