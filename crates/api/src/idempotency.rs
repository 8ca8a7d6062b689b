//! `Idempotency-Key` on POSTs: a client that is not sure its request got
//! through sends it again with the same key and gets the first response,
//! marked `Idempotent-Replayed: true`, without the service acting twice.
//! The same key with another request is a 422; a retry while the first is
//! still being handled is a 409. Keys belong to the signed-in person and are
//! forgotten after `[server] idempotency_key_ttl_seconds`. A response that
//! is a server error is not kept, so the retry acts again.
//!
//! Uploads (multipart bodies) pass through untouched: keeping them would
//! mean holding up to 100 MiB in memory to hash and replay. They need no
//! key: sending the same file to the same parent again adds nothing and
//! answers with the attachment already there.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use grants_app::idempotency::{self, KeyClaim};
use grants_app::{Actor, AppError};
use grants_domain::ValidationErrors;
use sha2::{Digest, Sha256};

use crate::AppState;
use crate::problem::ApiError;

/// The request header.
const KEY_HEADER: &str = "idempotency-key";
/// Marks a replayed response.
const REPLAYED: &str = "idempotent-replayed";
/// The largest request or response kept (the API's body limit).
const MAX_BYTES: usize = 1024 * 1024;
/// Response headers worth replaying.
const KEPT_HEADERS: [HeaderName; 3] = [header::CONTENT_TYPE, header::ETAG, header::LOCATION];

async fn actor(state: &AppState, headers: &HeaderMap) -> Option<Actor> {
    let token = headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")?;
    grants_app::auth::authenticate(&state.app, token.trim())
        .await
        .ok()
}

/// True for a multipart body (an upload), which is streamed, never kept.
fn is_multipart(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .get(..10)
                .is_some_and(|t| t.eq_ignore_ascii_case("multipart/"))
        })
}

fn request_hash(method: &Method, uri: &str, body: &[u8]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(method.as_str().as_bytes());
    hasher.update(b"\n");
    hasher.update(uri.as_bytes());
    hasher.update(b"\n");
    hasher.update(body);
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn replay(status: u16, stored: &serde_json::Value) -> Response {
    let body = stored["body"].as_str().unwrap_or_default().to_owned();
    let mut response = Response::new(Body::from(body));
    *response.status_mut() =
        axum::http::StatusCode::from_u16(status).unwrap_or(axum::http::StatusCode::OK);
    if let Some(headers) = stored["headers"].as_object() {
        for (name, value) in headers {
            if let (Ok(name), Some(Ok(value))) = (
                HeaderName::from_bytes(name.as_bytes()),
                value.as_str().map(HeaderValue::from_str),
            ) {
                response.headers_mut().insert(name, value);
            }
        }
    }
    response
        .headers_mut()
        .insert(REPLAYED, HeaderValue::from_static("true"));
    response
}

/// The middleware: POSTs with a key are claimed, answered once, and replayed.
pub(crate) async fn layer(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    let Some(raw_key) = request.headers().get(KEY_HEADER) else {
        return next.run(request).await;
    };
    if is_multipart(request.headers()) {
        return next.run(request).await;
    }
    let key = match raw_key.to_str() {
        Ok(k) if !k.trim().is_empty() && k.len() <= 255 => k.trim().to_owned(),
        _ => {
            return ApiError::BadRequest(
                "Idempotency-Key must be 1 to 255 visible ASCII characters".into(),
            )
            .into_response();
        }
    };
    // Without a valid session the handler answers 401; nothing to keep.
    let Some(actor) = actor(&state, request.headers()).await else {
        return next.run(request).await;
    };
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_BYTES).await else {
        return ApiError::BadRequest("the request body is too large".into()).into_response();
    };
    let uri = parts.uri.to_string();
    let hash = request_hash(&parts.method, &uri, &bytes);
    match idempotency::claim(&state.app, &actor, &key, &hash).await {
        Err(err) => return ApiError::App(err).into_response(),
        Ok(KeyClaim::Answered { status, response }) => return replay(status, &response),
        Ok(KeyClaim::Mismatch) => {
            return ApiError::App(AppError::Validation(ValidationErrors::single(
                "Idempotency-Key",
                "key_reused",
                "this key was already used for a different request; use a new key",
            )))
            .into_response();
        }
        Ok(KeyClaim::InProgress) => {
            return ApiError::App(AppError::conflict("idempotency-in-flight").done())
                .into_response();
        }
        Ok(KeyClaim::Claimed) => {}
    }
    let response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    let status = response.status();
    let (parts, body) = response.into_parts();
    let bytes = to_bytes(body, MAX_BYTES).await.unwrap_or_default();
    let text = String::from_utf8(bytes.to_vec()).ok();
    match text {
        Some(text) if !status.is_server_error() => {
            let headers: serde_json::Map<String, serde_json::Value> = KEPT_HEADERS
                .iter()
                .filter_map(|name| {
                    let value = parts.headers.get(name)?.to_str().ok()?;
                    Some((name.as_str().to_owned(), value.into()))
                })
                .collect();
            let stored = serde_json::json!({ "headers": headers, "body": text });
            if let Err(err) =
                idempotency::complete(&state.app, &actor, &key, status.as_u16(), stored).await
            {
                tracing::error!(error = %err, "an idempotent response could not be kept");
            }
        }
        _ => {
            if let Err(err) = idempotency::release(&state.app, &actor, &key).await {
                tracing::error!(error = %err, "an idempotency key could not be released");
            }
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}
