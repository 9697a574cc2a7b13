//! The 整体绩效自评报告's budget table: 项目名称 年初预算数 调整后预算数 决算数,
//! rows 收入合计 … 项目支出 小计. A label line alone (基本支出) opens a group
//! whose 小计 and members are keyed `基本支出/小计`, `基本支出/人员经费`.

use super::table::BudgetSummaryRow;
use super::tokens::tokens;
use crate::facts::amount::parse_number;
use crate::lines::Line;
use crate::text_search::contains_char;

/// The row-label column's header word; the column labels follow it, left to
/// right, as the vocabulary's `self_evaluation_columns` name them.
const LABEL_HEADER: &str = "项目名称";

fn value_of(token: &str) -> Option<Option<f64>> {
    if token == "-" || token == "—" || token == "--" {
        return Some(None);
    }
    parse_number(token).map(Some)
}

/// Reads the table when the lines hold one.
pub fn read_budget_summary(lines: &[Line]) -> Vec<BudgetSummaryRow> {
    let columns = &crate::templates::vocabulary::active().self_evaluation_columns;
    if columns.is_empty() {
        return Vec::new();
    }
    let header = format!("{LABEL_HEADER}{}", columns.concat());
    // A line holding the header holds its first character in some span:
    // other lines are passed without building their text.
    let first = header.chars().next().unwrap_or_default();
    let Some(start) = lines.iter().position(|l| {
        l.spans.iter().any(|s| contains_char(&s.text, first)) && l.compact().contains(&header)
    }) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut group: Option<String> = None;
    for line in lines.iter().skip(start + 1) {
        let toks = tokens(line);
        let split = toks
            .iter()
            .position(|t| value_of(t).is_some())
            .unwrap_or(toks.len());
        let (labels, values) = toks.split_at(split);
        let values: Option<Vec<Option<f64>>> = values.iter().map(|t| value_of(t)).collect();
        let Some(values) = values else { break };
        match (labels, values.len()) {
            ([single], 0) if single.chars().count() <= 8 => group = Some(single.clone()),
            (_, 0) => break,
            (labels, n) if n == columns.len() && !labels.is_empty() => {
                let label = match labels {
                    [parent, child] => {
                        group = Some(parent.clone());
                        format!("{parent}/{child}")
                    }
                    [only]
                        if only == "小计"
                            || group.is_some()
                                && !only.contains("合计")
                                && !only.contains("收入") =>
                    {
                        format!("{}/{only}", group.as_deref().unwrap_or_default())
                    }
                    _ => labels.concat(),
                };
                out.push(BudgetSummaryRow {
                    label,
                    values: columns.iter().cloned().zip(values).collect(),
                    page: line.page,
                });
            }
            _ => break,
        }
    }
    out
}
