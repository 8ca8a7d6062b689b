//! Successful responses with the headers clients rely on.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// A JSON body with `ETag: "<revision>"`, so clients can send it back in If-Match.
pub fn with_etag<T: Serialize>(status: StatusCode, revision: i64, body: T) -> Response {
    let mut response = (status, Json(body)).into_response();
    if let Ok(etag) = HeaderValue::from_str(&format!("\"{revision}\"")) {
        response.headers_mut().insert(header::ETAG, etag);
    }
    response
}

/// `201 Created` with the new resource's location and ETag.
pub fn created<T: Serialize>(location: String, revision: i64, body: T) -> Response {
    let mut response = with_etag(StatusCode::CREATED, revision, body);
    if let Ok(location) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

/// A CSV download that opens cleanly in a spreadsheet: UTF-8 with a byte
/// order mark (so Excel reads the Cyrillic and Greek right) and a file name.
pub fn csv(file_name: &str, body: String) -> Response {
    let mut response = (StatusCode::OK, format!("\u{feff}{body}")).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(disposition) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\""))
    {
        headers.insert(header::CONTENT_DISPOSITION, disposition);
    }
    response
}
