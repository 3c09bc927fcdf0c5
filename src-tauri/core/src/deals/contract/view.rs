//! What the contract screens show: one contract with its money and evidence, the paged list,
//! and the receivables (应收) matched against receipts oldest installment first.

use super::{ContractForm, EquityHolding, Installment, Weighted};
use crate::error::{Error, Result};
use crate::model::{ContractKind, CostCategory, DistributionState, InstallmentKind, ReceiptKind};
use crate::money::Money;
use crate::store::Store;
use chrono::{Months, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// CNIPA recordal of a license is due within three months of its taking effect (专利实施许可合同备案办法).
pub const RECORDAL_MONTHS: u32 = 3;

/// A receipt on the contract page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ContractReceipt {
    /// Row id.
    #[ts(type = "number")]
    pub id: i64,
    /// 到账日期.
    pub received_on: NaiveDate,
    /// 金额.
    pub amount_fen: Money,
    /// 凭证号.
    pub voucher_no: Option<String>,
    /// Payment, dividend or exit.
    pub kind: ReceiptKind,
    /// Counted by a distribution (then it cannot be deleted).
    pub distributed: bool,
}

/// A cost on the contract page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ContractCost {
    /// Row id.
    #[ts(type = "number")]
    pub id: i64,
    /// 发生日期.
    pub incurred_on: NaiveDate,
    /// 类别.
    pub category: CostCategory,
    /// 金额.
    pub amount_fen: Money,
    /// 说明.
    pub note: Option<String>,
    /// Counted by a distribution.
    pub distributed: bool,
}

/// An installment with what is still owed on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ContractInstallment {
    /// The planned payment.
    pub installment: Installment,
    /// Not yet covered by payments (receipts cover installments in due-date order).
    pub outstanding_fen: Money,
    /// Outstanding and past due.
    pub overdue: bool,
}

/// A distribution of the contract, in short.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ContractDistribution {
    /// Id.
    #[ts(type = "number")]
    pub id: i64,
    /// 状态.
    pub state: DistributionState,
    /// 奖励总额.
    pub pool_fen: Option<Money>,
    /// Receipts up to.
    pub through_on: NaiveDate,
}

/// An achievement the contract carries, with its title.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ContractAchievement {
    /// Id, for the link.
    #[ts(type = "number")]
    pub id: i64,
    /// 成果编号.
    pub achievement_no: String,
    /// 名称.
    pub title: String,
    /// 权重.
    #[ts(type = "number")]
    pub weight_bp: i64,
}

/// One contract with everything the contract page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ContractDetail {
    /// The editable fields.
    pub form: ContractForm,
    /// 合作单位.
    pub counterparty: String,
    /// 单位性质 label and region, for the header.
    pub counterparty_region: String,
    /// The achievements with titles.
    pub achievements: Vec<ContractAchievement>,
    /// 付款计划 with coverage.
    pub installments: Vec<ContractInstallment>,
    /// 到账.
    pub receipts: Vec<ContractReceipt>,
    /// 成本.
    pub costs: Vec<ContractCost>,
    /// 收益分配.
    pub distributions: Vec<ContractDistribution>,
    /// Σ receipts (every kind).
    pub received_fen: Money,
    /// Σ costs.
    pub costs_fen: Money,
    /// Scheduled payments due by today not covered by payments received.
    pub overdue_fen: Money,
    /// License recordal deadline (effective day, or signing day, + 3 months), licenses only.
    pub recordal_due_on: Option<NaiveDate>,
    /// Recordal not made and its deadline passed.
    pub recordal_overdue: bool,
    /// The publicity's title and period, for the header.
    pub publicity: Option<crate::deals::publicity::Publicity>,
    /// The collective decision.
    pub resolution: Option<crate::deals::resolution::Resolution>,
}

/// The license recordal deadline.
pub fn recordal_due(kind: ContractKind, signed_on: NaiveDate, effective_on: Option<NaiveDate>) -> Option<NaiveDate> {
    (kind == ContractKind::License)
        .then(|| effective_on.unwrap_or(signed_on))
        .and_then(|d| d.checked_add_months(Months::new(RECORDAL_MONTHS)))
}

/// Spreads `paid` over installments in order: what each still lacks.
pub fn outstanding(amounts: &[i64], paid: i64) -> Vec<i64> {
    let mut left = paid.max(0);
    amounts
        .iter()
        .map(|a| {
            let covered = left.min(*a);
            left -= covered;
            a - covered
        })
        .collect()
}

/// The id of contract `contract_no`.
pub fn find(conn: &Connection, contract_no: &str) -> Result<i64> {
    conn.query_row("SELECT id FROM contract WHERE contract_no = ?1", [contract_no.trim()], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "contract", key: contract_no.trim().to_string() })
}

/// One contract by id, as of `today` (for overdue flags).
pub fn get(conn: &Connection, id: i64, today: NaiveDate) -> Result<ContractDetail> {
    let (form, counterparty, region) = conn
        .query_row(
            "SELECT c.contract_no, c.title, c.kind, c.license_kind, c.organization_id, c.amount_fen, c.signed_on, c.registration_no,
                    c.registered_on, c.effective_on, c.recorded_on, c.equity_units_fen, c.pricing, c.publicity_id, c.resolution_id,
                    o.name, o.region, c.version
             FROM contract c JOIN organization o ON o.id = c.organization_id WHERE c.id = ?1",
            [id],
            |r| {
                Ok((
                    ContractForm {
                        id: Some(id),
                        version: r.get(17)?,
                        contract_no: r.get(0)?,
                        title: r.get(1)?,
                        kind: r.get(2)?,
                        license_kind: r.get(3)?,
                        organization_id: r.get(4)?,
                        amount_fen: r.get(5)?,
                        signed_on: r.get(6)?,
                        registration_no: r.get(7)?,
                        registered_on: r.get(8)?,
                        effective_on: r.get(9)?,
                        recorded_on: r.get(10)?,
                        equity_units_fen: r.get(11)?,
                        pricing: r.get(12)?,
                        publicity_id: r.get(13)?,
                        resolution_id: r.get(14)?,
                        achievements: Vec::new(),
                        installments: Vec::new(),
                        equity: None,
                    },
                    r.get::<_, String>(15)?,
                    r.get::<_, String>(16)?,
                ))
            },
        )
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "contract", key: id.to_string() })?;
    let mut form = form;
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.achievement_no, a.title, ca.weight_bp FROM contract_achievement ca JOIN achievement a ON a.id = ca.achievement_id
         WHERE ca.contract_id = ?1 ORDER BY ca.position",
    )?;
    let achievements = stmt
        .query_map([id], |r| Ok(ContractAchievement { id: r.get(0)?, achievement_no: r.get(1)?, title: r.get(2)?, weight_bp: r.get(3)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    form.achievements =
        achievements.iter().map(|a| Weighted { achievement_no: a.achievement_no.clone(), weight_bp: a.weight_bp }).collect();
    let mut stmt = conn.prepare_cached(
        "SELECT kind, due_on, amount_fen, milestone, period_start, period_end FROM installment WHERE contract_id = ?1 ORDER BY position",
    )?;
    form.installments = stmt
        .query_map([id], |r| {
            Ok(Installment {
                kind: r.get::<_, InstallmentKind>(0)?,
                due_on: r.get(1)?,
                amount_fen: r.get(2)?,
                milestone: r.get(3)?,
                period_start: r.get(4)?,
                period_end: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    form.equity = conn
        .query_row(
            "SELECT holder, stake_bp, registered_on, written_off_on, write_off_reason FROM equity_holding WHERE contract_id = ?1",
            [id],
            |r| {
                Ok(EquityHolding {
                    holder: r.get(0)?,
                    stake_bp: r.get(1)?,
                    registered_on: r.get(2)?,
                    written_off_on: r.get(3)?,
                    write_off_reason: r.get(4)?,
                })
            },
        )
        .optional()?;
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.received_on, r.amount_fen, r.voucher_no, r.kind, EXISTS (SELECT 1 FROM distribution_receipt dr WHERE dr.receipt_id = r.id)
         FROM receipt r WHERE r.contract_id = ?1 ORDER BY r.received_on, r.id",
    )?;
    let receipts = stmt
        .query_map([id], |r| {
            Ok(ContractReceipt {
                id: r.get(0)?,
                received_on: r.get(1)?,
                amount_fen: r.get(2)?,
                voucher_no: r.get(3)?,
                kind: r.get(4)?,
                distributed: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.incurred_on, c.category, c.amount_fen, c.note, EXISTS (SELECT 1 FROM distribution_cost dc WHERE dc.cost_id = c.id)
         FROM cost c WHERE c.contract_id = ?1 ORDER BY c.incurred_on, c.id",
    )?;
    let costs = stmt
        .query_map([id], |r| {
            Ok(ContractCost {
                id: r.get(0)?,
                incurred_on: r.get(1)?,
                category: r.get(2)?,
                amount_fen: r.get(3)?,
                note: r.get(4)?,
                distributed: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare_cached("SELECT id, state, pool_fen, through_on FROM distribution WHERE contract_id = ?1 ORDER BY id")?;
    let distributions = stmt
        .query_map([id], |r| Ok(ContractDistribution { id: r.get(0)?, state: r.get(1)?, pool_fen: r.get(2)?, through_on: r.get(3)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let paid: i64 = receipts.iter().filter(|r| r.kind == ReceiptKind::Payment).map(|r| r.amount_fen.0).sum();
    let mut order: Vec<usize> = (0..form.installments.len()).collect();
    order.sort_by_key(|&i| (form.installments[i].due_on, i));
    let left = outstanding(&order.iter().map(|&i| form.installments[i].amount_fen.0).collect::<Vec<_>>(), paid);
    let mut lines: Vec<Option<ContractInstallment>> = vec![None; form.installments.len()];
    for (k, &i) in order.iter().enumerate() {
        let p = &form.installments[i];
        lines[i] =
            Some(ContractInstallment { installment: p.clone(), outstanding_fen: Money(left[k]), overdue: left[k] > 0 && p.due_on < today });
    }
    let installments: Vec<ContractInstallment> = lines.into_iter().flatten().collect();
    let overdue_fen = Money(installments.iter().filter(|l| l.overdue).map(|l| l.outstanding_fen.0).sum());
    let recordal_due_on = recordal_due(form.kind, form.signed_on, form.effective_on);
    let publicity = form.publicity_id.map(|p| crate::deals::publicity::get(conn, p)).transpose()?;
    let resolution = form.resolution_id.map(|r| crate::deals::resolution::get(conn, r)).transpose()?;
    Ok(ContractDetail {
        counterparty,
        counterparty_region: region,
        achievements,
        installments,
        received_fen: Money(receipts.iter().map(|r| r.amount_fen.0).sum()),
        costs_fen: Money(costs.iter().map(|c| c.amount_fen.0).sum()),
        receipts,
        costs,
        distributions,
        overdue_fen,
        recordal_overdue: form.recorded_on.is_none() && recordal_due_on.is_some_and(|d| d < today),
        recordal_due_on,
        publicity,
        resolution,
        form,
    })
}

/// The contract list's filters and page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContractQuery {
    /// 转化方式.
    pub kind: Option<ContractKind>,
    /// Signed in this year.
    #[ts(type = "number | null")]
    pub year: Option<i32>,
    /// Number, title, counterparty or registration number contains every word (the search index).
    pub search: Option<String>,
    /// Only contracts with scheduled payments overdue.
    pub overdue: bool,
    /// Only licenses whose CNIPA recordal is due or overdue and not made.
    pub recordal: bool,
    /// Only contracts transforming an achievement of this department (学院).
    #[serde(default)]
    pub department: Option<String>,
    /// 1-based page.
    #[ts(type = "number")]
    pub page: u32,
    /// Rows per page.
    #[ts(type = "number")]
    pub page_size: u32,
}

/// A line of the contract list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ContractRow {
    /// Id.
    #[ts(type = "number")]
    pub id: i64,
    /// 合同编号.
    pub contract_no: String,
    /// 合同名称.
    pub title: String,
    /// 转化方式.
    pub kind: ContractKind,
    /// 合作单位.
    pub counterparty: String,
    /// 合同金额.
    pub amount_fen: Money,
    /// 签订日期.
    pub signed_on: NaiveDate,
    /// 已到账.
    pub received_fen: Money,
    /// Scheduled and due by today, not received (Σ due − Σ payments, at least 0).
    pub overdue_fen: Money,
    /// License recordal deadline, when not yet recorded.
    pub recordal_due_on: Option<NaiveDate>,
}

/// A page of the contract list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ContractPage {
    /// Rows matching the filters.
    #[ts(type = "number")]
    pub total: u32,
    /// This page.
    pub rows: Vec<ContractRow>,
}

/// Due-to-date (`?1`) minus payments received: the FIFO overdue total of contract `c`'s installments.
const OVERDUE_FEN: &str = "max(0, coalesce((SELECT sum(i.amount_fen) FROM installment i WHERE i.contract_id = c.id AND i.due_on < ?1), 0)
    - coalesce((SELECT sum(r.amount_fen) FROM receipt r WHERE r.contract_id = c.id AND r.kind = 'payment'), 0))";

/// The contracts with `OVERDUE_FEN > 0`, as an id list: Σ due before `?1` exceeds Σ payments
/// received. Only a contract with a scheduled payment due before today can be overdue, so the
/// installments drive it and the receipts are summed once for each of those contracts, not for
/// every contract (imported history has no schedule at all).
const OVERDUE_IDS: &str = "SELECT i.contract_id FROM installment i WHERE i.due_on < ?1 GROUP BY i.contract_id
    HAVING sum(i.amount_fen) > coalesce((SELECT sum(r.amount_fen) FROM receipt r WHERE r.contract_id = i.contract_id AND r.kind = 'payment'), 0)";

/// A text search matching more contracts than this walks the list's order and stops at the page;
/// fewer are looked up by id and sorted.
const BROAD_SEARCH: u32 = 2000;

/// The contract list, newest first, filtered and paged in SQL.
///
/// The page's ids are chosen on the bare contract rows; the counterparty and the money columns
/// are read for those rows only (as the achievement list does): computed before the sort, they
/// cost a lookup per matching row.
pub fn list(store: &Store, q: &ContractQuery, today: NaiveDate) -> Result<ContractPage> {
    use rusqlite::types::Value;
    let conn = store.conn();
    // `id` is how the text search names the id column: `+c.id` keeps SQLite from driving the
    // query from the search's matches.
    let filter = |id: &str| -> Result<(String, Vec<Value>)> {
        let mut clauses = vec!["?1 IS NOT NULL".to_string()];
        let mut args: Vec<Value> = vec![Value::Text(crate::date::iso(today))];
        if let Some(kind) = q.kind {
            args.push(Value::Text(kind.key().into()));
            clauses.push(format!("c.kind = ?{}", args.len()));
        }
        if let Some(year) = q.year {
            args.push(Value::Text(format!("{year:04}-01-01")));
            args.push(Value::Text(format!("{year:04}-12-31")));
            clauses.push(format!("c.signed_on BETWEEN ?{} AND ?{}", args.len() - 1, args.len()));
        }
        if let Some(search) = q.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            // The search index holds each contract's number (as written and without separators),
            // title, counterparty and registration number: no LIKE over every contract.
            clauses.push(crate::store::search::id_filter(conn, crate::store::search::SearchKind::Contract, search, id, &mut args)?);
        }
        if let Some(department) = q.department.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            args.push(Value::Text(department.into()));
            clauses.push(format!(
                "c.id IN (SELECT ca.contract_id FROM contract_achievement ca JOIN achievement a ON a.id = ca.achievement_id
                          JOIN department dep ON dep.id = a.department_id WHERE dep.name = ?{})",
                args.len()
            ));
        }
        if q.overdue {
            clauses.push(format!("c.id IN ({OVERDUE_IDS})"));
        }
        if q.recordal {
            clauses.push("c.kind = 'license' AND c.recorded_on IS NULL AND date(coalesce(c.effective_on, c.signed_on), '+3 months') <= date(?1, '+30 days')".into());
        }
        Ok((clauses.join(" AND "), args))
    };
    let (where_, args) = filter("c.id")?;
    let total: u32 =
        conn.query_row(&format!("SELECT count(*) FROM contract c WHERE {where_}"), rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
    let broad = q.search.as_deref().is_some_and(|s| !s.trim().is_empty()) && total > BROAD_SEARCH;
    let (where_, mut args) = if broad { filter("+c.id")? } else { (where_, args) };
    let page_size = q.page_size.clamp(1, crate::store::search::MAX_PAGE_SIZE);
    args.push(Value::Integer(page_size.into()));
    args.push(Value::Integer(i64::from(q.page.max(1) - 1) * i64::from(page_size)));
    let sql = format!(
        "SELECT c.id FROM contract c WHERE {where_} ORDER BY c.signed_on DESC, c.contract_no LIMIT ?{} OFFSET ?{}",
        args.len() - 1,
        args.len()
    );
    let mut stmt = conn.prepare(&sql)?;
    let ids: Vec<Value> = stmt
        .query_map(rusqlite::params_from_iter(args.iter()), |r| r.get::<_, i64>(0).map(Value::Integer))?
        .collect::<rusqlite::Result<_>>()?;
    if ids.is_empty() {
        return Ok(ContractPage { total, rows: Vec::new() });
    }
    let marks: Vec<String> = (2..ids.len() + 2).map(|n| format!("?{n}")).collect();
    let sql = format!(
        "SELECT c.id, c.contract_no, c.title, c.kind, o.name, c.amount_fen, c.signed_on,
                coalesce((SELECT sum(r.amount_fen) FROM receipt r WHERE r.contract_id = c.id), 0), {OVERDUE_FEN}, c.effective_on, c.recorded_on
         FROM contract c JOIN organization o ON o.id = c.organization_id WHERE c.id IN ({})
         ORDER BY c.signed_on DESC, c.contract_no",
        marks.join(", ")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let args = std::iter::once(Value::Text(crate::date::iso(today))).chain(ids);
    let rows = stmt
        .query_map(rusqlite::params_from_iter(args), |r| {
            let kind: ContractKind = r.get(3)?;
            let signed_on: NaiveDate = r.get(6)?;
            let recorded: Option<NaiveDate> = r.get(10)?;
            Ok(ContractRow {
                id: r.get(0)?,
                contract_no: r.get(1)?,
                title: r.get(2)?,
                kind,
                counterparty: r.get(4)?,
                amount_fen: r.get(5)?,
                signed_on,
                received_fen: r.get(7)?,
                overdue_fen: r.get(8)?,
                recordal_due_on: recorded.is_none().then(|| recordal_due(kind, signed_on, r.get(9).ok().flatten())).flatten(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(ContractPage { total, rows })
}

/// An installment not yet covered, for the receivables list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Receivable {
    /// Contract id.
    #[ts(type = "number")]
    pub contract_id: i64,
    /// 合同编号.
    pub contract_no: String,
    /// 合作单位.
    pub counterparty: String,
    /// 应付日期.
    pub due_on: NaiveDate,
    /// Fixed, milestone or royalty.
    pub kind: InstallmentKind,
    /// 里程碑 or period.
    pub label: Option<String>,
    /// 计划金额.
    pub amount_fen: Money,
    /// Still owed.
    pub outstanding_fen: Money,
    /// Days past due (0 when not yet due).
    #[ts(type = "number")]
    pub days_overdue: i64,
}

/// Installments still owed that fall due by `today + within_days` (overdue ones included),
/// oldest first. Receipts cover each contract's installments in due-date order, in SQL.
pub fn receivables(store: &Store, today: NaiveDate, within_days: u32) -> Result<Vec<Receivable>> {
    let mut stmt = store.conn().prepare_cached(
        "WITH plan AS (
            SELECT i.*, sum(i.amount_fen) OVER (PARTITION BY i.contract_id ORDER BY i.due_on, i.position ROWS UNBOUNDED PRECEDING) AS upto
            FROM installment i),
         paid AS (SELECT contract_id, sum(amount_fen) AS fen FROM receipt WHERE kind = 'payment' GROUP BY contract_id),
         owed AS (
            SELECT plan.*, min(plan.amount_fen, max(0, plan.upto - coalesce(paid.fen, 0))) AS left_fen
            FROM plan LEFT JOIN paid ON paid.contract_id = plan.contract_id)
         SELECT c.id, c.contract_no, o.name, w.due_on, w.kind, coalesce(w.milestone, w.period_start || ' ~ ' || w.period_end), w.amount_fen, w.left_fen,
                max(0, CAST(julianday(?1) - julianday(w.due_on) AS INTEGER))
         FROM owed w JOIN contract c ON c.id = w.contract_id JOIN organization o ON o.id = c.organization_id
         WHERE w.left_fen > 0 AND w.due_on <= date(?1, '+' || ?2 || ' days')
         ORDER BY w.due_on, c.contract_no",
    )?;
    let rows = stmt.query_map(params![today, within_days], |r| {
        Ok(Receivable {
            contract_id: r.get(0)?,
            contract_no: r.get(1)?,
            counterparty: r.get(2)?,
            due_on: r.get(3)?,
            kind: r.get(4)?,
            label: r.get(5)?,
            amount_fen: r.get(6)?,
            outstanding_fen: r.get(7)?,
            days_overdue: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payments_cover_installments_in_order() {
        // 300 paid against 100, 250, 400: the first is covered, 50 left on the second, the third untouched.
        assert_eq!(outstanding(&[100, 250, 400], 300), vec![0, 50, 400]);
        assert_eq!(outstanding(&[100], 0), vec![100]);
        assert_eq!(outstanding(&[100, 100], 500), vec![0, 0], "overpayment leaves nothing owed");
    }

    #[test]
    fn license_recordal_is_due_three_months_after_it_takes_effect() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        assert_eq!(recordal_due(ContractKind::License, day(2025, 3, 10), None), Some(day(2025, 6, 10)));
        assert_eq!(
            recordal_due(ContractKind::License, day(2025, 3, 10), Some(day(2025, 11, 30))),
            Some(day(2026, 2, 28)),
            "clamped to February's end"
        );
        assert_eq!(recordal_due(ContractKind::Transfer, day(2025, 3, 10), None), None);
    }
}
