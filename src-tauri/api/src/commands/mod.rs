//! The commands by area, each file one `commands!` table. [`AREAS`] lists the areas; a new
//! command goes into its area's table and nowhere else.

mod access;
mod deals;
mod fees;
mod import;
mod inventor;
mod people;
mod portfolio;
mod prosecution;
mod records;
mod reporting;
mod rewards;
mod settings;

/// Every area's table, in the order the generated TypeScript lists them.
pub(crate) const AREAS: &[&[crate::Command]] = &[
    settings::COMMANDS,
    portfolio::COMMANDS,
    deals::COMMANDS,
    rewards::COMMANDS,
    fees::COMMANDS,
    prosecution::COMMANDS,
    reporting::COMMANDS,
    people::COMMANDS,
    import::COMMANDS,
    records::COMMANDS,
    inventor::COMMANDS,
    access::COMMANDS,
];

pub(crate) use access::{Me, SavedAccount};
pub(crate) use portfolio::BulkFile;
