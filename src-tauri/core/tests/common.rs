//! Shared set-up: stores in temp folders, the fixture paths, a logical dump.

use chrono::NaiveDate;
use std::path::PathBuf;
use transferdesk_core::model::Table;
use transferdesk_core::store::institution::Institution;
use transferdesk_core::{import, Actor, Store};

pub fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(rel)
}

pub fn actor() -> Actor {
    Actor { name: "test".into(), at: NaiveDate::from_ymd_opt(2026, 11, 23).and_then(|d| d.and_hms_opt(9, 30, 0)).expect("valid time") }
}

pub fn new_store(dir: &tempfile::TempDir) -> Store {
    Store::create(
        &dir.path().join("t.db"),
        &Institution { name: "测试大学".into(), province: "四川省".into(), fee_reduction: true },
        &actor(),
    )
    .expect("new store")
}

/// A store holding the whole clean fixture portfolio of tests/fixtures/good.
pub fn good_store(dir: &tempfile::TempDir) -> Store {
    let mut store = new_store(dir);
    for (table, file) in GOOD {
        import::import(&mut store, &actor(), *table, &fixture(&format!("good/{file}")), false)
            .unwrap_or_else(|e| panic!("clean fixture {file} must import: {:?}", e.report(transferdesk_core::Lang::En)));
    }
    store
}

pub const GOOD: &[(Table, &str)] = &[
    (Table::People, "people.csv"),
    (Table::Organizations, "organizations.csv"),
    (Table::Achievements, "achievements.xlsx"),
    (Table::Contracts, "contracts.csv"),
    (Table::Receipts, "receipts.csv"),
    (Table::Costs, "costs.xlsx"),
];

/// Every row of every table as text, sorted: equal dumps mean equal content.
pub fn dump(store: &Store) -> Vec<String> {
    dump_columns(store, |_| true)
}

/// [`dump`] without the edit versions (store::version): the records' content, which a change
/// and its undoing leave as it was while their versions count both.
pub fn dump_without_versions(store: &Store) -> Vec<String> {
    dump_columns(store, |column| column != "version")
}

fn dump_columns(store: &Store, keep: impl Fn(&str) -> bool) -> Vec<String> {
    let conn = store.conn();
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("table names");
    tables.sort();
    let mut out = Vec::new();
    for t in tables {
        let columns: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{t}') ORDER BY cid"))
            .and_then(|mut s| s.query_map([], |r| r.get::<_, String>(0))?.collect())
            .expect("columns");
        let list: Vec<String> = columns.iter().filter(|c| keep(c)).map(|c| format!("\"{c}\"")).collect();
        let list = if list.is_empty() { "*".to_string() } else { list.join(", ") };
        let mut stmt = conn.prepare(&format!("SELECT {list} FROM \"{t}\"")).expect("select");
        let n = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                let cells: Vec<String> = (0..n)
                    .map(|i| {
                        format!("{:?}", r.get_ref(i).map(|v| v.data_type()).ok())
                            + &r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}")).unwrap_or_default()
                    })
                    .collect();
                Ok(format!("{t}|{}", cells.join("|")))
            })
            .and_then(|rows| rows.collect())
            .expect("rows");
        rows.sort();
        out.extend(rows);
    }
    out
}

/// Checks that a logical dump after an upgrade (`now`) keeps every line of the one before
/// (`old`) and adds only the upgrade's seal entry to the audit log (by `transferdesk`, entity
/// `schema`); returns how many lines it added.
pub fn added_by_upgrade(old: &[String], now: &[String]) -> usize {
    let had: std::collections::HashSet<&String> = old.iter().collect();
    let has: std::collections::HashSet<&String> = now.iter().collect();
    let lost: Vec<&&String> = had.iter().filter(|l| !has.contains(**l)).take(3).collect();
    assert!(lost.is_empty(), "lines changed or lost by the upgrade: {lost:?}");
    let added: Vec<&&String> = has.iter().filter(|l| !had.contains(**l)).collect();
    for line in &added {
        assert!(
            line.starts_with("audit_log|") && line.contains("Text(\"transferdesk\")") && line.contains("Text(\"schema\")"),
            "only the seal entry is new: {line}"
        );
    }
    added.len()
}
