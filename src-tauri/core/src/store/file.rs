//! Files that hold personal data — the data file, a backup being written, the holders' list —
//! are created for their owner's eyes only.

use crate::error::{Error, Result};
use std::path::Path;

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
