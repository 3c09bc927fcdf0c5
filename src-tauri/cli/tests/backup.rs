//! `backup` / `restore` (docs/cli.md "backup and restore") and two programs on one file
//! (docs/quality.md "Nothing lost, nothing corrupted"): a verified online backup, a restore that
//! refuses a bad file before replacing anything and keeps what it replaces, and a busy file that
//! waits, then names the program holding it.

use crate::common::{cli, fixture};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn people_db(dir: &tempfile::TempDir) -> PathBuf {
    let db = dir.path().join("data").join("td.db");
    std::fs::create_dir_all(db.parent().expect("parent")).expect("dir");
    assert_eq!(cli(&db, &["init", "--institution", "测试大学", "--province", "四川省"]).status, 0);
    let run = cli(&db, &["import", "people", &fixture("good/people.csv")]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    db
}

fn people(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.query_row("SELECT count(*) FROM person", [], |r| r.get(0)).expect("count")
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).expect("meta").permissions().mode() & 0o777
}

#[test]
fn backup_then_restore_brings_the_old_content_back_and_keeps_the_replaced_one() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = people_db(&dir);
    let copy = dir.path().join("copy.db");
    let made = cli(&db, &["--json", "backup", copy.to_str().expect("utf-8")]);
    assert_eq!(made.status, 0, "{}", made.stdout);
    let doc = made.json();
    assert_eq!(doc["backup"]["audit_entries"], 6, "the institution and five people");
    #[cfg(unix)]
    assert_eq!(mode(&copy), 0o600, "a backup is readable by its owner only");
    assert_eq!(cli(&db, &["backup", copy.to_str().expect("utf-8")]).status, 1, "a backup never overwrites a file");

    // Change the data after the backup, then go back.
    let run = cli(&db, &["import", "organizations", &fixture("good/organizations.csv")]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let restored = cli(&db, &["--json", "restore", copy.to_str().expect("utf-8")]);
    assert_eq!(restored.status, 0, "{}", restored.stdout);
    let doc = restored.json();
    let kept = PathBuf::from(doc["restored"]["kept"]["file"].as_str().expect("kept file"));
    assert_eq!(kept.parent(), Some(db.parent().expect("dir").join("backups").as_path()), "kept in <data dir>/backups");
    assert_eq!(doc["restored"]["kept"]["reason"], "before-restore");
    let organizations = |p: &Path| -> i64 {
        rusqlite::Connection::open(p).and_then(|c| c.query_row("SELECT count(*) FROM organization", [], |r| r.get(0))).expect("count")
    };
    assert_eq!(organizations(&db), 0, "the organizations imported after the backup are gone");
    assert!(organizations(&kept) > 0, "…and kept in the before-restore backup");
    assert_eq!(people(&db), 5);
    let verify = cli(&db, &["--json", "verify"]);
    assert_eq!(verify.status, 0, "{}", verify.stdout);
    assert_eq!(verify.json()["audit_entries"], 7, "the backup's six entries and the restore itself");
}

#[test]
fn restore_refuses_a_corrupt_foreign_or_newer_file_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = people_db(&dir);
    let before = std::fs::read(&db).expect("read");
    let backups = db.parent().expect("dir").join("backups");

    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, vec![0x5a_u8; 8192]).expect("write");
    let foreign = dir.path().join("foreign.db");
    rusqlite::Connection::open(&foreign).and_then(|c| c.execute_batch("CREATE TABLE t(x); PRAGMA user_version = 3;")).expect("foreign");
    let newer = dir.path().join("newer.db");
    assert_eq!(cli(&db, &["backup", newer.to_str().expect("utf-8")]).status, 0);
    rusqlite::Connection::open(&newer).and_then(|c| c.pragma_update(None, "user_version", 99)).expect("bump");
    let tampered = dir.path().join("tampered.db");
    assert_eq!(cli(&db, &["backup", tampered.to_str().expect("utf-8")]).status, 0);
    // A careful tamperer puts the guard back, so that the schema is the one of its version.
    rusqlite::Connection::open(&tampered)
        .and_then(|c| {
            let guard: String = c.query_row("SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_update'", [], |r| r.get(0))?;
            c.execute_batch(&format!("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE id = 2; {guard};"))
        })
        .expect("tamper");
    // A crafted one: no append-only guards, and a trigger that halves every new receipt.
    let crafted = dir.path().join("crafted.db");
    assert_eq!(cli(&db, &["backup", crafted.to_str().expect("utf-8")]).status, 0);
    rusqlite::Connection::open(&crafted)
        .and_then(|c| {
            c.execute_batch(
                "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;
                 CREATE TRIGGER receipt_halve AFTER INSERT ON receipt BEGIN UPDATE receipt SET amount_fen = amount_fen / 2 WHERE id = new.id; END;",
            )
        })
        .expect("craft");
    let truncated = dir.path().join("truncated.db");
    let mut bytes = std::fs::read(&tampered).expect("read");
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&truncated, bytes).expect("write");
    let _ = std::fs::remove_dir_all(&backups);

    for (file, code, words) in [
        (&junk, "backup_foreign", "不是 TransferDesk"),
        (&foreign, "backup_foreign", "不是 TransferDesk"),
        (&newer, "db_newer_schema", "99"),
        (&tampered, "backup_corrupt", "entry 2"),
        (&crafted, "backup_schema", "trigger receipt_halve is not part of schema"),
        (&truncated, "backup_corrupt", "损坏"),
        (&dir.path().join("none.db"), "db_missing", "不存在"),
    ] {
        let run = cli(&db, &["--json", "restore", file.to_str().expect("utf-8")]);
        let e = run.json();
        assert_eq!(e["error"]["code"], code, "{}: {}", file.display(), run.stdout);
        assert!(e["error"]["message"].as_str().unwrap_or("").contains(words), "a clear message: {}", run.stdout);
        assert_ne!(run.status, 0);
        assert_eq!(std::fs::read(&db).expect("read"), before, "{}: the data file is untouched", file.display());
        assert!(!backups.exists(), "nothing was even backed up before the check");
    }
}

/// Two writers at once, for certain: this process (as the desktop app would) holds a write
/// transaction with an audited change in it while the CLI imports. The CLI must wait — it is
/// still running 1.5 s later, where the import alone takes a fraction of that — and then
/// succeed; both changes are there and the chain verifies.
#[test]
fn a_busy_file_waits_for_the_other_writer() {
    use transferdesk_core::store::audit::{Action, Journal};
    let dir = tempfile::tempdir().expect("tmp");
    let db = people_db(&dir);
    let mut store = transferdesk_core::Store::open(&db).expect("open");
    let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("time");
    let actor = transferdesk_core::Actor { name: "app:test".into(), at };
    let tx = store.write().expect("write lock");
    tx.execute("UPDATE institution SET name = '改名大学' WHERE id = 1", []).expect("change");
    Journal::start(&tx, &actor)
        .and_then(|mut j| j.record(&tx, Action::Update, "institution", "1", None, Some(&serde_json::json!({"name": "改名大学"}))))
        .expect("audited");
    let started = std::time::Instant::now();
    let mut second = Command::new(env!("CARGO_BIN_EXE_transferdesk"))
        .args(["--db", db.to_str().expect("utf-8"), "import", "organizations", &fixture("good/organizations.csv")])
        .env_remove("TRANSFERDESK_DB")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(second.try_wait().expect("try_wait").is_none(), "contention: the second writer is still waiting for the first");
    tx.commit().expect("the first writer commits");
    let second = second.wait_with_output().expect("second ends");
    assert!(second.status.success(), "the second writer waited instead of failing: {}", String::from_utf8_lossy(&second.stderr));
    assert!(started.elapsed() >= std::time::Duration::from_millis(1500));
    drop(store);
    let conn = rusqlite::Connection::open(&db).expect("open");
    let name: String = conn.query_row("SELECT name FROM institution", [], |r| r.get(0)).expect("name");
    let organizations: i64 = conn.query_row("SELECT count(*) FROM organization", [], |r| r.get(0)).expect("count");
    assert_eq!((name.as_str(), organizations > 0), ("改名大学", true), "both writers' changes are there");
    assert_eq!(cli(&db, &["verify"]).status, 0);
}

#[test]
fn a_writer_that_gives_up_names_the_program_holding_the_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = people_db(&dir);
    // This test process plays the desktop app: it opens the file and holds a write transaction
    // longer than the CLI's 10 s patience.
    let mut store = transferdesk_core::Store::open(&db).expect("open");
    let tx = store.write().expect("write lock");
    let run = cli(&db, &["--json", "import", "organizations", &fixture("good/organizations.csv")]);
    drop(tx);
    assert_eq!(run.status, 3, "{}", run.stdout);
    let e = run.json();
    assert_eq!(e["error"]["code"], "db_locked");
    let me = std::env::current_exe().expect("exe");
    let program = me.file_name().expect("name").to_string_lossy().into_owned();
    let message = e["error"]["message"].as_str().unwrap_or("");
    assert!(message.contains(&program) && message.contains(&format!("pid {}", std::process::id())), "names the holder: {message}");
    drop(store);
    assert_eq!(people(&db), 5, "nothing half-written");
    assert_eq!(cli(&db, &["verify"]).status, 0);
    assert!(!transferdesk_core::store::holders::note_path(&db).exists(), "the holder note is removed when the last program closes");
}
