//! Persistence of Innovation Awards over SQLite (embedded default) and
//! PostgreSQL (production), through sea-orm.
//!
//! Repository functions take any [`ConnectionTrait`], so a use case can run
//! several of them inside one transaction ([`Store::begin`]) and commit all
//! or nothing. They return records built from domain types; a row that no
//! longer parses is reported as [`StoreError::Corrupt`], never panicked on.

pub mod attachments;
pub mod audit;
pub mod backup;
pub mod bank_accounts;
mod connect;
pub mod conversations;
pub mod email_tokens;
mod entity;
pub mod erasure;
mod error;
pub mod grants;
pub mod idempotency;
pub mod identities;
pub mod ledger;
pub mod outbox;
pub mod preferences;
pub mod programmes;
pub mod proposals;
mod query;
pub mod reads;
pub mod reports;
pub mod review;
#[cfg(feature = "bench")]
pub mod scale;
pub mod second_factors;
pub mod showcase;
pub mod teams;
pub mod throttle;
pub mod timers;
pub mod tokens;
pub mod users;
pub mod workflows;

pub use connect::{Backend, DatabaseSettings, Store};
pub use error::StoreError;
pub use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction};

/// Result of a store operation.
pub type StoreResult<T> = Result<T, StoreError>;

/// Reads the rows for `ids` a thousand ids at a time, since both databases
/// cap the parameters of one statement, and gathers what each read found:
/// a page's worth is one query.
pub(crate) async fn in_chunks<'a, I, T, Fut>(
    ids: &'a [I],
    mut read: impl FnMut(&'a [I]) -> Fut,
) -> StoreResult<Vec<T>>
where
    Fut: std::future::Future<Output = StoreResult<Vec<T>>>,
{
    let mut found = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(1_000) {
        found.extend(read(chunk).await?);
    }
    Ok(found)
}
