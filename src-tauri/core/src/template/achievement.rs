//! The achievements template (成果): a row read into an [`Achievement`], checked and written.

use super::row::{Located, Record, RowReader};
use crate::error::Result;
use crate::model::{AchievementKind, AchievementStatus, Table};
use crate::portfolio::achievement::{
    inventor_list_problem, parse_co_owners, patent_year, unknown_inventors, Achievement, Inventor, NamedCoOwner,
};
use crate::problem::ProblemKind;
use crate::share::{parse_list, FULL_BP};
use crate::store::audit::{Action, Journal};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

impl Record for Achievement {
    const TABLE: Table = Table::Achievements;

    fn parse(r: &mut RowReader<'_>) -> Option<Self> {
        let before = r.problem_count();
        let achievement_no = r.text("achievement_no");
        let title = r.text("title");
        let kind = r.choice("kind", AchievementKind::parse, AchievementKind::choices);
        let patent = kind.is_some_and(AchievementKind::is_patent);
        let kind_label = kind.map(|k| k.zh()).unwrap_or("");
        let application_no = if patent {
            r.required_for("application_no", kind_label).and_then(|t| match crate::ident::application_no(&t) {
                // The number's type digit says which kind of patent it is: a wrong kind would
                // apply another fee table and term.
                Ok(v) => match crate::ident::application_kind(&v) {
                    Some(named) if Some(named) != kind => {
                        r.problem("application_no", &t, ProblemKind::ApplicationKind(named));
                        None
                    }
                    _ => Some(v),
                },
                Err(e) => {
                    r.problem("application_no", &t, ProblemKind::ApplicationNo(e));
                    None
                }
            })
        } else {
            r.text("application_no")
        };
        let filed_on = if patent {
            r.required_for("filed_on", kind_label);
            r.date("filed_on")
        } else {
            r.date("filed_on")
        };
        let grant_no = r.text("grant_no");
        let granted_on = r.date("granted_on");
        if let (Some(f), Some(g)) = (filed_on, granted_on) {
            if g < f {
                r.problem("granted_on", &crate::date::iso(g), ProblemKind::DateOrder("申请日".into()));
            }
        }
        let status = r.choice("status", AchievementStatus::parse, AchievementStatus::choices);
        // A patent in force was granted: without the date its fees and term cannot be right.
        if patent && status == Some(AchievementStatus::InForce) && granted_on.is_none() && r.text("granted_on").is_none() {
            r.problem("granted_on", "", ProblemKind::RequiredFor(format!("有效的{kind_label}")));
        }
        let department = r.text("department");
        let fiscal_project = r.text("fiscal_project");
        let fees_paid_through = if patent {
            r.integer("fees_paid_through", 1, 20)
        } else {
            r.must_be_empty("fees_paid_through", kind_label);
            None
        };
        let inventors = r.text("inventors").and_then(|t| parse_inventors(r, &t));
        let co_owners = match r.text("co_owners").map(|t| parse_co_owners(&t)) {
            None => Vec::new(),
            Some(Ok(list)) => list,
            Some(Err(problems)) => {
                for (value, kind) in problems {
                    r.problem("co_owners", &value, kind);
                }
                Vec::new()
            }
        };
        if r.problem_count() > before {
            return None;
        }
        Some(Achievement {
            achievement_no: achievement_no?,
            title: title?,
            kind: kind?,
            application_no,
            filed_on,
            grant_no,
            granted_on,
            status: status?,
            department: department?,
            fiscal_project,
            fees_paid_through,
            inventors: inventors?,
            co_owners,
        })
    }

    fn unique_keys(&self) -> Vec<(&'static str, String, &'static str)> {
        let mut keys = vec![("achievement_no", self.achievement_no.clone(), "SELECT count(*) FROM achievement WHERE achievement_no = ?1")];
        if let Some(no) = &self.application_no {
            keys.push(("application_no", no.clone(), "SELECT count(*) FROM achievement WHERE application_no = ?1"));
        }
        keys
    }

    fn check(&self, conn: &Connection, r: &mut Located<'_>) -> Result<()> {
        for id in unknown_inventors(conn, &self.inventors)? {
            r.push("inventors", &id, ProblemKind::UnknownReference("person", id.clone()));
        }
        // Like a contract's counterparty: a co-owner is an organization already imported, named
        // exactly; a name the office mistyped must not create a second organization.
        let mut organization = conn.prepare_cached("SELECT count(*) FROM organization WHERE name = ?1")?;
        for c in &self.co_owners {
            let n: i64 = organization.query_row(params![c.name], |row| row.get(0))?;
            if n == 0 {
                r.push("co_owners", &c.name, ProblemKind::UnknownReference("organization", c.name.clone()));
            }
        }
        Ok(())
    }

    fn insert(&self, conn: &Connection, journal: &mut Journal<'_>, today: NaiveDate) -> Result<Option<String>> {
        let department = crate::portfolio::department::ensure(conn, &self.department)?;
        let mut warning = None;
        let mut paid_through = self.fees_paid_through;
        let assumed = paid_through.is_none() && self.kind.is_patent() && self.granted_on.is_some();
        if assumed {
            if let Some(filed) = self.filed_on {
                let year = patent_year(filed, today).min(20);
                paid_through = Some(year);
                warning = Some(format!("{}: 年费已缴至为空，按导入日所在专利年度假定为第 {year} 年", self.achievement_no));
            }
        }
        conn.prepare_cached(
            "INSERT INTO achievement (achievement_no, title, kind, application_no, filed_on, grant_no, granted_on, status,
                                      department_id, fiscal_project, fees_paid_through, fees_paid_through_assumed)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?
        .execute(params![
            self.achievement_no,
            self.title,
            self.kind,
            self.application_no,
            self.filed_on.map(crate::date::iso),
            self.grant_no,
            self.granted_on.map(crate::date::iso),
            self.status,
            department,
            self.fiscal_project,
            paid_through,
            assumed && paid_through.is_some(),
        ])?;
        let id = conn.last_insert_rowid();
        let mut person = conn.prepare_cached("SELECT id FROM person WHERE employee_id = ?1")?;
        let mut link = conn.prepare_cached(
            "INSERT INTO inventor (achievement_id, person_id, position, share_bp, key_contributor) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (position, inventor) in self.inventors.iter().enumerate() {
            let person_id: Option<i64> = person.query_row(params![inventor.employee_id], |r| r.get(0)).optional()?;
            let person_id = person_id.ok_or_else(|| crate::error::Error::NotFound { what: "person", key: inventor.employee_id.clone() })?;
            link.execute(params![id, person_id, position as i64, inventor.share_bp, inventor.key_contributor])?;
        }
        let mut logged = serde_json::to_value(self).unwrap_or_default();
        logged["fees_paid_through"] = serde_json::json!(paid_through);
        journal.record(conn, Action::Insert, "achievement", &self.achievement_no, None, Some(&logged))?;
        if !self.co_owners.is_empty() {
            insert_co_owners(conn, journal, id, &self.achievement_no, &self.co_owners)?;
        }
        Ok(warning)
    }
}

/// Writes a new achievement's co-owners with one audit entry in the achievement form's own
/// shape (`portfolio::register`: entity `co_owner`, `[{organization_id, fee_reduction}]`), so
/// that the history reads the same whichever way they came in.
fn insert_co_owners(conn: &Connection, journal: &mut Journal<'_>, id: i64, achievement_no: &str, co_owners: &[NamedCoOwner]) -> Result<()> {
    let mut find = conn.prepare_cached("SELECT id FROM organization WHERE name = ?1")?;
    let mut link = conn.prepare_cached("INSERT INTO co_owner (achievement_id, organization_id, fee_reduction) VALUES (?1, ?2, ?3)")?;
    let mut logged = Vec::with_capacity(co_owners.len());
    for c in co_owners {
        let organization: i64 = find
            .query_row(params![c.name], |r| r.get(0))
            .optional()?
            .ok_or_else(|| crate::error::Error::NotFound { what: "organization", key: c.name.clone() })?;
        link.execute(params![id, organization, c.fee_reduction])?;
        logged.push(serde_json::json!({"organization_id": organization, "fee_reduction": c.fee_reduction}));
    }
    journal.record(conn, Action::Insert, "co_owner", achievement_no, None, Some(&serde_json::Value::Array(logged)))?;
    Ok(())
}

fn parse_inventors(r: &mut RowReader<'_>, text: &str) -> Option<Vec<Inventor>> {
    let entries = match parse_list(text) {
        Ok(e) => e,
        Err(e) => {
            r.problem("inventors", text, ProblemKind::List(e));
            return None;
        }
    };
    // A single inventor may omit the share: it can only be 100%.
    let single = entries.len() == 1 && entries[0].bp.is_none();
    let mixed = !single && entries.iter().any(|e| e.bp.is_none());
    let inventors: Vec<Inventor> = entries
        .into_iter()
        .map(|e| Inventor { employee_id: e.key, share_bp: e.bp.unwrap_or(FULL_BP), key_contributor: e.starred })
        .collect();
    let problem = match inventor_list_problem(&inventors) {
        repeated @ Some(ProblemKind::RepeatedEntry(_)) => repeated,
        _ if mixed => Some(ProblemKind::MixedWeights),
        other => other,
    };
    if let Some(kind) = problem {
        r.problem("inventors", text, kind);
        return None;
    }
    Some(inventors)
}
