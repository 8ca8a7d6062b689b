//! Aggregating submitted reviews per proposal, optional per-reviewer
//! normalisation, and the ranking the chair sees.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use grants_domain::programme::Criterion;
use grants_domain::{ProposalId, UserId, ValidationErrors};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::sheet::{Completeness, ScoreSheet, validate_sheet, weighted_units};
use crate::stats::{Summary, mean_of, units_to_points};

/// The fewest reviews a reviewer may be required to have before being
/// normalised: with one review the z-score is always 0, which would erase it.
pub const MIN_REVIEWS_FOR_NORMALISATION: u32 = 2;

/// One submitted review: who reviewed which proposal, and the score sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewRecord {
    /// The proposal reviewed.
    pub proposal: ProposalId,
    /// The reviewer.
    pub reviewer: UserId,
    /// The submitted score sheet.
    pub sheet: ScoreSheet,
}

/// Per-reviewer normalisation: how many reviews a reviewer needs before
/// their scores are normalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Normalisation {
    /// Reviewers with at least this many submitted reviews are normalised;
    /// the others keep their raw scores. At least 2.
    #[schema(minimum = 2)]
    pub min_reviews: u32,
}

/// The chair's choices for a ranking.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RankingSettings {
    /// Rank on per-reviewer normalised scores; `null` ranks on raw scores.
    pub normalise: Option<Normalisation>,
    /// A proposal whose review scores spread (max − min) by more than this
    /// many points is flagged as a disagreement. From 0 to 100.
    #[schema(minimum = 0, maximum = 100)]
    pub disagreement_threshold_points: f64,
}

impl RankingSettings {
    /// Checks the settings, reporting every problem at once.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        if let Some(normalise) = self.normalise
            && normalise.min_reviews < MIN_REVIEWS_FOR_NORMALISATION
        {
            errors.push(
                "normalise.min_reviews",
                "out_of_range",
                format!(
                    "must be at least {MIN_REVIEWS_FOR_NORMALISATION}: a single review says nothing about how a reviewer scores"
                ),
            );
        }
        // Written so that NaN fails too.
        if !(0.0..=100.0).contains(&self.disagreement_threshold_points) {
            errors.push(
                "disagreement_threshold_points",
                "out_of_range",
                "must be between 0 and 100",
            );
        }
        errors.into_result(|| ())
    }
}

/// Everything a ranking is computed from.
#[derive(Debug, Clone, PartialEq)]
pub struct RankingInput {
    /// The programme's rubric; every sheet must fit it as a submission.
    pub rubric: Vec<Criterion>,
    /// Submitted reviews only; at most one per reviewer and proposal, each of a listed proposal.
    pub reviews: Vec<ReviewRecord>,
    /// The proposals to rank, so that those without reviews appear too.
    /// Order does not matter and a repeated id counts once.
    pub proposals: Vec<ProposalId>,
    /// The chair's choices.
    pub settings: RankingSettings,
}

/// Why a ranking could not be computed. Each is a fault in how the input
/// was gathered, reported rather than guessed around.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RankingError {
    /// The settings are out of range.
    #[error("the ranking settings are invalid")]
    Settings(#[source] ValidationErrors),
    /// A review is of a proposal that is not among those ranked.
    #[error("the review of proposal {proposal} by {reviewer} is of a proposal not being ranked")]
    UnknownProposal {
        /// The proposal reviewed.
        proposal: ProposalId,
        /// The reviewer.
        reviewer: UserId,
    },
    /// A reviewer has more than one review of the same proposal.
    #[error("reviewer {reviewer} has more than one review of proposal {proposal}")]
    DuplicateReview {
        /// The proposal reviewed.
        proposal: ProposalId,
        /// The reviewer.
        reviewer: UserId,
    },
    /// A sheet is not a complete submission under the current rubric (the
    /// rubric changed after it was checked, or it is a draft).
    #[error("the review of proposal {proposal} by {reviewer} does not fit the rubric")]
    SheetDoesNotFitRubric {
        /// The proposal reviewed.
        proposal: ProposalId,
        /// The reviewer.
        reviewer: UserId,
        /// What is wrong with the sheet.
        #[source]
        errors: ValidationErrors,
    },
}

/// Which number put the proposals in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RankingBasis {
    /// The mean of the raw review scores.
    Mean,
    /// The mean of the per-reviewer normalised review scores.
    NormalisedMean,
}

/// All review scores of the ranking together.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct JuryStats {
    /// Number of reviews.
    pub reviews: usize,
    /// Mean of all raw review scores (μ), in points.
    pub mean: f64,
    /// Population standard deviation of all raw review scores (σ), in points.
    pub std_dev: f64,
}

/// How one reviewer scores, over all their reviews in the ranking.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ReviewerStats {
    /// The reviewer.
    pub reviewer: UserId,
    /// Number of their submitted reviews.
    pub reviews: usize,
    /// Mean of their raw review scores, in points.
    pub mean: f64,
    /// Population standard deviation of their raw review scores, in points.
    pub std_dev: f64,
    /// Whether their scores were normalised (normalisation on and enough reviews).
    pub normalised: bool,
}

/// One review's contribution to a proposal's figures.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ReviewScore {
    /// The reviewer.
    pub reviewer: UserId,
    /// The weighted score of the review, in points (0 to 100), to a billionth of a point.
    pub score: f64,
    /// How many of the reviewer's own standard deviations the score lies
    /// above their own mean; `null` unless the reviewer was normalised.
    pub z: Option<f64>,
    /// The score on the jury's common scale, μ + z·σ; the raw score for a
    /// reviewer with too few reviews; `null` when normalisation is off.
    /// Not clamped, so it may lie a little outside 0 to 100.
    pub normalised: Option<f64>,
}

/// One proposal's place in the ranking and the figures behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct RankedProposal {
    /// 1 for the first proposal, then 2, 3, … with no gaps; see `tied_with_previous`.
    pub position: usize,
    /// The proposal.
    pub proposal: ProposalId,
    /// Number of submitted reviews.
    pub reviews: usize,
    /// True when the proposal has no submitted review; such proposals come last.
    pub unreviewed: bool,
    /// Mean of the review scores, in points; `null` when unreviewed.
    pub mean: Option<f64>,
    /// Median of the review scores, in points; `null` when unreviewed.
    pub median: Option<f64>,
    /// Highest minus lowest review score, in points; `null` when unreviewed.
    pub spread: Option<f64>,
    /// Population standard deviation of the review scores, in points; `null` when unreviewed.
    pub std_dev: Option<f64>,
    /// Mean of the normalised review scores; `null` when normalisation is off
    /// or the proposal is unreviewed. Not clamped.
    pub normalised_mean: Option<f64>,
    /// True when the spread exceeds the disagreement threshold.
    pub disagreement: bool,
    /// True when every ranking figure equals the previous entry's, so only the
    /// final tie-break (the proposal id) separates them: a true tie.
    pub tied_with_previous: bool,
    /// Each review's score, ordered by reviewer id.
    pub review_scores: Vec<ReviewScore>,
}

/// The ranking of a programme's proposals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Ranking {
    /// The number that ordered the proposals.
    pub basis: RankingBasis,
    /// Figures over all review scores; `null` when there are no reviews.
    pub jury: Option<JuryStats>,
    /// The proposals, best first.
    pub entries: Vec<RankedProposal>,
    /// Every reviewer with a review in the ranking, ordered by reviewer id.
    pub reviewer_stats: Vec<ReviewerStats>,
}

/// What orders two proposals before their ids do; equal keys are a true tie.
#[derive(Debug, Clone, Copy)]
struct RankKey {
    /// The normalised mean when normalisation is on, else `None` for all.
    normalised_mean: Option<f64>,
    /// The raw figures, exact; `None` when unreviewed.
    raw: Option<Summary>,
}

impl RankKey {
    /// `Less` when `self` ranks higher.
    fn rank_cmp(&self, other: &Self) -> Ordering {
        let (a, b) = match (&self.raw, &other.raw) {
            (Some(a), Some(b)) => (a, b),
            // Reviewed before unreviewed; all unreviewed are alike.
            (Some(_), None) => return Ordering::Less,
            (None, Some(_)) => return Ordering::Greater,
            (None, None) => return Ordering::Equal,
        };
        let by_normalised = match (self.normalised_mean, other.normalised_mean) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            _ => Ordering::Equal,
        };
        by_normalised
            .then_with(|| b.cmp_mean(a))
            .then_with(|| b.twice_median.cmp(&a.twice_median))
            .then_with(|| a.spread().cmp(&b.spread()))
            .then_with(|| b.count.cmp(&a.count))
    }
}

/// `total_cmp` tells −0 from +0; adding +0 turns −0 into +0 and changes nothing else.
fn positive_zero(x: f64) -> f64 {
    x + 0.0
}

/// Ranks the proposals on their submitted reviews. See the crate
/// documentation for every rule and formula.
///
/// The result depends only on the set of proposals, the multiset of reviews
/// and the settings: the order of either list makes no difference, to the bit.
pub fn rank(input: &RankingInput) -> Result<Ranking, RankingError> {
    input.settings.validate().map_err(RankingError::Settings)?;
    let proposals: BTreeSet<ProposalId> = input.proposals.iter().copied().collect();

    // Sorted so that the error reported, if any, does not depend on input order.
    let mut records: Vec<&ReviewRecord> = input.reviews.iter().collect();
    records.sort_by_key(|r| (r.proposal, r.reviewer));
    if let Some(pair) = records
        .windows(2)
        .find(|w| (w[0].proposal, w[0].reviewer) == (w[1].proposal, w[1].reviewer))
    {
        return Err(RankingError::DuplicateReview {
            proposal: pair[0].proposal,
            reviewer: pair[0].reviewer,
        });
    }
    // Every review's score in exact score units.
    let mut scores: BTreeMap<(ProposalId, UserId), u64> = BTreeMap::new();
    for r in records {
        let (proposal, reviewer) = (r.proposal, r.reviewer);
        if !proposals.contains(&proposal) {
            return Err(RankingError::UnknownProposal { proposal, reviewer });
        }
        let misfit = |errors| RankingError::SheetDoesNotFitRubric {
            proposal,
            reviewer,
            errors,
        };
        validate_sheet(&input.rubric, r.sheet.scores(), Completeness::Submission)
            .map_err(misfit)?;
        // A valid submission always has a scored criterion; this only guards the invariant.
        let units = weighted_units(&input.rubric, &r.sheet).ok_or_else(|| {
            misfit(ValidationErrors::single(
                "scores",
                "all_not_applicable",
                "score at least one criterion",
            ))
        })?;
        scores.insert((proposal, reviewer), units);
    }

    let mut by_reviewer: BTreeMap<UserId, Vec<u64>> = BTreeMap::new();
    for (&(_, reviewer), &units) in &scores {
        by_reviewer.entry(reviewer).or_default().push(units);
    }
    let reviewers: BTreeMap<UserId, Summary> = by_reviewer
        .into_iter()
        .filter_map(|(reviewer, mut units)| Some((reviewer, Summary::of(&mut units)?)))
        .collect();
    let jury = Summary::of(&mut scores.values().copied().collect::<Vec<_>>());
    let normalise = input.settings.normalise;
    let is_normalised =
        |own: &Summary| normalise.is_some_and(|n| own.count >= n.min_reviews as usize);

    let mut by_proposal: BTreeMap<ProposalId, (Vec<u64>, Vec<ReviewScore>)> = proposals
        .iter()
        .map(|&p| (p, (Vec::new(), Vec::new())))
        .collect();
    for (&(proposal, reviewer), &units) in &scores {
        let score = units_to_points(units);
        let (z, normalised) = match (normalise, reviewers.get(&reviewer), jury) {
            (Some(_), Some(own), Some(jury)) if is_normalised(own) => {
                let z = own.z(units);
                let normalised = jury.mean_points() + z * jury.std_dev_points();
                (Some(z), Some(positive_zero(normalised)))
            }
            (Some(_), _, _) => (None, Some(score)),
            (None, _, _) => (None, None),
        };
        let (units_of_proposal, review_scores) = by_proposal.entry(proposal).or_default();
        units_of_proposal.push(units);
        review_scores.push(ReviewScore {
            reviewer,
            score,
            z,
            normalised,
        });
    }

    let threshold = input.settings.disagreement_threshold_points;
    let mut ranked: Vec<(RankKey, RankedProposal)> = by_proposal
        .into_iter()
        .map(|(proposal, (mut units, review_scores))| {
            let raw = Summary::of(&mut units);
            let normalised_mean = mean_of(
                &mut review_scores
                    .iter()
                    .filter_map(|r| r.normalised)
                    .collect::<Vec<_>>(),
            );
            let key = RankKey {
                normalised_mean,
                raw,
            };
            let entry = RankedProposal {
                position: 0,
                proposal,
                reviews: review_scores.len(),
                unreviewed: raw.is_none(),
                mean: raw.map(|s| s.mean_points()),
                median: raw.map(|s| s.median_points()),
                spread: raw.map(|s| s.spread_points()),
                std_dev: raw.map(|s| s.std_dev_points()),
                normalised_mean,
                // On the spread as shown, so the flag agrees with the number the chair sees.
                disagreement: raw.is_some_and(|s| s.spread_points() > threshold),
                tied_with_previous: false,
                review_scores,
            };
            (key, entry)
        })
        .collect();
    ranked.sort_by(|(a, pa), (b, pb)| a.rank_cmp(b).then_with(|| pa.proposal.cmp(&pb.proposal)));

    let mut entries = Vec::with_capacity(ranked.len());
    let mut previous: Option<RankKey> = None;
    for (index, (key, mut entry)) in ranked.into_iter().enumerate() {
        entry.position = index + 1;
        entry.tied_with_previous = previous.is_some_and(|p| p.rank_cmp(&key) == Ordering::Equal);
        previous = Some(key);
        entries.push(entry);
    }

    let reviewer_stats = reviewers
        .iter()
        .map(|(&reviewer, own)| ReviewerStats {
            reviewer,
            reviews: own.count,
            mean: own.mean_points(),
            std_dev: own.std_dev_points(),
            normalised: is_normalised(own),
        })
        .collect();

    Ok(Ranking {
        basis: if normalise.is_some() {
            RankingBasis::NormalisedMean
        } else {
            RankingBasis::Mean
        },
        jury: jury.map(|s| JuryStats {
            reviews: s.count,
            mean: s.mean_points(),
            std_dev: s.std_dev_points(),
        }),
        entries,
        reviewer_stats,
    })
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod properties;
