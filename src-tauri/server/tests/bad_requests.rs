//! Bad requests over HTTP: the shared table (tests/fixtures/bad-requests.json, which the desktop
//! app's transport answers too), and what only HTTP can get wrong (a body that is not JSON, too
//! large, the wrong method). Each gets `{code, message, details}` with a 4xx status, and nothing
//! is written.

use crate::common::{audit_entries, call, call_as, demo_server, get_as, send, sign_in};
use axum::http::{Method, StatusCode};

#[tokio::test]
async fn the_shared_table_of_mistakes_gets_its_code_and_status() {
    let running = demo_server();
    let office = sign_in(&running, "office").await;
    let table: Vec<serde_json::Value> =
        serde_json::from_str(include_str!("../../../tests/fixtures/bad-requests.json")).expect("the table is JSON");
    assert!(table.len() >= 8, "the table covers the kinds of mistake: {}", table.len());
    let before = audit_entries(&running);
    for case in &table {
        let why = case["why"].as_str().expect("why");
        let reply = call_as(&running, &office, case["command"].as_str().expect("command"), &case["args"]).await;
        let body = reply.json();
        assert_eq!(reply.status.as_u16() as u64, case["status"].as_u64().expect("status"), "{why}: {body}");
        assert_eq!(body["code"], case["code"], "{why}: {body}");
        assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()), "{why}: a sentence for a person: {body}");
        if let Some(at) = case.get("at") {
            assert_eq!(body["details"][0]["column"], *at, "{why}: the argument is named: {body}");
        }
    }
    assert_eq!(audit_entries(&running), before, "no mistake wrote anything");
}

#[tokio::test]
async fn a_body_that_is_not_json_is_a_bad_request() {
    let running = demo_server();
    let office = sign_in(&running, "office").await;
    let headers = [("content-type", "application/json"), ("cookie", office.cookie.as_str()), ("x-csrf-token", office.csrf.as_str())];
    let reply = send(&running, Method::POST, "/api/get_achievement", &headers, "{id: 1").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json()["code"], "bad_request");
    assert!(reply.json()["message"].as_str().is_some_and(|m| m.contains("JSON")), "{}", reply.json());
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_before_it_is_read() {
    let running = demo_server();
    let admin = sign_in(&running, "admin").await;
    let before = audit_entries(&running);
    let huge = format!("{{\"policy\": \"{}\"}}", "x".repeat(transferdesk_server::JSON_LIMIT + 1));
    let headers = [("content-type", "application/json"), ("cookie", admin.cookie.as_str()), ("x-csrf-token", admin.csrf.as_str())];
    let reply = send(&running, Method::POST, "/api/save_policy", &headers, huge).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(reply.json()["code"], "too_large");
    assert_eq!(audit_entries(&running), before);
}

#[tokio::test]
async fn commands_are_posted_not_fetched() {
    let running = demo_server();
    let office = sign_in(&running, "office").await;
    let reply = get_as(&running, &office, "/api/get_institution").await;
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(reply.json()["code"], "method_not_allowed");
}

#[tokio::test]
async fn a_good_call_answers_json_and_an_empty_body_means_no_arguments() {
    let running = demo_server();
    let office = sign_in(&running, "office").await;
    let headers = [("cookie", office.cookie.as_str()), ("x-csrf-token", office.csrf.as_str())];
    let reply = send(&running, Method::POST, "/api/get_institution", &headers, "").await;
    assert_eq!(reply.status, StatusCode::OK);
    // The demo institution (core demo/random.rs `INSTITUTION`).
    assert_eq!(reply.json()["name"], "西川理工大学");
    let reply = call(&running, "today", &serde_json::json!({})).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.json().as_str().is_some_and(|d| d.len() == 10), "a YYYY-MM-DD date: {}", reply.json());
}
