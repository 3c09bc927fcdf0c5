use crate::{
    ipc_error::IpcError,
    state::{actor, AppState},
};
use std::path::PathBuf;
use transferdesk_core::{
    import::{self, ImportSummary},
    model::Table,
};

/// Imports (or with `dry_run` only checks) a file in the standard template. Runs off the UI
/// thread: a large workbook takes seconds.
#[tauri::command(async)]
pub fn import_file(state: tauri::State<'_, AppState>, table: Table, path: PathBuf, dry_run: bool) -> Result<ImportSummary, IpcError> {
    let mut store = state.store()?;
    Ok(import::import(&mut store, &actor(), table, &path, dry_run)?)
}
