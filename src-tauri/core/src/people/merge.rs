//! 合并 of duplicate people or organizations: every reference moves from the duplicate to the
//! record kept, the duplicate is hidden, and a `merge` row lists exactly what moved. A merge is
//! never deleted: it is undone by a counter-entry (kind `unmerge`) that moves those rows back.

use crate::error::{Error, Result};
use crate::problem::{Problem, ProblemKind};
use crate::store::audit::{Action, Journal};
use crate::store::{Actor, Store};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

/// What is merged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MergeEntity {
    /// 人员.
    Person,
    /// 合作单位.
    Organization,
}

impl MergeEntity {
    fn key(self) -> &'static str {
        match self {
            MergeEntity::Person => "person",
            MergeEntity::Organization => "organization",
        }
    }

    /// The record's audit key: employee ID or name, as the import writes it.
    fn label_sql(self) -> &'static str {
        match self {
            MergeEntity::Person => "SELECT employee_id || ' ' || name, merged_into FROM person WHERE id = ?1",
            MergeEntity::Organization => "SELECT name, merged_into FROM organization WHERE id = ?1",
        }
    }

    fn references(self) -> &'static [Reference] {
        match self {
            MergeEntity::Person => PERSON_REFERENCES,
            MergeEntity::Organization => ORGANIZATION_REFERENCES,
        }
    }
}

/// A merge or the counter-entry that undoes one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MergeKind {
    /// 合并.
    Merge,
    /// 撤销合并.
    Unmerge,
}

/// A table that refers to a person or organization. `select` lists the movable rows of ?1 as
/// (key1, key2); `update` moves one row (?3, ?4) from ?1 to ?2 and changes nothing if the row
/// no longer refers to ?1 (or is frozen). A moved row changes its parent's edit form, so the
/// parent's version goes up (store::version): in `update` itself when the row is the parent,
/// else by `bump` (?1: key1).
struct Reference {
    name: &'static str,
    select: &'static str,
    update: &'static str,
    bump: Option<&'static str>,
}

impl Reference {
    fn bump_parent(&self, tx: &Connection, key1: i64) -> Result<()> {
        if let Some(sql) = self.bump {
            tx.prepare_cached(sql)?.execute(params![key1])?;
        }
        Ok(())
    }
}

const PERSON_REFERENCES: &[Reference] = &[
    Reference {
        name: "inventor",
        select: "SELECT achievement_id, NULL FROM inventor WHERE person_id = ?1",
        update: "UPDATE inventor SET person_id = ?2 WHERE person_id = ?1 AND achievement_id = ?3 AND ?4 IS NULL",
        bump: Some("UPDATE achievement SET version = version + 1 WHERE id = ?1"),
    },
    Reference {
        name: "disclosure_inventor",
        select: "SELECT disclosure_id, NULL FROM disclosure_inventor WHERE person_id = ?1",
        update: "UPDATE disclosure_inventor SET person_id = ?2 WHERE person_id = ?1 AND disclosure_id = ?3 AND ?4 IS NULL",
        bump: Some("UPDATE disclosure SET version = version + 1 WHERE id = ?1"),
    },
    Reference {
        name: "grant_member",
        select: "SELECT grant_id, NULL FROM grant_member WHERE person_id = ?1",
        update: "UPDATE grant_member SET person_id = ?2 WHERE person_id = ?1 AND grant_id = ?3 AND ?4 IS NULL",
        bump: Some("UPDATE ownership_grant SET version = version + 1 WHERE id = ?1"),
    },
    // Lines of approved, publicized or paid distributions are history (the schema's triggers
    // freeze them): they stay with the duplicate and show on the kept person's page.
    Reference {
        name: "distribution_line",
        select: "SELECT l.distribution_id, l.position FROM distribution_line l JOIN distribution d ON d.id = l.distribution_id
                 WHERE l.person_id = ?1 AND d.state = 'draft'",
        update: "UPDATE distribution_line SET person_id = ?2 WHERE person_id = ?1 AND distribution_id = ?3 AND position = ?4
                 AND (SELECT state FROM distribution WHERE id = ?3) = 'draft'",
        bump: None,
    },
];

const ORGANIZATION_REFERENCES: &[Reference] = &[
    Reference {
        name: "contract",
        select: "SELECT id, NULL FROM contract WHERE organization_id = ?1",
        update: "UPDATE contract SET organization_id = ?2, version = version + 1 WHERE organization_id = ?1 AND id = ?3 AND ?4 IS NULL",
        bump: None,
    },
    Reference {
        name: "co_owner",
        select: "SELECT achievement_id, NULL FROM co_owner WHERE organization_id = ?1",
        update: "UPDATE co_owner SET organization_id = ?2 WHERE organization_id = ?1 AND achievement_id = ?3 AND ?4 IS NULL",
        bump: Some("UPDATE achievement SET version = version + 1 WHERE id = ?1"),
    },
    Reference {
        name: "publicity",
        select: "SELECT id, NULL FROM publicity WHERE organization_id = ?1",
        update: "UPDATE publicity SET organization_id = ?2, version = version + 1 WHERE organization_id = ?1 AND id = ?3 AND ?4 IS NULL",
        bump: None,
    },
];

/// Rows that both records hold for the same parent and that cannot become one: the first
/// column names the parent for the refusal.
const PERSON_CONFLICTS: &[&str] = &[
    "SELECT a.achievement_no FROM inventor x JOIN inventor y ON y.achievement_id = x.achievement_id
     JOIN achievement a ON a.id = x.achievement_id WHERE x.person_id = ?1 AND y.person_id = ?2",
    "SELECT d.disclosure_no FROM disclosure_inventor x JOIN disclosure_inventor y ON y.disclosure_id = x.disclosure_id
     JOIN disclosure d ON d.id = x.disclosure_id WHERE x.person_id = ?1 AND y.person_id = ?2",
    "SELECT '#' || x.grant_id FROM grant_member x JOIN grant_member y ON y.grant_id = x.grant_id WHERE x.person_id = ?1 AND y.person_id = ?2",
];

const ORGANIZATION_CONFLICTS: &[&str] = &["SELECT a.achievement_no FROM co_owner x JOIN co_owner y ON y.achievement_id = x.achievement_id
     JOIN achievement a ON a.id = x.achievement_id WHERE x.organization_id = ?1 AND y.organization_id = ?2"];

/// One row a merge moved, with what a person recognizes it by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct MovedRow {
    /// The table: inventor, disclosure_inventor, grant_member, distribution_line, contract, co_owner, publicity.
    pub reference: String,
    /// The parent record's id (achievement, disclosure, grant, distribution, contract, publicity).
    #[ts(type = "number")]
    pub parent_id: i64,
    /// The parent's number or title.
    pub label: String,
}

/// A merge or unmerge as the history shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct MergeRecord {
    /// Row id (`unmerge` takes it).
    #[ts(type = "number")]
    pub id: i64,
    /// Person or organization.
    pub entity: MergeEntity,
    /// Merge or its counter-entry.
    pub kind: MergeKind,
    /// The record kept.
    #[ts(type = "number")]
    pub keep_id: i64,
    /// Its employee ID and name, or name.
    pub keep_label: String,
    /// The duplicate.
    #[ts(type = "number")]
    pub duplicate_id: i64,
    /// Its employee ID and name, or name.
    pub duplicate_label: String,
    /// For an unmerge: the merge it undoes.
    #[ts(type = "number | null")]
    pub undoes_id: Option<i64>,
    /// For a merge: the unmerge that undid it.
    #[ts(type = "number | null")]
    pub undone_by_id: Option<i64>,
    /// Why.
    pub reason: String,
    /// When (ISO date-time).
    pub at: String,
    /// Who.
    pub actor: String,
    /// Exactly the rows moved.
    pub moved: Vec<MovedRow>,
}

fn refused(code: &'static str, detail: impl Into<String>) -> Error {
    Error::Refused { code, detail: detail.into() }
}

/// (label, merged_into) of a record, or not found.
fn record(conn: &Connection, entity: MergeEntity, id: i64) -> Result<(String, Option<i64>)> {
    conn.query_row(entity.label_sql(), params![id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::NotFound { what: entity.key(), key: id.to_string() })
}

fn reason_of(reason: &str) -> Result<String> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::Invalid(vec![Problem::field("reason", "", ProblemKind::Required)]));
    }
    if reason.chars().count() > 2000 {
        return Err(Error::Invalid(vec![Problem::field("reason", "", ProblemKind::TooLong(2000))]));
    }
    Ok(reason.to_string())
}

fn insert_merge(
    tx: &Connection,
    actor: &Actor,
    entity: MergeEntity,
    kind: &str,
    (keep, dup): (i64, i64),
    undoes: Option<i64>,
    reason: &str,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO merge (entity, kind, keep_id, duplicate_id, undoes_id, reason, at, actor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![entity.key(), kind, keep, dup, undoes, reason, actor.at.format("%Y-%m-%dT%H:%M:%S").to_string(), actor.name],
    )?;
    Ok(tx.last_insert_rowid())
}

fn record_moved(tx: &Connection, merge_id: i64, position: usize, reference: &str, key1: i64, key2: Option<i64>) -> Result<()> {
    tx.prepare_cached("INSERT INTO merge_moved (merge_id, position, reference, key1, key2) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![merge_id, position as i64, reference, key1, key2])?;
    Ok(())
}

fn set_merged_into(tx: &Connection, entity: MergeEntity, id: i64, into: Option<i64>) -> Result<()> {
    let sql = match entity {
        MergeEntity::Person => "UPDATE person SET merged_into = ?2, version = version + 1 WHERE id = ?1",
        MergeEntity::Organization => "UPDATE organization SET merged_into = ?2, version = version + 1 WHERE id = ?1",
    };
    tx.execute(sql, params![id, into])?;
    Ok(())
}

/// Folds `duplicate` into `keep`: moves every reference, hides the duplicate and records what
/// moved, in one audited transaction. Refused (`merge_conflict`) when both are on the same
/// achievement, disclosure or grant (their shares would have to be redone by hand first).
/// Returns the merge's id.
pub fn merge(store: &mut Store, actor: &Actor, entity: MergeEntity, keep: i64, duplicate: i64, reason: &str) -> Result<i64> {
    let reason = reason_of(reason)?;
    if keep == duplicate {
        return Err(refused("merge_same", keep.to_string()));
    }
    let (keep_label, keep_merged) = record(store.conn(), entity, keep)?;
    let (dup_label, dup_merged) = record(store.conn(), entity, duplicate)?;
    if keep_merged.is_some() {
        return Err(refused("already_merged", keep_label));
    }
    if dup_merged.is_some() {
        return Err(refused("already_merged", dup_label));
    }
    let conflicts = match entity {
        MergeEntity::Person => PERSON_CONFLICTS,
        MergeEntity::Organization => ORGANIZATION_CONFLICTS,
    };
    let mut clashes = Vec::new();
    for sql in conflicts {
        let mut stmt = store.conn().prepare(sql)?;
        for label in stmt.query_map(params![keep, duplicate], |r| r.get::<_, String>(0))? {
            clashes.push(label?);
        }
    }
    if !clashes.is_empty() {
        return Err(refused("merge_conflict", clashes.join("、")));
    }
    let tx = store.write()?;
    let id = insert_merge(&tx, actor, entity, "merge", (keep, duplicate), None, &reason)?;
    let mut moved = Vec::new();
    for reference in entity.references() {
        let rows = tx
            .prepare(reference.select)?
            .query_map(params![duplicate], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Option<i64>>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (key1, key2) in rows {
            if tx.prepare_cached(reference.update)?.execute(params![duplicate, keep, key1, key2])? == 1 {
                reference.bump_parent(&tx, key1)?;
            }
            record_moved(&tx, id, moved.len(), reference.name, key1, key2)?;
            moved.push(json!([reference.name, key1, key2]));
        }
    }
    set_merged_into(&tx, entity, duplicate, Some(keep))?;
    let mut journal = Journal::start(&tx, actor)?;
    journal.record(
        &tx,
        Action::Update,
        entity.key(),
        &dup_label,
        Some(&json!({ "merged_into": null })),
        Some(&json!({ "merged_into": keep_label })),
    )?;
    journal.record(
        &tx,
        Action::Insert,
        "merge",
        &id.to_string(),
        None,
        Some(&json!({ "kind": "merge", "entity": entity.key(), "keep": keep_label, "duplicate": dup_label, "reason": reason, "moved": moved })),
    )?;
    tx.commit()?;
    Ok(id)
}

/// Undoes a merge by a counter-entry: moves back exactly the rows it moved that still refer to
/// the kept record (draft distribution lines approved since stay: they are history now) and
/// shows the duplicate again; the merge itself stays on record. Returns the unmerge's id.
pub fn unmerge(store: &mut Store, actor: &Actor, merge_id: i64, reason: &str) -> Result<i64> {
    let reason = reason_of(reason)?;
    let original = get(store.conn(), merge_id)?;
    if original.kind != MergeKind::Merge || original.undone_by_id.is_some() {
        return Err(refused("merge_undone", merge_id.to_string()));
    }
    let entity = original.entity;
    let (keep, dup) = (original.keep_id, original.duplicate_id);
    let (keep_label, keep_merged) = record(store.conn(), entity, keep)?;
    if keep_merged.is_some() {
        // The kept record was merged further since: undo that merge first.
        return Err(refused("already_merged", keep_label));
    }
    let rows = store
        .conn()
        .prepare("SELECT reference, key1, key2 FROM merge_moved WHERE merge_id = ?1 ORDER BY position")?
        .query_map(params![merge_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, Option<i64>>(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let tx = store.write()?;
    let id = insert_merge(&tx, actor, entity, "unmerge", (keep, dup), Some(merge_id), &reason)?;
    let mut moved = Vec::new();
    for (name, key1, key2) in rows {
        let Some(reference) = entity.references().iter().find(|r| r.name == name) else { continue };
        if tx.prepare_cached(reference.update)?.execute(params![keep, dup, key1, key2])? == 1 {
            reference.bump_parent(&tx, key1)?;
            record_moved(&tx, id, moved.len(), reference.name, key1, key2)?;
            moved.push(json!([reference.name, key1, key2]));
        }
    }
    set_merged_into(&tx, entity, dup, None)?;
    let mut journal = Journal::start(&tx, actor)?;
    journal.record(
        &tx,
        Action::Update,
        entity.key(),
        &original.duplicate_label,
        Some(&json!({ "merged_into": keep_label })),
        Some(&json!({ "merged_into": null })),
    )?;
    journal.record(
        &tx,
        Action::Insert,
        "merge",
        &id.to_string(),
        None,
        Some(&json!({ "kind": "unmerge", "undoes": merge_id, "entity": entity.key(), "reason": reason, "moved": moved })),
    )?;
    tx.commit()?;
    Ok(id)
}

const RECORD_COLUMNS: &str = "m.id, m.entity, m.kind, m.keep_id, m.duplicate_id, m.undoes_id,
    (SELECT u.id FROM merge u WHERE u.undoes_id = m.id), m.reason, m.at, m.actor";

fn from_row(conn: &Connection, r: &rusqlite::Row<'_>) -> rusqlite::Result<MergeRecord> {
    let entity = match r.get::<_, String>(1)?.as_str() {
        "person" => MergeEntity::Person,
        _ => MergeEntity::Organization,
    };
    let kind = if r.get::<_, String>(2)? == "merge" { MergeKind::Merge } else { MergeKind::Unmerge };
    let label = |id: i64| conn.query_row(entity.label_sql(), params![id], |r| r.get::<_, String>(0)).unwrap_or_default();
    Ok(MergeRecord {
        id: r.get(0)?,
        entity,
        kind,
        keep_id: r.get(3)?,
        keep_label: label(r.get(3)?),
        duplicate_id: r.get(4)?,
        duplicate_label: label(r.get(4)?),
        undoes_id: r.get(5)?,
        undone_by_id: r.get(6)?,
        reason: r.get(7)?,
        at: r.get(8)?,
        actor: r.get(9)?,
        moved: Vec::new(),
    })
}

fn with_moved(conn: &Connection, mut m: MergeRecord) -> Result<MergeRecord> {
    let mut stmt = conn.prepare_cached(
        "SELECT x.reference, x.key1, CASE x.reference
           WHEN 'inventor' THEN (SELECT achievement_no || ' ' || title FROM achievement WHERE id = x.key1)
           WHEN 'co_owner' THEN (SELECT achievement_no || ' ' || title FROM achievement WHERE id = x.key1)
           WHEN 'disclosure_inventor' THEN (SELECT disclosure_no || ' ' || title FROM disclosure WHERE id = x.key1)
           WHEN 'grant_member' THEN '#' || x.key1
           WHEN 'distribution_line' THEN (SELECT c.contract_no FROM distribution d JOIN contract c ON c.id = d.contract_id WHERE d.id = x.key1) || ' #' || x.key1
           WHEN 'contract' THEN (SELECT contract_no || ' ' || title FROM contract WHERE id = x.key1)
           WHEN 'publicity' THEN (SELECT title FROM publicity WHERE id = x.key1)
         END
         FROM merge_moved x WHERE x.merge_id = ?1 ORDER BY x.position",
    )?;
    m.moved = stmt
        .query_map(params![m.id], |r| {
            Ok(MovedRow { reference: r.get(0)?, parent_id: r.get(1)?, label: r.get::<_, Option<String>>(2)?.unwrap_or_default() })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(m)
}

/// One merge or unmerge by id.
pub fn get(conn: &Connection, id: i64) -> Result<MergeRecord> {
    let m = conn
        .query_row(&format!("SELECT {RECORD_COLUMNS} FROM merge m WHERE m.id = ?1"), params![id], |r| from_row(conn, r))
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "merge", key: id.to_string() })?;
    with_moved(conn, m)
}

/// The merges and unmerges a record took part in (kept or duplicate), newest first.
pub fn history(conn: &Connection, entity: MergeEntity, id: i64) -> Result<Vec<MergeRecord>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {RECORD_COLUMNS} FROM merge m WHERE m.entity = ?1 AND (m.keep_id = ?2 OR m.duplicate_id = ?2) ORDER BY m.id DESC"
    ))?;
    let rows = stmt.query_map(params![entity.key(), id], |r| from_row(conn, r))?.collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(|m| with_moved(conn, m)).collect()
}
