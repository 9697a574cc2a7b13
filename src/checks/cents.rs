//! Amounts as whole cents for the checks' searches over sums of amounts:
//! which rows read with doubt could make a failing check hold. Amounts come
//! from the report's text as `f64`, and a hostile report can print a
//! 90-digit number, whose cents saturate at `i64::MAX` and make the first
//! sum overflow (a panic where overflow is checked, a wrong sum, and so a
//! wrong note, where it wraps). Amounts beyond [`MAX_CENTS`] take no part
//! in the searches, and the searches add with saturation, so no sum
//! overflows however many amounts are added.

/// The largest amount, in cents, a search takes: 2^50 cents, about
/// 1.1 × 10^13 as printed, far above any amount a report prints.
pub const MAX_CENTS: i64 = 1 << 50;

/// `value` in whole cents; `None` beyond [`MAX_CENTS`] or not a number.
pub fn cents(value: f64) -> Option<i64> {
    let cents = (value * 100.0).round();
    // `MAX_CENTS` is a power of two, exact as an `f64`.
    (cents.abs() <= MAX_CENTS as f64).then_some(cents as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_cents_and_beyond() {
        assert_eq!(cents(187.89), Some(18789));
        assert_eq!(cents(-0.015), Some(-2));
        assert_eq!(cents(1.0e13), Some(1_000_000_000_000_000));
        assert_eq!(cents(2.2e89), None);
        assert_eq!(cents(-2.2e89), None);
        assert_eq!(cents(f64::NAN), None);
        assert_eq!(cents(f64::INFINITY), None);
    }
}
