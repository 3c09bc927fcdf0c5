//! The office's lists as Excel (导出 Excel): 成果台账, contracts, distributions, people,
//! organizations and the audit log, each exactly as its screen filters and orders it — every
//! page, not only the one on screen. Each export reads the rows through the list's own query
//! (core `store::search::every_page`), so a filter can never mean one thing on screen and another
//! in the file. Money is a number cell in yuan with two decimals and dates are date cells, so
//! that the office can sum and sort in Excel.

use crate::list_style::ListStyle;
use crate::Error;
use chrono::{NaiveDate, NaiveDateTime};
use rust_xlsxwriter::{ExcelDateTime, Workbook, Worksheet, XlsxError};
use std::path::Path;
use transferdesk_core::deals::contract::view::{self as contracts, ContractQuery};
use transferdesk_core::people::organization_page::{self, OrganizationQuery};
use transferdesk_core::people::person_page::{self, PersonQuery};
use transferdesk_core::portfolio::ledger::{self, AchievementQuery};
use transferdesk_core::prosecution::deadline::{self, PatentDeadlineQuery};
use transferdesk_core::rewards::distribution::{self, DistributionQuery};
use transferdesk_core::store::audit::Disclosure;
use transferdesk_core::store::audit_view::{self, AuditQuery};
use transferdesk_core::store::search::{every_page, MAX_PAGE_SIZE};
use transferdesk_core::{Actor, Money, Store};

/// A cell of a list row.
enum Cell {
    Text(String),
    /// Yuan, two decimals.
    Money(Money),
    /// A day; empty when unknown.
    Date(Option<NaiveDate>),
    /// `YYYY-MM-DDTHH:MM:SS`, as the audit log keeps it.
    Moment(String),
    /// A count or a plain number.
    Number(i64),
}

impl Cell {
    fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    fn opt(s: Option<impl Into<String>>) -> Cell {
        Cell::Text(s.map(Into::into).unwrap_or_default())
    }

    /// A day the list holds as text (`YYYY-MM-DD`); anything else stays text rather than be lost.
    fn day_text(s: Option<&str>) -> Cell {
        match s {
            None => Cell::Date(None),
            Some(t) => NaiveDate::parse_from_str(t, "%Y-%m-%d").map_or_else(|_| Cell::text(t), |d| Cell::Date(Some(d))),
        }
    }
}

/// A list sheet: its title, what it was filtered by, the header with widths and the rows.
struct List {
    title: &'static str,
    filters: Vec<String>,
    columns: &'static [(&'static str, f64)],
    rows: Vec<Vec<Cell>>,
}

/// Where the header is: title, the filters line, a blank row, then the header.
pub const HEADER_ROW: u32 = 3;

/// Writes `list` to `path` (.xlsx, owner-only, atomic) and returns its number of rows.
fn write(list: &List, on: NaiveDate, path: &Path) -> Result<usize, Error> {
    save(list, on, path, |bytes| crate::save(path, bytes))
}

/// Lays `list` out and hands the bytes to `store` (plain or with a disclosure entry).
fn save(list: &List, on: NaiveDate, path: &Path, store: impl FnOnce(&[u8]) -> Result<(), Error>) -> Result<usize, Error> {
    let mut book = Workbook::new();
    fill(book.add_worksheet(), list, on).map_err(|e| Error::Write { path: path.display().to_string(), message: e.to_string() })?;
    let bytes = book.save_to_buffer().map_err(|e| Error::Write { path: path.display().to_string(), message: e.to_string() })?;
    store(&bytes)?;
    Ok(list.rows.len())
}

fn fill(ws: &mut Worksheet, list: &List, on: NaiveDate) -> Result<(), XlsxError> {
    let last = list.columns.len() as u16;
    let ListStyle { title, info, header, text, wrapped, number, money, .. } = ListStyle::new();
    let date = text.clone().set_num_format("yyyy-mm-dd");
    let moment = text.clone().set_num_format("yyyy-mm-dd hh:mm:ss");

    ws.set_name(list.title)?;
    ws.set_column_width(0, 6.0)?;
    for (c, (_, width)) in list.columns.iter().enumerate() {
        ws.set_column_width(c as u16 + 1, *width)?;
    }
    ws.merge_range(0, 0, 0, last, list.title, &title)?;
    ws.set_row_height(0, 30)?;
    let filters = if list.filters.is_empty() { "全部".to_string() } else { list.filters.join("；") };
    ws.merge_range(1, 0, 1, last, &format!("导出日：{on}　筛选：{filters}　共 {} 条", list.rows.len()), &info)?;
    ws.set_row_height(1, 24)?;

    ws.write_string_with_format(HEADER_ROW, 0, "序号", &header)?;
    for (c, (name, _)) in list.columns.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16 + 1, *name, &header)?;
    }
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    ws.autofilter(HEADER_ROW, 0, HEADER_ROW + list.rows.len() as u32, last)?;

    for (i, cells) in list.rows.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        ws.write_number_with_format(row, 0, (i + 1) as f64, &number)?;
        for (c, cell) in cells.iter().enumerate() {
            let col = c as u16 + 1;
            let wide = list.columns.get(c).is_some_and(|(_, w)| *w >= 30.0);
            match cell {
                Cell::Text(s) => ws.write_string_with_format(row, col, s, if wide { &wrapped } else { &text })?,
                Cell::Money(m) => ws.write_number_with_format(row, col, m.to_cell(Money::YUAN), &money)?,
                Cell::Date(None) => ws.write_blank(row, col, &text)?,
                Cell::Date(Some(d)) => ws.write_datetime_with_format(row, col, excel_day(*d)?, &date)?,
                Cell::Moment(s) => match NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S") {
                    Ok(t) => ws.write_datetime_with_format(row, col, excel_moment(t)?, &moment)?,
                    Err(_) => ws.write_string_with_format(row, col, s, &text)?,
                },
                Cell::Number(n) => ws.write_number_with_format(row, col, *n as f64, &number)?,
            };
        }
    }
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

fn excel_day(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    use chrono::Datelike;
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

fn excel_moment(t: NaiveDateTime) -> Result<ExcelDateTime, XlsxError> {
    use chrono::Timelike;
    excel_day(t.date())?.and_hms(t.hour() as u16, t.minute() as u8, t.second())
}

/// `label：value` for each filter that is set.
fn filters(pairs: &[(&str, Option<String>)]) -> Vec<String> {
    pairs.iter().filter_map(|(label, v)| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(|v| format!("{label}：{v}"))).collect()
}

/// The whole list as pages of `page_size` = [`MAX_PAGE_SIZE`] (the query's own page is ignored).
fn whole<Q: Clone, R>(
    q: &Q,
    set_page: impl Fn(&mut Q, u32),
    mut read: impl FnMut(&Q) -> transferdesk_core::Result<(u32, Vec<R>)>,
) -> Result<Vec<R>, Error> {
    Ok(every_page(|n| {
        let mut page = q.clone();
        set_page(&mut page, n);
        read(&page)
    })?)
}

/// The 成果台账 file's title.
pub const ACHIEVEMENTS: &str = "成果台账";
const ACHIEVEMENT_COLUMNS: &[(&str, f64)] = &[
    ("成果编号", 14.0),
    ("成果名称", 34.0),
    ("成果类型", 13.0),
    ("申请号", 18.0),
    ("申请日", 12.0),
    ("授权号", 16.0),
    ("授权日", 12.0),
    ("法律状态", 10.0),
    ("所属单位", 18.0),
    ("完成人", 24.0),
    ("合同数", 8.0),
];

/// Writes the achievement list as `q` filters and orders it (a 学院 secretary's query already
/// carries their department) and returns the number of rows.
pub fn achievements(store: &Store, q: &AchievementQuery, on: NaiveDate, path: &Path) -> Result<usize, Error> {
    let rows = whole(
        q,
        |p, n| {
            p.page = n;
            p.page_size = MAX_PAGE_SIZE;
        },
        |p| ledger::list(store, p).map(|page| (page.total, page.rows)),
    )?;
    let rows = rows
        .into_iter()
        .map(|r| {
            let s = r.summary;
            vec![
                Cell::text(s.achievement_no),
                Cell::text(s.title),
                Cell::text(s.kind.zh()),
                Cell::opt(s.application_no),
                Cell::day_text(s.filed_on.as_deref()),
                Cell::opt(s.grant_no),
                Cell::day_text(s.granted_on.as_deref()),
                Cell::text(s.status.zh()),
                Cell::text(s.department),
                Cell::text(r.inventors),
                Cell::Number(r.contract_count.into()),
            ]
        })
        .collect();
    let filters = filters(&[
        ("成果类型", q.kind.map(|k| k.zh().to_string())),
        ("法律状态", q.status.map(|s| s.zh().to_string())),
        ("所属单位", q.department.clone()),
        ("年度", q.year.map(|y| y.to_string())),
        ("搜索", q.search.clone()),
    ]);
    write(&List { title: ACHIEVEMENTS, filters, columns: ACHIEVEMENT_COLUMNS, rows }, on, path)
}

/// The contract list file's title.
pub const CONTRACTS: &str = "转化合同";
const CONTRACT_COLUMNS: &[(&str, f64)] = &[
    ("合同编号", 15.0),
    ("合同名称", 32.0),
    ("转化方式", 10.0),
    ("合作单位", 26.0),
    ("合同金额（元）", 15.0),
    ("签订日期", 12.0),
    ("已到账（元）", 15.0),
    ("逾期未到账（元）", 15.0),
    ("备案期限", 12.0),
];

/// Writes the contract list as `q` filters it (newest first, as the screen) and returns the
/// number of rows; `today` decides what is overdue, as on the screen.
pub fn contracts(store: &Store, q: &ContractQuery, today: NaiveDate, path: &Path) -> Result<usize, Error> {
    let rows = whole(
        q,
        |p, n| {
            p.page = n;
            p.page_size = MAX_PAGE_SIZE;
        },
        |p| contracts::list(store, p, today).map(|page| (page.total, page.rows)),
    )?;
    let rows = rows
        .into_iter()
        .map(|r| {
            vec![
                Cell::text(r.contract_no),
                Cell::text(r.title),
                Cell::text(r.kind.zh()),
                Cell::text(r.counterparty),
                Cell::Money(r.amount_fen),
                Cell::Date(Some(r.signed_on)),
                Cell::Money(r.received_fen),
                Cell::Money(r.overdue_fen),
                Cell::Date(r.recordal_due_on),
            ]
        })
        .collect();
    let filters = filters(&[
        ("转化方式", q.kind.map(|k| k.zh().to_string())),
        ("签订年度", q.year.map(|y| y.to_string())),
        ("所属单位", q.department.clone()),
        ("搜索", q.search.clone()),
        ("仅逾期未到账", q.overdue.then(|| "是".to_string())),
        ("仅待备案许可", q.recordal.then(|| "是".to_string())),
    ]);
    write(&List { title: CONTRACTS, filters, columns: CONTRACT_COLUMNS, rows }, today, path)
}

/// The distribution list file's title.
pub const DISTRIBUTIONS: &str = "收益分配";
const DISTRIBUTION_COLUMNS: &[(&str, f64)] = &[
    ("分配编号", 9.0),
    ("合同编号", 15.0),
    ("合同名称", 30.0),
    ("转化方式", 10.0),
    ("状态", 9.0),
    ("冲销分配", 9.0),
    ("到账截至", 12.0),
    ("净收入（元）", 15.0),
    ("奖励总额（元）", 15.0),
    ("奖励股权", 12.0),
    ("创建日期", 12.0),
    ("集体决策日期", 12.0),
    ("公示截止", 12.0),
    ("发放期限", 12.0),
    ("发放日期", 12.0),
    ("逾期未发放", 10.0),
];

/// Writes the distribution list as `q` filters it (newest first) and returns the number of rows;
/// `approved_only` is finance's view (no drafts), as on the screen.
pub fn distributions(store: &Store, q: &DistributionQuery, today: NaiveDate, approved_only: bool, path: &Path) -> Result<usize, Error> {
    let rows = whole(
        q,
        |p, n| {
            p.page = n;
            p.page_size = MAX_PAGE_SIZE;
        },
        |p| distribution::list_visible(store, p, today, approved_only).map(|page| (page.total, page.rows)),
    )?;
    let rows = rows
        .into_iter()
        .map(|r| {
            vec![
                Cell::Number(r.id),
                Cell::text(r.contract_no),
                Cell::text(r.contract_title),
                Cell::text(r.kind.zh()),
                Cell::text(r.state.zh()),
                Cell::opt(r.reverses_id.map(|id| id.to_string())),
                Cell::Date(Some(r.through_on)),
                Cell::Money(r.net_income_fen),
                r.pool_fen.map_or_else(|| Cell::text(""), Cell::Money),
                r.pool_units.map_or_else(|| Cell::text(""), Cell::Number),
                Cell::day_text(Some(&r.created_on)),
                Cell::Date(r.decision_on),
                Cell::Date(r.publicity_ends_on),
                Cell::Date(r.payment_due_on),
                Cell::Date(r.paid_on),
                Cell::text(if r.payment_overdue { "是" } else { "" }),
            ]
        })
        .collect();
    let filters = filters(&[
        ("状态", q.state.map(|s| s.zh().to_string())),
        ("合同", q.contract_no.clone()),
        ("搜索", q.search.clone()),
        ("年度", q.year.map(|y| y.to_string())),
        ("仅逾期未发放", q.overdue.then(|| "是".to_string())),
    ]);
    write(&List { title: DISTRIBUTIONS, filters, columns: DISTRIBUTION_COLUMNS, rows }, today, path)
}

/// The people list file's title.
pub const PEOPLE: &str = "人员";
const PERSON_COLUMNS: &[(&str, f64)] = &[
    ("工号", 12.0),
    ("姓名", 10.0),
    ("所在单位", 20.0),
    ("人员类别", 13.0),
    ("领导职务", 10.0),
    ("身份证号（脱敏）", 21.0),
    ("银行账号（脱敏）", 22.0),
    ("成果数", 8.0),
];

/// Writes the people list as `q` filters and orders it and returns the number of rows. Resident
/// ID and bank numbers are masked, as the list shows them; the file still names people, so it is
/// written with its audit entry (who exported how many, never the numbers).
pub fn people(store: &mut Store, actor: &Actor, q: &PersonQuery, on: NaiveDate, path: &Path) -> Result<usize, Error> {
    let rows = whole(
        q,
        |p, n| {
            p.page = n;
            p.page_size = MAX_PAGE_SIZE;
        },
        |p| person_page::list(store, p).map(|page| (page.total, page.rows)),
    )?;
    let rows: Vec<Vec<Cell>> = rows
        .into_iter()
        .map(|r| {
            vec![
                Cell::text(r.employee_id),
                Cell::text(r.name),
                Cell::text(r.department),
                Cell::text(r.category.zh()),
                Cell::text(r.leader_level.zh()),
                Cell::opt(r.id_number_masked),
                Cell::opt(r.bank_account_masked),
                Cell::Number(r.achievement_count.into()),
            ]
        })
        .collect();
    let filters = filters(&[
        ("所在单位", q.department.clone()),
        ("人员类别", q.category.map(|c| c.zh().to_string())),
        ("领导职务", q.leader_level.map(|l| l.zh().to_string())),
        ("搜索", q.search.clone()),
    ]);
    let list = List { title: PEOPLE, filters, columns: PERSON_COLUMNS, rows };
    let disclosure = Disclosure { what: "people_list", file: path, rows: list.rows.len(), full_id_numbers: false };
    save(&list, on, path, |bytes| crate::save_disclosed(store, actor, &disclosure, bytes))
}

/// The organization list file's title.
pub const ORGANIZATIONS: &str = "合作单位";
const ORGANIZATION_COLUMNS: &[(&str, f64)] = &[
    ("单位名称", 30.0),
    ("统一社会信用代码", 21.0),
    ("单位性质", 12.0),
    ("企业规模", 9.0),
    ("所在地区", 12.0),
    ("行业门类", 9.0),
    ("合同数", 8.0),
    ("合同金额（元）", 16.0),
];

/// Writes the organization list as `q` filters and orders it and returns the number of rows.
pub fn organizations(store: &Store, q: &OrganizationQuery, on: NaiveDate, path: &Path) -> Result<usize, Error> {
    let rows = whole(
        q,
        |p, n| {
            p.page = n;
            p.page_size = MAX_PAGE_SIZE;
        },
        |p| organization_page::list(store, p).map(|page| (page.total, page.rows)),
    )?;
    let rows = rows
        .into_iter()
        .map(|r| {
            vec![
                Cell::text(r.name),
                Cell::opt(r.credit_code),
                Cell::text(r.ownership.zh()),
                Cell::opt(r.size.map(|s| s.zh())),
                Cell::text(r.region),
                Cell::opt(r.industry),
                Cell::Number(r.contract_count.into()),
                Cell::Money(r.contract_amount_fen),
            ]
        })
        .collect();
    let filters =
        filters(&[("单位性质", q.ownership.map(|o| o.zh().to_string())), ("所在地区", q.region.clone()), ("搜索", q.search.clone())]);
    write(&List { title: ORGANIZATIONS, filters, columns: ORGANIZATION_COLUMNS, rows }, on, path)
}

/// The audit log file's title.
pub const AUDIT: &str = "操作日志";
const AUDIT_COLUMNS: &[(&str, f64)] = &[
    ("日志编号", 9.0),
    ("时间", 19.0),
    ("操作人", 14.0),
    ("操作", 8.0),
    ("记录类型", 14.0),
    ("记录", 18.0),
    ("变更前", 40.0),
    ("变更后", 40.0),
];

/// The Chinese word of a logged action; an action this build does not know stays as logged.
fn action_zh(action: &str) -> &str {
    match action {
        "insert" => "新增",
        "update" => "修改",
        "delete" => "删除",
        other => other,
    }
}

/// Writes the audit log as `q` filters it (newest first) and returns the number of entries.
pub fn audit(store: &Store, q: &AuditQuery, on: NaiveDate, path: &Path) -> Result<usize, Error> {
    let rows = whole(
        q,
        |p, n| {
            p.page = n;
            p.page_size = MAX_PAGE_SIZE;
        },
        |p| audit_view::list(store, p).map(|page| (page.total, page.rows)),
    )?;
    let rows = rows
        .into_iter()
        .map(|e| {
            vec![
                Cell::Number(e.id),
                Cell::Moment(e.at),
                Cell::text(e.actor),
                Cell::text(action_zh(&e.action)),
                Cell::text(e.entity),
                Cell::text(e.entity_key),
                Cell::opt(e.before),
                Cell::opt(e.after),
            ]
        })
        .collect();
    let filters = filters(&[
        ("记录类型", q.entity.clone()),
        ("记录", q.entity_key.clone()),
        ("操作", q.action.as_deref().map(|a| action_zh(a).to_string())),
        ("操作人", q.actor.clone()),
        ("起", q.from.map(|d| d.to_string())),
        ("止", q.to.map(|d| d.to_string())),
    ]);
    write(&List { title: AUDIT, filters, columns: AUDIT_COLUMNS, rows }, on, path)
}

/// The deadlines list's title.
pub const DEADLINES: &str = "审查期限";
const DEADLINE_COLUMNS: &[(&str, f64)] = &[
    ("成果编号", 12.0),
    ("成果名称", 30.0),
    ("申请号", 17.0),
    ("所属单位", 18.0),
    ("法律状态", 9.0),
    ("事项", 16.0),
    ("期限届满日", 12.0),
    ("剩余天数", 9.0),
    ("状态", 8.0),
    ("法定期限", 12.0),
    ("更正理由", 24.0),
    ("通知书", 24.0),
    ("发文日", 12.0),
    ("送达日", 12.0),
    ("办理日", 12.0),
    ("办理情况", 24.0),
    ("依据", 40.0),
];

/// 审查期限: every deadline under `q` on `on`, as the list shows them.
pub fn deadlines(store: &Store, q: &PatentDeadlineQuery, on: NaiveDate, path: &Path) -> Result<usize, Error> {
    let rows = deadline::list(store, q, on)?
        .into_iter()
        .map(|d| {
            vec![
                Cell::text(d.achievement_no),
                Cell::text(d.title),
                Cell::opt(d.application_no),
                Cell::text(d.department),
                Cell::text(d.status.zh()),
                Cell::text(d.kind.zh()),
                Cell::Date(Some(d.due_on)),
                Cell::Number(d.days_left),
                Cell::text(d.state.zh()),
                Cell::Date(d.statutory_on),
                Cell::opt(d.edit_reason),
                Cell::opt(d.notice.as_ref().map(|n| n.title.clone())),
                Cell::Date(d.notice.as_ref().map(|n| n.issued_on)),
                Cell::Date(d.notice.as_ref().map(|n| n.delivered_on)),
                Cell::Date(d.done_on),
                Cell::opt(d.done_note),
                Cell::text(d.basis),
            ]
        })
        .collect();
    let filters = filters(&[
        ("事项", q.kind.map(|k| k.zh().to_string())),
        ("所属单位", q.department.clone()),
        ("剩余天数不超过", q.within_days.map(|n| n.to_string())),
        ("含已办理", q.include_done.then(|| "是".to_string())),
    ]);
    write(&List { title: DEADLINES, filters, columns: DEADLINE_COLUMNS, rows }, on, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_the_list_holds_as_text_becomes_a_date_cell() {
        assert!(
            matches!(Cell::day_text(Some("2025-02-20")), Cell::Date(Some(d)) if d == NaiveDate::from_ymd_opt(2025, 2, 20).expect("day"))
        );
        assert!(matches!(Cell::day_text(None), Cell::Date(None)), "no day is an empty cell");
        assert!(matches!(Cell::day_text(Some("2025年")), Cell::Text(ref t) if t == "2025年"), "an odd value is kept as written");
    }

    #[test]
    fn only_the_filters_set_are_named() {
        let named = filters(&[("状态", Some("已发放".into())), ("搜索", Some("  ".into())), ("年度", None)]);
        assert_eq!(named, ["状态：已发放"], "a blank search or an unset year narrows nothing");
    }
}
