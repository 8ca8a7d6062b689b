use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use grants_app::mail::{self, PreferenceView, PreferencesInput};
use grants_app::users::{self, CreateUserInput, RegisterInput, UpdateUserInput, UserView};
use grants_app::{Page, PageRequest};
use grants_domain::UserId;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::responses::{
    CreateErrors, Invalid, ReadErrors, RestrictedListErrors, RevisedWriteErrors, Unauthenticated,
};
use crate::AppState;
use crate::extract::{Auth, IdPath, IfMatch, Json, Query};
use crate::problem::{ApiResult, Problem};
use crate::respond::{created, with_etag};

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(register))
        .routes(routes!(me))
        .routes(routes!(my_preferences, set_my_preferences))
        .routes(routes!(list_users, create_user))
        .routes(routes!(get_user, update_user))
}

/// Register as an applicant.
#[utoipa::path(
    post,
    path = "/users/register",
    tag = "users",
    request_body = RegisterInput,
    responses(
        (status = 201, description = "Registered; log in next", body = UserView),
        (status = 409, description = "The email is taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn register(
    State(state): State<AppState>,
    Json(input): Json<RegisterInput>,
) -> ApiResult<Response> {
    let user = users::register(&state.app, input).await?;
    Ok(created(format!("/users/{}", user.id), user.revision, user))
}

/// The caller's own account.
#[utoipa::path(
    get,
    path = "/me",
    tag = "users",
    security(("bearer" = [])),
    responses(
        (status = 200, body = UserView),
        Unauthenticated,
    )
)]
async fn me(State(state): State<AppState>, Auth(actor): Auth) -> ApiResult<Response> {
    let user = users::me(&state.app, &actor).await?;
    Ok(with_etag(StatusCode::OK, user.revision, user))
}

/// How you get each kind of email: at once, or in a daily summary.
#[utoipa::path(
    get,
    path = "/me/notification-preferences",
    tag = "users",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<PreferenceView>),
        Unauthenticated,
    )
)]
async fn my_preferences(
    State(state): State<AppState>,
    Auth(actor): Auth,
) -> ApiResult<axum::Json<Vec<PreferenceView>>> {
    Ok(axum::Json(mail::preferences(&state.app, &actor).await?))
}

/// Choose which non-urgent emails come in a daily summary; urgent ones
/// (decisions, payments, deadlines) always come at once.
#[utoipa::path(
    put,
    path = "/me/notification-preferences",
    tag = "users",
    security(("bearer" = [])),
    request_body = PreferencesInput,
    responses(
        (status = 200, body = Vec<PreferenceView>),
        Unauthenticated, Invalid,
    )
)]
async fn set_my_preferences(
    State(state): State<AppState>,
    Auth(actor): Auth,
    Json(input): Json<PreferencesInput>,
) -> ApiResult<axum::Json<Vec<PreferenceView>>> {
    Ok(axum::Json(
        mail::set_preferences(&state.app, &actor, input).await?,
    ))
}

/// Every account (administrators).
#[utoipa::path(
    get,
    path = "/users",
    tag = "users",
    security(("bearer" = [])),
    params(PageRequest),
    responses(
        (status = 200, body = Page<UserView>),
        RestrictedListErrors,
    )
)]
async fn list_users(
    State(state): State<AppState>,
    Auth(actor): Auth,
    Query(page): Query<PageRequest>,
) -> ApiResult<axum::Json<Page<UserView>>> {
    Ok(axum::Json(
        users::list_users(&state.app, &actor, &page).await?,
    ))
}

/// Create an account with roles (administrators).
#[utoipa::path(
    post,
    path = "/users",
    tag = "users",
    security(("bearer" = [])),
    request_body = CreateUserInput,
    responses(
        (status = 201, body = UserView),
        CreateErrors,
    )
)]
async fn create_user(
    State(state): State<AppState>,
    Auth(actor): Auth,
    Json(input): Json<CreateUserInput>,
) -> ApiResult<Response> {
    let user = users::create_user(&state.app, &actor, input).await?;
    Ok(created(format!("/users/{}", user.id), user.revision, user))
}

/// One account: your own, or any for administrators.
#[utoipa::path(
    get,
    path = "/users/{id}",
    tag = "users",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "The account's id")),
    responses(
        (status = 200, body = UserView),
        ReadErrors,
    )
)]
async fn get_user(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<UserId>,
) -> ApiResult<Response> {
    let user = users::get_user(&state.app, &actor, id).await?;
    Ok(with_etag(StatusCode::OK, user.revision, user))
}

/// Change an account. Send the revision (If-Match or `revision`).
/// Roles and `active` are for administrators only.
#[utoipa::path(
    patch,
    path = "/users/{id}",
    tag = "users",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, format = Uuid, description = "The account's id"),
        ("If-Match" = Option<String>, Header, description = "The ETag being edited"),
    ),
    request_body = UpdateUserInput,
    responses(
        (status = 200, body = UserView),
        RevisedWriteErrors,
    )
)]
async fn update_user(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<UserId>,
    IfMatch(revision): IfMatch,
    Json(input): Json<UpdateUserInput>,
) -> ApiResult<Response> {
    let user = users::update_user(&state.app, &actor, id, input, revision).await?;
    Ok(with_etag(StatusCode::OK, user.revision, user))
}
