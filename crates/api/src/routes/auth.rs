use axum::extract::State;
use axum::http::StatusCode;
use grants_app::account::{self, ResetPasswordInput, ResetRequestInput, TokenInput};
use grants_app::auth::{self, IssuedToken, LoginInput};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::extract::{Auth, Client, Json};
use crate::problem::{ApiResult, Problem};

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_token, delete_token))
        .routes(routes!(verify_email))
        .routes(routes!(request_password_reset))
        .routes(routes!(reset_password))
}

/// Confirm your email address with the token from the registration email.
#[utoipa::path(
    post,
    path = "/auth/verify-email",
    tag = "auth",
    request_body = TokenInput,
    responses(
        (status = 204, description = "Confirmed"),
        (status = 422, description = "The link is used, expired or unknown", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn verify_email(
    State(state): State<AppState>,
    Json(input): Json<TokenInput>,
) -> ApiResult<StatusCode> {
    account::verify_email(&state.app, input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Ask for a password-reset link by email. The answer is the same whether
/// or not the address has an account.
#[utoipa::path(
    post,
    path = "/auth/password-reset",
    tag = "auth",
    request_body = ResetRequestInput,
    responses(
        (status = 202, description = "If the address has an account, a link is on its way"),
        (status = 422, description = "Not an email address", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn request_password_reset(
    State(state): State<AppState>,
    Json(input): Json<ResetRequestInput>,
) -> ApiResult<StatusCode> {
    account::request_password_reset(&state.app, input).await?;
    Ok(StatusCode::ACCEPTED)
}

/// Choose a new password with the token from the reset email. Every
/// session of the account ends.
#[utoipa::path(
    post,
    path = "/auth/password-reset/confirm",
    tag = "auth",
    request_body = ResetPasswordInput,
    responses(
        (status = 204, description = "The password is changed"),
        (status = 422, description = "The link is used, expired or unknown, or the password too short", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn reset_password(
    State(state): State<AppState>,
    Json(input): Json<ResetPasswordInput>,
) -> ApiResult<StatusCode> {
    account::reset_password(&state.app, input).await?;
    Ok(StatusCode::NO_CONTENT)
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
        (status = 429, description = "Too many attempts: wait the seconds Retry-After says", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn create_token(
    State(state): State<AppState>,
    Client(client): Client,
    Json(input): Json<LoginInput>,
) -> ApiResult<(StatusCode, axum::Json<IssuedToken>)> {
    let token = auth::login(&state.app, input, client).await?;
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
