use axum::extract::State;
use grants_app::audit::{self, AuditEventView, AuditFilter};
use grants_app::{Page, PageRequest};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::responses::RestrictedListErrors;
use crate::AppState;
use crate::extract::{Auth, Query};
use crate::problem::ApiResult;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_audit_events))
}

/// The audit trail, oldest first (administrators).
#[utoipa::path(
    get,
    path = "/audit-events",
    tag = "audit",
    security(("bearer" = [])),
    params(AuditFilter, PageRequest),
    responses(
        (status = 200, body = Page<AuditEventView>),
        RestrictedListErrors,
    )
)]
async fn list_audit_events(
    State(state): State<AppState>,
    Auth(actor): Auth,
    Query(filter): Query<AuditFilter>,
    Query(page): Query<PageRequest>,
) -> ApiResult<axum::Json<Page<AuditEventView>>> {
    Ok(axum::Json(
        audit::list(&state.app, &actor, &filter, &page).await?,
    ))
}
