//! `disclosures list` (docs/cli.md "disclosures list"): every disclosure with its status and age,
//! filtered by status, as JSON. Disclosures written here through the core, received in 2020 so
//! that the undecided one is overdue whatever day the test runs.

use crate::common::cli;
use serde_json::Value;
use std::path::PathBuf;
use transferdesk_core::model::{AchievementKind, DisclosureDecision, FundingSource};
use transferdesk_core::portfolio::achievement::Inventor;
use transferdesk_core::portfolio::disclosure::{self, Decision, Disclosure};
use transferdesk_core::{Actor, Store};

fn day(text: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn store_with_disclosures(dir: &tempfile::TempDir) -> PathBuf {
    let db = dir.path().join("d.db");
    assert_eq!(cli(&db, &["init", "--institution", "测试大学", "--province", "四川省"]).status, 0);
    let people = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/good/people.csv");
    assert_eq!(cli(&db, &["import", "people", &people.display().to_string()]).status, 0);
    let actor = Actor { name: "test".into(), at: day("2026-11-23").and_hms_opt(9, 0, 0).expect("time") };
    let mut store = Store::open(&db).expect("open");
    let intake = |no: &str, received: &str| Disclosure {
        id: None,
        version: 0,
        disclosure_no: no.into(),
        title: format!("{no} 的成果"),
        department: "计算机学院".into(),
        funding_source: FundingSource::Own,
        fiscal_project: None,
        description: "技术内容".into(),
        prior_art: None,
        intended_protection: AchievementKind::InventionPatent,
        confidential: false,
        received_on: day(received),
        inventors: vec![Inventor { employee_id: "T001".into(), share_bp: 10_000, key_contributor: true }],
    };
    disclosure::save(&mut store, &actor, &intake("PL2020-001", "2020-01-06")).expect("first");
    let dropped = disclosure::save(&mut store, &actor, &intake("PL2020-002", "2020-01-08")).expect("second");
    let drop = Decision { decision: DisclosureDecision::Drop, decided_on: day("2020-02-07"), note: None };
    // A new disclosure is at version 1.
    disclosure::decide(&mut store, &actor, dropped, &drop, 1).expect("dropped");
    db
}

#[test]
fn disclosures_list_filters_by_status_and_reports_age() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = store_with_disclosures(&dir);

    let run = cli(&db, &["--json", "disclosures", "list"]);
    let (status, out) = (run.status, run.stdout);
    assert_eq!(status, 0, "{out}");
    let doc: Value = serde_json::from_str(out.trim()).expect("one JSON document");
    let rows = doc["disclosures"].as_array().expect("a list");
    let numbers: Vec<&str> = rows.iter().filter_map(|r| r["disclosure_no"].as_str()).collect();
    assert_eq!(numbers, ["PL2020-002", "PL2020-001"], "newest receipt first");
    // Dropped on 2020-02-07, 30 days after its receipt on 2020-01-08; the other waits still.
    assert_eq!(rows[0]["status"], "dropped");
    assert_eq!(rows[0]["age_days"], 30);
    assert_eq!(rows[0]["overdue"], false);
    assert_eq!(rows[1]["status"], "received");
    assert_eq!(rows[1]["overdue"], true, "undecided for years");

    let run = cli(&db, &["--json", "disclosures", "list", "--status", "dropped"]);
    let (status, out) = (run.status, run.stdout);
    assert_eq!(status, 0);
    assert_eq!(serde_json::from_str::<Value>(out.trim()).expect("JSON")["disclosures"].as_array().map(Vec::len), Some(1));
    let status = cli(&db, &["disclosures", "list", "--status", "lost"]).status;
    assert_eq!(status, 2, "an unknown status is a usage error");
}
