//! Departments (所在单位/学院): created on first mention by name.

use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension};

/// The id of the department with this name, creating it if new.
pub fn ensure(conn: &Connection, name: &str) -> Result<i64> {
    if let Some(id) = conn.prepare_cached("SELECT id FROM department WHERE name = ?1")?.query_row(params![name], |r| r.get(0)).optional()? {
        return Ok(id);
    }
    conn.prepare_cached("INSERT INTO department (name) VALUES (?1)")?.execute(params![name])?;
    Ok(conn.last_insert_rowid())
}

/// Every department name, sorted.
pub fn names(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM department ORDER BY name")?;
    let names = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(names)
}
