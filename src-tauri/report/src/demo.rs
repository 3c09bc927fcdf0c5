//! The demo portfolio as a well-kept office has it: the records of transferdesk-core's demo, and
//! last year's annual report filed on time with its two files, as `report file` files it. Filing
//! needs the files this crate lays out, so it is done here rather than in the core's demo.

use crate::Error;
use chrono::{Datelike, NaiveDate};
use std::path::Path;
use transferdesk_core::demo::{self, outcome::DemoSummary, Scale};
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
    Ok(summary)
}
