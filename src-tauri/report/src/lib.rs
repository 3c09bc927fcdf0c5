//! TransferDesk documents: the standard templates as .xlsx, and the reward documents of a saved
//! distribution (the finance sheet, the publicity notice, the personal statements), and the annual
//! transformation report (XLSX and PDF). Figures come
//! from transferdesk-core; this crate only lays them out.

pub mod annual;
mod approved;
pub mod cnipa;
pub mod demo;
pub mod evidence;
pub mod fees;
mod list_style;
pub mod lists;
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

/// Writes a finished document to `path`: owner-only and atomic (a temporary file in the same
/// folder, renamed into place), so that a full disk never leaves an empty or partial file under
/// the final name (core `store::file::write_private`).
pub(crate) fn save(path: &std::path::Path, bytes: &[u8]) -> Result<(), Error> {
    transferdesk_core::store::file::write_private(path, bytes)
        .map_err(|e| Error::Write { path: path.display().to_string(), message: e.to_string() })
}

/// Writes a workbook through [`save`].
pub(crate) fn save_book(book: &mut rust_xlsxwriter::Workbook, path: &std::path::Path) -> Result<(), Error> {
    let bytes = book.save_to_buffer().map_err(|e| Error::Write { path: path.display().to_string(), message: e.to_string() })?;
    save(path, &bytes)
}

/// Writes a document with personal data through [`save`], with its audit entry (core
/// `store::audit::write_disclosed`: who, when, what and where — never the numbers).
pub(crate) fn save_disclosed(
    store: &mut transferdesk_core::Store,
    actor: &transferdesk_core::Actor,
    disclosure: &transferdesk_core::store::audit::Disclosure<'_>,
    bytes: &[u8],
) -> Result<(), Error> {
    transferdesk_core::store::audit::write_disclosed(store, actor, disclosure, bytes).map_err(|e| match e {
        transferdesk_core::Error::Io { message, .. } => Error::Write { path: disclosure.file.display().to_string(), message },
        other => Error::Core(other),
    })
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
