//! "Who read what": the latest reads of sensitive things (files,
//! reviews, exports of ledgers, payments and rankings), for administrators.

use axum::response::Response;
use grants_app::reads::{self, SensitiveReadView};
use serde::Serialize;

use super::{OrPage, Visit, render};
use crate::PageError;
use crate::i18n::text;
use crate::session::Viewer;

/// The page's address.
pub(crate) const HERE: &str = "/app/admin/reads";

/// How many reads the page shows.
const SHOWN: u64 = 200;

#[derive(Debug, Serialize)]
struct Row {
    when: String,
    who: String,
    email: String,
    what: String,
    /// What was read is called.
    which: String,
    /// Its page, where it has one.
    link: Option<String>,
}

#[derive(Debug, Serialize)]
struct ReadsPage {
    reads: Vec<Row>,
}

/// The latest reads, newest first.
pub(crate) async fn show(Visit(state, viewer): Visit) -> Result<Response, PageError> {
    let actor = viewer.signed_in(HERE)?;
    let latest = reads::latest(&state.app, actor, SHOWN)
        .await
        .or_page(&viewer)?;
    let shown = ReadsPage {
        reads: latest.into_iter().map(|r| row(&viewer, r)).collect(),
    };
    Ok(render(&viewer, "reads", "reads-title", shown))
}

fn row(viewer: &Viewer, r: SensitiveReadView) -> Row {
    let format = grants_app::Formatter::new(viewer.locale, chrono_tz::UTC);
    let id = r.subject_id;
    let link = match (r.subject_type.as_str(), r.action.as_str()) {
        ("proposal", _) => Some(format!("/app/proposals/{id}")),
        ("programme", "ranking.exported") => Some(format!("/app/programmes/{id}/ranking")),
        ("programme", _) => Some(format!("/app/programmes/{id}/ledger")),
        _ => None,
    };
    Row {
        when: format.date_time(r.occurred_at),
        who: r.actor_name,
        email: r.actor_email,
        what: text(
            viewer.locale,
            &format!("read-{}", r.action.replace('.', "-")),
        ),
        which: r
            .subject_name
            .unwrap_or_else(|| text(viewer.locale, "reads-gone")),
        link,
    }
}
