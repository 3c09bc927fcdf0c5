//! Reads the first sheet of an .xlsx, or a UTF-8 .csv, into rows of cells, refusing what cannot
//! be imported faithfully: formulas, merged cells, error values, non-UTF-8 text. The import
//! wizard reads any sheet, and GBK CSV, through [`read_source`]. Every path keeps within the
//! limits of [`limits`]: a sheet streams cell by cell, and a file past a limit is refused with
//! the limit named, in bounded memory.

use super::limits::{self, Budget};
use crate::problem::{Limit, Problem, ProblemKind};
use crate::template::grid::{Cell, Grid, Row};
use calamine::{DataRef, Reader, Xlsx, XlsxFormulaMetadata};
use std::collections::HashMap;
use std::io::{Seek, SeekFrom};
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
    let (name, ext) = kind_of(path)?;
    match ext.as_str() {
        "xlsx" | "xlsm" => Ok(open_xlsx(path, &name)?.sheet_names()),
        _ => Ok(vec![name]),
    }
}

fn file_problem(name: &str, kind: ProblemKind) -> Vec<Problem> {
    vec![Problem { sheet: name.to_string(), row: 0, col: None, column: String::new(), value: String::new(), kind }]
}

/// The file's name and lower-case extension; refuses other formats.
fn kind_of(path: &Path) -> Result<(String, String), Vec<Problem>> {
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    if !matches!(ext.as_str(), "xlsx" | "xlsm" | "csv") {
        // An empty file says so first, whatever its name.
        if std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0) {
            return Err(file_problem(&name, ProblemKind::EmptyFile));
        }
        return Err(file_problem(&name, ProblemKind::UnsupportedFormat));
    }
    Ok((name, ext))
}

/// `wizard`: any sheet, GBK CSV, and a header row with at least two cells (an office's sheet
/// often starts with a title row, 2024年专利清单, above the headers).
fn load(path: &Path, sheet: Option<&str>, wizard: bool) -> Result<(Grid, Vec<Problem>), Vec<Problem>> {
    let (name, ext) = kind_of(path)?;
    let min_header_cells = if wizard { 2 } else { 1 };
    match ext.as_str() {
        "csv" => {
            let bytes = limits::read_file(path, &name)?;
            if bytes.is_empty() {
                return Err(file_problem(&name, ProblemKind::EmptyFile));
            }
            read_csv(&bytes, &name, wizard, min_header_cells)
        }
        _ => unpanicked(&name, || parse_xlsx(path, &name, sheet, min_header_cells)),
    }
}

type Book = Xlsx<std::io::BufReader<std::fs::File>>;

/// Opens a workbook after checking the file and every part in it against the limits
/// ([`limits::check_package`]): calamine reads the shared strings, styles and workbook parts
/// whole as it opens.
fn open_xlsx(path: &Path, name: &str) -> Result<Book, Vec<Problem>> {
    let mut file = limits::open_file(path, name)?;
    if file.metadata().map(|m| m.len()).unwrap_or(0) == 0 {
        return Err(file_problem(name, ProblemKind::EmptyFile));
    }
    unpanicked(name, || limits::check_package(&mut std::io::BufReader::new(&mut file), name))?;
    file.seek(SeekFrom::Start(0)).map_err(|e| file_problem(name, ProblemKind::Unreadable(e.to_string())))?;
    unpanicked(name, || {
        calamine::open_workbook_from_rs(std::io::BufReader::new(file))
            .map_err(|e: calamine::XlsxError| file_problem(name, ProblemKind::Unreadable(e.to_string())))
    })
}

/// Runs calamine's `read`: it can panic on a malformed workbook (the fuzz test found a cell
/// reference whose row number overflows, `tests/fixtures/bad/overflowing_reference.xlsx`). The
/// file is then unreadable, and the caller gets a problem, not a crash. (An allocation failure
/// is no panic: the limits keep calamine from attempting one.)
fn unpanicked<T>(name: &str, read: impl FnOnce() -> Result<T, Vec<Problem>>) -> Result<T, Vec<Problem>> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read))
        .unwrap_or_else(|_| Err(file_problem(name, ProblemKind::Unreadable("the workbook's XML is malformed".into()))))
}

/// The rows of a sheet as its cells stream in, each row as long as its last value, every
/// growth counted against the limits. Cells normally come row after row; a row met again later
/// (a hand-written file may order them anyhow) is a new piece, merged at the end.
struct Rows<'a> {
    sheet: &'a str,
    budget: Budget,
    pieces: Vec<(usize, Vec<Cell>)>,
    ordered: bool,
}

impl<'a> Rows<'a> {
    fn new(sheet: &'a str) -> Rows<'a> {
        Rows { sheet, budget: Budget::default(), pieces: Vec::new(), ordered: true }
    }

    /// Puts a non-empty `cell` at 1-based `row`, 0-based `col`.
    fn put(&mut self, row: u64, col: u64, cell: Cell) -> Result<(), Vec<Problem>> {
        self.budget.place(self.sheet, row, col)?;
        let (row, col) = (row as usize, col as usize);
        if let Cell::Text(t) | Cell::Other(t) = &cell {
            if t.chars().count() as u64 > limits::CELL_CHARS {
                let at = format!("{}{row}", crate::problem::column_letter(col));
                return Err(vec![limits::over(self.sheet, row, Some(col), at, Limit::CellChars(limits::CELL_CHARS))]);
            }
            self.budget.text(self.sheet, row, t.len())?;
        }
        match self.pieces.last() {
            Some((last, _)) if *last == row => {}
            last => {
                if last.is_some_and(|(r, _)| *r > row) {
                    self.ordered = false;
                }
                self.pieces.push((row, Vec::new()));
            }
        }
        let Some((_, cells)) = self.pieces.last_mut() else { return Ok(()) };
        if col >= cells.len() {
            self.budget.cells(self.sheet, row, (col + 1 - cells.len()) as u64)?;
            cells.resize(col + 1, Cell::Empty);
        }
        cells[col] = cell;
        Ok(())
    }

    /// The rows in order, the header row (the first with `min_header_cells` values) padded to
    /// the widest row: data in a column without a header is a problem the import must see (as
    /// the dense range this replaces showed it).
    fn finish(self, min_header_cells: usize) -> Vec<(usize, Vec<Cell>)> {
        let mut raw = self.pieces;
        if !self.ordered {
            // Stable: of two values for one cell, the later in the file wins.
            raw.sort_by_key(|(row, _)| *row);
        }
        let mut merged: Vec<(usize, Vec<Cell>)> = Vec::with_capacity(raw.len());
        for (row, cells) in raw {
            match merged.last_mut() {
                Some((last, into)) if *last == row => {
                    if into.len() < cells.len() {
                        into.resize(cells.len(), Cell::Empty);
                    }
                    for (i, c) in cells.into_iter().enumerate() {
                        if c != Cell::Empty {
                            into[i] = c;
                        }
                    }
                }
                _ => merged.push((row, cells)),
            }
        }
        let width = merged.iter().map(|(_, cells)| cells.len()).max().unwrap_or(0);
        let filled = |cells: &Vec<Cell>| cells.iter().filter(|c| !c.is_blank()).count();
        if let Some((_, header)) = merged.iter_mut().find(|(_, cells)| filled(cells) >= min_header_cells) {
            header.resize(width, Cell::Empty);
        }
        merged
    }
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
    let input = text.strip_prefix('\u{feff}').unwrap_or(text).as_bytes();
    // Field by field (csv-core): a line of a million commas costs nothing, where a record
    // would keep a bound per field.
    let mut reader = csv_core::ReaderBuilder::new().build();
    let mut rows = Rows::new(name);
    let mut field = vec![0u8; 4096];
    let (mut pos, mut len, mut record, mut col) = (0usize, 0usize, 1u64, 0u64);
    // The longest field kept: the cell limit in UTF-8's widest characters.
    let max_field = limits::CELL_CHARS as usize * 4;
    loop {
        let (result, read, written) = reader.read_field(&input[pos..], &mut field[len..]);
        pos += read;
        len += written;
        match result {
            csv_core::ReadFieldResult::InputEmpty if pos < input.len() => {}
            csv_core::ReadFieldResult::InputEmpty => {
                // The end of the input: one more call with nothing tells the reader.
                let (result, _, written) = reader.read_field(&[], &mut field[len..]);
                len += written;
                if let csv_core::ReadFieldResult::Field { .. } = result {
                    cell(&mut rows, record, col, &field[..len])?;
                }
                break;
            }
            csv_core::ReadFieldResult::OutputFull => {
                if field.len() >= max_field {
                    let at = format!("{}{record}", crate::problem::column_letter(col.min(1 << 20) as usize));
                    return Err(vec![limits::over(name, record as usize, Some(col as usize), at, Limit::CellChars(limits::CELL_CHARS))]);
                }
                field.resize((field.len() * 2).min(max_field), 0);
            }
            csv_core::ReadFieldResult::Field { record_end } => {
                cell(&mut rows, record, col, &field[..len])?;
                len = 0;
                if record_end {
                    // A spreadsheet shows one record per row even when a quoted cell spans lines.
                    record += 1;
                    col = 0;
                } else {
                    col += 1;
                }
            }
            csv_core::ReadFieldResult::End => break,
        }
    }
    finish(name, rows.finish(min_header_cells), Vec::new(), min_header_cells)
}

/// One CSV field: blank ones take no room. A quote in front of what looks like a formula is
/// the one the program's own CSV export adds (`template::export::neutralised`): it comes off.
fn cell(rows: &mut Rows<'_>, record: u64, col: u64, bytes: &[u8]) -> Result<(), Vec<Problem>> {
    let text = std::str::from_utf8(bytes).map_err(|_| file_problem(rows.sheet, ProblemKind::NotUtf8))?;
    if text.trim().is_empty() {
        // Still a row of the file, for the numbering and the limits.
        return rows.budget.place(rows.sheet, record, 0);
    }
    let text = match text.strip_prefix('\'') {
        Some(rest) if crate::template::export::looks_like_formula(rest) => rest,
        _ => text,
    };
    rows.put(record, col, Cell::Text(text.to_string()))
}

/// Whether `path` is read as CSV.
pub fn is_csv(path: &Path) -> bool {
    kind_of(path).is_ok_and(|(_, ext)| ext == "csv")
}

fn parse_xlsx(path: &Path, name: &str, wanted: Option<&str>, min_header_cells: usize) -> Result<(Grid, Vec<Problem>), Vec<Problem>> {
    let problem = |kind| file_problem(name, kind);
    let mut book = open_xlsx(path, name)?;
    let names = book.sheet_names();
    let sheet = match wanted {
        None => names.first().cloned().ok_or_else(|| problem(ProblemKind::NoHeader))?,
        Some(w) => names.iter().find(|n| *n == w).cloned().ok_or_else(|| problem(ProblemKind::NoSheet(w.to_string())))?,
    };
    let mut problems = Vec::new();
    let mut rows = Rows::new(&sheet);
    {
        // One pass over the sheet, cell by cell (never a dense range: its size is what a
        // crafted reference like XFD1048576 inflates), values and formulas together.
        let mut cells = book.worksheet_cells_reader(&sheet).map_err(|e| problem(ProblemKind::Unreadable(e.to_string())))?;
        // Shared formulas by index, kept only as they are met (an index is any number).
        let mut shared: HashMap<usize, (String, (u32, u32))> = HashMap::new();
        while let Some(record) = cells.next_cell_with_formula_metadata().map_err(|e| problem(ProblemKind::Unreadable(e.to_string())))? {
            let (r, c) = record.pos;
            let (row, col) = (r as u64 + 1, c as u64);
            if let Some(formula) = record.formula {
                let text = match formula {
                    XlsxFormulaMetadata::Normal { formula } => formula,
                    XlsxFormulaMetadata::Shared { shared_index, range, formula } => {
                        let origin = range.map(|d| d.start).unwrap_or(record.pos);
                        shared.insert(shared_index, (formula.clone(), origin));
                        formula
                    }
                    XlsxFormulaMetadata::SharedDerived { shared_index } => shared
                        .get(&shared_index)
                        .and_then(|(f, origin)| calamine::expand_shared_formula(f, *origin, record.pos).ok())
                        .unwrap_or_default(),
                    _ => String::new(),
                };
                if !text.is_empty() {
                    rows.budget.place(&sheet, row, col)?;
                    rows.budget.problem(&sheet)?;
                    problems.push(Problem {
                        sheet: sheet.clone(),
                        row: row as usize,
                        col: Some(col as usize),
                        column: String::new(),
                        value: format!("={}", shortened(&text)),
                        kind: ProblemKind::Formula,
                    });
                }
            }
            let value = match record.value {
                DataRef::Empty => continue,
                DataRef::String(s) => Cell::Text(s),
                DataRef::SharedString(s) => {
                    // The cell limit before the copy: one huge shared string may be used often.
                    if s.chars().count() as u64 > limits::CELL_CHARS {
                        let at = format!("{}{row}", crate::problem::column_letter(col.min(1 << 20) as usize));
                        rows.budget.place(&sheet, row, col)?;
                        return Err(vec![limits::over(&sheet, row as usize, Some(col as usize), at, Limit::CellChars(limits::CELL_CHARS))]);
                    }
                    Cell::Text(s.to_string())
                }
                DataRef::Float(f) => Cell::Number(f),
                DataRef::Int(i) => Cell::Number(i as f64),
                DataRef::DateTime(dt) => match dt.as_datetime() {
                    Some(d) => Cell::Date(d.date()),
                    None => Cell::Other(dt.to_string()),
                },
                DataRef::DateTimeIso(s) => match crate::date::parse_date(s.get(..10).unwrap_or(&s)) {
                    Ok(d) => Cell::Date(d),
                    Err(_) => Cell::Other(s),
                },
                DataRef::Bool(b) => Cell::Other(b.to_string().to_uppercase()),
                DataRef::Error(e) => Cell::Other(format!("#{e:?}")),
                DataRef::DurationIso(s) => Cell::Other(s),
            };
            rows.put(row, col, value)?;
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
            rows.budget.problem(&sheet)?;
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
    finish(&sheet, rows.finish(min_header_cells), problems, min_header_cells)
}

/// A formula as a problem shows it: at most 200 characters.
fn shortened(text: &str) -> String {
    match text.char_indices().nth(200) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
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
