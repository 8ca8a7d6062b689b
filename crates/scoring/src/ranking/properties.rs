//! Property tests of the rules that must hold for every input.

use std::collections::{BTreeMap, BTreeSet};

use proptest::collection::vec;
use proptest::prelude::*;

use super::*;
use crate::support::{criterion, p, u};
use crate::{CriterionScore, ScoreSheetInput, weighted_score};

/// A criterion as drawn: weight, bottom of the scale, width of the scale, allows n/a.
type RawCriterion = (u32, i32, i32, bool);

/// Criteria over the whole range a programme allows: weights 1–1000, scales within −100…100.
fn raw_criterion() -> impl Strategy<Value = RawCriterion> {
    (1u32..=1000, -100i32..=99, 1i32..=200, any::<bool>())
}

fn build_rubric(raw: &[RawCriterion]) -> Vec<Criterion> {
    raw.iter()
        .enumerate()
        .map(|(i, &(weight, min, width, na))| {
            criterion(&format!("c{i}"), weight, min, (min + width).min(100), na)
        })
        .collect()
}

/// A valid submission drawn from `seeds`: each criterion is marked n/a where
/// wanted and allowed, else scored on its scale; if nothing is left scored,
/// the first criterion is scored.
fn build_sheet(rubric: &[Criterion], seeds: &[(u16, bool)]) -> ScoreSheet {
    let score = |c: &Criterion, seed: u16| {
        let width = i64::from(c.scale_max) - i64::from(c.scale_min) + 1;
        CriterionScore::Score(i64::from(c.scale_min) + i64::from(seed) % width)
    };
    let mut input: ScoreSheetInput = rubric
        .iter()
        .zip(seeds.iter().cycle())
        .map(|(c, &(seed, na))| {
            let value = if na && c.allow_not_applicable {
                CriterionScore::NotApplicable
            } else {
                score(c, seed)
            };
            (c.key.clone(), value)
        })
        .collect();
    if input.values().all(|v| *v == CriterionScore::NotApplicable) {
        input.insert(rubric[0].key.clone(), score(&rubric[0], seeds[0].0));
    }
    validate_sheet(rubric, &input, Completeness::Submission).expect("a valid submission")
}

fn settings() -> impl Strategy<Value = RankingSettings> {
    (proptest::option::of(2u32..=4), 0.0f64..=100.0).prop_map(|(min_reviews, threshold)| {
        RankingSettings {
            normalise: min_reviews.map(|min_reviews| Normalisation { min_reviews }),
            disagreement_threshold_points: threshold,
        }
    })
}

/// Up to 6 proposals, 5 reviewers, 20 reviews on a rubric of up to 4 criteria.
fn scenario() -> impl Strategy<Value = RankingInput> {
    (
        vec(raw_criterion(), 1..=4),
        1u128..=6,
        1u128..=5,
        vec(
            (0u128..6, 0u128..5, vec((any::<u16>(), any::<bool>()), 4)),
            0..=20,
        ),
        settings(),
    )
        .prop_map(
            |(raw_rubric, proposals, reviewers, raw_reviews, settings)| {
                let rubric = build_rubric(&raw_rubric);
                let mut seen = BTreeSet::new();
                let reviews = raw_reviews
                    .into_iter()
                    .filter_map(|(proposal, reviewer, seeds)| {
                        let proposal = p(proposal % proposals + 1);
                        let reviewer = u(reviewer % reviewers + 1);
                        seen.insert((proposal, reviewer)).then(|| ReviewRecord {
                            proposal,
                            reviewer,
                            sheet: build_sheet(&rubric, &seeds),
                        })
                    })
                    .collect();
                RankingInput {
                    rubric,
                    reviews,
                    proposals: (1..=proposals).map(p).collect(),
                    settings,
                }
            },
        )
}

/// `items` reordered by sorting on `keys` (reused cyclically), ties kept in place.
fn permuted<T: Clone>(items: &[T], keys: &[u64]) -> Vec<T> {
    let mut order: Vec<(u64, usize)> = (0..items.len())
        .map(|i| (keys[i % keys.len()], i))
        .collect();
    order.sort();
    order.into_iter().map(|(_, i)| items[i].clone()).collect()
}

/// Every number's bits, through `Debug` (which tells −0 from 0, unlike `==`).
fn bits(ranking: &Ranking) -> String {
    format!("{ranking:?}")
}

fn z_scores(ranking: &Ranking, reviewer: UserId) -> BTreeMap<ProposalId, Option<f64>> {
    ranking
        .entries
        .iter()
        .flat_map(|e| {
            e.review_scores
                .iter()
                .filter(|r| r.reviewer == reviewer)
                .map(|r| (e.proposal, r.z))
        })
        .collect()
}

/// The same z-scores up to the rounding of each review score to a billionth
/// of a point, which a transform of the scores can tip the other way.
fn assert_close(a: &BTreeMap<ProposalId, Option<f64>>, b: &BTreeMap<ProposalId, Option<f64>>) {
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (proposal, z) in a {
        let (x, y) = (z.expect("normalised"), b[proposal].expect("normalised"));
        assert!((x - y).abs() < 1e-6, "{proposal}: z {x} became {y}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_order_of_reviews_and_proposals_changes_no_bit(
        input in scenario(),
        review_keys in vec(any::<u64>(), 20),
        proposal_keys in vec(any::<u64>(), 6),
        repeat in 0usize..3,
    ) {
        let expected = rank(&input).unwrap();
        let mut shuffled = input.clone();
        shuffled.reviews = permuted(&input.reviews, &review_keys);
        shuffled.proposals = permuted(&input.proposals, &proposal_keys);
        shuffled.proposals.extend(input.proposals.iter().take(repeat).copied());
        let actual = rank(&shuffled).unwrap();
        prop_assert_eq!(&actual, &expected);
        prop_assert_eq!(bits(&actual), bits(&expected));
    }

    #[test]
    fn renaming_reviewers_changes_no_number(input in scenario(), keys in vec(any::<u64>(), 5)) {
        // Reviewer ids decide which reviews group together, never the order of a sum.
        let ids: Vec<UserId> = (1..=5).map(u).collect();
        let rename: BTreeMap<UserId, UserId> =
            ids.iter().copied().zip(permuted(&ids, &keys)).collect();
        let back: BTreeMap<UserId, UserId> = rename.iter().map(|(a, b)| (*b, *a)).collect();
        let expected = rank(&input).unwrap();
        let mut renamed = input.clone();
        for r in &mut renamed.reviews {
            r.reviewer = rename[&r.reviewer];
        }
        let mut actual = rank(&renamed).unwrap();
        // Undo the renaming in the result and restore the id order of its lists.
        for e in &mut actual.entries {
            for r in &mut e.review_scores {
                r.reviewer = back[&r.reviewer];
            }
            e.review_scores.sort_by_key(|r| r.reviewer);
        }
        for s in &mut actual.reviewer_stats {
            s.reviewer = back[&s.reviewer];
        }
        actual.reviewer_stats.sort_by_key(|s| s.reviewer);
        prop_assert_eq!(bits(&actual), bits(&expected));
    }

    #[test]
    fn the_ranking_follows_its_rules(input in scenario()) {
        let ranking = rank(&input).unwrap();
        let positions: Vec<usize> = ranking.entries.iter().map(|e| e.position).collect();
        prop_assert_eq!(positions, (1..=input.proposals.len()).collect::<Vec<_>>());
        let listed: BTreeSet<ProposalId> = ranking.entries.iter().map(|e| e.proposal).collect();
        prop_assert_eq!(listed, input.proposals.iter().copied().collect::<BTreeSet<_>>());
        let threshold = input.settings.disagreement_threshold_points;
        for e in &ranking.entries {
            prop_assert_eq!(e.unreviewed, e.reviews == 0);
            prop_assert_eq!(e.reviews, e.review_scores.len());
            prop_assert_eq!(e.disagreement, e.spread.is_some_and(|s| s > threshold));
            prop_assert_eq!(e.normalised_mean.is_some(), input.settings.normalise.is_some() && !e.unreviewed);
            for r in &e.review_scores {
                prop_assert!((0.0..=100.0).contains(&r.score));
            }
            if let (Some(mean), Some(median), Some(spread)) = (e.mean, e.median, e.spread) {
                let lowest = e.review_scores.iter().map(|r| r.score).fold(f64::INFINITY, f64::min);
                let highest = e.review_scores.iter().map(|r| r.score).fold(f64::NEG_INFINITY, f64::max);
                prop_assert!(lowest <= mean && mean <= highest);
                prop_assert!(lowest <= median && median <= highest);
                // Exact in score units, then shown: equal to the shown scores' difference up to rounding.
                prop_assert!((spread - (highest - lowest)).abs() < 1e-9);
            }
        }
        for pair in ranking.entries.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            prop_assert!(!a.unreviewed || b.unreviewed, "unreviewed proposals come last");
            if let (Some(x), Some(y)) = (a.normalised_mean.or(a.mean), b.normalised_mean.or(b.mean)) {
                prop_assert!(x >= y);
            }
            if b.tied_with_previous {
                prop_assert_eq!(
                    (a.normalised_mean, a.mean, a.median, a.spread, a.reviews),
                    (b.normalised_mean, b.mean, b.median, b.spread, b.reviews)
                );
                prop_assert!(a.proposal < b.proposal);
            }
        }
    }

    #[test]
    fn weighted_scores_lie_between_0_and_100_and_reach_both_ends(
        raw_rubric in vec(raw_criterion(), 1..=6),
        seeds in vec((any::<u16>(), any::<bool>()), 6),
    ) {
        let rubric = build_rubric(&raw_rubric);
        let sheet = build_sheet(&rubric, &seeds);
        let score = weighted_score(&rubric, &sheet).unwrap();
        prop_assert!((0.0..=100.0).contains(&score), "{}", score);
        // The same criteria marked n/a, every scored one at the top, then at the bottom.
        let at = |top: bool| {
            let input: ScoreSheetInput = sheet
                .scores()
                .iter()
                .map(|(key, value)| {
                    let c = rubric.iter().find(|c| &c.key == key).unwrap();
                    let end = if top { c.scale_max } else { c.scale_min };
                    let value = match value {
                        CriterionScore::Score(_) => CriterionScore::Score(end.into()),
                        CriterionScore::NotApplicable => CriterionScore::NotApplicable,
                    };
                    (key.clone(), value)
                })
                .collect();
            let sheet = validate_sheet(&rubric, &input, Completeness::Submission).unwrap();
            weighted_score(&rubric, &sheet)
        };
        prop_assert_eq!(at(true), Some(100.0));
        prop_assert_eq!(at(false), Some(0.0));
    }

    /// A harsher or milder reviewer, `score → offset + factor · score` with a
    /// positive factor on every criterion, has the same z-scores: the z-score
    /// measures a review against the reviewer's own habits. The rubric's
    /// criteria share one scale and have no n/a, so the transform of the
    /// scores is the same affine transform of the weighted scores.
    #[test]
    fn a_harsher_or_milder_reviewer_keeps_their_z_scores(
        weights in (1u32..=5, 1u32..=5),
        scores in vec((0i64..=10, 0i64..=10), 2..=6),
        factor in 1i64..=9,
        offset in 0i64..=10,
        others in vec((0i64..=100, 0i64..=100), 0..=6),
    ) {
        let rubric = vec![
            criterion("impact", weights.0, 0, 100, false),
            criterion("reach", weights.1, 0, 100, false),
        ];
        let sheet = |a: i64, b: i64| {
            let input: ScoreSheetInput =
                [("impact".to_owned(), CriterionScore::Score(a)), ("reach".to_owned(), CriterionScore::Score(b))].into();
            validate_sheet(&rubric, &input, Completeness::Submission).unwrap()
        };
        let input = |transform: &dyn Fn(i64) -> i64| {
            let mut reviews: Vec<ReviewRecord> = scores
                .iter()
                .zip(1..)
                .map(|(&(a, b), n)| ReviewRecord { proposal: p(n), reviewer: u(1), sheet: sheet(transform(a), transform(b)) })
                .collect();
            reviews.extend(others.iter().zip(1..).map(|(&(a, b), n)| ReviewRecord {
                proposal: p(n),
                reviewer: u(2),
                sheet: sheet(a, b),
            }));
            RankingInput {
                rubric: rubric.clone(),
                reviews,
                proposals: (1..=6).map(p).collect(),
                settings: RankingSettings {
                    normalise: Some(Normalisation { min_reviews: 2 }),
                    disagreement_threshold_points: 100.0,
                },
            }
        };
        let before = rank(&input(&|s| s)).unwrap();
        let after = rank(&input(&|s| offset + factor * s)).unwrap();
        assert_close(&z_scores(&before, u(1)), &z_scores(&after, u(1)));
    }

    /// Shifting every score of one reviewer by a constant keeps the order of
    /// the normalised ranking. Preconditions, without which it is false:
    ///
    /// - normalisation is on and every reviewer has at least `min_reviews`
    ///   reviews, so every score goes through the same increasing map
    ///   μ + z·σ (a reviewer kept raw would not move with the others);
    /// - normalised means are ranked unclamped (this crate never clamps;
    ///   clamping would merge values at the ends of the scale);
    /// - the criteria share one scale, have no n/a, and the shift keeps every
    ///   score on the scale, so the reviewer's weighted scores move by one
    ///   constant and their z-scores stay the same;
    /// - σ > 0 before and after (otherwise every normalised score is μ).
    ///
    /// The shift changes μ and σ, but each proposal's normalised mean is
    /// μ + σ · mean(z) with the same z, so proposals whose normalised means
    /// differ keep their order. Near-ties (within 1e-6 points) are not
    /// compared: there rounding and the raw-mean tie-break, which the shift
    /// does change, decide.
    #[test]
    fn shifting_a_reviewer_keeps_the_normalised_order(
        weights in vec(1u32..=5, 1..=3),
        reviewers in 2usize..=4,
        proposals in 3usize..=6,
        cells in vec(vec((any::<bool>(), vec(1i64..=5, 3)), 6), 4),
        shifted in 0usize..4,
        shift in 1i64..=5,
        min_reviews in 2u32..=3,
    ) {
        let rubric: Vec<Criterion> = weights
            .iter()
            .enumerate()
            .map(|(i, &w)| criterion(&format!("c{i}"), w, 1, 10, false))
            .collect();
        let shifted = shifted % reviewers;
        let input = |shift_by: i64| {
            let mut reviews = Vec::new();
            for (r, row) in cells.iter().take(reviewers).enumerate() {
                for (j, (wanted, scores)) in row.iter().take(proposals).enumerate() {
                    // Reviewer r always reviews the `min_reviews` proposals from r on.
                    let forced = (j + proposals - r % proposals) % proposals < min_reviews as usize;
                    if !(*wanted || forced) {
                        continue;
                    }
                    let by = if r == shifted { shift_by } else { 0 };
                    let input: ScoreSheetInput = rubric
                        .iter()
                        .zip(scores)
                        .map(|(c, &s)| (c.key.clone(), CriterionScore::Score(s + by)))
                        .collect();
                    reviews.push(ReviewRecord {
                        proposal: p(j as u128 + 1),
                        reviewer: u(r as u128 + 1),
                        sheet: validate_sheet(&rubric, &input, Completeness::Submission).unwrap(),
                    });
                }
            }
            RankingInput {
                rubric: rubric.clone(),
                reviews,
                proposals: (1..=proposals as u128).map(p).collect(),
                settings: RankingSettings {
                    normalise: Some(Normalisation { min_reviews }),
                    disagreement_threshold_points: 100.0,
                },
            }
        };
        let before = rank(&input(0)).unwrap();
        let after = rank(&input(shift)).unwrap();
        prop_assert!(before.reviewer_stats.iter().all(|s| s.normalised), "precondition: all normalised");
        prop_assume!(before.jury.is_some_and(|j| j.std_dev > 0.0));
        prop_assume!(after.jury.is_some_and(|j| j.std_dev > 0.0));
        assert_close(&z_scores(&before, u(shifted as u128 + 1)), &z_scores(&after, u(shifted as u128 + 1)));
        let place = |ranking: &Ranking| -> BTreeMap<ProposalId, (usize, Option<f64>)> {
            ranking.entries.iter().map(|e| (e.proposal, (e.position, e.normalised_mean))).collect()
        };
        let (was, now) = (place(&before), place(&after));
        for (a, &(position_a, mean_a)) in &was {
            for (b, &(position_b, mean_b)) in &was {
                if let (Some(x), Some(y)) = (mean_a, mean_b)
                    && x > y + 1e-6
                {
                    prop_assert!(position_a < position_b);
                    prop_assert!(now[a].0 < now[b].0, "{} overtook {} after the shift", b, a);
                }
            }
        }
    }
}
