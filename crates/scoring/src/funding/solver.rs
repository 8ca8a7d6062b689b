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

mod greedy;
mod prices;
mod search;
mod table;

use greedy::greedy;
use prices::{Duals, efficiency_cmp, ratio_cmp};
use search::Search;

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

/// Number of bits needed to write `x`.
fn bits(x: u128) -> u32 {
    128 - x.leading_zeros()
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
