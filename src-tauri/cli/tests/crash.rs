//! Crash safety (docs/quality.md "Nothing lost, nothing corrupted"): the CLI is killed with SIGKILL
//! at random moments while it imports a large file, approves a distribution and files a report
//! year. Every time, `verify` passes and the data holds the whole change or none of it.

use crate::common::{cli, good_db_at};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Kills per scenario (docs/quality.md "Nothing lost, nothing corrupted" asks for at least 20).
const KILLS: usize = 20;

/// Of each scenario's kills, at least this many must land inside the command's open write
/// transaction (the odd-numbered kills aim there; docs/reliability.md "Crash safety").
const MIN_IN_TRANSACTION: usize = 5;

/// A small deterministic generator: the moments are random but a failure can be replayed with
/// `CRASH_SEED`.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A duration in [0, max).
    fn below(&mut self, max: Duration) -> Duration {
        let micros = max.as_micros().max(1) as u64;
        Duration::from_micros(self.next() % micros)
    }
}

fn seed() -> u64 {
    std::env::var("CRASH_SEED").ok().and_then(|s| s.parse().ok()).filter(|s| *s != 0).unwrap_or(0x9E37_79B9_7F4A_7C15)
}

fn spawn(db: &Path, args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_transferdesk"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("LANG", "C.UTF-8")
        .env_remove("TRANSFERDESK_DB")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn the CLI")
}

/// Runs the command to its end once: how long it takes, and the content it leaves.
fn complete_run(template: &Path, work: &Path, args: &[&str]) -> (Duration, Vec<String>) {
    copy_db(template, work);
    let started = Instant::now();
    let status = spawn(work, args).wait().expect("wait");
    let took = started.elapsed();
    assert!(status.success(), "{args:?} succeeds when left alone");
    (took, dump(work))
}

fn copy_db(template: &Path, work: &Path) {
    for suffix in ["", "-wal", "-shm", ".lock-owner", ".witness"] {
        let _ = std::fs::remove_file(with_suffix(work, suffix));
    }
    std::fs::copy(template, work).expect("copy the template");
    // The witness of the log's head goes with the file: left from the last run, it would rightly
    // say that an older copy replaced the file.
    std::fs::copy(with_suffix(template, ".witness"), with_suffix(work, ".witness")).expect("copy the template's witness");
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

/// Whether a program holds the write lock of `db` this moment: a write transaction is open.
/// Probes with `BEGIN IMMEDIATE` without waiting, and lets go at once when it got the lock.
fn write_locked(db: &Path) -> bool {
    // Never create the file: the command under test does.
    let Ok(conn) = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE) else { return false };
    let _ = conn.busy_timeout(Duration::ZERO);
    match conn.execute_batch("BEGIN IMMEDIATE") {
        Ok(()) => {
            let _ = conn.execute_batch("ROLLBACK");
            false
        }
        Err(_) => true,
    }
}

/// Kills `args` `KILLS` times, each on a fresh copy: the even-numbered kills at a random moment
/// over the command's measured duration (and up to 20% past it, so that some land during the
/// commit), the odd-numbered ones as soon as the command holds its write transaction open,
/// which the test sees by probing the lock. After each kill the file verifies and equals either
/// the content before or the content after a complete run. Returns how many kills left it
/// (before, after) and how many landed in an open transaction — seen holding the lock at the
/// kill and left with nothing written, as a transaction cut short must be.
fn kill_repeatedly(template: &Path, work: &Path, args: &[&str], rng: &mut Rng) -> (usize, usize, usize) {
    let before = dump(template);
    let (took, after) = complete_run(template, work, args);
    assert_ne!(before, after, "{args:?} changes something");
    let (mut none, mut all, mut in_transaction) = (0, 0, 0);
    for i in 0..KILLS {
        copy_db(template, work);
        let mut child = spawn(work, args);
        let (delay, locked) = if i % 2 == 0 {
            let delay = rng.below(took + took / 5);
            std::thread::sleep(delay);
            (delay, false)
        } else {
            let started = Instant::now();
            let mut locked = false;
            while !locked && started.elapsed() < took * 3 && child.try_wait().ok().flatten().is_none() {
                locked = write_locked(work);
                if !locked {
                    std::thread::sleep(Duration::from_micros(200));
                }
            }
            (started.elapsed(), locked)
        };
        let _ = child.kill();
        let _ = child.wait();
        let verify = cli(work, &["--json", "verify"]);
        assert_eq!(verify.status, 0, "{args:?} killed after {delay:?} (kill {i}): verify fails: {}", verify.stdout);
        let now = dump(work);
        if now == before {
            none += 1;
            if locked {
                in_transaction += 1;
            }
        } else if now == after {
            all += 1;
        } else {
            let extra: Vec<&String> = now.iter().filter(|r| !before.contains(r) && !after.contains(r)).collect();
            let missing: Vec<&String> = after.iter().filter(|r| !now.contains(r)).collect();
            panic!("{args:?} killed after {delay:?} (kill {i}) left a partial change: unexpected {extra:?}, missing {missing:?}");
        }
    }
    assert!(
        in_transaction >= MIN_IN_TRANSACTION,
        "{args:?}: only {in_transaction} of {KILLS} kills landed inside the open transaction (at least {MIN_IN_TRANSACTION})"
    );
    (none, all, in_transaction)
}

/// Every table as sorted text rows. The audit log is compared by what changed (action, entity,
/// key): its times and hashes carry the wall clock of each run. Other cells that hold a
/// timestamp (`YYYY-MM-DD HH:MM:SS`, `T` or space), a generated file (a report snapshot's
/// workbook stamps its creation time) or its SHA-256 are masked for the same reason.
fn dump(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).expect("open");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("tables");
    let mut out = Vec::new();
    for t in tables {
        let sql = if t == "audit_log" {
            "SELECT id, action, entity, entity_key FROM audit_log".to_string()
        } else {
            format!("SELECT * FROM \"{t}\"")
        };
        let mut stmt = conn.prepare(&sql).expect("select");
        let n = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                Ok((0..n)
                    .map(|i| match r.get::<_, rusqlite::types::Value>(i) {
                        Ok(rusqlite::types::Value::Text(s)) if is_timestamp(&s) => "<time>".to_string(),
                        Ok(rusqlite::types::Value::Text(s)) if s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()) => {
                            "<sha256>".to_string()
                        }
                        Ok(rusqlite::types::Value::Blob(_)) => "<blob>".to_string(),
                        Ok(v) => format!("{v:?}"),
                        Err(e) => format!("<{e}>"),
                    })
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .and_then(|rows| rows.collect())
            .expect("rows");
        rows.sort();
        out.extend(rows.into_iter().map(|r| format!("{t}|{r}")));
    }
    out
}

fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 19
        && b[4] == b'-'
        && b[7] == b'-'
        && (b[10] == b'T' || b[10] == b' ')
        && b[13] == b':'
        && b[16] == b':'
        && [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18].iter().all(|&i| b[i].is_ascii_digit())
}

/// The clean fixture portfolio, optionally with a draft distribution of HT2025-001.
fn template(dir: &Path, name: &str, with_draft: bool) -> (PathBuf, Option<String>) {
    let db = good_db_at(dir.join(name));
    let id = with_draft.then(|| {
        let created = cli(&db, &["--json", "rewards", "create", "--contract", "HT2025-001", "--through", "2025-12-31"]);
        assert_eq!(created.status, 0, "{}", created.stdout);
        created.json()["id"].as_i64().expect("id").to_string()
    });
    (db, id)
}

#[test]
fn sigkill_never_leaves_half_a_change() {
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("tmp");
    let mut rng = Rng(seed());
    let work = dir.path().join("work.db");

    // 1. A large import: 3,000 people, all or none.
    let (empty, _) = template(dir.path(), "import.db", false);
    let big = dir.path().join("big.csv");
    let mut text = String::from("工号,姓名,所在单位,人员类别,领导职务,身份证号\n");
    for i in 0..3000 {
        text.push_str(&format!("K{i:05},人员{i},计算机学院,科研人员,无,\n"));
    }
    std::fs::write(&big, text).expect("write");
    let import = ["import", "people", big.to_str().expect("utf-8")];
    let (none, all, open) = kill_repeatedly(&empty, &work, &import, &mut rng);
    eprintln!("import: {KILLS} kills survived ({none} left nothing, {all} the whole file; {open} inside the transaction)");

    // 2. A distribution approval.
    let (draft, id) = template(dir.path(), "draft.db", true);
    let id = id.expect("draft id");
    let approve = ["rewards", "approve", id.as_str(), "--decision-date", "2025-03-10"];
    let (none, all, open) = kill_repeatedly(&draft, &work, &approve, &mut rng);
    eprintln!("approve: {KILLS} kills survived ({none} draft, {all} approved; {open} inside the transaction)");

    // 3. Filing a report year (its snapshot).
    let file = ["report", "file", "--year", "2025"];
    let (none, all, open) = kill_repeatedly(&empty, &work, &file, &mut rng);
    eprintln!("report file: {KILLS} kills survived ({none} open, {all} filed; {open} inside the transaction)");
    eprintln!("crash test: {} kills in {:?}", 3 * KILLS, started.elapsed());
}

/// `demo --scale large` is one transaction (core `Store::all_or_nothing`): killed inside it, it
/// leaves a file with nothing in it — `verify` passes, no record, not even the profile — and
/// the next `demo` takes that file over instead of refusing it as an existing data file.
/// (Before, the kill left a partial demo that verified, and `demo` refused to run again.)
#[test]
fn a_killed_large_demo_leaves_nothing_and_the_demo_runs_again() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    let mut child = spawn(&db, &["demo", "--scale", "large", "--seed", "1"]);
    let started = Instant::now();
    while !write_locked(&db) {
        assert!(child.try_wait().ok().flatten().is_none(), "the large demo takes longer than its start");
        assert!(started.elapsed() < Duration::from_secs(60), "the demo never opened its transaction");
        std::thread::sleep(Duration::from_millis(5));
    }
    // Well inside: people and achievements are being written.
    std::thread::sleep(Duration::from_secs(2));
    assert!(write_locked(&db), "still in its one transaction after 2 s");
    let _ = child.kill();
    let _ = child.wait();
    let verify = cli(&db, &["--json", "verify"]);
    assert_eq!(verify.status, 0, "{}", verify.stdout);
    let conn = rusqlite::Connection::open(&db).expect("open");
    let count = |t: &str| conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get::<_, i64>(0)).expect("count");
    assert_eq!((count("person"), count("achievement"), count("institution"), count("audit_log")), (0, 0, 0, 0), "nothing at all");
    drop(conn);
    let again = cli(&db, &["--json", "demo", "--scale", "small", "--seed", "1"]);
    assert_eq!(again.status, 0, "the next demo takes the empty file over: {}", again.stdout);
    assert_eq!(cli(&db, &["verify"]).status, 0);
}
