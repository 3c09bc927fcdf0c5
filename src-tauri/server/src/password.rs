//! Password hashing on one thread of its own. An argon2id check takes 19 MiB for ~50 ms; run on
//! whichever blocking thread was free, each thread's malloc arena kept its own 19 MiB, and 50
//! people signing in at once left the server at 900 MB (docs/performance.md "Load: the office
//! server"); a second thread still added 90 MB to the peak. One thread queues a burst of
//! sign-ins (the load run's p95), which happens once per session.

use std::sync::mpsc;
use std::sync::Mutex;
use tokio::sync::oneshot;

type Job = Box<dyn FnOnce() + Send>;

/// The thread that checks and hashes passwords.
pub struct Passwords {
    jobs: Mutex<mpsc::Sender<Job>>,
}

impl Passwords {
    /// Starts the thread; it ends when the server's state is dropped.
    pub fn start() -> std::io::Result<Passwords> {
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::Builder::new().name("passwords".into()).spawn(move || {
            for job in queue {
                job();
            }
        })?;
        Ok(Passwords { jobs: Mutex::new(jobs) })
    }

    /// Runs `f` on the passwords' thread; None if that thread is gone.
    pub async fn run<T: Send + 'static>(&self, f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
        let (done, answer) = oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = done.send(f());
        });
        self.jobs.lock().unwrap_or_else(|e| e.into_inner()).send(job).ok()?;
        answer.await.ok()
    }
}
