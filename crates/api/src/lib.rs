//! The JSON HTTP API of Innovation Awards.
//!
//! Handlers are thin: they extract and parse, call one `grants_app` use
//! case, and map the result. Errors become problem+json in [`problem`]
//! only. The OpenAPI 3.1 document is generated from the handlers
//! themselves and served at `/openapi.json`, with a browsable page at `/docs`.

mod extract;
mod idempotency;
mod openapi;
pub mod problem;
mod respond;
mod routes;

use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, header};
use grants_app::App;
use grants_domain::attachment::LARGEST_LIMIT_BYTES;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use openapi::openapi;

/// Shared state of every handler.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The use cases.
    pub app: App,
}

/// Largest request body accepted, but for uploads (which have their own cap).
const MAX_BODY_BYTES: usize = 1024 * 1024;
/// How long a request may take, but for uploads (which have their own).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The body limit of every route but uploads.
fn body_limit() -> RequestBodyLimitLayer {
    RequestBodyLimitLayer::new(MAX_BODY_BYTES)
}

/// The time limit of every route but uploads.
fn time_limit() -> TimeoutLayer {
    TimeoutLayer::with_status_code(axum::http::StatusCode::REQUEST_TIMEOUT, REQUEST_TIMEOUT)
}

/// The most an upload request may carry: the largest file any programme
/// allows, plus room for the multipart framing and a few small fields.
/// The programme's own limit is enforced on the file while it streams.
const UPLOAD_BODY_CAP: usize = LARGEST_LIMIT_BYTES as usize + 1024 * 1024;
/// How long an upload may take.
const UPLOAD_TIMEOUT: Duration = Duration::from_secs(600);

/// The body cap of upload routes (read by axum's `Multipart`).
fn upload_body_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(UPLOAD_BODY_CAP)
}

/// The time limit of upload routes.
fn upload_time_limit() -> TimeoutLayer {
    TimeoutLayer::with_status_code(axum::http::StatusCode::REQUEST_TIMEOUT, UPLOAD_TIMEOUT)
}

/// The whole HTTP service: API, OpenAPI document, docs page and health
/// checks, plus `pages` and `page_uploads` (the web pages, which bring
/// their own state), all behind the same security headers. Bodies are
/// limited to 1 MiB and requests to 30 seconds, except uploads (the API's
/// and `page_uploads`), which stream up to 101 MiB in up to 10 minutes: a
/// layer applies to the routes present when it is added, so the ordinary
/// limits are added before the uploads are merged in.
pub fn router(state: AppState, pages: Router, page_uploads: Router) -> Router {
    let (api, spec) = routes::api().split_for_parts();
    let api = api
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            idempotency::layer,
        ))
        .with_state(state.clone())
        // Answers hold people's data: no browser or proxy keeps them.
        .layer(security_header(header::CACHE_CONTROL, "no-store"));
    let page_uploads = page_uploads
        .layer(upload_body_limit())
        .layer(upload_time_limit());
    openapi::docs(spec)
        .with_state(state)
        .merge(pages)
        .fallback(|| async { problem::ApiError::NotFound })
        .layer(body_limit())
        .layer(time_limit())
        .merge(api)
        .merge(page_uploads)
        .layer(security_header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(security_header(header::X_FRAME_OPTIONS, "DENY"))
        .layer(security_header(header::REFERRER_POLICY, "no-referrer"))
        .layer(axum::middleware::map_response(problem::too_large))
        .layer(axum::middleware::from_fn(problem::reader))
        // The span names the path only: query strings can carry secrets
        // (the token of an emailed link), and logs must never hold one.
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &axum::http::Request<_>| {
                tracing::info_span!(
                    "request",
                    method = %request.method(),
                    path = %request.uri().path(),
                )
            }),
        )
}

/// The monitoring listener's service: `/metrics` alone, answered without
/// sign-in, so it must listen where only the operator's monitoring reaches.
pub fn monitoring_router(state: AppState) -> Router {
    routes::health::monitoring()
        .with_state(state)
        .fallback(|| async { problem::ApiError::NotFound })
        .layer(security_header(header::CACHE_CONTROL, "no-store"))
}

fn security_header(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
}
