//! CNIPA notices in, and the deadlines they start (docs/rules/prosecution.md). The notice PDFs are
//! made here with printpdf and the font the reports embed, as CNIPA's system makes them: text
//! with a ToUnicode map. Every expected day is worked out by hand in the comments (weekdays from
//! a calendar; the shipped holiday arrangement of 2026; 2027 has none, so weekends only).
//!
//! The portfolio, on the test day 2026-11-23:
//! - N1 invention pending, filed 2024-03-15: a first office action issued 2026-08-10, sent by post,
//!   stating 4 months → received 08-10 + 15 = 08-25 → due 12-25 (Friday).
//! - N2 invention pending: a rejection issued 2026-07-01 electronically, stating 3 months → 10-01,
//!   National Day (10-01…10-07 off) → Thursday 10-08; status 失效; nothing recorded by 11-23 →
//!   missed.
//! - N3 utility model pending: 办理登记手续通知书 issued 2026-11-02, no period printed → the law's
//!   2 months → 2027-01-02, a Saturday → Monday 01-04.
//! - N4 invention in force: 专利权终止通知书 issued 2026-10-30, "两个月" → 12-30 (Wednesday);
//!   status 失效.
//! - N5 invention pending, filed 2023-11-30: the examination request is due 2026-11-30 (Monday);
//!   a 进入实质审查阶段通知书 marks it done.

use crate::common::{actor, fixture, new_store};
use crate::notice_pdf::{notice, pdf, scan};
use chrono::NaiveDate;
use std::io::Write;
use transferdesk_core::ident;
use transferdesk_core::model::{AchievementStatus, Table};
use transferdesk_core::portfolio::bulk::Source;
use transferdesk_core::prosecution::deadline::{
    self, DeadlineDone, DeadlineEdit, DeadlineKey, DeadlineState, PatentDeadlineKind, PatentDeadlineQuery,
};
use transferdesk_core::prosecution::intake::{self, DroppedFile, NoticeIntake};
use transferdesk_core::prosecution::notice::NoticeKind;
use transferdesk_core::prosecution::rule::{Delivery, Period};
use transferdesk_core::reporting::check;
use transferdesk_core::{import, Error, Lang, Store};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

/// A valid application number for a 12-digit body (the check digit by ident's algorithm).
fn no(body: &str) -> String {
    format!("{body}.{}", ident::application_no_check(body).expect("check"))
}

fn numbers() -> [(&'static str, String); 5] {
    [
        ("N1", no("202410123401")),
        ("N2", no("202410123402")),
        ("N3", no("202420123403")),
        ("N4", no("201910123404")),
        ("N5", no("202310123405")),
    ]
}

fn store(dir: &tempfile::TempDir) -> Store {
    let mut store = new_store(dir);
    import::import(&mut store, &actor(), Table::People, &fixture("good/people.csv"), false).expect("people");
    let [n1, n2, n3, n4, n5] = numbers().map(|(_, n)| n);
    let csv = format!(
        "成果编号,成果名称,成果类型,申请号,申请日,授权号,授权日,法律状态,所属单位,财政资助项目,年费已缴至,完成人
N1,一种储能材料,发明专利,{n1},2024-03-15,,,申请中,计算机学院,,,T001*
N2,一种检测方法,发明专利,{n2},2024-05-20,,,申请中,计算机学院,,,T001*
N3,一种夹持装置,实用新型专利,{n3},2025-06-01,,,申请中,材料科学与工程学院,,,T003*
N4,一种催化剂,发明专利,{n4},2019-10-10,,2022-04-01,有效,材料科学与工程学院,,7,T003*
N5,一种传感阵列,发明专利,{n5},2023-11-30,,,申请中,计算机学院,,,T002*
"
    );
    let path = dir.path().join("patents.csv");
    std::fs::write(&path, csv).expect("csv");
    import::import(&mut store, &actor(), Table::Achievements, &path, false).unwrap_or_else(|e| panic!("{:?}", e.report(Lang::En)));
    store
}

fn files() -> Vec<DroppedFile> {
    let [n1, n2, n3, n4, n5] = numbers().map(|(_, n)| n);
    let f = |name: &str, bytes: Vec<u8>| DroppedFile { name: name.into(), bytes };
    vec![
        f("N1-审查意见.pdf", notice("第一次审查意见通知书", &n1, "2026年08月10日", "申请人应当在收到本通知书之日起的4个月内陈述意见。")),
        f(
            "N2-驳回.pdf",
            notice("驳回决定", &n2, "2026年07月01日", "申请人对本决定不服的，可以自收到本决定之日起3个月内向国家知识产权局请求复审。"),
        ),
        f("N3-登记.pdf", notice("办理登记手续通知书", &n3, "2026年11月02日", "申请人应当按照本通知的要求办理登记手续。")),
        f("N4-终止.pdf", notice("专利权终止通知书", &n4, "2026年10月30日", "专利权人可以自收到本通知之日起两个月内请求恢复权利。")),
        f("N5-实审.pdf", notice("发明专利申请进入实质审查阶段通知书", &n5, "2026年11月10日", "该申请进入实质审查阶段。")),
    ]
}

fn proposals(store: &Store, files: &[DroppedFile]) -> NoticeIntake {
    intake::propose(store, files, Vec::new()).expect("propose")
}

#[test]
fn each_notice_is_read_and_proposes_its_status_and_deadline() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = store(&dir);
    let intake = proposals(&store, &files());
    assert_eq!(intake.skipped, vec![], "every notice is read");
    let got: Vec<_> = intake
        .proposals
        .iter()
        .map(|p| {
            (
                p.patent.achievement_no.as_str(),
                p.kind,
                p.issued_on.to_string(),
                p.status_after,
                p.deadline.as_ref().map(|d| (d.kind, d.period, d.period_stated, d.due_on.map(|x| x.to_string()))),
                p.ends.clone(),
            )
        })
        .collect();
    // Proposed as delivered electronically (a downloaded PDF); N1 is corrected to paper below.
    assert_eq!(
        got,
        vec![
            // Electronic: 08-10 + 4 months = 12-10 (Thursday).
            (
                "N1",
                NoticeKind::OfficeAction,
                "2026-08-10".into(),
                None,
                Some((PatentDeadlineKind::OfficeAction, Some(Period::Months(4)), true, Some("2026-12-10".into()))),
                vec![]
            ),
            (
                "N2",
                NoticeKind::Rejection,
                "2026-07-01".into(),
                Some(AchievementStatus::Lapsed),
                Some((PatentDeadlineKind::Reexamination, Some(Period::Months(3)), true, Some("2026-10-08".into()))),
                vec![]
            ),
            (
                "N3",
                NoticeKind::Grant,
                "2026-11-02".into(),
                None,
                Some((PatentDeadlineKind::Registration, Some(Period::Months(2)), false, Some("2027-01-04".into()))),
                vec![]
            ),
            (
                "N4",
                NoticeKind::Termination,
                "2026-10-30".into(),
                Some(AchievementStatus::Lapsed),
                Some((PatentDeadlineKind::Restoration, Some(Period::Months(2)), true, Some("2026-12-30".into()))),
                vec![]
            ),
            ("N5", NoticeKind::ExaminationStarted, "2026-11-10".into(), None, None, vec![PatentDeadlineKind::ExaminationRequest]),
        ]
    );
    assert_eq!(intake.proposals[0].title, "审查意见通知书");
}

#[test]
fn confirming_records_notices_deadlines_and_statuses_and_check_names_the_missed_one() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = store(&dir);
    let files = files();
    let intake = proposals(&store, &files);
    let confirmations: Vec<_> = intake
        .proposals
        .iter()
        .map(|p| p.as_proposed(if p.patent.achievement_no == "N1" { Delivery::Paper } else { Delivery::Electronic }))
        .collect();
    let recorded = intake::confirm(&mut store, &actor(), &files, &confirmations).expect("confirm");
    assert_eq!(recorded.len(), 5);
    // N1 by post: received 08-25, + 4 months = 12-25.
    assert_eq!(recorded[0].deadline, Some((PatentDeadlineKind::OfficeAction, day("2026-12-25"))));
    assert_eq!(recorded[4].ended, vec![PatentDeadlineKind::ExaminationRequest]);

    let status = |no: &str| -> String {
        store.conn().query_row("SELECT status FROM achievement WHERE achievement_no = ?1", [no], |r| r.get(0)).expect("status")
    };
    assert_eq!((status("N2"), status("N4"), status("N1")), ("lapsed".into(), "lapsed".into(), "pending".into()));
    let attached: i64 =
        store.conn().query_row("SELECT count(*) FROM attachment WHERE entity = 'achievement'", [], |r| r.get(0)).expect("n");
    assert_eq!(attached, 5, "each notice's file is kept with its patent");

    let on = day("2026-11-23");
    let open: Vec<_> = deadline::list(&store, &PatentDeadlineQuery::default(), on)
        .expect("list")
        .into_iter()
        .filter(|d| d.kind != PatentDeadlineKind::Expiry)
        .map(|d| (d.achievement_no, d.kind, d.due_on.to_string(), d.days_left, d.state))
        .collect();
    assert_eq!(
        open,
        vec![
            // 10-08 → 11-23: 23 + 23 = 46 days ago.
            ("N2".to_string(), PatentDeadlineKind::Reexamination, "2026-10-08".to_string(), -46, DeadlineState::Missed),
            // N1 filed 2024-03-15: the examination request is due 2027-03-15 (Monday), 112 days on.
            ("N1".to_string(), PatentDeadlineKind::OfficeAction, "2026-12-25".to_string(), 32, DeadlineState::Open),
            ("N4".to_string(), PatentDeadlineKind::Restoration, "2026-12-30".to_string(), 37, DeadlineState::Open),
            ("N3".to_string(), PatentDeadlineKind::Registration, "2027-01-04".to_string(), 42, DeadlineState::Open),
            ("N1".to_string(), PatentDeadlineKind::ExaminationRequest, "2027-03-15".to_string(), 112, DeadlineState::Open),
        ]
    );
    // The expiry of the one patent still pending or in force with a term: N1, N3, N5 (N2 and N4
    // are lapsed now). N3 utility model filed 2025-06-01 → last day 2035-05-31.
    let expiry: Vec<_> = deadline::list(&store, &PatentDeadlineQuery { kind: Some(PatentDeadlineKind::Expiry), ..Default::default() }, on)
        .expect("list")
        .into_iter()
        .map(|d| (d.achievement_no, d.due_on.to_string()))
        .collect();
    assert_eq!(expiry, vec![("N3".into(), "2035-05-31".into()), ("N5".into(), "2043-11-29".into()), ("N1".into(), "2044-03-14".into())]);
    // With a window: 2026-11-23 → 2034-11-23 is 2,922 days (leap days 2028 and 2032), → 2035-05-31
    // 189 more (7 + 31 + 31 + 28 + 31 + 30 + 31): N3's last day is 3,111 days on. A window
    // beyond any date a calendar holds takes in every expiry.
    let expiring = |within: i64| -> Vec<String> {
        let q = PatentDeadlineQuery { kind: Some(PatentDeadlineKind::Expiry), within_days: Some(within), ..Default::default() };
        deadline::list(&store, &q, on).expect("list").into_iter().map(|d| d.achievement_no).collect()
    };
    assert_eq!(expiring(3110), Vec::<String>::new());
    assert_eq!(expiring(3111), ["N3"]);
    assert_eq!(expiring(1_000_000_000), ["N3", "N5", "N1"]);

    let findings = check::check(&store, 2026, on, Lang::Zh).expect("check");
    let missed = findings.iter().find(|f| f.code == "deadline_missed").expect("a missed deadline is a finding");
    assert_eq!(missed.records.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(), vec!["N2"]);

    // The same files again: recognised by their hash.
    let again = proposals(&store, &files);
    assert!(again.proposals.is_empty());
    assert!(again.skipped.iter().all(|s| s.code == "already_recorded"), "{:?}", again.skipped);
}

#[test]
fn a_deadline_is_moved_only_with_a_reason_and_done_clears_the_finding() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = store(&dir);
    let files = files();
    let intake = proposals(&store, &files);
    let confirmations: Vec<_> = intake.proposals.iter().map(|p| p.as_proposed(Delivery::Electronic)).collect();
    intake::confirm(&mut store, &actor(), &files, &confirmations).expect("confirm");
    let on = day("2026-11-23");
    let n2 = deadline::list(&store, &PatentDeadlineQuery { kind: Some(PatentDeadlineKind::Reexamination), ..Default::default() }, on)
        .expect("list");
    let key =
        DeadlineKey { id: n2[0].id, achievement_id: n2[0].achievement_id, kind: PatentDeadlineKind::Reexamination, version: n2[0].version };
    let no_reason = deadline::edit(&mut store, &actor(), &DeadlineEdit { key: key.clone(), due_on: day("2026-10-20"), reason: None }, on);
    assert!(matches!(no_reason, Err(Error::Invalid(ref p)) if p[0].column == "reason"), "{no_reason:?}");
    let moved = deadline::edit(
        &mut store,
        &actor(),
        &DeadlineEdit { key: key.clone(), due_on: day("2026-10-20"), reason: Some("实际收到日为 07-20，有邮戳为证".into()) },
        on,
    )
    .expect("edit");
    assert_eq!((moved.due_on, moved.statutory_on, moved.state), (day("2026-10-20"), Some(day("2026-10-08")), DeadlineState::Missed));
    // The version seen before the edit is stale now.
    let stale = deadline::complete(&mut store, &actor(), &DeadlineDone { key, done_on: day("2026-10-15"), note: None }, on);
    assert!(matches!(stale, Err(Error::Refused { code: "deadline_changed", .. })), "{stale:?}");
    let key = DeadlineKey { id: moved.id, achievement_id: moved.achievement_id, kind: moved.kind, version: moved.version };
    let done = deadline::complete(
        &mut store,
        &actor(),
        &DeadlineDone { key, done_on: day("2026-10-15"), note: Some("已提交复审请求".into()) },
        on,
    )
    .expect("done");
    assert_eq!(done.state, DeadlineState::Done);
    let findings = check::check(&store, 2026, on, Lang::Zh).expect("check");
    assert!(findings.iter().all(|f| f.code != "deadline_missed"), "{findings:?}");

    // A computed deadline (N1's examination request) is stored when edited.
    let n1 = deadline::list(&store, &PatentDeadlineQuery { kind: Some(PatentDeadlineKind::ExaminationRequest), ..Default::default() }, on)
        .expect("list");
    assert_eq!(n1.len(), 1);
    assert_eq!(n1[0].id, None);
    let key = DeadlineKey { id: None, achievement_id: n1[0].achievement_id, kind: PatentDeadlineKind::ExaminationRequest, version: 0 };
    let priority = deadline::edit(
        &mut store,
        &actor(),
        &DeadlineEdit { key, due_on: day("2026-12-01"), reason: Some("要求了 2023-12-01 的优先权".into()) },
        on,
    )
    .expect("edit computed");
    assert!(priority.id.is_some());
    assert_eq!(priority.statutory_on, Some(day("2027-03-15")));
}

#[test]
fn files_that_are_not_notices_are_listed_with_the_reason_and_nothing_changes() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = store(&dir);
    let before = crate::common::dump(&store);
    let unknown = no("202510999999");
    let [n1, ..] = numbers().map(|(_, n)| n);
    let wrong_check = format!("{}{}", &n1[..13], if n1.ends_with('X') { '0' } else { 'X' });
    let mut dropped = vec![
        DroppedFile { name: "发票.pdf".into(), bytes: pdf(&["增值税电子普通发票".into(), "金额 100.00".into()]) },
        DroppedFile { name: "scan.pdf".into(), bytes: scan() },
        DroppedFile { name: "notes.txt".into(), bytes: b"just text".to_vec() },
        DroppedFile {
            name: "unknown.pdf".into(),
            bytes: notice("补正通知书", &unknown, "2026-11-01", "自收到本通知书之日起2个月内补正。"),
        },
        DroppedFile { name: "nodate.pdf".into(), bytes: pdf(&["补正通知书".into(), format!("申请号：{n1}")]) },
        DroppedFile { name: "damaged.pdf".into(), bytes: b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer".to_vec() },
    ];
    {
        dropped.push(DroppedFile { name: "wrong-check.pdf".into(), bytes: notice("补正通知书", &wrong_check, "2026-11-01", "") });
    }
    dropped.push(dropped[3].clone());
    let intake = proposals(&store, &dropped);
    assert!(intake.proposals.is_empty(), "{:?}", intake.proposals);
    let codes: Vec<_> = intake.skipped.iter().map(|s| (s.name.as_str(), s.code.as_str())).collect();
    let mut expected = vec![
        ("发票.pdf", "not_a_notice"),
        ("scan.pdf", "no_text"),
        ("notes.txt", "not_pdf"),
        ("unknown.pdf", "unknown_application_no"),
        ("nodate.pdf", "no_issue_date"),
        ("damaged.pdf", "damaged"),
    ];
    {
        expected.push(("wrong-check.pdf", "no_application_no"));
    }
    expected.push(("unknown.pdf", "repeated"));
    assert_eq!(codes, expected);
    assert!(intake.skipped[3].reason.contains(&unknown), "{}", intake.skipped[3].reason);
    assert_eq!(crate::common::dump(&store), before, "a proposal writes nothing");
}

#[test]
fn a_zip_is_read_with_its_hostile_entries_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    let [n1, ..] = numbers().map(|(_, n)| n);
    let path = dir.path().join("notices.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).expect("zip"));
    let options = zip::write::SimpleFileOptions::default();
    let mut add = |name: &str, bytes: &[u8]| {
        zip.start_file(name, options).expect("entry");
        zip.write_all(bytes).expect("write");
    };
    add("2026/N1.pdf", &notice("补正通知书", &n1, "2026-11-01", "自收到本通知书之日起2个月内补正。"));
    add("../evil.pdf", b"%PDF-1.4");
    add("/etc/passwd.pdf", b"%PDF-1.4");
    add("inner.zip", b"PK\x03\x04 nested");
    add("hidden.pdf", b"PK\x03\x04 a zip named pdf");
    // 30 MB of zeros inflate past the 20 MB a notice may have.
    add("bomb.pdf", &vec![0u8; 30 << 20]);
    zip.finish().expect("finish");
    let (found, refused) = intake::gather(&[Source::at(&path)]).expect("a readable zip");
    assert_eq!(found.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), vec!["2026/N1.pdf", "hidden.pdf"]);
    let refused: Vec<_> = refused.iter().map(|s| (s.name.as_str(), s.code.as_str())).collect();
    assert_eq!(
        refused,
        vec![
            ("../evil.pdf", "unsafe_path"),
            ("/etc/passwd.pdf", "unsafe_path"),
            ("inner.zip", "archive"),
            // 30 MB of zeros: stopped as it inflates past the 20 MB a notice may have.
            ("bomb.pdf", "entry_too_large"),
        ]
    );
    let store = store(&dir);
    let intake = intake::propose(&store, &found, Vec::new()).expect("propose");
    assert_eq!(intake.proposals.len(), 1);
    assert_eq!(intake.proposals[0].patent.achievement_no, "N1");
    // A ZIP named .pdf inside the ZIP is read as the file it claims to be, and is no PDF.
    assert_eq!(intake.skipped.iter().map(|s| (s.name.as_str(), s.code.as_str())).collect::<Vec<_>>(), vec![("hidden.pdf", "not_pdf")]);
}

/// Every kind, read from a PDF by its title as CNIPA prints it, with what it starts and sets
/// (docs/rules/prosecution.md "Notices"): the table there, row by row, for a pending invention
/// (granted: false) that is its first office action.
#[test]
fn every_notice_kind_is_read_from_its_pdf_with_what_it_starts() {
    use transferdesk_core::model::AchievementKind;
    use transferdesk_core::prosecution::{notice, pdf as notice_text};
    let no = numbers()[0].1.clone();
    /// Title, kind, the deadline it starts, its period, the status it sets.
    type Row = (&'static str, NoticeKind, Option<PatentDeadlineKind>, Option<Period>, Option<AchievementStatus>);
    let rows: [Row; 13] = [
        ("专利申请受理通知书", NoticeKind::Acceptance, None, None, None),
        ("第一次审查意见通知书", NoticeKind::OfficeAction, Some(PatentDeadlineKind::OfficeAction), Some(Period::Months(4)), None),
        ("补正通知书", NoticeKind::Correction, Some(PatentDeadlineKind::Correction), Some(Period::Months(2)), None),
        ("授予发明专利权通知书", NoticeKind::Grant, Some(PatentDeadlineKind::Registration), Some(Period::Months(2)), None),
        ("办理登记手续通知书", NoticeKind::Grant, Some(PatentDeadlineKind::Registration), Some(Period::Months(2)), None),
        (
            "驳回决定",
            NoticeKind::Rejection,
            Some(PatentDeadlineKind::Reexamination),
            Some(Period::Months(3)),
            Some(AchievementStatus::Lapsed),
        ),
        (
            "视为撤回通知书",
            NoticeKind::DeemedWithdrawn,
            Some(PatentDeadlineKind::Restoration),
            Some(Period::Months(2)),
            Some(AchievementStatus::Lapsed),
        ),
        (
            "视为放弃取得专利权通知书",
            NoticeKind::RightsLost,
            Some(PatentDeadlineKind::Restoration),
            Some(Period::Months(2)),
            Some(AchievementStatus::Lapsed),
        ),
        ("恢复权利请求审批通知书", NoticeKind::RestorationApproved, None, None, Some(AchievementStatus::Pending)),
        ("手续合格通知书", NoticeKind::FormalitiesOk, None, None, None),
        ("缴费通知书", NoticeKind::Payment, Some(PatentDeadlineKind::Payment), None, None),
        (
            "专利权终止通知书",
            NoticeKind::Termination,
            Some(PatentDeadlineKind::Restoration),
            Some(Period::Months(2)),
            Some(AchievementStatus::Lapsed),
        ),
        ("发明专利申请进入实质审查阶段通知书", NoticeKind::ExaminationStarted, None, None, None),
    ];
    for (title, kind, starts, period, status) in rows {
        let text = notice_text::text(&notice(title, &no, "2026年03月02日", "特此通知。")).expect("text");
        let read = notice::read(&text).unwrap_or_else(|e| panic!("{title}: {e:?}"));
        assert_eq!(read.kind, kind, "{title}");
        assert_eq!(read.issued_on, Some(day("2026-03-02")), "{title}");
        assert_eq!(read.application_no.as_deref(), Some(no.as_str()), "{title}");
        assert_eq!(kind.effect().starts, starts, "{title}");
        assert_eq!(read.period.or_else(|| kind.default_period(AchievementKind::InventionPatent, read.first_action)), period, "{title}");
        assert_eq!(kind.status_after(false), status, "{title}");
    }
}
