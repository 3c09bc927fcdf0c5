//! The three Chinese identifiers of docs/rules/identifiers.md, validated by their check characters.

/// Why an identifier is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IdentError {
    #[error("wrong length or characters")]
    Format,
    #[error("check character should be {expected}")]
    CheckDigit {
        /// The character the rest of the number calls for.
        expected: char,
    },
    #[error("no such birth date")]
    BirthDate,
}

/// Validates a CN patent application number and returns it normalized (`202310123456.6`).
/// Tolerates `CN`/`ZL` prefixes, spaces, a missing dot and a lower-case `x`.
pub fn application_no(text: &str) -> Result<String, IdentError> {
    let mut t: String = text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    for prefix in ["CN", "ZL"] {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = rest.to_string();
        }
    }
    let t = t.replace('．', ".");
    if !t.is_ascii() {
        return Err(IdentError::Format);
    }
    let (body, check) = match t.split_once('.') {
        Some((b, c)) => (b.to_string(), c.to_string()),
        None if t.len() == 13 || t.len() == 9 => (t[..t.len() - 1].to_string(), t[t.len() - 1..].to_string()),
        None => return Err(IdentError::Format),
    };
    if !(body.len() == 12 || body.len() == 8) || !body.chars().all(|c| c.is_ascii_digit()) || check.chars().count() != 1 {
        return Err(IdentError::Format);
    }
    const WEIGHTS: [u32; 12] = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
    let sum: u32 = body.chars().zip(WEIGHTS).map(|(c, w)| c.to_digit(10).unwrap_or(0) * w).sum();
    let expected = match sum % 11 {
        10 => 'X',
        n => char::from_digit(n, 10).unwrap_or('0'),
    };
    let given = check.chars().next().unwrap_or(' ');
    if given != expected {
        return Err(IdentError::CheckDigit { expected });
    }
    Ok(format!("{body}.{expected}"))
}

/// The kind of patent the type digit of a normalized application number names — the fifth digit
/// of the 12-digit numbers (since 2003), the third of the 8-digit ones: 1 invention, 2 utility
/// model, 3 design; 8 and 9 an invention and a utility model entering the national phase from a
/// PCT application. `None` for any other digit (no kind to compare with).
pub fn application_kind(normalized: &str) -> Option<crate::model::AchievementKind> {
    use crate::model::AchievementKind as K;
    let body = normalized.split('.').next()?;
    let digit = match body.len() {
        12 => body.as_bytes()[4],
        8 => body.as_bytes()[2],
        _ => return None,
    };
    match digit {
        b'1' | b'8' => Some(K::InventionPatent),
        b'2' | b'9' => Some(K::UtilityModel),
        b'3' => Some(K::DesignPatent),
        _ => None,
    }
}

const CREDIT_CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Validates a unified social credit code (GB 32100-2015) and returns it upper-cased.
pub fn credit_code(text: &str) -> Result<String, IdentError> {
    let t = text.trim().to_uppercase();
    if t.chars().count() != 18 {
        return Err(IdentError::Format);
    }
    let values: Vec<u32> =
        t.chars().map(|c| CREDIT_CHARS.find(c).map(|i| i as u32)).collect::<Option<Vec<u32>>>().ok_or(IdentError::Format)?;
    const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    let sum: u32 = values.iter().zip(WEIGHTS).map(|(v, w)| v * w).sum();
    let check = (31 - sum % 31) % 31;
    let expected = CREDIT_CHARS.as_bytes()[check as usize] as char;
    if values[17] != check {
        return Err(IdentError::CheckDigit { expected });
    }
    Ok(t)
}

/// The check character a credit code's first 17 characters call for (for generating demo data).
pub fn credit_code_check(first17: &str) -> Option<char> {
    let mut sum = 0;
    for (c, w) in first17.chars().zip([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]) {
        sum += CREDIT_CHARS.find(c)? as u32 * w;
    }
    CREDIT_CHARS.chars().nth(((31 - sum % 31) % 31) as usize)
}

/// Validates an 18-character resident ID number (GB 11643-1999), including its birth date.
pub fn id_number(text: &str) -> Result<String, IdentError> {
    let t = text.trim().to_uppercase();
    let chars: Vec<char> = t.chars().collect();
    if chars.len() != 18 || !chars[..17].iter().all(|c| c.is_ascii_digit()) {
        return Err(IdentError::Format);
    }
    let expected = id_number_check(&t[..17]).ok_or(IdentError::Format)?;
    if chars[17] != expected {
        return Err(IdentError::CheckDigit { expected });
    }
    let birth = &t[6..14];
    let y: i32 = birth[..4].parse().map_err(|_| IdentError::BirthDate)?;
    let m: u32 = birth[4..6].parse().map_err(|_| IdentError::BirthDate)?;
    let d: u32 = birth[6..].parse().map_err(|_| IdentError::BirthDate)?;
    if chrono::NaiveDate::from_ymd_opt(y, m, d).is_none() || !(1900..=2100).contains(&y) {
        return Err(IdentError::BirthDate);
    }
    Ok(t)
}

/// The check character for a resident ID's first 17 digits.
pub fn id_number_check(first17: &str) -> Option<char> {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let mut sum = 0;
    for (c, w) in first17.chars().zip(WEIGHTS) {
        sum += c.to_digit(10)? * w;
    }
    "10X98765432".chars().nth((sum % 11) as usize)
}

/// The check digit for an application number body of 8 or 12 digits.
pub fn application_no_check(body: &str) -> Option<char> {
    let mut sum = 0;
    for (c, w) in body.chars().zip([2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]) {
        sum += c.to_digit(10)? * w;
    }
    Some(match sum % 11 {
        10 => 'X',
        n => char::from_digit(n, 10)?,
    })
}

/// Shows only the first 6 and last 4 characters of a resident ID or the last 4 of a bank account:
/// what a screen or an export shows unless the user asks for the full number.
pub fn mask(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    match chars.len() {
        0 => String::new(),
        n if n <= 4 => "*".repeat(n),
        18 => format!("{}********{}", chars[..6].iter().collect::<String>(), chars[14..].iter().collect::<String>()),
        n => format!("{}{}", "*".repeat(n - 4), chars[n - 4..].iter().collect::<String>()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AchievementKind as K;
    use proptest::prelude::*;
    use rstest::rstest;

    #[rstest]
    #[case("202310123456.6", Some(K::InventionPatent))]
    #[case("202320123456.1", Some(K::UtilityModel))]
    #[case("202330123456.7", Some(K::DesignPatent))]
    #[case("202380123456.2", Some(K::InventionPatent))]
    #[case("202390123456.8", Some(K::UtilityModel))]
    #[case("20131012.0", Some(K::InventionPatent))]
    #[case("98231234.5", Some(K::UtilityModel))]
    #[case("202340123456.3", None)]
    #[case("", None)]
    fn the_type_digit_names_the_kind(#[case] number: &str, #[case] kind: Option<K>) {
        assert_eq!(application_kind(number), kind, "{number}");
    }

    // Check digits below were worked out by hand with the weights of docs/rules/identifiers.md
    // "Patent application number", e.g.
    // 2·2+0·3+2·4+3·5+1·6+0·7+1·8+2·9+3·2+4·3+5·4+6·5 = 127 = 11·11 + 6 → `.6`.
    #[rstest]
    #[case("202310123456.6", "202310123456.6")]
    #[case("CN 202310123456.6", "202310123456.6")]
    #[case("ZL2013101234562", "201310123456.2")]
    #[case("20131012.0", "20131012.0")]
    #[case("201910012345.1", "201910012345.1")]
    fn valid_application_numbers(#[case] text: &str, #[case] normal: &str) {
        assert_eq!(application_no(text), Ok(normal.to_string()));
    }

    #[rstest]
    #[case("202310123456.X", IdentError::CheckDigit { expected: '6' })]
    #[case("201310123456.7", IdentError::CheckDigit { expected: '2' })]
    #[case("2023101234.5", IdentError::Format)]
    #[case("20231012345A.1", IdentError::Format)]
    #[case("", IdentError::Format)]
    fn invalid_application_numbers(#[case] text: &str, #[case] err: IdentError) {
        assert_eq!(application_no(text), Err(err));
    }

    #[test]
    fn a_check_digit_of_ten_is_x() {
        // 5·2 + 0·… = 10 ≡ 10 (mod 11) → written X.
        assert_eq!(application_no("500000000000.X"), Ok("500000000000.X".to_string()));
        assert_eq!(application_no("500000000000.x"), Ok("500000000000.X".to_string()));
    }

    #[rstest]
    // Σ = 9·1+1·3+1·9+1·27+0+0+0+0+8·20+0+0+2·13+1·8+0+4·10+3·30+3·28 = 456 = 31·14 + 22 → 31−22 = 9
    #[case("911100008002104339")]
    // All zeros: Σ = 0 → (31 − 0) mod 31 = 0.
    #[case("000000000000000000")]
    fn valid_credit_codes(#[case] code: &str) {
        assert_eq!(credit_code(code), Ok(code.to_string()));
    }

    #[rstest]
    #[case("91110000800210433C", IdentError::CheckDigit { expected: '9' })]
    #[case("91110000800210433", IdentError::Format)]
    #[case("91110000800210433I", IdentError::Format)]
    fn invalid_credit_codes(#[case] code: &str, #[case] err: IdentError) {
        assert_eq!(credit_code(code), Err(err));
    }

    #[test]
    fn resident_ids() {
        // The GB 11643 sample: Σ = 167 → 167 mod 11 = 2 → 'X'.
        assert_eq!(id_number("11010519491231002x"), Ok("11010519491231002X".into()));
        assert_eq!(id_number("110105194912310021"), Err(IdentError::CheckDigit { expected: 'X' }));
        assert_eq!(
            id_number("11010519491331002X").err().map(|e| matches!(e, IdentError::CheckDigit { .. } | IdentError::BirthDate)),
            Some(true)
        );
        assert_eq!(id_number("1101051949123100"), Err(IdentError::Format));
        assert_eq!(mask("11010519491231002X"), "110105********002X");
        assert_eq!(mask("6222021234567890"), "************7890");
    }

    proptest! {
        #[test]
        fn validators_never_panic(s in "\\PC{0,24}") {
            let _ = application_no(&s);
            let _ = credit_code(&s);
            let _ = id_number(&s);
            let _ = mask(&s);
        }

        #[test]
        fn generated_check_digits_validate(body in "[0-9]{12}") {
            let c = application_no_check(&body).expect("digits only");
            let number = format!("{body}.{c}");
            prop_assert_eq!(application_no(&number), Ok(number.clone()));
        }
    }
}
