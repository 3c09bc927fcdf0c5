//! The reward workflow on the fixture portfolio, with figures computed by hand from the files in
//! tests/fixtures/good (HT2025-001: registered license of CG001, T001*/T002/T003 50/30/20,
//! 500,000.00 received 2025-03-02, 15,000.00 costs; HT2025-002: unregistered transfer of CG001 60% +
//! CG002 40%, 600,000.00 received 2025-05-10, 7,200.00 costs).

use crate::common::{actor, dump, good_store};
use chrono::NaiveDate;
use transferdesk_core::model::{DistributionState, Table};
use transferdesk_core::rewards::distribution::{self, Approval, Distribution, DistributionQuery};
use transferdesk_core::rewards::policy::{self, Policy};
use transferdesk_core::{import, Actor, Error, Store};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn amounts(d: &Distribution) -> Vec<(&str, i64)> {
    d.proposal.plan.allocations.iter().map(|a| (a.employee_id.as_str(), a.amount())).collect()
}

fn code(result: Result<impl std::fmt::Debug, Error>) -> String {
    match result {
        Err(e) => e.code().to_string(),
        Ok(v) => panic!("expected a refusal, got {v:?}"),
    }
}

/// Imports extra rows written as CSV (header of the standard template).
fn add(store: &mut Store, dir: &tempfile::TempDir, table: Table, csv: &str) {
    let path = dir.path().join(format!("{}.csv", table.key()));
    std::fs::write(&path, csv).expect("write csv");
    import::import(store, &actor(), table, &path, false).unwrap_or_else(|e| panic!("{csv}: {:?}", e.report(transferdesk_core::Lang::En)));
}

fn approval(on: &str) -> Approval {
    Approval { decision_on: day(on), ..Approval::default() }
}

/// Approves, publicizes for the policy's 15 days and pays the day after the period ends.
fn carry_through(store: &mut Store, id: i64, decided: &str, posted: &str, paid: &str) -> Distribution {
    distribution::approve(store, &actor(), id, &approval(decided)).expect("approved");
    distribution::publicize(store, &actor(), id, day(posted), None).expect("publicized");
    distribution::pay(store, &actor(), id, day(paid)).expect("paid")
}

#[test]
fn a_license_goes_from_draft_to_paid_and_the_next_distribution_takes_only_new_money() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let d = distribution::create(&mut store, &actor(), "HT2025-001", day("2025-12-31"), &[]).expect("draft");
    assert_eq!(d.state, DistributionState::Draft);
    // 500,000.00 − 15,000.00 = 485,000.00; × 70% = 339,500.00 → 169,750.00 / 101,850.00 / 67,900.00.
    assert_eq!(amounts(&d), [("T001", 16_975_000), ("T002", 10_185_000), ("T003", 6_790_000)]);
    let taxable: Vec<Option<i64>> = d.proposal.plan.allocations.iter().map(|a| a.taxable_fen).collect();
    assert_eq!(taxable, [Some(8_487_500), Some(5_092_500), Some(3_395_000)], "registered license: half taxable");

    let approved = distribution::approve(&mut store, &actor(), d.id, &approval("2025-03-10")).expect("approved");
    assert_eq!(approved.state, DistributionState::Approved);
    // Posted Wednesday 2025-03-12 for 15 days → the period runs 03-13 … 03-27 (a Thursday).
    let posted = distribution::publicize(&mut store, &actor(), d.id, day("2025-03-12"), None).expect("publicized");
    assert_eq!((posted.publicity_days, posted.publicity_ends_on), (Some(15), Some(day("2025-03-27"))));
    assert_eq!(
        code(distribution::pay(&mut store, &actor(), d.id, day("2025-03-27"))),
        "publicity_not_finished",
        "the last day still counts"
    );
    let paid = distribution::pay(&mut store, &actor(), d.id, day("2025-03-28")).expect("paid the day after");
    assert_eq!((paid.state, paid.paid_on), (DistributionState::Paid, Some(day("2025-03-28"))));

    // New money: 100,000.00 received and 5,000.00 costs; the first receipt and costs are used up.
    add(&mut store, &dir, Table::Receipts, "合同编号,到账日期,到账金额,凭证号\nHT2025-001,2025-09-01,100000,V9\n");
    add(&mut store, &dir, Table::Costs, "合同编号,发生日期,费用类别,金额,说明\nHT2025-001,2025-08-01,代理费,5000,\n");
    let next = distribution::create(&mut store, &actor(), "HT2025-001", day("2025-12-31"), &[]).expect("second draft");
    let plan = &next.proposal.plan;
    assert_eq!((plan.receipts.len(), plan.receipts_fen.0, plan.costs_fen.0), (1, 10_000_000, 500_000));
    // 95,000.00 × 70% = 66,500.00 → 33,250.00 / 19,950.00 / 13,300.00.
    assert_eq!(amounts(&next), [("T001", 3_325_000), ("T002", 1_995_000), ("T003", 1_330_000)]);
}

#[test]
fn costs_above_receipts_carry_into_the_next_distribution() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    add(&mut store, &dir, Table::Costs, "合同编号,发生日期,费用类别,金额,说明\nHT2025-002,2025-05-01,交易服务费,700000,\n");
    let first = distribution::create(&mut store, &actor(), "HT2025-002", day("2025-06-30"), &[]).expect("draft");
    let plan = &first.proposal.plan;
    // 600,000.00 received against 707,200.00 of costs: nothing to share, 107,200.00 carried out.
    assert_eq!((plan.net_income_fen.0, plan.carried_out_costs_fen.0, plan.pool_fen.map(|p| p.0)), (0, 10_720_000, Some(0)));
    carry_through(&mut store, first.id, "2025-05-20", "2025-05-21", "2025-06-10");

    add(&mut store, &dir, Table::Receipts, "合同编号,到账日期,到账金额,凭证号\nHT2025-002,2025-10-09,300000,V10\n");
    let second = distribution::create(&mut store, &actor(), "HT2025-002", day("2025-12-31"), &[]).expect("second");
    let plan = &second.proposal.plan;
    // 300,000.00 − 107,200.00 carried in = 192,800.00; × 70% = 134,960.00; weights T001 46%, T003 36%, T002 18%.
    assert_eq!((plan.costs_fen.0, plan.carried_in_costs_fen.0, plan.net_income_fen.0), (0, 10_720_000, 19_280_000));
    assert_eq!(amounts(&second), [("T001", 6_208_160), ("T003", 4_858_560), ("T002", 2_429_280)]);
    assert!(plan.allocations.iter().all(|a| a.taxable_fen == a.amount_fen), "unregistered transfer: fully taxable");
}

#[test]
fn refused_steps_write_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    assert_eq!(code(distribution::create(&mut store, &actor(), "HT9999", day("2025-12-31"), &[])), "not_found");
    assert_eq!(
        code(distribution::create(&mut store, &actor(), "HT2025-001", day("2025-03-01"), &[])),
        "nothing_to_distribute",
        "V1 arrives 03-02"
    );
    assert_eq!(
        code(distribution::create(&mut store, &actor(), "HT2025-001", day("2025-12-31"), &["T001".into()])),
        "invalid_input",
        "T001 is no transfer staff"
    );
    let d = distribution::create(&mut store, &actor(), "HT2025-001", day("2025-12-31"), &[]).expect("draft");
    let before = dump(&store);
    assert_eq!(code(distribution::create(&mut store, &actor(), "HT2025-001", day("2025-12-31"), &[])), "distribution_open");
    assert_eq!(code(distribution::publicize(&mut store, &actor(), d.id, day("2025-03-12"), None)), "distribution_not_approved");
    assert_eq!(code(distribution::pay(&mut store, &actor(), d.id, day("2025-04-12"))), "distribution_not_approved");
    assert_eq!(code(distribution::approve(&mut store, &actor(), d.id, &approval("2025-03-01"))), "decision_before_receipt");
    assert_eq!(code(distribution::approve(&mut store, &actor(), d.id, &approval("2027-01-01"))), "date_in_future");
    assert_eq!(code(distribution::reverse(&mut store, &actor(), d.id, "错误")), "distribution_not_paid");
    assert_eq!(code(distribution::get(&store, 999)), "not_found");
    assert_eq!(dump(&store), before, "a refused step changes nothing");

    distribution::approve(&mut store, &actor(), d.id, &approval("2025-03-10")).expect("approved");
    let before = dump(&store);
    assert_eq!(code(distribution::pay(&mut store, &actor(), d.id, day("2025-04-12"))), "publicity_not_finished", "not even publicized");
    assert_eq!(code(distribution::discard(&mut store, &actor(), d.id)), "distribution_not_draft");
    assert_eq!(code(distribution::publicize(&mut store, &actor(), d.id, day("2025-03-09"), None)), "publicity_before_decision");
    assert_eq!(code(distribution::publicize(&mut store, &actor(), d.id, day("2025-03-12"), Some(0))), "invalid_input");
    assert_eq!(dump(&store), before, "a refused step changes nothing");
}

#[test]
fn a_payment_while_the_publicity_runs_is_refused_for_that_reason_naming_its_end() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let d = distribution::create(&mut store, &actor(), "HT2025-001", day("2025-12-31"), &[]).expect("draft");
    distribution::approve(&mut store, &actor(), d.id, &approval("2026-11-20")).expect("approved");
    // Posted Friday 2026-11-20 for 15 days: 11-21 … 12-05, a Saturday → Monday 2026-12-07; today
    // (the tests' actor) is 2026-11-23, inside the period.
    let posted = distribution::publicize(&mut store, &actor(), d.id, day("2026-11-20"), None).expect("publicized");
    assert_eq!(posted.publicity_ends_on, Some(day("2026-12-07")));
    let before = dump(&store);
    // A day after the end is also after today: the publicity, not the date, is why it is refused.
    for typed in ["2026-12-08", "2026-11-23", "2026-11-19"] {
        let refused = distribution::pay(&mut store, &actor(), d.id, day(typed)).expect_err("refused");
        assert_eq!(refused.code(), "publicity_not_ended", "{typed}");
        assert_eq!(refused.message(transferdesk_core::Lang::Zh), "公示期尚未结束（至 2026-12-07 止），公示期满后方可发放");
    }
    assert_eq!(dump(&store), before, "a refused payment changes nothing");

    // The last day still belongs to the publicity: posted Friday 11-20 for one day, the period
    // (Saturday 11-21) ends on the next working day, Monday 11-23 — today.
    distribution::publicize(&mut store, &actor(), d.id, day("2026-11-20"), Some(1)).expect("re-posted for one day");
    let ends = distribution::get(&store, d.id).expect("read").publicity_ends_on.expect("end");
    assert_eq!(ends, day("2026-11-23"), "Friday + 1 day = Saturday → Monday, still today");
    assert_eq!(code(distribution::pay(&mut store, &actor(), d.id, day("2026-11-24"))), "publicity_not_ended");
}

#[test]
fn a_payment_date_after_today_is_refused_with_its_own_message() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let d = distribution::create(&mut store, &actor(), "HT2025-001", day("2025-12-31"), &[]).expect("draft");
    distribution::approve(&mut store, &actor(), d.id, &approval("2026-10-08")).expect("approved");
    // Friday 2026-10-09 + 15 days = Saturday 10-24 → Monday 2026-10-26, before today (2026-11-23).
    distribution::publicize(&mut store, &actor(), d.id, day("2026-10-09"), None).expect("publicized");
    let refused = distribution::pay(&mut store, &actor(), d.id, day("2026-11-24")).expect_err("tomorrow");
    assert_eq!(refused.code(), "date_in_future");
    assert_eq!(refused.message(transferdesk_core::Lang::Zh), "发放日期 2026-11-24 晚于今天（2026-11-23）：只能登记已经发放的日期");
    assert_eq!(code(distribution::pay(&mut store, &actor(), d.id, day("2026-10-26"))), "publicity_not_finished", "the last day counts");
    assert_eq!(distribution::pay(&mut store, &actor(), d.id, day("2026-11-23")).expect("paid today").paid_on, Some(day("2026-11-23")));
}

#[test]
fn the_database_itself_keeps_paid_distributions_and_frozen_amounts() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let d = distribution::create(&mut store, &actor(), "HT2025-001", day("2025-12-31"), &[]).expect("draft");
    distribution::approve(&mut store, &actor(), d.id, &approval("2025-03-10")).expect("approved");
    let conn = store.conn();
    assert!(conn.execute("UPDATE distribution_line SET amount_fen = 1 WHERE distribution_id = ?1", [d.id]).is_err(), "frozen at approval");
    assert!(conn.execute("DELETE FROM distribution WHERE id = ?1", [d.id]).is_err(), "only drafts are deleted");
    distribution::publicize(&mut store, &actor(), d.id, day("2025-03-12"), None).expect("publicized");
    distribution::pay(&mut store, &actor(), d.id, day("2025-03-28")).expect("paid");
    assert!(store.conn().execute("UPDATE distribution SET paid_on = '2025-03-29' WHERE id = ?1", [d.id]).is_err(), "paid is final");
    let report = transferdesk_core::store::audit::verify(&store).expect("verify");
    assert!(report.ok, "every step is in the chained audit log: {report:?}");
    let entries: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM audit_log WHERE entity = 'distribution' AND entity_key = ?1", [d.id.to_string()], |r| r.get(0))
        .expect("count");
    assert_eq!(entries, 4, "create, approve, publicize, pay");
}

#[test]
fn a_reversal_cancels_a_paid_distribution_and_frees_its_receipts() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let d = distribution::create(&mut store, &actor(), "HT2025-001", day("2025-12-31"), &[]).expect("draft");
    carry_through(&mut store, d.id, "2025-03-10", "2025-03-12", "2025-03-28");
    assert_eq!(code(distribution::reverse(&mut store, &actor(), d.id, "  ")), "invalid_input", "a reason is required");
    let r = distribution::reverse(&mut store, &actor(), d.id, "合同解除，奖励退回").expect("reversal");
    assert_eq!((r.state, r.reverses_id), (DistributionState::Draft, Some(d.id)));
    assert_eq!(amounts(&r), [("T001", -16_975_000), ("T002", -10_185_000), ("T003", -6_790_000)]);
    assert_eq!(r.proposal.plan.pool_fen.map(|p| p.0), Some(-33_950_000));
    assert_eq!(code(distribution::reverse(&mut store, &actor(), d.id, "again")), "distribution_reversed");
    assert_eq!(code(distribution::create(&mut store, &actor(), "HT2025-001", day("2025-12-31"), &[])), "distribution_open");
    let before = distribution::propose(&store, "HT2025-001", day("2025-12-31"), &[]).expect("plan");
    assert!(before.plan.receipts.is_empty(), "receipts stay taken until the reversal is paid");
    carry_through(&mut store, r.id, "2025-04-01", "2025-04-01", "2025-04-17");
    let again = distribution::propose(&store, "HT2025-001", day("2025-12-31"), &[]).expect("plan");
    assert_eq!(again.plan.receipts_fen.0, 50_000_000, "the reversed receipt is free again");
    assert_eq!(distribution::get(&store, d.id).expect("original").reversed_by_id, Some(r.id));
}

#[test]
fn paid_after_36_months_the_58_relief_is_lost() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let late = Actor { name: "test".into(), at: day("2028-06-01").and_hms_opt(9, 0, 0).expect("time") };
    let d = distribution::create(&mut store, &late, "HT2025-001", day("2025-12-31"), &[]).expect("draft");
    distribution::approve(&mut store, &late, d.id, &approval("2028-03-01")).expect("approved");
    distribution::publicize(&mut store, &late, d.id, day("2028-03-06"), None).expect("publicized");
    // V1 arrived 2025-03-02: 36 months end 2028-03-02; paid 2028-03-22 → fully taxable.
    let paid = distribution::pay(&mut store, &late, d.id, day("2028-03-22")).expect("paid");
    assert!(paid.proposal.plan.allocations.iter().all(|a| a.taxable_fen == a.amount_fen), "{:?}", paid.proposal.plan.allocations);
}

#[test]
fn an_error_finding_needs_an_override_and_a_principal_leader_must_waive_equity() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    add(
        &mut store,
        &dir,
        Table::Achievements,
        "成果编号,成果名称,成果类型,申请号,申请日,授权号,授权日,法律状态,所属单位,财政资助项目,年费已缴至,完成人\n\
         CG010,一种工艺诀窍,技术秘密,,,,,有效,计算机学院,,,T002*:30; T003:70\n\
         CG011,一种催化剂配方,技术秘密,,,,,有效,计算机学院,,,T004*:60; T001:40\n",
    );
    add(
        &mut store,
        &dir,
        Table::Contracts,
        "合同编号,合同名称,转化方式,许可类型,合作单位,合同金额,签订日期,涉及成果,技术合同登记号,获得股权\n\
         HT2025-010,工艺转让合同,转让,,成都蜀新科技有限公司,100000,2025-03-01,CG010,,\n\
         HT2025-011,作价投资协议,作价投资,,成都蜀新科技有限公司,1000000,2025-03-01,CG011,,1000000\n",
    );
    add(&mut store, &dir, Table::Receipts, "合同编号,到账日期,到账金额,凭证号\nHT2025-010,2025-03-05,100000,V11\n");

    // Key contributor T002 holds 30% < 50%: approval needs a recorded reason.
    let d = distribution::create(&mut store, &actor(), "HT2025-010", day("2025-12-31"), &[]).expect("draft");
    assert_eq!(code(distribution::approve(&mut store, &actor(), d.id, &approval("2025-03-10"))), "key_contributors_below_minimum");
    let with_reason =
        Approval { override_reason: Some("主要完成人按贡献自愿调整，见会议纪要".into()), ..approval("2025-03-10") };
    let approved = distribution::approve(&mut store, &actor(), d.id, &with_reason).expect("approved with override");
    assert_eq!(approved.override_reason.as_deref(), Some("主要完成人按贡献自愿调整，见会议纪要"));

    // Equity 1,000,000.00 → pool 700,000.00 of registered capital: T004 (unit principal) 60% = 420,000.00.
    let eq = distribution::create(&mut store, &actor(), "HT2025-011", day("2025-12-31"), &[]).expect("equity draft");
    assert_eq!(amounts(&eq), [("T004", 42_000_000), ("T001", 28_000_000)]);
    let overridden = Approval { override_reason: Some("x".into()), ..approval("2025-03-10") };
    assert_eq!(
        code(distribution::approve(&mut store, &actor(), eq.id, &overridden)),
        "principal_leader_equity_blocked",
        "never overridden"
    );
    let wrong = Approval { waive: vec!["T001".into()], ..approval("2025-03-10") };
    assert_eq!(code(distribution::approve(&mut store, &actor(), eq.id, &wrong)), "not_waivable");
    let twice = Approval { waive: vec!["T004".into(), "T004".into()], ..approval("2025-03-10") };
    assert_eq!(code(distribution::approve(&mut store, &actor(), eq.id, &twice)), "not_waivable", "a waiver counts once");
    let waived = Approval { waive: vec!["T004".into()], ..approval("2025-03-10") };
    let ok = distribution::approve(&mut store, &actor(), eq.id, &waived).expect("approved with the waiver");
    let t004 = ok.proposal.plan.allocations.iter().find(|a| a.employee_id == "T004").expect("line kept");
    assert!(t004.waived && t004.units == Some(42_000_000), "the line stays visible, marked waived, not reallocated");
    assert_eq!(amounts(&ok)[1], ("T001", 28_000_000), "T001 keeps exactly 40% of the pool");
    // The institution keeps 300,000.00 + the waived 420,000.00.
    assert_eq!(ok.proposal.plan.institution_units, Some(72_000_000));
    distribution::publicize(&mut store, &actor(), eq.id, day("2025-03-12"), None).expect("publicized");
    distribution::pay(&mut store, &actor(), eq.id, day("2025-03-28")).expect("paid");
    assert_eq!(code(distribution::create(&mut store, &actor(), "HT2025-011", day("2025-12-31"), &[])), "nothing_to_distribute");
}

#[test]
fn the_policy_in_force_at_signing_applies_and_used_versions_freeze() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let mut newer = Policy::default_from(day("2025-04-01"));
    newer.transfer_bp = 8000;
    newer.payment_deadline_months = Some(6);
    let id = policy::save(&mut store, &actor(), &newer).expect("saved");
    // HT2025-002 was signed 2025-04-01: 592,800.00 × 80% = 474,240.00; HT2025-001 (02-20) keeps 70%.
    let p2 = distribution::propose(&store, "HT2025-002", day("2025-12-31"), &[]).expect("plan");
    assert_eq!((p2.plan.ratio_bp, p2.plan.pool_fen.map(|p| p.0), p2.policy_id), (8000, Some(47_424_000), id));
    assert_eq!(p2.payment_due_on, Some(day("2025-11-10")), "six months after the 2025-05-10 receipt");
    let p1 = distribution::propose(&store, "HT2025-001", day("2025-12-31"), &[]).expect("plan");
    assert_eq!(p1.plan.ratio_bp, 7000);

    let d = distribution::create(&mut store, &actor(), "HT2025-002", day("2025-12-31"), &[]).expect("draft");
    distribution::approve(&mut store, &actor(), d.id, &approval("2025-05-12")).expect("approved");
    let mut edit = policy::get(store.conn(), id).expect("get");
    assert!(edit.in_use, "used by an approved distribution");
    edit.transfer_bp = 9000;
    assert_eq!(code(policy::save(&mut store, &actor(), &edit)), "policy_in_use");
    assert_eq!(code(policy::delete(&mut store, &actor(), id)), "policy_in_use");

    let overdue =
        distribution::list(&store, &DistributionQuery { page: 1, page_size: 50, overdue: true, ..Default::default() }, day("2025-11-11"))
            .expect("list");
    assert_eq!(overdue.rows.iter().map(|r| r.id).collect::<Vec<_>>(), [d.id], "unpaid after 2025-11-10");
    let drafts = distribution::list(
        &store,
        &DistributionQuery { page: 1, page_size: 50, state: Some(DistributionState::Draft), ..Default::default() },
        day("2025-11-11"),
    )
    .expect("list");
    assert_eq!(drafts.total, 0);
}
