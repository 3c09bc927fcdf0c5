//! The append-only, hash-chained audit log, written in the same transaction as the change.

use super::{Actor, Store};
use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

/// The `prev_hash` of the first entry.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The kind of change an entry records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// A new record.
    Insert,
    /// A changed record.
    Update,
    /// A removed record.
    Delete,
}

impl Action {
    fn key(self) -> &'static str {
        match self {
            Action::Insert => "insert",
            Action::Update => "update",
            Action::Delete => "delete",
        }
    }
}

/// Appends entries within one transaction, carrying the chain's last hash along.
pub struct Journal<'a> {
    actor: &'a Actor,
    last_hash: String,
}

impl<'a> Journal<'a> {
    /// Reads the chain's head; call inside the write transaction.
    pub fn start(conn: &Connection, actor: &'a Actor) -> Result<Journal<'a>> {
        let last_hash = conn
            .query_row("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| r.get::<_, String>(0))
            .optional()?
            .unwrap_or_else(|| GENESIS.to_string());
        Ok(Journal { actor, last_hash })
    }

    /// Records one change: `before` and `after` are the record as JSON (absent for insert/delete).
    pub fn record(
        &mut self,
        conn: &Connection,
        action: Action,
        entity: &str,
        key: &str,
        before: Option<&serde_json::Value>,
        after: Option<&serde_json::Value>,
    ) -> Result<()> {
        let at = self.actor.at.format("%Y-%m-%dT%H:%M:%S").to_string();
        let before = before.map(|v| v.to_string());
        let after = after.map(|v| v.to_string());
        let entry = Entry {
            at: &at,
            actor: &self.actor.name,
            action: action.key(),
            entity,
            entity_key: key,
            before: before.as_deref(),
            after: after.as_deref(),
        };
        let hash = entry.hash(&self.last_hash);
        conn.prepare_cached(
            "INSERT INTO audit_log (at, actor, action, entity, entity_key, before, after, prev_hash, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![at, self.actor.name, action.key(), entity, key, before, after, self.last_hash, hash])?;
        self.last_hash = hash;
        Ok(())
    }
}

/// A file that carries personal data out of the store (a people export, a payroll sheet,
/// personal statements), for the audit log: who and when come from the actor; the entry says
/// what, where and whether full resident ID numbers are in it — never the numbers.
pub struct Disclosure<'a> {
    /// What was exported: `people`, `payroll` or `statements`; the entry's key.
    pub what: &'a str,
    /// The file written.
    pub file: &'a std::path::Path,
    /// The records (people) in it.
    pub rows: usize,
    /// Whether full resident ID numbers are in it (`--reveal-ids`).
    pub full_id_numbers: bool,
}

/// Writes an export with personal data (`bytes` to `d.file`, owner-only and atomic) together
/// with its audit entry (entity `export`): the entry is written in a transaction that commits
/// only once the file is in place, and a file whose entry cannot be committed is removed, so no
/// such file leaves unrecorded.
pub fn write_disclosed(store: &mut Store, actor: &Actor, d: &Disclosure<'_>, bytes: &[u8]) -> Result<()> {
    let tx = store.write()?;
    let after = serde_json::json!({"file": d.file.display().to_string(), "rows": d.rows, "full_id_numbers": d.full_id_numbers});
    Journal::start(&tx, actor)?.record(&tx, Action::Insert, "export", d.what, None, Some(&after))?;
    super::file::write_private(d.file, bytes)?;
    if let Err(e) = tx.commit() {
        let _ = std::fs::remove_file(d.file);
        return Err(e.into());
    }
    Ok(())
}

struct Entry<'a> {
    at: &'a str,
    actor: &'a str,
    action: &'a str,
    entity: &'a str,
    entity_key: &'a str,
    before: Option<&'a str>,
    after: Option<&'a str>,
}

impl Entry<'_> {
    fn hash(&self, prev: &str) -> String {
        // A JSON array is an unambiguous encoding: no field can bleed into the next.
        let canonical = serde_json::json!([prev, self.at, self.actor, self.action, self.entity, self.entity_key, self.before, self.after]);
        hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
    }
}

/// What `verify` found.
#[derive(Clone, Debug, Serialize, TS)]
pub struct VerifyReport {
    /// `ok`, or what SQLite's integrity check said.
    pub integrity: String,
    /// Entries in the audit log.
    pub audit_entries: u32,
    /// The id of the first entry whose hash or link does not match, if any.
    pub first_broken_entry: Option<i64>,
    /// True when both checks pass.
    pub ok: bool,
}

/// Runs `PRAGMA integrity_check` and walks the audit chain from the start.
pub fn verify(store: &Store) -> Result<VerifyReport> {
    verify_conn(store.conn())
}

/// [`verify`] on any connection to a TransferDesk file (a backup being checked, for one).
pub fn verify_conn(conn: &Connection) -> Result<VerifyReport> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let lines: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let integrity = lines.join("; ");
    let mut stmt =
        conn.prepare("SELECT id, at, actor, action, entity, entity_key, before, after, prev_hash, hash FROM audit_log ORDER BY id")?;
    let mut rows = stmt.query([])?;
    let mut expected_prev = GENESIS.to_string();
    let mut count = 0u32;
    let mut first_broken = None;
    while let Some(r) = rows.next()? {
        count += 1;
        if first_broken.is_some() {
            continue;
        }
        let id: i64 = r.get(0)?;
        let fields: [Option<String>; 7] = [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?];
        let prev: String = r.get(8)?;
        let hash: String = r.get(9)?;
        let entry = Entry {
            at: fields[0].as_deref().unwrap_or(""),
            actor: fields[1].as_deref().unwrap_or(""),
            action: fields[2].as_deref().unwrap_or(""),
            entity: fields[3].as_deref().unwrap_or(""),
            entity_key: fields[4].as_deref().unwrap_or(""),
            before: fields[5].as_deref(),
            after: fields[6].as_deref(),
        };
        if prev != expected_prev || entry.hash(&prev) != hash {
            first_broken = Some(id);
        }
        expected_prev = hash;
    }
    let ok = integrity == "ok" && first_broken.is_none();
    Ok(VerifyReport { integrity, audit_entries: count, first_broken_entry: first_broken, ok })
}
