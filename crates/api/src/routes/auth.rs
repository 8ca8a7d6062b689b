use axum::extract::State;
use axum::http::StatusCode;
use grants_app::auth::{self, IssuedToken, LoginInput};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::extract::{Auth, Json};
use crate::problem::{ApiResult, Problem};

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(create_token, delete_token))
}

/// Log in: exchange email and password for a bearer token.
///
/// A wrong password and an unknown email answer alike. After repeated
/// failures the address is locked for a while (429 with Retry-After).
#[utoipa::path(
    post,
    path = "/auth/token",
    tag = "auth",
    request_body = LoginInput,
    responses(
        (status = 201, description = "Logged in", body = IssuedToken),
        (status = 401, description = "Wrong email or password", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The email is not an address", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Locked after repeated failures", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn create_token(
    State(state): State<AppState>,
    Json(input): Json<LoginInput>,
) -> ApiResult<(StatusCode, axum::Json<IssuedToken>)> {
    let token = auth::login(&state.app, input).await?;
    Ok((StatusCode::CREATED, axum::Json(token)))
}

/// Log out: revoke the token this request carries.
#[utoipa::path(
    delete,
    path = "/auth/token",
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn delete_token(State(state): State<AppState>, Auth(actor): Auth) -> ApiResult<StatusCode> {
    auth::logout(&state.app, &actor).await?;
    Ok(StatusCode::NO_CONTENT)
}
