//! Reads the first sheet of an .xlsx, or a UTF-8 .csv, into rows of cells, refusing what cannot
//! be imported faithfully: formulas, merged cells, error values, non-UTF-8 text.

use super::problem::{Problem, ProblemKind};
use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use std::path::Path;

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

/// The longest cell accepted; far above any real title, far below what could hurt.
pub const MAX_CELL_CHARS: usize = 2000;

/// Reads `path` by its extension.
pub fn read(path: &Path) -> Result<Grid, Vec<Problem>> {
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let file_problem = |kind| vec![Problem { sheet: name.clone(), row: 0, col: None, column: String::new(), value: String::new(), kind }];
    let bytes = std::fs::read(path).map_err(|e| file_problem(ProblemKind::Unreadable(e.to_string())))?;
    if bytes.is_empty() {
        return Err(file_problem(ProblemKind::EmptyFile));
    }
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let grid = match ext.as_str() {
        "xlsx" | "xlsm" => read_xlsx(bytes, &name)?,
        "csv" => read_csv(&bytes, &name)?,
        _ => return Err(file_problem(ProblemKind::UnsupportedFormat)),
    };
    Ok(grid)
}

fn read_csv(bytes: &[u8], name: &str) -> Result<Grid, Vec<Problem>> {
    let problem = |kind| vec![Problem { sheet: name.to_string(), row: 0, col: None, column: String::new(), value: String::new(), kind }];
    let text = std::str::from_utf8(bytes).map_err(|_| problem(ProblemKind::NotUtf8))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut raw: Vec<(usize, Vec<Cell>)> = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| problem(ProblemKind::Unreadable(e.to_string())))?;
        // A spreadsheet shows one record per row even when a quoted cell spans lines.
        let line = i + 1;
        let cells = record.iter().map(|c| if c.trim().is_empty() { Cell::Empty } else { Cell::Text(c.to_string()) }).collect();
        raw.push((line, cells));
    }
    finish(name, raw, Vec::new())
}

fn read_xlsx(bytes: Vec<u8>, name: &str) -> Result<Grid, Vec<Problem>> {
    let problem = |kind| vec![Problem { sheet: name.to_string(), row: 0, col: None, column: String::new(), value: String::new(), kind }];
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| problem(ProblemKind::Unreadable(e.to_string())))?;
    let sheet = book.sheet_names().first().cloned().ok_or_else(|| problem(ProblemKind::NoHeader))?;
    let range = book.worksheet_range(&sheet).map_err(|e| problem(ProblemKind::Unreadable(e.to_string())))?;
    let mut problems = Vec::new();
    if let Ok(formulas) = book.worksheet_formula(&sheet) {
        let (r0, c0) = formulas.start().unwrap_or((0, 0));
        for (r, c, f) in formulas.used_cells() {
            if !f.is_empty() {
                let (row, col) = (r0 as usize + r + 1, c0 as usize + c);
                problems.push(Problem {
                    sheet: sheet.clone(),
                    row,
                    col: Some(col),
                    column: String::new(),
                    value: format!("={f}"),
                    kind: ProblemKind::Formula,
                });
            }
        }
    }
    if let Ok(merged) = book.merge_cells_by_sheet_name(&sheet) {
        for m in merged {
            let (s, e) = (m.start, m.end);
            let label = format!(
                "{}{}:{}{}",
                super::problem::column_letter(s.1 as usize),
                s.0 + 1,
                super::problem::column_letter(e.1 as usize),
                e.0 + 1
            );
            problems.push(Problem {
                sheet: sheet.clone(),
                row: s.0 as usize + 1,
                col: Some(s.1 as usize),
                column: String::new(),
                value: String::new(),
                kind: ProblemKind::Merged(label),
            });
        }
    }
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let mut raw = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let mut cells = vec![Cell::Empty; c0 as usize];
        for data in row {
            cells.push(match data {
                Data::Empty => Cell::Empty,
                Data::String(s) => Cell::Text(s.clone()),
                Data::Float(f) => Cell::Number(*f),
                Data::Int(i) => Cell::Number(*i as f64),
                Data::DateTime(dt) => match dt.as_datetime() {
                    Some(d) => Cell::Date(d.date()),
                    None => Cell::Other(dt.to_string()),
                },
                Data::DateTimeIso(s) => match crate::date::parse_date(s.get(..10).unwrap_or(s)) {
                    Ok(d) => Cell::Date(d),
                    Err(_) => Cell::Other(s.clone()),
                },
                Data::Bool(b) => Cell::Other(b.to_string().to_uppercase()),
                Data::Error(e) => Cell::Other(format!("#{e:?}")),
                Data::DurationIso(s) => Cell::Other(s.clone()),
            });
        }
        raw.push((r0 as usize + i + 1, cells));
    }
    finish(&sheet, raw, problems)
}

/// Finds the header (first non-blank row), drops blank rows, flags oversized and error cells.
fn finish(sheet: &str, raw: Vec<(usize, Vec<Cell>)>, mut problems: Vec<Problem>) -> Result<Grid, Vec<Problem>> {
    let mut rows = raw.into_iter().filter(|(_, cells)| !cells.iter().all(Cell::is_blank));
    let Some((header_row, header_cells)) = rows.next() else {
        problems.push(Problem {
            sheet: sheet.to_string(),
            row: 0,
            col: None,
            column: String::new(),
            value: String::new(),
            kind: ProblemKind::NoHeader,
        });
        return Err(problems);
    };
    let headers: Vec<String> = header_cells.iter().map(Cell::text).collect();
    let mut data = Vec::new();
    for (number, cells) in rows {
        for (col, cell) in cells.iter().enumerate() {
            let header = headers.get(col).cloned().unwrap_or_default();
            match cell {
                Cell::Text(t) if t.chars().count() > MAX_CELL_CHARS => problems.push(Problem {
                    sheet: sheet.to_string(),
                    row: number,
                    col: Some(col),
                    column: header,
                    value: t.chars().take(40).collect::<String>() + "…",
                    kind: ProblemKind::TooLong(MAX_CELL_CHARS),
                }),
                Cell::Other(v) if v.starts_with('#') => problems.push(Problem {
                    sheet: sheet.to_string(),
                    row: number,
                    col: Some(col),
                    column: header,
                    value: v.clone(),
                    kind: ProblemKind::CellError,
                }),
                _ => {}
            }
        }
        data.push(Row { number, cells });
    }
    // Formula and merge problems were found before the headers were known: name their columns now.
    for p in problems.iter_mut() {
        if p.column.is_empty() {
            if let Some(col) = p.col {
                p.column = headers.get(col).cloned().unwrap_or_default();
            }
        }
    }
    if problems.is_empty() {
        Ok(Grid { sheet: sheet.to_string(), header_row, headers, rows: data })
    } else {
        Err(problems)
    }
}
