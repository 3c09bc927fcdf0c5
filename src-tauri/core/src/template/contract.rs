//! The contracts template (合同): a row read into a [`Contract`], checked and written.

use super::row::{Located, Record, RowReader};
use crate::deals::contract::{Contract, Weighted};
use crate::error::{Error, Result};
use crate::model::{ContractKind, LicenseKind, Table};
use crate::money::{allocate, Money};
use crate::problem::ProblemKind;
use crate::share::{parse_list, FULL_BP};
use crate::store::audit::{Action, Journal};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

impl Record for Contract {
    const TABLE: Table = Table::Contracts;

    fn parse(r: &mut RowReader<'_>) -> Option<Self> {
        let before = r.problem_count();
        let contract_no = r.text("contract_no");
        let title = r.text("title");
        let kind = r.choice("kind", ContractKind::parse, ContractKind::choices);
        let label = kind.map(|k| k.zh()).unwrap_or("");
        let license_kind = match kind {
            Some(ContractKind::License) => {
                r.required_for("license_kind", label);
                r.choice("license_kind", LicenseKind::parse, LicenseKind::choices)
            }
            Some(_) => {
                r.must_be_empty("license_kind", label);
                None
            }
            None => None,
        };
        let counterparty = r.text("counterparty");
        let amount = r.money("amount");
        let signed_on = r.date("signed_on");
        let achievements = match kind {
            Some(k) if k.is_transformation() => r.required_for("achievements", label),
            _ => r.text("achievements"),
        }
        .and_then(|t| parse_weights(r, &t));
        let registration_no = r.text("registration_no");
        let equity_units = match kind {
            Some(ContractKind::Equity) => {
                r.required_for("equity_units", label);
                r.money("equity_units")
            }
            Some(_) => {
                r.must_be_empty("equity_units", label);
                None
            }
            None => None,
        };
        if equity_units == Some(Money::ZERO) {
            r.problem("equity_units", "0", ProblemKind::Amount(crate::money::AmountError::Empty));
        }
        if r.problem_count() > before {
            return None;
        }
        Some(Contract {
            contract_no: contract_no?,
            title: title?,
            kind: kind?,
            license_kind,
            counterparty: counterparty?,
            amount: amount?,
            signed_on: signed_on?,
            achievements: achievements.unwrap_or_default(),
            registration_no,
            equity_units,
        })
    }

    fn unique_keys(&self) -> Vec<(&'static str, String, &'static str)> {
        vec![("contract_no", self.contract_no.clone(), "SELECT count(*) FROM contract WHERE contract_no = ?1")]
    }

    fn check(&self, conn: &Connection, r: &mut Located<'_>) -> Result<()> {
        let n: i64 = conn
            .prepare_cached("SELECT count(*) FROM organization WHERE name = ?1")?
            .query_row(params![self.counterparty], |row| row.get(0))?;
        if n == 0 {
            r.push("counterparty", &self.counterparty, ProblemKind::UnknownReference("organization", self.counterparty.clone()));
        }
        let mut stmt = conn.prepare_cached("SELECT count(*) FROM achievement WHERE achievement_no = ?1")?;
        for a in &self.achievements {
            let n: i64 = stmt.query_row(params![a.achievement_no], |row| row.get(0))?;
            if n == 0 {
                r.push("achievements", &a.achievement_no, ProblemKind::UnknownReference("achievement", a.achievement_no.clone()));
            }
        }
        Ok(())
    }

    fn insert(&self, conn: &Connection, journal: &mut Journal<'_>, _today: NaiveDate) -> Result<Option<String>> {
        let org: i64 = conn
            .prepare_cached("SELECT id FROM organization WHERE name = ?1")?
            .query_row(params![self.counterparty], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::NotFound { what: "organization", key: self.counterparty.clone() })?;
        conn.prepare_cached(
            "INSERT INTO contract (contract_no, title, kind, license_kind, organization_id, amount_fen, signed_on, registration_no, equity_units_fen)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            self.contract_no,
            self.title,
            self.kind,
            self.license_kind,
            org,
            self.amount,
            crate::date::iso(self.signed_on),
            self.registration_no,
            self.equity_units,
        ])?;
        let id = conn.last_insert_rowid();
        let mut find = conn.prepare_cached("SELECT id FROM achievement WHERE achievement_no = ?1")?;
        let mut link = conn.prepare_cached(
            "INSERT INTO contract_achievement (contract_id, achievement_id, position, weight_bp) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (position, a) in self.achievements.iter().enumerate() {
            let achievement: i64 = find
                .query_row(params![a.achievement_no], |r| r.get(0))
                .optional()?
                .ok_or_else(|| Error::NotFound { what: "achievement", key: a.achievement_no.clone() })?;
            link.execute(params![id, achievement, position as i64, a.weight_bp])?;
        }
        journal.record(conn, Action::Insert, "contract", &self.contract_no, None, Some(&serde_json::to_value(self).unwrap_or_default()))?;
        Ok(None)
    }
}

/// `A1:60; A2:40`, or `A1; A2` for equal weights (the first ones take the basis points that do
/// not divide evenly, by the allocation rule).
fn parse_weights(r: &mut RowReader<'_>, text: &str) -> Option<Vec<Weighted>> {
    let entries = match parse_list(text) {
        Ok(e) => e,
        Err(e) => {
            r.problem("achievements", text, ProblemKind::List(e));
            return None;
        }
    };
    let mut seen = std::collections::HashSet::new();
    for e in &entries {
        if !seen.insert(e.key.as_str()) {
            r.problem("achievements", text, ProblemKind::RepeatedEntry(e.key.clone()));
            return None;
        }
        if e.starred {
            r.problem("achievements", text, ProblemKind::List(crate::share::ListError::MissingKey(0)));
            return None;
        }
    }
    let given = entries.iter().filter(|e| e.bp.is_some()).count();
    let weights: Vec<i64> = if given == 0 {
        let equal: Vec<(usize, i64)> = (0..entries.len()).map(|i| (i, 1)).collect();
        allocate(FULL_BP, &equal)
    } else if given == entries.len() {
        entries.iter().map(|e| e.bp.unwrap_or(0)).collect()
    } else {
        r.problem("achievements", text, ProblemKind::MixedWeights);
        return None;
    };
    let sum: i64 = weights.iter().sum();
    if sum != FULL_BP {
        r.problem("achievements", text, ProblemKind::WeightsSum(sum));
        return None;
    }
    Some(entries.into_iter().zip(weights).map(|(e, w)| Weighted { achievement_no: e.key, weight_bp: w }).collect())
}
