//! Long jobs (import, export, backup, restore): each runs under an id the screen chose, tells the
//! transport every step (the app emits an event, the server keeps it for the page that asks),
//! and stops when the person who started it cancels.

use crate::Failure;
use std::collections::HashMap;
use std::sync::Mutex;
use transferdesk_core::progress::{Cancel, Progress};

type Tell = Box<dyn Fn(&str, Option<&Progress>) + Send + Sync>;

/// The jobs under way, by id.
pub struct Jobs {
    running: Mutex<HashMap<String, Cancel>>,
    /// Told of each step (`Some`) and of the end (`None`).
    tell: Tell,
}

impl Jobs {
    /// No job yet; `tell` hears every step of every job, and `None` when one ends.
    pub fn new(tell: impl Fn(&str, Option<&Progress>) + Send + Sync + 'static) -> Jobs {
        Jobs { running: Mutex::new(HashMap::new()), tell: Box::new(tell) }
    }

    /// Runs `work` as job `id`; [`Jobs::cancel`] with the same id makes its next step fail with
    /// `cancelled` (a job writes in one transaction or into a file renamed at the end, so nothing
    /// half-written remains).
    pub fn run<T, E: Into<Failure>>(
        &self,
        id: &str,
        work: impl FnOnce(&mut dyn FnMut(Progress) -> transferdesk_core::Result<()>) -> Result<T, E>,
    ) -> Result<T, Failure> {
        let cancel = Cancel::default();
        self.lock().insert(id.to_string(), cancel.clone());
        let result = {
            let mut steps = cancel.guard(|progress| (self.tell)(id, Some(&progress)));
            work(&mut steps)
        };
        self.lock().remove(id);
        (self.tell)(id, None);
        result.map_err(Into::into)
    }

    /// Asks job `id` to stop; false when no such job runs (it may just have finished).
    pub fn cancel(&self, id: &str) -> bool {
        self.lock().get(id).map(Cancel::cancel).is_some()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Cancel>> {
        // A job that panicked left the map consistent (one insert or remove at a time).
        self.running.lock().unwrap_or_else(|e| e.into_inner())
    }
}
