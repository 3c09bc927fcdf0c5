//! Notifications by e-mail (off unless the configuration file has a `[mail]` section): a worker
//! looks every few seconds for the notifications written since it last looked, queues one mail
//! per address of the accounts that see each (the core's `notification::queue_mail`), and sends
//! what is owed through the office's SMTP server. A mail server that is down or refuses never
//! holds up a request: requests only write notifications; the worker sends later, alone, and
//! retries with a growing wait until it gives a mail up (its row keeps the last error). One line
//! in the journal says a failure streak started, one that it ended (docs/notifications.md).

use crate::state::Server;
use chrono::Duration as Days;
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::{Message, SmtpTransport, Transport};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use transferdesk_core::notification::{self, OwedMail};

/// `[mail]` as the configuration file spells it.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MailFile {
    /// The SMTP server's host name.
    pub smtp_host: String,
    /// Its port (default 587 with STARTTLS, else 25).
    pub smtp_port: Option<u16>,
    /// The sender, `ttc@example.edu.cn` or `成果转化办公室 <ttc@example.edu.cn>`.
    pub from: String,
    /// Whether to require STARTTLS (default: yes, unless the host is this machine).
    pub starttls: Option<bool>,
    /// The SMTP account, when the server asks for one.
    pub username: Option<String>,
    /// A file holding its password (first line), readable by the server's user only.
    pub password_file: Option<PathBuf>,
    /// The address people open the server at (the mails' links start with it).
    pub base_url: String,
}

/// The mail settings, checked.
#[derive(Clone)]
pub struct MailSettings {
    /// The SMTP server.
    pub host: String,
    /// Its port.
    pub port: u16,
    /// STARTTLS required.
    pub starttls: bool,
    /// The sender.
    pub from: Mailbox,
    /// The SMTP account and its password.
    credentials: Option<(String, String)>,
    /// The server's address, without a trailing `/`.
    pub base_url: String,
    /// How often the worker looks for new notifications.
    pub every: Duration,
}

/// The password stays out of every log line and error.
impl std::fmt::Debug for MailSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("starttls", &self.starttls)
            .field("from", &self.from.to_string())
            .field("username", &self.credentials.as_ref().map(|(u, _)| u))
            .field("base_url", &self.base_url)
            .finish()
    }
}

/// How often the worker looks, unless a test says otherwise.
const EVERY: Duration = Duration::from_secs(5);

/// Attempts before a mail is given up (with the waits below, about three hours of retries).
pub const MAX_ATTEMPTS: u32 = 10;

/// The wait after a mail's first failure, doubled after each next one up to [`LONGEST_WAIT`].
const FIRST_WAIT: Duration = Duration::from_secs(30);
const LONGEST_WAIT: Duration = Duration::from_secs(3600);

/// Notifications older than this are never mailed (a server off for days, mail switched on again).
const HORIZON_HOURS: i64 = 24;

/// Mails sent in one round at most (the next round goes on).
const ROUND: u32 = 50;

/// How long one SMTP conversation may take.
const SMTP_TIMEOUT: Duration = Duration::from_secs(20);

impl MailSettings {
    /// Checks `[mail]`: an address to send from, a base URL, a port, credentials complete and
    /// never sent in clear to another machine, a password file only the server's user can read.
    pub fn check(file: MailFile) -> Result<MailSettings, String> {
        let host = file.smtp_host.trim().to_string();
        if host.is_empty() || host.contains(char::is_whitespace) || host.contains('/') {
            return Err(format!("[mail] smtp_host = {:?}: a host name or address", file.smtp_host));
        }
        let from: Mailbox =
            file.from.parse().map_err(|_| format!("[mail] from = {:?}: not an e-mail address (e.g. ttc@example.edu.cn)", file.from))?;
        let base_url = file.base_url.trim().trim_end_matches('/').to_string();
        let after_scheme = base_url.strip_prefix("https://").or_else(|| base_url.strip_prefix("http://"));
        if after_scheme.is_none_or(|rest| rest.is_empty() || rest.contains(char::is_whitespace)) {
            return Err(format!("[mail] base_url = {:?}: the address people open the server at, https://…", file.base_url));
        }
        let local = is_local(&host);
        let starttls = file.starttls.unwrap_or(!local);
        let port = file.smtp_port.unwrap_or(if starttls { 587 } else { 25 });
        if port == 0 {
            return Err("[mail] smtp_port = 0: the SMTP server's port (587 with STARTTLS, 25 without)".into());
        }
        let credentials = match (file.username, file.password_file) {
            (Some(user), Some(path)) => Some((user, read_password(&path)?)),
            (None, None) => None,
            _ => return Err("[mail] username and password_file go together: give both or neither".into()),
        };
        if credentials.is_some() && !starttls && !local {
            return Err(format!(
                "[mail] starttls = false with a username: the password would cross the network to {host} in clear; set starttls = true"
            ));
        }
        Ok(MailSettings { host, port, starttls, from, credentials, base_url, every: EVERY })
    }

    /// The SMTP client: STARTTLS required or plain, the credentials, a timeout, and the name the
    /// server greets with (its host, from the base URL).
    fn transport(&self) -> Result<SmtpTransport, String> {
        let tls = if self.starttls {
            Tls::Required(TlsParameters::new(self.host.clone()).map_err(|e| format!("TLS for {}: {e}", self.host))?)
        } else {
            Tls::None
        };
        let own = self.base_url.split("://").nth(1).and_then(|rest| rest.split(['/', ':']).next()).unwrap_or("localhost");
        let mut builder = SmtpTransport::builder_dangerous(self.host.as_str())
            .port(self.port)
            .tls(tls)
            .timeout(Some(SMTP_TIMEOUT))
            .hello_name(ClientId::Domain(own.to_string()));
        if let Some((user, password)) = &self.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(builder.build())
    }
}

/// `localhost` or a loopback address: a mail relay on this machine, reached without TLS.
fn is_local(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost") || host.trim_matches(['[', ']']).parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The password file's first line, refused unless it belongs to the server's user and nobody
/// else may read it (like the data folder: chmod 0600).
fn read_password(path: &Path) -> Result<String, String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(path).map_err(|e| format!("[mail] password_file {}: {e}", path.display()))?;
        if meta.uid() != rustix::process::geteuid().as_raw() {
            return Err(format!("[mail] password_file {}: it must belong to the user the server runs as", path.display()));
        }
        if meta.mode() & 0o077 != 0 {
            return Err(format!(
                "[mail] password_file {} has mode {:04o}: others may read the password; chmod 0600 {}",
                path.display(),
                meta.mode() & 0o7777,
                path.display()
            ));
        }
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("[mail] password_file {}: cannot read it: {e}", path.display()))?;
    let password = text.lines().next().unwrap_or("").trim_end_matches('\r').to_string();
    if password.is_empty() {
        return Err(format!("[mail] password_file {}: empty (the password is its first line)", path.display()));
    }
    Ok(password)
}

/// Starts the worker when mail is configured; with no `[mail]`, nothing is queued or sent.
/// Where it resumes is read now, before any request, so that what is written from here on is
/// mailed and what was written before is not.
pub fn start(server: &Arc<Server>, settings: Option<&MailSettings>) -> Option<tokio::task::JoinHandle<()>> {
    let settings = settings?.clone();
    let worker = match Worker::new(server, settings.clone()) {
        Ok(worker) => worker,
        Err(why) => {
            eprintln!("mail: not started: {why}");
            return None;
        }
    };
    println!("mail: notifications are mailed through {}:{}", settings.host, settings.port);
    Some(tokio::spawn(run(Arc::clone(server), worker, settings)))
}

async fn run(server: Arc<Server>, mut worker: Worker, settings: MailSettings) {
    loop {
        tokio::time::sleep(settings.every).await;
        let shared = Arc::clone(&server);
        // The SMTP conversation blocks: on a thread of its own, never a request's.
        match tokio::task::spawn_blocking(move || {
            worker.round(&shared);
            worker
        })
        .await
        {
            Ok(back) => worker = back,
            Err(e) => {
                // A round that panicked lost the worker's memory of waits: start again from
                // the queue as it stands (nothing is mailed twice: sent mails are marked).
                eprintln!("mail: a round failed ({e}); starting again");
                match Worker::new(&server, settings.clone()) {
                    Ok(again) => worker = again,
                    Err(why) => {
                        eprintln!("mail: stopped: {why}");
                        return;
                    }
                }
            }
        }
    }
}

/// What the worker remembers between rounds.
struct Worker {
    settings: MailSettings,
    transport: SmtpTransport,
    /// The newest notification mail was queued for.
    cursor: i64,
    /// Below this notification, every mail is sent or given up.
    floor: i64,
    /// When a mail that failed may be tried again.
    waits: HashMap<(i64, String), Instant>,
    /// No mail is tried before this (the SMTP server could not be reached).
    paused_until: Option<Instant>,
    /// Failures in a row: the journal has said so once.
    streak: u32,
}

impl Worker {
    fn new(server: &Server, settings: MailSettings) -> Result<Worker, String> {
        let transport = settings.transport()?;
        let cursor = notification::mail_cursor(server.reader().conn()).map_err(|e| e.message(transferdesk_core::Lang::En))?;
        Ok(Worker { settings, transport, cursor, floor: 0, waits: HashMap::new(), paused_until: None, streak: 0 })
    }

    /// Queues what the new notifications owe, then sends what is owed and due.
    fn round(&mut self, server: &Server) {
        if let Err(why) = self.queue(server) {
            self.failed(&format!("cannot queue mail: {why}"));
            return;
        }
        if self.paused_until.is_some_and(|until| Instant::now() < until) {
            return;
        }
        let owed = match notification::owed_mail(server.reader().conn(), self.floor, MAX_ATTEMPTS, ROUND) {
            Ok(owed) => owed,
            Err(e) => return self.failed(&format!("cannot read the mail queue: {}", e.message(transferdesk_core::Lang::En))),
        };
        self.floor = owed.first().map_or(self.cursor + 1, |m| m.notification_id);
        let now = Instant::now();
        self.waits.retain(|_, until| *until > now);
        let due: Vec<&OwedMail> = owed.iter().filter(|m| !self.waits.contains_key(&(m.notification_id, m.address.clone()))).collect();
        for mail in due {
            if !self.send(server, mail) {
                break;
            }
        }
    }

    /// Queues the mails of the notifications written since the cursor. The writer is only
    /// taken when it is free and there is something new: a long job is not waited for.
    fn queue(&mut self, server: &Server) -> Result<(), String> {
        let en = |e: transferdesk_core::Error| e.message(transferdesk_core::Lang::En);
        let newest = notification::newest(server.reader().conn()).map_err(en)?;
        if newest <= self.cursor {
            return Ok(());
        }
        let Some(mut store) = server.store_if_free() else { return Ok(()) };
        let now = transferdesk_api::clock::now();
        notification::queue_mail(&mut store, self.cursor, newest, now - Days::hours(HORIZON_HOURS), now).map_err(en)?;
        self.cursor = newest;
        Ok(())
    }

    /// Sends one mail and marks it; false when the SMTP server could not be reached (the
    /// round stops: the next mails would fail the same way).
    fn send(&mut self, server: &Server, mail: &OwedMail) -> bool {
        let sent = match self.message(mail) {
            Ok(message) => self.transport.send(&message).map_err(|e| (e.to_string(), e.is_response())),
            // An address the mail server would refuse too: counted like its refusal.
            Err(why) => Err((why, true)),
        };
        let at = transferdesk_api::clock::now();
        let marked = match &sent {
            Ok(_) => server.store().map_err(|f| f.report.message).and_then(|mut store| {
                notification::mail_sent(&mut store, mail.notification_id, &mail.address, at)
                    .map_err(|e| e.message(transferdesk_core::Lang::En))
            }),
            Err((why, _)) => server.store().map_err(|f| f.report.message).and_then(|mut store| {
                notification::mail_failed(&mut store, mail.notification_id, &mail.address, mail.attempts + 1, why)
                    .map_err(|e| e.message(transferdesk_core::Lang::En))
            }),
        };
        if let Err(why) = marked {
            self.failed(&format!("cannot mark the mail to {}: {why}", mail.address));
            return false;
        }
        match sent {
            Ok(_) => {
                if self.streak > 0 {
                    println!("mail: sent again through {}:{} after {} failures", self.settings.host, self.settings.port, self.streak);
                }
                self.streak = 0;
                self.paused_until = None;
                true
            }
            Err((why, answered)) => {
                let attempts = mail.attempts + 1;
                let wait = backoff(attempts);
                self.waits.insert((mail.notification_id, mail.address.clone()), Instant::now() + wait);
                if attempts >= MAX_ATTEMPTS {
                    eprintln!("mail: gave up the mail to {} after {attempts} attempts: {why}", mail.address);
                }
                self.failed(&format!("cannot send through {}:{}: {why}", self.settings.host, self.settings.port));
                if !answered {
                    // Unreachable: try nothing before the wait of this streak.
                    self.paused_until = Some(Instant::now() + backoff(self.streak));
                }
                answered
            }
        }
    }

    /// One line in the journal at the start of a failure streak; the rest are counted.
    fn failed(&mut self, why: &str) {
        if self.streak == 0 {
            eprintln!("mail: {why} (mails stay queued and are retried; the next failures are not logged until one is sent)");
        }
        self.streak += 1;
    }

    /// The mail of a notification: its sentence as the subject (with what it tells of), and a
    /// body in Chinese with the link to the screen it opens.
    fn message(&self, mail: &OwedMail) -> Result<Message, String> {
        let to: Mailbox = mail.address.parse().map_err(|_| format!("not an e-mail address: {}", mail.address))?;
        let link = format!("{}/#{}", self.settings.base_url, mail.link);
        let body = format!(
            "{subject}\n\n{kind}（{at}）\n查看：{link}\n\n——\n这封邮件由成果转化工作台自动发送，请勿直接回复。\n不想再收到邮件通知，请联系管理员删除您账号的电子邮箱。\n",
            subject = mail.subject,
            kind = mail.kind.zh(),
            at = mail.created_at,
        );
        let own = self.settings.from.email.domain().to_string();
        let id = format!("<notification-{}-{:016x}@{own}>", mail.notification_id, fingerprint(&mail.address));
        Message::builder()
            .from(self.settings.from.clone())
            .to(to)
            .subject(format!("【{}】{}", mail.kind.zh(), mail.subject))
            .message_id(Some(id))
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| e.to_string())
    }
}

/// The wait after the `attempts`-th failure: 30 s, then doubled, at most an hour.
fn backoff(attempts: u32) -> Duration {
    let doubled = FIRST_WAIT.saturating_mul(1u32 << attempts.saturating_sub(1).min(16));
    doubled.min(LONGEST_WAIT)
}

/// A stable number for an address (its mails' Message-ID: a retried mail keeps its ID, so that
/// a mail server that took it once may drop the copy).
fn fingerprint(address: &str) -> u64 {
    // FNV-1a: stable across builds, unlike the standard library's hasher.
    address.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> MailFile {
        MailFile {
            smtp_host: "smtp.swut.edu.cn".into(),
            smtp_port: None,
            from: "成果转化办公室 <ttc@swut.edu.cn>".into(),
            starttls: None,
            username: None,
            password_file: None,
            base_url: "https://ttc.swut.edu.cn/".into(),
        }
    }

    #[test]
    fn starttls_and_its_port_by_default_except_on_this_machine() {
        let remote = MailSettings::check(file()).expect("settings");
        assert_eq!((remote.starttls, remote.port, remote.base_url.as_str()), (true, 587, "https://ttc.swut.edu.cn"));
        let local = MailSettings::check(MailFile { smtp_host: "localhost".into(), ..file() }).expect("settings");
        assert_eq!((local.starttls, local.port), (false, 25));
        let loopback = MailSettings::check(MailFile { smtp_host: "127.0.0.1".into(), smtp_port: Some(2525), ..file() }).expect("settings");
        assert_eq!((loopback.starttls, loopback.port), (false, 2525));
    }

    #[test]
    fn a_wrong_setting_is_refused_naming_it() {
        let cases = [
            (MailFile { from: "ttc".into(), ..file() }, "from"),
            (MailFile { base_url: "ttc.swut.edu.cn".into(), ..file() }, "base_url"),
            (MailFile { smtp_host: " ".into(), ..file() }, "smtp_host"),
            (MailFile { smtp_port: Some(0), ..file() }, "smtp_port"),
            (MailFile { username: Some("ttc".into()), ..file() }, "password_file"),
        ];
        for (bad, named) in cases {
            let why = MailSettings::check(bad).expect_err(named);
            assert!(why.starts_with("[mail]") && why.contains(named), "{why}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn the_password_file_is_the_server_s_alone_and_never_crosses_the_network_in_clear() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("smtp-password");
        std::fs::write(&path, "s3cret pass\n").expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        let with = |f: MailFile| MailSettings::check(MailFile { username: Some("ttc".into()), password_file: Some(path.clone()), ..f });
        let open = with(file()).expect_err("group may read");
        assert!(open.contains("mode 0640") && open.contains("chmod 0600"), "{open}");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        let settings = with(file()).expect("0600: accepted");
        assert_eq!(settings.credentials, Some(("ttc".into(), "s3cret pass".into())));
        assert!(!format!("{settings:?}").contains("s3cret"), "the password is never printed");
        let clear = with(MailFile { starttls: Some(false), ..file() }).expect_err("in clear");
        assert!(clear.contains("starttls = true"), "{clear}");
        assert!(with(MailFile { smtp_host: "localhost".into(), ..file() }).is_ok(), "a relay on this machine: no TLS needed");
    }

    #[test]
    fn the_waits_double_from_half_a_minute_to_an_hour() {
        // 30 s × 2^(n−1): 30, 60, 120, 240, 480, 960, 1920, then capped at 3600.
        let waits: Vec<u64> = (1..=9).map(|n| backoff(n).as_secs()).collect();
        assert_eq!(waits, vec![30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
    }
}
