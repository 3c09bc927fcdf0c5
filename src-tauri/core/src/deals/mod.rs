//! Deals (转化): what turns an achievement into income — the contract with its evidence
//! (collective decision, price publicity, valuation), the receipts and costs booked against it,
//! and ownership grants to inventor teams.

pub mod contract;
pub mod cost;
pub mod grant;
pub mod publicity;
pub mod receipt;
pub mod resolution;
pub mod valuation;
