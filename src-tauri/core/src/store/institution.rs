//! The institution's profile (单位信息): name, province (decides 本省/外省), fee reduction, and
//! the code, type and competent department the annual report's cover names. A new data file
//! starts with the profile, so [`Store::create`] is here, above the store it makes.

use crate::error::{Error, Result};
use crate::store::audit::{Action, Journal};
use crate::store::{Actor, Store};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// The institution that keeps this portfolio.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Institution {
    /// Full name, e.g. 西南理工大学.
    pub name: String,
    /// Province-level region, e.g. 四川省.
    pub province: String,
    /// 费减备案 accepted: annual fees are reduced.
    pub fee_reduction: bool,
}

impl Institution {
    /// Checks the profile before it is stored.
    pub fn validated(mut self) -> Result<Institution> {
        self.name = self.name.trim().to_string();
        let mut problems = Vec::new();
        let problem = |column: &str, value: &str, kind| crate::problem::Problem::field(column, value, kind);
        if self.name.is_empty() || self.name.chars().count() > 200 {
            problems.push(problem("institution", &self.name, crate::problem::ProblemKind::Required));
        }
        match crate::model::parse_region(&self.province) {
            Some(p) if p != crate::model::ABROAD => self.province = p.to_string(),
            _ => problems.push(problem("province", &self.province, crate::problem::ProblemKind::Region)),
        }
        if problems.is_empty() {
            Ok(self)
        } else {
            Err(Error::Invalid(problems))
        }
    }
}

/// A new data file starts with the institution's profile, so it is made here, where the profile
/// is, and not in [`super`], which the profile needs.
impl Store {
    /// Creates a new data file (owner-only permissions) with the current schema and the
    /// institution's profile. Refuses to overwrite an existing file.
    pub fn create(path: &Path, institution: &Institution, actor: &Actor) -> Result<Store> {
        let mut store = Self::create_unwritten(path)?;
        save(&mut store, actor, institution)?;
        Ok(store)
    }

    /// Creates a new data file (owner-only permissions) with the current schema and nothing in
    /// it yet; the caller writes the profile ([`save`]). A file that a cut-short creation left
    /// behind — a TransferDesk file nothing was ever written to (no audit entry), e.g. from a
    /// demo killed inside its one transaction — is taken over; any other file is refused.
    pub fn create_unwritten(path: &Path) -> Result<Store> {
        if path.exists() {
            if !never_written(path) {
                return Err(Error::AlreadyExists(path.to_path_buf()));
            }
            let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)?;
            return Self::prepare(conn, path);
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        super::file::create_private_file(path)?;
        let conn = Connection::open(path)?;
        Self::prepare(conn, path)
    }
}

/// A TransferDesk file with its schema and not one audit entry: nothing was ever written to it.
fn never_written(path: &Path) -> bool {
    let Ok(conn) = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY) else { return false };
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap_or(0);
    version > 0 && conn.query_row("SELECT count(*) = 0 FROM audit_log", [], |r| r.get::<_, bool>(0)).unwrap_or(false)
}

/// Writes the profile (the single row), with its audit entry.
pub fn save(store: &mut Store, actor: &Actor, institution: &Institution) -> Result<()> {
    let before = load(store).ok();
    let tx = store.write()?;
    tx.execute(
        "INSERT INTO institution (id, name, province, fee_reduction) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, province = excluded.province, fee_reduction = excluded.fee_reduction,
         version = version + 1",
        params![institution.name, institution.province, institution.fee_reduction],
    )?;
    let (action, before) = match &before {
        Some(b) => (Action::Update, Some(serde_json::to_value(b).unwrap_or_default())),
        None => (Action::Insert, None),
    };
    let after = serde_json::to_value(institution).unwrap_or_default();
    Journal::start(&tx, actor)?.record(&tx, action, "institution", "1", before.as_ref(), Some(&after))?;
    tx.commit()?;
    Ok(())
}

/// Reads the profile.
pub fn load(store: &Store) -> Result<Institution> {
    Ok(store.conn().query_row("SELECT name, province, fee_reduction FROM institution WHERE id = 1", [], |r| {
        Ok(Institution { name: r.get(0)?, province: r.get(1)?, fee_reduction: r.get(2)? })
    })?)
}

fn profile_in(conn: &Connection) -> Result<Profile> {
    Ok(conn.query_row(
        "SELECT name, province, fee_reduction, code, kind, competent_department, version, contact_office, contact_phone, contact_email
         FROM institution WHERE id = 1",
        [],
        |r| {
            Ok(Profile {
                institution: Institution { name: r.get(0)?, province: r.get(1)?, fee_reduction: r.get(2)? },
                code: r.get(3)?,
                kind: r.get(4)?,
                competent_department: r.get(5)?,
                version: r.get(6)?,
                contact: Contact { office: r.get(7)?, phone: r.get(8)?, email: r.get(9)? },
            })
        },
    )?)
}

/// The whole profile, as the settings screen edits it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Profile {
    /// Name, province and fee reduction.
    #[serde(flatten)]
    pub institution: Institution,
    /// 单位代码 (统一社会信用代码 or the ministry's institution code).
    pub code: Option<String>,
    /// 单位类型.
    pub kind: crate::model::InstitutionKind,
    /// 主管部门, e.g. 四川省教育厅.
    pub competent_department: Option<String>,
    /// Where objections to a reward publicity go; the notice prints it.
    #[serde(flatten, default)]
    pub contact: Contact,
    /// The version the settings were loaded at: a save is refused (`edit_conflict`) once someone
    /// else changed the profile (super::version).
    #[serde(default)]
    #[ts(type = "number")]
    pub version: i64,
}

/// 异议受理: the office that receives objections to a publicity, with its phone and e-mail.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Contact {
    /// 受理部门, e.g. 科学技术发展研究院技术转移中心.
    #[serde(rename = "contact_office", default)]
    pub office: Option<String>,
    /// 联系电话, e.g. 028-8760 1234.
    #[serde(rename = "contact_phone", default)]
    pub phone: Option<String>,
    /// 电子邮箱.
    #[serde(rename = "contact_email", default)]
    pub email: Option<String>,
}

impl Contact {
    /// The contact's problems by field: lengths, a phone of digits and separators, an e-mail
    /// with one @ and a dot in its domain.
    fn problems(&self) -> Vec<crate::problem::Problem> {
        use crate::problem::{Problem, ProblemKind};
        let mut out = Vec::new();
        for (field, value, max) in
            [("contact_office", &self.office, 100), ("contact_phone", &self.phone, 40), ("contact_email", &self.email, 100)]
        {
            if let Some(v) = value.as_deref().filter(|v| v.chars().count() > max) {
                out.push(Problem::field(field, v.chars().take(40).collect::<String>(), ProblemKind::TooLong(max)));
            }
        }
        let phone_ok =
            |p: &str| p.chars().any(|c| c.is_ascii_digit()) && p.chars().all(|c| c.is_ascii_digit() || " -+()（）转".contains(c));
        if let Some(p) = self.phone.as_deref().filter(|p| !phone_ok(p)) {
            out.push(Problem::field("contact_phone", p, ProblemKind::Phone));
        }
        let email_ok = |e: &str| {
            e.split_once('@').is_some_and(|(user, domain)| {
                !user.is_empty() && !domain.contains('@') && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
            }) && !e.contains(char::is_whitespace)
        };
        if let Some(e) = self.email.as_deref().filter(|e| !email_ok(e)) {
            out.push(Problem::field("contact_email", e, ProblemKind::Email));
        }
        out
    }

    /// The sentence of a notice: "受理部门：…；联系电话：…；电子邮箱：…", the parts recorded.
    pub fn line(&self) -> Option<String> {
        let parts: Vec<String> = [("受理部门", &self.office), ("联系电话", &self.phone), ("电子邮箱", &self.email)]
            .into_iter()
            .filter_map(|(label, v)| v.as_deref().map(|v| format!("{label}：{v}")))
            .collect();
        (!parts.is_empty()).then(|| parts.join("；"))
    }
}

/// Reads the whole profile.
pub fn load_profile(store: &Store) -> Result<Profile> {
    profile_in(store.conn())
}

/// Checks and writes the whole profile in one transaction with its audit entry; refused
/// (`edit_conflict`) when the profile is no longer at the form's version. Returns the profile as
/// saved, at its new version.
pub fn save_profile(store: &mut Store, actor: &Actor, profile: &Profile) -> Result<Profile> {
    // The write lock first, so that nobody changes what is checked.
    let tx = store.write()?;
    let before = profile_in(&tx)?;
    let json = |p: &Profile| serde_json::to_value(p).unwrap_or_default();
    super::version::check(&tx, &super::version::PROFILE, before.version, profile.version, || super::version::Stale {
        id: 1,
        label: before.institution.name.clone(),
        audit_keys: vec!["1".into()],
        submitted: json(profile),
        stored: json(&before),
    })?;
    use crate::problem::{Problem, ProblemKind};
    let tidy = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let (code, competent_department) = (tidy(&profile.code), tidy(&profile.competent_department));
    let contact =
        Contact { office: tidy(&profile.contact.office), phone: tidy(&profile.contact.phone), email: tidy(&profile.contact.email) };
    let mut problems = match profile.institution.clone().validated() {
        Ok(_) => Vec::new(),
        Err(Error::Invalid(p)) => p,
        Err(other) => return Err(other),
    };
    for (field, value, max) in [("code", &code, 40), ("competent_department", &competent_department, 100)] {
        if let Some(v) = value.as_deref().filter(|v| v.chars().count() > max) {
            problems.push(Problem::field(field, v, ProblemKind::TooLong(max)));
        }
    }
    problems.extend(contact.problems());
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let institution = profile.institution.clone().validated()?;
    let after = Profile { institution, code, kind: profile.kind, competent_department, contact, version: before.version + 1 };
    tx.execute(
        "UPDATE institution SET name = ?1, province = ?2, fee_reduction = ?3, code = ?4, kind = ?5, competent_department = ?6,
         contact_office = ?7, contact_phone = ?8, contact_email = ?9, version = version + 1 WHERE id = 1",
        params![
            after.institution.name,
            after.institution.province,
            after.institution.fee_reduction,
            after.code,
            after.kind,
            after.competent_department,
            after.contact.office,
            after.contact.phone,
            after.contact.email
        ],
    )?;
    let logged = |p: &Profile| super::version::unversioned(p);
    Journal::start(&tx, actor)?.record(&tx, Action::Update, "institution", "1", Some(&logged(&before)), Some(&logged(&after)))?;
    tx.commit()?;
    Ok(after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::InstitutionKind;

    fn actor() -> Actor {
        Actor { name: "t".into(), at: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("time") }
    }

    #[test]
    fn the_profile_is_saved_whole_or_not_at_all() {
        let dir = tempfile::tempdir().expect("tmp");
        let first = Institution { name: "西南理工大学".into(), province: "四川省".into(), fee_reduction: true };
        let mut store = Store::create(&dir.path().join("p.db"), &first, &actor()).expect("created");
        let fresh = load_profile(&store).expect("profile");
        assert_eq!((fresh.kind, fresh.code.as_deref(), fresh.competent_department.as_deref()), (InstitutionKind::University, None, None));

        let wanted = Profile {
            institution: Institution { name: " 西南理工大学 ".into(), province: "四川".into(), fee_reduction: false },
            code: Some(" 12510000450000000X ".into()),
            kind: InstitutionKind::Institute,
            competent_department: Some("四川省教育厅".into()),
            contact: Contact {
                office: Some(" 科技成果转化中心 ".into()),
                phone: Some("028-8760 1234".into()),
                email: Some("ttc@swut.edu.cn".into()),
            },
            version: fresh.version,
        };
        let saved = save_profile(&mut store, &actor(), &wanted).expect("saved");
        assert_eq!(saved.institution.name, "西南理工大学");
        assert_eq!(saved.institution.province, "四川省", "the province is written in full");
        assert_eq!(saved.code.as_deref(), Some("12510000450000000X"));
        assert_eq!(saved.contact.line().as_deref(), Some("受理部门：科技成果转化中心；联系电话：028-8760 1234；电子邮箱：ttc@swut.edu.cn"));
        assert_eq!(saved.version, fresh.version + 1, "a save adds one to the version");
        assert_eq!(load_profile(&store).expect("reloaded"), saved);

        let entries: i64 = store.conn().query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).expect("count");
        let bad = Profile {
            code: Some("9".repeat(41)),
            institution: Institution { province: "火星".into(), ..saved.institution.clone() },
            contact: Contact { office: None, phone: Some("八七六〇".into()), email: Some("ttc@swut".into()) },
            ..saved.clone()
        };
        match save_profile(&mut store, &actor(), &bad) {
            Err(Error::Invalid(problems)) => {
                let columns: Vec<(&str, &str)> = problems.iter().map(|p| (p.column.as_str(), p.kind.code())).collect();
                assert_eq!(
                    columns,
                    vec![("province", "bad_region"), ("code", "too_long"), ("contact_phone", "bad_phone"), ("contact_email", "bad_email")]
                );
            }
            other => panic!("refused with the four fields, got {other:?}"),
        }
        assert_eq!(load_profile(&store).expect("unchanged"), saved);
        let after: i64 = store.conn().query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).expect("count");
        assert_eq!(after, entries, "nothing written, nothing audited");
    }
}
