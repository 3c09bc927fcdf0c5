use crate::{ipc_error::IpcError, state::AppState};
use transferdesk_core::store::institution::{self, Institution};

/// The institution's profile for the header.
#[tauri::command]
pub fn get_institution(state: tauri::State<'_, AppState>) -> Result<Institution, IpcError> {
    Ok(institution::load(&*state.store()?)?)
}
