//! 科技成果转化奖励发放表: the finance sheet of an approved distribution (`rewards payroll`). One
//! row per person with typed yuan cells, resident ID numbers masked unless the export asks for
//! them, a totals row equal to the pool, and the tax note finance withholds by.

use crate::approved::{self, date_zh, yuan};
use crate::list_style::ListStyle;
use crate::Error;
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};
use std::collections::HashMap;
use std::path::Path;
use transferdesk_core::rewards::distribution::{self, Distribution};
use transferdesk_core::store::audit::Disclosure;
use transferdesk_core::{ident, store::institution, Actor, Money, Store};

/// The sheet's title, merged across the table.
const TITLE: &str = "科技成果转化奖励发放表";
/// The header of the cash sheet.
const CASH_COLUMNS: [(&str, f64); 8] = [
    ("序号", 6.0),
    ("姓名", 10.0),
    ("工号", 11.0),
    ("所在院系", 22.0),
    ("身份证号", 21.0),
    ("奖励金额（元）", 16.0),
    ("计税金额（元）", 16.0),
    ("备注", 30.0),
];
/// The header of the equity sheet: units of registered capital instead of cash and tax.
const EQUITY_COLUMNS: [(&str, f64); 7] =
    [("序号", 6.0), ("姓名", 10.0), ("工号", 11.0), ("所在院系", 22.0), ("身份证号", 21.0), ("奖励出资额（元）", 18.0), ("备注", 30.0)];

/// Writes the finance sheet of distribution `id` to `path` (.xlsx) and returns the number of
/// person rows. Refused with `distribution_not_approved` for a draft (nothing is written):
/// finance never gets figures that may still change. ID numbers are masked unless `reveal_ids`.
/// Personal data: the file is written with its audit entry (`export` / `payroll`).
pub fn write(store: &mut Store, actor: &Actor, id: i64, path: &Path, reveal_ids: bool) -> Result<usize, Error> {
    let d = approved::load(store, id)?;
    let institution = institution::load(store)?;
    let ids: HashMap<String, Option<String>> = distribution::id_numbers(store, id)?.into_iter().collect();
    let mut book = Workbook::new();
    let write_error = |e: XlsxError| Error::Write { path: path.display().to_string(), message: e.to_string() };
    fill(book.add_worksheet(), "奖励发放表", &d, &institution.name, &ids, reveal_ids).map_err(write_error)?;
    let bytes = book.save_to_buffer().map_err(write_error)?;
    let rows = d.proposal.plan.allocations.len();
    let disclosure = Disclosure { what: "payroll", file: path, rows, full_id_numbers: reveal_ids };
    crate::save_disclosed(store, actor, &disclosure, &bytes)?;
    Ok(rows)
}

/// The sheet of distribution `id` in a workbook of several (`发放表#12`).
pub fn sheet_name(id: i64) -> String {
    format!("发放表#{id}")
}

/// Writes the finance sheets of several distributions into one workbook at `path`, a sheet per
/// distribution in the order given (named by [`sheet_name`]), each exactly the sheet [`write`]
/// makes, and returns the number of person rows over all of them. Every distribution is read
/// before anything is written: one draft, an unknown id, a repeated id or none at all refuses the
/// whole workbook (the refusal names the distribution), so finance never gets half a batch. One
/// audit entry (`export` / `payroll`) covers the file.
pub fn write_batch(store: &mut Store, actor: &Actor, ids: &[i64], path: &Path, reveal_ids: bool) -> Result<usize, Error> {
    use transferdesk_core::problem::{Problem, ProblemKind};
    let mut problems = Vec::new();
    if ids.is_empty() {
        problems.push(Problem::field("ids", "", ProblemKind::TooFew(1)));
    }
    let mut seen = std::collections::HashSet::new();
    for id in ids {
        if !seen.insert(*id) {
            problems.push(Problem::field("ids", id.to_string(), ProblemKind::RepeatedEntry(format!("#{id}"))));
        }
    }
    if !problems.is_empty() {
        return Err(transferdesk_core::Error::Invalid(problems).into());
    }
    let institution = institution::load(store)?;
    let mut sheets = Vec::with_capacity(ids.len());
    for &id in ids {
        let d = approved::load(store, id)?;
        let numbers: HashMap<String, Option<String>> = distribution::id_numbers(store, id)?.into_iter().collect();
        sheets.push((d, numbers));
    }
    let mut book = Workbook::new();
    let write_error = |e: XlsxError| Error::Write { path: path.display().to_string(), message: e.to_string() };
    for (d, numbers) in &sheets {
        fill(book.add_worksheet(), &sheet_name(d.id), d, &institution.name, numbers, reveal_ids).map_err(write_error)?;
    }
    let bytes = book.save_to_buffer().map_err(write_error)?;
    let rows = sheets.iter().map(|(d, _)| d.proposal.plan.allocations.len()).sum();
    let disclosure = Disclosure { what: "payroll", file: path, rows, full_id_numbers: reveal_ids };
    crate::save_disclosed(store, actor, &disclosure, &bytes)?;
    Ok(rows)
}

fn fill(
    ws: &mut Worksheet,
    sheet: &str,
    d: &Distribution,
    institution: &str,
    ids: &HashMap<String, Option<String>>,
    reveal: bool,
) -> Result<(), XlsxError> {
    let p = &d.proposal;
    let plan = &p.plan;
    let equity = approved::is_equity(d);
    let columns: &[(&str, f64)] = if equity { &EQUITY_COLUMNS } else { &CASH_COLUMNS };
    let last = columns.len() as u16 - 1;

    let ListStyle { title, info, header, text, wrapped, number, money, total_label, total_money } = ListStyle::new();

    ws.set_name(sheet)?;
    for (c, (_, width)) in columns.iter().enumerate() {
        ws.set_column_width(c as u16, *width)?;
    }
    ws.merge_range(0, 0, 0, last, TITLE, &title)?;
    ws.set_row_height(0, 30)?;

    let contract = format!(
        "合同：{}　{}（{}，{}：{}）",
        plan.contract_no,
        p.contract_title,
        plan.kind.zh(),
        approved::counterparty_label(plan.kind),
        p.counterparty
    );
    let mut lines = vec![format!("单位：{institution}"), contract, format!("收益分配 #{}　{}", d.id, approved::state_line(d))];
    lines.extend(approved::reversal_line(d));
    if !equity {
        lines.push(approved::net_line(d));
    }
    lines.push(approved::pool_line(d));
    if plan.agreed_amounts {
        lines.push("分配方式：按团队成员签字确认的分配表所列金额".to_string());
    }
    lines.push(format!(
        "分配政策：{}",
        transferdesk_core::rewards::policy::named(p.policy_document.as_deref(), p.policy_effective_on, transferdesk_core::Lang::Zh)
    ));
    let mut row = 1;
    for line in &lines {
        ws.merge_range(row, 0, row, last, line, &info)?;
        row += 1;
    }

    row += 1;
    for (c, (name, _)) in columns.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *name, &header)?;
    }
    ws.set_row_height(row, 30)?;
    ws.set_freeze_panes(row + 1, 0)?;
    ws.set_repeat_rows(row, row)?;

    let (mut total, mut taxable_total, mut waived) = (0i64, 0i64, 0i64);
    for (i, a) in plan.allocations.iter().enumerate() {
        row += 1;
        let id_number = ids.get(&a.employee_id).cloned().flatten();
        let shown = match &id_number {
            Some(n) if reveal => n.clone(),
            Some(n) => ident::mask(n),
            None => String::new(),
        };
        let mut remark = approved::remark(a);
        if id_number.is_none() {
            if !remark.is_empty() {
                remark.push('；');
            }
            remark.push_str("身份证号未登记");
        }
        ws.write_number_with_format(row, 0, (i + 1) as f64, &number)?;
        ws.write_string_with_format(row, 1, &a.name, &text)?;
        ws.write_string_with_format(row, 2, &a.employee_id, &text)?;
        ws.write_string_with_format(row, 3, &a.department, &wrapped)?;
        ws.write_string_with_format(row, 4, &shown, &text)?;
        if equity {
            let units = a.units.unwrap_or(0);
            total += units;
            if a.waived {
                waived += units;
            }
            ws.write_number_with_format(row, 5, Money(units).to_cell(Money::YUAN), &money)?;
            ws.write_string_with_format(row, 6, &remark, &wrapped)?;
        } else {
            let (amount, taxable) = (a.amount_fen.unwrap_or(0), a.taxable_fen.unwrap_or(0));
            total += amount;
            taxable_total += taxable;
            ws.write_number_with_format(row, 5, Money(amount).to_cell(Money::YUAN), &money)?;
            ws.write_number_with_format(row, 6, Money(taxable).to_cell(Money::YUAN), &money)?;
            ws.write_string_with_format(row, 7, &remark, &wrapped)?;
        }
    }

    row += 1;
    ws.merge_range(row, 0, row, 4, "合计", &total_label)?;
    ws.write_number_with_format(row, 5, Money(total).to_cell(Money::YUAN), &total_money)?;
    if equity {
        ws.write_blank(row, 6, &text)?;
    } else {
        ws.write_number_with_format(row, 6, Money(taxable_total).to_cell(Money::YUAN), &total_money)?;
        ws.write_blank(row, 7, &text)?;
    }

    // The institution's part by recipient, to the fen: finance books each line.
    if !plan.recipients.is_empty() {
        row += 2;
        ws.merge_range(row, 0, row, last, "单位留存部分分配", &info)?;
        row += 1;
        for (c, name) in ["序号", "留存分配对象", "", "", "比例（净收入）", "金额（元）"].iter().enumerate() {
            ws.write_string_with_format(row, c as u16, *name, &header)?;
        }
        let mut sum = 0i64;
        for (i, r) in plan.recipients.iter().enumerate() {
            row += 1;
            sum += r.amount_fen.0;
            ws.write_number_with_format(row, 0, (i + 1) as f64, &number)?;
            ws.merge_range(row, 1, row, 3, &r.name, &text)?;
            ws.write_string_with_format(row, 4, format!("{}%", transferdesk_core::share::format_percent(r.share_bp)), &text)?;
            ws.write_number_with_format(row, 5, r.amount_fen.to_cell(Money::YUAN), &money)?;
        }
        row += 1;
        ws.merge_range(row, 0, row, 4, "合计（单位留存）", &total_label)?;
        ws.write_number_with_format(row, 5, Money(sum).to_cell(Money::YUAN), &total_money)?;
    }

    let mut notes = vec![format!("说明：{}", approved::tax_note(d))];
    if waived != 0 {
        notes.push(format!("其中已放弃的奖励出资额 {} 元归单位所有（单位正职领导不得获得股权奖励）。", yuan(waived)));
    }
    if !reveal {
        notes.push("身份证号按规定脱敏显示（仅显示前6位和后4位）；发放所需的完整号码请按权限另行导出。".into());
    }
    if let Some(paid) = d.paid_on {
        notes.push(format!("发放日期：{}。", date_zh(paid)));
    }
    row += 1;
    for note in &notes {
        row += 1;
        ws.merge_range(row, 0, row, last, note, &info)?;
        ws.set_row_height(row, 32)?;
    }

    // Finance pays only on a signed sheet: who made it, who checked it and who is responsible,
    // each with the day, left blank to sign by hand.
    row += 2;
    let blocks = [(0, 2, "制表人："), (3, 4, "审核人："), (5, last, "负责人：")];
    for (from, to, label) in blocks {
        ws.merge_range(row, from, row, to, label, &info)?;
        ws.merge_range(row + 1, from, row + 1, to, "日期：　　年　　月　　日", &info)?;
    }
    ws.set_row_height(row, 28)?;
    ws.set_row_height(row + 1, 28)?;
    row += 1;

    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_area(0, 0, row, last)?;
    Ok(())
}
