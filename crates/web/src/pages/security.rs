//! Sign-in security: two-step sign-in set up (a QR code, then a first code
//! confirms it and the recovery codes are shown once), and turned off
//! with a current code; changing the password; the way to the sessions.

use std::collections::BTreeMap;

use axum::extract::Query;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use grants_app::AppError;
use grants_app::account::{self, ChangePasswordInput};
use grants_app::second_factor::{self, CodeInput, Enrolment, SecondFactorView};
use serde::{Deserialize, Serialize};

use super::{OrPage, Visit, render, render_status};
use crate::PageError;
use crate::session::Viewer;

/// The page's address.
pub(crate) const HERE: &str = "/app/me/second-factor";

#[derive(Debug, Serialize)]
struct SecondFactorPage {
    status: SecondFactorView,
    /// A started enrolment: its QR code and key.
    enrolment: Option<Enrolment>,
    /// Recovery codes, right after the second factor was turned on.
    codes: Vec<String>,
    /// What was wrong with the code typed.
    errors: BTreeMap<String, String>,
    error: Option<String>,
    /// The password was just changed, ending this many other sessions.
    password_changed: Option<super::Count>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct ShowQuery {
    password_changed: Option<u64>,
}

/// The password form: the current password and the new one.
#[derive(Debug, Deserialize)]
pub(crate) struct PasswordForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

/// A form of this page: a code, perhaps, and where to go back to.
#[derive(Debug, Deserialize)]
pub(crate) struct CodeForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    next: String,
}

/// The page as it stands, perhaps with what was wrong with a code.
async fn page(
    state: &crate::WebState,
    viewer: &Viewer,
    refused: Option<AppError>,
    password_changed: Option<u64>,
) -> Result<Response, PageError> {
    let actor = viewer.signed_in(HERE)?;
    let status = second_factor::status(&state.app, actor)
        .await
        .or_page(viewer)?;
    let enrolment = second_factor::pending(&state.app, actor)
        .await
        .or_page(viewer)?;
    let (mut errors, mut error) = (BTreeMap::new(), None);
    let code = match &refused {
        Some(AppError::Validation(problems)) => {
            for problem in problems.fields() {
                errors.insert(
                    problem.field.clone(),
                    grants_i18n::errors::field_message(viewer.locale, problem),
                );
            }
            axum::http::StatusCode::UNPROCESSABLE_ENTITY
        }
        Some(other) => {
            error = Some(grants_i18n::errors::detail(viewer.locale, other));
            crate::status_of(other)
        }
        None => axum::http::StatusCode::OK,
    };
    let shown = SecondFactorPage {
        status,
        enrolment,
        codes: Vec::new(),
        errors,
        error,
        password_changed: password_changed.map(super::Count::from),
    };
    Ok(render_status(
        code,
        viewer,
        "second_factor",
        "nav-security",
        shown,
    ))
}

/// The person's two-step sign-in: its state, or its set-up under way.
pub(crate) async fn show(
    Visit(state, viewer): Visit,
    Query(query): Query<ShowQuery>,
) -> Result<Response, PageError> {
    page(&state, &viewer, None, query.password_changed).await
}

/// On to `to` once `done`, or this page again with why it was refused.
async fn then(
    state: &crate::WebState,
    viewer: &Viewer,
    done: grants_app::AppResult<()>,
    to: &str,
) -> Result<Response, PageError> {
    match done {
        Ok(()) => Ok(Redirect::to(to).into_response()),
        Err(error) => page(state, viewer, Some(error), None).await,
    }
}

/// Starts setting up: a new key and QR code, shown by the page.
pub(crate) async fn enrol(
    Visit(state, viewer): Visit,
    Form(form): Form<CodeForm>,
) -> Result<Response, PageError> {
    let actor = viewer.sent(HERE, &form.csrf)?;
    let done = second_factor::begin_enrolment(&state.app, actor).await;
    then(&state, &viewer, done.map(drop), HERE).await
}

/// Confirms the set-up with a first code: the recovery codes, shown once.
pub(crate) async fn confirm(
    Visit(state, viewer): Visit,
    Form(form): Form<CodeForm>,
) -> Result<Response, PageError> {
    let actor = viewer.sent(HERE, &form.csrf)?;
    let input = CodeInput { code: form.code };
    match second_factor::confirm_enrolment(&state.app, actor, input).await {
        Ok(codes) => {
            let status = second_factor::status(&state.app, actor)
                .await
                .or_page(&viewer)?;
            let shown = SecondFactorPage {
                status,
                enrolment: None,
                codes: codes.codes,
                errors: BTreeMap::new(),
                error: None,
                password_changed: None,
            };
            Ok(render(&viewer, "second_factor", "nav-security", shown))
        }
        Err(error) => page(&state, &viewer, Some(error), None).await,
    }
}

/// Proves the second factor afresh for this session, from a page that
/// needs it (the users page, before changing roles), then goes back there.
pub(crate) async fn step_up(
    Visit(state, viewer): Visit,
    Form(form): Form<CodeForm>,
) -> Result<Response, PageError> {
    let actor = viewer.sent(HERE, &form.csrf)?;
    // Only a page of ours.
    let back = Some(form.next.clone())
        .filter(|next| next.starts_with("/app/") && !next.starts_with("//"))
        .unwrap_or_else(|| HERE.to_owned());
    let input = CodeInput { code: form.code };
    let done = second_factor::step_up(&state.app, actor, input).await;
    then(&state, &viewer, done.map(drop), &back).await
}

/// Turns two-step sign-in off with a current code.
pub(crate) async fn disable(
    Visit(state, viewer): Visit,
    Form(form): Form<CodeForm>,
) -> Result<Response, PageError> {
    let actor = viewer.sent(HERE, &form.csrf)?;
    let input = CodeInput { code: form.code };
    let done = second_factor::disable(&state.app, actor, input).await;
    then(&state, &viewer, done, HERE).await
}

/// Changes the password with the current one; the other sessions end.
pub(crate) async fn change_password(
    Visit(state, viewer): Visit,
    Form(form): Form<PasswordForm>,
) -> Result<Response, PageError> {
    let actor = viewer.sent(HERE, &form.csrf)?;
    let input = ChangePasswordInput {
        current_password: form.current_password.into(),
        new_password: form.new_password.into(),
    };
    match account::change_password(&state.app, actor, input).await {
        Ok(done) => {
            Ok(Redirect::to(&format!("{HERE}?password_changed={}", done.ended)).into_response())
        }
        Err(error) => page(&state, &viewer, Some(error), None).await,
    }
}

/// Everything held about the person, as a zip download.
pub(crate) async fn export(Visit(state, viewer): Visit) -> Result<Response, PageError> {
    let actor = viewer.signed_in(HERE)?;
    let bytes = grants_app::personal_data::archive(&state.app, actor)
        .await
        .or_page(&viewer)?;
    let name = grants_app::personal_data::file_name(chrono::Utc::now());
    let disposition = format!("attachment; filename=\"{name}\"");
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "application/zip".to_owned(),
            ),
            (axum::http::header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}
