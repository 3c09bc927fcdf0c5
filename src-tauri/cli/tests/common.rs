//! Running the binary as a user would, and the fixtures its tests import.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What one run printed and returned.
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Standard output as the one JSON document `--json` promises.
    pub fn json(&self) -> Value {
        serde_json::from_str(self.stdout.trim()).unwrap_or_else(|e| panic!("stdout is one JSON document ({e}): {}", self.stdout))
    }
}

/// `transferdesk --db DB ARGS…` with Chinese messages.
pub fn cli(db: &Path, args: &[&str]) -> Run {
    cli_env(db, args, "C.UTF-8")
}

/// The day every run of the binary takes as today: a demo signs this year's contracts up to it,
/// so a count would otherwise change with the day the suite runs (40 instead of 50 in early
/// January).
pub const TODAY: &str = "2026-11-23";

/// The same under a chosen `LANG`, with no other setting leaking in from the environment.
pub fn cli_env(db: &Path, args: &[&str], lang: &str) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_transferdesk"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("LANG", lang)
        .env("TRANSFERDESK_TODAY", TODAY)
        .env_remove("LC_ALL")
        .env_remove("TRANSFERDESK_DB")
        .output()
        .expect("the binary runs");
    Run {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into(),
        stderr: String::from_utf8_lossy(&out.stderr).into(),
    }
}

/// A file of tests/fixtures, as an argument.
pub fn fixture(rel: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(rel).display().to_string()
}

/// A data file holding the clean fixture portfolio of tests/fixtures/good.
pub fn good_db(dir: &tempfile::TempDir) -> PathBuf {
    good_db_at(dir.path().join("good.db"))
}

/// [`good_db`] at `db`.
pub fn good_db_at(db: PathBuf) -> PathBuf {
    assert_eq!(cli(&db, &["init", "--institution", "测试大学", "--province", "四川省"]).status, 0);
    for (table, file) in [
        ("people", "people.csv"),
        ("organizations", "organizations.csv"),
        ("achievements", "achievements.xlsx"),
        ("contracts", "contracts.csv"),
        ("receipts", "receipts.csv"),
        ("costs", "costs.xlsx"),
    ] {
        let run = cli(&db, &["import", table, &fixture(&format!("good/{file}"))]);
        assert_eq!(run.status, 0, "{file}: {}", run.stderr);
    }
    db
}

/// The audit log's last entry: (actor, action, entity, key, after).
pub fn last_audit(db: &Path) -> (String, String, String, String, String) {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.query_row("SELECT actor, action, entity, entity_key, coalesce(after, '') FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })
    .expect("an entry")
}
