//! CSV exports neutralise formulas (docs/import-templates.md "Export"): a text cell that starts
//! with `=`, `+`, `-`, `@`, tab or CR gets a quote in front, so that a spreadsheet program shows
//! it as text; the CSV import warns about such cells and takes the quote off again, so that
//! export → import → export stays the identity.

use crate::common::{actor, new_store, GOOD};
use transferdesk_core::model::Table;
use transferdesk_core::template::column;
use transferdesk_core::template::export::{self, ExportCell};
use transferdesk_core::{demo, import, Money, Store};

/// People whose names and departments are the payloads and other formula starts.
const PEOPLE: &str = "\u{feff}工号,姓名,所在单位,人员类别,领导职务,身份证号\n\
T001,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"点我\"\")\",计算机学院,科研人员,无,\n\
T002,=cmd|' /C calc'!A0,计算机学院,,,\n\
T003,+86 王五,@材料学院,,,\n\
T004,-,\"\t赵六\",,,\n\
T005,周八,计算机学院,,,\n";

fn export_csv(store: &Store, table: Table, path: &std::path::Path) {
    let sheet = export::sheet(store, table, true).expect("sheet");
    export::write_csv(&sheet, path).expect("csv");
}

#[test]
fn formula_cells_are_quoted_warned_about_and_round_trip() {
    let dir = tempfile::tempdir().expect("tmp");
    let input = dir.path().join("people.csv");
    std::fs::write(&input, PEOPLE).expect("write");
    let mut store = new_store(&dir);
    let summary = import::import(&mut store, &actor(), Table::People, &input, false).expect("imported, not refused");
    // Hand count of the cells above in text columns starting with = + - @ once trimmed: T001
    // 姓名, T002 姓名, T003 姓名 (+) and 所在单位 (@), T004 姓名 (-) = 5; T004's tab before 赵六
    // is trimmed away like every text field's white space, so that cell is plain 赵六.
    assert_eq!(summary.warnings.len(), 5, "one warning per formula-like cell: {:?}", summary.warnings);
    assert!(summary.warnings[0].starts_with("第 2 行「姓名」：「=HYPERLINK("), "located and quoted: {}", summary.warnings[0]);
    assert!(summary.warnings[3].starts_with("第 4 行「所在单位」：「@材料学院」以“@”开头"), "{:?}", summary.warnings);
    let name: String = store.conn().query_row("SELECT name FROM person WHERE employee_id = 'T002'", [], |r| r.get(0)).expect("T002");
    assert_eq!(name, "=cmd|' /C calc'!A0", "kept as text, exactly");

    let first = dir.path().join("first.csv");
    export_csv(&store, Table::People, &first);
    let text = std::fs::read_to_string(&first).expect("read");
    for line in ["T002,'=cmd|' /C calc'!A0,", "T003,'+86 王五,'@材料学院,", "T004,'-,赵六,"] {
        assert!(text.contains(line), "quoted in the CSV: {line:?} in\n{text}");
    }
    assert!(text.contains("T001,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"点我\"\")\""), "{text}");
    assert!(text.contains("T005,周八,计算机学院,"), "plain text stays plain");

    // Back in: the quotes come off, the values are the same, and the export is the same file.
    let dir2 = tempfile::tempdir().expect("tmp");
    let mut copy = new_store(&dir2);
    let again = import::import(&mut copy, &actor(), Table::People, &first, false).expect("re-import");
    assert_eq!(again.inserted, 5);
    assert_eq!(again.warnings.len(), 5, "the same cells are warned about again");
    let name: String = copy.conn().query_row("SELECT name FROM person WHERE employee_id = 'T002'", [], |r| r.get(0)).expect("T002");
    assert_eq!(name, "=cmd|' /C calc'!A0", "the export's quote is not part of the value");
    let second = dir2.path().join("second.csv");
    export_csv(&copy, Table::People, &second);
    assert_eq!(std::fs::read(&second).expect("read"), std::fs::read(&first).expect("read"), "export → import → export is the identity");
}

#[test]
fn numbers_dates_and_plain_text_are_written_as_they_are() {
    // A negative amount is no formula: amounts and dates are not text and keep their sign.
    assert_eq!(ExportCell::Money(Money(-50_000)).csv_text(), "-500.00");
    assert_eq!(ExportCell::Integer(-3).csv_text(), "-3");
    assert_eq!(ExportCell::Text("-3".into()).csv_text(), "'-3");
    assert_eq!(ExportCell::Text("T-3=x".into()).csv_text(), "T-3=x", "only the first character counts");
    assert_eq!(ExportCell::Text("\r\n".into()).csv_text(), "'\r\n");
    assert_eq!(ExportCell::Text(String::new()).csv_text(), "");
}

/// The columns the export writes as text are the columns `column::is_text` calls text: the
/// CSV import warns about exactly the cells the export would quote.
#[test]
fn text_columns_are_the_exported_text_cells() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("demo.db");
    demo::create(&path, demo::Scale::Small, 7, &actor()).expect("demo");
    let store = Store::open(&path).expect("open");
    for table in Table::ALL {
        let sheet = export::sheet(&store, *table, true).expect("sheet");
        for (c, col) in column::columns(*table).iter().enumerate() {
            let kinds: std::collections::BTreeSet<&str> = sheet
                .rows
                .iter()
                .filter_map(|r| match &r[c] {
                    ExportCell::Empty => None,
                    ExportCell::Text(_) => Some("text"),
                    _ => Some("typed"),
                })
                .collect();
            let expected = if column::is_text(col) { "text" } else { "typed" };
            assert!(kinds.iter().all(|k| *k == expected), "{table:?}.{}: exported as {kinds:?}, is_text says {expected}", col.key);
        }
    }
}

/// Normal data: every table of the fixture portfolio exported to CSV, imported into an empty
/// file and exported again gives the same bytes, with no formula warning.
#[test]
fn csv_exports_of_normal_data_round_trip() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = crate::common::good_store(&dir);
    let dir2 = tempfile::tempdir().expect("tmp");
    let mut copy = new_store(&dir2);
    for (table, _) in GOOD {
        let first = dir.path().join(format!("{}.csv", table.key()));
        export_csv(&store, *table, &first);
        let summary = import::import(&mut copy, &actor(), *table, &first, false)
            .unwrap_or_else(|e| panic!("{table:?} re-imports: {:?}", e.report(transferdesk_core::Lang::En)));
        assert!(
            summary.warnings.iter().all(|w| !w.contains("公式")),
            "{table:?}: no formula warning for normal data: {:?}",
            summary.warnings
        );
        let second = dir2.path().join(format!("{}.csv", table.key()));
        export_csv(&copy, *table, &second);
        assert_eq!(std::fs::read(&second).expect("read"), std::fs::read(&first).expect("read"), "{table:?}: export → import → export");
    }
}
