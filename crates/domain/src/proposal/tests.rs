use std::collections::BTreeMap;

use super::*;
use chrono::TimeZone;
use proptest::prelude::*;

fn programme() -> ProgrammeSpec {
    crate::programme::tests::valid()
        .validate()
        .expect("valid programme")
}

fn eur(minor: i64) -> MoneyInput {
    MoneyInput {
        minor,
        currency: "EUR".into(),
    }
}

/// Checks a refusal's English message and the facts it names, by name.
fn says(refusal: &Refusal, message: &str, args: &[(&str, &str)]) {
    assert_eq!(refusal.message, message);
    for (name, value) in args {
        assert_eq!(refusal.args[*name], *value, "{name}");
    }
}

fn complete() -> ProposalInput {
    ProposalInput {
        title: Some("Maker space for teenagers".into()),
        summary: Some("A maker space in the children's department.".into()),
        problem: Some("Teenagers stop visiting the library.".into()),
        proposed_service: Some("Weekly maker workshops.".into()),
        target_group: Some("Teenagers aged 13 to 18.".into()),
        planned_activities: Some("Buy equipment, train staff, run 40 workshops.".into()),
        budget_lines: Some(vec![
            BudgetLineInput {
                description: "3D printer".into(),
                amount: eur(150_000),
            },
            BudgetLineInput {
                description: "Workshop materials".into(),
                amount: eur(50_000),
            },
        ]),
        requested_amount: Some(eur(200_000)),
        country: Some("mk".into()),
        region: None,
        organisation: Some("City Library Skopje".into()),
        tags: Some(vec![
            "Makerspace".into(),
            "teenagers".into(),
            "makerspace".into(),
        ]),
        language: Some("mk".into()),
        conflicts_of_interest: Some(vec![
            "Library of Tirana".into(),
            " library of tirana".into(),
        ]),
        indicator_targets: Some(BTreeMap::from([("people_reached".to_owned(), 400)])),
        partners: Some(vec![PartnerInput {
            organisation: "Public Library Shkodër".into(),
            country: "AL".into(),
            contact: Some("Arta, arta@library.example".into()),
        }]),
    }
}

#[test]
fn a_complete_proposal_passes_every_submission_guard() {
    let content = complete().validate_draft().expect("valid draft");
    assert_eq!(content.tags, ["makerspace", "teenagers"]);
    assert_eq!(form_complete(&content), Ok(()));
    assert_eq!(country_eligible(&content, &programme()), Ok(()));
    assert_eq!(amount_within_limits(&content, &programme()), Ok(()));
}

#[test]
fn an_empty_draft_is_valid_but_incomplete() {
    let content = ProposalInput::default()
        .validate_draft()
        .expect("empty drafts are fine");
    let refusal = form_complete(&content).expect_err("incomplete");
    assert!(
        refusal.message.contains("title") && refusal.message.contains("budget_lines"),
        "{refusal}"
    );
    assert_eq!(refusal.args["case"], "incomplete");
    assert!(
        refusal.args["missing"].starts_with("title, summary, ")
            && refusal.args["missing"].ends_with(", budget_lines"),
        "{:?}",
        refusal.args
    );
    // What forms mark as required is what submission asks for.
    assert_eq!(refusal.args["missing"], REQUIRED_TO_SUBMIT.join(", "));
}

#[test]
fn each_text_field_takes_the_characters_forms_announce() {
    for (field, max) in TEXT_LIMITS {
        let mut input = serde_json::Map::new();
        input.insert(field.to_owned(), "x".repeat(max).into());
        let fits: ProposalInput = serde_json::from_value(input.clone().into()).expect("input");
        assert!(fits.validate_draft().is_ok(), "{field} takes {max}");
        input.insert(field.to_owned(), "x".repeat(max + 1).into());
        let over: ProposalInput = serde_json::from_value(input.into()).expect("input");
        let errors = over.validate_draft().expect_err("too long");
        assert_eq!(errors.fields()[0].field, field);
    }
}

#[test]
fn budget_lines_must_add_up_to_the_request() {
    let input = ProposalInput {
        requested_amount: Some(eur(250_000)),
        ..complete()
    };
    let refusal = form_complete(&input.validate_draft().expect("valid")).expect_err("mismatch");
    says(
        &refusal,
        "the budget lines add up to EUR 2000.00, not the requested EUR 2500.00",
        &[
            ("case", "budget_mismatch"),
            ("total", "EUR 2000.00"),
            ("requested", "EUR 2500.00"),
        ],
    );
}

#[test]
fn the_request_must_fit_the_awards_and_currency() {
    let too_small = ProposalInput {
        requested_amount: Some(eur(10)),
        ..complete()
    };
    let refusal = amount_within_limits(&too_small.validate_draft().expect("valid"), &programme())
        .expect_err("small");
    says(
        &refusal,
        "the requested amount must be between EUR 1000.00 and EUR 15000.00",
        &[
            ("case", "out_of_range"),
            ("min", "EUR 1000.00"),
            ("max", "EUR 15000.00"),
        ],
    );
    let in_denars = ProposalInput {
        requested_amount: Some(MoneyInput {
            minor: 200_000,
            currency: "MKD".into(),
        }),
        ..complete()
    };
    let refusal = amount_within_limits(&in_denars.validate_draft().expect("valid"), &programme())
        .expect_err("currency");
    assert!(refusal.message.contains("EUR"), "{refusal}");
    assert_eq!(refusal.args["case"], "wrong_currency");
    assert_eq!(refusal.args["currency"], "EUR");
}

#[test]
fn only_the_programmes_countries_are_eligible() {
    let serbian = ProposalInput {
        country: Some("RS".into()),
        ..complete()
    };
    let refusal = country_eligible(&serbian.validate_draft().expect("valid"), &programme())
        .expect_err("not eligible");
    says(
        &refusal,
        "libraries in RS are not eligible for this programme",
        &[("case", "not_eligible"), ("country", "RS")],
    );
}

#[test]
fn the_call_is_open_between_its_times_and_says_when_in_local_time() {
    let spec = programme();
    assert_eq!(call_open(&spec, spec.opens_at), Ok(()));
    let early = call_open(&spec, spec.opens_at - chrono::Duration::minutes(1)).expect_err("early");
    says(
        &early,
        "the call opens on 10 January 2027 10:00 (Europe/Skopje)",
        &[
            ("case", "not_yet_open"),
            ("opens_at", "2027-01-10T10:00:00+01:00"),
        ],
    );
    let late = call_open(&spec, spec.closes_at).expect_err("late");
    // The data to say it in another language: the local time and its zone.
    says(
        &late,
        "the call closed on 12 March 2027 17:00 (Europe/Skopje)",
        &[
            ("case", "closed"),
            ("closes_at", "2027-03-12T17:00:00+01:00"),
            ("time_zone", "Europe/Skopje"),
        ],
    );
    let summer = Utc
        .with_ymd_and_hms(2027, 7, 1, 12, 0, 0)
        .single()
        .expect("date");
    assert!(
        local_time(&spec, summer).contains("14:00"),
        "summer time is UTC+2 in Skopje"
    );
}

#[test]
fn a_comment_must_have_words() {
    assert!(comment_given(None).is_err());
    assert!(comment_given(Some("   ")).is_err());
    assert_eq!(
        comment_given(Some("Please add a budget line for staff.")),
        Ok(())
    );
}

#[test]
fn format_problems_are_named_per_field() {
    let input = ProposalInput {
        title: Some("x".repeat(201)),
        budget_lines: Some(vec![BudgetLineInput {
            description: " ".into(),
            amount: eur(-5),
        }]),
        requested_amount: Some(MoneyInput {
            minor: 5,
            currency: "XXX1".into(),
        }),
        country: Some("ZZ".into()),
        region: Some("BA-SRP".into()),
        language: Some("de".into()),
        ..ProposalInput::default()
    };
    let errors = input.validate_draft().expect_err("invalid");
    let fields: Vec<_> = errors.fields().iter().map(|f| f.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "title",
            "budget_lines[0].description",
            "budget_lines[0].amount.minor",
            "requested_amount.currency",
            "country",
            "language"
        ]
    );
}

#[test]
fn a_region_must_lie_in_the_country() {
    let input = ProposalInput {
        country: Some("BA".into()),
        region: Some("ba-srp".into()),
        ..complete()
    };
    let content = input.validate_draft().expect("valid");
    assert_eq!(content.region.map(|r| r.to_string()), Some("BA-SRP".into()));
    let wrong = ProposalInput {
        region: Some("BA-SRP".into()),
        ..complete()
    };
    let errors = wrong
        .validate_draft()
        .expect_err("Srpska is not in North Macedonia");
    assert_eq!(errors.fields()[0].code, "region_outside_country");
}

#[test]
fn content_round_trips_through_input() {
    let content = complete().validate_draft().expect("valid");
    assert_eq!(content.to_input().validate_draft(), Ok(content));
}

#[test]
fn partner_libraries_are_named_in_a_known_country_each_once() {
    let partner = |organisation: &str, country: &str| PartnerInput {
        organisation: organisation.into(),
        country: country.into(),
        contact: None,
    };
    let content = ProposalInput {
        partners: Some(vec![
            partner(" Public Library Shkodër ", "al"),
            partner("public library shkodër", "AL"),
            partner("Narodna biblioteka Užice", "RS"),
        ]),
        ..complete()
    }
    .validate_draft()
    .expect("valid");
    let named: Vec<_> = content
        .partners
        .iter()
        .map(|p| p.organisation.as_str())
        .collect();
    assert_eq!(
        named,
        ["Public Library Shkodër", "Narodna biblioteka Užice"]
    );
    assert_eq!(content.partner_countries().len(), 2);

    let refused = ProposalInput {
        partners: Some(vec![
            partner("  ", "AL"),
            partner("Library", "ZZ"),
            PartnerInput {
                contact: Some("x".repeat(201)),
                ..partner("Library", "RS")
            },
        ]),
        ..complete()
    }
    .validate_draft()
    .expect_err("refused");
    let fields: Vec<_> = refused
        .fields()
        .iter()
        .map(|e| (e.field.as_str(), e.code.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("partners[0].organisation", "required"),
            ("partners[1].country", "unknown_country"),
            ("partners[2].contact", "too_long"),
        ]
    );
    let too_many = ProposalInput {
        partners: Some(vec![partner("Library", "RS"); MOST_PARTNERS + 1]),
        ..complete()
    }
    .validate_draft()
    .expect_err("refused");
    assert_eq!(too_many.fields()[0].field, "partners");
}

proptest! {
    #[test]
    fn form_complete_accepts_exactly_budgets_that_sum_to_the_request(lines in proptest::collection::vec(1i64..1_000_000, 1..8), requested in 1i64..8_000_000) {
        let input = ProposalInput {
            budget_lines: Some(lines.iter().map(|m| BudgetLineInput { description: "line".into(), amount: eur(*m) }).collect()),
            requested_amount: Some(eur(requested)),
            ..complete()
        };
        let content = input.validate_draft().expect("valid");
        prop_assert_eq!(form_complete(&content).is_ok(), lines.iter().sum::<i64>() == requested);
    }

    #[test]
    fn drafts_never_panic_on_any_text(title in ".{0,300}", country in ".{0,5}", region in ".{0,8}", currency in ".{0,4}") {
        let input = ProposalInput {
            title: Some(title),
            country: Some(country),
            region: Some(region),
            requested_amount: Some(MoneyInput { minor: 1, currency }),
            ..ProposalInput::default()
        };
        let _ = input.validate_draft();
    }
}
