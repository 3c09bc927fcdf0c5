//! 我的成果: the achievements a person is an inventor of, with their status, the next annual fee
//! and the keep/abandon question the office asked (维持/放弃征询). The office asks a patent's
//! inventors; each answers keep, let it lapse, or take it over, and may change the answer until
//! the office decides (the fee decision then records when the inventors were notified,
//! [`crate::fees::docket::decide`]).

use super::person_id;
use crate::error::{Error, Result};
use crate::model::{AchievementKind, AchievementStatus};
use crate::money::Money;
use crate::notification::{notify, notify_people, NotificationKind, To};
use crate::problem::{form_text, Problem, ProblemKind};
use crate::store::audit::{Action, Journal};
use crate::store::{Actor, Store};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

crate::model::vocabulary!(
    /// An inventor's answer to a fee question.
    FeeAnswerKind {
        /// 继续维持: the institution keeps paying.
        Keep = "keep" / "继续维持",
        /// 同意放弃: let the patent lapse.
        Lapse = "lapse" / "同意放弃",
        /// 愿意受让: the inventors take the patent over and pay themselves.
        TakeOver = "take_over" / "愿意受让",
    }
);

/// One inventor's answer.
#[derive(Clone, Debug, Serialize, TS)]
pub struct FeeAnswer {
    /// 姓名.
    pub name: String,
    /// 工号.
    pub employee_id: String,
    /// The answer.
    pub answer: FeeAnswerKind,
    /// 答复日期.
    pub answered_on: NaiveDate,
    /// 说明.
    pub note: Option<String>,
}

/// A keep/abandon question with the answers so far.
#[derive(Clone, Debug, Serialize, TS)]
pub struct FeeQuestion {
    /// Record id.
    #[ts(type = "number")]
    pub id: i64,
    /// 成果编号.
    pub achievement_no: String,
    /// 征询日期.
    pub asked_on: NaiveDate,
    /// 答复期限.
    pub answer_by: NaiveDate,
    /// 征询内容.
    pub question: String,
    /// Whether the office decided since (no more answers).
    pub closed: bool,
    /// The answers, in the inventors' order.
    pub answers: Vec<FeeAnswer>,
}

/// A line of 我的成果.
#[derive(Clone, Debug, Serialize, TS)]
pub struct MyAchievement {
    /// Record id.
    #[ts(type = "number")]
    pub id: i64,
    /// 成果编号.
    pub achievement_no: String,
    /// 成果名称.
    pub title: String,
    /// 成果类型.
    pub kind: AchievementKind,
    /// 法律状态.
    pub status: AchievementStatus,
    /// 申请号.
    pub application_no: Option<String>,
    /// My share in bp.
    #[ts(type = "number")]
    pub share_bp: i64,
    /// The next annual fee's due day and amount (a patent in force).
    pub next_fee_due_on: Option<NaiveDate>,
    /// Its amount after reduction.
    pub next_fee_fen: Option<Money>,
    /// The open keep/abandon question, if the office asked one.
    pub question: Option<FeeQuestion>,
    /// My answer to it.
    pub my_answer: Option<FeeAnswerKind>,
}

/// The achievements I am an inventor of, by number.
pub fn mine(store: &Store, employee_id: &str, today: NaiveDate) -> Result<Vec<MyAchievement>> {
    let conn = store.conn();
    let me = person_id(conn, employee_id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.achievement_no, a.title, a.kind, a.status, a.application_no, i.share_bp
         FROM inventor i JOIN achievement a ON a.id = i.achievement_id WHERE i.person_id = ?1 ORDER BY a.achievement_no",
    )?;
    let rows: Vec<MyAchievement> = stmt
        .query_map([me], |r| {
            Ok(MyAchievement {
                id: r.get(0)?,
                achievement_no: r.get(1)?,
                title: r.get(2)?,
                kind: r.get(3)?,
                status: r.get(4)?,
                application_no: r.get(5)?,
                share_bp: r.get(6)?,
                next_fee_due_on: None,
                next_fee_fen: None,
                question: None,
                my_answer: None,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for mut a in rows {
        if a.kind.is_patent() && a.status == AchievementStatus::InForce {
            let schedule = crate::fees::docket::schedule(store, a.id, today)?;
            if let Some(next) = schedule.next_year.and_then(|y| schedule.years.iter().find(|l| l.patent_year == y)) {
                a.next_fee_due_on = Some(next.due_on);
                a.next_fee_fen = Some(next.amount_fen);
            }
        }
        a.question = open_question(conn, a.id)?;
        if let Some(q) = &a.question {
            a.my_answer = answer_of(conn, q.id, me)?;
        }
        out.push(a);
    }
    Ok(out)
}

/// The open question of an achievement, with its answers.
pub fn open_question(conn: &Connection, achievement_id: i64) -> Result<Option<FeeQuestion>> {
    let id: Option<i64> = conn
        .query_row(
            "SELECT id FROM fee_question WHERE achievement_id = ?1 AND decision_id IS NULL ORDER BY id DESC LIMIT 1",
            [achievement_id],
            |r| r.get(0),
        )
        .optional()?;
    id.map(|id| question(conn, id)).transpose()
}

/// Every question of an achievement, newest first (its fee page).
pub fn questions(conn: &Connection, achievement_id: i64) -> Result<Vec<FeeQuestion>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM fee_question WHERE achievement_id = ?1 ORDER BY id DESC")?;
    let ids: Vec<i64> = stmt.query_map([achievement_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| question(conn, id)).collect()
}

fn question(conn: &Connection, id: i64) -> Result<FeeQuestion> {
    let mut q = conn.query_row(
        "SELECT q.id, a.achievement_no, q.asked_on, q.answer_by, q.question, q.decision_id IS NOT NULL
         FROM fee_question q JOIN achievement a ON a.id = q.achievement_id WHERE q.id = ?1",
        [id],
        |r| {
            Ok(FeeQuestion {
                id: r.get(0)?,
                achievement_no: r.get(1)?,
                asked_on: r.get(2)?,
                answer_by: r.get(3)?,
                question: r.get(4)?,
                closed: r.get(5)?,
                answers: Vec::new(),
            })
        },
    )?;
    let mut stmt = conn.prepare_cached(
        "SELECT p.name, p.employee_id, f.answer, f.answered_on, f.note FROM fee_answer f
         JOIN fee_question q ON q.id = f.question_id JOIN person p ON p.id = f.person_id
         LEFT JOIN inventor i ON i.achievement_id = q.achievement_id AND i.person_id = f.person_id
         WHERE f.question_id = ?1 ORDER BY i.position",
    )?;
    q.answers = stmt
        .query_map([id], |r| {
            Ok(FeeAnswer { name: r.get(0)?, employee_id: r.get(1)?, answer: r.get(2)?, answered_on: r.get(3)?, note: r.get(4)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(q)
}

fn answer_of(conn: &Connection, question_id: i64, person: i64) -> Result<Option<FeeAnswerKind>> {
    Ok(conn
        .query_row("SELECT answer FROM fee_answer WHERE question_id = ?1 AND person_id = ?2", params![question_id, person], |r| r.get(0))
        .optional()?)
}

/// What the office asks.
#[derive(Clone, Debug, Serialize, Deserialize, TS)]
pub struct FeeQuestionInput {
    /// 成果编号 (a granted patent in force).
    pub achievement_no: String,
    /// 征询内容: why the office considers letting it lapse.
    pub question: String,
    /// 答复期限: not before today.
    pub answer_by: NaiveDate,
}

/// Asks a patent's inventors whether to keep it: refused for an achievement that is not a patent
/// in force (`fee_not_applicable`) or one with an open question (`fee_question_open`). Every
/// inventor is notified. Audited; returns the question's id.
pub fn ask(store: &mut Store, actor: &Actor, input: &FeeQuestionInput) -> Result<i64> {
    let today = actor.at.date();
    let tx = store.write()?;
    let found: Option<(i64, AchievementKind, AchievementStatus, String)> = tx
        .query_row("SELECT id, kind, status, title FROM achievement WHERE achievement_no = ?1", [input.achievement_no.trim()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    let Some((id, kind, status, title)) = found else {
        return Err(Error::NotFound { what: "achievement", key: input.achievement_no.clone() });
    };
    if !kind.is_patent() || status != AchievementStatus::InForce {
        return Err(Error::Refused { code: "fee_not_applicable", detail: input.achievement_no.clone() });
    }
    if open_question(&tx, id)?.is_some() {
        return Err(Error::Refused { code: "fee_question_open", detail: input.achievement_no.clone() });
    }
    let mut problems = Vec::new();
    let question = form_text(&mut problems, "question", Some(&input.question), true, 2000);
    if let Err(e) = crate::date::check_range(input.answer_by) {
        problems.push(Problem::field("answer_by", crate::date::iso(input.answer_by), ProblemKind::Date(e)));
    } else if input.answer_by < today {
        problems.push(Problem::field("answer_by", crate::date::iso(input.answer_by), ProblemKind::DateOrder(format!("今天 {today}"))));
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    tx.execute(
        "INSERT INTO fee_question (achievement_id, asked_on, answer_by, question) VALUES (?1, ?2, ?3, ?4)",
        params![id, today, input.answer_by, question],
    )?;
    let qid = tx.last_insert_rowid();
    let after = serde_json::json!({"achievement_no": input.achievement_no.trim(), "answer_by": input.answer_by, "question": question});
    Journal::start(&tx, actor)?.record(&tx, Action::Insert, "fee_question", &qid.to_string(), None, Some(&after))?;
    let mut stmt = tx.prepare_cached("SELECT person_id FROM inventor WHERE achievement_id = ?1 ORDER BY position")?;
    let people: Vec<i64> = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    drop(stmt);
    let subject = format!("请于 {} 前答复：是否继续维持专利 {}「{title}」", input.answer_by, input.achievement_no.trim());
    notify_people(&tx, actor, NotificationKind::FeeQuestion, &people, &subject, "/me/achievements")?;
    tx.commit()?;
    Ok(qid)
}

/// My answer to an open question of an achievement I am an inventor of (not found otherwise;
/// `fee_question_closed` once the office decided). A second answer replaces the first. The
/// office is notified. Audited.
pub fn answer(
    store: &mut Store,
    actor: &Actor,
    employee_id: &str,
    question_id: i64,
    answer: FeeAnswerKind,
    note: Option<&str>,
) -> Result<()> {
    let tx = store.write()?;
    let me = person_id(&tx, employee_id)?;
    let found: Option<(String, String, bool)> = tx
        .query_row(
            "SELECT a.achievement_no, a.title, q.decision_id IS NOT NULL FROM fee_question q JOIN achievement a ON a.id = q.achievement_id
             WHERE q.id = ?1 AND EXISTS (SELECT 1 FROM inventor i WHERE i.achievement_id = q.achievement_id AND i.person_id = ?2)",
            params![question_id, me],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((no, title, closed)) = found else {
        return Err(Error::NotFound { what: "fee question", key: question_id.to_string() });
    };
    if closed {
        return Err(Error::Refused { code: "fee_question_closed", detail: no });
    }
    let mut problems = Vec::new();
    let note = form_text(&mut problems, "note", note, false, 2000);
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let today = actor.at.date();
    let before = answer_of(&tx, question_id, me)?;
    tx.execute(
        "INSERT INTO fee_answer (question_id, person_id, answer, answered_on, note) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (question_id, person_id) DO UPDATE SET answer = excluded.answer, answered_on = excluded.answered_on, note = excluded.note",
        params![question_id, me, answer, today, note],
    )?;
    let after = serde_json::json!({"question": question_id, "person": employee_id, "answer": answer, "note": note});
    let action = if before.is_some() { Action::Update } else { Action::Insert };
    Journal::start(&tx, actor)?.record(&tx, action, "fee_answer", &format!("{question_id}/{employee_id}"), None, Some(&after))?;
    let name: String = tx.query_row("SELECT name FROM person WHERE id = ?1", [me], |r| r.get(0))?;
    let subject = format!("{name} 答复专利 {no}「{title}」的维持征询：{}", answer.zh());
    notify(&tx, actor, NotificationKind::FeeAnswered, To::Role(crate::access::Role::Office), &subject, "/fees")?;
    tx.commit()?;
    Ok(())
}
