//! 个人奖励通知单: one page per person of an approved distribution, telling them how their reward
//! was computed (net income × ratio = pool; their weight and amount; the taxable part and why)
//! and where the distribution stands.

use crate::approved::{self, date_zh, percent, yuan, Tax};
use crate::pdf::{Align, Doc, BODY, LEFT, RIGHT, SMALL};
use crate::Error;
use std::path::Path;
use transferdesk_core::rewards::distribution::Distribution;
use transferdesk_core::rewards::plan::Allocation;
use transferdesk_core::store::audit::Disclosure;
use transferdesk_core::{store::institution, Actor, Store};

/// The statement's title.
const TITLE: &str = "科技成果转化奖励个人通知单";
/// Section headings, in pt.
const SECTION: f32 = 12.0;
/// Achievements listed by name before the rest are counted: a statement stays one page.
const LISTED_ACHIEVEMENTS: usize = 5;

/// Writes the statements of distribution `id` to `path` (A4 PDF): every person's, or only
/// `employee_id`'s (`not_found` when that person has no line in it). Refused with
/// `distribution_not_approved` for a draft. Returns the number of pages: one per person.
pub fn write(store: &mut Store, actor: &Actor, id: i64, path: &Path, employee_id: Option<&str>) -> Result<usize, Error> {
    let d = approved::load(store, id)?;
    let institution = institution::load(store)?;
    let lines: Vec<&Allocation> = match employee_id.map(str::trim) {
        Some(wanted) => {
            let found: Vec<&Allocation> = d.proposal.plan.allocations.iter().filter(|a| a.employee_id == wanted).collect();
            if found.is_empty() {
                return Err(transferdesk_core::Error::NotFound { what: "person", key: wanted.to_string() }.into());
            }
            found
        }
        None => d.proposal.plan.allocations.iter().collect(),
    };
    let footer = format!("收益分配 #{} · 合同 {}", d.id, d.proposal.plan.contract_no);
    let mut doc = Doc::new(TITLE, &footer).map_err(|message| Error::Pdf { path: path.display().to_string(), message })?;
    for (i, a) in lines.iter().enumerate() {
        if i > 0 {
            doc.new_page();
        }
        person(&mut doc, &d, a, &institution.name);
    }
    let (bytes, pages) = doc.finish_bytes(path)?;
    // Personal data (each person's reward): written with its audit entry.
    let disclosure = Disclosure { what: "statements", file: path, rows: lines.len(), full_id_numbers: false };
    crate::save_disclosed(store, actor, &disclosure, &bytes)?;
    Ok(pages)
}

fn person(doc: &mut Doc, d: &Distribution, a: &Allocation, institution: &str) {
    let p = &d.proposal;
    let plan = &p.plan;
    let equity = approved::is_equity(d);

    doc.heading(TITLE, 16.0, Align::Center);
    doc.gap(4.0);
    doc.field("姓名：", &format!("{}　　工号：{}　　所在院系：{}", a.name, a.employee_id, a.department), BODY);
    doc.field("单位：", institution, BODY);
    doc.field("收益分配：", &format!("#{}（{}）", d.id, d.state.zh()), BODY);
    if let Some(line) = approved::reversal_line(d) {
        doc.paragraph(&line, BODY, Align::Left);
    }

    doc.gap(3.0);
    doc.heading("一、合同与成果", SECTION, Align::Left);
    doc.field("合同：", &format!("{}　{}", plan.contract_no, p.contract_title), BODY);
    doc.field("转化方式：", &format!("{}　{}：{}", plan.kind.zh(), approved::counterparty_label(plan.kind), p.counterparty), BODY);
    doc.field(
        if equity { "作价金额：" } else { "合同金额：" },
        &format!("{} 元　签订日期：{}", yuan(p.contract_amount_fen.0), date_zh(p.signed_on)),
        BODY,
    );
    doc.field("技术合同登记号：", p.registration_no.as_deref().unwrap_or("未登记"), BODY);
    let mut achievements: Vec<String> =
        p.achievements.iter().take(LISTED_ACHIEVEMENTS).map(|x| format!("{} {}", x.achievement_no, x.title)).collect();
    if p.achievements.len() > LISTED_ACHIEVEMENTS {
        achievements.push(format!("等共 {} 项", p.achievements.len()));
    }
    doc.field("涉及成果：", &achievements.join("；"), BODY);

    doc.gap(3.0);
    doc.heading("二、奖励计算", SECTION, Align::Left);
    for (i, step) in steps(d, a).iter().enumerate() {
        doc.field(&format!("{}. ", i + 1), step, BODY);
    }
    doc.paragraph(
        "分配权重为各成果在合同中的权重与您在该成果中贡献份额之积的合计。各人奖励按最大余数法分配到分，之和恰等于奖励总额，故个别金额与按比例计算的结果可能相差1分（以“≈”表示）。",
        SMALL,
        Align::Left,
    );
    doc.gap(2.0);
    if equity {
        doc.field("您的奖励出资额：", &format!("{} 元", yuan(a.units.unwrap_or(0))), SECTION);
        if a.waived {
            doc.paragraph("您已放弃该股权奖励（单位正职领导不得获得股权奖励），由单位持有。", BODY, Align::Left);
        }
    } else {
        doc.field("您的奖励金额：", &format!("{} 元", yuan(a.amount_fen.unwrap_or(0))), SECTION);
        doc.field("计税金额：", &format!("{} 元", yuan(a.taxable_fen.unwrap_or(0))), SECTION);
    }
    doc.gap(1.0);
    doc.paragraph(&approved::tax_note(d), SMALL, Align::Left);

    doc.gap(3.0);
    doc.heading("三、办理情况", SECTION, Align::Left);
    doc.paragraph(&approved::state_line(d), BODY, Align::Left);
    doc.paragraph(&approved::period_line(d), BODY, Align::Left);
    if d.paid_on.is_none() {
        let when = d.payable_from().map(|on| format!("，{}起可以发放", date_zh(on))).unwrap_or_default();
        doc.paragraph(&format!("公示期满无异议后发放{when}。"), BODY, Align::Left);
    }

    doc.gap(8.0);
    doc.paragraph("如对本通知单有疑问，请与技术转移中心联系。", BODY, Align::Left);
    doc.gap(4.0);
    doc.line_in(LEFT, RIGHT - LEFT - 10.0, BODY + 1.0, institution, Align::Right);
    doc.line_in(LEFT, RIGHT - LEFT - 10.0, BODY + 1.0, "技术转移中心", Align::Right);
}

/// `=` when the proportional figure is exact, `≈` when the largest-remainder rule moved a fen.
fn equals(exact: bool) -> &'static str {
    if exact {
        "="
    } else {
        "≈"
    }
}

/// The arithmetic from the income to this person's reward, one line per step.
fn steps(d: &Distribution, a: &Allocation) -> Vec<String> {
    let plan = &d.proposal.plan;
    let equity = approved::is_equity(d);
    let value = |x: &Allocation| if equity { x.units } else { x.amount_fen }.unwrap_or(0);
    let pool = if equity { plan.pool_units.unwrap_or(0) } else { plan.pool_fen.map_or(0, |m| m.0) };
    let (pool_word, reward_word) = if equity { ("奖励出资额", "奖励出资额") } else { ("奖励总额", "奖励金额") };
    let mine = value(a);
    let mut steps = Vec::new();
    if !equity {
        steps.push(approved::net_line(d));
    }
    steps.push(approved::pool_line(d));

    let staff: Vec<&Allocation> = plan.allocations.iter().filter(|x| x.transfer_staff).collect();
    let staff_total: i64 = staff.iter().map(|x| value(x)).sum();
    if plan.agreed_amounts {
        // The team's own split (docs/rules/rewards.md "Amounts the team agreed"): no weight applies.
        let people = plan.allocations.len();
        steps.push(format!(
            "{pool_word} {} 元按团队成员签字确认的分配表分配（{people} 人，合计 {} 元）：您的{reward_word} {} 元",
            yuan(pool),
            yuan(plan.allocations.iter().map(value).sum()),
            yuan(mine)
        ));
    } else if a.transfer_staff {
        let share = d.proposal.transfer_staff_bp.map(percent).unwrap_or_else(|| "—".into());
        let n = staff.len() as i64;
        steps.push(format!(
            "技术转移人员奖励 {} 元（{pool_word} × {share}）÷ {n} 人 {} 您的{reward_word} {} 元",
            yuan(staff_total),
            equals(mine * n == staff_total),
            yuan(mine)
        ));
    } else {
        // Inventors share what is left once the transfer staff's part is taken off the pool.
        let base = pool - staff_total;
        let exact = i128::from(base) * i128::from(a.weight_bp) == i128::from(mine) * 10_000;
        let basis = if staff_total != 0 {
            format!("（{pool_word} − 技术转移人员奖励 {} 元）{} 元", yuan(staff_total), yuan(base))
        } else {
            format!("{pool_word} {} 元", yuan(base))
        };
        steps.push(format!("{basis} × 您的分配权重 {} {} 您的{reward_word} {} 元", percent(a.weight_bp), equals(exact), yuan(mine)));
    }
    if !equity {
        let taxable = a.taxable_fen.unwrap_or(0);
        steps.push(match approved::tax(d) {
            Tax::Half => format!("计税金额 = 奖励金额 {} 元 × 50% = {} 元", yuan(mine), yuan(taxable)),
            _ => format!("计税金额 = 奖励金额 = {} 元", yuan(taxable)),
        });
    }
    steps
}
