//! Sign-in throttling: five refused attempts within fifteen minutes lock the account — and,
//! separately, the address they came from — for fifteen minutes, so that a password cannot be
//! guessed at speed, one account or many.

use chrono::{Duration, NaiveDateTime};
use std::collections::HashMap;
use std::sync::Mutex;

/// Refusals allowed within the window.
pub const LIMIT: usize = 5;
/// The window, and the wait after it is full.
pub const WINDOW: Duration = Duration::minutes(15);

/// What is counted.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    /// A login name (lower case).
    Account(String),
    /// A client address.
    Address(String),
}

/// The recent refusals of a key, and the end of its lock.
#[derive(Default)]
struct Entry {
    refusals: Vec<NaiveDateTime>,
    locked_until: Option<NaiveDateTime>,
}

/// The refusals of the last window, by key.
#[derive(Default)]
pub struct Throttle(Mutex<HashMap<Key, Entry>>);

impl Throttle {
    /// How long `key` must still wait, if it is locked.
    pub fn locked(&self, key: &Key, now: NaiveDateTime) -> Option<Duration> {
        let until = self.lock().get(key)?.locked_until?;
        (now < until).then(|| until - now)
    }

    /// Counts a refusal; the one that fills the window starts the lock.
    pub fn fail(&self, key: &Key, now: NaiveDateTime) {
        let mut map = self.lock();
        let entry = map.entry(key.clone()).or_default();
        entry.refusals.retain(|t| now - *t < WINDOW);
        entry.refusals.push(now);
        if entry.refusals.len() >= LIMIT {
            entry.locked_until = Some(now + WINDOW);
            entry.refusals.clear();
        }
        // Keys that stopped trying are forgotten, so the map stays small.
        map.retain(|_, e| e.locked_until.is_some_and(|u| now < u) || e.refusals.iter().any(|t| now - *t < WINDOW));
    }

    /// Forgets the refusals of `key` (a successful sign-in of that account).
    pub fn clear(&self, key: &Key) {
        self.lock().remove(key);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Entry>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minutes: i64) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("time") + Duration::minutes(minutes)
    }

    #[test]
    fn five_refusals_lock_for_fifteen_minutes_after_the_last() {
        let t = Throttle::default();
        let k = Key::Account("zhang".into());
        for m in 0..4 {
            t.fail(&k, at(m));
            assert!(t.locked(&k, at(m)).is_none(), "{} refusals are allowed", m + 1);
        }
        t.fail(&k, at(4));
        // The fifth, at 09:04: locked until 09:19.
        assert_eq!(t.locked(&k, at(5)), Some(Duration::minutes(14)));
        assert!(t.locked(&k, at(18)).is_some());
        assert!(t.locked(&k, at(19)).is_none(), "fifteen minutes after the fifth refusal");
        assert!(t.locked(&Key::Address("10.0.0.1".into()), at(5)).is_none(), "another key is not affected");
    }

    #[test]
    fn a_success_clears_the_account() {
        let t = Throttle::default();
        let k = Key::Account("li".into());
        for m in 0..5 {
            t.fail(&k, at(m));
        }
        t.clear(&k);
        assert!(t.locked(&k, at(5)).is_none());
    }
}
