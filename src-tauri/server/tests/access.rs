//! Who may do what: every command of the table as every role and as nobody, a secretary's scope
//! (by id, by search, by list, by report figure), and the defences of the sessions themselves —
//! CSRF, fixation, expiry, revocation, throttled sign-in, security headers, the audit's names.

use crate::common::{audit_entries, call_as, demo_server, send, sign_in, Running, Session, PASSWORD, SECRETARY_DEPARTMENT};
use axum::http::{Method, StatusCode};
use transferdesk_core::access::Role;

/// Every command × every role × no session: the table is the law. A role the table lists gets
/// past the door (its arguments may then be wrong: `{}` is sent), any other role gets 403, and
/// nobody signed in gets 401 — before anything runs.
#[tokio::test]
async fn every_command_as_every_role_and_as_nobody_follows_the_table() {
    let running = demo_server();
    let before = audit_entries(&running);
    let mut sessions = Vec::new();
    for role in Role::ALL {
        sessions.push((role, sign_in(&running, role.key()).await));
    }
    let mut checked = 0;
    for command in transferdesk_api::table() {
        let nobody = send(&running, Method::POST, &format!("/api/{}", command.name), &[("content-type", "application/json")], "{}").await;
        assert_eq!(nobody.status, StatusCode::UNAUTHORIZED, "{} without a session", command.name);
        assert_eq!(nobody.json()["code"], "not_signed_in");
        for (role, session) in &sessions {
            let reply = call_as(&running, session, command.name, &serde_json::json!({})).await;
            if command.allows(*role) {
                assert!(
                    reply.status != StatusCode::FORBIDDEN && reply.status != StatusCode::UNAUTHORIZED,
                    "{} as {}: the table allows it, got {} {}",
                    command.name,
                    role.key(),
                    reply.status,
                    String::from_utf8_lossy(&reply.body)
                );
            } else {
                assert_eq!(reply.status, StatusCode::FORBIDDEN, "{} as {}: the table does not allow it", command.name, role.key());
                assert_eq!(reply.json()["code"], "forbidden");
            }
            checked += 1;
        }
    }
    assert!(checked > 600, "the whole table × 6 roles: {checked}");
    assert_eq!(audit_entries(&running), before, "no call with `{{}}` or without a right wrote anything");
}

/// The achievements of `department` in the demo, counted in SQL (the expectation).
fn achievements_of(running: &Running, department: &str) -> i64 {
    let conn = rusqlite::Connection::open(&running.db).expect("open");
    conn.query_row("SELECT count(*) FROM achievement a JOIN department d ON d.id = a.department_id WHERE d.name = ?1", [department], |r| {
        r.get(0)
    })
    .expect("count")
}

/// An achievement of another department: its id and a word of its title.
fn foreign_achievement(running: &Running) -> (i64, String, String) {
    let conn = rusqlite::Connection::open(&running.db).expect("open");
    conn.query_row(
        "SELECT a.id, a.achievement_no, d.name FROM achievement a JOIN department d ON d.id = a.department_id WHERE d.name <> ?1 ORDER BY a.id LIMIT 1",
        [SECRETARY_DEPARTMENT],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .expect("another department's achievement")
}

#[tokio::test]
async fn a_secretary_sees_one_department_by_id_search_list_and_report() {
    let running = demo_server();
    let secretary = sign_in(&running, "secretary").await;
    let office = sign_in(&running, "office").await;
    let (foreign_id, foreign_no, foreign_department) = foreign_achievement(&running);

    // By id: another department's achievement does not exist for the secretary (404, not 403).
    let reply = call_as(&running, &secretary, "get_achievement", &serde_json::json!({"id": foreign_id})).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND, "{}", reply.json());
    for command in ["achievement_form", "achievement_extras"] {
        let reply = call_as(&running, &secretary, command, &serde_json::json!({"id": foreign_id})).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{command}");
    }
    let reply =
        call_as(&running, &secretary, "list_attachments", &serde_json::json!({"entity": "achievement", "entityId": foreign_id})).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(call_as(&running, &office, "get_achievement", &serde_json::json!({"id": foreign_id})).await.status, StatusCode::OK);

    // By search: its number finds it for the office, and nothing for the secretary.
    let found = |reply: &crate::common::Reply| -> Vec<String> {
        reply.json()["groups"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|g| g["hits"].as_array().cloned().unwrap_or_default())
            .map(|h| h["label"].to_string())
            .collect()
    };
    let args = serde_json::json!({"text": foreign_no, "limit": 20});
    assert!(!found(&call_as(&running, &office, "search", &args).await).is_empty(), "the office finds {foreign_no}");
    assert!(found(&call_as(&running, &secretary, "search", &args).await).is_empty(), "the secretary does not");
    // A word every title shares finds only the secretary's own department's achievements.
    let broad = call_as(&running, &secretary, "search", &serde_json::json!({"text": "一种", "limit": 50})).await.json();
    let groups = broad["groups"].as_array().cloned().unwrap_or_default();
    assert!(groups.iter().all(|g| g["kind"] == "achievement"), "no person, organization or contract: {broad}");

    // By list: the total is the department's count, whatever department is asked for.
    let query = |department: Option<&str>| {
        serde_json::json!({"query": {"page": 1, "page_size": 50, "sort": null, "descending": false, "kind": null, "status": null,
            "department": department, "year": null, "search": null}})
    };
    let own = achievements_of(&running, SECRETARY_DEPARTMENT);
    assert!(own > 0 && own < 300, "the demo spreads achievements over departments: {own}");
    for asked in [None, Some(foreign_department.as_str())] {
        let page = call_as(&running, &secretary, "list_achievements", &query(asked)).await.json();
        assert_eq!(page["total"], own, "asked for {asked:?}");
    }
    // By export: 导出 Excel writes the department's rows, whatever department is asked for.
    let mut export = query(Some(foreign_department.as_str()));
    export["path"] = serde_json::json!("成果台账.xlsx");
    let written = call_as(&running, &secretary, "export_achievements", &export).await;
    assert_eq!(written.json(), own, "the secretary's export holds their department only");
    let filters = call_as(&running, &secretary, "portfolio_filters", &serde_json::json!({})).await.json();
    assert_eq!(filters["departments"], serde_json::json!([SECRETARY_DEPARTMENT]));

    // By report figure: the secretary's institution-wide report is the department's report.
    let report = |session: &Session, department: Option<&str>| {
        let args = serde_json::json!({"year": 2025, "department": department});
        let session = session.clone();
        let running = &running;
        async move { call_as(running, &session, "annual_report", &args).await.json() }
    };
    let theirs = report(&secretary, None).await;
    let department_report = report(&office, Some(SECRETARY_DEPARTMENT)).await;
    let whole = report(&office, None).await;
    assert_eq!(theirs["indicators"], department_report["indicators"]);
    assert_ne!(theirs["indicators"], whole["indicators"], "the department is not the whole institution");
    let records = call_as(
        &running,
        &secretary,
        "indicator_records",
        &serde_json::json!({"year": 2025, "indicator": "achievements.granted.total", "department": foreign_department}),
    )
    .await;
    assert_eq!(records.status, StatusCode::OK);
    let theirs_records = call_as(
        &running,
        &office,
        "indicator_records",
        &serde_json::json!({"year": 2025, "indicator": "achievements.granted.total", "department": SECRETARY_DEPARTMENT}),
    )
    .await;
    assert_eq!(records.json(), theirs_records.json(), "asking for another department gives one's own");
}

#[tokio::test]
async fn finance_sees_distributions_only_once_approved() {
    let running = demo_server();
    let finance = sign_in(&running, "finance").await;
    let conn = rusqlite::Connection::open(&running.db).expect("open");
    let (drafts, approved): (i64, i64) = conn
        .query_row("SELECT count(*) FILTER (WHERE state = 'draft'), count(*) FILTER (WHERE state <> 'draft') FROM distribution", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("count");
    let page = call_as(&running, &finance, "list_distributions", &serde_json::json!({"query": {"page": 1, "page_size": 100, "state": null, "contract_no": null, "search": null, "year": null, "overdue": false}})).await.json();
    assert_eq!(page["total"], approved, "{drafts} drafts are not shown");
    let args = serde_json::json!({"query": {"page": 1, "page_size": 100, "state": null, "contract_no": null, "search": null, "year": null, "overdue": false}, "path": "收益分配.xlsx"});
    let exported = call_as(&running, &finance, "export_distributions", &args).await.json();
    assert_eq!(exported, approved, "finance's export has no drafts either");
    if drafts > 0 {
        let draft: i64 = conn.query_row("SELECT id FROM distribution WHERE state = 'draft' LIMIT 1", [], |r| r.get(0)).expect("a draft");
        let reply = call_as(&running, &finance, "get_distribution", &serde_json::json!({"id": draft})).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn a_state_change_needs_the_sessions_csrf_token_and_this_sites_origin() {
    let running = demo_server();
    let office = sign_in(&running, "office").await;
    let before = audit_entries(&running);
    let body = serde_json::json!({"id": 1, "reason": "x"}).to_string();
    // No token, a wrong token: refused.
    for token in ["", "0000"] {
        let headers = [("content-type", "application/json"), ("cookie", office.cookie.as_str()), ("x-csrf-token", token)];
        let reply = send(&running, Method::POST, "/api/reverse_distribution", &headers, body.clone()).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "token {token:?}");
        assert_eq!(reply.json()["code"], "csrf");
    }
    // A form another site posts: the browser sends the cookie (if it would), no token, its origin.
    let headers = [
        ("content-type", "application/x-www-form-urlencoded"),
        ("cookie", office.cookie.as_str()),
        ("origin", "https://evil.example.com"),
        ("host", "transferdesk.example.edu.cn"),
    ];
    let reply = send(&running, Method::POST, "/api/delete_contract", &headers, "id=1").await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    // Even with a stolen token, another site's origin is refused.
    let headers = [
        ("cookie", office.cookie.as_str()),
        ("x-csrf-token", office.csrf.as_str()),
        ("origin", "https://evil.example.com"),
        ("host", "td"),
    ];
    assert_eq!(send(&running, Method::POST, "/api/delete_contract", &headers, "{\"id\": 1}").await.json()["code"], "cross_site");
    // A sign-in must be JSON (a cross-site form cannot send that without asking first).
    let form = send(
        &running,
        Method::POST,
        "/auth/login",
        &[("content-type", "application/x-www-form-urlencoded")],
        format!("login=office&password={PASSWORD}"),
    )
    .await;
    assert_eq!(form.status, StatusCode::BAD_REQUEST);
    assert_eq!(audit_entries(&running), before, "nothing was written");
}

#[tokio::test]
async fn a_token_known_before_sign_in_is_worth_nothing_after() {
    let running = demo_server();
    let planted = "td_session=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    let body = serde_json::json!({"login": "office", "password": PASSWORD}).to_string();
    let reply = send(&running, Method::POST, "/auth/login", &[("content-type", "application/json"), ("cookie", planted)], body).await;
    assert_eq!(reply.status, StatusCode::OK);
    let cookie = reply.cookies();
    assert!(!cookie.contains(planted), "a new token at sign-in: {cookie}");
    let set = reply.headers.get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).collect::<Vec<_>>().join("\n");
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict"), "{set}");
    let planted_only = [("cookie", planted), ("x-csrf-token", "x")];
    assert_eq!(send(&running, Method::POST, "/api/whoami", &planted_only, "{}").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn sessions_end_when_idle_revoked_or_disabled() {
    let running = demo_server();
    let office = sign_in(&running, "office").await;
    let whoami = |s: &Session| {
        let s = s.clone();
        let running = &running;
        async move { call_as(running, &s, "whoami", &serde_json::json!({})).await.status }
    };
    assert_eq!(whoami(&office).await, StatusCode::OK);
    // Idle for 31 minutes (the default allows 30): its last use is moved back in the file.
    {
        let conn = rusqlite::Connection::open(&running.db).expect("open");
        conn.execute("UPDATE session SET seen_at = datetime(seen_at, '-31 minutes'), created_at = datetime(created_at, '-31 minutes')", [])
            .expect("age");
    }
    assert_eq!(whoami(&office).await, StatusCode::UNAUTHORIZED, "idle too long");

    // Sign out everywhere from one browser ends the other.
    let first = sign_in(&running, "office").await;
    let second = sign_in(&running, "office").await;
    let headers = [("cookie", first.cookie.as_str()), ("x-csrf-token", first.csrf.as_str())];
    assert_eq!(send(&running, Method::POST, "/auth/logout-everywhere", &headers, "").await.status, StatusCode::NO_CONTENT);
    assert_eq!(whoami(&second).await, StatusCode::UNAUTHORIZED);

    // An admin disables the account: its session ends at once.
    let leader = sign_in(&running, "leader").await;
    let admin = sign_in(&running, "admin").await;
    let id: i64 = rusqlite::Connection::open(&running.db)
        .expect("open")
        .query_row("SELECT id FROM account WHERE login = 'leader'", [], |r| r.get(0))
        .expect("id");
    let reply = call_as(&running, &admin, "set_account_disabled", &serde_json::json!({"id": id, "disabled": true})).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json());
    assert_eq!(whoami(&leader).await, StatusCode::UNAUTHORIZED);
    let again = send(
        &running,
        Method::POST,
        "/auth/login",
        &[("content-type", "application/json")],
        serde_json::json!({"login": "leader", "password": PASSWORD}).to_string(),
    )
    .await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED, "a disabled account cannot sign in");
}

#[tokio::test]
async fn five_wrong_passwords_lock_the_account_even_for_the_right_one() {
    let running = demo_server();
    let attempt = |password: &str| {
        let body = serde_json::json!({"login": "finance", "password": password}).to_string();
        let running = &running;
        async move { send(running, Method::POST, "/auth/login", &[("content-type", "application/json")], body).await }
    };
    for n in 1..=5 {
        let reply = attempt("wrong password 123").await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "attempt {n}");
        assert_eq!(reply.json()["code"], "sign_in_refused");
    }
    let locked = attempt(PASSWORD).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(locked.json()["code"], "sign_in_locked");
    assert!(locked.json()["message"].as_str().is_some_and(|m| m.contains("15 分钟")), "{}", locked.json());
    // Every refusal is in the access log.
    let conn = rusqlite::Connection::open(&running.db).expect("open");
    let logged: i64 = conn
        .query_row("SELECT count(*) FROM access_log WHERE account = 'finance' AND event = 'sign_in_refused'", [], |r| r.get(0))
        .expect("count");
    assert_eq!(logged, 5);
}

#[tokio::test]
async fn a_password_change_keeps_this_browser_and_ends_the_others() {
    let running = demo_server();
    let here = sign_in(&running, "office").await;
    let elsewhere = sign_in(&running, "office").await;
    let headers = [("content-type", "application/json"), ("cookie", here.cookie.as_str()), ("x-csrf-token", here.csrf.as_str())];
    let weak =
        send(&running, Method::POST, "/auth/password", &headers, serde_json::json!({"old": PASSWORD, "new": "short"}).to_string()).await;
    assert_eq!(weak.json()["code"], "invalid_input");
    let reply = send(
        &running,
        Method::POST,
        "/auth/password",
        &headers,
        serde_json::json!({"old": PASSWORD, "new": "a much better one 2027"}).to_string(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", String::from_utf8_lossy(&reply.body));
    let renewed = Session { cookie: reply.cookies(), csrf: reply.json()["csrf"].as_str().expect("csrf").into() };
    assert_eq!(call_as(&running, &renewed, "whoami", &serde_json::json!({})).await.status, StatusCode::OK);
    assert_eq!(call_as(&running, &elsewhere, "whoami", &serde_json::json!({})).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(call_as(&running, &here, "whoami", &serde_json::json!({})).await.status, StatusCode::UNAUTHORIZED, "the old token too");
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let running = demo_server();
    for (method, uri) in [(Method::GET, "/"), (Method::POST, "/api/whoami"), (Method::GET, "/api/download/x")] {
        let reply = send(&running, method, uri, &[], "").await;
        let header = |name: &str| reply.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
        assert_eq!(header("x-content-type-options"), "nosniff", "{uri}");
        assert_eq!(header("x-frame-options"), "DENY", "{uri}");
        let csp = header("content-security-policy");
        assert!(
            csp.contains("frame-ancestors 'none'")
                && !csp.contains("unsafe-inline' 'unsafe-eval")
                && !csp.contains("script-src 'unsafe-inline'"),
            "{uri}: {csp}"
        );
    }
}

#[tokio::test]
async fn the_audit_log_names_the_account_and_its_person() {
    let running = demo_server();
    let office = sign_in(&running, "office").await;
    let profile = call_as(&running, &sign_in(&running, "admin").await, "get_profile", &serde_json::json!({})).await.json();
    let admin = sign_in(&running, "admin").await;
    let reply = call_as(&running, &admin, "save_profile", &serde_json::json!({"profile": profile})).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json());
    let conn = rusqlite::Connection::open(&running.db).expect("open");
    let actor: String = conn.query_row("SELECT actor FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).expect("newest entry");
    assert_eq!(actor, "admin（系统管理员 测试）");
    drop(office);
    // An account linked to a person is named with the person's name and employee ID (T0001 is
    // the first person of the demo).
    let person: String = conn.query_row("SELECT name FROM person WHERE employee_id = 'T0001'", [], |r| r.get(0)).expect("T0001");
    let inventor = transferdesk_core::access::account::by_login(&conn, "inventor").expect("query").expect("account");
    assert_eq!(inventor.actor_name(), format!("inventor（{person} T0001）"));
}

#[tokio::test]
async fn an_upload_over_the_limit_is_refused_and_leaves_nothing() {
    let running = demo_server();
    let office = sign_in(&running, "office").await;
    // Streamed in 1 MB pieces: the server counts while it writes and stops at the limit.
    let chunks = (0..=(transferdesk_server::UPLOAD_LIMIT / (1024 * 1024))).map(|_| Ok::<_, std::io::Error>(vec![0u8; 1024 * 1024]));
    let body = axum::body::Body::from_stream(futures_util::stream::iter(chunks));
    let headers = [("x-file-name", "big.xlsx"), ("cookie", office.cookie.as_str()), ("x-csrf-token", office.csrf.as_str())];
    let reply = send(&running, Method::POST, "/api/upload", &headers, body).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(reply.json()["code"], "too_large");
}
