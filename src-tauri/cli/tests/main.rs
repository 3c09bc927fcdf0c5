//! The CLI contract of docs/cli.md: names, JSON documents and exit statuses, run as a user would.

mod backup;
mod commands;
mod common;
mod crash;
mod disclosures;
mod fees;
mod files;
mod notices;
mod rewards;
mod splits;
mod users;
