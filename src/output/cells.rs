//! Cells (../shared/spec/cells.md): one JSON object per table cell that holds
//! a number — the flat, comparable form every accuracy figure is measured on.

use crate::document_kind::DocumentKind;
use crate::output::shared_text;
use crate::report::{Report, Row};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::sync::Arc;

/// One cell of the contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// The input file's stem. Shared by the report's cells (as are `unit`,
    /// `amount_unit` and `table` by a table's): a copy of each per cell was
    /// a sixth of a worker's allocations.
    #[serde(deserialize_with = "shared_text::read")]
    pub report: Arc<str>,
    /// `final_accounts` or `budget`; cells written before the field existed are 决算.
    #[serde(default)]
    pub document: DocumentKind,
    /// The reporting unit, whitespace removed.
    #[serde(default, deserialize_with = "shared_text::read_optional")]
    pub unit: Option<Arc<str>>,
    /// The fiscal year covered.
    pub year: Option<i32>,
    /// 元, 千元 or 万元.
    #[serde(default, deserialize_with = "shared_text::read_optional")]
    pub amount_unit: Option<Arc<str>>,
    /// Canonical table kind.
    #[serde(deserialize_with = "shared_text::read")]
    pub table: Arc<str>,
    /// Row key.
    pub row: String,
    /// The row's label as printed.
    pub row_name: String,
    /// Canonical column label.
    pub column: String,
    /// The number as printed.
    pub value: f64,
    /// Provenance, optional and after the contract's fields: the page the
    /// number is printed on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// The box around the printed number, PDF points, origin bottom-left (PDF input).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bbox: Option<crate::provenance::BBox>,
    /// The number's line in the text file (text input).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

/// The cells of a report, in table and row order. Where a key repeats (a
/// table printed twice), the first wins, matching the report JSON's warning.
pub fn cells(report: &Report) -> Vec<Cell> {
    cells_with_rows(report)
        .into_iter()
        .map(|(cell, _)| cell)
        .collect()
}

/// [`cells`], each with the row it comes from (for outputs that keep more
/// of the row than the contract, such as the number's printed text).
pub fn cells_with_rows(report: &Report) -> Vec<(Cell, &Row)> {
    let mut out = Vec::new();
    // Keys borrowed from the report: three copies per cell were a tenth of
    // a worker's allocations on text input. Membership only (never
    // iterated), so a fast hash is as good as SipHash; sized for the
    // report's values, so it never rehashes.
    let values = report
        .tables
        .iter()
        .map(|t| t.rows.iter().map(|r| r.values.0.len()).sum::<usize>())
        .sum();
    let mut seen: rustc_hash::FxHashSet<(&str, &str, &str)> =
        rustc_hash::FxHashSet::with_capacity_and_hasher(values, Default::default());
    let stem: Arc<str> = Arc::from(report.report.as_str());
    let unit: Option<Arc<str>> = report.unit.as_deref().map(Arc::from);
    let report_unit: Option<Arc<str>> = report.amount_unit.as_deref().map(Arc::from);
    for table in &report.tables {
        let amount_unit = match &table.amount_unit {
            Some(u) => Some(Arc::from(u.as_str())),
            None => report_unit.clone(),
        };
        let kind: Arc<str> = Arc::from(table.kind.as_str());
        for row in &table.rows {
            for (column, value) in &row.values.0 {
                if !seen.insert((table.kind.as_str(), row.key.as_str(), column.as_str())) {
                    continue;
                }
                let at = row.value_at.get(column);
                let cell = Cell {
                    report: Arc::clone(&stem),
                    document: report.document,
                    unit: unit.clone(),
                    year: report.year,
                    amount_unit: amount_unit.clone(),
                    table: Arc::clone(&kind),
                    row: row.key.clone(),
                    row_name: row.name.clone(),
                    column: column.clone(),
                    value: *value,
                    page: at.map(|a| a.page),
                    bbox: at.and_then(|a| a.bbox),
                    line: at.and_then(|a| a.line),
                };
                out.push((cell, row));
            }
        }
    }
    out
}

/// The fields a table's cells share, first in every cell's line (the
/// report, its unit, year and amounts, the table): written once per table
/// and copied, not escaped again for every cell (in the parent of a run
/// the cells' lines were an eighth of its work, most of it escaping these
/// strings). The worker pipe groups cells by the same fields
/// (`batch::cells_wire`).
#[derive(Serialize, PartialEq)]
pub(crate) struct SharedFields<'a> {
    pub(crate) report: &'a str,
    pub(crate) document: DocumentKind,
    pub(crate) unit: Option<&'a str>,
    pub(crate) year: Option<i32>,
    pub(crate) amount_unit: Option<&'a str>,
    pub(crate) table: &'a str,
}

/// The rest of a cell's line, in [`Cell`]'s order and with its omissions.
#[derive(Serialize)]
pub(crate) struct OwnFields<'a> {
    pub(crate) row: &'a str,
    pub(crate) row_name: &'a str,
    pub(crate) column: &'a str,
    pub(crate) value: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) page: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) bbox: Option<crate::provenance::BBox>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) line: Option<u32>,
}

impl<'a> SharedFields<'a> {
    /// The shared fields of `c`, borrowed.
    pub(crate) fn of(c: &'a Cell) -> Self {
        SharedFields {
            report: &c.report,
            document: c.document,
            unit: c.unit.as_deref(),
            year: c.year,
            amount_unit: c.amount_unit.as_deref(),
            table: &c.table,
        }
    }
}

impl<'a> OwnFields<'a> {
    /// The own fields of `c`, borrowed.
    pub(crate) fn of(c: &'a Cell) -> Self {
        OwnFields {
            row: &c.row,
            row_name: &c.row_name,
            column: &c.column,
            value: c.value,
            page: c.page,
            bbox: c.bbox,
            line: c.line,
        }
    }
}

/// Writes cells as JSON Lines, each line what `serde_json::to_writer`
/// writes for the [`Cell`]: the shared fields' JSON (its closing brace
/// dropped) is made again only when they change, then a comma and the
/// cell's own fields' JSON without its opening brace.
pub fn write_jsonl(cells: &[Cell], out: &mut impl Write) -> std::io::Result<()> {
    let mut shared: Vec<u8> = Vec::new();
    let mut shared_of: Option<SharedFields<'_>> = None;
    let mut own: Vec<u8> = Vec::new();
    for c in cells {
        let fields = SharedFields::of(c);
        if shared_of.as_ref() != Some(&fields) {
            shared.clear();
            serde_json::to_writer(&mut shared, &fields)?;
            shared.pop();
            shared_of = Some(fields);
        }
        own.clear();
        serde_json::to_writer(&mut own, &OwnFields::of(c))?;
        out.write_all(&shared)?;
        out.write_all(b",")?;
        out.write_all(own.get(1..).unwrap_or_default())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(report: &str, table: &str, unit: Option<&str>, i: u32) -> Cell {
        Cell {
            report: Arc::from(report),
            document: if i.is_multiple_of(2) {
                DocumentKind::FinalAccounts
            } else {
                DocumentKind::Budget
            },
            unit: unit.map(Arc::from),
            year: (!i.is_multiple_of(3)).then_some(2022),
            amount_unit: (!i.is_multiple_of(4)).then(|| Arc::from("万元")),
            table: Arc::from(table),
            row: format!("收入/\"行\"\\{i}"),
            row_name: "一般公共预算\n财政拨款".to_string(),
            column: "决算数".to_string(),
            value: f64::from(i) * 1.25 - 3.0,
            page: (i.is_multiple_of(2)).then_some(i),
            bbox: (i.is_multiple_of(5))
                .then(|| crate::provenance::BBox::from([1.0, 2.5, 3.25, 4.0])),
            line: (i % 2 == 1).then_some(i + 7),
        }
    }

    /// Every line is what serde_json writes for the cell, whichever of the
    /// shared fields change from one cell to the next.
    #[test]
    fn lines_are_serde_json_lines() {
        let mut cells = Vec::new();
        for i in 0..40u32 {
            let table = if i < 20 {
                "income_expenditure_summary"
            } else {
                "三公"
            };
            let unit = (!i.is_multiple_of(7)).then_some("某某局（机关）");
            cells.push(cell(if i < 30 { "a" } else { "b\u{1}" }, table, unit, i));
        }
        let mut ours = Vec::new();
        write_jsonl(&cells, &mut ours).unwrap();
        let mut plain = Vec::new();
        for c in &cells {
            serde_json::to_writer(&mut plain, c).unwrap();
            plain.push(b'\n');
        }
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            String::from_utf8(plain).unwrap()
        );
    }
}
