//! Programmes (calls for proposals): what a manager sends, and the checked
//! specification the rest of the service relies on.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{CountryCode, Currency, Locale, Money, ValidationErrors};

/// Text in several languages, keyed by locale.
pub type LocalizedText = BTreeMap<Locale, String>;

/// An amount as sent by a client, before its currency is checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MoneyInput {
    /// Integer minor units (cents, deni, …).
    pub minor: i64,
    /// ISO 4217 code; must be the programme's currency.
    pub currency: String,
}

impl From<Money> for MoneyInput {
    fn from(m: Money) -> Self {
        Self {
            minor: m.minor,
            currency: m.currency.code().to_owned(),
        }
    }
}

/// One rubric criterion as sent by a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CriterionInput {
    /// Short stable key, e.g. `impact`.
    pub key: String,
    /// The criterion's name per locale; must include the programme's default locale.
    pub title: BTreeMap<String, String>,
    /// Relative weight, a positive whole number.
    pub weight: i64,
    /// Lowest score on the scale.
    pub scale_min: i64,
    /// Highest score on the scale.
    pub scale_max: i64,
    /// Guidance for reviewers per locale.
    #[serde(default)]
    pub guidance: BTreeMap<String, String>,
    /// Whether a reviewer may mark the criterion not applicable.
    #[serde(default)]
    pub allow_not_applicable: bool,
}

/// When a tranche may be requested.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum TrancheCondition {
    /// Once the grantee has signed the agreement.
    AgreementSigned,
    /// Once the named report of the reporting schedule is accepted.
    ReportAccepted {
        /// Key of a report in the programme's reporting schedule.
        report: String,
    },
    /// Once the given number of months has passed since the grant started.
    MonthsAfterStart {
        /// Whole months after the grant's start.
        months: i64,
    },
}

/// One tranche of the programme's payment template as sent by a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TrancheInput {
    /// Short stable key, e.g. `signing`.
    pub key: String,
    /// Share of the award in whole percent; all tranches add up to 100.
    pub percent: i64,
    /// When the tranche may be requested.
    pub condition: TrancheCondition,
}

/// Whether a report is an interim or the final one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// A progress report during the grant.
    Interim,
    /// The closing report; accepting it can close the grant.
    Final,
}

/// One report of the programme's reporting schedule as sent by a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportInput {
    /// Short stable key, e.g. `interim`.
    pub key: String,
    /// Interim or final.
    pub kind: ReportKind,
    /// Due this many whole months after the grant starts.
    pub months_after_start: i64,
    /// The report's name per locale, as grantees read it ("Interim report");
    /// the key when omitted.
    #[serde(default)]
    pub title: BTreeMap<String, String>,
}

/// Which conflicts of interest are detected automatically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConflictPolicy {
    /// A reviewer never reviews a proposal from their own organisation.
    pub same_organisation: bool,
    /// A reviewer never reviews a proposal from their own country (cross-country juries).
    pub same_country: bool,
}

impl Default for ConflictPolicy {
    fn default() -> Self {
        Self {
            same_organisation: true,
            same_country: true,
        }
    }
}

/// How the jury works in a programme, as a client sends it; every field
/// optional, with the defaults of [`ReviewSettings`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewSettingsInput {
    /// Hide the applicant's name and organisation from reviewers.
    pub blind: Option<bool>,
    /// Let a reviewer read the other reviews of a proposal once their own is submitted.
    pub share_reviews_after_submission: Option<bool>,
    /// Send the reviewers' comments for the applicant with the decision letter.
    pub comments_to_applicant: Option<bool>,
    /// Normalise each reviewer's scores (z-score) in the ranking.
    pub normalise: Option<bool>,
    /// Only reviewers with at least this many submitted reviews are normalised.
    pub normalise_min_reviews: Option<i64>,
    /// A proposal whose review scores differ by more than this many points (of 100) is flagged.
    pub disagreement_threshold: Option<i64>,
    /// Days a reviewer has from assignment to submit.
    pub review_days: Option<i64>,
    /// Days before the due date a reminder is sent (0: none).
    pub reminder_days_before: Option<i64>,
}

/// How the jury works in a programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReviewSettings {
    /// Reviewers do not see the applicant's name and organisation.
    pub blind: bool,
    /// A reviewer may read the other reviews of a proposal once their own is submitted.
    pub share_reviews_after_submission: bool,
    /// The reviewers' comments for the applicant reach the applicant with
    /// the decision (its letter and the proposal's page); otherwise only the
    /// staff and the jury read them.
    #[serde(default = "comments_to_applicant")]
    pub comments_to_applicant: bool,
    /// Reviewers' scores are normalised in the ranking.
    pub normalise: bool,
    /// The fewest submitted reviews for a reviewer to be normalised.
    pub normalise_min_reviews: u16,
    /// Spread (points of 100) above which reviews of a proposal count as disagreeing.
    pub disagreement_threshold: u16,
    /// Days from assignment to the review's due date.
    pub review_days: u16,
    /// Days before the due date a reminder goes out; 0 for none.
    pub reminder_days_before: u16,
}

/// Programmes written before the choice existed sent the comments.
fn comments_to_applicant() -> bool {
    true
}

impl Default for ReviewSettings {
    fn default() -> Self {
        Self {
            blind: false,
            share_reviews_after_submission: true,
            comments_to_applicant: true,
            normalise: true,
            normalise_min_reviews: 3,
            disagreement_threshold: 30,
            review_days: 21,
            reminder_days_before: 3,
        }
    }
}

impl ReviewSettings {
    fn to_input(self) -> ReviewSettingsInput {
        ReviewSettingsInput {
            blind: Some(self.blind),
            share_reviews_after_submission: Some(self.share_reviews_after_submission),
            comments_to_applicant: Some(self.comments_to_applicant),
            normalise: Some(self.normalise),
            normalise_min_reviews: Some(self.normalise_min_reviews.into()),
            disagreement_threshold: Some(self.disagreement_threshold.into()),
            review_days: Some(self.review_days.into()),
            reminder_days_before: Some(self.reminder_days_before.into()),
        }
    }
}

impl ReviewSettingsInput {
    fn validate(self, errors: &mut ValidationErrors) -> ReviewSettings {
        let defaults = ReviewSettings::default();
        let mut number = |field: &str, value: Option<i64>, default: u16, min: i64, max: i64| {
            value
                .and_then(|v| bounded(errors, &format!("review.{field}"), v, min, max))
                .unwrap_or(default)
        };
        let normalise_min_reviews = number(
            "normalise_min_reviews",
            self.normalise_min_reviews,
            defaults.normalise_min_reviews,
            2,
            100,
        );
        let disagreement_threshold = number(
            "disagreement_threshold",
            self.disagreement_threshold,
            defaults.disagreement_threshold,
            0,
            100,
        );
        let review_days = number(
            "review_days",
            self.review_days,
            defaults.review_days,
            1,
            365,
        );
        let reminder_days_before = number(
            "reminder_days_before",
            self.reminder_days_before,
            defaults.reminder_days_before,
            0,
            365,
        );
        if reminder_days_before >= review_days && reminder_days_before > 0 {
            errors.push(
                "review.reminder_days_before",
                "out_of_range",
                "the reminder must come before the due date, within the days a reviewer has",
            );
        }
        ReviewSettings {
            blind: self.blind.unwrap_or(defaults.blind),
            share_reviews_after_submission: self
                .share_reviews_after_submission
                .unwrap_or(defaults.share_reviews_after_submission),
            comments_to_applicant: self
                .comments_to_applicant
                .unwrap_or(defaults.comments_to_applicant),
            normalise: self.normalise.unwrap_or(defaults.normalise),
            normalise_min_reviews,
            disagreement_threshold,
            review_days,
            reminder_days_before,
        }
    }
}

/// One numeric outcome the programme asks every grantee to report (people
/// reached, events held, services launched), as a client sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorInput {
    /// Short stable key, e.g. `people_reached`.
    pub key: String,
    /// Its name per locale; must include the programme's default locale.
    pub title: BTreeMap<String, String>,
}

/// An indicator that passed validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Indicator {
    /// Short stable key, unique within the programme.
    pub key: String,
    /// Its name per locale.
    #[schema(value_type = BTreeMap<String, String>)]
    pub title: LocalizedText,
}

impl Indicator {
    /// The indicator's name in `locale`, else in `fallback`, else its key.
    pub fn name(&self, locale: Locale, fallback: Locale) -> String {
        self.title
            .get(&locale)
            .or_else(|| self.title.get(&fallback))
            .cloned()
            .unwrap_or_else(|| self.key.clone())
    }
}

/// How grantees report, as a client sends it; every field optional, with
/// the defaults of [`ReportingSettings`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportingSettingsInput {
    /// The numeric outcomes every proposal plans and every report counts.
    pub indicators: Option<Vec<IndicatorInput>>,
    /// Days before a report's due date that the grantee is reminded, e.g. `[14, 3]`.
    pub reminder_days_before: Option<Vec<i64>>,
    /// Days between reminders while a report is late.
    pub overdue_reminder_days: Option<i64>,
    /// The largest file a proposal or report may carry, in bytes.
    pub max_attachment_bytes: Option<i64>,
}

/// How grantees report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReportingSettings {
    /// The numeric outcomes every proposal plans and every report counts.
    pub indicators: Vec<Indicator>,
    /// Days before a report's due date that the grantee is reminded, largest first.
    pub reminder_days_before: Vec<u16>,
    /// Days between reminders while a report is late.
    pub overdue_reminder_days: u16,
    /// The largest file a proposal or report may carry, in bytes.
    pub max_attachment_bytes: u64,
}

impl Default for ReportingSettings {
    fn default() -> Self {
        let indicator = |key: &str, en: &str, mk: &str| Indicator {
            key: key.to_owned(),
            title: LocalizedText::from([(Locale::En, en.to_owned()), (Locale::Mk, mk.to_owned())]),
        };
        Self {
            indicators: vec![
                indicator("people_reached", "People reached", "Достигнати луѓе"),
                indicator("events_held", "Events held", "Одржани настани"),
                indicator("services_launched", "Services launched", "Започнати услуги"),
            ],
            reminder_days_before: vec![14, 3],
            overdue_reminder_days: 7,
            max_attachment_bytes: 10 * 1024 * 1024,
        }
    }
}

impl ReportingSettings {
    fn to_input(&self) -> ReportingSettingsInput {
        ReportingSettingsInput {
            indicators: Some(
                self.indicators
                    .iter()
                    .map(|i| IndicatorInput {
                        key: i.key.clone(),
                        title: i
                            .title
                            .iter()
                            .map(|(l, t)| (l.code().to_owned(), t.clone()))
                            .collect(),
                    })
                    .collect(),
            ),
            reminder_days_before: Some(
                self.reminder_days_before
                    .iter()
                    .map(|d| i64::from(*d))
                    .collect(),
            ),
            overdue_reminder_days: Some(self.overdue_reminder_days.into()),
            max_attachment_bytes: i64::try_from(self.max_attachment_bytes).ok(),
        }
    }
}

/// The most indicators a programme may define.
const MAX_INDICATORS: usize = 20;
/// The largest attachment limit a programme may set: 100 MiB.
const MAX_ATTACHMENT_LIMIT: i64 = 100 * 1024 * 1024;

impl ReportingSettingsInput {
    fn validate(
        self,
        errors: &mut ValidationErrors,
        default_locale: Option<Locale>,
    ) -> ReportingSettings {
        let defaults = ReportingSettings::default();
        let indicators = match self.indicators {
            None => defaults.indicators,
            Some(raw) => {
                if raw.len() > MAX_INDICATORS {
                    errors.push_limits(
                        "reporting.indicators",
                        "too_many",
                        format!("at most {MAX_INDICATORS} indicators"),
                        &[("max", i64::try_from(MAX_INDICATORS).unwrap_or(i64::MAX))],
                    );
                }
                let mut seen = BTreeSet::new();
                let mut indicators = Vec::new();
                for (i, input) in raw.into_iter().enumerate() {
                    let path = format!("reporting.indicators[{i}]");
                    let key = unique_key(errors, &mut seen, &path, &input.key);
                    let title = localized(
                        errors,
                        &format!("{path}.title"),
                        input.title,
                        120,
                        default_locale,
                    );
                    if let Some(key) = key {
                        indicators.push(Indicator { key, title });
                    }
                }
                indicators
            }
        };
        let reminder_days_before = match self.reminder_days_before {
            None => defaults.reminder_days_before,
            Some(raw) => {
                let mut days: Vec<u16> = raw
                    .into_iter()
                    .enumerate()
                    .filter_map(|(i, d)| {
                        bounded(
                            errors,
                            &format!("reporting.reminder_days_before[{i}]"),
                            d,
                            1,
                            90,
                        )
                    })
                    .collect();
                days.sort_unstable_by(|a, b| b.cmp(a));
                days.dedup();
                days
            }
        };
        let overdue_reminder_days = self
            .overdue_reminder_days
            .and_then(|d| bounded(errors, "reporting.overdue_reminder_days", d, 1, 60))
            .unwrap_or(defaults.overdue_reminder_days);
        let max_attachment_bytes = self
            .max_attachment_bytes
            .and_then(|b| {
                bounded(
                    errors,
                    "reporting.max_attachment_bytes",
                    b,
                    1024,
                    MAX_ATTACHMENT_LIMIT,
                )
            })
            .unwrap_or(defaults.max_attachment_bytes);
        ReportingSettings {
            indicators,
            reminder_days_before,
            overdue_reminder_days,
            max_attachment_bytes,
        }
    }
}

/// A programme as a client sends it. Every field is optional so that
/// missing ones are reported together with the other problems, and so that
/// an edit can send only what changes ([`ProgrammeInput::overlay`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeInput {
    /// Short unique code, e.g. `INELI-2027`: letters, digits, `-` and `_`.
    pub code: Option<String>,
    /// Title per locale; must include the default locale.
    pub title: Option<BTreeMap<String, String>>,
    /// Description per locale.
    pub description: Option<BTreeMap<String, String>>,
    /// Language of the programme's communications when a person's own is missing.
    pub default_locale: Option<String>,
    /// IANA time zone in which deadlines are shown, e.g. `Europe/Skopje`.
    pub time_zone: Option<String>,
    /// ISO 4217 currency of the budget and the awards.
    pub currency: Option<String>,
    /// The whole budget; positive.
    pub budget: Option<MoneyInput>,
    /// Smallest award a proposal may ask for; positive.
    pub min_award: Option<MoneyInput>,
    /// Largest award a proposal may ask for; at most the budget.
    pub max_award: Option<MoneyInput>,
    /// When the call opens for submissions (RFC 3339).
    pub opens_at: Option<DateTime<Utc>>,
    /// When the call closes; after it opens.
    pub closes_at: Option<DateTime<Utc>>,
    /// Countries whose libraries may apply (ISO 3166-1 alpha-2, `XK` for Kosovo).
    pub eligible_countries: Option<Vec<String>>,
    /// The scoring rubric; at least one criterion.
    pub rubric: Option<Vec<CriterionInput>>,
    /// How many reviewers score each proposal.
    pub reviews_per_proposal: Option<i64>,
    /// The most proposals one reviewer is given.
    pub reviewer_load_cap: Option<i64>,
    /// Which conflicts are detected automatically; both on when omitted.
    pub conflict_policy: Option<ConflictPolicy>,
    /// How an award is paid: tranches whose percentages add up to 100.
    pub tranche_template: Option<Vec<TrancheInput>>,
    /// Reports a grantee owes; exactly one final report, due last.
    pub reporting_schedule: Option<Vec<ReportInput>>,
    /// How the jury works; defaults apply to what is left out.
    pub review: Option<ReviewSettingsInput>,
    /// How grantees report; defaults apply to what is left out.
    pub reporting: Option<ReportingSettingsInput>,
    /// Approving and paying this programme's tranches needs two-step
    /// sign-in, proved within the last few minutes, from everyone; off
    /// when omitted (then only those who have it are asked for a code).
    pub second_factor_for_money: Option<bool>,
    /// The programme appears on the public showcase: its call while it is
    /// upcoming or open and, with each grantee's consent, its funded
    /// projects; off when omitted.
    pub showcase: Option<bool>,
}

/// A rubric criterion that passed validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Criterion {
    /// Short stable key, unique within the rubric.
    pub key: String,
    /// The criterion's name per locale.
    #[schema(value_type = BTreeMap<String, String>)]
    pub title: LocalizedText,
    /// Relative weight, positive.
    pub weight: u32,
    /// Lowest score.
    pub scale_min: i32,
    /// Highest score, above the lowest.
    pub scale_max: i32,
    /// Guidance for reviewers per locale.
    #[schema(value_type = BTreeMap<String, String>)]
    pub guidance: LocalizedText,
    /// Whether a reviewer may mark the criterion not applicable.
    pub allow_not_applicable: bool,
}

/// A tranche of the payment template that passed validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Tranche {
    /// Short stable key, unique within the template.
    pub key: String,
    /// Share of the award in whole percent.
    pub percent: u8,
    /// When the tranche may be requested.
    pub condition: TrancheCondition,
}

/// A report of the reporting schedule that passed validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ScheduledReport {
    /// Short stable key, unique within the schedule.
    pub key: String,
    /// Interim or final.
    pub kind: ReportKind,
    /// Due this many whole months after the grant starts.
    pub months_after_start: u16,
    /// The report's name per locale.
    #[serde(default)]
    #[schema(value_type = BTreeMap<String, String>)]
    pub title: LocalizedText,
}

impl ScheduledReport {
    /// The report's name in `locale`, else in `fallback`, else its key.
    pub fn name(&self, locale: Locale, fallback: Locale) -> String {
        self.title
            .get(&locale)
            .or_else(|| self.title.get(&fallback))
            .cloned()
            .unwrap_or_else(|| self.key.clone())
    }
}

/// A programme whose every field passed validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ProgrammeSpec {
    /// Short unique code.
    pub code: String,
    /// Title per locale, including the default locale.
    #[schema(value_type = BTreeMap<String, String>)]
    pub title: LocalizedText,
    /// Description per locale.
    #[schema(value_type = BTreeMap<String, String>)]
    pub description: LocalizedText,
    /// Language used when a person's own is missing.
    pub default_locale: Locale,
    /// IANA time zone for showing deadlines.
    #[schema(value_type = String, example = "Europe/Skopje")]
    pub time_zone: chrono_tz::Tz,
    /// Currency of the budget and awards.
    #[schema(value_type = String, example = "EUR")]
    pub currency: Currency,
    /// The whole budget.
    pub budget: Money,
    /// Smallest award.
    pub min_award: Money,
    /// Largest award.
    pub max_award: Money,
    /// Submissions open.
    pub opens_at: DateTime<Utc>,
    /// Submissions close.
    pub closes_at: DateTime<Utc>,
    /// Countries whose libraries may apply, sorted.
    #[schema(value_type = Vec<String>)]
    pub eligible_countries: Vec<CountryCode>,
    /// The scoring rubric.
    pub rubric: Vec<Criterion>,
    /// Reviewers per proposal.
    pub reviews_per_proposal: u16,
    /// Most proposals per reviewer.
    pub reviewer_load_cap: u16,
    /// Automatic conflict detection.
    pub conflict_policy: ConflictPolicy,
    /// Payment template.
    pub tranche_template: Vec<Tranche>,
    /// Reports a grantee owes.
    pub reporting_schedule: Vec<ScheduledReport>,
    /// How the jury works.
    #[serde(default)]
    pub review: ReviewSettings,
    /// How grantees report: indicators, reminders, attachment size.
    #[serde(default)]
    pub reporting: ReportingSettings,
    /// Approving and paying its tranches needs two-step sign-in from everyone.
    #[serde(default)]
    pub second_factor_for_money: bool,
    /// Shown on the public showcase (its call, and funded projects whose
    /// grantees consent).
    #[serde(default)]
    pub showcase: bool,
}

/// Where a call stands at a moment in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CallStatus {
    /// Not yet open for submissions.
    Upcoming,
    /// Accepting submissions.
    Open,
    /// The deadline has passed.
    Closed,
}

impl ProgrammeSpec {
    /// Where the call stands at `now`: open from `opens_at` (inclusive) to `closes_at` (exclusive).
    pub fn call_status(&self, now: DateTime<Utc>) -> CallStatus {
        if now < self.opens_at {
            CallStatus::Upcoming
        } else if now < self.closes_at {
            CallStatus::Open
        } else {
            CallStatus::Closed
        }
    }

    /// The spec as input, so that an edit can overlay changes and validate the whole again.
    pub fn to_input(&self) -> ProgrammeInput {
        let text = |t: &LocalizedText| {
            t.iter()
                .map(|(l, s)| (l.code().to_owned(), s.clone()))
                .collect::<BTreeMap<_, _>>()
        };
        ProgrammeInput {
            code: Some(self.code.clone()),
            title: Some(text(&self.title)),
            description: Some(text(&self.description)),
            default_locale: Some(self.default_locale.code().to_owned()),
            time_zone: Some(self.time_zone.name().to_owned()),
            currency: Some(self.currency.code().to_owned()),
            budget: Some(self.budget.into()),
            min_award: Some(self.min_award.into()),
            max_award: Some(self.max_award.into()),
            opens_at: Some(self.opens_at),
            closes_at: Some(self.closes_at),
            eligible_countries: Some(
                self.eligible_countries
                    .iter()
                    .map(|c| c.as_str().to_owned())
                    .collect(),
            ),
            rubric: Some(
                self.rubric
                    .iter()
                    .map(|c| CriterionInput {
                        key: c.key.clone(),
                        title: text(&c.title),
                        weight: c.weight.into(),
                        scale_min: c.scale_min.into(),
                        scale_max: c.scale_max.into(),
                        guidance: text(&c.guidance),
                        allow_not_applicable: c.allow_not_applicable,
                    })
                    .collect(),
            ),
            reviews_per_proposal: Some(self.reviews_per_proposal.into()),
            reviewer_load_cap: Some(self.reviewer_load_cap.into()),
            conflict_policy: Some(self.conflict_policy),
            tranche_template: Some(
                self.tranche_template
                    .iter()
                    .map(|t| TrancheInput {
                        key: t.key.clone(),
                        percent: t.percent.into(),
                        condition: t.condition.clone(),
                    })
                    .collect(),
            ),
            reporting_schedule: Some(
                self.reporting_schedule
                    .iter()
                    .map(|r| ReportInput {
                        key: r.key.clone(),
                        kind: r.kind,
                        months_after_start: r.months_after_start.into(),
                        title: r
                            .title
                            .iter()
                            .map(|(l, t)| (l.code().to_owned(), t.clone()))
                            .collect(),
                    })
                    .collect(),
            ),
            second_factor_for_money: Some(self.second_factor_for_money),
            showcase: Some(self.showcase),
            review: Some(self.review.to_input()),
            reporting: Some(self.reporting.to_input()),
        }
    }
}

impl ProgrammeInput {
    /// This input with every field that `patch` sets replaced by the patch's value.
    pub fn overlay(self, patch: ProgrammeInput) -> ProgrammeInput {
        ProgrammeInput {
            code: patch.code.or(self.code),
            title: patch.title.or(self.title),
            description: patch.description.or(self.description),
            default_locale: patch.default_locale.or(self.default_locale),
            time_zone: patch.time_zone.or(self.time_zone),
            currency: patch.currency.or(self.currency),
            budget: patch.budget.or(self.budget),
            min_award: patch.min_award.or(self.min_award),
            max_award: patch.max_award.or(self.max_award),
            opens_at: patch.opens_at.or(self.opens_at),
            closes_at: patch.closes_at.or(self.closes_at),
            eligible_countries: patch.eligible_countries.or(self.eligible_countries),
            rubric: patch.rubric.or(self.rubric),
            reviews_per_proposal: patch.reviews_per_proposal.or(self.reviews_per_proposal),
            reviewer_load_cap: patch.reviewer_load_cap.or(self.reviewer_load_cap),
            conflict_policy: patch.conflict_policy.or(self.conflict_policy),
            tranche_template: patch.tranche_template.or(self.tranche_template),
            reporting_schedule: patch.reporting_schedule.or(self.reporting_schedule),
            review: patch.review.or(self.review),
            reporting: patch.reporting.or(self.reporting),
            second_factor_for_money: patch
                .second_factor_for_money
                .or(self.second_factor_for_money),
            showcase: patch.showcase.or(self.showcase),
        }
    }

    /// Checks every field and every rule between fields, reporting all problems at once.
    pub fn validate(self) -> Result<ProgrammeSpec, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let code = errors
            .require("code", self.code)
            .and_then(|c| errors.check("code", parse_key(&c, 32)));
        let default_locale = errors
            .require("default_locale", self.default_locale)
            .and_then(|l| errors.check("default_locale", Locale::parse(&l)));
        let title = errors
            .require("title", self.title)
            .map(|t| localized(&mut errors, "title", t, 200, default_locale));
        let description = localized(
            &mut errors,
            "description",
            self.description.unwrap_or_default(),
            20_000,
            None,
        );
        let time_zone = errors.require("time_zone", self.time_zone).and_then(|tz| {
            tz.parse::<chrono_tz::Tz>()
                .map_err(|_| {
                    errors.push(
                        "time_zone",
                        "unknown_time_zone",
                        format!("'{tz}' is not an IANA time zone such as Europe/Skopje"),
                    )
                })
                .ok()
        });
        let currency = errors
            .require("currency", self.currency)
            .and_then(|c| errors.check("currency", Currency::parse(&c)));

        let budget = money(&mut errors, "budget", self.budget, currency);
        let min_award = money(&mut errors, "min_award", self.min_award, currency);
        let max_award = money(&mut errors, "max_award", self.max_award, currency);
        if let (Some(min), Some(max)) = (min_award, max_award)
            && min.minor > max.minor
        {
            errors.push(
                "min_award",
                "out_of_range",
                "the smallest award cannot exceed the largest",
            );
        }
        if let (Some(max), Some(budget)) = (max_award, budget)
            && max.minor > budget.minor
        {
            errors.push(
                "max_award",
                "out_of_range",
                "the largest award cannot exceed the budget",
            );
        }

        let opens_at = errors.require("opens_at", self.opens_at);
        let closes_at = errors.require("closes_at", self.closes_at);
        if let (Some(open), Some(close)) = (opens_at, closes_at)
            && close <= open
        {
            errors.push(
                "closes_at",
                "out_of_range",
                "the call must close after it opens",
            );
        }

        let eligible_countries = errors
            .require("eligible_countries", self.eligible_countries)
            .map(|raw| countries(&mut errors, raw));

        let rubric = errors
            .require("rubric", self.rubric)
            .map(|raw| rubric(&mut errors, raw, default_locale));
        let reviews_per_proposal = errors
            .require("reviews_per_proposal", self.reviews_per_proposal)
            .and_then(|n| bounded(&mut errors, "reviews_per_proposal", n, 1, 20));
        let reviewer_load_cap = errors
            .require("reviewer_load_cap", self.reviewer_load_cap)
            .and_then(|n| bounded(&mut errors, "reviewer_load_cap", n, 1, 1000));

        let review = self.review.unwrap_or_default().validate(&mut errors);
        let reporting = self
            .reporting
            .unwrap_or_default()
            .validate(&mut errors, default_locale);
        let reporting_schedule = errors
            .require("reporting_schedule", self.reporting_schedule)
            .map(|raw| reporting_schedule(&mut errors, raw));
        let tranche_template = errors
            .require("tranche_template", self.tranche_template)
            .map(|raw| tranche_template(&mut errors, raw, reporting_schedule.as_deref()));

        match (
            code,
            title,
            default_locale,
            time_zone,
            currency,
            budget,
            min_award,
            max_award,
            opens_at,
            closes_at,
            eligible_countries,
            rubric,
            reviews_per_proposal,
            reviewer_load_cap,
            tranche_template,
            reporting_schedule,
        ) {
            (
                Some(code),
                Some(title),
                Some(default_locale),
                Some(time_zone),
                Some(currency),
                Some(budget),
                Some(min_award),
                Some(max_award),
                Some(opens_at),
                Some(closes_at),
                Some(eligible_countries),
                Some(rubric),
                Some(reviews_per_proposal),
                Some(reviewer_load_cap),
                Some(tranche_template),
                Some(reporting_schedule),
            ) if errors.is_empty() => Ok(ProgrammeSpec {
                code,
                title,
                description,
                default_locale,
                time_zone,
                currency,
                budget,
                min_award,
                max_award,
                opens_at,
                closes_at,
                eligible_countries,
                rubric,
                reviews_per_proposal,
                reviewer_load_cap,
                conflict_policy: self.conflict_policy.unwrap_or_default(),
                tranche_template,
                reporting_schedule,
                review,
                reporting,
                second_factor_for_money: self.second_factor_for_money.unwrap_or(false),
                showcase: self.showcase.unwrap_or(false),
            }),
            _ => Err(errors),
        }
    }
}

/// A short stable identifier: 1 to `max` letters, digits, `-` or `_`.
fn parse_key(raw: &str, max: usize) -> Result<String, crate::ParseError> {
    let key = raw.trim();
    let ok = !key.is_empty()
        && key.len() <= max
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(key.to_owned())
    } else {
        Err(crate::ParseError::new(
            "invalid_key",
            format!("use 1 to {max} letters, digits, '-' or '_'"),
        ))
    }
}

fn localized(
    errors: &mut ValidationErrors,
    field: &str,
    raw: BTreeMap<String, String>,
    max_chars: usize,
    required_locale: Option<Locale>,
) -> LocalizedText {
    let mut text = LocalizedText::new();
    for (locale, value) in raw {
        let path = format!("{field}.{locale}");
        let Some(locale) = errors.check(&path, Locale::parse(&locale)) else {
            continue;
        };
        let value = value.trim();
        if value.is_empty() {
            errors.push(path, "required", "the text cannot be empty");
        } else if value.chars().count() > max_chars {
            errors.push(path, "too_long", format!("at most {max_chars} characters"));
        } else {
            text.insert(locale, value.to_owned());
        }
    }
    if let Some(locale) = required_locale
        && !text.contains_key(&locale)
        && !errors.fields().iter().any(|e| e.field.starts_with(field))
    {
        errors.push(
            field,
            "default_locale_missing",
            format!("give the text in the default language ({locale})"),
        );
    }
    text
}

fn money(
    errors: &mut ValidationErrors,
    field: &str,
    raw: Option<MoneyInput>,
    programme_currency: Option<Currency>,
) -> Option<Money> {
    let raw = errors.require(field, raw)?;
    let currency = errors.check(format!("{field}.currency"), Currency::parse(&raw.currency))?;
    if let Some(expected) = programme_currency
        && currency != expected
    {
        errors.push(
            format!("{field}.currency"),
            "currency_mismatch",
            format!("amounts must be in the programme's currency, {expected}"),
        );
        return None;
    }
    if raw.minor <= 0 {
        errors.push(
            format!("{field}.minor"),
            "must_be_positive",
            "the amount must be greater than zero",
        );
        return None;
    }
    Some(Money::new(raw.minor, currency))
}

fn bounded<T: TryFrom<i64>>(
    errors: &mut ValidationErrors,
    field: &str,
    value: i64,
    min: i64,
    max: i64,
) -> Option<T> {
    if (min..=max).contains(&value) {
        T::try_from(value).ok()
    } else {
        errors.push_limits(
            field,
            "out_of_range",
            format!("must be between {min} and {max}"),
            &[("min", min), ("max", max)],
        );
        None
    }
}

fn countries(errors: &mut ValidationErrors, raw: Vec<String>) -> Vec<CountryCode> {
    if raw.is_empty() {
        errors.push(
            "eligible_countries",
            "required",
            "name at least one eligible country",
        );
    }
    let mut seen = BTreeSet::new();
    for (i, code) in raw.iter().enumerate() {
        let path = format!("eligible_countries[{i}]");
        if let Some(country) = errors.check(&path, CountryCode::parse(code))
            && !seen.insert(country)
        {
            errors.push(path, "duplicate", format!("{country} is listed twice"));
        }
    }
    seen.into_iter().collect()
}

fn unique_key(
    errors: &mut ValidationErrors,
    seen: &mut BTreeSet<String>,
    path: &str,
    raw: &str,
) -> Option<String> {
    let key = errors.check(format!("{path}.key"), parse_key(raw, 40))?;
    if !seen.insert(key.clone()) {
        errors.push(
            format!("{path}.key"),
            "duplicate",
            format!("the key '{key}' is used twice"),
        );
        return None;
    }
    Some(key)
}

fn rubric(
    errors: &mut ValidationErrors,
    raw: Vec<CriterionInput>,
    default_locale: Option<Locale>,
) -> Vec<Criterion> {
    if raw.is_empty() {
        errors.push(
            "rubric",
            "required",
            "the rubric needs at least one criterion",
        );
    }
    let mut seen = BTreeSet::new();
    let mut criteria = Vec::new();
    for (i, c) in raw.into_iter().enumerate() {
        let path = format!("rubric[{i}]");
        let key = unique_key(errors, &mut seen, &path, &c.key);
        let title = localized(
            errors,
            &format!("{path}.title"),
            c.title,
            200,
            default_locale,
        );
        let guidance = localized(errors, &format!("{path}.guidance"), c.guidance, 5_000, None);
        let weight = if c.weight > 0 {
            bounded(errors, &format!("{path}.weight"), c.weight, 1, 1000)
        } else {
            errors.push(
                format!("{path}.weight"),
                "must_be_positive",
                "a weight must be a positive whole number",
            );
            None
        };
        let scale_min = bounded(errors, &format!("{path}.scale_min"), c.scale_min, -100, 100);
        let scale_max = bounded(errors, &format!("{path}.scale_max"), c.scale_max, -100, 100);
        if let (Some(min), Some(max)) = (scale_min, scale_max)
            && min >= max
        {
            errors.push(
                format!("{path}.scale_max"),
                "out_of_range",
                "the top of the scale must be above its bottom",
            );
        }
        if let (Some(key), Some(weight), Some(scale_min), Some(scale_max)) =
            (key, weight, scale_min, scale_max)
        {
            criteria.push(Criterion {
                key,
                title,
                weight,
                scale_min,
                scale_max,
                guidance,
                allow_not_applicable: c.allow_not_applicable,
            });
        }
    }
    criteria
}

fn reporting_schedule(
    errors: &mut ValidationErrors,
    raw: Vec<ReportInput>,
) -> Vec<ScheduledReport> {
    let mut seen = BTreeSet::new();
    let mut reports = Vec::new();
    for (i, r) in raw.iter().enumerate() {
        let path = format!("reporting_schedule[{i}]");
        let key = unique_key(errors, &mut seen, &path, &r.key);
        let months = bounded(
            errors,
            &format!("{path}.months_after_start"),
            r.months_after_start,
            1,
            120,
        );
        let title = localized(errors, &format!("{path}.title"), r.title.clone(), 120, None);
        if let (Some(key), Some(months_after_start)) = (key, months) {
            reports.push(ScheduledReport {
                key,
                kind: r.kind,
                months_after_start,
                title,
            });
        }
    }
    let finals: Vec<_> = reports
        .iter()
        .filter(|r| r.kind == ReportKind::Final)
        .collect();
    match finals.as_slice() {
        [] => errors.push(
            "reporting_schedule",
            "final_report_missing",
            "the schedule needs exactly one final report",
        ),
        [last] => {
            if reports
                .iter()
                .any(|r| r.months_after_start > last.months_after_start)
            {
                errors.push(
                    "reporting_schedule",
                    "final_report_not_last",
                    "the final report must be due after every interim report",
                );
            }
        }
        _ => errors.push(
            "reporting_schedule",
            "several_final_reports",
            "the schedule can have only one final report",
        ),
    }
    reports
}

fn tranche_template(
    errors: &mut ValidationErrors,
    raw: Vec<TrancheInput>,
    reports: Option<&[ScheduledReport]>,
) -> Vec<Tranche> {
    if raw.is_empty() {
        errors.push(
            "tranche_template",
            "required",
            "the template needs at least one tranche",
        );
        return Vec::new();
    }
    let mut seen = BTreeSet::new();
    let mut tranches = Vec::new();
    let mut total: i64 = 0;
    for (i, t) in raw.into_iter().enumerate() {
        let path = format!("tranche_template[{i}]");
        let key = unique_key(errors, &mut seen, &path, &t.key);
        total = total.saturating_add(t.percent);
        let percent = bounded(errors, &format!("{path}.percent"), t.percent, 1, 100);
        match &t.condition {
            TrancheCondition::ReportAccepted { report } => {
                if let Some(reports) = reports
                    && !reports.iter().any(|r| &r.key == report)
                {
                    errors.push(
                        format!("{path}.condition.report"),
                        "unknown_report",
                        format!("no report '{report}' in the reporting schedule"),
                    );
                }
            }
            TrancheCondition::MonthsAfterStart { months } => {
                bounded::<u16>(errors, &format!("{path}.condition.months"), *months, 0, 120);
            }
            TrancheCondition::AgreementSigned => {}
        }
        if let (Some(key), Some(percent)) = (key, percent) {
            tranches.push(Tranche {
                key,
                percent,
                condition: t.condition,
            });
        }
    }
    if total != 100 {
        errors.push(
            "tranche_template",
            "percentages_do_not_sum_to_100",
            format!("the tranche percentages add up to {total}, not 100"),
        );
    }
    tranches
}

#[cfg(test)]
pub(crate) mod tests;
