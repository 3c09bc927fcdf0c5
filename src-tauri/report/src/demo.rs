//! The demo portfolio as a well-kept office has it: the records of transferdesk-core's demo, and
//! last year's annual report filed on time with its two files, as `report file` files it. Filing
//! needs the files this crate lays out, so it is done here rather than in the core's demo.

use crate::pdf::{Align, Doc, BODY};
use crate::Error;
use chrono::{Datelike, NaiveDate};
use rusqlite::OptionalExtension;
use std::path::Path;
use transferdesk_core::demo::{self, outcome::DemoSummary, Scale};
use transferdesk_core::prosecution::intake::{self, DroppedFile, NoticeConfirmation};
use transferdesk_core::{Actor, Store};

/// Why the demo files its report although a check finds an error: its "other" achievements (a
/// kind without grant numbers) were granted without one, as the competent department accepts.
const OVERRIDE: &str = "其他类成果无授权号，经主管部门确认按现有数据报送";

/// Builds the demo at `path` ([`demo::create`]) and files the report of the year before `actor`'s
/// day, dated ten days before it was due (or on the day itself when that is not yet past).
pub fn create(path: &Path, scale: Scale, seed: u64, actor: &Actor) -> Result<DemoSummary, Error> {
    let summary = demo::create(path, scale, seed, actor)?;
    let mut store = Store::open(path)?;
    let year = actor.at.date().year() - 1;
    let due = transferdesk_core::reporting::annual::due_on(store.conn(), year)?;
    let filed_on: NaiveDate = due.checked_sub_days(chrono::Days::new(10)).filter(|d| *d < actor.at.date()).unwrap_or(actor.at.date());
    let filer = Actor { name: actor.name.clone(), at: filed_on.and_time(actor.at.time()) };
    crate::annual::file(&mut store, &filer, year, Some(OVERRIDE))?;
    if scale == Scale::Small {
        notices(&mut store, actor)?;
    }
    Ok(summary)
}

/// Three of CNIPA's notices, as its electronic filing system delivers them, recorded through the
/// real intake: an office action to answer, a notice to correct, and a grant with its registration
/// formalities — the kind of week a patent administrator has. None changes a legal status.
fn notices(store: &mut Store, actor: &Actor) -> Result<(), Error> {
    let today = actor.at.date();
    let pending = |kind: &str, skip: i64| -> rusqlite::Result<Option<String>> {
        store
            .conn()
            .query_row(
                "SELECT application_no FROM achievement WHERE status = 'pending' AND kind = ?1
                 ORDER BY filed_on DESC, achievement_no LIMIT 1 OFFSET ?2",
                rusqlite::params![kind, skip],
                |r| r.get(0),
            )
            .optional()
    };
    let plan = [
        (
            "invention_patent",
            0,
            38,
            "第一次审查意见通知书",
            "申请人应当在收到本通知书之日起的4个月内陈述意见，并对申请文件进行修改。期满未答复的，其申请将被视为撤回。",
        ),
        ("utility_model", 0, 12, "补正通知书", "申请人应当在收到本通知书之日起2个月内补正，期满未补正的，其申请将被视为撤回。"),
        (
            "invention_patent",
            1,
            21,
            "办理登记手续通知书",
            "申请人应当按照本通知的要求办理登记手续，并缴纳专利登记费和授予专利权当年的年费。",
        ),
    ];
    let mut files = Vec::new();
    for (kind, skip, days_ago, title, body) in plan {
        let Some(application_no) = pending(kind, skip).map_err(transferdesk_core::Error::from)? else { continue };
        let issued = today.checked_sub_days(chrono::Days::new(days_ago)).unwrap_or(today);
        let name = format!("{}-{title}.pdf", application_no.replace('.', ""));
        files.push(DroppedFile { bytes: notice_pdf(&name, &application_no, issued, title, body)?, name });
    }
    let intake = intake::propose(store, &files, Vec::new())?;
    let confirmations: Vec<NoticeConfirmation> = intake.proposals.iter().map(|p| p.as_proposed(p.delivery)).collect();
    if !confirmations.is_empty() {
        intake::confirm(store, actor, &files, &confirmations)?;
    }
    Ok(())
}

/// A notice laid out as CNIPA's are: the office, the number and issue date, the title, the text.
fn notice_pdf(name: &str, application_no: &str, issued: NaiveDate, title: &str, body: &str) -> Result<Vec<u8>, Error> {
    let failed = |message: String| Error::Pdf { path: name.to_string(), message };
    let mut doc = Doc::new(title, "国家知识产权局").map_err(failed)?;
    doc.heading("中华人民共和国国家知识产权局", 14.0, Align::Center);
    doc.gap(4.0);
    doc.field("申请号或专利号", application_no, BODY);
    doc.field("发文日", &issued.format("%Y年%m月%d日").to_string(), BODY);
    doc.gap(6.0);
    doc.heading(title, 16.0, Align::Center);
    doc.gap(4.0);
    doc.paragraph(body, BODY, Align::Left);
    Ok(doc.finish_bytes(std::path::Path::new(name))?.0)
}
