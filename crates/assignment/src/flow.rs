//! Minimum-cost maximum flow on a [`Network`] by the primal–dual method.
//!
//! Each *phase* runs Dijkstra with node potentials (reduced costs are never
//! negative) to find the current shortest augmenting distance, lifts the
//! potentials so that every arc on a shortest path has reduced cost zero,
//! and then pushes a maximum flow through the zero-reduced-cost arcs alone
//! with Dinic's algorithm (breadth-first levels, depth-first blocking flows).
//! When no augmenting path remains the flow is maximum, and it is of
//! minimum cost among maximum flows because every unit went along a
//! shortest path.
//!
//! The residual graph is never built. Its arcs are read off the state:
//! a proposal → reviewer arc exists while the edge carries no flow, the
//! reverse arc while it does. Reviewers keep a list of the edges flowing
//! into them, which is short (at most their load), so walking backwards
//! from a reviewer costs nothing like a full adjacency list would.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::network::{FLOW, Network};

/// Node numbering: sink first so that, among equally distant nodes,
/// Dijkstra settles it first and stops early; then source, reviewers,
/// proposals. Ties otherwise fall to input order.
const SINK: usize = 0;
const SOURCE: usize = 1;
const FIRST_REVIEWER: usize = 2;
/// An unreached (or, in Dinic, dead) node.
const NO_LEVEL: u32 = u32::MAX;
const INFINITE: i64 = i64::MAX;
/// Reviewer arcs, in Dinic's current-arc order: bonus arc to the sink, normal
/// arc to the sink, then the reverse arcs of edges flowing in.
const BONUS_ARC: usize = 0;
const NORMAL_ARC: usize = 1;
const FIRST_REVERSE_ARC: usize = 2;

/// Counters for the benchmark and for tuning.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct FlowStats {
    /// Dijkstra runs, one per distinct shortest-path length.
    pub phases: u32,
    /// Dinic level graphs built.
    pub rounds: u32,
    /// Units of flow pushed.
    pub flow: u64,
}

struct Solver<'n> {
    net: &'n mut Network,
    first_proposal: usize,
    /// Units sent from the source to each proposal.
    sent: Vec<u32>,
    bonus_used: Vec<u32>,
    normal_used: Vec<u32>,
    /// `(proposal, edge)` for edges flowing into each reviewer; entries
    /// whose edge stopped flowing are dropped at the end of each round.
    incoming: Vec<Vec<(u32, u32)>>,
    potential: Vec<i64>,
    dist: Vec<i64>,
    heap: BinaryHeap<Reverse<(i64, u32)>>,
    level: Vec<u32>,
    queue: Vec<u32>,
    /// Dinic's current arc of each node: a proposal index for the source,
    /// an edge index for a proposal, an arc number for a reviewer.
    current: Vec<usize>,
    path: Vec<usize>,
    stats: FlowStats,
}

/// Pushes a minimum-cost maximum flow through `net`; the flow is left in
/// the edges' [`FLOW`] bits.
pub(crate) fn solve(net: &mut Network) -> FlowStats {
    let first_proposal = FIRST_REVIEWER + net.reviewers();
    let nodes = first_proposal + net.proposals();
    let mut solver = Solver {
        sent: vec![0; net.proposals()],
        bonus_used: vec![0; net.reviewers()],
        normal_used: vec![0; net.reviewers()],
        incoming: vec![Vec::new(); net.reviewers()],
        net,
        first_proposal,
        // Every cost is non-negative and nothing flows yet, so zero
        // potentials are feasible.
        potential: vec![0; nodes],
        dist: vec![INFINITE; nodes],
        heap: BinaryHeap::new(),
        level: vec![NO_LEVEL; nodes],
        queue: Vec::with_capacity(nodes),
        current: vec![0; nodes],
        path: Vec::new(),
        stats: FlowStats::default(),
    };
    while solver.shortest_paths() {
        solver.stats.phases += 1;
        while solver.levels() {
            solver.stats.rounds += 1;
            solver.blocking_flow();
            solver.drop_stale_incoming();
        }
    }
    solver.stats
}

enum Node {
    Sink,
    Source,
    Reviewer(usize),
    Proposal(usize),
}

impl Solver<'_> {
    fn node(&self, v: usize) -> Node {
        match v {
            SINK => Node::Sink,
            SOURCE => Node::Source,
            v if v < self.first_proposal => Node::Reviewer(v - FIRST_REVIEWER),
            v => Node::Proposal(v - self.first_proposal),
        }
    }

    fn flows(&self, e: usize) -> bool {
        self.net.cost[e] & FLOW != 0
    }

    fn edge_cost(&self, e: usize) -> i64 {
        i64::from(self.net.cost[e] & !FLOW)
    }

    /// Dijkstra on reduced costs from the source, stopping once the sink is
    /// settled; then lifts the potentials by `min(distance, sink distance)`,
    /// which keeps every residual arc's reduced cost non-negative and makes
    /// those on shortest paths zero. False when the sink is unreachable,
    /// i.e. the flow is maximum.
    fn shortest_paths(&mut self) -> bool {
        self.dist.fill(INFINITE);
        self.heap.clear();
        self.dist[SOURCE] = 0;
        self.heap.push(Reverse((0, SOURCE as u32)));
        let mut reached = false;
        while let Some(Reverse((d, u))) = self.heap.pop() {
            let u = u as usize;
            if d > self.dist[u] {
                continue;
            }
            let base = d + self.potential[u];
            match self.node(u) {
                Node::Sink => {
                    reached = true;
                    break;
                }
                Node::Source => {
                    for p in 0..self.net.proposals() {
                        if self.sent[p] < self.net.need[p] {
                            self.relax(self.first_proposal + p, base);
                        }
                    }
                }
                Node::Proposal(p) => {
                    for e in self.net.edges(p) {
                        if !self.flows(e) {
                            let r = FIRST_REVIEWER + self.net.head[e] as usize;
                            self.relax(r, base + self.edge_cost(e));
                        }
                    }
                }
                Node::Reviewer(r) => {
                    if self.bonus_used[r] < self.net.bonus_cap[r] {
                        self.relax(SINK, base);
                    }
                    if self.normal_used[r] < self.net.normal_cap[r] {
                        self.relax(SINK, base + self.net.big);
                    }
                    for i in 0..self.incoming[r].len() {
                        let (p, e) = self.incoming[r][i];
                        if self.flows(e as usize) {
                            let v = self.first_proposal + p as usize;
                            self.relax(v, base - self.edge_cost(e as usize));
                        }
                    }
                }
            }
        }
        if !reached {
            return false;
        }
        let limit = self.dist[SINK];
        for (pi, d) in self.potential.iter_mut().zip(&self.dist) {
            *pi += (*d).min(limit);
        }
        true
    }

    /// Offers node `v` the distance `through − potential[v]`, where
    /// `through` is the unreduced length of the path to it.
    fn relax(&mut self, v: usize, through: i64) {
        let d = through - self.potential[v];
        if d < self.dist[v] {
            self.dist[v] = d;
            self.heap.push(Reverse((d, v as u32)));
        }
    }

    /// The node the `arc`-th residual arc of `u` leads to, if that arc
    /// exists and has reduced cost zero; `None` past the last arc is told
    /// apart by [`Self::arc_count`].
    fn admissible(&self, u: usize, arc: usize) -> Option<usize> {
        let pi = &self.potential;
        match self.node(u) {
            Node::Sink => None,
            Node::Source => {
                let v = self.first_proposal + arc;
                (self.sent[arc] < self.net.need[arc] && pi[SOURCE] == pi[v]).then_some(v)
            }
            Node::Proposal(_) => {
                let v = FIRST_REVIEWER + self.net.head[arc] as usize;
                (!self.flows(arc) && self.edge_cost(arc) + pi[u] == pi[v]).then_some(v)
            }
            Node::Reviewer(r) => match arc {
                BONUS_ARC => (self.bonus_used[r] < self.net.bonus_cap[r] && pi[u] == pi[SINK])
                    .then_some(SINK),
                NORMAL_ARC => (self.normal_used[r] < self.net.normal_cap[r]
                    && self.net.big + pi[u] == pi[SINK])
                    .then_some(SINK),
                _ => {
                    let (p, e) = self.incoming[r][arc - FIRST_REVERSE_ARC];
                    let v = self.first_proposal + p as usize;
                    (self.flows(e as usize) && pi[u] == pi[v] + self.edge_cost(e as usize))
                        .then_some(v)
                }
            },
        }
    }

    /// The first arc number of `u` and one past its last.
    fn arcs(&self, u: usize) -> (usize, usize) {
        match self.node(u) {
            Node::Sink => (0, 0),
            Node::Source => (0, self.net.proposals()),
            Node::Proposal(p) => {
                let edges = self.net.edges(p);
                (edges.start, edges.end)
            }
            Node::Reviewer(r) => (0, FIRST_REVERSE_ARC + self.incoming[r].len()),
        }
    }

    /// Breadth-first levels over admissible arcs, not expanding past the
    /// sink's level. True when the sink is reached.
    fn levels(&mut self) -> bool {
        self.level.fill(NO_LEVEL);
        self.queue.clear();
        self.level[SOURCE] = 0;
        self.queue.push(SOURCE as u32);
        let mut head = 0;
        while head < self.queue.len() {
            let u = self.queue[head] as usize;
            head += 1;
            if self.level[u] >= self.level[SINK] {
                // The sink is at this level or nearer: nothing further helps.
                break;
            }
            let next = self.level[u] + 1;
            if let Node::Proposal(p) = self.node(u) {
                // Nearly every arc is one of these; keep the loop tight.
                let through = self.potential[u];
                for e in self.net.edges(p) {
                    let cost = self.net.cost[e];
                    let v = FIRST_REVIEWER + self.net.head[e] as usize;
                    if cost & FLOW == 0
                        && self.level[v] == NO_LEVEL
                        && i64::from(cost) + through == self.potential[v]
                    {
                        self.level[v] = next;
                        self.queue.push(v as u32);
                    }
                }
                continue;
            }
            let (start, end) = self.arcs(u);
            for arc in start..end {
                if let Some(v) = self.admissible(u, arc)
                    && self.level[v] == NO_LEVEL
                {
                    self.level[v] = next;
                    self.queue.push(v as u32);
                }
            }
        }
        self.level[SINK] != NO_LEVEL
    }

    /// Augments along level-increasing admissible paths until none is left,
    /// one unit at a time: every path crosses a proposal → reviewer arc of
    /// capacity one.
    fn blocking_flow(&mut self) {
        for u in 0..self.current.len() {
            self.current[u] = self.arcs(u).0;
        }
        self.path.clear();
        self.path.push(SOURCE);
        while let Some(&u) = self.path.last() {
            if u == SINK {
                self.augment();
                continue;
            }
            let end = self.arcs(u).1;
            let mut advanced = false;
            if let Node::Proposal(_) = self.node(u) {
                // The common case, specialised as in `levels`.
                let through = self.potential[u];
                let next = self.level[u] + 1;
                while self.current[u] < end {
                    let e = self.current[u];
                    let cost = self.net.cost[e];
                    let v = FIRST_REVIEWER + self.net.head[e] as usize;
                    if cost & FLOW == 0
                        && self.level[v] == next
                        && i64::from(cost) + through == self.potential[v]
                    {
                        self.path.push(v);
                        advanced = true;
                        break;
                    }
                    self.current[u] += 1;
                }
            }
            while !advanced && self.current[u] < end {
                if let Some(v) = self.admissible(u, self.current[u])
                    && self.level[v] == self.level[u] + 1
                {
                    self.path.push(v);
                    advanced = true;
                    break;
                }
                self.current[u] += 1;
            }
            if !advanced {
                // A dead end: nobody needs to come here again this round.
                self.level[u] = NO_LEVEL;
                self.path.pop();
                if let Some(&parent) = self.path.last() {
                    self.current[parent] += 1;
                }
            }
        }
    }

    /// Pushes one unit along `path` (source to sink), then backs up to the
    /// source, or to the proposal if its source arc has room left: the
    /// proposal → reviewer arc after it is now saturated.
    fn augment(&mut self) {
        for i in 0..self.path.len() - 1 {
            let u = self.path[i];
            let arc = self.current[u];
            match self.node(u) {
                Node::Sink => {}
                Node::Source => self.sent[arc] += 1,
                Node::Proposal(p) => {
                    self.net.cost[arc] |= FLOW;
                    let r = self.net.head[arc] as usize;
                    self.incoming[r].push((p as u32, arc as u32));
                }
                Node::Reviewer(r) => match arc {
                    BONUS_ARC => self.bonus_used[r] += 1,
                    NORMAL_ARC => self.normal_used[r] += 1,
                    _ => {
                        let (_, e) = self.incoming[r][arc - FIRST_REVERSE_ARC];
                        self.net.cost[e as usize] &= !FLOW;
                    }
                },
            }
        }
        self.stats.flow += 1;
        let p = self.path[1] - self.first_proposal;
        let keep = if self.sent[p] < self.net.need[p] {
            2
        } else {
            1
        };
        self.path.truncate(keep);
    }

    /// Forgets reverse arcs of edges that stopped flowing. Within one round
    /// an edge changes at most once (levels only increase along a path), so
    /// no list gains a duplicate before this runs.
    fn drop_stale_incoming(&mut self) {
        let cost = &self.net.cost;
        for list in &mut self.incoming {
            list.retain(|&(_, e)| cost[e as usize] & FLOW != 0);
        }
    }
}
