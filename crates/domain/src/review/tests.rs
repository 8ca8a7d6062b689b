use super::*;
use crate::programme::tests::valid;

fn programme() -> ProgrammeSpec {
    valid().validate().expect("the sample programme is valid")
}

fn profile(input: ReviewerProfileInput) -> ReviewerProfile {
    input.validate(&programme()).expect("valid profile")
}

fn reads(languages: &[&str]) -> ReviewerProfileInput {
    ReviewerProfileInput {
        languages: Some(languages.iter().map(|l| (*l).to_owned()).collect()),
        ..Default::default()
    }
}

fn codes(errors: &ValidationErrors) -> Vec<(String, String)> {
    errors
        .fields()
        .iter()
        .map(|e| (e.field.clone(), e.code.clone()))
        .collect()
}

#[test]
fn a_profile_defaults_to_the_programme_cap_and_available() {
    let p = profile(reads(&["mk", "en", "mk"]));
    assert_eq!(p.languages, vec![Locale::Mk, Locale::En]);
    assert_eq!(p.max_load, programme().reviewer_load_cap);
    assert_eq!(p.min_load, 0);
    assert!(p.available);
}

#[test]
fn a_profile_reports_every_problem_with_its_field() {
    let errors = ReviewerProfileInput {
        expertise: Some(vec!["  ".into(), "Makerspaces".into()]),
        languages: Some(vec!["xx".into()]),
        country: Some("ZZ".into()),
        organisation: None,
        max_load: Some(10_000),
        min_load: Some(-1),
        available: None,
    }
    .validate(&programme())
    .expect_err("invalid");
    let found = codes(&errors);
    for field in [
        "expertise[0]",
        "languages[0]",
        "country",
        "max_load",
        "min_load",
    ] {
        assert!(
            found.iter().any(|(f, _)| f == field),
            "{field} missing in {found:?}"
        );
    }
}

#[test]
fn a_profile_needs_a_language() {
    let errors = ReviewerProfileInput::default()
        .validate(&programme())
        .expect_err("no language");
    assert_eq!(
        codes(&errors),
        vec![("languages".into(), "required".into())]
    );
    let errors = reads(&[]).validate(&programme()).expect_err("empty");
    assert_eq!(
        codes(&errors),
        vec![("languages".into(), "required".into())]
    );
}

#[test]
fn min_load_cannot_exceed_max_load() {
    let errors = ReviewerProfileInput {
        max_load: Some(2),
        min_load: Some(3),
        ..reads(&["en"])
    }
    .validate(&programme())
    .expect_err("min above max");
    assert_eq!(
        codes(&errors),
        vec![("min_load".into(), "out_of_range".into())]
    );
}

#[test]
fn expertise_is_lower_cased_and_deduplicated() {
    let p = profile(ReviewerProfileInput {
        expertise: Some(vec![
            "Makerspaces".into(),
            "makerspaces ".into(),
            "Youth".into(),
        ]),
        ..reads(&["en"])
    });
    assert_eq!(p.expertise, vec!["makerspaces", "youth"]);
}

#[test]
fn a_profile_round_trips_through_its_input() {
    let p = profile(ReviewerProfileInput {
        expertise: Some(vec!["coding".into()]),
        country: Some("RO".into()),
        organisation: Some("Biblioteca Județeană".into()),
        max_load: Some(4),
        min_load: Some(1),
        available: Some(false),
        ..reads(&["ro", "en"])
    });
    assert_eq!(profile(p.to_input()), p);
}

#[test]
fn a_proposal_without_a_language_is_readable_by_anyone() {
    let p = profile(reads(&["sq"]));
    assert!(p.reads(None));
    assert!(p.reads(Some(Locale::Sq)));
    assert!(!p.reads(Some(Locale::Mk)));
}

fn proposal() -> ProposalContent {
    ProposalContent {
        organisation: Some("City Library  Skopje".into()),
        country: CountryCode::parse("MK").ok(),
        ..Default::default()
    }
}

/// A reviewer in `country` at `organisation` who reads `language`.
fn working_at(country: &str, organisation: &str, language: &str) -> ReviewerProfile {
    profile(ReviewerProfileInput {
        country: Some(country.into()),
        organisation: Some(organisation.into()),
        ..reads(&[language])
    })
}

fn identity(profile: &ReviewerProfile) -> ReviewerIdentity<'_> {
    ReviewerIdentity {
        name: "Elena Dimitrova",
        email: "elena@example.org",
        profile,
        on_the_team: false,
    }
}

#[test]
fn nobody_reviews_a_proposal_whose_team_they_are_on_whatever_the_policy() {
    let p = working_at("AL", "another library", "sq");
    let none = ConflictPolicy {
        same_organisation: false,
        same_country: false,
    };
    let member = ReviewerIdentity {
        on_the_team: true,
        ..identity(&p)
    };
    assert_eq!(
        automatic_conflicts(&none, &proposal(), &TeamFacts::default(), member),
        vec![ConflictKind::OnTheTeam]
    );
    assert!(
        automatic_conflicts(&none, &proposal(), &TeamFacts::default(), identity(&p)).is_empty()
    );
}

#[test]
fn same_organisation_and_country_are_detected_under_the_policy() {
    let p = working_at("MK", "city library skopje", "mk");
    let all = ConflictPolicy::default();
    assert_eq!(
        automatic_conflicts(&all, &proposal(), &TeamFacts::default(), identity(&p)),
        vec![ConflictKind::SameOrganisation, ConflictKind::SameCountry]
    );
    let none = ConflictPolicy {
        same_organisation: false,
        same_country: false,
    };
    assert!(
        automatic_conflicts(&none, &proposal(), &TeamFacts::default(), identity(&p)).is_empty()
    );
}

#[test]
fn a_partner_librarys_people_are_kept_from_the_review_as_the_applicants_are() {
    let partnered = ProposalContent {
        partners: vec![crate::proposal::Partner {
            organisation: "Public Library Shkodër".into(),
            country: CountryCode::parse("AL").expect("a country"),
            contact: None,
        }],
        ..proposal()
    };
    let at_the_partner = working_at("AL", "public library  shkodër", "sq");
    assert_eq!(
        automatic_conflicts(
            &ConflictPolicy::default(),
            &partnered,
            &TeamFacts::default(),
            identity(&at_the_partner)
        ),
        vec![ConflictKind::SameOrganisation, ConflictKind::SameCountry]
    );
    let elsewhere = working_at("RS", "National Library of Serbia", "sr");
    assert!(
        automatic_conflicts(
            &ConflictPolicy::default(),
            &partnered,
            &TeamFacts::default(),
            identity(&elsewhere)
        )
        .is_empty()
    );
}

#[test]
fn a_reviewer_from_elsewhere_has_no_automatic_conflict() {
    let p = working_at("RS", "National Library of Serbia", "sr");
    assert!(
        automatic_conflicts(
            &ConflictPolicy::default(),
            &proposal(),
            &TeamFacts::default(),
            identity(&p)
        )
        .is_empty()
    );
}

#[test]
fn the_applicant_may_name_a_reviewer_by_name_email_or_organisation() {
    let p = profile(ReviewerProfileInput {
        organisation: Some("Library of Tirana".into()),
        ..reads(&["sq"])
    });
    for named in ["elena dimitrova", "ELENA@example.org", "library of  tirana"] {
        let content = ProposalContent {
            conflicts_of_interest: vec![named.into()],
            ..proposal()
        };
        assert_eq!(
            automatic_conflicts(
                &ConflictPolicy::default(),
                &content,
                &TeamFacts::default(),
                identity(&p)
            ),
            vec![ConflictKind::NamedByApplicant],
            "{named}"
        );
    }
}

#[test]
fn conflict_kinds_and_bids_parse_their_names() {
    for kind in ConflictKind::ALL {
        assert_eq!(ConflictKind::parse(kind.as_str()), Ok(kind));
    }
    assert!(ConflictKind::parse("friendship").is_err());
    assert_eq!(BidLevel::parse("eager"), Ok(BidLevel::Eager));
    assert!(BidLevel::parse("maybe").is_err());
    assert!(ConflictKind::SameCountry.is_automatic());
    assert!(!ConflictKind::DeclaredByReviewer.is_automatic());
}

#[test]
fn a_lifted_conflict_is_no_longer_in_force_and_recorded_ones_add_up() {
    use ConflictKind::*;
    let recorded = |kind, lifted| RecordedConflict { kind, lifted };
    assert_eq!(
        conflicts_in_force(
            &[SameCountry, SameOrganisation],
            [recorded(SameCountry, true)]
        ),
        vec![SameOrganisation]
    );
    assert_eq!(
        conflicts_in_force(
            &[],
            [
                recorded(DeclaredByReviewer, false),
                recorded(AddedByManager, true)
            ]
        ),
        vec![DeclaredByReviewer]
    );
    assert_eq!(
        conflicts_in_force(&[SameCountry], [recorded(SameCountry, false)]),
        vec![SameCountry]
    );
    assert!(conflicts_in_force(&[], []).is_empty());
}

#[test]
fn a_team_members_library_and_country_count_as_the_applicants() {
    let p = working_at("AL", "Public Library Shkodër", "sq");
    let team = TeamFacts {
        organisations: vec!["public library  shkodër".into()],
        countries: vec![CountryCode::parse("AL").expect("a country")],
    };
    assert_eq!(
        automatic_conflicts(&ConflictPolicy::default(), &proposal(), &team, identity(&p)),
        vec![ConflictKind::SameOrganisation, ConflictKind::SameCountry]
    );
}
