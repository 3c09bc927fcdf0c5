//! The university's sign-on: the account the core finds or makes for a verified employee ID
//! (account::sign_on), and what the sign-in page is told when nothing is configured. The flows
//! themselves run against a real OpenID provider and CAS server in tests/sso.

use crate::common::{demo_server, demo_server_with, send};
use axum::http::{Method, StatusCode};
use transferdesk_core::access::account::{self, AccountInput};
use transferdesk_core::access::Role;
use transferdesk_core::{Actor, Store};
use transferdesk_server::config;

fn actor() -> Actor {
    Actor {
        name: "统一身份认证（test）".into(),
        at: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("date"),
    }
}

fn code(e: transferdesk_core::Error) -> &'static str {
    e.code()
}

#[test]
fn a_person_s_first_sign_on_makes_an_inventor_account_the_next_ones_reuse_it() {
    let running = demo_server();
    let mut store = Store::open(&running.db).expect("open");
    let first = account::sign_on(&mut store, &actor(), " T0002 ", Some("li@example.edu.cn")).expect("signed on");
    assert!(first.created);
    let a = &first.account;
    assert_eq!((a.login.as_str(), a.role, a.employee_id.as_deref(), a.has_password), ("T0002", Role::Inventor, Some("T0002"), false));
    let email: Option<String> = store.conn().query_row("SELECT email FROM account WHERE id = ?1", [a.id], |r| r.get(0)).expect("email");
    assert_eq!(email.as_deref(), Some("li@example.edu.cn"));
    // Another address from the provider later does not replace the one the account has.
    let again = account::sign_on(&mut store, &actor(), "T0002", Some("other@example.edu.cn")).expect("again");
    assert_eq!((again.created, again.account.id), (false, a.id));
    let email: Option<String> = store.conn().query_row("SELECT email FROM account WHERE id = ?1", [a.id], |r| r.get(0)).expect("email");
    assert_eq!(email.as_deref(), Some("li@example.edu.cn"));
    // The demo's inventor account (T0001, with a password) is the one T0001 signs on to.
    let existing = account::sign_on(&mut store, &actor(), "T0001", None).expect("T0001");
    assert_eq!((existing.created, existing.account.login.as_str()), (false, "inventor"));
}

#[test]
fn an_unknown_employee_id_or_a_disabled_account_is_refused_and_nothing_is_written() {
    let running = demo_server();
    let mut store = Store::open(&running.db).expect("open");
    let count = |store: &Store| account::count(store.conn()).expect("count");
    let audit = |store: &Store| store.conn().query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get::<_, i64>(0)).expect("audit");
    let (accounts, entries) = (count(&store), audit(&store));
    let unknown = account::sign_on(&mut store, &actor(), "X9999", None).expect_err("nobody");
    assert!(matches!(&unknown, transferdesk_core::Error::Refused { detail, .. } if detail == "X9999"));
    assert_eq!(code(unknown), "identity_unknown");
    assert_eq!(code(account::sign_on(&mut store, &actor(), "  ", None).expect_err("empty")), "identity_unknown");
    let inventor = account::by_login(store.conn(), "inventor").expect("read").expect("the demo's inventor");
    account::set_disabled(&mut store, &actor(), inventor.id, true).expect("disable");
    let (accounts, entries) = (accounts, entries + 1);
    assert_eq!(code(account::sign_on(&mut store, &actor(), "T0001", None).expect_err("disabled")), "account_disabled");
    assert_eq!((count(&store), audit(&store)), (accounts, entries), "no account made, nothing audited");
}

#[test]
fn a_taken_login_gives_the_new_account_another() {
    let running = demo_server();
    let mut store = Store::open(&running.db).expect("open");
    // An office account already called T0003 (not tied to the person T0003).
    let input = AccountInput { login: "T0003".into(), name: "同名账号".into(), role: Some(Role::Office), ..AccountInput::default() };
    account::save(&mut store, &actor(), &input, Some("a long enough password")).expect("office account");
    let made = account::sign_on(&mut store, &actor(), "T0003", None).expect("signed on");
    assert_eq!((made.created, made.account.login.as_str(), made.account.role), (true, "sso-T0003", Role::Inventor));
}

#[tokio::test]
async fn without_configuration_the_page_offers_passwords_only_and_the_flows_are_absent() {
    let running = demo_server();
    let info = send(&running, Method::GET, "/api/sign-on", &[], "").await;
    assert_eq!(info.status, StatusCode::OK);
    assert_eq!(info.json(), serde_json::json!({"oidc": null, "cas": null, "refusal": null}));
    for path in ["/auth/oidc/start", "/auth/cas/start", "/auth/oidc/callback?code=x&state=y", "/auth/cas/callback?ticket=ST-1"] {
        let reply = send(&running, Method::GET, path, &[], "").await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(reply.json()["code"], "sign_on_not_configured", "{path}");
    }
}

/// A server whose OpenID provider and CAS server (both on a closed port of this machine) cannot
/// be reached, with the default button label for both.
fn unreachable_providers() -> crate::common::Running {
    demo_server_with(|settings| {
        settings.oidc = Some(config::Oidc {
            issuer: "http://127.0.0.1:9".into(),
            client_id: "td".into(),
            client_secret: "s".into(),
            employee_id_claim: "employee_id".into(),
            scopes: vec!["openid".into()],
            redirect_uri: "http://127.0.0.1:8470/auth/oidc/callback".into(),
            label: "统一身份认证登录".into(),
        });
        settings.cas = Some(config::Cas {
            server_url: "http://127.0.0.1:9/cas".into(),
            employee_id_attribute: None,
            service: "http://127.0.0.1:8470/auth/cas/callback".into(),
            label: "统一身份认证登录".into(),
        });
    })
}

#[tokio::test]
async fn both_protocols_get_a_button_each_named_apart() {
    let running = unreachable_providers();
    let info = send(&running, Method::GET, "/api/sign-on", &[], "").await.json();
    assert_eq!(info["oidc"], serde_json::json!({"label": "统一身份认证登录（OpenID Connect）", "start": "/auth/oidc/start"}));
    assert_eq!(info["cas"], serde_json::json!({"label": "统一身份认证登录（CAS）", "start": "/auth/cas/start"}));
    let cas = send(&running, Method::GET, "/auth/cas/start", &[], "").await;
    assert_eq!(cas.status, StatusCode::SEE_OTHER);
    let location = cas.headers.get("location").and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert_eq!(location, "http://127.0.0.1:9/cas/login?service=http%3A%2F%2F127.0.0.1%3A8470%2Fauth%2Fcas%2Fcallback");
    let cookie = cas.headers.get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert!(cookie.starts_with("td_sign_on=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
}

#[tokio::test]
async fn an_unreachable_provider_is_a_refusal_the_page_is_told_once() {
    let running = unreachable_providers();
    let audit = crate::common::audit_entries(&running);
    let start = send(&running, Method::GET, "/auth/oidc/start", &[], "").await;
    assert_eq!(start.status, StatusCode::SEE_OTHER);
    assert_eq!(start.headers.get("location").and_then(|v| v.to_str().ok()), Some("/"), "back to the sign-in page");
    let cookie = start.cookies();
    let told = send(&running, Method::GET, "/api/sign-on", &[("cookie", cookie.as_str())], "").await;
    assert_eq!(told.json()["refusal"]["code"], "provider_unreachable");
    assert!(told.json()["refusal"]["message"].as_str().is_some_and(|m| m.contains("无法使用统一身份认证服务")), "{}", told.json());
    let again = send(&running, Method::GET, "/api/sign-on", &[("cookie", cookie.as_str())], "").await;
    assert_eq!(again.json()["refusal"], serde_json::Value::Null, "shown once");
    assert_eq!(crate::common::audit_entries(&running), audit, "nothing written");
}
