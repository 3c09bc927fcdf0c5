//! Keeping the records safe and findable: the search box, backups and restore, `verify`, the
//! audit log, and stopping a long job.

use crate::command::commands;
use crate::{FileIn, FileOut};
use transferdesk_core::store::audit::{self, VerifyReport};
use transferdesk_core::store::audit_view::{self, AuditPage, AuditQuery, AuditTarget};
use transferdesk_core::store::backup::{self, BackupCheck, BackupFile, Reason, Restored};
use transferdesk_core::store::search::{self, SearchResults};

commands! {
    /// The search box (Ctrl+K): at most `limit` records of each kind.
    read(office, leader, secretary)
    fn search(ctx, text: String, limit: u32) -> SearchResults {
        search::everywhere_in(ctx.store()?.conn(), &text, limit, ctx.caller().department())
    }

    /// The backups of the open data file, newest first.
    read(admin)
    fn list_backups(ctx) -> Vec<BackupFile> {
        backup::list(&backup::backup_dir(ctx.store()?.path()))
    }

    /// Takes a manual backup now, as job `job`.
    write(admin)
    fn backup_now(ctx, job: String) -> BackupFile {
        let store = ctx.store()?;
        ctx.jobs().run(&job, |steps| backup::take(&store, ctx.actor().at, Reason::Manual, steps))
    }

    /// Checks a file before a restore (what the confirmation shows); changes nothing.
    read(admin)
    fn check_backup(ctx, file: FileIn) -> BackupCheck {
        backup::check(&ctx.read_file(&file)?)
    }

    /// Replaces the data with a checked backup, as job `job`; the replaced data is kept as a
    /// `before-restore` backup.
    write(admin)
    fn restore_backup(ctx, job: String, file: FileIn) -> Restored {
        let file = ctx.read_file(&file)?;
        let mut store = ctx.store()?;
        ctx.jobs().run(&job, |steps| backup::restore(&mut store, &file, &ctx.actor(), steps))
    }

    /// Proves the data file against its audit log: schema, integrity, hash chain, every row, and
    /// the witnesses of the log's head; each finding named.
    read(admin, office, leader)
    fn verify_store(ctx) -> VerifyReport {
        audit::verify(&*ctx.store()?)
    }

    /// A page of the audit log.
    read(admin, office, leader)
    fn list_audit(ctx, query: AuditQuery) -> AuditPage {
        audit_view::list(&*ctx.store()?, &query)
    }

    /// Writes the audit log (XLSX): every entry under `query` (all pages); returns the number of entries.
    read(admin, office, leader)
    fn export_audit(ctx, query: AuditQuery, path: FileOut) -> usize {
        let path = ctx.write_file(&path)?;
        transferdesk_report::lists::audit(&*ctx.store()?, &query, ctx.today(), &path)
    }

    /// The page of the record an audit entry names (its key is a number, an employee id …), if any.
    read(admin, office, leader)
    fn audit_target(ctx, entity: String, key: String) -> Option<AuditTarget> {
        audit_view::target(&*ctx.store()?, &entity, &key)
    }

    /// Asks the long job `job` to stop; it rolls back what it had begun. False when it already ended.
    read(everyone)
    fn cancel_job(ctx, job: String) -> bool {
        Ok::<_, crate::Failure>(ctx.jobs().cancel(&job))
    }
}
