//! Rewards (收益分配): the institution's reward policy, the pure reward plan computed from one
//! contract's facts, and the distributions saved from it that move from draft to paid.

pub mod distribution;
pub mod objection;
pub mod plan;
pub mod policy;
