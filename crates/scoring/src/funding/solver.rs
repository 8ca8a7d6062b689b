//! The exact search behind the `optimal` policy.
//!
//! The problem, over the candidates `j` in ranking order, `x_j ∈ {0, 1}`:
//!
//! ```text
//! maximise   Σ s_j x_j
//! subject to Σ a_j x_j ≤ B                        (the budget)
//!            Σ_{j ∈ g} a_j x_j ≤ cap_g             (each capped group)
//!            Σ_{j ∈ g} x_j ≥ min_g                 (each group with a minimum)
//! ```
//!
//! and, among the sets with the highest total, the lexicographically
//! greatest as a list of yes/no decisions in ranking order. A *group* is a
//! country with a rule that matters, or all other countries together
//! (nothing tells those apart).
//!
//! All arithmetic is on whole numbers (`i64`, `i128`). Upper bounds are only
//! ever rounded up, so none is ever below the truth, which is all that
//! exactness asks of them.
//!
//! 1. **Prices.** The LP relaxation with the budget and the caps is solved
//!    by filling greedily by score per unit of money (optimal there: the
//!    budget and the caps form a laminar family). Its break points give a
//!    price `R` for money and `P_g ≥ R` for money within a capped group; each
//!    minimum gets a price `ν_g ≥ 0`, raised over a few rounds until the
//!    group's `min_g`-th best candidate breaks even. For *any* non-negative
//!    prices, weak duality bounds every feasible set:
//!
//!    ```text
//!    Σ s_j x_j ≤ D = R·B + Σ_g (P_g − R)·cap_g − Σ_g ν_g·min_g + Σ_j max(0, rc_j),
//!    rc_j = s_j + ν_g − P_g·a_j
//!    ```
//!
//!    and a set deciding `j` against the sign of `rc_j` is worth at most
//!    `D − |rc_j|`. Prices lie on a grid `1/q` (`q` a power of two, as fine
//!    as the magnitudes allow), so every term is a whole multiple of `1/q`.
//! 2. **A good feasible set**, of total `L`: greedy passes (by score per unit
//!    of money, with and without the minimums' prices, keeping the minimums
//!    reachable with the cheapest candidates), then a search of the
//!    [`NEAR_CORE`] candidates nearest the price line, the others decided
//!    as the prices say: first from above as in [`Search::run`], and if
//!    that runs out of work, a branch and bound from below in order of
//!    reduced price. Any feasible set will do; a better one fixes more.
//! 3. **Fixing.** When `D − |rc_j| < L`, every optimal set decides `j` by
//!    the sign of `rc_j`. What is left is the *core*.
//! 4. **The search**, twice over the core. First the best total is proved:
//!    a branch and bound from `L`, in order of reduced price (the order that
//!    proves fastest), keeping the first set that reaches `L` and then only
//!    better ones. Then, fixed again against that total, the chosen set is
//!    found: depth first in ranking order, funding first, so that sets come
//!    in lexicographically decreasing order, stopping at the first set with
//!    the best total. A node is pruned when a cap or the budget is
//!    exceeded; when the minimums cannot be met with the cheapest
//!    candidates left; when a bound is below the target (the suffix tables
//!    below, `D` with the root prices, or the LP bound with the budget and
//!    the caps recomputed for the node); or when a *dominance* is broken: if
//!    `p` and `q` are in one group, `a_p ≤ a_q` and `s_p > s_q` (or
//!    `s_p = s_q` and `p` ranks first), swapping `q` for `p` keeps every
//!    constraint and gives a better total, or an equal one that is
//!    lexicographically greater, so the chosen set never funds `q` without `p`.
//!
//! **Suffix tables.** For each core position `t` and scaled capacity `c`:
//! the most the core candidates from `t` on can add within `c`, each
//! costing `⌊a_j / scale⌋`. The scale is the amounts' greatest common
//! divisor (whole hundreds of euros make it 10,000 cents), coarser only if
//! the table would not fit in memory: rounding amounts down can only raise
//! the bound. Candidates are worth `s_j·q − μ_g·a_j + ν_g`, which prices the
//! caps and minimums the tables do not keep (a Lagrangian relaxation, valid
//! for any non-negative prices). A group whose cap may bind within the
//! core, and one short of its minimum while memory allows, has a table of
//! its own, with counts for the minimum ("the most with at least `k` of
//! them"); one such table is combined with the others' exactly, several
//! through their upper concave hulls, which are at least as large, and
//! equal where a cap is met exactly. With amounts in whole hundreds and no
//! more than one binding cap, the tables bound the budget and the caps
//! exactly, and the search goes straight to the chosen set.
//!
//! Every prune removes only sets that are not the chosen one, so the
//! search is exact. When it would need more work than allowed, it stops
//! and says so instead of guessing.

use std::cmp::Ordering;

/// One group's limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Group {
    /// The most the group may receive; `None` without a cap.
    pub cap: Option<i64>,
    /// The fewest candidates of the group to fund; 0 without a minimum.
    pub min: u32,
}

/// The candidates, in ranking order, and the limits.
#[derive(Debug, Clone)]
pub(super) struct Problem {
    /// Each candidate's amount in minor units, at least 0.
    pub amount: Vec<i64>,
    /// Each candidate's score.
    pub score: Vec<i64>,
    /// Each candidate's group, an index into `groups`.
    pub group: Vec<usize>,
    /// The budget in minor units, at least 0.
    pub budget: i64,
    /// The groups' limits.
    pub groups: Vec<Group>,
}

/// How hard the search worked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SolveStats {
    /// Candidates left undecided after fixing, searched exhaustively.
    pub core: usize,
    /// Search nodes visited, including the improving search of step 1.
    pub nodes: u64,
    /// Work done by the searches: a unit per node, and per candidate or
    /// capacity examined in bounding it. Deterministic, unlike time.
    pub work: u64,
}

/// The chosen set.
#[derive(Debug, Clone)]
pub(super) struct Solved {
    /// Whether each candidate is funded, in ranking order.
    pub funded: Vec<bool>,
    /// How hard the search worked.
    pub stats: SolveStats,
}

/// Why no set was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SolveError {
    /// No set meets the minimums (checked before, with reasons, by the caller).
    Infeasible,
    /// Proving the optimum needs more work than allowed.
    SearchLimit,
}

/// Candidates nearest the LP price searched exactly in step 1 to improve the first feasible set.
const NEAR_CORE: usize = 256;
/// Work each half of the search of step 1 may do; it only improves the
/// feasible set, so it just stops.
const NEAR_CORE_WORK: u64 = 10_000_000;
/// The most cells of the suffix table (8 bytes each) a search may use.
const TABLE_CELLS: usize = 1 << 22;

/// Finds the chosen set; see the module documentation.
pub(super) fn solve(p: &Problem, work_limit: u64) -> Result<Solved, SolveError> {
    let n = p.amount.len();
    let caps: Vec<i64> = p
        .groups
        .iter()
        .map(|g| g.cap.map_or(p.budget, |c| c.min(p.budget)))
        .collect();
    let eligible: Vec<bool> = (0..n).map(|j| p.amount[j] <= caps[p.group[j]]).collect();
    // Candidates worth something, best score per unit of money first.
    let mut by_efficiency: Vec<usize> = (0..n).filter(|&j| eligible[j] && p.score[j] > 0).collect();
    by_efficiency.sort_by(|&x, &y| {
        efficiency_cmp(p.score[x], p.amount[x], p.score[y], p.amount[y]).then(x.cmp(&y))
    });

    let Some(mut lower) = greedy(p, &caps, &eligible, &by_efficiency) else {
        return Err(SolveError::Infeasible);
    };
    let duals = Duals::new(p, &caps, &eligible, &by_efficiency);
    // With minimums, greedy again by worth including the minimums' prices.
    if let Some(duals) = duals.as_ref().filter(|d| d.minimum.iter().any(|&m| m > 0)) {
        let worth = |j: usize| i128::from(p.score[j]) * duals.q + duals.minimum[p.group[j]];
        let mut order: Vec<usize> = (0..n).filter(|&j| eligible[j] && worth(j) > 0).collect();
        order.sort_by(|&x, &y| {
            ratio_cmp(worth(x), p.amount[x], worth(y), p.amount[y]).then(x.cmp(&y))
        });
        if let Some(value) = greedy(p, &caps, &eligible, &order) {
            lower = lower.max(value);
        }
    }
    let (mut nodes, mut work) = (0, 0);

    // Step 1, continued: the best set when only the candidates nearest the
    // price line may change, the others kept as the prices say.
    if let Some(duals) = &duals {
        let mut near: Vec<usize> = (0..n).filter(|&j| eligible[j]).collect();
        if near.len() > NEAR_CORE {
            near.sort_by_key(|&j| (duals.reduced(p, j).unsigned_abs(), j));
            near.truncate(NEAR_CORE);
            let mut fixed: Vec<Fixed> = (0..n)
                .map(|j| {
                    if eligible[j] && duals.reduced(p, j) > 0 {
                        Fixed::In
                    } else {
                        Fixed::Out
                    }
                })
                .collect();
            for &j in &near {
                fixed[j] = Fixed::Free;
            }
            let mut search = Search::new(p, &caps, &fixed, Some(duals), NEAR_CORE_WORK, false);
            // First from above, which finds the best of these when the bounds
            // are tight; failing that, from below, which finds good sets fast.
            let result = match search.run(None, lower) {
                Ok(found) => found,
                Err(()) => {
                    work += std::mem::take(&mut search.work);
                    search.best_value.max(search.improve(lower))
                }
            };
            if let Some(value) = result {
                lower = lower.max(value);
            }
            nodes += search.nodes;
            work += search.work;
        }
    }

    // Step 3: fix what the bound decides, given a total some feasible set reaches.
    let fix = |reached: i64| -> Vec<Fixed> {
        let mut fixed: Vec<Fixed> = (0..n)
            .map(|j| if eligible[j] { Fixed::Free } else { Fixed::Out })
            .collect();
        if let Some(duals) = &duals {
            let floor = i128::from(reached) * duals.q;
            for (j, slot) in fixed.iter_mut().enumerate() {
                let rc = duals.reduced(p, j);
                if *slot == Fixed::Free && rc != 0 && duals.bound - rc.abs() < floor {
                    *slot = if rc > 0 { Fixed::In } else { Fixed::Out };
                }
            }
        }
        fixed
    };
    let fixed = fix(lower);

    // Step 4: the best total, by a search in the order that proves it
    // fastest; then the lexicographically greatest set reaching it, by a
    // search in ranking order that stops at the first one.
    let limit = |work: u64| work_limit.saturating_sub(work);
    let mut prover = Search::new(p, &caps, &fixed, duals.as_ref(), limit(work), false);
    let proved = prover.prove(lower);
    nodes += prover.nodes;
    work += prover.work;
    let best = match proved {
        Err(()) => return Err(SolveError::SearchLimit),
        Ok(None) => return Err(SolveError::Infeasible),
        Ok(Some(best)) => best,
    };
    // Fixing again against the best total leaves fewer candidates to the finder.
    let fixed = fix(best);
    let mut finder = Search::new(p, &caps, &fixed, duals.as_ref(), limit(work), true);
    let found = finder.first(best);
    nodes += finder.nodes;
    work += finder.work;
    match found {
        Err(()) => Err(SolveError::SearchLimit),
        Ok(None) => Err(SolveError::Infeasible),
        Ok(Some(_)) => {
            let mut funded: Vec<bool> = fixed.iter().map(|f| *f == Fixed::In).collect();
            let chosen = finder.best.as_deref().unwrap_or_default();
            for (&j, &yes) in finder.core.iter().zip(chosen) {
                funded[j] = yes;
            }
            Ok(Solved {
                funded,
                stats: SolveStats {
                    core: finder.core.len(),
                    nodes,
                    work,
                },
            })
        }
    }
}

/// The first step below a failed target is the gap to the known total over this.
const FIRST_STEP_DIVISOR: i64 = 256;

/// Rounds of pricing the minimums.
const MINIMUM_ROUNDS: usize = 8;

/// Orders two positive worths by worth per unit of money, highest first; a
/// candidate costing nothing comes first. Only the LP's quality depends on
/// this order, never the validity of a bound, so an overflowing product is
/// compared approximately.
fn ratio_cmp(w_x: i128, a_x: i64, w_y: i128, a_y: i64) -> Ordering {
    match (a_x == 0, a_y == 0) {
        (true, true) => w_y.cmp(&w_x),
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        (false, false) => match (
            w_y.checked_mul(i128::from(a_x)),
            w_x.checked_mul(i128::from(a_y)),
        ) {
            (Some(left), Some(right)) => left.cmp(&right),
            _ => (w_y as f64 / a_y as f64).total_cmp(&(w_x as f64 / a_x as f64)),
        },
    }
}

/// Orders two candidates with positive scores by score per unit of money,
/// highest first; a candidate costing nothing comes before any that costs.
fn efficiency_cmp(s_x: i64, a_x: i64, s_y: i64, a_y: i64) -> Ordering {
    match (a_x == 0, a_y == 0) {
        (true, true) => s_y.cmp(&s_x),
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        // s_x / a_x > s_y / a_y  ⇔  s_x · a_y > s_y · a_x
        (false, false) => {
            (i128::from(s_y) * i128::from(a_x)).cmp(&(i128::from(s_x) * i128::from(a_y)))
        }
    }
}

/// A feasible set from one greedy pass, with its total: by score per unit
/// of money, taking a candidate when it fits and the minimums can still be
/// met with the cheapest candidates left; then the cheapest candidates for
/// any minimum still short; then whatever else fits. `None` when the
/// minimums cannot be met at all.
fn greedy(p: &Problem, caps: &[i64], eligible: &[bool], by_efficiency: &[usize]) -> Option<i64> {
    let groups = p.groups.len();
    let mut cheapest: Vec<Vec<usize>> = vec![Vec::new(); groups];
    for j in (0..p.amount.len()).filter(|&j| eligible[j]) {
        if p.groups[p.group[j]].min > 0 {
            cheapest[p.group[j]].push(j);
        }
    }
    for list in &mut cheapest {
        list.sort_by_key(|&j| (p.amount[j], j));
    }
    let mut taken = vec![false; p.amount.len()];
    let mut deficit: Vec<usize> = p.groups.iter().map(|g| g.min as usize).collect();
    // The cheapest way to meet group g's remaining minimum, skipping `skip`.
    let reserve = |g: usize, want: usize, taken: &[bool], skip: Option<usize>| -> Option<i64> {
        let mut sum = 0i64;
        let mut count = 0;
        for &j in &cheapest[g] {
            if count == want {
                break;
            }
            if !taken[j] && Some(j) != skip {
                sum += p.amount[j];
                count += 1;
            }
        }
        (count == want).then_some(sum)
    };
    let reserved: Option<Vec<i64>> = deficit
        .iter()
        .enumerate()
        .map(|(g, &want)| reserve(g, want, &taken, None))
        .collect();
    let mut reserved = reserved?;
    let mut committed = 0i64;
    let mut group_committed = vec![0i64; groups];
    if reserved.iter().sum::<i64>() > p.budget || (0..groups).any(|g| reserved[g] > caps[g]) {
        return None;
    }
    let mut value = 0i64;
    for &j in by_efficiency {
        let g = p.group[j];
        let a = p.amount[j];
        let new_reserve = if deficit[g] > 0 {
            match reserve(g, deficit[g] - 1, &taken, Some(j)) {
                Some(r) => r,
                None => continue,
            }
        } else {
            0
        };
        let others: i64 = reserved.iter().sum::<i64>() - reserved[g];
        if committed + a + others + new_reserve <= p.budget
            && group_committed[g] + a + new_reserve <= caps[g]
        {
            taken[j] = true;
            committed += a;
            group_committed[g] += a;
            value += p.score[j];
            deficit[g] = deficit[g].saturating_sub(1);
            reserved[g] = new_reserve;
        }
    }
    for g in 0..groups {
        let mut want = deficit[g];
        for &j in &cheapest[g] {
            if want == 0 {
                break;
            }
            if !taken[j] {
                taken[j] = true;
                committed += p.amount[j];
                group_committed[g] += p.amount[j];
                value += p.score[j];
                want -= 1;
            }
        }
    }
    for &j in by_efficiency {
        let g = p.group[j];
        if !taken[j]
            && committed + p.amount[j] <= p.budget
            && group_committed[g] + p.amount[j] <= caps[g]
        {
            taken[j] = true;
            committed += p.amount[j];
            group_committed[g] += p.amount[j];
            value += p.score[j];
        }
    }
    Some(value)
}

/// Number of bits needed to write `x`.
fn bits(x: u128) -> u32 {
    128 - x.leading_zeros()
}

/// Dual prices on the grid `1/q`, and the bound `D` they give (times `q`).
#[derive(Debug, Clone)]
struct Duals {
    /// The grid: prices are multiples of `1/q`.
    q: i128,
    /// `R·q`: the price of a unit of money.
    money: i128,
    /// `P_g·q`: the price of a unit of money within group g, at least `money`.
    group: Vec<i128>,
    /// `ν_g·q`: the price of group g's minimum.
    minimum: Vec<i128>,
    /// `D·q`.
    bound: i128,
}

impl Duals {
    /// Prices from the greedy LP solution; `None` when the numbers are too
    /// large for the grid (the search then runs without fixing).
    fn new(p: &Problem, caps: &[i64], eligible: &[bool], by_efficiency: &[usize]) -> Option<Self> {
        let groups = p.groups.len();
        // The LP: fill by efficiency within the budget and the caps.
        let mut remaining = p.budget;
        let mut room: Vec<i64> = caps.to_vec();
        let mut money_at: Option<usize> = None;
        let mut group_at: Vec<Option<usize>> = vec![None; groups];
        for &j in by_efficiency {
            let g = p.group[j];
            let fits = remaining.min(room[g]);
            if fits <= 0 {
                continue;
            }
            let take = fits.min(p.amount[j]);
            remaining -= take;
            room[g] -= take;
            if remaining == 0 {
                money_at = Some(j);
                break;
            }
            if room[g] == 0 && p.groups[g].cap.is_some() && take > 0 {
                group_at[g] = Some(j);
            }
        }
        // The grid: as fine as the magnitudes allow without overflow.
        let price_max = money_at
            .iter()
            .chain(group_at.iter().flatten())
            .map(|&j| (p.score[j] / p.amount[j].max(1)).unsigned_abs() + 1)
            .max()
            .unwrap_or(1);
        let mut amount_total: u128 = u128::from(p.budget.unsigned_abs())
            + caps
                .iter()
                .map(|c| u128::from(c.unsigned_abs()))
                .sum::<u128>();
        let mut score_total: u128 = 0;
        for j in (0..p.amount.len()).filter(|&j| eligible[j]) {
            amount_total += u128::from(p.amount[j].unsigned_abs());
            score_total += u128::from(p.score[j].unsigned_abs());
        }
        let scale = u128::from(price_max)
            .saturating_mul(amount_total)
            .saturating_add(score_total)
            .saturating_add(1);
        let spare = 118i64 - i64::from(bits(scale)) - i64::from(bits(p.amount.len() as u128 + 2));
        if spare < 0 {
            return None;
        }
        let q: i128 = 1 << spare.min(40);
        let mut best = Self::priced(p, caps, eligible, q, vec![0; groups]);
        // Minimums: raise each one's price until its min-th best candidate
        // breaks even at the prices that result, a few rounds, keeping the
        // lowest bound (every round's bound is valid).
        if p.groups.iter().any(|g| g.min > 0) {
            let mut current = best.clone();
            for _ in 0..MINIMUM_ROUNDS {
                let minimum = current.minimum_prices(p, eligible);
                if minimum == current.minimum {
                    break;
                }
                current = Self::priced(p, caps, eligible, q, minimum);
                if current.bound < best.bound {
                    best = current.clone();
                }
            }
        }
        Some(best)
    }

    /// The prices of the greedy LP solution when each candidate of group g
    /// is worth `s_j + minimum_g / q`, and the bound they give.
    fn priced(p: &Problem, caps: &[i64], eligible: &[bool], q: i128, minimum: Vec<i128>) -> Self {
        let groups = p.groups.len();
        let worth = |j: usize| i128::from(p.score[j]) * q + minimum[p.group[j]];
        let mut order: Vec<usize> = (0..p.amount.len())
            .filter(|&j| eligible[j] && worth(j) > 0)
            .collect();
        order.sort_by(|&x, &y| {
            ratio_cmp(worth(x), p.amount[x], worth(y), p.amount[y]).then(x.cmp(&y))
        });
        let mut remaining = p.budget;
        let mut room: Vec<i64> = caps.to_vec();
        let mut money_at: Option<usize> = None;
        let mut group_at: Vec<Option<usize>> = vec![None; groups];
        for &j in &order {
            let g = p.group[j];
            let fits = remaining.min(room[g]);
            if fits <= 0 {
                continue;
            }
            let take = fits.min(p.amount[j]);
            remaining -= take;
            room[g] -= take;
            if remaining == 0 {
                money_at = Some(j);
                break;
            }
            if room[g] == 0 && p.groups[g].cap.is_some() && take > 0 {
                group_at[g] = Some(j);
            }
        }
        let price = |j: usize| worth(j) / i128::from(p.amount[j]);
        let money = money_at.map_or(0, price);
        let group: Vec<i128> = group_at
            .iter()
            .map(|at| at.map_or(money, |j| price(j).max(money)))
            .collect();
        let mut duals = Duals {
            q,
            money,
            group,
            minimum,
            bound: 0,
        };
        let mut bound = duals.money * i128::from(p.budget);
        for (g, (group, &cap)) in p.groups.iter().zip(caps).enumerate() {
            if group.cap.is_some() {
                bound += (duals.group[g] - duals.money) * i128::from(cap);
            }
            bound -= duals.minimum[g] * i128::from(group.min);
        }
        for j in (0..p.amount.len()).filter(|&j| eligible[j]) {
            bound += duals.reduced(p, j).max(0);
        }
        duals.bound = bound;
        duals
    }

    /// Each minimum's price for its min-th best candidate to break even at these prices.
    fn minimum_prices(&self, p: &Problem, eligible: &[bool]) -> Vec<i128> {
        let groups = p.groups.len();
        let mut reduced: Vec<Vec<i128>> = vec![Vec::new(); groups];
        for j in (0..p.amount.len()).filter(|&j| eligible[j]) {
            let g = p.group[j];
            if p.groups[g].min > 0 {
                reduced[g].push(self.reduced_without_minimum(p, j));
            }
        }
        reduced
            .iter_mut()
            .enumerate()
            .map(|(g, values)| {
                let want = p.groups[g].min as usize;
                if want == 0 || values.len() < want {
                    return 0;
                }
                values.sort_unstable_by(|x, y| y.cmp(x));
                (-values[want - 1]).max(0)
            })
            .collect()
    }

    /// `rc_j · q` with the minimum's price.
    fn reduced(&self, p: &Problem, j: usize) -> i128 {
        self.reduced_without_minimum(p, j) + self.minimum[p.group[j]]
    }

    /// `rc_j · q` without the minimum's price.
    fn reduced_without_minimum(&self, p: &Problem, j: usize) -> i128 {
        i128::from(p.score[j]) * self.q - self.group[p.group[j]] * i128::from(p.amount[j])
    }
}

/// What the fixing step decided for a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fixed {
    /// In every optimal set.
    In,
    /// In no optimal set (or fundable in none).
    Out,
    /// Left to the search.
    Free,
}

/// A core candidate's state in the search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Free,
    In,
    Out,
}

/// A table value meaning "impossible": far below any real value.
const IMPOSSIBLE: i64 = i64::MIN / 2;

/// Whether a table value is a real one.
fn possible(v: i64) -> bool {
    v > IMPOSSIBLE / 2
}

/// One part of the suffix tables: some core positions, and for each suffix
/// of them (from a core position on), each count `k` below `depth` and each
/// scaled capacity `c`, the most their values add up to with at least `k`
/// of them within `c` ([`IMPOSSIBLE`] when no `k` of them fit).
#[derive(Debug, Clone)]
struct Part {
    /// For each core position `t` (and one past the end), the row of the
    /// part's members at `t` or after.
    row_of: Vec<usize>,
    /// The largest scaled capacity.
    width: usize,
    /// Counts tracked: 1 for none (every count is "at least 0").
    depth: usize,
    /// `depth · (width + 1)` values per row; the last row is the empty suffix.
    values: Vec<i64>,
}

impl Part {
    /// The part of core positions `members` (ascending) with `value` and
    /// scaled amount `weight` per core position.
    fn new(
        core_len: usize,
        members: &[usize],
        value: impl Fn(usize) -> i64,
        weight: impl Fn(usize) -> usize,
        width: usize,
        depth: usize,
    ) -> Self {
        let stride = width + 1;
        let block = depth * stride;
        let mut row_of = Vec::with_capacity(core_len + 1);
        let mut row = 0;
        for t in 0..=core_len {
            while row < members.len() && members[row] < t {
                row += 1;
            }
            row_of.push(row);
        }
        let mut values = vec![IMPOSSIBLE; (members.len() + 1) * block];
        let last = members.len() * block;
        values[last..last + stride].fill(0);
        for (r, &k) in members.iter().enumerate().rev() {
            let (head, tail) = values.split_at_mut((r + 1) * block);
            let here = &mut head[r * block..];
            let next = &tail[..block];
            here.copy_from_slice(next);
            let (v, w) = (value(k), weight(k));
            if depth == 1 && v <= 0 {
                continue;
            }
            for count in 0..depth {
                let from = count.saturating_sub(1) * stride;
                let to = count * stride;
                for c in w..stride {
                    let before = next[from + c - w];
                    if possible(before) && before + v > here[to + c] {
                        here[to + c] = before + v;
                    }
                }
            }
        }
        Part {
            row_of,
            width,
            depth,
            values,
        }
    }

    /// The values for the suffix from core position `t` with at least
    /// `count` of its members (`count < depth`).
    fn row(&self, t: usize, count: usize) -> &[i64] {
        let stride = self.width + 1;
        let start = (self.row_of[t] * self.depth + count) * stride;
        &self.values[start..start + stride]
    }
}

/// A group with its own part: a cap that may bind within the core, a
/// minimum not yet met, or both.
#[derive(Debug, Clone)]
struct Exact {
    group: usize,
    /// Whether the group's minimum is kept exactly by the part's counts.
    counts: bool,
    part: Part,
}

impl Exact {
    /// The part's values from core position `t` on, with the group's shortfall in `shorts`.
    fn row(&self, t: usize, shorts: &[usize]) -> &[i64] {
        let count = if self.counts {
            shorts[self.group].min(self.part.depth - 1)
        } else {
            0
        };
        self.part.row(t, count)
    }
}

/// The suffix tables bounding a node's completions.
///
/// Each core candidate is worth `s_j·q − μ_g·a_j + ν_g` and costs
/// `⌊a_j / scale⌋`. The groups in `exact` keep their caps, and their
/// minimums where `counts`, exactly; every other cap and minimum is priced
/// (`μ_g/q`, `ν_g/q ≥ 0`, a Lagrangian relaxation); the budget is kept
/// exactly up to the rounding down of amounts. Since a completion within
/// `r` minor units costs at most `⌊r / scale⌋` scaled, the best value the
/// tables allow bounds every completion.
#[derive(Debug, Clone)]
struct Table {
    /// Minor units per scaled unit.
    scale: i64,
    /// The grid of the values: a value `v` means `v / q` of score.
    q: i128,
    /// `μ_g · q` per group (0 for the groups in `exact`).
    cap_price: Vec<i64>,
    /// `ν_g · q` per group (0 for the groups whose counts are exact).
    minimum_price: Vec<i64>,
    /// Groups with their own part; their candidates are not in `rest`.
    exact: Vec<Exact>,
    /// Every other core candidate.
    rest: Part,
}

impl Table {
    /// The tables for `core` (in ranking order) with `remaining` to spend,
    /// `rooms` left under each group's cap and `shorts` still missing from
    /// each group's minimum; `None` when even the coarsest allowed scale is
    /// too large.
    fn new(
        p: &Problem,
        core: &[usize],
        remaining: i64,
        rooms: &[i64],
        shorts: &[usize],
        duals: Option<&Duals>,
    ) -> Option<Self> {
        let groups = p.groups.len();
        let rows = core.len() + 1 + groups;
        let divisor = core
            .iter()
            .map(|&j| p.amount[j])
            .filter(|&a| a > 0)
            .fold(0, gcd)
            .max(1);
        // Scale by the common divisor, and coarser if the tables would be too big.
        let mut scale = divisor;
        let cells = |scale: i64| (remaining / scale) as usize + 1;
        if rows.saturating_mul(cells(scale)) > TABLE_CELLS {
            let per_row = (TABLE_CELLS / rows).max(2) - 1;
            let needed = remaining / per_row as i64 + 1;
            scale = (needed + divisor - 1) / divisor * divisor;
        }
        let width = cells(scale) - 1;
        if rows.saturating_mul(width + 1) > TABLE_CELLS {
            return None;
        }
        // Groups with their own part: caps that may bind within the core,
        // then unmet minimums while the cells allow, the cheapest first.
        let mut in_core = vec![(0i64, 0usize); groups];
        for &j in core {
            in_core[p.group[j]].0 += p.amount[j];
            in_core[p.group[j]].1 += 1;
        }
        // Beyond what its core candidates cost together, a part's values are flat.
        let part_width = |g: usize| {
            let room = if p.groups[g].cap.is_some() {
                rooms[g]
            } else {
                remaining
            };
            (room.min(remaining).min(in_core[g].0) / scale) as usize
        };
        let mut depth = vec![0usize; groups];
        let mut used = rows * (width + 1);
        for g in 0..groups {
            if p.groups[g].cap.is_some() && rooms[g] < in_core[g].0 {
                depth[g] = 1;
            }
        }
        let mut wanting: Vec<(usize, usize)> = (0..groups)
            .filter(|&g| shorts[g] > 0)
            .map(|g| {
                (
                    (in_core[g].1 + 1) * (shorts[g] + 1) * (part_width(g) + 1),
                    g,
                )
            })
            .collect();
        wanting.sort_unstable();
        for (cells, g) in wanting {
            if used + cells <= TABLE_CELLS {
                used += cells;
                depth[g] = shorts[g] + 1;
            }
        }
        let is_exact = |g: usize| depth[g] > 0;
        let counts = |g: usize| depth[g] > 1;
        // Prices on a grid fine enough to be tight, coarse enough for i64.
        let (mut cap_price, mut minimum_price) = (vec![0i128; groups], vec![0i128; groups]);
        let mut grid: i128 = 1;
        if let Some(d) = duals {
            for g in 0..groups {
                if !is_exact(g) {
                    cap_price[g] = d.group[g] - d.money;
                }
                if !counts(g) {
                    minimum_price[g] = d.minimum[g];
                }
            }
            grid = d.q;
        }
        let mut load: u128 = 0;
        for &j in core {
            let g = p.group[j];
            let price_units = (cap_price[g] / grid + 1).unsigned_abs();
            load += u128::from(p.score[j].unsigned_abs())
                + price_units * u128::from(p.amount[j].unsigned_abs())
                + (minimum_price[g] / grid + 1).unsigned_abs();
        }
        let mut shift = 60 - i64::from(bits(load + 1));
        if shift < 0 {
            // Without prices the load is at most 10⁶ · 10¹² < 2⁶⁰.
            cap_price.iter_mut().for_each(|x| *x = 0);
            minimum_price.iter_mut().for_each(|x| *x = 0);
            grid = 1;
            shift = 0;
        }
        let grid_bits = i64::from(bits(grid.unsigned_abs())) - 1;
        let shift = shift.min(grid_bits.max(0));
        let down = grid_bits.max(0) - shift;
        let q: i128 = 1 << shift;
        let narrow = |x: i128| i64::try_from(x >> down).unwrap_or(i64::MAX);
        let cap_price: Vec<i64> = cap_price.into_iter().map(narrow).collect();
        let minimum_price: Vec<i64> = minimum_price.into_iter().map(narrow).collect();
        let value = |k: usize| {
            let j = core[k];
            let g = p.group[j];
            i64::try_from(
                i128::from(p.score[j]) * q - i128::from(cap_price[g]) * i128::from(p.amount[j])
                    + i128::from(minimum_price[g]),
            )
            .unwrap_or(IMPOSSIBLE)
        };
        let weight = |k: usize| (p.amount[core[k]] / scale) as usize;
        let exact = (0..groups)
            .filter(|&g| is_exact(g))
            .map(|g| {
                let members: Vec<usize> =
                    (0..core.len()).filter(|&k| p.group[core[k]] == g).collect();
                Exact {
                    group: g,
                    counts: counts(g),
                    part: Part::new(core.len(), &members, value, weight, part_width(g), depth[g]),
                }
            })
            .collect();
        let others: Vec<usize> = (0..core.len())
            .filter(|&k| !is_exact(p.group[core[k]]))
            .collect();
        let rest = Part::new(core.len(), &others, value, weight, width, 1);
        Some(Table {
            scale,
            q,
            cap_price,
            minimum_price,
            exact,
            rest,
        })
    }

    /// The most core candidates from position `t` on add within
    /// `remaining`, the groups' `rooms` and with `shorts` more of each
    /// group with exact counts, times `q`; [`IMPOSSIBLE`] when they cannot.
    ///
    /// Exact with at most one group of its own; with more, each of their
    /// tables is replaced by its upper concave hull (at least as large, and
    /// equal at the group's full room, where a binding cap is usually met),
    /// whose sum over groups is found by merging slopes.
    fn best(
        &self,
        t: usize,
        remaining: i64,
        rooms: &[i64],
        shorts: &[usize],
        goal: i64,
        scratch: &mut Scratch,
    ) -> i64 {
        let capacity = ((remaining / self.scale) as usize).min(self.rest.width);
        let rest = self.rest.row(t, 0);
        let limit = |e: &Exact| {
            let room = if rooms[e.group] < remaining {
                rooms[e.group]
            } else {
                remaining
            };
            ((room.max(0) / self.scale) as usize)
                .min(e.part.width)
                .min(capacity)
        };
        match self.exact.as_slice() {
            [] => rest[capacity],
            [only] => {
                let row = only.row(t, shorts);
                scratch.work += limit(only) as u64 + 1;
                (0..=limit(only))
                    .filter(|&c| possible(row[c]))
                    .map(|c| row[c] + rest[capacity - c])
                    .max()
                    .unwrap_or(IMPOSSIBLE)
            }
            parts => {
                if scratch.hulls.len() != parts.len() {
                    scratch.hulls = vec![Hull::default(); parts.len()];
                    scratch.cursor = vec![0; parts.len()];
                }
                let (mut base, mut start) = (0i64, 0usize);
                for (e, hull) in parts.iter().zip(scratch.hulls.iter_mut()) {
                    let count = if e.counts {
                        shorts[e.group].min(e.part.depth - 1)
                    } else {
                        0
                    };
                    let key = (e.part.row_of[t], count, limit(e));
                    if hull.key != Some(key) {
                        scratch.work += key.2 as u64 + 1;
                        hull.refresh(e.row(t, shorts), key, &mut scratch.points);
                    }
                    let Some(first) = hull.first else {
                        return IMPOSSIBLE;
                    };
                    base += hull.base;
                    start += first;
                }
                if start > capacity {
                    return IMPOSSIBLE;
                }
                scratch.cursor.iter_mut().for_each(|c| *c = 0);
                // The merged hull, steepest segment first, cut at the capacity:
                // (start, end, value at start, value at end) per segment.
                scratch.merged.clear();
                let (mut x, mut at) = (start, base);
                while x < capacity {
                    let mut pick: Option<(usize, (i64, i64))> = None;
                    for (i, hull) in scratch.hulls.iter().enumerate() {
                        let Some(&segment) = hull.segments.get(scratch.cursor[i]) else {
                            continue;
                        };
                        let steeper = pick.is_none_or(|(_, (dc, dv))| {
                            i128::from(segment.1) * i128::from(dc)
                                > i128::from(dv) * i128::from(segment.0)
                        });
                        if steeper {
                            pick = Some((i, segment));
                        }
                    }
                    let Some((i, (dc, dv))) = pick else { break };
                    scratch.cursor[i] += 1;
                    let steps = (dc as usize).min(capacity - x);
                    let end_value = at + hull_gain(dv, dc, steps as i64);
                    scratch.merged.push((x, x + steps, at, dv, dc, end_value));
                    x += dc as usize;
                    at += dv;
                }
                // Each segment is worth at most its end value plus the rest at
                // its start; only segments that might reach the goal are
                // looked at point by point, and only until one does.
                let mut best = base + rest[capacity - start];
                if best >= goal {
                    return best;
                }
                let mut unrefined = IMPOSSIBLE;
                for &(from, to, value, dv, dc, end_value) in &scratch.merged {
                    let coarse = end_value + rest[capacity - from];
                    if coarse < goal && goal != i64::MAX {
                        unrefined = unrefined.max(coarse);
                        continue;
                    }
                    scratch.work += (to - from) as u64;
                    for step in 1..=(to - from) {
                        let here =
                            value + hull_gain(dv, dc, step as i64) + rest[capacity - from - step];
                        if here >= goal {
                            return here;
                        }
                        best = best.max(here);
                    }
                }
                best.max(unrefined)
            }
        }
    }
}

/// What `step` capacity units of a hull segment rising `dv` over `dc` add, rounded up.
fn hull_gain(dv: i64, dc: i64, step: i64) -> i64 {
    let gain = i128::from(dv) * i128::from(step);
    (gain.div_euclid(i128::from(dc)) + i128::from(gain.rem_euclid(i128::from(dc)) != 0)) as i64
}

/// A part's upper concave hull for one row, count and limit, kept while
/// the search decides candidates of other groups.
#[derive(Debug, Clone, Default)]
struct Hull {
    /// Row, count and limit it was computed for.
    key: Option<(usize, usize, usize)>,
    /// The smallest capacity with a possible value; `None` when there is none.
    first: Option<usize>,
    /// The value there.
    base: i64,
    /// The hull from there as (Δc, Δv) segments, steepest first.
    segments: Vec<(i64, i64)>,
}

impl Hull {
    fn refresh(&mut self, row: &[i64], key: (usize, usize, usize), points: &mut Vec<(usize, i64)>) {
        self.key = Some(key);
        self.segments.clear();
        let limit = key.2;
        self.first = (0..=limit).find(|&c| possible(row[c]));
        if let Some(first) = self.first {
            self.base = row[first];
            upper_hull(row, first, limit, points);
            self.segments.extend(
                points
                    .windows(2)
                    .map(|pair| ((pair[1].0 - pair[0].0) as i64, pair[1].1 - pair[0].1)),
            );
        }
    }
}

/// Buffers reused from node to node.
#[derive(Debug, Clone, Default)]
struct Scratch {
    /// Capacities and hull points examined since last read.
    work: u64,
    /// Per part of its own, its last hull.
    hulls: Vec<Hull>,
    /// Per part of its own, the next segment to merge.
    cursor: Vec<usize>,
    /// The hull being built.
    points: Vec<(usize, i64)>,
    /// The merged hull: start, end, value at start, Δv, Δc, value at end.
    merged: Vec<(usize, usize, i64, i64, i64, i64)>,
}

/// The vertices of the upper concave hull of `(c, row[c])` for `c` in `first..=limit`.
fn upper_hull(row: &[i64], first: usize, limit: usize, out: &mut Vec<(usize, i64)>) {
    out.clear();
    for (c, &v) in row.iter().enumerate().take(limit + 1).skip(first) {
        if !possible(v) {
            continue;
        }
        while let [.., a, b] = out.as_slice() {
            // Drop b when it lies on or below the line from a to (c, v).
            let cross = (b.0 - a.0) as i128 * i128::from(v - a.1)
                - i128::from(b.1 - a.1) * (c - a.0) as i128;
            if cross >= 0 {
                out.pop();
            } else {
                break;
            }
        }
        out.push((c, v));
    }
}

fn gcd(a: i64, b: i64) -> i64 {
    if b == 0 { a } else { gcd(b, a % b) }
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
struct Search<'a> {
    p: &'a Problem,
    /// Each group's cap (the budget when uncapped).
    caps: &'a [i64],
    /// Root prices for the dual bound; `None` skips that bound.
    duals: Option<&'a Duals>,
    /// The suffix table; `None` when it would be too large.
    table: Option<Table>,
    /// The core candidates, in ranking order.
    core: Vec<usize>,
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
    best: Option<Vec<bool>>,
    /// The total of `best`.
    best_value: Option<i64>,
    nodes: u64,
    /// Work done: a unit per node, and per candidate or capacity examined in bounding it.
    work: u64,
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
    fn new(
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
    fn run(&mut self, floor: Option<i64>, hint: i64) -> Result<Option<i64>, ()> {
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
    fn improve(&mut self, floor: i64) -> Option<i64> {
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
    fn prove(&mut self, floor: i64) -> Result<Option<i64>, ()> {
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
    fn first(&mut self, target: i64) -> Result<Option<i64>, ()> {
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
