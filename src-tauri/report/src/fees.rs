//! 年费缴纳清单: the annual fees to pay (`fees export`) — due within the window or in their grace
//! period on the day asked — one row per patent with typed yuan cells, a totals row and a frozen
//! header, for the office to send to finance or to the patent agency.

use crate::list_style::ListStyle;
use crate::Error;
use chrono::NaiveDate;
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};
use std::path::Path;
use transferdesk_core::fees::docket::{self, FeeLine};
use transferdesk_core::fees::rule::FeeStatus;
use transferdesk_core::{store::institution, Money, Store};

/// The sheet's title, merged across the table.
pub const TITLE: &str = "年费缴纳清单";
/// The header with column widths.
const COLUMNS: [(&str, f64); 14] = [
    ("序号", 6.0),
    ("成果编号", 14.0),
    ("成果名称", 34.0),
    ("申请号", 17.0),
    ("所属单位", 18.0),
    ("成果类型", 13.0),
    ("专利年度", 9.0),
    ("缴费日", 12.0),
    ("宽限期届满", 12.0),
    ("全额年费（元）", 14.0),
    ("减缴后年费（元）", 15.0),
    ("滞纳金（元）", 12.0),
    ("应缴合计（元）", 14.0),
    ("状态", 9.0),
];

/// Writes the fees to pay on `on` (due within `within_days`, or in grace; surcharges as if paid
/// on `on`) to `path` (.xlsx) and returns the number of fee rows.
pub fn write(store: &Store, on: NaiveDate, within_days: u32, path: &Path) -> Result<usize, Error> {
    let lines: Vec<FeeLine> = docket::lines(store, on, within_days)?.into_iter().filter(|l| l.status != FeeStatus::Lapsed).collect();
    let institution = institution::load(store).map(|i| i.name).unwrap_or_default();
    let mut book = Workbook::new();
    let write_error = |e: XlsxError| Error::Write { path: path.display().to_string(), message: e.to_string() };
    fill(book.add_worksheet(), &lines, &institution, on, within_days).map_err(write_error)?;
    crate::save_book(&mut book, path)?;
    Ok(lines.len())
}

fn fill(ws: &mut Worksheet, lines: &[FeeLine], institution: &str, on: NaiveDate, within_days: u32) -> Result<(), XlsxError> {
    let last = COLUMNS.len() as u16 - 1;
    let ListStyle { title, info, header, text, wrapped, number, money, total_label, total_money } = ListStyle::new();
    let grace = text.clone().set_font_color("#C00000");

    ws.set_name(TITLE)?;
    for (c, (_, width)) in COLUMNS.iter().enumerate() {
        ws.set_column_width(c as u16, *width)?;
    }
    ws.merge_range(0, 0, 0, last, TITLE, &title)?;
    ws.set_row_height(0, 30)?;
    let unit = if institution.is_empty() { String::new() } else { format!("单位：{institution}　") };
    let scope = format!(
        "{unit}统计日：{on}　范围：{within_days} 天内到期及宽限期内未缴的年费；滞纳金按统计日缴纳计算（缴费日后 1 个月内免，之后每月加收全额年费的 5%，至 25%）"
    );
    ws.merge_range(1, 0, 1, last, &scope, &info)?;
    ws.set_row_height(1, 32)?;

    let head = 3;
    for (c, (name, _)) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(head, c as u16, *name, &header)?;
    }
    ws.set_row_height(head, 30)?;
    ws.set_freeze_panes(head + 1, 0)?;
    ws.set_repeat_rows(head, head)?;

    let mut row = head;
    let mut sums = [0i64; 4];
    for (i, l) in lines.iter().enumerate() {
        row += 1;
        let status = match l.status {
            FeeStatus::Grace => &grace,
            _ => &text,
        };
        ws.write_number_with_format(row, 0, (i + 1) as f64, &number)?;
        ws.write_string_with_format(row, 1, &l.achievement_no, &text)?;
        ws.write_string_with_format(row, 2, &l.title, &wrapped)?;
        ws.write_string_with_format(row, 3, &l.application_no, &text)?;
        ws.write_string_with_format(row, 4, &l.department, &wrapped)?;
        ws.write_string_with_format(row, 5, l.kind.zh(), &text)?;
        ws.write_number_with_format(row, 6, l.patent_year as f64, &number)?;
        ws.write_string_with_format(row, 7, l.due_on.to_string(), &text)?;
        ws.write_string_with_format(row, 8, l.grace_end_on.to_string(), &text)?;
        for (k, fen) in [l.full_fee_fen, l.amount_fen, l.surcharge_fen, l.total_fen].into_iter().enumerate() {
            sums[k] += fen.0;
            ws.write_number_with_format(row, 9 + k as u16, fen.to_cell(Money::YUAN), &money)?;
        }
        ws.write_string_with_format(row, 13, l.status.zh(), status)?;
    }

    row += 1;
    ws.merge_range(row, 0, row, 8, &format!("合计（{} 项）", lines.len()), &total_label)?;
    for (k, fen) in sums.into_iter().enumerate() {
        ws.write_number_with_format(row, 9 + k as u16, Money(fen).to_cell(Money::YUAN), &total_money)?;
    }
    ws.write_blank(row, 13, &text)?;

    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_area(0, 0, row, last)?;
    Ok(())
}
