//! The TransferDesk desktop app: a thin Tauri 2 shell over transferdesk-core.

mod commands;
#[cfg(target_os = "linux")]
mod fonts;
mod ipc_error;
mod jobs;
mod state;
mod viewer;
mod webkit;

/// Opens the data file (creating the demo portfolio on first start) and runs the window; started
/// as its own start-backup child, only takes that backup.
pub fn run() {
    if let Some(code) = state::start_backup_child() {
        std::process::exit(code);
    }
    webkit::tune();
    #[cfg(target_os = "linux")]
    fonts::use_one_cjk_face();
    let state = state::AppState::open_default();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .on_window_event(|window, event| {
            // The automatic backup at quit: the app has one window, and it is going away.
            if let tauri::WindowEvent::Destroyed = event {
                tauri::Manager::state::<state::AppState>(window).quit_backup();
            }
        })
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
            commands::contracts::list_contracts,
            commands::contracts::get_contract,
            commands::contracts::save_contract,
            commands::contracts::delete_contract,
            commands::contracts::add_receipt,
            commands::contracts::add_cost,
            commands::contracts::delete_receipt,
            commands::contracts::delete_cost,
            commands::contracts::list_receivables,
            commands::contracts::export_evidence,
            commands::contracts::organization_choices,
            commands::contracts::create_organization,
            commands::contracts::person_choices,
            commands::deals::list_publicities,
            commands::deals::save_publicity,
            commands::deals::list_resolutions,
            commands::deals::save_resolution,
            commands::deals::list_grants,
            commands::deals::save_grant,
            commands::deals::list_attachments,
            commands::deals::attach_file,
            commands::deals::remove_attachment,
            commands::deals::open_attachment,
            commands::register::achievement_form,
            commands::register::save_achievement,
            commands::register::achievement_extras,
            commands::disclosures::list_disclosures,
            commands::disclosures::get_disclosure,
            commands::disclosures::disclosure_years,
            commands::disclosures::next_disclosure_no,
            commands::disclosures::save_disclosure,
            commands::disclosures::decide_disclosure,
            commands::disclosures::conversion_form,
            commands::disclosures::assessment_criteria,
            commands::disclosures::save_assessment_criteria,
            commands::disclosures::add_assessment,
            commands::disclosures::delete_assessment,
            commands::valuations::list_valuations,
            commands::valuations::save_valuation,
            commands::valuations::delete_valuation,
            commands::fees::fees_due,
            commands::fees::fee_schedule,
            commands::fees::fee_quote,
            commands::fees::pay_fee,
            commands::fees::decide_fee,
            commands::fees::mark_lapsed,
            commands::fees::export_fees,
            commands::jobs::cancel_job,
            commands::people::list_people,
            commands::people::people_departments,
            commands::people::person_detail,
            commands::people::reveal_person,
            commands::people::update_person,
            commands::people::person_duplicates,
            commands::people::merge_people,
            commands::people::unmerge,
            commands::people::list_organizations,
            commands::people::organization_regions,
            commands::people::organization_detail,
            commands::people::update_organization,
            commands::people::organization_duplicates,
            commands::people::merge_organizations,
            commands::wizard::wizard_open,
            commands::wizard::wizard_preview,
            commands::wizard::wizard_import,
            commands::wizard::save_import_mapping,
            commands::dashboard::dashboard,
            commands::dashboard::search,
            commands::dashboard::get_profile,
            commands::dashboard::save_profile,
            commands::backup::list_backups,
            commands::backup::backup_now,
            commands::backup::check_backup,
            commands::backup::restore_backup,
            commands::backup::verify_store,
            commands::backup::list_audit,
            commands::backup::audit_target,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("TransferDesk could not start: {e}");
        std::process::exit(1);
    }
}
