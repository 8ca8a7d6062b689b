use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use grants_app::audit::AuditEventView;
use grants_app::proposals::{
    self, CreateProposalInput, ProposalListFilter, ProposalView, TransitionInput,
    UpdateProposalInput,
};
use grants_app::steps::TransitionView;
use grants_app::{Page, PageRequest};
use grants_domain::ProposalId;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::responses::{CreateErrors, Invalid, ReadErrors, RevisedWriteErrors, Unauthenticated};
use crate::AppState;
use crate::extract::{Auth, IdPath, IfMatch, Json, Query};
use crate::problem::{ApiError, ApiResult, Problem};
use crate::respond::{created, with_etag};

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_proposals, create_proposal))
        .routes(routes!(get_proposal, update_proposal))
        .routes(routes!(list_transitions))
        .routes(routes!(take_transition))
        .routes(routes!(proposal_history))
}

/// The proposals you may see: your own; past the draft, your area's
/// (ambassadors) or all (programme managers, administrators).
#[utoipa::path(
    get,
    path = "/proposals",
    tag = "proposals",
    security(("bearer" = [])),
    params(ProposalListFilter, PageRequest),
    responses(
        (status = 200, body = Page<ProposalView>),
        Unauthenticated, Invalid,
    )
)]
async fn list_proposals(
    State(state): State<AppState>,
    Auth(actor): Auth,
    Query(filter): Query<ProposalListFilter>,
    Query(page): Query<PageRequest>,
) -> ApiResult<axum::Json<Page<ProposalView>>> {
    Ok(axum::Json(
        proposals::list(&state.app, &actor, &filter, &page).await?,
    ))
}

/// Start a draft (applicants). Every field may be filled in later.
#[utoipa::path(
    post,
    path = "/proposals",
    tag = "proposals",
    security(("bearer" = [])),
    request_body = CreateProposalInput,
    responses(
        (status = 201, body = ProposalView),
        CreateErrors,
        (status = 409, description = "The call is closed or archived", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn create_proposal(
    State(state): State<AppState>,
    Auth(actor): Auth,
    Json(input): Json<CreateProposalInput>,
) -> ApiResult<Response> {
    let proposal = proposals::create(&state.app, &actor, input).await?;
    Ok(created(
        format!("/proposals/{}", proposal.id),
        proposal.revision,
        proposal,
    ))
}

/// One proposal.
#[utoipa::path(
    get,
    path = "/proposals/{id}",
    tag = "proposals",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The proposal's id")),
    responses(
        (status = 200, body = ProposalView),
        ReadErrors,
    )
)]
async fn get_proposal(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProposalId>,
) -> ApiResult<Response> {
    let proposal = proposals::get(&state.app, &actor, id).await?;
    Ok(with_etag(StatusCode::OK, proposal.revision, proposal))
}

/// Edit your draft, or your proposal returned for changes. Send only the
/// fields that change, and the revision (If-Match or `revision`).
#[utoipa::path(
    patch,
    path = "/proposals/{id}",
    tag = "proposals",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, format = Uuid, description = "The proposal's id"),
        ("If-Match" = Option<String>, Header, description = "The ETag being edited"),
    ),
    request_body = UpdateProposalInput,
    responses(
        (status = 200, body = ProposalView),
        RevisedWriteErrors,
    )
)]
async fn update_proposal(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProposalId>,
    IfMatch(revision): IfMatch,
    Json(input): Json<UpdateProposalInput>,
) -> ApiResult<Response> {
    let proposal = proposals::update(&state.app, &actor, id, input, revision).await?;
    Ok(with_etag(StatusCode::OK, proposal.revision, proposal))
}

/// Every transition from the proposal's state: whether you may take it now,
/// and if not, every reason why.
#[utoipa::path(
    get,
    path = "/proposals/{id}/transitions",
    tag = "proposals",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The proposal's id")),
    responses(
        (status = 200, body = Vec<TransitionView>),
        ReadErrors,
    )
)]
async fn list_transitions(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProposalId>,
) -> ApiResult<axum::Json<Vec<TransitionView>>> {
    Ok(axum::Json(
        grants_app::steps::transitions::<proposals::Proposal>(&state.app, &actor, id).await?,
    ))
}

/// Take a transition (submit, request changes, …) with an optional comment
/// and the revision you based it on. Applied whole or not at all.
#[utoipa::path(
    post,
    path = "/proposals/{id}/transitions/{name}",
    tag = "proposals",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, format = Uuid, description = "The proposal's id"),
        ("name" = String, Path, description = "The transition, e.g. submit"),
        ("If-Match" = Option<String>, Header, description = "The ETag the decision is based on"),
    ),
    request_body = TransitionInput,
    responses(
        (status = 200, body = ProposalView),
        RevisedWriteErrors,
        (status = 403, description = "You may not take this transition", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such proposal or transition", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Blocked by the state or a guard, or the revision is stale", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn take_transition(
    State(state): State<AppState>,
    Auth(actor): Auth,
    Path((id, name)): Path<(String, String)>,
    IfMatch(revision): IfMatch,
    Json(input): Json<TransitionInput>,
) -> ApiResult<Response> {
    let id: ProposalId = uuid::Uuid::parse_str(&id)
        .map_err(|_| ApiError::NotFound)?
        .into();
    let proposal = grants_app::steps::take::<proposals::Proposal>(
        &state.app, &actor, id, &name, input, revision,
    )
    .await?;
    Ok(with_etag(StatusCode::OK, proposal.revision, proposal))
}

/// Everything that happened to the proposal, oldest first, with who did it
/// and why; each entry is linked to the one before by hash.
#[utoipa::path(
    get,
    path = "/proposals/{id}/history",
    tag = "proposals",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The proposal's id")),
    responses(
        (status = 200, body = Vec<AuditEventView>),
        ReadErrors,
    )
)]
async fn proposal_history(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProposalId>,
) -> ApiResult<axum::Json<Vec<AuditEventView>>> {
    Ok(axum::Json(
        grants_app::steps::history::<proposals::Proposal>(&state.app, &actor, id).await?,
    ))
}
