//! Signing in with an organisation's account: the button on the sign-in
//! page sends the browser to the provider, which sends it back here. The
//! browser keeps the sign-in's state, nonce and PKCE verifier meanwhile in
//! a cookie only these two addresses see, used once.

use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use grants_app::auth::SignIn;
use grants_app::oidc::{self, Callback};
use serde::Deserialize;

use super::Visit;
use super::account::{Next, code_step, login_page, safe_next};
use crate::session::{Client, challenge_cookie, session_cookie};

/// The sign-in on its way through the provider.
const PENDING_COOKIE: &str = "grants_oidc";
/// Where to go once signed in.
const NEXT_COOKIE: &str = "grants_oidc_next";
/// Only the provider sign-in's addresses see them.
const PATH: &str = "/app/login/oidc";

fn kept(name: &'static str, value: String, secure: bool) -> Cookie<'static> {
    Cookie::build((name, value))
        .http_only(true)
        .secure(secure)
        // The provider sends the browser back with a top-level GET.
        .same_site(SameSite::Lax)
        .path(PATH)
        .build()
}

fn ended(name: &'static str) -> Cookie<'static> {
    Cookie::build((name, "")).path(PATH).build()
}

/// Sends the browser to the provider.
pub(crate) async fn start(
    Visit(state, viewer): Visit,
    jar: CookieJar,
    Path(name): Path<String>,
    Query(next): Query<Next>,
) -> Response {
    match oidc::start(&state.app, &name).await {
        Ok(started) => {
            let secure = state.secure_cookies();
            // A path of ours holds no character a cookie cannot.
            let next = safe_next(next.next.as_deref());
            let next = if next
                .chars()
                .all(|c| c.is_ascii_graphic() && !matches!(c, '"' | ',' | ';' | '\\'))
            {
                next
            } else {
                "/app".to_owned()
            };
            let jar = jar
                .add(kept(PENDING_COOKIE, started.pending, secure))
                .add(kept(NEXT_COOKIE, next, secure));
            (jar, Redirect::to(&started.authorize_url)).into_response()
        }
        Err(error) => login_page(&state, &viewer, jar, crate::status_of(&error), Some(error)),
    }
}

/// What the provider sends the browser back with.
#[derive(Debug, Deserialize)]
pub(crate) struct Back {
    code: Option<String>,
    state: Option<String>,
    /// The provider's refusal (the person cancelled, or it refused us).
    error: Option<String>,
}

/// Finishes the sign-in the provider sent the browser back from.
pub(crate) async fn callback(
    Visit(state, viewer): Visit,
    Client(client): Client,
    jar: CookieJar,
    Path(name): Path<String>,
    Query(back): Query<Back>,
) -> Response {
    let pending = jar
        .get(PENDING_COOKIE)
        .map(|c| c.value().to_owned())
        .unwrap_or_default();
    let next = safe_next(jar.get(NEXT_COOKIE).map(|c| c.value()));
    let jar = jar.add(ended(PENDING_COOKIE)).add(ended(NEXT_COOKIE));
    let (Some(code), Some(returned), None) = (back.code, back.state, back.error.as_deref()) else {
        if let Some(error) = &back.error {
            tracing::info!(provider = %name, %error, "a provider sent the browser back without a sign-in");
        }
        let refused = grants_app::AppError::forbidden("sign-in-provider-failed").done();
        return login_page(&state, &viewer, jar, StatusCode::FORBIDDEN, Some(refused));
    };
    let back = Callback {
        code,
        state: returned,
        pending,
        locale: viewer.locale,
    };
    match oidc::finish(&state.app, &name, back, client).await {
        Ok(SignIn::Done(issued)) => {
            let jar = jar.add(session_cookie(issued.token, state.secure_cookies()));
            (jar, Redirect::to(&next)).into_response()
        }
        Ok(SignIn::NeedsCode(challenge)) => {
            let jar = jar.add(challenge_cookie(challenge, state.secure_cookies()));
            (jar, code_step(&viewer, StatusCode::OK, next, None)).into_response()
        }
        Err(error) => login_page(&state, &viewer, jar, crate::status_of(&error), Some(error)),
    }
}
