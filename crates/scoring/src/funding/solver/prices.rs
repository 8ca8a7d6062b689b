//! Step 1 of the search: prices from the LP relaxation (the [`Duals`]),
//! the bound `D` they give, and the orders by score per unit of money the
//! LP and the greedy passes fill in.

use std::cmp::Ordering;

use super::{Problem, bits};

/// Rounds of pricing the minimums.
const MINIMUM_ROUNDS: usize = 8;

/// Orders two positive worths by worth per unit of money, highest first; a
/// candidate costing nothing comes first. Only the LP's quality depends on
/// this order, never the validity of a bound, so an overflowing product is
/// compared approximately.
pub(super) fn ratio_cmp(w_x: i128, a_x: i64, w_y: i128, a_y: i64) -> Ordering {
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
pub(super) fn efficiency_cmp(s_x: i64, a_x: i64, s_y: i64, a_y: i64) -> Ordering {
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

/// Fills the budget greedily in `order`, within the caps, as the LP
/// relaxation does (the last candidate taking only what is left): the
/// candidate at which the money ran out, and per capped group the one at
/// which its cap did.
fn fill(p: &Problem, caps: &[i64], order: &[usize]) -> (Option<usize>, Vec<Option<usize>>) {
    let mut remaining = p.budget;
    let mut room: Vec<i64> = caps.to_vec();
    let mut money_at: Option<usize> = None;
    let mut group_at: Vec<Option<usize>> = vec![None; p.groups.len()];
    for &j in order {
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
    (money_at, group_at)
}

/// Dual prices on the grid `1/q`, and the bound `D` they give (times `q`).
#[derive(Debug, Clone)]
pub(super) struct Duals {
    /// The grid: prices are multiples of `1/q`.
    pub(super) q: i128,
    /// `R·q`: the price of a unit of money.
    pub(super) money: i128,
    /// `P_g·q`: the price of a unit of money within group g, at least `money`.
    pub(super) group: Vec<i128>,
    /// `ν_g·q`: the price of group g's minimum.
    pub(super) minimum: Vec<i128>,
    /// `D·q`.
    pub(super) bound: i128,
}

impl Duals {
    /// Prices from the greedy LP solution; `None` when the numbers are too
    /// large for the grid (the search then runs without fixing).
    pub(super) fn new(
        p: &Problem,
        caps: &[i64],
        eligible: &[bool],
        by_efficiency: &[usize],
    ) -> Option<Self> {
        // The LP: fill by efficiency within the budget and the caps.
        let (money_at, group_at) = fill(p, caps, by_efficiency);
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
        let mut best = Self::priced(p, caps, eligible, q, vec![0; p.groups.len()]);
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
        let worth = |j: usize| i128::from(p.score[j]) * q + minimum[p.group[j]];
        let mut order: Vec<usize> = (0..p.amount.len())
            .filter(|&j| eligible[j] && worth(j) > 0)
            .collect();
        order.sort_by(|&x, &y| {
            ratio_cmp(worth(x), p.amount[x], worth(y), p.amount[y]).then(x.cmp(&y))
        });
        let (money_at, group_at) = fill(p, caps, &order);
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
    pub(super) fn reduced(&self, p: &Problem, j: usize) -> i128 {
        self.reduced_without_minimum(p, j) + self.minimum[p.group[j]]
    }

    /// `rc_j · q` without the minimum's price.
    pub(super) fn reduced_without_minimum(&self, p: &Problem, j: usize) -> i128 {
        i128::from(p.score[j]) * self.q - self.group[p.group[j]] * i128::from(p.amount[j])
    }
}
