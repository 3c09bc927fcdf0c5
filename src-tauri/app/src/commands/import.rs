use crate::{
    ipc_error::IpcError,
    state::{actor, AppState},
};
use std::path::PathBuf;
use transferdesk_core::{
    import::{self, ImportSummary},
    model::Table,
};

/// Imports (or with `dry_run` only checks) a file in the standard template as job `job`: off
/// the UI thread, with progress events, and cancellable with nothing written.
#[tauri::command(async)]
pub fn import_file(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
    job: String,
    table: Table,
    path: PathBuf,
    dry_run: bool,
) -> Result<ImportSummary, IpcError> {
    let mut store = state.store()?;
    state.jobs.run(&app, &job, |steps| import::import_with_steps(&mut store, &actor(), table, &path, dry_run, steps))
}
