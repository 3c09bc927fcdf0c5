//! TransferDesk core: money, identifiers, the portfolio model, the store with its audit log,
//! and import/export of the standard templates. No GUI, no network, no document formats.

pub mod achievement;
pub mod annual;
pub mod assessment;
pub mod attachment;
pub mod audit_view;
pub mod backup;
pub mod bindings;
pub mod calendar;
pub mod check;
pub mod contract;
pub mod cost;
pub mod dashboard;
pub mod date;
pub mod demo;
pub mod department;
pub mod disclosure;
pub mod distribution;
pub mod error;
pub mod export;
pub mod fee;
pub mod grant;
pub mod ident;
pub mod import;
pub mod institution;
pub mod lang;
pub mod model;
pub mod money;
// people and organizations screens
pub mod merge;
pub mod organization;
pub mod organizations;
pub mod people;
pub mod person;
pub mod policy;
pub mod portfolio;
pub mod progress;
pub mod publicity;
pub mod receipt;
pub mod register;
pub mod report_year;
pub mod resolution;
pub mod reward;
pub mod search;
pub mod share;
pub mod store;
pub mod template;
pub mod valuation;

pub use error::{Error, ErrorReport, Result};
pub use lang::Lang;
pub use money::Money;
pub use store::{Actor, Store};
