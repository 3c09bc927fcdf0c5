//! The inventors' side on the fixture portfolio (tests/fixtures/good: T001 张三 and T002 李四 of
//! 计算机学院, T003 王五 of 材料科学与工程学院; CG001 with T001*/T002/T003 50/30/20; HT2025-001 a
//! registered license of CG001, 500,000.00 received, 15,000.00 costs), today being 2026-11-23:
//! a disclosure from draft to the office and back, the scoping that keeps one inventor out of
//! another's records, fee questions, objections, and the notifications each step leaves.

use crate::common::{actor, good_store};
use chrono::NaiveDate;
use transferdesk_core::access::account::{self, Account, AccountInput};
use transferdesk_core::access::Role;
use transferdesk_core::deals::publicity::Outcome;
use transferdesk_core::fees::docket::{self, FeeDecisionInput, FeeDecisionKind};
use transferdesk_core::inventor::disclosure::{self as mine, DisclosureForm, MyStage};
use transferdesk_core::inventor::portfolio::{self, FeeAnswerKind, FeeQuestionInput};
use transferdesk_core::inventor::publicity::{self, ObjectionInput, PublicityKind};
use transferdesk_core::inventor::{directory, rewards};
use transferdesk_core::model::{AchievementKind, FundingSource};
use transferdesk_core::notification::{self, NotificationKind};
use transferdesk_core::portfolio::achievement::Inventor;
use transferdesk_core::portfolio::disclosure::{self, DisclosureQuery, DisclosureStage};
use transferdesk_core::rewards::distribution::{self, Approval};
use transferdesk_core::rewards::objection::{self, Handling};
use transferdesk_core::{Actor, Error, Money, Store};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn on(text: &str) -> Actor {
    Actor { name: "test".into(), at: day(text).and_hms_opt(10, 0, 0).expect("time") }
}

fn code<T: std::fmt::Debug>(result: Result<T, Error>) -> String {
    match result {
        Err(e) => e.code().to_string(),
        Ok(v) => panic!("expected a refusal, got {v:?}"),
    }
}

fn fields<T: std::fmt::Debug>(result: Result<T, Error>) -> Vec<String> {
    match result {
        Err(Error::Invalid(p)) => p.iter().map(|p| p.column.clone()).collect(),
        other => panic!("expected field problems, got {other:?}"),
    }
}

fn count(store: &Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |r| r.get(0)).expect("count")
}

/// An account of `role` (an inventor tied to `employee_id`).
fn account(store: &mut Store, login: &str, role: Role, employee_id: Option<&str>) -> Account {
    let input = AccountInput {
        id: None,
        login: login.into(),
        name: login.into(),
        role: Some(role),
        department: None,
        employee_id: employee_id.map(Into::into),
        email: None,
        version: 0,
    };
    let id = account::save(store, &actor(), &input, Some("a long enough password 2026")).expect("account");
    account::get(store.conn(), id).expect("saved account")
}

fn form(inventors: Vec<Inventor>) -> DisclosureForm {
    DisclosureForm {
        title: "一种低温固态电解质".into(),
        department: "计算机学院".into(),
        funding_source: Some(FundingSource::Own),
        description: "在零下二十度保持离子电导率的电解质配方。".into(),
        intended_protection: Some(AchievementKind::InventionPatent),
        inventors,
        ..DisclosureForm::default()
    }
}

fn inventor(id: &str, share_bp: i64) -> Inventor {
    Inventor { employee_id: id.into(), share_bp, key_contributor: share_bp >= 5000 }
}

/// The kinds of an account's notifications, newest first.
fn told(store: &Store, account: &Account) -> Vec<NotificationKind> {
    notification::inbox(store.conn(), account, 50).expect("inbox").items.iter().map(|n| n.kind).collect()
}

#[test]
fn a_disclosure_goes_from_draft_to_the_office_back_to_its_author_and_again() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let office = account(&mut store, "office", Role::Office, None);
    let zhang = account(&mut store, "zhang", Role::Inventor, Some("T001"));
    let li = account(&mut store, "li", Role::Inventor, Some("T002"));

    // A draft may be half done: no funding, no protection, no inventor yet.
    let half = DisclosureForm { title: "半成品".into(), ..DisclosureForm::default() };
    let draft = mine::save_draft(&mut store, &actor(), "T001", &half).expect("draft");
    let listed = mine::mine(store.conn(), "T001", actor().at.date()).expect("mine");
    assert_eq!(listed.iter().map(|d| (d.stage, d.title.as_str())).collect::<Vec<_>>(), [(MyStage::Draft, "半成品")]);
    assert!(mine::mine(store.conn(), "T002", actor().at.date()).expect("li").is_empty(), "a draft is its author's alone");
    assert_eq!(code(mine::draft(store.conn(), "T002", draft)), "not_found", "another inventor cannot open it by id");

    // Submitting it as it is names every missing field and writes nothing.
    let before = count(&store, "SELECT count(*) FROM disclosure");
    let half = DisclosureForm { id: Some(draft), version: 1, ..half };
    let missing = fields(mine::submit(&mut store, &actor(), "T001", &half, &[]));
    for field in ["funding_source", "intended_protection", "description", "department", "inventors"] {
        assert!(missing.contains(&field.to_string()), "{field} is named: {missing:?}");
    }
    // Shares 60 + 30 = 90, not 100.
    let short = DisclosureForm { id: Some(draft), version: 1, ..form(vec![inventor("T001", 6000), inventor("T002", 3000)]) };
    assert_eq!(fields(mine::submit(&mut store, &actor(), "T001", &short, &[])), ["inventors"]);
    // The author must be among the inventors.
    let without_me = DisclosureForm { id: Some(draft), version: 1, ..form(vec![inventor("T002", 10000)]) };
    assert_eq!(fields(mine::submit(&mut store, &actor(), "T001", &without_me, &[])), ["inventors"]);
    assert_eq!(count(&store, "SELECT count(*) FROM disclosure"), before, "nothing written");

    // Complete: 70 + 30. It becomes the first disclosure of 2026, received today, authored by 张三.
    let whole = DisclosureForm { id: Some(draft), version: 1, ..form(vec![inventor("T001", 7000), inventor("T002", 3000)]) };
    let id = mine::submit(&mut store, &actor(), "T001", &whole, &[]).expect("submitted");
    assert_eq!(count(&store, "SELECT count(*) FROM disclosure_draft"), 0, "the draft went");
    let page = disclosure::list(store.conn(), &DisclosureQuery { page: 1, page_size: 50, ..DisclosureQuery::default() }, actor().at.date())
        .expect("office list");
    let row = page.rows.iter().find(|r| r.id == id).expect("in the office's intake");
    assert_eq!((row.disclosure_no.as_str(), row.author.as_deref(), row.stage), ("PL2026-001", Some("张三"), DisclosureStage::Submitted));
    assert_eq!(row.received_on, day("2026-11-23"));
    assert_eq!(told(&store, &office), [NotificationKind::DisclosureSubmitted]);

    // The co-inventor sees it too, read-only; the author alone may resubmit.
    let li_sees = mine::mine(store.conn(), "T002", actor().at.date()).expect("li");
    assert_eq!(li_sees.iter().map(|d| (d.id, d.authored)).collect::<Vec<_>>(), [(Some(id), false)]);

    // Sent back with a note; only from the office's hands, only with its version.
    let version = disclosure::get(store.conn(), id, actor().at.date()).expect("detail").disclosure.version;
    assert_eq!(code(disclosure::send_back(&mut store, &actor(), id, "请补充现有技术", version + 5)), "disclosure_changed");
    disclosure::send_back(&mut store, &actor(), id, "请补充现有技术", version).expect("sent back");
    assert_eq!(code(disclosure::send_back(&mut store, &actor(), id, "again", version + 1)), "disclosure_not_returnable");
    assert_eq!(told(&store, &zhang), [NotificationKind::DisclosureReturned]);
    assert!(told(&store, &li).is_empty(), "the note goes to the author");
    let returned = mine::detail(store.conn(), "T001", id, actor().at.date()).expect("detail");
    assert_eq!((returned.stage, returned.returned_note.as_deref()), (DisclosureStage::Returned, Some("请补充现有技术")));

    // The co-inventor cannot resubmit it; the author can, changed.
    let mut again = DisclosureForm { id: Some(id), version: returned.disclosure.version, ..whole.clone() };
    again.prior_art = Some("现有电解质在零下失效。".into());
    assert_eq!(code(mine::resubmit(&mut store, &actor(), "T002", id, &again, &[])), "not_found");
    mine::resubmit(&mut store, &actor(), "T001", id, &again, &[]).expect("resubmitted");
    assert_eq!(code(mine::resubmit(&mut store, &actor(), "T001", id, &again, &[])), "disclosure_not_returned");
    let back = disclosure::get(store.conn(), id, actor().at.date()).expect("office detail");
    assert_eq!((back.stage, back.disclosure.prior_art.as_deref()), (DisclosureStage::Submitted, Some("现有电解质在零下失效。")));
    assert_eq!(back.disclosure.disclosure_no, "PL2026-001", "the number stays");
    assert_eq!(told(&store, &office), [NotificationKind::DisclosureSubmitted, NotificationKind::DisclosureSubmitted]);

    // An inventor of another disclosure cannot reach it by id, by list, or by the office's search.
    assert_eq!(code(mine::detail(store.conn(), "T003", id, actor().at.date())), "not_found");
    assert!(mine::mine(store.conn(), "T003", actor().at.date()).expect("wang").is_empty());
}

#[test]
fn an_inventor_sees_only_their_own_lines_and_colleagues_without_personal_data() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let d = distribution::create(&mut store, &actor(), "HT2025-001", day("2025-12-31"), &[]).expect("draft");
    assert!(rewards::mine(store.conn(), "T001").expect("draft hidden").is_empty(), "a draft is the office's");
    distribution::approve(&mut store, &actor(), d.id, &Approval { decision_on: day("2026-11-19"), ..Approval::default() })
        .expect("approved");

    // HT2025-001: 500,000.00 − 15,000.00 = 485,000.00 × 70% = 339,500.00 × 50% = 169,750.00 for 张三,
    // half taxable (a registered license): 84,875.00.
    let lines = rewards::mine(store.conn(), "T001").expect("zhang");
    assert_eq!(lines.len(), 1);
    assert_eq!((lines[0].amount_fen, lines[0].taxable_fen), (Some(Money(16_975_000)), Some(Money(8_487_500))));
    // 李四: × 30% = 101,850.00 — his own line, never 张三's.
    let li = rewards::mine(store.conn(), "T002").expect("li");
    assert_eq!(li.iter().map(|l| l.amount_fen).collect::<Vec<_>>(), [Some(Money(10_185_000))]);
    // 赵六 has no line: nothing, and his statement of it is not found.
    assert!(rewards::mine(store.conn(), "T004").expect("zhao").is_empty());
    assert_eq!(code(rewards::check_mine(store.conn(), "T004", d.id)), "not_found");
    rewards::check_mine(store.conn(), "T002", d.id).expect("li's own");

    // The directory finds colleagues by name or ID and carries no ID number.
    let found = directory::search(store.conn(), "张").expect("search");
    assert_eq!(found.iter().map(|c| c.employee_id.as_str()).collect::<Vec<_>>(), ["T001"]);
    let json = serde_json::to_string(&found).expect("json");
    assert!(!json.contains("510107198001010013"), "no ID number: {json}");
    assert!(directory::search(store.conn(), " ").expect("blank").is_empty(), "never listed whole");
}

#[test]
fn the_office_asks_whether_to_keep_a_patent_and_the_decision_records_the_answers_day() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let office = account(&mut store, "office", Role::Office, None);
    let zhang = account(&mut store, "zhang", Role::Inventor, Some("T001"));
    let in_force: String = store
        .conn()
        .query_row(
            "SELECT achievement_no FROM achievement WHERE status = 'in_force' AND kind = 'invention_patent'
               AND id IN (SELECT achievement_id FROM inventor WHERE person_id = (SELECT id FROM person WHERE employee_id = 'T001'))
             ORDER BY achievement_no LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("a patent in force of 张三");
    let ask = FeeQuestionInput {
        achievement_no: in_force.clone(),
        question: "转化前景有限，是否继续缴纳年费？".into(),
        answer_by: day("2026-12-10"),
    };
    assert_eq!(
        fields(portfolio::ask(&mut store, &actor(), &FeeQuestionInput { answer_by: day("2026-11-01"), ..ask.clone() })),
        ["answer_by"]
    );
    let q = portfolio::ask(&mut store, &actor(), &ask).expect("asked");
    assert_eq!(code(portfolio::ask(&mut store, &actor(), &ask)), "fee_question_open");
    assert_eq!(told(&store, &zhang), [NotificationKind::FeeQuestion]);

    let mine = portfolio::mine(&store, "T001", actor().at.date()).expect("zhang's");
    let line = mine.iter().find(|a| a.achievement_no == in_force).expect("listed");
    assert_eq!((line.question.as_ref().map(|q| q.id), line.my_answer), (Some(q), None));
    // Someone who is not its inventor cannot answer it.
    let outsider = store
        .conn()
        .query_row(
            "SELECT employee_id FROM person WHERE id NOT IN (SELECT person_id FROM inventor WHERE achievement_id = (SELECT id FROM achievement WHERE achievement_no = ?1)) LIMIT 1",
            [&in_force],
            |r| r.get::<_, String>(0),
        )
        .expect("an outsider");
    assert_eq!(code(portfolio::answer(&mut store, &actor(), &outsider, q, FeeAnswerKind::Lapse, None)), "not_found");

    portfolio::answer(&mut store, &on("2026-11-24"), "T001", q, FeeAnswerKind::Keep, None).expect("first answer");
    portfolio::answer(&mut store, &on("2026-11-26"), "T001", q, FeeAnswerKind::TakeOver, Some("愿意自行维持")).expect("changed");
    assert_eq!(told(&store, &office).iter().filter(|k| **k == NotificationKind::FeeAnswered).count(), 2);
    let answers = portfolio::questions(
        store.conn(),
        store.conn().query_row("SELECT achievement_id FROM fee_question WHERE id = ?1", [q], |r| r.get(0)).expect("id"),
    )
    .expect("questions");
    assert_eq!(
        answers[0].answers.iter().map(|a| (a.employee_id.as_str(), a.answer, a.answered_on)).collect::<Vec<_>>(),
        [("T001", FeeAnswerKind::TakeOver, day("2026-11-26"))]
    );

    // The decision without a notified date takes the day of the last answer, and closes the question.
    let decided = docket::decide(
        &mut store,
        &on("2026-11-27"),
        &FeeDecisionInput {
            achievement_no: in_force.clone(),
            decision: FeeDecisionKind::Keep,
            decided_on: day("2026-11-27"),
            reason: "发明人愿意受让前先维持".into(),
            inventors_notified_on: None,
            grant_to_inventors: false,
        },
    )
    .expect("decided");
    assert_eq!(decided.inventors_notified_on, Some(day("2026-11-26")));
    assert_eq!(code(portfolio::answer(&mut store, &on("2026-11-28"), "T001", q, FeeAnswerKind::Keep, None)), "fee_question_closed");
}

#[test]
fn objections_are_filed_while_a_publicity_runs_and_a_pending_one_stops_the_payment() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let office = account(&mut store, "office", Role::Office, None);
    let wang = account(&mut store, "wang", Role::Inventor, Some("T003"));
    let d = distribution::create(&mut store, &actor(), "HT2025-001", day("2025-12-31"), &[]).expect("draft");
    distribution::approve(&mut store, &actor(), d.id, &Approval { decision_on: day("2026-11-19"), ..Approval::default() })
        .expect("approved");
    let reward = ObjectionInput { kind: PublicityKind::Reward, id: d.id, content: "我的贡献份额应为 30%。".into() };
    // Approved but not publicized: nothing the public sees, nothing to object to.
    assert_eq!(code(publicity::file(&mut store, &actor(), "T003", &reward, &[])), "publicity_not_running");
    assert!(publicity::running(store.conn(), "T003", actor().at.date()).expect("running").is_empty());

    // Posted Friday 2026-11-20 for the policy's 15 days: running on Monday 11-23.
    let posted = distribution::publicize(&mut store, &actor(), d.id, day("2026-11-20"), None).expect("publicized");
    assert_eq!(told(&store, &wang).first(), Some(&NotificationKind::PublicityStarted));
    let running = publicity::running(store.conn(), "T003", actor().at.date()).expect("running");
    assert_eq!(running.len(), 1);
    assert!(running[0].concerns_me);
    // The notice shows names and amounts (20% of 339,500.00 = 67,900.00 for 王五), never an ID number.
    assert!(running[0].lines.iter().any(|l| l.name == "王五" && l.amount_fen == Some(Money(6_790_000))));
    assert!(!serde_json::to_string(&running).expect("json").contains("510107198001010013"));

    let empty = ObjectionInput { content: "  ".into(), ..reward.clone() };
    assert_eq!(fields(publicity::file(&mut store, &actor(), "T003", &empty, &[])), ["content"]);
    let evidence = dir.path().join("贡献说明.txt");
    std::fs::write(&evidence, "实验记录第 12–30 页").expect("evidence");
    let objection_id = publicity::file(&mut store, &actor(), "T003", &reward, &[evidence]).expect("filed");
    assert_eq!(told(&store, &office), [NotificationKind::ObjectionFiled]);
    let filed = publicity::mine(store.conn(), "T003").expect("mine");
    assert_eq!((filed.len(), filed[0].outcome, filed[0].files.len()), (1, Outcome::Pending, 1));
    assert!(publicity::mine(store.conn(), "T001").expect("zhang").is_empty(), "another's objection is not listed");
    // Its file: the author's and the office's, nobody else's.
    let file = filed[0].files[0].id;
    publicity::file_path(&store, Some("T003"), file).expect("the author's");
    publicity::file_path(&store, None, file).expect("the office's");
    assert_eq!(code(publicity::file_path(&store, Some("T001"), file)), "not_found");

    // After the period (it ends posted.publicity_ends_on) the pending objection stops the payment.
    let ends = posted.publicity_ends_on.expect("ends");
    let after = on(&(ends + chrono::Days::new(1)).to_string());
    assert_eq!(code(distribution::pay(&mut store, &after, d.id, after.at.date())), "reward_objection_open");
    // Filing after the end is refused.
    assert_eq!(code(publicity::file(&mut store, &after, "T003", &reward, &[])), "publicity_not_running");

    let handling =
        Handling {
            outcome: Outcome::Rejected, handling: "份额依据披露书约定，异议不成立。".into(), resolved_on: after.at.date()
        };
    assert_eq!(
        fields(objection::handle(&mut store, &after, objection_id, &Handling { outcome: Outcome::Pending, ..handling.clone() })),
        ["outcome"]
    );
    objection::handle(&mut store, &after, objection_id, &handling).expect("handled");
    assert_eq!(told(&store, &wang).first(), Some(&NotificationKind::ObjectionHandled));
    distribution::pay(&mut store, &after, d.id, after.at.date()).expect("paid once handled");
    assert_eq!(told(&store, &wang).first(), Some(&NotificationKind::DistributionPaid));

    // Reads were unaffected by marking: all read, none unread.
    notification::mark_read(store.conn(), &wang, None).expect("read");
    assert_eq!(notification::inbox(store.conn(), &wang, 50).expect("inbox").unread, 0);
}

#[test]
fn a_price_objection_joins_the_publicity_keeps_its_author_through_saves_and_its_handling_is_told() {
    use transferdesk_core::deals::publicity::{self as price, Publicity};
    use transferdesk_core::model::ContractKind;
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let li = account(&mut store, "li", Role::Inventor, Some("T002"));
    let organization_id: i64 =
        store.conn().query_row("SELECT id FROM organization WHERE name = '北京华能装备股份有限公司'", [], |r| r.get(0)).expect("org");
    let form = Publicity {
        id: None,
        version: 0,
        title: "CG001 转让定价公示".into(),
        contract_kind: ContractKind::Transfer,
        organization_id,
        counterparty: String::new(),
        related_party: false,
        price_fen: Money(80_000_000),
        posted_on: day("2026-11-20"),
        days: 15,
        ends_on: day("2026-11-20"),
        channel: "学校官网".into(),
        resolution_id: None,
        achievements: vec!["CG001".into()],
        objections: vec![],
        contract_no: None,
    };
    let id = price::save(&mut store, &actor(), &form).expect("posted");
    // CG001's inventors (T001, T002, T003) are told it started.
    assert_eq!(told(&store, &li), [NotificationKind::PublicityStarted]);
    let input = ObjectionInput { kind: PublicityKind::Price, id, content: "价格低于评估值。".into() };
    publicity::file(&mut store, &actor(), "T002", &input, &[]).expect("filed");

    // The office's form loaded before the objection cannot drop it: its version is behind.
    assert_eq!(code(price::save(&mut store, &actor(), &Publicity { id: Some(id), version: 1, ..form.clone() })), "edit_conflict");
    // Loaded now, it shows the objection with its objector; handled, the row stays the author's.
    let mut now = price::get(store.conn(), id).expect("publicity");
    assert_eq!(now.objections.iter().map(|o| (o.objector.as_str(), o.outcome)).collect::<Vec<_>>(), [("李四", Outcome::Pending)]);
    let objection = now.objections[0].id.expect("saved objection");
    now.objections[0].outcome = Outcome::Rejected;
    now.objections[0].handling = Some("价格经集体决策，异议不成立。".into());
    now.objections[0].resolved_on = Some(day("2026-11-23"));
    price::save(&mut store, &actor(), &now).expect("handled");
    assert_eq!(price::get(store.conn(), id).expect("again").objections[0].id, Some(objection), "the row stays");
    assert_eq!(told(&store, &li).first(), Some(&NotificationKind::ObjectionHandled));
    let mine = publicity::mine(store.conn(), "T002").expect("mine");
    assert_eq!((mine[0].outcome, mine[0].handling.as_deref()), (Outcome::Rejected, Some("价格经集体决策，异议不成立。")));
}
