//! The institution's profile (单位信息): name, province (decides 本省/外省), fee reduction.

use crate::error::{Error, Result};
use crate::store::audit::{Action, Journal};
use crate::store::{Actor, Store};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The institution that keeps this portfolio.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Institution {
    /// Full name, e.g. 西南理工大学.
    pub name: String,
    /// Province-level region, e.g. 四川省.
    pub province: String,
    /// 费减备案 accepted: annual fees are reduced.
    pub fee_reduction: bool,
}

impl Institution {
    /// Checks the profile before it is stored.
    pub fn validated(mut self) -> Result<Institution> {
        self.name = self.name.trim().to_string();
        let mut problems = Vec::new();
        let problem = |column: &str, value: &str, kind| crate::import::problem::Problem::field(column, value, kind);
        if self.name.is_empty() || self.name.chars().count() > 200 {
            problems.push(problem("institution", &self.name, crate::import::problem::ProblemKind::Required));
        }
        match crate::model::parse_region(&self.province) {
            Some(p) if p != crate::model::ABROAD => self.province = p.to_string(),
            _ => problems.push(problem("province", &self.province, crate::import::problem::ProblemKind::Region)),
        }
        if problems.is_empty() {
            Ok(self)
        } else {
            Err(Error::Invalid(problems))
        }
    }
}

/// Writes the profile (the single row), with its audit entry.
pub fn save(store: &mut Store, actor: &Actor, institution: &Institution) -> Result<()> {
    let before = load(store).ok();
    let tx = store.write()?;
    tx.execute(
        "INSERT INTO institution (id, name, province, fee_reduction) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, province = excluded.province, fee_reduction = excluded.fee_reduction",
        params![institution.name, institution.province, institution.fee_reduction],
    )?;
    let (action, before) = match &before {
        Some(b) => (Action::Update, Some(serde_json::to_value(b).unwrap_or_default())),
        None => (Action::Insert, None),
    };
    let after = serde_json::to_value(institution).unwrap_or_default();
    Journal::start(&tx, actor)?.record(&tx, action, "institution", "1", before.as_ref(), Some(&after))?;
    tx.commit()?;
    Ok(())
}

/// Reads the profile.
pub fn load(store: &Store) -> Result<Institution> {
    Ok(store.conn().query_row("SELECT name, province, fee_reduction FROM institution WHERE id = 1", [], |r| {
        Ok(Institution { name: r.get(0)?, province: r.get(1)?, fee_reduction: r.get(2)? })
    })?)
}
