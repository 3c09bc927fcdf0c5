//! The university's sign-on (统一身份认证) through OpenID Connect and/or CAS (docs/sign-on.md).
//!
//! A sign-on starts at `GET /auth/oidc/start` or `/auth/cas/start`: the server keeps what the
//! return must match (state, nonce, PKCE verifier; or that a CAS sign-on was started) under a
//! random token in a short-lived cookie (HttpOnly, SameSite=Lax so that the provider's redirect
//! back carries it) and sends the browser to the provider. The return (`/auth/*/callback`) is
//! checked against it, the identity verified, the person's account found or made by the core
//! (account::sign_on), and the same session cookies as a password sign-in set. A refusal sends
//! the browser back to the sign-in page, which asks `GET /api/sign-on` what went wrong: the
//! message is the server's, never text from the address bar.

mod cas;
mod jwt;
mod oidc;

use crate::api::failure;
use crate::auth::{self, Client, Peer};
use crate::config;
use crate::state::{fault, Server};
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use transferdesk_api::{Failure, Kind};
use transferdesk_core::access::account;
use transferdesk_core::access::log::{self, Event};
use transferdesk_core::Actor;

/// The cookie naming a sign-on under way (or its refusal, until the page has shown it).
pub const FLOW_COOKIE: &str = "td_sign_on";

/// How long a person has at the provider before the sign-on must start again.
const FLOW_FOR: Duration = Duration::from_secs(600);

/// Sign-ons under way at once; beyond it the oldest are forgotten (a flood of starts cannot
/// grow the server's memory without end).
const FLOWS_MAX: usize = 10_000;

/// How long a CAS ticket is remembered as used: far beyond a ticket's life at the CAS server
/// (seconds to minutes), so that one is never accepted twice.
const TICKETS_FOR: Duration = Duration::from_secs(24 * 3600);

/// Tickets remembered at most (a day of a large university's sign-ons).
const TICKETS_MAX: usize = 200_000;

/// The person a provider vouches for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    /// Their employee ID (工号).
    pub employee_id: String,
    /// Their e-mail, when the provider gives it.
    pub email: Option<String>,
}

/// A refused sign-on: its code, and the sentence the sign-in page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// A stable code (docs/sign-on.md "Refusals").
    pub code: &'static str,
    /// For the person.
    pub message: String,
}

impl Refusal {
    fn new(code: &'static str, message: impl Into<String>) -> Refusal {
        Refusal { code, message: message.into() }
    }
}

impl From<Failure> for Refusal {
    fn from(f: Failure) -> Refusal {
        Refusal::new("internal", f.report.message)
    }
}

/// What a flow cookie stands for.
enum Flow {
    Oidc(oidc::Pending),
    Cas,
    Refused(Refusal),
}

/// The sign-on side of the server.
pub struct SignOn {
    oidc: Option<oidc::Provider>,
    cas: Option<config::Cas>,
    http: Http,
    /// By the hash of the flow cookie's token.
    flows: Mutex<HashMap<String, (Instant, Flow)>>,
    /// The hashes of the CAS tickets used.
    tickets: Mutex<HashMap<[u8; 32], Instant>>,
}

impl SignOn {
    /// The providers the settings name (none: the sign-in page offers passwords only).
    pub fn new(settings: &config::Settings) -> SignOn {
        SignOn {
            oidc: settings.oidc.clone().map(oidc::Provider::new),
            cas: settings.cas.clone(),
            http: Http::new(),
            flows: Mutex::new(HashMap::new()),
            tickets: Mutex::new(HashMap::new()),
        }
    }

    /// Keeps a flow under a new token; the token for the cookie.
    fn keep(&self, flow: Flow) -> Result<String, Refusal> {
        let token = random()?;
        let mut flows = self.flows.lock().unwrap_or_else(|e| e.into_inner());
        flows.retain(|_, (at, _)| at.elapsed() < FLOW_FOR);
        if flows.len() >= FLOWS_MAX {
            if let Some(oldest) = flows.iter().min_by_key(|(_, (at, _))| *at).map(|(k, _)| k.clone()) {
                flows.remove(&oldest);
            }
        }
        flows.insert(digest(&token), (Instant::now(), flow));
        Ok(token)
    }

    /// The refusal kept for a request's cookie, taken (shown once); a sign-on under way stays
    /// (the sign-in page opened in another tab must not end it).
    fn take_refusal(&self, headers: &HeaderMap) -> Option<Refusal> {
        let key = digest(&auth::cookie(headers, FLOW_COOKIE)?);
        let mut flows = self.flows.lock().unwrap_or_else(|e| e.into_inner());
        if !matches!(flows.get(&key), Some((_, Flow::Refused(_)))) {
            return None;
        }
        match flows.remove(&key) {
            Some((at, Flow::Refused(r))) if at.elapsed() < FLOW_FOR => Some(r),
            _ => None,
        }
    }

    /// The flow of a request's cookie, taken (a flow is used once), if it is still alive.
    fn take(&self, headers: &HeaderMap) -> Option<Flow> {
        let token = auth::cookie(headers, FLOW_COOKIE)?;
        let (at, flow) = self.flows.lock().unwrap_or_else(|e| e.into_inner()).remove(&digest(&token))?;
        (at.elapsed() < FLOW_FOR).then_some(flow)
    }

    /// Notes a CAS ticket as used; false if it was used before.
    fn first_use(&self, ticket: &str) -> bool {
        let hash: [u8; 32] = Sha256::digest(ticket.as_bytes()).into();
        let mut tickets = self.tickets.lock().unwrap_or_else(|e| e.into_inner());
        if tickets.len() >= TICKETS_MAX {
            tickets.retain(|_, at| at.elapsed() < TICKETS_FOR);
        }
        if tickets.len() >= TICKETS_MAX {
            if let Some(oldest) = tickets.iter().min_by_key(|(_, at)| **at).map(|(k, _)| *k) {
                tickets.remove(&oldest);
            }
        }
        tickets.insert(hash, Instant::now()).is_none()
    }
}

/// A random token (32 bytes, hex).
fn random() -> Result<String, Refusal> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| Refusal::new("internal", format!("服务器内部错误：no randomness: {e}")))?;
    Ok(hex::encode(bytes))
}

fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The HTTP client the server speaks to providers with: TLS checked against the host's trusted
/// certificates (a university's own CA, once installed on the host, included), short timeouts,
/// no redirects (an endpoint that moved is a configuration to correct, not to follow blindly).
pub struct Http {
    agent: ureq::Agent,
}

/// The largest answer read from a provider.
const ANSWER_MAX: u64 = 1024 * 1024;

impl Http {
    fn new() -> Http {
        let tls = ureq::tls::TlsConfig::builder().root_certs(ureq::tls::RootCerts::PlatformVerifier).build();
        let agent = ureq::Agent::config_builder()
            .tls_config(tls)
            .timeout_global(Some(Duration::from_secs(10)))
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .into();
        Http { agent }
    }

    /// The body of a GET answered 200.
    fn get(&self, url: &str, authorization: Option<&str>) -> Result<String, String> {
        let mut request = self.agent.get(url).header("accept", "application/json, application/xml;q=0.9, */*;q=0.1");
        if let Some(a) = authorization {
            request = request.header("authorization", a);
        }
        let mut answer = request.call().map_err(|e| format!("{url}: {e}"))?;
        let status = answer.status().as_u16();
        let body = answer.body_mut().with_config().limit(ANSWER_MAX).read_to_string().map_err(|e| format!("{url}: {e}"))?;
        if status != 200 {
            return Err(format!("{url}: HTTP {status}"));
        }
        Ok(body)
    }

    /// The status and body of a form POST.
    fn post_form(&self, url: &str, authorization: Option<&str>, form: &[(&str, String)]) -> Result<(u16, String), String> {
        let mut request = self.agent.post(url).header("accept", "application/json");
        if let Some(a) = authorization {
            request = request.header("authorization", a);
        }
        let mut answer = request.send_form(form.iter().map(|(k, v)| (*k, v.as_str()))).map_err(|e| format!("{url}: {e}"))?;
        let status = answer.status().as_u16();
        let body = answer.body_mut().with_config().limit(ANSWER_MAX).read_to_string().map_err(|e| format!("{url}: {e}"))?;
        Ok((status, body))
    }
}

/// The flow cookie: HttpOnly; SameSite=Lax, the provider's redirect back being a top-level GET
/// from another site; ten minutes. No token: its removal.
fn flow_cookie(token: Option<&str>, https: bool) -> HeaderValue {
    let secure = if https { "; Secure" } else { "" };
    let value = match token {
        Some(t) => format!("{FLOW_COOKIE}={t}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}", FLOW_FOR.as_secs()),
        None => format!("{FLOW_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    };
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static("td_sign_on=; Path=/; Max-Age=0"))
}

/// A 303 to `location`, never cached.
fn see_other(location: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Back to the sign-in page, which shows why (kept for it under a new flow cookie).
fn refuse(sign_on: &SignOn, client: &Client, method: &str, refusal: Refusal) -> Response {
    // The journal keeps every refusal (with the address) for IT; the access log only those that
    // touched an employee ID or an account (finish()).
    eprintln!("sign-on refused ({method}, {}): {}: {}", client.address, refusal.code, refusal.message);
    let mut response = see_other("/");
    if let Ok(token) = sign_on.keep(Flow::Refused(refusal)) {
        response.headers_mut().append(header::SET_COOKIE, flow_cookie(Some(&token), client.https));
    }
    response
}

/// `GET /api/sign-on` (no session needed): which sign-ons the page offers, and why the last one
/// of this browser was refused, once.
pub async fn info(State(server): State<Arc<Server>>, Peer(peer): Peer, headers: HeaderMap) -> Response {
    let sign_on = &server.sign_on;
    let refusal = sign_on.take_refusal(&headers);
    let mut labels = (sign_on.oidc.as_ref().map(|o| o.config.label.clone()), sign_on.cas.as_ref().map(|c| c.label.clone()));
    // Two buttons saying the same would leave the person guessing: each then names its protocol.
    if let (Some(oidc), Some(cas)) = &mut labels {
        if oidc == cas {
            oidc.push_str("（OpenID Connect）");
            cas.push_str("（CAS）");
        }
    }
    let offer = |label: Option<String>, start: &str| label.map(|l| serde_json::json!({ "label": l, "start": start }));
    let mut response = Json(serde_json::json!({
        "oidc": offer(labels.0, "/auth/oidc/start"),
        "cas": offer(labels.1, "/auth/cas/start"),
        "refusal": refusal.as_ref().map(|r| serde_json::json!({ "code": r.code, "message": r.message })),
    }))
    .into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if refusal.is_some() {
        let https = Client::of(&server, peer, &headers).https;
        response.headers_mut().append(header::SET_COOKIE, flow_cookie(None, https));
    }
    response
}

fn not_configured(what: &str) -> Response {
    failure(Failure::new(Kind::NotFound, "sign_on_not_configured", format!("本服务器未配置{what}统一身份认证")))
}

/// `GET /auth/oidc/start`: to the provider.
pub async fn oidc_start(State(server): State<Arc<Server>>, Peer(peer): Peer, headers: HeaderMap) -> Response {
    if server.sign_on.oidc.is_none() {
        return not_configured("OpenID Connect ");
    }
    let client = Client::of(&server, peer, &headers);
    let started = {
        let server = Arc::clone(&server);
        tokio::task::spawn_blocking(move || {
            let sign_on = &server.sign_on;
            let provider = sign_on.oidc.as_ref().ok_or_else(|| Refusal::new("sign_on_not_configured", "未配置"))?;
            let (url, pending) = provider.start(&sign_on.http)?;
            Ok::<_, Refusal>((url, sign_on.keep(Flow::Oidc(pending))?))
        })
        .await
    };
    match started {
        Ok(Ok((url, token))) => {
            let mut response = see_other(&url);
            response.headers_mut().append(header::SET_COOKIE, flow_cookie(Some(&token), client.https));
            response
        }
        Ok(Err(refusal)) => refuse(&server.sign_on, &client, "oidc", refusal),
        Err(e) => failure(fault(e)),
    }
}

/// `GET /auth/oidc/callback?code&state` (or `?error`): the provider's answer.
pub async fn oidc_callback(
    State(server): State<Arc<Server>>,
    Peer(peer): Peer,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let client = Client::of(&server, peer, &headers);
    if server.sign_on.oidc.is_none() {
        return not_configured("OpenID Connect ");
    }
    let pending = match server.sign_on.take(&headers) {
        Some(Flow::Oidc(p)) => p,
        _ => return refuse(&server.sign_on, &client, "oidc", expired()),
    };
    let state = query.get("state").map(String::as_str).unwrap_or("");
    if !jwt::constant_time_eq(state.as_bytes(), pending.state.as_bytes()) {
        return refuse(
            &server.sign_on,
            &client,
            "oidc",
            Refusal::new("state_mismatch", "统一身份认证的返回与本浏览器发起的登录不符（state 不一致），未登录：请重新登录"),
        );
    }
    if let Some(error) = query.get("error") {
        let description = query.get("error_description").map(String::as_str).unwrap_or("");
        let message =
            format!("统一身份认证服务未完成登录（{error}{}{description}），未登录", if description.is_empty() { "" } else { "：" });
        return refuse(&server.sign_on, &client, "oidc", Refusal::new("provider_error", message));
    }
    let Some(code) = query.get("code").cloned().filter(|c| !c.is_empty()) else {
        return refuse(&server.sign_on, &client, "oidc", Refusal::new("provider_error", "统一身份认证服务没有返回授权码，未登录"));
    };
    let done = {
        let server = Arc::clone(&server);
        let client = client.clone();
        tokio::task::spawn_blocking(move || {
            let provider = server.sign_on.oidc.as_ref().ok_or_else(|| Refusal::new("sign_on_not_configured", "未配置"))?;
            let identity = provider.finish(&server.sign_on.http, &code, &pending)?;
            finish(&server, &client, "oidc", &identity)
        })
        .await
    };
    signed_on(&server, &client, "oidc", done)
}

/// `GET /auth/cas/start`: to the CAS server.
pub async fn cas_start(State(server): State<Arc<Server>>, Peer(peer): Peer, headers: HeaderMap) -> Response {
    let Some(cas) = server.sign_on.cas.as_ref() else { return not_configured("CAS ") };
    let client = Client::of(&server, peer, &headers);
    let started = cas::login_url(cas).and_then(|url| Ok((url, server.sign_on.keep(Flow::Cas)?)));
    match started {
        Ok((url, token)) => {
            let mut response = see_other(&url);
            response.headers_mut().append(header::SET_COOKIE, flow_cookie(Some(&token), client.https));
            response
        }
        Err(refusal) => refuse(&server.sign_on, &client, "cas", refusal),
    }
}

/// `GET /auth/cas/callback?ticket`: the CAS server's answer.
pub async fn cas_callback(
    State(server): State<Arc<Server>>,
    Peer(peer): Peer,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if server.sign_on.cas.is_none() {
        return not_configured("CAS ");
    }
    let client = Client::of(&server, peer, &headers);
    // The sign-on must have started in this browser: a link carrying someone else's ticket must
    // not sign the person in as someone else.
    if !matches!(server.sign_on.take(&headers), Some(Flow::Cas)) {
        return refuse(&server.sign_on, &client, "cas", expired());
    }
    let ticket = query.get("ticket").cloned().unwrap_or_default();
    if !cas::well_formed(&ticket) {
        return refuse(&server.sign_on, &client, "cas", Refusal::new("ticket_invalid", "CAS 没有返回有效的票据，未登录：请重新登录"));
    }
    // Noted before it is validated: the same ticket sent twice at once is used once.
    if !server.sign_on.first_use(&ticket) {
        return refuse(
            &server.sign_on,
            &client,
            "cas",
            Refusal::new("ticket_replayed", "这张 CAS 票据已经使用过（拒绝重放），未登录：请重新登录"),
        );
    }
    let done = {
        let server = Arc::clone(&server);
        let client = client.clone();
        tokio::task::spawn_blocking(move || {
            let cas = server.sign_on.cas.as_ref().ok_or_else(|| Refusal::new("sign_on_not_configured", "未配置"))?;
            let identity = cas::validate(&server.sign_on.http, cas, &ticket)?;
            finish(&server, &client, "cas", &identity)
        })
        .await
    };
    signed_on(&server, &client, "cas", done)
}

fn expired() -> Refusal {
    Refusal::new(
        "sign_on_expired",
        "登录请求已失效（超过 10 分钟、已使用过，或不是从本浏览器发起），未登录：请回到登录页重新点击统一身份认证登录",
    )
}

/// The session of a verified identity: the person's account (made at the first sign-on), a
/// session and the access log's line; or the refusal, logged where it named an employee ID.
fn finish(
    server: &Server,
    client: &Client,
    method: &str,
    identity: &Identity,
) -> Result<transferdesk_core::access::session::Opened, Refusal> {
    let now = transferdesk_api::clock::now();
    let actor = Actor { name: format!("统一身份认证（{method}）"), at: now };
    let mut store = server.store()?;
    match account::sign_on(&mut store, &actor, &identity.employee_id, identity.email.as_deref()) {
        Ok(signed) => Ok(auth::open_session(store.conn(), &signed.account, client, now, method)?),
        Err(transferdesk_core::Error::Refused { code, detail }) if code == "identity_unknown" || code == "account_disabled" => {
            let (logged, message) = if code == "identity_unknown" {
                (
                    identity.employee_id.clone(),
                    format!("统一身份认证通过，但工号 {} 在本系统中没有对应人员，请联系成果转化办公室", identity.employee_id),
                )
            } else {
                (detail.clone(), format!("统一身份认证通过，但工号 {} 的账号 {detail} 已停用，请联系系统管理员", identity.employee_id))
            };
            log::record(store.conn(), now, &logged, &client.address, Event::SignInRefused, &format!("{method}: {code}"))
                .map_err(|e| Refusal::from(Failure::from(e)))?;
            Err(Refusal::new(code, message))
        }
        Err(e) => Err(Refusal::from(Failure::from(e))),
    }
}

/// The answer to a finished sign-on: the session's cookies and the way home, or the refusal.
fn signed_on(
    server: &Server,
    client: &Client,
    method: &str,
    done: Result<Result<transferdesk_core::access::session::Opened, Refusal>, tokio::task::JoinError>,
) -> Response {
    match done {
        Ok(Ok(opened)) => {
            let mut response = see_other("/");
            auth::set_cookies(&mut response, Some(&opened), client.https);
            response.headers_mut().append(header::SET_COOKIE, flow_cookie(None, client.https));
            response
        }
        Ok(Err(refusal)) => refuse(&server.sign_on, client, method, refusal),
        Err(e) => failure(fault(e)),
    }
}
