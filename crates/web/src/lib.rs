//! The web pages of Innovation Awards: server-rendered by the same `grants`
//! binary, in the person's language, over the same use cases and
//! permission checks as the JSON API (`grants_app`), so no rule exists
//! twice.
//!
//! Pages live under `/app`. A browser session is a cookie holding the same
//! kind of token the API uses as a bearer token ([`session`]); every form
//! carries a CSRF token. Buttons for workflow steps come from the same
//! transition list as `GET /proposals/{id}/transitions`: a step the person
//! cannot take now is shown disabled with every reason.

mod pages;
mod render;
mod session;

/// The catalogues, as the pages call them.
mod i18n {
    pub(crate) use grants_i18n::catalogue::*;
}

/// Workflow words, as the pages call them.
mod workflow_text {
    pub(crate) use grants_i18n::workflow::*;
}

use std::sync::OnceLock;

use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use grants_app::{App, AppError};
pub(crate) use grants_i18n::errors::status as status_of;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::render::Views;
use crate::session::Viewer;

/// What every page handler shares.
#[derive(Debug, Clone)]
pub struct WebState {
    /// The use cases.
    pub app: App,
}

impl WebState {
    /// Cookies are marked Secure when people reach the service over HTTPS.
    fn secure_cookies(&self) -> bool {
        self.app.public_url().starts_with("https://")
    }
}

static VIEWS: OnceLock<Views> = OnceLock::new();

/// The pages, ready to merge into the service's router.
#[derive(Debug)]
pub struct WebRoutes {
    /// Every page and form but uploads: for the service's ordinary body and time limits.
    pub pages: Router,
    /// The forms that upload files: for the upload limits.
    pub uploads: Router,
}

/// The pages. Fails when a template does not compile, so a broken page
/// stops start-up.
pub fn router(state: WebState) -> Result<WebRoutes, handlebars::TemplateError> {
    if VIEWS.get().is_none() {
        let _ = VIEWS.set(Views::load()?);
    }
    let policy = || {
        SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'",
            ),
        )
    };
    // Pages are personal: after signing out on a shared computer, Back must
    // not show the previous person's pages from the browser's cache.
    let not_kept = || {
        SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        )
    };
    Ok(WebRoutes {
        pages: pages::routes()
            .layer(axum::middleware::from_fn_with_state(
                state.clone(),
                pages::refuse_nul,
            ))
            .with_state(state.clone())
            .layer(policy())
            .layer(not_kept()),
        uploads: pages::upload_routes()
            .with_state(state)
            .layer(policy())
            .layer(not_kept()),
    })
}

fn views() -> Option<&'static Views> {
    VIEWS.get()
}

/// Why a page could not be shown.
#[derive(Debug)]
pub(crate) enum PageError {
    /// Nobody is signed in: go to the sign-in page, then come back.
    SignIn {
        /// Where to come back to.
        next: String,
    },
    /// The person must set up two-step sign-in before anything else.
    SetUpSecondFactor,
    /// The use case refused or failed.
    Failed {
        /// Who asked, for the language and the frame.
        viewer: Box<Viewer>,
        /// What went wrong.
        error: AppError,
    },
    /// A form came without this session's CSRF token.
    Forged {
        /// Who asked.
        viewer: Box<Viewer>,
    },
}

/// What the error page shows.
#[derive(Debug, serde::Serialize)]
struct ErrorPage {
    status: u16,
    message: String,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let (viewer, status, message) = match self {
            PageError::SignIn { next } => {
                let target = format!("/app/login?next={}", encode(&next));
                return Redirect::to(&target).into_response();
            }
            PageError::SetUpSecondFactor => {
                return Redirect::to("/app/me/second-factor").into_response();
            }
            PageError::Forged { viewer } => {
                let message = i18n::text(viewer.locale, "error-forged");
                (viewer, StatusCode::FORBIDDEN, message)
            }
            PageError::Failed { viewer, error } => {
                let status = grants_i18n::errors::status(&error);
                let message = if status == StatusCode::INTERNAL_SERVER_ERROR {
                    tracing::error!(error = %error, "a page failed");
                    i18n::text(viewer.locale, "error-internal")
                } else if status == StatusCode::NOT_FOUND {
                    i18n::text(viewer.locale, "error-not-found")
                } else {
                    workflow_text::failure(viewer.locale, &error)
                };
                (viewer, status, message)
            }
        };
        match views() {
            Some(views) => views.page(
                status,
                &viewer,
                "error",
                "error-title",
                ErrorPage {
                    status: status.as_u16(),
                    message,
                },
            ),
            None => (status, message).into_response(),
        }
    }
}

/// Percent-encodes a path for a query parameter.
pub(crate) fn encode(path: &str) -> String {
    path.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}
