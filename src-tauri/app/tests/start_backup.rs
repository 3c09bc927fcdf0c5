//! The start backup runs in a child process of the app binary (`--start-backup FILE`), so that
//! the memory it takes goes back when it exits.

use std::process::Command;
use transferdesk_core::store::backup::{self, Reason};
use transferdesk_core::{demo, Actor};

fn app() -> Command {
    Command::new(env!("CARGO_BIN_EXE_transferdesk-app"))
}

#[test]
fn the_child_takes_a_verified_start_backup_and_exits() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("data.db");
    let actor =
        Actor { name: "test".into(), at: chrono::NaiveDate::from_ymd_opt(2026, 12, 6).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("date") };
    demo::create(&db, demo::Scale::Small, 1, &actor).expect("demo");
    let status = app().arg("--start-backup").arg(&db).status().expect("run the app binary");
    assert!(status.success(), "{status}");
    let taken = backup::list(&backup::backup_dir(&db)).expect("list");
    assert_eq!(taken.len(), 1, "{taken:?}");
    assert_eq!(taken[0].reason, Reason::Start);
    backup::check(std::path::Path::new(&taken[0].file)).expect("the backup checks");
}

#[test]
fn a_missing_file_is_an_error_and_is_not_created() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("missing.db");
    let status = app().arg("--start-backup").arg(&db).status().expect("run the app binary");
    assert_eq!(status.code(), Some(1));
    assert!(!db.exists(), "no data file was created");
    assert!(!backup::backup_dir(&db).exists(), "no backups folder either");
}
