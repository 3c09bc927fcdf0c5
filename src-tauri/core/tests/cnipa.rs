//! CNIPA's online payment (docs/rules/batch-payment.md): the batch file's rows and refusals, and
//! the payment list read back. The portfolio is that of fees.rs (the institution has 费减, so a
//! year in the ten from the grant year pays 15% of the full fee); the figures by hand:
//!
//! - F01 invention 201910900001.4, paid through 7: year 8 due Tuesday 2026-12-01, full 2,000.00 →
//!   300.00; before its due date no surcharge.
//! - F03 invention 201810900003.9, paid through 8: year 9 due Wednesday 2026-09-30; the first
//!   month ends Friday 10-30, the second Monday 11-30, so on 11-20 and 11-23 it is the second
//!   month: 5% of the full 2,000.00 = 100.00 on top of 300.00.
//! - F04 design 202330900004.5 (filed 2023, 15-year term), paid through 4: year 5 due 2027-01-20,
//!   full 900.00 → 135.00.
//! - F02 utility model 202120900002.1, paid through 5: year 6 due Tuesday 2026-02-10, grace ended
//!   Monday 2026-08-10, still recorded in force: paying it is a restoration — 1,200 × 15% =
//!   180.00, 25% of 1,200 = 300.00 and the 1,000.00 restoration fee.

use crate::common::{actor, dump, new_store};
use crate::crafted::{workbook, Content};
use crate::fees::fee_store;
use chrono::NaiveDate;
use transferdesk_core::fees::cnipa::{self, BatchRequest};
use transferdesk_core::fees::docket::{self, FeeBatchItem};
use transferdesk_core::import::receipts;
use transferdesk_core::{Error, Lang, Money, Store};

const ON: &str = "2026-11-23";
/// GB 32100-2015's worked example (docs/rules/identifiers.md): a valid credit code.
const CREDIT_CODE: &str = "911100008002104339";

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn fee(no: &str, year: Option<i64>) -> FeeBatchItem {
    FeeBatchItem { achievement_no: no.into(), patent_year: year }
}

fn request(fees: Vec<FeeBatchItem>) -> BatchRequest {
    BatchRequest { fees, within_days: None, on: day(ON), payer: None, credit_code: Some(CREDIT_CODE.into()) }
}

/// (column, value, code) of every problem of a refusal.
fn problems<T: std::fmt::Debug>(result: Result<T, Error>) -> Vec<(String, String, String)> {
    match result {
        Err(Error::Invalid(problems)) => problems.iter().map(|p| (p.column.clone(), p.value.clone(), p.kind.code().to_string())).collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

fn owned(rows: &[(&str, &str, &str, &str)]) -> Vec<(String, String, String, String)> {
    rows.iter().map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string())).collect()
}

#[test]
fn the_batch_file_has_a_row_per_fee_item_at_the_rules_amounts_on_the_payment_day() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = fee_store(&dir);
    let file = cnipa::batch_file(&store, &request(vec![fee("F01", Some(8)), fee("F03", Some(9)), fee("F04", None), fee("F02", Some(6))]))
        .expect("batch file");
    let rows: Vec<(String, String, String, String)> =
        file.rows.iter().map(|r| (r.achievement_no.clone(), r.application_no.clone(), r.fee_name.clone(), r.amount_fen.plain())).collect();
    assert_eq!(
        rows,
        owned(&[
            ("F01", "2019109000014", "发明专利第8年年费", "300.00"),
            ("F03", "2018109000039", "发明专利第9年年费", "300.00"),
            ("F03", "2018109000039", "年费滞纳金", "100.00"),
            ("F04", "2023309000045", "外观设计专利第5年年费", "135.00"),
            ("F02", "2021209000021", "实用新型专利第6年年费", "180.00"),
            ("F02", "2021209000021", "年费滞纳金", "300.00"),
            ("F02", "2021209000021", "恢复权利请求费", "1000.00"),
        ])
    );
    // 300 + 300 + 100 + 135 + 180 + 300 + 1,000 = 2,315.00 for four patent years.
    assert_eq!((file.fees, file.total_fen), (4, Money(231_500)));
    assert_eq!((file.payer.as_str(), file.credit_code.as_str()), ("测试大学", CREDIT_CODE), "the profile's name is the payer");
}

#[test]
fn without_a_choice_the_file_holds_the_fees_due_in_the_window_and_in_grace() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = fee_store(&dir);
    // fees.rs: within 90 days of 11-23, by due date — F03 (grace), F01 and F05 (12-01), F11
    // (12-10), F06 (2027-01-15), F04 (01-20); F02 past grace is not put in unchosen. F05 has a
    // co-owner without 费减: 4,000.00; F06 co-owned with 费减: 30% of 4,000 = 1,200.00; F11 year 3:
    // 15% of 900 = 135.00.
    let file = cnipa::batch_file(&store, &BatchRequest { within_days: Some(90), payer: Some("测试大学科技处".into()), ..request(vec![]) })
        .expect("batch file");
    let names: Vec<(&str, &str, String)> =
        file.rows.iter().map(|r| (r.achievement_no.as_str(), r.fee_name.as_str(), r.amount_fen.plain())).collect();
    assert_eq!(
        names,
        vec![
            ("F03", "发明专利第9年年费", "300.00".to_string()),
            ("F03", "年费滞纳金", "100.00".to_string()),
            ("F01", "发明专利第8年年费", "300.00".to_string()),
            ("F05", "发明专利第10年年费", "4000.00".to_string()),
            ("F11", "发明专利第3年年费", "135.00".to_string()),
            ("F06", "发明专利第12年年费", "1200.00".to_string()),
            ("F04", "外观设计专利第5年年费", "135.00".to_string()),
        ]
    );
    assert_eq!(file.payer, "测试大学科技处", "a title given replaces the institution's name");
}

#[test]
fn a_batch_with_bad_fees_is_refused_whole_with_every_fee_and_its_reason() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = fee_store(&dir);
    // F12 utility model paid through 10: its term is over.
    docket::mark_lapsed(&mut store, &actor(), "F02", day(ON)).expect("F02 lapsed");
    let out = dir.path().join("batch.xlsx");
    let before = dump(&store);
    let bad = vec![
        fee("F01", Some(7)), // paid through 7: already paid
        fee("F02", None),    // recorded lapsed
        fee("F08", None),    // abandoned
        fee("F12", None),    // every year of the 10-year term paid: expired
        fee("SW01", None),   // software: no annual fee
        fee("F09", None),    // pending: not granted
        fee("XX99", None),   // no such achievement
        fee("F03", Some(9)), // fine
        fee("F03", Some(9)), // listed twice
        fee("F04", Some(7)), // the next is 5
    ];
    let refused = transferdesk_core::fees::cnipa::batch_file(&store, &request(bad));
    assert_eq!(
        problems(refused),
        vec![
            ("fees".into(), "F01:7".into(), "fee_year_already_paid".into()),
            ("fees".into(), "F02".into(), "fee_not_in_force".into()),
            ("fees".into(), "F08".into(), "fee_not_in_force".into()),
            ("fees".into(), "F12".into(), "fee_year_beyond_term".into()),
            ("fees".into(), "SW01".into(), "fee_not_applicable".into()),
            ("fees".into(), "F09".into(), "fee_not_applicable".into()),
            ("fees".into(), "XX99".into(), "unknown_reference".into()),
            ("fees".into(), "F03:9".into(), "repeated_entry".into()),
            ("fees".into(), "F04:7".into(), "fee_year_not_next".into()),
        ]
    );
    // The messages say why, in the office's language.
    let Err(e) = cnipa::batch_file(&store, &request(vec![fee("F01", Some(7)), fee("F02", None)])) else { panic!("refused") };
    let texts: Vec<String> = e.report(Lang::Zh).details.iter().map(|d| d.problem.clone()).collect();
    assert_eq!(texts, vec!["该年度年费已缴（已缴至第 7 年）".to_string(), "专利已不在有效期内（失效）".to_string()]);
    assert!(!out.exists());
    assert_eq!(dump(&store), before, "nothing written");
}

#[test]
fn the_payer_needs_a_valid_credit_code() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = fee_store(&dir);
    let missing = BatchRequest { credit_code: None, ..request(vec![fee("F01", None)]) };
    assert_eq!(
        problems(cnipa::batch_file(&store, &missing)),
        vec![("credit_code".into(), String::new(), "payer_credit_code_missing".into())]
    );
    // The last character changed: 911100008002104338 fails its check (the right one is 9).
    let wrong = BatchRequest { credit_code: Some("911100008002104338".into()), ..request(vec![fee("F01", None)]) };
    assert_eq!(
        problems(cnipa::batch_file(&store, &wrong)),
        vec![("credit_code".into(), "911100008002104338".into(), "bad_check_digit".into())]
    );
}

/// The payment list of the batch above as CNIPA's pages give it: a title row, the columns in
/// another order than the batch file's, a time after the day, a fee that is not an annual fee,
/// numbers with and without the dot and prefix.
const RECEIPTS: &str = "缴费信息查询结果,,,,,,,
票据代码,票据号码,缴费时间,专利号/申请号,缴费种类,缴费金额（元）,缴费方名称,状态
11010126,0000123401,2026-11-20 10:12:00,2019109000014,发明专利第8年年费,300.00,测试大学,已开票
11010126,0000123402,2026-11-20 10:12:00,ZL201810900003.9,发明专利第9年年费,300,测试大学,已开票
11010126,0000123402,2026-11-20 10:12:00,201810900003.9,年费滞纳金,100.00,测试大学,已开票
11010126,0000123403,2026-11-20 10:12:00,2021209000021,实用新型专利第6年年费,180.00,测试大学,已开票
11010126,0000123403,2026-11-20 10:12:00,2021209000021,年费滞纳金,300.00,测试大学,已开票
11010126,0000123403,2026-11-20 10:12:00,2021209000021,恢复权利请求费,1000.00,测试大学,已开票
11010126,0000123404,2026-11-20 10:12:00,2019109000014,专利文献副本证明费,30.00,测试大学,已开票
";

fn paid_through(store: &Store, no: &str) -> (Option<i64>, String) {
    store
        .conn()
        .query_row("SELECT fees_paid_through, status FROM achievement WHERE achievement_no = ?1", [no], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("row")
}

#[test]
fn the_payment_list_is_previewed_then_recorded_through_the_payment_path() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = fee_store(&dir);
    docket::mark_lapsed(&mut store, &actor(), "F02", day(ON)).expect("F02 recorded lapsed: the payment restores it");
    let path = dir.path().join("缴费信息.csv");
    std::fs::write(&path, RECEIPTS).expect("write");

    let before = dump(&store);
    let preview = receipts::import(&mut store, &actor(), &path, true).expect("dry run");
    assert_eq!(dump(&store), before, "a dry run writes nothing");
    let got: Vec<(u32, &str, i64, String, Vec<u32>)> = preview
        .payments
        .iter()
        .map(|p| (p.row, p.achievement_no.as_str(), p.patent_year, p.total_fen.plain(), p.joined_rows.clone()))
        .collect();
    // Rows are the spreadsheet's (the title is row 1, the header row 2), in the file's order.
    assert_eq!(
        got,
        vec![
            (3, "F01", 8, "300.00".to_string(), vec![]),
            (4, "F03", 9, "400.00".to_string(), vec![5]),
            (6, "F02", 6, "1480.00".to_string(), vec![7, 8]),
        ]
    );
    assert_eq!(preview.ignored.iter().map(|r| (r.row, r.fee_name.as_str())).collect::<Vec<_>>(), vec![(9, "专利文献副本证明费")]);
    // 300 + 1,480 + 400.
    assert_eq!((preview.total_fen, preview.rows, preview.dry_run), (Money(218_000), 7, true));

    let done = receipts::import(&mut store, &actor(), &path, false).expect("imported");
    assert_eq!(done.payments.len(), 3);
    assert_eq!(paid_through(&store, "F01"), (Some(8), "in_force".into()));
    assert_eq!(paid_through(&store, "F02"), (Some(6), "in_force".into()), "the restoration puts it back in force");
    assert_eq!(paid_through(&store, "F03"), (Some(9), "in_force".into()));
    let f03: (String, i64, i64, i64, Option<String>) = store
        .conn()
        .query_row(
            "SELECT p.paid_on, p.amount_fen, p.expected_fen, p.surcharge_fen, p.voucher_no FROM fee_payment p
             JOIN achievement a ON a.id = p.achievement_id WHERE a.achievement_no = 'F03'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .expect("F03 payment");
    assert_eq!(f03, ("2026-11-20".into(), 40_000, 40_000, 10_000, Some("110101260000123402".into())));
    let f02_restoration: i64 = store
        .conn()
        .query_row(
            "SELECT restoration_fen FROM fee_payment p JOIN achievement a ON a.id = p.achievement_id WHERE a.achievement_no = 'F02'",
            [],
            |r| r.get(0),
        )
        .expect("F02 payment");
    assert_eq!(f02_restoration, 100_000);

    // The same list again: every year is paid now, and nothing more is written.
    let after = dump(&store);
    let again = problems(receipts::import(&mut store, &actor(), &path, false));
    assert_eq!(again.iter().map(|p| p.2.as_str()).collect::<Vec<_>>(), vec!["fee_year_already_paid"; 3]);
    assert_eq!(dump(&store), after);
}

/// (row, column, code) of every problem of a refusal.
fn located<T: std::fmt::Debug>(result: Result<T, Error>) -> Vec<(usize, String, String)> {
    match result {
        Err(Error::Invalid(problems)) => problems.iter().map(|p| (p.row, p.column.clone(), p.kind.code().to_string())).collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[test]
fn a_wrong_amount_a_missing_surcharge_and_an_unknown_number_are_refused_at_their_rows() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = fee_store(&dir);
    let path = dir.path().join("缴费信息.csv");
    // Row 2: F01 at the full 2,000.00 (the reduction forgotten) where the rules ask 300.00. Row 3:
    // F03 without its 100.00 surcharge. Row 4: 202310123456.6 is a valid number (check 6,
    // docs/rules/identifiers.md) that no achievement has. Row 5: a surcharge of F04, which paid
    // no annual fee that day. Row 6: a utility-model fee name for the design F04. Row 7: a check
    // digit wrong (…0003.8).
    std::fs::write(
        &path,
        "专利号,费用名称,金额,缴费日期,票据号码
2019109000014,发明专利第8年年费,2000.00,2026-11-20,A1
2018109000039,发明专利第9年年费,300.00,2026-11-20,A2
2023101234566,发明专利第2年年费,900.00,2026-11-20,A3
2023309000045,年费滞纳金,45.00,2026-11-20,A4
2023309000045,实用新型专利第5年年费,135.00,2026-11-20,A5
2018109000038,发明专利第9年年费,300.00,2026-11-20,A6
",
    )
    .expect("write");
    let before = dump(&store);
    let refused = receipts::import(&mut store, &actor(), &path, true);
    assert_eq!(
        located(refused),
        vec![
            (2, "金额".into(), "fee_amount_mismatch".into()),
            (3, "费用名称".into(), "fee_row_missing".into()),
            (4, "专利号".into(), "unknown_reference".into()),
            (5, String::new(), "fee_without_annual_fee".into()),
            (6, "费用名称".into(), "fee_kind_mismatch".into()),
            (7, "专利号".into(), "bad_check_digit".into()),
        ]
    );
    let Err(e) = receipts::import(&mut store, &actor(), &path, false) else { panic!("refused") };
    let first = &e.report(Lang::Zh).details[0];
    assert_eq!((first.cell.as_deref(), first.problem.as_str()), (Some("C2"), "金额 2,000.00 与按规则当日应缴 300.00 不符"));
    assert_eq!(dump(&store), before, "nothing written, with or without --dry-run");
}

#[test]
fn a_list_without_its_columns_or_a_hostile_workbook_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = new_store(&dir);
    let before = dump(&store);
    let path = dir.path().join("list.csv");
    std::fs::write(&path, "申请号,费用名称,备注\n2019109000014,发明专利第8年年费,x\n").expect("write");
    assert_eq!(
        located(receipts::import(&mut store, &actor(), &path, false)),
        vec![(1, "缴费金额".into(), "missing_column".into()), (1, "缴费时间".into(), "missing_column".into())]
    );

    // The receipt columns, then a cell at XFD1048576: the range calamine would allocate is 2^34
    // cells; the reader's limit refuses it first.
    let header = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>专利号</t></is></c><c r="B1" t="inlineStr"><is><t>费用名称</t></is></c><c r="C1" t="inlineStr"><is><t>金额</t></is></c><c r="D1" t="inlineStr"><is><t>缴费日期</t></is></c></row>"#;
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{header}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>"#
    );
    let far = dir.path().join("far.xlsx");
    std::fs::write(&far, workbook(Content::Bytes(sheet.into_bytes()), vec![])).expect("write");
    let codes: Vec<String> = located(receipts::import(&mut store, &actor(), &far, false)).into_iter().map(|p| p.2).collect();
    assert_eq!(codes, vec!["limit_columns".to_string()]);

    // Just over the size limit (sparse).
    let big = crate::crafted::oversized(dir.path());
    let codes: Vec<String> = located(receipts::import(&mut store, &actor(), &big, false)).into_iter().map(|p| p.2).collect();
    assert_eq!(codes, vec!["limit_file_size".to_string()]);

    // Not a spreadsheet at all.
    let junk = dir.path().join("junk.xlsx");
    std::fs::write(&junk, b"PK\x03\x04 not really a zip").expect("write");
    let codes: Vec<String> = located(receipts::import(&mut store, &actor(), &junk, false)).into_iter().map(|p| p.2).collect();
    assert_eq!(codes, vec!["unreadable_file".to_string()]);
    assert_eq!(dump(&store), before);
}
