//! Downloads of lists, as CSV and as spreadsheets in the reader's
//! language: a programme's ledger, payments, ranking and impact summary,
//! a programme's assignments and bids, the proposals, grants and reports
//! lists as filtered on their pages, and the accounts and the audit trail.
//! Each table is made by its use case, which says who may have it; a page
//! only names the file.

use axum::Router;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use grants_app::export::{ExportFormat, Table};
use grants_app::grants::GrantListFilter;
use grants_app::proposals::ProposalListFilter;
use grants_app::reports::ReportListFilter;
use grants_app::{Actor, App, AppResult};
use grants_domain::ProgrammeId;

use super::{OrPage, Visit};
use crate::{PageError, WebState};

/// One of a programme's exports, at an address of its own.
#[derive(Debug, Clone, Copy)]
enum Export {
    /// Every ledger entry with running totals.
    Ledger,
    /// Every payment.
    Payments,
    /// The proposals as the jury ranked them.
    Ranking,
    /// What the money built, and where.
    Impact,
    /// Every reviewer's assignments.
    Assignments,
    /// The reviewers' bids.
    Bids,
}

impl Export {
    /// The programme's page the export belongs to, where someone who is
    /// not signed in comes back to.
    fn page(self) -> &'static str {
        match self {
            Export::Ledger | Export::Payments => "ledger",
            Export::Ranking => "ranking",
            Export::Impact => "impact",
            Export::Assignments => "assignment",
            Export::Bids => "jury",
        }
    }

    /// The table, as its use case makes it.
    async fn table(self, app: &App, actor: &Actor, id: ProgrammeId) -> AppResult<Table> {
        match self {
            Export::Ledger => grants_app::ledger::ledger_table(app, actor, id).await,
            Export::Payments => grants_app::ledger::payments_table(app, actor, id).await,
            Export::Ranking => grants_app::reviews::ranking_table(app, actor, id).await,
            Export::Impact => grants_app::reports::impact_table(app, actor, id).await,
            Export::Assignments => grants_app::assignments::table(app, actor, id).await,
            Export::Bids => grants_app::jury::bids_table(app, actor, id).await,
        }
    }
}

/// Every download's address: `<list>.csv` and `<list>.xlsx`.
pub(crate) fn routes() -> Router<WebState> {
    let mut router = Router::new();
    for format in [ExportFormat::Csv, ExportFormat::Xlsx] {
        let ext = format.extension();
        for (name, export) in [
            ("ledger", Export::Ledger),
            ("payments", Export::Payments),
            ("ranking", Export::Ranking),
            ("impact", Export::Impact),
            ("assignments", Export::Assignments),
            ("bids", Export::Bids),
        ] {
            router = router.route(
                &format!("/app/programmes/{{id}}/{name}.{ext}"),
                get(move |visit, id| programme(visit, id, export, format)),
            );
        }
        router = router
            .route(
                &format!("/app/proposals.{ext}"),
                get(move |visit, query| proposals(visit, query, format)),
            )
            .route(
                &format!("/app/grants.{ext}"),
                get(move |visit, query| grants(visit, query, format)),
            )
            .route(
                &format!("/app/reports.{ext}"),
                get(move |visit, query| reports(visit, query, format)),
            )
            .route(
                &format!("/app/users.{ext}"),
                get(move |visit, query| users(visit, query, format)),
            )
            .route(
                &format!("/app/audit-events.{ext}"),
                get(move |visit| audit(visit, format)),
            );
    }
    router
}

/// A programme's `export` as a download.
async fn programme(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    export: Export,
    format: ExportFormat,
) -> Result<Response, PageError> {
    let page = format!("/app/programmes/{raw}/{}", export.page());
    let (actor, id) = viewer.signed_in_to(&page, &raw, "programme")?;
    let table = export.table(&state.app, actor, id).await.or_page(&viewer)?;
    send(&viewer, table, format)
}

/// The proposals list, as filtered on its page.
async fn proposals(
    Visit(state, viewer): Visit,
    Query(filter): Query<ProposalListFilter>,
    format: ExportFormat,
) -> Result<Response, PageError> {
    let actor = viewer.signed_in("/app/proposals")?;
    let table = grants_app::proposals::table(&state.app, actor, &filter)
        .await
        .or_page(&viewer)?;
    send(&viewer, table, format)
}

/// The grants list.
async fn grants(
    Visit(state, viewer): Visit,
    Query(filter): Query<GrantListFilter>,
    format: ExportFormat,
) -> Result<Response, PageError> {
    let actor = viewer.signed_in("/app/grants")?;
    let table = grants_app::grants::table(&state.app, actor, &filter)
        .await
        .or_page(&viewer)?;
    send(&viewer, table, format)
}

/// The reports list, as filtered on its page.
async fn reports(
    Visit(state, viewer): Visit,
    Query(filter): Query<ReportListFilter>,
    format: ExportFormat,
) -> Result<Response, PageError> {
    let actor = viewer.signed_in("/app/reports")?;
    let table = grants_app::reports::table(&state.app, actor, &filter)
        .await
        .or_page(&viewer)?;
    send(&viewer, table, format)
}

/// Every account (administrators).
async fn users(
    Visit(state, viewer): Visit,
    Query(filter): Query<grants_app::users::UserListFilter>,
    format: ExportFormat,
) -> Result<Response, PageError> {
    let actor = viewer.signed_in("/app/admin/users")?;
    let table = grants_app::users::table(&state.app, actor, &filter)
        .await
        .or_page(&viewer)?;
    send(&viewer, table, format)
}

/// The whole audit trail (administrators).
async fn audit(Visit(state, viewer): Visit, format: ExportFormat) -> Result<Response, PageError> {
    let actor = viewer.signed_in("/app/admin")?;
    let table = grants_app::audit::table(&state.app, actor, &Default::default())
        .await
        .or_page(&viewer)?;
    send(&viewer, table, format)
}

/// The table as a file to save, in the reader's language.
fn send(
    viewer: &crate::session::Viewer,
    table: Table,
    format: ExportFormat,
) -> Result<Response, PageError> {
    let download = grants_i18n::export::download(viewer.locale, table, format).or_page(viewer)?;
    Ok(file(download))
}

/// A file to save, by its name.
pub(crate) fn file(file: grants_i18n::export::Download) -> Response {
    (
        [
            (
                axum::http::header::CONTENT_TYPE,
                file.content_type.to_owned(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", file.file_name),
            ),
        ],
        file.bytes,
    )
        .into_response()
}
