//! The institution's reward policy (收益分配政策) as dated versions (docs/rules/rewards.md
//! "Policy versions"): a contract follows the version in force on the day it was signed.

use crate::error::{Error, Result};
use crate::model::ContractKind;
use crate::money::Money;
use crate::problem::{Problem, ProblemKind};
use crate::share::FULL_BP;
use crate::store::audit::{Action, Journal};
use crate::store::version;
use crate::store::{Actor, Store};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A tier: from `min_amount_fen` up (and, when `in_province`, only with a counterparty in the
/// institution's province) the ratio is `ratio_bp` instead of the kind's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Tier {
    /// The contract kind it applies to; `None`: every kind.
    pub kind: Option<ContractKind>,
    /// Contract amount from which it applies (inclusive).
    pub min_amount_fen: Money,
    /// Only for counterparties in the institution's province (本省).
    pub in_province: bool,
    /// The ratio instead of the kind's.
    #[ts(type = "number")]
    pub ratio_bp: i64,
}

/// An institutional recipient of the net income (学院, 学校, 转化办, a fund…): docs/rules/rewards.md
/// "Recipients of the institution's part".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Recipient {
    /// Its name (1–50 characters, distinct within the version).
    pub name: String,
    /// Its share of the net income, bp (a percent with two decimals).
    #[ts(type = "number")]
    pub share_bp: i64,
}

/// The least share of the net income for the inventors of a transfer, license or equity contract
/// without a unit rule (促进科技成果转化法 Art. 45): 50 %.
pub const STATUTORY_MINIMUM_BP: i64 = 5000;

/// The fields of a policy version's JSON (`policy add`): any other key is refused.
pub const JSON_FIELDS: &[&str] = &[
    "id",
    "version",
    "effective_on",
    "transfer_bp",
    "license_bp",
    "equity_bp",
    "development_bp",
    "consulting_bp",
    "service_bp",
    "tiers",
    "key_contributor_min_bp",
    "transfer_staff_bp",
    "transfer_staff_min_bp",
    "publicity_days",
    "payment_deadline_months",
    "recipients",
    "note",
    "in_use",
    "document_title",
    "document_no",
];

/// One version of the policy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Policy {
    /// `None` for a version not saved yet.
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    /// The edit version the form was loaded at (0 for a new policy version; not to be confused
    /// with the policy's dated versions): a save is refused (`edit_conflict`) once someone else
    /// changed this policy version (store::version).
    #[serde(default)]
    #[ts(type = "number")]
    pub version: i64,
    /// Applies to contracts signed on or after this day, until the next version.
    pub effective_on: NaiveDate,
    /// 转让 ratio of net income for the inventors.
    #[ts(type = "number")]
    pub transfer_bp: i64,
    /// 许可.
    #[ts(type = "number")]
    pub license_bp: i64,
    /// 作价投资 (of the equity received).
    #[ts(type = "number")]
    pub equity_bp: i64,
    /// 技术开发.
    #[ts(type = "number")]
    pub development_bp: i64,
    /// 技术咨询.
    #[ts(type = "number")]
    pub consulting_bp: i64,
    /// 技术服务.
    #[ts(type = "number")]
    pub service_bp: i64,
    /// Tiers by contract amount and in-province counterparty.
    pub tiers: Vec<Tier>,
    /// Key contributors together get at least this share of the pool (national 5000).
    #[ts(type = "number")]
    pub key_contributor_min_bp: i64,
    /// Share of the pool for transfer staff, taken off first; `None`: no such share.
    #[ts(type = "number | null")]
    pub transfer_staff_bp: Option<i64>,
    /// The least the transfer staff must get (Zhejiang 500); `None`: no minimum.
    #[ts(type = "number | null")]
    pub transfer_staff_min_bp: Option<i64>,
    /// Days a distribution is publicized (default 15).
    pub publicity_days: u32,
    /// Months from the last receipt by which rewards must be paid (Zhejiang 6); `None`: no deadline.
    pub payment_deadline_months: Option<u32>,
    /// Who shares the institution's part, in bp of the net income; with the team's ratio they
    /// add up to 100 %. Empty: the institution keeps its part whole.
    #[serde(default)]
    pub recipients: Vec<Recipient>,
    /// Source or remark.
    pub note: Option<String>,
    /// Used by an approved distribution: frozen, add a new version instead.
    pub in_use: bool,
    /// 文件名称, e.g. 西南理工大学科技成果转化管理办法 (without 《》): offices name a policy by
    /// its document. `None`: not recorded (the effective date names the version then).
    #[serde(default)]
    pub document_title: Option<String>,
    /// 文号, e.g. 校发〔2023〕12号.
    #[serde(default)]
    pub document_no: Option<String>,
}

/// The figures a plan needs from the policy for one contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Terms {
    /// Ratio of net income (or equity) for the pool.
    pub ratio_bp: i64,
    /// Key contributors' minimum share of the pool.
    pub key_contributor_min_bp: i64,
    /// Transfer staff's share of the pool.
    pub transfer_staff_bp: Option<i64>,
    /// Transfer staff's minimum share of the pool.
    pub transfer_staff_min_bp: Option<i64>,
}

impl Policy {
    /// TransferDesk's default: 70% for transfer, license and equity; no pool for technical
    /// development, consulting and service; key contributors ≥ 50%; no transfer-staff share;
    /// 15 days of publicity.
    pub fn default_from(effective_on: NaiveDate) -> Policy {
        Policy {
            id: None,
            version: 0,
            effective_on,
            transfer_bp: 7000,
            license_bp: 7000,
            equity_bp: 7000,
            development_bp: 0,
            consulting_bp: 0,
            service_bp: 0,
            tiers: Vec::new(),
            key_contributor_min_bp: 5000,
            transfer_staff_bp: None,
            transfer_staff_min_bp: None,
            publicity_days: 15,
            payment_deadline_months: None,
            recipients: Vec::new(),
            note: None,
            in_use: false,
            document_title: None,
            document_no: None,
        }
    }

    /// The document as offices cite it: 《title》（number）, either part alone when only one is
    /// recorded; `None` when neither is (then the effective date names the version).
    pub fn document(&self) -> Option<String> {
        document_name(self.document_title.as_deref(), self.document_no.as_deref())
    }

    /// How the version is named in sentences: its document, or else the day it took effect.
    pub fn name(&self, lang: crate::Lang) -> String {
        named(self.document().as_deref(), self.effective_on, lang)
    }

    /// The kind's ratio, without tiers.
    pub fn ratio(&self, kind: ContractKind) -> i64 {
        match kind {
            ContractKind::Transfer => self.transfer_bp,
            ContractKind::License => self.license_bp,
            ContractKind::Equity => self.equity_bp,
            ContractKind::Development => self.development_bp,
            ContractKind::Consulting => self.consulting_bp,
            ContractKind::Service => self.service_bp,
        }
    }

    /// The terms for a contract: the most specific matching tier (highest threshold, then
    /// in-province, then kind-specific) replaces the kind's ratio.
    pub fn terms(&self, kind: ContractKind, amount: Money, in_province: bool) -> Terms {
        let tier = self
            .tiers
            .iter()
            .filter(|t| t.kind.is_none_or(|k| k == kind) && amount >= t.min_amount_fen && (!t.in_province || in_province))
            .max_by_key(|t| (t.min_amount_fen, t.in_province, t.kind.is_some()));
        Terms {
            ratio_bp: tier.map_or_else(|| self.ratio(kind), |t| t.ratio_bp),
            key_contributor_min_bp: self.key_contributor_min_bp,
            transfer_staff_bp: self.transfer_staff_bp,
            transfer_staff_min_bp: self.transfer_staff_min_bp,
        }
    }

    /// Every problem of a version, by field.
    fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let bp_fields = [
            ("transfer_bp", Some(self.transfer_bp)),
            ("license_bp", Some(self.license_bp)),
            ("equity_bp", Some(self.equity_bp)),
            ("development_bp", Some(self.development_bp)),
            ("consulting_bp", Some(self.consulting_bp)),
            ("service_bp", Some(self.service_bp)),
            ("key_contributor_min_bp", Some(self.key_contributor_min_bp)),
            ("transfer_staff_bp", self.transfer_staff_bp),
            ("transfer_staff_min_bp", self.transfer_staff_min_bp),
        ];
        for (field, bp) in bp_fields {
            if let Some(bp) = bp.filter(|bp| !(0..=FULL_BP).contains(bp)) {
                out.push(Problem::field(field, bp.to_string(), ProblemKind::Ratio));
            }
        }
        for (i, t) in self.tiers.iter().enumerate() {
            let field = format!("tiers[{i}]");
            if !(0..=FULL_BP).contains(&t.ratio_bp) {
                out.push(Problem::field(&field, t.ratio_bp.to_string(), ProblemKind::Ratio));
            }
            if t.min_amount_fen < Money::ZERO {
                out.push(Problem::field(&field, t.min_amount_fen.plain(), ProblemKind::Amount(crate::money::AmountError::Negative)));
            }
            if self.tiers[..i].iter().any(|o| (o.kind, o.min_amount_fen, o.in_province) == (t.kind, t.min_amount_fen, t.in_province)) {
                out.push(Problem::field(&field, t.min_amount_fen.plain(), ProblemKind::RepeatedEntry(t.min_amount_fen.grouped())));
            }
        }
        out.extend(self.recipient_problems());
        if !(1..=90).contains(&self.publicity_days) {
            out.push(Problem::field("publicity_days", self.publicity_days.to_string(), ProblemKind::Integer(1, 90)));
        }
        if let Some(m) = self.payment_deadline_months.filter(|m| !(1..=60).contains(m)) {
            out.push(Problem::field("payment_deadline_months", m.to_string(), ProblemKind::Integer(1, 60)));
        }
        if self.note.as_deref().is_some_and(|n| n.chars().count() > 2000) {
            out.push(Problem::field("note", "", ProblemKind::TooLong(2000)));
        }
        for (field, value, most) in [("document_title", &self.document_title, 200), ("document_no", &self.document_no, 60)] {
            if let Some(v) = value.as_deref().filter(|v| v.trim().chars().count() > most) {
                out.push(Problem::field(field, v.chars().take(40).collect::<String>(), ProblemKind::TooLong(most)));
            }
        }
        out
    }

    /// The version with its document fields tidied: trimmed, empty as none, and the title without
    /// the 《》 that the display adds.
    fn tidied(&self) -> Policy {
        let tidy = |v: &Option<String>, strip: bool| {
            v.as_deref()
                .map(|t| if strip { t.trim().trim_start_matches('《').trim_end_matches('》') } else { t })
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
        };
        Policy { document_title: tidy(&self.document_title, true), document_no: tidy(&self.document_no, false), ..self.clone() }
    }
}

/// 《title》（number）, or either alone; `None` when neither is recorded.
pub fn document_name(title: Option<&str>, number: Option<&str>) -> Option<String> {
    match (title, number) {
        (Some(t), Some(n)) => Some(format!("《{t}》（{n}）")),
        (Some(t), None) => Some(format!("《{t}》")),
        (None, Some(n)) => Some(n.to_string()),
        (None, None) => None,
    }
}

/// A version's name in sentences: its document, or else "the version in force from DAY".
pub fn named(document: Option<&str>, effective_on: NaiveDate, lang: crate::Lang) -> String {
    match document {
        Some(d) => d.to_string(),
        None => match lang {
            crate::Lang::Zh => format!("{} 起施行的版本（未登记文件名称和文号）", crate::date::iso(effective_on)),
            crate::Lang::En => format!("the version in force from {} (no document recorded)", crate::date::iso(effective_on)),
        },
    }
}

impl Policy {
    /// The recipients' problems: each name (1–50 characters, distinct), each share (0.01–100 %),
    /// and — with any recipient — the transfer and license ratios plus the recipients exactly
    /// 100 %, and the transfer, license and equity ratios at least the statutory 50 %.
    fn recipient_problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        if self.recipients.is_empty() {
            return out;
        }
        for (i, r) in self.recipients.iter().enumerate() {
            let name = r.name.trim();
            if name.is_empty() {
                out.push(Problem::field(&format!("recipients[{i}].name"), "", ProblemKind::Required));
            } else if name.chars().count() > 50 {
                out.push(Problem::field(
                    &format!("recipients[{i}].name"),
                    name.chars().take(40).collect::<String>(),
                    ProblemKind::TooLong(50),
                ));
            } else if self.recipients[..i].iter().any(|o| o.name.trim() == name) {
                out.push(Problem::field(&format!("recipients[{i}].name"), name, ProblemKind::RepeatedEntry(name.to_string())));
            }
            if !(1..=FULL_BP).contains(&r.share_bp) {
                out.push(Problem::field(&format!("recipients[{i}].share_bp"), r.share_bp.to_string(), ProblemKind::Ratio));
            }
        }
        let shares: i64 = self.recipients.iter().map(|r| r.share_bp).sum();
        let mut sums: Vec<i64> = Vec::new();
        for ratio in [self.transfer_bp, self.license_bp] {
            let total = ratio + shares;
            if total != FULL_BP && !sums.contains(&total) {
                sums.push(total);
                out.push(Problem::field("recipients", total.to_string(), ProblemKind::PartsSum(total)));
            }
        }
        for (field, bp) in [("transfer_bp", self.transfer_bp), ("license_bp", self.license_bp), ("equity_bp", self.equity_bp)] {
            if (0..STATUTORY_MINIMUM_BP).contains(&bp) {
                out.push(Problem::field(field, bp.to_string(), ProblemKind::StatutoryMinimum(STATUTORY_MINIMUM_BP)));
            }
        }
        out
    }

    /// A version read from a policy's JSON (`policy add FILE.json`): the shape of
    /// [`list`]'s elements, every key known (`id`, `version` and `in_use` are ignored: the
    /// version is added as a new one). Problems name the key or, for JSON that cannot be read,
    /// its line.
    pub fn from_json(text: &str) -> std::result::Result<Policy, Vec<Problem>> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            vec![Problem {
                sheet: String::new(),
                row: e.line(),
                col: None,
                column: String::new(),
                value: String::new(),
                kind: ProblemKind::Unreadable(e.to_string()),
            }]
        })?;
        let Some(object) = value.as_object() else {
            return Err(vec![Problem::field("", "", ProblemKind::Unreadable("a JSON object {…} is expected".into()))]);
        };
        let mut problems: Vec<Problem> = object
            .keys()
            .filter(|k| !JSON_FIELDS.contains(&k.as_str()))
            .map(|k| Problem::field(k, "", ProblemKind::UnknownColumn))
            .collect();
        let mut full = serde_json::Map::new();
        // The fields that are not the version's content may be left out.
        full.insert("id".into(), serde_json::Value::Null);
        full.insert("in_use".into(), serde_json::Value::Bool(false));
        for (k, v) in object {
            full.insert(k.clone(), v.clone());
        }
        match serde_json::from_value::<Policy>(serde_json::Value::Object(full)) {
            Ok(mut p) if problems.is_empty() => {
                (p.id, p.version, p.in_use) = (None, 0, false);
                Ok(p)
            }
            Ok(_) => Err(problems),
            Err(e) => {
                problems.push(Problem::field("", "", ProblemKind::Unreadable(e.to_string())));
                Err(problems)
            }
        }
    }
}

const COLUMNS: &str = "id, effective_on, transfer_bp, license_bp, equity_bp, development_bp, consulting_bp, service_bp,
    key_contributor_min_bp, transfer_staff_bp, transfer_staff_min_bp, publicity_days, payment_deadline_months,
    remainder_department_bp, remainder_university_bp, remainder_office_bp, note,
    EXISTS (SELECT 1 FROM distribution d WHERE d.policy_id = policy.id AND d.state <> 'draft'), version, document_title, document_no";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Policy> {
    Ok(Policy {
        id: r.get(0)?,
        version: r.get(18)?,
        effective_on: r.get(1)?,
        transfer_bp: r.get(2)?,
        license_bp: r.get(3)?,
        equity_bp: r.get(4)?,
        development_bp: r.get(5)?,
        consulting_bp: r.get(6)?,
        service_bp: r.get(7)?,
        tiers: Vec::new(),
        key_contributor_min_bp: r.get(8)?,
        transfer_staff_bp: r.get(9)?,
        transfer_staff_min_bp: r.get(10)?,
        publicity_days: r.get(11)?,
        payment_deadline_months: r.get(12)?,
        recipients: Vec::new(),
        note: r.get(16)?,
        in_use: r.get(17)?,
        document_title: r.get(19)?,
        document_no: r.get(20)?,
    })
}

fn with_tiers(conn: &Connection, mut p: Policy) -> Result<Policy> {
    let mut stmt =
        conn.prepare_cached("SELECT kind, min_amount_fen, in_province, ratio_bp FROM policy_tier WHERE policy_id = ?1 ORDER BY position")?;
    p.tiers = stmt
        .query_map(params![p.id], |r| Ok(Tier { kind: r.get(0)?, min_amount_fen: r.get(1)?, in_province: r.get(2)?, ratio_bp: r.get(3)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare_cached("SELECT name, share_bp FROM policy_recipient WHERE policy_id = ?1 ORDER BY position")?;
    p.recipients =
        stmt.query_map(params![p.id], |r| Ok(Recipient { name: r.get(0)?, share_bp: r.get(1)? }))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(p)
}

/// Every version, oldest first.
pub fn list(store: &Store) -> Result<Vec<Policy>> {
    let mut stmt = store.conn().prepare(&format!("SELECT {COLUMNS} FROM policy ORDER BY effective_on"))?;
    let versions = stmt.query_map([], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    versions.into_iter().map(|p| with_tiers(store.conn(), p)).collect()
}

/// One version by id.
pub fn get(conn: &Connection, id: i64) -> Result<Policy> {
    let p = conn
        .query_row(&format!("SELECT {COLUMNS} FROM policy WHERE id = ?1"), params![id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "policy", key: id.to_string() })?;
    with_tiers(conn, p)
}

/// The version in force for a contract signed on `signed_on` (the migration ships one from 1900,
/// so there always is one unless a person deleted it, which [`delete`] refuses).
pub fn in_force(conn: &Connection, signed_on: NaiveDate) -> Result<Policy> {
    let id: Option<i64> = conn
        .query_row("SELECT id FROM policy WHERE effective_on <= ?1 ORDER BY effective_on DESC LIMIT 1", params![signed_on], |r| r.get(0))
        .optional()?;
    match id {
        Some(id) => get(conn, id),
        None => Ok(Policy::default_from(signed_on)),
    }
}

/// Adds a version (`id` None) or changes one not yet used by an approved distribution; audited.
/// A change is refused (`edit_conflict`) when the version is no longer at the form's edit
/// version. Returns the id.
pub fn save(store: &mut Store, actor: &Actor, policy: &Policy) -> Result<i64> {
    let policy = &policy.tidied();
    // The write lock first, so that nobody changes what is checked.
    let tx = store.write()?;
    let before = policy.id.map(|id| get(&tx, id)).transpose()?;
    if let Some(b) = &before {
        let json = |p: &Policy| serde_json::to_value(p).unwrap_or_default();
        version::check(&tx, &version::POLICY, b.version, policy.version, || version::Stale {
            id: b.id.unwrap_or_default(),
            label: crate::date::iso(b.effective_on),
            audit_keys: vec![b.id.unwrap_or_default().to_string()],
            submitted: json(policy),
            stored: json(b),
        })?;
    }
    let mut problems = policy.problems();
    let clash: Option<i64> = tx
        .query_row("SELECT id FROM policy WHERE effective_on = ?1 AND id IS NOT ?2", params![policy.effective_on, policy.id], |r| r.get(0))
        .optional()?;
    if !problems.is_empty() {
        // Listed with the others, so that a file's author sees every problem at once.
        if clash.is_some() {
            problems.push(Problem::field("effective_on", crate::date::iso(policy.effective_on), ProblemKind::DuplicateInDatabase));
        }
        return Err(Error::Invalid(problems));
    }
    // A version in use keeps its figures; its document name and number can still be recorded,
    // since they change no amount (an office adds them to the version it has always used).
    let only_document = |b: &Policy| {
        let figures = |p: &Policy| Policy { id: None, version: 0, in_use: false, document_title: None, document_no: None, ..p.clone() };
        figures(b) == figures(policy)
    };
    if let Some(b) = before.as_ref().filter(|b| b.in_use) {
        if !only_document(b) {
            return Err(Error::Refused { code: "policy_in_use", detail: crate::date::iso(policy.effective_on) });
        }
        tx.execute(
            "UPDATE policy SET document_title = ?1, document_no = ?2, version = version + 1 WHERE id = ?3",
            params![policy.document_title, policy.document_no, b.id],
        )?;
        let after = Policy { in_use: true, ..policy.clone() };
        let json = |p: &Policy| version::unversioned(p);
        Journal::start(&tx, actor)?.record(
            &tx,
            Action::Update,
            "policy",
            &b.id.unwrap_or_default().to_string(),
            Some(&json(b)),
            Some(&json(&after)),
        )?;
        tx.commit()?;
        return Ok(b.id.unwrap_or_default());
    }
    if clash.is_some() {
        return Err(Error::Refused { code: "policy_overlap", detail: crate::date::iso(policy.effective_on) });
    }
    let values = params![
        policy.effective_on,
        policy.transfer_bp,
        policy.license_bp,
        policy.equity_bp,
        policy.development_bp,
        policy.consulting_bp,
        policy.service_bp,
        policy.key_contributor_min_bp,
        policy.transfer_staff_bp,
        policy.transfer_staff_min_bp,
        policy.publicity_days,
        policy.payment_deadline_months,
        // The schema-2 remainder split is no longer read (schema 12: recipients); its columns keep the default.
        0,
        FULL_BP,
        0,
        policy.note.as_deref().map(str::trim).filter(|n| !n.is_empty()),
        policy.document_title,
        policy.document_no,
    ];
    let id = match policy.id {
        Some(id) => {
            tx.execute(
                "UPDATE policy SET effective_on = ?1, transfer_bp = ?2, license_bp = ?3, equity_bp = ?4, development_bp = ?5,
                 consulting_bp = ?6, service_bp = ?7, key_contributor_min_bp = ?8, transfer_staff_bp = ?9, transfer_staff_min_bp = ?10,
                 publicity_days = ?11, payment_deadline_months = ?12, remainder_department_bp = ?13, remainder_university_bp = ?14,
                 remainder_office_bp = ?15, note = ?16, document_title = ?17, document_no = ?18, version = version + 1 WHERE id = ?19",
                rusqlite::params_from_iter(values.iter().copied().chain(std::iter::once(&id as &dyn rusqlite::ToSql))),
            )?;
            tx.execute("DELETE FROM policy_tier WHERE policy_id = ?1", params![id])?;
            id
        }
        None => {
            tx.execute(
                "INSERT INTO policy (effective_on, transfer_bp, license_bp, equity_bp, development_bp, consulting_bp, service_bp,
                 key_contributor_min_bp, transfer_staff_bp, transfer_staff_min_bp, publicity_days, payment_deadline_months,
                 remainder_department_bp, remainder_university_bp, remainder_office_bp, note, document_title, document_no)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
                values,
            )?;
            tx.last_insert_rowid()
        }
    };
    for (i, t) in policy.tiers.iter().enumerate() {
        tx.execute(
            "INSERT INTO policy_tier (policy_id, position, kind, min_amount_fen, in_province, ratio_bp) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, i as i64, t.kind, t.min_amount_fen, t.in_province, t.ratio_bp],
        )?;
    }
    tx.execute("DELETE FROM policy_recipient WHERE policy_id = ?1", params![id])?;
    for (i, r) in policy.recipients.iter().enumerate() {
        tx.execute(
            "INSERT INTO policy_recipient (policy_id, position, name, share_bp) VALUES (?1, ?2, ?3, ?4)",
            params![id, i as i64, r.name.trim(), r.share_bp],
        )?;
    }
    let after = Policy { id: Some(id), in_use: false, ..policy.clone() };
    let json = |p: &Policy| version::unversioned(p);
    let action = if before.is_some() { Action::Update } else { Action::Insert };
    Journal::start(&tx, actor)?.record(&tx, action, "policy", &id.to_string(), before.as_ref().map(json).as_ref(), Some(&json(&after)))?;
    tx.commit()?;
    Ok(id)
}

/// Removes a version no distribution uses, keeping at least one; audited.
pub fn delete(store: &mut Store, actor: &Actor, id: i64) -> Result<()> {
    let before = get(store.conn(), id)?;
    let used: bool =
        store.conn().query_row("SELECT EXISTS (SELECT 1 FROM distribution WHERE policy_id = ?1)", params![id], |r| r.get(0))?;
    if used {
        return Err(Error::Refused { code: "policy_in_use", detail: crate::date::iso(before.effective_on) });
    }
    let count: i64 = store.conn().query_row("SELECT count(*) FROM policy", [], |r| r.get(0))?;
    if count <= 1 {
        return Err(Error::Refused { code: "policy_last", detail: String::new() });
    }
    let tx = store.write()?;
    tx.execute("DELETE FROM policy WHERE id = ?1", params![id])?;
    let before = version::unversioned(&before);
    Journal::start(&tx, actor)?.record(&tx, Action::Delete, "policy", &id.to_string(), Some(&before), None)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn actor() -> Actor {
        Actor { name: "t".into(), at: day(2026, 11, 23).and_hms_opt(9, 0, 0).expect("time") }
    }

    fn tiered() -> Policy {
        let mut p = Policy::default_from(day(2024, 1, 1));
        p.tiers = vec![
            Tier { kind: None, min_amount_fen: Money(100_000_000), in_province: false, ratio_bp: 7500 },
            Tier { kind: None, min_amount_fen: Money(100_000_000), in_province: true, ratio_bp: 8000 },
            Tier { kind: Some(ContractKind::License), min_amount_fen: Money(0), in_province: true, ratio_bp: 7200 },
        ];
        p
    }

    #[rstest]
    // Below every threshold, out of province: the kind's 70%.
    #[case(ContractKind::Transfer, 50_000_000, false, 7000)]
    // From 1,000,000 yuan (inclusive): 75%; in the province: 80%.
    #[case(ContractKind::Transfer, 100_000_000, false, 7500)]
    #[case(ContractKind::Transfer, 100_000_000, true, 8000)]
    // A license in the province below the threshold: its own tier.
    #[case(ContractKind::License, 50_000_000, true, 7200)]
    // Above the threshold the higher threshold is more specific than the kind.
    #[case(ContractKind::License, 200_000_000, true, 8000)]
    // 四技 keeps its own 0% below the thresholds.
    #[case(ContractKind::Service, 50_000_000, true, 0)]
    fn tiers_replace_the_kind_ratio(#[case] kind: ContractKind, #[case] amount: i64, #[case] local: bool, #[case] ratio: i64) {
        assert_eq!(tiered().terms(kind, Money(amount), local).ratio_bp, ratio);
    }

    #[test]
    fn versions_follow_the_signing_date() {
        let mut store = Store::in_memory().expect("store");
        let mut zhejiang = Policy::default_from(day(2024, 7, 1));
        zhejiang.key_contributor_min_bp = 7000;
        zhejiang.transfer_staff_bp = Some(500);
        let id = save(&mut store, &actor(), &zhejiang).expect("saved");
        assert_eq!(in_force(store.conn(), day(2024, 6, 30)).expect("old").key_contributor_min_bp, 5000, "the shipped default before");
        assert_eq!(in_force(store.conn(), day(2024, 7, 1)).expect("new").id, Some(id), "in force from its day");
        assert_eq!(list(&store).expect("list").len(), 2);
    }

    #[test]
    fn a_version_is_named_by_its_document_and_by_its_date_only_without_one() {
        let mut store = Store::in_memory().expect("store");
        let mut p = Policy::default_from(day(2023, 3, 1));
        p.document_title = Some(" 《西南理工大学科技成果转化管理办法》 ".into());
        p.document_no = Some("校发〔2023〕12号".into());
        let id = save(&mut store, &actor(), &p).expect("saved");
        let saved = get(store.conn(), id).expect("read");
        assert_eq!(saved.document_title.as_deref(), Some("西南理工大学科技成果转化管理办法"), "stored without 《》 and spaces");
        assert_eq!(saved.name(crate::Lang::Zh), "《西南理工大学科技成果转化管理办法》（校发〔2023〕12号）");
        let shipped = in_force(store.conn(), day(2000, 1, 1)).expect("1900");
        assert_eq!(shipped.name(crate::Lang::Zh), "1900-01-01 起施行的版本（未登记文件名称和文号）");
        assert_eq!(document_name(None, Some("校发〔2023〕12号")).as_deref(), Some("校发〔2023〕12号"));
    }

    #[test]
    fn a_version_in_use_takes_its_document_but_keeps_its_figures() {
        let mut store = Store::in_memory().expect("store");
        let id = save(&mut store, &actor(), &Policy::default_from(day(2024, 1, 1))).expect("saved");
        // An approved distribution freezes the version (written directly: only its policy matters here).
        store.conn().execute_batch("PRAGMA foreign_keys = OFF").expect("pragma");
        store
            .conn()
            .execute(
                "INSERT INTO distribution (id, contract_id, policy_id, kind, state, through_on, ratio_bp, receipts_fen, costs_fen,
                   carried_in_costs_fen, net_income_fen, carried_out_costs_fen, institution_fen, created_at, registered, decision_on)
                 VALUES (1, 1, ?1, 'license', 'approved', '2024-06-30', 7000, 0, 0, 0, 0, 0, 0, '2024-06-30', 0, '2024-06-30')",
                params![id],
            )
            .expect("approved distribution");
        let mut p = get(store.conn(), id).expect("read");
        assert!(p.in_use);
        p.document_no = Some("校发〔2024〕3号".into());
        save(&mut store, &actor(), &p).expect("the number is recorded");
        let mut changed = get(store.conn(), id).expect("read");
        assert_eq!(changed.document_no.as_deref(), Some("校发〔2024〕3号"));
        changed.license_bp = 8000;
        assert!(matches!(save(&mut store, &actor(), &changed), Err(Error::Refused { code: "policy_in_use", .. })));
    }

    #[test]
    fn bad_versions_are_refused_and_nothing_is_written() {
        let mut store = Store::in_memory().expect("store");
        let mut bad = Policy::default_from(day(2025, 1, 1));
        bad.license_bp = 10_500;
        bad.recipients = vec![Recipient { name: "学校".into(), share_bp: 3000 }];
        match save(&mut store, &actor(), &bad) {
            Err(Error::Invalid(p)) => {
                let fields: Vec<&str> = p.iter().map(|p| p.column.as_str()).collect();
                // License 105% + 30% = 135% is not 100%.
                assert_eq!(fields, ["license_bp", "recipients"], "each wrong field is named");
            }
            other => panic!("a ratio above 100% must be refused: {other:?}"),
        }
        let same_day = Policy::default_from(day(1900, 1, 1));
        assert!(matches!(save(&mut store, &actor(), &same_day), Err(Error::Refused { code: "policy_overlap", .. })));
        assert_eq!(list(&store).expect("list").len(), 1, "nothing written");
        let only = list(&store).expect("list")[0].id.expect("id");
        assert!(matches!(delete(&mut store, &actor(), only), Err(Error::Refused { code: "policy_last", .. })));
    }
}
