//! The access log: sign-ins (and refusals), sign-outs, password changes, and reads or exports of
//! other people's personal data. Append-only like the audit log, but not part of its chain: these
//! are not changes to the records.

use crate::error::Result;
use chrono::NaiveDateTime;
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

/// What happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    /// A password (or the university's sign-on) was accepted.
    SignIn,
    /// A sign-in was refused (wrong password, unknown or disabled account).
    SignInRefused,
    /// Too many refusals: the account or the address waits.
    SignInLocked,
    /// A session ended by its owner.
    SignOut,
    /// Every session of an account ended.
    SignOutEverywhere,
    /// The password was changed or reset.
    PasswordChanged,
    /// Another person's full resident ID or bank account was shown.
    PersonalDataRead,
    /// A file with other people's personal data was written.
    PersonalDataExported,
}

impl Event {
    fn key(self) -> &'static str {
        match self {
            Event::SignIn => "sign_in",
            Event::SignInRefused => "sign_in_refused",
            Event::SignInLocked => "sign_in_locked",
            Event::SignOut => "sign_out",
            Event::SignOutEverywhere => "sign_out_everywhere",
            Event::PasswordChanged => "password_changed",
            Event::PersonalDataRead => "personal_data_read",
            Event::PersonalDataExported => "personal_data_exported",
        }
    }
}

/// One line of the log.
#[derive(Clone, Debug, Serialize, TS)]
pub struct AccessEntry {
    /// When.
    pub at: String,
    /// The account (login), or the login name tried.
    pub account: String,
    /// The client's address, when known.
    pub address: String,
    /// What happened.
    pub event: String,
    /// Whose data, or why refused.
    pub subject: String,
}

/// Appends one line.
pub fn record(conn: &Connection, at: NaiveDateTime, account: &str, address: &str, event: Event, subject: &str) -> Result<()> {
    conn.prepare_cached("INSERT INTO access_log (at, account, address, event, subject) VALUES (?1, ?2, ?3, ?4, ?5)")?.execute(params![
        at.format("%Y-%m-%d %H:%M:%S").to_string(),
        account,
        address,
        event.key(),
        subject
    ])?;
    Ok(())
}

/// The newest `limit` lines, optionally of one account.
pub fn recent(conn: &Connection, account: Option<&str>, limit: u32) -> Result<Vec<AccessEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, account, address, event, subject FROM access_log WHERE ?1 IS NULL OR account = ?1 COLLATE NOCASE ORDER BY id DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![account, limit], |r| {
        Ok(AccessEntry { at: r.get(0)?, account: r.get(1)?, address: r.get(2)?, event: r.get(3)?, subject: r.get(4)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
