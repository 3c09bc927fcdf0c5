//! Who of the office is at the desktop app's single seat. The desk has no sign-in; the person
//! says who they are, and their name stamps every audit entry the app writes (`app:王芳`), so the
//! log tells colleagues apart even when they share one computer account.

use crate::error::{Error, Result};
use crate::problem::{form_text, Problem, ProblemKind};

/// The longest name accepted (a Chinese name with a note, e.g. `王芳（专利管理）`).
pub const MAX_CHARS: usize = 30;

/// The name as it will be stamped: trimmed, not empty, at most [`MAX_CHARS`], and without
/// control characters or the `:` that separates the program from the person in the log.
pub fn name(text: &str) -> Result<String> {
    let mut problems = Vec::new();
    let name = form_text(&mut problems, "operator", Some(text), true, MAX_CHARS);
    if let Some(n) = &name {
        if n.chars().any(|c| c.is_control() || c == ':' || c == '：') {
            problems.push(Problem::field("operator", n.clone(), ProblemKind::BadCharacters));
        }
    }
    match name {
        Some(n) if problems.is_empty() => Ok(n),
        _ => Err(Error::Invalid(problems)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_trimmed_and_checked() {
        assert_eq!(name("  王芳 ").ok().as_deref(), Some("王芳"));
        for bad in ["", "   ", "app:王芳", "王\n芳", &"长".repeat(31)] {
            assert!(matches!(name(bad), Err(Error::Invalid(_))), "{bad:?}");
        }
        assert!(name(&"长".repeat(30)).is_ok());
    }
}
