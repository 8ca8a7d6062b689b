use grants_app::Page;
use grants_app::audit::{self, AuditEventView, AuditFilter};

use super::handlers::handlers;
use super::responses::{Invalid, RestrictedListErrors};

handlers! {
    pub(super) fn routes(), tag = "audit";

    /// The audit trail, oldest first (administrators).
    get "/audit-events",
    fn list_audit_events((filter, page): Paged<AuditFilter>) -> Json<Page<AuditEventView>>,
        [RestrictedListErrors, Invalid] = audit::list(&filter, &page);

    /// The audit trail (the same filter), as CSV (administrators); on the
    /// who-read-what list.
    get "/audit-events.csv",
    fn export_audit_events_csv(filter: Query<AuditFilter>) -> csv,
        [RestrictedListErrors, Invalid] = audit::table(&filter);

    /// The audit trail, as a spreadsheet (xlsx) in the reader's language
    /// (administrators); on the who-read-what list.
    get "/audit-events.xlsx",
    fn export_audit_events_xlsx(filter: Query<AuditFilter>) -> xlsx,
        [RestrictedListErrors, Invalid] = audit::table(&filter);
}
