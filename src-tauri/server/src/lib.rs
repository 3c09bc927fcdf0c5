//! The TransferDesk office server: the command table over HTTP (`POST /api/<name>`) for signed-in
//! accounts, each within its role; the same UI as the desktop app; file uploads and downloads; the
//! progress of long jobs; daily backups — one process owning one data file, so that a whole office
//! works on it where a file on a shared drive would be corrupted.

mod api;
mod auth;
pub mod config;
mod files;
pub mod mail;
mod password;
mod progress;
mod readers;
pub mod schedule;
mod sso;
mod state;
mod throttle;
mod ui;

pub use state::Server;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use std::sync::Arc;

/// The largest JSON body a command takes (a long policy or mapping is a few kB).
pub const JSON_LIMIT: usize = 2 * 1024 * 1024;

/// The largest upload (an attachment may be 100 MB; a large workbook a few tens of MB).
pub const UPLOAD_LIMIT: usize = 110 * 1024 * 1024;

/// Every route of the server.
pub fn router(server: Arc<Server>) -> Router {
    let tls = server.tls;
    Router::new()
        .route("/auth/login", post(auth::login))
        .route("/auth/logout", post(auth::logout))
        .route("/auth/logout-everywhere", post(auth::logout_everywhere))
        .route("/auth/password", post(auth::password))
        .route("/auth/oidc/start", get(sso::oidc_start))
        .route("/auth/oidc/callback", get(sso::oidc_callback))
        .route("/auth/cas/start", get(sso::cas_start))
        .route("/auth/cas/callback", get(sso::cas_callback))
        .route("/api/sign-on", get(sso::info))
        .route("/api/upload", post(files::upload))
        .route("/api/download/{token}", get(files::download))
        .route("/api/jobs/{id}", get(progress::events))
        .route("/api/{name}", post(api::call).get(api::wrong_method))
        .fallback(get(ui::asset))
        .layer(DefaultBodyLimit::max(JSON_LIMIT))
        .layer(axum::middleware::map_response(move |response| secure(response, tls)))
        .with_state(server)
}

/// The headers every answer carries: no sniffing, no framing, no referrer; HSTS under TLS.
async fn secure(mut response: Response, tls: bool) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"));
    }
    if tls {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    }
    response
}
