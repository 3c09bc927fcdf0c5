//! Backups and restore in the core: verified, owner-only, rotated; a restore into the open store
//! (with another connection on the file) migrates an older backup and keeps the replaced content.

use crate::common::{actor, dump, fixture, good_store, new_store};
use transferdesk_core::progress::{unobserved, Progress};
use transferdesk_core::store::audit::verify;
use transferdesk_core::store::backup::{self, Reason};
use transferdesk_core::Store;

#[test]
fn an_automatic_backup_is_verified_private_and_reported_step_by_step() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = good_store(&dir);
    let mut seen: Vec<Progress> = Vec::new();
    let taken = backup::take(&store, actor().at, Reason::Start, &mut |p| {
        seen.push(p);
        Ok(())
    })
    .expect("backup");
    assert_eq!(taken.name, "transferdesk-20261123-093000-start.db");
    assert_eq!(std::path::Path::new(&taken.file).parent(), Some(dir.path().join("backups").as_path()));
    let last = seen.last().expect("progress reported");
    assert!(last.total > 0 && last.done == last.total, "the last step is the whole file: {last:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&taken.file).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "backups are readable by their owner only");
    }
    let checked = backup::check(std::path::Path::new(&taken.file)).expect("the backup checks");
    assert_eq!(checked.audit_entries, 22);
    let copy = Store::open(std::path::Path::new(&taken.file)).expect("opens");
    assert_eq!(dump(&copy), dump(&store), "the backup holds exactly the data");

    // The same second again gets its own name; nothing is overwritten.
    let again = backup::take(&store, actor().at, Reason::Start, &mut unobserved).expect("second");
    assert_eq!(again.name, "transferdesk-20261123-093000-start-2.db");
    assert_eq!(backup::list(&dir.path().join("backups")).expect("list").len(), 2);
}

#[test]
fn a_backup_into_another_folder_creates_it_private_and_leaves_the_data_folder_alone() {
    // The office server's `backup_dir` (e.g. another disk): the folder is made owner-only, the
    // backup is verified like every other, and nothing goes to `backups` beside the data file.
    let dir = tempfile::tempdir().expect("tmp");
    let elsewhere = tempfile::tempdir().expect("tmp");
    let folder = elsewhere.path().join("office").join("daily");
    let store = good_store(&dir);
    let taken = backup::take_into(&store, &folder, actor().at, Reason::Daily, &mut unobserved).expect("backup");
    assert_eq!(std::path::Path::new(&taken.file).parent(), Some(folder.as_path()), "in the folder given");
    assert_eq!(taken.name, "transferdesk-20261123-093000-daily.db");
    assert!(!dir.path().join("backups").exists(), "nothing beside the data file");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&folder).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "a folder it creates is its owner's only");
    }
    let copy = Store::open(std::path::Path::new(&taken.file)).expect("opens");
    assert_eq!(dump(&copy), dump(&store), "the backup holds exactly the data");
}

#[test]
fn a_cancelled_backup_leaves_no_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = good_store(&dir);
    let target = dir.path().join("b.db");
    let err = backup::write(&store, &target, &mut |_| Err(transferdesk_core::progress::cancelled())).expect_err("cancelled");
    assert_eq!(err.code(), "cancelled");
    let left: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").filter_map(|e| e.ok()).map(|e| e.file_name()).collect();
    assert!(!target.exists() && !left.iter().any(|n| n.to_string_lossy().contains("b.db")), "no file, no part: {left:?}");
}

#[test]
fn restoring_a_schema_1_file_into_the_open_store_migrates_it_and_keeps_the_replaced_content() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = new_store(&dir);
    let before = dump(&store);
    // Another program (the CLI next to the app) has the file open during the restore.
    let other = rusqlite::Connection::open(store.path()).expect("second connection");
    let restored = backup::restore(&mut store, &fixture("schema/v1.db"), &actor(), &mut unobserved).expect("restore");
    assert_eq!(restored.from.schema_version, 1);
    assert_eq!(restored.kept.reason, Reason::BeforeRestore);
    let report = verify(&store).expect("verify");
    assert!(report.ok, "{report:?}");
    assert_eq!(report.audit_entries, 24, "the fixture's 22 entries, the seal of its rows when it was upgraded, and the restore");
    let version: i64 = store.conn().query_row("PRAGMA user_version", [], |r| r.get(0)).expect("version");
    assert_eq!(version, transferdesk_core::store::schema_version(), "migrated on reopening");
    let mode: String = store.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("mode");
    assert_eq!(mode, "wal", "the data file keeps its WAL");
    let people: i64 = other.query_row("SELECT count(*) FROM person", [], |r| r.get(0)).expect("the other connection reads");
    assert_eq!(people, 5, "the other connection sees the restored content");
    let kept = Store::open(std::path::Path::new(&restored.kept.file)).expect("kept opens");
    assert_eq!(dump(&kept), before, "the replaced content is kept whole");
}

#[test]
fn a_corrupt_backup_is_refused_before_anything_changes() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let before = dump(&store);
    let bad = dir.path().join("bad.db");
    backup::write(&store, &bad, &mut unobserved).expect("backup");
    // Flip bytes in page 2 (a table's b-tree page): a damaged page.
    let mut bytes = std::fs::read(&bad).expect("read");
    for b in &mut bytes[4096 + 8..4096 + 2000] {
        *b ^= 0xA5;
    }
    std::fs::write(&bad, bytes).expect("write");
    let err = backup::restore(&mut store, &bad, &actor(), &mut unobserved).expect_err("refused");
    assert_eq!(err.code(), "backup_corrupt", "{err:?}");
    assert_eq!(dump(&store), before);
    assert!(!dir.path().join("backups").exists(), "nothing backed up, nothing replaced");
    let same = backup::restore(&mut store, &dir.path().join("t.db"), &actor(), &mut unobserved).expect_err("itself");
    assert_eq!(same.code(), "backup_same_file");
}
