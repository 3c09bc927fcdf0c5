//! The annual indicators on tests/fixtures/annual, every figure computed by hand from the files
//! (institution in 四川省, report year 2025).

use crate::common::{actor, fixture, new_store};
use chrono::NaiveDate;
use serde_json::json;
use transferdesk_core::model::Table;
use transferdesk_core::rewards::distribution::{self, Approval};
use transferdesk_core::{import, reporting::annual, Store};

pub fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

/// Creates, approves, publicizes (15 days) and pays one distribution.
pub fn paid(store: &mut Store, contract: &str, through: &str, decided: &str, posted: &str, paid_on: &str, waive: &[&str]) {
    let d = distribution::create(store, &actor(), contract, day(through), &[]).expect("draft");
    let approval = Approval { decision_on: day(decided), waive: waive.iter().map(|w| w.to_string()).collect(), ..Approval::default() };
    distribution::approve(store, &actor(), d.id, &approval).expect("approved");
    distribution::publicize(store, &actor(), d.id, day(posted), None).expect("publicized");
    distribution::pay(store, &actor(), d.id, day(paid_on)).expect("paid");
}

/// `by_province` as the JSON gives it: every province-level region and 境外, zero unless given.
pub fn provinces(given: &[(&str, serde_json::Value)]) -> serde_json::Value {
    let mut map = serde_json::Map::new();
    for p in transferdesk_core::model::PROVINCES.iter().chain([&transferdesk_core::model::ABROAD]) {
        map.insert(p.to_string(), json!({"count": 0, "contract_amount_fen": 0}));
    }
    for (k, v) in given {
        assert!(map.insert(k.to_string(), v.clone()).is_some(), "{k} is a province-level region");
    }
    serde_json::Value::Object(map)
}

/// `by_industry` as the JSON gives it: every section A–T, zero unless given.
pub fn sections(given: &[(&str, serde_json::Value)]) -> serde_json::Value {
    let mut map = serde_json::Map::new();
    for l in 'A'..='T' {
        map.insert(l.to_string(), json!({"count": 0, "contract_amount_fen": 0}));
    }
    for (k, v) in given {
        assert!(map.insert(k.to_string(), v.clone()).is_some(), "{k} is a section");
    }
    serde_json::Value::Object(map)
}

pub fn annual_store(dir: &tempfile::TempDir) -> Store {
    let mut store = new_store(dir);
    for (table, file) in [
        (Table::People, "people.csv"),
        (Table::Organizations, "organizations.csv"),
        (Table::Achievements, "achievements.csv"),
        (Table::Contracts, "contracts.csv"),
        (Table::Receipts, "receipts.csv"),
        (Table::Costs, "costs.csv"),
    ] {
        import::import(&mut store, &actor(), table, &fixture(&format!("annual/{file}")), false).expect("annual fixture imports");
    }
    // HT-A: 600,000 − 20,000 = 580,000 × 70% = 406,000 → T1* 243,600, T2 (中层) 162,400; paid 2025-03-28.
    paid(&mut store, "HT-A", "2025-12-31", "2025-03-10", "2025-03-12", "2025-03-28", &[]);
    // HT-B: 500,000 − 10,000 = 490,000 × 70% = 343,000 → T4* 240,100, T3 (单位正职) 102,900; paid 2025-05-22.
    paid(&mut store, "HT-B", "2025-12-31", "2025-05-05", "2025-05-06", "2025-05-22", &[]);
    // HT-D, 2024 money: 100,000 × 70% = 70,000, paid 2024-12-24 (not in 2025).
    paid(&mut store, "HT-D", "2024-12-31", "2024-12-05", "2024-12-06", "2024-12-24", &[]);
    // HT-D, 2025 money: 200,000 × 70% = 140,000 → T1* 98,000, T4 42,000. Posted 01-16 + 15 = 01-31, in the
    // Spring Festival holiday → the period ends 02-05; paid 02-06.
    paid(&mut store, "HT-D", "2025-12-31", "2025-01-15", "2025-01-16", "2025-02-06", &[]);
    // HT-C equity: 2,000,000 units × 70% = 1,400,000 → T3 (单位正职) 700,000 waived, T1 700,000.
    paid(&mut store, "HT-C", "2025-12-31", "2025-06-05", "2025-06-06", "2025-06-24", &["T3"]);
    store
}

#[test]
fn every_indicator_of_2025_matches_the_hand_computation() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = annual_store(&dir);
    let got = serde_json::to_value(annual::indicators(&store, 2025).expect("indicators")).expect("json");
    let flow = |count: i64, amount_yuan: i64, received_yuan: i64| json!({"count": count, "contract_amount_fen": amount_yuan * 100, "received_fen": received_yuan * 100});
    let deals = |count: i64, amount_yuan: i64| json!({"count": count, "contract_amount_fen": amount_yuan * 100});
    let expected = json!({
        "year": 2025,
        "institution": "测试大学",
        "province": "四川省",
        "due_on": "2026-03-31",
        "achievements": {
            // Granted in 2025: CG1, CG2 (发明), CG3 (实用新型), CG4 (软著); CG5 was granted 2024-12-31.
            "granted": {"invention_patent": 2, "utility_model": 1, "design_patent": 0, "software_copyright": 1, "ic_layout": 0,
                        "plant_variety": 0, "know_how": 0, "other": 0, "total": 4},
            "fiscal_funded": 2,
            // The fixture records no funding level and no project.
            "by_funding_level": {"national": 0, "provincial": 0, "enterprise": 0, "own": 0, "other": 0, "unrecorded": 4},
            "fiscal_projects_approved": {"count": 0, "funding_fen": 0}
        },
        "transformation": {
            // Signed in 2025: HT-A 1,200,000 and HT-I 1,000,000 (transfer); HT-B 500,000 (license); HT-C 2,000,000 (equity).
            // Received in 2025: HT-A 600,000 (R2 is 2026); HT-B 500,000 + HT-D (signed 2024) 200,000.
            "transfer": flow(2, 2_200_000, 600_000),
            "license": flow(1, 500_000, 700_000),
            "equity": flow(1, 2_000_000, 0),
            "total": flow(4, 4_700_000, 1_300_000),
            "by_ownership": {"state_owned": deals(1, 500_000), "private": deals(1, 1_200_000), "foreign": deals(1, 2_000_000),
                             "other": deals(1, 1_000_000)},
            // 小型 川能 (HT-A) and 中型 Acme (HT-C); 北方重工 is large, the university has no size.
            "to_sme": deals(2, 3_200_000),
            "by_region": {"in_province": deals(2, 2_200_000), "out_of_province": deals(1, 500_000), "abroad": deals(1, 2_000_000)},
            // 1,200,000, 1,000,000 (inclusive) and 2,000,000.
            "over_1m_count": 3,
            // 四川省: HT-A 1,200,000 (川能) + HT-I 1,000,000 (西南医科大学); 北京市: HT-B; 境外: HT-C.
            "by_province": provinces(&[("四川省", deals(2, 2_200_000)), ("北京市", deals(1, 500_000)), ("境外", deals(1, 2_000_000))]),
            // The fixture's organizations have no industry section: all four contracts are unrecorded.
            "by_industry": sections(&[]),
            "industry_unrecorded": deals(4, 4_700_000),
            // ≥ 1,000,000: HT-A 1,200,000, HT-I 1,000,000, HT-C 2,000,000; none reaches 10,000,000.
            "bands": {"over_1m": deals(3, 4_200_000), "over_10m": deals(0, 0), "over_100m": deals(0, 0)}
        },
        "technical": {
            // HT-H (service, signed 2024) brings 60,000 received in 2025.
            "development": flow(1, 800_000, 800_000),
            "consulting": flow(1, 50_000, 50_000),
            "service": flow(1, 120_000, 180_000),
            "total": flow(3, 970_000, 1_030_000)
        },
        "rewards": {
            // Paid in 2025: 406,000 + 343,000 + 140,000 = 889,000 in 6 lines.
            "cash_fen": 88_900_000,
            "cash_person_times": 6,
            // T1 243,600 (HT-A) + T4 240,100 (HT-B) + T1 98,000 (HT-D) = 581,700.
            "key_contributor_cash_fen": 58_170_000,
            // T2 162,400 + T3 102,900 = 265,300.
            "leader_cash_fen": 26_530_000,
            "leader_person_times": 2,
            "principal_leader_person_times": 1,
            // T1's 700,000 units; T3's waived part stays with the institution.
            "equity_units": 70_000_000,
            "equity_person_times": 1,
            // HT-A is registered (登记号): 58号 taxes half of 406,000 = 203,000; HT-B 343,000 and
            // HT-D 140,000 are unregistered licenses, fully taxable: 203,000 + 343,000 + 140,000 = 686,000.
            "taxable_fen": 68_600_000,
            // HT-C: 2,000,000 yuan for 2,000,000 yuan of registered capital, 1 yuan a unit: 700,000.
            "equity_value_fen": 70_000_000
        },
        "income": {
            // 600,000 + 500,000 + 200,000 + 800,000 + 50,000 + 120,000 + 60,000.
            "received_fen": 233_000_000,
            "transformation_received_fen": 130_000_000,
            "reward_pool_fen": 88_900_000
        },
        "organization": {"transfer_staff": 2, "companies_created": 1,
            "rd_institutions": {"own": 0, "joint": 0, "total": 0}, "transfer_institutions": {"own": 0, "joint": 0, "total": 0},
            "service_platforms": {"own": 0, "joint": 0, "total": 0}, "part_time_people": 0, "leave_to_found_people": 0}
    });
    assert_eq!(got, expected);
}

#[test]
fn another_year_counts_only_its_own_records() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = annual_store(&dir);
    let y2024 = annual::indicators(&store, 2024).expect("indicators");
    // 2024: CG5 granted 2024-12-31; HT-D (300,000 license) and HT-H (60,000 service) signed; R4 100,000 received;
    // the first HT-D distribution (70,000: T1* 49,000, T4 21,000) paid 2024-12-24.
    assert_eq!((y2024.achievements.granted.invention_patent, y2024.achievements.granted.total), (1, 1));
    assert_eq!((y2024.transformation.license.count, y2024.transformation.license.contract_amount_fen), (1, 30_000_000));
    assert_eq!((y2024.technical.service.count, y2024.technical.service.received_fen), (1, 0));
    assert_eq!(y2024.income.received_fen, 10_000_000);
    assert_eq!(
        (y2024.rewards.cash_fen, y2024.rewards.cash_person_times, y2024.rewards.key_contributor_cash_fen),
        (7_000_000, 2, 4_900_000)
    );
    assert_eq!(y2024.due_on, day("2025-03-31"));
}

fn codes(store: &Store, year: i32) -> Vec<&'static str> {
    transferdesk_core::reporting::check::year_findings(store, year, transferdesk_core::Lang::Zh)
        .expect("check")
        .iter()
        .map(|f| f.code)
        .collect()
}

#[test]
fn each_check_fires_on_its_fixture_and_clean_data_has_none() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = crate::common::good_store(&dir);
    assert_eq!(
        codes(&store, 2025),
        vec!["contract_without_publicity", "counterparty_without_industry", "achievement_without_funding_level"],
        "imported deals do not say how their price was set, the old template has no industry, achievements no funding level"
    );
    // Every counterparty in a section, every achievement with a funding level.
    store
        .conn()
        .execute_batch("UPDATE organization SET industry = 'C'; UPDATE achievement SET funding_level = 'national';")
        .expect("complete");
    // Clean data: the prices were set by listing, except HT2025-003's, agreed and publicized before signing (03-01).
    store.conn().execute("UPDATE contract SET pricing = 'listing' WHERE kind IN ('transfer', 'license', 'equity')", []).expect("pricing");
    store
        .conn()
        .execute_batch(
            "INSERT INTO publicity (title, contract_kind, organization_id, related_party, price_fen, posted_on, days, ends_on, channel)
               SELECT '作价投资定价公示', kind, organization_id, 0, amount_fen, '2025-01-20', 15, '2025-02-04', '学校官网' FROM contract WHERE contract_no = 'HT2025-003';
             UPDATE contract SET pricing = 'agreement', publicity_id = last_insert_rowid() WHERE contract_no = 'HT2025-003';",
        )
        .expect("publicity");
    assert_eq!(codes(&store, 2025), Vec::<&str>::new(), "the clean fixture portfolio has no finding for 2025");

    let csv = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        path
    };
    // A receipt before HT2025-002 was signed (04-01), 10,000 more than HT2025-001's 500,000, and 2024 money
    // on a new contract: 2024 income 10,000 against 2025's 1,154,000.25 and its 100,000 license against 2025's
    // 4,700,000 of transformation contracts are more than threefold moves (3 contracts against 1 is not).
    let contract = csv(
        "c.csv",
        "合同编号,合同名称,转化方式,许可类型,合作单位,合同金额,签订日期,涉及成果,技术合同登记号,获得股权\nHT2024-900,许可合同,许可,普通,Acme GmbH,100000,2024-05-05,CG004,,\n",
    );
    import::import(&mut store, &actor(), Table::Contracts, &contract, false).expect("contract");
    let receipts = csv(
        "r.csv",
        "合同编号,到账日期,到账金额,凭证号\nHT2025-002,2025-03-01,1000,X1\nHT2025-001,2025-06-01,10000,X2\nHT2024-900,2024-06-01,10000,X3\n",
    );
    import::import(&mut store, &actor(), Table::Receipts, &receipts, false).expect("receipts");
    // Records as they arrive from older systems: a granted patent without its number, a transfer without its achievement.
    store.conn().execute("UPDATE achievement SET grant_no = NULL WHERE achievement_no = 'CG001'", []).expect("update");
    store
        .conn()
        .execute("DELETE FROM contract_achievement WHERE contract_id = (SELECT id FROM contract WHERE contract_no = 'HT2025-002')", [])
        .expect("delete");
    distribution::create(&mut store, &actor(), "HT2025-001", day("2025-12-31"), &[]).expect("a draft of 2025 money");
    // An objection to HT2025-003's price still pending, and HT2025-001's agreed price never publicized.
    store
        .conn()
        .execute_batch(
            "INSERT INTO objection (publicity_id, received_on, objector, content, outcome) SELECT publicity_id, '2025-01-25', '某教师', '价格偏低', 'pending'
               FROM contract WHERE contract_no = 'HT2025-003';
             UPDATE contract SET pricing = NULL WHERE contract_no = 'HT2025-001';",
        )
        .expect("publicity findings");
    // HT2025-002's counterparty with a region of no province and no section; CG001 without its funding level.
    store
        .conn()
        .execute_batch(
            "UPDATE organization SET region = '华北', industry = NULL WHERE name = '北京华能装备股份有限公司';
             UPDATE achievement SET funding_level = NULL WHERE achievement_no = 'CG001';",
        )
        .expect("part 2 and 3 findings");

    let found = transferdesk_core::reporting::check::year_findings(&store, 2025, transferdesk_core::Lang::Zh).expect("check");
    let got: Vec<(&str, Vec<String>)> = found.iter().map(|f| (f.code, f.records.iter().map(|r| r.key.clone()).collect())).collect();
    assert_eq!(
        got,
        vec![
            ("contract_without_achievement", vec!["HT2025-002".to_string()]),
            ("receipt_before_signing", vec!["HT2025-002".to_string()]),
            ("grant_number_missing", vec!["CG001".to_string()]),
            ("contract_without_publicity", vec!["HT2025-001".to_string(), "HT2025-003".to_string()]),
            ("distribution_still_draft", vec!["1".to_string()]),
            ("receipts_exceed_amount", vec!["HT2025-001".to_string()]),
            ("counterparty_province_unknown", vec!["HT2025-002".to_string()]),
            ("counterparty_without_industry", vec!["HT2025-002".to_string()]),
            ("achievement_without_funding_level", vec!["CG001".to_string()]),
            ("indicator_jump", vec!["transformation.total.contract_amount_fen".to_string(), "income.received_fen".to_string()]),
        ],
        "errors first, each naming its records"
    );
    assert!(found[0].message.starts_with("1 "), "the message counts the records: {}", found[0].message);
}

#[test]
fn filing_freezes_the_year_and_later_changes_show() {
    use transferdesk_core::reporting::filing;
    use transferdesk_core::reporting::report_year::{self, Case};
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = annual_store(&dir);
    let mut year = report_year::load(&store, 2025).expect("defaults");
    assert_eq!((year.due_on, year.narrative.len(), year.filed_at.as_deref()), (day("2026-03-31"), 6, None));
    year.due_on = day("2026-04-30");
    year.narrative[0] = "本年度学校成果转化工作稳步推进。".into();
    year.cases = vec![Case { contract_no: "HT-A".into(), text: "齿轮箱诊断专利转让给省内中小企业。".into() }];
    let year = report_year::save(&mut store, &actor(), &year).expect("saved");
    assert_eq!(annual::indicators(&store, 2025).expect("indicators").due_on, day("2026-04-30"), "the due date is editable per year");
    let bad = report_year::ReportYear {
        due_on: day("2025-12-31"),
        cases: vec![Case { contract_no: "HT-X".into(), text: String::new() }],
        ..year.clone()
    };
    let fields: Vec<String> = match report_year::save(&mut store, &actor(), &bad) {
        Err(transferdesk_core::Error::Invalid(p)) => p.iter().map(|p| p.column.clone()).collect(),
        other => panic!("a due date inside the year and an unknown contract are refused: {other:?}"),
    };
    assert_eq!(fields, ["due_on", "cases[0]"]);

    let filed = filing::file(&mut store, &actor(), 2025, None, &[("a.pdf".into(), b"%PDF".to_vec())]).expect("filed (only warnings stand)");
    assert!(filed.filed_at.is_some());
    assert_eq!(transferdesk_core::Error::code(&report_year::save(&mut store, &actor(), &year).expect_err("frozen")), "report_filed");
    assert_eq!(transferdesk_core::Error::code(&filing::file(&mut store, &actor(), 2025, None, &[]).expect_err("once")), "report_filed");
    assert!(report_year::changes(&store, 2025).expect("changes").is_empty(), "nothing changed yet");
    assert_eq!(report_year::filed_files(&store, 2025).expect("files"), [("a.pdf".to_string(), b"%PDF".to_vec())]);
    assert!(store.conn().execute("DELETE FROM report_file", []).is_err(), "filed files are never deleted");

    // A late receipt of 2025 on HT-B (license): the received figures move by 50,000.00.
    let path = dir.path().join("late.csv");
    std::fs::write(&path, "合同编号,到账日期,到账金额,凭证号\nHT-B,2025-12-30,50000,R99\n").expect("write");
    import::import(&mut store, &actor(), Table::Receipts, &path, false).expect("late receipt");
    let changed: Vec<(String, i64, i64)> =
        report_year::changes(&store, 2025).expect("changes").into_iter().map(|c| (c.indicator, c.filed, c.now)).collect();
    assert_eq!(
        changed,
        vec![
            ("transformation.license.received_fen".to_string(), 70_000_000, 75_000_000),
            ("transformation.total.received_fen".to_string(), 130_000_000, 135_000_000),
            ("income.received_fen".to_string(), 233_000_000, 238_000_000),
            ("income.transformation_received_fen".to_string(), 130_000_000, 135_000_000),
        ]
    );
    assert!(codes(&store, 2025).contains(&"report_changed_since_filing"));
}

#[test]
fn a_department_report_covers_its_achievements_and_their_contracts() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = annual_store(&dir);
    // 材料学院 holds CG2 (granted 2025, HT-B) and CG6 (pending, HT-I); no technical contract has achievements.
    let m = annual::indicators_for(&store, 2025, Some("材料学院")).expect("department");
    assert_eq!((m.achievements.granted.total, m.achievements.granted.invention_patent), (1, 1));
    assert_eq!((m.transformation.total.count, m.transformation.total.contract_amount_fen), (2, 150_000_000));
    assert_eq!((m.transformation.license.received_fen, m.technical.total.count), (50_000_000, 0));
    // HT-B paid 343,000 to T4 and T3.
    assert_eq!((m.rewards.cash_fen, m.rewards.principal_leader_person_times), (34_300_000, 1));
    assert_eq!(m.organization.transfer_staff, 0, "the transfer office is its own unit");
    assert_eq!(
        transferdesk_core::Error::code(&annual::indicators_for(&store, 2025, Some("不存在学院")).expect_err("unknown")),
        "not_found"
    );
}

#[test]
fn every_figure_opens_the_records_behind_it() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = annual_store(&dir);
    let keys = |path: &str| -> Vec<String> {
        annual::records(&store, 2025, path, None).unwrap_or_else(|e| panic!("{path}: {e}")).into_iter().map(|r| r.key).collect()
    };
    assert_eq!(keys("achievements.granted.invention_patent"), ["CG1", "CG2"]);
    assert_eq!(keys("achievements.fiscal_funded"), ["CG1", "CG3"]);
    assert_eq!(keys("transformation.license.received_fen"), ["R5", "R3"], "HT-D's 2025 receipt, then HT-B's");
    assert_eq!(keys("transformation.transfer.count"), ["HT-A", "HT-I"]);
    assert_eq!(keys("transformation.by_region.in_province.count"), ["HT-A", "HT-I"]);
    assert_eq!(keys("transformation.by_ownership.other.count"), ["HT-I"]);
    assert_eq!(keys("transformation.over_1m_count"), ["HT-A", "HT-C", "HT-I"]);
    assert_eq!(keys("technical.service.received_fen"), ["R10", "R9"]);
    assert_eq!(keys("income.received_fen"), ["R10", "R5", "R1", "R6", "R3", "R8", "R7", "R9"], "every receipt of 2025, by date");
    // Paid in 2025: HT-D's second (02-06), HT-A (03-28), HT-B (05-22), HT-C (06-24).
    let paid: Vec<String> =
        annual::records(&store, 2025, "rewards.cash_fen", None).expect("rewards").into_iter().map(|r| r.title).collect();
    assert_eq!(paid.iter().map(|t| t.split(' ').next().unwrap_or("")).collect::<Vec<_>>(), ["HT-D", "HT-A", "HT-B", "HT-C"]);
    assert_eq!(transferdesk_core::Error::code(&annual::records(&store, 2025, "nonsense", None).expect_err("unknown")), "not_found");
}

/// Filing while an error finding stands: refused with the finding's code (and nothing filed,
/// nothing logged) without a reason or with a blank one; filed with a reason, which the audit
/// entry keeps together with the codes it overrode.
#[test]
fn filing_over_an_error_finding_needs_a_reason() {
    use transferdesk_core::reporting::{filing, report_year};
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = annual_store(&dir);
    // CG2 was granted 2025-07-01: without its grant number it is an error finding of 2025
    // (grant_number_missing), the only error; the year's other findings are warnings.
    store.conn().execute("UPDATE achievement SET grant_no = NULL WHERE achievement_no = 'CG2'", []).expect("update");
    let found = transferdesk_core::reporting::check::year_findings(&store, 2025, transferdesk_core::Lang::Zh).expect("check");
    let errors: Vec<&str> =
        found.iter().filter(|f| f.severity == transferdesk_core::rewards::plan::Severity::Error).map(|f| f.code).collect();
    assert_eq!(errors, ["grant_number_missing"]);
    let entries = |s: &Store| s.conn().query_row("SELECT count(*) FROM audit_log", [], |r| r.get::<_, i64>(0)).expect("count");
    let before = entries(&store);
    for reason in [None, Some("   ")] {
        let refused = filing::file(&mut store, &actor(), 2025, reason, &[("a.pdf".into(), b"%PDF".to_vec())]).expect_err("refused");
        assert_eq!(transferdesk_core::Error::code(&refused), "grant_number_missing", "reason {reason:?}: the finding's code");
        assert_eq!(report_year::load(&store, 2025).expect("year").filed_at, None, "not filed");
        assert_eq!(entries(&store), before, "nothing logged");
    }
    let filed = filing::file(&mut store, &actor(), 2025, Some(" 授权号待专利局补发 "), &[("a.pdf".into(), b"%PDF".to_vec())])
        .expect("filed over the error with a reason");
    assert!(filed.filed_at.is_some());
    assert_eq!(entries(&store), before + 1, "one entry");
    let after: String = store.conn().query_row("SELECT after FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).expect("after");
    let after: serde_json::Value = serde_json::from_str(&after).expect("json");
    assert_eq!(after["override_reason"], "授权号待专利局补发", "the reason, trimmed");
    assert_eq!(after["errors"], json!(["grant_number_missing"]), "the errors it overrode");
    // SHA-256 of "%PDF" (four bytes 25 50 44 46), computed with sha256sum.
    assert_eq!(after["files"][0]["sha256"], PDF_SHA256);
}

const PDF_SHA256: &str = "315d429b7714cedb6ad04ac31240145257692630457f3c88253c5beceac76027";
