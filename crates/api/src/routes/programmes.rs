use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use grants_app::programmes::{self, ProgrammeFilter, ProgrammeUpdate, ProgrammeView};
use grants_app::{Page, PageRequest};
use grants_domain::ProgrammeId;
use grants_domain::programme::ProgrammeInput;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::responses::{
    ActionErrors, CreateErrors, ReadErrors, RevisedWriteErrors, Unauthenticated,
};
use crate::AppState;
use crate::extract::{Auth, IdPath, IfMatch, Json, Query};
use crate::problem::{ApiResult, Problem};
use crate::respond::{created, with_etag};

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_programmes, create_programme))
        .routes(routes!(get_programme, update_programme))
        .routes(routes!(archive_programme, restore_programme))
}

/// Programmes, oldest first; archived ones only when asked.
#[utoipa::path(
    get,
    path = "/programmes",
    tag = "programmes",
    security(("bearer" = [])),
    params(ProgrammeFilter, PageRequest),
    responses(
        (status = 200, body = Page<ProgrammeView>),
        Unauthenticated,
    )
)]
async fn list_programmes(
    State(state): State<AppState>,
    Auth(actor): Auth,
    Query(filter): Query<ProgrammeFilter>,
    Query(page): Query<PageRequest>,
) -> ApiResult<axum::Json<Page<ProgrammeView>>> {
    Ok(axum::Json(
        programmes::list(&state.app, &actor, &filter, &page).await?,
    ))
}

/// Create a programme (programme managers and administrators).
/// Every invalid field is reported at once.
#[utoipa::path(
    post,
    path = "/programmes",
    tag = "programmes",
    security(("bearer" = [])),
    request_body = ProgrammeInput,
    responses(
        (status = 201, body = ProgrammeView),
        CreateErrors,
        (status = 409, description = "The code is taken", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn create_programme(
    State(state): State<AppState>,
    Auth(actor): Auth,
    Json(input): Json<ProgrammeInput>,
) -> ApiResult<Response> {
    let programme = programmes::create(&state.app, &actor, input).await?;
    Ok(created(
        format!("/programmes/{}", programme.id),
        programme.revision,
        programme,
    ))
}

/// One programme.
#[utoipa::path(
    get,
    path = "/programmes/{id}",
    tag = "programmes",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The programme's id")),
    responses(
        (status = 200, body = ProgrammeView),
        ReadErrors,
    )
)]
async fn get_programme(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProgrammeId>,
) -> ApiResult<Response> {
    let programme = programmes::get(&state.app, &actor, id).await?;
    Ok(with_etag(StatusCode::OK, programme.revision, programme))
}

/// Change a programme: send only the fields that change, and the revision
/// (If-Match or `revision`). The result is validated as a whole.
#[utoipa::path(
    patch,
    path = "/programmes/{id}",
    tag = "programmes",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, format = Uuid, description = "The programme's id"),
        ("If-Match" = Option<String>, Header, description = "The ETag being edited"),
    ),
    request_body = ProgrammeUpdate,
    responses(
        (status = 200, body = ProgrammeView),
        RevisedWriteErrors,
    )
)]
async fn update_programme(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProgrammeId>,
    IfMatch(revision): IfMatch,
    Json(input): Json<ProgrammeUpdate>,
) -> ApiResult<Response> {
    let programme = programmes::update(&state.app, &actor, id, input, revision).await?;
    Ok(with_etag(StatusCode::OK, programme.revision, programme))
}

/// Archive a programme: it leaves the default lists. Repeating it is harmless.
#[utoipa::path(
    post,
    path = "/programmes/{id}/archive",
    tag = "programmes",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, format = Uuid, description = "The programme's id"),
        ("If-Match" = Option<String>, Header, description = "The ETag of the programme (optional: without it the current one is taken)"),
    ),
    responses(
        (status = 200, body = ProgrammeView),
        ActionErrors,
    )
)]
async fn archive_programme(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProgrammeId>,
    IfMatch(revision): IfMatch,
) -> ApiResult<Response> {
    let programme = programmes::set_archived(&state.app, &actor, id, true, revision).await?;
    Ok(with_etag(StatusCode::OK, programme.revision, programme))
}

/// Restore an archived programme.
#[utoipa::path(
    delete,
    path = "/programmes/{id}/archive",
    tag = "programmes",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, format = Uuid, description = "The programme's id"),
        ("If-Match" = Option<String>, Header, description = "The ETag of the programme (optional: without it the current one is taken)"),
    ),
    responses(
        (status = 200, body = ProgrammeView),
        ActionErrors,
    )
)]
async fn restore_programme(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProgrammeId>,
    IfMatch(revision): IfMatch,
) -> ApiResult<Response> {
    let programme = programmes::set_archived(&state.app, &actor, id, false, revision).await?;
    Ok(with_etag(StatusCode::OK, programme.revision, programme))
}
