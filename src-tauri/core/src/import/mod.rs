//! Import of the standard templates: read, check every cell and every reference, then write all
//! rows in one transaction — or nothing.

pub mod mapping;
pub mod sheet;

use crate::error::{Error, Result};
use crate::model::Table;
use crate::money::Money;
use crate::problem::{Problem, ProblemKind};
use crate::progress::{self, Progress, Steps};
use crate::store::audit::Journal;
use crate::store::{Actor, Store};
use crate::template::column::{self, Column};
use chrono::NaiveDate;
use serde::Serialize;
use sheet::{Cell, Grid, Row};
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

/// A record type of a template.
pub(crate) trait Record: Sized + Serialize {
    const TABLE: Table;
    /// Reads one row; `None` when the row has problems (they are recorded in the reader).
    fn parse(r: &mut RowReader<'_>) -> Option<Self>;
    /// Unique keys that must not repeat within the file or exist in the database: (column key,
    /// value, SQL that counts existing records with that value).
    fn unique_keys(&self) -> Vec<(&'static str, String, &'static str)>;
    /// Checks references and cross-field rules against the database.
    fn check(&self, conn: &rusqlite::Connection, r: &mut Located<'_>) -> Result<()>;
    /// Writes the record and its audit entry; returns a warning to show, if any.
    fn insert(&self, conn: &rusqlite::Connection, journal: &mut Journal<'_>, today: NaiveDate) -> Result<Option<String>>;
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
    import_grid(store, actor, table, &grid, dry_run, steps)
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

/// Records problems at a row, naming columns by their template key.
pub(crate) struct Located<'a> {
    grid: &'a Grid,
    row: usize,
    map: &'a [Option<usize>],
    columns: &'static [Column],
    problems: &'a mut Vec<Problem>,
}

impl Located<'_> {
    /// Records a problem in the column named by its template key.
    pub fn push(&mut self, key: &str, value: &str, kind: ProblemKind) {
        let c = self.columns.iter().position(|c| c.key == key);
        let col = c.and_then(|c| self.map[c]);
        let column = match col {
            Some(i) => self.grid.headers[i].clone(),
            None => c.map(|c| self.columns[c].header.to_string()).unwrap_or_default(),
        };
        self.problems.push(Problem { sheet: self.grid.sheet.clone(), row: self.row, col, column, value: value.to_string(), kind });
    }
}

/// Typed access to one row's cells by template key, recording each problem where it is.
pub(crate) struct RowReader<'a> {
    grid: &'a Grid,
    row: &'a Row,
    map: &'a [Option<usize>],
    columns: &'static [Column],
    problems: &'a mut Vec<Problem>,
}

impl RowReader<'_> {
    fn index(&self, key: &str) -> usize {
        self.columns.iter().position(|c| c.key == key).unwrap_or_else(|| unreachable!("template has no column {key}"))
    }

    fn cell(&self, key: &str) -> &Cell {
        static EMPTY: Cell = Cell::Empty;
        self.map[self.index(key)].and_then(|i| self.row.cells.get(i)).unwrap_or(&EMPTY)
    }

    /// Records a problem at this row in the column named by its template key.
    pub fn problem(&mut self, key: &str, value: &str, kind: ProblemKind) {
        let mut located = Located { grid: self.grid, row: self.row.number, map: self.map, columns: self.columns, problems: self.problems };
        located.push(key, value, kind);
    }

    /// The number of problems recorded so far (to tell whether this row added any).
    pub fn problem_count(&self) -> usize {
        self.problems.len()
    }

    /// Trimmed text; `None` when empty (a problem if the column is required).
    pub fn text(&mut self, key: &str) -> Option<String> {
        let column = self.columns[self.index(key)];
        let cell = self.cell(key).clone();
        let text = match &cell {
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            other => other.text(),
        };
        if text.is_empty() {
            if column.required {
                self.problem(key, "", ProblemKind::Required);
            }
            return None;
        }
        if text.chars().count() > column.max_chars {
            self.problem(key, &text, ProblemKind::TooLong(column.max_chars));
            return None;
        }
        Some(text)
    }

    /// Text that must be present for this record even if the column is optional.
    pub fn required_for(&mut self, key: &str, what: &str) -> Option<String> {
        let text = self.text(key);
        if text.is_none() && !self.columns[self.index(key)].required {
            self.problem(key, "", ProblemKind::RequiredFor(what.to_string()));
        }
        text
    }

    /// Flags a value that must be empty for this record.
    pub fn must_be_empty(&mut self, key: &str, what: &str) {
        if let Some(t) = self.text(key) {
            self.problem(key, &t, ProblemKind::NotAllowedFor(what.to_string()));
        }
    }

    /// A yuan amount.
    pub fn money(&mut self, key: &str) -> Option<Money> {
        let cell = self.cell(key).clone();
        let parsed = match &cell {
            Cell::Number(n) => Money::from_cell_number(*n),
            Cell::Date(_) | Cell::Other(_) => Err(crate::money::AmountError::NotANumber),
            _ => {
                let text = self.text(key)?;
                Money::parse_yuan(&text)
            }
        };
        match parsed {
            Ok(m) => Some(m),
            Err(e) => {
                self.problem(key, &cell.text(), ProblemKind::Amount(e));
                None
            }
        }
    }

    /// A date, from a date cell or text.
    pub fn date(&mut self, key: &str) -> Option<NaiveDate> {
        let cell = self.cell(key).clone();
        let parsed = match &cell {
            Cell::Date(d) => crate::date::check_range(*d),
            Cell::Number(_) | Cell::Other(_) => Err(crate::date::DateError::Format),
            _ => {
                let text = self.text(key)?;
                crate::date::parse_date(&text)
            }
        };
        match parsed {
            Ok(d) => Some(d),
            Err(e) => {
                self.problem(key, &cell.text(), ProblemKind::Date(e));
                None
            }
        }
    }

    /// One of a closed list (Chinese label or English key).
    pub fn choice<T>(&mut self, key: &str, parse: fn(&str) -> Option<T>, choices: fn() -> String) -> Option<T> {
        let text = self.text(key)?;
        let v = parse(&text);
        if v.is_none() {
            self.problem(key, &text, ProblemKind::Choice(choices()));
        }
        v
    }

    /// A whole number within `lo..=hi`.
    pub fn integer(&mut self, key: &str, lo: i64, hi: i64) -> Option<i64> {
        let text = self.text(key)?;
        match text.parse::<i64>() {
            Ok(n) if (lo..=hi).contains(&n) => Some(n),
            _ => {
                self.problem(key, &text, ProblemKind::Integer(lo, hi));
                None
            }
        }
    }
}

/// Reads one record typed into a form with exactly the rules of a file row, so that a form and
/// an import accept and refuse the same values: `fields` are (template key, text or nothing).
/// References are checked too ([`Record::check`]); uniqueness is left to the caller, who knows
/// which record is being edited. Problems name the field by its template key, without sheet or
/// row. Returns the record only when there is no problem.
pub(crate) fn read_form<R: Record>(conn: &rusqlite::Connection, fields: &[(&str, Option<String>)]) -> Result<(Option<R>, Vec<Problem>)> {
    // A form is one row under a header of the template's keys.
    const ROW: usize = 2;
    let columns = column::columns(R::TABLE);
    let cells = columns
        .iter()
        .map(|c| fields.iter().find(|(key, _)| *key == c.key).and_then(|(_, v)| v.clone()).map_or(Cell::Empty, Cell::Text))
        .collect();
    let grid = Grid {
        sheet: String::new(),
        header_row: 1,
        headers: columns.iter().map(|c| c.key.to_string()).collect(),
        rows: vec![Row { number: ROW, cells }],
    };
    let map: Vec<Option<usize>> = (0..columns.len()).map(Some).collect();
    let mut problems = Vec::new();
    let record = R::parse(&mut RowReader { grid: &grid, row: &grid.rows[0], map: &map, columns, problems: &mut problems });
    if let Some(record) = &record {
        record.check(conn, &mut Located { grid: &grid, row: ROW, map: &map, columns, problems: &mut problems })?;
    }
    let problems: Vec<Problem> = problems.into_iter().map(|p| Problem::field(&p.column, p.value, p.kind)).collect();
    Ok((record.filter(|_| problems.is_empty()), problems))
}

/// One text field of a form, trimmed: a problem (named by `field`) when it is required and
/// empty, or longer than `max` characters; `None` when empty or refused.
pub(crate) fn form_text(problems: &mut Vec<Problem>, field: &str, value: Option<&str>, required: bool, max: usize) -> Option<String> {
    let text = value.map(str::trim).unwrap_or_default();
    if text.is_empty() {
        if required {
            problems.push(Problem::field(field, "", ProblemKind::Required));
        }
        return None;
    }
    if text.chars().count() > max {
        problems.push(Problem::field(field, text.chars().take(40).collect::<String>(), ProblemKind::TooLong(max)));
        return None;
    }
    Some(text.to_string())
}
