use crate::{ipc_error::IpcError, state::AppState};
use transferdesk_core::portfolio::ledger::{self, AchievementDetail, AchievementPage, AchievementQuery, PortfolioFilters};

/// One page of the portfolio list.
#[tauri::command]
pub fn list_achievements(state: tauri::State<'_, AppState>, query: AchievementQuery) -> Result<AchievementPage, IpcError> {
    Ok(ledger::list(&*state.store()?, &query)?)
}

/// An achievement's detail page.
#[tauri::command]
pub fn get_achievement(state: tauri::State<'_, AppState>, id: i64) -> Result<AchievementDetail, IpcError> {
    Ok(ledger::detail(&*state.store()?, id)?)
}

/// The values offered by the list's filters.
#[tauri::command]
pub fn portfolio_filters(state: tauri::State<'_, AppState>) -> Result<PortfolioFilters, IpcError> {
    Ok(ledger::filters(&*state.store()?)?)
}
