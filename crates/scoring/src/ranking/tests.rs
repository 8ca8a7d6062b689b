use super::*;
use crate::support::{
    NA, criterion, p, quarters, quarters_input, raw_settings, review, s, submitted, u,
    with_optional_reach,
};
use crate::{CriterionScore, ScoreSheetInput, weighted_score};

fn normalising(min_reviews: u32, threshold: f64) -> RankingSettings {
    RankingSettings {
        normalise: Some(Normalisation { min_reviews }),
        disagreement_threshold_points: threshold,
    }
}

/// Reviews on [`quarters`], each (proposal, reviewer, quarters) by number.
fn scored(reviews: &[(u128, u128, i64)]) -> Vec<ReviewRecord> {
    reviews
        .iter()
        .map(|&(proposal, reviewer, quarter)| review(p(proposal), u(reviewer), quarter))
        .collect()
}

fn ranked(input: &RankingInput) -> Ranking {
    rank(input).expect("a valid input")
}

/// The ranking of [`scored`] reviews, without normalisation or a
/// disagreement any spread could reach.
fn raw_ranking(reviews: &[(u128, u128, i64)]) -> Ranking {
    ranked(&quarters_input(scored(reviews), &[], raw_settings(100.0)))
}

fn entry(ranking: &Ranking, proposal: ProposalId) -> &RankedProposal {
    ranking
        .entries
        .iter()
        .find(|e| e.proposal == proposal)
        .expect("the proposal is ranked")
}

fn order(ranking: &Ranking) -> Vec<ProposalId> {
    ranking.entries.iter().map(|e| e.proposal).collect()
}

fn ties(ranking: &Ranking) -> Vec<bool> {
    ranking
        .entries
        .iter()
        .map(|e| e.tied_with_previous)
        .collect()
}

// ---- a proposal's figures ---------------------------------------------

#[test]
fn figures_of_an_odd_number_of_reviews() {
    let ranking = raw_ranking(&[(1, 1, 4), (1, 2, 1), (1, 3, 2)]);
    let e = entry(&ranking, p(1));
    assert_eq!(e.reviews, 3);
    assert!(!e.unreviewed);
    assert_eq!(e.mean, Some(175.0 / 3.0));
    assert_eq!(e.median, Some(50.0));
    assert_eq!(e.spread, Some(75.0));
    let sd = ((25.0 - 175.0 / 3.0_f64).powi(2)
        + (50.0 - 175.0 / 3.0_f64).powi(2)
        + (100.0 - 175.0 / 3.0_f64).powi(2))
        / 3.0;
    assert!((e.std_dev.unwrap() - sd.sqrt()).abs() < 1e-12);
    assert_eq!(e.normalised_mean, None);
}

#[test]
fn figures_of_an_even_number_of_reviews() {
    let ranking = raw_ranking(&[(1, 1, 4), (1, 2, 0), (1, 3, 1), (1, 4, 2)]);
    let e = entry(&ranking, p(1));
    assert_eq!(e.median, Some(37.5));
    assert_eq!(e.mean, Some(43.75));
    assert_eq!(e.spread, Some(100.0));
}

#[test]
fn a_single_review_has_no_spread() {
    let ranking = ranked(&quarters_input(
        scored(&[(1, 1, 3)]),
        &[],
        raw_settings(0.0),
    ));
    let e = entry(&ranking, p(1));
    assert_eq!(
        (e.mean, e.median, e.spread, e.std_dev),
        (Some(75.0), Some(75.0), Some(0.0), Some(0.0))
    );
    assert!(!e.disagreement, "0 is not more than a threshold of 0");
}

#[test]
fn review_scores_list_each_reviewer_in_id_order() {
    let ranking = raw_ranking(&[(1, 3, 4), (1, 1, 0), (1, 2, 2)]);
    let e = entry(&ranking, p(1));
    let listed: Vec<(UserId, f64)> = e
        .review_scores
        .iter()
        .map(|r| (r.reviewer, r.score))
        .collect();
    assert_eq!(listed, [(u(1), 0.0), (u(2), 50.0), (u(3), 100.0)]);
    assert!(
        e.review_scores
            .iter()
            .all(|r| r.z.is_none() && r.normalised.is_none())
    );
}

#[test]
fn weighted_scores_with_not_applicable_feed_the_figures() {
    let rubric = with_optional_reach();
    let reviews = vec![
        ReviewRecord {
            proposal: p(1),
            reviewer: u(1),
            sheet: submitted(
                &rubric,
                &[("impact", s(4)), ("feasibility", s(1)), ("reach", NA)],
            ),
        },
        ReviewRecord {
            proposal: p(1),
            reviewer: u(2),
            sheet: submitted(
                &rubric,
                &[("impact", s(2)), ("feasibility", s(2)), ("reach", s(2))],
            ),
        },
    ];
    let ranking = ranked(&RankingInput {
        rubric,
        reviews,
        proposals: vec![p(1)],
        settings: raw_settings(100.0),
    });
    assert_eq!(entry(&ranking, p(1)).mean, Some(62.5));
}

// ---- disagreement -----------------------------------------------------

#[test]
fn disagreement_is_a_spread_strictly_above_the_threshold() {
    // Scores 25 and 75: a spread of exactly 50 points.
    let reviews = vec![review(p(1), u(1), 1), review(p(1), u(2), 3)];
    let at = |threshold| {
        let ranking = ranked(&quarters_input(
            reviews.clone(),
            &[],
            raw_settings(threshold),
        ));
        entry(&ranking, p(1)).disagreement
    };
    assert!(
        !at(50.0),
        "a spread equal to the threshold is not a disagreement"
    );
    assert!(at(49.999));
    assert!(!at(50.001));
    assert!(at(0.0));
}

// ---- normalisation ----------------------------------------------------

#[test]
fn normalisation_puts_each_reviewer_on_the_jurys_scale() {
    // Reviewer 1 scores 0 and 50 (mean 25, sd 25); reviewer 2 scores 50 and 100
    // (mean 75, sd 25). All four scores: μ = 50, σ = √1250.
    let reviews = scored(&[(1, 1, 2), (2, 1, 0), (1, 2, 4), (2, 2, 2)]);
    let ranking = ranked(&quarters_input(reviews, &[], normalising(2, 100.0)));
    assert_eq!(ranking.basis, RankingBasis::NormalisedMean);
    let jury = ranking.jury.unwrap();
    assert_eq!((jury.reviews, jury.mean), (4, 50.0));
    assert!((jury.std_dev - 1250.0_f64.sqrt()).abs() < 1e-12);
    let p1 = entry(&ranking, p(1));
    assert!(p1.review_scores.iter().all(|r| r.z == Some(1.0)));
    assert_eq!(p1.review_scores[0].normalised, Some(50.0 + jury.std_dev));
    assert_eq!(p1.normalised_mean, Some(50.0 + jury.std_dev));
    let p2 = entry(&ranking, p(2));
    assert!(p2.review_scores.iter().all(|r| r.z == Some(-1.0)));
    assert_eq!(p2.normalised_mean, Some(50.0 - jury.std_dev));
    assert_eq!(order(&ranking), [p(1), p(2)]);
    let stats: Vec<(UserId, usize, f64, f64, bool)> = ranking
        .reviewer_stats
        .iter()
        .map(|r| (r.reviewer, r.reviews, r.mean, r.std_dev, r.normalised))
        .collect();
    assert_eq!(
        stats,
        [(u(1), 2, 25.0, 25.0, true), (u(2), 2, 75.0, 25.0, true)]
    );
}

#[test]
fn normalisation_can_change_the_order() {
    // A harsh reviewer's best (50) beats a generous reviewer's worst (75) once normalised.
    let reviews = scored(&[(1, 1, 2), (3, 1, 0), (2, 2, 3), (4, 2, 4)]);
    let raw = ranked(&quarters_input(reviews.clone(), &[], raw_settings(100.0)));
    assert_eq!(raw.basis, RankingBasis::Mean);
    assert_eq!(order(&raw), [p(4), p(2), p(1), p(3)]);
    let normalised = ranked(&quarters_input(reviews, &[], normalising(2, 100.0)));
    // p1 and p4 both have z = 1, so the raw mean breaks the tie; likewise p2 and p3.
    assert_eq!(order(&normalised), [p(4), p(1), p(2), p(3)]);
    assert_eq!(ties(&normalised), [false, false, false, false]);
}

#[test]
fn a_reviewer_below_the_minimum_keeps_raw_scores() {
    let reviews = scored(&[(1, 1, 1), (2, 1, 3), (3, 1, 2), (1, 2, 4), (2, 2, 0)]);
    let ranking = ranked(&quarters_input(reviews, &[], normalising(3, 100.0)));
    let stats: Vec<(UserId, bool)> = ranking
        .reviewer_stats
        .iter()
        .map(|r| (r.reviewer, r.normalised))
        .collect();
    assert_eq!(stats, [(u(1), true), (u(2), false)]);
    for e in &ranking.entries {
        for r in &e.review_scores {
            if r.reviewer == u(2) {
                assert_eq!((r.z, r.normalised), (None, Some(r.score)));
            } else {
                assert!(r.z.is_some());
            }
        }
    }
    // p3 has only reviewer 1, whose 50 is exactly their mean: z = 0, so it maps to μ.
    let jury = ranking.jury.unwrap();
    assert_eq!(entry(&ranking, p(3)).normalised_mean, Some(jury.mean));
}

#[test]
fn a_reviewer_who_gives_everyone_the_same_score_maps_to_the_jury_mean() {
    let reviews = scored(&[(1, 1, 3), (2, 1, 3), (1, 2, 4), (2, 2, 0)]);
    let ranking = ranked(&quarters_input(reviews, &[], normalising(2, 100.0)));
    let jury = ranking.jury.unwrap();
    for e in &ranking.entries {
        let flat = e.review_scores.iter().find(|r| r.reviewer == u(1)).unwrap();
        assert_eq!((flat.z, flat.normalised), (Some(0.0), Some(jury.mean)));
    }
}

#[test]
fn normalised_scores_are_not_clamped() {
    // Reviewer 1 scores 50 ten times and 100 once: the 100 is 3.16 of their sd
    // above their own mean. Reviewer 2's 0 and 100 widen the jury's σ to about
    // 23.7 around μ ≈ 53.8, so the 100 maps to about 128.8.
    let mut reviews: Vec<ReviewRecord> = (2..12).map(|n| review(p(n), u(1), 2)).collect();
    reviews.push(review(p(1), u(1), 4));
    reviews.push(review(p(20), u(2), 0));
    reviews.push(review(p(21), u(2), 4));
    let ranking = ranked(&quarters_input(reviews, &[], normalising(2, 100.0)));
    let top = &ranking.entries[0];
    assert_eq!(top.proposal, p(1));
    assert!(
        top.normalised_mean.unwrap() > 100.0,
        "{:?}",
        top.normalised_mean
    );
}

// ---- order and tie-breaks ---------------------------------------------

#[test]
fn a_higher_mean_ranks_first() {
    let ranking = raw_ranking(&[(1, 1, 2), (2, 1, 3), (3, 1, 1)]);
    assert_eq!(order(&ranking), [p(2), p(1), p(3)]);
    let positions: Vec<usize> = ranking.entries.iter().map(|e| e.position).collect();
    assert_eq!(positions, [1, 2, 3]);
}

#[test]
fn equal_means_are_broken_by_the_higher_median() {
    // p1: 0, 75, 75 (median 75); p2: 25, 25, 100 (median 25); both mean 50.
    let ranking = raw_ranking(&[
        (2, 1, 1),
        (2, 2, 1),
        (2, 3, 4),
        (1, 1, 0),
        (1, 2, 3),
        (1, 3, 3),
    ]);
    assert_eq!(entry(&ranking, p(1)).mean, entry(&ranking, p(2)).mean);
    assert_eq!(order(&ranking), [p(1), p(2)]);
    assert_eq!(ties(&ranking), [false, false]);
}

#[test]
fn equal_means_and_medians_are_broken_by_the_lower_spread() {
    // p2: 50, 50 (spread 0) before p1: 25, 75 (spread 50).
    let ranking = raw_ranking(&[(1, 1, 1), (1, 2, 3), (2, 1, 2), (2, 2, 2)]);
    assert_eq!(order(&ranking), [p(2), p(1)]);
    assert_eq!(ties(&ranking), [false, false]);
}

#[test]
fn then_by_more_reviews() {
    let ranking = raw_ranking(&[(1, 1, 2), (1, 2, 2), (2, 1, 2), (2, 2, 2), (2, 3, 2)]);
    assert_eq!(order(&ranking), [p(2), p(1)]);
    assert_eq!(ties(&ranking), [false, false]);
}

#[test]
fn a_true_tie_is_ordered_by_id_and_flagged() {
    let ranking = raw_ranking(&[(9, 1, 3), (5, 2, 3), (7, 3, 3), (8, 1, 4)]);
    assert_eq!(order(&ranking), [p(8), p(5), p(7), p(9)]);
    assert_eq!(ties(&ranking), [false, false, true, true]);
}

#[test]
fn under_normalisation_equal_normalised_means_are_broken_by_the_raw_mean() {
    // Both p1 and p2 get z = 1 from their only reviewer; p2's raw score is higher.
    let reviews = scored(&[(1, 1, 3), (3, 1, 1), (2, 2, 4), (3, 2, 2)]);
    let ranking = ranked(&quarters_input(reviews, &[], normalising(2, 100.0)));
    assert_eq!(
        entry(&ranking, p(1)).normalised_mean,
        entry(&ranking, p(2)).normalised_mean
    );
    assert_eq!(order(&ranking), [p(2), p(1), p(3)]);
    assert_eq!(ties(&ranking), [false, false, false]);
}

#[test]
fn proposals_without_reviews_come_last_flagged_and_tied_with_each_other() {
    let ranking = ranked(&quarters_input(
        vec![review(p(5), u(1), 0), review(p(6), u(1), 1)],
        &[p(1), p(2)],
        raw_settings(100.0),
    ));
    assert_eq!(order(&ranking), [p(6), p(5), p(1), p(2)]);
    assert_eq!(ties(&ranking), [false, false, false, true]);
    let positions: Vec<usize> = ranking.entries.iter().map(|e| e.position).collect();
    assert_eq!(positions, [1, 2, 3, 4]);
    let last = entry(&ranking, p(2));
    assert!(last.unreviewed);
    assert_eq!(last.reviews, 0);
    assert_eq!(
        (last.mean, last.median, last.spread, last.std_dev),
        (None, None, None, None)
    );
    assert!(!last.disagreement);
    assert!(last.review_scores.is_empty());
    // A score of 0 is still a review: it ranks above no review at all.
    assert!(!entry(&ranking, p(5)).unreviewed);
}

#[test]
fn with_no_reviews_at_all_every_proposal_is_unreviewed() {
    let ranking = ranked(&quarters_input(vec![], &[p(2), p(1)], normalising(2, 10.0)));
    assert_eq!(order(&ranking), [p(1), p(2)]);
    assert_eq!(ties(&ranking), [false, true]);
    assert_eq!(ranking.jury, None);
    assert!(ranking.reviewer_stats.is_empty());
    assert!(ranking.entries.iter().all(|e| e.normalised_mean.is_none()));
}

#[test]
fn a_repeated_proposal_counts_once() {
    let mut input = quarters_input(scored(&[(1, 1, 2)]), &[p(2)], raw_settings(100.0));
    input.proposals.extend([p(1), p(2), p(2)]);
    assert_eq!(order(&ranked(&input)), [p(1), p(2)]);
}

// ---- refused inputs ---------------------------------------------------

#[test]
fn a_review_of_a_proposal_not_being_ranked_is_refused() {
    let mut input = quarters_input(scored(&[(1, 1, 2)]), &[], raw_settings(100.0));
    input.reviews.push(review(p(9), u(2), 2));
    assert_eq!(
        rank(&input),
        Err(RankingError::UnknownProposal {
            proposal: p(9),
            reviewer: u(2)
        })
    );
}

#[test]
fn two_reviews_by_one_reviewer_of_one_proposal_are_refused() {
    let input = quarters_input(
        scored(&[(1, 1, 2), (2, 1, 1), (1, 1, 3)]),
        &[],
        raw_settings(100.0),
    );
    assert_eq!(
        rank(&input),
        Err(RankingError::DuplicateReview {
            proposal: p(1),
            reviewer: u(1)
        })
    );
}

#[test]
fn a_sheet_that_is_not_a_submission_under_the_rubric_is_refused() {
    let rubric = vec![
        criterion("merit", 1, 0, 4, false),
        criterion("reach", 1, 0, 4, true),
    ];
    // Valid under the one-criterion rubric it was checked against, but not under this one.
    let input = RankingInput {
        rubric,
        reviews: scored(&[(1, 1, 2)]),
        proposals: vec![p(1)],
        settings: raw_settings(100.0),
    };
    match rank(&input) {
        Err(RankingError::SheetDoesNotFitRubric {
            proposal,
            reviewer,
            errors,
        }) => {
            assert_eq!((proposal, reviewer), (p(1), u(1)));
            assert_eq!(errors.fields()[0].field, "scores.reach");
            assert_eq!(errors.fields()[0].code, "required");
        }
        other => panic!("expected a misfit, got {other:?}"),
    }
}

#[test]
fn a_draft_with_everything_not_applicable_is_refused() {
    let rubric = vec![criterion("reach", 1, 0, 4, true)];
    let input: ScoreSheetInput = [("reach".to_owned(), CriterionScore::NotApplicable)].into();
    let draft = validate_sheet(&rubric, &input, Completeness::Draft).unwrap();
    let result = rank(&RankingInput {
        rubric,
        reviews: vec![ReviewRecord {
            proposal: p(1),
            reviewer: u(1),
            sheet: draft,
        }],
        proposals: vec![p(1)],
        settings: raw_settings(100.0),
    });
    assert!(matches!(
        result,
        Err(RankingError::SheetDoesNotFitRubric { ref errors, .. })
            if errors.fields()[0].code == "all_not_applicable"
    ));
}

#[test]
fn settings_out_of_range_are_refused_all_at_once() {
    let settings = RankingSettings {
        normalise: Some(Normalisation { min_reviews: 1 }),
        disagreement_threshold_points: f64::NAN,
    };
    let errors = settings.validate().unwrap_err();
    let fields: Vec<&str> = errors.fields().iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        ["normalise.min_reviews", "disagreement_threshold_points"]
    );
    for threshold in [-0.5, 100.5, f64::INFINITY] {
        assert!(raw_settings(threshold).validate().is_err(), "{threshold}");
    }
    for threshold in [0.0, 100.0] {
        assert!(raw_settings(threshold).validate().is_ok(), "{threshold}");
    }
    assert!(normalising(2, 20.0).validate().is_ok());
    let input = quarters_input(vec![], &[p(1)], settings);
    assert!(matches!(rank(&input), Err(RankingError::Settings(_))));
}

#[test]
fn the_first_problem_reported_does_not_depend_on_input_order() {
    let rubric = quarters();
    let bad = |proposal, reviewer| ReviewRecord {
        proposal,
        reviewer,
        sheet: validate_sheet(&rubric, &ScoreSheetInput::new(), Completeness::Draft).unwrap(),
    };
    let mut reviews = vec![bad(p(2), u(1)), bad(p(1), u(2)), bad(p(1), u(1))];
    let first = rank(&quarters_input(reviews.clone(), &[], raw_settings(1.0)));
    reviews.reverse();
    assert_eq!(
        rank(&quarters_input(reviews, &[], raw_settings(1.0))),
        first
    );
    assert!(matches!(
        first,
        Err(RankingError::SheetDoesNotFitRubric { proposal, reviewer, .. })
            if (proposal, reviewer) == (p(1), u(1))
    ));
}

// ---- JSON -------------------------------------------------------------

#[test]
fn settings_read_from_json() {
    let settings: RankingSettings = serde_json::from_str(
        r#"{"normalise": {"min_reviews": 3}, "disagreement_threshold_points": 25}"#,
    )
    .unwrap();
    assert_eq!(settings, normalising(3, 25.0));
    let raw: RankingSettings =
        serde_json::from_str(r#"{"normalise": null, "disagreement_threshold_points": 30.5}"#)
            .unwrap();
    assert_eq!(raw, raw_settings(30.5));
}

#[test]
fn a_ranking_serialises_with_its_field_names() {
    let ranking = ranked(&quarters_input(
        scored(&[(1, 1, 2)]),
        &[p(2)],
        normalising(2, 10.0),
    ));
    let json = serde_json::to_value(&ranking).unwrap();
    assert_eq!(json["basis"], "normalised_mean");
    assert_eq!(json["jury"]["mean"], 50.0);
    let first = &json["entries"][0];
    for field in [
        "position",
        "proposal",
        "reviews",
        "unreviewed",
        "mean",
        "median",
        "spread",
        "std_dev",
        "normalised_mean",
        "disagreement",
        "tied_with_previous",
        "review_scores",
    ] {
        assert!(first.get(field).is_some(), "missing {field}");
    }
    assert_eq!(first["review_scores"][0]["score"], 50.0);
    assert_eq!(first["review_scores"][0]["z"], serde_json::Value::Null);
    assert_eq!(json["entries"][1]["mean"], serde_json::Value::Null);
    assert_eq!(json["reviewer_stats"][0]["normalised"], false);
    let back: Ranking = serde_json::from_value(json).unwrap();
    assert_eq!(back, ranking);
}

#[test]
fn the_ranking_schema_names_its_parts() {
    use utoipa::{PartialSchema, ToSchema};
    let mut schemas = Vec::new();
    Ranking::schemas(&mut schemas);
    let names: Vec<String> = schemas.iter().map(|(name, _)| name.clone()).collect();
    for name in [
        "RankedProposal",
        "ReviewScore",
        "ReviewerStats",
        "JuryStats",
        "RankingBasis",
    ] {
        assert!(
            names.iter().any(|n| n == name),
            "{name} missing from {names:?}"
        );
    }
    let schema = serde_json::to_value(Ranking::schema()).unwrap();
    assert!(schema["properties"]["entries"].is_object());
    let settings = serde_json::to_value(RankingSettings::schema()).unwrap();
    let threshold = &settings["properties"]["disagreement_threshold_points"];
    assert_eq!(
        (threshold["minimum"].as_f64(), threshold["maximum"].as_f64()),
        (Some(0.0), Some(100.0))
    );
    let normalisation = serde_json::to_value(Normalisation::schema()).unwrap();
    assert_eq!(
        normalisation["properties"]["min_reviews"]["minimum"].as_f64(),
        Some(2.0)
    );
}

// ---- exactness --------------------------------------------------------

/// Two criteria of equal weight on 0–10: in floating point, 1 and 2 would
/// give 15.000000000000002 points, 3 and 0 exactly 15.
fn tenths() -> Vec<Criterion> {
    vec![
        criterion("impact", 1, 0, 10, false),
        criterion("reach", 1, 0, 10, false),
    ]
}

/// An input on [`tenths`] from reviews given as (proposal, reviewer,
/// impact, reach) numbers.
fn tenths_input(reviews: &[(u128, u128, i64, i64)], settings: RankingSettings) -> RankingInput {
    let reviews: Vec<ReviewRecord> = reviews
        .iter()
        .map(|&(proposal, reviewer, impact, reach)| ReviewRecord {
            proposal: p(proposal),
            reviewer: u(reviewer),
            sheet: submitted(&tenths(), &[("impact", s(impact)), ("reach", s(reach))]),
        })
        .collect();
    let proposals = reviews.iter().map(|r| r.proposal).collect::<BTreeSet<_>>();
    RankingInput {
        rubric: tenths(),
        reviews,
        proposals: proposals.into_iter().collect(),
        settings,
    }
}

#[test]
fn sheets_worth_the_same_are_a_true_tie() {
    let ranking = ranked(&tenths_input(
        &[(2, 1, 1, 2), (1, 2, 3, 0)],
        raw_settings(100.0),
    ));
    assert_eq!(order(&ranking), [p(1), p(2)]);
    assert_eq!(ties(&ranking), [false, true]);
    assert_eq!(ranking.entries[0].mean, Some(15.0));
    assert_eq!(ranking.entries[1].mean, Some(15.0));
}

#[test]
fn equal_means_of_different_scores_are_equal_and_fall_to_the_next_rule() {
    // One criterion on 1–10: 2 and 9 average the same as 5 and 6 (50 points),
    // with the same median; 5 and 6 agree more, so they rank first.
    let rubric = vec![criterion("merit", 1, 1, 10, false)];
    let one = |proposal, reviewer, score| ReviewRecord {
        proposal,
        reviewer,
        sheet: submitted(&rubric, &[("merit", s(score))]),
    };
    let ranking = ranked(&RankingInput {
        rubric: rubric.clone(),
        reviews: vec![
            one(p(1), u(1), 2),
            one(p(1), u(2), 9),
            one(p(2), u(1), 5),
            one(p(2), u(2), 6),
        ],
        proposals: vec![p(1), p(2)],
        settings: raw_settings(100.0),
    });
    assert_eq!(order(&ranking), [p(2), p(1)]);
    assert_eq!(ties(&ranking), [false, false]);
    assert_eq!(
        ranking.entries[0].mean.unwrap().to_bits(),
        ranking.entries[1].mean.unwrap().to_bits()
    );
    assert_eq!(ranking.entries[0].mean, Some(50.0));
}

#[test]
fn a_reviewer_whose_sheets_are_worth_the_same_has_no_spread() {
    let ranking = ranked(&tenths_input(
        &[(1, 1, 1, 2), (2, 1, 3, 0), (1, 2, 10, 10), (2, 2, 0, 0)],
        normalising(2, 100.0),
    ));
    let flat = ranking
        .reviewer_stats
        .iter()
        .find(|r| r.reviewer == u(1))
        .unwrap();
    assert_eq!((flat.mean, flat.std_dev), (15.0, 0.0));
    for e in &ranking.entries {
        let r = e.review_scores.iter().find(|r| r.reviewer == u(1)).unwrap();
        assert_eq!(r.z, Some(0.0));
    }
}

#[test]
fn review_scores_are_kept_to_a_billionth_of_a_point() {
    let rubric = vec![criterion("merit", 1, 0, 3, false)];
    let score = |x| weighted_score(&rubric, &submitted(&rubric, &[("merit", s(x))]));
    assert_eq!(score(1), Some(33.333333333));
    assert_eq!(score(2), Some(66.666666667));
}
