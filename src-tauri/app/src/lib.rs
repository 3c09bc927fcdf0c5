//! The TransferDesk desktop app: a thin Tauri 2 shell over transferdesk-core.

mod commands;
mod ipc_error;
mod state;

/// Opens the data file (creating the demo portfolio on first start) and runs the window.
pub fn run() {
    let state = state::AppState::open_default();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::institution::get_institution,
            commands::portfolio::list_achievements,
            commands::portfolio::get_achievement,
            commands::portfolio::portfolio_filters,
            commands::import::import_file,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("TransferDesk could not start: {e}");
        std::process::exit(1);
    }
}
