//! A reviewer's assignments.

use axum::response::Response;
use grants_app::assignments;
use serde::Serialize;

use super::{OrPage, Visit, render};
use crate::PageError;
use crate::i18n::text;

#[derive(Debug, Serialize)]
struct Row {
    id: String,
    proposal_id: String,
    proposal_title: String,
    /// The state in the reader's language.
    state: String,
    /// The state's own name, for scripts and tests.
    state_name: String,
    due: String,
    overdue: bool,
    review_state: Option<String>,
}

#[derive(Debug, Serialize)]
struct ListPage {
    assignments: Vec<Row>,
}

pub(crate) async fn list(Visit(state, viewer): Visit) -> Result<Response, PageError> {
    let actor = viewer.signed_in("/app/assignments")?;
    let mine = assignments::mine(&state.app, actor)
        .await
        .or_page(&viewer)?;
    let assignments = mine
        .into_iter()
        .map(|a| Row {
            id: a.id.to_string(),
            proposal_id: a.proposal_id.to_string(),
            proposal_title: a.proposal_title,
            state: state_text(viewer.locale, &a.state),
            state_name: a.state,
            due: grants_app::Formatter::new(viewer.locale, chrono_tz::UTC).date_time(a.due_at),
            overdue: a.overdue,
            review_state: a
                .review_state
                .map(|r| text(viewer.locale, &format!("review-state-{r}"))),
        })
        .collect();
    Ok(render(
        &viewer,
        "assignments",
        "assignments-title",
        ListPage { assignments },
    ))
}

/// A review assignment's state in the reader's language (`assignment-state-invited`, …).
pub(crate) fn state_text(locale: grants_domain::Locale, state: &str) -> String {
    text(locale, &format!("assignment-state-{state}"))
}
