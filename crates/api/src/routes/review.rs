//! Reviewer assignment, reviews and the ranking.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use grants_app::assignments::{
    self, AcceptAssignmentInput, AssignmentCommitted, AssignmentPreview, AssignmentRunInput,
    AssignmentView, EndAssignmentInput, PairInput,
};
use grants_app::funding::{self, FundingPlanInput, FundingPlanView};
use grants_app::reviews::{self, RankingView, ReviewInput, ReviewStepInput, ReviewView};
use grants_domain::{ProgrammeId, ProposalId};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::responses::{
    ActionErrors, Conflict, Invalid, ReadErrors, RestrictedErrors, RevisionRequired,
    Unauthenticated,
};
use crate::AppState;
use crate::extract::{Auth, IdPath, IfMatch, Json};
use crate::problem::{ApiResult, Problem};
use crate::respond::{created, csv, with_etag};

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(preview_assignment))
        .routes(routes!(commit_assignment))
        .routes(routes!(list_assignments, add_assignment))
        .routes(routes!(my_assignments))
        .routes(routes!(get_assignment))
        .routes(routes!(accept_assignment))
        .routes(routes!(decline_assignment))
        .routes(routes!(remove_assignment))
        .routes(routes!(get_review, save_review))
        .routes(routes!(submit_review))
        .routes(routes!(reopen_review))
        .routes(routes!(proposal_reviews))
        .routes(routes!(programme_ranking))
        .routes(routes!(programme_ranking_csv))
        .routes(routes!(funding_plan))
}

/// Run the optimal reviewer assignment without changing anything: every
/// proposal's reviewers (existing assignments kept), loads, and each
/// unfilled slot with its reason. Pin or exclude pairs by hand.
#[utoipa::path(
    post,
    path = "/programmes/{id}/assignment/preview",
    tag = "review",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The programme's id")),
    request_body = AssignmentRunInput,
    responses(
        (status = 200, body = AssignmentPreview),
        RestrictedErrors, Invalid,
    )
)]
async fn preview_assignment(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProgrammeId>,
    Json(input): Json<AssignmentRunInput>,
) -> ApiResult<axum::Json<AssignmentPreview>> {
    Ok(axum::Json(
        assignments::preview_run(&state.app, &actor, id, input).await?,
    ))
}

/// Commit a previewed assignment (send its fingerprint): assignments are
/// created with due dates, reviewers are emailed, and the proposals move
/// into review. A stale preview is refused with 409.
#[utoipa::path(
    post,
    path = "/programmes/{id}/assignment/commit",
    tag = "review",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The programme's id")),
    request_body = AssignmentRunInput,
    responses(
        (status = 200, body = AssignmentCommitted),
        ActionErrors, Invalid,
        (status = 409, description = "The preview is stale", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn commit_assignment(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProgrammeId>,
    Json(input): Json<AssignmentRunInput>,
) -> ApiResult<axum::Json<AssignmentCommitted>> {
    Ok(axum::Json(
        assignments::commit_run(&state.app, &actor, id, input).await?,
    ))
}

/// Every assignment of a programme, with review progress (those who run the jury).
#[utoipa::path(
    get,
    path = "/programmes/{id}/assignments",
    tag = "review",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The programme's id")),
    responses(
        (status = 200, body = Vec<AssignmentView>),
        RestrictedErrors,
    )
)]
async fn list_assignments(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProgrammeId>,
) -> ApiResult<axum::Json<Vec<AssignmentView>>> {
    Ok(axum::Json(
        assignments::in_programme(&state.app, &actor, id).await?,
    ))
}

/// Assign a reviewer by hand (jury chair, programme managers); conflicts,
/// language and load cap still hold.
#[utoipa::path(
    post,
    path = "/programmes/{id}/assignments",
    tag = "review",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The programme's id")),
    request_body = PairInput,
    responses(
        (status = 201, body = AssignmentView),
        ActionErrors, Invalid,
    )
)]
async fn add_assignment(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProgrammeId>,
    Json(input): Json<PairInput>,
) -> ApiResult<Response> {
    let assignment = assignments::add(&state.app, &actor, id, input).await?;
    Ok(created(
        format!("/assignments/{}", assignment.id),
        assignment.revision,
        assignment,
    ))
}

/// Your review assignments, newest first, with due dates.
#[utoipa::path(
    get,
    path = "/me/assignments",
    tag = "review",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<AssignmentView>),
        Unauthenticated,
    )
)]
async fn my_assignments(
    State(state): State<AppState>,
    Auth(actor): Auth,
) -> ApiResult<axum::Json<Vec<AssignmentView>>> {
    Ok(axum::Json(assignments::mine(&state.app, &actor).await?))
}

/// One assignment (its reviewer, or those who run the jury).
#[utoipa::path(
    get,
    path = "/assignments/{id}",
    tag = "review",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The assignment's id")),
    responses(
        (status = 200, body = AssignmentView),
        ReadErrors,
    )
)]
async fn get_assignment(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<Uuid>,
) -> ApiResult<Response> {
    let assignment = assignments::get(&state.app, &actor, id).await?;
    Ok(with_etag(StatusCode::OK, assignment.revision, assignment))
}

/// Accept your assignment.
#[utoipa::path(
    post,
    path = "/assignments/{id}/accept",
    tag = "review",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, format = Uuid, description = "The assignment's id"),
        ("If-Match" = Option<String>, Header, description = "The ETag of the assignment (optional: without it the current one is taken)"),
    ),
    request_body = AcceptAssignmentInput,
    responses(
        (status = 200, body = AssignmentView),
        ReadErrors, Conflict,
    )
)]
async fn accept_assignment(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<Uuid>,
    IfMatch(revision): IfMatch,
    Json(input): Json<AcceptAssignmentInput>,
) -> ApiResult<Response> {
    let assignment = assignments::accept(&state.app, &actor, id, input, revision).await?;
    Ok(with_etag(StatusCode::OK, assignment.revision, assignment))
}

/// Decline your assignment, with a reason; the chair fills the gap.
#[utoipa::path(
    post,
    path = "/assignments/{id}/decline",
    tag = "review",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, format = Uuid, description = "The assignment's id"),
        ("If-Match" = Option<String>, Header, description = "The ETag of the assignment (optional: without it the current one is taken)"),
    ),
    request_body = EndAssignmentInput,
    responses(
        (status = 200, body = AssignmentView),
        ReadErrors, Conflict, Invalid,
    )
)]
async fn decline_assignment(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<Uuid>,
    IfMatch(revision): IfMatch,
    Json(input): Json<EndAssignmentInput>,
) -> ApiResult<Response> {
    let assignment = assignments::decline(&state.app, &actor, id, input, revision).await?;
    Ok(with_etag(StatusCode::OK, assignment.revision, assignment))
}

/// Take an assignment back, with a reason (jury chair, programme managers).
#[utoipa::path(
    post,
    path = "/assignments/{id}/remove",
    tag = "review",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, format = Uuid, description = "The assignment's id"),
        ("If-Match" = Option<String>, Header, description = "The ETag of the assignment (optional: without it the current one is taken)"),
    ),
    request_body = EndAssignmentInput,
    responses(
        (status = 200, body = AssignmentView),
        ActionErrors, Invalid,
    )
)]
async fn remove_assignment(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<Uuid>,
    IfMatch(revision): IfMatch,
    Json(input): Json<EndAssignmentInput>,
) -> ApiResult<Response> {
    let assignment = assignments::remove(&state.app, &actor, id, input, revision).await?;
    Ok(with_etag(StatusCode::OK, assignment.revision, assignment))
}

/// The review of an assignment: `not_started` until first saved.
#[utoipa::path(
    get,
    path = "/assignments/{id}/review",
    tag = "review",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The assignment's id")),
    responses(
        (status = 200, body = ReviewView),
        ReadErrors,
    )
)]
async fn get_review(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<Uuid>,
) -> ApiResult<Response> {
    let review = reviews::get(&state.app, &actor, id).await?;
    Ok(with_etag(StatusCode::OK, review.revision, review))
}

/// Save your review as a draft: scores per criterion (or `"n/a"` where
/// allowed), recommendation, comments. Send the revision once it exists.
#[utoipa::path(
    put,
    path = "/assignments/{id}/review",
    tag = "review",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, format = Uuid, description = "The assignment's id"),
        ("If-Match" = Option<String>, Header, description = "The ETag being edited"),
    ),
    request_body = ReviewInput,
    responses(
        (status = 200, body = ReviewView),
        ReadErrors, Conflict, Invalid, RevisionRequired,
    )
)]
async fn save_review(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<Uuid>,
    IfMatch(revision): IfMatch,
    Json(input): Json<ReviewInput>,
) -> ApiResult<Response> {
    let review = reviews::save(&state.app, &actor, id, input, revision).await?;
    Ok(with_etag(StatusCode::OK, review.revision, review))
}

/// Submit your review: every criterion answered, a recommendation given.
#[utoipa::path(
    post,
    path = "/assignments/{id}/review/submit",
    tag = "review",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, format = Uuid, description = "The assignment's id"),
        ("If-Match" = Option<String>, Header, description = "The ETag being submitted"),
    ),
    request_body = ReviewStepInput,
    responses(
        (status = 200, body = ReviewView),
        ReadErrors, Conflict, Invalid, RevisionRequired,
    )
)]
async fn submit_review(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<Uuid>,
    IfMatch(revision): IfMatch,
    Json(input): Json<ReviewStepInput>,
) -> ApiResult<Response> {
    let review = reviews::submit(&state.app, &actor, id, input, revision).await?;
    Ok(with_etag(StatusCode::OK, review.revision, review))
}

/// Reopen a submitted review so its reviewer can change it (jury chair), with a reason.
#[utoipa::path(
    post,
    path = "/assignments/{id}/review/reopen",
    tag = "review",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, format = Uuid, description = "The assignment's id"),
        ("If-Match" = Option<String>, Header, description = "The ETag of the assignment (optional: without it the current one is taken)"),
    ),
    request_body = ReviewStepInput,
    responses(
        (status = 200, body = ReviewView),
        ActionErrors, Invalid,
    )
)]
async fn reopen_review(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<Uuid>,
    IfMatch(revision): IfMatch,
    Json(input): Json<ReviewStepInput>,
) -> ApiResult<Response> {
    let review = reviews::reopen(&state.app, &actor, id, input, revision).await?;
    Ok(with_etag(StatusCode::OK, review.revision, review))
}

/// The submitted reviews of a proposal: the jury reads them all (a reviewer
/// only after submitting their own, where the programme shares reviews);
/// the applicant reads the comments meant for them after the decision.
#[utoipa::path(
    get,
    path = "/proposals/{id}/reviews",
    tag = "review",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The proposal's id")),
    responses(
        (status = 200, body = Vec<ReviewView>),
        RestrictedErrors,
    )
)]
async fn proposal_reviews(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProposalId>,
) -> ApiResult<axum::Json<Vec<ReviewView>>> {
    Ok(axum::Json(
        reviews::for_proposal(&state.app, &actor, id).await?,
    ))
}

/// The ranking: raw and normalised scores, spread and disagreement flags,
/// reviews in and missing (jury chair, programme managers, administrators).
#[utoipa::path(
    get,
    path = "/programmes/{id}/ranking",
    tag = "review",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The programme's id")),
    responses(
        (status = 200, body = RankingView),
        RestrictedErrors, Conflict,
    )
)]
async fn programme_ranking(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProgrammeId>,
) -> ApiResult<axum::Json<RankingView>> {
    Ok(axum::Json(reviews::ranking(&state.app, &actor, id).await?))
}

/// The ranking as CSV, one proposal per line.
#[utoipa::path(
    get,
    path = "/programmes/{id}/ranking.csv",
    tag = "review",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The programme's id")),
    responses(
        (status = 200, body = String, content_type = "text/csv"),
        RestrictedErrors, Conflict,
    )
)]
async fn programme_ranking_csv(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProgrammeId>,
) -> ApiResult<Response> {
    let body = reviews::ranking_csv(&state.app, &actor, id).await?;
    Ok(csv(&format!("ranking-{id}.csv"), body))
}

/// Preview the funding line under a policy (`strict_rank`, `skip_to_fit` or
/// `optimal`), with optional per-country minimums and caps: which reviewed
/// proposals the remaining budget reaches, and why each is in or out
/// (jury chair, programme managers, administrators).
#[utoipa::path(
    post,
    path = "/programmes/{id}/funding-plan",
    tag = "review",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The programme's id")),
    request_body = FundingPlanInput,
    responses(
        (status = 200, body = FundingPlanView),
        RestrictedErrors, Invalid,
    )
)]
async fn funding_plan(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProgrammeId>,
    Json(input): Json<FundingPlanInput>,
) -> ApiResult<axum::Json<FundingPlanView>> {
    Ok(axum::Json(
        funding::plan(&state.app, &actor, id, input).await?,
    ))
}
