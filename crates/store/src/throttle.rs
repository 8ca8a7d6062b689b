//! Failed sign-in attempts per account and per client address, for slowing
//! down password guessing. Every attempt is claimed here before the
//! password is checked, by compare-and-set on the count, so parallel
//! guesses cannot all read the same count and all go through.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::StoreResult;
use crate::entity::sign_in_throttle::{self, Column as C};

/// What is recorded for one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempts {
    /// Attempts counted since the count was last forgotten.
    pub failures: u32,
    /// No attempt is taken before then.
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// When the count last changed.
    pub updated_at: DateTime<Utc>,
}

/// The attempts recorded for a key, if any.
pub async fn get(c: &impl ConnectionTrait, key: &str) -> StoreResult<Option<Attempts>> {
    let row = sign_in_throttle::Entity::find_by_id(key.to_owned())
        .one(c)
        .await?;
    Ok(row.map(|r| Attempts {
        failures: u32::try_from(r.failures).unwrap_or(0),
        next_attempt_at: r.next_attempt_at,
        updated_at: r.updated_at,
    }))
}

/// Records `next` for `key` if the count is still `seen` (`None`: no row
/// yet). False when another attempt got there first.
pub async fn claim(
    c: &impl ConnectionTrait,
    key: &str,
    seen: Option<u32>,
    next: Attempts,
) -> StoreResult<bool> {
    let failures = i32::try_from(next.failures).unwrap_or(i32::MAX);
    let changed = match seen {
        None => {
            let row = sign_in_throttle::ActiveModel {
                key: Set(key.to_owned()),
                failures: Set(failures),
                next_attempt_at: Set(next.next_attempt_at),
                updated_at: Set(next.updated_at),
            };
            sign_in_throttle::Entity::insert(row)
                .on_conflict(OnConflict::column(C::Key).do_nothing().to_owned())
                .exec_without_returning(c)
                .await?
        }
        Some(seen) => {
            sign_in_throttle::Entity::update_many()
                .col_expr(C::Failures, Expr::value(failures))
                .col_expr(C::NextAttemptAt, Expr::value(next.next_attempt_at))
                .col_expr(C::UpdatedAt, Expr::value(next.updated_at))
                .filter(C::Key.eq(key))
                .filter(C::Failures.eq(i32::try_from(seen).unwrap_or(i32::MAX)))
                .exec(c)
                .await?
                .rows_affected
        }
    };
    Ok(changed == 1)
}

/// Takes back one counted attempt of `key` (it succeeded); below `free`
/// attempts the next one waits for nothing.
pub async fn succeeded(c: &impl ConnectionTrait, key: &str, free: u32) -> StoreResult<()> {
    sign_in_throttle::Entity::update_many()
        .col_expr(C::Failures, Expr::col(C::Failures).sub(1))
        .filter(C::Key.eq(key))
        .filter(C::Failures.gt(0))
        .exec(c)
        .await?;
    sign_in_throttle::Entity::update_many()
        .col_expr(C::NextAttemptAt, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(C::Key.eq(key))
        .filter(C::Failures.lt(i32::try_from(free).unwrap_or(i32::MAX)))
        .exec(c)
        .await?;
    Ok(())
}

/// Forgets every attempt of `key`.
pub async fn clear(c: &impl ConnectionTrait, key: &str) -> StoreResult<()> {
    sign_in_throttle::Entity::delete_many()
        .filter(C::Key.eq(key))
        .exec(c)
        .await?;
    Ok(())
}
