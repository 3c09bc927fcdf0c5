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
    /// 重要贡献人员.
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
    /// 共有人, by organization name. Logged in an entry of their own (entity `co_owner`, as the
    /// achievement form writes it), not in the achievement's.
    #[serde(skip)]
    pub co_owners: Vec<NamedCoOwner>,
}

/// A co-owner (共有人) as the achievements template writes it: an existing organization's exact
/// name and whether its own 费减备案 is accepted (`co_owner.fee_reduction`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NamedCoOwner {
    /// 单位名称, as in the organizations table.
    pub name: String,
    /// 是: its 费减备案 is accepted.
    pub fee_reduction: bool,
}

/// The longest organization name (the organizations template's 单位名称).
const ORGANIZATION_NAME_CHARS: usize = 200;

/// What the template writes for a co-owner's fee-reduction flag, and what the error names.
const YES: &str = "是";
const NO: &str = "否";

/// Reads the template's co-owner list: entries `单位名称:是` or `单位名称:否` (also `：`, and
/// `yes`/`no` in any case) separated by `;` or `；`. The flag is after the last colon, so a name
/// may hold a colon. Each bad entry is a problem of its own (the entry, what is wrong): an empty
/// name (`required`), no flag or a flag other than 是/否 (`bad_choice`), a name longer than an
/// organization's (`too_long`), a name given twice (`repeated_entry`); a cell of separators only
/// is an empty list (`bad_list`). Whether the names exist is the import's check.
pub fn parse_co_owners(text: &str) -> std::result::Result<Vec<NamedCoOwner>, Vec<(String, ProblemKind)>> {
    let mut out: Vec<NamedCoOwner> = Vec::new();
    let mut problems = Vec::new();
    for raw in text.split([';', '；']).map(str::trim).filter(|s| !s.is_empty()) {
        let mut bad = |kind: ProblemKind| problems.push((raw.to_string(), kind));
        let Some((name, flag)) = raw.rsplit_once([':', '：']) else {
            bad(ProblemKind::Choice(format!("单位名称:{YES} / 单位名称:{NO}")));
            continue;
        };
        let name = name.trim();
        if name.is_empty() {
            bad(ProblemKind::MissingName);
            continue;
        }
        if name.chars().count() > ORGANIZATION_NAME_CHARS {
            bad(ProblemKind::TooLong(ORGANIZATION_NAME_CHARS));
            continue;
        }
        let fee_reduction = match flag.trim() {
            YES => true,
            NO => false,
            f if f.eq_ignore_ascii_case("yes") => true,
            f if f.eq_ignore_ascii_case("no") => false,
            _ => {
                bad(ProblemKind::Choice(format!("{YES} / {NO}")));
                continue;
            }
        };
        if out.iter().any(|c| c.name == name) {
            bad(ProblemKind::RepeatedEntry(name.to_string()));
            continue;
        }
        out.push(NamedCoOwner { name: name.to_string(), fee_reduction });
    }
    if out.is_empty() && problems.is_empty() {
        problems.push((text.to_string(), ProblemKind::List(crate::share::ListError::Empty)));
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// The template's text of co-owners, as [`parse_co_owners`] reads it: `某某公司:否; 某某大学:是`.
pub fn format_co_owners(co_owners: &[NamedCoOwner]) -> String {
    co_owners.iter().map(|c| format!("{}:{}", c.name, if c.fee_reduction { YES } else { NO })).collect::<Vec<_>>().join("; ")
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

/// Every achievement with its inventors and co-owners, by achievement number. Assumed
/// paid-through years are left empty, as they were in the file. Co-owners come by name, as the
/// achievement form lists them: they have no order of their own.
pub fn load_all(conn: &Connection) -> Result<Vec<Achievement>> {
    let mut co_owners: std::collections::HashMap<i64, Vec<NamedCoOwner>> = std::collections::HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT c.achievement_id, o.name, c.fee_reduction FROM co_owner c JOIN organization o ON o.id = c.organization_id
         ORDER BY c.achievement_id, o.name",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        co_owners.entry(r.get(0)?).or_default().push(NamedCoOwner { name: r.get(1)?, fee_reduction: r.get(2)? });
    }
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
                co_owners: co_owners.remove(&id).unwrap_or_default(),
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

    fn owner(name: &str, fee_reduction: bool) -> NamedCoOwner {
        NamedCoOwner { name: name.into(), fee_reduction }
    }

    /// The codes of a bad cell's problems, with the entry each names.
    fn problems(text: &str) -> Vec<(String, &'static str)> {
        parse_co_owners(text).expect_err("a bad cell").into_iter().map(|(value, kind)| (value, kind.code())).collect()
    }

    #[test]
    fn co_owner_cells_as_offices_write_them() {
        // The example of docs/import-templates.md "achievements": two entries, ASCII colon.
        assert_eq!(parse_co_owners("某某公司:否; 某某大学:是"), Ok(vec![owner("某某公司", false), owner("某某大学", true)]));
        // Full-width colon and semicolon, blanks around, a trailing separator, English flags.
        assert_eq!(
            parse_co_owners(" 甲公司 ： 是 ；乙研究院:NO;丙大学:Yes； "),
            Ok(vec![owner("甲公司", true), owner("乙研究院", false), owner("丙大学", true)])
        );
        // The flag is after the last colon: a name may hold one.
        assert_eq!(parse_co_owners("Acme: Europe GmbH:否"), Ok(vec![owner("Acme: Europe GmbH", false)]));
    }

    #[test]
    fn bad_co_owner_entries_are_named_one_by_one() {
        assert_eq!(problems(":是"), [(":是".to_string(), "required")], "an empty name");
        assert_eq!(problems("某某公司"), [("某某公司".to_string(), "bad_choice")], "no flag");
        assert_eq!(problems("某某公司:"), [("某某公司:".to_string(), "bad_choice")], "an empty flag");
        assert_eq!(problems("某某公司:对"), [("某某公司:对".to_string(), "bad_choice")], "a flag other than 是/否");
        assert_eq!(problems("甲:是; 乙:否; 甲:否"), [("甲:否".to_string(), "repeated_entry")], "a name twice, whatever its flag");
        assert_eq!(problems(";；"), [(";；".to_string(), "bad_list")], "separators only");
        let long = format!("{}:是", "长".repeat(201));
        assert_eq!(problems(&long), [(long.clone(), "too_long")], "longer than any organization's name (200)");
        // Every bad entry of a cell is reported, not only the first.
        assert_eq!(problems("甲; :否; 乙:是"), [("甲".to_string(), "bad_choice"), (":否".to_string(), "required")]);
        match &parse_co_owners("甲:可能").expect_err("bad")[0].1 {
            ProblemKind::Choice(c) => assert_eq!(c, "是 / 否", "the message lists the two flags"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn co_owner_lists_format_back_to_what_they_read() {
        let list = vec![owner("某某公司", false), owner("某某大学", true)];
        assert_eq!(format_co_owners(&list), "某某公司:否; 某某大学:是");
        assert_eq!(parse_co_owners(&format_co_owners(&list)), Ok(list));
        assert_eq!(format_co_owners(&[]), "");
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
