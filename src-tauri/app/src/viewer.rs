//! Opening a file the app itself stored with the desktop's viewer for its type.

use std::path::Path;
use transferdesk_api::{Failure, Kind};

/// Hands `path` to the system viewer without waiting for it; the path never comes from the
/// webview, only from the store.
pub fn open(path: &Path) -> Result<(), Failure> {
    #[cfg(target_os = "linux")]
    let mut command = std::process::Command::new("xdg-open");
    #[cfg(target_os = "macos")]
    let mut command = std::process::Command::new("open");
    #[cfg(target_os = "windows")]
    let mut command = {
        let mut c = std::process::Command::new("explorer");
        c.arg("/select,");
        c
    };
    command
        .arg(path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        // Reaped in the background so that no zombie outlives the viewer.
        .map(|mut child| drop(std::thread::spawn(move || child.wait())))
        .map_err(|e| Failure::new(Kind::Internal, "viewer_unavailable", format!("无法打开文件查看程序：{e}")))
}
