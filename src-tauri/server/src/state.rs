//! What the server holds: the open data file, the jobs under way, and the files passing through.

use crate::files::Files;
use crate::progress::Board;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use transferdesk_api::{Failure, Jobs, Kind};
use transferdesk_core::Store;

/// How the server was started.
#[derive(Clone, Debug)]
pub struct Options {
    /// The data file.
    pub db: PathBuf,
    /// Serve the UI from this folder instead of the one built in.
    pub ui_dir: Option<PathBuf>,
}

/// The server's state, shared by every request.
pub struct Server {
    store: Mutex<Store>,
    pub(crate) jobs: Jobs,
    pub(crate) board: Arc<Board>,
    pub(crate) files: Files,
    pub(crate) ui_dir: Option<PathBuf>,
}

impl Server {
    /// Opens the data file (which must exist: the server never creates an empty one) and a
    /// private folder for uploads and downloads.
    pub fn open(options: &Options) -> Result<Server, transferdesk_core::Error> {
        let store = Store::open(&options.db)?;
        let board = Arc::new(Board::default());
        let told = Arc::clone(&board);
        Ok(Server {
            store: Mutex::new(store),
            jobs: Jobs::new(move |id, progress| told.tell(id, progress)),
            board,
            files: Files::new()?,
            ui_dir: options.ui_dir.clone(),
        })
    }

    /// The store, held for one command (writes are serialized by it).
    pub(crate) fn store(&self) -> Result<MutexGuard<'_, Store>, Failure> {
        // A command that panicked is reported as a failure; the store itself stays consistent
        // (every change is one transaction), so the next request may use it.
        Ok(self.store.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Closes the data file cleanly (the WAL is checkpointed when the last connection closes).
    pub fn close(self) -> Result<(), Failure> {
        let store = self.store.into_inner().unwrap_or_else(|e| e.into_inner());
        drop(store);
        Ok(())
    }
}

/// A failure of the server itself (not of a command).
pub(crate) fn fault(what: impl std::fmt::Display) -> Failure {
    Failure::new(Kind::Internal, "internal", format!("服务器内部错误：{what}"))
}
