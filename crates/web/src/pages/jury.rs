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
        proposals: preview
            .proposals
            .into_iter()
            .map(|p| ProposalRow {
                title: p.title,
                country: p.country.unwrap_or_default(),
                language: p.language.unwrap_or_default(),
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
                reason: p.unfilled_reason,
            })
            .collect(),
        loads: preview
            .loads
            .into_iter()
            .map(|l| LoadRow {
                name: l.name,
                load: l.load,
                max_load: l.max_load,
                note: l.under_min_reason,
            })
            .collect(),
        committed: None,
        error,
    })
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
            country: e.country.unwrap_or_default(),
            state: e.state,
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
    score: String,
    funded: bool,
    explanation: String,
}

#[derive(Debug, Serialize)]
struct FundingPage {
    id: String,
    programme: String,
    policies: Vec<PolicyTab>,
    available: String,
    committed: String,
    remaining: String,
    funded_count: usize,
    rows: Vec<PlanRow>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct PolicyQuery {
    policy: Option<String>,
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
                    label: crate::i18n::text(locale, &format!("policy-{}", p.as_str())),
                    current: p == policy,
                })
                .collect(),
            available: plan.available.to_string(),
            committed: plan.line.committed.to_string(),
            remaining: plan.line.remaining.to_string(),
            funded_count: plan.line.funded_count,
            rows: plan
                .proposals
                .into_iter()
                .map(|p| PlanRow {
                    position: p.position,
                    title: p.title,
                    country: p.country,
                    amount: p.amount.to_string(),
                    score: format!("{:.1}", p.score),
                    funded: p.decision == Decision::Funded,
                    explanation: p.explanation,
                })
                .collect(),
        },
    ))
}
