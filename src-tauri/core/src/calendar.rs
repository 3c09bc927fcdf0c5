//! The holiday calendar (节假日) and the counting of periods under 民法典 Art. 201–203: the
//! starting day does not count, and a period whose last day is a day off ends on the next
//! working day.

use crate::error::{Error, Result};
use crate::problem::{Problem, ProblemKind};
use crate::store::audit::{Action, Journal};
use crate::store::version;
use crate::store::{Actor, Store};
use chrono::{Datelike, Days, NaiveDate, Weekday};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// Whether a listed day is off or worked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// A statutory holiday (法定节假日), even on a weekday.
    Rest,
    /// A weekend day worked instead (调休上班).
    Work,
}

/// One listed day of the calendar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Holiday {
    /// The day.
    pub day: NaiveDate,
    /// Off or worked.
    pub kind: DayKind,
    /// e.g. 春节, 国庆节调休上班.
    pub name: String,
}

/// The listed days with each year's version, as the settings tab edits them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct HolidayList {
    /// Every listed day, in date order.
    pub days: Vec<Holiday>,
    /// The years saved in Settings with their versions; a year not listed is at version 0.
    pub versions: Vec<YearVersion>,
}

/// The version of one year's listed days, which its save sends back: refused (`edit_conflict`)
/// once someone else saved that year (store::version).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct YearVersion {
    /// The year.
    pub year: i32,
    /// Its version.
    #[ts(type = "number")]
    pub version: i64,
}

/// The [`crate::store::version`] list of a year's days.
fn year_list(year: i32) -> String {
    format!("holiday:{year:04}")
}

/// Weekends are days off unless listed as worked; listed rest days are off.
#[derive(Clone, Debug, Default)]
pub struct Calendar {
    days: BTreeMap<NaiveDate, DayKind>,
}

impl Calendar {
    /// A calendar from listed days.
    pub fn new(days: impl IntoIterator<Item = (NaiveDate, DayKind)>) -> Calendar {
        Calendar { days: days.into_iter().collect() }
    }

    /// The calendar kept in the store.
    pub fn load(store: &Store) -> Result<Calendar> {
        Calendar::load_in(store.conn())
    }

    /// The calendar kept in the store, read on a connection (inside a transaction, too).
    pub fn load_in(conn: &rusqlite::Connection) -> Result<Calendar> {
        Ok(Calendar::new(list_in(conn)?.into_iter().map(|h| (h.day, h.kind))))
    }

    /// Whether any day of `year` is listed. A year without one has no arrangement entered: its
    /// weekends are still off, but its statutory holidays are unknown, and whoever relies on
    /// them says so rather than guess.
    pub fn has_year(&self, year: i32) -> bool {
        let (Some(first), Some(last)) = (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 12, 31)) else {
            return false;
        };
        self.days.range(first..=last).next().is_some()
    }

    /// A day off: a listed holiday, or a weekend not listed as worked.
    pub fn is_day_off(&self, day: NaiveDate) -> bool {
        match self.days.get(&day) {
            Some(kind) => *kind == DayKind::Rest,
            None => matches!(day.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// The last day of a period of `days` days starting after `from` (the starting day does not
    /// count); a last day that is a day off moves to the next working day. Posted 2024-01-08 for
    /// 15 days → 2024-01-23.
    pub fn period_end(&self, from: NaiveDate, days: u32) -> NaiveDate {
        let mut last = from.checked_add_days(Days::new(u64::from(days))).unwrap_or(NaiveDate::MAX);
        while self.is_day_off(last) && last < NaiveDate::MAX {
            last = last.succ_opt().unwrap_or(NaiveDate::MAX);
        }
        last
    }
}

/// The last day of a publicity period posted on `from` for `days` days (1–90), by the stored calendar.
pub fn publicity_end(store: &Store, from: NaiveDate, days: u32) -> Result<NaiveDate> {
    if !(1..=90).contains(&days) {
        return Err(Error::Invalid(vec![Problem::field("days", days.to_string(), ProblemKind::Integer(1, 90))]));
    }
    Ok(Calendar::load(store)?.period_end(from, days))
}

/// Every listed day, in date order.
pub fn list(store: &Store) -> Result<Vec<Holiday>> {
    list_in(store.conn())
}

fn list_in(conn: &rusqlite::Connection) -> Result<Vec<Holiday>> {
    let mut stmt = conn.prepare("SELECT day, kind, name FROM holiday ORDER BY day")?;
    let rows = stmt.query_map([], |r| {
        let kind: String = r.get(1)?;
        Ok(Holiday { day: r.get(0)?, kind: if kind == "work" { DayKind::Work } else { DayKind::Rest }, name: r.get(2)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Every listed day with the years' versions.
pub fn list_with_versions(store: &Store) -> Result<HolidayList> {
    let mut stmt = store.conn().prepare("SELECT list, version FROM list_version WHERE list LIKE 'holiday:%' ORDER BY list")?;
    let versions = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
        .filter_map(|row| match row {
            Ok((list, version)) => list.strip_prefix("holiday:").and_then(|y| y.parse().ok()).map(|year| Ok(YearVersion { year, version })),
            Err(e) => Some(Err(e)),
        })
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(HolidayList { days: list(store)?, versions })
}

/// Replaces the listed days of one year with `days` (all of which must fall in that year), as
/// the year was at `version` (refused with `edit_conflict` once someone else saved it); audited.
pub fn save_year(store: &mut Store, actor: &Actor, year: i32, days: &[Holiday], version: i64) -> Result<()> {
    let mut problems = Vec::new();
    for (i, h) in days.iter().enumerate() {
        let problem =
            |kind| Problem { sheet: String::new(), row: i + 1, col: None, column: "day".into(), value: crate::date::iso(h.day), kind };
        if h.day.year() != year {
            problems.push(problem(ProblemKind::OutsideYear(year)));
        } else if days[..i].iter().any(|o| o.day == h.day) {
            problems.push(problem(ProblemKind::DuplicateInFile(days[..i].iter().position(|o| o.day == h.day).unwrap_or(0) + 1)));
        } else if h.kind == DayKind::Work && !matches!(h.day.weekday(), Weekday::Sat | Weekday::Sun) {
            problems.push(problem(ProblemKind::WorkdayNotWeekend));
        }
        let name = h.name.trim();
        if name.is_empty() || name.chars().count() > 50 {
            problems.push(Problem { column: "name".into(), value: h.name.clone(), ..problem(ProblemKind::Required) });
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let tx = store.write()?;
    let before: Vec<Holiday> = list_in(&tx)?.into_iter().filter(|h| h.day.year() == year).collect();
    let json = |v: &[Holiday]| serde_json::json!({ "days": v });
    version::check(&tx, &version::HOLIDAYS, version::of_list(&tx, &year_list(year))?, version, || version::Stale {
        id: 0,
        label: year.to_string(),
        audit_keys: vec![year.to_string()],
        submitted: json(days),
        stored: json(&before),
    })?;
    version::bump_list(&tx, &year_list(year))?;
    tx.execute("DELETE FROM holiday WHERE day BETWEEN ?1 AND ?2", params![format!("{year:04}-01-01"), format!("{year:04}-12-31")])?;
    for h in days {
        let kind = if h.kind == DayKind::Work { "work" } else { "rest" };
        tx.execute("INSERT INTO holiday (day, kind, name) VALUES (?1, ?2, ?3)", params![h.day, kind, h.name.trim()])?;
    }
    let json = |v: &[Holiday]| serde_json::to_value(v).unwrap_or_default();
    Journal::start(&tx, actor)?.record(&tx, Action::Update, "holiday", &year.to_string(), Some(&json(&before)), Some(&json(days)))?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    fn shipped() -> Calendar {
        Calendar::load(&Store::in_memory().expect("store")).expect("calendar")
    }

    #[rstest]
    // docs/rules/publicity.md "Counting a period": posted 2024-01-08 for 15 days runs 01-09 … 01-23.
    #[case("2024-01-08", 15, "2024-01-23")]
    // Across a month end onto a Sunday: 2024-03-16 + 15 = Sun 03-31 → Mon 04-01.
    #[case("2024-03-16", 15, "2024-04-01")]
    // Across a month end onto a Saturday before a make-up working Sunday (2024-02-04 调休上班).
    #[case("2024-01-19", 15, "2024-02-04")]
    // Into the National Day holiday (10-01…10-07, 2024): 09-20 + 15 = 10-05 → first working day 10-08.
    #[case("2024-09-20", 15, "2024-10-08")]
    // Onto a make-up working Sunday (2024-09-29 调休上班): it counts as a working day.
    #[case("2024-09-14", 15, "2024-09-29")]
    // Spring Festival 2025 (01-28…02-04): 01-20 + 15 = 02-04 → 02-05 (Wednesday).
    #[case("2025-01-20", 15, "2025-02-05")]
    // An ordinary weekday stays where it is.
    #[case("2025-03-03", 10, "2025-03-13")]
    fn periods_end_on_a_working_day(#[case] from: &str, #[case] days: u32, #[case] end: &str) {
        assert_eq!(shipped().period_end(day(from), days), day(end), "{from} + {days} days");
    }

    #[test]
    fn saving_a_year_replaces_only_that_year() {
        let mut store = Store::in_memory().expect("store");
        let actor = Actor { name: "t".into(), at: day("2026-11-23").and_hms_opt(9, 0, 0).expect("time") };
        let days = vec![Holiday { day: day("2027-01-01"), kind: DayKind::Rest, name: "元旦".into() }];
        save_year(&mut store, &actor, 2027, &days, 0).expect("saved");
        let cal = Calendar::load(&store).expect("calendar");
        assert!(cal.is_day_off(day("2027-01-01")), "a listed Friday is off");
        assert!(cal.is_day_off(day("2024-10-01")), "other years are kept");
        let bad = vec![Holiday { day: day("2027-03-03"), kind: DayKind::Work, name: "x".into() }];
        match save_year(&mut store, &actor, 2027, &bad, 1) {
            Err(Error::Invalid(p)) => assert_eq!(p[0].kind, ProblemKind::WorkdayNotWeekend),
            other => panic!("a worked Wednesday is not a make-up day: {other:?}"),
        }
        let wrong_year = vec![Holiday { day: day("2028-01-01"), kind: DayKind::Rest, name: "元旦".into() }];
        assert!(save_year(&mut store, &actor, 2027, &wrong_year, 1).is_err(), "days outside the year are refused");
        assert!(Calendar::load(&store).expect("calendar").is_day_off(day("2027-01-01")), "a refused save changes nothing");
    }
}
