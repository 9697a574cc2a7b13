//! The names of cells and rows: a cell as `table[row][column]`, a row as
//! `table[row]`. Checks write them into their `location` and cells, the
//! grammar files write them in figure rules, and discrepancies and
//! provenance read them back: one module holds the form both ways. Names
//! are built by plain appends: through `format!` they were 4 % of a text
//! worker's work.

use regex::Regex;
use std::sync::LazyLock;

/// `table[row][column]`.
pub fn cell_name(table: &str, row: &str, column: &str) -> String {
    let mut name = String::with_capacity(table.len() + row.len() + column.len() + 4);
    name.push_str(table);
    name.push('[');
    name.push_str(row);
    name.push_str("][");
    name.push_str(column);
    name.push(']');
    name
}

/// `table[row]`.
pub fn row_name(table: &str, row: &str) -> String {
    let mut name = String::with_capacity(table.len() + row.len() + 2);
    name.push_str(table);
    name.push('[');
    name.push_str(row);
    name.push(']');
    name
}

/// `table[row][column]` (compiled once).
static REFERENCE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^([a-z_]+)\[([^\]]+)\]\[([^\]]+)\]$").ok());

/// Splits `table[row][column]` (surrounding whitespace ignored) into table
/// kind, row and column; None for anything else, and for a row or column
/// that holds `]` (which [`cell_name`] writes but no reference can name).
pub fn parse(reference: &str) -> Option<(String, String, String)> {
    let re = REFERENCE.as_ref()?;
    let c = re.captures(reference.trim())?;
    Some((
        c.get(1)?.as_str().to_string(),
        c.get(2)?.as_str().to_string(),
        c.get(3)?.as_str().to_string(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_as_the_format_strings_did() {
        let (t, r, c) = ("expenditure", "支出/201 一般公共服务支出", "合计");
        assert_eq!(cell_name(t, r, c), format!("{t}[{r}][{c}]"));
        assert_eq!(row_name(t, r), format!("{t}[{r}]"));
        assert_eq!(cell_name("", "", ""), "[][]");
    }

    #[test]
    fn a_written_name_parses_back() {
        let (t, r, c) = ("three_public", "合计", "预算数/因公出国(境)费");
        let parsed = parse(&cell_name(t, r, c)).unwrap();
        assert_eq!(parsed, (t.to_string(), r.to_string(), c.to_string()));
    }
}
