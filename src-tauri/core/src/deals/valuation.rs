//! Valuations (评估) of an achievement or of a contract (docs/rules/publicity.md "Valuations"): an
//! appraisal report by an appraiser with at least two methods (收益法, 市场法, 成本法), or an internal
//! assessment; a value or a range; the base date, validity and the filing (备案) if any.

use crate::error::{Error, Result};
use crate::model::{ValuationKind, ValuationMethod};
use crate::money::{AmountError, Money};
use crate::problem::form_text;
use crate::problem::{Problem, ProblemKind};
use crate::store::audit::{Action, Journal};
use crate::store::version;
use crate::store::{Actor, Store};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The fewest methods an appraisal report may use (docs/rules/publicity.md "Valuations").
pub const APPRAISAL_MIN_METHODS: usize = 2;

/// One valuation, as typed and as saved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Valuation {
    /// `None` to create.
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    /// The version the form was loaded at (0 for a new valuation): a save is refused
    /// (`edit_conflict`) once someone else changed the valuation (store::version).
    #[serde(default)]
    #[ts(type = "number")]
    pub version: i64,
    /// The achievement valued (this or a contract, or both).
    #[ts(type = "number | null")]
    pub achievement_id: Option<i64>,
    /// The contract whose subject was valued.
    #[ts(type = "number | null")]
    pub contract_id: Option<i64>,
    /// 评估报告 or 内部评估.
    pub kind: ValuationKind,
    /// 评估机构 (or, internally, who assessed).
    pub appraiser: String,
    /// 报告编号: required for an appraisal.
    pub report_no: Option<String>,
    /// 评估基准日.
    pub base_on: NaiveDate,
    /// 评估方法, each once; an appraisal uses at least two.
    pub methods: Vec<ValuationMethod>,
    /// 评估值 — or a range below.
    pub value_fen: Option<Money>,
    /// 区间下限.
    pub low_fen: Option<Money>,
    /// 区间上限 (not below the lower end).
    pub high_fen: Option<Money>,
    /// 有效期至: not before the base date.
    pub valid_until: Option<NaiveDate>,
    /// 备案编号.
    pub filing_no: Option<String>,
    /// 备案日期: not before the base date; with the filing number.
    pub filed_on: Option<NaiveDate>,
}

const COLUMNS: &str =
    "id, achievement_id, contract_id, kind, appraiser, report_no, base_on, methods, value_fen, low_fen, high_fen, valid_until, filing_no, filed_on,
     version";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Valuation> {
    let methods: String = r.get(7)?;
    Ok(Valuation {
        id: r.get(0)?,
        version: r.get(14)?,
        achievement_id: r.get(1)?,
        contract_id: r.get(2)?,
        kind: r.get(3)?,
        appraiser: r.get(4)?,
        report_no: r.get(5)?,
        base_on: r.get(6)?,
        methods: methods.split(',').filter_map(ValuationMethod::parse).collect(),
        value_fen: r.get(8)?,
        low_fen: r.get(9)?,
        high_fen: r.get(10)?,
        valid_until: r.get(11)?,
        filing_no: r.get(12)?,
        filed_on: r.get(13)?,
    })
}

/// One valuation by id.
pub fn get(conn: &Connection, id: i64) -> Result<Valuation> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM valuation WHERE id = ?1"), params![id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "valuation", key: id.to_string() })
}

/// The valuations of an achievement and/or a contract, newest base date first.
pub fn list_for(conn: &Connection, achievement_id: Option<i64>, contract_id: Option<i64>) -> Result<Vec<Valuation>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM valuation WHERE (?1 IS NOT NULL AND achievement_id = ?1) OR (?2 IS NOT NULL AND contract_id = ?2)
         ORDER BY base_on DESC, id DESC"
    ))?;
    let rows = stmt.query_map(params![achievement_id, contract_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every problem of a valuation by field; the cleaned valuation (methods in the canonical order,
/// texts trimmed) when there is none.
fn checked(conn: &Connection, v: &Valuation) -> Result<std::result::Result<Valuation, Vec<Problem>>> {
    let mut problems = Vec::new();
    let exists = |sql: &str, id: i64| -> Result<bool> { Ok(conn.query_row(sql, params![id], |r| r.get(0))?) };
    match (v.achievement_id, v.contract_id) {
        (None, None) => problems.push(Problem::field("achievement_id", "", ProblemKind::Required)),
        (a, c) => {
            if let Some(a) = a.filter(|a| !exists("SELECT EXISTS (SELECT 1 FROM achievement WHERE id = ?1)", *a).unwrap_or(false)) {
                problems.push(Problem::field("achievement_id", a.to_string(), ProblemKind::UnknownReference("achievement", a.to_string())));
            }
            if let Some(c) = c.filter(|c| !exists("SELECT EXISTS (SELECT 1 FROM contract WHERE id = ?1)", *c).unwrap_or(false)) {
                problems.push(Problem::field("contract_id", c.to_string(), ProblemKind::UnknownReference("contract", c.to_string())));
            }
        }
    }
    let appraiser = form_text(&mut problems, "appraiser", Some(&v.appraiser), true, 200);
    let appraisal = v.kind == ValuationKind::Appraisal;
    let report_no = form_text(&mut problems, "report_no", v.report_no.as_deref(), false, 100);
    if appraisal && report_no.is_none() && problems.iter().all(|p| p.column != "report_no") {
        problems.push(Problem::field("report_no", "", ProblemKind::RequiredFor(ValuationKind::Appraisal.zh().into())));
    }
    let mut methods: Vec<ValuationMethod> = Vec::new();
    for m in &v.methods {
        if methods.contains(m) {
            problems.push(Problem::field("methods", m.zh(), ProblemKind::RepeatedEntry(m.zh().into())));
        } else {
            methods.push(*m);
        }
    }
    methods.sort();
    if methods.is_empty() {
        problems.push(Problem::field("methods", "", ProblemKind::Required));
    } else if appraisal && methods.len() < APPRAISAL_MIN_METHODS {
        let named = methods.iter().map(|m| m.zh()).collect::<Vec<_>>().join("、");
        problems.push(Problem::field("methods", named, ProblemKind::TooFew(APPRAISAL_MIN_METHODS)));
    }
    for (field, amount) in [("value_fen", v.value_fen), ("low_fen", v.low_fen), ("high_fen", v.high_fen)] {
        if let Some(a) = amount.filter(|a| *a < Money::ZERO) {
            problems.push(Problem::field(field, a.plain(), ProblemKind::Amount(AmountError::Negative)));
        }
    }
    match (v.value_fen, v.low_fen, v.high_fen) {
        (Some(_), None, None) => {}
        (Some(value), _, _) => problems.push(Problem::field("value_fen", value.plain(), ProblemKind::NotAllowedFor("区间".into()))),
        (None, None, None) => problems.push(Problem::field("value_fen", "", ProblemKind::Required)),
        (None, None, Some(_)) => problems.push(Problem::field("low_fen", "", ProblemKind::Required)),
        (None, Some(_), None) => problems.push(Problem::field("high_fen", "", ProblemKind::Required)),
        (None, Some(low), Some(high)) if high < low => {
            problems.push(Problem::field("high_fen", high.plain(), ProblemKind::AmountBelow(format!("下限 {}", low.grouped()))))
        }
        (None, Some(_), Some(_)) => {}
    }
    let base = crate::date::iso(v.base_on);
    if let Err(e) = crate::date::check_range(v.base_on) {
        problems.push(Problem::field("base_on", base.clone(), ProblemKind::Date(e)));
    }
    for (field, day) in [("valid_until", v.valid_until), ("filed_on", v.filed_on)] {
        if let Some(d) = day.filter(|d| *d < v.base_on) {
            problems.push(Problem::field(field, crate::date::iso(d), ProblemKind::DateOrder(format!("评估基准日 {base}"))));
        }
    }
    let filing_no = form_text(&mut problems, "filing_no", v.filing_no.as_deref(), false, 100);
    match (&filing_no, v.filed_on) {
        (Some(_), None) => problems.push(Problem::field("filed_on", "", ProblemKind::RequiredFor("备案".into()))),
        (None, Some(d)) if problems.iter().all(|p| p.column != "filing_no") => {
            problems.push(Problem::field("filing_no", crate::date::iso(d), ProblemKind::RequiredFor("备案".into())))
        }
        _ => {}
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    Ok(Ok(Valuation { appraiser: appraiser.unwrap_or_default(), report_no, methods, filing_no, ..v.clone() }))
}

/// Adds (`id` None) or changes a valuation; every problem is reported by field and nothing
/// written otherwise. A change is refused (`edit_conflict`) when the valuation is no longer at
/// the form's version. Audited; returns the id.
pub fn save(store: &mut Store, actor: &Actor, v: &Valuation) -> Result<i64> {
    let tx = store.write()?;
    let before = v.id.map(|id| get(&tx, id)).transpose()?;
    if let Some(b) = &before {
        let json = |v: &Valuation| serde_json::to_value(v).unwrap_or_default();
        version::check(&tx, &version::VALUATION, b.version, v.version, || version::Stale {
            id: b.id.unwrap_or_default(),
            label: format!("{} {}", b.appraiser, b.base_on),
            audit_keys: vec![b.id.unwrap_or_default().to_string()],
            submitted: json(v),
            stored: json(b),
        })?;
    }
    let clean = checked(&tx, v)?.map_err(Error::Invalid)?;
    let methods = clean.methods.iter().map(|m| m.key()).collect::<Vec<_>>().join(",");
    let values = params![
        clean.achievement_id,
        clean.contract_id,
        clean.kind,
        clean.appraiser,
        clean.report_no,
        clean.base_on,
        methods,
        clean.value_fen,
        clean.low_fen,
        clean.high_fen,
        clean.valid_until,
        clean.filing_no,
        clean.filed_on,
    ];
    let id = match v.id {
        Some(id) => {
            tx.execute(
                "UPDATE valuation SET achievement_id = ?1, contract_id = ?2, kind = ?3, appraiser = ?4, report_no = ?5, base_on = ?6,
                 methods = ?7, value_fen = ?8, low_fen = ?9, high_fen = ?10, valid_until = ?11, filing_no = ?12, filed_on = ?13,
                 version = version + 1 WHERE id = ?14",
                rusqlite::params_from_iter(values.iter().copied().chain(std::iter::once(&id as &dyn rusqlite::ToSql))),
            )?;
            id
        }
        None => {
            tx.execute(
                "INSERT INTO valuation (achievement_id, contract_id, kind, appraiser, report_no, base_on, methods, value_fen, low_fen,
                   high_fen, valid_until, filing_no, filed_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                values,
            )?;
            tx.last_insert_rowid()
        }
    };
    let json = |v: &Valuation| version::unversioned(v);
    let after = Valuation { id: Some(id), ..clean };
    let action = if before.is_some() { Action::Update } else { Action::Insert };
    Journal::start(&tx, actor)?.record(
        &tx,
        action,
        "valuation",
        &id.to_string(),
        before.as_ref().map(json).as_ref(),
        Some(&json(&after)),
    )?;
    tx.commit()?;
    Ok(id)
}

/// Removes a valuation. Audited.
pub fn delete(store: &mut Store, actor: &Actor, id: i64) -> Result<()> {
    let tx = store.write()?;
    let before = get(&tx, id)?;
    tx.execute("DELETE FROM valuation WHERE id = ?1", params![id])?;
    let before = version::unversioned(&before);
    Journal::start(&tx, actor)?.record(&tx, Action::Delete, "valuation", &id.to_string(), Some(&before), None)?;
    tx.commit()?;
    Ok(())
}
