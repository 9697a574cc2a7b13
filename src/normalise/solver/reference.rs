//! The solver as first written (one allocation-heavy pass per constraint,
//! every slot's partial sums sorted anew), kept for tests only: the search
//! in `solver.rs` must give exactly its results.

use super::{Constraint, MAX_STATES, MAX_TRIALS, SMALL_SET, Slot};
use crate::normalise::candidates::value_of;
use crate::templates::rule::Relation;

fn cents(slot: &Slot, cand: &[usize], column: &str) -> i64 {
    (value_of(&slot.columns, &slot.numbers, cand, column) * 100.0).round() as i64
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
                        .map(|t| t.sign * cents(slot, cand, &t.column))
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
pub(super) fn solve(
    slots: &mut [Slot],
    constraints: &[Constraint],
    mut work: usize,
) -> (usize, usize) {
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
pub(super) fn solve_and_decide(
    slots: &mut [Slot],
    constraints: &[Constraint],
    mut work: usize,
) -> Vec<usize> {
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
