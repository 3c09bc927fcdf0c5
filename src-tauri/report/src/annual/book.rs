//! The workbook of the annual report: one sheet per part laid out like the filled government form
//! (merged title, unit, year, numbered rows of 序号 / 指标 / 数值 / 单位), then the three lists.

use super::{date_zh, parts, title, ContractLine, Lists, Part, RewardLine, Value};
use crate::Error;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use std::path::Path;
use transferdesk_core::reporting::annual::Indicators;
use transferdesk_core::Money;

/// The row (0-based) of the 序号 / 指标 / 数值 / 单位 header on every indicator sheet.
pub(crate) const HEADER_ROW: u32 = 4;

/// The cell formats of the workbook, made once.
struct Formats {
    title: Format,
    subtitle: Format,
    info: Format,
    info_right: Format,
    header: Format,
    text: Format,
    wrapped: Format,
    centre: Format,
    count: Format,
    wan: Format,
    yuan: Format,
}

impl Formats {
    fn new() -> Formats {
        let border = Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter);
        Formats {
            title: Format::new().set_bold().set_font_size(16).set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter),
            subtitle: Format::new().set_bold().set_font_size(12).set_align(FormatAlign::VerticalCenter),
            info: Format::new().set_align(FormatAlign::VerticalCenter),
            info_right: Format::new().set_align(FormatAlign::Right).set_align(FormatAlign::VerticalCenter),
            header: border.clone().set_bold().set_text_wrap().set_align(FormatAlign::Center).set_background_color("#DDEBF7"),
            text: border.clone(),
            wrapped: border.clone().set_text_wrap(),
            centre: border.clone().set_align(FormatAlign::Center),
            count: border.clone().set_num_format("0"),
            // 4 decimals of 万元 is one yuan: the precision the form asks for.
            wan: border.clone().set_num_format("#,##0.0000"),
            yuan: border.set_num_format("#,##0.00"),
        }
    }
}

/// Writes the workbook to `path`.
pub(crate) fn write(i: &Indicators, lists: &Lists, path: &Path) -> Result<(), Error> {
    let write_error = |e: XlsxError| Error::Write { path: path.display().to_string(), message: e.to_string() };
    let f = Formats::new();
    let mut book = Workbook::new();
    for part in parts(i) {
        indicator_sheet(book.add_worksheet(), i, &part, &f).map_err(write_error)?;
    }
    words_sheet(book.add_worksheet(), i, lists, &f).map_err(write_error)?;
    contract_sheet(book.add_worksheet(), i, "转化项目清单", "科技成果转化项目清单（转让、许可、作价投资）", &lists.projects, true, &f)
        .map_err(write_error)?;
    contract_sheet(book.add_worksheet(), i, "四技合同清单", "技术开发、咨询、服务合同清单", &lists.technical, false, &f)
        .map_err(write_error)?;
    reward_sheet(book.add_worksheet(), i, &lists.rewards, &f).map_err(write_error)?;
    crate::save_book(&mut book, path)
}

/// Title, part, institution and year rows above a table of `last + 1` columns.
fn head(ws: &mut Worksheet, i: &Indicators, name: &str, subtitle: &str, note: &str, last: u16, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    ws.merge_range(0, 0, 0, last, &title(i.year), &f.title)?;
    ws.set_row_height(0, 30)?;
    ws.merge_range(1, 0, 1, last, subtitle, &f.subtitle)?;
    ws.set_row_height(1, 22)?;
    let split = last / 2;
    span(ws, 2, 0, split, &format!("填报单位：{}", i.institution), &f.info)?;
    span(ws, 2, split + 1, last, &format!("报告年度：{}年", i.year), &f.info_right)?;
    ws.merge_range(3, 0, 3, last, note, &f.info_right)?;
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    Ok(())
}

/// Writes across columns `first..=last`; Excel refuses a merge of a single cell.
fn span(ws: &mut Worksheet, row: u32, first: u16, last: u16, text: &str, format: &Format) -> Result<(), XlsxError> {
    if first == last {
        ws.write_string_with_format(row, first, text, format)?;
    } else {
        ws.merge_range(row, first, row, last, text, format)?;
    }
    Ok(())
}

fn header_row(ws: &mut Worksheet, columns: &[(&str, f64)], f: &Formats) -> Result<(), XlsxError> {
    for (c, (name, width)) in columns.iter().enumerate() {
        ws.set_column_width(c as u16, *width)?;
        ws.write_string_with_format(HEADER_ROW, c as u16, *name, &f.header)?;
    }
    ws.set_row_height(HEADER_ROW, 30)?;
    Ok(())
}

fn indicator_sheet(ws: &mut Worksheet, i: &Indicators, part: &Part, f: &Formats) -> Result<(), XlsxError> {
    let note = if part.has_money() { "金额单位：万元" } else { "" };
    head(ws, i, part.title, part.title, note, 3, f)?;
    header_row(ws, &[("序号", 8.0), ("指标", 52.0), ("数值", 18.0), ("单位", 8.0)], f)?;
    for (n, row) in part.rows.iter().enumerate() {
        let r = HEADER_ROW + 1 + n as u32;
        ws.write_string_with_format(r, 0, &row.no, &f.centre)?;
        ws.write_string_with_format(r, 1, &row.label, &f.wrapped)?;
        match &row.value {
            Value::Count(v) => ws.write_number_with_format(r, 2, *v as f64, &f.count)?,
            Value::Wan(fen) => ws.write_number_with_format(r, 2, Money(*fen).to_cell(Money::WAN), &f.wan)?,
            Value::Text(t) => ws.write_string_with_format(r, 2, t, &f.text)?,
        };
        ws.write_string_with_format(r, 3, row.unit, &f.centre)?;
    }
    Ok(())
}

/// 六、其他: the narrative of the six parts as written in the app, and the typical cases.
fn words_sheet(ws: &mut Worksheet, i: &Indicators, lists: &Lists, f: &Formats) -> Result<(), XlsxError> {
    head(ws, i, "六、其他", "六、其他：情况说明与典型案例", "", 1, f)?;
    header_row(ws, &[("部分", 18.0), ("内容", 100.0)], f)?;
    const PARTS: [&str; 6] = ["一、年度工作", "二、成果取得", "三、转让许可作价投资", "四、产学研合作", "五、收益与奖励", "六、其他"];
    let mut r = HEADER_ROW + 1;
    for (n, name) in PARTS.iter().enumerate() {
        ws.write_string_with_format(r, 0, *name, &f.text)?;
        ws.write_string_with_format(r, 1, lists.words.narrative.get(n).map(String::as_str).unwrap_or(""), &f.wrapped)?;
        r += 1;
    }
    for (n, (no, title, text)) in lists.words.cases.iter().enumerate() {
        ws.write_string_with_format(r, 0, format!("典型案例{}", n + 1), &f.text)?;
        ws.write_string_with_format(r, 1, format!("{title}（合同编号 {no}）\n{text}"), &f.wrapped)?;
        r += 1;
    }
    Ok(())
}

fn contract_sheet(
    ws: &mut Worksheet,
    i: &Indicators,
    name: &str,
    subtitle: &str,
    lines: &[ContractLine],
    transformation: bool,
    f: &Formats,
) -> Result<(), XlsxError> {
    let mut columns: Vec<(&str, f64)> = vec![("序号", 6.0), ("合同编号", 14.0), ("合同名称", 26.0)];
    if transformation {
        columns.extend([("成果编号", 12.0), ("成果名称", 24.0), ("转化方式", 10.0)]);
    } else {
        columns.push(("合同类型", 10.0));
    }
    columns.extend([
        ("合作单位", 22.0),
        ("单位性质", 10.0),
        ("所在地区", 10.0),
        ("签订日期", 12.0),
        ("合同金额（万元）", 14.0),
        ("本年到账金额（万元）", 14.0),
        ("技术合同登记号", 20.0),
    ]);
    if transformation {
        columns.extend([("定价方式", 10.0), ("公示期", 22.0), ("资产评估", 30.0)]);
    }
    let last = columns.len() as u16 - 1;
    let note = format!("本年签订或本年有到账的合同；金额单位：万元；共 {} 项", lines.len());
    head(ws, i, name, subtitle, &note, last, f)?;
    header_row(ws, &columns, f)?;
    for (n, line) in lines.iter().enumerate() {
        let r = HEADER_ROW + 1 + n as u32;
        let mut c = 0u16;
        let mut next = || {
            c += 1;
            c - 1
        };
        ws.write_number_with_format(r, next(), (n + 1) as f64, &f.centre)?;
        ws.write_string_with_format(r, next(), &line.no, &f.text)?;
        ws.write_string_with_format(r, next(), &line.title, &f.wrapped)?;
        if transformation {
            let nos: Vec<&str> = line.achievements.iter().map(|(no, _)| no.as_str()).collect();
            let titles: Vec<&str> = line.achievements.iter().map(|(_, t)| t.as_str()).collect();
            ws.write_string_with_format(r, next(), nos.join("\n"), &f.wrapped)?;
            ws.write_string_with_format(r, next(), titles.join("\n"), &f.wrapped)?;
        }
        ws.write_string_with_format(r, next(), line.kind.zh(), &f.centre)?;
        ws.write_string_with_format(r, next(), &line.counterparty, &f.wrapped)?;
        ws.write_string_with_format(r, next(), line.ownership.zh(), &f.centre)?;
        ws.write_string_with_format(r, next(), &line.region, &f.centre)?;
        ws.write_string_with_format(r, next(), line.signed_on.format("%Y-%m-%d").to_string(), &f.centre)?;
        ws.write_number_with_format(r, next(), Money(line.amount_fen).to_cell(Money::WAN), &f.wan)?;
        ws.write_number_with_format(r, next(), Money(line.received_fen).to_cell(Money::WAN), &f.wan)?;
        ws.write_string_with_format(r, next(), line.registration_no.as_deref().unwrap_or("未登记"), &f.text)?;
        if transformation {
            ws.write_string_with_format(r, next(), line.pricing.map_or("未记录", |p| p.zh()), &f.centre)?;
            let period = line.publicity.map_or_else(|| "—".to_string(), |(posted, ends)| format!("{posted} 发布，至 {ends}"));
            ws.write_string_with_format(r, next(), period, &f.wrapped)?;
            ws.write_string_with_format(r, next(), line.appraisal.as_deref().unwrap_or("未评估"), &f.wrapped)?;
        }
    }
    ws.set_landscape();
    Ok(())
}

fn reward_sheet(ws: &mut Worksheet, i: &Indicators, lines: &[RewardLine], f: &Formats) -> Result<(), XlsxError> {
    let columns = [
        ("序号", 6.0),
        ("收益分配", 10.0),
        ("合同编号", 14.0),
        ("姓名", 10.0),
        ("工号", 10.0),
        ("奖励方式", 10.0),
        ("奖励金额 / 出资额（元）", 18.0),
        ("发放（登记）日期", 16.0),
        ("备注", 30.0),
    ];
    let note = format!("本年度发放的收益分配各行；个人金额单位：元；共 {} 行", lines.len());
    head(ws, i, "奖励清单", "科技成果转化奖励清单", &note, columns.len() as u16 - 1, f)?;
    header_row(ws, &columns, f)?;
    for (n, line) in lines.iter().enumerate() {
        let r = HEADER_ROW + 1 + n as u32;
        ws.write_number_with_format(r, 0, (n + 1) as f64, &f.centre)?;
        ws.write_string_with_format(r, 1, format!("#{}", line.distribution), &f.centre)?;
        ws.write_string_with_format(r, 2, &line.contract_no, &f.text)?;
        ws.write_string_with_format(r, 3, &line.name, &f.text)?;
        ws.write_string_with_format(r, 4, &line.employee_id, &f.text)?;
        ws.write_string_with_format(r, 5, if line.equity { "股权奖励" } else { "现金奖励" }, &f.centre)?;
        if line.waived {
            ws.write_string_with_format(r, 6, "放弃", &f.centre)?;
        } else {
            // Units are fen of registered capital: the same yuan display as cash.
            ws.write_number_with_format(r, 6, Money(line.amount).to_cell(Money::YUAN), &f.yuan)?;
        }
        ws.write_string_with_format(r, 7, date_zh(line.paid_on), &f.centre)?;
        let remark = if line.waived {
            format!("放弃的出资额 {} 元归单位所有", Money(line.amount).grouped())
        } else if line.amount < 0 {
            "冲销".to_string()
        } else {
            String::new()
        };
        ws.write_string_with_format(r, 8, &remark, &f.wrapped)?;
    }
    ws.set_landscape();
    Ok(())
}
