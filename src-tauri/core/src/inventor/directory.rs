//! The colleagues an inventor may list as co-inventors: name, employee ID and 学院 only — never an
//! ID number, bank data or anything else of the people list.

use crate::error::Result;
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

/// A colleague as the co-inventor picker shows them.
#[derive(Clone, Debug, Serialize, TS)]
pub struct Colleague {
    /// 工号.
    pub employee_id: String,
    /// 姓名.
    pub name: String,
    /// 所属单位.
    pub department: String,
}

/// At most 20 people whose name contains `text` or whose employee ID is it (nothing for fewer
/// than one character: the directory is searched, never listed whole).
pub fn search(conn: &Connection, text: &str) -> Result<Vec<Colleague>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare_cached(
        "SELECT p.employee_id, p.name, d.name FROM person p JOIN department d ON d.id = p.department_id
         WHERE p.employee_id = ?2 OR p.name LIKE ?1 ESCAPE '\\' ORDER BY p.employee_id <> ?2, p.name, p.employee_id LIMIT 20",
    )?;
    let rows = stmt
        .query_map(params![crate::store::search::contains_pattern(text), text], |r| {
            Ok(Colleague { employee_id: r.get(0)?, name: r.get(1)?, department: r.get(2)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
