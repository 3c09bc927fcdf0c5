//! export → import → export is the identity, cell by cell, for every table of the demo portfolio.

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use std::path::Path;
use transferdesk_core::model::Table;
use transferdesk_core::store::institution::Institution;
use transferdesk_core::{demo, import, Actor, Money, Store};
use transferdesk_report::template_xlsx::{export_table, file_name};

fn actor() -> Actor {
    Actor { name: "test".into(), at: NaiveDate::from_ymd_opt(2026, 11, 23).and_then(|d| d.and_hms_opt(8, 0, 0)).expect("valid") }
}

fn cells(path: &Path) -> (String, Vec<Vec<Data>>) {
    let mut book: Xlsx<_> = calamine::open_workbook(path).expect("readable xlsx");
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).expect("first sheet");
    (name, range.rows().map(|r| r.to_vec()).collect())
}

#[test]
fn templates_round_trip_without_loss() {
    let dir = tempfile::tempdir().expect("tmp");
    let source = dir.path().join("demo.db");
    demo::create(&source, demo::Scale::Small, 7, &actor()).expect("demo");
    let mut source = Store::open(&source).expect("open");
    let first = dir.path().join("first");
    let second = dir.path().join("second");
    std::fs::create_dir_all(&first).expect("mkdir");
    std::fs::create_dir_all(&second).expect("mkdir");
    let mut copy = Store::create(
        &dir.path().join("copy.db"),
        &Institution { name: "复制".into(), province: "四川省".into(), fee_reduction: true },
        &actor(),
    )
    .expect("copy");
    for table in Table::ALL {
        let file = first.join(file_name(*table));
        let rows = export_table(&mut source, &actor(), *table, &file, true).expect("export");
        assert!(rows > 0, "the demo fills {table:?}");
        let summary = import::import(&mut copy, &actor(), *table, &file, false)
            .unwrap_or_else(|e| panic!("{table:?} re-imports: {:?}", e.report(transferdesk_core::Lang::En).details.first()));
        assert_eq!(summary.inserted as usize, rows, "{table:?}: every exported row comes back");
    }
    for table in Table::ALL {
        let again = second.join(file_name(*table));
        export_table(&mut copy, &actor(), *table, &again, true).expect("export again");
        let (name_a, a) = cells(&first.join(file_name(*table)));
        let (name_b, b) = cells(&again);
        assert_eq!(name_a, table.zh(), "the sheet is named after the table");
        assert_eq!(name_a, name_b);
        assert_eq!(a, b, "{table:?}: the second export equals the first, cell by cell");
    }
}

/// The same through CSV (UTF-8 with BOM, formula-like text quoted): the second export is the
/// first, byte for byte, for every table of the demo portfolio.
#[test]
fn csv_templates_round_trip_without_loss() {
    let dir = tempfile::tempdir().expect("tmp");
    let source = dir.path().join("demo.db");
    demo::create(&source, demo::Scale::Small, 7, &actor()).expect("demo");
    let mut source = Store::open(&source).expect("open");
    let mut copy = Store::create(
        &dir.path().join("copy.db"),
        &Institution { name: "复制".into(), province: "四川省".into(), fee_reduction: true },
        &actor(),
    )
    .expect("copy");
    for table in Table::ALL {
        let first = dir.path().join(format!("first-{}.csv", table.key()));
        let rows = export_table(&mut source, &actor(), *table, &first, true).expect("export");
        assert!(rows > 0, "the demo fills {table:?}");
        let summary = import::import(&mut copy, &actor(), *table, &first, false)
            .unwrap_or_else(|e| panic!("{table:?} re-imports: {:?}", e.report(transferdesk_core::Lang::En).details.first()));
        assert_eq!(summary.inserted as usize, rows, "{table:?}: every exported row comes back");
        let again = dir.path().join(format!("second-{}.csv", table.key()));
        export_table(&mut copy, &actor(), *table, &again, true).expect("export again");
        let (a, b) = (std::fs::read(&first).expect("first"), std::fs::read(&again).expect("second"));
        assert!(a.starts_with("\u{feff}".as_bytes()), "a BOM, so that Excel reads UTF-8");
        assert!(a == b, "{table:?}: the second CSV export equals the first");
    }
}

#[test]
fn cells_are_typed_for_excel_users() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = Store::create(
        &dir.path().join("t.db"),
        &Institution { name: "测试大学".into(), province: "四川省".into(), fee_reduction: true },
        &actor(),
    )
    .expect("store");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/good");
    for (table, file) in [
        (Table::People, "people.csv"),
        (Table::Organizations, "organizations.csv"),
        (Table::Achievements, "achievements.xlsx"),
        (Table::Contracts, "contracts.csv"),
    ] {
        import::import(&mut store, &actor(), table, &fixtures.join(file), false).expect("fixture imports");
    }
    let out = dir.path().join("contracts.xlsx");
    export_table(&mut store, &actor(), Table::Contracts, &out, false).expect("export");
    let (_, rows) = cells(&out);
    assert_eq!(rows[0][0], Data::String("合同编号".into()), "row 1 holds the template's headers");
    let ht2 = rows.iter().find(|r| r[0] == Data::String("HT2025-002".into())).expect("HT2025-002 exported");
    assert_eq!(ht2[5], Data::Float(1_200_000.0), "amounts are numbers in yuan");
    assert_eq!(ht2[7], Data::String("CG001:60; CG002:40".into()), "weights in the template's list form");
    assert!(matches!(ht2[6], Data::DateTime(_)), "dates are real date cells");
    let ht4 = rows.iter().find(|r| r[0] == Data::String("HT2025-004".into())).expect("HT2025-004 exported");
    assert_eq!(ht4[5], Data::Float(88_000.5));

    let people = dir.path().join("people.xlsx");
    export_table(&mut store, &actor(), Table::People, &people, false).expect("export");
    let (_, rows) = cells(&people);
    let t001 = rows.iter().find(|r| r[0] == Data::String("T001".into())).expect("T001");
    // 510107198001010013 (check digit 3 by GB 11643, computed in make_fixtures.py) shows as:
    assert_eq!(t001[5], Data::String("510107********0013".into()), "resident IDs are masked unless asked for");
}

/// (achievement, co-owner, 费减 flag) of every co-owner row, sorted.
fn co_owner_rows(store: &Store) -> Vec<(String, String, bool)> {
    let conn = store.conn();
    let mut stmt = conn
        .prepare(
            "SELECT a.achievement_no, o.name, c.fee_reduction FROM co_owner c JOIN achievement a ON a.id = c.achievement_id
             JOIN organization o ON o.id = c.organization_id ORDER BY a.achievement_no, o.name",
        )
        .expect("prepare");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).and_then(|rows| rows.collect()).expect("rows")
}

/// The demo portfolio with co-owners given on the achievement form — one that does not qualify
/// for 费减, two that both do, one that does not among two — goes out through the template
/// (.xlsx, then .csv) and into a fresh store: the co-owners, their flags and the annual fees
/// they decide come back identical, and a second export equals the first.
#[test]
fn co_owners_and_their_fee_reductions_round_trip() {
    use transferdesk_core::fees::docket;
    use transferdesk_core::fees::rule::Reduction;
    use transferdesk_core::portfolio::register::{self, CoOwner};

    let dir = tempfile::tempdir().expect("tmp");
    let source = dir.path().join("demo.db");
    demo::create(&source, demo::Scale::Small, 7, &actor()).expect("demo");
    let mut source = Store::open(&source).expect("open");
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("day");
    let granted: Vec<(i64, String)> = source
        .conn()
        .prepare(
            "SELECT id, achievement_no FROM achievement WHERE kind = 'invention_patent' AND status = 'in_force'
             AND granted_on IS NOT NULL ORDER BY achievement_no",
        )
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .expect("patents");
    // Three whose next year is within the reduction window: the institution alone, 85% off.
    let patents: Vec<(i64, String)> = granted
        .into_iter()
        .filter(|(_, no)| docket::quote(&source, no, today).is_ok_and(|q| q.reduction == Reduction::SoleOwner))
        .take(3)
        .collect();
    let orgs: Vec<i64> = source
        .conn()
        .prepare("SELECT id FROM organization ORDER BY name LIMIT 2")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("organizations");
    assert_eq!((patents.len(), orgs.len()), (3, 2), "the demo has granted invention patents and organizations");
    let owner = |i: usize, fee_reduction: bool| CoOwner { organization_id: orgs[i], name: String::new(), fee_reduction };
    for ((id, _), list) in
        patents.iter().zip([vec![owner(0, false)], vec![owner(0, true), owner(1, true)], vec![owner(0, true), owner(1, false)]])
    {
        let mut form = register::load(source.conn(), *id).expect("form");
        form.co_owners = list;
        register::save(&mut source, &actor(), &form).expect("saved with co-owners");
    }
    let given = co_owner_rows(&source);
    assert_eq!(given.len(), 5);

    for ext in ["xlsx", "csv"] {
        let mut copy = Store::create(
            &dir.path().join(format!("copy-{ext}.db")),
            &Institution { name: "复制".into(), province: "四川省".into(), fee_reduction: true },
            &actor(),
        )
        .expect("copy");
        for table in [Table::People, Table::Organizations, Table::Achievements] {
            let first = dir.path().join(format!("first-{}.{ext}", table.key()));
            export_table(&mut source, &actor(), table, &first, true).expect("export");
            import::import(&mut copy, &actor(), table, &first, false)
                .unwrap_or_else(|e| panic!("{table:?} re-imports: {:?}", e.report(transferdesk_core::Lang::En).details.first()));
            let again = dir.path().join(format!("second-{}.{ext}", table.key()));
            export_table(&mut copy, &actor(), table, &again, true).expect("export again");
            if ext == "csv" {
                assert!(std::fs::read(&first).expect("first") == std::fs::read(&again).expect("second"), "{table:?}: the same CSV");
            } else {
                assert_eq!(cells(&first).1, cells(&again).1, "{table:?}: the same cells");
            }
        }
        assert_eq!(co_owner_rows(&copy), given, "{ext}: the same co-owners with the same flags");
        // The fee each co-owned patent owes next, quoted for a payment on its due date, is the
        // same in both stores.
        for (_, no) in &patents {
            let due = docket::quote(&source, no, today).expect("quote").due_on;
            let (a, b) = (docket::quote(&source, no, due).expect("source"), docket::quote(&copy, no, due).expect("copy"));
            assert_eq!(
                (b.patent_year, b.full_fee_fen, b.reduction, b.amount_fen),
                (a.patent_year, a.full_fee_fen, a.reduction, a.amount_fen),
                "{ext} {no}: the same fee"
            );
        }
        // Before, 85% off; now (docs/rules/fees.md "Reduction"): both co-owners qualify, 70% off,
        // so 30% of the full fee — whole hundreds of yuan (the fee table), so exact in fen; a
        // co-owner without 费减, alone or beside one with it, leaves no reduction: the full fee.
        for ((_, no), co_owned) in patents.iter().zip([false, true, false]) {
            let q = docket::quote(&copy, no, today).expect("quote");
            let expected =
                if co_owned { (Reduction::CoOwned, Money(q.full_fee_fen.0 * 3 / 10)) } else { (Reduction::None, q.full_fee_fen) };
            assert_eq!((q.reduction, q.amount_fen), expected, "{ext} {no}: co-owned with 费减 pays 30%, without it the full fee");
        }
    }
}

#[test]
fn the_blank_template_has_the_headers_and_a_filled_copy_imports() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join(transferdesk_report::template_xlsx::blank_name(Table::Achievements));
    assert_eq!(path.file_name().and_then(|n| n.to_str()), Some("成果导入模板.xlsx"));
    transferdesk_report::template_xlsx::write_blank(Table::Achievements, &path).expect("template");
    let (sheet, rows) = cells(&path);
    assert_eq!(sheet, "成果", "one sheet named after the table");
    // The columns of docs/import-templates.md's 成果 template, in its order (共有人 last, added
    // after 完成人).
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(
        header,
        [
            "成果编号",
            "成果名称",
            "成果类型",
            "申请号",
            "申请日",
            "授权号",
            "授权日",
            "法律状态",
            "所属单位",
            "财政资助项目",
            "年费已缴至",
            "完成人",
            "共有人"
        ]
    );
    assert_eq!(rows.len(), 1, "headers only");

    // The people template as CSV, one person typed under its header: it imports as it is.
    let csv = dir.path().join("人员.csv");
    transferdesk_report::template_xlsx::write_blank(Table::People, &csv).expect("csv template");
    let mut text = std::fs::read_to_string(&csv).expect("utf-8");
    assert!(text.starts_with('\u{feff}'), "a BOM, so that Excel reads the Chinese");
    text.push_str("T900,测试人,计算机学院,科研人员,无,\n");
    std::fs::write(&csv, text).expect("filled");
    let mut store = Store::in_memory().expect("store");
    let summary = import::import(&mut store, &actor(), Table::People, &csv, false).expect("the filled template imports");
    assert_eq!(summary.inserted, 1);
}
