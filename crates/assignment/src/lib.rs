//! Assigning reviewers to proposals, exactly and explainably.
//!
//! Library staff propose projects; each proposal needs `k` reviewers from
//! the jury. An [`Instance`] says what each proposal needs
//! ([`ProposalNeed`]: how many reviewers, its language, its tags), what each
//! reviewer offers ([`ReviewerProfile`]: languages read, expertise, minimum
//! and maximum load), which pairs may never meet ([`ForbiddenPair`]: a
//! conflict of interest found by the caller, or a manager's exclusion),
//! which pairs a manager pinned, and the reviewers' [`Bid`]s. [`solve`]
//! returns an [`Assignment`]: the pairs, every reviewer's load, and for each
//! proposal left short a [`Shortfall`] that explains it ("only 2
//! non-conflicted reviewers read Albanian (sq); 3 needed"). After a reviewer
//! declines, [`repair`] fills the gap without moving anyone else.
//!
//! It is pure: no I/O, no async, no clock, no randomness. The same instance
//! always gives the same assignment; ties are broken by input order (more
//! precisely, by a search that visits proposals and reviewers in input order).
//!
//! # What "optimal" means
//!
//! A pair may be assigned when the reviewer reads the proposal's language
//! (a proposal without a language is readable by all), the pair is not
//! forbidden, and it is not already pinned. Among assignments that respect
//! every proposal's need and every reviewer's maximum load, pins included,
//! the solver picks one that, in this order of priority:
//!
//! 1. fills as many review slots as possible;
//! 2. meets reviewers' minimum loads as far as possible, counting
//!    `Σ min(load, min_load)`;
//! 3. has the highest total *affinity*, the sum over pairs of
//!    [`AffinityWeights`]: by default eager +3, willing +1, no bid 0,
//!    not preferred −2, plus 1 per shared expertise tag (ignoring case) up
//!    to +3.
//!
//! The priorities are strict: no amount of affinity buys an unmet minimum
//! load, and nothing buys an unfilled slot. Infeasibility is not an error —
//! what cannot be filled is listed in [`Assignment::unfilled`] and
//! [`Assignment::under_min_load`]. [`AssignmentError`] is only for malformed
//! input: repeated ids, pins of forbidden or unreadable pairs, pins beyond a
//! need or a load, `min_load > max_load`, unknown ids.
//!
//! # The model: a minimum-cost flow
//!
//! ```text
//! source ──need−pins──▶ proposal ──1, cost −affinity──▶ reviewer ──min−pins, −B──▶ sink
//!                                                           └──────rest up to max, 0──▶ sink
//! ```
//!
//! Pinned (and, in [`repair`], kept) pairs are fixed before solving: they are
//! not edges, and the capacities are reduced by them. Each reviewer's sink
//! arc is split in two: the first `min_load` units earn a bonus `B`, the
//! rest none. The solver computes a *maximum* flow of minimum cost, which
//! gives the three priorities:
//!
//! 1. Maximum flow is priority 1 directly, with no big constant.
//! 2. Among flows of the same size `F`, total affinity varies by at most
//!    `F × (a_max − a_min)`, where `a_min..=a_max` is the range the weights
//!    allow. With `B = F_max × (a_max − a_min) + 1` (`F_max` bounding any
//!    flow: the smaller of total need and total capacity), one more
//!    minimum-load unit always outweighs any affinity difference.
//! 3. What is left is the affinity.
//!
//! Internally the costs are shifted to be non-negative (`a_max − affinity`
//! on edges, `B` on the non-bonus sink arc and 0 on the bonus one); every
//! unit crosses exactly one edge and one sink arc, so the shift adds the same
//! constant to all flows of a size. Weights are limited to ±1000 and the
//! solver refuses instances whose distances could approach `i64::MAX / 4`,
//! so nothing overflows; realistic instances are many orders of magnitude
//! below that.
//!
//! # The algorithm: primal–dual with Dinic
//!
//! Successive shortest paths, one unit per Dijkstra, is exact but far too
//! slow at scale (6,000 units × a quarter of a million edges at the
//! reference size). The solver uses the primal–dual method instead: each
//! phase runs one Dijkstra with potentials to find the current shortest
//! augmenting distance, then pushes a maximum flow through the arcs of zero
//! reduced cost with Dinic's algorithm. A phase ends only when the shortest
//! distance has grown, and distances are small integers (affinities span a
//! few units; `B` is crossed at most once per path, since every path ends
//! with one sink arc), so there are few phases: 5 to 9 on the benchmark
//! instances, with 8 to 16 Dinic rounds in all. Exactness follows from the
//! classic argument: every unit goes along a shortest path, so no negative
//! cycle ever appears.
//!
//! The residual graph is not materialised. Edges are stored once, grouped by
//! proposal, as a `u32` reviewer index and a `u16` cost whose top bit marks
//! the flow (six bytes a candidate pair); backward arcs are read from a
//! short per-reviewer list of the proposals flowing into them.
//!
//! Cost-scaling push–relabel (what OR-tools uses) and network simplex were
//! the alternatives. Primal–dual fits better here: the costs are tiny
//! integers, so the number of phases (bounded by the number of distinct
//! path lengths) stays small, and it needs nothing beyond the compact edge
//! list. Measured with release builds on a 2-core machine
//! (`bench/assignment/` has the script):
//!
//! | instance | candidate pairs | this crate, build + solve | OR-tools `SimpleMinCostFlow`, arcs + solve |
//! |---|---|---|---|
//! | 2,000 × 300, k = 3, 5% conflicts, cap 21 (`bench::GeneratorSpec::default`, feature `bench`) | 222,650 | 18–27 ms | 99 ms (250 ms with its Python set-up) |
//! | 20,000 × 3,000, k = 3, 5% conflicts, cap 21 | 22,080,291 | 1.8 s (0.4 s build), 194 MiB peak for the whole process | 23 s, 2.9 GB |
//!
//! Objectives (and filled slots) were equal on both, and on a dozen more
//! generated instances with pins, minimum loads and heavy conflicts.
//! Ties are broken deterministically by the search order, which follows
//! input order: the same instance always gives the same pairs, and a
//! reordered instance the same objective.
//!
//! # Example
//!
//! ```
//! use grants_assignment::{AffinityWeights, Instance, ProposalNeed, ReviewerProfile, solve};
//! use grants_domain::{Locale, ProposalId, UserId};
//!
//! let proposal = ProposalId::new();
//! let (ana, boris) = (UserId::new(), UserId::new());
//! let reviewer = |id, languages: Vec<Locale>| ReviewerProfile {
//!     id,
//!     languages,
//!     expertise: vec![],
//!     min_load: 0,
//!     max_load: 5,
//! };
//! let instance = Instance {
//!     proposals: vec![ProposalNeed {
//!         id: proposal,
//!         needed: 2,
//!         language: Some(Locale::Sq),
//!         tags: vec![],
//!     }],
//!     reviewers: vec![reviewer(ana, vec![Locale::Sq]), reviewer(boris, vec![Locale::Mk])],
//!     forbidden: vec![],
//!     pinned: vec![],
//!     bids: vec![],
//!     weights: AffinityWeights::default(),
//! };
//! let assignment = solve(&instance)?;
//! assert_eq!(assignment.pairs.len(), 1);
//! assert_eq!(assignment.pairs[0].reviewer, ana);
//! assert_eq!(
//!     assignment.unfilled[0].reason.to_string(),
//!     "only 1 reviewer reads Albanian (sq); 2 needed"
//! );
//! # Ok::<(), grants_assignment::AssignmentError>(())
//! ```

#[cfg(any(test, feature = "bench"))]
pub mod bench;
mod error;
mod flow;
mod model;
mod network;
mod solve;

pub use error::{AssignmentError, PairList};
pub use model::{
    AffinityWeights, AssignedPair, Assignment, Bid, BidLevel, Forbidden, ForbiddenPair, Instance,
    ProposalNeed, ReviewerLoad, ReviewerProfile, Shortfall, UnderMinLoad, UnfilledSlots,
};
pub use solve::{repair, solve};

use grants_domain::Locale;

/// A language as people read it in messages: "Albanian (sq)".
///
/// `Locale` has no English names of its own (only codes), so they live here.
pub fn language_name(locale: Locale) -> String {
    let name = match locale {
        Locale::En => "English",
        Locale::Mk => "Macedonian",
        Locale::Sq => "Albanian",
        Locale::Bs => "Bosnian",
        Locale::Bg => "Bulgarian",
        Locale::Hr => "Croatian",
        Locale::El => "Greek",
        Locale::Ro => "Romanian",
        Locale::Sr => "Serbian",
        Locale::Sl => "Slovenian",
    };
    format!("{name} ({})", locale.code())
}

#[cfg(test)]
mod tests;
