//! Printed numbers and amount units.

use crate::grammar::token::exact_value;

/// Parses a printed number: thousands separators dropped; `None` when not a
/// number, or not one an `f64` holds as printed ([`exact_value`]).
pub fn parse_number(text: &str) -> Option<f64> {
    let cleaned: String = text.chars().filter(|c| *c != ',').collect();
    exact_value(&cleaned)
}

/// Yuan per unit for an amount unit (元 = 1, 千元 = 1000, 万元 = 10000).
pub fn yuan_per(unit: &str) -> Option<f64> {
    match unit {
        "元" => Some(1.0),
        "千元" => Some(1_000.0),
        "万元" => Some(10_000.0),
        _ => None,
    }
}

/// Converts an amount between units; `None` when either is not an amount unit.
pub fn convert(value: f64, from: &str, to: &str) -> Option<f64> {
    Some(value * yuan_per(from)? / yuan_per(to)?)
}

/// Factors between amount units (元, 千元, 万元) and their inverses.
pub const UNIT_FACTORS: [f64; 8] = [10.0, 100.0, 1_000.0, 10_000.0, 0.1, 0.01, 0.001, 0.0001];

/// The factor other than 1 at which two amounts in one unit agree to the
/// printed cent (`a × factor = b`): two figures of one thing that agree only
/// so were read in different amount units, one of them wrongly.
pub fn unit_factor(a: f64, b: f64) -> Option<f64> {
    if a.abs() < 0.005 || b.abs() < 0.005 {
        return None;
    }
    UNIT_FACTORS.into_iter().find(|f| {
        let scaled = a * f;
        let tolerance = 0.005 * f.max(1.0) * 1.0001 + 1e-9;
        (scaled - b).abs() <= tolerance && (scaled / b - 1.0).abs() < 0.01
    })
}

/// Decimals printed after the point (0 for an integer).
pub fn printed_decimals(text: &str) -> u32 {
    text.split_once('.')
        .map(|(_, frac)| frac.chars().filter(char::is_ascii_digit).count() as u32)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn factors_of_ten_between_units() {
        use super::unit_factor;
        assert_eq!(unit_factor(165.19, 1_651_900.0), Some(10_000.0));
        assert_eq!(unit_factor(53.76, 537.6), Some(10.0));
        assert_eq!(unit_factor(100.0, 0.01), Some(0.0001));
        assert_eq!(unit_factor(6.11, 6.15), None);
        assert_eq!(unit_factor(484.04, 484.03), None);
        assert_eq!(unit_factor(0.0, 0.0), None);
    }

    use super::*;

    #[test]
    fn numbers_and_units() {
        assert_eq!(parse_number("1,234.50"), Some(1234.5));
        assert_eq!(parse_number("x"), None);
        assert!((convert(187.89, "万元", "元").unwrap() - 1_878_900.0).abs() < 1e-6);
        assert_eq!(convert(1.0, "万元", "%"), None);
        assert_eq!(printed_decimals("105.17"), 2);
        assert_eq!(printed_decimals("98"), 0);
    }
}
