//! What the searchable lists (proposals, accounts, reports) share: the
//! words of a search, and the search text of rows written before their
//! list could be searched. Each row's search text is its words in the
//! search form (`grants_domain::text::search_form`), written by the store
//! with the row.

use grants_domain::ValidationErrors;

use crate::{App, AppResult};

/// The words of a search (`q`) in their search form, or why it is
/// refused, naming the field.
pub(crate) fn words(q: Option<&str>) -> AppResult<Vec<String>> {
    let Some(q) = q else {
        return Ok(Vec::new());
    };
    grants_domain::text::search_words(q).map_err(|e| {
        let mut errors = ValidationErrors::default();
        errors.push_parse("q", e);
        errors.into()
    })
}

/// Fills in the search text of the proposals, accounts and reports written
/// before they could be searched, a batch at a time (at start-up): how
/// many of each.
pub async fn index_written_before(app: &App) -> AppResult<[(&'static str, usize); 3]> {
    let c = app.store.conn();
    Ok([
        (
            "proposals",
            in_batches(|| grants_store::proposals::fill_search_text(c, BATCH)).await?,
        ),
        (
            "accounts",
            in_batches(|| grants_store::users::fill_search_text(c, BATCH)).await?,
        ),
        (
            "reports",
            in_batches(|| grants_store::reports::fill_search_text(c, BATCH)).await?,
        ),
    ])
}

/// Rows filled in by one call of a store's `fill_search_text`.
const BATCH: u64 = 500;

/// Calls `fill` until it fills nothing more: how many in all.
async fn in_batches<F, Fut>(mut fill: F) -> AppResult<usize>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = grants_store::StoreResult<usize>>,
{
    let mut done = 0;
    loop {
        match fill().await? {
            0 => return Ok(done),
            filled => done += filled,
        }
    }
}
