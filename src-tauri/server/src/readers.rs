//! The stores that only read: read-only commands and the session check run on them beside the
//! one writer, so that fifty people opening lists do not queue behind each other or behind a
//! save (docs/performance.md "Load: the office server").

use std::ops::{Deref, DerefMut};
use std::sync::{Condvar, Mutex};
use transferdesk_core::Store;

/// A few read-only stores of the data file, lent out one per request.
pub(crate) struct Readers {
    idle: Mutex<Vec<Store>>,
    returned: Condvar,
}

impl Readers {
    /// `count` read-only stores beside `writer`.
    pub(crate) fn open(writer: &Store, count: usize) -> Result<Readers, transferdesk_core::Error> {
        let idle = (0..count)
            .map(|_| writer.read_only()?.ok_or_else(|| transferdesk_core::Error::Missing(writer.path().to_path_buf())))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Readers { idle: Mutex::new(idle), returned: Condvar::new() })
    }

    /// A reader, waiting for one to come back when all are lent out.
    pub(crate) fn get(&self) -> Reader<'_> {
        // A request that panicked while holding the list left it whole (a push or a pop).
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some(store) = idle.pop() {
                return Reader { readers: self, store: Some(store) };
            }
            idle = self.returned.wait(idle).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// Closes them all (the server's end).
    pub(crate) fn close(self) {
        drop(self.idle.into_inner().unwrap_or_else(|e| e.into_inner()));
    }
}

/// A lent reader; it goes back when dropped.
pub(crate) struct Reader<'a> {
    readers: &'a Readers,
    store: Option<Store>,
}

impl Deref for Reader<'_> {
    type Target = Store;
    fn deref(&self) -> &Store {
        self.store.as_ref().expect("a lent reader holds its store until dropped")
    }
}

impl DerefMut for Reader<'_> {
    fn deref_mut(&mut self) -> &mut Store {
        self.store.as_mut().expect("a lent reader holds its store until dropped")
    }
}

impl Drop for Reader<'_> {
    fn drop(&mut self) {
        if let Some(store) = self.store.take() {
            self.readers.idle.lock().unwrap_or_else(|e| e.into_inner()).push(store);
            self.readers.returned.notify_one();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_reader_is_lent_to_one_request_at_a_time_and_comes_back() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.db");
        let institution =
            transferdesk_core::store::institution::Institution {
                name: "测试大学".into(), province: "四川省".into(), fee_reduction: true
            };
        let actor = transferdesk_core::Actor { name: "test".into(), at: transferdesk_api::clock::now() };
        let writer = Store::create(&path, &institution, &actor).expect("created");
        let readers = Readers::open(&writer, 1).expect("readers");
        let first = readers.get();
        std::thread::scope(|s| {
            let waiting = s.spawn(|| readers.get().path().to_path_buf());
            std::thread::sleep(Duration::from_millis(100));
            assert!(!waiting.is_finished(), "the only reader is lent out: the second request waits");
            drop(first);
            assert_eq!(waiting.join().expect("no panic"), path, "it gets the reader back");
        });
    }
}
