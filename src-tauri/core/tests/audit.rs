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
    store.conn().execute_batch("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 10;").expect("tamper");
    let report = verify(&store).expect("verify runs");
    assert_eq!(report.first_broken_entry, Some(11), "entry 11 no longer links to its predecessor");
}
