//! Costs (费用) linked to a contract, deducted before rewards.

use crate::error::Result;
use crate::model::CostCategory;
use crate::money::Money;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

/// A row of the costs template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cost {
    /// 合同编号.
    pub contract_no: String,
    /// 发生日期.
    pub incurred_on: NaiveDate,
    /// 费用类别.
    pub category: CostCategory,
    /// 金额, > 0.
    pub amount: Money,
    /// 说明.
    pub note: Option<String>,
}

/// Every cost, by contract, date and id.
pub fn load_all(conn: &Connection) -> Result<Vec<Cost>> {
    let mut stmt = conn.prepare(
        "SELECT c.contract_no, k.incurred_on, k.category, k.amount_fen, k.note FROM cost k JOIN contract c ON c.id = k.contract_id
         ORDER BY c.contract_no, k.incurred_on, k.id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Cost { contract_no: r.get(0)?, incurred_on: r.get(1)?, category: r.get(2)?, amount: r.get(3)?, note: r.get(4)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
