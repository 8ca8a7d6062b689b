//! A programme's CSV exports: its ledger and payments, its ranking and its
//! impact summary. Each is written by its use case, which says who may
//! have it; the page only names the file.

use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use grants_app::{Actor, App, AppResult};
use grants_domain::ProgrammeId;

use super::{OrPage, Visit};
use crate::PageError;

/// One of a programme's CSV exports, each at an address of its own.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Export {
    /// Every ledger entry with running totals.
    Ledger,
    /// Every payment.
    Payments,
    /// The proposals as the jury ranked them.
    Ranking,
    /// What the money built, and where.
    Impact,
}

impl Export {
    /// The programme's page the export belongs to, where someone who is
    /// not signed in comes back to.
    fn page(self) -> &'static str {
        match self {
            Export::Ledger | Export::Payments => "ledger",
            Export::Ranking => "ranking",
            Export::Impact => "impact",
        }
    }

    /// The name the file is saved under.
    fn filename(self, id: ProgrammeId) -> String {
        match self {
            Export::Ledger => format!("ledger-{id}.csv"),
            Export::Payments => format!("payments-{id}.csv"),
            Export::Ranking => format!("ranking-{id}.csv"),
            Export::Impact => "impact.csv".to_owned(),
        }
    }

    /// The file, as its use case writes it.
    async fn write(self, app: &App, actor: &Actor, id: ProgrammeId) -> AppResult<String> {
        match self {
            Export::Ledger => grants_app::ledger::ledger_csv(app, actor, id).await,
            Export::Payments => grants_app::ledger::payments_csv(app, actor, id).await,
            Export::Ranking => grants_app::reviews::ranking_csv(app, actor, id).await,
            Export::Impact => grants_app::reports::impact_csv(app, actor, id).await,
        }
    }
}

/// The programme's `export` as a download.
pub(crate) async fn download(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    export: Export,
) -> Result<Response, PageError> {
    let page = format!("/app/programmes/{raw}/{}", export.page());
    let (actor, id) = viewer.signed_in_to(&page, &raw, "programme")?;
    let body = export.write(&state.app, actor, id).await.or_page(&viewer)?;
    Ok(csv_download(&export.filename(id), &body))
}

/// A CSV download, with a byte-order mark so spreadsheets read it as UTF-8.
fn csv_download(filename: &str, body: &str) -> Response {
    (
        [
            (
                axum::http::header::CONTENT_TYPE,
                "text/csv; charset=utf-8".to_owned(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        format!("\u{feff}{body}"),
    )
        .into_response()
}
