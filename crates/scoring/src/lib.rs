//! Rubric scoring: from the score sheets reviewers hand in to the ranking
//! the chair of the jury sees.
//!
//! Everything here is pure: no I/O, no clock, no randomness. The same
//! input gives the same output to the last bit, whatever order its lists
//! come in.
//!
//! # The model
//!
//! A programme's **rubric** is a list of criteria ([`Criterion`]), each with
//! a key, a positive whole-number weight, a scale of whole numbers from
//! `scale_min` to `scale_max`, and whether it may be marked not applicable.
//! A **reviewer** fills in a **score sheet** for each proposal they were
//! given: for each criterion a whole-number **score** or "not applicable".
//! A submitted sheet is a **review**.
//!
//! # Rules
//!
//! ## 1. Score sheets ([`validate_sheet`])
//!
//! A sheet is a JSON object from criterion key to score, a score being a
//! whole number or the string `"n/a"`: `{"impact": 4, "feasibility": "n/a"}`.
//! Every problem is reported at once, each under its JSON path:
//!
//! | field | code | when |
//! |---|---|---|
//! | `scores.<key>` | `unknown_criterion` | the rubric has no criterion `<key>` |
//! | `scores.<key>` | `out_of_range` | the score is below `scale_min` or above `scale_max` |
//! | `scores.<key>` | `not_applicable_not_allowed` | `"n/a"` on a criterion that does not allow it |
//! | `scores.<key>` | `required` | submission only: the criterion is left out |
//! | `scores` | `all_not_applicable` | submission only: criteria marked `"n/a"` and none scored |
//!
//! A draft ([`Completeness::Draft`]) may leave criteria out and may mark
//! every one not applicable; a submission may do neither.
//!
//! ## 2. Weighted score of a review ([`weighted_score`])
//!
//! Each scored criterion *i* counts as the fraction of its scale reached,
//! so criteria on different scales compare:
//!
//! ```text
//! fraction_i = (score_i − scale_min_i) / (scale_max_i − scale_min_i)        ∈ [0, 1]
//! score      = 100 · Σ weight_i · fraction_i / Σ weight_i                    ∈ [0, 100] points
//! ```
//!
//! Both sums run over the scored criteria only. A criterion marked not
//! applicable drops out and the remaining weights re-normalise: it never
//! counts as 0. With weights 2, 1, 1 and the last one not applicable, the
//! first criterion carries ⅔ of the score and the second ⅓.
//!
//! The score is computed as an exact fraction and rounded once, to the
//! nearest billionth of a point (halves up); see [Exactness](#exactness).
//!
//! ## 3. A proposal's figures ([`RankedProposal`])
//!
//! Over the scores of a proposal's *n* submitted reviews:
//!
//! - **mean** `Σ score / n`;
//! - **median**: the middle score, or the mean of the two middle scores when *n* is even;
//! - **spread** `max − min`, in points; 0 for a single review;
//! - **standard deviation**, population form `√(Σ (score − mean)² / n)`: it
//!   describes these reviews, it does not estimate anything;
//! - **disagreement** when `spread > disagreement_threshold_points`
//!   (strictly: a spread equal to the threshold is not flagged).
//!
//! Mean, median and spread are exact (see [Exactness](#exactness)): equal
//! means are equal, and the deviation is 0 exactly when all scores are
//! equal. The disagreement flag compares the spread as shown.
//!
//! ## 4. Per-reviewer normalisation (optional, [`Normalisation`])
//!
//! Some reviewers score harshly, others generously. When the chair turns
//! normalisation on with a minimum of `min_reviews` (at least 2), each
//! reviewer with at least that many submitted reviews is normalised:
//!
//! ```text
//! z          = (score − m_r) / s_r      (0 when s_r = 0: the reviewer gave every proposal the same score)
//! normalised = μ + z · σ
//! ```
//!
//! The z-score is computed as `(n·score − Σ scores) / √(n·Σ scores² − (Σ scores)²)`
//! over the reviewer's `n` scores, whose numerator and radicand are exact
//! whole numbers: `s_r = 0` is decided exactly, and adding a constant to all
//! of a reviewer's scores leaves every z-score the same to the bit.
//!
//! where `m_r`, `s_r` are the mean and population standard deviation of
//! that reviewer's own review scores, and `μ`, `σ` those of all review
//! scores in the ranking ([`JuryStats`]): each reviewer's scores are put on
//! the jury's common scale. Reviewers with fewer reviews keep their raw
//! scores as their normalised scores (too few reviews to tell how they
//! score). A proposal's **normalised mean** is the mean of its reviews'
//! normalised scores.
//!
//! **No clamping.** Normalised scores and means are left as computed, even
//! a little below 0 or above 100. Clamping to [0, 100] would turn
//! different values into equal ones, inventing ties, and the ranking must
//! use the same numbers the chair sees. A display may clamp; this crate
//! never does.
//!
//! ## 5. Ranking ([`rank`])
//!
//! Proposals are ordered by, in turn:
//!
//! 1. reviewed before unreviewed: proposals with no submitted review go
//!    last and are flagged `unreviewed`;
//! 2. the basis ([`RankingBasis`]), higher first: the normalised mean when
//!    normalisation is on, else the mean;
//! 3. the (raw) mean, higher first (the same number as rule 2 when
//!    normalisation is off);
//! 4. the median, higher first;
//! 5. the spread, lower first: the jury agrees more;
//! 6. the number of reviews, more first: more evidence;
//! 7. the proposal id, lower first. Ids are UUID v7, so this is the proposal
//!    created first. Ids are unique, so the order is total and stable.
//!
//! Rules 3 to 6 compare exact values. Normalised means involve square roots,
//! so rule 2 compares them as floating-point numbers when normalisation is
//! on: two that are equal only mathematically may be split by the last bit.
//!
//! Positions run 1, 2, 3, … without gaps. Because only the last rule can
//! separate two proposals whose figures 1–6 are all equal, such a pair is a
//! true tie: the later one has `tied_with_previous` set so the chair sees it
//! and decides. Unreviewed proposals are all tied with one another.
//!
//! The input is checked, not guessed around: invalid settings, a review of
//! a proposal not being ranked, two reviews by one reviewer of one
//! proposal, and a sheet that is not a valid submission under the rubric
//! are each a [`RankingError`].
//!
//! ## 6. The funding line ([`funding`])
//!
//! From the ranking to what the budget funds: [`fund`] walks the ranking
//! (`strict_rank`: stop at the first candidate that does not fit;
//! `skip_to_fit`: pass over those that do not) or finds the set with the
//! highest total score (`optimal`, exact, ties to the better-ranked), within
//! per-country caps (`⌊budget · max_share_percent / 100⌋`) and, for
//! `optimal`, per-country minimum counts. Money is whole minor units and
//! scores whole millionths of a point, so totals are exact. Every
//! candidate gets a decision and a reason; see the module for the rules.
//! (`funding::bench::measure`, behind the benchmark command, is the one
//! function of the crate that reads the clock.)
//!
//! # Exactness
//!
//! A review's score is a fraction whose denominator involves every scale
//! width and weight. In floating point, sheets worth exactly the same can
//! differ in the last bit: on two equally weighted 0–10 criteria, 1 and 2
//! would give 15.000000000000002 points and 3 and 0 exactly 15. That would
//! hide true ties, let the last bit decide the order instead of the
//! tie-breaks, and make a reviewer who always gives the same score look
//! as if they varied, which z-scores blow up to ±1.
//!
//! So each review's score is computed as an exact fraction (with integers
//! as large as the scales need) and rounded once to a whole number of
//! billionths of a point. From there means, medians and spreads are exact
//! integer arithmetic, as is the variance under each standard deviation's
//! square root, and the ranking compares means exactly. Only the numbers
//! shown, and the normalised scores (which involve square roots), are
//! floating-point; each shown number is computed from exact integers in
//! one way, so equal values show the same bits.
//!
//! # Determinism
//!
//! Reviews are grouped by proposal and reviewer ids, never by input
//! position, and every floating-point sum runs over sorted values.
//! Reordering the reviews or the proposals changes no bit of the result;
//! renaming reviewers changes no number in it.
//!
//! # Room to grow
//!
//! Scoring, ranking and the funding line live in their own modules
//! ([`sheet`], [`ranking`], [`funding`]); further steps of the chair's work
//! belong in modules of their own beside them.
//!
//! [`Criterion`]: grants_domain::programme::Criterion

mod exact;
pub mod funding;
pub mod ranking;
pub mod sheet;
mod stats;

#[cfg(test)]
mod support;

pub use funding::{
    Candidate, CountryFunding, CountryRule, Decision, FundingDecision, FundingError, FundingInput,
    FundingLine, FundingPolicy, FundingReason, MinimumShortfall, fund,
};
pub use ranking::{
    JuryStats, MIN_REVIEWS_FOR_NORMALISATION, Normalisation, RankedProposal, Ranking, RankingBasis,
    RankingError, RankingInput, RankingSettings, ReviewRecord, ReviewScore, ReviewerStats, rank,
};
pub use sheet::{
    Completeness, CriterionScore, NOT_APPLICABLE, ScoreSheet, ScoreSheetInput, validate_sheet,
    weighted_score,
};
