//! Attachments of proposals and reports: upload (multipart, streamed to
//! disk), list, details, download (streamed from disk) and delete.

use axum::body::{Body, Bytes};
use axum::extract::multipart::{Field, MultipartError, MultipartRejection};
use axum::extract::{Multipart, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use grants_app::attachments::{
    self, AttachmentContent, AttachmentParent, AttachmentView, IncomingFile, Uploaded,
};
use grants_app::{AppError, AppResult};
use grants_domain::attachment::{FileRefusal, LARGEST_LIMIT_BYTES};
use grants_domain::{AttachmentId, ProposalId, ReportId, ThreadId, ValidationErrors};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::handlers::handlers;
use super::params::{ATTACHMENT_ID, PROPOSAL_ID, REPORT_ID, THREAD_ID};
use super::responses::{ActionErrors, ReadErrors, UploadErrors};
use crate::AppState;
use crate::extract::{Auth, IdPath};
use crate::problem::{ApiError, ApiResult, Problem};

/// The form field that carries the file.
const FILE_FIELD: &str = "file";
/// What an upload must be sent as.
const UPLOAD_FORM: &str = "multipart/form-data, with the file in a field named `file`";
/// How much of a file is read from disk at a time when it is downloaded.
const DOWNLOAD_PIECE: usize = 64 * 1024;

/// Listing, details, download and delete: ordinary requests.
pub(super) fn routes() -> OpenApiRouter<AppState> {
    proposal_routes()
        .merge(report_routes())
        .merge(thread_routes())
}

/// Uploads: their own body cap and time limit (101 MiB, 10 minutes)
/// instead of the API's 1 MiB and 30 seconds.
pub(super) fn upload_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(upload_proposal_attachment))
        .routes(routes!(upload_report_attachment))
        .routes(routes!(upload_thread_attachment))
        .layer(crate::upload_body_limit())
        .layer(crate::upload_time_limit())
}

/// An upload as a multipart form, for the OpenAPI document.
#[derive(ToSchema)]
#[expect(dead_code, reason = "describes the request body for OpenAPI only")]
struct UploadForm {
    /// The file: a PDF, a PNG, JPEG, GIF or WebP image, an office document
    /// (docx, xlsx, pptx, odt, ods, odp), or plain text or CSV in UTF-8
    /// (sent as text/plain or text/csv). Its type is told from its bytes.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// Attach a file to your proposal while it is a draft or returned for
/// changes: a multipart form with the file in the field `file`, at most
/// the programme's `reporting.max_attachment_bytes` (10 MiB unless the
/// programme says otherwise) and 20 files per proposal. The type is told
/// from the bytes and stored as found. Sending the same file (same bytes,
/// same name) again adds nothing and answers 200 with the attachment, so a
/// retry is safe; an `Idempotency-Key` is not needed (and not used).
#[utoipa::path(
    post,
    path = "/proposals/{id}/attachments",
    tag = "proposals",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = PROPOSAL_ID)),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Attached", body = AttachmentView),
        (status = 200, description = "The proposal already has this very file", body = AttachmentView),
        ActionErrors,
        UploadErrors,
        (status = 403, description = "Not your proposal", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The proposal is not editable now, or has 20 attachments", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn upload_proposal_attachment(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProposalId>,
    form: Result<Multipart, MultipartRejection>,
) -> ApiResult<Response> {
    upload_to(&state, &actor, AttachmentParent::Proposal(id), form).await
}

/// Receives the form's file for `parent`, once the actor may upload to it.
async fn upload_to(
    state: &AppState,
    actor: &grants_app::Actor,
    parent: AttachmentParent,
    form: Result<Multipart, MultipartRejection>,
) -> ApiResult<Response> {
    // Who may upload is settled before a byte of the file is read.
    let upload = attachments::begin_upload(&state.app, actor, parent).await?;
    let mut form = form.map_err(|_| ApiError::UnsupportedMediaType(UPLOAD_FORM))?;
    // Fields before the file (none are needed) are skipped.
    let file = loop {
        match form.next_field().await.map_err(|e| unreadable(&e))? {
            Some(field) if field.name() == Some(FILE_FIELD) => break FormFile(field),
            Some(_) => {}
            None => return Err(no_file().into()),
        }
    };
    Ok(uploaded(upload.receive(file).await?))
}

/// Attach a file to your report (photos of the new service, an attendance
/// sheet, receipts) while it is open for writing: the same form, types and
/// limits as a proposal's attachments.
#[utoipa::path(
    post,
    path = "/reports/{id}/attachments",
    tag = "reports",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = REPORT_ID)),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Attached", body = AttachmentView),
        (status = 200, description = "The report already has this very file", body = AttachmentView),
        ActionErrors,
        UploadErrors,
        (status = 403, description = "Not your report", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The report is handed in or closed, or has 20 attachments", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn upload_report_attachment(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ReportId>,
    form: Result<Multipart, MultipartRejection>,
) -> ApiResult<Response> {
    upload_to(&state, &actor, AttachmentParent::Report(id), form).await
}

/// Attach a file to a conversation you are part of (a letter of support, a
/// bank statement): the same form, types and limits as a proposal's
/// attachments. Everyone in the conversation's audience may download it;
/// only you may remove it.
#[utoipa::path(
    post,
    path = "/threads/{id}/attachments",
    tag = "conversations",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = THREAD_ID)),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Attached", body = AttachmentView),
        (status = 200, description = "The conversation already has this very file", body = AttachmentView),
        ReadErrors,
        UploadErrors,
        (status = 409, description = "The conversation has 20 attachments", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn upload_thread_attachment(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ThreadId>,
    form: Result<Multipart, MultipartRejection>,
) -> ApiResult<Response> {
    upload_to(&state, &actor, AttachmentParent::Thread(id), form).await
}

handlers! {
    fn thread_routes(), tag = "conversations";

    /// The files attached to a conversation you are part of, oldest first.
    get "/threads/{id}/attachments",
    fn list_thread_attachments(id: IdPath<ThreadId> = THREAD_ID) -> Json<Vec<AttachmentView>>,
        [ReadErrors] = attachments::list(AttachmentParent::Thread(id));
}

handlers! {
    fn report_routes(), tag = "reports";

    /// The attachments of a report you may see, oldest first.
    get "/reports/{id}/attachments",
    fn list_report_attachments(id: IdPath<ReportId> = REPORT_ID) -> Json<Vec<AttachmentView>>,
        [ReadErrors] = attachments::list(AttachmentParent::Report(id));
}

handlers! {
    fn proposal_routes(), tag = "proposals", also = [download_attachment];

    /// The attachments of a proposal you may see, oldest first.
    get "/proposals/{id}/attachments",
    fn list_proposal_attachments(id: IdPath<ProposalId> = PROPOSAL_ID) -> Json<Vec<AttachmentView>>,
        [ReadErrors] = attachments::list(AttachmentParent::Proposal(id));

    /// One attachment's details, for whoever may see what it is attached to.
    get "/attachments/{id}",
    fn get_attachment(id: IdPath<AttachmentId> = ATTACHMENT_ID) -> Json<AttachmentView>,
        [ReadErrors] = attachments::get(id);

    /// Remove an attachment from your proposal while it is a draft or returned
    /// for changes. The file itself goes once nothing else is attached with
    /// the same content.
    delete "/attachments/{id}",
    fn delete_attachment(id: IdPath<AttachmentId> = ATTACHMENT_ID) -> NoContent("Removed"),
        [
            ActionErrors,
            (status = 403, description = "Not your proposal", body = Problem, content_type = "application/problem+json"),
            (status = 409, description = "The proposal is not editable now", body = Problem, content_type = "application/problem+json"),
        ] = attachments::delete(id);
}

/// Download an attachment: its bytes, with the type found on upload and its
/// name, for whoever may see what it is attached to.
#[utoipa::path(
    get,
    path = "/attachments/{id}/content",
    tag = "proposals",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = ATTACHMENT_ID)),
    responses(
        (status = 200, description = "The file, as an attachment (Content-Disposition) with its type and length; the document lists every type it can have", content_type = "application/octet-stream", body = Vec<u8>),
        ReadErrors,
    )
)]
async fn download_attachment(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<AttachmentId>,
) -> ApiResult<Response> {
    Ok(download(attachments::open(&state.app, &actor, id).await?))
}

/// A form without a file.
fn no_file() -> AppError {
    AppError::Validation(ValidationErrors::single(
        FILE_FIELD,
        "required",
        format!("send the file as {UPLOAD_FORM}"),
    ))
}

/// The file field of an upload, read a piece at a time.
struct FormFile<'a>(Field<'a>);

impl IncomingFile for FormFile<'_> {
    type Chunk = Bytes;

    fn file_name(&self) -> Option<&str> {
        self.0.file_name()
    }

    fn declared_type(&self) -> Option<&str> {
        self.0.content_type()
    }

    async fn next_chunk(&mut self) -> AppResult<Option<Bytes>> {
        self.0.chunk().await.map_err(|err| unreadable(&err))
    }
}

/// A body that broke off, was malformed, or passed the request's cap.
fn unreadable(err: &MultipartError) -> AppError {
    if err.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::FileRefused(FileRefusal::TooLarge {
            limit: LARGEST_LIMIT_BYTES,
        })
    } else {
        AppError::Unreadable(err.body_text())
    }
}

/// 201 with the new attachment and its location, or 200 with the one the
/// parent already had.
fn uploaded(uploaded: Uploaded) -> Response {
    let status = if uploaded.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let location = format!("/attachments/{}", uploaded.attachment.id);
    let mut response = (status, axum::Json(uploaded.attachment)).into_response();
    if let Ok(location) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

/// The file streamed from disk, offered for download under its name.
fn download(content: AttachmentContent) -> Response {
    let AttachmentContent {
        attachment,
        served_as,
        file,
    } = content;
    let stream = tokio_util::io::ReaderStream::with_capacity(file, DOWNLOAD_PIECE);
    let mut response = Body::from_stream(stream).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(served_as));
    headers.insert(
        header::CONTENT_LENGTH,
        HeaderValue::from(attachment.size_bytes),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    if let Ok(disposition) = HeaderValue::from_str(&attachment.file_name.content_disposition()) {
        headers.insert(header::CONTENT_DISPOSITION, disposition);
    }
    response
}
