//! Tamper evidence (docs/reliability.md "Tamper evidence", "Witnesses", "Schema check"): each
//! attack of issue 22, done the way a person with sqlite3 would — a second connection to the file
//! that knows nothing of the app (no foreign keys, no triggers of its own) — and what `verify`,
//! a restore and opening the file say about it.
//!
//! The clean fixture store (`good_store`) has 22 audit entries: 1 the institution, 2–6 the five
//! people, 7–9 the three organizations, 10–13 the achievements CG001–CG004, 14–17 the contracts,
//! 18–20 the receipts 1–3, 21–22 the costs 1–2 (one import each, one entry per record, in file
//! order). Its records are 38 rows (see audit.rs) and the 133 rows the migrations seed (with the 20 industry sections).

use crate::common::{actor, dump, good_store};
use rusqlite::Connection;
use sha2::Digest;
use std::path::Path;
use transferdesk_core::progress::unobserved;
use transferdesk_core::store::audit::{verify, verify_file, VerifyReport};
use transferdesk_core::store::backup::{self, Reason};
use transferdesk_core::store::witness;
use transferdesk_core::{Lang, Store};

/// The file as another program sees it.
fn sqlite3(store: &Store) -> Connection {
    Connection::open(store.path()).expect("a second connection")
}

/// (code, table, key, columns, entry) of a finding.
type Seen<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Vec<&'a str>, Option<i64>);

/// Each finding.
fn found(report: &VerifyReport) -> Vec<Seen<'_>> {
    report
        .findings
        .iter()
        .map(|f| (f.code, f.table.as_deref(), f.key.as_deref(), f.columns.iter().map(String::as_str).collect(), f.entry))
        .collect()
}

/// (kind, status, entries) of each witness.
fn witnesses(report: &VerifyReport) -> Vec<(&str, &str, Option<i64>)> {
    report.witnesses.iter().map(|w| (w.kind, w.status, w.entries)).collect()
}

/// The SQL of a trigger, to put it back after the attack (a careful attacker leaves the schema
/// as it was, so that the file still opens).
fn trigger_sql(conn: &Connection, name: &str) -> String {
    conn.query_row("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1", [name], |r| r.get(0)).expect("trigger")
}

/// Recomputes the hash chain from entry `from` on, as anyone can: the hash is public SHA-256 of
/// the JSON array of the entry's fields (with `rows_sha256` last), nothing secret.
fn rebuild_chain(conn: &Connection, from: i64) {
    let mut prev: String = conn.query_row("SELECT prev_hash FROM audit_log WHERE id = ?1", [from], |r| r.get(0)).expect("prev");
    let rows: Vec<(i64, Vec<Option<String>>)> = conn
        .prepare("SELECT id, at, actor, action, entity, entity_key, before, after, rows_sha256 FROM audit_log WHERE id >= ?1 ORDER BY id")
        .and_then(|mut s| s.query_map([from], |r| Ok((r.get(0)?, (1..9).map(|i| r.get(i)).collect::<rusqlite::Result<_>>()?)))?.collect())
        .expect("entries");
    for (id, f) in rows {
        let fields = serde_json::json!([prev, f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]]);
        let hash = hex::encode(sha2::Sha256::digest(fields.to_string().as_bytes()));
        conn.execute("UPDATE audit_log SET prev_hash = ?1, hash = ?2 WHERE id = ?3", rusqlite::params![prev, hash, id]).expect("rehash");
        prev = hash;
    }
}

#[test]
fn a_clean_store_proves_every_row_and_its_witness() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = good_store(&dir);
    let report = verify(&store).expect("verify");
    assert!(report.ok, "{:?}", report.findings);
    // 38 record rows and the 133 rows the migrations seed (113, and the 20 industry sections of 0011).
    assert_eq!(report.rows_checked, 38 + 133, "every record row is compared with its digest");
    assert_eq!(witnesses(&report), vec![("file", "matches", Some(22))], "the witness beside the file saw the 22 entries");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(witness::witness_path(store.path())).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the witness is its owner's only, like the data file");
    }
}

#[test]
fn a_receipt_amount_changed_behind_the_app_is_named() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = good_store(&dir);
    // receipts.csv's V2: 600,000.00 yuan on HT2025-002, logged by entry 19.
    sqlite3(&store).execute("UPDATE receipt SET amount_fen = 30000000 WHERE id = 2", []).expect("tamper");
    let report = verify(&store).expect("verify");
    assert!(!report.ok, "the changed amount is found");
    assert_eq!(found(&report), vec![("row_changed", Some("receipt"), Some("2"), vec!["amount_fen"], Some(19))]);
    assert!(report.findings[0].message.contains("receipt 2") && report.findings[0].message.contains("amount_fen"), "{:?}", report.findings);
    // The CLI's way (read-only, no migration) says the same.
    drop(store);
    let from_cli = verify_file(&dir.path().join("t.db"), Lang::En).expect("verify file");
    assert_eq!(found(&from_cli), vec![("row_changed", Some("receipt"), Some("2"), vec!["amount_fen"], Some(19))]);
    assert!(
        from_cli.findings[0].message.starts_with("receipt 2 differs from what audit entry 19 recorded"),
        "{}",
        from_cli.findings[0].message
    );
}

#[test]
fn rows_inserted_or_deleted_behind_the_app_are_named() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = good_store(&dir);
    sqlite3(&store)
        .execute_batch(
            "INSERT INTO cost (contract_id, incurred_on, category, amount_fen, note) VALUES (1, '2025-03-01', 'other', 100, NULL);
             DELETE FROM cost WHERE id = 2;
             DELETE FROM inventor WHERE achievement_id = 1 AND person_id = 3;",
        )
        .expect("tamper");
    let report = verify(&store).expect("verify");
    // Tables in name order: cost (the new row 3 has no entry; row 2 was logged by entry 22),
    // then inventor (CG001's third inventor, T003 = person 3, logged with CG001 by entry 10).
    assert_eq!(
        found(&report),
        vec![
            ("row_added", Some("cost"), Some("3"), vec![], None),
            ("row_deleted", Some("cost"), Some("2"), vec![], Some(22)),
            ("row_deleted", Some("inventor"), Some("[1,3]"), vec![], Some(10)),
        ]
    );
}

#[test]
fn a_tail_cut_off_after_dropping_the_trigger_is_caught_by_the_witnesses() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = good_store(&dir);
    // A backup now holds the head too (its manifest): entry 22.
    backup::take(&store, actor().at, Reason::Manual, &mut unobserved).expect("backup");
    // Entries 20–22 (receipt 3, costs 1 and 2) go, with the rows they wrote and their digests:
    // inside the file everything agrees again.
    let conn = sqlite3(&store);
    let guards: Vec<String> = ["audit_log_no_delete", "audit_row_no_delete"].iter().map(|t| trigger_sql(&conn, t)).collect();
    conn.execute_batch(
        "DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_row_no_delete;
         DELETE FROM receipt WHERE id = 3; DELETE FROM cost;
         DELETE FROM audit_row WHERE entry_id >= 20; DELETE FROM audit_log WHERE id >= 20;",
    )
    .expect("cut");
    for sql in &guards {
        conn.execute_batch(sql).expect("the guard back");
    }
    let report = verify(&store).expect("verify");
    assert_eq!(report.audit_entries, 19);
    assert_eq!(report.first_broken_entry, None, "what is left of the chain is whole");
    assert_eq!(
        witnesses(&report),
        vec![("file", "cut_off", Some(22)), ("backup", "cut_off", Some(22))],
        "the witness beside the file and the backup's manifest both saw 22 entries"
    );
    assert_eq!(found(&report).iter().map(|f| f.0).collect::<Vec<_>>(), vec!["witness", "witness"], "{:?}", report.findings);
    assert!(report.findings[0].message.contains("22") && report.findings[0].message.contains("19"), "{}", report.findings[0].message);

    // Without the witness beside the file the backup's manifest still tells …
    std::fs::remove_file(witness::witness_path(store.path())).expect("witness removed");
    let report = verify(&store).expect("verify");
    assert_eq!(witnesses(&report), vec![("file", "missing", None), ("backup", "cut_off", Some(22))]);
    assert!(!report.ok);
    // … and with every copy gone the cut cannot be seen: the file alone agrees with itself.
    for entry in std::fs::read_dir(backup::backup_dir(store.path())).expect("backups") {
        std::fs::remove_file(entry.expect("entry").path()).expect("removed");
    }
    assert!(verify(&store).expect("verify").ok, "what verify cannot prove: docs/reliability.md");
}

#[test]
fn an_entry_edited_and_the_chain_recomputed_is_caught_by_the_witness_and_the_row_digest() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = good_store(&dir);
    let conn = sqlite3(&store);
    let guard = trigger_sql(&conn, "audit_log_no_update");
    // The amount of receipt 2 is halved in the record and in its entry (19), and the chain from
    // 19 on is computed again, so that every entry links and hashes.
    conn.execute_batch(
        "DROP TRIGGER audit_log_no_update;
         UPDATE receipt SET amount_fen = 30000000 WHERE id = 2;
         UPDATE audit_log SET after = replace(after, '\"amount\":60000000', '\"amount\":30000000') WHERE id = 19;",
    )
    .expect("tamper");
    let edited: String = conn.query_row("SELECT after FROM audit_log WHERE id = 19", [], |r| r.get(0)).expect("after");
    assert!(edited.contains("\"amount\":30000000"), "the entry now says 300,000.00: {edited}");
    rebuild_chain(&conn, 19);
    conn.execute_batch(&guard).expect("the guard back");
    let report = verify(&store).expect("verify");
    assert_eq!(report.first_broken_entry, None, "the rebuilt chain is whole");
    assert_eq!(
        found(&report),
        vec![("row_changed", Some("receipt"), Some("2"), vec!["amount_fen"], Some(19)), ("witness", None, None, vec![], Some(22))],
        "the row is not what entry 19's digest says, and entry 22's hash is not the one the witness kept"
    );
    assert_eq!(witnesses(&report), vec![("file", "rewritten", Some(22))]);
}

#[test]
fn a_filed_annual_report_keeps_the_head_it_was_filed_at() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = crate::annual::annual_store(&dir);
    let head: i64 = store.conn().query_row("SELECT max(id) FROM audit_log", [], |r| r.get(0)).expect("head");
    transferdesk_core::reporting::filing::file(&mut store, &actor(), 2025, None, &[("a.pdf".into(), b"%PDF".to_vec())]).expect("filed");
    let report = verify(&store).expect("verify");
    assert!(report.ok, "{:?}", report.findings);
    assert_eq!(
        witnesses(&report),
        vec![("report", "matches", Some(head)), ("file", "matches", Some(head + 1))],
        "the filing is entry head + 1"
    );
    // Entry 2 rewritten and the whole chain recomputed, the witness beside the file removed: the
    // report filed at `head` still holds the old hash.
    let conn = sqlite3(&store);
    let guard = trigger_sql(&conn, "audit_log_no_update");
    conn.execute_batch("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE id = 2;").expect("tamper");
    rebuild_chain(&conn, 2);
    conn.execute_batch(&guard).expect("the guard back");
    std::fs::remove_file(witness::witness_path(store.path())).expect("witness removed");
    let report = verify(&store).expect("verify");
    assert_eq!(report.first_broken_entry, None);
    assert_eq!(witnesses(&report), vec![("report", "rewritten", Some(head)), ("file", "missing", None)]);
    assert_eq!(found(&report).iter().map(|f| (f.0, f.4)).collect::<Vec<_>>(), vec![("witness", Some(head))]);
}

#[test]
fn a_crafted_backup_with_another_schema_is_refused_by_restore_and_by_open() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let crafted = dir.path().join("crafted.db");
    backup::write(&store, &crafted, &mut unobserved).expect("backup");
    // The append-only guards dropped, and a trigger that halves every new receipt.
    Connection::open(&crafted)
        .and_then(|c| {
            c.execute_batch(
                "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;
                 CREATE TRIGGER receipt_halve AFTER INSERT ON receipt BEGIN UPDATE receipt SET amount_fen = amount_fen / 2 WHERE id = new.id; END;",
            )
        })
        .expect("craft");
    let before = dump(&store);
    let version = transferdesk_core::store::schema_version();
    let err = backup::restore(&mut store, &crafted, &actor(), &mut unobserved).expect_err("refused");
    assert_eq!(err.code(), "backup_schema");
    let message = err.message(Lang::En);
    for part in [
        crafted.display().to_string(),
        "trigger audit_log_no_delete is missing".to_string(),
        "trigger audit_log_no_update is missing".to_string(),
        format!("trigger receipt_halve is not part of schema {version}"),
    ] {
        assert!(message.contains(&part), "the message names {part}: {message}");
    }
    assert_eq!(dump(&store), before, "nothing replaced");
    assert!(backup::list(&backup::backup_dir(store.path())).expect("list").is_empty(), "not even a before-restore backup was taken");
    // Opened as a data file, the same file is refused with the same differences.
    let err = Store::open(&crafted).expect_err("refused");
    assert_eq!(err.code(), "db_corrupt");
    let message = err.to_string();
    assert!(
        message.contains(&crafted.display().to_string()) && message.contains("trigger receipt_halve is not part of schema"),
        "{message}"
    );
    // And verify (read-only) lists them as findings.
    let report = verify_file(&crafted, Lang::En).expect("verify");
    let schema: Vec<&str> = report.findings.iter().filter(|f| f.code == "schema").map(|f| f.message.as_str()).collect();
    assert_eq!(schema.len(), 3, "{schema:?}");
}

#[test]
fn a_restored_backup_verifies_and_the_backups_of_the_replaced_data_are_set_aside() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let taken = backup::take(&store, actor().at, Reason::Manual, &mut unobserved).expect("backup at 22");
    let contract = transferdesk_core::deals::contract::view::find(store.conn(), "HT2025-004").expect("contract");
    let entry = transferdesk_core::deals::contract::edit::MoneyEntry {
        on: chrono::NaiveDate::from_ymd_opt(2025, 9, 1).expect("date"),
        amount_fen: transferdesk_core::Money(1_000_000),
        reference: None,
        receipt_kind: Some(transferdesk_core::model::ReceiptKind::Payment),
        cost_category: None,
    };
    transferdesk_core::deals::contract::edit::add_receipt(&mut store, &actor(), contract, &entry).expect("entry 23");
    // Another backup of the 23 entries, in the same second as the restore that follows (the
    // times are to the second): it too holds data the restore replaced.
    backup::take(&store, actor().at, Reason::Manual, &mut unobserved).expect("backup at 23");
    let restored = backup::restore(&mut store, Path::new(&taken.file), &actor(), &mut unobserved).expect("restored");
    let report = verify(&store).expect("verify");
    assert!(report.ok, "{:?}", report.findings);
    assert_eq!(report.audit_entries, 23, "the backup's 22 entries and the restore");
    let mut seen = witnesses(&report);
    seen.sort();
    // The backup restored is the log's own past (22 matches); the before-restore backup holds the
    // replaced 23 entries: set aside, not a finding; the witness beside follows the restore.
    assert_eq!(
        seen,
        vec![
            ("backup", "matches", Some(22)),
            ("backup", "replaced", Some(23)),
            ("backup", "replaced", Some(23)),
            ("file", "matches", Some(23))
        ]
    );
    let after: serde_json::Value = serde_json::from_str(
        &store.conn().query_row("SELECT after FROM audit_log WHERE id = 23", [], |r| r.get::<_, String>(0)).expect("restore entry"),
    )
    .expect("json");
    assert_eq!(after["kept"], restored.kept.name);
    assert_eq!((after["replaced_head"]["entries"].as_i64(), after["restored_head"]["entries"].as_i64()), (Some(23), Some(22)));
}

#[test]
fn a_clean_demo_and_its_backup_verify_with_their_witnesses() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("demo.db");
    transferdesk_core::demo::create(&path, transferdesk_core::demo::Scale::Small, 1, &actor()).expect("demo");
    let store = Store::open(&path).expect("open");
    backup::take(&store, actor().at, Reason::Start, &mut unobserved).expect("backup");
    let report = verify(&store).expect("verify");
    assert!(report.ok, "{:?}", report.findings);
    // Every table but the audit log's two, the search index's and the fee docket's stamp
    // (derived; the other unsealed tables are empty in a demo).
    let tables: Vec<String> = store
        .conn()
        .prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'search%' AND name NOT LIKE 'audit%' AND name <> 'fee_docket_stamp'")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("tables");
    let records: i64 = tables
        .iter()
        .map(|t| store.conn().query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get::<_, i64>(0)).expect("n"))
        .sum();
    assert!(tables.len() > 40 && records > 1000, "{} tables, {records} rows", tables.len());
    assert_eq!(i64::from(report.rows_checked), records, "every row of every sealed table");
    let n = i64::from(report.audit_entries);
    assert_eq!(witnesses(&report), vec![("file", "matches", Some(n)), ("backup", "matches", Some(n))]);
}

#[test]
fn a_migrated_schema_6_file_is_sealed_once_and_gets_its_witness() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("v6.db");
    std::fs::copy(crate::common::fixture("schema/v6.db"), &path).expect("copy fixture");
    let entries: i64 =
        Connection::open(&path).and_then(|c| c.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))).expect("count");
    let store = Store::open(&path).expect("migrates");
    let report = verify(&store).expect("verify");
    assert!(report.ok, "{:?}", report.findings);
    assert_eq!(i64::from(report.audit_entries), entries + 1, "one entry seals the rows of the upgraded file");
    assert_eq!(witnesses(&report), vec![("file", "matches", Some(entries + 1))], "the upgrade wrote the witness");
    drop(store);
    let again = Store::open(&path).expect("reopens");
    assert_eq!(i64::from(verify(&again).expect("verify").audit_entries), entries + 1, "sealed once, not at every open");
}

#[test]
fn deleting_a_contract_through_the_app_seals_its_cascaded_rows() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    // HT2025-003 (equity, CG002 at 100 %) has no money: the app may delete it; its achievement
    // link goes by ON DELETE CASCADE, which the app's own triggers see too.
    let contract = transferdesk_core::deals::contract::view::find(store.conn(), "HT2025-003").expect("contract");
    transferdesk_core::deals::contract::edit::delete(&mut store, &actor(), contract).expect("deleted");
    let links: i64 =
        store.conn().query_row("SELECT count(*) FROM contract_achievement WHERE contract_id = ?1", [contract], |r| r.get(0)).expect("n");
    assert_eq!(links, 0, "the link went with the contract");
    let report = verify(&store).expect("verify");
    assert!(report.ok, "{:?}", report.findings);
}

#[test]
fn a_new_file_holds_what_its_migrations_seed_and_nothing_written_behind_the_app() {
    // A new file has an empty log: its seeded rows (133: the default policy, the holidays, the
    // assessment criteria, the 20 industry sections) are sealed by its first entry. Before that they are what every new
    // file holds — a first write killed leaves such a file — and anything else is still named.
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("new.db");
    std::fs::write(&path, b"").expect("an empty file");
    let store = Store::open(&path).expect("opened: migrated, nothing written yet");
    let report = verify(&store).expect("verify");
    assert!(report.ok, "a new file verifies: {:?}", report.findings);
    assert_eq!((report.audit_entries, report.rows_checked), (0, 133));
    sqlite3(&store)
        .execute_batch(
            "INSERT INTO department (name) VALUES ('外来学院');
             DELETE FROM holiday WHERE day = '2025-10-01';",
        )
        .expect("tamper");
    let report = verify(&store).expect("verify");
    let seen: Vec<(&str, Option<&str>)> = found(&report).iter().map(|f| (f.0, f.1)).collect();
    assert_eq!(seen, vec![("row_added", Some("department")), ("row_deleted", Some("holiday"))], "{:?}", report.findings);
}
