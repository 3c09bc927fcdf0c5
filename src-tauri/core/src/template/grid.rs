//! A grid of cells under a header row: what a template's file or form is read into, whatever it
//! came from (an .xlsx or .csv sheet, the wizard's converted workbook, one form).

use chrono::NaiveDate;

/// One cell's value.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text (CSV cells are always text).
    Text(String),
    /// A number typed in a spreadsheet.
    Number(f64),
    /// A real date cell.
    Date(NaiveDate),
    /// TRUE/FALSE, an error value or anything else that is not data.
    Other(String),
}

impl Cell {
    /// The cell as text for error messages and text fields.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) => format!("{n}"),
            Cell::Date(d) => crate::date::iso(*d),
            Cell::Other(o) => o.clone(),
        }
    }

    /// Empty or only white space.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// A data row with its spreadsheet row number.
#[derive(Clone, Debug)]
pub struct Row {
    /// 1-based, as the spreadsheet shows it.
    pub number: usize,
    /// Cells by column index.
    pub cells: Vec<Cell>,
}

/// A sheet: its name, header row and data rows (blank rows dropped).
#[derive(Clone, Debug)]
pub struct Grid {
    /// Sheet name, or the file name for CSV.
    pub sheet: String,
    /// The header row's number.
    pub header_row: usize,
    /// Header texts by column.
    pub headers: Vec<String>,
    /// Non-blank data rows.
    pub rows: Vec<Row>,
}
