//! Achievements (科技成果): patents and other results, with their inventors' shares.

use crate::error::Result;
use crate::model::{AchievementKind, AchievementStatus};
use crate::problem::ProblemKind;
use crate::share::FULL_BP;
use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An inventor (完成人) of an achievement (or of a disclosure) with a contribution share.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Inventor {
    /// 工号 of the person.
    pub employee_id: String,
    /// Contribution share in bp; an achievement's shares sum to 10000.
    #[ts(type = "number")]
    pub share_bp: i64,
    /// 主要贡献人员.
    pub key_contributor: bool,
}

/// A row of the achievements template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Achievement {
    /// 成果编号, unique, the office's own number.
    pub achievement_no: String,
    /// 成果名称.
    pub title: String,
    /// 成果类型.
    pub kind: AchievementKind,
    /// 申请号, normalized for patents.
    pub application_no: Option<String>,
    /// 申请日.
    pub filed_on: Option<NaiveDate>,
    /// 授权号 or registration number.
    pub grant_no: Option<String>,
    /// 授权日.
    pub granted_on: Option<NaiveDate>,
    /// 法律状态.
    pub status: AchievementStatus,
    /// 所属单位.
    pub department: String,
    /// 财政资助项目 number.
    pub fiscal_project: Option<String>,
    /// 年费已缴至: the last patent year paid.
    pub fees_paid_through: Option<i64>,
    /// 完成人, in the order given.
    pub inventors: Vec<Inventor>,
}

/// The patent year (1-based, counted from the filing date) that contains `on`.
pub fn patent_year(filed_on: NaiveDate, on: NaiveDate) -> i64 {
    let mut years = i64::from(on.year() - filed_on.year());
    if (on.month(), on.day()) < (filed_on.month(), filed_on.day()) {
        years -= 1;
    }
    years.max(0) + 1
}

/// What is wrong with an inventor list as a whole, if anything: a person twice, a share outside
/// 0–100%, or shares not adding up to exactly 100%. The one rule for files, forms and disclosures.
pub fn inventor_list_problem(inventors: &[Inventor]) -> Option<ProblemKind> {
    let mut seen = std::collections::HashSet::new();
    if let Some(twice) = inventors.iter().find(|i| !seen.insert(i.employee_id.as_str())) {
        return Some(ProblemKind::RepeatedEntry(twice.employee_id.clone()));
    }
    if inventors.iter().any(|i| !(1..=FULL_BP).contains(&i.share_bp)) {
        return Some(ProblemKind::Percent(crate::share::ShareError::OutOfRange));
    }
    let sum: i64 = inventors.iter().map(|i| i.share_bp).sum();
    (sum != FULL_BP).then_some(ProblemKind::SharesSum(sum))
}

/// The employee IDs of a list that name nobody in the store.
pub fn unknown_inventors(conn: &Connection, inventors: &[Inventor]) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT count(*) FROM person WHERE employee_id = ?1")?;
    let mut unknown = Vec::new();
    for inventor in inventors {
        let n: i64 = stmt.query_row(params![inventor.employee_id], |row| row.get(0))?;
        if n == 0 {
            unknown.push(inventor.employee_id.clone());
        }
    }
    Ok(unknown)
}

/// Formats inventors as the template writes them: `T001*:50; T002:50`.
pub fn format_inventors(inventors: &[Inventor]) -> String {
    inventors
        .iter()
        .map(|i| format!("{}{}:{}", i.employee_id, if i.key_contributor { "*" } else { "" }, crate::share::format_percent(i.share_bp)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The ids of the achievements numbered `nos`, in order; each unknown number becomes a problem of
/// form field `field` (the caller writes nothing while there is one).
pub fn ids_by_no<'a>(
    conn: &Connection,
    nos: impl IntoIterator<Item = &'a str>,
    field: &str,
    problems: &mut Vec<crate::problem::Problem>,
) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM achievement WHERE achievement_no = ?1")?;
    let mut ids = Vec::new();
    for no in nos {
        match stmt.query_row([no.trim()], |r| r.get(0)).optional()? {
            Some(id) => ids.push(id),
            None => problems.push(crate::problem::Problem::field(field, no, ProblemKind::UnknownReference("achievement", no.to_string()))),
        }
    }
    Ok(ids)
}

/// Every achievement with its inventors, by achievement number. Assumed paid-through years are
/// left empty, as they were in the file.
pub fn load_all(conn: &Connection) -> Result<Vec<Achievement>> {
    let mut inventors: std::collections::HashMap<i64, Vec<Inventor>> = std::collections::HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT i.achievement_id, p.employee_id, i.share_bp, i.key_contributor FROM inventor i JOIN person p ON p.id = i.person_id
         ORDER BY i.achievement_id, i.position",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        inventors.entry(r.get(0)?).or_default().push(Inventor { employee_id: r.get(1)?, share_bp: r.get(2)?, key_contributor: r.get(3)? });
    }
    let mut stmt = conn.prepare(
        "SELECT a.id, a.achievement_no, a.title, a.kind, a.application_no, a.filed_on, a.grant_no, a.granted_on, a.status, d.name,
                a.fiscal_project, CASE WHEN a.fees_paid_through_assumed = 1 THEN NULL ELSE a.fees_paid_through END
         FROM achievement a JOIN department d ON d.id = a.department_id ORDER BY a.achievement_no",
    )?;
    let list = stmt
        .query_map([], |r| {
            let id: i64 = r.get(0)?;
            Ok(Achievement {
                achievement_no: r.get(1)?,
                title: r.get(2)?,
                kind: r.get(3)?,
                application_no: r.get(4)?,
                filed_on: r.get(5)?,
                grant_no: r.get(6)?,
                granted_on: r.get(7)?,
                status: r.get(8)?,
                department: r.get(9)?,
                fiscal_project: r.get(10)?,
                fees_paid_through: r.get(11)?,
                inventors: inventors.remove(&id).unwrap_or_default(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid")
    }

    #[test]
    fn patent_years_start_on_the_filing_anniversary() {
        // Filed 2019-06-01: year 1 runs to 2020-05-31, year 5 starts 2023-06-01
        // (docs/rules/fees.md "Patent years and terms").
        assert_eq!(patent_year(d(2019, 6, 1), d(2019, 6, 1)), 1);
        assert_eq!(patent_year(d(2019, 6, 1), d(2020, 5, 31)), 1);
        assert_eq!(patent_year(d(2019, 6, 1), d(2023, 6, 1)), 5);
        assert_eq!(patent_year(d(2019, 6, 1), d(2023, 5, 31)), 4);
    }
}
