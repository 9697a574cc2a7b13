//! `summary.json`: what a run produced, counted over every input file. It
//! depends on the inputs only (no times), so a resumed run and an
//! uninterrupted one write the same bytes; times go to `timing.json`.

use super::outcome::Outcome;
use serde::Serialize;
use std::collections::BTreeMap;

/// How often a table kind was found.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TableCoverage {
    /// Read reports that have the table.
    pub reports: usize,
    /// Of those, how many print it empty.
    pub empty: usize,
    /// Share of read reports that have it.
    pub coverage: f64,
    /// Cells read from it.
    pub cells: usize,
}

/// Counts over a run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Input files.
    pub files: usize,
    /// Files read.
    pub read: usize,
    /// Files that failed.
    pub failed: usize,
    /// Pages of the files read.
    pub pages: u64,
    /// Cells written.
    pub cells: u64,
    /// Warnings in the report JSONs.
    pub warnings: u64,
    /// Files read by input kind (`pdf`, `text`).
    pub input_kinds: BTreeMap<String, usize>,
    /// Per table kind.
    pub tables: BTreeMap<String, TableCoverage>,
    /// Failed files by error class.
    pub errors: BTreeMap<String, usize>,
    /// Checks that fail on cells read with certainty, over every report.
    pub checks_fail: u64,
    /// Checks that fail as read on cells read with doubt (not accusations).
    pub checks_unverified: u64,
    /// Reports with at least one failing check.
    pub reports_with_fail: usize,
    /// Reports with at least one unverified check.
    pub reports_with_unverified: usize,
    /// Discrepancies on cells read with certainty.
    pub discrepancies: u64,
    /// Discrepancies as read on cells read with doubt.
    pub unverified_discrepancies: u64,
    /// Narrative items no table row holds.
    pub unmatched: u64,
}

impl Summary {
    /// Counts one file.
    pub fn add(&mut self, outcome: &Outcome) {
        self.files += 1;
        match outcome {
            Outcome::Read(e) => {
                self.read += 1;
                self.pages += u64::from(e.info.pages);
                self.cells += e.cells.len() as u64;
                self.warnings += e.info.warnings as u64;
                let f = &e.info.findings;
                self.checks_fail += u64::from(f.fail);
                self.checks_unverified += u64::from(f.unverified);
                self.reports_with_fail += usize::from(f.fail > 0);
                self.reports_with_unverified += usize::from(f.unverified > 0);
                self.discrepancies += u64::from(f.discrepancies);
                self.unverified_discrepancies += u64::from(f.unverified_discrepancies);
                self.unmatched += u64::from(f.unmatched);
                *self
                    .input_kinds
                    .entry(e.info.input_kind.clone())
                    .or_default() += 1;
                let mut seen = std::collections::BTreeSet::new();
                for t in &e.info.tables {
                    let entry = self.tables.entry(t.kind.clone()).or_default();
                    entry.cells += t.cells;
                    if seen.insert(t.kind.as_str()) {
                        entry.reports += 1;
                        entry.empty += usize::from(t.empty);
                    }
                }
            }
            Outcome::Failed(err) => {
                self.failed += 1;
                *self
                    .errors
                    .entry(err.class.as_str().to_string())
                    .or_default() += 1;
            }
        }
    }

    /// Fills in the shares once every file is counted.
    pub fn finish(&mut self) {
        for t in self.tables.values_mut() {
            t.coverage = if self.read == 0 {
                0.0
            } else {
                (t.reports as f64 / self.read as f64 * 10_000.0).round() / 10_000.0
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::outcome::{Extracted, ReportInfo, TableInfo};
    use crate::error::{ErrorClass, ReadError};

    fn table(kind: &str, empty: bool) -> TableInfo {
        TableInfo {
            kind: kind.into(),
            title: kind.into(),
            number: None,
            page: 1,
            amount_unit: None,
            empty,
            rows: 1,
            cells: 2,
        }
    }

    #[test]
    fn counts_coverage_once_per_report_and_errors_by_class() {
        let read = Outcome::Read(Extracted {
            info: ReportInfo {
                report: "a".into(),
                input_kind: "pdf".into(),
                unit: None,
                year: None,
                amount_unit: None,
                pages: 3,
                warnings: 1,
                tables: vec![
                    table("income", false),
                    table("income", false),
                    table("gov_fund", true),
                ],
                findings: crate::normalise::summary::ReportSummary {
                    fail: 2,
                    unverified: 3,
                    ..Default::default()
                },
            },
            cells: Vec::new(),
            printed: Vec::new(),
            details: Default::default(),
        });
        let failed = Outcome::Failed(ReadError::new(ErrorClass::Encrypted, "x"));
        let mut s = Summary::default();
        s.add(&read);
        s.add(&failed);
        s.finish();
        assert_eq!((s.files, s.read, s.failed, s.pages), (2, 1, 1, 3));
        assert_eq!(s.tables["income"].reports, 1);
        assert_eq!(s.tables["income"].cells, 4);
        assert_eq!(s.tables["gov_fund"].empty, 1);
        assert_eq!(s.tables["gov_fund"].coverage, 1.0);
        assert_eq!(s.errors["encrypted"], 1);
        assert_eq!((s.checks_fail, s.checks_unverified), (2, 3));
        assert_eq!((s.reports_with_fail, s.reports_with_unverified), (1, 1));
    }
}
