//! 年费 rules: the CNIPA annual fees of granted patents (docs/rules/fees.md) — the fee table and terms,
//! the reduction (费减 or 开放许可), the due date of each patent year, the six-month grace period
//! with its surcharge bands, lapse and restoration. Pure functions of the dates they are given
//! ("today" is always an argument), applied to the store by [`super::docket`].

use crate::model::AchievementKind;
use crate::money::Money;
use crate::share::FULL_BP;
use chrono::{Days, Months, NaiveDate};
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

/// The day patent year `year` starts and its fee is due: the filing date plus `year − 1` years,
/// clamped to the month's end (filed 02-29 → due 02-28 in a common year).
pub fn due_on(filed_on: NaiveDate, year: i64) -> Option<NaiveDate> {
    let months = u32::try_from(year.checked_sub(1)?.checked_mul(12)?).ok()?;
    filed_on.checked_add_months(Months::new(months))
}

/// The last day of the grace period: six months after the due date, clamped to the month's end.
pub fn grace_end_on(due_on: NaiveDate) -> Option<NaiveDate> {
    due_on.checked_add_months(Months::new(GRACE_MONTHS))
}

/// The surcharge rate (bp of the full fee) for paying on `paid_on` a fee due on `due_on`: 0 up to
/// one month after the due date inclusive, then 5% more per month up to 25% at six months;
/// `None` after six months, when the patent has lapsed.
pub fn surcharge_bp(due_on: NaiveDate, paid_on: NaiveDate) -> Option<i64> {
    SURCHARGE_BANDS
        .iter()
        .find(|(months, _)| due_on.checked_add_months(Months::new(*months)).is_some_and(|limit| paid_on <= limit))
        .map(|b| b.1)
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
    /// The day it is due (the year's first day).
    pub due_on: NaiveDate,
    /// The last day it can be paid with a surcharge.
    pub grace_end_on: NaiveDate,
    /// The table's fee.
    pub full_fee: Money,
    /// Why it is reduced.
    pub reduction: Reduction,
    /// What is paid on time: the full fee times the payable part, rounded half up to the fen.
    pub amount: Money,
}

/// The fee of patent year `year`; `None` outside the term or for a kind without annual fees.
pub fn year_fee(kind: AchievementKind, filed_on: NaiveDate, owners: &Owners, grant_year: Option<i64>, year: i64) -> Option<YearFee> {
    let full_fee = full_fee(kind, filed_on, year)?;
    let due_on = due_on(filed_on, year)?;
    let reduction = reduction(owners, grant_year, year);
    Some(YearFee {
        patent_year: year,
        due_on,
        grace_end_on: grace_end_on(due_on)?,
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
    let band = surcharge_bp(fee.due_on, paid_on);
    let surcharge_bp = band.unwrap_or(RESTORATION_SURCHARGE_BP);
    let surcharge = fee.full_fee.apply_bp(surcharge_bp);
    let restoration = if band.is_none() { RESTORATION_FEE } else { Money::ZERO };
    Charge { surcharge_bp, surcharge, restoration, total: Money(fee.amount.0 + surcharge.0 + restoration.0), restores: band.is_none() }
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
/// not due yet within the window.
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
        let fee = year_fee(INVENTION, d(2019, 6, 1), &SOLE, Some(2), 5).expect("year 5 has a fee");
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
        assert_eq!(surcharge_bp(d(2023, 6, 1), paid_on), bp, "paid {paid_on}");
    }

    #[test]
    fn month_ends_clamp_and_bands_are_not_chained() {
        // Filed 2015-01-31: year 10 is due 2024-01-31; one month later is 2024-02-29 (leap
        // year), two months 2024-03-31 (not 03-29 as chaining from February would give).
        let due = due_on(d(2015, 1, 31), 10).expect("due");
        assert_eq!(due, d(2024, 1, 31));
        assert_eq!(surcharge_bp(due, d(2024, 2, 29)), Some(0));
        assert_eq!(surcharge_bp(due, d(2024, 3, 1)), Some(500));
        assert_eq!(surcharge_bp(due, d(2024, 3, 31)), Some(500));
        assert_eq!(surcharge_bp(due, d(2024, 4, 1)), Some(1000));
        assert_eq!(grace_end_on(due), Some(d(2024, 7, 31)));
        // Filed on a 29 February: due on 28 February in common years, 29 in leap years.
        assert_eq!(due_on(d(2016, 2, 29), 2), Some(d(2017, 2, 28)));
        assert_eq!(due_on(d(2016, 2, 29), 5), Some(d(2020, 2, 29)));
        // Due 08-31: the grace ends 02-28 (six months later, clamped).
        assert_eq!(grace_end_on(d(2025, 8, 31)), Some(d(2026, 2, 28)));
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
        let fee = year_fee(INVENTION, d(2016, 4, 10), &owners, Some(3), 7).expect("fee");
        assert_eq!(fee.amount, Money(fen));
    }

    #[test]
    fn reduced_amounts_round_half_up() {
        // A design's year 4 (900.00) under an open license: 900 × 85% = 765.00 exactly. No
        // table fee leaves a fraction of a fen, so the half-up rounding of apply_bp is pinned
        // directly: 0.05 × 15% = 0.0075 → 0.01.
        let open = Owners { open_license: true, ..SOLE };
        assert_eq!(year_fee(DESIGN, d(2022, 1, 1), &open, Some(1), 4).map(|f| f.amount), Some(Money(76_500)));
        assert_eq!(Money(5).apply_bp(1500), Money(1));
    }

    #[test]
    fn restoration_costs_1000_plus_the_fee_plus_25_percent() {
        // Year 5 of the worked example, paid 2023-12-02 (grace ended 12-01): 1,000 + 180 + 300.
        let fee = year_fee(INVENTION, d(2019, 6, 1), &SOLE, Some(2), 5).expect("fee");
        let c = charge(&fee, d(2023, 12, 2));
        assert!(c.restores, "after the grace period the payment restores the patent");
        assert_eq!((c.surcharge, c.restoration, c.total), (Money(30_000), Money(100_000), Money(148_000)));
    }

    #[test]
    fn the_utility_model_ends_at_year_ten() {
        let filed = d(2016, 3, 15);
        let fee = year_fee(UTILITY, filed, &SOLE, Some(1), 10).expect("year 10 has a fee");
        // Granted in year 1: the reduction covers years 1 … 10, so year 10 (2,000.00) is reduced.
        assert_eq!((fee.due_on, fee.full_fee, fee.reduction), (d(2025, 3, 15), Money(200_000), Reduction::SoleOwner));
        assert_eq!(year_fee(UTILITY, filed, &SOLE, Some(1), 11), None);
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
        let fee = year_fee(INVENTION, d(2019, 12, 1), &SOLE, Some(3), 8).expect("fee");
        assert_eq!(fee.due_on, d(2026, 12, 1));
        assert_eq!(status_on(&fee, on, within), status, "on {on} within {within}");
    }
}
