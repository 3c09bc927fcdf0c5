//! 收益分配: a contract's income turned into saved distributions that move through
//! draft → approved → publicized → paid (docs/rules/rewards.md "States"). Every step is one
//! transaction with its audit entry; amounts freeze at approval (the schema's triggers hold that
//! line too), and a paid distribution is only ever cancelled by a linked reversal.

use crate::access::Role;
use crate::calendar::Calendar;
use crate::error::{Error, Result};
use crate::model::{Category, ContractKind, DistributionState, LeaderLevel};
use crate::money::Money;
use crate::notification::{notify, notify_people, NotificationKind, To};
use crate::problem::{Problem, ProblemKind};
use crate::rewards::plan::{
    self, AgreedAmount, Allocation, Contributor, Finding, Plan, PlanInput, ReceiptLine, RecipientLine, Severity, Split, WeightedAchievement,
};
use crate::rewards::policy;
use crate::store::audit::{Action, Journal};
use crate::store::{Actor, Store};
use chrono::{Months, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use ts_rs::TS;

/// 财税〔2018〕58号: the half-taxable treatment needs payment within 36 months of the income.
const TAX_RELIEF_MONTHS: u32 = 36;

/// A distribution (or its preview) is counted as done unless a paid reversal cancelled it.
const NOT_REVERSED: &str = "NOT EXISTS (SELECT 1 FROM distribution v WHERE v.reverses_id = d.id AND v.state = 'paid')";

/// An achievement of the contract as a distribution shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct LinkedAchievement {
    /// 成果编号.
    pub achievement_no: String,
    /// 成果名称.
    pub title: String,
    /// Weight in the contract, bp.
    #[ts(type = "number")]
    pub weight_bp: i64,
}

/// The next distribution of a contract with its context: the plan of `rewards plan`, plus the
/// contract, the policy version and the dates it implies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Proposal {
    /// The computation (the keys of docs/cli.md "The rewards plan document", in order).
    #[serde(flatten)]
    pub plan: Plan,
    /// 合同名称.
    pub contract_title: String,
    /// 受让方/被许可方/合作方.
    pub counterparty: String,
    /// 签订日期: decides the policy version.
    pub signed_on: NaiveDate,
    /// 合同金额.
    pub contract_amount_fen: Money,
    /// 技术合同登记号 (58号 needs one).
    pub registration_no: Option<String>,
    /// The contract's achievements.
    pub achievements: Vec<LinkedAchievement>,
    /// Receipts and costs dated up to this day are included.
    pub through_on: NaiveDate,
    /// The policy version applied.
    #[ts(type = "number")]
    pub policy_id: i64,
    /// Its effective date.
    pub policy_effective_on: NaiveDate,
    /// Its document as offices cite it, 《title》（number）; `None` when none is recorded (the
    /// effective date names the version then).
    pub policy_document: Option<String>,
    /// Its publicity period in days.
    pub policy_publicity_days: u32,
    /// Its transfer-staff share of the pool, if any.
    #[ts(type = "number | null")]
    pub transfer_staff_bp: Option<i64>,
    /// Pay by this day (policy's months after the last receipt), if the policy sets a deadline.
    pub payment_due_on: Option<NaiveDate>,
}

/// A saved distribution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Distribution {
    /// Record id (`rewards approve ID`).
    #[ts(type = "number")]
    pub id: i64,
    /// What was computed, frozen from approval on.
    #[serde(flatten)]
    pub proposal: Proposal,
    /// 状态.
    pub state: DistributionState,
    /// For a reversal (冲销): the distribution it cancels.
    #[ts(type = "number | null")]
    pub reverses_id: Option<i64>,
    /// The reversal that cancels this one, if any.
    #[ts(type = "number | null")]
    pub reversed_by_id: Option<i64>,
    /// Why a reversal was made.
    pub reason: Option<String>,
    /// When it was saved.
    pub created_at: String,
    /// 集体决策日期.
    pub decision_on: Option<NaiveDate>,
    /// The minutes (会议纪要) as named at approval.
    pub minutes_file: Option<String>,
    /// SHA-256 of the minutes file, so that the evidence can be checked later.
    pub minutes_sha256: Option<String>,
    /// 越过理由: why approval went ahead despite an error finding.
    pub override_reason: Option<String>,
    /// 公示开始 (the posting day; it does not count).
    pub publicity_from: Option<NaiveDate>,
    /// 公示天数.
    pub publicity_days: Option<u32>,
    /// 公示截止: the last day of the period (民法典 Art. 201–203 and the holiday calendar).
    pub publicity_ends_on: Option<NaiveDate>,
    /// 发放日期.
    pub paid_on: Option<NaiveDate>,
    /// The signed allocation form of agreed amounts: an attachment of the contract.
    #[ts(type = "number | null")]
    pub allocation_attachment_id: Option<i64>,
}

impl Distribution {
    /// The first day it may be paid: the day after the publicity ends.
    pub fn payable_from(&self) -> Option<NaiveDate> {
        self.publicity_ends_on.and_then(|d| d.succ_opt())
    }
}

/// What an approval records.
#[derive(Clone, Debug, Default, Deserialize, TS)]
pub struct Approval {
    /// The collective decision's date.
    pub decision_on: NaiveDate,
    /// The minutes file, kept by name and SHA-256.
    #[ts(type = "string | null")]
    pub minutes_file: Option<PathBuf>,
    /// Needed when an error finding stands.
    pub override_reason: Option<String>,
    /// Unit principal leaders who give up their equity part (it stays with the institution).
    pub waive: Vec<String>,
}

/// Filters of the distribution list.
#[derive(Clone, Debug, Default, Deserialize, TS)]
pub struct DistributionQuery {
    /// 1-based page.
    pub page: u32,
    /// Rows per page, at most [`crate::store::search::MAX_PAGE_SIZE`].
    pub page_size: u32,
    /// Only this state.
    pub state: Option<DistributionState>,
    /// Only this contract (exact number).
    pub contract_no: Option<String>,
    /// Contract number or title contains.
    pub search: Option<String>,
    /// Only those whose `through` date falls in this year.
    pub year: Option<i32>,
    /// Only unpaid ones past their payment deadline.
    #[serde(default)]
    pub overdue: bool,
}

/// A line of the distribution list.
#[derive(Clone, Debug, Serialize, TS)]
pub struct DistributionRow {
    /// Record id.
    #[ts(type = "number")]
    pub id: i64,
    /// 合同编号.
    pub contract_no: String,
    /// 合同名称.
    pub contract_title: String,
    /// 转化方式.
    pub kind: ContractKind,
    /// 状态.
    pub state: DistributionState,
    /// A reversal of this distribution id.
    #[ts(type = "number | null")]
    pub reverses_id: Option<i64>,
    /// Receipts up to.
    pub through_on: NaiveDate,
    /// 净收入.
    pub net_income_fen: Money,
    /// 奖励总额 (cash).
    pub pool_fen: Option<Money>,
    /// 奖励股权 (equity, units).
    #[ts(type = "number | null")]
    pub pool_units: Option<i64>,
    /// Saved on.
    pub created_on: String,
    /// 集体决策日期.
    pub decision_on: Option<NaiveDate>,
    /// 公示截止.
    pub publicity_ends_on: Option<NaiveDate>,
    /// 发放期限.
    pub payment_due_on: Option<NaiveDate>,
    /// 发放日期.
    pub paid_on: Option<NaiveDate>,
    /// Unpaid and past the payment deadline on the day asked.
    pub payment_overdue: bool,
}

/// A page of the list.
#[derive(Clone, Debug, Serialize, TS)]
pub struct DistributionPage {
    /// Rows matching the filters, over all pages.
    pub total: u32,
    /// This page's rows.
    pub rows: Vec<DistributionRow>,
}

/// A proposal with the ids it would take in.
struct Prepared {
    proposal: Proposal,
    contract_id: i64,
    receipt_ids: Vec<i64>,
    cost_ids: Vec<i64>,
    equity_done: bool,
}

/// The next distribution of a contract, not saved (`rewards plan`): its receipts and costs not
/// yet distributed up to `through`, the costs carried in from its previous distribution, the
/// policy version in force when it was signed, and `staff` (employee IDs) as transfer staff.
pub fn propose(store: &Store, contract_no: &str, through: NaiveDate, staff: &[String]) -> Result<Proposal> {
    propose_with(store, contract_no, through, staff, None)
}

/// [`propose`] with the amounts the team agreed (`None`: by contribution shares); refused
/// ([`Error::Invalid`]) with every problem of the amounts at its row.
pub fn propose_with(
    store: &Store,
    contract_no: &str,
    through: NaiveDate,
    staff: &[String],
    amounts: Option<&[AgreedAmount]>,
) -> Result<Proposal> {
    Ok(prepare(store.conn(), contract_no, through, staff, amounts)?.proposal)
}

fn prepare(
    conn: &Connection,
    contract_no: &str,
    through: NaiveDate,
    staff: &[String],
    amounts: Option<&[AgreedAmount]>,
) -> Result<Prepared> {
    type ContractRow = (i64, ContractKind, String, String, String, NaiveDate, Money, Option<String>, Option<Money>);
    let (id, kind, title, counterparty, region, signed_on, amount, registration_no, units): ContractRow = conn
        .query_row(
            "SELECT c.id, c.kind, c.title, o.name, o.region, c.signed_on, c.amount_fen, c.registration_no, c.equity_units_fen
             FROM contract c JOIN organization o ON o.id = c.organization_id WHERE c.contract_no = ?1",
            params![contract_no.trim()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?)),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "contract", key: contract_no.to_string() })?;
    let province: String =
        conn.query_row("SELECT province FROM institution WHERE id = 1", [], |r| r.get(0)).optional()?.unwrap_or_default();
    let policy = policy::in_force(conn, signed_on)?;
    let terms = policy.terms(kind, amount, region == province);

    let mut receipt_ids = Vec::new();
    let receipts = conn
        .prepare_cached(&format!(
            "SELECT r.id, r.received_on, r.amount_fen, r.voucher_no FROM receipt r
             WHERE r.contract_id = ?1 AND r.received_on <= ?2 AND NOT EXISTS (
               SELECT 1 FROM distribution_receipt x JOIN distribution d ON d.id = x.distribution_id WHERE x.receipt_id = r.id AND {NOT_REVERSED})
             ORDER BY r.received_on, r.id"
        ))?
        .query_map(params![id, through], |r| Ok((r.get::<_, i64>(0)?, ReceiptLine { received_on: r.get(1)?, amount_fen: r.get(2)?, voucher_no: r.get(3)? })))?
        .map(|r| r.map(|(rid, line)| (receipt_ids.push(rid), line).1))
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut costs = Money::ZERO;
    let mut cost_ids = Vec::new();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.id, c.amount_fen FROM cost c
         WHERE c.contract_id = ?1 AND c.incurred_on <= ?2 AND NOT EXISTS (
           SELECT 1 FROM distribution_cost x JOIN distribution d ON d.id = x.distribution_id WHERE x.cost_id = c.id AND {NOT_REVERSED})
         ORDER BY c.incurred_on, c.id"
    ))?;
    for row in stmt.query_map(params![id, through], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Money>(1)?)))? {
        let (cid, amount) = row?;
        cost_ids.push(cid);
        costs = Money(costs.0 + amount.0);
    }
    let previous: Option<Money> = conn
        .query_row(
            &format!(
                "SELECT d.carried_out_costs_fen FROM distribution d WHERE d.contract_id = ?1 AND d.reverses_id IS NULL AND {NOT_REVERSED}
                 ORDER BY d.id DESC LIMIT 1"
            ),
            params![id],
            |r| r.get(0),
        )
        .optional()?;
    let equity_done = kind == ContractKind::Equity && previous.is_some();

    let mut achievements = Vec::new();
    let mut linked = Vec::new();
    let mut links = conn.prepare_cached(
        "SELECT a.id, a.achievement_no, a.title, ca.weight_bp FROM contract_achievement ca JOIN achievement a ON a.id = ca.achievement_id
         WHERE ca.contract_id = ?1 ORDER BY ca.position",
    )?;
    let mut inventors = conn.prepare_cached(
        "SELECT p.employee_id, p.name, i.share_bp, i.key_contributor, p.leader_level, dep.name
         FROM inventor i JOIN person p ON p.id = i.person_id JOIN department dep ON dep.id = p.department_id
         WHERE i.achievement_id = ?1 ORDER BY i.position",
    )?;
    for link in
        links.query_map(params![id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, i64>(3)?)))?
    {
        let (achievement, achievement_no, title, weight_bp) = link?;
        let inventors = inventors
            .query_map(params![achievement], |r| {
                Ok(Contributor {
                    employee_id: r.get(0)?,
                    name: r.get(1)?,
                    share_bp: r.get(2)?,
                    key_contributor: r.get(3)?,
                    leader_level: r.get(4)?,
                    department: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        achievements.push(WeightedAchievement { weight_bp, inventors });
        linked.push(LinkedAchievement { achievement_no, title, weight_bp });
    }
    let transfer_staff = transfer_staff(conn, staff)?;
    let input = PlanInput {
        contract_no: contract_no.trim().to_string(),
        kind,
        registered: registration_no.is_some(),
        // Equity is distributed once: afterwards the preview shows no units left.
        equity_units: units.map(|u| if equity_done { Money::ZERO } else { u }),
        receipts,
        costs,
        carried_in_costs: previous.unwrap_or(Money::ZERO),
        achievements,
        transfer_staff,
        terms,
    };
    let split = Split { amounts: amounts.map(<[AgreedAmount]>::to_vec), recipients: policy.recipients.clone() };
    let mut plan = plan::plan_with(&input, &split).map_err(|problems| Error::Invalid(unknown_people(conn, problems)))?;
    // 赋权: the team already owns its share of the income; the unit does not reward it again.
    if !crate::deals::grant::granted_achievements(conn, id, signed_on)?.is_empty() {
        plan.findings.push(plan::Finding::new("granted_ownership_no_unit_reward", plan::Severity::Error, None));
    }
    let last_income = plan.receipts.last().map_or(signed_on, |r| r.received_on);
    // Equity is granted, not paid: no payment deadline.
    let payment_due_on = policy
        .payment_deadline_months
        .filter(|_| kind != ContractKind::Equity)
        .and_then(|m| last_income.checked_add_months(Months::new(m)));
    Ok(Prepared {
        proposal: Proposal {
            plan,
            contract_title: title,
            counterparty,
            signed_on,
            contract_amount_fen: amount,
            registration_no,
            achievements: linked,
            through_on: through,
            policy_id: policy.id.unwrap_or_default(),
            policy_effective_on: policy.effective_on,
            policy_document: policy.document(),
            policy_publicity_days: policy.publicity_days,
            transfer_staff_bp: policy.transfer_staff_bp,
            payment_due_on,
        },
        contract_id: id,
        receipt_ids,
        cost_ids,
        equity_done,
    })
}

/// The named transfer staff, each of whom must be recorded as 技术转移人员.
fn transfer_staff(conn: &Connection, staff: &[String]) -> Result<Vec<Contributor>> {
    let mut out: Vec<Contributor> = Vec::new();
    let mut problems = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT p.employee_id, p.name, p.category, p.leader_level, dep.name FROM person p JOIN department dep ON dep.id = p.department_id
         WHERE p.employee_id = ?1",
    )?;
    for id in staff.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        let found = stmt
            .query_row(params![id], |r| {
                Ok((
                    Contributor {
                        employee_id: r.get(0)?,
                        name: r.get(1)?,
                        share_bp: 0,
                        key_contributor: false,
                        leader_level: r.get(3)?,
                        department: r.get(4)?,
                    },
                    r.get::<_, Category>(2)?,
                ))
            })
            .optional()?;
        match found {
            None => problems.push(Problem::field("staff", id, ProblemKind::UnknownReference("person", id.to_string()))),
            Some((_, category)) if category != Category::TransferStaff => {
                problems.push(Problem::field("staff", id, ProblemKind::Choice(Category::TransferStaff.zh().to_string())))
            }
            Some(_) if out.iter().any(|c| c.employee_id == id) => {
                problems.push(Problem::field("staff", id, ProblemKind::RepeatedEntry(id.to_string())))
            }
            Some((c, _)) => out.push(c),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Error::Invalid(problems))
    }
}

/// A person the amounts name who is no contributor of the contract, and not recorded at all, is
/// an unknown person.
fn unknown_people(conn: &Connection, problems: Vec<Problem>) -> Vec<Problem> {
    problems
        .into_iter()
        .map(|mut p| {
            if p.kind == ProblemKind::NotAContributor {
                let known: bool = conn
                    .query_row("SELECT EXISTS (SELECT 1 FROM person WHERE employee_id = ?1)", params![p.value], |r| r.get(0))
                    .unwrap_or(true);
                if !known {
                    p.kind = ProblemKind::UnknownReference("person", p.value.clone());
                }
            }
            p
        })
        .collect()
}

fn refused(code: &'static str, detail: impl Into<String>) -> Error {
    Error::Refused { code, detail: detail.into() }
}

/// What a refusal by a finding names: the shares ("ACTUAL|RULE", in percent) when it is about a
/// share, else the person.
fn finding_detail(f: &Finding) -> String {
    match f.figures() {
        Some((rule, actual)) => format!("{}%|{}%", crate::share::format_percent(actual), crate::share::format_percent(rule)),
        None => f.employee_id.clone().unwrap_or_default(),
    }
}

/// Saves the next distribution of a contract as a draft (`rewards create`). Refused while another
/// distribution of the contract is unpaid, and when there is nothing new to distribute.
pub fn create(store: &mut Store, actor: &Actor, contract_no: &str, through: NaiveDate, staff: &[String]) -> Result<Distribution> {
    create_with(store, actor, contract_no, through, staff, None, None)
}

/// [`create`] with the amounts the team agreed and, if given, the signed allocation form, kept as
/// an attachment of the contract in the same transaction (docs/rules/rewards.md "Amounts the
/// team agreed").
pub fn create_with(
    store: &mut Store,
    actor: &Actor,
    contract_no: &str,
    through: NaiveDate,
    staff: &[String],
    amounts: Option<&[AgreedAmount]>,
    form: Option<&std::path::Path>,
) -> Result<Distribution> {
    // The form is read before the write lock is taken, and kept only once everything is checked.
    let kept = form.map(|f| crate::portfolio::attachment::read(store, f)).transpose()?;
    let tx = store.write()?;
    let prepared = prepare(&tx, contract_no, through, staff, amounts)?;
    let open: Option<i64> = tx
        .query_row("SELECT id FROM distribution WHERE contract_id = ?1 AND state <> 'paid'", params![prepared.contract_id], |r| r.get(0))
        .optional()?;
    if let Some(open) = open {
        return Err(refused("distribution_open", format!("#{open}")));
    }
    let p = &prepared.proposal;
    let nothing = if p.plan.kind == ContractKind::Equity { prepared.equity_done } else { p.plan.receipts.is_empty() };
    if nothing {
        return Err(refused("nothing_to_distribute", contract_no));
    }
    let id = insert(&tx, actor, prepared.contract_id, p, None)?;
    for rid in &prepared.receipt_ids {
        tx.execute("INSERT INTO distribution_receipt (distribution_id, receipt_id) VALUES (?1, ?2)", params![id, rid])?;
    }
    for cid in &prepared.cost_ids {
        tx.execute("INSERT INTO distribution_cost (distribution_id, cost_id) VALUES (?1, ?2)", params![id, cid])?;
    }
    if let Some(kept) = &kept {
        let attachment = crate::portfolio::attachment::insert(&tx, actor, "contract", prepared.contract_id, kept)?;
        tx.execute("UPDATE distribution SET allocation_attachment_id = ?2 WHERE id = ?1", params![id, attachment.id])?;
    }
    let saved = get_in(&tx, id)?;
    Journal::start(&tx, actor)?.record(&tx, Action::Insert, "distribution", &id.to_string(), None, Some(&json(&saved)))?;
    tx.commit()?;
    Ok(saved)
}

/// Writes a distribution's header, lines and findings; returns its id.
fn insert(conn: &Connection, actor: &Actor, contract_id: i64, p: &Proposal, reversal: Option<(i64, &str)>) -> Result<i64> {
    let plan = &p.plan;
    conn.execute(
        "INSERT INTO distribution (contract_id, reverses_id, reason, state, through_on, policy_id, kind, registered, ratio_bp,
           receipts_fen, costs_fen, carried_in_costs_fen, net_income_fen, carried_out_costs_fen, pool_fen, institution_fen,
           equity_units, pool_units, institution_units, payment_due_on, created_at, agreed_amounts)
         VALUES (?1, ?2, ?3, 'draft', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
        params![
            contract_id,
            reversal.map(|r| r.0),
            reversal.map(|r| r.1),
            p.through_on,
            p.policy_id,
            plan.kind,
            p.registration_no.is_some(),
            plan.ratio_bp,
            plan.receipts_fen,
            plan.costs_fen,
            plan.carried_in_costs_fen,
            plan.net_income_fen,
            plan.carried_out_costs_fen,
            plan.pool_fen,
            plan.institution_fen,
            plan.equity_units,
            plan.pool_units,
            plan.institution_units,
            p.payment_due_on,
            actor.at.format("%Y-%m-%dT%H:%M:%S").to_string(),
            plan.agreed_amounts,
        ],
    )?;
    let id = conn.last_insert_rowid();
    let mut recipient = conn.prepare_cached(
        "INSERT INTO distribution_recipient (distribution_id, position, name, share_bp, amount_fen) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, r) in plan.recipients.iter().enumerate() {
        recipient.execute(params![id, i as i64, r.name, r.share_bp, r.amount_fen])?;
    }
    let mut line = conn.prepare_cached(
        "INSERT INTO distribution_line (distribution_id, position, person_id, weight_bp, amount_fen, taxable_fen, units,
           key_contributor, leader_level, transfer_staff, waived)
         VALUES (?1, ?2, (SELECT id FROM person WHERE employee_id = ?3), ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for (i, a) in plan.allocations.iter().enumerate() {
        line.execute(params![
            id,
            i as i64,
            a.employee_id,
            a.weight_bp,
            a.amount_fen,
            a.taxable_fen,
            a.units,
            a.key_contributor,
            a.leader_level,
            a.transfer_staff,
            a.waived
        ])?;
    }
    let mut finding = conn.prepare_cached(
        "INSERT INTO distribution_finding (distribution_id, position, code, severity, employee_id, rule_bp, actual_bp)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, f) in plan.findings.iter().enumerate() {
        let severity = if f.severity == Severity::Error { "error" } else { "warning" };
        finding.execute(params![id, i as i64, f.code, severity, f.employee_id, f.rule_bp, f.actual_bp])?;
    }
    Ok(id)
}

fn json(d: &Distribution) -> serde_json::Value {
    serde_json::to_value(d).unwrap_or_default()
}

/// One saved distribution.
pub fn get(store: &Store, id: i64) -> Result<Distribution> {
    get_in(store.conn(), id)
}

fn get_in(conn: &Connection, id: i64) -> Result<Distribution> {
    let mut d = conn
        .query_row(
            "SELECT c.contract_no, d.through_on, d.policy_id, d.state, d.reverses_id, d.reason, d.created_at, d.decision_on, d.minutes_file,
               d.minutes_sha256, d.override_reason, d.publicity_from, d.publicity_days, d.publicity_ends_on, d.paid_on,
               (SELECT v.id FROM distribution v WHERE v.reverses_id = d.id),
               d.kind, d.ratio_bp, d.receipts_fen, d.costs_fen, d.carried_in_costs_fen, d.net_income_fen, d.carried_out_costs_fen,
               d.pool_fen, d.institution_fen, d.equity_units, d.pool_units, d.institution_units, d.payment_due_on,
               c.title, o.name, c.signed_on, c.amount_fen, c.registration_no, d.registered, p.effective_on, p.publicity_days,
               p.transfer_staff_bp, d.agreed_amounts, d.allocation_attachment_id, p.document_title, p.document_no
             FROM distribution d JOIN contract c ON c.id = d.contract_id JOIN organization o ON o.id = c.organization_id
             JOIN policy p ON p.id = d.policy_id WHERE d.id = ?1",
            params![id],
            |r| {
                let registered: bool = r.get(34)?;
                Ok(Distribution {
                        id,
                        state: r.get(3)?,
                        reverses_id: r.get(4)?,
                        reason: r.get(5)?,
                        created_at: r.get(6)?,
                        decision_on: r.get(7)?,
                        minutes_file: r.get(8)?,
                        minutes_sha256: r.get(9)?,
                        override_reason: r.get(10)?,
                        publicity_from: r.get(11)?,
                        publicity_days: r.get(12)?,
                        publicity_ends_on: r.get(13)?,
                        paid_on: r.get(14)?,
                        reversed_by_id: r.get(15)?,
                        allocation_attachment_id: r.get(39)?,
                        proposal: Proposal {
                            plan: Plan {
                                contract_no: r.get(0)?,
                                kind: r.get(16)?,
                                receipts: Vec::new(),
                                ratio_bp: r.get(17)?,
                                receipts_fen: r.get(18)?,
                                costs_fen: r.get(19)?,
                                carried_in_costs_fen: r.get(20)?,
                                net_income_fen: r.get(21)?,
                                carried_out_costs_fen: r.get(22)?,
                                pool_fen: r.get(23)?,
                                institution_fen: r.get(24)?,
                                equity_units: r.get(25)?,
                                pool_units: r.get(26)?,
                                institution_units: r.get(27)?,
                                allocations: Vec::new(),
                                findings: Vec::new(),
                                recipients: Vec::new(),
                                agreed_amounts: r.get(38)?,
                            },
                            payment_due_on: r.get(28)?,
                            contract_title: r.get(29)?,
                            counterparty: r.get(30)?,
                            signed_on: r.get(31)?,
                            contract_amount_fen: r.get(32)?,
                            // The registration as it stood when the distribution was made.
                            registration_no: if registered { r.get(33)? } else { None },
                            achievements: Vec::new(),
                            through_on: r.get(1)?,
                            policy_id: r.get(2)?,
                            policy_effective_on: r.get(35)?,
                            policy_document: policy::document_name(
                                r.get::<_, Option<String>>(40)?.as_deref(),
                                r.get::<_, Option<String>>(41)?.as_deref(),
                            ),
                            policy_publicity_days: r.get(36)?,
                            transfer_staff_bp: r.get(37)?,
                        },
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "distribution", key: id.to_string() })?;
    let p = &mut d.proposal;
    p.plan.receipts = conn
        .prepare_cached(
            "SELECT r.received_on, r.amount_fen, r.voucher_no FROM distribution_receipt x JOIN receipt r ON r.id = x.receipt_id
             WHERE x.distribution_id = ?1 ORDER BY r.received_on, r.id",
        )?
        .query_map(params![id], |r| Ok(ReceiptLine { received_on: r.get(0)?, amount_fen: r.get(1)?, voucher_no: r.get(2)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    p.plan.allocations = conn
        .prepare_cached(
            "SELECT p.employee_id, p.name, dep.name, l.weight_bp, l.amount_fen, l.taxable_fen, l.units, l.key_contributor, l.leader_level,
               l.transfer_staff, l.waived
             FROM distribution_line l JOIN person p ON p.id = l.person_id JOIN department dep ON dep.id = p.department_id
             WHERE l.distribution_id = ?1 ORDER BY l.position",
        )?
        .query_map(params![id], |r| {
            Ok(Allocation {
                employee_id: r.get(0)?,
                name: r.get(1)?,
                department: r.get(2)?,
                weight_bp: r.get(3)?,
                amount_fen: r.get(4)?,
                taxable_fen: r.get(5)?,
                units: r.get(6)?,
                key_contributor: r.get(7)?,
                leader_level: r.get(8)?,
                transfer_staff: r.get(9)?,
                waived: r.get(10)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    p.plan.findings = conn
        .prepare_cached(
            "SELECT code, severity, employee_id, rule_bp, actual_bp FROM distribution_finding WHERE distribution_id = ?1 ORDER BY position",
        )?
        .query_map(params![id], |r| {
            let code: String = r.get(0)?;
            let severity: String = r.get(1)?;
            Ok(Finding {
                code: plan::FINDING_CODES.iter().copied().find(|c| *c == code).unwrap_or("unknown_finding"),
                severity: if severity == "error" { Severity::Error } else { Severity::Warning },
                employee_id: r.get(2)?,
                rule_bp: r.get(3)?,
                actual_bp: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    p.plan.recipients = conn
        .prepare_cached("SELECT name, share_bp, amount_fen FROM distribution_recipient WHERE distribution_id = ?1 ORDER BY position")?
        .query_map(params![id], |r| Ok(RecipientLine { name: r.get(0)?, share_bp: r.get(1)?, amount_fen: r.get(2)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    p.achievements = conn
        .prepare_cached(
            "SELECT a.achievement_no, a.title, ca.weight_bp FROM contract_achievement ca JOIN achievement a ON a.id = ca.achievement_id
             JOIN contract c ON c.id = ca.contract_id WHERE c.contract_no = ?1 ORDER BY ca.position",
        )?
        .query_map(params![p.plan.contract_no], |r| {
            Ok(LinkedAchievement { achievement_no: r.get(0)?, title: r.get(1)?, weight_bp: r.get(2)? })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(d)
}

/// Runs one workflow step: loads the distribution in a write transaction, lets `step` check and
/// change it, and records the before and after in the audit log.
fn step(store: &mut Store, actor: &Actor, id: i64, change: impl FnOnce(&Connection, &Distribution) -> Result<()>) -> Result<Distribution> {
    let tx = store.write()?;
    let before = get_in(&tx, id)?;
    change(&tx, &before)?;
    let after = get_in(&tx, id)?;
    Journal::start(&tx, actor)?.record(&tx, Action::Update, "distribution", &id.to_string(), Some(&json(&before)), Some(&json(&after)))?;
    tx.commit()?;
    Ok(after)
}

/// Checks the state a step needs; the refusal code says what is missing (docs/cli.md "Refusal codes").
fn require(d: &Distribution, allowed: &[DistributionState]) -> Result<()> {
    if allowed.contains(&d.state) {
        return Ok(());
    }
    let code = match d.state {
        DistributionState::Paid => "distribution_paid",
        DistributionState::Draft => "distribution_not_approved",
        _ if allowed == [DistributionState::Draft] => "distribution_not_draft",
        DistributionState::Approved => "publicity_not_finished",
        DistributionState::Publicized => "distribution_not_draft",
    };
    Err(refused(code, format!("#{} {}", d.id, d.state.zh())))
}

/// The largest minutes file read for its SHA-256: as large as an attachment may be.
const MINUTES_BYTES: u64 = 100 * 1024 * 1024;

/// Approves a draft with the collective decision (`rewards approve`). Waivers are applied first;
/// then an error finding refuses the step with its code unless an override reason is given — a
/// unit principal leader's equity can only be waived, never overridden. Amounts freeze here.
pub fn approve(store: &mut Store, actor: &Actor, id: i64, approval: &Approval) -> Result<Distribution> {
    let minutes = match &approval.minutes_file {
        Some(path) => {
            // A regular file (a FIFO or /dev/zero is refused) of at most 100 MB.
            let bytes = crate::store::file::read_regular(path, MINUTES_BYTES, "minutes_too_large")?;
            Some((path.display().to_string(), hex::encode(Sha256::digest(&bytes))))
        }
        None => None,
    };
    let reason = approval.override_reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
    step(store, actor, id, |tx, d| {
        require(d, &[DistributionState::Draft])?;
        let last_receipt = d.proposal.plan.receipts.iter().map(|r| r.received_on).max();
        if last_receipt.is_some_and(|r| approval.decision_on < r) {
            return Err(refused("decision_before_receipt", crate::date::iso(approval.decision_on)));
        }
        if approval.decision_on > actor.at.date() {
            return Err(refused("date_in_future", crate::date::iso(approval.decision_on)));
        }
        let mut waived_units = 0;
        for (i, employee) in approval.waive.iter().map(|w| w.trim()).enumerate() {
            if approval.waive[..i].iter().any(|w| w.trim() == employee) {
                return Err(refused("not_waivable", employee));
            }
            let line = d.proposal.plan.allocations.iter().position(|a| {
                a.employee_id == employee && a.leader_level == LeaderLevel::UnitPrincipal && a.units.is_some_and(|u| u > 0) && !a.waived
            });
            let Some(position) = line else {
                return Err(refused("not_waivable", employee));
            };
            waived_units += d.proposal.plan.allocations[position].units.unwrap_or(0);
            tx.execute(
                "UPDATE distribution_line SET waived = 1 WHERE distribution_id = ?1 AND person_id = (SELECT id FROM person WHERE employee_id = ?2)",
                params![id, employee],
            )?;
            tx.execute(
                "DELETE FROM distribution_finding WHERE distribution_id = ?1 AND code = 'principal_leader_equity_blocked' AND employee_id = ?2",
                params![id, employee],
            )?;
        }
        let waived: Vec<&str> = approval.waive.iter().map(|w| w.trim()).collect();
        let standing: Vec<&Finding> = d
            .proposal
            .plan
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error && !f.employee_id.as_deref().is_some_and(|e| waived.contains(&e)))
            .collect();
        if let Some(blocked) = standing.iter().find(|f| f.code == "principal_leader_equity_blocked") {
            return Err(refused(blocked.code, blocked.employee_id.clone().unwrap_or_default()));
        }
        if let (Some(first), None) = (standing.first(), reason) {
            return Err(refused(first.code, finding_detail(first)));
        }
        tx.execute(
            "UPDATE distribution SET state = 'approved', decision_on = ?2, minutes_file = ?3, minutes_sha256 = ?4, override_reason = ?5,
               institution_units = institution_units + ?6
             WHERE id = ?1",
            params![
                id,
                approval.decision_on,
                minutes.as_ref().map(|m| &m.0),
                minutes.as_ref().map(|m| &m.1),
                reason.filter(|_| !standing.is_empty()),
                waived_units
            ],
        )?;
        tell(tx, actor, id, NotificationKind::DistributionApproved, "已审批", "/me/rewards")?;
        notify(
            tx,
            actor,
            NotificationKind::DistributionApproved,
            To::Role(Role::Finance),
            &subject(tx, id, "已审批，待公示后发放")?,
            "/rewards",
        )
    })
}

/// The sentence naming a distribution by its contract, then what happened.
fn subject(conn: &Connection, id: i64, what: &str) -> Result<String> {
    let (no, title) = contract_of(conn, id)?;
    Ok(format!("合同 {no}「{title}」的收益分配{what}"))
}

/// The number and title of the contract a distribution shares out.
pub(crate) fn contract_of(conn: &Connection, id: i64) -> Result<(String, String)> {
    Ok(conn.query_row(
        "SELECT c.contract_no, c.title FROM distribution d JOIN contract c ON c.id = d.contract_id WHERE d.id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Tells every person with a line in the distribution, linking to their screen `link`.
fn tell(conn: &Connection, actor: &Actor, id: i64, kind: NotificationKind, what: &str, link: &str) -> Result<()> {
    let mut stmt = conn.prepare_cached("SELECT person_id FROM distribution_line WHERE distribution_id = ?1 ORDER BY position")?;
    let people: Vec<i64> = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    notify_people(conn, actor, kind, &people, &subject(conn, id, what)?, link)
}

/// Publicizes an approved distribution from the posting day `from` for `days` days (default: the
/// policy's), ending by the civil-code rule and the holiday calendar (`rewards publicize`). A
/// distribution still in publicity can be publicized again to correct the dates.
pub fn publicize(store: &mut Store, actor: &Actor, id: i64, from: NaiveDate, days: Option<u32>) -> Result<Distribution> {
    let calendar = Calendar::load(store)?;
    step(store, actor, id, |tx, d| {
        require(d, &[DistributionState::Approved, DistributionState::Publicized])?;
        if d.decision_on.is_some_and(|decided| from < decided) {
            return Err(refused("publicity_before_decision", crate::date::iso(from)));
        }
        let days = days.unwrap_or(d.proposal.policy_publicity_days);
        if !(1..=90).contains(&days) {
            return Err(Error::Invalid(vec![Problem::field("days", days.to_string(), ProblemKind::Integer(1, 90))]));
        }
        let ends = calendar.period_end(from, days);
        tx.execute(
            "UPDATE distribution SET state = 'publicized', publicity_from = ?2, publicity_days = ?3, publicity_ends_on = ?4 WHERE id = ?1",
            params![id, from, days, ends],
        )?;
        let what = format!("开始公示（{} 至 {ends}），如有异议请在公示期内提出", from.succ_opt().unwrap_or(from));
        tell(tx, actor, id, NotificationKind::PublicityStarted, &what, "/me/publicity")
    })
}

/// Records the payment (`rewards pay`): only after the publicity period has ended. Paid later
/// than 36 months after the income, a reward loses the 58号 half-taxable treatment.
pub fn pay(store: &mut Store, actor: &Actor, id: i64, paid_on: NaiveDate) -> Result<Distribution> {
    step(store, actor, id, |tx, d| {
        require(d, &[DistributionState::Publicized])?;
        // An objection to the reward publicity not yet handled, or upheld, stops the payment as
        // it would stop a signing (inventor::publicity).
        let objected: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM reward_objection WHERE distribution_id = ?1 AND outcome IN ('pending', 'upheld'))",
            [id],
            |r| r.get(0),
        )?;
        if objected {
            return Err(refused("reward_objection_open", id.to_string()));
        }
        // While the publicity runs nothing can be paid whatever day is typed, so that is the
        // reason given before the date itself is looked at: a day after the end is also a day
        // after today, and "after today" would hide why the office must wait.
        if let Some(ends) = d.publicity_ends_on.filter(|ends| *ends >= actor.at.date()) {
            return Err(refused("publicity_not_ended", crate::date::iso(ends)));
        }
        if paid_on > actor.at.date() {
            return Err(refused("date_in_future", format!("{}|{}", crate::date::iso(paid_on), crate::date::iso(actor.at.date()))));
        }
        if d.publicity_ends_on.is_none_or(|ends| paid_on <= ends) {
            let payable = d.payable_from().map(crate::date::iso).unwrap_or_default();
            return Err(refused("publicity_not_finished", format!("{} < {payable}", crate::date::iso(paid_on))));
        }
        let first_income = d.proposal.plan.receipts.iter().map(|r| r.received_on).min();
        if first_income.and_then(|f| f.checked_add_months(Months::new(TAX_RELIEF_MONTHS))).is_some_and(|limit| paid_on > limit) {
            tx.execute(
                "UPDATE distribution_line SET taxable_fen = amount_fen WHERE distribution_id = ?1 AND amount_fen IS NOT NULL",
                params![id],
            )?;
        }
        tx.execute("UPDATE distribution SET state = 'paid', paid_on = ?2 WHERE id = ?1", params![id, paid_on])?;
        tell(tx, actor, id, NotificationKind::DistributionPaid, &format!("已于 {paid_on} 发放"), "/me/rewards")
    })
}

/// Cancels a paid distribution with a linked reversal: a new draft with every line negated, which
/// goes through the same steps. Once the reversal is paid, the receipts and costs are free again.
pub fn reverse(store: &mut Store, actor: &Actor, id: i64, reason: &str) -> Result<Distribution> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::Invalid(vec![Problem::field("reason", "", ProblemKind::Required)]));
    }
    let tx = store.write()?;
    let original = get_in(&tx, id)?;
    if original.state != DistributionState::Paid || original.reverses_id.is_some() {
        return Err(refused("distribution_not_paid", format!("#{id}")));
    }
    if let Some(r) = original.reversed_by_id {
        return Err(refused("distribution_reversed", format!("#{r}")));
    }
    let contract_id: i64 = tx.query_row("SELECT contract_id FROM distribution WHERE id = ?1", params![id], |r| r.get(0))?;
    let open: Option<i64> = tx
        .query_row("SELECT id FROM distribution WHERE contract_id = ?1 AND state <> 'paid'", params![contract_id], |r| r.get(0))
        .optional()?;
    if let Some(open) = open {
        return Err(refused("distribution_open", format!("#{open}")));
    }
    let neg = |m: Money| Money(-m.0);
    let mut p = original.proposal.clone();
    p.payment_due_on = None;
    let plan = &mut p.plan;
    plan.receipts.clear();
    plan.findings.clear();
    (plan.receipts_fen, plan.costs_fen, plan.carried_in_costs_fen) =
        (neg(plan.receipts_fen), neg(plan.costs_fen), neg(plan.carried_in_costs_fen));
    (plan.net_income_fen, plan.institution_fen, plan.carried_out_costs_fen) =
        (neg(plan.net_income_fen), neg(plan.institution_fen), Money::ZERO);
    plan.pool_fen = plan.pool_fen.map(neg);
    plan.equity_units = plan.equity_units.map(|u| -u);
    plan.pool_units = plan.pool_units.map(|u| -u);
    plan.institution_units = plan.institution_units.map(|u| -u);
    for r in &mut plan.recipients {
        r.amount_fen = neg(r.amount_fen);
    }
    for a in &mut plan.allocations {
        a.amount_fen = a.amount_fen.map(|v| -v);
        a.taxable_fen = a.taxable_fen.map(|v| -v);
        a.units = a.units.map(|v| -v);
    }
    let new_id = insert(&tx, actor, contract_id, &p, Some((id, reason)))?;
    let saved = get_in(&tx, new_id)?;
    Journal::start(&tx, actor)?.record(&tx, Action::Insert, "distribution", &new_id.to_string(), None, Some(&json(&saved)))?;
    tx.commit()?;
    Ok(saved)
}

/// Deletes a draft (never anything approved), audited.
pub fn discard(store: &mut Store, actor: &Actor, id: i64) -> Result<()> {
    let tx = store.write()?;
    let before = get_in(&tx, id)?;
    require(&before, &[DistributionState::Draft])?;
    tx.execute("DELETE FROM distribution WHERE id = ?1", params![id])?;
    Journal::start(&tx, actor)?.record(&tx, Action::Delete, "distribution", &id.to_string(), Some(&json(&before)), None)?;
    tx.commit()?;
    Ok(())
}

/// The list of distributions, newest first, filtered and paged in SQL; `today` decides which
/// unpaid ones are past their payment deadline.
pub fn list(store: &Store, q: &DistributionQuery, today: NaiveDate) -> Result<DistributionPage> {
    list_visible(store, q, today, false)
}

/// [`list`] for finance, who sees a distribution once it is approved (`approved_only`).
pub fn list_visible(store: &Store, q: &DistributionQuery, today: NaiveDate, approved_only: bool) -> Result<DistributionPage> {
    use rusqlite::types::Value;
    // ?1 is today, bound always for the overdue column; the first clause keeps it bound in the count too.
    let mut clauses = vec!["?1 IS NOT NULL".to_string()];
    if approved_only {
        clauses.push("d.state <> 'draft'".into());
    }
    let mut args: Vec<Value> = vec![Value::Text(crate::date::iso(today))];
    if let Some(state) = q.state {
        args.push(Value::Text(state.key().into()));
        clauses.push(format!("d.state = ?{}", args.len()));
    }
    if let Some(no) = q.contract_no.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        args.push(Value::Text(no.into()));
        clauses.push(format!("c.contract_no = ?{}", args.len()));
    }
    if let Some(search) = q.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        args.push(Value::Text(crate::store::search::contains_pattern(search)));
        clauses.push(format!("(c.contract_no LIKE ?{n} ESCAPE '\\' OR c.title LIKE ?{n} ESCAPE '\\')", n = args.len()));
    }
    if let Some(year) = q.year {
        args.push(Value::Text(format!("{year:04}-01-01")));
        args.push(Value::Text(format!("{year:04}-12-31")));
        clauses.push(format!("d.through_on BETWEEN ?{} AND ?{}", args.len() - 1, args.len()));
    }
    let overdue = "(d.state <> 'paid' AND coalesce(d.payment_due_on < ?1, 0))";
    if q.overdue {
        // The same test without coalesce (NULL is false in WHERE), so the partial index
        // distribution_unpaid serves it.
        clauses.push("(d.state <> 'paid' AND d.payment_due_on < ?1)".into());
    }
    let from = format!("FROM distribution d JOIN contract c ON c.id = d.contract_id WHERE {}", clauses.join(" AND "));
    let conn = store.conn();
    let total: u32 = conn.query_row(&format!("SELECT count(*) {from}"), rusqlite::params_from_iter(&args), |r| r.get(0))?;
    let size = q.page_size.clamp(1, crate::store::search::MAX_PAGE_SIZE);
    let offset = (q.page.max(1) - 1) * size;
    let sql = format!(
        "SELECT d.id, c.contract_no, c.title, d.kind, d.state, d.reverses_id, d.through_on, d.net_income_fen, d.pool_fen, d.pool_units,
           substr(d.created_at, 1, 10), d.decision_on, d.publicity_ends_on, d.payment_due_on, d.paid_on, {overdue}
         {from} ORDER BY d.id DESC LIMIT {size} OFFSET {offset}"
    );
    let rows = conn
        .prepare(&sql)?
        .query_map(rusqlite::params_from_iter(&args), |r| {
            Ok(DistributionRow {
                id: r.get(0)?,
                contract_no: r.get(1)?,
                contract_title: r.get(2)?,
                kind: r.get(3)?,
                state: r.get(4)?,
                reverses_id: r.get(5)?,
                through_on: r.get(6)?,
                net_income_fen: r.get(7)?,
                pool_fen: r.get(8)?,
                pool_units: r.get(9)?,
                created_on: r.get(10)?,
                decision_on: r.get(11)?,
                publicity_ends_on: r.get(12)?,
                payment_due_on: r.get(13)?,
                paid_on: r.get(14)?,
                payment_overdue: r.get(15)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(DistributionPage { total, rows })
}

/// The resident ID numbers of a distribution's people, for the finance sheet (masked there unless
/// the export asks for them).
pub fn id_numbers(store: &Store, id: i64) -> Result<Vec<(String, Option<String>)>> {
    let mut stmt = store.conn().prepare(
        "SELECT p.employee_id, p.id_number FROM distribution_line l JOIN person p ON p.id = l.person_id WHERE l.distribution_id = ?1 ORDER BY l.position",
    )?;
    let rows = stmt.query_map(params![id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// A contract offered when starting a distribution.
#[derive(Clone, Debug, Serialize, TS)]
pub struct ContractChoice {
    /// 合同编号.
    pub contract_no: String,
    /// 合同名称.
    pub title: String,
    /// 转化方式.
    pub kind: ContractKind,
    /// 受让方.
    pub counterparty: String,
    /// 签订日期.
    pub signed_on: NaiveDate,
    /// All receipts so far.
    pub received_fen: Money,
    /// An unpaid distribution of the contract, if one is open.
    #[ts(type = "number | null")]
    pub open_distribution_id: Option<i64>,
}

/// Contracts whose number, title or counterparty contains `search`, newest first (at most `limit`).
pub fn contract_choices(store: &Store, search: &str, limit: u32) -> Result<Vec<ContractChoice>> {
    let mut stmt = store.conn().prepare(
        "SELECT c.contract_no, c.title, c.kind, o.name, c.signed_on,
           (SELECT coalesce(sum(r.amount_fen), 0) FROM receipt r WHERE r.contract_id = c.id),
           (SELECT d.id FROM distribution d WHERE d.contract_id = c.id AND d.state <> 'paid')
         FROM contract c JOIN organization o ON o.id = c.organization_id
         WHERE c.contract_no LIKE ?1 ESCAPE '\\' OR c.title LIKE ?1 ESCAPE '\\' OR o.name LIKE ?1 ESCAPE '\\'
         ORDER BY c.signed_on DESC, c.contract_no LIMIT ?2",
    )?;
    let rows = stmt.query_map(
        params![crate::store::search::contains_pattern(search), limit.clamp(1, crate::store::search::MAX_PAGE_SIZE)],
        |r| {
            Ok(ContractChoice {
                contract_no: r.get(0)?,
                title: r.get(1)?,
                kind: r.get(2)?,
                counterparty: r.get(3)?,
                signed_on: r.get(4)?,
                received_fen: r.get(5)?,
                open_distribution_id: r.get(6)?,
            })
        },
    )?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// A person who can be named as transfer staff.
#[derive(Clone, Debug, Serialize, TS)]
pub struct StaffChoice {
    /// 工号.
    pub employee_id: String,
    /// 姓名.
    pub name: String,
}

/// The people recorded as 技术转移人员 whose name or employee ID contains `search`, by employee ID
/// (at most `limit`).
pub fn staff_choices(store: &Store, search: &str, limit: u32) -> Result<Vec<StaffChoice>> {
    let mut stmt = store.conn().prepare_cached(
        "SELECT employee_id, name FROM person
         WHERE category = 'transfer_staff' AND (name LIKE ?1 ESCAPE '\\' OR employee_id LIKE ?1 ESCAPE '\\')
         ORDER BY employee_id LIMIT ?2",
    )?;
    let rows = stmt
        .query_map(params![crate::store::search::contains_pattern(search), limit.clamp(1, crate::store::search::MAX_PAGE_SIZE)], |r| {
            Ok(StaffChoice { employee_id: r.get(0)?, name: r.get(1)? })
        })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
