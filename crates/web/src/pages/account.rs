//! Signing in and out, the language switch, and the home page.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::{CookieJar, Form};
use grants_app::auth::{self, LoginInput, SignIn};
use grants_app::programmes::{self, ProgrammeFilter, ProgrammeStatus};
use grants_app::{AppError, PageRequest};
use grants_domain::Locale;
use serde::{Deserialize, Serialize};

use super::{CsrfForm, OrPage, Visit, localized, render, render_status, when};
use crate::i18n::text;
use crate::session::{
    CHALLENGE_COOKIE, Client, LOGIN_COOKIE, Viewer, challenge_cookie, ended_challenge,
    ended_session, language_cookie, login_cookie, session_cookie,
};
use crate::{PageError, WebState};

/// Where to go after signing in; only paths of this site.
#[derive(Debug, Deserialize)]
pub(crate) struct Next {
    pub(crate) next: Option<String>,
}

pub(crate) fn safe_next(next: Option<&str>) -> String {
    match next {
        // A path of ours, not `//elsewhere` or a full URL.
        Some(path) if path.starts_with("/app") && !path.starts_with("//") => path.to_owned(),
        _ => "/app".to_owned(),
    }
}

#[derive(Debug, Serialize)]
struct LoginPage {
    next: String,
    email: String,
    error: Option<String>,
    /// Sent back with the form; the same value is in the sign-in cookie.
    nonce: String,
    /// The password was right: the page asks for the code from the app.
    code_step: bool,
    /// The organisations' accounts people may sign in with, a button each.
    providers: Vec<ProviderButton>,
}

/// The sign-in page asking for the code from the authenticator app.
pub(crate) fn code_step(
    viewer: &Viewer,
    status: StatusCode,
    next: String,
    error: Option<String>,
) -> Response {
    render_status(
        status,
        viewer,
        "login",
        "sign-in",
        LoginPage {
            next,
            email: String::new(),
            error,
            nonce: String::new(),
            code_step: true,
            providers: Vec::new(),
        },
    )
}

#[derive(Debug, Deserialize)]
pub(crate) struct CodeForm {
    code: String,
    next: Option<String>,
}

/// The second step of signing in: the code answers the challenge the
/// first step left in the browser's cookie (same site only, so no other
/// site can post it).
pub(crate) async fn login_code(
    Visit(state, viewer): Visit,
    Client(client): Client,
    jar: CookieJar,
    Form(form): Form<CodeForm>,
) -> Response {
    let next = safe_next(form.next.as_deref());
    let challenge = jar
        .get(CHALLENGE_COOKIE)
        .map(|c| c.value().to_owned())
        .unwrap_or_default();
    match auth::finish_sign_in(&state.app, &challenge, &form.code, client).await {
        Ok(issued) => {
            let jar = jar
                .add(session_cookie(issued.token, state.secure_cookies()))
                .add(ended_challenge());
            (jar, Redirect::to(&next)).into_response()
        }
        Err(AppError::Unauthenticated) => {
            // Expired or used: the sign-in starts again.
            let expired = text(viewer.locale, "sign-in-code-expired");
            let form = Typed {
                next,
                email: String::new(),
                error: Some(expired),
            };
            fresh_form(
                &state,
                &viewer,
                jar.add(ended_challenge()),
                StatusCode::UNAUTHORIZED,
                form,
            )
        }
        Err(error) => {
            let status = crate::status_of(&error);
            let message = match &error {
                AppError::Validation(problems) => problems
                    .fields()
                    .first()
                    .map(|p| grants_i18n::errors::field_message(viewer.locale, p))
                    .unwrap_or_default(),
                other => grants_i18n::errors::detail(viewer.locale, other),
            };
            code_step(&viewer, status, next, Some(message))
        }
    }
}

/// A button to sign in with an organisation's account: a link, since the
/// provider is elsewhere (a form may only be sent to this site).
#[derive(Debug, Serialize)]
struct ProviderButton {
    name: String,
    label: String,
    href: String,
}

fn provider_buttons(state: &WebState, next: &str) -> Vec<ProviderButton> {
    let query = serde_urlencoded::to_string([("next", next)]).unwrap_or_default();
    grants_app::oidc::providers(&state.app)
        .into_iter()
        .map(|p| ProviderButton {
            href: format!("/app/login/oidc/{}?{query}", p.name),
            name: p.name,
            label: p.label,
        })
        .collect()
}

/// What a fresh sign-in form shows again: where to go next, the address
/// typed, and why signing in did not work.
struct Typed {
    next: String,
    email: String,
    error: Option<String>,
}

/// The sign-in form with a fresh nonce, set in this browser's cookie too.
fn fresh_form(
    state: &WebState,
    viewer: &Viewer,
    jar: CookieJar,
    status: StatusCode,
    typed: Typed,
) -> Response {
    let nonce = auth::form_nonce();
    let jar = jar.add(login_cookie(nonce.clone(), state.secure_cookies()));
    let page = render_status(
        status,
        viewer,
        "login",
        "sign-in",
        LoginPage {
            providers: provider_buttons(state, &typed.next),
            next: typed.next,
            email: typed.email,
            error: typed.error,
            nonce,
            code_step: false,
        },
    );
    (jar, page).into_response()
}

/// The sign-in page again, saying why signing in did not work, with a
/// fresh form.
pub(crate) fn login_page(
    state: &WebState,
    viewer: &Viewer,
    jar: CookieJar,
    status: StatusCode,
    error: Option<AppError>,
) -> Response {
    let form = Typed {
        next: "/app".to_owned(),
        email: String::new(),
        error: error.map(|e| grants_i18n::errors::detail(viewer.locale, &e)),
    };
    fresh_form(state, viewer, jar, status, form)
}

pub(crate) async fn login_form(
    Visit(state, viewer): Visit,
    jar: CookieJar,
    Query(next): Query<Next>,
) -> Response {
    let next = safe_next(next.next.as_deref());
    if viewer.actor.is_some() {
        return Redirect::to(&next).into_response();
    }
    let form = Typed {
        next,
        email: String::new(),
        error: None,
    };
    fresh_form(&state, &viewer, jar, StatusCode::OK, form)
}

#[derive(Debug, Deserialize)]
pub(crate) struct LoginForm {
    email: String,
    password: String,
    next: Option<String>,
    #[serde(default)]
    login_nonce: String,
}

pub(crate) async fn login(
    Visit(state, viewer): Visit,
    Client(client): Client,
    jar: CookieJar,
    Form(form): Form<LoginForm>,
) -> Response {
    let next = safe_next(form.next.as_deref());
    // The nonce of the form this browser was given, or no sign-in: a form
    // posted from another site cannot sign this browser into its account.
    let given = jar.get(LOGIN_COOKIE).map(|c| c.value().to_owned());
    if given.is_none_or(|nonce| nonce.is_empty() || nonce != form.login_nonce) {
        let expired = Typed {
            next,
            email: form.email,
            error: Some(text(viewer.locale, "sign-in-form-expired")),
        };
        return fresh_form(&state, &viewer, jar, StatusCode::FORBIDDEN, expired);
    }
    let outcome = auth::begin_sign_in(
        &state.app,
        LoginInput {
            email: form.email.clone(),
            password: form.password.into(),
            code: None,
        },
        client,
    )
    .await;
    match outcome {
        Ok(SignIn::Done(issued)) => {
            let jar = jar.add(session_cookie(issued.token, state.secure_cookies()));
            (jar, Redirect::to(&next)).into_response()
        }
        Ok(SignIn::NeedsCode(challenge)) => {
            let jar = jar.add(challenge_cookie(challenge, state.secure_cookies()));
            (jar, code_step(&viewer, StatusCode::OK, next, None)).into_response()
        }
        Err(error) => {
            let (status, key) = match &error {
                AppError::LockedOut { .. } => (StatusCode::TOO_MANY_REQUESTS, "sign-in-locked"),
                AppError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "error-internal"),
                _ => (StatusCode::UNAUTHORIZED, "sign-in-failed"),
            };
            render_status(
                status,
                &viewer,
                "login",
                "sign-in",
                LoginPage {
                    next: next.clone(),
                    email: form.email,
                    error: Some(text(viewer.locale, key)),
                    nonce: form.login_nonce,
                    code_step: false,
                    providers: provider_buttons(&state, &next),
                },
            )
        }
    }
}

pub(crate) async fn logout(
    Visit(state, viewer): Visit,
    jar: CookieJar,
    Form(form): Form<CsrfForm>,
) -> Result<Response, PageError> {
    if let Some(actor) = &viewer.actor {
        viewer.check_form(&form.csrf)?;
        auth::logout(&state.app, actor).await.or_page(&viewer)?;
    }
    Ok((jar.add(ended_session()), Redirect::to("/app/login")).into_response())
}

#[derive(Debug, Deserialize)]
pub(crate) struct LanguageForm {
    language: String,
    next: Option<String>,
}

/// Switching the language needs no CSRF token: it changes nothing but the
/// page's words, for whoever is looking.
pub(crate) async fn language(
    State(state): State<WebState>,
    jar: CookieJar,
    Form(form): Form<LanguageForm>,
) -> Response {
    let back = safe_next(form.next.as_deref());
    match Locale::parse(&form.language) {
        Ok(locale) => (
            jar.add(language_cookie(locale, state.secure_cookies())),
            Redirect::to(&back),
        )
            .into_response(),
        Err(_) => Redirect::to(&back).into_response(),
    }
}

#[derive(Debug, Serialize)]
struct OpenCall {
    id: String,
    title: String,
    code: String,
    closes: String,
}

#[derive(Debug, Serialize)]
struct JuryLink {
    id: String,
    title: String,
    /// The person may read the programme's ledger.
    ledger: bool,
}

/// One entry of the to-do list, worded for the reader.
#[derive(Debug, Serialize)]
struct Todo {
    text: String,
    link: String,
    late: bool,
}

/// The to-do list in the reader's words: moments in their programme's time
/// zone, amounts as the reader writes them.
fn todo_shown(
    viewer: &Viewer,
    items: Vec<grants_app::todo::TodoItem>,
    programmes: &[grants_app::programmes::ProgrammeView],
) -> Vec<Todo> {
    let locale = viewer.locale;
    items
        .into_iter()
        .map(|item| {
            let zone = programmes
                .iter()
                .find(|p| Some(p.id) == item.programme_id)
                .map_or(chrono_tz::UTC, |p| p.spec.time_zone);
            let format = grants_app::Formatter::new(locale, zone);
            let mut args = crate::i18n::Args::new();
            args.insert(
                "title".into(),
                item.title.clone().unwrap_or_default().into(),
            );
            if let Some(count) = item.count {
                args.insert("count".into(), viewer.count(count).into());
            }
            if let Some(at) = item.due_at {
                args.insert("when".into(), format.date_time(at).into());
            }
            if let Some(day) = item.due_on {
                args.insert("day".into(), format.date(day).into());
            }
            if let Some(amount) = item.amount {
                args.insert("amount".into(), viewer.money(amount).into());
            }
            let kind = serde_json::to_value(item.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            let key = if item.late {
                format!("todo-{kind}-late")
            } else {
                format!("todo-{kind}")
            };
            Todo {
                text: crate::i18n::text_with(locale, &key, &args),
                link: item.link,
                late: item.late,
            }
        })
        .collect()
}

#[derive(Debug, Serialize)]
struct HomePage {
    greeting: String,
    /// What waits for the reader, each with the place to do it.
    todo: Vec<Todo>,
    /// Conversations with messages the reader has not read.
    unread: Vec<super::conversations::UnreadRow>,
    open_calls: Vec<OpenCall>,
    /// Programmes whose jury the person runs.
    juries: Vec<JuryLink>,
    /// Programmes whose ledger finance reads (for those who run no jury).
    ledgers: Vec<JuryLink>,
    is_applicant: bool,
    is_reviewer: bool,
    /// Programme managers and ambassadors screen proposals.
    screens: bool,
    /// Administrators manage users and roles.
    is_admin: bool,
    /// Administrators and programme managers read the workflow definitions.
    reads_workflows: bool,
    /// The link to the programmes' setup, for those who set them up.
    programmes_link: Option<String>,
}

pub(crate) async fn home(Visit(state, viewer): Visit) -> Result<Response, PageError> {
    let actor = viewer.signed_in("/app")?;
    let calls = programmes::list(
        &state.app,
        actor,
        &ProgrammeFilter::default(),
        &PageRequest::default(),
    )
    .await
    .or_page(&viewer)?;
    let open_calls = calls
        .items
        .iter()
        .filter(|p| p.status == ProgrammeStatus::Open)
        .map(|p| OpenCall {
            id: p.id.to_string(),
            title: localized(&p.spec.title, viewer.locale, p.spec.default_locale),
            code: p.spec.code.clone(),
            closes: when(viewer.locale, &p.spec, p.spec.closes_at),
        })
        .collect();
    let todo = grants_app::todo::of(&state.app, actor)
        .await
        .or_page(&viewer)?;
    let todo = todo_shown(&viewer, todo, &calls.items);
    let unread = grants_app::conversations::unread(&state.app, actor)
        .await
        .or_page(&viewer)?;
    let unread = super::conversations::unread_rows(&viewer, unread);
    let reach = grants_app::account::Reach::of(actor);
    let runs_juries = reach.juries;
    let reads_ledger = reach.ledgers;
    let links: Vec<JuryLink> = calls
        .items
        .iter()
        .filter(|_| runs_juries || reads_ledger)
        .map(|p| JuryLink {
            id: p.id.to_string(),
            title: localized(&p.spec.title, viewer.locale, p.spec.default_locale),
            ledger: reads_ledger,
        })
        .collect();
    let (juries, ledgers) = if runs_juries {
        (links, Vec::new())
    } else {
        (Vec::new(), links)
    };
    Ok(render(
        &viewer,
        "home",
        "home-title",
        HomePage {
            greeting: actor.name.clone(),
            todo,
            unread,
            open_calls,
            juries,
            ledgers,
            is_applicant: reach.proposals_of_own,
            is_reviewer: reach.assignments,
            screens: reach.screening,
            is_admin: reach.admin,
            reads_workflows: reach.workflows,
            programmes_link: reach
                .programme_setup
                .then(|| text(viewer.locale, "programme-setup-nav")),
        },
    ))
}
