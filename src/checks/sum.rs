//! Summing cells for a rule: a blank cell counts as 0, but a rule whose cells
//! are all blank is not checked at all (nothing was printed to verify).

use crate::report::{Report, Row, Table};

/// One signed reference to a row in a table, for a given column.
pub struct SignedRow<'a> {
    /// +1 or −1.
    pub sign: f64,
    /// The row key.
    pub key: &'a str,
}

/// Σ sign × value over rows for one column; `None` when no cell is printed.
pub fn sum_rows(table: &Table, rows: &[SignedRow<'_>], column: &str) -> Option<f64> {
    sum_found(
        rows.iter()
            .filter_map(|r| Some((r.sign, table.row(r.key)?))),
        column,
    )
}

/// [`sum_rows`] over rows already found (sign, row): for a check that sums
/// the same rows in every column, looking each up once.
pub fn sum_found<'r>(rows: impl IntoIterator<Item = (f64, &'r Row)>, column: &str) -> Option<f64> {
    let mut printed = false;
    let mut total = 0.0;
    for (sign, row) in rows {
        if let Some(v) = row.values.get(column) {
            printed = true;
            total += sign * v;
        }
    }
    printed.then_some(total)
}

/// The value of a cell, 0 when blank.
pub fn cell_or_zero(table: &Table, key: &str, column: &str) -> f64 {
    table
        .row(key)
        .and_then(|r| r.values.get(column))
        .unwrap_or(0.0)
}

/// True when the cell is printed.
pub fn is_printed(table: &Table, key: &str, column: &str) -> bool {
    table.row(key).and_then(|r| r.values.get(column)).is_some()
}

/// The table of a kind that prints a row, with the row; when none does, the
/// first table of the kind and no row. A report may print a kind twice (a
/// blank copy first, as some 上海 reports do), so the first is not enough.
pub fn table_with_row<'a>(
    report: &'a Report,
    kind: &str,
    find: impl Fn(&'a Table) -> Option<&'a Row>,
) -> Option<(&'a Table, Option<&'a Row>)> {
    let mut first = None;
    for t in report.tables.iter().filter(|t| t.kind == kind) {
        if let Some(row) = find(t) {
            return Some((t, Some(row)));
        }
        first = first.or(Some(t));
    }
    first.map(|t| (t, None))
}
