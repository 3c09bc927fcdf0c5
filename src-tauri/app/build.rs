// The app's commands are declared here so that Tauri generates a permission for each and the
// capability file can allow exactly these (plus the file dialogs) and nothing else.
const COMMANDS: &[&str] = &["get_institution", "list_achievements", "get_achievement", "portfolio_filters", "import_file"];

fn main() {
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)))
        .unwrap_or_else(|e| panic!("tauri build script failed: {e}"));
}
