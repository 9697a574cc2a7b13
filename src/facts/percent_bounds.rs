//! What a printed percentage may be when the figures it is computed from
//! were themselves printed rounded: the one rule used wherever a stated
//! percentage is recomputed (the discrepancies between a narrative
//! percentage and its figures, and the review's numbered items), so that
//! both accept and refuse the same percentages.

use super::amount::printed_decimals;

/// The range of `n / d × 100` when `n` may lie anywhere in `n ± hn` and `d`
/// in `d ± hd` (each the rounding of a finer amount). `None` when the
/// denominator's range holds zero: any percentage is then possible.
///
/// A ratio is monotone in each figure on such a box, so its extremes are
/// at the corners.
pub fn ratio_range(n: f64, hn: f64, d: f64, hd: f64) -> Option<(f64, f64)> {
    if (d - hd) * (d + hd) <= 0.0 {
        return None;
    }
    let corners = [
        (n - hn) / (d - hd),
        (n - hn) / (d + hd),
        (n + hn) / (d - hd),
        (n + hn) / (d + hd),
    ]
    .map(|v| v * 100.0);
    let low = corners.iter().copied().fold(f64::INFINITY, f64::min);
    let high = corners.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Some((low, high))
}

/// The range of the change from `before` to `now` in per cent
/// (`(now − before) / before × 100`), each figure within its half unit.
pub fn change_range(now: f64, h_now: f64, before: f64, h_before: f64) -> Option<(f64, f64)> {
    ratio_range(now, h_now, before, h_before).map(|(low, high)| (low - 100.0, high - 100.0))
}

/// True when `printed` (spelt `printed_text`) is a percentage the range
/// allows: within it, widened by half a unit of the printed last digit
/// (a percentage is itself printed rounded).
pub fn printed_within(printed: f64, printed_text: &str, (low, high): (f64, f64)) -> bool {
    let half_unit = 0.5 * 10f64.powi(-(printed_decimals(printed_text) as i32));
    low - half_unit - 1e-9 <= printed && printed <= high + half_unit + 1e-9
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_between_rounded_amounts_may_lie_on_either_side_of_the_exact_one() {
        // 0.50 → 0.62 is +24 % exactly, but 0.495 → 0.625 gives +26.26 %
        // and 0.505 → 0.615 gives +21.78 %.
        let range = change_range(0.62, 0.005, 0.50, 0.005).unwrap();
        assert!(printed_within(22.22, "22.22", range));
        assert!(!printed_within(21.74, "21.74", range));
        assert!(printed_within(26.0, "26", range));
    }

    #[test]
    fn a_denominator_that_may_be_zero_allows_any_percentage() {
        assert_eq!(ratio_range(1.0, 0.005, 0.004, 0.005), None);
    }

    #[test]
    fn the_printed_decimals_widen_the_range_by_half_their_unit() {
        let range = (17.60, 17.64);
        assert!(printed_within(17.6, "17.6", range));
        assert!(printed_within(17.66, "17.66", (17.60, 17.655)));
        assert!(!printed_within(17.66, "17.66", range));
    }
}
