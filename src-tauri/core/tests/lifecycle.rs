//! Before and beside the portfolio: registering an achievement by hand, a disclosure from intake
//! through assessment and decision to the achievements it becomes, and valuations. On the
//! fixture portfolio (tests/fixtures/good: people T001 张三, T002 李四, T003 王五; CG001, CG002;
//! contracts HT2025-001 …), today being 2026-11-23.

use crate::common::{actor, dump, good_store};
use chrono::NaiveDate;
use rstest::rstest;
use transferdesk_core::deals::valuation::{self, Valuation};
use transferdesk_core::model::{
    AchievementKind, AchievementStatus, DisclosureDecision, DisclosureStatus, FundingSource, ValuationKind, ValuationMethod,
};
use transferdesk_core::portfolio::achievement::Inventor;
use transferdesk_core::portfolio::assessment::{self, AssessmentInput, Criterion, CriterionScore};
use transferdesk_core::portfolio::disclosure::{self, Decision, Disclosure, DisclosureQuery};
use transferdesk_core::portfolio::register::{self, AchievementForm, CoOwner};
use transferdesk_core::{Error, Money, Store};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn today() -> NaiveDate {
    actor().at.date()
}

fn inventor(id: &str, share_bp: i64, key: bool) -> Inventor {
    Inventor { employee_id: id.into(), share_bp, key_contributor: key }
}

/// The (field, code) of every problem of a refused input.
fn problems<T: std::fmt::Debug>(result: Result<T, Error>) -> Vec<(String, String)> {
    match result {
        Err(Error::Invalid(p)) => p.iter().map(|p| (p.column.clone(), p.kind.code().to_string())).collect(),
        other => panic!("expected field problems, got {other:?}"),
    }
}

fn refusal<T: std::fmt::Debug>(result: Result<T, Error>) -> String {
    match result {
        Err(Error::Refused { code, .. }) => code.to_string(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn field(list: &[(String, String)], name: &str) -> Vec<String> {
    list.iter().filter(|(f, _)| f == name).map(|(_, c)| c.clone()).collect()
}

fn audit_count(store: &Store) -> i64 {
    store.conn().query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).expect("count")
}

/// An invention patent with a valid application number (202310987654: Σ digit × weight = 249,
/// 249 mod 11 = 7).
fn patent_form() -> AchievementForm {
    AchievementForm {
        id: None,
        version: 0,
        achievement_no: "CG2026-901".into(),
        title: "一种高熵合金涂层及其制备方法".into(),
        kind: AchievementKind::InventionPatent,
        application_no: Some("CN 202310987654.7".into()),
        filed_on: Some(day("2023-03-15")),
        grant_no: None,
        granted_on: None,
        status: AchievementStatus::Pending,
        department: "材料科学与工程学院".into(),
        fiscal_project: Some("国家自然科学基金 52271001".into()),
        fees_paid_through: None,
        inventors: vec![inventor("T003", 6000, true), inventor("T001", 4000, false)],
        co_owners: Vec::new(),
        open_license: false,
        separate_management: true,
        disclosure_id: None,
    }
}

fn organization_id(store: &Store, name: &str) -> i64 {
    store.conn().query_row("SELECT id FROM organization WHERE name = ?1", [name], |r| r.get(0)).expect("organization")
}

#[test]
fn an_achievement_is_registered_and_edited_from_the_form() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let mut form = patent_form();
    form.co_owners =
        vec![CoOwner {
            organization_id: organization_id(&store, "成都蜀新科技有限公司"), name: String::new(), fee_reduction: true
        }];
    let audited = audit_count(&store);
    let id = register::save(&mut store, &actor(), &form).expect("a clean form is saved");
    assert_eq!(audit_count(&store), audited + 3, "one entry each for the achievement, its inventors and its co-owners");

    let saved = register::load(store.conn(), id).expect("load");
    assert_eq!(saved.application_no.as_deref(), Some("202310987654.7"), "the CN prefix and space are normalized away");
    assert_eq!(saved.inventors, form.inventors, "inventors in order with shares and key marks");
    assert_eq!(saved.co_owners.len(), 1);
    assert_eq!(saved.co_owners[0].name, "成都蜀新科技有限公司");
    assert!(saved.separate_management && !saved.open_license);
    let extras = register::extras(store.conn(), id).expect("extras");
    assert!(extras.disclosure.is_none(), "registered by hand: no disclosure");

    // Editing keeps its own number and application number (not duplicates of themselves).
    let mut edit = saved.clone();
    edit.inventors = vec![inventor("T003", 5000, true), inventor("T001", 3000, false), inventor("T002", 2000, false)];
    edit.status = AchievementStatus::InForce;
    edit.granted_on = Some(day("2025-06-10"));
    edit.grant_no = Some("ZL202310987654.7".into());
    let audited = audit_count(&store);
    assert_eq!(register::save(&mut store, &actor(), &edit).expect("edited"), id);
    assert_eq!(audit_count(&store), audited + 2, "the achievement and its inventors changed; the co-owners did not");
    let again = register::load(store.conn(), id).expect("reload");
    assert_eq!(again.inventors.iter().map(|i| i.share_bp).collect::<Vec<_>>(), [5000, 3000, 2000]);
    assert_eq!(again.status, AchievementStatus::InForce);
    let (before, after): (String, String) = store
        .conn()
        .query_row("SELECT before, after FROM audit_log WHERE entity = 'inventor' ORDER BY id DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("inventor entry");
    assert!(before.contains("6000") && after.contains("T002"), "the inventor entry holds the list before and after");
}

#[test]
fn a_bad_form_names_every_field_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let untouched = dump(&store);

    // Shares 60 + 30 = 90%, a check digit that should be 7, a grant before the filing.
    let mut bad = patent_form();
    bad.inventors = vec![inventor("T003", 6000, true), inventor("T001", 3000, false)];
    bad.application_no = Some("202310987654.X".into());
    bad.granted_on = Some(day("2022-01-01"));
    let found = problems(register::save(&mut store, &actor(), &bad));
    assert_eq!(field(&found, "inventors"), ["shares_not_100"], "the shares' field is named: {found:?}");
    assert_eq!(field(&found, "application_no"), ["bad_check_digit"]);
    assert_eq!(field(&found, "granted_on"), ["date_order"]);

    // A patent without its number and date; an unknown person; an unknown co-owner; a repeated inventor.
    let mut bad = patent_form();
    bad.application_no = None;
    bad.filed_on = None;
    bad.title = "  ".into();
    bad.inventors = vec![inventor("T003", 5000, true), inventor("X999", 5000, false)];
    bad.co_owners = vec![CoOwner { organization_id: 999_999, name: String::new(), fee_reduction: false }];
    let found = problems(register::save(&mut store, &actor(), &bad));
    assert_eq!(field(&found, "application_no"), ["required_for_kind"]);
    assert_eq!(field(&found, "filed_on"), ["required_for_kind"]);
    assert_eq!(field(&found, "title"), ["required"]);
    assert_eq!(field(&found, "co_owners"), ["unknown_reference"]);
    let mut twice = patent_form();
    twice.inventors = vec![inventor("T003", 5000, true), inventor("T003", 5000, false)];
    assert_eq!(field(&problems(register::save(&mut store, &actor(), &twice)), "inventors"), ["repeated_entry"]);

    // Fees paid through only for patents, and within 1–20.
    let mut secret = patent_form();
    secret.kind = AchievementKind::KnowHow;
    secret.application_no = None;
    secret.fees_paid_through = Some(3);
    assert_eq!(field(&problems(register::save(&mut store, &actor(), &secret)), "fees_paid_through"), ["not_allowed_for_kind"]);
    assert_eq!(dump(&store), untouched, "nothing was written by any refused form");

    // Duplicates of another achievement's numbers.
    register::save(&mut store, &actor(), &patent_form()).expect("first");
    let after_first = dump(&store);
    let found = problems(register::save(&mut store, &actor(), &patent_form()));
    assert_eq!(field(&found, "achievement_no"), ["duplicate_in_database"]);
    assert_eq!(field(&found, "application_no"), ["duplicate_in_database"]);
    let mut clash = patent_form();
    clash.achievement_no = "CG001".into();
    clash.application_no = Some("202410456789.5".into());
    assert_eq!(
        problems(register::save(&mut store, &actor(), &clash)),
        [("achievement_no".to_string(), "duplicate_in_database".to_string())]
    );
    assert_eq!(dump(&store), after_first, "a duplicate writes nothing");
}

fn intake() -> Disclosure {
    Disclosure {
        id: None,
        version: 0,
        disclosure_no: "PL2026-001".into(),
        title: "一种钠离子电池硬碳负极材料".into(),
        department: "材料科学与工程学院".into(),
        funding_source: FundingSource::Fiscal,
        fiscal_project: Some("国家重点研发计划 2024YFB001".into()),
        description: "以生物质为前驱体，两步碳化得到硬碳负极，首效 90% 以上。".into(),
        prior_art: None,
        intended_protection: AchievementKind::InventionPatent,
        confidential: true,
        received_on: day("2026-08-03"),
        inventors: vec![inventor("T003", 7000, true), inventor("T002", 3000, false)],
    }
}

#[test]
fn a_disclosure_intake_is_validated_by_field() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    assert_eq!(disclosure::next_number(store.conn(), 2026).expect("next"), "PL2026-001");
    let untouched = dump(&store);

    let mut bad = intake();
    bad.fiscal_project = None;
    bad.received_on = day("2026-11-24");
    bad.inventors = vec![inventor("T003", 7000, true), inventor("T002", 2000, false)];
    bad.description = String::new();
    let found = problems(disclosure::save(&mut store, &actor(), &bad));
    assert_eq!(field(&found, "fiscal_project"), ["required_for_kind"], "fiscal funding needs its project number");
    assert_eq!(field(&found, "received_on"), ["date_in_future"], "received tomorrow is refused");
    assert_eq!(field(&found, "inventors"), ["shares_not_100"]);
    assert_eq!(field(&found, "description"), ["required"]);

    let mut own = intake();
    own.funding_source = FundingSource::Own;
    own.inventors = vec![inventor("NOBODY", 10_000, true)];
    let found = problems(disclosure::save(&mut store, &actor(), &own));
    assert_eq!(field(&found, "fiscal_project"), ["not_allowed_for_kind"], "self-funded work has no fiscal project");
    assert_eq!(field(&found, "inventors"), ["unknown_reference"]);
    let mut nobody = intake();
    nobody.inventors = Vec::new();
    assert_eq!(field(&problems(disclosure::save(&mut store, &actor(), &nobody)), "inventors"), ["required"]);
    assert_eq!(dump(&store), untouched, "nothing written");

    let id = disclosure::save(&mut store, &actor(), &intake()).expect("saved");
    assert_eq!(disclosure::next_number(store.conn(), 2026).expect("next"), "PL2026-002", "numbers follow the highest of the year");
    let mut dup = intake();
    dup.title = "另一项".into();
    assert_eq!(field(&problems(disclosure::save(&mut store, &actor(), &dup)), "disclosure_no"), ["duplicate_in_database"]);
    let detail = disclosure::get(store.conn(), id, today()).expect("detail");
    assert_eq!(detail.status, DisclosureStatus::Received);
    assert_eq!(detail.inventors.iter().map(|i| i.name.as_str()).collect::<Vec<_>>(), ["王五", "李四"]);
    // 2026-08-03 → 2026-11-23: 28 (rest of August) + 30 + 31 + 23 = 112 days, over the 60 allowed.
    assert_eq!(detail.age_days, 112);
    assert!(detail.overdue);
    let mut edit = detail.disclosure.clone();
    edit.title = "一种钠离子电池硬碳负极材料及其制备方法".into();
    disclosure::save(&mut store, &actor(), &edit).expect("edited before the decision");
}

fn scores(values: &[i64]) -> Vec<CriterionScore> {
    ["技术先进性", "市场前景", "可专利性与保护范围", "转化可行性"]
        .iter()
        .zip(values)
        .map(|(c, s)| CriterionScore { criterion: (*c).into(), score: *s })
        .collect()
}

fn assessment_of(id: i64, on: &str, values: &[i64]) -> AssessmentInput {
    AssessmentInput {
        disclosure_id: id,
        assessed_on: day(on),
        reviewer: "校知识产权评估小组".into(),
        scores: scores(values),
        recommendation: DisclosureDecision::FilePatent,
        note: Some("建议尽快申请发明专利".into()),
    }
}

#[test]
fn an_assessment_scores_the_sheet_and_the_weighted_score_is_exact() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let id = disclosure::save(&mut store, &actor(), &intake()).expect("saved");
    // The shipped sheet: 30% / 30% / 20% / 20%.
    let sheet = assessment::criteria(store.conn()).expect("sheet");
    assert_eq!(sheet.iter().map(|c| c.weight_bp).collect::<Vec<_>>(), [3000, 3000, 2000, 2000]);

    // 85 × 30% + 78 × 30% + 91 × 20% + 66 × 20% = 25.5 + 23.4 + 18.2 + 13.2 = 80.3.
    assessment::add(&mut store, &actor(), &assessment_of(id, "2026-09-10", &[85, 78, 91, 66])).expect("assessed");
    let detail = disclosure::get(store.conn(), id, today()).expect("detail");
    assert_eq!(detail.status, DisclosureStatus::Assessed);
    assert_eq!(detail.assessments[0].weighted_score_x10, 803);

    let untouched = dump(&store);
    let found = problems(assessment::add(&mut store, &actor(), &assessment_of(id, "2026-08-02", &[85, 101, 91])));
    assert_eq!(field(&found, "assessed_on"), ["date_order"], "an assessment before the receipt");
    assert_eq!(field(&found, "scores[1]"), ["bad_integer"], "101 is above the top score");
    assert_eq!(field(&found, "scores[3]"), ["required"], "every criterion needs a score");
    assert_eq!(dump(&store), untouched);

    // A new sheet does not rewrite the past assessment, which keeps its own weights.
    let new_sheet = vec![Criterion { name: "技术先进性".into(), weight_bp: 5000 }, Criterion { name: "市场前景".into(), weight_bp: 5000 }];
    {
        let v = assessment::sheet(store.conn()).expect("sheet").version;
        assessment::save_criteria(&mut store, &actor(), &new_sheet, v)
    }
    .expect("new sheet");
    let kept = disclosure::get(store.conn(), id, today()).expect("detail").assessments.remove(0);
    assert_eq!(kept.scores.len(), 4);
    assert_eq!(kept.weighted_score_x10, 803);
    let bad_sheet =
        vec![Criterion { name: "技术先进性".into(), weight_bp: 5000 }, Criterion { name: "技术先进性".into(), weight_bp: 4000 }];
    let found = problems({
        let v = assessment::sheet(store.conn()).expect("sheet").version;
        assessment::save_criteria(&mut store, &actor(), &bad_sheet, v)
    });
    assert_eq!(field(&found, "criteria[1]"), ["repeated_entry"]);
    assert_eq!(field(&found, "criteria"), ["parts_not_100"], "90% in all");
}

#[test]
fn a_decided_disclosure_becomes_an_achievement_linked_both_ways() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let id = disclosure::save(&mut store, &actor(), &intake()).expect("saved");
    assert_eq!(refusal(register::conversion_form(store.conn(), id)), "disclosure_not_decided");
    let mut early = patent_form();
    early.disclosure_id = Some(id);
    assert_eq!(refusal(register::save(&mut store, &actor(), &early)), "disclosure_not_decided", "the form refuses the link too");

    let before_receipt = Decision { decision: DisclosureDecision::FilePatent, decided_on: day("2026-08-01"), note: None };
    assert_eq!(
        field(
            &problems({
                let v = now(&store, id);
                disclosure::decide(&mut store, &actor(), id, &before_receipt, v)
            }),
            "decided_on"
        ),
        ["date_order"]
    );
    let tomorrow = Decision { decided_on: day("2026-11-24"), ..before_receipt.clone() };
    assert_eq!(
        field(
            &problems({
                let v = now(&store, id);
                disclosure::decide(&mut store, &actor(), id, &tomorrow, v)
            }),
            "decided_on"
        ),
        ["date_in_future"]
    );

    let drop = Decision { decision: DisclosureDecision::Drop, decided_on: day("2026-09-20"), note: Some("新颖性不足".into()) };
    {
        let v = now(&store, id);
        disclosure::decide(&mut store, &actor(), id, &drop, v)
    }
    .expect("dropped");
    assert_eq!(disclosure::get(store.conn(), id, today()).expect("detail").status, DisclosureStatus::Dropped);
    assert_eq!(refusal(register::conversion_form(store.conn(), id)), "disclosure_dropped");
    assert_eq!(refusal(disclosure::save(&mut store, &actor(), &intake_with_id(id))), "disclosure_decided", "no edit after the decision");

    // Reconsidered: keep it as a technical secret.
    let keep = Decision { decision: DisclosureDecision::KeepSecret, decided_on: day("2026-10-08"), note: None };
    {
        let v = now(&store, id);
        disclosure::decide(&mut store, &actor(), id, &keep, v)
    }
    .expect("re-decided before any achievement");
    let detail = disclosure::get(store.conn(), id, today()).expect("detail");
    assert_eq!(detail.status, DisclosureStatus::Decided);
    // 2026-08-03 → 2026-10-08: 28 + 30 + 8 = 66 days (counted to the decision, not to today).
    assert_eq!(detail.age_days, 66);
    assert!(!detail.overdue, "decided: no longer waiting");

    let mut form = register::conversion_form(store.conn(), id).expect("prefilled");
    assert_eq!(form.kind, AchievementKind::KnowHow, "kept secret → 技术秘密");
    assert_eq!(form.title, intake().title);
    assert_eq!(form.department, "材料科学与工程学院");
    assert_eq!(form.fiscal_project, intake().fiscal_project);
    assert_eq!(form.inventors, intake().inventors);
    assert_eq!(form.disclosure_id, Some(id));
    form.achievement_no = "JM2026-001".into();
    let achievement = register::save(&mut store, &actor(), &form).expect("converted");

    let detail = disclosure::get(store.conn(), id, today()).expect("detail");
    assert_eq!(detail.status, DisclosureStatus::Converted);
    assert_eq!(detail.achievements.iter().map(|a| a.achievement_no.as_str()).collect::<Vec<_>>(), ["JM2026-001"]);
    let back = register::extras(store.conn(), achievement).expect("extras").disclosure.expect("linked back");
    assert_eq!((back.id, back.disclosure_no.as_str()), (id, "PL2026-001"));
    assert_eq!(
        refusal({
            let v = now(&store, id);
            disclosure::decide(&mut store, &actor(), id, &keep, v)
        }),
        "disclosure_converted"
    );

    // A second achievement from the same disclosure is allowed.
    let mut second = register::conversion_form(store.conn(), id).expect("again");
    second.achievement_no = "JM2026-002".into();
    second.title = "硬碳负极材料的碳化工艺参数".into();
    register::save(&mut store, &actor(), &second).expect("a second achievement");
    assert_eq!(disclosure::get(store.conn(), id, today()).expect("detail").achievements.len(), 2);
}

fn intake_with_id(id: i64) -> Disclosure {
    Disclosure { id: Some(id), ..intake() }
}

/// The disclosure's version now (what its page would send back).
fn now(store: &Store, id: i64) -> i64 {
    disclosure::get(store.conn(), id, today()).expect("disclosure").disclosure.version
}

#[test]
fn the_list_filters_by_status_and_flags_old_undecided_disclosures() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let old = disclosure::save(&mut store, &actor(), &intake()).expect("old");
    let recent = Disclosure {
        disclosure_no: "PL2026-002".into(),
        title: "基于知识图谱的专利检索方法".into(),
        department: "计算机学院".into(),
        funding_source: FundingSource::Enterprise,
        fiscal_project: None,
        received_on: day("2026-10-30"),
        inventors: vec![inventor("T001", 10_000, true)],
        ..intake()
    };
    disclosure::save(&mut store, &actor(), &recent).expect("recent");
    let decided = Disclosure { disclosure_no: "PL2025-007".into(), received_on: day("2025-12-01"), ..intake() };
    let decided = disclosure::save(&mut store, &actor(), &decided).expect("decided");
    let file = Decision { decision: DisclosureDecision::FilePatent, decided_on: day("2026-01-15"), note: None };
    {
        let v = now(&store, decided);
        disclosure::decide(&mut store, &actor(), decided, &file, v)
    }
    .expect("decide");

    let query = DisclosureQuery { page: 1, page_size: 50, ..Default::default() };
    let all = disclosure::list(store.conn(), &query, today()).expect("all");
    assert_eq!(all.rows.iter().map(|r| r.disclosure_no.as_str()).collect::<Vec<_>>(), ["PL2026-002", "PL2026-001", "PL2025-007"]);
    // 2026-10-30 → 11-23: 24 days; 2026-08-03 → 11-23: 112 (flagged); 2025-12-01 → 2026-01-15: 45.
    assert_eq!(all.rows.iter().map(|r| (r.age_days, r.overdue)).collect::<Vec<_>>(), [(24, false), (112, true), (45, false)]);
    assert_eq!(all.rows[0].inventors, "张三*");

    let only = |status| {
        disclosure::list(store.conn(), &DisclosureQuery { status: Some(status), ..query.clone() }, today())
            .expect("filtered")
            .rows
            .into_iter()
            .map(|r| r.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(only(DisclosureStatus::Decided), [decided]);
    assert_eq!(only(DisclosureStatus::Received).len(), 2);
    assert!(only(DisclosureStatus::Converted).is_empty());
    let by_year = disclosure::list(store.conn(), &DisclosureQuery { year: Some(2025), ..query.clone() }, today()).expect("year");
    assert_eq!(by_year.total, 1);
    let by_name =
        disclosure::list(store.conn(), &DisclosureQuery { search: Some("王五".into()), ..query.clone() }, today()).expect("search");
    assert_eq!(by_name.rows.iter().map(|r| r.id).collect::<Vec<_>>(), [old, decided], "an inventor's name finds their disclosures");
    let by_dep =
        disclosure::list(store.conn(), &DisclosureQuery { department: Some("计算机学院".into()), ..query.clone() }, today()).expect("dep");
    assert_eq!(by_dep.total, 1);
}

fn appraisal(achievement_id: i64) -> Valuation {
    Valuation {
        id: None,
        version: 0,
        achievement_id: Some(achievement_id),
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
    }
}

fn cg001(store: &Store) -> i64 {
    store.conn().query_row("SELECT id FROM achievement WHERE achievement_no = 'CG001'", [], |r| r.get(0)).expect("CG001")
}

#[rstest]
// An appraisal report uses at least two methods (docs/rules/publicity.md "Valuations").
#[case::one_method_appraisal(|v: &mut Valuation| v.methods = vec![ValuationMethod::Income], "methods", "too_few")]
#[case::no_method(|v: &mut Valuation| v.methods.clear(), "methods", "required")]
#[case::same_method_twice(|v: &mut Valuation| v.methods = vec![ValuationMethod::Cost, ValuationMethod::Cost, ValuationMethod::Income], "methods", "repeated_entry")]
#[case::range_upside_down(|v: &mut Valuation| { v.value_fen = None; v.low_fen = Some(Money(50_000_000)); v.high_fen = Some(Money(40_000_000)); }, "high_fen", "amount_order")]
#[case::half_a_range(|v: &mut Valuation| { v.value_fen = None; v.low_fen = Some(Money(50_000_000)); }, "high_fen", "required")]
#[case::value_and_range(|v: &mut Valuation| { v.low_fen = Some(Money(1)); v.high_fen = Some(Money(2)); }, "value_fen", "not_allowed_for_kind")]
#[case::no_value(|v: &mut Valuation| v.value_fen = None, "value_fen", "required")]
#[case::negative(|v: &mut Valuation| v.value_fen = Some(Money(-1)), "value_fen", "bad_amount")]
#[case::valid_before_base(|v: &mut Valuation| v.valid_until = Some(day("2026-06-29")), "valid_until", "date_order")]
#[case::filed_without_number(|v: &mut Valuation| v.filed_on = Some(day("2026-07-15")), "filing_no", "required_for_kind")]
#[case::appraisal_without_report(|v: &mut Valuation| v.report_no = None, "report_no", "required_for_kind")]
#[case::nothing_valued(|v: &mut Valuation| v.achievement_id = None, "achievement_id", "required")]
fn a_bad_valuation_is_refused_by_field(#[case] spoil: fn(&mut Valuation), #[case] name: &str, #[case] code: &str) {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let mut v = appraisal(cg001(&store));
    spoil(&mut v);
    let untouched = dump(&store);
    let found = problems(valuation::save(&mut store, &actor(), &v));
    assert_eq!(field(&found, name), [code], "{found:?}");
    assert_eq!(dump(&store), untouched, "nothing written");
}

#[test]
fn valuations_of_an_achievement_and_of_a_contract() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let achievement = cg001(&store);
    let id = valuation::save(&mut store, &actor(), &appraisal(achievement)).expect("appraisal with two methods");
    let saved = valuation::get(store.conn(), id).expect("saved");
    assert_eq!(saved.methods, [ValuationMethod::Income, ValuationMethod::Market], "methods kept in the order income, market, cost");

    // An internal assessment may use one method and give a range; the range's ends may meet.
    let contract: i64 =
        store.conn().query_row("SELECT id FROM contract WHERE contract_no = 'HT2025-002'", [], |r| r.get(0)).expect("contract");
    let internal = Valuation {
        kind: ValuationKind::Internal,
        achievement_id: None,
        contract_id: Some(contract),
        report_no: None,
        methods: vec![ValuationMethod::Cost],
        value_fen: None,
        low_fen: Some(Money(100_000_000)),
        high_fen: Some(Money(100_000_000)),
        valid_until: None,
        ..appraisal(achievement)
    };
    let internal = valuation::save(&mut store, &actor(), &internal).expect("internal");
    assert_eq!(valuation::list_for(store.conn(), Some(achievement), None).expect("by achievement").len(), 1);
    assert_eq!(valuation::list_for(store.conn(), None, Some(contract)).expect("by contract")[0].id, Some(internal));

    let mut edit = saved.clone();
    edit.filing_no = Some("川财资备〔2026〕12号".into());
    edit.filed_on = Some(day("2026-07-20"));
    valuation::save(&mut store, &actor(), &edit).expect("filing recorded");
    assert_eq!(valuation::get(store.conn(), id).expect("again").filed_on, Some(day("2026-07-20")));
    valuation::delete(&mut store, &actor(), id).expect("deleted");
    assert!(valuation::list_for(store.conn(), Some(achievement), None).expect("none").is_empty());
    let entries: i64 =
        store.conn().query_row("SELECT count(*) FROM audit_log WHERE entity = 'valuation'", [], |r| r.get(0)).expect("entries");
    assert_eq!(entries, 4, "insert, insert, update, delete");
}
