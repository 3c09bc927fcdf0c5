//! Organizations (单位): counterparties of contracts.

use crate::error::{Error, Result};
use crate::model::{Ownership, Size};
use crate::problem::{Problem, ProblemKind};
use crate::store::audit::{Action, Journal};
use crate::store::{Actor, Store};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A row of the organizations template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
// `Organization` is taken in TypeScript by the annual report's organization indicators.
#[ts(rename = "OrganizationRecord")]
pub struct Organization {
    /// 单位名称, unique.
    pub name: String,
    /// 统一社会信用代码, validated.
    pub credit_code: Option<String>,
    /// 单位性质.
    pub ownership: Ownership,
    /// 企业规模.
    pub size: Option<Size>,
    /// 所在地区: a province-level name or 境外 (the report's province).
    pub region: String,
    /// 行业门类: the letter of its GB/T 4754 section (A–T), when known.
    #[serde(default)]
    pub industry: Option<String>,
}

/// Every organization, by name.
pub fn load_all(conn: &Connection) -> Result<Vec<Organization>> {
    let mut stmt = conn.prepare("SELECT name, credit_code, ownership, size, region, industry FROM organization ORDER BY name")?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Organization {
                name: r.get(0)?,
                credit_code: r.get(1)?,
                ownership: r.get(2)?,
                size: r.get(3)?,
                region: r.get(4)?,
                industry: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// An organization offered by a picker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct OrganizationChoice {
    /// Row id.
    #[ts(type = "number")]
    pub id: i64,
    /// 单位名称.
    pub name: String,
    /// 统一社会信用代码.
    pub credit_code: Option<String>,
    /// 单位性质.
    pub ownership: Ownership,
    /// 所在地区.
    pub region: String,
}

/// Organizations whose name or credit code contains `search`, by name (at most `limit`).
pub fn choices(conn: &Connection, search: &str, limit: u32) -> Result<Vec<OrganizationChoice>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, credit_code, ownership, region FROM organization
         WHERE merged_into IS NULL AND (name LIKE ?1 ESCAPE '\\' OR credit_code LIKE ?1 ESCAPE '\\') ORDER BY name LIMIT ?2",
    )?;
    let rows = stmt
        .query_map(params![crate::store::search::contains_pattern(search), limit.clamp(1, crate::store::search::MAX_PAGE_SIZE)], |r| {
            Ok(OrganizationChoice { id: r.get(0)?, name: r.get(1)?, credit_code: r.get(2)?, ownership: r.get(3)?, region: r.get(4)? })
        })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

impl Organization {
    /// Writes a new organization with its audit entry (a row of the template or the form's).
    /// Inserts the record with its audit entry; returns its id (read before the audit entry,
    /// which is an insert of its own).
    pub(crate) fn write(&self, conn: &Connection, journal: &mut Journal<'_>) -> Result<i64> {
        conn.prepare_cached(
            "INSERT INTO organization (name, credit_code, ownership, size, region, industry) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![self.name, self.credit_code, self.ownership, self.size, self.region, self.industry])?;
        let id = conn.last_insert_rowid();
        journal.record(conn, Action::Insert, "organization", &self.name, None, Some(&serde_json::to_value(self).unwrap_or_default()))?;
        Ok(id)
    }
}

/// Adds an organization typed into a form (the pick-or-create of the contract form), with the
/// import's validation; audited. Returns the new id.
pub fn create(store: &mut Store, actor: &Actor, org: &Organization) -> Result<i64> {
    let clean = validate(store.conn(), org, None)?;
    let tx = store.write()?;
    let mut journal = Journal::start(&tx, actor)?;
    let id = clean.write(&tx, &mut journal)?;
    tx.commit()?;
    Ok(id)
}

/// The import's checks for an organization typed into a form, with its name (and credit code)
/// free apart from the record `except` being edited; the cleaned record, or every problem.
pub(crate) fn validate(conn: &Connection, org: &Organization, except: Option<i64>) -> Result<Organization> {
    let mut problems = Vec::new();
    let name = org.name.trim();
    if name.is_empty() {
        problems.push(Problem::field("name", "", ProblemKind::Required));
    } else if name.chars().count() > 200 {
        problems.push(Problem::field("name", name, ProblemKind::TooLong(200)));
    }
    let code = org.credit_code.as_deref().map(str::trim).filter(|c| !c.is_empty());
    let mut credit_code = None;
    if let Some(code) = code {
        match crate::ident::credit_code(code) {
            Ok(c) => credit_code = Some(c),
            Err(e) => problems.push(Problem::field("credit_code", code, ProblemKind::CreditCode(e))),
        }
    }
    let region = crate::model::parse_region(&org.region);
    if region.is_none() {
        problems.push(Problem::field("region", org.region.clone(), ProblemKind::Region));
    }
    let industry_text = org.industry.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let industry = industry_text.and_then(crate::model::parse_industry);
    if let (Some(text), None) = (industry_text, industry) {
        problems.push(Problem::field("industry", text, ProblemKind::Choice(industry_choices())));
    }
    let taken = |sql: &str, value: &str| -> Result<bool> { Ok(conn.query_row(sql, params![value, except], |r| r.get(0))?) };
    if taken("SELECT EXISTS (SELECT 1 FROM organization WHERE name = ?1 AND id IS NOT ?2)", name)? {
        problems.push(Problem::field("name", name, ProblemKind::DuplicateInDatabase));
    }
    if let Some(code) = &credit_code {
        if taken("SELECT EXISTS (SELECT 1 FROM organization WHERE credit_code = ?1 AND id IS NOT ?2)", code)? {
            problems.push(Problem::field("credit_code", code.as_str(), ProblemKind::DuplicateInDatabase));
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    Ok(Organization {
        name: name.to_string(),
        credit_code,
        region: region.unwrap_or_default().to_string(),
        industry: industry.map(str::to_string),
        ..org.clone()
    })
}

/// The accepted industry sections, for error messages: `A 农、林、牧、渔业 / B 采矿业 / …`.
pub(crate) fn industry_choices() -> String {
    crate::model::INDUSTRY_SECTIONS.iter().map(|(l, n)| format!("{l} {n}")).collect::<Vec<_>>().join(" / ")
}

/// A section of 国民经济行业分类 (GB/T 4754), as the organization form offers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct IndustrySection {
    /// The letter, A–T: what is stored.
    pub letter: String,
    /// 门类名称.
    pub name: String,
}

/// The twenty sections, in order.
pub fn industry_sections() -> Vec<IndustrySection> {
    crate::model::INDUSTRY_SECTIONS.iter().map(|(l, n)| IndustrySection { letter: l.to_string(), name: n.to_string() }).collect()
}
