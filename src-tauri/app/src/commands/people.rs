//! The people and organization screens: lists, pages, edit, reveal, duplicates and merges.

use crate::{
    ipc_error::IpcError,
    state::{actor, AppState},
};
use transferdesk_core::people::merge;
use transferdesk_core::people::organization_page::{
    self, OrganizationDetail, OrganizationDuplicate, OrganizationEdit, OrganizationPage, OrganizationQuery, OrganizationRow,
};
use transferdesk_core::people::person_page::{
    self, PersonDetail, PersonDuplicate, PersonEdit, PersonPage, PersonQuery, PersonRow, Revealed,
};

/// One page of the people list.
#[tauri::command]
pub fn list_people(state: tauri::State<'_, AppState>, query: PersonQuery) -> Result<PersonPage, IpcError> {
    Ok(person_page::list(&*state.store()?, &query)?)
}

/// Department names for the people list's filter.
#[tauri::command]
pub fn people_departments(state: tauri::State<'_, AppState>) -> Result<Vec<String>, IpcError> {
    Ok(transferdesk_core::portfolio::department::names(state.store()?.conn())?)
}

/// A person's page (numbers masked).
#[tauri::command]
pub fn person_detail(state: tauri::State<'_, AppState>, id: i64) -> Result<PersonDetail, IpcError> {
    Ok(person_page::detail(&*state.store()?, id)?)
}

/// The full resident ID and bank account of one person, asked for on purpose.
#[tauri::command]
pub fn reveal_person(state: tauri::State<'_, AppState>, id: i64) -> Result<Revealed, IpcError> {
    Ok(person_page::reveal(&*state.store()?, id)?)
}

/// Saves the edit form of a person.
#[tauri::command]
pub fn update_person(state: tauri::State<'_, AppState>, edit: PersonEdit) -> Result<PersonRow, IpcError> {
    Ok(person_page::update(&mut *state.store()?, &actor(), &edit)?)
}

/// Likely duplicate people.
#[tauri::command]
pub fn person_duplicates(state: tauri::State<'_, AppState>) -> Result<Vec<PersonDuplicate>, IpcError> {
    Ok(person_page::duplicates(&*state.store()?)?)
}

/// Merges person `duplicate` into `keep`; returns the merge's id.
#[tauri::command]
pub fn merge_people(state: tauri::State<'_, AppState>, keep: i64, duplicate: i64, reason: String) -> Result<i64, IpcError> {
    Ok(person_page::merge(&mut *state.store()?, &actor(), keep, duplicate, &reason)?)
}

/// Undoes a merge (of people or organizations) by a counter-entry; returns its id.
#[tauri::command]
pub fn unmerge(state: tauri::State<'_, AppState>, merge_id: i64, reason: String) -> Result<i64, IpcError> {
    Ok(merge::unmerge(&mut *state.store()?, &actor(), merge_id, &reason)?)
}

/// One page of the organization list.
#[tauri::command]
pub fn list_organizations(state: tauri::State<'_, AppState>, query: OrganizationQuery) -> Result<OrganizationPage, IpcError> {
    Ok(organization_page::list(&*state.store()?, &query)?)
}

/// Regions for the organization list's filter.
#[tauri::command]
pub fn organization_regions(state: tauri::State<'_, AppState>) -> Result<Vec<String>, IpcError> {
    Ok(organization_page::regions(&*state.store()?)?)
}

/// An organization's page.
#[tauri::command]
pub fn organization_detail(state: tauri::State<'_, AppState>, id: i64) -> Result<OrganizationDetail, IpcError> {
    Ok(organization_page::detail(&*state.store()?, id)?)
}

/// Saves the edit form of an organization.
#[tauri::command]
pub fn update_organization(state: tauri::State<'_, AppState>, edit: OrganizationEdit) -> Result<OrganizationRow, IpcError> {
    Ok(organization_page::update(&mut *state.store()?, &actor(), &edit)?)
}

/// Likely duplicate organizations.
#[tauri::command]
pub fn organization_duplicates(state: tauri::State<'_, AppState>) -> Result<Vec<OrganizationDuplicate>, IpcError> {
    Ok(organization_page::duplicates(&*state.store()?)?)
}

/// Merges organization `duplicate` into `keep`; returns the merge's id.
#[tauri::command]
pub fn merge_organizations(state: tauri::State<'_, AppState>, keep: i64, duplicate: i64, reason: String) -> Result<i64, IpcError> {
    Ok(organization_page::merge(&mut *state.store()?, &actor(), keep, duplicate, &reason)?)
}
