//! Accounts: who may sign in to the office server, with which role, for which 学院 (a secretary)
//! and as which person (named in the audit log; an inventor's own records). Passwords are kept as
//! argon2id hashes only; every change to an account is audited, without the hash.

use super::Role;
use crate::error::{Error, Result};
use crate::problem::{Problem, ProblemKind};
use crate::store::audit::{Action, Journal};
use crate::store::{version, Actor, Store};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An account as the admin screen and the CLI list it.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Account {
    /// Row id.
    #[ts(type = "number")]
    pub id: i64,
    /// The name typed at sign-in (unique, case-insensitive).
    pub login: String,
    /// The person's name as shown.
    pub name: String,
    /// What the account may do.
    pub role: Role,
    /// A secretary's 学院.
    pub department: Option<String>,
    /// The person the account belongs to (employee ID), if linked.
    pub employee_id: Option<String>,
    /// That person's name.
    pub person_name: Option<String>,
    /// Where the account's notifications are mailed, when the server sends mail.
    pub email: Option<String>,
    /// Whether a password is set (an account may sign on through the university only).
    pub has_password: bool,
    /// Disabled accounts cannot sign in; their sessions ended when they were disabled.
    pub disabled: bool,
    /// When it was created.
    pub created_at: String,
    /// The edit version (store::version): every save, disable, enable and new password adds 1.
    #[ts(type = "number")]
    pub version: i64,
}

impl Account {
    /// How the audit log names this account's changes: the login with the person behind it.
    pub fn actor_name(&self) -> String {
        match (&self.person_name, &self.employee_id) {
            (Some(person), Some(id)) => format!("{}（{person} {id}）", self.login),
            _ => format!("{}（{}）", self.login, self.name),
        }
    }
}

/// The admin's form for an account. The login cannot change once created.
#[derive(Clone, Debug, Default, Deserialize, Serialize, TS)]
pub struct AccountInput {
    /// `None` creates one.
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    /// The sign-in name.
    pub login: String,
    /// The person's name as shown.
    pub name: String,
    /// The role.
    pub role: Option<Role>,
    /// A secretary's 学院 (required for, and only for, a secretary).
    pub department: Option<String>,
    /// The person the account belongs to (required for an inventor).
    pub employee_id: Option<String>,
    /// Where its notifications are mailed (none: not mailed).
    #[serde(default)]
    pub email: Option<String>,
    /// The version the form was loaded at (store::version); 0 for a new one.
    #[serde(default)]
    #[ts(type = "number")]
    pub version: i64,
}

/// Passwords shorter than this are refused.
pub const MIN_PASSWORD: usize = 10;

const SELECT: &str = "SELECT a.id, a.login, a.name, a.role, d.name, p.employee_id, p.name, a.password_hash IS NOT NULL, \
                      a.disabled_at IS NOT NULL, a.created_at, a.version, a.email \
                      FROM account a LEFT JOIN department d ON d.id = a.department_id LEFT JOIN person p ON p.id = a.person_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Account> {
    Ok(Account {
        id: r.get(0)?,
        login: r.get(1)?,
        name: r.get(2)?,
        role: r.get(3)?,
        department: r.get(4)?,
        employee_id: r.get(5)?,
        person_name: r.get(6)?,
        has_password: r.get(7)?,
        disabled: r.get(8)?,
        created_at: r.get(9)?,
        version: r.get(10)?,
        email: r.get(11)?,
    })
}

/// Every account, by login.
pub fn list(conn: &Connection) -> Result<Vec<Account>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} ORDER BY a.login"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// How many accounts exist (none: the server says how to create the first admin).
pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT COUNT(*) FROM account", [], |r| r.get(0))?)
}

/// One account by id.
pub fn get(conn: &Connection, id: i64) -> Result<Account> {
    conn.query_row(&format!("{SELECT} WHERE a.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "account", key: id.to_string() })
}

/// One account by login (case-insensitive).
pub fn by_login(conn: &Connection, login: &str) -> Result<Option<Account>> {
    Ok(conn.query_row(&format!("{SELECT} WHERE a.login = ?1 COLLATE NOCASE"), [login.trim()], from_row).optional()?)
}

/// The account of the person with this employee ID, if any (university sign-on).
pub fn by_employee_id(conn: &Connection, employee_id: &str) -> Result<Option<Account>> {
    Ok(conn.query_row(&format!("{SELECT} WHERE p.employee_id = ?1"), [employee_id.trim()], from_row).optional()?)
}

/// Creates (with `password`, or none for sign-on only) or changes an account; returns its id. A
/// change is refused (`edit_conflict`) when someone changed the account since the form's version.
pub fn save(store: &mut Store, actor: &Actor, input: &AccountInput, password: Option<&str>) -> Result<i64> {
    let login = input.login.trim();
    // Hashing is slow on purpose: done before the write transaction, so that it holds no one up.
    let hash = match password {
        Some(p) if weak(login, p).is_none() => Some(hash(p)?),
        _ => None,
    };
    let tx = store.write()?;
    let existing = match input.id {
        Some(id) => {
            let old = get(&tx, id)?;
            version::check(&tx, &version::ACCOUNT, old.version, input.version, || version::Stale {
                label: old.login.clone(),
                id,
                audit_keys: vec![old.login.clone()],
                submitted: form(input),
                stored: form(&AccountInput::from(&old)),
            })?;
            Some(old)
        }
        None => None,
    };
    let (name, role, department_id, person_id, email) = validate(&tx, input, existing.as_ref(), password)?;
    let id = match &existing {
        None => {
            tx.execute(
                "INSERT INTO account (login, name, role, department_id, person_id, password_hash, created_at, email) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![login, name, role, department_id, person_id, hash, actor.at.format("%Y-%m-%d %H:%M:%S").to_string(), email],
            )?;
            tx.last_insert_rowid()
        }
        Some(old) => {
            tx.execute(
                "UPDATE account SET name = ?2, role = ?3, department_id = ?4, person_id = ?5, email = ?6, version = version + 1 WHERE id = ?1",
                params![old.id, name, role, department_id, person_id, email],
            )?;
            old.id
        }
    };
    let after = get(&tx, id)?;
    let before = existing.as_ref().map(audited);
    let action = if existing.is_some() { Action::Update } else { Action::Insert };
    Journal::start(&tx, actor)?.record(&tx, action, "account", &after.login, before.as_ref(), Some(&audited(&after)))?;
    if existing.as_ref().is_some_and(|old| old.role != after.role || old.department != after.department) {
        // What the account may see changed: it signs in again under the new rights.
        tx.execute("DELETE FROM session WHERE account_id = ?1", [id])?;
    }
    tx.commit()?;
    Ok(id)
}

/// What a checked form saves: the name, the role, the department's and person's row ids, the
/// e-mail address.
type Checked = (String, Role, Option<i64>, Option<i64>, Option<String>);

/// The checks of the form: the cleaned fields, or every problem.
fn validate(conn: &Connection, input: &AccountInput, existing: Option<&Account>, password: Option<&str>) -> Result<Checked> {
    let mut problems = Vec::new();
    let login = input.login.trim();
    if login.len() < 2 || login.len() > 64 || !login.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@')) {
        problems.push(Problem::field("login", login, ProblemKind::LoginName));
    }
    let name = input.name.trim();
    if name.is_empty() {
        problems.push(Problem::field("name", name, ProblemKind::Required));
    } else if name.chars().count() > 100 {
        problems.push(Problem::field("name", name, ProblemKind::TooLong(100)));
    }
    let role = input.role;
    if role.is_none() {
        problems.push(Problem::field("role", "", ProblemKind::Required));
    }
    let department_id = match (role, input.department.as_deref().map(str::trim).filter(|d| !d.is_empty())) {
        (Some(Role::Secretary), Some(d)) => {
            match conn.query_row("SELECT id FROM department WHERE name = ?1", [d], |r| r.get::<_, i64>(0)).optional()? {
                Some(id) => Some(id),
                None => {
                    problems.push(Problem::field("department", d, ProblemKind::UnknownReference("department", d.to_string())));
                    None
                }
            }
        }
        (Some(Role::Secretary), None) => {
            problems.push(Problem::field("department", "", ProblemKind::RequiredFor(Role::Secretary.label().into())));
            None
        }
        (_, Some(d)) => {
            problems.push(Problem::field("department", d, ProblemKind::NotAllowedFor(role.map_or("", |r| r.label()).into())));
            None
        }
        (_, None) => None,
    };
    let person_id = match input.employee_id.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
        Some(e) => match conn.query_row("SELECT id FROM person WHERE employee_id = ?1", [e], |r| r.get::<_, i64>(0)).optional()? {
            Some(id) => Some(id),
            None => {
                problems.push(Problem::field("employee_id", e, ProblemKind::UnknownReference("person", e.to_string())));
                None
            }
        },
        None if role == Some(Role::Inventor) => {
            problems.push(Problem::field("employee_id", "", ProblemKind::RequiredFor(Role::Inventor.label().into())));
            None
        }
        None => None,
    };
    match existing {
        None if by_login(conn, login)?.is_some() => problems.push(Problem::field("login", login, ProblemKind::DuplicateInDatabase)),
        Some(old) if !old.login.eq_ignore_ascii_case(login) => {
            problems.push(Problem::field("login", login, ProblemKind::NotAllowedFor("已有账号（登录名不能修改）".into())));
        }
        _ => {}
    }
    if let Some(problem) = password.and_then(|p| weak(login, p)) {
        problems.push(problem);
    }
    let email = input.email.as_deref().map(str::trim).filter(|e| !e.is_empty());
    if let Some(e) = email.filter(|e| !is_email(e)) {
        problems.push(Problem::field("email", e.chars().take(60).collect::<String>(), ProblemKind::Email));
    }
    match role {
        Some(role) if problems.is_empty() => Ok((name.to_string(), role, department_id, person_id, email.map(str::to_string))),
        _ => Err(Error::Invalid(problems)),
    }
}

/// An address a mail server takes: one `@`, something before it, a dotted domain after it, no
/// spaces or controls, at most 254 characters (RFC 5321's limit, the column's check).
pub fn is_email(e: &str) -> bool {
    e.len() <= 254
        && !e.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';' | '"'))
        && e.split_once('@').is_some_and(|(user, domain)| {
            !user.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains("..")
        })
}

impl From<&Account> for AccountInput {
    fn from(a: &Account) -> AccountInput {
        AccountInput {
            id: Some(a.id),
            login: a.login.clone(),
            name: a.name.clone(),
            role: Some(a.role),
            department: a.department.clone(),
            employee_id: a.employee_id.clone(),
            email: a.email.clone(),
            version: a.version,
        }
    }
}

/// The fields of the account form, as a refused save shows them.
fn form(input: &AccountInput) -> serde_json::Value {
    serde_json::json!({
        "name": input.name, "role": input.role.map(Role::key), "department": input.department, "employee_id": input.employee_id,
        "email": input.email,
    })
}

/// What the audit log keeps of an account (never the password hash).
fn audited(a: &Account) -> serde_json::Value {
    serde_json::json!({
        "login": a.login, "name": a.name, "role": a.role.key(), "department": a.department,
        "employee_id": a.employee_id, "email": a.email, "has_password": a.has_password, "disabled": a.disabled,
    })
}

/// Disables (ending every session) or enables an account.
pub fn set_disabled(store: &mut Store, actor: &Actor, id: i64, disabled: bool) -> Result<Account> {
    let tx = store.write()?;
    let before = get(&tx, id)?;
    let at = actor.at.format("%Y-%m-%d %H:%M:%S").to_string();
    tx.execute(
        "UPDATE account SET disabled_at = CASE WHEN ?2 THEN ?3 ELSE NULL END, version = version + 1 WHERE id = ?1",
        params![id, disabled, at],
    )?;
    if disabled {
        tx.execute("DELETE FROM session WHERE account_id = ?1", [id])?;
    }
    let after = get(&tx, id)?;
    Journal::start(&tx, actor)?.record(&tx, Action::Update, "account", &after.login, Some(&audited(&before)), Some(&audited(&after)))?;
    tx.commit()?;
    Ok(after)
}

/// Sets a new password (an admin's reset, or the person's own change after [`check_password`]),
/// ending every session of the account.
pub fn set_password(store: &mut Store, actor: &Actor, id: i64, password: &str) -> Result<()> {
    // The login never changes: it can be read before the transaction.
    let login = get(store.conn(), id)?.login;
    if let Some(problem) = weak(&login, password) {
        return Err(Error::Invalid(vec![problem]));
    }
    let hash = hash(password)?;
    let tx = store.write()?;
    let before = get(&tx, id)?;
    tx.execute("UPDATE account SET password_hash = ?2, version = version + 1 WHERE id = ?1", params![id, hash])?;
    tx.execute("DELETE FROM session WHERE account_id = ?1", [id])?;
    let after = get(&tx, id)?;
    Journal::start(&tx, actor)?.record(&tx, Action::Update, "account", &after.login, Some(&audited(&before)), Some(&audited(&after)))?;
    super::log::record(&tx, actor.at, &after.login, "", super::log::Event::PasswordChanged, "")?;
    tx.commit()?;
    Ok(())
}

/// The account whose password this is, if the login exists, is enabled and the password matches.
/// An unknown login costs the same time as a known one, so that timing does not tell which exist.
pub fn check_password(conn: &Connection, login: &str, password: &str) -> Result<Option<Account>> {
    let found: Option<(i64, Option<String>, bool)> = conn
        .query_row("SELECT id, password_hash, disabled_at IS NOT NULL FROM account WHERE login = ?1 COLLATE NOCASE", [login.trim()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let stored = found.as_ref().and_then(|(_, h, _)| h.clone());
    let matches = verify(stored.as_deref().unwrap_or(DECOY), password);
    match found {
        Some((id, Some(_), false)) if matches => Ok(Some(get(conn, id)?)),
        _ => Ok(None),
    }
}

/// Whom the university's sign-on signed in: the account, and whether this sign-on created it.
#[derive(Clone, Debug, PartialEq)]
pub struct SignedOn {
    /// The account the session is for.
    pub account: Account,
    /// The person's first sign-on created the account.
    pub created: bool,
}

/// The account of the person the university vouches for (by employee ID): their enabled account,
/// or — at their first sign-on — a new `inventor` account tied to them, without a password (the
/// office raises the role when the person works for it), its login the employee ID where that
/// is a valid and free login, its e-mail the identity's (`email`, when it looks like one).
/// Refused, nothing written: `identity_unknown` (no person has the employee ID; the detail is the
/// ID) and `account_disabled` (the person's accounts are all disabled; the detail is a login).
/// Of several enabled accounts of the person, the one without a password (made for sign-on)
/// comes first, then the oldest.
pub fn sign_on(store: &mut Store, actor: &Actor, employee_id: &str, email: Option<&str>) -> Result<SignedOn> {
    let employee_id = employee_id.trim();
    let tx = store.write()?;
    // A merged duplicate's ID leads to the record it was merged into.
    let person: Option<(i64, String)> = tx
        .query_row(
            "SELECT q.id, q.name FROM person p JOIN person q ON q.id = COALESCE(p.merged_into, p.id) WHERE p.employee_id = ?1",
            [employee_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((person_id, person_name)) = person.filter(|_| !employee_id.is_empty()) else {
        return Err(Error::Refused { code: "identity_unknown", detail: employee_id.to_string() });
    };
    let email =
        email.map(str::trim).filter(|e| (3..=254).contains(&e.chars().count()) && e.contains('@') && !e.contains(char::is_whitespace));
    let accounts: Vec<(i64, String, bool)> = tx
        .prepare_cached(
            "SELECT id, login, disabled_at IS NOT NULL FROM account WHERE person_id = ?1 ORDER BY password_hash IS NOT NULL, id",
        )?
        .query_map([person_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if let Some((id, _, _)) = accounts.iter().find(|(_, _, disabled)| !disabled) {
        // The identity's e-mail fills an empty address only: one the person set stays theirs.
        if let Some(email) = email {
            tx.execute("UPDATE account SET email = ?2 WHERE id = ?1 AND email IS NULL", params![id, email])?;
        }
        let account = get(&tx, *id)?;
        tx.commit()?;
        return Ok(SignedOn { account, created: false });
    }
    if let Some((_, login, _)) = accounts.first() {
        return Err(Error::Refused { code: "account_disabled", detail: login.clone() });
    }
    let login = free_login(&tx, employee_id)?;
    tx.execute(
        "INSERT INTO account (login, name, role, person_id, password_hash, created_at, email) VALUES (?1, ?2, 'inventor', ?3, NULL, ?4, ?5)",
        params![login, person_name, person_id, actor.at.format("%Y-%m-%d %H:%M:%S").to_string(), email],
    )?;
    let account = get(&tx, tx.last_insert_rowid())?;
    Journal::start(&tx, actor)?.record(&tx, Action::Insert, "account", &account.login, None, Some(&audited(&account)))?;
    tx.commit()?;
    Ok(SignedOn { account, created: true })
}

/// A login for a new sign-on account: the employee ID itself when it is a valid login nobody
/// has, else `sso-` and its letters and digits, numbered when taken.
fn free_login(conn: &Connection, employee_id: &str) -> Result<String> {
    let valid = |l: &str| (2..=64).contains(&l.len()) && l.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
    let taken = |l: &str| by_login(conn, l).map(|a| a.is_some());
    if valid(employee_id) && !taken(employee_id)? {
        return Ok(employee_id.to_string());
    }
    let kept: String = employee_id.chars().filter(char::is_ascii_alphanumeric).take(40).collect();
    let base = format!("sso-{kept}");
    let base = if valid(&base) { base } else { "sso-user".to_string() };
    let mut n = 1;
    loop {
        let candidate = if n == 1 { base.clone() } else { format!("{base}-{n}") };
        if !taken(&candidate)? {
            return Ok(candidate);
        }
        n += 1;
    }
}

/// A random password of 14 characters from an alphabet without look-alikes (for a new account or
/// a reset, shown once).
pub fn generate_password() -> Result<String> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 14];
    getrandom::fill(&mut bytes).map_err(|e| Error::Database(format!("no randomness: {e}")))?;
    Ok(bytes.iter().map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char).collect())
}

fn weak(login: &str, password: &str) -> Option<Problem> {
    let long_enough = password.chars().count() >= MIN_PASSWORD && password.chars().count() <= 256;
    (!long_enough || password.eq_ignore_ascii_case(login)).then(|| Problem::field("password", "", ProblemKind::WeakPassword))
}

/// A hash verified against when the login does not exist (the same cost as a real one).
const DECOY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$Y8dmR3SfPA0GUjbq/6mnB1Q8FR2AHIOKFnBGL3XwaGA";

fn hash(password: &str) -> Result<String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| Error::Database(format!("no randomness: {e}")))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| Error::Database(e.to_string()))?;
    Ok(Argon2::default().hash_password(password.as_bytes(), &salt).map_err(|e| Error::Database(e.to_string()))?.to_string())
}

fn verify(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only_and_is_argon2id() {
        let h = hash("correct horse battery").expect("hash");
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify(&h, "correct horse battery"));
        assert!(!verify(&h, "correct horse batterx"));
        assert_ne!(hash("correct horse battery").expect("hash"), h, "a fresh salt each time");
    }

    #[test]
    fn the_decoy_is_a_valid_hash_that_matches_nothing_typed() {
        assert!(PasswordHash::new(DECOY).is_ok(), "so that an unknown login costs a real verification");
        assert!(!verify(DECOY, "") && !verify(DECOY, "password123"));
    }

    #[test]
    fn weak_passwords_are_refused() {
        assert!(weak("zhang", "short").is_some());
        assert!(weak("zhangsan123", "ZHANGSAN123").is_some(), "not the login");
        assert!(weak("zhang", "a long enough one").is_none());
    }

    #[test]
    fn an_e_mail_address_has_a_user_and_a_dotted_domain() {
        for good in ["ttc@swut.edu.cn", "zhang.san+ttc@mail.swut.edu.cn", "张三@学校.cn"] {
            assert!(is_email(good), "{good}");
        }
        for bad in
            ["ttc", "@swut.edu.cn", "ttc@swut", "ttc@.edu.cn", "ttc@swut.", "a@b@c.cn", "zhang san@swut.edu.cn", "a@b..cn", "<a@b.cn>"]
        {
            assert!(!is_email(bad), "{bad}");
        }
        assert!(!is_email(&format!("{}@swut.edu.cn", "a".repeat(250))), "longer than 254");
    }

    #[test]
    fn generated_passwords_are_long_and_unambiguous() {
        let p = generate_password().expect("random");
        assert_eq!(p.chars().count(), 14);
        assert!(!p.contains(['0', 'O', '1', 'l', 'I']), "{p}");
        assert!(weak("x", &p).is_none());
    }
}
