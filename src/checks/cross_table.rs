//! Rules between tables (`table[row][column]` operands), declared under
//! `[[cross]]` in the grammar files. A rule naming an absent table is
//! skipped; a blank cell counts as 0, but a rule one side of which is all
//! blank is skipped.

use super::check::{Check, CheckKind, Site};
use crate::normalise::Report;
use crate::templates::Templates;
use crate::templates::rule::{Operand, Rule, Term, parse_rule};
use std::collections::HashSet;

/// Σ of a side: `None` when a table is absent; the flag says whether any cell was printed.
fn side(report: &Report, terms: &[Term]) -> Option<(f64, bool, Option<u32>)> {
    let mut total = 0.0;
    let mut printed = false;
    let mut page = None;
    for t in terms {
        let Operand::Cell { table, row, column } = &t.operand else {
            return None;
        };
        let (tab, row) = super::sum::table_with_row(report, table, |t| t.row(row))?;
        page = page.or(row.map(|r| r.page)).or(Some(tab.page));
        if let Some(v) = row.and_then(|r| r.values.get(column)) {
            printed = true;
            total += f64::from(t.sign) * v;
        }
    }
    Some((total, printed, page))
}

fn location(rule: &Rule) -> (String, String) {
    match rule.left.first().map(|t| &t.operand) {
        Some(Operand::Cell { table, row, column }) => {
            (format!("{table}[{row}][{column}]"), table.clone())
        }
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
        for def in &compiled.template.cross {
            if !seen.insert(def.rule.clone()) {
                continue;
            }
            let Ok(rule) = parse_rule(&def.rule) else {
                continue;
            };
            let (Some((found, p1, page)), Some((expected, p2, _))) =
                (side(report, &rule.left), side(report, &rule.right))
            else {
                continue;
            };
            // Both sides must print something: a side read as all blank is far
            // more often a table the reader could not place than a zero.
            if !p1 || !p2 {
                continue;
            }
            let (location, table) = location(&rule);
            let site = Site {
                kind: CheckKind::CrossTable,
                rule: def.rule.clone(),
                location,
                table,
                page,
            };
            out.push(Check::evaluate(site, found, expected, rule.relation));
        }
    }
}
