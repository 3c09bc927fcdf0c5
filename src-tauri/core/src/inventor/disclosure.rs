//! 我的披露: an inventor writes a disclosure, keeps it as a draft as long as they like (complete or
//! not), and submits it; it then enters the office's intake ([`crate::portfolio::disclosure`])
//! with them as its author, numbered and dated that day. The office may send it back with a note;
//! the author changes it and submits it again. The inventors of a disclosure follow it to the
//! decision and the achievements it became; the assessments show their recommendation, and their
//! scores only once the office publishes them.

use super::person_id;
use crate::error::{Error, Result};
use crate::model::{AchievementKind, DisclosureDecision, DisclosureStatus, FundingSource};
use crate::notification::{notify, NotificationKind, To};
use crate::portfolio::achievement::Inventor;
use crate::portfolio::attachment::{self, Attachment, Kept};
use crate::portfolio::disclosure::{self as intake, AchievementRef, Decision, Disclosure, DisclosureStage};
use crate::portfolio::ledger::InventorLine;
use crate::problem::{form_text, Problem, ProblemKind};
use crate::store::audit::{Action, Journal};
use crate::store::{Actor, Store};
use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use ts_rs::TS;

/// The form an inventor fills in: the office's intake without its number and date, which the
/// submission gives. A draft may leave anything empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DisclosureForm {
    /// The draft's id (`None`: a new draft).
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    /// The version the draft (or the returned disclosure) was loaded at; 0 for a new draft.
    #[serde(default)]
    #[ts(type = "number")]
    pub version: i64,
    /// 成果名称.
    pub title: String,
    /// 所属单位 (学院).
    pub department: String,
    /// 经费来源.
    pub funding_source: Option<FundingSource>,
    /// 财政资助项目: required when the funding is fiscal.
    pub fiscal_project: Option<String>,
    /// 技术内容.
    pub description: String,
    /// 现有技术.
    pub prior_art: Option<String>,
    /// 拟保护方式.
    pub intended_protection: Option<AchievementKind>,
    /// 需要保密.
    pub confidential: bool,
    /// 完成人 with shares (the author among them), summing to exactly 10000 on submission.
    pub inventors: Vec<Inventor>,
}

/// Where one of my disclosures stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MyStage {
    /// Mine alone, not submitted.
    Draft,
    /// With the office.
    Submitted,
    /// Sent back to me with a note.
    Returned,
}

/// A line of 我的披露.
#[derive(Clone, Debug, Serialize, TS)]
pub struct MyDisclosure {
    /// The draft's id (drafts only).
    #[ts(type = "number | null")]
    pub draft_id: Option<i64>,
    /// The disclosure's id (once submitted).
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    /// 披露编号 (once submitted).
    pub disclosure_no: Option<String>,
    /// 名称.
    pub title: String,
    /// Draft, with the office, or sent back.
    pub stage: MyStage,
    /// The office's status of a submitted one.
    pub status: Option<DisclosureStatus>,
    /// 处理决定.
    pub decision: Option<DisclosureDecision>,
    /// The office's note when it sent it back.
    pub returned_note: Option<String>,
    /// Saved (a draft) or received (a disclosure) on.
    pub on: NaiveDate,
    /// Whether I wrote it (else I am a co-inventor).
    pub authored: bool,
}

/// An assessment as the inventors see it.
#[derive(Clone, Debug, Serialize, TS)]
pub struct AssessmentOutcome {
    /// 评估日期.
    pub assessed_on: NaiveDate,
    /// 评估建议.
    pub recommendation: DisclosureDecision,
    /// The weighted score in tenths, once the office publishes the scores.
    #[ts(type = "number | null")]
    pub weighted_score_x10: Option<i64>,
}

/// One of my disclosures, whole.
#[derive(Clone, Debug, Serialize, TS)]
pub struct MyDisclosureDetail {
    /// The intake as submitted.
    pub disclosure: Disclosure,
    /// Its inventors with names.
    pub inventors: Vec<InventorLine>,
    /// With the office or sent back.
    pub stage: DisclosureStage,
    /// The office's status.
    pub status: DisclosureStatus,
    /// The office's note when it sent it back.
    pub returned_note: Option<String>,
    /// The decision, once taken.
    pub decision: Option<Decision>,
    /// The assessments' outcomes.
    pub assessments: Vec<AssessmentOutcome>,
    /// The achievements it became.
    pub achievements: Vec<AchievementRef>,
    /// Its files.
    pub files: Vec<Attachment>,
    /// Whether I wrote it (only the author changes and resubmits it).
    pub authored: bool,
}

/// The disclosures I wrote or am an inventor of, and my drafts, newest first.
pub fn mine(conn: &Connection, employee_id: &str, today: NaiveDate) -> Result<Vec<MyDisclosure>> {
    let me = person_id(conn, employee_id)?;
    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached("SELECT id, form, saved_at FROM disclosure_draft WHERE author_id = ?1 ORDER BY id DESC")?;
    let drafts = stmt.query_map([me], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    for draft in drafts {
        let (id, form, saved_at) = draft?;
        let form: DisclosureForm = serde_json::from_str(&form).unwrap_or_default();
        out.push(MyDisclosure {
            draft_id: Some(id),
            id: None,
            disclosure_no: None,
            title: form.title,
            stage: MyStage::Draft,
            status: None,
            decision: None,
            returned_note: None,
            on: saved_at.get(..10).and_then(|d| d.parse().ok()).unwrap_or(today),
            authored: true,
        });
    }
    let mut stmt = conn.prepare_cached(
        "SELECT d.id FROM disclosure d WHERE d.author_id = ?1
            OR d.id IN (SELECT disclosure_id FROM disclosure_inventor WHERE person_id = ?1)
         ORDER BY d.received_on DESC, d.id DESC",
    )?;
    let ids: Vec<i64> = stmt.query_map([me], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    for id in ids {
        let detail = intake::get(conn, id, today)?;
        let authored: bool = conn.query_row("SELECT author_id IS ?2 FROM disclosure WHERE id = ?1", params![id, me], |r| r.get(0))?;
        out.push(MyDisclosure {
            draft_id: None,
            id: Some(id),
            disclosure_no: Some(detail.disclosure.disclosure_no),
            title: detail.disclosure.title,
            stage: match detail.stage {
                DisclosureStage::Submitted => MyStage::Submitted,
                DisclosureStage::Returned => MyStage::Returned,
            },
            status: Some(detail.status),
            decision: detail.decision.map(|d| d.decision),
            returned_note: detail.returned_note,
            on: detail.disclosure.received_on,
            authored,
        });
    }
    Ok(out)
}

/// One of my drafts (not found when it is someone else's).
pub fn draft(conn: &Connection, employee_id: &str, id: i64) -> Result<DisclosureForm> {
    let me = person_id(conn, employee_id)?;
    let (form, version): (String, i64) = conn
        .query_row("SELECT form, version FROM disclosure_draft WHERE id = ?1 AND author_id = ?2", params![id, me], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
        .ok_or_else(|| not_found(id))?;
    let form: DisclosureForm = serde_json::from_str(&form).map_err(|e| Error::Corrupt(format!("disclosure draft {id}: {e}")))?;
    Ok(DisclosureForm { id: Some(id), version, ..form })
}

/// One of the disclosures I wrote or am an inventor of (not found otherwise).
pub fn detail(conn: &Connection, employee_id: &str, id: i64, today: NaiveDate) -> Result<MyDisclosureDetail> {
    let me = person_id(conn, employee_id)?;
    let (mine, authored): (bool, bool) = conn
        .query_row(
            "SELECT author_id IS ?2 OR EXISTS (SELECT 1 FROM disclosure_inventor WHERE disclosure_id = ?1 AND person_id = ?2), author_id IS ?2
             FROM disclosure WHERE id = ?1",
            params![id, me],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((false, false));
    if !mine {
        return Err(Error::NotFound { what: "disclosure", key: id.to_string() });
    }
    let d = intake::get(conn, id, today)?;
    let assessments = d
        .assessments
        .iter()
        .map(|a| AssessmentOutcome {
            assessed_on: a.assessed_on,
            recommendation: a.recommendation,
            weighted_score_x10: d.scores_published.then_some(a.weighted_score_x10),
        })
        .collect();
    Ok(MyDisclosureDetail {
        disclosure: d.disclosure,
        inventors: d.inventors,
        stage: d.stage,
        status: d.status,
        returned_note: d.returned_note,
        decision: d.decision,
        assessments,
        achievements: d.achievements,
        files: attachment::list(conn, "disclosure", id)?,
        authored,
    })
}

/// Saves my draft as typed (new when `id` is none); only lengths are checked, so that a draft can
/// be left half done. Refused once someone (me, in another window) saved it meanwhile
/// (`draft_changed`). Returns its id.
pub fn save_draft(store: &mut Store, actor: &Actor, employee_id: &str, form: &DisclosureForm) -> Result<i64> {
    let tx = store.write()?;
    let me = person_id(&tx, employee_id)?;
    let mut problems = Vec::new();
    form_text(&mut problems, "title", Some(&form.title), false, 500);
    form_text(&mut problems, "department", Some(&form.department), false, 100);
    form_text(&mut problems, "fiscal_project", form.fiscal_project.as_deref(), false, 100);
    form_text(&mut problems, "description", Some(&form.description), false, 20_000);
    form_text(&mut problems, "prior_art", form.prior_art.as_deref(), false, 20_000);
    if form.inventors.len() > 50 {
        problems.push(Problem::field("inventors", form.inventors.len().to_string(), ProblemKind::Integer(1, 50)));
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let json =
        serde_json::to_string(&DisclosureForm { id: None, version: 0, ..form.clone() }).map_err(|e| Error::Corrupt(e.to_string()))?;
    let at = actor.at.format("%Y-%m-%d %H:%M:%S").to_string();
    let id = match form.id {
        Some(id) => {
            let version: i64 = tx
                .query_row("SELECT version FROM disclosure_draft WHERE id = ?1 AND author_id = ?2", params![id, me], |r| r.get(0))
                .optional()?
                .ok_or_else(|| not_found(id))?;
            if version != form.version {
                return Err(Error::Refused { code: "draft_changed", detail: form.title.clone() });
            }
            tx.execute("UPDATE disclosure_draft SET form = ?1, saved_at = ?2, version = version + 1 WHERE id = ?3", params![json, at, id])?;
            id
        }
        None => {
            tx.execute("INSERT INTO disclosure_draft (author_id, saved_at, form) VALUES (?1, ?2, ?3)", params![me, at, json])?;
            tx.last_insert_rowid()
        }
    };
    let action = if form.id.is_some() { Action::Update } else { Action::Insert };
    let after = serde_json::json!({"author": employee_id, "title": form.title});
    Journal::start(&tx, actor)?.record(&tx, action, "disclosure_draft", &id.to_string(), None, Some(&after))?;
    tx.commit()?;
    Ok(id)
}

/// Deletes my draft.
pub fn delete_draft(store: &mut Store, actor: &Actor, employee_id: &str, id: i64) -> Result<()> {
    let tx = store.write()?;
    let me = person_id(&tx, employee_id)?;
    if tx.execute("DELETE FROM disclosure_draft WHERE id = ?1 AND author_id = ?2", params![id, me])? == 0 {
        return Err(not_found(id));
    }
    Journal::start(&tx, actor)?.record(&tx, Action::Delete, "disclosure_draft", &id.to_string(), None, None)?;
    tx.commit()?;
    Ok(())
}

/// Submits my form (a saved draft, or one typed and never saved) with its files: every field is
/// checked as the office's intake checks it, and the author must be among the inventors; with
/// any problem nothing is written. It becomes a disclosure numbered and received today, the
/// draft goes, and the office and the department's secretaries are notified. Returns its id.
pub fn submit(store: &mut Store, actor: &Actor, employee_id: &str, form: &DisclosureForm, files: &[PathBuf]) -> Result<i64> {
    let kept = read_files(store, files)?;
    let today = actor.at.date();
    let tx = store.write()?;
    let me = person_id(&tx, employee_id)?;
    if let Some(id) = form.id {
        let version: i64 = tx
            .query_row("SELECT version FROM disclosure_draft WHERE id = ?1 AND author_id = ?2", params![id, me], |r| r.get(0))
            .optional()?
            .ok_or_else(|| not_found(id))?;
        if version != form.version {
            return Err(Error::Refused { code: "draft_changed", detail: form.title.clone() });
        }
    }
    let slot = Slot { id: None, version: 0, disclosure_no: intake::next_number(&tx, today.year())?, received_on: today };
    let disclosure = complete(&tx, today, form, employee_id, slot)?;
    let id = intake::save_in(&tx, actor, &disclosure)?;
    tx.execute("UPDATE disclosure SET author_id = ?1 WHERE id = ?2", params![me, id])?;
    if let Some(draft) = form.id {
        tx.execute("DELETE FROM disclosure_draft WHERE id = ?1", [draft])?;
        Journal::start(&tx, actor)?.record(&tx, Action::Delete, "disclosure_draft", &draft.to_string(), None, None)?;
    }
    for k in &kept {
        attachment::insert(&tx, actor, "disclosure", id, k)?;
    }
    tell_office(&tx, actor, id, &disclosure, "提交了")?;
    tx.commit()?;
    Ok(id)
}

/// Submits again a disclosure the office sent back to me, changed as `form` says (as loaded at
/// `form.version`), with more files. Checked like a submission; refused unless I wrote it and it
/// is sent back (`disclosure_not_returned`).
pub fn resubmit(store: &mut Store, actor: &Actor, employee_id: &str, id: i64, form: &DisclosureForm, files: &[PathBuf]) -> Result<()> {
    let kept = read_files(store, files)?;
    let tx = store.write()?;
    let me = person_id(&tx, employee_id)?;
    let row: Option<(Option<i64>, DisclosureStage, String, NaiveDate)> = tx
        .query_row("SELECT author_id, stage, disclosure_no, received_on FROM disclosure WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    let (no, received_on) = match row {
        Some((Some(author), stage, no, on)) if author == me => match stage {
            DisclosureStage::Returned => (no, on),
            DisclosureStage::Submitted => return Err(Error::Refused { code: "disclosure_not_returned", detail: no }),
        },
        _ => return Err(Error::NotFound { what: "disclosure", key: id.to_string() }),
    };
    let slot = Slot { id: Some(id), version: form.version, disclosure_no: no, received_on };
    let disclosure = complete(&tx, actor.at.date(), form, employee_id, slot)?;
    intake::save_in(&tx, actor, &disclosure)?;
    tx.execute("UPDATE disclosure SET stage = 'submitted', returned_note = NULL WHERE id = ?1", [id])?;
    for k in &kept {
        attachment::insert(&tx, actor, "disclosure", id, k)?;
    }
    tell_office(&tx, actor, id, &disclosure, "重新提交了")?;
    tx.commit()?;
    Ok(())
}

/// Where a submission goes in the intake: the disclosure's id (none: a new one), the version
/// it was loaded at, its number and receipt day.
struct Slot {
    id: Option<i64>,
    version: i64,
    disclosure_no: String,
    received_on: NaiveDate,
}

/// The intake a form becomes, or every problem of it.
fn complete(conn: &Connection, today: NaiveDate, form: &DisclosureForm, employee_id: &str, slot: Slot) -> Result<Disclosure> {
    let mut problems = Vec::new();
    if form.funding_source.is_none() {
        problems.push(Problem::field("funding_source", "", ProblemKind::Required));
    }
    if form.intended_protection.is_none() {
        problems.push(Problem::field("intended_protection", "", ProblemKind::Required));
    }
    if !form.inventors.is_empty() && !form.inventors.iter().any(|i| i.employee_id.trim() == employee_id) {
        problems.push(Problem::field("inventors", employee_id, ProblemKind::RequiredFor("提交人本人".into())));
    }
    let disclosure = Disclosure {
        id: slot.id,
        version: slot.version,
        disclosure_no: slot.disclosure_no,
        title: form.title.clone(),
        department: form.department.clone(),
        funding_source: form.funding_source.unwrap_or(FundingSource::Other),
        fiscal_project: form.fiscal_project.clone(),
        description: form.description.clone(),
        prior_art: form.prior_art.clone(),
        intended_protection: form.intended_protection.unwrap_or(AchievementKind::Other),
        confidential: form.confidential,
        received_on: slot.received_on,
        inventors: form.inventors.clone(),
    };
    // The intake's own checks too, so that every problem is named at once (not those of a
    // field left empty and filled in above only to run them).
    if let Err(more) = intake::checked(conn, &disclosure, today)? {
        let defaulted =
            |p: &Problem| problems.iter().any(|q| q.column == p.column) || (p.column == "fiscal_project" && form.funding_source.is_none());
        let more: Vec<Problem> = more.into_iter().filter(|p| !defaulted(p)).collect();
        problems.extend(more);
    }
    if problems.is_empty() {
        Ok(disclosure)
    } else {
        Err(Error::Invalid(problems))
    }
}

/// Reads the files to attach before the transaction (each bounded like any attachment).
fn read_files(store: &Store, files: &[PathBuf]) -> Result<Vec<Kept>> {
    if files.len() > 20 {
        return Err(Error::Invalid(vec![Problem::field("files", files.len().to_string(), ProblemKind::Integer(0, 20))]));
    }
    files.iter().map(|f| attachment::read(store, f)).collect()
}

/// Tells the office and the department's secretaries of a submission.
fn tell_office(conn: &Connection, actor: &Actor, id: i64, d: &Disclosure, verb: &str) -> Result<()> {
    let (author, department): (String, i64) = conn.query_row(
        "SELECT p.name, d.department_id FROM disclosure d JOIN person p ON p.id = d.author_id WHERE d.id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let subject = format!("{author} {verb}披露 {}「{}」", d.disclosure_no, d.title);
    let link = format!("/disclosures/{id}");
    notify(conn, actor, NotificationKind::DisclosureSubmitted, To::Role(crate::access::Role::Office), &subject, &link)?;
    notify(conn, actor, NotificationKind::DisclosureSubmitted, To::Secretaries(department), &subject, &link)
}

fn not_found(id: i64) -> Error {
    Error::NotFound { what: "disclosure draft", key: id.to_string() }
}

/// The stored file of attachment `id` of a disclosure I wrote or am an inventor of (not found
/// otherwise), with its name.
pub fn file_path(store: &Store, employee_id: &str, id: i64) -> Result<(PathBuf, String)> {
    let conn = store.conn();
    let me = person_id(conn, employee_id)?;
    let mine: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM attachment a JOIN disclosure d ON d.id = a.entity_id
          WHERE a.id = ?1 AND a.entity = 'disclosure'
            AND (d.author_id = ?2 OR EXISTS (SELECT 1 FROM disclosure_inventor i WHERE i.disclosure_id = d.id AND i.person_id = ?2)))",
        params![id, me],
        |r| r.get(0),
    )?;
    if !mine {
        return Err(Error::NotFound { what: "attachment", key: id.to_string() });
    }
    let found = attachment::get(conn, id)?;
    Ok((attachment::path(store, id)?, found.name))
}
