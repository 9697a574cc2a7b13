//! One row of a comparison, and how rows are sorted.

use serde::Serialize;
use std::cmp::Ordering;

/// A figure of one report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompareRow {
    /// The reporting unit (部门/单位).
    pub unit: String,
    /// The fiscal year.
    pub year: Option<i64>,
    /// The report's file stem.
    pub report: String,
    /// The fact's item or the cell's row name, when there is one.
    pub item: String,
    /// The value.
    pub value: f64,
    /// Its unit (万元, %, 个 …).
    pub value_unit: String,
    /// The page it was read from.
    pub page: Option<i64>,
    /// `final_accounts` or `budget`.
    pub document: String,
}

/// Converts every amount to one unit (`万元`, `千元`, `元`) so that rows of
/// reports printed in different units compare; other units are left alone.
pub fn to_amount_unit(rows: &mut [CompareRow], unit: &str) {
    for r in rows {
        if let Some(v) = crate::facts::amount::convert(r.value, &r.value_unit, unit) {
            r.value = (v * 1e6).round() / 1e6;
            r.value_unit = unit.to_string();
        }
    }
}

/// What to sort by; descending when written with a leading `-`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortKey {
    /// `unit`, `year`, `report`, `item` or `value`.
    pub field: String,
    /// Largest first.
    pub descending: bool,
}

impl SortKey {
    /// Parses `value`, `-value`, `year` …; `None` for an unknown field.
    pub fn parse(text: &str) -> Option<SortKey> {
        let (descending, field) = match text.strip_prefix('-') {
            Some(f) => (true, f),
            None => (false, text),
        };
        ["unit", "year", "report", "item", "value"]
            .contains(&field)
            .then(|| SortKey {
                field: field.to_string(),
                descending,
            })
    }
}

fn by(key: &SortKey, a: &CompareRow, b: &CompareRow) -> Ordering {
    let o = match key.field.as_str() {
        "year" => a.year.cmp(&b.year),
        "report" => a.report.cmp(&b.report),
        "item" => a.item.cmp(&b.item),
        "value" => a.value.total_cmp(&b.value),
        _ => a.unit.cmp(&b.unit),
    };
    if key.descending { o.reverse() } else { o }
}

/// Sorts by the key, then by unit and year so the order is stable.
pub fn sort_rows(rows: &mut [CompareRow], key: &SortKey) {
    rows.sort_by(|a, b| {
        by(key, a, b)
            .then_with(|| a.unit.cmp(&b.unit))
            .then_with(|| a.year.cmp(&b.year))
            .then_with(|| a.item.cmp(&b.item))
    });
}
