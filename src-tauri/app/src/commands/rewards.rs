use crate::{
    ipc_error::IpcError,
    state::{actor, AppState},
};
use chrono::NaiveDate;
use std::path::PathBuf;
use transferdesk_core::rewards::distribution::{
    self, Approval, ContractChoice, Distribution, DistributionPage, DistributionQuery, Proposal, StaffChoice,
};

/// The next distribution of a contract, not saved.
#[tauri::command]
pub fn plan_distribution(
    state: tauri::State<'_, AppState>,
    contract_no: String,
    through: Option<NaiveDate>,
    staff: Vec<String>,
) -> Result<Proposal, IpcError> {
    let through = through.unwrap_or_else(|| actor().at.date());
    Ok(distribution::propose(&*state.store()?, &contract_no, through, &staff)?)
}

/// Saves the next distribution as a draft.
#[tauri::command]
pub fn create_distribution(
    state: tauri::State<'_, AppState>,
    contract_no: String,
    through: Option<NaiveDate>,
    staff: Vec<String>,
) -> Result<Distribution, IpcError> {
    let actor = actor();
    let through = through.unwrap_or(actor.at.date());
    Ok(distribution::create(&mut *state.store()?, &actor, &contract_no, through, &staff)?)
}

/// One distribution.
#[tauri::command]
pub fn get_distribution(state: tauri::State<'_, AppState>, id: i64) -> Result<Distribution, IpcError> {
    Ok(distribution::get(&*state.store()?, id)?)
}

/// A page of the distribution list.
#[tauri::command]
pub fn list_distributions(state: tauri::State<'_, AppState>, query: DistributionQuery) -> Result<DistributionPage, IpcError> {
    Ok(distribution::list(&*state.store()?, &query, actor().at.date())?)
}

/// Approves a draft.
#[tauri::command]
pub fn approve_distribution(state: tauri::State<'_, AppState>, id: i64, approval: Approval) -> Result<Distribution, IpcError> {
    Ok(distribution::approve(&mut *state.store()?, &actor(), id, &approval)?)
}

/// Publicizes an approved distribution.
#[tauri::command]
pub fn publicize_distribution(
    state: tauri::State<'_, AppState>,
    id: i64,
    from: NaiveDate,
    days: Option<u32>,
) -> Result<Distribution, IpcError> {
    Ok(distribution::publicize(&mut *state.store()?, &actor(), id, from, days)?)
}

/// Records the payment.
#[tauri::command]
pub fn pay_distribution(state: tauri::State<'_, AppState>, id: i64, paid_on: NaiveDate) -> Result<Distribution, IpcError> {
    Ok(distribution::pay(&mut *state.store()?, &actor(), id, paid_on)?)
}

/// Cancels a paid distribution with a linked reversal.
#[tauri::command]
pub fn reverse_distribution(state: tauri::State<'_, AppState>, id: i64, reason: String) -> Result<Distribution, IpcError> {
    Ok(distribution::reverse(&mut *state.store()?, &actor(), id, &reason)?)
}

/// Deletes a draft.
#[tauri::command]
pub fn discard_distribution(state: tauri::State<'_, AppState>, id: i64) -> Result<(), IpcError> {
    Ok(distribution::discard(&mut *state.store()?, &actor(), id)?)
}

/// The last day of a publicity period posted on `from` (civil-code rule, holiday calendar).
#[tauri::command]
pub fn publicity_end(state: tauri::State<'_, AppState>, from: NaiveDate, days: u32) -> Result<NaiveDate, IpcError> {
    Ok(transferdesk_core::calendar::publicity_end(&*state.store()?, from, days)?)
}

/// Contracts to start a distribution from.
#[tauri::command]
pub fn contract_choices(state: tauri::State<'_, AppState>, search: String) -> Result<Vec<ContractChoice>, IpcError> {
    Ok(distribution::contract_choices(&*state.store()?, &search, 30)?)
}

/// People who can be named as transfer staff, by name or employee ID.
#[tauri::command]
pub fn staff_choices(state: tauri::State<'_, AppState>, search: String) -> Result<Vec<StaffChoice>, IpcError> {
    Ok(distribution::staff_choices(&*state.store()?, &search, 30)?)
}

/// The payroll sheet for finance (XLSX); returns the number of person rows.
#[tauri::command(async)]
pub fn export_payroll(state: tauri::State<'_, AppState>, id: i64, path: PathBuf, reveal_ids: bool) -> Result<usize, IpcError> {
    Ok(transferdesk_report::payroll::write(&*state.store()?, id, &path, reveal_ids)?)
}

/// The publicity notice (PDF).
#[tauri::command(async)]
pub fn export_notice(state: tauri::State<'_, AppState>, id: i64, path: PathBuf) -> Result<(), IpcError> {
    Ok(transferdesk_report::notice::write(&*state.store()?, id, &path)?)
}

/// The personal statements (PDF); returns the number of pages.
#[tauri::command(async)]
pub fn export_statements(state: tauri::State<'_, AppState>, id: i64, path: PathBuf) -> Result<usize, IpcError> {
    Ok(transferdesk_report::statement::write(&*state.store()?, id, &path, None)?)
}
