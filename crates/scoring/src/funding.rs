//! The funding line: which of the ranked proposals the budget funds.
//!
//! # Input
//!
//! A [`FundingInput`] lists the **candidates** in ranking order, best first
//! (each with its proposal, country, the amount it would be awarded and its
//! score), the **budget**, the **policy**, and optional per-country rules.
//!
//! - The list order *is* the ranking: `strict_rank` and `skip_to_fit` walk
//!   it from the top, and `optimal` breaks ties by it. Each candidate also
//!   carries its ranking `position` (1 for the best), which must grow
//!   strictly down the list; gaps are allowed (a filtered ranking).
//! - A **score** is a whole number to maximise, [`SCORE_UNITS_PER_POINT`]
//!   units to a point: the ranking score in millionths of a point
//!   ([`ranking_score`] reads it off a [`RankedProposal`]). Being whole,
//!   scores add up exactly, so totals compare exactly and floating-point
//!   rounding never decides between two sets. Negative scores are allowed
//!   (a normalised mean may dip below 0) and are only ever funded to meet a
//!   minimum.
//! - Money is whole minor units in one currency: the budget's.
//! - A [`CountryRule`] may set a **maximum share**: the country receives at
//!   most `cap = ⌊budget · max_share_percent / 100⌋` minor units; and a
//!   **minimum count**: at least `min_count` of its candidates are funded.
//!   The order of the rules makes no difference.
//!
//! # Policies ([`FundingPolicy`])
//!
//! 1. **`strict_rank`**: go down the list funding each candidate; the first
//!    one that does not fit the remaining budget draws the line, and it and
//!    everything after it are not funded. A candidate whose country's cap it
//!    would break is passed over (its country could not receive it with any
//!    budget) and the walk goes on.
//! 2. **`skip_to_fit`**: go down the list funding each candidate that fits
//!    both its country's cap and the remaining budget, passing over the
//!    others.
//! 3. **`optimal`**: the set with the highest total score among those that
//!    fit the budget, keep every country within its cap and fund at least
//!    each country's minimum count. Among sets with that total, the one
//!    chosen is the lexicographically greatest in ranking order: comparing
//!    two sets down the list, the first candidate funded by one and not the
//!    other decides, and the set funding it wins. So a better-ranked
//!    candidate is never given up for a worse-ranked one of equal worth.
//!
//! `strict_rank` and `skip_to_fit` honour caps but not minimums (a walk
//! down the ranking cannot promise them); each country's line says whether
//! its minimum was met. `optimal` honours both; when the minimums cannot all
//! be met it fails with [`FundingError::MinimumsInfeasible`] and every
//! reason, and when proving the optimum would take more than the allowed
//! search it fails with [`FundingError::SearchLimit`] rather than return a
//! set that might not be the best.
//!
//! # The `optimal` search
//!
//! Exact, in whole numbers, and deterministic (no clock, no randomness; the
//! search limit counts work, not time). Prices from the LP relaxation give
//! an upper bound on every feasible set and fix the candidates that every
//! optimal set funds, or passes over, whatever the rest; a greedy pass and a
//! short search near the price line give a good feasible set to fix
//! against. What is left, the *core* (a few dozen to a few hundred
//! candidates near the price line), is searched twice: a branch and bound
//! proves the best total, then a depth-first search in ranking order,
//! funding first, stops at the first set with that total, which is the
//! lexicographically greatest. Nodes are pruned by tables of the best a
//! suffix of the core can add within a capacity (exact for the budget when
//! amounts share a divisor such as EUR 100, and for one binding cap), by
//! the LP bound, by the cheapest way to meet the minimums, and by dominance
//! (within a country, a cheaper candidate scoring higher is never passed
//! over for the other). Details are in the source of `funding::solver`.
//!
//! On the benchmark (module `bench`, with the feature `bench`; release
//! build): 10,000 candidates in whole hundreds of euros take 10 to 20 ms
//! without country rules, and typically 40 to 200 ms with a cap binding for
//! two countries and a minimum binding for two others. Some such inputs
//! take a second or two, and a few end in [`FundingError::SearchLimit`]:
//! scores that are means of three reviews, rounded to the millionth, make
//! many sets tie to within a unit or two, and proving which is best is then
//! slow. Amounts in arbitrary cents weaken the tables in the same way.
//!
//! # Output
//!
//! A [`FundingLine`] has a [`FundingDecision`] for every candidate, in
//! input order, with its [`FundingReason`]; the amount committed, the
//! remainder and the total score; and a line per country.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use grants_domain::{CountryCode, Currency, Money, ProposalId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::ranking::RankedProposal;

#[cfg(any(test, feature = "bench"))]
pub mod bench;
mod solver;

pub use solver::SolveStats;

/// Score units in one point: scores are kept in millionths of a point.
pub const SCORE_UNITS_PER_POINT: i64 = 1_000_000;

/// The largest score magnitude accepted, in score units (a million points).
pub const MAX_SCORE: i64 = 1_000_000 * SCORE_UNITS_PER_POINT;

/// The largest amount or budget accepted, in minor units (10¹⁵: ten
/// trillion euros), so that sums never overflow.
pub const MAX_AMOUNT: i64 = 1_000_000_000_000_000;

/// The most candidates accepted.
pub const MAX_CANDIDATES: usize = 1_000_000;

/// The work the `optimal` search may do before giving up with
/// [`FundingError::SearchLimit`]: a unit per search node, and per candidate
/// or capacity step examined in bounding it (see [`SolveStats::work`]). A
/// count, not a time, so the outcome is the same on every machine; this one
/// is a few seconds at most.
pub const DEFAULT_SEARCH_LIMIT: u64 = 500_000_000;

/// A ranked proposal that could be funded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    /// The proposal.
    pub proposal: ProposalId,
    /// The proposal's country, for country rules.
    #[schema(value_type = String, example = "MK")]
    pub country: CountryCode,
    /// What funding it would cost: the award it would be given, usually the
    /// amount requested. In the budget's currency, at least 0.
    pub amount: Money,
    /// The value to maximise, in millionths of a point (see [`ranking_score`]).
    #[schema(example = 87_500_000)]
    pub score: i64,
    /// Its position in the ranking, 1 for the best; strictly increasing down the list.
    #[schema(minimum = 1)]
    pub position: usize,
}

/// How the line is drawn.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum FundingPolicy {
    /// Fund down the ranking and stop at the first candidate that does not fit.
    StrictRank,
    /// Fund down the ranking, passing over candidates that do not fit.
    SkipToFit,
    /// Fund the set with the highest total score; ties go to the better-ranked.
    Optimal,
}

impl FundingPolicy {
    /// Every policy, in the order they are documented.
    pub const ALL: [FundingPolicy; 3] = [Self::StrictRank, Self::SkipToFit, Self::Optimal];

    /// The policy's name as in JSON, e.g. `skip_to_fit`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::StrictRank => "strict_rank",
            Self::SkipToFit => "skip_to_fit",
            Self::Optimal => "optimal",
        }
    }
}

impl fmt::Display for FundingPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Limits on what one country receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CountryRule {
    /// The country.
    #[schema(value_type = String, example = "MK")]
    pub country: CountryCode,
    /// At least this many of its candidates are funded (`optimal` only).
    #[serde(default)]
    pub min_count: Option<u32>,
    /// It receives at most this percentage of the budget, rounded down to
    /// the minor unit. From 0 to 100.
    #[serde(default)]
    #[schema(minimum = 0, maximum = 100)]
    pub max_share_percent: Option<u8>,
}

/// Everything a funding line is drawn from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FundingInput {
    /// The candidates in ranking order, best first: the order matters.
    pub candidates: Vec<Candidate>,
    /// The money available, at least 0; every amount must be in its currency.
    pub budget: Money,
    /// How the line is drawn.
    pub policy: FundingPolicy,
    /// Per-country limits, at most one per country, in any order.
    #[serde(default)]
    pub country_rules: Vec<CountryRule>,
}

/// Funded or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// The candidate is funded.
    Funded,
    /// The candidate is not funded.
    NotFunded,
}

/// Why a candidate is, or is not, funded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FundingReason {
    /// Funded: it is above the line, fits, or belongs to the best set.
    Funded,
    /// Funded to meet its country's minimum: the best set without the
    /// minimums funds fewer in that country and not this one (`optimal`).
    CountryMinimum {
        /// The country.
        #[schema(value_type = String, example = "ME")]
        country: CountryCode,
        /// Its minimum count.
        min_count: u32,
    },
    /// Not funded: it comes after the candidate at which the line was drawn (`strict_rank`).
    BelowTheLine {
        /// The position of the candidate that drew the line.
        line_position: usize,
    },
    /// Not funded: it costs more than was left when its turn came
    /// (`skip_to_fit`; in `strict_rank` the candidate that draws the line).
    DoesNotFitRemaining {
        /// What was left of the budget at its turn.
        remaining: Money,
    },
    /// Not funded: it would take its country past its cap.
    CountryCapReached {
        /// The country.
        #[schema(value_type = String, example = "RO")]
        country: CountryCode,
        /// The most the country may receive.
        cap: Money,
        /// What the country had received at its turn (`optimal`: in the chosen set).
        country_committed: Money,
    },
    /// Not funded: it costs more than the whole budget (`optimal`).
    ExceedsBudget {
        /// The whole budget.
        budget: Money,
    },
    /// Not funded: the money goes further in a combination with a higher
    /// total score, or an equal one funding a better-ranked candidate (`optimal`).
    NotInOptimalSet,
}

impl FundingReason {
    /// Whether the reason is one for funding.
    pub fn decision(&self) -> Decision {
        match self {
            Self::Funded | Self::CountryMinimum { .. } => Decision::Funded,
            _ => Decision::NotFunded,
        }
    }
}

impl fmt::Display for FundingReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Funded => f.write_str("funded"),
            Self::CountryMinimum { country, min_count } => write!(
                f,
                "funded to meet the minimum of {min_count} funded {} in {country}",
                proposals(*min_count)
            ),
            Self::BelowTheLine { line_position } => write!(
                f,
                "below the funding line drawn at position {line_position}"
            ),
            Self::DoesNotFitRemaining { remaining } => {
                write!(f, "does not fit the remaining budget of {remaining}")
            }
            Self::CountryCapReached {
                country,
                cap,
                country_committed,
            } => write!(
                f,
                "would take {country} past its cap of {cap} ({country_committed} already committed there)"
            ),
            Self::ExceedsBudget { budget } => {
                write!(f, "costs more than the whole budget of {budget}")
            }
            Self::NotInOptimalSet => f.write_str(
                "not in the best combination: the money funds others with a higher total score",
            ),
        }
    }
}

fn proposals(count: u32) -> &'static str {
    if count == 1 { "proposal" } else { "proposals" }
}

/// The outcome for one candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FundingDecision {
    /// The proposal.
    pub proposal: ProposalId,
    /// Its ranking position.
    pub position: usize,
    /// Its country.
    #[schema(value_type = String, example = "MK")]
    pub country: CountryCode,
    /// What funding it costs.
    pub amount: Money,
    /// Its score, in millionths of a point.
    pub score: i64,
    /// Funded or not.
    pub decision: Decision,
    /// Why.
    pub reason: FundingReason,
}

/// What one country receives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CountryFunding {
    /// The country.
    #[schema(value_type = String, example = "MK")]
    pub country: CountryCode,
    /// Its candidates.
    pub candidates: usize,
    /// Its funded candidates.
    pub funded_count: usize,
    /// What its funded candidates cost.
    pub funded_amount: Money,
    /// The most it may receive; `null` without a cap.
    pub cap: Option<Money>,
    /// The fewest of its candidates to fund; `null` without a minimum.
    pub min_count: Option<u32>,
    /// Whether at least `min_count` are funded (true without a minimum).
    pub minimum_met: bool,
}

/// The funding line: a decision for every candidate and the totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FundingLine {
    /// How it was drawn.
    pub policy: FundingPolicy,
    /// The money available.
    pub budget: Money,
    /// What the funded candidates cost together.
    pub committed: Money,
    /// `budget − committed`.
    pub remaining: Money,
    /// How many candidates are funded.
    pub funded_count: usize,
    /// The sum of the funded candidates' scores, in millionths of a point.
    pub total_score: i64,
    /// `strict_rank`: the position of the candidate that drew the line;
    /// `null` when everything fit, and for the other policies.
    pub line_position: Option<usize>,
    /// `optimal`: the total score given up to meet the minimums (0 when the
    /// best set meets them anyway); `null` for the other policies.
    pub score_given_up_for_minimums: Option<i64>,
    /// Every country with a candidate or a rule, ordered by country code.
    pub countries: Vec<CountryFunding>,
    /// One per candidate, in input (ranking) order.
    pub decisions: Vec<FundingDecision>,
}

/// Why country minimums cannot all be met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MinimumShortfall {
    /// The country has fewer candidates that could be funded at all (within
    /// the budget and its cap) than its minimum.
    TooFewCandidates {
        /// The country.
        #[schema(value_type = String, example = "ME")]
        country: CountryCode,
        /// Its minimum count.
        min_count: u32,
        /// Its candidates costing no more than the budget and its cap.
        available: usize,
    },
    /// Even its cheapest `min_count` candidates cost more than its cap.
    CapTooSmall {
        /// The country.
        #[schema(value_type = String, example = "ME")]
        country: CountryCode,
        /// Its minimum count.
        min_count: u32,
        /// What its cheapest `min_count` candidates cost.
        cheapest: Money,
        /// Its cap.
        cap: Money,
    },
    /// Meeting every minimum with the cheapest candidates costs more than the budget.
    BudgetTooSmall {
        /// What meeting every minimum costs at the least.
        cheapest: Money,
        /// The budget.
        budget: Money,
    },
}

impl fmt::Display for MinimumShortfall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooFewCandidates {
                country,
                min_count,
                available,
            } => write!(
                f,
                "{country} needs {min_count} funded {} but only {available} of its candidates could be funded at all",
                proposals(*min_count)
            ),
            Self::CapTooSmall {
                country,
                min_count,
                cheapest,
                cap,
            } => write!(
                f,
                "the {min_count} cheapest candidates of {country} cost {cheapest}, more than its cap of {cap}"
            ),
            Self::BudgetTooSmall { cheapest, budget } => write!(
                f,
                "meeting every country's minimum costs at least {cheapest}, more than the budget of {budget}"
            ),
        }
    }
}

/// Why a funding line could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FundingError {
    /// The budget is negative.
    #[error("the budget {budget} is negative")]
    NegativeBudget {
        /// The budget.
        budget: Money,
    },
    /// An amount is in another currency than the budget.
    #[error("proposal {proposal} asks for {found} but the budget is in {expected}")]
    CurrencyMismatch {
        /// The candidate.
        proposal: ProposalId,
        /// The budget's currency.
        expected: Currency,
        /// The candidate's currency.
        found: Currency,
    },
    /// A candidate's amount is negative.
    #[error("proposal {proposal} asks for a negative amount, {amount}")]
    NegativeAmount {
        /// The candidate.
        proposal: ProposalId,
        /// Its amount.
        amount: Money,
    },
    /// The budget or an amount is above [`MAX_AMOUNT`] minor units.
    #[error("{amount} is more than the largest amount accepted")]
    AmountTooLarge {
        /// The candidate, or `None` for the budget.
        proposal: Option<ProposalId>,
        /// The amount.
        amount: Money,
    },
    /// A score's magnitude is above [`MAX_SCORE`].
    #[error("proposal {proposal} has score {score}, beyond ±{MAX_SCORE}")]
    ScoreOutOfRange {
        /// The candidate.
        proposal: ProposalId,
        /// Its score.
        score: i64,
    },
    /// A proposal is listed twice.
    #[error("proposal {proposal} is listed more than once")]
    DuplicateProposal {
        /// The proposal.
        proposal: ProposalId,
    },
    /// Positions are not 1 or more and strictly increasing down the list.
    #[error(
        "proposal {proposal} is at position {position}, which does not follow position {previous} above it"
    )]
    PositionOutOfOrder {
        /// The candidate.
        proposal: ProposalId,
        /// Its position.
        position: usize,
        /// The position of the candidate above it (0 for the first).
        previous: usize,
    },
    /// More than [`MAX_CANDIDATES`] candidates.
    #[error("{count} candidates, more than the {MAX_CANDIDATES} accepted")]
    TooManyCandidates {
        /// How many were given.
        count: usize,
    },
    /// Two rules for one country.
    #[error("there is more than one rule for {country}")]
    DuplicateCountryRule {
        /// The country.
        country: CountryCode,
    },
    /// A maximum share above 100 %.
    #[error("the maximum share of {country} is {max_share_percent} %, more than 100 %")]
    MaxShareOutOfRange {
        /// The country.
        country: CountryCode,
        /// The share given.
        max_share_percent: u8,
    },
    /// `optimal`: the country minimums cannot all be met.
    #[error("the country minimums cannot all be met: {}", join(.shortfalls))]
    MinimumsInfeasible {
        /// Every reason, countries in code order, the budget last.
        shortfalls: Vec<MinimumShortfall>,
    },
    /// `optimal`: proving the best set needs more search than allowed.
    #[error(
        "the best set could not be proved within the search limit of {limit}; use skip_to_fit, or fewer or looser country rules"
    )]
    SearchLimit {
        /// The limit, in units of [`SolveStats::work`].
        limit: u64,
    },
}

fn join(shortfalls: &[MinimumShortfall]) -> String {
    shortfalls
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// The score of a ranked proposal in millionths of a point: its normalised
/// mean when normalisation is on, else its mean; `None` when unreviewed.
pub fn ranking_score(entry: &RankedProposal) -> Option<i64> {
    entry.normalised_mean.or(entry.mean).and_then(score_units)
}

/// Points to score units, to the nearest millionth of a point (halves away
/// from zero); `None` when not finite or beyond [`MAX_SCORE`].
pub fn score_units(points: f64) -> Option<i64> {
    let units = (points * SCORE_UNITS_PER_POINT as f64).round();
    // Written so that NaN fails too.
    if (-(MAX_SCORE as f64)..=MAX_SCORE as f64).contains(&units) {
        Some(units as i64)
    } else {
        None
    }
}

/// Draws the funding line; see the module documentation for every rule.
pub fn fund(input: &FundingInput) -> Result<FundingLine, FundingError> {
    fund_with_stats(input, DEFAULT_SEARCH_LIMIT).map(|(line, _)| line)
}

/// [`fund`] with another search limit for `optimal` (see
/// [`DEFAULT_SEARCH_LIMIT`]), also saying how hard it searched (all zero
/// for the other policies).
pub fn fund_with_stats(
    input: &FundingInput,
    search_limit: u64,
) -> Result<(FundingLine, SolveStats), FundingError> {
    let prepared = Prepared::new(input)?;
    let mut stats = SolveStats::default();
    let (reasons, line_position, given_up) = match input.policy {
        FundingPolicy::StrictRank => {
            let (reasons, line) = prepared.walk(true);
            (reasons, line, None)
        }
        FundingPolicy::SkipToFit => (prepared.walk(false).0, None, None),
        FundingPolicy::Optimal => {
            let (reasons, given_up, solved) = prepared.optimal(search_limit)?;
            stats = solved;
            (reasons, None, Some(given_up))
        }
    };
    Ok((prepared.line(reasons, line_position, given_up), stats))
}

/// A country's rule in minor units.
#[derive(Debug, Clone, Copy, Default)]
struct Limits {
    cap: Option<i64>,
    min: u32,
}

/// A checked input.
struct Prepared<'a> {
    input: &'a FundingInput,
    currency: Currency,
    budget: i64,
    /// Countries with a rule.
    rules: BTreeMap<CountryCode, Limits>,
}

impl<'a> Prepared<'a> {
    /// Checks the input, reporting the first problem in a fixed order:
    /// the budget, the candidates top down, the rules by country.
    fn new(input: &'a FundingInput) -> Result<Self, FundingError> {
        let budget = input.budget;
        if budget.minor < 0 {
            return Err(FundingError::NegativeBudget { budget });
        }
        if budget.minor > MAX_AMOUNT {
            return Err(FundingError::AmountTooLarge {
                proposal: None,
                amount: budget,
            });
        }
        if input.candidates.len() > MAX_CANDIDATES {
            return Err(FundingError::TooManyCandidates {
                count: input.candidates.len(),
            });
        }
        let mut seen = BTreeSet::new();
        let mut previous = 0;
        for c in &input.candidates {
            let proposal = c.proposal;
            if c.amount.currency != budget.currency {
                return Err(FundingError::CurrencyMismatch {
                    proposal,
                    expected: budget.currency,
                    found: c.amount.currency,
                });
            }
            if c.amount.minor < 0 {
                return Err(FundingError::NegativeAmount {
                    proposal,
                    amount: c.amount,
                });
            }
            if c.amount.minor > MAX_AMOUNT {
                return Err(FundingError::AmountTooLarge {
                    proposal: Some(proposal),
                    amount: c.amount,
                });
            }
            if c.score.unsigned_abs() > MAX_SCORE.unsigned_abs() {
                return Err(FundingError::ScoreOutOfRange {
                    proposal,
                    score: c.score,
                });
            }
            if !seen.insert(proposal) {
                return Err(FundingError::DuplicateProposal { proposal });
            }
            if c.position <= previous {
                return Err(FundingError::PositionOutOfOrder {
                    proposal,
                    position: c.position,
                    previous,
                });
            }
            previous = c.position;
        }
        let mut rules = BTreeMap::new();
        let mut sorted: Vec<&CountryRule> = input.country_rules.iter().collect();
        sorted.sort_by_key(|r| r.country);
        for rule in sorted {
            let country = rule.country;
            if rules.contains_key(&country) {
                return Err(FundingError::DuplicateCountryRule { country });
            }
            let cap = match rule.max_share_percent {
                Some(share) if share > 100 => {
                    return Err(FundingError::MaxShareOutOfRange {
                        country,
                        max_share_percent: share,
                    });
                }
                // budget ≤ 10¹⁵, so the product fits and the quotient is at most the budget.
                Some(share) => Some(budget.minor * i64::from(share) / 100),
                None => None,
            };
            rules.insert(
                country,
                Limits {
                    cap,
                    min: rule.min_count.unwrap_or(0),
                },
            );
        }
        Ok(Prepared {
            input,
            currency: budget.currency,
            budget: budget.minor,
            rules,
        })
    }

    fn money(&self, minor: i64) -> Money {
        Money::new(minor, self.currency)
    }

    fn limits(&self, country: CountryCode) -> Limits {
        self.rules.get(&country).copied().unwrap_or_default()
    }

    /// `strict_rank` (`strict`) or `skip_to_fit`: the reasons, and where a strict line was drawn.
    fn walk(&self, strict: bool) -> (Vec<FundingReason>, Option<usize>) {
        let mut remaining = self.budget;
        let mut by_country: BTreeMap<CountryCode, i64> = BTreeMap::new();
        let mut line = None;
        let reasons = self
            .input
            .candidates
            .iter()
            .map(|c| {
                if let Some(line_position) = line {
                    return FundingReason::BelowTheLine { line_position };
                }
                let committed = by_country.get(&c.country).copied().unwrap_or(0);
                if let Some(cap) = self.limits(c.country).cap
                    && committed + c.amount.minor > cap
                {
                    return FundingReason::CountryCapReached {
                        country: c.country,
                        cap: self.money(cap),
                        country_committed: self.money(committed),
                    };
                }
                if c.amount.minor > remaining {
                    if strict {
                        line = Some(c.position);
                    }
                    return FundingReason::DoesNotFitRemaining {
                        remaining: self.money(remaining),
                    };
                }
                remaining -= c.amount.minor;
                *by_country.entry(c.country).or_insert(0) += c.amount.minor;
                FundingReason::Funded
            })
            .collect();
        (reasons, line)
    }

    /// The groups of the solver: each country with a rule that matters (a
    /// cap, or a minimum when `minimums`) alone, every other country together.
    fn problem(&self, minimums: bool) -> solver::Problem {
        let mut index: BTreeMap<CountryCode, usize> = BTreeMap::new();
        let mut groups = vec![solver::Group { cap: None, min: 0 }];
        for (&country, limits) in &self.rules {
            let min = if minimums { limits.min } else { 0 };
            if limits.cap.is_some() || min > 0 {
                index.insert(country, groups.len());
                groups.push(solver::Group {
                    cap: limits.cap,
                    min,
                });
            }
        }
        let candidates = &self.input.candidates;
        solver::Problem {
            amount: candidates.iter().map(|c| c.amount.minor).collect(),
            score: candidates.iter().map(|c| c.score).collect(),
            group: candidates
                .iter()
                .map(|c| index.get(&c.country).copied().unwrap_or(0))
                .collect(),
            budget: self.budget,
            groups,
        }
    }

    /// Whether the minimums can all be met: with the cheapest candidates of
    /// each country that fit the budget and its cap, which is the cheapest
    /// way to meet them and so possible exactly when any way is.
    fn minimum_shortfalls(&self) -> Vec<MinimumShortfall> {
        let mut shortfalls = Vec::new();
        let mut cheapest_total: i128 = 0;
        for (&country, limits) in &self.rules {
            if limits.min == 0 {
                continue;
            }
            let ceiling = limits.cap.unwrap_or(self.budget).min(self.budget);
            let mut amounts: Vec<i64> = self
                .input
                .candidates
                .iter()
                .filter(|c| c.country == country && c.amount.minor <= ceiling)
                .map(|c| c.amount.minor)
                .collect();
            let want = limits.min as usize;
            if amounts.len() < want {
                shortfalls.push(MinimumShortfall::TooFewCandidates {
                    country,
                    min_count: limits.min,
                    available: amounts.len(),
                });
                continue;
            }
            amounts.sort_unstable();
            let cheapest: i128 = amounts[..want].iter().map(|&a| i128::from(a)).sum();
            cheapest_total += cheapest;
            if let Some(cap) = limits.cap
                && cheapest > i128::from(cap)
            {
                shortfalls.push(MinimumShortfall::CapTooSmall {
                    country,
                    min_count: limits.min,
                    cheapest: self.money(saturate(cheapest)),
                    cap: self.money(cap),
                });
            }
        }
        if cheapest_total > i128::from(self.budget) {
            shortfalls.push(MinimumShortfall::BudgetTooSmall {
                cheapest: self.money(saturate(cheapest_total)),
                budget: self.money(self.budget),
            });
        }
        shortfalls
    }

    /// `optimal`: the reasons, the score given up for the minimums, and the search effort.
    fn optimal(
        &self,
        search_limit: u64,
    ) -> Result<(Vec<FundingReason>, i64, SolveStats), FundingError> {
        let shortfalls = self.minimum_shortfalls();
        if !shortfalls.is_empty() {
            return Err(FundingError::MinimumsInfeasible { shortfalls });
        }
        let solve = |minimums: bool, limit: u64| {
            solver::solve(&self.problem(minimums), limit).map_err(|e| match e {
                solver::SolveError::SearchLimit => FundingError::SearchLimit {
                    limit: search_limit,
                },
                // The shortfalls above are exactly the infeasible cases.
                solver::SolveError::Infeasible => FundingError::MinimumsInfeasible {
                    shortfalls: Vec::new(),
                },
            })
        };
        let candidates = &self.input.candidates;
        let free = solve(false, search_limit)?;
        let counts = |funded: &[bool]| {
            let mut counts: BTreeMap<CountryCode, u32> = BTreeMap::new();
            for (c, _) in candidates.iter().zip(funded).filter(|(_, f)| **f) {
                *counts.entry(c.country).or_insert(0) += 1;
            }
            counts
        };
        let free_counts = counts(&free.funded);
        let short: BTreeSet<CountryCode> = self
            .rules
            .iter()
            .filter(|(country, l)| free_counts.get(country).copied().unwrap_or(0) < l.min)
            .map(|(country, _)| *country)
            .collect();
        let total = |funded: &[bool]| -> i64 {
            candidates
                .iter()
                .zip(funded)
                .filter(|(_, f)| **f)
                .map(|(c, _)| c.score)
                .sum()
        };
        let (chosen, given_up, stats) = if short.is_empty() {
            // The best set without minimums meets them: it is the best with them too.
            (free.funded.clone(), 0, free.stats)
        } else {
            let bound = solve(true, search_limit.saturating_sub(free.stats.work))?;
            let given_up = total(&free.funded) - total(&bound.funded);
            let stats = SolveStats {
                core: free.stats.core.max(bound.stats.core),
                nodes: free.stats.nodes + bound.stats.nodes,
                work: free.stats.work + bound.stats.work,
            };
            (bound.funded, given_up, stats)
        };
        let mut country_committed: BTreeMap<CountryCode, i64> = BTreeMap::new();
        let mut committed = 0;
        for (c, _) in candidates.iter().zip(&chosen).filter(|(_, f)| **f) {
            *country_committed.entry(c.country).or_insert(0) += c.amount.minor;
            committed += c.amount.minor;
        }
        let remaining = self.budget - committed;
        let reasons = candidates
            .iter()
            .enumerate()
            .map(|(j, c)| {
                let limits = self.limits(c.country);
                if chosen[j] {
                    return if short.contains(&c.country) && !free.funded[j] {
                        FundingReason::CountryMinimum {
                            country: c.country,
                            min_count: limits.min,
                        }
                    } else {
                        FundingReason::Funded
                    };
                }
                let in_country = country_committed.get(&c.country).copied().unwrap_or(0);
                if c.amount.minor > self.budget {
                    FundingReason::ExceedsBudget {
                        budget: self.money(self.budget),
                    }
                } else if let Some(cap) = limits.cap
                    && in_country + c.amount.minor > cap
                    && (c.amount.minor <= remaining || c.amount.minor > cap)
                {
                    FundingReason::CountryCapReached {
                        country: c.country,
                        cap: self.money(cap),
                        country_committed: self.money(in_country),
                    }
                } else {
                    FundingReason::NotInOptimalSet
                }
            })
            .collect();
        Ok((reasons, given_up, stats))
    }

    /// The line from one reason per candidate.
    fn line(
        &self,
        reasons: Vec<FundingReason>,
        line_position: Option<usize>,
        score_given_up_for_minimums: Option<i64>,
    ) -> FundingLine {
        #[derive(Default)]
        struct Tally {
            candidates: usize,
            funded: usize,
            amount: i64,
        }
        let mut tallies: BTreeMap<CountryCode, Tally> = self
            .rules
            .keys()
            .map(|&country| (country, Tally::default()))
            .collect();
        let mut committed = 0;
        let mut total_score = 0;
        let mut funded_count = 0;
        let decisions: Vec<FundingDecision> = self
            .input
            .candidates
            .iter()
            .zip(reasons)
            .map(|(c, reason)| {
                let decision = reason.decision();
                let tally = tallies.entry(c.country).or_default();
                tally.candidates += 1;
                if decision == Decision::Funded {
                    tally.funded += 1;
                    tally.amount += c.amount.minor;
                    committed += c.amount.minor;
                    total_score += c.score;
                    funded_count += 1;
                }
                FundingDecision {
                    proposal: c.proposal,
                    position: c.position,
                    country: c.country,
                    amount: c.amount,
                    score: c.score,
                    decision,
                    reason,
                }
            })
            .collect();
        let countries = tallies
            .into_iter()
            .map(|(country, tally)| {
                let limits = self.rules.get(&country);
                let min_count = limits.map(|l| l.min).filter(|&m| m > 0);
                CountryFunding {
                    country,
                    candidates: tally.candidates,
                    funded_count: tally.funded,
                    funded_amount: self.money(tally.amount),
                    cap: limits.and_then(|l| l.cap).map(|cap| self.money(cap)),
                    min_count,
                    minimum_met: min_count.is_none_or(|m| tally.funded >= m as usize),
                }
            })
            .collect();
        FundingLine {
            policy: self.input.policy,
            budget: self.money(self.budget),
            committed: self.money(committed),
            remaining: self.money(self.budget - committed),
            funded_count,
            total_score,
            line_position,
            score_given_up_for_minimums,
            countries,
            decisions,
        }
    }
}

/// An `i128` sum of amounts as an `i64`, saturating (only for messages).
fn saturate(x: i128) -> i64 {
    i64::try_from(x).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod properties;
