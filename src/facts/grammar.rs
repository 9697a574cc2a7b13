//! `grammars/facts.toml`: the narrative's fact patterns as data, compiled once
//! per run. Placeholders keep the regexes readable for people who know the
//! reports: `{AMT:name}`, `{PCT:name}`, `{CNT:name}`, `{NUM:name}`.

use crate::templates::lazy_regex::LazyRegex;
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// A number as printed (thousands separators allowed).
const NUMBER: &str = r"-?[0-9][0-9,]*(?:\.[0-9]+)?";
/// Amount units, longest first.
/// (A bare 万 after an amount, as in "维护服务4.5万", means 万元.)
const AMOUNT_UNITS: &str = "万元|千元|元|万";
/// Count units, longest first.
pub const COUNT_UNITS: &str = r"台\(套\)|批次|人次|个|辆|台|人|分|家|所|项|路";

#[derive(Debug, Clone, Deserialize)]
struct PatternDef {
    regex: String,
    #[serde(default)]
    section: Option<String>,
    #[serde(default)]
    cells: BTreeMap<String, String>,
    #[serde(default)]
    percents: Vec<Vec<String>>,
}

#[derive(Debug, Clone, Deserialize)]
struct FactsFile {
    #[serde(default)]
    patterns: Vec<PatternDef>,
    #[serde(default)]
    budget_summary: BudgetSummaryRules,
}

/// How the self-evaluation report's budget table is checked: its rows' sums
/// and the table cell each row's figure must equal.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct BudgetSummaryRules {
    /// The column compared with the tables (决算数).
    #[serde(default)]
    pub compare_column: String,
    /// Sums between rows, per column (rule syntax of `grammars/tables`).
    #[serde(default)]
    pub identities: Vec<String>,
    /// Row label → `table[row][column]`.
    #[serde(default)]
    pub cells: BTreeMap<String, String>,
}

/// A printed percentage and the figures it is computed from.
#[derive(Debug, Clone, PartialEq)]
pub struct PercentRule {
    /// The percentage fact.
    pub percent: String,
    /// Numerator expression (see `grammars/facts.toml`).
    pub numerator: String,
    /// Denominator expression.
    pub denominator: String,
}

/// One compiled fact pattern.
#[derive(Debug, Clone)]
pub struct FactPattern {
    /// The expanded regex (compiled on first use).
    pub regex: LazyRegex,
    /// Headings the passage must sit under, when given.
    pub section: Option<LazyRegex>,
    /// Fact name → the cell it describes (with `{item}` unexpanded).
    pub cells: BTreeMap<String, String>,
    /// Percentages to recompute.
    pub percents: Vec<PercentRule>,
}

/// Every fact pattern in force.
#[derive(Debug, Clone, Default)]
pub struct FactGrammar {
    /// Patterns in file order.
    pub patterns: Vec<FactPattern>,
    /// Rules for the self-evaluation report's budget table.
    pub budget_summary: BudgetSummaryRules,
}

/// A placeholder (compiled once per process).
static PLACEHOLDER: LazyLock<Result<Regex, regex::Error>> =
    LazyLock::new(|| Regex::new(r"\{(AMT|PCT|CNT|NUM):([A-Za-z_][A-Za-z0-9_]*)\}"));

/// Replaces the placeholders of a pattern with named groups.
pub fn expand(pattern: &str) -> Result<String, String> {
    let placeholder = PLACEHOLDER.as_ref().map_err(|e| e.to_string())?;
    Ok(placeholder
        .replace_all(pattern, |c: &regex::Captures<'_>| {
            let name = c.get(2).map(|m| m.as_str()).unwrap_or_default();
            match c.get(1).map(|m| m.as_str()) {
                Some("AMT") => format!("(?P<{name}>{NUMBER})(?P<{name}__u>{AMOUNT_UNITS})"),
                Some("PCT") => format!("(?P<{name}>{NUMBER})%"),
                Some("CNT") => format!("(?P<{name}>{NUMBER})(?P<{name}__u>{COUNT_UNITS})"),
                _ => format!("(?P<{name}>{NUMBER})"),
            }
        })
        .into_owned())
}

impl FactGrammar {
    /// Parses and compiles a facts file; errors name the pattern.
    pub fn from_toml(text: &str) -> Result<FactGrammar, String> {
        let file: FactsFile =
            toml::from_str(text).map_err(|e| format!("grammars/facts.toml: {e}"))?;
        let mut patterns = Vec::new();
        for def in file.patterns {
            let expanded = expand(&def.regex)?;
            let regex = LazyRegex::new(&expanded)
                .map_err(|e| format!("grammars/facts.toml: {:?}: {e}", def.regex))?;
            let section = def
                .section
                .as_deref()
                .map(LazyRegex::new)
                .transpose()
                .map_err(|e| format!("grammars/facts.toml: section: {e}"))?;
            let mut percents = Vec::new();
            for p in &def.percents {
                let [percent, numerator, denominator] = p.as_slice() else {
                    return Err(format!(
                        "grammars/facts.toml: {:?}: a percent is [name, numerator, denominator]",
                        def.regex
                    ));
                };
                percents.push(PercentRule {
                    percent: percent.clone(),
                    numerator: numerator.clone(),
                    denominator: denominator.clone(),
                });
            }
            patterns.push(FactPattern {
                regex,
                section,
                cells: def.cells,
                percents,
            });
        }
        for rule in &file.budget_summary.identities {
            crate::templates::rule::parse_rule(rule)
                .map_err(|e| format!("grammars/facts.toml: budget_summary: {e}"))?;
        }
        Ok(FactGrammar {
            patterns,
            budget_summary: file.budget_summary,
        })
    }

    /// Compiles every pattern now (see [`LazyRegex::compiled_now`]).
    pub fn compiled_now(self) -> Result<FactGrammar, String> {
        let mut patterns = Vec::new();
        for p in self.patterns {
            let regex = p
                .regex
                .compiled_now()
                .map_err(|e| format!("grammars/facts.toml: {e}"))?;
            let section = p
                .section
                .map(LazyRegex::compiled_now)
                .transpose()
                .map_err(|e| format!("grammars/facts.toml: section: {e}"))?;
            patterns.push(FactPattern {
                regex,
                section,
                ..p
            });
        }
        Ok(FactGrammar { patterns, ..self })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_placeholders() {
        let e = expand("总计{AMT:total},增长{PCT:pct}").unwrap();
        let re = Regex::new(&e).unwrap();
        let c = re.captures("总计187.89万元,增长19.6%").unwrap();
        assert_eq!(&c["total"], "187.89");
        assert_eq!(&c["total__u"], "万元");
        assert_eq!(&c["pct"], "19.6");
    }

    #[test]
    fn the_embedded_file_compiles() {
        let g = crate::templates::Templates::embedded()
            .unwrap()
            .facts()
            .clone();
        assert!(g.patterns.len() > 20);
    }

    #[test]
    fn a_bad_percent_is_an_error() {
        let bad = "[[patterns]]\nregex = 'x{PCT:a}'\npercents = [['a', 'b']]\n";
        assert!(FactGrammar::from_toml(bad).is_err());
    }
}
