//! Row keys of list tables (../shared/spec/cells.md, budget section): the
//! Jiangsu list-form 收入预算总表 (`<group>/<item>`, the merged group cell
//! carried down), the unlabelled row (`合计`), and the 政府采购预算表
//! (`<category>/<专项>/<经济科目>/<物品>`).

use crate::grammar::RawRow;
use crate::grammar::list_rows::CELL_SEPARATOR;
use crate::grammar::ordinal::{has_ordinal, strip_ordinal};
use crate::templates::{RowKeys, TableTemplate};
use std::collections::HashMap;

/// Keys and row names of a list table's rows.
pub fn list_keys(rows: &[RawRow], template: &TableTemplate) -> Vec<Option<(String, String)>> {
    let keys = match template.row_keys {
        RowKeys::Procurement => procurement_keys(rows, template),
        _ => grouped_list_keys(rows, template),
    };
    number_repeats(keys)
}

fn cells(r: &RawRow) -> Vec<&str> {
    r.label
        .split(CELL_SEPARATOR)
        .filter(|c| !c.is_empty())
        .collect()
}

fn total(template: &TableTemplate, label: &str) -> bool {
    template.total_labels.iter().any(|t| t == label)
}

/// The group each row belongs to when the template names its groups: a
/// group runs from its head (`小计`) to the next head or total, and its name
/// is the known group name printed on any of its lines.
fn known_groups(rows: &[RawRow], template: &TableTemplate) -> Vec<Option<String>> {
    let mut out = vec![None; rows.len()];
    if template.groups.is_empty() {
        return out;
    }
    let starts_block = |r: &RawRow| {
        let c = cells(r);
        c.last()
            .is_some_and(|l| template.group_heads.iter().any(|g| g == l))
            || c.len() == 1 && c.first().is_some_and(|f| total(template, f))
    };
    let mut i = 0;
    while i < rows.len() {
        let end = (i + 1..rows.len())
            .find(|&j| rows.get(j).is_some_and(starts_block))
            .unwrap_or(rows.len());
        let name = rows
            .get(i..end)
            .unwrap_or_default()
            .iter()
            .flat_map(cells)
            .find(|c| template.groups.iter().any(|g| g == c))
            .map(str::to_string);
        for slot in out.get_mut(i..end).unwrap_or_default() {
            slot.clone_from(&name);
        }
        i = end;
    }
    out
}

/// Group heads (`X 小计`) carry X down to the items below; with known group
/// names, each row takes its group's name wherever the merged cell printed it.
fn grouped_list_keys(rows: &[RawRow], template: &TableTemplate) -> Vec<Option<(String, String)>> {
    let known = known_groups(rows, template);
    if known.iter().any(Option::is_some) {
        return rows
            .iter()
            .zip(known)
            .map(|(r, group)| {
                let cells = cells(r);
                match (cells.as_slice(), group) {
                    ([], _) => Some(("合计".to_string(), "合计".to_string())),
                    ([one], _) if total(template, one) => {
                        Some(("合计".to_string(), one.to_string()))
                    }
                    (_, Some(g)) => {
                        let name: String = cells.iter().filter(|c| **c != g).copied().collect();
                        if name.is_empty() {
                            return None;
                        }
                        Some((format!("{g}/{name}"), name))
                    }
                    (_, None) => {
                        let name = cells.concat();
                        Some((name.clone(), name))
                    }
                }
            })
            .collect();
    }
    let mut group: Option<String> = None;
    rows.iter()
        .map(|r| {
            let cells = cells(r);
            match cells.as_slice() {
                [] => Some(("合计".to_string(), "合计".to_string())),
                [one] if total(template, one) => Some(("合计".to_string(), one.to_string())),
                [head, sub] if template.group_heads.iter().any(|g| g == sub) => {
                    group = Some(head.to_string());
                    Some((format!("{head}/{sub}"), sub.to_string()))
                }
                _ => {
                    let name = cells.concat();
                    let key = match &group {
                        Some(g) => format!("{g}/{name}"),
                        None => name.clone(),
                    };
                    Some((key, name))
                }
            }
        })
        .collect()
}

/// Does a cell name how the purchase is organised (the item row's last text cell)?
fn is_procurement_form(cell: &str, template: &TableTemplate) -> bool {
    template
        .item_markers
        .iter()
        .any(|m| cell.contains(m.as_str()))
}

/// Category rows (`一、货物A`), 专项 rows (专项名称, 经济科目) and item rows
/// (物品名称, 采购组织形式).
fn procurement_keys(rows: &[RawRow], template: &TableTemplate) -> Vec<Option<(String, String)>> {
    let mut category = String::new();
    let mut project = String::new();
    let mut project_key = String::new();
    rows.iter()
        .map(|r| {
            let cells = cells(r);
            let first = cells.first().copied().unwrap_or("");
            if cells.is_empty() || (cells.len() == 1 && total(template, first)) {
                return Some((
                    "合计".to_string(),
                    if first.is_empty() { "合计" } else { first }.to_string(),
                ));
            }
            let last = cells.last().copied().unwrap_or("");
            if cells.len() == 1 && has_ordinal(first) {
                category = strip_ordinal(first).to_string();
                project.clear();
                return Some((category.clone(), category.clone()));
            }
            if cells.len() >= 2 && is_procurement_form(last, template) {
                let name = cells.get(..cells.len() - 1).unwrap_or(&[]).concat();
                return Some((format!("{project_key}/{name}"), name));
            }
            let economic = last.to_string();
            if cells.len() >= 2 {
                project = cells.get(..cells.len() - 1).unwrap_or(&[]).concat();
            }
            project_key = format!("{category}/{project}/{economic}");
            Some((project_key.clone(), economic))
        })
        .collect()
}

/// A key met a second time gets `#2`, `#3` in print order.
fn number_repeats(keys: Vec<Option<(String, String)>>) -> Vec<Option<(String, String)>> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    keys.into_iter()
        .map(|k| {
            k.map(|(key, name)| {
                let n = seen.entry(key.clone()).or_insert(0);
                *n += 1;
                if *n > 1 {
                    (format!("{key}#{n}"), name)
                } else {
                    (key, name)
                }
            })
        })
        .collect()
}
