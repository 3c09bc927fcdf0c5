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
            commands::rewards::plan_distribution,
            commands::rewards::create_distribution,
            commands::rewards::get_distribution,
            commands::rewards::list_distributions,
            commands::rewards::approve_distribution,
            commands::rewards::publicize_distribution,
            commands::rewards::pay_distribution,
            commands::rewards::reverse_distribution,
            commands::rewards::discard_distribution,
            commands::rewards::publicity_end,
            commands::rewards::contract_choices,
            commands::rewards::staff_choices,
            commands::rewards::export_payroll,
            commands::rewards::export_notice,
            commands::rewards::export_statements,
            commands::settings::list_policies,
            commands::settings::save_policy,
            commands::settings::delete_policy,
            commands::settings::list_holidays,
            commands::settings::save_holidays,
            commands::annual::annual_report,
            commands::annual::indicator_records,
            commands::annual::save_report_year,
            commands::annual::file_report_year,
            commands::annual::export_annual,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("TransferDesk could not start: {e}");
        std::process::exit(1);
    }
}
