//! Attachments (附件): files kept beside the data file under their SHA-256, so that the same
//! minutes attached twice are stored once and a file can never be swapped behind a record.

use crate::error::{Error, Result};
use crate::problem::{Problem, ProblemKind};
use crate::store::audit::{Action, Journal};
use crate::store::{Actor, Store};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// The kinds of record a file can be attached to (the `attachment.entity` values).
pub const ENTITIES: [&str; 8] = ["achievement", "disclosure", "valuation", "publicity", "resolution", "contract", "grant", "fee_decision"];

/// The largest file accepted: minutes and appraisal reports, not videos.
pub const MAX_BYTES: u64 = 100 * 1024 * 1024;

/// A file attached to a record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Attachment {
    /// Row id.
    #[ts(type = "number")]
    pub id: i64,
    /// One of [`ENTITIES`].
    pub entity: String,
    /// The record's id.
    #[ts(type = "number")]
    pub entity_id: i64,
    /// The file's name as the person chose it.
    pub name: String,
    /// Hex SHA-256 of the content: the stored file's name.
    pub sha256: String,
    /// Bytes.
    #[ts(type = "number")]
    pub size: i64,
    /// When it was attached.
    pub added_on: NaiveDate,
}

/// The folder holding the attached files of the data file at `store`'s path.
pub fn folder(store: &Store) -> PathBuf {
    let path = store.path();
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or_else(|| Path::new("."));
    let stem = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    parent.join(format!("{stem}.files"))
}

/// Copies `source` into the store's folder and ties it to a record; audited.
pub fn add(store: &mut Store, actor: &Actor, entity: &str, entity_id: i64, source: &Path) -> Result<Attachment> {
    if !ENTITIES.contains(&entity) {
        return Err(Error::Invalid(vec![Problem::field("entity", entity, ProblemKind::Choice(ENTITIES.join(", ")))]));
    }
    let exists: bool =
        store.conn().query_row(&format!("SELECT EXISTS (SELECT 1 FROM {} WHERE id = ?1)", table(entity)), [entity_id], |r| r.get(0))?;
    if !exists {
        return Err(Error::NotFound { what: "record", key: format!("{entity} {entity_id}") });
    }
    let kept = read(store, source)?;
    let tx = store.write()?;
    let attachment = insert(&tx, actor, entity, entity_id, &kept)?;
    tx.commit()?;
    Ok(attachment)
}

/// A file read for attaching, not yet kept nor tied to a record.
#[derive(Clone, Debug)]
pub struct Kept {
    name: String,
    sha256: String,
    bytes: Vec<u8>,
    dir: PathBuf,
}

impl Kept {
    /// A file already read and hashed elsewhere (an entry of a ZIP, for bulk files), kept under
    /// `name` in the store folder `dir`.
    pub(crate) fn from_bytes(dir: PathBuf, name: &str, sha256: String, bytes: Vec<u8>) -> Kept {
        Kept { name: name.chars().take(255).collect(), sha256, bytes, dir }
    }
}

/// Reads `source` (a regular file of at most [`MAX_BYTES`]) for the store's folder; nothing is
/// written until [`insert`].
pub fn read(store: &Store, source: &Path) -> Result<Kept> {
    // A regular file of at most 100 MB, counted while reading (a FIFO or /dev/zero is refused).
    let bytes = crate::store::file::read_regular(source, MAX_BYTES, "attachment_too_large")?;
    let name = source.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(kept(folder(store), &name, bytes))
}

/// A file already in memory (read from a ZIP, an upload) kept for the folder `dir` under `name`
/// (its last path part, at most 255 characters; the hash when it has none).
pub(crate) fn kept(dir: PathBuf, name: &str, bytes: Vec<u8>) -> Kept {
    let sha256 = hex::encode(Sha256::digest(&bytes));
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let name = if last.trim().is_empty() { sha256.clone() } else { last.chars().take(255).collect() };
    Kept { name, sha256, bytes, dir }
}

/// Keeps a read file in the store's folder under its hash and ties it to a record inside the
/// caller's transaction, with its audit entry. (A file kept by a transaction that then rolls
/// back is harmless: nothing refers to it.)
pub(crate) fn insert(conn: &Connection, actor: &Actor, entity: &str, entity_id: i64, kept: &Kept) -> Result<Attachment> {
    keep(kept)?;
    let size = kept.bytes.len() as i64;
    conn.execute(
        "INSERT INTO attachment (entity, entity_id, name, sha256, size, added_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![entity, entity_id, kept.name, kept.sha256, size, actor.at.date()],
    )?;
    let attachment = Attachment {
        id: conn.last_insert_rowid(),
        entity: entity.to_string(),
        entity_id,
        name: kept.name.clone(),
        sha256: kept.sha256.clone(),
        size,
        added_on: actor.at.date(),
    };
    let json = serde_json::to_value(&attachment).unwrap_or_default();
    Journal::start(conn, actor)?.record(conn, Action::Insert, "attachment", &attachment.id.to_string(), None, Some(&json))?;
    Ok(attachment)
}

/// Writes a read file into the store's folder under its hash (once: the same content is kept
/// once), for a row that will name it.
pub(crate) fn keep(kept: &Kept) -> Result<()> {
    let dir = &kept.dir;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let target = dir.join(&kept.sha256);
    if !target.exists() {
        // Written aside then renamed, so a crash never leaves a half file under a valid hash.
        let partial = dir.join(format!("{}.partial", kept.sha256));
        write_private(&partial, &kept.bytes)?;
        std::fs::rename(&partial, &target).map_err(|e| Error::io(&target, e))?;
    }
    Ok(())
}

impl Kept {
    /// The file's name (its last path part).
    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    /// Its SHA-256, hex.
    pub(crate) fn sha256(&self) -> &str {
        &self.sha256
    }

    /// Its size in bytes.
    pub(crate) fn size(&self) -> usize {
        self.bytes.len()
    }
}

/// The files attached to one record, oldest first.
pub fn list(conn: &Connection, entity: &str, entity_id: i64) -> Result<Vec<Attachment>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, entity, entity_id, name, sha256, size, added_on FROM attachment WHERE entity = ?1 AND entity_id = ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![entity, entity_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// One attachment by id.
pub fn get(conn: &Connection, id: i64) -> Result<Attachment> {
    conn.query_row("SELECT id, entity, entity_id, name, sha256, size, added_on FROM attachment WHERE id = ?1", [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "attachment", key: id.to_string() })
}

/// The stored file of an attachment, checked against its hash so that a file altered on disk is
/// never shown as the evidence.
pub fn path(store: &Store, id: i64) -> Result<PathBuf> {
    let a = get(store.conn(), id)?;
    stored(store, &a.sha256, &a.name)
}

/// The stored file of content `sha256` (a file named `name`), checked against its hash.
pub(crate) fn stored(store: &Store, sha256: &str, name: &str) -> Result<PathBuf> {
    let path = folder(store).join(sha256);
    let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
    if hex::encode(Sha256::digest(&bytes)) != sha256 {
        return Err(Error::Refused { code: "attachment_altered", detail: name.to_string() });
    }
    Ok(path)
}

/// Unties a file from its record (the stored file stays: another record may share it, and the
/// audit log still names it); audited.
pub fn remove(store: &mut Store, actor: &Actor, id: i64) -> Result<()> {
    let before = serde_json::to_value(get(store.conn(), id)?).unwrap_or_default();
    let tx = store.write()?;
    tx.execute("DELETE FROM attachment WHERE id = ?1", [id])?;
    Journal::start(&tx, actor)?.record(&tx, Action::Delete, "attachment", &id.to_string(), Some(&before), None)?;
    tx.commit()?;
    Ok(())
}

fn table(entity: &str) -> &'static str {
    match entity {
        "achievement" => "achievement",
        "disclosure" => "disclosure",
        "valuation" => "valuation",
        "publicity" => "publicity",
        "resolution" => "resolution",
        "contract" => "contract",
        "grant" => "ownership_grant",
        _ => "fee_decision",
    }
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Attachment> {
    Ok(Attachment {
        id: r.get(0)?,
        entity: r.get(1)?,
        entity_id: r.get(2)?,
        name: r.get(3)?,
        sha256: r.get(4)?,
        size: r.get(5)?,
        added_on: r.get(6)?,
    })
}

#[cfg(unix)]
fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file =
        std::fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(path).map_err(|e| Error::io(path, e))?;
    file.write_all(bytes).and_then(|_| file.sync_all()).map_err(|e| Error::io(path, e))
}

#[cfg(not(unix))]
fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|e| Error::io(path, e))
}
