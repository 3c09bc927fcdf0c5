//! `transferdesk user …` (docs/cli.md "user"): the accounts of the office server.

use crate::common::{cli, TODAY};
use std::io::Write;
use std::process::{Command, Stdio};

fn demo() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    assert_eq!(cli(&db, &["demo"]).status, 0);
    (dir, db)
}

/// `user …` with `input` on standard input.
fn with_stdin(db: &std::path::Path, args: &[&str], input: &str) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_transferdesk"))
        .arg("--db")
        .arg(db)
        .arg("--json")
        .args(args)
        .env("TRANSFERDESK_TODAY", TODAY)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("runs");
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write");
    let out = child.wait_with_output().expect("ends");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into())
}

#[test]
fn the_first_admin_gets_a_generated_password_shown_once() {
    let (_dir, db) = demo();
    let added = cli(&db, &["--json", "user", "add", "admin", "--name", "管理员", "--role", "admin"]);
    assert_eq!(added.status, 0, "{}", added.stderr);
    let doc = added.json();
    assert_eq!(doc["account"]["role"], "admin");
    let password = doc["password"].as_str().expect("a generated password");
    assert_eq!(password.chars().count(), 14);
    // It is the account's password (the hash in the file verifies it), and it is not stored.
    let conn = rusqlite::Connection::open(&db).expect("open");
    let hash: String = conn.query_row("SELECT password_hash FROM account WHERE login = 'admin'", [], |r| r.get(0)).expect("hash");
    assert!(hash.starts_with("$argon2id$") && !hash.contains(password));
    let listed = cli(&db, &["--json", "user", "list"]).json();
    assert_eq!(listed["accounts"].as_array().map(Vec::len), Some(1));
    assert!(listed.to_string().find(password).is_none(), "the list never shows a password");
    // The same login twice is refused (case does not matter).
    assert_eq!(cli(&db, &["user", "add", "ADMIN", "--name", "x", "--role", "office"]).status, 1);
}

#[test]
fn a_secretary_needs_a_department_and_an_inventor_a_person() {
    let (_dir, db) = demo();
    let secretary = cli(&db, &["--json", "user", "add", "li", "--name", "李", "--role", "secretary"]);
    assert_eq!(secretary.status, 1);
    assert_eq!(secretary.json()["error"]["details"][0]["column"], "department");
    let unknown = cli(&db, &["--json", "user", "add", "li", "--name", "李", "--role", "secretary", "--department", "不存在学院"]);
    assert_eq!(unknown.json()["error"]["details"][0]["code"], "unknown_reference");
    assert_eq!(cli(&db, &["user", "add", "li", "--name", "李", "--role", "secretary", "--department", "计算机学院"]).status, 0);
    let inventor = cli(&db, &["--json", "user", "add", "t1", "--name", "发明人", "--role", "inventor"]);
    assert_eq!(inventor.json()["error"]["details"][0]["column"], "employee_id");
    let linked = cli(&db, &["--json", "user", "add", "t1", "--name", "发明人", "--role", "inventor", "--employee", "T0001"]);
    assert_eq!(linked.status, 0, "{}", linked.stdout);
    assert_eq!(linked.json()["account"]["employee_id"], "T0001");
    assert_eq!(cli(&db, &["user", "add", "x", "--name", "x", "--role", "boss"]).status, 2, "an unknown role is a usage error");
}

#[test]
fn disable_enable_and_reset_from_standard_input() {
    let (_dir, db) = demo();
    let (status, out) =
        with_stdin(&db, &["user", "add", "wang", "--name", "王", "--role", "office", "--password-stdin"], "wang's first one\n");
    assert_eq!(status, 0, "{out}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(json["password"], serde_json::Value::Null, "a password given is not printed back");
    let (status, _) = with_stdin(&db, &["user", "reset-password", "wang", "--password-stdin"], "short\n");
    assert_eq!(status, 1, "a weak password is refused");
    assert_eq!(cli(&db, &["--json", "user", "disable", "wang"]).json()["account"]["disabled"], true);
    assert_eq!(cli(&db, &["--json", "user", "enable", "wang"]).json()["account"]["disabled"], false);
    let reset = cli(&db, &["--json", "user", "reset-password", "wang"]).json();
    assert!(reset["password"].as_str().is_some_and(|p| p.len() == 14));
    assert_eq!(cli(&db, &["user", "disable", "nobody"]).status, 1);
    // Every change is in the audit log, without the hash.
    let conn = rusqlite::Connection::open(&db).expect("open");
    let entries: Vec<String> = conn
        .prepare("SELECT after FROM audit_log WHERE entity = 'account'")
        .expect("sql")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .flatten()
        .collect();
    assert_eq!(entries.len(), 4, "added, disabled, enabled, reset");
    assert!(entries.iter().all(|e| !e.contains("argon2")));
}

#[test]
fn an_account_s_e_mail_is_checked_kept_changed_and_removed() {
    let (_dir, db) = demo();
    let bad = cli(&db, &["--json", "user", "add", "zhou", "--name", "周", "--role", "office", "--email", "zhou@swut"]);
    assert_eq!(bad.status, 1, "no dot in the domain");
    assert_eq!(bad.json()["error"]["details"][0]["column"], "email");
    assert_eq!(bad.json()["error"]["details"][0]["code"], "bad_email");
    assert_eq!(cli(&db, &["--json", "user", "list"]).json()["accounts"].as_array().map(Vec::len), Some(0), "nothing written");
    let added = cli(&db, &["--json", "user", "add", "zhou", "--name", "周", "--role", "office", "--email", " zhou@swut.edu.cn "]);
    assert_eq!(added.status, 0, "{}", added.stderr);
    assert_eq!(added.json()["account"]["email"], "zhou@swut.edu.cn", "kept trimmed");
    let changed = cli(&db, &["--json", "user", "edit", "zhou", "--email", "ttc@swut.edu.cn"]).json();
    assert_eq!((changed["account"]["email"].as_str(), changed["account"]["name"].as_str()), (Some("ttc@swut.edu.cn"), Some("周")));
    let refused = cli(&db, &["--json", "user", "edit", "zhou", "--email", "not an address"]);
    assert_eq!(refused.status, 1);
    assert_eq!(cli(&db, &["--json", "user", "list"]).json()["accounts"][0]["email"], "ttc@swut.edu.cn", "the refused change wrote nothing");
    let removed = cli(&db, &["--json", "user", "edit", "zhou", "--email", ""]).json();
    assert_eq!(removed["account"]["email"], serde_json::Value::Null);
    // The change is audited like every other field of the account.
    let conn = rusqlite::Connection::open(&db).expect("open");
    let emails: Vec<Option<String>> = conn
        .prepare("SELECT json_extract(after, '$.email') FROM audit_log WHERE entity = 'account' ORDER BY id")
        .expect("sql")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .flatten()
        .collect();
    assert_eq!(emails, vec![Some("zhou@swut.edu.cn".to_string()), Some("ttc@swut.edu.cn".to_string()), None]);
}
