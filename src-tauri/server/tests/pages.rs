//! The UI itself: served with a strict policy, and every unknown path is the start page (its
//! routes are hashes).

use crate::common::{demo_server, send};
use axum::http::{Method, StatusCode};

#[tokio::test]
async fn the_start_page_comes_with_a_strict_policy() {
    let running = demo_server();
    for path in ["/", "/some/route"] {
        let reply = send(&running, Method::GET, path, &[], "").await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert!(String::from_utf8_lossy(&reply.body).contains("<div id=\"app\">"), "{path}: the UI's page");
        let csp = reply.headers.get("content-security-policy").and_then(|v| v.to_str().ok()).unwrap_or_default();
        assert!(csp.starts_with("default-src 'self'; script-src 'self';"), "no inline or remote script: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert_eq!(reply.headers.get("x-content-type-options").and_then(|v| v.to_str().ok()), Some("nosniff"));
    }
}

#[tokio::test]
async fn a_path_cannot_climb_out_of_the_ui() {
    let running = demo_server();
    let reply = send(&running, Method::GET, "/../../Cargo.toml", &[], "").await;
    assert!(!String::from_utf8_lossy(&reply.body).contains("[package]"));
}
