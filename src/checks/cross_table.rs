//! Rules between tables (`table[row][column]` operands), declared under
//! `[[cross]]` in the grammar files. A rule naming an absent table is
//! skipped; a blank cell counts as 0, but a rule one side of which is all
//! blank is skipped.

use super::alternatives::{Member, unresolved};
use super::check::{Check, CheckKind, Site};
use crate::report::Report;
use crate::templates::Templates;
use crate::templates::rule::{Operand, Rule, Term};
use std::collections::HashSet;

/// The sum of one side of a rule, as read.
struct SideSum<'a> {
    total: f64,
    /// Whether any cell was printed.
    printed: bool,
    page: Option<u32>,
    /// The cells, signed as they enter `found − expected` when `sign` is the side's.
    members: Vec<Member<'a>>,
    /// Rows the side names that its table does not hold as read.
    missing: Vec<String>,
}

/// Yuan per printed unit of a table (its own amount unit, else the report's).
fn yuan_per_unit(report: &Report, table: &crate::report::Table) -> f64 {
    table
        .amount_unit
        .as_deref()
        .or(report.amount_unit.as_deref())
        .and_then(crate::facts::amount::yuan_per)
        .unwrap_or(1.0)
}

/// Σ of a side in 元: `None` when a table is absent. `side_sign` is +1 for
/// the left side, −1 for the right. Tables may print different units (a
/// 万元 report with 表5 in 元), so each cell is converted.
fn side<'a>(report: &'a Report, terms: &'a [Term], side_sign: f64) -> Option<SideSum<'a>> {
    let mut sum = SideSum {
        total: 0.0,
        printed: false,
        page: None,
        members: Vec::new(),
        missing: Vec::new(),
    };
    for t in terms {
        let Operand::Cell { table, row, column } = &t.operand else {
            return None;
        };
        let (tab, row) = super::sum::table_with_row(report, table, |t| t.row(row))?;
        sum.page = sum.page.or(row.map(|r| r.page)).or(Some(tab.page));
        if row.is_none() {
            sum.missing.push(format!(
                "{}: row not read",
                crate::cell_name::row_name(&tab.kind, t_row(t))
            ));
        }
        if let Some(r) = row {
            sum.members.push(Member {
                sign: side_sign * f64::from(t.sign),
                row: r,
                table: &tab.kind,
                column,
            });
        }
        if let Some(v) = row.and_then(|r| r.values.get(column)) {
            sum.printed = true;
            sum.total += f64::from(t.sign) * v * yuan_per_unit(report, tab);
        }
    }
    Some(sum)
}

/// The row a cell term names.
fn t_row(t: &Term) -> &str {
    match &t.operand {
        Operand::Cell { row, .. } => row,
        Operand::Label(l) => l,
    }
}

/// The table of the rule's first left-hand cell.
fn first_table<'a>(report: &'a Report, rule: &Rule) -> Option<&'a crate::report::Table> {
    match &rule.left.first()?.operand {
        Operand::Cell { table, row, .. } => {
            super::sum::table_with_row(report, table, |t| t.row(row)).map(|(t, _)| t)
        }
        Operand::Label(_) => None,
    }
}

fn location(rule: &Rule) -> (String, String) {
    match rule.left.first().map(|t| &t.operand) {
        Some(Operand::Cell { table, row, column }) => (
            crate::cell_name::cell_name(table, row, column),
            table.clone(),
        ),
        Some(Operand::Label(l)) => (l.clone(), String::new()),
        None => (String::new(), String::new()),
    }
}

/// Evaluates every distinct cross rule of the templates in force.
pub fn check(report: &Report, templates: &Templates, out: &mut Vec<Check>) {
    let mut seen = HashSet::new();
    let of_report =
        |c: &&crate::templates::CompiledTemplate| c.template.document == report.document;
    for compiled in templates.tables.iter().filter(of_report) {
        for rule in &compiled.rules.cross {
            if !seen.insert(rule.text.clone()) {
                continue;
            }
            let (Some(left), Some(right)) = (
                side(report, &rule.left, 1.0),
                side(report, &rule.right, -1.0),
            ) else {
                continue;
            };
            // Both sides must print something: a side read as all blank is far
            // more often a table the reader could not place than a zero.
            if !left.printed || !right.printed {
                continue;
            }
            let mut members = left.members;
            members.extend(right.members);
            let mut missing = left.missing;
            missing.extend(right.missing);
            // Compared in the left table's printed unit.
            let scale = first_table(report, rule)
                .map(|t| yuan_per_unit(report, t))
                .unwrap_or(1.0);
            let (location, table) = location(rule);
            let cells = super::alternatives::cells_of(&members);
            let site = Site {
                kind: CheckKind::CrossTable,
                rule: rule.text.clone(),
                location,
                table,
                page: left.page,
            };
            out.push(
                Check::evaluate(
                    site,
                    left.total / scale,
                    right.total / scale,
                    rule.relation,
                    |d| {
                        let mut notes = missing;
                        notes.extend(unresolved(&members, d, rule.relation));
                        notes
                    },
                )
                .with_cells(cells),
            );
        }
    }
}
