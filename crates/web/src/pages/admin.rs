//! The administrator's pages: the outbox by state with its dead letters
//! (sent again with one click), every message browsed by state (to whom,
//! its subject as the recipient reads it, why it failed), and the audit
//! trail's check.

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
    /// The state in the reader's words.
    label: String,
    count: u64,
    /// The state the outbox page shows now.
    current: bool,
}

/// An outbox state in the reader's words.
fn state_label(locale: grants_domain::Locale, state: &str) -> String {
    crate::i18n::named_or(locale, &format!("outbox-state-{state}"), state)
}

fn counts_shown(
    locale: grants_domain::Locale,
    counts: std::collections::BTreeMap<String, u64>,
    current: Option<&str>,
) -> Vec<Count> {
    let mut shown: Vec<Count> = counts
        .into_iter()
        .map(|(state, count)| Count {
            label: state_label(locale, &state),
            current: current == Some(state.as_str()),
            state,
            count,
        })
        .collect();
    // In the order a message goes through them; a state not listed goes last.
    shown.sort_by_key(|c| {
        STATE_ORDER
            .iter()
            .position(|s| *s == c.state)
            .unwrap_or(STATE_ORDER.len())
    });
    shown
}

/// The outbox states in the order a message passes through them.
const STATE_ORDER: [&str; 6] = ["pending", "held", "sending", "sent", "dead", "cancelled"];

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
            counts: counts_shown(viewer.locale, counts.counts, None),
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

/// One message on the outbox page.
#[derive(Debug, Serialize)]
struct MessageRow {
    id: String,
    queued: String,
    recipient: String,
    email: String,
    subject: String,
    language: &'static str,
    state: String,
    state_label: String,
    attempts: u32,
    error: Option<String>,
    may_retry: bool,
    may_cancel: bool,
}

#[derive(Debug, Serialize)]
struct OutboxPage {
    counts: Vec<Count>,
    /// The state shown, in words; `None` for every message.
    showing: Option<String>,
    messages: Vec<MessageRow>,
    next: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct OutboxQuery {
    state: Option<String>,
    cursor: Option<String>,
}

/// Every message of the outbox in the order queued, a page at a time, narrowed
/// to one state: to whom, what its subject says, where it stands and why
/// it failed, with what may be done about it.
pub(crate) async fn outbox(
    Visit(state, viewer): Visit,
    Query(query): Query<OutboxQuery>,
) -> Result<Response, PageError> {
    let actor = viewer.signed_in("/app/admin/outbox")?;
    let app = &state.app;
    let showing = query.state.filter(|s| !s.is_empty());
    let filter = OutboxFilter {
        state: showing.clone(),
    };
    let counts = mail::counts(app, actor).await.or_page(&viewer)?;
    let page = mail::browse(app, actor, &filter, &super::page_request(query.cursor))
        .await
        .or_page(&viewer)?;
    let format = grants_app::Formatter::new(viewer.locale, chrono_tz::UTC);
    let next = page.next_cursor.as_ref().map(|cursor| match &showing {
        Some(s) => format!("/app/admin/outbox?state={s}&cursor={cursor}"),
        None => format!("/app/admin/outbox?cursor={cursor}"),
    });
    let messages = page
        .items
        .into_iter()
        .map(|e| {
            let m = e.message;
            let state = m.state.as_str();
            MessageRow {
                id: m.id.to_string(),
                queued: format.date_time(m.created_at),
                recipient: e.recipient_name,
                email: e.recipient_email,
                subject: e.subject,
                language: grants_domain::Locale::parse(&m.locale)
                    .map_or("", crate::i18n::language_name),
                state_label: state_label(viewer.locale, state),
                may_retry: ["dead", "cancelled"].contains(&state),
                may_cancel: ["pending", "held", "dead"].contains(&state),
                attempts: m.attempts,
                error: m.last_error,
                state: m.state,
            }
        })
        .collect();
    Ok(render(
        &viewer,
        "outbox",
        "outbox-title",
        OutboxPage {
            counts: counts_shown(viewer.locale, counts.counts, showing.as_deref()),
            showing: showing.map(|s| state_label(viewer.locale, &s)),
            messages,
            next,
        },
    ))
}

/// Withdraws a message not sent yet, back to the outbox page.
pub(crate) async fn cancel(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, PageError> {
    let (actor, id) = viewer.sent_to("/app/admin/outbox", &form.csrf, &raw, "message")?;
    mail::cancel(&state.app, actor, id).await.or_page(&viewer)?;
    Ok(Redirect::to("/app/admin/outbox").into_response())
}
