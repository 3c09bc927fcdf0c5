//! Integration tests of transferdesk-core: one binary, a module per area.

mod annual;
mod audit;
mod backup;
mod bad_files;
mod cnipa;
mod co_owners;
mod common;
mod crafted;
mod csv_export;
mod dashboard;
mod deals;
mod fees;
mod fuzz;
mod good_files;
mod inventors;
mod layout;
mod lifecycle;
#[path = "../../../tests/support/notice_pdf.rs"]
mod notice_pdf;
mod notices;
mod official_report;
mod people;
mod query_plans;
mod rewards;
mod schema;
mod search;
mod splits;
mod tamper;
mod versions;
mod wizard;
