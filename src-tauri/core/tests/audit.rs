//! The audit log is append-only and its hash chain names the first entry altered behind the
//! app's back.

use crate::common::good_store;
use transferdesk_core::store::audit::verify;

#[test]
fn a_clean_store_verifies() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = good_store(&dir);
    let report = verify(&store).expect("verify runs");
    assert!(report.ok, "fresh imports verify: {report:?}");
    assert_eq!(report.audit_entries, 22, "the institution's creation and 21 imported records");
}

#[test]
fn the_app_cannot_rewrite_history() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = good_store(&dir);
    let err = store.conn().execute("UPDATE audit_log SET actor = 'x' WHERE id = 3", []).expect_err("updates are refused by trigger");
    assert!(err.to_string().contains("append-only"), "{err}");
    assert!(store.conn().execute("DELETE FROM audit_log WHERE id = 3", []).is_err(), "deletes are refused");
}

#[test]
fn tampering_names_the_first_broken_entry() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = good_store(&dir);
    // Someone with sqlite3 drops the guard and edits entry 7's recorded value.
    store
        .conn()
        .execute_batch("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET after = replace(after, '\"', '''') WHERE id = 7;")
        .expect("tamper");
    let report = verify(&store).expect("verify runs");
    assert!(!report.ok);
    assert_eq!(report.first_broken_entry, Some(7));
}

#[test]
fn deleting_an_entry_breaks_the_chain_at_the_next_one() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = good_store(&dir);
    // sqlite3 does not enforce foreign keys unless asked (audit_row's rows point at their entry).
    store
        .conn()
        .execute_batch("PRAGMA foreign_keys = OFF; DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 10;")
        .expect("tamper");
    let report = verify(&store).expect("verify runs");
    assert_eq!(report.first_broken_entry, Some(11), "entry 11 no longer links to its predecessor");
}

#[test]
fn a_schema_1_file_migrates_without_loss() {
    // tests/fixtures/schema/v1.db: the clean fixture portfolio written by the first release.
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("v1.db");
    std::fs::copy(crate::common::fixture("schema/v1.db"), &path).expect("copy fixture");
    let old = {
        let conn = rusqlite::Connection::open(&path).expect("open raw");
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).expect("version");
        assert_eq!(version, 1, "the fixture is a schema-1 file");
        let columns = v1_columns(&conn);
        (logical(&conn, &columns), columns)
    };
    let (old, columns) = old;
    let store = transferdesk_core::Store::open(&path).expect("migrates");
    let now = logical(store.conn(), &columns);
    assert_eq!(crate::common::added_by_upgrade(&old, &now), 1, "every schema-1 row and column is still there, unchanged");
    let report = transferdesk_core::store::audit::verify(&store).expect("verify");
    assert!(report.ok && report.audit_entries == 23, "the audit chain survives the migration, sealed by one entry: {report:?}");
    // schema 1: 5 people, 3 organizations, 4 achievements with 3 + 2 + 1 + 2 = 8 inventors, 4
    // contracts with 1 + 2 + 1 + 0 = 4 achievement links, 3 receipts, 2 costs, 4 departments and
    // the institution = 38 rows; the migrations seed the default policy, the holiday calendar of
    // 2024–2026 (36 + 33 + 39 = 108 days in 0002_rewards.sql), 4 assessment criteria and the 20
    // industry sections A–T of 0011_official_report.sql = 133.
    assert_eq!(report.rows_checked, 38 + 133, "every row of the upgraded file is proven by the seal");
    let policies = transferdesk_core::rewards::policy::list(&store).expect("policies");
    assert_eq!(policies.len(), 1, "the default policy arrives with schema 2");
    let plan = transferdesk_core::rewards::distribution::propose(
        &store,
        "HT2025-001",
        chrono::NaiveDate::from_ymd_opt(2025, 12, 31).expect("day"),
        &[],
    )
    .expect("plan on a migrated file");
    assert_eq!(plan.plan.pool_fen.map(|p| p.0), Some(33_950_000), "485,000.00 × 70%");
}

/// Each schema-1 table with its columns, as the fixture has them (later schemas add columns).
fn v1_columns(conn: &rusqlite::Connection) -> Vec<(&'static str, String)> {
    let tables = [
        "institution",
        "department",
        "person",
        "organization",
        "achievement",
        "inventor",
        "contract",
        "contract_achievement",
        "receipt",
        "cost",
        "audit_log",
    ];
    tables
        .into_iter()
        .map(|t| {
            let mut stmt = conn.prepare(&format!("SELECT name FROM pragma_table_info('{t}') ORDER BY cid")).expect("columns");
            let names = stmt.query_map([], |r| r.get::<_, String>(0)).and_then(|n| n.collect::<rusqlite::Result<Vec<_>>>()).expect("names");
            (t, names.join(", "))
        })
        .collect()
}

fn logical(conn: &rusqlite::Connection, tables: &[(&'static str, String)]) -> Vec<String> {
    let mut out = Vec::new();
    for (t, columns) in tables {
        let mut stmt = conn.prepare(&format!("SELECT {columns} FROM {t}")).expect("select");
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                Ok((0..n).map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).ok())).collect::<Vec<_>>().join("|"))
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .expect("rows");
        out.extend(rows.into_iter().map(|r| format!("{t}|{r}")));
    }
    out.sort();
    out
}

/// (entries, the newest entry's entity and action).
fn head(store: &transferdesk_core::Store) -> (i64, String, String) {
    store
        .conn()
        .query_row("SELECT (SELECT count(*) FROM audit_log), entity, action FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .expect("audit head")
}

#[test]
fn each_change_is_one_audited_write_and_a_refused_one_leaves_no_entry() {
    use chrono::NaiveDate;
    use transferdesk_core::deals::contract::edit::{add_cost, add_receipt, MoneyEntry};
    use transferdesk_core::model::{CostCategory, ReceiptKind};
    use transferdesk_core::money::Money;
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let actor = crate::common::actor();
    let contract = transferdesk_core::deals::contract::view::find(store.conn(), "HT2025-004").expect("contract");
    let entry = |amount: i64, receipt: bool| MoneyEntry {
        on: NaiveDate::from_ymd_opt(2025, 9, 1).expect("date"),
        amount_fen: Money(amount),
        reference: None,
        receipt_kind: receipt.then_some(ReceiptKind::Payment),
        cost_category: (!receipt).then_some(CostCategory::Appraisal),
    };

    let (before, ..) = head(&store);
    add_receipt(&mut store, &actor, contract, &entry(1_000_000, true)).expect("receipt");
    assert_eq!(head(&store), (before + 1, "receipt".into(), "insert".into()));
    add_cost(&mut store, &actor, contract, &entry(50_000, false)).expect("cost");
    assert_eq!(head(&store), (before + 2, "cost".into(), "insert".into()));

    // Refused writes: a zero receipt, a person edit with a bad resident ID.
    add_receipt(&mut store, &actor, contract, &entry(0, true)).expect_err("zero is refused");
    // T002 李四 of the people fixture.
    let mut person = transferdesk_core::people::person_page::PersonEdit {
        id: store.conn().query_row("SELECT id FROM person WHERE employee_id = 'T002'", [], |r| r.get(0)).expect("T002"),
        // As imported.
        version: 1,
        employee_id: "T002".into(),
        name: "李四".into(),
        department: "计算机学院".into(),
        category: transferdesk_core::model::Category::Researcher,
        leader_level: transferdesk_core::model::LeaderLevel::Middle,
        id_number: Some("123".into()),
        bank_account: None,
    };
    transferdesk_core::people::person_page::update(&mut store, &actor, &person).expect_err("bad ID refused");
    assert_eq!(head(&store).0, before + 2, "nothing refused is audited");

    person.id_number = None;
    person.name = "李思".into();
    transferdesk_core::people::person_page::update(&mut store, &actor, &person).expect("renamed");
    assert_eq!(head(&store), (before + 3, "person".into(), "update".into()));
    assert!(verify(&store).expect("verify").ok);
}
