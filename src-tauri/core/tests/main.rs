//! Integration tests of transferdesk-core: one binary, a module per area.

mod annual;
mod audit;
mod bad_files;
mod common;
mod deals;
mod fees;
mod good_files;
mod lifecycle;
mod rewards;
