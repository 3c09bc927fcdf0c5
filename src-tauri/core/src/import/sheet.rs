//! Reads the first sheet of an .xlsx, or a UTF-8 .csv, into rows of cells, refusing what cannot
//! be imported faithfully: formulas, merged cells, error values, non-UTF-8 text. The import
//! wizard reads any sheet, and GBK CSV, through [`read_source`].

use crate::problem::{Problem, ProblemKind};
use crate::template::grid::{Cell, Grid, Row};
use calamine::{Data, Reader, Xlsx};
use std::path::Path;

/// The longest cell accepted; far above any real title, far below what could hurt.
pub const MAX_CELL_CHARS: usize = 2000;

/// Reads `path` by its extension: the first sheet of a workbook, a CSV in UTF-8.
pub fn read(path: &Path) -> Result<Grid, Vec<Problem>> {
    let (grid, problems) = load(path, None, false)?;
    if problems.is_empty() {
        Ok(grid)
    } else {
        Err(problems)
    }
}

/// Reads an office's own file for the import wizard: any sheet of a workbook (`None`: the
/// first), a CSV in UTF-8 or GBK (what older Excel saves). The cell problems (formulas, merged
/// and error cells) come back beside the grid, because only those in the columns the mapping
/// uses matter; a file that cannot be read at all is an error.
pub fn read_source(path: &Path, sheet: Option<&str>) -> Result<(Grid, Vec<Problem>), Vec<Problem>> {
    load(path, sheet, true)
}

/// The sheets of a workbook in their order; a CSV has one, named after the file.
pub fn sheet_names(path: &Path) -> Result<Vec<String>, Vec<Problem>> {
    let (name, bytes, ext) = bytes_of(path)?;
    match ext.as_str() {
        "xlsx" | "xlsm" => Ok(open_xlsx(bytes, &name)?.sheet_names()),
        _ => Ok(vec![name]),
    }
}

fn file_problem(name: &str, kind: ProblemKind) -> Vec<Problem> {
    vec![Problem { sheet: name.to_string(), row: 0, col: None, column: String::new(), value: String::new(), kind }]
}

/// The file's name, bytes and lower-case extension; refuses empty files and other formats.
fn bytes_of(path: &Path) -> Result<(String, Vec<u8>, String), Vec<Problem>> {
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let bytes = std::fs::read(path).map_err(|e| file_problem(&name, ProblemKind::Unreadable(e.to_string())))?;
    if bytes.is_empty() {
        return Err(file_problem(&name, ProblemKind::EmptyFile));
    }
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    if !matches!(ext.as_str(), "xlsx" | "xlsm" | "csv") {
        return Err(file_problem(&name, ProblemKind::UnsupportedFormat));
    }
    Ok((name, bytes, ext))
}

/// `wizard`: any sheet, GBK CSV, and a header row with at least two cells (an office's sheet
/// often starts with a title row, 2024年专利清单, above the headers).
fn load(path: &Path, sheet: Option<&str>, wizard: bool) -> Result<(Grid, Vec<Problem>), Vec<Problem>> {
    let (name, bytes, ext) = bytes_of(path)?;
    let min_header_cells = if wizard { 2 } else { 1 };
    match ext.as_str() {
        "csv" => read_csv(&bytes, &name, wizard, min_header_cells),
        _ => read_xlsx(bytes, &name, sheet, min_header_cells),
    }
}

fn open_xlsx(bytes: Vec<u8>, name: &str) -> Result<Xlsx<std::io::Cursor<Vec<u8>>>, Vec<Problem>> {
    unpanicked(name, || {
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
            .map_err(|e: calamine::XlsxError| file_problem(name, ProblemKind::Unreadable(e.to_string())))
    })
}

/// Runs calamine's `read`: it can panic on a malformed workbook (the fuzz test found a cell
/// reference whose row number overflows, `tests/fixtures/bad/overflowing_reference.xlsx`). The
/// file is then unreadable, and the caller gets a problem, not a crash.
fn unpanicked<T>(name: &str, read: impl FnOnce() -> Result<T, Vec<Problem>>) -> Result<T, Vec<Problem>> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read))
        .unwrap_or_else(|_| Err(file_problem(name, ProblemKind::Unreadable("the workbook's XML is malformed".into()))))
}

fn read_csv(bytes: &[u8], name: &str, gbk: bool, min_header_cells: usize) -> Result<(Grid, Vec<Problem>), Vec<Problem>> {
    let problem = |kind| file_problem(name, kind);
    let decoded;
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) if gbk => {
            // GB18030 is the superset of GBK that Windows Excel writes for "CSV" in Chinese.
            let (cow, _, bad) = encoding_rs::GB18030.decode(bytes);
            if bad {
                return Err(problem(ProblemKind::NotUtf8));
            }
            decoded = cow.into_owned();
            decoded.as_str()
        }
        Err(_) => return Err(problem(ProblemKind::NotUtf8)),
    };
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
    finish(name, raw, Vec::new(), min_header_cells)
}

fn read_xlsx(bytes: Vec<u8>, name: &str, wanted: Option<&str>, min_header_cells: usize) -> Result<(Grid, Vec<Problem>), Vec<Problem>> {
    unpanicked(name, || parse_xlsx(bytes, name, wanted, min_header_cells))
}

fn parse_xlsx(bytes: Vec<u8>, name: &str, wanted: Option<&str>, min_header_cells: usize) -> Result<(Grid, Vec<Problem>), Vec<Problem>> {
    let problem = |kind| file_problem(name, kind);
    let mut book = open_xlsx(bytes, name)?;
    let names = book.sheet_names();
    let sheet = match wanted {
        None => names.first().cloned().ok_or_else(|| problem(ProblemKind::NoHeader))?,
        Some(w) => names.iter().find(|n| *n == w).cloned().ok_or_else(|| problem(ProblemKind::NoSheet(w.to_string())))?,
    };
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
                crate::problem::column_letter(s.1 as usize),
                s.0 + 1,
                crate::problem::column_letter(e.1 as usize),
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
    finish(&sheet, raw, problems, min_header_cells)
}

/// Finds the header (the first row with at least `min_header_cells` non-blank cells; rows above
/// it are dropped), drops blank rows, flags oversized and error cells; the grid comes with the
/// cell problems found (the caller decides whether they are fatal).
fn finish(
    sheet: &str,
    raw: Vec<(usize, Vec<Cell>)>,
    mut problems: Vec<Problem>,
    min_header_cells: usize,
) -> Result<(Grid, Vec<Problem>), Vec<Problem>> {
    let filled = |cells: &Vec<Cell>| cells.iter().filter(|c| !c.is_blank()).count();
    let mut rows = raw.into_iter().filter(|(_, cells)| filled(cells) > 0).skip_while(|(_, cells)| filled(cells) < min_header_cells);
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
    Ok((Grid { sheet: sheet.to_string(), header_row, headers, rows: data }, problems))
}
