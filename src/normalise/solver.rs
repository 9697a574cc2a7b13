//! Placing numbers by the report's own arithmetic. Each row with numbers is a
//! slot with candidate assignments; each identity (code tree sums, item sums,
//! table identities, cross-table rules) is a linear constraint over cells.
//! Constraints prune candidates that appear in no satisfying combination
//! (subset sums by dynamic programming, so a hundred ambiguous rows stay
//! cheap) until nothing changes; what remains ambiguous is decided leftmost
//! and reported.
//!
//! The search runs over candidate indices ([`Search`]): a constraint none of
//! whose slots changed since it was last checked (and that cost nothing from
//! the work budget) is not checked again, and a trial decision clones only
//! the index lists. `reference.rs` (tests only) keeps the direct
//! implementation the results are compared with.

mod propagate;
#[cfg(test)]
mod reference;

use crate::templates::rule::Relation;
use propagate::{Resolved, Scratch, Step};

/// Largest partial-sum set we build for one constraint before giving up on it.
const MAX_STATES: usize = 200_000;

/// Candidates tried for one ambiguous row before the first is taken as is.
const MAX_TRIALS: usize = 8;

/// Partial sums built in all, over every constraint and round of one
/// [`solve`] or [`decide`], before the rest is treated as too large: hostile
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
    pub columns: std::rc::Rc<[String]>,
    /// Its numbers in printed order (`None` for dashes).
    pub numbers: Vec<Option<f64>>,
    /// Assignments still possible: for each number, an index into `columns`.
    pub candidates: Vec<Vec<usize>>,
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

/// The constraints resolved once for one [`solve`] or [`decide`].
struct Problem<'a> {
    slots: &'a [Slot],
    constraints: Vec<Resolved>,
}

/// Where a search stands: the candidates still possible per slot (indices
/// into the slot's candidates as given) and what is known about each
/// constraint since its slots last changed.
#[derive(Clone)]
struct Search {
    alive: Vec<Vec<u32>>,
    /// When each slot's candidates last changed (a tick of `clock`).
    changed_at: Vec<u64>,
    /// Per constraint, the result of its last check and when it was made;
    /// kept only for checks that charged nothing to the work budget, which
    /// give the same result again while their slots are unchanged.
    known: Vec<Option<(Step, u64)>>,
    clock: u64,
}

impl Search {
    fn new(problem: &Problem<'_>) -> Search {
        Search {
            alive: problem
                .slots
                .iter()
                .map(|s| (0..s.candidates.len() as u32).collect())
                .collect(),
            changed_at: vec![0; problem.slots.len()],
            known: vec![None; problem.constraints.len()],
            clock: 1,
        }
    }

    fn touch(&mut self, slot: usize) {
        self.clock += 1;
        if let Some(t) = self.changed_at.get_mut(slot) {
            *t = self.clock;
        }
    }

    /// Keeps only the `k`th alive candidate of `slot` (the `k`th, or the
    /// first when `k` is out of range).
    fn decide(&mut self, slot: usize, k: usize) {
        if let Some(live) = self.alive.get_mut(slot) {
            let keep = live.get(k).or(live.first()).copied();
            live.clear();
            live.extend(keep);
        }
        self.touch(slot);
    }

    /// One constraint's step, or its known result when its slots have not
    /// changed since.
    fn step(
        &mut self,
        problem: &Problem<'_>,
        index: usize,
        scratch: &mut Scratch,
        work: &mut usize,
    ) -> Step {
        let Some(c) = problem.constraints.get(index) else {
            return Step::Unchanged;
        };
        if let Some(Some((step, at))) = self.known.get(index).copied() {
            let unchanged = c
                .slots()
                .all(|s| self.changed_at.get(s).is_none_or(|&t| t < at));
            if unchanged {
                return step;
            }
        }
        let mut changed = Vec::new();
        let outcome =
            scratch.propagate(index, c, problem.slots, &mut self.alive, work, &mut changed);
        for s in changed {
            self.touch(s);
        }
        self.clock += 1;
        if let Some(k) = self.known.get_mut(index) {
            *k = (outcome.charged == 0 && outcome.step != Step::Pruned)
                .then_some((outcome.step, self.clock));
        }
        outcome.step
    }

    /// Writes the alive candidates back into `slots`.
    fn write_back(self, slots: &mut [Slot]) {
        for (slot, live) in slots.iter_mut().zip(self.alive) {
            if live.len() == slot.candidates.len() {
                continue;
            }
            let mut all = std::mem::take(&mut slot.candidates);
            slot.candidates = live
                .into_iter()
                .filter_map(|k| all.get_mut(k as usize).map(std::mem::take))
                .collect();
        }
    }
}

/// Prunes every slot's candidates by the constraints until nothing changes.
/// Returns how many constraints could not be satisfied at all (the report's
/// own printed breaks) or were too large to search, and whether the
/// pruning settled, which lets [`decide`] start from where this stopped.
pub fn solve(slots: &mut [Slot], constraints: &[Constraint]) -> Solved {
    solve_with(slots, constraints, MAX_WORK)
}

/// How a [`solve`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Solved {
    /// Constraints no combination satisfies (the report's own breaks).
    pub broken: usize,
    /// Constraints whose partial sums grew past a bound.
    pub too_large: usize,
    /// When the last round pruned nothing and found nothing too large,
    /// the work its checks charged: a new search over the pruned slots
    /// would take that one round, charge as much, and find the same.
    settled: Option<usize>,
}

/// [`solve`] with a work budget of `work` partial sums.
fn solve_with(slots: &mut [Slot], constraints: &[Constraint], mut work: usize) -> Solved {
    with_search(slots, constraints, |problem, search, scratch| {
        solve_within(problem, search, scratch, &mut work)
    })
}

/// Runs `f` on a new search over `slots` under `constraints`, with this
/// thread's scratch, then writes the candidates it left into `slots`.
fn with_search<T>(
    slots: &mut [Slot],
    constraints: &[Constraint],
    mut f: impl FnMut(&Problem<'_>, &mut Search, &mut Scratch) -> T,
) -> T {
    let problem = Problem::new(slots, constraints);
    let mut search = Search::new(&problem);
    let result = with_scratch(&problem, |scratch| f(&problem, &mut search, scratch));
    search.write_back(slots);
    result
}

impl<'a> Problem<'a> {
    fn new(slots: &'a [Slot], constraints: &[Constraint]) -> Problem<'a> {
        Problem {
            slots,
            constraints: constraints
                .iter()
                .map(|c| Resolved::new(c, slots))
                .collect(),
        }
    }
}

/// [`solve`] spending at most `work` partial sums (decremented).
fn solve_within(
    problem: &Problem<'_>,
    search: &mut Search,
    scratch: &mut Scratch,
    work: &mut usize,
) -> Solved {
    let mut solved = Solved {
        broken: 0,
        too_large: 0,
        settled: None,
    };
    for _round in 0..20 {
        solved.broken = 0;
        solved.too_large = 0;
        let before = *work;
        let mut changed = false;
        for c in 0..problem.constraints.len() {
            match search.step(problem, c, scratch, work) {
                Step::Pruned => changed = true,
                Step::Unsatisfiable => solved.broken += 1,
                Step::TooLarge => solved.too_large += 1,
                Step::Unchanged => {}
            }
        }
        if !changed {
            solved.settled = (solved.too_large == 0).then(|| before - *work);
            break;
        }
    }
    solved
}

/// Decides any slot that [`solve`] left ambiguous (`slots` as it left
/// them, `solved` what it returned) by its first (leftmost) candidate that
/// breaks no identity the report kept, one at a time with propagation in
/// between. Returns the slots that had to be decided that way.
///
/// This gives what solving again from the start and then deciding gives
/// ([`solve_and_decide_with`] with a fresh budget), without solving again
/// when it can: nothing is left to decide, or the pruning settled, so a
/// new search would find in one round that nothing changes, with the same
/// breaks, charging the budget what the last round charged. Solving again
/// was a third of the solver's work on text reports.
pub fn decide(slots: &mut [Slot], constraints: &[Constraint], solved: &Solved) -> Vec<usize> {
    let mut work = MAX_WORK;
    decide_with(slots, constraints, solved, &mut work)
}

/// [`decide`] spending at most `work` partial sums (decremented).
fn decide_with(
    slots: &mut [Slot],
    constraints: &[Constraint],
    solved: &Solved,
    work: &mut usize,
) -> Vec<usize> {
    if slots.iter().all(|s| s.candidates.len() <= 1) {
        return Vec::new();
    }
    let Some(charged) = solved.settled else {
        return solve_and_decide_with(slots, constraints, work);
    };
    *work = work.saturating_sub(charged);
    with_search(slots, constraints, |problem, search, scratch| {
        decide_from(problem, search, scratch, work, solved.broken)
    })
}

/// Solves from the start, then decides as [`decide`] does: what [`decide`]
/// falls back on when the pruning did not settle (and what the tests
/// compare it with).
fn solve_and_decide_with(
    slots: &mut [Slot],
    constraints: &[Constraint],
    work: &mut usize,
) -> Vec<usize> {
    with_search(slots, constraints, |problem, search, scratch| {
        let broken = solve_within(problem, search, scratch, work).broken;
        decide_from(problem, search, scratch, work, broken)
    })
}

/// The decision phase on a search that has been solved, `broken`
/// constraints unsatisfiable.
fn decide_from(
    problem: &Problem<'_>,
    search: &mut Search,
    scratch: &mut Scratch,
    work: &mut usize,
    mut broken: usize,
) -> Vec<usize> {
    let mut decided = Vec::new();
    for i in 0..problem.slots.len() {
        let count = search.alive.get(i).map_or(0, Vec::len);
        if count <= 1 {
            continue;
        }
        decided.push(i);
        // Take the first candidate that breaks no identity the report kept;
        // a choice that contradicts the others would only move the error.
        let mut chosen = None;
        for c in 0..count.min(MAX_TRIALS) {
            let mut trial = search.clone();
            trial.decide(i, c);
            let after = solve_within(problem, &mut trial, scratch, work).broken;
            if after <= broken {
                chosen = Some((trial, after));
                break;
            }
        }
        match chosen {
            Some((trial, after)) => {
                *search = trial;
                broken = after;
            }
            None => {
                search.decide(i, 0);
                broken = solve_within(problem, search, scratch, work).broken;
            }
        }
    }
    decided
}

/// Partial-sum buffers above this many values are not kept for the next
/// problem (16 MB): a report's ordinary sets are far smaller.
const KEEP_VALUES: usize = 2_000_000;

thread_local! {
    /// The scratch buffers of this thread's solver, kept from one problem to
    /// the next: a report's partial-sum sets are large enough that fresh
    /// buffers for each cost more in page faults than the sums themselves.
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Runs `f` with this thread's scratch, set up for `problem`.
fn with_scratch<T>(problem: &Problem<'_>, mut f: impl FnMut(&mut Scratch) -> T) -> T {
    let mut run = |scratch: &mut Scratch| {
        scratch.start(problem.constraints.len(), KEEP_VALUES);
        f(scratch)
    };
    // A fresh scratch if this thread's is in use (never: `f` does not solve
    // again) or gone (thread teardown).
    match SCRATCH.try_with(|cell| cell.try_borrow_mut().ok().map(|mut s| run(&mut s))) {
        Ok(Some(v)) => v,
        _ => run(&mut Scratch::default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise::candidates::{assignments, value_of};

    fn slot(cols: &[&str], nums: &[f64]) -> Slot {
        let columns: Vec<String> = cols.iter().map(|s| s.to_string()).collect();
        Slot {
            candidates: assignments(nums.len(), columns.len()),
            columns: columns.into(),
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

    /// Solving, then deciding, as the normaliser does.
    fn solve_and_decide(slots: &mut [Slot], constraints: &[Constraint]) -> Vec<usize> {
        let solved = solve(slots, constraints);
        decide(slots, constraints, &solved)
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

    /// A fuzzer's report printed a 90-digit amount: its cents saturate at
    /// `i64::MAX`, and the sums of a step once overflowed (a panic where
    /// overflow is checked, as in tests). Amounts that large, and a mix of
    /// them of both signs, are solved without overflow; the small rows
    /// are still placed by their own identity.
    #[test]
    fn amounts_beyond_any_report_do_not_overflow_the_sums() {
        let cols = ["合计", "基本支出", "项目支出"];
        let huge = 2.2e89;
        let mut slots = vec![
            slot(&cols, &[huge, huge]),
            slot(&cols, &[huge, -huge, 1.0]),
            slot(&cols, &[-huge, 5.0]),
            slot(&cols, &[f64::MAX, f64::MIN]),
            slot(&cols, &[3.0, 3.0]),
            slot(&cols, &[1.0, 1.0]),
            slot(&cols, &[2.0, 2.0]),
        ];
        let mut cons: Vec<Constraint> = cols.iter().map(|c| sum_eq(0, &[1, 2, 3], c)).collect();
        cons.extend(cols.iter().map(|c| sum_eq(4, &[5, 6], c)));
        cons.push(Constraint {
            relation: Relation::Ge,
            ..sum_eq(3, &[0, 1, 2], "合计")
        });
        let _ = solve_and_decide(&mut slots, &cons);
        assert!(slots[5].candidates.contains(&vec![0, 1]));
        assert!(slots[6].candidates.contains(&vec![0, 1]));
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

    /// `n` amounts in cents, spread apart so that their subset sums are
    /// nearly all distinct.
    fn spread_amounts(n: u32) -> Vec<f64> {
        (0..n)
            .map(|i| {
                let i = f64::from(i);
                ((1000.0 + i * 370.37 + i * i * 113.11) * 100.0).round() / 100.0
            })
            .collect()
    }

    #[test]
    fn a_too_large_identity_is_too_large_again_in_the_next_problem() {
        // 22 rows of three numbers over four columns, 合计 the second: each
        // row adds its first number, its second or nothing to the 合计
        // total (every other row's first), so the sums of that identity run
        // past MAX_STATES in any order of the rows. The second problem finds
        // the step kept by the first (same contributions) and replays it.
        let cols = ["其他", "合计", "基本支出", "项目支出"];
        let firsts = spread_amounts(22);
        let total = (firsts.iter().step_by(2).sum::<f64>() * 100.0).round() / 100.0;
        let mut slots = vec![slot(&cols, &[total])];
        for first in &firsts {
            slots.push(slot(
                &cols,
                &[*first, first * 0.731 + 3.17, first * 1.377 + 11.3],
            ));
        }
        let children: Vec<usize> = (1..slots.len()).collect();
        let cons = vec![sum_eq(0, &children, "合计")];
        let mut first = slots.clone();
        let a = solve_with(&mut first, &cons, MAX_WORK);
        let mut second = slots.clone();
        let b = solve_with(&mut second, &cons, MAX_WORK);
        assert_eq!((a.broken, a.too_large), (0, 1), "(broken, too large)");
        assert_eq!(a, b);
        for (x, y) in first.iter().zip(&second) {
            assert_eq!(x.candidates, y.candidates);
        }
    }

    #[test]
    fn a_wide_total_first_does_not_make_its_identity_too_large() {
        // The total row first, as tables print it, and 30 rows each adding
        // its first number or nothing to the 合计 total, which is all of
        // them. In the terms' order the sums from the back ran past
        // MAX_STATES (22 rows did); added widest first (the total) they are
        // cut to what the rows still to add can reach: all in or all out.
        let cols = ["合计", "基本支出", "项目支出", "其他"];
        let firsts = spread_amounts(30);
        let total = (firsts.iter().sum::<f64>() * 100.0).round() / 100.0;
        let mut slots = vec![slot(&cols, &[total])];
        for (i, first) in firsts.iter().enumerate() {
            slots.push(slot(&cols, &[*first, 2.0 + i as f64 * 1.13]));
        }
        let children: Vec<usize> = (1..slots.len()).collect();
        let cons = vec![sum_eq(0, &children, "合计")];
        let solved = solve_with(&mut slots, &cons, MAX_WORK);
        assert_eq!((solved.broken, solved.too_large), (0, 0));
    }

    #[test]
    fn a_wide_inequality_prunes_by_its_extremes() {
        // 22 rows of three numbers over four columns, 合计 the second, and
        // their 合计 column at most 1500: each row may put its first
        // number, its second or nothing there. Every sum of the rows ran
        // past MAX_STATES; an inequality reads only the least sum, so no
        // row may put more than 1500 there, and what each row keeps is what
        // that bound alone allows.
        let cols = ["其他", "合计", "基本支出", "项目支出"];
        let firsts = spread_amounts(22);
        let mut slots = Vec::new();
        for first in &firsts {
            slots.push(slot(
                &cols,
                &[*first, first * 0.731 + 3.17, first * 1.377 + 11.3],
            ));
        }
        let cons = vec![Constraint {
            terms: (0..slots.len())
                .map(|s| Term {
                    slot: s,
                    column: "合计".into(),
                    sign: 1,
                })
                .collect(),
            constant: -150_000,
            relation: Relation::Le,
            tolerance: 2,
        }];
        let before = slots.clone();
        let solved = solve_with(&mut slots, &cons, MAX_WORK);
        assert_eq!((solved.broken, solved.too_large), (0, 0));
        for (s, b) in slots.iter().zip(&before) {
            let fits: Vec<&Vec<usize>> = b
                .candidates
                .iter()
                .filter(|c| value_of(&b.columns, &b.numbers, c, "合计") <= 1500.0)
                .collect();
            assert_eq!(s.candidates.iter().collect::<Vec<_>>(), fits);
        }
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

    /// A small deterministic generator (xorshift), so that a failure names
    /// its seed.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n.max(1) as u64) as usize
        }
    }

    const LABELS: [&str; 5] = ["合计", "基本支出", "项目支出", "其他", "缺"];

    /// Random slots and constraints: amounts drawn from a few values so that
    /// sums coincide, labels repeated within a row now and then, some
    /// candidates filtered out (sometimes all), terms on absent columns.
    /// Most constraints hold for a hidden choice of one candidate per slot
    /// (so they prune rather than simply fail); the rest are random.
    fn random_problem(
        rng: &mut Rng,
        max_slots: usize,
        max_numbers: usize,
        max_terms: usize,
    ) -> (Vec<Slot>, Vec<Constraint>) {
        let amounts = [0.0, 1.0, 2.0, 3.0, 5.0, 1.5, 2.5, 0.01, 4.99, 10.0];
        let slots: Vec<Slot> = (0..1 + rng.below(max_slots))
            .map(|_| {
                let n = 1 + rng.below(max_numbers + 1);
                let columns: Vec<String> =
                    (0..n).map(|_| LABELS[rng.below(4)].to_string()).collect();
                let k = rng.below(n.min(max_numbers) + 1);
                let numbers = (0..k)
                    .map(|_| {
                        let wide = rng.below(1_000_000) as f64 / 100.0;
                        let amount = if max_terms > 10 {
                            wide
                        } else {
                            amounts[rng.below(amounts.len())]
                        };
                        (rng.below(8) > 0).then_some(amount)
                    })
                    .collect();
                let mut candidates = assignments(k, n);
                if max_terms <= 10 && rng.below(3) == 0 {
                    let keep = rng.below(5);
                    candidates.retain(|_| rng.below(5) < keep);
                }
                Slot {
                    columns: columns.into(),
                    numbers,
                    candidates,
                }
            })
            .collect();
        let truth: Vec<usize> = slots
            .iter()
            .map(|s| rng.below(s.candidates.len()))
            .collect();
        let constraints = (0..1 + rng.below(3 * max_slots))
            .map(|_| {
                let terms: Vec<Term> = (0..1 + rng.below(max_terms))
                    .map(|_| Term {
                        slot: rng.below(slots.len()),
                        column: LABELS[rng.below(LABELS.len())].to_string(),
                        sign: if rng.below(2) == 0 { 1 } else { -1 },
                    })
                    .collect();
                let tolerance = rng.below(4) as i64;
                let held: i64 = terms
                    .iter()
                    .map(|t| {
                        let s = &slots[t.slot];
                        let cand = s.candidates.get(truth[t.slot]).cloned().unwrap_or_default();
                        let v = value_of(&s.columns, &s.numbers, &cand, &t.column);
                        t.sign * (v * 100.0).round() as i64
                    })
                    .sum();
                let constant = if rng.below(5) == 0 {
                    rng.below(1001) as i64 - 500
                } else {
                    rng.below(2 * tolerance as usize + 1) as i64 - tolerance - held
                };
                Constraint {
                    terms,
                    constant,
                    relation: [Relation::Eq, Relation::Eq, Relation::Ge, Relation::Le]
                        [rng.below(4)],
                    tolerance,
                }
            })
            .collect();
        (slots, constraints)
    }

    /// The random problem of `seed`, with the generator it leaves.
    fn seeded_problem(
        seed: u64,
        max_slots: usize,
        max_numbers: usize,
        max_terms: usize,
    ) -> (Rng, Vec<Slot>, Vec<Constraint>) {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let (slots, constraints) = random_problem(&mut rng, max_slots, max_numbers, max_terms);
        (rng, slots, constraints)
    }

    /// Candidates of every slot, for comparing two runs.
    fn kept(slots: &[Slot]) -> Vec<Vec<Vec<usize>>> {
        slots.iter().map(|s| s.candidates.clone()).collect()
    }

    /// The solver against the reference (which builds every partial-sum set
    /// in full, in the terms' order; the solver's sets of an equality hold
    /// only the sums that can still reach it, built widest group first from
    /// the back, so they are smaller and its work runs out later, which
    /// these comparisons check rather than assume). With the budget given,
    /// the two must agree wherever the reference did not run out; given all
    /// the work they need, wherever no set of the reference grew past
    /// `MAX_STATES`. Returns how many of the four comparisons were made.
    fn same_as_reference(
        seed: u64,
        max_slots: usize,
        max_numbers: usize,
        max_terms: usize,
    ) -> usize {
        let (mut rng, slots, constraints) = seeded_problem(seed, max_slots, max_numbers, max_terms);
        // Small problems never charge the budget; large ones get a random
        // one, so that it runs out at any point of the search.
        let work = if max_terms > 10 {
            rng.below(60_000)
        } else {
            MAX_WORK
        };
        let unlimited = usize::MAX / 4;
        // One run: solving gives its counts, deciding the slots it decided;
        // either way with every slot's candidates after.
        let run = |deciding: bool, budget: usize, reference: bool| {
            let mut s = slots.clone();
            let result = match (deciding, reference) {
                (false, true) => {
                    let (broken, too_large) = reference::solve(&mut s, &constraints, budget);
                    vec![broken, too_large]
                }
                (false, false) => {
                    let solved = solve_with(&mut s, &constraints, budget);
                    vec![solved.broken, solved.too_large]
                }
                (true, true) => reference::solve_and_decide(&mut s, &constraints, budget),
                (true, false) => {
                    let mut left = budget;
                    solve_and_decide_with(&mut s, &constraints, &mut left)
                }
            };
            (result, kept(&s))
        };
        // All the work needed: the same wherever no set of the reference
        // grew too large. The budget given: the same wherever it did not
        // bite the reference (it gives what it gives without one).
        let full = run(false, unlimited, true).0.get(1) == Some(&0);
        let mut compared = 0;
        for deciding in [false, true] {
            let old_full = run(deciding, unlimited, true);
            if full {
                compared += 1;
                let new = run(deciding, unlimited, false);
                assert_eq!(new, old_full, "seed {seed}, deciding {deciding}: all work");
            }
            let old = run(deciding, work, true);
            if old == old_full {
                compared += 1;
                let new = run(deciding, work, false);
                assert_eq!(new, old, "seed {seed}, deciding {deciding}, work {work}");
            }
        }
        compared
    }

    #[test]
    fn small_random_problems_solve_as_the_reference_does() {
        for seed in 0..4000 {
            // Nothing charged: every comparison is made.
            assert_eq!(same_as_reference(seed, 6, 4, 6), 4, "seed {seed}");
        }
    }

    #[test]
    fn a_large_step_that_pruned_prunes_alike_when_replayed() {
        // 26 rows of two numbers over four columns, each adding one of its
        // numbers or nothing to the 合计 total: thousands of sums, past
        // SMALL_SET, so the step is charged and kept. A 27th row's first
        // number is too large to be part of the total, so the step prunes
        // the placements that put it there. Solved again, the step is
        // replayed: the same pruning.
        let (slots, cons) = half_in_the_total(Some(1_000_000.0));
        let solve_once = || {
            let mut s = slots.clone();
            let counts = solve_with(&mut s, &cons, MAX_WORK);
            (counts, kept(&s))
        };
        let first = solve_once();
        assert!(first.0.settled > Some(0), "the sets were charged");
        let last = first.1.last().map_or(0, Vec::len);
        assert!(last < kept(&slots).last().map_or(0, Vec::len), "pruned");
        assert_eq!(solve_once(), first);
    }

    /// Deciding where solving left off against solving again from the
    /// start and then deciding (as the normaliser did before), on random
    /// problems and budgets `work`: the same decisions and candidates. Returns
    /// whether deciding started from where solving left off with a slot
    /// still to decide.
    fn decides_as_solving_again(
        seed: u64,
        max_slots: usize,
        max_numbers: usize,
        max_terms: usize,
        work: usize,
    ) -> bool {
        let (_, slots, constraints) = seeded_problem(seed, max_slots, max_numbers, max_terms);
        let (open, solved) = decide_both_ways(&slots, &constraints, work);
        open && solved.settled.is_some()
    }

    /// Decides `slots` where solving left off and by solving again, with
    /// budget `work`, and asserts the same decisions and candidates, and
    /// the same work left where there was something to decide (when
    /// nothing was, what is left is never used). Returns whether there
    /// was, and how solving ended.
    fn decide_both_ways(slots: &[Slot], constraints: &[Constraint], work: usize) -> (bool, Solved) {
        let mut again = slots.to_vec();
        solve_with(&mut again, constraints, work);
        let mut left_again = work;
        let decided_again = solve_and_decide_with(&mut again, constraints, &mut left_again);
        let mut on = slots.to_vec();
        let solved = solve_with(&mut on, constraints, work);
        let open = on.iter().any(|s| s.candidates.len() > 1);
        let mut left_on = work;
        let decided_on = decide_with(&mut on, constraints, &solved, &mut left_on);
        assert_eq!(decided_on, decided_again, "work {work}");
        assert_eq!(kept(&on), kept(&again), "work {work}");
        if open {
            assert_eq!(left_on, left_again, "work {work}");
        }
        (open, solved)
    }

    /// 26 rows of two numbers over four columns (and one more whose first
    /// number is `extra`), each adding its first number or nothing to the
    /// 合计 total, which holds every other row's: thousands of partial
    /// sums, past SMALL_SET, even in the solver's narrowest-first order.
    fn half_in_the_total(extra: Option<f64>) -> (Vec<Slot>, Vec<Constraint>) {
        let cols = ["合计", "基本支出", "项目支出", "其他"];
        let firsts = spread_amounts(26);
        let total = (firsts.iter().step_by(2).sum::<f64>() * 100.0).round() / 100.0;
        let mut slots = vec![slot(&cols, &[total])];
        for (i, first) in firsts.iter().chain(extra.as_ref()).enumerate() {
            slots.push(slot(&cols, &[*first, 2.0 + i as f64 * 1.13]));
        }
        let children: Vec<usize> = (1..slots.len()).collect();
        (slots, vec![sum_eq(0, &children, "合计")])
    }

    #[test]
    fn deciding_where_solving_left_off_is_solving_again_then_deciding() {
        let small = (0..4000)
            .filter(|&seed| decides_as_solving_again(seed, 6, 4, 6, MAX_WORK))
            .count();
        // Budgets from none to more than these problems need, so that it
        // runs out at any point of the decisions.
        let large = (0..120)
            .filter(|&seed| decides_as_solving_again(seed, 40, 7, 40, (seed as usize % 40) * 1_500))
            .count();
        // Both kinds of problem reach the decisions without solving again.
        assert!(
            small >= 100,
            "{small} small problems decided from where solving left off"
        );
        assert!(
            large >= 5,
            "{large} large problems decided from where solving left off"
        );
    }

    #[test]
    fn deciding_after_a_large_settled_solve_charges_what_solving_again_would() {
        // 26 rows of two numbers over four columns, half of them adding
        // their first number to the 合计 total: thousands of partial sums
        // (past SMALL_SET, so charged) in a solve that settles with the
        // rows' other columns still open. Whatever the budget, deciding
        // from there decides, keeps and leaves what solving again would.
        let (slots, cons) = half_in_the_total(None);
        let mut solved_slots = slots.clone();
        let solved = solve_with(&mut solved_slots, &cons, MAX_WORK);
        let charged = solved.settled.unwrap_or(0);
        assert!(charged > 0, "the settled round was charged");
        for work in [MAX_WORK, charged, charged + 1, 3 * charged, 7 * charged] {
            assert!(
                decide_both_ways(&slots, &cons, work).0,
                "open after solving"
            );
        }
    }

    #[test]
    fn large_random_problems_solve_as_the_reference_does() {
        // Many slots with many placements: partial-sum sets past SMALL_SET,
        // so the work budget is charged (and sometimes runs out).
        let compared: usize = (0..60).map(|seed| same_as_reference(seed, 40, 7, 40)).sum();
        // Most comparisons are made (the budget bites in some).
        assert!(compared >= 200, "{compared} of 240 comparisons made");
    }
}
