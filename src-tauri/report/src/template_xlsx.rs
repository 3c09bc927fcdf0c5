//! Writes a table in its import template's layout to .xlsx, typed so that Excel users can sum
//! amounts and sort dates, and so that the file imports back unchanged.

use crate::Error;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use std::path::Path;
use transferdesk_core::model::Table;
use transferdesk_core::store::audit::Disclosure;
use transferdesk_core::template::export::{ExportCell, Sheet};
use transferdesk_core::{Actor, Money, Store};

fn write_error(path: &Path, e: XlsxError) -> Error {
    Error::Write { path: path.display().to_string(), message: e.to_string() }
}

/// One sheet as an .xlsx file's bytes.
pub fn xlsx_bytes(sheet: &Sheet, path: &Path) -> Result<Vec<u8>, Error> {
    let mut book = Workbook::new();
    add_sheet(&mut book, sheet).map_err(|e| write_error(path, e))?;
    book.save_to_buffer().map_err(|e| write_error(path, e))
}

/// Writes one sheet to `path` (owner-only, atomic).
pub fn write(sheet: &Sheet, path: &Path) -> Result<(), Error> {
    crate::save(path, &xlsx_bytes(sheet, path)?)
}

fn add_sheet(book: &mut Workbook, sheet: &Sheet) -> Result<(), XlsxError> {
    let header = Format::new().set_bold().set_background_color("#DDEBF7").set_border_bottom(rust_xlsxwriter::FormatBorder::Thin);
    let money = Format::new().set_num_format("#,##0.00");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let ws = book.add_worksheet();
    ws.set_name(sheet.table.zh())?;
    for (c, h) in sheet.headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &header)?;
        ws.set_column_width(c as u16, (h.chars().count() as f64 * 2.2 + 4.0).max(12.0))?;
    }
    ws.set_freeze_panes(1, 0)?;
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                ExportCell::Empty => {}
                ExportCell::Text(t) => {
                    ws.write_string(r, c, t)?;
                }
                // Yuan as a number: exact for every amount below 10^13 yuan (15 significant digits).
                ExportCell::Money(m) => {
                    ws.write_number_with_format(r, c, m.to_cell(Money::YUAN), &money)?;
                }
                ExportCell::Date(d) => {
                    let x = rust_xlsxwriter::ExcelDateTime::from_ymd(
                        chrono::Datelike::year(d) as u16,
                        chrono::Datelike::month(d) as u8,
                        chrono::Datelike::day(d) as u8,
                    )?;
                    ws.write_datetime_with_format(r, c, &x, &date)?;
                }
                ExportCell::Integer(i) => {
                    ws.write_number(r, c, *i as f64)?;
                }
            }
        }
    }
    Ok(())
}

/// Exports one table of the store to `path` (.xlsx, or .csv by extension), owner-only and
/// atomically. Resident ID numbers are masked unless `reveal_ids`. The people table is personal
/// data: its export is written with its audit entry (`export` / `people`, and whether full ID
/// numbers are in it).
pub fn export_table(store: &mut Store, actor: &Actor, table: Table, path: &Path, reveal_ids: bool) -> Result<usize, Error> {
    let sheet = transferdesk_core::template::export::sheet(store, table, reveal_ids)?;
    let is_csv = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let bytes = if is_csv { transferdesk_core::template::export::csv_bytes(&sheet) } else { xlsx_bytes(&sheet, path)? };
    if table == Table::People {
        let disclosure = Disclosure { what: "people", file: path, rows: sheet.rows.len(), full_id_numbers: reveal_ids };
        crate::save_disclosed(store, actor, &disclosure, &bytes)?;
    } else {
        crate::save(path, &bytes)?;
    }
    Ok(sheet.rows.len())
}

/// Writes the empty standard template of `table` (headers only, the same layout as an export, so
/// that a filled copy imports as it is) to `path` (.xlsx, or .csv by extension).
pub fn write_blank(table: Table, path: &Path) -> Result<(), Error> {
    let sheet = transferdesk_core::template::export::blank(table);
    let is_csv = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let bytes = if is_csv { transferdesk_core::template::export::csv_bytes(&sheet) } else { xlsx_bytes(&sheet, path)? };
    crate::save(path, &bytes)
}

/// The file name 下载模板 offers: `成果导入模板.xlsx`.
pub fn blank_name(table: Table) -> String {
    format!("{}导入模板.xlsx", table.zh())
}

/// The file name `export all` gives a table: `成果.xlsx` etc.
pub fn file_name(table: Table) -> String {
    format!("{}.xlsx", table.key())
}
