use grants_app::Page;
use grants_app::reads::{self, ReadFilter, SensitiveReadView};

use super::handlers::handlers;
use super::responses::RestrictedListErrors;

handlers! {
    pub(super) fn routes(), tag = "audit";

    /// Who read what sensitive, oldest first (administrators): downloads
    /// of attached files, reads of a proposal's reviews, and exports of a
    /// programme's ledger, payments and ranking. The same read by the same
    /// person within ten minutes is one.
    get "/sensitive-reads",
    fn list_sensitive_reads((filter, page): Paged<ReadFilter>) -> Json<Page<SensitiveReadView>>,
        [RestrictedListErrors] = reads::list(&filter, &page);
}
