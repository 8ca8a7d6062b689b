//! Implementation reports and the programme's impact summary (the
//! reports' workflow routes are in [`super::steps`]).

use grants_app::Page;
use grants_app::reports::{
    self, ImpactView, MoveDueDateInput, ReportListFilter, ReportUpdateInput, ReportView,
};
use grants_domain::{GrantId, ProgrammeId, ReportId};

use super::handlers::handlers;
use super::params::{ACTED_ON_ETAG, EDITED_ETAG, GRANT_ID, PROGRAMME_ID, REPORT_ID};
use super::responses::{
    Invalid, ReadErrors, RestrictedErrors, RevisedWriteErrors, Unauthenticated,
};
use crate::problem::Problem;

handlers! {
    pub(super) fn routes(), tag = "reports";

    /// Reports: a grantee sees their own; finance, programme managers and
    /// administrators see all. `late=true` lists the overdue ones. A page at a time.
    get "/reports",
    fn list_reports((filter, page): Paged<ReportListFilter>) -> Json<Page<ReportView>>,
        [Unauthenticated, Invalid] = reports::list(&filter, &page);

    /// Every report of the list (the same filter and visibility), as CSV.
    get "/reports.csv",
    fn export_reports_csv(filter: Query<ReportListFilter>) -> csv,
        [Unauthenticated, Invalid] = reports::table(&filter);

    /// Every report of the list, as a spreadsheet (xlsx) in the reader's language.
    get "/reports.xlsx",
    fn export_reports_xlsx(filter: Query<ReportListFilter>) -> xlsx,
        [Unauthenticated, Invalid] = reports::table(&filter);

    /// One report: what the grantee wrote, indicators against the proposal's
    /// targets, spending against the budget, its due date and timeliness.
    get "/reports/{id}",
    fn get_report(id: IdPath<ReportId> = REPORT_ID) -> WithEtag<ReportView>,
        [ReadErrors] = reports::get(id);

    /// Write your report (the grantee, until it is accepted): send only the
    /// fields that change — narrative, activities, indicators, spending per
    /// budget line — and the revision (If-Match or `revision`).
    patch "/reports/{id}",
    fn update_report(
        id: IdPath<ReportId> = REPORT_ID,
        revision: IfMatch = EDITED_ETAG,
        input: Json<ReportUpdateInput>,
    ) -> WithEtag<ReportView>,
        [
            RevisedWriteErrors,
            (status = 409, description = "Stale revision, or the report can no longer be changed", body = Problem, content_type = "application/problem+json"),
        ] = reports::update(id, input, revision);

    /// Move a report's due date (programme managers, with a `comment` saying
    /// why; recorded on its history). A late report whose new date is ahead is
    /// due again, and its reminders follow the new date.
    post "/reports/{id}/due-date",
    fn move_due_date(
        id: IdPath<ReportId> = REPORT_ID,
        revision: IfMatch = ACTED_ON_ETAG,
        input: Json<MoveDueDateInput>,
    ) -> WithEtag<ReportView>,
        [RevisedWriteErrors] = reports::move_due_date(id, input, revision);

    /// A grant's reports, in schedule order.
    get "/grants/{id}/reports",
    fn grant_reports(id: IdPath<GrantId> = GRANT_ID) -> Json<Vec<ReportView>>,
        [ReadErrors] = reports::of_grant(id);

    /// What the money built, and where: indicators achieved (each grant's
    /// latest accepted report) against the proposals' targets, reports on time,
    /// late and overdue, money paid against awarded — per country and for the
    /// programme. Finance, programme managers and administrators.
    get "/programmes/{id}/impact",
    fn programme_impact(id: IdPath<ProgrammeId> = PROGRAMME_ID) -> Json<ImpactView>,
        [RestrictedErrors] = reports::impact(id);

    /// The impact summary as CSV: one line per country, then `all`.
    get "/programmes/{id}/impact.csv",
    fn programme_impact_csv(id: IdPath<ProgrammeId> = PROGRAMME_ID) -> csv,
        [RestrictedErrors] = reports::impact_table(id);

    /// The impact summary as a spreadsheet (xlsx) in the reader's language.
    get "/programmes/{id}/impact.xlsx",
    fn programme_impact_xlsx(id: IdPath<ProgrammeId> = PROGRAMME_ID) -> xlsx,
        [RestrictedErrors] = reports::impact_table(id);
}
