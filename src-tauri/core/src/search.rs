//! Searching by what a person types: the LIKE pattern every list and picker uses.

/// `%text%` for `LIKE … ESCAPE '\'`, with the user's `%`, `_` and `\` taken literally.
pub fn contains_pattern(text: &str) -> String {
    let escaped = text.trim().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_typed_by_a_person_are_literal() {
        assert_eq!(contains_pattern(" 50%_a\\b "), "%50\\%\\_a\\\\b%", "a typed % must not match everything");
    }
}
