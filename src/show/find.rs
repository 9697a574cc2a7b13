//! Finding the boxes to show in a report JSON (`OUT/reports/<name>.json`, or
//! a report just read and serialised): a cell named TABLE/ROW/COLUMN, a
//! discrepancy's sentence and cell, a check's cell or row. Working on the
//! JSON lets the `show` command and the run's site share one lookup.

use super::report_json::{DiscrepancyJson, ReportJson};
use super::{Crop, Region, ShowError};
use crate::provenance::{BBox, Provenance};

/// Splits `TABLE/ROW/COLUMN`; the row key may itself hold slashes
/// (`收入/一般公共预算财政拨款收入`), so the table is before the first and the
/// column after the last.
pub fn parse_cell(text: &str) -> Option<(String, String, String)> {
    let (table, rest) = text.split_once('/')?;
    let (row, column) = rest.rsplit_once('/')?;
    (!table.is_empty() && !row.is_empty() && !column.is_empty())
        .then(|| (table.to_string(), row.to_string(), column.to_string()))
}

/// Splits `table[row][column]` or `table[row]` (a check's or discrepancy's location).
fn parse_location(location: &str) -> Option<(String, String, Option<String>)> {
    let (table, rest) = location.split_once('[')?;
    let rest = rest.strip_suffix(']')?;
    match rest.rsplit_once("][") {
        Some((row, column)) => Some((table.into(), row.into(), Some(column.into()))),
        None => Some((table.into(), rest.into(), None)),
    }
}

/// A crop around a place, with `also` outlined (and in view) when on the
/// same page.
fn strip(at: &Provenance, also: Option<&Provenance>) -> Option<Crop> {
    let mut boxes = vec![at.bbox?];
    boxes.extend(also.filter(|a| a.page == at.page).and_then(|a| a.bbox));
    Some(Crop {
        page: at.page,
        region: Region::Around,
        boxes,
    })
}

fn no_box(what: &str) -> ShowError {
    ShowError(format!(
        "{what} has no box on a page (text input has line numbers only, or it was not printed)"
    ))
}

/// The crop of one cell: its number outlined, with its row's label.
pub fn cell_crop(
    report: &ReportJson,
    table: &str,
    row: &str,
    column: &str,
) -> Result<Crop, ShowError> {
    let found = report
        .find_row(table, row)
        .ok_or_else(|| ShowError(format!("no row {row:?} in a table {table:?}")))?;
    let at = found
        .value_at
        .get(column)
        .ok_or_else(|| ShowError(format!("no value in column {column:?} of {table}/{row}")))?;
    strip(at, found.label_at.as_ref()).ok_or_else(|| no_box("the cell"))
}

/// A discrepancy's two crops: its sentence, and its table cell.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DiscrepancyCrops {
    /// The narrative sentence (PDF input).
    pub sentence: Option<Crop>,
    /// The table cell, when one is involved (PDF input).
    pub cell: Option<Crop>,
}

/// The crops of a discrepancy object of a report JSON; the cell's crop
/// holds its row's label when the report has the row.
pub fn crops_of_discrepancy(report: &ReportJson, d: &DiscrepancyJson) -> DiscrepancyCrops {
    let label = parse_location(d.cell.as_str())
        .and_then(|(table, row, _)| report.find_row(&table, &row))
        .and_then(|row| row.label_at);
    DiscrepancyCrops {
        sentence: d.sentence_at.and_then(|at| strip(&at, None)),
        cell: d.cell_at.and_then(|at| strip(&at, label.as_ref())),
    }
}

/// The crops of discrepancy `k` (1-based, in the report's order): its
/// sentence, then its table cell when it has one.
pub fn discrepancy_crops(report: &ReportJson, k: usize) -> Result<Vec<Crop>, ShowError> {
    let all = &report.discrepancies;
    let d = k
        .checked_sub(1)
        .and_then(|i| all.get(i))
        .ok_or_else(|| ShowError(format!("no discrepancy {k}: the report has {}", all.len())))?;
    let c = crops_of_discrepancy(report, d);
    let crops: Vec<Crop> = c.sentence.into_iter().chain(c.cell).collect();
    if crops.is_empty() {
        return Err(no_box("the discrepancy"));
    }
    Ok(crops)
}

/// The crop of a check object's left-hand side: its cell, or for a row
/// identity (`table[row]`) the whole row.
pub fn check_crop(report: &ReportJson, location: &str) -> Option<Crop> {
    let (table, row, column) = parse_location(location)?;
    let found = report.find_row(&table, &row)?;
    let label = found.label_at;
    if let Some(column) = column {
        let at = found.value_at.get(&column)?;
        return strip(at, label.as_ref());
    }
    let values: Vec<Provenance> = found.value_at.0.iter().map(|(_, p)| *p).collect();
    let first = values.first().copied().or(label)?;
    let boxes: Vec<BBox> = label
        .iter()
        .chain(&values)
        .filter(|p| p.page == first.page)
        .filter_map(|p| p.bbox)
        .collect();
    (!boxes.is_empty()).then_some(Crop {
        page: first.page,
        region: Region::Around,
        boxes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names_keep_slashes_in_row_keys() {
        assert_eq!(
            parse_cell("income_expenditure_summary/收入/一般公共预算财政拨款收入/决算数"),
            Some((
                "income_expenditure_summary".into(),
                "收入/一般公共预算财政拨款收入".into(),
                "决算数".into()
            ))
        );
        assert_eq!(parse_cell("expenditure/合计"), None);
        assert_eq!(
            parse_location("expenditure[2050199]"),
            Some(("expenditure".into(), "2050199".into(), None))
        );
        assert_eq!(
            parse_location("income[合计][本年收入合计]"),
            Some(("income".into(), "合计".into(), Some("本年收入合计".into())))
        );
    }

    #[test]
    fn a_cell_is_found_with_its_label_on_its_page() {
        let report: ReportJson = serde_json::from_value(
            serde_json::json!({"tables": [{"kind": "income", "rows": [{"key": "合计",
            "label_at": {"page": 3, "bbox": [10.0, 700.0, 40.0, 710.0]},
            "value_at": {"本年收入合计": {"page": 3, "bbox": [200.0, 700.0, 240.0, 710.0]}}}]}]}),
        )
        .unwrap();
        let crop = cell_crop(&report, "income", "合计", "本年收入合计");
        assert_eq!(crop.map(|c| (c.page, c.boxes.len())), Ok((3, 2)));
        assert_eq!(
            check_crop(&report, "income[合计]").map(|c| c.boxes.len()),
            Some(2)
        );
    }
}
