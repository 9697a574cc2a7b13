//! How header cells are compared with the words of a grammar file.

/// A header cell's text without a leading year (`2024年“三公”经费预算数` is
/// the `“三公”经费预算数` column whatever the year).
pub fn without_year(cell: &str) -> &str {
    let digits = cell.chars().take_while(char::is_ascii_digit).count();
    if digits == 4
        && let Some(rest) = cell.get(4..).and_then(|r| r.strip_prefix('年'))
        && !rest.is_empty()
    {
        return rest;
    }
    cell
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leading_year_is_dropped() {
        assert_eq!(
            without_year("2024年\"三公\"经费预算数"),
            "\"三公\"经费预算数"
        );
        assert_eq!(without_year("2024年"), "2024年");
        assert_eq!(without_year("合计"), "合计");
    }
}
