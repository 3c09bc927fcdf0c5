//! How the server runs: the command line, and the configuration file an installation keeps
//! (`/etc/transferdesk/server.toml`). A file with an unknown key, a value of the wrong type or a
//! TLS file that cannot be read is refused at start, naming the line or the file: nothing starts
//! half-configured.

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
    /// Minutes a session may stay unused before it ends.
    pub session_idle_minutes: Option<u32>,
    /// Serve the UI from this folder instead of the one built in.
    pub ui_dir: Option<PathBuf>,
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
    /// Session idle time.
    pub session_idle_minutes: u32,
    /// Another build of the UI.
    pub ui_dir: Option<PathBuf>,
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
                    std::fs::File::open(f).map_err(|e| format!("TLS file {}: {e}", f.display()))?;
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
        Ok(Settings { listen, data_file, tls, behind_proxy, backup_at, session_idle_minutes, ui_dir: cli.ui_dir.or(file.ui_dir) })
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
}
