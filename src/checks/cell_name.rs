//! How checks name what they read: a cell as `table[row][column]`, a row as
//! `table[row]`. One place for the form every check's `location` and cells
//! use, built by plain appends: through `format!` these names were 4 % of a
//! text worker's work.

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
}
