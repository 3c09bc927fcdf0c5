//! Two people at once (docs/reliability.md "Two people at once"): every record with an edit form
//! carries a version. For each kind: two people load it, the first saves, the second's save is
//! refused with `edit_conflict` naming the first person, the time and the fields that differ, and
//! writes nothing; loaded again, the second person's save goes through on top of the first's.
//! Steps that are no form (import, the reward workflow) leave the versions alone; steps that change
//! a form's fields (a fee payment, a merge) make a form loaded before them stale.

use crate::common::{dump, good_store};
use chrono::NaiveDate;
use std::fmt::Debug;
use transferdesk_core::access::account::{self, AccountInput};
use transferdesk_core::access::Role;
use transferdesk_core::calendar::{self, DayKind, Holiday};
use transferdesk_core::deals::contract::{edit, view, ContractForm};
use transferdesk_core::deals::grant::{self, Grant, GrantKind, Member, Payer};
use transferdesk_core::deals::publicity::{self, Objection, Outcome, Publicity};
use transferdesk_core::deals::resolution::{self, Resolution};
use transferdesk_core::deals::valuation::{self, Valuation};
use transferdesk_core::model::{AchievementKind, ContractKind, FundingSource, LeaderLevel, Size, ValuationKind, ValuationMethod};
use transferdesk_core::people::organization_page::{self, OrganizationEdit};
use transferdesk_core::people::person_page::{self, PersonEdit};
use transferdesk_core::portfolio::achievement::Inventor;
use transferdesk_core::portfolio::assessment::{self, CriteriaSheet};
use transferdesk_core::portfolio::disclosure::{self, Decision, Disclosure};
use transferdesk_core::portfolio::register::{self, AchievementForm};
use transferdesk_core::reporting::report_year::{self, ReportYear};
use transferdesk_core::rewards::distribution::{self, Approval};
use transferdesk_core::rewards::policy::{self, Policy};
use transferdesk_core::store::audit::verify;
use transferdesk_core::store::institution::{self, Profile};
use transferdesk_core::{Actor, Error, Lang, Money, Store};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

/// The first person, who saves first.
fn alice() -> Actor {
    Actor { name: "app:alice".into(), at: day("2026-11-23").and_hms_opt(10, 15, 0).expect("time") }
}

/// The second person, whose form is then stale.
fn bob() -> Actor {
    Actor { name: "app:bob".into(), at: day("2026-11-23").and_hms_opt(10, 20, 0).expect("time") }
}

fn today() -> NaiveDate {
    day("2026-11-23")
}

fn id_of(store: &Store, sql: &str, key: &str) -> i64 {
    store.conn().query_row(sql, [key], |r| r.get(0)).unwrap_or_else(|e| panic!("{key}: {e}"))
}

/// How a person saves a form.
type Save<F> = Box<dyn Fn(&mut Store, &Actor, &F) -> Result<(), Error>>;

/// One kind of record with an edit form: how a person loads it, saves it, and where its version is.
struct Form<F> {
    load: Box<dyn Fn(&Store) -> F>,
    save: Save<F>,
    version: fn(&mut F) -> &mut i64,
}

/// Two people load the record; `first` changes one field and saves; `second` changes another and
/// is refused, naming alice, her time and `fields` (the form's keys, in the form's order); then,
/// loaded again, the second change is saved on top of the first.
fn two_people<F: Clone + Debug>(store: &mut Store, form: &Form<F>, first: impl Fn(&mut F), second: impl Fn(&mut F), fields: &[&str]) {
    let a = (form.load)(store);
    let b = (form.load)(store);
    let v0 = *(form.version)(&mut a.clone());

    let mut sent = a.clone();
    first(&mut sent);
    (form.save)(store, &alice(), &sent).unwrap_or_else(|e| panic!("the first save goes through: {:?}", e.report(Lang::En)));
    assert_eq!(*(form.version)(&mut (form.load)(store)), v0 + 1, "a save adds one to the version");

    let mut stale = b.clone();
    second(&mut stale);
    let before = dump(store);
    let refused = (form.save)(store, &bob(), &stale).expect_err("the second save, from the older version, is refused");
    assert_eq!(refused.code(), "edit_conflict");
    assert_eq!(dump(store), before, "the refused save writes nothing, not even an audit entry");
    let Error::Conflict(c) = &refused else { panic!("a conflict: {refused:?}") };
    assert_eq!((c.by.as_deref(), c.at.as_deref()), (Some("app:alice"), Some("2026-11-23T10:15:00")), "the first saver and when");
    let keys: Vec<&str> = c.fields.iter().map(|f| f.key).collect();
    assert_eq!(keys, fields, "the fields where what bob sent differs from what alice stored");
    let message = refused.message(Lang::Zh);
    assert!(message.contains("app:alice") && message.contains("2026-11-23 10:15:00"), "who and when: {message}");
    for f in &c.fields {
        assert!(message.contains(f.zh), "the message names {}: {message}", f.zh);
    }
    let report = refused.report(Lang::Zh);
    let detailed: Vec<&str> = report.details.iter().map(|d| d.column.as_str()).collect();
    assert_eq!(detailed, fields, "the details list the fields for the form to mark");

    // Loaded again, bob's change goes on top of alice's.
    let mut again = (form.load)(store);
    second(&mut again);
    (form.save)(store, &bob(), &again).unwrap_or_else(|e| panic!("a save at the current version goes through: {:?}", e.report(Lang::En)));
    let mut expected = sent;
    second(&mut expected);
    *(form.version)(&mut expected) = v0 + 2;
    assert_eq!(format!("{:?}", (form.load)(store)), format!("{expected:?}"), "both changes are kept, at the version after both");
    sealed(store);
}

/// Every version a save or another step moved is proven by the audit log like the rest of the
/// row (docs/reliability.md "Tamper evidence"): `verify` finds nothing.
fn sealed(store: &Store) {
    let report = verify(store).expect("verify");
    assert!(report.ok && report.findings.is_empty(), "the versions moved are sealed: {:?}", report.findings);
}

#[test]
fn an_achievement_saved_meanwhile_refuses_the_older_form() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let id = id_of(&store, "SELECT id FROM achievement WHERE achievement_no = ?1", "CG001");
    let form = Form::<AchievementForm> {
        load: Box::new(move |s| register::load(s.conn(), id).expect("load")),
        save: Box::new(|s, a, f| register::save(s, a, f).map(drop)),
        version: |f| &mut f.version,
    };
    two_people(
        &mut store,
        &form,
        |f| f.title = "一种齿轮箱故障诊断方法（修订）".into(),
        |f| f.fiscal_project = Some("省重点研发 2026-01".into()),
        &["title", "fiscal_project"],
    );
}

#[test]
fn a_contract_saved_meanwhile_refuses_the_older_form() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let id = id_of(&store, "SELECT id FROM contract WHERE contract_no = ?1", "HT2025-001");
    let form = Form::<ContractForm> {
        load: Box::new(move |s| view::get(s.conn(), id, today()).expect("load").form),
        save: Box::new(|s, a, f| edit::save(s, a, f).map(drop)),
        version: |f| &mut f.version,
    };
    two_people(
        &mut store,
        &form,
        |f| f.title = "专利实施许可合同（补充）".into(),
        |f| f.registration_no = Some("2025510101000123".into()),
        &["title", "registration_no"],
    );
}

#[test]
fn a_person_saved_meanwhile_refuses_the_older_form() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let id = id_of(&store, "SELECT id FROM person WHERE employee_id = ?1", "T002");
    let form = Form::<PersonEdit> {
        load: Box::new(move |s| {
            let p = person_page::detail(s, id).expect("load").person;
            PersonEdit {
                id,
                version: p.version,
                employee_id: p.employee_id,
                name: p.name,
                department: p.department,
                category: p.category,
                leader_level: p.leader_level,
                id_number: None,
                bank_account: None,
            }
        }),
        save: Box::new(|s, a, f| person_page::update(s, a, f).map(drop)),
        version: |f| &mut f.version,
    };
    two_people(&mut store, &form, |f| f.name = "李思".into(), |f| f.leader_level = LeaderLevel::None, &["name", "leader_level"]);
}

#[test]
fn an_organization_saved_meanwhile_refuses_the_older_form() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let id = id_of(&store, "SELECT id FROM organization WHERE name = ?1", "成都蜀新科技有限公司");
    let form = Form::<OrganizationEdit> {
        load: Box::new(move |s| {
            let o = organization_page::detail(s, id).expect("load").organization;
            OrganizationEdit {
                id,
                version: o.version,
                organization: transferdesk_core::people::organization::Organization {
                    name: o.name,
                    credit_code: o.credit_code,
                    ownership: o.ownership,
                    size: o.size,
                    region: o.region,
                    industry: o.industry,
                },
            }
        }),
        save: Box::new(|s, a, f| organization_page::update(s, a, f).map(drop)),
        version: |f| &mut f.version,
    };
    two_people(
        &mut store,
        &form,
        |f| f.organization.name = "成都蜀新科技股份有限公司".into(),
        |f| f.organization.size = Some(Size::Medium),
        &["name", "size"],
    );
}

fn intake() -> Disclosure {
    Disclosure {
        id: None,
        version: 0,
        disclosure_no: "PL2026-001".into(),
        title: "一种钠离子电池硬碳负极材料".into(),
        department: "材料科学与工程学院".into(),
        funding_source: FundingSource::Own,
        fiscal_project: None,
        description: "以生物质为前驱体，两步碳化得到硬碳负极。".into(),
        prior_art: None,
        intended_protection: AchievementKind::InventionPatent,
        confidential: false,
        received_on: day("2026-08-03"),
        inventors: vec![Inventor { employee_id: "T003".into(), share_bp: 10_000, key_contributor: true }],
    }
}

#[test]
fn a_disclosure_saved_meanwhile_refuses_the_older_form_and_the_older_decision() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let id = disclosure::save(&mut store, &alice(), &intake()).expect("created without a version");
    let form = Form::<Disclosure> {
        load: Box::new(move |s| disclosure::get(s.conn(), id, today()).expect("load").disclosure),
        save: Box::new(|s, a, f| disclosure::save(s, a, f).map(drop)),
        version: |f| &mut f.version,
    };
    two_people(
        &mut store,
        &form,
        |f| f.title = "一种钠离子电池硬碳负极材料及其制备方法".into(),
        |f| f.prior_art = Some("CN112345678A".into()),
        &["title", "prior_art"],
    );

    // The decision dialog sends the version its page showed: two at once, the second is refused.
    let seen = disclosure::get(store.conn(), id, today()).expect("page").disclosure.version;
    let file = Decision { decision: transferdesk_core::model::DisclosureDecision::FilePatent, decided_on: day("2026-10-08"), note: None };
    disclosure::decide(&mut store, &alice(), id, &file, seen).expect("the first decision");
    let drop = Decision { decision: transferdesk_core::model::DisclosureDecision::Drop, ..file.clone() };
    let before = dump(&store);
    let refused = disclosure::decide(&mut store, &bob(), id, &drop, seen).expect_err("the second, from the same page, is refused");
    assert_eq!(dump(&store), before, "nothing written");
    let Error::Conflict(c) = refused else { panic!("a conflict: {refused:?}") };
    assert_eq!(c.by.as_deref(), Some("app:alice"), "the decision is logged under the disclosure's number");
    assert_eq!(c.fields.iter().map(|f| f.key).collect::<Vec<_>>(), ["decision"], "same day, no note: only the decision differs");
    let now = disclosure::get(store.conn(), id, today()).expect("page");
    assert_eq!(now.disclosure.version, seen + 1, "a decision changes the disclosure's version");
    disclosure::decide(&mut store, &bob(), id, &drop, now.disclosure.version).expect("corrected at the current version");
}

fn price_publicity(store: &Store) -> Publicity {
    Publicity {
        id: None,
        version: 0,
        title: "齿轮箱诊断专利转让定价公示".into(),
        contract_kind: ContractKind::Transfer,
        organization_id: id_of(store, "SELECT id FROM organization WHERE name = ?1", "北京华能装备股份有限公司"),
        counterparty: String::new(),
        related_party: false,
        price_fen: Money(80_000_000),
        posted_on: day("2026-09-01"),
        days: 15,
        ends_on: day("2026-09-01"),
        channel: "学校官网".into(),
        resolution_id: None,
        achievements: vec!["CG001".into()],
        objections: vec![Objection {
            id: None,
            received_on: day("2026-09-03"),
            objector: "某教师".into(),
            content: "定价偏低".into(),
            outcome: Outcome::Pending,
            handling: None,
            resolved_on: None,
        }],
        contract_no: None,
    }
}

#[test]
fn a_publicity_saved_meanwhile_refuses_the_older_form() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let created = price_publicity(&store);
    let id = publicity::save(&mut store, &alice(), &created).expect("created");
    let form = Form::<Publicity> {
        // A save writes the objections anew: their row ids are no part of what a person edits.
        load: Box::new(move |s| {
            let mut p = publicity::get(s.conn(), id).expect("load");
            p.objections.iter_mut().for_each(|o| o.id = None);
            p
        }),
        save: Box::new(|s, a, f| publicity::save(s, a, f).map(drop)),
        version: |f| &mut f.version,
    };
    // Alice's save writes the objection anew (a new row id): no difference bob made, none named.
    two_people(
        &mut store,
        &form,
        |f| f.title = "齿轮箱诊断专利转让定价公示（更正）".into(),
        |f| f.channel = "校报".into(),
        &["title", "channel"],
    );
    // Whose objections differ is named too.
    let stale = (form.load)(&store);
    let mut handled = stale.clone();
    handled.objections[0].outcome = Outcome::Rejected;
    handled.objections[0].handling = Some("经复核，定价依据评估报告".into());
    handled.objections[0].resolved_on = Some(day("2026-09-10"));
    publicity::save(&mut store, &alice(), &handled).expect("handled");
    let mut other = stale;
    other.days = 20;
    match publicity::save(&mut store, &bob(), &other) {
        Err(Error::Conflict(c)) => assert_eq!(c.fields.iter().map(|f| f.key).collect::<Vec<_>>(), ["days", "objections"]),
        other => panic!("a conflict naming the days and the objections: {other:?}"),
    }
}

#[test]
fn a_resolution_saved_meanwhile_refuses_the_older_form() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let created = Resolution {
        id: None,
        version: 0,
        meeting_on: day("2026-09-01"),
        body: "校长办公会".into(),
        subject: "关于齿轮箱诊断专利转让定价的议题".into(),
        participants: "校长、分管副校长".into(),
        outcome: "同意".into(),
    };
    let id = resolution::save(&mut store, &alice(), &created).expect("created");
    let form = Form::<Resolution> {
        load: Box::new(move |s| resolution::get(s.conn(), id).expect("load")),
        save: Box::new(|s, a, f| resolution::save(s, a, f).map(drop)),
        version: |f| &mut f.version,
    };
    two_people(
        &mut store,
        &form,
        |f| f.subject = "关于齿轮箱诊断专利转让定价及公示的议题".into(),
        |f| f.outcome = "同意，公示 15 天".into(),
        &["subject", "outcome"],
    );
}

#[test]
fn a_grant_saved_meanwhile_refuses_the_older_form() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let created = Grant {
        id: None,
        version: 0,
        kind: GrantKind::UsageRight,
        share_bp: None,
        usage_from: Some(day("2025-01-01")),
        usage_until: Some(day("2035-01-01")),
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
        members: vec![Member { employee_id: "T001".into(), name: String::new(), share_bp: 10_000 }],
    };
    let id = grant::save(&mut store, &alice(), &created).expect("created");
    let form = Form::<Grant> {
        load: Box::new(move |s| grant::get(s.conn(), id).expect("load")),
        save: Box::new(|s, a, f| grant::save(s, a, f).map(drop)),
        version: |f| &mut f.version,
    };
    // Alice's note comes after bob's share in the form.
    two_people(&mut store, &form, |f| f.note = Some("使用权十年".into()), |f| f.income_team_bp = 8000, &["income_team_bp", "note"]);
}

#[test]
fn a_valuation_saved_meanwhile_refuses_the_older_form() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let created = Valuation {
        id: None,
        version: 0,
        achievement_id: Some(id_of(&store, "SELECT id FROM achievement WHERE achievement_no = ?1", "CG001")),
        contract_id: None,
        kind: ValuationKind::Appraisal,
        appraiser: "四川天健资产评估有限公司".into(),
        report_no: Some("川天健评报字〔2026〕第 0815 号".into()),
        base_on: day("2026-06-30"),
        methods: vec![ValuationMethod::Market, ValuationMethod::Income],
        value_fen: Some(Money(68_000_000)),
        low_fen: None,
        high_fen: None,
        valid_until: Some(day("2027-06-29")),
        filing_no: None,
        filed_on: None,
    };
    let id = valuation::save(&mut store, &alice(), &created).expect("created");
    let form = Form::<Valuation> {
        load: Box::new(move |s| valuation::get(s.conn(), id).expect("load")),
        save: Box::new(|s, a, f| valuation::save(s, a, f).map(drop)),
        version: |f| &mut f.version,
    };
    two_people(
        &mut store,
        &form,
        |f| f.value_fen = Some(Money(70_000_000)),
        |f| f.valid_until = Some(day("2027-06-30")),
        &["value_fen", "valid_until"],
    );
}

#[test]
fn a_policy_version_saved_meanwhile_refuses_the_older_form() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let id = policy::list(&store).expect("policies")[0].id.expect("the shipped version");
    let form = Form::<Policy> {
        load: Box::new(move |s| policy::get(s.conn(), id).expect("load")),
        save: Box::new(|s, a, f| policy::save(s, a, f).map(drop)),
        version: |f| &mut f.version,
    };
    two_people(&mut store, &form, |f| f.publicity_days = 20, |f| f.note = Some("校发〔2026〕1 号".into()), &["publicity_days", "note"]);
}

#[test]
fn the_profile_saved_meanwhile_refuses_the_older_form() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let form = Form::<Profile> {
        load: Box::new(|s| institution::load_profile(s).expect("load")),
        save: Box::new(|s, a, f| institution::save_profile(s, a, f).map(drop)),
        version: |f| &mut f.version,
    };
    two_people(
        &mut store,
        &form,
        |f| f.code = Some("12510000450000000X".into()),
        |f| f.competent_department = Some("四川省教育厅".into()),
        &["code", "competent_department"],
    );
}

#[test]
fn a_report_year_saved_meanwhile_refuses_the_older_form_even_before_its_first_save() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let form = Form::<ReportYear> {
        load: Box::new(|s| report_year::load(s, 2025).expect("load")),
        save: Box::new(|s, a, f| report_year::save(s, a, f).map(drop)),
        version: |f| &mut f.version,
    };
    assert_eq!(report_year::load(&store, 2025).expect("defaults").version, 0, "a year nobody saved");
    two_people(
        &mut store,
        &form,
        |f| f.due_on = day("2026-04-30"),
        |f| f.narrative[0] = "本年度成果转化工作稳步推进。".into(),
        &["due_on", "narrative"],
    );
}

#[test]
fn the_scoring_sheet_saved_meanwhile_refuses_the_older_one() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let form = Form::<CriteriaSheet> {
        load: Box::new(|s| assessment::sheet(s.conn()).expect("load")),
        save: Box::new(|s, a, f| assessment::save_criteria(s, a, &f.criteria, f.version)),
        version: |f| &mut f.version,
    };
    // The shipped sheet: 30%, 30%, 20%, 20% (migration 0004).
    assert_eq!(assessment::sheet(store.conn()).expect("sheet").version, 0, "never saved in Settings");
    two_people(
        &mut store,
        &form,
        |f| f.criteria.swap(0, 2),
        |f| f.criteria[1].name = format!("{}（含市场前景）", f.criteria[1].name),
        &["criteria"],
    );
}

/// A year of the holiday calendar as its settings tab edits it.
#[derive(Clone, Debug)]
struct Year {
    days: Vec<Holiday>,
    version: i64,
}

#[test]
fn a_holiday_year_saved_meanwhile_refuses_the_older_list() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let form = Form::<Year> {
        load: Box::new(|s| {
            let list = calendar::list_with_versions(s).expect("load");
            Year {
                days: list.days.into_iter().filter(|h| h.day >= day("2027-01-01") && h.day <= day("2027-12-31")).collect(),
                version: list.versions.iter().find(|v| v.year == 2027).map_or(0, |v| v.version),
            }
        }),
        save: Box::new(|s, a, f| calendar::save_year(s, a, 2027, &f.days, f.version)),
        version: |f| &mut f.version,
    };
    two_people(
        &mut store,
        &form,
        |f| f.days.push(Holiday { day: day("2027-01-01"), kind: DayKind::Rest, name: "元旦".into() }),
        |f| f.days.push(Holiday { day: day("2027-10-01"), kind: DayKind::Rest, name: "国庆节".into() }),
        &["days"],
    );
}

/// An office account of the fixture's store, created by the admin before alice and bob open it.
fn office_account(store: &mut Store) -> i64 {
    let input = AccountInput { login: "wang.office".into(), name: "王办公".into(), role: Some(Role::Office), ..AccountInput::default() };
    let admin = Actor { name: "admin".into(), at: day("2026-11-23").and_hms_opt(9, 0, 0).expect("time") };
    account::save(store, &admin, &input, Some("a long enough password")).expect("account")
}

#[test]
fn an_account_saved_meanwhile_refuses_the_older_form() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let id = office_account(&mut store);
    let form = Form::<AccountInput> {
        load: Box::new(move |s| AccountInput::from(&account::get(s.conn(), id).expect("load"))),
        save: Box::new(|s, a, f| account::save(s, a, f, None).map(drop)),
        version: |f| &mut f.version,
    };
    // Alice renames it; bob, from the older form, links it to 李四 (T002): his form still has the
    // old name, so both the name and the employee ID differ from what is stored.
    two_people(&mut store, &form, |f| f.name = "王晓".into(), |f| f.employee_id = Some("T002".into()), &["name", "employee_id"]);
}

#[test]
fn disabling_an_account_or_a_new_password_makes_an_older_form_stale() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let id = office_account(&mut store);
    let open = AccountInput::from(&account::get(store.conn(), id).expect("load"));
    assert_eq!(open.version, 1, "a new account is at version 1");

    account::set_disabled(&mut store, &alice(), id, true).expect("disabled");
    account::set_password(&mut store, &bob(), id, "another long password").expect("reset");
    assert_eq!(account::get(store.conn(), id).expect("load").version, 3, "1, then a disable and a new password: one each");

    let mut stale = open.clone();
    stale.name = "王晓".into();
    let before = dump(&store);
    match account::save(&mut store, &alice(), &stale, None) {
        Err(Error::Conflict(c)) => {
            assert_eq!(
                (c.by.as_deref(), c.at.as_deref()),
                (Some("app:bob"), Some("2026-11-23T10:20:00")),
                "the newest change: bob's reset"
            );
            assert_eq!(c.fields.iter().map(|f| f.key).collect::<Vec<_>>(), ["name"], "only the name differs from the stored form");
        }
        other => panic!("the older form is refused, got {other:?}"),
    }
    assert_eq!(dump(&store), before, "nothing written");
    sealed(&store);
}

/// Every row of the tables with edit versions, and its version.
fn versions(store: &Store) -> Vec<(String, i64, i64)> {
    let mut out = Vec::new();
    for table in [
        "achievement",
        "contract",
        "person",
        "organization",
        "disclosure",
        "publicity",
        "resolution",
        "ownership_grant",
        "valuation",
        "policy",
        "institution",
        "account",
    ] {
        let mut stmt = store.conn().prepare(&format!("SELECT id, version FROM {table} ORDER BY id")).expect("select");
        let rows = stmt.query_map([], |r| Ok((table.to_string(), r.get(0)?, r.get(1)?))).expect("rows");
        out.extend(rows.map(|r| r.expect("row")));
    }
    out
}

#[test]
fn the_import_and_the_reward_workflow_leave_the_versions_alone() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    // The import only inserts: every record it wrote is at its first version.
    let imported = versions(&store);
    assert!(imported.len() > 10, "the fixture portfolio: {imported:?}");
    assert!(imported.iter().all(|(_, _, v)| *v == 1), "{imported:?}");

    // HT2025-001 from draft to paid: the distribution's own rows change, no record with a form.
    let d = distribution::create(&mut store, &alice(), "HT2025-001", day("2025-12-31"), &[]).expect("draft");
    distribution::approve(&mut store, &alice(), d.id, &Approval { decision_on: day("2025-03-10"), ..Approval::default() })
        .expect("approved");
    distribution::publicize(&mut store, &alice(), d.id, day("2025-03-12"), None).expect("publicized");
    distribution::pay(&mut store, &alice(), d.id, day("2025-03-28")).expect("paid");
    assert_eq!(versions(&store), imported, "no version moved");

    // So a contract form opened before the workflow still saves.
    let id = id_of(&store, "SELECT id FROM contract WHERE contract_no = ?1", "HT2025-001");
    let mut form = view::get(store.conn(), id, today()).expect("contract").form;
    assert_eq!(form.version, 1);
    form.registration_no = Some("2025510100000124".into());
    edit::save(&mut store, &bob(), &form).expect("saved over the workflow");
}

#[test]
fn a_merge_makes_the_forms_it_changed_stale_and_names_its_author() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let contract = id_of(&store, "SELECT id FROM contract WHERE contract_no = ?1", "HT2025-004");
    let open = view::get(store.conn(), contract, today()).expect("contract").form;
    let achievement = id_of(&store, "SELECT id FROM achievement WHERE achievement_no = ?1", "CG002");
    let untouched = register::load(store.conn(), achievement).expect("CG002");

    // Acme GmbH, the counterparty of HT2025-004, folded into 成都蜀新科技有限公司.
    let keep = id_of(&store, "SELECT id FROM organization WHERE name = ?1", "成都蜀新科技有限公司");
    let dup = id_of(&store, "SELECT id FROM organization WHERE name = ?1", "Acme GmbH");
    organization_page::merge(&mut store, &alice(), keep, dup, "同一单位").expect("merged");

    let mut stale = open.clone();
    stale.title = "图像识别技术开发合同（补充协议）".into();
    let before = dump(&store);
    match edit::save(&mut store, &bob(), &stale) {
        Err(Error::Conflict(c)) => {
            assert_eq!((c.by.as_deref(), c.at.as_deref()), (Some("app:alice"), Some("2026-11-23T10:15:00")), "the merge, not the import");
            assert_eq!(c.fields.iter().map(|f| f.key).collect::<Vec<_>>(), ["title", "organization_id"]);
        }
        other => panic!("the merge moved the counterparty: the older form is refused, got {other:?}"),
    }
    assert_eq!(dump(&store), before, "nothing written");
    let mut form = register::load(store.conn(), achievement).expect("CG002");
    assert_eq!(form.version, untouched.version, "a record the merge did not touch keeps its version");
    form.title = untouched.title.clone();
    register::save(&mut store, &bob(), &form).expect("saved");
    assert_eq!(register::load(store.conn(), achievement).expect("CG002").version, untouched.version, "a save that changed nothing");
    sealed(&store);
}
