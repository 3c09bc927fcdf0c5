//! The lists' Excel exports read back: filtered rows counted by hand from the fixture files
//! (tests/fixtures/good), every page of a list longer than a page, money as yuan numbers and days
//! as date cells.
//!
//! The fixtures by hand: achievements CG001 (发明专利, 计算机学院, filed 2023-03-15, granted
//! 2025-01-10), CG002 (发明专利, 材料科学与工程学院, filed 2019-06-01), CG003 (实用新型专利,
//! 计算机学院), CG004 (软件著作权, 计算机学院); contracts HT2025-001 许可 500,000.00 signed
//! 2025-02-20 with 成都蜀新 (民营企业), HT2025-002 转让 1,200,000.00 2025-04-01 with 北京华能,
//! HT2025-003 作价投资 3,000,000.00 2025-06-30 with 成都蜀新, HT2025-004 技术开发 88,000.50
//! 2025-07-01 with Acme; people T001 and T002 in 计算机学院 (T001's ID 510107198001010013).

use calamine::{Data, DataType, Reader, Xlsx};
use chrono::{NaiveDate, NaiveDateTime};
use std::path::{Path, PathBuf};
use transferdesk_core::deals::contract::view::ContractQuery;
use transferdesk_core::model::{AchievementKind, ContractKind, DistributionState, Ownership, Table};
use transferdesk_core::people::organization_page::OrganizationQuery;
use transferdesk_core::people::person_page::PersonQuery;
use transferdesk_core::portfolio::ledger::{AchievementQuery, SortKey};
use transferdesk_core::rewards::distribution::{self, Approval, DistributionQuery};
use transferdesk_core::store::audit_view::AuditQuery;
use transferdesk_core::store::institution::{self, Institution};
use transferdesk_core::{import, Actor, Store};
use transferdesk_report::lists;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn actor() -> Actor {
    let at: NaiveDateTime = day(2026, 1, 31).and_hms_opt(9, 0, 0).expect("valid time");
    Actor { name: "test".into(), at }
}

fn fixture(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/good").join(file)
}

fn good_store() -> Store {
    let mut store = Store::in_memory().expect("in-memory store");
    let profile = Institution { name: "测试大学".into(), province: "四川省".into(), fee_reduction: true };
    institution::save(&mut store, &actor(), &profile).expect("institution");
    for (table, file) in [
        (Table::People, "people.csv"),
        (Table::Organizations, "organizations.csv"),
        (Table::Achievements, "achievements.xlsx"),
        (Table::Contracts, "contracts.csv"),
        (Table::Receipts, "receipts.csv"),
        (Table::Costs, "costs.xlsx"),
    ] {
        import::import(&mut store, &actor(), table, &fixture(file), false).unwrap_or_else(|e| panic!("{file} imports: {e}"));
    }
    store
}

/// The sheet's cells: title, filters line, blank, header (row [`lists::HEADER_ROW`]), rows.
fn read_back(path: &Path) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = calamine::open_workbook(path).expect("readable xlsx");
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).expect("first sheet");
    // calamine starts the range at the first used cell: the title at A1.
    assert_eq!(range.start(), Some((0, 0)), "the title is at A1");
    range.rows().map(|r| r.to_vec()).collect()
}

fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

fn header(cells: &[Vec<Data>]) -> Vec<String> {
    cells[lists::HEADER_ROW as usize].iter().map(text).collect()
}

/// The data rows under the header.
fn body(cells: &[Vec<Data>]) -> &[Vec<Data>] {
    &cells[lists::HEADER_ROW as usize + 1..]
}

fn column(cells: &[Vec<Data>], name: &str) -> usize {
    header(cells).iter().position(|h| h == name).unwrap_or_else(|| panic!("a column {name}: {:?}", header(cells)))
}

fn values(cells: &[Vec<Data>], name: &str) -> Vec<String> {
    let c = column(cells, name);
    body(cells).iter().map(|r| text(&r[c])).collect()
}

#[test]
fn the_achievement_ledger_is_the_filtered_list_with_date_cells() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = good_store();
    let path = dir.path().join("成果台账.xlsx");
    // 计算机学院 holds CG001, CG003 and CG004; newest number first.
    let q = AchievementQuery { department: Some("计算机学院".into()), descending: true, page: 3, page_size: 1, ..Default::default() };
    let n = lists::achievements(&store, &q, day(2026, 1, 31), &path).expect("written");
    assert_eq!(n, 3, "the department's three, whatever page the screen was on");
    let cells = read_back(&path);
    assert_eq!(text(&cells[0][0]), "成果台账");
    assert!(text(&cells[1][0]).contains("所属单位：计算机学院"), "the file says how it was filtered: {}", text(&cells[1][0]));
    assert_eq!(values(&cells, "成果编号"), ["CG004", "CG003", "CG001"], "the screen's order");
    assert_eq!(values(&cells, "序号"), ["1", "2", "3"]);
    let cg001 = &body(&cells)[2];
    assert_eq!(text(&cg001[column(&cells, "成果类型")]), "发明专利", "kinds in Chinese");
    assert_eq!(cg001[column(&cells, "申请日")].as_date(), Some(day(2023, 3, 15)), "a day is a date cell, not text");
    assert_eq!(cg001[column(&cells, "授权日")].as_date(), Some(day(2025, 1, 10)));
    // CG001 is carried by HT2025-001 and HT2025-002.
    assert_eq!(text(&cg001[column(&cells, "合同数")]), "2");

    // Inventions: CG001 and CG002 (two departments).
    let q = AchievementQuery { kind: Some(AchievementKind::InventionPatent), ..Default::default() };
    assert_eq!(lists::achievements(&store, &q, day(2026, 1, 31), &path).expect("written"), 2);
    assert_eq!(values(&read_back(&path), "成果编号"), ["CG001", "CG002"]);
}

#[test]
fn a_list_longer_than_a_page_is_exported_whole() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = Store::in_memory().expect("store");
    import::import(&mut store, &actor(), Table::People, &fixture("people.csv"), false).expect("people");
    // 250 achievements K001…K250, every fifth 技术秘密 (50 of them), the rest 软件著作权: more
    // than one page (200 rows) of the list.
    let mut csv = String::from("成果编号,成果名称,成果类型,申请号,申请日,授权号,授权日,法律状态,所属单位,财政资助项目,年费已缴至,完成人\n");
    for i in 1..=250 {
        let kind = if i % 5 == 0 { "技术秘密" } else { "软件著作权" };
        csv.push_str(&format!("K{i:03},成果{i},{kind},,,,,有效,计算机学院,,,T001*\n"));
    }
    let file = dir.path().join("k.csv");
    std::fs::write(&file, csv).expect("csv");
    import::import(&mut store, &actor(), Table::Achievements, &file, false).expect("achievements");

    let path = dir.path().join("all.xlsx");
    let q = AchievementQuery { sort: Some(SortKey::AchievementNo), descending: true, ..Default::default() };
    assert_eq!(lists::achievements(&store, &q, day(2026, 1, 31), &path).expect("written"), 250, "both pages and the rest");
    let numbers = values(&read_back(&path), "成果编号");
    let expected: Vec<String> = (1..=250).rev().map(|i| format!("K{i:03}")).collect();
    assert_eq!(numbers, expected, "every row once, in the screen's order across pages");

    let q = AchievementQuery { kind: Some(AchievementKind::KnowHow), ..Default::default() };
    assert_eq!(lists::achievements(&store, &q, day(2026, 1, 31), &path).expect("written"), 50, "250 / 5");
}

#[test]
fn the_contract_list_has_yuan_numbers_and_the_screens_order() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = good_store();
    let path = dir.path().join("合同.xlsx");
    let all = ContractQuery { page: 1, page_size: 1, ..Default::default() };
    assert_eq!(lists::contracts(&store, &all, day(2026, 1, 31), &path).expect("written"), 4);
    let cells = read_back(&path);
    // Newest signed first: 07-01, 06-30, 04-01, 02-20.
    assert_eq!(values(&cells, "合同编号"), ["HT2025-004", "HT2025-003", "HT2025-002", "HT2025-001"]);
    let amount = column(&cells, "合同金额（元）");
    let amounts: Vec<f64> = body(&cells).iter().map(|r| r[amount].get_float().expect("a number cell")).collect();
    assert_eq!(amounts, [88_000.5, 3_000_000.0, 1_200_000.0, 500_000.0], "yuan as numbers Excel can sum");
    assert_eq!(body(&cells)[3][column(&cells, "签订日期")].as_date(), Some(day(2025, 2, 20)));
    // Received: HT2025-001 500,000 (receipts.csv).
    assert_eq!(body(&cells)[3][column(&cells, "已到账（元）")].get_float(), Some(500_000.0));

    let licenses = ContractQuery { kind: Some(ContractKind::License), ..all };
    assert_eq!(lists::contracts(&store, &licenses, day(2026, 1, 31), &path).expect("written"), 1, "HT2025-001 only");
    assert_eq!(values(&read_back(&path), "合同编号"), ["HT2025-001"]);
}

#[test]
fn the_people_list_is_masked_and_its_export_is_logged() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store();
    let path = dir.path().join("人员.xlsx");
    let q = PersonQuery { department: Some("计算机学院".into()), ..Default::default() };
    assert_eq!(lists::people(&mut store, &actor(), &q, day(2026, 1, 31), &path).expect("written"), 2, "T001 and T002");
    let cells = read_back(&path);
    assert_eq!(values(&cells, "工号"), ["T001", "T002"]);
    // 510107198001010013 masked as the list shows it: the first six and the last four.
    assert_eq!(values(&cells, "身份证号（脱敏）"), ["510107********0013", ""]);
    let raw = std::fs::read(&path).expect("bytes");
    assert!(!raw.windows(8).any(|w| w == b"19800101"), "no full ID number anywhere in the file");

    // The export is in the audit log, and the audit export finds exactly that entry.
    let log = dir.path().join("操作日志.xlsx");
    let q = AuditQuery { entity: Some("export".into()), ..Default::default() };
    assert_eq!(lists::audit(&store, &q, day(2026, 1, 31), &log).expect("written"), 1, "one export so far");
    let cells = read_back(&log);
    assert_eq!(values(&cells, "记录"), ["people_list"]);
    assert_eq!(values(&cells, "操作"), ["新增"]);
    let at = &body(&cells)[0][column(&cells, "时间")];
    assert_eq!(at.as_datetime(), day(2026, 1, 31).and_hms_opt(9, 0, 0), "the moment is a date-time cell");
}

#[test]
fn the_organization_list_sums_each_ones_contracts() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = good_store();
    let path = dir.path().join("合作单位.xlsx");
    let q = OrganizationQuery { ownership: Some(Ownership::Private), ..Default::default() };
    assert_eq!(lists::organizations(&store, &q, day(2026, 1, 31), &path).expect("written"), 1, "成都蜀新 only");
    let cells = read_back(&path);
    assert_eq!(values(&cells, "单位名称"), ["成都蜀新科技有限公司"]);
    assert_eq!(values(&cells, "合同数"), ["2"], "HT2025-001 and HT2025-003");
    // 500,000 + 3,000,000.
    assert_eq!(body(&cells)[0][column(&cells, "合同金额（元）")].get_float(), Some(3_500_000.0));
}

#[test]
fn the_distribution_list_follows_the_state_filter_and_finance_sees_no_drafts() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store();
    let paid = distribution::create(&mut store, &actor(), "HT2025-001", day(2025, 12, 31), &[]).expect("create").id;
    distribution::approve(&mut store, &actor(), paid, &Approval { decision_on: day(2025, 6, 10), ..Approval::default() }).expect("approve");
    distribution::publicize(&mut store, &actor(), paid, day(2025, 6, 11), Some(15)).expect("publicize");
    distribution::pay(&mut store, &actor(), paid, day(2025, 7, 1)).expect("pay");
    distribution::create(&mut store, &actor(), "HT2025-002", day(2025, 12, 31), &[]).expect("a draft");

    let path = dir.path().join("收益分配.xlsx");
    let on = day(2026, 1, 31);
    assert_eq!(lists::distributions(&store, &DistributionQuery::default(), on, false, &path).expect("written"), 2);
    assert_eq!(values(&read_back(&path), "合同编号"), ["HT2025-002", "HT2025-001"], "newest first");
    assert_eq!(lists::distributions(&store, &DistributionQuery::default(), on, true, &path).expect("written"), 1, "finance: no draft");

    let q = DistributionQuery { state: Some(DistributionState::Paid), ..Default::default() };
    assert_eq!(lists::distributions(&store, &q, on, false, &path).expect("written"), 1);
    let cells = read_back(&path);
    let row = &body(&cells)[0];
    assert_eq!(text(&row[column(&cells, "状态")]), "已发放");
    // HT2025-001: 500,000 received less 15,000 appraisal = 485,000 net; 70% = 339,500 pool.
    assert_eq!(row[column(&cells, "净收入（元）")].get_float(), Some(485_000.0));
    assert_eq!(row[column(&cells, "奖励总额（元）")].get_float(), Some(339_500.0));
    assert_eq!(row[column(&cells, "发放日期")].as_date(), Some(day(2025, 7, 1)));
}
