//! The form's handlers: show it blank or filled in, save it as a new
//! programme or over an existing one, and archive or restore a programme.

use std::collections::BTreeMap;

use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use grants_app::programmes::{self, ProgrammeUpdate, ProgrammeView};
use grants_app::{Actor, AppError};
use grants_domain::{ProgrammeId, ValidationErrors};

use super::form::Typed;
use super::page::{Existing, render_setup, setup_page};
use super::stale::{fingerprint, what_changed};
use super::{LIST, NEW, t};
use crate::pages::{OrPage, StepForm, Visit, parse_id};
use crate::session::Viewer;
use crate::{PageError, WebState, status_of};

/// The form as sent: every field by name, all text, so that nothing typed
/// is refused before the page can show it beside its field.
pub(super) type SentForm = BTreeMap<String, String>;

fn csrf(form: &SentForm) -> &str {
    form.get("_csrf").map(String::as_str).unwrap_or_default()
}

pub(crate) async fn new_form(viewer: Viewer) -> Result<Response, PageError> {
    let actor = viewer.signed_in(NEW)?;
    programmes::may_create(actor).or_page(&viewer)?;
    let page = setup_page(&viewer, &Typed::blank(viewer.locale), None, Vec::new());
    Ok(render_setup(StatusCode::OK, &viewer, page))
}

pub(crate) async fn create(
    Visit(state, viewer): Visit,
    Form(form): Form<SentForm>,
) -> Result<Response, PageError> {
    let actor = viewer.signed_in(NEW)?;
    viewer.check_form(csrf(&form))?;
    programmes::may_create(actor).or_page(&viewer)?;
    let typed = Typed::from_form(&form);
    if form.contains_key("add_language") {
        let page = setup_page(&viewer, &typed, None, Vec::new());
        return Ok(render_setup(StatusCode::OK, &viewer, page));
    }
    let reading = typed.read(viewer.locale);
    let outcome = if reading.problems.is_empty() {
        programmes::create(&state.app, actor, reading.input.clone())
            .await
            .map_err(|e| reading.quieten(e))
    } else {
        Err(AppError::Validation(reading.all_problems()))
    };
    let error = match outcome {
        Ok(created) => {
            let saved = format!("{LIST}/{}/setup?saved", created.id);
            return Ok(Redirect::to(&saved).into_response());
        }
        Err(error) => viewer.refusal_unless_forbidden(error)?,
    };
    let status = status_of(&error);
    let (problems, general) = refusal(&viewer, error);
    let page = setup_page(&viewer, &typed, Some(&problems), general);
    Ok(render_setup(status, &viewer, page))
}

/// The programme behind a setup address, for a manager; 403 for anyone
/// else, as the API answers, and 404 for one that does not exist.
async fn programme_to_set_up(
    state: &WebState,
    viewer: &Viewer,
    actor: &Actor,
    raw: &str,
) -> Result<ProgrammeView, PageError> {
    let id: ProgrammeId = parse_id(raw, viewer, "programme")?;
    programmes::for_setup(&state.app, actor, id)
        .await
        .or_page(viewer)
}

pub(crate) async fn edit_form(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Query(flags): Query<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let here = format!("{LIST}/{raw}/setup");
    let actor = viewer.signed_in(&here)?;
    let programme = programme_to_set_up(&state, &viewer, actor, &raw).await?;
    let existing = Existing {
        view: &programme,
        viewer_locale: viewer.locale,
    };
    let typed = Typed::from_spec(&programme.spec);
    let mut page = setup_page(&viewer, &typed, None, Vec::new()).of(
        &existing,
        programme.revision,
        fingerprint(&programme.spec),
    );
    page.saved = flags.contains_key("saved");
    page.archived_now = flags.contains_key("archived");
    page.restored = flags.contains_key("restored");
    Ok(render_setup(StatusCode::OK, &viewer, page))
}

pub(crate) async fn update(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Form(form): Form<SentForm>,
) -> Result<Response, PageError> {
    let here = format!("{LIST}/{raw}/setup");
    let actor = viewer.signed_in(&here)?;
    viewer.check_form(csrf(&form))?;
    let current = programme_to_set_up(&state, &viewer, actor, &raw).await?;
    let existing = Existing {
        view: &current,
        viewer_locale: viewer.locale,
    };
    let typed = Typed::from_form(&form);
    let revision = form
        .get("revision")
        .and_then(|r| r.trim().parse::<i64>().ok());
    let seen = form.get("seen").cloned().unwrap_or_default();
    if form.contains_key("add_language") {
        let page = setup_page(&viewer, &typed, None, Vec::new()).of(
            &existing,
            revision.unwrap_or(current.revision),
            seen,
        );
        return Ok(render_setup(StatusCode::OK, &viewer, page));
    }
    let reading = typed.read(viewer.locale);
    let outcome = if reading.problems.is_empty() {
        let update = ProgrammeUpdate {
            revision,
            changes: reading.input.clone(),
        };
        programmes::update(&state.app, actor, current.id, update, None)
            .await
            .map(|_| ())
            .map_err(|e| reading.quieten(e))
    } else {
        Err(AppError::Validation(reading.all_problems()))
    };
    let error = match outcome {
        Ok(()) => return Ok(Redirect::to(&format!("{here}?saved")).into_response()),
        Err(error) => viewer.refusal_unless_forbidden(error)?,
    };
    let status = status_of(&error);
    // Someone saved meanwhile: say what they changed, keep what was
    // typed, and let a second save knowingly replace their version.
    if let AppError::StaleRevision { .. } = error {
        let changed = what_changed(&viewer, &seen, &current.spec);
        let mut page = setup_page(&viewer, &typed, None, Vec::new()).of(
            &existing,
            current.revision,
            fingerprint(&current.spec),
        );
        page.stale = Some(changed);
        return Ok(render_setup(status, &viewer, page));
    }
    let (problems, general) = refusal(&viewer, error);
    let page = setup_page(&viewer, &typed, Some(&problems), general).of(
        &existing,
        revision.unwrap_or(current.revision),
        seen,
    );
    Ok(render_setup(status, &viewer, page))
}

/// Archives a programme (it leaves the lists until restored), or restores it.
pub(crate) async fn set_archived(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Form(form): Form<StepForm>,
    archived: bool,
) -> Result<Response, PageError> {
    let here = format!("{LIST}/{raw}/setup");
    let (actor, id) = viewer.sent_to(&here, &form.csrf, &raw, "programme")?;
    programmes::set_archived(&state.app, actor, id, archived, form.revision)
        .await
        .or_page(&viewer)?;
    let flag = if archived { "archived" } else { "restored" };
    Ok(Redirect::to(&format!("{here}?{flag}")).into_response())
}

/// The problems of a refused save, for the page: by field, or in general.
pub(super) fn refusal(viewer: &Viewer, error: AppError) -> (ValidationErrors, Vec<String>) {
    match error {
        AppError::Validation(found) => (found, Vec::new()),
        AppError::Duplicate { field: "code" } => (
            ValidationErrors::single("code", "duplicate", t(viewer.locale, "code-taken")),
            Vec::new(),
        ),
        other => (
            ValidationErrors::default(),
            vec![crate::workflow_text::failure(viewer.locale, &other)],
        ),
    }
}
