//! The inventors' side (发明人端): what a researcher signed in with the university's account sees
//! and does — the disclosures they write, from draft to the office's decision ([`disclosure`]);
//! the achievements they are an inventor of, with the fee questions the office asks them
//! ([`portfolio`]); their own reward lines and statements ([`rewards`]); the publicities running
//! now and the objections they file ([`publicity`]); and the names of colleagues to list as
//! co-inventors ([`directory`]).
//!
//! Every function takes the person as their employee ID, which the caller takes from the signed-in
//! account, never from the request, and every query is scoped to that person in SQL: another
//! person's record is answered as not found, whether asked by id, by search or in a list.

pub mod directory;
pub mod disclosure;
pub mod portfolio;
pub mod publicity;
pub mod rewards;

use crate::error::{Error, Result};
use rusqlite::{Connection, OptionalExtension};

/// The person id of the employee ID an account is tied to.
pub(crate) fn person_id(conn: &Connection, employee_id: &str) -> Result<i64> {
    conn.prepare_cached("SELECT id FROM person WHERE employee_id = ?1")?
        .query_row([employee_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "person", key: employee_id.to_string() })
}
