//! 科技成果转化收益分配公示: the publicity notice of an approved distribution (`rewards notice`).
//! It shows what 财税〔2018〕58号 and 国科发政〔2018〕103号 ask a reward publicity to show
//! (docs/rules/publicity.md "Reward publicity"): the achievements and how they were transformed,
//! the income and when it arrived, the technical contract's registration, each person's name, post
//! and reward, the period, and how to object.

use crate::approved::{self, date_zh, yuan};
use crate::pdf::{Align, Column, Doc, BODY, LEFT, RIGHT};
use crate::Error;
use std::path::Path;
use transferdesk_core::rewards::distribution::Distribution;
use transferdesk_core::store::institution::{self, Contact};
use transferdesk_core::Store;

/// The notice's title.
const TITLE: &str = "科技成果转化收益分配公示";
/// Section headings, in pt.
const SECTION: f32 = 12.0;

/// Writes the publicity notice of distribution `id` to `path` (A4 PDF). Refused with
/// `distribution_not_approved` for a draft. Approved but not yet posted, the period is printed as
/// blanks to fill in by hand; a long list of people continues on further pages under a repeated
/// table header.
pub fn write(store: &Store, id: i64, path: &Path) -> Result<(), Error> {
    let d = approved::load(store, id)?;
    let profile = institution::load_profile(store)?;
    let footer = format!("收益分配 #{} · 合同 {}", d.id, d.proposal.plan.contract_no);
    let mut doc = Doc::new(TITLE, &footer).map_err(|message| Error::Pdf { path: path.display().to_string(), message })?;
    lay_out(&mut doc, &d, &profile.institution.name, &profile.contact);
    doc.finish(path)?;
    Ok(())
}

fn lay_out(doc: &mut Doc, d: &Distribution, institution: &str, contact: &Contact) {
    let p = &d.proposal;
    let plan = &p.plan;
    let equity = approved::is_equity(d);

    doc.heading(TITLE, 18.0, Align::Center);
    doc.gap(4.0);
    let decided = d.decision_on.map(|on| format!("经{}集体决策，", date_zh(on))).unwrap_or_default();
    doc.paragraph(
        &format!(
            "　　根据《中华人民共和国促进科技成果转化法》和{}，{decided}现将“{}”（合同编号 {}）的收益分配方案予以公示。",
            p.policy_document.as_deref().unwrap_or("本单位科技成果转化收益分配办法"),
            p.contract_title,
            plan.contract_no
        ),
        BODY,
        Align::Left,
    );
    if let Some(line) = approved::reversal_line(d) {
        doc.paragraph(&line, BODY, Align::Left);
    }

    doc.gap(2.0);
    doc.heading("一、科技成果", SECTION, Align::Left);
    if p.achievements.is_empty() {
        doc.paragraph("（合同未列明成果）", BODY, Align::Left);
    }
    for (i, a) in p.achievements.iter().enumerate() {
        doc.field(&format!("{}. {}　", i + 1, a.achievement_no), &a.title, BODY);
    }

    doc.gap(2.0);
    doc.heading("二、转化方式", SECTION, Align::Left);
    doc.field("转化方式：", plan.kind.zh(), BODY);
    doc.field("合同名称：", &format!("{}（合同编号 {}）", p.contract_title, plan.contract_no), BODY);
    doc.field(&format!("{}：", approved::counterparty_label(plan.kind)), &p.counterparty, BODY);
    let amount_label = if equity { "作价金额：" } else { "合同金额：" };
    doc.field(amount_label, &format!("{} 元", yuan(p.contract_amount_fen.0)), BODY);
    doc.field("签订日期：", &date_zh(p.signed_on), BODY);
    doc.field("技术合同登记号：", p.registration_no.as_deref().unwrap_or("未登记"), BODY);

    doc.gap(2.0);
    doc.heading("三、转化收入及到账情况", SECTION, Align::Left);
    if equity {
        let units = plan.equity_units.unwrap_or(0);
        doc.paragraph(&format!("以成果作价投资，获得股权（出资额）{} 元，未取得现金收入。", yuan(units)), BODY, Align::Left);
    } else {
        if plan.receipts.is_empty() {
            doc.paragraph("本次分配无新到账。", BODY, Align::Left);
        }
        for r in &plan.receipts {
            let voucher = r.voucher_no.as_deref().map(|v| format!("（凭证号 {v}）")).unwrap_or_default();
            doc.field("到账：", &format!("{}　{} 元{voucher}", date_zh(r.received_on), yuan(r.amount_fen.0)), BODY);
        }
        doc.paragraph(&approved::net_line(d), BODY, Align::Left);
    }
    doc.paragraph(&format!("{}。", approved::pool_line(d)), BODY, Align::Left);
    if let Some(line) = approved::recipients_line(d) {
        doc.paragraph(&line, BODY, Align::Left);
    }

    doc.gap(2.0);
    doc.heading("四、奖励分配", SECTION, Align::Left);
    if plan.agreed_amounts {
        doc.paragraph("　　奖励按团队成员签字确认的分配表确定的金额分配。", BODY, Align::Left);
    }
    people(doc, d);

    doc.gap(2.0);
    doc.heading("五、公示期", SECTION, Align::Left);
    doc.paragraph(&approved::period_line(d), BODY, Align::Left);
    doc.paragraph(
        &format!("公示期内无异议的，按上述方案发放（{}）。", if equity { "办理股权登记" } else { "现金奖励" }),
        BODY,
        Align::Left,
    );

    doc.gap(2.0);
    doc.heading("六、异议方式", SECTION, Align::Left);
    // The period is restated here so that a reader of this section alone knows until when.
    let within = match approved::period(d) {
        Some((first, last, _)) => format!("公示期内（{}至{}）", date_zh(first), date_zh(last)),
        None => "公示期内".to_string(),
    };
    let office = contact.office.as_deref().unwrap_or("技术转移中心");
    doc.paragraph(
        &format!(
            "　　{within}，对上述内容有异议的，请以书面形式向{office}提出，写明异议人的真实姓名、联系方式及异议的事实和理由；匿名或逾期提出的异议不予受理。"
        ),
        BODY,
        Align::Left,
    );
    if let Some(line) = contact.line() {
        doc.paragraph(&format!("　　{line}。"), BODY, Align::Left);
    }

    // The signature block stays on one page: institution and date together.
    doc.gap(8.0);
    doc.keep(20.0);
    doc.line_in(LEFT, RIGHT - LEFT - 10.0, BODY + 1.0, institution, Align::Right);
    let dated = d.publicity_from.map(date_zh).unwrap_or_else(|| "______年____月____日".to_string());
    doc.line_in(LEFT, RIGHT - LEFT - 10.0, BODY + 1.0, &dated, Align::Right);
}

/// The table of people: 序号, 姓名, 所在院系, 职务, and the reward (cash or units), with a total.
fn people(doc: &mut Doc, d: &Distribution) {
    let equity = approved::is_equity(d);
    let columns = [
        Column { title: "序号", width: 12.0, align: Align::Center },
        Column { title: "姓名", width: 28.0, align: Align::Center },
        Column { title: "所在院系", width: 58.0, align: Align::Left },
        Column { title: "职务", width: 24.0, align: Align::Center },
        Column { title: if equity { "奖励出资额（元）" } else { "奖励金额（元）" }, width: 48.0, align: Align::Right },
    ];
    let mut rows = Vec::new();
    let mut total = 0i64;
    for (i, a) in d.proposal.plan.allocations.iter().enumerate() {
        let value = if equity { a.units } else { a.amount_fen }.unwrap_or(0);
        total += value;
        let reward = if a.waived { format!("{}\n（已放弃，归单位所有）", yuan(value)) } else { yuan(value) };
        rows.push(vec![(i + 1).to_string(), a.name.clone(), a.department.clone(), approved::post(a.leader_level).to_string(), reward]);
    }
    let total_row = rows.len();
    rows.push(vec![String::new(), "合计".into(), String::new(), String::new(), yuan(total)]);
    doc.table(&columns, &rows, &[total_row], BODY);
}
