//! The append-only, hash-chained audit log, written in the same transaction as the change, and
//! `verify`, which proves the data file against it (docs/reliability.md "Tamper evidence"): the
//! schema, SQLite's integrity, the chain, every row of the records against the digest its newest
//! entry recorded, and the chain's head against the witnesses kept outside the file.

use super::seal::{self, EntryFields, Head, NewEntry};
use super::witness::{self, Found};
use super::{Actor, Store};
use crate::error::{Error, Result};
use crate::lang::Lang;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use ts_rs::TS;

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

/// Records the entries of one write transaction. They are chained into the log when the
/// transaction commits ([`super::Tx::commit`]), each with the digests of the rows written before
/// it (docs/reliability.md "Tamper evidence").
pub struct Journal<'a> {
    actor: &'a Actor,
}

impl<'a> Journal<'a> {
    /// Starts recording; call inside the write transaction.
    pub fn start(_conn: &Connection, actor: &'a Actor) -> Result<Journal<'a>> {
        Ok(Journal { actor })
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
        seal::pend(
            conn,
            &NewEntry {
                at: self.actor.at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                actor: self.actor.name.clone(),
                action: action.key(),
                entity: entity.to_string(),
                entity_key: key.to_string(),
                before: before.map(|v| v.to_string()),
                after: after.map(|v| v.to_string()),
            },
        )
    }
}

/// A file that carries personal data out of the store (a people export, a payroll sheet,
/// personal statements), for the audit log: who and when come from the actor; the entry says
/// what, where and whether full resident ID numbers are in it — never the numbers.
pub struct Disclosure<'a> {
    /// What was exported: `people`, `people_list`, `payroll` or `statements`; the entry's key.
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
        return Err(e);
    }
    Ok(())
}

/// One thing `verify` found wrong.
#[derive(Clone, Debug, Serialize, TS)]
pub struct VerifyFinding {
    /// `schema` (a table, index or trigger differs from the file's schema version),
    /// `integrity` (SQLite's check), `chain` (an entry's hash or link, or entries missing),
    /// `entry_rows` (an entry's row digests altered), `row_changed`, `row_added`, `row_deleted`
    /// (a record row that is not what the log says), `witness` (the log's head differs from a
    /// witness kept outside the file).
    pub code: &'static str,
    /// The table of a row finding.
    pub table: Option<String>,
    /// The row's key: its rowid, or its primary key (a JSON array when it has several columns).
    pub key: Option<String>,
    /// The columns that differ (`row_changed`).
    pub columns: Vec<String>,
    /// The audit entry concerned: the broken one, or the newest one naming the row.
    pub entry: Option<i64>,
    /// What was found, for a person.
    pub message: String,
}

/// A witness of the chain's head that `verify` compared with the log.
#[derive(Clone, Debug, Serialize, TS)]
pub struct WitnessCheck {
    /// `file` (the witness beside the data file), `backup` (a backup's manifest) or `report`
    /// (a filed annual report's snapshot).
    pub kind: &'static str,
    /// The witness file, or the report year.
    pub name: String,
    /// The number of entries it saw.
    pub entries: Option<i64>,
    /// `matches` (the log has that entry with that hash), `missing`, `unreadable`, `cut_off`
    /// (the log is shorter), `rewritten` (another hash), `replaced` (a backup of data a later
    /// restore replaced: not compared), `empty` (a backup of an empty log).
    pub status: &'static str,
    /// What was found, for a person.
    pub message: String,
}

/// What `verify` found.
#[derive(Clone, Debug, Serialize, TS)]
pub struct VerifyReport {
    /// `ok`, or what SQLite's integrity check said.
    pub integrity: String,
    /// The file's schema version.
    pub schema_version: i64,
    /// Entries in the audit log.
    pub audit_entries: u32,
    /// The id of the first entry whose hash or link does not match, if any.
    pub first_broken_entry: Option<i64>,
    /// Rows of the records compared with their digests in the log (0 for a file of a schema
    /// before the digests, which is sealed when it is opened and upgraded).
    pub rows_checked: u32,
    /// The first [`MAX_FINDINGS`] findings.
    pub findings: Vec<VerifyFinding>,
    /// All findings (more than listed when there are more than [`MAX_FINDINGS`]).
    pub findings_total: u32,
    /// The witnesses compared with the log's head.
    pub witnesses: Vec<WitnessCheck>,
    /// True when nothing was found.
    pub ok: bool,
}

/// Findings listed in a report; a file altered wholesale counts the rest.
pub const MAX_FINDINGS: usize = 1000;

/// Verifies the open store: everything [`verify_conn`] checks, and the witnesses outside the
/// file (beside it, in the backups' manifests). Messages in Chinese, as the app shows them.
pub fn verify(store: &Store) -> Result<VerifyReport> {
    let path = Some(store.path()).filter(|p| *p != Path::new(":memory:"));
    inspect(store.conn(), Lang::Zh, path)
}

/// Verifies the data file at `path` without changing it (no migration, no seal): the CLI's
/// `verify`, which must be able to look at a file that would be refused when opened.
pub fn verify_file(path: &Path, lang: Lang) -> Result<VerifyReport> {
    if !path.is_file() {
        return Err(Error::Missing(path.to_path_buf()));
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    inspect(&conn, lang, Some(path))
}

/// Verifies any connection to a TransferDesk file (a backup being checked, for one): the
/// schema of its version, `PRAGMA integrity_check`, the audit chain, every row against its
/// digest, and the heads kept by its filed annual reports.
pub fn verify_conn(conn: &Connection) -> Result<VerifyReport> {
    inspect(conn, Lang::Zh, None)
}

/// Gathers findings, counting all and keeping the first [`MAX_FINDINGS`].
struct Findings {
    list: Vec<VerifyFinding>,
    total: u32,
}

impl Findings {
    fn push(&mut self, f: VerifyFinding) {
        self.total += 1;
        if self.list.len() < MAX_FINDINGS {
            self.list.push(f);
        }
    }

    fn simple(&mut self, code: &'static str, entry: Option<i64>, message: String) {
        self.push(VerifyFinding { code, table: None, key: None, columns: Vec::new(), entry, message });
    }
}

/// A head to compare with the log, and where it was kept.
struct Witness {
    kind: &'static str,
    name: String,
    label: String,
    found: Found<Option<Head>>,
    /// A backup taken before the newest restore: a mismatch is that restore's doing.
    replaced: bool,
}

fn inspect(conn: &Connection, lang: Lang, db: Option<&Path>) -> Result<VerifyReport> {
    let t = |zh: String, en: String| if lang == Lang::Zh { zh } else { en };
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > super::schema_version() {
        return Err(Error::NewerSchema { found: version, supported: super::schema_version() });
    }
    let has_audit: bool =
        conn.query_row("SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'", [], |r| r.get(0))?;
    if version == 0 || !has_audit {
        return Err(Error::Corrupt("not a TransferDesk database".into()));
    }
    let mut findings = Findings { list: Vec::new(), total: 0 };

    for d in super::schema_differences(conn, version)? {
        findings.simple(
            "schema",
            None,
            t(format!("数据结构与第 {version} 版不符：{d}"), format!("the schema differs from schema {version}: {d}")),
        );
    }

    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let lines: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let integrity = lines.join("; ");
    if integrity != "ok" {
        findings.simple(
            "integrity",
            None,
            t(format!("SQLite 完整性检查未通过：{integrity}"), format!("SQLite integrity check failed: {integrity}")),
        );
    }

    // Every row of the records against the digest its newest entry recorded.
    let sealed = version >= super::sealed_since();
    let mut leaves = Vec::new();
    let mut rows_checked = 0;
    if sealed {
        let tables = seal::sealed_tables(conn)?;
        // The rows a new file's migrations seeded are sealed by its first entry; before that
        // (a new file, or a first write that was killed) they are what a new file holds.
        let empty_log: bool = conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM audit_log)", [], |r| r.get(0))?;
        let mut seeded = std::collections::HashSet::new();
        if empty_log {
            let new = super::new_file(version)?;
            seal::compare(&new, &seal::sealed_tables(&new)?, false, |d| {
                if let Some(digest) = d.current {
                    seeded.insert((d.table, d.key, digest));
                }
            })?;
        }
        // With an empty log every row of the file is a difference: those not seeded are findings,
        // and a seeded row the file lacks was deleted.
        let mut seen = std::collections::HashSet::new();
        let compared = seal::compare(conn, &tables, true, |d| {
            if empty_log {
                seen.insert((d.table.clone(), d.key.clone()));
            }
            let as_new =
                d.recorded.is_none() && d.current.as_ref().is_some_and(|c| seeded.contains(&(d.table.clone(), d.key.clone(), c.clone())));
            if !as_new {
                findings.push(row_finding(d, lang));
            }
        })?;
        let mut gone: Vec<&(String, String, Vec<u8>)> = seeded.iter().filter(|(t, k, _)| !seen.contains(&(t.clone(), k.clone()))).collect();
        gone.sort();
        for (table, key, _) in gone {
            findings.push(VerifyFinding {
                code: "row_deleted",
                table: Some(table.clone()),
                key: Some(key.clone()),
                columns: Vec::new(),
                entry: None,
                message: t(
                    format!("{table} {key} 不见了：新数据文件本有的这一行在本软件之外被删除"),
                    format!("{table} {key} is gone: a row every new data file holds was deleted outside the app"),
                ),
            });
        }
        rows_checked = compared.rows;
        leaves = compared.leaves;
        // Stable: within an entry the leaves stay in (table, key) order.
        leaves.sort_by_key(|(entry, _)| *entry);
    }

    // The witnesses, read first so that the walk keeps the hashes they name.
    let mut witnesses = inside_witnesses(conn, lang)?;
    if let Some(db) = db {
        witnesses.extend(outside_witnesses(conn, db, lang)?);
    }
    let wanted: std::collections::HashSet<i64> =
        witnesses.iter().filter_map(|w| if let Found::Read(Some(h)) = &w.found { Some(h.entries) } else { None }).collect();

    // The chain, entry by entry, with each entry's row digests.
    let rows_column = if sealed { "rows_sha256" } else { "NULL" };
    let mut stmt = conn.prepare(&format!(
        "SELECT id, at, actor, action, entity, entity_key, before, after, prev_hash, hash, {rows_column} FROM audit_log ORDER BY id"
    ))?;
    let mut rows = stmt.query([])?;
    let mut expected_prev = seal::GENESIS.to_string();
    let mut count = 0u32;
    let mut last_id = 0i64;
    let mut first_broken = None;
    let mut seen_rows = false;
    let mut leaf_at = 0usize;
    let mut hashes: HashMap<i64, String> = HashMap::new();
    while let Some(r) = rows.next()? {
        count += 1;
        let id: i64 = r.get(0)?;
        let fields: [Option<String>; 7] = [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?];
        let prev: String = r.get(8)?;
        let hash: String = r.get(9)?;
        let rows_sha: Option<String> = r.get(10)?;
        if id != last_id + 1 {
            let (from, to) = (last_id + 1, id - 1);
            findings.simple(
                "chain",
                Some(id),
                if to >= from {
                    t(format!("操作日志第 {from}–{to} 条缺失"), format!("audit entries {from}–{to} are missing"))
                } else {
                    t(format!("操作日志第 {id} 条的编号不合顺序"), format!("audit entry {id} is out of order"))
                },
            );
        }
        last_id = id;
        if wanted.contains(&id) {
            hashes.insert(id, hash.clone());
        }
        // This entry's row digests.
        let start = leaf_at;
        while leaf_at < leaves.len() && leaves[leaf_at].0 < id {
            leaf_at += 1;
        }
        if leaf_at > start {
            let stray = leaves[start].0;
            findings.simple(
                "entry_rows",
                Some(stray),
                t(
                    format!("数据摘要指向不存在的第 {stray} 条操作日志"),
                    format!("row digests name audit entry {stray}, which does not exist"),
                ),
            );
        }
        let mine = leaf_at;
        while leaf_at < leaves.len() && leaves[leaf_at].0 == id {
            leaf_at += 1;
        }
        let own: Vec<[u8; 32]> = leaves[mine..leaf_at].iter().map(|(_, l)| *l).collect();
        match &rows_sha {
            Some(recorded) => {
                seen_rows = true;
                if seal::rows_sha256(&own) != *recorded {
                    findings.simple(
                        "entry_rows",
                        Some(id),
                        t(format!("第 {id} 条操作日志所记的数据摘要被改动过"), format!("the row digests of audit entry {id} were altered")),
                    );
                }
            }
            None if !own.is_empty() || seen_rows => findings.simple(
                "entry_rows",
                Some(id),
                t(format!("第 {id} 条操作日志缺少数据摘要"), format!("audit entry {id} has lost its row digests")),
            ),
            None => {}
        }
        let entry = EntryFields {
            at: fields[0].as_deref().unwrap_or(""),
            actor: fields[1].as_deref().unwrap_or(""),
            action: fields[2].as_deref().unwrap_or(""),
            entity: fields[3].as_deref().unwrap_or(""),
            entity_key: fields[4].as_deref().unwrap_or(""),
            before: fields[5].as_deref(),
            after: fields[6].as_deref(),
            rows_sha256: rows_sha.as_deref(),
        };
        if first_broken.is_none() && (prev != expected_prev || seal::entry_hash(&prev, &entry) != hash) {
            first_broken = Some(id);
            findings.simple(
                "chain",
                Some(id),
                t(
                    format!("第 {id} 条操作日志与记录时不一致：它在本软件之外被改动过，其后的日志无法再证明未被改动"),
                    format!("audit entry {id} no longer matches what was recorded: it was altered outside the app"),
                ),
            );
        }
        expected_prev = hash;
    }
    if leaf_at < leaves.len() {
        let stray = leaves[leaf_at].0;
        findings.simple(
            "entry_rows",
            Some(stray),
            t(format!("数据摘要指向不存在的第 {stray} 条操作日志"), format!("row digests name audit entry {stray}, which does not exist")),
        );
    }

    let checks = witnesses.into_iter().map(|w| compare_witness(w, count, &hashes, lang, &mut findings)).collect();
    Ok(VerifyReport {
        integrity,
        schema_version: version,
        audit_entries: count,
        first_broken_entry: first_broken,
        rows_checked,
        ok: findings.total == 0,
        findings_total: findings.total,
        findings: findings.list,
        witnesses: checks,
    })
}

fn row_finding(d: seal::Diff, lang: Lang) -> VerifyFinding {
    let t = |zh: String, en: String| if lang == Lang::Zh { zh } else { en };
    let (table, key) = (&d.table, &d.key);
    let entry = d.recorded.as_ref().map(|(e, _)| *e);
    let (code, message) = match (&d.recorded, &d.current) {
        (Some((e, Some(_))), Some(_)) => {
            let columns = match &d.columns {
                Some(c) if !c.is_empty() => c.join(", "),
                Some(_) => t("未能确定".into(), "not identified".into()),
                None => t("表的列已变".into(), "the table's columns changed".into()),
            };
            (
                "row_changed",
                t(
                    format!("{table} {key} 与第 {e} 条操作日志所记不一致（不同的列：{columns}）：它在本软件之外被改动过"),
                    format!("{table} {key} differs from what audit entry {e} recorded (columns: {columns}): changed outside the app"),
                ),
            )
        }
        (Some((e, None)), Some(_)) => (
            "row_added",
            t(
                format!("{table} {key} 已由第 {e} 条操作日志删除，却又出现：它在本软件之外被写入"),
                format!("{table} {key} was deleted by audit entry {e} but is back: written outside the app"),
            ),
        ),
        (None, _) => (
            "row_added",
            t(
                format!("{table} {key} 没有任何操作日志：它在本软件之外被写入"),
                format!("{table} {key} has no audit entry: written outside the app"),
            ),
        ),
        (Some((e, _)), None) => (
            "row_deleted",
            t(
                format!("{table} {key} 不见了：第 {e} 条操作日志所记的这一行在本软件之外被删除"),
                format!("{table} {key} is gone: the row audit entry {e} recorded was deleted outside the app"),
            ),
        ),
    };
    VerifyFinding { code, table: Some(d.table.clone()), key: Some(d.key.clone()), columns: d.columns.unwrap_or_default(), entry, message }
}

/// The heads the file keeps of itself: each filed annual report's snapshot holds the head at
/// filing (reporting/filing.rs).
fn inside_witnesses(conn: &Connection, lang: Lang) -> Result<Vec<Witness>> {
    let has_reports: bool =
        conn.query_row("SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'report_year'", [], |r| r.get(0))?;
    if !has_reports {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare("SELECT year, snapshot FROM report_year WHERE snapshot IS NOT NULL ORDER BY year")?;
    let rows: Vec<(i64, String)> = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for (year, snapshot) in rows {
        let head = serde_json::from_str::<serde_json::Value>(&snapshot)
            .ok()
            .and_then(|v| v.get("audit_head").cloned())
            .and_then(|h| serde_json::from_value::<Head>(h).ok());
        // Years filed before the head was kept have none: nothing to compare.
        if let Some(head) = head {
            out.push(Witness {
                kind: "report",
                name: year.to_string(),
                label: if lang == Lang::Zh {
                    format!("{year} 年度报告报送时的记录")
                } else {
                    format!("the {year} annual report as filed")
                },
                found: Found::Read(Some(head)),
                replaced: false,
            });
        }
    }
    Ok(out)
}

/// The heads kept beside the data file and in the manifests of its backups folder.
fn outside_witnesses(conn: &Connection, db: &Path, lang: Lang) -> Result<Vec<Witness>> {
    let zh = lang == Lang::Zh;
    let beside = witness::witness_path(db);
    let mut out = vec![Witness {
        kind: "file",
        name: beside.display().to_string(),
        label: if zh { "数据文件旁的见证文件".into() } else { "the witness beside the data file".into() },
        found: match witness::read_witness(db) {
            Found::Read(h) => Found::Read(Some(h)),
            Found::Missing => Found::Missing,
            Found::Unreadable(e) => Found::Unreadable(e),
        },
        replaced: false,
    }];
    // Backups taken before the newest restore hold data that restore replaced.
    let restore: Option<(String, Option<String>)> = conn
        .query_row("SELECT at, after FROM audit_log WHERE entity = 'restore' ORDER BY id DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let kept = restore
        .as_ref()
        .and_then(|(_, after)| after.as_deref())
        .and_then(|a| serde_json::from_str::<serde_json::Value>(a).ok())
        .and_then(|v| v.get("kept").and_then(|k| k.as_str()).map(str::to_string));
    for (backup, found) in witness::manifests(&witness::backup_dir(db)) {
        let name = backup.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let replaced = match (&restore, &found) {
            (Some((at, _)), Found::Read(m)) => {
                // Times are to the second: a backup of the same second as the restore may be from
                // just before it. One from just after holds the restored log and still matches
                // (`replaced` only excuses a mismatch).
                kept.as_deref() == Some(name.as_str()) || m.taken_at.as_deref().is_some_and(|t| t <= at.as_str())
            }
            _ => false,
        };
        out.push(Witness {
            kind: "backup",
            label: if zh { format!("备份 {name} 的清单") } else { format!("the manifest of backup {name}") },
            name: witness::manifest_path(&backup).display().to_string(),
            found: match found {
                Found::Read(m) => Found::Read(m.audit_head),
                Found::Missing => Found::Missing,
                Found::Unreadable(e) => Found::Unreadable(e),
            },
            replaced,
        });
    }
    Ok(out)
}

/// Compares a witness's head with the log (`count` entries, the hashes of the entries named).
fn compare_witness(w: Witness, count: u32, hashes: &HashMap<i64, String>, lang: Lang, findings: &mut Findings) -> WitnessCheck {
    let zh = lang == Lang::Zh;
    let label = &w.label;
    let (entries, status, message) = match &w.found {
        Found::Missing => (None, "missing", if zh { format!("{label}：不存在") } else { format!("{label}: none") }),
        Found::Unreadable(e) => {
            (None, "unreadable", if zh { format!("{label}无法读取：{e}") } else { format!("{label} cannot be read: {e}") })
        }
        Found::Read(None) => (Some(0), "empty", if zh { format!("{label}：空日志") } else { format!("{label}: an empty log") }),
        Found::Read(Some(h)) => {
            let n = h.entries;
            let (status, message) = if n > i64::from(count) {
                (
                    "cut_off",
                    if zh {
                        format!("{label}记录了 {n} 条操作日志，数据文件只有 {count} 条：日志的末尾被截去，或数据文件被换成了旧的副本")
                    } else {
                        format!("{label} saw {n} audit entries, the data file has {count}: entries were cut off the log's end, or an older copy replaced the file")
                    },
                )
            } else if hashes.get(&n) != Some(&h.hash) {
                (
                    "rewritten",
                    if zh {
                        format!("{label}记录的第 {n} 条操作日志的哈希与数据文件不同：日志被重写过")
                    } else {
                        format!("{label} holds another hash for audit entry {n}: the log was rewritten")
                    },
                )
            } else {
                ("matches", if zh { format!("{label}：第 {n} 条一致") } else { format!("{label}: entry {n} matches") })
            };
            (Some(n), status, message)
        }
    };
    let (status, message) = match status {
        "cut_off" | "rewritten" if w.replaced => (
            "replaced",
            if zh {
                format!("{label}：这份备份的数据已被后来的恢复替换，不再比较")
            } else {
                format!("{label}: its data was replaced by a later restore, not compared")
            },
        ),
        "cut_off" | "rewritten" => {
            findings.simple("witness", entries, message.clone());
            (status, message)
        }
        "unreadable" if w.kind != "report" => {
            findings.simple("witness", None, message.clone());
            (status, message)
        }
        _ => (status, message),
    };
    WitnessCheck { kind: w.kind, name: w.name, entries, status, message }
}
