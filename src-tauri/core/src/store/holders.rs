//! Which programs have a data file open, so that a writer that gives up can say who holds the
//! file. SQLite's own lock does not tell who holds it, so each program that opens the file adds a
//! line `pid<TAB>program` to `<file>.lock-owner` and removes it when it closes the file. Lines of
//! processes that are gone (a crash, SIGKILL) are ignored and dropped at the next update. The
//! note is advisory: failing to write it never stops anyone from opening the file.

use crate::error::Error;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// How many stores this process has open per file: the line is added by the first and removed
/// by the last (a restore reopens the file while the old store is still alive).
static OPEN: Mutex<Option<HashMap<PathBuf, usize>>> = Mutex::new(None);

/// The note next to a data file.
pub fn note_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(".lock-owner");
    PathBuf::from(name)
}

/// Adds this process to the note of `db`.
pub(crate) fn register(db: &Path) {
    let Ok(mut open) = OPEN.lock() else { return };
    let count = open.get_or_insert_with(HashMap::new).entry(db.to_path_buf()).or_insert(0);
    *count += 1;
    if *count == 1 {
        let me = std::process::id();
        let mut lines: Vec<(u32, String)> = live_lines(db).into_iter().filter(|(pid, _)| *pid != me).collect();
        lines.push((me, program()));
        write_note(db, &lines);
    }
}

/// Removes this process from the note of `db` when its last store of that file closes.
pub(crate) fn unregister(db: &Path) {
    let Ok(mut open) = OPEN.lock() else { return };
    let Some(count) = open.get_or_insert_with(HashMap::new).get_mut(db) else { return };
    *count = count.saturating_sub(1);
    if *count == 0 {
        open.get_or_insert_with(HashMap::new).remove(db);
        let me = std::process::id();
        let lines: Vec<(u32, String)> = live_lines(db).into_iter().filter(|(pid, _)| *pid != me).collect();
        write_note(db, &lines);
    }
}

/// The other live programs that have `db` open, e.g. `transferdesk-app (pid 4242)`.
pub fn others(db: &Path) -> Vec<String> {
    let me = std::process::id();
    live_lines(db).into_iter().filter(|(pid, _)| *pid != me).map(|(pid, program)| format!("{program} (pid {pid})")).collect()
}

/// A busy-file error that names the programs holding the file, when they are known.
pub(crate) fn locked(db: &Path, err: Error) -> Error {
    match err {
        Error::Locked(detail) => {
            let holders = others(db);
            if holders.is_empty() {
                Error::Locked(detail)
            } else {
                Error::Locked(holders.join(", "))
            }
        }
        other => other,
    }
}

fn program() -> String {
    std::env::current_exe()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "unknown".into())
        .replace(['\t', '\n'], " ")
}

fn live_lines(db: &Path) -> Vec<(u32, String)> {
    let Ok(text) = std::fs::read_to_string(note_path(db)) else { return Vec::new() };
    text.lines()
        .filter_map(|line| {
            let (pid, program) = line.split_once('\t')?;
            let pid: u32 = pid.trim().parse().ok()?;
            alive(pid).then(|| (pid, program.trim().to_string()))
        })
        .collect()
}

#[cfg(target_os = "linux")]
fn alive(pid: u32) -> bool {
    // A zombie (killed, not yet reaped by its parent) holds no file any more.
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => stat.rsplit_once(')').map(|(_, rest)| !rest.trim_start().starts_with('Z')).unwrap_or(true),
        Err(_) => false,
    }
}

#[cfg(not(target_os = "linux"))]
fn alive(_pid: u32) -> bool {
    true
}

fn write_note(db: &Path, lines: &[(u32, String)]) {
    let note = note_path(db);
    if lines.is_empty() {
        let _ = std::fs::remove_file(&note);
        return;
    }
    let text: String = lines.iter().map(|(pid, program)| format!("{pid}\t{program}\n")).collect();
    // Written aside and renamed, so that a reader never sees half a note.
    let mut tmp = note.clone().into_os_string();
    tmp.push(format!(".{}", std::process::id()));
    let tmp = PathBuf::from(tmp);
    let _ = std::fs::remove_file(&tmp);
    if super::file::create_private_file(&tmp).is_ok() && std::fs::write(&tmp, text).is_ok() {
        let _ = std::fs::rename(&tmp, &note);
    } else {
        let _ = std::fs::remove_file(&tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_note_lists_live_programs_and_forgets_dead_ones() {
        let dir = tempfile::tempdir().expect("tmp");
        let db = dir.path().join("a.db");
        // A process that no longer exists (pid beyond the kernel's maximum) and another live one.
        std::fs::write(note_path(&db), "4194305\tghost\n1\tinit\n").expect("note");
        register(&db);
        let text = std::fs::read_to_string(note_path(&db)).expect("note written");
        assert!(!text.contains("ghost"), "a dead process is dropped: {text}");
        assert!(text.contains(&format!("{}\t", std::process::id())), "this process is listed: {text}");
        assert_eq!(others(&db), vec!["init (pid 1)".to_string()], "others: the live one, not this process");
        register(&db);
        unregister(&db);
        assert!(std::fs::read_to_string(note_path(&db)).expect("still").contains(&std::process::id().to_string()), "still one store open");
        unregister(&db);
        let text = std::fs::read_to_string(note_path(&db)).expect("note kept for init");
        assert_eq!(text, "1\tinit\n");
    }
}
