//! The audit viewer (操作日志): the audit log page by page, filtered by record, kind of change,
//! actor and date, newest first. Reading only; the log itself is written by
//! [`crate::store::audit::Journal`].

use crate::error::Result;
use crate::store::search::MAX_PAGE_SIZE;
use crate::store::Store;
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Filters of the audit viewer.
#[derive(Clone, Debug, Default, Deserialize, TS)]
pub struct AuditQuery {
    /// 1-based page.
    pub page: u32,
    /// Rows per page, at most [`MAX_PAGE_SIZE`].
    pub page_size: u32,
    /// Only this kind of record (`person`, `achievement`, `contract`, `distribution`, …).
    pub entity: Option<String>,
    /// Only this record (its key as logged, e.g. a contract number); needs `entity`.
    pub entity_key: Option<String>,
    /// Only `insert`, `update` or `delete`.
    pub action: Option<String>,
    /// Actor contains.
    pub actor: Option<String>,
    /// From this day (inclusive).
    pub from: Option<NaiveDate>,
    /// Up to this day (inclusive).
    pub to: Option<NaiveDate>,
}

/// One audit entry as the viewer shows it.
#[derive(Clone, Debug, Serialize, TS)]
pub struct AuditEntry {
    /// Entry id (the chain's order).
    #[ts(type = "number")]
    pub id: i64,
    /// `YYYY-MM-DDTHH:MM:SS`.
    pub at: String,
    /// Who.
    pub actor: String,
    /// `insert`, `update` or `delete`.
    pub action: String,
    /// Kind of record.
    pub entity: String,
    /// The record's key.
    pub entity_key: String,
    /// The record before (JSON text), for updates and deletes.
    pub before: Option<String>,
    /// The record after (JSON text), for inserts and updates.
    pub after: Option<String>,
}

/// A page of entries and how many match in all.
#[derive(Clone, Debug, Serialize, TS)]
pub struct AuditPage {
    /// This page's entries, newest first.
    pub rows: Vec<AuditEntry>,
    /// All matching entries.
    pub total: u32,
    /// The kinds of record in the log, for the filter.
    pub entities: Vec<String>,
}

/// One page of the audit log.
pub fn list(store: &Store, q: &AuditQuery) -> Result<AuditPage> {
    let mut conds: Vec<&str> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let text = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    if let Some(e) = text(&q.entity) {
        conds.push("entity = ?");
        args.push(Value::Text(e));
    }
    if let Some(k) = text(&q.entity_key) {
        conds.push("entity_key = ?");
        args.push(Value::Text(k));
    }
    if let Some(a) = text(&q.action) {
        conds.push("action = ?");
        args.push(Value::Text(a));
    }
    if let Some(a) = text(&q.actor) {
        conds.push("instr(actor, ?) > 0");
        args.push(Value::Text(a));
    }
    if let Some(d) = q.from {
        conds.push("at >= ?");
        args.push(Value::Text(d.format("%Y-%m-%d").to_string()));
    }
    if let Some(d) = q.to.and_then(|d| d.succ_opt()) {
        conds.push("at < ?");
        args.push(Value::Text(d.format("%Y-%m-%d").to_string()));
    }
    let filter = if conds.is_empty() { String::new() } else { format!(" WHERE {}", conds.join(" AND ")) };
    let conn = store.conn();
    let total: u32 =
        conn.query_row(&format!("SELECT count(*) FROM audit_log{filter}"), rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
    let page_size = q.page_size.clamp(1, MAX_PAGE_SIZE);
    let offset = i64::from(q.page.max(1) - 1) * i64::from(page_size);
    let mut page_args = args.clone();
    page_args.push(Value::Integer(i64::from(page_size)));
    page_args.push(Value::Integer(offset));
    let mut stmt = conn.prepare(&format!(
        "SELECT id, at, actor, action, entity, entity_key, before, after FROM audit_log{filter} ORDER BY id DESC LIMIT ? OFFSET ?"
    ))?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(page_args.iter()), |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                entity: r.get(4)?,
                entity_key: r.get(5)?,
                before: r.get(6)?,
                after: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare("SELECT DISTINCT entity FROM audit_log ORDER BY entity")?;
    let entities = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(AuditPage { rows, total, entities })
}

/// The page a logged record opens on (the viewer's 打开记录).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TargetPage {
    /// An achievement's page.
    Achievement,
    /// A contract's page.
    Contract,
    /// A person's page.
    Person,
    /// An organization's page.
    Organization,
    /// A disclosure's page.
    Disclosure,
    /// A distribution's page.
    Distribution,
}

/// Where a logged record can be opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
pub struct AuditTarget {
    /// The page.
    pub page: TargetPage,
    /// The record's id on that page.
    #[ts(type = "number")]
    pub id: i64,
}

/// The page of the record an audit entry names, if it still exists and has one. The log keys
/// records by what people read (achievement and contract numbers, employee ids, organization
/// names), so the key is looked up here; dependent rows (receipts, fee payments, assessments …)
/// open their parent record.
pub fn target(store: &Store, entity: &str, key: &str) -> Result<Option<AuditTarget>> {
    use TargetPage as P;
    let key = key.trim();
    // The part of a composite key before its separator: `A001/2026` (fee payment), `PL2026-001#3` (assessment).
    let head = |sep: char| key.split(sep).next().unwrap_or(key);
    let (page, sql, arg) = match entity {
        "achievement" => (P::Achievement, "SELECT id FROM achievement WHERE achievement_no = ?1", key),
        "fee_payment" => (P::Achievement, "SELECT id FROM achievement WHERE achievement_no = ?1", head('/')),
        "fee_decision" => (P::Achievement, "SELECT achievement_id FROM fee_decision WHERE id = ?1", key),
        "contract" => (P::Contract, "SELECT id FROM contract WHERE contract_no = ?1", key),
        "receipt" => (P::Contract, "SELECT contract_id FROM receipt WHERE id = ?1", key),
        "cost" => (P::Contract, "SELECT contract_id FROM cost WHERE id = ?1", key),
        "person" => (P::Person, "SELECT id FROM person WHERE employee_id = ?1", key),
        "organization" => (P::Organization, "SELECT id FROM organization WHERE name = ?1", key),
        "disclosure" | "disclosure_decision" => (P::Disclosure, "SELECT id FROM disclosure WHERE disclosure_no = ?1", key),
        "assessment" => (P::Disclosure, "SELECT id FROM disclosure WHERE disclosure_no = ?1", head('#')),
        "distribution" => (P::Distribution, "SELECT id FROM distribution WHERE id = ?1", key),
        "valuation" => {
            let row: Option<(Option<i64>, Option<i64>)> = store
                .conn()
                .query_row("SELECT achievement_id, contract_id FROM valuation WHERE id = ?1", [key], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            return Ok(match row {
                Some((Some(id), _)) => Some(AuditTarget { page: P::Achievement, id }),
                Some((None, Some(id))) => Some(AuditTarget { page: P::Contract, id }),
                _ => None,
            });
        }
        _ => return Ok(None),
    };
    let id: Option<i64> = store.conn().query_row(sql, [arg], |r| r.get(0)).optional()?;
    Ok(id.map(|id| AuditTarget { page, id }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::institution::Institution;
    use crate::store::Actor;

    #[test]
    fn filters_and_pages_newest_first() {
        let mut store = Store::in_memory().expect("store");
        let at = |d: u32| Actor {
            name: format!("app:u{d}"),
            at: NaiveDate::from_ymd_opt(2026, 11, d).and_then(|x| x.and_hms_opt(10, 0, 0)).expect("t"),
        };
        for d in 1..=5 {
            let profile = Institution { name: format!("大学{d}"), province: "四川省".into(), fee_reduction: true };
            crate::store::institution::save(&mut store, &at(d), &profile).expect("save");
        }
        let all = list(&store, &AuditQuery { page: 1, page_size: 2, ..Default::default() }).expect("list");
        assert_eq!((all.total, all.rows.len()), (5, 2));
        assert_eq!(all.rows[0].at, "2026-11-05T10:00:00", "newest first");
        let q = AuditQuery {
            page: 1,
            page_size: 50,
            from: NaiveDate::from_ymd_opt(2026, 11, 2),
            to: NaiveDate::from_ymd_opt(2026, 11, 3),
            ..Default::default()
        };
        let days: Vec<String> = list(&store, &q).expect("list").rows.into_iter().map(|r| r.at).collect();
        assert_eq!(days, vec!["2026-11-03T10:00:00", "2026-11-02T10:00:00"], "both ends included");
        let by_actor = list(&store, &AuditQuery { page: 1, page_size: 50, actor: Some("u4".into()), ..Default::default() }).expect("l");
        assert_eq!(by_actor.total, 1);
        assert_eq!(all.entities.len(), 1);
    }

    #[test]
    fn target_looks_up_the_logged_key() {
        let store = Store::in_memory().expect("store");
        store
            .conn()
            .execute_batch(
                "INSERT INTO department (id, name) VALUES (1, '机械学院');
                 INSERT INTO achievement (id, achievement_no, title, kind, status, department_id)
                     VALUES (7, 'A2026-007', '一种传感器', 'know_how', 'in_force', 1);",
            )
            .expect("seed");
        let achievement = Some(AuditTarget { page: TargetPage::Achievement, id: 7 });
        assert_eq!(target(&store, "achievement", "A2026-007").expect("target"), achievement, "by number, not id");
        assert_eq!(target(&store, "fee_payment", "A2026-007/2026").expect("target"), achievement, "a fee payment opens its achievement");
        assert_eq!(target(&store, "achievement", "7").expect("target"), None, "an id is not a number");
        assert_eq!(target(&store, "holiday", "2026").expect("target"), None, "no record page");
    }
}
