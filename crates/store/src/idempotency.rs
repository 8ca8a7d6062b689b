//! Idempotency keys: a retried POST with the same key and body gets the
//! first response instead of acting twice.
//!
//! A key is claimed before the request is handled (a row without a
//! response), then completed with the response, or released when handling
//! failed unexpectedly so the client may try again. A claim whose request
//! never finished (the server died) is taken over after a while.

use chrono::{DateTime, Duration, Utc};
use grants_domain::UserId;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::StoreResult;
use crate::entity::idempotency_key;

/// How long a claim without a response blocks retries before it counts as abandoned.
const ABANDONED_AFTER: Duration = Duration::seconds(60);

/// What claiming a key found.
#[derive(Debug, Clone, PartialEq)]
pub enum Claim {
    /// The key is ours: handle the request, then [`complete`] or [`release`] it.
    Claimed,
    /// The same request was answered before: this is its response.
    Answered {
        /// The status.
        status: u16,
        /// The stored headers and body.
        response: serde_json::Value,
    },
    /// The key was used for a different request.
    Mismatch,
    /// The first request with this key is still being handled.
    InProgress,
}

/// Claims `key` for `user`'s request with `request_hash`.
pub async fn claim(
    c: &impl ConnectionTrait,
    user: UserId,
    key: &str,
    request_hash: &str,
    ttl: Duration,
    now: DateTime<Utc>,
) -> StoreResult<Claim> {
    // Expired keys are forgotten: the key may be used afresh.
    idempotency_key::Entity::delete_many()
        .filter(idempotency_key::Column::UserId.eq(user.uuid()))
        .filter(idempotency_key::Column::Key.eq(key))
        .filter(idempotency_key::Column::ExpiresAt.lte(now))
        .exec(c)
        .await?;
    let inserted = idempotency_key::Entity::insert(idempotency_key::ActiveModel {
        user_id: Set(user.uuid()),
        key: Set(key.to_owned()),
        request_hash: Set(request_hash.to_owned()),
        status: Set(None),
        response: Set(None),
        started_at: Set(now),
        expires_at: Set(now + ttl),
    })
    .on_conflict(
        OnConflict::columns([
            idempotency_key::Column::UserId,
            idempotency_key::Column::Key,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(c)
    .await?;
    if inserted == 1 {
        return Ok(Claim::Claimed);
    }
    let Some(row) = idempotency_key::Entity::find_by_id((user.uuid(), key.to_owned()))
        .one(c)
        .await?
    else {
        return Ok(Claim::InProgress);
    };
    if row.request_hash != request_hash {
        return Ok(Claim::Mismatch);
    }
    match (row.status, row.response) {
        (Some(status), Some(response)) => Ok(Claim::Answered {
            status: u16::try_from(status).unwrap_or(500),
            response,
        }),
        _ if now - row.started_at > ABANDONED_AFTER => {
            // Its request died with its server: take the claim over.
            let taken = idempotency_key::Entity::update_many()
                .col_expr(
                    idempotency_key::Column::StartedAt,
                    sea_orm::sea_query::Expr::value(now),
                )
                .filter(idempotency_key::Column::UserId.eq(user.uuid()))
                .filter(idempotency_key::Column::Key.eq(key))
                .filter(idempotency_key::Column::StartedAt.eq(row.started_at))
                .filter(idempotency_key::Column::Status.is_null())
                .exec(c)
                .await?;
            Ok(if taken.rows_affected == 1 {
                Claim::Claimed
            } else {
                Claim::InProgress
            })
        }
        _ => Ok(Claim::InProgress),
    }
}

/// Stores the response to a claimed key.
pub async fn complete(
    c: &impl ConnectionTrait,
    user: UserId,
    key: &str,
    status: u16,
    response: serde_json::Value,
) -> StoreResult<()> {
    idempotency_key::Entity::update_many()
        .col_expr(
            idempotency_key::Column::Status,
            sea_orm::sea_query::Expr::value(i32::from(status)),
        )
        .col_expr(
            idempotency_key::Column::Response,
            sea_orm::sea_query::Expr::value(response),
        )
        .filter(idempotency_key::Column::UserId.eq(user.uuid()))
        .filter(idempotency_key::Column::Key.eq(key))
        .exec(c)
        .await?;
    Ok(())
}

/// Gives a claimed key up, so a retry acts again (the first try failed unexpectedly).
pub async fn release(c: &impl ConnectionTrait, user: UserId, key: &str) -> StoreResult<()> {
    idempotency_key::Entity::delete_many()
        .filter(idempotency_key::Column::UserId.eq(user.uuid()))
        .filter(idempotency_key::Column::Key.eq(key))
        .filter(idempotency_key::Column::Status.is_null())
        .exec(c)
        .await?;
    Ok(())
}
