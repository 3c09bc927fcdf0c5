//! The reward documents of a distribution: the finance sheet read back cell by cell, the notice
//! and the statements read back as text with poppler's tools.
//!
//! Figures are the hand computation of the fixture files (tests/fixtures/good): HT2025-001 is a
//! registered license of CG001 (T001*:50, T002:30, T003:20); 500,000 received on 2025-03-02,
//! 15,000 appraisal → net 485,000; 70% → pool 339,500 = 169,750 / 101,850 / 67,900, half of
//! each taxable (58号): 84,875 / 50,925 / 33,950.

use calamine::{Data, Reader, Xlsx};
use chrono::{NaiveDate, NaiveDateTime};
use std::path::{Path, PathBuf};
use std::process::Command;
use transferdesk_core::model::Table;
use transferdesk_core::rewards::distribution::{self, Approval};
use transferdesk_core::rewards::policy;
use transferdesk_core::store::institution::{self, Contact, Institution};
use transferdesk_core::{import, Actor, Store};
use transferdesk_report::{notice, payroll, statement, Error};

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

/// An in-memory store of 测试大学 holding the good fixture files.
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

/// Records the policy's document (on the 1900 version the fixtures use) and the office that takes
/// objections, as an office does on its first day.
fn with_documents(store: &mut Store) {
    let mut policy = policy::list(store).expect("policies").remove(0);
    policy.document_title = Some("测试大学科技成果转化管理办法".into());
    policy.document_no = Some("测大发〔2023〕12号".into());
    policy::save(store, &actor(), &policy).expect("document recorded");
    let mut profile = institution::load_profile(store).expect("profile");
    profile.contact = Contact {
        office: Some("科学技术研究院成果转化中心".into()),
        phone: Some("028-8760 1234".into()),
        email: Some("ttc@test.edu.cn".into()),
    };
    institution::save_profile(store, &actor(), &profile).expect("contact recorded");
}

/// How far along the workflow a test distribution goes.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd)]
enum Stage {
    Draft,
    Approved,
    Publicized,
    Paid,
}

/// Creates the distribution of `contract` and moves it to `stage`: decided 2025-06-10 (after every
/// fixture receipt), posted 2025-06-11 for 15 days (the posting day does not count, so the period
/// runs 06-12 … 06-26, a Thursday), paid 2025-07-01.
fn distribute(store: &mut Store, contract: &str, stage: Stage) -> i64 {
    let id = distribution::create(store, &actor(), contract, day(2025, 12, 31), &[]).expect("create").id;
    if stage >= Stage::Approved {
        let approval = Approval { decision_on: day(2025, 6, 10), ..Approval::default() };
        distribution::approve(store, &actor(), id, &approval).expect("approve");
    }
    if stage >= Stage::Publicized {
        distribution::publicize(store, &actor(), id, day(2025, 6, 11), Some(15)).expect("publicize");
    }
    if stage >= Stage::Paid {
        distribution::pay(store, &actor(), id, day(2025, 7, 1)).expect("pay");
    }
    id
}

fn rows(path: &Path) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = calamine::open_workbook(path).expect("readable xlsx");
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).expect("first sheet");
    range.rows().map(|r| r.to_vec()).collect()
}

fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// The row whose first cells hold `key` in column `col`.
fn row_of<'a>(rows: &'a [Vec<Data>], col: usize, key: &str) -> &'a [Data] {
    rows.iter().find(|r| r.get(col).map(text).as_deref() == Some(key)).unwrap_or_else(|| panic!("a row with {key} in column {col}"))
}

fn refused_code(result: Result<impl std::fmt::Debug, Error>) -> &'static str {
    match result {
        Err(Error::Core(transferdesk_core::Error::Refused { code, .. })) => code,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// With `TRANSFERDESK_REPORT_KEEP=DIR` set, copies a document a test wrote to DIR under `name`,
/// so that a person can look at it (`pdftoppm -png -r 60`, a spreadsheet program).
fn keep(path: &Path, name: &str) {
    if let Some(dir) = std::env::var_os("TRANSFERDESK_REPORT_KEEP") {
        let target = Path::new(&dir).join(name);
        std::fs::copy(path, &target).unwrap_or_else(|e| panic!("copy to {}: {e}", target.display()));
    }
}

/// Runs a poppler tool on the PDF and returns its standard output. A missing tool fails the
/// test (`make setup` installs poppler-utils): a document nobody read is not a checked one.
fn poppler(tool: &str, args: &[&str], pdf: &Path, tail: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(tail)
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils) must run to check the PDF: {e}"));
    assert!(out.status.success(), "{tool} reads the PDF: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pdf_text(pdf: &Path) -> String {
    poppler("pdftotext", &["-layout", "-enc", "UTF-8"], pdf, &["-"])
}

/// The font table of `pdffonts`.
fn pdf_fonts(pdf: &Path) -> String {
    poppler("pdffonts", &[], pdf, &[])
}

/// Pages of a PDF, from `pdfinfo`.
fn pdf_pages(pdf: &Path) -> usize {
    let info = poppler("pdfinfo", &[], pdf, &[]);
    info.lines().find_map(|l| l.strip_prefix("Pages:")).and_then(|n| n.trim().parse().ok()).expect("pdfinfo gives the page count")
}

mod payroll_sheet {
    use super::*;

    const HEADER: [&str; 8] = ["序号", "姓名", "工号", "所在院系", "身份证号", "奖励金额（元）", "计税金额（元）", "备注"];

    #[test]
    fn lists_each_person_with_typed_yuan_and_a_total_equal_to_the_pool() {
        let mut store = good_store();
        let id = distribute(&mut store, "HT2025-001", Stage::Paid);
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("payroll.xlsx");
        assert_eq!(payroll::write(&mut store, &actor(), id, &path, false).expect("payroll"), 3, "three people share HT2025-001");
        keep(&path, "payroll-ht2025-001.xlsx");
        let rows = rows(&path);

        assert_eq!(text(&rows[0][0]), "科技成果转化奖励发放表", "the merged title comes first");
        let all: String = rows.iter().take(8).flat_map(|r| r.iter().map(text)).collect::<Vec<_>>().join(" ");
        for fact in ["测试大学", "HT2025-001", "专利实施许可合同", &format!("#{id}"), "已发放", "2025年6月10日", "2025年7月1日"]
        {
            assert!(all.contains(fact), "the heading names {fact}: {all}");
        }
        let header = rows.iter().find(|r| r.first().map(text).as_deref() == Some("序号")).expect("a header row");
        assert_eq!(header.iter().map(text).collect::<Vec<_>>(), HEADER, "the finance columns, in order");

        // Hand figures (module doc), as numbers in yuan, and T001's ID masked to 6 + 4 characters.
        let expected = [
            ("T001", "张三", "510107********0013", 169_750.0, 84_875.0),
            ("T002", "李四", "", 101_850.0, 50_925.0),
            ("T003", "王五", "", 67_900.0, 33_950.0),
        ];
        for (n, (employee, name, id_number, amount, taxable)) in expected.iter().enumerate() {
            let row = row_of(&rows, 2, employee);
            assert_eq!(row[0], Data::Float((n + 1) as f64), "rows are numbered in the plan's order");
            assert_eq!(text(&row[1]), *name);
            assert_eq!(text(&row[4]), *id_number, "{employee}: the resident ID is masked (or blank when unknown)");
            assert_eq!(row[5], Data::Float(*amount), "{employee}: the amount is a typed yuan number");
            assert_eq!(row[6], Data::Float(*taxable), "{employee}: half taxable under 58号");
        }
        assert!(text(&row_of(&rows, 2, "T001")[7]).contains("重要贡献人员"), "T001 is starred in CG001");
        assert!(text(&row_of(&rows, 2, "T002")[7]).contains("中层"), "T002 is a middle-level leader");
        assert!(text(&row_of(&rows, 2, "T002")[7]).contains("身份证号未登记"), "finance sees the missing ID");

        let total = row_of(&rows, 0, "合计");
        assert_eq!(total[5], Data::Float(339_500.0), "the total equals the pool: 485,000 × 70%");
        assert_eq!(total[6], Data::Float(169_750.0), "taxable total: 84,875 + 50,925 + 33,950");
        let notes: String = rows.iter().flat_map(|r| r.iter().map(text)).collect();
        assert!(notes.contains("适用财税〔2018〕58号") && notes.contains("减按50%"), "the 58号 note: {notes}");
        assert!(!notes.contains("510107198001010013"), "the full ID never appears unless asked");
    }

    #[test]
    fn ends_with_the_signature_lines_and_names_the_policy_by_its_document() {
        let mut store = good_store();
        with_documents(&mut store);
        let id = distribute(&mut store, "HT2025-001", Stage::Approved);
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("payroll.xlsx");
        payroll::write(&mut store, &actor(), id, &path, false).expect("payroll");
        keep(&path, "payroll-signed.xlsx");
        let rows = rows(&path);
        let heading: String = rows.iter().take(8).flat_map(|r| r.iter().map(text)).collect::<Vec<_>>().join(" ");
        assert!(heading.contains("分配政策：《测试大学科技成果转化管理办法》（测大发〔2023〕12号）"), "{heading}");
        assert!(!heading.contains("1900"), "the document names the policy, not its date: {heading}");
        // The last two rows: three signatures side by side (columns A, D, F: 序号, 所在院系, 奖励金额),
        // each with its date below.
        let filled: Vec<Vec<String>> =
            rows.iter().map(|r| r.iter().map(text).collect::<Vec<_>>()).filter(|r| r.iter().any(|c| !c.is_empty())).collect();
        let [signatures, dates] = &filled[filled.len() - 2..] else { panic!("two closing rows") };
        assert_eq!((signatures[0].as_str(), signatures[3].as_str(), signatures[5].as_str()), ("制表人：", "审核人：", "负责人："));
        for c in [0, 3, 5] {
            assert_eq!(dates[c], "日期：　　年　　月　　日", "a date line under each signature");
        }
    }

    #[test]
    fn without_a_document_the_policy_is_named_by_its_date() {
        let mut store = good_store();
        let id = distribute(&mut store, "HT2025-001", Stage::Approved);
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("payroll.xlsx");
        payroll::write(&mut store, &actor(), id, &path, false).expect("payroll");
        let all: String = rows(&path).iter().flat_map(|r| r.iter().map(text)).collect::<Vec<_>>().join(" ");
        assert!(all.contains("分配政策：1900-01-01 起施行的版本（未登记文件名称和文号）"), "{all}");
    }

    #[test]
    fn reveals_ids_only_when_asked() {
        let mut store = good_store();
        let id = distribute(&mut store, "HT2025-001", Stage::Approved);
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("payroll.xlsx");
        payroll::write(&mut store, &actor(), id, &path, true).expect("payroll");
        let rows = rows(&path);
        assert_eq!(text(&row_of(&rows, 2, "T001")[4]), "510107198001010013", "reveal_ids writes the full number for payment");
    }

    #[test]
    fn refuses_a_draft_and_writes_nothing() {
        let mut store = good_store();
        let id = distribute(&mut store, "HT2025-001", Stage::Draft);
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("payroll.xlsx");
        assert_eq!(refused_code(payroll::write(&mut store, &actor(), id, &path, false)), "distribution_not_approved");
        assert!(!path.exists(), "finance never gets unapproved figures");
        let missing = payroll::write(&mut store, &actor(), 999, &path, false);
        assert!(matches!(missing, Err(Error::Core(transferdesk_core::Error::NotFound { what: "distribution", .. }))), "{missing:?}");
    }

    #[test]
    fn an_unregistered_transfer_is_fully_taxable() {
        let mut store = good_store();
        // HT2025-002: net 600,000 − 7,200 = 592,800; pool 414,960; T001 46% → 190,881.60.
        let id = distribute(&mut store, "HT2025-002", Stage::Approved);
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("payroll.xlsx");
        payroll::write(&mut store, &actor(), id, &path, false).expect("payroll");
        keep(&path, "payroll-ht2025-002.xlsx");
        let rows = rows(&path);
        let t001 = row_of(&rows, 2, "T001");
        assert_eq!((t001[5].clone(), t001[6].clone()), (Data::Float(190_881.6), Data::Float(190_881.6)), "no 58号 relief");
        assert_eq!(row_of(&rows, 0, "合计")[5], Data::Float(414_960.0));
        let notes: String = rows.iter().flat_map(|r| r.iter().map(text)).collect();
        assert!(notes.contains("不适用财税〔2018〕58号") && notes.contains("未办理技术合同登记"), "{notes}");
    }

    #[test]
    fn equity_is_in_units_and_not_taxed_at_grant() {
        let mut store = good_store();
        // HT2025-003: 3,000,000 of registered capital for CG002 (T003*:60, T001:40); 70% = 2,100,000.
        let id = distribute(&mut store, "HT2025-003", Stage::Approved);
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("payroll.xlsx");
        assert_eq!(payroll::write(&mut store, &actor(), id, &path, false).expect("payroll"), 2);
        keep(&path, "payroll-equity.xlsx");
        let rows = rows(&path);
        let header = rows.iter().find(|r| r.first().map(text).as_deref() == Some("序号")).expect("a header row");
        assert_eq!(
            header.iter().map(text).collect::<Vec<_>>(),
            ["序号", "姓名", "工号", "所在院系", "身份证号", "奖励出资额（元）", "备注"],
            "units instead of amount and taxable"
        );
        assert_eq!(row_of(&rows, 2, "T003")[5], Data::Float(1_260_000.0));
        assert_eq!(row_of(&rows, 2, "T001")[5], Data::Float(840_000.0));
        assert_eq!(row_of(&rows, 0, "合计")[5], Data::Float(2_100_000.0), "the total equals the pool of units");
        let notes: String = rows.iter().flat_map(|r| r.iter().map(text)).collect();
        assert!(notes.contains("国税发〔1999〕125号"), "equity is not taxed at grant: {notes}");
    }

    fn sheet(path: &Path, name: &str) -> Vec<Vec<Data>> {
        let mut book: Xlsx<_> = calamine::open_workbook(path).expect("readable xlsx");
        let range = book.worksheet_range(name).unwrap_or_else(|e| panic!("sheet {name}: {e}"));
        range.rows().map(|r| r.to_vec()).collect()
    }

    #[test]
    fn several_distributions_are_one_workbook_a_sheet_each_as_exported_alone() {
        let mut store = good_store();
        let paid = distribute(&mut store, "HT2025-001", Stage::Paid);
        let approved = distribute(&mut store, "HT2025-002", Stage::Approved);
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("发放表.xlsx");
        // HT2025-001 shares among three people; HT2025-002's two achievements among the same three.
        let people = payroll::write_batch(&mut store, &actor(), &[approved, paid], &path, false).expect("workbook");
        assert_eq!(people, 6, "3 + 3 person rows");
        let book: Xlsx<_> = calamine::open_workbook(&path).expect("readable xlsx");
        assert_eq!(book.sheet_names(), [payroll::sheet_name(approved), payroll::sheet_name(paid)], "a sheet each, in the order asked");
        drop(book);
        // The pools by hand (module doc and an_unregistered_transfer_is_fully_taxable): 414,960 and 339,500.
        assert_eq!(row_of(&sheet(&path, &payroll::sheet_name(approved)), 0, "合计")[5], Data::Float(414_960.0));
        assert_eq!(row_of(&sheet(&path, &payroll::sheet_name(paid)), 0, "合计")[5], Data::Float(339_500.0));
        // Each sheet holds what the distribution's own finance sheet holds, cell for cell.
        for id in [approved, paid] {
            let single = dir.path().join(format!("{id}.xlsx"));
            payroll::write(&mut store, &actor(), id, &single, false).expect("single");
            assert_eq!(sheet(&path, &payroll::sheet_name(id)), rows(&single), "#{id}");
        }
    }

    #[test]
    fn a_batch_with_a_draft_or_a_repeat_writes_nothing() {
        let mut store = good_store();
        let paid = distribute(&mut store, "HT2025-001", Stage::Paid);
        let draft = distribute(&mut store, "HT2025-002", Stage::Draft);
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("发放表.xlsx");
        let refused = payroll::write_batch(&mut store, &actor(), &[paid, draft], &path, false);
        match refused {
            Err(Error::Core(transferdesk_core::Error::Refused { code, detail })) => {
                assert_eq!(code, "distribution_not_approved");
                assert!(detail.contains(&format!("#{draft}")), "the refusal names the draft: {detail}");
            }
            other => panic!("a draft must refuse the batch: {other:?}"),
        }
        assert!(!path.exists(), "no half batch");
        for ids in [vec![paid, paid], vec![]] {
            let result = payroll::write_batch(&mut store, &actor(), &ids, &path, false);
            assert!(matches!(result, Err(Error::Core(transferdesk_core::Error::Invalid(_)))), "{ids:?}: {result:?}");
        }
        assert!(!path.exists());
    }
}

mod publicity_notice {
    use super::*;

    #[test]
    fn shows_what_58_hao_asks_for() {
        let mut store = good_store();
        let id = distribute(&mut store, "HT2025-001", Stage::Publicized);
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("notice.pdf");
        notice::write(&store, id, &path).expect("notice");
        keep(&path, "notice.pdf");
        let size = std::fs::metadata(&path).expect("written").len();
        assert!(size < 1_000_000, "a one-page notice embeds a font subset, not the whole face: {size} bytes");
        let text = pdf_text(&path);
        for fact in [
            "科技成果转化收益分配公示",
            "测试大学",
            "CG001",
            "一种基于深度学习的图像识别方法",
            "许可",
            "成都蜀新科技有限公司",
            "500,000.00",
            "2025年3月2日",
            "485,000.00",
            "70%",
            "339,500.00",
            "2025510100000123",
            "张三",
            "李四",
            "王五",
            "169,750.00",
            "101,850.00",
            "67,900.00",
            "中层",
            "计算机学院",
            "材料科学与工程学院",
            "公示期：2025年6月12日至2025年6月26日（15日）",
            "书面",
            "2025年6月11日",
        ] {
            assert!(text.contains(fact), "the notice shows {fact}:\n{text}");
        }
        // pdftotext drops the narrow spaces around the numbers.
        assert!(text.replace(' ', "").contains("第1页共1页"), "the page is numbered");
        // No office recorded in the profile: objections go to the technology transfer centre.
        assert!(text.replace('\n', "").contains("请以书面形式向技术转移中心提出"), "the default office:\n{text}");
        assert!(!text.contains("510107"), "a public notice never shows ID numbers");
        let fonts = pdf_fonts(&path);
        let noto: Vec<&str> = fonts.lines().filter(|l| l.contains("NotoSansCJK")).collect();
        assert_eq!(noto.len(), 1, "one embedded face:\n{fonts}");
        assert!(noto[0].contains('+') && noto[0].contains("yes yes"), "embedded as a subset (tag, emb, sub):\n{fonts}");
    }

    #[test]
    fn an_equity_notice_shows_units() {
        let mut store = good_store();
        let id = distribute(&mut store, "HT2025-003", Stage::Publicized);
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("notice.pdf");
        notice::write(&store, id, &path).expect("notice");
        keep(&path, "notice-equity.pdf");
        let text = pdf_text(&path);
        // 3,000,000 of registered capital × 70% = 2,100,000: T003 60% → 1,260,000, T001 40% → 840,000.
        for fact in ["作价投资", "3,000,000.00", "奖励出资额（元）", "2,100,000.00", "1,260,000.00", "840,000.00", "未登记", "CG002"]
        {
            assert!(text.contains(fact), "the equity notice shows {fact}:\n{text}");
        }
    }

    #[test]
    fn names_the_policy_document_and_where_objections_go() {
        let mut store = good_store();
        with_documents(&mut store);
        let id = distribute(&mut store, "HT2025-001", Stage::Publicized);
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("notice.pdf");
        notice::write(&store, id, &path).expect("notice");
        keep(&path, "notice-contact.pdf");
        // pdftotext breaks lines where the page does: the sentences are read without them.
        let text = pdf_text(&path).replace(['\n', ' '], "");
        for fact in [
            "根据《中华人民共和国促进科技成果转化法》和《测试大学科技成果转化管理办法》（测大发〔2023〕12号）",
            // Posted 2025-06-11 for 15 days: 06-12 … 06-26 (see `distribute`).
            "公示期内（2025年6月12日至2025年6月26日），对上述内容有异议的，请以书面形式向科学技术研究院成果转化中心提出",
            "受理部门：科学技术研究院成果转化中心；联系电话：028-87601234；电子邮箱：ttc@test.edu.cn",
        ] {
            assert!(text.contains(fact), "the notice says {fact}:\n{text}");
        }
        assert!(!text.contains("本单位科技成果转化收益分配办法"), "the document, not a generic name");
    }

    #[test]
    fn leaves_the_period_blank_until_it_is_posted() {
        let mut store = good_store();
        let id = distribute(&mut store, "HT2025-001", Stage::Approved);
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("notice.pdf");
        notice::write(&store, id, &path).expect("notice");
        keep(&path, "notice-unposted.pdf");
        let text = pdf_text(&path);
        assert!(text.contains("公示期：______年____月____日至______年____月____日"), "blanks to fill in by hand:\n{text}");
        assert!(!text.contains("2025年6月12日"), "no period before it is posted");
    }

    #[test]
    fn refuses_a_draft() {
        let mut store = good_store();
        let id = distribute(&mut store, "HT2025-001", Stage::Draft);
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("notice.pdf");
        assert_eq!(refused_code(notice::write(&store, id, &path)), "distribution_not_approved");
        assert!(!path.exists(), "nothing to post before the decision");
    }

    #[test]
    fn a_long_list_flows_onto_further_pages() {
        let dir = tempfile::tempdir().expect("tmp");
        let (mut store, names) = many_people(dir.path(), 40);
        let id = distribute(&mut store, "HT-MANY", Stage::Publicized);
        let path = dir.path().join("notice.pdf");
        notice::write(&store, id, &path).expect("notice");
        keep(&path, "notice-many.pdf");
        let text = pdf_text(&path);
        let pages = pdf_pages(&path);
        assert!(pages >= 2, "40 people do not fit one page: {pages}");
        for name in &names {
            assert!(text.contains(name.as_str()), "{name} is on the notice");
        }
        // Net 1,000,000 × 70% = 700,000, split 40 ways at 2.5% = 17,500.00 each.
        assert_eq!(text.matches("17,500.00").count(), 40, "every person's reward");
        assert!(text.contains("700,000.00"), "the total");
        let headers = text.split('\u{c}').filter(|page| page.contains("所在院系")).count();
        assert!(headers >= 2, "the table header repeats on each page of the list");
        assert!(text.replace(' ', "").contains(&format!("第2页共{pages}页")), "pages are numbered");
    }

    /// A store with one registered license (HT-MANY) of one achievement with `n` inventors, 2.5%
    /// each, the first half starred; 1,000,000 received, no costs. One name uses an Extension A
    /// character (䶮), which the embedded font must still draw.
    pub(super) fn many_people(dir: &Path, n: usize) -> (Store, Vec<String>) {
        let surnames = ["赵", "钱", "孙", "李", "周", "吴", "郑", "王", "冯", "陈"];
        let given = ["明", "华", "建国", "丽", "䶮"];
        // Surname, a given name and the number keep the names distinct; the last ones use 䶮.
        let names: Vec<String> = (0..n).map(|i| format!("{}{}{}", surnames[i % 10], given[(i * 5 / n) % 5], i + 1)).collect();
        let mut people = String::from("工号,姓名,所在单位,人员类别,领导职务,身份证号\n");
        for (i, name) in names.iter().enumerate() {
            // A long department name wraps inside its cell.
            let department = match i % 3 {
                0 => "计算机学院",
                1 => "机械工程学院",
                _ => "新能源材料与器件及先进制造工程交叉研究院（筹）",
            };
            people.push_str(&format!("P{:03},{name},{department},科研人员,无,\n", i + 1));
        }
        let share = 10_000 / n as i64;
        let inventors: Vec<String> =
            (0..n).map(|i| format!("P{:03}{}:{}.{:02}", i + 1, if i < n / 2 { "*" } else { "" }, share / 100, share % 100)).collect();
        let achievements = format!(
            "成果编号,成果名称,成果类型,申请号,申请日,授权号,授权日,法律状态,所属单位,财政资助项目,年费已缴至,完成人\n\
             CG900,面向大规模异构计算集群的协同设计与智能调度平台软件V2.0（含多租户资源隔离与能耗优化模块）,软件著作权,,,2024SR0999999,2024-05-20,有效,计算机学院,,,{}\n",
            inventors.join("; ")
        );
        let contracts = "合同编号,合同名称,转化方式,许可类型,合作单位,合同金额,签订日期,涉及成果,技术合同登记号,获得股权\n\
                         HT-MANY,软件许可合同,许可,普通,成都蜀新科技有限公司,1000000,2025-02-20,CG900,2025510100000999,\n";
        let receipts = "合同编号,到账日期,到账金额,凭证号\nHT-MANY,2025-03-05,1000000,V9\n";
        let mut store = Store::in_memory().expect("store");
        let profile = Institution { name: "测试大学".into(), province: "四川省".into(), fee_reduction: true };
        institution::save(&mut store, &actor(), &profile).expect("institution");
        let files = [
            (Table::People, "people.csv", people),
            (Table::Organizations, "", String::new()),
            (Table::Achievements, "achievements.csv", achievements),
            (Table::Contracts, "contracts.csv", contracts.to_string()),
            (Table::Receipts, "receipts.csv", receipts.to_string()),
        ];
        for (table, file, content) in files {
            let path = if file.is_empty() {
                fixture("organizations.csv")
            } else {
                let path = dir.join(file);
                std::fs::write(&path, content).expect("write csv");
                path
            };
            import::import(&mut store, &actor(), table, &path, false)
                .unwrap_or_else(|e| panic!("{table:?}: {:?}", e.report(transferdesk_core::Lang::En)));
        }
        (store, names)
    }
}

mod personal_statements {
    use super::*;

    #[test]
    fn one_page_per_person_with_the_computation() {
        let mut store = good_store();
        let id = distribute(&mut store, "HT2025-001", Stage::Paid);
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("statements.pdf");
        assert_eq!(statement::write(&mut store, &actor(), id, &path, None).expect("statements"), 3, "one page per person");
        keep(&path, "statements.pdf");
        let text = pdf_text(&path);
        assert_eq!(pdf_pages(&path), 3, "pdfinfo agrees");
        let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
        assert_eq!(pages.len(), 3, "form feeds separate three pages");
        let expected = [
            ("张三", "T001", "50%", "169,750.00", "84,875.00"),
            ("李四", "T002", "30%", "101,850.00", "50,925.00"),
            ("王五", "T003", "20%", "67,900.00", "33,950.00"),
        ];
        for (page, (name, employee, weight, amount, taxable)) in pages.iter().zip(expected) {
            for fact in [name, employee, weight, amount, taxable, "485,000.00", "339,500.00", "已发放", "2025年7月1日", "财税〔2018〕58号"]
            {
                assert!(page.contains(fact), "{name}'s page shows {fact}:\n{page}");
            }
        }
    }

    #[test]
    fn only_the_person_asked_for() {
        let mut store = good_store();
        let id = distribute(&mut store, "HT2025-001", Stage::Publicized);
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("t002.pdf");
        assert_eq!(statement::write(&mut store, &actor(), id, &path, Some("T002")).expect("statement"), 1);
        let text = pdf_text(&path);
        assert!(text.contains("李四") && text.contains("101,850.00"), "{text}");
        assert!(!text.contains("张三"), "only T002's statement");
        let other = dir.path().join("nobody.pdf");
        let unknown = statement::write(&mut store, &actor(), id, &other, Some("T999"));
        assert!(
            matches!(&unknown, Err(Error::Core(transferdesk_core::Error::NotFound { what: "person", key })) if key == "T999"),
            "{unknown:?}"
        );
        assert!(!other.exists(), "nothing written for an unknown person");
    }

    #[test]
    fn refuses_a_draft() {
        let mut store = good_store();
        let id = distribute(&mut store, "HT2025-001", Stage::Draft);
        let dir = tempfile::tempdir().expect("tmp");
        assert_eq!(refused_code(statement::write(&mut store, &actor(), id, &dir.path().join("s.pdf"), None)), "distribution_not_approved");
    }
}

/// Issue 21: the amounts the team agreed and the recipients of the institution's part, in the
/// finance sheet, the notice and the statements.
mod splits {
    use super::*;
    use transferdesk_core::rewards::plan::AgreedAmount;
    use transferdesk_core::rewards::policy::{self, Policy, Recipient};
    use transferdesk_core::Money;

    /// From 2025-01-01: 85% for the team, 计算机学院 5%, 学校 10%. HT2025-001 (license, signed
    /// 2025-02-20): net 485,000.00 × 85% = pool 412,250.00; the institution's 72,750.00 split 5 : 10
    /// → 24,250.00 and 48,500.00. The team agreed 300,000.00 / 100,000.00 / 12,250.00 (Σ = the pool).
    fn agreed_and_split(store: &mut Store) -> i64 {
        let mut p = Policy::default_from(day(2025, 1, 1));
        (p.transfer_bp, p.license_bp, p.equity_bp) = (8500, 8500, 8500);
        p.recipients = vec![Recipient { name: "计算机学院".into(), share_bp: 500 }, Recipient { name: "学校".into(), share_bp: 1000 }];
        policy::save(store, &actor(), &p).expect("policy");
        let amounts: Vec<AgreedAmount> = [("T001", 30_000_000), ("T002", 10_000_000), ("T003", 1_225_000)]
            .iter()
            .map(|(id, fen)| AgreedAmount { employee_id: id.to_string(), amount_fen: Money(*fen), row: 0, fraction: None })
            .collect();
        let d = distribution::create_with(store, &actor(), "HT2025-001", day(2025, 12, 31), &[], Some(&amounts), None).expect("draft");
        distribution::approve(store, &actor(), d.id, &Approval { decision_on: day(2025, 6, 10), ..Approval::default() }).expect("approved");
        d.id
    }

    #[test]
    fn the_finance_sheet_lists_the_agreed_amounts_and_each_recipient_to_the_fen() {
        let mut store = good_store();
        let id = agreed_and_split(&mut store);
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("payroll.xlsx");
        payroll::write(&mut store, &actor(), id, &path, false).expect("payroll");
        let rows = rows(&path);
        assert_eq!(row_of(&rows, 2, "T001")[5], Data::Float(300_000.0), "the agreed amount, not 50% of the pool");
        assert_eq!(row_of(&rows, 0, "合计")[5], Data::Float(412_250.0), "the persons' total is the pool");
        let all: String = rows.iter().flat_map(|r| r.iter().map(text)).collect::<Vec<_>>().join(" ");
        assert!(all.contains("按团队成员签字确认的分配表"), "the sheet says the amounts were agreed: {all}");
        assert_eq!(row_of(&rows, 1, "计算机学院")[5], Data::Float(24_250.0));
        assert_eq!(text(&row_of(&rows, 1, "计算机学院")[4]), "5%");
        assert_eq!(row_of(&rows, 1, "学校")[5], Data::Float(48_500.0));
        assert_eq!(row_of(&rows, 0, "合计（单位留存）")[5], Data::Float(72_750.0), "the recipients make the institution's part");
    }

    #[test]
    fn the_notice_and_the_statements_name_the_agreed_split() {
        let mut store = good_store();
        let id = agreed_and_split(&mut store);
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("notice.pdf");
        notice::write(&store, id, &path).expect("notice");
        let shown = pdf_text(&path);
        assert!(shown.contains("签字确认的分配表"), "{shown}");
        assert!(
            shown.contains("计算机学院") && shown.contains("24,250.00") && shown.contains("48,500.00"),
            "the recipients' lines: {shown}"
        );
        let path = dir.path().join("statement.pdf");
        statement::write(&mut store, &actor(), id, &path, Some("T001")).expect("statement");
        let shown = pdf_text(&path);
        assert!(shown.contains("300,000.00") && shown.contains("分配表"), "T001's amount as agreed: {shown}");
    }
}
