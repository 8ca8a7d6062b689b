//! The jury's side of a programme: reviewer profiles, conflicts of interest
//! and recommendations.
//!
//! A conflict keeps a reviewer away from a proposal entirely: they are not
//! assigned to it and never see it. Some conflicts follow from the data
//! ([`automatic_conflicts`]: same organisation, same country, named by the
//! applicant); the others are recorded by people (declared by the reviewer,
//! added by a programme manager). A manager may lift any of them, with a
//! reason, which the service keeps as a record beside the conflict.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::programme::{ConflictPolicy, ProgrammeSpec};
use crate::proposal::{ProposalContent, tags};
use crate::{CountryCode, Locale, ParseError, ValidationErrors};

/// Why a reviewer may not review a proposal.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// The reviewer works for the applying organisation.
    SameOrganisation,
    /// The reviewer is from the proposal's country (cross-country juries).
    SameCountry,
    /// The applicant named the reviewer (or their organisation) in the proposal.
    NamedByApplicant,
    /// The reviewer declared the conflict.
    DeclaredByReviewer,
    /// A programme manager recorded the conflict.
    AddedByManager,
    /// The reviewer is on the proposal's team: its lead applicant or a member.
    OnTheTeam,
}

impl ConflictKind {
    /// Every kind, in the order they are listed.
    pub const ALL: [ConflictKind; 6] = [
        ConflictKind::SameOrganisation,
        ConflictKind::SameCountry,
        ConflictKind::NamedByApplicant,
        ConflictKind::DeclaredByReviewer,
        ConflictKind::AddedByManager,
        ConflictKind::OnTheTeam,
    ];

    /// The snake_case name used in the API and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ConflictKind::SameOrganisation => "same_organisation",
            ConflictKind::SameCountry => "same_country",
            ConflictKind::NamedByApplicant => "named_by_applicant",
            ConflictKind::DeclaredByReviewer => "declared_by_reviewer",
            ConflictKind::AddedByManager => "added_by_manager",
            ConflictKind::OnTheTeam => "on_the_team",
        }
    }

    /// Parses the snake_case name.
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == raw)
            .ok_or_else(|| {
                ParseError::new(
                    "unknown_conflict_kind",
                    format!("'{raw}' is not a kind of conflict"),
                )
            })
    }

    /// True for kinds the service derives from profiles and proposals.
    pub fn is_automatic(self) -> bool {
        matches!(
            self,
            ConflictKind::SameOrganisation
                | ConflictKind::SameCountry
                | ConflictKind::NamedByApplicant
                | ConflictKind::OnTheTeam
        )
    }
}

/// A reviewer's overall advice on a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Recommendation {
    /// Fund it as proposed.
    Fund,
    /// Fund it if the applicant makes the changes named in the comments.
    FundWithChanges,
    /// Do not fund it.
    DoNotFund,
}

/// How much a reviewer wants to review a proposal, given before assignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BidLevel {
    /// Keen to review it.
    Eager,
    /// Happy to review it.
    Willing,
    /// Would rather not.
    NotPreferred,
}

impl BidLevel {
    /// The snake_case name used in the API and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            BidLevel::Eager => "eager",
            BidLevel::Willing => "willing",
            BidLevel::NotPreferred => "not_preferred",
        }
    }

    /// Parses the snake_case name.
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        [BidLevel::Eager, BidLevel::Willing, BidLevel::NotPreferred]
            .into_iter()
            .find(|b| b.as_str() == raw)
            .ok_or_else(|| ParseError::new("unknown_bid", format!("'{raw}' is not a bid")))
    }
}

/// The fields of a reviewer's profile that decide conflicts of interest
/// (country and organisation) which `after` changes from `before`. A
/// reviewer may not change these themself: they would clear their own
/// automatic conflicts.
pub fn conflict_fields_changed(
    before: &ReviewerProfileInput,
    after: &ReviewerProfile,
) -> Vec<&'static str> {
    let mut changed = Vec::new();
    let country = before
        .country
        .as_deref()
        .and_then(|raw| CountryCode::parse(raw).ok());
    if country != after.country {
        changed.push("country");
    }
    let organisation = before
        .organisation
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty());
    if organisation != after.organisation.as_deref() {
        changed.push("organisation");
    }
    changed
}

/// A reviewer's profile for one programme, as a client sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewerProfileInput {
    /// Fields the reviewer knows, matched against proposals' tags.
    pub expertise: Option<Vec<String>>,
    /// Languages the reviewer reads (ISO 639-1), at least one.
    pub languages: Option<Vec<String>>,
    /// The reviewer's country (ISO 3166-1 alpha-2, `XK` for Kosovo).
    pub country: Option<String>,
    /// The reviewer's organisation.
    pub organisation: Option<String>,
    /// The most proposals the reviewer will take in this programme (at most the programme's cap).
    pub max_load: Option<i64>,
    /// The fewest proposals the reviewer should get, if there are enough.
    pub min_load: Option<i64>,
    /// Whether the reviewer takes assignments now.
    pub available: Option<bool>,
}

/// A reviewer's profile for one programme that passed validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReviewerProfile {
    /// Fields of expertise, lower-cased, each once.
    pub expertise: Vec<String>,
    /// Languages read.
    pub languages: Vec<Locale>,
    /// Country.
    #[schema(value_type = Option<String>)]
    pub country: Option<CountryCode>,
    /// Organisation.
    pub organisation: Option<String>,
    /// Most proposals to review.
    pub max_load: u16,
    /// Fewest proposals to review.
    pub min_load: u16,
    /// Takes assignments now.
    pub available: bool,
}

impl ReviewerProfileInput {
    /// Checks every field against the programme, reporting all problems at once.
    pub fn validate(self, programme: &ProgrammeSpec) -> Result<ReviewerProfile, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let raw_expertise = self.expertise.unwrap_or_default();
        if raw_expertise.len() > 30 {
            errors.push_limits(
                "expertise",
                "too_many",
                "at most 30 fields of expertise",
                &[("max", 30)],
            );
        }
        let expertise = tags(
            &mut errors,
            "expertise",
            &raw_expertise[..raw_expertise.len().min(30)],
            "a field of expertise has 1 to 50 characters",
        );
        let mut languages: Vec<Locale> = Vec::new();
        let raw_languages = errors
            .require("languages", self.languages)
            .unwrap_or_default();
        for (i, code) in raw_languages.iter().enumerate() {
            if let Some(locale) = errors.check(format!("languages[{i}]"), Locale::parse(code))
                && !languages.contains(&locale)
            {
                languages.push(locale);
            }
        }
        if languages.is_empty()
            && !errors
                .fields()
                .iter()
                .any(|e| e.field.starts_with("languages"))
        {
            errors.push(
                "languages",
                "required",
                "name at least one language you read",
            );
        }
        let country = errors.check_optional("country", self.country, CountryCode::parse);
        let organisation = self
            .organisation
            .map(|o| o.trim().to_owned())
            .filter(|o| !o.is_empty());
        if organisation
            .as_ref()
            .is_some_and(|o| o.chars().count() > 200)
        {
            errors.push("organisation", "too_long", "at most 200 characters");
        }
        let cap = programme.reviewer_load_cap;
        let max_load = match self.max_load {
            None => cap,
            Some(n) if (0..=i64::from(cap)).contains(&n) => u16::try_from(n).unwrap_or(cap),
            Some(_) => {
                errors.push_limits(
                    "max_load",
                    "out_of_range",
                    format!("must be between 0 and the programme's cap of {cap}"),
                    &[("min", 0), ("max", i64::from(cap))],
                );
                cap
            }
        };
        let min_load = match self.min_load {
            None => 0,
            Some(n) if (0..=i64::from(max_load)).contains(&n) => u16::try_from(n).unwrap_or(0),
            Some(_) => {
                errors.push_limits(
                    "min_load",
                    "out_of_range",
                    format!("must be between 0 and the maximum load of {max_load}"),
                    &[("min", 0), ("max", i64::from(max_load))],
                );
                0
            }
        };
        errors.into_result(|| ReviewerProfile {
            expertise,
            languages,
            country,
            organisation,
            max_load,
            min_load,
            available: self.available.unwrap_or(true),
        })
    }
}

impl ReviewerProfile {
    /// The profile as input, so that an edit can overlay changes.
    pub fn to_input(&self) -> ReviewerProfileInput {
        ReviewerProfileInput {
            expertise: Some(self.expertise.clone()),
            languages: Some(self.languages.iter().map(|l| l.code().to_owned()).collect()),
            country: self.country.map(|c| c.to_string()),
            organisation: self.organisation.clone(),
            max_load: Some(self.max_load.into()),
            min_load: Some(self.min_load.into()),
            available: Some(self.available),
        }
    }

    /// True if the reviewer reads the proposal's language (any proposal without one).
    pub fn reads(&self, language: Option<Locale>) -> bool {
        language.is_none_or(|l| self.languages.contains(&l))
    }
}

impl ReviewerProfileInput {
    /// This input with every field that `patch` sets replaced.
    pub fn overlay(self, patch: ReviewerProfileInput) -> ReviewerProfileInput {
        ReviewerProfileInput {
            expertise: patch.expertise.or(self.expertise),
            languages: patch.languages.or(self.languages),
            country: patch.country.or(self.country),
            organisation: patch.organisation.or(self.organisation),
            max_load: patch.max_load.or(self.max_load),
            min_load: patch.min_load.or(self.min_load),
            available: patch.available.or(self.available),
        }
    }
}

/// Who the reviewer is, as the applicant might name them.
#[derive(Debug, Clone, Copy)]
pub struct ReviewerIdentity<'a> {
    /// Their name.
    pub name: &'a str,
    /// Their email address.
    pub email: &'a str,
    /// Their programme profile.
    pub profile: &'a ReviewerProfile,
    /// Whether they are on the proposal's team (its lead or a member):
    /// nobody reviews what they wrote, whatever the programme's policy.
    pub on_the_team: bool,
}

/// Case- and space-insensitive comparison, for names typed by different people.
fn same_name(a: &str, b: &str) -> bool {
    let fold = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    fold(a) == fold(b)
}

/// The people on a proposal's team besides its lead, as their accounts
/// describe them: the conflicts of interest count them as the applicant.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeamFacts {
    /// Their organisations.
    pub organisations: Vec<String>,
    /// Their countries.
    pub countries: Vec<CountryCode>,
}

/// The conflicts that follow from the data alone, under the programme's
/// policy: the proposal's applicant, its partners and its team (`team`)
/// against the reviewer.
pub fn automatic_conflicts(
    policy: &ConflictPolicy,
    proposal: &ProposalContent,
    team: &TeamFacts,
    reviewer: ReviewerIdentity<'_>,
) -> Vec<ConflictKind> {
    let mut kinds = Vec::new();
    if reviewer.on_the_team {
        kinds.push(ConflictKind::OnTheTeam);
    }
    let profile = reviewer.profile;
    // A partner library co-runs the service: its people are as close to
    // the proposal as the applicant's own.
    if policy.same_organisation
        && let Some(ours) = &profile.organisation
        && proposal
            .organisation
            .iter()
            .chain(proposal.partners.iter().map(|p| &p.organisation))
            .chain(team.organisations.iter())
            .any(|theirs| same_name(theirs, ours))
    {
        kinds.push(ConflictKind::SameOrganisation);
    }
    if policy.same_country
        && let Some(ours) = profile.country
        && (proposal.country == Some(ours)
            || proposal.partners.iter().any(|p| p.country == ours)
            || team.countries.contains(&ours))
    {
        kinds.push(ConflictKind::SameCountry);
    }
    let named = proposal.conflicts_of_interest.iter().any(|n| {
        same_name(n, reviewer.name)
            || same_name(n, reviewer.email)
            || profile
                .organisation
                .as_deref()
                .is_some_and(|o| same_name(n, o))
    });
    if named {
        kinds.push(ConflictKind::NamedByApplicant);
    }
    kinds
}

/// A conflict a person recorded on a pair: its kind, and whether a
/// programme manager lifted it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordedConflict {
    /// The kind.
    pub kind: ConflictKind,
    /// True when lifted.
    pub lifted: bool,
}

/// The conflicts in force on a pair: the automatic ones nobody lifted, and
/// the recorded ones still active. Sorted, each kind once.
pub fn conflicts_in_force(
    automatic: &[ConflictKind],
    recorded: impl IntoIterator<Item = RecordedConflict>,
) -> Vec<ConflictKind> {
    let recorded: Vec<RecordedConflict> = recorded.into_iter().collect();
    let lifted = |kind: ConflictKind| recorded.iter().any(|r| r.kind == kind && r.lifted);
    let mut kinds: Vec<ConflictKind> = automatic
        .iter()
        .copied()
        .filter(|k| !lifted(*k))
        .chain(recorded.iter().filter(|r| !r.lifted).map(|r| r.kind))
        .collect();
    kinds.sort();
    kinds.dedup();
    kinds
}

#[cfg(test)]
mod tests;
