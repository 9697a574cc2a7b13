//! One constraint's propagation step, without per-call allocation.
//!
//! A constraint `Σ terms + constant (relation) 0` prunes the candidates of
//! its slots that appear in no satisfying combination. Slots whose candidates
//! all contribute the same amount (nearly every slot once a report is half
//! placed) are folded into the constant: only the slots that still have a
//! choice need partial-sum sets, and those are merged from sorted runs into
//! buffers kept between calls. For an equality (every identity the
//! normaliser makes is one), a set keeps only the sums that the groups
//! still to add can bring into the equality's interval: the others belong
//! to no satisfying combination, so no candidate's fate changes, while the
//! sets shrink (on text input, where rows lose their columns, they were
//! the solver's cost). An inequality (a grammar's cross-table `>=`) reads
//! only the least or the greatest sum, so its sets hold just those two.
//! The groups with a choice are added narrowest first from the front and
//! so widest first from the back (see [`Scratch::order_multi`]): a set is
//! cut to what the groups still to add can reach, so adding the wide
//! groups while the narrow ones remain keeps it small. The work budget is
//! charged for the sets actually built, so a hostile report is stopped by
//! the work it makes, whatever the order.

use super::{Constraint, MAX_STATES, SMALL_SET, Slot, Term};
use crate::templates::rule::Relation;
use smallvec::SmallVec;
use std::collections::VecDeque;

/// Outcome of one propagation step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    /// Some candidates were removed.
    Pruned,
    /// Nothing to remove.
    Unchanged,
    /// No combination satisfies the constraint.
    Unsatisfiable,
    /// The partial-sum sets grew past a bound.
    TooLarge,
}

/// A constraint's terms on one slot, columns resolved to indices.
#[derive(Debug)]
struct Group {
    slot: usize,
    /// `(column indices carrying the term's label, sign)` per term: a
    /// label names one column nearly always, so the indices are held
    /// inline (a `Vec` each was 100,000 allocations over 44 text reports),
    /// and a slot is nearly always one term of a constraint, so the terms
    /// are too.
    terms: SmallVec<[(SmallVec<[usize; 2]>, i64); 1]>,
}

/// A constraint with its terms grouped by slot (ascending) and its column
/// labels resolved once, so that a step compares indices, not strings.
#[derive(Debug)]
pub(super) struct Resolved {
    groups: Vec<Group>,
    constant: i64,
    relation: Relation,
    tolerance: i64,
    /// The largest magnitude one term may contribute ([`term_bound`]).
    bound: i64,
}

/// What the constant, the tolerance and the terms of one constraint may
/// each reach in magnitude, in cents. Every sum a step forms (partial sums,
/// the constant with the settled contributions folded in, an interval's
/// ends less a sum) then stays below `i64::MAX`: amounts come from the
/// report's text as `f64`, and a hostile report's 90-digit number, turned
/// into saturated cents, once made a sum overflow (a panic where overflow
/// is checked, a wrong sum where it wraps).
const SUM_LIMIT: i64 = 1 << 60;

/// The bound on one term's contribution in a constraint of `terms` terms:
/// all of them together stay within [`SUM_LIMIT`]. About 10^16 cents for a
/// table of a hundred rows, far above any amount a report prints; a
/// larger amount is taken as the bound, which only a hostile report has.
fn term_bound(terms: usize) -> i64 {
    let terms = i64::try_from(terms).unwrap_or(i64::MAX);
    SUM_LIMIT / terms.saturating_add(1)
}

impl Resolved {
    /// Groups `c`'s terms by slot and resolves their columns in `slots`.
    pub(super) fn new(c: &Constraint, slots: &[Slot]) -> Resolved {
        // The terms in slot order, each slot's in their own order (a stable
        // sort; none when they are in order already, as the normaliser
        // mostly writes them), then cut into one group per slot.
        let groups = if c.terms.is_sorted_by_key(|t| t.slot) {
            groups_of(c.terms.iter(), slots)
        } else {
            let mut order: Vec<&Term> = c.terms.iter().collect();
            order.sort_by_key(|t| t.slot);
            groups_of(order.into_iter(), slots)
        };
        Resolved {
            groups,
            constant: c.constant.clamp(-SUM_LIMIT, SUM_LIMIT),
            relation: c.relation,
            tolerance: c.tolerance.clamp(-SUM_LIMIT, SUM_LIMIT),
            bound: term_bound(c.terms.len()),
        }
    }

    /// The slots this constraint reads.
    pub(super) fn slots(&self) -> impl Iterator<Item = usize> + '_ {
        self.groups.iter().map(|g| g.slot)
    }
}

/// Terms in slot order cut into one group per slot, their columns
/// resolved in `slots`.
fn groups_of<'t>(terms: impl ExactSizeIterator<Item = &'t Term>, slots: &[Slot]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::with_capacity(terms.len());
    for t in terms {
        let columns = slots.get(t.slot).map_or(&[][..], |s| &s.columns[..]);
        let matches = (0..columns.len())
            .filter(|&i| columns.get(i).is_some_and(|l| *l == t.column))
            .collect();
        match groups.last_mut() {
            Some(g) if g.slot == t.slot => g.terms.push((matches, t.sign)),
            _ => groups.push(Group {
                slot: t.slot,
                terms: smallvec::smallvec![(matches, t.sign)],
            }),
        }
    }
    groups
}

/// Buffers reused from one step to the next.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    /// Contribution of each alive candidate, group after group.
    values: Vec<i64>,
    /// Where each group's values start in `values` (one more entry at the end).
    starts: Vec<usize>,
    /// Each group's distinct contributions, sorted.
    distinct: Vec<i64>,
    /// Where each group's distinct values start in `distinct`.
    dstarts: Vec<usize>,
    /// Groups with more than one distinct contribution, in the order their
    /// partial sums are built ([`Scratch::order_multi`]).
    multi: Vec<usize>,
    /// Each group of `multi`'s spread and index, the sort's scratch.
    spreads: Vec<(i64, usize)>,
    /// `prefix[t]`: every sum of the first `t` groups of `multi`.
    prefix: Vec<Vec<i64>>,
    /// `suffix[t]`: every sum of the groups of `multi` from `t` on.
    suffix: Vec<Vec<i64>>,
    /// Feasibility of each distinct value of the group being checked.
    ok: Vec<bool>,
    /// A spare buffer for merging.
    spare: Vec<i64>,
    /// Each constraint's last step that removed nothing, by constraint
    /// index (see [`Memo`]).
    memo: Vec<Option<Memo>>,
    /// Memos of earlier problems, their buffers kept for the next ones:
    /// a fresh memo per repeatable step (three vectors) was a third of the
    /// solver's allocations.
    spare_memos: Vec<Memo>,
    /// The charges of the step being taken, `(set size, options)` in order.
    charges: Vec<(usize, usize)>,
    /// The step being taken built a set past [`MAX_STATES`]: too large
    /// whatever the budget left, so as repeatable as a step that removed
    /// nothing.
    past_max_states: bool,
    /// The latest steps that built large sets (charged to the budget, or
    /// past [`MAX_STATES`]), by all they were computed from, kept across
    /// problems: a report's normaliser solves the same table's identities
    /// more than once (drafts, column readings, trials), and rebuilding
    /// such sets is most of the solver's work on the reports that have
    /// them.
    large: VecDeque<LargeStep>,
}

/// Large steps kept in [`Scratch::large`].
const LARGE_KEPT: usize = 16;

/// A step that built large sets: the same constraint (relation, constant,
/// tolerance) over the same distinct contributions builds the same sets,
/// after the same charges, and finds the same values feasible, so a later
/// step replays it instead.
#[derive(Debug)]
struct LargeStep {
    relation: Relation,
    constant: i64,
    tolerance: i64,
    memo: Memo,
    /// For a step that pruned, the feasibility of each distinct value of
    /// each group with a choice (as [`Scratch::ok`]); empty otherwise.
    ok: Vec<bool>,
}

/// A step that removed nothing (or built a set past [`MAX_STATES`], or, in
/// a [`LargeStep`], any step that built large sets), kept with what it was
/// computed from: the distinct contributions of every group. A later step
/// of the same constraint over the same contributions (its slots lost only
/// candidates that contribute nothing new to it, or a trial of the decision
/// phase came back to them) has the same outcome and builds the same
/// partial sums; it replays the charges of that build instead (so the work
/// budget runs out at the same point) and skips the building.
#[derive(Debug)]
struct Memo {
    dstarts: Vec<usize>,
    distinct: Vec<i64>,
    charges: Vec<(usize, usize)>,
    step: Step,
}

impl Memo {
    /// The values its buffers have room for.
    fn held(&self) -> usize {
        self.dstarts.capacity() + self.distinct.capacity() + self.charges.capacity()
    }

    /// Whether the step was computed from these contributions.
    fn covers(&self, dstarts: &[usize], distinct: &[i64]) -> bool {
        self.dstarts == dstarts && self.distinct == distinct
    }

    /// The step's outcome, its charges replayed against `work`: too large
    /// (nothing charged) where one no longer fits, as the step itself
    /// would be; a too-large step reports nothing charged either, as when
    /// it is taken.
    fn replay(&self, work: &mut usize) -> Outcome {
        let mut charged = 0;
        for &(len, options) in &self.charges {
            if !charge(len, options, work, &mut charged) {
                return Outcome {
                    step: Step::TooLarge,
                    charged: 0,
                };
            }
        }
        let charged = if self.step == Step::TooLarge {
            0
        } else {
            charged
        };
        Outcome {
            step: self.step,
            charged,
        }
    }
}

/// What an equality's partial sums may keep: the sum of the groups with a
/// choice must fall in `lo..=hi`, and those groups together contribute
/// between `least` and `most`.
#[derive(Debug, Clone, Copy)]
struct Reach {
    lo: i64,
    hi: i64,
    least: i64,
    most: i64,
}

/// What one step did to the work budget.
pub(super) struct Outcome {
    /// The step's result.
    pub(super) step: Step,
    /// Partial sums charged to the budget (0 for small sets).
    pub(super) charged: usize,
}

/// The value an assignment gives a term's column, as `value_of` defines it:
/// the first number placed in a column with the term's label, 0 otherwise.
fn cents(cand: &[usize], numbers: &[Option<f64>], matches: &[usize]) -> i64 {
    let value = cand
        .iter()
        .zip(numbers)
        .find(|(c, _)| matches.contains(c))
        .and_then(|(_, v)| *v)
        .unwrap_or(0.0);
    (value * 100.0).round() as i64
}

/// Charges a partial-sum step from a set of `len` sums by `options`
/// choices; false (and the budget emptied) when it does not fit.
fn charge(len: usize, options: usize, work: &mut usize, charged: &mut usize) -> bool {
    // Small sets cost nothing worth counting; the budget is for the large
    // ones that hostile input can make every round rebuild.
    let size = len.saturating_mul(options).saturating_sub(SMALL_SET);
    if size > *work {
        *work = 0;
        return false;
    }
    *work -= size;
    *charged += size;
    true
}

/// `out` = every `p + o` (sorted, distinct) for `p` in `prev`, `o` in
/// `options` (both sorted, distinct) that falls within `window`, merging the
/// shifted runs. Each run is cut to the window before it is merged, which
/// gives the same set as building every sum and keeping the window after
/// (as this did before, when 40 % of what was merged on text input was
/// then thrown away).
fn sumset(
    prev: &[i64],
    options: &[i64],
    window: Option<(i64, i64)>,
    out: &mut Vec<i64>,
    spare: &mut Vec<i64>,
) {
    out.clear();
    if options.len() > 8 {
        make_room(out, prev.len().saturating_mul(options.len()));
        for &o in options {
            out.extend(in_window(prev, o, window).iter().map(|p| p + o));
        }
        out.sort_unstable();
        out.dedup();
        return;
    }
    let mut first = true;
    for &o in options {
        let run = in_window(prev, o, window);
        if first {
            make_room(out, run.len());
            out.extend(run.iter().map(|p| p + o));
            first = false;
            continue;
        }
        merge_shifted(out, run, o, spare);
        std::mem::swap(out, spare);
    }
}

/// `out` = the least and the greatest of every `p + o` for `p` in `prev`, `o`
/// in `options` (both sorted): all an inequality reads of its partial sums
/// ([`feasible`] takes the greatest sum for `>=`, the least for `<=`), so
/// its sets stay two sums long however many groups have a choice, where
/// every sum once made such a constraint too large to search.
fn extremes(prev: &[i64], options: &[i64], out: &mut Vec<i64>) {
    out.clear();
    if let (Some(p0), Some(p1), Some(o0), Some(o1)) =
        (prev.first(), prev.last(), options.first(), options.last())
    {
        out.push(p0 + o0);
        if p1 + o1 != p0 + o0 {
            out.push(p1 + o1);
        }
    }
}

/// The values `p` of `set` (sorted) whose `p + o` falls within `window`
/// (`lo..=hi`); all of `set` without a window.
fn in_window(set: &[i64], o: i64, window: Option<(i64, i64)>) -> &[i64] {
    let Some((lo, hi)) = window else {
        return set;
    };
    let start = set.partition_point(|&p| p + o < lo);
    let end = set.partition_point(|&p| p + o <= hi).max(start);
    set.get(start..end).unwrap_or_default()
}

/// Writes the union of `a` and every `p + o` for `p` in `b` (both sorted,
/// distinct) into `out`, sorted and distinct. Branch-free: the smaller head is
/// written and each side steps on when its head was taken (both on a tie),
/// so random sums cost no mispredicted branches. Values are written a
/// block at a time into a buffer on the stack and appended to `out` (room
/// made beforehand): a push per value checked `out`'s room and stored its
/// length every time, a third of the merge's instructions; zero-filling
/// `out` to its final length first (as it once was) was 3 % of reading a
/// text report, in `memset`.
fn merge_shifted(a: &[i64], b: &[i64], o: i64, out: &mut Vec<i64>) {
    make_room(out, a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    let mut block = [0i64; 64];
    loop {
        let mut n = 0;
        for slot in &mut block {
            let (Some(&x), Some(&p)) = (a.get(i), b.get(j)) else {
                break;
            };
            let y = p + o;
            *slot = x.min(y);
            i += usize::from(x <= y);
            j += usize::from(y <= x);
            n += 1;
        }
        out.extend_from_slice(block.get(..n).unwrap_or_default());
        if n < block.len() {
            break;
        }
    }
    out.extend_from_slice(a.get(i..).unwrap_or_default());
    out.extend(b.get(j..).unwrap_or_default().iter().map(|p| p + o));
}

/// Empties `out` with room for `needed` values. A buffer too small is
/// replaced rather than grown: growing an emptied `Vec` reallocates, which
/// copies the old contents that are no longer wanted.
fn make_room(out: &mut Vec<i64>, needed: usize) {
    if out.capacity() < needed {
        *out = Vec::with_capacity(needed.max(out.capacity().saturating_mul(2)));
    } else {
        out.clear();
    }
}

/// Is `value` (one slot's contribution) part of a combination with one
/// sum from `prefix` and one from `suffix` that satisfies the relation?
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
        Relation::Eq => {
            // Some p + s in [lo, hi]: one search of the larger set per
            // member of the smaller (the sets are symmetric in this).
            let (lo, hi) = (-constant - tol - value, -constant + tol - value);
            let (small, large) = if prefix.len() <= suffix.len() {
                (prefix, suffix)
            } else {
                (suffix, prefix)
            };
            small.iter().any(|a| {
                let i = large.partition_point(|b| *b < lo - a);
                large.get(i).is_some_and(|b| *b <= hi - a)
            })
        }
    }
}

/// The range of group `g`'s entries, given where each group starts.
fn span(starts: &[usize], g: usize) -> std::ops::Range<usize> {
    let from = starts.get(g).copied().unwrap_or(0);
    from..starts.get(g + 1).copied().unwrap_or(from)
}

impl Scratch {
    /// Fills `values`/`distinct` for every group of `c` from the alive
    /// candidates.
    fn contributions(&mut self, c: &Resolved, slots: &[Slot], alive: &[Vec<u32>]) {
        self.values.clear();
        self.starts.clear();
        self.distinct.clear();
        self.dstarts.clear();
        for g in &c.groups {
            let from = self.values.len();
            self.starts.push(from);
            self.dstarts.push(self.distinct.len());
            let (Some(slot), Some(live)) = (slots.get(g.slot), alive.get(g.slot)) else {
                continue;
            };
            for &k in live {
                let cand = slot.candidates.get(k as usize).map_or(&[][..], |c| &c[..]);
                let v: i64 = g
                    .terms
                    .iter()
                    .map(|(m, sign)| {
                        sign.saturating_mul(cents(cand, &slot.numbers, m))
                            .clamp(-c.bound, c.bound)
                    })
                    .sum();
                self.values.push(v);
            }
            self.spare.clear();
            self.spare
                .extend_from_slice(self.values.get(from..).unwrap_or_default());
            self.spare.sort_unstable();
            self.spare.dedup();
            self.distinct.extend_from_slice(&self.spare);
        }
        self.starts.push(self.values.len());
        self.dstarts.push(self.distinct.len());
    }

    /// Builds the partial-sum sets of the groups with a choice, front to
    /// back (`prefix`) or back to front (`suffix`), the first set being
    /// {0}, in `multi`'s order, charging the budget for every set built.
    /// None when a bound is hit.
    ///
    /// For an equality, the prefix sets are built after the suffix sets and
    /// keep only the sums that some sum of the groups after them completes
    /// into the interval ([`keep_completable`]): no satisfying combination
    /// holds the others, so no feasibility changes, and the prefix sets
    /// shrink to the few sums that are part of a solution.
    fn partial_sums(
        &mut self,
        forward: bool,
        relation: Relation,
        reach: Option<Reach>,
        work: &mut usize,
        charged: &mut usize,
    ) -> Option<()> {
        let mut sets = std::mem::take(if forward {
            &mut self.prefix
        } else {
            &mut self.suffix
        });
        // Suffix set `k` holds the sums of the last `k` groups of `multi`.
        let count = self.multi.len();
        ensure(&mut sets, 1);
        if let Some(s) = sets.first_mut() {
            s.clear();
            s.push(0);
        }
        let mut result = Some(());
        // The range of the sums of the groups with a choice not yet added.
        let (mut rest_min, mut rest_max) = reach.map_or((0, 0), |r| (r.least, r.most));
        // Group `i` adds to set `i` (the sums of the groups before it) to
        // make set `i + 1`.
        for i in 0..count {
            let at = if forward { i } else { count - 1 - i };
            let g = self.multi.get(at).copied().unwrap_or_default();
            let options = self
                .distinct
                .get(span(&self.dstarts, g))
                .unwrap_or_default();
            if let (Some(lo), Some(hi)) = (options.first(), options.last()) {
                rest_min = rest_min.saturating_sub(*lo);
                rest_max = rest_max.saturating_sub(*hi);
            }
            let len = sets.get(i).map_or(0, Vec::len);
            self.charges.push((len, options.len()));
            if !charge(len, options.len(), work, charged) {
                result = None;
                break;
            }
            ensure(&mut sets, i + 2);
            let (done, rest) = sets.split_at_mut(i + 1);
            let (Some(prev), Some(out)) = (done.last(), rest.first_mut()) else {
                result = None;
                break;
            };
            let window =
                reach.map(|r| (r.lo.saturating_sub(rest_max), r.hi.saturating_sub(rest_min)));
            if relation == Relation::Eq {
                sumset(prev, options, window, out, &mut self.spare);
            } else {
                extremes(prev, options, out);
            }
            if let Some(r) = reach
                && forward
                && let Some(rest) = self.suffix.get(count.saturating_sub(i + 1))
            {
                keep_completable(out, rest, r.lo, r.hi);
            }
            if out.len() > MAX_STATES {
                self.past_max_states = true;
                result = None;
                break;
            }
        }
        if forward {
            self.prefix = sets;
        } else {
            self.suffix = sets;
        }
        result
    }

    /// For an equality, what its partial sums may keep (see [`Reach`]):
    /// the constraint's tolerance around minus its constant and the
    /// contributions of the groups without a choice, and the range of the
    /// groups with one. None for an inequality (only the sets' extremes are
    /// read) or when a group has no candidate left (nothing satisfies it;
    /// the step finds that).
    fn reach(&self, c: &Resolved, count: usize) -> Option<Reach> {
        if c.relation != Relation::Eq {
            return None;
        }
        let mut constant = c.constant;
        let (mut least, mut most) = (0i64, 0i64);
        for g in 0..count {
            match self.distinct.get(span(&self.dstarts, g))? {
                [] => return None,
                [v] => constant = constant.saturating_add(*v),
                [first, .., last] => {
                    least = least.saturating_add(*first);
                    most = most.saturating_add(*last);
                }
            }
        }
        let centre = constant.saturating_neg();
        Some(Reach {
            lo: centre.saturating_sub(c.tolerance),
            hi: centre.saturating_add(c.tolerance),
            least,
            most,
        })
    }

    /// Forgets the steps of the previous problem's constraints (memos are
    /// by constraint index) and gives up buffers grown past `keep` values,
    /// so that a thread's scratch does not hold a hostile report's sets.
    pub(super) fn start(&mut self, constraints: usize, keep: usize) {
        let spare = &mut self.spare_memos;
        spare.extend(self.memo.drain(..).flatten());
        self.memo.resize_with(constraints, || None);
        let held: usize = self
            .prefix
            .iter()
            .chain(&self.suffix)
            .map(Vec::capacity)
            .sum::<usize>()
            + self.spare.capacity()
            + self.spare_memos.iter().map(Memo::held).sum::<usize>();
        if held > keep {
            self.prefix = Vec::new();
            self.suffix = Vec::new();
            self.spare = Vec::new();
            self.spare_memos = Vec::new();
        }
    }

    /// The outcome of constraint `index`'s last step, when it removed
    /// nothing and was computed from the contributions just filled in:
    /// its charges replayed against `work`.
    fn replay(&self, index: usize, work: &mut usize) -> Option<Outcome> {
        let memo = self.memo.get(index)?.as_ref()?;
        memo.covers(&self.dstarts, &self.distinct)
            .then(|| memo.replay(work))
    }

    /// One propagation step of constraint `index` (`c`) over the alive
    /// candidates; the slots it pruned are pushed onto `changed`.
    pub(super) fn propagate(
        &mut self,
        index: usize,
        c: &Resolved,
        slots: &[Slot],
        alive: &mut [Vec<u32>],
        work: &mut usize,
        changed: &mut Vec<usize>,
    ) -> Outcome {
        self.contributions(c, slots, alive);
        if let Some(outcome) = self.replay(index, work) {
            return outcome;
        }
        if let Some(outcome) = self.replay_large(c, alive, work, changed) {
            return outcome;
        }
        self.charges.clear();
        self.past_max_states = false;
        let outcome = self.step(c, alive, work, changed);
        let large = match outcome.step {
            Step::TooLarge => self.past_max_states,
            _ => outcome.charged > 0,
        };
        if large {
            self.keep_large(c, outcome.step);
        }
        let repeatable = match outcome.step {
            Step::Unchanged | Step::Unsatisfiable => true,
            Step::TooLarge => self.past_max_states,
            Step::Pruned => false,
        };
        if repeatable && let Some(memo) = self.memo.get_mut(index) {
            let spare = &mut self.spare_memos;
            let kept = memo.get_or_insert_with(|| {
                spare.pop().unwrap_or(Memo {
                    dstarts: Vec::new(),
                    distinct: Vec::new(),
                    charges: Vec::new(),
                    step: outcome.step,
                })
            });
            kept.dstarts.clone_from(&self.dstarts);
            kept.distinct.clone_from(&self.distinct);
            kept.charges.clone_from(&self.charges);
            kept.step = outcome.step;
        }
        outcome
    }

    /// The outcome of a step of `c` over the contributions just filled in
    /// when a kept large step was computed from the same ones: its charges
    /// replayed against `work` and, when it pruned, its pruning applied
    /// again. Asked after the constraint's own memo, which lives one
    /// problem; this one outlives the problem and holds only the latest
    /// few.
    fn replay_large(
        &mut self,
        c: &Resolved,
        alive: &mut [Vec<u32>],
        work: &mut usize,
        changed: &mut Vec<usize>,
    ) -> Option<Outcome> {
        let kept = self.large.iter().find(|t| {
            t.relation == c.relation
                && t.constant == c.constant
                && t.tolerance == c.tolerance
                && t.memo.covers(&self.dstarts, &self.distinct)
        })?;
        let outcome = kept.memo.replay(work);
        if outcome.step == Step::Pruned {
            self.ok.clone_from(&kept.ok);
            self.find_multi();
            self.prune(c, alive, changed);
        }
        Some(outcome)
    }

    /// Keeps the step just taken of `c` (outcome `step`), which built large
    /// sets, dropping the oldest kept beyond [`LARGE_KEPT`].
    fn keep_large(&mut self, c: &Resolved, step: Step) {
        if self.large.len() >= LARGE_KEPT {
            self.large.pop_front();
        }
        let ok = if step == Step::Pruned {
            self.ok.clone()
        } else {
            Vec::new()
        };
        self.large.push_back(LargeStep {
            relation: c.relation,
            constant: c.constant,
            tolerance: c.tolerance,
            memo: Memo {
                dstarts: self.dstarts.clone(),
                distinct: self.distinct.clone(),
                charges: self.charges.clone(),
                step,
            },
            ok,
        });
    }

    /// Fills `multi` with the groups with more than one distinct
    /// contribution (a step that pruned has no group without one), in
    /// [`Scratch::order_multi`]'s order.
    fn find_multi(&mut self) {
        self.multi.clear();
        let groups = self.dstarts.len().saturating_sub(1);
        for g in 0..groups {
            if span(&self.dstarts, g).len() > 1 {
                self.multi.push(g);
            }
        }
        self.order_multi();
    }

    /// Orders `multi` by spread (largest minus smallest contribution)
    /// ascending, ties by group. The suffix sets, built first from the
    /// back, then add the widest groups while the narrow ones remain: a
    /// set keeps only the sums the groups still to add can bring into the
    /// interval, a window as wide as their spread, so the sets stay small;
    /// the prefix sets keep only sums the suffix sets complete. In the
    /// table's own order, over the text twins, one large identity a report
    /// merged 4.0 M sums; in this one 0.32 M. Feasibility does not depend
    /// on the order, only the work does.
    fn order_multi(&mut self) {
        self.spreads.clear();
        for &g in &self.multi {
            let options = self
                .distinct
                .get(span(&self.dstarts, g))
                .unwrap_or_default();
            let spread = match (options.first(), options.last()) {
                (Some(lo), Some(hi)) => hi.saturating_sub(*lo),
                _ => 0,
            };
            self.spreads.push((spread, g));
        }
        self.spreads.sort_unstable();
        self.multi.clear();
        self.multi.extend(self.spreads.iter().map(|&(_, g)| g));
    }

    /// [`Scratch::propagate`] once the contributions are filled in.
    fn step(
        &mut self,
        c: &Resolved,
        alive: &mut [Vec<u32>],
        work: &mut usize,
        changed: &mut Vec<usize>,
    ) -> Outcome {
        let mut charged = 0;
        let count = c.groups.len();
        let too_large = Outcome {
            step: Step::TooLarge,
            charged: 0,
        };
        // Sums that no choice of the groups still to add can bring into an
        // equality's interval are dropped as the sets are built: no
        // satisfying combination holds them, so no feasibility below
        // changes, and the sets (and the work charged for them) shrink.
        self.multi.clear();
        let mut constant = c.constant;
        let mut empty = false;
        for g in 0..count {
            match self
                .distinct
                .get(span(&self.dstarts, g))
                .unwrap_or_default()
            {
                [] => empty = true,
                [v] => constant += v,
                _ => self.multi.push(g),
            }
        }
        let (rel, tol) = (c.relation, c.tolerance);
        // Every slot's contribution settled (two steps in three on text
        // input): the constraint holds or not, with no partial sums to
        // build, and building them would have charged nothing (sets of one
        // sum).
        if self.multi.is_empty() {
            let holds = !empty && feasible(rel, &[0], 0, &[0], constant, tol);
            let step = if holds {
                Step::Unchanged
            } else {
                Step::Unsatisfiable
            };
            return Outcome { step, charged: 0 };
        }
        self.order_multi();
        let reach = self.reach(c, count);
        if self
            .partial_sums(false, rel, reach, work, &mut charged)
            .is_none()
            || self
                .partial_sums(true, rel, reach, work, &mut charged)
                .is_none()
        {
            return too_large;
        }
        let done = |step| Outcome { step, charged };
        // A slot without candidates breaks the constraint; the sums are
        // built first all the same, so that a constraint too large to
        // search is still reported too large, as it always was.
        if empty {
            return done(Step::Unsatisfiable);
        }
        let m = self.multi.len();
        // Feasibility of every distinct value of every group with a choice:
        // `prefix[t]` sums the groups before it, `suffix[m - 1 - t]` those
        // after it.
        self.ok.clear();
        let mut prune = false;
        for (t, &g) in self.multi.iter().enumerate() {
            let (Some(p), Some(s)) = (self.prefix.get(t), self.suffix.get(m - 1 - t)) else {
                return too_large;
            };
            let mut any = false;
            for &v in self
                .distinct
                .get(span(&self.dstarts, g))
                .unwrap_or_default()
            {
                let ok = feasible(rel, p, v, s, constant, tol);
                any |= ok;
                prune |= !ok;
                self.ok.push(ok);
            }
            if !any {
                return done(Step::Unsatisfiable);
            }
        }
        if !prune {
            return done(Step::Unchanged);
        }
        self.prune(c, alive, changed);
        done(Step::Pruned)
    }

    /// Removes from `alive` the candidates whose contribution `ok` marks
    /// infeasible, for every group of `multi`; the slots pruned are pushed
    /// onto `changed`.
    fn prune(&self, c: &Resolved, alive: &mut [Vec<u32>], changed: &mut Vec<usize>) {
        let mut at = 0;
        for &g in &self.multi {
            let distinct = self
                .distinct
                .get(span(&self.dstarts, g))
                .unwrap_or_default();
            let ok = self.ok.get(at..at + distinct.len()).unwrap_or_default();
            at += distinct.len();
            if ok.iter().all(|x| *x) {
                continue;
            }
            let values = self.values.get(span(&self.starts, g)).unwrap_or_default();
            let Some(slot) = c.groups.get(g).map(|gr| gr.slot) else {
                continue;
            };
            let Some(live) = alive.get_mut(slot) else {
                continue;
            };
            let mut keep = values.iter().map(|v| {
                let i = distinct.partition_point(|d| d < v);
                ok.get(i).copied().unwrap_or(false)
            });
            live.retain(|_| keep.next().unwrap_or(false));
            changed.push(slot);
        }
    }
}

/// Keeps the values `p` of `set` (sorted) for which some `s` of `rest`
/// (sorted) makes `p + s` fall within `lo..=hi`.
fn keep_completable(set: &mut Vec<i64>, rest: &[i64], lo: i64, hi: i64) {
    set.retain(|&p| {
        let i = rest.partition_point(|&s| s < lo.saturating_sub(p));
        rest.get(i).is_some_and(|&s| s <= hi.saturating_sub(p))
    });
}

/// Grows `sets` to at least `n` buffers.
fn ensure(sets: &mut Vec<Vec<i64>>, n: usize) {
    while sets.len() < n {
        sets.push(Vec::new());
    }
}

#[cfg(test)]
mod tests {
    use super::merge_shifted;
    use std::collections::BTreeSet;

    proptest::proptest! {
        /// The merge gives the sorted, distinct union of `a` and `b`
        /// shifted by `o`, for sets shorter and longer than its block of
        /// 64, with ties, whatever `out` held before.
        #[test]
        fn merge_shifted_is_the_sorted_union(
            a in proptest::collection::btree_set(-500i64..500, 0..300),
            b in proptest::collection::btree_set(-500i64..500, 0..300),
            o in -50i64..50,
        ) {
            let a: Vec<i64> = a.into_iter().collect();
            let b: Vec<i64> = b.into_iter().collect();
            let expected: Vec<i64> = a
                .iter()
                .copied()
                .chain(b.iter().map(|p| p + o))
                .collect::<BTreeSet<i64>>()
                .into_iter()
                .collect();
            let mut out = vec![7];
            merge_shifted(&a, &b, o, &mut out);
            proptest::prop_assert_eq!(out, expected);
        }
    }
}
