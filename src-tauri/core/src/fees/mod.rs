//! Annual patent fees (年费): the CNIPA rules as pure functions of the dates they are given
//! ([`rule`]), and the docket against the store — what falls due, payments, keep/abandon
//! decisions, lapse — that applies them ([`docket`]); CNIPA's online payment: the batch file
//! ([`cnipa`]) and the receipts (缴费回执) read back by [`crate::import::receipts`].

pub mod cnipa;
pub mod docket;
pub mod rule;
