use crate::{
    ipc_error::IpcError,
    state::{actor, AppState},
};
use transferdesk_core::deals::valuation::{self, Valuation};

/// The valuations of an achievement or of a contract.
#[tauri::command]
pub fn list_valuations(
    state: tauri::State<'_, AppState>,
    achievement_id: Option<i64>,
    contract_id: Option<i64>,
) -> Result<Vec<Valuation>, IpcError> {
    Ok(valuation::list_for(state.store()?.conn(), achievement_id, contract_id)?)
}

/// Adds or changes a valuation; returns its id.
#[tauri::command]
pub fn save_valuation(state: tauri::State<'_, AppState>, valuation: Valuation) -> Result<i64, IpcError> {
    Ok(valuation::save(&mut *state.store()?, &actor(), &valuation)?)
}

/// Removes a valuation.
#[tauri::command]
pub fn delete_valuation(state: tauri::State<'_, AppState>, id: i64) -> Result<(), IpcError> {
    Ok(valuation::delete(&mut *state.store()?, &actor(), id)?)
}
