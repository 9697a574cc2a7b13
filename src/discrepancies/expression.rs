//! The numerator and denominator of a printed percentage, as `grammars/facts.toml`
//! writes them: terms joined by ` + ` / ` - `, each a fact of the same match,
//! `fact:NAME` (the report's first fact of that name) or a table cell.
//! Amounts are evaluated in 元 so that terms in different units add up.

use super::cell_ref::resolve;
use crate::checks::Outcome;
use crate::facts::Fact;
use crate::facts::amount::yuan_per;
use crate::report::Report;

/// A term's value in 元 (or as printed when it is not an amount).
fn fact_value(f: &Fact) -> f64 {
    f.value * yuan_per(&f.unit).unwrap_or(1.0)
}

fn term(
    report: &Report,
    facts: &[Fact],
    same_match: &[&Fact],
    token: &str,
    doubt: &mut Vec<String>,
) -> Option<f64> {
    if let Some(name) = token.strip_prefix("fact:") {
        return facts.iter().find(|f| f.name == name).map(fact_value);
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
        return Some(cell.value * yuan_per(&cell.unit).unwrap_or(1.0));
    }
    same_match
        .iter()
        .find(|f| f.name == token)
        .map(|f| fact_value(f))
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
    let mut total = 0.0;
    let mut sign = 1.0;
    for token in expression.split_whitespace() {
        match token {
            "+" => sign = 1.0,
            "-" => sign = -1.0,
            t => total += sign * term(report, facts, same_match, t, doubt)?,
        }
    }
    Some(total)
}
