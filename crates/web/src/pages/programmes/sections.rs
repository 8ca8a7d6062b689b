//! The sections of the setup form, in the order of the page: each adds
//! its fields, and its rows where it repeats (criteria, tranches, reports,
//! indicators), to the builder.

use std::collections::BTreeSet;

use grants_domain::Locale;

use super::fields::{Builder, Field, Section};
use super::form::Typed;
use crate::pages::register::COUNTRIES;
use crate::render::native_name;

/// The form's sections, in the order of the page.
pub(super) fn all(b: &mut Builder<'_>, typed: &Typed) -> Vec<Section> {
    vec![
        general(b, typed),
        call(b, typed),
        money(b, typed),
        countries(b, typed),
        jury(b, typed),
        rubric(b, typed),
        tranches(b, typed),
        reports(b, typed),
        reporting(b, typed),
    ]
}

/// The programme itself: its code, main language, title and description.
fn general(b: &mut Builder<'_>, typed: &Typed) -> Section {
    b.section("general", "general", None, |b| {
        b.add(b.field("code", "code", &typed.code).hint(b.t("code-hint")));
        let languages = Locale::ALL
            .iter()
            .map(|l| (l.code(), native_name(*l).to_owned()))
            .collect();
        b.add(
            b.field("default_locale", "default-locale", &typed.default_locale)
                .select(languages)
                .hint(b.t("default-locale-hint")),
        );
        b.add_texts("title", "programme-title", &typed.title, false);
        b.add_texts("description", "description", &typed.description, true);
        b.add(
            b.field("showcase", "showcase", "")
                .checkbox(typed.showcase)
                .hint(b.t("showcase-hint")),
        );
        Vec::new()
    })
}

/// The call: its time zone and when it opens and closes.
fn call(b: &mut Builder<'_>, typed: &Typed) -> Section {
    b.section("call", "call", None, |b| {
        b.add(
            b.field("time_zone", "time-zone", &typed.time_zone)
                .suggest("time-zones")
                .hint(b.t("time-zone-hint")),
        );
        for (id, label, value) in [
            ("opens_at", "opens", &typed.opens_at),
            ("closes_at", "closes", &typed.closes_at),
        ] {
            let field = b.field(id, label, value).hint(b.t("dates-hint"));
            b.add(Field {
                input_type: "datetime-local",
                ..field
            });
        }
        Vec::new()
    })
}

/// The money: the currency, the budget and the smallest and largest award.
fn money(b: &mut Builder<'_>, typed: &Typed) -> Section {
    b.section("money", "money", None, |b| {
        b.add(
            b.field("currency", "currency", &typed.currency)
                .suggest("currencies")
                .hint(b.t("currency-hint")),
        );
        for (id, label, value) in [
            ("budget", "budget", &typed.budget),
            ("min_award", "min-award", &typed.min_award),
            ("max_award", "max-award", &typed.max_award),
        ] {
            let field = b.field(id, label, value).hint(b.t("amount-hint"));
            b.add(Field {
                inputmode: Some("decimal"),
                ..field
            });
        }
        b.add(
            b.field("second_factor_for_money", "second-factor-for-money", "")
                .checkbox(typed.second_factor_for_money)
                .hint(b.t("second-factor-for-money-hint")),
        );
        Vec::new()
    })
}

/// Who may apply: the network's countries, and any other the programme names.
fn countries(b: &mut Builder<'_>, typed: &Typed) -> Section {
    b.section("eligible_countries", "countries", None, |b| {
        let offered: BTreeSet<&str> = COUNTRIES
            .iter()
            .copied()
            .chain(typed.countries.iter().map(String::as_str))
            .collect();
        for code in offered {
            let ticked = typed.countries.contains(code);
            let field = Field::new(format!("country-{code}"), code.to_owned(), "");
            b.add(Field {
                wide: false,
                ..field.checkbox(ticked)
            });
        }
        let others = b.field("other_countries", "other-countries", &typed.other_countries);
        b.add(Field {
            wide: true,
            ..others.hint(b.t("other-countries-hint"))
        });
        Vec::new()
    })
}

/// The jury: how many reviews each proposal gets, conflicts of interest and how reviews are run.
fn jury(b: &mut Builder<'_>, typed: &Typed) -> Section {
    b.section("jury", "jury", None, |b| {
        for (id, label, value) in [
            (
                "reviews_per_proposal",
                "reviews-per-proposal",
                &typed.reviews_per_proposal,
            ),
            (
                "reviewer_load_cap",
                "reviewer-load-cap",
                &typed.reviewer_load_cap,
            ),
        ] {
            b.add(b.field(id, label, value).numeric());
        }
        for (id, label, ticked) in [
            (
                "conflict-same_organisation",
                "conflict-same-organisation",
                typed.same_organisation,
            ),
            (
                "conflict-same_country",
                "conflict-same-country",
                typed.same_country,
            ),
            ("review-blind", "review-blind", typed.blind),
            (
                "review-share_reviews_after_submission",
                "review-share",
                typed.share_reviews,
            ),
            (
                "review-comments_to_applicant",
                "review-comments-to-applicant",
                typed.comments_to_applicant,
            ),
            ("review-normalise", "review-normalise", typed.normalise),
        ] {
            b.add(b.field(id, label, "").checkbox(ticked));
        }
        for (id, label, value) in [
            (
                "review-normalise_min_reviews",
                "review-normalise-min-reviews",
                &typed.normalise_min_reviews,
            ),
            (
                "review-disagreement_threshold",
                "review-disagreement",
                &typed.disagreement_threshold,
            ),
            ("review-review_days", "review-days", &typed.review_days),
            (
                "review-reminder_days_before",
                "review-reminder",
                &typed.review_reminder_days,
            ),
        ] {
            b.add(b.field(id, label, value).numeric());
        }
        Vec::new()
    })
}

/// The rubric: a row per criterion.
fn rubric(b: &mut Builder<'_>, typed: &Typed) -> Section {
    b.section("rubric", "rubric", Some("rubric-hint"), |b| {
        b.rows(&typed.rubric, "rubric", "criterion", |b, id, row| {
            b.add(
                b.field(format!("{id}-key"), "key", &row.key)
                    .hint(b.t("key-hint")),
            );
            b.add_texts(&format!("{id}-title"), "row-title", &row.title, false);
            for (f, label, value) in [
                ("weight", "weight", &row.weight),
                ("scale_min", "scale-min", &row.scale_min),
                ("scale_max", "scale-max", &row.scale_max),
            ] {
                b.add(b.field(format!("{id}-{f}"), label, value).numeric());
            }
            b.add_texts(&format!("{id}-guidance"), "guidance", &row.guidance, true);
            let na = b.field(format!("{id}-allow_not_applicable"), "allow-na", "");
            b.add(na.checkbox(row.allow_not_applicable));
        })
    })
}

/// The payment tranches: a row per tranche and the condition that releases it.
fn tranches(b: &mut Builder<'_>, typed: &Typed) -> Section {
    b.section("tranches", "tranches", Some("tranches-hint"), |b| {
        b.rows(&typed.tranches, "tranche", "tranche", |b, id, row| {
            b.add(
                b.field(format!("{id}-key"), "key", &row.key)
                    .hint(b.t("key-hint")),
            );
            b.add(
                b.field(format!("{id}-percent"), "percent", &row.percent)
                    .numeric(),
            );
            let conditions = vec![
                ("agreement_signed", b.t("condition-agreement-signed")),
                ("report_accepted", b.t("condition-report-accepted")),
                ("months_after_start", b.t("condition-months")),
            ];
            let condition = b.field(format!("{id}-condition"), "condition", &row.condition);
            b.add(condition.select(conditions));
            let report = b.field(format!("{id}-report"), "condition-report", &row.report);
            b.add(report.suggest("report-keys"));
            let months = b.field(
                format!("{id}-months"),
                "condition-months-count",
                &row.months,
            );
            b.add(months.numeric());
        })
    })
}

/// The reporting schedule: a row per report and when it is due.
fn reports(b: &mut Builder<'_>, typed: &Typed) -> Section {
    b.section("reports", "reports", Some("reports-hint"), |b| {
        b.rows(&typed.reports, "report", "report", |b, id, row| {
            b.add(
                b.field(format!("{id}-key"), "key", &row.key)
                    .hint(b.t("key-hint")),
            );
            let kinds = vec![
                ("interim", b.t("report-interim")),
                ("final", b.t("report-final")),
            ];
            b.add(
                b.field(format!("{id}-kind"), "report-kind", &row.kind)
                    .select(kinds),
            );
            let months = &row.months_after_start;
            let due = b.field(
                format!("{id}-months_after_start"),
                "months-after-start",
                months,
            );
            b.add(due.numeric());
            b.add_texts(&format!("{id}-title"), "row-title", &row.title, false);
        })
    })
}

/// Reporting: reminders, the attachment limit, and a row per impact indicator.
fn reporting(b: &mut Builder<'_>, typed: &Typed) -> Section {
    b.section("indicators", "reporting", Some("indicators-hint"), |b| {
        for (id, label, value, hint) in [
            (
                "reporting-reminder_days_before",
                "reporting-reminders",
                &typed.report_reminder_days,
                Some("reporting-reminders-hint"),
            ),
            (
                "reporting-overdue_reminder_days",
                "overdue-reminder-days",
                &typed.overdue_reminder_days,
                None,
            ),
            (
                "reporting-max_attachment_bytes",
                "max-attachment-bytes",
                &typed.max_attachment_bytes,
                Some("max-attachment-bytes-hint"),
            ),
        ] {
            let field = b.field(id, label, value).numeric();
            b.add(match hint {
                Some(hint) => field.hint(b.t(hint)),
                None => field,
            });
        }
        b.rows(&typed.indicators, "indicator", "indicator", |b, id, row| {
            b.add(
                b.field(format!("{id}-key"), "key", &row.key)
                    .hint(b.t("key-hint")),
            );
            b.add_texts(&format!("{id}-title"), "row-title", &row.title, false);
        })
    })
}
