//! Files that hold personal data — the data file, a backup being written, the holders' list,
//! every export — are created for their owner's eyes only; an export is written whole or not
//! at all ([`write_private`]).

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically and for its owner only (0600): into a temporary file in
/// the same folder, flushed to disk, then renamed over `path`. A full disk or a kill never leaves
/// a partial or empty file under the final name (the temporary one is removed on failure; one
/// left by a kill is named `.<name>.<pid>.tmp`). An existing file at `path` is replaced.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or_else(|| Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let written = (|| {
        let mut file = open_private(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)?;
        // The rename itself is on disk once the folder is.
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok::<(), std::io::Error>(())
    })();
    written.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}

/// Reads a file the user named (an attachment, a meeting's minutes): only a regular file — a
/// FIFO or a device such as `/dev/zero` would be read without end — and no more than
/// `max_bytes`, counted while reading (the file may grow after its size was asked). Refused with
/// `not_a_file`, or `too_large` (the caller's code) past the limit.
pub fn read_regular(path: &Path, max_bytes: u64, too_large: &'static str) -> Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    if !meta.is_file() {
        return Err(Error::Refused { code: "not_a_file", detail: path.display().to_string() });
    }
    if meta.len() > max_bytes {
        return Err(Error::Refused { code: too_large, detail: path.display().to_string() });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max_bytes + 1).read_to_end(&mut bytes).map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > max_bytes {
        return Err(Error::Refused { code: too_large, detail: path.display().to_string() });
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open_private(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)
}

#[cfg(not(unix))]
fn open_private(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new().write(true).create_new(true).open(path)
}

/// Creates `path`, refusing an existing file, readable and writable by its owner only.
#[cfg(unix)]
pub(crate) fn create_private_file(path: &Path) -> Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path).map(|_| ()).map_err(|e| Error::io(path, e))
}

/// Creates `path`, refusing an existing file (no owner-only mode off Unix).
#[cfg(not(unix))]
pub(crate) fn create_private_file(path: &Path) -> Result<()> {
    std::fs::OpenOptions::new().write(true).create_new(true).open(path).map(|_| ()).map_err(|e| Error::io(path, e))
}

/// How many times `needle` occurs in `file`, read in chunks.
pub(crate) fn count_signatures<R: std::io::Read>(file: &mut R, needle: &[u8]) -> std::io::Result<u64> {
    let finder = memchr::memmem::Finder::new(needle);
    let mut buf = vec![0u8; 1 << 20];
    let mut kept = 0;
    let mut count = 0;
    loop {
        let n = file.read(&mut buf[kept..])?;
        if n == 0 {
            return Ok(count);
        }
        let end = kept + n;
        count += finder.find_iter(&buf[..end]).count() as u64;
        // Keep the last bytes that could start a signature split between two reads.
        let tail = (needle.len() - 1).min(end);
        buf.copy_within(end - tail..end, 0);
        kept = tail;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_are_read_and_no_more_than_the_limit() {
        let dir = tempfile::tempdir().expect("tmp");
        let code = |r: Result<Vec<u8>>| match r {
            Err(Error::Refused { code, .. }) => code,
            other => panic!("refused, got {other:?}"),
        };
        // A device that never ends, and a folder: refused before one byte is read.
        #[cfg(unix)]
        assert_eq!(code(read_regular(Path::new("/dev/zero"), 10, "big")), "not_a_file");
        assert_eq!(code(read_regular(dir.path(), 10, "big")), "not_a_file");
        let path = dir.path().join("m.pdf");
        std::fs::write(&path, b"0123456789").expect("write");
        assert_eq!(read_regular(&path, 10, "big").expect("10 bytes, limit 10"), b"0123456789");
        assert_eq!(code(read_regular(&path, 9, "big")), "big", "11th byte: over");
        #[cfg(unix)]
        {
            // A FIFO: opening it for reading would wait for a writer, and reading it never end.
            let fifo = dir.path().join("fifo");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
            assert!(made.success());
            // A writer that closes at once, so that opening does not block.
            let writer = std::thread::spawn({
                let fifo = fifo.clone();
                move || drop(std::fs::OpenOptions::new().write(true).open(fifo))
            });
            assert_eq!(code(read_regular(&fifo, 10, "big")), "not_a_file");
            writer.join().expect("writer");
        }
    }

    #[test]
    fn an_export_is_replaced_whole_and_private() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("人员.csv");
        std::fs::write(&path, "old").expect("old");
        write_private(&path, b"new").expect("written");
        assert_eq!(std::fs::read(&path).expect("read"), b"new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "owner only, even where the old file was not");
        }
        let names: Vec<String> =
            std::fs::read_dir(dir.path()).expect("dir").map(|e| e.expect("e").file_name().to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["人员.csv"], "no temporary file is left");
        // A folder that does not exist: an error, and nothing under the name.
        let missing = dir.path().join("no/such/dir/x.csv");
        assert!(write_private(&missing, b"x").is_err());
        assert!(!missing.exists());
    }
}
