//! Contracts and money: the list, the form, receipts and costs, receivables, the evidence bundle,
//! and the pickers the forms use.

use crate::{
    ipc_error::IpcError,
    state::{actor, AppState},
};
use std::path::PathBuf;
use transferdesk_core::deals::contract::edit::{self, MoneyEntry};
use transferdesk_core::deals::contract::view::{self, ContractDetail, ContractPage, ContractQuery, Receivable};
use transferdesk_core::deals::contract::ContractForm;
use transferdesk_core::people::organization::{self, Organization, OrganizationChoice};
use transferdesk_core::people::person::{self, PersonChoice};

/// One page of contracts.
#[tauri::command]
pub fn list_contracts(state: tauri::State<'_, AppState>, query: ContractQuery) -> Result<ContractPage, IpcError> {
    Ok(view::list(&*state.store()?, &query, actor().at.date())?)
}

/// One contract with its money and evidence.
#[tauri::command]
pub fn get_contract(state: tauri::State<'_, AppState>, id: i64) -> Result<ContractDetail, IpcError> {
    Ok(view::get(state.store()?.conn(), id, actor().at.date())?)
}

/// Adds or corrects a contract; returns its id.
#[tauri::command]
pub fn save_contract(state: tauri::State<'_, AppState>, form: ContractForm) -> Result<i64, IpcError> {
    Ok(edit::save(&mut *state.store()?, &actor(), &form)?)
}

/// Removes a contract entered by mistake.
#[tauri::command]
pub fn delete_contract(state: tauri::State<'_, AppState>, id: i64) -> Result<(), IpcError> {
    Ok(edit::delete(&mut *state.store()?, &actor(), id)?)
}

/// Records a receipt (到账).
#[tauri::command]
pub fn add_receipt(state: tauri::State<'_, AppState>, contract_id: i64, entry: MoneyEntry) -> Result<i64, IpcError> {
    Ok(edit::add_receipt(&mut *state.store()?, &actor(), contract_id, &entry)?)
}

/// Records a cost.
#[tauri::command]
pub fn add_cost(state: tauri::State<'_, AppState>, contract_id: i64, entry: MoneyEntry) -> Result<i64, IpcError> {
    Ok(edit::add_cost(&mut *state.store()?, &actor(), contract_id, &entry)?)
}

/// Removes a receipt no distribution counted.
#[tauri::command]
pub fn delete_receipt(state: tauri::State<'_, AppState>, id: i64) -> Result<(), IpcError> {
    Ok(edit::delete_receipt(&mut *state.store()?, &actor(), id)?)
}

/// Removes a cost no distribution counted.
#[tauri::command]
pub fn delete_cost(state: tauri::State<'_, AppState>, id: i64) -> Result<(), IpcError> {
    Ok(edit::delete_cost(&mut *state.store()?, &actor(), id)?)
}

/// Installments owed, due within `within_days` or overdue.
#[tauri::command]
pub fn list_receivables(state: tauri::State<'_, AppState>, within_days: u32) -> Result<Vec<Receivable>, IpcError> {
    Ok(view::receivables(&*state.store()?, actor().at.date(), within_days)?)
}

/// The contract's evidence bundle (PDF).
#[tauri::command(async)]
pub fn export_evidence(state: tauri::State<'_, AppState>, id: i64, path: PathBuf) -> Result<(), IpcError> {
    Ok(transferdesk_report::evidence::write(&*state.store()?, id, actor().at.date(), &path)?)
}

/// Organizations for a picker.
#[tauri::command]
pub fn organization_choices(state: tauri::State<'_, AppState>, search: String) -> Result<Vec<OrganizationChoice>, IpcError> {
    Ok(organization::choices(state.store()?.conn(), &search, 20)?)
}

/// Adds a counterparty typed into a form; returns its id.
#[tauri::command]
pub fn create_organization(state: tauri::State<'_, AppState>, organization: Organization) -> Result<i64, IpcError> {
    Ok(organization::create(&mut *state.store()?, &actor(), &organization)?)
}

/// People for a picker.
#[tauri::command]
pub fn person_choices(state: tauri::State<'_, AppState>, search: String) -> Result<Vec<PersonChoice>, IpcError> {
    Ok(person::choices(state.store()?.conn(), &search, 20)?)
}
