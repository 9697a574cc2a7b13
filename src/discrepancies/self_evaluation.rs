//! The self-evaluation against the tables and the narrative: the budget
//! table's 决算数 against the cells it restates, and the scores the narrative
//! quotes against the tables' 总分.

use super::cell_ref::resolve;
use super::discrepancy::{Discrepancy, DiscrepancyKind};
use super::figures::amounts_agree;
use crate::checks::check::round4;
use crate::facts::FactGrammar;
use crate::facts::amount::convert;
use crate::report::Report;
use crate::self_evaluation::EvaluationKind;

/// The unit the self-evaluation prints amounts in.
const UNIT: &str = "万元";

fn budget_rows(report: &Report, grammar: &FactGrammar, out: &mut Vec<Discrepancy>) {
    let rules = &grammar.budget_summary;
    for row in &report.self_evaluation.budget_summary {
        let Some(reference) = rules.cells.get(&row.label) else {
            continue;
        };
        let Some(stated) = row
            .values
            .iter()
            .find(|(c, _)| *c == rules.compare_column)
            .and_then(|(_, v)| *v)
        else {
            continue;
        };
        let Some(cell) = resolve(report, reference) else {
            continue;
        };
        let Some(table_value) = convert(cell.value, &cell.unit, UNIT) else {
            continue;
        };
        let scale = convert(1.0, &cell.unit, UNIT).unwrap_or(1.0);
        if amounts_agree(stated, table_value, scale) {
            continue;
        }
        out.push(Discrepancy {
            kind: DiscrepancyKind::SelfEvaluation,
            fact: format!("self_evaluation_budget/{}", row.label),
            item: Some(rules.compare_column.clone()),
            narrative_value: stated,
            table_value: round4(table_value),
            difference: round4(stated - table_value),
            unit: UNIT.to_string(),
            sentence: format!(
                "{} {}",
                row.label,
                row.values
                    .iter()
                    .map(|(c, v)| format!("{c}={}", v.map(|x| x.to_string()).unwrap_or("-".into())))
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            page: row.page,
            cell: cell.location,
            cell_page: Some(cell.page),
            sentence_at: None,
            cell_at: None,
            note: None,
            doubt: cell.doubt,
        });
    }
}

fn scores(report: &Report, out: &mut Vec<Discrepancy>) {
    let pairs = [
        ("overall_self_evaluation_score", EvaluationKind::Overall),
        ("project_self_evaluation_score", EvaluationKind::Project),
    ];
    for (name, kind) in pairs {
        let tables: Vec<_> = report
            .self_evaluation
            .tables
            .iter()
            .filter(|t| t.kind == kind && t.total_score.is_some())
            .collect();
        for fact in report.facts.iter().filter(|f| f.name == name) {
            let Some(table) = tables.first() else { break };
            let total = table.total_score.unwrap_or(0.0);
            let matches_any = tables
                .iter()
                .any(|t| (t.total_score.unwrap_or(0.0) - fact.value).abs() < 0.005);
            if matches_any || tables.len() > 1 {
                continue;
            }
            out.push(Discrepancy {
                kind: DiscrepancyKind::SelfEvaluation,
                fact: name.to_string(),
                item: None,
                narrative_value: fact.value,
                table_value: total,
                difference: round4(fact.value - total),
                unit: fact.unit.clone(),
                sentence: fact.sentence.clone(),
                page: fact.page,
                cell: format!("self_evaluation[{}][总分]", table.title),
                cell_page: Some(table.page),
                sentence_at: None,
                cell_at: None,
                note: None,
                doubt: Vec::new(),
            });
        }
    }
}

/// Every disagreement between the self-evaluation and the rest of the report.
pub fn self_evaluation_discrepancies(report: &Report, grammar: &FactGrammar) -> Vec<Discrepancy> {
    let mut out = Vec::new();
    budget_rows(report, grammar, &mut out);
    scores(report, &mut out);
    out
}
