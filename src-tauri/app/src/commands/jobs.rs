use crate::state::AppState;

/// Asks the long job `job` to stop; it rolls back what it had begun. False when it already ended.
#[tauri::command]
pub fn cancel_job(state: tauri::State<'_, AppState>, job: String) -> bool {
    state.jobs.cancel(&job)
}
