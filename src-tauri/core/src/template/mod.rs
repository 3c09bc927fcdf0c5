//! The standard templates (docs/import-templates.md): each table's columns, the grid of cells a file
//! or a form is read into, the reading of one row into a record with the template's rules, each
//! table's row, and the export that writes records back in the same layout. Shared by the
//! import, the export and the achievement form, so it sits below all three.

pub mod achievement;
pub mod column;
pub mod contract;
pub mod cost;
pub mod export;
pub mod grid;
pub mod organization;
pub mod person;
pub mod receipt;
pub mod row;
