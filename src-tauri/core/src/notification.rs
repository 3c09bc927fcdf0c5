//! Notifications (通知): what an account is told of the steps that concern it — a disclosure
//! submitted or sent back, a fee question to answer, a publicity that names you, an objection
//! filed or handled, a distribution approved or paid. Each is written in the same transaction as
//! the step it tells of, addressed to a person (every account tied to them) or to a role (a
//! secretary's: one department's). Which ones an account read is kept apart: it is the state of
//! an inbox, not a record.

use crate::access::account::Account;
use crate::access::Role;
use crate::error::Result;
use crate::store::Actor;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

crate::model::vocabulary!(
    /// What a notification tells of.
    NotificationKind {
        /// An inventor submitted a disclosure (to the office and the department's secretary).
        DisclosureSubmitted = "disclosure_submitted" / "披露已提交",
        /// The office sent a disclosure back to its author.
        DisclosureReturned = "disclosure_returned" / "披露被退回",
        /// The office decided on a disclosure (to its inventors).
        DisclosureDecided = "disclosure_decided" / "披露已处理",
        /// The office asks the inventors whether to keep paying a patent's fees.
        FeeQuestion = "fee_question" / "维持征询",
        /// An inventor answered a fee question (to the office).
        FeeAnswered = "fee_answered" / "征询已答复",
        /// A publicity naming the person's achievement or reward started.
        PublicityStarted = "publicity_started" / "公示开始",
        /// An objection was filed (to the office).
        ObjectionFiled = "objection_filed" / "收到异议",
        /// The office handled an objection (to its author).
        ObjectionHandled = "objection_handled" / "异议已处理",
        /// A distribution naming the person was approved (to them and to finance).
        DistributionApproved = "distribution_approved" / "分配已审批",
        /// The person's reward was paid.
        DistributionPaid = "distribution_paid" / "奖励已发放",
    }
);

/// To whom a notification goes.
#[derive(Clone, Copy, Debug)]
pub enum To {
    /// The accounts of one person (by person id).
    Person(i64),
    /// Every account of a role.
    Role(Role),
    /// The secretaries of one department (by department id).
    Secretaries(i64),
}

/// Writes one notification inside the caller's transaction.
pub(crate) fn notify(conn: &Connection, actor: &Actor, kind: NotificationKind, to: To, subject: &str, link: &str) -> Result<()> {
    let (person, role, department): (Option<i64>, Option<Role>, Option<i64>) = match to {
        To::Person(id) => (Some(id), None, None),
        To::Role(role) => (None, Some(role), None),
        To::Secretaries(department) => (None, Some(Role::Secretary), Some(department)),
    };
    let subject: String = subject.chars().take(500).collect();
    conn.prepare_cached(
        "INSERT INTO notification (created_at, kind, person_id, role, department_id, subject, link) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![actor.at.format("%Y-%m-%d %H:%M:%S").to_string(), kind, person, role, department, subject, link])?;
    Ok(())
}

/// Writes one notification to each person of `people` (once each).
pub(crate) fn notify_people(
    conn: &Connection,
    actor: &Actor,
    kind: NotificationKind,
    people: &[i64],
    subject: &str,
    link: &str,
) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    for person in people.iter().filter(|p| seen.insert(**p)) {
        notify(conn, actor, kind, To::Person(*person), subject, link)?;
    }
    Ok(())
}

/// One notification as its reader sees it.
#[derive(Clone, Debug, Serialize, TS)]
pub struct Notification {
    /// Row id.
    #[ts(type = "number")]
    pub id: i64,
    /// When (`YYYY-MM-DD HH:MM:SS`).
    pub created_at: String,
    /// What it tells of.
    pub kind: NotificationKind,
    /// The sentence shown.
    pub subject: String,
    /// The screen it opens.
    pub link: String,
    /// Whether this account read it.
    pub read: bool,
}

/// An account's notifications: how many are unread and the newest ones.
#[derive(Clone, Debug, Serialize, TS)]
pub struct Inbox {
    /// Unread, over all.
    pub unread: u32,
    /// The newest, newest first.
    pub items: Vec<Notification>,
}

/// The notifications `account` sees, as SQL over `n` with the account's id as `?1`.
const SEES: &str = "(n.person_id = (SELECT person_id FROM account WHERE id = ?1)
      OR (n.role = (SELECT role FROM account WHERE id = ?1)
          AND (n.department_id IS NULL OR n.department_id = (SELECT department_id FROM account WHERE id = ?1))))";

/// The newest `limit` notifications of `account`, with the unread count.
pub fn inbox(conn: &Connection, account: &Account, limit: u32) -> Result<Inbox> {
    let unread: u32 = conn
        .prepare_cached(&format!(
            "SELECT count(*) FROM notification n WHERE {SEES}
           AND NOT EXISTS (SELECT 1 FROM notification_read r WHERE r.account_id = ?1 AND r.notification_id = n.id)"
        ))?
        .query_row(params![account.id], |r| r.get(0))?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT n.id, n.created_at, n.kind, n.subject, n.link,
                EXISTS (SELECT 1 FROM notification_read r WHERE r.account_id = ?1 AND r.notification_id = n.id)
         FROM notification n WHERE {SEES} ORDER BY n.id DESC LIMIT ?2"
    ))?;
    let items = stmt
        .query_map(params![account.id, limit.clamp(1, 200)], |r| {
            Ok(Notification { id: r.get(0)?, created_at: r.get(1)?, kind: r.get(2)?, subject: r.get(3)?, link: r.get(4)?, read: r.get(5)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Inbox { unread, items })
}

/// Marks notifications of `account` read: the ones listed, or all when `ids` is none. Ids the
/// account does not see are ignored (they are not its to mark). Returns how many were marked.
pub fn mark_read(conn: &Connection, account: &Account, ids: Option<&[i64]>) -> Result<usize> {
    let sql = format!(
        "INSERT OR IGNORE INTO notification_read (account_id, notification_id)
         SELECT ?1, n.id FROM notification n WHERE {SEES} AND (?2 IS NULL OR n.id IN (SELECT value FROM json_each(?2)))"
    );
    let ids = ids.map(|ids| serde_json::to_string(ids).unwrap_or_else(|_| "[]".into()));
    Ok(conn.execute(&sql, params![account.id, ids])?)
}

/// Where one notification is mailed: the enabled accounts that see it and have an address.
pub fn recipients(conn: &Connection, notification_id: i64) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.email FROM notification n JOIN account a
           ON a.disabled_at IS NULL AND a.email IS NOT NULL
          AND (n.person_id = a.person_id OR (n.role = a.role AND (n.department_id IS NULL OR n.department_id = a.department_id)))
         WHERE n.id = ?1 ORDER BY a.id",
    )?;
    let rows = stmt.query_map([notification_id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// One notification's subject and kind (for its e-mail).
pub fn subject(conn: &Connection, notification_id: i64) -> Result<Option<(NotificationKind, String, String)>> {
    Ok(conn
        .query_row("SELECT kind, subject, link FROM notification WHERE id = ?1", [notification_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?)
}
