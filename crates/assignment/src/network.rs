//! From an [`Instance`] to the flow network: ids to dense indices, checks,
//! and the candidate pairs stored compactly.
//!
//! Only pairs that may be assigned become edges: the reviewer reads the
//! proposal's language, the pair is not forbidden and not already fixed
//! (pinned or kept). Edges are grouped by proposal in a struct of arrays —
//! a `u32` reviewer index and a `u16` cost whose top bit is the flow — six
//! bytes a pair, which is what lets 20,000 × 3,000 instances fit easily.

use std::collections::HashMap;

use grants_domain::{Locale, ProposalId, UserId};

use crate::{AssignmentError, BidLevel, Forbidden, Instance, PairList};

/// The flow bit, stored in the top bit of an edge's cost.
pub(crate) const FLOW: u16 = 0x8000;
/// Bid weights must lie in `-WEIGHT_LIMIT..=WEIGHT_LIMIT`, tag weights in
/// `0..=WEIGHT_LIMIT`, so every shifted cost fits in 15 bits.
pub(crate) const WEIGHT_LIMIT: i32 = 1000;
/// The proposal's language may be anything: every reviewer reads it.
const ANY_LANGUAGE: usize = Locale::ALL.len();

/// The bipartite network between proposals and reviewers; source and sink
/// are implicit. The costs are shifted so that none is negative:
///
/// * source → proposal `p`: capacity `need[p]`, cost 0;
/// * proposal → reviewer (edge `e`): capacity 1, cost `a_hi − affinity`;
/// * reviewer `r` → sink, "bonus" arc: capacity `bonus_cap[r]` (what is left
///   of the minimum load after fixed pairs), cost 0;
/// * reviewer `r` → sink, "normal" arc: capacity `normal_cap[r]` (the rest
///   up to the maximum load), cost `big`.
///
/// Every unit of flow crosses exactly one proposal → reviewer edge, so the
/// shift by `a_hi` adds the same constant to every flow of a given size and
/// changes no choice. Likewise charging `big` on normal arcs instead of
/// crediting it on bonus arcs. See the crate documentation for why `big`
/// makes minimum loads outrank affinity.
#[derive(Debug)]
pub(crate) struct Network {
    /// Reviewers each proposal still needs once fixed pairs are counted.
    pub need: Vec<u32>,
    /// Minimum-load units each reviewer still wants.
    pub bonus_cap: Vec<u32>,
    /// Further units each reviewer accepts up to their maximum load.
    pub normal_cap: Vec<u32>,
    /// Edges of proposal `p` are `first[p]..first[p + 1]`.
    pub first: Vec<u32>,
    /// The reviewer at the end of each edge.
    pub head: Vec<u32>,
    /// `a_hi − affinity`, with [`FLOW`] set when the pair is assigned.
    pub cost: Vec<u16>,
    /// The highest affinity the weights allow.
    pub a_hi: i32,
    /// The cost of one review beyond a reviewer's minimum load.
    pub big: i64,
}

impl Network {
    /// Number of proposals.
    pub fn proposals(&self) -> usize {
        self.need.len()
    }

    /// Number of reviewers.
    pub fn reviewers(&self) -> usize {
        self.bonus_cap.len()
    }

    /// The edges of proposal `p`.
    pub fn edges(&self, p: usize) -> std::ops::Range<usize> {
        self.first[p] as usize..self.first[p + 1] as usize
    }

    /// The affinity of edge `e`.
    pub fn affinity(&self, e: usize) -> i32 {
        self.a_hi - i32::from(self.cost[e] & !FLOW)
    }
}

/// A pinned or kept pair, fixed before solving.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FixedPair {
    pub p: u32,
    pub r: u32,
    pub affinity: i32,
    pub pinned: bool,
    pub kept: bool,
}

/// An instance checked and turned into a network, with what the report
/// needs to explain the result.
#[derive(Debug)]
pub(crate) struct Prepared<'a> {
    pub instance: &'a Instance,
    pub network: Network,
    /// Fixed pairs, sorted by proposal then reviewer index.
    pub fixed: Vec<FixedPair>,
    /// Forbidden pairs as `pair_key`, sorted, one entry a pair; a conflict
    /// wins over an exclusion of the same pair.
    pub forbidden: Vec<(u64, Forbidden)>,
    /// Each proposal's language as an index into `readers`.
    pub language: Vec<usize>,
    /// Reviewer indices (ascending) reading each language of
    /// [`Locale::ALL`]; the last list is everyone.
    pub readers: Vec<Vec<u32>>,
}

/// One `u64` for a (proposal, reviewer) pair of indices; sorting by it sorts
/// by proposal, then reviewer.
pub(crate) fn pair_key(p: u32, r: u32) -> u64 {
    (u64::from(p) << 32) | u64::from(r)
}

/// The index of a locale in [`Locale::ALL`].
pub(crate) fn locale_index(locale: Locale) -> usize {
    Locale::ALL
        .iter()
        .position(|l| *l == locale)
        .unwrap_or(ANY_LANGUAGE)
}

fn check_weights(instance: &Instance) -> Result<(), AssignmentError> {
    let w = &instance.weights;
    let bids = [
        ("eager", w.eager),
        ("willing", w.willing),
        ("no_bid", w.no_bid),
        ("not_preferred", w.not_preferred),
    ];
    let tags = [
        ("per_shared_tag", w.per_shared_tag),
        ("shared_tags_cap", w.shared_tags_cap),
    ];
    let ranged = bids
        .into_iter()
        .map(|(n, v)| (n, v, -WEIGHT_LIMIT))
        .chain(tags.into_iter().map(|(n, v)| (n, v, 0)));
    for (name, value, min) in ranged {
        if !(min..=WEIGHT_LIMIT).contains(&value) {
            return Err(AssignmentError::WeightOutOfRange {
                name,
                value,
                min,
                max: WEIGHT_LIMIT,
            });
        }
    }
    Ok(())
}

/// Lower-cased tags interned to small integers, each entity's list sorted
/// and free of repeats, stored flat.
struct Tags {
    first: Vec<u32>,
    ids: Vec<u32>,
}

impl Tags {
    fn of(&self, i: usize) -> &[u32] {
        &self.ids[self.first[i] as usize..self.first[i + 1] as usize]
    }
}

fn intern<'s>(lists: impl Iterator<Item = &'s [String]>, names: &mut HashMap<String, u32>) -> Tags {
    let mut first = vec![0];
    let mut ids = Vec::new();
    for list in lists {
        let start = ids.len();
        for tag in list {
            let next = u32::try_from(names.len()).unwrap_or(u32::MAX);
            let id = *names.entry(tag.to_lowercase()).or_insert(next);
            ids.push(id);
        }
        ids[start..].sort_unstable();
        let mut unique = start;
        for i in start..ids.len() {
            if unique == start || ids[unique - 1] != ids[i] {
                ids[unique] = ids[i];
                unique += 1;
            }
        }
        ids.truncate(unique);
        first.push(u32::try_from(ids.len()).unwrap_or(u32::MAX));
    }
    Tags { first, ids }
}

/// Shared entries of two sorted lists.
fn shared(a: &[u32], b: &[u32]) -> u32 {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

fn index<T: Copy + Eq + std::hash::Hash>(
    ids: impl Iterator<Item = T>,
    duplicate: impl Fn(T) -> AssignmentError,
) -> Result<HashMap<T, u32>, AssignmentError> {
    let mut map = HashMap::new();
    for (i, id) in ids.enumerate() {
        // More than 2³² proposals or reviewers cannot be held in memory anyway.
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        if map.insert(id, i).is_some() {
            return Err(duplicate(id));
        }
    }
    Ok(map)
}

/// Checks `instance`, fixes its pins and the `kept` pairs, and builds the
/// network of the remaining choices.
pub(crate) fn prepare<'a>(
    instance: &'a Instance,
    kept: &[(ProposalId, UserId)],
) -> Result<Prepared<'a>, AssignmentError> {
    check_weights(instance)?;
    let proposal_index = index(
        instance.proposals.iter().map(|p| p.id),
        AssignmentError::DuplicateProposal,
    )?;
    let reviewer_index = index(
        instance.reviewers.iter().map(|r| r.id),
        AssignmentError::DuplicateReviewer,
    )?;
    for r in &instance.reviewers {
        if r.min_load > r.max_load {
            return Err(AssignmentError::MinLoadAboveMax {
                reviewer: r.id,
                min_load: r.min_load,
                max_load: r.max_load,
            });
        }
    }
    let lookup = |proposal: ProposalId, reviewer: UserId, list: PairList| {
        let p = *proposal_index
            .get(&proposal)
            .ok_or(AssignmentError::UnknownProposal { proposal, list })?;
        let r = *reviewer_index
            .get(&reviewer)
            .ok_or(AssignmentError::UnknownReviewer { reviewer, list })?;
        Ok::<_, AssignmentError>(pair_key(p, r))
    };

    let mut forbidden = instance
        .forbidden
        .iter()
        .map(|f| Ok((lookup(f.proposal, f.reviewer, PairList::Forbidden)?, f.why)))
        .collect::<Result<Vec<_>, _>>()?;
    // `Conflict` sorts before `Excluded`, so deduplicating by pair keeps it.
    forbidden.sort_unstable();
    forbidden.dedup_by_key(|(key, _)| *key);

    let mut bids = instance
        .bids
        .iter()
        .map(|b| Ok((lookup(b.proposal, b.reviewer, PairList::Bids)?, b.level)))
        .collect::<Result<Vec<(u64, BidLevel)>, _>>()?;
    bids.sort_unstable_by_key(|(key, _)| *key);
    if let Some(w) = bids.windows(2).find(|w| w[0].0 == w[1].0) {
        let (p, r) = ((w[0].0 >> 32) as usize, (w[0].0 & 0xffff_ffff) as usize);
        return Err(AssignmentError::DuplicatePair {
            proposal: instance.proposals[p].id,
            reviewer: instance.reviewers[r].id,
            list: PairList::Bids,
        });
    }

    let language: Vec<usize> = instance
        .proposals
        .iter()
        .map(|p| p.language.map_or(ANY_LANGUAGE, locale_index))
        .collect();
    let mut readers = vec![Vec::new(); ANY_LANGUAGE + 1];
    for (r, reviewer) in instance.reviewers.iter().enumerate() {
        let r = r as u32;
        let mut reads = [false; ANY_LANGUAGE];
        for l in &reviewer.languages {
            reads[locale_index(*l)] = true;
        }
        for (l, list) in readers.iter_mut().take(ANY_LANGUAGE).enumerate() {
            if reads[l] {
                list.push(r);
            }
        }
        readers[ANY_LANGUAGE].push(r);
    }
    let reads = |p: usize, r: u32| {
        language[p] == ANY_LANGUAGE || readers[language[p]].binary_search(&r).is_ok()
    };

    let mut names = HashMap::new();
    let proposal_tags = intern(
        instance.proposals.iter().map(|p| p.tags.as_slice()),
        &mut names,
    );
    let expertise = intern(
        instance.reviewers.iter().map(|r| r.expertise.as_slice()),
        &mut names,
    );
    let weights = instance.weights;
    let bid_of = |key: u64| {
        bids.binary_search_by_key(&key, |(k, _)| *k)
            .ok()
            .map(|i| bids[i].1)
    };
    let affinity = |p: u32, r: u32| {
        let common = shared(proposal_tags.of(p as usize), expertise.of(r as usize));
        weights.bid(bid_of(pair_key(p, r))) + weights.tags(common)
    };

    // Pins first, so a pair both pinned and kept reports as pinned.
    let mut fixed: Vec<FixedPair> = Vec::with_capacity(instance.pinned.len() + kept.len());
    for (list, pairs) in [
        (PairList::Pinned, &instance.pinned[..]),
        (PairList::Kept, kept),
    ] {
        let mut keys = Vec::with_capacity(pairs.len());
        for &(proposal, reviewer) in pairs {
            let key = lookup(proposal, reviewer, list)?;
            keys.push(key);
            let (p, r) = ((key >> 32) as u32, key as u32);
            if let Ok(i) = forbidden.binary_search_by_key(&key, |(k, _)| *k) {
                return Err(AssignmentError::FixedPairForbidden {
                    proposal,
                    reviewer,
                    why: forbidden[i].1,
                    list,
                });
            }
            if !reads(p as usize, r) {
                return Err(AssignmentError::FixedPairUnreadable {
                    proposal,
                    reviewer,
                    language: Locale::ALL[language[p as usize]],
                    list,
                });
            }
        }
        keys.sort_unstable();
        if let Some(w) = keys.windows(2).find(|w| w[0] == w[1]) {
            let (p, r) = ((w[0] >> 32) as usize, (w[0] & 0xffff_ffff) as usize);
            return Err(AssignmentError::DuplicatePair {
                proposal: instance.proposals[p].id,
                reviewer: instance.reviewers[r].id,
                list,
            });
        }
        for key in keys {
            let (p, r) = ((key >> 32) as u32, key as u32);
            fixed.push(FixedPair {
                p,
                r,
                affinity: affinity(p, r),
                pinned: list == PairList::Pinned,
                kept: list == PairList::Kept,
            });
        }
    }
    // Stable, so for a pair both pinned and kept the pinned entry comes first.
    fixed.sort_by_key(|f| pair_key(f.p, f.r));
    fixed.dedup_by(|later, earlier| {
        let same = pair_key(later.p, later.r) == pair_key(earlier.p, earlier.r);
        if same {
            earlier.kept = true;
        }
        same
    });

    let mut need: Vec<u32> = instance
        .proposals
        .iter()
        .map(|p| u32::from(p.needed))
        .collect();
    let mut room: Vec<u32> = instance
        .reviewers
        .iter()
        .map(|r| u32::from(r.max_load))
        .collect();
    let mut fixed_load = vec![0u32; room.len()];
    for f in &fixed {
        fixed_load[f.r as usize] += 1;
    }
    let mut fixed_need = vec![0u32; need.len()];
    for f in &fixed {
        fixed_need[f.p as usize] += 1;
    }
    for (p, proposal) in instance.proposals.iter().enumerate() {
        if fixed_need[p] > need[p] {
            return Err(AssignmentError::FixedBeyondNeed {
                proposal: proposal.id,
                fixed: fixed_need[p],
                needed: proposal.needed,
            });
        }
        need[p] -= fixed_need[p];
    }
    let mut bonus_cap = Vec::with_capacity(room.len());
    for (r, reviewer) in instance.reviewers.iter().enumerate() {
        if fixed_load[r] > room[r] {
            return Err(AssignmentError::FixedBeyondMaxLoad {
                reviewer: reviewer.id,
                fixed: fixed_load[r],
                max_load: reviewer.max_load,
            });
        }
        room[r] -= fixed_load[r];
        bonus_cap.push(u32::from(reviewer.min_load).saturating_sub(fixed_load[r]));
    }
    let normal_cap: Vec<u32> = room.iter().zip(&bonus_cap).map(|(m, b)| m - b).collect();

    // The candidate pairs. Readers lists, forbidden pairs, bids and fixed
    // pairs are all sorted by reviewer within a proposal, so one merge-like
    // walk per proposal finds everything.
    let (a_lo, a_hi) = weights.range();
    let mut first = Vec::with_capacity(instance.proposals.len() + 1);
    first.push(0u32);
    let mut head = Vec::new();
    let mut cost = Vec::new();
    let mut mark = vec![u32::MAX; names.len()];
    let (mut fi, mut bi, mut xi) = (0, 0, 0);
    for p in 0..instance.proposals.len() {
        let p32 = p as u32;
        for &t in proposal_tags.of(p) {
            mark[t as usize] = p32;
        }
        let lo = pair_key(p32, 0);
        // Each list is sorted by key, so its cursor only moves forward.
        while fi < forbidden.len() && forbidden[fi].0 < lo {
            fi += 1;
        }
        while bi < bids.len() && bids[bi].0 < lo {
            bi += 1;
        }
        while xi < fixed.len() && (fixed[xi].p as usize) < p {
            xi += 1;
        }
        for &r in &readers[language[p]] {
            let key = pair_key(p32, r);
            while fi < forbidden.len() && forbidden[fi].0 < key {
                fi += 1;
            }
            if fi < forbidden.len() && forbidden[fi].0 == key {
                continue;
            }
            while xi < fixed.len() && fixed[xi].p == p32 && fixed[xi].r < r {
                xi += 1;
            }
            if xi < fixed.len() && fixed[xi].p == p32 && fixed[xi].r == r {
                continue;
            }
            while bi < bids.len() && bids[bi].0 < key {
                bi += 1;
            }
            let bid = (bi < bids.len() && bids[bi].0 == key).then(|| bids[bi].1);
            let common = expertise
                .of(r as usize)
                .iter()
                .filter(|&&t| mark[t as usize] == p32)
                .count() as u32;
            let a = weights.bid(bid) + weights.tags(common);
            head.push(r);
            // Checked weights keep a_hi − a within 0..=3 × WEIGHT_LIMIT.
            cost.push((a_hi - a) as u16);
        }
        let edges = u32::try_from(head.len()).map_err(|_| AssignmentError::TooLarge {
            pairs: head.len() as u64,
            limit: u64::from(u32::MAX),
        })?;
        first.push(edges);
    }

    // `big` must beat any difference in total affinity between two flows of
    // the same size: at most `flow × (a_hi − a_lo)`.
    let flow_bound = need
        .iter()
        .map(|&n| u64::from(n))
        .sum::<u64>()
        .min(room.iter().map(|&n| u64::from(n)).sum())
        .min(head.len() as u64);
    let spread = u64::try_from(a_hi - a_lo).unwrap_or(0);
    let nodes = (instance.proposals.len() + instance.reviewers.len() + 2) as u64;
    // Distances stay below nodes × (big + spread); keep that in an i64.
    let big = flow_bound
        .checked_mul(spread)
        .and_then(|b| b.checked_add(1))
        .filter(|b| {
            b.checked_add(spread)
                .and_then(|c| c.checked_mul(nodes))
                .is_some_and(|d| d < (i64::MAX / 4) as u64)
        })
        .ok_or(AssignmentError::TooLarge {
            pairs: head.len() as u64,
            limit: u64::from(u32::MAX),
        })?;

    Ok(Prepared {
        instance,
        network: Network {
            need,
            bonus_cap,
            normal_cap,
            first,
            head,
            cost,
            a_hi,
            big: big as i64,
        },
        fixed,
        forbidden,
        language,
        readers,
    })
}
