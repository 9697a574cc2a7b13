//! What reading one file produced, in the form that crosses the worker pipe
//! and is kept on disk per file: a serialisable value, so that the parent
//! never needs the full [`Report`] type (which other stages keep extending).

use super::room::Room;
use crate::error::ReadError;
use crate::output::cells::{Cell, cells_with_rows};
use crate::output::printed::printed_text;
use crate::output::rows::{DetailRows, detail_rows};
use crate::report::Report;
use serde::{Deserialize, Serialize};

/// One recognised table, summarised for the `tables` database table and the
/// per-table coverage of `summary.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableInfo {
    /// Canonical kind.
    pub kind: String,
    /// The printed title.
    pub title: String,
    /// The printed table number.
    pub number: Option<u32>,
    /// The page of the title.
    pub page: u32,
    /// The table's amount unit, or the report's.
    pub amount_unit: Option<String>,
    /// Printed with no data (本单位无…).
    pub empty: bool,
    /// Rows read.
    pub rows: usize,
    /// Cells (numbers) read.
    pub cells: usize,
}

/// What a read report says about itself, beyond its cells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportInfo {
    /// The input file's stem: the cells' `report` field.
    pub report: String,
    /// `pdf` or `text`.
    pub input_kind: String,
    /// The reporting unit.
    pub unit: Option<String>,
    /// The fiscal year covered.
    pub year: Option<i32>,
    /// The report's amount unit.
    pub amount_unit: Option<String>,
    /// Pages seen.
    pub pages: u32,
    /// Warnings written into the report JSON.
    pub warnings: usize,
    /// Every recognised table, in printed order.
    pub tables: Vec<TableInfo>,
    /// Checks by outcome and findings (`fail` and `unverified` apart).
    #[serde(default)]
    pub findings: crate::normalise::summary::ReportSummary,
}

/// A report that was read: its description and its cells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extracted {
    /// The description.
    pub info: ReportInfo,
    /// The cells, in table and row order (grouped by table on the worker
    /// pipe: see [`super::cells_wire`]).
    #[serde(
        serialize_with = "super::cells_wire::write",
        deserialize_with = "super::cells_wire::read"
    )]
    pub cells: Vec<Cell>,
    /// Each cell's number as printed (`1,234.50`), parallel to `cells`;
    /// `None` for a value not read from one printed number (absent from
    /// records of older runs).
    #[serde(default)]
    pub printed: Vec<Option<String>>,
    /// Checks, facts, discrepancies, self-evaluation and sections as
    /// database rows (absent from records of older runs).
    #[serde(default)]
    pub details: DetailRows,
}

/// The result of one file: read, or failed with a classified error.
// One per file, moved a few times: the size of the read variant (its
// vectors' headers; the contents are on the heap) costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Read.
    Read(Extracted),
    /// Not read.
    Failed(ReadError),
}

/// Room for the next answer.
static ANSWER_ROOM: Room = Room::new();

/// What reading one file gave, as the worker answers it. The report JSON
/// does not travel with it: the worker writes `reports/<name>.json` itself,
/// so the parent (one process serving every worker) never parses or copies
/// the largest output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileOutcome {
    /// Read or failed.
    pub outcome: Outcome,
    /// True when the worker wrote the file's report JSON where it was asked.
    pub report_written: bool,
    /// The SHA-256 (hex) of the bytes read, when the file could be loaded:
    /// the worker has the bytes, so hashing there costs no second read and
    /// runs in parallel.
    pub sha256: Option<String>,
    /// Pages with text, read or not (a PDF that is not a report still took
    /// its pages' time); 0 when the file could not be opened.
    pub pages: u32,
}

impl FileOutcome {
    /// A failure.
    pub fn failed(error: ReadError) -> Self {
        FileOutcome {
            outcome: Outcome::Failed(error),
            report_written: false,
            sha256: None,
            pages: 0,
        }
    }

    /// The answer a worker sends for this outcome (see [`super::frame`]).
    pub fn to_answer(&self) -> std::io::Result<Vec<u8>> {
        let mut answer = ANSWER_ROOM.buffer();
        rmp_serde::encode::write_named(&mut answer, self).map_err(std::io::Error::other)?;
        ANSWER_ROOM.remember(answer.len());
        Ok(answer)
    }

    /// Reads a worker's answer.
    pub fn from_worker(answer: &[u8]) -> Result<FileOutcome, rmp_serde::decode::Error> {
        rmp_serde::from_slice(answer)
    }
}

/// Summarises a report and takes its cells.
pub fn extracted(report: &Report) -> Extracted {
    let (cells, printed): (Vec<Cell>, Vec<Option<String>>) = cells_with_rows(report)
        .into_iter()
        .map(|(cell, row)| {
            let printed = printed_text(row, &cell.column, cell.value);
            (cell, printed)
        })
        .unzip();
    let tables = report
        .tables
        .iter()
        .map(|t| TableInfo {
            kind: t.kind.clone(),
            title: t.title.clone(),
            number: t.number,
            page: t.page,
            amount_unit: t.amount_unit.clone().or_else(|| report.amount_unit.clone()),
            empty: t.empty,
            rows: t.rows.len(),
            cells: t.rows.iter().map(|r| r.values.0.len()).sum(),
        })
        .collect();
    Extracted {
        info: ReportInfo {
            report: report.report.clone(),
            input_kind: report.input_kind.clone(),
            unit: report.unit.clone(),
            year: report.year,
            amount_unit: report.amount_unit.clone(),
            pages: report.pages,
            warnings: report.warnings.len(),
            tables,
            findings: report.summary,
        },
        cells,
        printed,
        details: detail_rows(report),
    }
}
