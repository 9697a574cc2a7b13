//! The self-evaluation attachments checked like tables: each table's 总分 =
//! the execution score + Σ indicator scores, and the budget table's sums
//! (`[budget_summary] identities` in `grammars/facts.toml`), per column.

use super::check::{Check, CheckKind, Site};
use crate::facts::FactGrammar;
use crate::self_evaluation::{BudgetSummaryRow, SelfEvaluation};
use crate::templates::rule::{Operand, Relation, Term, parse_rule};

/// The table name checks of the self-evaluation use.
const TABLE: &str = "self_evaluation";

fn totals(eval: &SelfEvaluation, out: &mut Vec<Check>) {
    for (i, t) in eval.tables.iter().enumerate() {
        let Some(total) = t.total_score else { continue };
        let expected = t.execution.as_ref().map(|e| e.score).unwrap_or(0.0)
            + t.indicators.iter().map(|x| x.score).sum::<f64>();
        let site = Site {
            kind: CheckKind::SelfEvaluation,
            rule: "总分 = 预算执行得分 + Σ 指标得分".to_string(),
            location: crate::cell_name::cell_name(TABLE, &format!("{i}:{}", t.title), "总分"),
            table: TABLE.to_string(),
            page: Some(t.page),
        };
        out.push(Check::evaluate(site, total, expected, Relation::Eq, |_| {
            Vec::new()
        }));
    }
}

fn value(rows: &[BudgetSummaryRow], label: &str, column: &str) -> Option<f64> {
    rows.iter()
        .find(|r| r.label == label)
        .and_then(|r| r.values.iter().find(|(c, _)| c == column))
        .and_then(|(_, v)| *v)
}

fn side(rows: &[BudgetSummaryRow], terms: &[Term], column: &str) -> (f64, bool) {
    let mut printed = false;
    let mut total = 0.0;
    for t in terms {
        if let Operand::Label(label) = &t.operand
            && let Some(v) = value(rows, label, column)
        {
            printed = true;
            total += f64::from(t.sign) * v;
        }
    }
    (total, printed)
}

fn budget_summary(eval: &SelfEvaluation, grammar: &FactGrammar, out: &mut Vec<Check>) {
    let rows = &eval.budget_summary;
    let Some(first) = rows.first() else { return };
    let columns: Vec<&str> = first.values.iter().map(|(c, _)| c.as_str()).collect();
    for text in &grammar.budget_summary.identities {
        let Ok(rule) = parse_rule(text) else { continue };
        let anchor = match rule.left.first().map(|t| &t.operand) {
            Some(Operand::Label(l)) => l.clone(),
            _ => continue,
        };
        for column in &columns {
            let (found, p1) = side(rows, &rule.left, column);
            let (expected, p2) = side(rows, &rule.right, column);
            if !p1 || !p2 {
                continue;
            }
            let page = rows.iter().find(|r| r.label == anchor).map(|r| r.page);
            let site = Site {
                kind: CheckKind::SelfEvaluation,
                rule: text.clone(),
                location: crate::cell_name::cell_name(&format!("{TABLE}_budget"), &anchor, column),
                table: TABLE.to_string(),
                page,
            };
            out.push(Check::evaluate(
                site,
                found,
                expected,
                rule.relation,
                |_| Vec::new(),
            ));
        }
    }
}

/// Every check of the self-evaluation attachments.
pub fn check(eval: &SelfEvaluation, grammar: &FactGrammar, out: &mut Vec<Check>) {
    totals(eval, out);
    budget_summary(eval, grammar, out);
}
