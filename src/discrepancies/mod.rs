//! Discrepancies: figures in the narrative (or the self-evaluation) that
//! disagree with the table they describe, and printed percentages that the
//! figures they are computed from do not give.

pub mod cell_ref;
pub mod discrepancy;
pub mod expression;
pub mod figures;
pub mod percentages;
pub mod self_evaluation;

pub use discrepancy::{Discrepancy, DiscrepancyKind};

use crate::facts::FactGrammar;
use crate::normalise::Report;

/// Every discrepancy between the report's facts and its tables.
pub fn find_discrepancies(report: &Report, grammar: &FactGrammar) -> Vec<Discrepancy> {
    let mut out = figures::figures_vs_tables(report);
    out.extend(percentages::recomputed_percentages(report, grammar));
    out.extend(self_evaluation::self_evaluation_discrepancies(
        report, grammar,
    ));
    out
}
