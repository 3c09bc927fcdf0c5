//! 我的收益: a person's own lines of the reward distributions once approved — amount, taxable
//! part, state and payment day — and nothing of anyone else's (the publicity shows what the
//! public may see, [`super::publicity`]).

use super::person_id;
use crate::error::{Error, Result};
use crate::model::DistributionState;
use crate::money::Money;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

/// One line of 我的收益.
#[derive(Clone, Debug, Serialize, TS)]
pub struct MyReward {
    /// The distribution's id (its statement).
    #[ts(type = "number")]
    pub distribution_id: i64,
    /// 合同编号.
    pub contract_no: String,
    /// 合同名称.
    pub contract_title: String,
    /// Where the distribution stands.
    pub state: DistributionState,
    /// 奖励金额 (cash), none for equity.
    pub amount_fen: Option<Money>,
    /// The taxable part of it.
    pub taxable_fen: Option<Money>,
    /// 股权奖励 units, none for cash.
    #[ts(type = "number | null")]
    pub units: Option<i64>,
    /// 公示截止.
    pub publicity_ends_on: Option<NaiveDate>,
    /// 发放日期.
    pub paid_on: Option<NaiveDate>,
    /// Whether it cancels an earlier payment (冲销).
    pub reversal: bool,
}

/// My lines of every distribution past its draft, newest first.
pub fn mine(conn: &Connection, employee_id: &str) -> Result<Vec<MyReward>> {
    let me = person_id(conn, employee_id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT d.id, c.contract_no, c.title, d.state, l.amount_fen, l.taxable_fen, l.units, d.publicity_ends_on, d.paid_on,
                d.reverses_id IS NOT NULL
         FROM distribution_line l JOIN distribution d ON d.id = l.distribution_id JOIN contract c ON c.id = d.contract_id
         WHERE l.person_id = ?1 AND d.state <> 'draft' ORDER BY coalesce(d.paid_on, d.decision_on, d.created_at) DESC, d.id DESC",
    )?;
    let rows = stmt
        .query_map([me], |r| {
            Ok(MyReward {
                distribution_id: r.get(0)?,
                contract_no: r.get(1)?,
                contract_title: r.get(2)?,
                state: r.get(3)?,
                amount_fen: r.get(4)?,
                taxable_fen: r.get(5)?,
                units: r.get(6)?,
                publicity_ends_on: r.get(7)?,
                paid_on: r.get(8)?,
                reversal: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Whether I have a line in distribution `id` past its draft (not found otherwise): my
/// statement of it may be written.
pub fn check_mine(conn: &Connection, employee_id: &str, id: i64) -> Result<()> {
    let me = person_id(conn, employee_id)?;
    conn.query_row(
        "SELECT 1 FROM distribution_line l JOIN distribution d ON d.id = l.distribution_id
         WHERE l.distribution_id = ?1 AND l.person_id = ?2 AND d.state <> 'draft' LIMIT 1",
        params![id, me],
        |_| Ok(()),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound { what: "distribution", key: id.to_string() })
}
