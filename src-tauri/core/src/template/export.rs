//! Export of a table in its import template's layout, so that export → import → export is the
//! identity. The cells are typed; the report crate writes them to .xlsx, this module to .csv.

use crate::error::Result;
use crate::model::Table;
use crate::money::Money;
use crate::store::Store;
use crate::template::column;
use chrono::NaiveDate;
use std::path::Path;

/// A cell of an exported sheet.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportCell {
    /// Nothing.
    Empty,
    /// Text.
    Text(String),
    /// An amount in yuan (a number cell formatted `#,##0.00`).
    Money(Money),
    /// A date cell.
    Date(NaiveDate),
    /// A whole number.
    Integer(i64),
}

/// The first characters that make a spreadsheet program read a CSV cell as a formula (or, for
/// tab and CR, that some of them strip before reading one): `=`, `+`, `-`, `@`, tab, CR.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a text cell would be read as a formula when a spreadsheet program opens a CSV.
pub fn looks_like_formula(text: &str) -> bool {
    text.starts_with(FORMULA_STARTS)
}

/// A text as a CSV cell: one that looks like a formula gets a single quote in front, so that
/// spreadsheet programs show it as text (OWASP's advice against CSV injection); the CSV import
/// takes that quote off again (`import::sheet`), so that export → import → export is the
/// identity. Only text cells: amounts, dates and whole numbers are written as numbers.
pub fn neutralised(text: &str) -> std::borrow::Cow<'_, str> {
    if looks_like_formula(text) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

impl ExportCell {
    /// The text a CSV holds for this cell.
    pub fn csv_text(&self) -> String {
        match self {
            ExportCell::Empty => String::new(),
            ExportCell::Text(t) => neutralised(t).into_owned(),
            ExportCell::Money(m) => m.plain(),
            ExportCell::Date(d) => crate::date::iso(*d),
            ExportCell::Integer(i) => i.to_string(),
        }
    }
}

fn text(s: &str) -> ExportCell {
    ExportCell::Text(s.to_string())
}

fn opt(s: &Option<String>) -> ExportCell {
    s.as_deref().map(text).unwrap_or(ExportCell::Empty)
}

fn date(d: &Option<NaiveDate>) -> ExportCell {
    d.map(ExportCell::Date).unwrap_or(ExportCell::Empty)
}

/// A table ready to write: the template's headers and one row of cells per record.
#[derive(Clone, Debug)]
pub struct Sheet {
    /// The table.
    pub table: Table,
    /// Canonical Chinese headers.
    pub headers: Vec<&'static str>,
    /// Cells, in the template's column order.
    pub rows: Vec<Vec<ExportCell>>,
}

/// Reads a whole table into its template layout. Resident ID numbers are masked unless
/// `reveal_ids` is set: an export is a file that travels.
pub fn sheet(store: &Store, table: Table, reveal_ids: bool) -> Result<Sheet> {
    let conn = store.conn();
    let rows: Vec<Vec<ExportCell>> = match table {
        Table::People => crate::people::person::load_all(conn)?
            .into_iter()
            .map(|p| {
                let id = p.id_number.map(|n| if reveal_ids { n } else { crate::ident::mask(&n) });
                let periods = (!p.outside_work.is_empty()).then(|| crate::people::outside_work::format_periods(&p.outside_work));
                vec![
                    text(&p.employee_id),
                    text(&p.name),
                    text(&p.department),
                    text(p.category.zh()),
                    text(p.leader_level.zh()),
                    opt(&id),
                    opt(&periods),
                ]
            })
            .collect(),
        Table::Organizations => crate::people::organization::load_all(conn)?
            .into_iter()
            .map(|o| {
                vec![
                    text(&o.name),
                    opt(&o.credit_code),
                    text(o.ownership.zh()),
                    o.size.map(|s| text(s.zh())).unwrap_or(ExportCell::Empty),
                    text(&o.region),
                    o.industry
                        .as_deref()
                        .map(|l| text(&format!("{l} {}", crate::model::industry_name(l).unwrap_or_default())))
                        .unwrap_or(ExportCell::Empty),
                ]
            })
            .collect(),
        Table::Achievements => crate::portfolio::achievement::load_all(conn)?
            .into_iter()
            .map(|a| {
                vec![
                    text(&a.achievement_no),
                    text(&a.title),
                    text(a.kind.zh()),
                    opt(&a.application_no),
                    date(&a.filed_on),
                    opt(&a.grant_no),
                    date(&a.granted_on),
                    text(a.status.zh()),
                    text(&a.department),
                    opt(&a.fiscal_project),
                    a.fees_paid_through.map(ExportCell::Integer).unwrap_or(ExportCell::Empty),
                    text(&crate::portfolio::achievement::format_inventors(&a.inventors)),
                    if a.co_owners.is_empty() {
                        ExportCell::Empty
                    } else {
                        text(&crate::portfolio::achievement::format_co_owners(&a.co_owners))
                    },
                ]
            })
            .collect(),
        Table::Contracts => crate::deals::contract::load_all(conn)?
            .into_iter()
            .map(|c| {
                vec![
                    text(&c.contract_no),
                    text(&c.title),
                    text(c.kind.zh()),
                    c.license_kind.map(|k| text(k.zh())).unwrap_or(ExportCell::Empty),
                    text(&c.counterparty),
                    ExportCell::Money(c.amount),
                    ExportCell::Date(c.signed_on),
                    if c.achievements.is_empty() {
                        ExportCell::Empty
                    } else {
                        text(&crate::deals::contract::format_weights(&c.achievements))
                    },
                    opt(&c.registration_no),
                    c.equity_units.map(ExportCell::Money).unwrap_or(ExportCell::Empty),
                ]
            })
            .collect(),
        Table::Receipts => crate::deals::receipt::load_all(conn)?
            .into_iter()
            .map(|r| vec![text(&r.contract_no), ExportCell::Date(r.received_on), ExportCell::Money(r.amount), opt(&r.voucher_no)])
            .collect(),
        Table::Costs => crate::deals::cost::load_all(conn)?
            .into_iter()
            .map(|c| {
                vec![
                    text(&c.contract_no),
                    ExportCell::Date(c.incurred_on),
                    text(c.category.zh()),
                    ExportCell::Money(c.amount),
                    opt(&c.note),
                ]
            })
            .collect(),
    };
    Ok(Sheet { table, headers: column::columns(table).iter().map(|c| c.header).collect(), rows })
}

/// The standard template of `table` with no rows (下载模板): the canonical Chinese headers in the
/// template's order, which the import reads as they are.
pub fn blank(table: Table) -> Sheet {
    Sheet { table, headers: column::columns(table).iter().map(|c| c.header).collect(), rows: Vec::new() }
}

/// A sheet as UTF-8 CSV with a BOM (so that Excel opens the Chinese correctly), every text
/// cell [`neutralised`].
pub fn csv_bytes(sheet: &Sheet) -> Vec<u8> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut w = csv::Writer::from_writer(&mut out);
        // Writing into memory cannot fail.
        let _ = w.write_record(&sheet.headers);
        for row in &sheet.rows {
            let _ = w.write_record(row.iter().map(ExportCell::csv_text));
        }
        let _ = w.flush();
    }
    out
}

/// Writes [`csv_bytes`] to `path`, owner-only and atomically (`store::file::write_private`).
pub fn write_csv(sheet: &Sheet, path: &Path) -> Result<()> {
    crate::store::file::write_private(path, &csv_bytes(sheet))
}
