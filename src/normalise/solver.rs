//! Placing numbers by the report's own arithmetic. Each row with numbers is a
//! slot with candidate assignments; each identity (code tree sums, item sums,
//! table identities, cross-table rules) is a linear constraint over cells.
//! Constraints prune candidates that appear in no satisfying combination
//! (subset sums by dynamic programming, so a hundred ambiguous rows stay
//! cheap) until nothing changes; what remains ambiguous is decided leftmost
//! and reported.

use super::candidates::value_of;
use crate::templates::rule::Relation;

/// Largest partial-sum set we build for one constraint before giving up on it.
const MAX_STATES: usize = 200_000;

/// Candidates tried for one ambiguous row before the first is taken as is.
const MAX_TRIALS: usize = 8;

/// Partial sums built in all, over every constraint and round of one
/// [`solve_and_decide`], before the rest is treated as too large: hostile
/// text (fuzzing found one of 20 KB) can otherwise make every round rebuild
/// sets near `MAX_STATES` for seconds.
const MAX_WORK: usize = 2_000_000;

/// Partial-sum sets up to this size are not charged to the work budget: a
/// large report has thousands of small constraints, solved many times.
const SMALL_SET: usize = 4_096;

/// One row whose numbers are to be placed.
#[derive(Debug, Clone)]
pub struct Slot {
    /// The row's printed columns (canonical labels).
    pub columns: Vec<String>,
    /// Its numbers in printed order (`None` for dashes).
    pub numbers: Vec<Option<f64>>,
    /// Assignments still possible: for each number, an index into `columns`.
    pub candidates: Vec<Vec<usize>>,
}

impl Slot {
    fn cents(&self, cand: &[usize], column: &str) -> i64 {
        (value_of(&self.columns, &self.numbers, cand, column) * 100.0).round() as i64
    }
}

/// A term of a constraint: `sign × slot[column]`.
#[derive(Debug, Clone)]
pub struct Term {
    /// Index of the slot.
    pub slot: usize,
    /// Canonical column.
    pub column: String,
    /// +1 or -1.
    pub sign: i64,
}

/// `Σ terms + constant (relation) 0`, amounts in cents.
#[derive(Debug, Clone)]
pub struct Constraint {
    /// Terms over slots.
    pub terms: Vec<Term>,
    /// Known part (cells of rows already certain, or absent rows as 0), in cents.
    pub constant: i64,
    /// Comparison with zero.
    pub relation: Relation,
    /// Tolerance in cents.
    pub tolerance: i64,
}

/// Outcome of one propagation step.
#[derive(Debug, PartialEq, Eq)]
enum Step {
    Pruned,
    Unchanged,
    Unsatisfiable,
    TooLarge,
}

fn sums(sets: &[Vec<i64>], work: &mut usize) -> Option<Vec<Vec<i64>>> {
    let mut out = vec![vec![0i64]];
    for options in sets {
        let prev = out.last()?;
        // Small sets cost nothing worth counting; the budget is for the
        // large ones that hostile input can make every round rebuild.
        let size = prev
            .len()
            .saturating_mul(options.len())
            .saturating_sub(SMALL_SET);
        if size > *work {
            *work = 0;
            return None;
        }
        *work -= size;
        let mut next: Vec<i64> = prev
            .iter()
            .flat_map(|p| options.iter().map(move |o| p + o))
            .collect();
        next.sort_unstable();
        next.dedup();
        if next.len() > MAX_STATES {
            return None;
        }
        out.push(next);
    }
    Some(out)
}

fn feasible(
    relation: Relation,
    prefix: &[i64],
    value: i64,
    suffix: &[i64],
    constant: i64,
    tol: i64,
) -> bool {
    match relation {
        Relation::Ge => {
            let best = prefix.last().copied().unwrap_or(0) + suffix.last().copied().unwrap_or(0);
            best + value + constant >= -tol
        }
        Relation::Le => {
            let best = prefix.first().copied().unwrap_or(0) + suffix.first().copied().unwrap_or(0);
            best + value + constant <= tol
        }
        Relation::Eq => prefix.iter().any(|p| {
            let lo = -constant - tol - p - value;
            let i = suffix.partition_point(|s| *s < lo);
            suffix
                .get(i)
                .is_some_and(|s| *s <= -constant + tol - p - value)
        }),
    }
}

fn propagate(slots: &mut [Slot], c: &Constraint, work: &mut usize) -> Step {
    let mut order: Vec<usize> = c.terms.iter().map(|t| t.slot).collect();
    order.sort_unstable();
    order.dedup();
    // Contribution of each candidate of each slot, in cents.
    let contrib: Vec<Vec<i64>> = order
        .iter()
        .map(|&s| {
            let Some(slot) = slots.get(s) else {
                return Vec::new();
            };
            slot.candidates
                .iter()
                .map(|cand| {
                    c.terms
                        .iter()
                        .filter(|t| t.slot == s)
                        .map(|t| t.sign * slot.cents(cand, &t.column))
                        .sum()
                })
                .collect()
        })
        .collect();
    let distinct: Vec<Vec<i64>> = contrib
        .iter()
        .map(|v| {
            let mut d = v.clone();
            d.sort_unstable();
            d.dedup();
            d
        })
        .collect();
    let Some(prefix) = sums(&distinct, work) else {
        return Step::TooLarge;
    };
    let reversed: Vec<Vec<i64>> = distinct.iter().rev().cloned().collect();
    let Some(mut suffix) = sums(&reversed, work) else {
        return Step::TooLarge;
    };
    suffix.reverse();
    let mut keep: Vec<Vec<bool>> = Vec::new();
    for (i, values) in contrib.iter().enumerate() {
        let (Some(p), Some(s)) = (prefix.get(i), suffix.get(i + 1)) else {
            return Step::TooLarge;
        };
        keep.push(
            values
                .iter()
                .map(|v| feasible(c.relation, p, *v, s, c.constant, c.tolerance))
                .collect(),
        );
    }
    if keep.iter().any(|k| !k.iter().any(|x| *x)) {
        return Step::Unsatisfiable;
    }
    let mut changed = false;
    for (i, &s) in order.iter().enumerate() {
        let Some(flags) = keep.get(i) else { continue };
        if flags.iter().all(|x| *x) {
            continue;
        }
        let Some(slot) = slots.get_mut(s) else {
            continue;
        };
        let kept: Vec<Vec<usize>> = slot
            .candidates
            .iter()
            .zip(flags)
            .filter(|(_, k)| **k)
            .map(|(c, _)| c.clone())
            .collect();
        slot.candidates = kept;
        changed = true;
    }
    if changed {
        Step::Pruned
    } else {
        Step::Unchanged
    }
}

/// Prunes every slot's candidates by the constraints until nothing changes.
/// Returns how many constraints could not be satisfied at all (the report's
/// own printed breaks) or were too large to search.
pub fn solve(slots: &mut [Slot], constraints: &[Constraint]) -> (usize, usize) {
    let mut work = MAX_WORK;
    solve_within(slots, constraints, &mut work)
}

/// [`solve`] spending at most `work` partial sums (decremented).
fn solve_within(
    slots: &mut [Slot],
    constraints: &[Constraint],
    work: &mut usize,
) -> (usize, usize) {
    let mut broken = 0;
    let mut too_large = 0;
    for _round in 0..20 {
        broken = 0;
        too_large = 0;
        let mut changed = false;
        for c in constraints {
            match propagate(slots, c, work) {
                Step::Pruned => changed = true,
                Step::Unsatisfiable => broken += 1,
                Step::TooLarge => too_large += 1,
                Step::Unchanged => {}
            }
        }
        if !changed {
            break;
        }
    }
    (broken, too_large)
}

/// Solves, then decides any slot left ambiguous by its first (leftmost)
/// candidate, one at a time with propagation in between. Returns the slots
/// that had to be decided that way.
pub fn solve_and_decide(slots: &mut [Slot], constraints: &[Constraint]) -> Vec<usize> {
    let mut work = MAX_WORK;
    let (mut broken, _) = solve_within(slots, constraints, &mut work);
    let mut decided = Vec::new();
    for i in 0..slots.len() {
        let count = slots.get(i).map_or(0, |s| s.candidates.len());
        if count <= 1 {
            continue;
        }
        decided.push(i);
        // Take the first candidate that breaks no identity the report kept;
        // a choice that contradicts the others would only move the error.
        let mut chosen = None;
        for c in 0..count.min(MAX_TRIALS) {
            let mut trial = slots.to_vec();
            if let Some(slot) = trial.get_mut(i) {
                let keep = slot.candidates.swap_remove(c);
                slot.candidates = vec![keep];
            }
            let (after, _) = solve_within(&mut trial, constraints, &mut work);
            if after <= broken {
                chosen = Some((trial, after));
                break;
            }
        }
        match chosen {
            Some((trial, after)) => {
                slots.clone_from_slice(&trial);
                broken = after;
            }
            None => {
                if let Some(slot) = slots.get_mut(i) {
                    slot.candidates.truncate(1);
                }
                broken = solve_within(slots, constraints, &mut work).0;
            }
        }
    }
    decided
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise::candidates::assignments;

    fn slot(cols: &[&str], nums: &[f64]) -> Slot {
        let columns: Vec<String> = cols.iter().map(|s| s.to_string()).collect();
        Slot {
            candidates: assignments(nums.len(), columns.len()),
            columns,
            numbers: nums.iter().map(|n| Some(*n)).collect(),
        }
    }

    fn sum_eq(parent: usize, children: &[usize], column: &str) -> Constraint {
        let mut terms = vec![Term {
            slot: parent,
            column: column.into(),
            sign: 1,
        }];
        terms.extend(children.iter().map(|c| Term {
            slot: *c,
            column: column.into(),
            sign: -1,
        }));
        Constraint {
            terms,
            constant: 0,
            relation: Relation::Eq,
            tolerance: 2,
        }
    }

    #[test]
    fn tree_sums_place_lone_numbers() {
        let cols = ["合计", "基本支出", "项目支出"];
        let mut slots = vec![
            slot(&cols, &[187.89, 89.89, 98.00]),
            slot(&cols, &[164.90, 66.90, 98.00]),
            slot(&cols, &[6.15, 6.15]),
            slot(&cols, &[6.11, 6.11]),
            slot(&cols, &[10.73, 10.73]),
        ];
        for s in slots.iter_mut() {
            s.candidates.retain(|c| c.first() == Some(&0));
        }
        let cons: Vec<Constraint> = cols.iter().map(|c| sum_eq(0, &[1, 2, 3, 4], c)).collect();
        let decided = solve_and_decide(&mut slots, &cons);
        assert!(decided.is_empty());
        for s in &slots[2..] {
            assert_eq!(s.candidates, vec![vec![0, 1]]);
        }
    }

    #[test]
    fn symmetric_choices_stay_ambiguous_and_are_reported() {
        let cols = ["合计", "基本支出", "项目支出"];
        let mut slots = vec![
            slot(&cols, &[2.0, 1.0, 1.0]),
            slot(&cols, &[1.0, 1.0]),
            slot(&cols, &[1.0, 1.0]),
        ];
        for s in slots.iter_mut() {
            s.candidates.retain(|c| c.first() == Some(&0));
        }
        let cons: Vec<Constraint> = cols.iter().map(|c| sum_eq(0, &[1, 2], c)).collect();
        let decided = solve_and_decide(&mut slots, &cons);
        assert_eq!(decided, vec![1]);
        assert_eq!(slots[1].candidates, vec![vec![0, 1]]);
        assert_eq!(
            slots[2].candidates,
            vec![vec![0, 2]],
            "propagation after the decision"
        );
    }

    #[test]
    fn inequality_prunes() {
        let cols = ["合计", "基本支出", "项目支出"];
        let mut slots = vec![slot(&cols, &[5.0, 5.0])];
        let c = Constraint {
            terms: vec![Term {
                slot: 0,
                column: "项目支出".into(),
                sign: 1,
            }],
            constant: -400,
            relation: Relation::Ge,
            tolerance: 2,
        };
        solve(&mut slots, &[c]);
        assert_eq!(
            slots[0].candidates,
            vec![vec![0, 2], vec![1, 2]],
            "only placements that fill 项目支出"
        );
    }
}
