//! 公示: the publicities running today — prices before signing ([`crate::deals::publicity`]) and
//! rewards before payment ([`crate::rewards::distribution::publicize`]) — as the public notice
//! shows them, and the objections (异议) anyone signed in files against one while it runs. A price
//! objection joins the publicity's objections, which the office handles on its form; a reward
//! objection is handled on the distribution ([`crate::rewards::objection`]). Either way the
//! author sees the handling, and a pending or upheld one stops the signing or the payment.

use super::person_id;
use crate::access::Role;
use crate::deals::publicity::Outcome;
use crate::error::{Error, Result};
use crate::model::ContractKind;
use crate::money::Money;
use crate::notification::{notify, NotificationKind, To};
use crate::portfolio::attachment::{self, Kept};
use crate::problem::{form_text, Problem, ProblemKind};
use crate::store::audit::{Action, Journal};
use crate::store::{Actor, Store};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use ts_rs::TS;

/// Which kind of publicity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PublicityKind {
    /// 定价公示: an agreed price before signing.
    Price,
    /// 奖励公示: a reward distribution before payment.
    Reward,
}

impl PublicityKind {
    /// The table its objections are kept in.
    fn objection_table(self) -> &'static str {
        match self {
            PublicityKind::Price => "objection",
            PublicityKind::Reward => "reward_objection",
        }
    }

    /// The column of `objection_file` naming one of its objections.
    fn file_column(self) -> &'static str {
        match self {
            PublicityKind::Price => "objection_id",
            PublicityKind::Reward => "reward_objection_id",
        }
    }
}

/// A person named in a reward publicity, as the notice names them.
#[derive(Clone, Debug, Serialize, TS)]
pub struct PublicLine {
    /// 姓名.
    pub name: String,
    /// 所属单位.
    pub department: String,
    /// 奖励金额 (cash).
    pub amount_fen: Option<Money>,
    /// 股权奖励 units.
    #[ts(type = "number | null")]
    pub units: Option<i64>,
}

/// A publicity running today, as its notice shows it.
#[derive(Clone, Debug, Serialize, TS)]
pub struct PublicNotice {
    /// Price or reward.
    pub kind: PublicityKind,
    /// The publicity's id (price) or the distribution's (reward).
    #[ts(type = "number")]
    pub id: i64,
    /// 公示名称.
    pub title: String,
    /// 转化方式.
    pub contract_kind: ContractKind,
    /// 交易对象.
    pub counterparty: String,
    /// 拟定价格 (price) or 奖励总额 (reward).
    pub amount_fen: Option<Money>,
    /// 公示开始 (the posting day).
    pub posted_on: NaiveDate,
    /// 公示截止.
    pub ends_on: NaiveDate,
    /// The achievements concerned (number and title).
    pub achievements: Vec<String>,
    /// The people rewarded (a reward publicity).
    pub lines: Vec<PublicLine>,
    /// Whether I am an inventor concerned (or rewarded).
    pub concerns_me: bool,
}

/// The publicities running on `today`, ending soonest first.
pub fn running(conn: &Connection, employee_id: &str, today: NaiveDate) -> Result<Vec<PublicNotice>> {
    let me = person_id(conn, employee_id)?;
    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.title, p.contract_kind, o.name, p.price_fen, p.posted_on, p.ends_on,
                EXISTS (SELECT 1 FROM publicity_achievement x JOIN inventor i ON i.achievement_id = x.achievement_id
                         WHERE x.publicity_id = p.id AND i.person_id = ?2)
         FROM publicity p JOIN organization o ON o.id = p.organization_id
         WHERE p.posted_on <= ?1 AND p.ends_on >= ?1 ORDER BY p.ends_on, p.id",
    )?;
    let rows = stmt.query_map(params![today, me], |r| notice(r, PublicityKind::Price))?;
    for row in rows {
        let mut notice = row?;
        notice.achievements = achievements(
            conn,
            "SELECT a.achievement_no || ' ' || a.title FROM publicity_achievement x JOIN achievement a ON a.id = x.achievement_id
             WHERE x.publicity_id = ?1 ORDER BY a.achievement_no",
            notice.id,
        )?;
        out.push(notice);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT d.id, '合同「' || c.title || '」收益分配', d.kind, o.name, d.pool_fen, d.publicity_from, d.publicity_ends_on,
                EXISTS (SELECT 1 FROM distribution_line l WHERE l.distribution_id = d.id AND l.person_id = ?2)
         FROM distribution d JOIN contract c ON c.id = d.contract_id JOIN organization o ON o.id = c.organization_id
         WHERE d.state = 'publicized' AND d.publicity_from <= ?1 AND d.publicity_ends_on >= ?1 ORDER BY d.publicity_ends_on, d.id",
    )?;
    let rows = stmt.query_map(params![today, me], |r| notice(r, PublicityKind::Reward))?;
    for row in rows {
        let mut notice = row?;
        notice.achievements = achievements(
            conn,
            "SELECT a.achievement_no || ' ' || a.title FROM distribution d JOIN contract_achievement x ON x.contract_id = d.contract_id
             JOIN achievement a ON a.id = x.achievement_id WHERE d.id = ?1 ORDER BY a.achievement_no",
            notice.id,
        )?;
        let mut lines = conn.prepare_cached(
            "SELECT p.name, dep.name, l.amount_fen, l.units FROM distribution_line l JOIN person p ON p.id = l.person_id
             JOIN department dep ON dep.id = p.department_id WHERE l.distribution_id = ?1 ORDER BY l.position",
        )?;
        notice.lines = lines
            .query_map([notice.id], |r| Ok(PublicLine { name: r.get(0)?, department: r.get(1)?, amount_fen: r.get(2)?, units: r.get(3)? }))?
            .collect::<rusqlite::Result<_>>()?;
        out.push(notice);
    }
    Ok(out)
}

/// A notice from the columns both queries of [`running`] select, in their order.
fn notice(r: &rusqlite::Row<'_>, kind: PublicityKind) -> rusqlite::Result<PublicNotice> {
    Ok(PublicNotice {
        kind,
        id: r.get(0)?,
        title: r.get(1)?,
        contract_kind: r.get(2)?,
        counterparty: r.get(3)?,
        amount_fen: r.get(4)?,
        posted_on: r.get(5)?,
        ends_on: r.get(6)?,
        achievements: Vec::new(),
        lines: Vec::new(),
        concerns_me: r.get(7)?,
    })
}

fn achievements(conn: &Connection, sql: &str, id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// An objection as filed.
#[derive(Clone, Debug, Serialize, Deserialize, TS)]
pub struct ObjectionInput {
    /// Price or reward.
    pub kind: PublicityKind,
    /// The publicity's id (price) or the distribution's (reward).
    #[ts(type = "number")]
    pub id: i64,
    /// 异议理由.
    pub content: String,
}

/// A file an objection came with.
#[derive(Clone, Debug, Serialize, TS)]
pub struct ObjectionFile {
    /// Row id (its download).
    #[ts(type = "number")]
    pub id: i64,
    /// 文件名.
    pub name: String,
    /// Bytes.
    #[ts(type = "number")]
    pub size: i64,
}

/// One of my objections, with its handling.
#[derive(Clone, Debug, Serialize, TS)]
pub struct MyObjection {
    /// Price or reward.
    pub kind: PublicityKind,
    /// The objection's id.
    #[ts(type = "number")]
    pub id: i64,
    /// What it objects to.
    pub title: String,
    /// 收到日期.
    pub received_on: NaiveDate,
    /// 异议理由.
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

/// Files an objection against a publicity running today (`publicity_not_running` when it has not
/// started, has ended, or was never posted), with at most 10 files. Nothing is written on any
/// problem. The office is notified; the publicity's form version moves, so that a form opened
/// before it cannot drop it. Audited; returns the objection's id.
pub fn file(store: &mut Store, actor: &Actor, employee_id: &str, input: &ObjectionInput, files: &[PathBuf]) -> Result<i64> {
    if files.len() > 10 {
        return Err(Error::Invalid(vec![Problem::field("files", files.len().to_string(), ProblemKind::Integer(0, 10))]));
    }
    let kept: Vec<Kept> = files.iter().map(|f| attachment::read(store, f)).collect::<Result<_>>()?;
    let today = actor.at.date();
    let tx = store.write()?;
    let me = person_id(&tx, employee_id)?;
    let mut problems = Vec::new();
    let content = form_text(&mut problems, "content", Some(&input.content), true, 5000).unwrap_or_default();
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let name: String = tx.query_row("SELECT name FROM person WHERE id = ?1", [me], |r| r.get(0))?;
    let (id, title, link) = match input.kind {
        PublicityKind::Price => {
            let title: Option<(String, NaiveDate, NaiveDate)> = tx
                .query_row("SELECT title, posted_on, ends_on FROM publicity WHERE id = ?1", [input.id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()?;
            let title = running_title(title, today, input.id)?;
            tx.execute(
                "INSERT INTO objection (publicity_id, received_on, objector, content, outcome) VALUES (?1, ?2, ?3, ?4, 'pending')",
                params![input.id, today, name, content],
            )?;
            let id = tx.last_insert_rowid();
            tx.execute("INSERT INTO objection_author (objection_id, person_id) VALUES (?1, ?2)", params![id, me])?;
            tx.execute("UPDATE publicity SET version = version + 1 WHERE id = ?1", [input.id])?;
            (id, title, "/publicity".to_string())
        }
        PublicityKind::Reward => {
            let title: Option<(String, Option<NaiveDate>, Option<NaiveDate>, String)> = tx
                .query_row(
                    "SELECT '合同「' || c.title || '」收益分配', d.publicity_from, d.publicity_ends_on, d.state
                     FROM distribution d JOIN contract c ON c.id = d.contract_id WHERE d.id = ?1",
                    [input.id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?;
            // A draft is the office's alone (not found); one approved but never posted, or posted
            // and paid since, is not running.
            let title = match title {
                Some((_, _, _, state)) if state == "draft" => None,
                Some((t, Some(from), Some(ends), state)) if state == "publicized" => Some((t, from, ends)),
                Some((t, _, _, _)) => return Err(Error::Refused { code: "publicity_not_running", detail: t }),
                None => None,
            };
            let title = running_title(title, today, input.id)?;
            tx.execute(
                "INSERT INTO reward_objection (distribution_id, person_id, objector, received_on, content, outcome) VALUES (?1, ?2, ?3, ?4, ?5, 'pending')",
                params![input.id, me, name, today, content],
            )?;
            (tx.last_insert_rowid(), title, format!("/rewards/{}", input.id))
        }
    };
    let column = input.kind.file_column();
    for k in &kept {
        attachment::keep(k)?;
        tx.execute(
            &format!("INSERT INTO objection_file ({column}, name, sha256, size) VALUES (?1, ?2, ?3, ?4)"),
            params![id, k.name(), k.sha256(), k.size() as i64],
        )?;
    }
    let entity = input.kind.objection_table();
    let after = serde_json::json!({"publicity": input.id, "objector": name, "content": content, "files": kept.len()});
    Journal::start(&tx, actor)?.record(&tx, Action::Insert, entity, &id.to_string(), None, Some(&after))?;
    let subject = format!("{name} 对「{title}」提出异议");
    notify(&tx, actor, NotificationKind::ObjectionFiled, To::Role(Role::Office), &subject, &link)?;
    tx.commit()?;
    Ok(id)
}

/// The title of a publicity (`title`, posted, ends) that runs on `today`.
fn running_title(found: Option<(String, NaiveDate, NaiveDate)>, today: NaiveDate, id: i64) -> Result<String> {
    match found {
        Some((title, posted, ends)) if posted <= today && today <= ends => Ok(title),
        Some((title, _, _)) => Err(Error::Refused { code: "publicity_not_running", detail: title }),
        None => Err(Error::NotFound { what: "publicity", key: id.to_string() }),
    }
}

/// The objections I filed, newest first, with their handling.
pub fn mine(conn: &Connection, employee_id: &str) -> Result<Vec<MyObjection>> {
    let me = person_id(conn, employee_id)?;
    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT o.id, p.title, o.received_on, o.content, o.outcome, o.handling, o.resolved_on
         FROM objection_author a JOIN objection o ON o.id = a.objection_id JOIN publicity p ON p.id = o.publicity_id
         WHERE a.person_id = ?1",
    )?;
    let price = stmt.query_map([me], |r| row(r, PublicityKind::Price))?.collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT o.id, '合同「' || c.title || '」收益分配', o.received_on, o.content, o.outcome, o.handling, o.resolved_on
         FROM reward_objection o JOIN distribution d ON d.id = o.distribution_id JOIN contract c ON c.id = d.contract_id
         WHERE o.person_id = ?1",
    )?;
    let reward = stmt.query_map([me], |r| row(r, PublicityKind::Reward))?.collect::<rusqlite::Result<Vec<_>>>()?;
    for mut o in price.into_iter().chain(reward) {
        o.files = files(conn, o.kind, o.id)?;
        out.push(o);
    }
    out.sort_by(|a, b| b.received_on.cmp(&a.received_on).then(b.id.cmp(&a.id)));
    Ok(out)
}

fn row(r: &rusqlite::Row<'_>, kind: PublicityKind) -> rusqlite::Result<MyObjection> {
    let outcome: String = r.get(4)?;
    Ok(MyObjection {
        kind,
        id: r.get(0)?,
        title: r.get(1)?,
        received_on: r.get(2)?,
        content: r.get(3)?,
        outcome: Outcome::parse(&outcome),
        handling: r.get(5)?,
        resolved_on: r.get(6)?,
        files: Vec::new(),
    })
}

/// The files of one objection.
pub fn files(conn: &Connection, kind: PublicityKind, id: i64) -> Result<Vec<ObjectionFile>> {
    let column = kind.file_column();
    let mut stmt = conn.prepare_cached(&format!("SELECT id, name, size FROM objection_file WHERE {column} = ?1 ORDER BY id"))?;
    let rows = stmt
        .query_map([id], |r| Ok(ObjectionFile { id: r.get(0)?, name: r.get(1)?, size: r.get(2)? }))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The stored file of an objection's file `id`, with its name: for the office (`employee_id`
/// none) any, for an inventor only a file of their own objection (not found otherwise).
pub fn file_path(store: &Store, employee_id: Option<&str>, id: i64) -> Result<(PathBuf, String)> {
    let conn = store.conn();
    let me = employee_id.map(|e| person_id(conn, e)).transpose()?;
    let found: Option<(String, String)> = conn
        .query_row(
            "SELECT f.name, f.sha256 FROM objection_file f WHERE f.id = ?1 AND (?2 IS NULL
               OR f.objection_id IN (SELECT objection_id FROM objection_author WHERE person_id = ?2)
               OR f.reward_objection_id IN (SELECT id FROM reward_objection WHERE person_id = ?2))",
            params![id, me],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (name, sha256) = found.ok_or_else(|| Error::NotFound { what: "objection file", key: id.to_string() })?;
    Ok((attachment::stored(store, &sha256, &name)?, name))
}
