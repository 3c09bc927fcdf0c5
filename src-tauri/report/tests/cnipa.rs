//! The CNIPA batch file read back with calamine and compared, column by column, with the column
//! table of docs/rules/batch-payment.md — the document an office compares with its template.
//! Figures by hand (the portfolio of fees.rs; the institution has 费减, 15% of the full fee), paid
//! on 2026-11-23:
//! - F01 invention 201910900001.4, year 8 due 2026-12-01: 2,000.00 × 15% = 300.00;
//! - F03 invention 201810900003.9, year 9 due 2026-09-30, second month of grace (10-30 < 11-23 ≤
//!   11-30): 300.00 and a 年费滞纳金 row of 5% × 2,000.00 = 100.00;
//! - F04 design 202330900004.5, year 5 due 2027-01-20: 900.00 × 15% = 135.00.
//!
//! Total 835.00.

use crate::fees::{number, store, text};
use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use std::path::Path;
use transferdesk_core::fees::cnipa::{BatchRequest, BATCH_SHEET, SUMMARY_SHEET};
use transferdesk_core::fees::docket::FeeBatchItem;
use transferdesk_report::cnipa;

/// The column names of the table under "## Columns" in docs/rules/batch-payment.md, in order.
fn documented_columns() -> Vec<String> {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join("docs/rules/batch-payment.md"))
        .expect("the rules");
    let section = doc.split("\n## Columns\n").nth(1).expect("a Columns section");
    let section = section.split("\n## ").next().unwrap_or_default();
    section
        .lines()
        .filter(|l| l.starts_with("| ") && l.split('|').nth(1).is_some_and(|n| n.trim().parse::<u32>().is_ok()))
        .map(|l| l.split('|').nth(2).unwrap_or_default().trim().to_string())
        .collect()
}

fn request(fees: &[(&str, i64)]) -> BatchRequest {
    BatchRequest {
        fees: fees.iter().map(|(no, y)| FeeBatchItem { achievement_no: no.to_string(), patent_year: Some(*y) }).collect(),
        within_days: None,
        on: NaiveDate::from_ymd_opt(2026, 11, 23).expect("day"),
        payer: None,
        credit_code: Some("911100008002104339".into()),
    }
}

#[test]
fn the_batch_file_reads_back_column_by_column_as_documented() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = store(dir.path());
    let path = dir.path().join("批量缴费.xlsx");
    let file = cnipa::write_batch(&store, &request(&[("F01", 8), ("F03", 9), ("F04", 5)]), &path).expect("written");
    assert_eq!(file.rows.len(), 4);

    let mut book: Xlsx<_> = calamine::open_workbook(&path).expect("open");
    assert_eq!(book.sheet_names(), vec![BATCH_SHEET.to_string(), SUMMARY_SHEET.to_string()]);
    let range = book.worksheet_range(BATCH_SHEET).expect("batch sheet");
    let rows: Vec<&[Data]> = range.rows().collect();

    let documented = documented_columns();
    assert_eq!(documented, ["序号", "申请号/专利号", "费用名称", "金额(元)", "缴费人", "统一社会信用代码"], "the doc's table as written");
    let header: Vec<String> = rows[0].iter().map(text).collect();
    assert_eq!(header.len(), documented.len(), "as many columns as the doc lists");
    for (c, name) in documented.iter().enumerate() {
        assert_eq!(&header[c], name, "column {}", c + 1);
    }

    // Header + one row per fee item, nothing else: no title, no totals.
    assert_eq!(range.start(), Some((0, 0)));
    assert_eq!(rows.len(), 5);
    let expected = [
        (1.0, "2019109000014", "发明专利第8年年费", 300.00),
        (2.0, "2018109000039", "发明专利第9年年费", 300.00),
        (3.0, "2018109000039", "年费滞纳金", 100.00),
        (4.0, "2023309000045", "外观设计专利第5年年费", 135.00),
    ];
    for (row, (n, no, name, yuan)) in rows[1..].iter().zip(expected) {
        assert_eq!(number(&row[0]), n);
        // The number is a text cell: all 13 characters kept.
        assert_eq!(row[1], Data::String(no.into()), "申请号 as text");
        assert_eq!(text(&row[2]), name);
        assert_eq!(format!("{:.2}", number(&row[3])), format!("{yuan:.2}"));
        assert_eq!(text(&row[4]), "测试大学");
        assert_eq!(text(&row[5]), "911100008002104339");
    }

    // The summary sheet: the total of 835.00 for a person.
    let summary = book.worksheet_range(SUMMARY_SHEET).expect("summary sheet");
    let total = summary.rows().find(|r| r.first().map(text).as_deref() == Some("合计")).expect("a 合计 row");
    assert_eq!(number(&total[2]), 835.0);
}

#[test]
fn a_refused_batch_writes_no_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = store(dir.path());
    let path = dir.path().join("批量缴费.xlsx");
    // F01 is paid through 7; F02 is past grace yet recorded in force, so it may be restored — but
    // its year 5 is paid.
    let refused = cnipa::write_batch(&store, &request(&[("F01", 7), ("F02", 5)]), &path);
    match refused {
        Err(transferdesk_report::Error::Core(transferdesk_core::Error::Invalid(problems))) => {
            let codes: Vec<&str> = problems.iter().map(|p| p.kind.code()).collect();
            assert_eq!(codes, ["fee_year_already_paid", "fee_year_already_paid"]);
        }
        other => panic!("refused, got {other:?}"),
    }
    assert!(!path.exists(), "nothing written");
}
