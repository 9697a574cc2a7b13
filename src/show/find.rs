//! Finding the boxes to show from a report: a cell named TABLE/ROW/COLUMN, a
//! discrepancy's sentence and cell, a check's cell or row.

use super::{Crop, Region, ShowError};
use crate::checks::Check;
use crate::discrepancies::cell_ref;
use crate::provenance::{BBox, Provenance};
use crate::report::Report;

/// Splits `TABLE/ROW/COLUMN`; the row key may itself hold slashes
/// (`收入/一般公共预算财政拨款收入`), so the table is before the first and the
/// column after the last.
pub fn parse_cell(text: &str) -> Option<(String, String, String)> {
    let (table, rest) = text.split_once('/')?;
    let (row, column) = rest.rsplit_once('/')?;
    (!table.is_empty() && !row.is_empty() && !column.is_empty())
        .then(|| (table.to_string(), row.to_string(), column.to_string()))
}

/// A strip crop around a place, with `also` outlined when on the same page.
fn strip(at: &Provenance, also: Option<&Provenance>) -> Option<Crop> {
    let mut boxes = vec![at.bbox?];
    boxes.extend(also.filter(|a| a.page == at.page).and_then(|a| a.bbox));
    Some(Crop {
        page: at.page,
        region: Region::Strip,
        boxes,
    })
}

fn no_box(what: &str) -> ShowError {
    ShowError(format!(
        "{what} has no box on a page (text input has line numbers only, or it was not printed)"
    ))
}

/// The crop of one cell: its number outlined, with its row's label.
pub fn cell_crop(report: &Report, table: &str, row: &str, column: &str) -> Result<Crop, ShowError> {
    let found = report
        .tables
        .iter()
        .filter(|t| t.kind == table)
        .find_map(|t| t.row(row))
        .ok_or_else(|| ShowError(format!("no row {row:?} in a table {table:?}")))?;
    let at = found
        .value_at
        .get(column)
        .ok_or_else(|| ShowError(format!("no value in column {column:?} of {table}/{row}")))?;
    strip(at, found.label_at.as_ref()).ok_or_else(|| no_box("the cell"))
}

/// The crops of discrepancy `k` (1-based, in the report's order): its
/// sentence, then its table cell when it has one.
pub fn discrepancy_crops(report: &Report, k: usize) -> Result<Vec<Crop>, ShowError> {
    let d = k
        .checked_sub(1)
        .and_then(|i| report.discrepancies.get(i))
        .ok_or_else(|| {
            ShowError(format!(
                "no discrepancy {k}: the report has {}",
                report.discrepancies.len()
            ))
        })?;
    let sentence = d.sentence_at.as_ref().and_then(|at| strip(at, None));
    let cell = d.cell_at.as_ref().and_then(|at| strip(at, None));
    let crops: Vec<Crop> = sentence.into_iter().chain(cell).collect();
    if crops.is_empty() {
        return Err(no_box("the discrepancy"));
    }
    Ok(crops)
}

/// The crop of a check's left-hand side: its cell, or for a row identity the whole row.
pub fn check_crop(report: &Report, check: &Check) -> Option<Crop> {
    if let Some(at) = crate::provenance::narrative::cell_place(report, &check.location) {
        return strip(&at, None);
    }
    let (kind, row) = row_reference(&check.location)?;
    let found = report
        .tables
        .iter()
        .filter(|t| t.kind == kind)
        .find_map(|t| t.row(&row))?;
    let places = found
        .label_at
        .iter()
        .chain(found.value_at.0.iter().map(|(_, p)| p));
    let first = found
        .value_at
        .0
        .first()
        .map(|(_, p)| *p)
        .or(found.label_at)?;
    let boxes: Vec<BBox> = places
        .filter(|p| p.page == first.page)
        .filter_map(|p| p.bbox)
        .collect();
    (!boxes.is_empty()).then(|| Crop {
        page: first.page,
        region: Region::Strip,
        boxes,
    })
}

/// Splits `table[row]` (a row identity's location).
fn row_reference(location: &str) -> Option<(String, String)> {
    if cell_ref::parse(location).is_some() {
        return None;
    }
    let (kind, rest) = location.split_once('[')?;
    Some((kind.to_string(), rest.strip_suffix(']')?.to_string()))
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
            row_reference("expenditure[2050199]"),
            Some(("expenditure".into(), "2050199".into()))
        );
    }
}
