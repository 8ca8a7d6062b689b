//! Joining and getting back in: registering as an applicant, confirming the
//! address from the emailed link, and resetting a forgotten password.
//! The forms call the same use cases as `POST /users/register` and
//! `/auth/…`; a refused field is shown beside the field.

use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::Form;
use grants_app::AppError;
use grants_app::account::{self, ResetPasswordInput, ResetRequestInput, TokenInput};
use grants_app::users::{self, RegisterInput};
use grants_domain::CountryCode;
use serde::{Deserialize, Serialize};

use super::{Visit, render, render_status};
use crate::i18n::text;
use crate::session::Viewer;
use crate::status_of;

/// Each refused field with its message, and problems not tied to a field.
#[derive(Debug, Default, Serialize)]
struct Problems {
    fields: std::collections::BTreeMap<String, String>,
    general: Vec<String>,
}

fn problems(viewer: &Viewer, error: &AppError) -> Problems {
    let mut found = Problems::default();
    match error {
        AppError::Validation(errors) => {
            for e in errors.fields() {
                found
                    .fields
                    .entry(e.field.clone())
                    .or_insert(grants_i18n::errors::field_message(viewer.locale, e));
            }
        }
        AppError::Duplicate { field } => {
            found
                .fields
                .insert((*field).to_owned(), text(viewer.locale, "email-taken"));
        }
        AppError::Internal(_) => found.general.push(text(viewer.locale, "error-internal")),
        other => found
            .general
            .push(crate::workflow_text::failure(viewer.locale, other)),
    }
    found
}

#[derive(Debug, Serialize)]
struct CountryOption {
    code: &'static str,
    /// The country's name in the reader's language.
    name: String,
    selected: bool,
}

/// The eleven countries of the network first would need a programme; any
/// ISO code is accepted, and the list offers the region's.
pub(crate) const COUNTRIES: [&str; 11] = [
    "AL", "BA", "BG", "GR", "HR", "ME", "MK", "RO", "RS", "SI", "XK",
];

#[derive(Debug, Default, Serialize)]
struct RegisterPage {
    name: String,
    email: String,
    organisation: String,
    countries: Vec<CountryOption>,
    /// The privacy notice in the reader's language, and its version.
    privacy: Option<users::PrivacyNoticeView>,
    /// The box accepting it was ticked when the form was sent.
    privacy_accepted: bool,
    problems: Problems,
    done: bool,
    /// Where to go once signed in: an invitation's page, for someone who
    /// registers to accept it.
    next: Option<String>,
    next_encoded: String,
}

/// Only a page of ours to come back to: an invitation's.
fn invitation_next(raw: Option<&str>) -> Option<String> {
    raw.filter(|n| n.starts_with("/app/invitations/") && !n.contains("//"))
        .map(str::to_owned)
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct RegisterQuery {
    email: Option<String>,
    next: Option<String>,
}

fn countries(viewer: &Viewer, selected: &str) -> Vec<CountryOption> {
    let mut shown: Vec<CountryOption> = COUNTRIES
        .iter()
        .map(|code| CountryOption {
            code,
            name: crate::i18n::country_name(viewer.locale, code),
            selected: *code == selected,
        })
        .collect();
    // In the order the reader's alphabet puts their names.
    shown.sort_by(|a, b| a.name.cmp(&b.name));
    shown
}

/// The notice in the reader's language; `None` never happens for a language
/// the pages speak, and the form then says the notice is missing.
fn privacy(viewer: &Viewer) -> Option<users::PrivacyNoticeView> {
    users::privacy_notice(Some(viewer.locale.code())).ok()
}

pub(crate) async fn register_form(viewer: Viewer, Query(query): Query<RegisterQuery>) -> Response {
    let next = invitation_next(query.next.as_deref());
    render(
        &viewer,
        "register",
        "register-title",
        RegisterPage {
            countries: countries(&viewer, ""),
            privacy: privacy(&viewer),
            email: query.email.unwrap_or_default(),
            next_encoded: next.as_deref().map(crate::encode).unwrap_or_default(),
            next,
            ..Default::default()
        },
    )
}

#[derive(Debug, Deserialize)]
pub(crate) struct RegisterForm {
    name: String,
    email: String,
    password: String,
    country: String,
    organisation: Option<String>,
    accepted_privacy_notice: Option<String>,
    next: Option<String>,
}

pub(crate) async fn register(
    Visit(state, viewer): Visit,
    Form(form): Form<RegisterForm>,
) -> Response {
    let input = RegisterInput {
        email: form.email.clone(),
        name: form.name.clone(),
        password: form.password.into(),
        locale: Some(viewer.locale.code().to_owned()),
        country: form.country.clone(),
        organisation: form.organisation.clone().filter(|o| !o.trim().is_empty()),
        accepted_privacy_notice: form.accepted_privacy_notice.clone(),
    };
    let next = invitation_next(form.next.as_deref());
    let mut page = RegisterPage {
        next_encoded: next.as_deref().map(crate::encode).unwrap_or_default(),
        next,
        name: form.name,
        email: form.email,
        organisation: form.organisation.unwrap_or_default(),
        privacy: privacy(&viewer),
        privacy_accepted: form.accepted_privacy_notice.is_some(),
        countries: countries(
            &viewer,
            CountryCode::parse(&form.country)
                .map(|c| c.as_str().to_owned())
                .unwrap_or_default()
                .as_str(),
        ),
        ..Default::default()
    };
    match users::register(&state.app, input).await {
        Ok(_) => {
            page.done = true;
            render(&viewer, "register", "register-title", page)
        }
        Err(error) => {
            page.problems = problems(&viewer, &error);
            render_status(
                status_of(&error),
                &viewer,
                "register",
                "register-title",
                page,
            )
        }
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct TokenQuery {
    #[serde(default)]
    token: String,
}

#[derive(Debug, Serialize)]
struct MessagePage {
    ok: bool,
    message: String,
}

/// The emailed link lands here and confirms the address at once.
pub(crate) async fn verify(
    Visit(state, viewer): Visit,
    Query(query): Query<TokenQuery>,
) -> Response {
    let outcome = account::verify_email(
        &state.app,
        TokenInput {
            token: query.token.into(),
        },
    )
    .await;
    let (status, ok, message) = match outcome {
        Ok(()) => (StatusCode::OK, true, text(viewer.locale, "email-confirmed")),
        Err(error) => (
            status_of(&error),
            false,
            crate::workflow_text::failure(viewer.locale, &error),
        ),
    };
    render_status(
        status,
        &viewer,
        "message",
        "verify-title",
        MessagePage { ok, message },
    )
}

#[derive(Debug, Default, Serialize)]
struct ResetPage {
    token: String,
    email: String,
    problems: Problems,
    done: Option<String>,
}

/// Without a token: the form asking for a link. With one: the new password.
pub(crate) async fn reset_form(viewer: Viewer, Query(query): Query<TokenQuery>) -> Response {
    render(
        &viewer,
        "reset",
        "reset-title",
        ResetPage {
            token: query.token,
            ..Default::default()
        },
    )
}

#[derive(Debug, Deserialize)]
pub(crate) struct ResetForm {
    #[serde(default)]
    token: String,
    email: Option<String>,
    password: Option<String>,
}

pub(crate) async fn reset(Visit(state, viewer): Visit, Form(form): Form<ResetForm>) -> Response {
    let app = &state.app;
    let (outcome, done_key) = if form.token.is_empty() {
        let outcome = account::request_password_reset(
            app,
            ResetRequestInput {
                email: form.email.clone().unwrap_or_default(),
            },
        )
        .await;
        (outcome, "reset-link-sent")
    } else {
        let outcome = account::reset_password(
            app,
            ResetPasswordInput {
                token: form.token.clone().into(),
                password: form.password.unwrap_or_default().into(),
            },
        )
        .await;
        (outcome, "password-changed")
    };
    let mut page = ResetPage {
        token: form.token,
        email: form.email.unwrap_or_default(),
        ..Default::default()
    };
    match outcome {
        Ok(()) => {
            page.done = Some(text(viewer.locale, done_key));
            render(&viewer, "reset", "reset-title", page)
        }
        Err(error) => {
            page.problems = problems(&viewer, &error);
            // A used or expired link: say so, and offer the form that sends a new one.
            if page.problems.fields.remove("token").is_some() {
                page.token.clear();
                page.problems
                    .general
                    .push(text(viewer.locale, "reset-link-invalid"));
            }
            render_status(status_of(&error), &viewer, "reset", "reset-title", page)
        }
    }
}
