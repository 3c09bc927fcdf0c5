//! A server on a fresh small demo file with one account of every role, and requests sent through
//! its router as one of them.

use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::BodyExt;
use std::sync::Arc;
use tower::ServiceExt;
use transferdesk_core::access::account::{self, AccountInput};
use transferdesk_core::access::Role;
use transferdesk_core::{demo, Actor, Store};
use transferdesk_server::config::{File, Settings};
use transferdesk_server::{router, Server};

/// Every account's password in the tests.
pub const PASSWORD: &str = "correct horse 2026";

/// The secretary's 学院 (a department of the small demo).
pub const SECRETARY_DEPARTMENT: &str = "计算机学院";

/// A server and the folder of its data file.
pub struct Running {
    pub server: Arc<Server>,
    pub db: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

/// A signed-in browser: its cookies and CSRF token.
#[derive(Clone, Debug)]
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

fn at() -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("date")
}

/// The small demo as of 2026-11-23, with the accounts `admin`, `office`, `secretary` (of
/// [`SECRETARY_DEPARTMENT`]), `finance`, `leader` and `inventor` (T0001), each with the address
/// `<login>@test.edu.cn`, behind a server.
pub fn demo_server() -> Running {
    demo_server_with(|_| {})
}

/// [`demo_server`] with settings of a test's own (e.g. the university's sign-on).
pub fn demo_server_with(change: impl FnOnce(&mut Settings)) -> Running {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    let actor = Actor { name: "test".into(), at: at() };
    demo::create(&db, demo::Scale::Small, 1, &actor).expect("demo");
    {
        let mut store = Store::open(&db).expect("open");
        for role in Role::ALL {
            let input = AccountInput {
                id: None,
                login: role.key().into(),
                name: format!("{} 测试", role.label()),
                role: Some(role),
                department: (role == Role::Secretary).then(|| SECRETARY_DEPARTMENT.into()),
                employee_id: (role == Role::Inventor).then(|| "T0001".into()),
                email: Some(format!("{}@test.edu.cn", role.key())),
                version: 0,
            };
            account::save(&mut store, &actor, &input, Some(PASSWORD)).expect("account");
        }
    }
    let mut settings = Settings::resolve(File::default(), File { data_file: Some(db.clone()), ..File::default() }).expect("settings");
    change(&mut settings);
    let server = Server::open(&settings).expect("server opens");
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

    /// The cookies it sets, as one `Cookie` header.
    pub fn cookies(&self) -> String {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter_map(|v| v.split(';').next())
            .collect::<Vec<_>>()
            .join("; ")
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

/// Signs in as `login` with the tests' password.
pub async fn sign_in(running: &Running, login: &str) -> Session {
    let body = serde_json::json!({"login": login, "password": PASSWORD}).to_string();
    let reply = send(running, Method::POST, "/auth/login", &[("content-type", "application/json")], body).await;
    assert_eq!(reply.status, StatusCode::OK, "{login} signs in: {}", String::from_utf8_lossy(&reply.body));
    Session { cookie: reply.cookies(), csrf: reply.json()["csrf"].as_str().expect("csrf").to_string() }
}

/// `POST /api/<command>` with a JSON body, as `session`.
pub async fn call_as(running: &Running, session: &Session, command: &str, args: &serde_json::Value) -> Reply {
    let headers = [("content-type", "application/json"), ("cookie", session.cookie.as_str()), ("x-csrf-token", session.csrf.as_str())];
    send(running, Method::POST, &format!("/api/{command}"), &headers, args.to_string()).await
}

/// `POST /api/<command>` as the office.
pub async fn call(running: &Running, command: &str, args: &serde_json::Value) -> Reply {
    let session = sign_in(running, "office").await;
    call_as(running, &session, command, args).await
}

/// `GET` as `session`.
pub async fn get_as(running: &Running, session: &Session, uri: &str) -> Reply {
    send(running, Method::GET, uri, &[("cookie", session.cookie.as_str())], "").await
}

/// How many audit entries the data file holds (nothing written means this does not move).
pub fn audit_entries(running: &Running) -> i64 {
    let conn = rusqlite::Connection::open(&running.db).expect("open");
    conn.query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0)).expect("count")
}
