//! Password hashing on threads of its own, one per core. An argon2id check takes 19 MiB for
//! ~50 ms; run on whichever blocking thread was free, each thread's malloc arena kept its own
//! 19 MiB, and 50 people signing in at once left the server at 900 MB (docs/performance.md "Load:
//! the office server"). A few threads bound that memory; more than the cores would not check
//! faster.

use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use tokio::sync::oneshot;

type Job = Box<dyn FnOnce() + Send>;

/// The threads that check and hash passwords.
pub struct Passwords {
    jobs: Mutex<mpsc::Sender<Job>>,
}

impl Passwords {
    /// Starts `threads` threads; they end when the server's state is dropped.
    pub fn start(threads: usize) -> std::io::Result<Passwords> {
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for _ in 0..threads.max(1) {
            let queue = Arc::clone(&queue);
            std::thread::Builder::new().name("passwords".into()).spawn(move || loop {
                // The lock is held only to take the next job, not while it runs.
                let next = queue.lock().unwrap_or_else(|e| e.into_inner()).recv();
                match next {
                    Ok(job) => job(),
                    Err(_) => break,
                }
            })?;
        }
        Ok(Passwords { jobs: Mutex::new(jobs) })
    }

    /// Runs `f` on a passwords' thread; None if they are gone.
    pub async fn run<T: Send + 'static>(&self, f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
        let (done, answer) = oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = done.send(f());
        });
        self.jobs.lock().unwrap_or_else(|e| e.into_inner()).send(job).ok()?;
        answer.await.ok()
    }
}
