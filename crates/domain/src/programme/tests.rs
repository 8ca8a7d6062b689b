use super::*;
use chrono::TimeZone;
use proptest::prelude::*;

fn eur(minor: i64) -> Option<MoneyInput> {
    Some(MoneyInput {
        minor,
        currency: "EUR".into(),
    })
}

fn text(locale: &str, value: &str) -> BTreeMap<String, String> {
    BTreeMap::from([(locale.to_owned(), value.to_owned())])
}

pub(crate) fn valid() -> ProgrammeInput {
    ProgrammeInput {
        code: Some("INELI-2027".into()),
        title: Some(text("en", "Innovation Awards 2027")),
        description: Some(text("mk", "Награди за иновации")),
        default_locale: Some("en".into()),
        time_zone: Some("Europe/Skopje".into()),
        currency: Some("EUR".into()),
        budget: eur(10_000_000),
        min_award: eur(100_000),
        max_award: eur(1_500_000),
        opens_at: Utc.with_ymd_and_hms(2027, 1, 10, 9, 0, 0).single(),
        closes_at: Utc.with_ymd_and_hms(2027, 3, 12, 16, 0, 0).single(),
        eligible_countries: Some(vec!["MK".into(), "al".into(), "XK".into()]),
        rubric: Some(vec![CriterionInput {
            key: "impact".into(),
            title: text("en", "Impact"),
            weight: 3,
            scale_min: 1,
            scale_max: 5,
            guidance: BTreeMap::new(),
            allow_not_applicable: false,
        }]),
        reviews_per_proposal: Some(3),
        reviewer_load_cap: Some(8),
        conflict_policy: None,
        tranche_template: Some(vec![
            TrancheInput {
                key: "signing".into(),
                percent: 60,
                condition: TrancheCondition::AgreementSigned,
            },
            TrancheInput {
                key: "final".into(),
                percent: 40,
                condition: TrancheCondition::ReportAccepted {
                    report: "final".into(),
                },
            },
        ]),
        reporting_schedule: Some(vec![ReportInput {
            key: "final".into(),
            kind: ReportKind::Final,
            months_after_start: 12,
            title: BTreeMap::new(),
        }]),
        review: None,
        reporting: None,
        second_factor_for_money: None,
        showcase: None,
    }
}

fn fields(result: Result<ProgrammeSpec, ValidationErrors>) -> Vec<(String, String)> {
    match result {
        Ok(_) => Vec::new(),
        Err(e) => e.0.into_iter().map(|f| (f.field, f.code)).collect(),
    }
}

fn has(result: Result<ProgrammeSpec, ValidationErrors>, field: &str, code: &str) -> bool {
    fields(result).iter().any(|(f, c)| f == field && c == code)
}

#[test]
fn a_complete_programme_validates_and_normalises() {
    let spec = valid().validate().expect("valid programme");
    assert_eq!(spec.currency.code(), "EUR");
    let countries: Vec<_> = spec.eligible_countries.iter().map(|c| c.as_str()).collect();
    assert_eq!(countries, ["AL", "MK", "XK"]);
    assert_eq!(spec.conflict_policy, ConflictPolicy::default());
}

#[test]
fn an_empty_input_names_every_required_field() {
    let found = fields(ProgrammeInput::default().validate());
    for field in [
        "code",
        "title",
        "default_locale",
        "time_zone",
        "currency",
        "budget",
        "min_award",
        "max_award",
        "opens_at",
        "closes_at",
        "eligible_countries",
        "rubric",
        "reviews_per_proposal",
        "reviewer_load_cap",
        "tranche_template",
        "reporting_schedule",
    ] {
        assert!(
            found.contains(&(field.to_owned(), "required".to_owned())),
            "{field} not reported in {found:?}"
        );
    }
}

#[test]
fn a_negative_budget_is_refused() {
    let input = ProgrammeInput {
        budget: eur(-1),
        ..valid()
    };
    assert!(has(input.validate(), "budget.minor", "must_be_positive"));
}

#[test]
fn an_unknown_currency_is_refused() {
    let input = ProgrammeInput {
        currency: Some("XYZ".into()),
        ..valid()
    };
    assert!(has(input.validate(), "currency", "unknown_currency"));
}

#[test]
fn amounts_in_another_currency_are_refused() {
    let input = ProgrammeInput {
        max_award: Some(MoneyInput {
            minor: 100,
            currency: "MKD".into(),
        }),
        ..valid()
    };
    assert!(has(
        input.validate(),
        "max_award.currency",
        "currency_mismatch"
    ));
}

#[test]
fn awards_must_fit_between_each_other_and_the_budget() {
    let above_max = ProgrammeInput {
        min_award: eur(2_000_000),
        ..valid()
    };
    assert!(has(above_max.validate(), "min_award", "out_of_range"));
    let above_budget = ProgrammeInput {
        max_award: eur(20_000_000),
        ..valid()
    };
    assert!(has(above_budget.validate(), "max_award", "out_of_range"));
}

#[test]
fn weights_must_be_positive() {
    let mut input = valid();
    if let Some(rubric) = input.rubric.as_mut() {
        rubric[0].weight = 0;
    }
    assert!(has(
        input.validate(),
        "rubric[0].weight",
        "must_be_positive"
    ));
}

#[test]
fn the_scale_must_go_up() {
    let mut input = valid();
    if let Some(rubric) = input.rubric.as_mut() {
        rubric[0].scale_max = 1;
    }
    assert!(has(input.validate(), "rubric[0].scale_max", "out_of_range"));
}

#[test]
fn tranche_percentages_must_sum_to_100() {
    let mut input = valid();
    if let Some(template) = input.tranche_template.as_mut() {
        template[1].percent = 30;
    }
    assert!(has(
        input.validate(),
        "tranche_template",
        "percentages_do_not_sum_to_100"
    ));
}

#[test]
fn a_tranche_can_only_wait_for_a_scheduled_report() {
    let mut input = valid();
    if let Some(template) = input.tranche_template.as_mut() {
        template[1].condition = TrancheCondition::ReportAccepted {
            report: "interim".into(),
        };
    }
    assert!(has(
        input.validate(),
        "tranche_template[1].condition.report",
        "unknown_report"
    ));
}

#[test]
fn the_call_must_close_after_it_opens() {
    let input = ProgrammeInput {
        closes_at: valid().opens_at,
        ..valid()
    };
    assert!(has(input.validate(), "closes_at", "out_of_range"));
}

#[test]
fn the_title_needs_the_default_language() {
    let input = ProgrammeInput {
        default_locale: Some("mk".into()),
        ..valid()
    };
    assert!(has(input.validate(), "title", "default_locale_missing"));
}

#[test]
fn duplicate_and_unknown_countries_are_named_by_position() {
    let input = ProgrammeInput {
        eligible_countries: Some(vec!["MK".into(), "mk".into(), "ZZ".into()]),
        ..valid()
    };
    let result = input.validate();
    assert!(has(result.clone(), "eligible_countries[1]", "duplicate"));
    assert!(has(result, "eligible_countries[2]", "unknown_country"));
}

#[test]
fn the_schedule_needs_one_final_report_due_last() {
    let mut input = valid();
    input.reporting_schedule = Some(vec![
        ReportInput {
            key: "final".into(),
            kind: ReportKind::Final,
            months_after_start: 6,
            title: BTreeMap::new(),
        },
        ReportInput {
            key: "interim".into(),
            kind: ReportKind::Interim,
            months_after_start: 9,
            title: BTreeMap::new(),
        },
    ]);
    assert!(has(
        input.validate(),
        "reporting_schedule",
        "final_report_not_last"
    ));
}

#[test]
fn call_status_follows_the_clock() {
    let spec = valid().validate().expect("valid");
    let before = spec.opens_at - chrono::Duration::seconds(1);
    assert_eq!(spec.call_status(before), CallStatus::Upcoming);
    assert_eq!(spec.call_status(spec.opens_at), CallStatus::Open);
    assert_eq!(spec.call_status(spec.closes_at), CallStatus::Closed);
}

#[test]
fn a_spec_round_trips_through_input() {
    let spec = valid().validate().expect("valid");
    assert_eq!(spec.to_input().validate(), Ok(spec));
}

#[test]
fn overlay_replaces_only_what_the_patch_sets() {
    let patch = ProgrammeInput {
        reviews_per_proposal: Some(4),
        ..ProgrammeInput::default()
    };
    let spec = valid().overlay(patch).validate().expect("valid");
    assert_eq!(spec.reviews_per_proposal, 4);
    assert_eq!(spec.code, "INELI-2027");
}

proptest! {
    #[test]
    fn tranche_totals_other_than_100_are_always_refused(a in 1i64..=100, b in 1i64..=100) {
        let mut input = valid();
        if let Some(template) = input.tranche_template.as_mut() {
            template[0].percent = a;
            template[1].percent = b;
        }
        let accepted = input.validate().is_ok();
        prop_assert_eq!(accepted, a + b == 100);
    }

    #[test]
    fn any_budget_validates_iff_it_is_positive_and_covers_the_largest_award(budget in any::<i64>()) {
        let input = ProgrammeInput { budget: eur(budget), ..valid() };
        prop_assert_eq!(input.validate().is_ok(), budget >= 1_500_000);
    }

    #[test]
    fn arbitrary_strings_never_panic(code in ".{0,40}", tz in ".{0,30}", currency in ".{0,5}", country in ".{0,4}") {
        let input = ProgrammeInput {
            code: Some(code),
            time_zone: Some(tz),
            currency: Some(currency),
            eligible_countries: Some(vec![country]),
            ..valid()
        };
        let _ = input.validate();
    }
}

#[test]
fn review_settings_default_and_reject_a_reminder_after_the_due_date() {
    let spec = valid().validate().expect("valid");
    assert_eq!(spec.review, crate::programme::ReviewSettings::default());
    let errors = ProgrammeInput {
        review: Some(crate::programme::ReviewSettingsInput {
            review_days: Some(5),
            reminder_days_before: Some(5),
            disagreement_threshold: Some(101),
            normalise_min_reviews: Some(1),
            ..Default::default()
        }),
        ..valid()
    }
    .validate()
    .expect_err("invalid review settings");
    let fields: Vec<&str> = errors.fields().iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        vec![
            "review.normalise_min_reviews",
            "review.disagreement_threshold",
            "review.reminder_days_before"
        ]
    );
}

#[test]
fn review_settings_survive_an_edit() {
    let spec = ProgrammeInput {
        review: Some(crate::programme::ReviewSettingsInput {
            blind: Some(true),
            normalise: Some(false),
            ..Default::default()
        }),
        ..valid()
    }
    .validate()
    .expect("valid");
    assert!(spec.review.blind && !spec.review.normalise);
    let again = spec.to_input().validate().expect("round trip");
    assert_eq!(again, spec);
}

#[test]
fn reporting_settings_default_and_every_bad_one_is_named() {
    let spec = valid().validate().expect("valid");
    assert_eq!(spec.reporting, ReportingSettings::default());
    assert_eq!(spec.reporting.reminder_days_before, vec![14, 3]);
    let mut input = valid();
    input.reporting = Some(ReportingSettingsInput {
        indicators: Some(vec![
            IndicatorInput {
                key: "people_reached".into(),
                title: text("en", "People reached"),
            },
            IndicatorInput {
                key: "people_reached".into(),
                title: text("en", "Again"),
            },
            IndicatorInput {
                key: "no title".into(),
                title: BTreeMap::new(),
            },
        ]),
        reminder_days_before: Some(vec![3, 0, 14, 3]),
        overdue_reminder_days: Some(0),
        max_attachment_bytes: Some(10),
    });
    let errors = input.validate().expect_err("invalid");
    let mut fields: Vec<String> = errors.fields().iter().map(|e| e.field.clone()).collect();
    fields.sort();
    assert_eq!(
        fields,
        vec![
            "reporting.indicators[1].key",
            "reporting.indicators[2].key",
            "reporting.indicators[2].title",
            "reporting.max_attachment_bytes",
            "reporting.overdue_reminder_days",
            "reporting.reminder_days_before[1]",
        ]
    );
}

#[test]
fn reminder_days_are_sorted_largest_first_without_repeats() {
    let mut input = valid();
    input.reporting = Some(ReportingSettingsInput {
        reminder_days_before: Some(vec![3, 14, 3, 30]),
        ..ReportingSettingsInput::default()
    });
    let spec = input.validate().expect("valid");
    assert_eq!(spec.reporting.reminder_days_before, vec![30, 14, 3]);
    let again = spec.to_input().validate().expect("round trip");
    assert_eq!(again, spec);
}
