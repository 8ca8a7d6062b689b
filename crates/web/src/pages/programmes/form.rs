//! The setup form as typed: every field as text, read from a programme
//! or from the form sent, and read into the use case's input with what
//! does not read named by the input's path; and the way back from a path
//! to the form field it names.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, LocalResult, NaiveDateTime, TimeZone, Utc};
use grants_app::AppError;
use grants_domain::programme::{
    ConflictPolicy, CriterionInput, IndicatorInput, LocalizedText, MoneyInput, ProgrammeInput,
    ProgrammeSpec, ReportInput, ReportKind, ReportingSettings, ReportingSettingsInput,
    ReviewSettings, ReviewSettingsInput, TrancheCondition, TrancheInput,
};
use grants_domain::{Currency, Locale, ValidationErrors};

use super::t;
use crate::pages::draft::amount_text;

/// Text in several languages, as typed.
pub(super) type Texts = BTreeMap<Locale, String>;

#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct CriterionRow {
    pub(super) key: String,
    pub(super) title: Texts,
    pub(super) weight: String,
    pub(super) scale_min: String,
    pub(super) scale_max: String,
    pub(super) guidance: Texts,
    pub(super) allow_not_applicable: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct TrancheRow {
    pub(super) key: String,
    pub(super) percent: String,
    /// `agreement_signed`, `report_accepted` or `months_after_start`.
    pub(super) condition: String,
    pub(super) report: String,
    pub(super) months: String,
}

impl Default for TrancheRow {
    fn default() -> Self {
        Self {
            key: String::new(),
            percent: String::new(),
            condition: "agreement_signed".into(),
            report: String::new(),
            months: String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct ReportRow {
    pub(super) key: String,
    /// `interim` or `final`.
    pub(super) kind: String,
    pub(super) months_after_start: String,
    pub(super) title: Texts,
}

impl Default for ReportRow {
    fn default() -> Self {
        Self {
            key: String::new(),
            kind: "interim".into(),
            months_after_start: String::new(),
            title: Texts::new(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct IndicatorRow {
    pub(super) key: String,
    pub(super) title: Texts,
}

/// Everything the form holds, as typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Typed {
    /// The languages the texts have fields for.
    pub(super) locales: BTreeSet<Locale>,
    pub(super) code: String,
    pub(super) title: Texts,
    pub(super) description: Texts,
    pub(super) default_locale: String,
    pub(super) time_zone: String,
    pub(super) currency: String,
    pub(super) budget: String,
    pub(super) min_award: String,
    pub(super) max_award: String,
    /// Local date and time in the programme's time zone, `2027-03-12T16:00`.
    pub(super) opens_at: String,
    pub(super) closes_at: String,
    /// The ticked countries.
    pub(super) countries: BTreeSet<String>,
    pub(super) other_countries: String,
    pub(super) reviews_per_proposal: String,
    pub(super) reviewer_load_cap: String,
    pub(super) same_organisation: bool,
    pub(super) same_country: bool,
    pub(super) blind: bool,
    pub(super) share_reviews: bool,
    pub(super) comments_to_applicant: bool,
    /// Approving and paying tranches needs two-step sign-in from everyone.
    pub(super) second_factor_for_money: bool,
    /// Shown on the public showcase.
    pub(super) showcase: bool,
    pub(super) normalise: bool,
    pub(super) normalise_min_reviews: String,
    pub(super) disagreement_threshold: String,
    pub(super) review_days: String,
    pub(super) review_reminder_days: String,
    pub(super) report_reminder_days: String,
    pub(super) overdue_reminder_days: String,
    pub(super) max_attachment_bytes: String,
    pub(super) indicators: Vec<IndicatorRow>,
    pub(super) rubric: Vec<CriterionRow>,
    pub(super) tranches: Vec<TrancheRow>,
    pub(super) reports: Vec<ReportRow>,
}

fn texts(text: &LocalizedText) -> Texts {
    text.iter().map(|(l, s)| (*l, s.clone())).collect()
}

fn local_input(spec: &ProgrammeSpec, at: DateTime<Utc>) -> String {
    at.with_timezone(&spec.time_zone)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

impl Typed {
    /// A new programme's form: the domain's defaults for the jury and
    /// reporting settings, texts in English, Macedonian and the manager's
    /// own language.
    pub(super) fn blank(locale: Locale) -> Typed {
        let review = ReviewSettings::default();
        let reporting = ReportingSettings::default();
        let conflicts = ConflictPolicy::default();
        let mut typed = Typed {
            locales: BTreeSet::from([Locale::En, Locale::Mk, locale]),
            default_locale: locale.code().to_owned(),
            same_organisation: conflicts.same_organisation,
            same_country: conflicts.same_country,
            ..Typed::default()
        };
        typed.set_review(&review);
        typed.set_reporting(&reporting);
        typed
    }

    /// The form of an existing programme.
    pub(super) fn from_spec(spec: &ProgrammeSpec) -> Typed {
        let mut typed = Typed {
            code: spec.code.clone(),
            title: texts(&spec.title),
            description: texts(&spec.description),
            default_locale: spec.default_locale.code().to_owned(),
            time_zone: spec.time_zone.name().to_owned(),
            currency: spec.currency.code().to_owned(),
            budget: amount_text(spec.budget),
            min_award: amount_text(spec.min_award),
            max_award: amount_text(spec.max_award),
            opens_at: local_input(spec, spec.opens_at),
            closes_at: local_input(spec, spec.closes_at),
            countries: spec
                .eligible_countries
                .iter()
                .map(|c| c.as_str().to_owned())
                .collect(),
            reviews_per_proposal: spec.reviews_per_proposal.to_string(),
            reviewer_load_cap: spec.reviewer_load_cap.to_string(),
            same_organisation: spec.conflict_policy.same_organisation,
            same_country: spec.conflict_policy.same_country,
            rubric: spec
                .rubric
                .iter()
                .map(|c| CriterionRow {
                    key: c.key.clone(),
                    title: texts(&c.title),
                    weight: c.weight.to_string(),
                    scale_min: c.scale_min.to_string(),
                    scale_max: c.scale_max.to_string(),
                    guidance: texts(&c.guidance),
                    allow_not_applicable: c.allow_not_applicable,
                })
                .collect(),
            tranches: spec
                .tranche_template
                .iter()
                .map(|t| {
                    let mut row = TrancheRow {
                        key: t.key.clone(),
                        percent: t.percent.to_string(),
                        ..TrancheRow::default()
                    };
                    match &t.condition {
                        TrancheCondition::AgreementSigned => {}
                        TrancheCondition::ReportAccepted { report } => {
                            row.condition = "report_accepted".into();
                            row.report = report.clone();
                        }
                        TrancheCondition::MonthsAfterStart { months } => {
                            row.condition = "months_after_start".into();
                            row.months = months.to_string();
                        }
                    }
                    row
                })
                .collect(),
            reports: spec
                .reporting_schedule
                .iter()
                .map(|r| ReportRow {
                    key: r.key.clone(),
                    kind: match r.kind {
                        ReportKind::Interim => "interim".into(),
                        ReportKind::Final => "final".into(),
                    },
                    months_after_start: r.months_after_start.to_string(),
                    title: texts(&r.title),
                })
                .collect(),
            second_factor_for_money: spec.second_factor_for_money,
            showcase: spec.showcase,
            ..Typed::default()
        };
        typed.set_review(&spec.review);
        typed.set_reporting(&spec.reporting);
        typed.locales = typed.used_locales();
        typed.locales.insert(spec.default_locale);
        typed
    }

    fn set_review(&mut self, review: &ReviewSettings) {
        self.blind = review.blind;
        self.share_reviews = review.share_reviews_after_submission;
        self.comments_to_applicant = review.comments_to_applicant;
        self.normalise = review.normalise;
        self.normalise_min_reviews = review.normalise_min_reviews.to_string();
        self.disagreement_threshold = review.disagreement_threshold.to_string();
        self.review_days = review.review_days.to_string();
        self.review_reminder_days = review.reminder_days_before.to_string();
    }

    fn set_reporting(&mut self, reporting: &ReportingSettings) {
        self.indicators = reporting
            .indicators
            .iter()
            .map(|i| IndicatorRow {
                key: i.key.clone(),
                title: texts(&i.title),
            })
            .collect();
        self.report_reminder_days = reporting
            .reminder_days_before
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        self.overdue_reminder_days = reporting.overdue_reminder_days.to_string();
        self.max_attachment_bytes = reporting.max_attachment_bytes.to_string();
    }

    /// Every language some text is written in.
    fn used_locales(&self) -> BTreeSet<Locale> {
        let filled = |t: &Texts| {
            t.iter()
                .filter(|(_, s)| !s.trim().is_empty())
                .map(|(l, _)| *l)
                .collect::<Vec<_>>()
        };
        let mut used: BTreeSet<Locale> = BTreeSet::new();
        used.extend(filled(&self.title));
        used.extend(filled(&self.description));
        for c in &self.rubric {
            used.extend(filled(&c.title));
            used.extend(filled(&c.guidance));
        }
        for r in &self.reports {
            used.extend(filled(&r.title));
        }
        for i in &self.indicators {
            used.extend(filled(&i.title));
        }
        used
    }

    /// The form as sent. Blank rows and rows ticked for removal are left out.
    pub(super) fn from_form(form: &BTreeMap<String, String>) -> Typed {
        let get = |k: &str| form.get(k).cloned().unwrap_or_default();
        let ticked = |k: &str| form.contains_key(k);
        let texts = |prefix: &str| -> Texts {
            Locale::ALL
                .iter()
                .filter_map(|l| {
                    form.get(&format!("{prefix}.{}", l.code()))
                        .map(|v| (*l, v.clone()))
                })
                .collect()
        };
        let rubric = indexes(form, "rubric.")
            .into_iter()
            .filter(|n| !ticked(&format!("rubric.{n}.remove")))
            .map(|n| {
                let f = |name: &str| get(&format!("rubric.{n}.{name}"));
                CriterionRow {
                    key: f("key"),
                    title: texts(&format!("rubric.{n}.title")),
                    weight: f("weight"),
                    scale_min: f("scale_min"),
                    scale_max: f("scale_max"),
                    guidance: texts(&format!("rubric.{n}.guidance")),
                    allow_not_applicable: ticked(&format!("rubric.{n}.allow_not_applicable")),
                }
            })
            .filter(|r| {
                !blank(&[&r.key, &r.weight, &r.scale_min, &r.scale_max])
                    || !blank_texts(&r.title)
                    || !blank_texts(&r.guidance)
            })
            .collect();
        let tranches = indexes(form, "tranche.")
            .into_iter()
            .filter(|n| !ticked(&format!("tranche.{n}.remove")))
            .map(|n| {
                let f = |name: &str| get(&format!("tranche.{n}.{name}"));
                TrancheRow {
                    key: f("key"),
                    percent: f("percent"),
                    condition: f("condition"),
                    report: f("report"),
                    months: f("months"),
                }
            })
            .filter(|r| !blank(&[&r.key, &r.percent, &r.report, &r.months]))
            .collect();
        let reports = indexes(form, "report.")
            .into_iter()
            .filter(|n| !ticked(&format!("report.{n}.remove")))
            .map(|n| {
                let f = |name: &str| get(&format!("report.{n}.{name}"));
                ReportRow {
                    key: f("key"),
                    kind: f("kind"),
                    months_after_start: f("months_after_start"),
                    title: texts(&format!("report.{n}.title")),
                }
            })
            .filter(|r| !blank(&[&r.key, &r.months_after_start]) || !blank_texts(&r.title))
            .collect();
        let indicators = indexes(form, "indicator.")
            .into_iter()
            .filter(|n| !ticked(&format!("indicator.{n}.remove")))
            .map(|n| IndicatorRow {
                key: get(&format!("indicator.{n}.key")),
                title: texts(&format!("indicator.{n}.title")),
            })
            .filter(|r| !blank(&[&r.key]) || !blank_texts(&r.title))
            .collect();
        let mut typed = Typed {
            locales: BTreeSet::new(),
            code: get("code"),
            title: texts("title"),
            description: texts("description"),
            default_locale: get("default_locale"),
            time_zone: get("time_zone"),
            currency: get("currency"),
            budget: get("budget"),
            min_award: get("min_award"),
            max_award: get("max_award"),
            opens_at: get("opens_at"),
            closes_at: get("closes_at"),
            countries: form
                .keys()
                .filter_map(|k| k.strip_prefix("country."))
                .map(str::to_owned)
                .collect(),
            other_countries: get("other_countries"),
            reviews_per_proposal: get("reviews_per_proposal"),
            reviewer_load_cap: get("reviewer_load_cap"),
            same_organisation: ticked("conflict.same_organisation"),
            same_country: ticked("conflict.same_country"),
            blind: ticked("review.blind"),
            share_reviews: ticked("review.share_reviews_after_submission"),
            comments_to_applicant: ticked("review.comments_to_applicant"),
            second_factor_for_money: ticked("second_factor_for_money"),
            showcase: ticked("showcase"),
            normalise: ticked("review.normalise"),
            normalise_min_reviews: get("review.normalise_min_reviews"),
            disagreement_threshold: get("review.disagreement_threshold"),
            review_days: get("review.review_days"),
            review_reminder_days: get("review.reminder_days_before"),
            report_reminder_days: get("reporting.reminder_days_before"),
            overdue_reminder_days: get("reporting.overdue_reminder_days"),
            max_attachment_bytes: get("reporting.max_attachment_bytes"),
            indicators,
            rubric,
            tranches,
            reports,
        };
        // The languages shown before stay, with the default one and any
        // written in; "add a language" adds one.
        let mut locales = typed.used_locales();
        locales.extend(
            get("locales")
                .split(',')
                .filter_map(|l| Locale::parse(l.trim()).ok()),
        );
        locales.extend(Locale::parse(&typed.default_locale).ok());
        if ticked("add_language") {
            locales.extend(Locale::parse(&get("add_locale")).ok());
        }
        if locales.is_empty() {
            locales.insert(Locale::En);
        }
        typed.locales = locales;
        typed
    }

    /// The language a text without one is reported in: the default one
    /// when it reads, else the first shown.
    pub(super) fn main_locale(&self) -> Locale {
        Locale::parse(&self.default_locale)
            .ok()
            .or_else(|| self.locales.first().copied())
            .unwrap_or(Locale::En)
    }
}

/// The row numbers a repeated section's fields carry (`rubric.3.key` → 3), in order.
fn indexes(form: &BTreeMap<String, String>, prefix: &str) -> Vec<usize> {
    form.keys()
        .filter_map(|k| k.strip_prefix(prefix)?.split('.').next()?.parse().ok())
        .collect::<BTreeSet<usize>>()
        .into_iter()
        .collect()
}

fn blank(values: &[&String]) -> bool {
    values.iter().all(|v| v.trim().is_empty())
}

fn blank_texts(texts: &Texts) -> bool {
    texts.values().all(|v| v.trim().is_empty())
}

// From what was typed to the use case's input

/// The input, with what the page itself could not read.
#[derive(Debug)]
pub(super) struct Reading {
    pub(super) input: ProgrammeInput,
    /// Numbers, amounts, dates and choices that do not read, by input path.
    pub(super) problems: ValidationErrors,
    /// Paths whose problems the domain would report again, or report
    /// misleadingly because another field is wrong: the page's message
    /// stands for them.
    pub(super) quiet: Vec<String>,
}

impl Reading {
    /// True when the domain's problem at `path` is already told.
    fn is_quiet(&self, path: &str) -> bool {
        self.quiet.iter().any(|q| {
            path == q
                || path
                    .strip_prefix(q.as_str())
                    .is_some_and(|rest| rest.starts_with(['.', '[']))
        })
    }

    /// The domain's problems, less those the page tells itself.
    fn untold(&self, found: &ValidationErrors) -> ValidationErrors {
        let mut untold = ValidationErrors::default();
        for f in found.fields().iter().filter(|f| !self.is_quiet(&f.field)) {
            untold.push(f.field.clone(), &f.code, f.message.clone());
        }
        untold
    }

    /// Every problem at once: the page's own, then the domain's about the rest.
    pub(super) fn all_problems(&self) -> ValidationErrors {
        let mut all = self.problems.clone();
        if let Err(domain) = self.input.clone().validate() {
            all.0.extend(self.untold(&domain).0);
        }
        all
    }

    /// The use case's refusal, less what the page tells itself.
    pub(super) fn quieten(&self, error: AppError) -> AppError {
        match error {
            AppError::Validation(found) => AppError::Validation(self.untold(&found)),
            other => other,
        }
    }
}

pub(super) struct Reader {
    pub(super) locale: Locale,
    pub(super) problems: ValidationErrors,
    pub(super) quiet: Vec<String>,
}

impl Reader {
    fn fail(&mut self, path: &str, code: &str, message: &str) {
        self.problems.push(path, code, t(self.locale, message));
        self.quiet.push(path.to_owned());
    }

    /// A whole number, or `None` when left empty.
    fn whole(&mut self, path: &str, raw: &str) -> Option<i64> {
        let raw = raw.trim();
        if raw.is_empty() {
            return None;
        }
        match raw.parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => {
                self.fail(path, "not_a_number", "not-a-number");
                None
            }
        }
    }

    /// A whole number the input cannot do without. Zero stands in for a
    /// missing or unreadable one, whose problem is already recorded.
    fn required_whole(&mut self, path: &str, raw: &str) -> i64 {
        if raw.trim().is_empty() {
            self.fail(path, "required", "number-required");
            return 0;
        }
        self.whole(path, raw).unwrap_or(0)
    }

    /// An amount in the programme's currency, or `None` when left empty.
    fn amount(&mut self, path: &str, raw: &str, currency: &str) -> Option<MoneyInput> {
        if raw.trim().is_empty() {
            return None;
        }
        // Without a currency that reads, its decimals are unknown: the
        // amount is read as euros, only to catch what is no amount at all.
        let parsed = Currency::parse(currency).unwrap_or(Currency::EUR);
        match parsed.parse_amount(raw) {
            Ok(minor) => Some(MoneyInput {
                minor,
                currency: currency.trim().to_owned(),
            }),
            Err(e) => {
                self.problems.push_parse(path, e);
                self.quiet.push(path.to_owned());
                None
            }
        }
    }

    /// A local date and time in `zone`, as a moment.
    pub(super) fn moment(
        &mut self,
        path: &str,
        raw: &str,
        zone: Option<chrono_tz::Tz>,
    ) -> Option<DateTime<Utc>> {
        let raw = raw.trim();
        if raw.is_empty() {
            return None;
        }
        let Some(zone) = zone else {
            // The time zone's own problem is reported; the date waits for it.
            self.quiet.push(path.to_owned());
            return None;
        };
        let local = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
            .iter()
            .find_map(|format| NaiveDateTime::parse_from_str(raw, format).ok());
        let Some(local) = local else {
            self.fail(path, "not_a_date", "not-a-date");
            return None;
        };
        match zone.from_local_datetime(&local) {
            LocalResult::Single(at) => Some(at.with_timezone(&Utc)),
            // An hour the clocks go back over happens twice: the first one.
            LocalResult::Ambiguous(first, _) => Some(first.with_timezone(&Utc)),
            LocalResult::None => {
                self.fail(path, "time_gap", "time-gap");
                None
            }
        }
    }
}

/// The texts that were written, by language code.
fn written(texts: &Texts) -> BTreeMap<String, String> {
    texts
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(l, v)| (l.code().to_owned(), v.clone()))
        .collect()
}

fn given(raw: &str) -> Option<String> {
    Some(raw.trim().to_owned()).filter(|s| !s.is_empty())
}

impl Typed {
    /// The use case's input, and what could not be read into it.
    pub(super) fn read(&self, locale: Locale) -> Reading {
        let mut r = Reader {
            locale,
            problems: ValidationErrors::default(),
            quiet: Vec::new(),
        };
        if Currency::parse(&self.currency).is_err() {
            // The currency's problem is reported once, at the currency.
            r.quiet
                .extend(["budget", "min_award", "max_award"].map(|f| format!("{f}.currency")));
        }
        let zone = self.time_zone.trim().parse::<chrono_tz::Tz>().ok();
        let mut countries: BTreeSet<String> = self
            .countries
            .iter()
            .map(|c| c.trim().to_ascii_uppercase())
            .collect();
        countries.extend(
            self.other_countries
                .split([',', ';', ' '])
                .map(|c| c.trim().to_ascii_uppercase())
                .filter(|c| !c.is_empty()),
        );
        let rubric: Vec<CriterionInput> = self
            .rubric
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let path = |f: &str| format!("rubric[{i}].{f}");
                CriterionInput {
                    key: c.key.clone(),
                    title: written(&c.title),
                    weight: r.required_whole(&path("weight"), &c.weight),
                    scale_min: r.required_whole(&path("scale_min"), &c.scale_min),
                    scale_max: r.required_whole(&path("scale_max"), &c.scale_max),
                    guidance: written(&c.guidance),
                    allow_not_applicable: c.allow_not_applicable,
                }
            })
            .collect();
        let tranches: Vec<TrancheInput> = self
            .tranches
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let path = |f: &str| format!("tranche_template[{i}].{f}");
                let condition = match row.condition.as_str() {
                    "agreement_signed" => TrancheCondition::AgreementSigned,
                    "report_accepted" => TrancheCondition::ReportAccepted {
                        report: row.report.trim().to_owned(),
                    },
                    "months_after_start" => TrancheCondition::MonthsAfterStart {
                        months: r.required_whole(&path("condition.months"), &row.months),
                    },
                    _ => {
                        r.fail(&path("condition"), "unknown_condition", "unknown-condition");
                        TrancheCondition::AgreementSigned
                    }
                };
                TrancheInput {
                    key: row.key.clone(),
                    percent: r.required_whole(&path("percent"), &row.percent),
                    condition,
                }
            })
            .collect();
        let reports: Vec<ReportInput> = self
            .reports
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let path = |f: &str| format!("reporting_schedule[{i}].{f}");
                let kind = match row.kind.as_str() {
                    "interim" => ReportKind::Interim,
                    "final" => ReportKind::Final,
                    _ => {
                        r.fail(&path("kind"), "unknown_kind", "unknown-kind");
                        ReportKind::Interim
                    }
                };
                ReportInput {
                    key: row.key.clone(),
                    kind,
                    months_after_start: r
                        .required_whole(&path("months_after_start"), &row.months_after_start),
                    title: written(&row.title),
                }
            })
            .collect();
        let mut reminder_days = Vec::new();
        for day in self
            .report_reminder_days
            .split([',', ';', ' '])
            .filter(|d| !d.trim().is_empty())
        {
            match r.whole("reporting.reminder_days_before", day) {
                Some(d) => reminder_days.push(d),
                None => break,
            }
        }
        let review = ReviewSettingsInput {
            blind: Some(self.blind),
            share_reviews_after_submission: Some(self.share_reviews),
            comments_to_applicant: Some(self.comments_to_applicant),
            normalise: Some(self.normalise),
            normalise_min_reviews: r
                .whole("review.normalise_min_reviews", &self.normalise_min_reviews),
            disagreement_threshold: r.whole(
                "review.disagreement_threshold",
                &self.disagreement_threshold,
            ),
            review_days: r.whole("review.review_days", &self.review_days),
            reminder_days_before: r
                .whole("review.reminder_days_before", &self.review_reminder_days),
        };
        let reporting = ReportingSettingsInput {
            indicators: Some(
                self.indicators
                    .iter()
                    .map(|i| IndicatorInput {
                        key: i.key.clone(),
                        title: written(&i.title),
                    })
                    .collect(),
            ),
            reminder_days_before: Some(reminder_days),
            overdue_reminder_days: r.whole(
                "reporting.overdue_reminder_days",
                &self.overdue_reminder_days,
            ),
            max_attachment_bytes: r
                .whole("reporting.max_attachment_bytes", &self.max_attachment_bytes),
        };
        let input = ProgrammeInput {
            code: given(&self.code),
            title: Some(written(&self.title)),
            description: Some(written(&self.description)),
            default_locale: given(&self.default_locale),
            time_zone: given(&self.time_zone),
            currency: given(&self.currency),
            budget: r.amount("budget", &self.budget, &self.currency),
            min_award: r.amount("min_award", &self.min_award, &self.currency),
            max_award: r.amount("max_award", &self.max_award, &self.currency),
            opens_at: r.moment("opens_at", &self.opens_at, zone),
            closes_at: r.moment("closes_at", &self.closes_at, zone),
            eligible_countries: Some(countries.into_iter().collect()),
            rubric: Some(rubric),
            reviews_per_proposal: r.whole("reviews_per_proposal", &self.reviews_per_proposal),
            reviewer_load_cap: r.whole("reviewer_load_cap", &self.reviewer_load_cap),
            conflict_policy: Some(ConflictPolicy {
                same_organisation: self.same_organisation,
                same_country: self.same_country,
            }),
            tranche_template: Some(tranches),
            reporting_schedule: Some(reports),
            second_factor_for_money: Some(self.second_factor_for_money),
            showcase: Some(self.showcase),
            review: Some(review),
            reporting: Some(reporting),
        };
        Reading {
            input,
            problems: r.problems,
            quiet: r.quiet,
        }
    }
}

// From the input's paths back to the form's fields

/// The id of the form field an input path names: `rubric[1].scale_max` is
/// `rubric-1-scale_max`, `title.mk` is `title-mk`; a problem of a whole
/// section (`tranche_template`) goes to the section.
pub(super) fn field_id(path: &str, main: Locale) -> String {
    let at = path.find(['.', '[']).unwrap_or(path.len());
    let (head, rest) = path.split_at(at);
    let sub = rest.strip_prefix('.').unwrap_or(rest);
    match head {
        "title" | "description" => match Locale::parse(sub) {
            Ok(locale) if !sub.is_empty() => format!("{head}-{}", locale.code()),
            _ => format!("{head}-{}", main.code()),
        },
        "rubric" => row_field("rubric", "rubric", rest, main),
        "tranche_template" => row_field("tranches", "tranche", rest, main),
        "reporting_schedule" => row_field("reports", "report", rest, main),
        "review" => format!("review-{sub}"),
        "reporting" => {
            if let Some(rows) = sub.strip_prefix("indicators") {
                row_field("indicators", "indicator", rows, main)
            } else {
                let field = sub.split('[').next().unwrap_or(sub);
                format!("reporting-{field}")
            }
        }
        // `budget.minor`, `eligible_countries[3]`: the field itself.
        _ => head.to_owned(),
    }
}

/// A field of a row: `[2].title.mk` → `{row}-2-title-mk`; the section's id
/// for a problem of the whole section.
fn row_field(section: &str, row: &str, rest: &str, main: Locale) -> String {
    let Some((n, tail)) = rest
        .strip_prefix('[')
        .and_then(|inner| inner.split_once(']'))
    else {
        return section.to_owned();
    };
    let Ok(n) = n.parse::<usize>() else {
        return section.to_owned();
    };
    let tail = tail.trim_start_matches('.');
    // A tranche's condition fields sit in the row: `condition.report` is its `report`.
    let tail = tail.strip_prefix("condition.").unwrap_or(tail);
    match tail.split('.').collect::<Vec<_>>().as_slice() {
        [""] => format!("{row}-{n}-key"),
        [field @ ("title" | "guidance")] => format!("{row}-{n}-{field}-{}", main.code()),
        [field, locale] => format!("{row}-{n}-{field}-{locale}"),
        parts => format!("{row}-{n}-{}", parts.join("-")),
    }
}
