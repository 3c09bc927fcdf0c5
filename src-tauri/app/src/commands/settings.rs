use crate::{
    ipc_error::IpcError,
    state::{actor, AppState},
};
use transferdesk_core::calendar::{self, Holiday};
use transferdesk_core::rewards::policy::{self, Policy};

/// Every reward policy version.
#[tauri::command]
pub fn list_policies(state: tauri::State<'_, AppState>) -> Result<Vec<Policy>, IpcError> {
    Ok(policy::list(&*state.store()?)?)
}

/// Adds or changes a version; returns its id.
#[tauri::command]
pub fn save_policy(state: tauri::State<'_, AppState>, policy: Policy) -> Result<i64, IpcError> {
    Ok(policy::save(&mut *state.store()?, &actor(), &policy)?)
}

/// Removes an unused version.
#[tauri::command]
pub fn delete_policy(state: tauri::State<'_, AppState>, id: i64) -> Result<(), IpcError> {
    Ok(policy::delete(&mut *state.store()?, &actor(), id)?)
}

/// The listed holidays and make-up working days.
#[tauri::command]
pub fn list_holidays(state: tauri::State<'_, AppState>) -> Result<Vec<Holiday>, IpcError> {
    Ok(calendar::list(&*state.store()?)?)
}

/// Replaces one year's listed days.
#[tauri::command]
pub fn save_holidays(state: tauri::State<'_, AppState>, year: i32, days: Vec<Holiday>) -> Result<(), IpcError> {
    Ok(calendar::save_year(&mut *state.store()?, &actor(), year, &days)?)
}
