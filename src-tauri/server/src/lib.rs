//! The TransferDesk server: the command table over HTTP (`POST /api/<name>`), the built UI, file
//! uploads and downloads, and the progress of long jobs — one process owning one data file, so
//! that several browsers can work on it where a shared network drive would corrupt it.

mod api;
mod files;
mod progress;
mod state;
mod ui;

pub use state::{Options, Server};

use axum::routing::{get, post};
use axum::Router;
use std::sync::Arc;

/// The largest JSON body a command takes (a long policy or mapping is a few kB).
pub const JSON_LIMIT: usize = 2 * 1024 * 1024;

/// The largest upload (an attachment may be 100 MB; a large workbook a few tens of MB).
pub const UPLOAD_LIMIT: usize = 110 * 1024 * 1024;

/// Every route of the server.
pub fn router(server: Arc<Server>) -> Router {
    Router::new()
        .route("/api/upload", post(files::upload))
        .route("/api/download/{token}", get(files::download))
        .route("/api/jobs/{id}", get(progress::events))
        .route("/api/{name}", post(api::call).get(api::wrong_method))
        .fallback(get(ui::asset))
        .with_state(server)
}
