//! The costs template (费用): a row read into a [`Cost`], checked and written.

use super::receipt::{check_contract, contract_id, positive};
use super::row::{Located, Record, RowReader};
use crate::deals::cost::Cost;
use crate::error::{Error, Result};
use crate::model::{CostCategory, Table};
use crate::store::audit::{Action, Journal};
use chrono::NaiveDate;
use rusqlite::{params, Connection};

impl Record for Cost {
    const TABLE: Table = Table::Costs;

    fn parse(r: &mut RowReader<'_>) -> Option<Self> {
        let before = r.problem_count();
        let contract_no = r.text("contract_no");
        let incurred_on = r.date("incurred_on");
        let category = r.choice("category", CostCategory::parse, CostCategory::choices);
        let amount = positive(r, "amount");
        let note = r.text("note");
        if r.problem_count() > before {
            return None;
        }
        Some(Cost { contract_no: contract_no?, incurred_on: incurred_on?, category: category?, amount: amount?, note })
    }

    fn unique_keys(&self) -> Vec<(&'static str, String, &'static str)> {
        Vec::new()
    }

    fn check(&self, conn: &Connection, r: &mut Located<'_>) -> Result<()> {
        check_contract(conn, &self.contract_no, r)
    }

    fn insert(&self, conn: &Connection, journal: &mut Journal<'_>, _today: NaiveDate) -> Result<Option<String>> {
        let contract =
            contract_id(conn, &self.contract_no)?.ok_or_else(|| Error::NotFound { what: "contract", key: self.contract_no.clone() })?;
        conn.prepare_cached("INSERT INTO cost (contract_id, incurred_on, category, amount_fen, note) VALUES (?1, ?2, ?3, ?4, ?5)")?
            .execute(params![contract, crate::date::iso(self.incurred_on), self.category, self.amount, self.note])?;
        let key = conn.last_insert_rowid().to_string();
        journal.record(conn, Action::Insert, "cost", &key, None, Some(&serde_json::to_value(self).unwrap_or_default()))?;
        Ok(None)
    }
}
