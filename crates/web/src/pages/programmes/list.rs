//! The list of programmes a manager works from, archived ones too.

use std::collections::BTreeMap;

use axum::extract::Query;
use axum::response::Response;
use grants_app::programmes::{self, ProgrammeFilter, ProgrammeStatus};
use serde::Serialize;

use super::{LIST, labels, t};
use crate::PageError;
use crate::pages::{CursorQuery, OrPage, Visit, localized, page_request, render, when};

#[derive(Debug, Serialize)]
pub(super) struct ListRow {
    pub(super) id: String,
    pub(super) code: String,
    pub(super) title: String,
    pub(super) status: &'static str,
    pub(super) status_label: String,
    pub(super) opens: String,
    pub(super) closes: String,
}

#[derive(Debug, Serialize)]
pub(super) struct ListPage {
    pub(super) t: BTreeMap<String, String>,
    pub(super) rows: Vec<ListRow>,
    pub(super) next: Option<String>,
}

/// The programmes a manager sets up, archived ones too.
pub(crate) async fn list(
    Visit(state, viewer): Visit,
    Query(query): Query<CursorQuery>,
) -> Result<Response, PageError> {
    let actor = viewer.signed_in(LIST)?;
    programmes::may_set_up(actor).or_page(&viewer)?;
    let request = page_request(query.cursor);
    let filter = ProgrammeFilter {
        include_archived: true,
    };
    let listed = programmes::list(&state.app, actor, &filter, &request)
        .await
        .or_page(&viewer)?;
    let locale = viewer.locale;
    let rows = listed
        .items
        .iter()
        .map(|p| {
            let status = match p.status {
                ProgrammeStatus::Upcoming => "upcoming",
                ProgrammeStatus::Open => "open",
                ProgrammeStatus::Closed => "closed",
                ProgrammeStatus::Archived => "archived",
            };
            ListRow {
                id: p.id.to_string(),
                code: p.spec.code.clone(),
                title: localized(&p.spec.title, locale, p.spec.default_locale),
                status,
                status_label: t(locale, &format!("status-{status}")),
                opens: when(viewer.locale, &p.spec, p.spec.opens_at),
                closes: when(viewer.locale, &p.spec, p.spec.closes_at),
            }
        })
        .collect();
    Ok(render(
        &viewer,
        "programmes",
        "programme-setup-list-title",
        ListPage {
            t: labels(locale),
            rows,
            next: listed.next_cursor.map(|c| format!("{LIST}?cursor={c}")),
        },
    ))
}
