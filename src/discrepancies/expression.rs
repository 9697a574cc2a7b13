//! The numerator and denominator of a printed percentage, as `grammars/facts.toml`
//! writes them: terms joined by ` + ` / ` - `, each a fact of the same match,
//! `fact:NAME` (the report's first fact of that name) or a table cell.
//! Amounts are evaluated in 元 so that terms in different units add up.

use super::cell_ref::resolve;
use crate::checks::Outcome;
use crate::facts::Fact;
use crate::facts::amount::{printed_decimals, yuan_per};
use crate::report::Report;

/// A term's value in 元 (or as printed when it is not an amount).
fn fact_value(f: &Fact) -> f64 {
    f.value * yuan_per(&f.unit).unwrap_or(1.0)
}

/// Decimals every amount is kept to in its unit (a 分 of 元, 100 元 of 万元):
/// a figure printed with fewer (`57.8万元`) dropped trailing zeros.
const CELL_DECIMALS: i32 = 2;

/// Half a unit of a fact's last digit, in 元: how far the amount it rounds
/// may lie from it (`57.80万元` may be 57.795 … 57.805万元).
fn fact_half_unit(f: &Fact) -> f64 {
    let decimals = (printed_decimals(&f.printed) as i32).max(CELL_DECIMALS);
    0.5 * 10f64.powi(-decimals) * yuan_per(&f.unit).unwrap_or(1.0)
}

/// A term's value in 元 and half a unit of its last printed digit.
fn term(
    report: &Report,
    facts: &[Fact],
    same_match: &[&Fact],
    token: &str,
    doubt: &mut Vec<String>,
) -> Option<(f64, f64)> {
    if let Some(name) = token.strip_prefix("fact:") {
        return facts
            .iter()
            .find(|f| f.name == name)
            .map(|f| (fact_value(f), fact_half_unit(f)));
    }
    if token.contains('[') {
        let cell = resolve(report, token)?;
        doubt.extend(cell.doubt);
        // A figure recomputed from a cell whose own identities do not hold
        // as read rests on a cell in doubt.
        if let Some(check) = report.checks.iter().find(|c| {
            matches!(c.outcome, Outcome::Fail | Outcome::Unverified)
                && c.cells.iter().any(|x| x.name == cell.location)
        }) {
            doubt.push(format!(
                "{}: the identity {} does not hold as read",
                cell.location, check.location
            ));
        }
        let per = yuan_per(&cell.unit).unwrap_or(1.0);
        return Some((cell.value * per, 0.5 * 10f64.powi(-CELL_DECIMALS) * per));
    }
    same_match
        .iter()
        .find(|f| f.name == token)
        .map(|f| (fact_value(f), fact_half_unit(f)))
}

/// Evaluates an expression with how far its value may lie from the exact
/// one when each term is printed rounded (the sum of the terms' half
/// units); `None` when a term cannot be found.
pub fn evaluate_rounded(
    report: &Report,
    facts: &[Fact],
    same_match: &[&Fact],
    expression: &str,
    doubt: &mut Vec<String>,
) -> Option<(f64, f64)> {
    let mut total = 0.0;
    let mut half = 0.0;
    let mut sign = 1.0;
    for token in expression.split_whitespace() {
        match token {
            "+" => sign = 1.0,
            "-" => sign = -1.0,
            t => {
                let (v, h) = term(report, facts, same_match, t, doubt)?;
                total += sign * v;
                half += h;
            }
        }
    }
    Some((total, half))
}

/// Evaluates an expression; `None` when a term cannot be found. The doubts
/// of the table cells it reads are added to `doubt`.
pub fn evaluate(
    report: &Report,
    facts: &[Fact],
    same_match: &[&Fact],
    expression: &str,
    doubt: &mut Vec<String>,
) -> Option<f64> {
    evaluate_rounded(report, facts, same_match, expression, doubt).map(|(v, _)| v)
}
