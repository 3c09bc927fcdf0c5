//! People (人员): staff who invent, lead or run transfers.

use crate::error::Result;
use crate::import::{Located, Record, RowReader};
use crate::model::{Category, LeaderLevel, Table};
use crate::problem::ProblemKind;
use crate::store::audit::{Action, Journal};
use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

/// A row of the people template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Person {
    /// 工号, unique.
    pub employee_id: String,
    /// 姓名.
    pub name: String,
    /// 所在单位.
    pub department: String,
    /// 人员类别.
    pub category: Category,
    /// 领导职务.
    pub leader_level: LeaderLevel,
    /// 身份证号, validated; never logged in full.
    pub id_number: Option<String>,
}

impl Record for Person {
    const TABLE: Table = Table::People;

    fn parse(r: &mut RowReader<'_>) -> Option<Self> {
        let before = r.problem_count();
        let employee_id = r.text("employee_id");
        let name = r.text("name");
        let department = r.text("department");
        let category = r.choice("category", Category::parse, Category::choices);
        let leader_level = r.choice("leader_level", LeaderLevel::parse, LeaderLevel::choices);
        let id_number = r.text("id_number").and_then(|t| match crate::ident::id_number(&t) {
            Ok(v) => Some(v),
            Err(_) if t.contains('*') => {
                r.problem("id_number", &t, ProblemKind::MaskedIdNumber);
                None
            }
            Err(e) => {
                r.problem("id_number", &crate::ident::mask(&t), ProblemKind::IdNumber(e));
                None
            }
        });
        if r.problem_count() > before {
            return None;
        }
        Some(Person {
            employee_id: employee_id?,
            name: name?,
            department: department?,
            category: category.unwrap_or(Category::Researcher),
            leader_level: leader_level.unwrap_or(LeaderLevel::None),
            id_number,
        })
    }

    fn unique_keys(&self) -> Vec<(&'static str, String, &'static str)> {
        vec![("employee_id", self.employee_id.clone(), "SELECT count(*) FROM person WHERE employee_id = ?1")]
    }

    fn check(&self, _conn: &Connection, _r: &mut Located<'_>) -> Result<()> {
        Ok(())
    }

    fn insert(&self, conn: &Connection, journal: &mut Journal<'_>, _today: NaiveDate) -> Result<Option<String>> {
        let department = crate::portfolio::department::ensure(conn, &self.department)?;
        conn.prepare_cached(
            "INSERT INTO person (employee_id, name, department_id, category, leader_level, id_number) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![self.employee_id, self.name, department, self.category, self.leader_level, self.id_number])?;
        let mut logged = self.clone();
        logged.id_number = logged.id_number.as_deref().map(crate::ident::mask);
        journal.record(
            conn,
            Action::Insert,
            "person",
            &self.employee_id,
            None,
            Some(&serde_json::to_value(&logged).unwrap_or_default()),
        )?;
        Ok(None)
    }
}

/// Every person, in employee-ID order.
pub fn load_all(conn: &Connection) -> Result<Vec<Person>> {
    let mut stmt = conn.prepare(
        "SELECT p.employee_id, p.name, d.name, p.category, p.leader_level, p.id_number
         FROM person p JOIN department d ON d.id = p.department_id ORDER BY p.employee_id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Person {
                employee_id: r.get(0)?,
                name: r.get(1)?,
                department: r.get(2)?,
                category: r.get(3)?,
                leader_level: r.get(4)?,
                id_number: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A person offered by a picker (inventors, team members).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct PersonChoice {
    /// Row id.
    #[ts(type = "number")]
    pub id: i64,
    /// 工号.
    pub employee_id: String,
    /// 姓名.
    pub name: String,
    /// 所在单位.
    pub department: String,
}

/// People whose name or employee ID contains `search`, by employee ID (at most `limit`).
pub fn choices(conn: &Connection, search: &str, limit: u32) -> Result<Vec<PersonChoice>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.employee_id, p.name, d.name FROM person p JOIN department d ON d.id = p.department_id
         WHERE p.merged_into IS NULL AND (p.name LIKE ?1 ESCAPE '\\' OR p.employee_id LIKE ?1 ESCAPE '\\') ORDER BY p.employee_id LIMIT ?2",
    )?;
    let rows = stmt.query_map(
        params![crate::store::search::contains_pattern(search), limit.clamp(1, crate::portfolio::ledger::MAX_PAGE_SIZE)],
        |r| Ok(PersonChoice { id: r.get(0)?, employee_id: r.get(1)?, name: r.get(2)?, department: r.get(3)? }),
    )?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
