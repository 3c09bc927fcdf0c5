//! One module per area; each command maps a DTO to one core call.

pub mod annual;
pub mod backup;
pub mod contracts;
pub mod dashboard;
pub mod deals;
pub mod disclosures;
pub mod fees;
pub mod import;
pub mod institution;
pub mod jobs;
pub mod people;
pub mod portfolio;
pub mod register;
pub mod rewards;
pub mod settings;
pub mod valuations;
pub mod wizard;
