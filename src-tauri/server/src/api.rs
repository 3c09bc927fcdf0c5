//! `POST /api/<name>`: a command of the table, its arguments as a JSON object, its result as
//! JSON or the `{code, message, details}` of its failure with a 4xx/5xx status. A file the
//! command wrote for the person is announced in the `x-transferdesk-download` header.

use crate::auth::{signed, Peer};
use crate::files::Download;
use crate::state::{fault, Server};
use axum::body::Bytes;
use axum::extract::{rejection::BytesRejection, Path, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::Arc;
use transferdesk_api::{Access, Caller, DirOut, Failure, FileIn, FileOut, Host, Jobs, Kind, StoreGuard};
use transferdesk_core::access::log::{self, Event};
use transferdesk_core::Actor;

/// The header naming the downloads a command produced (comma-separated tokens).
pub const DOWNLOAD_HEADER: &str = "x-transferdesk-download";

/// Runs one command for the signed-in account: no session is 401, a role the table does not list
/// for the command is 403, before anything runs.
pub async fn call(
    State(server): State<Arc<Server>>,
    Path(name): Path<String>,
    Peer(peer): Peer,
    method: Method,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let signed = match signed(&server, &method, &headers, peer).await {
        Ok(s) => s,
        Err(f) => return failure(f),
    };
    let body = match body {
        Ok(body) => body,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return failure(Failure::new(Kind::TooLarge, "too_large", format!("请求过大（上限 {} MB）", crate::JSON_LIMIT / 1024 / 1024)))
        }
        Err(rejection) => return failure(Failure::new(Kind::BadRequest, "bad_request", format!("无法读取请求：{rejection}"))),
    };
    let args = if body.iter().all(u8::is_ascii_whitespace) {
        serde_json::Value::Null
    } else {
        match serde_json::from_slice(&body) {
            Ok(args) => args,
            Err(e) => return failure(Failure::bad_argument("", &format!("not JSON: {e}"))),
        }
    };
    // A command that only reads runs on a read-only store beside the writer.
    let reads = transferdesk_api::find(&name).is_some_and(|c| c.access == Access::Read);
    let outcome = tokio::task::spawn_blocking(move || {
        let host = HttpHost {
            server: &server,
            reads,
            caller: Caller::Account(signed.account),
            address: signed.client.address,
            downloads: RefCell::new(Vec::new()),
        };
        let result = transferdesk_api::call(&host, &name, args);
        if result.is_ok() {
            host.log_personal_data(&name);
        }
        let downloads = host.downloads.into_inner();
        result.and_then(|value| {
            let tokens = downloads.into_iter().map(|d| server.files.publish(d)).collect::<Result<Vec<_>, _>>()?;
            Ok((value, tokens))
        })
    })
    .await;
    match outcome {
        Ok(Ok((value, tokens))) => {
            let mut response = Json(value).into_response();
            if !tokens.is_empty() {
                if let Ok(v) = HeaderValue::from_str(&tokens.join(",")) {
                    response.headers_mut().insert(DOWNLOAD_HEADER, v);
                }
            }
            response
        }
        Ok(Err(f)) => failure(f),
        // A panic inside a command: the request fails, the server goes on.
        Err(e) => failure(fault(format!("the command stopped: {e}"))),
    }
}

/// `GET /api/<name>`: commands are called with POST.
pub async fn wrong_method(Path(name): Path<String>) -> Response {
    let mut response = failure(Failure::new(Kind::BadRequest, "method_not_allowed", format!("命令 {name} 须用 POST 调用")));
    *response.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
    response.headers_mut().insert(axum::http::header::ALLOW, HeaderValue::from_static("POST"));
    response
}

/// A failure as the response: its report as JSON, its kind as the status.
pub fn failure(f: Failure) -> Response {
    let status = match f.kind() {
        Kind::BadRequest => StatusCode::BAD_REQUEST,
        Kind::UnknownCommand | Kind::NotFound => StatusCode::NOT_FOUND,
        Kind::Unauthenticated => StatusCode::UNAUTHORIZED,
        Kind::Forbidden => StatusCode::FORBIDDEN,
        Kind::Rejected => StatusCode::UNPROCESSABLE_ENTITY,
        Kind::Conflict => StatusCode::CONFLICT,
        Kind::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        Kind::Throttled => StatusCode::TOO_MANY_REQUESTS,
        Kind::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        Kind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    };
    let mut headers = HeaderMap::new();
    headers.insert(axum::http::header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    (status, headers, Json(f)).into_response()
}

/// One request's side of a command: the signed-in account; files are uploads in and downloads out.
struct HttpHost<'a> {
    server: &'a Server,
    /// The command only reads.
    reads: bool,
    caller: Caller,
    address: String,
    downloads: RefCell<Vec<Download>>,
}

impl HttpHost<'_> {
    /// The commands that show or write other people's personal data leave a line in the access
    /// log (who, from where, what); a failure to write it is not hidden from the next command.
    fn log_personal_data(&self, command: &str) {
        let event = match command {
            "reveal_person" => Event::PersonalDataRead,
            "export_payroll" => Event::PersonalDataExported,
            _ => return,
        };
        if let (Ok(store), Some(account)) = (self.server.store(), self.caller.account()) {
            let _ = log::record(store.conn(), transferdesk_api::clock::now(), &account.login, &self.address, event, command);
        }
    }
}

impl Host for HttpHost<'_> {
    fn store(&self) -> Result<StoreGuard<'_>, Failure> {
        if self.reads {
            return Ok(StoreGuard::new(self.server.reader()));
        }
        Ok(StoreGuard::new(self.server.store()?))
    }

    fn actor(&self) -> Actor {
        let name = self.caller.account().map_or_else(|| "web".to_string(), |a| a.actor_name());
        Actor { name, at: transferdesk_api::clock::now() }
    }

    fn caller(&self) -> &Caller {
        &self.caller
    }

    fn jobs(&self) -> &Jobs {
        &self.server.jobs
    }

    fn read_file(&self, file: &FileIn) -> Result<PathBuf, Failure> {
        // A backup the list showed (the admin's restore) is named by its path in the backups
        // folder beside the data file; anything else must have been uploaded.
        let store = self.server.store()?;
        if let Some(backup) = crate::files::listed_backup(store.path(), file.as_str()) {
            return Ok(backup);
        }
        drop(store);
        self.server.files.upload(file.as_str(), self.owner())
    }

    fn write_file(&self, file: &FileOut) -> Result<PathBuf, Failure> {
        let download = self.server.files.new_download(file.as_str(), false, self.owner())?;
        let path = download.path();
        self.downloads.borrow_mut().push(download);
        Ok(path)
    }

    fn write_dir(&self, dir: &DirOut) -> Result<PathBuf, Failure> {
        let download = self.server.files.new_download(dir.as_str(), true, self.owner())?;
        let path = download.path();
        self.downloads.borrow_mut().push(download);
        Ok(path)
    }

    fn show_file(&self, path: &std::path::Path, name: &str) -> Result<(), Failure> {
        let download = self.server.files.new_download(name, false, self.owner())?;
        std::fs::copy(path, download.path()).map_err(fault)?;
        self.downloads.borrow_mut().push(download);
        Ok(())
    }

    fn describe(&self, path: &std::path::Path) -> String {
        path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    }
}

impl HttpHost<'_> {
    /// The account files belong to (an upload or a download is only its owner's).
    fn owner(&self) -> i64 {
        self.caller.account().map_or(0, |a| a.id)
    }
}
