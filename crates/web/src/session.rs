//! Browser sessions: the same opaque tokens as the API's bearer tokens,
//! carried in an HttpOnly, SameSite=Lax cookie (Secure when the service is
//! reached over HTTPS), and a CSRF token on every form.
//!
//! The CSRF token is derived from the session token (SHA-256 under a fixed
//! label): a page of ours can embed it, another site cannot compute it
//! because it cannot read the cookie. A form posted without it, or with
//! another session's, is refused.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use grants_app::Actor;
use grants_app::auth;
use grants_domain::Locale;
use sha2::{Digest, Sha256};

use crate::WebState;
use crate::i18n::{LANGUAGE_COOKIE, from_accept_language};

/// The cookie that carries the session token.
pub(crate) const SESSION_COOKIE: &str = "grants_session";
/// The cookie of a sign-in waiting for its second factor.
pub(crate) const CHALLENGE_COOKIE: &str = "grants_sign_in_code";

/// Who is looking at a page, in which language.
#[derive(Debug, Clone)]
pub(crate) struct Viewer {
    /// The signed-in person, if any.
    pub actor: Option<Actor>,
    /// The CSRF token for this session's forms.
    pub csrf: Option<String>,
    /// The page's language.
    pub locale: Locale,
    /// The page's path, to come back to after switching language.
    pub path: String,
}

/// The CSRF token of a session.
pub(crate) fn csrf_token(session: &str) -> String {
    let digest = Sha256::digest(format!("grants-csrf:{session}").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

impl Viewer {
    /// An amount as the reader writes it, the same on every page and in
    /// every letter (the formatting lives with the emails').
    pub(crate) fn money(&self, money: grants_domain::Money) -> String {
        grants_app::Formatter::new(self.locale, chrono_tz::UTC).money(money)
    }

    /// A whole number with the reader's grouping: `12,500`, `12.500`.
    pub(crate) fn count(&self, n: u64) -> String {
        grants_app::Formatter::new(self.locale, chrono_tz::UTC).count(n)
    }

    /// True when `sent` is this session's CSRF token.
    pub(crate) fn csrf_ok(&self, sent: &str) -> bool {
        self.csrf.as_deref().is_some_and(|ours| {
            // Compare without an early exit, so timing says nothing.
            ours.len() == sent.len()
                && ours
                    .bytes()
                    .zip(sent.bytes())
                    .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                    == 0
        })
    }
}

/// Where the request came from (see [`auth::Client::of_http`]).
#[derive(Debug)]
pub(crate) struct Client(pub(crate) auth::Client);

impl FromRequestParts<WebState> for Client {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &WebState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|info| info.0.ip());
        Ok(Client(auth::Client::of_http(
            &state.app,
            peer,
            &parts.headers,
        )))
    }
}

impl FromRequestParts<WebState> for Viewer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &WebState,
    ) -> Result<Self, Self::Rejection> {
        let jar = CookieJar::from_headers(&parts.headers);
        let session = jar.get(SESSION_COOKIE).map(|c| c.value().to_owned());
        let actor = match &session {
            Some(token) => grants_app::auth::authenticate(&state.app, token).await.ok(),
            None => None,
        };
        let picked = jar
            .get(LANGUAGE_COOKIE)
            .and_then(|c| Locale::parse(c.value()).ok());
        let browser = parts
            .headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(from_accept_language);
        let locale = picked
            .or(actor.as_ref().map(|a| a.locale))
            .or(browser)
            .unwrap_or(Locale::En);
        Ok(Viewer {
            path: parts.uri.path().to_owned(),
            csrf: actor.as_ref().and(session.as_deref()).map(csrf_token),
            actor,
            locale,
        })
    }
}

/// The session cookie for `token`.
pub(crate) fn session_cookie(token: String, secure: bool) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, token))
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax)
        .path("/")
        .build()
}

/// The cookie holding the sign-in form's nonce: a form posted from another
/// site cannot carry it, so nobody is signed into someone else's account
/// without knowing (login CSRF).
pub(crate) const LOGIN_COOKIE: &str = "grants_login";

/// The sign-in form's nonce cookie, sent back to the sign-in form only.
pub(crate) fn login_cookie(nonce: String, secure: bool) -> Cookie<'static> {
    Cookie::build((LOGIN_COOKIE, nonce))
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Strict)
        .path("/app/login")
        .build()
}

/// The sign-in waiting for its second factor: the challenge, for ten
/// minutes, only to the sign-in pages and never across sites.
pub(crate) fn challenge_cookie(challenge: String, secure: bool) -> Cookie<'static> {
    Cookie::build((CHALLENGE_COOKIE, challenge))
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Strict)
        .path("/app/login")
        .build()
}

/// A cookie that removes the challenge cookie.
pub(crate) fn ended_challenge() -> Cookie<'static> {
    Cookie::build((CHALLENGE_COOKIE, ""))
        .path("/app/login")
        .build()
}

/// A cookie that removes the session cookie.
pub(crate) fn ended_session() -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, "")).path("/").build()
}

/// The cookie remembering a picked language.
pub(crate) fn language_cookie(locale: Locale, secure: bool) -> Cookie<'static> {
    Cookie::build((LANGUAGE_COOKIE, locale.code()))
        .secure(secure)
        .same_site(SameSite::Lax)
        .path("/")
        .permanent()
        .build()
}

#[cfg(test)]
impl Viewer {
    /// Someone not signed in, with a session's CSRF token, reading `path`
    /// in `locale`: for the tests that pages render.
    pub(crate) fn reading(locale: Locale, path: &str) -> Viewer {
        Viewer {
            actor: None,
            csrf: Some("token".into()),
            locale,
            path: path.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_csrf_token_belongs_to_its_session() {
        let viewer = Viewer {
            actor: None,
            csrf: Some(csrf_token("iat_one")),
            locale: Locale::En,
            path: "/app".into(),
        };
        assert!(viewer.csrf_ok(&csrf_token("iat_one")));
        assert!(!viewer.csrf_ok(&csrf_token("iat_two")));
        assert!(!viewer.csrf_ok(""));
        let anonymous = Viewer {
            csrf: None,
            ..viewer
        };
        assert!(!anonymous.csrf_ok(&csrf_token("iat_one")));
    }
}
