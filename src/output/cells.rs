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

/// Writes cells as JSON Lines.
pub fn write_jsonl(cells: &[Cell], out: &mut impl Write) -> std::io::Result<()> {
    for c in cells {
        serde_json::to_writer(&mut *out, c)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
