//! A deterministic benchmark of the funding line: a generated ranking of
//! many proposals, and how long each policy takes on it.
//!
//! [`generate`] is pure: the same [`BenchSpec`] gives the same input to the
//! bit, from the small generator the pure crates share (SplitMix64), with
//! no dependency on any random-number crate. [`measure`] is the one function of this crate
//! that reads the clock; it exists for the `grants bench funding` command.
//! The module is compiled only with the feature `bench` (and in this
//! crate's tests), so production builds leave it out.
//!
//! A generated ranking has candidates from the programme's eleven countries
//! (unevenly: Romania has the most, Montenegro and Kosovo the fewest),
//! amounts in whole hundreds of euros from EUR 2,000 to EUR 10,000, scores
//! that are the mean of three whole-point reviews (so many are tied, as in a
//! real ranking), Montenegro and Kosovo scoring lower on average, and a
//! budget of 30 % of all that is requested, rounded down to EUR 100. With
//! `country_rules`, every country is capped at 15 % of the budget and must
//! have at least 1.5 % of the candidates funded, which binds for the largest
//! and the weakest countries.

use std::fmt;
use std::time::Instant;

use grants_domain::random::SplitMix64;
use grants_domain::{CountryCode, Currency, Money, ProposalId};
use serde::de::IntoDeserializer;
use serde::de::value::{Error as ValueError, StrDeserializer};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{
    Candidate, CountryRule, FundingInput, FundingPolicy, SCORE_UNITS_PER_POINT, fund_with_stats,
};

/// The programme's eleven countries, with how many candidates in a hundred
/// come from each, and how many points lower their proposals score on average.
const COUNTRIES: [(&str, u64, i64); 11] = [
    ("RO", 18, 0),
    ("GR", 14, 0),
    ("RS", 12, 0),
    ("BG", 10, 0),
    ("HR", 9, 0),
    ("BA", 8, 0),
    ("AL", 8, 0),
    ("MK", 7, 0),
    ("SI", 6, 0),
    ("XK", 4, 15),
    ("ME", 4, 15),
];

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BenchSpec {
    /// How many candidates.
    pub candidates: usize,
    /// The generator's seed; the same seed gives the same ranking.
    pub seed: u64,
    /// Whether to add a cap and a minimum for every country.
    pub country_rules: bool,
}

impl Default for BenchSpec {
    /// 10,000 candidates, seed 1, no country rules.
    fn default() -> Self {
        BenchSpec {
            candidates: 10_000,
            seed: 1,
            country_rules: false,
        }
    }
}

/// The shared generator, with the one draw the benchmark makes besides
/// plain bits.
#[derive(Debug, Clone)]
struct Rng(SplitMix64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// A whole number from `low` to `high`, both included (`low ≤ high`).
    fn between(&mut self, low: i64, high: i64) -> i64 {
        let width = (high - low + 1).unsigned_abs();
        // The modulo bias is below 2⁻⁵⁰ for the widths used here.
        low + (self.next() % width) as i64
    }
}

/// A UUID-v7-shaped proposal id from 122 random bits.
fn proposal_id(rng: &mut Rng) -> ProposalId {
    let (high, low) = (rng.next(), rng.next());
    let text = format!(
        "{:08x}-{:04x}-7{:03x}-{:04x}-{:012x}",
        high >> 32,
        (high >> 16) & 0xFFFF,
        high & 0x0FFF,
        0x8000 | ((low >> 48) & 0x3FFF),
        low & 0xFFFF_FFFF_FFFF
    );
    let deserializer: StrDeserializer<'_, ValueError> = text.as_str().into_deserializer();
    // The text is always a well-formed UUID; the fallback cannot happen.
    ProposalId::deserialize(deserializer).unwrap_or_default()
}

/// A generated ranking with its budget, under the `optimal` policy; see the
/// module documentation.
pub fn generate(spec: &BenchSpec) -> FundingInput {
    let mut rng = Rng(SplitMix64::new(spec.seed));
    let countries: Vec<(CountryCode, u64, i64)> = COUNTRIES
        .iter()
        .filter_map(|&(code, weight, penalty)| {
            CountryCode::parse(code).ok().map(|c| (c, weight, penalty))
        })
        .collect();
    let total_weight: u64 = countries.iter().map(|c| c.1).sum();
    // The codes above always parse; this only keeps the indexing below safe.
    let Some(&first) = countries.first() else {
        return FundingInput {
            candidates: Vec::new(),
            budget: Money::new(0, Currency::EUR),
            policy: FundingPolicy::Optimal,
            country_rules: Vec::new(),
        };
    };
    let mut drawn: Vec<(i64, ProposalId, CountryCode, i64)> = (0..spec.candidates)
        .map(|_| {
            let mut pick = rng.next() % total_weight.max(1);
            let mut chosen = first;
            for &country in &countries {
                if pick < country.1 {
                    chosen = country;
                    break;
                }
                pick -= country.1;
            }
            let (country, _, penalty) = chosen;
            let quality = rng.between(30, 95) - penalty;
            let points: i64 = (0..3)
                .map(|_| (quality + rng.between(-12, 12)).clamp(0, 100))
                .sum();
            // The mean of three reviews, to the nearest millionth of a point.
            let score = (points * SCORE_UNITS_PER_POINT + 1) / 3;
            // EUR 2,000 to EUR 10,000 in whole hundreds, in cents.
            let amount = rng.between(20, 100) * 10_000;
            (score, proposal_id(&mut rng), country, amount)
        })
        .collect();
    // The ranking: best score first, ties by proposal id.
    drawn.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    let requested: i64 = drawn.iter().map(|d| d.3).sum();
    let budget = requested * 3 / 10 / 10_000 * 10_000;
    let eur = Currency::EUR;
    let candidates = drawn
        .into_iter()
        .enumerate()
        .map(|(index, (score, proposal, country, amount))| Candidate {
            proposal,
            country,
            amount: Money::new(amount, eur),
            score,
            position: index + 1,
        })
        .collect();
    let country_rules = if spec.country_rules {
        let min_count = u32::try_from((spec.candidates * 3 / 200).max(1)).unwrap_or(u32::MAX);
        countries
            .iter()
            .map(|&(country, _, _)| CountryRule {
                country,
                min_count: Some(min_count),
                max_share_percent: Some(15),
            })
            .collect()
    } else {
        Vec::new()
    };
    FundingInput {
        candidates,
        budget: Money::new(budget, eur),
        policy: FundingPolicy::Optimal,
        country_rules,
    }
}

/// One policy's run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PolicyRun {
    /// The policy.
    pub policy: FundingPolicy,
    /// Wall-clock time to draw the line, in milliseconds.
    pub solve_ms: f64,
    /// Candidates funded; 0 on error.
    pub funded_count: usize,
    /// Their total score, in millionths of a point; 0 on error.
    pub total_score: i64,
    /// What they cost together; 0 on error.
    pub committed: Money,
    /// `optimal`: candidates left to the exhaustive search after fixing.
    pub core: Option<usize>,
    /// `optimal`: search nodes visited.
    pub nodes: Option<u64>,
    /// `optimal`: work done by the search (see [`super::SolveStats::work`]).
    pub work: Option<u64>,
    /// What went wrong, if anything.
    pub error: Option<String>,
}

/// The benchmark's outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct BenchReport {
    /// What was generated.
    pub spec: BenchSpec,
    /// The budget.
    pub budget: Money,
    /// What all candidates request together.
    pub requested: Money,
    /// Countries with a rule.
    pub country_rules: usize,
    /// One run per policy, in [`FundingPolicy::ALL`] order.
    pub runs: Vec<PolicyRun>,
}

/// Generates the input of `spec` and draws its line under every policy,
/// timing each.
pub fn measure(spec: &BenchSpec) -> BenchReport {
    let mut input = generate(spec);
    let requested = input.candidates.iter().map(|c| c.amount.minor).sum();
    let runs = FundingPolicy::ALL
        .iter()
        .map(|&policy| {
            input.policy = policy;
            let started = Instant::now();
            let outcome = fund_with_stats(&input, super::DEFAULT_SEARCH_LIMIT);
            let solve_ms = started.elapsed().as_secs_f64() * 1000.0;
            let optimal = policy == FundingPolicy::Optimal;
            match outcome {
                Ok((line, stats)) => PolicyRun {
                    policy,
                    solve_ms,
                    funded_count: line.funded_count,
                    total_score: line.total_score,
                    committed: line.committed,
                    core: optimal.then_some(stats.core),
                    nodes: optimal.then_some(stats.nodes),
                    work: optimal.then_some(stats.work),
                    error: None,
                },
                Err(error) => PolicyRun {
                    policy,
                    solve_ms,
                    funded_count: 0,
                    total_score: 0,
                    committed: Money::new(0, input.budget.currency),
                    core: None,
                    nodes: None,
                    work: None,
                    error: Some(error.to_string()),
                },
            }
        })
        .collect();
    BenchReport {
        spec: *spec,
        budget: input.budget,
        requested: Money::new(requested, input.budget.currency),
        country_rules: input.country_rules.len(),
        runs,
    }
}

impl fmt::Display for BenchReport {
    /// A plain-text table, one line per policy.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} candidates (seed {}), budget {} of {} requested, {} country rules",
            self.spec.candidates, self.spec.seed, self.budget, self.requested, self.country_rules
        )?;
        writeln!(
            f,
            "{:<12} {:>10} {:>7} {:>16} {:>18} {:>6} {:>9}",
            "policy", "ms", "funded", "total points", "committed", "core", "nodes"
        )?;
        for run in &self.runs {
            if let Some(error) = &run.error {
                writeln!(
                    f,
                    "{:<12} {:>10.3} {error}",
                    run.policy.as_str(),
                    run.solve_ms
                )?;
                continue;
            }
            let points = run.total_score as f64 / SCORE_UNITS_PER_POINT as f64;
            let or_dash = |x: Option<u64>| x.map_or_else(|| "-".to_owned(), |x| x.to_string());
            writeln!(
                f,
                "{:<12} {:>10.3} {:>7} {:>16.6} {:>18} {:>6} {:>9}",
                run.policy.as_str(),
                run.solve_ms,
                run.funded_count,
                points,
                run.committed.to_string(),
                or_dash(run.core.map(|c| c as u64)),
                or_dash(run.nodes)
            )?;
        }
        Ok(())
    }
}
