//! The administrator's page: the outbox by state with its dead letters
//! (sent again with one click), and the audit trail's check.

use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use grants_app::mail::{self, OutboxFilter};
use grants_app::{PageRequest, audit};
use serde::{Deserialize, Serialize};

use super::{CsrfForm, OrPage, Visit, render};
use crate::PageError;
use crate::i18n::text;

#[derive(Debug, Serialize)]
struct Count {
    state: String,
    count: u64,
}

#[derive(Debug, Serialize)]
struct DeadLetter {
    id: String,
    event: String,
    attempts: u32,
    error: String,
}

#[derive(Debug, Serialize)]
struct AdminPage {
    counts: Vec<Count>,
    dead: Vec<DeadLetter>,
    audit: Option<String>,
    audit_ok: bool,
}

#[derive(Debug, Deserialize)]
pub(crate) struct AdminQuery {
    audit: Option<String>,
}

pub(crate) async fn show(
    Visit(state, viewer): Visit,
    Query(query): Query<AdminQuery>,
) -> Result<Response, PageError> {
    let actor = viewer.signed_in("/app/admin")?;
    let app = &state.app;
    let counts = mail::counts(app, actor).await.or_page(&viewer)?;
    let dead = mail::list(
        app,
        actor,
        &OutboxFilter {
            state: Some("dead".into()),
        },
        &PageRequest::default(),
    )
    .await
    .or_page(&viewer)?;
    // The check runs when asked for (it reads the whole trail).
    let (audit, audit_ok) = if query.audit.is_some() {
        let result = audit::verify_as(app, actor).await.or_page(&viewer)?;
        match result.first_broken {
            None => (
                Some(format!(
                    "{} ({} / {})",
                    text(viewer.locale, "audit-intact"),
                    result.events,
                    result.chains
                )),
                true,
            ),
            Some((id, why)) => (
                Some(format!(
                    "{}: {id}: {why}",
                    text(viewer.locale, "audit-broken")
                )),
                false,
            ),
        }
    } else {
        (None, false)
    };
    Ok(render(
        &viewer,
        "admin",
        "admin-title",
        AdminPage {
            counts: counts
                .counts
                .into_iter()
                .map(|(state, count)| Count { state, count })
                .collect(),
            dead: dead
                .items
                .into_iter()
                .map(|m| DeadLetter {
                    id: m.id.to_string(),
                    event: m.event,
                    attempts: m.attempts,
                    error: m.last_error.unwrap_or_default(),
                })
                .collect(),
            audit,
            audit_ok,
        },
    ))
}

pub(crate) async fn retry(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, PageError> {
    let (actor, id) = viewer.sent_to("/app/admin", &form.csrf, &raw, "message")?;
    mail::retry(&state.app, actor, id).await.or_page(&viewer)?;
    Ok(Redirect::to("/app/admin").into_response())
}
