use crate::{
    ipc_error::IpcError,
    state::{actor, AppState},
};
use transferdesk_core::portfolio::assessment::{self, AssessmentInput, Criterion};
use transferdesk_core::portfolio::disclosure::{self, Decision, Disclosure, DisclosureDetail, DisclosurePage, DisclosureQuery};
use transferdesk_core::portfolio::register::{self, AchievementForm};

/// A page of the disclosure list.
#[tauri::command]
pub fn list_disclosures(state: tauri::State<'_, AppState>, query: DisclosureQuery) -> Result<DisclosurePage, IpcError> {
    Ok(disclosure::list(state.store()?.conn(), &query, actor().at.date())?)
}

/// A disclosure's page.
#[tauri::command]
pub fn get_disclosure(state: tauri::State<'_, AppState>, id: i64) -> Result<DisclosureDetail, IpcError> {
    Ok(disclosure::get(state.store()?.conn(), id, actor().at.date())?)
}

/// The years with disclosures, newest first.
#[tauri::command]
pub fn disclosure_years(state: tauri::State<'_, AppState>) -> Result<Vec<i32>, IpcError> {
    Ok(disclosure::years(state.store()?.conn())?)
}

/// The suggested number for a disclosure received today.
#[tauri::command]
pub fn next_disclosure_no(state: tauri::State<'_, AppState>) -> Result<String, IpcError> {
    Ok(disclosure::suggest_number(state.store()?.conn(), actor().at.date())?)
}

/// Saves a new or undecided disclosure; returns its id.
#[tauri::command]
pub fn save_disclosure(state: tauri::State<'_, AppState>, disclosure: Disclosure) -> Result<i64, IpcError> {
    Ok(disclosure::save(&mut *state.store()?, &actor(), &disclosure)?)
}

/// Records (or corrects) the decision.
#[tauri::command]
pub fn decide_disclosure(state: tauri::State<'_, AppState>, id: i64, decision: Decision) -> Result<(), IpcError> {
    Ok(disclosure::decide(&mut *state.store()?, &actor(), id, &decision)?)
}

/// The achievement form prefilled from a decided disclosure.
#[tauri::command]
pub fn conversion_form(state: tauri::State<'_, AppState>, id: i64) -> Result<AchievementForm, IpcError> {
    Ok(register::conversion_form(state.store()?.conn(), id)?)
}

/// The scoring sheet of the pre-filing assessment.
#[tauri::command]
pub fn assessment_criteria(state: tauri::State<'_, AppState>) -> Result<Vec<Criterion>, IpcError> {
    Ok(assessment::criteria(state.store()?.conn())?)
}

/// Replaces the scoring sheet.
#[tauri::command]
pub fn save_assessment_criteria(state: tauri::State<'_, AppState>, criteria: Vec<Criterion>) -> Result<(), IpcError> {
    Ok(assessment::save_criteria(&mut *state.store()?, &actor(), &criteria)?)
}

/// Adds an assessment; returns its id.
#[tauri::command]
pub fn add_assessment(state: tauri::State<'_, AppState>, input: AssessmentInput) -> Result<i64, IpcError> {
    Ok(assessment::add(&mut *state.store()?, &actor(), &input)?)
}

/// Removes an assessment of an undecided disclosure.
#[tauri::command]
pub fn delete_assessment(state: tauri::State<'_, AppState>, id: i64) -> Result<(), IpcError> {
    Ok(assessment::delete(&mut *state.store()?, &actor(), id)?)
}
