//! Registering one achievement by hand (成果登记): the form that creates or edits an achievement
//! with its inventors, co-owners and flags, prefilled from a decided disclosure or empty. Its
//! fields go through the import's own rules ([`crate::template::row::read_form`] with
//! [`Achievement`]'s row), so a form and a file accept and refuse exactly the same values.
//!
//! Editing shares never changes money already decided: a distribution stores its own lines
//! (person, weight, amount) when it is saved, and triggers freeze them from approval on
//! (migration 0002). A draft keeps the shares it was computed with; discard and recreate it to
//! follow an edit.

use crate::error::{Error, Result};
use crate::model::{AchievementKind, AchievementStatus, DisclosureDecision};
use crate::portfolio::achievement::{format_inventors, Achievement, Inventor};
use crate::portfolio::disclosure;
use crate::problem::{Problem, ProblemKind};
use crate::store::audit::{Action, Journal};
use crate::store::version;
use crate::store::{Actor, Store};
use crate::template::row::Record;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An owner besides the institution (共有人).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CoOwner {
    /// The organization's id.
    #[ts(type = "number")]
    pub organization_id: i64,
    /// 单位名称: filled when read, ignored when saved.
    #[serde(default)]
    pub name: String,
    /// Its 费减备案 is accepted (decides the annual-fee reduction of a co-owned patent).
    pub fee_reduction: bool,
}

/// The achievement form: everything a person registers about one achievement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AchievementForm {
    /// `None` to create.
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    /// The version the form was loaded at (0 for a new achievement): a save is refused
    /// (`edit_conflict`) once someone else changed the achievement (store::version).
    #[serde(default)]
    #[ts(type = "number")]
    pub version: i64,
    /// 成果编号, unique.
    pub achievement_no: String,
    /// 成果名称.
    pub title: String,
    /// 成果类型.
    pub kind: AchievementKind,
    /// 申请号: required with a valid check digit for patents.
    pub application_no: Option<String>,
    /// 申请日: required for patents.
    pub filed_on: Option<NaiveDate>,
    /// 授权号 or registration number.
    pub grant_no: Option<String>,
    /// 授权日.
    pub granted_on: Option<NaiveDate>,
    /// 法律状态.
    pub status: AchievementStatus,
    /// 所属单位: an existing name, or a new one (created).
    pub department: String,
    /// 财政资助项目 number.
    pub fiscal_project: Option<String>,
    /// 年费已缴至 (patents only).
    #[ts(type = "number | null")]
    pub fees_paid_through: Option<i64>,
    /// 完成人 in order; shares sum to exactly 10000.
    pub inventors: Vec<Inventor>,
    /// 共有人.
    pub co_owners: Vec<CoOwner>,
    /// 开放许可 declared.
    pub open_license: bool,
    /// 单列管理.
    pub separate_management: bool,
    /// The disclosure it comes from: on create, links the new achievement to it (the disclosure
    /// must be decided and not dropped); on edit, ignored (the link stays as it is).
    #[ts(type = "number | null")]
    pub disclosure_id: Option<i64>,
}

/// A disclosure an achievement came from, for a link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct DisclosureRef {
    /// Record id.
    #[ts(type = "number")]
    pub id: i64,
    /// 披露编号.
    pub disclosure_no: String,
    /// 名称.
    pub title: String,
}

/// What the achievement page shows beyond the portfolio's fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct AchievementExtras {
    /// 共有人.
    pub co_owners: Vec<CoOwner>,
    /// 开放许可.
    pub open_license: bool,
    /// 单列管理.
    pub separate_management: bool,
    /// The disclosure it came from.
    pub disclosure: Option<DisclosureRef>,
}

/// The form of an existing achievement, as saved.
pub fn load(conn: &Connection, id: i64) -> Result<AchievementForm> {
    let mut form = conn
        .query_row(
            "SELECT a.achievement_no, a.title, a.kind, a.application_no, a.filed_on, a.grant_no, a.granted_on, a.status, d.name,
                    a.fiscal_project, a.fees_paid_through, a.open_license, a.separate_management,
                    (SELECT x.disclosure_id FROM disclosure_achievement x WHERE x.achievement_id = a.id), a.version
             FROM achievement a JOIN department d ON d.id = a.department_id WHERE a.id = ?1",
            params![id],
            |r| {
                Ok(AchievementForm {
                    id: Some(id),
                    version: r.get(14)?,
                    achievement_no: r.get(0)?,
                    title: r.get(1)?,
                    kind: r.get(2)?,
                    application_no: r.get(3)?,
                    filed_on: r.get(4)?,
                    grant_no: r.get(5)?,
                    granted_on: r.get(6)?,
                    status: r.get(7)?,
                    department: r.get(8)?,
                    fiscal_project: r.get(9)?,
                    fees_paid_through: r.get(10)?,
                    inventors: Vec::new(),
                    co_owners: Vec::new(),
                    open_license: r.get(11)?,
                    separate_management: r.get(12)?,
                    disclosure_id: r.get(13)?,
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "achievement", key: id.to_string() })?;
    let mut stmt = conn.prepare_cached(
        "SELECT p.employee_id, i.share_bp, i.key_contributor FROM inventor i JOIN person p ON p.id = i.person_id
         WHERE i.achievement_id = ?1 ORDER BY i.position",
    )?;
    form.inventors = stmt
        .query_map(params![id], |r| Ok(Inventor { employee_id: r.get(0)?, share_bp: r.get(1)?, key_contributor: r.get(2)? }))?
        .collect::<rusqlite::Result<_>>()?;
    form.co_owners = co_owners(conn, id)?;
    Ok(form)
}

fn co_owners(conn: &Connection, id: i64) -> Result<Vec<CoOwner>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.organization_id, o.name, c.fee_reduction FROM co_owner c JOIN organization o ON o.id = c.organization_id
         WHERE c.achievement_id = ?1 ORDER BY o.name",
    )?;
    let rows = stmt.query_map(params![id], |r| Ok(CoOwner { organization_id: r.get(0)?, name: r.get(1)?, fee_reduction: r.get(2)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Co-owners, flags and the disclosure of an achievement, for its page.
pub fn extras(conn: &Connection, id: i64) -> Result<AchievementExtras> {
    let (open_license, separate_management) = conn
        .query_row("SELECT open_license, separate_management FROM achievement WHERE id = ?1", params![id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "achievement", key: id.to_string() })?;
    let disclosure = conn
        .query_row(
            "SELECT d.id, d.disclosure_no, d.title FROM disclosure_achievement x JOIN disclosure d ON d.id = x.disclosure_id
             WHERE x.achievement_id = ?1",
            params![id],
            |r| Ok(DisclosureRef { id: r.get(0)?, disclosure_no: r.get(1)?, title: r.get(2)? }),
        )
        .optional()?;
    Ok(AchievementExtras { co_owners: co_owners(conn, id)?, open_license, separate_management, disclosure })
}

/// The form's fields as the achievements template's cells.
fn cells(form: &AchievementForm) -> Vec<(&'static str, Option<String>)> {
    let text = |v: &str| Some(v.trim().to_string()).filter(|t| !t.is_empty());
    let opt = |v: &Option<String>| v.as_deref().and_then(text);
    vec![
        ("achievement_no", text(&form.achievement_no)),
        ("title", text(&form.title)),
        ("kind", Some(form.kind.key().to_string())),
        ("application_no", opt(&form.application_no)),
        ("filed_on", form.filed_on.map(crate::date::iso)),
        ("grant_no", opt(&form.grant_no)),
        ("granted_on", form.granted_on.map(crate::date::iso)),
        ("status", Some(form.status.key().to_string())),
        ("department", text(&form.department)),
        ("fiscal_project", opt(&form.fiscal_project)),
        ("fees_paid_through", form.fees_paid_through.map(|n| n.to_string())),
        ("inventors", Some(format_inventors(&form.inventors)).filter(|t| !t.is_empty())),
    ]
}

/// The value of a unique key of the record being edited, to tell "itself" from a duplicate.
fn own_value(before: &AchievementForm, key: &str) -> Option<String> {
    match key {
        "achievement_no" => Some(before.achievement_no.clone()),
        "application_no" => before.application_no.clone(),
        _ => None,
    }
}

/// The achievement's own fields as logged (inventors and co-owners have their own entries).
fn logged(f: &AchievementForm) -> serde_json::Value {
    serde_json::json!({
        "id": f.id,
        "achievement_no": f.achievement_no,
        "title": f.title,
        "kind": f.kind,
        "application_no": f.application_no,
        "filed_on": f.filed_on,
        "grant_no": f.grant_no,
        "granted_on": f.granted_on,
        "status": f.status,
        "department": f.department,
        "fiscal_project": f.fiscal_project,
        "fees_paid_through": f.fees_paid_through,
        "open_license": f.open_license,
        "separate_management": f.separate_management,
    })
}

/// The three audit entries of an achievement form: its fields, its inventors, its co-owners.
fn audit_parts(f: &AchievementForm) -> [serde_json::Value; 3] {
    let co_owners: Vec<serde_json::Value> =
        f.co_owners.iter().map(|c| serde_json::json!({"organization_id": c.organization_id, "fee_reduction": c.fee_reduction})).collect();
    [logged(f), serde_json::json!(f.inventors), serde_json::json!(co_owners)]
}

/// The form as its fields compare for a conflict: the logged fields with the inventors and the
/// co-owners (by organization, without the names filled when read).
fn compared(f: &AchievementForm) -> serde_json::Value {
    let [mut own, inventors, co_owners] = audit_parts(f);
    own["inventors"] = inventors;
    own["co_owners"] = co_owners;
    own
}

/// Creates (`id` None) or changes an achievement from the form: every problem is reported with
/// its field and nothing is written, else one transaction writes the achievement, its inventors
/// and co-owners (and, on create, the link to its disclosure) with their audit entries. A change
/// is refused (`edit_conflict`) when the achievement is no longer at the form's version. Returns
/// the id.
pub fn save(store: &mut Store, actor: &Actor, form: &AchievementForm) -> Result<i64> {
    // The write lock first, so that nobody changes what is checked (as the import does).
    let tx = store.write()?;
    let before = form.id.map(|id| load(&tx, id)).transpose()?;
    if let Some(b) = &before {
        version::check(&tx, &version::ACHIEVEMENT, b.version, form.version, || version::Stale {
            id: b.id.unwrap_or_default(),
            label: b.achievement_no.clone(),
            audit_keys: vec![b.achievement_no.clone(), form.achievement_no.trim().to_string()],
            submitted: compared(form),
            stored: compared(b),
        })?;
    }
    if before.is_none() {
        if let Some(disclosure) = form.disclosure_id {
            disclosure::check_convertible(&tx, disclosure)?;
        }
    }
    let (record, mut problems) = crate::template::row::read_form::<Achievement>(&tx, &cells(form))?;
    if let Some(a) = &record {
        for (key, value, count_sql) in a.unique_keys() {
            let found: i64 = tx.prepare_cached(count_sql)?.query_row([&value], |r| r.get(0))?;
            let itself = before.as_ref().and_then(|b| own_value(b, key)).is_some_and(|own| own == value);
            if found > i64::from(itself) {
                problems.push(Problem::field(key, value, ProblemKind::DuplicateInDatabase));
            }
        }
    }
    problems.extend(co_owner_problems(&tx, &form.co_owners)?);
    let a = match record {
        Some(a) if problems.is_empty() => a,
        _ => return Err(Error::Invalid(problems)),
    };
    let department = crate::portfolio::department::ensure(&tx, &a.department)?;
    // An assumed paid-through year (import) stays marked until someone changes it.
    let was_assumed: bool = match form.id {
        Some(id) => tx.query_row("SELECT fees_paid_through_assumed FROM achievement WHERE id = ?1", params![id], |r| r.get(0))?,
        None => false,
    };
    let assumed = was_assumed && before.as_ref().is_some_and(|b| b.fees_paid_through == a.fees_paid_through);
    let values = params![
        a.achievement_no,
        a.title,
        a.kind,
        a.application_no,
        a.filed_on,
        a.grant_no,
        a.granted_on,
        a.status,
        department,
        a.fiscal_project,
        a.fees_paid_through,
        assumed,
        form.open_license,
        form.separate_management,
    ];
    let id = match form.id {
        Some(id) => {
            tx.execute(
                "UPDATE achievement SET achievement_no = ?1, title = ?2, kind = ?3, application_no = ?4, filed_on = ?5, grant_no = ?6,
                 granted_on = ?7, status = ?8, department_id = ?9, fiscal_project = ?10, fees_paid_through = ?11,
                 fees_paid_through_assumed = ?12, open_license = ?13, separate_management = ?14 WHERE id = ?15",
                rusqlite::params_from_iter(values.iter().copied().chain(std::iter::once(&id as &dyn rusqlite::ToSql))),
            )?;
            tx.execute("DELETE FROM inventor WHERE achievement_id = ?1", params![id])?;
            tx.execute("DELETE FROM co_owner WHERE achievement_id = ?1", params![id])?;
            id
        }
        None => {
            tx.execute(
                "INSERT INTO achievement (achievement_no, title, kind, application_no, filed_on, grant_no, granted_on, status,
                   department_id, fiscal_project, fees_paid_through, fees_paid_through_assumed, open_license, separate_management)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                values,
            )?;
            tx.last_insert_rowid()
        }
    };
    let mut link = tx.prepare_cached(
        "INSERT INTO inventor (achievement_id, person_id, position, share_bp, key_contributor)
         SELECT ?1, id, ?3, ?4, ?5 FROM person WHERE employee_id = ?2",
    )?;
    for (position, i) in a.inventors.iter().enumerate() {
        link.execute(params![id, i.employee_id, position as i64, i.share_bp, i.key_contributor])?;
    }
    drop(link);
    for c in &form.co_owners {
        tx.execute(
            "INSERT INTO co_owner (achievement_id, organization_id, fee_reduction) VALUES (?1, ?2, ?3)",
            params![id, c.organization_id, c.fee_reduction],
        )?;
    }
    let saved = AchievementForm {
        id: Some(id),
        achievement_no: a.achievement_no,
        title: a.title,
        kind: a.kind,
        application_no: a.application_no,
        filed_on: a.filed_on,
        grant_no: a.grant_no,
        granted_on: a.granted_on,
        status: a.status,
        department: a.department,
        fiscal_project: a.fiscal_project,
        fees_paid_through: a.fees_paid_through,
        inventors: a.inventors,
        ..form.clone()
    };
    let mut journal = Journal::start(&tx, actor)?;
    let old = before.as_ref().map(audit_parts);
    let new = audit_parts(&saved);
    let mut changed = false;
    for (i, entity) in ["achievement", "inventor", "co_owner"].into_iter().enumerate() {
        match old.as_ref().map(|o| &o[i]) {
            Some(o) if *o == new[i] => {}
            Some(o) => {
                changed = true;
                journal.record(&tx, Action::Update, entity, &saved.achievement_no, Some(o), Some(&new[i]))?;
            }
            // A new achievement without co-owners has nothing to log for them.
            None if entity == "co_owner" && saved.co_owners.is_empty() => {}
            None => journal.record(&tx, Action::Insert, entity, &saved.achievement_no, None, Some(&new[i]))?,
        }
    }
    // A change adds 1 to the version; a save that changed nothing (no entry) leaves it, so that
    // no other form goes stale and no row changes unaudited (docs/reliability.md "Two people at once").
    if changed {
        tx.execute("UPDATE achievement SET version = version + 1 WHERE id = ?1", params![id])?;
    }
    if before.is_none() {
        if let Some(disclosure) = form.disclosure_id {
            disclosure::link(&tx, &mut journal, disclosure, id)?;
        }
    }
    tx.commit()?;
    Ok(id)
}

/// Co-owners must exist and appear once.
fn co_owner_problems(conn: &Connection, list: &[CoOwner]) -> Result<Vec<Problem>> {
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut stmt = conn.prepare_cached("SELECT name FROM organization WHERE id = ?1")?;
    for c in list {
        let name: Option<String> = stmt.query_row(params![c.organization_id], |r| r.get(0)).optional()?;
        match name {
            None => problems.push(Problem::field(
                "co_owners",
                c.organization_id.to_string(),
                ProblemKind::UnknownReference("organization", c.organization_id.to_string()),
            )),
            Some(name) if !seen.insert(c.organization_id) => {
                problems.push(Problem::field("co_owners", name.clone(), ProblemKind::RepeatedEntry(name)))
            }
            Some(_) => {}
        }
    }
    Ok(problems)
}

/// The achievement form a decided disclosure opens, prefilled: title, kind (the intended
/// protection; know-how when kept secret; an invention patent when a patent is to be filed for
/// something intended otherwise), department, fiscal project, inventors with shares and key
/// marks, and the link back. Refused like [`disclosure::check_convertible`].
pub fn conversion_form(conn: &Connection, id: i64) -> Result<AchievementForm> {
    disclosure::check_convertible(conn, id)?;
    let (d, decision) = disclosure::load(conn, id)?;
    let kind = match decision.map(|x| x.decision) {
        Some(DisclosureDecision::KeepSecret) => AchievementKind::KnowHow,
        Some(DisclosureDecision::FilePatent) if !d.intended_protection.is_patent() => AchievementKind::InventionPatent,
        _ => d.intended_protection,
    };
    Ok(AchievementForm {
        id: None,
        version: 0,
        achievement_no: String::new(),
        title: d.title,
        kind,
        application_no: None,
        filed_on: None,
        grant_no: None,
        granted_on: None,
        // A secret is protected from the decision on; anything else waits for its filing.
        status: if kind == AchievementKind::KnowHow { AchievementStatus::InForce } else { AchievementStatus::Pending },
        department: d.department,
        fiscal_project: d.fiscal_project,
        fees_paid_through: None,
        inventors: d.inventors,
        co_owners: Vec::new(),
        open_license: false,
        separate_management: false,
        disclosure_id: Some(id),
    })
}
