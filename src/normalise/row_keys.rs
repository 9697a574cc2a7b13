//! Row keys of the cells contract: codes for coded rows, `合计` for totals,
//! `side/label` (ordinal prefix removed, sub-items under their parent) for the
//! two-sided tables.

use crate::grammar::RawRow;
use crate::grammar::coded_rows::is_total_label;
use crate::grammar::ordinal::strip_ordinal;
use crate::templates::{Layout, TableTemplate};

/// The level of a code: 类, 款, 项.
/// Parent items and their sub-items in a two-sided table (`收入/年初结转和结余`
/// over `收入/年初结转和结余/基本支出结转` …), in printed order: the one
/// definition placement's constraints and the checks both use.
pub fn sub_item_groups<'k>(
    keys: impl Iterator<Item = &'k str>,
    is_row: impl Fn(&str) -> bool,
) -> Vec<(String, Vec<String>)> {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for key in keys {
        let Some((parent, _)) = key.rsplit_once('/') else {
            continue;
        };
        if !parent.contains('/') || !is_row(parent) {
            continue;
        }
        match groups.iter_mut().find(|(p, _)| p == parent) {
            Some((_, kids)) => kids.push(key.to_string()),
            None => groups.push((parent.to_string(), vec![key.to_string()])),
        }
    }
    groups
}

pub fn code_level(code: &str, layout: Layout) -> Option<&'static str> {
    match (layout, code.len()) {
        (_, 3) => Some("类"),
        (_, 5) => Some("款"),
        (Layout::Coded, 7) => Some("项"),
        _ => None,
    }
}

/// Keys for every row of a table, `None` for rows that carry no key (an
/// unlabelled two-sided slot with no numbers).
pub fn row_keys(rows: &[RawRow], template: &TableTemplate) -> Vec<Option<(String, String)>> {
    if template.layout == Layout::List {
        return super::list_keys::list_keys(rows, template);
    }
    let mut parent: [Option<String>; 2] = [None, None];
    rows.iter()
        .map(|r| {
            if template.layout == Layout::TwoSided {
                return two_sided_key(r, template, &mut parent);
            }
            if let Some(code) = &r.code {
                return Some((code.clone(), r.label.clone()));
            }
            if is_total_label(&r.label) || template.layout == Layout::SingleRow {
                return Some(("合计".to_string(), r.label.clone()));
            }
            (!r.label.is_empty()).then(|| (r.label.clone(), r.label.clone()))
        })
        .collect()
}

fn two_sided_key(
    r: &RawRow,
    template: &TableTemplate,
    parent: &mut [Option<String>; 2],
) -> Option<(String, String)> {
    let side_name = r.side.clone().unwrap_or_default();
    let side_idx = usize::from(side_name == "支出");
    let side = template.sides.iter().find(|s| s.name == side_name);
    let name = strip_ordinal(&r.label).to_string();
    if name.is_empty() {
        return (!r.numbers.is_empty()).then(|| {
            (
                format!("{side_name}/行次{}", r.line_number.unwrap_or(0)),
                String::new(),
            )
        });
    }
    let slot = parent.get_mut(side_idx)?;
    let is_sub = side.is_some_and(|s| s.sub_items.contains(&name));
    if let (true, Some(p)) = (is_sub, slot.as_ref()) {
        return Some((format!("{side_name}/{p}/{name}"), name));
    }
    *slot = side
        .filter(|s| s.sub_item_parents.contains(&name))
        .map(|_| name.clone());
    let key = side.map_or(name.as_str(), |s| s.key_of(&name));
    Some((format!("{side_name}/{key}"), name))
}
