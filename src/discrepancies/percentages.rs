//! Printed percentages recomputed from the figures they describe
//! (占本年支出 x%, 完成年初预算的 x%, 增长 x%).

use super::discrepancy::{Discrepancy, DiscrepancyKind};
use super::expression::evaluate;
use crate::checks::check::round4;
use crate::facts::amount::{UNIT_FACTORS, printed_decimals};
use crate::facts::{Fact, FactGrammar};
use crate::report::Report;

/// True when `printed` is `exact` rounded to the printed decimals (half a
/// unit of the last printed digit, plus a little for rounded inputs).
pub fn percent_agrees(printed: f64, printed_text: &str, exact: f64) -> bool {
    let decimals = printed_decimals(printed_text);
    let half_unit = 0.5 * 10f64.powi(-(decimals as i32));
    (printed - exact).abs() <= half_unit + exact.abs() * 2e-5 + 1e-9
}

/// True when the printed percentage is the exact one cut (not rounded) to the printed decimals.
pub fn truncated(printed: f64, printed_text: &str, exact: f64) -> bool {
    let scale = 10f64.powi(printed_decimals(printed_text) as i32);
    ((exact * scale + 1e-9).trunc() / scale - printed).abs() < 1e-9
}

fn recompute(
    report: &Report,
    grammar: &FactGrammar,
    fact: &Fact,
    same_match: &[&Fact],
) -> Option<(f64, String, Vec<String>)> {
    let pattern = grammar.patterns.get(fact.origin.0)?;
    let rule = pattern.percents.iter().find(|p| p.percent == fact.name)?;
    let mut doubt = Vec::new();
    let numerator = evaluate(
        report,
        &report.facts,
        same_match,
        &rule.numerator,
        &mut doubt,
    )?;
    let denominator = evaluate(
        report,
        &report.facts,
        same_match,
        &rule.denominator,
        &mut doubt,
    )?;
    if denominator.abs() < 1e-9 {
        return None;
    }
    doubt.dedup();
    Some((
        numerator / denominator * 100.0,
        format!("({}) / ({}) × 100", rule.numerator, rule.denominator),
        doubt,
    ))
}

/// Every printed percentage its own figures contradict.
pub fn recomputed_percentages(report: &Report, grammar: &FactGrammar) -> Vec<Discrepancy> {
    let mut out = Vec::new();
    for fact in report.facts.iter().filter(|f| f.unit == "%") {
        let same_match: Vec<&Fact> = report
            .facts
            .iter()
            .filter(|f| f.origin == fact.origin)
            .collect();
        let Some((exact, formula, doubt)) = recompute(report, grammar, fact, &same_match) else {
            continue;
        };
        if percent_agrees(fact.value, &fact.printed, exact) {
            continue;
        }
        let mut doubt = doubt;
        if let Some(f) = UNIT_FACTORS
            .iter()
            .find(|f| percent_agrees(fact.value, &fact.printed, exact / **f))
        {
            doubt.push(format!(
                "{}: agrees at ×{f}: an amount unit of its figures is in doubt",
                fact.name
            ));
        }
        out.push(Discrepancy {
            kind: DiscrepancyKind::Percentage,
            fact: fact.name.clone(),
            item: fact.item.clone(),
            narrative_value: fact.value,
            table_value: round4(exact),
            difference: round4(fact.value - exact),
            unit: "%".to_string(),
            sentence: fact.sentence.clone(),
            page: fact.page,
            cell: formula,
            cell_page: None,
            sentence_at: None,
            cell_at: None,
            note: truncated(fact.value, &fact.printed, exact)
                .then(|| "truncated rather than rounded".to_string()),
            doubt,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_to_the_printed_digits() {
        assert!(percent_agrees(52.16, "52.16", 98.0 / 187.89 * 100.0));
        assert!(percent_agrees(47.8, "47.8", 89.89 / 187.89 * 100.0));
        assert!(!percent_agrees(87.7, "87.7", 164.9 / 187.89 * 100.0));
        assert!(!percent_agrees(105.17, "105.17", 164.9 / 156.13 * 100.0));
        assert!(percent_agrees(105.4, "105.4", 98.0 / 93.0 * 100.0));
    }
}
