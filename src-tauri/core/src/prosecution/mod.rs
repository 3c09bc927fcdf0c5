//! 审查 (prosecution): a patent from filing to grant and through its term as CNIPA's notices
//! move it — the notices read from their PDFs ([`notice`], [`pdf`], [`intake`]), the periods the
//! law sets ([`rule`]) and every statutory deadline ([`deadline`]). The annual fees are
//! [`crate::fees`]'s; the deadlines here are everything else an office's patent administrator
//! answers.

pub mod deadline;
pub mod intake;
pub mod notice;
pub mod pdf;
pub mod rule;
