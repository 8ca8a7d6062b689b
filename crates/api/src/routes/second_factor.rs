//! Two-step sign-in: setting it up, turning it off, and proving it afresh
//! before paying, approving or changing roles.

use axum::extract::State;
use axum::http::StatusCode;
use grants_app::second_factor::{self, CodeInput, Enrolment, RecoveryCodes, SecondFactorView};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::extract::{Auth, Json};
use crate::problem::{ApiResult, Problem};

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(status))
        .routes(routes!(begin_enrolment))
        .routes(routes!(confirm_enrolment))
        .routes(routes!(disable))
        .routes(routes!(step_up))
}

/// Your two-step sign-in: on or off, required of your role or not, recovery
/// codes left, and until when this session counts as freshly proved.
#[utoipa::path(
    get,
    path = "/me/second-factor",
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, body = SecondFactorView),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn status(
    State(state): State<AppState>,
    Auth(actor): Auth,
) -> ApiResult<axum::Json<SecondFactorView>> {
    Ok(axum::Json(second_factor::status(&state.app, &actor).await?))
}

/// Start setting up two-step sign-in: a new secret, its `otpauth://`
/// address and QR code for an authenticator app. Confirm it with a first
/// code; until then sign-in is unchanged.
#[utoipa::path(
    post,
    path = "/me/second-factor/enrolment",
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Enrolment),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Two-step sign-in is on already", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn begin_enrolment(
    State(state): State<AppState>,
    Auth(actor): Auth,
) -> ApiResult<axum::Json<Enrolment>> {
    Ok(axum::Json(
        second_factor::begin_enrolment(&state.app, &actor).await?,
    ))
}

/// Turn two-step sign-in on with a first code from the app: ten recovery
/// codes, shown this once. Your other sessions end.
#[utoipa::path(
    post,
    path = "/me/second-factor/enrolment/confirm",
    tag = "auth",
    security(("bearer" = [])),
    request_body = CodeInput,
    responses(
        (status = 200, body = RecoveryCodes),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not started, or on already", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The code is not right", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts: wait the seconds Retry-After says", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn confirm_enrolment(
    State(state): State<AppState>,
    Auth(actor): Auth,
    Json(input): Json<CodeInput>,
) -> ApiResult<axum::Json<RecoveryCodes>> {
    Ok(axum::Json(
        second_factor::confirm_enrolment(&state.app, &actor, input).await?,
    ))
}

/// Turn two-step sign-in off with a current code (or a recovery code).
/// Refused where your role must have it. Your other sessions end.
#[utoipa::path(
    post,
    path = "/me/second-factor/disable",
    tag = "auth",
    security(("bearer" = [])),
    request_body = CodeInput,
    responses(
        (status = 204, description = "Off"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Your role must keep it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The code is not right", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts: wait the seconds Retry-After says", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn disable(
    State(state): State<AppState>,
    Auth(actor): Auth,
    Json(input): Json<CodeInput>,
) -> ApiResult<StatusCode> {
    second_factor::disable(&state.app, &actor, input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Prove the second factor afresh for this token: paying or approving a
/// tranche and changing roles need one proved within the last few minutes.
#[utoipa::path(
    post,
    path = "/auth/step-up",
    tag = "auth",
    security(("bearer" = [])),
    request_body = CodeInput,
    responses(
        (status = 200, description = "Fresh until `fresh_until`", body = SecondFactorView),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The code is not right", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts: wait the seconds Retry-After says", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn step_up(
    State(state): State<AppState>,
    Auth(actor): Auth,
    Json(input): Json<CodeInput>,
) -> ApiResult<axum::Json<SecondFactorView>> {
    let fresh = second_factor::step_up(&state.app, &actor, input).await?;
    Ok(axum::Json(second_factor::status(&state.app, &fresh).await?))
}
