//! Idempotency keys for POSTs that move state or money: the first response
//! to a key is kept (for `[server] idempotency_key_ttl_seconds`), a retry with
//! the same key and the same request gets it again without acting, and the
//! same key with another request is refused.

use chrono::Utc;
use grants_store::idempotency::{self, Claim};

use crate::{Actor, App, AppResult};

/// Claims `key` for the actor's request, identified by `request_hash`.
pub async fn claim(app: &App, actor: &Actor, key: &str, request_hash: &str) -> AppResult<Claim> {
    Ok(idempotency::claim(
        app.store.conn(),
        actor.id,
        key,
        request_hash,
        app.idempotency_ttl,
        Utc::now(),
    )
    .await?)
}

/// Keeps the response to a claimed key.
pub async fn complete(
    app: &App,
    actor: &Actor,
    key: &str,
    status: u16,
    response: serde_json::Value,
) -> AppResult<()> {
    Ok(idempotency::complete(app.store.conn(), actor.id, key, status, response).await?)
}

/// Lets a claimed key go after an unexpected failure, so a retry acts again.
pub async fn release(app: &App, actor: &Actor, key: &str) -> AppResult<()> {
    Ok(idempotency::release(app.store.conn(), actor.id, key).await?)
}

pub use grants_store::idempotency::Claim as KeyClaim;
