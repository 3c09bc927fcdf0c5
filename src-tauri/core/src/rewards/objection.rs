//! Objections to a reward publicity (奖励公示异议), the office's side: the objections filed
//! against a distribution (by inventors through [`crate::inventor::publicity`]) and their
//! handling. A pending or upheld one stops the payment ([`super::distribution::pay`]).

use crate::deals::publicity::Outcome;
use crate::error::{Error, Result};
use crate::inventor::publicity::{files, ObjectionFile, PublicityKind};
use crate::notification::{notify, NotificationKind, To};
use crate::problem::{form_text, Problem, ProblemKind};
use crate::store::audit::{Action, Journal};
use crate::store::{Actor, Store};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An objection to a distribution's publicity.
#[derive(Clone, Debug, Serialize, TS)]
pub struct RewardObjection {
    /// Record id.
    #[ts(type = "number")]
    pub id: i64,
    /// 异议人.
    pub objector: String,
    /// 收到日期.
    pub received_on: NaiveDate,
    /// 异议内容.
    pub content: String,
    /// 处理结果.
    pub outcome: Outcome,
    /// 处理情况.
    pub handling: Option<String>,
    /// 处理日期.
    pub resolved_on: Option<NaiveDate>,
    /// Its files.
    pub files: Vec<ObjectionFile>,
}

/// The objections to distribution `id`, oldest first.
pub fn list(conn: &Connection, id: i64) -> Result<Vec<RewardObjection>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, objector, received_on, content, outcome, handling, resolved_on FROM reward_objection
         WHERE distribution_id = ?1 ORDER BY received_on, id",
    )?;
    let mut rows = stmt
        .query_map([id], |r| {
            let outcome: String = r.get(4)?;
            Ok(RewardObjection {
                id: r.get(0)?,
                objector: r.get(1)?,
                received_on: r.get(2)?,
                content: r.get(3)?,
                outcome: Outcome::parse(&outcome),
                handling: r.get(5)?,
                resolved_on: r.get(6)?,
                files: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for o in &mut rows {
        o.files = files(conn, PublicityKind::Reward, o.id)?;
    }
    Ok(rows)
}

/// How the office handled an objection.
#[derive(Clone, Debug, Serialize, Deserialize, TS)]
pub struct Handling {
    /// Upheld or rejected (pending: not handled).
    pub outcome: Outcome,
    /// 处理情况: what was found and done.
    pub handling: String,
    /// 处理日期: not before the objection was received, not after today.
    pub resolved_on: NaiveDate,
}

/// Records the handling of objection `id`; its author is notified. Audited.
pub fn handle(store: &mut Store, actor: &Actor, id: i64, handling: &Handling) -> Result<()> {
    let tx = store.write()?;
    let found: Option<(Option<i64>, NaiveDate, i64, String)> = tx
        .query_row("SELECT person_id, received_on, distribution_id, outcome FROM reward_objection WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    let (author, received_on, distribution, before) = found.ok_or_else(|| Error::NotFound { what: "objection", key: id.to_string() })?;
    let mut problems = Vec::new();
    if handling.outcome == Outcome::Pending {
        problems.push(Problem::field("outcome", "pending", ProblemKind::Choice("upheld / rejected".into())));
    }
    let text = form_text(&mut problems, "handling", Some(&handling.handling), true, 5000);
    let on = crate::date::iso(handling.resolved_on);
    if handling.resolved_on < received_on {
        problems.push(Problem::field("resolved_on", on, ProblemKind::DateOrder(format!("收到日期 {received_on}"))));
    } else if handling.resolved_on > actor.at.date() {
        problems.push(Problem::field("resolved_on", on, ProblemKind::InFuture));
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    tx.execute(
        "UPDATE reward_objection SET outcome = ?1, handling = ?2, resolved_on = ?3 WHERE id = ?4",
        params![handling.outcome.key(), text, handling.resolved_on, id],
    )?;
    let after = serde_json::json!({"outcome": handling.outcome, "handling": text, "resolved_on": handling.resolved_on});
    Journal::start(&tx, actor)?.record(
        &tx,
        Action::Update,
        "reward_objection",
        &id.to_string(),
        Some(&serde_json::json!({"outcome": before})),
        Some(&after),
    )?;
    if let Some(author) = author {
        let (no, title) = super::distribution::contract_of(&tx, distribution)?;
        let subject = format!("您对合同 {no}「{title}」收益分配公示提出的异议已处理：{}", handling.outcome.zh());
        notify(&tx, actor, NotificationKind::ObjectionHandled, To::Person(author), &subject, "/me/publicity")?;
    }
    tx.commit()?;
    Ok(())
}
