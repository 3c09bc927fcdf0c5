//! The team's allocation form as a file (docs/rules/rewards.md "Amounts the team agreed"): a
//! .csv or .xlsx whose header row has 工号 and 金额 columns, one person a row; 金额 in yuan, or
//! every row's exact fraction of the pool as text (10/28). Other
//! columns (姓名, 签字 …) are allowed and ignored. Read with the templates' sheet reader, so the
//! same limits and refusals (formulas, merged cells, error values) apply.

use super::sheet;
use crate::error::{Error, Result};
use crate::money::{AmountError, Money};
use crate::problem::{Problem, ProblemKind};
use crate::rewards::distribution::{self, Distribution, Proposal};
use crate::rewards::plan::{AgreedAmount, Fraction};
use crate::store::{Actor, Store};
use crate::template::grid::Cell;
use chrono::NaiveDate;
use std::path::Path;

/// The employee-ID column.
pub const EMPLOYEE_ID: &str = "工号";
/// The amount column, in yuan.
pub const AMOUNT: &str = "金额";

/// Reads an allocation file: the amounts it gives, each with its row, and the problems of its
/// cells (an empty employee ID, an amount that is not one); refused whole when it cannot be read
/// or lacks a column. Whether each person belongs to the contract, is given once, and the amounts
/// make the pool is checked by the plan ([`crate::rewards::plan::check_amounts`]).
pub fn read(path: &Path) -> Result<(String, Vec<AgreedAmount>, Vec<Problem>), Vec<Problem>> {
    let grid = sheet::read(path)?;
    let at = |row: usize, col: Option<usize>, column: &str, value: String, kind| Problem {
        sheet: grid.sheet.clone(),
        row,
        col,
        column: column.to_string(),
        value,
        kind,
    };
    let find = |name: &str| grid.headers.iter().position(|h| h.trim() == name);
    let (Some(id_col), Some(amount_col)) = (find(EMPLOYEE_ID), find(AMOUNT)) else {
        let missing = [EMPLOYEE_ID, AMOUNT].into_iter().filter(|c| find(c).is_none());
        return Err(missing.map(|c| at(grid.header_row, None, c, String::new(), ProblemKind::MissingColumn)).collect());
    };
    let mut out: Vec<AgreedAmount> = Vec::new();
    let mut problems = Vec::new();
    for row in &grid.rows {
        let cell = |c: usize| row.cells.get(c).cloned().unwrap_or(Cell::Empty);
        let id = cell(id_col).text();
        if id.is_empty() {
            problems.push(at(row.number, Some(id_col), EMPLOYEE_ID, String::new(), ProblemKind::Required));
        }
        // An amount in yuan, or the person's fraction of the pool (10/28).
        let amount = match cell(amount_col) {
            Cell::Number(n) => Money::from_cell_number(n).map(|m| (m, None)).map_err(ProblemKind::Amount),
            Cell::Text(t) if t.contains(['/', '／']) => Fraction::parse(&t).map(|f| (Money::ZERO, Some(f))).ok_or(ProblemKind::Fraction),
            Cell::Text(t) if !t.trim().is_empty() => Money::parse_yuan(t.trim()).map(|m| (m, None)).map_err(ProblemKind::Amount),
            Cell::Empty | Cell::Text(_) => Err(ProblemKind::Required),
            Cell::Date(_) | Cell::Other(_) => Err(ProblemKind::Amount(AmountError::NotANumber)),
        };
        match amount {
            Ok((amount_fen, fraction)) if !id.is_empty() => {
                out.push(AgreedAmount { employee_id: id, amount_fen, row: row.number as u32, fraction });
            }
            Ok(_) => {}
            Err(kind) => problems.push(at(row.number, Some(amount_col), AMOUNT, cell(amount_col).text(), kind)),
        }
    }
    Ok((grid.sheet.clone(), out, problems))
}

/// The problems of the file and of its amounts against the plan, together: nothing is judged
/// twice, and the sum is not judged while an amount could not be read.
fn combined(sheet: &str, file_problems: Vec<Problem>, plan: Error) -> Error {
    let Error::Invalid(plan_problems) = plan else { return plan };
    let unreadable = !file_problems.is_empty();
    let mut all = file_problems;
    let sum = |p: &Problem| matches!(p.kind.code(), "amounts_not_pool" | "fractions_not_whole");
    all.extend(plan_problems.into_iter().filter(|p| !(unreadable && sum(p))).map(|mut p| {
        p.sheet = sheet.to_string();
        p
    }));
    all.sort_by_key(|p| if p.row == 0 { usize::MAX } else { p.row });
    Error::Invalid(all)
}

/// `rewards plan --amounts FILE`: the next distribution with the file's amounts; refused with
/// every problem of the file at its place.
pub fn propose(store: &Store, path: &Path, contract_no: &str, through: NaiveDate, staff: &[String]) -> Result<Proposal> {
    let (sheet, amounts, problems) = read(path).map_err(Error::Invalid)?;
    match distribution::propose_with(store, contract_no, through, staff, Some(&amounts)) {
        Ok(_) if !problems.is_empty() => Err(Error::Invalid(problems)),
        Ok(p) => Ok(p),
        Err(e) => Err(combined(&sheet, problems, e)),
    }
}

/// `rewards create --amounts FILE [--form SIGNED]`: saves the draft with the file's amounts and
/// keeps the signed allocation form (`form`, or else the file itself) as an attachment of the
/// contract.
pub fn create(
    store: &mut Store,
    actor: &Actor,
    path: &Path,
    contract_no: &str,
    through: NaiveDate,
    staff: &[String],
    form: Option<&Path>,
) -> Result<Distribution> {
    let (sheet, amounts, problems) = read(path).map_err(Error::Invalid)?;
    if !problems.is_empty() {
        // Checked against the plan too, so that every problem is named at once; nothing is written.
        return Err(match distribution::propose_with(store, contract_no, through, staff, Some(&amounts)) {
            Err(e) => combined(&sheet, problems, e),
            Ok(_) => Error::Invalid(problems),
        });
    }
    distribution::create_with(store, actor, contract_no, through, staff, Some(&amounts), Some(form.unwrap_or(path)))
        .map_err(|e| combined(&sheet, Vec::new(), e))
}
