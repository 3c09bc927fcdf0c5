//! Organizations (单位): counterparties of contracts.

use crate::error::Result;
use crate::import::{problem::ProblemKind, Located, Record, RowReader};
use crate::model::{Ownership, Size, Table};
use crate::store::audit::{Action, Journal};
use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::Serialize;

/// A row of the organizations template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Organization {
    /// 单位名称, unique.
    pub name: String,
    /// 统一社会信用代码, validated.
    pub credit_code: Option<String>,
    /// 单位性质.
    pub ownership: Ownership,
    /// 企业规模.
    pub size: Option<Size>,
    /// 所在地区: a province-level name or 境外.
    pub region: String,
}

impl Record for Organization {
    const TABLE: Table = Table::Organizations;

    fn parse(r: &mut RowReader<'_>) -> Option<Self> {
        let before = r.problem_count();
        let name = r.text("name");
        let credit_code = r.text("credit_code").and_then(|t| match crate::ident::credit_code(&t) {
            Ok(v) => Some(v),
            Err(e) => {
                r.problem("credit_code", &t, ProblemKind::CreditCode(e));
                None
            }
        });
        let ownership = r.choice("ownership", Ownership::parse, Ownership::choices);
        let size = r.choice("size", Size::parse, Size::choices);
        let region = r.text("region").and_then(|t| {
            let region = crate::model::parse_region(&t);
            if region.is_none() {
                r.problem("region", &t, ProblemKind::Region);
            }
            region
        });
        if r.problem_count() > before {
            return None;
        }
        Some(Organization { name: name?, credit_code, ownership: ownership?, size, region: region?.to_string() })
    }

    fn unique_keys(&self) -> Vec<(&'static str, String, &'static str)> {
        let mut keys = vec![("name", self.name.clone(), "SELECT count(*) FROM organization WHERE name = ?1")];
        if let Some(code) = &self.credit_code {
            keys.push(("credit_code", code.clone(), "SELECT count(*) FROM organization WHERE credit_code = ?1"));
        }
        keys
    }

    fn check(&self, _conn: &Connection, _r: &mut Located<'_>) -> Result<()> {
        Ok(())
    }

    fn insert(&self, conn: &Connection, journal: &mut Journal<'_>, _today: NaiveDate) -> Result<Option<String>> {
        conn.prepare_cached("INSERT INTO organization (name, credit_code, ownership, size, region) VALUES (?1, ?2, ?3, ?4, ?5)")?
            .execute(params![self.name, self.credit_code, self.ownership, self.size, self.region])?;
        journal.record(conn, Action::Insert, "organization", &self.name, None, Some(&serde_json::to_value(self).unwrap_or_default()))?;
        Ok(None)
    }
}

/// Every organization, by name.
pub fn load_all(conn: &Connection) -> Result<Vec<Organization>> {
    let mut stmt = conn.prepare("SELECT name, credit_code, ownership, size, region FROM organization ORDER BY name")?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Organization { name: r.get(0)?, credit_code: r.get(1)?, ownership: r.get(2)?, size: r.get(3)?, region: r.get(4)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
