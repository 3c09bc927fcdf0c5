//! One CJK face for every weight. A CJK face's glyphs are spread over a 20 MB file, so the few
//! hundred characters a screen shows in bold keep ≈ 7 MB of the bold file resident in the web
//! process, beside ≈ 9 MB of the regular one (docs/performance.md). The app hides the bold face
//! of the CJK families its style sheet names from fontconfig, for its own processes only; WebKit
//! then draws bold text by emboldening the regular face, as it does on any system without a bold
//! face.

use std::path::{Path, PathBuf};

/// The system's fontconfig file, which the app's file includes whole.
const SYSTEM_CONFIG: &str = "/etc/fonts/fonts.conf";

/// The CJK families of `ui/src/style.css` that come with a bold face on Linux.
const CJK_FAMILIES: [&str; 2] = ["Noto Sans CJK SC", "Source Han Sans SC"];

/// Points fontconfig at the app's file (written to the user's cache directory), before the first
/// thread and the web process (which inherits the environment) start. A `FONTCONFIG_FILE` the
/// user set wins; without a system file or a cache directory nothing changes.
pub fn use_one_cjk_face() {
    if std::env::var_os("FONTCONFIG_FILE").is_none() && Path::new(SYSTEM_CONFIG).is_file() {
        if let Some(file) = cache_dir().map(|dir| dir.join("transferdesk").join("fonts.conf")) {
            if write_config(&file).is_ok() {
                std::env::set_var("FONTCONFIG_FILE", file);
            }
        }
    }
}

fn cache_dir() -> Option<PathBuf> {
    let absolute = |value: std::ffi::OsString| Some(PathBuf::from(value)).filter(|p| p.is_absolute());
    std::env::var_os("XDG_CACHE_HOME")
        .and_then(absolute)
        .or_else(|| std::env::var_os("HOME").and_then(absolute).map(|home| home.join(".cache")))
}

fn config() -> String {
    let rejected: String = CJK_FAMILIES
        .iter()
        .map(|family| {
            format!(
                "    <pattern><patelt name=\"family\"><string>{family}</string></patelt>\
                 <patelt name=\"weight\"><const>bold</const></patelt></pattern>\n"
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"urn:fontconfig:fonts.dtd\">\n\
         <!-- Written by TransferDesk at every start (src-tauri/app/src/fonts.rs). -->\n<fontconfig>\n\
         <include ignore_missing=\"no\">{SYSTEM_CONFIG}</include>\n<selectfont><rejectfont>\n{rejected}</rejectfont></selectfont>\n\
         </fontconfig>\n"
    )
}

fn write_config(file: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(file.parent().unwrap_or(Path::new(".")))?;
    std::fs::write(file, config())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    /// The file of the face fontconfig picks for `pattern` under the app's configuration.
    fn picked(config: &Path, pattern: &str) -> String {
        let out = Command::new("fc-match").arg(pattern).arg("file").env("FONTCONFIG_FILE", config).output().expect("fc-match runs");
        String::from_utf8(out.stdout).expect("fc-match prints UTF-8").trim().to_owned()
    }

    #[test]
    fn only_the_bold_cjk_face_is_hidden() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let file = dir.path().join("cache/transferdesk/fonts.conf");
        write_config(&file).expect("the file is written");
        let system = Path::new(SYSTEM_CONFIG);
        // Debian's fonts-noto-cjk (installed by the Makefile): without the app's file, bold text
        // gets the bold face.
        assert!(picked(system, "Noto Sans CJK SC:bold").ends_with("NotoSansCJK-Bold.ttc"));
        assert!(picked(&file, "Noto Sans CJK SC:bold").ends_with("NotoSansCJK-Regular.ttc"));
        assert!(picked(&file, "Noto Sans CJK SC").ends_with("NotoSansCJK-Regular.ttc"));
        // Latin bold faces are small and stay.
        assert_eq!(picked(&file, "DejaVu Sans:bold"), picked(system, "DejaVu Sans:bold"));
        assert!(picked(&file, "DejaVu Sans:bold").ends_with("DejaVuSans-Bold.ttf"));
    }
}
