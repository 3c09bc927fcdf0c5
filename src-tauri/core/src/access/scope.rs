//! What a role may see of the records, as SQL: a secretary sees one 学院's achievements and
//! disclosures, finance sees distributions once approved. A record outside the scope is answered
//! as not found, so that its existence is not revealed.

use crate::error::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};

/// Whether achievement `id` belongs to `department`; not found otherwise.
pub fn achievement_in(conn: &Connection, id: i64, department: &str) -> Result<()> {
    inside(
        conn,
        "SELECT 1 FROM achievement a JOIN department d ON d.id = a.department_id WHERE a.id = ?1 AND d.name = ?2",
        id,
        department,
        "achievement",
    )
}

/// Whether disclosure `id` belongs to `department`; not found otherwise.
pub fn disclosure_in(conn: &Connection, id: i64, department: &str) -> Result<()> {
    inside(
        conn,
        "SELECT 1 FROM disclosure x JOIN department d ON d.id = x.department_id WHERE x.id = ?1 AND d.name = ?2",
        id,
        department,
        "disclosure",
    )
}

/// Whether distribution `id` has been approved (finance sees nothing of drafts); not found otherwise.
pub fn distribution_approved(conn: &Connection, id: i64) -> Result<()> {
    let found = conn.query_row("SELECT 1 FROM distribution WHERE id = ?1 AND state <> 'draft'", [id], |_| Ok(())).optional()?;
    found.ok_or_else(|| Error::NotFound { what: "distribution", key: id.to_string() })
}

fn inside(conn: &Connection, sql: &str, id: i64, department: &str, what: &'static str) -> Result<()> {
    let found = conn.query_row(sql, params![id, department], |_| Ok(())).optional()?;
    found.ok_or_else(|| Error::NotFound { what, key: id.to_string() })
}
