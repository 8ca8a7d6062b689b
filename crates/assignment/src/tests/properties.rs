//! Optimality against brute force and an independent reference solver, and
//! properties every solution must have.

use grants_domain::{
    Locale::{En, Mk},
    ProposalId, UserId,
};
use proptest::collection::vec;
use proptest::prelude::*;

use super::support::*;
use crate::bench::{GeneratorSpec, generate};
use crate::{AffinityWeights, BidLevel, Forbidden, ForbiddenPair, Instance, repair, solve};

/// Keeps the wanted fixed pairs that make a valid instance, greedily in
/// order: readable, not forbidden, within needs and loads, not repeated.
fn valid_fixed(
    instance: &Instance,
    already: &[(ProposalId, UserId)],
    wanted: impl IntoIterator<Item = (usize, usize)>,
) -> Vec<(ProposalId, UserId)> {
    let mut need: Vec<u16> = instance.proposals.iter().map(|p| p.needed).collect();
    let mut room: Vec<u16> = instance.reviewers.iter().map(|r| r.max_load).collect();
    let index_p = |id| instance.proposals.iter().position(|p| p.id == id).unwrap();
    let index_r = |id| instance.reviewers.iter().position(|r| r.id == id).unwrap();
    for &(p, r) in already {
        need[index_p(p)] -= 1;
        room[index_r(r)] -= 1;
    }
    let mut out = Vec::new();
    for (i, j) in wanted {
        let (p, r) = (&instance.proposals[i], &instance.reviewers[j]);
        let pair = (p.id, r.id);
        let forbidden = instance
            .forbidden
            .iter()
            .any(|f| f.proposal == p.id && f.reviewer == r.id);
        if reads(p, r)
            && !forbidden
            && need[i] > 0
            && room[j] > 0
            && !out.contains(&pair)
            && !already.contains(&pair)
        {
            need[i] -= 1;
            room[j] -= 1;
            out.push(pair);
        }
    }
    out
}

const PROPOSAL_TAGS: [&str; 3] = ["art", "history", "Music"];
const REVIEWER_TAGS: [&str; 4] = ["ART", "History", "music", "stem"];

fn tags(bits: u8, vocabulary: &[&str]) -> Vec<String> {
    vocabulary
        .iter()
        .enumerate()
        .filter(|(i, _)| bits & (1 << i) != 0)
        .map(|(_, t)| (*t).to_owned())
        .collect()
}

prop_compose! {
    /// Up to 4 × 4, k ≤ 2, random languages, loads, forbidden pairs, bids,
    /// tags, weights, pins and kept pairs: small enough to enumerate.
    fn tiny()(
        np in 1usize..=4,
        nr in 1usize..=4,
        needs in vec(0u16..=2, 4),
        languages in vec(0u8..3, 4),
        proposal_tags in vec(0u8..8, 4),
        reads in vec(0u8..4, 4),
        mins in vec(0u16..=2, 4),
        maxs in vec(0u16..=3, 4),
        expertise in vec(0u8..16, 4),
        cells in vec(0u8..12, 16),
        pins in vec(0u8..8, 16),
        kept in vec(0u8..6, 16),
        custom in any::<bool>(),
        w in (-3i32..=5, -3i32..=5, -3i32..=5, -3i32..=5, 0i32..=2, 0i32..=3),
    ) -> (Instance, Vec<(ProposalId, UserId)>) {
        let proposals = (0..np).map(|i| {
            let language = [None, Some(En), Some(Mk)][languages[i] as usize];
            let mut p = proposal(i as u128, needs[i], language);
            p.tags = tags(proposal_tags[i], &PROPOSAL_TAGS);
            p
        }).collect();
        let reviewers = (0..nr).map(|j| {
            let spoken: Vec<_> = [En, Mk].into_iter().enumerate()
                .filter(|(b, _)| reads[j] & (1 << b) != 0).map(|(_, l)| l).collect();
            let mut r = reviewer(j as u128, &spoken, mins[j].min(maxs[j]), maxs[j]);
            r.expertise = tags(expertise[j], &REVIEWER_TAGS);
            r
        }).collect();
        let mut instance = instance(proposals, reviewers);
        for i in 0..np {
            for j in 0..nr {
                let (p, r) = (i as u128, j as u128);
                match cells[i * 4 + j] {
                    0 => forbid(&mut instance, p, r, Forbidden::Conflict),
                    1 => forbid(&mut instance, p, r, Forbidden::Excluded),
                    2 | 3 => bid(&mut instance, p, r, BidLevel::Eager),
                    4 | 5 => bid(&mut instance, p, r, BidLevel::Willing),
                    6 | 7 => bid(&mut instance, p, r, BidLevel::NotPreferred),
                    _ => {}
                }
            }
        }
        if custom {
            instance.weights = AffinityWeights {
                eager: w.0, willing: w.1, no_bid: w.2, not_preferred: w.3,
                per_shared_tag: w.4, shared_tags_cap: w.5,
            };
        }
        let cells = |picks: &[u8]| {
            (0..np * nr)
                .filter(|&c| picks[(c / nr) * 4 + c % nr] == 0)
                .map(|c| (c / nr, c % nr))
                .collect::<Vec<_>>()
        };
        instance.pinned = valid_fixed(&instance, &[], cells(&pins));
        let kept = valid_fixed(&instance, &instance.pinned, cells(&kept));
        (instance, kept)
    }
}

prop_compose! {
    /// A generated instance of up to 30 × 10 with random tight load caps,
    /// minimum loads and pins.
    fn medium()(
        proposals in 4u32..=30,
        reviewers in 2u32..=10,
        k in 1u16..=3,
        conflicts in 0u32..=40,
        seed in any::<u64>(),
        caps in vec(0u16..=8, 10),
        mins in vec(0u16..=4, 10),
        tighten in any::<bool>(),
        pins in vec((0usize..30, 0usize..10), 0..8),
    ) -> Instance {
        let spec = GeneratorSpec {
            proposals,
            reviewers,
            reviews_per_proposal: k,
            conflict_rate: f64::from(conflicts) / 100.0,
            seed,
            pinned: 0,
            min_load: 0,
        };
        let mut instance = generate(&spec);
        for (j, r) in instance.reviewers.iter_mut().enumerate() {
            if tighten {
                r.max_load = caps[j];
            }
            r.min_load = mins[j].min(r.max_load);
        }
        let wanted: Vec<_> = pins
            .into_iter()
            .map(|(i, j)| (i % proposals as usize, j % reviewers as usize))
            .collect();
        instance.pinned = valid_fixed(&instance, &[], wanted);
        instance
    }
}

/// `instance` with proposals and reviewers reordered by a seeded shuffle.
fn shuffled(instance: &Instance, seed: u64) -> Instance {
    let mut state = seed;
    let mut next = move |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) % n as u64) as usize
    };
    let mut out = instance.clone();
    for i in (1..out.proposals.len()).rev() {
        out.proposals.swap(i, next(i + 1));
    }
    for i in (1..out.reviewers.len()).rev() {
        out.reviewers.swap(i, next(i + 1));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn tiny_instances_are_solved_optimally((instance, _) in tiny()) {
        let assignment = solve(&instance).unwrap();
        let score = check(&instance, &[], &assignment);
        prop_assert_eq!(score, brute_force(&instance, &[]));
    }

    #[test]
    fn tiny_repairs_are_optimal_around_kept_pairs((instance, kept) in tiny()) {
        let assignment = repair(&instance, &kept).unwrap();
        let score = check(&instance, &kept, &assignment);
        prop_assert_eq!(score, brute_force(&instance, &kept));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn medium_instances_match_the_reference_solver(instance in medium()) {
        let assignment = solve(&instance).unwrap();
        let score = check(&instance, &[], &assignment);
        prop_assert_eq!(score, reference(&instance, &[]));
    }

    #[test]
    fn the_score_does_not_depend_on_input_order(instance in medium(), seed in any::<u64>()) {
        let original = check(&instance, &[], &solve(&instance).unwrap());
        let other = shuffled(&instance, seed);
        let reordered = check(&other, &[], &solve(&other).unwrap());
        prop_assert_eq!(original, reordered);
    }

    #[test]
    fn solving_is_deterministic(instance in medium()) {
        prop_assert_eq!(solve(&instance).unwrap(), solve(&instance).unwrap());
    }

    #[test]
    fn repair_after_declines_keeps_everyone_else(
        instance in medium(),
        declines in vec(any::<prop::sample::Index>(), 1..4),
    ) {
        let before = solve(&instance).unwrap();
        prop_assume!(!before.pairs.is_empty());
        let mut after_declines = instance.clone();
        let mut declined = Vec::new();
        for d in declines {
            let pair = &before.pairs[d.index(before.pairs.len())];
            if !pair.pinned && !declined.contains(&(pair.proposal, pair.reviewer)) {
                declined.push((pair.proposal, pair.reviewer));
                after_declines.forbidden.push(ForbiddenPair {
                    proposal: pair.proposal,
                    reviewer: pair.reviewer,
                    why: Forbidden::Excluded,
                });
            }
        }
        let kept: Vec<_> = before
            .pairs
            .iter()
            .map(|p| (p.proposal, p.reviewer))
            .filter(|pair| !declined.contains(pair))
            .collect();
        let after = repair(&after_declines, &kept).unwrap();
        let score = check(&after_declines, &kept, &after);
        prop_assert_eq!(score, reference(&after_declines, &kept));
        for pair in &declined {
            prop_assert!(!pairs(&after).contains(pair));
        }
        // Nothing is lost but what could not be replaced.
        prop_assert!(after.filled() + declined.len() >= before.filled());
    }
}
