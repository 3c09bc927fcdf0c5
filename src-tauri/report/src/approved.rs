//! An approved distribution as the reward documents read it, and the wording they share. A draft
//! never reaches finance or a notice board: its figures may still change.

use crate::Error;
use chrono::{Datelike, NaiveDate};
use transferdesk_core::model::{ContractKind, DistributionState, LeaderLevel};
use transferdesk_core::rewards::distribution::{self, Distribution};
use transferdesk_core::rewards::plan::Allocation;
use transferdesk_core::{Money, Store};

/// The distribution `id`, refused with `distribution_not_approved` while it is a draft.
pub(crate) fn load(store: &Store, id: i64) -> Result<Distribution, Error> {
    let d = distribution::get(store, id)?;
    if d.state == DistributionState::Draft {
        let detail = format!("#{id} {}", d.state.zh());
        return Err(transferdesk_core::Error::Refused { code: "distribution_not_approved", detail }.into());
    }
    Ok(d)
}

/// An equity distribution counts registered capital (units) instead of cash.
pub(crate) fn is_equity(d: &Distribution) -> bool {
    d.proposal.plan.kind == ContractKind::Equity
}

/// `2025年3月2日`, the form of dates in Chinese official documents.
pub(crate) fn date_zh(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// `12,345.67`: yuan with separators, from integer fen.
pub(crate) fn yuan(fen: i64) -> String {
    Money(fen).grouped()
}

/// A share in basis points as a percentage with no trailing zeros: `70%`, `12.5%`, `33.33%`.
pub(crate) fn percent(bp: i64) -> String {
    let sign = if bp < 0 { "-" } else { "" };
    let (whole, frac) = (bp.unsigned_abs() / 100, bp.unsigned_abs() % 100);
    match frac {
        0 => format!("{sign}{whole}%"),
        f if f % 10 == 0 => format!("{sign}{whole}.{}%", f / 10),
        f => format!("{sign}{whole}.{f:02}%"),
    }
}

/// How a distribution's cash rewards are taxed (docs/rules/rewards.md "Taxable part").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tax {
    /// Equity: not taxed at grant.
    Equity,
    /// 财税〔2018〕58号: half counts into wage income.
    Half,
    /// The whole amount counts, for the reason given.
    Full(&'static str),
}

/// The tax treatment the saved lines carry. The lines decide, not the contract alone: paying
/// later than 36 months after the income makes core re-tax them in full.
pub(crate) fn tax(d: &Distribution) -> Tax {
    let plan = &d.proposal.plan;
    if is_equity(d) {
        return Tax::Equity;
    }
    if !matches!(plan.kind, ContractKind::Transfer | ContractKind::License) {
        return Tax::Full("技术开发、咨询、服务合同的奖励不在其列");
    }
    if d.proposal.registration_no.is_none() {
        return Tax::Full("合同未办理技术合同登记");
    }
    let halved = plan.allocations.iter().all(|a| a.taxable_fen == a.amount_fen.map(|fen| Money(fen).apply_bp(5000).0));
    if halved {
        Tax::Half
    } else {
        Tax::Full("发放时已超过取得转化收入后36个月")
    }
}

/// The sentence under a table or a statement that says how the rewards are taxed.
pub(crate) fn tax_note(d: &Distribution) -> String {
    match tax(d) {
        Tax::Equity => "股权奖励在授予时不征收个人所得税（国税发〔1999〕125号），符合条件的可经备案递延至转让股权时纳税（财税〔2016〕101号）。"
            .to_string(),
        Tax::Half => "适用财税〔2018〕58号：登记的技术转让、许可合同取得的现金奖励，在取得转化收入后36个月内发放并公示的，减按50%计入当月“工资、薪金所得”，依法缴纳个人所得税。"
            .to_string(),
        Tax::Full(reason) => format!("不适用财税〔2018〕58号减半计税（{reason}），奖励金额全额计入当月“工资、薪金所得”，依法缴纳个人所得税。"),
    }
}

/// 职务 on the notice: the leader level, or a dash for none.
pub(crate) fn post(level: LeaderLevel) -> &'static str {
    match level {
        LeaderLevel::None => "—",
        other => other.zh(),
    }
}

/// 备注 of a person's line: why the line is special (staff share, key contributor, leader, waiver).
pub(crate) fn remark(a: &Allocation) -> String {
    let mut parts: Vec<String> = Vec::new();
    if a.transfer_staff {
        parts.push("技术转移人员".into());
    }
    if a.key_contributor {
        parts.push("重要贡献人员".into());
    }
    if a.leader_level != LeaderLevel::None {
        parts.push(format!("{}领导", a.leader_level.zh()));
    }
    if a.waived {
        parts.push("已放弃，归单位所有".into());
    }
    parts.join("；")
}

/// 受让方 / 被许可方 / 投资企业 / 合作方, by contract kind.
pub(crate) fn counterparty_label(kind: ContractKind) -> &'static str {
    match kind {
        ContractKind::Transfer => "受让方",
        ContractKind::License => "被许可方",
        ContractKind::Equity => "投资企业",
        _ => "合作方",
    }
}

/// The publicity period as counted (the posting day does not count): first day, last day, days.
pub(crate) fn period(d: &Distribution) -> Option<(NaiveDate, NaiveDate, u32)> {
    let first = d.publicity_from?.succ_opt()?;
    Some((first, d.publicity_ends_on?, d.publicity_days?))
}

/// `公示期：2025年3月12日至2025年3月26日（15日）`, or blanks to fill in by hand while the
/// distribution is approved but not yet posted.
pub(crate) fn period_line(d: &Distribution) -> String {
    match period(d) {
        Some((first, last, days)) => format!("公示期：{}至{}（{days}日）", date_zh(first), date_zh(last)),
        None => "公示期：______年____月____日至______年____月____日（______日）".to_string(),
    }
}

/// The state and the dates reached so far, one line.
pub(crate) fn state_line(d: &Distribution) -> String {
    let mut parts = vec![format!("状态：{}", d.state.zh())];
    if let Some(on) = d.decision_on {
        parts.push(format!("集体决策：{}", date_zh(on)));
    }
    if let Some(from) = d.publicity_from {
        parts.push(format!("公示发布：{}", date_zh(from)));
    }
    if let Some(ends) = d.publicity_ends_on {
        parts.push(format!("公示截止：{}", date_zh(ends)));
    }
    if let Some(paid) = d.paid_on {
        parts.push(format!("发放：{}", date_zh(paid)));
    }
    parts.join("；")
}

/// For a reversal (冲销), the line that says what it cancels and why.
pub(crate) fn reversal_line(d: &Distribution) -> Option<String> {
    let original = d.reverses_id?;
    let reason = d.reason.as_deref().unwrap_or("");
    Some(format!("本分配为收益分配 #{original} 的冲销（金额为负数）：{reason}"))
}

/// The pool's computation in one line: net income × ratio = pool (or units for equity).
pub(crate) fn pool_line(d: &Distribution) -> String {
    let plan = &d.proposal.plan;
    match (plan.equity_units, plan.pool_units) {
        (Some(units), Some(pool)) if is_equity(d) => {
            format!("获得股权（出资额）{} 元 × 奖励比例 {} = 奖励出资额 {} 元", yuan(units), percent(plan.ratio_bp), yuan(pool))
        }
        _ => format!(
            "净收入 {} 元 × 奖励比例 {} = 奖励总额 {} 元",
            yuan(plan.net_income_fen.0),
            percent(plan.ratio_bp),
            yuan(plan.pool_fen.unwrap_or(Money::ZERO).0)
        ),
    }
}

/// The net income's computation: receipts − costs (− costs carried in) = net.
pub(crate) fn net_line(d: &Distribution) -> String {
    let plan = &d.proposal.plan;
    let carried = if plan.carried_in_costs_fen.0 != 0 {
        format!(" − 上期结转费用 {} 元", yuan(plan.carried_in_costs_fen.0))
    } else {
        String::new()
    };
    let floor = if plan.carried_out_costs_fen.0 > 0 {
        format!("（费用超出收入，{} 元结转下期）", yuan(plan.carried_out_costs_fen.0))
    } else {
        String::new()
    };
    format!(
        "到账收入 {} 元 − 成本费用 {} 元{carried} = 净收入 {} 元{floor}",
        yuan(plan.receipts_fen.0),
        yuan(plan.costs_fen.0),
        yuan(plan.net_income_fen.0)
    )
}

/// The institution's part split among the policy's recipients (docs/rules/rewards.md
/// "Recipients of the institution's part"), or `None` when the policy names none.
pub fn recipients_line(d: &Distribution) -> Option<String> {
    let plan = &d.proposal.plan;
    if plan.recipients.is_empty() {
        return None;
    }
    let parts: Vec<String> = plan
        .recipients
        .iter()
        .map(|r| format!("{} {}%　{} 元", r.name, transferdesk_core::share::format_percent(r.share_bp), yuan(r.amount_fen.0)))
        .collect();
    Some(format!("单位留存 {} 元，其中：{}。", yuan(plan.institution_fen.0), parts.join("；")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_drop_trailing_zeros() {
        assert_eq!(percent(7000), "70%");
        assert_eq!(percent(1250), "12.5%");
        assert_eq!(percent(3333), "33.33%");
        assert_eq!(percent(5), "0.05%");
        assert_eq!(percent(-5000), "-50%");
    }

    #[test]
    fn dates_are_written_without_leading_zeros() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 2).expect("valid date");
        assert_eq!(date_zh(d), "2025年3月2日");
    }
}
