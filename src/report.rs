//! The report: what `extract` writes as JSON per report and what `cells`
//! flattens. Plain data, serialisable, with a JSON Schema in `schema/`. It has
//! a module of its own because several stages fill it: the normaliser its
//! tables, then checks, facts, discrepancies, self-evaluation and profile.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// How sure the pipeline is of where a row's numbers belong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    /// As many numbers as columns, or positions under the header (PDF).
    Printed,
    /// Decided by the report's identities: exactly one placement satisfies them.
    Derived,
    /// Several placements satisfy every identity; the first was taken and a warning written.
    Ambiguous,
}

/// A row's values in column order, serialised as a JSON object.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Values(pub Vec<(String, f64)>);

impl Serialize for Values {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl Values {
    /// The value of a column, if printed.
    pub fn get(&self, column: &str) -> Option<f64> {
        self.0.iter().find(|(k, _)| k == column).map(|(_, v)| *v)
    }
}

/// One normalised row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// The row key of the cells contract.
    pub key: String,
    /// The 科目 code, when the row has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// 类, 款 or 项 for coded rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// The label as printed (wrapped pieces joined, whitespace removed).
    pub label: String,
    /// The label without its ordinal prefix: the contract's `row_name`.
    pub name: String,
    /// `收入`/`支出` in two-sided tables.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub side: Option<String>,
    /// The printed 行次.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line_number: Option<u32>,
    /// The page the row starts on.
    pub page: u32,
    /// Values by canonical column.
    pub values: Values,
    /// The numbers as printed, in order (dashes included).
    pub printed: Vec<String>,
    /// How the numbers were placed.
    pub placement: Placement,
    /// Where the label (with the code) is printed: page and box (PDF) or line (text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label_at: Option<crate::provenance::Provenance>,
    /// Where each value is printed, by canonical column (the cells' `page`, `bbox`, `line`).
    #[serde(skip_serializing_if = "crate::provenance::Places::is_empty")]
    pub value_at: crate::provenance::Places,
    /// Where each printed number stands, parallel to `printed` (placement
    /// turns these into `value_at`).
    #[serde(skip)]
    pub printed_at: Vec<Option<crate::provenance::Provenance>>,
    /// Why the reading of this row is in doubt (empty when read with certainty);
    /// an ambiguous placement is listed here too.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub doubt: Vec<crate::doubt::Doubt>,
    /// The columns the doubt concerns, when it concerns only some (an ambiguous
    /// placement whose candidates agree on the other columns); empty means all.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub doubt_columns: Vec<String>,
    /// For a row whose placement is in doubt: every other reading of its
    /// numbers the row admits, so that a check can tell a failure under
    /// every reading (the report's error) from one our choice may cause.
    #[serde(skip)]
    pub alternatives: Vec<Values>,
}

#[cfg(test)]
impl Row {
    /// A row for tests: key, label and name `label`, page 1, read from its
    /// printed place, nothing else; tests set what they need on top.
    pub(crate) fn labelled(label: &str) -> Row {
        Row {
            key: label.into(),
            code: None,
            level: None,
            label: label.into(),
            name: label.into(),
            side: None,
            line_number: None,
            page: 1,
            values: Values::default(),
            printed: Vec::new(),
            placement: Placement::Printed,
            label_at: None,
            value_at: crate::provenance::Places::default(),
            printed_at: Vec::new(),
            doubt: Vec::new(),
            doubt_columns: Vec::new(),
            alternatives: Vec::new(),
        }
    }
}

impl Row {
    /// True when the row's numbers were read with certainty.
    pub fn certain(&self) -> bool {
        self.doubt.is_empty() && self.placement != Placement::Ambiguous
    }

    /// True when `column` (any column when `None`) was read with certainty.
    pub fn certain_in(&self, column: Option<&str>) -> bool {
        if self.certain() {
            return true;
        }
        match column {
            Some(c) => !self.doubt_columns.is_empty() && !self.doubt_columns.iter().any(|d| d == c),
            None => false,
        }
    }

    /// `table[key]: reason, reason` when the row (or `column` of it, when
    /// given) is in doubt, for checks and discrepancies to cite.
    pub fn doubt_note(&self, table: &str, column: Option<&str>) -> Option<String> {
        if self.certain_in(column) {
            return None;
        }
        let mut reasons: Vec<&str> = self.doubt.iter().map(|d| d.as_str()).collect();
        if self.placement == Placement::Ambiguous
            && !self
                .doubt
                .contains(&crate::doubt::Doubt::AmbiguousPlacement)
        {
            reasons.insert(0, "ambiguous_placement");
        }
        Some(format!(
            "{}: {}",
            crate::cell_name::row_name(table, &self.key),
            reasons.join(", ")
        ))
    }
}

/// One normalised table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// Canonical kind.
    pub kind: String,
    /// The grammar variant that matched, when not the main template.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// The printed title.
    pub title: String,
    /// The printed table number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// The page of the title.
    pub page: u32,
    /// The amount unit printed above the table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount_unit: Option<String>,
    /// Canonical labels of the printed columns, left to right (both sides for two-sided tables).
    pub columns: Vec<String>,
    /// True when the table is printed with no data (本单位无…).
    pub empty: bool,
    /// Rows in printed order.
    pub rows: Vec<Row>,
    /// 注 lines.
    pub notes: Vec<String>,
    /// 说明 lines.
    pub explanations: Vec<String>,
}

impl Table {
    /// The row with a key.
    pub fn row(&self, key: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.key == key)
    }
}

/// A problem found while reading, located where possible.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    /// The table kind concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// The row key concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<String>,
    /// The page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// What happened.
    pub message: String,
}

/// A normalised report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The input file's stem.
    pub report: String,
    /// The input path as given.
    pub source: String,
    /// `pdf` or `text`.
    pub input_kind: String,
    /// `final_accounts` or `budget` (the cells' `document`).
    pub document: crate::document_kind::DocumentKind,
    /// The reporting unit (部门/单位), whitespace removed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The fiscal year covered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The report's amount unit (the tables' most common).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount_unit: Option<String>,
    /// Pages seen.
    pub pages: u32,
    /// Every recognised table.
    pub tables: Vec<Table>,
    /// Headings and paragraphs of the narrative, in order.
    pub sections: Vec<crate::grammar::Block>,
    /// Problems found.
    pub warnings: Vec<Warning>,
    /// Every accounting check evaluated on the tables (filled by [`crate::checks`]).
    pub checks: Vec<crate::checks::Check>,
    /// Figures stated in the narrative (filled by [`crate::facts`]).
    pub facts: Vec<crate::facts::Fact>,
    /// Figures that disagree with cells read with certainty (filled by [`crate::discrepancies`]).
    pub discrepancies: Vec<crate::discrepancies::Discrepancy>,
    /// Figures that disagree with cells as read, where a cell was read with
    /// doubt: listed apart, never an accusation.
    pub unverified_discrepancies: Vec<crate::discrepancies::Discrepancy>,
    /// Narrative items no table row holds (a missing row is not a zero).
    pub unmatched: Vec<crate::discrepancies::Unmatched>,
    /// Counts of checks and findings by outcome (filled last).
    pub summary: crate::normalise::summary::ReportSummary,
    /// The performance self-evaluation tables (filled by [`crate::self_evaluation`]).
    pub self_evaluation: crate::self_evaluation::SelfEvaluation,
    /// The unit profile, sections with their text, 重点工作 and glossary (filled by [`crate::profile`]).
    pub structure: crate::profile::DocumentStructure,
    /// The disclosure review of a budget (filled by [`crate::review`]; empty for 决算).
    pub review: crate::review::Review,
}

impl Report {
    /// The first table of a kind.
    pub fn table(&self, kind: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.kind == kind)
    }
}
