//! A person's own data, whole.

use axum::extract::State;
use axum::response::Response;
use grants_app::personal_data;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::extract::Auth;
use crate::problem::{ApiResult, Problem};

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(export_my_data))
}

/// Everything the service holds about you, in one zip archive:
/// `personal-data.json` (your account, privacy consents, email choices,
/// sessions, proposals with their history, grants, reports, what you did
/// and the emails sent to you) and, under `files/`, every file attached to
/// your proposals and reports.
#[utoipa::path(
    get,
    path = "/me/export",
    tag = "users",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The archive, as an attachment", content_type = "application/zip", body = Vec<u8>),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn export_my_data(State(state): State<AppState>, Auth(actor): Auth) -> ApiResult<Response> {
    let bytes = personal_data::archive(&state.app, &actor).await?;
    let name = personal_data::file_name(chrono::Utc::now());
    Ok(crate::respond::download(&name, "application/zip", bytes))
}
