//! Implementation reports and the programme's impact summary.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use grants_app::audit::AuditEventView;
use grants_app::reports::{
    self, ImpactView, MoveDueDateInput, ReportListFilter, ReportTransitionInput, ReportUpdateInput,
    ReportView,
};
use grants_app::steps::TransitionView;
use grants_app::{Page, PageRequest};
use grants_domain::{GrantId, ProgrammeId, ReportId};
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
        .routes(routes!(list_reports))
        .routes(routes!(get_report, update_report))
        .routes(routes!(report_history))
        .routes(routes!(report_transitions))
        .routes(routes!(take_report_transition))
        .routes(routes!(move_due_date))
        .routes(routes!(grant_reports))
        .routes(routes!(programme_impact))
        .routes(routes!(programme_impact_csv))
}

/// Reports: a grantee sees their own; finance, programme managers and
/// administrators see all. `late=true` lists the overdue ones. A page at a time.
#[utoipa::path(
    get,
    path = "/reports",
    tag = "reports",
    security(("bearer" = [])),
    params(ReportListFilter, PageRequest),
    responses(
        (status = 200, body = Page<ReportView>),
        Unauthenticated, Invalid,
    )
)]
async fn list_reports(
    State(state): State<AppState>,
    Auth(actor): Auth,
    Query(filter): Query<ReportListFilter>,
    Query(page): Query<PageRequest>,
) -> ApiResult<axum::Json<Page<ReportView>>> {
    Ok(axum::Json(
        reports::list(&state.app, &actor, &filter, &page).await?,
    ))
}

/// One report: what the grantee wrote, indicators against the proposal's
/// targets, spending against the budget, its due date and timeliness.
#[utoipa::path(
    get,
    path = "/reports/{id}",
    tag = "reports",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The report's id")),
    responses(
        (status = 200, body = ReportView),
        ReadErrors,
    )
)]
async fn get_report(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ReportId>,
) -> ApiResult<Response> {
    let report = reports::get(&state.app, &actor, id).await?;
    Ok(with_etag(StatusCode::OK, report.revision, report))
}

/// Write your report (the grantee, until it is accepted): send only the
/// fields that change — narrative, activities, indicators, spending per
/// budget line — and the revision (If-Match or `revision`).
#[utoipa::path(
    patch,
    path = "/reports/{id}",
    tag = "reports",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, format = Uuid, description = "The report's id"),
        ("If-Match" = Option<String>, Header, description = "The ETag being edited"),
    ),
    request_body = ReportUpdateInput,
    responses(
        (status = 200, body = ReportView),
        RevisedWriteErrors,
        (status = 409, description = "Stale revision, or the report can no longer be changed", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn update_report(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ReportId>,
    IfMatch(revision): IfMatch,
    Json(input): Json<ReportUpdateInput>,
) -> ApiResult<Response> {
    let report = reports::update(&state.app, &actor, id, input, revision).await?;
    Ok(with_etag(StatusCode::OK, report.revision, report))
}

/// The report's history: scheduling, moves of its due date, every step.
#[utoipa::path(
    get,
    path = "/reports/{id}/history",
    tag = "reports",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The report's id")),
    responses(
        (status = 200, body = Vec<AuditEventView>),
        ReadErrors,
    )
)]
async fn report_history(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ReportId>,
) -> ApiResult<axum::Json<Vec<AuditEventView>>> {
    Ok(axum::Json(
        grants_app::steps::history::<reports::Report>(&state.app, &actor, id).await?,
    ))
}

/// Every transition from the report's state: whether you may take it now, and why not.
#[utoipa::path(
    get,
    path = "/reports/{id}/transitions",
    tag = "reports",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The report's id")),
    responses(
        (status = 200, body = Vec<TransitionView>),
        ReadErrors,
    )
)]
async fn report_transitions(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ReportId>,
) -> ApiResult<axum::Json<Vec<TransitionView>>> {
    Ok(axum::Json(
        grants_app::steps::transitions::<reports::Report>(&state.app, &actor, id).await?,
    ))
}

/// Take a report transition: `submit` (the grantee, once the report is
/// complete), `accept` (a programme manager: the tranches waiting for it can
/// be requested, and the grant closes when this was the final report and
/// every tranche is settled) or `request_changes` (with a `comment`).
#[utoipa::path(
    post,
    path = "/reports/{id}/transitions/{name}",
    tag = "reports",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, format = Uuid, description = "The report's id"),
        ("name" = String, Path, description = "The transition, e.g. submit"),
        ("If-Match" = Option<String>, Header, description = "The revision acted on, as its ETag"),
    ),
    request_body = ReportTransitionInput,
    responses(
        (status = 200, body = ReportView),
        RevisedWriteErrors,
    )
)]
async fn take_report_transition(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdName(id, name): IdName<ReportId>,
    IfMatch(revision): IfMatch,
    Json(input): Json<ReportTransitionInput>,
) -> ApiResult<Response> {
    let report =
        grants_app::steps::take::<reports::Report>(&state.app, &actor, id, &name, input, revision)
            .await?;
    Ok(with_etag(StatusCode::OK, report.revision, report))
}

/// Move a report's due date (programme managers, with a `comment` saying
/// why; recorded on its history). A late report whose new date is ahead is
/// due again, and its reminders follow the new date.
#[utoipa::path(
    post,
    path = "/reports/{id}/due-date",
    tag = "reports",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, format = Uuid, description = "The report's id"),
        ("If-Match" = Option<String>, Header, description = "The revision acted on, as its ETag"),
    ),
    request_body = MoveDueDateInput,
    responses(
        (status = 200, body = ReportView),
        RevisedWriteErrors,
    )
)]
async fn move_due_date(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ReportId>,
    IfMatch(revision): IfMatch,
    Json(input): Json<MoveDueDateInput>,
) -> ApiResult<Response> {
    let report = reports::move_due_date(&state.app, &actor, id, input, revision).await?;
    Ok(with_etag(StatusCode::OK, report.revision, report))
}

/// A grant's reports, in schedule order.
#[utoipa::path(
    get,
    path = "/grants/{id}/reports",
    tag = "reports",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The grant's id")),
    responses(
        (status = 200, body = Vec<ReportView>),
        ReadErrors,
    )
)]
async fn grant_reports(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<GrantId>,
) -> ApiResult<axum::Json<Vec<ReportView>>> {
    Ok(axum::Json(reports::of_grant(&state.app, &actor, id).await?))
}

/// What the money built, and where: indicators achieved (each grant's
/// latest accepted report) against the proposals' targets, reports on time,
/// late and overdue, money paid against awarded — per country and for the
/// programme. Finance, programme managers and administrators.
#[utoipa::path(
    get,
    path = "/programmes/{id}/impact",
    tag = "reports",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The programme's id")),
    responses(
        (status = 200, body = ImpactView),
        RestrictedErrors,
    )
)]
async fn programme_impact(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProgrammeId>,
) -> ApiResult<axum::Json<ImpactView>> {
    Ok(axum::Json(reports::impact(&state.app, &actor, id).await?))
}

/// The impact summary as CSV: one line per country, then `all`.
#[utoipa::path(
    get,
    path = "/programmes/{id}/impact.csv",
    tag = "reports",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The programme's id")),
    responses(
        (status = 200, content_type = "text/csv", body = String),
        RestrictedErrors,
    )
)]
async fn programme_impact_csv(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProgrammeId>,
) -> ApiResult<Response> {
    Ok(csv(
        "impact.csv",
        reports::impact_csv(&state.app, &actor, id).await?,
    ))
}
