//! The app's state: the open data file, or the reason it could not be opened (shown by the UI
//! instead of crashing).

use crate::ipc_error::IpcError;
use std::sync::{Mutex, MutexGuard};
use transferdesk_core::progress::Progress;
use transferdesk_core::{demo, store, Actor, ErrorReport, Lang, Store};

/// Held by Tauri for every command.
pub struct AppState {
    store: Result<Mutex<Store>, ErrorReport>,
    /// The report export under way, read by the screen's progress bar while the export holds the
    /// store (hence a lock of its own).
    pub export: Mutex<Option<Progress>>,
}

impl AppState {
    /// Opens `$TRANSFERDESK_DB` or the default data file; on first start creates it with the
    /// small demo portfolio so that a new user sees what the app does.
    pub fn open_default() -> AppState {
        let path = store::resolve_path(None);
        if !path.exists() {
            if let Err(e) = demo::create(&path, demo::Scale::Small, 1, &actor()) {
                return AppState { store: Err(e.report(Lang::Zh)), export: Mutex::new(None) };
            }
        }
        AppState { store: Store::open(&path).map(Mutex::new).map_err(|e| e.report(Lang::Zh)), export: Mutex::new(None) }
    }

    /// The store, locked for this command.
    pub fn store(&self) -> Result<MutexGuard<'_, Store>, IpcError> {
        match &self.store {
            Ok(m) => m.lock().map_err(|_| IpcError::new("internal", "数据连接不可用，请重启程序")),
            Err(report) => Err(IpcError(report.clone())),
        }
    }
}

/// Who writes from the app, and when: read here because core rules never read the clock.
pub fn actor() -> Actor {
    let user = std::env::var("USER").unwrap_or_else(|_| "unknown".into());
    #[allow(clippy::disallowed_methods)]
    let at = chrono::Local::now().naive_local();
    Actor { name: format!("app:{user}"), at }
}
