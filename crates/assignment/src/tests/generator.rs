//! The benchmark generator and report.

use std::collections::HashSet;

use grants_domain::Locale;

use super::support::check;
use crate::bench::{GeneratorSpec, generate, measure};
use crate::solve;

fn small() -> GeneratorSpec {
    GeneratorSpec {
        proposals: 200,
        reviewers: 30,
        ..GeneratorSpec::default()
    }
}

#[test]
fn the_same_spec_gives_the_same_instance() {
    assert_eq!(generate(&small()), generate(&small()));
    let other = GeneratorSpec { seed: 7, ..small() };
    assert_ne!(generate(&small()), generate(&other));
}

#[test]
fn generated_instances_have_the_promised_shape() {
    let spec = small();
    let instance = generate(&spec);
    assert_eq!(instance.proposals.len(), 200);
    assert_eq!(instance.reviewers.len(), 30);
    assert_eq!(spec.max_load(), 200 * 3 / 30 + 1);
    let proposals: HashSet<_> = instance.proposals.iter().map(|p| p.id).collect();
    let reviewers: HashSet<_> = instance.reviewers.iter().map(|r| r.id).collect();
    assert_eq!(proposals.len(), 200, "ids are unique");
    assert_eq!(reviewers.len(), 30, "ids are unique");
    for r in &instance.reviewers {
        assert!((2..=10).contains(&r.languages.len()));
        assert_eq!((r.min_load, r.max_load), (0, spec.max_load()));
        assert!((2..=5).contains(&r.expertise.len()));
    }
    for p in &instance.proposals {
        assert_eq!(p.needed, 3);
        let language = p.language.unwrap();
        let readers = instance
            .reviewers
            .iter()
            .filter(|r| r.languages.contains(&language))
            .count();
        assert!(readers >= 6, "{language} has only {readers} readers");
        assert!((1..=3).contains(&p.tags.len()));
    }
    let used: HashSet<Locale> = instance
        .proposals
        .iter()
        .filter_map(|p| p.language)
        .collect();
    assert_eq!(used.len(), 10, "all ten languages appear");
    assert!(!instance.bids.is_empty());
    assert!(instance.pinned.is_empty());
    // About 5% of readable pairs are conflicts.
    let readable: usize = instance
        .proposals
        .iter()
        .map(|p| {
            instance
                .reviewers
                .iter()
                .filter(|r| r.languages.contains(&p.language.unwrap()))
                .count()
        })
        .sum();
    let rate = instance.forbidden.len() as f64 / readable as f64;
    assert!((0.03..0.07).contains(&rate), "conflict rate {rate}");
}

#[test]
fn generated_instances_solve_and_respect_everything() {
    let spec = GeneratorSpec {
        pinned: 40,
        min_load: 3,
        ..small()
    };
    let instance = generate(&spec);
    assert_eq!(instance.pinned.len(), 40);
    let assignment = solve(&instance).unwrap();
    let (filled, _, objective) = check(&instance, &[], &assignment);
    assert_eq!(filled, 600);
    assert!(objective > 0);
}

#[test]
fn the_report_adds_up() {
    let report = measure(&small()).unwrap();
    assert_eq!(report.filled + report.unfilled, 600);
    assert_eq!((report.proposals, report.reviewers), (200, 30));
    assert!(report.edges > 0 && report.phases > 0);
    let text = report.to_string();
    assert!(text.starts_with("200 proposals × 30 reviewers"), "{text}");
}
