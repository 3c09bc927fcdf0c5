//! The `rewards` steps and options no other test drives (docs/cli.md "rewards approve"), each against a hand
//! computation: transfer staff (`--staff`), an error finding overridden (`--override`), the
//! payment deadline (`--overdue`), a unit principal leader's equity waived (`--waive`), the
//! minutes' SHA-256, `show`, `statement --employee`, `payroll --reveal-ids`, `reverse` and
//! `discard`; and the people export with `--reveal-ids`, audited.

use crate::common::{cli, good_db, last_audit};
use serde_json::Value;
use std::path::Path;

fn run(db: &Path, args: &[&str]) -> (i32, Value) {
    let out = cli(db, &[&["--json", "rewards"], args].concat());
    let doc = out.json();
    (out.status, doc)
}

fn lines(doc: &Value) -> Vec<(String, i64, i64)> {
    doc["allocations"]
        .as_array()
        .expect("allocations")
        .iter()
        .map(|a| {
            (
                a["employee_id"].as_str().unwrap_or("").to_string(),
                a["amount_fen"].as_i64().unwrap_or(i64::MIN),
                a["taxable_fen"].as_i64().unwrap_or(i64::MIN),
            )
        })
        .collect()
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write");
    path.display().to_string()
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).expect("meta").permissions().mode() & 0o777
}

#[test]
fn staff_share_override_and_overdue() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = good_db(&dir);
    // A policy version from 2025-01-01 with a transfer-staff share of 10% and a payment
    // deadline of 6 months (HT2025-001 was signed 2025-02-20, so it applies).
    {
        use transferdesk_core::rewards::policy::{self, Policy};
        let mut store = transferdesk_core::Store::open(&db).expect("open");
        let at = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("time");
        let actor = transferdesk_core::Actor { name: "test".into(), at };
        let mut p = Policy::default_from(chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("day"));
        p.transfer_staff_bp = Some(1000);
        p.payment_deadline_months = Some(6);
        policy::save(&mut store, &actor, &p).expect("policy");
    }
    // HT2025-001: pool 339,500.00 (485,000.00 × 70%). S001's staff part comes off first:
    // 339,500.00 × 10% = 33,950.00; the 305,550.00 left go 50/30/20: T001 152,775.00,
    // T002 91,665.00, T003 61,110.00. A registered license: half of each is taxable.
    let (status, draft) = run(&db, &["create", "--contract", "HT2025-001", "--through", "2025-12-31", "--staff", "S001"]);
    assert_eq!(status, 0, "{draft}");
    assert_eq!(
        lines(&draft),
        [
            ("T001".to_string(), 15_277_500, 7_638_750),
            ("T002".to_string(), 9_166_500, 4_583_250),
            ("T003".to_string(), 6_111_000, 3_055_500),
            ("S001".to_string(), 3_395_000, 1_697_500)
        ]
    );
    assert_eq!(draft["pool_fen"], 33_950_000);
    // The key contributor T001 gets 152,775.00 of 339,500.00 = 45% < 50%: an error finding.
    let codes: Vec<&str> = draft["findings"].as_array().expect("findings").iter().filter_map(|f| f["code"].as_str()).collect();
    assert!(codes.contains(&"key_contributors_below_minimum"), "{codes:?}");
    // Six months after the last receipt (2025-03-02).
    assert_eq!(draft["payment_due_on"], "2025-09-02");
    let id = draft["id"].as_i64().expect("id").to_string();

    let (status, refused) = run(&db, &["approve", &id, "--decision-date", "2025-03-10"]);
    assert_eq!((status, refused["error"]["code"].as_str()), (1, Some("key_contributors_below_minimum")), "an error needs a reason");
    let (status, approved) = run(&db, &["approve", &id, "--decision-date", "2025-03-10", "--override", "转移人员份额经领导小组同意"]);
    assert_eq!((status, approved["state"].as_str()), (0, Some("approved")), "{approved}");
    let (_, shown) = run(&db, &["show", &id]);
    assert_eq!(shown["override_reason"], "转移人员份额经领导小组同意", "the reason is kept with the distribution");
    assert_eq!(lines(&shown), lines(&draft), "the amounts froze as planned");

    // Today (2026-11-23) is past 2025-09-02 and it is unpaid: overdue; once paid it is not.
    let (_, all) = run(&db, &["list"]);
    assert_eq!(all["total"], 1);
    let (_, overdue) = run(&db, &["list", "--overdue"]);
    assert_eq!(overdue["total"], 1);
    assert_eq!((overdue["rows"][0]["id"].to_string(), overdue["rows"][0]["payment_overdue"].as_bool()), (id.clone(), Some(true)));
    assert_eq!(run(&db, &["publicize", &id, "--from", "2025-03-12"]).0, 0);
    assert_eq!(run(&db, &["pay", &id, "--paid-on", "2025-03-28"]).0, 0);
    let (_, overdue) = run(&db, &["list", "--overdue"]);
    assert_eq!(overdue["total"], 0, "paid: no longer overdue");

    // --xlsx writes the filtered list as the distributions screen's export: the one paid
    // distribution, with the pool in yuan (339,500.00, as computed above).
    let file = dir.path().join("收益分配.xlsx");
    let (status, listed) = run(&db, &["list", "--state", "paid", "--xlsx", file.to_str().expect("utf-8 path")]);
    assert_eq!(status, 0, "{listed}");
    assert_eq!((listed["total"].as_i64(), listed["xlsx_rows"].as_i64()), (Some(1), Some(1)), "{listed}");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&file).expect("an xlsx");
    let range = calamine::Reader::worksheet_range(&mut book, "收益分配").expect("the sheet");
    let header: Vec<String> = range.rows().nth(3).expect("header").iter().map(|c| c.to_string()).collect();
    let pool = header.iter().position(|h| h == "奖励总额（元）").expect("a pool column");
    let row = range.rows().nth(4).expect("the row");
    assert_eq!(calamine::DataType::get_float(&row[pool]), Some(339_500.0));
    assert!(range.rows().nth(5).is_none(), "one row only");
}

#[test]
fn a_principal_leaders_equity_is_waived_not_overridden() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = good_db(&dir);
    let achievements = write(
        &dir,
        "a.csv",
        "成果编号,成果名称,成果类型,申请号,申请日,授权号,授权日,法律状态,所属单位,财政资助项目,年费已缴至,完成人\n\
         CG011,一种催化剂配方,技术秘密,,,,,有效,计算机学院,,,T004*:60; T001:40\n",
    );
    let contracts = write(
        &dir,
        "c.csv",
        "合同编号,合同名称,转化方式,许可类型,合作单位,合同金额,签订日期,涉及成果,技术合同登记号,获得股权\n\
         HT2025-011,作价投资协议,作价投资,,成都蜀新科技有限公司,1000000,2025-03-01,CG011,,1000000\n",
    );
    assert_eq!(cli(&db, &["import", "achievements", &achievements]).status, 0);
    assert_eq!(cli(&db, &["import", "contracts", &contracts]).status, 0);
    // 1,000,000.00 of registered capital × 70% = 700,000.00: T004 (单位正职) 60% = 420,000.00,
    // T001 280,000.00.
    let (status, draft) = run(&db, &["create", "--contract", "HT2025-011", "--through", "2025-12-31"]);
    assert_eq!(status, 0, "{draft}");
    let units: Vec<(&str, i64)> = draft["allocations"]
        .as_array()
        .expect("lines")
        .iter()
        .map(|a| (a["employee_id"].as_str().unwrap_or(""), a["units"].as_i64().unwrap_or(0)))
        .collect();
    assert_eq!(units, [("T004", 42_000_000), ("T001", 28_000_000)]);
    let id = draft["id"].as_i64().expect("id").to_string();
    let approve = |extra: &[&str]| run(&db, &[&["approve", id.as_str(), "--decision-date", "2025-03-10"], extra].concat());
    assert_eq!(approve(&["--override", "理由"]).1["error"]["code"], "principal_leader_equity_blocked", "never overridden");
    assert_eq!(approve(&["--waive", "T001"]).1["error"]["code"], "not_waivable", "T001 is no principal leader");
    let (status, approved) = approve(&["--waive", "T004"]);
    assert_eq!(status, 0, "{approved}");
    let t004 = &approved["allocations"][0];
    assert_eq!(
        (t004["employee_id"].as_str(), t004["waived"].as_bool(), t004["units"].as_i64()),
        (Some("T004"), Some(true), Some(42_000_000))
    );
    // The institution keeps its 300,000.00 and the waived 420,000.00.
    assert_eq!(approved["institution_units"], 72_000_000);
}

#[test]
fn minutes_statements_payroll_and_a_reversal() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = good_db(&dir);
    let (_, draft) = run(&db, &["create", "--contract", "HT2025-001", "--through", "2025-12-31"]);
    let id = draft["id"].as_i64().expect("id").to_string();
    // The minutes are kept by name and SHA-256: of "abc", FIPS 180-2's first example digest.
    let minutes = write(&dir, "纪要.pdf", "abc");
    let (status, approved) = run(&db, &["approve", &id, "--decision-date", "2025-03-10", "--minutes", &minutes]);
    assert_eq!(status, 0, "{approved}");
    let (_, shown) = run(&db, &["show", &id]);
    assert_eq!(shown["minutes_sha256"], "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_eq!(shown["minutes_file"], minutes.as_str());
    assert_eq!((shown["state"].as_str(), shown["decision_on"].as_str()), (Some("approved"), Some("2025-03-10")));
    assert_eq!(run(&db, &["publicize", &id, "--from", "2025-03-12"]).0, 0);
    assert_eq!(run(&db, &["pay", &id, "--paid-on", "2025-03-28"]).0, 0);

    // Statements: one page per person, or one person's.
    let all = dir.path().join("all.pdf");
    let (status, doc) = run(&db, &["statement", &id, all.to_str().expect("utf-8")]);
    assert_eq!((status, doc["rows"].as_u64()), (0, Some(3)), "{doc}");
    let one = dir.path().join("t002.pdf");
    let (status, doc) = run(&db, &["statement", &id, one.to_str().expect("utf-8"), "--employee", "T002"]);
    assert_eq!((status, doc["rows"].as_u64()), (0, Some(1)), "{doc}");
    let text = pdftotext(&one);
    assert!(text.contains("李四") && text.contains("101,850.00") && !text.contains("张三"), "only T002's statement: {text}");
    let (entry_actor, action, entity, key, after) = last_audit(&db);
    assert!(entry_actor.starts_with("cli:"), "who: {entry_actor}");
    assert_eq!((action.as_str(), entity.as_str(), key.as_str()), ("insert", "export", "statements"));
    assert!(after.contains("t002.pdf") && after.contains(r#""rows":1"#), "{after}");
    #[cfg(unix)]
    assert_eq!(mode(&one), 0o600, "personal data: owner only");

    // The payroll sheet with full ID numbers: T001's is in it; the audit says so without it.
    let sheet = dir.path().join("payroll.xlsx");
    assert_eq!(run(&db, &["payroll", &id, sheet.to_str().expect("utf-8"), "--reveal-ids"]).0, 0);
    assert!(cells(&sheet).iter().any(|c| c == "510107198001010013"), "the full number with --reveal-ids");
    let (_, _, entity, key, after) = last_audit(&db);
    assert_eq!((entity.as_str(), key.as_str()), ("export", "payroll"));
    assert!(after.contains(r#""full_id_numbers":true"#) && !after.contains("510107198001010013"), "{after}");
    assert_eq!(run(&db, &["payroll", &id, sheet.to_str().expect("utf-8")]).0, 0);
    let masked = cells(&sheet);
    assert!(masked.iter().any(|c| c == "510107********0013") && !masked.iter().any(|c| c == "510107198001010013"), "masked without");
    assert!(last_audit(&db).4.contains(r#""full_id_numbers":false"#));
    // `payrolls`: the same three lines in a workbook of one sheet per id; a repeated id writes nothing.
    let book = dir.path().join("payrolls.xlsx");
    let (status, doc) = run(&db, &["payrolls", book.to_str().expect("utf-8"), &id]);
    assert_eq!((status, doc["rows"].as_u64()), (0, Some(3)), "{doc}");
    let names = calamine::Reader::sheet_names(&calamine::open_workbook::<calamine::Xlsx<_>, _>(&book).expect("xlsx"));
    assert_eq!(names, [format!("发放表#{id}")]);
    let twice = dir.path().join("twice.xlsx");
    assert_eq!(run(&db, &["payrolls", twice.to_str().expect("utf-8"), &id, &id]).0, 1, "a repeated id is refused");
    assert!(!twice.exists());

    // The reversal: a new draft with every line negated, linked both ways.
    let (status, reversal) = run(&db, &["reverse", &id, "--reason", "发放对象有误"]);
    assert_eq!(status, 0, "{reversal}");
    assert_eq!(
        lines(&reversal),
        [
            ("T001".to_string(), -16_975_000, -8_487_500),
            ("T002".to_string(), -10_185_000, -5_092_500),
            ("T003".to_string(), -6_790_000, -3_395_000)
        ]
    );
    assert_eq!(
        (reversal["state"].as_str(), reversal["reverses_id"].to_string(), reversal["reason"].as_str()),
        (Some("draft"), id.clone(), Some("发放对象有误"))
    );
    let (_, original) = run(&db, &["show", &id]);
    assert_eq!(original["reversed_by_id"], reversal["id"]);
    let (status, again) = run(&db, &["reverse", &id, "--reason", "再来一次"]);
    assert_eq!((status, again["error"]["code"].as_str()), (1, Some("distribution_reversed")));
}

#[test]
fn a_draft_is_discarded_and_the_contract_is_open_again() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = good_db(&dir);
    let (_, draft) = run(&db, &["create", "--contract", "HT2025-001", "--through", "2025-12-31"]);
    let id = draft["id"].as_i64().expect("id");
    assert_eq!(run(&db, &["create", "--contract", "HT2025-001"]).1["error"]["code"], "distribution_open");
    let (status, doc) = run(&db, &["discard", &id.to_string()]);
    assert_eq!((status, doc), (0, serde_json::json!({"id": id, "discarded": true})));
    let (_, action, entity, key, _) = last_audit(&db);
    assert_eq!((action.as_str(), entity.as_str(), key), ("delete", "distribution", id.to_string()));
    assert_eq!(run(&db, &["show", &id.to_string()]).1["error"]["code"], "not_found");
    let (status, doc) = run(&db, &["create", "--contract", "HT2025-001", "--through", "2025-12-31"]);
    assert_eq!((status, doc["pool_fen"].as_i64()), (0, Some(33_950_000)), "the contract can be distributed again");
    assert_eq!(cli(&db, &["verify"]).status, 0);
}

#[test]
fn a_people_export_with_full_numbers_is_audited_and_private() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = good_db(&dir);
    let file = dir.path().join("人员.csv");
    let out = cli(&db, &["--json", "export", "people", file.to_str().expect("utf-8"), "--reveal-ids"]);
    assert_eq!(out.status, 0, "{}", out.stdout);
    let text = std::fs::read_to_string(&file).expect("read");
    assert!(text.contains("T001,张三,计算机学院,科研人员,无,510107198001010013"), "{text}");
    #[cfg(unix)]
    assert_eq!(mode(&file), 0o600);
    let (_, action, entity, key, after) = last_audit(&db);
    assert_eq!((action.as_str(), entity.as_str(), key.as_str()), ("insert", "export", "people"));
    // Five people in the fixture (T001–T004, S001).
    assert!(after.contains(r#""rows":5"#) && after.contains(r#""full_id_numbers":true"#), "{after}");
    assert!(!after.contains("510107198001010013"), "never the number itself");
    // Other tables carry no personal data: exported 0600 too, not audited.
    let entries = |db: &Path| -> i64 {
        rusqlite::Connection::open(db).and_then(|c| c.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))).expect("count")
    };
    let before = entries(&db);
    let contracts = dir.path().join("合同.xlsx");
    assert_eq!(cli(&db, &["export", "contracts", contracts.to_str().expect("utf-8")]).status, 0);
    #[cfg(unix)]
    assert_eq!(mode(&contracts), 0o600);
    assert_eq!(entries(&db), before);
}

fn pdftotext(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (poppler-utils) must run to check the PDF: {e}"));
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn cells(xlsx: &Path) -> Vec<String> {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook(xlsx).expect("xlsx");
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).expect("sheet");
    range.used_cells().map(|(_, _, c)| c.to_string()).collect()
}
