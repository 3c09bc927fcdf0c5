//! Annual patent fees (年费): the CNIPA rules and the docket against the store that applies them.

pub mod docket;
