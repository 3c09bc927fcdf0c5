//! The desktop app's side of the command table: every `invoke` from the window is looked up in
//! the table and run off the UI thread, with the app's data file, the person at this desk, paths
//! from the system's dialogs, and progress as `job` events.

use crate::state::{actor, AppState};
use std::path::{Path, PathBuf};
use tauri::ipc::{Invoke, InvokeBody};
use tauri::{Manager, Runtime};
use transferdesk_api::{Caller, DirOut, Failure, FileIn, FileOut, Host, Jobs, Kind, StoreGuard};
use transferdesk_core::Actor;

/// The invoke handler: any command of the table, nothing else.
pub fn handle<R: Runtime>(invoke: Invoke<R>) -> bool {
    let webview = invoke.message.webview();
    let name = invoke.message.command().to_string();
    let args = match invoke.message.payload() {
        InvokeBody::Json(args) => args.clone(),
        InvokeBody::Raw(_) => {
            invoke.resolver.reject(Failure::bad_argument("", "the arguments must be a JSON object, not raw bytes"));
            return true;
        }
    };
    let resolver = invoke.resolver;
    let app = webview.app_handle().clone();
    // Off the UI thread: a command may take seconds (an export, a large import), and the window
    // must keep drawing the progress bar meanwhile.
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let host = DesktopHost { state: &state };
        match transferdesk_api::call(&host, &name, args) {
            Ok(value) => resolver.resolve(value),
            Err(failure) => resolver.reject(failure),
        }
    });
    true
}

/// One desk: one person, the app's own data file.
pub struct DesktopHost<'a> {
    pub state: &'a AppState,
}

impl Host for DesktopHost<'_> {
    fn store(&self) -> Result<StoreGuard<'_>, Failure> {
        Ok(StoreGuard::new(self.state.store()?))
    }

    fn actor(&self) -> Actor {
        actor(self.state.operator())
    }

    fn operator(&self) -> Option<String> {
        self.state.operator()
    }

    fn set_operator(&self, name: Option<String>) -> Result<(), Failure> {
        self.state.set_operator(name)
    }

    fn caller(&self) -> &Caller {
        // One person at one desk: everything, every record.
        &Caller::Desk
    }

    fn jobs(&self) -> &Jobs {
        &self.state.jobs
    }

    fn read_file(&self, file: &FileIn) -> Result<PathBuf, Failure> {
        let path = PathBuf::from(file.as_str());
        // A FIFO or a device "file" would be read without end.
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_file() => Ok(path),
            Ok(_) => Err(Failure::new(Kind::Rejected, "not_a_file", format!("不是普通文件：{}", path.display()))),
            Err(e) => Err(Failure::new(Kind::Rejected, "io", format!("无法读取文件 {}：{e}", path.display()))),
        }
    }

    fn read_source(&self, file: &FileIn) -> Result<PathBuf, Failure> {
        // The system's folder dialog gives a folder; the walk never follows a link out of it.
        let path = PathBuf::from(file.as_str());
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => Ok(path),
            _ => self.read_file(file),
        }
    }

    fn write_file(&self, file: &FileOut) -> Result<PathBuf, Failure> {
        Ok(PathBuf::from(file.as_str()))
    }

    fn write_dir(&self, dir: &DirOut) -> Result<PathBuf, Failure> {
        Ok(PathBuf::from(dir.as_str()))
    }

    fn show_file(&self, path: &Path, _name: &str) -> Result<(), Failure> {
        crate::viewer::open(path)
    }
}

#[cfg(test)]
mod tests {
    use crate::state::AppState;
    use tauri::ipc::{CallbackFn, InvokeBody};
    use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
    use tauri::webview::InvokeRequest;

    fn invoke(
        webview: &tauri::WebviewWindow<tauri::test::MockRuntime>,
        cmd: &str,
        args: &serde_json::Value,
    ) -> Result<serde_json::Value, serde_json::Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().expect("url"),
            body: InvokeBody::Json(args.clone()),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(webview, request).map(|body| body.deserialize().expect("JSON"))
    }

    /// The same table of mistakes as the office server's tests (tests/fixtures/bad-requests.json):
    /// the window gets the same codes as a browser, and nothing is written.
    #[test]
    fn the_shared_table_of_mistakes_gets_the_same_codes_as_over_http() {
        let dir = tempfile::tempdir().expect("tmp");
        let db = dir.path().join("demo.db");
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("date");
        transferdesk_core::demo::create(&db, transferdesk_core::demo::Scale::Small, 1, &transferdesk_core::Actor { name: "t".into(), at })
            .expect("demo");
        let store = transferdesk_core::Store::open(&db).expect("open");
        let app = mock_builder()
            .manage(AppState::with_store(store))
            .invoke_handler(super::handle)
            .build(mock_context(noop_assets()))
            .expect("the app builds");
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("window");
        let count = || {
            let conn = rusqlite::Connection::open(&db).expect("open");
            conn.query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get::<_, i64>(0)).expect("count")
        };
        let before = count();
        let table: Vec<serde_json::Value> =
            serde_json::from_str(include_str!("../../../tests/fixtures/bad-requests.json")).expect("the table is JSON");
        for case in &table {
            let why = case["why"].as_str().expect("why");
            let error = invoke(&webview, case["command"].as_str().expect("command"), &case["args"]).expect_err(why);
            assert_eq!(error["code"], case["code"], "{why}: {error}");
            assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()), "{why}: {error}");
            if let Some(at) = case.get("at") {
                assert_eq!(error["details"][0]["column"], *at, "{why}: {error}");
            }
        }
        assert_eq!(count(), before, "no mistake wrote anything");
        // And a good call answers through the same handler.
        let institution = invoke(&webview, "get_institution", &serde_json::json!({})).expect("answers");
        assert_eq!(institution["name"], "西川理工大学");
    }

    /// build.rs reads the table's area files to give Tauri its permissions; that reading must be
    /// exactly the table.
    #[test]
    fn the_permissions_are_the_table() {
        let mut from_build: Vec<&str> = env!("TRANSFERDESK_COMMANDS").split(',').collect();
        let mut table: Vec<&str> = transferdesk_api::table().map(|c| c.name).collect();
        from_build.sort_unstable();
        table.sort_unstable();
        assert_eq!(from_build, table);
    }

    /// A path that is not a regular file (a FIFO, a device, a folder) is refused before a
    /// command reads it without end.
    #[test]
    fn only_regular_files_are_read() {
        use transferdesk_api::{FileIn, Host};
        let state = AppState::with_store(transferdesk_core::Store::in_memory().expect("store"));
        let host = super::DesktopHost { state: &state };
        for path in ["/dev/zero", "/tmp", "/no/such/file"] {
            assert!(host.read_file(&FileIn(path.into())).is_err(), "{path}");
        }
        let file = tempfile::NamedTempFile::new().expect("tmp");
        assert!(host.read_file(&FileIn(file.path().display().to_string())).is_ok());
    }
}
