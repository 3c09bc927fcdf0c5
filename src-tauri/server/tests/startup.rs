//! Starts refused: the real binary, started the way its systemd unit starts it (`--config FILE`),
//! with one thing wrong at a time. Each refusal exits with 78 (the unit's
//! `RestartPreventExitStatus`), says on one line which line, file or folder and why, and leaves
//! the data folder exactly as it was (docs/reliability.md "The server refuses to start").

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use transferdesk_core::store::institution::Institution;
use transferdesk_core::{Actor, Store};

const SERVER: &str = env!("CARGO_BIN_EXE_transferdesk-server");

/// An installation: a private data folder with a data file, and a configuration file beside it.
struct Install {
    _dir: tempfile::TempDir,
    data: PathBuf,
    db: PathBuf,
    config: PathBuf,
}

fn install() -> Install {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    std::fs::create_dir(&data).expect("data folder");
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o700)).expect("chmod 700");
    let db = data.join("transferdesk.db");
    let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("date");
    let institution = Institution { name: "测试大学".into(), province: "四川省".into(), fee_reduction: true };
    drop(Store::create(&db, &institution, &Actor { name: "test".into(), at }).expect("data file"));
    let config = dir.path().join("server.toml");
    Install { _dir: dir, data, db, config }
}

impl Install {
    /// A configuration file: the data file, port 0, and `more`.
    fn configure(&self, more: &str) {
        let text = format!("# the test's settings\nlisten = \"127.0.0.1:0\"\ndata_file = \"{}\"\n{more}", self.db.display());
        std::fs::write(&self.config, text).expect("config");
    }

    /// Every file under the data folder: its mode, size and content's hash.
    fn snapshot(&self) -> BTreeMap<PathBuf, (u32, Vec<u8>)> {
        let mut files = BTreeMap::new();
        let mut folders = vec![self.data.clone()];
        while let Some(folder) = folders.pop() {
            let meta = std::fs::metadata(&folder).expect("meta");
            files.insert(folder.clone(), (meta.permissions().mode(), Vec::new()));
            for entry in std::fs::read_dir(&folder).expect("list") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    folders.push(path);
                } else {
                    let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
                    files.insert(path.clone(), (mode, std::fs::read(&path).expect("read")));
                }
            }
        }
        files
    }

    /// Starts the server with `--config`: its exit status and stderr when it stopped, or None
    /// when it started listening (it is then stopped).
    fn start(&self) -> Option<(Option<i32>, String)> {
        let mut child = Command::new(SERVER)
            .arg("--config")
            .arg(&self.config)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn the server");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("read stdout");
        if line.starts_with("listening on ") {
            child.kill().expect("stop the server");
            child.wait().expect("wait");
            return None;
        }
        let out = child.wait_with_output().expect("wait");
        Some((out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned()))
    }

    /// The start is refused: exit 78, one line that contains every one of `says`, nothing changed.
    fn refused(&self, says: &[&str]) -> String {
        let before = self.snapshot();
        let (code, stderr) = self.start().expect("the server must refuse to start, but it listened");
        assert_eq!(code, Some(78), "a refused start exits with 78 (EX_CONFIG); stderr: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "one line, for the journal: {stderr}");
        for word in says {
            assert!(stderr.contains(word), "the line names {word:?}: {stderr}");
        }
        assert!(before == self.snapshot(), "a refused start created or changed nothing in the data folder");
        stderr
    }
}

#[test]
fn a_good_installation_starts() {
    // The control of the refusals below: the same installation, nothing wrong, listens.
    let install = install();
    install.configure("backup_at = \"03:00\"\n");
    assert_eq!(install.start(), None, "a correct installation must start");
}

#[test]
fn an_unknown_key_is_refused_naming_its_line() {
    let install = install();
    install.configure("sign_on = \"cas\"\n");
    let config = install.config.display().to_string();
    install.refused(&[&format!("{config}:4:"), "sign_on"]);
}

#[test]
fn a_wrong_type_is_refused_naming_its_line() {
    let install = install();
    install.configure("\nsession_idle_minutes = \"thirty\"\n");
    install.refused(&[&format!("{}:5:", install.config.display()), "invalid type"]);
}

#[test]
fn a_missing_or_unreadable_tls_file_is_refused_naming_it() {
    let install = install();
    let cert = install.data.parent().expect("dir").join("cert.pem");
    std::fs::write(&cert, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n").expect("cert");
    let key = install.data.parent().expect("dir").join("key.pem");
    install.configure(&format!("tls_cert = \"{}\"\ntls_key = \"{}\"\n", cert.display(), key.display()));
    install.refused(&[&key.display().to_string(), "cannot read it"]);
    // A folder where the key should be: it exists but cannot be read as a file (as root, whom
    // no mode stops, this is the unreadable case a test can make).
    std::fs::create_dir(&key).expect("a folder named key.pem");
    install.refused(&[&key.display().to_string(), "cannot read it"]);
}

#[test]
fn a_data_folder_others_may_open_is_refused() {
    let install = install();
    install.configure("");
    std::fs::set_permissions(&install.data, std::fs::Permissions::from_mode(0o755)).expect("chmod 755");
    install.refused(&[&install.data.display().to_string(), "mode 0755", "chmod 0700"]);
    // Without --config (a developer's `--db` in a checkout) the folder is not checked.
    let mut child = Command::new(SERVER)
        .args(["--listen", "127.0.0.1:0", "--db"])
        .arg(&install.db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("read");
    child.kill().expect("stop");
    child.wait().expect("wait");
    assert!(line.starts_with("listening on "), "--db alone: the folder's mode is the developer's business; got {line:?}");
}

#[test]
fn a_data_file_of_a_newer_version_is_refused_and_left_as_it_was() {
    let install = install();
    install.configure("");
    let newer = transferdesk_core::store::schema_version() + 1;
    rusqlite::Connection::open(&install.db).and_then(|c| c.pragma_update(None, "user_version", newer)).expect("bump the version");
    install.refused(&[&install.db.display().to_string(), "newer TransferDesk", &format!("schema version {newer}")]);
}

#[test]
fn a_missing_data_file_is_refused_and_not_created() {
    let install = install();
    install.configure("");
    std::fs::remove_file(&install.db).expect("remove");
    install.refused(&[&install.db.display().to_string()]);
    assert!(!Path::new(&install.db).exists(), "the server never creates an empty data file");
}

#[test]
fn a_wrong_sign_on_setting_is_refused_naming_its_line() {
    let install = install();
    // Lines 1–3 are the test's own (configure()); [cas] is line 4, its server_url line 5.
    install.configure("[cas]\nserver_url = \"http://cas.example.edu.cn/cas\"\npublic_url = \"https://td.example.edu.cn\"\n");
    install.refused(&[&format!("{}:5:", install.config.display()), "[cas] server_url", "https"]);
    let install = install_with_secret(0o644);
    install.0.refused(&[&format!("{}:7:", install.0.config.display()), "client_secret_file", "mode 0644"]);
    let good = install_with_secret(0o600);
    assert_eq!(good.0.start(), None, "the same settings with the secret closed to others start");
}

/// An installation with [oidc] whose secret file has `mode`.
fn install_with_secret(mode: u32) -> (Install, PathBuf) {
    let install = install();
    let secret = install.data.parent().expect("dir").join("oidc-secret");
    std::fs::write(&secret, "s3cret\n").expect("secret");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(mode)).expect("chmod");
    install.configure(&format!(
        "[oidc]\nissuer = \"https://idp.example.edu.cn\"\nclient_id = \"td\"\nclient_secret_file = \"{}\"\nemployee_id_claim = \"employee_id\"\npublic_url = \"https://td.example.edu.cn\"\n",
        secret.display()
    ));
    (install, secret)
}
