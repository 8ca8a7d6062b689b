use super::*;
use chrono::TimeZone;
use proptest::prelude::*;

use crate::programme::ReportingSettings;

fn eur(minor: i64) -> MoneyInput {
    MoneyInput {
        minor,
        currency: "EUR".into(),
    }
}

fn lines() -> Vec<BudgetLine> {
    vec![
        BudgetLine {
            description: "3D printer".into(),
            amount: Money::new(150_000, Currency::EUR),
        },
        BudgetLine {
            description: "Materials".into(),
            amount: Money::new(50_000, Currency::EUR),
        },
    ]
}

fn check(input: ReportContentInput) -> Result<ReportContent, ValidationErrors> {
    let settings = ReportingSettings::default();
    let lines = lines();
    input.validate_draft(ReportRules {
        currency: Currency::EUR,
        indicators: &settings.indicators,
        budget_lines: &lines,
    })
}

fn complete_input() -> ReportContentInput {
    ReportContentInput {
        narrative: Some("The maker space opened in March.".into()),
        activities: Some("40 workshops, two trained librarians.".into()),
        indicators: Some(BTreeMap::from([
            ("people_reached".into(), 420),
            ("events_held".into(), 40),
            ("services_launched".into(), 1),
        ])),
        spending: Some(vec![
            SpendingInput {
                budget_line: 1,
                amount: eur(61_000),
            },
            SpendingInput {
                budget_line: 0,
                amount: eur(149_000),
            },
        ]),
    }
}

fn fields(errors: &ValidationErrors) -> Vec<String> {
    errors.fields().iter().map(|e| e.field.clone()).collect()
}

#[test]
fn a_complete_report_passes_and_its_spending_is_in_line_order() {
    let content = check(complete_input()).expect("valid");
    assert_eq!(content.spending[0].budget_line, 0);
    assert_eq!(content.total_spent(Currency::EUR).minor, 210_000);
    let settings = ReportingSettings::default();
    let lines = lines();
    let rules = ReportRules {
        currency: Currency::EUR,
        indicators: &settings.indicators,
        budget_lines: &lines,
    };
    assert_eq!(report_complete(&content, rules), Ok(()));
    let against = spending_against_plan(&lines, &content);
    assert_eq!(against[0].remaining.minor, 1_000);
    assert_eq!(
        against[1].remaining.minor, -11_000,
        "overspending shows as negative"
    );
}

#[test]
fn every_bad_field_is_named_at_once() {
    let mut input = complete_input();
    input.indicators = Some(BTreeMap::from([
        ("people_reached".into(), -1),
        ("visitors".into(), 3),
        ("bad key".into(), 3),
    ]));
    input.spending = Some(vec![
        SpendingInput {
            budget_line: 7,
            amount: eur(1),
        },
        SpendingInput {
            budget_line: 0,
            amount: MoneyInput {
                minor: 5,
                currency: "MKD".into(),
            },
        },
        SpendingInput {
            budget_line: 1,
            amount: eur(-5),
        },
    ]);
    input.narrative = Some("x".repeat(MAX_SECTION_CHARS + 1));
    let errors = check(input).expect_err("invalid");
    let mut got = fields(&errors);
    got.sort();
    assert_eq!(
        got,
        vec![
            "indicators.bad key",
            "indicators.people_reached",
            "indicators.visitors",
            "narrative",
            "spending[0].budget_line",
            "spending[1].amount.currency",
            "spending[2].amount.minor",
        ]
    );
}

#[test]
fn a_budget_line_reported_twice_is_refused() {
    let mut input = complete_input();
    input.spending = Some(vec![
        SpendingInput {
            budget_line: 0,
            amount: eur(1),
        },
        SpendingInput {
            budget_line: 0,
            amount: eur(2),
        },
    ]);
    let errors = check(input).expect_err("invalid");
    assert_eq!(fields(&errors), vec!["spending[1].budget_line"]);
}

#[test]
fn an_incomplete_report_names_every_gap() {
    let mut input = complete_input();
    input.activities = None;
    input.indicators = Some(BTreeMap::from([("people_reached".into(), 1)]));
    input.spending = Some(Vec::new());
    let content = check(input).expect("a draft may be incomplete");
    let settings = ReportingSettings::default();
    let lines = lines();
    let refusal = report_complete(
        &content,
        ReportRules {
            currency: Currency::EUR,
            indicators: &settings.indicators,
            budget_lines: &lines,
        },
    )
    .expect_err("incomplete");
    for gap in [
        "activities",
        "indicators.events_held",
        "indicators.services_launched",
        "spending[budget line 0]",
        "spending[budget line 1]",
    ] {
        assert!(refusal.message.contains(gap), "{refusal} names {gap}");
        assert!(
            refusal.args["missing"].contains(gap),
            "{refusal:?} lists {gap}"
        );
    }
    assert!(!refusal.message.contains("narrative"));
}

#[test]
fn an_edit_overlays_only_what_it_sends() {
    let content = check(complete_input()).expect("valid");
    let patch = ReportContentInput {
        narrative: Some("Changed.".into()),
        ..ReportContentInput::default()
    };
    let again = check(content.to_input().overlay(patch)).expect("valid");
    assert_eq!(again.narrative.as_deref(), Some("Changed."));
    assert_eq!(again.indicators, content.indicators);
    assert_eq!(again.spending, content.spending);
}

fn skopje() -> Tz {
    chrono_tz::Europe::Skopje
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

/// The moment `h`:00 UTC on the day.
fn utc(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0)
        .single()
        .expect("time")
}

#[test]
fn the_deadline_is_the_end_of_the_due_day_in_the_programme_zone() {
    // Skopje is UTC+2 in summer.
    assert_eq!(deadline(day(2027, 9, 30), skopje()), utc(2027, 9, 30, 22));
}

#[test]
fn reminders_go_before_on_the_day_and_weekly_while_late() {
    let schedule = ReminderSchedule::new(day(2027, 9, 30), skopje(), &[14, 3], 7);
    let first = schedule.first();
    assert_eq!(first.kind, ReminderKind::DueSoon { days_before: 14 });
    assert_eq!(first.at, utc(2027, 9, 16, 7));
    let second = schedule.next_after(first.at);
    assert_eq!(second.kind, ReminderKind::DueSoon { days_before: 3 });
    let third = schedule.next_after(second.at);
    assert_eq!(third.kind, ReminderKind::DueToday);
    assert_eq!(third.at, utc(2027, 9, 30, 7));
    let fourth = schedule.next_after(third.at);
    assert_eq!(fourth.kind, ReminderKind::Overdue { round: 0 });
    assert_eq!(fourth.at, schedule.deadline());
    let fifth = schedule.next_after(fourth.at);
    assert_eq!(fifth.kind, ReminderKind::Overdue { round: 1 });
    assert_eq!(fifth.at, utc(2027, 10, 7, 22));
    // A server down for three weeks sends only the latest reminder.
    assert_eq!(
        schedule.latest_at(utc(2027, 10, 20, 0)).map(|r| r.kind),
        Some(ReminderKind::Overdue { round: 2 })
    );
    assert_eq!(schedule.latest_at(utc(2027, 9, 1, 0)), None);
}

#[test]
fn with_no_days_before_the_first_reminder_is_on_the_day() {
    let schedule = ReminderSchedule::new(day(2027, 9, 30), skopje(), &[], 7);
    assert_eq!(schedule.first().kind, ReminderKind::DueToday);
}

#[test]
fn timeliness_compares_the_first_submission_with_the_deadline() {
    let deadline = utc(2027, 9, 30, 22);
    let before = deadline - chrono::Duration::seconds(1);
    assert_eq!(
        timeliness(deadline, Some(before), deadline),
        Timeliness::OnTime
    );
    assert_eq!(
        timeliness(deadline, Some(deadline), deadline),
        Timeliness::Late
    );
    assert_eq!(timeliness(deadline, None, deadline), Timeliness::Overdue);
    assert_eq!(timeliness(deadline, None, before), Timeliness::NotYetDue);
}

#[test]
fn the_weekly_summary_goes_out_on_monday_morning() {
    use chrono::Datelike;
    // Wednesday 2027-09-29 10:00 UTC → Monday 2027-10-04 08:00 Skopje (06:00 UTC).
    let wednesday = utc(2027, 9, 29, 10);
    let at = next_summary_at(wednesday, skopje());
    assert_eq!(at, utc(2027, 10, 4, 6));
    assert_eq!(at.with_timezone(&skopje()).weekday(), chrono::Weekday::Mon);
    // Exactly at the moment: the next week.
    assert_eq!(
        next_summary_at(at, skopje()),
        at + chrono::Duration::days(7)
    );
}

fn outcome(country: &str, award: i64, achieved: Option<u64>) -> GrantOutcome {
    GrantOutcome {
        country: CountryCode::parse(country).expect("country"),
        award: Money::new(award, Currency::EUR),
        disbursed: Money::new(award / 2, Currency::EUR),
        targets: BTreeMap::from([("people_reached".into(), 100)]),
        achieved: achieved.map(|n| BTreeMap::from([("people_reached".into(), n)])),
        reports: vec![Timeliness::OnTime, Timeliness::Overdue],
    }
}

#[test]
fn impact_adds_up_per_country_and_for_the_programme() {
    let grants = [
        outcome("MK", 1_000, Some(40)),
        outcome("MK", 3_000, None),
        outcome("AL", 2_000, Some(7)),
    ];
    let impact = impact(Currency::EUR, &grants);
    let mk = &impact.countries[&CountryCode::parse("MK").expect("country")];
    assert_eq!(mk.grants, 2);
    assert_eq!(mk.grants_reporting, 1);
    assert_eq!(mk.achieved["people_reached"], 40);
    assert_eq!(mk.targets["people_reached"], 200);
    assert_eq!(mk.awarded.minor, 4_000);
    assert_eq!(impact.total.achieved["people_reached"], 47);
    assert_eq!(impact.total.reports.on_time, 3);
    assert_eq!(impact.total.reports.overdue, 3);
}

proptest! {
    /// The next reminder is always later, and nothing of the schedule lies
    /// between a moment and its next reminder; the latest reminder at that
    /// next one is itself.
    #[test]
    fn the_schedule_walks_forward_without_gaps(
        offset_days in 0_i64..200,
        offset_secs in 0_i64..86_400,
        days in proptest::collection::vec(1_u16..60, 0..4),
        every in 1_u16..30,
    ) {
        let schedule = ReminderSchedule::new(day(2027, 3, 28), skopje(), &days, every);
        let start = utc(2027, 1, 1, 0)
            + chrono::Duration::days(offset_days)
            + chrono::Duration::seconds(offset_secs);
        let next = schedule.next_after(start);
        prop_assert!(next.at > start);
        prop_assert_eq!(schedule.latest_at(next.at), Some(next));
        let just_before = next.at - chrono::Duration::seconds(1);
        let latest = schedule.latest_at(just_before);
        if let Some(latest) = latest {
            prop_assert!(latest.at <= start.max(just_before));
            prop_assert_eq!(schedule.next_after(latest.at), next);
        }
    }

    /// The programme's total is the sum of its countries, whatever the grants.
    #[test]
    fn the_total_is_the_sum_of_the_countries(
        grants in proptest::collection::vec(
            (prop::sample::select(vec!["MK", "AL", "RS", "GR"]), 0_i64..1_000_000, proptest::option::of(0_u64..10_000)),
            0..30,
        )
    ) {
        let grants: Vec<GrantOutcome> = grants
            .into_iter()
            .map(|(c, award, achieved)| outcome(c, award, achieved))
            .collect();
        let impact = impact(Currency::EUR, &grants);
        let sum = |f: &dyn Fn(&ImpactRow) -> u64| impact.countries.values().map(f).sum::<u64>();
        prop_assert_eq!(sum(&|r| r.grants), impact.total.grants);
        prop_assert_eq!(sum(&|r| r.grants_reporting), impact.total.grants_reporting);
        prop_assert_eq!(
            sum(&|r| r.achieved.get("people_reached").copied().unwrap_or(0)),
            impact.total.achieved.get("people_reached").copied().unwrap_or(0)
        );
        prop_assert_eq!(
            impact.countries.values().map(|r| r.awarded.minor).sum::<i64>(),
            impact.total.awarded.minor
        );
    }
}
