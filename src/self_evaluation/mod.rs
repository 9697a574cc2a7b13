//! The performance self-evaluation attachments (第六部分 附件): the 整体绩效自评表,
//! each 项目自评表, and the self-evaluation report's budget table, read from
//! the document's lines (the narrative joiner would run their cells together).

pub mod budget_summary;
pub mod indicators;
pub mod table;
pub mod tokens;

pub use table::{
    BudgetExecution, BudgetSummaryRow, EvaluationKind, Goal, Indicator, SelfEvaluation,
    SelfEvaluationTable,
};

use crate::lines::Line;

/// How a self-evaluation table's title ends, and the kind of table each
/// ending names.
const TITLE_ENDINGS: [(&str, EvaluationKind); 3] = [
    ("整体绩效自评表", EvaluationKind::Overall),
    ("项目自评表", EvaluationKind::Project),
    ("项目绩效自评表", EvaluationKind::Project),
];

/// The kind of self-evaluation table a title line names, if it is one (the
/// table of contents' "自评表/结果" lines are not).
fn title_kind(compact: &str) -> Option<EvaluationKind> {
    if compact.contains('/') || compact.contains("结果") {
        return None;
    }
    TITLE_ENDINGS
        .iter()
        .find(|(ending, _)| compact.ends_with(ending))
        .map(|(_, kind)| *kind)
}

/// Every self-evaluation table of the document.
pub fn read_self_evaluation(lines: &[Line]) -> SelfEvaluation {
    let mut tables = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        // Lines without a title's ending are passed without building their
        // text.
        if !TITLE_ENDINGS
            .iter()
            .any(|(ending, _)| line.compact_ends_with(ending))
        {
            continue;
        }
        let compact = line.compact();
        let Some(kind) = title_kind(&compact) else {
            continue;
        };
        let rest = lines.get(i + 1..).unwrap_or_default();
        let title = crate::text_norm::compact(&compact);
        tables.push(indicators::read_table(kind, &title, line.page, rest));
    }
    SelfEvaluation {
        tables,
        budget_summary: budget_summary::read_budget_summary(lines),
    }
}
