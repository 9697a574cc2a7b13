//! Printed numbers and amount units.

/// Parses a printed number: thousands separators dropped; `None` when not a number.
pub fn parse_number(text: &str) -> Option<f64> {
    let cleaned: String = text.chars().filter(|c| *c != ',').collect();
    cleaned.parse().ok()
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

/// Decimals printed after the point (0 for an integer).
pub fn printed_decimals(text: &str) -> u32 {
    text.split_once('.')
        .map(|(_, frac)| frac.chars().filter(char::is_ascii_digit).count() as u32)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
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
