//! Schema history (docs/quality.md "Nothing lost, nothing corrupted"): every released schema
//! version has a fixture database in tests/fixtures/schema/, and each migrates to the current
//! version with every record intact and its audit chain verifying.
//!
//! `v1.db` was written by the first release (see audit.rs). `v2.db`–`v5.db` are made by
//! `write_schema_fixtures` below (run with `--ignored`): the first N migrations applied to an
//! empty file, then the deterministic demo portfolio's rows copied in, column by column, for
//! every column that schema N has. The audit log is copied too, so the chain is the real one.

use crate::common::{actor, fixture};
use rusqlite::Connection;
use std::path::Path;
use transferdesk_core::store::audit::verify;
use transferdesk_core::Store;

/// The released migrations, as shipped (they are never edited).
const RELEASED: &[&str] = &[
    include_str!("../migrations/0001_initial.sql"),
    include_str!("../migrations/0002_rewards.sql"),
    include_str!("../migrations/0003_annual_report.sql"),
    include_str!("../migrations/0004_lifecycle.sql"),
    include_str!("../migrations/0005_everyday.sql"),
    include_str!("../migrations/0006_list_order.sql"),
];

fn tables(conn: &Connection) -> Vec<String> {
    conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("tables")
}

fn columns(conn: &Connection, table: &str) -> Vec<String> {
    conn.prepare(&format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"))
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("columns")
}

/// Every row of every table of the old schema, only the old schema's columns, sorted.
fn logical(conn: &Connection, schema: &[(String, Vec<String>)]) -> Vec<String> {
    let mut out = Vec::new();
    for (t, cols) in schema {
        let list = cols.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
        let mut stmt = conn.prepare(&format!("SELECT {list} FROM \"{t}\"")).expect("select");
        let n = stmt.column_count();
        let rows: Vec<String> = stmt
            .query_map([], |r| {
                Ok((0..n).map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).ok())).collect::<Vec<_>>().join("|"))
            })
            .and_then(|rows| rows.collect())
            .expect("rows");
        out.extend(rows.into_iter().map(|r| format!("{t}|{r}")));
    }
    out.sort();
    out
}

#[rstest::rstest]
#[case(2)]
#[case(3)]
#[case(4)]
#[case(5)]
#[case(6)]
fn each_released_schema_migrates_with_every_record_intact(#[case] version: i64) {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join(format!("v{version}.db"));
    std::fs::copy(fixture(&format!("schema/v{version}.db")), &path).expect("copy fixture");
    let (old, schema) = {
        let conn = Connection::open(&path).expect("open raw");
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).expect("version");
        assert_eq!(found, version, "the fixture is a schema-{version} file");
        let schema: Vec<(String, Vec<String>)> = tables(&conn).into_iter().map(|t| (t.clone(), columns(&conn, &t))).collect();
        // Every table this version introduced holds records (those the demo fills).
        let introduced = RELEASED[version as usize - 1];
        for (t, _) in &schema {
            if introduced.contains(&format!("CREATE TABLE {t} ")) && !EMPTY_IN_DEMO.contains(&t.as_str()) {
                let n: i64 = conn.query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0)).expect("count");
                assert!(n > 0, "v{version}.db: table {t} has records");
            }
        }
        (logical(&conn, &schema), schema)
    };
    let store = Store::open(&path).expect("migrates");
    let now = logical(store.conn(), &schema);
    assert_eq!(crate::common::added_by_upgrade(&old, &now), 1, "every schema-{version} row and column is still there, unchanged");
    let report = verify(&store).expect("verify");
    assert!(report.ok && report.audit_entries > 600, "the audit chain survives the migration: {report:?}");
    assert!(report.rows_checked > 1000, "the upgrade sealed the rows and verify proves them: {}", report.rows_checked);
}

/// Tables the demo portfolio leaves empty (so their fixtures have no rows; see
/// docs/reliability.md).
const EMPTY_IN_DEMO: &[&str] = &[
    "policy_tier",
    "report_year",
    "report_case",
    "report_file",
    "co_owner",
    "fee_payment",
    "fee_decision",
    "attachment",
    "disclosure",
    "disclosure_inventor",
    "disclosure_achievement",
    "assessment",
    "assessment_score",
    "valuation",
    "import_mapping",
    "merge",
    "merge_moved",
    "search_paused",
];

/// Writes the fixture of each released schema that has none yet. Run once per release:
/// `cargo test -p transferdesk-core --test core write_schema_fixtures -- --ignored`.
#[test]
#[ignore]
fn write_schema_fixtures() {
    let dir = tempfile::tempdir().expect("tmp");
    let demo = dir.path().join("demo.db");
    transferdesk_core::demo::create(&demo, transferdesk_core::demo::Scale::Small, 1, &actor()).expect("demo");
    // A released fixture is never rewritten: only a new version's is added.
    for version in 2..=RELEASED.len() {
        let target = fixture(&format!("schema/v{version}.db"));
        if !target.exists() {
            write_fixture(&demo, &target, version);
        }
    }
}

fn write_fixture(demo: &Path, target: &Path, version: usize) {
    let conn = Connection::open(target).expect("create");
    for sql in &RELEASED[..version] {
        conn.execute_batch(sql).expect("migration");
    }
    conn.pragma_update(None, "user_version", version as i64).expect("version");
    conn.execute("ATTACH DATABASE ?1 AS demo", [demo.display().to_string()]).expect("attach");
    conn.execute_batch("PRAGMA foreign_keys = OFF; BEGIN").expect("begin");
    // The search index is not copied: it is rebuilt from the copied records below.
    for t in tables(&conn).into_iter().filter(|t| !t.starts_with("search_")) {
        let cols = columns(&conn, &t);
        let list = cols.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
        // The migrations seed some tables (holidays, the default policy): the demo's rows win.
        conn.execute(&format!("DELETE FROM main.\"{t}\""), []).unwrap_or_else(|e| panic!("v{version}: clearing {t}: {e}"));
        conn.execute(&format!("INSERT INTO main.\"{t}\" ({list}) SELECT {list} FROM demo.\"{t}\""), [])
            .unwrap_or_else(|e| panic!("v{version}: copying {t}: {e}"));
    }
    if version >= 5 {
        conn.execute_batch(
            "DELETE FROM search_text;
             INSERT INTO search_text (id, kind, record_id, label, detail, body) SELECT * FROM search_source;",
        )
        .expect("search index");
    }
    conn.execute_batch("COMMIT; DETACH DATABASE demo; VACUUM;").expect("commit");
}
