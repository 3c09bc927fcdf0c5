//! TransferDesk documents: the standard templates as .xlsx (and later the reward notices and the
//! annual report). Figures come from transferdesk-core; this crate only lays them out.

pub mod template_xlsx;

/// Why a document could not be written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The spreadsheet writer failed (e.g. the folder does not exist or is read-only).
    #[error("cannot write {path}: {message}")]
    Write {
        /// The file.
        path: String,
        /// The writer's reason.
        message: String,
    },
    /// Reading the records failed.
    #[error(transparent)]
    Core(#[from] transferdesk_core::Error),
}

impl Error {
    /// The stable code shown to scripts and the UI.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Write { .. } => "io",
            Error::Core(e) => e.code(),
        }
    }
}
