//! Patents in prosecution: CNIPA's notices read and confirmed, and every statutory deadline.

use crate::command::commands;
use crate::{Failure, FileIn, FileOut, Host};
use chrono::NaiveDate;
use transferdesk_core::access::scope;
use transferdesk_core::portfolio::bulk::Source;
use transferdesk_core::prosecution::deadline::{self, DeadlineDone, DeadlineEdit, PatentDeadline, PatentDeadlineQuery};
use transferdesk_core::prosecution::intake::{
    self, DroppedFile, NoticeConfirmation, NoticeIntake, NoticeRecord, RecordedNotice, SkippedFile,
};

/// The files behind the person's choices (PDFs, ZIPs, folders at a desk), read.
fn dropped(ctx: &dyn Host, files: &[FileIn]) -> Result<(Vec<DroppedFile>, Vec<SkippedFile>), Failure> {
    let sources = files.iter().map(|f| ctx.read_file(f).map(|path| Source::at(&path))).collect::<Result<Vec<_>, _>>()?;
    Ok(intake::gather(&sources)?)
}

/// A secretary sees the deadlines of their own 学院 only.
fn scoped(ctx: &dyn Host, mut query: PatentDeadlineQuery) -> PatentDeadlineQuery {
    if let Some(department) = ctx.caller().department() {
        query.department = Some(department.to_string());
    }
    query
}

commands! {
    /// Reads dropped notices (PDFs, ZIPs of them, folders) into proposals — the patent, the new
    /// status, the deadline each starts — and lists the files that give none with the reason;
    /// changes nothing.
    read(office)
    fn read_notices(ctx, files: Vec<FileIn>) -> NoticeIntake {
        let (found, refused) = dropped(ctx, &files)?;
        intake::propose(&*ctx.store()?, &found, refused)
    }

    /// Records the notices as confirmed or corrected (all or nothing): each file kept with its
    /// patent, the status, the deadline it starts, the deadlines it answers.
    write(office)
    fn record_notices(ctx, files: Vec<FileIn>, confirmations: Vec<NoticeConfirmation>) -> Vec<RecordedNotice> {
        let (found, _) = dropped(ctx, &files)?;
        intake::confirm(&mut *ctx.store()?, &ctx.actor(), &found, &confirmations)
    }

    /// The notices recorded against a patent, newest first.
    read(office, leader, secretary)
    fn list_notices(ctx, achievement_id: i64) -> Vec<NoticeRecord> {
        let store = ctx.store()?;
        // A secretary reaches only their 学院's patents.
        if let Some(department) = ctx.caller().department() {
            scope::achievement_in(store.conn(), achievement_id, department)?;
        }
        intake::recorded(&store, achievement_id)
    }

    /// The prosecution deadlines under `query` on `on` (null: today), soonest first.
    read(office, leader, secretary)
    fn list_deadlines(ctx, query: PatentDeadlineQuery, on: Option<NaiveDate>) -> Vec<PatentDeadline> {
        deadline::list(&*ctx.store()?, &scoped(ctx, query), on.unwrap_or(ctx.today()))
    }

    /// Moves a deadline to another day, with the reason.
    write(office)
    fn edit_deadline(ctx, edit: DeadlineEdit) -> PatentDeadline {
        deadline::edit(&mut *ctx.store()?, &ctx.actor(), &edit, ctx.today())
    }

    /// Records a deadline as done (答复已提交, 已请求复审 …).
    write(office)
    fn complete_deadline(ctx, done: DeadlineDone) -> PatentDeadline {
        deadline::complete(&mut *ctx.store()?, &ctx.actor(), &done, ctx.today())
    }

    /// Records (or clears, with null) the priority date a patent's application claims.
    write(office)
    fn set_priority_date(ctx, achievement_id: i64, priority_on: Option<NaiveDate>) -> () {
        deadline::set_priority(&mut *ctx.store()?, &ctx.actor(), achievement_id, priority_on)
    }

    /// Writes the deadlines list (XLSX) under `query` on today; returns the number of rows.
    read(office, leader, secretary)
    fn export_deadlines(ctx, query: PatentDeadlineQuery, path: FileOut) -> usize {
        let path = ctx.write_file(&path)?;
        transferdesk_report::lists::deadlines(&*ctx.store()?, &scoped(ctx, query), ctx.today(), &path)
    }
}
