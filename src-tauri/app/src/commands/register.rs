use crate::{
    ipc_error::IpcError,
    state::{actor, AppState},
};
use transferdesk_core::portfolio::register::{self, AchievementExtras, AchievementForm};

/// The form of an existing achievement, as saved (the edit screen).
#[tauri::command]
pub fn achievement_form(state: tauri::State<'_, AppState>, id: i64) -> Result<AchievementForm, IpcError> {
    Ok(register::load(state.store()?.conn(), id)?)
}

/// Creates (`id` null) or changes an achievement; returns its id.
#[tauri::command]
pub fn save_achievement(state: tauri::State<'_, AppState>, form: AchievementForm) -> Result<i64, IpcError> {
    Ok(register::save(&mut *state.store()?, &actor(), &form)?)
}

/// Co-owners, flags and the disclosure of an achievement (its page).
#[tauri::command]
pub fn achievement_extras(state: tauri::State<'_, AppState>, id: i64) -> Result<AchievementExtras, IpcError> {
    Ok(register::extras(state.store()?.conn(), id)?)
}
