//! Import of the standard templates: read a file ([`sheet`], or an office's own workbook through
//! the wizard's [`mapping`]), check every cell and every reference with the templates' rules
//! ([`crate::template`]), then write all rows in one transaction — or nothing. Nothing outside
//! this folder depends on it: it depends on the records, not the reverse.

pub mod allocation;
pub mod limits;
pub mod mapping;
pub mod receipts;
pub mod sheet;

use crate::error::{Error, Result};
use crate::model::Table;
use crate::problem::{Problem, ProblemKind};
use crate::progress::{self, Progress, Steps};
use crate::store::audit::Journal;
use crate::store::{Actor, Store};
use crate::template::column;
use crate::template::grid::Grid;
use crate::template::row::{Located, Record, RowReader};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use ts_rs::TS;

/// What an import did (or, with `dry_run`, would do).
#[derive(Clone, Debug, Serialize, TS)]
pub struct ImportSummary {
    /// The table imported.
    pub table: Table,
    /// Data rows in the file.
    pub rows: u32,
    /// New records written.
    pub inserted: u32,
    /// Existing records changed (imports add records; duplicates are refused).
    pub updated: u32,
    /// True when nothing was written on purpose.
    pub dry_run: bool,
    /// Assumptions the import made, e.g. an assumed paid-through fee year.
    pub warnings: Vec<String>,
}

/// Imports `path` into `table`. On any problem returns [`Error::Invalid`] with all of them and
/// writes nothing; with `dry_run` checks everything and writes nothing either way.
pub fn import(store: &mut Store, actor: &Actor, table: Table, path: &Path, dry_run: bool) -> Result<ImportSummary> {
    import_with_steps(store, actor, table, path, dry_run, &mut progress::unobserved)
}

/// [`import`] as a long job: tells `steps` where it stands (`read`, `check` every
/// [`BATCH`] rows, `write`) and stops when a step answers an error (a cancel); the write is one
/// transaction, so a stop leaves nothing written.
pub fn import_with_steps(
    store: &mut Store,
    actor: &Actor,
    table: Table,
    path: &Path,
    dry_run: bool,
    steps: Steps<'_>,
) -> Result<ImportSummary> {
    steps(Progress::new(0, 0, "read"))?;
    let grid = sheet::read(path).map_err(Error::Invalid)?;
    let mut summary = import_grid(store, actor, table, &grid, dry_run, steps)?;
    if sheet::is_csv(path) {
        summary.warnings.extend(formula_warnings(table, &grid));
    }
    Ok(summary)
}

/// Formula warnings listed at most; more are counted in one last line.
const FORMULA_WARNINGS: usize = 100;

/// The CSV import's warnings about text cells that look like formulas (`=`, `+`, `-`, `@` first,
/// once trimmed as every text field is): imported as text, they are not refused, but a spreadsheet program that opens a
/// CSV holding them would run them (CSV injection). Amounts, dates and whole numbers are not
/// text: `-5` there is a bad amount, not a formula. The program's own CSV exports put a quote
/// in front of such cells (`template::export::neutralised`).
pub(crate) fn formula_warnings(table: Table, grid: &Grid) -> Vec<String> {
    let columns = column::columns(table);
    let text_columns: Vec<Option<&'static str>> =
        grid.headers.iter().map(|h| column::find(table, h).map(|c| &columns[c]).filter(|c| column::is_text(c)).map(|c| c.header)).collect();
    let mut out = Vec::new();
    let mut more = 0usize;
    for row in &grid.rows {
        for (cell, header) in row.cells.iter().zip(&text_columns) {
            let (crate::template::grid::Cell::Text(text), Some(header)) = (cell, header) else { continue };
            // What is stored: text fields are trimmed, so a tab in front is gone by then.
            let text = text.trim();
            if !crate::template::export::looks_like_formula(text) {
                continue;
            }
            if out.len() == FORMULA_WARNINGS {
                more += 1;
                continue;
            }
            let shown: String = text.chars().take(40).collect();
            let first = text.chars().next().unwrap_or_default();
            out.push(format!(
                "第 {} 行「{header}」：「{shown}」以“{first}”开头，电子表格程序打开 CSV 时会把它当作公式；已按文本导入（导出 CSV 时会在前面加单引号）",
                row.number
            ));
        }
    }
    if more > 0 {
        out.push(format!("另有 {more} 个单元格同样以公式字符开头"));
    }
    out
}

/// Rows checked or written between two progress steps.
pub const BATCH: usize = 1000;

/// Imports a grid already read (the standard file, or the wizard's converted one).
pub(crate) fn import_grid(
    store: &mut Store,
    actor: &Actor,
    table: Table,
    grid: &Grid,
    dry_run: bool,
    steps: Steps<'_>,
) -> Result<ImportSummary> {
    match table {
        Table::People => run::<crate::people::person::Person>(store, actor, grid, dry_run, steps),
        Table::Organizations => run::<crate::people::organization::Organization>(store, actor, grid, dry_run, steps),
        Table::Achievements => run::<crate::portfolio::achievement::Achievement>(store, actor, grid, dry_run, steps),
        Table::Contracts => run::<crate::deals::contract::Contract>(store, actor, grid, dry_run, steps),
        Table::Receipts => run::<crate::deals::receipt::Receipt>(store, actor, grid, dry_run, steps),
        Table::Costs => run::<crate::deals::cost::Cost>(store, actor, grid, dry_run, steps),
    }
}

fn run<R: Record>(store: &mut Store, actor: &Actor, grid: &Grid, dry_run: bool, steps: Steps<'_>) -> Result<ImportSummary> {
    let columns = column::columns(R::TABLE);
    let total = grid.rows.len() as u32;
    let mut problems = Vec::new();
    let map = map_headers(R::TABLE, grid, &mut problems);
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let mut records = Vec::with_capacity(grid.rows.len());
    for (i, row) in grid.rows.iter().enumerate() {
        if i % BATCH == 0 {
            steps(Progress::new(i as u32, total, "check"))?;
        }
        let mut reader = RowReader { grid, row, map: &map, columns, problems: &mut problems };
        if let Some(record) = R::parse(&mut reader) {
            records.push((row.number, record));
        }
        if problems.len() as u64 > limits::PROBLEMS {
            return Err(too_many(problems, &grid.sheet));
        }
    }
    store.bulk(|store| write(store, actor, grid, &map, records, problems, dry_run, steps))
}

/// Checks `records` against the database and writes them, in one transaction.
#[allow(clippy::too_many_arguments)]
fn write<R: Record>(
    store: &mut Store,
    actor: &Actor,
    grid: &Grid,
    map: &[Option<usize>],
    records: Vec<(usize, R)>,
    mut problems: Vec<Problem>,
    dry_run: bool,
    steps: Steps<'_>,
) -> Result<ImportSummary> {
    let columns = column::columns(R::TABLE);
    let total = grid.rows.len() as u32;
    // The write lock is taken before the database checks so that nobody changes what was checked.
    let tx = store.write()?;
    let mut seen: HashMap<(&'static str, String), usize> = HashMap::new();
    for (i, (number, record)) in records.iter().enumerate() {
        if i % BATCH == 0 {
            steps(Progress::new(i as u32, total, "check"))?;
        }
        let mut located = Located { grid, row: *number, map, columns, problems: &mut problems };
        for (key, value, exists_sql) in record.unique_keys() {
            if let Some(first) = seen.get(&(key, value.clone())) {
                located.push(key, &value, ProblemKind::DuplicateInFile(*first));
                continue;
            }
            seen.insert((key, value.clone()), *number);
            let exists: i64 = tx.prepare_cached(exists_sql)?.query_row([&value], |r| r.get(0))?;
            if exists > 0 {
                located.push(key, &value, ProblemKind::DuplicateInDatabase);
            }
        }
        record.check(&tx, &mut located)?;
        if problems.len() as u64 > limits::PROBLEMS {
            return Err(too_many(problems, &grid.sheet));
        }
    }
    if !problems.is_empty() {
        problems.sort_by_key(|p| (p.row, p.col));
        return Err(Error::Invalid(problems));
    }
    let mut warnings = Vec::new();
    let today = actor.at.date();
    let mut journal = Journal::start(&tx, actor)?;
    // A large import of searchable records indexes them once at the end, not row by row.
    let searched = match R::TABLE {
        Table::People => Some(crate::store::search::SearchKind::Person),
        Table::Organizations => Some(crate::store::search::SearchKind::Organization),
        Table::Achievements => Some(crate::store::search::SearchKind::Achievement),
        Table::Contracts => Some(crate::store::search::SearchKind::Contract),
        Table::Receipts | Table::Costs => None,
    };
    let bulk = match searched {
        Some(kind) if records.len() > crate::store::search::BULK_ROWS => {
            let after = crate::store::search::last_id(&tx, kind)?;
            crate::store::search::pause(&tx)?;
            Some((kind, after))
        }
        _ => None,
    };
    for (i, (_, record)) in records.iter().enumerate() {
        if i % BATCH == 0 {
            steps(Progress::new(i as u32, total, "write"))?;
        }
        if let Some(w) = record.insert(&tx, &mut journal, today)? {
            warnings.push(w);
        }
    }
    if let Some((kind, after)) = bulk {
        steps(Progress::new(total, total, "index"))?;
        crate::store::search::resume_after(&tx, kind, after)?;
    }
    // The last chance to cancel: after this step the transaction commits as a whole.
    steps(Progress::new(total, total, "write"))?;
    let rows = grid.rows.len() as u32;
    let inserted = records.len() as u32;
    if dry_run {
        tx.rollback()?;
    } else {
        tx.commit()?;
    }
    Ok(ImportSummary { table: R::TABLE, rows, inserted, updated: 0, dry_run, warnings })
}

/// The refusal of a file with more than [`limits::PROBLEMS`] problems: the first of them (in
/// row order) and the limit, so that a million bad rows cost bounded memory and output.
pub(crate) fn too_many(mut problems: Vec<Problem>, sheet: &str) -> Error {
    problems.sort_by_key(|p| (p.row, p.col));
    problems.truncate(limits::PROBLEMS as usize);
    problems.push(limits::over(sheet, 0, None, String::new(), crate::problem::Limit::Problems(limits::PROBLEMS)));
    Error::Invalid(problems)
}

fn map_headers(table: Table, grid: &Grid, problems: &mut Vec<Problem>) -> Vec<Option<usize>> {
    let columns = column::columns(table);
    let mut map = vec![None; columns.len()];
    let at = |col: Option<usize>, column: String, value: String, kind| Problem {
        sheet: grid.sheet.clone(),
        row: grid.header_row,
        col,
        column,
        value,
        kind,
    };
    for (i, header) in grid.headers.iter().enumerate() {
        if header.trim().is_empty() {
            // A column without a header is only a problem if it holds data.
            if grid.rows.iter().any(|r| r.cells.get(i).is_some_and(|c| !c.is_blank())) {
                problems.push(at(Some(i), String::new(), String::new(), ProblemKind::UnknownColumn));
            }
            continue;
        }
        match column::find(table, header) {
            None => problems.push(at(Some(i), header.clone(), header.clone(), ProblemKind::UnknownColumn)),
            Some(c) if map[c].is_some() => problems.push(at(Some(i), header.clone(), header.clone(), ProblemKind::DuplicateColumn)),
            Some(c) => map[c] = Some(i),
        }
    }
    for (c, column) in columns.iter().enumerate() {
        if column.required && map[c].is_none() {
            problems.push(at(None, column.header.to_string(), String::new(), ProblemKind::MissingColumn));
        }
    }
    map
}
