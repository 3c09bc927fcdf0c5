//! Contribution shares and weights: percentages with at most two decimals, kept as basis points.

/// 100% in basis points.
pub const FULL_BP: i64 = 10_000;

/// Why a text is not a share.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ShareError {
    #[error("not a percentage")]
    NotANumber,
    #[error("more than two decimals")]
    TooManyDecimals,
    #[error("must be above 0 and at most 100")]
    OutOfRange,
}

/// Parses `50`, `33.33`, `12.5%` into basis points (5000, 3333, 1250).
pub fn parse_percent(text: &str) -> Result<i64, ShareError> {
    let t = text.trim();
    let t = t.strip_suffix('%').or_else(|| t.strip_suffix('％')).unwrap_or(t).trim();
    let (int_part, frac) = t.split_once('.').unwrap_or((t, ""));
    if int_part.is_empty() && frac.is_empty() || !int_part.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return Err(ShareError::NotANumber);
    }
    if frac.len() > 2 {
        return Err(ShareError::TooManyDecimals);
    }
    if int_part.len() > 3 {
        return Err(ShareError::OutOfRange);
    }
    let whole: i64 = if int_part.is_empty() { 0 } else { int_part.parse().map_err(|_| ShareError::NotANumber)? };
    let mut f = frac.to_string();
    while f.len() < 2 {
        f.push('0');
    }
    let bp = whole * 100 + f.parse::<i64>().map_err(|_| ShareError::NotANumber)?;
    if bp <= 0 || bp > FULL_BP {
        return Err(ShareError::OutOfRange);
    }
    Ok(bp)
}

/// `5000` → `50`, `3333` → `33.33`, `1250` → `12.5`: the shortest percentage text.
pub fn format_percent(bp: i64) -> String {
    let whole = bp / 100;
    match bp % 100 {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    }
}

/// One entry of a list such as `T001*:50; T002:30`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListEntry {
    /// The key: an employee ID or an achievement number.
    pub key: String,
    /// `*` after the key: a key contributor.
    pub starred: bool,
    /// The share or weight in bp, when written.
    pub bp: Option<i64>,
}

/// Why a list is malformed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ListError {
    #[error("empty list")]
    Empty,
    #[error("entry {0}: no key before ':'")]
    MissingKey(usize),
    #[error("entry {0}: {1}")]
    Share(usize, ShareError),
}

/// Splits a list at `;`, `；` or `、` into entries `KEY[*][:PERCENT]`.
pub fn parse_list(text: &str) -> Result<Vec<ListEntry>, ListError> {
    let mut out = Vec::new();
    for (i, raw) in text.split([';', '；', '、']).enumerate() {
        let raw = raw.trim();
        if raw.is_empty() {
            continue;
        }
        let (key_part, share) = match raw.split_once([':', '：']) {
            Some((k, s)) => (k.trim(), Some(parse_percent(s).map_err(|e| ListError::Share(i + 1, e))?)),
            None => (raw, None),
        };
        let (key, starred) = match key_part.strip_suffix(['*', '＊']) {
            Some(k) => (k.trim(), true),
            None => (key_part, false),
        };
        if key.is_empty() {
            return Err(ListError::MissingKey(i + 1));
        }
        out.push(ListEntry { key: key.to_string(), starred, bp: share });
    }
    if out.is_empty() {
        return Err(ListError::Empty);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    #[rstest]
    #[case("50", 5000)]
    #[case("33.33", 3333)]
    #[case("12.5%", 1250)]
    #[case("100", 10_000)]
    #[case("0.01", 1)]
    fn percentages_to_bp(#[case] text: &str, #[case] bp: i64) {
        assert_eq!(parse_percent(text), Ok(bp));
        assert_eq!(parse_percent(&format_percent(bp)), Ok(bp), "format parses back");
    }

    #[rstest]
    #[case("0", ShareError::OutOfRange)]
    #[case("100.01", ShareError::OutOfRange)]
    #[case("33.333", ShareError::TooManyDecimals)]
    #[case("half", ShareError::NotANumber)]
    #[case("", ShareError::NotANumber)]
    fn bad_percentages(#[case] text: &str, #[case] err: ShareError) {
        assert_eq!(parse_percent(text), Err(err));
    }

    #[test]
    fn parses_the_template_example() {
        let list = parse_list("T001*:50; T002:30、T003：20；").expect("the example of docs/import-templates.md \"Lists\" parses");
        assert_eq!(
            list,
            vec![
                ListEntry { key: "T001".into(), starred: true, bp: Some(5000) },
                ListEntry { key: "T002".into(), starred: false, bp: Some(3000) },
                ListEntry { key: "T003".into(), starred: false, bp: Some(2000) },
            ]
        );
        assert_eq!(parse_list("A1; A2").expect("weights are optional").iter().map(|e| e.bp).collect::<Vec<_>>(), vec![None, None]);
        assert_eq!(parse_list(" ; "), Err(ListError::Empty));
        assert_eq!(parse_list("*:50"), Err(ListError::MissingKey(1)));
    }

    proptest! {
        #[test]
        fn list_parser_never_panics(s in "\\PC{0,40}") {
            let _ = parse_list(&s);
        }
    }
}
