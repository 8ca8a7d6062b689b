//! Proposals: the list, one proposal with its workflow buttons and
//! history, and taking a step.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use grants_app::proposals::{self, ProposalListFilter, ProposalView, TransitionInput};
use grants_app::{Actor, AppError, PageRequest};
use grants_domain::review::BidLevel;
use grants_domain::{ProposalId, Role};
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
    /// The link to the next page, when there is one.
    next: Option<String>,
}

/// Narrowing the list, e.g. `?state=submitted` for the screening queue.
#[derive(Debug, Deserialize)]
pub(crate) struct ListQuery {
    state: Option<String>,
    cursor: Option<String>,
}

pub(crate) async fn list(
    State(state): State<WebState>,
    viewer: Viewer,
    axum::extract::Query(query): axum::extract::Query<ListQuery>,
) -> Result<Response, PageError> {
    let actor = viewer.signed_in("/app/proposals")?;
    let filter = ProposalListFilter {
        state: query.state.clone().filter(|s| !s.is_empty()),
        ..Default::default()
    };
    let request = PageRequest {
        cursor: query.cursor.clone(),
        limit: None,
    };
    let page = proposals::list(&state.app, actor, &filter, &request)
        .await
        .or_page(&viewer)?;
    let next = page.next_cursor.as_ref().map(|cursor| {
        let state = query.state.as_deref().unwrap_or_default();
        format!("/app/proposals?state={state}&cursor={cursor}")
    });
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
        ListPage { proposals, next },
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
    /// A reviewer may bid on it now (it waits for assignment).
    can_bid: bool,
    /// A reviewer may declare a conflict on it.
    can_declare: bool,
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
        can_bid: actor.has(Role::Reviewer) && proposal.state == "eligible",
        can_declare: actor.has(Role::Reviewer) && proposal.owner_id != Some(actor.id),
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
        Err(error) => step_refused(&state, &viewer, actor, id, error).await,
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct BidForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    level: String,
}

/// A reviewer's bid; an empty choice withdraws it.
pub(crate) async fn bid(
    State(state): State<WebState>,
    viewer: Viewer,
    Path(raw): Path<String>,
    Form(form): Form<BidForm>,
) -> Result<Response, PageError> {
    let here = format!("/app/proposals/{raw}");
    let actor = viewer.signed_in(&here)?;
    viewer.check_form(&form.csrf)?;
    let id = parse_id(&raw, &viewer)?;
    let level = BidLevel::parse(&form.level).ok();
    match grants_app::jury::bid(&state.app, actor, id, level).await {
        Ok(_) => Ok(Redirect::to(&here).into_response()),
        Err(error) => step_refused(&state, &viewer, actor, id, error).await,
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct ConflictForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    reason: Option<String>,
}

/// A reviewer declares a conflict: the proposal leaves their view at once.
pub(crate) async fn declare_conflict(
    State(state): State<WebState>,
    viewer: Viewer,
    Path(raw): Path<String>,
    Form(form): Form<ConflictForm>,
) -> Result<Response, PageError> {
    let here = format!("/app/proposals/{raw}");
    let actor = viewer.signed_in(&here)?;
    viewer.check_form(&form.csrf)?;
    let id = parse_id(&raw, &viewer)?;
    let input = grants_app::jury::DeclareConflictInput {
        reviewer_id: None,
        reason: form.reason,
    };
    match grants_app::jury::declare_conflict(&state.app, actor, id, input).await {
        Ok(_) => Ok(Redirect::to("/app/assignments").into_response()),
        Err(error) => step_refused(&state, &viewer, actor, id, error).await,
    }
}

/// Shows the proposal again with why the step was refused.
async fn step_refused(
    state: &WebState,
    viewer: &Viewer,
    actor: &Actor,
    id: ProposalId,
    error: AppError,
) -> Result<Response, PageError> {
    if matches!(error, AppError::NotFound(_) | AppError::Internal(_)) {
        return Err(PageError::Failed {
            viewer: Box::new(viewer.clone()),
            error,
        });
    }
    let status = crate::status_of(&error);
    let page = show_page(state, viewer, actor, id, Some(error.to_string())).await?;
    Ok(render_status(
        status,
        viewer,
        "proposal",
        "proposal-title",
        page,
    ))
}
