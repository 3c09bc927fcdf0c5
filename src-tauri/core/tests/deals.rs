//! Contracts entered in the app: price publicity and the signing gate, money entry, receivables,
//! ownership grants and attachments.

use crate::common::{actor, dump, good_store};
use chrono::NaiveDate;
use transferdesk_core::contract::edit::{self, ContractForm, EquityHolding, Installment, MoneyEntry};
use transferdesk_core::contract::{view, Weighted};
use transferdesk_core::grant::{self, Grant, GrantKind, Member, Payer};
use transferdesk_core::model::{ContractKind, InstallmentKind, LicenseKind, Pricing, ReceiptKind};
use transferdesk_core::publicity::{self, Objection, Outcome, Publicity};
use transferdesk_core::{attachment, distribution, Error, Money, Store};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn code(result: Result<i64, Error>) -> String {
    result.expect_err("refused").code().to_string()
}

fn org(store: &Store, name: &str) -> i64 {
    store.conn().query_row("SELECT id FROM organization WHERE name = ?1", [name], |r| r.get(0)).expect("organization")
}

fn price_publicity(store: &Store, objections: Vec<Objection>) -> Publicity {
    Publicity {
        id: None,
        title: "一种齿轮箱故障诊断方法 转让定价公示".into(),
        contract_kind: ContractKind::Transfer,
        organization_id: org(store, "北京华能装备股份有限公司"),
        counterparty: String::new(),
        related_party: false,
        price_fen: Money(80_000_000),
        posted_on: day("2025-09-20"),
        days: 15,
        ends_on: day("2025-09-20"),
        channel: "学校官网".into(),
        resolution_id: None,
        achievements: vec!["CG001".into()],
        objections,
        contract_no: None,
    }
}

fn transfer(store: &Store, publicity_id: Option<i64>, signed_on: &str) -> ContractForm {
    ContractForm {
        id: None,
        contract_no: "HT2025-101".into(),
        title: "专利权转让合同（协议定价）".into(),
        kind: ContractKind::Transfer,
        license_kind: None,
        organization_id: org(store, "北京华能装备股份有限公司"),
        amount_fen: Money(80_000_000),
        signed_on: day(signed_on),
        registration_no: None,
        registered_on: None,
        effective_on: None,
        recorded_on: None,
        equity_units_fen: None,
        pricing: Some(Pricing::Agreement),
        publicity_id,
        resolution_id: None,
        achievements: vec![Weighted { achievement_no: "CG001".into(), weight_bp: 10_000 }],
        installments: vec![
            Installment {
                kind: InstallmentKind::Fixed,
                due_on: day("2025-11-01"),
                amount_fen: Money(30_000_000),
                milestone: None,
                period_start: None,
                period_end: None,
            },
            Installment {
                kind: InstallmentKind::Milestone,
                due_on: day("2026-03-01"),
                amount_fen: Money(50_000_000),
                milestone: Some("完成专利权转移登记".into()),
                period_start: None,
                period_end: None,
            },
        ],
        equity: None,
    }
}

#[test]
fn publicity_ends_after_the_holidays_and_gates_the_signing() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let draft = price_publicity(&store, vec![]);
    let id = publicity::save(&mut store, &actor(), &draft).expect("publicity saved");
    let p = publicity::get(store.conn(), id).expect("read back");
    // Posted 09-20 for 15 days: 09-21 … 10-05, a day of the 2025 National Day holiday (10-01 … 10-08),
    // so the period runs to the next working day, 10-09; signing from 10-10.
    assert_eq!((p.ends_on, p.earliest_signing()), (day("2025-10-09"), day("2025-10-10")));

    let before = dump(&store);
    let unpublicized = transfer(&store, None, "2025-10-20");
    assert_eq!(code(edit::save(&mut store, &actor(), &unpublicized)), "publicity_required");
    let last_day = transfer(&store, Some(id), "2025-10-09");
    assert_eq!(code(edit::save(&mut store, &actor(), &last_day)), "price_publicity_not_finished");
    assert_eq!(dump(&store), before, "a refused signing writes nothing");

    // An objection received during the period blocks signing until handled.
    let objection = Objection {
        id: None,
        received_on: day("2025-09-25"),
        objector: "机械学院 某教师".into(),
        content: "定价低于市场价".into(),
        outcome: Outcome::Pending,
        handling: None,
        resolved_on: None,
    };
    publicity::save(&mut store, &actor(), &Publicity { id: Some(id), objections: vec![objection.clone()], ..p.clone() })
        .expect("objection");
    let day_after = transfer(&store, Some(id), "2025-10-10");
    assert_eq!(code(edit::save(&mut store, &actor(), &day_after)), "objection_pending");
    let rejected = Objection {
        outcome: Outcome::Rejected,
        handling: Some("经复核，定价依据评估报告，异议不成立".into()),
        resolved_on: Some(day("2025-09-30")),
        ..objection
    };
    publicity::save(&mut store, &actor(), &Publicity { id: Some(id), objections: vec![rejected], ..p.clone() }).expect("handled");

    let contract = edit::save(&mut store, &actor(), &day_after).expect("signed the day after the period");
    let signed = publicity::get(store.conn(), id).expect("publicity");
    assert_eq!(signed.contract_no.as_deref(), Some("HT2025-101"), "the publicity knows its contract");
    let moved = Publicity { posted_on: day("2025-09-22"), ..signed };
    assert_eq!(code(publicity::save(&mut store, &actor(), &moved)), "publicity_signed", "the period is evidence once signed");

    // Money: a receipt before signing is refused; 350,000 received covers the first installment and 50,000 of the second.
    let receipt = |on: &str, fen: i64, voucher: &str| MoneyEntry {
        on: day(on),
        amount_fen: Money(fen),
        reference: Some(voucher.into()),
        receipt_kind: Some(ReceiptKind::Payment),
        cost_category: None,
    };
    let early = edit::add_receipt(&mut store, &actor(), contract, &receipt("2025-10-09", 100, "V-EARLY")).expect_err("before signing");
    assert_eq!(early.code(), "invalid_input");
    edit::add_receipt(&mut store, &actor(), contract, &receipt("2025-11-05", 35_000_000, "V-101-1")).expect("receipt");
    assert_eq!(
        edit::add_receipt(&mut store, &actor(), contract, &receipt("2025-11-06", 1, "V-101-1")).expect_err("voucher twice").code(),
        "invalid_input"
    );
    let detail = view::get(store.conn(), contract, day("2026-03-02")).expect("detail");
    let owed: Vec<(i64, bool)> = detail.installments.iter().map(|l| (l.outstanding_fen.0, l.overdue)).collect();
    assert_eq!(owed, vec![(0, false), (45_000_000, true)], "500,000 − 50,000 still owed on the milestone, due 03-01");
    assert_eq!(detail.overdue_fen, Money(45_000_000));
    let receivables = view::receivables(&store, day("2026-03-02"), 30).expect("receivables");
    let got: Vec<(&str, i64, i64)> = receivables
        .iter()
        .filter(|r| r.contract_no == "HT2025-101")
        .map(|r| (r.contract_no.as_str(), r.outstanding_fen.0, r.days_overdue))
        .collect();
    assert_eq!(got, vec![("HT2025-101", 45_000_000, 1)]);
    let page =
        view::list(&store, &view::ContractQuery { overdue: true, page_size: 50, ..Default::default() }, day("2026-03-02")).expect("list");
    assert_eq!(page.rows.iter().map(|r| (r.contract_no.as_str(), r.overdue_fen.0)).collect::<Vec<_>>(), vec![("HT2025-101", 45_000_000)]);
}

#[test]
fn a_bad_contract_form_names_every_field_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let before = dump(&store);
    let mut form = transfer(&store, None, "2025-10-10");
    form.contract_no = "HT2025-001".into();
    form.kind = ContractKind::License;
    form.pricing = Some(Pricing::Listing);
    form.achievements =
        vec![Weighted { achievement_no: "CG001".into(), weight_bp: 6000 }, Weighted { achievement_no: "CG002".into(), weight_bp: 3000 }];
    form.installments[1].milestone = None;
    form.equity = Some(EquityHolding {
        holder: "资产公司".into(),
        stake_bp: 1000,
        registered_on: None,
        written_off_on: None,
        write_off_reason: None,
    });
    let fields: Vec<String> = match edit::save(&mut store, &actor(), &form) {
        Err(Error::Invalid(problems)) => problems.into_iter().map(|p| p.column).collect(),
        other => panic!("refused field by field: {other:?}"),
    };
    assert_eq!(fields, ["license_kind", "equity", "achievements", "installments[1].milestone", "contract_no"]);
    assert_eq!(dump(&store), before);
    form.license_kind = Some(LicenseKind::Ordinary);
    assert!(edit::save(&mut store, &actor(), &form).is_err());
}

#[test]
fn a_granted_achievement_earns_no_unit_reward_and_a_short_usage_right_is_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let mut g = Grant {
        id: None,
        kind: GrantKind::UsageRight,
        share_bp: None,
        usage_from: Some(day("2025-01-01")),
        usage_until: Some(day("2034-12-31")),
        income_team_bp: 7000,
        annual_fee_payer: Payer::Team,
        agency_fee_payer: Payer::Institution,
        decided_on: day("2025-01-10"),
        resolution_id: None,
        publicized_on: Some(day("2025-01-10")),
        publicity_days: Some(15),
        publicity_ends_on: None,
        change_filed_on: None,
        note: None,
        achievements: vec!["CG001".into()],
        members: vec![Member { employee_id: "T001".into(), name: String::new(), share_bp: 10_000 }],
    };
    let before = dump(&store);
    let fields: Vec<String> = match grant::save(&mut store, &actor(), &g) {
        Err(Error::Invalid(problems)) => problems.into_iter().map(|p| p.column).collect(),
        other => panic!("a day short of ten years: {other:?}"),
    };
    assert_eq!(fields, ["usage_until"]);
    assert_eq!(dump(&store), before, "nothing written");

    g.kind = GrantKind::Share;
    g.share_bp = Some(7000);
    let id = grant::save(&mut store, &actor(), &g).expect("a 70% ownership grant");
    let saved = grant::get(store.conn(), id).expect("read back");
    // Posted 01-10 for 15 days: 01-11 … 01-25, a Saturday; Sunday 01-26 is a make-up working day of the
    // Spring Festival, so the period ends then.
    assert_eq!((saved.usage_from, saved.publicity_ends_on), (None, Some(day("2025-01-26"))));
    let plan = distribution::propose(&store, "HT2025-001", day("2025-12-31"), &[]).expect("plan");
    let codes: Vec<&str> = plan.plan.findings.iter().map(|f| f.code).collect();
    assert!(codes.contains(&"granted_ownership_no_unit_reward"), "CG001 was granted before HT2025-001 was signed: {codes:?}");
}

#[test]
fn attachments_are_kept_once_by_content_and_an_altered_file_is_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let contract = view::find(store.conn(), "HT2025-002").expect("contract");
    let source = dir.path().join("会议纪要.pdf");
    std::fs::write(&source, b"%PDF-1.4 minutes").expect("write");
    let a = attachment::add(&mut store, &actor(), "contract", contract, &source).expect("attached");
    let b = attachment::add(&mut store, &actor(), "contract", contract, &source).expect("again");
    assert_eq!(a.sha256, b.sha256);
    let folder = attachment::folder(&store);
    assert_eq!(std::fs::read_dir(&folder).expect("folder").count(), 1, "the same content is stored once");
    assert_eq!(attachment::list(store.conn(), "contract", contract).expect("list").len(), 2);
    let stored = attachment::path(&store, a.id).expect("verified path");
    std::fs::write(&stored, b"%PDF-1.4 forged").expect("tamper");
    assert_eq!(attachment::path(&store, a.id).expect_err("altered").code(), "attachment_altered");
    assert_eq!(attachment::add(&mut store, &actor(), "contract", 9999, &source).expect_err("no such contract").code(), "not_found");
}
