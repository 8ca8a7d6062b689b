//! Proposals: the list, one proposal with its workflow buttons and
//! history, and taking a step.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use grants_app::proposals::{self, ProposalListFilter, ProposalView, TransitionInput};
use grants_app::{Actor, AppError, PageRequest};
use grants_domain::ProposalId;
use serde::{Deserialize, Serialize};

use super::{OrPage, localized, render, render_status, when};
use crate::session::Viewer;
use crate::{PageError, WebState};

#[derive(Debug, Serialize)]
struct Row {
    id: String,
    title: String,
    state: String,
    state_label: String,
    country: String,
}

#[derive(Debug, Serialize)]
struct ListPage {
    proposals: Vec<Row>,
}

pub(crate) async fn list(
    State(state): State<WebState>,
    viewer: Viewer,
) -> Result<Response, PageError> {
    let actor = viewer.signed_in("/app/proposals")?;
    let page = proposals::list(
        &state.app,
        actor,
        &ProposalListFilter::default(),
        &PageRequest::default(),
    )
    .await
    .or_page(&viewer)?;
    let proposals = page
        .items
        .into_iter()
        .map(|p| Row {
            id: p.id.to_string(),
            title: p.content.title.clone().unwrap_or_default(),
            state: p.state.clone(),
            state_label: p.state_label.clone(),
            country: p.content.country.map(|c| c.to_string()).unwrap_or_default(),
        })
        .collect();
    Ok(render(
        &viewer,
        "proposals",
        "proposals-title",
        ListPage { proposals },
    ))
}

#[derive(Debug, Serialize)]
struct Step {
    name: String,
    label: String,
    allowed: bool,
    reasons: Vec<String>,
}

#[derive(Debug, Serialize)]
struct Event {
    when: String,
    action: String,
    comment: Option<String>,
}

#[derive(Debug, Serialize)]
struct ShowPage {
    id: String,
    revision: i64,
    title: String,
    state_label: String,
    programme: String,
    country: String,
    organisation: Option<String>,
    requested: Option<String>,
    summary: Option<String>,
    deadlines: Vec<String>,
    steps: Vec<Step>,
    history: Vec<Event>,
    error: Option<String>,
    /// The owner may edit it now (a draft, or changes were requested).
    editable: bool,
}

async fn show_page(
    state: &WebState,
    viewer: &Viewer,
    actor: &Actor,
    id: ProposalId,
    error: Option<String>,
) -> Result<ShowPage, PageError> {
    let app = &state.app;
    let proposal: ProposalView = proposals::get(app, actor, id).await.or_page(viewer)?;
    let programme = grants_app::programmes::get(app, actor, proposal.programme_id)
        .await
        .or_page(viewer)?;
    let spec = &programme.spec;
    let steps = proposals::transitions(app, actor, id)
        .await
        .or_page(viewer)?
        .into_iter()
        // Steps only other roles may take are not this person's buttons.
        .filter(|t| t.allowed || t.blocked_by.iter().any(|r| r.kind != "not_permitted"))
        .map(|t| Step {
            name: t.name,
            label: t.label,
            allowed: t.allowed,
            reasons: t.blocked_by.into_iter().map(|r| r.message).collect(),
        })
        .collect();
    let history = proposals::history(app, actor, id)
        .await
        .or_page(viewer)?
        .into_iter()
        .map(|e| Event {
            when: when(spec, e.occurred_at),
            action: e.details["transition"]
                .as_str()
                .map_or_else(|| e.action.clone(), str::to_owned),
            comment: e.details["comment"].as_str().map(str::to_owned),
        })
        .collect();
    Ok(ShowPage {
        id: proposal.id.to_string(),
        revision: proposal.revision,
        title: proposal.content.title.clone().unwrap_or_default(),
        state_label: proposal.state_label.clone(),
        programme: localized(&spec.title, viewer.locale, spec.default_locale),
        country: proposal
            .content
            .country
            .map(|c| c.to_string())
            .unwrap_or_default(),
        organisation: proposal.content.organisation.clone(),
        requested: proposal.content.requested_amount.map(|m| m.to_string()),
        summary: proposal.content.summary.clone(),
        deadlines: proposal
            .deadlines
            .iter()
            .map(|d| when(spec, d.due_at))
            .collect(),
        editable: proposal.owner_id == Some(actor.id)
            && ["draft", "changes_requested"].contains(&proposal.state.as_str()),
        steps,
        history,
        error,
    })
}

fn parse_id(raw: &str, viewer: &Viewer) -> Result<ProposalId, PageError> {
    uuid::Uuid::parse_str(raw)
        .map(ProposalId::from)
        .map_err(|_| PageError::Failed {
            viewer: Box::new(viewer.clone()),
            error: AppError::NotFound("proposal"),
        })
}

pub(crate) async fn show(
    State(state): State<WebState>,
    viewer: Viewer,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    let actor = viewer.signed_in(&format!("/app/proposals/{raw}"))?;
    let id = parse_id(&raw, &viewer)?;
    let page = show_page(&state, &viewer, actor, id, None).await?;
    Ok(render(&viewer, "proposal", "proposal-title", page))
}

#[derive(Debug, Deserialize)]
pub(crate) struct StepForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    revision: Option<i64>,
    comment: Option<String>,
}

/// Takes a step, then shows the proposal again; a refused step comes back
/// on the same page with its reason, nothing changed.
pub(crate) async fn take(
    State(state): State<WebState>,
    viewer: Viewer,
    Path((raw, name)): Path<(String, String)>,
    Form(form): Form<StepForm>,
) -> Result<Response, PageError> {
    let here = format!("/app/proposals/{raw}");
    let actor = viewer.signed_in(&here)?;
    viewer.check_form(&form.csrf)?;
    let id = parse_id(&raw, &viewer)?;
    let input = TransitionInput {
        comment: form.comment.filter(|c| !c.trim().is_empty()),
        revision: form.revision,
        deadline: None,
    };
    match proposals::transition(&state.app, actor, id, &name, input, None).await {
        Ok(_) => Ok(Redirect::to(&here).into_response()),
        Err(error @ AppError::NotFound(_)) => Err(PageError::Failed {
            viewer: Box::new(viewer.clone()),
            error,
        }),
        Err(AppError::Internal(source)) => Err(PageError::Failed {
            viewer: Box::new(viewer.clone()),
            error: AppError::Internal(source),
        }),
        Err(error) => {
            let status = crate::status_of(&error);
            let page = show_page(&state, &viewer, actor, id, Some(error.to_string())).await?;
            Ok(render_status(
                status,
                &viewer,
                "proposal",
                "proposal-title",
                page,
            ))
        }
    }
}
