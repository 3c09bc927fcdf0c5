//! The receipts template (到账): a row read into a [`Receipt`], checked and written; the contract
//! reference and the positive amount, which the costs template shares.

use super::row::{Located, Record, RowReader};
use crate::deals::receipt::Receipt;
use crate::error::{Error, Result};
use crate::model::Table;
use crate::money::{AmountError, Money};
use crate::problem::ProblemKind;
use crate::store::audit::{Action, Journal};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

/// The contract id for a number, or the problem of an unknown reference.
pub(crate) fn contract_id(conn: &Connection, contract_no: &str) -> Result<Option<i64>> {
    Ok(conn.prepare_cached("SELECT id FROM contract WHERE contract_no = ?1")?.query_row(params![contract_no], |r| r.get(0)).optional()?)
}

pub(crate) fn check_contract(conn: &Connection, contract_no: &str, r: &mut Located<'_>) -> Result<()> {
    if contract_id(conn, contract_no)?.is_none() {
        r.push("contract_no", contract_no, ProblemKind::UnknownReference("contract", contract_no.to_string()));
    }
    Ok(())
}

pub(crate) fn positive(r: &mut RowReader<'_>, key: &str) -> Option<Money> {
    let amount = r.money(key)?;
    if amount == Money::ZERO {
        r.problem(key, "0", ProblemKind::Amount(AmountError::Empty));
        return None;
    }
    Some(amount)
}

impl Record for Receipt {
    const TABLE: Table = Table::Receipts;

    fn parse(r: &mut RowReader<'_>) -> Option<Self> {
        let before = r.problem_count();
        let contract_no = r.text("contract_no");
        let received_on = r.date("received_on");
        let amount = positive(r, "amount");
        let voucher_no = r.text("voucher_no");
        if r.problem_count() > before {
            return None;
        }
        Some(Receipt { contract_no: contract_no?, received_on: received_on?, amount: amount?, voucher_no })
    }

    fn unique_keys(&self) -> Vec<(&'static str, String, &'static str)> {
        self.voucher_no.iter().map(|v| ("voucher_no", v.clone(), "SELECT count(*) FROM receipt WHERE voucher_no = ?1")).collect()
    }

    fn check(&self, conn: &Connection, r: &mut Located<'_>) -> Result<()> {
        check_contract(conn, &self.contract_no, r)
    }

    fn insert(&self, conn: &Connection, journal: &mut Journal<'_>, _today: NaiveDate) -> Result<Option<String>> {
        let contract =
            contract_id(conn, &self.contract_no)?.ok_or_else(|| Error::NotFound { what: "contract", key: self.contract_no.clone() })?;
        conn.prepare_cached("INSERT INTO receipt (contract_id, received_on, amount_fen, voucher_no) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![contract, crate::date::iso(self.received_on), self.amount, self.voucher_no])?;
        let key = conn.last_insert_rowid().to_string();
        journal.record(conn, Action::Insert, "receipt", &key, None, Some(&serde_json::to_value(self).unwrap_or_default()))?;
        Ok(None)
    }
}
