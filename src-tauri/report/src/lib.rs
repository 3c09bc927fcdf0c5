//! TransferDesk documents: the standard templates as .xlsx, and the reward documents of a saved
//! distribution (the finance sheet, the publicity notice, the personal statements), and the annual
//! transformation report (XLSX and PDF). Figures come
//! from transferdesk-core; this crate only lays them out.

pub mod annual;
mod approved;
pub mod evidence;
pub mod fees;
mod list_style;
pub mod notice;
pub mod payroll;
mod pdf;
pub mod statement;
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
    /// The PDF could not be laid out or serialized (e.g. the embedded font would not load).
    #[error("cannot make the PDF {path}: {message}")]
    Pdf {
        /// The file.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// Reading the records failed, or the distribution may not have this document yet.
    #[error(transparent)]
    Core(#[from] transferdesk_core::Error),
}

impl Error {
    /// The stable code shown to scripts and the UI.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Write { .. } => "io",
            Error::Pdf { .. } => "pdf",
            Error::Core(e) => e.code(),
        }
    }
}
