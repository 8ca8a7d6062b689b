//! The jury: reviewer profiles, conflicts of interest and bids.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use grants_app::jury::{
    self, BidInput, BidView, ConflictView, DeclareConflictInput, LiftConflictInput,
    ReviewerProfileView,
};
use grants_domain::review::{ConflictKind, ReviewerProfileInput};
use grants_domain::{ProgrammeId, ProposalId, UserId};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::responses::{ActionErrors, Invalid, ReadErrors, RestrictedErrors};
use crate::AppState;
use crate::extract::{Auth, IdPair, IdPath, Json};
use crate::problem::ApiResult;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_reviewers))
        .routes(routes!(get_reviewer_profile, save_reviewer_profile))
        .routes(routes!(list_conflicts, declare_conflict))
        .routes(routes!(lift_conflict))
        .routes(routes!(place_bid, withdraw_bid))
        .routes(routes!(list_bids))
}

/// The jury of a programme: every reviewer's profile and current load
/// (jury chair, programme managers, administrators).
#[utoipa::path(
    get,
    path = "/programmes/{id}/reviewers",
    tag = "jury",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The programme's id")),
    responses(
        (status = 200, body = Vec<ReviewerProfileView>),
        RestrictedErrors,
    )
)]
async fn list_reviewers(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProgrammeId>,
) -> ApiResult<axum::Json<Vec<ReviewerProfileView>>> {
    Ok(axum::Json(jury::profiles(&state.app, &actor, id).await?))
}

/// A reviewer's profile for a programme (the reviewer, or those who run the jury).
#[utoipa::path(
    get,
    path = "/programmes/{id}/reviewers/{user_id}",
    tag = "jury",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, format = Uuid, description = "The programme's id"),
        ("user_id" = String, Path, format = Uuid, description = "The reviewer's id"),
    ),
    responses(
        (status = 200, body = ReviewerProfileView),
        ReadErrors,
    )
)]
async fn get_reviewer_profile(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPair(programme, reviewer): IdPair<ProgrammeId, UserId>,
) -> ApiResult<axum::Json<ReviewerProfileView>> {
    Ok(axum::Json(
        jury::profile(&state.app, &actor, programme, reviewer).await?,
    ))
}

/// Create or edit a reviewer's profile for a programme: expertise,
/// languages read, country, organisation, load and availability. Fields left
/// out keep their value (or start from the reviewer's account).
#[utoipa::path(
    put,
    path = "/programmes/{id}/reviewers/{user_id}",
    tag = "jury",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, format = Uuid, description = "The programme's id"),
        ("user_id" = String, Path, format = Uuid, description = "The reviewer's id"),
    ),
    request_body = ReviewerProfileInput,
    responses(
        (status = 200, body = ReviewerProfileView),
        ReadErrors, Invalid,
    )
)]
async fn save_reviewer_profile(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPair(programme, reviewer): IdPair<ProgrammeId, UserId>,
    Json(input): Json<ReviewerProfileInput>,
) -> ApiResult<axum::Json<ReviewerProfileView>> {
    Ok(axum::Json(
        jury::save_profile(&state.app, &actor, programme, reviewer, input).await?,
    ))
}

/// Every reviewer with a conflict on the proposal, in force or lifted, with
/// its kind and source (jury chair, programme managers, administrators).
#[utoipa::path(
    get,
    path = "/proposals/{id}/conflicts",
    tag = "jury",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The proposal's id")),
    responses(
        (status = 200, body = Vec<ConflictView>),
        RestrictedErrors,
    )
)]
async fn list_conflicts(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProposalId>,
) -> ApiResult<axum::Json<Vec<ConflictView>>> {
    Ok(axum::Json(jury::conflicts(&state.app, &actor, id).await?))
}

/// Declare your conflict of interest with a proposal (reviewers), or record
/// one for a reviewer with a reason (programme managers). An assignment on
/// the pair ends at once. Answers the conflicts now in force on the pair.
#[utoipa::path(
    post,
    path = "/proposals/{id}/conflicts",
    tag = "jury",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The proposal's id")),
    request_body = DeclareConflictInput,
    responses(
        (status = 201, body = Vec<ConflictKind>),
        RestrictedErrors, Invalid,
    )
)]
async fn declare_conflict(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProposalId>,
    Json(input): Json<DeclareConflictInput>,
) -> ApiResult<Response> {
    let in_force = jury::declare_conflict(&state.app, &actor, id, input).await?;
    Ok((StatusCode::CREATED, axum::Json(in_force)).into_response())
}

/// Lift a conflict that does not apply, automatic or recorded, with a
/// reason kept on the record (programme managers, administrators).
#[utoipa::path(
    post,
    path = "/proposals/{id}/conflicts/lift",
    tag = "jury",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The proposal's id")),
    request_body = LiftConflictInput,
    responses(
        (status = 200, body = Vec<ConflictKind>),
        RestrictedErrors, Invalid,
    )
)]
async fn lift_conflict(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProposalId>,
    Json(input): Json<LiftConflictInput>,
) -> ApiResult<axum::Json<Vec<ConflictKind>>> {
    Ok(axum::Json(
        jury::lift_conflict(&state.app, &actor, id, input).await?,
    ))
}

/// Bid on a proposal that waits for assignment: eager, willing or not
/// preferred (reviewers with a profile for its programme).
#[utoipa::path(
    put,
    path = "/proposals/{id}/bid",
    tag = "jury",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The proposal's id")),
    request_body = BidInput,
    responses(
        (status = 200, body = BidView),
        ActionErrors, Invalid,
    )
)]
async fn place_bid(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProposalId>,
    Json(input): Json<BidInput>,
) -> ApiResult<Response> {
    let placed = jury::bid(&state.app, &actor, id, Some(input.level)).await?;
    Ok(axum::Json(placed).into_response())
}

/// Withdraw your bid on a proposal.
#[utoipa::path(
    delete,
    path = "/proposals/{id}/bid",
    tag = "jury",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The proposal's id")),
    responses(
        (status = 204, description = "The bid is withdrawn"),
        ActionErrors,
    )
)]
async fn withdraw_bid(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProposalId>,
) -> ApiResult<StatusCode> {
    jury::bid(&state.app, &actor, id, None).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Bids in a programme: your own (reviewers), or all (those who run the jury).
#[utoipa::path(
    get,
    path = "/programmes/{id}/bids",
    tag = "jury",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The programme's id")),
    responses(
        (status = 200, body = Vec<BidView>),
        RestrictedErrors,
    )
)]
async fn list_bids(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProgrammeId>,
) -> ApiResult<axum::Json<Vec<BidView>>> {
    Ok(axum::Json(jury::bids(&state.app, &actor, id).await?))
}
