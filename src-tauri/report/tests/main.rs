//! Integration tests of transferdesk-report: one binary, a module per area.

mod template_roundtrip;
