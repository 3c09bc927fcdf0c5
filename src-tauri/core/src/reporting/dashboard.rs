//! 工作台: what falls due, this year against last year, and where income and the portfolio
//! stand — the start screen, every figure of which opens the list behind it.

use crate::deals::contract::view::receivables;
use crate::error::Result;
use crate::fees::docket::{self, FeeQuery};
use crate::fees::rule::FeeStatus;
use crate::model::{AchievementKind, AchievementStatus, ContractKind, DistributionState};
use crate::money::Money;
use crate::rewards::distribution::{self, DistributionQuery};
use crate::store::Store;
use chrono::{Datelike, Days, NaiveDate};
use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

/// Items shown under each deadline; the count says how many there are in all.
const ITEMS: u32 = 5;
/// How far ahead publicity ends and scheduled payments are announced.
const LOOKAHEAD_DAYS: u32 = 30;

/// A kind of deadline, each opening its own filtered list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// Annual fees due within 30 days.
    FeesDue30,
    /// … within 60 days.
    FeesDue60,
    /// … within 90 days.
    FeesDue90,
    /// Fees past due, in the six-month grace period (surcharged).
    FeesInGrace,
    /// Price publicities whose period ends within 30 days.
    PublicityEnding,
    /// Reward publicities (收益分配公示) ending within 30 days.
    RewardPublicityEnding,
    /// Scheduled contract payments past due.
    PaymentsOverdue,
    /// Scheduled contract payments due within 30 days.
    PaymentsDue,
    /// Distributions waiting for their collective decision (drafts).
    DistributionsToApprove,
    /// Approved distributions not yet publicized.
    DistributionsToPublicize,
    /// Publicized distributions whose period is over: ready to pay.
    DistributionsToPay,
    /// Unpaid distributions past their payment deadline.
    DistributionsOverdue,
    /// Prosecution deadlines (replies, re-examination, restoration, registration …) passed with
    /// nothing recorded.
    ProsecutionMissed,
    /// Prosecution deadlines within 30 days.
    ProsecutionDue,
}

/// One thing that falls due.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct DeadlineItem {
    /// The record to open (achievement, publicity, contract or distribution id).
    #[ts(type = "number")]
    pub id: i64,
    /// Its title or number.
    pub label: String,
    /// The day it falls due.
    pub on: Option<NaiveDate>,
    /// The amount at stake, when there is one.
    pub amount_fen: Option<Money>,
}

/// A group of deadlines of one kind: how many, the first few, the amount at stake.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Deadline {
    /// What falls due.
    pub kind: DeadlineKind,
    /// How many in all.
    pub count: u32,
    /// The amount of all of them, when it means something.
    pub amount_fen: Option<Money>,
    /// The first few, the soonest first.
    pub items: Vec<DeadlineItem>,
}

/// The annual report's due date (科技成果转化年度报告, for the previous year).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ReportDue {
    /// The year reported on.
    pub year: i32,
    /// Due by.
    pub due_on: NaiveDate,
    /// Days left (negative when late).
    #[ts(type = "number")]
    pub days_left: i64,
    /// Already filed.
    pub filed: bool,
}

/// A year's activity from 1 January up to a day.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, TS)]
pub struct YearFigures {
    /// The year.
    pub year: i32,
    /// Counted up to this day.
    pub through: NaiveDate,
    /// Contracts signed.
    pub contracts: u32,
    /// Their amount.
    pub contract_fen: Money,
    /// Money received (到账).
    pub received_fen: Money,
    /// Rewards paid (cash distributions paid).
    pub rewards_paid_fen: Money,
}

/// Money received in a month on contracts of one kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct KindMonth {
    /// 转化方式.
    pub kind: ContractKind,
    /// 1–12.
    pub month: u32,
    /// Received.
    pub amount_fen: Money,
}

/// Money received this year on the achievements of a department.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct DepartmentIncome {
    /// 学院; absent for contracts that name no achievement.
    pub department: Option<String>,
    /// Received, split over a contract's achievements by their weights.
    pub amount_fen: Money,
}

/// How many achievements of a kind are in a status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct PortfolioCell {
    /// 成果类型.
    pub kind: AchievementKind,
    /// 法律状态.
    pub status: AchievementStatus,
    /// Achievements.
    pub count: u32,
}

/// Everything the start screen shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Dashboard {
    /// The day it was computed for.
    pub today: NaiveDate,
    /// Deadlines with something in them, in [`DeadlineKind`] order.
    pub deadlines: Vec<Deadline>,
    /// The annual report due next (or late).
    pub report: ReportDue,
    /// This year up to today.
    pub this_year: YearFigures,
    /// Last year up to the same day.
    pub last_year_to_date: YearFigures,
    /// Last year as a whole.
    pub last_year: YearFigures,
    /// This year's income by contract kind and month.
    pub income_by_kind_month: Vec<KindMonth>,
    /// This year's income by department, the largest first.
    pub income_by_department: Vec<DepartmentIncome>,
    /// The portfolio by kind and status.
    pub portfolio: Vec<PortfolioCell>,
}

/// The start screen on `today`.
pub fn overview(store: &Store, today: NaiveDate) -> Result<Dashboard> {
    let mut deadlines = fee_deadlines(store, today)?;
    deadlines.extend(publicity_deadlines(store, today)?);
    deadlines.extend(payment_deadlines(store, today)?);
    deadlines.extend(distribution_deadlines(store, today)?);
    deadlines.extend(prosecution_deadlines(store, today)?);
    deadlines.retain(|d| d.count > 0);
    let year = today.year();
    let same_day_last_year = today.with_year(year - 1).or_else(|| today.pred_opt().and_then(|d| d.with_year(year - 1))).unwrap_or(today);
    let last_day = NaiveDate::from_ymd_opt(year - 1, 12, 31).unwrap_or(today);
    Ok(Dashboard {
        today,
        deadlines,
        report: report_due(store, today)?,
        this_year: year_figures(store, today)?,
        last_year_to_date: year_figures(store, same_day_last_year)?,
        last_year: year_figures(store, last_day)?,
        income_by_kind_month: income_by_kind_month(store, year)?,
        income_by_department: income_by_department(store, year)?,
        portfolio: portfolio(store)?,
    })
}

fn fee_deadlines(store: &Store, today: NaiveDate) -> Result<Vec<Deadline>> {
    let list = docket::listing(store, today, 90)?;
    let tab = |status| list.page(store, &FeeQuery { status, within_days: 90, page: 1, page_size: ITEMS });
    let (due, grace) = (tab(FeeStatus::Due)?, tab(FeeStatus::Grace)?);
    let item = |l: &docket::FeeLine| DeadlineItem {
        id: l.achievement_id,
        label: format!("{} {}", l.achievement_no, l.title),
        on: Some(l.due_on),
        amount_fen: Some(l.total_fen),
    };
    let within = |days: u64| today.checked_add_days(Days::new(days)).unwrap_or(today);
    let first = |until: NaiveDate| due.rows.iter().filter(|l| l.due_on <= until).map(item).collect();
    let counts = due.counts;
    Ok(vec![
        Deadline { kind: DeadlineKind::FeesDue30, count: counts.due_30, amount_fen: None, items: first(within(30)) },
        Deadline { kind: DeadlineKind::FeesDue60, count: counts.due_60, amount_fen: None, items: first(within(60)) },
        Deadline { kind: DeadlineKind::FeesDue90, count: counts.due_90, amount_fen: Some(due.total_fen), items: first(within(90)) },
        Deadline {
            kind: DeadlineKind::FeesInGrace,
            count: counts.grace,
            amount_fen: Some(grace.total_fen),
            items: grace.rows.iter().map(item).collect(),
        },
    ])
}

fn prosecution_deadlines(store: &Store, today: NaiveDate) -> Result<Vec<Deadline>> {
    use crate::prosecution::deadline::{self as prosecution, DeadlineState, PatentDeadlineKind, PatentDeadlineQuery};
    let query = PatentDeadlineQuery { within_days: Some(LOOKAHEAD_DAYS.into()), ..Default::default() };
    let listed: Vec<_> = prosecution::list(store, &query, today)?.into_iter().filter(|d| d.kind != PatentDeadlineKind::Expiry).collect();
    let group = |kind: DeadlineKind, state: DeadlineState| {
        let of: Vec<_> = listed.iter().filter(|d| d.state == state).collect();
        let items = of
            .iter()
            .take(ITEMS as usize)
            .map(|d| DeadlineItem {
                id: d.achievement_id,
                label: format!("{} {} · {}", d.achievement_no, d.title, d.kind.zh()),
                on: Some(d.due_on),
                amount_fen: None,
            })
            .collect();
        Deadline { kind, count: of.len() as u32, amount_fen: None, items }
    };
    Ok(vec![group(DeadlineKind::ProsecutionMissed, DeadlineState::Missed), group(DeadlineKind::ProsecutionDue, DeadlineState::Open)])
}

fn publicity_deadlines(store: &Store, today: NaiveDate) -> Result<Vec<Deadline>> {
    let conn = store.conn();
    let until = today.checked_add_days(Days::new(LOOKAHEAD_DAYS.into())).unwrap_or(today);
    let price = deadline(
        conn,
        DeadlineKind::PublicityEnding,
        "SELECT p.id, p.title, p.ends_on, p.price_fen FROM publicity p
         WHERE p.ends_on BETWEEN ?1 AND ?2 AND NOT EXISTS (SELECT 1 FROM contract c WHERE c.publicity_id = p.id)
         ORDER BY p.ends_on, p.id",
        params![today, until],
    )?;
    let reward = deadline(
        conn,
        DeadlineKind::RewardPublicityEnding,
        "SELECT d.id, c.contract_no || ' ' || c.title, d.publicity_ends_on, d.pool_fen FROM distribution d JOIN contract c ON c.id = d.contract_id
         WHERE d.state = 'publicized' AND d.publicity_ends_on BETWEEN ?1 AND ?2 ORDER BY d.publicity_ends_on, d.id",
        params![today, until],
    )?;
    Ok(vec![price, reward])
}

fn payment_deadlines(store: &Store, today: NaiveDate) -> Result<Vec<Deadline>> {
    let owed = receivables(store, today, LOOKAHEAD_DAYS)?;
    let group = |kind, overdue: bool| {
        let rows: Vec<_> = owed.iter().filter(|r| (r.days_overdue > 0 || r.due_on < today) == overdue).collect();
        Deadline {
            kind,
            count: rows.len() as u32,
            amount_fen: Some(Money(rows.iter().map(|r| r.outstanding_fen.0).sum())),
            items: rows
                .iter()
                .take(ITEMS as usize)
                .map(|r| DeadlineItem {
                    id: r.contract_id,
                    label: format!("{} {}", r.contract_no, r.counterparty),
                    on: Some(r.due_on),
                    amount_fen: Some(r.outstanding_fen),
                })
                .collect(),
        }
    };
    Ok(vec![group(DeadlineKind::PaymentsOverdue, true), group(DeadlineKind::PaymentsDue, false)])
}

fn distribution_deadlines(store: &Store, today: NaiveDate) -> Result<Vec<Deadline>> {
    let list = |kind, state: Option<DistributionState>, overdue: bool| -> Result<Deadline> {
        let q = DistributionQuery { page: 1, page_size: ITEMS, state, overdue, ..Default::default() };
        let page = distribution::list(store, &q, today)?;
        let items = page
            .rows
            .iter()
            .map(|d| DeadlineItem {
                id: d.id,
                label: format!("{} {}", d.contract_no, d.contract_title),
                on: match state {
                    Some(DistributionState::Publicized) => d.publicity_ends_on,
                    _ => d.payment_due_on,
                },
                amount_fen: d.pool_fen,
            })
            .collect();
        Ok(Deadline { kind, count: page.total, amount_fen: None, items })
    };
    // Publicized ones are ready to pay once their period is over; those still in it are
    // announced with the publicities.
    let conn = store.conn();
    let ready = deadline(
        conn,
        DeadlineKind::DistributionsToPay,
        "SELECT d.id, c.contract_no || ' ' || c.title, d.payment_due_on, d.pool_fen FROM distribution d JOIN contract c ON c.id = d.contract_id
         WHERE d.state = 'publicized' AND d.publicity_ends_on < ?1 AND ?2 IS NOT NULL ORDER BY d.payment_due_on, d.id",
        params![today, today],
    )?;
    Ok(vec![
        list(DeadlineKind::DistributionsToApprove, Some(DistributionState::Draft), false)?,
        list(DeadlineKind::DistributionsToPublicize, Some(DistributionState::Approved), false)?,
        ready,
        list(DeadlineKind::DistributionsOverdue, None, true)?,
    ])
}

/// A deadline from a query of (id, label, day, amount) rows, soonest first.
fn deadline(conn: &rusqlite::Connection, kind: DeadlineKind, sql: &str, args: impl rusqlite::Params) -> Result<Deadline> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt
        .query_map(args, |r| Ok(DeadlineItem { id: r.get(0)?, label: r.get(1)?, on: r.get(2)?, amount_fen: r.get(3)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let amount = rows.iter().filter_map(|r| r.amount_fen).map(|m| m.0).sum();
    Ok(Deadline { kind, count: rows.len() as u32, amount_fen: Some(Money(amount)), items: rows.into_iter().take(ITEMS as usize).collect() })
}

fn report_due(store: &Store, today: NaiveDate) -> Result<ReportDue> {
    let year = today.year() - 1;
    let due_on = crate::reporting::annual::due_on(store.conn(), year)?;
    let filed =
        store.conn().query_row("SELECT count(*) > 0 FROM report_year WHERE year = ?1 AND filed_at IS NOT NULL", [year], |r| r.get(0))?;
    Ok(ReportDue { year, due_on, days_left: (due_on - today).num_days(), filed })
}

fn year_figures(store: &Store, through: NaiveDate) -> Result<YearFigures> {
    let year = through.year();
    let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(through);
    Ok(store.conn().query_row(
        "SELECT (SELECT count(*) FROM contract WHERE signed_on BETWEEN ?1 AND ?2),
                (SELECT coalesce(sum(amount_fen), 0) FROM contract WHERE signed_on BETWEEN ?1 AND ?2),
                (SELECT coalesce(sum(amount_fen), 0) FROM receipt WHERE received_on BETWEEN ?1 AND ?2),
                (SELECT coalesce(sum(pool_fen), 0) FROM distribution WHERE state = 'paid' AND paid_on BETWEEN ?1 AND ?2)",
        params![from, through],
        |r| {
            Ok(YearFigures {
                year,
                through,
                contracts: r.get(0)?,
                contract_fen: r.get(1)?,
                received_fen: r.get(2)?,
                rewards_paid_fen: r.get(3)?,
            })
        },
    )?)
}

fn income_by_kind_month(store: &Store, year: i32) -> Result<Vec<KindMonth>> {
    let mut stmt = store.conn().prepare_cached(
        "SELECT c.kind, CAST(substr(r.received_on, 6, 2) AS INTEGER), sum(r.amount_fen)
         FROM receipt r JOIN contract c ON c.id = r.contract_id
         WHERE r.received_on BETWEEN ?1 AND ?2 GROUP BY 1, 2 ORDER BY 1, 2",
    )?;
    let rows = stmt.query_map(params![format!("{year:04}-01-01"), format!("{year:04}-12-31")], |r| {
        Ok(KindMonth { kind: r.get(0)?, month: r.get(1)?, amount_fen: r.get(2)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn income_by_department(store: &Store, year: i32) -> Result<Vec<DepartmentIncome>> {
    // A receipt is split over its contract's achievements by weight (basis points); what a
    // department gets is rounded down to the fen, so the parts may fall a fen short of the whole.
    let mut stmt = store.conn().prepare_cached(
        "WITH income AS (SELECT contract_id, sum(amount_fen) AS fen FROM receipt WHERE received_on BETWEEN ?1 AND ?2 GROUP BY contract_id)
         SELECT dep.name, sum(i.fen * ca.weight_bp) / 10000 FROM income i
           JOIN contract_achievement ca ON ca.contract_id = i.contract_id
           JOIN achievement a ON a.id = ca.achievement_id JOIN department dep ON dep.id = a.department_id GROUP BY dep.name
         UNION ALL
         SELECT NULL, sum(i.fen) FROM income i WHERE NOT EXISTS (SELECT 1 FROM contract_achievement ca WHERE ca.contract_id = i.contract_id)
           HAVING count(*) > 0
         ORDER BY 2 DESC, 1",
    )?;
    let rows = stmt.query_map(params![format!("{year:04}-01-01"), format!("{year:04}-12-31")], |r| {
        Ok(DepartmentIncome { department: r.get(0)?, amount_fen: r.get(1)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn portfolio(store: &Store) -> Result<Vec<PortfolioCell>> {
    let mut stmt = store.conn().prepare_cached("SELECT kind, status, count(*) FROM achievement GROUP BY 1, 2 ORDER BY 1, 2")?;
    let rows = stmt.query_map([], |r| Ok(PortfolioCell { kind: r.get(0)?, status: r.get(1)?, count: r.get(2)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
