//! The daily backup: at the configured time of day the server takes a backup of the data file
//! into its backup folder (`backup_dir`; by default `backups` beside the data file, where the
//! desktop app keeps its own) with the same rotation as the desktop app (the last ten, and one a
//! month).

use crate::state::Server;
use chrono::{Duration, NaiveDateTime, NaiveTime};
use std::path::PathBuf;
use std::sync::Arc;
use transferdesk_core::store::backup::{self, Reason};
use transferdesk_core::Actor;

/// The next moment at `at` after `now`.
pub fn next(now: NaiveDateTime, at: NaiveTime) -> NaiveDateTime {
    let today = now.date().and_time(at);
    if today > now {
        today
    } else {
        today + Duration::days(1)
    }
}

/// Runs forever: sleeps until the next backup time, takes the backup, and again.
pub async fn daily(server: Arc<Server>, at: NaiveTime, dir: PathBuf) {
    loop {
        let now = transferdesk_api::clock::now();
        let wait = (next(now, at) - now).to_std().unwrap_or(std::time::Duration::from_secs(60));
        tokio::time::sleep(wait).await;
        let server = Arc::clone(&server);
        let dir = dir.clone();
        let taken = tokio::task::spawn_blocking(move || {
            let store = server.store().map_err(|f| f.report.message)?;
            let actor = Actor { name: "server:daily-backup".into(), at: transferdesk_api::clock::now() };
            backup::take_into(&store, &dir, actor.at, Reason::Daily, &mut transferdesk_core::progress::unobserved)
                .map_err(|e| e.message(transferdesk_core::Lang::En))
        })
        .await;
        // The journal of the service shows every backup, and why one failed.
        match taken {
            Ok(Ok(file)) => println!("daily backup: {}", file.name),
            Ok(Err(why)) => eprintln!("daily backup failed: {why}"),
            Err(e) => eprintln!("daily backup failed: {e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("time")
    }

    #[test]
    fn the_next_backup_is_today_if_its_time_is_ahead_else_tomorrow() {
        let at = NaiveTime::from_hms_opt(2, 30, 0).expect("02:30");
        assert_eq!(next(t("2026-11-23 01:00"), at), t("2026-11-23 02:30"));
        assert_eq!(next(t("2026-11-23 02:30"), at), t("2026-11-24 02:30"));
        assert_eq!(next(t("2026-12-31 23:59"), at), t("2027-01-01 02:30"));
    }
}
