//! Errors as RFC 9457 problem details (`application/problem+json`), in the
//! reader's language.
//!
//! Each use-case error's status and words come from `grants_i18n::errors`,
//! the one mapping the pages use too (its doc states the policy). Here are
//! only the API's own: malformed requests (unparsable JSON, bad headers or
//! query) → 400; a body of the wrong content type → 415; a body of the
//! wrong shape → 422; no route → 404. A 401 carries `WWW-Authenticate:
//! Bearer`, a 429 `Retry-After`; an unexpected error is logged with its
//! whole source chain and answered opaquely.
//!
//! The language is the request's `Accept-Language` when it names one of the
//! service's, else the signed-in person's profile, else English. `code` and
//! `args` stay the same in every language, for clients.

use std::cell::Cell;
use std::collections::BTreeMap;

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use grants_app::AppError;
use grants_app::steps::BlockedReasonView;
use grants_domain::{FieldError, Locale};
use grants_i18n::errors;
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
    /// A stable code of the problem, the same in every language
    /// (`call-closed`, `role-required`, `stale-revision`, …).
    pub code: String,
    /// The facts `detail` names, by name, the same in every language.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<String, String>,
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
    /// The body is larger than the route takes.
    TooLarge,
}

impl From<AppError> for ApiError {
    fn from(err: AppError) -> Self {
        ApiError::App(err)
    }
}

/// A body refused for its size by the limit layer (which answers in plain
/// text) as a problem like any other.
pub(crate) async fn too_large(response: Response) -> Response {
    let plain = response.status() == StatusCode::PAYLOAD_TOO_LARGE
        && response
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_none_or(|v| !v.starts_with("application/problem+json"));
    if plain {
        return ApiError::TooLarge.into_response();
    }
    response
}

tokio::task_local! {
    /// Who reads this request's problems: the language asked for, and the
    /// signed-in person's, once known.
    static READER: Reader;
}

struct Reader {
    asked: Option<Locale>,
    profile: Cell<Option<Locale>>,
}

/// Middleware: notes the request's `Accept-Language` for its problems.
pub async fn reader(request: Request, next: Next) -> Response {
    let asked = request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(grants_i18n::from_accept_language);
    let reader = Reader {
        asked,
        profile: Cell::new(None),
    };
    READER.scope(reader, next.run(request)).await
}

/// The signed-in person's language, for problems when the request asked for none.
pub(crate) fn note_profile(locale: Locale) {
    // Outside the middleware (in-process tests) there is nobody to tell.
    let _ = READER.try_with(|r| r.profile.set(Some(locale)));
}

/// The language this request's problems are written in.
pub(crate) fn reader_locale() -> Locale {
    READER
        .try_with(|r| r.asked.or(r.profile.get()))
        .ok()
        .flatten()
        .unwrap_or(Locale::En)
}

/// A problem of the API's own, before it is put into words.
struct Own {
    status: StatusCode,
    slug: &'static str,
    code: &'static str,
    args: BTreeMap<String, String>,
    errors: Vec<FieldError>,
}

impl ApiError {
    /// The API's own problems; a use case's error as it is.
    fn own(&self) -> Result<Own, &AppError> {
        let arg = |name: &str, value: String| BTreeMap::from([(name.to_owned(), value)]);
        Ok(match self {
            ApiError::App(err) => return Err(err),
            ApiError::BadRequest(why) => Own {
                status: StatusCode::BAD_REQUEST,
                slug: "bad-request",
                code: "bad-request",
                args: arg("why", why.clone()),
                errors: vec![],
            },
            ApiError::UnsupportedMediaType(expected) => Own {
                status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
                slug: "unsupported-media-type",
                code: "unsupported-media-type",
                args: arg("expected", (*expected).to_owned()),
                errors: vec![],
            },
            ApiError::InvalidBody(field) => Own {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                slug: "validation",
                code: "invalid-body",
                args: BTreeMap::from([
                    ("field".to_owned(), field.field.clone()),
                    ("why".to_owned(), field.message.clone()),
                ]),
                errors: vec![field.clone()],
            },
            ApiError::NotFound => Own {
                status: StatusCode::NOT_FOUND,
                slug: "not-found",
                code: "no-such-resource",
                args: BTreeMap::new(),
                errors: vec![],
            },
            ApiError::TooLarge => Own {
                status: StatusCode::PAYLOAD_TOO_LARGE,
                slug: "too-large",
                code: "body-too-large",
                args: BTreeMap::new(),
                errors: vec![],
            },
        })
    }

    /// The problem document, in `locale`.
    fn problem(&self, locale: Locale) -> Problem {
        let err = match self.own() {
            Err(err) => err,
            Ok(own) => {
                return Problem {
                    kind: format!("/problems/{}", own.slug),
                    title: errors::title(locale, own.status),
                    status: own.status.as_u16(),
                    detail: errors::said(locale, own.code, &own.args),
                    code: own.code.to_owned(),
                    args: own.args,
                    errors: own
                        .errors
                        .into_iter()
                        .map(|f| FieldError {
                            message: errors::field_message(locale, &f),
                            ..f
                        })
                        .collect(),
                    blocked_by: vec![],
                };
            }
        };
        let status = errors::status(err);
        let detail = if let AppError::Internal(source) = err {
            tracing::error!(error = %error_chain(source.as_ref()), "request failed");
            errors::said(locale, "internal", &BTreeMap::new())
        } else {
            errors::detail(locale, err)
        };
        let fields = match err {
            AppError::Validation(errors) => errors
                .fields()
                .iter()
                .map(|f| FieldError {
                    message: errors::field_message(locale, f),
                    ..f.clone()
                })
                .collect(),
            AppError::Duplicate { field } => vec![FieldError {
                field: (*field).to_owned(),
                code: "taken".into(),
                message: detail.clone(),
                args: Default::default(),
            }],
            AppError::FileRefused(refusal) => vec![FieldError {
                field: "file".into(),
                code: refusal.code().into(),
                message: detail.clone(),
                args: Default::default(),
            }],
            _ => vec![],
        };
        let blocked_by = match err {
            AppError::Blocked(blocked) => blocked
                .reasons
                .iter()
                .map(BlockedReasonView::from)
                .collect(),
            _ => Vec::new(),
        };
        Problem {
            kind: format!("/problems/{}", errors::slug(err)),
            title: errors::title(locale, status),
            status: status.as_u16(),
            detail,
            code: err.code().to_owned(),
            args: err.args(),
            errors: fields,
            blocked_by,
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
        let problem = self.problem(reader_locale());
        let status =
            StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
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
        // The rest of an oversized body was never read: the connection
        // cannot carry another request, so the client must not reuse it.
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        if let ApiError::App(AppError::LockedOut { retry_after_secs }) = self {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        }
        response
    }
}

/// Result of a handler.
pub type ApiResult<T> = Result<T, ApiError>;
