//! Sessions: a signed-in browser holds a random token in an HttpOnly cookie; the store keeps only
//! its SHA-256, the account, a CSRF token for state-changing requests, and when it was last used.
//! A session ends when its owner signs out, after an idle time, after a maximum age, when the
//! account is disabled or its password or role changes, or everywhere at once.

use super::account::{self, Account};
use crate::error::{Error, Result};
use chrono::{Duration, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

/// A new session: what goes into the cookie and what the page sends back with every change.
#[derive(Clone, Debug)]
pub struct Opened {
    /// The cookie's value (never stored).
    pub token: String,
    /// The CSRF token the page sends in a header with every state-changing request.
    pub csrf: String,
}

/// A session in use.
#[derive(Clone, Debug)]
pub struct Current {
    /// Whose it is.
    pub account: Account,
    /// Its CSRF token.
    pub csrf: String,
}

/// How long a session lives.
#[derive(Clone, Copy, Debug)]
pub struct Lifetime {
    /// Unused this long, it ends.
    pub idle: Duration,
    /// Whatever the use, it ends this long after sign-in.
    pub max: Duration,
}

impl Default for Lifetime {
    fn default() -> Lifetime {
        Lifetime { idle: Duration::minutes(30), max: Duration::hours(12) }
    }
}

const TIME: &str = "%Y-%m-%d %H:%M:%S";

/// Starts a session for `account` (a new token every time, so that a token known before sign-in
/// is worth nothing after it).
pub fn open(conn: &Connection, account: &Account, address: &str, now: NaiveDateTime) -> Result<Opened> {
    let opened = Opened { token: random_token()?, csrf: random_token()? };
    let at = now.format(TIME).to_string();
    conn.prepare_cached(
        "INSERT INTO session (token_hash, account_id, csrf_token, created_at, seen_at, address) VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
    )?
    .execute(params![digest(&opened.token), account.id, opened.csrf, at, address])?;
    Ok(opened)
}

/// The session of `token`, if it is still alive (its account enabled); its last use is updated
/// (at most once a minute, so that reading pages does not mean writing the file each time).
pub fn find(conn: &Connection, token: &str, now: NaiveDateTime, lifetime: Lifetime) -> Result<Option<Current>> {
    let found = lookup(conn, token, now, lifetime)?;
    if let Some(upkeep) = found.upkeep {
        self::upkeep(conn, token, now, upkeep)?;
    }
    Ok(found.current)
}

/// What a request's token names, read without writing, and what should be written back.
#[derive(Clone, Debug)]
pub struct Lookup {
    /// The session, when it is alive.
    pub current: Option<Current>,
    /// What the store should be told; it may wait (the next request tells it again).
    pub upkeep: Option<Upkeep>,
}

/// A write a session's use asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Upkeep {
    /// It ended (idle, too old, its account disabled): remove it.
    Remove,
    /// Its last use is more than a minute old: note this one.
    Touch,
}

/// Reads the session of `token` only. The office server answers every request's "who is this?"
/// on a reading connection, so that a long import holding the store does not keep everyone —
/// and the person asking to cancel it — waiting.
pub fn lookup(conn: &Connection, token: &str, now: NaiveDateTime, lifetime: Lifetime) -> Result<Lookup> {
    let hash = digest(token);
    let found: Option<(i64, String, String, String)> = conn
        .prepare_cached("SELECT account_id, csrf_token, created_at, seen_at FROM session WHERE token_hash = ?1")?
        .query_row([&hash], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let Some((account_id, csrf, created, seen)) = found else { return Ok(Lookup { current: None, upkeep: None }) };
    let parse = |s: &str| NaiveDateTime::parse_from_str(s, TIME).map_err(|e| Error::Corrupt(format!("session time {s}: {e}")));
    let (created, seen) = (parse(&created)?, parse(&seen)?);
    let account = account::get(conn, account_id)?;
    if now - seen > lifetime.idle || now - created > lifetime.max || account.disabled {
        return Ok(Lookup { current: None, upkeep: Some(Upkeep::Remove) });
    }
    let upkeep = (now - seen >= Duration::minutes(1)).then_some(Upkeep::Touch);
    Ok(Lookup { current: Some(Current { account, csrf }), upkeep })
}

/// Writes what a [`lookup`] asked for.
pub fn upkeep(conn: &Connection, token: &str, now: NaiveDateTime, upkeep: Upkeep) -> Result<()> {
    let hash = digest(token);
    match upkeep {
        Upkeep::Remove => conn.prepare_cached("DELETE FROM session WHERE token_hash = ?1")?.execute([&hash])?,
        Upkeep::Touch => conn
            .prepare_cached("UPDATE session SET seen_at = ?2 WHERE token_hash = ?1")?
            .execute(params![hash, now.format(TIME).to_string()])?,
    };
    Ok(())
}

/// Ends one session.
pub fn close(conn: &Connection, token: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM session WHERE token_hash = ?1")?.execute([digest(token)])?;
    Ok(())
}

/// Ends every session of an account ("sign out everywhere"); returns how many.
pub fn close_all(conn: &Connection, account_id: i64) -> Result<usize> {
    Ok(conn.prepare_cached("DELETE FROM session WHERE account_id = ?1")?.execute([account_id])?)
}

/// How many sessions an account has open.
pub fn count(conn: &Connection, account_id: i64) -> Result<i64> {
    Ok(conn.query_row("SELECT COUNT(*) FROM session WHERE account_id = ?1", [account_id], |r| r.get(0))?)
}

fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// 32 random bytes, hex.
fn random_token() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| Error::Database(format!("no randomness: {e}")))?;
    Ok(hex::encode(bytes))
}
