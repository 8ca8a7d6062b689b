//! Setting up programmes (calls for proposals) in the browser: the list a
//! programme manager works from, and one form to create or edit a
//! programme with its rubric, payment tranches and reporting schedule.
//!
//! The form is read into the same `ProgrammeInput` the API takes, and the
//! rules stay in the domain: the page maps its fields to the input's paths
//! (`rubric[1].scale_max`) and back, so every problem shows beside the
//! field that caused it. Numbers, amounts and dates that do not read are
//! reported the same way, and what was typed stays in the form.

mod form;

use std::collections::{BTreeMap, BTreeSet};

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use grants_app::programmes::{
    self, ProgrammeFilter, ProgrammeStatus, ProgrammeUpdate, ProgrammeView,
};
use grants_app::{Actor, AppError, PageRequest};
use grants_domain::programme::ProgrammeSpec;
use grants_domain::{Locale, ProgrammeId, ValidationErrors};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use self::form::{Texts, Typed, field_id};
use super::register::COUNTRIES;
use super::{OrPage, StepForm, localized, parse_id, render, render_status, when};
use crate::i18n::text;
use crate::render::native_name;
use crate::session::Viewer;
use crate::{PageError, WebState, status_of};

/// The list's address.
const LIST: &str = "/app/programmes";
/// The new programme's form.
const NEW: &str = "/app/programmes/new";
/// Blank rows offered below the filled ones of each repeated section.
const SPARE_ROWS: usize = 2;
/// Offered in the time zone field: the network's, and UTC. Any IANA zone is taken.
const TIME_ZONES: [&str; 11] = [
    "Europe/Athens",
    "Europe/Belgrade",
    "Europe/Bucharest",
    "Europe/Ljubljana",
    "Europe/Podgorica",
    "Europe/Sarajevo",
    "Europe/Skopje",
    "Europe/Sofia",
    "Europe/Tirane",
    "Europe/Zagreb",
    "UTC",
];
/// Offered in the currency field; any ISO 4217 code with minor units is taken.
const CURRENCIES: [&str; 8] = ["EUR", "ALL", "BAM", "BGN", "MKD", "RON", "RSD", "USD"];

/// This page's strings, as written in the English catalogue. Its pages
/// get them all in the viewer's language as `page.t.<key>` (without the
/// `programme-setup-` prefix, `-` as `_`): the templates stay short, and
/// a misspelt key fails to render in strict mode rather than showing up
/// as the key itself.
const CATALOGUE: &str = include_str!("../../locales/en/programme.ftl");
const PREFIX: &str = "programme-setup-";

/// The keys of this page's catalogue.
fn catalogue_keys() -> impl Iterator<Item = &'static str> {
    CATALOGUE.lines().filter_map(|line| {
        let (key, _) = line.split_once('=')?;
        let key = key.trim();
        key.starts_with(PREFIX).then_some(key)
    })
}

/// This page's strings in `locale`, by short name.
fn labels(locale: Locale) -> BTreeMap<String, String> {
    catalogue_keys()
        .map(|key| {
            let short = key.trim_start_matches(PREFIX).replace('-', "_");
            (short, text(locale, key))
        })
        .collect()
}

/// One of this page's strings in `locale`.
fn t(locale: Locale, short: &str) -> String {
    text(locale, &format!("{PREFIX}{short}"))
}

// ---------------------------------------------------------------------------
// The page

#[derive(Debug, Serialize)]
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

/// One field of the form, with everything its partial shows.
#[derive(Debug, Serialize)]
struct Field {
    id: String,
    name: String,
    label: String,
    value: String,
    /// `text` or `datetime-local`, for inputs.
    input_type: &'static str,
    inputmode: Option<&'static str>,
    /// The id of a list of suggestions.
    list: Option<&'static str>,
    is_checkbox: bool,
    checked: bool,
    is_select: bool,
    options: Vec<Choice>,
    is_textarea: bool,
    /// Takes a whole line of its section.
    wide: bool,
    hint: Option<String>,
    error: Option<String>,
    described_by: Option<String>,
}

impl Field {
    /// A text field; its name is its id with dots (`rubric-0-key` is `rubric.0.key`).
    fn new(id: impl Into<String>, label: String, value: &str) -> Field {
        let id = id.into();
        Field {
            name: id.replace('-', "."),
            id,
            label,
            value: value.to_owned(),
            input_type: "text",
            inputmode: None,
            list: None,
            is_checkbox: false,
            checked: false,
            is_select: false,
            options: Vec::new(),
            is_textarea: false,
            wide: false,
            hint: None,
            error: None,
            described_by: None,
        }
    }

    fn checkbox(self, checked: bool) -> Field {
        Field {
            is_checkbox: true,
            checked,
            wide: true,
            ..self
        }
    }

    fn select(self, options: Vec<(&str, String)>) -> Field {
        let options = options
            .into_iter()
            .map(|(value, label)| Choice {
                selected: value == self.value,
                value: value.to_owned(),
                label,
            })
            .collect();
        Field {
            is_select: true,
            options,
            ..self
        }
    }

    fn textarea(self) -> Field {
        Field {
            is_textarea: true,
            wide: true,
            ..self
        }
    }

    fn numeric(self) -> Field {
        Field {
            inputmode: Some("numeric"),
            ..self
        }
    }

    fn suggest(self, list: &'static str) -> Field {
        Field {
            list: Some(list),
            ..self
        }
    }

    fn hint(self, hint: String) -> Field {
        Field {
            hint: Some(hint),
            ..self
        }
    }
}

#[derive(Debug, Serialize)]
struct Row {
    id: String,
    legend: String,
    fields: Vec<Field>,
}

#[derive(Debug, Serialize)]
struct Section {
    id: &'static str,
    legend: String,
    hint: Option<String>,
    error: Option<String>,
    fields: Vec<Field>,
    rows: Vec<Row>,
}

/// A problem in the summary on top, linking to its field.
#[derive(Debug, Serialize)]
struct Problem {
    id: Option<String>,
    label: String,
    message: String,
}

/// Builds the form's fields, handing each its problem and listing the
/// problems in the order of the page.
struct Builder<'a> {
    locale: Locale,
    /// The languages the texts have fields for.
    locales: &'a BTreeSet<Locale>,
    /// Problems by field id, until their field takes them.
    errors: BTreeMap<String, Vec<String>>,
    problems: Vec<Problem>,
    /// The row being built, which the summary names ("Criterion 2: Weight").
    row: Option<String>,
    /// The fields of the section or row being built.
    fields: Vec<Field>,
}

impl Builder<'_> {
    fn t(&self, short: &str) -> String {
        t(self.locale, short)
    }

    /// A text field labelled with this page's string `label`.
    fn field(&self, id: impl Into<String>, label: &str, value: &str) -> Field {
        Field::new(id, self.t(label), value)
    }

    fn problem(&mut self, id: &str, label: &str) -> Option<String> {
        let message = self.errors.remove(id)?.join(" ");
        self.problems.push(Problem {
            id: Some(id.to_owned()),
            label: match &self.row {
                Some(row) => format!("{row}: {label}"),
                None => label.to_owned(),
            },
            message: message.clone(),
        });
        Some(message)
    }

    /// Adds `field`, with its problem beside it.
    fn add(&mut self, mut field: Field) {
        field.error = self.problem(&field.id, &field.label);
        let described: Vec<String> = [
            field.hint.as_ref().map(|_| format!("hint-{}", field.id)),
            field.error.as_ref().map(|_| format!("error-{}", field.id)),
        ]
        .into_iter()
        .flatten()
        .collect();
        field.described_by = (!described.is_empty()).then(|| described.join(" "));
        self.fields.push(field);
    }

    /// Adds a field per language: `title-en`, `title-mk`, ….
    fn add_texts(&mut self, id: &str, label: &str, values: &Texts, long: bool) {
        for locale in self.locales {
            let value = values.get(locale).map(String::as_str).unwrap_or_default();
            let label = format!("{} ({})", self.t(label), native_name(*locale));
            let field = Field::new(format!("{id}-{}", locale.code()), label, value);
            self.add(if long { field.textarea() } else { field });
        }
    }

    /// Builds a section from the fields `build` adds; a problem of the
    /// whole section (`tranche_template`) shows on top of it.
    fn section(
        &mut self,
        id: &'static str,
        legend: &str,
        hint: Option<&str>,
        build: impl FnOnce(&mut Self) -> Vec<Row>,
    ) -> Section {
        let legend = self.t(legend);
        let error = self.problem(id, &legend);
        let rows = build(self);
        Section {
            id,
            legend,
            hint: hint.map(|h| self.t(h)),
            error,
            fields: std::mem::take(&mut self.fields),
            rows,
        }
    }

    /// Builds the rows of a repeated section, `what 1`, `what 2`, … with
    /// ids `{prefix}-0`, …, from what is typed and some blank rows.
    fn rows<R: Default + Clone>(
        &mut self,
        typed: &[R],
        prefix: &str,
        what: &str,
        build: impl Fn(&mut Self, &str, &R),
    ) -> Vec<Row> {
        let outer = std::mem::take(&mut self.fields);
        let spare = std::iter::repeat_n(R::default(), SPARE_ROWS);
        let rows = typed
            .iter()
            .cloned()
            .chain(spare)
            .enumerate()
            .map(|(n, row)| {
                let legend = format!("{} {}", self.t(what), n + 1);
                self.row = Some(legend.clone());
                let id = format!("{prefix}-{n}");
                build(self, &id, &row);
                self.add(
                    self.field(format!("{id}-remove"), "remove", "")
                        .checkbox(false),
                );
                self.row = None;
                Row {
                    id,
                    legend,
                    fields: std::mem::take(&mut self.fields),
                }
            })
            .collect();
        self.fields = outer;
        rows
    }
}

#[derive(Debug, Serialize)]
struct SetupPage {
    t: BTreeMap<String, String>,
    action: String,
    /// The programme's id, once it exists.
    id: Option<String>,
    /// Its title, once it exists.
    heading: Option<String>,
    revision: i64,
    /// A fingerprint of the programme as the form shows it, to tell what
    /// someone else changed meanwhile.
    seen: String,
    locales: String,
    saved: bool,
    archived_now: bool,
    restored: bool,
    archived: bool,
    /// What someone else changed since the form was shown.
    stale: Option<Vec<String>>,
    problems: Vec<Problem>,
    sections: Vec<Section>,
    add_locales: Vec<Choice>,
    time_zones: &'static [&'static str],
    currencies: &'static [&'static str],
    report_keys: Vec<String>,
}

/// The programme a form edits, when it exists.
struct Existing<'a> {
    view: &'a ProgrammeView,
    viewer_locale: Locale,
}

impl Existing<'_> {
    fn heading(&self) -> String {
        let spec = &self.view.spec;
        format!(
            "{} ({})",
            localized(&spec.title, self.viewer_locale, spec.default_locale),
            spec.code
        )
    }
}

/// Builds the form's page from what is typed and the problems found.
fn setup_page(
    viewer: &Viewer,
    typed: &Typed,
    problems: Option<&ValidationErrors>,
    refusals: Vec<String>,
) -> SetupPage {
    let locale = viewer.locale;
    let main = typed.main_locale();
    let mut errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in problems.map(ValidationErrors::fields).unwrap_or_default() {
        errors
            .entry(field_id(&f.field, main))
            .or_default()
            .push(f.message.clone());
    }
    let mut b = Builder {
        locale,
        locales: &typed.locales,
        errors,
        problems: refusals
            .into_iter()
            .map(|message| Problem {
                id: None,
                label: String::new(),
                message,
            })
            .collect(),
        row: None,
        fields: Vec::new(),
    };
    let sections = vec![
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
            Vec::new()
        }),
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
        }),
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
            Vec::new()
        }),
        // The network's countries, and any other the programme names.
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
        }),
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
        }),
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
        }),
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
        }),
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
        }),
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
        }),
    ];
    // Whatever no field claimed is listed on top all the same.
    let mut problems = b.problems;
    for (_, messages) in b.errors {
        problems.push(Problem {
            id: None,
            label: String::new(),
            message: messages.join(" "),
        });
    }
    let locales = &typed.locales;
    SetupPage {
        t: labels(locale),
        action: NEW.to_owned(),
        id: None,
        heading: None,
        revision: 0,
        seen: String::new(),
        locales: locales
            .iter()
            .map(|l| l.code())
            .collect::<Vec<_>>()
            .join(","),
        saved: false,
        archived_now: false,
        restored: false,
        archived: false,
        stale: None,
        problems,
        sections,
        add_locales: Locale::ALL
            .iter()
            .filter(|l| !locales.contains(l))
            .map(|l| Choice {
                value: l.code().to_owned(),
                label: native_name(*l).to_owned(),
                selected: false,
            })
            .collect(),
        time_zones: &TIME_ZONES,
        currencies: &CURRENCIES,
        report_keys: typed
            .reports
            .iter()
            .map(|r| r.key.trim().to_owned())
            .filter(|k| !k.is_empty())
            .collect(),
    }
}

impl SetupPage {
    /// The page of an existing programme, at the revision the form edits.
    fn of(mut self, existing: &Existing<'_>, revision: i64, seen: String) -> SetupPage {
        let id = existing.view.id.to_string();
        self.action = format!("{LIST}/{id}/setup");
        self.heading = Some(existing.heading());
        self.id = Some(id);
        self.revision = revision;
        self.seen = seen;
        self.archived = existing.view.status == ProgrammeStatus::Archived;
        self
    }
}

fn render_setup(status: StatusCode, viewer: &Viewer, page: SetupPage) -> Response {
    let title = if page.id.is_some() {
        "programme-setup-edit-title"
    } else {
        "programme-setup-new-title"
    };
    render_status(status, viewer, "programme_setup", title, page)
}

/// The problems of a refused save, for the page: by field, or in general.
fn refusal(viewer: &Viewer, error: AppError) -> (ValidationErrors, Vec<String>) {
    match error {
        AppError::Validation(found) => (found, Vec::new()),
        AppError::Duplicate { field: "code" } => (
            ValidationErrors::single("code", "duplicate", t(viewer.locale, "code-taken")),
            Vec::new(),
        ),
        other => (ValidationErrors::default(), vec![other.to_string()]),
    }
}

/// A fingerprint per field of the programme, `code:1a2b3c4d,title:…`, to
/// tell later which fields changed.
fn fingerprint(spec: &ProgrammeSpec) -> String {
    match serde_json::to_value(spec.to_input()) {
        Ok(serde_json::Value::Object(fields)) => fields
            .iter()
            .map(|(name, value)| {
                let digest = Sha256::digest(value.to_string().as_bytes());
                let short: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
                format!("{name}:{short}")
            })
            .collect::<Vec<_>>()
            .join(","),
        _ => String::new(),
    }
}

/// The fields someone else changed since the form showed `seen`, in the
/// manager's words, with the new value where it is short.
fn what_changed(viewer: &Viewer, seen: &str, now: &ProgrammeSpec) -> Vec<String> {
    let before: BTreeMap<&str, &str> = seen.split(',').filter_map(|f| f.split_once(':')).collect();
    if before.is_empty() {
        return Vec::new();
    }
    let current = fingerprint(now);
    let locale = viewer.locale;
    let label_now =
        |label: &str, value: String| format!("{} ({} {value})", t(locale, label), t(locale, "now"));
    current
        .split(',')
        .filter_map(|f| f.split_once(':'))
        .filter(|(name, hash)| before.get(name) != Some(hash))
        .map(|(name, _)| match name {
            "code" => label_now("code", now.code.clone()),
            "title" => label_now(
                "programme-title",
                localized(&now.title, locale, now.default_locale),
            ),
            "default_locale" => {
                label_now("default-locale", native_name(now.default_locale).to_owned())
            }
            "time_zone" => label_now("time-zone", now.time_zone.name().to_owned()),
            "currency" => label_now("currency", now.currency.code().to_owned()),
            "budget" => label_now("budget", now.budget.to_string()),
            "min_award" => label_now("min-award", now.min_award.to_string()),
            "max_award" => label_now("max-award", now.max_award.to_string()),
            "opens_at" => label_now("opens", when(viewer.locale, now, now.opens_at)),
            "closes_at" => label_now("closes", when(viewer.locale, now, now.closes_at)),
            "eligible_countries" => label_now(
                "countries",
                now.eligible_countries
                    .iter()
                    .map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            "reviews_per_proposal" => {
                label_now("reviews-per-proposal", now.reviews_per_proposal.to_string())
            }
            "reviewer_load_cap" => {
                label_now("reviewer-load-cap", now.reviewer_load_cap.to_string())
            }
            "description" => t(locale, "description"),
            "rubric" => t(locale, "rubric"),
            "conflict_policy" => t(locale, "conflicts"),
            "tranche_template" => t(locale, "tranches"),
            "reporting_schedule" => t(locale, "reports"),
            "review" => t(locale, "review"),
            "reporting" => t(locale, "reporting"),
            other => other.to_owned(),
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Handlers

#[derive(Debug, Deserialize)]
pub(crate) struct ListQuery {
    cursor: Option<String>,
}

#[derive(Debug, Serialize)]
struct ListRow {
    id: String,
    code: String,
    title: String,
    status: &'static str,
    status_label: String,
    opens: String,
    closes: String,
}

#[derive(Debug, Serialize)]
struct ListPage {
    t: BTreeMap<String, String>,
    rows: Vec<ListRow>,
    next: Option<String>,
}

/// The programmes a manager sets up, archived ones too.
pub(crate) async fn list(
    State(state): State<WebState>,
    viewer: Viewer,
    Query(query): Query<ListQuery>,
) -> Result<Response, PageError> {
    let actor = viewer.signed_in(LIST)?;
    actor
        .require_any(programmes::MANAGERS, "manage programmes")
        .or_page(&viewer)?;
    let request = PageRequest {
        cursor: query.cursor.filter(|c| !c.is_empty()),
        limit: None,
    };
    let filter = ProgrammeFilter {
        include_archived: true,
    };
    let listed = programmes::list(&state.app, actor, &filter, &request)
        .await
        .or_page(&viewer)?;
    let locale = viewer.locale;
    let rows = listed
        .items
        .iter()
        .map(|p| {
            let status = match p.status {
                ProgrammeStatus::Upcoming => "upcoming",
                ProgrammeStatus::Open => "open",
                ProgrammeStatus::Closed => "closed",
                ProgrammeStatus::Archived => "archived",
            };
            ListRow {
                id: p.id.to_string(),
                code: p.spec.code.clone(),
                title: localized(&p.spec.title, locale, p.spec.default_locale),
                status,
                status_label: t(locale, &format!("status-{status}")),
                opens: when(viewer.locale, &p.spec, p.spec.opens_at),
                closes: when(viewer.locale, &p.spec, p.spec.closes_at),
            }
        })
        .collect();
    Ok(render(
        &viewer,
        "programmes",
        "programme-setup-list-title",
        ListPage {
            t: labels(locale),
            rows,
            next: listed.next_cursor.map(|c| format!("{LIST}?cursor={c}")),
        },
    ))
}

/// The form as sent: every field by name, all text, so that nothing typed
/// is refused before the page can show it beside its field.
type SentForm = BTreeMap<String, String>;

fn csrf(form: &SentForm) -> &str {
    form.get("_csrf").map(String::as_str).unwrap_or_default()
}

pub(crate) async fn new_form(viewer: Viewer) -> Result<Response, PageError> {
    let actor = viewer.signed_in(NEW)?;
    actor
        .require_any(programmes::MANAGERS, "create programmes")
        .or_page(&viewer)?;
    let page = setup_page(&viewer, &Typed::blank(viewer.locale), None, Vec::new());
    Ok(render_setup(StatusCode::OK, &viewer, page))
}

pub(crate) async fn create(
    State(state): State<WebState>,
    viewer: Viewer,
    Form(form): Form<SentForm>,
) -> Result<Response, PageError> {
    let actor = viewer.signed_in(NEW)?;
    viewer.check_form(csrf(&form))?;
    actor
        .require_any(programmes::MANAGERS, "create programmes")
        .or_page(&viewer)?;
    let typed = Typed::from_form(&form);
    if form.contains_key("add_language") {
        let page = setup_page(&viewer, &typed, None, Vec::new());
        return Ok(render_setup(StatusCode::OK, &viewer, page));
    }
    let reading = typed.read(viewer.locale);
    let outcome = if reading.problems.is_empty() {
        programmes::create(&state.app, actor, reading.input.clone())
            .await
            .map_err(|e| reading.quieten(e))
    } else {
        Err(AppError::Validation(reading.all_problems()))
    };
    match outcome {
        Ok(created) => {
            Ok(Redirect::to(&format!("{LIST}/{}/setup?saved", created.id)).into_response())
        }
        Err(error @ (AppError::Forbidden(_) | AppError::NotFound(_) | AppError::Internal(_))) => {
            Err(PageError::Failed {
                viewer: Box::new(viewer.clone()),
                error,
            })
        }
        Err(error) => {
            let status = status_of(&error);
            let (problems, general) = refusal(&viewer, error);
            let page = setup_page(&viewer, &typed, Some(&problems), general);
            Ok(render_setup(status, &viewer, page))
        }
    }
}

/// The programme behind a setup address, for a manager; 403 for anyone
/// else, as the API answers, and 404 for one that does not exist.
async fn programme_to_set_up(
    state: &WebState,
    viewer: &Viewer,
    actor: &Actor,
    raw: &str,
) -> Result<ProgrammeView, PageError> {
    actor
        .require_any(programmes::MANAGERS, "edit programmes")
        .or_page(viewer)?;
    let id: ProgrammeId = parse_id(raw, viewer, "programme")?;
    programmes::get(&state.app, actor, id).await.or_page(viewer)
}

pub(crate) async fn edit_form(
    State(state): State<WebState>,
    viewer: Viewer,
    Path(raw): Path<String>,
    Query(flags): Query<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let here = format!("{LIST}/{raw}/setup");
    let actor = viewer.signed_in(&here)?;
    let programme = programme_to_set_up(&state, &viewer, actor, &raw).await?;
    let existing = Existing {
        view: &programme,
        viewer_locale: viewer.locale,
    };
    let typed = Typed::from_spec(&programme.spec);
    let mut page = setup_page(&viewer, &typed, None, Vec::new()).of(
        &existing,
        programme.revision,
        fingerprint(&programme.spec),
    );
    page.saved = flags.contains_key("saved");
    page.archived_now = flags.contains_key("archived");
    page.restored = flags.contains_key("restored");
    Ok(render_setup(StatusCode::OK, &viewer, page))
}

pub(crate) async fn update(
    State(state): State<WebState>,
    viewer: Viewer,
    Path(raw): Path<String>,
    Form(form): Form<SentForm>,
) -> Result<Response, PageError> {
    let here = format!("{LIST}/{raw}/setup");
    let actor = viewer.signed_in(&here)?;
    viewer.check_form(csrf(&form))?;
    let current = programme_to_set_up(&state, &viewer, actor, &raw).await?;
    let existing = Existing {
        view: &current,
        viewer_locale: viewer.locale,
    };
    let typed = Typed::from_form(&form);
    let revision = form
        .get("revision")
        .and_then(|r| r.trim().parse::<i64>().ok());
    let seen = form.get("seen").cloned().unwrap_or_default();
    if form.contains_key("add_language") {
        let page = setup_page(&viewer, &typed, None, Vec::new()).of(
            &existing,
            revision.unwrap_or(current.revision),
            seen,
        );
        return Ok(render_setup(StatusCode::OK, &viewer, page));
    }
    let reading = typed.read(viewer.locale);
    let outcome = if reading.problems.is_empty() {
        let update = ProgrammeUpdate {
            revision,
            changes: reading.input.clone(),
        };
        programmes::update(&state.app, actor, current.id, update, None)
            .await
            .map(|_| ())
            .map_err(|e| reading.quieten(e))
    } else {
        Err(AppError::Validation(reading.all_problems()))
    };
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("{here}?saved")).into_response()),
        Err(error @ (AppError::Forbidden(_) | AppError::NotFound(_) | AppError::Internal(_))) => {
            Err(PageError::Failed {
                viewer: Box::new(viewer.clone()),
                error,
            })
        }
        // Someone saved meanwhile: say what they changed, keep what was
        // typed, and let a second save knowingly replace their version.
        Err(error @ AppError::StaleRevision { .. }) => {
            let status = status_of(&error);
            let changed = what_changed(&viewer, &seen, &current.spec);
            let mut page = setup_page(&viewer, &typed, None, Vec::new()).of(
                &existing,
                current.revision,
                fingerprint(&current.spec),
            );
            page.stale = Some(changed);
            Ok(render_setup(status, &viewer, page))
        }
        Err(error) => {
            let status = status_of(&error);
            let (problems, general) = refusal(&viewer, error);
            let page = setup_page(&viewer, &typed, Some(&problems), general).of(
                &existing,
                revision.unwrap_or(current.revision),
                seen,
            );
            Ok(render_setup(status, &viewer, page))
        }
    }
}

/// Archives a programme: it leaves the lists until restored.
pub(crate) async fn archive(
    state: State<WebState>,
    viewer: Viewer,
    Path(raw): Path<String>,
    Form(form): Form<StepForm>,
) -> Result<Response, PageError> {
    set_archived(state, viewer, raw, form, true).await
}

/// Restores an archived programme.
pub(crate) async fn restore(
    state: State<WebState>,
    viewer: Viewer,
    Path(raw): Path<String>,
    Form(form): Form<StepForm>,
) -> Result<Response, PageError> {
    set_archived(state, viewer, raw, form, false).await
}

async fn set_archived(
    State(state): State<WebState>,
    viewer: Viewer,
    raw: String,
    form: StepForm,
    archived: bool,
) -> Result<Response, PageError> {
    let here = format!("{LIST}/{raw}/setup");
    let actor = viewer.signed_in(&here)?;
    viewer.check_form(&form.csrf)?;
    let id: ProgrammeId = parse_id(&raw, &viewer, "programme")?;
    programmes::set_archived(&state.app, actor, id, archived, form.revision)
        .await
        .or_page(&viewer)?;
    let flag = if archived { "archived" } else { "restored" };
    Ok(Redirect::to(&format!("{here}?{flag}")).into_response())
}

#[cfg(test)]
mod tests;
