//! Builders shared by the tests.

use std::collections::{BTreeMap, BTreeSet};

use grants_domain::programme::Criterion;
use grants_domain::{ProposalId, UserId};
use uuid::Uuid;

use crate::{
    Completeness, CriterionScore, RankingInput, RankingSettings, ReviewRecord, ScoreSheet,
    ScoreSheetInput, validate_sheet,
};

/// Not applicable, short.
pub const NA: CriterionScore = CriterionScore::NotApplicable;

/// A score, short.
pub fn s(score: i64) -> CriterionScore {
    CriterionScore::Score(score)
}

/// A criterion without title or guidance, which scoring never reads.
pub fn criterion(key: &str, weight: u32, min: i32, max: i32, allow_na: bool) -> Criterion {
    Criterion {
        key: key.to_owned(),
        title: BTreeMap::new(),
        weight,
        scale_min: min,
        scale_max: max,
        guidance: BTreeMap::new(),
        allow_not_applicable: allow_na,
    }
}

/// Proposal number `n`; a lower number is an earlier id.
pub fn p(n: u128) -> ProposalId {
    Uuid::from_u128(n).into()
}

/// Reviewer number `n`.
pub fn u(n: u128) -> UserId {
    Uuid::from_u128(n).into()
}

/// A sheet input from pairs.
pub fn sheet_input(pairs: &[(&str, CriterionScore)]) -> ScoreSheetInput {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
}

/// A sheet that must be a valid submission.
pub fn submitted(rubric: &[Criterion], pairs: &[(&str, CriterionScore)]) -> ScoreSheet {
    validate_sheet(rubric, &sheet_input(pairs), Completeness::Submission)
        .expect("a valid submission")
}

/// Weights 2, 1 and 1 on 0 to 4; the last criterion (`reach`) is one a
/// reviewer may mark not applicable.
pub fn with_optional_reach() -> Vec<Criterion> {
    vec![
        criterion("impact", 2, 0, 4, false),
        criterion("feasibility", 1, 0, 4, false),
        criterion("reach", 1, 0, 4, true),
    ]
}

/// One criterion scored 0 to 4, so scores are exact points: 0, 25, 50, 75, 100.
pub fn quarters() -> Vec<Criterion> {
    vec![criterion("merit", 1, 0, 4, false)]
}

/// A review on [`quarters`] giving `quarter` × 25 points.
pub fn review(proposal: ProposalId, reviewer: UserId, quarter: i64) -> ReviewRecord {
    ReviewRecord {
        proposal,
        reviewer,
        sheet: submitted(&quarters(), &[("merit", s(quarter))]),
    }
}

/// Settings without normalisation.
pub fn raw_settings(threshold: f64) -> RankingSettings {
    RankingSettings {
        normalise: None,
        disagreement_threshold_points: threshold,
    }
}

/// An input on [`quarters`] that ranks every proposal reviewed, plus `extra`.
pub fn quarters_input(
    reviews: Vec<ReviewRecord>,
    extra: &[ProposalId],
    settings: RankingSettings,
) -> RankingInput {
    let proposals: BTreeSet<ProposalId> = reviews
        .iter()
        .map(|r| r.proposal)
        .chain(extra.iter().copied())
        .collect();
    RankingInput {
        rubric: quarters(),
        reviews,
        proposals: proposals.into_iter().collect(),
        settings,
    }
}
