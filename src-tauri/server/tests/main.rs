//! The server's integration tests: requests through the whole router, on a demo data file.

mod common;

mod access;
mod bad_requests;
mod conflicts;
mod files;
mod mail;
mod pages;
mod sign_on;
mod startup;
