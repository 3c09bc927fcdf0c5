//! The annual report files on tests/fixtures/annual (institution 测试大学 in 四川省, report year
//! 2025): the workbook read back cell by cell, the PDF read back as text. The expected figures are
//! the hand computation of src-tauri/core/tests/annual.rs (its comments and expected JSON), so a
//! wrong row, unit or conversion shows here even if core and this crate agreed with each other.

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::process::Command;
use transferdesk_core::model::Table;
use transferdesk_core::rewards::distribution::{self, Approval};
use transferdesk_core::store::institution::Institution;
use transferdesk_core::{import, reporting::annual, Actor, Store};
use transferdesk_report::annual::{write, AnnualFiles};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn actor() -> Actor {
    Actor { name: "test".into(), at: day("2026-11-23").and_hms_opt(9, 30, 0).expect("valid time") }
}

fn fixture(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/annual").join(file)
}

/// Creates, approves, publicizes (15 days) and pays one distribution.
fn paid(store: &mut Store, contract: &str, through: &str, decided: &str, posted: &str, paid_on: &str, waive: &[&str]) {
    let d = distribution::create(store, &actor(), contract, day(through), &[]).expect("draft");
    let approval = Approval { decision_on: day(decided), waive: waive.iter().map(|w| w.to_string()).collect(), ..Approval::default() };
    distribution::approve(store, &actor(), d.id, &approval).expect("approved");
    distribution::publicize(store, &actor(), d.id, day(posted), None).expect("publicized");
    distribution::pay(store, &actor(), d.id, day(paid_on)).expect("paid");
}

/// The store of core's annual test, built the same way.
fn annual_store(dir: &tempfile::TempDir) -> Store {
    let profile = Institution { name: "测试大学".into(), province: "四川省".into(), fee_reduction: true };
    let mut store = Store::create(&dir.path().join("t.db"), &profile, &actor()).expect("new store");
    for (table, file) in [
        (Table::People, "people.csv"),
        (Table::Organizations, "organizations.csv"),
        (Table::Achievements, "achievements.csv"),
        (Table::Contracts, "contracts.csv"),
        (Table::Receipts, "receipts.csv"),
        (Table::Costs, "costs.csv"),
    ] {
        import::import(&mut store, &actor(), table, &fixture(file), false).expect("annual fixture imports");
    }
    // HT-A: pool 406,000 → T1* 243,600, T2 (中层) 162,400; paid 2025-03-28.
    paid(&mut store, "HT-A", "2025-12-31", "2025-03-10", "2025-03-12", "2025-03-28", &[]);
    // HT-B: pool 343,000 → T4* 240,100, T3 (单位正职) 102,900; paid 2025-05-22.
    paid(&mut store, "HT-B", "2025-12-31", "2025-05-05", "2025-05-06", "2025-05-22", &[]);
    // HT-D, 2024 money: paid 2024-12-24 (not in 2025).
    paid(&mut store, "HT-D", "2024-12-31", "2024-12-05", "2024-12-06", "2024-12-24", &[]);
    // HT-D, 2025 money: pool 140,000 → T1* 98,000, T4 42,000; paid 2025-02-06.
    paid(&mut store, "HT-D", "2025-12-31", "2025-01-15", "2025-01-16", "2025-02-06", &[]);
    // HT-C equity: 1,400,000 units → T3 (单位正职) 700,000 waived, T1 700,000; registered 2025-06-24.
    paid(&mut store, "HT-C", "2025-12-31", "2025-06-05", "2025-06-06", "2025-06-24", &["T3"]);
    store
}

/// The store and the two files of 2025, written into a folder that does not exist yet.
fn written(dir: &tempfile::TempDir) -> (Store, AnnualFiles) {
    let store = annual_store(dir);
    let out = dir.path().join("报告").join("2025");
    let files = write(&store, 2025, &out).expect("annual report written");
    (store, files)
}

/// When TRANSFERDESK_REPORT_KEEP names a folder, a copy of the file is left there to look at.
fn keep(path: &Path) {
    if let Some(dir) = std::env::var_os("TRANSFERDESK_REPORT_KEEP") {
        let name = path.file_name().expect("file name");
        std::fs::copy(path, Path::new(&dir).join(name)).expect("copy kept file");
    }
}

/// The sheet `name` as rows of cells, from A1 (calamine starts the range at the first used cell).
fn sheet(path: &Path, name: &str) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = calamine::open_workbook(path).expect("readable xlsx");
    let range = book.worksheet_range(name).unwrap_or_else(|e| panic!("sheet {name}: {e}"));
    assert_eq!(range.start(), Some((0, 0)), "{name} starts at A1");
    range.rows().map(|r| r.to_vec()).collect()
}

fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

fn number(cell: &Data) -> f64 {
    match cell {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("a number cell, got {other:?}"),
    }
}

/// The header row of every sheet (0-based): title, part, unit/year, note, then the header.
const HEADER: usize = 4;

/// An expected figure: a count, or yuan shown in 万元.
#[derive(Clone, Copy, Debug)]
enum Fig {
    C(i64),
    Y(i64),
}
use Fig::{C, Y};

/// Checks the numbered rows of an indicator sheet in order: 序号, the value and its unit.
fn check_part(path: &Path, name: &str, expected: &[Fig]) -> Vec<Vec<Data>> {
    let rows = sheet(path, name);
    assert_eq!(text(&rows[0][0]), "2025年度科技成果转化年度报告", "{name}: merged title");
    assert_eq!(text(&rows[1][0]), name, "{name}: the part");
    assert_eq!(text(&rows[2][0]), "填报单位：测试大学");
    assert!(text(&rows[2][2]).contains("2025"), "{name}: the year: {:?}", rows[2]);
    let header: Vec<String> = rows[HEADER].iter().map(text).collect();
    assert_eq!(header, ["序号", "指标", "数值", "单位"], "{name}");
    let body = &rows[HEADER + 1..];
    assert_eq!(body.len(), expected.len(), "{name}: one row per indicator");
    let money = expected.iter().any(|f| matches!(f, Y(_)));
    assert_eq!(text(&rows[3][0]).contains("单位：万元"), money, "{name}: 单位：万元 where money is shown");
    for (n, (row, fig)) in body.iter().zip(expected).enumerate() {
        assert_eq!(text(&row[0]), (n + 1).to_string(), "{name}: 序号");
        let label = text(&row[1]);
        match *fig {
            C(count) => {
                assert_eq!(number(&row[2]), count as f64, "{name} row {} {label}", n + 1);
                assert_ne!(text(&row[3]), "万元", "{name} row {} {label}: a count", n + 1);
            }
            Y(yuan) => {
                // 万元 = fen / 1,000,000, computed from the integer.
                assert_eq!(number(&row[2]), (yuan * 100) as f64 / 1_000_000.0, "{name} row {} {label}", n + 1);
                assert_eq!(text(&row[3]), "万元", "{name} row {} {label}", n + 1);
            }
        }
    }
    rows
}

#[test]
fn the_files_are_named_by_year_in_a_created_folder() {
    let dir = tempfile::tempdir().expect("tmp");
    let (_, files) = written(&dir);
    let out = dir.path().join("报告").join("2025");
    assert_eq!(files.xlsx, out.join("2025年度科技成果转化年度报告.xlsx"));
    assert_eq!(files.pdf, out.join("2025年度科技成果转化年度报告.pdf"));
    assert!(files.xlsx.is_file() && files.pdf.is_file());
    keep(&files.xlsx);
    keep(&files.pdf);
}

#[test]
fn the_workbook_has_a_sheet_per_part_then_the_lists() {
    let dir = tempfile::tempdir().expect("tmp");
    let (_, files) = written(&dir);
    let book: Xlsx<_> = calamine::open_workbook(&files.xlsx).expect("readable xlsx");
    assert_eq!(
        book.sheet_names(),
        [
            "一、年度工作",
            "二、成果取得",
            "三、转让许可作价投资",
            "四、产学研合作",
            "五、收益与奖励",
            "六、其他",
            "转化项目清单",
            "四技合同清单",
            "奖励清单"
        ]
    );
    // Part 1 states the facts only: no narrative source exists yet, and no placeholder prose.
    let rows = sheet(&files.xlsx, "一、年度工作");
    let facts: Vec<(String, String)> = rows[HEADER + 1..].iter().map(|r| (text(&r[1]), text(&r[2]))).collect();
    assert_eq!(
        facts,
        [("填报单位", "测试大学"), ("所在省份", "四川省"), ("报告年度", "2025年"), ("报送截止日期", "2026年3月31日")]
            .map(|(a, b)| (a.to_string(), b.to_string()))
    );
}

#[test]
fn every_indicator_sits_at_its_row_in_wan_yuan_as_computed_by_hand() {
    let dir = tempfile::tempdir().expect("tmp");
    let (_, files) = written(&dir);
    // CG1, CG2 (发明), CG3 (实用新型), CG4 (软著); two fiscally funded.
    // No funding level recorded (all four 未填写), no project.
    check_part(
        &files.xlsx,
        "二、成果取得",
        &[C(4), C(2), C(1), C(0), C(1), C(0), C(0), C(0), C(0), C(2), C(0), C(0), C(0), C(0), C(0), C(4), C(0), Y(0)],
    );
    let rows = check_part(
        &files.xlsx,
        "三、转让许可作价投资",
        &[
            C(2),
            Y(2_200_000),
            Y(600_000), // 转让
            C(1),
            Y(500_000),
            Y(700_000), // 许可
            C(1),
            Y(2_000_000),
            Y(0), // 作价投资
            C(4),
            Y(4_700_000),
            Y(1_300_000), // 合计
            C(1),
            Y(500_000), // 国有
            C(1),
            Y(1_200_000), // 民营
            C(1),
            Y(2_000_000), // 外资
            C(1),
            Y(1_000_000), // 高校等
            C(2),
            Y(3_200_000), // 中小微
            C(2),
            Y(2_200_000), // 省内
            C(1),
            Y(500_000), // 省外
            C(1),
            Y(2_000_000), // 境外
            C(3),         // ≥ 100万
            Y(4_200_000), // ≥ 100万: HT-A 1,200,000 + HT-I 1,000,000 + HT-C 2,000,000
            C(0),
            Y(0), // ≥ 1000万
            C(0),
            Y(0), // ≥ 1亿
            C(1),
            Y(500_000), // 北京市 (HT-B), in the national list's order
            C(2),
            Y(2_200_000), // 四川省: HT-A, HT-I
            C(1),
            Y(2_000_000), // 境外: HT-C
            C(4),
            Y(4_700_000), // no industry section in the fixture
        ],
    );
    // The totals: 4 contracts, 470.0000 万元, received 130.0000 万元 (rows 10–12).
    assert!(text(&rows[HEADER + 10][1]).contains("合计"));
    assert_eq!((number(&rows[HEADER + 10][2]), number(&rows[HEADER + 11][2]), number(&rows[HEADER + 12][2])), (4.0, 470.0, 130.0));
    check_part(
        &files.xlsx,
        "四、产学研合作",
        &[
            C(1),
            Y(800_000),
            Y(800_000),
            C(1),
            Y(50_000),
            Y(50_000),
            C(1),
            Y(120_000),
            Y(180_000),
            C(3),
            Y(970_000),
            Y(1_030_000),
            C(2), // 技术转移人员
            C(1), // 作价投资新设企业
            C(0),
            C(0),
            C(0),
            C(0),
            C(0),
            C(0), // no platform
            C(0),
            C(0), // no period
        ],
    );
    let rows = check_part(
        &files.xlsx,
        "五、收益与奖励",
        &[
            Y(2_330_000), // all receipts of 2025
            Y(1_300_000),
            Y(889_000), // pools of cash distributions paid in 2025
            Y(889_000), // cash rewards
            C(6),
            Y(581_700), // key contributors
            Y(265_300), // leaders
            C(2),
            C(1),
            Y(700_000), // equity units
            C(1),
            Y(686_000), // taxable: half of HT-A's 406,000 (registered) + HT-B 343,000 + HT-D 140,000
            Y(700_000), // equity value: HT-C 2,000,000 yuan for 2,000,000 units, T1's 700,000
        ],
    );
    assert_eq!((number(&rows[HEADER + 4][2]), number(&rows[HEADER + 5][2])), (88.9, 6.0), "889,000.00 yuan in 6 person-times");
}

#[test]
fn the_figures_equal_the_indicators() {
    let dir = tempfile::tempdir().expect("tmp");
    let (store, files) = written(&dir);
    let i = annual::indicators(&store, 2025).expect("indicators");
    let wan = |fen: i64| fen as f64 / 1_000_000.0;
    let three = sheet(&files.xlsx, "三、转让许可作价投资");
    let five = sheet(&files.xlsx, "五、收益与奖励");
    assert_eq!(number(&three[HEADER + 11][2]), wan(i.transformation.total.contract_amount_fen));
    assert_eq!(number(&three[HEADER + 12][2]), wan(i.transformation.total.received_fen));
    assert_eq!(number(&five[HEADER + 1][2]), wan(i.income.received_fen));
    assert_eq!(number(&five[HEADER + 4][2]), wan(i.rewards.cash_fen));
    assert_eq!(number(&five[HEADER + 10][2]), wan(i.rewards.equity_units));
}

#[test]
fn the_lists_hold_the_contracts_and_reward_lines_of_the_year() {
    let dir = tempfile::tempdir().expect("tmp");
    let (store, files) = written(&dir);
    let i = annual::indicators(&store, 2025).expect("indicators");

    // Signed in 2025 (HT-A, HT-B, HT-C, HT-I) or with 2025 money (HT-D, signed 2024); HT-J is 2026.
    let rows = sheet(&files.xlsx, "转化项目清单");
    let body = &rows[HEADER + 1..];
    let nos: Vec<String> = body.iter().map(|r| text(&r[1])).collect();
    assert_eq!(nos, ["HT-D", "HT-A", "HT-B", "HT-C", "HT-I"], "ordered by signing date");
    let ht_d = &body[0];
    assert_eq!(
        (text(&ht_d[3]), text(&ht_d[5]), text(&ht_d[7]), text(&ht_d[8])),
        ("CG5".into(), "许可".into(), "民营企业".into(), "四川省".into())
    );
    assert_eq!((text(&ht_d[9]), number(&ht_d[10]), number(&ht_d[11])), ("2024-11-01".into(), 30.0, 20.0), "200,000 received in 2025");
    assert_eq!(text(&body[1][12]), "2025510100000001", "HT-A's registration number");
    let received: i64 = body.iter().map(|r| (number(&r[11]) * 10_000.0).round() as i64).sum();
    assert_eq!(received * 100, i.transformation.total.received_fen, "the list explains the money received");

    // HT-H (2024, 60,000 in 2025), HT-E, HT-F, HT-G.
    let rows = sheet(&files.xlsx, "四技合同清单");
    let nos: Vec<String> = rows[HEADER + 1..].iter().map(|r| text(&r[1])).collect();
    assert_eq!(nos, ["HT-H", "HT-E", "HT-F", "HT-G"]);
    let received: i64 = rows[HEADER + 1..].iter().map(|r| (number(&r[9]) * 10_000.0).round() as i64).sum();
    assert_eq!(received * 100, i.technical.total.received_fen);

    // 6 cash lines (HT-D 02-06, HT-A 03-28, HT-B 05-22) and the 2 equity lines of HT-C.
    let rows = sheet(&files.xlsx, "奖励清单");
    let body = &rows[HEADER + 1..];
    assert_eq!(body.len(), 8);
    let cash: Vec<&Vec<Data>> = body.iter().filter(|r| text(&r[5]) == "现金奖励").collect();
    assert_eq!(cash.len(), 6);
    let cash_fen: i64 = cash.iter().map(|r| (number(&r[6]) * 100.0).round() as i64).sum();
    assert_eq!(cash_fen, 88_900_000, "889,000.00 yuan");
    let contracts: Vec<String> = cash.iter().map(|r| text(&r[2])).collect();
    assert_eq!(contracts, ["HT-D", "HT-D", "HT-A", "HT-A", "HT-B", "HT-B"], "in payment order");
    let equity: Vec<(String, String)> = body.iter().filter(|r| text(&r[5]) == "股权奖励").map(|r| (text(&r[4]), text(&r[6]))).collect();
    assert_eq!(equity.len(), 2);
    assert!(equity.contains(&("T3".into(), "放弃".into())), "the principal leader's part is waived: {equity:?}");
    assert!(equity.contains(&("T1".into(), "700000".into())), "T1's 700,000.00 units: {equity:?}");
    assert_eq!(text(&body[0][7]), "2025年2月6日");
}

/// Runs a poppler tool on the PDF and returns its standard output.
fn poppler(tool: &str, args: &[&str], pdf: &Path, tail: &[&str]) -> String {
    let out = Command::new(tool).args(args).arg(pdf).args(tail).output().unwrap_or_else(|e| panic!("{tool} (poppler-utils) runs: {e}"));
    assert!(out.status.success(), "{tool} reads the PDF: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_pdf_shows_the_cover_figures_lists_and_pledge() {
    let dir = tempfile::tempdir().expect("tmp");
    let (_, files) = written(&dir);
    let info = poppler("pdfinfo", &[], &files.pdf, &[]);
    let pages: usize = info.lines().find_map(|l| l.strip_prefix("Pages:")).and_then(|n| n.trim().parse().ok()).expect("page count");
    assert!(pages >= 5, "cover, contents, parts, lists, pledge: {pages} pages");
    assert!(info.contains("A4") || info.contains("595.276 x 841.89"), "A4: {info}");

    let text = poppler("pdftotext", &["-layout", "-enc", "UTF-8"], &files.pdf, &["-"]);
    // Lines wrap and -layout pads columns: compare without whitespace.
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let text = squeeze(&text);
    for expected in [
        "2025年度科技成果转化年度报告",
        "测试大学",
        "2026年3月31日",
        "报送单位（盖章）",
        "目",
        "一、年度工作",
        "五、收益与奖励",
        // Transformation total: 4 contracts, 4,700,000.00 yuan, 1,300,000.00 received.
        "合同 4 项，合同金额 470.0000 万元；本年到账 130.0000 万元",
        // Cash rewards 889,000.00 in 6 person-times; equity 700,000.00 units.
        "发放现金奖励 88.9000 万元，共 6 人次；股权奖励出资额 70.0000 万元",
        // … worth 700,000.00 yuan (1 yuan a unit) = 0.007 亿元; taxable 686,000.00 (see the sheet's figures).
        "折合 70.0000 万元（0.00700000 亿元）；现金奖励应纳税所得额 68.6000 万元",
        "研发机构 0 家、技术转移机构 0 家、服务平台 0 家；在企业兼职 0 人，离岗创业 0 人",
        "233.0000",
        "58.1700",
        "图1",
        "图2",
        "科技成果转化项目清单",
        "HT-I",
        "2025510100000001",
        "放弃",
        "243,600.00",
        "承诺书",
        "单位负责人（签字）",
        "单位（盖章）",
        "第 1 页",
    ] {
        assert!(text.contains(&squeeze(expected)), "the PDF shows {expected:?}:\n{text}");
    }
    assert!(text.contains(&format!("共{pages}页")), "page numbers");
    assert!(!text.contains("HT-J"), "a 2026 contract is not in the 2025 report");
}

#[test]
fn the_narrative_and_typical_cases_are_printed() {
    use transferdesk_core::reporting::report_year::{self, Case};
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = annual_store(&dir);
    let mut year = report_year::load(&store, 2025).expect("year");
    year.narrative[0] = "本年度学校成果转化工作稳步推进。".into();
    year.narrative[5] = "严格执行成果转化公示制度。".into();
    year.cases = vec![Case { contract_no: "HT-A".into(), text: "齿轮箱诊断专利转让给省内中小企业。".into() }];
    report_year::save(&mut store, &actor(), &year).expect("saved");
    let files = transferdesk_report::annual::write(&store, 2025, dir.path()).expect("written");
    let words = sheet(&files.xlsx, "六、其他");
    let cells: Vec<String> = words.iter().flatten().map(text).collect();
    for expected in ["本年度学校成果转化工作稳步推进。", "严格执行成果转化公示制度。", "典型案例1"] {
        assert!(cells.iter().any(|c| c.contains(expected)), "{expected} in the workbook: {cells:?}");
    }
    assert!(cells.iter().any(|c| c.contains("齿轮箱诊断专利转让合同（合同编号 HT-A）")), "the case names its contract");
    let pdf = poppler("pdftotext", &[], &files.pdf, &["-"]).split_whitespace().collect::<String>();
    for expected in ["本年度学校成果转化工作稳步推进。", "六、其他", "典型案例", "案例1", "齿轮箱诊断专利转让给省内中小企业。"]
    {
        assert!(pdf.contains(expected), "{expected} in the PDF");
    }
}

#[test]
fn a_filed_year_exports_the_files_as_filed() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = annual_store(&dir);
    transferdesk_report::annual::file(&mut store, &actor(), 2025, None).expect("filed");
    let first = transferdesk_report::annual::write(&store, 2025, &dir.path().join("a")).expect("export");
    // A late receipt changes the live figures, not the filed report.
    store
        .conn()
        .execute("INSERT INTO receipt (contract_id, received_on, amount_fen, voucher_no) SELECT id, '2025-12-30', 5000000, 'LATE' FROM contract WHERE contract_no = 'HT-B'", [])
        .expect("late receipt");
    let later = transferdesk_report::annual::write(&store, 2025, &dir.path().join("b")).expect("export again");
    for (a, b) in [(&first.xlsx, &later.xlsx), (&first.pdf, &later.pdf)] {
        assert_eq!(std::fs::read(a).expect("first"), std::fs::read(b).expect("later"), "{} is frozen", b.display());
    }
    let text = poppler("pdftotext", &[], &later.pdf, &["-"]).split_whitespace().collect::<String>();
    assert!(text.contains("233.0000"), "the filed income, not the live 238.0000");
}

#[test]
fn a_department_gets_its_own_files_with_its_contracts_and_people() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = annual_store(&dir);
    let files = transferdesk_report::annual::write_for(&store, 2025, Some("材料学院"), dir.path()).expect("written");
    assert!(files.xlsx.ends_with("2025年度科技成果转化年度报告（材料学院）.xlsx"), "{:?}", files.xlsx);
    assert!(files.pdf.is_file());
    let rows = sheet(&files.xlsx, "转化项目清单");
    assert!(text(&rows[2][0]).contains("测试大学 材料学院"), "the sub-report names its department: {}", text(&rows[2][0]));
    // 材料学院 holds CG2 (HT-B, licensed 2025-04-01) and CG6 (HT-I, transferred 2025-12-31).
    let nos: Vec<String> = rows[HEADER + 1..].iter().map(|r| text(&r[1])).collect();
    assert_eq!(nos, ["HT-B", "HT-I"]);
    assert!(sheet(&files.xlsx, "四技合同清单").len() == HEADER + 1, "technical contracts name no achievement: no department");
    // Its one researcher, T4: 42,000.00 from HT-D (02-06) and 240,100.00 from HT-B (05-22).
    let rewards = sheet(&files.xlsx, "奖励清单");
    let lines: Vec<(String, String, i64)> =
        rewards[HEADER + 1..].iter().map(|r| (text(&r[2]), text(&r[4]), (number(&r[6]) * 100.0).round() as i64)).collect();
    assert_eq!(lines, [("HT-D".into(), "T4".into(), 4_200_000), ("HT-B".into(), "T4".into(), 24_010_000)]);
}

#[test]
fn the_export_tells_its_three_steps_in_order() {
    use transferdesk_report::annual::{write_with_steps, Step};
    let dir = tempfile::tempdir().expect("tmp");
    let store = annual_store(&dir);
    let mut seen = Vec::new();
    write_with_steps(&store, 2025, None, dir.path(), &mut |s| {
        seen.push(s.progress());
        Ok(())
    })
    .expect("written");
    let shown: Vec<(u32, u32, &str)> = seen.iter().map(|p| (p.done, p.total, p.step.as_str())).collect();
    assert_eq!(shown, [(0, 3, "figures"), (1, 3, "workbook"), (2, 3, "document")]);
    assert_eq!(Step::COUNT, 3);
}

#[test]
fn a_cancelled_export_leaves_the_folder_as_it_was() {
    use transferdesk_report::annual::{write_with_steps, Step};
    let dir = tempfile::tempdir().expect("tmp");
    let store = annual_store(&dir);
    let out = dir.path().join("out");
    let before: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").map(|e| e.expect("entry").file_name()).collect();
    // Cancelled while the PDF is being laid out: the workbook is already written aside.
    let err = write_with_steps(&store, 2025, None, &out, &mut |s| match s {
        Step::Document => Err(transferdesk_core::progress::cancelled()),
        _ => Ok(()),
    })
    .expect_err("cancelled");
    assert_eq!(err.code(), "cancelled");
    let left: Vec<_> = std::fs::read_dir(&out).expect("out").collect();
    assert!(left.is_empty(), "nothing half-written stays behind: {left:?}");
    let after: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").map(|e| e.expect("entry").file_name()).collect();
    assert_eq!(before.len() + 1, after.len(), "only the (empty) output folder was added");
}

#[test]
fn the_rows_of_parts_2_to_5_added_by_the_2022_form_show_their_records() {
    use transferdesk_core::model::{FundingLevel, OutsideWorkKind, PlatformKind, PlatformMode};
    use transferdesk_core::people::{outside_work, platform};
    use transferdesk_core::portfolio::project;
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = annual_store(&dir);
    // 川能 (HT-A 1,200,000 in 2025) is in section C; CG1 came from national money and its project
    // XM1 (123,456.00) was approved in 2025; one own R&D institution; T1 part-time since 2025-01-01.
    store.conn().execute("UPDATE organization SET industry = 'C' WHERE name = '川能科技有限公司'", []).expect("industry");
    let v = project::funding(store.conn(), "CG1").expect("CG1").version;
    project::set_funding_level(&mut store, &actor(), "CG1", Some(FundingLevel::National), v).expect("level");
    let xm1 = project::Project {
        id: 0,
        project_no: "XM1".into(),
        title: "国家重点研发计划课题".into(),
        level: FundingLevel::National,
        funding_fen: transferdesk_core::Money(12_345_600),
        approved_on: day("2025-02-02"),
        achievements: vec!["CG1".into()],
        version: 0,
    };
    project::create(&mut store, &actor(), &xm1).expect("project");
    let lab = platform::Platform {
        id: 0,
        name: "智能制造研究院".into(),
        kind: PlatformKind::RdInstitution,
        mode: PlatformMode::Own,
        partner: None,
        founded_on: day("2020-01-01"),
        closed_on: None,
        version: 0,
    };
    platform::create(&mut store, &actor(), &lab).expect("platform");
    let w = outside_work::OutsideWork {
        id: 0,
        employee_id: "T1".into(),
        name: String::new(),
        company: "川能科技有限公司".into(),
        kind: OutsideWorkKind::PartTime,
        from_on: day("2025-01-01"),
        to_on: None,
        version: 0,
    };
    outside_work::create(&mut store, &actor(), &w).expect("period");
    let files = write(&store, 2025, &dir.path().join("out")).expect("written");
    keep(&files.xlsx);
    keep(&files.pdf);

    // 成果来源: CG1 national, the other three granted in 2025 unrecorded; XM1 one project, 123,456.00.
    check_part(
        &files.xlsx,
        "二、成果取得",
        &[C(4), C(2), C(1), C(0), C(1), C(0), C(0), C(0), C(0), C(2), C(1), C(0), C(0), C(0), C(0), C(3), C(1), Y(123_456)],
    );
    let rows = check_part(
        &files.xlsx,
        "三、转让许可作价投资",
        &[
            C(2),
            Y(2_200_000),
            Y(600_000),
            C(1),
            Y(500_000),
            Y(700_000),
            C(1),
            Y(2_000_000),
            Y(0),
            C(4),
            Y(4_700_000),
            Y(1_300_000),
            C(1),
            Y(500_000),
            C(1),
            Y(1_200_000),
            C(1),
            Y(2_000_000),
            C(1),
            Y(1_000_000),
            C(2),
            Y(3_200_000),
            C(2),
            Y(2_200_000),
            C(1),
            Y(500_000),
            C(1),
            Y(2_000_000),
            C(3),
            Y(4_200_000),
            C(0),
            Y(0),
            C(0),
            Y(0),
            C(1),
            Y(500_000),
            C(2),
            Y(2_200_000),
            C(1),
            Y(2_000_000),
            C(1),
            Y(1_200_000), // section C: HT-A
            C(3),
            Y(3_500_000), // unrecorded: HT-B 500,000 + HT-C 2,000,000 + HT-I 1,000,000
        ],
    );
    assert_eq!(text(&rows[HEADER + 41][1]), "合作单位属C 制造业的合同项数", "the section by letter and name");
    assert_eq!(text(&rows[HEADER + 35][1]), "合作单位在北京市的合同项数", "provinces in the national list's order");
    check_part(
        &files.xlsx,
        "四、产学研合作",
        &[
            C(1),
            Y(800_000),
            Y(800_000),
            C(1),
            Y(50_000),
            Y(50_000),
            C(1),
            Y(120_000),
            Y(180_000),
            C(3),
            Y(970_000),
            Y(1_030_000),
            C(2),
            C(1),
            C(1), // 研发机构（自建）
            C(0),
            C(0),
            C(0),
            C(0),
            C(0),
            C(1), // T1 part-time
            C(0),
        ],
    );
}
