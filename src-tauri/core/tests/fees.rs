//! Annual fees on a store (docs/rules/fees.md): the list of fees to pay on a day, payments,
//! decisions and lapses, and a patent's schedule. The portfolio below is written for these tests;
//! every figure in the comments is worked out by hand from the fee table (the institution has 费减).
//!
//! On 2026-11-23 (the test actor's day), looking 90 days ahead (to 2027-02-21):
//! - F01 invention filed 2019-12-01, granted 2022-03-01 (year 3), paid through 7: year 8 due
//!   2026-12-01, 2,000 × 15% = 300.00 → due.
//! - F02 utility model filed 2021-02-10, granted 2021-09-01 (year 1), paid through 5: year 6 due
//!   2026-02-10, grace ended 2026-08-10 → lapsed; 1,200 × 15% = 180.00 + 25% of 1,200 = 300.00
//!   + 1,000.00 restoration = 1,480.00.
//! - F03 invention filed 2018-09-30, granted 2021-01-05 (year 3), paid through 8: year 9 due
//!   2026-09-30; 11-23 is after 10-30 (+1 month) and before 11-30 (+2) → grace, 5% of 2,000 =
//!   100.00 on top of 300.00.
//! - F04 design filed 2023-01-20 (15-year term), granted 2023-06-01 (year 1), paid through 4:
//!   year 5 due 2027-01-20, 900 × 15% = 135.00 → due.
//! - F05 invention filed 2017-12-01, granted 2019-05-10 (year 2), paid through 9, co-owned with
//!   one organization without 费减: year 10 due 2026-12-01, no reduction → 4,000.00.
//! - F06 invention filed 2016-01-15, granted 2018-03-01 (year 3), paid through 11, co-owned with
//!   one organization with 费减: year 12 due 2027-01-15 (the last reduced year), 4,000 × 30% =
//!   1,200.00.
//! - F07 invention filed 2015-02-20, granted 2017-06-01, paid through 12, open license: year 13
//!   due by law on Saturday 2027-02-20, so on Monday 02-22 (2027 has no holiday arrangement in
//!   the shipped calendar: weekends only) — one day past the 90 days; 6,000 × 85% = 5,100.00.
//! - F08 abandoned, F09 pending, SW01 software: never listed. F10 invention paid through 20:
//!   nothing left. F11 invention filed 2024-12-10, granted 2026-09-01 (year 2), paid-through left
//!   empty at import: year 3 due 2026-12-10, 900 × 15% = 135.00. F12 utility model paid through 10.

use crate::common::{actor, dump, fixture, new_store};
use chrono::NaiveDate;
use transferdesk_core::fees::docket::{self, FeeDecisionInput, FeeDecisionKind, FeePayment, FeeQuery, YearStatus};
use transferdesk_core::fees::rule::{FeeStatus, Reduction};
use transferdesk_core::model::{AchievementStatus, Table};
use transferdesk_core::{import, Error, Money, Store};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

const ON: &str = "2026-11-23";

const PATENTS: &str = "成果编号,成果名称,成果类型,申请号,申请日,授权号,授权日,法律状态,所属单位,财政资助项目,年费已缴至,完成人
F01,一种电池,发明专利,201910900001.4,2019-12-01,,2022-03-01,有效,计算机学院,,7,T001*
F02,一种夹具,实用新型专利,202120900002.1,2021-02-10,,2021-09-01,有效,计算机学院,,5,T001*
F03,一种涂层,发明专利,201810900003.9,2018-09-30,,2021-01-05,有效,材料科学与工程学院,,8,T003*
F04,一种灯具,外观设计专利,202330900004.5,2023-01-20,,2023-06-01,有效,计算机学院,,4,T002*
F05,一种电机,发明专利,201710900005.3,2017-12-01,,2019-05-10,有效,计算机学院,,9,T001*
F06,一种合金,发明专利,201610900006.3,2016-01-15,,2018-03-01,有效,材料科学与工程学院,,11,T003*
F07,一种芯片,发明专利,201510900007.3,2015-02-20,,2017-06-01,有效,计算机学院,,12,T001*
F08,一种阀门,发明专利,201910900008.6,2019-12-01,,2022-03-01,放弃,计算机学院,,7,T001*
F09,一种传感器,发明专利,202410900009.1,2024-01-01,,,申请中,计算机学院,,,T001*
F10,一种泵,发明专利,200610900010.6,2006-12-01,,2009-03-01,有效,计算机学院,,20,T001*
F11,一种滤膜,发明专利,202410900011.9,2024-12-10,,2026-09-01,有效,材料科学与工程学院,,,T003*
F12,一种支架,实用新型专利,201620900012.4,2016-05-01,,2017-01-01,有效,计算机学院,,10,T002*
SW01,图像标注软件V1.0,软件著作权,,,2024SR0000001,2024-05-20,有效,计算机学院,,,T001*
";

pub fn fee_store(dir: &tempfile::TempDir) -> Store {
    let mut store = new_store(dir);
    for (table, file) in [(Table::People, "good/people.csv"), (Table::Organizations, "good/organizations.csv")] {
        import::import(&mut store, &actor(), table, &fixture(file), false).expect("fixture imports");
    }
    let path = dir.path().join("patents.csv");
    std::fs::write(&path, PATENTS).expect("write csv");
    import::import(&mut store, &actor(), Table::Achievements, &path, false)
        .unwrap_or_else(|e| panic!("patents import: {:?}", e.report(transferdesk_core::Lang::En)));
    let conn = store.conn();
    let id = |no: &str| -> i64 { conn.query_row("SELECT id FROM achievement WHERE achievement_no = ?1", [no], |r| r.get(0)).expect("id") };
    let org = |name: &str| -> i64 { conn.query_row("SELECT id FROM organization WHERE name = ?1", [name], |r| r.get(0)).expect("org") };
    let co_owner = |a: &str, o: &str, reduced: bool| {
        conn.execute("INSERT INTO co_owner (achievement_id, organization_id, fee_reduction) VALUES (?1, ?2, ?3)", (id(a), org(o), reduced))
            .expect("co-owner");
    };
    co_owner("F05", "成都蜀新科技有限公司", true);
    co_owner("F05", "北京华能装备股份有限公司", false);
    co_owner("F06", "成都蜀新科技有限公司", true);
    conn.execute("UPDATE achievement SET open_license = 1 WHERE achievement_no = 'F07'", []).expect("open license");
    // The grant year's fee is paid at registration: an empty paid-through year means just that.
    conn.execute("UPDATE achievement SET fees_paid_through = NULL, fees_paid_through_assumed = 0 WHERE achievement_no = 'F11'", [])
        .expect("no paid-through");
    store
}

type Row = (&'static str, i64, &'static str, i64, i64, i64, FeeStatus);

fn listed(store: &Store, on: &str, within: u32) -> Vec<(String, i64, String, i64, i64, i64, FeeStatus)> {
    docket::lines(store, day(on), within)
        .expect("list")
        .into_iter()
        .map(|l| (l.achievement_no, l.patent_year, l.due_on.to_string(), l.full_fee_fen.0, l.amount_fen.0, l.surcharge_fen.0, l.status))
        .collect()
}

fn owned(rows: &[Row]) -> Vec<(String, i64, String, i64, i64, i64, FeeStatus)> {
    rows.iter().map(|r| (r.0.to_string(), r.1, r.2.to_string(), r.3, r.4, r.5, r.6)).collect()
}

fn code<T: std::fmt::Debug>(result: Result<T, Error>) -> String {
    match result {
        Err(e) => e.code().to_string(),
        Ok(v) => panic!("expected a refusal, got {v:?}"),
    }
}

fn payment(no: &str, year: i64, paid_on: &str, amount: &str) -> FeePayment {
    FeePayment {
        achievement_no: no.into(),
        patent_year: year,
        paid_on: day(paid_on),
        amount: amount.into(),
        voucher_no: Some("PJ-1".into()),
    }
}

#[test]
fn the_list_holds_due_grace_and_lapsed_fees_in_due_date_order() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = fee_store(&dir);
    use FeeStatus::*;
    let expected: &[Row] = &[
        ("F02", 6, "2026-02-10", 120_000, 18_000, 30_000, Lapsed),
        ("F03", 9, "2026-09-30", 200_000, 30_000, 10_000, Grace),
        // Same due date: by achievement number.
        ("F01", 8, "2026-12-01", 200_000, 30_000, 0, Due),
        ("F05", 10, "2026-12-01", 400_000, 400_000, 0, Due),
        ("F11", 3, "2026-12-10", 90_000, 13_500, 0, Due),
        ("F06", 12, "2027-01-15", 400_000, 120_000, 0, Due),
        ("F04", 5, "2027-01-20", 90_000, 13_500, 0, Due),
    ];
    assert_eq!(listed(&store, ON, 90), owned(expected));
    // One day more reaches F07's moved due date.
    let f07 = docket::lines(&store, day(ON), 91).expect("list").into_iter().find(|l| l.achievement_no == "F07").expect("F07 in 91 days");
    assert_eq!((f07.statutory_due_on, f07.due_on, f07.amount_fen), (day("2027-02-20"), day("2027-02-22"), Money(510_000)));
    assert_eq!(f07.reduction, Reduction::OpenLicense);

    // 30 days ahead (to 2026-12-23): only the December fees are due; grace and lapse do not depend on the window.
    let short: Vec<String> = listed(&store, ON, 30).into_iter().map(|r| r.0).collect();
    assert_eq!(short, ["F02", "F03", "F01", "F05", "F11"]);

    let lines = docket::lines(&store, day(ON), 90).expect("list");
    let f02 = &lines[0];
    assert_eq!((f02.restoration_fen, f02.total_fen), (Money(100_000), Money(148_000)), "lapsed: 1,000 + 180 + 300");
    assert_eq!(f02.grace_end_on, day("2026-08-10"));
    let reductions: Vec<Reduction> = lines.iter().map(|l| l.reduction).collect();
    use Reduction::*;
    assert_eq!(reductions, [SoleOwner, SoleOwner, SoleOwner, None, SoleOwner, CoOwned, SoleOwner]);

    let page =
        docket::page(&store, &FeeQuery { status: FeeStatus::Grace, within_days: 90, page: 1, page_size: 50 }, day(ON)).expect("page");
    let c = page.counts;
    assert_eq!((c.due, c.due_30, c.due_60, c.due_90, c.grace, c.lapsed), (5, 3, 5, 5, 1, 1), "30 days: F01, F05, F11; 60: and F06, F04");
    assert_eq!((page.total, page.total_fen), (1, Money(40_000)), "the grace tab costs 300.00 + 100.00");
    // F06, F04 and F07 fall due in 2027, and F01's grace ends there: no arrangement for 2027.
    assert_eq!(page.calendar_missing, [2027]);
    let due = docket::page(&store, &FeeQuery { status: FeeStatus::Due, within_days: 90, page: 2, page_size: 4 }, day(ON)).expect("page 2");
    assert_eq!(due.total, 5);
    assert_eq!(due.rows.iter().map(|r| r.achievement_no.as_str()).collect::<Vec<_>>(), ["F04"], "the second page of four");
    let month =
        docket::page(&store, &FeeQuery { status: FeeStatus::Due, within_days: 30, page: 1, page_size: 50 }, day(ON)).expect("30 days");
    assert_eq!((month.total, month.counts.due, month.counts.due_90), (3, 3, 5), "the tab follows the window; the counts stay");
}

#[test]
fn paying_advances_the_paid_through_year_and_keeps_what_was_expected() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = fee_store(&dir);
    let paid = docket::pay(&mut store, &actor(), &payment("F01", 8, ON, "300")).expect("paid");
    assert_eq!((paid.fees_paid_through, paid.expected_fen, paid.amount_fen, paid.warning), (8, Money(30_000), Money(30_000), None));
    let through: i64 =
        store.conn().query_row("SELECT fees_paid_through FROM achievement WHERE achievement_no = 'F01'", [], |r| r.get(0)).expect("row");
    assert_eq!(through, 8);
    let row: (String, String, i64, i64, i64, i64, Option<String>) = store
        .conn()
        .query_row(
            "SELECT due_on, paid_on, amount_fen, expected_fen, surcharge_fen, restoration_fen, voucher_no FROM fee_payment",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
        )
        .expect("one payment row");
    assert_eq!(row, ("2026-12-01".into(), ON.into(), 30_000, 30_000, 0, 0, Some("PJ-1".into())));
    let audited: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM audit_log WHERE entity IN ('fee_payment', 'achievement') AND entity_key LIKE 'F01%'", [], |r| {
            r.get(0)
        })
        .expect("audit");
    assert_eq!(audited, 1 + 1 + 1, "the import's insert, the payment and the achievement's update");
    assert!(!listed(&store, ON, 90).iter().any(|r| r.0 == "F01"), "paid: off the list (year 9 is due 2027-12-01)");

    // F03 year 9 in its second month of grace: 300.00 + 100.00 expected; 300.00 paid is accepted with a warning.
    let short = docket::pay(&mut store, &actor(), &payment("F03", 9, ON, "300.00")).expect("accepted");
    let warning = short.warning.expect("the difference is reported");
    assert_eq!((warning.expected_fen, warning.paid_fen), (Money(40_000), Money(30_000)));
    assert_eq!(short.surcharge_fen, Money(10_000));

    // A paid-through year recorded before the grant year (F01 set to 1, granted in year 3): the
    // years before the grant owe no annual fee, so year 4 is next, not 2.
    store.conn().execute("UPDATE achievement SET fees_paid_through = 1 WHERE achievement_no = 'F01'", []).expect("set");
    assert_eq!(docket::quote(&store, "F01", day(ON)).expect("quote").patent_year, 4, "years before the grant owe nothing");

    // The empty paid-through year of F11 means the grant year 2: year 3 is next.
    assert_eq!(docket::quote(&store, "F11", day(ON)).expect("quote").patent_year, 3);
    assert_eq!(docket::pay(&mut store, &actor(), &payment("F11", 3, ON, "135")).expect("paid").fees_paid_through, 3);
}

#[test]
fn a_lapsed_patent_is_marked_then_restored_by_paying_with_the_restoration_fee() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = fee_store(&dir);
    assert_eq!(code(docket::mark_lapsed(&mut store, &actor(), "F01", day(ON))), "fee_not_lapsed", "F01 is only due");
    assert_eq!(code(docket::mark_lapsed(&mut store, &actor(), "F03", day(ON))), "fee_not_lapsed", "F03 is in grace");
    let lapse = docket::mark_lapsed(&mut store, &actor(), "F02", day(ON)).expect("marked");
    // Tuesday 2026-02-10 and Monday 2026-08-10 are working days: nothing moved.
    assert_eq!(
        (lapse.patent_year, lapse.due_on, lapse.grace_end_on, lapse.lapsed_on),
        (6, day("2026-02-10"), day("2026-08-10"), day("2026-02-10"))
    );
    let status = |store: &Store| -> AchievementStatus {
        store.conn().query_row("SELECT status FROM achievement WHERE achievement_no = 'F02'", [], |r| r.get(0)).expect("status")
    };
    assert_eq!(status(&store), AchievementStatus::Lapsed);
    assert!(!listed(&store, ON, 90).iter().any(|r| r.0 == "F02"), "the list holds patents recorded in force");
    assert_eq!(code(docket::mark_lapsed(&mut store, &actor(), "F02", day(ON))), "fee_not_applicable", "already lapsed");

    let quote = docket::quote(&store, "F02", day(ON)).expect("quote");
    assert!(quote.restores);
    assert_eq!((quote.surcharge_bp, quote.total_fen), (2500, Money(148_000)));
    let restored = docket::pay(&mut store, &actor(), &payment("F02", 6, ON, "1,480.00")).expect("restored");
    assert!(restored.restored && restored.warning.is_none());
    assert_eq!((restored.surcharge_fen, restored.restoration_fen), (Money(30_000), Money(100_000)));
    assert_eq!(status(&store), AchievementStatus::InForce, "in force again");
}

#[test]
fn bad_payments_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = fee_store(&dir);
    let before = dump(&store);
    let refusals = [
        (payment("F01", 7, ON, "300"), "fee_year_already_paid"),
        (payment("F01", 3, ON, "300"), "fee_year_already_paid"),
        (payment("F01", 9, ON, "300"), "fee_year_not_next"),
        (payment("F12", 11, ON, "100"), "fee_year_beyond_term"),
        (payment("F10", 20, ON, "100"), "fee_year_already_paid"),
        (payment("SW01", 2, ON, "100"), "fee_not_applicable"),
        (payment("F09", 2, ON, "100"), "fee_not_applicable"),
        (payment("F08", 8, ON, "300"), "fee_not_applicable"),
        (payment("F01", 8, "2026-11-24", "300"), "date_in_future"),
        (payment("NOPE", 8, ON, "300"), "not_found"),
    ];
    for (input, expected) in refusals {
        assert_eq!(code(docket::pay(&mut store, &actor(), &input)), expected, "{} year {}", input.achievement_no, input.patent_year);
    }
    match docket::pay(&mut store, &actor(), &FeePayment { voucher_no: Some("x".repeat(61)), ..payment("F01", 21, ON, "0") }) {
        Err(Error::Invalid(problems)) => {
            let fields: Vec<&str> = problems.iter().map(|p| p.column.as_str()).collect();
            assert_eq!(fields, ["amount", "patent_year", "voucher_no"], "every bad field is named");
        }
        other => panic!("a zero amount and year 21 must be refused: {other:?}"),
    }
    assert!(matches!(docket::pay(&mut store, &actor(), &payment("F01", 8, ON, "三百")), Err(Error::Invalid(_))));
    assert_eq!(dump(&store), before, "nothing was written");
}

#[test]
fn decisions_are_recorded_and_abandoning_ends_the_fees() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = fee_store(&dir);
    let input = |decision, reason: &str, grant| FeeDecisionInput {
        achievement_no: "F05".into(),
        decision,
        decided_on: day("2026-11-20"),
        reason: reason.into(),
        inventors_notified_on: Some(day("2026-11-10")),
        grant_to_inventors: grant,
    };
    let before = dump(&store);
    match docket::decide(&mut store, &actor(), &input(FeeDecisionKind::Keep, "  ", true)) {
        Err(Error::Invalid(problems)) => {
            let fields: Vec<&str> = problems.iter().map(|p| p.column.as_str()).collect();
            assert_eq!(fields, ["reason", "grant_to_inventors"], "a reason is required; granting goes with abandoning only");
        }
        other => panic!("must be refused: {other:?}"),
    }
    let sw = FeeDecisionInput { achievement_no: "SW01".into(), ..input(FeeDecisionKind::Keep, "有市场", false) };
    assert_eq!(code(docket::decide(&mut store, &actor(), &sw)), "fee_not_applicable");
    assert_eq!(dump(&store), before, "nothing was written");

    docket::decide(&mut store, &actor(), &input(FeeDecisionKind::Keep, "仍有许可意向", false)).expect("keep");
    let abandoned =
        docket::decide(&mut store, &actor(), &input(FeeDecisionKind::Abandon, "无转化前景，年费负担重", true)).expect("abandon");
    assert!(abandoned.grant_to_inventors);
    let status: AchievementStatus =
        store.conn().query_row("SELECT status FROM achievement WHERE achievement_no = 'F05'", [], |r| r.get(0)).expect("status");
    assert_eq!(status, AchievementStatus::Abandoned);
    assert!(!listed(&store, ON, 90).iter().any(|r| r.0 == "F05"), "abandoned: no more fees");
    let id: i64 = store.conn().query_row("SELECT id FROM achievement WHERE achievement_no = 'F05'", [], |r| r.get(0)).expect("id");
    let all = docket::decisions(&store, id).expect("decisions");
    assert_eq!(all.iter().map(|d| d.decision).collect::<Vec<_>>(), [FeeDecisionKind::Keep, FeeDecisionKind::Abandon]);
    assert_eq!(
        code(docket::decide(&mut store, &actor(), &input(FeeDecisionKind::Keep, "再议", false))),
        "fee_not_applicable",
        "abandoned already"
    );
}

#[test]
fn the_schedule_covers_the_whole_term() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = fee_store(&dir);
    docket::pay(&mut store, &actor(), &payment("F01", 8, ON, "300")).expect("paid");
    let id: i64 = store.conn().query_row("SELECT id FROM achievement WHERE achievement_no = 'F01'", [], |r| r.get(0)).expect("id");
    let s = docket::schedule(&store, id, day(ON)).expect("schedule");
    assert_eq!((s.term_years, s.grant_year, s.paid_through, s.next_year), (20, Some(3), Some(8), Some(9)));
    assert_eq!(s.years.len(), 20);
    let status: Vec<YearStatus> = s.years.iter().map(|y| y.status).collect();
    use YearStatus::*;
    assert_eq!(status[..10], [BeforeGrant, BeforeGrant, Paid, Paid, Paid, Paid, Paid, Paid, Upcoming, Upcoming]);
    // Year 12 is the last reduced one (grant year 3 + 9): 4,000 × 15% = 600.00; year 13 pays 6,000.00.
    // Year 12 is due by law on Sunday 2030-12-01, so on Monday 12-02 (no arrangement for 2030).
    let y12 = &s.years[11];
    let y13 = &s.years[12];
    assert_eq!((y12.reduction, y12.amount_fen, y12.due_on), (Reduction::SoleOwner, Money(60_000), day("2030-12-02")));
    assert_eq!(y12.statutory_due_on, day("2030-12-01"));
    // Year 9 is due 2027-12-01 and its grace ends 2028-06-01: neither year has an arrangement.
    assert_eq!(s.calendar_missing, [2027, 2028]);
    assert_eq!((y13.reduction, y13.amount_fen), (Reduction::None, Money(600_000)));
    let y8 = s.years[7].payment.as_ref().expect("year 8's payment");
    assert_eq!((y8.paid_on, y8.amount_fen), (day(ON), Money(30_000)));

    // F02 on the same day: year 6 lapsed with its restoration figures.
    let f02: i64 = store.conn().query_row("SELECT id FROM achievement WHERE achievement_no = 'F02'", [], |r| r.get(0)).expect("id");
    let s = docket::schedule(&store, f02, day(ON)).expect("schedule");
    let y6 = &s.years[5];
    assert_eq!((y6.status, y6.surcharge_fen, y6.restoration_fen), (Lapsed, Money(30_000), Money(100_000)));
    assert_eq!(s.years.len(), 10, "a utility model's term is 10 years");
    let sw: i64 = store.conn().query_row("SELECT id FROM achievement WHERE achievement_no = 'SW01'", [], |r| r.get(0)).expect("id");
    assert_eq!(code(docket::schedule(&store, sw, day(ON))), "fee_not_applicable");
}

/// Patents whose next due date sits on the list's window bounds, across year ends and 29
/// February (the SQL prefilter compares filing dates as text against bounds shifted by the
/// paid-through years; the exact dates are the Rust rules'). All inventions in force, the
/// institution with 费减. Every weekend of 2026–2028 is listed as worked, so that no deadline
/// moves and the bounds are tested alone (the moves have their own tests). Patent years worked
/// out by hand:
/// - E1 filed 2019-12-31, granted 2021-06-01 (year 2), paid through 8: year 9 due 2027-12-31, 2,000 × 15%.
/// - E2 filed 2020-01-01, granted 2022-01-01 (year 3), paid through 8: year 9 due 2028-01-01.
/// - E3 filed 2016-02-29, granted 2018-03-01 (year 3), paid through 11: year 12 due 2027-02-28
///   (2027 is a common year), 4,000 × 15%, grace to 2027-08-28.
/// - E4 filed 2017-03-01, granted 2019-03-01 (year 3), paid through 10: year 11 due 2027-03-01, 4,000 × 15%.
/// - E5 filed 2023-12-31, granted 2026-12-31 (first day of year 4), nothing recorded: year 5 due
///   2027-12-31, 1,200 × 15%.
/// - E6 filed 2024-01-01, granted 2027-01-01 (year 4), nothing recorded: year 5 due 2028-01-01.
/// - E7 filed 2010-12-31, granted 2013-01-05 (year 3), paid through 16: year 17 due 2026-12-31,
///   8,000 unreduced, grace to 2027-06-30 (June has no 31st).
/// - E8 filed 2011-06-01, granted 2013-06-01 (year 3), paid through 16: year 17 due 2027-06-01,
///   8,000 unreduced, grace to 2027-12-01.
/// - E9 filed 2020-01-01, granted 2027-06-01 (year 8), paid through 2 as recorded: the years
///   before the grant owe nothing, so year 9 is next, due 2028-01-01 (not year 3, due 2022).
/// - E10 filed 2016-02-29, granted 2018-03-01 (year 3), paid through 12: year 13 due 2028-02-29
///   (a leap year), 6,000 unreduced.
fn edge_store(dir: &tempfile::TempDir) -> Store {
    let mut store = new_store(dir);
    import::import(&mut store, &actor(), Table::People, &fixture("good/people.csv"), false).expect("people");
    let conn = store.conn();
    conn.execute_batch(
        "WITH RECURSIVE d(day) AS (SELECT '2026-01-01' UNION ALL SELECT date(day, '+1 day') FROM d WHERE day < '2028-12-31')
         INSERT OR REPLACE INTO holiday (day, kind, name) SELECT day, 'work', '测试：周末上班' FROM d WHERE strftime('%w', day) IN ('0', '6')",
    )
    .expect("weekends worked");
    let patents: [(&str, &str, &str, Option<i64>); 10] = [
        ("E1", "2019-12-31", "2021-06-01", Some(8)),
        ("E2", "2020-01-01", "2022-01-01", Some(8)),
        ("E3", "2016-02-29", "2018-03-01", Some(11)),
        ("E4", "2017-03-01", "2019-03-01", Some(10)),
        ("E5", "2023-12-31", "2026-12-31", None),
        ("E6", "2024-01-01", "2027-01-01", None),
        ("E7", "2010-12-31", "2013-01-05", Some(16)),
        ("E8", "2011-06-01", "2013-06-01", Some(16)),
        ("E9", "2020-01-01", "2027-06-01", Some(2)),
        ("E10", "2016-02-29", "2018-03-01", Some(12)),
    ];
    for (n, (no, filed, granted, through)) in patents.iter().enumerate() {
        conn.execute(
            "INSERT INTO achievement (achievement_no, title, kind, application_no, filed_on, granted_on, status, department_id, fees_paid_through)
             VALUES (?1, '边界' || ?1, 'invention_patent', ?2, ?3, ?4, 'in_force', (SELECT id FROM department WHERE name = '计算机学院'), ?5)",
            (no, format!("20991090{n:04}.X"), filed, granted, through),
        )
        .expect("patent");
    }
    store
}

#[test]
fn the_window_bounds_hold_across_year_ends_and_29_february() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = edge_store(&dir);
    let due = |on: &str, within: u32| -> Vec<(String, String, FeeStatus)> {
        docket::lines(&store, day(on), within)
            .expect("list")
            .into_iter()
            .map(|l| (l.achievement_no, l.due_on.to_string(), l.status))
            .collect()
    };
    let rows = |rows: &[(&str, &str, FeeStatus)]| -> Vec<(String, String, FeeStatus)> {
        rows.iter().map(|(no, d, s)| (no.to_string(), d.to_string(), *s)).collect()
    };
    use FeeStatus::*;

    // 2027-12-01 + 30 days = 2027-12-31: E1 and E5 are due on the window's last day; E2, E6 and
    // E9 on the day after it are not listed.
    let expected = rows(&[
        ("E7", "2026-12-31", Lapsed),
        ("E3", "2027-02-28", Lapsed),
        ("E4", "2027-03-01", Lapsed),
        ("E8", "2027-06-01", Grace),
        ("E1", "2027-12-31", Due),
        ("E5", "2027-12-31", Due),
    ]);
    assert_eq!(due("2027-12-01", 30), expected);
    // One day shorter: the two 12-31 fees drop out.
    assert_eq!(due("2027-12-01", 29), expected[..4].to_vec());

    // 2027-01-30 + 29 days = 2027-02-28: E3, filed on 29 February, is due on the last day; E4
    // (03-01) the day after. E7 is a month late, still without surcharge.
    assert_eq!(due("2027-01-30", 29), rows(&[("E7", "2026-12-31", Grace), ("E3", "2027-02-28", Due)]));
    assert_eq!(due("2027-01-30", 28), rows(&[("E7", "2026-12-31", Grace)]), "02-27: E3 not yet");
    assert_eq!(due("2027-01-30", 30).last().map(|r| r.0.as_str()), Some("E4"), "03-01 is in");

    // 2028-01-31 + 29 days = 2028-02-29 (leap year): E10 is due that very day; 28 days miss it.
    let e10 = |within| due("2028-01-31", within).into_iter().find(|r| r.0 == "E10");
    assert_eq!(e10(29), Some(("E10".to_string(), "2028-02-29".to_string(), Due)));
    assert_eq!(e10(28), None);

    // The amounts of 2027-12-01: E8 pays 8,000 + 25% (the sixth month ends that day); the lapsed
    // ones 1,000 for restoration + the fee + 25% of the full fee.
    let lines = docket::lines(&store, day("2027-12-01"), 30).expect("list");
    let totals: Vec<(&str, i64, i64, i64)> =
        lines.iter().map(|l| (l.achievement_no.as_str(), l.amount_fen.0, l.surcharge_fen.0, l.total_fen.0)).collect();
    assert_eq!(
        totals,
        [
            ("E7", 800_000, 200_000, 1_100_000),
            ("E3", 60_000, 100_000, 260_000),
            ("E4", 60_000, 100_000, 260_000),
            ("E8", 800_000, 200_000, 1_000_000),
            ("E1", 30_000, 0, 30_000),
            ("E5", 18_000, 0, 18_000),
        ]
    );

    // The tabs on 2027-12-01: 30 days hold E1, E5; 60 days (to 2028-01-30) add E2, E6, E9; 90
    // days (to 2028-02-29) add E10.
    let page = |status, within, page, page_size| {
        docket::page(&store, &FeeQuery { status, within_days: within, page, page_size }, day("2027-12-01")).expect("page")
    };
    let p = page(Due, 30, 1, 50);
    let c = p.counts;
    assert_eq!((c.due, c.due_30, c.due_60, c.due_90, c.grace, c.lapsed), (2, 2, 5, 6, 1, 3));
    assert_eq!((p.total, p.total_fen), (2, Money(48_000)), "300.00 + 180.00");
    assert_eq!(page(Lapsed, 30, 1, 50).total_fen, Money(1_620_000), "11,000 + 2,600 + 2,600");
    assert_eq!(page(Grace, 30, 1, 50).total_fen, Money(1_000_000));
    let second = page(Due, 90, 2, 4);
    let shown: Vec<(&str, &str, &str)> =
        second.rows.iter().map(|r| (r.achievement_no.as_str(), r.title.as_str(), r.department.as_str())).collect();
    assert_eq!(shown, [("E9", "边界E9", "计算机学院"), ("E10", "边界E10", "计算机学院")], "page 2 of 4: E1, E5, E2, E6 before");
    assert_eq!(second.rows[1].application_no, "209910900009.X", "E10, the tenth inserted");
}

#[test]
fn a_payment_makes_the_achievement_form_opened_before_it_stale() {
    // docs/reliability.md "Two people at once": the payment moves 年费已缴至 (7 → 8), a field of the
    // achievement form; a form loaded before it would write 7 back, so its save is refused.
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = fee_store(&dir);
    let id: i64 = store.conn().query_row("SELECT id FROM achievement WHERE achievement_no = 'F01'", [], |r| r.get(0)).expect("F01");
    let open = transferdesk_core::portfolio::register::load(store.conn(), id).expect("form");
    assert_eq!(open.fees_paid_through, Some(7));
    docket::pay(&mut store, &actor(), &payment("F01", 8, ON, "300")).expect("paid");
    let mut stale = open.clone();
    stale.title = format!("{}（更名）", open.title);
    let before = dump(&store);
    match transferdesk_core::portfolio::register::save(&mut store, &actor(), &stale) {
        Err(Error::Conflict(c)) => {
            assert_eq!(c.by.as_deref(), Some("test"), "the payment's author");
            assert_eq!(c.fields.iter().map(|f| f.key).collect::<Vec<_>>(), ["title", "fees_paid_through"]);
        }
        other => panic!("the form from before the payment is refused, got {other:?}"),
    }
    assert_eq!(dump(&store), before, "nothing written");
    let fresh = transferdesk_core::portfolio::register::load(store.conn(), id).expect("form");
    assert_eq!((fresh.version, fresh.fees_paid_through), (open.version + 1, Some(8)));
}

/// A patent in force whose next year falls due by law on 2025-10-01, in the National Day holiday
/// of the shipped calendar (2025-10-01 … 10-08, the 国务院 arrangement): invention filed
/// 2021-10-01, granted 2023-01-01 (year 2), paid through 4, so year 5 (1,200 × 15% = 180.00).
fn national_day_store(dir: &tempfile::TempDir) -> Store {
    let mut store = new_store(dir);
    import::import(&mut store, &actor(), Table::People, &fixture("good/people.csv"), false).expect("people");
    store
        .conn()
        .execute(
            "INSERT INTO achievement (achievement_no, title, kind, application_no, filed_on, granted_on, status, department_id, fees_paid_through)
             VALUES ('N1', '国庆', 'invention_patent', '202110900001.0', '2021-10-01', '2023-01-01', 'in_force',
                     (SELECT id FROM department WHERE name = '计算机学院'), 4)",
            [],
        )
        .expect("patent");
    store
}

#[test]
fn a_fee_due_in_the_national_day_holiday_is_due_on_the_first_working_day_after_it() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = national_day_store(&dir);
    // On 2025-10-09 (the first working day after 10-08) the fee is due, not in grace, and costs
    // 180.00 with no surcharge.
    let lines = docket::lines(&store, day("2025-10-09"), 0).expect("list");
    let n1 = lines.iter().find(|l| l.achievement_no == "N1").expect("N1 is listed");
    assert_eq!((n1.statutory_due_on, n1.due_on, n1.status), (day("2025-10-01"), day("2025-10-09"), FeeStatus::Due));
    assert_eq!((n1.surcharge_fen, n1.total_fen), (Money::ZERO, Money(18_000)));
    // Grace: six months after 10-01 is Wednesday 2026-04-01, not moved.
    assert_eq!(n1.grace_end_on, day("2026-04-01"));
    // 10-10 is past the due date: in grace, but the first month (to Saturday 11-01 → Monday
    // 11-03) costs nothing extra.
    let grace = docket::lines(&store, day("2025-10-10"), 0).expect("list");
    assert_eq!(grace.iter().find(|l| l.achievement_no == "N1").map(|l| (l.status, l.surcharge_fen)), Some((FeeStatus::Grace, Money::ZERO)));
    let quote = docket::quote(&store, "N1", day("2025-11-03")).expect("quote");
    assert_eq!((quote.due_on, quote.surcharge_bp, quote.total_fen), (day("2025-10-09"), 0, Money(18_000)));
    assert_eq!(docket::quote(&store, "N1", day("2025-11-04")).expect("quote").surcharge_bp, 500, "the second month: 5%");
    // Paid on 10-09 the rules expect 180.00: no warning, no surcharge.
    let paid = docket::pay(&mut store, &actor(), &payment("N1", 5, "2025-10-09", "180")).expect("paid");
    assert_eq!((paid.due_on, paid.surcharge_fen, paid.warning), (day("2025-10-09"), Money::ZERO, None));
}

#[test]
fn check_reports_patents_in_force_past_grace_and_years_without_a_calendar() {
    use transferdesk_core::reporting::check::check;
    use transferdesk_core::rewards::plan::Severity;
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = fee_store(&dir);
    let fees_findings = |store: &Store| -> Vec<(&'static str, Severity, Vec<String>)> {
        check(store, 2026, day(ON), transferdesk_core::Lang::Zh)
            .expect("check")
            .into_iter()
            .filter(|f| f.code == "fee_past_grace" || f.code == "holiday_calendar_missing")
            .map(|f| (f.code, f.severity, f.records.iter().map(|r| format!("{}:{}", r.kind, r.key)).collect()))
            .collect()
    };
    // F02's year 6 (grace ended 2026-08-10) is unpaid on 11-23 and F02 is recorded in force: an
    // error. The listed fees' deadlines reach into 2027 (F01's grace ends 2027-06-01), which the
    // shipped calendar (2024–2026) does not cover: a warning.
    assert_eq!(
        fees_findings(&store),
        [
            ("fee_past_grace", Severity::Error, vec!["achievement:F02".to_string()]),
            ("holiday_calendar_missing", Severity::Warning, vec!["holiday_year:2027".to_string()]),
        ]
    );
    let findings = check(&store, 2026, day(ON), transferdesk_core::Lang::Zh).expect("check");
    let message = findings.iter().find(|f| f.code == "fee_past_grace").map(|f| f.message.clone()).unwrap_or_default();
    assert!(message.contains("记录缴费") && message.contains("记录失效"), "both ways out are named: {message}");
    // The day before the grace end moved nothing (a Monday): on 2026-08-10 F02 is still in grace.
    let before = check(&store, 2026, day("2026-08-10"), transferdesk_core::Lang::Zh).expect("check");
    assert!(!before.iter().any(|f| f.code == "fee_past_grace"), "in grace on its last day");

    // Entering 2027's arrangement ends the warning; recording the lapse ends the error.
    let year = vec![transferdesk_core::calendar::Holiday {
        day: day("2027-01-01"),
        kind: transferdesk_core::calendar::DayKind::Rest,
        name: "元旦".into(),
    }];
    transferdesk_core::calendar::save_year(&mut store, &actor(), 2027, &year, 0).expect("2027 saved");
    docket::mark_lapsed(&mut store, &actor(), "F02", day(ON)).expect("lapse recorded");
    assert_eq!(fees_findings(&store), []);
}

/// A patent recorded in force before imports required its grant date (a file of an earlier
/// release, or edited by hand) is named by `check` until the date is recorded.
#[test]
fn check_names_a_patent_in_force_without_its_grant_date() {
    use transferdesk_core::reporting::check::check;
    let dir = tempfile::tempdir().expect("tmp");
    let store = fee_store(&dir);
    let named = |store: &Store| -> Vec<String> {
        check(store, 2026, day(ON), transferdesk_core::Lang::Zh)
            .expect("check")
            .into_iter()
            .filter(|f| f.code == "in_force_without_grant_date")
            .flat_map(|f| f.records.into_iter().map(|r| r.key))
            .collect()
    };
    assert!(named(&store).is_empty());
    store.conn().execute("UPDATE achievement SET granted_on = NULL WHERE achievement_no = 'F01'", []).expect("old data");
    assert_eq!(named(&store), ["F01"]);
}

fn batch(nos: &[&str]) -> docket::FeeBatch {
    let fees = nos.iter().map(|n| docket::FeeBatchItem { achievement_no: n.to_string(), patent_year: None }).collect();
    docket::FeeBatch { fees, paid_on: day(ON), voucher_no: Some("PJ-9".into()) }
}

#[test]
fn a_batch_pays_each_fee_as_due_in_one_transaction() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = fee_store(&dir);
    let before = dump(&store);

    // F08 was abandoned: the whole batch is refused, naming it, and F01 and F03 stay unpaid.
    match docket::pay_batch(&mut store, &actor(), &batch(&["F01", "F03", "F08"])) {
        Err(e) => {
            assert_eq!(e.code(), "fee_not_applicable");
            assert!(
                e.message(transferdesk_core::Lang::Zh).contains("F08"),
                "the refusal names the fee: {}",
                e.message(transferdesk_core::Lang::Zh)
            );
        }
        Ok(paid) => panic!("an abandoned patent's fee cannot be paid: {paid:?}"),
    }
    assert_eq!(code(docket::pay_batch(&mut store, &actor(), &batch(&["NOPE", "F01"]))), "not_found");
    assert_eq!(code(docket::pay_batch(&mut store, &actor(), &batch(&["F01", "F01"]))), "invalid_input", "one year of each patent, not two");
    assert_eq!(code(docket::pay_batch(&mut store, &actor(), &batch(&[]))), "invalid_input");
    // A year seen on a list that someone has paid since (F01's year 7) is refused, not turned
    // into the next year.
    let mut stale = batch(&["F03", "F01"]);
    stale.fees[1].patent_year = Some(7);
    assert_eq!(code(docket::pay_batch(&mut store, &actor(), &stale)), "fee_year_already_paid");
    assert_eq!(dump(&store), before, "nothing was written by a refused batch");

    // As due on 2026-11-23 (the module comment): F01 300.00 on time; F03 300.00 + 100.00
    // surcharge (second month of grace); F04 135.00; F02 lapsed: 180.00 + 300.00 surcharge +
    // 1,000.00 restoration = 1,480.00. Sum 2,315.00.
    let mut fees = batch(&["F01", "F03", "F04", "F02"]);
    fees.fees[0].patent_year = Some(8);
    let paid = docket::pay_batch(&mut store, &actor(), &fees).expect("paid");
    let lines: Vec<(&str, i64, i64, Option<&str>)> =
        paid.payments.iter().map(|p| (p.achievement_no.as_str(), p.patent_year, p.amount_fen.0, p.voucher_no.as_deref())).collect();
    assert_eq!(
        lines,
        [
            ("F01", 8, 30_000, Some("PJ-9")),
            ("F03", 9, 40_000, Some("PJ-9")),
            ("F04", 5, 13_500, Some("PJ-9")),
            ("F02", 6, 148_000, Some("PJ-9"))
        ]
    );
    assert!(paid.payments.iter().all(|p| p.warning.is_none()), "each paid exactly what was due");
    assert_eq!(paid.total_fen, Money(231_500));
    assert!(paid.payments[3].restored, "F02 is in force again");
    // The list now holds their next years only where due within 90 days: F02's year 7 is due
    // 2027-02-10 (filed 2021-02-10), before 2027-02-21; F01's year 9 (2027-12-01), F03's year 10
    // (2027-09-30) and F04's year 6 (2028-01-20) are later.
    let still: Vec<(String, i64)> = listed(&store, ON, 90)
        .into_iter()
        .map(|l| (l.0, l.1))
        .filter(|(n, _)| ["F01", "F03", "F04", "F02"].contains(&n.as_str()))
        .collect();
    assert_eq!(still, [("F02".to_string(), 7)]);
}

/// The fee list is kept between writes (fees::docket::listing); every input it is computed from
/// must move it, whoever writes — here plain SQL on the connection, as another program would.
/// Figures by hand from the portfolio above (on 2026-11-23, 90 days): due F01 300.00, F04 135.00,
/// F05 4,000.00, F06 1,200.00, F11 135.00 = 5,770.00.
#[test]
fn the_kept_fee_list_follows_every_write_to_what_it_is_computed_from() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = fee_store(&dir);
    let due = |store: &Store| {
        let page =
            docket::page(store, &FeeQuery { status: FeeStatus::Due, within_days: 90, page: 1, page_size: 50 }, day(ON)).expect("page");
        let rows: Vec<(String, NaiveDate)> = page.rows.iter().map(|r| (r.achievement_no.clone(), r.due_on)).collect();
        (page.total, page.total_fen, rows, page.calendar_missing)
    };
    let sql = |text: &str| {
        store.conn().execute(text, []).unwrap_or_else(|e| panic!("{text}: {e}"));
    };
    let (total, fen, _, missing) = due(&store);
    assert_eq!((total, fen, missing), (5, Money(577_000), vec![2027]));
    // Asked again, the same.
    assert_eq!(due(&store).1, Money(577_000));

    // A patent's paid-through year: F01's year 9 falls due 2027-12-01, out of the window.
    sql("UPDATE achievement SET fees_paid_through = 8 WHERE achievement_no = 'F01'");
    assert_eq!(due(&store).0, 4);
    assert_eq!(due(&store).1, Money(547_000), "5,770.00 − 300.00");

    // A co-owner: without 北京华能 (no 费减), F05's owners all qualify: 4,000 × 30% = 1,200.00.
    sql("DELETE FROM co_owner WHERE organization_id = (SELECT id FROM organization WHERE name = '北京华能装备股份有限公司')");
    assert_eq!(due(&store).1, Money(267_000), "5,470.00 − 4,000.00 + 1,200.00");

    // The institution's own filing: no reduction for anyone. F04 900 + F05 4,000 + F06 4,000 + F11 900.
    sql("UPDATE institution SET fee_reduction = 0");
    assert_eq!(due(&store).1, Money(980_000));

    // The holidays: 2027-01-20 (a Wednesday) made a day off moves F04's deadline a day, and 2027
    // now has an arrangement.
    sql("INSERT INTO holiday (day, kind, name) VALUES ('2027-01-20', 'rest', '测试')");
    let (_, _, rows, missing) = due(&store);
    assert!(rows.contains(&("F04".to_string(), day("2027-01-21"))), "{rows:?}");
    assert_eq!(missing, Vec::<i32>::new());

    // A status: F11 abandoned leaves the list (9,800.00 − 900.00); a number: F04 renamed.
    sql("UPDATE achievement SET status = 'abandoned' WHERE achievement_no = 'F11'");
    sql("UPDATE achievement SET achievement_no = 'F04B' WHERE achievement_no = 'F04'");
    let (total, fen, rows, _) = due(&store);
    assert_eq!((total, fen), (3, Money(890_000)));
    assert!(rows.iter().any(|(no, _)| no == "F04B") && !rows.iter().any(|(no, _)| no == "F04" || no == "F11"), "{rows:?}");
}
