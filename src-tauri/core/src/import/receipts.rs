//! CNIPA's payment record list (缴费信息 / 电子票据 list) read back into fee payments
//! (docs/rules/batch-payment.md "Receipts"): after paying a batch, the office downloads the list
//! and imports it. Each annual-fee row is matched to its patent and year (the year from the fee
//! name, 第N年年费), 年费滞纳金 and 恢复权利请求费 rows are joined to their annual fee, every
//! amount must be what the rules ask on the payment day, and the payments are written through
//! [`docket::pay`] — all of them or none.

use super::{mapping, sheet};
use crate::calendar::Calendar;
use crate::error::{Error, Result};
use crate::fees::cnipa::{parse_annual_fee_name, RESTORATION_NAME, SURCHARGE_NAME};
use crate::fees::docket::{self, FeePayment};
use crate::fees::rule::charge;
use crate::model::AchievementKind;
use crate::money::{AmountError, Money};
use crate::problem::{Problem, ProblemKind};
use crate::store::{Actor, Store};
use crate::template::grid::{Cell, Grid, Row};
use chrono::NaiveDate;
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// A column of the list, known by any of the names public tools and CNIPA's pages give it
/// (compared without spaces, full-width brackets as half-width, and a trailing `(元)` dropped).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Number,
    FeeName,
    Amount,
    PaidOn,
    Payer,
    ReceiptCode,
    ReceiptNo,
}

const FIELDS: [(Field, &[&str], bool); 7] = [
    (Field::Number, &["专利号/申请号", "申请号/专利号", "申请号", "专利号", "申请号或专利号", "专利号或申请号"], true),
    (Field::FeeName, &["费用名称", "缴费种类", "费用种类", "费用类型"], true),
    (Field::Amount, &["缴费金额", "金额", "实缴金额"], true),
    (Field::PaidOn, &["缴费时间", "缴费日期"], true),
    (Field::Payer, &["缴费方名称", "缴费人", "缴费人名称"], false),
    (Field::ReceiptCode, &["票据代码"], false),
    (Field::ReceiptNo, &["票据号码", "票据流水号", "票据号"], false),
];

/// The longest voucher a payment keeps (票据代码 + 票据号码), as [`docket::pay`] checks it.
const MAX_VOUCHER_CHARS: usize = 60;

fn normalized_header(text: &str) -> String {
    let plain: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '／' => '/',
            other => other,
        })
        .collect();
    plain.strip_suffix("(元)").unwrap_or(&plain).to_string()
}

/// One payment read from the list: an annual fee with the surcharge and restoration joined to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct FeeReceipt {
    /// The annual fee's row in the file.
    #[ts(type = "number")]
    pub row: u32,
    /// 成果编号 matched by the application number.
    pub achievement_no: String,
    /// 申请号 as stored.
    pub application_no: String,
    /// 专利年度 from the fee name.
    #[ts(type = "number")]
    pub patent_year: i64,
    /// 缴费日期.
    pub paid_on: NaiveDate,
    /// 年费 (after the reduction).
    pub fee_fen: Money,
    /// 年费滞纳金 joined to it.
    pub surcharge_fen: Money,
    /// 恢复权利请求费 joined to it.
    pub restoration_fen: Money,
    /// Everything paid for this year.
    pub total_fen: Money,
    /// 票据代码 + 票据号码.
    pub voucher_no: Option<String>,
    /// 缴费方名称 as the list gives it.
    pub payer: Option<String>,
    /// The rows of the surcharge and the restoration joined to it.
    pub joined_rows: Vec<u32>,
    /// Paid after the grace period: the patent is restored.
    pub restored: bool,
}

/// A row of the list that is not an annual fee (an application fee, a 登记费 …): left alone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct IgnoredRow {
    /// The row in the file.
    #[ts(type = "number")]
    pub row: u32,
    /// Its fee name.
    pub fee_name: String,
}

/// What an import of a payment list did (or, with `dry_run`, would do).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ReceiptImport {
    /// The sheet read (the file's name for a CSV).
    pub sheet: String,
    /// Data rows in the file.
    #[ts(type = "number")]
    pub rows: u32,
    /// The payments, in the file's order.
    pub payments: Vec<FeeReceipt>,
    /// Rows that are not annual fees.
    pub ignored: Vec<IgnoredRow>,
    /// What the payments add up to.
    pub total_fen: Money,
    /// True when nothing was written on purpose.
    pub dry_run: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Item {
    Annual(AchievementKind, i64),
    Surcharge,
    Restoration,
}

/// A row as read, before it is joined.
struct Read {
    row: usize,
    achievement_no: String,
    application_no: String,
    item: Item,
    amount: Money,
    paid_on: NaiveDate,
    voucher: Option<String>,
    payer: Option<String>,
}

/// Reads the list at `path` (.xlsx or .csv, UTF-8 or GBK, through the import reader and its
/// limits), checks every row and writes the payments in one transaction; with `dry_run` it checks
/// and writes nothing. Any problem refuses the whole file with every problem at its row.
pub fn import(store: &mut Store, actor: &Actor, path: &Path, dry_run: bool) -> Result<ReceiptImport> {
    let (grid, cell_problems) = sheet::read_source(path, None).map_err(Error::Invalid)?;
    let columns = find_columns(&grid)?;
    let used: Vec<usize> = columns.iter().flatten().copied().collect();
    // A formula or a merged cell matters in the columns read; a limit of the reader, anywhere.
    let mut problems: Vec<Problem> = cell_problems
        .into_iter()
        .filter(|p| matches!(p.kind, ProblemKind::Limit(_)) || (p.row > grid.header_row && p.col.is_none_or(|c| used.contains(&c))))
        .collect();
    if problems.iter().any(|p| matches!(p.kind, ProblemKind::Limit(_))) {
        return Err(Error::Invalid(problems));
    }
    let mut read = Vec::new();
    let mut ignored = Vec::new();
    for row in &grid.rows {
        match read_row(store, &grid, &columns, row, &mut problems)? {
            Some(Ok(r)) => read.push(r),
            Some(Err(skipped)) => ignored.push(skipped),
            None => {}
        }
    }
    let lines = join(&grid, read, &mut problems);
    let rows = grid.rows.len() as u32;
    let sheet_name = grid.sheet.clone();
    let today = actor.at.date();
    let mut preview = None;
    let result = store.all_or_nothing(|store| {
        let mut payments = Vec::with_capacity(lines.len());
        for line in lines {
            if let Some(paid) = write_line(store, actor, &grid, &columns, line, today, &mut problems)? {
                payments.push(paid);
            }
        }
        if !problems.is_empty() {
            problems.sort_by_key(|p| (p.row, p.col));
            return Err(Error::Invalid(std::mem::take(&mut problems)));
        }
        // Written patent by patent, year by year; shown as the file has them.
        payments.sort_by_key(|p| p.row);
        let total_fen = Money(payments.iter().map(|p| p.total_fen.0).sum());
        let done = ReceiptImport { sheet: sheet_name, rows, payments, ignored, total_fen, dry_run };
        if dry_run {
            // Checked by writing: the payments of one patent's successive years see each other.
            // The transaction is rolled back by returning an error.
            preview = Some(done);
            return Err(Error::Refused { code: "dry_run", detail: String::new() });
        }
        Ok(done)
    });
    match (result, preview) {
        (Err(Error::Refused { code: "dry_run", .. }), Some(preview)) => Ok(preview),
        (result, _) => result,
    }
}

type Columns = [Option<usize>; FIELDS.len()];

fn find_columns(grid: &Grid) -> Result<Columns> {
    let mut columns: Columns = [None; FIELDS.len()];
    let mut problems = Vec::new();
    let at = |col: Option<usize>, column: &str, kind| Problem {
        sheet: grid.sheet.clone(),
        row: grid.header_row,
        col,
        column: column.to_string(),
        value: String::new(),
        kind,
    };
    for (c, header) in grid.headers.iter().enumerate() {
        let name = normalized_header(header);
        let Some(f) = FIELDS.iter().position(|(_, names, _)| names.contains(&name.as_str())) else { continue };
        if columns[f].is_some() {
            problems.push(at(Some(c), header, ProblemKind::DuplicateColumn));
        } else {
            columns[f] = Some(c);
        }
    }
    for (f, (_, names, required)) in FIELDS.iter().enumerate() {
        if *required && columns[f].is_none() {
            problems.push(at(None, names[0], ProblemKind::MissingColumn));
        }
    }
    if problems.is_empty() {
        Ok(columns)
    } else {
        Err(Error::Invalid(problems))
    }
}

fn column_of(field: Field) -> usize {
    FIELDS.iter().position(|(f, _, _)| *f == field).unwrap_or(0)
}

fn problem(grid: &Grid, columns: &Columns, row: usize, field: Field, value: impl Into<String>, kind: ProblemKind) -> Problem {
    let f = column_of(field);
    let col = columns[f];
    let column = col.and_then(|c| grid.headers.get(c).cloned()).unwrap_or_else(|| FIELDS[f].1[0].to_string());
    Problem { sheet: grid.sheet.clone(), row, col, column, value: value.into(), kind }
}

/// One row: `Some(Ok)` a fee row, `Some(Err)` a row of another fee, `None` when it has a problem
/// (pushed to `problems`).
fn read_row(
    store: &Store,
    grid: &Grid,
    columns: &Columns,
    row: &Row,
    problems: &mut Vec<Problem>,
) -> Result<Option<std::result::Result<Read, IgnoredRow>>> {
    let cell = |field: Field| columns[column_of(field)].and_then(|c| row.cells.get(c)).cloned().unwrap_or(Cell::Empty);
    let text = |field: Field| Some(cell(field).text()).filter(|t| !t.is_empty());
    let before = problems.len();
    let mut report = |field: Field, value: String, kind| problems.push(problem(grid, columns, row.number, field, value, kind));

    let fee_name = cell(Field::FeeName).text();
    let item = if fee_name.is_empty() {
        report(Field::FeeName, fee_name.clone(), ProblemKind::Required);
        None
    } else if let Some((kind, year)) = parse_annual_fee_name(&fee_name) {
        Some(Item::Annual(kind, year))
    } else if fee_name.contains("滞纳金") {
        Some(Item::Surcharge)
    } else if fee_name.replace(char::is_whitespace, "") == RESTORATION_NAME {
        Some(Item::Restoration)
    } else if fee_name.contains("年费") {
        // Something like 第五年年费 or a misspelt kind: an annual fee that cannot be read is an
        // error, never silently skipped.
        report(Field::FeeName, fee_name.clone(), ProblemKind::FeeName);
        None
    } else {
        return Ok(Some(Err(IgnoredRow { row: row.number as u32, fee_name })));
    };

    let number_text = cell(Field::Number).text();
    let mut patent = None;
    match crate::ident::application_no(&number_text) {
        _ if number_text.is_empty() => report(Field::Number, number_text.clone(), ProblemKind::Required),
        Err(e) => report(Field::Number, number_text.clone(), ProblemKind::ApplicationNo(e)),
        Ok(normalized) => match docket::achievement_by_application_no(store.conn(), &normalized)? {
            None => report(Field::Number, number_text.clone(), ProblemKind::UnknownReference("申请号", normalized)),
            Some((no, kind)) => patent = Some((no, normalized, kind)),
        },
    }
    if let (Some((_, _, kind)), Some(Item::Annual(named, _))) = (&patent, item) {
        if *kind != named {
            report(Field::FeeName, fee_name.clone(), ProblemKind::FeeNameKind(*kind));
        }
    }

    let amount = match cell(Field::Amount) {
        Cell::Number(n) => Money::from_cell_number(n),
        Cell::Text(t) => {
            let t = t.trim().trim_start_matches(['¥', '￥']).trim_end_matches('元').trim();
            if t.is_empty() {
                Err(AmountError::Empty)
            } else {
                Money::parse_yuan(t)
            }
        }
        Cell::Empty => Err(AmountError::Empty),
        Cell::Date(_) | Cell::Other(_) => Err(AmountError::NotANumber),
    };
    let amount = match amount {
        Ok(m) if m > Money::ZERO => Some(m),
        Ok(_) => {
            report(Field::Amount, cell(Field::Amount).text(), ProblemKind::Amount(AmountError::Empty));
            None
        }
        Err(e) => {
            report(Field::Amount, cell(Field::Amount).text(), ProblemKind::Amount(e));
            None
        }
    };

    let paid_on = match cell(Field::PaidOn) {
        Cell::Date(d) => Ok(d),
        Cell::Number(n) => mapping::excel_serial(n).ok_or(crate::date::DateError::Format),
        // 2026-11-20 10:23:11: the day is what counts.
        Cell::Text(t) => mapping::date_text(t.trim().split([' ', 'T']).next().unwrap_or_default()),
        Cell::Empty => Err(crate::date::DateError::Empty),
        Cell::Other(_) => Err(crate::date::DateError::Format),
    }
    .and_then(|d| crate::date::check_range(d).map(|_| d));
    let paid_on = match paid_on {
        Ok(d) => Some(d),
        Err(e) => {
            report(Field::PaidOn, cell(Field::PaidOn).text(), ProblemKind::Date(e));
            None
        }
    };

    let voucher: String = [text(Field::ReceiptCode), text(Field::ReceiptNo)].into_iter().flatten().collect::<Vec<_>>().join("");
    if voucher.chars().count() > MAX_VOUCHER_CHARS {
        report(Field::ReceiptNo, voucher.clone(), ProblemKind::TooLong(MAX_VOUCHER_CHARS));
    }
    if problems.len() > before {
        return Ok(None);
    }
    let (Some(item), Some((achievement_no, application_no, _)), Some(amount), Some(paid_on)) = (item, patent, amount, paid_on) else {
        return Ok(None);
    };
    Ok(Some(Ok(Read {
        row: row.number,
        achievement_no,
        application_no,
        item,
        amount,
        paid_on,
        voucher: Some(voucher).filter(|v| !v.is_empty()),
        payer: text(Field::Payer),
    })))
}

/// A payment to write: the annual fee's row and the rows joined to it.
struct Joined {
    annual: Read,
    surcharge: Option<Read>,
    restoration: Option<Read>,
}

/// Joins each surcharge and restoration row to the annual fee of the same patent paid the same
/// day (and with the same voucher when both rows have one); when one patent pays several years
/// that day, to the earliest year — the only one that can be late.
fn join(grid: &Grid, read: Vec<Read>, problems: &mut Vec<Problem>) -> Vec<Joined> {
    let (annual, extra): (Vec<Read>, Vec<Read>) = read.into_iter().partition(|r| matches!(r.item, Item::Annual(..)));
    let mut joined: Vec<Joined> = annual.into_iter().map(|annual| Joined { annual, surcharge: None, restoration: None }).collect();
    let year = |r: &Read| if let Item::Annual(_, y) = r.item { y } else { 0 };
    for r in extra {
        let target = joined
            .iter_mut()
            .filter(|j| {
                j.annual.achievement_no == r.achievement_no
                    && j.annual.paid_on == r.paid_on
                    && (j.annual.voucher.is_none() || r.voucher.is_none() || j.annual.voucher == r.voucher)
            })
            .min_by_key(|j| year(&j.annual));
        let at = |kind| Problem {
            sheet: grid.sheet.clone(),
            row: r.row,
            col: None,
            column: String::new(),
            value: r.application_no.clone(),
            kind,
        };
        match target {
            None => problems.push(at(ProblemKind::FeeWithoutAnnualFee)),
            Some(j) => {
                let slot = if r.item == Item::Surcharge { &mut j.surcharge } else { &mut j.restoration };
                match slot {
                    Some(first) => problems.push(at(ProblemKind::DuplicateInFile(first.row))),
                    None => *slot = Some(r),
                }
            }
        }
    }
    // Successive years of one patent in order, whatever the file's order.
    joined.sort_by(|a, b| a.annual.achievement_no.cmp(&b.annual.achievement_no).then(year(&a.annual).cmp(&year(&b.annual))));
    joined
}

/// Checks one payment against the rules on its day and writes it; `None` when it has a problem.
fn write_line(
    store: &mut Store,
    actor: &Actor,
    grid: &Grid,
    columns: &Columns,
    j: Joined,
    today: NaiveDate,
    problems: &mut Vec<Problem>,
) -> Result<Option<FeeReceipt>> {
    let Item::Annual(_, year) = j.annual.item else { return Ok(None) };
    let a = &j.annual;
    let at = |row: usize, field: Field, value: String, kind| problem(grid, columns, row, field, value, kind);
    if a.paid_on > today {
        problems.push(at(a.row, Field::PaidOn, crate::date::iso(a.paid_on), ProblemKind::InFuture));
        return Ok(None);
    }
    let calendar = Calendar::load(store)?;
    let fee = match docket::candidate_for_receipt(store.conn(), &|d| calendar.is_day_off(d), &a.achievement_no, year)? {
        Ok(fee) => fee,
        Err(kind) => {
            problems.push(at(a.row, Field::FeeName, format!("{} 第{year}年", a.achievement_no), kind));
            return Ok(None);
        }
    };
    let c = charge(&fee, a.paid_on);
    let before = problems.len();
    if a.amount != fee.amount {
        problems.push(at(a.row, Field::Amount, a.amount.plain(), ProblemKind::FeeAmount(fee.amount.0, a.amount.0)));
    }
    for (found, expected, name) in [(&j.surcharge, c.surcharge, SURCHARGE_NAME), (&j.restoration, c.restoration, RESTORATION_NAME)] {
        match found {
            Some(r) if r.amount != expected => {
                problems.push(at(r.row, Field::Amount, r.amount.plain(), ProblemKind::FeeAmount(expected.0, r.amount.0)))
            }
            Some(_) => {}
            None if expected > Money::ZERO => {
                problems.push(at(a.row, Field::FeeName, name.to_string(), ProblemKind::FeeRowMissing(name.to_string(), expected.0)))
            }
            None => {}
        }
    }
    if problems.len() > before {
        return Ok(None);
    }
    let total = Money(a.amount.0 + c.surcharge.0 + c.restoration.0);
    let payment = FeePayment {
        achievement_no: a.achievement_no.clone(),
        patent_year: year,
        paid_on: a.paid_on,
        amount: total.plain(),
        voucher_no: a.voucher.clone(),
    };
    let paid = docket::pay(store, actor, &payment)?;
    let joined_rows = [&j.surcharge, &j.restoration].into_iter().flatten().map(|r| r.row as u32).collect();
    Ok(Some(FeeReceipt {
        row: a.row as u32,
        achievement_no: paid.achievement_no,
        application_no: a.application_no.clone(),
        patent_year: year,
        paid_on: a.paid_on,
        fee_fen: a.amount,
        surcharge_fen: c.surcharge,
        restoration_fen: c.restoration,
        total_fen: paid.amount_fen,
        voucher_no: paid.voucher_no,
        payer: a.payer.clone(),
        joined_rows,
        restored: paid.restored,
    }))
}
