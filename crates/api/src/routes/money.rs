//! Funding decisions, grants, tranches and the ledger.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use grants_app::audit::AuditEventView;
use grants_app::decisions::{self, DecisionInput, DecisionResult, DecisionView};
use grants_app::grants::{self, GrantListFilter, GrantTransitionInput, GrantView};
use grants_app::ledger::{self, LedgerView};
use grants_app::steps::TransitionView;
use grants_app::tranches::{self, TrancheTransitionInput, TrancheView};
use grants_app::{Page, PageRequest};
use grants_domain::{GrantId, ProgrammeId, ProposalId, TrancheId};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::responses::{
    Invalid, ReadErrors, RestrictedErrors, RevisedWriteErrors, Unauthenticated,
};
use crate::AppState;
use crate::extract::{Auth, IdName, IdPath, IfMatch, Json, Query};
use crate::problem::{ApiResult, Problem};
use crate::respond::{csv, with_etag};

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_decisions, decide))
        .routes(routes!(proposal_grant))
        .routes(routes!(list_grants))
        .routes(routes!(get_grant))
        .routes(routes!(grant_history))
        .routes(routes!(grant_transitions))
        .routes(routes!(take_grant_transition))
        .routes(routes!(get_tranche))
        .routes(routes!(tranche_transitions))
        .routes(routes!(take_tranche_transition))
        .routes(routes!(programme_ledger))
        .routes(routes!(programme_ledger_csv))
        .routes(routes!(programme_payments_csv))
}

/// Record a funding decision: `funded` (with an award, at most the request;
/// a lower award needs a `comment` saying why), `waitlisted` or `declined`.
/// The letter goes to the applicant in their language and is kept with the
/// proposal; funding creates the grant with its tranches and commits the
/// award on the ledger, or is refused (nothing written) when the remaining
/// budget cannot take it. Accepts an `Idempotency-Key`.
#[utoipa::path(
    post,
    path = "/proposals/{id}/decision",
    tag = "money",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, format = Uuid, description = "The proposal's id"),
        ("If-Match" = Option<String>, Header, description = "The ETag of the proposal being decided (or `revision` in the body)"),
    ),
    request_body = DecisionInput,
    responses(
        (status = 200, body = DecisionResult),
        RevisedWriteErrors,
        (status = 409, description = "Stale revision or the proposal's state does not allow it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Award above the request or the remaining budget, or a cut without a reason", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn decide(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProposalId>,
    IfMatch(revision): IfMatch,
    Json(input): Json<DecisionInput>,
) -> ApiResult<axum::Json<DecisionResult>> {
    Ok(axum::Json(
        decisions::decide(&state.app, &actor, id, input, revision).await?,
    ))
}

/// The decisions on a proposal with their letters, oldest first.
#[utoipa::path(
    get,
    path = "/proposals/{id}/decision",
    tag = "money",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The proposal's id")),
    responses(
        (status = 200, body = Vec<DecisionView>),
        ReadErrors,
    )
)]
async fn list_decisions(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProposalId>,
) -> ApiResult<axum::Json<Vec<DecisionView>>> {
    Ok(axum::Json(
        decisions::for_proposal(&state.app, &actor, id).await?,
    ))
}

/// The grant of a funded proposal.
#[utoipa::path(
    get,
    path = "/proposals/{id}/grant",
    tag = "money",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The proposal's id")),
    responses(
        (status = 200, body = GrantView),
        ReadErrors,
    )
)]
async fn proposal_grant(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProposalId>,
) -> ApiResult<Response> {
    let grant = grants::of_proposal(&state.app, &actor, id).await?;
    Ok(with_etag(StatusCode::OK, grant.revision, grant))
}

/// Grants: a grantee sees their own; finance, programme managers and
/// administrators see all. A page at a time.
#[utoipa::path(
    get,
    path = "/grants",
    tag = "money",
    security(("bearer" = [])),
    params(GrantListFilter, PageRequest),
    responses(
        (status = 200, body = Page<GrantView>),
        Unauthenticated, Invalid,
    )
)]
async fn list_grants(
    State(state): State<AppState>,
    Auth(actor): Auth,
    Query(filter): Query<GrantListFilter>,
    Query(page): Query<PageRequest>,
) -> ApiResult<axum::Json<Page<GrantView>>> {
    Ok(axum::Json(
        grants::list(&state.app, &actor, &filter, &page).await?,
    ))
}

/// One grant with its agreement, tranches and money so far.
#[utoipa::path(
    get,
    path = "/grants/{id}",
    tag = "money",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The grant's id")),
    responses(
        (status = 200, body = GrantView),
        ReadErrors,
    )
)]
async fn get_grant(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<GrantId>,
) -> ApiResult<Response> {
    let grant = grants::get(&state.app, &actor, id).await?;
    Ok(with_etag(StatusCode::OK, grant.revision, grant))
}

/// The grant's history and its tranches', oldest first.
#[utoipa::path(
    get,
    path = "/grants/{id}/history",
    tag = "money",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The grant's id")),
    responses(
        (status = 200, body = Vec<AuditEventView>),
        ReadErrors,
    )
)]
async fn grant_history(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<GrantId>,
) -> ApiResult<axum::Json<Vec<AuditEventView>>> {
    Ok(axum::Json(
        grants_app::steps::history::<grants::Grant>(&state.app, &actor, id).await?,
    ))
}

/// Every transition from the grant's state: whether you may take it now, and why not.
#[utoipa::path(
    get,
    path = "/grants/{id}/transitions",
    tag = "money",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The grant's id")),
    responses(
        (status = 200, body = Vec<TransitionView>),
        ReadErrors,
    )
)]
async fn grant_transitions(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<GrantId>,
) -> ApiResult<axum::Json<Vec<TransitionView>>> {
    Ok(axum::Json(
        grants_app::steps::transitions::<grants::Grant>(&state.app, &actor, id).await?,
    ))
}

/// Take a grant transition: `accept_agreement` (the grantee), `start_reporting`,
/// `close` (once every tranche is paid or cancelled) or `terminate` (with a
/// `comment`; open tranches are cancelled and their money released).
#[utoipa::path(
    post,
    path = "/grants/{id}/transitions/{name}",
    tag = "money",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, format = Uuid, description = "The grant's id"),
        ("name" = String, Path, description = "The transition, e.g. accept_agreement"),
        ("If-Match" = Option<String>, Header, description = "The revision acted on, as its ETag"),
    ),
    request_body = GrantTransitionInput,
    responses(
        (status = 200, body = GrantView),
        RevisedWriteErrors,
    )
)]
async fn take_grant_transition(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdName(id, name): IdName<GrantId>,
    IfMatch(revision): IfMatch,
    Json(input): Json<GrantTransitionInput>,
) -> ApiResult<Response> {
    let grant =
        grants_app::steps::take::<grants::Grant>(&state.app, &actor, id, &name, input, revision)
            .await?;
    Ok(with_etag(StatusCode::OK, grant.revision, grant))
}

/// One tranche.
#[utoipa::path(
    get,
    path = "/tranches/{id}",
    tag = "money",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The tranche's id")),
    responses(
        (status = 200, body = TrancheView),
        ReadErrors,
    )
)]
async fn get_tranche(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<TrancheId>,
) -> ApiResult<Response> {
    let tranche = tranches::get(&state.app, &actor, id).await?;
    Ok(with_etag(StatusCode::OK, tranche.revision, tranche))
}

/// Every transition from the tranche's state: whether you may take it now, and why not.
#[utoipa::path(
    get,
    path = "/tranches/{id}/transitions",
    tag = "money",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The tranche's id")),
    responses(
        (status = 200, body = Vec<TransitionView>),
        ReadErrors,
    )
)]
async fn tranche_transitions(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<TrancheId>,
) -> ApiResult<axum::Json<Vec<TransitionView>>> {
    Ok(axum::Json(
        grants_app::steps::transitions::<tranches::Tranche>(&state.app, &actor, id).await?,
    ))
}

/// Take a tranche transition: `request` (finance, once its condition
/// holds), `approve` (another finance user), `send_back` or `cancel` (with a
/// `comment`), `pay` (with the `payment`: reference, value date and, for a
/// payment in another currency, the rate). A tranche is paid once; send an
/// `Idempotency-Key` so that a retry gets the first answer.
#[utoipa::path(
    post,
    path = "/tranches/{id}/transitions/{name}",
    tag = "money",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, format = Uuid, description = "The tranche's id"),
        ("name" = String, Path, description = "The transition, e.g. pay"),
        ("If-Match" = Option<String>, Header, description = "The revision acted on, as its ETag"),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry return the first response"),
    ),
    request_body = TrancheTransitionInput,
    responses(
        (status = 200, body = TrancheView),
        RevisedWriteErrors,
    )
)]
async fn take_tranche_transition(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdName(id, name): IdName<TrancheId>,
    IfMatch(revision): IfMatch,
    Json(input): Json<TrancheTransitionInput>,
) -> ApiResult<Response> {
    let tranche = grants_app::steps::take::<tranches::Tranche>(
        &state.app, &actor, id, &name, input, revision,
    )
    .await?;
    Ok(with_etag(StatusCode::OK, tranche.revision, tranche))
}

/// The programme's ledger: budget, committed, disbursed, remaining and
/// upcoming tranches, per country and per grant.
#[utoipa::path(
    get,
    path = "/programmes/{id}/ledger",
    tag = "money",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The programme's id")),
    responses(
        (status = 200, body = LedgerView),
        RestrictedErrors,
    )
)]
async fn programme_ledger(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProgrammeId>,
) -> ApiResult<axum::Json<LedgerView>> {
    Ok(axum::Json(ledger::ledger(&state.app, &actor, id).await?))
}

/// Every ledger entry with running totals, as CSV for a spreadsheet.
#[utoipa::path(
    get,
    path = "/programmes/{id}/ledger.csv",
    tag = "money",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The programme's id")),
    responses(
        (status = 200, content_type = "text/csv", body = String),
        RestrictedErrors,
    )
)]
async fn programme_ledger_csv(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProgrammeId>,
) -> ApiResult<Response> {
    Ok(csv(
        "ledger.csv",
        ledger::ledger_csv(&state.app, &actor, id).await?,
    ))
}

/// Every payment (value date, reference, amount paid, rate, who requested,
/// approved and recorded it), as CSV for a spreadsheet.
#[utoipa::path(
    get,
    path = "/programmes/{id}/payments.csv",
    tag = "money",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The programme's id")),
    responses(
        (status = 200, content_type = "text/csv", body = String),
        RestrictedErrors,
    )
)]
async fn programme_payments_csv(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProgrammeId>,
) -> ApiResult<Response> {
    Ok(csv(
        "payments.csv",
        ledger::payments_csv(&state.app, &actor, id).await?,
    ))
}
