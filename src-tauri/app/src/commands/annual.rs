use crate::{
    ipc_error::IpcError,
    state::{actor, AppState},
};
use std::path::PathBuf;
use transferdesk_core::reporting::annual::{self, RecordLine};
use transferdesk_core::reporting::filing::{self, AnnualReport};
use transferdesk_core::reporting::report_year::{self, ReportYear};
use transferdesk_core::Lang;

/// The report screen for a year (one department's figures when asked).
#[tauri::command]
pub fn annual_report(state: tauri::State<'_, AppState>, year: i32, department: Option<String>) -> Result<AnnualReport, IpcError> {
    Ok(filing::overview(&*state.store()?, year, department.as_deref(), Lang::Zh)?)
}

/// The records behind one figure.
#[tauri::command]
pub fn indicator_records(
    state: tauri::State<'_, AppState>,
    year: i32,
    indicator: String,
    department: Option<String>,
) -> Result<Vec<RecordLine>, IpcError> {
    Ok(annual::records(&*state.store()?, year, &indicator, department.as_deref())?)
}

/// Saves the due date, narrative and cases.
#[tauri::command]
pub fn save_report_year(state: tauri::State<'_, AppState>, input: ReportYear) -> Result<ReportYear, IpcError> {
    Ok(report_year::save(&mut *state.store()?, &actor(), &input)?)
}

/// Marks the year filed: the indicators, narrative, cases and the two files are frozen.
#[tauri::command(async)]
pub fn file_report_year(state: tauri::State<'_, AppState>, year: i32, override_reason: Option<String>) -> Result<ReportYear, IpcError> {
    Ok(transferdesk_report::annual::file(&mut *state.store()?, &actor(), year, override_reason.as_deref())?)
}

/// Writes the report's XLSX and PDF into a folder (one department's when named) as job `job`
/// (progress events, cancellable); returns the two paths.
#[tauri::command(async)]
pub fn export_annual(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
    job: String,
    year: i32,
    department: Option<String>,
    dir: PathBuf,
) -> Result<Vec<PathBuf>, IpcError> {
    let store = state.store()?;
    let files = state.jobs.run(&app, &job, |steps| {
        transferdesk_report::annual::write_with_steps(&store, year, department.as_deref(), &dir, &mut |s| steps(s.progress()))
    })?;
    Ok(vec![files.xlsx, files.pdf])
}
