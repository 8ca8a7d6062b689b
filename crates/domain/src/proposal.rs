//! Proposals: what an applicant writes, the checks a draft passes while it
//! is edited, and the rules it must meet to be submitted (the guards of the
//! proposal workflow).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::programme::{MoneyInput, ProgrammeSpec};
use crate::{Area, CountryCode, Currency, Locale, Money, Refusal, ValidationErrors};

/// The longest a free-text section may be.
const MAX_SECTION_CHARS: usize = 20_000;

/// The most characters each free-text field takes, as forms announce them.
pub const TEXT_LIMITS: [(&str, usize); 7] = [
    ("title", 200),
    ("summary", 2_000),
    ("problem", MAX_SECTION_CHARS),
    ("proposed_service", MAX_SECTION_CHARS),
    ("target_group", MAX_SECTION_CHARS),
    ("planned_activities", MAX_SECTION_CHARS),
    ("organisation", 200),
];

/// The fields a proposal must have before it is submitted (a draft may
/// lack any of them); [`form_complete`] checks the same list.
pub const REQUIRED_TO_SUBMIT: [&str; 11] = [
    "title",
    "summary",
    "problem",
    "proposed_service",
    "target_group",
    "planned_activities",
    "organisation",
    "requested_amount",
    "country",
    "language",
    "budget_lines",
];

/// The most characters the free-text field `field` takes.
fn text_limit(field: &str) -> usize {
    TEXT_LIMITS
        .iter()
        .find(|(name, _)| *name == field)
        .map_or(MAX_SECTION_CHARS, |(_, max)| *max)
}

/// One line of a proposal's budget, as sent by a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BudgetLineInput {
    /// What the money is for, e.g. "3D printer".
    pub description: String,
    /// How much, in the programme's currency.
    pub amount: MoneyInput,
}

/// A proposal's fields as sent by a client; every field optional, because a
/// draft may be incomplete and an edit sends only what changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposalInput {
    /// A short name for the project.
    pub title: Option<String>,
    /// The project in a few sentences.
    pub summary: Option<String>,
    /// The need or problem in the community.
    pub problem: Option<String>,
    /// The new library service.
    pub proposed_service: Option<String>,
    /// Who the service is for.
    pub target_group: Option<String>,
    /// What will be done, and when.
    pub planned_activities: Option<String>,
    /// The budget, line by line; the lines add up to the requested amount.
    pub budget_lines: Option<Vec<BudgetLineInput>>,
    /// The award asked for.
    pub requested_amount: Option<MoneyInput>,
    /// The library's country (ISO 3166-1 alpha-2, `XK` for Kosovo).
    pub country: Option<String>,
    /// The region within the country where ambassadors cover regions (ISO 3166-2, e.g. `BA-SRP`).
    pub region: Option<String>,
    /// The library or organisation applying.
    pub organisation: Option<String>,
    /// Keywords, for matching reviewers.
    pub tags: Option<Vec<String>>,
    /// The language the proposal is written in.
    pub language: Option<String>,
    /// People or organisations the applicant asks to keep away from the
    /// review (a name, an email address or an organisation each).
    pub conflicts_of_interest: Option<Vec<String>>,
    /// What the project plans to achieve, per indicator of the programme
    /// (e.g. `{"people_reached": 400}`); reports count against it.
    pub indicator_targets: Option<BTreeMap<String, i64>>,
    /// The partner libraries that co-run the service, at most 10.
    pub partners: Option<Vec<PartnerInput>>,
}

/// A partner library as the applicant names it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartnerInput {
    /// The library or organisation.
    pub organisation: String,
    /// Its country (ISO 3166-1 alpha-2, `XK` for Kosovo).
    pub country: String,
    /// Whom to ask there: a name, an email address or a telephone number.
    #[serde(default)]
    pub contact: Option<String>,
}

/// A partner library of a proposal: it co-runs the new service, so its
/// people are kept from reviewing the proposal and the ambassadors of its
/// country may read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Partner {
    /// The library or organisation.
    pub organisation: String,
    /// Its country.
    #[schema(value_type = String)]
    pub country: CountryCode,
    /// Whom to ask there.
    pub contact: Option<String>,
}

/// The most partner libraries a proposal names.
pub const MOST_PARTNERS: usize = 10;

/// A budget line that passed validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BudgetLine {
    /// What the money is for.
    pub description: String,
    /// How much.
    pub amount: Money,
}

/// A proposal's content that passed the format checks. Fields may still be
/// missing: completeness is checked on submission ([`form_complete`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ProposalContent {
    /// A short name for the project.
    pub title: Option<String>,
    /// The project in a few sentences.
    pub summary: Option<String>,
    /// The need or problem.
    pub problem: Option<String>,
    /// The new service.
    pub proposed_service: Option<String>,
    /// Who it is for.
    pub target_group: Option<String>,
    /// What will be done.
    pub planned_activities: Option<String>,
    /// The budget.
    pub budget_lines: Vec<BudgetLine>,
    /// The award asked for.
    pub requested_amount: Option<Money>,
    /// The library's country.
    #[schema(value_type = Option<String>)]
    pub country: Option<CountryCode>,
    /// The region, for countries whose ambassadors cover regions.
    #[schema(value_type = Option<String>)]
    pub region: Option<Area>,
    /// The organisation applying.
    pub organisation: Option<String>,
    /// Keywords.
    pub tags: Vec<String>,
    /// The proposal's language.
    pub language: Option<Locale>,
    /// People or organisations the applicant asks to keep away from the review.
    #[serde(default)]
    pub conflicts_of_interest: Vec<String>,
    /// Planned outcomes per indicator key.
    #[serde(default)]
    pub indicator_targets: BTreeMap<String, u64>,
    /// The partner libraries.
    #[serde(default)]
    pub partners: Vec<Partner>,
}

/// The free-text sections, with their field names and whether submission needs them.
fn sections(content: &ProposalContent) -> [(&'static str, &Option<String>); 7] {
    [
        ("title", &content.title),
        ("summary", &content.summary),
        ("problem", &content.problem),
        ("proposed_service", &content.proposed_service),
        ("target_group", &content.target_group),
        ("planned_activities", &content.planned_activities),
        ("organisation", &content.organisation),
    ]
}

impl ProposalContent {
    /// The proposal's words in their search form ([`crate::text::search_form`]):
    /// its title, texts and keywords. Not its organisation: a reviewer of a
    /// blind programme must not find who applied by searching for them.
    pub fn search_text(&self) -> String {
        let texts = [
            &self.title,
            &self.summary,
            &self.problem,
            &self.proposed_service,
            &self.target_group,
            &self.planned_activities,
        ];
        let mut words: Vec<String> = texts
            .into_iter()
            .flatten()
            .map(|t| crate::text::search_form(t))
            .collect();
        words.extend(self.tags.iter().map(|t| crate::text::search_form(t)));
        words.retain(|w| !w.is_empty());
        words.join(" ")
    }

    /// What is kept of a proposal whose applicant's data was erased and
    /// that no grant needs: what the programme counts (title, amount asked,
    /// place, language, keywords, targets), not the texts, organisation,
    /// budget lines or named conflicts, which may say who wrote it.
    pub fn erased(&self) -> ProposalContent {
        ProposalContent {
            title: self.title.clone(),
            requested_amount: self.requested_amount,
            country: self.country,
            region: self.region.clone(),
            tags: self.tags.clone(),
            language: self.language,
            indicator_targets: self.indicator_targets.clone(),
            ..ProposalContent::default()
        }
    }

    /// The input that would produce this content, so an edit can overlay changes.
    pub fn to_input(&self) -> ProposalInput {
        ProposalInput {
            title: self.title.clone(),
            summary: self.summary.clone(),
            problem: self.problem.clone(),
            proposed_service: self.proposed_service.clone(),
            target_group: self.target_group.clone(),
            planned_activities: self.planned_activities.clone(),
            budget_lines: Some(
                self.budget_lines
                    .iter()
                    .map(|l| BudgetLineInput {
                        description: l.description.clone(),
                        amount: l.amount.into(),
                    })
                    .collect(),
            ),
            requested_amount: self.requested_amount.map(Into::into),
            country: self.country.map(|c| c.to_string()),
            region: self.region.as_ref().map(ToString::to_string),
            organisation: self.organisation.clone(),
            tags: Some(self.tags.clone()),
            language: self.language.map(|l| l.code().to_owned()),
            conflicts_of_interest: Some(self.conflicts_of_interest.clone()),
            indicator_targets: Some(
                self.indicator_targets
                    .iter()
                    .map(|(k, v)| (k.clone(), i64::try_from(*v).unwrap_or(i64::MAX)))
                    .collect(),
            ),
            partners: Some(
                self.partners
                    .iter()
                    .map(|p| PartnerInput {
                        organisation: p.organisation.clone(),
                        country: p.country.to_string(),
                        contact: p.contact.clone(),
                    })
                    .collect(),
            ),
        }
    }

    /// The countries of its partner libraries, each once, in their order.
    pub fn partner_countries(&self) -> Vec<CountryCode> {
        let mut countries: Vec<CountryCode> = Vec::new();
        for partner in &self.partners {
            if !countries.contains(&partner.country) {
                countries.push(partner.country);
            }
        }
        countries
    }

    /// The sum of the budget lines, or `None` if they mix currencies or overflow.
    pub fn budget_total(&self) -> Option<Money> {
        let mut lines = self.budget_lines.iter().map(|l| l.amount);
        let first = lines.next()?;
        lines.try_fold(first, Money::checked_add)
    }
}

impl ProposalInput {
    /// This input with every field that `patch` sets replaced.
    pub fn overlay(self, patch: ProposalInput) -> ProposalInput {
        ProposalInput {
            title: patch.title.or(self.title),
            summary: patch.summary.or(self.summary),
            problem: patch.problem.or(self.problem),
            proposed_service: patch.proposed_service.or(self.proposed_service),
            target_group: patch.target_group.or(self.target_group),
            planned_activities: patch.planned_activities.or(self.planned_activities),
            budget_lines: patch.budget_lines.or(self.budget_lines),
            requested_amount: patch.requested_amount.or(self.requested_amount),
            country: patch.country.or(self.country),
            region: patch.region.or(self.region),
            organisation: patch.organisation.or(self.organisation),
            tags: patch.tags.or(self.tags),
            language: patch.language.or(self.language),
            conflicts_of_interest: patch.conflicts_of_interest.or(self.conflicts_of_interest),
            indicator_targets: patch.indicator_targets.or(self.indicator_targets),
            partners: patch.partners.or(self.partners),
        }
    }

    /// Checks the format of every field given; missing fields are fine in a draft.
    pub fn validate_draft(self) -> Result<ProposalContent, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let mut text = |field: &str, value: Option<String>| -> Option<String> {
            let max = text_limit(field);
            let value = value?;
            let trimmed = value.trim();
            let several_lines = !matches!(field, "title" | "organisation");
            if crate::text::has_hidden_characters(trimmed, several_lines) {
                errors.push(
                    field,
                    "invalid_characters",
                    "control, direction-changing or invisible characters cannot be kept",
                );
                return None;
            }
            if trimmed.chars().count() > max {
                let args = [("max".to_owned(), max.to_string())].into();
                errors.push_with(field, "too_long", format!("at most {max} characters"), args);
                return None;
            }
            (!trimmed.is_empty()).then(|| trimmed.to_owned())
        };
        let title = text("title", self.title);
        let summary = text("summary", self.summary);
        let problem = text("problem", self.problem);
        let proposed_service = text("proposed_service", self.proposed_service);
        let target_group = text("target_group", self.target_group);
        let planned_activities = text("planned_activities", self.planned_activities);
        let organisation = text("organisation", self.organisation);

        let mut budget_lines = Vec::new();
        let raw_lines = self.budget_lines.unwrap_or_default();
        if raw_lines.len() > 100 {
            errors.push_limits(
                "budget_lines",
                "too_many",
                "at most 100 budget lines",
                &[("max", 100)],
            );
        }
        for (i, line) in raw_lines.into_iter().enumerate().take(100) {
            let description = line.description.trim();
            if description.is_empty() || description.chars().count() > 500 {
                errors.push(
                    format!("budget_lines[{i}].description"),
                    "invalid_description",
                    "describe the line in 1 to 500 characters",
                );
            }
            if let Some(amount) = amount(
                &mut errors,
                &format!("budget_lines[{i}].amount"),
                line.amount,
            ) && !description.is_empty()
            {
                budget_lines.push(BudgetLine {
                    description: description.to_owned(),
                    amount,
                });
            }
        }
        let requested_amount = self
            .requested_amount
            .and_then(|raw| amount(&mut errors, "requested_amount", raw));
        let country = errors.check_optional("country", self.country, CountryCode::parse);
        let region = errors.check_optional("region", self.region, Area::parse);
        if let Some(region) = &region {
            if !matches!(region, Area::Subdivision { .. }) {
                errors.push(
                    "region",
                    "not_a_region",
                    "give a region code such as BA-SRP, or leave it out",
                );
            } else if country.is_some_and(|c| c != region.country()) {
                errors.push(
                    "region",
                    "region_outside_country",
                    format!("{region} is not in the proposal's country"),
                );
            }
        }
        let tags = tags(
            &mut errors,
            "tags",
            &self.tags.unwrap_or_default(),
            "a tag has 1 to 50 characters",
        );
        if tags.len() > 20 {
            errors.push_limits("tags", "too_many", "at most 20 tags", &[("max", 20)]);
        }
        let language = self
            .language
            .and_then(|l| errors.check("language", Locale::parse(&l)));
        let raw_conflicts = self.conflicts_of_interest.unwrap_or_default();
        if raw_conflicts.len() > 20 {
            errors.push_limits(
                "conflicts_of_interest",
                "too_many",
                "name at most 20 people or organisations",
                &[("max", 20)],
            );
        }
        let mut conflicts_of_interest: Vec<String> = Vec::new();
        for (i, name) in raw_conflicts.iter().enumerate().take(20) {
            let name = name.trim();
            if name.is_empty() || name.chars().count() > 200 {
                errors.push(
                    format!("conflicts_of_interest[{i}]"),
                    "invalid_name",
                    "name a person, an email address or an organisation in 1 to 200 characters",
                );
            } else if !conflicts_of_interest
                .iter()
                .any(|known| known.to_lowercase() == name.to_lowercase())
            {
                conflicts_of_interest.push(name.to_owned());
            }
        }
        let indicator_targets = crate::report::indicator_counts(
            &mut errors,
            "indicator_targets",
            self.indicator_targets,
        );
        let partners = partners(&mut errors, self.partners.unwrap_or_default());
        errors.into_result(|| ProposalContent {
            title,
            summary,
            problem,
            proposed_service,
            target_group,
            planned_activities,
            budget_lines,
            requested_amount,
            country,
            region,
            organisation,
            tags,
            language,
            conflicts_of_interest,
            indicator_targets,
            partners,
        })
    }
}

/// The partner libraries as kept: each with a name of 1 to 200 characters
/// on one line, a known country and a contact of at most 200 characters;
/// the same library named twice is kept once. Problems go on `partners[i]`.
fn partners(errors: &mut ValidationErrors, raw: Vec<PartnerInput>) -> Vec<Partner> {
    if raw.len() > MOST_PARTNERS {
        errors.push_limits(
            "partners",
            "too_many",
            format!("at most {MOST_PARTNERS} partner libraries"),
            &[("max", MOST_PARTNERS as i64)],
        );
    }
    let mut kept: Vec<Partner> = Vec::new();
    for (i, partner) in raw.into_iter().enumerate().take(MOST_PARTNERS) {
        let field = |name: &str| format!("partners[{i}].{name}");
        let organisation = partner.organisation.trim().to_owned();
        let contact = partner
            .contact
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty());
        let mut good = true;
        if organisation.is_empty() {
            errors.push(
                field("organisation"),
                "required",
                "name the partner library",
            );
            good = false;
        } else if organisation.chars().count() > 200 {
            errors.push_limits(
                field("organisation"),
                "too_long",
                "at most 200 characters",
                &[("max", 200)],
            );
            good = false;
        } else if crate::text::has_hidden_characters(&organisation, false) {
            errors.push(
                field("organisation"),
                "invalid_characters",
                "control, direction-changing or invisible characters cannot be kept",
            );
            good = false;
        }
        if let Some(contact) = &contact {
            if contact.chars().count() > 200 {
                errors.push_limits(
                    field("contact"),
                    "too_long",
                    "at most 200 characters",
                    &[("max", 200)],
                );
                good = false;
            } else if crate::text::has_hidden_characters(contact, false) {
                errors.push(
                    field("contact"),
                    "invalid_characters",
                    "control, direction-changing or invisible characters cannot be kept",
                );
                good = false;
            }
        }
        let country = errors.check(field("country"), CountryCode::parse(partner.country.trim()));
        if let (true, Some(country)) = (good, country) {
            let again = kept.iter().any(|k| {
                k.country == country && k.organisation.to_lowercase() == organisation.to_lowercase()
            });
            if !again {
                kept.push(Partner {
                    organisation,
                    country,
                    contact,
                });
            }
        }
    }
    kept
}

/// Keywords as kept (a proposal's tags, a reviewer's expertise): trimmed,
/// lower-cased, each once. One that is empty or over 50 characters is left
/// out and reported on `field[i]` as `invalid_tag`, saying `message`.
pub fn tags(
    errors: &mut ValidationErrors,
    field: &str,
    raw: &[String],
    message: &str,
) -> Vec<String> {
    let mut tags = Vec::new();
    for (i, tag) in raw.iter().enumerate() {
        let tag = tag.trim().to_lowercase();
        if tag.is_empty() || tag.chars().count() > 50 {
            errors.push(format!("{field}[{i}]"), "invalid_tag", message);
        } else if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

fn amount(errors: &mut ValidationErrors, field: &str, raw: MoneyInput) -> Option<Money> {
    let currency = errors.check(format!("{field}.currency"), Currency::parse(&raw.currency))?;
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

/// Formats a moment in the programme's time zone, e.g. `12 March 2027 17:00 (Europe/Skopje)`.
pub fn local_time(programme: &ProgrammeSpec, at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&programme.time_zone);
    format!(
        "{} ({})",
        local.format("%-d %B %Y %H:%M"),
        programme.time_zone.name()
    )
}

/// Guard `call_open`: submissions are accepted from the opening to the
/// closing time; a refusal says when, in the programme's time zone.
pub fn call_open(programme: &ProgrammeSpec, now: DateTime<Utc>) -> Result<(), Refusal> {
    let zone = programme.time_zone;
    if now < programme.opens_at {
        return Err(Refusal::new(format!(
            "the call opens on {}",
            local_time(programme, programme.opens_at)
        ))
        .case("not_yet_open")
        .with_moment("opens_at", programme.opens_at.with_timezone(&zone)));
    }
    if now >= programme.closes_at {
        return Err(Refusal::new(format!(
            "the call closed on {}",
            local_time(programme, programme.closes_at)
        ))
        .case("closed")
        .with_moment("closes_at", programme.closes_at.with_timezone(&zone)));
    }
    Ok(())
}

/// Guard `form_complete`: every section is written, there is a budget, and
/// its lines add up exactly to the requested amount. An incomplete
/// proposal's refusal lists the fields to fill in (`missing`).
pub fn form_complete(content: &ProposalContent) -> Result<(), Refusal> {
    let mut missing: Vec<&str> = sections(content)
        .iter()
        .filter(|(_, value)| value.is_none())
        .map(|(field, _)| *field)
        .collect();
    if content.requested_amount.is_none() {
        missing.push("requested_amount");
    }
    if content.country.is_none() {
        missing.push("country");
    }
    if content.language.is_none() {
        missing.push("language");
    }
    if content.budget_lines.is_empty() {
        missing.push("budget_lines");
    }
    Refusal::unless_empty(&missing, "missing", |missing| {
        format!("the proposal is incomplete: fill in {missing}")
    })
    .map_err(|refusal| refusal.case("incomplete"))?;
    match (content.budget_total(), content.requested_amount) {
        (Some(total), Some(requested)) if total == requested => Ok(()),
        (Some(total), Some(requested)) => Err(Refusal::new(format!(
            "the budget lines add up to {total}, not the requested {requested}"
        ))
        .case("budget_mismatch")
        .with("total", total)
        .with("requested", requested)),
        _ => Err(
            Refusal::new("the budget lines mix currencies; use one currency throughout")
                .case("mixed_currencies"),
        ),
    }
}

/// Guard `country_eligible`: the library is in one of the programme's countries.
pub fn country_eligible(
    content: &ProposalContent,
    programme: &ProgrammeSpec,
) -> Result<(), Refusal> {
    match content.country {
        Some(country) if programme.eligible_countries.contains(&country) => Ok(()),
        Some(country) => Err(Refusal::new(format!(
            "libraries in {country} are not eligible for this programme"
        ))
        .case("not_eligible")
        .with("country", country)),
        None => Err(Refusal::new("give the library's country").case("missing")),
    }
}

/// Guard `amount_within_limits`: the request is in the programme's currency,
/// between its smallest and largest award.
pub fn amount_within_limits(
    content: &ProposalContent,
    programme: &ProgrammeSpec,
) -> Result<(), Refusal> {
    let Some(requested) = content.requested_amount else {
        return Err(Refusal::new("give the requested amount").case("missing"));
    };
    if requested.currency != programme.currency {
        return Err(Refusal::new(format!(
            "request the award in {}, the programme's currency",
            programme.currency
        ))
        .case("wrong_currency")
        .with("currency", programme.currency));
    }
    if requested.minor < programme.min_award.minor || requested.minor > programme.max_award.minor {
        return Err(Refusal::new(format!(
            "the requested amount must be between {} and {}",
            programme.min_award, programme.max_award
        ))
        .case("out_of_range")
        .with("min", programme.min_award)
        .with("max", programme.max_award));
    }
    Ok(())
}

/// Guard `comment_given`: the transition needs a reason in words.
pub fn comment_given(comment: Option<&str>) -> Result<(), Refusal> {
    match comment.map(str::trim) {
        Some(text) if !text.is_empty() => Ok(()),
        _ => Err("write a comment explaining why".into()),
    }
}

#[cfg(test)]
mod tests;
