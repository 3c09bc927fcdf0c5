//! The app's state: the open data file, or the reason it could not be opened (shown by the UI
//! instead of crashing).

use crate::ipc_error::IpcError;
use std::sync::{Mutex, MutexGuard};
use transferdesk_core::{demo, store, Actor, ErrorReport, Lang, Store};

/// Held by Tauri for every command.
pub struct AppState {
    store: Result<Mutex<Store>, ErrorReport>,
    /// The long jobs under way, each cancellable (a lock of its own: a job holds the store).
    pub jobs: crate::jobs::Jobs,
}

impl AppState {
    /// Opens `$TRANSFERDESK_DB` or the default data file; on first start creates it with the
    /// small demo portfolio so that a new user sees what the app does.
    pub fn open_default() -> AppState {
        let path = store::resolve_path(None);
        if !path.exists() {
            if let Err(e) = demo::create(&path, demo::Scale::Small, 1, &actor()) {
                return AppState { store: Err(e.report(Lang::Zh)), jobs: Default::default() };
            }
        }
        let store = Store::open(&path);
        if store.is_ok() {
            // On a connection of its own, beside the window, and once the first screen is up:
            // copying and verifying a large file takes seconds of both cores of a small machine,
            // which the first screen must not share (the quit backup covers a shorter session).
            std::thread::spawn(move || {
                std::thread::sleep(START_BACKUP_DELAY);
                if let Ok(s) = Store::open(&path) {
                    automatic_backup(&s, transferdesk_core::backup::Reason::Start);
                }
            });
        }
        AppState { store: store.map(Mutex::new).map_err(|e| e.report(Lang::Zh)), jobs: Default::default() }
    }

    /// The automatic backup at quit (the window is closing).
    pub fn quit_backup(&self) {
        if let Ok(store) = self.store() {
            automatic_backup(&store, transferdesk_core::backup::Reason::Quit);
        }
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

/// How long after start the start backup begins.
const START_BACKUP_DELAY: std::time::Duration = std::time::Duration::from_secs(10);

/// Takes an automatic backup. A failure must not keep the app from starting or closing; it is
/// printed (the message names a file, never record content).
fn automatic_backup(store: &Store, reason: transferdesk_core::backup::Reason) {
    if let Err(e) = transferdesk_core::backup::take(store, actor().at, reason, &mut transferdesk_core::progress::unobserved) {
        eprintln!("automatic backup ({}) failed: {}", reason.key(), e.message(Lang::En));
    }
}
