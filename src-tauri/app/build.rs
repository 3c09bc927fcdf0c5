// The app's commands are declared here so that Tauri generates a permission for each and the
// capability file can allow exactly these (plus the file dialogs) and nothing else.
const COMMANDS: &[&str] = &[
    "get_institution",
    "list_achievements",
    "get_achievement",
    "portfolio_filters",
    "import_file",
    "plan_distribution",
    "create_distribution",
    "get_distribution",
    "list_distributions",
    "approve_distribution",
    "publicize_distribution",
    "pay_distribution",
    "reverse_distribution",
    "discard_distribution",
    "publicity_end",
    "contract_choices",
    "staff_choices",
    "export_payroll",
    "export_notice",
    "export_statements",
    "list_policies",
    "save_policy",
    "delete_policy",
    "list_holidays",
    "save_holidays",
    "annual_report",
    "indicator_records",
    "save_report_year",
    "file_report_year",
    "export_annual",
];

fn main() {
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)))
        .unwrap_or_else(|e| panic!("tauri build script failed: {e}"));
}
