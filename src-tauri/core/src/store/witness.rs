//! Witnesses: the audit chain's head kept outside the data file (docs/reliability.md
//! "Witnesses"), so that a log cut short or rebuilt in the file is caught by a copy of its head
//! that was written earlier. The file beside the data file (`transferdesk.db.witness`) is
//! rewritten after every commit that adds entries; each backup has a manifest beside it
//! (`….db.manifest.json`) with the head it was taken at. Both are small JSON files, written
//! atomically (a temporary file renamed into place) and readable by their owner only.

use super::seal::Head;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The witness beside a data file: `<data file>.witness`.
pub fn witness_path(db: &Path) -> PathBuf {
    suffixed(db, ".witness")
}

/// The manifest beside a backup: `<backup>.manifest.json`.
pub fn manifest_path(backup: &Path) -> PathBuf {
    suffixed(backup, ".manifest.json")
}

fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// The content of a witness file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct WitnessFile {
    format: u32,
    #[serde(flatten)]
    head: Head,
}

/// A backup's manifest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// 1.
    pub format: u32,
    /// The backup's schema version.
    pub schema_version: i64,
    /// When an automatic or manual backup was taken (`YYYY-MM-DDTHH:MM:SS`); None for one
    /// written to a file of the user's choosing.
    #[serde(default)]
    pub taken_at: Option<String>,
    /// The head of its audit log (None: an empty log).
    pub audit_head: Option<Head>,
}

/// The folder of a data file's automatic backups: `<data dir>/backups`.
pub fn backup_dir(db: &Path) -> PathBuf {
    db.parent().unwrap_or_else(|| Path::new(".")).join("backups")
}

/// The manifests in the folder `dir`, each with the backup it describes, by name.
pub fn manifests(dir: &Path) -> Vec<(PathBuf, Found<Manifest>)> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut out: Vec<(PathBuf, Found<Manifest>)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_str()?.strip_suffix(".manifest.json")?.to_string();
            let backup = dir.join(name);
            let found = read_manifest(&backup);
            Some((backup, found))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// What reading a witness or a manifest found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found<T> {
    /// No such file.
    Missing,
    /// A file that is not one (the reason).
    Unreadable(String),
    /// Its content.
    Read(T),
}

/// Writes the witness beside `db` (atomically, owner-only).
pub fn write_witness(db: &Path, head: &Head) -> Result<()> {
    write_json(&witness_path(db), &WitnessFile { format: 1, head: head.clone() })
}

/// Reads the witness beside `db`.
pub fn read_witness(db: &Path) -> Found<Head> {
    match read_json::<WitnessFile>(&witness_path(db)) {
        Found::Read(w) => Found::Read(w.head),
        Found::Missing => Found::Missing,
        Found::Unreadable(e) => Found::Unreadable(e),
    }
}

/// Writes the manifest beside `backup`.
pub fn write_manifest(backup: &Path, manifest: &Manifest) -> Result<()> {
    write_json(&manifest_path(backup), manifest)
}

/// Reads the manifest beside `backup`.
pub fn read_manifest(backup: &Path) -> Found<Manifest> {
    read_json(&manifest_path(backup))
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Found<T> {
    // A witness is a few dozen bytes: anything much larger is not one.
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Found::Missing,
        Err(e) => return Found::Unreadable(e.to_string()),
        Ok(m) if !m.is_file() || m.len() > 4096 => return Found::Unreadable("not a witness file".into()),
        Ok(_) => {}
    }
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map(Found::Read).unwrap_or_else(|e| Found::Unreadable(e.to_string())),
        Err(e) => Found::Unreadable(e.to_string()),
    }
}

/// Writes `value` as JSON to `path` through a temporary file renamed into place.
fn write_json(path: &Path, value: &impl Serialize) -> Result<()> {
    let text = serde_json::to_vec(value).map_err(|e| Error::io(path, e))?;
    let tmp = suffixed(path, &format!(".tmp-{}", std::process::id()));
    let written = (|| -> std::io::Result<()> {
        use std::io::Write;
        let mut file = open_private(&tmp)?;
        file.write_all(&text)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

#[cfg(unix)]
fn open_private(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(path)
}

#[cfg(not(unix))]
fn open_private(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new().write(true).create(true).truncate(true).open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_witness_round_trips_and_is_private() {
        let dir = tempfile::tempdir().expect("tmp");
        let db = dir.path().join("t.db");
        assert_eq!(read_witness(&db), Found::Missing);
        let head = Head { entries: 42, hash: "ab".repeat(32) };
        write_witness(&db, &head).expect("written");
        assert_eq!(read_witness(&db), Found::Read(head.clone()));
        let text = std::fs::read_to_string(witness_path(&db)).expect("text");
        assert_eq!(text, format!("{{\"format\":1,\"entries\":42,\"hash\":\"{}\"}}", head.hash));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(witness_path(&db)).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "the witness is its owner's only");
        }
        std::fs::write(witness_path(&db), b"{\"entries\": \"x\"}").expect("garble");
        assert!(matches!(read_witness(&db), Found::Unreadable(_)), "a garbled witness is not read as one");
        let names: Vec<String> =
            std::fs::read_dir(dir.path()).expect("dir").map(|e| e.expect("e").file_name().to_string_lossy().into()).collect();
        assert_eq!(names, vec!["t.db.witness".to_string()], "no temporary file is left behind");
    }
}
