//! The printable annual report (A4 PDF): cover, contents, parts 一–五 with their indicator tables
//! and two charts, the lists, and the pledge (承诺书) with places for signature and stamp.

use super::{date_zh, parts, title, wan, yi, ContractLine, Lists, Part, RewardLine, Value};
use crate::pdf::{Align, Bar, Column, Doc, BODY, LEFT, RIGHT, SMALL};
use crate::Error;
use std::path::Path;
use transferdesk_core::reporting::annual::{Flow, Indicators};
use transferdesk_core::Money;

/// Section headings, in pt.
const SECTION: f32 = 13.0;
/// The lists are wide: a smaller size keeps dates and amounts on one line.
const LIST: f32 = 8.0;
/// Room a section start needs at the foot of a page (heading and a couple of lines), mm; asked
/// for before the page number is recorded so that the contents point at the heading's page.
const SECTION_ROOM: f32 = 30.0;

/// Writes the PDF to `path` and returns its number of pages.
pub(crate) fn write(i: &Indicators, lists: &Lists, path: &Path) -> Result<usize, Error> {
    let new_doc = || {
        let footer = format!("{} · {}", title(i.year), i.institution);
        Doc::new(&title(i.year), &footer).map_err(|message| Error::Pdf { path: path.display().to_string(), message })
    };
    // The first pass only learns on which page each section starts. The contents take one page
    // whatever they list, so the second pass lays out the same pages with the numbers filled in.
    let mut draft = new_doc()?;
    let sections = lay_out(&mut draft, i, lists, &[]);
    let mut doc = new_doc()?;
    lay_out(&mut doc, i, lists, &sections);
    doc.finish(path)
}

/// Lays out the whole report; returns each section's title and first page.
fn lay_out(doc: &mut Doc, i: &Indicators, lists: &Lists, contents: &[(String, usize)]) -> Vec<(String, usize)> {
    let mut sections = Vec::new();
    let mut section = |doc: &mut Doc, text: &str| {
        doc.keep(SECTION_ROOM);
        sections.push((text.to_string(), doc.page_number()));
        doc.heading(text, SECTION, Align::Left);
        doc.gap(1.5);
    };

    cover(doc, i);
    doc.new_page();
    doc.heading("目　　录", 16.0, Align::Center);
    doc.gap(6.0);
    for (text, page) in contents {
        doc.line_both(text, &page.to_string(), 12.0);
        doc.gap(1.5);
    }

    let parts = parts(i);
    let t = &i.transformation;
    for (n, part) in parts.iter().enumerate() {
        if n != 1 {
            doc.new_page();
        } else {
            doc.gap(6.0);
        }
        section(doc, part.title);
        for text in lists.words.paragraphs(n) {
            doc.paragraph(&format!("　　{text}"), BODY, Align::Left);
            doc.gap(1.0);
        }
        if let Some(summary) = summary(i, n) {
            doc.paragraph(&summary, BODY, Align::Left);
            doc.gap(2.0);
        }
        indicator_table(doc, part);
        match n {
            2 => {
                doc.gap(8.0);
                let bars = [("转让", &t.transfer), ("许可", &t.license), ("作价投资", &t.equity)].map(|(label, f)| Bar {
                    label: label.into(),
                    value: f.contract_amount_fen,
                    figure: wan(f.contract_amount_fen),
                });
                doc.bar_chart("图1　本年度转让、许可、作价投资合同金额", "单位：万元", &bars);
            }
            4 => {
                doc.gap(8.0);
                let tech = &i.technical;
                let kinds: [(&str, &Flow); 6] = [
                    ("转让", &t.transfer),
                    ("许可", &t.license),
                    ("作价投资", &t.equity),
                    ("技术开发", &tech.development),
                    ("技术咨询", &tech.consulting),
                    ("技术服务", &tech.service),
                ];
                let bars = kinds.map(|(label, f)| Bar { label: label.into(), value: f.received_fen, figure: wan(f.received_fen) });
                doc.bar_chart("图2　本年度到账收入（按合同类型）", "单位：万元", &bars);
            }
            _ => {}
        }
    }

    doc.new_page();
    section(doc, "六、其他");
    let other = lists.words.paragraphs(5);
    for text in &other {
        doc.paragraph(&format!("　　{text}"), BODY, Align::Left);
        doc.gap(1.0);
    }
    doc.gap(3.0);
    doc.heading("典型案例", 13.0, Align::Left);
    doc.gap(1.0);
    if lists.words.cases.is_empty() && other.is_empty() {
        doc.paragraph("（本年度无）", BODY, Align::Left);
    }
    for (n, (no, title, text)) in lists.words.cases.iter().enumerate() {
        doc.keep(SECTION_ROOM);
        doc.paragraph(&format!("案例{}　{title}（合同编号 {no}）", n + 1), BODY, Align::Left);
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            doc.paragraph(&format!("　　{line}"), BODY, Align::Left);
        }
        doc.gap(2.0);
    }

    doc.new_page();
    section(doc, "附件1　科技成果转化项目清单");
    doc.paragraph("本年签订或本年有到账的转让、许可、作价投资合同；金额单位：万元。", SMALL, Align::Left);
    doc.gap(1.0);
    project_table(doc, &lists.projects);

    doc.gap(6.0);
    section(doc, "附件2　技术开发、咨询、服务合同清单");
    doc.paragraph("本年签订或本年有到账的技术开发、咨询、服务合同；金额单位：万元。", SMALL, Align::Left);
    doc.gap(1.0);
    technical_table(doc, &lists.technical);

    doc.new_page();
    section(doc, "附件3　科技成果转化奖励清单");
    doc.paragraph("本年度发放（股权奖励为登记）的收益分配各行；金额单位：元。", SMALL, Align::Left);
    doc.gap(1.0);
    reward_table(doc, &lists.rewards);

    doc.new_page();
    sections.push(("附件4　承诺书".to_string(), doc.page_number()));
    pledge(doc, i);
    sections
}

fn cover(doc: &mut Doc, i: &Indicators) {
    doc.gap(50.0);
    doc.heading(&title(i.year), 24.0, Align::Center);
    doc.gap(40.0);
    for line in [
        format!("填报单位：{}", i.institution),
        format!("所在省份：{}", i.province),
        format!("报告年度：{}年", i.year),
        format!("报送截止日期：{}", date_zh(i.due_on)),
    ] {
        doc.indented(40.0, &line, 14.0, Align::Left);
        doc.gap(3.0);
    }
    doc.gap(45.0);
    doc.indented(40.0, "报送单位（盖章）：", 14.0, Align::Left);
    doc.gap(14.0);
    doc.indented(40.0, "报送日期：______年____月____日", 14.0, Align::Left);
}

/// A sentence of the key figures of part `n`, all derived from the indicators (no prose that
/// the office has not written).
fn summary(i: &Indicators, n: usize) -> Option<String> {
    let (t, tech, r) = (&i.transformation, &i.technical, &i.rewards);
    match n {
        1 => Some(format!(
            "本年度取得（授权、登记）科技成果 {} 项，其中发明专利 {} 项；财政资金资助项目形成的成果 {} 项。",
            i.achievements.granted.total, i.achievements.granted.invention_patent, i.achievements.fiscal_funded
        )),
        2 => Some(format!(
            "本年度签订转让、许可、作价投资合同 {} 项，合同金额 {} 万元；本年到账 {} 万元。单项 1000 万元及以上 {} 项，1 亿元及以上 {} 项。",
            t.total.count,
            wan(t.total.contract_amount_fen),
            wan(t.total.received_fen),
            t.bands.over_10m.count,
            t.bands.over_100m.count
        )),
        3 => Some(format!(
            "本年度签订技术开发、咨询、服务合同 {} 项，合同金额 {} 万元；本年到账 {} 万元。研发机构 {} 家、技术转移机构 {} 家、服务平台 {} 家；在企业兼职 {} 人，离岗创业 {} 人。",
            tech.total.count,
            wan(tech.total.contract_amount_fen),
            wan(tech.total.received_fen),
            i.organization.rd_institutions.total,
            i.organization.transfer_institutions.total,
            i.organization.service_platforms.total,
            i.organization.part_time_people,
            i.organization.leave_to_found_people
        )),
        4 => Some(format!(
            "本年度到账收入 {} 万元；发放现金奖励 {} 万元，共 {} 人次；股权奖励出资额 {} 万元，共 {} 人次，折合 {} 万元（{} 亿元）；现金奖励应纳税所得额 {} 万元。",
            wan(i.income.received_fen),
            wan(r.cash_fen),
            r.cash_person_times,
            wan(r.equity_units),
            r.equity_person_times,
            wan(r.equity_value_fen),
            yi(r.equity_value_fen),
            wan(r.taxable_fen)
        )),
        _ => None,
    }
}

/// The part's numbered rows as a ruled table; facts in words get a wide value column.
fn indicator_table(doc: &mut Doc, part: &Part) {
    let words = part.rows.iter().any(|r| matches!(r.value, Value::Text(_)));
    let columns = if words {
        [
            Column { title: "序号", width: 14.0, align: Align::Center },
            Column { title: "项目", width: 56.0, align: Align::Left },
            Column { title: "内容", width: 100.0, align: Align::Left },
            Column { title: "单位", width: 0.0, align: Align::Center },
        ]
    } else {
        [
            Column { title: "序号", width: 14.0, align: Align::Center },
            Column { title: "指标", width: 106.0, align: Align::Left },
            Column { title: "数值", width: 32.0, align: Align::Right },
            Column { title: "单位", width: 18.0, align: Align::Center },
        ]
    };
    let shown = if words { &columns[..3] } else { &columns[..] };
    let mut emphasis = Vec::new();
    let rows: Vec<Vec<String>> = part
        .rows
        .iter()
        .enumerate()
        .map(|(n, row)| {
            if row.label.contains("合计") {
                emphasis.push(n);
            }
            let value = match &row.value {
                Value::Count(v) => v.to_string(),
                Value::Wan(fen) => wan(*fen),
                Value::Text(t) => t.clone(),
            };
            vec![row.no.clone(), row.label.clone(), value, row.unit.to_string()]
        })
        .map(|mut cells| {
            cells.truncate(shown.len());
            cells
        })
        .collect();
    doc.table(shown, &rows, &emphasis, BODY);
}

/// `HT-A 齿轮箱…` with its registration number under it.
fn contract_cell(line: &ContractLine) -> String {
    let registration = line.registration_no.as_deref().unwrap_or("未登记");
    format!("{}\n{}\n登记号：{registration}", line.no, line.title)
}

fn counterparty_cell(line: &ContractLine) -> String {
    format!("{}\n（{}，{}）", line.counterparty, line.ownership.zh(), line.region)
}

fn project_table(doc: &mut Doc, lines: &[ContractLine]) {
    let columns = [
        Column { title: "序号", width: 9.0, align: Align::Center },
        Column { title: "合同", width: 33.0, align: Align::Left },
        Column { title: "涉及成果", width: 27.0, align: Align::Left },
        Column { title: "方式", width: 15.0, align: Align::Center },
        Column { title: "合作单位（性质，地区）", width: 33.0, align: Align::Left },
        Column { title: "签订日期", width: 19.0, align: Align::Center },
        Column { title: "合同金额", width: 17.0, align: Align::Right },
        Column { title: "本年到账", width: 17.0, align: Align::Right },
    ];
    let rows: Vec<Vec<String>> = lines
        .iter()
        .enumerate()
        .map(|(n, l)| {
            let achievements: Vec<String> = l.achievements.iter().map(|(no, t)| format!("{no} {t}")).collect();
            vec![
                (n + 1).to_string(),
                contract_cell(l),
                achievements.join("\n"),
                l.kind.zh().to_string(),
                counterparty_cell(l),
                l.signed_on.format("%Y-%m-%d").to_string(),
                wan(l.amount_fen),
                wan(l.received_fen),
            ]
        })
        .collect();
    table_or_none(doc, &columns, &rows);
}

/// A list's table, or a line saying the year has none.
fn table_or_none(doc: &mut Doc, columns: &[Column<'_>], rows: &[Vec<String>]) {
    if rows.is_empty() {
        doc.paragraph("（本年度无）", BODY, Align::Left);
    } else {
        doc.table(columns, rows, &[], LIST);
    }
}

fn technical_table(doc: &mut Doc, lines: &[ContractLine]) {
    let columns = [
        Column { title: "序号", width: 9.0, align: Align::Center },
        Column { title: "合同", width: 45.0, align: Align::Left },
        Column { title: "类型", width: 17.0, align: Align::Center },
        Column { title: "合作单位（性质，地区）", width: 46.0, align: Align::Left },
        Column { title: "签订日期", width: 19.0, align: Align::Center },
        Column { title: "合同金额", width: 17.0, align: Align::Right },
        Column { title: "本年到账", width: 17.0, align: Align::Right },
    ];
    let rows: Vec<Vec<String>> = lines
        .iter()
        .enumerate()
        .map(|(n, l)| {
            vec![
                (n + 1).to_string(),
                contract_cell(l),
                l.kind.zh().to_string(),
                counterparty_cell(l),
                l.signed_on.format("%Y-%m-%d").to_string(),
                wan(l.amount_fen),
                wan(l.received_fen),
            ]
        })
        .collect();
    table_or_none(doc, &columns, &rows);
}

fn reward_table(doc: &mut Doc, lines: &[RewardLine]) {
    let columns = [
        Column { title: "序号", width: 10.0, align: Align::Center },
        Column { title: "收益分配", width: 16.0, align: Align::Center },
        Column { title: "合同编号", width: 24.0, align: Align::Left },
        Column { title: "姓名", width: 20.0, align: Align::Center },
        Column { title: "工号", width: 16.0, align: Align::Center },
        Column { title: "奖励方式", width: 18.0, align: Align::Center },
        Column { title: "金额 / 出资额（元）", width: 32.0, align: Align::Right },
        Column { title: "发放（登记）日期", width: 34.0, align: Align::Center },
    ];
    let rows: Vec<Vec<String>> = lines
        .iter()
        .enumerate()
        .map(|(n, l)| {
            vec![
                (n + 1).to_string(),
                format!("#{}", l.distribution),
                l.contract_no.clone(),
                l.name.clone(),
                l.employee_id.clone(),
                if l.equity { "股权奖励" } else { "现金奖励" }.to_string(),
                if l.waived { "放弃".to_string() } else { Money(l.amount).grouped() },
                date_zh(l.paid_on),
            ]
        })
        .collect();
    if rows.is_empty() {
        doc.paragraph("（本年度无）", BODY, Align::Left);
    } else {
        doc.table(&columns, &rows, &[], LIST);
        doc.gap(2.0);
        doc.paragraph("注：“放弃”为单位正职领导依规放弃的股权奖励，相应出资额归单位所有。", SMALL, Align::Left);
    }
}

fn pledge(doc: &mut Doc, i: &Indicators) {
    doc.gap(10.0);
    doc.heading("承诺书", 18.0, Align::Center);
    doc.gap(8.0);
    doc.paragraph(
        &format!(
            "　　本单位郑重承诺：所报送的《{}》及其附件中的各项数据和材料真实、准确、完整，与本单位的合同、财务和奖励发放记录一致，涉密科技成果已按规定不予填报。如有虚假，本单位愿承担相应责任。",
            title(i.year)
        ),
        12.0,
        Align::Left,
    );
    doc.gap(30.0);
    for line in ["单位负责人（签字）：______________", "单位（盖章）：", "日期：______年____月____日"] {
        doc.indented(75.0, line, 12.0, Align::Left);
        doc.gap(18.0);
    }
    doc.line_in(LEFT, RIGHT - LEFT, SMALL, &format!("填报单位：{}", i.institution), Align::Right);
}
