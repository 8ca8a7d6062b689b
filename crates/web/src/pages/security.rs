//! Sign-in security: two-step sign-in set up (a QR code, then a first code
//! confirms it and the recovery codes are shown once), and turned off
//! with a current code.

use std::collections::BTreeMap;

use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use grants_app::AppError;
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
}

/// A form that sends a code.
#[derive(Debug, Deserialize)]
pub(crate) struct CodeForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    code: String,
}

/// The page as it stands, perhaps with what was wrong with a code.
async fn page(
    state: &crate::WebState,
    viewer: &Viewer,
    refused: Option<AppError>,
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
    };
    Ok(render_status(
        code,
        viewer,
        "second_factor",
        "second-factor-title",
        shown,
    ))
}

/// The person's two-step sign-in: its state, or its set-up under way.
pub(crate) async fn show(Visit(state, viewer): Visit) -> Result<Response, PageError> {
    page(&state, &viewer, None).await
}

/// Starts setting up: a new key and QR code, shown by the page.
pub(crate) async fn enrol(
    Visit(state, viewer): Visit,
    Form(form): Form<CodeForm>,
) -> Result<Response, PageError> {
    let actor = viewer.signed_in(HERE)?;
    viewer.check_form(&form.csrf)?;
    match second_factor::begin_enrolment(&state.app, actor).await {
        Ok(_) => Ok(Redirect::to(HERE).into_response()),
        Err(error) => page(&state, &viewer, Some(error)).await,
    }
}

/// Confirms the set-up with a first code: the recovery codes, shown once.
pub(crate) async fn confirm(
    Visit(state, viewer): Visit,
    Form(form): Form<CodeForm>,
) -> Result<Response, PageError> {
    let actor = viewer.signed_in(HERE)?;
    viewer.check_form(&form.csrf)?;
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
            };
            Ok(render(
                &viewer,
                "second_factor",
                "second-factor-title",
                shown,
            ))
        }
        Err(error) => page(&state, &viewer, Some(error)).await,
    }
}

/// A fresh code for this session, from a page that needs one (the users
/// page, before changing roles): back to that page.
#[derive(Debug, Deserialize)]
pub(crate) struct StepUpForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    next: String,
}

/// Proves the second factor afresh, then goes back where the person was.
pub(crate) async fn step_up(
    Visit(state, viewer): Visit,
    Form(form): Form<StepUpForm>,
) -> Result<Response, PageError> {
    let actor = viewer.signed_in(HERE)?;
    viewer.check_form(&form.csrf)?;
    let input = CodeInput { code: form.code };
    match second_factor::step_up(&state.app, actor, input).await {
        Ok(_) => {
            // Only a page of ours.
            let back = if form.next.starts_with("/app/") && !form.next.starts_with("//") {
                form.next
            } else {
                HERE.to_owned()
            };
            Ok(Redirect::to(&back).into_response())
        }
        Err(error) => page(&state, &viewer, Some(error)).await,
    }
}

/// Turns two-step sign-in off with a current code.
pub(crate) async fn disable(
    Visit(state, viewer): Visit,
    Form(form): Form<CodeForm>,
) -> Result<Response, PageError> {
    let actor = viewer.signed_in(HERE)?;
    viewer.check_form(&form.csrf)?;
    let input = CodeInput { code: form.code };
    match second_factor::disable(&state.app, actor, input).await {
        Ok(()) => Ok(Redirect::to(HERE).into_response()),
        Err(error) => page(&state, &viewer, Some(error)).await,
    }
}
