//! Where a row's printed numbers could go: every order-preserving assignment of
//! k numbers to the n printed columns (pdftotext drops blank cells but keeps
//! the order), filtered by the row's own identities.

use crate::templates::rule::{Operand, Relation, Rule};

/// Tolerance in the printed unit for one identity: reports that round break
/// their sums by 0.01–0.02.
pub const TOLERANCE: f64 = 0.025;

/// Most assignments we list for one row (C(12,6) = 924 is the largest real case).
const MAX_CANDIDATES: usize = 5000;

/// All increasing maps of `k` numbers into `n` columns, leftmost first.
pub fn assignments(k: usize, n: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    if k > n {
        return out;
    }
    let mut cur = Vec::with_capacity(k);
    fill(k, n, 0, &mut cur, &mut out);
    out
}

fn fill(k: usize, n: usize, from: usize, cur: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    if out.len() >= MAX_CANDIDATES {
        return;
    }
    if cur.len() == k {
        out.push(cur.clone());
        return;
    }
    let left = k - cur.len();
    for c in from..=n.saturating_sub(left) {
        cur.push(c);
        fill(k, n, c + 1, cur, out);
        cur.pop();
    }
}

/// The value an assignment gives a column (0 when no number lands there).
pub fn value_of(
    columns: &[String],
    numbers: &[Option<f64>],
    assignment: &[usize],
    column: &str,
) -> f64 {
    assignment
        .iter()
        .zip(numbers)
        .find(|(c, _)| columns.get(**c).is_some_and(|l| l == column))
        .and_then(|(_, v)| *v)
        .unwrap_or(0.0)
}

/// Does an assignment satisfy a row identity over column labels?
pub fn satisfies(
    rule: &Rule,
    columns: &[String],
    numbers: &[Option<f64>],
    assignment: &[usize],
) -> bool {
    let side = |terms: &[crate::templates::rule::Term]| -> f64 {
        terms
            .iter()
            .map(|t| match &t.operand {
                Operand::Label(l) => f64::from(t.sign) * value_of(columns, numbers, assignment, l),
                Operand::Cell { .. } => 0.0,
            })
            .sum()
    };
    let diff = side(&rule.left) - side(&rule.right);
    match rule.relation {
        Relation::Eq => diff.abs() <= TOLERANCE,
        Relation::Ge => diff >= -TOLERANCE,
        Relation::Le => diff <= TOLERANCE,
    }
}

/// The assignments of a row that satisfy all its identities; when none does
/// (the report's own arithmetic is broken) all are kept and `false` returned.
pub fn row_candidates(
    columns: &[String],
    numbers: &[Option<f64>],
    rules: &[Rule],
) -> (Vec<Vec<usize>>, bool) {
    let all = assignments(numbers.len(), columns.len());
    let applicable: Vec<&Rule> = rules
        .iter()
        .filter(|r| {
            rule_labels(r)
                .iter()
                .all(|l| columns.iter().any(|c| c == l))
        })
        .collect();
    let kept: Vec<Vec<usize>> = all
        .iter()
        .filter(|a| applicable.iter().all(|r| satisfies(r, columns, numbers, a)))
        .cloned()
        .collect();
    if kept.is_empty() {
        (all, false)
    } else {
        (kept, true)
    }
}

fn rule_labels(rule: &Rule) -> Vec<&str> {
    rule.signed_operands()
        .filter_map(|(_, operand)| match operand {
            Operand::Label(l) => Some(l.as_str()),
            Operand::Cell { .. } => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::rule::parse_rule;

    #[test]
    fn assignments_are_ordered_and_complete() {
        assert_eq!(assignments(2, 3), vec![vec![0, 1], vec![0, 2], vec![1, 2]]);
        assert_eq!(assignments(0, 3), vec![Vec::<usize>::new()]);
        assert!(assignments(4, 3).is_empty());
        assert_eq!(assignments(6, 12).len(), 924);
    }

    #[test]
    fn identities_prune_assignments() {
        let cols: Vec<String> = ["合计", "基本支出", "项目支出"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let rules = vec![parse_rule("合计 = 基本支出 + 项目支出").unwrap()];
        let (c, ok) = row_candidates(&cols, &[Some(6.15), Some(6.15)], &rules);
        assert!(ok);
        assert_eq!(c, vec![vec![0, 1], vec![0, 2]]);
        let (c, ok) = row_candidates(&cols, &[Some(10.0), Some(4.0), Some(6.0)], &rules);
        assert!(ok);
        assert_eq!(c.len(), 1);
    }

    #[test]
    fn a_broken_row_keeps_every_assignment() {
        let cols: Vec<String> = ["合计", "基本支出"].iter().map(|s| s.to_string()).collect();
        let rules = vec![parse_rule("合计 = 基本支出").unwrap()];
        let (c, ok) = row_candidates(&cols, &[Some(5.0), Some(4.0)], &rules);
        assert!(!ok);
        assert_eq!(c.len(), 1);
    }
}
