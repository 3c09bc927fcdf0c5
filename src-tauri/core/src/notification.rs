//! Notifications (通知): what an account is told of the steps that concern it — a disclosure
//! submitted or sent back, a fee question to answer, a publicity that names you, an objection
//! filed or handled, a distribution approved or paid. Each is written in the same transaction as
//! the step it tells of, addressed to a person (every account tied to them) or to a role (a
//! secretary's: one department's). Which ones an account read is kept apart: it is the state of
//! an inbox, not a record.

use crate::access::account::Account;
use crate::access::Role;
use crate::error::Result;
use crate::store::{Actor, Store};
use chrono::NaiveDateTime;
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

/// The accounts (`a`) a notification (`n`) is mailed to: the enabled ones that see it and have
/// an address.
const MAILED: &str = "a.disabled_at IS NULL AND a.email IS NOT NULL
          AND (n.person_id = a.person_id OR (n.role = a.role AND (n.department_id IS NULL OR n.department_id = a.department_id)))";

/// Where one notification is mailed: the enabled accounts that see it and have an address.
pub fn recipients(conn: &Connection, notification_id: i64) -> Result<Vec<(i64, String)>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT a.id, a.email FROM notification n JOIN account a ON {MAILED} WHERE n.id = ?1 ORDER BY a.id"))?;
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

// The mail queue (`notification_mail`), for a server that sends mail: its worker queues the mails
// owed for the notifications written since it last looked, sends them, and marks each sent or
// failed here. The SMTP conversation is the server's; what is owed, to whom, is the core's.

const TIME: &str = "%Y-%m-%d %H:%M:%S";

/// The newest notification's id (0 with none yet).
pub fn newest(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT coalesce(max(id), 0) FROM notification", [], |r| r.get(0))?)
}

/// Where a starting mail worker resumes: after the newest notification mail was ever queued for;
/// with none ever queued (mail has just been switched on), after the newest notification — the
/// notifications written before mail was on are not mailed.
pub fn mail_cursor(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT coalesce((SELECT max(notification_id) FROM notification_mail), (SELECT max(id) FROM notification), 0)",
        [],
        |r| r.get(0),
    )?)
}

/// Queues one mail per address for each notification after `after` up to `through` (ids) written
/// at or after `not_before` — a server switched off for days, or mail switched on again after
/// months, does not mail what is stale. An address twice (two accounts sharing it) is mailed
/// once. Returns how many mails were queued.
pub fn queue_mail(store: &mut Store, after: i64, through: i64, not_before: NaiveDateTime, at: NaiveDateTime) -> Result<usize> {
    if through <= after {
        return Ok(0);
    }
    let tx = store.write()?;
    let queued = tx
        .prepare_cached(&format!(
            "INSERT OR IGNORE INTO notification_mail (notification_id, address, queued_at)
         SELECT DISTINCT n.id, a.email, ?4 FROM notification n JOIN account a ON {MAILED}
         WHERE n.id > ?1 AND n.id <= ?2 AND n.created_at >= ?3"
        ))?
        .execute(params![after, through, not_before.format(TIME).to_string(), at.format(TIME).to_string()])?;
    tx.commit()?;
    Ok(queued)
}

/// A mail owed: its notification and address, and how often sending it failed.
#[derive(Clone, Debug, PartialEq)]
pub struct OwedMail {
    /// The notification.
    pub notification_id: i64,
    /// To whom.
    pub address: String,
    /// Failed attempts so far.
    pub attempts: u32,
    /// What it tells of.
    pub kind: NotificationKind,
    /// The notification's sentence.
    pub subject: String,
    /// The screen it opens.
    pub link: String,
    /// When the notification was written.
    pub created_at: String,
}

/// The mails not sent yet that failed fewer than `max_attempts` times, oldest first, from the
/// notification `from` on (the worker's floor: below it everything is sent or given up, so that
/// the years of sent mail are not read again every few seconds), at most `limit`.
pub fn owed_mail(conn: &Connection, from: i64, max_attempts: u32, limit: u32) -> Result<Vec<OwedMail>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.notification_id, m.address, m.attempts, n.kind, n.subject, n.link, n.created_at
         FROM notification_mail m JOIN notification n ON n.id = m.notification_id
         WHERE m.notification_id >= ?1 AND m.sent_at IS NULL AND m.attempts < ?2
         ORDER BY m.notification_id, m.address LIMIT ?3",
    )?;
    let rows = stmt
        .query_map(params![from, max_attempts, limit], |r| {
            Ok(OwedMail {
                notification_id: r.get(0)?,
                address: r.get(1)?,
                attempts: r.get(2)?,
                kind: r.get(3)?,
                subject: r.get(4)?,
                link: r.get(5)?,
                created_at: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Marks a mail sent (an error of an earlier attempt is cleared).
pub fn mail_sent(store: &mut Store, notification_id: i64, address: &str, at: NaiveDateTime) -> Result<()> {
    let tx = store.write()?;
    tx.prepare_cached("UPDATE notification_mail SET sent_at = ?3, last_error = NULL WHERE notification_id = ?1 AND address = ?2")?
        .execute(params![notification_id, address, at.format(TIME).to_string()])?;
    tx.commit()?;
    Ok(())
}

/// Records a failed attempt: the attempts now counted (the worker sets the limit at once when
/// the mail server refused the mail for good) and the mail server's answer.
pub fn mail_failed(store: &mut Store, notification_id: i64, address: &str, attempts: u32, error: &str) -> Result<()> {
    let error: String = error.chars().take(500).collect();
    let tx = store.write()?;
    tx.prepare_cached("UPDATE notification_mail SET attempts = ?3, last_error = ?4 WHERE notification_id = ?1 AND address = ?2")?
        .execute(params![notification_id, address, attempts, error])?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::account::{self, AccountInput};
    use crate::store::audit::{Action, Journal};

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, TIME).expect("time")
    }

    fn account(store: &mut Store, actor: &Actor, login: &str, role: Role, department: Option<&str>, email: Option<&str>) {
        let input = AccountInput {
            login: login.into(),
            name: login.into(),
            role: Some(role),
            department: department.map(Into::into),
            email: email.map(Into::into),
            ..AccountInput::default()
        };
        account::save(store, actor, &input, None).expect("account");
    }

    fn note(store: &mut Store, actor: &Actor, to: To, subject: &str) -> i64 {
        let tx = store.write().expect("tx");
        notify(&tx, actor, NotificationKind::DisclosureSubmitted, to, subject, "/disclosures/1").expect("notify");
        let id = tx.last_insert_rowid();
        // A sealed table's row needs its transaction's audit entry, as the step it tells of has.
        let told = serde_json::json!({ "subject": subject });
        Journal::start(&tx, actor)
            .expect("journal")
            .record(&tx, Action::Insert, "notification", &id.to_string(), None, Some(&told))
            .expect("audit");
        tx.commit().expect("commit");
        id
    }

    #[test]
    fn mail_is_queued_once_per_address_of_the_accounts_that_see_it_and_only_since_the_cursor() {
        let dir = tempfile::tempdir().expect("tmp");
        let db = dir.path().join("mail.db");
        let actor = Actor { name: "test".into(), at: at("2026-11-23 09:00:00") };
        crate::demo::create(&db, crate::demo::Scale::Small, 1, &actor).expect("demo");
        let mut store = Store::open(&db).expect("open");
        let department: String = store.conn().query_row("SELECT name FROM department ORDER BY id LIMIT 1", [], |r| r.get(0)).expect("dept");
        let department_id: i64 =
            store.conn().query_row("SELECT id FROM department WHERE name = ?1", [&department], |r| r.get(0)).expect("id");
        // Two office accounts sharing one address, one without an address, a disabled one, a
        // secretary of the department, and a finance account (which does not see the office's).
        account(&mut store, &actor, "office1", Role::Office, None, Some("ttc@swut.edu.cn"));
        account(&mut store, &actor, "office2", Role::Office, None, Some("ttc@swut.edu.cn"));
        account(&mut store, &actor, "office3", Role::Office, None, None);
        account(&mut store, &actor, "office4", Role::Office, None, Some("gone@swut.edu.cn"));
        let gone = account::by_login(store.conn(), "office4").expect("sql").expect("office4").id;
        account::set_disabled(&mut store, &actor, gone, true).expect("disable");
        account(&mut store, &actor, "sec", Role::Secretary, Some(&department), Some("sec@swut.edu.cn"));
        account(&mut store, &actor, "fin", Role::Finance, None, Some("fin@swut.edu.cn"));

        let before = note(&mut store, &actor, To::Role(Role::Office), "写于开启邮件之前");
        assert_eq!(mail_cursor(store.conn()).expect("cursor"), before, "nothing queued yet: start after the newest");
        let office = note(&mut store, &actor, To::Role(Role::Office), "张三 提交了披露");
        let secretaries = note(&mut store, &actor, To::Secretaries(department_id), "张三 提交了披露");
        let through = newest(store.conn()).expect("newest");
        assert_eq!(through, secretaries);
        // Expected, by the rules above: the office's notification to ttc@ once (office1 and
        // office2 share it; office3 has none; office4 is disabled), the secretaries' to sec@.
        let queued = queue_mail(&mut store, before, through, at("2026-11-22 09:00:00"), actor.at).expect("queue");
        assert_eq!(queued, 2);
        let owed = owed_mail(store.conn(), 0, 5, 100).expect("owed");
        let got: Vec<(i64, &str)> = owed.iter().map(|m| (m.notification_id, m.address.as_str())).collect();
        assert_eq!(got, vec![(office, "ttc@swut.edu.cn"), (secretaries, "sec@swut.edu.cn")]);
        assert_eq!(mail_cursor(store.conn()).expect("cursor"), secretaries, "resume after the newest queued");
        assert_eq!(queue_mail(&mut store, before, through, at("2026-11-22 09:00:00"), actor.at).expect("again"), 0, "never twice");

        // A notification older than the horizon is not mailed.
        let old = Actor { name: "test".into(), at: at("2026-11-20 09:00:00") };
        let stale = note(&mut store, &old, To::Role(Role::Office), "三天前的");
        assert_eq!(queue_mail(&mut store, through, stale, at("2026-11-22 09:00:00"), actor.at).expect("queue"), 0);

        // Sent, failed, given up.
        mail_sent(&mut store, office, "ttc@swut.edu.cn", actor.at).expect("sent");
        mail_failed(&mut store, secretaries, "sec@swut.edu.cn", 1, "connection refused").expect("failed");
        let owed = owed_mail(store.conn(), 0, 5, 100).expect("owed");
        assert_eq!(owed.len(), 1, "the sent one is no longer owed");
        assert_eq!((owed[0].attempts, owed[0].subject.as_str()), (1, "张三 提交了披露"));
        assert!(owed_mail(store.conn(), secretaries + 1, 5, 100).expect("owed").is_empty(), "below the floor is not read");
        mail_failed(&mut store, secretaries, "sec@swut.edu.cn", 5, "550 no such user").expect("failed");
        assert!(owed_mail(store.conn(), 0, 5, 100).expect("owed").is_empty(), "given up at the limit");
        let kept: (Option<String>, i64, String) = store
            .conn()
            .query_row("SELECT sent_at, attempts, last_error FROM notification_mail WHERE address = 'sec@swut.edu.cn'", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .expect("row");
        assert_eq!(kept, (None, 5, "550 no such user".to_string()));
    }
}
