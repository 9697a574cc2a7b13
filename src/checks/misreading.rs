//! Failures our reading can explain are not accusations. A report printed
//! wrong is wrong in one figure: a wrong total breaks exactly the identities
//! that add up that one cell, a missing row those of its one parent, and
//! everything else holds. A misreading leaves patterns no such error does:
//!
//! - a number whose row was in doubt (its side, its group, beyond the last
//!   column, a 行次 or an amount) that, put elsewhere in its table, makes the
//!   failing identity hold;
//! - the two sides of an identity agreeing at a factor of ten (an amount
//!   unit read wrong);
//! - several identities of one table failing with no single cell or row
//!   common to all of them.
//!
//! Each turns the failing checks it explains `unverified`, with the reason.

use super::check::{Check, CheckKind};
use super::outcome::Outcome;
use crate::doubt::Doubt;
use crate::facts::amount::{parse_number, unit_factor};
use crate::report::{Report, Table};
use std::collections::HashSet;

/// Most sums of doubtful numbers tried for one check; beyond that the
/// numbers could explain almost anything, and the check stays unverified.
const MAX_SUMS: usize = 20_000;

/// Difference, in cents, still put down to rounding.
const ROUNDING_CENTS: i64 = 2;

/// Doubts that leave a row's numbers without a certain home in the table.
fn homeless(d: &Doubt) -> bool {
    matches!(
        d,
        Doubt::FragmentSide
            | Doubt::NumbersBeyondColumns
            | Doubt::NumberOutsideColumns
            | Doubt::LineNumberSplit
    )
}

/// The numbers, in cents, of a table's rows whose numbers may belong to
/// other rows or columns, with the rows named.
fn numbers_in_doubt(table: &Table) -> (Vec<i64>, Vec<String>) {
    let mut cents = Vec::new();
    let mut rows = Vec::new();
    for row in table.rows.iter().filter(|r| r.doubt.iter().any(homeless)) {
        let before = cents.len();
        cents.extend(
            row.printed
                .iter()
                .filter_map(|p| parse_number(p))
                .map(|v| (v.abs() * 100.0).round() as i64)
                .filter(|c| *c != 0),
        );
        if cents.len() > before {
            rows.push(format!("{}[{}]", table.kind, row.key));
        }
    }
    (cents, rows)
}

/// Whether adding or taking away some of `numbers` brings `difference`
/// (cents) within rounding; true too when there are too many sums to try.
fn movable_to_zero(difference: i64, numbers: &[i64]) -> bool {
    let mut sums: HashSet<i64> = HashSet::from([difference]);
    for n in numbers {
        let next: Vec<i64> = sums.iter().flat_map(|s| [s + n, s - n]).collect();
        sums.extend(next);
        if sums.len() > MAX_SUMS {
            return true;
        }
    }
    sums.iter().any(|s| s.abs() <= ROUNDING_CENTS)
}

/// The table kinds a check's cells are in.
fn tables_of(check: &Check) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for (cell, _) in &check.cells {
        let kind = cell.split('[').next().unwrap_or_default();
        if !out.contains(&kind) {
            out.push(kind);
        }
    }
    out
}

/// A failing check that numbers read with doubt in its tables could make hold.
fn moved_numbers(report: &Report, check: &Check) -> Vec<String> {
    let mut numbers = Vec::new();
    let mut rows = Vec::new();
    for kind in tables_of(check) {
        for table in report.tables.iter().filter(|t| t.kind == kind) {
            let (n, r) = numbers_in_doubt(table);
            numbers.extend(n);
            rows.extend(r);
        }
    }
    let difference = (check.difference * 100.0).round() as i64;
    if numbers.is_empty() || !movable_to_zero(difference, &numbers) {
        return Vec::new();
    }
    vec![format!(
        "holds if numbers of rows read with doubt belong elsewhere: {}",
        rows.join(", ")
    )]
}

/// A failing check whose two sides agree at a factor of ten.
fn unit_confusion(check: &Check) -> Vec<String> {
    unit_factor(check.expected, check.found)
        .map(|f| {
            format!(
                "{}: the two sides agree at ×{f}: an amount unit is in doubt",
                check.location
            )
        })
        .into_iter()
        .collect()
}

/// The row part of a cell name, `table[row]`.
fn row_of(cell: &str) -> &str {
    cell.rfind('[').and_then(|i| cell.get(..i)).unwrap_or(cell)
}

/// Whether one cell, or one row, takes part in every check of `group`.
fn one_cause(group: &[&Check]) -> bool {
    let Some((first, rest)) = group.split_first() else {
        return true;
    };
    let in_all = |name: &dyn Fn(&str) -> &str, candidate: &str| {
        rest.iter()
            .all(|c| c.cells.iter().any(|(cell, _)| name(cell) == candidate))
    };
    first.cells.iter().any(|(cell, _)| {
        in_all(&|c: &str| c, cell.as_str()) || in_all(&|c: &str| row_of(c), row_of(cell))
    })
}

/// Tables whose failing checks no single cell or row explains.
fn tables_misread_as_a_whole(checks: &[Check]) -> Vec<(String, usize)> {
    let mut tables: Vec<&str> = Vec::new();
    for c in checks.iter().filter(|c| accusing(c)) {
        if !tables.contains(&c.table.as_str()) {
            tables.push(&c.table);
        }
    }
    tables
        .into_iter()
        .filter_map(|t| {
            let group: Vec<&Check> = checks
                .iter()
                .filter(|c| accusing(c) && c.table == t)
                .collect();
            (!one_cause(&group)).then(|| (t.to_string(), group.len()))
        })
        .collect()
}

/// A failing table check (the self-evaluation's are not read as tables).
fn accusing(check: &Check) -> bool {
    check.outcome == Outcome::Fail && check.kind != CheckKind::SelfEvaluation
}

/// Turns every failing check that a misreading explains `unverified`.
pub fn weigh(report: &Report, checks: &mut [Check]) {
    for check in checks.iter_mut().filter(|c| accusing(c)) {
        let mut reasons = unit_confusion(check);
        if reasons.is_empty() {
            reasons = moved_numbers(report, check);
        }
        check.doubt_because(reasons);
    }
    for (table, n) in tables_misread_as_a_whole(checks) {
        for check in checks
            .iter_mut()
            .filter(|c| accusing(c) && c.table == table)
        {
            check.doubt_because(vec![format!(
                "{n} identities of {table} fail with no one cell or row common to all: \
                 the table's reading is in doubt"
            )]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_doubtful_numbers() {
        assert!(movable_to_zero(6683, &[3241, 1802, 1640, 999]));
        assert!(movable_to_zero(-1000, &[1000]));
        assert!(movable_to_zero(2, &[]));
        assert!(!movable_to_zero(500, &[300, 100]));
    }

    #[test]
    fn a_row_part_of_a_cell() {
        assert_eq!(row_of("expenditure[20805][基本支出]"), "expenditure[20805]");
    }
}
