//! Price publicity (定价公示) before signing, with the objections it drew
//! (docs/rules/publicity.md "Price publicity"): an agreed price is posted for a number of days
//! counted by the civil code with the holiday calendar, and the contract may be signed only after
//! the period, with no objection pending or upheld.

use crate::calendar::Calendar;
use crate::error::{Error, Result};
use crate::model::ContractKind;
use crate::money::Money;
use crate::notification::{notify, notify_people, NotificationKind, To};
use crate::problem::{Problem, ProblemKind};
use crate::store::audit::{Action, Journal};
use crate::store::version;
use crate::store::{Actor, Store};
use chrono::{Days, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What became of an objection (异议).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Not yet handled: blocks signing.
    Pending,
    /// Found justified: the price must be set again (blocks signing under this publicity).
    Upheld,
    /// Found unjustified, with the handling recorded.
    Rejected,
}

impl Outcome {
    pub(crate) fn key(self) -> &'static str {
        match self {
            Outcome::Pending => "pending",
            Outcome::Upheld => "upheld",
            Outcome::Rejected => "rejected",
        }
    }

    /// How the notification to the objector names it.
    pub fn zh(self) -> &'static str {
        match self {
            Outcome::Pending => "待处理",
            Outcome::Upheld => "异议成立",
            Outcome::Rejected => "异议不成立",
        }
    }

    pub(crate) fn parse(key: &str) -> Outcome {
        match key {
            "upheld" => Outcome::Upheld,
            "rejected" => Outcome::Rejected,
            _ => Outcome::Pending,
        }
    }
}

/// An objection raised during a publicity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Objection {
    /// `None` until saved.
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    /// 收到日期.
    pub received_on: NaiveDate,
    /// 异议人.
    pub objector: String,
    /// 异议内容.
    pub content: String,
    /// 处理结果.
    pub outcome: Outcome,
    /// 处理情况.
    pub handling: Option<String>,
    /// 处理日期 (absent while pending).
    pub resolved_on: Option<NaiveDate>,
}

/// Where a publicity stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Posted, the period still running.
    Running,
    /// Ended with no objection pending or upheld: the contract may be signed.
    Clear,
    /// An objection is pending.
    Objected,
    /// An objection was upheld: the price must be set again.
    Upheld,
}

/// A price publicity with its achievements and objections.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Publicity {
    /// `None` until saved.
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    /// The version the form was loaded at (0 for a new publicity): a save is refused
    /// (`edit_conflict`) once someone else changed the publicity or its objections
    /// (store::version).
    #[serde(default)]
    #[ts(type = "number")]
    pub version: i64,
    /// 公示名称.
    pub title: String,
    /// 转化方式 (transfer, license or equity).
    pub contract_kind: ContractKind,
    /// 受让方/被许可方 (organization id).
    #[ts(type = "number")]
    pub organization_id: i64,
    /// The counterparty's name (read only).
    pub counterparty: String,
    /// Whether the counterparty is related to the inventors (关联方), which the notice must say.
    pub related_party: bool,
    /// 拟定价格.
    pub price_fen: Money,
    /// 公示开始日期 (the posting day; it does not count).
    pub posted_on: NaiveDate,
    /// 公示天数.
    #[ts(type = "number")]
    pub days: u32,
    /// The last day of the period, computed on save.
    pub ends_on: NaiveDate,
    /// 公示渠道 (e.g. 学校官网).
    pub channel: String,
    /// The collective decision that set the price.
    #[ts(type = "number | null")]
    pub resolution_id: Option<i64>,
    /// 涉及成果 (achievement numbers).
    pub achievements: Vec<String>,
    /// 异议.
    pub objections: Vec<Objection>,
    /// The contract signed under it, if any (contract number).
    pub contract_no: Option<String>,
}

impl Publicity {
    /// Where it stands on `today`.
    pub fn stage(&self, today: NaiveDate) -> Stage {
        if self.objections.iter().any(|o| o.outcome == Outcome::Upheld) {
            Stage::Upheld
        } else if self.objections.iter().any(|o| o.outcome == Outcome::Pending) {
            Stage::Objected
        } else if today <= self.ends_on {
            Stage::Running
        } else {
            Stage::Clear
        }
    }

    /// The first day a contract may be signed: the day after the period ends.
    pub fn earliest_signing(&self) -> NaiveDate {
        self.ends_on.checked_add_days(Days::new(1)).unwrap_or(self.ends_on)
    }

    /// Refuses signing on `signed_on` unless the period is over and no objection stands.
    pub fn allows_signing(&self, signed_on: NaiveDate) -> Result<()> {
        if self.objections.iter().any(|o| o.outcome == Outcome::Upheld) {
            return Err(Error::Refused { code: "objection_upheld", detail: self.title.clone() });
        }
        if self.objections.iter().any(|o| o.outcome == Outcome::Pending && o.received_on <= signed_on) {
            return Err(Error::Refused { code: "objection_pending", detail: self.title.clone() });
        }
        if signed_on < self.earliest_signing() {
            return Err(Error::Refused { code: "price_publicity_not_finished", detail: crate::date::iso(self.earliest_signing()) });
        }
        Ok(())
    }

    fn problems(&self, today: NaiveDate) -> Vec<Problem> {
        let mut out = Vec::new();
        text_problem(&mut out, "title", &self.title, 500);
        text_problem(&mut out, "channel", &self.channel, 200);
        if !matches!(self.contract_kind, ContractKind::Transfer | ContractKind::License | ContractKind::Equity) {
            out.push(Problem::field("contract_kind", self.contract_kind.key(), ProblemKind::Choice("转让、许可、作价投资".into())));
        }
        if !(1..=90).contains(&self.days) {
            out.push(Problem::field("days", self.days.to_string(), ProblemKind::Integer(1, 90)));
        }
        if let Some(e) = crate::money::form_amount_error(self.price_fen, false) {
            out.push(Problem::field("price_fen", self.price_fen.0.to_string(), ProblemKind::Amount(e)));
        }
        if self.achievements.is_empty() {
            out.push(Problem::field("achievements", "", ProblemKind::Required));
        }
        for (i, o) in self.objections.iter().enumerate() {
            let at = |f: &str| format!("objections[{i}].{f}");
            text_problem(&mut out, &at("objector"), &o.objector, 200);
            text_problem(&mut out, &at("content"), &o.content, 5000);
            for (field, day) in [("received_on", Some(o.received_on)), ("resolved_on", o.resolved_on)] {
                if let Some(d) = day.filter(|d| *d > today) {
                    out.push(Problem::field(&at(field), crate::date::iso(d), ProblemKind::InFuture));
                }
            }
            if o.received_on < self.posted_on {
                out.push(Problem::field(
                    &at("received_on"),
                    crate::date::iso(o.received_on),
                    ProblemKind::DateOrder(crate::date::iso(self.posted_on)),
                ));
            }
            match (o.outcome, o.resolved_on) {
                (Outcome::Pending, Some(d)) => {
                    out.push(Problem::field(&at("resolved_on"), crate::date::iso(d), ProblemKind::NotAllowedFor("待处理".into())))
                }
                (Outcome::Upheld | Outcome::Rejected, None) => out.push(Problem::field(&at("resolved_on"), "", ProblemKind::Required)),
                (_, Some(d)) if d < o.received_on => out.push(Problem::field(
                    &at("resolved_on"),
                    crate::date::iso(d),
                    ProblemKind::DateOrder(crate::date::iso(o.received_on)),
                )),
                _ => {}
            }
            if o.outcome != Outcome::Pending && o.handling.as_deref().is_none_or(|h| h.trim().is_empty()) {
                out.push(Problem::field(&at("handling"), "", ProblemKind::Required));
            }
        }
        out
    }
}

/// A required text of at most `max` characters.
fn text_problem(out: &mut Vec<Problem>, field: &str, value: &str, max: usize) {
    let n = value.trim().chars().count();
    if n == 0 {
        out.push(Problem::field(field, "", ProblemKind::Required));
    } else if n > max {
        out.push(Problem::field(field, value, ProblemKind::TooLong(max)));
    }
}

/// A row of the publicity list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct PublicityRow {
    /// The publicity.
    pub publicity: Publicity,
    /// Its stage today.
    pub stage: Stage,
    /// The first day a contract may be signed.
    pub earliest_signing: NaiveDate,
}

const COLUMNS: &str =
    "p.id, p.title, p.contract_kind, p.organization_id, o.name, p.related_party, p.price_fen, p.posted_on, p.days, p.ends_on,
     p.channel, p.resolution_id, (SELECT c.contract_no FROM contract c WHERE c.publicity_id = p.id ORDER BY c.id LIMIT 1), p.version";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Publicity> {
    Ok(Publicity {
        id: r.get(0)?,
        version: r.get(13)?,
        title: r.get(1)?,
        contract_kind: r.get(2)?,
        organization_id: r.get(3)?,
        counterparty: r.get(4)?,
        related_party: r.get(5)?,
        price_fen: r.get(6)?,
        posted_on: r.get(7)?,
        days: r.get(8)?,
        ends_on: r.get(9)?,
        channel: r.get(10)?,
        resolution_id: r.get(11)?,
        achievements: Vec::new(),
        objections: Vec::new(),
        contract_no: r.get(12)?,
    })
}

fn complete(conn: &Connection, mut p: Publicity) -> Result<Publicity> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.achievement_no FROM publicity_achievement pa JOIN achievement a ON a.id = pa.achievement_id
         WHERE pa.publicity_id = ?1 ORDER BY a.achievement_no",
    )?;
    p.achievements = stmt.query_map([p.id], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, received_on, objector, content, outcome, handling, resolved_on FROM objection WHERE publicity_id = ?1 ORDER BY received_on, id",
    )?;
    p.objections = stmt
        .query_map([p.id], |r| {
            Ok(Objection {
                id: r.get(0)?,
                received_on: r.get(1)?,
                objector: r.get(2)?,
                content: r.get(3)?,
                outcome: Outcome::parse(&r.get::<_, String>(4)?),
                handling: r.get(5)?,
                resolved_on: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(p)
}

/// One publicity with its achievements and objections.
pub fn get(conn: &Connection, id: i64) -> Result<Publicity> {
    let p = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM publicity p JOIN organization o ON o.id = p.organization_id WHERE p.id = ?1"),
            [id],
            from_row,
        )
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "publicity", key: id.to_string() })?;
    complete(conn, p)
}

/// Filters of the publicity list (all optional).
#[derive(Clone, Debug, Default, Serialize, Deserialize, TS)]
pub struct PublicityQuery {
    /// 1-based page.
    pub page: u32,
    /// Rows per page, at most [`crate::store::search::MAX_PAGE_SIZE`].
    pub page_size: u32,
    /// Title, counterparty or an achievement number contains.
    pub search: Option<String>,
    /// Only this counterparty (the contract form offers its publicities).
    #[ts(type = "number | null")]
    pub organization_id: Option<i64>,
    /// Only this kind.
    pub contract_kind: Option<ContractKind>,
    /// Only this publicity (the contract form opened from it).
    #[ts(type = "number | null")]
    pub id: Option<i64>,
}

/// A page of the list.
#[derive(Clone, Debug, Serialize, TS)]
pub struct PublicityPage {
    /// Rows matching the filters, over all pages.
    pub total: u32,
    /// This page's rows.
    pub rows: Vec<PublicityRow>,
}

/// The list, the most recent posting first, filtered and paged in SQL, with each row's stage on
/// `today`.
pub fn list(conn: &Connection, q: &PublicityQuery, today: NaiveDate) -> Result<PublicityPage> {
    use rusqlite::types::Value;
    let mut clauses = vec!["1".to_string()];
    let mut args: Vec<Value> = Vec::new();
    if let Some(search) = q.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        args.push(Value::Text(crate::store::search::contains_pattern(search)));
        clauses.push(format!(
            "(p.title LIKE ?{n} ESCAPE '\\' OR o.name LIKE ?{n} ESCAPE '\\'
              OR p.id IN (SELECT pa.publicity_id FROM publicity_achievement pa JOIN achievement a ON a.id = pa.achievement_id
                          WHERE a.achievement_no LIKE ?{n} ESCAPE '\\'))",
            n = args.len()
        ));
    }
    if let Some(org) = q.organization_id {
        args.push(Value::Integer(org));
        clauses.push(format!("p.organization_id = ?{}", args.len()));
    }
    if let Some(kind) = q.contract_kind {
        args.push(Value::Text(kind.key().into()));
        clauses.push(format!("p.contract_kind = ?{}", args.len()));
    }
    if let Some(id) = q.id {
        args.push(Value::Integer(id));
        clauses.push(format!("p.id = ?{}", args.len()));
    }
    let from = format!("FROM publicity p JOIN organization o ON o.id = p.organization_id WHERE {}", clauses.join(" AND "));
    let total: u32 = conn.query_row(&format!("SELECT count(*) {from}"), rusqlite::params_from_iter(&args), |r| r.get(0))?;
    let size = q.page_size.clamp(1, crate::store::search::MAX_PAGE_SIZE);
    args.push(Value::Integer(i64::from(size)));
    args.push(Value::Integer(i64::from(q.page.max(1) - 1) * i64::from(size)));
    let sql = format!("SELECT {COLUMNS} {from} ORDER BY p.posted_on DESC, p.id DESC LIMIT ?{} OFFSET ?{}", args.len() - 1, args.len());
    let page = conn.prepare(&sql)?.query_map(rusqlite::params_from_iter(&args), from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    let rows = page
        .into_iter()
        .map(|p| {
            let p = complete(conn, p)?;
            Ok(PublicityRow { stage: p.stage(today), earliest_signing: p.earliest_signing(), publicity: p })
        })
        .collect::<Result<_>>()?;
    Ok(PublicityPage { total, rows })
}

/// The form as its fields compare for a conflict: objections without their row ids (a save
/// writes them anew).
fn compared(p: &Publicity) -> serde_json::Value {
    let mut v = serde_json::to_value(p).unwrap_or_default();
    if let Some(list) = v.get_mut("objections").and_then(serde_json::Value::as_array_mut) {
        for o in list.iter_mut().filter_map(serde_json::Value::as_object_mut) {
            o.remove("id");
        }
    }
    v
}

/// Adds or changes a publicity with its objections; the end day is computed here with the holiday
/// calendar. Once a contract is signed under it, only objections' handling may still change
/// (the period and price are then evidence). A change is refused (`edit_conflict`) when the
/// publicity is no longer at the form's version. Audited; returns the id.
pub fn save(store: &mut Store, actor: &Actor, publicity: &Publicity) -> Result<i64> {
    let calendar = Calendar::load(store)?;
    // The write lock first, so that nobody changes what is checked.
    let tx = store.write()?;
    let conn: &Connection = &tx;
    let before = publicity.id.map(|id| get(conn, id)).transpose()?;
    if let Some(b) = &before {
        version::check(conn, &version::PUBLICITY, b.version, publicity.version, || version::Stale {
            id: b.id.unwrap_or_default(),
            label: b.title.clone(),
            audit_keys: vec![b.id.unwrap_or_default().to_string()],
            submitted: compared(publicity),
            stored: compared(b),
        })?;
    }
    let mut problems = publicity.problems(actor.at.date());
    if let Some(r) = publicity.resolution_id {
        if crate::deals::resolution::get(conn, r).is_err() {
            problems.push(Problem::field("resolution_id", r.to_string(), ProblemKind::UnknownReference("resolution", r.to_string())));
        }
    }
    let achievement_ids =
        crate::portfolio::achievement::ids_by_no(conn, publicity.achievements.iter().map(String::as_str), "achievements", &mut problems)?;
    let org: Option<String> =
        conn.query_row("SELECT name FROM organization WHERE id = ?1", [publicity.organization_id], |r| r.get(0)).optional()?;
    if org.is_none() {
        problems.push(Problem::field("organization_id", publicity.organization_id.to_string(), ProblemKind::Required));
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let ends_on = calendar.period_end(publicity.posted_on, publicity.days);
    if let Some(b) = &before {
        let terms_changed = b.posted_on != publicity.posted_on
            || b.days != publicity.days
            || b.price_fen != publicity.price_fen
            || b.organization_id != publicity.organization_id
            || b.contract_kind != publicity.contract_kind
            || b.related_party != publicity.related_party
            || b.achievements.iter().map(|a| a.trim()).collect::<std::collections::BTreeSet<_>>()
                != publicity.achievements.iter().map(|a| a.trim()).collect();
        if b.contract_no.is_some() && terms_changed {
            return Err(Error::Refused { code: "publicity_signed", detail: b.contract_no.clone().unwrap_or_default() });
        }
    }
    let p = Publicity {
        ends_on,
        counterparty: org.unwrap_or_default(),
        contract_no: before.as_ref().and_then(|b| b.contract_no.clone()),
        ..publicity.clone()
    };
    let values = params![
        p.title.trim(),
        p.contract_kind,
        p.organization_id,
        p.related_party,
        p.price_fen,
        p.posted_on,
        p.days,
        p.ends_on,
        p.channel.trim(),
        p.resolution_id
    ];
    let id = match p.id {
        Some(id) => {
            tx.execute(
                "UPDATE publicity SET title = ?1, contract_kind = ?2, organization_id = ?3, related_party = ?4, price_fen = ?5, posted_on = ?6,
                 days = ?7, ends_on = ?8, channel = ?9, resolution_id = ?10, version = version + 1 WHERE id = ?11",
                rusqlite::params_from_iter(values.iter().copied().chain(std::iter::once(&id as &dyn rusqlite::ToSql))),
            )?;
            tx.execute("DELETE FROM publicity_achievement WHERE publicity_id = ?1", [id])?;
            // Objections keep their rows (an inventor's has its author and files tied to it):
            // the ones the form no longer lists go, the others are updated in place.
            let kept: Vec<i64> = p.objections.iter().filter_map(|o| o.id).collect();
            tx.execute(
                "DELETE FROM objection WHERE publicity_id = ?1 AND id NOT IN (SELECT value FROM json_each(?2))",
                params![id, serde_json::to_string(&kept).unwrap_or_else(|_| "[]".into())],
            )?;
            id
        }
        None => {
            tx.execute(
                "INSERT INTO publicity (title, contract_kind, organization_id, related_party, price_fen, posted_on, days, ends_on, channel, resolution_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                values,
            )?;
            tx.last_insert_rowid()
        }
    };
    for a in &achievement_ids {
        tx.execute("INSERT OR IGNORE INTO publicity_achievement (publicity_id, achievement_id) VALUES (?1, ?2)", params![id, a])?;
    }
    for o in &p.objections {
        let handling = o.handling.as_deref().map(str::trim).filter(|h| !h.is_empty());
        let updated = match o.id {
            Some(oid) => tx.execute(
                "UPDATE objection SET received_on = ?3, objector = ?4, content = ?5, outcome = ?6, handling = ?7, resolved_on = ?8
                 WHERE id = ?2 AND publicity_id = ?1",
                params![id, oid, o.received_on, o.objector.trim(), o.content.trim(), o.outcome.key(), handling, o.resolved_on],
            )?,
            None => 0,
        };
        if updated == 0 {
            tx.execute(
                "INSERT INTO objection (publicity_id, received_on, objector, content, outcome, handling, resolved_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id, o.received_on, o.objector.trim(), o.content.trim(), o.outcome.key(), handling, o.resolved_on],
            )?;
        }
    }
    tell(&tx, actor, id, &p, before.as_ref())?;
    let after = version::unversioned(Publicity { id: Some(id), ..p });
    let before = before.map(version::unversioned);
    let action = if before.is_some() { Action::Update } else { Action::Insert };
    Journal::start(&tx, actor)?.record(&tx, action, "publicity", &id.to_string(), before.as_ref(), Some(&after))?;
    tx.commit()?;
    Ok(id)
}

/// Tells the inventors of a new publicity's achievements that it started, and the author of an
/// inventor's objection that it was handled.
fn tell(conn: &Connection, actor: &Actor, id: i64, p: &Publicity, before: Option<&Publicity>) -> Result<()> {
    let Some(before) = before else {
        let mut stmt = conn.prepare_cached(
            "SELECT i.person_id FROM publicity_achievement x JOIN inventor i ON i.achievement_id = x.achievement_id
             WHERE x.publicity_id = ?1 ORDER BY x.achievement_id, i.position",
        )?;
        let people: Vec<i64> = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        let subject = format!("定价公示「{}」开始（{} 至 {}），如有异议请在公示期内提出", p.title, p.posted_on, p.ends_on);
        return notify_people(conn, actor, NotificationKind::PublicityStarted, &people, &subject, "/me/publicity");
    };
    for o in p.objections.iter().filter(|o| o.outcome != Outcome::Pending) {
        let was_pending = before.objections.iter().any(|b| b.id.is_some() && b.id == o.id && b.outcome == Outcome::Pending);
        let author: Option<i64> = match o.id {
            Some(oid) if was_pending => {
                conn.query_row("SELECT person_id FROM objection_author WHERE objection_id = ?1", [oid], |r| r.get(0)).optional()?
            }
            _ => None,
        };
        if let Some(author) = author {
            let subject = format!("您对定价公示「{}」提出的异议已处理：{}", p.title, o.outcome.zh());
            notify(conn, actor, NotificationKind::ObjectionHandled, To::Person(author), &subject, "/me/publicity")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn publicity(ends_on: NaiveDate, objections: Vec<Objection>) -> Publicity {
        Publicity {
            id: Some(1),
            version: 0,
            title: "一种电池材料转让".into(),
            contract_kind: ContractKind::Transfer,
            organization_id: 1,
            counterparty: "甲公司".into(),
            related_party: false,
            price_fen: Money(50_000_000),
            posted_on: day(2024, 1, 8),
            days: 15,
            ends_on,
            channel: "学校官网".into(),
            resolution_id: None,
            achievements: vec!["CG001".into()],
            objections,
            contract_no: None,
        }
    }

    fn objection(outcome: Outcome) -> Objection {
        Objection {
            id: None,
            received_on: day(2024, 1, 10),
            objector: "某教师".into(),
            content: "价格偏低".into(),
            outcome,
            handling: (outcome != Outcome::Pending).then(|| "复核评估".into()),
            resolved_on: (outcome != Outcome::Pending).then(|| day(2024, 1, 15)),
        }
    }

    #[test]
    fn signing_waits_for_the_day_after_the_period() {
        // docs/rules/publicity.md "Counting a period": posted 2024-01-08 for 15 days ends 01-23;
        // the earliest signing day is 01-24.
        let p = publicity(day(2024, 1, 23), vec![]);
        assert_eq!(p.earliest_signing(), day(2024, 1, 24));
        let refused = p.allows_signing(day(2024, 1, 23)).expect_err("the last day still belongs to the period");
        assert_eq!(refused.code(), "price_publicity_not_finished");
        assert!(p.allows_signing(day(2024, 1, 24)).is_ok(), "the day after the period is free");
        assert_eq!(p.stage(day(2024, 1, 23)), Stage::Running);
        assert_eq!(p.stage(day(2024, 1, 24)), Stage::Clear);
    }

    #[test]
    fn a_standing_objection_blocks_signing_and_a_rejected_one_does_not() {
        let pending = publicity(day(2024, 1, 23), vec![objection(Outcome::Pending)]);
        assert_eq!(pending.allows_signing(day(2024, 2, 1)).expect_err("pending").code(), "objection_pending");
        let upheld = publicity(day(2024, 1, 23), vec![objection(Outcome::Upheld)]);
        assert_eq!(upheld.allows_signing(day(2024, 2, 1)).expect_err("upheld").code(), "objection_upheld");
        assert_eq!(upheld.stage(day(2024, 2, 1)), Stage::Upheld);
        let rejected = publicity(day(2024, 1, 23), vec![objection(Outcome::Rejected)]);
        assert!(rejected.allows_signing(day(2024, 1, 24)).is_ok(), "a rejected objection with its handling recorded does not block");
    }

    #[test]
    fn a_handled_objection_needs_its_handling_and_date() {
        let mut o = objection(Outcome::Upheld);
        o.handling = None;
        o.resolved_on = None;
        let codes: Vec<_> = publicity(day(2024, 1, 23), vec![o]).problems(day(2024, 2, 1)).into_iter().map(|p| p.column).collect();
        assert_eq!(codes, vec!["objections[0].resolved_on", "objections[0].handling"]);
    }
}
