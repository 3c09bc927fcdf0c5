//! People (人员): staff who invent, lead or run transfers.

use crate::error::Result;
use crate::model::{Category, LeaderLevel};
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
    /// 兼职/离岗创业: the periods the template gives with the person (written with the person;
    /// the export lists the person's periods).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub outside_work: Vec<crate::people::outside_work::Period>,
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
                outside_work: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<Vec<Person>>>()?;
    let mut periods = crate::people::outside_work::by_person(conn)?;
    Ok(rows.into_iter().map(|p| Person { outside_work: periods.remove(&p.employee_id).unwrap_or_default(), ..p }).collect())
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
    let rows = stmt
        .query_map(params![crate::store::search::contains_pattern(search), limit.clamp(1, crate::store::search::MAX_PAGE_SIZE)], |r| {
            Ok(PersonChoice { id: r.get(0)?, employee_id: r.get(1)?, name: r.get(2)?, department: r.get(3)? })
        })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
