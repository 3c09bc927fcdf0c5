//! Lock-down (docs/quality.md "Security"): the window may call only the app's own commands and the
//! file dialogs, under a strict CSP; nothing in the build can open a network connection; the UI
//! loads nothing remote; ID numbers leave the app masked and never reach a log.

use std::path::{Path, PathBuf};

fn app_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The command table's commands (build.rs gives Tauri the same list; a unit test of the app
/// checks that).
fn commands() -> Vec<String> {
    transferdesk_api::table().map(|c| c.name.to_string()).collect()
}

/// Besides the app's commands: the open/save dialogs, and listening to the `job` progress events.
const LISTED: [&str; 4] = ["dialog:allow-open", "dialog:allow-save", "core:event:allow-listen", "core:event:allow-unlisten"];

#[test]
fn capabilities_grant_only_the_apps_commands_and_the_file_dialogs() {
    let commands = commands();
    assert!(commands.len() > 20, "COMMANDS parsed: {commands:?}");
    let allowed: Vec<String> = commands.iter().map(|c| format!("allow-{}", c.replace('_', "-"))).collect();
    let dir = app_dir().join("capabilities");
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).expect("capabilities") {
        let path = entry.expect("entry").path();
        files += 1;
        let doc: serde_json::Value = serde_json::from_str(&read(&path)).expect("JSON");
        let permissions = doc["permissions"].as_array().expect("permissions");
        for p in permissions {
            let p = p.as_str().unwrap_or_else(|| panic!("{}: a scoped permission {p} (no file-system or URL scopes)", path.display()));
            assert!(
                allowed.iter().any(|a| a == p) || LISTED.contains(&p),
                "{}: {p} is neither an app command, a file dialog nor the job events",
                path.display()
            );
        }
        for a in &allowed {
            assert!(permissions.iter().any(|p| p.as_str() == Some(a)), "{}: command permission {a} missing", path.display());
        }
        assert_eq!(doc["windows"], serde_json::json!(["main"]), "one window, named");
        assert!(doc.get("remote").is_none(), "no remote URL may use the capability");
    }
    assert_eq!(files, 1, "one capability file");
}

#[test]
fn the_csp_is_strict_and_nothing_is_remote() {
    let conf: serde_json::Value = serde_json::from_str(&read(&app_dir().join("tauri.conf.json"))).expect("JSON");
    let csp = conf["app"]["security"]["csp"].as_str().expect("a CSP string");
    assert!(csp.starts_with("default-src 'self'"), "{csp}");
    assert!(!csp.contains("unsafe-eval") && !csp.contains('*'), "{csp}");
    // Tauri's own IPC endpoint is the one origin allowed besides 'self'.
    let remote: Vec<&str> = csp.split([' ', ';']).filter(|t| t.starts_with("http") || t.starts_with("ws")).collect();
    assert_eq!(remote, vec!["http://ipc.localhost"], "no remote origin: {csp}");
    assert!(conf["plugins"].as_object().is_none_or(|p| !p.contains_key("updater")), "no updater");
}

#[test]
fn the_ui_loads_no_remote_content() {
    let ui = app_dir().join("../../ui");
    let mut files = vec![ui.join("index.html")];
    let mut stack = vec![ui.join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("ui/src").flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "vue" || e == "ts" || e == "css" || e == "html") {
                files.push(p);
            }
        }
    }
    // The office server's transport is the one place that calls fetch(), and only its own
    // origin's API and sign-in (relative `/api/…` and `/auth/…` URLs); in the desktop app it is
    // never chosen, and the window's CSP would refuse it anyway.
    let http_transport = ui.join("src/api/transport-http.ts");
    let mut fetches = 0;
    for f in files {
        let text = read(&f);
        for marker in ["http://", "https://", "//fonts.", "XMLHttpRequest", "WebSocket(", "navigator.sendBeacon", "window.fetch"] {
            assert!(!text.contains(marker), "{} contains {marker}: the UI loads nothing remote and sends nothing", f.display());
        }
        // The global fetch(), not a method that happens to be called fetch (`options.fetch(…)`).
        for (i, _) in text.match_indices("fetch(") {
            if text[..i].chars().next_back().is_some_and(|c| c == '.' || c == '_' || c.is_alphanumeric()) {
                continue;
            }
            assert!(f == http_transport, "{} calls fetch()", f.display());
            let url = &text[i + "fetch(".len()..];
            assert!(
                ["'/api/", "`/api/", "`/auth/"].iter().any(|p| url.starts_with(p)),
                "{}: fetch() of anything but the same origin's /api/ and /auth/",
                f.display()
            );
            fetches += 1;
        }
    }
    assert!(fetches >= 3, "the HTTP transport's command call, upload and sign-in are checked: {fetches}");
}

#[test]
fn no_http_server_or_client_is_compiled_in() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args(["tree", "-p", "transferdesk-app", "-e", "normal", "--prefix", "none", "--format", "{p}", "--offline"])
        .current_dir(app_dir())
        .output()
        .expect("cargo tree runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let tree = String::from_utf8_lossy(&out.stdout);
    // tauri lists reqwest for other targets (mobile); on this one it is not compiled.
    for krate in [
        "axum",
        "transferdesk-server",
        "tiny_http",
        "actix-web",
        "warp",
        "reqwest",
        "hyper",
        "ureq",
        "isahc",
        "attohttpc",
        "curl",
        "surf",
        "tungstenite",
        "h2",
        "rustls",
        "native-tls",
    ] {
        assert!(!tree.lines().any(|l| l.split_whitespace().next() == Some(krate)), "{krate} is compiled into the app");
    }
}

#[test]
fn exports_mask_id_numbers_unless_asked_and_nothing_logs() {
    use transferdesk_core::model::Table;
    let mut store = transferdesk_core::Store::in_memory().expect("store");
    let actor = transferdesk_core::Actor {
        name: "t".into(),
        at: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("time"),
    };
    let people = app_dir().join("../../tests/fixtures/good/people.csv");
    transferdesk_core::import::import(&mut store, &actor, Table::People, &people, false).expect("import");
    let full = "510107198001010013";
    let masked = format!("{:?}", transferdesk_core::template::export::sheet(&store, Table::People, false).expect("sheet"));
    assert!(!masked.contains(full), "an export without --reveal-ids holds no full ID number");
    let revealed = format!("{:?}", transferdesk_core::template::export::sheet(&store, Table::People, true).expect("sheet"));
    assert!(revealed.contains(full), "asked for explicitly, it is there");

    // The core and the document writers never print; the app prints only its own failures.
    for dir in ["../core/src", "../report/src"] {
        let mut stack = vec![app_dir().join(dir)];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).expect("src").flatten() {
                let p = entry.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|e| e == "rs") {
                    let text = read(&p);
                    let code = text.split("#[cfg(test)]").next().unwrap_or("");
                    for m in ["println!", "eprintln!", "print!(", "dbg!", "log::"] {
                        // `access::log::` is the access log module, not the `log` crate.
                        let used = code.match_indices(m).any(|(i, _)| !code[..i].ends_with("::") && !code[..i].ends_with('_'));
                        assert!(!used, "{} uses {m}: no logging of records", p.display());
                    }
                }
            }
        }
    }
}
