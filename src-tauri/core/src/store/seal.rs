//! Tamper evidence for the records (docs/reliability.md "Tamper evidence"): every row of a sealed
//! table is proven by the audit log.
//!
//! Sealed tables: every table of the data file except the audit log itself (`audit_log`,
//! `audit_row`), SQLite's own and the search index (`search_*`, rebuilt from the records) — so a
//! table a later migration adds is sealed without anyone listing it.
//!
//! A row's digest is SHA-256 over its table, its key and every column's type and value, followed
//! by 4 bytes per column (FNV-1a of that column's encoding) that only serve to name the columns
//! that differ. Each audit entry written from schema [`super::sealed_since`] on carries, in
//! `audit_row`, the digests of the rows its write created, changed or deleted (NULL for a deleted
//! row), and the SHA-256 of those rows (`rows_sha256`) is part of the entry's hash. The newest
//! entry of a row says what the row must be: `verify` recomputes every row's digest and compares.
//!
//! How a write is sealed without each call site naming its rows: connection-local (TEMP)
//! triggers note the key of every row an insert, update or delete of this connection touches
//! (in `td_touched`, cascades included); [`super::audit::Journal`] entries wait in `td_pending`;
//! when the transaction commits ([`super::Tx::commit`]) each touched row is read, its digest
//! compared with the newest recorded one, and each changed row is attached to the first entry
//! recorded after it (or the transaction's last entry); then the entries are chained into
//! `audit_log`. A transaction that changed a sealed row without recording any entry is refused:
//! a write the app does not audit is a bug. Rows written with sqlite3 or any other program fire
//! no such trigger and carry no digest: `verify` names them.

use crate::error::{Error, Result};
use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap, HashSet};

/// The `prev_hash` of the first entry.
pub(crate) const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The actor of the entries a schema upgrade writes (the baseline of an older file's rows).
pub const UPGRADE_ACTOR: &str = "transferdesk";

/// The entity of those entries; their key is the schema version reached.
pub const UPGRADE_ENTITY: &str = "schema";

/// The head of the audit chain: how many entries, and the newest one's hash. Kept outside the
/// data file too (docs/reliability.md "Witnesses"): beside it, in each backup's manifest, in each
/// filed annual report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Head {
    /// Entries in the log (the newest entry's id: ids run 1, 2, 3 … without gaps).
    pub entries: i64,
    /// The newest entry's hash (hex SHA-256).
    pub hash: String,
}

/// The chain's head, or None for an empty log.
pub fn head(conn: &Connection) -> Result<Option<Head>> {
    Ok(conn
        .query_row("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| Ok(Head { entries: r.get(0)?, hash: r.get(1)? }))
        .optional()?)
}

/// How a sealed table's rows are named.
#[derive(Clone, Debug)]
enum KeyKind {
    /// By rowid (an `INTEGER PRIMARY KEY` is the rowid).
    Rowid,
    /// A `WITHOUT ROWID` table's single-column primary key, as text.
    Single(String),
    /// A `WITHOUT ROWID` table's primary key columns, as a JSON array.
    Composite(Vec<String>),
}

/// A sealed table, as this file's schema has it.
#[derive(Clone, Debug)]
pub(crate) struct SealedTable {
    /// Its name.
    pub(crate) name: String,
    /// Its columns, in order (those of `SELECT *`).
    pub(crate) columns: Vec<String>,
    key: KeyKind,
}

fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

impl SealedTable {
    /// The SQL expression of a row's key (`prefix` `new.`, `old.` or empty), as text.
    fn key_expr(&self, prefix: &str) -> String {
        match &self.key {
            KeyKind::Rowid => format!("CAST({prefix}rowid AS TEXT)"),
            KeyKind::Single(c) => format!("CAST({prefix}{} AS TEXT)", quote(c)),
            KeyKind::Composite(cs) => {
                format!("json_array({})", cs.iter().map(|c| format!("{prefix}{}", quote(c))).collect::<Vec<_>>().join(", "))
            }
        }
    }

    /// Reads one row by its key (`?1`), through the table's own key index.
    fn lookup_sql(&self) -> String {
        let name = quote(&self.name);
        match &self.key {
            KeyKind::Rowid => format!("SELECT * FROM {name} WHERE rowid = CAST(?1 AS INTEGER)"),
            KeyKind::Single(c) => format!("SELECT * FROM {name} WHERE {} = ?1", quote(c)),
            KeyKind::Composite(cs) => {
                let parts: Vec<String> = cs.iter().enumerate().map(|(i, c)| format!("{} = json_extract(?1, '$[{i}]')", quote(c))).collect();
                format!("SELECT * FROM {name} WHERE {}", parts.join(" AND "))
            }
        }
    }

    /// Every row with its key first.
    fn scan_sql(&self) -> String {
        format!("SELECT {}, * FROM {}", self.key_expr(""), quote(&self.name))
    }
}

/// Sessions change on every request, the access log is a log of its own (append-only), and which
/// notifications someone read or were mailed is the state of their inbox, and the fee docket's
/// stamp is derived from the records (like the search index): none is a record the audit log
/// speaks for.
fn is_sealed(name: &str) -> bool {
    const UNSEALED: [&str; 7] =
        ["audit_log", "audit_row", "session", "access_log", "notification_read", "notification_mail", "fee_docket_stamp"];
    !(name.starts_with("sqlite_") || name.starts_with("search_") || UNSEALED.contains(&name))
}

/// The sealed tables of the file on `conn`, by name.
pub(crate) fn sealed_tables(conn: &Connection) -> Result<Vec<SealedTable>> {
    let mut stmt = conn.prepare("SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table' ORDER BY name")?;
    let listed: Vec<(String, bool)> = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut info = conn.prepare("SELECT name, pk FROM pragma_table_info(?1) ORDER BY cid")?;
    let mut out = Vec::new();
    for (name, without_rowid) in listed.into_iter().filter(|(n, _)| is_sealed(n)) {
        let cols: Vec<(String, i64)> = info.query_map([&name], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        let mut pk: Vec<&(String, i64)> = cols.iter().filter(|(_, p)| *p > 0).collect();
        pk.sort_by_key(|(_, p)| *p);
        let key = match (without_rowid, pk.as_slice()) {
            (false, _) => KeyKind::Rowid,
            (true, [one]) => KeyKind::Single(one.0.clone()),
            (true, many) => KeyKind::Composite(many.iter().map(|(c, _)| c.clone()).collect()),
        };
        out.push(SealedTable { columns: cols.into_iter().map(|(c, _)| c).collect(), name, key });
    }
    Ok(out)
}

/// Creates this connection's temporary tables and the triggers that note every row it touches.
pub(crate) fn install_capture(conn: &Connection, tables: &[SealedTable]) -> Result<()> {
    let mut sql = String::from(
        "CREATE TEMP TABLE IF NOT EXISTS td_touched (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, key TEXT NOT NULL);
         CREATE TEMP TABLE IF NOT EXISTS td_pending (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
             entity TEXT NOT NULL, entity_key TEXT NOT NULL, before TEXT, after TEXT, touched_upto INTEGER NOT NULL);\n",
    );
    for t in tables {
        let (name, lit) = (quote(&t.name), literal(&t.name));
        // A plain INSERT: a conflict clause in a trigger would yield to the statement's own.
        let touch = |prefix: &str| format!("INSERT INTO td_touched (tbl, key) VALUES ({lit}, {});", t.key_expr(prefix));
        sql.push_str(&format!(
            "CREATE TEMP TRIGGER IF NOT EXISTS {} AFTER INSERT ON main.{name} BEGIN {} END;
             CREATE TEMP TRIGGER IF NOT EXISTS {} AFTER UPDATE ON main.{name} BEGIN {} {} END;
             CREATE TEMP TRIGGER IF NOT EXISTS {} AFTER DELETE ON main.{name} BEGIN {} END;\n",
            quote(&format!("td_{}_insert", t.name)),
            touch("new."),
            quote(&format!("td_{}_update", t.name)),
            touch("old."),
            touch("new."),
            quote(&format!("td_{}_delete", t.name)),
            touch("old."),
        ));
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

/// Notes every row of every sealed table as touched: a file whose log is still empty (a new
/// file, whose migrations seeded the default policy, the holidays …) seals them with its first
/// entry.
pub(crate) fn touch_all(conn: &Connection, tables: &[SealedTable]) -> Result<()> {
    for t in tables {
        conn.execute(
            &format!("INSERT INTO td_touched (tbl, key) SELECT {}, {} FROM {}", literal(&t.name), t.key_expr(""), quote(&t.name)),
            [],
        )?;
    }
    Ok(())
}

/// The newest touch so far (a transaction notes it when it begins).
pub(crate) fn touched_mark(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT coalesce(max(seq), 0) FROM td_touched", [], |r| r.get(0))?)
}

/// An entry waiting for its transaction's commit.
#[derive(Clone, Debug)]
pub(crate) struct NewEntry {
    pub(crate) at: String,
    pub(crate) actor: String,
    pub(crate) action: &'static str,
    pub(crate) entity: String,
    pub(crate) entity_key: String,
    pub(crate) before: Option<String>,
    pub(crate) after: Option<String>,
}

/// Keeps `entry` for the commit of the transaction on `conn`, after the rows touched so far.
pub(crate) fn pend(conn: &Connection, entry: &NewEntry) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO td_pending (at, actor, action, entity, entity_key, before, after, touched_upto)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, (SELECT coalesce(max(seq), 0) FROM td_touched))",
    )?
    .execute(params![entry.at, entry.actor, entry.action, entry.entity, entry.entity_key, entry.before, entry.after])?;
    Ok(())
}

/// One row's part of an entry: table, key, digest (None: deleted).
pub(crate) type SealRow = (String, String, Option<Vec<u8>>);

/// Seals the transaction on `conn` before it commits: writes the pending entries with the digests
/// of the rows changed since the last seal. Returns the new head, or None when nothing was
/// recorded. Rows touched before the transaction began (`begin` is [`touched_mark`] then) and
/// not sealed by it wait for the next entry; a row this transaction changed without any entry is
/// refused.
pub(crate) fn commit_pending(conn: &Connection, tables: &[SealedTable], begin: i64) -> Result<Option<Head>> {
    // Each row once, at its last touch.
    let touched: Vec<(i64, String, String)> = conn
        .prepare_cached("SELECT max(seq), tbl, key FROM td_touched GROUP BY tbl, key ORDER BY 1")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    // Where each pending entry stands among the touches; the entries themselves (their JSON)
    // are read one at a time below.
    let marks: Vec<i64> = conn
        .prepare_cached("SELECT touched_upto FROM td_pending ORDER BY seq")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if touched.is_empty() && marks.is_empty() {
        return Ok(None);
    }
    let by_name: HashMap<&str, &SealedTable> = tables.iter().map(|t| (t.name.as_str(), t)).collect();
    let mut changed: Vec<(i64, SealRow)> = Vec::new();
    for (seq, tbl, key) in touched {
        let Some(table) = by_name.get(tbl.as_str()) else { continue };
        let current = current_digest(conn, table, &key)?;
        let recorded = recorded_digest(conn, &tbl, &key)?;
        let same = match (&recorded, &current) {
            (None, None) => true,
            (Some(r), c) => r == c,
            (None, Some(_)) => false,
        };
        if !same {
            changed.push((seq, (tbl, key, current)));
        }
    }
    if marks.is_empty() {
        if let Some((_, (tbl, key, _))) = changed.iter().find(|(seq, _)| *seq > begin) {
            return Err(Error::Database(format!(
                "{tbl} {key} was changed without an audit entry (docs/reliability.md \"Tamper evidence\")"
            )));
        }
        return Ok(None);
    }
    let mut rows: Vec<Vec<SealRow>> = vec![Vec::new(); marks.len()];
    for (seq, row) in changed {
        // The first entry recorded after the row was last touched, else the last entry.
        let i = marks.partition_point(|upto| *upto < seq).min(marks.len() - 1);
        rows[i].push(row);
    }
    let mut last = head(conn)?.map(|h| (h.entries, h.hash)).unwrap_or_else(|| (0, GENESIS.to_string()));
    let mut stmt = conn.prepare_cached("SELECT at, actor, action, entity, entity_key, before, after FROM td_pending ORDER BY seq")?;
    let mut pending = stmt.query([])?;
    let mut rows = rows.into_iter();
    while let Some(r) = pending.next()? {
        let action: String = r.get(2)?;
        let entry = NewEntry {
            at: r.get(0)?,
            actor: r.get(1)?,
            action: match action.as_str() {
                "insert" => "insert",
                "delete" => "delete",
                _ => "update",
            },
            entity: r.get(3)?,
            entity_key: r.get(4)?,
            before: r.get(5)?,
            after: r.get(6)?,
        };
        let mut entry_rows = rows.next().unwrap_or_default();
        append(conn, &mut last, &entry, &mut entry_rows)?;
    }
    drop(pending);
    drop(stmt);
    conn.execute_batch("DELETE FROM td_pending; DELETE FROM td_touched;")?;
    Ok(Some(Head { entries: last.0, hash: last.1 }))
}

/// The digest of the row `key` of `table` now, or None when there is no such row.
fn current_digest(conn: &Connection, table: &SealedTable, key: &str) -> Result<Option<Vec<u8>>> {
    let n = table.columns.len();
    Ok(conn.prepare_cached(&table.lookup_sql())?.query_row([key], |r| row_digest(&table.name, key, r, 0, n)).optional()?)
}

/// The digest the newest entry recorded for a row: None when no entry names it, Some(None) when
/// it was deleted.
fn recorded_digest(conn: &Connection, tbl: &str, key: &str) -> Result<Option<Option<Vec<u8>>>> {
    Ok(conn
        .prepare_cached("SELECT digest FROM audit_row WHERE tbl = ?1 AND key = ?2 ORDER BY entry_id DESC LIMIT 1")?
        .query_row([tbl, key], |r| r.get(0))
        .optional()?)
}

/// Appends one entry with its rows to the chain whose head is `last`.
fn append(conn: &Connection, last: &mut (i64, String), entry: &NewEntry, rows: &mut [SealRow]) -> Result<()> {
    rows.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    let leaves: Vec<[u8; 32]> = rows.iter().map(|(t, k, d)| leaf(t, k, d.as_deref())).collect();
    let rows_sha = rows_sha256(&leaves);
    let fields = EntryFields {
        at: &entry.at,
        actor: &entry.actor,
        action: entry.action,
        entity: &entry.entity,
        entity_key: &entry.entity_key,
        before: entry.before.as_deref(),
        after: entry.after.as_deref(),
        rows_sha256: Some(&rows_sha),
    };
    let hash = entry_hash(&last.1, &fields);
    let id = last.0 + 1;
    conn.prepare_cached(
        "INSERT INTO audit_log (id, at, actor, action, entity, entity_key, before, after, prev_hash, hash, rows_sha256)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        id,
        entry.at,
        entry.actor,
        entry.action,
        entry.entity,
        entry.entity_key,
        entry.before,
        entry.after,
        last.1,
        hash,
        rows_sha
    ])?;
    let mut insert = conn.prepare_cached("INSERT INTO audit_row (tbl, key, entry_id, digest) VALUES (?1, ?2, ?3, ?4)")?;
    for (t, k, d) in rows.iter() {
        insert.execute(params![t, k, id, d])?;
    }
    *last = (id, hash);
    Ok(())
}

/// After the migrations of an upgrade (in their transaction): seals the rows whose digest is not
/// the recorded one — every row of a file from before schema [`super::sealed_since`] (the
/// baseline), else the rows the migrations changed — in one entry (`schema`, key = `to`).
/// `exempt` are the rows that already differed before the migrations (they stay findings).
pub(crate) fn seal_upgrade(conn: &Connection, exempt: &HashSet<(String, String)>, from: i64, to: i64) -> Result<()> {
    let tables = sealed_tables(conn)?;
    let mut rows: Vec<SealRow> = Vec::new();
    compare(conn, &tables, false, |d| {
        if !exempt.contains(&(d.table.clone(), d.key.clone())) {
            rows.push((d.table, d.key, d.current));
        }
    })?;
    if rows.is_empty() {
        return Ok(());
    }
    // Core reads no clock: the baseline is stamped with the newest entry's time.
    let at: String = conn.query_row("SELECT at FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).optional()?.unwrap_or_default();
    let entry = NewEntry {
        at,
        actor: UPGRADE_ACTOR.into(),
        action: "update",
        entity: UPGRADE_ENTITY.into(),
        entity_key: to.to_string(),
        before: Some(serde_json::json!({ "schema_version": from }).to_string()),
        after: Some(serde_json::json!({ "schema_version": to, "sealed_rows": rows.len() }).to_string()),
    };
    let mut last = head(conn)?.map(|h| (h.entries, h.hash)).unwrap_or_else(|| (0, GENESIS.to_string()));
    append(conn, &mut last, &entry, &mut rows)
}

/// The rows whose digest is not the recorded one, by (table, key) — for an upgrade, before its
/// migrations run.
pub(crate) fn differing_rows(conn: &Connection) -> Result<HashSet<(String, String)>> {
    let tables = sealed_tables(conn)?;
    let mut out = HashSet::new();
    compare(conn, &tables, false, |d| {
        out.insert((d.table, d.key));
    })?;
    Ok(out)
}

/// The newest entry naming a row, with the digest it recorded (None: the row was deleted).
pub(crate) type Recorded = (i64, Option<Vec<u8>>);

/// A row that is not what its newest entry recorded.
#[derive(Debug)]
pub(crate) struct Diff {
    pub(crate) table: String,
    pub(crate) key: String,
    /// The newest entry naming the row, with the digest it recorded (None: deleted); None when
    /// no entry names it.
    pub(crate) recorded: Option<Recorded>,
    /// The row's digest now; None when there is no such row.
    pub(crate) current: Option<Vec<u8>>,
    /// The columns that differ (when both digests exist and the table kept its columns).
    pub(crate) columns: Option<Vec<String>>,
}

/// What [`compare`] saw.
pub(crate) struct Compared {
    /// Rows of sealed tables read.
    pub(crate) rows: u32,
    /// Every `audit_row` row as (entry id, leaf), in (table, key) order within each entry.
    pub(crate) leaves: Vec<(i64, [u8; 32])>,
}

/// Compares every row of every sealed table with the digest its newest entry recorded, calling
/// `differs` for each row that does not match (and for each recorded row that is gone). Reads
/// `audit_row` one table at a time, in key order.
pub(crate) fn compare(conn: &Connection, tables: &[SealedTable], with_leaves: bool, mut differs: impl FnMut(Diff)) -> Result<Compared> {
    let has_rows: bool =
        conn.query_row("SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'audit_row'", [], |r| r.get(0))?;
    let mut names: BTreeSet<String> = tables.iter().map(|t| t.name.clone()).collect();
    if has_rows {
        // The tables audit_row names (a skip-scan of its key's first column).
        let mut next = conn.prepare("SELECT tbl FROM audit_row WHERE tbl > ?1 ORDER BY tbl LIMIT 1")?;
        let mut after = String::new();
        while let Some(t) = next.query_row([&after], |r| r.get::<_, String>(0)).optional()? {
            names.insert(t.clone());
            after = t;
        }
    }
    let by_name: HashMap<&str, &SealedTable> = tables.iter().map(|t| (t.name.as_str(), t)).collect();
    let mut compared = Compared { rows: 0, leaves: Vec::new() };
    for name in &names {
        let mut recorded: HashMap<String, Recorded> = HashMap::new();
        if has_rows {
            let mut stmt = conn.prepare_cached("SELECT key, entry_id, digest FROM audit_row WHERE tbl = ?1 ORDER BY key, entry_id")?;
            let mut rows = stmt.query([name])?;
            while let Some(r) = rows.next()? {
                let key: String = r.get(0)?;
                let entry: i64 = r.get(1)?;
                let digest: Option<Vec<u8>> = r.get(2)?;
                if with_leaves {
                    compared.leaves.push((entry, leaf(name, &key, digest.as_deref())));
                }
                recorded.insert(key, (entry, digest));
            }
        }
        if let Some(table) = by_name.get(name.as_str()) {
            let n = table.columns.len();
            let mut stmt = conn.prepare(&table.scan_sql())?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                compared.rows += 1;
                let key: String = r.get(0)?;
                let current = row_digest(name, &key, r, 1, n)?;
                match recorded.remove(&key) {
                    Some((_, Some(d))) if d == current => {}
                    other => {
                        let columns = match &other {
                            Some((_, Some(d))) => differing_columns(&table.columns, d, &current),
                            _ => None,
                        };
                        differs(Diff { table: name.clone(), key, recorded: other, current: Some(current), columns });
                    }
                }
            }
        }
        let mut gone: Vec<(String, Recorded)> = recorded.into_iter().filter(|(_, (_, d))| d.is_some()).collect();
        gone.sort_by(|a, b| a.0.cmp(&b.0));
        for (key, rec) in gone {
            differs(Diff { table: name.clone(), key, recorded: Some(rec), current: None, columns: None });
        }
    }
    Ok(compared)
}

/// The columns whose 4-byte tags differ; None when the digests have different column counts.
fn differing_columns(columns: &[String], recorded: &[u8], current: &[u8]) -> Option<Vec<String>> {
    let (a, b) = (recorded.get(32..)?, current.get(32..)?);
    if a.len() != b.len() || a.len() != 4 * columns.len() {
        return None;
    }
    Some(a.chunks(4).zip(b.chunks(4)).zip(columns).filter(|((x, y), _)| x != y).map(|(_, c)| c.clone()).collect())
}

/// A row's digest: SHA-256 over table, key and each column's type and value (32 bytes), then
/// 4 bytes per column. Reads columns `from .. from + n` of `row`.
pub(crate) fn row_digest(table: &str, key: &str, row: &rusqlite::Row<'_>, from: usize, n: usize) -> rusqlite::Result<Vec<u8>> {
    let mut h = Sha256::new();
    h.update(b"transferdesk-row-1");
    put(&mut h, table.as_bytes());
    put(&mut h, key.as_bytes());
    let mut tags = Vec::with_capacity(4 * n);
    let mut buf = Vec::new();
    for i in from..from + n {
        buf.clear();
        encode(row.get_ref(i)?, &mut buf);
        h.update(&buf);
        tags.extend_from_slice(&fnv1a(&buf).to_le_bytes());
    }
    let mut out = h.finalize().to_vec();
    out.extend_from_slice(&tags);
    Ok(out)
}

/// A column value as a type byte and its bytes (length-prefixed when variable).
fn encode(value: ValueRef<'_>, out: &mut Vec<u8>) {
    match value {
        ValueRef::Null => out.push(0),
        ValueRef::Integer(i) => {
            out.push(1);
            out.extend_from_slice(&i.to_le_bytes());
        }
        ValueRef::Real(f) => {
            out.push(2);
            out.extend_from_slice(&f.to_bits().to_le_bytes());
        }
        ValueRef::Text(t) => {
            out.push(3);
            out.extend_from_slice(&(t.len() as u64).to_le_bytes());
            out.extend_from_slice(t);
        }
        ValueRef::Blob(b) => {
            out.push(4);
            out.extend_from_slice(&(b.len() as u64).to_le_bytes());
            out.extend_from_slice(b);
        }
    }
}

fn put(h: &mut Sha256, bytes: &[u8]) {
    h.update((bytes.len() as u64).to_le_bytes());
    h.update(bytes);
}

fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(*b)).wrapping_mul(0x0100_0193))
}

/// One `audit_row` row as it enters its entry's `rows_sha256`.
pub(crate) fn leaf(table: &str, key: &str, digest: Option<&[u8]>) -> [u8; 32] {
    let mut h = Sha256::new();
    put(&mut h, table.as_bytes());
    put(&mut h, key.as_bytes());
    put(&mut h, digest.unwrap_or_default());
    h.finalize().into()
}

/// The `rows_sha256` of an entry: SHA-256 of its rows' leaves in (table, key) order.
pub(crate) fn rows_sha256(leaves: &[[u8; 32]]) -> String {
    let mut h = Sha256::new();
    for l in leaves {
        h.update(l);
    }
    hex::encode(h.finalize())
}

/// The fields an entry's hash covers.
pub(crate) struct EntryFields<'a> {
    pub(crate) at: &'a str,
    pub(crate) actor: &'a str,
    pub(crate) action: &'a str,
    pub(crate) entity: &'a str,
    pub(crate) entity_key: &'a str,
    pub(crate) before: Option<&'a str>,
    pub(crate) after: Option<&'a str>,
    /// None for an entry written before schema [`super::sealed_since`].
    pub(crate) rows_sha256: Option<&'a str>,
}

/// SHA-256 of the JSON array `[prev, at, actor, action, entity, key, before, after]`, with
/// `rows_sha256` as a ninth element when the entry has one. A JSON array is an unambiguous
/// encoding: no field can bleed into the next.
pub(crate) fn entry_hash(prev: &str, e: &EntryFields<'_>) -> String {
    let mut w = HashWriter(Sha256::new());
    // Serializing strings into a hasher cannot fail.
    let _ = match e.rows_sha256 {
        None => serde_json::to_writer(&mut w, &(prev, e.at, e.actor, e.action, e.entity, e.entity_key, e.before, e.after)),
        Some(rows) => serde_json::to_writer(&mut w, &(prev, e.at, e.actor, e.action, e.entity, e.entity_key, e.before, e.after, rows)),
    };
    hex::encode(w.0.finalize())
}

struct HashWriter(Sha256);

impl std::io::Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_entry_hash_is_the_json_array_of_its_fields() {
        // The first schemas hashed `json!([...]).to_string()`: the streaming form must give the
        // same bytes, or every old chain would break.
        let e = EntryFields {
            at: "2026-11-23T09:30:00",
            actor: "cli:张三",
            action: "insert",
            entity: "person",
            entity_key: "T\"01\\",
            before: None,
            after: Some("{\"name\":\"李四\n\"}"),
            rows_sha256: None,
        };
        let old = serde_json::json!([GENESIS, e.at, e.actor, e.action, e.entity, e.entity_key, e.before, e.after]).to_string();
        assert_eq!(entry_hash(GENESIS, &e), hex::encode(Sha256::digest(old.as_bytes())));
        let with_rows = EntryFields { rows_sha256: Some("ab"), ..e };
        let new = serde_json::json!([
            GENESIS,
            "2026-11-23T09:30:00",
            "cli:张三",
            "insert",
            "person",
            "T\"01\\",
            null,
            "{\"name\":\"李四\n\"}",
            "ab"
        ]);
        assert_eq!(entry_hash(GENESIS, &with_rows), hex::encode(Sha256::digest(new.to_string().as_bytes())));
    }

    #[test]
    fn a_digest_names_the_column_that_differs() {
        let conn = Connection::open_in_memory().expect("db");
        conn.execute_batch(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INTEGER) STRICT; INSERT INTO t VALUES (1, 'x', 5), (2, 'x', 6);",
        )
        .expect("seed");
        let tables = sealed_tables(&conn).expect("tables");
        let digest = |id: &str| current_digest(&conn, &tables[0], id).expect("read").expect("row");
        let (one, two) = (digest("1"), digest("2"));
        assert_eq!(one.len(), 32 + 3 * 4, "a SHA-256 and a tag for each of the three columns");
        assert_eq!(differing_columns(&tables[0].columns, &one, &two), Some(vec!["id".to_string(), "b".to_string()]));
        conn.execute("UPDATE t SET b = 7 WHERE id = 1", []).expect("update");
        let changed = digest("1");
        assert_eq!(differing_columns(&tables[0].columns, &one, &changed), Some(vec!["b".to_string()]));
        assert_ne!(one[..32], changed[..32], "the digest itself changes");
        assert_eq!(differing_columns(&tables[0].columns, &one, &one[..32]), None, "a digest without tags names no column");
    }

    #[test]
    fn keys_name_rowids_text_keys_and_composite_keys() {
        let conn = Connection::open_in_memory().expect("db");
        conn.execute_batch(
            "CREATE TABLE r (id INTEGER PRIMARY KEY, v TEXT) STRICT;
             CREATE TABLE s (day TEXT PRIMARY KEY, v TEXT) STRICT, WITHOUT ROWID;
             CREATE TABLE c (a INTEGER, b TEXT, v TEXT, PRIMARY KEY (b, a)) STRICT, WITHOUT ROWID;
             INSERT INTO r VALUES (12, 'x'); INSERT INTO s VALUES ('2026-01-01', 'y'); INSERT INTO c VALUES (3, 'k', 'z');",
        )
        .expect("seed");
        let tables = sealed_tables(&conn).expect("tables");
        let keys: Vec<(String, String)> =
            tables.iter().map(|t| (t.name.clone(), conn.query_row(&t.scan_sql(), [], |r| r.get::<_, String>(0)).expect("key"))).collect();
        assert_eq!(
            keys,
            vec![("c".into(), "[\"k\",3]".into()), ("r".into(), "12".into()), ("s".into(), "2026-01-01".into())],
            "the key's columns in primary-key order"
        );
        for (t, (_, key)) in tables.iter().zip(&keys) {
            assert!(current_digest(&conn, t, key).expect("lookup").is_some(), "{}: the key finds its row again", t.name);
        }
    }

    fn actor() -> crate::store::Actor {
        crate::store::Actor {
            name: "t".into(),
            at: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0)).expect("time"),
        }
    }

    fn store_with_profile() -> crate::store::Store {
        let mut store = crate::store::Store::in_memory().expect("store");
        let institution =
            crate::store::institution::Institution { name: "测试大学".into(), province: "四川省".into(), fee_reduction: true };
        crate::store::institution::save(&mut store, &actor(), &institution).expect("profile");
        store
    }

    #[test]
    fn a_write_that_changes_a_row_without_an_entry_is_refused() {
        let mut store = store_with_profile();
        let tx = store.write().expect("tx");
        tx.execute("UPDATE institution SET name = '别的大学'", []).expect("update");
        let err = tx.commit().expect_err("no entry, no commit");
        assert!(err.to_string().contains("institution 1 was changed without an audit entry"), "{err}");
        let name: String = store.conn().query_row("SELECT name FROM institution", [], |r| r.get(0)).expect("name");
        assert_eq!(name, "测试大学", "rolled back");
        // Touching a row without changing it needs no entry.
        let tx = store.write().expect("tx");
        tx.execute("UPDATE institution SET name = name", []).expect("update");
        tx.commit().expect("nothing changed");
    }

    #[test]
    fn rows_are_sealed_by_the_first_entry_after_them() {
        let mut store = store_with_profile();
        let who = actor();
        let tx = store.write().expect("tx");
        let mut journal = crate::store::audit::Journal::start(&tx, &who).expect("journal");
        tx.execute("INSERT INTO department (id, name) VALUES (7, '甲')", []).expect("a");
        journal.record(&tx, crate::store::audit::Action::Insert, "department", "甲", None, None).expect("entry 2");
        tx.execute("INSERT INTO department (id, name) VALUES (8, '乙')", []).expect("b");
        journal.record(&tx, crate::store::audit::Action::Insert, "department", "乙", None, None).expect("entry 3");
        // Written after the last entry: sealed by it.
        tx.execute("INSERT INTO department (id, name) VALUES (9, '丙')", []).expect("c");
        tx.commit().expect("commit");
        let sealed: Vec<(String, i64)> = store
            .conn()
            .prepare("SELECT key, entry_id FROM audit_row WHERE tbl = 'department' ORDER BY key")
            .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
            .expect("rows");
        assert_eq!(sealed, vec![("7".to_string(), 2), ("8".to_string(), 3), ("9".to_string(), 3)]);
    }

    #[test]
    fn an_upgrade_seals_what_its_migrations_changed_and_not_what_was_changed_before() {
        let store = store_with_profile();
        let conn = store.conn();
        // Behind the app: holiday 2024-01-01 renamed.
        conn.execute("UPDATE holiday SET name = '假' WHERE day = '2024-01-01'", []).expect("tamper");
        let exempt = differing_rows(conn).expect("before");
        assert_eq!(exempt, HashSet::from([("holiday".to_string(), "2024-01-01".to_string())]));
        // A migration rewrites every holiday's name and adds a column to the policies.
        conn.execute_batch("UPDATE holiday SET name = name || '日'; ALTER TABLE policy ADD COLUMN extra INTEGER NOT NULL DEFAULT 1;")
            .expect("migration");
        seal_upgrade(conn, &exempt, 7, 8).expect("seal");
        let mut left = Vec::new();
        let tables = sealed_tables(conn).expect("tables");
        compare(conn, &tables, false, |d| left.push((d.table, d.key))).expect("compare");
        assert_eq!(left, vec![("holiday".to_string(), "2024-01-01".to_string())], "the row changed before the upgrade is still a finding");
        let (actor, entity, key): (String, String, String) = conn
            .query_row("SELECT actor, entity, entity_key FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .expect("seal entry");
        assert_eq!((actor.as_str(), entity.as_str(), key.as_str()), (UPGRADE_ACTOR, UPGRADE_ENTITY, "8"));
        // 108 holidays, one of them exempt, and the one policy: 108 rows sealed.
        let sealed: i64 =
            conn.query_row("SELECT count(*) FROM audit_row WHERE entry_id = (SELECT max(id) FROM audit_log)", [], |r| r.get(0)).expect("n");
        assert_eq!(sealed, 107 + 1);
    }
}
