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
use axum::http::{HeaderName, HeaderValue, header};
use grants_app::App;
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

/// Largest request body accepted; uploads get their own limits later.
const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The whole HTTP service: API, OpenAPI document, docs page and health
/// checks, plus `pages` (the web pages, which bring their own state), all
/// behind the same limits and security headers.
pub fn router(state: AppState, pages: Router) -> Router {
    let (api, spec) = routes::api().split_for_parts();
    api.layer(axum::middleware::from_fn_with_state(
        state.clone(),
        idempotency::layer,
    ))
    .merge(openapi::docs(spec))
    .with_state(state)
    .merge(pages)
    .fallback(|| async { problem::ApiError::NotFound })
    .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
    .layer(TimeoutLayer::with_status_code(
        axum::http::StatusCode::REQUEST_TIMEOUT,
        Duration::from_secs(30),
    ))
    .layer(security_header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
    .layer(security_header(header::X_FRAME_OPTIONS, "DENY"))
    .layer(security_header(header::REFERRER_POLICY, "no-referrer"))
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

fn security_header(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
}
