//! Amounts as whole cents for the checks' searches over sums of amounts:
//! which rows read with doubt could make a failing check hold. Amounts come
//! from the report's text as `f64`, and a hostile report can print a
//! 90-digit number, whose cents saturate at `i64::MAX` and make the first
//! sum overflow (a panic where overflow is checked, a wrong sum, and so a
//! wrong note, where it wraps). Amounts beyond [`MAX_CENTS`] take no part
//! in the searches, and the searches add with saturation, so no sum
//! overflows however many amounts are added.

use rustc_hash::FxHashSet;

/// The largest amount, in cents, a search takes: 2^50 cents, about
/// 1.1 × 10^13 as printed, far above any amount a report prints.
pub const MAX_CENTS: i64 = 1 << 50;

/// `value` in whole cents; `None` beyond [`MAX_CENTS`] or not a number.
pub fn cents(value: f64) -> Option<i64> {
    let cents = (value * 100.0).round();
    // `MAX_CENTS` is a power of two, exact as an `f64`.
    (cents.abs() <= MAX_CENTS as f64).then_some(cents as i64)
}

/// Whether some of `values` (cents) add up to `target` within `tolerance`
/// cents. The search stops once it holds more than `max_sums` sums and
/// answers from those; sums saturate, so no choice of values overflows.
/// The one search behind the notes that rows read with doubt hold a
/// failing check's difference.
pub fn some_sum_near(
    values: impl IntoIterator<Item = i64>,
    target: i64,
    tolerance: i64,
    max_sums: usize,
) -> bool {
    // Membership and size only (never iterated into a result): a fast hash.
    let mut sums: FxHashSet<i64> = FxHashSet::from_iter([0i64]);
    for v in values {
        let next: Vec<i64> = sums.iter().map(|s| s.saturating_add(v)).collect();
        sums.extend(next);
        if sums.len() > max_sums {
            break;
        }
    }
    sums.iter()
        .any(|s| s.abs_diff(target) <= tolerance.unsigned_abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_reach_a_difference_without_overflow() {
        assert!(some_sum_near([300, 150, 99], 399, 2, 20_000));
        assert!(!some_sum_near([300, 150], 200, 2, 20_000));
        // Sums saturate: none overflows, whatever the amounts.
        assert!(some_sum_near([i64::MAX, i64::MAX, 5], i64::MAX, 2, 20_000));
        assert!(!some_sum_near([i64::MIN, i64::MIN], 7, 2, 20_000));
    }

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
