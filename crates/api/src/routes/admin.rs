use axum::extract::State;
use grants_app::mail::{
    self, OutboxCounts, OutboxFilter, OutboxMessageView, PreviewQuery, PreviewView,
};
use grants_app::{Page, PageRequest};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::responses::{ActionErrors, Invalid, RestrictedListErrors};
use crate::AppState;
use crate::extract::{Auth, IdPath, Query};
use crate::problem::ApiResult;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_outbox))
        .routes(routes!(outbox_counts))
        .routes(routes!(retry_message))
        .routes(routes!(cancel_message))
        .routes(routes!(preview_email))
}

/// The email outbox, oldest first, optionally by state (administrators).
#[utoipa::path(
    get,
    path = "/admin/outbox",
    tag = "admin",
    security(("bearer" = [])),
    params(OutboxFilter, PageRequest),
    responses(
        (status = 200, body = Page<OutboxMessageView>),
        RestrictedListErrors, Invalid,
    )
)]
async fn list_outbox(
    State(state): State<AppState>,
    Auth(actor): Auth,
    Query(filter): Query<OutboxFilter>,
    Query(page): Query<PageRequest>,
) -> ApiResult<axum::Json<Page<OutboxMessageView>>> {
    Ok(axum::Json(
        mail::list(&state.app, &actor, &filter, &page).await?,
    ))
}

/// How many emails are pending, sending, sent, dead and cancelled (administrators).
#[utoipa::path(
    get,
    path = "/admin/outbox/counts",
    tag = "admin",
    security(("bearer" = [])),
    responses(
        (status = 200, body = OutboxCounts),
        RestrictedListErrors,
    )
)]
async fn outbox_counts(
    State(state): State<AppState>,
    Auth(actor): Auth,
) -> ApiResult<axum::Json<OutboxCounts>> {
    Ok(axum::Json(mail::counts(&state.app, &actor).await?))
}

/// Send a dead or cancelled email again (administrators).
#[utoipa::path(
    post,
    path = "/admin/outbox/{id}/retry",
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The message's id")),
    responses(
        (status = 200, body = OutboxMessageView),
        ActionErrors,
    )
)]
async fn retry_message(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<uuid::Uuid>,
) -> ApiResult<axum::Json<OutboxMessageView>> {
    Ok(axum::Json(mail::retry(&state.app, &actor, id).await?))
}

/// Withdraw an email that has not been sent (administrators).
#[utoipa::path(
    post,
    path = "/admin/outbox/{id}/cancel",
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The message's id")),
    responses(
        (status = 200, body = OutboxMessageView),
        ActionErrors,
    )
)]
async fn cancel_message(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<uuid::Uuid>,
) -> ApiResult<axum::Json<OutboxMessageView>> {
    Ok(axum::Json(mail::cancel(&state.app, &actor, id).await?))
}

/// Any email in any language, rendered with sample data (administrators).
#[utoipa::path(
    get,
    path = "/admin/email-preview",
    tag = "admin",
    security(("bearer" = [])),
    params(PreviewQuery),
    responses(
        (status = 200, body = PreviewView),
        RestrictedListErrors, Invalid,
    )
)]
async fn preview_email(
    State(state): State<AppState>,
    Auth(actor): Auth,
    Query(query): Query<PreviewQuery>,
) -> ApiResult<axum::Json<PreviewView>> {
    Ok(axum::Json(mail::preview(&state.app, &actor, &query).await?))
}
