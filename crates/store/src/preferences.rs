//! How each person wants non-urgent email: at once (the default) or in a daily summary.

use grants_domain::UserId;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use crate::StoreResult;
use crate::entity::notification_preference;
use crate::query;

/// Events the person wants in a daily summary.
pub async fn daily_events(c: &impl ConnectionTrait, user: UserId) -> StoreResult<Vec<String>> {
    Ok(notification_preference::Entity::find()
        .filter(notification_preference::Column::UserId.eq(user.uuid()))
        .filter(notification_preference::Column::Delivery.eq("daily"))
        .order_by_asc(notification_preference::Column::Event)
        .all(c)
        .await?
        .into_iter()
        .map(|p| p.event)
        .collect())
}

/// Replaces the person's choice: `daily` events go into the summary, every other at once.
pub async fn set_daily_events(
    c: &impl ConnectionTrait,
    user: UserId,
    daily: &[String],
) -> StoreResult<()> {
    let rows = daily
        .iter()
        .map(|event| notification_preference::ActiveModel {
            user_id: Set(user.uuid()),
            event: Set(event.clone()),
            delivery: Set("daily".to_owned()),
        })
        .collect();
    let owned = notification_preference::Column::UserId.eq(user.uuid());
    query::replace_rows(c, owned, rows).await
}
