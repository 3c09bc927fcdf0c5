//! CNIPA's online payment (网上缴费): the batch file (批量缴费文件) the office uploads to pay
//! several annual fees at once, one row per fee item with CNIPA's fee names and the payer's 票据
//! fields (docs/rules/batch-payment.md). The rows are computed here by the rules of
//! [`super::rule`] on the payment day; the report crate only lays them out.

use super::docket::{self, FeeBatchItem};
use super::rule::{charge, YearFee};
use crate::calendar::Calendar;
use crate::error::{Error, Result};
use crate::model::AchievementKind;
use crate::money::Money;
use crate::problem::{Problem, ProblemKind};
use crate::store::Store;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The columns of the batch file's first sheet, in their order — the one place they are defined
/// (docs/rules/batch-payment.md "Columns" says where each comes from).
///
/// - 序号: the row's number, as every CNIPA import template starts.
/// - 申请号/专利号: the application number as the payment system takes it — the 12 (or 8) digits
///   and the check character, without the `CN`/`ZL` prefix and without the dot
///   (`2023101234566`). The system identifies a granted patent by its application number too.
/// - 费用名称: the fee's name exactly as CNIPA's 专利收费标准 names it (发明专利第5年年费,
///   年费滞纳金, 恢复权利请求费).
/// - 金额(元): yuan with two decimals.
/// - 缴费人 and 统一社会信用代码: the payer's 票据 (electronic receipt) title and tax number,
///   which the payment system asks of a unit that pays.
///
/// CNIPA's own template could not be obtained where this was written: an office must compare
/// these columns with the template its CNIPA account offers before uploading.
pub const BATCH_COLUMNS: [&str; 6] = ["序号", "申请号/专利号", "费用名称", "金额(元)", "缴费人", "统一社会信用代码"];

/// The first sheet: header row and data rows only, so that it stays machine-readable.
pub const BATCH_SHEET: &str = "批量缴费";
/// The second sheet: the summary a person reads (payer, day, totals).
pub const SUMMARY_SHEET: &str = "汇总";

/// 专利收费标准: the late-payment surcharge of an annual fee.
pub const SURCHARGE_NAME: &str = "年费滞纳金";
/// 专利收费标准: the fee of a request to restore a right (paid with a restoration).
pub const RESTORATION_NAME: &str = "恢复权利请求费";

/// The longest payer title accepted (CNIPA's 票据 title is a unit's registered name).
const MAX_PAYER_CHARS: usize = 100;

/// 专利收费标准's name of the annual fee of `year` of a `kind` patent: `发明专利第5年年费`,
/// `实用新型专利第3年年费`, `外观设计专利第2年年费`; `None` for a kind without annual fees.
pub fn annual_fee_name(kind: AchievementKind, year: i64) -> Option<String> {
    kind.is_patent().then(|| format!("{}第{year}年年费", kind.zh()))
}

/// What an annual-fee name says: the kind of patent and the year (`发明专利第5年年费` →
/// invention, 5); `None` for any other text.
pub fn parse_annual_fee_name(name: &str) -> Option<(AchievementKind, i64)> {
    let name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    let rest = name.strip_suffix("年年费")?;
    let (kind_text, year) = rest.rsplit_once('第')?;
    let year: i64 = year.parse().ok().filter(|y| (1..=20).contains(y))?;
    let kind = [AchievementKind::InventionPatent, AchievementKind::UtilityModel, AchievementKind::DesignPatent]
        .into_iter()
        .find(|k| k.zh() == kind_text)?;
    Some((kind, year))
}

/// An application number as the payment system takes it: the stored `202310123456.6` without
/// its dot, `2023101234566`.
pub fn cnipa_number(normalized: &str) -> String {
    normalized.chars().filter(|c| *c != '.').collect()
}

/// Which of a fee's items a row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FeeItem {
    /// 第N年年费, after the reduction.
    AnnualFee,
    /// 年费滞纳金.
    Surcharge,
    /// 恢复权利请求费.
    Restoration,
}

/// One row of the batch file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct BatchRow {
    /// 申请号/专利号 in CNIPA's form (no prefix, no dot).
    pub application_no: String,
    /// 费用名称.
    pub fee_name: String,
    /// 金额.
    pub amount_fen: Money,
    /// Which item.
    pub item: FeeItem,
    /// 成果编号 (not in the file: for the summary and the screen).
    pub achievement_no: String,
    /// The patent year the item belongs to.
    #[ts(type = "number")]
    pub patent_year: i64,
}

/// The rows of one patent year's fee paid on `paid_on`: the annual fee at its reduced amount, a
/// 年费滞纳金 row when paid in a surcharge band, and a 恢复权利请求费 row when paid after the
/// grace period (where the surcharge is the last band's, 25%). `application_no` is the stored form.
pub fn fee_rows(kind: AchievementKind, achievement_no: &str, application_no: &str, fee: &YearFee, paid_on: NaiveDate) -> Vec<BatchRow> {
    let c = charge(fee, paid_on);
    let number = cnipa_number(application_no);
    let row = |fee_name: String, amount_fen: Money, item: FeeItem| BatchRow {
        application_no: number.clone(),
        fee_name,
        amount_fen,
        item,
        achievement_no: achievement_no.to_string(),
        patent_year: fee.patent_year,
    };
    let mut rows = Vec::with_capacity(3);
    if let Some(name) = annual_fee_name(kind, fee.patent_year) {
        rows.push(row(name, fee.amount, FeeItem::AnnualFee));
    }
    if c.surcharge > Money::ZERO {
        rows.push(row(SURCHARGE_NAME.to_string(), c.surcharge, FeeItem::Surcharge));
    }
    if c.restoration > Money::ZERO {
        rows.push(row(RESTORATION_NAME.to_string(), c.restoration, FeeItem::Restoration));
    }
    rows
}

/// What to put in a batch file.
#[derive(Clone, Debug, Deserialize, TS)]
pub struct BatchRequest {
    /// The fees chosen (each patent once, with the year the list showed); empty: every fee due
    /// within `within_days` of `on` or in grace on it.
    pub fees: Vec<FeeBatchItem>,
    /// The window when no fee is chosen (null: [`docket::DEFAULT_WITHIN_DAYS`]).
    pub within_days: Option<u32>,
    /// The day the office will pay: amounts, surcharge bands and the window are for that day.
    pub on: NaiveDate,
    /// 缴费人 (票据抬头); null or blank: the institution's name.
    pub payer: Option<String>,
    /// 统一社会信用代码; null or blank: the institution's code from its profile.
    pub credit_code: Option<String>,
}

/// A batch file's content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct BatchFile {
    /// The payment day the amounts are for.
    pub on: NaiveDate,
    /// 缴费人.
    pub payer: String,
    /// 统一社会信用代码.
    pub credit_code: String,
    /// Patent years paid (one annual-fee row each).
    pub fees: u32,
    /// The rows, each patent's items together, in the order of the fees.
    pub rows: Vec<BatchRow>,
    /// Their sum.
    pub total_fen: Money,
}

/// The batch file for `request`: every fee checked first, and refused as a whole with one problem
/// per offending fee (unknown number, not a granted patent, not in force, a year already paid,
/// beyond the term or not the next one, a patent listed twice); the payer's title and credit code
/// from the request or the profile (`payer_credit_code_missing` when neither has a code).
pub fn batch_file(store: &Store, request: &BatchRequest) -> Result<BatchFile> {
    let profile = crate::store::institution::load_profile(store)?;
    let mut problems = Vec::new();
    let tidy = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let payer = tidy(&request.payer).unwrap_or_else(|| profile.institution.name.clone());
    if payer.chars().count() > MAX_PAYER_CHARS {
        problems.push(Problem::field("payer", payer.chars().take(40).collect::<String>(), ProblemKind::TooLong(MAX_PAYER_CHARS)));
    }
    let credit_code = match tidy(&request.credit_code).or_else(|| tidy(&profile.code)) {
        None => {
            problems.push(Problem::field("credit_code", "", ProblemKind::PayerCreditCode));
            String::new()
        }
        Some(code) => crate::ident::credit_code(&code).unwrap_or_else(|e| {
            problems.push(Problem::field("credit_code", code.clone(), ProblemKind::CreditCode(e)));
            code
        }),
    };
    if let Err(e) = crate::date::check_range(request.on) {
        problems.push(Problem::field("on", crate::date::iso(request.on), ProblemKind::Date(e)));
        return Err(Error::Invalid(problems));
    }
    let items = if request.fees.is_empty() {
        docket::window_items(store, request.on, request.within_days.unwrap_or(docket::DEFAULT_WITHIN_DAYS))?
    } else {
        request.fees.clone()
    };
    if items.is_empty() {
        problems.push(Problem::field("fees", "", ProblemKind::TooFew(1)));
    }
    let calendar = Calendar::load(store)?;
    let off = |day| calendar.is_day_off(day);
    let mut seen = std::collections::HashSet::new();
    let mut rows = Vec::new();
    for item in &items {
        let no = item.achievement_no.trim();
        let shown = match item.patent_year {
            Some(year) => format!("{no}:{year}"),
            None => no.to_string(),
        };
        if !seen.insert(no.to_string()) {
            problems.push(Problem::field("fees", shown, ProblemKind::RepeatedEntry(no.to_string())));
            continue;
        }
        match docket::candidate(store.conn(), &off, no, item.patent_year)? {
            Ok(c) => rows.extend(fee_rows(c.kind, &c.achievement_no, &c.application_no, &c.fee, request.on)),
            Err(kind) => problems.push(Problem::field("fees", shown, kind)),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let fees = rows.iter().filter(|r| r.item == FeeItem::AnnualFee).count() as u32;
    let total_fen = Money(rows.iter().map(|r| r.amount_fen.0).sum());
    Ok(BatchFile { on: request.on, payer, credit_code, fees, rows, total_fen })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fees::rule::{year_fee, DayOff, Owners};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("a valid test date")
    }

    const NO_DAY_OFF: DayOff<'static> = &|_| false;
    const SOLE: Owners = Owners { fee_reduction: true, co_owners: 0, co_owners_reduced: 0, open_license: false };

    fn shown(rows: &[BatchRow]) -> Vec<(&str, &str, i64)> {
        rows.iter().map(|r| (r.application_no.as_str(), r.fee_name.as_str(), r.amount_fen.0)).collect()
    }

    #[test]
    fn an_invention_year_5_with_85_percent_off_paid_on_time_is_one_row() {
        // Filed 2019-06-01, granted in year 2: year 5 is due 2023-06-01 (a Thursday). Full fee of
        // years 4–6 of an invention: 1,200.00; 费减 alone pays 15%: 1,200 × 0.15 = 180.00. Paid on
        // the due day: no surcharge, so one row.
        let fee = year_fee(AchievementKind::InventionPatent, d(2019, 6, 1), &SOLE, Some(2), 5, NO_DAY_OFF).expect("fee");
        let rows = fee_rows(AchievementKind::InventionPatent, "F01", "201910123456.1", &fee, d(2023, 6, 1));
        assert_eq!(shown(&rows), vec![("2019101234561", "发明专利第5年年费", 18_000)]);
        assert_eq!((rows[0].item, rows[0].patent_year, rows[0].achievement_no.as_str()), (FeeItem::AnnualFee, 5, "F01"));
    }

    #[test]
    fn a_utility_model_paid_in_the_third_surcharge_month_adds_the_surcharge_row() {
        // Filed 2020-03-10, granted in year 1: year 3 is due 2022-03-10; full fee of years 1–3 of
        // a utility model 600.00, 费减 → 600 × 0.15 = 90.00. Paid 2022-06-01: after 05-10 (two
        // months) and by 06-10 (three) → the third surcharge month, 10% of the FULL fee: 600 ×
        // 0.10 = 60.00. Two rows: 90.00 + 60.00 = 150.00.
        let fee = year_fee(AchievementKind::UtilityModel, d(2020, 3, 10), &SOLE, Some(1), 3, NO_DAY_OFF).expect("fee");
        let rows = fee_rows(AchievementKind::UtilityModel, "F02", "202020123456.0", &fee, d(2022, 6, 1));
        assert_eq!(shown(&rows), vec![("2020201234560", "实用新型专利第3年年费", 9_000), ("2020201234560", "年费滞纳金", 6_000)]);
        assert_eq!(rows[1].item, FeeItem::Surcharge);
    }

    #[test]
    fn a_design_and_a_restoration() {
        // Design filed 2022-01-01 (15-year term), granted in year 1, year 2 due 2023-01-01: full
        // fee 600.00, 费减 → 90.00, on time.
        let fee = year_fee(AchievementKind::DesignPatent, d(2022, 1, 1), &SOLE, Some(1), 2, NO_DAY_OFF).expect("fee");
        let rows = fee_rows(AchievementKind::DesignPatent, "F04", "202230123456.X", &fee, d(2022, 12, 20));
        assert_eq!(shown(&rows), vec![("202230123456X", "外观设计专利第2年年费", 9_000)]);
        // Paid 2023-07-03, after the grace end 2023-07-01: 90.00 + 25% of 600 = 150.00 + the
        // 1,000.00 restoration fee.
        let rows = fee_rows(AchievementKind::DesignPatent, "F04", "202230123456.X", &fee, d(2023, 7, 3));
        assert_eq!(
            shown(&rows),
            vec![
                ("202230123456X", "外观设计专利第2年年费", 9_000),
                ("202230123456X", "年费滞纳金", 15_000),
                ("202230123456X", "恢复权利请求费", 100_000)
            ]
        );
    }

    #[test]
    fn fee_names_read_back() {
        assert_eq!(parse_annual_fee_name("发明专利第5年年费"), Some((AchievementKind::InventionPatent, 5)));
        assert_eq!(parse_annual_fee_name(" 实用新型专利第10年年费"), Some((AchievementKind::UtilityModel, 10)));
        assert_eq!(parse_annual_fee_name("外观设计专利第2年年费"), Some((AchievementKind::DesignPatent, 2)));
        assert_eq!(parse_annual_fee_name("发明专利第21年年费"), None, "no patent has a 21st year");
        assert_eq!(parse_annual_fee_name("发明专利申请费"), None);
        assert_eq!(parse_annual_fee_name("软件著作权第2年年费"), None);
        assert_eq!(annual_fee_name(AchievementKind::SoftwareCopyright, 2), None);
    }
}
