//! Ownership grants to inventor teams (赋权, docs/rules/rewards.md "Ownership grants"): a share of
//! the ownership or a long-term usage right of at least ten years, with the team's internal shares
//! and who pays which fees. An achievement whose ownership was granted earns no further unit reward.

use crate::calendar::Calendar;
use crate::error::{Error, Result};
use crate::problem::{Problem, ProblemKind};
use crate::share::FULL_BP;
use crate::store::audit::{Action, Journal};
use crate::store::version;
use crate::store::{Actor, Store};
use chrono::{Months, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A usage right runs at least this long (国科发区〔2020〕128号).
pub const MIN_USAGE_YEARS: u32 = 10;

/// What is granted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GrantKind {
    /// 所有权 (a share).
    Share,
    /// 长期使用权.
    UsageRight,
}

/// Who bears a fee.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Payer {
    /// 单位.
    Institution,
    /// 团队.
    Team,
    /// 共同承担.
    Shared,
}

fn key<T: Serialize>(value: T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn parse<T: serde::de::DeserializeOwned>(text: String) -> rusqlite::Result<T> {
    serde_json::from_value(serde_json::Value::String(text))
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

/// A member of the team with the internal share.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Member {
    /// 工号.
    pub employee_id: String,
    /// 姓名 (read only).
    pub name: String,
    /// 内部份额.
    #[ts(type = "number")]
    pub share_bp: i64,
}

/// One grant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Grant {
    /// `None` until saved.
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    /// The version the form was loaded at (0 for a new grant): a save is refused
    /// (`edit_conflict`) once someone else changed the grant (store::version).
    #[serde(default)]
    #[ts(type = "number")]
    pub version: i64,
    /// Share or usage right.
    pub kind: GrantKind,
    /// The team's ownership share (share only).
    #[ts(type = "number | null")]
    pub share_bp: Option<i64>,
    /// Usage right from.
    pub usage_from: Option<NaiveDate>,
    /// Usage right until (at least ten years).
    pub usage_until: Option<NaiveDate>,
    /// The team's agreed share of transformation income.
    #[ts(type = "number")]
    pub income_team_bp: i64,
    /// Who pays the annual fees.
    pub annual_fee_payer: Payer,
    /// Who pays agency fees.
    pub agency_fee_payer: Payer,
    /// 决定日期.
    pub decided_on: NaiveDate,
    /// The collective decision.
    #[ts(type = "number | null")]
    pub resolution_id: Option<i64>,
    /// 公示开始.
    pub publicized_on: Option<NaiveDate>,
    /// 公示天数 (when publicized).
    #[ts(type = "number | null")]
    pub publicity_days: Option<u32>,
    /// 公示截止 (computed).
    pub publicity_ends_on: Option<NaiveDate>,
    /// 专利权转移登记 filed with CNIPA.
    pub change_filed_on: Option<NaiveDate>,
    /// 备注.
    pub note: Option<String>,
    /// 成果编号.
    pub achievements: Vec<String>,
    /// The team.
    pub members: Vec<Member>,
}

impl Grant {
    fn problems(&self, today: NaiveDate) -> Vec<Problem> {
        let mut out = Vec::new();
        let iso = crate::date::iso;
        match self.kind {
            GrantKind::Share => match self.share_bp {
                Some(bp) if (1..=FULL_BP).contains(&bp) => {}
                Some(bp) => out.push(Problem::field("share_bp", bp.to_string(), ProblemKind::Ratio)),
                None => out.push(Problem::field("share_bp", "", ProblemKind::RequiredFor("所有权赋权".into()))),
            },
            GrantKind::UsageRight => match (self.usage_from, self.usage_until) {
                (Some(from), Some(until)) => {
                    let minimum = from.checked_add_months(Months::new(12 * MIN_USAGE_YEARS)).unwrap_or(from);
                    if until < minimum {
                        out.push(Problem::field("usage_until", iso(until), ProblemKind::DateOrder(iso(minimum))));
                    }
                }
                _ => out.push(Problem::field("usage_until", "", ProblemKind::RequiredFor("长期使用权".into()))),
            },
        }
        if self.kind == GrantKind::UsageRight && self.share_bp.is_some() {
            out.push(Problem::field("share_bp", "", ProblemKind::NotAllowedFor("长期使用权".into())));
        }
        if !(0..=FULL_BP).contains(&self.income_team_bp) {
            out.push(Problem::field("income_team_bp", self.income_team_bp.to_string(), ProblemKind::Ratio));
        }
        if self.decided_on > today {
            out.push(Problem::field("decided_on", iso(self.decided_on), ProblemKind::InFuture));
        }
        if let Some(p) = self.publicized_on.filter(|p| *p < self.decided_on) {
            out.push(Problem::field("publicized_on", iso(p), ProblemKind::DateOrder(iso(self.decided_on))));
        }
        if self.publicized_on.is_some() && !self.publicity_days.is_some_and(|d| (1..=90).contains(&d)) {
            out.push(Problem::field(
                "publicity_days",
                self.publicity_days.map(|d| d.to_string()).unwrap_or_default(),
                ProblemKind::Integer(1, 90),
            ));
        }
        if let Some(c) = self.change_filed_on.filter(|c| *c < self.decided_on) {
            out.push(Problem::field("change_filed_on", iso(c), ProblemKind::DateOrder(iso(self.decided_on))));
        }
        if self.achievements.is_empty() {
            out.push(Problem::field("achievements", "", ProblemKind::Required));
        }
        if self.members.is_empty() {
            out.push(Problem::field("members", "", ProblemKind::Required));
        } else {
            let sum: i64 = self.members.iter().map(|m| m.share_bp).sum();
            if sum != FULL_BP || self.members.iter().any(|m| m.share_bp <= 0) {
                out.push(Problem::field("members", sum.to_string(), ProblemKind::SharesSum(sum)));
            }
            let mut seen = std::collections::HashSet::new();
            for m in &self.members {
                if !seen.insert(m.employee_id.trim()) {
                    out.push(Problem::field("members", m.employee_id.clone(), ProblemKind::RepeatedEntry(m.employee_id.clone())));
                }
            }
        }
        out
    }
}

const COLUMNS: &str = "id, kind, share_bp, usage_from, usage_until, income_team_bp, annual_fee_payer, agency_fee_payer, decided_on,
     resolution_id, publicized_on, publicity_ends_on, change_filed_on, note, publicity_days, version";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Grant> {
    Ok(Grant {
        id: r.get(0)?,
        version: r.get(15)?,
        kind: parse(r.get(1)?)?,
        share_bp: r.get(2)?,
        usage_from: r.get(3)?,
        usage_until: r.get(4)?,
        income_team_bp: r.get(5)?,
        annual_fee_payer: parse(r.get(6)?)?,
        agency_fee_payer: parse(r.get(7)?)?,
        decided_on: r.get(8)?,
        resolution_id: r.get(9)?,
        publicized_on: r.get(10)?,
        publicity_days: r.get(14)?,
        publicity_ends_on: r.get(11)?,
        change_filed_on: r.get(12)?,
        note: r.get(13)?,
        achievements: Vec::new(),
        members: Vec::new(),
    })
}

fn complete(conn: &Connection, mut g: Grant) -> Result<Grant> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.achievement_no FROM grant_achievement ga JOIN achievement a ON a.id = ga.achievement_id WHERE ga.grant_id = ?1 ORDER BY a.achievement_no",
    )?;
    g.achievements = stmt.query_map([g.id], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT p.employee_id, p.name, m.share_bp FROM grant_member m JOIN person p ON p.id = m.person_id WHERE m.grant_id = ?1 ORDER BY m.position",
    )?;
    g.members = stmt
        .query_map([g.id], |r| Ok(Member { employee_id: r.get(0)?, name: r.get(1)?, share_bp: r.get(2)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(g)
}

/// One grant.
pub fn get(conn: &Connection, id: i64) -> Result<Grant> {
    let g = conn
        .query_row(&format!("SELECT {COLUMNS} FROM ownership_grant WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "grant", key: id.to_string() })?;
    complete(conn, g)
}

/// Filters of the grant list (all optional).
#[derive(Clone, Debug, Default, Serialize, Deserialize, TS)]
pub struct GrantQuery {
    /// 1-based page.
    pub page: u32,
    /// Rows per page, at most [`crate::store::search::MAX_PAGE_SIZE`].
    pub page_size: u32,
    /// An achievement's number or title contains, or a member's name contains / employee ID is.
    pub search: Option<String>,
}

/// A page of the list.
#[derive(Clone, Debug, Serialize, TS)]
pub struct GrantPage {
    /// Rows matching the filters, over all pages.
    pub total: u32,
    /// This page's rows.
    pub rows: Vec<Grant>,
}

/// The list, newest decision first, filtered and paged in SQL.
pub fn list(conn: &Connection, q: &GrantQuery) -> Result<GrantPage> {
    use rusqlite::types::Value;
    let mut clauses = vec!["1".to_string()];
    let mut args: Vec<Value> = Vec::new();
    if let Some(search) = q.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        args.push(Value::Text(crate::store::search::contains_pattern(search)));
        let n = args.len();
        args.push(Value::Text(search.to_string()));
        let e = args.len();
        clauses.push(format!(
            "(g.id IN (SELECT ga.grant_id FROM grant_achievement ga JOIN achievement a ON a.id = ga.achievement_id
                       WHERE a.achievement_no LIKE ?{n} ESCAPE '\\' OR a.title LIKE ?{n} ESCAPE '\\')
              OR g.id IN (SELECT m.grant_id FROM grant_member m JOIN person p ON p.id = m.person_id
                          WHERE p.name LIKE ?{n} ESCAPE '\\' OR p.employee_id = ?{e}))"
        ));
    }
    let from = format!("FROM ownership_grant g WHERE {}", clauses.join(" AND "));
    let total: u32 = conn.query_row(&format!("SELECT count(*) {from}"), rusqlite::params_from_iter(&args), |r| r.get(0))?;
    let size = q.page_size.clamp(1, crate::store::search::MAX_PAGE_SIZE);
    args.push(Value::Integer(i64::from(size)));
    args.push(Value::Integer(i64::from(q.page.max(1) - 1) * i64::from(size)));
    let sql = format!("SELECT {COLUMNS} {from} ORDER BY g.decided_on DESC, g.id DESC LIMIT ?{} OFFSET ?{}", args.len() - 1, args.len());
    let page = conn.prepare(&sql)?.query_map(rusqlite::params_from_iter(&args), from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    let rows = page.into_iter().map(|g| complete(conn, g)).collect::<Result<_>>()?;
    Ok(GrantPage { total, rows })
}

/// The achievements of `contract_id` whose ownership was granted (a share) on or before `on`:
/// their part of the income earns no unit reward (no double reward).
pub fn granted_achievements(conn: &Connection, contract_id: i64, on: NaiveDate) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT a.achievement_no FROM contract_achievement ca
         JOIN grant_achievement ga ON ga.achievement_id = ca.achievement_id
         JOIN ownership_grant g ON g.id = ga.grant_id AND g.kind = 'share' AND g.decided_on <= ?2
         JOIN achievement a ON a.id = ca.achievement_id
         WHERE ca.contract_id = ?1 ORDER BY a.achievement_no",
    )?;
    let rows = stmt.query_map(params![contract_id, on], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The form as its fields compare for a conflict: members by employee ID and share (their
/// names are filled when read).
fn compared(g: &Grant) -> serde_json::Value {
    let mut v = serde_json::to_value(g).unwrap_or_default();
    if let Some(list) = v.get_mut("members").and_then(serde_json::Value::as_array_mut) {
        for m in list.iter_mut().filter_map(serde_json::Value::as_object_mut) {
            m.remove("name");
        }
    }
    v
}

/// Adds or corrects a grant; the publicity end is computed with the holiday calendar. A
/// correction is refused (`edit_conflict`) when the grant is no longer at the form's version.
/// Audited; returns the id.
pub fn save(store: &mut Store, actor: &Actor, grant: &Grant) -> Result<i64> {
    let calendar = Calendar::load(store)?;
    // The write lock first, so that nobody changes what is checked.
    let tx = store.write()?;
    let conn: &Connection = &tx;
    let before = grant.id.map(|id| get(conn, id)).transpose()?;
    if let Some(b) = &before {
        version::check(conn, &version::GRANT, b.version, grant.version, || version::Stale {
            id: b.id.unwrap_or_default(),
            label: format!("{} {}", b.decided_on, b.achievements.join("、")),
            audit_keys: vec![b.id.unwrap_or_default().to_string()],
            submitted: compared(grant),
            stored: compared(b),
        })?;
    }
    let mut problems = grant.problems(actor.at.date());
    let achievement_ids =
        crate::portfolio::achievement::ids_by_no(conn, grant.achievements.iter().map(String::as_str), "achievements", &mut problems)?;
    let mut member_ids = Vec::new();
    for m in &grant.members {
        match conn.query_row("SELECT id FROM person WHERE employee_id = ?1", [m.employee_id.trim()], |r| r.get::<_, i64>(0)).optional()? {
            Some(id) => member_ids.push((id, m.share_bp)),
            None => problems.push(Problem::field(
                "members",
                m.employee_id.clone(),
                ProblemKind::UnknownReference("person", m.employee_id.clone()),
            )),
        }
    }
    if let Some(r) = grant.resolution_id {
        crate::deals::resolution::get(conn, r)?;
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let ends_on = match (grant.publicized_on, grant.publicity_days) {
        (Some(from), Some(days)) => Some(calendar.period_end(from, days)),
        _ => None,
    };
    let share = grant.kind == GrantKind::Share;
    let g = Grant {
        share_bp: grant.share_bp.filter(|_| share),
        usage_from: grant.usage_from.filter(|_| !share),
        usage_until: grant.usage_until.filter(|_| !share),
        publicity_ends_on: ends_on,
        note: grant.note.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(str::to_string),
        ..grant.clone()
    };
    let values = params![
        key(g.kind),
        g.share_bp,
        g.usage_from,
        g.usage_until,
        g.income_team_bp,
        key(g.annual_fee_payer),
        key(g.agency_fee_payer),
        g.decided_on,
        g.resolution_id,
        g.publicized_on,
        g.publicity_ends_on,
        g.change_filed_on,
        g.note,
        g.publicity_days.filter(|_| g.publicized_on.is_some()),
    ];
    let id = match g.id {
        Some(id) => {
            tx.execute(
                "UPDATE ownership_grant SET kind = ?1, share_bp = ?2, usage_from = ?3, usage_until = ?4, income_team_bp = ?5, annual_fee_payer = ?6,
                 agency_fee_payer = ?7, decided_on = ?8, resolution_id = ?9, publicized_on = ?10, publicity_ends_on = ?11, change_filed_on = ?12,
                 note = ?13, publicity_days = ?14, version = version + 1 WHERE id = ?15",
                rusqlite::params_from_iter(values.iter().copied().chain(std::iter::once(&id as &dyn rusqlite::ToSql))),
            )?;
            tx.execute("DELETE FROM grant_achievement WHERE grant_id = ?1", [id])?;
            tx.execute("DELETE FROM grant_member WHERE grant_id = ?1", [id])?;
            id
        }
        None => {
            tx.execute(
                "INSERT INTO ownership_grant (kind, share_bp, usage_from, usage_until, income_team_bp, annual_fee_payer, agency_fee_payer, decided_on,
                 resolution_id, publicized_on, publicity_ends_on, change_filed_on, note, publicity_days)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                values,
            )?;
            tx.last_insert_rowid()
        }
    };
    for a in &achievement_ids {
        tx.execute("INSERT OR IGNORE INTO grant_achievement (grant_id, achievement_id) VALUES (?1, ?2)", params![id, a])?;
    }
    for (position, (person, share)) in member_ids.iter().enumerate() {
        tx.execute(
            "INSERT INTO grant_member (grant_id, person_id, position, share_bp) VALUES (?1, ?2, ?3, ?4)",
            params![id, person, position as i64, share],
        )?;
    }
    let after = complete(&tx, Grant { id: Some(id), ..g })?;
    let json = |g: &Grant| version::unversioned(g);
    let action = if before.is_some() { Action::Update } else { Action::Insert };
    Journal::start(&tx, actor)?.record(&tx, action, "grant", &id.to_string(), before.as_ref().map(json).as_ref(), Some(&json(&after)))?;
    tx.commit()?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn usage(from: NaiveDate, until: NaiveDate) -> Grant {
        Grant {
            id: None,
            version: 0,
            kind: GrantKind::UsageRight,
            share_bp: None,
            usage_from: Some(from),
            usage_until: Some(until),
            income_team_bp: 7000,
            annual_fee_payer: Payer::Team,
            agency_fee_payer: Payer::Shared,
            decided_on: day(2025, 5, 1),
            resolution_id: None,
            publicized_on: None,
            publicity_days: None,
            publicity_ends_on: None,
            change_filed_on: None,
            note: None,
            achievements: vec!["CG001".into()],
            members: vec![
                Member { employee_id: "T001".into(), name: String::new(), share_bp: 6000 },
                Member { employee_id: "T002".into(), name: String::new(), share_bp: 4000 },
            ],
        }
    }

    fn columns(g: &Grant) -> Vec<String> {
        g.problems(day(2026, 1, 1)).into_iter().map(|p| p.column).collect()
    }

    #[test]
    fn a_usage_right_runs_at_least_ten_years() {
        assert!(columns(&usage(day(2025, 6, 1), day(2035, 6, 1))).is_empty(), "exactly ten years is enough");
        assert_eq!(columns(&usage(day(2025, 6, 1), day(2035, 5, 31))), vec!["usage_until"], "a day short of ten years");
    }

    #[test]
    fn the_team_shares_sum_to_exactly_100_percent() {
        let mut g = usage(day(2025, 6, 1), day(2035, 6, 1));
        g.members[1].share_bp = 3999;
        assert_eq!(columns(&g), vec!["members"]);
    }

    #[test]
    fn a_share_grant_needs_its_share() {
        let mut g = usage(day(2025, 6, 1), day(2035, 6, 1));
        g.kind = GrantKind::Share;
        g.usage_from = None;
        g.usage_until = None;
        assert_eq!(columns(&g), vec!["share_bp"]);
        g.share_bp = Some(7000);
        assert!(columns(&g).is_empty());
    }
}
