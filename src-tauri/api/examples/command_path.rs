//! The desktop app's command path, timed: the requests a load run made through the office server
//! (`scripts/load.mjs` writes them as JSON lines `{"name", "args"}`), each run again through
//! [`transferdesk_api::call`] as the desk calls it — no HTTP, no session, no JSON over a socket —
//! so that docs/performance.md "Load: the office server" can set the HTTP layer's cost beside the commands' own.
//!
//!     cargo run --release -p transferdesk-api --example command_path -- DB REQUESTS.jsonl
//!
//! Prints one JSON object per command: `{"name", "count", "p50_ms", "p95_ms", "max_ms"}`.
//! Writes go to the data file as they did through the server: give it a copy.
//!
//! A request with `"as": LOGIN` runs as that account (an inventor's own commands have no meaning
//! at the desk). A draft's id in `save_my_draft` is the server's: the request that created it
//! carries it as `"result"`, and the later saves are given the replay's own id instead.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;
use transferdesk_api::{Caller, DirOut, Failure, FileIn, FileOut, Host, Jobs, StoreGuard};
use transferdesk_core::access::account;
use transferdesk_core::{Actor, Store};

struct Desk {
    store: Mutex<Store>,
    jobs: Jobs,
    caller: Caller,
}

impl Host for Desk {
    fn store(&self) -> Result<StoreGuard<'_>, Failure> {
        let guard: MutexGuard<'_, Store> = self.store.lock().unwrap_or_else(|e| e.into_inner());
        Ok(StoreGuard::new(guard))
    }
    fn actor(&self) -> Actor {
        Actor { name: "load".into(), at: transferdesk_api::clock::now() }
    }
    fn caller(&self) -> &Caller {
        &self.caller
    }
    fn jobs(&self) -> &Jobs {
        &self.jobs
    }
    fn read_file(&self, file: &FileIn) -> Result<PathBuf, Failure> {
        Ok(PathBuf::from(file.as_str()))
    }
    fn write_file(&self, file: &FileOut) -> Result<PathBuf, Failure> {
        Ok(PathBuf::from(file.as_str()))
    }
    fn write_dir(&self, dir: &DirOut) -> Result<PathBuf, Failure> {
        Ok(PathBuf::from(dir.as_str()))
    }
    fn show_file(&self, _path: &Path, _name: &str) -> Result<(), Failure> {
        Ok(())
    }
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [db, requests] = args.as_slice() else {
        return Err("usage: command_path DB REQUESTS.jsonl".into());
    };
    let store = Store::open(Path::new(db)).map_err(|e| format!("{db}: {e}"))?;
    let mut desk = Desk { store: Mutex::new(store), jobs: Jobs::new(|_, _| {}), caller: Caller::Desk };
    let mut drafts: BTreeMap<i64, i64> = BTreeMap::new();
    let file = std::fs::File::open(requests).map_err(|e| format!("{requests}: {e}"))?;
    let mut times: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| format!("{requests}: {e}"))?;
        let request: serde_json::Value = serde_json::from_str(&line).map_err(|e| format!("{requests}:{}: {e}", i + 1))?;
        let name = request["name"].as_str().ok_or_else(|| format!("{requests}:{}: no name", i + 1))?.to_string();
        desk.caller = match request["as"].as_str() {
            Some(login) => {
                let found = account::by_login(desk.store.lock().unwrap_or_else(|e| e.into_inner()).conn(), login)
                    .map_err(|e| format!("{login}: {e}"))?;
                Caller::Account(found.ok_or_else(|| format!("{requests}:{}: no account {login}", i + 1))?)
            }
            None => Caller::Desk,
        };
        let mut args = request["args"].clone();
        if let Some(server_id) = args["form"]["id"].as_i64().filter(|_| name == "save_my_draft") {
            args["form"]["id"] = drafts.get(&server_id).copied().into();
        }
        let start = Instant::now();
        let answer = transferdesk_api::call(&desk, &name, args).map_err(|f| format!("{requests}:{}: {name}: {f:?}", i + 1))?;
        times.entry(name).or_default().push(start.elapsed().as_secs_f64() * 1000.0);
        if let (Some(server_id), Some(own)) = (request["result"].as_i64(), answer.as_i64()) {
            drafts.insert(server_id, own);
        }
    }
    for (name, mut ms) in times {
        ms.sort_by(f64::total_cmp);
        let at = |q: f64| ms[((ms.len() as f64 * q).ceil() as usize).clamp(1, ms.len()) - 1];
        let line = serde_json::json!({"name": name, "count": ms.len(), "p50_ms": at(0.5), "p95_ms": at(0.95), "max_ms": at(1.0)});
        println!("{line}");
    }
    Ok(())
}
