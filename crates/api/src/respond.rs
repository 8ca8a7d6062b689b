//! Successful responses with the headers clients rely on.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use grants_app::assignments::AssignmentView;
use grants_app::grants::GrantView;
use grants_app::programmes::ProgrammeView;
use grants_app::proposals::ProposalView;
use grants_app::reports::ReportView;
use grants_app::reviews::ReviewView;
use grants_app::tranches::TrancheView;
use grants_app::users::UserView;
use serde::Serialize;

/// A view of an object edited against its revision: what its ETag says.
pub trait Revised: Serialize {
    /// The revision the view shows.
    fn revision(&self) -> i64;
}

/// [`Revised`] for views that carry their object's `revision` field.
macro_rules! revised_views {
    ($($view:ty),+ $(,)?) => {
        $(
            impl Revised for $view {
                fn revision(&self) -> i64 {
                    self.revision
                }
            }
        )+
    };
}

revised_views!(
    AssignmentView,
    GrantView,
    ProgrammeView,
    ProposalView,
    ReportView,
    ReviewView,
    TrancheView,
    UserView,
);

/// `200 OK` with the view as JSON and `ETag: "<revision>"`: what a read or
/// an edit of a revised object answers with, so clients can send the ETag
/// back in If-Match.
pub struct WithEtag<T>(pub T);

impl<T: Revised> IntoResponse for WithEtag<T> {
    fn into_response(self) -> Response {
        with_etag(StatusCode::OK, self.0.revision(), self.0)
    }
}

/// A JSON body with `ETag: "<revision>"`, so clients can send it back in If-Match.
fn with_etag<T: Serialize>(status: StatusCode, revision: i64, body: T) -> Response {
    let mut response = (status, Json(body)).into_response();
    if let Ok(etag) = HeaderValue::from_str(&format!("\"{revision}\"")) {
        response.headers_mut().insert(header::ETAG, etag);
    }
    response
}

/// `201 Created` with the new resource's location and ETag.
pub fn created<T: Revised>(location: String, body: T) -> Response {
    let mut response = with_etag(StatusCode::CREATED, body.revision(), body);
    if let Ok(location) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

/// `200 OK` with `bytes` as a download named `file_name`, of type `content_type`.
pub fn download(file_name: &str, content_type: &'static str, bytes: Vec<u8>) -> Response {
    let mut response = (StatusCode::OK, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(disposition) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\""))
    {
        headers.insert(header::CONTENT_DISPOSITION, disposition);
    }
    response
}

/// A list as a download in `format`: CSV with a byte order mark (so
/// Excel reads the Cyrillic and Greek right), or a spreadsheet with
/// headings in the reader's language.
pub fn table(
    table: grants_app::export::Table,
    format: grants_app::export::ExportFormat,
) -> Response {
    match grants_i18n::export::download(crate::problem::reader_locale(), table, format) {
        Ok(file) => download(&file.file_name, file.content_type, file.bytes),
        Err(e) => crate::problem::ApiError::from(e).into_response(),
    }
}
