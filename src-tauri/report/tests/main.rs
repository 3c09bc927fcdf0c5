//! Integration tests of transferdesk-report: one binary, a module per area.

mod rewards;
mod template_roundtrip;
