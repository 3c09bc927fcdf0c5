//! The pre-filing assessment (申请前评估) of a disclosure: a scoring sheet of weighted criteria
//! (configured in Settings, weights summing to 100%), each assessment scoring every criterion
//! 0–100 and recommending what to do. A score row copies its criterion's name and weight, so a
//! later change of the sheet never rewrites a past assessment.

use crate::error::{Error, Result};
use crate::model::DisclosureDecision;
use crate::money::round_half_up;
use crate::problem::form_text;
use crate::problem::{Problem, ProblemKind};
use crate::share::FULL_BP;
use crate::store::audit::{Action, Journal};
use crate::store::version;
use crate::store::{Actor, Store};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The highest score of a criterion.
pub const MAX_SCORE: i64 = 100;

/// A criterion of the scoring sheet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Criterion {
    /// 指标名称, unique.
    pub name: String,
    /// 权重 in bp; the sheet's weights sum to 10000.
    #[ts(type = "number")]
    pub weight_bp: i64,
}

/// The scoring sheet as its settings tab edits it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CriteriaSheet {
    /// The criteria in order.
    pub criteria: Vec<Criterion>,
    /// The sheet's version (0 until first saved in Settings), which a save sends back: it is
    /// refused (`edit_conflict`) once someone else changed the sheet (store::version).
    #[ts(type = "number")]
    pub version: i64,
}

/// The [`crate::store::version`] list of the sheet.
const SHEET: &str = "assessment_criteria";

/// One criterion's score in an assessment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Score {
    /// The criterion's name (as it was when scored).
    pub criterion: String,
    /// Its weight then, bp.
    #[ts(type = "number")]
    pub weight_bp: i64,
    /// 0–100.
    #[ts(type = "number")]
    pub score: i64,
}

/// A new assessment as typed: one score per criterion of the current sheet, by name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AssessmentInput {
    /// The disclosure assessed.
    #[ts(type = "number")]
    pub disclosure_id: i64,
    /// 评估日期: not before the receipt, not after today.
    pub assessed_on: NaiveDate,
    /// 评估人 (a person or a panel).
    pub reviewer: String,
    /// Scores by criterion name; the weights come from the sheet.
    pub scores: Vec<CriterionScore>,
    /// 评估建议.
    pub recommendation: DisclosureDecision,
    /// 评估意见.
    pub note: Option<String>,
}

/// A score typed for a criterion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CriterionScore {
    /// The criterion's name.
    pub criterion: String,
    /// 0–100.
    #[ts(type = "number")]
    pub score: i64,
}

/// A saved assessment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Assessment {
    /// Record id.
    #[ts(type = "number")]
    pub id: i64,
    /// 评估日期.
    pub assessed_on: NaiveDate,
    /// 评估人.
    pub reviewer: String,
    /// The scores with the weights they had.
    pub scores: Vec<Score>,
    /// Σ weight × score / Σ weight, in tenths (`803` = 80.3), rounded half up once.
    #[ts(type = "number")]
    pub weighted_score_x10: i64,
    /// 评估建议.
    pub recommendation: DisclosureDecision,
    /// 评估意见.
    pub note: Option<String>,
}

/// The weighted score in tenths of a point: Σ wᵢ·sᵢ / Σ wᵢ (the sheet's weights sum to 10000,
/// so this is Σ wᵢ·sᵢ / 10000), computed in integers and rounded half up once, at the tenth
/// shown. 0 for no scores.
pub fn weighted_score_x10(scores: &[Score]) -> i64 {
    let weights: i128 = scores.iter().map(|s| i128::from(s.weight_bp)).sum();
    if weights <= 0 {
        return 0;
    }
    let points: i128 = scores.iter().map(|s| i128::from(s.weight_bp) * i128::from(s.score)).sum();
    i64::try_from(round_half_up(points * 10, weights)).unwrap_or(0)
}

/// The scoring sheet, in order.
pub fn criteria(conn: &Connection) -> Result<Vec<Criterion>> {
    let mut stmt = conn.prepare_cached("SELECT name, weight_bp FROM assessment_criterion ORDER BY position")?;
    let rows = stmt.query_map([], |r| Ok(Criterion { name: r.get(0)?, weight_bp: r.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The scoring sheet with its version.
pub fn sheet(conn: &Connection) -> Result<CriteriaSheet> {
    Ok(CriteriaSheet { criteria: criteria(conn)?, version: version::of_list(conn, SHEET)? })
}

/// Replaces the scoring sheet, as it was at `version` (refused with `edit_conflict` once someone
/// else changed it): at least one criterion, names unique, each weight above 0, the weights
/// summing to exactly 100% (problems on `criteria[i]` and `criteria`). Past assessments keep
/// their own copies. Audited.
pub fn save_criteria(store: &mut Store, actor: &Actor, sheet: &[Criterion], version: i64) -> Result<()> {
    let tx = store.write()?;
    let before = criteria(&tx)?;
    let json = |s: &[Criterion]| serde_json::json!({ "criteria": s });
    version::check(&tx, &version::CRITERIA, version::of_list(&tx, SHEET)?, version, || version::Stale {
        id: 0,
        label: String::new(),
        audit_keys: vec!["sheet".into()],
        submitted: json(sheet),
        stored: json(&before),
    })?;
    let mut problems = Vec::new();
    let mut names = std::collections::HashSet::new();
    let mut clean = Vec::with_capacity(sheet.len());
    for (i, c) in sheet.iter().enumerate() {
        let field = format!("criteria[{i}]");
        let name = form_text(&mut problems, &field, Some(&c.name), true, 100);
        if let Some(name) = &name {
            if !names.insert(name.clone()) {
                problems.push(Problem::field(&field, name.clone(), ProblemKind::RepeatedEntry(name.clone())));
            }
        }
        if !(1..=FULL_BP).contains(&c.weight_bp) {
            problems.push(Problem::field(&field, c.weight_bp.to_string(), ProblemKind::Percent(crate::share::ShareError::OutOfRange)));
        }
        clean.push(Criterion { name: name.unwrap_or_default(), weight_bp: c.weight_bp });
    }
    let sum: i64 = sheet.iter().map(|c| c.weight_bp).sum();
    if sheet.is_empty() {
        problems.push(Problem::field("criteria", "", ProblemKind::Required));
    } else if sum != FULL_BP {
        problems.push(Problem::field("criteria", crate::share::format_percent(sum), ProblemKind::PartsSum(sum)));
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    tx.execute("DELETE FROM assessment_criterion", [])?;
    for (i, c) in clean.iter().enumerate() {
        tx.execute(
            "INSERT INTO assessment_criterion (name, weight_bp, position) VALUES (?1, ?2, ?3)",
            params![c.name, c.weight_bp, i as i64],
        )?;
    }
    version::bump_list(&tx, SHEET)?;
    let json = |s: &[Criterion]| serde_json::to_value(s).unwrap_or_default();
    Journal::start(&tx, actor)?.record(&tx, Action::Update, "assessment_criterion", "sheet", Some(&json(&before)), Some(&json(&clean)))?;
    tx.commit()?;
    Ok(())
}

/// A disclosure's number, receipt date and whether it is decided.
fn disclosure_state(conn: &Connection, id: i64) -> Result<(String, NaiveDate, bool)> {
    conn.query_row("SELECT disclosure_no, received_on, decision IS NOT NULL FROM disclosure WHERE id = ?1", params![id], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })
    .optional()?
    .ok_or_else(|| Error::NotFound { what: "disclosure", key: id.to_string() })
}

/// Adds an assessment to an undecided disclosure (`disclosure_decided` otherwise), scored on the
/// current sheet: every criterion needs a score 0–100 (`scores[i]`). Audited; returns the id.
pub fn add(store: &mut Store, actor: &Actor, input: &AssessmentInput) -> Result<i64> {
    let today = actor.at.date();
    let tx = store.write()?;
    let (no, received_on, decided) = disclosure_state(&tx, input.disclosure_id)?;
    if decided {
        return Err(Error::Refused { code: "disclosure_decided", detail: no });
    }
    let mut problems = Vec::new();
    let on = crate::date::iso(input.assessed_on);
    if let Err(e) = crate::date::check_range(input.assessed_on) {
        problems.push(Problem::field("assessed_on", on, ProblemKind::Date(e)));
    } else if input.assessed_on < received_on {
        problems.push(Problem::field("assessed_on", on, ProblemKind::DateOrder(format!("受理日期 {received_on}"))));
    } else if input.assessed_on > today {
        problems.push(Problem::field("assessed_on", on, ProblemKind::InFuture));
    }
    let reviewer = form_text(&mut problems, "reviewer", Some(&input.reviewer), true, 100);
    let note = form_text(&mut problems, "note", input.note.as_deref(), false, 2000);
    let sheet = criteria(&tx)?;
    let mut scores = Vec::with_capacity(sheet.len());
    for (i, c) in sheet.iter().enumerate() {
        let field = format!("scores[{i}]");
        match input.scores.iter().find(|s| s.criterion.trim() == c.name) {
            None => problems.push(Problem::field(&field, "", ProblemKind::Required)),
            Some(s) if !(0..=MAX_SCORE).contains(&s.score) => {
                problems.push(Problem::field(&field, s.score.to_string(), ProblemKind::Integer(0, MAX_SCORE)))
            }
            Some(s) => scores.push(Score { criterion: c.name.clone(), weight_bp: c.weight_bp, score: s.score }),
        }
    }
    let choices = || sheet.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(" / ");
    for s in input.scores.iter().filter(|s| !sheet.iter().any(|c| c.name == s.criterion.trim())) {
        problems.push(Problem::field("scores", s.criterion.clone(), ProblemKind::Choice(choices())));
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let reviewer = reviewer.unwrap_or_default();
    tx.execute(
        "INSERT INTO assessment (disclosure_id, assessed_on, reviewer, recommendation, note) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![input.disclosure_id, input.assessed_on, reviewer, input.recommendation, note],
    )?;
    let id = tx.last_insert_rowid();
    for (i, s) in scores.iter().enumerate() {
        tx.execute(
            "INSERT INTO assessment_score (assessment_id, position, criterion, weight_bp, score) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, i as i64, s.criterion, s.weight_bp, s.score],
        )?;
    }
    let saved = Assessment {
        id,
        assessed_on: input.assessed_on,
        reviewer,
        weighted_score_x10: weighted_score_x10(&scores),
        scores,
        recommendation: input.recommendation,
        note,
    };
    let after = serde_json::to_value(&saved).unwrap_or_default();
    Journal::start(&tx, actor)?.record(&tx, Action::Insert, "assessment", &format!("{no}#{id}"), None, Some(&after))?;
    tx.commit()?;
    Ok(id)
}

/// Removes an assessment of an undecided disclosure (`disclosure_decided` otherwise). Audited.
pub fn delete(store: &mut Store, actor: &Actor, id: i64) -> Result<()> {
    let tx = store.write()?;
    let disclosure_id: i64 = tx
        .query_row("SELECT disclosure_id FROM assessment WHERE id = ?1", params![id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "assessment", key: id.to_string() })?;
    let (no, _, decided) = disclosure_state(&tx, disclosure_id)?;
    if decided {
        return Err(Error::Refused { code: "disclosure_decided", detail: no });
    }
    let before = list_for(&tx, disclosure_id)?.into_iter().find(|a| a.id == id);
    tx.execute("DELETE FROM assessment WHERE id = ?1", params![id])?;
    let before = before.map(|b| serde_json::to_value(b).unwrap_or_default());
    Journal::start(&tx, actor)?.record(&tx, Action::Delete, "assessment", &format!("{no}#{id}"), before.as_ref(), None)?;
    tx.commit()?;
    Ok(())
}

/// A disclosure's assessments, oldest first, with their weighted scores.
pub fn list_for(conn: &Connection, disclosure_id: i64) -> Result<Vec<Assessment>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, assessed_on, reviewer, recommendation, note FROM assessment WHERE disclosure_id = ?1 ORDER BY assessed_on, id",
    )?;
    let mut list = stmt
        .query_map(params![disclosure_id], |r| {
            Ok(Assessment {
                id: r.get(0)?,
                assessed_on: r.get(1)?,
                reviewer: r.get(2)?,
                scores: Vec::new(),
                weighted_score_x10: 0,
                recommendation: r.get(3)?,
                note: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt =
        conn.prepare_cached("SELECT criterion, weight_bp, score FROM assessment_score WHERE assessment_id = ?1 ORDER BY position")?;
    for a in &mut list {
        a.scores = stmt
            .query_map(params![a.id], |r| Ok(Score { criterion: r.get(0)?, weight_bp: r.get(1)?, score: r.get(2)? }))?
            .collect::<rusqlite::Result<_>>()?;
        a.weighted_score_x10 = weighted_score_x10(&a.scores);
    }
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn sheet(pairs: &[(i64, i64)]) -> Vec<Score> {
        pairs.iter().map(|&(weight_bp, score)| Score { criterion: format!("c{weight_bp}"), weight_bp, score }).collect()
    }

    #[rstest]
    // The shipped sheet 30/30/20/20 with 80, 90, 70, 60: 24 + 27 + 14 + 12 = 77.0.
    #[case(&[(3000, 80), (3000, 90), (2000, 70), (2000, 60)], 770)]
    // 85, 78, 91, 66: 25.5 + 23.4 + 18.2 + 13.2 = 80.3.
    #[case(&[(3000, 85), (3000, 78), (2000, 91), (2000, 66)], 803)]
    // Four equal weights, 80, 80, 80, 81 → 80.25: the half goes up → 80.3.
    #[case(&[(2500, 80), (2500, 80), (2500, 80), (2500, 81)], 803)]
    // Thirds: 33.33% × 80 + 33.33% × 81 + 33.34% × 83 = 81.3335 → 81.3.
    #[case(&[(3333, 80), (3333, 81), (3334, 83)], 813)]
    // All zero, all full marks.
    #[case(&[(5000, 0), (5000, 0)], 0)]
    #[case(&[(6000, 100), (4000, 100)], 1000)]
    fn weighted_scores_by_hand(#[case] pairs: &[(i64, i64)], #[case] tenths: i64) {
        assert_eq!(weighted_score_x10(&sheet(pairs)), tenths);
    }

    #[test]
    fn no_scores_weigh_nothing() {
        assert_eq!(weighted_score_x10(&[]), 0, "an empty sheet must not divide by zero");
    }
}
