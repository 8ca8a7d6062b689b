//! Bearer tokens, stored only as hashes of their secrets.

use chrono::{DateTime, Utc};
use grants_domain::{TokenId, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::StoreResult;
use crate::entity::api_token;

/// A token that is neither expired nor revoked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActiveToken {
    /// The token's id.
    pub id: TokenId,
    /// Whose token it is.
    pub user_id: UserId,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

/// Records a token by the hash of its secret.
pub async fn insert(
    c: &impl ConnectionTrait,
    user_id: UserId,
    token_hash: String,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> StoreResult<TokenId> {
    let id = TokenId::new();
    api_token::Entity::insert(api_token::ActiveModel {
        id: Set(id.uuid()),
        user_id: Set(user_id.uuid()),
        token_hash: Set(token_hash),
        created_at: Set(now),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
    })
    .exec_without_returning(c)
    .await?;
    Ok(id)
}

/// The token with this hash, if it still works at `now`.
pub async fn find_active(
    c: &impl ConnectionTrait,
    token_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<ActiveToken>> {
    let row = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(token_hash))
        .filter(api_token::Column::RevokedAt.is_null())
        .one(c)
        .await?;
    // Expiry is compared here rather than in SQL: SQLite keeps timestamps as text.
    Ok(row.filter(|t| t.expires_at > now).map(|t| ActiveToken {
        id: t.id.into(),
        user_id: t.user_id.into(),
        expires_at: t.expires_at,
    }))
}

/// Revokes one token; true if it was active.
pub async fn revoke(
    c: &impl ConnectionTrait,
    id: TokenId,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let result = api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, Expr::value(Some(now)))
        .filter(api_token::Column::Id.eq(id.uuid()))
        .filter(api_token::Column::RevokedAt.is_null())
        .exec(c)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Revokes every token of a user (deactivation, password change); returns how many.
pub async fn revoke_all_for_user(
    c: &impl ConnectionTrait,
    user_id: UserId,
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    let result = api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, Expr::value(Some(now)))
        .filter(api_token::Column::UserId.eq(user_id.uuid()))
        .filter(api_token::Column::RevokedAt.is_null())
        .exec(c)
        .await?;
    Ok(result.rows_affected)
}
