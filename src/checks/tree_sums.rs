//! The code tree of coded tables: 合计 = Σ类, 类 = Σ款, 款 = Σ项, per column.
//! A parent is the longest printed code that prefixes the child.

use super::check::{Check, CheckKind, Site};
use super::sum::{SignedRow, is_printed, sum_rows};
use crate::report::Table;
use crate::templates::TableTemplate;
use crate::templates::rule::Relation;

/// The total row's key in coded tables.
const TOTAL: &str = "合计";

/// Parent → children, in printed order.
pub fn children_of(table: &Table) -> Vec<(String, Vec<String>)> {
    let codes: Vec<&str> = table
        .rows
        .iter()
        .filter_map(|r| r.code.as_deref())
        .collect();
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for code in &codes {
        let parent = if code.len() == 3 {
            Some(TOTAL.to_string())
        } else {
            codes
                .iter()
                .filter(|p| p.len() < code.len() && code.starts_with(**p))
                .max_by_key(|p| p.len())
                .map(|p| p.to_string())
        };
        let Some(parent) = parent else { continue };
        if table.row(&parent).is_none() {
            continue;
        }
        match out.iter_mut().find(|(p, _)| *p == parent) {
            Some((_, kids)) => kids.push(code.to_string()),
            None => out.push((parent, vec![code.to_string()])),
        }
    }
    out
}

/// Checks each parent against the sum of its children, per column.
pub fn check(table: &Table, template: &TableTemplate, out: &mut Vec<Check>) {
    if !template.tree {
        return;
    }
    for (parent, kids) in children_of(table) {
        let members: Vec<SignedRow<'_>> = kids
            .iter()
            .map(|k| SignedRow {
                sign: 1.0,
                key: k.as_str(),
            })
            .collect();
        let page = table.row(&parent).map(|r| r.page);
        for column in &table.columns {
            let Some(expected) = sum_rows(table, &members, column) else {
                if is_printed(table, &parent, column) {
                    push(table, &parent, &kids, column, page, 0.0, out);
                }
                continue;
            };
            push(table, &parent, &kids, column, page, expected, out);
        }
    }
}

fn push(
    table: &Table,
    parent: &str,
    kids: &[String],
    column: &str,
    page: Option<u32>,
    expected: f64,
    out: &mut Vec<Check>,
) {
    let found = super::sum::cell_or_zero(table, parent, column);
    let site = Site {
        kind: CheckKind::Tree,
        rule: format!("{parent} = {}", kids.join(" + ")),
        location: format!("{}[{parent}][{column}]", table.kind),
        table: table.kind.clone(),
        page,
    };
    let parent_row = [SignedRow {
        sign: 1.0,
        key: parent,
    }];
    let kid_rows: Vec<SignedRow<'_>> = kids
        .iter()
        .map(|k| SignedRow { sign: 1.0, key: k })
        .collect();
    let members = super::table_identities::members(table, &parent_row, &kid_rows, column);
    let cells = super::alternatives::cells_of(&members);
    out.push(
        Check::evaluate(site, found, expected, Relation::Eq, |d| {
            super::alternatives::unresolved(&members, d, Relation::Eq)
        })
        .with_cells(cells),
    );
}
