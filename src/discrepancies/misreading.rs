//! Evidence that a disagreement between the narrative and a table is our
//! misreading rather than the report's error. A report that is wrong is wrong
//! in one figure; a reading that is wrong leaves patterns no real error
//! produces: the narrative's figure printed in another column of the same
//! row (columns shifted), the two agreeing at a factor of ten (the amount
//! unit of the table read wrong), a cell read as blank (a number that did
//! not reach it), or a table identity that fails as read but holds with the
//! narrative's figure in the cell. Any of these makes the disagreement
//! `unverified`, with the reason.

use super::discrepancy::{Discrepancy, DiscrepancyKind};
use super::figures::amounts_agree;
use crate::cell_name::parse;
use crate::checks::{Check, Outcome};
use crate::facts::amount::{convert, unit_factor};
use crate::report::{Report, Table};

/// The printed unit of a table (its own, else the report's, else 万元).
pub fn unit_of(report: &Report, table: &Table) -> String {
    table
        .amount_unit
        .clone()
        .or_else(|| report.amount_unit.clone())
        .unwrap_or_else(|| "万元".to_string())
}

/// The table a `table[row][column]` reference names and its row and column.
fn located<'a>(report: &'a Report, location: &str) -> Option<(&'a Table, String, String)> {
    let (kind, row, column) = parse(location)?;
    let table = report
        .tables
        .iter()
        .find(|t| t.kind == kind && t.row(&row).is_some())
        .or_else(|| report.tables.iter().find(|t| t.kind == kind))?;
    Some((table, row, column))
}

/// Another printed cell of the same row that holds the narrative's figure:
/// the row's numbers were put in the wrong columns. (Another row holding it
/// proves nothing: small tables repeat figures, and a narrative may quote
/// the wrong row — the report's own error.)
fn figure_elsewhere(report: &Report, d: &Discrepancy) -> Option<String> {
    let (table, row, column) = located(report, &d.cell)?;
    let unit = unit_of(report, table);
    let scale = convert(1.0, &unit, &d.unit).unwrap_or(1.0);
    let printed = table.row(&row)?;
    printed.values.0.iter().find_map(|(c, v)| {
        let agrees =
            convert(*v, &unit, &d.unit).is_some_and(|t| amounts_agree(d.narrative_value, t, scale));
        (*c != column && agrees).then(|| crate::cell_name::cell_name(&table.kind, &row, c))
    })
}

/// Another figure of the narrative, stated for another column of the same
/// row, that the cell alone of its row holds while that column does not:
/// the row's numbers went to the wrong columns. (A figure the row prints
/// twice, 合计 = 基本支出, may have its other copy misplaced instead.)
fn cell_holds_another_figure(report: &Report, d: &Discrepancy) -> Option<String> {
    let (table, row, column) = located(report, &d.cell)?;
    let unit = unit_of(report, table);
    let printed = table.row(&row)?;
    report.facts.iter().find_map(|f| {
        let (kind, r, c) = parse(f.cell.as_deref()?)?;
        let scale = convert(1.0, &unit, &f.unit)?;
        let agrees = |v: f64| convert(v, &unit, &f.unit).is_some_and(|v| amounts_agree(f.value, v, scale));
        let here = convert(d.table_value, &d.unit, &unit).is_some_and(agrees);
        let there = printed.values.get(&c).is_some_and(agrees);
        let copies = printed.values.0.iter().filter(|(_, v)| agrees(*v)).count();
        let alone = here && copies == 1;
        (kind == table.kind && r == row && c != column && alone && !there).then(|| {
            format!(
                "{}: holds the figure the narrative states for {kind}[{r}][{c}], which does not: the row's columns are in doubt",
                d.cell
            )
        })
    })
}

/// True when the cell is blank as read (the row printed, the column not).
fn blank(report: &Report, location: &str) -> bool {
    located(report, location).is_some_and(|(table, row, column)| {
        table
            .row(&row)
            .is_some_and(|r| r.values.get(&column).is_none())
    })
}

/// A check that does not hold as read but would with the narrative's figure
/// in the cell (`shift`: narrative − table, in the table's unit): the
/// narrative and the table's own identity agree against our reading of the
/// cell, so the cell is in doubt (if the report printed it wrong, the check
/// says so; the discrepancy adds nothing).
fn identity_agreeing_with_narrative<'a>(
    checks: &'a [Check],
    location: &str,
    shift: f64,
) -> Option<&'a Check> {
    checks.iter().find(|c| {
        let sign: f64 = c
            .cells
            .iter()
            .filter(|cell| cell.name == location)
            .map(|cell| cell.sign)
            .sum();
        matches!(c.outcome, Outcome::Fail | Outcome::Unverified)
            && sign != 0.0
            && Outcome::of_difference(c.difference + sign * shift) != Outcome::Fail
    })
}

/// An `unverified` check whose doubt names the cell's row: the reading the
/// checks already doubt cannot accuse the report here either.
fn row_in_doubt<'a>(checks: &'a [Check], location: &str) -> Option<&'a Check> {
    let row = location.rfind('[').and_then(|i| location.get(..i))?;
    checks.iter().find(|c| {
        c.outcome == Outcome::Unverified
            && c.cells
                .iter()
                .any(|cell| cell.name.starts_with(&format!("{row}[")))
            && c.doubt.iter().any(|d| d.contains(row))
    })
}

/// The reasons to doubt a figure discrepancy's reading (empty: none).
fn figure_doubts(report: &Report, d: &Discrepancy) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(f) = unit_factor(d.narrative_value, d.table_value) {
        out.push(format!(
            "{}: agrees with the narrative at ×{f}: the amount unit is in doubt",
            d.cell
        ));
    }
    if blank(report, &d.cell) {
        out.push(format!(
            "{}: blank as read (a missing number is not a zero)",
            d.cell
        ));
    }
    out.extend(cell_holds_another_figure(report, d));
    if let Some(at) = figure_elsewhere(report, d) {
        out.push(format!(
            "{at} holds the narrative's figure: the row's columns are in doubt"
        ));
    }
    let table_unit = located(report, &d.cell).map(|(t, _, _)| unit_of(report, t));
    let shift = table_unit
        .and_then(|u| convert(d.narrative_value - d.table_value, &d.unit, &u))
        .unwrap_or(0.0);
    if let Some(check) = row_in_doubt(&report.checks, &d.cell) {
        out.push(format!(
            "{}: its row is in doubt ({}: {})",
            d.cell,
            check.location,
            check.doubt.join("; ")
        ));
    }
    if let Some(check) = identity_agreeing_with_narrative(&report.checks, &d.cell, shift) {
        out.push(format!(
            "{}: the identity {} holds with the narrative's figure, not as read",
            d.cell, check.location
        ));
    }
    out
}

/// Adds to each discrepancy the evidence that it comes from our reading.
pub fn add_doubts(report: &Report, discrepancies: &mut [Discrepancy]) {
    for d in discrepancies {
        let more = match d.kind {
            DiscrepancyKind::Figure => figure_doubts(report, d),
            DiscrepancyKind::Percentage | DiscrepancyKind::SelfEvaluation => Vec::new(),
        };
        d.doubt.extend(more);
    }
}
