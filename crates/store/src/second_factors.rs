//! Each person's second factor (a TOTP secret) and recovery codes. Every
//! use of a code is a compare-and-set, so a code is accepted once even
//! when two requests bring it at the same moment.

use chrono::{DateTime, Utc};
use grants_domain::UserId;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
};
use uuid::Uuid;

use crate::StoreResult;
use crate::entity::{recovery_code, second_factor};
use crate::query;

/// A person's second factor as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecondFactor {
    /// The TOTP secret, base32, sealed (see the app's `secrets`).
    pub secret: String,
    /// When a first code confirmed it; `None` while enrolment is pending.
    pub confirmed_at: Option<DateTime<Utc>>,
    /// The last time step accepted.
    pub last_step: i64,
}

/// The second factor of `user`, confirmed or pending.
pub async fn find(c: &impl ConnectionTrait, user: UserId) -> StoreResult<Option<SecondFactor>> {
    Ok(second_factor::Entity::find_by_id(user.uuid())
        .one(c)
        .await?
        .map(|row| SecondFactor {
            secret: row.secret,
            confirmed_at: row.confirmed_at,
            last_step: row.last_step,
        }))
}

/// Every stored secret, by person (for sealing them at start-up).
pub async fn all_secrets(c: &impl ConnectionTrait) -> StoreResult<Vec<(UserId, String)>> {
    use sea_orm::QuerySelect;
    let rows: Vec<(Uuid, String)> = second_factor::Entity::find()
        .select_only()
        .column(second_factor::Column::UserId)
        .column(second_factor::Column::Secret)
        .into_tuple()
        .all(c)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(u, s)| (UserId::from(u), s))
        .collect())
}

/// Replaces a person's stored secret by the same secret sealed.
pub async fn set_secret(c: &impl ConnectionTrait, user: UserId, sealed: &str) -> StoreResult<()> {
    second_factor::Entity::update_many()
        .col_expr(second_factor::Column::Secret, Expr::value(sealed))
        .filter(second_factor::Column::UserId.eq(user.uuid()))
        .exec(c)
        .await?;
    Ok(())
}

/// Whether `user` has a confirmed second factor (sign-in asks for a code).
pub async fn is_on(c: &impl ConnectionTrait, user: UserId) -> StoreResult<bool> {
    Ok(find(c, user)
        .await?
        .is_some_and(|f| f.confirmed_at.is_some()))
}

/// Starts (or starts again) an enrolment with a new secret. Only a pending
/// enrolment is replaced: false if a confirmed factor is in place.
pub async fn begin(
    c: &impl ConnectionTrait,
    user: UserId,
    secret: &str,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    second_factor::Entity::delete_many()
        .filter(second_factor::Column::UserId.eq(user.uuid()))
        .filter(second_factor::Column::ConfirmedAt.is_null())
        .exec(c)
        .await?;
    let inserted = second_factor::Entity::insert(second_factor::ActiveModel {
        user_id: Set(user.uuid()),
        secret: Set(secret.to_owned()),
        confirmed_at: Set(None),
        last_step: Set(0),
        created_at: Set(now),
    })
    .on_conflict(
        sea_orm::sea_query::OnConflict::column(second_factor::Column::UserId)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(c)
    .await?;
    Ok(inserted == 1)
}

/// Confirms a pending enrolment by its first code's time step; false if
/// there was none pending.
pub async fn confirm(
    c: &impl ConnectionTrait,
    user: UserId,
    step: i64,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let result = second_factor::Entity::update_many()
        .col_expr(second_factor::Column::ConfirmedAt, Expr::value(Some(now)))
        .col_expr(second_factor::Column::LastStep, Expr::value(step))
        .filter(second_factor::Column::UserId.eq(user.uuid()))
        .filter(second_factor::Column::ConfirmedAt.is_null())
        .exec(c)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Accepts a code of time step `step` once: false if that step or a later
/// one was accepted already (a replayed or older code).
pub async fn use_step(c: &impl ConnectionTrait, user: UserId, step: i64) -> StoreResult<bool> {
    let result = second_factor::Entity::update_many()
        .col_expr(second_factor::Column::LastStep, Expr::value(step))
        .filter(second_factor::Column::UserId.eq(user.uuid()))
        .filter(second_factor::Column::ConfirmedAt.is_not_null())
        .filter(second_factor::Column::LastStep.lt(step))
        .exec(c)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Removes the second factor and every recovery code of `user`.
pub async fn remove(c: &impl ConnectionTrait, user: UserId) -> StoreResult<()> {
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(user.uuid()))
        .exec(c)
        .await?;
    second_factor::Entity::delete_many()
        .filter(second_factor::Column::UserId.eq(user.uuid()))
        .exec(c)
        .await?;
    Ok(())
}

/// Replaces the recovery codes of `user` with these hashes.
pub async fn replace_recovery_codes(
    c: &impl ConnectionTrait,
    user: UserId,
    hashes: Vec<String>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let rows = hashes
        .into_iter()
        .map(|hash| recovery_code::ActiveModel {
            id: Set(Uuid::now_v7()),
            user_id: Set(user.uuid()),
            code_hash: Set(hash),
            used_at: Set(None),
            created_at: Set(now),
        })
        .collect();
    query::replace_rows(c, recovery_code::Column::UserId.eq(user.uuid()), rows).await
}

/// Uses up the unused recovery code with this hash; false if there is none.
pub async fn use_recovery_code(
    c: &impl ConnectionTrait,
    user: UserId,
    code_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let result = recovery_code::Entity::update_many()
        .col_expr(recovery_code::Column::UsedAt, Expr::value(Some(now)))
        .filter(recovery_code::Column::UserId.eq(user.uuid()))
        .filter(recovery_code::Column::CodeHash.eq(code_hash))
        .filter(recovery_code::Column::UsedAt.is_null())
        .exec(c)
        .await?;
    Ok(result.rows_affected == 1)
}

/// How many unused recovery codes `user` has.
pub async fn recovery_codes_left(c: &impl ConnectionTrait, user: UserId) -> StoreResult<u64> {
    Ok(recovery_code::Entity::find()
        .filter(recovery_code::Column::UserId.eq(user.uuid()))
        .filter(recovery_code::Column::UsedAt.is_null())
        .count(c)
        .await?)
}
