//! Backups, restore, `verify` and the audit viewer (Settings › 备份与恢复, 操作日志).

use crate::{
    ipc_error::IpcError,
    state::{actor, AppState},
};
use std::path::PathBuf;
use transferdesk_core::store::audit::{self, VerifyReport};
use transferdesk_core::store::audit_view::{self, AuditPage, AuditQuery, AuditTarget};
use transferdesk_core::store::backup::{self, BackupCheck, BackupFile, Reason, Restored};

/// The backups of the open data file, newest first.
#[tauri::command]
pub fn list_backups(state: tauri::State<'_, AppState>) -> Result<Vec<BackupFile>, IpcError> {
    let store = state.store()?;
    Ok(backup::list(&backup::backup_dir(store.path()))?)
}

/// Takes a manual backup now, as job `job`.
#[tauri::command(async)]
pub fn backup_now(app: tauri::AppHandle, state: tauri::State<'_, AppState>, job: String) -> Result<BackupFile, IpcError> {
    let store = state.store()?;
    state.jobs.run(&app, &job, |steps| backup::take(&store, actor().at, Reason::Manual, steps))
}

/// Checks a file before a restore (what the confirmation shows); changes nothing.
#[tauri::command]
pub fn check_backup(file: PathBuf) -> Result<BackupCheck, IpcError> {
    Ok(backup::check(&file)?)
}

/// Replaces the data with a checked backup, as job `job`; the replaced data is kept as a
/// `before-restore` backup and the store is reopened.
#[tauri::command(async)]
pub fn restore_backup(app: tauri::AppHandle, state: tauri::State<'_, AppState>, job: String, file: PathBuf) -> Result<Restored, IpcError> {
    let mut store = state.store()?;
    state.jobs.run(&app, &job, |steps| backup::restore(&mut store, &file, &actor(), steps))
}

/// SQLite's integrity check and the audit chain.
#[tauri::command]
pub fn verify_store(state: tauri::State<'_, AppState>) -> Result<VerifyReport, IpcError> {
    Ok(audit::verify(&*state.store()?)?)
}

/// A page of the audit log.
#[tauri::command]
pub fn list_audit(state: tauri::State<'_, AppState>, query: AuditQuery) -> Result<AuditPage, IpcError> {
    Ok(audit_view::list(&*state.store()?, &query)?)
}

/// The page of the record an audit entry names (its key is a number, an employee id …), if any.
#[tauri::command]
pub fn audit_target(state: tauri::State<'_, AppState>, entity: String, key: String) -> Result<Option<AuditTarget>, IpcError> {
    Ok(audit_view::target(&*state.store()?, &entity, &key)?)
}
