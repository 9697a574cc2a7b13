//! Discrepancies: figures in the narrative (or the self-evaluation) that
//! disagree with the table they describe, and printed percentages that the
//! figures they are computed from do not give.

pub mod cell_ref;
pub mod discrepancy;
pub mod expression;
pub mod figures;
pub mod misreading;
pub mod percentages;
pub mod self_evaluation;
pub mod unmatched;

pub use discrepancy::{Discrepancy, DiscrepancyKind};
pub use unmatched::Unmatched;

use crate::report::Report;
use crate::templates::Templates;

/// What comparing the narrative with the tables found, kept apart by how
/// sure the reading is: only cells read with certainty make a discrepancy.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Findings {
    /// Disagreements between the narrative and cells read with certainty.
    pub discrepancies: Vec<Discrepancy>,
    /// Disagreements as read that involve a cell read with doubt: never an accusation.
    pub unverified: Vec<Discrepancy>,
    /// Narrative items no table row holds.
    pub unmatched: Vec<Unmatched>,
}

impl Findings {
    /// Files a disagreement by whether its cells were read with certainty.
    pub fn push(&mut self, d: Discrepancy) {
        if d.doubt.is_empty() {
            self.discrepancies.push(d);
        } else {
            self.unverified.push(d);
        }
    }
}

/// Every discrepancy between the report's facts and its tables.
pub fn find_discrepancies(report: &Report, templates: &Templates) -> Findings {
    let mut out = Findings::default();
    figures::figures_vs_tables(report, &templates.catalogue, &mut out);
    for d in percentages::recomputed_percentages(report, templates.facts_for(report.document)) {
        out.push(d);
    }
    for d in self_evaluation::self_evaluation_discrepancies(report, templates.facts()) {
        out.push(d);
    }
    let mut as_read = std::mem::take(&mut out.discrepancies);
    misreading::add_doubts(report, &mut as_read);
    for d in as_read {
        out.push(d);
    }
    out
}
