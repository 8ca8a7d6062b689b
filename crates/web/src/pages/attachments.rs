//! Attachments of proposals and reports: the list on their pages, the
//! upload form and remove buttons for whoever may change them, and
//! downloads.

use axum::body::{Body, Bytes};
use axum::extract::multipart::{Field, MultipartError, MultipartRejection};
use axum::extract::{Multipart, Path};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use grants_app::attachments::{self, AttachmentContent, AttachmentParent, AttachmentView};
use grants_app::{Actor, AppError, AppResult};
use grants_domain::attachment::{FileRefusal, LARGEST_LIMIT_BYTES};
use grants_domain::programme::ProgrammeSpec;
use grants_domain::{AttachmentId, ValidationErrors};
use serde::Serialize;

use super::proposals::step_refused;
use super::{CsrfForm, OrPage, Visit, when};
use crate::session::Viewer;
use crate::{PageError, WebState};

/// The form fields: the CSRF token first, then the file.
const CSRF_FIELD: &str = "_csrf";
const FILE_FIELD: &str = "file";
/// How much of a file is read from disk at a time when it is downloaded.
const DOWNLOAD_PIECE: usize = 64 * 1024;

/// One attachment as the proposal page lists it.
#[derive(Debug, Serialize)]
pub(crate) struct AttachmentRow {
    id: String,
    file_name: String,
    size: String,
    when: String,
}

/// The attachments of a proposal or a report, for its page.
pub(crate) async fn rows(
    state: &WebState,
    viewer: &Viewer,
    actor: &Actor,
    parent: AttachmentParent,
    spec: &ProgrammeSpec,
) -> Result<Vec<AttachmentRow>, PageError> {
    let found = attachments::list(&state.app, actor, parent)
        .await
        .or_page(viewer)?;
    Ok(shown(viewer, found, spec))
}

/// Attachments already read, as the page lists them.
pub(crate) fn shown(
    viewer: &Viewer,
    found: Vec<AttachmentView>,
    spec: &ProgrammeSpec,
) -> Vec<AttachmentRow> {
    found
        .into_iter()
        .map(|a| AttachmentRow {
            id: a.id.to_string(),
            file_name: a.file_name.to_string(),
            size: size_text(a.size_bytes),
            when: when(viewer.locale, spec, a.created_at),
        })
        .collect()
}

pub(crate) use grants_i18n::proposal::size_text;

/// The page of an attachment's parent, where a refused upload or removal comes back.
fn page_of(parent: AttachmentParent) -> String {
    match parent {
        AttachmentParent::Proposal(id) => format!("/app/proposals/{id}"),
        AttachmentParent::Report(id) => format!("/app/reports/{id}"),
        AttachmentParent::Thread(id) => format!("/app/threads/{id}"),
    }
}

/// Shows the parent's page again with why the upload or removal was refused.
async fn refused(
    state: &WebState,
    viewer: &Viewer,
    actor: &Actor,
    parent: AttachmentParent,
    error: AppError,
) -> Result<Response, PageError> {
    match parent {
        AttachmentParent::Proposal(id) => step_refused(state, viewer, actor, id, error).await,
        AttachmentParent::Report(id) => {
            super::reports::refused_on_page(state, viewer, actor, id, error).await
        }
        AttachmentParent::Thread(id) => {
            super::conversations::refused_file(state, viewer, actor, id, error).await
        }
    }
}

/// What files are attached to, as the routes name it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum On {
    /// The owner's proposal, while they may change it.
    Proposal,
    /// The grantee's report, while they may write it.
    Report,
    /// A conversation the person is part of.
    Thread,
}

impl On {
    /// The proposal or report at the address with `raw`, for the person
    /// signed in: anyone else signs in first, and comes back to its page.
    fn parent<'v>(
        self,
        viewer: &'v Viewer,
        raw: &str,
    ) -> Result<(&'v Actor, AttachmentParent), PageError> {
        Ok(match self {
            On::Proposal => {
                let here = format!("/app/proposals/{raw}");
                let (actor, id) = viewer.signed_in_to(&here, raw, "proposal")?;
                (actor, AttachmentParent::Proposal(id))
            }
            On::Report => {
                let here = format!("/app/reports/{raw}");
                let (actor, id) = viewer.signed_in_to(&here, raw, "report")?;
                (actor, AttachmentParent::Report(id))
            }
            On::Thread => {
                let here = format!("/app/threads/{raw}");
                let (actor, id) = viewer.signed_in_to(&here, raw, "thread")?;
                (actor, AttachmentParent::Thread(id))
            }
        })
    }
}

/// A file arrives for the proposal or report (`on`): the form's CSRF token
/// is read first, then who may attach is checked, and only then the file
/// streams in. The page comes back with the file listed, or with why it
/// was refused.
pub(crate) async fn upload(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    form: Result<Multipart, MultipartRejection>,
    on: On,
) -> Result<Response, PageError> {
    let (actor, parent) = on.parent(&viewer, &raw)?;
    let here = page_of(parent);
    let Ok(mut form) = form else {
        return Err(PageError::Forged {
            viewer: Box::new(viewer.clone()),
        });
    };
    let csrf = match form.next_field().await {
        Ok(Some(field)) if field.name() == Some(CSRF_FIELD) => {
            field.text().await.unwrap_or_default()
        }
        _ => String::new(),
    };
    viewer.check_form(&csrf)?;
    let outcome = async {
        let upload = attachments::begin_upload(&state.app, actor, parent).await?;
        let file = loop {
            match form.next_field().await.map_err(|e| unreadable(&e))? {
                Some(field) if field.name() == Some(FILE_FIELD) => break FormFile(field),
                Some(_) => {}
                None => {
                    return Err(AppError::Validation(ValidationErrors::single(
                        FILE_FIELD,
                        "required",
                        crate::i18n::text(viewer.locale, "attachment-missing"),
                    )));
                }
            }
        };
        upload.receive(file).await
    }
    .await;
    match outcome {
        Ok(_) => Ok(Redirect::to(&format!("{here}#attachments")).into_response()),
        Err(error) => refused(&state, &viewer, actor, parent, error).await,
    }
}

/// Removes an attachment of the proposal or report (`on`), then shows its
/// page again.
pub(crate) async fn remove(
    Visit(state, viewer): Visit,
    Path((raw, raw_attachment)): Path<(String, String)>,
    Form(form): Form<CsrfForm>,
    on: On,
) -> Result<Response, PageError> {
    let (_, parent) = on.parent(&viewer, &raw)?;
    let here = page_of(parent);
    let (actor, attachment): (_, AttachmentId) =
        viewer.sent_to(&here, &form.csrf, &raw_attachment, "attachment")?;
    match attachments::delete(&state.app, actor, attachment).await {
        Ok(()) => Ok(Redirect::to(&format!("{here}#attachments")).into_response()),
        Err(error) => refused(&state, &viewer, actor, parent, error).await,
    }
}

/// Downloads an attachment: the file streamed from disk under its name.
pub(crate) async fn download(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    let here = format!("/app/attachments/{raw}/content");
    let (actor, id): (_, AttachmentId) = viewer.signed_in_to(&here, &raw, "attachment")?;
    let AttachmentContent {
        attachment,
        served_as,
        file,
    } = attachments::open(&state.app, actor, id)
        .await
        .or_page(&viewer)?;
    let stream = tokio_util::io::ReaderStream::with_capacity(file, DOWNLOAD_PIECE);
    let mut response = (StatusCode::OK, Body::from_stream(stream)).into_response();
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
    Ok(response)
}

/// The file field of the upload form, read a piece at a time.
struct FormFile<'a>(Field<'a>);

impl attachments::IncomingFile for FormFile<'_> {
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

/// A form that broke off, was malformed, or passed the upload cap.
fn unreadable(err: &MultipartError) -> AppError {
    if err.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::FileRefused(FileRefusal::TooLarge {
            limit: LARGEST_LIMIT_BYTES,
        })
    } else {
        AppError::Unreadable(err.body_text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size_text(800), "800 B");
        assert_eq!(size_text(1024), "1 KB");
        assert_eq!(size_text(12 * 1024 + 1), "13 KB");
        assert_eq!(size_text(10 * 1024 * 1024), "10 MB");
        assert_eq!(size_text(2_500_000), "2.4 MB");
    }
}
