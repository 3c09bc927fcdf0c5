//! Reporting: the annual transformation report's indicators, the data-quality checks before it,
//! the report year with its filing, and the dashboard (工作台). Everything here reads the
//! records; nothing below depends on it.

pub mod annual;
pub mod check;
pub mod dashboard;
pub mod filing;
pub mod report_year;
