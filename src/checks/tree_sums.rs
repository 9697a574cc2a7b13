//! The code tree of coded tables: 合计 = Σ类, 类 = Σ款, 款 = Σ项, per column.
//! A parent is the longest printed code that prefixes the child.

use super::check::{Check, CheckKind, Site};
use super::sum::sum_found;
use super::table_identities::members_found;
use crate::report::{Row, Table};
use crate::templates::TableTemplate;
use crate::templates::rule::Relation;
use rustc_hash::{FxHashMap, FxHashSet};

/// The total row's key in coded tables.
const TOTAL: &str = "合计";

/// Parent → children, in printed order.
pub fn children_of(table: &Table) -> Vec<(String, Vec<String>)> {
    let codes: Vec<&str> = table
        .rows
        .iter()
        .filter_map(|r| r.code.as_deref())
        .collect();
    let printed: FxHashSet<&str> = codes.iter().copied().collect();
    let keys: FxHashSet<&str> = table.rows.iter().map(|r| r.key.as_str()).collect();
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut group_of: FxHashMap<&str, usize> = FxHashMap::default();
    for code in &codes {
        let parent = if code.len() == 3 {
            Some(TOTAL)
        } else {
            longest_printed_prefix(code, &printed)
        };
        let Some(parent) = parent else { continue };
        if !keys.contains(parent) {
            continue;
        }
        match group_of.get(parent).and_then(|&i| out.get_mut(i)) {
            Some((_, kids)) => kids.push(code.to_string()),
            None => {
                group_of.insert(parent, out.len());
                out.push((parent.to_string(), vec![code.to_string()]));
            }
        }
    }
    out
}

/// The longest printed code that is a proper prefix of `code`.
fn longest_printed_prefix<'c>(code: &'c str, printed: &FxHashSet<&str>) -> Option<&'c str> {
    (1..code.len())
        .rev()
        .filter_map(|end| code.get(..end))
        .find(|prefix| printed.contains(prefix))
}

/// A parent row and its children's rows, found once for all the columns.
struct Family<'t> {
    parent: &'t Row,
    kids: Vec<&'t Row>,
    /// The check's rule as printed: `parent = kid + kid …`.
    rule: String,
}

/// Checks each parent against the sum of its children, per column.
pub fn check(table: &Table, template: &TableTemplate, out: &mut Vec<Check>) {
    if !template.tree {
        return;
    }
    for (parent, kids) in children_of(table) {
        let Some(parent_row) = table.row(&parent) else {
            continue;
        };
        let family = Family {
            parent: parent_row,
            kids: kids.iter().filter_map(|k| table.row(k)).collect(),
            rule: format!("{parent} = {}", kids.join(" + ")),
        };
        for column in &table.columns {
            let expected = match sum_found(family.kids.iter().map(|r| (1.0, *r)), column) {
                Some(expected) => expected,
                // Children all blank: a printed parent is still checked (against 0).
                None if family.parent.values.get(column).is_some() => 0.0,
                None => continue,
            };
            push(table, &family, column, expected, out);
        }
    }
}

fn push(table: &Table, family: &Family<'_>, column: &str, expected: f64, out: &mut Vec<Check>) {
    let parent = family.parent;
    let found = parent.values.get(column).unwrap_or(0.0);
    let site = Site {
        kind: CheckKind::Tree,
        rule: family.rule.clone(),
        location: crate::cell_name::cell_name(&table.kind, &parent.key, column),
        table: table.kind.clone(),
        page: Some(parent.page),
    };
    let signed = std::iter::once((1.0, parent)).chain(family.kids.iter().map(|r| (-1.0, *r)));
    let members = members_found(table, signed, column);
    let cells = super::alternatives::cells_of(&members);
    out.push(
        Check::evaluate(site, found, expected, Relation::Eq, |d| {
            super::alternatives::unresolved(&members, d, Relation::Eq)
        })
        .with_cells(cells),
    );
}
