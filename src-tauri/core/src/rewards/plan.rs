//! The reward plan (docs/rules/rewards.md "The plan of the next distribution"): net income, the
//! pool, each person's exact share and the findings. A pure computation over the facts of one
//! contract, so that the CLI, the app and the tests compute the same figures.

use crate::model::{ContractKind, LeaderLevel};
use crate::money::{allocate, AmountError, Money};
use crate::problem::{Problem, ProblemKind};
use crate::rewards::policy::{Recipient, Terms};
use crate::share::FULL_BP;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One person's amount as the team agreed it (docs/rules/rewards.md "Amounts the team agreed"):
/// fen for a cash distribution, units of registered capital for equity — or an exact fraction of
/// the pool, which the plan turns into the amount.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgreedAmount {
    /// 工号.
    pub employee_id: String,
    /// 金额 in fen (units for equity); computed by the plan when `fraction` is given.
    pub amount_fen: Money,
    /// Where it was given: the file's row (1-based, header = 1), or the form's line; 0: nowhere in particular.
    #[serde(default)]
    pub row: u32,
    /// The person's exact fraction of the pool (e.g. 10/28), instead of an amount.
    #[serde(default)]
    pub fraction: Option<Fraction>,
}

/// An exact fraction such as 10/28, as a team's allocation form may give a person's part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Fraction {
    /// The part (≥ 0).
    #[ts(type = "number")]
    pub numerator: i64,
    /// Of how many (≥ 1).
    #[ts(type = "number")]
    pub denominator: i64,
}

/// The largest denominator a fraction (and the common denominator of all of them) may have: far
/// beyond any team's form, and small enough that every product stays exact in `i128`.
const MAX_DENOMINATOR: i64 = 1_000_000_000;

impl Fraction {
    /// Reads `a/b` (full-width ／ accepted, spaces allowed): whole numbers, `b` from 1.
    pub fn parse(text: &str) -> Option<Fraction> {
        let (a, b) = text.trim().split_once(['/', '／'])?;
        let number = |t: &str| t.trim().parse::<i64>().ok().filter(|n| t.trim().bytes().all(|c| c.is_ascii_digit()) && *n >= 0);
        let (numerator, denominator) = (number(a)?, number(b)?);
        (1..=MAX_DENOMINATOR).contains(&denominator).then_some(Fraction { numerator, denominator })
    }
}

impl std::fmt::Display for Fraction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.numerator, self.denominator)
    }
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 {
        a.abs()
    } else {
        gcd(b, a % b)
    }
}

/// Agreed fractions made amounts (docs/rules/rewards.md "Amounts the team agreed"): they must be
/// all or none of the lines and add up to exactly 1; then each person gets `to_split` × their
/// fraction, to the fen by the largest remainder, so that the amounts make the pool exactly.
fn amounts_of_fractions(amounts: &[AgreedAmount], to_split: i64) -> Result<Vec<AgreedAmount>, Vec<Problem>> {
    let given = amounts.iter().filter(|a| a.fraction.is_some()).count();
    if given == 0 {
        return Ok(amounts.to_vec());
    }
    let at = |a: &AgreedAmount, value: String, kind| Problem {
        sheet: String::new(),
        row: a.row as usize,
        col: None,
        column: "金额".into(),
        value,
        kind,
    };
    let mut problems = Vec::new();
    // The least common denominator, and Σ n/d over it.
    let mut common = 1i128;
    for a in amounts {
        match a.fraction {
            None => problems.push(at(a, a.amount_fen.plain(), ProblemKind::FractionsMixed)),
            Some(f) if f.numerator < 0 || !(1..=MAX_DENOMINATOR).contains(&f.denominator) => {
                problems.push(at(a, f.to_string(), ProblemKind::Fraction));
            }
            Some(f) => {
                let d = i128::from(f.denominator);
                common = common / gcd(common, d) * d;
                if common > i128::from(MAX_DENOMINATOR) {
                    problems.push(at(a, f.to_string(), ProblemKind::Fraction));
                    return Err(problems);
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let weight = |f: Fraction| i128::from(f.numerator) * (common / i128::from(f.denominator));
    let sum: i128 = amounts.iter().filter_map(|a| a.fraction).map(weight).sum();
    if sum != common {
        let g = gcd(sum, common);
        let shown = format!("{}/{}", sum / g, common / g);
        return Err(vec![Problem::field("金额", shown.clone(), ProblemKind::NotWhole(shown))]);
    }
    // Each weight is the fraction over the common denominator: exact integers summing to it, each
    // at most it (the fractions are ≥ 0 and sum to 1), so within i64.
    let weights: Vec<(usize, i64)> = amounts.iter().enumerate().filter_map(|(i, a)| a.fraction.map(|f| (i, weight(f) as i64))).collect();
    Ok(amounts
        .iter()
        .zip(allocate(to_split, &weights))
        .map(|(a, amount)| AgreedAmount { amount_fen: Money(amount), ..a.clone() })
        .collect())
}

/// What a plan takes beyond the contract's facts: the amounts the team agreed (`None`: split the
/// pool by contribution shares, as always) and the policy's institutional recipients.
#[derive(Clone, Debug, Default)]
pub struct Split {
    /// The team's own allocation.
    pub amounts: Option<Vec<AgreedAmount>>,
    /// The version's recipients of the institution's part.
    pub recipients: Vec<Recipient>,
}

/// An institutional recipient's line (docs/rules/rewards.md "Recipients of the institution's part").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct RecipientLine {
    /// 学院, 学校, 转化办, a fund….
    pub name: String,
    /// Its share of the net income in the policy, bp.
    #[ts(type = "number")]
    pub share_bp: i64,
    /// Its part of the institution's part, to the fen (largest remainder).
    pub amount_fen: Money,
}

/// A person who can share in a distribution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contributor {
    /// 工号.
    pub employee_id: String,
    /// 姓名.
    pub name: String,
    /// Contribution share in the achievement, bp.
    pub share_bp: i64,
    /// 重要贡献人员.
    pub key_contributor: bool,
    /// 领导职务.
    pub leader_level: LeaderLevel,
    /// 所在院系.
    pub department: String,
}

/// An achievement of the contract with its weight and inventors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeightedAchievement {
    /// Weight in the contract, bp.
    pub weight_bp: i64,
    /// Inventors with shares summing to 10000.
    pub inventors: Vec<Contributor>,
}

/// A receipt as the plan lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ReceiptLine {
    /// 到账日期.
    pub received_on: NaiveDate,
    /// 到账金额.
    pub amount_fen: Money,
    /// 凭证号.
    pub voucher_no: Option<String>,
}

/// Everything a plan is computed from.
#[derive(Clone, Debug)]
pub struct PlanInput {
    /// 合同编号.
    pub contract_no: String,
    /// 转化方式.
    pub kind: ContractKind,
    /// A registered technical contract (技术合同登记号) qualifies for 财税〔2018〕58号.
    pub registered: bool,
    /// 获得股权 for equity contracts.
    pub equity_units: Option<Money>,
    /// Receipts not yet distributed, up to the `through` date.
    pub receipts: Vec<ReceiptLine>,
    /// Costs not yet absorbed, up to the `through` date.
    pub costs: Money,
    /// Costs carried in from the previous distribution.
    pub carried_in_costs: Money,
    /// The contract's achievements.
    pub achievements: Vec<WeightedAchievement>,
    /// Transfer staff named on the distribution (used when the policy has a staff share).
    pub transfer_staff: Vec<Contributor>,
    /// The policy's terms for this contract.
    pub terms: Terms,
}

/// One person's line of a plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Allocation {
    /// 工号.
    pub employee_id: String,
    /// 姓名.
    pub name: String,
    /// 所在院系.
    pub department: String,
    /// Σ achievement weight × inventor share, bp (rounded for display; the split uses it exactly).
    #[ts(type = "number")]
    pub weight_bp: i64,
    /// The cash reward in fen (absent for equity).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(type = "number | null", optional)]
    pub amount_fen: Option<i64>,
    /// The part counted into wage income under 财税〔2018〕58号 (absent for equity).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(type = "number | null", optional)]
    pub taxable_fen: Option<i64>,
    /// Equity only: units of registered capital (fen of yuan).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(type = "number | null", optional)]
    pub units: Option<i64>,
    /// 重要贡献人员 on any of the achievements.
    pub key_contributor: bool,
    /// 领导职务.
    pub leader_level: LeaderLevel,
    /// A transfer-staff line (taken off the pool first).
    pub transfer_staff: bool,
    /// A unit principal leader's equity part given up by a recorded decision: the institution keeps it.
    pub waived: bool,
}

/// How bad a finding is: an error blocks approval unless overridden.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks approval.
    Error,
    /// To be seen, not blocking.
    Warning,
}

/// Every finding code of docs/rules/rewards.md "Findings" (stable: the CLI's JSON and the UI
/// switch on them).
pub const FINDING_CODES: &[&str] = &[
    "key_contributors_below_minimum",
    "principal_leader_equity_blocked",
    "leader_reward_needs_publicity",
    "granted_ownership_no_unit_reward",
    "transfer_staff_below_minimum",
];

/// A rule that a plan breaks or must respect (codes of docs/rules/rewards.md "Findings").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Finding {
    /// Stable code.
    pub code: &'static str,
    /// error or warning.
    pub severity: Severity,
    /// The person concerned, if one.
    pub employee_id: Option<String>,
    /// For a finding about a share: the rule's figure, bp of the pool (the policy's minimum).
    #[serde(default)]
    #[ts(type = "number | null")]
    pub rule_bp: Option<i64>,
    /// For a finding about a share: the actual share, bp of the pool, rounded down so that a
    /// share below the rule never shows as equal to it.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub actual_bp: Option<i64>,
}

impl Finding {
    /// A finding about one person, or about the plan as a whole (`employee_id` None).
    pub fn new(code: &'static str, severity: Severity, employee_id: Option<&str>) -> Finding {
        Finding { code, severity, employee_id: employee_id.map(str::to_string), rule_bp: None, actual_bp: None }
    }

    /// The rule's figure and the actual share, as the finding's sentence states them
    /// ("40%，低于政策规定的最低比例 50%").
    pub fn figures(&self) -> Option<(i64, i64)> {
        self.rule_bp.zip(self.actual_bp)
    }
}

/// `part` of `whole` in bp, rounded down (whole > 0).
fn share_floor_bp(part: i64, whole: i64) -> i64 {
    i64::try_from(i128::from(part) * i128::from(FULL_BP) / i128::from(whole)).unwrap_or(i64::MAX)
}

/// The next distribution of a contract, as `rewards plan` shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Plan {
    /// 合同编号.
    pub contract_no: String,
    /// 转化方式.
    pub kind: ContractKind,
    /// Receipts included.
    pub receipts: Vec<ReceiptLine>,
    /// Their sum.
    pub receipts_fen: Money,
    /// Costs included (not counting those carried in).
    pub costs_fen: Money,
    /// Costs carried in from the previous distribution.
    pub carried_in_costs_fen: Money,
    /// receipts − costs − carried-in costs, never below zero.
    pub net_income_fen: Money,
    /// Costs left over for the next distribution.
    pub carried_out_costs_fen: Money,
    /// The policy's ratio for this kind.
    #[ts(type = "number")]
    pub ratio_bp: i64,
    /// round_half_up(net × ratio) (absent for equity, which has `pool_units`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub pool_fen: Option<Money>,
    /// Equity only: registered capital received.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(type = "number | null", optional)]
    pub equity_units: Option<i64>,
    /// Equity only: round_half_up(units × ratio).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(type = "number | null", optional)]
    pub pool_units: Option<i64>,
    /// Lines, by amount descending then employee ID.
    pub allocations: Vec<Allocation>,
    /// net − pool: what the institution keeps.
    pub institution_fen: Money,
    /// Equity only: units − pool units, plus any waived part.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(type = "number | null", optional)]
    pub institution_units: Option<i64>,
    /// Rule findings.
    pub findings: Vec<Finding>,
    /// The institution's part split among the policy's recipients (empty: it keeps it whole).
    pub recipients: Vec<RecipientLine>,
    /// The lines are the amounts the team agreed, not shares of the pool.
    pub agreed_amounts: bool,
}

/// Computes the plan. The pool is split by the largest-remainder rule, so that
/// `Σ amount == pool` always and each line is within one fen (unit) of its exact share.
pub fn plan(input: &PlanInput) -> Plan {
    build(input, &[], None)
}

/// [`plan`] with the amounts the team agreed and the policy's recipients. The amounts are refused
/// with every problem at its row (`row` of each amount): a person who is neither an inventor of
/// the contract nor named staff, a person given twice, a negative amount, and a sum that is not
/// the pool to the fen.
pub fn plan_with(input: &PlanInput, split: &Split) -> Result<Plan, Vec<Problem>> {
    let agreed = match &split.amounts {
        Some(amounts) => {
            let (_, pool, pool_units) = pools(input);
            let amounts = amounts_of_fractions(amounts, pool_units.unwrap_or(pool.0))?;
            let problems = check_amounts(input, &amounts);
            if !problems.is_empty() {
                return Err(problems);
            }
            Some(amounts)
        }
        None => None,
    };
    Ok(build(input, &split.recipients, agreed.as_deref()))
}

/// Net income, the cash pool and, for equity, the pool in units.
fn pools(input: &PlanInput) -> (Money, Money, Option<i64>) {
    let receipts_fen = input.receipts.iter().map(|r| r.amount_fen.0).sum::<i64>();
    let net = Money((receipts_fen - input.costs.0 - input.carried_in_costs.0).max(0));
    let equity = input.kind == ContractKind::Equity;
    let pool = if equity { Money::ZERO } else { net.apply_bp(input.terms.ratio_bp) };
    let pool_units = input.equity_units.filter(|_| equity).map(|u| u.apply_bp(input.terms.ratio_bp).0);
    (net, pool, pool_units)
}

/// Every problem of agreed amounts, at its row (docs/rules/rewards.md "Amounts the team agreed").
pub fn check_amounts(input: &PlanInput, amounts: &[AgreedAmount]) -> Vec<Problem> {
    let (_, pool, pool_units) = pools(input);
    let to_split = pool_units.unwrap_or(pool.0);
    let at = |a: &AgreedAmount, column: &str, value: String, kind| Problem {
        sheet: String::new(),
        row: a.row as usize,
        col: None,
        column: column.to_string(),
        value,
        kind,
    };
    let known = |id: &str| {
        input.transfer_staff.iter().any(|s| s.employee_id == id)
            || input.achievements.iter().any(|a| a.inventors.iter().any(|i| i.employee_id == id))
    };
    let mut out = Vec::new();
    for (i, a) in amounts.iter().enumerate() {
        let id = a.employee_id.trim();
        if id.is_empty() {
            out.push(at(a, "工号", String::new(), ProblemKind::Required));
        } else if let Some(first) = amounts[..i].iter().find(|b| b.employee_id.trim() == id) {
            let kind =
                if first.row > 0 { ProblemKind::DuplicateInFile(first.row as usize) } else { ProblemKind::RepeatedEntry(id.to_string()) };
            out.push(at(a, "工号", id.to_string(), kind));
        } else if !known(id) {
            out.push(at(a, "工号", id.to_string(), ProblemKind::NotAContributor));
        }
        if a.amount_fen < Money::ZERO {
            out.push(at(a, "金额", a.amount_fen.plain(), ProblemKind::Amount(AmountError::Negative)));
        }
    }
    let sum: i64 = amounts.iter().map(|a| a.amount_fen.0).sum();
    if sum != to_split {
        out.push(Problem::field("金额", Money(sum).plain(), ProblemKind::NotThePool(sum, to_split)));
    }
    out
}

fn build(input: &PlanInput, recipients: &[Recipient], agreed: Option<&[AgreedAmount]>) -> Plan {
    let receipts_fen = Money(input.receipts.iter().map(|r| r.amount_fen.0).sum());
    let charges = input.costs.0 + input.carried_in_costs.0;
    let (net, pool, pool_units) = pools(input);
    let carried_out = Money((charges - receipts_fen.0).max(0));
    let ratio = input.terms.ratio_bp;
    let equity = input.kind == ContractKind::Equity;
    let to_split = pool_units.unwrap_or(pool.0);
    // The team's own amounts, by employee ID (a person the team left out gets a line of 0).
    let agreed_of = |id: &str| agreed.map(|a| a.iter().filter(|x| x.employee_id.trim() == id).map(|x| x.amount_fen.0).sum::<i64>());

    // Transfer staff are paid first from their share of the pool, split equally among them.
    let staff_part = match input.terms.transfer_staff_bp {
        Some(bp) if !input.transfer_staff.is_empty() && agreed.is_none() => Money(to_split).apply_bp(bp).0,
        _ => 0,
    };
    let mut lines: Vec<Allocation> = Vec::new();
    let staff: Vec<(&str, i64)> = input.transfer_staff.iter().map(|s| (s.employee_id.as_str(), 1)).collect();
    for (s, amount) in input.transfer_staff.iter().zip(allocate(staff_part, &staff)) {
        // A person both staff and inventor takes an agreed amount once, on the inventor's line.
        let inventor = input.achievements.iter().any(|a| a.inventors.iter().any(|i| i.employee_id == s.employee_id));
        let agreed = agreed_of(&s.employee_id).map(|a| if inventor { 0 } else { a });
        lines.push(line(s, 0, agreed.unwrap_or(amount), false, true));
    }

    // A person's weight is Σ achievement weight × share, in bp·bp so that it stays exact.
    let mut people: Vec<(Contributor, i64, bool)> = Vec::new();
    for a in &input.achievements {
        for i in &a.inventors {
            let w = a.weight_bp * i.share_bp;
            match people.iter_mut().find(|(p, _, _)| p.employee_id == i.employee_id) {
                Some(entry) => {
                    entry.1 += w;
                    entry.2 |= i.key_contributor;
                }
                None => people.push((i.clone(), w, i.key_contributor)),
            }
        }
    }
    let keyed: Vec<(&str, i64)> = people.iter().map(|(p, w, _)| (p.employee_id.as_str(), *w)).collect();
    for ((p, w, key), amount) in people.iter().zip(allocate(to_split - staff_part, &keyed)) {
        let amount = agreed_of(&p.employee_id).unwrap_or(amount);
        lines.push(line(p, crate::money::round_half_up(i128::from(*w), i128::from(FULL_BP)) as i64, amount, *key, false));
    }
    // 58号: half of a cash reward from a registered transfer or license counts as wage income;
    // equity is not taxed at grant.
    let half_taxable = input.registered && matches!(input.kind, ContractKind::Transfer | ContractKind::License);
    for l in &mut lines {
        let amount = l.amount();
        if equity {
            (l.units, l.amount_fen, l.taxable_fen) = (Some(amount), None, None);
        } else {
            l.taxable_fen = Some(if half_taxable { Money(amount).apply_bp(5000).0 } else { amount });
        }
    }
    lines.sort_by(|a, b| b.amount().cmp(&a.amount()).then_with(|| a.employee_id.cmp(&b.employee_id)));

    let findings = findings(input, &lines, to_split);
    let institution = Money(net.0 - pool.0);
    let weights: Vec<(&str, i64)> = recipients.iter().map(|r| (r.name.as_str(), r.share_bp)).collect();
    let recipients = recipients
        .iter()
        .zip(allocate(institution.0, &weights))
        .map(|(r, amount)| RecipientLine { name: r.name.clone(), share_bp: r.share_bp, amount_fen: Money(amount) })
        .collect();
    Plan {
        contract_no: input.contract_no.clone(),
        kind: input.kind,
        receipts: input.receipts.clone(),
        receipts_fen,
        costs_fen: input.costs,
        carried_in_costs_fen: input.carried_in_costs,
        net_income_fen: net,
        carried_out_costs_fen: carried_out,
        ratio_bp: ratio,
        pool_fen: (!equity).then_some(pool),
        equity_units: input.equity_units.filter(|_| equity).map(|u| u.0),
        pool_units,
        allocations: lines,
        institution_fen: institution,
        institution_units: input.equity_units.filter(|_| equity).zip(pool_units).map(|(u, p)| u.0 - p),
        findings,
        recipients,
        agreed_amounts: agreed.is_some(),
    }
}

impl Allocation {
    /// The amount in fen, or in units for equity.
    pub fn amount(&self) -> i64 {
        self.units.or(self.amount_fen).unwrap_or(0)
    }
}

fn line(p: &Contributor, weight_bp: i64, amount: i64, key: bool, transfer_staff: bool) -> Allocation {
    Allocation {
        employee_id: p.employee_id.clone(),
        name: p.name.clone(),
        department: p.department.clone(),
        weight_bp,
        amount_fen: Some(amount),
        taxable_fen: None,
        units: None,
        key_contributor: key,
        leader_level: p.leader_level,
        transfer_staff,
        waived: false,
    }
}

fn findings(input: &PlanInput, lines: &[Allocation], pool: i64) -> Vec<Finding> {
    let mut out = Vec::new();
    let finding = Finding::new;
    let key_sum: i64 = lines.iter().filter(|l| l.key_contributor).map(Allocation::amount).sum();
    let below = |part: i64, min_bp: i64| i128::from(part) * i128::from(FULL_BP) < i128::from(pool) * i128::from(min_bp);
    let share = |code, part: i64, min_bp: i64| Finding {
        rule_bp: Some(min_bp),
        actual_bp: Some(share_floor_bp(part, pool)),
        ..finding(code, Severity::Error, None)
    };
    if pool > 0 && below(key_sum, input.terms.key_contributor_min_bp) {
        out.push(share("key_contributors_below_minimum", key_sum, input.terms.key_contributor_min_bp));
    }
    let staff_sum: i64 = lines.iter().filter(|l| l.transfer_staff).map(Allocation::amount).sum();
    if let Some(min) = input.terms.transfer_staff_min_bp.filter(|min| pool > 0 && below(staff_sum, *min)) {
        out.push(share("transfer_staff_below_minimum", staff_sum, min));
    }
    for l in lines {
        if input.kind == ContractKind::Equity && l.leader_level == LeaderLevel::UnitPrincipal && l.amount() > 0 {
            out.push(finding("principal_leader_equity_blocked", Severity::Error, Some(&l.employee_id)));
        }
        if l.leader_level != LeaderLevel::None && l.amount() > 0 {
            out.push(finding("leader_reward_needs_publicity", Severity::Warning, Some(&l.employee_id)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rewards::policy::Policy;
    use proptest::prelude::*;
    use rstest::rstest;

    #[rstest]
    #[case("10/28", Some((10, 28)))]
    #[case(" 1 ／ 3 ", Some((1, 3)))]
    #[case("0/5", Some((0, 5)))]
    #[case("1/0", None)]
    #[case("-1/2", None)]
    #[case("1/-2", None)]
    #[case("+1/2", None)]
    #[case("1.5/3", None)]
    #[case("1/2/3", None)]
    #[case("/3", None)]
    #[case("1/1000000001", None)]
    #[case("99999999999999999999/3", None)]
    fn fractions_read_whole_numbers_only(#[case] text: &str, #[case] expected: Option<(i64, i64)>) {
        assert_eq!(Fraction::parse(text).map(|f| (f.numerator, f.denominator)), expected, "{text}");
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid")
    }

    fn person(id: &str, share_bp: i64, key: bool) -> Contributor {
        Contributor {
            employee_id: id.into(),
            name: format!("姓名{id}"),
            share_bp,
            key_contributor: key,
            leader_level: LeaderLevel::None,
            department: "机械学院".into(),
        }
    }

    fn input(kind: ContractKind, receipts: &[i64], costs: i64, achievements: Vec<WeightedAchievement>) -> PlanInput {
        PlanInput {
            contract_no: "HT1".into(),
            kind,
            registered: false,
            equity_units: None,
            receipts: receipts
                .iter()
                .map(|a| ReceiptLine { received_on: day(2025, 3, 2), amount_fen: Money(*a), voucher_no: None })
                .collect(),
            costs: Money(costs),
            carried_in_costs: Money::ZERO,
            achievements,
            transfer_staff: Vec::new(),
            terms: Policy::default_from(day(2000, 1, 1)).terms(kind, Money::ZERO, false),
        }
    }

    fn amounts(p: &Plan) -> Vec<(&str, i64)> {
        p.allocations.iter().map(|a| (a.employee_id.as_str(), a.amount())).collect()
    }

    #[test]
    fn worked_example_of_domain_section_1() {
        // Net 487,689.50, 70% → 341,382.65; A/B/C 50/30/20 → 170,691.33 / 102,414.79 / 68,276.53.
        let a = WeightedAchievement {
            weight_bp: 10_000,
            inventors: vec![person("A", 5000, true), person("B", 3000, false), person("C", 2000, false)],
        };
        let p = plan(&input(ContractKind::License, &[48_768_950], 0, vec![a]));
        assert_eq!(p.pool_fen, Some(Money(34_138_265)));
        assert_eq!(amounts(&p), vec![("A", 17_069_133), ("B", 10_241_479), ("C", 6_827_653)]);
        assert_eq!(p.institution_fen, Money(48_768_950 - 34_138_265));
        assert!(p.findings.is_empty(), "A alone holds 50%: {:?}", p.findings);
    }

    #[test]
    fn cli_md_example_figures() {
        // docs/cli.md "The rewards plan document": 500,000 received, 15,000 costs → net 485,000;
        // 70% → 339,500; T001 50% → 169,750.
        let a = WeightedAchievement { weight_bp: 10_000, inventors: vec![person("T001", 5000, true), person("T002", 5000, false)] };
        let mut i = input(ContractKind::License, &[50_000_000], 1_500_000, vec![a]);
        i.registered = true;
        let p = plan(&i);
        assert_eq!((p.net_income_fen, p.pool_fen, p.institution_fen), (Money(48_500_000), Some(Money(33_950_000)), Money(14_550_000)));
        assert_eq!(p.allocations[0].amount_fen, Some(16_975_000));
        assert_eq!(p.allocations[0].taxable_fen, Some(8_487_500), "registered license: 50% taxable under 58号");
    }

    #[rstest]
    // Two achievements 60/40; X 50% of the first, Y 50% of the first and all of the second.
    // Pool 100,000.00 × 70% = 70,000.00; X weight 30% → 21,000.00; Y 70% → 49,000.00.
    #[case(10_000_000, 0, &[("Y", 4_900_000), ("X", 2_100_000)])]
    // Costs above receipts: net 0, nothing to split.
    #[case(1_000_000, 1_500_000, &[("X", 0), ("Y", 0)])]
    // 0.03 yuan: pool round_half_up(2.1) = 2 fen → Y (70%) 1.4 → 1, X 0.6 → 1 by the larger remainder.
    #[case(3, 0, &[("X", 1), ("Y", 1)])]
    fn multi_achievement_weights(#[case] received: i64, #[case] costs: i64, #[case] expected: &[(&str, i64)]) {
        let first = WeightedAchievement { weight_bp: 6000, inventors: vec![person("X", 5000, true), person("Y", 5000, true)] };
        let second = WeightedAchievement { weight_bp: 4000, inventors: vec![person("Y", 10_000, true)] };
        let p = plan(&input(ContractKind::Transfer, &[received], costs, vec![first, second]));
        assert_eq!(amounts(&p), expected.to_vec());
    }

    #[test]
    fn excess_costs_carry_out() {
        let a = WeightedAchievement { weight_bp: 10_000, inventors: vec![person("X", 10_000, true)] };
        let mut i = input(ContractKind::Transfer, &[1_000_000], 1_500_000, vec![a]);
        i.carried_in_costs = Money(200_000);
        let p = plan(&i);
        assert_eq!((p.net_income_fen, p.carried_out_costs_fen, p.pool_fen), (Money::ZERO, Money(700_000), Some(Money::ZERO)));
    }

    #[test]
    fn technical_contracts_have_no_pool_by_default() {
        let a = WeightedAchievement { weight_bp: 10_000, inventors: vec![person("X", 10_000, true)] };
        let p = plan(&input(ContractKind::Service, &[1_000_000], 0, vec![a]));
        assert_eq!((p.ratio_bp, p.pool_fen, p.institution_fen), (0, Some(Money::ZERO), Money(1_000_000)));
    }

    #[test]
    fn findings_for_key_contributors_and_leaders() {
        let mut leader = person("L", 6000, false);
        leader.leader_level = LeaderLevel::UnitPrincipal;
        let a = WeightedAchievement { weight_bp: 10_000, inventors: vec![leader, person("K", 4000, true)] };
        let cash = plan(&input(ContractKind::License, &[1_000_000], 0, vec![a.clone()]));
        let codes: Vec<&str> = cash.findings.iter().map(|f| f.code).collect();
        assert_eq!(codes, vec!["key_contributors_below_minimum", "leader_reward_needs_publicity"], "K holds 40% < 50%");
        // Pool 10,000.00 × 70% = 7,000.00; K 40% = 2,800.00 → 2,800 / 7,000 = 40.00%; rule 50%.
        assert_eq!((cash.findings[0].rule_bp, cash.findings[0].actual_bp), (Some(5000), Some(4000)));
        assert_eq!((cash.findings[1].rule_bp, cash.findings[1].actual_bp), (None, None), "a finding about a person has no figures");
        let mut eq = input(ContractKind::Equity, &[], 0, vec![a]);
        eq.equity_units = Some(Money(300_000_000));
        let p = plan(&eq);
        // 3,000,000 units × 70% = 2,100,000 units; L 60% → 1,260,000, K 40% → 840,000.
        assert_eq!(p.pool_units, Some(210_000_000));
        assert_eq!(amounts(&p), vec![("L", 126_000_000), ("K", 84_000_000)]);
        assert!(
            p.pool_fen.is_none() && p.allocations.iter().all(|a| a.amount_fen.is_none() && a.taxable_fen.is_none()),
            "equity is in units only"
        );
        assert!(p.findings.iter().any(|f| f.code == "principal_leader_equity_blocked" && f.employee_id.as_deref() == Some("L")));
    }

    #[test]
    fn transfer_staff_share_comes_off_first() {
        let a = WeightedAchievement { weight_bp: 10_000, inventors: vec![person("X", 10_000, true)] };
        let mut i = input(ContractKind::License, &[10_000_000], 0, vec![a]);
        i.terms.transfer_staff_bp = Some(500);
        i.terms.transfer_staff_min_bp = Some(500);
        i.transfer_staff = vec![person("S1", 0, false), person("S2", 0, false)];
        let p = plan(&i);
        // Pool 70,000.00; staff 5% = 3,500.00 split 1,750.00 each; X the remaining 66,500.00.
        assert_eq!(amounts(&p), vec![("X", 6_650_000), ("S1", 175_000), ("S2", 175_000)]);
        assert!(p.findings.is_empty(), "5% meets the 5% minimum: {:?}", p.findings);
        // Zhejiang requires ≥ 5% for the staff: a distribution naming none breaks it.
        i.transfer_staff.clear();
        let codes: Vec<&str> = plan(&i).findings.iter().map(|f| f.code).collect();
        assert_eq!(codes, ["transfer_staff_below_minimum"]);
        // Nobody named: 0% against the rule's 5%.
        let staff = &plan(&i).findings[0];
        assert_eq!((staff.rule_bp, staff.actual_bp), (Some(500), Some(0)));
    }

    #[test]
    fn a_share_just_below_the_minimum_never_shows_as_equal_to_it() {
        // 1.43 yuan × 70% = 100.1 fen → a pool of 100 fen. K 49.49% → 49.49 fen, M 50.51% → 50.51:
        // floors 49 and 50, the spare fen to the larger remainder (M's .51) → M 51, K 49 fen.
        // K's share is 49 / 100 = 49%, stated as such, below the rule's 50%.
        let a = WeightedAchievement { weight_bp: 10_000, inventors: vec![person("K", 4949, true), person("M", 5051, false)] };
        let p = plan(&input(ContractKind::License, &[143], 0, vec![a]));
        assert_eq!(p.pool_fen, Some(Money(100)));
        assert_eq!(amounts(&p), vec![("M", 51), ("K", 49)]);
        let f = &p.findings[0];
        assert_eq!((f.code, f.rule_bp, f.actual_bp), ("key_contributors_below_minimum", Some(5000), Some(4900)));
    }

    #[rstest]
    // 财税〔2018〕58号: half taxable only for a registered transfer or license.
    #[case(ContractKind::Transfer, true, 3_500_001, 1_750_001)]
    #[case(ContractKind::License, true, 7_000_000, 3_500_000)]
    #[case(ContractKind::License, false, 7_000_000, 7_000_000)]
    #[case(ContractKind::Transfer, false, 7_000_000, 7_000_000)]
    fn taxable_part_under_58(#[case] kind: ContractKind, #[case] registered: bool, #[case] amount: i64, #[case] taxable: i64) {
        let a = WeightedAchievement { weight_bp: 10_000, inventors: vec![person("X", 10_000, true)] };
        let mut i = input(kind, &[amount * 10 / 7], 0, vec![a]);
        i.registered = registered;
        let p = plan(&i);
        assert_eq!(p.allocations[0].amount_fen, Some(amount), "pool of {}", amount * 10 / 7);
        assert_eq!(p.allocations[0].taxable_fen, Some(taxable), "58号 applies: {registered}");
    }

    #[test]
    fn development_contracts_are_fully_taxable_when_the_policy_gives_a_pool() {
        let a = WeightedAchievement { weight_bp: 10_000, inventors: vec![person("X", 10_000, true)] };
        let mut i = input(ContractKind::Development, &[1_000_000], 0, vec![a]);
        i.registered = true;
        i.terms.ratio_bp = 3000;
        let p = plan(&i);
        assert_eq!((p.allocations[0].amount_fen, p.allocations[0].taxable_fen), (Some(300_000), Some(300_000)), "四技 is not under 58号");
    }

    #[test]
    fn tiers_decide_the_ratio() {
        // A tier of 80% from 1,000,000 yuan: receipts 1,000,000.00, no costs → pool 800,000.00.
        let mut policy = Policy::default_from(day(2000, 1, 1));
        policy.tiers.push(crate::rewards::policy::Tier {
            kind: None,
            min_amount_fen: Money(100_000_000),
            in_province: false,
            ratio_bp: 8000,
        });
        let a = WeightedAchievement { weight_bp: 10_000, inventors: vec![person("X", 10_000, true)] };
        let mut i = input(ContractKind::Transfer, &[100_000_000], 0, vec![a]);
        i.terms = policy.terms(ContractKind::Transfer, Money(100_000_000), false);
        let p = plan(&i);
        assert_eq!((p.ratio_bp, p.pool_fen, p.institution_fen), (8000, Some(Money(80_000_000)), Money(20_000_000)));
    }

    proptest! {
        #[test]
        fn allocations_sum_to_the_pool(
            received in 0i64..5_000_000_000,
            costs in 0i64..1_000_000_000,
            shares in proptest::collection::vec(1i64..100, 1..8),
        ) {
            let total: i64 = shares.iter().sum();
            let mut bp: Vec<i64> = shares.iter().map(|s| s * 10_000 / total).collect();
            bp[0] += 10_000 - bp.iter().sum::<i64>();
            let inventors = bp.iter().enumerate().filter(|(_, b)| **b > 0).map(|(i, b)| person(&format!("P{i:02}"), *b, i == 0)).collect();
            let p = plan(&input(ContractKind::Transfer, &[received], costs, vec![WeightedAchievement { weight_bp: 10_000, inventors }]));
            let pool = p.pool_fen.unwrap_or_default().0;
            prop_assert_eq!(p.allocations.iter().map(Allocation::amount).sum::<i64>(), pool);
            prop_assert_eq!(pool + p.institution_fen.0, p.net_income_fen.0);
            prop_assert!(p.allocations.iter().all(|a| a.amount() >= 0));
            for a in &p.allocations {
                // Exact share = pool × weight / 10000; the line is its floor or one more.
                let exact = i128::from(pool) * i128::from(bp[a.employee_id[1..].parse::<usize>().unwrap_or(0)]);
                let line = i128::from(a.amount()) * 10_000;
                prop_assert!(line > exact - 10_000 && line < exact + 10_000, "{} gets {} of exact {}", a.employee_id, a.amount(), exact);
            }
        }
    }
}
