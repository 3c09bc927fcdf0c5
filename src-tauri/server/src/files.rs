//! Files through the browser: a file the person chooses is uploaded first and handed to the
//! command as `uploads/<id>/<name>`; a file a command writes is kept as a download that the page
//! fetches once. Both live in a private folder of the server (owner-only, removed at exit), never
//! under a name the client chose beyond its last component, and each belongs to the account that
//! uploaded it or asked for it: another account's handle is as good as none.

use crate::api::failure;
use crate::auth::{signed, Peer};
use crate::state::{fault, Server};
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use futures_util::StreamExt;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::io::AsyncWriteExt;
use transferdesk_api::{Failure, Kind};

/// The folder of uploads and downloads.
pub struct Files {
    root: tempfile::TempDir,
}

/// A download being written by a command.
pub struct Download {
    id: String,
    name: String,
    folder: bool,
    path: PathBuf,
}

impl Download {
    /// Where the command writes (a file, or a folder for an export of several files).
    pub fn path(&self) -> PathBuf {
        self.path.clone()
    }
}

impl Files {
    /// A new private folder under the system's temporary folder.
    pub fn new() -> Result<Files, transferdesk_core::Error> {
        let root = tempfile::Builder::new()
            .prefix("transferdesk-server-")
            .tempdir()
            .map_err(|e| transferdesk_core::Error::Io { path: std::env::temp_dir().display().to_string(), message: e.to_string() })?;
        for sub in ["uploads", "downloads"] {
            std::fs::create_dir(root.path().join(sub))
                .map_err(|e| transferdesk_core::Error::Io { path: root.path().display().to_string(), message: e.to_string() })?;
        }
        Ok(Files { root })
    }

    /// The uploaded file behind `uploads/<id>/<name>`, if `owner` uploaded it.
    pub fn upload(&self, handle: &str, owner: i64) -> Result<PathBuf, Failure> {
        let missing = || Failure::new(Kind::BadRequest, "upload_missing", "请先上传文件（浏览器中只能使用已上传的文件）".to_string());
        let mut parts = handle.splitn(3, '/');
        let (Some("uploads"), Some(id), Some(name)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(missing());
        };
        if !is_id(id) || safe_name(name) != name || !self.owned(&self.root.path().join("uploads").join(id), owner) {
            return Err(missing());
        }
        let path = self.root.path().join("uploads").join(id).join(name);
        if path.is_file() {
            Ok(path)
        } else {
            Err(missing())
        }
    }

    /// A new download named `name` (its last path component, made safe) for `owner`.
    pub fn new_download(&self, name: &str, folder: bool, owner: i64) -> Result<Download, Failure> {
        let id = new_id()?;
        let name = safe_name(name);
        let dir = self.root.path().join("downloads").join(&id);
        std::fs::create_dir(&dir).map_err(fault)?;
        own(&dir, owner).map_err(fault)?;
        let path = dir.join(&name);
        if folder {
            std::fs::create_dir(&path).map_err(fault)?;
        }
        Ok(Download { id, name, folder, path })
    }

    /// Makes a written download fetchable (a folder becomes one ZIP); returns its token.
    pub fn publish(&self, download: Download) -> Result<String, Failure> {
        if download.folder {
            let zip_path = download.path.with_file_name(format!("{}.zip", download.name));
            zip_folder(&download.path, &zip_path).map_err(fault)?;
            std::fs::remove_dir_all(&download.path).map_err(fault)?;
        }
        Ok(download.id)
    }

    fn download_file(&self, token: &str, owner: i64) -> Option<PathBuf> {
        if !is_id(token) {
            return None;
        }
        let dir = self.root.path().join("downloads").join(token);
        if !self.owned(&dir, owner) {
            return None;
        }
        let entry = std::fs::read_dir(dir).ok()?.flatten().find(|e| e.file_name() != OWNER)?;
        entry.path().is_file().then(|| entry.path())
    }

    /// Whether the folder of an upload or a download belongs to `owner`.
    fn owned(&self, dir: &std::path::Path, owner: i64) -> bool {
        std::fs::read_to_string(dir.join(OWNER)).is_ok_and(|o| o == owner.to_string())
    }
}

/// The file in an upload's or download's folder that names its account.
const OWNER: &str = ".owner";

fn own(dir: &std::path::Path, owner: i64) -> std::io::Result<()> {
    std::fs::write(dir.join(OWNER), owner.to_string())
}

/// A backup listed beside the data file, named by its full path (what the backup list shows the
/// admin), if `given` is exactly such a file.
pub fn listed_backup(data_file: &std::path::Path, given: &str) -> Option<PathBuf> {
    let folder = transferdesk_core::store::backup::backup_dir(data_file);
    let path = std::path::Path::new(given);
    let name = path.file_name()?.to_str()?;
    (path.parent() == Some(folder.as_path()) && safe_name(name) == name && path.is_file()).then(|| path.to_path_buf())
}

/// `POST /api/upload`: the body is the file, `x-file-name` its name (percent-encoded UTF-8).
/// Answers `{"file": "uploads/<id>/<name>"}`.
pub async fn upload(State(server): State<Arc<Server>>, Peer(peer): Peer, method: Method, headers: HeaderMap, body: Body) -> Response {
    let owner = match signed(&server, &method, &headers, peer).await {
        Ok(s) => s.account.id,
        Err(f) => return failure(f),
    };
    let name = headers
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .map(|v| percent_encoding::percent_decode_str(v).decode_utf8_lossy().into_owned())
        .unwrap_or_default();
    let name = safe_name(&name);
    match receive(&server.files, &name, owner, body).await {
        Ok(handle) => Json(serde_json::json!({ "file": handle })).into_response(),
        Err(f) => failure(f),
    }
}

async fn receive(files: &Files, name: &str, owner: i64, body: Body) -> Result<String, Failure> {
    let id = new_id()?;
    let dir = files.root.path().join("uploads").join(&id);
    std::fs::create_dir(&dir).map_err(fault)?;
    own(&dir, owner).map_err(fault)?;
    let path = dir.join(name);
    let mut file = tokio::fs::File::create(&path).await.map_err(fault)?;
    let mut size = 0usize;
    let mut stream = body.into_data_stream();
    let outcome = async {
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|e| Failure::new(Kind::BadRequest, "bad_request", format!("上传中断：{e}")))?;
            size += chunk.len();
            if size > crate::UPLOAD_LIMIT {
                return Err(Failure::new(
                    Kind::TooLarge,
                    "too_large",
                    format!("文件过大（上限 {} MB）", crate::UPLOAD_LIMIT / 1024 / 1024),
                ));
            }
            file.write_all(&chunk).await.map_err(fault)?;
        }
        file.flush().await.map_err(fault)
    }
    .await;
    match outcome {
        Ok(()) => Ok(format!("uploads/{id}/{name}")),
        Err(f) => {
            // Nothing of a refused upload stays behind.
            let _ = std::fs::remove_dir_all(&dir);
            Err(f)
        }
    }
}

/// `GET /api/download/<token>`: the file once, to the account it was made for; it is removed
/// after it was sent.
pub async fn download(
    State(server): State<Arc<Server>>,
    Path(token): Path<String>,
    Peer(peer): Peer,
    method: Method,
    headers: HeaderMap,
) -> Response {
    let owner = match signed(&server, &method, &headers, peer).await {
        Ok(s) => s.account.id,
        Err(f) => return failure(f),
    };
    let Some(path) = server.files.download_file(&token, owner) else {
        return failure(Failure::new(Kind::NotFound, "not_found", "下载已失效或不存在".to_string()));
    };
    let bytes = match tokio::fs::read(&path).await {
        Ok(bytes) => bytes,
        Err(e) => return failure(fault(e)),
    };
    if let Some(dir) = path.parent() {
        let _ = std::fs::remove_dir_all(dir);
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let encoded = percent_encoding::utf8_percent_encode(&name, FILENAME).to_string();
    let mime = mime_guess::from_path(&path).first_or_octet_stream();
    let mut headers = HeaderMap::new();
    if let Ok(v) = HeaderValue::from_str(mime.as_ref()) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"download\"; filename*=UTF-8''{encoded}")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    (StatusCode::OK, headers, bytes).into_response()
}

/// What RFC 8187 lets stand in `filename*` (attr-char) besides letters and digits.
const FILENAME: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC.remove(b'.').remove(b'-').remove(b'_').remove(b'~');

/// The last component of a name a client gave, without anything that could leave the folder or
/// confuse a file system; never empty.
fn safe_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String =
        last.chars().filter(|c| !c.is_control() && !matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|')).take(120).collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_string();
    if cleaned.is_empty() {
        "file".to_string()
    } else {
        cleaned
    }
}

fn new_id() -> Result<String, Failure> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(fault)?;
    Ok(hex::encode(bytes))
}

fn is_id(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn zip_folder(dir: &std::path::Path, to: &std::path::Path) -> std::io::Result<()> {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(to)?);
    let options = zip::write::SimpleFileOptions::default();
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.flatten().filter(|e| e.path().is_file()).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        zip.start_file(entry.file_name().to_string_lossy(), options)?;
        std::io::copy(&mut std::fs::File::open(entry.path())?, &mut zip)?;
    }
    zip.finish()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_name_never_leaves_the_folder() {
        assert_eq!(safe_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_name("..\\..\\boot.ini"), "boot.ini");
        assert_eq!(safe_name(".."), "file");
        assert_eq!(safe_name(""), "file");
        assert_eq!(safe_name("成果台账.xlsx"), "成果台账.xlsx");
        assert_eq!(safe_name(".hidden"), "hidden");
    }
}
