//! CNIPA's online-payment batch file (网上缴费 批量缴费): the first sheet holds the header row of
//! [`BATCH_COLUMNS`] and one row per fee item, nothing else, so that the payment system can read
//! it; the second sheet sums it up for a person (docs/rules/batch-payment.md). The rows come from
//! core ([`transferdesk_core::fees::cnipa::batch_file`]); this only lays them out.

use crate::list_style::ListStyle;
use crate::Error;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use std::path::Path;
use transferdesk_core::fees::cnipa::{self, BatchFile, BatchRequest, FeeItem, BATCH_COLUMNS, BATCH_SHEET, SUMMARY_SHEET};
use transferdesk_core::{Money, Store};

/// Column widths of the batch sheet, in the order of [`BATCH_COLUMNS`].
const WIDTHS: [f64; BATCH_COLUMNS.len()] = [6.0, 17.0, 24.0, 12.0, 28.0, 22.0];

/// Checks the request, computes the rows and writes the file to `path` (.xlsx); nothing is
/// written when any fee is refused.
pub fn write_batch(store: &Store, request: &BatchRequest, path: &Path) -> Result<BatchFile, Error> {
    let file = cnipa::batch_file(store, request)?;
    let mut book = Workbook::new();
    let write_error = |e: XlsxError| Error::Write { path: path.display().to_string(), message: e.to_string() };
    batch_sheet(book.add_worksheet(), &file).map_err(write_error)?;
    summary_sheet(book.add_worksheet(), &file).map_err(write_error)?;
    crate::save_book(&mut book, path)?;
    Ok(file)
}

fn batch_sheet(ws: &mut Worksheet, file: &BatchFile) -> Result<(), XlsxError> {
    // Text cells stay text: a 13-digit number would become 2.02E+12 and a credit code lose its
    // letters. The amount is a number with two decimals.
    let text = Format::new().set_num_format("@");
    let money = Format::new().set_num_format("0.00");
    let header = Format::new().set_bold();
    ws.set_name(BATCH_SHEET)?;
    for (c, (name, width)) in BATCH_COLUMNS.iter().zip(WIDTHS).enumerate() {
        ws.set_column_width(c as u16, width)?;
        ws.write_string_with_format(0, c as u16, *name, &header)?;
    }
    for (i, r) in file.rows.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_number(row, 0, f64::from(row))?;
        ws.write_string_with_format(row, 1, &r.application_no, &text)?;
        ws.write_string_with_format(row, 2, &r.fee_name, &text)?;
        ws.write_number_with_format(row, 3, r.amount_fen.to_cell(Money::YUAN), &money)?;
        ws.write_string_with_format(row, 4, &file.payer, &text)?;
        ws.write_string_with_format(row, 5, &file.credit_code, &text)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn summary_sheet(ws: &mut Worksheet, file: &BatchFile) -> Result<(), XlsxError> {
    let ListStyle { title, info, header, text, money, total_label, total_money, .. } = ListStyle::new();
    ws.set_name(SUMMARY_SHEET)?;
    for (c, width) in [(0u16, 16.0), (1, 34.0), (2, 16.0)] {
        ws.set_column_width(c, width)?;
    }
    ws.merge_range(0, 0, 0, 2, "网上缴费批量缴费文件汇总", &title)?;
    let sum = |item: FeeItem| Money(file.rows.iter().filter(|r| r.item == item).map(|r| r.amount_fen.0).sum());
    let count = |item: FeeItem| file.rows.iter().filter(|r| r.item == item).count();
    let facts = [
        ("缴费人", file.payer.clone()),
        ("统一社会信用代码", file.credit_code.clone()),
        ("按此日缴纳计算", file.on.to_string()),
        ("年费（项）", file.fees.to_string()),
        ("文件行数", file.rows.len().to_string()),
    ];
    let mut row = 2;
    for (label, value) in facts {
        ws.write_string_with_format(row, 0, label, &header)?;
        ws.merge_range(row, 1, row, 2, &value, &text)?;
        row += 1;
    }
    row += 1;
    for (c, name) in ["费用", "项数", "金额（元）"].into_iter().enumerate() {
        ws.write_string_with_format(row, c as u16, name, &header)?;
    }
    for (label, item) in
        [("年费", FeeItem::AnnualFee), (cnipa::SURCHARGE_NAME, FeeItem::Surcharge), (cnipa::RESTORATION_NAME, FeeItem::Restoration)]
    {
        row += 1;
        ws.write_string_with_format(row, 0, label, &text)?;
        ws.write_number_with_format(row, 1, count(item) as f64, &text)?;
        ws.write_number_with_format(row, 2, sum(item).to_cell(Money::YUAN), &money)?;
    }
    row += 1;
    ws.merge_range(row, 0, row, 1, "合计", &total_label)?;
    ws.write_number_with_format(row, 2, file.total_fen.to_cell(Money::YUAN), &total_money)?;
    row += 2;
    let note = "金额按上述缴费日的减缴比例和滞纳金档次计算；逾期缴纳须在当日缴清，隔日缴纳金额可能不同。\
                列名和费用名称依国家知识产权局《专利收费标准》及网上缴费票据要求编制，上传前请与贵单位账户在缴费系统中下载的批量缴费模板核对。";
    ws.merge_range(row, 0, row + 2, 2, note, &info)?;
    Ok(())
}
