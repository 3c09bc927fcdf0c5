//! The app's state: the open data file, or the reason it could not be opened (shown by the UI
//! instead of crashing).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use tauri::{AppHandle, Emitter};
use transferdesk_api::{Failure, Jobs, Kind};
use transferdesk_core::progress::Progress;
use transferdesk_core::store::backup::Reason;
use transferdesk_core::{demo, store, Actor, ErrorReport, Lang, Store};

/// Held by Tauri for every command.
pub struct AppState {
    store: Result<Mutex<Store>, ErrorReport>,
    /// The long jobs under way, each cancellable (a lock of its own: a job holds the store).
    pub jobs: Jobs,
    /// The running app, which tells the window of each job's steps (set once it exists).
    pub app: Arc<OnceLock<AppHandle>>,
    /// Who of the office said they are at the desk, and the file that remembers it.
    operator: Mutex<Option<String>>,
    operator_file: Option<PathBuf>,
}

/// The `job` event's payload.
#[derive(Clone, serde::Serialize)]
struct JobEvent<'a> {
    id: &'a str,
    progress: &'a Progress,
}

/// Jobs whose steps go to the window as `job` events.
fn jobs(app: &Arc<OnceLock<AppHandle>>) -> Jobs {
    let app = Arc::clone(app);
    Jobs::new(move |id, progress| {
        if let (Some(app), Some(progress)) = (app.get(), progress) {
            // A closed window cannot be told; the job goes on regardless.
            let _ = app.emit("job", JobEvent { id, progress });
        }
    })
}

impl AppState {
    /// Opens `$TRANSFERDESK_DB` or the default data file; on first start creates it with the
    /// small demo portfolio so that a new user sees what the app does.
    pub fn open_default() -> AppState {
        let app = Arc::new(OnceLock::new());
        let jobs = jobs(&app);
        let path = store::resolve_path(None);
        if let Err(problem) = transferdesk_api::clock::check() {
            let report = ErrorReport { code: "bad_environment".into(), message: problem, details: Vec::new() };
            return AppState { store: Err(report), jobs, app, operator: Mutex::new(None), operator_file: None };
        }
        if !path.exists() {
            if let Err(e) = transferdesk_report::demo::create(&path, demo::Scale::Small, 1, &actor(None)) {
                return AppState { store: Err(Failure::from(e).report), jobs, app, operator: Mutex::new(None), operator_file: None };
            }
        }
        let operator_file = operator_file(&path);
        let operator = Mutex::new(read_operator(&operator_file));
        let store = Store::open(&path);
        if store.is_ok() {
            // Once the first screen is up: copying and verifying a large file takes seconds of
            // both cores of a small machine, which the first screen must not share (the quit
            // backup covers a shorter session).
            std::thread::spawn(move || {
                std::thread::sleep(START_BACKUP_DELAY);
                start_backup_in_child(&path);
            });
        }
        AppState { store: store.map(Mutex::new).map_err(|e| e.report(Lang::Zh)), jobs, app, operator, operator_file: Some(operator_file) }
    }

    /// The state over an open store (tests drive the invoke handler with it).
    #[cfg(test)]
    pub fn with_store(store: Store) -> AppState {
        let app = Arc::new(OnceLock::new());
        AppState { store: Ok(Mutex::new(store)), jobs: jobs(&app), app, operator: Mutex::new(None), operator_file: None }
    }

    /// Who said they are at the desk.
    pub fn operator(&self) -> Option<String> {
        self.operator.lock().map(|o| o.clone()).unwrap_or_default()
    }

    /// Says who is at the desk, and remembers it for the next start (beside the data file).
    pub fn set_operator(&self, name: Option<String>) -> Result<(), Failure> {
        if let Some(file) = &self.operator_file {
            let written = match &name {
                Some(n) => std::fs::write(file, n),
                None => std::fs::remove_file(file).or_else(|e| if e.kind() == std::io::ErrorKind::NotFound { Ok(()) } else { Err(e) }),
            };
            written.map_err(|e| Failure::new(Kind::Internal, "io", format!("无法保存当前操作人（{}）：{e}", file.display())))?;
        }
        *self.operator.lock().map_err(|_| Failure::new(Kind::Internal, "internal", "操作人状态不可用，请重启程序"))? = name;
        Ok(())
    }

    /// The automatic backup at quit (the window is closing).
    pub fn quit_backup(&self) {
        if let Ok(store) = self.store() {
            let _ = automatic_backup(&store, Reason::Quit);
        }
    }

    /// The store, locked for this command.
    pub fn store(&self) -> Result<MutexGuard<'_, Store>, Failure> {
        match &self.store {
            Ok(m) => m.lock().map_err(|_| Failure::new(Kind::Internal, "internal", "数据连接不可用，请重启程序")),
            Err(report) => {
                let mut failure = Failure::new(Kind::Unavailable, &report.code, report.message.clone());
                failure.report.details.clone_from(&report.details);
                Err(failure)
            }
        }
    }
}

/// Who writes from the app, and when: the person who said they are at the desk, else the
/// computer account; read here because core rules never read the clock.
pub fn actor(operator: Option<String>) -> Actor {
    let who = operator.unwrap_or_else(transferdesk_api::system_user);
    Actor { name: format!("app:{who}"), at: transferdesk_api::clock::now() }
}

/// Beside the data file: who works on a desk's file belongs with the file.
fn operator_file(data: &Path) -> PathBuf {
    let mut name = data.file_name().unwrap_or_default().to_os_string();
    name.push(".operator");
    data.with_file_name(name)
}

/// The remembered operator; a file someone edited into a name the rules refuse is ignored (the
/// system user stands in) rather than stamped into the log.
fn read_operator(file: &Path) -> Option<String> {
    use std::io::Read;
    // A name is short: whatever is beyond the first kilobyte is not one.
    let mut text = String::new();
    std::fs::File::open(file).ok()?.take(1024).read_to_string(&mut text).ok()?;
    match transferdesk_core::access::operator::name(&text) {
        Ok(name) => Some(name),
        Err(_) => {
            eprintln!("{}: not a name the audit log can carry; ignored", file.display());
            None
        }
    }
}

/// How long after start the start backup begins.
const START_BACKUP_DELAY: std::time::Duration = std::time::Duration::from_secs(10);

/// The argument that makes the app binary take the start backup of a data file and exit.
const START_BACKUP_ARG: &str = "--start-backup";

/// Takes the start backup in a child process of this same binary. Copying and verifying fills
/// SQLite's page caches, and what they free stays in this process's heap for the rest of the
/// session (11 MB on the large portfolio); a child gives its memory back when it exits.
fn start_backup_in_child(path: &Path) {
    // A child that fails has printed why; only a child that could not start is reported here.
    if let Err(e) = std::env::current_exe().and_then(|exe| Command::new(exe).arg(START_BACKUP_ARG).arg(path).status()) {
        eprintln!("automatic backup (start) could not be started: {e}");
    }
}

/// When this process is the start-backup child: takes the backup and returns the exit code.
pub fn start_backup_child() -> Option<i32> {
    let mut args = std::env::args_os().skip(1);
    if args.next()? != START_BACKUP_ARG {
        return None;
    }
    let path = PathBuf::from(args.next()?);
    if !path.is_file() {
        // Opening would create an empty data file.
        eprintln!("automatic backup (start) failed: {} is not a file", path.display());
        return Some(1);
    }
    let taken = Store::open(&path).and_then(|s| automatic_backup(&s, Reason::Start));
    Some(if taken.is_ok() { 0 } else { 1 })
}

/// Takes an automatic backup. A failure must not keep the app from starting or closing; it is
/// printed (the message names a file, never record content).
fn automatic_backup(store: &Store, reason: Reason) -> transferdesk_core::Result<()> {
    let taken = transferdesk_core::store::backup::take(store, actor(None).at, reason, &mut transferdesk_core::progress::unobserved);
    if let Err(e) = &taken {
        eprintln!("automatic backup ({}) failed: {}", reason.key(), e.message(Lang::En));
    }
    taken.map(|_| ())
}
