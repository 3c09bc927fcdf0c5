//! The data file and what keeps it: the SQLite store itself (here: one way to open a file, the
//! migrations, and the writer's identity), the programs holding it open, the append-only audit
//! log and its viewer, backups, the search index, the edit versions that keep two people from
//! overwriting each other, and the institution's profile (单位信息), which every new file starts
//! with.

pub mod audit;
pub mod audit_view;
pub mod backup;
pub mod file;
pub mod holders;
pub mod institution;
pub mod schema;
pub mod seal;
pub mod search;
pub mod version;
pub mod witness;

use crate::error::{Error, Result};
use chrono::NaiveDateTime;
use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{Migrations, M};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// The numbered migrations, oldest first. `user_version` is their count.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_initial.sql"),
    include_str!("../../migrations/0002_rewards.sql"),
    include_str!("../../migrations/0003_annual_report.sql"),
    include_str!("../../migrations/0004_lifecycle.sql"),
    include_str!("../../migrations/0005_everyday.sql"),
    include_str!("../../migrations/0006_list_order.sql"),
    include_str!("../../migrations/0007_accounts.sql"),
    INTEGRITY,
    include_str!("../../migrations/0009_versions.sql"),
    include_str!("../../migrations/0010_read_paths.sql"),
    include_str!("../../migrations/0011_official_report.sql"),
    include_str!("../../migrations/0012_splits.sql"),
    include_str!("../../migrations/0013_account_versions.sql"),
    include_str!("../../migrations/0015_rewards_documents.sql"),
    include_str!("../../migrations/0016_prosecution.sql"),
    include_str!("../../migrations/0017_inventors.sql"),
    include_str!("../../migrations/0018_fee_docket_stamp.sql"),
];

/// The migration that seals the records (docs/reliability.md "Tamper evidence").
const INTEGRITY: &str = include_str!("../../migrations/0008_integrity.sql");

/// The schema version this build writes.
pub fn schema_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// The first schema whose audit entries carry the digests of the rows they wrote: files of an
/// older schema are sealed when they are upgraded (docs/reliability.md "Tamper evidence").
pub fn sealed_since() -> i64 {
    MIGRATIONS.iter().position(|m| *m == INTEGRITY).map_or(i64::MAX, |i| i as i64 + 1)
}

/// A new file of schema `version` as its migrations leave it, in memory.
pub(crate) fn new_file(version: i64) -> Result<Connection> {
    schema::new_file(version, MIGRATIONS)
}

/// How the file on `conn`, at schema `version`, differs from that schema (empty: not at all).
pub fn schema_differences(conn: &Connection, version: i64) -> Result<Vec<String>> {
    schema::differences(conn, version, MIGRATIONS)
}

/// How long a writer waits for another program to release the file before it gives up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Who is changing the data, and when: every write is stamped and audited with it. The binaries
/// build it from the OS user and the clock; rules never read the clock themselves.
#[derive(Clone, Debug)]
pub struct Actor {
    /// A user or program name, e.g. `cli:zhang` or `app:zhang`.
    pub name: String,
    /// The moment of the change.
    pub at: NaiveDateTime,
}

/// An open TransferDesk database. A new one is made by [`Store::create`] in
/// [`institution`], with the profile every file starts with.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The tables whose rows the audit log proves.
    sealed: Vec<seal::SealedTable>,
    /// Inside [`Store::all_or_nothing`]: writes are savepoints of its one transaction.
    nested: bool,
}

impl Store {
    /// Opens an existing data file, migrating it to this build's schema. Refuses a missing file,
    /// a foreign or corrupt one, and one written by a newer build.
    pub fn open(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(Error::Missing(path.to_path_buf()));
        }
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        Self::prepare(conn, path).map_err(|e| holders::locked(path, e))
    }

    /// Another store over the same file that only reads (WAL lets it read while a write is under
    /// way): read-only commands run on it beside the writer, and answers that must not wait
    /// behind a long job come from it. Anything it tries to write fails (`SQLITE_READONLY`).
    /// None in memory.
    pub fn read_only(&self) -> Result<Option<Store>> {
        if self.path == Path::new(":memory:") {
            return Ok(None);
        }
        let conn = Connection::open_with_flags(&self.path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "cache_size", CACHE_KIB)?;
        // Counted like any store of the file: the note names this process until the last closes.
        holders::register(&self.path);
        Ok(Some(Store { conn, path: self.path.clone(), sealed: self.sealed.clone(), nested: false }))
    }

    /// An in-memory store for tests and previews.
    pub fn in_memory() -> Result<Store> {
        Self::prepare(Connection::open_in_memory()?, Path::new(":memory:"))
    }

    /// Opens a connection as a store: the schema check, pragmas, migrations (an upgrade seals the
    /// rows it changed), the triggers that seal each write, the holders' list.
    pub(crate) fn prepare(mut conn: Connection, path: &Path) -> Result<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // A foreign file fails here with SQLITE_NOTADB, before anything is written.
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > schema_version() {
            return Err(Error::NewerSchema { found: version, supported: schema_version() });
        }
        if version > 0 {
            let has_audit: bool =
                conn.query_row("SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'", [], |r| r.get(0))?;
            if !has_audit {
                return Err(Error::Corrupt("not a TransferDesk database".into()));
            }
            let differences = schema_differences(&conn, version)?;
            if !differences.is_empty() {
                return Err(Error::Corrupt(format!("{}: {}", path.display(), differences.join("; "))));
            }
        } else {
            let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
            if tables > 0 {
                return Err(Error::Corrupt("a SQLite file of another program".into()));
            }
        }
        // Rows that already differ from their digests before an upgrade stay findings: the
        // upgrade's seal leaves them out.
        let upgrade = version > 0 && version < schema_version();
        let exempt: HashSet<(String, String)> =
            if upgrade && version >= sealed_since() { seal::differing_rows(&conn)? } else { HashSet::new() };
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: in WAL mode NORMAL may lose the last commits on a power cut (a commit is on
        // disk only at the next checkpoint); FULL syncs the WAL at every commit
        // (docs/reliability.md "Power loss").
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "cache_size", CACHE_KIB)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrate(&mut conn, version, Arc::new(exempt))?;
        let in_memory = path == Path::new(":memory:");
        if upgrade && !in_memory {
            if let Some(head) = seal::head(&conn)? {
                // Best effort, like after every write: a witness left behind is still a prefix.
                let _ = witness::write_witness(path, &head);
            }
        }
        let sealed = seal::sealed_tables(&conn)?;
        seal::install_capture(&conn, &sealed)?;
        let empty_log: bool = conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM audit_log)", [], |r| r.get(0))?;
        if empty_log {
            // A new file: the rows its migrations seeded are sealed by its first entry.
            seal::touch_all(&conn, &sealed)?;
        }
        if !in_memory {
            holders::register(path);
            remove_leftover_parts(path);
        }
        Ok(Store { conn, path: path.to_path_buf(), sealed, nested: false })
    }

    /// The file this store reads.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection, for reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` with a page cache large enough for one transaction of tens of thousands of rows
    /// (an import, the large demo), then gives the memory back: with the everyday cache the
    /// transaction's dirty pages would spill to the WAL and be read back (a third of a 50,000-row
    /// import's time), while a desktop app that kept 64 MB of pages would hold them for nothing.
    pub fn bulk<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.conn.pragma_update(None, "cache_size", BULK_CACHE_KIB)?;
        let result = f(self);
        let restored = self.conn.pragma_update(None, "cache_size", CACHE_KIB);
        let result = result?;
        restored?;
        Ok(result)
    }

    /// Starts a write transaction that takes the write lock at once, so that a busy file is
    /// noticed before any work is done. Its [`Tx::commit`] seals the audit entries recorded in
    /// it. Inside [`Store::all_or_nothing`] it is a savepoint of that one transaction.
    pub fn write(&mut self) -> Result<Tx<'_>> {
        let Store { conn, path, sealed, nested } = self;
        let inner = if *nested {
            TxKind::Nested(conn.savepoint()?)
        } else {
            TxKind::Own(
                conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(|e| holders::locked(path, e.into()))?,
            )
        };
        let begin = seal::touched_mark(&inner)?;
        Ok(Tx { inner, path, sealed, begin })
    }

    /// Runs `f`, whose writes (each [`Store::write`], whatever function makes it) become one
    /// transaction, committed when `f` succeeds and rolled back when it fails or the process
    /// dies: the large demo, which goes through the real workflows, is all or nothing.
    pub fn all_or_nothing<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        if self.nested {
            return f(self);
        }
        self.conn.execute_batch("BEGIN IMMEDIATE").map_err(|e| holders::locked(&self.path, e.into()))?;
        self.nested = true;
        let result = f(self);
        self.nested = false;
        match result {
            Ok(value) => {
                self.conn.execute_batch("COMMIT")?;
                // The savepoints sealed their entries; the witness follows the one commit.
                if let Some(head) = seal::head(&self.conn)?.filter(|_| self.path != Path::new(":memory:")) {
                    let _ = witness::write_witness(&self.path, &head);
                }
                Ok(value)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// The connection, for the backup API (a restore writes into it).
    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

/// Removes what a killed backup or restore left in the backups folder (`transferdesk-….db.part`:
/// a backup is written under that name, then checked and renamed), when no other program has the
/// data file open — one that has may be writing a backup this moment. Best effort: a file that
/// cannot be removed stays.
fn remove_leftover_parts(db: &Path) {
    if !holders::others(db).is_empty() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(witness::backup_dir(db)) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("transferdesk-") && name.ends_with(".db.part") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A write transaction of a [`Store`]: the store's own, or, inside [`Store::all_or_nothing`], a
/// savepoint of the one transaction there, which commits nothing until that transaction does.
/// Reads and writes go through it as through a connection; dropping it rolls back.
pub struct Tx<'a> {
    inner: TxKind<'a>,
    path: &'a Path,
    sealed: &'a [seal::SealedTable],
    begin: i64,
}

enum TxKind<'a> {
    Own(rusqlite::Transaction<'a>),
    Nested(rusqlite::Savepoint<'a>),
}

impl std::ops::Deref for TxKind<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        match self {
            TxKind::Own(t) => t,
            TxKind::Nested(s) => s,
        }
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.inner
    }
}

impl Tx<'_> {
    /// Writes the audit entries recorded in the transaction, each with the digests of the rows
    /// written before it (docs/reliability.md "Tamper evidence"), commits, then updates the
    /// witness beside the data file.
    pub fn commit(self) -> Result<()> {
        let head = seal::commit_pending(&self.inner, self.sealed, self.begin)?;
        let own = match self.inner {
            TxKind::Own(t) => t.commit().map(|()| true)?,
            // Released into the enclosing transaction, whose commit writes the witness.
            TxKind::Nested(s) => s.commit().map(|()| false)?,
        };
        if let Some(head) = head.filter(|_| own && self.path != Path::new(":memory:")) {
            // After the commit nothing can be undone: a witness that could not be written stays
            // behind, and `verify` accepts a witness behind the log (it is a prefix).
            let _ = witness::write_witness(self.path, &head);
        }
        Ok(())
    }

    /// Rolls back everything written in the transaction, its audit entries included.
    pub fn rollback(self) -> Result<()> {
        match self.inner {
            TxKind::Own(t) => t.rollback()?,
            TxKind::Nested(mut s) => {
                s.rollback()?;
                s.commit()?
            }
        }
        Ok(())
    }
}

/// Runs the pending migrations in one transaction; the last one's hook seals the rows of an
/// upgraded file (from schema `from`; a new file is sealed by its first entry instead).
fn migrate(conn: &mut Connection, from: i64, exempt: Arc<HashSet<(String, String)>>) -> Result<()> {
    let to = schema_version();
    let hook = move |tx: &rusqlite::Transaction<'_>| -> rusqlite_migration::HookResult {
        if from == 0 {
            return Ok(());
        }
        seal::seal_upgrade(tx, &exempt, from, to).map_err(|e| rusqlite_migration::HookError::Hook(e.to_string()))
    };
    let last = MIGRATIONS.len().saturating_sub(1);
    let steps: Vec<M<'_>> =
        MIGRATIONS.iter().enumerate().map(|(i, sql)| if i == last { M::up_with_hook(sql, hook.clone()) } else { M::up(sql) }).collect();
    Migrations::new(steps).to_latest(conn).map_err(|e| match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => Error::from(err),
        other => Error::Database(other.to_string()),
    })
}

impl Drop for Store {
    fn drop(&mut self) {
        if self.path != Path::new(":memory:") {
            holders::unregister(&self.path);
        }
    }
}

/// SQLite's page cache for everyday reads, in KiB (negative: a size, not a page count). The
/// desktop app's memory counts; below 4 MB the dashboard's aggregates slow down (docs/performance.md).
const CACHE_KIB: i64 = -4_096;
/// The page cache during [`Store::bulk`].
const BULK_CACHE_KIB: i64 = -65_536;

/// The desktop app's data file, which the CLI also uses when neither `--db` nor
/// `TRANSFERDESK_DB` names one: `$XDG_DATA_HOME/transferdesk/transferdesk.db`.
pub fn default_path() -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("transferdesk").join("transferdesk.db")
}

/// `--db`, else `$TRANSFERDESK_DB`, else [`default_path`].
pub fn resolve_path(explicit: Option<&Path>) -> PathBuf {
    explicit
        .map(Path::to_path_buf)
        .or_else(|| std::env::var_os("TRANSFERDESK_DB").filter(|v| !v.is_empty()).map(PathBuf::from))
        .unwrap_or_else(default_path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::audit::{Action, Journal};
    use crate::store::institution::Institution;

    fn actor() -> Actor {
        Actor { name: "t".into(), at: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0)).expect("time") }
    }

    fn institution() -> Institution {
        Institution { name: "测试大学".into(), province: "四川省".into(), fee_reduction: true }
    }

    #[test]
    fn create_then_open() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.db");
        Store::create(&path, &institution(), &actor()).expect("created");
        assert!(matches!(Store::create(&path, &institution(), &actor()), Err(Error::AlreadyExists(_))), "never overwrites");
        let store = Store::open(&path).expect("reopens");
        let v: i64 = store.conn().query_row("PRAGMA user_version", [], |r| r.get(0)).expect("version");
        assert_eq!(v, schema_version());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "the data file is readable by its owner only");
        }
    }

    #[test]
    fn a_read_only_store_sees_each_commit_and_cannot_write() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.db");
        let mut store = Store::create(&path, &institution(), &actor()).expect("created");
        let reader = store.read_only().expect("opens").expect("a file, not memory");
        let entries = |s: &Store| s.conn().query_row("SELECT count(*) FROM audit_log", [], |r| r.get::<_, i64>(0)).expect("count");
        let before = entries(&reader);
        let tx = store.write().expect("write");
        Journal::start(&tx, &actor()).and_then(|mut j| j.record(&tx, Action::Insert, "test", "1", None, None)).expect("entry");
        tx.commit().expect("commit");
        assert_eq!(entries(&reader), before + 1, "the writer's commit is seen by the next read");
        let refused = reader.conn().execute("DELETE FROM holiday", []);
        assert!(
            matches!(refused, Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::ReadOnly),
            "a read-only store writes nothing"
        );
        assert!(Store::in_memory().expect("memory").read_only().expect("no error").is_none(), "memory has no second connection");
    }

    #[test]
    fn refuses_missing_foreign_and_newer_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(matches!(Store::open(&dir.path().join("none.db")), Err(Error::Missing(_))));

        let junk = dir.path().join("junk.db");
        std::fs::write(&junk, b"PK\x03\x04 this is a zip, not sqlite, and long enough to have a header....").expect("write");
        assert!(matches!(Store::open(&junk), Err(Error::Corrupt(_))), "a non-database is refused");

        let foreign = dir.path().join("foreign.db");
        Connection::open(&foreign).and_then(|c| c.execute_batch("CREATE TABLE t(x)")).expect("foreign db");
        assert!(matches!(Store::open(&foreign), Err(Error::Corrupt(_))), "another program's SQLite is refused");

        let newer = dir.path().join("newer.db");
        Store::create(&newer, &institution(), &actor()).expect("created");
        Connection::open(&newer).and_then(|c| c.pragma_update(None, "user_version", 99)).expect("bump");
        match Store::open(&newer) {
            Err(Error::NewerSchema { found: 99, supported }) => assert_eq!(supported, schema_version()),
            other => panic!("a newer schema must be refused, got {other:?}"),
        }
    }

    #[test]
    fn commits_are_synced_in_full() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::create(&dir.path().join("a.db"), &institution(), &actor()).expect("created");
        // 2 = FULL (1 = NORMAL, which in WAL mode may lose the last commits on a power cut).
        let level: i64 = store.conn().query_row("PRAGMA synchronous", [], |r| r.get(0)).expect("pragma");
        assert_eq!(level, 2);
    }

    #[test]
    fn leftovers_of_a_killed_backup_are_removed_when_the_file_opens() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.db");
        drop(Store::create(&path, &institution(), &actor()).expect("created"));
        let backups = witness::backup_dir(&path);
        std::fs::create_dir_all(&backups).expect("dir");
        let leftover = backups.join("transferdesk-20261123-093000-before-restore.db.part");
        let kept = [backups.join("transferdesk-20261123-093000-start.db"), backups.join("notes.part")];
        for f in kept.iter().chain([&leftover]) {
            std::fs::write(f, "x").expect("write");
        }
        // Another live program holding the file may be writing that backup: nothing is removed.
        let mut other = std::process::Command::new("sleep").arg("30").spawn().expect("sleep");
        std::fs::write(holders::note_path(&path), format!("{}\ttransferdesk-app\n", other.id())).expect("note");
        drop(Store::open(&path).expect("open"));
        assert!(leftover.exists(), "kept while another program has the file open");
        let _ = other.kill();
        let _ = other.wait();
        drop(Store::open(&path).expect("open"));
        assert!(!leftover.exists(), "removed once nobody else has the file open");
        assert!(kept.iter().all(|f| f.exists()), "finished backups and other files stay");
    }

    #[test]
    fn all_or_nothing_makes_one_transaction_of_many_writes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.db");
        let mut store = Store::create(&path, &institution(), &actor()).expect("created");
        let reader = Connection::open(&path).expect("second connection");
        let entries = |c: &Connection| c.query_row("SELECT count(*) FROM audit_log", [], |r| r.get::<_, i64>(0)).expect("count");
        assert_eq!(entries(&reader), 1, "the profile's entry");
        let changed = Institution { name: "改名大学".into(), ..institution() };
        let result: Result<()> = store.all_or_nothing(|store| {
            crate::store::institution::save(store, &actor(), &changed)?;
            crate::store::institution::save(store, &actor(), &institution())?;
            assert_eq!(entries(&reader), 1, "two committed writes inside are not visible outside yet");
            Err(Error::Refused { code: "test", detail: String::new() })
        });
        assert!(result.is_err());
        assert_eq!(entries(&reader), 1, "a failure rolls both back");
        store.all_or_nothing(|store| crate::store::institution::save(store, &actor(), &changed)).expect("saved");
        assert_eq!(entries(&reader), 2, "a success commits");
        assert!(crate::store::audit::verify(&store).expect("verify").ok, "the chain holds");
    }

    #[test]
    fn explicit_path_wins() {
        assert_eq!(resolve_path(Some(Path::new("/x/y.db"))), PathBuf::from("/x/y.db"));
    }
}
