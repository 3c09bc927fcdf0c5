//! Integration tests of transferdesk-report: one binary, a module per area.

mod annual;
mod rewards;
mod template_roundtrip;
