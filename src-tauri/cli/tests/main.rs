//! The CLI contract of spec/cli.md: names, JSON documents and exit statuses, run as a user would.

mod commands;
mod common;
mod disclosures;
mod fees;
