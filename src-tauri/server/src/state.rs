//! What the server holds: the open data file, the sessions' rules, the sign-in throttle, the jobs
//! under way, and the files passing through.

use crate::config::Settings;
use crate::files::Files;
use crate::progress::Board;
use crate::readers::{Reader, Readers};
use crate::throttle::Throttle;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use transferdesk_api::{Failure, Jobs, Kind};
use transferdesk_core::access::session::Lifetime;
use transferdesk_core::Store;

/// How many read-only stores serve reads at once: more than the cores, so that a read waiting
/// for the disk does not hold the others up; each keeps its own page cache (4 MB).
const READERS: usize = 4;

/// The server's state, shared by every request.
pub struct Server {
    store: Mutex<Store>,
    /// Read-only stores of the same file: read-only commands, and who a request is — asked
    /// while a long job holds the writer (the person who started it can still cancel it).
    readers: Readers,
    pub(crate) jobs: Jobs,
    pub(crate) board: Arc<Board>,
    pub(crate) files: Files,
    pub(crate) ui_dir: Option<PathBuf>,
    /// How long sessions live.
    pub(crate) lifetime: Lifetime,
    /// Whether the server speaks HTTPS itself (cookies are then Secure).
    pub(crate) tls: bool,
    /// Whether a reverse proxy on this machine terminates TLS (its headers are then believed).
    pub(crate) behind_proxy: bool,
    pub(crate) throttle: Throttle,
    pub(crate) passwords: crate::password::Passwords,
    /// The university's sign-on, when configured.
    pub(crate) sign_on: crate::sso::SignOn,
}

impl Server {
    /// Opens the data file (which must exist: the server never creates an empty one) and a
    /// private folder for uploads and downloads.
    pub fn open(settings: &Settings) -> Result<Server, transferdesk_core::Error> {
        let store = Store::open(&settings.data_file)?;
        let readers = Readers::open(&store, READERS)?;
        let board = Arc::new(Board::default());
        let told = Arc::clone(&board);
        Ok(Server {
            store: Mutex::new(store),
            readers,
            jobs: Jobs::new(move |id, progress| told.tell(id, progress)),
            board,
            files: Files::new()?,
            ui_dir: settings.ui_dir.clone(),
            lifetime: Lifetime { idle: chrono::Duration::minutes(settings.session_idle_minutes.into()), ..Lifetime::default() },
            tls: settings.tls.is_some(),
            behind_proxy: settings.behind_proxy,
            throttle: Throttle::default(),
            passwords: crate::password::Passwords::start()
                .map_err(|e| transferdesk_core::Error::Database(format!("cannot start the passwords' thread: {e}")))?,
            sign_on: crate::sso::SignOn::new(settings),
        })
    }

    /// The store, held for one command (writes are serialized by it).
    pub(crate) fn store(&self) -> Result<MutexGuard<'_, Store>, Failure> {
        // A command that panicked is reported as a failure; the store itself stays consistent
        // (every change is one transaction), so the next request may use it.
        Ok(self.store.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// The store when nobody holds it, for writes that may wait for a later request.
    pub(crate) fn store_if_free(&self) -> Option<MutexGuard<'_, Store>> {
        match self.store.try_lock() {
            Ok(store) => Some(store),
            Err(std::sync::TryLockError::Poisoned(p)) => Some(p.into_inner()),
            Err(std::sync::TryLockError::WouldBlock) => None,
        }
    }

    /// A read-only store, for one command or one question.
    pub(crate) fn reader(&self) -> Reader<'_> {
        self.readers.get()
    }

    /// How many accounts exist.
    pub fn accounts(&self) -> Result<i64, Failure> {
        Ok(transferdesk_core::access::account::count(self.store()?.conn())?)
    }

    /// Closes the data file cleanly (the WAL is checkpointed when the last connection closes).
    pub fn close(self) {
        self.readers.close();
        drop(self.store.into_inner().unwrap_or_else(|e| e.into_inner()));
    }
}

/// A failure of the server itself (not of a command).
pub(crate) fn fault(what: impl std::fmt::Display) -> Failure {
    Failure::new(Kind::Internal, "internal", format!("服务器内部错误：{what}"))
}
