//! Price publicity, collective decisions, ownership grants and attachments.

use crate::{
    ipc_error::IpcError,
    state::{actor, AppState},
};
use std::path::PathBuf;
use transferdesk_core::deals::grant::{self, Grant, GrantPage, GrantQuery};
use transferdesk_core::deals::publicity::{self, Publicity, PublicityPage, PublicityQuery};
use transferdesk_core::deals::resolution::{self, Resolution, ResolutionPage, ResolutionQuery};
use transferdesk_core::portfolio::attachment::{self, Attachment};

/// A page of the price publicities, each with its stage today.
#[tauri::command]
pub fn list_publicities(state: tauri::State<'_, AppState>, query: PublicityQuery) -> Result<PublicityPage, IpcError> {
    Ok(publicity::list(state.store()?.conn(), &query, actor().at.date())?)
}

/// Adds or changes a publicity with its objections; returns its id.
#[tauri::command]
pub fn save_publicity(state: tauri::State<'_, AppState>, publicity: Publicity) -> Result<i64, IpcError> {
    Ok(publicity::save(&mut *state.store()?, &actor(), &publicity)?)
}

/// A page of the collective decisions.
#[tauri::command]
pub fn list_resolutions(state: tauri::State<'_, AppState>, query: ResolutionQuery) -> Result<ResolutionPage, IpcError> {
    Ok(resolution::list(state.store()?.conn(), &query)?)
}

/// Adds or corrects a collective decision; returns its id.
#[tauri::command]
pub fn save_resolution(state: tauri::State<'_, AppState>, resolution: Resolution) -> Result<i64, IpcError> {
    Ok(resolution::save(&mut *state.store()?, &actor(), &resolution)?)
}

/// A page of the ownership grants.
#[tauri::command]
pub fn list_grants(state: tauri::State<'_, AppState>, query: GrantQuery) -> Result<GrantPage, IpcError> {
    Ok(grant::list(state.store()?.conn(), &query)?)
}

/// Adds or corrects an ownership grant; returns its id.
#[tauri::command]
pub fn save_grant(state: tauri::State<'_, AppState>, grant: Grant) -> Result<i64, IpcError> {
    Ok(grant::save(&mut *state.store()?, &actor(), &grant)?)
}

/// The files attached to a record.
#[tauri::command]
pub fn list_attachments(state: tauri::State<'_, AppState>, entity: String, entity_id: i64) -> Result<Vec<Attachment>, IpcError> {
    Ok(attachment::list(state.store()?.conn(), &entity, entity_id)?)
}

/// Keeps a copy of the chosen file with a record.
#[tauri::command(async)]
pub fn attach_file(state: tauri::State<'_, AppState>, entity: String, entity_id: i64, path: PathBuf) -> Result<Attachment, IpcError> {
    Ok(attachment::add(&mut *state.store()?, &actor(), &entity, entity_id, &path)?)
}

/// Unties a file from its record.
#[tauri::command]
pub fn remove_attachment(state: tauri::State<'_, AppState>, id: i64) -> Result<(), IpcError> {
    Ok(attachment::remove(&mut *state.store()?, &actor(), id)?)
}

/// Opens an attached file with the system viewer: only files the app stored, checked against
/// their hash, never a path from the webview.
#[tauri::command]
pub fn open_attachment(state: tauri::State<'_, AppState>, id: i64) -> Result<(), IpcError> {
    let path = attachment::path(&*state.store()?, id)?;
    crate::viewer::open(&path)
}
