//! The import wizard: an office's own workbook mapped onto a standard template.
use crate::{
    ipc_error::IpcError,
    state::{actor, AppState},
};
use std::path::PathBuf;
use transferdesk_core::import::mapping::{self, Mapping, Preview, SourceSheet};
use transferdesk_core::import::ImportSummary;
use transferdesk_core::model::Table;
use transferdesk_core::Lang;

/// Rows shown by the first step's sample.
const SAMPLE_ROWS: usize = 5;

/// A sheet's headers, first rows and the mapping saved for them (`sheet` null: the first).
#[tauri::command(async)]
pub fn wizard_open(state: tauri::State<'_, AppState>, path: PathBuf, sheet: Option<String>, table: Table) -> Result<SourceSheet, IpcError> {
    Ok(mapping::open(state.store()?.conn(), &path, sheet.as_deref(), table, SAMPLE_ROWS)?)
}

/// The converted first `limit` rows and every problem; nothing is written.
#[tauri::command(async)]
pub fn wizard_preview(
    state: tauri::State<'_, AppState>,
    path: PathBuf,
    sheet: Option<String>,
    mapping: Mapping,
    limit: usize,
) -> Result<Preview, IpcError> {
    Ok(mapping::preview(&mut *state.store()?, &actor(), &path, sheet.as_deref(), &mapping, limit, Lang::Zh)?)
}

/// Imports the sheet through `mapping` as job `job` (progress events, cancellable).
#[tauri::command(async)]
pub fn wizard_import(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
    job: String,
    path: PathBuf,
    sheet: Option<String>,
    mapping: Mapping,
) -> Result<ImportSummary, IpcError> {
    let mut store = state.store()?;
    state.jobs.run(&app, &job, |steps| mapping::import(&mut store, &actor(), &path, sheet.as_deref(), &mapping, steps))
}

/// Saves the mapping for sheets with these headers.
#[tauri::command]
pub fn save_import_mapping(state: tauri::State<'_, AppState>, headers: Vec<String>, mapping: Mapping) -> Result<(), IpcError> {
    Ok(mapping::save(&mut *state.store()?, &actor(), &headers, &mapping)?)
}
