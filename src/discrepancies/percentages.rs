//! Printed percentages recomputed from the figures they describe
//! (占本年支出 x%, 完成年初预算的 x%, 增长 x%).

use super::discrepancy::{Discrepancy, DiscrepancyKind};
use super::expression::evaluate_rounded;
use crate::checks::check::round4;
use crate::facts::amount::{UNIT_FACTORS, printed_decimals};
use crate::facts::percent_bounds::{printed_within, ratio_range};
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

/// A recomputed percentage: exact from the figures as printed, and the
/// range it may take when each figure is the rounding of a finer amount.
struct Recomputed {
    exact: f64,
    low: f64,
    high: f64,
    formula: String,
    doubt: Vec<String>,
}

fn recompute(
    report: &Report,
    grammar: &FactGrammar,
    fact: &Fact,
    same_match: &[&Fact],
) -> Option<Recomputed> {
    let pattern = grammar.patterns.get(fact.origin.0)?;
    let rule = pattern.percents.iter().find(|p| p.percent == fact.name)?;
    let mut doubt = Vec::new();
    let (n, hn) = evaluate_rounded(
        report,
        &report.facts,
        same_match,
        &rule.numerator,
        &mut doubt,
    )?;
    let (d, hd) = evaluate_rounded(
        report,
        &report.facts,
        same_match,
        &rule.denominator,
        &mut doubt,
    )?;
    if d.abs() < 1e-9 {
        return None;
    }
    let (low, high) = ratio_range(n, hn, d, hd)?;
    doubt.dedup();
    Some(Recomputed {
        exact: n / d * 100.0,
        low,
        high,
        formula: format!("({}) / ({}) × 100", rule.numerator, rule.denominator),
        doubt,
    })
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
        let Some(r) = recompute(report, grammar, fact, &same_match) else {
            continue;
        };
        let exact = r.exact;
        if percent_agrees(fact.value, &fact.printed, exact)
            || printed_within(fact.value, &fact.printed, (r.low, r.high))
        {
            continue;
        }
        let mut doubt = r.doubt;
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
            cell: r.formula,
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

    fn recomputed(n: f64, d: f64, half: f64) -> Recomputed {
        let (low, high) = ratio_range(n, half, d, half).unwrap();
        Recomputed {
            exact: n / d * 100.0,
            low,
            high,
            formula: String::new(),
            doubt: Vec::new(),
        }
    }

    #[test]
    fn percentages_of_rounded_amounts_are_not_accused() {
        // 0.50 → 0.62万元 printed as +22.22%: 0.495 → 0.605 gives it.
        let r = recomputed(0.62 - 0.50, 0.50, 0.005 * 2.0);
        assert!(printed_within(22.22, "22.22", (r.low, r.high)));
        // 50.78 → 98.27 printed as +93.51% (exact 93.5211).
        let r = recomputed(98.27 - 50.78, 50.78, 0.01);
        assert!(printed_within(93.51, "93.51", (r.low, r.high)));
        // 1690.69 → 1434.89 is −15.13%, not −1.10%.
        let r = recomputed(1434.89 - 1690.69, 1690.69, 0.01);
        assert!(!printed_within(-1.10, "-1.10", (r.low, r.high)));
        // A share 0.3 points off.
        let r = recomputed(221.91, 343.11, 0.005);
        assert!(!printed_within(65.0, "65.0", (r.low, r.high)));
    }
}
