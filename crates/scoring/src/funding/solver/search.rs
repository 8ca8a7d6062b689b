//! Step 4 of the search: the depth-first branch and bound over the core
//! ([`Search`]), with its bounds, its dominance and its passes.

use super::prices::{Duals, efficiency_cmp};
use super::table::{IMPOSSIBLE, Scratch, Table, possible};
use super::{Fixed, Problem};

/// The first step below a failed target is the gap to the known total over this.
const FIRST_STEP_DIVISOR: i64 = 256;

/// A core candidate's state in the search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Free,
    In,
    Out,
}

/// What a node's bounds say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// No completion meets the budget, the caps and the minimums.
    Infeasible,
    /// No completion reaches the target; the best any could reach is at most this.
    Below(i64),
    /// A completion might reach the target.
    Open,
}

/// How one depth-first pass ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// A set reaching the target was found.
    Found(i64),
    /// None reaches the target; the best any can reach is at most this (`None`: no set at all).
    Exhausted(Option<i64>),
}

/// The depth-first search over the core; see the module documentation.
pub(super) struct Search<'a> {
    p: &'a Problem,
    /// Each group's cap (the budget when uncapped).
    caps: &'a [i64],
    /// Root prices for the dual bound; `None` skips that bound.
    duals: Option<&'a Duals>,
    /// The suffix table; `None` when it would be too large.
    table: Option<Table>,
    /// The core candidates, in ranking order.
    pub(super) core: Vec<usize>,
    /// Core positions with a positive score by efficiency, best first.
    by_efficiency: Vec<usize>,
    /// Per group, its core positions.
    members: Vec<Vec<usize>>,
    /// Per group with a minimum, its core positions cheapest first.
    cheapest: Vec<Vec<usize>>,
    /// Each core position's `rc · q` with and without the minimum's price.
    reduced: Vec<(i128, i128)>,
    state: Vec<State>,
    /// Core positions decided, most recent last, to undo.
    trail: Vec<usize>,
    committed: i64,
    group_committed: Vec<i64>,
    group_count: Vec<u32>,
    value: i64,
    /// Per group, Σ max(0, rc·q) over free core candidates, with and without the minimum's price.
    free_reduced: Vec<(i128, i128)>,
    /// Whether any group has a minimum.
    has_minimums: bool,
    /// The chosen decision for each core position, once found.
    pub(super) best: Option<Vec<bool>>,
    /// The total of `best`.
    pub(super) best_value: Option<i64>,
    pub(super) nodes: u64,
    /// Work done: a unit per node, and per candidate or capacity examined in bounding it.
    pub(super) work: u64,
    work_limit: u64,
    /// Depth-first passes run.
    iterations: u32,
    /// Scratch for the LP bound: each group's room.
    room: Vec<i64>,
    /// Scratch for the suffix tables.
    scratch: Scratch,
    /// Scratch: each group's shortfall from its minimum.
    shorts: Vec<usize>,
    /// Whether the tables' bounds must be exact (for [`Search::run`]), or
    /// only tell whether the target may be reached.
    exact_bounds: bool,
}

/// A choice point of the search.
#[derive(Debug, Clone, Copy)]
struct Frame {
    /// The core position decided here.
    at: usize,
    /// The trail length before deciding it.
    mark: usize,
    /// 0: fund it next; 1: do not fund it next; 2: done.
    stage: u8,
}

impl<'a> Search<'a> {
    pub(super) fn new(
        p: &'a Problem,
        caps: &'a [i64],
        fixed: &[Fixed],
        duals: Option<&'a Duals>,
        work_limit: u64,
        by_rank: bool,
    ) -> Self {
        let groups = p.groups.len();
        let mut core: Vec<usize> = (0..fixed.len())
            .filter(|&j| fixed[j] == Fixed::Free)
            .collect();
        if !by_rank {
            // Most promising first: the search then meets good sets early.
            if let Some(d) = duals {
                core.sort_by_key(|&j| (std::cmp::Reverse(d.reduced(p, j)), j));
            }
        }
        let mut committed = 0;
        let mut group_committed = vec![0; groups];
        let mut group_count = vec![0; groups];
        let mut value = 0;
        for j in (0..fixed.len()).filter(|&j| fixed[j] == Fixed::In) {
            committed += p.amount[j];
            group_committed[p.group[j]] += p.amount[j];
            group_count[p.group[j]] += 1;
            value += p.score[j];
        }
        let mut by_efficiency: Vec<usize> =
            (0..core.len()).filter(|&k| p.score[core[k]] > 0).collect();
        by_efficiency.sort_by(|&x, &y| {
            let (x_j, y_j) = (core[x], core[y]);
            efficiency_cmp(p.score[x_j], p.amount[x_j], p.score[y_j], p.amount[y_j]).then(x.cmp(&y))
        });
        let mut members = vec![Vec::new(); groups];
        for (k, &j) in core.iter().enumerate() {
            members[p.group[j]].push(k);
        }
        let mut cheapest = vec![Vec::new(); groups];
        for (g, list) in cheapest.iter_mut().enumerate() {
            if p.groups[g].min > 0 {
                list.clone_from(&members[g]);
                list.sort_by_key(|&k| (p.amount[core[k]], k));
            }
        }
        let reduced: Vec<(i128, i128)> = core
            .iter()
            .map(|&j| {
                duals.map_or((0, 0), |d| {
                    (d.reduced(p, j), d.reduced_without_minimum(p, j))
                })
            })
            .collect();
        let mut free_reduced = vec![(0, 0); groups];
        for (k, &j) in core.iter().enumerate() {
            let sums = &mut free_reduced[p.group[j]];
            sums.0 += reduced[k].0.max(0);
            sums.1 += reduced[k].1.max(0);
        }
        let rooms: Vec<i64> = (0..groups).map(|g| caps[g] - group_committed[g]).collect();
        let shorts: Vec<usize> = (0..groups)
            .map(|g| p.groups[g].min.saturating_sub(group_count[g]) as usize)
            .collect();
        let table = if committed <= p.budget && rooms.iter().all(|&r| r >= 0) {
            Table::new(p, &core, p.budget - committed, &rooms, &shorts, duals)
        } else {
            None
        };
        Search {
            p,
            caps,
            duals,
            table,
            state: vec![State::Free; core.len()],
            core,
            by_efficiency,
            members,
            cheapest,
            reduced,
            trail: Vec::new(),
            committed,
            group_committed,
            group_count,
            value,
            free_reduced,
            has_minimums: p.groups.iter().any(|g| g.min > 0),
            best: None,
            best_value: None,
            nodes: 0,
            work: 0,
            work_limit,
            iterations: 0,
            room: vec![0; groups],
            scratch: Scratch::default(),
            shorts: vec![0; groups],
            exact_bounds: false,
        }
    }

    /// The best total, searching from above, and in `best` a set reaching
    /// it; `Ok(None)` when no set is feasible, `Err` when the work limit
    /// stopped the search first. `floor` is a total some feasible set is
    /// known to reach, if any; `hint` a total to scale the steps by.
    ///
    /// The first target is the root's bound, at least the optimum. Each pass
    /// is a depth-first branch and bound that keeps the first set reaching
    /// its target and then only better ones. A pass finding nothing proves
    /// the optimum is below its target and at most the highest bound it
    /// pruned on (the optimum's own node was pruned on a bound at least the
    /// optimum), so the next target steps below that, by a step that
    /// doubles each time, and never below `floor`. A pass that finds a set
    /// ends with the optimum.
    pub(super) fn run(&mut self, floor: Option<i64>, hint: i64) -> Result<Option<i64>, ()> {
        self.exact_bounds = true;
        if self.committed > self.p.budget
            || (0..self.p.groups.len()).any(|g| self.group_committed[g] > self.caps[g])
        {
            return Ok(None);
        }
        let mut target = match self.judge(0, i64::MAX) {
            Verdict::Infeasible => return Ok(None),
            Verdict::Below(bound) => bound,
            // The LP bound is finite, so this cannot happen; search everything.
            Verdict::Open => i64::MAX,
        };
        if let Some(floor) = floor {
            // A known total: one branch and bound from it.
            target = target.min(floor);
        }
        let mut step = (target.saturating_sub(hint) / FIRST_STEP_DIVISOR).max(1);
        loop {
            self.iterations += 1;
            match self.pass(target)? {
                Pass::Found(value) => return Ok(Some(value)),
                Pass::Exhausted(None) => return Ok(None),
                Pass::Exhausted(Some(next)) => {
                    let mut lower = next.min(target - 1).saturating_sub(step);
                    if let Some(floor) = floor {
                        lower = lower.max(floor);
                    }
                    if lower >= target {
                        // The floor was reached and nothing found: no feasible set.
                        return Ok(None);
                    }
                    target = lower;
                    step = step.saturating_mul(2);
                }
            }
        }
    }

    /// The best total found by one branch and bound accepting sets from
    /// `floor` on, when it ends or at the node limit, whichever comes
    /// first: a feasible total, not a proved optimum.
    pub(super) fn improve(&mut self, floor: i64) -> Option<i64> {
        self.exact_bounds = false;
        if self.committed > self.p.budget
            || (0..self.p.groups.len()).any(|g| self.group_committed[g] > self.caps[g])
        {
            return None;
        }
        self.iterations += 1;
        match self.pass(floor) {
            Ok(Pass::Found(value)) => Some(value),
            Ok(Pass::Exhausted(_)) => None,
            Err(()) => self.best_value,
        }
    }

    /// The best total, from a branch and bound accepting sets from `floor`
    /// on, which some feasible set is known to reach; `Ok(None)` when none
    /// does after all, `Err` at the work limit.
    pub(super) fn prove(&mut self, floor: i64) -> Result<Option<i64>, ()> {
        if self.committed > self.p.budget
            || (0..self.p.groups.len()).any(|g| self.group_committed[g] > self.caps[g])
        {
            return Ok(None);
        }
        Ok(match self.pass(floor)? {
            Pass::Found(value) => Some(value),
            Pass::Exhausted(_) => None,
        })
    }

    /// One depth-first pass from `target`; see [`Search::run`].
    fn pass(&mut self, target: i64) -> Result<Pass, ()> {
        self.pass_from(target, false)
    }

    /// The lexicographically first set reaching `target`, when the search
    /// is in ranking order; `Ok(None)` when there is none.
    pub(super) fn first(&mut self, target: i64) -> Result<Option<i64>, ()> {
        if self.committed > self.p.budget
            || (0..self.p.groups.len()).any(|g| self.group_committed[g] > self.caps[g])
        {
            return Ok(None);
        }
        Ok(match self.pass_from(target, true)? {
            Pass::Found(value) => Some(value),
            Pass::Exhausted(_) => None,
        })
    }

    /// A depth-first pass from `target`: the first set reaching it, then
    /// (unless `stop`) only better ones.
    fn pass_from(&mut self, mut target: i64, stop: bool) -> Result<Pass, ()> {
        self.undo_to(0);
        self.best = None;
        self.best_value = None;
        let mut found: Option<i64> = None;
        let mut next: Option<i64> = None;
        let mut note = |bound: i64| next = Some(next.map_or(bound, |n| n.max(bound)));
        match self.judge(0, target) {
            Verdict::Infeasible => return Ok(Pass::Exhausted(None)),
            Verdict::Below(bound) => {
                note(bound);
                return Ok(Pass::Exhausted(next));
            }
            Verdict::Open => {}
        }
        let mut stack: Vec<Frame> = Vec::new();
        match self.next_free(0) {
            None => {
                return Ok(match self.leaf(target) {
                    Verdict::Open => Pass::Found(self.value),
                    Verdict::Below(value) => Pass::Exhausted(Some(value)),
                    Verdict::Infeasible => Pass::Exhausted(None),
                });
            }
            Some(at) => stack.push(Frame {
                at,
                mark: 0,
                stage: 0,
            }),
        }
        while let Some(frame) = stack.last_mut() {
            let Frame { at, mark, stage } = *frame;
            frame.stage += 1;
            self.undo_to(mark);
            let decided = match stage {
                0 => self.fund(at),
                1 => self.pass_over(at),
                _ => {
                    stack.pop();
                    continue;
                }
            };
            self.nodes += 1;
            self.work += 1;
            if self.work > self.work_limit {
                return Err(());
            }
            if !decided {
                continue;
            }
            let verdict = match self.next_free(at + 1) {
                None => self.leaf(target),
                Some(following) => match self.judge(at + 1, target) {
                    Verdict::Open => {
                        stack.push(Frame {
                            at: following,
                            mark: self.trail.len(),
                            stage: 0,
                        });
                        continue;
                    }
                    verdict => verdict,
                },
            };
            match verdict {
                Verdict::Open => {
                    // A set reaching the target, kept by `leaf`: now only better ones.
                    if stop {
                        return Ok(Pass::Found(self.value));
                    }
                    found = Some(self.value);
                    target = self.value.saturating_add(1);
                }
                Verdict::Below(bound) => note(bound),
                Verdict::Infeasible => {}
            }
        }
        Ok(match found {
            Some(value) => Pass::Found(value),
            None => Pass::Exhausted(next),
        })
    }

    /// Every core candidate is decided: `Open` when the set is feasible and reaches `target`.
    fn leaf(&mut self, target: i64) -> Verdict {
        let p = self.p;
        if (0..p.groups.len()).any(|g| self.group_count[g] < p.groups[g].min) {
            return Verdict::Infeasible;
        }
        if self.value < target {
            return Verdict::Below(self.value);
        }
        self.best = Some(self.state.iter().map(|s| *s == State::In).collect());
        self.best_value = Some(self.value);
        Verdict::Open
    }

    fn next_free(&self, from: usize) -> Option<usize> {
        (from..self.core.len()).find(|&k| self.state[k] == State::Free)
    }

    fn set(&mut self, k: usize, state: State) {
        let j = self.core[k];
        let g = self.p.group[j];
        self.state[k] = state;
        self.trail.push(k);
        let sums = &mut self.free_reduced[g];
        sums.0 -= self.reduced[k].0.max(0);
        sums.1 -= self.reduced[k].1.max(0);
        if state == State::In {
            self.committed += self.p.amount[j];
            self.group_committed[g] += self.p.amount[j];
            self.group_count[g] += 1;
            self.value += self.p.score[j];
        }
    }

    fn undo_to(&mut self, mark: usize) {
        while self.trail.len() > mark {
            let Some(k) = self.trail.pop() else { break };
            let j = self.core[k];
            let g = self.p.group[j];
            let sums = &mut self.free_reduced[g];
            sums.0 += self.reduced[k].0.max(0);
            sums.1 += self.reduced[k].1.max(0);
            if self.state[k] == State::In {
                self.committed -= self.p.amount[j];
                self.group_committed[g] -= self.p.amount[j];
                self.group_count[g] -= 1;
                self.value -= self.p.score[j];
            }
            self.state[k] = State::Free;
        }
    }

    /// Funds core position `k` if it fits.
    fn fund(&mut self, k: usize) -> bool {
        let j = self.core[k];
        let g = self.p.group[j];
        let a = self.p.amount[j];
        if self.committed + a > self.p.budget || self.group_committed[g] + a > self.caps[g] {
            return false;
        }
        self.set(k, State::In);
        true
    }

    /// Passes over core position `k`, and with it every candidate it
    /// dominates; false when one of those is already funded.
    fn pass_over(&mut self, k: usize) -> bool {
        self.set(k, State::Out);
        let j = self.core[k];
        let g = self.p.group[j];
        let (a, s) = (self.p.amount[j], self.p.score[j]);
        for index in 0..self.members[g].len() {
            let other = self.members[g][index];
            if other == k {
                continue;
            }
            let (a_o, s_o) = (
                self.p.amount[self.core[other]],
                self.p.score[self.core[other]],
            );
            // Ties go to the better-ranked, whatever order the search takes.
            let dominated = a <= a_o && (s > s_o || (s == s_o && j < self.core[other]));
            if dominated {
                match self.state[other] {
                    State::In => return false,
                    State::Free => self.set(other, State::Out),
                    State::Out => {}
                }
            }
        }
        true
    }

    /// What the bounds say of the node whose undecided core positions are
    /// all at `t` or after.
    fn judge(&mut self, t: usize, target: i64) -> Verdict {
        let p = self.p;
        let groups = p.groups.len();
        let remaining = p.budget - self.committed;
        let mut lowest = i64::MAX;
        let floor_div = |x: i128, q: i128| i64::try_from(x.div_euclid(q)).unwrap_or(i64::MAX);
        // The minimums with the cheapest candidates left.
        if self.has_minimums {
            let mut needed = 0i64;
            for g in 0..groups {
                let mut short = p.groups[g].min.saturating_sub(self.group_count[g]);
                if short == 0 {
                    continue;
                }
                let mut sum = 0i64;
                for &k in &self.cheapest[g] {
                    if short == 0 {
                        break;
                    }
                    self.work += 1;
                    if self.state[k] == State::Free {
                        sum += p.amount[self.core[k]];
                        short -= 1;
                    }
                }
                if short > 0 || self.group_committed[g] + sum > self.caps[g] {
                    return Verdict::Infeasible;
                }
                needed += sum;
            }
            if needed > remaining {
                return Verdict::Infeasible;
            }
        }
        // The suffix tables.
        for g in 0..groups {
            self.room[g] = self.caps[g] - self.group_committed[g];
            self.shorts[g] = p.groups[g].min.saturating_sub(self.group_count[g]) as usize;
        }
        if let Some(table) = &self.table {
            // What the table must reach for the node to reach the target.
            let mut base = i128::from(self.value) * table.q;
            for g in 0..groups {
                base += i128::from(table.cap_price[g]) * i128::from(self.room[g]);
                base -= i128::from(table.minimum_price[g]) * self.shorts[g] as i128;
            }
            let goal = i128::from(target).saturating_mul(table.q) - base;
            // Passes from above step by the bounds they prune on, so they get exact ones.
            let goal = if self.exact_bounds {
                i64::MAX
            } else {
                i64::try_from(goal.clamp(i128::from(IMPOSSIBLE), i128::from(i64::MAX)))
                    .unwrap_or(i64::MAX)
            };
            let best = table.best(
                t,
                remaining,
                &self.room,
                &self.shorts,
                goal,
                &mut self.scratch,
            );
            self.work += std::mem::take(&mut self.scratch.work);
            if !possible(best) {
                return Verdict::Infeasible;
            }
            let mut bound = i128::from(self.value) * table.q + i128::from(best);
            for g in 0..groups {
                bound += i128::from(table.cap_price[g]) * i128::from(self.room[g]);
                bound -= i128::from(table.minimum_price[g]) * self.shorts[g] as i128;
            }
            lowest = lowest.min(floor_div(bound, table.q));
            if lowest < target {
                return Verdict::Below(lowest);
            }
        }
        // The dual bound with the root prices.
        if let Some(d) = self.duals {
            let mut bound = i128::from(self.value) * d.q + d.money * i128::from(remaining);
            for g in 0..groups {
                if p.groups[g].cap.is_some() {
                    bound +=
                        (d.group[g] - d.money) * i128::from(self.caps[g] - self.group_committed[g]);
                }
                let short = i128::from(p.groups[g].min.saturating_sub(self.group_count[g]));
                bound += if short > 0 {
                    self.free_reduced[g].0 - d.minimum[g] * short
                } else {
                    self.free_reduced[g].1
                };
            }
            lowest = lowest.min(floor_div(bound, d.q));
            if lowest < target {
                return Verdict::Below(lowest);
            }
        }
        // The LP bound with the budget and caps.
        for g in 0..groups {
            self.room[g] = self.caps[g] - self.group_committed[g];
        }
        let mut left = remaining;
        let mut bound = i128::from(self.value);
        // Candidates costing nothing come first, and fit whatever is left.
        for &k in &self.by_efficiency {
            self.work += 1;
            if self.state[k] != State::Free {
                continue;
            }
            let j = self.core[k];
            let g = p.group[j];
            let a = p.amount[j];
            if a > 0 && left <= 0 {
                break;
            }
            let fits = left.min(self.room[g]);
            if a > 0 && fits <= 0 {
                continue;
            }
            if a <= fits {
                bound += i128::from(p.score[j]);
                left -= a;
                self.room[g] -= a;
            } else {
                // The fraction fits/a of the score, rounded up.
                let part = i128::from(p.score[j]) * i128::from(fits);
                bound += (part + i128::from(a) - 1) / i128::from(a);
                left -= fits;
                self.room[g] -= fits;
            }
            if bound >= i128::from(target) {
                return Verdict::Open;
            }
        }
        lowest = lowest.min(i64::try_from(bound).unwrap_or(i64::MAX));
        if lowest < target {
            Verdict::Below(lowest)
        } else {
            Verdict::Open
        }
    }
}
