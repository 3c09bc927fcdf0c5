//! How the server runs: the command line, and the configuration file an installation keeps
//! (`/etc/transferdesk/server.toml`). A file with an unknown key, a value of the wrong type, a
//! TLS file that cannot be read or an installation's data folder that others may open is refused
//! at start, naming the line, the file or the folder: nothing starts half-configured, and nothing
//! is created or changed (docs/reliability.md "The server refuses to start").

use serde::Deserialize;
use std::net::SocketAddr;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The settings, as the file spells them (every key optional; the command line wins).
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct File {
    /// Address and port to listen on.
    pub listen: Option<SocketAddr>,
    /// The data file.
    pub data_file: Option<PathBuf>,
    /// The certificate chain (PEM) for HTTPS.
    pub tls_cert: Option<PathBuf>,
    /// Its private key (PEM).
    pub tls_key: Option<PathBuf>,
    /// A reverse proxy on this machine terminates TLS and forwards here.
    pub behind_proxy: Option<bool>,
    /// The daily backup's time of day, `HH:MM` (local time).
    pub backup_at: Option<String>,
    /// The folder the daily backups go to (default: `backups` beside the data file).
    pub backup_dir: Option<PathBuf>,
    /// Minutes a session may stay unused before it ends.
    pub session_idle_minutes: Option<u32>,
    /// Serve the UI from this folder instead of the one built in.
    pub ui_dir: Option<PathBuf>,
    /// The university's sign-on through OpenID Connect (docs/sign-on.md).
    pub oidc: Option<OidcFile>,
    /// The university's sign-on through CAS (docs/sign-on.md).
    pub cas: Option<CasFile>,
    /// `[mail]`: notifications by e-mail through the office's SMTP server (none: no mail).
    pub mail: Option<crate::mail::MailFile>,
    /// Where the file was read from, and its text: a sign-on setting refused after parsing still
    /// names its line.
    #[serde(skip)]
    pub source: Option<(PathBuf, String)>,
}

/// `[oidc]`: the university's OpenID provider, as the file spells it.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct OidcFile {
    /// The provider's issuer URL (its metadata is at `<issuer>/.well-known/openid-configuration`).
    pub issuer: Spanned<String>,
    /// This server's client ID at the provider.
    pub client_id: Spanned<String>,
    /// The client secret, written in this file …
    pub client_secret: Option<Spanned<String>>,
    /// … or in a file of its own that only the server's user may read.
    pub client_secret_file: Option<Spanned<PathBuf>>,
    /// The claim (of the ID token or the userinfo) holding the person's employee ID.
    pub employee_id_claim: Spanned<String>,
    /// Scopes asked for beyond `openid` (default: `profile email`).
    pub scopes: Option<Spanned<Vec<String>>>,
    /// This server's URL as browsers reach it (the redirect URI is `<public_url>/auth/oidc/callback`).
    pub public_url: Spanned<String>,
    /// The button's text on the sign-in page.
    pub label: Option<Spanned<String>>,
}

/// `[cas]`: the university's CAS server, as the file spells it.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CasFile {
    /// The CAS server's base URL, e.g. `https://cas.example.edu.cn/cas`.
    pub server_url: Spanned<String>,
    /// The attribute holding the employee ID (absent: the CAS user name is the employee ID).
    pub employee_id_attribute: Option<Spanned<String>>,
    /// This server's URL as browsers reach it (the service is `<public_url>/auth/cas/callback`).
    pub public_url: Spanned<String>,
    /// The button's text on the sign-in page.
    pub label: Option<Spanned<String>>,
}

/// The OpenID provider the server signs people on with, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Oidc {
    /// The issuer, exactly as the provider's ID tokens name it.
    pub issuer: String,
    /// The client ID.
    pub client_id: String,
    /// The client secret.
    pub client_secret: String,
    /// The claim holding the employee ID.
    pub employee_id_claim: String,
    /// The scopes asked for, `openid` first.
    pub scopes: Vec<String>,
    /// The redirect URI registered at the provider.
    pub redirect_uri: String,
    /// The button's text.
    pub label: String,
}

/// The CAS server the server signs people on with, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Cas {
    /// Its base URL, without a trailing slash.
    pub server_url: String,
    /// The attribute holding the employee ID; none: the user name.
    pub employee_id_attribute: Option<String>,
    /// The service URL registered at the CAS server.
    pub service: String,
    /// The button's text.
    pub label: String,
}

impl File {
    /// Reads and checks a configuration file.
    pub fn read(path: &Path) -> Result<File, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut file: File = toml::from_str(&text).map_err(|e| {
            let line = e.span().map(|s| text[..s.start].matches('\n').count() + 1);
            match line {
                Some(line) => format!("{}:{line}: {}", path.display(), e.message()),
                None => format!("{}: {}", path.display(), e.message()),
            }
        })?;
        file.source = Some((path.to_path_buf(), text));
        Ok(file)
    }

    /// A refusal of a value, naming the file and the value's line when the file was read.
    fn at(&self, span: Range<usize>, why: String) -> String {
        match &self.source {
            Some((path, text)) => {
                let line = text.get(..span.start).map_or(0, |t| t.matches('\n').count()) + 1;
                format!("{}:{line}: {why}", path.display())
            }
            None => why,
        }
    }

    /// The `[oidc]` section, checked (the secret read from its file).
    fn oidc(&self) -> Result<Option<Oidc>, String> {
        let Some(o) = &self.oidc else { return Ok(None) };
        base_url(o.issuer.get_ref(), "[oidc] issuer").map_err(|why| self.at(o.issuer.span(), why))?;
        // Kept as written: the ID tokens' `iss` must be exactly it, trailing slash or not.
        let issuer = o.issuer.get_ref().trim().to_string();
        let client_id = o.client_id.get_ref().trim().to_string();
        if client_id.is_empty() {
            return Err(self.at(o.client_id.span(), "[oidc] client_id is empty".into()));
        }
        let client_secret = match (&o.client_secret, &o.client_secret_file) {
            (Some(secret), None) if !secret.get_ref().trim().is_empty() => secret.get_ref().trim().to_string(),
            (Some(secret), None) => return Err(self.at(secret.span(), "[oidc] client_secret is empty".into())),
            (None, Some(file)) => secret_file(file.get_ref()).map_err(|why| self.at(file.span(), why))?,
            (Some(secret), Some(_)) => {
                return Err(self.at(secret.span(), "[oidc] give client_secret or client_secret_file, not both".into()))
            }
            (None, None) => return Err(self.at(o.client_id.span(), "[oidc] needs client_secret_file (or client_secret)".into())),
        };
        let employee_id_claim = o.employee_id_claim.get_ref().trim().to_string();
        if employee_id_claim.is_empty() {
            return Err(self.at(o.employee_id_claim.span(), "[oidc] employee_id_claim is empty".into()));
        }
        let mut scopes = vec!["openid".to_string()];
        match &o.scopes {
            Some(given) => {
                for scope in given.get_ref() {
                    if scope.is_empty() || !scope.chars().all(|c| c.is_ascii_graphic() && c != '"' && c != '\\') {
                        return Err(self.at(given.span(), format!("[oidc] scopes: {scope:?} is not a scope")));
                    }
                    if !scopes.contains(scope) {
                        scopes.push(scope.clone());
                    }
                }
            }
            None => scopes.extend(["profile".to_string(), "email".to_string()]),
        }
        let public = base_url(o.public_url.get_ref(), "[oidc] public_url").map_err(|why| self.at(o.public_url.span(), why))?;
        let label = label(o.label.as_ref());
        Ok(Some(Oidc {
            issuer,
            client_id,
            client_secret,
            employee_id_claim,
            scopes,
            redirect_uri: format!("{public}/auth/oidc/callback"),
            label,
        }))
    }

    /// The `[cas]` section, checked.
    fn cas(&self) -> Result<Option<Cas>, String> {
        let Some(c) = &self.cas else { return Ok(None) };
        let server_url = base_url(c.server_url.get_ref(), "[cas] server_url").map_err(|why| self.at(c.server_url.span(), why))?;
        let employee_id_attribute = match &c.employee_id_attribute {
            Some(a) if a.get_ref().trim().is_empty() => {
                return Err(self.at(a.span(), "[cas] employee_id_attribute is empty (leave it out to use the CAS user name)".into()))
            }
            Some(a) => Some(a.get_ref().trim().to_string()),
            None => None,
        };
        let public = base_url(c.public_url.get_ref(), "[cas] public_url").map_err(|why| self.at(c.public_url.span(), why))?;
        let label = label(c.label.as_ref());
        Ok(Some(Cas { server_url, employee_id_attribute, service: format!("{public}/auth/cas/callback"), label }))
    }
}

/// A sign-on button's text (an empty one would be a button nobody can read).
fn label(given: Option<&Spanned<String>>) -> String {
    given.map(|l| l.get_ref().trim()).filter(|l| !l.is_empty()).unwrap_or("统一身份认证登录").to_string()
}

/// A base URL (an issuer, a CAS server, this server's public address) without its trailing
/// slash: HTTPS, or plain HTTP to this machine only (a test's provider) — a sign-on over plain
/// HTTP across the network could be read or changed on the way.
fn base_url(value: &str, key: &str) -> Result<String, String> {
    let parsed = url::Url::parse(value.trim()).map_err(|e| format!("{key} = {value:?}: not a URL ({e})"))?;
    let loopback = match parsed.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match parsed.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => return Err(format!("{key} = {value:?}: must be https:// (plain http only to this machine)")),
        other => return Err(format!("{key} = {value:?}: {other}: is not https")),
    }
    if parsed.query().is_some() || parsed.fragment().is_some() || !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(format!("{key} = {value:?}: a base URL has no query, fragment or user"));
    }
    Ok(value.trim().trim_end_matches('/').to_string())
}

/// The client secret from its own file: readable by the server, closed to everyone else (like a
/// TLS key, which only the server's user should read), not empty.
fn secret_file(path: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("[oidc] client_secret_file {}: cannot read it: {e}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let mode = std::fs::metadata(path).map_err(|e| format!("[oidc] client_secret_file {}: {e}", path.display()))?.mode() & 0o7777;
        if mode & 0o077 != 0 {
            return Err(format!(
                "[oidc] client_secret_file {} has mode {mode:04o}: other accounts on this host could read the secret; chmod 0600 {} (owned by the server's user)",
                path.display(),
                path.display()
            ));
        }
    }
    let secret = text.trim();
    if secret.is_empty() {
        return Err(format!("[oidc] client_secret_file {}: empty", path.display()));
    }
    Ok(secret.to_string())
}

/// The settings the server runs with, checked.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Where it listens.
    pub listen: SocketAddr,
    /// The data file.
    pub data_file: PathBuf,
    /// Certificate and key, when it speaks HTTPS itself.
    pub tls: Option<(PathBuf, PathBuf)>,
    /// Behind a reverse proxy that terminates TLS.
    pub behind_proxy: bool,
    /// The daily backup's time.
    pub backup_at: chrono::NaiveTime,
    /// The daily backups' folder.
    pub backup_dir: PathBuf,
    /// Session idle time.
    pub session_idle_minutes: u32,
    /// Another build of the UI.
    pub ui_dir: Option<PathBuf>,
    /// Sign-on through the university's OpenID provider.
    pub oidc: Option<Oidc>,
    /// Sign-on through the university's CAS server.
    pub cas: Option<Cas>,
    /// Notifications by e-mail, when configured.
    pub mail: Option<crate::mail::MailSettings>,
}

/// The default port (not a privileged one: the service runs as its own user).
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8470";

impl Settings {
    /// The file's settings with the command line's over them, checked: TLS files readable, a
    /// non-loopback address only with TLS or behind a proxy.
    pub fn resolve(file: File, cli: File) -> Result<Settings, String> {
        // Sign-on is the configuration file's alone (the command line has no options for it).
        let oidc = file.oidc()?;
        let cas = file.cas()?;
        let listen =
            cli.listen.or(file.listen).unwrap_or_else(|| DEFAULT_LISTEN.parse().unwrap_or(SocketAddr::from(([127, 0, 0, 1], 8470))));
        let data_file = transferdesk_core::store::resolve_path(cli.data_file.or(file.data_file).as_deref());
        let tls = match (cli.tls_cert.or(file.tls_cert), cli.tls_key.or(file.tls_key)) {
            (Some(cert), Some(key)) => {
                for f in [&cert, &key] {
                    readable_pem(f)?;
                }
                Some((cert, key))
            }
            (None, None) => None,
            _ => return Err("tls_cert and tls_key go together: give both or neither".into()),
        };
        let behind_proxy = cli.behind_proxy.or(file.behind_proxy).unwrap_or(false);
        if tls.is_some() && behind_proxy {
            return Err("behind_proxy means the proxy terminates TLS: do not give tls_cert/tls_key as well".into());
        }
        if !listen.ip().is_loopback() && tls.is_none() && !behind_proxy {
            return Err(format!(
                "{listen} is reachable from the network: give tls_cert and tls_key (HTTPS), or set behind_proxy when a reverse proxy on this machine terminates TLS"
            ));
        }
        if behind_proxy && !listen.ip().is_loopback() {
            return Err(format!("behind_proxy: listen on a loopback address (the proxy forwards to it), not {listen}"));
        }
        let backup_at = cli.backup_at.or(file.backup_at).unwrap_or_else(|| "02:30".into());
        let backup_at =
            chrono::NaiveTime::parse_from_str(&backup_at, "%H:%M").map_err(|_| format!("backup_at = {backup_at}: not a time HH:MM"))?;
        let session_idle_minutes = cli.session_idle_minutes.or(file.session_idle_minutes).unwrap_or(30);
        if !(5..=24 * 60).contains(&session_idle_minutes) {
            return Err(format!("session_idle_minutes = {session_idle_minutes}: between 5 and 1440"));
        }
        let backup_dir = cli.backup_dir.or(file.backup_dir).unwrap_or_else(|| transferdesk_core::store::backup::backup_dir(&data_file));
        Ok(Settings {
            listen,
            data_file,
            tls,
            behind_proxy,
            backup_at,
            backup_dir,
            session_idle_minutes,
            ui_dir: cli.ui_dir.or(file.ui_dir),
            oidc,
            cas,
            mail: file.mail.map(crate::mail::MailSettings::check).transpose()?,
        })
    }
}

/// A TLS file the server can read, in PEM (the service's user must be able to read the key).
fn readable_pem(f: &Path) -> Result<(), String> {
    let bytes = std::fs::read(f).map_err(|e| format!("TLS file {}: cannot read it: {e}", f.display()))?;
    if !bytes.windows(11).any(|w| w == b"-----BEGIN ") {
        return Err(format!("TLS file {}: not a PEM file (no -----BEGIN line)", f.display()));
    }
    Ok(())
}

/// The check of an installation's data folder (the server started with `--config`, as its
/// systemd unit does): the folder holding the data file must belong to the user the server runs
/// as and be closed to everyone else (no group or other permission, e.g. 0700) — else another
/// account on the host could read the office's data, or the server (run by hand as root) would
/// leave files its service cannot write. A developer's `--db office.db` in a checkout is not
/// checked: it is their own file on their own machine.
#[cfg(unix)]
pub fn check_data_folder(data_file: &Path) -> Result<(), String> {
    check_data_folder_as(data_file, rustix::process::geteuid().as_raw())
}

/// [`check_data_folder`] for the user `uid`.
#[cfg(unix)]
pub fn check_data_folder_as(data_file: &Path, uid: u32) -> Result<(), String> {
    use std::os::unix::fs::MetadataExt;
    let dir = match data_file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let meta = std::fs::metadata(dir).map_err(|e| format!("data folder {}: {e}", dir.display()))?;
    if !meta.is_dir() {
        return Err(format!("data folder {}: not a folder", dir.display()));
    }
    if meta.uid() != uid {
        return Err(format!(
            "data folder {} belongs to {}, but the server runs as {}: it must own its data folder (chown it, or start the server as its user: systemctl start transferdesk-server)",
            dir.display(),
            user_name(meta.uid()),
            user_name(uid)
        ));
    }
    let mode = meta.mode() & 0o7777;
    if mode & 0o077 != 0 {
        return Err(format!(
            "data folder {} has mode {mode:04o}: other accounts on this host may open the office's data; close it with chmod 0700 {}",
            dir.display(),
            dir.display()
        ));
    }
    Ok(())
}

/// Nothing to check where folders have no Unix owner and mode.
#[cfg(not(unix))]
pub fn check_data_folder(_data_file: &Path) -> Result<(), String> {
    Ok(())
}

/// `name (uid N)` from /etc/passwd, or `uid N`.
#[cfg(unix)]
fn user_name(uid: u32) -> String {
    let name = std::fs::read_to_string("/etc/passwd").ok().and_then(|text| {
        text.lines().find_map(|line| {
            let mut fields = line.split(':');
            let name = fields.next()?;
            (fields.nth(1)?.parse::<u32>().ok()? == uid).then(|| name.to_string())
        })
    });
    match name {
        Some(name) => format!("{name} (uid {uid})"),
        None => format!("uid {uid}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> Result<File, String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let path = dir.path().join("server.toml");
        std::fs::write(&path, text).map_err(|e| e.to_string())?;
        File::read(&path)
    }

    #[test]
    fn an_unknown_key_or_a_wrong_type_names_its_line() {
        let unknown = file("listen = \"127.0.0.1:9000\"\nlisten_port = 9000\n").expect_err("unknown key");
        assert!(unknown.contains(":2:") && unknown.contains("listen_port"), "{unknown}");
        let wrong = file("behind_proxy = \"yes\"\n").expect_err("wrong type");
        assert!(wrong.contains(":1:"), "{wrong}");
        assert_eq!(file("listen = \"127.0.0.1:9000\"\n").expect("good").listen, "127.0.0.1:9000".parse().ok());
    }

    #[test]
    fn mail_is_off_without_its_section_and_a_wrong_key_in_it_names_its_line() {
        let none = Settings::resolve(file("listen = \"127.0.0.1:9000\"\n").expect("good"), File::default()).expect("settings");
        assert!(none.mail.is_none(), "no [mail]: no mail");
        let text = "[mail]\nsmtp_host = \"localhost\"\nfrom = \"ttc@swut.edu.cn\"\nbase_url = \"https://ttc.swut.edu.cn\"\n";
        let on = Settings::resolve(file(text).expect("good"), File::default()).expect("settings");
        assert_eq!(on.mail.map(|m| (m.host, m.port, m.starttls)), Some(("localhost".to_string(), 25, false)));
        let unknown = file(&format!("{text}smtp_tls = true\n")).expect_err("unknown key");
        assert!(unknown.contains(":5:") && unknown.contains("smtp_tls"), "{unknown}");
        let wrong = file(&format!("{text}starttls = \"yes\"\n")).expect_err("wrong type");
        assert!(wrong.contains(":5:"), "{wrong}");
        let missing = file("[mail]\nsmtp_host = \"localhost\"\n").expect_err("from and base_url are required");
        assert!(missing.contains("from"), "{missing}");
        let bad = Settings::resolve(file(&text.replace("ttc@swut.edu.cn", "ttc")).expect("parses"), File::default()).expect_err("checked");
        assert!(bad.contains("[mail] from"), "{bad}");
    }

    #[test]
    fn the_network_needs_tls_or_a_proxy() {
        let open = File { listen: "0.0.0.0:8470".parse().ok(), ..File::default() };
        let refused = Settings::resolve(File::default(), open.clone()).expect_err("no TLS");
        assert!(refused.contains("0.0.0.0:8470"), "{refused}");
        let proxied = File { behind_proxy: Some(true), ..open.clone() };
        assert!(Settings::resolve(File::default(), proxied).is_err(), "a proxy forwards to loopback");
        let local = File { behind_proxy: Some(true), listen: "127.0.0.1:8470".parse().ok(), ..File::default() };
        assert!(Settings::resolve(File::default(), local).is_ok());
        let missing = File { tls_cert: Some("/no/cert.pem".into()), tls_key: Some("/no/key.pem".into()), ..open };
        let refused = Settings::resolve(File::default(), missing).expect_err("unreadable TLS file");
        assert!(refused.contains("/no/cert.pem"), "{refused}");
    }

    #[test]
    fn the_backups_go_beside_the_data_file_unless_a_folder_is_given() {
        let db = File { data_file: Some("/srv/office/transferdesk.db".into()), ..File::default() };
        let beside = Settings::resolve(File::default(), db.clone()).expect("settings");
        assert_eq!(beside.backup_dir, PathBuf::from("/srv/office/backups"), "the desktop app's folder, the default");
        let given = File { backup_dir: Some("/mnt/backup/transferdesk".into()), ..File::default() };
        let elsewhere = Settings::resolve(given, db).expect("settings");
        assert_eq!(elsewhere.backup_dir, PathBuf::from("/mnt/backup/transferdesk"), "the file's key is used");
    }

    #[cfg(unix)]
    #[test]
    fn an_installation_s_data_folder_belongs_to_the_server_and_nobody_else() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let dir = tempfile::tempdir().expect("tmp");
        let db = dir.path().join("transferdesk.db");
        let owner = std::fs::metadata(dir.path()).expect("meta").uid();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).expect("chmod");
        assert_eq!(check_data_folder_as(&db, owner), Ok(()), "0700 and the server's own: accepted");
        let other = check_data_folder_as(&db, owner + 1).expect_err("another user's folder");
        assert!(other.contains(&dir.path().display().to_string()) && other.contains(&format!("uid {}", owner + 1)), "{other}");
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o750)).expect("chmod");
        let open = check_data_folder_as(&db, owner).expect_err("group may read");
        assert!(open.contains("mode 0750") && open.contains("chmod 0700"), "{open}");
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o701)).expect("chmod");
        assert!(check_data_folder_as(&db, owner).is_err(), "others may enter: refused too");
    }

    /// The settings of a file's text, as the server resolves them at start.
    fn settings(text: &str, dir: &Path) -> Result<Settings, String> {
        let path = dir.join("server.toml");
        std::fs::write(&path, text).map_err(|e| e.to_string())?;
        Settings::resolve(File::read(&path)?, File::default())
    }

    #[cfg(unix)]
    #[test]
    fn a_sign_on_section_is_checked_naming_its_line() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tmp");
        let secret = dir.path().join("oidc-secret");
        std::fs::write(&secret, "s3cret\n").expect("secret");
        std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        let oidc = |issuer: &str, extra: &str| {
            format!(
                "backup_at = \"03:00\"\n[oidc]\nissuer = \"{issuer}\"\nclient_id = \"td\"\nclient_secret_file = \"{}\"\nemployee_id_claim = \"employee_id\"\npublic_url = \"https://td.example.edu.cn/\"\n{extra}",
                secret.display()
            )
        };
        let good = settings(&oidc("https://idp.example.edu.cn", ""), dir.path()).expect("good");
        let o = good.oidc.expect("oidc");
        assert_eq!(o.redirect_uri, "https://td.example.edu.cn/auth/oidc/callback", "the trailing slash is not doubled");
        assert_eq!((o.client_secret.as_str(), o.scopes.join(" ")), ("s3cret", "openid profile email".to_string()));
        let plain = settings(&oidc("http://idp.example.edu.cn", ""), dir.path()).expect_err("plain http across the network");
        assert!(plain.contains("server.toml:3:") && plain.contains("[oidc] issuer") && plain.contains("https"), "{plain}");
        assert!(settings(&oidc("http://127.0.0.1:9000", ""), dir.path()).is_ok(), "plain http to this machine (a test's provider)");
        let both = settings(&oidc("https://idp.example.edu.cn", "client_secret = \"x\"\n"), dir.path()).expect_err("both secrets");
        assert!(both.contains("server.toml:8:") && both.contains("not both"), "{both}");
        let unknown = settings(&oidc("https://idp.example.edu.cn", "claim = \"x\"\n"), dir.path()).expect_err("unknown key");
        assert!(unknown.contains("server.toml:8:") && unknown.contains("claim"), "{unknown}");
        std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        let open = settings(&oidc("https://idp.example.edu.cn", ""), dir.path()).expect_err("others may read the secret");
        assert!(open.contains("server.toml:5:") && open.contains("mode 0644") && open.contains("chmod 0600"), "{open}");
        let cas =
            settings("[cas]\nserver_url = \"https://cas.example.edu.cn/cas\"\npublic_url = \"https://td.example.edu.cn\"\n", dir.path())
                .expect("cas")
                .cas
                .expect("cas section");
        assert_eq!((cas.service.as_str(), cas.employee_id_attribute), ("https://td.example.edu.cn/auth/cas/callback", None));
        let wrong = settings("[cas]\nserver_url = \"cas.example.edu.cn\"\npublic_url = \"https://td.example.edu.cn\"\n", dir.path())
            .expect_err("not a URL");
        assert!(wrong.contains("server.toml:2:") && wrong.contains("not a URL"), "{wrong}");
    }

    #[test]
    fn a_tls_file_must_be_readable_pem() {
        let dir = tempfile::tempdir().expect("tmp");
        let pem = dir.path().join("cert.pem");
        std::fs::write(&pem, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n").expect("write");
        assert_eq!(readable_pem(&pem), Ok(()));
        let text = dir.path().join("key.txt");
        std::fs::write(&text, "not a key\n").expect("write");
        let refused = readable_pem(&text).expect_err("not PEM");
        assert!(refused.contains("key.txt") && refused.contains("not a PEM file"), "{refused}");
        let refused = readable_pem(dir.path()).expect_err("a folder cannot be read as a file");
        assert!(refused.contains("cannot read it"), "{refused}");
    }
}
