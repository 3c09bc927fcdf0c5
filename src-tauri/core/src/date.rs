//! Dates as the templates accept them.

use chrono::NaiveDate;

/// Why a text is not a date.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("empty date")]
    Empty,
    #[error("not a date in the form YYYY-MM-DD")]
    Format,
    #[error("no such day in the calendar")]
    NoSuchDay,
    #[error("year out of range 1900–2200")]
    OutOfRange,
}

/// Parses `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD` and `YYYY年M月D日` (months and days with or without
/// a leading zero).
pub fn parse_date(text: &str) -> Result<NaiveDate, DateError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(DateError::Empty);
    }
    let parts: Vec<&str> = if let Some(rest) = t.strip_suffix('日') {
        let (y, rest) = rest.split_once('年').ok_or(DateError::Format)?;
        let (m, d) = rest.split_once('月').ok_or(DateError::Format)?;
        vec![y.trim(), m.trim(), d.trim()]
    } else {
        let sep = ['-', '/', '.'].into_iter().find(|s| t.contains(*s)).ok_or(DateError::Format)?;
        t.split(sep).collect()
    };
    if parts.len() != 3
        || parts[0].len() != 4
        || !(1..=2).contains(&parts[1].len())
        || !(1..=2).contains(&parts[2].len())
        || !parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(DateError::Format);
    }
    let y: i32 = parts[0].parse().map_err(|_| DateError::Format)?;
    let m: u32 = parts[1].parse().map_err(|_| DateError::Format)?;
    let d: u32 = parts[2].parse().map_err(|_| DateError::Format)?;
    check_range(NaiveDate::from_ymd_opt(y, m, d).ok_or(DateError::NoSuchDay)?)
}

/// Keeps dates within the years an office's records can hold, so that typos like 20233-01-01
/// or 1023 are caught.
pub fn check_range(date: NaiveDate) -> Result<NaiveDate, DateError> {
    use chrono::Datelike;
    if (1900..=2200).contains(&date.year()) {
        Ok(date)
    } else {
        Err(DateError::OutOfRange)
    }
}

/// The ISO form every export and JSON document uses.
pub fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("a valid test date")
    }

    #[rstest]
    #[case("2025-03-31", d(2025, 3, 31))]
    #[case("2025/3/1", d(2025, 3, 1))]
    #[case("2025年3月31日", d(2025, 3, 31))]
    #[case(" 2024-02-29 ", d(2024, 2, 29))]
    #[case("2024.01.08", d(2024, 1, 8))]
    fn accepts_template_forms(#[case] text: &str, #[case] date: NaiveDate) {
        assert_eq!(parse_date(text), Ok(date));
    }

    #[rstest]
    #[case("", DateError::Empty)]
    #[case("2023-02-29", DateError::NoSuchDay)]
    #[case("31/03/2025", DateError::Format)]
    #[case("20250331", DateError::Format)]
    #[case("2025-13-01", DateError::NoSuchDay)]
    #[case("1023-01-01", DateError::OutOfRange)]
    #[case("明天", DateError::Format)]
    fn refuses_bad_dates(#[case] text: &str, #[case] err: DateError) {
        assert_eq!(parse_date(text), Err(err));
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,20}") {
            let _ = parse_date(&s);
        }

        #[test]
        fn iso_round_trips(days in 0i64..100_000) {
            let date = d(1900, 1, 1) + chrono::Duration::days(days);
            if let Ok(ok) = check_range(date) {
                prop_assert_eq!(parse_date(&iso(ok)), Ok(ok));
            }
        }
    }
}
