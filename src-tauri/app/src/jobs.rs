//! Long jobs (import, report export, backup, demo generation): they run off the UI thread,
//! tell the window each step through the `job` event, and stop when the person cancels.

use crate::ipc_error::IpcError;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Mutex;
use tauri::{AppHandle, Emitter};
use transferdesk_core::progress::{Cancel, Progress};
use transferdesk_core::Result;

/// The jobs under way, by the id the window gave them.
#[derive(Default)]
pub struct Jobs(Mutex<HashMap<String, Cancel>>);

/// The `job` event's payload.
#[derive(Clone, Serialize)]
struct JobEvent<'a> {
    id: &'a str,
    progress: Progress,
}

impl Jobs {
    /// Runs `work` as job `id`, emitting each step as a `job` event; [`Jobs::cancel`] with the
    /// same id makes its next step fail with `cancelled`.
    pub fn run<T, E: Into<IpcError>>(
        &self,
        app: &AppHandle,
        id: &str,
        work: impl FnOnce(&mut dyn FnMut(Progress) -> Result<()>) -> Result<T, E>,
    ) -> Result<T, IpcError> {
        let cancel = Cancel::default();
        self.lock().insert(id.to_string(), cancel.clone());
        let result = {
            let mut steps = cancel.guard(|progress| {
                // A closed window cannot be told; the job goes on regardless.
                let _ = app.emit("job", JobEvent { id, progress });
            });
            work(&mut steps)
        };
        self.lock().remove(id);
        result.map_err(Into::into)
    }

    /// Asks job `id` to stop; false when no such job runs (it may just have finished).
    pub fn cancel(&self, id: &str) -> bool {
        self.lock().get(id).map(Cancel::cancel).is_some()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Cancel>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}
