//! [`solve`] and [`repair`], and turning a flow back into an [`Assignment`].

use grants_domain::{ProposalId, UserId};

use crate::flow;
use crate::network::{FLOW, Prepared, pair_key, prepare};
use crate::{
    AssignedPair, Assignment, AssignmentError, Forbidden, Instance, ReviewerLoad, Shortfall,
    UnderMinLoad, UnfilledSlots,
};

/// Assigns reviewers to proposals optimally: as many review slots filled as
/// possible, then as many promised minimum loads met as possible, then the
/// highest total affinity. Pinned pairs are always part of the result.
///
/// The result is the same every time for the same instance. Errors mean
/// the instance is malformed; a proposal that cannot be fully staffed is
/// reported in [`Assignment::unfilled`] instead.
pub fn solve(instance: &Instance) -> Result<Assignment, AssignmentError> {
    repair(instance, &[])
}

/// Fills the gaps in an existing assignment without moving any of it.
///
/// After a reviewer declines, add the declined pair to
/// [`Instance::forbidden`] as [`Forbidden::Excluded`] and pass every other
/// current pair as `kept` (pins may be repeated there). The kept pairs stay
/// exactly as they are and count against needs and loads; the open slots
/// are filled optimally around them, with the same priorities as [`solve`].
/// A kept pair that is forbidden, unreadable or over a limit is an error,
/// which catches a declined pair left in `kept` by mistake.
pub fn repair(
    instance: &Instance,
    kept: &[(ProposalId, UserId)],
) -> Result<Assignment, AssignmentError> {
    let mut prepared = prepare(instance, kept)?;
    flow::solve(&mut prepared.network);
    Ok(assemble(&prepared))
}

/// [`repair`] in two timed halves, for the benchmark.
#[cfg(any(test, feature = "bench"))]
pub(crate) fn solve_timed(instance: &Instance) -> Result<(Assignment, Timings), AssignmentError> {
    let start = std::time::Instant::now();
    let mut prepared = prepare(instance, &[])?;
    let built = start.elapsed();
    let stats = flow::solve(&mut prepared.network);
    let assignment = assemble(&prepared);
    let solved = start.elapsed() - built;
    let timings = Timings {
        build: built,
        solve: solved,
        edges: prepared.network.head.len() as u64,
        stats,
    };
    Ok((assignment, timings))
}

/// What [`solve_timed`] measured.
#[cfg(any(test, feature = "bench"))]
#[derive(Debug, Clone, Copy)]
pub(crate) struct Timings {
    pub build: std::time::Duration,
    pub solve: std::time::Duration,
    pub edges: u64,
    pub stats: flow::FlowStats,
}

fn assemble(prepared: &Prepared<'_>) -> Assignment {
    let instance = prepared.instance;
    let net = &prepared.network;
    let proposals = &instance.proposals;
    let reviewers = &instance.reviewers;

    // Fixed pairs and flowing edges are both sorted by (proposal, reviewer);
    // merge them so the result is too.
    let mut keyed: Vec<(u64, AssignedPair)> = prepared
        .fixed
        .iter()
        .map(|f| {
            let pair = AssignedPair {
                proposal: proposals[f.p as usize].id,
                reviewer: reviewers[f.r as usize].id,
                affinity: f.affinity,
                pinned: f.pinned,
                kept: f.kept,
            };
            (pair_key(f.p, f.r), pair)
        })
        .collect();
    for (p, proposal) in proposals.iter().enumerate() {
        for e in net.edges(p) {
            if net.cost[e] & FLOW != 0 {
                let r = net.head[e];
                let pair = AssignedPair {
                    proposal: proposal.id,
                    reviewer: reviewers[r as usize].id,
                    affinity: net.affinity(e),
                    pinned: false,
                    kept: false,
                };
                keyed.push((pair_key(p as u32, r), pair));
            }
        }
    }
    keyed.sort_by_key(|(key, _)| *key);

    let mut load = vec![0u16; reviewers.len()];
    let mut assigned = vec![0u16; proposals.len()];
    for (key, _) in &keyed {
        assigned[(key >> 32) as usize] += 1;
        load[(key & 0xffff_ffff) as usize] += 1;
    }
    let objective = keyed.iter().map(|(_, p)| i64::from(p.affinity)).sum();

    let mut unfilled = Vec::new();
    for (p, proposal) in proposals.iter().enumerate() {
        if assigned[p] < proposal.needed {
            unfilled.push(UnfilledSlots {
                proposal: proposal.id,
                missing: proposal.needed - assigned[p],
                reason: shortfall(prepared, &keyed, &load, p, assigned[p]),
            });
        }
    }

    let loads: Vec<ReviewerLoad> = reviewers
        .iter()
        .zip(&load)
        .map(|(r, &load)| ReviewerLoad {
            reviewer: r.id,
            load,
            min_load: r.min_load,
            max_load: r.max_load,
        })
        .collect();

    let mut under_min_load = Vec::new();
    if loads.iter().any(|l| l.load < l.min_load) {
        let mut eligible = vec![0u32; reviewers.len()];
        for &r in &net.head {
            eligible[r as usize] += 1;
        }
        for f in &prepared.fixed {
            eligible[f.r as usize] += 1;
        }
        for (l, eligible) in loads.iter().zip(eligible) {
            if l.load < l.min_load {
                under_min_load.push(UnderMinLoad {
                    reviewer: l.reviewer,
                    load: l.load,
                    min_load: l.min_load,
                    eligible_proposals: eligible,
                });
            }
        }
    }

    Assignment {
        pairs: keyed.into_iter().map(|(_, pair)| pair).collect(),
        objective,
        loads,
        unfilled,
        under_min_load,
    }
}

/// Counts what stands between proposal `p` and its reviewers.
fn shortfall(
    prepared: &Prepared<'_>,
    keyed: &[(u64, AssignedPair)],
    load: &[u16],
    p: usize,
    assigned: u16,
) -> Shortfall {
    let proposal = &prepared.instance.proposals[p];
    let p32 = p as u32;
    let readers = &prepared.readers[prepared.language[p]];
    let forbidden = &prepared.forbidden;
    let from = forbidden.partition_point(|(key, _)| *key < pair_key(p32, 0));
    let to = forbidden.partition_point(|(key, _)| *key < pair_key(p32 + 1, 0));
    let (mut conflicted, mut excluded) = (0, 0);
    for &(key, why) in &forbidden[from..to] {
        if readers.binary_search(&(key as u32)).is_ok() {
            match why {
                Forbidden::Conflict => conflicted += 1,
                Forbidden::Excluded => excluded += 1,
            }
        }
    }
    let on_it_from = keyed.partition_point(|(key, _)| *key < pair_key(p32, 0));
    let on_it_to = keyed.partition_point(|(key, _)| *key < pair_key(p32 + 1, 0));
    let on_it = &keyed[on_it_from..on_it_to];
    let at_load_cap = readers
        .iter()
        .filter(|&&r| {
            let key = pair_key(p32, r);
            forbidden[from..to]
                .binary_search_by_key(&key, |(k, _)| *k)
                .is_err()
                && on_it.binary_search_by_key(&key, |(k, _)| *k).is_err()
                && load[r as usize] >= prepared.instance.reviewers[r as usize].max_load
        })
        .count() as u32;
    Shortfall {
        needed: proposal.needed,
        language: proposal.language,
        readers: readers.len() as u32,
        conflicted,
        excluded,
        assigned,
        at_load_cap,
    }
}
