//! One small, hand-made instance per rule.

use grants_domain::Locale::{self, En, Mk, Sq};

use super::support::*;
use crate::{
    AffinityWeights, AssignmentError, BidLevel, Forbidden, Instance, PairList, repair, solve,
};

/// Three Albanian proposals needing two reviewers each, four Albanian readers
/// with room for two each, one Macedonian-only reviewer.
fn jury() -> Instance {
    instance(
        vec![
            proposal(1, 2, Some(Sq)),
            proposal(2, 2, Some(Sq)),
            proposal(3, 2, Some(Sq)),
        ],
        vec![
            reviewer(1, &[Sq, En], 0, 2),
            reviewer(2, &[Sq], 0, 2),
            reviewer(3, &[Sq, Mk], 0, 2),
            reviewer(4, &[Sq], 0, 2),
            reviewer(5, &[Mk], 0, 6),
        ],
    )
}

#[test]
fn fills_everything_it_can() {
    let jury = jury();
    let a = solve(&jury).unwrap();
    assert_eq!(check(&jury, &[], &a), reference(&jury, &[]));
    assert_eq!(a.filled(), 6);
    assert!(a.unfilled.is_empty());
}

#[test]
fn conflicts_are_never_assigned() {
    let mut jury = jury();
    forbid(&mut jury, 1, 1, Forbidden::Conflict);
    forbid(&mut jury, 2, 2, Forbidden::Conflict);
    let a = solve(&jury).unwrap();
    assert!(!pairs(&a).contains(&(pid(1), uid(1))));
    assert!(!pairs(&a).contains(&(pid(2), uid(2))));
    assert_eq!(a.filled(), 6);
    assert_eq!(check(&jury, &[], &a), reference(&jury, &[]));
}

#[test]
fn exclusions_are_never_assigned_even_when_wanted() {
    let mut jury = jury();
    bid(&mut jury, 1, 1, BidLevel::Eager);
    forbid(&mut jury, 1, 1, Forbidden::Excluded);
    let a = solve(&jury).unwrap();
    assert!(!pairs(&a).contains(&(pid(1), uid(1))));
    check(&jury, &[], &a);
}

#[test]
fn reviewers_only_get_proposals_in_languages_they_read() {
    let jury = jury();
    let a = solve(&jury).unwrap();
    assert!(a.pairs.iter().all(|p| p.reviewer != uid(5)));
    assert_eq!(a.loads[4].load, 0);
}

#[test]
fn a_proposal_without_language_is_readable_by_everyone() {
    let mut jury = instance(
        vec![proposal(1, 2, None)],
        vec![reviewer(1, &[], 0, 1), reviewer(2, &[Mk], 0, 1)],
    );
    let a = solve(&jury).unwrap();
    assert_eq!(a.filled(), 2);
    // And a reviewer who reads nothing listed gets nothing with a language.
    jury.proposals.push(proposal(2, 1, Some(En)));
    jury.reviewers[0].max_load = 2;
    let a = solve(&jury).unwrap();
    assert!(!pairs(&a).contains(&(pid(2), uid(1))));
    assert_eq!(a.unfilled.len(), 1);
}

#[test]
fn load_caps_hold_and_the_rest_is_explained() {
    let jury = instance(
        vec![
            proposal(1, 1, Some(En)),
            proposal(2, 1, Some(En)),
            proposal(3, 1, Some(En)),
        ],
        vec![reviewer(1, &[En], 0, 2)],
    );
    let a = solve(&jury).unwrap();
    assert_eq!(a.filled(), 2);
    assert_eq!(a.loads[0].load, 2);
    // Ties go to input order: the last proposal is the one left out.
    assert_eq!(a.unfilled.len(), 1);
    assert_eq!(a.unfilled[0].proposal, pid(3));
    assert_eq!(
        a.unfilled[0].reason.to_string(),
        "the only eligible reviewer is at their load cap"
    );
    check(&jury, &[], &a);
}

#[test]
fn all_eligible_reviewers_at_their_cap() {
    let mut proposals: Vec<_> = (1..=6).map(|n| proposal(n, 1, Some(En))).collect();
    proposals.push(proposal(7, 1, Some(Mk)));
    let mut jury = instance(
        proposals,
        (1..=5).map(|n| reviewer(n, &[En, Mk], 0, 1)).collect(),
    );
    // Make proposal 7 the one that loses: everybody prefers the others.
    for p in 1..=6 {
        for r in 1..=5 {
            bid(&mut jury, p, r, BidLevel::Eager);
        }
    }
    let a = solve(&jury).unwrap();
    assert_eq!(a.filled(), 5);
    assert_eq!(a.unfilled.len(), 2);
    let reasons: Vec<String> = a.unfilled.iter().map(|u| u.reason.to_string()).collect();
    assert!(
        reasons
            .iter()
            .all(|r| r == "all 5 eligible reviewers are at their load cap")
    );
    check(&jury, &[], &a);
}

#[test]
fn partly_staffed_proposal_names_both_counts() {
    let mut jury = instance(
        vec![proposal(1, 3, Some(En)), proposal(2, 2, Some(En))],
        vec![
            reviewer(1, &[En], 0, 1),
            reviewer(2, &[En], 0, 1),
            reviewer(3, &[En], 0, 2),
        ],
    );
    // Four slots can be filled out of five; the bids decide that proposal 1
    // is the one left short.
    bid(&mut jury, 2, 1, BidLevel::Eager);
    bid(&mut jury, 2, 2, BidLevel::Eager);
    let a = solve(&jury).unwrap();
    assert_eq!(a.filled(), 4);
    let u = &a.unfilled[0];
    assert_eq!(u.proposal, pid(1));
    assert_eq!(u.missing, 1);
    assert_eq!(
        u.reason.to_string(),
        "2 of the 3 eligible reviewers are assigned; the other 1 is at their load cap"
    );
    check(&jury, &[], &a);
}

#[test]
fn language_shortage_with_conflicts_is_explained() {
    let mut jury = instance(
        vec![proposal(1, 3, Some(Sq))],
        vec![
            reviewer(1, &[Sq], 0, 5),
            reviewer(2, &[Sq], 0, 5),
            reviewer(3, &[Sq], 0, 5),
            reviewer(4, &[Sq], 0, 5),
            reviewer(5, &[Mk], 0, 5),
        ],
    );
    forbid(&mut jury, 1, 1, Forbidden::Conflict);
    forbid(&mut jury, 1, 2, Forbidden::Conflict);
    // Not a reader: does not count.
    forbid(&mut jury, 1, 5, Forbidden::Conflict);
    let a = solve(&jury).unwrap();
    let u = &a.unfilled[0];
    assert_eq!(u.missing, 1);
    assert_eq!(u.reason.readers, 4);
    assert_eq!(u.reason.conflicted, 2);
    assert_eq!(u.reason.eligible(), 2);
    assert_eq!(
        u.reason.to_string(),
        "only 2 non-conflicted reviewers read Albanian (sq); 3 needed \
         (4 read it: 2 with a conflict of interest)"
    );
    check(&jury, &[], &a);
}

#[test]
fn conflicts_and_exclusions_in_one_shortfall() {
    let mut jury = instance(
        vec![proposal(1, 1, Some(Mk)), proposal(2, 3, Some(Mk))],
        vec![
            reviewer(1, &[Mk], 0, 1),
            reviewer(2, &[Mk], 0, 1),
            reviewer(3, &[Mk], 0, 1),
        ],
    );
    forbid(&mut jury, 2, 1, Forbidden::Conflict);
    forbid(&mut jury, 2, 2, Forbidden::Excluded);
    // The same pair twice: the conflict is what counts.
    forbid(&mut jury, 2, 1, Forbidden::Excluded);
    let a = solve(&jury).unwrap();
    let u = a.unfilled.iter().find(|u| u.proposal == pid(2)).unwrap();
    assert_eq!((u.reason.conflicted, u.reason.excluded), (1, 1));
    let text = u.reason.to_string();
    assert!(
        text.starts_with(
            "only 1 non-conflicted, non-excluded reviewer reads Macedonian (mk); 3 needed \
             (3 read it: 1 with a conflict of interest, 1 excluded)"
        ),
        "{text}"
    );
    check(&jury, &[], &a);
}

#[test]
fn nobody_reads_the_language() {
    let jury = instance(
        vec![proposal(1, 2, Some(Locale::El))],
        vec![reviewer(1, &[En], 0, 5)],
    );
    let a = solve(&jury).unwrap();
    assert_eq!(
        a.unfilled[0].reason.to_string(),
        "only 0 reviewers read Greek (el); 2 needed"
    );
    assert_eq!(a.unfilled[0].missing, 2);
}

#[test]
fn pins_are_kept_even_against_the_wishes_of_the_solver() {
    let mut jury = instance(
        vec![proposal(1, 1, Some(En))],
        vec![reviewer(1, &[En], 0, 1), reviewer(2, &[En], 0, 1)],
    );
    bid(&mut jury, 1, 1, BidLevel::NotPreferred);
    bid(&mut jury, 1, 2, BidLevel::Eager);
    jury.pinned.push((pid(1), uid(1)));
    let a = solve(&jury).unwrap();
    assert_eq!(a.pairs.len(), 1);
    assert_eq!(a.pairs[0].reviewer, uid(1));
    assert!(a.pairs[0].pinned);
    assert_eq!(a.pairs[0].affinity, -2);
    assert_eq!(a.objective, -2);
    check(&jury, &[], &a);
}

#[test]
fn pins_count_against_need_and_load() {
    let mut jury = jury();
    jury.pinned.push((pid(1), uid(1)));
    jury.pinned.push((pid(2), uid(1)));
    let a = solve(&jury).unwrap();
    assert_eq!(a.loads[0].load, 2);
    assert_eq!(a.filled(), 6);
    assert_eq!(check(&jury, &[], &a), reference(&jury, &[]));
}

#[test]
fn minimum_loads_beat_affinity() {
    let mut jury = instance(
        (1..=3).map(|n| proposal(n, 1, Some(En))).collect(),
        vec![reviewer(1, &[En], 0, 5), reviewer(2, &[En], 2, 5)],
    );
    for p in 1..=3 {
        bid(&mut jury, p, 1, BidLevel::Eager);
        bid(&mut jury, p, 2, BidLevel::NotPreferred);
    }
    let a = solve(&jury).unwrap();
    assert_eq!(a.loads[1].load, 2, "the promised minimum comes first");
    assert_eq!(a.objective, 3 - 2 - 2);
    assert!(a.under_min_load.is_empty());
    assert_eq!(check(&jury, &[], &a), reference(&jury, &[]));
}

#[test]
fn filling_beats_affinity() {
    let mut jury = instance(
        vec![proposal(1, 1, Some(En))],
        vec![reviewer(1, &[En], 0, 5)],
    );
    bid(&mut jury, 1, 1, BidLevel::NotPreferred);
    let a = solve(&jury).unwrap();
    assert_eq!(a.filled(), 1);
    assert_eq!(a.objective, -2);
}

#[test]
fn unmet_minimum_loads_are_reported_with_the_reason() {
    let jury = instance(
        vec![proposal(1, 1, Some(En)), proposal(2, 1, Some(Mk))],
        vec![reviewer(1, &[En], 3, 5), reviewer(2, &[Mk], 1, 1)],
    );
    let a = solve(&jury).unwrap();
    assert_eq!(a.under_min_load.len(), 1);
    let u = &a.under_min_load[0];
    assert_eq!(
        (u.reviewer, u.load, u.min_load, u.eligible_proposals),
        (uid(1), 1, 3, 1)
    );
    assert_eq!(
        u.to_string(),
        "1 of at least 3 reviews: only 1 proposal they can review"
    );
    check(&jury, &[], &a);

    // Two reviewers want the same single proposal.
    let jury = instance(
        vec![proposal(1, 1, Some(En))],
        vec![reviewer(1, &[En], 1, 5), reviewer(2, &[En], 1, 5)],
    );
    let a = solve(&jury).unwrap();
    assert_eq!(a.under_min_load.len(), 1);
    assert_eq!(
        a.under_min_load[0].to_string(),
        "0 of at least 1 reviews: the 1 proposal they can review is fully staffed"
    );
}

#[test]
fn shared_expertise_counts_ignoring_case_and_capped() {
    let mut jury = instance(
        vec![proposal(1, 1, Some(En))],
        vec![reviewer(1, &[En], 0, 1), reviewer(2, &[En], 0, 1)],
    );
    jury.proposals[0].tags = vec![
        "Oral History".into(),
        "archives".into(),
        "MUSIC".into(),
        "games".into(),
        "Кирилица".into(),
    ];
    jury.reviewers[0].expertise = vec!["oral history".into(), "Archives".into()];
    jury.reviewers[1].expertise = vec![
        "music".into(),
        "Games".into(),
        "oral history".into(),
        "archives".into(),
        "кирилица".into(),
    ];
    let a = solve(&jury).unwrap();
    assert_eq!(a.pairs[0].reviewer, uid(2));
    assert_eq!(a.pairs[0].affinity, 3, "five shared tags, capped at +3");
    check(&jury, &[], &a);
}

#[test]
fn custom_weights_are_used() {
    let mut jury = instance(
        vec![proposal(1, 1, Some(En))],
        vec![reviewer(1, &[En], 0, 1), reviewer(2, &[En], 0, 1)],
    );
    bid(&mut jury, 1, 1, BidLevel::Willing);
    bid(&mut jury, 1, 2, BidLevel::Eager);
    jury.weights = AffinityWeights {
        eager: 1,
        willing: 10,
        ..AffinityWeights::default()
    };
    let a = solve(&jury).unwrap();
    assert_eq!(a.pairs[0].reviewer, uid(1));
    assert_eq!(a.objective, 10);
}

#[test]
fn repair_fills_the_gap_and_moves_nobody() {
    let mut jury = jury();
    bid(&mut jury, 1, 1, BidLevel::Eager);
    let before = solve(&jury).unwrap();
    assert!(pairs(&before).contains(&(pid(1), uid(1))));
    // Reviewer 1 declines proposal 1.
    forbid(&mut jury, 1, 1, Forbidden::Excluded);
    let kept: Vec<_> = pairs(&before)
        .into_iter()
        .filter(|&pair| pair != (pid(1), uid(1)))
        .collect();
    let after = repair(&jury, &kept).unwrap();
    assert_eq!(check(&jury, &kept, &after), reference(&jury, &kept));
    for pair in &kept {
        assert!(pairs(&after).contains(pair));
    }
    assert!(!pairs(&after).contains(&(pid(1), uid(1))));
    assert_eq!(after.filled(), before.filled());
    assert_eq!(after.pairs.iter().filter(|p| !p.kept).count(), 1);
}

#[test]
fn repair_reports_what_it_cannot_fill() {
    let jury0 = instance(
        vec![proposal(1, 1, Some(Sq))],
        vec![reviewer(1, &[Sq], 0, 1), reviewer(2, &[En], 0, 1)],
    );
    let before = solve(&jury0).unwrap();
    let mut jury = jury0.clone();
    forbid(&mut jury, 1, 1, Forbidden::Excluded);
    let after = repair(&jury, &[]).unwrap();
    assert_eq!(before.filled(), 1);
    assert_eq!(after.filled(), 0);
    assert_eq!(
        after.unfilled[0].reason.to_string(),
        "only 0 non-excluded reviewers read Albanian (sq); 1 needed (1 read it: 1 excluded)"
    );
}

#[test]
fn repair_refuses_a_declined_pair_left_in_kept() {
    let mut jury = jury();
    forbid(&mut jury, 1, 1, Forbidden::Excluded);
    let err = repair(&jury, &[(pid(1), uid(1))]).unwrap_err();
    assert_eq!(
        err,
        AssignmentError::FixedPairForbidden {
            proposal: pid(1),
            reviewer: uid(1),
            why: Forbidden::Excluded,
            list: PairList::Kept,
        }
    );
    assert!(err.to_string().contains("a kept pair puts reviewer"));
}

#[test]
fn repair_accepts_pins_repeated_as_kept() {
    let mut jury = jury();
    jury.pinned.push((pid(1), uid(2)));
    let before = solve(&jury).unwrap();
    let kept: Vec<_> = pairs(&before).into_iter().collect();
    let after = repair(&jury, &kept).unwrap();
    assert_eq!(pairs(&after), pairs(&before));
    let pinned = after.pairs.iter().find(|p| p.pinned).unwrap();
    assert!(pinned.kept);
}

#[test]
fn malformed_instances_are_refused_with_clear_messages() {
    let base = jury();
    let cases: Vec<(Instance, Vec<_>, &str)> = vec![
        (
            {
                let mut i = base.clone();
                i.proposals.push(proposal(1, 1, None));
                i
            },
            vec![],
            "is listed twice",
        ),
        (
            {
                let mut i = base.clone();
                i.reviewers.push(reviewer(2, &[], 0, 1));
                i
            },
            vec![],
            "is listed twice",
        ),
        (
            {
                let mut i = base.clone();
                i.reviewers[0].min_load = 3;
                i
            },
            vec![],
            "minimum load of 3, above their maximum of 2",
        ),
        (
            {
                let mut i = base.clone();
                forbid(&mut i, 9, 1, Forbidden::Conflict);
                i
            },
            vec![],
            "a forbidden pair names proposal",
        ),
        (
            {
                let mut i = base.clone();
                bid(&mut i, 1, 9, BidLevel::Eager);
                i
            },
            vec![],
            "a bid names reviewer",
        ),
        (
            {
                let mut i = base.clone();
                bid(&mut i, 1, 1, BidLevel::Eager);
                bid(&mut i, 1, 1, BidLevel::Willing);
                i
            },
            vec![],
            "is given twice",
        ),
        (
            {
                let mut i = base.clone();
                i.pinned.push((pid(1), uid(9)));
                i
            },
            vec![],
            "a pinned pair names reviewer",
        ),
        (
            base.clone(),
            vec![(pid(9), uid(1))],
            "a kept pair names proposal",
        ),
        (
            {
                let mut i = base.clone();
                i.pinned.push((pid(1), uid(1)));
                i.pinned.push((pid(1), uid(1)));
                i
            },
            vec![],
            "is given twice",
        ),
        (
            {
                let mut i = base.clone();
                forbid(&mut i, 1, 1, Forbidden::Conflict);
                i.pinned.push((pid(1), uid(1)));
                i
            },
            vec![],
            "but the pair is forbidden (conflict of interest)",
        ),
        (
            {
                let mut i = base.clone();
                i.pinned.push((pid(1), uid(5)));
                i
            },
            vec![],
            "which is in Albanian (sq), a language they do not read",
        ),
        (
            {
                let mut i = base.clone();
                i.pinned.push((pid(1), uid(1)));
                i.pinned.push((pid(2), uid(1)));
                i
            },
            vec![(pid(3), uid(1))],
            "has 3 pinned or kept proposals, more than their maximum load of 2",
        ),
        (
            {
                let mut i = base.clone();
                i.pinned.push((pid(1), uid(1)));
                i.pinned.push((pid(1), uid(2)));
                i
            },
            vec![(pid(1), uid(3))],
            "has 3 pinned or kept reviewers, more than the 2 it needs",
        ),
        (
            {
                let mut i = base.clone();
                i.weights.eager = 5000;
                i
            },
            vec![],
            "affinity weight eager is 5000; it must lie between -1000 and 1000",
        ),
        (
            {
                let mut i = base.clone();
                i.weights.per_shared_tag = -1;
                i
            },
            vec![],
            "affinity weight per_shared_tag is -1; it must lie between 0 and 1000",
        ),
    ];
    for (instance, kept, message) in cases {
        let err = repair(&instance, &kept).expect_err(message);
        assert!(
            err.to_string().contains(message),
            "{err} does not say {message}"
        );
    }
}

#[test]
fn solving_twice_gives_the_same_answer() {
    let mut jury = jury();
    forbid(&mut jury, 2, 3, Forbidden::Conflict);
    jury.reviewers[1].min_load = 1;
    let first = solve(&jury).unwrap();
    let second = solve(&jury).unwrap();
    assert_eq!(first, second);
}

#[test]
fn empty_and_degenerate_instances() {
    let empty = instance(vec![], vec![]);
    let a = solve(&empty).unwrap();
    assert!(a.pairs.is_empty() && a.loads.is_empty() && a.unfilled.is_empty());
    assert_eq!(a.objective, 0);

    let nobody = instance(vec![proposal(1, 2, None)], vec![]);
    let a = solve(&nobody).unwrap();
    assert_eq!(a.missing(), 2);
    assert_eq!(
        a.unfilled[0].reason.to_string(),
        "only 0 reviewers can review it; 2 needed"
    );

    let idle = instance(vec![proposal(1, 0, None)], vec![reviewer(1, &[], 2, 2)]);
    let a = solve(&idle).unwrap();
    assert!(a.pairs.is_empty());
    assert_eq!(a.under_min_load.len(), 1);
}

#[test]
fn instances_round_trip_through_json() {
    let mut jury = jury();
    bid(&mut jury, 1, 1, BidLevel::NotPreferred);
    forbid(&mut jury, 2, 2, Forbidden::Conflict);
    jury.pinned.push((pid(3), uid(3)));
    let json = serde_json::to_string(&jury).unwrap();
    assert!(json.contains(r#""level":"not_preferred""#));
    assert!(json.contains(r#""why":"conflict""#));
    assert!(json.contains(r#""language":"sq""#));
    let back: Instance = serde_json::from_str(&json).unwrap();
    assert_eq!(back, jury);
    let a = solve(&jury).unwrap();
    let back: crate::Assignment =
        serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
    assert_eq!(back, a);
}

#[test]
fn optional_lists_and_weights_may_be_left_out_of_json() {
    let json = format!(
        r#"{{"proposals":[{{"id":"{}","needed":1}}],
            "reviewers":[{{"id":"{}","max_load":1}}]}}"#,
        pid(1),
        uid(1)
    );
    let instance: Instance = serde_json::from_str(&json).unwrap();
    assert_eq!(instance.weights, AffinityWeights::default());
    assert_eq!(solve(&instance).unwrap().filled(), 1);
}
