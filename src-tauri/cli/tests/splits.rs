//! `rewards plan|create --amounts FILE [--form FILE]` and `policy list|show|add` (issue 21,
//! points 1–3; docs/cli.md "rewards plan", "policy"), with the bad inputs that must exit 1
//! naming every problem at its place and writing nothing. Figures are computed by hand on the
//! fixture portfolio: HT2025-001, a registered license of CG001 (T001* 50%, T002 30%, T003 20%),
//! 500,000.00 received, 15,000.00 costs → net 485,000.00; 70% → pool 339,500.00.

use crate::common::{cli, good_db};
use serde_json::Value;
use std::path::Path;

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write");
    path.display().to_string()
}

fn json(db: &Path, args: &[&str]) -> (i32, Value) {
    let out = cli(db, &[&["--json"], args].concat());
    (out.status, out.json())
}

/// (row, column, code) of each problem of a refusal.
fn problems(doc: &Value) -> Vec<(u64, String, String)> {
    doc["error"]["details"]
        .as_array()
        .expect("details")
        .iter()
        .map(|d| (d["row"].as_u64().unwrap_or(0), d["column"].as_str().unwrap_or("").into(), d["code"].as_str().unwrap_or("").into()))
        .collect()
}

fn distributions(db: &Path) -> usize {
    json(db, &["rewards", "list"]).1["rows"].as_array().map_or(0, Vec::len)
}

#[test]
fn amounts_from_a_file_become_the_lines_and_the_form_is_attached() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = good_db(&dir);
    // The team agreed 200,000.00 / 100,000.00 / 39,500.00 = 339,500.00, the pool (by shares it
    // would be 169,750.00 / 101,850.00 / 67,900.00). Registered license: half of each taxable.
    let file = write(&dir, "分配表.csv", "工号,姓名,金额\nT001,张三,200000\nT002,李四,\"100,000.00\"\nT003,王五,39500\n");
    let (status, plan) = json(&db, &["rewards", "plan", "--contract", "HT2025-001", "--through", "2025-12-31", "--amounts", &file]);
    assert_eq!(status, 0, "{plan}");
    let lines: Vec<(&str, i64, i64)> = plan["allocations"]
        .as_array()
        .expect("lines")
        .iter()
        .map(|a| (a["employee_id"].as_str().unwrap_or(""), a["amount_fen"].as_i64().unwrap_or(0), a["taxable_fen"].as_i64().unwrap_or(0)))
        .collect();
    assert_eq!(lines, [("T001", 20_000_000, 10_000_000), ("T002", 10_000_000, 5_000_000), ("T003", 3_950_000, 1_975_000)]);
    assert_eq!(plan["agreed_amounts"], true);
    assert_eq!(distributions(&db), 0, "plan writes nothing");

    let form = write(&dir, "签字分配表.pdf", "%PDF-1.4 signed");
    let (status, created) =
        json(&db, &["rewards", "create", "--contract", "HT2025-001", "--through", "2025-12-31", "--amounts", &file, "--form", &form]);
    assert_eq!(status, 0, "{created}");
    assert_eq!(created["allocations"][0]["amount_fen"], 20_000_000);
    assert!(created["allocation_attachment_id"].as_i64().is_some(), "the signed form is kept: {created}");
    let conn = rusqlite::Connection::open(&db).expect("open");
    let (entity, name): (String, String) = conn
        .query_row("SELECT entity, name FROM attachment WHERE id = ?1", [created["allocation_attachment_id"].as_i64()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("attachment row");
    assert_eq!((entity.as_str(), name.as_str()), ("contract", "签字分配表.pdf"));
}

#[test]
fn a_bad_allocation_file_exits_1_naming_every_problem_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = good_db(&dir);
    // Row 2 T001 200,000; row 3 T002 100,000; row 4 T002 again (duplicate of row 3); row 5 X999
    // unknown; row 6 S001 recorded but not an inventor of CG001 and not named staff.
    // Σ = 200,000 + 100,000 + 1 + 2 + 3 = 300,006.00 ≠ 339,500.00: difference −39,494.00.
    let file = write(&dir, "bad.csv", "工号,金额\nT001,200000\nT002,100000\nT002,1\nX999,2\nS001,3\n");
    for command in ["plan", "create"] {
        let (status, doc) = json(&db, &["rewards", command, "--contract", "HT2025-001", "--through", "2025-12-31", "--amounts", &file]);
        assert_eq!(status, 1, "{command}: {doc}");
        assert_eq!(
            problems(&doc),
            [
                (4, "工号".to_string(), "duplicate_in_file".to_string()),
                (5, "工号".to_string(), "unknown_reference".to_string()),
                (6, "工号".to_string(), "not_a_contributor".to_string()),
                (0, "金额".to_string(), "amounts_not_pool".to_string()),
            ],
            "{command}: every problem with its place"
        );
        assert!(doc.to_string().contains("-39,494.00"), "the difference is shown: {doc}");
    }
    let human = cli(&db, &["rewards", "create", "--contract", "HT2025-001", "--through", "2025-12-31", "--amounts", &file]);
    assert!(human.stderr.contains("相差 -39,494.00"), "{}", human.stderr);
    assert_eq!(distributions(&db), 0, "nothing written");
    let attachments: i64 =
        rusqlite::Connection::open(&db).expect("open").query_row("SELECT count(*) FROM attachment", [], |r| r.get(0)).expect("count");
    assert_eq!(attachments, 0, "nothing attached");
}

#[test]
fn a_policy_listed_as_json_and_edited_is_added_back_and_used() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = good_db(&dir);
    let (status, list) = json(&db, &["policy", "list"]);
    assert_eq!(status, 0);
    assert_eq!(list.as_array().map(Vec::len), Some(1), "the shipped version: {list}");
    // One element, edited: from 2025-01-01, 85% for the inventors of a transfer or license, the
    // department 5% and the institution 10% of the net income; a tier of 90% from 1,000,000.00.
    let mut version = list[0].clone();
    version["effective_on"] = "2025-01-01".into();
    version["transfer_bp"] = 8500.into();
    version["license_bp"] = 8500.into();
    version["equity_bp"] = 8500.into();
    version["tiers"] = serde_json::json!([{"kind": null, "min_amount_fen": 100_000_000, "in_province": false, "ratio_bp": 9000}]);
    version["recipients"] = serde_json::json!([{"name": "计算机学院", "share_bp": 500}, {"name": "学校", "share_bp": 1000}]);
    version["document_title"] = "测试大学科技成果转化管理办法".into();
    version["document_no"] = "测大发〔2025〕3号".into();
    let file = write(&dir, "policy.json", &version.to_string());
    let (status, added) = json(&db, &["policy", "add", &file]);
    assert_eq!(status, 0, "{added}");
    let id = added["id"].as_i64().expect("id");
    let (status, shown) = json(&db, &["policy", "show", &id.to_string()]);
    assert_eq!(status, 0);
    assert_eq!((shown["license_bp"].as_i64(), shown["tiers"][0]["ratio_bp"].as_i64()), (Some(8500), Some(9000)));
    assert_eq!(shown["recipients"][1]["name"], "学校");
    let human = cli(&db, &["policy", "show", &id.to_string()]);
    assert!(human.stdout.contains("学校: 10%"), "{}", human.stdout);
    // Named by its document, as offices cite it; the shipped version has none recorded.
    assert!(human.stdout.contains("2025-01-01 《测试大学科技成果转化管理办法》（测大发〔2025〕3号）"), "{}", human.stdout);
    assert_eq!(shown["document_no"], "测大发〔2025〕3号");
    let listed = cli(&db, &["policy", "list"]).stdout;
    assert!(listed.contains("#1 1900-01-01 转让 70%"), "{listed}");

    // HT2025-001 (signed 2025-02-20, 500,000.00 < the tier's 1,000,000.00): net 485,000.00 × 85% =
    // 412,250.00 to the team; 72,750.00 left, split 5 : 10 → 24,250.00 and 48,500.00 (exact).
    let (_, plan) = json(&db, &["rewards", "plan", "--contract", "HT2025-001", "--through", "2025-12-31"]);
    assert_eq!((plan["pool_fen"].as_i64(), plan["institution_fen"].as_i64()), (Some(41_225_000), Some(7_275_000)));
    assert_eq!(plan["policy_document"], "《测试大学科技成果转化管理办法》（测大发〔2025〕3号）");
    let recipients: Vec<(&str, i64)> = plan["recipients"]
        .as_array()
        .expect("recipients")
        .iter()
        .map(|r| (r["name"].as_str().unwrap_or(""), r["amount_fen"].as_i64().unwrap_or(0)))
        .collect();
    assert_eq!(recipients, [("计算机学院", 2_425_000), ("学校", 4_850_000)]);
}

#[test]
fn a_bad_policy_file_exits_1_naming_every_problem_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = good_db(&dir);
    let (_, list) = json(&db, &["policy", "list"]);
    let mut version = list[0].clone();
    // The shipped version's date again (overlap); transfer 120% (out of range); license 85% +
    // 5% + 9% = 99% (not 100; transfer's 134% is another sum); a tier of −1%; a key nobody knows.
    version["transfer_bp"] = 12_000.into();
    version["license_bp"] = 8500.into();
    version["tiers"] = serde_json::json!([{"kind": "license", "min_amount_fen": 0, "in_province": true, "ratio_bp": -100}]);
    version["recipients"] = serde_json::json!([{"name": "学院", "share_bp": 500}, {"name": "学校", "share_bp": 900}]);
    let file = write(&dir, "bad-policy.json", &version.to_string());
    let (status, doc) = json(&db, &["policy", "add", &file]);
    assert_eq!(status, 1, "{doc}");
    let got: Vec<(String, String)> = problems(&doc).into_iter().map(|(_, column, code)| (column, code)).collect();
    let expected = [
        ("transfer_bp", "bad_ratio"),
        ("tiers[0]", "bad_ratio"),
        ("recipients", "parts_not_100"),
        ("recipients", "parts_not_100"),
        ("effective_on", "duplicate_in_database"),
    ];
    assert_eq!(got, expected.map(|(a, b)| (a.to_string(), b.to_string())));
    version["unknown_field"] = 1.into();
    let file = write(&dir, "unknown.json", &version.to_string());
    let (status, doc) = json(&db, &["policy", "add", &file]);
    assert_eq!((status, problems(&doc)), (1, vec![(0, "unknown_field".to_string(), "unknown_column".to_string())]));
    let file = write(&dir, "broken.json", "{\n  \"effective_on\": \"2025-01-01\",\n  oops\n}");
    let (status, doc) = json(&db, &["policy", "add", &file]);
    assert_eq!((status, problems(&doc)[0].0), (1, 3), "unreadable JSON is named by its line: {doc}");
    assert_eq!(json(&db, &["policy", "list"]).1.as_array().map(Vec::len), Some(1), "nothing written");
}
