//! One discrepancy: plain serialisable data, like a check.

use serde::Serialize;

/// What disagrees with what.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DiscrepancyKind {
    /// A narrative figure differs from the table cell it describes.
    Figure,
    /// A printed percentage differs from the one its own figures give.
    Percentage,
    /// A figure of the performance self-evaluation differs from the tables.
    SelfEvaluation,
}

/// A figure that disagrees with its source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Discrepancy {
    /// What disagrees with what.
    pub kind: DiscrepancyKind,
    /// The canonical fact name.
    pub fact: String,
    /// The fact's item, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// The figure as the narrative (or self-evaluation) states it.
    pub narrative_value: f64,
    /// The table's figure in the narrative's unit, or the recomputed percentage.
    pub table_value: f64,
    /// `narrative_value − table_value`, rounded to 4 decimals.
    pub difference: f64,
    /// The unit both values are in.
    pub unit: String,
    /// The sentence (or self-evaluation row) stating the figure.
    pub sentence: String,
    /// The page of the sentence.
    pub page: u32,
    /// The table cell, `table[row][column]`, or the formula of a recomputed percentage.
    pub cell: String,
    /// The page of the table cell, when one is involved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell_page: Option<u32>,
    /// What the difference looks like (a percentage truncated rather than
    /// rounded, a one-cent difference), to tell sloppiness from error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where the sentence is printed: page and box (PDF) or line (text);
    /// filled by [`crate::provenance::narrative`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence_at: Option<crate::provenance::Provenance>,
    /// Where the table cell's number is printed, when one is involved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell_at: Option<crate::provenance::Provenance>,
    /// For an unverified discrepancy: the cells read with doubt (`table[row]: reason`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub doubt: Vec<String>,
}
