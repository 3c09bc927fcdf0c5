//! The desktop app's command path, timed: the requests a load run made through the office server
//! (`scripts/load.mjs` writes them as JSON lines `{"name", "args"}`), each run again through
//! [`transferdesk_api::call`] as the desk calls it — no HTTP, no session, no JSON over a socket —
//! so that docs/performance.md "Load: the office server" can set the HTTP layer's cost beside the commands' own.
//!
//!     cargo run --release -p transferdesk-api --example command_path -- DB REQUESTS.jsonl
//!
//! Prints one JSON object per command: `{"name", "count", "p50_ms", "p95_ms", "max_ms"}`.
//! Writes go to the data file as they did through the server: give it a copy.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;
use transferdesk_api::{Caller, DirOut, Failure, FileIn, FileOut, Host, Jobs, StoreGuard};
use transferdesk_core::{Actor, Store};

struct Desk {
    store: Mutex<Store>,
    jobs: Jobs,
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
        &Caller::Desk
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
    let desk = Desk { store: Mutex::new(store), jobs: Jobs::new(|_, _| {}) };
    let file = std::fs::File::open(requests).map_err(|e| format!("{requests}: {e}"))?;
    let mut times: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| format!("{requests}: {e}"))?;
        let request: serde_json::Value = serde_json::from_str(&line).map_err(|e| format!("{requests}:{}: {e}", i + 1))?;
        let name = request["name"].as_str().ok_or_else(|| format!("{requests}:{}: no name", i + 1))?.to_string();
        let start = Instant::now();
        transferdesk_api::call(&desk, &name, request["args"].clone()).map_err(|f| format!("{requests}:{}: {name}: {f:?}", i + 1))?;
        times.entry(name).or_default().push(start.elapsed().as_secs_f64() * 1000.0);
    }
    for (name, mut ms) in times {
        ms.sort_by(f64::total_cmp);
        let at = |q: f64| ms[((ms.len() as f64 * q).ceil() as usize).clamp(1, ms.len()) - 1];
        let line = serde_json::json!({"name": name, "count": ms.len(), "p50_ms": at(0.5), "p95_ms": at(0.95), "max_ms": at(1.0)});
        println!("{line}");
    }
    Ok(())
}
