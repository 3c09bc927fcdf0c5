//! How the server runs: the command line, and the configuration file an installation keeps
//! (`/etc/transferdesk/server.toml`). A file with an unknown key, a value of the wrong type, a
//! TLS file that cannot be read or an installation's data folder that others may open is refused
//! at start, naming the line, the file or the folder: nothing starts half-configured, and nothing
//! is created or changed (docs/reliability.md "The server refuses to start").

use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

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
    /// `[mail]`: notifications by e-mail through the office's SMTP server (none: no mail).
    pub mail: Option<crate::mail::MailFile>,
}

impl File {
    /// Reads and checks a configuration file.
    pub fn read(path: &Path) -> Result<File, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        toml::from_str(&text).map_err(|e| {
            let line = e.span().map(|s| text[..s.start].matches('\n').count() + 1);
            match line {
                Some(line) => format!("{}:{line}: {}", path.display(), e.message()),
                None => format!("{}: {}", path.display(), e.message()),
            }
        })
    }
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
    /// Notifications by e-mail, when configured.
    pub mail: Option<crate::mail::MailSettings>,
}

/// The default port (not a privileged one: the service runs as its own user).
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8470";

impl Settings {
    /// The file's settings with the command line's over them, checked: TLS files readable, a
    /// non-loopback address only with TLS or behind a proxy.
    pub fn resolve(file: File, cli: File) -> Result<Settings, String> {
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
