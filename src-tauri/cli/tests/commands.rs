use crate::common::{cli, cli_env, fixture, good_db};
use std::path::Path;

#[test]
fn init_creates_once_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("a.db");
    let run = cli(&db, &["--json", "init", "--institution", "西川理工大学", "--province", "四川", "--fee-reduction", "no"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let doc = run.json();
    assert_eq!(doc["province"], "四川省", "short province names are normalized");
    assert_eq!(doc["fee_reduction"], false);
    let again = cli(&db, &["--json", "init"]);
    assert_eq!(again.status, 1, "refusing to overwrite is a rejected input");
    assert_eq!(again.json()["error"]["code"], "file_exists");
    let bad = cli(&dir.path().join("b.db"), &["--json", "init", "--province", "火星"]);
    assert_eq!(bad.status, 1);
    assert_eq!(bad.json()["error"]["details"][0]["code"], "bad_region");
    assert!(!dir.path().join("b.db").exists(), "nothing is written for a bad profile");
}

#[test]
fn import_reports_counts_and_refuses_bad_files_with_locations() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("a.db");
    assert_eq!(cli(&db, &["init", "--institution", "测试大学", "--province", "四川省"]).status, 0);
    let dry = cli(&db, &["--json", "import", "people", &fixture("good/people.csv"), "--dry-run"]).json();
    assert_eq!(
        (dry["table"].as_str(), dry["rows"].as_u64(), dry["inserted"].as_u64(), dry["updated"].as_u64()),
        (Some("people"), Some(5), Some(5), Some(0))
    );
    let done = cli(&db, &["--json", "import", "people", &fixture("good/people.csv")]);
    assert_eq!(done.status, 0);
    assert_eq!(done.json()["inserted"], 5);

    let bad = cli(&db, &["--json", "import", "people", &fixture("bad/duplicate_keys.csv")]);
    assert_eq!(bad.status, 1);
    let err = bad.json();
    assert_eq!(err["error"]["code"], "invalid_input");
    let d = &err["error"]["details"];
    assert_eq!((d[0]["row"].as_u64(), d[0]["column"].as_str(), d[0]["value"].as_str()), (Some(3), Some("工号"), Some("T101")));
    assert!(d[0]["problem"].as_str().is_some_and(|p| p.contains("第 2 行")), "says which row it repeats: {}", d[0]);
    assert_eq!((d[1]["row"].as_u64(), d[1]["value"].as_str()), (Some(4), Some("T001")));

    let human = cli(&db, &["import", "people", &fixture("bad/duplicate_keys.csv")]);
    assert_eq!(human.status, 1);
    assert!(
        human.stderr.contains("第 3 行") && human.stderr.contains("工号") && human.stderr.contains("未写入任何数据"),
        "{}",
        human.stderr
    );
    let english = cli_env(&db, &["import", "people", &fixture("bad/duplicate_keys.csv")], "en_US.UTF-8");
    assert!(english.stderr.contains("row 3") && english.stderr.contains("nothing was written"), "{}", english.stderr);
}

#[test]
fn a_bad_co_owner_cell_exits_1_naming_its_cell_and_a_good_one_round_trips() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = good_db(&dir);
    let header = "成果编号,成果名称,成果类型,申请号,申请日,法律状态,所属单位,完成人,共有人";
    // 202010000001.1: the check character of 202010000001 (weights 2–9, 2–5; sum mod 11 = 1).
    let bad = dir.path().join("共有人-坏.csv");
    std::fs::write(
        &bad,
        format!("{header}\nGY-1,共有专利,发明专利,202010000001.1,2020-03-10,申请中,材料学院,T001,成都蜀新科技有限公司:可以\n"),
    )
    .expect("write");
    let run = cli(&db, &["--json", "import", "achievements", bad.to_str().expect("utf-8")]);
    assert_eq!(run.status, 1, "a bad cell is invalid input: {}", run.stdout);
    let d = &run.json()["error"]["details"][0];
    assert_eq!(
        (d["row"].as_u64(), d["column"].as_str(), d["cell"].as_str(), d["value"].as_str(), d["code"].as_str()),
        (Some(2), Some("共有人"), Some("I2"), Some("成都蜀新科技有限公司:可以"), Some("bad_choice"))
    );
    assert!(d["problem"].as_str().is_some_and(|p| p.contains("是 / 否")), "names the two flags: {d}");
    let human = cli(&db, &["import", "achievements", bad.to_str().expect("utf-8")]);
    assert_eq!(human.status, 1);
    assert!(
        human.stderr.contains("第 2 行") && human.stderr.contains("共有人") && human.stderr.contains("未写入任何数据"),
        "{}",
        human.stderr
    );

    let good = dir.path().join("共有人.csv");
    std::fs::write(
        &good,
        format!("{header}\nGY-1,共有专利,发明专利,202010000001.1,2020-03-10,申请中,材料学院,T001,成都蜀新科技有限公司：否；Acme GmbH:是\n"),
    )
    .expect("write");
    assert_eq!(cli(&db, &["import", "achievements", good.to_str().expect("utf-8")]).status, 0);
    let out = dir.path().join("成果.csv");
    assert_eq!(cli(&db, &["export", "achievements", out.to_str().expect("utf-8")]).status, 0);
    let text = std::fs::read_to_string(&out).expect("exported");
    let line = text.lines().find(|l| l.starts_with("GY-1,")).expect("GY-1 exported");
    assert!(line.ends_with(",Acme GmbH:是; 成都蜀新科技有限公司:否"), "by name, in the template's own form: {line}");
}

#[test]
fn usage_errors_exit_2_and_unusable_files_exit_3() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("a.db");
    assert_eq!(cli(&db, &["import", "patents", "x.csv"]).status, 2, "an unknown table is a usage error");
    assert_eq!(cli(&db, &["frobnicate"]).status, 2);
    let missing = cli(&db, &["--json", "verify"]);
    assert_eq!(missing.status, 3);
    assert_eq!(missing.json()["error"]["code"], "db_missing");

    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, vec![7u8; 4096]).expect("write");
    let corrupt = cli(&junk, &["--json", "verify"]);
    assert_eq!((corrupt.status, corrupt.json()["error"]["code"].as_str()), (3, Some("db_corrupt")));

    assert_eq!(cli(&db, &["init"]).status, 0);
    rusqlite::Connection::open(&db).and_then(|c| c.pragma_update(None, "user_version", 42)).expect("bump the schema");
    let newer = cli(&db, &["verify"]);
    assert_eq!(newer.status, 3);
    assert!(newer.stderr.contains("42") && newer.stderr.contains("升级"), "says the file is newer and what to do: {}", newer.stderr);
}

#[test]
fn a_fixed_day_that_is_not_a_date_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_transferdesk"))
        .arg("--db")
        .arg(dir.path().join("demo.db"))
        .arg("demo")
        .env("TRANSFERDESK_TODAY", "2026-13-01")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "a usage error, not the real day instead");
    assert!(String::from_utf8_lossy(&out.stderr).contains("TRANSFERDESK_TODAY=2026-13-01"));
    assert!(!dir.path().join("demo.db").exists(), "nothing was created");
}

#[test]
fn demo_exports_and_verifies_and_tampering_is_caught() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    let demo = cli(&db, &["--json", "demo", "--scale", "small", "--seed", "3"]);
    assert_eq!(demo.status, 0, "{}", demo.stderr);
    let doc = demo.json();
    // 40 contracts over 2023–2025 and 10 technical ones signed this year (from 01-06 to 12 days
    // before today, common::TODAY: 2026-01-06 … 2026-11-11, every month has room for them).
    assert_eq!(
        (doc["people"].as_u64(), doc["achievements"].as_u64(), doc["contracts"].as_u64(), doc["organizations"].as_u64()),
        (Some(60), Some(300), Some(50), Some(40))
    );
    assert_eq!(cli(&db, &["demo"]).status, 1, "demo never overwrites a file");

    let out = dir.path().join("export");
    let export = cli(&db, &["--json", "export", "all", out.to_str().expect("utf-8 path")]).json();
    assert_eq!(export["files"].as_array().map(Vec::len), Some(6));
    for t in ["people", "organizations", "achievements", "contracts", "receipts", "costs"] {
        assert!(out.join(format!("{t}.xlsx")).exists(), "{t}.xlsx written");
    }
    let one = cli(&db, &["--json", "export", "contracts", dir.path().join("c.xlsx").to_str().expect("utf-8")]).json();
    assert_eq!(one["rows"], 50);

    let ok = cli(&db, &["--json", "verify"]);
    assert_eq!(ok.status, 0);
    assert_eq!(ok.json()["ok"], true);

    let conn = rusqlite::Connection::open(&db).expect("open behind the app's back");
    conn.execute_batch("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE id = 42;").expect("tamper");
    drop(conn);
    let broken = cli(&db, &["--json", "verify"]);
    assert_eq!(broken.status, 1, "a finding exits 1");
    let e = broken.json();
    assert_eq!(e["error"]["code"], "verify_failed");
    assert_eq!(e["error"]["details"][0]["first_broken_entry"], 42);
    let codes: Vec<&str> =
        e["error"]["details"][0]["findings"].as_array().expect("findings").iter().filter_map(|f| f["code"].as_str()).collect();
    assert_eq!(codes, vec!["schema", "chain"], "the dropped guard, then the altered entry");
    let human = cli(&db, &["verify"]);
    assert!(human.stderr.contains("第 42 条"), "the human message names the entry: {}", human.stderr);
    assert!(human.stderr.contains("trigger audit_log_no_update is missing"), "and the missing guard: {}", human.stderr);
}

#[test]
fn verify_names_a_row_changed_behind_the_app_and_exits_1() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    assert_eq!(cli(&db, &["demo"]).status, 0);
    let ok = cli(&db, &["verify"]);
    assert_eq!(ok.status, 0, "{}", ok.stderr);
    assert!(
        ok.stdout.contains("行数据与操作日志所记一致") && ok.stdout.contains("数据文件旁的见证文件：第"),
        "rows and witness: {}",
        ok.stdout
    );
    let conn = rusqlite::Connection::open(&db).expect("open behind the app's back");
    let receipt: i64 = conn.query_row("SELECT min(id) FROM receipt", [], |r| r.get(0)).expect("a receipt");
    conn.execute("UPDATE receipt SET amount_fen = amount_fen * 10 WHERE id = ?1", [receipt]).expect("tamper");
    drop(conn);
    let run = cli_env(&db, &["verify"], "en_US.UTF-8");
    assert_eq!(run.status, 1, "{}", run.stdout);
    assert!(run.stderr.contains("verify found 1 problem(s)"), "{}", run.stderr);
    assert!(run.stderr.contains(&format!("  receipt {receipt} differs from what audit entry")), "the row named: {}", run.stderr);
    assert!(run.stderr.contains("(columns: amount_fen)"), "what differs: {}", run.stderr);
    let doc = cli(&db, &["--json", "verify"]).json();
    let f = &doc["error"]["details"][0]["findings"][0];
    assert_eq!(
        (f["code"].as_str(), f["table"].as_str(), f["columns"][0].as_str()),
        (Some("row_changed"), Some("receipt"), Some("amount_fen"))
    );
}

#[test]
fn demo_is_deterministic_for_a_seed() {
    let dir = tempfile::tempdir().expect("tmp");
    let dump = |db: &Path| -> Vec<String> {
        let conn = rusqlite::Connection::open(db).expect("open");
        let mut stmt =
            conn.prepare("SELECT achievement_no || title || coalesce(application_no, '') FROM achievement ORDER BY id").expect("prepare");
        let rows = stmt.query_map([], |r| r.get(0)).and_then(|r| r.collect()).expect("rows");
        rows
    };
    let (a, b, c) = (dir.path().join("a.db"), dir.path().join("b.db"), dir.path().join("c.db"));
    for (db, seed) in [(&a, "5"), (&b, "5"), (&c, "6")] {
        assert_eq!(cli(db, &["demo", "--seed", seed]).status, 0);
    }
    assert_eq!(dump(&a), dump(&b), "the same seed gives the same portfolio");
    assert_ne!(dump(&a), dump(&c), "another seed gives another one");
}

#[test]
fn rewards_plan_follows_the_money_to_the_fen() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = good_db(&dir);
    // HT2025-001, a registered license of CG001 (T001*:50, T002:30, T003:20): 500,000 received,
    // 15,000 appraisal → net 485,000; 70% → 339,500 = 169,750 / 101,850 / 67,900; half taxable.
    let plan = cli(&db, &["--json", "rewards", "plan", "--contract", "HT2025-001", "--through", "2025-12-31"]).json();
    let keys: Vec<&str> = plan.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
    assert_eq!(
        keys[..13],
        [
            "contract_no",
            "kind",
            "receipts",
            "receipts_fen",
            "costs_fen",
            "carried_in_costs_fen",
            "net_income_fen",
            "carried_out_costs_fen",
            "ratio_bp",
            "pool_fen",
            "allocations",
            "institution_fen",
            "findings"
        ],
        "the keys of docs/cli.md \"The rewards plan document\", in its order (context keys may follow)"
    );
    assert_eq!(plan["receipts"][0]["voucher_no"], "V1");
    assert_eq!(
        (plan["receipts_fen"].as_i64(), plan["costs_fen"].as_i64(), plan["net_income_fen"].as_i64()),
        (Some(50_000_000), Some(1_500_000), Some(48_500_000))
    );
    assert_eq!((plan["pool_fen"].as_i64(), plan["institution_fen"].as_i64()), (Some(33_950_000), Some(14_550_000)));
    let lines: Vec<(String, i64, i64)> = plan["allocations"]
        .as_array()
        .expect("allocations")
        .iter()
        .map(|a| {
            (
                a["employee_id"].as_str().unwrap_or("").to_string(),
                a["amount_fen"].as_i64().unwrap_or(-1),
                a["taxable_fen"].as_i64().unwrap_or(-1),
            )
        })
        .collect();
    assert_eq!(
        lines,
        vec![("T001".into(), 16_975_000, 8_487_500), ("T002".into(), 10_185_000, 5_092_500), ("T003".into(), 6_790_000, 3_395_000)]
    );
    assert_eq!(plan["findings"][0]["code"], "leader_reward_needs_publicity", "T002 is a middle-level leader");
    assert_eq!(plan["findings"][0]["employee_id"], "T002");

    // HT2025-002, an unregistered transfer of CG001:60 + CG002:40: net 600,000 − 7,200 = 592,800;
    // pool 414,960; T001 30% + 16% = 46% → 190,881.60, T003 12% + 24% = 36% → 149,385.60,
    // T002 18% → 74,692.80; fully taxable.
    let plan = cli(&db, &["--json", "rewards", "plan", "--contract", "HT2025-002", "--through", "2025-12-31"]).json();
    assert_eq!(plan["pool_fen"], 41_496_000);
    let lines: Vec<(&str, i64, i64, i64)> = plan["allocations"]
        .as_array()
        .expect("allocations")
        .iter()
        .map(|a| {
            (
                a["employee_id"].as_str().unwrap_or(""),
                a["weight_bp"].as_i64().unwrap_or(-1),
                a["amount_fen"].as_i64().unwrap_or(-1),
                a["taxable_fen"].as_i64().unwrap_or(-1),
            )
        })
        .collect();
    assert_eq!(
        lines,
        vec![("T001", 4600, 19_088_160, 19_088_160), ("T003", 3600, 14_938_560, 14_938_560), ("T002", 1800, 7_469_280, 7_469_280)]
    );

    // Before the money arrived there is nothing to split.
    let early = cli(&db, &["--json", "rewards", "plan", "--contract", "HT2025-002", "--through", "2025-05-09"]).json();
    assert_eq!(
        (early["receipts_fen"].as_i64(), early["net_income_fen"].as_i64(), early["carried_out_costs_fen"].as_i64()),
        (Some(0), Some(0), Some(720_000))
    );

    let missing = cli(&db, &["--json", "rewards", "plan", "--contract", "HT-NONE"]);
    assert_eq!(missing.status, 1);
    assert_eq!(missing.json()["error"]["code"], "not_found");
    assert_eq!(
        cli(&db, &["rewards", "plan", "--contract", "HT2025-001", "--through", "2025-13-01"]).status,
        2,
        "a bad date is a usage error"
    );
}

#[test]
fn rewards_plan_for_equity_is_in_units() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = good_db(&dir);
    // HT2025-003: 3,000,000 yuan of registered capital for CG002 (T003*:60, T001:40); 70% = 2,100,000.
    let plan = cli(&db, &["--json", "rewards", "plan", "--contract", "HT2025-003", "--through", "2025-12-31"]).json();
    assert_eq!((plan["equity_units"].as_i64(), plan["pool_units"].as_i64()), (Some(300_000_000), Some(210_000_000)));
    assert!(plan.get("pool_fen").is_none(), "equity carries units instead of fen amounts");
    assert_eq!(plan["allocations"][0]["units"], 126_000_000);
    assert_eq!(plan["allocations"][1]["units"], 84_000_000);
    assert!(plan["allocations"][0].get("amount_fen").is_none());
}

#[test]
fn rewards_move_through_their_states_and_refuse_out_of_order_steps() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = good_db(&dir);
    let created = cli(&db, &["--json", "rewards", "create", "--contract", "HT2025-001", "--through", "2025-12-31"]);
    assert_eq!(created.status, 0, "{}", created.stdout);
    let doc = created.json();
    let id = doc["id"].as_i64().expect("the plan plus its id");
    assert_eq!((doc["pool_fen"].as_i64(), doc["state"].as_str()), (Some(33_950_000), Some("draft")));
    let id = id.to_string();

    let step = |args: &[&str]| cli(&db, &[&["--json", "rewards"], args].concat());
    let early = step(&["publicize", &id, "--from", "2025-03-12"]);
    assert_eq!((early.status, early.json()["error"]["code"].as_str()), (1, Some("distribution_not_approved")));
    let unpaid = step(&["pay", &id, "--paid-on", "2025-04-01"]);
    assert_eq!((unpaid.status, unpaid.json()["error"]["code"].as_str()), (1, Some("distribution_not_approved")));
    assert_eq!(step(&["approve", &id, "--decision-date", "2025-03-10"]).json()["state"], "approved");
    let twice = step(&["approve", &id, "--decision-date", "2025-03-10"]);
    assert_eq!((twice.status, twice.json()["error"]["code"].as_str()), (1, Some("distribution_not_draft")));
    // Posted 2025-03-12 (Wednesday) for 15 days: the period ends Thursday 2025-03-27.
    let posted = step(&["publicize", &id, "--from", "2025-03-12"]).json();
    assert_eq!((posted["publicity_ends_on"].as_str(), posted["publicity_days"].as_i64()), (Some("2025-03-27"), Some(15)));
    let too_soon = step(&["pay", &id, "--paid-on", "2025-03-27"]);
    assert_eq!((too_soon.status, too_soon.json()["error"]["code"].as_str()), (1, Some("publicity_not_finished")));
    assert_eq!(step(&["pay", &id, "--paid-on", "2025-03-28"]).json()["state"], "paid");

    let listed = step(&["list", "--state", "paid"]).json();
    assert_eq!(listed["total"], 1);
    assert_eq!(listed["rows"][0]["contract_no"], "HT2025-001");

    let sheet = dir.path().join("payroll.xlsx");
    let payroll = step(&["payroll", &id, sheet.to_str().expect("utf-8 path")]);
    assert_eq!((payroll.status, payroll.json()["rows"].as_u64()), (0, Some(3)), "{}", payroll.stdout);
    let notice = dir.path().join("notice.pdf");
    assert_eq!(step(&["notice", &id, notice.to_str().expect("utf-8 path")]).status, 0);
    assert!(std::fs::metadata(&notice).map(|m| m.len() > 1000).unwrap_or(false), "a PDF was written");

    let missing = step(&["approve", "999", "--decision-date", "2025-03-10"]);
    assert_eq!((missing.status, missing.json()["error"]["code"].as_str()), (1, Some("not_found")));
    let human = cli_env(&db, &["rewards", "pay", &id, "--paid-on", "2025-04-01"], "zh_CN.UTF-8");
    assert_eq!(human.status, 1);
    assert!(human.stderr.contains("已发放"), "a person reads why in Chinese: {}", human.stderr);
}

#[test]
fn report_annual_prints_the_indicators_nested_by_their_dots() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = good_db(&dir);
    let doc = cli(&db, &["--json", "report", "annual", "--year", "2025"]).json();
    // The fixture portfolio, 2025: HT2025-001 license 500,000.00; HT2025-002 transfer 1,200,000.00 (北京 = out of
    // province, state-owned, large); HT2025-003 equity 3,000,000.00; HT2025-004 development 88,000.50 (abroad).
    assert_eq!((doc["year"].as_i64(), doc["due_on"].as_str()), (Some(2025), Some("2026-03-31")));
    assert_eq!(doc["transformation"]["license"]["count"], 1);
    assert_eq!(doc["transformation"]["license"]["received_fen"], 50_000_000);
    assert_eq!(doc["transformation"]["total"]["contract_amount_fen"], 50_000_000 + 120_000_000 + 300_000_000);
    assert_eq!(doc["transformation"]["by_region"]["out_of_province"]["count"], 1);
    assert_eq!(doc["transformation"]["over_1m_count"], 2, "1,200,000 and 3,000,000");
    assert_eq!(doc["technical"]["development"]["received_fen"], 4_400_025);
    assert_eq!(doc["income"]["received_fen"], 50_000_000 + 60_000_000 + 4_400_025);
    // CG001 granted 2025-01-10 (发明专利); CG002 2021, CG004 (软著) 2024.
    assert_eq!(doc["achievements"]["granted"]["invention_patent"], 1);
    assert_eq!(doc["achievements"]["granted"]["total"], 1);
    let bad = cli(&db, &["report", "annual", "--year", "20x5"]);
    assert_eq!(bad.status, 2, "a bad year is a usage error");

    let out = dir.path().join("年报");
    let written = cli(&db, &["--json", "report", "annual", "--year", "2025", "--out", out.to_str().expect("utf-8")]);
    assert_eq!(written.status, 0, "{}", written.stdout);
    assert!(out.join("2025年度科技成果转化年度报告.xlsx").is_file() && out.join("2025年度科技成果转化年度报告.pdf").is_file());
    let college = cli(&db, &["--json", "report", "annual", "--year", "2025", "--department", "材料科学与工程学院"]).json();
    // CG002 belongs to 材料科学与工程学院: HT2025-002 (with CG001) and HT2025-003 transform it.
    assert_eq!(college["transformation"]["total"]["count"], 2);
    let sub = cli(
        &db,
        &["--json", "report", "annual", "--year", "2025", "--department", "材料科学与工程学院", "--out", out.to_str().expect("utf-8")],
    );
    assert_eq!(sub.status, 0, "{}", sub.stdout);
    assert!(out.join("2025年度科技成果转化年度报告（材料科学与工程学院）.xlsx").is_file(), "the department's own files");
    let unknown = cli(&db, &["--json", "report", "annual", "--year", "2025", "--department", "火星学院"]);
    assert_eq!((unknown.status, unknown.json()["error"]["code"].as_str()), (1, Some("not_found")));

    let filed = cli(&db, &["--json", "report", "file", "--year", "2025"]);
    assert_eq!(filed.status, 0, "{}", filed.stdout);
    let again = cli(&db, &["--json", "report", "file", "--year", "2025"]);
    assert_eq!((again.status, again.json()["error"]["code"].as_str()), (1, Some("report_filed")));
}

#[test]
fn check_lists_findings_with_codes_and_records() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = good_db(&dir);
    // Imported deals do not record how their price was set, the template's organizations have no
    // industry section (行业门类 is optional) and CG001 (granted 2025) no funding level: warnings.
    // The one error is about today's annual fees (TODAY 2026-11-23), whatever the year: two
    // patents recorded 有效 are unpaid past grace — CG002 (filed 2019-06-01, granted in year 3,
    // paid through 5: year 6 due Saturday 2024-06-01 → Monday 06-03, grace end Sunday 12-01 →
    // Monday 12-02) and CG001 (filed 2023-03-15, paid through 3: year 4 due Sunday 2026-03-15 →
    // 03-16, grace end Tuesday 09-15), by due date.
    let clean = cli(&db, &["--json", "check", "--year", "2025"]).json();
    let codes: Vec<(&str, &str)> = clean["findings"]
        .as_array()
        .map(|f| f.iter().filter_map(|x| Some((x["code"].as_str()?, x["severity"].as_str()?))).collect())
        .unwrap_or_default();
    assert_eq!(
        codes,
        [
            ("fee_past_grace", "error"),
            ("contract_without_publicity", "warning"),
            ("counterparty_without_industry", "warning"),
            ("achievement_without_funding_level", "warning")
        ],
        "the fixture's deals and achievements have nothing to fix for 2025: {clean}"
    );
    assert_eq!(
        clean["findings"][0]["records"],
        serde_json::json!([{"kind": "achievement", "key": "CG002"}, {"kind": "achievement", "key": "CG001"}])
    );
    let receipts = dir.path().join("r.csv");
    std::fs::write(&receipts, "合同编号,到账日期,到账金额,凭证号\nHT2025-002,2025-03-01,1000,X1\n").expect("write");
    assert_eq!(cli(&db, &["import", "receipts", receipts.to_str().expect("utf-8")]).status, 0);
    // Record CG002's lapse and CG001's restoration (year 4: 1,200 × 15% = 180.00 + 25% of 1,200.00
    // = 300.00 + 1,000.00): the fee error is gone, and the year's own error comes first.
    assert_eq!(cli(&db, &["fees", "lapse", "CG002"]).status, 0);
    let paid = cli(&db, &["fees", "pay", "CG001", "--year", "4", "--paid-on", "2026-11-23", "--amount", "1480"]);
    assert_eq!(paid.status, 0, "{}", paid.stderr);
    let found = cli(&db, &["--json", "check", "--year", "2025"]).json();
    assert!(!found["findings"].as_array().expect("findings").iter().any(|f| f["code"] == "fee_past_grace"), "{found}");
    let first = &found["findings"][0];
    assert_eq!((first["code"].as_str(), first["severity"].as_str()), (Some("receipt_before_signing"), Some("error")));
    assert_eq!(first["records"][0], serde_json::json!({"kind": "contract", "key": "HT2025-002"}));
}
