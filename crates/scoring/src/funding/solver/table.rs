//! The suffix tables ([`Table`]): the most the core candidates from a
//! position on can add within a capacity, with their upper concave hulls
//! when several groups have tables of their own.

use super::prices::Duals;
use super::{Problem, bits};

/// The most cells of the suffix table (8 bytes each) a search may use.
const TABLE_CELLS: usize = 1 << 22;

/// A table value meaning "impossible": far below any real value.
pub(super) const IMPOSSIBLE: i64 = i64::MIN / 2;

/// Whether a table value is a real one.
pub(super) fn possible(v: i64) -> bool {
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
pub(super) struct Table {
    /// Minor units per scaled unit.
    scale: i64,
    /// The grid of the values: a value `v` means `v / q` of score.
    pub(super) q: i128,
    /// `μ_g · q` per group (0 for the groups in `exact`).
    pub(super) cap_price: Vec<i64>,
    /// `ν_g · q` per group (0 for the groups whose counts are exact).
    pub(super) minimum_price: Vec<i64>,
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
    pub(super) fn new(
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
    pub(super) fn best(
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
pub(super) struct Scratch {
    /// Capacities and hull points examined since last read.
    pub(super) work: u64,
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
