//! Failures our reading can explain are not accusations. A report printed
//! wrong is wrong in one figure: a wrong total breaks exactly the identities
//! that add up that one cell, a missing row those of its one parent, and
//! everything else holds. A misreading leaves patterns no such error does:
//!
//! - a number whose row was in doubt (its side, its group, beyond the last
//!   column, a 行次 or an amount, a printed line shared with the other side's
//!   row whose numbers did not fit) that, put elsewhere in its table, makes
//!   the failing identity hold;
//! - the two sides of an identity agreeing at a factor of ten (an amount
//!   unit read wrong);
//! - a total read as blank while its parts print (or the reverse): a number
//!   that did not reach its cell;
//! - a total that another table restates with the same value (a passing
//!   cross-table check) while its own parts do not add up to it: the total
//!   is right, so the failure is in parts we may have misread;
//! - a cross-table identity that would hold with a figure printed in
//!   another column of one of its rows: columns taken in the wrong order;
//! - a row whose columns were derived from the report's identities (text
//!   drops blank cells) that, placed another way its own identities allow,
//!   makes the failing identity hold: the derivation rested on identities
//!   that do not hold as read;
//! - a row whose numbers satisfy every identity of the row in another
//!   column order: its header was read wrong;
//! - a member of a code-tree sum printing the numbers of the row before
//!   it, without which the sum holds: a 项 taken for a 款;
//! - rows read with doubt (a key held twice, an ambiguous placement) right
//!   after a code-tree sum's children that hold its difference;
//! - several identities of one table failing with no single cell or row
//!   common to all of them.
//!
//! Each turns the failing checks it explains `unverified`, with the reason.

use super::cents::{cents, some_sum_near};
use super::check::{Check, CheckCell, CheckKind};
use super::outcome::Outcome;
use crate::doubt::Doubt;
use crate::facts::amount::{parse_number, unit_factor};
use crate::normalise::candidates::{assignments, satisfies, value_of};
use crate::report::{Placement, Report, Row, Table};
use crate::templates::Templates;
use crate::templates::rule::Rule;
use rustc_hash::FxHashSet;

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

/// The printed lines (page, text line) a row's numbers stand on.
fn value_lines(row: &Row) -> Vec<(u32, u32)> {
    row.value_at
        .0
        .iter()
        .filter_map(|(_, p)| p.line.map(|l| (p.page, l)))
        .collect()
}

/// A row of a two-sided table whose numbers share a printed line with the
/// other side's row whose numbers did not fit its columns: how that line's
/// numbers divide between the sides is in doubt (text input).
fn shares_a_split_line(table: &Table, row: &Row) -> bool {
    let Some(side) = row.side.as_deref() else {
        return false;
    };
    let lines = value_lines(row);
    !lines.is_empty()
        && table.rows.iter().any(|o| {
            o.side.as_deref().is_some_and(|s| s != side)
                && o.doubt
                    .iter()
                    .any(|d| matches!(d, Doubt::NoPlacementHolds | Doubt::NumbersBeyondColumns))
                && value_lines(o).iter().any(|l| lines.contains(l))
        })
}

/// The numbers, in cents, of a table's rows whose numbers may belong to
/// other rows or columns, with the rows named.
fn numbers_in_doubt(table: &Table) -> (Vec<i64>, Vec<String>) {
    let mut amounts = Vec::new();
    let mut rows = Vec::new();
    let in_doubt = |r: &&Row| r.doubt.iter().any(homeless) || shares_a_split_line(table, r);
    for row in table.rows.iter().filter(in_doubt) {
        let before = amounts.len();
        amounts.extend(
            row.printed
                .iter()
                .filter_map(|p| parse_number(p))
                .filter_map(|v| cents(v.abs()))
                .filter(|c| *c != 0),
        );
        if amounts.len() > before {
            rows.push(crate::cell_name::row_name(&table.kind, &row.key));
        }
    }
    (amounts, rows)
}

/// Whether adding or taking away some of `numbers` brings `difference`
/// (cents) within rounding; true too when there are too many sums to try.
fn movable_to_zero(difference: i64, numbers: &[i64]) -> bool {
    // Membership and size only (never iterated into a result): a fast hash.
    let mut sums: FxHashSet<i64> = FxHashSet::from_iter([difference]);
    for n in numbers {
        let next: Vec<i64> = sums
            .iter()
            .flat_map(|s| [s.saturating_add(*n), s.saturating_sub(*n)])
            .collect();
        sums.extend(next);
        if sums.len() > MAX_SUMS {
            return true;
        }
    }
    sums.iter()
        .any(|s| s.unsigned_abs() <= ROUNDING_CENTS.unsigned_abs())
}

/// The table kinds a check's cells are in.
fn tables_of(check: &Check) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for cell in &check.cells {
        let kind = cell.name.split('[').next().unwrap_or_default();
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
    let Some(difference) = cents(check.difference) else {
        return Vec::new();
    };
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

/// Kinds whose first cell is a total and the others its parts.
fn sums_parts(check: &Check) -> bool {
    matches!(
        check.kind,
        CheckKind::Tree
            | CheckKind::ItemSum
            | CheckKind::SubItemSum
            | CheckKind::TableIdentity
            | CheckKind::RowIdentity
    )
}

/// A total read as blank while its parts print, or parts all blank under a
/// printed total.
fn blank_side(check: &Check) -> Vec<String> {
    let Some((total, parts)) = check.cells.split_first() else {
        return Vec::new();
    };
    if !sums_parts(check) || parts.is_empty() {
        return Vec::new();
    }
    let parts_printed = parts.iter().any(|c| c.printed);
    let reason = match (total.printed, parts_printed) {
        (false, true) => "blank as read while its parts print",
        (true, false) => "printed while its parts are all blank as read",
        _ => return Vec::new(),
    };
    vec![format!(
        "{}: {reason}: a number may not have reached its cell",
        total.name
    )]
}

/// A sum whose total a passing cross-table check restates: the failure is
/// among the parts as read.
fn total_restated(check: &Check, checks: &[Check]) -> Vec<String> {
    let Some(total) = check.cells.first() else {
        return Vec::new();
    };
    if !sums_parts(check) || check.kind == CheckKind::RowIdentity || !total.printed {
        return Vec::new();
    }
    checks
        .iter()
        .find(|c| {
            c.kind == CheckKind::CrossTable
                && !inequality(c)
                && matches!(c.outcome, Outcome::Pass | Outcome::Rounding)
                && c.cells.iter().any(|x| x.name == total.name && x.printed)
        })
        .map(|c| {
            format!(
                "{} is restated by {} ({}): the parts as read do not add up to it",
                total.name, c.location, c.rule
            )
        })
        .into_iter()
        .collect()
}

/// The table, row and column a cell name points to.
fn cell_at<'a>(report: &'a Report, cell: &'a str) -> Option<(&'a Table, &'a Row, &'a str)> {
    let body = cell.strip_suffix(']')?;
    let (head, column) = body.rsplit_once('[')?;
    let head = head.strip_suffix(']')?;
    let (kind, key) = head.split_once('[')?;
    report
        .tables
        .iter()
        .filter(|t| t.kind == kind)
        .find_map(|t| t.row(key).map(|r| (t, r, column)))
}

/// The row and column a cell name points to.
fn row_of_cell<'a>(report: &'a Report, cell: &'a str) -> Option<(&'a Row, &'a str)> {
    cell_at(report, cell).map(|(_, r, c)| (r, c))
}

/// A row's printed columns (its side's, in two-sided tables) and own identities.
fn row_frame(templates: &Templates, table: &Table, row: &Row) -> (Vec<String>, Vec<Rule>) {
    let Some(compiled) = super::template_of(templates, &table.kind, table.variant.as_deref())
    else {
        return (table.columns.clone(), Vec::new());
    };
    let template = &compiled.template;
    let side = template
        .sides
        .iter()
        .find(|s| row.side.as_deref() == Some(s.name.as_str()));
    let columns: Vec<String> = match side {
        Some(s) => s
            .columns
            .iter()
            .map(|c| c.label.clone())
            .filter(|c| table.columns.contains(c))
            .collect(),
        None => table.columns.clone(),
    };
    let rules = compiled
        .rules
        .for_row(row.side.as_deref())
        .cloned()
        .collect();
    (columns, rules)
}

/// A failing check one of whose rows had its columns derived from the
/// report's identities, and that another placement of that row's numbers,
/// which the row's own identities allow, makes hold.
fn rearranged(report: &Report, templates: &Templates, check: &Check) -> Vec<String> {
    let mut seen: Vec<&str> = Vec::new();
    for cell in &check.cells {
        let Some((table, row, _)) = cell_at(report, &cell.name) else {
            continue;
        };
        if row.placement != Placement::Derived || seen.contains(&row.key.as_str()) {
            continue;
        }
        seen.push(&row.key);
        let (columns, rules) = row_frame(templates, table, row);
        let mut placed: Vec<(usize, f64)> = row
            .values
            .0
            .iter()
            .filter_map(|(c, v)| columns.iter().position(|x| x == c).map(|i| (i, *v)))
            .collect();
        placed.sort_by_key(|(i, _)| *i);
        let numbers: Vec<Option<f64>> = placed.iter().map(|(_, v)| Some(*v)).collect();
        let now: Vec<usize> = placed.iter().map(|(i, _)| *i).collect();
        let in_row: Vec<(&CheckCell, &str)> = check
            .cells
            .iter()
            .filter_map(|c| {
                let (_, r, column) = cell_at(report, &c.name)?;
                std::ptr::eq(r, row).then_some((c, column))
            })
            .collect();
        let holds_under = |a: &Vec<usize>| {
            let shift: f64 = in_row
                .iter()
                .map(|(c, column)| {
                    c.sign
                        * (value_of(&columns, &numbers, a, column)
                            - row.values.get(column).unwrap_or(0.0))
                })
                .sum();
            Outcome::of_difference(check.difference + shift) != Outcome::Fail
        };
        let other = assignments(numbers.len(), columns.len())
            .into_iter()
            .filter(|a| *a != now)
            .filter(|a| rules.iter().all(|r| satisfies(r, &columns, &numbers, a)))
            .any(|a| holds_under(&a));
        if other {
            return vec![format!(
                "{}[{}]: its columns were derived from identities; another placement its own identities allow makes this hold",
                table.kind, row.key
            )];
        }
    }
    Vec::new()
}

/// A failing check one of whose rows satisfies every identity of the row
/// with its numbers in another column order: the header was read wrong.
fn reordered_row(report: &Report, templates: &Templates, check: &Check) -> Vec<String> {
    let mut seen: Vec<&str> = Vec::new();
    for cell in &check.cells {
        let Some((table, row, _)) = cell_at(report, &cell.name) else {
            continue;
        };
        if seen.contains(&row.key.as_str()) {
            continue;
        }
        seen.push(&row.key);
        let (columns, rules) = row_frame(templates, table, row);
        let rules: Vec<&Rule> = rules.iter().collect();
        if super::column_order::reorder_satisfies(&row.values, &columns, &rules) {
            return vec![format!(
                "{}[{}]: its numbers satisfy every identity of the row in another column order: the columns are in doubt",
                table.kind, row.key
            )];
        }
    }
    Vec::new()
}

/// A failing code-tree sum one of whose members prints, in every column,
/// the very numbers of the row just before it, and that holds without it:
/// a 项 printed by its own digits (`02` under `60`) was taken for a 款, its
/// level — not the report — is in doubt (a parent with one child prints
/// the child's numbers; two siblings printing the same numbers are rare).
fn level_in_doubt(report: &Report, check: &Check) -> Vec<String> {
    if check.kind != CheckKind::Tree {
        return Vec::new();
    }
    let Some((_, parts)) = check.cells.split_first() else {
        return Vec::new();
    };
    parts
        .iter()
        .filter_map(|cell| {
            let (table, row, column) = cell_at(report, &cell.name)?;
            let at = table.rows.iter().position(|r| std::ptr::eq(r, row))?;
            let before = table.rows.get(at.checked_sub(1)?)?;
            let same = !row.values.0.is_empty() && row.values == before.values;
            let without = check.difference - cell.sign * row.values.get(column).unwrap_or(0.0);
            (same && Outcome::of_difference(without) != Outcome::Fail).then(|| {
                format!(
                    "{}[{}] prints the numbers of {} just before it and the sum holds without it: its level (项 or 款) is in doubt",
                    table.kind, row.key, before.key
                )
            })
        })
        .take(1)
        .collect()
}

/// A failing code-tree sum whose difference rows read with doubt right
/// after its parent's children hold (a code printed by its own digits taken
/// for another level: `02` under `2080101` read as the 款 20802, which the
/// table then holds twice): the children as read may be incomplete.
fn children_keyed_elsewhere(report: &Report, check: &Check) -> Vec<String> {
    if check.kind != CheckKind::Tree {
        return Vec::new();
    }
    let Some((table, parent, column)) = check.cells.first().and_then(|c| cell_at(report, &c.name))
    else {
        return Vec::new();
    };
    let Some(code) = parent.code.as_deref() else {
        return Vec::new();
    };
    let twice = |r: &Row| table.rows.iter().filter(|o| o.key == r.key).count() > 1;
    let doubtful = |r: &Row| !r.certain() || twice(r);
    let mut held: Vec<(&Row, i64)> = Vec::new();
    let after = table
        .rows
        .iter()
        .skip_while(|r| !std::ptr::eq(*r, parent))
        .skip(1);
    for r in after {
        let own = r.code.as_deref().is_some_and(|c| c.starts_with(code));
        if own && !doubtful(r) {
            continue;
        }
        if !doubtful(r) {
            break;
        }
        if let Some(v) = r.values.get(column).and_then(cents) {
            held.push((r, v));
        }
    }
    let Some(target) = cents(check.difference) else {
        return Vec::new();
    };
    let values = held.iter().map(|(_, v)| *v);
    if held.is_empty() || !some_sum_near(values, target, ROUNDING_CENTS, MAX_SUMS) {
        return Vec::new();
    }
    let rows: Vec<String> = held
        .iter()
        .map(|(r, _)| crate::cell_name::row_name(&table.kind, &r.key))
        .collect();
    vec![format!(
        "rows read with doubt after {}'s children hold the difference: {}",
        parent.key,
        rows.join(", ")
    )]
}

/// A cross-table check that would hold with a figure printed in another
/// column of one of its rows in place of the cell it reads.
fn columns_swapped(report: &Report, check: &Check) -> Vec<String> {
    if check.kind != CheckKind::CrossTable {
        return Vec::new();
    }
    let wanted = |cell: &CheckCell, v: f64| v - check.difference * cell.sign;
    check
        .cells
        .iter()
        .filter_map(|cell| {
            let (row, column) = row_of_cell(report, &cell.name)?;
            let now = row.values.get(column).unwrap_or(0.0);
            let needed = wanted(cell, now);
            row.values
                .0
                .iter()
                .find(|(c, v)| c != column && Outcome::of_difference(v - needed) != Outcome::Fail)
                .map(|(c, _)| {
                    format!(
                        "{}: the figure that would make it hold is printed under {c}: columns in doubt",
                        cell.name
                    )
                })
        })
        .take(1)
        .collect()
}

/// Member rows whose key two rows of the table share: one of them was
/// misidentified (a wrapped label read as its own row, a code misread).
fn shared_keys(report: &Report, check: &Check) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for cell in &check.cells {
        let Some((table, row, _)) = cell_at(report, &cell.name) else {
            continue;
        };
        let note = format!(
            "{}: two rows read with this key",
            crate::cell_name::row_name(&table.kind, &row.key)
        );
        if table.rows.iter().filter(|r| r.key == row.key).count() > 1 && !out.contains(&note) {
            out.push(note);
        }
    }
    out
}

/// A failing check with the very figures of an unverified one of the same
/// rule and row (another column): the same failure, seen twice, with the
/// same doubt.
fn same_failure_in_doubt(check: &Check, checks: &[Check]) -> Vec<String> {
    checks
        .iter()
        .find(|c| {
            c.outcome == Outcome::Unverified
                && c.rule == check.rule
                && location_row(c) == location_row(check)
                && (c.found - check.found).abs() < 0.005
                && (c.expected - check.expected).abs() < 0.005
        })
        .map(|c| {
            format!(
                "fails with the figures of {}, whose reading is in doubt",
                c.location
            )
        })
        .into_iter()
        .collect()
}

/// The row part of a cell name, `table[row]`.
fn row_of(cell: &str) -> &str {
    cell.rfind('[').and_then(|i| cell.get(..i)).unwrap_or(cell)
}

/// The row a check is about (`table[row]` of its location).
fn location_row(check: &Check) -> &str {
    if check.kind == CheckKind::RowIdentity {
        &check.location
    } else {
        row_of(&check.location)
    }
}

/// True for an inequality: a cell off by some amount may still satisfy it.
fn inequality(check: &Check) -> bool {
    check.rule.contains(">=") || check.rule.contains("<=")
}

/// Whether the cells of one row, printed wrong, explain every failure of
/// `group`: each check holds once the row's cells are corrected (each by
/// the one amount the checks it alone enters ask), and every identity that
/// holds as read still holds after (a wrong cell would break them too).
fn one_wrong_row(group: &[&Check], all: &[Check]) -> bool {
    let Some((first, _)) = group.split_first() else {
        return true;
    };
    let mut rows: Vec<&str> = first.cells.iter().map(|c| row_of(&c.name)).collect();
    rows.dedup();
    rows.into_iter().any(|row| {
        let in_row = |c: &Check| -> Vec<(String, f64)> {
            c.cells
                .iter()
                .filter(|m| row_of(&m.name) == row)
                .map(|m| (m.name.clone(), m.sign))
                .collect()
        };
        // Corrections asked by the checks that hold a single cell of the row.
        let mut corrections: Vec<(String, f64)> = Vec::new();
        for c in group {
            let cells = in_row(c);
            if let [(name, sign)] = cells.as_slice() {
                let delta = -c.difference / sign;
                match corrections.iter().find(|(n, _)| n == name) {
                    Some((_, d)) if (d - delta).abs() > 0.02 + 1e-9 => return false,
                    Some(_) => {}
                    None => corrections.push((name.clone(), delta)),
                }
            }
        }
        let after = |c: &Check| {
            let shift: f64 = in_row(c)
                .iter()
                .map(|(name, sign)| {
                    sign * corrections
                        .iter()
                        .find(|(n, _)| n == name)
                        .map_or(0.0, |(_, d)| *d)
                })
                .sum();
            Outcome::of_difference(c.difference + shift) != Outcome::Fail
        };
        let touched = |c: &Check| {
            c.cells
                .iter()
                .any(|m| corrections.iter().any(|(n, _)| *n == m.name))
        };
        !corrections.is_empty()
            && group.iter().all(|c| after(c))
            && all
                .iter()
                .filter(|c| matches!(c.outcome, Outcome::Pass | Outcome::Rounding))
                .filter(|c| !inequality(c) && touched(c))
                .all(after)
    })
}

/// Whether one row with a child missing (or wrong) explains every failure
/// of `group`: all are sums over rows whose total is that row.
fn one_incomplete_row(group: &[&Check]) -> bool {
    let Some((first, rest)) = group.split_first() else {
        return true;
    };
    let over_rows = |c: &Check| {
        matches!(
            c.kind,
            CheckKind::Tree | CheckKind::ItemSum | CheckKind::SubItemSum | CheckKind::TableIdentity
        )
    };
    over_rows(first)
        && rest
            .iter()
            .all(|c| over_rows(c) && location_row(c) == location_row(first))
}

/// Whether one printed error explains every failure of `group` (a row's
/// cells printed wrong, or a row missing under one parent).
fn one_cause(group: &[&Check], all: &[Check]) -> bool {
    group.len() < 2 || one_incomplete_row(group) || one_wrong_row(group, all)
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
            (!one_cause(&group, checks)).then(|| (t.to_string(), group.len()))
        })
        .collect()
}

/// A failing table check (the self-evaluation's are not read as tables).
fn accusing(check: &Check) -> bool {
    check.outcome == Outcome::Fail && check.kind != CheckKind::SelfEvaluation
}

/// Whether a failure is the rounding of amounts printed in whole 元 (a
/// budget's 合计 rounded, its parts not, as a spreadsheet's `#,##0` format
/// shows 22,118,861.34 as 22,118,861; or a table printed in whole 元 whose
/// cells each round an amount kept to the 分): at most half a 元 per cell
/// printed without decimals.
fn rounded_to_whole_yuan(report: &Report, check: &Check) -> bool {
    let mut whole = 0usize;
    for c in &check.cells {
        let Some((table, row, column)) = cell_at(report, &c.name) else {
            continue;
        };
        let unit = table
            .amount_unit
            .as_deref()
            .or(report.amount_unit.as_deref());
        let Some(v) = row.values.get(column).filter(|_| unit == Some("元")) else {
            continue;
        };
        let printed_whole = row
            .printed
            .iter()
            .any(|p| !p.contains('.') && parse_number(p) == Some(v));
        if printed_whole {
            whole += 1;
        }
    }
    whole > 0 && check.difference.abs() <= 0.5 * whole as f64 + 1e-9
}

/// Turns every failing check that a misreading explains `unverified`.
pub fn weigh(report: &Report, templates: &Templates, checks: &mut [Check]) {
    for check in checks.iter_mut().filter(|c| accusing(c)) {
        if rounded_to_whole_yuan(report, check) {
            check.outcome = Outcome::Rounding;
        }
    }
    // Copies of the checks are read only for accusing checks: most reports
    // have none, and a copy of every check is a large share of this stage.
    let copy = |checks: &[Check]| {
        if checks.iter().any(accusing) {
            checks.to_vec()
        } else {
            Vec::new()
        }
    };
    let as_read: Vec<Check> = copy(checks);
    for check in checks.iter_mut().filter(|c| accusing(c)) {
        let mut reasons = unit_confusion(check);
        reasons.extend(blank_side(check));
        reasons.extend(columns_swapped(report, check));
        reasons.extend(total_restated(check, &as_read));
        reasons.extend(shared_keys(report, check));
        reasons.extend(level_in_doubt(report, check));
        reasons.extend(children_keyed_elsewhere(report, check));
        if reasons.is_empty() {
            reasons = reordered_row(report, templates, check);
        }
        if reasons.is_empty() {
            reasons = rearranged(report, templates, check);
        }
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
    let weighed: Vec<Check> = copy(checks);
    for check in checks.iter_mut().filter(|c| accusing(c)) {
        check.doubt_because(same_failure_in_doubt(check, &weighed));
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
        // The largest amounts a search takes, and more: sums saturate, so
        // none overflows (a saturated sum means nothing, and only amounts
        // past `MAX_CENTS`, which `cents` leaves out, could reach one).
        let max = super::super::cents::MAX_CENTS;
        assert!(movable_to_zero(max, &[max, max, max]));
        assert!(!movable_to_zero(7, &[max, max]));
        let _ = movable_to_zero(i64::MAX, &[i64::MIN, i64::MAX, i64::MAX]);
    }

    #[test]
    fn a_row_part_of_a_cell() {
        assert_eq!(row_of("expenditure[20805][基本支出]"), "expenditure[20805]");
    }
}
