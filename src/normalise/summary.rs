//! A report's own summary: how many checks passed, were off by rounding,
//! failed, or could not be verified, and how many findings of each kind.
//! `fail` and `unverified` are counted apart: only the first accuses.

use crate::checks::{Check, Outcome};
use serde::{Deserialize, Serialize};

/// Counts over one report's checks and narrative findings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportSummary {
    /// Checks evaluated.
    pub checks: u32,
    /// Checks that hold exactly.
    pub pass: u32,
    /// Checks off by rounding.
    pub rounding: u32,
    /// Checks that fail on cells read with certainty.
    pub fail: u32,
    /// Checks that fail as read on a cell read with doubt.
    pub unverified: u32,
    /// Discrepancies on cells read with certainty.
    pub discrepancies: u32,
    /// Discrepancies as read on cells read with doubt.
    pub unverified_discrepancies: u32,
    /// Narrative items no table row holds.
    pub unmatched: u32,
}

impl ReportSummary {
    /// Counts checks by outcome and the findings' lists.
    pub fn of(
        checks: &[Check],
        discrepancies: usize,
        unverified_discrepancies: usize,
        unmatched: usize,
    ) -> ReportSummary {
        let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        let count = |o: Outcome| n(checks.iter().filter(|c| c.outcome == o).count());
        ReportSummary {
            checks: n(checks.len()),
            pass: count(Outcome::Pass),
            rounding: count(Outcome::Rounding),
            fail: count(Outcome::Fail),
            unverified: count(Outcome::Unverified),
            discrepancies: n(discrepancies),
            unverified_discrepancies: n(unverified_discrepancies),
            unmatched: n(unmatched),
        }
    }
}
