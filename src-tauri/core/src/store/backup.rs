//! Backups (备份) and restore (恢复), docs/quality.md "Nothing lost, nothing corrupted".
//!
//! A backup is written with SQLite's online backup API into an owner-only file next to its final
//! name, checked (the exact schema of its version, integrity, audit chain, every row against its
//! digest) and only then renamed into place, so a file under its final name is always a whole,
//! verified backup. Beside it a manifest (`<backup>.manifest.json`) keeps the head of its audit
//! chain: a witness of the data file's log at that moment (docs/reliability.md "Witnesses"). The
//! desktop app takes one at start and one at quit into `<data dir>/backups/`; rotation keeps the
//! last ten and the newest of each month.
//!
//! A restore never swaps files under a running program: it checks the candidate first, keeps the
//! current content as a `before-restore` backup, then copies the candidate *into the open
//! connection* with the backup API. SQLite does that under its write lock, so the WAL and any
//! other connection (the CLI next to the app) stay consistent, and a failure leaves the current
//! content as it was.

use crate::error::{Error, Result};
use crate::progress::{Progress, Steps};
use crate::store::audit::{self, Action, Journal};
use crate::store::seal::{self, Head};
use crate::store::witness::{self, Found, Manifest};
use crate::store::{self, Actor, Store};
use chrono::NaiveDateTime;
use rusqlite::backup::StepResult;
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use ts_rs::TS;

/// Automatic backups kept whatever their month.
pub const KEEP_LAST: usize = 10;

/// Pages copied per backup step: a progress report every 4 MB or so.
const PAGES_PER_STEP: i32 = 1024;

/// How long a backup step waits for a busy file, like a writer does.
const BUSY_WAIT: Duration = Duration::from_secs(10);

/// Why a backup was taken; part of its file name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// When the app opened the file.
    Start,
    /// When the app closed.
    Quit,
    /// Asked for by the user.
    Manual,
    /// The content a restore replaced.
    BeforeRestore,
    /// The office server's daily backup.
    Daily,
}

impl Reason {
    /// The key used in file names and JSON.
    pub fn key(self) -> &'static str {
        match self {
            Reason::Start => "start",
            Reason::Quit => "quit",
            Reason::Manual => "manual",
            Reason::BeforeRestore => "before-restore",
            Reason::Daily => "daily",
        }
    }

    fn parse(text: &str) -> Option<Reason> {
        [Reason::Start, Reason::Quit, Reason::Manual, Reason::BeforeRestore, Reason::Daily].into_iter().find(|r| r.key() == text)
    }
}

/// A backup file in the backups folder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct BackupFile {
    /// Its full path.
    pub file: String,
    /// Its file name, e.g. `transferdesk-20261123-093000-start.db`.
    pub name: String,
    /// Why it was taken.
    pub reason: Reason,
    /// When, `YYYY-MM-DDTHH:MM:SS` (from the name).
    pub taken_at: String,
    /// Its size in bytes.
    pub bytes: u64,
}

/// What the check of a backup (or a restore candidate) found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct BackupCheck {
    /// The file checked.
    pub file: String,
    /// Its schema version (older ones are migrated when opened).
    pub schema_version: i64,
    /// Entries in its audit log, whose chain verified.
    pub audit_entries: u32,
}

/// What a restore did.
#[derive(Clone, Debug, Serialize, TS)]
pub struct Restored {
    /// The file restored from, as checked.
    pub from: BackupCheck,
    /// The backup that keeps the content the restore replaced.
    pub kept: BackupFile,
}

/// The folder of a data file's automatic backups: `<data dir>/backups`.
pub fn backup_dir(db: &Path) -> PathBuf {
    witness::backup_dir(db)
}

/// Writes a verified backup of `store` to `target`, which must not exist yet, with its manifest.
pub fn write(store: &Store, target: &Path, steps: Steps) -> Result<BackupCheck> {
    write_taken(store, target, steps, None)
}

fn write_taken(store: &Store, target: &Path, steps: Steps, taken_at: Option<String>) -> Result<BackupCheck> {
    if target.exists() {
        return Err(Error::AlreadyExists(target.to_path_buf()));
    }
    let part = part_path(target);
    let _ = std::fs::remove_file(&part);
    let written = write_part(store, &part, steps).and_then(|_| check_file(&part)).and_then(|(checked, head)| {
        let manifest = Manifest { format: 1, schema_version: checked.schema_version, taken_at, audit_head: head };
        witness::write_manifest(target, &manifest).map(|_| checked)
    });
    let checked = match written {
        Ok(c) => c,
        Err(e) => {
            let _ = std::fs::remove_file(&part);
            return Err(e);
        }
    };
    if let Err(e) = std::fs::rename(&part, target) {
        let _ = std::fs::remove_file(witness::manifest_path(target));
        return Err(Error::io(target, e));
    }
    sync_dir(target);
    Ok(BackupCheck { file: target.display().to_string(), ..checked })
}

fn write_part(store: &Store, part: &Path, steps: Steps) -> Result<()> {
    store::file::create_private_file(part)?;
    let mut dst = Connection::open(part)?;
    copy(store.conn(), &mut dst, store.path(), steps)?;
    // The copy carries the source's WAL flag; a backup is one self-contained file.
    dst.pragma_update(None, "journal_mode", "DELETE")?;
    dst.close().map_err(|(_, e)| Error::from(e))?;
    Ok(())
}

/// Copies `from` into `to` page by page, reporting each step and waiting out a busy file.
fn copy(from: &Connection, to: &mut Connection, busy_path: &Path, steps: Steps) -> Result<()> {
    let backup = rusqlite::backup::Backup::new(from, to)?;
    let mut waiting_since: Option<Instant> = None;
    loop {
        match backup.step(PAGES_PER_STEP)? {
            StepResult::Done => break,
            StepResult::More => waiting_since = None,
            _ => {
                let since = *waiting_since.get_or_insert_with(Instant::now);
                if since.elapsed() > BUSY_WAIT {
                    return Err(store::holders::locked(busy_path, Error::Locked("database is locked".into())));
                }
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
        }
        let p = backup.progress();
        let total = u32::try_from(p.pagecount).unwrap_or(0);
        let done = total.saturating_sub(u32::try_from(p.remaining).unwrap_or(0));
        steps(Progress::new(done, total, "pages"))?;
    }
    let p = backup.progress();
    let total = u32::try_from(p.pagecount).unwrap_or(0);
    steps(Progress::new(total, total, "pages"))
}

/// Checks a backup or a restore candidate without changing it: a SQLite file, a TransferDesk
/// one, not newer than this build, exactly the schema of its version (`backup_schema` names
/// each difference), integrity `ok`, an intact audit chain, every row as its newest entry
/// recorded it, and — when the manifest written with it is beside it — the head it was taken at.
pub fn check(file: &Path) -> Result<BackupCheck> {
    check_file(file).map(|(checked, _)| checked)
}

/// [`check`], with the head of the file's audit chain.
fn check_file(file: &Path) -> Result<(BackupCheck, Option<Head>)> {
    if !file.is_file() {
        return Err(Error::Missing(file.to_path_buf()));
    }
    let name = file.display().to_string();
    let corrupt = |detail: String| Error::Refused { code: "backup_corrupt", detail: format!("{name} ({detail})") };
    let foreign = || Error::Refused { code: "backup_foreign", detail: name.clone() };
    let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| corrupt(e.to_string()))?;
    let version: i64 = match conn.query_row("PRAGMA user_version", [], |r| r.get(0)) {
        Ok(v) => v,
        Err(e) if matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::NotADatabase)) => return Err(foreign()),
        Err(e) => return Err(corrupt(e.to_string())),
    };
    if version > store::schema_version() {
        return Err(Error::NewerSchema { found: version, supported: store::schema_version() });
    }
    let has_audit: bool = conn
        .query_row("SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'", [], |r| r.get(0))
        .map_err(|e| corrupt(e.to_string()))?;
    if version == 0 || !has_audit {
        return Err(foreign());
    }
    let differences = store::schema_differences(&conn, version).map_err(|e| corrupt(e.to_string()))?;
    if !differences.is_empty() {
        return Err(Error::Refused { code: "backup_schema", detail: format!("{name}: {}", differences.join("; ")) });
    }
    let report = audit::verify_conn(&conn).map_err(|e| corrupt(e.to_string()))?;
    if report.integrity != "ok" {
        return Err(corrupt(format!("integrity_check: {}", report.integrity)));
    }
    if let Some(id) = report.first_broken_entry {
        return Err(corrupt(format!("audit log entry {id}")));
    }
    if let Some(f) = report.findings.first() {
        let what = [f.table.clone(), f.key.clone(), f.entry.map(|e| format!("entry {e}"))].into_iter().flatten().collect::<Vec<_>>();
        let columns = if f.columns.is_empty() { String::new() } else { format!(" ({})", f.columns.join(", ")) };
        return Err(corrupt(format!("{}: {}{columns}", f.code, what.join(" "))));
    }
    let head = seal::head(&conn).map_err(|e| corrupt(e.to_string()))?;
    match witness::read_manifest(file) {
        Found::Read(m) if m.audit_head != head => {
            let entries = m.audit_head.map_or(0, |h| h.entries);
            return Err(corrupt(format!("its audit log no longer ends where its manifest says (entry {entries})")));
        }
        Found::Unreadable(e) => return Err(corrupt(format!("its manifest cannot be read: {e}"))),
        _ => {}
    }
    Ok((BackupCheck { file: name, schema_version: version, audit_entries: report.audit_entries }, head))
}

/// Takes an automatic (or manual) backup into the backups folder and rotates the folder.
pub fn take(store: &Store, at: NaiveDateTime, reason: Reason, steps: Steps) -> Result<BackupFile> {
    take_into(store, &backup_dir(store.path()), at, reason, steps)
}

/// [`take`] into another folder (the office server's `backup_dir`, e.g. on another disk), created
/// owner-only when missing and rotated the same way.
pub fn take_into(store: &Store, dir: &Path, at: NaiveDateTime, reason: Reason, steps: Steps) -> Result<BackupFile> {
    create_private_dir(dir)?;
    let stamp = at.format("%Y%m%d-%H%M%S").to_string();
    let mut target = dir.join(format!("transferdesk-{stamp}-{}.db", reason.key()));
    let mut n = 2;
    while target.exists() || part_path(&target).exists() {
        target = dir.join(format!("transferdesk-{stamp}-{}-{n}.db", reason.key()));
        n += 1;
    }
    write_taken(store, &target, steps, Some(at.format("%Y-%m-%dT%H:%M:%S").to_string()))?;
    rotate(dir, KEEP_LAST)?;
    described(&target).ok_or_else(|| Error::io(&target, "backup vanished after writing"))
}

/// The backups in `dir`, newest first. Files not named by [`take`] are left out.
pub fn list(dir: &Path) -> Result<Vec<BackupFile>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    let mut out: Vec<(BackupFile, Option<std::time::SystemTime>)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| described(&e.path()).map(|b| (b, e.metadata().and_then(|m| m.modified()).ok())))
        .collect();
    // Names carry the second; two backups of the same second (a manual one, then the one a
    // restore takes) are told apart by when their files were written.
    out.sort_by(|(a, a_written), (b, b_written)| {
        b.taken_at.cmp(&a.taken_at).then_with(|| b_written.cmp(a_written)).then_with(|| b.name.cmp(&a.name))
    });
    Ok(out.into_iter().map(|(b, _)| b).collect())
}

/// Deletes the backups beyond the newest `keep_last`, except the newest of each month. Returns
/// the files removed.
pub fn rotate(dir: &Path, keep_last: usize) -> Result<Vec<PathBuf>> {
    let all = list(dir)?;
    let mut months_kept = std::collections::HashSet::new();
    let mut removed = Vec::new();
    for (i, b) in all.iter().enumerate() {
        // Newest first: the first backup seen of a month is that month's newest.
        let month = b.taken_at.get(..7).unwrap_or("").to_string();
        let newest_of_month = months_kept.insert(month);
        if i < keep_last || newest_of_month {
            continue;
        }
        let path = PathBuf::from(&b.file);
        let _ = std::fs::remove_file(witness::manifest_path(&path));
        match std::fs::remove_file(&path) {
            Ok(()) => removed.push(path),
            // The app's start backup runs in a process of its own and may rotate at the same time.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&path, e)),
        }
    }
    Ok(removed)
}

/// Replaces the content of `store` with the backup `from`, after checking it; the replaced
/// content is kept as a `before-restore` backup. The store is reopened (and an older backup
/// migrated) before this returns; the restore itself is the restored file's newest audit entry.
///
/// The restore entry records the head of the log it replaced and the head of the one it brought
/// back; the witness beside the data file follows the content (docs/reliability.md "Witnesses").
pub fn restore(store: &mut Store, from: &Path, actor: &Actor, steps: Steps) -> Result<Restored> {
    let (checked, restored_head) = check_file(from)?;
    if same_file(from, store.path()) {
        return Err(Error::Refused { code: "backup_same_file", detail: from.display().to_string() });
    }
    let kept = take(store, actor.at, Reason::BeforeRestore, &mut crate::progress::unobserved)?;
    let replaced_head = seal::head(store.conn())?;
    let source = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    let path = store.path().to_path_buf();
    // The witness names the restored log before the copy: a restore stopped after the copy and
    // before its own entry leaves a witness that matches the file.
    let witness_for = |head: &Option<Head>| {
        if let Some(h) = head {
            let _ = witness::write_witness(&path, h);
        }
    };
    witness_for(&restored_head);
    if let Err(e) = copy(&source, store.conn_mut(), &path, steps) {
        witness_for(&replaced_head);
        return Err(e);
    }
    drop(source);
    // A fresh store runs the migrations an older backup needs and sets the connection up again.
    *store = Store::open(&path)?;
    let tx = store.write()?;
    Journal::start(&tx, actor)?.record(
        &tx,
        Action::Insert,
        "restore",
        &file_name(from),
        None,
        Some(&serde_json::json!({
            "from": checked.file,
            "schema_version": checked.schema_version,
            "kept": kept.name,
            "replaced_head": replaced_head,
            "restored_head": restored_head,
        })),
    )?;
    tx.commit()?;
    Ok(Restored { from: checked, kept })
}

fn described(path: &Path) -> Option<BackupFile> {
    let name = path.file_name()?.to_str()?.to_string();
    let rest = name.strip_prefix("transferdesk-")?.strip_suffix(".db")?;
    // transferdesk-YYYYMMDD-HHMMSS-REASON[-N].db
    let stamp = rest.get(..15)?;
    let taken = NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S").ok()?;
    let mut reason_part = rest.get(16..)?;
    if let Some((head, n)) = reason_part.rsplit_once('-') {
        if n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty() {
            reason_part = head;
        }
    }
    let reason = Reason::parse(reason_part)?;
    let meta = std::fs::metadata(path).ok().filter(|m| m.is_file())?;
    Some(BackupFile {
        file: path.display().to_string(),
        name,
        reason,
        taken_at: taken.format("%Y-%m-%dT%H:%M:%S").to_string(),
        bytes: meta.len(),
    })
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

fn part_path(target: &Path) -> PathBuf {
    let mut name = target.as_os_str().to_os_string();
    name.push(".part");
    PathBuf::from(name)
}

fn same_file(a: &Path, b: &Path) -> bool {
    matches!((std::fs::canonicalize(a), std::fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y)
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    if dir.is_dir() {
        return Ok(());
    }
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir).map_err(|e| Error::io(dir, e))
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))
}

/// Makes the rename durable: a crash right after must not bring back the old directory entry.
fn sync_dir(file: &Path) {
    if let Some(dir) = file.parent() {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(dir: &Path, name: &str) {
        std::fs::write(dir.join(name), b"x").expect("write");
    }

    #[test]
    fn names_parse_and_foreign_files_are_ignored() {
        let dir = tempfile::tempdir().expect("tmp");
        touch(dir.path(), "transferdesk-20261123-093000-before-restore-2.db");
        touch(dir.path(), "transferdesk-20261123-093000-start.db");
        touch(dir.path(), "notes.txt");
        touch(dir.path(), "transferdesk-2026-bad-start.db");
        let found = list(dir.path()).expect("list");
        let names: Vec<(&str, Reason)> = found.iter().map(|b| (b.name.as_str(), b.reason)).collect();
        assert_eq!(
            names,
            vec![
                ("transferdesk-20261123-093000-start.db", Reason::Start),
                ("transferdesk-20261123-093000-before-restore-2.db", Reason::BeforeRestore)
            ]
        );
        assert_eq!(found[0].taken_at, "2026-11-23T09:30:00");
    }

    #[test]
    fn rotation_keeps_the_last_ten_and_the_newest_of_each_month() {
        let dir = tempfile::tempdir().expect("tmp");
        // Three in August 2026, two in September, then twelve in November.
        for name in ["20260801-080000", "20260815-080000", "20260830-170000", "20260902-080000", "20260920-080000"] {
            touch(dir.path(), &format!("transferdesk-{name}-start.db"));
        }
        for day in 1..=12 {
            touch(dir.path(), &format!("transferdesk-202611{day:02}-080000-quit.db"));
        }
        let removed = rotate(dir.path(), KEEP_LAST).expect("rotate");
        let mut left: Vec<String> = list(dir.path()).expect("list").into_iter().map(|b| b.taken_at).collect();
        left.sort();
        // Kept: Nov 3–12 (the last ten), 30 Aug and 20 Sep (newest of their month).
        let mut expected = vec!["2026-08-30T17:00:00".to_string(), "2026-09-20T08:00:00".to_string()];
        expected.extend((3..=12).map(|d| format!("2026-11-{d:02}T08:00:00")));
        assert_eq!(left, expected);
        assert_eq!(removed.len(), 5, "Aug 1, Aug 15, Sep 2, Nov 1, Nov 2");
    }
}
