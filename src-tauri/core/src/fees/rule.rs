//! 年费 rules: the CNIPA annual fees of granted patents (docs/rules/fees.md) — the fee table and terms,
//! the reduction (费减 or 开放许可), the due date of each patent year, the six-month grace period
//! with its surcharge bands, lapse and restoration. Pure functions of the dates they are given
//! ("today" is always an argument), applied to the store by [`super::docket`].

use crate::model::AchievementKind;
use crate::money::Money;
use crate::share::FULL_BP;
use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// 恢复权利请求费: restoring a lapsed patent costs 1,000 yuan on top of the fee and the 25% surcharge.
pub const RESTORATION_FEE: Money = Money(100_000);
/// Late payment: paid within `months` after the due date (inclusive), the surcharge is `bp` of the
/// full, unreduced fee; each band is measured from the due date, not from the previous band.
const SURCHARGE_BANDS: [(u32, i64); 6] = [(1, 0), (2, 500), (3, 1000), (4, 1500), (5, 2000), (6, 2500)];
/// The grace period: unpaid this many months after the due date, the patent lapses as of the due date.
const GRACE_MONTHS: u32 = 6;
/// The surcharge a restoration pays: the last band's.
const RESTORATION_SURCHARGE_BP: i64 = 2500;
/// 费减 covers the ten patent years starting with the grant year: the grant year plus this many.
const REDUCTION_YEARS_AFTER_GRANT: i64 = 9;

/// Designs filed on or after this day (the 2020 Patent Law in force) have a 15-year term and fees
/// for years 11–15.
fn design_long_term_from() -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 6, 1).unwrap_or_default()
}

/// The protection term in years (docs/rules/fees.md "Patent years and terms"); `None` for a kind
/// without annual fees.
pub fn term_years(kind: AchievementKind, filed_on: NaiveDate) -> Option<i64> {
    match kind {
        AchievementKind::InventionPatent => Some(20),
        AchievementKind::UtilityModel => Some(10),
        AchievementKind::DesignPatent if filed_on >= design_long_term_from() => Some(15),
        AchievementKind::DesignPatent => Some(10),
        _ => None,
    }
}

/// The full, unreduced annual fee of a patent year (docs/rules/fees.md "Fee table"); `None`
/// outside the term or for a kind without annual fees.
pub fn full_fee(kind: AchievementKind, filed_on: NaiveDate, year: i64) -> Option<Money> {
    if year < 1 || year > term_years(kind, filed_on)? {
        return None;
    }
    let yuan = match kind {
        AchievementKind::InventionPatent => match year {
            1..=3 => 900,
            4..=6 => 1_200,
            7..=9 => 2_000,
            10..=12 => 4_000,
            13..=15 => 6_000,
            _ => 8_000,
        },
        _ => match year {
            1..=3 => 600,
            4..=5 => 900,
            6..=8 => 1_200,
            9..=10 => 2_000,
            _ => 3_000,
        },
    };
    Some(Money(yuan * Money::YUAN))
}

/// The day patent year `year` starts and its fee is due by the law: the filing date plus `year − 1`
/// years, clamped to the month's end (filed 02-29 → due 02-28 in a common year). The deadline
/// the office works to is this day moved off weekends and holidays ([`next_working_day`]).
pub fn due_on(filed_on: NaiveDate, year: i64) -> Option<NaiveDate> {
    let months = u32::try_from(year.checked_sub(1)?.checked_mul(12)?).ok()?;
    filed_on.checked_add_months(Months::new(months))
}

/// A calendar's answer to "is this day a weekend or a statutory holiday, not worked" (adjusted
/// working weekends, 调休上班, are working days). The rules take it as an argument so that they
/// stay pure; [`crate::calendar::Calendar::is_day_off`] is the store's.
pub type DayOff<'a> = &'a dyn Fn(NaiveDate) -> bool;

/// No calendar holds this many days off in a row; the bound only keeps a calendar that lists
/// every day as a holiday from looping.
const MAX_DAYS_OFF_IN_A_ROW: u32 = 366;

/// 专利法实施细则: a period whose last day is a statutory holiday (or a weekend) ends on the first
/// working day after it. Applied to each deadline on its own: the due date, every surcharge
/// month's end and the end of grace.
pub fn next_working_day(day: NaiveDate, off: DayOff<'_>) -> NaiveDate {
    let mut last = day;
    for _ in 0..MAX_DAYS_OFF_IN_A_ROW {
        if !off(last) {
            break;
        }
        match last.succ_opt() {
            Some(next) => last = next,
            None => break,
        }
    }
    last
}

/// The last day of each surcharge band of a fee due by law on `due_on`: one to six months after
/// it (clamped to the month's end, each from the due date, not chained), each moved to the next
/// working day. The sixth is the end of grace.
pub fn surcharge_month_ends(due_on: NaiveDate, off: DayOff<'_>) -> Option<[NaiveDate; GRACE_MONTHS as usize]> {
    let mut ends = [due_on; GRACE_MONTHS as usize];
    for (end, (months, _)) in ends.iter_mut().zip(SURCHARGE_BANDS) {
        *end = next_working_day(due_on.checked_add_months(Months::new(months))?, off);
    }
    Some(ends)
}

/// The last day of the grace period of a fee due by law on `due_on`: six months after it,
/// clamped to the month's end, moved to the next working day.
pub fn grace_end_on(due_on: NaiveDate, off: DayOff<'_>) -> Option<NaiveDate> {
    Some(next_working_day(due_on.checked_add_months(Months::new(GRACE_MONTHS))?, off))
}

/// The surcharge rate (bp of the full fee) for paying on `paid_on` a fee due by law on `due_on`:
/// 0 up to the end of the first month after the due date inclusive, then 5% more per month up to
/// 25% at six months, each month's end moved off weekends and holidays; `None` after the sixth,
/// when the patent has lapsed.
pub fn surcharge_bp(due_on: NaiveDate, paid_on: NaiveDate, off: DayOff<'_>) -> Option<i64> {
    band(&surcharge_month_ends(due_on, off)?, paid_on)
}

fn band(month_ends: &[NaiveDate; GRACE_MONTHS as usize], paid_on: NaiveDate) -> Option<i64> {
    month_ends.iter().zip(SURCHARGE_BANDS).find(|(end, _)| paid_on <= **end).map(|(_, (_, bp))| bp)
}

/// Why an annual fee is reduced, if it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Reduction {
    /// 无减缴: the full fee.
    None,
    /// 费减, the institution as the only owner: 85% off (pay 15%).
    SoleOwner,
    /// 费减 with co-owners who all qualify: 70% off (pay 30%).
    CoOwned,
    /// 开放许可: 15% off (pay 85%).
    OpenLicense,
}

impl YearFee {
    /// The calendar years whose days off decide this fee's deadlines: from the statutory due date
    /// to the (moved) end of grace.
    pub fn calendar_years(&self) -> std::ops::RangeInclusive<i32> {
        self.statutory_due_on.year()..=self.grace_end_on.year()
    }
}

impl Reduction {
    /// The part of the full fee that is paid, in bp.
    pub fn payable_bp(self) -> i64 {
        match self {
            Reduction::None => FULL_BP,
            Reduction::SoleOwner => 1500,
            Reduction::CoOwned => 3000,
            Reduction::OpenLicense => 8500,
        }
    }

    /// The Chinese label.
    pub fn zh(self) -> &'static str {
        match self {
            Reduction::None => "无减缴",
            Reduction::SoleOwner => "费减85%",
            Reduction::CoOwned => "费减70%（共有）",
            Reduction::OpenLicense => "开放许可减15%",
        }
    }
}

/// Who owns a patent, as far as the reduction is concerned.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Owners {
    /// The institution's 费减备案 is accepted.
    pub fee_reduction: bool,
    /// Co-owners (共有人) besides the institution.
    pub co_owners: u32,
    /// Of those, the ones whose own 费减备案 is accepted.
    pub co_owners_reduced: u32,
    /// The patent is under an open license (开放许可).
    pub open_license: bool,
}

/// The reduction of patent year `year` for a patent granted in patent year `grant_year`.
///
/// 费减 (专利收费减缴办法) covers the ten patent years from the grant year on and needs the
/// institution's filing: 85% off alone, 70% off when every co-owner qualifies too, none when any
/// co-owner does not. An open license gives 15% off *instead*, never combined
/// (docs/rules/fees.md "Reduction"): the open-license rate applies whenever the patent is under
/// an open license, in every year, even where 费减 would have cost less — the office can end the
/// open license if 费减 serves better.
pub fn reduction(owners: &Owners, grant_year: Option<i64>, year: i64) -> Reduction {
    if owners.open_license {
        return Reduction::OpenLicense;
    }
    let in_window = grant_year.is_some_and(|g| (g..=g + REDUCTION_YEARS_AFTER_GRANT).contains(&year));
    match (in_window && owners.fee_reduction, owners.co_owners) {
        (false, _) => Reduction::None,
        (true, 0) => Reduction::SoleOwner,
        (true, n) if owners.co_owners_reduced >= n => Reduction::CoOwned,
        (true, _) => Reduction::None,
    }
}

/// One patent year's fee before any lateness.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YearFee {
    /// 专利年度.
    pub patent_year: i64,
    /// The day it is due: the year's first day, moved to the next working day when that is a
    /// weekend or holiday.
    pub due_on: NaiveDate,
    /// The year's first day as the law counts it, before the move.
    pub statutory_due_on: NaiveDate,
    /// The last day of each surcharge band (one to six months after the statutory due date, each
    /// moved to the next working day).
    pub month_ends: [NaiveDate; GRACE_MONTHS as usize],
    /// The last day it can be paid with a surcharge (the sixth month's end, moved).
    pub grace_end_on: NaiveDate,
    /// Six months after the statutory due date, before the move.
    pub statutory_grace_end_on: NaiveDate,
    /// The table's fee.
    pub full_fee: Money,
    /// Why it is reduced.
    pub reduction: Reduction,
    /// What is paid on time: the full fee times the payable part, rounded half up to the fen.
    pub amount: Money,
}

/// The fee of patent year `year`, its deadlines moved off the days `off` says are off; `None`
/// outside the term or for a kind without annual fees.
pub fn year_fee(
    kind: AchievementKind,
    filed_on: NaiveDate,
    owners: &Owners,
    grant_year: Option<i64>,
    year: i64,
    off: DayOff<'_>,
) -> Option<YearFee> {
    let full_fee = full_fee(kind, filed_on, year)?;
    let statutory_due_on = due_on(filed_on, year)?;
    let month_ends = surcharge_month_ends(statutory_due_on, off)?;
    let reduction = reduction(owners, grant_year, year);
    Some(YearFee {
        patent_year: year,
        due_on: next_working_day(statutory_due_on, off),
        statutory_due_on,
        month_ends,
        grace_end_on: month_ends[month_ends.len() - 1],
        statutory_grace_end_on: statutory_due_on.checked_add_months(Months::new(GRACE_MONTHS))?,
        full_fee,
        reduction,
        amount: full_fee.apply_bp(reduction.payable_bp()),
    })
}

/// What paying a year's fee on a given day costs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Charge {
    /// The surcharge rate applied (bp of the full fee).
    pub surcharge_bp: i64,
    /// 滞纳金: the rate times the full, unreduced fee.
    pub surcharge: Money,
    /// 恢复费 when paid after the grace period, else zero.
    pub restoration: Money,
    /// Fee after reduction + surcharge + restoration.
    pub total: Money,
    /// Paid after the grace period: the patent had lapsed and is being restored.
    pub restores: bool,
}

/// The cost of paying `fee` on `paid_on`: the reduced fee, the surcharge of its band, and after
/// the grace period the restoration (1,000 yuan + the fee + the 25% surcharge).
pub fn charge(fee: &YearFee, paid_on: NaiveDate) -> Charge {
    let in_band = band(&fee.month_ends, paid_on);
    let surcharge_bp = in_band.unwrap_or(RESTORATION_SURCHARGE_BP);
    let surcharge = fee.full_fee.apply_bp(surcharge_bp);
    let restoration = if in_band.is_none() { RESTORATION_FEE } else { Money::ZERO };
    Charge { surcharge_bp, surcharge, restoration, total: Money(fee.amount.0 + surcharge.0 + restoration.0), restores: in_band.is_none() }
}

/// Where a patent's next unpaid year stands on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FeeStatus {
    /// 待缴: due within the window asked for, not yet overdue.
    Due,
    /// 宽限期: overdue, payable with a surcharge until the grace period ends.
    Grace,
    /// 已失效: the grace period has ended unpaid; only a restoration can save the patent.
    Lapsed,
}

impl FeeStatus {
    /// The English key (JSON, CLI).
    pub fn key(self) -> &'static str {
        match self {
            FeeStatus::Due => "due",
            FeeStatus::Grace => "grace",
            FeeStatus::Lapsed => "lapsed",
        }
    }

    /// The Chinese label.
    pub fn zh(self) -> &'static str {
        match self {
            FeeStatus::Due => "待缴",
            FeeStatus::Grace => "宽限期",
            FeeStatus::Lapsed => "已过宽限期",
        }
    }
}

/// The status of a fee on `on`: due when its due date is within `[on, on + within_days]`, in grace
/// when it is past but the grace period is not, lapsed after the grace period; `None` when it is
/// not due yet within the window. The dates are the moved ones: a fee due on a holiday is still
/// due, not in grace, on the first working day after it.
pub fn status_on(fee: &YearFee, on: NaiveDate, within_days: u32) -> Option<FeeStatus> {
    if on > fee.grace_end_on {
        Some(FeeStatus::Lapsed)
    } else if fee.due_on < on {
        Some(FeeStatus::Grace)
    } else if on.checked_add_days(Days::new(u64::from(within_days))).is_none_or(|horizon| fee.due_on <= horizon) {
        Some(FeeStatus::Due)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("a valid test date")
    }

    const INVENTION: AchievementKind = AchievementKind::InventionPatent;
    const UTILITY: AchievementKind = AchievementKind::UtilityModel;
    const DESIGN: AchievementKind = AchievementKind::DesignPatent;

    /// No day off at all: the tests of the month arithmetic alone.
    const NO_DAY_OFF: DayOff<'static> = &|_| false;

    /// The institution alone, with its 费减备案 accepted.
    const SOLE: Owners = Owners { fee_reduction: true, co_owners: 0, co_owners_reduced: 0, open_license: false };

    #[rstest]
    // docs/rules/fees.md "Fee table", at each band's edges.
    #[case(INVENTION, 1, 900)]
    #[case(INVENTION, 3, 900)]
    #[case(INVENTION, 4, 1_200)]
    #[case(INVENTION, 6, 1_200)]
    #[case(INVENTION, 7, 2_000)]
    #[case(INVENTION, 9, 2_000)]
    #[case(INVENTION, 10, 4_000)]
    #[case(INVENTION, 12, 4_000)]
    #[case(INVENTION, 13, 6_000)]
    #[case(INVENTION, 15, 6_000)]
    #[case(INVENTION, 16, 8_000)]
    #[case(INVENTION, 20, 8_000)]
    #[case(UTILITY, 3, 600)]
    #[case(UTILITY, 4, 900)]
    #[case(UTILITY, 5, 900)]
    #[case(UTILITY, 6, 1_200)]
    #[case(UTILITY, 8, 1_200)]
    #[case(UTILITY, 9, 2_000)]
    #[case(UTILITY, 10, 2_000)]
    fn the_fee_table(#[case] kind: AchievementKind, #[case] year: i64, #[case] yuan: i64) {
        assert_eq!(full_fee(kind, d(2019, 6, 1), year), Some(Money(yuan * 100)), "{kind:?} year {year}");
    }

    #[rstest]
    // The term ends the fees: invention 20, utility model 10.
    #[case(INVENTION, d(2005, 3, 1), 20, Some(800_000), 21)]
    #[case(UTILITY, d(2023, 1, 1), 10, Some(200_000), 11)]
    // A design filed on 2021-05-31 has the old 10-year term; from 2021-06-01, 15 years with 3,000 for years 11–15.
    #[case(DESIGN, d(2021, 5, 31), 10, Some(200_000), 11)]
    #[case(DESIGN, d(2021, 6, 1), 15, Some(300_000), 16)]
    fn terms_end_the_fees(
        #[case] kind: AchievementKind,
        #[case] filed: NaiveDate,
        #[case] term: i64,
        #[case] last_fee: Option<i64>,
        #[case] beyond: i64,
    ) {
        assert_eq!(term_years(kind, filed), Some(term));
        assert_eq!(full_fee(kind, filed, term).map(|m| m.0), last_fee, "the term's last year has a fee");
        assert_eq!(full_fee(kind, filed, beyond), None, "no fee for a year beyond the term");
    }

    #[test]
    fn designs_from_june_2021_pay_3000_for_years_11_to_15() {
        assert_eq!(full_fee(DESIGN, d(2021, 6, 1), 11), Some(Money(300_000)));
        assert_eq!(full_fee(DESIGN, d(2021, 6, 1), 10), Some(Money(200_000)));
        assert_eq!(full_fee(DESIGN, d(2021, 5, 31), 11), None, "filed the day before: term 10");
        assert_eq!(term_years(AchievementKind::SoftwareCopyright, d(2021, 6, 1)), None, "no annual fees for software");
    }

    #[test]
    fn the_worked_example_of_domain_section_5() {
        // Invention filed 2019-06-01, granted in year 2: year 5 is due 2023-06-01 and costs
        // 1,200 × 15% = 180.00 with the reduction.
        let fee = year_fee(INVENTION, d(2019, 6, 1), &SOLE, Some(2), 5, NO_DAY_OFF).expect("year 5 has a fee");
        assert_eq!((fee.due_on, fee.full_fee, fee.amount), (d(2023, 6, 1), Money(120_000), Money(18_000)));
        assert_eq!(fee.grace_end_on, d(2023, 12, 1));
        // Paid 2023-07-01 (one month, inclusive) → 180.00; 07-15 → + 5% of 1,200 = 240.00;
        // 11-20 → + 25% of 1,200 = 480.00.
        assert_eq!(charge(&fee, d(2023, 7, 1)).total, Money(18_000));
        assert_eq!(charge(&fee, d(2023, 7, 15)).total, Money(24_000));
        assert_eq!(charge(&fee, d(2023, 11, 20)).total, Money(48_000));
    }

    #[rstest]
    // Due 2023-06-01. Exactly one month → no surcharge; one month and a day → 5%.
    #[case(d(2023, 5, 20), Some(0))]
    #[case(d(2023, 6, 1), Some(0))]
    #[case(d(2023, 7, 1), Some(0))]
    #[case(d(2023, 7, 2), Some(500))]
    #[case(d(2023, 8, 1), Some(500))]
    #[case(d(2023, 8, 2), Some(1000))]
    #[case(d(2023, 9, 2), Some(1500))]
    #[case(d(2023, 10, 2), Some(2000))]
    #[case(d(2023, 11, 2), Some(2500))]
    // Exactly six months → 25%; six months and a day → lapsed.
    #[case(d(2023, 12, 1), Some(2500))]
    #[case(d(2023, 12, 2), None)]
    fn surcharge_bands_from_the_due_date(#[case] paid_on: NaiveDate, #[case] bp: Option<i64>) {
        assert_eq!(surcharge_bp(d(2023, 6, 1), paid_on, NO_DAY_OFF), bp, "paid {paid_on}");
    }

    #[test]
    fn month_ends_clamp_and_bands_are_not_chained() {
        // Filed 2015-01-31: year 10 is due 2024-01-31; one month later is 2024-02-29 (leap
        // year), two months 2024-03-31 (not 03-29 as chaining from February would give).
        let due = due_on(d(2015, 1, 31), 10).expect("due");
        assert_eq!(due, d(2024, 1, 31));
        assert_eq!(surcharge_bp(due, d(2024, 2, 29), NO_DAY_OFF), Some(0));
        assert_eq!(surcharge_bp(due, d(2024, 3, 1), NO_DAY_OFF), Some(500));
        assert_eq!(surcharge_bp(due, d(2024, 3, 31), NO_DAY_OFF), Some(500));
        assert_eq!(surcharge_bp(due, d(2024, 4, 1), NO_DAY_OFF), Some(1000));
        assert_eq!(grace_end_on(due, NO_DAY_OFF), Some(d(2024, 7, 31)));
        // Filed on a 29 February: due on 28 February in common years, 29 in leap years.
        assert_eq!(due_on(d(2016, 2, 29), 2), Some(d(2017, 2, 28)));
        assert_eq!(due_on(d(2016, 2, 29), 5), Some(d(2020, 2, 29)));
        // Due 08-31: the grace ends 02-28 (six months later, clamped).
        assert_eq!(grace_end_on(d(2025, 8, 31), NO_DAY_OFF), Some(d(2026, 2, 28)));
    }

    #[rstest]
    // Granted in year 3: 费减 for years 3 … 12, not 2 and not 13.
    #[case(SOLE, 2, Reduction::None)]
    #[case(SOLE, 3, Reduction::SoleOwner)]
    #[case(SOLE, 12, Reduction::SoleOwner)]
    #[case(SOLE, 13, Reduction::None)]
    // Co-owners who all have 费减: 70% off; one without: nothing.
    #[case(Owners { co_owners: 2, co_owners_reduced: 2, ..SOLE }, 5, Reduction::CoOwned)]
    #[case(Owners { co_owners: 2, co_owners_reduced: 1, ..SOLE }, 5, Reduction::None)]
    // Without the institution's filing: nothing.
    #[case(Owners { fee_reduction: false, ..SOLE }, 5, Reduction::None)]
    // Open license: 15% off instead, in and out of the window.
    #[case(Owners { open_license: true, ..SOLE }, 5, Reduction::OpenLicense)]
    #[case(Owners { open_license: true, ..SOLE }, 15, Reduction::OpenLicense)]
    fn reduction_rules(#[case] owners: Owners, #[case] year: i64, #[case] expected: Reduction) {
        assert_eq!(reduction(&owners, Some(3), year), expected, "year {year}");
    }

    #[rstest]
    // Year 7 of an invention: 2,000.00. 费减 alone → 300.00; co-owned → 600.00; open license →
    // 1,700.00; none → 2,000.00.
    #[case(SOLE, 30_000)]
    #[case(Owners { co_owners: 1, co_owners_reduced: 1, ..SOLE }, 60_000)]
    #[case(Owners { co_owners: 1, co_owners_reduced: 0, ..SOLE }, 200_000)]
    #[case(Owners { open_license: true, ..SOLE }, 170_000)]
    fn reduced_amounts(#[case] owners: Owners, #[case] fen: i64) {
        let fee = year_fee(INVENTION, d(2016, 4, 10), &owners, Some(3), 7, NO_DAY_OFF).expect("fee");
        assert_eq!(fee.amount, Money(fen));
    }

    #[test]
    fn reduced_amounts_round_half_up() {
        // A design's year 4 (900.00) under an open license: 900 × 85% = 765.00 exactly. No
        // table fee leaves a fraction of a fen, so the half-up rounding of apply_bp is pinned
        // directly: 0.05 × 15% = 0.0075 → 0.01.
        let open = Owners { open_license: true, ..SOLE };
        assert_eq!(year_fee(DESIGN, d(2022, 1, 1), &open, Some(1), 4, NO_DAY_OFF).map(|f| f.amount), Some(Money(76_500)));
        assert_eq!(Money(5).apply_bp(1500), Money(1));
    }

    #[test]
    fn restoration_costs_1000_plus_the_fee_plus_25_percent() {
        // Year 5 of the worked example, paid 2023-12-02 (grace ended 12-01): 1,000 + 180 + 300.
        let fee = year_fee(INVENTION, d(2019, 6, 1), &SOLE, Some(2), 5, NO_DAY_OFF).expect("fee");
        let c = charge(&fee, d(2023, 12, 2));
        assert!(c.restores, "after the grace period the payment restores the patent");
        assert_eq!((c.surcharge, c.restoration, c.total), (Money(30_000), Money(100_000), Money(148_000)));
    }

    #[test]
    fn the_utility_model_ends_at_year_ten() {
        let filed = d(2016, 3, 15);
        let fee = year_fee(UTILITY, filed, &SOLE, Some(1), 10, NO_DAY_OFF).expect("year 10 has a fee");
        // Granted in year 1: the reduction covers years 1 … 10, so year 10 (2,000.00) is reduced.
        assert_eq!((fee.due_on, fee.full_fee, fee.reduction), (d(2025, 3, 15), Money(200_000), Reduction::SoleOwner));
        assert_eq!(year_fee(UTILITY, filed, &SOLE, Some(1), 11, NO_DAY_OFF), None);
    }

    #[rstest]
    // Due 2026-12-01, grace to 2027-06-01.
    #[case(d(2026, 9, 2), 90, Some(FeeStatus::Due))]
    #[case(d(2026, 9, 1), 90, None)]
    #[case(d(2026, 12, 1), 0, Some(FeeStatus::Due))]
    #[case(d(2026, 12, 2), 90, Some(FeeStatus::Grace))]
    #[case(d(2027, 6, 1), 90, Some(FeeStatus::Grace))]
    #[case(d(2027, 6, 2), 90, Some(FeeStatus::Lapsed))]
    fn status_on_a_day(#[case] on: NaiveDate, #[case] within: u32, #[case] status: Option<FeeStatus>) {
        let fee = year_fee(INVENTION, d(2019, 12, 1), &SOLE, Some(3), 8, NO_DAY_OFF).expect("fee");
        assert_eq!(fee.due_on, d(2026, 12, 1));
        assert_eq!(status_on(&fee, on, within), status, "on {on} within {within}");
    }

    /// The State Council's arrangements the deadline tests need, as listed in the shipped
    /// calendar (migrations/0002_rewards.sql): 2025 劳动节 05-01…05-05 (04-27 worked), 端午节
    /// 05-31…06-02, 国庆节、中秋节 10-01…10-08 (09-28 and 10-11 worked); 2026 国庆节 10-01…10-07.
    fn calendar() -> crate::calendar::Calendar {
        use crate::calendar::DayKind::{Rest, Work};
        let rest = |from: NaiveDate, days: u64| (0..days).map(move |i| (from + Days::new(i), Rest));
        crate::calendar::Calendar::new(
            rest(d(2025, 5, 1), 5).chain(rest(d(2025, 5, 31), 3)).chain(rest(d(2025, 10, 1), 8)).chain(rest(d(2026, 10, 1), 7)).chain([
                (d(2025, 4, 27), Work),
                (d(2025, 9, 28), Work),
                (d(2025, 10, 11), Work),
            ]),
        )
    }

    #[rstest]
    // A weekday stays: 2025-07-01 is a Tuesday.
    #[case(d(2025, 7, 1), d(2025, 7, 1))]
    // Saturday 2024-06-01 → Monday 06-03 (a year the test calendar lists nothing for: weekends only).
    #[case(d(2024, 6, 1), d(2024, 6, 3))]
    // In the National Day holiday (2025-10-01…10-08) → Thursday 10-09.
    #[case(d(2025, 10, 1), d(2025, 10, 9))]
    #[case(d(2025, 10, 5), d(2025, 10, 9))]
    // A worked Sunday (调休上班 2025-09-28) is a working day.
    #[case(d(2025, 9, 28), d(2025, 9, 28))]
    fn deadlines_move_to_the_next_working_day(#[case] day: NaiveDate, #[case] moved: NaiveDate) {
        let cal = calendar();
        assert_eq!(next_working_day(day, &|x| cal.is_day_off(x)), moved, "{day}");
    }

    #[test]
    fn a_fee_due_on_a_saturday_is_due_on_the_monday() {
        // Invention filed 2020-06-01 (a Monday): year 5 is due by law on Saturday 2024-06-01, so
        // on Monday 06-03; paid that Monday it is on time (no surcharge, due not grace).
        let cal = calendar();
        let fee = year_fee(INVENTION, d(2020, 6, 1), &SOLE, Some(2), 5, &|x| cal.is_day_off(x)).expect("fee");
        assert_eq!((fee.statutory_due_on, fee.due_on), (d(2024, 6, 1), d(2024, 6, 3)));
        assert_eq!(status_on(&fee, d(2024, 6, 3), 0), Some(FeeStatus::Due));
        assert_eq!(status_on(&fee, d(2024, 6, 4), 0), Some(FeeStatus::Grace));
        // Grace: six months after 06-01 is Sunday 2024-12-01 → Monday 12-02.
        assert_eq!((fee.statutory_grace_end_on, fee.grace_end_on), (d(2024, 12, 1), d(2024, 12, 2)));
    }

    #[test]
    fn a_fee_due_in_the_national_day_holiday_is_due_on_the_first_working_day_after_it() {
        // Filed 2021-10-01: year 5 is due by law on 2025-10-01, in the holiday 10-01…10-08, so
        // it is due on Thursday 10-09; on 10-09 it is due (not in grace) and costs 180.00 alone.
        let cal = calendar();
        let fee = year_fee(INVENTION, d(2021, 10, 1), &SOLE, Some(2), 5, &|x| cal.is_day_off(x)).expect("fee");
        assert_eq!(fee.due_on, d(2025, 10, 9));
        assert_eq!(status_on(&fee, d(2025, 10, 9), 90), Some(FeeStatus::Due));
        assert_eq!(charge(&fee, d(2025, 10, 9)).total, Money(18_000));
        // The first month ends on Saturday 2025-11-01 → Monday 11-03: still no surcharge; 11-04
        // is the second month: 5% of 1,200 = 60.00.
        assert_eq!(fee.month_ends[0], d(2025, 11, 3));
        assert_eq!(charge(&fee, d(2025, 11, 3)).surcharge, Money::ZERO);
        assert_eq!(charge(&fee, d(2025, 11, 4)).surcharge, Money(6_000));
    }

    #[test]
    fn a_month_end_on_a_sunday_keeps_the_lower_band_on_the_monday() {
        // Due by law on Saturday 2026-08-22 (→ Monday 08-24). The third month ends on Sunday
        // 2026-11-22 → Monday 11-23: paid on 11-23 it is still the third month, 10% of 2,000 =
        // 200.00, not 15%; on Tuesday 11-24 it is the fourth, 300.00.
        let cal = calendar();
        let off = |x| cal.is_day_off(x);
        assert_eq!(surcharge_bp(d(2026, 8, 22), d(2026, 11, 23), &off), Some(1000));
        assert_eq!(surcharge_bp(d(2026, 8, 22), d(2026, 11, 24), &off), Some(1500));
        // Without the move the Monday would already be in the fourth month.
        assert_eq!(surcharge_bp(d(2026, 8, 22), d(2026, 11, 23), NO_DAY_OFF), Some(1500));
        let fee = year_fee(INVENTION, d(2018, 8, 22), &SOLE, Some(2), 9, &off).expect("fee");
        assert_eq!(charge(&fee, d(2026, 11, 23)).surcharge, Money(20_000));
    }

    #[test]
    fn each_month_end_moves_on_its_own() {
        // Due by law on Tuesday 2025-04-01. One month: 05-01 (劳动节 05-01…05-05) → 05-06; two:
        // 06-01 (端午节 05-31…06-02) → 06-03; three to five: 07-01, 08-01, 09-01 (weekdays); six:
        // 10-01 (国庆节) → 10-09. Not chained: the third is 07-01, not a month after 06-03.
        let cal = calendar();
        let ends = surcharge_month_ends(d(2025, 4, 1), &|x| cal.is_day_off(x)).expect("ends");
        assert_eq!(ends, [d(2025, 5, 6), d(2025, 6, 3), d(2025, 7, 1), d(2025, 8, 1), d(2025, 9, 1), d(2025, 10, 9)]);
    }

    #[test]
    fn a_grace_end_on_a_holiday_moves_and_the_patent_lapses_only_after_it() {
        // Filed 2015-04-01, year 11 due 2025-04-01: grace ends by law on 2025-10-01, in the
        // holiday → 10-09. On 10-09: in grace, 25% of 4,000 = 1,000.00 + 4,000 (year 11 is past the
        // window of a patent granted in year 1: 1 … 10) = 5,000.00, no restoration; on 10-10 lapsed,
        // restoration 1,000.00 on top.
        let cal = calendar();
        let fee = year_fee(INVENTION, d(2015, 4, 1), &SOLE, Some(1), 11, &|x| cal.is_day_off(x)).expect("fee");
        assert_eq!((fee.statutory_grace_end_on, fee.grace_end_on), (d(2025, 10, 1), d(2025, 10, 9)));
        assert_eq!(status_on(&fee, d(2025, 10, 9), 90), Some(FeeStatus::Grace));
        assert_eq!(status_on(&fee, d(2025, 10, 10), 90), Some(FeeStatus::Lapsed));
        let on_time = charge(&fee, d(2025, 10, 9));
        assert_eq!((on_time.surcharge, on_time.restoration, on_time.total), (Money(100_000), Money::ZERO, Money(500_000)));
        let late = charge(&fee, d(2025, 10, 10));
        assert_eq!((late.restores, late.total), (true, Money(600_000)));
        assert_eq!(fee.calendar_years(), 2025..=2025);
    }
}
