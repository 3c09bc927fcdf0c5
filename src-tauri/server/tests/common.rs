//! A server on a fresh small demo file, and requests sent through its router.

use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::BodyExt;
use std::sync::Arc;
use tower::ServiceExt;
use transferdesk_core::{demo, Actor};
use transferdesk_server::{router, Options, Server};

/// A server and the folder of its data file.
pub struct Running {
    pub server: Arc<Server>,
    pub db: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

/// The small demo as of 2026-11-23, behind a server.
pub fn demo_server() -> Running {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("date");
    demo::create(&db, demo::Scale::Small, 1, &Actor { name: "test".into(), at }).expect("demo");
    let server = Server::open(&Options { db: db.clone(), ui_dir: None }).expect("server opens");
    Running { server: Arc::new(server), db, _dir: dir }
}

/// What came back.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
}

/// Sends one request.
pub async fn send(running: &Running, method: Method, uri: &str, headers: &[(&str, &str)], body: impl Into<Body>) -> Reply {
    let mut request = Request::builder().method(method).uri(uri);
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    let response = router(Arc::clone(&running.server)).oneshot(request.body(body.into()).expect("request")).await.expect("router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.expect("body").to_bytes().to_vec();
    Reply { status, headers, body }
}

/// `POST /api/<command>` with a JSON body.
pub async fn call(running: &Running, command: &str, args: &serde_json::Value) -> Reply {
    send(running, Method::POST, &format!("/api/{command}"), &[("content-type", "application/json")], args.to_string()).await
}

/// How many audit entries the data file holds (nothing written means this does not move).
pub fn audit_entries(running: &Running) -> i64 {
    let conn = rusqlite::Connection::open(&running.db).expect("open");
    conn.query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0)).expect("count")
}
