//! `fees due` and `fees pay` as docs/cli.md specifies them ("fees due", "fees pay"), on a small
//! portfolio written here. Figures by hand from docs/rules/fees.md ("Fee table", "Reduction",
//! "Grace period and surcharge"; the institution has 费减: 15% within ten years of the grant year):
//! - F01 invention filed 2019-12-01, granted 2022-03-01, paid through 7: year 8 due 2026-12-01,
//!   2,000.00 → 300.00;
//! - F02 utility model filed 2021-02-10, paid through 5: year 6 due 2026-02-10 (a Tuesday), grace
//!   ended Monday 2026-08-10 — past grace, so in `fees due` only with `--include-past-grace`:
//!   1,200.00 → 180.00 + 25% of 1,200.00 = 300.00 + 1,000.00 restoration = 1,480.00;
//! - F03 invention filed 2018-09-30, granted 2021-01-05, paid through 8: year 9 due 2026-09-30; on
//!   2026-11-23 (or 11-20) it is in the second month of grace: 300.00 + 5% of 2,000.00 = 100.00;
//! - F04 design filed 2023-01-20, paid through 4: year 5 due 2027-01-20, 900.00 → 135.00.
//!
//! None of these deadlines falls on a weekend or holiday (2026-09-30 Wednesday, 10-30 Friday,
//! 11-30 Monday, 12-01 Tuesday, 2027-01-20 Wednesday, 03-30 and 06-01 Tuesdays, 07-20 Tuesday), so
//! none moves; the shipped calendar has no 2027 arrangement, which `calendar_missing` names.

use crate::common::{cli, cli_env, fixture};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

const PATENTS: &str = "成果编号,成果名称,成果类型,申请号,申请日,授权号,授权日,法律状态,所属单位,财政资助项目,年费已缴至,完成人
F01,一种电池,发明专利,201910900001.4,2019-12-01,,2022-03-01,有效,计算机学院,,7,T001*
F02,一种夹具,实用新型专利,202120900002.1,2021-02-10,,2021-09-01,有效,计算机学院,,5,T001*
F03,一种涂层,发明专利,201810900003.9,2018-09-30,,2021-01-05,有效,材料科学与工程学院,,8,T003*
F04,一种灯具,外观设计专利,202330900004.5,2023-01-20,,2023-06-01,有效,计算机学院,,4,T002*
";

fn patent_db(dir: &Path) -> PathBuf {
    let db = dir.join("fees.db");
    assert_eq!(cli(&db, &["init", "--institution", "测试大学", "--province", "四川省", "--fee-reduction", "yes"]).status, 0);
    assert_eq!(cli(&db, &["import", "people", &fixture("good/people.csv")]).status, 0);
    let csv = dir.join("patents.csv");
    std::fs::write(&csv, PATENTS).expect("write");
    let run = cli(&db, &["import", "achievements", csv.to_str().expect("utf-8")]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    db
}

#[test]
fn fees_due_prints_the_contract_keys_and_the_hand_computed_figures() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = patent_db(dir.path());
    let run = cli(&db, &["--json", "fees", "due", "--on", "2026-11-23", "--within", "90"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let doc = run.json();
    let keys: Vec<&str> = doc.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
    assert_eq!(keys, ["on", "fees", "calendar_missing", "past_grace_count"]);
    assert_eq!((&doc["calendar_missing"], &doc["past_grace_count"]), (&json!([2027]), &json!(1)), "F02 is past grace, not listed");
    assert_eq!(doc["on"], "2026-11-23");
    let fees = doc["fees"].as_array().expect("fees");
    for f in fees {
        let keys: Vec<&str> = f.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
        assert_eq!(
            keys,
            [
                "achievement_no",
                "application_no",
                "patent_year",
                "due_on",
                "full_fee_fen",
                "amount_fen",
                "surcharge_fen",
                "grace_end_on",
                "status",
                "statutory_due_on",
                "restoration_fen"
            ],
            "exactly the keys of docs/cli.md \"fees due\", in its order"
        );
    }
    assert_eq!(
        doc["fees"],
        json!([
            {"achievement_no": "F03", "application_no": "201810900003.9", "patent_year": 9, "due_on": "2026-09-30",
             "full_fee_fen": 200_000, "amount_fen": 30_000, "surcharge_fen": 10_000, "grace_end_on": "2027-03-30", "status": "grace",
             "statutory_due_on": "2026-09-30", "restoration_fen": 0},
            {"achievement_no": "F01", "application_no": "201910900001.4", "patent_year": 8, "due_on": "2026-12-01",
             "full_fee_fen": 200_000, "amount_fen": 30_000, "surcharge_fen": 0, "grace_end_on": "2027-06-01", "status": "due",
             "statutory_due_on": "2026-12-01", "restoration_fen": 0},
            {"achievement_no": "F04", "application_no": "202330900004.5", "patent_year": 5, "due_on": "2027-01-20",
             "full_fee_fen": 90_000, "amount_fen": 13_500, "surcharge_fen": 0, "grace_end_on": "2027-07-20", "status": "due",
             "statutory_due_on": "2027-01-20", "restoration_fen": 0},
        ])
    );
    // 30 days ahead (to 2026-12-23): F04 is not due yet.
    let short = cli(&db, &["--json", "fees", "due", "--on", "2026-11-23", "--within", "30"]).json();
    assert_eq!(short["fees"].as_array().map(Vec::len), Some(2));

    let zh = cli(&db, &["fees", "due", "--on", "2026-11-23"]);
    assert!(zh.stdout.contains("3 项") && zh.stdout.contains("宽限期") && zh.stdout.contains("¥100.00 滞纳金"), "{}", zh.stdout);
    let en = cli_env(&db, &["fees", "due", "--on", "2026-11-23"], "en_US.UTF-8");
    assert!(en.stdout.contains("grace until 2027-03-30") && en.stdout.contains("total ¥835.00"), "{}", en.stdout);
    assert_eq!(cli(&db, &["fees", "due", "--on", "2026-02-30"]).status, 2, "a bad date is a usage error");
}

#[test]
fn fees_due_include_past_grace_adds_the_patents_in_force_unpaid_past_grace() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = patent_db(dir.path());
    let run = cli(&db, &["--json", "fees", "due", "--on", "2026-11-23", "--include-past-grace"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let doc = run.json();
    let fees = doc["fees"].as_array().expect("fees");
    // F02 comes first (due 2026-02-10), then the three of the plain list.
    let order: Vec<&str> = fees.iter().filter_map(|f| f["achievement_no"].as_str()).collect();
    assert_eq!(order, ["F02", "F03", "F01", "F04"]);
    assert_eq!(
        fees[0],
        json!({"achievement_no": "F02", "application_no": "202120900002.1", "patent_year": 6, "due_on": "2026-02-10",
               "full_fee_fen": 120_000, "amount_fen": 18_000, "surcharge_fen": 30_000, "grace_end_on": "2026-08-10", "status": "lapsed",
               "statutory_due_on": "2026-02-10", "restoration_fen": 100_000})
    );
    assert_eq!(doc["past_grace_count"], 1);
    // The text totals what paying everything costs on the day: 1,480.00 + 400.00 + 300.00 + 135.00.
    let zh = cli(&db, &["fees", "due", "--on", "2026-11-23", "--include-past-grace"]);
    assert!(zh.stdout.contains("4 项，合计 ¥2,315.00") && zh.stdout.contains("¥1,000.00 恢复费"), "{}", zh.stdout);
    // Without the flag the text still says that one more patent is past grace, and 2027 has no calendar.
    let plain = cli(&db, &["fees", "due", "--on", "2026-11-23"]);
    assert!(plain.stdout.contains("另有 1 项专利") && plain.stdout.contains("2027 年没有节假日安排"), "{}", plain.stdout);
    // Recording the lapse takes F02 out of the list and the count.
    assert_eq!(cli(&db, &["fees", "lapse", "F02", "--on", "2026-11-23"]).status, 0);
    let after = cli(&db, &["--json", "fees", "due", "--on", "2026-11-23", "--include-past-grace"]).json();
    assert_eq!((after["fees"].as_array().map(Vec::len), &after["past_grace_count"]), (Some(3), &json!(0)));
}

#[test]
fn fees_pay_records_advances_and_refuses_with_the_codes() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = patent_db(dir.path());
    let paid =
        cli(&db, &["--json", "fees", "pay", "F01", "--year", "8", "--paid-on", "2026-11-20", "--amount", "300", "--voucher", "PJ-8"]);
    assert_eq!(paid.status, 0, "{}", paid.stdout);
    let doc = paid.json();
    assert_eq!(
        (doc["fees_paid_through"].as_i64(), doc["expected_fen"].as_i64(), doc["amount_fen"].as_i64()),
        (Some(8), Some(30_000), Some(30_000))
    );
    assert_eq!(doc["warning"], Value::Null);
    let due = cli(&db, &["--json", "fees", "due", "--on", "2026-11-23"]).json();
    let listed: Vec<&str> = due["fees"].as_array().expect("fees").iter().filter_map(|f| f["achievement_no"].as_str()).collect();
    assert_eq!(listed, ["F03", "F04"], "F01's year 9 is due only on 2027-12-01");

    // F03 year 9 paid 2026-11-20 in its second month of grace: 400.00 expected, 300.00 accepted with a warning.
    let short = cli(&db, &["--json", "fees", "pay", "F03", "--year", "9", "--paid-on", "2026-11-20", "--amount", "300.00"]).json();
    assert_eq!(short["warning"], json!({"expected_fen": 40_000, "paid_fen": 30_000}));
    let human = cli(&db, &["fees", "pay", "F04", "--year", "5", "--paid-on", "2026-11-20", "--amount", "100"]);
    assert_eq!(human.status, 0);
    assert!(human.stdout.contains("注意") && human.stdout.contains("¥135.00"), "the difference is said: {}", human.stdout);

    let refused = |args: &[&str], code: &str| {
        let run = cli(&db, &[&["--json", "fees", "pay"], args].concat());
        assert_eq!((run.status, run.json()["error"]["code"].as_str()), (1, Some(code)), "{args:?}");
    };
    refused(&["F01", "--year", "8", "--paid-on", "2026-11-20", "--amount", "300"], "fee_year_already_paid");
    refused(&["F01", "--year", "10", "--paid-on", "2026-11-20", "--amount", "300"], "fee_year_not_next");
    refused(&["NOPE", "--year", "10", "--paid-on", "2026-11-20", "--amount", "300"], "not_found");
    let bad = cli(&db, &["--json", "fees", "pay", "F01", "--year", "9", "--paid-on", "2026-11-20", "--amount", "三百"]);
    assert_eq!(bad.status, 1);
    assert_eq!(
        (bad.json()["error"]["code"].as_str(), bad.json()["error"]["details"][0]["column"].as_str()),
        (Some("invalid_input"), Some("amount"))
    );
    assert_eq!(cli(&db, &["fees", "pay", "F01", "--paid-on", "2026-11-20", "--amount", "300"]).status, 2, "--year is required");
    let zh = cli(&db, &["fees", "pay", "F01", "--year", "8", "--paid-on", "2026-11-20", "--amount", "300"]);
    assert!(zh.stderr.contains("已缴纳"), "a person reads why: {}", zh.stderr);
}

#[test]
fn fees_pay_batch_pays_each_as_due_or_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = patent_db(dir.path());
    // NOPE is no achievement: the batch is refused naming it, and F01 stays unpaid.
    let refused = cli(&db, &["--json", "fees", "pay-batch", "F01", "NOPE", "--paid-on", "2026-11-20", "--voucher", "PJ-B"]);
    assert_eq!((refused.status, refused.json()["error"]["code"].as_str()), (1, Some("not_found")));
    assert!(refused.json()["error"]["message"].as_str().is_some_and(|m| m.contains("NOPE")), "{}", refused.stdout);
    let due = cli(&db, &["--json", "fees", "due", "--on", "2026-11-23"]).json();
    let listed: Vec<&str> = due["fees"].as_array().expect("fees").iter().filter_map(|f| f["achievement_no"].as_str()).collect();
    assert_eq!(listed, ["F03", "F01", "F04"], "nothing was paid");

    // On 2026-11-20 (module comment): F01 300.00 on time, F03 300.00 + 100.00 surcharge = 400.00.
    let paid = cli(&db, &["--json", "fees", "pay-batch", "F01:8", "F03", "--paid-on", "2026-11-20", "--voucher", "PJ-B"]);
    assert_eq!(paid.status, 0, "{}", paid.stdout);
    let doc = paid.json();
    let lines: Vec<(String, i64, i64)> = doc["payments"]
        .as_array()
        .expect("payments")
        .iter()
        .map(|p| {
            (
                p["achievement_no"].as_str().unwrap_or_default().to_string(),
                p["patent_year"].as_i64().unwrap_or(0),
                p["amount_fen"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(lines, [("F01".to_string(), 8, 30_000), ("F03".to_string(), 9, 40_000)]);
    assert_eq!(doc["total_fen"], json!(70_000));
    assert_eq!(cli(&db, &["fees", "pay-batch", "--paid-on", "2026-11-20"]).status, 2, "at least one number");
    // F01's year 8 is paid now: asking for it again is refused, not read as year 9.
    let again = cli(&db, &["--json", "fees", "pay-batch", "F04", "F01:8", "--paid-on", "2026-11-20"]);
    assert_eq!((again.status, again.json()["error"]["code"].as_str()), (1, Some("fee_year_already_paid")));
    assert_eq!(cli(&db, &["fees", "pay-batch", "F01:eight", "--paid-on", "2026-11-20"]).status, 2, "a year is a number");
}

#[test]
fn fees_decide_lapse_and_export() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = patent_db(dir.path());
    let file = dir.path().join("年费缴纳清单.xlsx");
    let export = cli(&db, &["--json", "fees", "export", file.to_str().expect("utf-8"), "--on", "2026-11-23"]);
    assert_eq!((export.status, export.json()["rows"].as_u64()), (0, Some(3)), "{}", export.stdout);
    assert!(file.is_file());

    let decided = cli(
        &db,
        &[
            "--json",
            "fees",
            "decide",
            "F04",
            "--abandon",
            "--on",
            "2026-11-20",
            "--reason",
            "无转化前景",
            "--notified-on",
            "2026-11-10",
            "--grant",
        ],
    );
    assert_eq!(decided.status, 0, "{}", decided.stdout);
    assert_eq!((decided.json()["decision"].as_str(), decided.json()["grant_to_inventors"].as_bool()), (Some("abandon"), Some(true)));
    let keep_grant = cli(&db, &["--json", "fees", "decide", "F01", "--keep", "--on", "2026-11-20", "--reason", "有许可意向", "--grant"]);
    assert_eq!((keep_grant.status, keep_grant.json()["error"]["details"][0]["column"].as_str()), (1, Some("grant_to_inventors")));
    assert_eq!(cli(&db, &["fees", "decide", "F01", "--on", "2026-11-20", "--reason", "x"]).status, 2, "--keep or --abandon");

    let early = cli(&db, &["--json", "fees", "lapse", "F03", "--on", "2026-11-23"]);
    assert_eq!(early.json()["error"]["code"], "fee_not_lapsed", "F03 is still in grace");
    let lapsed = cli(&db, &["--json", "fees", "lapse", "F02", "--on", "2026-11-23"]).json();
    assert_eq!((lapsed["patent_year"].as_i64(), lapsed["grace_end_on"].as_str()), (Some(6), Some("2026-08-10")));
    let due = cli(&db, &["--json", "fees", "due", "--on", "2026-11-23"]).json();
    let listed: Vec<&str> = due["fees"].as_array().expect("fees").iter().filter_map(|f| f["achievement_no"].as_str()).collect();
    assert_eq!(listed, ["F03", "F01"], "F04 abandoned");
}

#[test]
fn fees_batch_file_and_receipts_round_trip_through_the_cli() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = patent_db(dir.path());
    let out = dir.path().join("批量缴费.xlsx");
    let out_arg = out.to_str().expect("utf-8");
    // The profile has no credit code yet: refused, nothing written.
    let refused = cli(&db, &["--json", "fees", "batch-file", "--out", out_arg, "--fee", "F01:8"]);
    assert_eq!((refused.status, refused.json()["error"]["details"][0]["code"].as_str()), (1, Some("payer_credit_code_missing")));
    assert!(!out.exists());

    // A year already paid and a patent twice: one error naming both, nothing written.
    let code = "911100008002104339";
    let bad = cli(
        &db,
        &["--json", "fees", "batch-file", "--out", out_arg, "--credit-code", code, "--fee", "F01:7", "--fee", "F03", "--fee", "F03"],
    );
    let details: Vec<(String, String)> = bad.json()["error"]["details"]
        .as_array()
        .expect("details")
        .iter()
        .map(|d| (d["value"].as_str().unwrap_or_default().to_string(), d["code"].as_str().unwrap_or_default().to_string()))
        .collect();
    assert_eq!(details, [("F01:7".to_string(), "fee_year_already_paid".to_string()), ("F03".to_string(), "repeated_entry".to_string())]);
    assert!(!out.exists());

    // The window (90 days of 2026-11-23, module comment): F03 in grace 300.00 + 100.00, F01
    // 300.00, F04 135.00 = 835.00 in four rows for three fees.
    let written = cli(&db, &["--json", "fees", "batch-file", "--out", out_arg, "--credit-code", code, "--on", "2026-11-23"]);
    assert_eq!(written.status, 0, "{}", written.stdout);
    let doc = written.json();
    assert_eq!((doc["fees"].as_u64(), doc["rows"].as_array().map(Vec::len), doc["total_fen"].as_i64()), (Some(3), Some(4), Some(83_500)));
    assert_eq!(doc["payer"], "测试大学");
    assert!(out.is_file());
    assert_eq!(
        cli(&db, &["fees", "batch-file", "--out", out_arg, "--within", "30", "--fee", "F01"]).status,
        2,
        "a window or fees, not both"
    );

    // CNIPA's list of what was paid on 2026-11-20: F01 300.00, F03 300.00 + 100.00.
    let list = dir.path().join("缴费信息.csv");
    std::fs::write(
        &list,
        "专利号/申请号,费用名称,缴费金额,缴费日期,票据代码,票据号码
2019109000014,发明专利第8年年费,300.00,2026-11-20,11010126,0000000001
2018109000039,发明专利第9年年费,300.00,2026-11-20,11010126,0000000002
2018109000039,年费滞纳金,100.00,2026-11-20,11010126,0000000002
",
    )
    .expect("write");
    let list_arg = list.to_str().expect("utf-8");
    let dry = cli(&db, &["--json", "fees", "receipts", list_arg, "--dry-run"]);
    assert_eq!(
        (dry.status, dry.json()["dry_run"].as_bool(), dry.json()["total_fen"].as_i64()),
        (0, Some(true), Some(70_000)),
        "{}",
        dry.stdout
    );
    let due = cli(&db, &["--json", "fees", "due", "--on", "2026-11-23"]).json();
    assert_eq!(due["fees"].as_array().map(Vec::len), Some(3), "a dry run pays nothing");
    let human = cli(&db, &["fees", "receipts", list_arg]);
    assert_eq!(human.status, 0, "{}", human.stderr);
    assert!(human.stdout.starts_with("已导入 2 笔年费缴费记录，合计 ¥700.00"), "{}", human.stdout);
    let due = cli(&db, &["--json", "fees", "due", "--on", "2026-11-23"]).json();
    let left: Vec<&str> = due["fees"].as_array().expect("fees").iter().filter_map(|f| f["achievement_no"].as_str()).collect();
    assert_eq!(left, ["F04"]);
    // Again: already paid, at their rows.
    let again = cli(&db, &["--json", "fees", "receipts", list_arg]);
    let rows: Vec<u64> = again.json()["error"]["details"].as_array().expect("details").iter().filter_map(|d| d["row"].as_u64()).collect();
    assert_eq!((again.status, rows), (1, vec![2, 3]));
}
