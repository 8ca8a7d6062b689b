//! Errors as RFC 9457 problem details (`application/problem+json`).
//!
//! Policy, applied here and nowhere else:
//! - malformed requests (unparsable JSON, bad headers or query) → 400;
//! - no or bad credentials → 401 with `WWW-Authenticate: Bearer`;
//! - the role does not allow the kind of action → 403;
//! - the object does not exist, or the caller has no relation to it → 404;
//! - a stale revision, a taken unique value, or a state that forbids the action → 409;
//! - a workflow transition that is blocked → 403 if the caller may never take it,
//!   404 if it does not exist, else 409; every reason is listed in `blocked_by`;
//! - a body of the wrong content type, or an uploaded file of a type not
//!   taken (told from its bytes) → 415, the file's problem named on `file`;
//! - an uploaded file over its programme's limit → 413, named on `file`;
//! - well-formed input that breaks a rule → 422 with every field named;
//! - an update without its revision → 428;
//! - too many failed log-ins → 429 with `Retry-After`;
//! - anything unexpected → logged with its whole source chain, answered as an opaque 500.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use grants_app::AppError;
use grants_app::proposals::BlockedReasonView;
use grants_domain::FieldError;
use grants_domain::attachment::FileRefusal;
use grants_workflow::ReasonKind;
use serde::Serialize;
use utoipa::ToSchema;

/// A problem detail document.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI reference naming the kind of problem, e.g. `/problems/validation`.
    #[serde(rename = "type")]
    pub kind: String,
    /// A short summary of the kind of problem.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong in this case.
    pub detail: String,
    /// Per-field problems, for validation errors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// Why a workflow transition is blocked.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub blocked_by: Vec<BlockedReasonView>,
}

/// Anything a handler can fail with.
#[derive(Debug)]
pub enum ApiError {
    /// A use case refused or failed.
    App(AppError),
    /// The request itself could not be understood.
    BadRequest(String),
    /// The body is not of the media type the route takes (JSON, or a multipart form for uploads).
    UnsupportedMediaType(&'static str),
    /// The body's JSON does not fit the expected shape.
    InvalidBody(FieldError),
    /// No route or no such id in the path.
    NotFound,
}

impl From<AppError> for ApiError {
    fn from(err: AppError) -> Self {
        ApiError::App(err)
    }
}

impl ApiError {
    fn problem(&self) -> (StatusCode, &'static str, String, Vec<FieldError>) {
        use AppError as A;
        match self {
            ApiError::BadRequest(detail) => (
                StatusCode::BAD_REQUEST,
                "bad-request",
                detail.clone(),
                vec![],
            ),
            ApiError::UnsupportedMediaType(expected) => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                format!("send the body as {expected}"),
                vec![],
            ),
            ApiError::InvalidBody(field) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
                format!("{}: {}", field.field, field.message),
                vec![field.clone()],
            ),
            ApiError::NotFound => (
                StatusCode::NOT_FOUND,
                "not-found",
                "no such resource".into(),
                vec![],
            ),
            ApiError::App(err) => {
                let detail = err.to_string();
                match err {
                    A::Unauthenticated | A::InvalidCredentials => {
                        (StatusCode::UNAUTHORIZED, "unauthenticated", detail, vec![])
                    }
                    A::LockedOut { .. } => {
                        (StatusCode::TOO_MANY_REQUESTS, "locked-out", detail, vec![])
                    }
                    A::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden", detail, vec![]),
                    A::NotFound(_) => (StatusCode::NOT_FOUND, "not-found", detail, vec![]),
                    A::Validation(errors) => (
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "validation",
                        format!("{} field(s) are invalid", errors.fields().len()),
                        errors.fields().to_vec(),
                    ),
                    A::Duplicate { field } => (
                        StatusCode::CONFLICT,
                        "duplicate",
                        detail.clone(),
                        vec![FieldError {
                            field: (*field).to_owned(),
                            code: "taken".into(),
                            message: detail,
                        }],
                    ),
                    A::StaleRevision { .. } => {
                        (StatusCode::CONFLICT, "stale-revision", detail, vec![])
                    }
                    A::Conflict(_) => (StatusCode::CONFLICT, "conflict", detail, vec![]),
                    A::Blocked(blocked) => {
                        let has = |kind| blocked.reasons.iter().any(|r| r.kind == kind);
                        let status = if has(ReasonKind::NotPermitted) {
                            StatusCode::FORBIDDEN
                        } else if has(ReasonKind::UnknownTransition) {
                            StatusCode::NOT_FOUND
                        } else {
                            StatusCode::CONFLICT
                        };
                        (status, "transition-blocked", detail, vec![])
                    }
                    A::FileRefused(refusal) => {
                        let (status, slug) = match refusal {
                            FileRefusal::TooLarge { .. } => {
                                (StatusCode::PAYLOAD_TOO_LARGE, "too-large")
                            }
                            FileRefusal::Empty => (StatusCode::UNPROCESSABLE_ENTITY, "validation"),
                            FileRefusal::UnsupportedType { .. }
                            | FileRefusal::TypeMismatch { .. } => {
                                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type")
                            }
                        };
                        let field = FieldError {
                            field: "file".into(),
                            code: refusal.code().into(),
                            message: detail.clone(),
                        };
                        (status, slug, detail, vec![field])
                    }
                    A::Unreadable(_) => (StatusCode::BAD_REQUEST, "bad-request", detail, vec![]),
                    A::RevisionRequired => (
                        StatusCode::PRECONDITION_REQUIRED,
                        "revision-required",
                        detail,
                        vec![],
                    ),
                    A::Internal(source) => {
                        tracing::error!(error = %error_chain(source.as_ref()), "request failed");
                        (
                            StatusCode::INTERNAL_SERVER_ERROR,
                            "internal",
                            "something went wrong on our side; it has been logged".into(),
                            vec![],
                        )
                    }
                }
            }
        }
    }
}

/// The error and all its sources, outermost first.
fn error_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, slug, detail, errors) = self.problem();
        let blocked_by = match &self {
            ApiError::App(AppError::Blocked(blocked)) => blocked
                .reasons
                .iter()
                .map(BlockedReasonView::from)
                .collect(),
            _ => Vec::new(),
        };
        let problem = Problem {
            kind: format!("/problems/{slug}"),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail,
            errors,
            blocked_by,
        };
        let body = serde_json::to_vec(&problem).unwrap_or_default();
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if status == StatusCode::UNAUTHORIZED {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if let ApiError::App(AppError::LockedOut { retry_after_secs }) = self {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        }
        response
    }
}

/// Result of a handler.
pub type ApiResult<T> = Result<T, ApiError>;
