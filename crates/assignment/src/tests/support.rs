//! Small builders, an independent checker of hard constraints, and an
//! independent (slow) reference solver.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use grants_domain::{Locale, ProposalId, UserId};
use uuid::Uuid;

use crate::{
    AffinityWeights, Assignment, Bid, BidLevel, Forbidden, ForbiddenPair, Instance, ProposalNeed,
    ReviewerProfile,
};

/// The `n`-th proposal id; ids sort by `n`.
pub fn pid(n: u128) -> ProposalId {
    ProposalId::from(Uuid::from_u128(0x1000_0000 + n))
}

/// The `n`-th reviewer id; ids sort by `n`.
pub fn uid(n: u128) -> UserId {
    UserId::from(Uuid::from_u128(0x2000_0000 + n))
}

pub fn proposal(n: u128, needed: u16, language: Option<Locale>) -> ProposalNeed {
    ProposalNeed {
        id: pid(n),
        needed,
        language,
        tags: vec![],
    }
}

pub fn reviewer(n: u128, languages: &[Locale], min_load: u16, max_load: u16) -> ReviewerProfile {
    ReviewerProfile {
        id: uid(n),
        languages: languages.to_vec(),
        expertise: vec![],
        min_load,
        max_load,
    }
}

pub fn instance(proposals: Vec<ProposalNeed>, reviewers: Vec<ReviewerProfile>) -> Instance {
    Instance {
        proposals,
        reviewers,
        forbidden: vec![],
        pinned: vec![],
        bids: vec![],
        weights: AffinityWeights::default(),
    }
}

pub fn forbid(instance: &mut Instance, p: u128, r: u128, why: Forbidden) {
    instance.forbidden.push(ForbiddenPair {
        proposal: pid(p),
        reviewer: uid(r),
        why,
    });
}

pub fn bid(instance: &mut Instance, p: u128, r: u128, level: BidLevel) {
    instance.bids.push(Bid {
        proposal: pid(p),
        reviewer: uid(r),
        level,
    });
}

/// The assigned pairs as a set of (proposal, reviewer).
pub fn pairs(assignment: &Assignment) -> BTreeSet<(ProposalId, UserId)> {
    assignment
        .pairs
        .iter()
        .map(|p| (p.proposal, p.reviewer))
        .collect()
}

/// The pairs a conflict forbids.
fn forbidden_pairs(instance: &Instance) -> HashSet<(ProposalId, UserId)> {
    instance
        .forbidden
        .iter()
        .map(|f| (f.proposal, f.reviewer))
        .collect()
}

/// The pairs that must be in any assignment: pinned or kept.
fn fixed_pairs(
    instance: &Instance,
    kept: &[(ProposalId, UserId)],
) -> BTreeSet<(ProposalId, UserId)> {
    instance.pinned.iter().chain(kept).copied().collect()
}

/// Each id's position in `ids`.
fn positions<K: Ord>(ids: impl Iterator<Item = K>) -> BTreeMap<K, usize> {
    ids.enumerate().map(|(i, id)| (id, i)).collect()
}

/// Whether `r` reads the language of `p`.
pub fn reads(p: &ProposalNeed, r: &ReviewerProfile) -> bool {
    p.language.is_none_or(|l| r.languages.contains(&l))
}

/// The affinity of a pair, computed from scratch.
pub fn affinity(instance: &Instance, p: &ProposalNeed, r: &ReviewerProfile) -> i32 {
    let w = &instance.weights;
    let level = instance
        .bids
        .iter()
        .find(|b| b.proposal == p.id && b.reviewer == r.id)
        .map(|b| b.level);
    let mine: HashSet<String> = p.tags.iter().map(|t| t.to_lowercase()).collect();
    let theirs: HashSet<String> = r.expertise.iter().map(|t| t.to_lowercase()).collect();
    let shared = mine.intersection(&theirs).count() as i32;
    w.bid(level) + (w.per_shared_tag * shared).min(w.shared_tags_cap)
}

/// The three things the solver maximises, in priority order.
pub type Score = (u64, u64, i64);

/// Checks every hard constraint and every reported figure of `assignment`
/// against `instance`, with `kept` pairs that must be present; returns its
/// score.
pub fn check(instance: &Instance, kept: &[(ProposalId, UserId)], assignment: &Assignment) -> Score {
    let proposals: BTreeMap<_, _> = instance.proposals.iter().map(|p| (p.id, p)).collect();
    let reviewers: BTreeMap<_, _> = instance.reviewers.iter().map(|r| (r.id, r)).collect();
    let forbidden = forbidden_pairs(instance);
    let got = pairs(assignment);
    assert_eq!(
        got.len(),
        assignment.pairs.len(),
        "a pair is assigned twice"
    );
    for pin in instance.pinned.iter().chain(kept) {
        assert!(got.contains(pin), "fixed pair {pin:?} is missing");
    }
    let mut need: BTreeMap<ProposalId, u16> = BTreeMap::new();
    let mut load: BTreeMap<UserId, u16> = BTreeMap::new();
    let mut objective = 0i64;
    for pair in &assignment.pairs {
        let p = proposals[&pair.proposal];
        let r = reviewers[&pair.reviewer];
        assert!(
            !forbidden.contains(&(p.id, r.id)),
            "forbidden pair assigned"
        );
        assert!(reads(p, r), "reviewer cannot read the proposal");
        assert_eq!(pair.affinity, affinity(instance, p, r), "wrong affinity");
        assert_eq!(
            pair.pinned,
            instance.pinned.contains(&(p.id, r.id)),
            "wrong pinned flag"
        );
        assert_eq!(pair.kept, kept.contains(&(p.id, r.id)), "wrong kept flag");
        *need.entry(p.id).or_default() += 1;
        *load.entry(r.id).or_default() += 1;
        objective += i64::from(pair.affinity);
    }
    assert_eq!(objective, assignment.objective, "objective is not the sum");
    // Sorted by proposal order, then reviewer order, as given.
    let order_p = positions(instance.proposals.iter().map(|p| p.id));
    let order_r = positions(instance.reviewers.iter().map(|r| r.id));
    let keys: Vec<_> = assignment
        .pairs
        .iter()
        .map(|p| (order_p[&p.proposal], order_r[&p.reviewer]))
        .collect();
    assert!(keys.windows(2).all(|w| w[0] < w[1]), "pairs out of order");

    let mut missing_total = 0u64;
    let mut unfilled = assignment.unfilled.iter().peekable();
    for p in &instance.proposals {
        let have = need.get(&p.id).copied().unwrap_or(0);
        assert!(have <= p.needed, "proposal over-assigned");
        if have < p.needed {
            let u = unfilled.next().expect("unfilled proposal not reported");
            assert_eq!(u.proposal, p.id);
            assert_eq!(u.missing, p.needed - have);
            assert_eq!(u.reason.assigned, have);
            assert_eq!(u.reason.needed, p.needed);
            missing_total += u64::from(u.missing);
        }
    }
    assert!(
        unfilled.next().is_none(),
        "filled proposal reported unfilled"
    );
    assert_eq!(missing_total, assignment.missing());

    assert_eq!(assignment.loads.len(), instance.reviewers.len());
    let mut min_met = 0u64;
    let mut under = assignment.under_min_load.iter();
    for (r, l) in instance.reviewers.iter().zip(&assignment.loads) {
        let have = load.get(&r.id).copied().unwrap_or(0);
        assert_eq!(l.reviewer, r.id);
        assert_eq!(l.load, have);
        assert!(have <= r.max_load, "reviewer over their load cap");
        min_met += u64::from(have.min(r.min_load));
        if have < r.min_load {
            let u = under.next().expect("reviewer under min load not reported");
            assert_eq!(u.reviewer, r.id);
            assert_eq!(u.load, have);
        }
    }
    assert!(under.next().is_none());
    (assignment.pairs.len() as u64, min_met, objective)
}

/// A textbook min-cost max-flow, written independently of the crate:
/// explicit arcs, Bellman–Ford, one unit per augmentation. Slow, small
/// instances only. Returns the optimal score.
pub fn reference(instance: &Instance, kept: &[(ProposalId, UserId)]) -> Score {
    struct Arc {
        to: usize,
        cap: i64,
        cost: i64,
    }
    let np = instance.proposals.len();
    let nr = instance.reviewers.len();
    let (s, t) = (np + nr, np + nr + 1);
    let mut arcs: Vec<Arc> = Vec::new();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); np + nr + 2];
    let mut add = |arcs: &mut Vec<Arc>, a: usize, b: usize, cap: i64, cost: i64| {
        out[a].push(arcs.len());
        arcs.push(Arc { to: b, cap, cost });
        out[b].push(arcs.len());
        arcs.push(Arc {
            to: a,
            cap: 0,
            cost: -cost,
        });
    };
    let forbidden = forbidden_pairs(instance);
    let fixed = fixed_pairs(instance, kept);
    // Big enough for the small instances this is used on.
    let bonus = 1_000_000_i64;
    let mut fixed_affinity = 0i64;
    let mut fixed_load = vec![0i64; nr];
    let mut fixed_need = vec![0i64; np];
    for (i, p) in instance.proposals.iter().enumerate() {
        for (j, r) in instance.reviewers.iter().enumerate() {
            if fixed.contains(&(p.id, r.id)) {
                fixed_affinity += i64::from(affinity(instance, p, r));
                fixed_load[j] += 1;
                fixed_need[i] += 1;
            } else if reads(p, r) && !forbidden.contains(&(p.id, r.id)) {
                add(
                    &mut arcs,
                    i,
                    np + j,
                    1,
                    -i64::from(affinity(instance, p, r)),
                );
            }
        }
    }
    for (i, p) in instance.proposals.iter().enumerate() {
        add(&mut arcs, s, i, i64::from(p.needed) - fixed_need[i], 0);
    }
    for (j, r) in instance.reviewers.iter().enumerate() {
        let room = i64::from(r.max_load) - fixed_load[j];
        let wanted = (i64::from(r.min_load) - fixed_load[j]).max(0);
        add(&mut arcs, np + j, t, wanted, -bonus);
        add(&mut arcs, np + j, t, room - wanted, 0);
    }
    let n = np + nr + 2;
    loop {
        let mut dist = vec![i64::MAX; n];
        let mut via = vec![usize::MAX; n];
        dist[s] = 0;
        for _ in 0..n {
            let mut changed = false;
            for u in 0..n {
                if dist[u] == i64::MAX {
                    continue;
                }
                for &a in &out[u] {
                    let arc = &arcs[a];
                    if arc.cap > 0 && dist[u] + arc.cost < dist[arc.to] {
                        dist[arc.to] = dist[u] + arc.cost;
                        via[arc.to] = a;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        if dist[t] == i64::MAX {
            break;
        }
        let mut v = t;
        while v != s {
            let a = via[v];
            arcs[a].cap -= 1;
            arcs[a ^ 1].cap += 1;
            v = arcs[a ^ 1].to;
        }
    }
    // Read the flow back.
    let mut load = fixed_load;
    let mut filled = fixed.len() as u64;
    let mut objective = fixed_affinity;
    for arcs_out in out.iter().take(np) {
        for &a in arcs_out {
            if a % 2 == 0 && arcs[a].to >= np && arcs[a].to < np + nr && arcs[a].cap == 0 {
                filled += 1;
                load[arcs[a].to - np] += 1;
                objective -= arcs[a].cost;
            }
        }
    }
    let min_met = instance
        .reviewers
        .iter()
        .zip(&load)
        .map(|(r, &l)| l.min(i64::from(r.min_load)) as u64)
        .sum();
    (filled, min_met, objective)
}

/// The optimal score by trying every set of candidate pairs. Tiny instances
/// only (at most ~16 candidate pairs).
pub fn brute_force(instance: &Instance, kept: &[(ProposalId, UserId)]) -> Score {
    let forbidden = forbidden_pairs(instance);
    let fixed = fixed_pairs(instance, kept);
    let np = instance.proposals.len();
    let nr = instance.reviewers.len();
    let mut base_need = vec![0u16; np];
    let mut base_load = vec![0u16; nr];
    let mut base_affinity = 0i64;
    let mut candidates = Vec::new();
    for (i, p) in instance.proposals.iter().enumerate() {
        for (j, r) in instance.reviewers.iter().enumerate() {
            let a = i64::from(affinity(instance, p, r));
            if fixed.contains(&(p.id, r.id)) {
                base_need[i] += 1;
                base_load[j] += 1;
                base_affinity += a;
            } else if reads(p, r) && !forbidden.contains(&(p.id, r.id)) {
                candidates.push((i, j, a));
            }
        }
    }
    assert!(candidates.len() <= 20, "too many pairs to enumerate");
    let mut best: Option<Score> = None;
    'sets: for set in 0u32..(1 << candidates.len()) {
        let mut need = base_need.clone();
        let mut load = base_load.clone();
        let mut total = base_affinity;
        let mut filled = fixed.len() as u64;
        for (bit, &(i, j, a)) in candidates.iter().enumerate() {
            if set & (1 << bit) != 0 {
                need[i] += 1;
                load[j] += 1;
                if need[i] > instance.proposals[i].needed
                    || load[j] > instance.reviewers[j].max_load
                {
                    continue 'sets;
                }
                total += a;
                filled += 1;
            }
        }
        let min_met = instance
            .reviewers
            .iter()
            .zip(&load)
            .map(|(r, &l)| u64::from(l.min(r.min_load)))
            .sum();
        let score = (filled, min_met, total);
        if best.is_none_or(|b| score > b) {
            best = Some(score);
        }
    }
    best.expect("the empty set is always feasible")
}
