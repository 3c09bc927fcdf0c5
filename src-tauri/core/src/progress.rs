//! Where a long job stands, for the progress bar of the screen that started it.

use serde::Serialize;
use ts_rs::TS;

/// A job's progress: `done` of `total` steps, and the key of the step under way.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Progress {
    /// Steps finished.
    pub done: u32,
    /// All steps.
    pub total: u32,
    /// The step under way (a key the UI translates, e.g. `workbook`).
    pub step: String,
}
