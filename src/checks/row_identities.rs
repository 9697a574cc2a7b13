//! Identities between the columns of each row (the 注 "1栏各行＝（2＋3）栏各行").

use super::alternatives::{holds, unresolved_in_row};
use super::check::{Check, CheckKind, Site};
use crate::report::{Table, Values};
use crate::templates::rule::{Operand, Rule, TemplateRules, Term};

/// Σ sign × value of a rule side over a row's values, and whether any cell is printed.
fn side_sum(terms: &[Term], values: &Values) -> (f64, bool) {
    let mut printed = false;
    let mut total = 0.0;
    for t in terms {
        if let Operand::Label(col) = &t.operand {
            let v = values.get(col);
            printed |= v.is_some();
            total += f64::from(t.sign) * v.unwrap_or(0.0);
        }
    }
    (total, printed)
}

/// `found`, `expected` and whether any cell of the row is printed.
fn sides(rule: &Rule, values: &Values) -> (f64, f64, bool) {
    let (found, p1) = side_sum(&rule.left, values);
    let (expected, p2) = side_sum(&rule.right, values);
    (found, expected, p1 || p2)
}

/// Whether a row identity holds (within rounding) over a row's values.
pub(crate) fn holds_over(rule: &Rule, values: &Values) -> bool {
    let (found, expected, _) = sides(rule, values);
    holds(found - expected, rule.relation)
}

/// Does the table print any column of `terms`? A table that prints only the
/// total (a 部门 budget's 预算数 without 人员经费/公用经费) has no parts to add.
fn prints_any(table: &Table, terms: &[Term]) -> bool {
    terms
        .iter()
        .any(|t| matches!(&t.operand, Operand::Label(c) if table.columns.contains(c)))
}

/// How many of the columns a rule names the table prints.
fn printed_operands(columns: &[String], rule: &Rule) -> usize {
    rule.signed_operands()
        .filter(|(_, op)| matches!(op, Operand::Label(c) if columns.contains(c)))
        .count()
}

/// The rules that apply to a row of a table printing `columns`. A total printed in several
/// forms has one rule per form (合计 = 财政拨款收入 + … where the 财政拨款 is one
/// column, 合计 = 一般公共预算拨款收入 + 政府性基金预算拨款收入 + … where it is
/// split by fund): of the rules with the same left side, the ones naming the
/// most columns the table prints are the form it prints; the others would
/// count the split columns as blank.
pub(crate) fn applicable<'a>(columns: &[String], rules: &[&'a Rule]) -> Vec<&'a Rule> {
    // Each rule's left side and printed operands, worked out once (not once
    // per pair of rules).
    let keyed: Vec<(Vec<String>, usize)> = rules
        .iter()
        .map(|r| {
            let left = r
                .left
                .iter()
                .map(|t| format!("{}{:?}", t.sign, t.operand))
                .collect();
            (left, printed_operands(columns, r))
        })
        .collect();
    rules
        .iter()
        .zip(&keyed)
        .filter(|(_, (left, printed))| {
            let best = keyed
                .iter()
                .filter(|(other, _)| other == left)
                .map(|(_, p)| *p)
                .max()
                .unwrap_or(0);
            *printed == best
        })
        .map(|(r, _)| *r)
        .collect()
}

/// Checks every row against the template's row identities (and its side's).
pub fn check(table: &Table, rules: &TemplateRules, out: &mut Vec<Check>) {
    // The rules that apply depend on the row's side only: worked out once per side.
    let mut by_side: Vec<(Option<&str>, Vec<&Rule>)> = Vec::new();
    for row in &table.rows {
        let side = row.side.as_deref();
        let at = match by_side.iter().position(|(s, _)| *s == side) {
            Some(at) => at,
            None => {
                let own: Vec<&Rule> = rules.for_row(side).collect();
                by_side.push((side, applicable(&table.columns, &own)));
                by_side.len() - 1
            }
        };
        let Some((_, applying)) = by_side.get(at) else {
            continue;
        };
        for &rule in applying {
            let (found, expected, printed) = sides(rule, &row.values);
            if !printed || !prints_any(table, &rule.right) {
                continue;
            }
            let site = Site {
                kind: CheckKind::RowIdentity,
                rule: rule.text.clone(),
                location: crate::cell_name::row_name(&table.kind, &row.key),
                table: table.kind.clone(),
                page: Some(row.page),
            };
            let under = |v: &Values| holds_over(rule, v);
            let cells = rule.signed_operands().filter_map(|(sign, op)| match op {
                Operand::Label(column) => Some(super::check::CheckCell {
                    name: crate::cell_name::cell_name(&table.kind, &row.key, column),
                    sign: sign as f64,
                    printed: row.values.get(column).is_some(),
                }),
                Operand::Cell { .. } => None,
            });
            out.push(
                Check::evaluate(site, found, expected, rule.relation, |_| {
                    unresolved_in_row(row, &table.kind, under)
                })
                .with_cells(cells),
            );
        }
    }
}
