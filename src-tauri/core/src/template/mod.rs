//! The standard templates (import-template.md): each table's columns, and the export that writes
//! records back in the same layout.

pub mod column;
pub mod export;
