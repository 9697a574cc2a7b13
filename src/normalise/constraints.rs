//! The report's identities as constraints over cells, for placement: code-tree
//! sums, item sums of the two-sided tables, each table's own identities and the
//! cross-table rules, all read from `grammars/`.

use super::draft::Draft;
use super::solver::{Constraint, Term};
use crate::grammar::ordinal::has_ordinal;
use crate::templates::Layout;
use crate::templates::rule::{Operand, Relation, Rule};

fn tolerance(terms: usize) -> i64 {
    2 + (terms / 4) as i64
}

fn sum_constraint(
    drafts: &[Draft],
    t: usize,
    total: &str,
    members: &[String],
    column: &str,
) -> Option<Constraint> {
    let d = drafts.get(t)?;
    let mut terms = Vec::new();
    let mut push = |key: &str, sign: i64| {
        if let Some(slot) = d.slot_of(key) {
            terms.push(Term {
                slot,
                column: column.to_string(),
                sign,
            });
        }
    };
    push(total, 1);
    for m in members {
        push(m, -1);
    }
    (!terms.is_empty()).then(|| Constraint {
        tolerance: tolerance(members.len() + 1),
        terms,
        constant: 0,
        relation: Relation::Eq,
    })
}

/// 合计 = Σ类, 类 = Σ款, 款 = Σ项, per column.
fn tree(drafts: &[Draft], t: usize, out: &mut Vec<Constraint>) {
    let Some(d) = drafts.get(t) else { return };
    if !d.template.tree || d.template.layout != Layout::Coded {
        return;
    }
    let codes: Vec<&str> = d
        .table
        .rows
        .iter()
        .filter_map(|r| r.code.as_deref())
        .collect();
    let mut children: Vec<(String, Vec<String>)> = Vec::new();
    for code in &codes {
        let parent = match code.len() {
            3 => "合计".to_string(),
            n => codes
                .iter()
                .filter(|p| p.len() < n && code.starts_with(**p))
                .max_by_key(|p| p.len())
                .map(|p| p.to_string())
                .unwrap_or_default(),
        };
        if parent.is_empty() || !d.key_index.contains_key(&parent) {
            continue;
        }
        match children.iter_mut().find(|(p, _)| *p == parent) {
            Some((_, list)) => list.push(code.to_string()),
            None => children.push((parent, vec![code.to_string()])),
        }
    }
    for (parent, kids) in &children {
        for column in &d.table.columns {
            out.extend(sum_constraint(drafts, t, parent, kids, column));
        }
    }
}

/// The side's total = Σ its ordinal items printed before it.
fn item_sums(drafts: &[Draft], t: usize, out: &mut Vec<Constraint>) {
    let Some(d) = drafts.get(t) else { return };
    for side in &d.template.sides {
        let Some(total) = &side.item_total else {
            continue;
        };
        let total_key = format!("{}/{}", side.name, total);
        let mut members = Vec::new();
        for r in &d.table.rows {
            if r.key == total_key {
                break;
            }
            if r.side.as_deref() == Some(side.name.as_str()) && has_ordinal(&r.label) {
                members.push(r.key.clone());
            }
        }
        for column in side.columns.iter().map(|c| &c.label) {
            out.extend(sum_constraint(drafts, t, &total_key, &members, column));
        }
    }
}

/// A parent item = Σ its sub-items (年末财政拨款结转和结余 = its three funds), per column.
fn sub_item_sums(drafts: &[Draft], t: usize, out: &mut Vec<Constraint>) {
    let Some(d) = drafts.get(t) else { return };
    let groups =
        super::row_keys::sub_item_groups(d.table.rows.iter().map(|r| r.key.as_str()), |k| {
            d.key_index.contains_key(k)
        });
    for (parent, kids) in &groups {
        let side = parent.split('/').next().unwrap_or_default();
        let columns = d
            .template
            .sides
            .iter()
            .filter(|s| s.name == side)
            .flat_map(|s| s.columns.iter().map(|c| &c.label));
        for column in columns {
            out.extend(sum_constraint(drafts, t, parent, kids, column));
        }
    }
}

/// A table identity (operands are row keys) for each column.
fn table_identities(drafts: &[Draft], t: usize, out: &mut Vec<Constraint>) {
    let Some(d) = drafts.get(t) else { return };
    for rule in &d.rules.identities {
        for column in &d.table.columns {
            let mut terms = Vec::new();
            for (sign, operand) in rule.signed_operands() {
                if let Operand::Label(key) = operand
                    && let Some(slot) = d.slot_of(key)
                {
                    terms.push(Term {
                        slot,
                        column: column.clone(),
                        sign,
                    });
                }
            }
            if !terms.is_empty() {
                out.push(Constraint {
                    tolerance: tolerance(terms.len()),
                    terms,
                    constant: 0,
                    relation: rule.relation,
                });
            }
        }
    }
}

/// A rule across tables printed in different amount units (表7 in 元 beside
/// 表4 in 万元) compares unlike figures: it places nothing.
fn cross_rule(drafts: &[Draft], rule: &Rule) -> Option<Constraint> {
    let mut terms = Vec::new();
    let mut unit: Option<&str> = None;
    for (sign, operand) in rule.signed_operands() {
        let Operand::Cell { table, row, column } = operand else {
            return None;
        };
        let d = drafts.iter().find(|d| &d.table.kind == table)?;
        if let Some(u) = d.table.amount_unit.as_deref() {
            if unit.is_some_and(|v| v != u) {
                return None;
            }
            unit = Some(u);
        }
        if let Some(slot) = d.slot_of(row) {
            terms.push(Term {
                slot,
                column: column.clone(),
                sign,
            });
        }
    }
    (!terms.is_empty()).then(|| Constraint {
        tolerance: tolerance(terms.len()),
        terms,
        constant: 0,
        relation: rule.relation,
    })
}

/// A cross rule equating a coded table's 合计 with the 总计 of a two-sided
/// table's class-listing side (`gov_fund[合计][合计] =
/// fiscal_grant_summary[支出/总计][政府性基金预算财政拨款]`) holds class by class
/// as well: each 类 row of the coded table equals the same-named class row of
/// that side, in the same columns. Those per-class equalities place a class
/// row's lone figure in its fund's column.
fn class_rows(drafts: &[Draft], rule: &Rule, out: &mut Vec<Constraint>) {
    if rule.relation != Relation::Eq {
        return;
    }
    let cells: Vec<(i64, &String, &String, &String)> = rule
        .signed_operands()
        .filter_map(|(sign, operand)| match operand {
            Operand::Cell { table, row, column } => Some((sign, table, row, column)),
            Operand::Label(_) => None,
        })
        .collect();
    let [a, b] = cells.as_slice() else { return };
    for ((_, coded, total, coded_column), (_, listing, grand, listing_column)) in [(a, b), (b, a)] {
        let (Some(c), Some(l)) = (
            drafts.iter().find(|d| &d.table.kind == *coded),
            drafts.iter().find(|d| &d.table.kind == *listing),
        ) else {
            continue;
        };
        let Some((side, _)) = grand.split_once('/') else {
            continue;
        };
        let lists_classes = l
            .template
            .sides
            .iter()
            .any(|s| s.name == side && s.class_items);
        if c.template.layout != Layout::Coded || total.as_str() != "合计" || !lists_classes {
            continue;
        }
        if c.table.amount_unit != l.table.amount_unit {
            continue;
        }
        for row in c
            .table
            .rows
            .iter()
            .filter(|r| r.code.as_ref().is_some_and(|k| k.len() == 3))
        {
            let key = format!("{side}/{}", row.name);
            let (Some(cs), Some(ls)) = (c.slot_of(&row.key), l.slot_of(&key)) else {
                continue;
            };
            out.push(Constraint {
                tolerance: tolerance(2),
                terms: vec![
                    Term {
                        slot: cs,
                        column: coded_column.to_string(),
                        sign: 1,
                    },
                    Term {
                        slot: ls,
                        column: listing_column.to_string(),
                        sign: -1,
                    },
                ],
                constant: 0,
                relation: Relation::Eq,
            });
        }
    }
}

/// Every constraint of the report.
pub fn all_constraints(drafts: &[Draft]) -> Vec<Constraint> {
    let mut out = Vec::new();
    for t in 0..drafts.len() {
        tree(drafts, t, &mut out);
        item_sums(drafts, t, &mut out);
        sub_item_sums(drafts, t, &mut out);
        table_identities(drafts, t, &mut out);
    }
    let mut seen = rustc_hash::FxHashSet::default();
    for d in drafts {
        for rule in &d.rules.cross {
            if seen.insert(rule.text.as_str()) {
                out.extend(cross_rule(drafts, rule));
                class_rows(drafts, rule, &mut out);
            }
        }
    }
    out
}
