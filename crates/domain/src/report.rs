//! Implementation reports: what a grantee tells the programme about the
//! service the money built, the checks a report passes while it is written
//! and when it is handed in, when its reminders go out, and how reports add
//! up to the programme's impact.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::programme::{Indicator, MoneyInput};
use crate::proposal::BudgetLine;
use crate::{CountryCode, Currency, Money, Refusal, ValidationErrors};

/// The longest a free-text section of a report may be.
const MAX_SECTION_CHARS: usize = 20_000;
/// The largest count an indicator may take.
const MAX_COUNT: i64 = 1_000_000_000;
/// The local hour at which reminders go out.
const REMINDER_HOUR: u32 = 9;

/// What was spent on one line of the proposal's budget, as sent by a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SpendingInput {
    /// The budget line's position in the proposal, from 0.
    pub budget_line: i64,
    /// Spent so far, in the programme's currency.
    pub amount: MoneyInput,
}

/// A report's content as sent by a client; every field optional, because a
/// report is written over several sittings and an edit sends only what
/// changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportContentInput {
    /// What happened: the story of the project so far.
    pub narrative: Option<String>,
    /// The activities done.
    pub activities: Option<String>,
    /// Outcomes to date per indicator of the programme, e.g. `{"people_reached": 420}`.
    pub indicators: Option<BTreeMap<String, i64>>,
    /// Spending to date per budget line of the proposal.
    pub spending: Option<Vec<SpendingInput>>,
}

/// Spending on one budget line that passed validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Spending {
    /// The budget line's position in the proposal, from 0.
    pub budget_line: u16,
    /// Spent so far.
    pub amount: Money,
}

/// A report's content that passed the format checks; completeness is
/// checked on submission ([`report_complete`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReportContent {
    /// What happened.
    pub narrative: Option<String>,
    /// The activities done.
    pub activities: Option<String>,
    /// Outcomes to date per indicator key.
    pub indicators: BTreeMap<String, u64>,
    /// Spending to date, one entry per budget line reported, in line order.
    pub spending: Vec<Spending>,
}

/// What a report is checked against: the programme's currency and
/// indicators, and the funded proposal's budget.
#[derive(Debug, Clone, Copy)]
pub struct ReportRules<'a> {
    /// The programme's currency.
    pub currency: Currency,
    /// The programme's indicators.
    pub indicators: &'a [Indicator],
    /// The proposal's budget lines.
    pub budget_lines: &'a [BudgetLine],
}

impl ReportContent {
    /// What the report says (its narrative and activities) in the search
    /// form ([`crate::text::search_form`]), for finding it in any script.
    pub fn search_text(&self) -> String {
        [&self.narrative, &self.activities]
            .into_iter()
            .flatten()
            .map(|t| crate::text::search_form(t))
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The input that would produce this content, so an edit can overlay changes.
    pub fn to_input(&self) -> ReportContentInput {
        ReportContentInput {
            narrative: self.narrative.clone(),
            activities: self.activities.clone(),
            indicators: Some(
                self.indicators
                    .iter()
                    .map(|(k, v)| (k.clone(), i64::try_from(*v).unwrap_or(i64::MAX)))
                    .collect(),
            ),
            spending: Some(
                self.spending
                    .iter()
                    .map(|s| SpendingInput {
                        budget_line: s.budget_line.into(),
                        amount: s.amount.into(),
                    })
                    .collect(),
            ),
        }
    }

    /// Everything spent, in the programme's currency (zero when nothing is reported).
    pub fn total_spent(&self, currency: Currency) -> Money {
        let minor = self
            .spending
            .iter()
            .map(|s| s.amount.minor)
            .fold(0_i64, i64::saturating_add);
        Money::new(minor, currency)
    }
}

impl ReportContentInput {
    /// This input with every field that `patch` sets replaced.
    pub fn overlay(self, patch: ReportContentInput) -> ReportContentInput {
        ReportContentInput {
            narrative: patch.narrative.or(self.narrative),
            activities: patch.activities.or(self.activities),
            indicators: patch.indicators.or(self.indicators),
            spending: patch.spending.or(self.spending),
        }
    }

    /// Checks the format of every field given against the programme and
    /// the proposal; every problem at once, each with its field.
    pub fn validate_draft(self, rules: ReportRules<'_>) -> Result<ReportContent, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let mut text = |field: &str, value: Option<String>| -> Option<String> {
            let value = value?;
            let trimmed = value.trim();
            if trimmed.chars().count() > MAX_SECTION_CHARS {
                errors.push(
                    field,
                    "too_long",
                    format!("at most {MAX_SECTION_CHARS} characters"),
                );
                return None;
            }
            (!trimmed.is_empty()).then(|| trimmed.to_owned())
        };
        let narrative = text("narrative", self.narrative);
        let activities = text("activities", self.activities);
        let indicators = indicator_counts(&mut errors, "indicators", self.indicators);
        for key in indicators.keys() {
            if !rules.indicators.iter().any(|i| &i.key == key) {
                errors.push(
                    format!("indicators.{key}"),
                    "unknown_indicator",
                    format!("the programme has no indicator '{key}'"),
                );
            }
        }
        let mut spending: Vec<Spending> = Vec::new();
        for (i, raw) in self.spending.unwrap_or_default().into_iter().enumerate() {
            let path = format!("spending[{i}]");
            let line = u16::try_from(raw.budget_line)
                .ok()
                .filter(|l| usize::from(*l) < rules.budget_lines.len());
            let Some(line) = line else {
                errors.push(
                    format!("{path}.budget_line"),
                    "unknown_budget_line",
                    format!(
                        "the proposal has budget lines 0 to {}",
                        rules.budget_lines.len().saturating_sub(1)
                    ),
                );
                continue;
            };
            if spending.iter().any(|s| s.budget_line == line) {
                errors.push(
                    format!("{path}.budget_line"),
                    "duplicate",
                    format!("budget line {line} is reported twice"),
                );
                continue;
            }
            let currency = errors.check(
                format!("{path}.amount.currency"),
                Currency::parse(&raw.amount.currency),
            );
            if let Some(currency) = currency
                && currency != rules.currency
            {
                errors.push(
                    format!("{path}.amount.currency"),
                    "wrong_currency",
                    format!("report spending in {}", rules.currency.code()),
                );
                continue;
            }
            if raw.amount.minor < 0 {
                errors.push(
                    format!("{path}.amount.minor"),
                    "negative",
                    "spending cannot be negative",
                );
                continue;
            }
            if currency.is_some() {
                spending.push(Spending {
                    budget_line: line,
                    amount: Money::new(raw.amount.minor, rules.currency),
                });
            }
        }
        spending.sort_by_key(|s| s.budget_line);
        errors.into_result(|| ReportContent {
            narrative,
            activities,
            indicators,
            spending,
        })
    }
}

/// Checks counts per indicator key: keys in the usual key format, counts
/// whole and from 0 to a billion. Shared by proposals' targets and reports.
pub fn indicator_counts(
    errors: &mut ValidationErrors,
    field: &str,
    raw: Option<BTreeMap<String, i64>>,
) -> BTreeMap<String, u64> {
    let mut counts = BTreeMap::new();
    let raw = raw.unwrap_or_default();
    if raw.len() > 50 {
        errors.push_limits(field, "too_many", "at most 50 indicators", &[("max", 50)]);
        return counts;
    }
    for (key, value) in raw {
        let key_ok = !key.is_empty()
            && key.len() <= 64
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !key_ok {
            errors.push(
                format!("{field}.{key}"),
                "invalid_key",
                "use 1 to 64 letters, digits, '-' or '_'",
            );
        } else if !(0..=MAX_COUNT).contains(&value) {
            errors.push_limits(
                format!("{field}.{key}"),
                "out_of_range",
                format!("a count from 0 to {MAX_COUNT}"),
                &[("min", 0), ("max", MAX_COUNT)],
            );
        } else if let Ok(count) = u64::try_from(value) {
            counts.insert(key, count);
        }
    }
    counts
}

/// The guard `report_complete`: a report can be handed in once it tells
/// what happened and what was done, counts every indicator of the
/// programme, and accounts for every budget line. Every gap in one
/// refusal, listed under `missing`.
pub fn report_complete(content: &ReportContent, rules: ReportRules<'_>) -> Result<(), Refusal> {
    let mut missing: Vec<String> = Vec::new();
    if content.narrative.is_none() {
        missing.push("narrative".into());
    }
    if content.activities.is_none() {
        missing.push("activities".into());
    }
    for indicator in rules.indicators {
        if !content.indicators.contains_key(&indicator.key) {
            missing.push(format!("indicators.{}", indicator.key));
        }
    }
    for (i, _) in rules.budget_lines.iter().enumerate() {
        if !content
            .spending
            .iter()
            .any(|s| usize::from(s.budget_line) == i)
        {
            missing.push(format!("spending[budget line {i}]"));
        }
    }
    Refusal::unless_empty(&missing, "missing", |missing| {
        format!("the report is not complete: {missing} missing")
    })
}

/// One budget line: planned against spent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct LineComparison {
    /// The line's position in the proposal, from 0.
    pub budget_line: u16,
    /// What the money was for.
    pub description: String,
    /// Planned in the proposal.
    pub planned: Money,
    /// Spent, as reported (zero when not reported).
    pub spent: Money,
    /// Planned less spent: negative when overspent.
    pub remaining: Money,
}

/// Every budget line of the proposal with what the report says was spent on it.
pub fn spending_against_plan(lines: &[BudgetLine], content: &ReportContent) -> Vec<LineComparison> {
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let position = u16::try_from(i).unwrap_or(u16::MAX);
            let spent_minor = content
                .spending
                .iter()
                .find(|s| s.budget_line == position)
                .map_or(0, |s| s.amount.minor);
            LineComparison {
                budget_line: position,
                description: line.description.clone(),
                planned: line.amount,
                spent: Money::new(spent_minor, line.amount.currency),
                remaining: Money::new(
                    line.amount.minor.saturating_sub(spent_minor),
                    line.amount.currency,
                ),
            }
        })
        .collect()
}

/// A moment in the programme's zone, taking the earlier instant when the
/// clock is set back and the moment after a gap when it jumps forward.
fn local(tz: Tz, day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let naive = day.and_time(time);
    tz.from_local_datetime(&naive)
        .earliest()
        .or_else(|| {
            tz.from_local_datetime(&(naive + chrono::Duration::hours(1)))
                .earliest()
        })
        .map_or_else(|| naive.and_utc(), |t| t.with_timezone(&Utc))
}

/// The moment a report due on `due_on` becomes late: the end of that day in
/// the programme's time zone.
pub fn deadline(due_on: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let next_day = due_on.checked_add_days(Days::new(1)).unwrap_or(due_on);
    local(tz, next_day, NaiveTime::MIN)
}

/// Which reminder a step of the schedule sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReminderKind {
    /// This many days before the due date.
    DueSoon {
        /// Days left.
        days_before: u16,
    },
    /// On the due date itself.
    DueToday,
    /// Late: the first at the deadline, then one every few days.
    Overdue {
        /// 0 at the deadline, 1 for the next, …
        round: u32,
    },
}

/// One step of a report's reminder schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    /// When it goes out.
    pub at: DateTime<Utc>,
    /// Which one.
    pub kind: ReminderKind,
}

impl Reminder {
    /// A stable name for the step, so each is mailed once per report.
    pub fn key(&self) -> String {
        match self.kind {
            ReminderKind::DueSoon { days_before } => format!("due_in_{days_before}_days"),
            ReminderKind::DueToday => "due_today".into(),
            ReminderKind::Overdue { round } => format!("overdue_{round}"),
        }
    }
}

/// When a report's grantee is reminded: at 09:00 in the programme's zone
/// on each of the days before the due date, on the day itself, then at the
/// deadline and every `overdue_every_days` while the report is late. The
/// schedule is infinite; [`ReminderSchedule::next_after`] and
/// [`ReminderSchedule::latest_at`] walk it, so a server that was down sends
/// only the latest reminder, never a backlog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderSchedule {
    steps_before: Vec<Reminder>,
    deadline: DateTime<Utc>,
    every: chrono::Duration,
}

impl ReminderSchedule {
    /// The schedule of a report due on `due_on`.
    pub fn new(due_on: NaiveDate, tz: Tz, days_before: &[u16], overdue_every_days: u16) -> Self {
        let nine = NaiveTime::from_hms_opt(REMINDER_HOUR, 0, 0).unwrap_or(NaiveTime::MIN);
        let deadline = deadline(due_on, tz);
        let mut steps_before: Vec<Reminder> = days_before
            .iter()
            .filter(|d| **d > 0)
            .filter_map(|d| {
                due_on
                    .checked_sub_days(Days::new(u64::from(*d)))
                    .map(|day| Reminder {
                        at: local(tz, day, nine),
                        kind: ReminderKind::DueSoon { days_before: *d },
                    })
            })
            .collect();
        steps_before.push(Reminder {
            at: local(tz, due_on, nine),
            kind: ReminderKind::DueToday,
        });
        steps_before.retain(|s| s.at < deadline);
        steps_before.sort_by_key(|s| s.at);
        steps_before.dedup_by_key(|s| s.at);
        Self {
            steps_before,
            deadline,
            every: chrono::Duration::days(i64::from(overdue_every_days.max(1))),
        }
    }

    /// When the report becomes late.
    pub fn deadline(&self) -> DateTime<Utc> {
        self.deadline
    }

    /// The first reminder of the schedule.
    pub fn first(&self) -> Reminder {
        self.steps_before.first().copied().unwrap_or(Reminder {
            at: self.deadline,
            kind: ReminderKind::Overdue { round: 0 },
        })
    }

    fn overdue(&self, round: u32) -> Reminder {
        Reminder {
            at: self.deadline + self.every * i32::try_from(round).unwrap_or(i32::MAX),
            kind: ReminderKind::Overdue { round },
        }
    }

    /// The earliest reminder strictly after `t`.
    pub fn next_after(&self, t: DateTime<Utc>) -> Reminder {
        if let Some(step) = self.steps_before.iter().find(|s| s.at > t) {
            return *step;
        }
        if t < self.deadline {
            return self.overdue(0);
        }
        let rounds = (t - self.deadline).num_seconds() / self.every.num_seconds().max(1);
        let round = u32::try_from(rounds + 1).unwrap_or(u32::MAX);
        self.overdue(round)
    }

    /// The latest reminder at or before `t`, if any is due yet.
    pub fn latest_at(&self, t: DateTime<Utc>) -> Option<Reminder> {
        if t >= self.deadline {
            let rounds = (t - self.deadline).num_seconds() / self.every.num_seconds().max(1);
            return Some(self.overdue(u32::try_from(rounds).unwrap_or(u32::MAX)));
        }
        self.steps_before.iter().rev().find(|s| s.at <= t).copied()
    }
}

/// When a programme's weekly overdue summary goes out next: Monday 08:00
/// in the programme's time zone, strictly after `after`.
pub fn next_summary_at(after: DateTime<Utc>, tz: Tz) -> DateTime<Utc> {
    let eight = NaiveTime::from_hms_opt(8, 0, 0).unwrap_or(NaiveTime::MIN);
    let today = after.with_timezone(&tz).date_naive();
    let to_monday = u64::from((7 - today.weekday().num_days_from_monday()) % 7);
    let mut day = today
        .checked_add_days(Days::new(to_monday))
        .unwrap_or(today);
    loop {
        let at = local(tz, day, eight);
        if at > after {
            return at;
        }
        match day.checked_add_days(Days::new(7)) {
            Some(next) => day = next,
            None => return after + chrono::Duration::days(7),
        }
    }
}

/// Whether a report came in on time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Timeliness {
    /// First handed in before its deadline.
    OnTime,
    /// First handed in after its deadline.
    Late,
    /// Past its deadline and not handed in.
    Overdue,
    /// Not handed in, and its deadline is still ahead.
    NotYetDue,
}

/// Whether a report with this deadline, first handed in at `submitted`, is on time at `now`.
pub fn timeliness(
    deadline: DateTime<Utc>,
    submitted: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Timeliness {
    match submitted {
        Some(at) if at < deadline => Timeliness::OnTime,
        Some(_) => Timeliness::Late,
        None if now >= deadline => Timeliness::Overdue,
        None => Timeliness::NotYetDue,
    }
}

/// What the impact summary needs to know of one grant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantOutcome {
    /// The grant's country.
    pub country: CountryCode,
    /// The award (money planned).
    pub award: Money,
    /// Paid so far.
    pub disbursed: Money,
    /// The proposal's targets per indicator.
    pub targets: BTreeMap<String, u64>,
    /// Outcomes to date from the grant's latest accepted report, if any:
    /// reports count totals to date, so only the latest one counts.
    pub achieved: Option<BTreeMap<String, u64>>,
    /// Each of the grant's reports.
    pub reports: Vec<Timeliness>,
}

/// The reports of a group of grants by timeliness.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct TimelinessCounts {
    /// Handed in before the deadline.
    pub on_time: u64,
    /// Handed in after it.
    pub late: u64,
    /// Late and still not handed in.
    pub overdue: u64,
    /// Not yet due.
    pub not_yet_due: u64,
}

/// What a group of grants (a country, or the programme) achieved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ImpactRow {
    /// How many grants.
    pub grants: u64,
    /// How many of them have an accepted report.
    pub grants_reporting: u64,
    /// Money awarded (planned).
    pub awarded: Money,
    /// Money paid.
    pub disbursed: Money,
    /// Outcomes to date per indicator, from each grant's latest accepted report.
    pub achieved: BTreeMap<String, u64>,
    /// Targets per indicator, from the proposals.
    pub targets: BTreeMap<String, u64>,
    /// Reports by timeliness.
    pub reports: TimelinessCounts,
}

impl ImpactRow {
    fn empty(currency: Currency) -> Self {
        Self {
            grants: 0,
            grants_reporting: 0,
            awarded: Money::new(0, currency),
            disbursed: Money::new(0, currency),
            achieved: BTreeMap::new(),
            targets: BTreeMap::new(),
            reports: TimelinessCounts::default(),
        }
    }

    fn add(&mut self, grant: &GrantOutcome) {
        let add_all = |into: &mut BTreeMap<String, u64>, from: &BTreeMap<String, u64>| {
            for (key, value) in from {
                let slot = into.entry(key.clone()).or_insert(0);
                *slot = slot.saturating_add(*value);
            }
        };
        self.grants += 1;
        self.awarded.minor = self.awarded.minor.saturating_add(grant.award.minor);
        self.disbursed.minor = self.disbursed.minor.saturating_add(grant.disbursed.minor);
        add_all(&mut self.targets, &grant.targets);
        if let Some(achieved) = &grant.achieved {
            self.grants_reporting += 1;
            add_all(&mut self.achieved, achieved);
        }
        for t in &grant.reports {
            let slot = match t {
                Timeliness::OnTime => &mut self.reports.on_time,
                Timeliness::Late => &mut self.reports.late,
                Timeliness::Overdue => &mut self.reports.overdue,
                Timeliness::NotYetDue => &mut self.reports.not_yet_due,
            };
            *slot += 1;
        }
    }
}

/// The programme's impact: one row per country (sorted by code) and the
/// programme's total, which is always the sum of the country rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Impact {
    /// Per country.
    #[schema(value_type = BTreeMap<String, ImpactRow>)]
    pub countries: BTreeMap<CountryCode, ImpactRow>,
    /// The whole programme.
    pub total: ImpactRow,
}

/// Adds up the grants' outcomes per country and for the programme.
pub fn impact(currency: Currency, grants: &[GrantOutcome]) -> Impact {
    let mut countries: BTreeMap<CountryCode, ImpactRow> = BTreeMap::new();
    let mut total = ImpactRow::empty(currency);
    for grant in grants {
        countries
            .entry(grant.country)
            .or_insert_with(|| ImpactRow::empty(currency))
            .add(grant);
        total.add(grant);
    }
    Impact { countries, total }
}

#[cfg(test)]
mod tests;
