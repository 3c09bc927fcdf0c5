//! Notifications by e-mail (docs/notifications.md), against a real SMTP server: a sink in
//! Python (tests/support/smtp_sink.py) started by the test, listening on a free port, which
//! writes each mail it receives, decoded, as one JSON line. The notification comes from a real
//! command through the router: an inventor submitting a disclosure.

use crate::common::{call_as, demo_server, sign_in, Running, SECRETARY_DEPARTMENT};
use axum::http::StatusCode;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use transferdesk_server::mail::{self, MailFile, MailSettings};

/// The SMTP sink, stopped when dropped.
struct Sink {
    child: Child,
    port: u16,
    out: PathBuf,
    _dir: tempfile::TempDir,
}

impl Sink {
    fn start() -> Sink {
        let dir = tempfile::tempdir().expect("tmp");
        let out = dir.path().join("mails.jsonl");
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/smtp_sink.py");
        let mut child = Command::new("python3")
            .arg(script)
            .arg(&out)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("python3 runs the sink");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("the sink prints its port");
        let port = line.trim().parse().unwrap_or_else(|_| panic!("not a port: {line:?}"));
        Sink { child, port, out, _dir: dir }
    }

    /// The mails received so far (whole lines only).
    fn mails(&self) -> Vec<serde_json::Value> {
        let text = std::fs::read_to_string(&self.out).unwrap_or_default();
        text.split_inclusive('\n').filter(|l| l.ends_with('\n')).map(|l| serde_json::from_str(l).expect("a JSON line")).collect()
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `[mail]` for an SMTP server on this machine at `port` (no STARTTLS: the default for a local
/// one), looking for new notifications every 100 ms instead of every few seconds.
fn settings(port: u16) -> MailSettings {
    let file = MailFile {
        smtp_host: "127.0.0.1".into(),
        smtp_port: Some(port),
        from: "成果转化办公室 <ttc@test.edu.cn>".into(),
        starttls: None,
        username: None,
        password_file: None,
        base_url: "https://ttc.test.edu.cn/".into(),
    };
    let mut settings = MailSettings::check(file).expect("settings");
    settings.every = Duration::from_millis(100);
    settings
}

/// The inventor (T0001) submits a disclosure of 计算机学院 through the API; its id.
async fn submit(running: &Running, title: &str) -> i64 {
    let inventor = sign_in(running, "inventor").await;
    let form = serde_json::json!({
        "id": null, "version": 0, "title": title, "department": SECRETARY_DEPARTMENT,
        "funding_source": "own", "fiscal_project": null, "description": "一种新的方法。", "prior_art": null,
        "intended_protection": "invention_patent", "confidential": false,
        "inventors": [{"employee_id": "T0001", "share_bp": 10000, "key_contributor": true}],
    });
    let started = Instant::now();
    let reply = call_as(running, &inventor, "submit_my_disclosure", &serde_json::json!({"form": form, "files": []})).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", String::from_utf8_lossy(&reply.body));
    assert!(started.elapsed() < Duration::from_secs(5), "the request does not wait for any mail");
    reply.json().as_i64().expect("the disclosure's id")
}

/// The queue: (address, sent, attempts, last error) by notification and address.
fn queue(running: &Running) -> Vec<(String, bool, i64, Option<String>)> {
    let conn = rusqlite::Connection::open(&running.db).expect("open");
    let mut stmt = conn
        .prepare("SELECT address, sent_at IS NOT NULL, attempts, last_error FROM notification_mail ORDER BY notification_id, address")
        .expect("sql");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).expect("rows").flatten().collect()
}

/// Waits up to 15 s for `done`.
async fn until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_submitted_disclosure_is_mailed_to_the_office_and_the_department_s_secretary() {
    let sink = Sink::start();
    let running = demo_server();
    // Written before mail was on: a backlog, never mailed.
    submit(&running, "开启邮件之前的披露").await;
    let worker = mail::start(&running.server, Some(&settings(sink.port))).expect("mail is configured");
    let id = submit(&running, "一种锂电池回收方法").await;
    // Expected by hand: a submission notifies the office's role and the secretaries of the
    // disclosure's 学院 (inventor/disclosure.rs, tell_office). Of the demo server's accounts,
    // `office` (office@test.edu.cn) sees the first and `secretary`, of 计算机学院
    // (secretary@test.edu.cn), the second; admin, finance, leader and the inventor see neither.
    until("two mails", || sink.mails().len() >= 2).await;
    let mut mails = sink.mails();
    mails.sort_by_key(|m| m["to"][0].as_str().map(str::to_string));
    let to: Vec<&str> = mails.iter().filter_map(|m| m["to"][0].as_str()).collect();
    assert_eq!(to, vec!["office@test.edu.cn", "secretary@test.edu.cn"]);
    for m in &mails {
        assert_eq!(m["from"], "ttc@test.edu.cn");
        let subject = m["subject"].as_str().expect("subject");
        assert!(
            subject.starts_with("【披露已提交】") && subject.contains("提交了披露") && subject.contains("「一种锂电池回收方法」"),
            "{subject}"
        );
        let body = m["body"].as_str().expect("body");
        assert!(body.contains(&format!("查看：https://ttc.test.edu.cn/#/disclosures/{id}")), "{body}");
    }
    until("both marked sent", || queue(&running).iter().filter(|q| q.1).count() == 2).await;
    // Nothing more comes: not the backlog, not a second copy.
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(sink.mails().len(), 2, "{:?}", sink.mails());
    assert!(queue(&running).iter().all(|(_, sent, attempts, error)| *sent && *attempts == 0 && error.is_none()));
    worker.abort();
}

#[tokio::test]
async fn without_a_mail_section_nothing_is_queued_or_sent() {
    let sink = Sink::start();
    let running = demo_server();
    assert!(mail::start(&running.server, None).is_none(), "no [mail]: no worker");
    submit(&running, "一种锂电池回收方法").await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert!(queue(&running).is_empty());
    assert!(sink.mails().is_empty());
    // The notifications themselves are written all the same (the bell shows them).
    let office = sign_in(&running, "office").await;
    let inbox = call_as(&running, &office, "notifications", &serde_json::json!({"limit": 10})).await.json();
    assert!(inbox["items"].as_array().is_some_and(|items| items.iter().any(|n| n["kind"] == "disclosure_submitted")), "{inbox}");
}

#[tokio::test]
async fn a_mail_server_that_is_down_leaves_requests_working_and_the_mail_queued_with_its_error() {
    // A port nobody listens on: bound, then closed.
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    let running = demo_server();
    let worker = mail::start(&running.server, Some(&settings(port))).expect("mail is configured");
    submit(&running, "一种锂电池回收方法").await;
    until("a failed attempt recorded", || queue(&running).iter().any(|q| q.2 >= 1)).await;
    let queued = queue(&running);
    assert_eq!(queued.iter().map(|q| q.0.as_str()).collect::<Vec<_>>(), vec!["office@test.edu.cn", "secretary@test.edu.cn"]);
    assert!(queued.iter().all(|q| !q.1), "nothing was sent");
    let failed = queued.iter().find(|q| q.2 >= 1).expect("one tried");
    assert!(failed.3.as_deref().is_some_and(|e| !e.is_empty()), "{failed:?}");
    // The server goes on answering while the mail waits.
    submit(&running, "第二项披露").await;
    let office = sign_in(&running, "office").await;
    assert_eq!(call_as(&running, &office, "notifications", &serde_json::json!({"limit": 10})).await.status, StatusCode::OK);
    worker.abort();
}
