//! Signing in and out, and the session every other request needs.
//!
//! A session is a random token in an HttpOnly, SameSite=Strict cookie (Secure under HTTPS); the
//! store keeps its hash. Every state-changing request also carries the session's CSRF token in the
//! `x-csrf-token` header (the page reads it from a second, readable cookie), and its Origin, when
//! the browser sends one, must be this server: a form posted from another site carries neither.
//! Sign-ins are throttled per account and per address.

use crate::api::failure;
use crate::state::{fault, Server};
use crate::throttle::Key;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use std::net::SocketAddr;
use std::sync::Arc;
use transferdesk_api::{Failure, Kind};
use transferdesk_core::access::account::{self, Account};
use transferdesk_core::access::log::{self, Event};
use transferdesk_core::access::session;

/// The session cookie.
pub const SESSION_COOKIE: &str = "td_session";
/// The cookie the page reads its CSRF token from.
pub const CSRF_COOKIE: &str = "td_csrf";
/// The header the page sends it back in.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The TCP peer of a request, when the server records it (not in tests that call the router
/// directly).
#[derive(Clone, Copy, Debug)]
pub struct Peer(pub Option<SocketAddr>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Peer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, _: &S) -> Result<Peer, Self::Rejection> {
        Ok(Peer(parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0)))
    }
}

/// Where a request comes from.
#[derive(Clone, Debug)]
pub struct Client {
    /// The browser's address (the proxy's `X-Forwarded-For` when it is trusted).
    pub address: String,
    /// Whether the browser speaks HTTPS to us (or to the trusted proxy).
    pub https: bool,
}

impl Client {
    /// The client of a request: a proxy's `X-Forwarded-*` headers are believed only when the
    /// server is configured behind one and the connection comes from this machine.
    pub fn of(server: &Server, peer: Option<SocketAddr>, headers: &HeaderMap) -> Client {
        let trusted = server.behind_proxy && peer.is_some_and(|p| p.ip().is_loopback());
        let forwarded = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim).filter(|v| !v.is_empty());
        let address = match (trusted, forwarded("x-forwarded-for")) {
            (true, Some(list)) => list.split(',').next().unwrap_or_default().trim().to_string(),
            _ => peer.map(|p| p.ip().to_string()).unwrap_or_default(),
        };
        let https = server.tls || (trusted && forwarded("x-forwarded-proto").is_some_and(|p| p.eq_ignore_ascii_case("https")));
        Client { address, https }
    }
}

/// A signed-in request.
pub struct Signed {
    /// Whose session it is.
    pub account: Account,
    /// The cookie's token.
    pub token: String,
    /// Where from.
    pub client: Client,
}

/// The session of a request, or why there is none: not signed in (401), or a state-changing
/// request without its CSRF token or from another site (403).
pub async fn signed(server: &Arc<Server>, method: &Method, headers: &HeaderMap, peer: Option<SocketAddr>) -> Result<Signed, Failure> {
    let client = Client::of(server, peer, headers);
    let token = cookie(headers, SESSION_COOKIE).ok_or_else(not_signed_in)?;
    let found = {
        let server = Arc::clone(server);
        let token = token.clone();
        tokio::task::spawn_blocking(move || {
            let now = transferdesk_api::clock::now();
            let found = session::lookup(server.reader().conn(), &token, now, server.lifetime)?;
            // Noting the use (or removing an ended session) waits for a request that finds the
            // store free: the session is decided by what was read.
            if let Some(upkeep) = found.upkeep {
                if let Some(store) = server.store_if_free() {
                    session::upkeep(store.conn(), &token, now, upkeep)?;
                }
            }
            Ok::<_, Failure>(found.current)
        })
        .await
        .map_err(fault)??
    };
    let current = found.ok_or_else(not_signed_in)?;
    if changes_state(method) {
        same_origin(headers)?;
        let sent = headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()).unwrap_or_default();
        if !constant_time_eq(sent.as_bytes(), current.csrf.as_bytes()) {
            return Err(Failure::new(Kind::Forbidden, "csrf", "请求缺少有效的安全令牌（请刷新页面后重试）"));
        }
    }
    Ok(Signed { account: current.account, token, client })
}

fn changes_state(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// A browser names the page a request comes from; it must be this server's.
fn same_origin(headers: &HeaderMap) -> Result<(), Failure> {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else { return Ok(()) };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let forwarded = headers.get("x-forwarded-host").and_then(|v| v.to_str().ok());
    let origin_host = origin.split_once("://").map_or("", |(_, rest)| rest);
    if origin_host == host || forwarded.is_some_and(|f| f == origin_host) {
        Ok(())
    } else {
        Err(Failure::new(Kind::Forbidden, "cross_site", "拒绝来自其他网站的请求"))
    }
}

fn not_signed_in() -> Failure {
    Failure::new(Kind::Unauthenticated, "not_signed_in", "请先登录")
}

/// A cookie's value.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
        .filter(|v| !v.is_empty())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The two cookies of a new session (or their removal when `opened` is none).
pub(crate) fn set_cookies(response: &mut Response, opened: Option<&session::Opened>, https: bool) {
    let secure = if https { "; Secure" } else { "" };
    let (token, csrf, age) = match opened {
        Some(o) => (o.token.as_str(), o.csrf.as_str(), ""),
        None => ("", "", "; Max-Age=0"),
    };
    for value in [
        format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict{secure}{age}"),
        format!("{CSRF_COOKIE}={csrf}; Path=/; SameSite=Strict{secure}{age}"),
    ] {
        if let Ok(v) = HeaderValue::from_str(&value) {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SignIn {
    login: String,
    password: String,
}

/// `POST /auth/login` `{login, password}`: a new session (a new token, whatever cookie came in).
pub async fn login(State(server): State<Arc<Server>>, Peer(peer): Peer, headers: HeaderMap, body: Bytes) -> Response {
    let client = Client::of(&server, peer, &headers);
    if let Err(f) = json_only(&headers).and_then(|()| same_origin(&headers)) {
        return failure(f);
    }
    let Ok(form) = serde_json::from_slice::<SignIn>(&body) else {
        return failure(Failure::bad_argument("", "{\"login\": …, \"password\": …}"));
    };
    let outcome = {
        let server = Arc::clone(&server);
        let client = client.clone();
        let checker = Arc::clone(&server);
        checker.passwords.run(move || sign_in(&server, &client, &form.login, &form.password)).await
    };
    match outcome {
        Some(Ok((account, opened))) => {
            let mut response = Json(serde_json::json!({ "account": account, "csrf": opened.csrf })).into_response();
            set_cookies(&mut response, Some(&opened), client.https);
            response
        }
        Some(Err(f)) => failure(f),
        None => failure(fault("the passwords' thread has stopped")),
    }
}

/// Checks a password under the throttle; a session on success.
fn sign_in(server: &Server, client: &Client, login: &str, password: &str) -> Result<(Account, session::Opened), Failure> {
    let account = verify(server, client, login, password)?;
    let now = transferdesk_api::clock::now();
    let store = server.store()?;
    let opened = open_session(store.conn(), &account, client, now, "password")?;
    Ok((account, opened))
}

/// A new session of `account` and its line in the access log (`how`: `password`, or the
/// university's sign-on `oidc` / `cas`).
pub(crate) fn open_session(
    conn: &rusqlite::Connection,
    account: &Account,
    client: &Client,
    now: chrono::NaiveDateTime,
    how: &str,
) -> Result<session::Opened, Failure> {
    let opened = session::open(conn, account, &client.address, now)?;
    log::record(conn, now, &account.login, &client.address, Event::SignIn, how)?;
    Ok(opened)
}

/// The account whose password this is, under the throttle: after five refusals in fifteen
/// minutes the account (and, separately, the address) waits fifteen minutes, even for the right
/// password. Every refusal is in the access log.
fn verify(server: &Server, client: &Client, login: &str, password: &str) -> Result<Account, Failure> {
    let now = transferdesk_api::clock::now();
    let keys = [Key::Account(login.trim().to_lowercase()), Key::Address(client.address.clone())];
    if let Some(wait) = keys.iter().find_map(|k| server.throttle.locked(k, now)) {
        log::record(server.store()?.conn(), now, login, &client.address, Event::SignInLocked, "")?;
        let minutes = (wait.num_seconds() + 59) / 60;
        return Err(Failure::new(Kind::Throttled, "sign_in_locked", format!("登录失败次数过多，请 {minutes} 分钟后再试")));
    }
    // The hash is checked on a reader: the writer stays free for everyone else's saves.
    match account::check_password(server.reader().conn(), login, password)? {
        Some(account) => {
            server.throttle.clear(&keys[0]);
            Ok(account)
        }
        None => {
            for k in &keys {
                server.throttle.fail(k, now);
            }
            log::record(server.store()?.conn(), now, login, &client.address, Event::SignInRefused, "")?;
            Err(Failure::new(Kind::Unauthenticated, "sign_in_refused", "登录名或密码错误（或账号已停用）"))
        }
    }
}

/// `POST /auth/logout`: this session ends.
pub async fn logout(State(server): State<Arc<Server>>, Peer(peer): Peer, method: Method, headers: HeaderMap) -> Response {
    end(server, peer, method, headers, false).await
}

/// `POST /auth/logout-everywhere`: every session of the account ends.
pub async fn logout_everywhere(State(server): State<Arc<Server>>, Peer(peer): Peer, method: Method, headers: HeaderMap) -> Response {
    end(server, peer, method, headers, true).await
}

async fn end(server: Arc<Server>, peer: Option<SocketAddr>, method: Method, headers: HeaderMap, everywhere: bool) -> Response {
    let signed = match signed(&server, &method, &headers, peer).await {
        Ok(s) => s,
        Err(f) => return failure(f),
    };
    let https = signed.client.https;
    let done = tokio::task::spawn_blocking(move || -> Result<(), Failure> {
        let store = server.store()?;
        let now = transferdesk_api::clock::now();
        if everywhere {
            session::close_all(store.conn(), signed.account.id)?;
            log::record(store.conn(), now, &signed.account.login, &signed.client.address, Event::SignOutEverywhere, "")?;
        } else {
            session::close(store.conn(), &signed.token)?;
            log::record(store.conn(), now, &signed.account.login, &signed.client.address, Event::SignOut, "")?;
        }
        Ok(())
    })
    .await;
    match done {
        Ok(Ok(())) => {
            let mut response = StatusCode::NO_CONTENT.into_response();
            set_cookies(&mut response, None, https);
            response
        }
        Ok(Err(f)) => failure(f),
        Err(e) => failure(fault(e)),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PasswordChange {
    old: String,
    new: String,
}

/// `POST /auth/password` `{old, new}`: the person's own change; every other session ends, this
/// browser gets a new one.
pub async fn password(State(server): State<Arc<Server>>, Peer(peer): Peer, method: Method, headers: HeaderMap, body: Bytes) -> Response {
    let signed = match signed(&server, &method, &headers, peer).await {
        Ok(s) => s,
        Err(f) => return failure(f),
    };
    let Ok(change) = serde_json::from_slice::<PasswordChange>(&body) else {
        return failure(Failure::bad_argument("", "{\"old\": …, \"new\": …}"));
    };
    let https = signed.client.https;
    let checker = Arc::clone(&server);
    let done = checker
        .passwords
        .run(move || -> Result<session::Opened, Failure> {
            // The old password is checked under the same throttle as a sign-in.
            verify(&server, &signed.client, &signed.account.login, &change.old)?;
            let now = transferdesk_api::clock::now();
            let actor = transferdesk_core::Actor { name: signed.account.actor_name(), at: now };
            let mut store = server.store()?;
            account::set_password(&mut store, &actor, signed.account.id, &change.new)?;
            Ok(session::open(store.conn(), &signed.account, &signed.client.address, now)?)
        })
        .await;
    match done {
        Some(Ok(opened)) => {
            let mut response = Json(serde_json::json!({ "csrf": opened.csrf })).into_response();
            set_cookies(&mut response, Some(&opened), https);
            response
        }
        Some(Err(f)) => failure(f),
        None => failure(fault("the passwords' thread has stopped")),
    }
}

/// A sign-in is JSON: a form posted from another site cannot send that without the browser
/// asking this server first (which it refuses).
fn json_only(headers: &HeaderMap) -> Result<(), Failure> {
    let json = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("application/json"));
    if json {
        Ok(())
    } else {
        Err(Failure::new(Kind::BadRequest, "bad_request", "登录请求须为 JSON"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_read_by_name_only() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("a=1; td_session=abc; td_csrf=def"));
        assert_eq!(cookie(&headers, SESSION_COOKIE).as_deref(), Some("abc"));
        assert_eq!(cookie(&headers, CSRF_COOKIE).as_deref(), Some("def"));
        assert_eq!(cookie(&headers, "session"), None);
    }

    #[test]
    fn another_sites_origin_is_refused() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_static("td.example.edu.cn"));
        headers.insert(header::ORIGIN, HeaderValue::from_static("https://evil.example.com"));
        assert!(same_origin(&headers).is_err());
        headers.insert(header::ORIGIN, HeaderValue::from_static("https://td.example.edu.cn"));
        assert!(same_origin(&headers).is_ok());
    }
}
