//! Integration tests of transferdesk-core: one binary, a module per area.

mod annual;
mod audit;
mod bad_files;
mod common;
mod good_files;
mod rewards;
