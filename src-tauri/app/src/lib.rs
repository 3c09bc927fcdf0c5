//! The TransferDesk desktop app: a thin Tauri 2 shell over the command table (transferdesk-api).

#[cfg(target_os = "linux")]
mod fonts;
mod host;
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
        .setup(|app| {
            let _ = tauri::Manager::state::<state::AppState>(app).app.set(app.handle().clone());
            Ok(())
        })
        .manage(state)
        .on_window_event(|window, event| {
            // The automatic backup at quit: the app has one window, and it is going away.
            if let tauri::WindowEvent::Destroyed = event {
                tauri::Manager::state::<state::AppState>(window).quit_backup();
            }
        })
        .invoke_handler(host::handle)
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("TransferDesk could not start: {e}");
        std::process::exit(1);
    }
}
