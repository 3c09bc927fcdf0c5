//! Receipts (到账): money received under a contract.

use crate::error::Result;
use crate::money::Money;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

/// A row of the receipts template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Receipt {
    /// 合同编号.
    pub contract_no: String,
    /// 到账日期.
    pub received_on: NaiveDate,
    /// 到账金额, > 0.
    pub amount: Money,
    /// 凭证号, unique when given.
    pub voucher_no: Option<String>,
}

/// Every receipt, by contract, date and id.
pub fn load_all(conn: &Connection) -> Result<Vec<Receipt>> {
    let mut stmt = conn.prepare(
        "SELECT c.contract_no, r.received_on, r.amount_fen, r.voucher_no FROM receipt r JOIN contract c ON c.id = r.contract_id
         ORDER BY c.contract_no, r.received_on, r.id",
    )?;
    let rows = stmt
        .query_map([], |r| Ok(Receipt { contract_no: r.get(0)?, received_on: r.get(1)?, amount: r.get(2)?, voucher_no: r.get(3)? }))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
