use crate::{
    ipc_error::IpcError,
    state::{actor, AppState},
};
use transferdesk_core::reporting::dashboard::{self, Dashboard};
use transferdesk_core::store::institution::{self, Profile};
use transferdesk_core::store::search::{self, SearchResults};

/// The start screen (工作台) for today.
#[tauri::command]
pub fn dashboard(state: tauri::State<'_, AppState>) -> Result<Dashboard, IpcError> {
    Ok(dashboard::overview(&*state.store()?, actor().at.date())?)
}

/// The search box (Ctrl+K): at most `limit` records of each kind.
#[tauri::command]
pub fn search(state: tauri::State<'_, AppState>, text: String, limit: u32) -> Result<SearchResults, IpcError> {
    Ok(search::everywhere(state.store()?.conn(), &text, limit)?)
}

/// The institution's whole profile, for settings.
#[tauri::command]
pub fn get_profile(state: tauri::State<'_, AppState>) -> Result<Profile, IpcError> {
    Ok(institution::load_profile(&*state.store()?)?)
}

/// Saves the institution's profile.
#[tauri::command]
pub fn save_profile(state: tauri::State<'_, AppState>, profile: Profile) -> Result<Profile, IpcError> {
    Ok(institution::save_profile(&mut *state.store()?, &actor(), &profile)?)
}
