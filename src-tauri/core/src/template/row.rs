//! Reading one row of a template into a record, with the template's rules for every cell:
//! the same rules for a row of an imported file and for the fields of a form
//! (`read_form`), so that both accept and refuse exactly the same values.

use super::column::{self, Column};
use super::grid::{Cell, Grid, Row};
use crate::error::Result;
use crate::model::Table;
use crate::money::Money;
use crate::problem::{Problem, ProblemKind};
use crate::store::audit::Journal;
use chrono::NaiveDate;
use serde::Serialize;

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

/// Records problems at a row, naming columns by their template key.
pub(crate) struct Located<'a> {
    pub(crate) grid: &'a Grid,
    pub(crate) row: usize,
    pub(crate) map: &'a [Option<usize>],
    pub(crate) columns: &'static [Column],
    pub(crate) problems: &'a mut Vec<Problem>,
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
    pub(crate) grid: &'a Grid,
    pub(crate) row: &'a Row,
    pub(crate) map: &'a [Option<usize>],
    pub(crate) columns: &'static [Column],
    pub(crate) problems: &'a mut Vec<Problem>,
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
