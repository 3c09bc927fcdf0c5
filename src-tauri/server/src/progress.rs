//! The progress of long jobs for the page that started them: `GET /api/jobs/<id>` is a stream of
//! Server-Sent Events, one `progress` event per step and an `end` event when the job is over.

use crate::api::failure;
use crate::auth::{signed, Peer};
use crate::state::Server;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use tokio::sync::watch;
use tokio_stream::wrappers::WatchStream;
use tokio_stream::{Stream, StreamExt};
use transferdesk_core::progress::Progress;

/// Where each job stands.
#[derive(Clone, Debug, PartialEq)]
enum Stage {
    /// Not started yet (the page listens before it calls).
    Waiting,
    Step(Progress),
    Ended,
}

/// The latest step of every job someone runs or watches.
#[derive(Default)]
pub struct Board(Mutex<HashMap<String, watch::Sender<Stage>>>);

impl Board {
    /// A job's step (`Some`), or its end (`None`).
    pub fn tell(&self, id: &str, progress: Option<&Progress>) {
        let mut jobs = self.lock();
        match progress {
            Some(p) => {
                jobs.entry(id.to_string()).or_insert_with(|| watch::channel(Stage::Waiting).0).send_replace(Stage::Step(p.clone()));
            }
            // Dropping the sender after the last value ends every stream watching the job.
            None => {
                if let Some(sender) = jobs.remove(id) {
                    sender.send_replace(Stage::Ended);
                }
            }
        }
        // A channel nobody watches and no running job feeds is dropped.
        jobs.retain(|_, sender| sender.receiver_count() > 0 || matches!(*sender.borrow(), Stage::Step(_)));
    }

    fn watch(&self, id: &str) -> watch::Receiver<Stage> {
        self.lock().entry(id.to_string()).or_insert_with(|| watch::channel(Stage::Waiting).0).subscribe()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, watch::Sender<Stage>>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// `GET /api/jobs/<id>`: the job's steps as they happen (to a signed-in page).
pub async fn events(
    State(server): State<Arc<Server>>,
    Path(id): Path<String>,
    Peer(peer): Peer,
    method: Method,
    headers: HeaderMap,
) -> Response {
    match signed(&server, &method, &headers, peer).await {
        Ok(_) => stream(&server, &id).into_response(),
        Err(f) => failure(f),
    }
}

fn stream(server: &Server, id: &str) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let stream = WatchStream::new(server.board.watch(id))
        .filter(|stage| *stage != Stage::Waiting)
        .map(|stage| match stage {
            Stage::Step(p) => Event::default().event("progress").json_data(&p).unwrap_or_default(),
            _ => Event::default().event("end").data(""),
        })
        .map(Ok);
    Sse::new(stream).keep_alive(KeepAlive::default())
}
