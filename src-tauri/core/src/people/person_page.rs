//! The people screens (人员): the list, a person's page with everything linked to them, the edit
//! form, duplicate suggestions and merges. Resident IDs and bank accounts leave the core masked;
//! only [`reveal`] returns them whole, for one person asked on purpose.

use crate::deals::grant::GrantKind;
use crate::error::{Error, Result};
use crate::model::{AchievementKind, AchievementStatus, Category, ContractKind, DisclosureDecision, DistributionState, LeaderLevel};
use crate::money::Money;
use crate::people::merge::{self, MergeEntity, MergeRecord};
use crate::problem::{Problem, ProblemKind};
use crate::store::audit::{Action, Journal};
use crate::store::version;
use crate::store::{Actor, Store};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A sortable column of the people list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PersonSort {
    /// 工号.
    EmployeeId,
    /// 姓名.
    Name,
    /// 所在单位.
    Department,
    /// 人员类别.
    Category,
    /// 领导职务.
    LeaderLevel,
    /// Number of achievements.
    Achievements,
}

impl PersonSort {
    fn sql(self) -> &'static str {
        match self {
            PersonSort::EmployeeId => "p.employee_id",
            PersonSort::Name => "p.name",
            PersonSort::Department => "d.name",
            PersonSort::Category => "p.category",
            PersonSort::LeaderLevel => "p.leader_level",
            PersonSort::Achievements => "achievement_count",
        }
    }
}

/// Filters, order and page of the people list.
#[derive(Clone, Debug, Default, Deserialize, TS)]
pub struct PersonQuery {
    /// 1-based page.
    pub page: u32,
    /// Rows per page, at most [`crate::store::search::MAX_PAGE_SIZE`].
    pub page_size: u32,
    /// Sort column; employee ID when absent.
    pub sort: Option<PersonSort>,
    /// Descending order.
    #[serde(default)]
    pub descending: bool,
    /// Name or employee ID contains.
    pub search: Option<String>,
    /// Only this department (exact name).
    pub department: Option<String>,
    /// Only this category.
    pub category: Option<Category>,
    /// Only this leader level.
    pub leader_level: Option<LeaderLevel>,
}

/// A person as lists and pages show them: sensitive numbers masked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct PersonRow {
    /// Row id.
    #[ts(type = "number")]
    pub id: i64,
    /// 工号.
    pub employee_id: String,
    /// 姓名.
    pub name: String,
    /// 所在单位.
    pub department: String,
    /// 人员类别.
    pub category: Category,
    /// 领导职务.
    pub leader_level: LeaderLevel,
    /// 身份证号, masked (110105********002X).
    pub id_number_masked: Option<String>,
    /// 银行账号, masked (all but the last 4 digits).
    pub bank_account_masked: Option<String>,
    /// Achievements they are an inventor of.
    pub achievement_count: u32,
    /// Merged into this person (id), hidden from lists.
    #[ts(type = "number | null")]
    pub merged_into: Option<i64>,
    /// The record's version, which its edit form sends back (store::version).
    #[ts(type = "number")]
    pub version: i64,
}

/// A page of the people list.
#[derive(Clone, Debug, Serialize, TS)]
pub struct PersonPage {
    /// Rows matching the filters, over all pages.
    pub total: u32,
    /// This page's rows.
    pub rows: Vec<PersonRow>,
}

const ROW_COLUMNS: &str = "p.id, p.employee_id, p.name, d.name, p.category, p.leader_level, p.id_number, p.bank_account,
    (SELECT count(*) FROM inventor i WHERE i.person_id = p.id) AS achievement_count, p.merged_into, p.version";

fn row(r: &Row<'_>) -> rusqlite::Result<PersonRow> {
    let masked = |v: Option<String>| v.as_deref().map(crate::ident::mask);
    Ok(PersonRow {
        id: r.get(0)?,
        employee_id: r.get(1)?,
        name: r.get(2)?,
        department: r.get(3)?,
        category: r.get(4)?,
        leader_level: r.get(5)?,
        id_number_masked: masked(r.get(6)?),
        bank_account_masked: masked(r.get(7)?),
        achievement_count: r.get(8)?,
        merged_into: r.get(9)?,
        version: r.get(10)?,
    })
}

/// One page of the people list (merged duplicates left out), filtered, sorted and paged in SQL.
pub fn list(store: &Store, q: &PersonQuery) -> Result<PersonPage> {
    let mut clauses = vec!["p.merged_into IS NULL".to_string()];
    let mut args: Vec<Value> = Vec::new();
    if let Some(search) = q.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        args.push(Value::Text(crate::store::search::contains_pattern(search)));
        clauses.push(format!("(p.name LIKE ?{n} ESCAPE '\\' OR p.employee_id LIKE ?{n} ESCAPE '\\')", n = args.len()));
    }
    if let Some(dep) = q.department.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        args.push(Value::Text(dep.into()));
        clauses.push(format!("d.name = ?{}", args.len()));
    }
    if let Some(c) = q.category {
        args.push(Value::Text(c.key().into()));
        clauses.push(format!("p.category = ?{}", args.len()));
    }
    if let Some(l) = q.leader_level {
        args.push(Value::Text(l.key().into()));
        clauses.push(format!("p.leader_level = ?{}", args.len()));
    }
    let from = format!("FROM person p JOIN department d ON d.id = p.department_id WHERE {}", clauses.join(" AND "));
    let conn = store.conn();
    let total: u32 = conn.query_row(&format!("SELECT count(*) {from}"), rusqlite::params_from_iter(&args), |r| r.get(0))?;
    let size = q.page_size.clamp(1, crate::store::search::MAX_PAGE_SIZE);
    let offset = (q.page.max(1) - 1) * size;
    let order = q.sort.unwrap_or(PersonSort::EmployeeId).sql();
    let dir = if q.descending { "DESC" } else { "ASC" };
    let sql = format!("SELECT {ROW_COLUMNS} {from} ORDER BY {order} {dir}, p.employee_id {dir} LIMIT {size} OFFSET {offset}");
    let rows = conn.prepare(&sql)?.query_map(rusqlite::params_from_iter(&args), row)?.collect::<rusqlite::Result<_>>()?;
    Ok(PersonPage { total, rows })
}

/// An achievement of the person with their share.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct PersonAchievement {
    /// Achievement id (its page).
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
    /// Their contribution share, bp.
    #[ts(type = "number")]
    pub share_bp: i64,
    /// 重要贡献人员.
    pub key_contributor: bool,
}

/// A disclosure the person is an inventor of.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct PersonDisclosure {
    /// Disclosure id.
    #[ts(type = "number")]
    pub id: i64,
    /// 披露编号.
    pub disclosure_no: String,
    /// 名称.
    pub title: String,
    /// 收到日期.
    pub received_on: NaiveDate,
    /// 处理决定, if made.
    pub decision: Option<DisclosureDecision>,
    /// Their share, bp.
    #[ts(type = "number")]
    pub share_bp: i64,
}

/// A contract the person is involved in: through an achievement they invented, or as transfer
/// staff in one of its distributions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct PersonContract {
    /// Contract id.
    #[ts(type = "number")]
    pub id: i64,
    /// 合同编号.
    pub contract_no: String,
    /// 合同名称.
    pub title: String,
    /// 转化方式.
    pub kind: ContractKind,
    /// 合作单位.
    pub counterparty: String,
    /// 签订日期.
    pub signed_on: NaiveDate,
    /// 合同金额.
    pub amount_fen: Money,
    /// Through an achievement they invented.
    pub inventor: bool,
    /// As 技术转移人员.
    pub transfer_staff: bool,
}

/// A line of a distribution for the person (or for a duplicate merged into them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct PersonDistributionLine {
    /// Distribution id.
    #[ts(type = "number")]
    pub distribution_id: i64,
    /// 合同编号.
    pub contract_no: String,
    /// 合同名称.
    pub contract_title: String,
    /// 状态.
    pub state: DistributionState,
    /// A reversal (冲销) line.
    pub reversal: bool,
    /// Receipts up to.
    pub through_on: NaiveDate,
    /// Cash amount (negative in a reversal).
    pub amount_fen: Option<Money>,
    /// Equity units.
    #[ts(type = "number | null")]
    pub units: Option<i64>,
    /// As transfer staff.
    pub transfer_staff: bool,
    /// 发放日期.
    pub paid_on: Option<NaiveDate>,
    /// The merged duplicate's employee ID when the line stays with it (frozen history).
    pub via_merged: Option<String>,
}

/// A grant (赋权) whose team includes the person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct PersonGrant {
    /// Grant id.
    #[ts(type = "number")]
    pub id: i64,
    /// Share or usage right.
    pub kind: GrantKind,
    /// 决定日期.
    pub decided_on: NaiveDate,
    /// Their internal share, bp.
    #[ts(type = "number")]
    pub share_bp: i64,
    /// The achievements granted (numbers).
    pub achievements: String,
}

/// A person's page.
#[derive(Clone, Debug, Serialize, TS)]
pub struct PersonDetail {
    /// The person, masked.
    pub person: PersonRow,
    /// The person they were merged into, if hidden.
    pub merged_into_label: Option<String>,
    /// 成果 with their share.
    pub achievements: Vec<PersonAchievement>,
    /// 披露.
    pub disclosures: Vec<PersonDisclosure>,
    /// 合同.
    pub contracts: Vec<PersonContract>,
    /// 收益分配 lines, with those of merged duplicates.
    pub distribution_lines: Vec<PersonDistributionLine>,
    /// 赋权.
    pub grants: Vec<PersonGrant>,
    /// 合并 history.
    pub merges: Vec<MergeRecord>,
}

fn find(conn: &Connection, id: i64) -> Result<PersonRow> {
    conn.query_row(
        &format!("SELECT {ROW_COLUMNS} FROM person p JOIN department d ON d.id = p.department_id WHERE p.id = ?1"),
        params![id],
        row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound { what: "person", key: id.to_string() })
}

/// A person's page: everything linked to them.
pub fn detail(store: &Store, id: i64) -> Result<PersonDetail> {
    let conn = store.conn();
    let person = find(conn, id)?;
    let merged_into_label = match person.merged_into {
        Some(k) => Some(conn.query_row("SELECT employee_id || ' ' || name FROM person WHERE id = ?1", params![k], |r| r.get(0))?),
        None => None,
    };
    let achievements = conn
        .prepare_cached(
            "SELECT a.id, a.achievement_no, a.title, a.kind, a.status, i.share_bp, i.key_contributor
             FROM inventor i JOIN achievement a ON a.id = i.achievement_id WHERE i.person_id = ?1 ORDER BY a.achievement_no",
        )?
        .query_map(params![id], |r| {
            Ok(PersonAchievement {
                id: r.get(0)?,
                achievement_no: r.get(1)?,
                title: r.get(2)?,
                kind: r.get(3)?,
                status: r.get(4)?,
                share_bp: r.get(5)?,
                key_contributor: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let disclosures = conn
        .prepare_cached(
            "SELECT d.id, d.disclosure_no, d.title, d.received_on, d.decision, x.share_bp
             FROM disclosure_inventor x JOIN disclosure d ON d.id = x.disclosure_id WHERE x.person_id = ?1 ORDER BY d.received_on DESC, d.id",
        )?
        .query_map(params![id], |r| {
            Ok(PersonDisclosure {
                id: r.get(0)?,
                disclosure_no: r.get(1)?,
                title: r.get(2)?,
                received_on: r.get(3)?,
                decision: r.get(4)?,
                share_bp: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // The person and every duplicate merged into them (at any depth): frozen lines stay there.
    let family = "WITH RECURSIVE family(id) AS (SELECT ?1 UNION SELECT p.id FROM person p JOIN family f ON p.merged_into = f.id)";
    let contracts = conn
        .prepare_cached(&format!(
            "{family}
             SELECT c.id, c.contract_no, c.title, c.kind, o.name, c.signed_on, c.amount_fen,
               EXISTS (SELECT 1 FROM contract_achievement ca JOIN inventor i ON i.achievement_id = ca.achievement_id
                       WHERE ca.contract_id = c.id AND i.person_id = ?1),
               EXISTS (SELECT 1 FROM distribution dd JOIN distribution_line l ON l.distribution_id = dd.id
                       WHERE dd.contract_id = c.id AND l.transfer_staff = 1 AND l.person_id IN family)
             FROM contract c JOIN organization o ON o.id = c.organization_id
             WHERE c.id IN (SELECT ca.contract_id FROM contract_achievement ca JOIN inventor i ON i.achievement_id = ca.achievement_id WHERE i.person_id = ?1)
                OR c.id IN (SELECT dd.contract_id FROM distribution dd JOIN distribution_line l ON l.distribution_id = dd.id
                            WHERE l.transfer_staff = 1 AND l.person_id IN family)
             ORDER BY c.signed_on DESC, c.contract_no"
        ))?
        .query_map(params![id], |r| {
            Ok(PersonContract {
                id: r.get(0)?,
                contract_no: r.get(1)?,
                title: r.get(2)?,
                kind: r.get(3)?,
                counterparty: r.get(4)?,
                signed_on: r.get(5)?,
                amount_fen: r.get(6)?,
                inventor: r.get(7)?,
                transfer_staff: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let distribution_lines = conn
        .prepare_cached(&format!(
            "{family}
             SELECT d.id, c.contract_no, c.title, d.state, d.reverses_id IS NOT NULL, d.through_on, l.amount_fen, l.units, l.transfer_staff,
               d.paid_on, CASE WHEN l.person_id <> ?1 THEN p.employee_id END
             FROM distribution_line l JOIN distribution d ON d.id = l.distribution_id JOIN contract c ON c.id = d.contract_id
             JOIN person p ON p.id = l.person_id
             WHERE l.person_id IN family ORDER BY d.id DESC, l.position"
        ))?
        .query_map(params![id], |r| {
            Ok(PersonDistributionLine {
                distribution_id: r.get(0)?,
                contract_no: r.get(1)?,
                contract_title: r.get(2)?,
                state: r.get(3)?,
                reversal: r.get(4)?,
                through_on: r.get(5)?,
                amount_fen: r.get(6)?,
                units: r.get(7)?,
                transfer_staff: r.get(8)?,
                paid_on: r.get(9)?,
                via_merged: r.get(10)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let grants = conn
        .prepare_cached(
            "SELECT g.id, g.kind, g.decided_on, m.share_bp,
               (SELECT group_concat(a.achievement_no, '、') FROM grant_achievement ga JOIN achievement a ON a.id = ga.achievement_id WHERE ga.grant_id = g.id)
             FROM grant_member m JOIN ownership_grant g ON g.id = m.grant_id WHERE m.person_id = ?1 ORDER BY g.decided_on DESC, g.id",
        )?
        .query_map(params![id], |r| {
            let kind: String = r.get(1)?;
            Ok(PersonGrant {
                id: r.get(0)?,
                kind: if kind == "share" { GrantKind::Share } else { GrantKind::UsageRight },
                decided_on: r.get(2)?,
                share_bp: r.get(3)?,
                achievements: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let merges = merge::history(conn, MergeEntity::Person, id)?;
    Ok(PersonDetail { person, merged_into_label, achievements, disclosures, contracts, distribution_lines, grants, merges })
}

/// The full resident ID and bank account of one person, for the eye button (显示完整号码).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Revealed {
    /// 身份证号.
    pub id_number: Option<String>,
    /// 银行账号.
    pub bank_account: Option<String>,
}

/// The unmasked numbers of one person: the only call that returns them.
///
/// Every reveal is written to the audit log (entity `reveal`, the person's employee ID as key,
/// which numbers were shown — never the numbers), in the same transaction as it is read: a reveal
/// that cannot be recorded shows nothing.
pub fn reveal(store: &mut Store, actor: &Actor, id: i64) -> Result<Revealed> {
    let tx = store.write()?;
    let found = tx
        .query_row("SELECT employee_id, id_number, bank_account FROM person WHERE id = ?1", params![id], |r| {
            Ok((r.get::<_, String>(0)?, Revealed { id_number: r.get(1)?, bank_account: r.get(2)? }))
        })
        .optional()?;
    let Some((employee_id, revealed)) = found else {
        return Err(Error::NotFound { what: "person", key: id.to_string() });
    };
    let after = serde_json::json!({"id_number": revealed.id_number.is_some(), "bank_account": revealed.bank_account.is_some()});
    Journal::start(&tx, actor)?.record(&tx, Action::Insert, "reveal", &employee_id, None, Some(&after))?;
    tx.commit()?;
    Ok(revealed)
}

/// The edit form of a person. `id_number` and `bank_account`: `None` keeps the stored number
/// (the form never holds it), `""` clears it, anything else replaces it.
#[derive(Clone, Debug, Deserialize, TS)]
pub struct PersonEdit {
    /// Row id.
    #[ts(type = "number")]
    pub id: i64,
    /// The version the form was loaded at: the save is refused (`edit_conflict`) once someone
    /// else changed the person (store::version).
    #[serde(default)]
    #[ts(type = "number")]
    pub version: i64,
    /// 工号, unique.
    pub employee_id: String,
    /// 姓名.
    pub name: String,
    /// 所在单位 (created if new).
    pub department: String,
    /// 人员类别.
    pub category: Category,
    /// 领导职务.
    pub leader_level: LeaderLevel,
    /// 身份证号.
    pub id_number: Option<String>,
    /// 银行账号.
    pub bank_account: Option<String>,
}

/// A bank account typed with spaces or dashes, as digits; 12–30 of them.
fn bank_account(text: &str) -> Option<String> {
    let digits: String = text.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    (digits.chars().all(|c| c.is_ascii_digit()) && (12..=30).contains(&digits.len())).then_some(digits)
}

/// What is stored after an edit, in the audit's form (numbers masked).
#[derive(Clone, Debug, Serialize)]
struct Stored {
    employee_id: String,
    name: String,
    department: String,
    category: Category,
    leader_level: LeaderLevel,
    id_number: Option<String>,
    bank_account: Option<String>,
}

/// Changes a person, with the import's checks (resident ID by its check character) and a unique
/// employee ID; one audited transaction, refused (`edit_conflict`) when the person is no longer
/// at the form's version. Returns the saved row.
pub fn update(store: &mut Store, actor: &Actor, edit: &PersonEdit) -> Result<PersonRow> {
    // The write lock first, so that nobody changes what is checked.
    let tx = store.write()?;
    let conn: &Connection = &tx;
    let before = find(conn, edit.id)?;
    if before.merged_into.is_some() {
        return Err(Error::Refused { code: "already_merged", detail: format!("{} {}", before.employee_id, before.name) });
    }
    let (old_id_number, old_bank): (Option<String>, Option<String>) =
        conn.query_row("SELECT id_number, bank_account FROM person WHERE id = ?1", params![edit.id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    version::check(conn, &version::PERSON, before.version, edit.version, || {
        // The numbers compare whole, as typed and as stored; a number the form left out
        // (`None`: kept) is no difference.
        let typed = |v: &Option<String>, stored: &Option<String>| match v.as_deref().map(str::trim) {
            None => serde_json::json!(stored),
            Some(t) => serde_json::json!(t.replace([' ', '-'], "").to_uppercase()),
        };
        let stored = serde_json::json!({
            "employee_id": before.employee_id, "name": before.name, "department": before.department,
            "category": before.category, "leader_level": before.leader_level,
            "id_number": old_id_number, "bank_account": old_bank,
        });
        let submitted = serde_json::json!({
            "employee_id": edit.employee_id, "name": edit.name, "department": edit.department,
            "category": edit.category, "leader_level": edit.leader_level,
            "id_number": typed(&edit.id_number, &old_id_number), "bank_account": typed(&edit.bank_account, &old_bank),
        });
        version::Stale {
            id: edit.id,
            label: format!("{} {}", before.employee_id, before.name),
            audit_keys: vec![before.employee_id.clone(), edit.employee_id.trim().to_string()],
            submitted,
            stored,
        }
    })?;
    let mut problems = Vec::new();
    let mut text = |field: &str, value: &str, max: usize| {
        let v = value.trim();
        if v.is_empty() {
            problems.push(Problem::field(field, "", ProblemKind::Required));
        } else if v.chars().count() > max {
            problems.push(Problem::field(field, v, ProblemKind::TooLong(max)));
        }
        v.to_string()
    };
    let employee_id = text("employee_id", &edit.employee_id, 40);
    let name = text("name", &edit.name, 100);
    let department = text("department", &edit.department, 100);
    let id_number = match edit.id_number.as_deref().map(str::trim) {
        None => old_id_number.clone(),
        Some("") => None,
        Some(t) if t.contains('*') => {
            problems.push(Problem::field("id_number", t, ProblemKind::MaskedIdNumber));
            None
        }
        Some(t) => match crate::ident::id_number(t) {
            Ok(v) => Some(v),
            Err(e) => {
                problems.push(Problem::field("id_number", crate::ident::mask(t), ProblemKind::IdNumber(e)));
                None
            }
        },
    };
    let bank = match edit.bank_account.as_deref().map(str::trim) {
        None => old_bank.clone(),
        Some("") => None,
        Some(t) => {
            let v = bank_account(t);
            if v.is_none() {
                problems.push(Problem::field("bank_account", crate::ident::mask(t), ProblemKind::BankAccount));
            }
            v
        }
    };
    let taken: bool =
        conn.query_row("SELECT EXISTS (SELECT 1 FROM person WHERE employee_id = ?1 AND id <> ?2)", params![employee_id, edit.id], |r| {
            r.get(0)
        })?;
    if taken {
        problems.push(Problem::field("employee_id", employee_id.as_str(), ProblemKind::DuplicateInDatabase));
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let masked = |v: &Option<String>| v.as_deref().map(crate::ident::mask);
    let old = Stored {
        employee_id: before.employee_id.clone(),
        name: before.name.clone(),
        department: before.department.clone(),
        category: before.category,
        leader_level: before.leader_level,
        id_number: masked(&old_id_number),
        bank_account: masked(&old_bank),
    };
    let new = Stored {
        employee_id,
        name,
        department,
        category: edit.category,
        leader_level: edit.leader_level,
        id_number: masked(&id_number),
        bank_account: masked(&bank),
    };
    let department_id = crate::portfolio::department::ensure(&tx, &new.department)?;
    tx.execute(
        "UPDATE person SET employee_id = ?1, name = ?2, department_id = ?3, category = ?4, leader_level = ?5, id_number = ?6, bank_account = ?7,
         version = version + 1 WHERE id = ?8",
        params![new.employee_id, new.name, department_id, new.category, new.leader_level, id_number, bank, edit.id],
    )?;
    let json = |s: &Stored| serde_json::to_value(s).unwrap_or_default();
    Journal::start(&tx, actor)?.record(&tx, Action::Update, "person", &before.employee_id, Some(&json(&old)), Some(&json(&new)))?;
    tx.commit()?;
    find(store.conn(), edit.id)
}

/// Why two people look like one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateReason {
    /// Same name in the same department.
    SameNameDepartment,
    /// Same resident ID.
    SameIdNumber,
}

/// A likely duplicate: merge `duplicate` into `keep` (the one with more achievements, else the
/// older record).
#[derive(Clone, Debug, Serialize, TS)]
pub struct PersonDuplicate {
    /// Suggested to keep.
    pub keep: PersonRow,
    /// Suggested to merge into it.
    pub duplicate: PersonRow,
    /// Why.
    pub reason: DuplicateReason,
}

/// Likely duplicate pairs among people not merged (at most 200).
pub fn duplicates(store: &Store) -> Result<Vec<PersonDuplicate>> {
    let conn = store.conn();
    let pairs = conn
        .prepare(
            "SELECT a.id, b.id, coalesce(a.id_number = b.id_number, 0) FROM person a JOIN person b ON a.id < b.id
             WHERE a.merged_into IS NULL AND b.merged_into IS NULL
               AND ((a.name = b.name AND a.department_id = b.department_id) OR (a.id_number IS NOT NULL AND a.id_number = b.id_number))
             ORDER BY a.name, a.id, b.id LIMIT 200",
        )?
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, bool>(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    pairs
        .into_iter()
        .map(|(a, b, same_id)| {
            let (a, b) = (find(conn, a)?, find(conn, b)?);
            let (keep, duplicate) = if b.achievement_count > a.achievement_count { (b, a) } else { (a, b) };
            let reason = if same_id { DuplicateReason::SameIdNumber } else { DuplicateReason::SameNameDepartment };
            Ok(PersonDuplicate { keep, duplicate, reason })
        })
        .collect()
}

/// Merges person `duplicate` into `keep` (see [`merge::merge`]).
pub fn merge(store: &mut Store, actor: &Actor, keep: i64, duplicate: i64, reason: &str) -> Result<i64> {
    merge::merge(store, actor, MergeEntity::Person, keep, duplicate, reason)
}
