//! The jury chair's pages: the assignment run (preview, then commit) and
//! the ranking with its CSV.

use std::collections::BTreeMap;

use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use grants_app::assignments::{self, AssignmentRunInput};
use grants_app::reviews;
use grants_app::{Actor, AppError};
use grants_domain::ProgrammeId;
use serde::{Deserialize, Serialize};

use super::{OrPage, Visit, programme_title, render, render_status};
use crate::i18n::country_name;
use crate::session::Viewer;
use crate::{PageError, WebState};

#[derive(Debug, Serialize)]
struct ProposalRow {
    title: String,
    country: String,
    language: String,
    reviewers: Vec<String>,
    missing: u16,
    reason: Option<String>,
}

#[derive(Debug, Serialize)]
struct LoadRow {
    name: String,
    load: u16,
    max_load: u16,
    note: Option<String>,
}

#[derive(Debug, Serialize)]
struct AssignmentPage {
    id: String,
    programme: String,
    fingerprint: String,
    objective: i64,
    slots_needed: u64,
    slots_filled: u64,
    new_pairs: u64,
    /// What to do when this run assigns nothing new, in words.
    next_step: Option<String>,
    proposals: Vec<ProposalRow>,
    loads: Vec<LoadRow>,
    committed: Option<String>,
    error: Option<String>,
}

async fn assignment_page(
    state: &WebState,
    viewer: &Viewer,
    actor: &Actor,
    id: ProgrammeId,
    error: Option<String>,
) -> Result<AssignmentPage, PageError> {
    let programme = programme_title(state, viewer, actor, id).await?;
    let preview = assignments::preview_run(&state.app, actor, id, AssignmentRunInput::default())
        .await
        .or_page(viewer)?;
    Ok(AssignmentPage {
        id: id.to_string(),
        programme,
        fingerprint: preview.fingerprint,
        objective: preview.objective,
        slots_needed: preview.slots_needed,
        slots_filled: preview.slots_filled,
        new_pairs: preview.new_pairs,
        // A run that fills nothing says why and what would help.
        next_step: (preview.new_pairs == 0).then(|| {
            let key = if preview.slots_filled < preview.slots_needed {
                "assignment-none-fits"
            } else {
                "assignment-all-filled"
            };
            crate::i18n::text(viewer.locale, key)
        }),
        proposals: preview
            .proposals
            .into_iter()
            .map(|p| ProposalRow {
                title: p.title,
                country: p
                    .country
                    .map(|c| country_name(viewer.locale, &c))
                    .unwrap_or_default(),
                language: p
                    .language
                    .as_deref()
                    .and_then(|l| grants_domain::Locale::parse(l).ok())
                    .map_or("", crate::i18n::language_name)
                    .to_owned(),
                reviewers: p
                    .reviewers
                    .into_iter()
                    .map(|r| {
                        if r.existing {
                            r.name
                        } else {
                            format!("{} (+)", r.name)
                        }
                    })
                    .collect(),
                missing: p.missing,
                reason: p.shortfall.as_ref().map(|s| shortfall_text(viewer, s)),
            })
            .collect(),
        loads: preview
            .loads
            .into_iter()
            .map(|l| LoadRow {
                note: l.under_min.as_ref().map(|u| under_min_text(viewer, &l, u)),
                name: l.name,
                load: l.load,
                max_load: l.max_load,
            })
            .collect(),
        committed: None,
        error,
    })
}

/// Why a proposal's places stay open, in the reader's words: who may
/// review it against how many it needs, then who of them cannot.
fn shortfall_text(viewer: &Viewer, s: &assignments::ShortfallView) -> String {
    let locale = viewer.locale;
    let said = |key: &str, pairs: &[(&str, String)]| {
        let mut args = crate::i18n::Args::new();
        for (name, value) in pairs {
            args.insert((*name).to_owned().into(), value.clone().into());
        }
        crate::i18n::text_with(locale, key, &args)
    };
    let count = |n: u32| viewer.count(u64::from(n));
    let mut parts = vec![said(
        "assignment-short-eligible",
        &[
            ("eligible", count(s.eligible)),
            ("needed", count(u32::from(s.needed))),
        ],
    )];
    if let Some(language) = s
        .language
        .as_deref()
        .and_then(|l| grants_domain::Locale::parse(l).ok())
    {
        parts.push(said(
            "assignment-short-readers",
            &[
                ("language", crate::i18n::language_name(language).to_owned()),
                ("count", count(s.readers)),
            ],
        ));
    }
    for (key, n) in [
        ("assignment-short-conflicted", s.conflicted),
        ("assignment-short-excluded", s.excluded),
        ("assignment-short-assigned", u32::from(s.assigned)),
        ("assignment-short-capped", s.at_load_cap),
    ] {
        if n > 0 {
            parts.push(said(key, &[("count", count(n))]));
        }
    }
    parts.join("; ")
}

/// Why a reviewer stays under their minimum load, in the reader's words.
fn under_min_text(
    viewer: &Viewer,
    load: &assignments::PreviewLoad,
    u: &assignments::UnderMinView,
) -> String {
    let mut args = crate::i18n::Args::new();
    args.insert("load".into(), viewer.count(u64::from(load.load)).into());
    args.insert("min".into(), viewer.count(u64::from(load.min_load)).into());
    args.insert(
        "eligible".into(),
        viewer.count(u64::from(u.eligible_proposals)).into(),
    );
    let key = if u.others_fully_staffed {
        "assignment-under-min-staffed"
    } else {
        "assignment-under-min-few"
    };
    crate::i18n::text_with(viewer.locale, key, &args)
}

pub(crate) async fn assignment(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Query(flags): Query<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let here = format!("/app/programmes/{raw}/assignment");
    let (actor, id) = viewer.signed_in_to(&here, &raw, "programme")?;
    let mut page = assignment_page(&state, &viewer, actor, id, None).await?;
    page.committed = flags.get("committed").cloned();
    Ok(render(&viewer, "assignment", "assignment-title", page))
}

#[derive(Debug, Deserialize)]
pub(crate) struct CommitForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    fingerprint: String,
}

pub(crate) async fn commit(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Form(form): Form<CommitForm>,
) -> Result<Response, PageError> {
    let here = format!("/app/programmes/{raw}/assignment");
    let (actor, id) = viewer.sent_to(&here, &form.csrf, &raw, "programme")?;
    let input = AssignmentRunInput {
        fingerprint: Some(form.fingerprint),
        ..Default::default()
    };
    match assignments::commit_run(&state.app, actor, id, input).await {
        Ok(done) => Ok(Redirect::to(&format!("{here}?committed={}", done.created)).into_response()),
        Err(error @ AppError::Conflict(_)) => {
            // A stale preview: show the fresh one with the reason.
            let page = assignment_page(
                &state,
                &viewer,
                actor,
                id,
                Some(crate::workflow_text::failure(viewer.locale, &error)),
            )
            .await?;
            Ok(render_status(
                StatusCode::CONFLICT,
                &viewer,
                "assignment",
                "assignment-title",
                page,
            ))
        }
        Err(error) => Err(viewer.error_page(error)),
    }
}

#[derive(Debug, Serialize)]
struct RankRow {
    position: usize,
    title: String,
    country: String,
    state: String,
    reviews: usize,
    missing: u32,
    mean: String,
    normalised: String,
    spread: String,
    disagreement: bool,
    tied: bool,
}

#[derive(Debug, Serialize)]
struct RankingPage {
    id: String,
    programme: String,
    normalised: bool,
    rows: Vec<RankRow>,
}

fn points(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{v:.1}"))
}

pub(crate) async fn ranking(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    let here = format!("/app/programmes/{raw}/ranking");
    let (actor, id) = viewer.signed_in_to(&here, &raw, "programme")?;
    let programme = programme_title(&state, &viewer, actor, id).await?;
    let ranking = reviews::ranking(&state.app, actor, id)
        .await
        .or_page(&viewer)?;
    let rows = ranking
        .entries
        .into_iter()
        .map(|e| RankRow {
            position: e.figures.position,
            title: e.title,
            country: e
                .country
                .map(|c| country_name(viewer.locale, &c))
                .unwrap_or_default(),
            state: crate::workflow_text::state_named(viewer.locale, None, &e.workflow, &e.state),
            reviews: e.figures.reviews,
            missing: e.missing_reviews,
            mean: points(e.figures.mean),
            normalised: points(e.figures.normalised_mean),
            spread: points(e.figures.spread),
            disagreement: e.figures.disagreement,
            tied: e.figures.tied_with_previous,
        })
        .collect();
    Ok(render(
        &viewer,
        "ranking",
        "ranking-title",
        RankingPage {
            id: id.to_string(),
            programme,
            normalised: ranking.settings.normalise.is_some(),
            rows,
        },
    ))
}

#[derive(Debug, Serialize)]
struct PolicyTab {
    value: &'static str,
    label: String,
    current: bool,
}

#[derive(Debug, Serialize)]
struct PlanRow {
    position: usize,
    title: String,
    country: String,
    amount: String,
    /// The amount in minor units, to sort by.
    amount_minor: i64,
    mean: String,
    normalised: String,
    funded: bool,
    explanation: String,
}

/// A ranked proposal not on the line, with why.
#[derive(Debug, Serialize)]
struct OffRow {
    position: usize,
    title: String,
    country: String,
    amount: String,
    why: String,
}

#[derive(Debug, Serialize)]
struct FundingPage {
    id: String,
    programme: String,
    policies: Vec<PolicyTab>,
    /// What the chosen policy does, and whether another one gives the same here.
    policy_explained: String,
    policy_compared: String,
    budget: String,
    committed_before: String,
    available: String,
    committed: String,
    remaining: String,
    funded_count: usize,
    normalised: bool,
    /// The policy shown, for the form that applies it.
    policy: &'static str,
    /// Said once the line's decisions are recorded.
    applied: Option<String>,
    may_apply: bool,
    rows: Vec<PlanRow>,
    off_the_line: Vec<OffRow>,
}

/// Why the line funds a proposal or not, in the reader's words.
fn reason_text(viewer: &Viewer, reason: &grants_scoring::funding::FundingReason) -> String {
    use grants_scoring::funding::FundingReason as R;
    let locale = viewer.locale;
    let mut args = crate::i18n::Args::new();
    let key = match reason {
        R::Funded => "funding-why-funded",
        R::CountryMinimum { country, min_count } => {
            args.insert(
                "country".into(),
                country_name(locale, &country.to_string()).into(),
            );
            args.insert("count".into(), (*min_count).into());
            "funding-why-country-minimum"
        }
        R::BelowTheLine { line_position } => {
            args.insert("position".into(), (*line_position).into());
            "funding-why-below-the-line"
        }
        R::DoesNotFitRemaining { remaining } => {
            args.insert("remaining".into(), viewer.money(*remaining).into());
            "funding-why-does-not-fit"
        }
        R::CountryCapReached {
            country,
            cap,
            country_committed,
        } => {
            args.insert(
                "country".into(),
                country_name(locale, &country.to_string()).into(),
            );
            args.insert("cap".into(), viewer.money(*cap).into());
            args.insert("committed".into(), viewer.money(*country_committed).into());
            "funding-why-country-cap"
        }
        R::ExceedsBudget { budget } => {
            args.insert("budget".into(), viewer.money(*budget).into());
            "funding-why-exceeds-budget"
        }
        R::NotInOptimalSet => "funding-why-not-in-optimal-set",
    };
    crate::i18n::text_with(locale, key, &args)
}

/// Why a ranked proposal is not on the line yet, in the reader's words.
fn off_text(viewer: &Viewer, reason: &grants_app::funding::NotOnTheLine) -> String {
    use grants_app::funding::NotOnTheLine as N;
    let mut args = crate::i18n::Args::new();
    let key = match reason {
        N::InReview { missing_reviews: 0 } => "off-line-review-open",
        N::InReview { missing_reviews } => {
            args.insert("missing".into(), (*missing_reviews).into());
            "off-line-in-review"
        }
        N::NoScore => "off-line-no-score",
        N::Incomplete => "off-line-incomplete",
    };
    crate::i18n::text_with(viewer.locale, key, &args)
}

#[derive(Debug, Deserialize)]
pub(crate) struct PolicyQuery {
    policy: Option<String>,
    /// How many decisions the line just recorded.
    applied: Option<u64>,
}

/// The funding-line preview under one policy, with a tab for each.
pub(crate) async fn funding(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Query(query): Query<PolicyQuery>,
) -> Result<Response, PageError> {
    use grants_scoring::funding::{Decision, FundingPolicy};
    let here = format!("/app/programmes/{raw}/funding");
    let (actor, id) = viewer.signed_in_to(&here, &raw, "programme")?;
    let policy = FundingPolicy::ALL
        .into_iter()
        .find(|p| Some(p.as_str()) == query.policy.as_deref())
        .unwrap_or(FundingPolicy::SkipToFit);
    let programme = programme_title(&state, &viewer, actor, id).await?;
    let plan = grants_app::funding::plan(
        &state.app,
        actor,
        id,
        grants_app::funding::FundingPlanInput {
            policy,
            country_rules: Vec::new(),
        },
    )
    .await
    .or_page(&viewer)?;
    let locale = viewer.locale;
    let policy_name =
        |p: FundingPolicy| crate::i18n::text(locale, &format!("policy-{}", p.as_str()));
    let policy_compared = if plan.same_as.is_empty() {
        crate::i18n::text(locale, "funding-differs")
    } else {
        let mut args = crate::i18n::Args::new();
        let names: Vec<String> = plan.same_as.iter().map(|p| policy_name(*p)).collect();
        args.insert("policies".into(), names.join(", ").into());
        crate::i18n::text_with(locale, "funding-same-as", &args)
    };
    Ok(render(
        &viewer,
        "funding",
        "funding-title",
        FundingPage {
            id: id.to_string(),
            programme,
            policies: FundingPolicy::ALL
                .into_iter()
                .map(|p| PolicyTab {
                    value: p.as_str(),
                    label: policy_name(p),
                    current: p == policy,
                })
                .collect(),
            policy_explained: crate::i18n::text(
                locale,
                &format!("policy-{}-explained", policy.as_str()),
            ),
            policy_compared,
            budget: viewer.money(plan.budget),
            committed_before: viewer.money(plan.committed_before),
            available: viewer.money(plan.available),
            committed: viewer.money(plan.line.committed),
            remaining: viewer.money(plan.line.remaining),
            funded_count: plan.line.funded_count,
            normalised: plan.normalised,
            policy: policy.as_str(),
            applied: query.applied.map(|n| {
                let mut args = crate::i18n::Args::new();
                args.insert("count".into(), viewer.count(n).into());
                crate::i18n::text_with(locale, "letters-applied", &args)
            }),
            may_apply: plan.may_apply,
            rows: plan
                .proposals
                .into_iter()
                .map(|p| PlanRow {
                    position: p.position,
                    title: p.title,
                    country: country_name(locale, &p.country),
                    amount: viewer.money(p.amount),
                    amount_minor: p.amount.minor,
                    mean: points(p.mean),
                    normalised: points(p.normalised_mean),
                    funded: p.decision == Decision::Funded,
                    explanation: reason_text(&viewer, &p.reason),
                })
                .collect(),
            off_the_line: plan
                .not_on_the_line
                .into_iter()
                .map(|o| OffRow {
                    position: o.position,
                    title: o.title,
                    country: o
                        .country
                        .map(|c| country_name(locale, &c))
                        .unwrap_or_default(),
                    amount: o.amount.map(|m| viewer.money(m)).unwrap_or_default(),
                    why: off_text(&viewer, &o.reason),
                })
                .collect(),
        },
    ))
}
