//! The one place the programs read the clock: the desktop app, the CLI and the server take
//! "now" from here and pass it into the rules, which never read the clock themselves.
//!
//! `TRANSFERDESK_TODAY=YYYY-MM-DD` sets the day (the time of day stays the machine's): a
//! demonstration or a test can then show the same deadlines and figures on any day it runs.

use chrono::{NaiveDate, NaiveDateTime};

/// The variable that fixes the day.
pub const TODAY_VAR: &str = "TRANSFERDESK_TODAY";

/// Now, in local time (Chinese offices work in their own time zone; a deadline is a local day).
pub fn now() -> NaiveDateTime {
    #[allow(clippy::disallowed_methods)]
    let now = chrono::Local::now().naive_local();
    match fixed_day() {
        Some(day) => day.and_time(now.time()),
        None => now,
    }
}

/// The day `TRANSFERDESK_TODAY` fixes, if it is set to a date.
pub fn fixed_day() -> Option<NaiveDate> {
    check().ok().flatten()
}

/// The fixed day, or why the variable cannot be used; a program checks this once at start and
/// refuses to run on a value that is not a date rather than silently using the real day.
pub fn check() -> Result<Option<NaiveDate>, String> {
    match std::env::var(TODAY_VAR) {
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(format!("{TODAY_VAR} is not text")),
        Ok(value) => NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
            .map(Some)
            .map_err(|_| format!("{TODAY_VAR}={value} is not a date (YYYY-MM-DD)")),
    }
}
