//! Bearer tokens, stored only as hashes of their secrets.

use chrono::{DateTime, Utc};
use grants_domain::{TokenId, UserId};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, IntoCondition};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::StoreResult;
use crate::entity::{api_token, second_factor, user};
use crate::query;
use crate::users::{self, UserRecord};

/// A token that is neither expired nor revoked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActiveToken {
    /// The token's id.
    pub id: TokenId,
    /// Whose token it is.
    pub user_id: UserId,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
    /// When its holder last proved their second factor with it.
    pub second_factor_at: Option<DateTime<Utc>>,
    /// Whether its holder has a second factor.
    pub holder_has_second_factor: bool,
    /// When it was last used (kept to the minute).
    pub last_used_at: Option<DateTime<Utc>>,
}

/// Where a token was signed in from, kept to show its holder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// `browser` or `api`.
    pub kind: &'static str,
    /// The client's address.
    pub client_address: Option<String>,
    /// The client's own name for itself (`User-Agent`).
    pub user_agent: Option<String>,
}

/// A token that still works, as its holder sees it among their sessions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    /// The token's id.
    pub id: TokenId,
    /// `browser` or `api`.
    pub kind: String,
    /// When it was issued.
    pub created_at: DateTime<Utc>,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
    /// When it was last used.
    pub last_used_at: Option<DateTime<Utc>>,
    /// The address it was signed in from.
    pub client_address: Option<String>,
    /// The program it was signed in with.
    pub user_agent: Option<String>,
}

/// Records a token by the hash of its secret.
pub async fn insert(
    c: &impl ConnectionTrait,
    user_id: UserId,
    token_hash: String,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    second_factor_at: Option<DateTime<Utc>>,
    origin: Origin,
) -> StoreResult<TokenId> {
    let id = TokenId::new();
    let row = api_token::ActiveModel {
        id: Set(id.uuid()),
        user_id: Set(user_id.uuid()),
        token_hash: Set(token_hash),
        created_at: Set(now),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
        second_factor_at: Set(second_factor_at),
        kind: Set(origin.kind.to_owned()),
        client_address: Set(origin.client_address),
        user_agent: Set(origin.user_agent),
        last_used_at: Set(Some(now)),
    };
    query::insert(c, row).await?;
    Ok(id)
}

/// The token with this hash and the account holding it, with its roles, if
/// the token still works at `now`: one round trip, as every API request
/// starts with it.
pub async fn find_active(
    c: &impl ConnectionTrait,
    token_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<(ActiveToken, UserRecord)>> {
    let mut query = users::with_roles();
    query
        .expr_as(
            Expr::col((api_token::Entity, api_token::Column::Id)),
            Alias::new("token_id"),
        )
        .expr_as(
            Expr::col((api_token::Entity, api_token::Column::ExpiresAt)),
            Alias::new("token_expires_at"),
        )
        .expr_as(
            Expr::col((api_token::Entity, api_token::Column::SecondFactorAt)),
            Alias::new("token_second_factor_at"),
        )
        .expr_as(
            Expr::col((api_token::Entity, api_token::Column::LastUsedAt)),
            Alias::new("token_last_used_at"),
        )
        .expr_as(
            Expr::col((second_factor::Entity, second_factor::Column::ConfirmedAt)),
            Alias::new("second_factor_confirmed_at"),
        )
        .left_join(
            second_factor::Entity,
            Expr::col((second_factor::Entity, second_factor::Column::UserId))
                .equals((user::Entity, user::Column::Id)),
        )
        .inner_join(
            api_token::Entity,
            Expr::col((api_token::Entity, api_token::Column::UserId))
                .equals((user::Entity, user::Column::Id)),
        )
        .and_where(Expr::col((api_token::Entity, api_token::Column::TokenHash)).eq(token_hash))
        .and_where(Expr::col((api_token::Entity, api_token::Column::RevokedAt)).is_null());
    let rows = c.query_all(&query).await?;
    let Some((holder, row)) = users::group_with_roles(&rows)?.into_iter().next() else {
        return Ok(None);
    };
    let token = ActiveToken {
        id: row.try_get::<Uuid>("", "token_id")?.into(),
        user_id: holder.id,
        expires_at: row.try_get("", "token_expires_at")?,
        second_factor_at: row.try_get("", "token_second_factor_at")?,
        holder_has_second_factor: row
            .try_get::<Option<DateTime<Utc>>>("", "second_factor_confirmed_at")?
            .is_some(),
        last_used_at: row.try_get("", "token_last_used_at")?,
    };
    // Expiry is compared here rather than in SQL: SQLite keeps timestamps as text.
    Ok((token.expires_at > now).then_some((token, holder)))
}

/// Records that token `id` was used at `now`.
pub async fn touch(c: &impl ConnectionTrait, id: TokenId, now: DateTime<Utc>) -> StoreResult<()> {
    api_token::Entity::update_many()
        .col_expr(api_token::Column::LastUsedAt, Expr::value(Some(now)))
        .filter(api_token::Column::Id.eq(id.uuid()))
        .exec(c)
        .await?;
    Ok(())
}

/// The tokens of `user_id` that still work at `now`, the most recently
/// used first.
pub async fn sessions_of(
    c: &impl ConnectionTrait,
    user_id: UserId,
    now: DateTime<Utc>,
) -> StoreResult<Vec<SessionRecord>> {
    let rows = api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(user_id.uuid()))
        .filter(api_token::Column::RevokedAt.is_null())
        .all(c)
        .await?;
    // Expiry is compared here rather than in SQL: SQLite keeps timestamps as text.
    let mut sessions: Vec<SessionRecord> = rows
        .into_iter()
        .filter(|row| row.expires_at > now)
        .map(|row| SessionRecord {
            id: row.id.into(),
            kind: row.kind,
            created_at: row.created_at,
            expires_at: row.expires_at,
            last_used_at: row.last_used_at,
            client_address: row.client_address,
            user_agent: row.user_agent,
        })
        .collect();
    sessions.sort_by_key(|s| std::cmp::Reverse(s.last_used_at.unwrap_or(s.created_at)));
    Ok(sessions)
}

/// Revokes token `id` if it is one of `user_id`'s and still active; true if it was.
pub async fn revoke_own(
    c: &impl ConnectionTrait,
    user_id: UserId,
    id: TokenId,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let which = sea_orm::Condition::all()
        .add(api_token::Column::UserId.eq(user_id.uuid()))
        .add(api_token::Column::Id.eq(id.uuid()));
    Ok(revoke_where(c, which, now).await? == 1)
}

/// Revokes one token; true if it was active.
pub async fn revoke(
    c: &impl ConnectionTrait,
    id: TokenId,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    Ok(revoke_where(c, api_token::Column::Id.eq(id.uuid()), now).await? == 1)
}

/// Revokes every token of a user (deactivation, password change); returns how many.
pub async fn revoke_all_for_user(
    c: &impl ConnectionTrait,
    user_id: UserId,
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    revoke_where(c, api_token::Column::UserId.eq(user_id.uuid()), now).await
}

/// Revokes every token of a user but `keep` (the second factor changed:
/// the other sessions end); returns how many.
pub async fn revoke_others(
    c: &impl ConnectionTrait,
    user_id: UserId,
    keep: TokenId,
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    revoke_where(
        c,
        sea_orm::Condition::all()
            .add(api_token::Column::UserId.eq(user_id.uuid()))
            .add(api_token::Column::Id.ne(keep.uuid())),
        now,
    )
    .await
}

/// Records that the holder of token `id` proved their second factor at `now`.
pub async fn mark_second_factor(
    c: &impl ConnectionTrait,
    id: TokenId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    api_token::Entity::update_many()
        .col_expr(api_token::Column::SecondFactorAt, Expr::value(Some(now)))
        .filter(api_token::Column::Id.eq(id.uuid()))
        .exec(c)
        .await?;
    Ok(())
}

/// Revokes the active tokens `which` selects; returns how many.
async fn revoke_where(
    c: &impl ConnectionTrait,
    which: impl IntoCondition,
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    let result = api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, Expr::value(Some(now)))
        .filter(which)
        .filter(api_token::Column::RevokedAt.is_null())
        .exec(c)
        .await?;
    Ok(result.rows_affected)
}
