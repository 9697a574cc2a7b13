//! Identities between the columns of each row (the 注 "1栏各行＝（2＋3）栏各行").

use super::check::{Check, CheckKind, Site};
use crate::normalise::{Row, Table};
use crate::templates::TableTemplate;
use crate::templates::rule::{Operand, parse_rule};

fn value(row: &Row, column: &str) -> Option<f64> {
    row.values.get(column)
}

/// Does the table print any column of `terms`? A table that prints only the
/// total (a 部门 budget's 预算数 without 人员经费/公用经费) has no parts to add.
fn prints_any(table: &Table, terms: &[crate::templates::rule::Term]) -> bool {
    terms
        .iter()
        .any(|t| matches!(&t.operand, Operand::Label(c) if table.columns.contains(c)))
}

/// Checks every row against the template's row identities (and its side's).
pub fn check(table: &Table, template: &TableTemplate, out: &mut Vec<Check>) {
    for row in &table.rows {
        let side_rules = template
            .sides
            .iter()
            .filter(|s| row.side.as_deref() == Some(s.name.as_str()))
            .flat_map(|s| s.row_identities.iter());
        for text in template.row_identities.iter().chain(side_rules) {
            let Ok(rule) = parse_rule(text) else { continue };
            let mut printed = false;
            let mut side_sum = |terms: &[crate::templates::rule::Term]| {
                terms
                    .iter()
                    .map(|t| match &t.operand {
                        Operand::Label(col) => {
                            let v = value(row, col);
                            printed |= v.is_some();
                            f64::from(t.sign) * v.unwrap_or(0.0)
                        }
                        Operand::Cell { .. } => 0.0,
                    })
                    .sum::<f64>()
            };
            let found = side_sum(&rule.left);
            let expected = side_sum(&rule.right);
            if !printed || !prints_any(table, &rule.right) {
                continue;
            }
            let site = Site {
                kind: CheckKind::RowIdentity,
                rule: text.clone(),
                location: format!("{}[{}]", table.kind, row.key),
                table: table.kind.clone(),
                page: Some(row.page),
            };
            out.push(Check::evaluate(site, found, expected, rule.relation));
        }
    }
}
