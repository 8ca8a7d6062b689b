//! The pages, by what people do: sign in, the home page, proposals, review
//! assignments, administration. Each handler parses, calls one use case of
//! `grants_app` and renders; permission checks are the use cases' own.

mod account;
mod admin;
mod assignments;
mod attachments;
mod bank;
mod conflicts;
mod conversations;
mod draft;
mod erasure;
mod exports;
mod forms;
mod funding_line;
mod grants;
mod jury;
mod jury_members;
mod ledger;
mod programmes;
mod proposals;
mod reads;
mod register;
mod reports;
mod review;
mod security;
mod sessions;
mod showcase;
mod sign_in_providers;
mod steps;
mod teams;
mod users;
mod workflows;

use std::convert::Infallible;

use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use grants_app::{Actor, AppError, AppResult, PageRequest};
use grants_domain::programme::ProgrammeSpec;
use grants_domain::{Locale, ProgrammeId};

use self::attachments::On;
use self::users::Change;
use crate::session::Viewer;
use crate::{PageError, WebState, views};

pub(crate) fn routes() -> Router<WebState> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/app") }))
        .route("/app", get(account::home))
        .route("/app/app.css", get(stylesheet))
        .route("/app/app.js", get(script))
        // Any other address under /app is a page that does not exist.
        .route("/app/{*rest}", axum::routing::any(no_such_page))
        .route("/app/login", get(account::login_form).post(account::login))
        .route("/app/logout", post(account::logout))
        .route("/app/login/code", post(account::login_code))
        .route("/app/login/oidc/{name}", get(sign_in_providers::start))
        .route(
            "/app/login/oidc/{name}/callback",
            get(sign_in_providers::callback),
        )
        .route(security::HERE, get(security::show))
        .route("/app/me/second-factor/enrol", post(security::enrol))
        .route("/app/me/second-factor/confirm", post(security::confirm))
        .route("/app/me/second-factor/disable", post(security::disable))
        .route("/app/me/second-factor/step-up", post(security::step_up))
        .route("/app/me/password", post(security::change_password))
        .route("/app/me/export", get(security::export))
        .route(sessions::HERE, get(sessions::show))
        .route("/app/me/sessions/{id}/end", post(sessions::end))
        .route("/app/me/sessions/end-others", post(sessions::end_others))
        .route(
            "/app/register",
            get(register::register_form).post(register::register),
        )
        .route("/app/verify-email", get(register::verify))
        .route(
            "/app/reset-password",
            get(register::reset_form).post(register::reset),
        )
        .route("/app/language", post(account::language))
        .route("/app/proposals", get(proposals::list))
        .route(
            "/app/proposals/new",
            get(draft::new_form).post(draft::create),
        )
        .route("/app/proposals/{id}", get(proposals::show))
        .route("/app/proposals/{id}/dossier.pdf", get(proposals::dossier))
        .route("/app/proposals/{id}/bid", post(proposals::bid))
        .route(
            "/app/proposals/{id}/conflict",
            post(proposals::declare_conflict),
        )
        .route("/app/admin", get(admin::show))
        .route("/app/admin/outbox", get(admin::outbox))
        .route(reads::HERE, get(reads::show))
        .route("/app/admin/outbox/{id}/retry", post(admin::retry))
        .route("/app/admin/outbox/{id}/cancel", post(admin::cancel))
        .route("/app/admin/users", get(users::list))
        .route(
            "/app/admin/users/{id}/roles",
            post(|visit, id, form| users::change(visit, id, form, Change::Grant)),
        )
        .route(
            "/app/admin/users/{id}/roles/remove",
            post(|visit, id, form| users::change(visit, id, form, Change::Remove)),
        )
        .route(
            "/app/admin/users/{id}/sessions/end",
            post(users::end_sessions),
        )
        .route(
            "/app/admin/users/{id}/erasure",
            get(erasure::show).post(erasure::erase),
        )
        .route(
            "/app/admin/users/{id}/active",
            post(|visit, id, form| users::change(visit, id, form, Change::Activate)),
        )
        .route("/app/admin/workflows", get(workflows::list))
        .route(
            "/app/proposals/{id}/edit",
            get(draft::edit_form).post(draft::update),
        )
        .route(
            "/app/proposals/{id}/transitions/{name}",
            post(steps::take::<grants_app::proposals::Proposal>),
        )
        .route("/app/assignments", get(assignments::list))
        .route(
            "/app/assignments/{id}",
            get(review::show).post(review::save),
        )
        .route("/app/assignments/{id}/{answer}", post(review::answer))
        .route("/app/programmes", get(programmes::list))
        .route(
            "/app/programmes/new",
            get(programmes::new_form).post(programmes::create),
        )
        .route(
            "/app/programmes/{id}/setup",
            get(programmes::edit_form).post(programmes::update),
        )
        .route(
            "/app/programmes/{id}/archive",
            post(|visit, id, form| programmes::set_archived(visit, id, form, true)),
        )
        .route(
            "/app/programmes/{id}/restore",
            post(|visit, id, form| programmes::set_archived(visit, id, form, false)),
        )
        .route(
            "/app/programmes/{id}/assignment",
            get(jury::assignment).post(jury::commit),
        )
        .route(
            "/app/programmes/{id}/jury",
            get(jury_members::show).post(jury_members::add),
        )
        .route(
            "/app/programmes/{id}/jury/{reviewer}",
            get(jury_members::profile).post(jury_members::save),
        )
        .route(
            "/app/proposals/{id}/conflicts",
            get(conflicts::show).post(conflicts::declare),
        )
        .route("/app/proposals/{id}/conflicts/lift", post(conflicts::lift))
        .route("/app/programmes/{id}/ranking", get(jury::ranking))
        .route("/app/programmes/{id}/funding", get(jury::funding))
        .route(
            "/app/programmes/{id}/funding/letters",
            get(funding_line::letters),
        )
        .route(
            "/app/programmes/{id}/funding/apply",
            post(funding_line::apply),
        )
        .route("/app/proposals/{id}/decision", post(proposals::decide))
        .merge(exports::routes())
        .route("/app/grants", get(grants::list))
        .route("/app/grants/{id}", get(grants::show))
        .route("/app/grants/{id}/dossier.pdf", get(grants::dossier))
        .route("/app/grants/{id}/bank-details", post(bank::enter))
        .route("/app/grants/{id}/showcase-consent", post(showcase::give))
        .route(
            "/app/grants/{id}/showcase-consent/withdraw",
            post(showcase::withdraw),
        )
        .route("/app/proposals/{id}/team", get(teams::show))
        .route("/app/proposals/{id}/team/invitations", post(teams::invite))
        .route(
            "/app/proposals/{id}/team/invitations/{other}/withdraw",
            post(teams::withdraw),
        )
        .route(
            "/app/proposals/{id}/team/members/{other}/role",
            post(teams::set_role),
        )
        .route(
            "/app/proposals/{id}/team/members/{other}/remove",
            post(teams::remove),
        )
        .route(
            "/app/proposals/{id}/team/members/{other}/lead",
            post(teams::hand_over),
        )
        .route(
            "/app/invitations/{token}",
            get(teams::landing).post(teams::accept),
        )
        .route(
            "/app/proposals/{id}/threads/new",
            get(conversations::new_on_proposal),
        )
        .route(
            "/app/proposals/{id}/threads",
            post(conversations::start_on_proposal),
        )
        .route(
            "/app/grants/{id}/threads/new",
            get(conversations::new_on_grant),
        )
        .route(
            "/app/grants/{id}/threads",
            post(conversations::start_on_grant),
        )
        .route(
            "/app/reports/{id}/threads/new",
            get(conversations::new_on_report),
        )
        .route(
            "/app/reports/{id}/threads",
            post(conversations::start_on_report),
        )
        .route("/app/threads/{id}", get(conversations::show))
        .route("/app/threads/{id}/messages", post(conversations::post))
        .route(
            "/app/threads/{id}/attachments",
            post(|visit, id, form| attachments::upload(visit, id, form, On::Thread)),
        )
        .route("/app/showcase", get(showcase::index))
        .route("/app/showcase/{code}", get(showcase::programme))
        .route("/app/grants/{id}/bank-details/confirm", post(bank::confirm))
        .route("/app/grants/{id}/bank-details/reject", post(bank::reject))
        .route(
            "/app/grants/{id}/transitions/{name}",
            post(steps::take::<grants_app::grants::Grant>),
        )
        .route(
            "/app/tranches/{id}/transitions/{name}",
            post(steps::take::<grants_app::tranches::Tranche>),
        )
        .route("/app/programmes/{id}/ledger", get(ledger::show))
        .route("/app/reports", get(reports::list))
        .route("/app/reports/{id}", get(reports::show).post(reports::save))
        .route(
            "/app/reports/{id}/transitions/{name}",
            post(steps::take::<grants_app::reports::Report>),
        )
        .route("/app/reports/{id}/due-date", post(reports::move_due_date))
        .route("/app/programmes/{id}/impact", get(reports::impact))
        .route(
            "/app/proposals/{id}/attachments/{attachment}/delete",
            post(|visit, ids, form| attachments::remove(visit, ids, form, On::Proposal)),
        )
        .route(
            "/app/reports/{id}/attachments/{attachment}/delete",
            post(|visit, ids, form| attachments::remove(visit, ids, form, On::Report)),
        )
        .route("/app/attachments/{id}/content", get(attachments::download))
}

/// The forms that upload files, which stream up to the upload limits
/// rather than the ordinary ones.
pub(crate) fn upload_routes() -> Router<WebState> {
    Router::new()
        .route(
            "/app/proposals/{id}/attachments",
            post(|visit, id, form| attachments::upload(visit, id, form, On::Proposal)),
        )
        .route(
            "/app/reports/{id}/attachments",
            post(|visit, id, form| attachments::upload(visit, id, form, On::Report)),
        )
}

/// Whether a page offers a workflow step as a button: the viewer may take
/// it now, or could once what blocks it changes (shown disabled, with the
/// reason). Steps only other people may take are left out.
fn offered(step: &grants_app::steps::TransitionView) -> bool {
    step.allowed || step.blocked_by.iter().all(|r| r.kind != "not_permitted")
}

/// An address under `/app` that is no page: the error page, in the reader's language.
async fn no_such_page(viewer: Viewer) -> PageError {
    viewer.error_page(AppError::NotFound("page"))
}

async fn stylesheet() -> Response {
    (
        [
            (axum::http::header::CONTENT_TYPE, "text/css; charset=utf-8"),
            // The same for everyone; pages themselves are never kept.
            (axum::http::header::CACHE_CONTROL, "public, max-age=300"),
        ],
        include_str!("../../static/app.css"),
    )
        .into_response()
}

/// The most a form's body may weigh here; attachments come another way.
const FORM_LIMIT: usize = 2 * 1024 * 1024;

/// Refuses a form that carries the NUL character (PostgreSQL stores none,
/// and no text of the service needs one) with the page's error, before any
/// use case reads it.
pub(crate) async fn refuse_nul(
    axum::extract::State(state): axum::extract::State<WebState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    use axum::extract::FromRequestParts;
    let is_form = request
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return next.run(request).await;
    }
    let (mut parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, FORM_LIMIT).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    if bytes.windows(3).any(|w| w.eq_ignore_ascii_case(b"%00")) || bytes.contains(&0) {
        let Ok(viewer) = Viewer::from_request_parts(&mut parts, &state).await;
        let error = grants_domain::ValidationErrors::single(
            "form",
            "invalid_characters",
            "a text cannot hold the NUL character",
        );
        return viewer.error_page(error.into()).into_response();
    }
    next.run(axum::extract::Request::from_parts(
        parts,
        axum::body::Body::from(bytes),
    ))
    .await
}

/// The pages' one script: character counters (the pages work without it).
async fn script() -> Response {
    (
        [
            (
                axum::http::header::CONTENT_TYPE,
                "text/javascript; charset=utf-8",
            ),
            (axum::http::header::CACHE_CONTROL, "public, max-age=300"),
        ],
        include_str!("../../static/app.js"),
    )
        .into_response()
}

/// A workflow step's form: the session's CSRF token, the revision acted on,
/// and a comment for the steps that take one.
#[derive(Debug, serde::Deserialize)]
pub(crate) struct StepForm {
    #[serde(rename = "_csrf", default)]
    pub(crate) csrf: String,
    pub(crate) revision: Option<i64>,
    pub(crate) comment: Option<String>,
    /// The box that shares a staff remark with the applicant, when ticked.
    #[serde(default)]
    pub(crate) share_comment: Option<String>,
    /// A fresh code from the authenticator app, for a step that needs one.
    #[serde(default)]
    pub(crate) second_factor_code: Option<String>,
}

impl StepForm {
    /// The comment, without surrounding blanks; `None` when nothing was written.
    pub(crate) fn comment(&self) -> Option<String> {
        self.comment
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
    }
}

pub(crate) use grants_i18n::proposal::history_action;

/// Renders a page for the viewer.
pub(crate) fn render<T: serde::Serialize>(
    viewer: &Viewer,
    name: &str,
    title_key: &str,
    page: T,
) -> Response {
    render_status(StatusCode::OK, viewer, name, title_key, page)
}

/// Renders a page with another status (a form sent back with its errors).
pub(crate) fn render_status<T: serde::Serialize>(
    status: StatusCode,
    viewer: &Viewer,
    name: &str,
    title_key: &str,
    page: T,
) -> Response {
    match views() {
        Some(views) => views.page(status, viewer, name, title_key, page),
        None => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "the pages are not loaded",
        )
            .into_response(),
    }
}

/// What every page handler starts from: the service and who is looking,
/// one extractor for the two every page takes.
pub(crate) struct Visit(pub(crate) WebState, pub(crate) Viewer);

impl FromRequestParts<WebState> for Visit {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &WebState) -> Result<Self, Infallible> {
        let viewer = Viewer::from_request_parts(parts, state).await?;
        Ok(Visit(state.clone(), viewer))
    }
}

impl Viewer {
    /// The signed-in person, or a trip to the sign-in page and back to `here`.
    pub(crate) fn signed_in(&self, here: &str) -> Result<&Actor, PageError> {
        let actor = self.actor.as_ref().ok_or_else(|| PageError::SignIn {
            next: here.to_owned(),
        })?;
        // Whoever must have a second factor and has none sets it up first.
        if actor.second_factor.must_enrol() && !here.starts_with(security::HERE) {
            return Err(PageError::SetUpSecondFactor);
        }
        Ok(actor)
    }

    /// The signed-in person and the id in the page's address (`raw`, a
    /// `what`), in that order: someone signed out goes to sign in and back
    /// to `here` before an id that does not read is a page that does not exist.
    pub(crate) fn signed_in_to<T: From<uuid::Uuid>>(
        &self,
        here: &str,
        raw: &str,
        what: &'static str,
    ) -> Result<(&Actor, T), PageError> {
        let actor = self.signed_in(here)?;
        Ok((actor, parse_id(raw, self, what)?))
    }

    /// The signed-in person who sent a form to `here`, which must carry
    /// this session's CSRF token.
    pub(crate) fn sent(&self, here: &str, csrf: &str) -> Result<&Actor, PageError> {
        let actor = self.signed_in(here)?;
        self.check_form(csrf)?;
        Ok(actor)
    }

    /// The same for a form sent to `here` about the id `raw` (a `what`),
    /// read once the CSRF token is checked.
    pub(crate) fn sent_to<T: From<uuid::Uuid>>(
        &self,
        here: &str,
        csrf: &str,
        raw: &str,
        what: &'static str,
    ) -> Result<(&Actor, T), PageError> {
        let actor = self.sent(here, csrf)?;
        Ok((actor, parse_id(raw, self, what)?))
    }

    /// Refuses a form that lacks this session's CSRF token.
    pub(crate) fn check_form(&self, csrf: &str) -> Result<(), PageError> {
        if self.csrf_ok(csrf) {
            Ok(())
        } else {
            Err(PageError::Forged {
                viewer: Box::new(self.clone()),
            })
        }
    }

    /// The error page for `error`, in this viewer's language and frame.
    pub(crate) fn error_page(&self, error: AppError) -> PageError {
        PageError::Failed {
            viewer: Box::new(self.clone()),
            error,
        }
    }
}

/// Turns a use case's error into an error page for the viewer.
pub(crate) trait OrPage<T> {
    /// The value, or the error page.
    fn or_page(self, viewer: &Viewer) -> Result<T, PageError>;
}

impl<T> OrPage<T> for AppResult<T> {
    fn or_page(self, viewer: &Viewer) -> Result<T, PageError> {
        self.map_err(|error| viewer.error_page(error))
    }
}

/// The id in a page's path; one that is not an id is a page that does not exist.
pub(crate) fn parse_id<T: From<uuid::Uuid>>(
    raw: &str,
    viewer: &Viewer,
    what: &'static str,
) -> Result<T, PageError> {
    uuid::Uuid::parse_str(raw)
        .map(T::from)
        .map_err(|_| viewer.error_page(AppError::NotFound(what)))
}

/// A list's page from the `cursor` in its address; none, or an empty one,
/// is the first page.
pub(crate) fn page_request(cursor: Option<String>) -> PageRequest {
    PageRequest {
        cursor: cursor.filter(|c| !c.is_empty()),
        limit: None,
    }
}

/// A number a page says in words, which may be nought: a template's `if`
/// takes a bare 0 for nothing to say.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub(crate) struct Count {
    count: u64,
}

impl From<u64> for Count {
    fn from(count: u64) -> Count {
        Count { count }
    }
}

/// A form that sends nothing but the session's CSRF token: a button.
#[derive(Debug, serde::Deserialize)]
pub(crate) struct CsrfForm {
    #[serde(rename = "_csrf", default)]
    pub(crate) csrf: String,
}

/// A form with a reason that may be left out, besides the session's CSRF
/// token: declining an assignment, declaring a conflict.
#[derive(Debug, serde::Deserialize)]
pub(crate) struct ReasonForm {
    #[serde(rename = "_csrf", default)]
    pub(crate) csrf: String,
    pub(crate) reason: Option<String>,
}

/// The address of a list: which of its pages to show.
#[derive(Debug, serde::Deserialize)]
pub(crate) struct CursorQuery {
    pub(crate) cursor: Option<String>,
}

/// The address of a page shown again after a save: what was saved.
#[derive(Debug, serde::Deserialize)]
pub(crate) struct SavedQuery {
    pub(crate) saved: Option<String>,
}

/// One option of a choice on a page (a select, or radio buttons).
#[derive(Debug, serde::Serialize)]
pub(crate) struct Choice {
    pub(crate) value: String,
    pub(crate) label: String,
    pub(crate) selected: bool,
}

/// The title of programme `id` in the viewer's language, for a page about
/// it; one the person may not see is the error page.
pub(crate) async fn programme_title(
    state: &WebState,
    viewer: &Viewer,
    actor: &Actor,
    id: ProgrammeId,
) -> Result<String, PageError> {
    let programme = grants_app::programmes::get(&state.app, actor, id)
        .await
        .or_page(viewer)?;
    let spec = &programme.spec;
    Ok(localized(&spec.title, viewer.locale, spec.default_locale))
}

pub(crate) use grants_i18n::in_language as localized;

/// A moment in the programme's time zone as the viewer writes it, e.g.
/// `12 March 2027, 17:00 (Europe/Skopje)` or `12 март 2027, 17:00 (Europe/Skopje)`.
pub(crate) fn when(
    locale: Locale,
    spec: &ProgrammeSpec,
    at: chrono::DateTime<chrono::Utc>,
) -> String {
    grants_app::Formatter::new(locale, spec.time_zone).date_time(at)
}
