//! Files through the browser: uploads become the commands' input files, exports become one-time
//! downloads, and no name a client gives can leave the server's private folder.

use crate::common::{call, call_as, demo_server, get_as, send, sign_in, Session};
use axum::http::{Method, StatusCode};

#[tokio::test]
async fn an_uploaded_workbook_is_what_the_import_reads() {
    let running = demo_server();
    let csv = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/good/people.csv")).expect("fixture");
    let office = sign_in(&running, "office").await;
    let reply = upload(&running, &office, "%E4%BA%BA%E5%91%98.csv", csv).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", String::from_utf8_lossy(&reply.body));
    let handle = reply.json()["file"].as_str().expect("a handle").to_string();
    assert!(handle.starts_with("uploads/") && handle.ends_with("/人员.csv"), "{handle}");
    let args = serde_json::json!({"job": "j", "table": "people", "path": handle, "dryRun": true});
    let reply = call_as(&running, &office, "import_file", &args).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json());
    assert_eq!(reply.json()["table"], "people");
    // Another account cannot use that upload: it is as good as none.
    let other = sign_in(&running, "admin").await;
    let stolen = call_as(&running, &other, "check_backup", &serde_json::json!({"file": handle})).await;
    assert_eq!(stolen.json()["code"], "upload_missing");
}

#[tokio::test]
async fn a_path_on_the_server_is_not_a_file_the_browser_chose() {
    let running = demo_server();
    for path in ["/etc/passwd", "uploads/../../etc/passwd", "uploads/00000000000000000000000000000000/x.csv", "../demo.db"] {
        let reply = call(&running, "import_file", &serde_json::json!({"job": "j", "table": "people", "path": path, "dryRun": true})).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(reply.json()["code"], "upload_missing", "{path}");
    }
}

#[tokio::test]
async fn an_upload_name_with_dots_and_slashes_stays_in_the_folder() {
    let running = demo_server();
    let office = sign_in(&running, "office").await;
    let reply = upload(&running, &office, "..%2F..%2Fevil.csv", "a,b\n").await;
    assert_eq!(reply.status, StatusCode::OK);
    let handle = reply.json()["file"].as_str().expect("handle").to_string();
    assert!(handle.ends_with("/evil.csv") && !handle.contains(".."), "{handle}");
}

#[tokio::test]
async fn an_export_is_a_download_fetched_once() {
    let running = demo_server();
    let office = sign_in(&running, "office").await;
    let reply =
        call_as(&running, &office, "export_fees", &serde_json::json!({"path": "年费清单.xlsx", "withinDays": 90, "on": "2026-11-23"}))
            .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json());
    let token = reply.headers.get("x-transferdesk-download").and_then(|v| v.to_str().ok()).expect("a download is announced").to_string();
    let leader = sign_in(&running, "leader").await;
    let foreign = get_as(&running, &leader, &format!("/api/download/{token}")).await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND, "a download is only for the account that asked for it");
    let first = get_as(&running, &office, &format!("/api/download/{token}")).await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(first.body.starts_with(b"PK"), "an XLSX (a ZIP)");
    let disposition = first.headers.get("content-disposition").and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert!(disposition.contains("UTF-8''%E5%B9%B4%E8%B4%B9"), "the Chinese name survives: {disposition}");
    let again = get_as(&running, &office, &format!("/api/download/{token}")).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND, "a download is fetched once");
    let forged = get_as(&running, &office, "/api/download/..%2F..%2Fetc%2Fpasswd").await;
    assert_eq!(forged.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_export_of_several_files_is_one_zip() {
    let running = demo_server();
    let office = sign_in(&running, "office").await;
    let args = serde_json::json!({"job": "j", "year": 2025, "department": null, "dir": "2025年度报告"});
    let reply = call_as(&running, &office, "export_annual", &args).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json());
    // The browser is told the names, not the server's paths.
    let names: Vec<String> = serde_json::from_value(reply.json()).expect("names");
    assert!(names.iter().all(|n| !n.contains('/')), "{names:?}");
    let token = reply.headers.get("x-transferdesk-download").and_then(|v| v.to_str().ok()).expect("download").to_string();
    let zip = get_as(&running, &office, &format!("/api/download/{token}")).await;
    assert!(zip.body.starts_with(b"PK"));
    let disposition = zip.headers.get("content-disposition").and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert!(disposition.ends_with(".zip"), "{disposition}");
}

/// Uploads `body` as `session`, named `name` (percent-encoded).
async fn upload(
    running: &crate::common::Running,
    session: &Session,
    name: &str,
    body: impl Into<axum::body::Body>,
) -> crate::common::Reply {
    let headers = [("x-file-name", name), ("cookie", session.cookie.as_str()), ("x-csrf-token", session.csrf.as_str())];
    send(running, Method::POST, "/api/upload", &headers, body).await
}

/// A long import holds the store for its whole transaction; who a request is comes from a reading
/// connection, so the person can still cancel it (before, the cancel waited behind the import it
/// was meant to stop, and arrived when there was nothing left to cancel).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_import_can_be_cancelled_while_it_holds_the_store() {
    let running = std::sync::Arc::new(demo_server());
    let office = sign_in(&running, "office").await;
    // 100,000 people: seconds of work even in a release build.
    let mut csv = String::from("工号,姓名,所在单位,人员类别,领导职务,身份证号\n");
    for i in 0..100_000 {
        csv.push_str(&format!("L{i:06},压测{i},计算机学院,科研人员,无,\n"));
    }
    let reply = upload(&running, &office, "people.csv", csv).await;
    let handle = reply.json()["file"].as_str().expect("a handle").to_string();
    let before = crate::common::audit_entries(&running);
    let import = {
        let (running, office) = (std::sync::Arc::clone(&running), office.clone());
        tokio::spawn(async move {
            let args = serde_json::json!({"job": "big", "table": "people", "path": handle, "dryRun": false});
            call_as(&running, &office, "import_file", &args).await
        })
    };
    // Until the job is registered a cancel finds nothing; once it runs, the cancel must be
    // answered `true` at once, not after the import.
    let asked = std::time::Instant::now();
    let cancelled = loop {
        let reply = call_as(&running, &office, "cancel_job", &serde_json::json!({"job": "big"})).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", String::from_utf8_lossy(&reply.body));
        if reply.json() == serde_json::json!(true) {
            break true;
        }
        if import.is_finished() || asked.elapsed() > std::time::Duration::from_secs(60) {
            break false;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    };
    assert!(cancelled, "the cancel reached the import while it ran");
    let reply = import.await.expect("the import's request");
    assert_eq!(reply.json()["code"], "cancelled", "{}", String::from_utf8_lossy(&reply.body));
    assert_eq!(crate::common::audit_entries(&running), before, "nothing written");
}

/// 批量附件 through uploads (docs/rules/bulk-files.md): the folders a browser's folder input
/// reports travel beside each upload handle and match by their names; the confirmation reads the
/// uploads again and each attachment's audit entry names the account; a hash the file does not
/// have attaches nothing; only the office may call the commands.
#[tokio::test]
async fn bulk_files_are_matched_by_the_uploads_folders_and_attached_with_the_accounts_audit_entry() {
    let running = demo_server();
    let office = sign_in(&running, "office").await;
    let application_no: String = rusqlite::Connection::open(&running.db)
        .expect("open")
        .query_row("SELECT application_no FROM achievement WHERE id = 4", [], |r| r.get(0))
        .expect("achievement 4");
    let notice = upload(&running, &office, "%E5%8F%97%E7%90%86%E9%80%9A%E7%9F%A5%E4%B9%A6.pdf", "%PDF-1.4 receipt").await.json();
    let minutes = upload(&running, &office, "minutes.pdf", "%PDF-1.4 minutes").await.json();
    let files = serde_json::json!([
        {"file": notice["file"], "name": "受理通知书.pdf", "folders": ["收文", format!("CN{application_no}")]},
        {"file": minutes["file"], "name": "minutes.pdf", "folders": ["收文"]},
    ]);
    let preview = call_as(&running, &office, "preview_bulk_files", &serde_json::json!({ "files": files })).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.json());
    let rows = preview.json()["rows"].clone();
    assert_eq!((rows[0]["achievement"]["id"].as_i64(), rows[0]["found_in"].as_str()), (Some(4), Some("folder")), "{rows}");
    assert_eq!(rows[1]["reason"], "no_number", "{rows}");
    let choices_of =
        |sha: &serde_json::Value| serde_json::json!([{"source": 0, "entry": rows[0]["entry"], "sha256": sha, "achievement_id": 4}]);

    let admin = sign_in(&running, "admin").await;
    let stolen = call_as(&running, &admin, "preview_bulk_files", &serde_json::json!({ "files": files })).await;
    assert_eq!(stolen.status, StatusCode::FORBIDDEN, "an admin is not the office: {}", stolen.json());
    assert_eq!(stolen.json()["code"], "forbidden");
    let before = crate::common::audit_entries(&running);
    let changed = call_as(
        &running,
        &office,
        "attach_bulk_files",
        &serde_json::json!({ "files": files, "choices": choices_of(&serde_json::json!("0".repeat(64))) }),
    )
    .await;
    assert_eq!(changed.json()["code"], "bulk_file_changed", "a hash the file does not have");
    assert_eq!(crate::common::audit_entries(&running), before, "nothing written");

    let done =
        call_as(&running, &office, "attach_bulk_files", &serde_json::json!({ "files": files, "choices": choices_of(&rows[0]["sha256"]) }))
            .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.json());
    assert_eq!(done.json()["attached"], 1);
    let conn = rusqlite::Connection::open(&running.db).expect("open");
    let (actor, entity): (String, String) = conn
        .query_row("SELECT actor, entity FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("newest entry");
    assert_eq!((actor.as_str(), entity.as_str()), ("office（成果转化办公室 测试）", "attachment"));
    let listed = call_as(&running, &office, "list_attachments", &serde_json::json!({"entity": "achievement", "entityId": 4})).await.json();
    assert_eq!(listed[0]["name"], "受理通知书.pdf", "{listed}");
}
