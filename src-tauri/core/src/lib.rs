//! TransferDesk core: money, identifiers, the portfolio model, the store with its audit log,
//! and import/export of the standard templates. No GUI, no network; it reads the files it imports
//! (workbooks, the text of CNIPA's notices) and writes no document format.
//!
//! The modules by concept, each folder's `mod.rs` telling what lives there and why:
//!
//! - the foundation, at the top: [`money`], [`date`], [`ident`], [`share`], [`lang`],
//!   [`error`], [`problem`], [`progress`], [`calendar`] and [`model`], the vocabulary every
//!   other module speaks;
//! - [`store`]: the data file and what keeps it (audit log, backups, search, the
//!   institution's profile);
//! - [`portfolio`], [`people`], [`deals`], [`rewards`], [`fees`], [`prosecution`]: the records and
//!   their rules;
//! - [`reporting`]: the annual report, its checks and the dashboard, reading all of the above;
//! - [`access`]: the office server's accounts, roles, sessions and access log;
//! - [`template`]: the standard templates, shared by the import, the export and the forms;
//! - [`import`]: files read into the templates, the wizard's mapping included;
//! - [`demo`]: demo portfolios made through the real rules; [`bindings`]: the TypeScript of
//!   every IPC type.
//!
//! No module depends on one that depends on it, and only [`import`] (and the TypeScript list)
//! refers to [`import`]: `tests/layout.rs` keeps it so.

pub mod access;
pub mod bindings;
pub mod calendar;
pub mod date;
pub mod deals;
pub mod demo;
pub mod error;
pub mod fees;
pub mod ident;
pub mod import;
pub mod inventor;
pub mod lang;
pub mod model;
pub mod money;
pub mod notification;
pub mod people;
pub mod portfolio;
pub mod problem;
pub mod progress;
pub mod prosecution;
pub mod reporting;
pub mod rewards;
pub mod share;
pub mod store;
pub mod template;

pub use error::{Error, ErrorReport, Result};
pub use lang::Lang;
pub use money::Money;
pub use store::{Actor, Store};
