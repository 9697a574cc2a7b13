//! Narrative figures against the table cells they describe.

use super::Findings;
use super::cell_ref::resolve_in;
use super::discrepancy::{Discrepancy, DiscrepancyKind};
use super::unmatched::Unmatched;
use crate::cell_name::{cell_name, parse};
use crate::checks::check::round4;
use crate::facts::Fact;
use crate::facts::amount::{convert, printed_decimals};
use crate::report::Report;
use crate::templates::catalogue::Catalogue;

/// Half a cent in the printed unit: narrative and tables print two decimals
/// (trailing zeros often dropped in the narrative: "98万元" is 98.00).
const HALF_CENT: f64 = 0.005;

/// True when two amounts agree as printed: within half a unit of the last
/// printed decimal of either side.
pub fn amounts_agree(narrative: f64, table_in_narrative_unit: f64, table_unit_scale: f64) -> bool {
    let tolerance = HALF_CENT.max(HALF_CENT * table_unit_scale) + 1e-9;
    (narrative - table_in_narrative_unit).abs() < tolerance
}

/// True when the narrative states the amount rounded to whole units (a
/// total of `17,192万元` for 17,191.5169万元): a figure printed without
/// decimals that the table's amount rounds to is the same figure, not a
/// disagreement (a whole figure that is the table's exactly agrees anyway).
fn rounded_in_narrative(fact: &Fact, table_in_narrative_unit: f64) -> bool {
    printed_decimals(&fact.printed) == 0
        && (fact.value - table_in_narrative_unit).abs() <= 0.5 + 1e-9
}

/// Printed rows of `level` holding `value` (in `unit`, within half a cent) in
/// the fact's table; restricted to the 类/款 of the codes the catalogue knows
/// under the item's name, when it knows any.
fn rows_holding(
    report: &Report,
    reference: &str,
    fact: &Fact,
    catalogue: &Catalogue,
) -> Vec<String> {
    let Some((kind, row, column)) = parse(reference) else {
        return Vec::new();
    };
    let Some((level, name)) = row.split_once(':') else {
        return Vec::new();
    };
    let wanted = name.trim_end_matches("支出");
    let codes = if wanted.is_empty() {
        &[][..]
    } else {
        catalogue.codes_with_stem(wanted)
    };
    let prefixes: Vec<String> = codes
        .iter()
        .filter_map(|c| c.get(..c.len().saturating_sub(2).max(3)))
        .map(str::to_string)
        .collect();
    let mut out = Vec::new();
    for table in report.tables.iter().filter(|t| t.kind == kind) {
        let unit = table
            .amount_unit
            .clone()
            .or_else(|| report.amount_unit.clone())
            .unwrap_or_else(|| "万元".to_string());
        let scale = convert(1.0, &unit, &fact.unit).unwrap_or(1.0);
        for r in table
            .rows
            .iter()
            .filter(|r| r.level.as_deref() == Some(level))
        {
            let in_family = prefixes.is_empty()
                || r.code
                    .as_deref()
                    .is_some_and(|c| prefixes.iter().any(|p| c.starts_with(p.as_str())));
            let holds = r
                .values
                .get(&column)
                .and_then(|v| convert(v, &unit, &fact.unit))
                .is_some_and(|v| amounts_agree(fact.value, v, scale));
            if in_family && holds {
                out.push(format!("{} {}", cell_name(&kind, &r.key, &column), r.name));
            }
        }
    }
    out
}

/// Every fact with a `cell` whose value the table does not print: a
/// discrepancy when the cell was read with certainty, unverified when not,
/// and an unmatched item when no row holds the 科目 the narrative names.
pub fn figures_vs_tables(report: &Report, catalogue: &Catalogue, out: &mut Findings) {
    for fact in &report.facts {
        let Some(reference) = &fact.cell else {
            continue;
        };
        let Some(cell) = resolve_in(report, reference, &fact.sentence, Some(catalogue)) else {
            continue;
        };
        // A fixed row (合计, 收入/总计) that is not printed means the table was
        // not read, not that the narrative is wrong.
        if !cell.row_found {
            // An item the narrative names that a table with values lacks: not
            // a zero, so never a figure discrepancy.
            if cell.by_name && cell.table_has_values {
                out.unmatched.push(Unmatched {
                    fact: fact.name.clone(),
                    item: fact.item.clone(),
                    narrative_value: fact.value,
                    unit: fact.unit.clone(),
                    sentence: fact.sentence.clone(),
                    page: fact.page,
                    cell: cell.location.clone(),
                    candidates: rows_holding(report, reference, fact, catalogue),
                });
            }
            continue;
        }
        let Some(table_value) = convert(cell.value, &cell.unit, &fact.unit) else {
            continue;
        };
        let scale = convert(1.0, &cell.unit, &fact.unit).unwrap_or(1.0);
        if amounts_agree(fact.value, table_value, scale) || rounded_in_narrative(fact, table_value)
        {
            continue;
        }
        let mut doubt = cell.doubt;
        let agrees_under = |v: f64| {
            convert(v, &cell.unit, &fact.unit).is_some_and(|t| amounts_agree(fact.value, t, scale))
        };
        if let Some(alternatives) = &cell.alternatives {
            // Only the placement was in doubt, and no placement gives the figure.
            if !alternatives.iter().any(|v| agrees_under(*v)) && doubt.len() == 1 {
                doubt.clear();
            }
        }
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
            cell: cell.location,
            cell_page: Some(cell.page),
            sentence_at: None,
            cell_at: None,
            note: ((fact.value - table_value).abs() < 0.0105 * scale.max(1.0))
                .then(|| "differs by one cent".to_string()),
            doubt,
        });
    }
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
