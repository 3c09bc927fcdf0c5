//! Money in integer fen, the one rounding rule, and largest-remainder allocation
//! (docs/rules/money.md).

use serde::{Deserialize, Serialize};
use std::fmt;
use ts_rs::TS;

/// An amount of money in fen (0.01 yuan). Never a float.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(transparent)]
#[ts(type = "number")]
pub struct Money(pub i64);

/// Why a text is not an amount.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("empty amount")]
    Empty,
    #[error("negative amount")]
    Negative,
    #[error("more than two decimals")]
    TooManyDecimals,
    #[error("not a number")]
    NotANumber,
    #[error("thousands separators in the wrong place")]
    BadGrouping,
    #[error("amount too large")]
    TooLarge,
}

/// What is wrong with an amount typed into a form that must be at least zero (or, when
/// `positive`, above zero); `None` when it is fine.
pub fn form_amount_error(amount: Money, positive: bool) -> Option<AmountError> {
    match amount.0 {
        n if n < 0 => Some(AmountError::Negative),
        0 if positive => Some(AmountError::Empty),
        _ => None,
    }
}

/// Largest amount accepted on input: one trillion yuan, far above any contract and far below i64.
const MAX_YUAN_DIGITS: usize = 13;

impl Money {
    /// Zero fen.
    pub const ZERO: Money = Money(0);

    /// The amount in fen.
    pub fn fen(self) -> i64 {
        self.0
    }

    /// Parses a yuan amount as written in the import templates: `12345.67`, `12,345.67`,
    /// `¥12,345.67` (also the full-width `￥`). At most two decimals; no sign.
    pub fn parse_yuan(text: &str) -> Result<Money, AmountError> {
        let t = text.trim();
        let t = t.strip_prefix('¥').or_else(|| t.strip_prefix('￥')).unwrap_or(t).trim();
        if t.is_empty() {
            return Err(AmountError::Empty);
        }
        if t.starts_with('-') || t.starts_with('−') {
            return Err(AmountError::Negative);
        }
        let t = t.strip_prefix('+').unwrap_or(t);
        let (int_part, frac_part) = match t.split_once('.') {
            Some((i, f)) => (i, f),
            None => (t, ""),
        };
        if int_part.is_empty() && frac_part.is_empty() {
            return Err(AmountError::NotANumber);
        }
        if !frac_part.chars().all(|c| c.is_ascii_digit()) {
            return Err(AmountError::NotANumber);
        }
        if frac_part.len() > 2 {
            return Err(AmountError::TooManyDecimals);
        }
        let digits: String = if int_part.contains(',') {
            let groups: Vec<&str> = int_part.split(',').collect();
            let first_ok = (1..=3).contains(&groups[0].len());
            let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
            if !groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit())) {
                return Err(AmountError::NotANumber);
            }
            if !first_ok || !rest_ok {
                return Err(AmountError::BadGrouping);
            }
            groups.concat()
        } else {
            if !int_part.chars().all(|c| c.is_ascii_digit()) {
                return Err(AmountError::NotANumber);
            }
            int_part.to_string()
        };
        let digits = digits.trim_start_matches('0');
        if digits.len() > MAX_YUAN_DIGITS {
            return Err(AmountError::TooLarge);
        }
        let yuan: i64 = if digits.is_empty() { 0 } else { digits.parse().map_err(|_| AmountError::NotANumber)? };
        let mut fen_text = frac_part.to_string();
        while fen_text.len() < 2 {
            fen_text.push('0');
        }
        let fen: i64 = fen_text.parse().map_err(|_| AmountError::NotANumber)?;
        Ok(Money(yuan * 100 + fen))
    }

    /// Reads a numeric spreadsheet cell as yuan. The shortest decimal form of the float is the
    /// number the user typed, so it goes through the text parser and keeps its strictness.
    pub fn from_cell_number(value: f64) -> Result<Money, AmountError> {
        if !value.is_finite() {
            return Err(AmountError::NotANumber);
        }
        if value < 0.0 {
            return Err(AmountError::Negative);
        }
        Money::parse_yuan(&format!("{value}"))
    }

    /// Fen in a yuan, for [`Money::to_cell`].
    pub const YUAN: i64 = 100;
    /// Fen in 万元 (ten thousand yuan), the unit of the government forms, for [`Money::to_cell`].
    pub const WAN: i64 = 1_000_000;

    /// The value of a spreadsheet number cell in yuan (`per = Money::YUAN`) or 万元
    /// (`Money::WAN`): the one place money becomes a float, at the very end, for a cell format to
    /// display. One correctly rounded division of an exact integer, so the cell reads back to the
    /// same fen ([`Money::from_cell_number`]).
    pub fn to_cell(self, per: i64) -> f64 {
        self.0 as f64 / per as f64
    }

    /// `12,345.67` — yuan with thousands separators and two decimals.
    pub fn grouped(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let yuan = (abs / 100).to_string();
        let mut out = String::with_capacity(yuan.len() + yuan.len() / 3 + 4);
        for (i, c) in yuan.chars().enumerate() {
            if i > 0 && (yuan.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        format!("{sign}{out}.{:02}", abs % 100)
    }

    /// `12345.67` — the plain yuan form the templates export.
    pub fn plain(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }

    /// This amount times a ratio in basis points, rounded half-up to the fen.
    pub fn apply_bp(self, bp: i64) -> Money {
        Money(round_half_up(self.0 as i128 * bp as i128, 10_000) as i64)
    }
}

impl fmt::Display for Money {
    /// `¥12,345.67`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "¥{}", self.grouped())
    }
}

impl rusqlite::ToSql for Money {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.0.into())
    }
}

impl rusqlite::types::FromSql for Money {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        value.as_i64().map(Money)
    }
}

/// 四舍五入 of `numerator / denominator` to an integer, halves away from zero. The only rounding
/// of a single amount in TransferDesk. `denominator` must be positive.
pub fn round_half_up(numerator: i128, denominator: i128) -> i128 {
    debug_assert!(denominator > 0, "a rounding denominator is positive");
    let q = numerator / denominator;
    let r = numerator % denominator;
    if 2 * r.abs() >= denominator {
        q + numerator.signum()
    } else {
        q
    }
}

/// Splits `total` by integer `weights` with the largest-remainder rule of docs/rules/money.md
/// "Largest-remainder allocation": floors first, then one unit each to the largest remainders;
/// ties go to the larger weight, then to the smaller key. The parts always sum to `total`. A
/// negative total (a reversal) is split as its absolute value and negated, so a reversal mirrors
/// the original exactly.
pub fn allocate<K: Ord>(total: i64, weights: &[(K, i64)]) -> Vec<i64> {
    let sum: i128 = weights.iter().map(|(_, w)| (*w).max(0) as i128).sum();
    if weights.is_empty() {
        return Vec::new();
    }
    if sum == 0 {
        return vec![0; weights.len()];
    }
    let magnitude = (total as i128).abs();
    let mut parts: Vec<i128> = Vec::with_capacity(weights.len());
    let mut remainders: Vec<(i128, usize)> = Vec::with_capacity(weights.len());
    for (i, (_, w)) in weights.iter().enumerate() {
        let product = magnitude * (*w).max(0) as i128;
        parts.push(product / sum);
        remainders.push((product % sum, i));
    }
    let mut left = magnitude - parts.iter().sum::<i128>();
    remainders
        .sort_by(|a, b| b.0.cmp(&a.0).then_with(|| weights[b.1].1.cmp(&weights[a.1].1)).then_with(|| weights[a.1].0.cmp(&weights[b.1].0)));
    for (_, i) in remainders {
        if left == 0 {
            break;
        }
        parts[i] += 1;
        left -= 1;
    }
    let sign = if total < 0 { -1 } else { 1 };
    parts.into_iter().map(|p| (p * sign) as i64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    #[rstest]
    #[case("12345.67", 1_234_567)]
    #[case("12,345.67", 1_234_567)]
    #[case("¥12,345.67", 1_234_567)]
    #[case("￥ 1,000", 100_000)]
    #[case("0.5", 50)]
    #[case("7", 700)]
    #[case(" 1,234,567.8 ", 123_456_780)]
    #[case(".25", 25)]
    fn parses_every_template_form(#[case] text: &str, #[case] fen: i64) {
        assert_eq!(Money::parse_yuan(text), Ok(Money(fen)), "{text} is {fen} fen");
    }

    #[rstest]
    #[case("", AmountError::Empty)]
    #[case("-5", AmountError::Negative)]
    #[case("1.234", AmountError::TooManyDecimals)]
    #[case("abc", AmountError::NotANumber)]
    #[case("12,34.5", AmountError::BadGrouping)]
    #[case("1,2345", AmountError::BadGrouping)]
    #[case("1.2.3", AmountError::NotANumber)]
    #[case("5万", AmountError::NotANumber)]
    #[case("99999999999999", AmountError::TooLarge)]
    fn refuses_bad_amounts(#[case] text: &str, #[case] err: AmountError) {
        assert_eq!(Money::parse_yuan(text), Err(err), "{text} must be refused");
    }

    #[test]
    fn cell_numbers_keep_their_decimals() {
        assert_eq!(Money::from_cell_number(487689.5), Ok(Money(48_768_950)));
        assert_eq!(Money::from_cell_number(0.1 + 0.2), Err(AmountError::TooManyDecimals));
        assert_eq!(Money::from_cell_number(-1.0), Err(AmountError::Negative));
    }

    #[test]
    fn formats_for_people() {
        assert_eq!(Money(123_456).to_string(), "¥1,234.56");
        assert_eq!(Money(10_000_000_000).grouped(), "100,000,000.00");
        assert_eq!(Money(5).plain(), "0.05");
        assert_eq!(Money(-123_456).grouped(), "-1,234.56");
    }

    #[test]
    fn worked_example_of_domain_section_1() {
        // 487,689.50 × 70% = 341,382.65 exactly; A/B/C by 50/30/20 per docs/rules/money.md
        // "Worked example".
        let pool = Money(48_768_950).apply_bp(7000);
        assert_eq!(pool, Money(34_138_265));
        let parts = allocate(pool.0, &[("A", 5000), ("B", 3000), ("C", 2000)]);
        assert_eq!(parts, vec![17_069_133, 10_241_479, 6_827_653]);
    }

    #[test]
    fn half_up_rounds_halves_away_from_zero() {
        assert_eq!(round_half_up(5, 10), 1);
        assert_eq!(round_half_up(4, 10), 0);
        assert_eq!(round_half_up(-5, 10), -1);
        assert_eq!(round_half_up(15, 10), 2);
    }

    #[test]
    fn ties_go_to_larger_weight_then_smaller_key() {
        // 1 fen over two equal weights: the smaller key takes it.
        assert_eq!(allocate(1, &[("B", 1), ("A", 1)]), vec![0, 1]);
        // 10 over 1:1:1 → 3.33 each, one leftover to the smallest key.
        assert_eq!(allocate(10, &[("c", 1), ("a", 1), ("b", 1)]), vec![3, 4, 3]);
        // A reversal mirrors the original.
        assert_eq!(allocate(-10, &[("c", 1), ("a", 1), ("b", 1)]), vec![-3, -4, -3]);
    }

    proptest! {
        #[test]
        fn a_yuan_cell_reads_back_to_the_same_fen(fen in 0i64..10_000_000_000_000) {
            prop_assert_eq!(Money::from_cell_number(Money(fen).to_cell(Money::YUAN)), Ok(Money(fen)));
        }

        #[test]
        fn parts_sum_to_total_and_stay_within_one_unit(
            total in 0i64..10_000_000_000,
            weights in proptest::collection::vec(0i64..20_000, 1..12),
        ) {
            let keyed: Vec<(usize, i64)> = weights.iter().copied().enumerate().collect();
            let parts = allocate(total, &keyed);
            let w: i128 = weights.iter().map(|w| *w as i128).sum();
            if w == 0 {
                prop_assert!(parts.iter().all(|p| *p == 0));
            } else {
                prop_assert_eq!(parts.iter().map(|p| *p as i128).sum::<i128>(), total as i128);
                for (p, wi) in parts.iter().zip(&weights) {
                    let exact_times_w = total as i128 * *wi as i128;
                    // |p - exact| < 1  ⇔  |p·W − T·w| < W
                    prop_assert!((*p as i128 * w - exact_times_w).abs() < w);
                    prop_assert!(*p >= 0);
                }
            }
        }

        #[test]
        fn plain_format_parses_back(fen in 0i64..100_000_000_000_000) {
            prop_assert_eq!(Money::parse_yuan(&Money(fen).plain()), Ok(Money(fen)));
            prop_assert_eq!(Money::parse_yuan(&Money(fen).grouped()), Ok(Money(fen)));
            prop_assert_eq!(Money::parse_yuan(&Money(fen).to_string()), Ok(Money(fen)));
        }

        #[test]
        fn parser_never_panics(s in "\\PC{0,24}") {
            let _ = Money::parse_yuan(&s);
        }
    }
}
