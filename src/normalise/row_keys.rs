//! Row keys of the cells contract: codes for coded rows, `合计` for totals,
//! `side/label` (ordinal prefix removed, sub-items under their parent) for the
//! two-sided tables.

use crate::grammar::RawRow;
use crate::grammar::coded_rows::TOTAL_LABELS;
use crate::grammar::ordinal::strip_ordinal;
use crate::templates::{Layout, TableTemplate};

/// The level of a code: 类, 款, 项.
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
            if TOTAL_LABELS.contains(&r.label.as_str()) || template.layout == Layout::SingleRow {
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
