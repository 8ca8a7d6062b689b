use grants_app::Page;
use grants_app::audit::{self, AuditEventView, AuditFilter};

use super::handlers::handlers;
use super::responses::RestrictedListErrors;

handlers! {
    pub(super) fn routes(), tag = "audit";

    /// The audit trail, oldest first (administrators).
    get "/audit-events",
    fn list_audit_events((filter, page): Paged<AuditFilter>) -> Json<Page<AuditEventView>>,
        [RestrictedListErrors] = audit::list(&filter, &page);
}
