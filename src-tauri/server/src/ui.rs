//! The built UI (`ui/dist`), the same screens the desktop app shows, embedded in the binary so
//! that the server is one file to install (`--ui-dir` serves another build instead, for
//! developing the screens).

use crate::state::Server;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use std::borrow::Cow;
use std::sync::Arc;

#[derive(rust_embed::Embed)]
#[folder = "../../ui/dist"]
struct Dist;

/// The same policy as the desktop app's window, with the server's own origin for the API.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; \
                   font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// `GET /<path>`: a file of the UI; any other path is the UI's start page (its routes are hashes).
pub async fn asset(State(server): State<Arc<Server>>, uri: Uri) -> Response {
    let path = uri.path().trim_start_matches('/');
    let (data, found) = match read(&server, path) {
        Some(data) if !path.is_empty() => (data, path),
        _ => match read(&server, "index.html") {
            Some(data) => (data, "index.html"),
            None => return (StatusCode::SERVICE_UNAVAILABLE, "the UI was not built (make ui)").into_response(),
        },
    };
    let mime = mime_guess::from_path(found).first_or_octet_stream();
    let mut response = (StatusCode::OK, data.into_owned()).into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(mime.as_ref()) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    // Vite names every asset by its hash; the page itself must be fetched anew.
    let cache = if found.starts_with("assets/") { "public, max-age=31536000, immutable" } else { "no-cache" };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}

/// A file of the UI: from `--ui-dir` when given (no component may climb out of it), else built in.
fn read(server: &Server, path: &str) -> Option<Cow<'static, [u8]>> {
    match &server.ui_dir {
        Some(dir) => {
            if path.split('/').any(|part| part == ".." || part.contains('\\')) {
                return None;
            }
            std::fs::read(dir.join(path)).ok().map(Cow::Owned)
        }
        None => Dist::get(path).map(|file| file.data),
    }
}
