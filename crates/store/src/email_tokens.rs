//! Single-use secrets sent by email, stored only as hashes.

use chrono::{DateTime, Utc};
use grants_domain::UserId;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

use crate::StoreResult;
use crate::entity::email_token;
use crate::query;

/// Confirms that a person reads the address they registered with.
pub const VERIFY_EMAIL: &str = "verify_email";
/// Lets a person choose a new password.
pub const RESET_PASSWORD: &str = "reset_password";
/// A sign-in whose password was right, waiting for its second factor
/// (never mailed: it lives in the browser's cookie).
pub const SIGN_IN_CHALLENGE: &str = "sign_in_challenge";

/// Records a token by the hash of its secret.
pub async fn insert(
    c: &impl ConnectionTrait,
    user: UserId,
    purpose: &str,
    token_hash: String,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let row = email_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user.uuid()),
        purpose: Set(purpose.to_owned()),
        token_hash: Set(token_hash),
        expires_at: Set(expires_at),
        used_at: Set(None),
        created_at: Set(now),
    };
    query::insert(c, row).await
}

/// The user of the unexpired, unused token with this hash and purpose,
/// leaving it unused.
pub async fn holder(
    c: &impl ConnectionTrait,
    token_hash: &str,
    purpose: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<UserId>> {
    let token = email_token::Entity::find()
        .filter(email_token::Column::TokenHash.eq(token_hash))
        .filter(email_token::Column::Purpose.eq(purpose))
        .filter(email_token::Column::UsedAt.is_null())
        .one(c)
        .await?;
    // Compared here: SQLite keeps timestamps as text.
    Ok(token
        .filter(|t| t.expires_at > now)
        .map(|t| t.user_id.into()))
}

/// Uses up the unexpired, unused token with this hash and purpose; returns
/// its user. A second use finds nothing.
pub async fn redeem(
    c: &impl ConnectionTrait,
    token_hash: &str,
    purpose: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<UserId>> {
    let Some(token) = email_token::Entity::find()
        .filter(email_token::Column::TokenHash.eq(token_hash))
        .filter(email_token::Column::Purpose.eq(purpose))
        .filter(email_token::Column::UsedAt.is_null())
        .one(c)
        .await?
    else {
        return Ok(None);
    };
    // Compared here: SQLite keeps timestamps as text.
    if token.expires_at <= now {
        return Ok(None);
    }
    let used = email_token::Entity::update_many()
        .col_expr(email_token::Column::UsedAt, Expr::value(Some(now)))
        .filter(email_token::Column::Id.eq(token.id))
        .filter(email_token::Column::UsedAt.is_null())
        .exec(c)
        .await?;
    Ok((used.rows_affected == 1).then(|| token.user_id.into()))
}

/// When the user's newest token of `purpose` was made, to limit how often mail is sent.
pub async fn latest(
    c: &impl ConnectionTrait,
    user: UserId,
    purpose: &str,
) -> StoreResult<Option<DateTime<Utc>>> {
    Ok(email_token::Entity::find()
        .filter(email_token::Column::UserId.eq(user.uuid()))
        .filter(email_token::Column::Purpose.eq(purpose))
        .order_by_desc(email_token::Column::CreatedAt)
        .one(c)
        .await?
        .map(|t| t.created_at))
}
