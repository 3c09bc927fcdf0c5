//! Splits the team agreed, and the net income's split among the policy's recipients (issue 21,
//! points 1 and 2; docs/rules/rewards.md "Amounts the team agreed" and "Recipients of the
//! institution's part"). Every figure is computed by hand in the comment beside it.

use crate::common::{actor, dump, new_store};
use chrono::NaiveDate;
use transferdesk_core::model::Table;
use transferdesk_core::reporting::annual;
use transferdesk_core::rewards::distribution::{self, Approval};
use transferdesk_core::rewards::plan::{AgreedAmount, Fraction};
use transferdesk_core::rewards::policy::{self, Policy, Recipient};
use transferdesk_core::{import, Error, Money, Store};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn add(store: &mut Store, dir: &tempfile::TempDir, table: Table, csv: &str) {
    let path = dir.path().join(format!("{}.csv", table.key()));
    std::fs::write(&path, csv).expect("write csv");
    import::import(store, &actor(), table, &path, false).unwrap_or_else(|e| panic!("{csv}: {:?}", e.report(transferdesk_core::Lang::En)));
}

/// A notice's case: a 40,000.00 transfer of one achievement by seven people (P1* 40%, P2 10%,
/// P3* 30% a middle-level leader, P4–P7 5% each); P8 is recorded but not on it. 40,000.00
/// received on 2025-04-01, no costs.
fn team_store(dir: &tempfile::TempDir) -> Store {
    let mut store = new_store(dir);
    add(
        &mut store,
        dir,
        Table::People,
        "工号,姓名,所在单位,人员类别,领导职务,身份证号\nP1,甲,机械学院,科研人员,无,\nP2,乙,机械学院,科研人员,无,\nP3,丙,机械学院,科研人员,中层,\n\
         P4,丁,机械学院,科研人员,无,\nP5,戊,机械学院,科研人员,无,\nP6,己,机械学院,科研人员,无,\nP7,庚,机械学院,科研人员,无,\nP8,辛,机械学院,科研人员,无,\n",
    );
    add(
        &mut store,
        dir,
        Table::Organizations,
        "单位名称,统一社会信用代码,单位性质,企业规模,所在地区\n甲科技有限公司,,民营企业,小型,四川省\n",
    );
    add(
        &mut store,
        dir,
        Table::Achievements,
        "成果编号,成果名称,成果类型,申请号,申请日,授权号,授权日,法律状态,所属单位,财政资助项目,年费已缴至,完成人\n\
         CGT,团队成果,软件著作权,,,2025SR0000099,2025-02-02,有效,机械学院,,,P1*:40; P2:10; P3*:30; P4:5; P5:5; P6:5; P7:5\n",
    );
    add(
        &mut store,
        dir,
        Table::Contracts,
        "合同编号,合同名称,转化方式,许可类型,合作单位,合同金额,签订日期,涉及成果,技术合同登记号,获得股权\nHT-T,软件著作权转让,转让,,甲科技有限公司,40000,2025-03-01,CGT,,\n",
    );
    add(&mut store, dir, Table::Receipts, "合同编号,到账日期,到账金额,凭证号\nHT-T,2025-04-01,40000,V1\n");
    store
}

fn agreed(list: &[(&str, i64)]) -> Vec<AgreedAmount> {
    list.iter()
        .enumerate()
        .map(|(i, (id, fen))| AgreedAmount { employee_id: id.to_string(), amount_fen: Money(*fen), row: i as u32 + 2, fraction: None })
        .collect()
}

fn lines(p: &transferdesk_core::rewards::plan::Plan) -> Vec<(&str, i64)> {
    p.allocations.iter().map(|a| (a.employee_id.as_str(), a.amount())).collect()
}

fn codes(p: &transferdesk_core::rewards::plan::Plan) -> Vec<(&str, Option<&str>)> {
    p.findings.iter().map(|f| (f.code, f.employee_id.as_deref())).collect()
}

/// The notice's split: 10,000 / 5,000 / 9,000 / 1,000 × 4.
const NOTICE: &[(&str, i64)] =
    &[("P1", 1_000_000), ("P2", 500_000), ("P3", 900_000), ("P4", 100_000), ("P5", 100_000), ("P6", 100_000), ("P7", 100_000)];

#[test]
fn the_team_s_amounts_are_the_lines_to_the_fen_and_the_findings_use_them() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = team_store(&dir);
    let through = day("2025-12-31");
    // By shares: pool 40,000.00 × 70% = 28,000.00 → P1 40% 11,200.00, P3 30% 8,400.00, P2 10% 2,800.00,
    // P4–P7 5% 1,400.00 each — not what the team agreed.
    let by_shares = distribution::propose(&store, "HT-T", through, &[]).expect("plan");
    assert_eq!(by_shares.plan.pool_fen, Some(Money(2_800_000)));
    assert_eq!(lines(&by_shares.plan)[..3], [("P1", 1_120_000), ("P3", 840_000), ("P2", 280_000)]);
    assert!(!by_shares.plan.agreed_amounts, "no amounts given: shares, as always");

    // The team's amounts: 10,000 + 5,000 + 9,000 + 4 × 1,000 = 28,000.00 = the pool.
    let p = distribution::propose_with(&store, "HT-T", through, &[], Some(&agreed(NOTICE))).expect("the amounts make the pool");
    assert!(p.plan.agreed_amounts);
    assert_eq!(
        lines(&p.plan),
        [("P1", 1_000_000), ("P3", 900_000), ("P2", 500_000), ("P4", 100_000), ("P5", 100_000), ("P6", 100_000), ("P7", 100_000)],
        "each line is the agreed amount, ordered by amount then employee ID"
    );
    // Key contributors P1 + P3 = 19,000.00 ≥ 50% of 28,000.00 = 14,000.00: no finding; P3 is a
    // middle-level leader with a positive line: the publicity warning. Unregistered transfer:
    // the whole amount is taxable.
    assert_eq!(codes(&p.plan), [("leader_reward_needs_publicity", Some("P3"))]);
    assert_eq!(p.plan.allocations[0].taxable_fen, Some(1_000_000), "not registered: fully taxable");

    // Key contributors exactly at the minimum: P1 5,000 + P3 9,000 = 14,000.00 = 50% → no finding;
    // one fen less (P1 4,999.99, P2 10,000.01) → 13,999.99 < 14,000.00 → the finding.
    let at_minimum =
        [("P1", 500_000), ("P2", 1_000_000), ("P3", 900_000), ("P4", 100_000), ("P5", 100_000), ("P6", 100_000), ("P7", 100_000)];
    let p = distribution::propose_with(&store, "HT-T", through, &[], Some(&agreed(&at_minimum))).expect("plan");
    assert!(!codes(&p.plan).iter().any(|c| c.0 == "key_contributors_below_minimum"), "exactly 50% meets the minimum");
    let below = [("P1", 499_999), ("P2", 1_000_001), ("P3", 900_000), ("P4", 100_000), ("P5", 100_000), ("P6", 100_000), ("P7", 100_000)];
    let p = distribution::propose_with(&store, "HT-T", through, &[], Some(&agreed(&below))).expect("plan");
    assert!(codes(&p.plan).contains(&("key_contributors_below_minimum", None)), "13,999.99 < 14,000.00: {:?}", p.plan.findings);

    // Saved, approved: the amounts are frozen as given, and say so.
    let d = distribution::create_with(&mut store, &actor(), "HT-T", through, &[], Some(&agreed(NOTICE)), None).expect("draft");
    assert!(d.proposal.plan.agreed_amounts && d.allocation_attachment_id.is_none());
    let approved = distribution::approve(&mut store, &actor(), d.id, &Approval { decision_on: day("2025-04-10"), ..Approval::default() })
        .expect("approved");
    assert_eq!(lines(&approved.proposal.plan)[..3], [("P1", 1_000_000), ("P3", 900_000), ("P2", 500_000)]);
    assert!(approved.proposal.plan.agreed_amounts, "read back as agreed amounts");
}

#[test]
fn bad_amounts_are_refused_with_every_problem_at_its_row_and_nothing_written() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = team_store(&dir);
    // Row 2 P1 10,000; row 3 P2 5,000; row 4 P2 again; row 5 Z999 unknown; row 6 P8 recorded but
    // not on the contract; row 7 P3 9,000. Σ = 10,000 + 5,000 + 0.01 + 0.03 + 100 + 9,000 =
    // 24,100.04 ≠ 28,000.00: difference −3,899.96.
    let file = dir.path().join("allocation.csv");
    std::fs::write(&file, "工号,姓名,金额\nP1,甲,10000\nP2,乙,\"5,000.00\"\nP2,乙,0.01\nZ999,某,0.03\nP8,辛,100\nP3,丙,9000\n")
        .expect("write");
    let before = dump(&store);
    let problems = |e: Error| match e {
        Error::Invalid(p) => p.iter().map(|p| (p.row, p.column.clone(), p.kind.code().to_string())).collect::<Vec<_>>(),
        other => panic!("expected problems, got {other:?}"),
    };
    let expected = vec![
        (4, "工号".to_string(), "duplicate_in_file".to_string()),
        (5, "工号".to_string(), "unknown_reference".to_string()),
        (6, "工号".to_string(), "not_a_contributor".to_string()),
        (0, "金额".to_string(), "amounts_not_pool".to_string()),
    ];
    let got = import::allocation::create(&mut store, &actor(), &file, "HT-T", day("2025-12-31"), &[], None).expect_err("refused");
    let text = got.report(transferdesk_core::Lang::Zh);
    assert_eq!(problems(got), expected, "every problem, each at its row");
    assert!(format!("{text:?}").contains("-3,899.96"), "the refusal shows the difference: {text:?}");
    assert_eq!(dump(&store), before, "nothing written");
    let plan = import::allocation::propose(&store, &file, "HT-T", day("2025-12-31"), &[]).expect_err("refused");
    assert_eq!(problems(plan), expected, "the plan refuses the same file the same way");
    // A file whose amounts make the pool but one cell is not an amount: that cell is named and the
    // sum is not judged.
    std::fs::write(&file, "工号,金额\nP1,10000\nP2,五千\n").expect("write");
    let got = problems(import::allocation::propose(&store, &file, "HT-T", day("2025-12-31"), &[]).expect_err("refused"));
    assert_eq!(got, [(3, "金额".to_string(), "bad_amount".to_string())]);
}

#[test]
fn the_allocation_file_is_kept_as_an_attachment_of_the_contract() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = team_store(&dir);
    let file = dir.path().join("团队分配表.csv");
    let rows: String = NOTICE.iter().map(|(id, fen)| format!("{id},{}\n", Money(*fen).plain())).collect();
    std::fs::write(&file, format!("工号,金额\n{rows}")).expect("write");
    let d = import::allocation::create(&mut store, &actor(), &file, "HT-T", day("2025-12-31"), &[], None).expect("draft");
    let id = d.allocation_attachment_id.expect("the form is attached");
    let attachment = transferdesk_core::portfolio::attachment::get(store.conn(), id).expect("attachment");
    assert_eq!((attachment.entity.as_str(), attachment.name.as_str()), ("contract", "团队分配表.csv"));
    let kept = transferdesk_core::portfolio::attachment::path(&store, id).expect("stored under its hash");
    assert_eq!(std::fs::read(kept).expect("read"), std::fs::read(&file).expect("read"), "the same bytes");
    assert_eq!(d.proposal.plan.allocations.iter().map(|a| a.amount()).sum::<i64>(), 2_800_000);
}

#[test]
fn exact_fractions_of_the_pool_become_amounts_to_the_fen() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = team_store(&dir);
    let through = day("2025-12-31");
    // P1 1/2, P3 1/3, P2 1/6 of 28,000.00 (2,800,000 fen); over the common denominator 6 the
    // weights are 3, 2, 1: 2,800,000 × 3/6 = 1,400,000 exactly; × 2/6 = 933,333 remainder 2/6;
    // × 1/6 = 466,666 remainder 4/6. One fen is left, and the largest remainder (P2's 4/6) takes
    // it: 1,400,000 + 933,333 + 466,667 = 2,800,000. P4–P7 are left out: lines of 0.
    let file = dir.path().join("分配表.csv");
    std::fs::write(&file, "工号,金额\nP1,1/2\nP3,1／3\nP2, 1 / 6 \n").expect("write");
    let p = import::allocation::propose(&store, &file, "HT-T", through, &[]).expect("the fractions make the whole pool");
    assert!(p.plan.agreed_amounts);
    assert_eq!(
        lines(&p.plan),
        [("P1", 1_400_000), ("P3", 933_333), ("P2", 466_667), ("P4", 0), ("P5", 0), ("P6", 0), ("P7", 0)],
        "each fraction of the pool, to the fen"
    );

    // The notice's split as fractions of the pool, 10/28 + 5/28 + 9/28 + 4 × 1/28 = 28/28, gives the
    // notice's amounts exactly (2,800,000 × 10/28 = 1,000,000 …), where two-decimal shares could not.
    let fractions = |list: &[(&str, i64, i64)]| -> Vec<AgreedAmount> {
        list.iter()
            .enumerate()
            .map(|(i, (id, n, d))| AgreedAmount {
                employee_id: id.to_string(),
                amount_fen: Money::ZERO,
                row: i as u32 + 1,
                fraction: Some(Fraction { numerator: *n, denominator: *d }),
            })
            .collect()
    };
    let notice = [("P1", 10, 28), ("P2", 5, 28), ("P3", 9, 28), ("P4", 1, 28), ("P5", 1, 28), ("P6", 1, 28), ("P7", 1, 28)];
    let p = distribution::propose_with(&store, "HT-T", through, &[], Some(&fractions(&notice))).expect("plan");
    let by_amounts = distribution::propose_with(&store, "HT-T", through, &[], Some(&agreed(NOTICE))).expect("plan");
    assert_eq!(lines(&p.plan), lines(&by_amounts.plan), "the same lines as the notice's amounts");

    // 1/2 + 1/3 = 5/6 of the pool: refused, the sum shown; nothing to write.
    let got =
        distribution::propose_with(&store, "HT-T", through, &[], Some(&fractions(&[("P1", 1, 2), ("P3", 1, 3)]))).expect_err("refused");
    let Error::Invalid(problems) = &got else { panic!("{got:?}") };
    assert_eq!(problems.iter().map(|p| (p.kind.code(), p.value.as_str())).collect::<Vec<_>>(), [("fractions_not_whole", "5/6")]);
    assert!(format!("{:?}", got.report(transferdesk_core::Lang::Zh)).contains("5/6"), "the message shows the sum");

    // Amounts and fractions mixed, and a fraction that is none: each named at its row.
    std::fs::write(&file, "工号,金额\nP1,1/2\nP3,14000\nP2,1/0\n").expect("write");
    let got = import::allocation::propose(&store, &file, "HT-T", through, &[]).expect_err("refused");
    let Error::Invalid(problems) = &got else { panic!("{got:?}") };
    assert_eq!(
        problems.iter().map(|p| (p.row, p.kind.code())).collect::<Vec<_>>(),
        [(3, "fractions_mixed"), (4, "bad_fraction")],
        "every problem at once, each at its row"
    );
}

/// A version from 2025-01-01: 85% for the team, the department 5%, the institution 10%.
fn three_way() -> Policy {
    let mut p = Policy::default_from(day("2025-01-01"));
    (p.transfer_bp, p.license_bp, p.equity_bp) = (8500, 8500, 8500);
    p.recipients = vec![Recipient { name: "机械学院".into(), share_bp: 500 }, Recipient { name: "学校".into(), share_bp: 1000 }];
    p
}

#[test]
fn net_income_is_split_three_ways_to_the_fen_and_counted_in_the_annual_report() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = team_store(&dir);
    policy::save(&mut store, &actor(), &three_way()).expect("saved");
    // Received 1,000.07 instead: net 1,000.07 = 100,007 fen.
    add(&mut store, &dir, Table::Contracts, "合同编号,合同名称,转化方式,许可类型,合作单位,合同金额,签订日期,涉及成果,技术合同登记号,获得股权\nHT-R,小额转让,转让,,甲科技有限公司,1000.07,2025-03-02,CGT,,\n");
    add(&mut store, &dir, Table::Receipts, "合同编号,到账日期,到账金额,凭证号\nHT-R,2025-04-02,1000.07,V2\n");
    let d = distribution::create(&mut store, &actor(), "HT-R", day("2025-12-31"), &[]).expect("draft");
    let plan = &d.proposal.plan;
    // Pool = round_half_up(100,007 × 85%) = round_half_up(85,005.95) = 85,006; the institution's
    // part = 100,007 − 85,006 = 15,001, split 5 : 10 → exact 5,000.33 and 10,000.67; floors
    // 5,000 + 10,000 = 15,000, the one fen left goes to the larger remainder (0.67): 学校 10,001.
    // (Against the net income: 5% = 5,000.35, 10% = 10,000.70 — each line within a fen.)
    assert_eq!((plan.pool_fen, plan.institution_fen), (Some(Money(85_006)), Money(15_001)));
    let recipients: Vec<(&str, i64, i64)> = plan.recipients.iter().map(|r| (r.name.as_str(), r.share_bp, r.amount_fen.0)).collect();
    assert_eq!(recipients, [("机械学院", 500, 5_000), ("学校", 1000, 10_001)]);
    assert_eq!(plan.allocations.iter().map(|a| a.amount()).sum::<i64>(), 85_006, "the persons share the pool as always");

    // Frozen at approval: the policy may change, the lines do not.
    let approval = Approval { decision_on: day("2025-04-10"), ..Approval::default() };
    distribution::approve(&mut store, &actor(), d.id, &approval).expect("approved");
    let frozen = store.conn().execute("UPDATE distribution_recipient SET amount_fen = 1 WHERE distribution_id = ?1", [d.id]);
    assert!(frozen.is_err(), "the schema refuses to change an approved recipient line");
    distribution::publicize(&mut store, &actor(), d.id, day("2025-04-11"), None).expect("publicized");
    let paid = distribution::pay(&mut store, &actor(), d.id, day("2025-05-20")).expect("paid");
    assert_eq!(paid.proposal.plan.recipients.len(), 2, "read back with the distribution");

    let income = annual::indicators(&store, 2025).expect("indicators").income;
    let counted: Vec<(String, i64)> = income.recipients.unwrap_or_default().into_iter().map(|r| (r.name, r.amount_fen)).collect();
    assert_eq!(counted, [("机械学院".to_string(), 5_000), ("学校".to_string(), 10_001)], "the annual income lists each recipient");

    // A reversal mirrors the recipients' lines.
    let reversal = distribution::reverse(&mut store, &actor(), d.id, "录错").expect("reversal");
    let mirrored: Vec<i64> = reversal.proposal.plan.recipients.iter().map(|r| r.amount_fen.0).collect();
    assert_eq!(mirrored, [-5_000, -10_001]);
}

#[test]
fn a_policy_without_recipients_keeps_the_institution_s_part_whole() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = team_store(&dir);
    let p = distribution::propose(&store, "HT-T", day("2025-12-31"), &[]).expect("plan");
    // The default policy: 40,000.00 − 28,000.00 = 12,000.00 stays with the institution, unsplit.
    assert_eq!((p.plan.institution_fen, p.plan.recipients.len()), (Money(1_200_000), 0));
}

#[test]
fn bad_recipients_are_refused_with_every_field_named() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = team_store(&dir);
    let mut bad = three_way();
    // 85% + 5% + 9% = 99% ≠ 100% for transfer and license (once: they are equal); a share of 0;
    // a name given twice; equity at 40% is below the statutory 50%; the date of the shipped version.
    bad.effective_on = day("1900-01-01");
    bad.equity_bp = 4000;
    bad.recipients = vec![
        Recipient { name: "学院".into(), share_bp: 500 },
        Recipient { name: "学校".into(), share_bp: 900 },
        Recipient { name: "学院".into(), share_bp: 0 },
    ];
    let before = dump(&store);
    match policy::save(&mut store, &actor(), &bad) {
        Err(Error::Invalid(p)) => {
            let got: Vec<(&str, &str)> = p.iter().map(|p| (p.column.as_str(), p.kind.code())).collect();
            assert_eq!(
                got,
                [
                    ("recipients[2].name", "repeated_entry"),
                    ("recipients[2].share_bp", "bad_ratio"),
                    ("recipients", "parts_not_100"),
                    ("equity_bp", "below_statutory_minimum"),
                    ("effective_on", "duplicate_in_database"),
                ]
            );
        }
        other => panic!("bad recipients must be refused: {other:?}"),
    }
    assert_eq!(dump(&store), before, "nothing written");
}

#[test]
fn an_old_remainder_split_becomes_recipients_of_the_net_income() {
    // A schema-6 file whose version gives the institution's part 30% to the department, 50% to
    // the university and 20% to the transfer office (written raw: schema 6 has no seal yet).
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("v6.db");
    std::fs::copy(crate::common::fixture("schema/v6.db"), &path).expect("copy fixture");
    {
        let conn = rusqlite::Connection::open(&path).expect("open raw");
        conn.execute("UPDATE policy SET remainder_department_bp = 3000, remainder_university_bp = 5000, remainder_office_bp = 2000", [])
            .expect("old split");
    }
    let store = Store::open(&path).expect("migrates");
    // Transfer 70%: the institution's part is 30% of the net income → department 30% × 30% = 9%,
    // office 20% × 30% = 6%, the university the rest, 30% − 9% − 6% = 15%; 70 + 9 + 15 + 6 = 100.
    let versions = policy::list(&store).expect("list");
    let recipients: Vec<(&str, i64)> = versions[0].recipients.iter().map(|r| (r.name.as_str(), r.share_bp)).collect();
    assert_eq!(recipients, [("院系", 900), ("学校", 1500), ("转化机构", 600)]);
    // The shipped default (all to the university) is no split at all: see the other stores above.
    let fresh = tempfile::tempdir().expect("tmp");
    assert!(policy::list(&new_store(&fresh)).expect("list")[0].recipients.is_empty());
}
