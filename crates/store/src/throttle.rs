//! Failed log-in attempts per address, for slowing down password guessing.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::StoreResult;
use crate::entity::login_throttle;
use crate::query;

/// Recent failures for one address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Attempts {
    /// Failures since the last success or lock-out.
    pub failures: u32,
    /// Log-in refused until then.
    pub locked_until: Option<DateTime<Utc>>,
}

/// The attempts recorded for an address.
pub async fn get(c: &impl ConnectionTrait, email_normalized: &str) -> StoreResult<Attempts> {
    let row = login_throttle::Entity::find_by_id(email_normalized.to_owned())
        .one(c)
        .await?;
    Ok(row
        .map(|r| Attempts {
            failures: u32::try_from(r.failures).unwrap_or(0),
            locked_until: r.locked_until,
        })
        .unwrap_or_default())
}

/// Stores the attempts for an address, replacing what was there.
pub async fn put(
    c: &impl ConnectionTrait,
    email_normalized: &str,
    attempts: Attempts,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let row = login_throttle::ActiveModel {
        email_normalized: Set(email_normalized.to_owned()),
        failures: Set(i32::try_from(attempts.failures).unwrap_or(i32::MAX)),
        locked_until: Set(attempts.locked_until),
        updated_at: Set(now),
    };
    let changed = [
        login_throttle::Column::Failures,
        login_throttle::Column::LockedUntil,
        login_throttle::Column::UpdatedAt,
    ];
    query::upsert(c, row, [login_throttle::Column::EmailNormalized], changed).await
}

/// Forgets the failures of an address after a successful log-in.
pub async fn clear(c: &impl ConnectionTrait, email_normalized: &str) -> StoreResult<()> {
    login_throttle::Entity::delete_many()
        .filter(login_throttle::Column::EmailNormalized.eq(email_normalized))
        .exec(c)
        .await?;
    Ok(())
}
