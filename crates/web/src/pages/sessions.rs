//! "Where you are signed in": every session of the person (browsers and
//! API tokens) with where and when it was signed in and last used, a
//! button to end each, and one to end all the others.

use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::{CookieJar, Form};
use grants_app::sessions::{self, SessionKind, SessionView};
use grants_domain::TokenId;
use serde::{Deserialize, Serialize};

use super::{CsrfForm, OrPage, Visit, render};
use crate::PageError;
use crate::i18n::text;
use crate::session::{Viewer, ended_session};

/// The page's address.
pub(crate) const HERE: &str = "/app/me/sessions";

#[derive(Debug, Serialize)]
struct Row {
    id: String,
    /// The browser and system, or what kind of session it is.
    device: String,
    /// A browser, or an API token.
    kind: String,
    current: bool,
    address: String,
    signed_in: String,
    last_used: String,
    expires: String,
}

#[derive(Debug, Serialize)]
struct SessionsPage {
    sessions: Vec<Row>,
    /// Whether any session but this one is left to end.
    others: bool,
    /// How many were just ended, to say so.
    ended: Option<super::Count>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct ShowQuery {
    ended: Option<u64>,
}

/// The person's sessions.
pub(crate) async fn show(
    Visit(state, viewer): Visit,
    Query(query): Query<ShowQuery>,
) -> Result<Response, PageError> {
    let actor = viewer.signed_in(HERE)?;
    let listed = sessions::list(&state.app, actor).await.or_page(&viewer)?;
    let others = listed.iter().any(|s| !s.current);
    let shown = SessionsPage {
        sessions: listed.into_iter().map(|s| row(&viewer, s)).collect(),
        others,
        ended: query.ended.map(super::Count::from),
    };
    Ok(render(&viewer, "sessions", "sessions-title", shown))
}

fn row(viewer: &Viewer, s: SessionView) -> Row {
    let format = grants_app::Formatter::new(viewer.locale, chrono_tz::UTC);
    let kind = text(
        viewer.locale,
        match s.kind {
            SessionKind::Browser => "session-kind-browser",
            SessionKind::Api => "session-kind-api",
        },
    );
    Row {
        id: s.id.to_string(),
        device: s
            .device
            .unwrap_or_else(|| text(viewer.locale, "session-unknown-device")),
        kind,
        current: s.current,
        address: s
            .client_address
            .unwrap_or_else(|| text(viewer.locale, "session-unknown-address")),
        signed_in: format.date_time(s.created_at),
        last_used: format.date_time(s.last_used_at.unwrap_or(s.created_at)),
        expires: format.date_time(s.expires_at),
    }
}

/// Ends one session; ending this browser's own is signing out.
pub(crate) async fn end(
    Visit(state, viewer): Visit,
    jar: CookieJar,
    Path(raw): Path<String>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, PageError> {
    let (actor, id): (_, TokenId) = viewer.sent_to(HERE, &form.csrf, &raw, "session")?;
    sessions::end(&state.app, actor, id)
        .await
        .or_page(&viewer)?;
    if actor.token == Some(id) {
        return Ok((jar.add(ended_session()), Redirect::to("/app/login")).into_response());
    }
    Ok(Redirect::to(&format!("{HERE}?ended=1")).into_response())
}

/// Ends every session but this one.
pub(crate) async fn end_others(
    Visit(state, viewer): Visit,
    Form(form): Form<CsrfForm>,
) -> Result<Response, PageError> {
    let actor = viewer.sent(HERE, &form.csrf)?;
    let done = sessions::end_others(&state.app, actor)
        .await
        .or_page(&viewer)?;
    Ok(Redirect::to(&format!("{HERE}?ended={}", done.ended)).into_response())
}
