//! Contracts entered in the app: price publicity and the signing gate, money entry, receivables,
//! ownership grants and attachments.

use crate::common::{actor, dump, good_store};
use chrono::NaiveDate;
use transferdesk_core::deals::contract::edit::{self, MoneyEntry};
use transferdesk_core::deals::contract::{view, ContractForm, EquityHolding, Installment, Weighted};
use transferdesk_core::deals::grant::{self, Grant, GrantKind, GrantQuery, Member, Payer};
use transferdesk_core::deals::publicity::{self, Objection, Outcome, Publicity, PublicityQuery};
use transferdesk_core::deals::resolution::{self, Resolution, ResolutionQuery};
use transferdesk_core::model::{ContractKind, InstallmentKind, LicenseKind, Pricing, ReceiptKind};
use transferdesk_core::{portfolio::attachment, rewards::distribution, Error, Money, Store};

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
        version: 0,
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
        version: 0,
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
    let p = publicity::get(store.conn(), id).expect("read back");
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
        version: 0,
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

/// The publicity, decision and grant lists filter and page in SQL; the staff picker searches and
/// stops at its limit. Each expectation is read off the records saved here.
#[test]
fn deal_lists_filter_and_page_and_the_staff_picker_searches() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let shuxin = org(&store, "成都蜀新科技有限公司");
    let huaneng = org(&store, "北京华能装备股份有限公司");
    let mut ids = Vec::new();
    for (title, kind, organization_id, achievement, posted) in [
        ("图像识别方法 许可定价公示", ContractKind::License, shuxin, "CG001", "2025-03-03"),
        ("高熵合金焊丝 转让定价公示", ContractKind::Transfer, huaneng, "CG002", "2025-05-06"),
        ("检测工装 转让定价公示", ContractKind::Transfer, shuxin, "CG003", "2025-08-01"),
    ] {
        let p = Publicity {
            title: title.into(),
            contract_kind: kind,
            organization_id,
            posted_on: day(posted),
            achievements: vec![achievement.into()],
            ..price_publicity(&store, vec![])
        };
        ids.push(publicity::save(&mut store, &actor(), &p).expect("publicity"));
    }
    let today = actor().at.date();
    let titles = |q: PublicityQuery| {
        let page = publicity::list(store.conn(), &q, today).expect("publicities");
        (page.total, page.rows.into_iter().map(|r| r.publicity.title.chars().take(4).collect::<String>()).collect::<Vec<_>>())
    };
    let q = |change: PublicityQuery| PublicityQuery { page: 1, page_size: 20, ..change };
    // Newest posting first: 08-01, 05-06, 03-03; two a page.
    assert_eq!(titles(PublicityQuery { page: 1, page_size: 2, ..Default::default() }), (3, vec!["检测工装".into(), "高熵合金".into()]));
    assert_eq!(titles(PublicityQuery { page: 2, page_size: 2, ..Default::default() }), (3, vec!["图像识别".into()]));
    assert_eq!(titles(PublicityQuery { page: 3, page_size: 2, ..Default::default() }), (3, vec![]));
    // The counterparty, an achievement number, a title word; a typed % matches nothing.
    assert_eq!(
        titles(q(PublicityQuery { search: Some(" 蜀新 ".into()), ..Default::default() })),
        (2, vec!["检测工装".into(), "图像识别".into()])
    );
    assert_eq!(titles(q(PublicityQuery { search: Some("CG002".into()), ..Default::default() })), (1, vec!["高熵合金".into()]));
    assert_eq!(titles(q(PublicityQuery { search: Some("焊丝".into()), ..Default::default() })), (1, vec!["高熵合金".into()]));
    assert_eq!(titles(q(PublicityQuery { search: Some("%".into()), ..Default::default() })), (0, vec![]));
    // What the contract form asks: a counterparty's publicities of one kind, or the one it opened from.
    let transfers = PublicityQuery { contract_kind: Some(ContractKind::Transfer), ..Default::default() };
    assert_eq!(titles(q(PublicityQuery { organization_id: Some(shuxin), ..transfers.clone() })), (1, vec!["检测工装".into()]));
    assert_eq!(titles(q(transfers)), (2, vec!["检测工装".into(), "高熵合金".into()]));
    assert_eq!(titles(q(PublicityQuery { id: Some(ids[0]), ..Default::default() })), (1, vec!["图像识别".into()]));

    for (on, body, subject) in [
        ("2025-01-10", "校长办公会", "关于图像识别专利许可定价的议题"),
        ("2025-04-20", "成果转化工作领导小组", "关于焊丝专利转让定价的议题"),
        ("2025-07-15", "校长办公会", "关于检测工装转让定价的议题"),
    ] {
        let r = Resolution {
            id: None,
            version: 0,
            meeting_on: day(on),
            body: body.into(),
            subject: subject.into(),
            participants: "校长、分管副校长".into(),
            outcome: "同意".into(),
        };
        resolution::save(&mut store, &actor(), &r).expect("resolution");
    }
    let meetings = |q: ResolutionQuery| {
        let page = resolution::list(store.conn(), &q).expect("resolutions");
        (page.total, page.rows.into_iter().map(|r| r.meeting_on.to_string()).collect::<Vec<_>>())
    };
    assert_eq!(
        meetings(ResolutionQuery { page: 1, page_size: 2, ..Default::default() }),
        (3, vec!["2025-07-15".into(), "2025-04-20".into()])
    );
    assert_eq!(meetings(ResolutionQuery { page: 2, page_size: 2, ..Default::default() }), (3, vec!["2025-01-10".into()]));
    let search = |text: &str| meetings(ResolutionQuery { page: 1, page_size: 20, search: Some(text.into()), ..Default::default() });
    assert_eq!(search("校长办公会"), (2, vec!["2025-07-15".into(), "2025-01-10".into()]));
    assert_eq!(search("焊丝"), (1, vec!["2025-04-20".into()]));
    assert_eq!(search("2025-0"), (3, vec!["2025-07-15".into(), "2025-04-20".into(), "2025-01-10".into()]));
    assert_eq!(search("2025-04"), (1, vec!["2025-04-20".into()]));

    let member = |id: &str, bp: i64| Member { employee_id: id.into(), name: String::new(), share_bp: bp };
    let share = Grant {
        id: None,
        version: 0,
        kind: GrantKind::Share,
        share_bp: Some(7000),
        usage_from: None,
        usage_until: None,
        income_team_bp: 7000,
        annual_fee_payer: Payer::Team,
        agency_fee_payer: Payer::Institution,
        decided_on: day("2025-01-10"),
        resolution_id: None,
        publicized_on: None,
        publicity_days: None,
        publicity_ends_on: None,
        change_filed_on: None,
        note: None,
        achievements: vec!["CG001".into()],
        members: vec![member("T001", 10_000)],
    };
    grant::save(&mut store, &actor(), &share).expect("share grant");
    let usage = Grant {
        kind: GrantKind::UsageRight,
        share_bp: None,
        usage_from: Some(day("2025-03-01")),
        usage_until: Some(day("2035-03-01")),
        decided_on: day("2025-03-01"),
        achievements: vec!["CG002".into()],
        members: vec![member("T003", 6000), member("T001", 4000)],
        ..share.clone()
    };
    grant::save(&mut store, &actor(), &usage).expect("usage grant");
    let grants = |page: u32, page_size: u32, search: Option<&str>| {
        let found = grant::list(store.conn(), &GrantQuery { page, page_size, search: search.map(str::to_string) }).expect("grants");
        (found.total, found.rows.into_iter().map(|g| g.achievements.join(",")).collect::<Vec<_>>())
    };
    // Newest decision first (03-01, 01-10).
    assert_eq!(grants(1, 20, None), (2, vec!["CG002".into(), "CG001".into()]));
    assert_eq!(grants(2, 1, None), (2, vec!["CG001".into()]));
    // 张三 (T001) is on both teams, 王五 (T003) on the usage right's only; an employee ID must be whole.
    assert_eq!(grants(1, 20, Some("张三")), (2, vec!["CG002".into(), "CG001".into()]));
    assert_eq!(grants(1, 20, Some("王五")), (1, vec!["CG002".into()]));
    assert_eq!(grants(1, 20, Some("T003")), (1, vec!["CG002".into()]));
    assert_eq!(grants(1, 20, Some("T00")), (0, vec![]));
    // CG001 is 一种基于深度学习的图像识别方法.
    assert_eq!(grants(1, 20, Some("图像识别")), (1, vec!["CG001".into()]));

    // The fixture's one transfer staff is S001 孙七; T002 李四 becomes a second.
    store.conn().execute("UPDATE person SET category = 'transfer_staff' WHERE employee_id = 'T002'", []).expect("category");
    let staff = |search: &str, limit: u32| -> Vec<String> {
        distribution::staff_choices(&store, search, limit).expect("staff").into_iter().map(|s| s.employee_id).collect()
    };
    assert_eq!(staff("", 30), ["S001", "T002"]);
    assert_eq!(staff("", 1), ["S001"], "stops at the limit");
    assert_eq!(staff("", 0), ["S001"], "a limit of 0 still answers one");
    assert_eq!(staff("李", 30), ["T002"]);
    assert_eq!(staff("t00", 30), ["T002"], "LIKE ignores ASCII case; 张三 T001 is not transfer staff");
    assert!(staff("张", 30).is_empty(), "a researcher is not offered");
}

#[test]
fn a_contract_is_overdue_when_payments_fall_short_of_what_fell_due_before_today() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    // The actor's day, 2026-11-23, is "today"; the fixture's contracts have no schedule.
    let today = day("2026-11-23");
    let org = org(&store, "成都蜀新科技有限公司");
    let plan = |due: &str, fen: i64| Installment {
        kind: InstallmentKind::Fixed,
        due_on: day(due),
        amount_fen: Money(fen),
        milestone: None,
        period_start: None,
        period_end: None,
    };
    let mut add = |no: &str, kind: ContractKind, installments: Vec<Installment>, receipts: &[(i64, ReceiptKind)]| {
        let equity = kind == ContractKind::Equity;
        let form = ContractForm {
            id: None,
            version: 0,
            contract_no: no.into(),
            title: format!("{no} 付款计划"),
            kind,
            license_kind: None,
            organization_id: org,
            amount_fen: Money(10_000_000),
            signed_on: day("2026-01-10"),
            registration_no: None,
            registered_on: None,
            effective_on: None,
            recorded_on: None,
            equity_units_fen: equity.then_some(Money(10_000_000)),
            pricing: equity.then_some(Pricing::Listing),
            publicity_id: None,
            resolution_id: None,
            achievements: if equity { vec![Weighted { achievement_no: "CG002".into(), weight_bp: 10_000 }] } else { vec![] },
            installments,
            equity: None,
        };
        let id = edit::save(&mut store, &actor(), &form).expect("contract");
        for (n, (fen, kind)) in receipts.iter().enumerate() {
            let entry = MoneyEntry {
                on: day("2026-11-01"),
                amount_fen: Money(*fen),
                reference: Some(format!("{no}-{n}")),
                receipt_kind: Some(*kind),
                cost_category: None,
            };
            edit::add_receipt(&mut store, &actor(), id, &entry).expect("receipt");
        }
        id
    };
    let dev = ContractKind::Development;
    let pay = ReceiptKind::Payment;
    let ids = [
        // 10,000.00 due yesterday, nothing paid: all of it overdue.
        add("HT2026-901", dev, vec![plan("2026-11-22", 1_000_000)], &[]),
        // Due today: not yet overdue.
        add("HT2026-902", dev, vec![plan("2026-11-23", 1_000_000)], &[]),
        // Due yesterday, paid in full.
        add("HT2026-903", dev, vec![plan("2026-11-22", 1_000_000)], &[(1_000_000, pay)]),
        // Due yesterday, paid short by 1 fen.
        add("HT2026-904", dev, vec![plan("2026-11-22", 1_000_000)], &[(999_999, pay)]),
        // 6,000 + 4,000 fell due, 5,000 is due next month; 7,000 paid: 10,000 − 7,000 = 3,000 overdue.
        add(
            "HT2026-905",
            dev,
            vec![plan("2026-12-31", 500_000), plan("2026-06-30", 600_000), plan("2026-11-22", 400_000)],
            &[(700_000, pay)],
        ),
        // 10,000 fell due yesterday and 10,000 today; 10,000 paid covers the first: nothing overdue.
        add("HT2026-906", dev, vec![plan("2026-11-22", 1_000_000), plan("2026-11-23", 1_000_000)], &[(1_000_000, pay)]),
        // An equity deal's dividend is not a payment of the schedule: 10,000 still overdue.
        add("HT2026-907", ContractKind::Equity, vec![plan("2026-11-22", 1_000_000)], &[(1_000_000, ReceiptKind::Dividend)]),
    ];
    let overdue = [1_000_000, 0, 0, 1, 300_000, 0, 1_000_000];

    let query = |page: u32, page_size: u32| view::ContractQuery { overdue: true, page, page_size, ..Default::default() };
    let page = view::list(&store, &query(1, 50), today).expect("list");
    let rows: Vec<(&str, i64)> = page.rows.iter().map(|r| (r.contract_no.as_str(), r.overdue_fen.0)).collect();
    assert_eq!(rows, [("HT2026-901", 1_000_000), ("HT2026-904", 1), ("HT2026-905", 300_000), ("HT2026-907", 1_000_000)]);
    assert_eq!(page.total, 4);
    let second = view::list(&store, &query(2, 2), today).expect("page 2");
    assert_eq!(second.total, 4, "the count filters as the page does");
    assert_eq!(second.rows.iter().map(|r| r.contract_no.as_str()).collect::<Vec<_>>(), ["HT2026-905", "HT2026-907"]);

    // The contract page and the receivables (the dashboard's "payments overdue") agree contract by contract.
    let receivables = view::receivables(&store, today, 0).expect("receivables");
    for (id, fen) in ids.iter().zip(overdue) {
        assert_eq!(view::get(store.conn(), *id, today).expect("detail").overdue_fen, Money(fen), "contract {id}");
        let owed: i64 = receivables.iter().filter(|r| r.contract_id == *id && r.due_on < today).map(|r| r.outstanding_fen.0).sum();
        assert_eq!(owed, fen, "receivables of contract {id}");
    }
    // The day after, 902's and 906's second installments are overdue too.
    let tomorrow = view::list(&store, &query(1, 50), day("2026-11-24")).expect("tomorrow");
    assert_eq!(
        tomorrow.rows.iter().map(|r| (r.contract_no.as_str(), r.overdue_fen.0)).collect::<Vec<_>>(),
        [
            ("HT2026-901", 1_000_000),
            ("HT2026-902", 1_000_000),
            ("HT2026-904", 1),
            ("HT2026-905", 300_000),
            ("HT2026-906", 1_000_000),
            ("HT2026-907", 1_000_000)
        ]
    );
}
