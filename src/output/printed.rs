//! The text a cell's number is printed as (`1,234.50`, `6.1`, `12`): the
//! cells contract carries the value only, but a spreadsheet should show
//! the number the way the report prints it, so the database's `cells`
//! table keeps the text and the Excel workbook takes its number format
//! from it.

use crate::grammar::token::{TokenKind, classify, exact_value};
use crate::report::Row;

/// The value of a printed number, parsed as the grammar's lexer parses it.
fn value_of(text: &str) -> Option<f64> {
    match classify(text) {
        TokenKind::Amount(v) => Some(v),
        TokenKind::Digits => exact_value(text),
        TokenKind::Dash | TokenKind::Text => None,
    }
}

/// The printed text of the number the row places in `column` with `value`:
/// among the row's printed numbers at the value's place (page and box, or
/// line), the first that reads as `value`; `None` when none does (a value
/// the normaliser derived rather than read).
pub fn printed_text(row: &Row, column: &str, value: f64) -> Option<String> {
    let place = row.value_at.get(column);
    let at = |i: usize| row.printed_at.get(i).copied().flatten();
    let matches = |i: &usize, text: &&String| {
        value_of(text).is_some_and(|v| v == value) && place.is_none_or(|p| at(*i) == Some(*p))
    };
    let same_place = row.printed.iter().enumerate().find(|(i, t)| matches(i, t));
    let any_place = || {
        row.printed
            .iter()
            .find(|t| value_of(t).is_some_and(|v| v == value))
    };
    same_place.map(|(_, t)| t).or_else(any_place).cloned()
}

/// The spreadsheet number format that shows a number as `printed` shows
/// it: thousands separators when it has them, and its decimals
/// (`1,234.50` → `#,##0.00`, `6.1` → `0.0`, `12` → `0`).
pub fn number_format(printed: &str) -> String {
    let decimals = printed.split_once('.').map_or(0, |(_, d)| {
        d.chars().take_while(char::is_ascii_digit).count()
    });
    let mut format = if printed.contains(',') { "#,##0" } else { "0" }.to_string();
    if decimals > 0 {
        format.push('.');
        format.push_str(&"0".repeat(decimals));
    }
    format
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_follow_the_printed_decimals_and_separators() {
        assert_eq!(number_format("1,234.50"), "#,##0.00");
        assert_eq!(number_format("6.1"), "0.0");
        assert_eq!(number_format("12"), "0");
        assert_eq!(number_format("-1,000"), "#,##0");
        assert_eq!(number_format("0.000"), "0.000");
    }

    #[test]
    fn the_printed_text_is_found_by_value() {
        let row = Row {
            printed: vec!["1,234.50".into(), "-".into(), "6.10".into(), "12".into()],
            ..Row::labelled("合计")
        };
        assert_eq!(printed_text(&row, "a", 1234.5).as_deref(), Some("1,234.50"));
        assert_eq!(printed_text(&row, "b", 6.1).as_deref(), Some("6.10"));
        assert_eq!(printed_text(&row, "c", 12.0).as_deref(), Some("12"));
        assert_eq!(printed_text(&row, "d", 7.0), None);
    }
}
