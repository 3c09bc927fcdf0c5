//! Imports: a file in a standard template, and an office's own workbook through the wizard.

use crate::command::commands;
use crate::{FileIn, FileOut};
use transferdesk_core::import::mapping::{self, Mapping, Preview, SourceSheet};
use transferdesk_core::import::{self, ImportSummary};
use transferdesk_core::model::Table;
use transferdesk_core::Lang;

/// Rows shown by the wizard's first step.
const SAMPLE_ROWS: usize = 5;

commands! {
    /// Writes the empty standard import template of `table` (下载模板: the template's headers, no rows).
    read(office)
    fn export_template(ctx, table: Table, path: FileOut) -> () {
        let path = ctx.write_file(&path)?;
        transferdesk_report::template_xlsx::write_blank(table, &path)
    }

    /// Imports (or with `dry_run` only checks) a file in the standard template as job `job`:
    /// all or nothing, with progress, cancellable with nothing written.
    write(office)
    fn import_file(ctx, job: String, table: Table, path: FileIn, dry_run: bool) -> ImportSummary {
        let path = ctx.read_file(&path)?;
        let mut store = ctx.store()?;
        ctx.jobs().run(&job, |steps| import::import_with_steps(&mut store, &ctx.actor(), table, &path, dry_run, steps))
    }

    /// A sheet's headers, first rows and the mapping saved for them (`sheet` null: the first).
    read(office)
    fn wizard_open(ctx, path: FileIn, sheet: Option<String>, table: Table) -> SourceSheet {
        let path = ctx.read_file(&path)?;
        mapping::open(ctx.store()?.conn(), &path, sheet.as_deref(), table, SAMPLE_ROWS)
    }

    /// The converted first `limit` rows and every problem; nothing is kept (the rows are tried
    /// in a write transaction that is rolled back, so it needs the writer).
    write(office)
    fn wizard_preview(ctx, path: FileIn, sheet: Option<String>, mapping: Mapping, limit: usize) -> Preview {
        let path = ctx.read_file(&path)?;
        mapping::preview(&mut *ctx.store()?, &ctx.actor(), &path, sheet.as_deref(), &mapping, limit, Lang::Zh)
    }

    /// Imports the sheet through `mapping` as job `job` (progress, cancellable).
    write(office)
    fn wizard_import(ctx, job: String, path: FileIn, sheet: Option<String>, mapping: Mapping) -> ImportSummary {
        let path = ctx.read_file(&path)?;
        let mut store = ctx.store()?;
        ctx.jobs().run(&job, |steps| mapping::import(&mut store, &ctx.actor(), &path, sheet.as_deref(), &mapping, steps))
    }

    /// Saves the mapping for sheets with these headers.
    write(office)
    fn save_import_mapping(ctx, headers: Vec<String>, mapping: Mapping) -> () {
        mapping::save(&mut *ctx.store()?, &ctx.actor(), &headers, &mapping)
    }
}
