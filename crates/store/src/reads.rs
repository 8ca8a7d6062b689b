//! Reads of what is sensitive: who read which file, reviews or export, and when.

use chrono::{DateTime, Utc};
use grants_domain::UserId;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

use crate::StoreResult;
use crate::entity::sensitive_read;
use crate::query;

/// One recorded read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SensitiveRead {
    /// Its id (a UUIDv7: ordered by time).
    pub id: Uuid,
    /// When.
    pub occurred_at: DateTime<Utc>,
    /// Who read.
    pub actor: UserId,
    /// What kind of read, e.g. `attachment.downloaded`.
    pub action: String,
    /// The kind of object read.
    pub subject_type: String,
    /// The object read.
    pub subject_id: Uuid,
}

/// Records that `actor` read `subject`, unless the same person read the
/// same thing the same way since `unless_since`: one read of a page and
/// its reloads is one line.
pub async fn record(
    c: &impl ConnectionTrait,
    actor: UserId,
    action: &str,
    (subject_type, subject_id): (&str, Uuid),
    now: DateTime<Utc>,
    unless_since: DateTime<Utc>,
) -> StoreResult<()> {
    let recent = sensitive_read::Entity::find()
        .filter(sensitive_read::Column::ActorId.eq(actor.uuid()))
        .filter(sensitive_read::Column::SubjectId.eq(subject_id))
        .filter(sensitive_read::Column::Action.eq(action))
        .order_by_desc(sensitive_read::Column::Id)
        .one(c)
        .await?;
    // Compared here rather than in SQL: SQLite keeps timestamps as text.
    if recent.is_some_and(|r| r.occurred_at >= unless_since) {
        return Ok(());
    }
    let row = sensitive_read::ActiveModel {
        id: Set(Uuid::now_v7()),
        occurred_at: Set(now),
        actor_id: Set(actor.uuid()),
        action: Set(action.to_owned()),
        subject_type: Set(subject_type.to_owned()),
        subject_id: Set(subject_id),
    };
    query::insert(c, row).await
}

/// Up to `limit` reads after `after`, oldest first, perhaps only one person's.
pub async fn list(
    c: &impl ConnectionTrait,
    actor: Option<UserId>,
    after: Option<Uuid>,
    limit: u64,
) -> StoreResult<Vec<SensitiveRead>> {
    let mut select = sensitive_read::Entity::find();
    if let Some(actor) = actor {
        select = select.filter(sensitive_read::Column::ActorId.eq(actor.uuid()));
    }
    query::page(c, select, sensitive_read::Column::Id, after, limit, |row| {
        Ok(read(row))
    })
    .await
}

/// The latest `limit` reads, newest first.
pub async fn latest(c: &impl ConnectionTrait, limit: u64) -> StoreResult<Vec<SensitiveRead>> {
    let rows = sensitive_read::Entity::find()
        .order_by_desc(sensitive_read::Column::Id)
        .limit(limit)
        .all(c)
        .await?;
    Ok(rows.into_iter().map(read).collect())
}

fn read(row: sensitive_read::Model) -> SensitiveRead {
    SensitiveRead {
        id: row.id,
        occurred_at: row.occurred_at,
        actor: row.actor_id.into(),
        action: row.action,
        subject_type: row.subject_type,
        subject_id: row.subject_id,
    }
}
