//! The parts of the official form added by issue 21 point 7 (docs/annual-report.md "Records of
//! the form's parts 2–5"): the records behind them, their checks, and every new indicator on a
//! small portfolio built here, each figure computed by hand in the comments (institution in
//! 四川省, report year 2025).

use crate::annual::{day, paid, provinces, sections};
use crate::common::{actor, new_store};
use serde_json::json;
use transferdesk_core::model::{FundingLevel, OutsideWorkKind, PlatformKind, PlatformMode, Table};
use transferdesk_core::people::outside_work::{self, OutsideWork};
use transferdesk_core::people::platform::{self, Platform};
use transferdesk_core::portfolio::project::{self, Project};
use transferdesk_core::{import, reporting::annual, Error, Store};

fn csv(dir: &tempfile::TempDir, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write");
    path
}

fn load(store: &mut Store, dir: &tempfile::TempDir, table: Table, name: &str, text: &str) {
    let path = csv(dir, name, text);
    import::import(store, &actor(), table, &path, false)
        .unwrap_or_else(|e| panic!("{name} imports: {:?}", e.report(transferdesk_core::Lang::En)));
}

fn platform(name: &str, kind: PlatformKind, partner: Option<&str>, founded: &str, closed: Option<&str>) -> Platform {
    Platform {
        id: 0,
        name: name.into(),
        kind,
        mode: if partner.is_some() { PlatformMode::Joint } else { PlatformMode::Own },
        partner: partner.map(str::to_string),
        founded_on: day(founded),
        closed_on: closed.map(day),
        version: 0,
    }
}

fn period(employee_id: &str, kind: OutsideWorkKind, from: &str, to: Option<&str>) -> OutsideWork {
    OutsideWork {
        id: 0,
        employee_id: employee_id.into(),
        name: String::new(),
        company: "某科技有限公司".into(),
        kind,
        from_on: day(from),
        to_on: to.map(day),
        version: 0,
    }
}

fn project(no: &str, level: FundingLevel, funding_fen: i64, approved: &str, achievements: &[&str]) -> Project {
    Project {
        id: 0,
        project_no: no.into(),
        title: format!("{no} 项目"),
        level,
        funding_fen: transferdesk_core::Money(funding_fen),
        approved_on: day(approved),
        achievements: achievements.iter().map(|a| a.to_string()).collect(),
        version: 0,
    }
}

/// The portfolio of this file: three people, four organizations (three from a file that names
/// 所在地区 by the form's word 省份, one from a file of the old template, without 行业门类), four achievements, seven contracts, two paid distributions, five
/// platforms, five periods and four projects.
fn portfolio(dir: &tempfile::TempDir) -> Store {
    let mut store = new_store(dir);
    load(
        &mut store,
        dir,
        Table::People,
        "p.csv",
        "工号,姓名,所在单位,人员类别,领导职务\nP1,甲一,机械学院,科研人员,无\nP2,乙二,机械学院,科研人员,无\nP3,丙三,机械学院,科研人员,无\n",
    );
    load(
        &mut store,
        dir,
        Table::Organizations,
        "o.csv",
        "单位名称,统一社会信用代码,单位性质,企业规模,省份,行业门类\n甲公司,,民营企业,小型,四川,C\n乙公司,,国有企业,大型,江苏省,I 信息传输、软件和信息技术服务业\n丙研究院,,科研院所,,四川省,\n",
    );
    // A file of the old template (no 行业门类 column) still imports.
    load(
        &mut store,
        dir,
        Table::Organizations,
        "o-old.csv",
        "单位名称,统一社会信用代码,单位性质,企业规模,所在地区\n丁公司,,民营企业,微型,浙江省\n",
    );
    load(
        &mut store,
        dir,
        Table::Achievements,
        "a.csv",
        "成果编号,成果名称,成果类型,申请号,申请日,授权号,授权日,法律状态,所属单位,财政资助项目,年费已缴至,完成人\n\
         A1,软件一,软件著作权,,,2025SR0001,2025-03-01,有效,机械学院,,,P1*:60; P2:40\n\
         A2,软件二,软件著作权,,,2025SR0002,2025-04-01,有效,机械学院,,,P1*:50; P2:30; P3:20\n\
         A3,软件三,软件著作权,,,2025SR0003,2025-05-01,有效,机械学院,,,P3*:100\n\
         A4,软件四,软件著作权,,,2024SR0004,2024-06-01,有效,机械学院,,,P3*:100\n",
    );
    load(
        &mut store,
        dir,
        Table::Contracts,
        "c.csv",
        "合同编号,合同名称,转化方式,许可类型,合作单位,合同金额,签订日期,涉及成果,技术合同登记号,获得股权\n\
         C1,转让一,转让,,甲公司,1200000.00,2025-03-01,A1,2025510100000009,\n\
         C2,许可二,许可,普通,乙公司,15000000.00,2025-05-01,A3,,\n\
         C3,转让三,转让,,丙研究院,300000.00,2025-07-01,A3,,\n\
         C4,作价投资四,作价投资,,甲公司,100000000.00,2025-09-01,A2,,30000000\n\
         C5,转让五,转让,,乙公司,999999.99,2025-10-01,A3,,\n\
         C6,开发六,技术开发,,乙公司,2000000,2025-02-01,,,\n\
         C7,转让七,转让,,丁公司,5000000,2024-12-31,A4,,\n",
    );
    load(&mut store, dir, Table::Receipts, "r.csv", "合同编号,到账日期,到账金额,凭证号\nC1,2025-03-15,1200000,R1\n");
    // C1: 1,200,000 × 70% = 840,000 → P1 504,000, P2 336,000; registered, so 58号 taxes half of each.
    paid(&mut store, "C1", "2025-12-31", "2025-03-20", "2025-03-21", "2025-04-15", &[]);
    // C4: 30,000,000 units × 70% = 21,000,000 → P1 10,500,000, P2 6,300,000, P3 4,200,000.
    paid(&mut store, "C4", "2025-12-31", "2025-09-10", "2025-09-11", "2025-11-20", &[]);

    for no in ["A1", "A4"] {
        let v = project::funding(store.conn(), no).expect("funding").version;
        project::set_funding_level(&mut store, &actor(), no, Some(FundingLevel::National), v).expect("level");
    }
    let v = project::funding(store.conn(), "A2").expect("funding").version;
    project::set_funding_level(&mut store, &actor(), "A2", Some(FundingLevel::Enterprise), v).expect("level");

    for p in [
        platform("智能制造研究院", PlatformKind::RdInstitution, None, "2019-01-01", None),
        platform("联合实验室", PlatformKind::RdInstitution, Some("甲公司"), "2025-06-01", None),
        platform("旧中心", PlatformKind::RdInstitution, None, "2010-01-01", Some("2024-12-31")),
        platform("技术转移中心", PlatformKind::TransferInstitution, None, "2018-01-01", Some("2025-01-01")),
        platform("中试平台", PlatformKind::ServicePlatform, Some("乙公司"), "2026-01-01", None),
    ] {
        platform::create(&mut store, &actor(), &p).expect("platform");
    }
    for w in [
        period("P1", OutsideWorkKind::PartTime, "2024-01-01", Some("2025-01-01")),
        period("P1", OutsideWorkKind::PartTime, "2025-06-01", None),
        period("P2", OutsideWorkKind::PartTime, "2023-01-01", Some("2024-12-31")),
        period("P3", OutsideWorkKind::LeaveToFound, "2025-12-31", None),
        period("P2", OutsideWorkKind::LeaveToFound, "2026-01-01", None),
    ] {
        outside_work::create(&mut store, &actor(), &w).expect("period");
    }
    for p in [
        project("XM1", FundingLevel::National, 50_000_000, "2025-01-01", &["A1"]),
        project("XM2", FundingLevel::Provincial, 20_000_000, "2025-12-31", &[]),
        project("XM3", FundingLevel::Enterprise, 100_000_000, "2025-05-05", &["A2"]),
        project("XM4", FundingLevel::National, 30_000_000, "2024-12-31", &["A4"]),
    ] {
        project::create(&mut store, &actor(), &p).expect("project");
    }
    store
}

#[test]
fn the_new_indicators_of_parts_2_to_5_match_the_hand_computation() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = portfolio(&dir);
    let got = serde_json::to_value(annual::indicators(&store, 2025).expect("indicators")).expect("json");
    let deals = |count: i64, fen: i64| json!({"count": count, "contract_amount_fen": fen});

    // Part 2. Granted in 2025: A1 (national), A2 (enterprise), A3 (none); A4 was granted in 2024.
    assert_eq!(
        got["achievements"]["by_funding_level"],
        json!({"national": 1, "provincial": 0, "enterprise": 1, "own": 0, "other": 0, "unrecorded": 1})
    );
    // Fiscal projects approved in 2025: XM1 (national, 01-01) 500,000.00 + XM2 (provincial, 12-31)
    // 200,000.00 = 700,000.00; XM3 is enterprise money, XM4 was approved in 2024.
    assert_eq!(got["achievements"]["fiscal_projects_approved"], json!({"count": 2, "funding_fen": 70_000_000}));

    // Part 3, transfer/license/equity signed in 2025 (C6 is technical, C7 signed in 2024):
    // 四川省 (甲公司, 丙研究院): C1 1,200,000.00 + C3 300,000.00 + C4 100,000,000.00 = 101,500,000.00;
    // 江苏省 (乙公司): C2 15,000,000.00 + C5 999,999.99 = 15,999,999.99.
    let t = &got["transformation"];
    assert_eq!(t["by_province"], provinces(&[("四川省", deals(3, 10_150_000_000)), ("江苏省", deals(2, 1_599_999_999))]));
    // Section C (甲公司): C1 + C4 = 101,200,000.00; I (乙公司): C2 + C5 = 15,999,999.99; 丙研究院 has none: C3.
    assert_eq!(t["by_industry"], sections(&[("C", deals(2, 10_120_000_000)), ("I", deals(2, 1_599_999_999))]));
    assert_eq!(t["industry_unrecorded"], deals(1, 30_000_000));
    // ≥ 1,000,000: C1, C2, C4 (C5 is one fen short) = 116,200,000.00; ≥ 10,000,000: C2, C4 =
    // 115,000,000.00; ≥ 100,000,000: C4 exactly (the bands include their bound).
    assert_eq!(
        t["bands"],
        json!({"over_1m": deals(3, 11_620_000_000), "over_10m": deals(2, 11_500_000_000), "over_100m": deals(1, 10_000_000_000)})
    );
    assert_eq!(t["over_1m_count"], json!(3), "the band agrees with the older key");

    // Part 4. Open on some day of 2025: 智能制造研究院 (own) and 联合实验室 (joint) R&D institutions;
    // 技术转移中心 closed on 2025-01-01 (own); 旧中心 closed in 2024, 中试平台 opens in 2026.
    let o = &got["organization"];
    assert_eq!(o["rd_institutions"], json!({"own": 1, "joint": 1, "total": 2}));
    assert_eq!(o["transfer_institutions"], json!({"own": 1, "joint": 0, "total": 1}));
    assert_eq!(o["service_platforms"], json!({"own": 0, "joint": 0, "total": 0}));
    // Part-time in 2025: P1 (two periods, one person); P2's ended 2024-12-31. On leave: P3 from
    // 2025-12-31; P2's starts in 2026.
    assert_eq!((o["part_time_people"].clone(), o["leave_to_found_people"].clone()), (json!(1), json!(1)));

    // Part 5. Taxable: C1 is registered, 58号 taxes half: 252,000 + 168,000 = 420,000.00.
    assert_eq!(got["rewards"]["taxable_fen"], json!(42_000_000));
    // Equity: C4 values 30,000,000 units at 100,000,000.00, 10/3 yuan a unit: 10,500,000 → 35,000,000;
    // 6,300,000 → 21,000,000; 4,200,000 → 14,000,000; together 70,000,000.00.
    assert_eq!(got["rewards"]["equity_units"], json!(2_100_000_000));
    assert_eq!(got["rewards"]["equity_value_fen"], json!(7_000_000_000_i64));
}

#[test]
fn the_figures_open_their_contracts_and_achievements() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = portfolio(&dir);
    let keys =
        |path: &str| -> Vec<String> { annual::records(&store, 2025, path, None).expect("records").into_iter().map(|r| r.key).collect() };
    assert_eq!(keys("transformation.by_province.江苏省"), ["C2", "C5"]);
    assert_eq!(keys("transformation.by_industry.C"), ["C1", "C4"]);
    assert_eq!(keys("transformation.industry_unrecorded.count"), ["C3"]);
    assert_eq!(keys("transformation.bands.over_10m.contract_amount_fen"), ["C2", "C4"]);
    assert_eq!(keys("achievements.by_funding_level.unrecorded"), ["A3"]);
    assert_eq!(keys("achievements.fiscal_projects_approved.count"), ["A1"], "XM1 lists A1; XM2 lists no achievement");
    assert!(keys("organization.rd_institutions.own").is_empty(), "platforms are no contracts: their list is their own screen");
}

#[test]
fn a_department_counts_its_people_and_projects_but_no_platforms() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = portfolio(&dir);
    let got = serde_json::to_value(annual::indicators_for(&store, 2025, Some("机械学院")).expect("indicators")).expect("json");
    assert_eq!(got["organization"]["rd_institutions"]["total"], json!(0), "platforms belong to the institution");
    // P1 and P3 are of 机械学院; XM1 lists A1 of 机械学院, XM2 lists nothing.
    assert_eq!(
        (got["organization"]["part_time_people"].clone(), got["organization"]["leave_to_found_people"].clone()),
        (json!(1), json!(1))
    );
    assert_eq!(got["achievements"]["fiscal_projects_approved"], json!({"count": 1, "funding_fen": 50_000_000}));
}

fn fields(e: Error) -> Vec<(String, &'static str)> {
    match e {
        Error::Invalid(problems) => problems.into_iter().map(|p| (p.column, p.kind.code())).collect(),
        other => panic!("expected Invalid, got {other:?}"),
    }
}

#[test]
fn bad_records_are_refused_naming_each_field_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = portfolio(&dir);
    let before = crate::common::dump(&store);
    // Joint without a partner, a taken name, closed before founded.
    let mut p = platform("智能制造研究院", PlatformKind::ServicePlatform, None, "2025-01-01", Some("2024-01-01"));
    p.mode = PlatformMode::Joint;
    assert_eq!(
        fields(platform::create(&mut store, &actor(), &p).expect_err("refused")),
        [("name".to_string(), "duplicate_in_database"), ("partner".into(), "required_for_kind"), ("closed_on".into(), "date_order")]
    );
    // Own with a partner.
    let mut p = platform("新平台", PlatformKind::ServicePlatform, Some("甲公司"), "2025-01-01", None);
    p.mode = PlatformMode::Own;
    assert_eq!(fields(platform::create(&mut store, &actor(), &p).expect_err("refused")), [("partner".to_string(), "not_allowed_for_kind")]);
    // An unknown person, no company, the last day before the first.
    let mut w = period("X9", OutsideWorkKind::PartTime, "2025-05-01", Some("2025-04-30"));
    w.company = " ".into();
    assert_eq!(
        fields(outside_work::create(&mut store, &actor(), &w).expect_err("refused")),
        [("employee_id".to_string(), "unknown_reference"), ("company".into(), "required"), ("to_on".into(), "date_order")]
    );
    // A taken number, negative funding, an unknown achievement and one listed twice.
    let p = project("XM1", FundingLevel::National, -1, "2025-01-01", &["A1", "A9", "A1"]);
    assert_eq!(
        fields(project::create(&mut store, &actor(), &p).expect_err("refused")),
        [
            ("project_no".to_string(), "duplicate_in_database"),
            ("funding_fen".into(), "bad_amount"),
            ("achievements".into(), "unknown_reference"),
            ("achievements".into(), "repeated_entry"),
        ]
    );
    // An unknown industry section in a file: the row is refused, the file imports nothing.
    let path = csv(&dir, "o-bad.csv", "单位名称,统一社会信用代码,单位性质,企业规模,所在地区,行业门类\n戊公司,,民营企业,小型,四川省,Z\n");
    let err = import::import(&mut store, &actor(), Table::Organizations, &path, false).expect_err("refused");
    let report = err.report(transferdesk_core::Lang::En);
    assert!(format!("{report:?}").contains("bad_choice"), "the section is named as a bad choice: {report:?}");
    // 省份 is 所在地区: a file naming both has the column twice.
    let path = csv(&dir, "o-both.csv", "单位名称,单位性质,所在地区,省份\n戊公司,民营企业,四川省,四川省\n");
    let err = import::import(&mut store, &actor(), Table::Organizations, &path, false).expect_err("refused");
    let report = err.report(transferdesk_core::Lang::En);
    assert!(format!("{report:?}").contains("duplicate_column"), "省份 and 所在地区 are one column: {report:?}");
    assert_eq!(crate::common::dump(&store), before, "nothing was written");
}

#[test]
fn the_people_template_carries_the_periods_and_exports_them_back() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = portfolio(&dir);
    // P4 part-time in 2025 (to 2025-03-31), P5 on leave from 2026 only: 2025 counts P1 and P4
    // part-time (2), and P3 on leave (1), as before.
    load(
        &mut store,
        &dir,
        Table::People,
        "p2.csv",
        "工号,姓名,所在单位,兼职/离岗创业\nP4,丁四,材料学院,兼职:某科技有限公司:2024-10-01~2025-03-31\nP5,戊五,材料学院,离岗创业:某新创公司:2026-01-01~\nP6,己六,材料学院,\n",
    );
    let got = annual::indicators(&store, 2025).expect("indicators");
    assert_eq!((got.organization.part_time_people, got.organization.leave_to_found_people), (2, 1));
    let p4 = outside_work::list(store.conn(), Some("P4")).expect("P4");
    assert_eq!((p4.len(), p4[0].to_on), (1, Some(day("2025-03-31"))), "the period was written with the person");
    // The export gives each person's periods in the template's words.
    let people = transferdesk_core::people::person::load_all(store.conn()).expect("people");
    let p1 = people.iter().find(|p| p.employee_id == "P1").expect("P1");
    assert_eq!(
        outside_work::format_periods(&p1.outside_work),
        "兼职:某科技有限公司:2024-01-01~2025-01-01; 兼职:某科技有限公司:2025-06-01~",
        "P1's two periods, by first day"
    );
    // A bad entry refuses the file: nothing written.
    let before = crate::common::dump(&store);
    let path = csv(&dir, "p3.csv", "工号,姓名,所在单位,兼职/离岗创业\nP7,庚七,材料学院,兼职:某公司:2025-05-01~2025-04-30\n");
    let err = import::import(&mut store, &actor(), Table::People, &path, false).expect_err("refused");
    assert!(format!("{:?}", err.report(transferdesk_core::Lang::En)).contains("date_order"), "the last day before the first");
    assert_eq!(crate::common::dump(&store), before, "nothing was written");
}

#[test]
fn edits_are_versioned_audited_and_sealed() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = portfolio(&dir);
    let all = platform::list(store.conn()).expect("list");
    let lab = all.iter().find(|p| p.name == "联合实验室").expect("lab").clone();
    let closed = Platform { closed_on: Some(day("2025-12-31")), ..lab.clone() };
    let saved = platform::update(&mut store, &actor(), &closed).expect("saved");
    assert_eq!((saved.closed_on, saved.version), (Some(day("2025-12-31")), lab.version + 1), "saved and its version went up");
    // A second form loaded at the old version is refused.
    let stale = Platform { partner: Some("乙公司".into()), ..lab.clone() };
    assert!(matches!(platform::update(&mut store, &actor(), &stale), Err(Error::Conflict(_))), "a stale save is refused");
    platform::delete(&mut store, &actor(), saved.id, saved.version).expect("deleted");
    assert!(platform::list(store.conn()).expect("list").iter().all(|p| p.name != "联合实验室"));

    let xm3 = project::list(store.conn()).expect("list").into_iter().find(|p| p.project_no == "XM3").expect("XM3");
    let moved = project::update(&mut store, &actor(), &Project { achievements: vec!["A3".into(), "A1".into()], ..xm3 }).expect("saved");
    assert_eq!(moved.achievements, ["A1", "A3"], "the links are replaced, by number");
    assert_eq!(project::funding(store.conn(), "A1").expect("A1").projects, ["XM1", "XM3"]);

    let stale = project::funding(store.conn(), "A3").expect("A3").version;
    project::set_funding_level(&mut store, &actor(), "A3", Some(FundingLevel::Own), stale).expect("set");
    assert!(
        matches!(project::set_funding_level(&mut store, &actor(), "A3", None, stale), Err(Error::Conflict(_))),
        "the funding level is part of the achievement's version"
    );

    let entities: Vec<String> = store
        .conn()
        .prepare("SELECT DISTINCT entity FROM audit_log WHERE entity IN ('platform', 'outside_work', 'project') ORDER BY entity")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("audit");
    assert_eq!(entities, ["outside_work", "platform", "project"], "every new record is audited");
    let report = transferdesk_core::store::audit::verify(&store).expect("verify");
    assert!(report.ok, "every row of the new tables is sealed by its audit entry: {report:?}");
}
