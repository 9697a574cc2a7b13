//! How a check came out: exact, off by rounding, wrong, or not holding as
//! read from cells read with doubt (unverified).

use serde::Serialize;

/// The largest difference (in the printed amount unit) still put down to
/// rounding: reports convert from 元 and round each cell, so sums may be off
/// by a cent or two (the 注 "金额单位转换时可能存在尾数误差").
pub const ROUNDING_TOLERANCE: f64 = 0.02;

/// Differences below this are floating-point noise, not a printed difference.
const EXACT: f64 = 0.0005;

/// The outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The identity holds exactly as printed.
    Pass,
    /// Off by at most [`ROUNDING_TOLERANCE`]: a rounding difference, not an error.
    Rounding,
    /// The identity does not hold, and every cell it involves was read with certainty.
    Fail,
    /// The identity does not hold as read, but a cell it involves was read
    /// with doubt: our reading, not the report, may be wrong. Never an accusation.
    Unverified,
}

impl Outcome {
    /// Classifies a difference between found and expected values for an equality.
    pub fn of_difference(difference: f64) -> Outcome {
        let d = difference.abs();
        if d < EXACT {
            Outcome::Pass
        } else if d <= ROUNDING_TOLERANCE + 1e-9 {
            Outcome::Rounding
        } else {
            Outcome::Fail
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_differences() {
        assert_eq!(Outcome::of_difference(0.0), Outcome::Pass);
        assert_eq!(Outcome::of_difference(1e-9), Outcome::Pass);
        assert_eq!(Outcome::of_difference(-0.01), Outcome::Rounding);
        assert_eq!(Outcome::of_difference(0.02), Outcome::Rounding);
        assert_eq!(Outcome::of_difference(0.03), Outcome::Fail);
    }
}
