//! The organizations template (单位): a row read into an [`Organization`], checked and written.

use super::row::{Located, Record, RowReader};
use crate::error::Result;
use crate::model::{Ownership, Size, Table};
use crate::people::organization::Organization;
use crate::problem::ProblemKind;
use crate::store::audit::Journal;
use chrono::NaiveDate;
use rusqlite::Connection;

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
        let industry = r.choice("industry", crate::model::parse_industry, crate::people::organization::industry_choices);
        if r.problem_count() > before {
            return None;
        }
        Some(Organization {
            name: name?,
            credit_code,
            ownership: ownership?,
            size,
            region: region?.to_string(),
            industry: industry.map(str::to_string),
        })
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
        self.write(conn, journal)?;
        Ok(None)
    }
}
