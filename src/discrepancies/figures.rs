//! Narrative figures against the table cells they describe.

use super::cell_ref::resolve_in;
use super::discrepancy::{Discrepancy, DiscrepancyKind};
use crate::checks::check::round4;
use crate::facts::amount::convert;
use crate::normalise::Report;

/// Half a cent in the printed unit: narrative and tables print two decimals
/// (trailing zeros often dropped in the narrative: "98万元" is 98.00).
const HALF_CENT: f64 = 0.005;

/// True when two amounts agree as printed: within half a unit of the last
/// printed decimal of either side.
pub fn amounts_agree(narrative: f64, table_in_narrative_unit: f64, table_unit_scale: f64) -> bool {
    let tolerance = HALF_CENT.max(HALF_CENT * table_unit_scale) + 1e-9;
    (narrative - table_in_narrative_unit).abs() < tolerance
}

/// Every fact with a `cell` whose value the table does not print.
pub fn figures_vs_tables(report: &Report) -> Vec<Discrepancy> {
    let mut out = Vec::new();
    for fact in &report.facts {
        let Some(reference) = &fact.cell else {
            continue;
        };
        let Some(cell) = resolve_in(report, reference, &fact.sentence).filter(|c| !c.ambiguous)
        else {
            continue;
        };
        // A fixed row (合计, 收入/总计) that is not printed means the table was
        // not read, not that the narrative is wrong; an item the narrative names
        // that a table with values lacks is a finding.
        if !(cell.row_found || cell.by_name && cell.table_has_values) {
            continue;
        }
        let Some(table_value) = convert(cell.value, &cell.unit, &fact.unit) else {
            continue;
        };
        let scale = convert(1.0, &cell.unit, &fact.unit).unwrap_or(1.0);
        if amounts_agree(fact.value, table_value, scale) {
            continue;
        }
        let location = if cell.row_found {
            cell.location
        } else {
            format!("{} (row not printed)", cell.location)
        };
        out.push(Discrepancy {
            kind: DiscrepancyKind::Figure,
            fact: fact.name.clone(),
            item: fact.item.clone(),
            narrative_value: fact.value,
            table_value: round4(table_value),
            difference: round4(fact.value - table_value),
            unit: fact.unit.clone(),
            sentence: fact.sentence.clone(),
            page: fact.page,
            cell: location,
            cell_page: Some(cell.page),
            sentence_at: None,
            cell_at: None,
            note: ((fact.value - table_value).abs() < 0.0105 * scale.max(1.0))
                .then(|| "differs by one cent".to_string()),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cent_is_a_difference_half_a_cent_is_not() {
        assert!(amounts_agree(164.9, 164.90, 1.0));
        assert!(!amounts_agree(6.11, 6.15, 1.0));
        assert!(!amounts_agree(6.16, 6.15, 1.0));
        assert!(amounts_agree(187.89, 187.8912, 0.0001));
    }
}
