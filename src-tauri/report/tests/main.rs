//! Integration tests of transferdesk-report: one binary, a module per area.

mod annual;
mod cnipa;
mod evidence;
mod fees;
mod lists;
mod rewards;
mod template_roundtrip;
