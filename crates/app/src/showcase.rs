//! The public showcase: what a programme that opts in shows anyone without
//! signing in, and the grantees' consent that their project is part of it.
//!
//! Public by design and nothing more: a showcased programme's call while it
//! is upcoming or open (what it asks, for whom, until when) and, for each
//! grant whose grantee consented, the project's title, library, country and
//! summary with the indicators its latest accepted report achieved against
//! its targets. Never a person, an email, a review, a score, a comment, an
//! amount paid or a bank account: the views below have no field for them.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use grants_domain::programme::{CallStatus, LocalizedText};
use grants_domain::{CountryCode, GrantId, Locale, Money, ValidationErrors};
use grants_store::ConnectionTrait;
use grants_store::audit::{self, AuditEntry};
use grants_store::grants::GrantRecord;
use grants_store::programmes::ProgrammeRecord;
use grants_store::showcase as store;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::names::grant as states;
use crate::names::report as report_states;
use crate::{Actor, App, AppError, AppResult};

/// The grant states whose projects the showcase shows: funded and under
/// way or completed (not waiting for the agreement, not terminated).
const SHOWN_STATES: &[&str] = &[states::ACTIVE, states::REPORTING, states::CLOSED];

/// Whether a grant's project is on the public showcase, and what its
/// reader may do about it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ShowcaseConsentView {
    /// The grant's programme shows its funded projects in public.
    pub programme_showcased: bool,
    /// When the grantee consented; `None` while they have not.
    pub given_at: Option<DateTime<Utc>>,
    /// The project is on the showcase now: the programme shows projects,
    /// the grantee consented and the grant is under way or completed.
    pub shown: bool,
    /// What the reader may do.
    pub may: ConsentMay,
}

/// What the reader may do with a grant's showcase consent.
#[derive(Debug, Clone, Copy, Default, Serialize, ToSchema)]
pub struct ConsentMay {
    /// Consent (the grantee, when the programme shows projects).
    pub give: bool,
    /// Withdraw the consent given (the grantee).
    pub withdraw: bool,
}

/// Whether grant `id`'s project is on the public showcase. Readers of the grant.
pub async fn of_grant(app: &App, actor: &Actor, id: GrantId) -> AppResult<ShowcaseConsentView> {
    let c = app.store.conn();
    let grant = crate::grants::load_visible(c, actor, id).await?;
    let programme = crate::programmes::load_programme(c, grant.programme_id).await?;
    read(c, actor, &grant, &programme).await
}

/// The grantee consents that their project appears on the public showcase.
/// Giving it again changes nothing. On the grant's history.
pub async fn give(app: &App, actor: &Actor, id: GrantId) -> AppResult<ShowcaseConsentView> {
    change(app, actor, id, true).await
}

/// The grantee withdraws their consent: the project leaves the showcase at
/// once. Withdrawing none changes nothing. On the grant's history.
pub async fn withdraw(app: &App, actor: &Actor, id: GrantId) -> AppResult<ShowcaseConsentView> {
    change(app, actor, id, false).await
}

async fn change(
    app: &App,
    actor: &Actor,
    id: GrantId,
    give: bool,
) -> AppResult<ShowcaseConsentView> {
    let tx = app.store.begin().await?;
    let grant = crate::grants::load_visible(&tx, actor, id).await?;
    if actor.id != grant.grantee_id {
        return Err(AppError::forbidden("showcase-grantee-only").done());
    }
    let now = app.now();
    let programme = crate::programmes::load_programme(&tx, grant.programme_id).await?;
    let changed = if give {
        if !programme.spec.showcase {
            return Err(AppError::conflict("showcase-programme-private").done());
        }
        if grant.state == states::TERMINATED {
            return Err(AppError::conflict("showcase-grant-terminated").done());
        }
        store::give(&tx, id, actor.id, now).await?
    } else {
        store::withdraw(&tx, id).await?
    };
    if changed {
        let action = if give {
            "grant.showcase_consent_given"
        } else {
            "grant.showcase_consent_withdrawn"
        };
        audit::record(
            &tx,
            AuditEntry {
                actor: Some(actor.id),
                action,
                subject_type: crate::grants::SUBJECT,
                subject_id: id.uuid(),
                details: serde_json::json!({}),
            },
            now,
        )
        .await?;
    }
    let shown = read(&tx, actor, &grant, &programme).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    tracing::info!(grant.id = %id, give, changed, "showcase consent");
    Ok(shown)
}

async fn read(
    c: &impl ConnectionTrait,
    actor: &Actor,
    grant: &GrantRecord,
    programme: &ProgrammeRecord,
) -> AppResult<ShowcaseConsentView> {
    let consent = store::consent_of(c, grant.id).await?;
    let grantee = actor.id == grant.grantee_id;
    let showcased = programme.spec.showcase;
    Ok(ShowcaseConsentView {
        programme_showcased: showcased,
        shown: showcased && consent.is_some() && SHOWN_STATES.contains(&grant.state.as_str()),
        may: ConsentMay {
            give: grantee && showcased && consent.is_none() && grant.state != states::TERMINATED,
            withdraw: grantee && consent.is_some(),
        },
        given_at: consent.map(|c| c.given_at),
    })
}

/// Which part of the showcase to read.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ShowcaseFilter {
    /// Only this programme, by its code (e.g. `INELI-2027`).
    pub programme: Option<String>,
    /// Only projects in this country (ISO 3166-1 alpha-2).
    pub country: Option<String>,
}

/// A programme on the showcase, for finding one's way.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicProgramme {
    /// Its code, which names its page.
    pub code: String,
    /// Its title per language.
    #[schema(value_type = BTreeMap<String, String>)]
    pub title: LocalizedText,
    /// Its language when the reader's is missing.
    #[schema(value_type = String)]
    pub default_locale: Locale,
    /// The languages it speaks: those of its title.
    #[schema(value_type = Vec<String>)]
    pub languages: Vec<Locale>,
}

/// A criterion the jury scores, as applicants read it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicCriterion {
    /// Its name per language.
    #[schema(value_type = BTreeMap<String, String>)]
    pub title: LocalizedText,
    /// Its relative weight.
    pub weight: u32,
}

/// An upcoming or open call, as anyone reads it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicCall {
    /// The programme.
    #[serde(flatten)]
    pub programme: PublicProgramme,
    /// What it asks for, per language.
    #[schema(value_type = BTreeMap<String, String>)]
    pub description: LocalizedText,
    /// Upcoming or open.
    pub status: CallStatus,
    /// When submissions open.
    pub opens_at: DateTime<Utc>,
    /// When they close.
    pub closes_at: DateTime<Utc>,
    /// The time zone its deadlines are given in (IANA).
    pub time_zone: String,
    /// The countries whose libraries may apply.
    pub eligible_countries: Vec<String>,
    /// The smallest award one may ask for.
    pub min_award: Money,
    /// The largest.
    pub max_award: Money,
    /// What the jury scores.
    pub criteria: Vec<PublicCriterion>,
    /// When the call last changed.
    pub updated_at: DateTime<Utc>,
}

/// An indicator of a funded project: its target and what it achieved.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicIndicator {
    /// Its key.
    pub key: String,
    /// Its name per language.
    #[schema(value_type = BTreeMap<String, String>)]
    pub title: LocalizedText,
    /// What the proposal aimed for.
    pub target: Option<u64>,
    /// What the latest accepted report counts; `None` before one is accepted.
    pub achieved: Option<u64>,
}

/// A funded project whose grantee consented to show it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicProject {
    /// Its programme's code.
    pub programme: String,
    /// Its title.
    pub title: String,
    /// The library that runs it.
    pub organisation: Option<String>,
    /// Its country (ISO 3166-1 alpha-2).
    pub country: String,
    /// Its summary.
    pub summary: Option<String>,
    /// The language its texts are written in.
    #[schema(value_type = Option<String>)]
    pub language: Option<Locale>,
    /// It is completed.
    pub completed: bool,
    /// Its indicators, in the programme's order.
    pub indicators: Vec<PublicIndicator>,
}

/// What the public showcase shows.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Showcase {
    /// The programmes on it (the one asked for, or all).
    pub programmes: Vec<PublicProgramme>,
    /// Their upcoming and open calls, the soonest deadline first.
    pub calls: Vec<PublicCall>,
    /// Their funded projects shown (in the country asked for, or all).
    pub projects: Vec<PublicProject>,
    /// Every country with a project shown, for going country by country.
    pub countries: Vec<String>,
}

/// The public showcase, to anyone: the programmes that opt in, their
/// upcoming and open calls and the funded projects whose grantees
/// consented; only `filter.programme`'s (a 404 for a programme that is not
/// on it), only projects in `filter.country`.
pub async fn read_showcase(app: &App, filter: &ShowcaseFilter) -> AppResult<Showcase> {
    let country = match filter.country.as_deref().map(str::trim) {
        Some(raw) if !raw.is_empty() => {
            let mut errors = ValidationErrors::default();
            let parsed = errors.check("country", CountryCode::parse(raw));
            errors.into_result(|| parsed)?
        }
        _ => None,
    };
    let c = app.store.conn();
    let mut programmes: Vec<ProgrammeRecord> =
        grants_store::programmes::list(c, false, None, u64::MAX >> 1)
            .await?
            .into_iter()
            .filter(|p| p.spec.showcase)
            .collect();
    if let Some(code) = filter.programme.as_deref().map(str::trim) {
        programmes.retain(|p| p.spec.code.eq_ignore_ascii_case(code));
        if programmes.is_empty() {
            return Err(AppError::NotFound("programme"));
        }
    }
    let now = app.now();
    let mut calls: Vec<PublicCall> = programmes
        .iter()
        .filter(|p| p.spec.call_status(now) != CallStatus::Closed)
        .map(|p| public_call(p, now))
        .collect();
    calls.sort_by_key(|call| call.closes_at);
    let ids: Vec<_> = programmes.iter().map(|p| p.id).collect();
    let grants = store::consented_grants(c, &ids, SHOWN_STATES).await?;
    let countries: BTreeSet<String> = grants.iter().map(|g| g.country.to_string()).collect();
    let grants: Vec<GrantRecord> = grants
        .into_iter()
        .filter(|g| country.is_none_or(|c| g.country == c))
        .collect();
    let projects = projects(c, &programmes, grants).await?;
    Ok(Showcase {
        programmes: programmes.iter().map(public_programme).collect(),
        calls,
        projects,
        countries: countries.into_iter().collect(),
    })
}

fn public_programme(p: &ProgrammeRecord) -> PublicProgramme {
    let spec = &p.spec;
    PublicProgramme {
        code: spec.code.clone(),
        title: spec.title.clone(),
        default_locale: spec.default_locale,
        languages: spec.title.keys().copied().collect(),
    }
}

fn public_call(p: &ProgrammeRecord, now: DateTime<Utc>) -> PublicCall {
    let spec = &p.spec;
    PublicCall {
        programme: public_programme(p),
        description: spec.description.clone(),
        status: spec.call_status(now),
        opens_at: spec.opens_at,
        closes_at: spec.closes_at,
        time_zone: spec.time_zone.name().to_owned(),
        eligible_countries: spec
            .eligible_countries
            .iter()
            .map(|c| c.as_str().to_owned())
            .collect(),
        min_award: spec.min_award,
        max_award: spec.max_award,
        criteria: spec
            .rubric
            .iter()
            .map(|c| PublicCriterion {
                title: c.title.clone(),
                weight: c.weight,
            })
            .collect(),
        updated_at: p.updated_at,
    }
}

/// The projects of `grants` as the public reads them: the proposal's own
/// texts and each indicator's target beside what was achieved.
async fn projects(
    c: &impl ConnectionTrait,
    programmes: &[ProgrammeRecord],
    grants: Vec<GrantRecord>,
) -> AppResult<Vec<PublicProject>> {
    let proposal_ids: Vec<_> = grants.iter().map(|g| g.proposal_id).collect();
    let proposals: HashMap<_, _> = grants_store::proposals::find_many(c, &proposal_ids)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    // Only accepted reports count (what the impact summary counts too).
    let grant_ids: Vec<GrantId> = grants.iter().map(|g| g.id).collect();
    let mut reports = HashMap::new();
    for r in
        grants_store::reports::reports_of_grants(c, &grant_ids, &[report_states::ACCEPTED]).await?
    {
        reports.entry(r.grant_id).or_insert_with(Vec::new).push(r);
    }
    let by_id: HashMap<_, _> = programmes.iter().map(|p| (p.id, p)).collect();
    let mut shown = Vec::with_capacity(grants.len());
    for g in grants {
        let (Some(programme), Some(proposal)) =
            (by_id.get(&g.programme_id), proposals.get(&g.proposal_id))
        else {
            continue;
        };
        let content = &proposal.content;
        let achieved =
            crate::reports::achieved_of(reports.get(&g.id).map(Vec::as_slice).unwrap_or_default());
        let indicators = programme
            .spec
            .reporting
            .indicators
            .iter()
            .filter_map(|i| {
                let target = content.indicator_targets.get(&i.key).copied();
                let reached = achieved.as_ref().and_then(|a| a.get(&i.key).copied());
                (target.is_some() || reached.is_some()).then(|| PublicIndicator {
                    key: i.key.clone(),
                    title: i.title.clone(),
                    target,
                    achieved: reached,
                })
            })
            .collect();
        shown.push(PublicProject {
            programme: programme.spec.code.clone(),
            title: content.title.clone().unwrap_or_default(),
            organisation: content.organisation.clone(),
            country: g.country.to_string(),
            summary: content.summary.clone(),
            language: content.language,
            completed: g.state == states::CLOSED,
            indicators,
        });
    }
    Ok(shown)
}
