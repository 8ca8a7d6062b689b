//! Reproducible instances of any size, and timing the solver on them.
//!
//! Used by `grants bench assignment` and by the comparison with OR-tools in
//! `bench/assignment/`; compiled only with the feature `bench` (and in this
//! crate's tests), so production builds leave it out. The generator draws from the tiny PRNG the
//! pure crates share (SplitMix64) with integer thresholds only, so the same [`GeneratorSpec`]
//! gives the same [`Instance`] on every machine and every build.

use grants_domain::random::SplitMix64;
use grants_domain::{Locale, ProposalId, UserId};
use serde::{Deserialize, Serialize};

use crate::{
    AffinityWeights, AssignmentError, Bid, BidLevel, Forbidden, ForbiddenPair, Instance,
    ProposalNeed, ReviewerProfile,
};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GeneratorSpec {
    /// Number of proposals.
    pub proposals: u32,
    /// Number of reviewers.
    pub reviewers: u32,
    /// Reviewers each proposal needs (`k`).
    pub reviews_per_proposal: u16,
    /// Chance that a reviewer who reads a proposal's language has a conflict
    /// of interest with it. Conflicts between pairs that language already
    /// rules out would change nothing, so they are not drawn; the network
    /// is the same as with conflicts drawn over all pairs at this rate.
    pub conflict_rate: f64,
    /// Seed of the PRNG.
    pub seed: u64,
    /// Pairs to pin (0 in the standard benchmark).
    pub pinned: u32,
    /// Every reviewer's minimum load, capped at their maximum (0 in the
    /// standard benchmark).
    pub min_load: u16,
}

impl Default for GeneratorSpec {
    /// The reference size: 2,000 proposals, 300 reviewers, 3 reviews each,
    /// 5% conflicts.
    fn default() -> Self {
        Self {
            proposals: 2_000,
            reviewers: 300,
            reviews_per_proposal: 3,
            conflict_rate: 0.05,
            seed: 2027,
            pinned: 0,
            min_load: 0,
        }
    }
}

impl GeneratorSpec {
    /// Every reviewer's maximum load: `⌈proposals × k / reviewers⌉ + 1`,
    /// enough overall with a little slack, but tight in places.
    pub fn max_load(&self) -> u16 {
        let slots = u64::from(self.proposals) * u64::from(self.reviews_per_proposal);
        let reviewers = u64::from(self.reviewers.max(1));
        u16::try_from(slots.div_ceil(reviewers) + 1).unwrap_or(u16::MAX)
    }
}

/// The shared generator, with the draws the generator makes.
#[derive(Debug, Clone)]
struct Rng(SplitMix64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// Uniform in `0..n` (`n > 0`), by multiply-shift.
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `low..=high`.
    fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.below(high - low + 1)
    }

    /// An index drawn with the given integer weights.
    fn weighted(&mut self, weights: &[u64]) -> usize {
        let total: u64 = weights.iter().sum();
        let mut x = self.below(total);
        for (i, &w) in weights.iter().enumerate() {
            if x < w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }

    fn bytes(&mut self) -> [u8; 10] {
        let mut out = [0; 10];
        out[..8].copy_from_slice(&self.next().to_le_bytes());
        out[8..].copy_from_slice(&self.next().to_le_bytes()[..2]);
        out
    }
}

/// `rate` as a threshold on a uniform `u64`; exact IEEE arithmetic, so the
/// same everywhere.
fn threshold(rate: f64) -> u64 {
    if rate.is_nan() || rate <= 0.0 {
        0
    } else if rate >= 1.0 {
        u64::MAX
    } else {
        // 2⁶⁴ × rate < 2⁶⁴; the cast saturates anyway.
        (rate * 18_446_744_073_709_551_616.0) as u64
    }
}

/// How common each language of [`Locale::ALL`] is among proposals and
/// readers: English most, Macedonian next (the programme's home), the rest
/// alike.
const LANGUAGE_WEIGHTS: [u64; 10] = [4, 2, 1, 1, 1, 1, 1, 1, 1, 1];

const VOCABULARY: [&str; 20] = [
    "digital literacy",
    "makerspace",
    "oral history",
    "accessibility",
    "children",
    "seniors",
    "archives",
    "open data",
    "community",
    "rural",
    "refugees",
    "reading promotion",
    "stem",
    "games",
    "heritage",
    "media literacy",
    "local history",
    "music",
    "environment",
    "coding",
];

/// 2027-01-10, so generated ids look like UUID v7s from the programme's year.
const EPOCH_MS: u64 = 1_799_539_200_000;

fn tags(rng: &mut Rng, low: u64, high: u64, shout: bool) -> Vec<String> {
    let count = rng.between(low, high) as usize;
    let mut picked: Vec<usize> = Vec::with_capacity(count);
    while picked.len() < count {
        let t = rng.below(VOCABULARY.len() as u64) as usize;
        if !picked.contains(&t) {
            picked.push(t);
        }
    }
    picked
        .into_iter()
        .map(|t| {
            // Reviewers write their expertise in capitals sometimes;
            // matching must not care.
            if shout && rng.below(2) == 0 {
                VOCABULARY[t].to_uppercase()
            } else {
                VOCABULARY[t].to_owned()
            }
        })
        .collect()
}

/// Generates the instance `spec` describes; the same spec always gives the
/// same instance.
///
/// Proposals are in one of the ten programme languages (English twice as
/// common as Macedonian, which is twice as common as each other one), need
/// `k` reviewers and carry 1–3 tags from a 20-tag vocabulary. Reviewers read
/// 2–4 languages drawn with the same weights, list 2–5 expertise tags
/// (sometimes in capitals), may take `⌈proposals·k/reviewers⌉ + 1` reviews,
/// and bid on up to 8 proposals they can read. Every language is read by at
/// least `2k` reviewers (or all of them, if there are fewer).
pub fn generate(spec: &GeneratorSpec) -> Instance {
    let mut rng = Rng(SplitMix64::new(spec.seed));
    let k = spec.reviews_per_proposal;
    let max_load = spec.max_load();
    let languages = Locale::ALL.len();

    let proposals: Vec<ProposalNeed> = (0..u64::from(spec.proposals))
        .map(|i| {
            let uuid =
                uuid::Builder::from_unix_timestamp_millis(EPOCH_MS + i, &rng.bytes()).into_uuid();
            ProposalNeed {
                id: ProposalId::from(uuid),
                needed: k,
                language: Some(Locale::ALL[rng.weighted(&LANGUAGE_WEIGHTS)]),
                tags: tags(&mut rng, 1, 3, false),
            }
        })
        .collect();

    let mut reviewers: Vec<ReviewerProfile> = (0..u64::from(spec.reviewers))
        .map(|i| {
            let uuid =
                uuid::Builder::from_unix_timestamp_millis(EPOCH_MS - 1_000_000 + i, &rng.bytes())
                    .into_uuid();
            let count = rng.between(2, 4) as usize;
            let mut weights = LANGUAGE_WEIGHTS;
            let mut reads = Vec::with_capacity(count);
            for _ in 0..count {
                let l = rng.weighted(&weights);
                weights[l] = 0;
                reads.push(Locale::ALL[l]);
            }
            ReviewerProfile {
                id: UserId::from(uuid),
                languages: reads,
                expertise: tags(&mut rng, 2, 5, true),
                min_load: spec.min_load.min(max_load),
                max_load,
            }
        })
        .collect();

    // Top up rare languages so that every proposal has enough readers.
    let enough = (2 * usize::from(k)).min(reviewers.len());
    for locale in Locale::ALL.iter().take(languages) {
        let mut readers = reviewers
            .iter()
            .filter(|r| r.languages.contains(locale))
            .count();
        let mut r = rng.below(reviewers.len().max(1) as u64) as usize;
        while readers < enough {
            if !reviewers[r].languages.contains(locale) {
                reviewers[r].languages.push(*locale);
                readers += 1;
            }
            r = (r + 1) % reviewers.len();
        }
    }

    // Readers per language, in reviewer order.
    let mut readers: Vec<Vec<usize>> = vec![Vec::new(); languages];
    for (r, reviewer) in reviewers.iter().enumerate() {
        for l in &reviewer.languages {
            readers[crate::network::locale_index(*l)].push(r);
        }
    }
    for list in &mut readers {
        list.sort_unstable();
    }
    let language_of = |p: &ProposalNeed| p.language.map_or(0, crate::network::locale_index);

    let conflict = threshold(spec.conflict_rate);
    let mut forbidden = Vec::new();
    let mut conflicted = std::collections::HashSet::new();
    for (p, proposal) in proposals.iter().enumerate() {
        for &r in &readers[language_of(proposal)] {
            if rng.next() < conflict {
                forbidden.push(ForbiddenPair {
                    proposal: proposal.id,
                    reviewer: reviewers[r].id,
                    why: Forbidden::Conflict,
                });
                if spec.pinned > 0 {
                    conflicted.insert((p, r));
                }
            }
        }
    }

    let mut bids = Vec::new();
    if !proposals.is_empty() {
        for reviewer in &reviewers {
            let wanted = rng.below(9) as usize;
            let mut chosen: Vec<usize> = Vec::with_capacity(wanted);
            for _ in 0..wanted * 4 {
                if chosen.len() == wanted {
                    break;
                }
                let p = rng.below(proposals.len() as u64) as usize;
                let readable = proposals[p]
                    .language
                    .is_none_or(|l| reviewer.languages.contains(&l));
                if readable && !chosen.contains(&p) {
                    chosen.push(p);
                }
            }
            for p in chosen {
                let level = match rng.weighted(&[30, 45, 25]) {
                    0 => BidLevel::Eager,
                    1 => BidLevel::Willing,
                    _ => BidLevel::NotPreferred,
                };
                bids.push(Bid {
                    proposal: proposals[p].id,
                    reviewer: reviewer.id,
                    level,
                });
            }
        }
    }

    let mut pinned = Vec::new();
    if spec.pinned > 0 && !proposals.is_empty() {
        let mut pinned_on = vec![0u16; proposals.len()];
        let mut load = vec![0u16; reviewers.len()];
        let mut taken = std::collections::HashSet::new();
        for _ in 0..spec.pinned.saturating_mul(4) {
            if pinned.len() as u32 == spec.pinned {
                break;
            }
            let p = rng.below(proposals.len() as u64) as usize;
            let candidates = &readers[language_of(&proposals[p])];
            if candidates.is_empty() {
                continue;
            }
            let r = candidates[rng.below(candidates.len() as u64) as usize];
            if pinned_on[p] < k
                && load[r] < max_load
                && !conflicted.contains(&(p, r))
                && taken.insert((p, r))
            {
                pinned_on[p] += 1;
                load[r] += 1;
                pinned.push((proposals[p].id, reviewers[r].id));
            }
        }
    }

    Instance {
        proposals,
        reviewers,
        forbidden,
        pinned,
        bids,
        weights: AffinityWeights::default(),
    }
}

/// What one benchmark run measured, for `grants bench assignment` to print.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BenchReport {
    /// Proposals in the instance.
    pub proposals: usize,
    /// Reviewers in the instance.
    pub reviewers: usize,
    /// Milliseconds to generate the instance (0 when it was given).
    pub generate_ms: f64,
    /// Milliseconds to check the instance and build the network.
    pub build_ms: f64,
    /// Milliseconds to solve and assemble the result.
    pub solve_ms: f64,
    /// Total affinity of the assignment.
    pub objective: i64,
    /// Review slots filled.
    pub filled: u64,
    /// Review slots left open.
    pub unfilled: u64,
    /// Minimum-load units met (sum of `min(load, min_load)`).
    pub min_load_met: u64,
    /// Candidate pairs (network edges).
    pub edges: u64,
    /// Primal–dual phases (Dijkstra runs).
    pub phases: u32,
    /// Dinic rounds (level graphs) over all phases.
    pub rounds: u32,
}

impl std::fmt::Display for BenchReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} proposals × {} reviewers, {} candidate pairs: build {:.1} ms, solve {:.1} ms \
             ({} phases, {} rounds); {} slots filled, {} open, objective {}",
            self.proposals,
            self.reviewers,
            self.edges,
            self.build_ms,
            self.solve_ms,
            self.phases,
            self.rounds,
            self.filled,
            self.unfilled,
            self.objective
        )
    }
}

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Generates the instance `spec` describes and times solving it.
pub fn measure(spec: &GeneratorSpec) -> Result<BenchReport, AssignmentError> {
    let start = std::time::Instant::now();
    let instance = generate(spec);
    let generated = start.elapsed();
    let mut report = measure_instance(&instance)?;
    report.generate_ms = ms(generated);
    Ok(report)
}

/// Times solving a given instance (say, one read back from an export).
pub fn measure_instance(instance: &Instance) -> Result<BenchReport, AssignmentError> {
    let (assignment, timings) = crate::solve::solve_timed(instance)?;
    Ok(BenchReport {
        proposals: instance.proposals.len(),
        reviewers: instance.reviewers.len(),
        generate_ms: 0.0,
        build_ms: ms(timings.build),
        solve_ms: ms(timings.solve),
        objective: assignment.objective,
        filled: assignment.filled() as u64,
        unfilled: assignment.missing(),
        min_load_met: assignment.min_load_met(),
        edges: timings.edges,
        phases: timings.stats.phases,
        rounds: timings.stats.rounds,
    })
}
