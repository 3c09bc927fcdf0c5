//! Annual fees (年费): the lists, a patent's schedule, payments, decisions, lapses, the export.
//! "Today" is read here, once per command, because core rules never read the clock.

use crate::{
    ipc_error::IpcError,
    state::{actor, AppState},
};
use chrono::NaiveDate;
use std::path::PathBuf;
use transferdesk_core::fees::docket::{
    self, FeeDecision, FeeDecisionInput, FeePage, FeePaid, FeePayment, FeeQuery, FeeQuote, FeeSchedule, Lapse,
};

/// One tab of the fee list on `on` (default today).
#[tauri::command]
pub fn fees_due(state: tauri::State<'_, AppState>, query: FeeQuery, on: Option<NaiveDate>) -> Result<FeePage, IpcError> {
    let on = on.unwrap_or_else(|| actor().at.date());
    Ok(docket::page(&*state.store()?, &query, on)?)
}

/// Every year of a patent's term as of today.
#[tauri::command]
pub fn fee_schedule(state: tauri::State<'_, AppState>, achievement_id: i64) -> Result<FeeSchedule, IpcError> {
    Ok(docket::schedule(&*state.store()?, achievement_id, actor().at.date())?)
}

/// What paying the next year costs on `paid_on`.
#[tauri::command]
pub fn fee_quote(state: tauri::State<'_, AppState>, achievement_no: String, paid_on: NaiveDate) -> Result<FeeQuote, IpcError> {
    Ok(docket::quote(&*state.store()?, &achievement_no, paid_on)?)
}

/// Records a payment.
#[tauri::command]
pub fn pay_fee(state: tauri::State<'_, AppState>, payment: FeePayment) -> Result<FeePaid, IpcError> {
    Ok(docket::pay(&mut *state.store()?, &actor(), &payment)?)
}

/// Records a keep/abandon decision.
#[tauri::command]
pub fn decide_fee(state: tauri::State<'_, AppState>, decision: FeeDecisionInput) -> Result<FeeDecision, IpcError> {
    Ok(docket::decide(&mut *state.store()?, &actor(), &decision)?)
}

/// Marks a patent lapsed whose grace period ended unpaid.
#[tauri::command]
pub fn mark_lapsed(state: tauri::State<'_, AppState>, achievement_no: String) -> Result<Lapse, IpcError> {
    let actor = actor();
    Ok(docket::mark_lapsed(&mut *state.store()?, &actor, &achievement_no, actor.at.date())?)
}

/// Writes 年费缴纳清单 (XLSX); returns the number of fee rows.
#[tauri::command(async)]
pub fn export_fees(state: tauri::State<'_, AppState>, path: PathBuf, within_days: u32, on: Option<NaiveDate>) -> Result<usize, IpcError> {
    let on = on.unwrap_or_else(|| actor().at.date());
    Ok(transferdesk_report::fees::write(&*state.store()?, on, within_days, &path)?)
}
