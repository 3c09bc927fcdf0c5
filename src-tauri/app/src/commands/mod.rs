//! One module per area; each command maps a DTO to one core call.

pub mod annual;
pub mod import;
pub mod institution;
pub mod portfolio;
pub mod rewards;
pub mod settings;
