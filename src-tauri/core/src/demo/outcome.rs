//! What a demo run made, and how a refused step ends one contract's story without ending the run.

use crate::error::Result;
use serde::Serialize;

/// What a demo run created.
#[derive(Clone, Debug, Default, Serialize)]
pub struct DemoSummary {
    /// People.
    pub people: u32,
    /// Organizations.
    pub organizations: u32,
    /// Achievements.
    pub achievements: u32,
    /// Contracts.
    pub contracts: u32,
    /// Receipts.
    pub receipts: u32,
    /// Costs.
    pub costs: u32,
    /// Reward distributions (paid for 2023–2024 contracts, some 2025 ones part-way).
    pub distributions: u32,
    /// Price publicities (before the agreed-price contracts, and two deals not signed yet).
    pub publicities: u32,
}

/// A refused step (e.g. a contract with nothing to distribute yet) ends that contract's story;
/// any other error is real.
pub(super) fn unless_refused<T>(result: Result<T>) -> Result<Option<T>> {
    match result {
        Ok(v) => Ok(Some(v)),
        Err(crate::Error::Refused { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}
