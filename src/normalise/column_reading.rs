//! Which reading of a coded table's columns its own rows confirm. Text input
//! gives the printed columns only through header words, which a wrapped
//! header garbles: the total may be printed last, or a column left out. Each
//! plausible order is tried against the rows' identities (1栏 = 2栏 + 3栏 …);
//! the reading under which the most rows hold wins, and a table whose rows
//! mostly fail under every reading is read with doubt.

use super::candidates::RowRules;
use crate::grammar::RawTable;
use crate::templates::rule::{Operand, Rule};

/// How a column reading fares on a table's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Score {
    /// Rows with numbers whose identities some placement satisfies.
    holding: usize,
    /// Rows with numbers that an identity applies to.
    tested: usize,
}

fn score(raw: &RawTable, columns: &[String], rules: &[Rule]) -> Score {
    let mut s = Score {
        holding: 0,
        tested: 0,
    };
    let resolved = RowRules::new(rules, columns);
    for row in raw.rows.iter().filter(|r| r.numbers.len() >= 2) {
        let numbers: Vec<Option<f64>> = row.numbers.iter().map(|n| n.value).collect();
        if numbers.len() > columns.len() {
            s.tested += 1;
            continue;
        }
        // With no more numbers than columns there is always an assignment:
        // only whether one satisfies the identities is asked.
        s.tested += 1;
        s.holding += usize::from(resolved.some_hold(&numbers));
    }
    s
}

/// The column a rule totals (its single left-hand label), if any.
fn total_column(rules: &[Rule]) -> Option<&str> {
    rules.iter().find_map(|r| match r.left.as_slice() {
        [t] => match &t.operand {
            Operand::Label(l) => Some(l.as_str()),
            Operand::Cell { .. } => None,
        },
        _ => None,
    })
}

/// Nested labels (`预算数/合计`, `决算数/合计` …) grouped by their inner part
/// instead: the header nested the other way round (items over 预算数/决算数).
fn nested_other_way(columns: &[String]) -> Option<Vec<String>> {
    if columns.len() < 4 || !columns.iter().all(|c| c.contains('/')) {
        return None;
    }
    let inner = |c: &String| {
        c.split_once('/')
            .map(|(_, i)| i.to_string())
            .unwrap_or_default()
    };
    let mut order: Vec<String> = Vec::new();
    for c in columns {
        let i = inner(c);
        if !order.contains(&i) {
            order.push(i);
        }
    }
    let mut out = columns.to_vec();
    out.sort_by_key(|c| order.iter().position(|i| *i == inner(c)));
    (out != columns).then_some(out)
}

/// Orders worth trying besides `columns`: nested the other way round, the
/// total moved last, and first.
fn alternatives(columns: &[String], rules: &[Rule]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = nested_other_way(columns).into_iter().collect();
    let Some(total) = total_column(rules) else {
        return out;
    };
    let Some(at) = columns.iter().position(|c| c == total) else {
        return out;
    };
    let mut rest: Vec<String> = columns.to_vec();
    let t = rest.remove(at);
    let mut last = rest.clone();
    last.push(t.clone());
    let mut first = vec![t];
    first.extend(rest);
    for alt in [last, first] {
        if alt != columns && !out.contains(&alt) {
            out.push(alt);
        }
    }
    out
}

/// The reading of `columns` the rows confirm best, and whether the rows
/// mostly fail their identities even so (the columns are then in doubt).
/// Text input only: with positions the header decides.
pub fn confirmed_columns(
    raw: &RawTable,
    columns: Vec<String>,
    rules: &[Rule],
) -> (Vec<String>, bool) {
    let positioned = raw
        .rows
        .iter()
        .any(|r| r.numbers.iter().any(|n| n.x.is_some()));
    if rules.is_empty() || columns.len() < 2 {
        return (columns, false);
    }
    let base = score(raw, &columns, rules);
    let mut best = (columns, base);
    if !positioned {
        for alt in alternatives(&best.0, rules) {
            let s = score(raw, &alt, rules);
            if s.holding > best.1.holding {
                best = (alt, s);
            }
        }
    }
    let (columns, s) = best;
    let mostly_failing = s.tested >= 3 && s.holding * 2 < s.tested;
    (columns, mostly_failing)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::{RawNumber, RawRow};
    use crate::templates::rule::parse_rule;

    fn row(values: &[f64]) -> RawRow {
        RawRow {
            label: "x".into(),
            numbers: values
                .iter()
                .map(|v| RawNumber {
                    value: Some(*v),
                    text: v.to_string(),
                    x: None,
                    at: None,
                })
                .collect(),
            ..RawRow::default()
        }
    }

    #[test]
    fn a_total_printed_last_is_found_by_the_rows() {
        let raw = RawTable {
            kind: "expenditure".into(),
            template: 0,
            title: String::new(),
            number: None,
            page: 1,
            department: None,
            amount_unit: None,
            header: vec![],
            header_words: vec![],
            header_cells: vec![],
            column_numbers: vec![],
            column_x: vec![],
            side_split: None,
            rows: vec![
                row(&[3.0, 4.0, 7.0]),
                row(&[1.0, 1.0, 2.0]),
                row(&[2.0, 5.0, 7.0]),
            ],
            notes: vec![],
            explanations: vec![],
            warnings: vec![],
        };
        let cols: Vec<String> = ["合计", "基本支出", "项目支出"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let rules = vec![parse_rule("合计 = 基本支出 + 项目支出").unwrap()];
        let (c, doubt) = confirmed_columns(&raw, cols, &rules);
        assert_eq!(c, ["基本支出", "项目支出", "合计"]);
        assert!(!doubt);
    }
}
