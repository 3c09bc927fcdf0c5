//! Where a long job stands, for the progress bar of the screen that started it, and how the
//! person who started it stops it.

use crate::error::{Error, Result};
use serde::Serialize;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
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

impl Progress {
    /// `done` of `total` in step `step`.
    pub fn new(done: u32, total: u32, step: &str) -> Progress {
        Progress { done, total, step: step.to_string() }
    }
}

/// Told of each step of a long job. Answering an error (usually [`cancelled`]) stops the job;
/// because a job writes in one transaction, or into a file renamed into place at the end, the
/// error leaves nothing half-written.
pub type Steps<'a> = &'a mut dyn FnMut(Progress) -> Result<()>;

/// A job that nobody watches: every step is accepted.
pub fn unobserved(_: Progress) -> Result<()> {
    Ok(())
}

/// The refusal a cancelled job ends with (code `cancelled`).
pub fn cancelled() -> Error {
    Error::Refused { code: "cancelled", detail: String::new() }
}

/// A cancel switch shared between a running job and whoever may stop it.
#[derive(Clone, Debug, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// Asks the job to stop at its next step.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// Whether the job was asked to stop.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }

    /// Wraps a progress listener so that each step first checks this switch.
    pub fn guard<'a>(&'a self, mut tell: impl FnMut(Progress) + 'a) -> impl FnMut(Progress) -> Result<()> + 'a {
        move |p| {
            if self.is_cancelled() {
                return Err(cancelled());
            }
            tell(p);
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cancelled_job_stops_at_its_next_step() {
        let cancel = Cancel::default();
        let mut seen = Vec::new();
        {
            let mut steps = cancel.guard(|p| seen.push(p.done));
            assert!(steps(Progress::new(1, 3, "a")).is_ok());
            cancel.cancel();
            let err = steps(Progress::new(2, 3, "a")).expect_err("stops");
            assert_eq!(err.code(), "cancelled");
        }
        assert_eq!(seen, vec![1], "the step after the cancel is not reported");
    }
}
