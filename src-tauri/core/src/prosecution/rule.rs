//! 期限 rules of prosecution (docs/rules/prosecution.md): when a notice counts as received, how a
//! period is counted, the period each notice starts when it states none, the examination request
//! and the patent's expiry. Pure functions of the dates they are given, applied to the store by
//! [`super::deadline`] and [`super::intake`].

use crate::fees::rule::{next_working_day, term_years, DayOff};
use crate::model::AchievementKind;
use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// 实施细则 第四条: a notice sent by post is presumed received this many days after it was sent.
const PAPER_DELIVERY_DAYS: u64 = 15;
/// 专利法 第三十五条: the examination request is due within three years of the filing (or
/// priority) date.
const EXAMINATION_REQUEST_MONTHS: u32 = 36;

crate::model::vocabulary!(
    /// How a notice reached the office (送达方式).
    Delivery {
        /// Through the electronic filing system: received the day it entered the system, which is
        /// the day it was issued.
        Electronic = "electronic" / "电子送达",
        /// By post: presumed received 15 days after it was issued.
        Paper = "paper" / "纸件邮寄",
    }
);

/// 实施细则 第四条: the day a notice issued on `issued_on` counts as received — the issue day
/// itself when delivered electronically, 15 days later by post. (A later actual receipt of a
/// posted notice is for the person to prove; the rule is the presumption.)
pub fn delivered_on(issued_on: NaiveDate, delivery: Delivery) -> Option<NaiveDate> {
    match delivery {
        Delivery::Electronic => Some(issued_on),
        Delivery::Paper => issued_on.checked_add_days(Days::new(PAPER_DELIVERY_DAYS)),
    }
}

/// A period as a notice or the law states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case", tag = "unit", content = "count")]
pub enum Period {
    /// 个月.
    Months(u32),
    /// 日.
    Days(u32),
}

impl Period {
    /// How a notice writes it: 4个月, 15日.
    pub fn zh(self) -> String {
        match self {
            Period::Months(n) => format!("{n}个月"),
            Period::Days(n) => format!("{n}日"),
        }
    }

    /// Whether it is a period a notice can state (1–36 months, 1–366 days).
    pub fn is_plausible(self) -> bool {
        match self {
            Period::Months(n) => (1..=36).contains(&n),
            Period::Days(n) => (1..=366).contains(&n),
        }
    }
}

/// 实施细则 第五条: the last day of a period running from `from` (which does not count). A period
/// in months (or years) ends on the corresponding day of its last month, or that month's last day
/// when it has none (received 08-31, two months → 10-31; 12-31, two months → 02-28/29); a period in
/// days ends that many days later. A last day that is a weekend or a statutory holiday moves to the
/// next working day (`off`: the calendar's days off).
pub fn period_end(from: NaiveDate, period: Period, off: DayOff<'_>) -> Option<NaiveDate> {
    let last = match period {
        // chrono clamps to the month's end, which is the rule's "该月最后一日".
        Period::Months(n) => from.checked_add_months(Months::new(n))?,
        Period::Days(n) => from.checked_add_days(Days::new(u64::from(n)))?,
    };
    Some(next_working_day(last, off))
}

/// 专利法 第三十五条 with 实施细则 第十一条: an invention application's request for substantive
/// examination is due within three years of its filing date, or of its (earliest) priority date
/// when it claims one; the last day moves off days off like every period.
pub fn examination_request_due(filed_on: NaiveDate, priority_on: Option<NaiveDate>, off: DayOff<'_>) -> Option<NaiveDate> {
    let from = priority_on.filter(|p| *p < filed_on).unwrap_or(filed_on);
    period_end(from, Period::Months(EXAMINATION_REQUEST_MONTHS), off)
}

/// 专利法 第四十二条: the last day of protection — the term (invention 20, utility model 10,
/// design 15 years, 10 for designs filed before 2021-06-01) counts from the filing date, so it ends
/// the day before the term's anniversary (filed 2010-03-15 → last day 2030-03-14). Not moved off
/// holidays: nothing is to be done by it. `None` for a kind without a patent term.
pub fn expiry_on(kind: AchievementKind, filed_on: NaiveDate) -> Option<NaiveDate> {
    let years = u32::try_from(term_years(kind, filed_on)?).ok()?;
    filed_on.checked_add_months(Months::new(years.checked_mul(12)?))?.pred_opt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("a real day")
    }

    fn weekends(day: NaiveDate) -> bool {
        use chrono::{Datelike, Weekday};
        matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
    }

    #[test]
    fn paper_notices_count_fifteen_days_after_issue() {
        assert_eq!(delivered_on(d(2024, 3, 15), Delivery::Electronic), Some(d(2024, 3, 15)));
        // 03-15 + 15 days = 03-30.
        assert_eq!(delivered_on(d(2024, 3, 15), Delivery::Paper), Some(d(2024, 3, 30)));
        // Across a month end: 2024-12-20 + 15 = 2025-01-04.
        assert_eq!(delivered_on(d(2024, 12, 20), Delivery::Paper), Some(d(2025, 1, 4)));
    }

    #[test]
    fn months_end_on_the_corresponding_day_or_the_months_last() {
        let never = |_| false;
        assert_eq!(period_end(d(2024, 3, 15), Period::Months(4), &never), Some(d(2024, 7, 15)));
        // 08-31 + 2 months: October has a 31st.
        assert_eq!(period_end(d(2023, 8, 31), Period::Months(2), &never), Some(d(2023, 10, 31)));
        // 12-31 + 2 months: no 02-31, the month's last day (2024 is a leap year).
        assert_eq!(period_end(d(2023, 12, 31), Period::Months(2), &never), Some(d(2024, 2, 29)));
        assert_eq!(period_end(d(2024, 12, 31), Period::Months(2), &never), Some(d(2025, 2, 28)));
        // Days: the first day does not count — 01-08 + 15 days = 01-23.
        assert_eq!(period_end(d(2024, 1, 8), Period::Days(15), &never), Some(d(2024, 1, 23)));
    }

    #[test]
    fn a_last_day_off_moves_to_the_next_working_day() {
        // 2024-04-13 is a Saturday: + 3 months = 2024-07-13, Saturday → Monday 07-15.
        assert_eq!(period_end(d(2024, 4, 13), Period::Months(3), &weekends), Some(d(2024, 7, 15)));
    }

    #[test]
    fn examination_request_counts_from_the_priority_date_when_there_is_one() {
        let never = |_| false;
        assert_eq!(examination_request_due(d(2023, 5, 10), None, &never), Some(d(2026, 5, 10)));
        assert_eq!(examination_request_due(d(2023, 5, 10), Some(d(2022, 11, 30)), &never), Some(d(2025, 11, 30)));
        // A "priority" after filing is no priority: the filing date counts.
        assert_eq!(examination_request_due(d(2023, 5, 10), Some(d(2023, 6, 1)), &never), Some(d(2026, 5, 10)));
        // 2026-05-10 is a Sunday → Monday 05-11 with weekends off.
        assert_eq!(examination_request_due(d(2023, 5, 10), None, &weekends), Some(d(2026, 5, 11)));
    }

    #[test]
    fn the_term_ends_the_day_before_its_anniversary() {
        assert_eq!(expiry_on(AchievementKind::InventionPatent, d(2010, 3, 15)), Some(d(2030, 3, 14)));
        assert_eq!(expiry_on(AchievementKind::UtilityModel, d(2020, 1, 1)), Some(d(2029, 12, 31)));
        // Designs: 10 years before 2021-06-01, 15 from it.
        assert_eq!(expiry_on(AchievementKind::DesignPatent, d(2021, 5, 31)), Some(d(2031, 5, 30)));
        assert_eq!(expiry_on(AchievementKind::DesignPatent, d(2021, 6, 1)), Some(d(2036, 5, 31)));
        // Filed on 02-29: the anniversary in a common year is 02-28 (as the fees' year 11 starts
        // then), the last day 02-27; in a leap year the anniversary is 02-29.
        assert_eq!(expiry_on(AchievementKind::UtilityModel, d(2024, 2, 29)), Some(d(2034, 2, 27)));
        assert_eq!(expiry_on(AchievementKind::InventionPatent, d(2024, 2, 29)), Some(d(2044, 2, 28)));
        assert_eq!(expiry_on(AchievementKind::SoftwareCopyright, d(2024, 2, 29)), None);
    }
}
