//! Two-sided tables: each side's total = Σ its ordinal items printed before
//! it (the 注 "27行＝（1＋2＋…＋8）行", "58行＝（32＋33＋…＋57）行").

use super::alternatives::unresolved;
use super::cents::{cents, some_sum_near};
use super::check::{Check, CheckKind, Site};
use super::sum::{SignedRow, cell_or_zero, is_printed, sum_rows};
use crate::grammar::ordinal::has_ordinal;
use crate::report::{Row, Table};
use crate::templates::TableTemplate;
use crate::templates::rule::Relation;

/// Checks each side's item total, per column of that side.
pub fn check(table: &Table, template: &TableTemplate, out: &mut Vec<Check>) {
    for side in &template.sides {
        let Some(total) = &side.item_total else {
            continue;
        };
        let total_key = format!("{}/{}", side.name, total);
        let Some(total_row) = table.row(&total_key) else {
            continue;
        };
        let mut members = Vec::new();
        // Rows of the side before the total that print numbers but carry no
        // ordinal: a wrapped label may have lost it, so they may be items.
        let mut unnumbered = Vec::new();
        for r in &table.rows {
            if r.key == total_key {
                break;
            }
            if r.side.as_deref() != Some(side.name.as_str()) {
                continue;
            }
            if has_ordinal(&r.label) {
                members.push(r.key.as_str());
            } else if !r.values.0.is_empty() && !is_sub_item(table, &r.key) {
                unnumbered.push(r);
            }
        }
        let signed: Vec<SignedRow<'_>> = members
            .iter()
            .map(|k| SignedRow { sign: 1.0, key: k })
            .collect();
        let rule = format!("{total_key} = Σ {} items", members.len());
        for column in side.columns.iter().map(|c| c.label.as_str()) {
            let expected = sum_rows(table, &signed, column);
            if expected.is_none() && !is_printed(table, &total_key, column) {
                continue;
            }
            let site = Site {
                kind: CheckKind::ItemSum,
                rule: rule.clone(),
                location: crate::cell_name::cell_name(&table.kind, &total_key, column),
                table: table.kind.clone(),
                page: Some(total_row.page),
            };
            let total_side = [SignedRow {
                sign: 1.0,
                key: total_key.as_str(),
            }];
            let cells = super::table_identities::members(table, &total_side, &signed, column);
            let found = cell_or_zero(table, &total_key, column);
            let names = super::alternatives::cells_of(&cells);
            out.push(
                Check::evaluate(site, found, expected.unwrap_or(0.0), Relation::Eq, |d| {
                    let mut notes =
                        super::alternatives::unread(&table.kind, &[], expected.is_none());
                    notes.extend(unresolved(&cells, d, Relation::Eq));
                    notes.extend(unnumbered_items(
                        &table.kind,
                        &unnumbered,
                        column,
                        d,
                        WRAPPED,
                    ));
                    notes
                })
                .with_cells(names),
            );
        }
    }
}

/// Why rows without an ordinal may be items.
const WRAPPED: &str = "rows without an ordinal, perhaps items whose label wrapped,";

/// Why rows named as sub-items outside their parent may be its sub-items.
const STRAYED: &str = "rows after the parent, named as its sub-items or read with doubt,";

/// True when a row is a sub-item (`parent/child` key under a printed parent).
fn is_sub_item(table: &Table, key: &str) -> bool {
    key.rsplit_once('/')
        .is_some_and(|(parent, _)| parent.contains('/') && table.row(parent).is_some())
}

/// A note when rows read without an ordinal (or outside their parent),
/// counted in, make the sum hold (`difference` = total − Σ items as read): their labels lost the
/// ordinal in reading (a wrapped label), so the members are in doubt.
fn unnumbered_items(
    table: &str,
    rows: &[&Row],
    column: &str,
    difference: f64,
    why: &str,
) -> Vec<String> {
    let values: Vec<i64> = rows
        .iter()
        .filter_map(|r| r.values.get(column).and_then(cents))
        .collect();
    let Some(target) = cents(difference) else {
        return Vec::new();
    };
    if values.is_empty() || !some_sum_near(values, target, 2, 20_000) {
        return Vec::new();
    }
    let names: Vec<String> = rows
        .iter()
        .map(|r| crate::cell_name::row_name(table, &r.key))
        .collect();
    vec![format!("{why} hold the difference: {}", names.join(", "))]
}

/// Rows after `parent` on its side keyed outside it but named as one of the
/// side's sub-items, or read with doubt (a wrapped label's piece read as its
/// own row): a fragment or a watermark line between the sub-items broke the
/// run, so these may be the parent's sub-items.
fn strays<'a>(table: &'a Table, template: &TableTemplate, parent: &str) -> Vec<&'a Row> {
    let side = parent.split('/').next().unwrap_or_default();
    let Some(names) = template.sides.iter().find(|s| s.name == side) else {
        return Vec::new();
    };
    let under = format!("{parent}/");
    table
        .rows
        .iter()
        .skip_while(|r| r.key != parent)
        .filter(|r| r.side.as_deref() == Some(side) && !r.key.starts_with(&under))
        .filter(|r| names.sub_items.contains(&r.name) || !r.certain())
        .collect()
}

/// Checks each parent item against the sum of its sub-items (年末结转和结余 =
/// 基本支出结转 + 项目支出结转和结余 …), per column of its side: the identity
/// placement uses, reported too.
pub fn check_sub_items(table: &Table, template: &TableTemplate, out: &mut Vec<Check>) {
    let groups = crate::normalise::row_keys::sub_item_groups(
        table.rows.iter().map(|r| r.key.as_str()),
        |k| table.row(k).is_some(),
    );
    for (parent, kids) in &groups {
        let side = parent.split('/').next().unwrap_or_default();
        let Some(parent_row) = table.row(parent) else {
            continue;
        };
        let signed: Vec<SignedRow<'_>> = kids
            .iter()
            .map(|k| SignedRow { sign: 1.0, key: k })
            .collect();
        let columns = template
            .sides
            .iter()
            .filter(|s| s.name == side)
            .flat_map(|s| s.columns.iter().map(|c| c.label.as_str()));
        for column in columns {
            let expected = sum_rows(table, &signed, column);
            if expected.is_none() || !is_printed(table, parent, column) {
                continue;
            }
            let site = Site {
                kind: CheckKind::SubItemSum,
                rule: format!("{parent} = {}", kids.join(" + ")),
                location: crate::cell_name::cell_name(&table.kind, parent, column),
                table: table.kind.clone(),
                page: Some(parent_row.page),
            };
            let parent_side = [SignedRow {
                sign: 1.0,
                key: parent.as_str(),
            }];
            let cells = super::table_identities::members(table, &parent_side, &signed, column);
            let names = super::alternatives::cells_of(&cells);
            let strays = strays(table, template, parent);
            out.push(
                Check::evaluate(
                    site,
                    cell_or_zero(table, parent, column),
                    expected.unwrap_or(0.0),
                    Relation::Eq,
                    |d| {
                        let mut notes = unresolved(&cells, d, Relation::Eq);
                        notes.extend(unnumbered_items(&table.kind, &strays, column, d, STRAYED));
                        notes
                    },
                )
                .with_cells(names),
            );
        }
    }
}
