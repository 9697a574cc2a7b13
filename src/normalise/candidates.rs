//! Where a row's printed numbers could go: every order-preserving assignment of
//! k numbers to the n printed columns (pdftotext drops blank cells but keeps
//! the order), filtered by the row's own identities.

use crate::templates::rule::{Operand, Relation, Rule};

/// Tolerance in the printed unit for one identity: reports that round break
/// their sums by 0.01–0.02.
pub const TOLERANCE: f64 = 0.025;

/// Most assignments we list for one row (C(12,6) = 924 is the largest real case).
const MAX_CANDIDATES: usize = 5000;

/// All increasing maps of `k` numbers into `n` columns, leftmost first (at
/// most [`MAX_CANDIDATES`]).
pub fn assignments(k: usize, n: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    each_assignment(k, n, |a| {
        out.push(a.to_vec());
        true
    });
    out
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
    holds_within(rule.relation, side(&rule.left) - side(&rule.right))
}

/// Does a left-minus-right difference of `diff` meet `relation`, within
/// [`TOLERANCE`]?
fn holds_within(relation: Relation, diff: f64) -> bool {
    match relation {
        Relation::Eq => diff.abs() <= TOLERANCE,
        Relation::Ge => diff >= -TOLERANCE,
        Relation::Le => diff <= TOLERANCE,
    }
}

/// A table side's row identities resolved against its columns once, for
/// all the side's rows.
///
/// Every row of a side has the same columns and the same identities, so
/// which identities apply (every label among the columns) and each term's
/// column mask are worked out here once: resolving them per row compared
/// every term's label with every column, and allocated the masks, for each
/// of a table's rows and each column reading tried.
pub struct RowRules {
    rules: Vec<RowRule>,
    columns: usize,
}

impl RowRules {
    /// The identities of `rules` that apply under `columns`, resolved.
    pub fn new(rules: &[Rule], columns: &[String]) -> RowRules {
        RowRules {
            rules: rules
                .iter()
                .filter_map(|r| RowRule::new(r, columns))
                .collect(),
            columns: columns.len(),
        }
    }

    /// The assignments of a row that satisfy all its identities; when none
    /// does (the report's own arithmetic is broken) all are kept and
    /// `false` returned.
    ///
    /// The assignments are visited in place: a row of 6 numbers under 12
    /// columns has 924 of them, and copying every assignment was most of
    /// the normaliser's allocation on text input. The arithmetic is
    /// [`satisfies`]'s, term by term, so the same assignments are kept.
    pub fn candidates(&self, numbers: &[Option<f64>]) -> (Vec<Vec<usize>>, bool) {
        let mut kept = Vec::new();
        each_assignment(numbers.len(), self.columns, |a| {
            if self.rules.iter().all(|r| r.holds(numbers, a)) {
                kept.push(a.to_vec());
            }
            true
        });
        if kept.is_empty() {
            (assignments(numbers.len(), self.columns), false)
        } else {
            (kept, true)
        }
    }

    /// [`RowRules::candidates`]'s flag alone: true when some assignment
    /// satisfies all the row's identities. Stops at the first such
    /// assignment and lists none, for a caller that only asks whether a
    /// column reading holds.
    pub fn some_hold(&self, numbers: &[Option<f64>]) -> bool {
        let mut holds = false;
        each_assignment(numbers.len(), self.columns, |a| {
            holds = self.rules.iter().all(|r| r.holds(numbers, a));
            !holds
        });
        holds
    }
}

/// Calls `visit` with each increasing map of `k` numbers into `n` columns,
/// leftmost first, the first [`MAX_CANDIDATES`] of them, from one buffer,
/// until `visit` returns false.
fn each_assignment(k: usize, n: usize, mut visit: impl FnMut(&[usize]) -> bool) {
    if k > n {
        return;
    }
    let mut cur = Vec::with_capacity(k);
    let mut seen = 0;
    visit_from(k, n, 0, &mut cur, &mut seen, &mut visit);
}

/// [`each_assignment`] from column `from` on with `cur` chosen; false once
/// `visit` has asked to stop.
fn visit_from(
    k: usize,
    n: usize,
    from: usize,
    cur: &mut Vec<usize>,
    seen: &mut usize,
    visit: &mut impl FnMut(&[usize]) -> bool,
) -> bool {
    if *seen >= MAX_CANDIDATES {
        return false;
    }
    if cur.len() == k {
        *seen += 1;
        return visit(cur);
    }
    let left = k - cur.len();
    for c in from..=n.saturating_sub(left) {
        cur.push(c);
        let go_on = visit_from(k, n, c + 1, cur, seen, visit);
        cur.pop();
        if !go_on {
            return false;
        }
    }
    true
}

/// A row identity with each term's label resolved to a mask of the columns
/// that carry it (empty for a cell reference, which adds 0 here).
struct RowRule {
    relation: Relation,
    /// `(sign, mask)` per term of the left side, then of the right.
    left: Vec<(f64, Vec<bool>)>,
    right: Vec<(f64, Vec<bool>)>,
}

impl RowRule {
    /// `rule` over `columns`; None when one of its labels is no column's
    /// (the rule does not apply to the row).
    fn new(rule: &Rule, columns: &[String]) -> Option<RowRule> {
        let side = |terms: &[crate::templates::rule::Term]| -> Option<Vec<(f64, Vec<bool>)>> {
            terms
                .iter()
                .map(|t| {
                    let mask: Vec<bool> = match &t.operand {
                        Operand::Label(l) => columns.iter().map(|c| c == l).collect(),
                        Operand::Cell { .. } => Vec::new(),
                    };
                    let absent = matches!(t.operand, Operand::Label(_)) && !mask.contains(&true);
                    (!absent).then_some((f64::from(t.sign), mask))
                })
                .collect()
        };
        Some(RowRule {
            relation: rule.relation,
            left: side(&rule.left)?,
            right: side(&rule.right)?,
        })
    }

    /// [`satisfies`] for this rule.
    fn holds(&self, numbers: &[Option<f64>], assignment: &[usize]) -> bool {
        let side = |terms: &[(f64, Vec<bool>)]| -> f64 {
            terms
                .iter()
                .map(|(sign, mask)| sign * masked_value(numbers, assignment, mask))
                .sum()
        };
        holds_within(self.relation, side(&self.left) - side(&self.right))
    }
}

/// [`value_of`] with the column label resolved to `mask`.
fn masked_value(numbers: &[Option<f64>], assignment: &[usize], mask: &[bool]) -> f64 {
    assignment
        .iter()
        .zip(numbers)
        .find(|(c, _)| mask.get(**c).copied().unwrap_or(false))
        .and_then(|(_, v)| *v)
        .unwrap_or(0.0)
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
        let (c, ok) = RowRules::new(&rules, &cols).candidates(&[Some(6.15), Some(6.15)]);
        assert!(ok);
        assert_eq!(c, vec![vec![0, 1], vec![0, 2]]);
        let (c, ok) = RowRules::new(&rules, &cols).candidates(&[Some(10.0), Some(4.0), Some(6.0)]);
        assert!(ok);
        assert_eq!(c.len(), 1);
    }

    /// The filter as first written: every assignment listed, then tested
    /// with [`satisfies`] by label.
    fn filtered(
        columns: &[String],
        numbers: &[Option<f64>],
        rules: &[Rule],
    ) -> (Vec<Vec<usize>>, bool) {
        let all = assignments(numbers.len(), columns.len());
        let applicable: Vec<&Rule> = rules
            .iter()
            .filter(|r| {
                r.signed_operands().all(|(_, o)| match o {
                    Operand::Label(l) => columns.contains(l),
                    Operand::Cell { .. } => true,
                })
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

    proptest::proptest! {
        /// Rows of up to 7 numbers (some blank, some summing) under up to
        /// 9 columns drawn from 5 labels (repeats included), with rules
        /// over those labels and one absent: the same candidates as the
        /// plain filter.
        #[test]
        fn row_candidates_agrees_with_filtering_every_assignment(
            labels in proptest::collection::vec(0usize..5, 0..9),
            numbers in proptest::collection::vec(proptest::option::weighted(0.9, 0u8..6), 0..7),
            picked in proptest::collection::vec(0usize..5, 0..4),
        ) {
            let names = ["合计", "基本支出", "项目支出", "上年结转", "其他"];
            let columns: Vec<String> = labels.iter().map(|&i| names[i].to_string()).collect();
            let numbers: Vec<Option<f64>> = numbers.iter().map(|n| n.map(|v| f64::from(v) * 0.5)).collect();
            let all_rules = [
                "合计 = 基本支出 + 项目支出",
                "合计 >= 基本支出",
                "项目支出 <= 合计 - 基本支出",
                "其他 = 上年结转",
                "合计 = 缺少的列",
            ];
            let rules: Vec<Rule> = picked.iter().map(|&i| parse_rule(all_rules[i]).unwrap()).collect();
            let expected = filtered(&columns, &numbers, &rules);
            proptest::prop_assert_eq!(RowRules::new(&rules, &columns).some_hold(&numbers), expected.1);
            proptest::prop_assert_eq!(RowRules::new(&rules, &columns).candidates(&numbers), expected);
        }
    }

    #[test]
    fn a_broken_row_keeps_every_assignment() {
        let cols: Vec<String> = ["合计", "基本支出"].iter().map(|s| s.to_string()).collect();
        let rules = vec![parse_rule("合计 = 基本支出").unwrap()];
        let (c, ok) = RowRules::new(&rules, &cols).candidates(&[Some(5.0), Some(4.0)]);
        assert!(!ok);
        assert_eq!(c.len(), 1);
    }
}
