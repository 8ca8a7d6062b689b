//! The audit trail: who did what to which object, and when.

use chrono::{DateTime, Utc};
use grants_domain::{AuditEventId, UserId};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

use crate::StoreResult;
use crate::entity::audit_event;

/// One thing that happened, to be recorded with the change it describes.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    /// Who did it; `None` for the system (bootstrap, timers).
    pub actor: Option<UserId>,
    /// What was done, e.g. `programme.created`.
    pub action: &'static str,
    /// The kind of object, e.g. `programme`.
    pub subject_type: &'static str,
    /// The object's id.
    pub subject_id: Option<Uuid>,
    /// Whatever else explains the event (changed fields, reasons).
    pub details: serde_json::Value,
}

/// A recorded event.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEvent {
    /// The event's id (time-ordered).
    pub id: AuditEventId,
    /// When it happened.
    pub occurred_at: DateTime<Utc>,
    /// Who did it.
    pub actor: Option<UserId>,
    /// What was done.
    pub action: String,
    /// The kind of object.
    pub subject_type: String,
    /// The object's id.
    pub subject_id: Option<Uuid>,
    /// Details.
    pub details: serde_json::Value,
}

/// Appends an entry; call it inside the transaction of the change it describes.
pub async fn record(
    c: &impl ConnectionTrait,
    entry: AuditEntry,
    now: DateTime<Utc>,
) -> StoreResult<AuditEventId> {
    let id = AuditEventId::new();
    audit_event::Entity::insert(audit_event::ActiveModel {
        id: Set(id.uuid()),
        occurred_at: Set(now),
        actor_id: Set(entry.actor.map(UserId::uuid)),
        action: Set(entry.action.to_owned()),
        subject_type: Set(entry.subject_type.to_owned()),
        subject_id: Set(entry.subject_id),
        details: Set(entry.details),
    })
    .exec_without_returning(c)
    .await?;
    Ok(id)
}

/// Up to `limit` events after `after`, oldest first, optionally for one object.
pub async fn list(
    c: &impl ConnectionTrait,
    subject: Option<(&str, Uuid)>,
    after: Option<AuditEventId>,
    limit: u64,
) -> StoreResult<Vec<AuditEvent>> {
    let mut query = audit_event::Entity::find().order_by_asc(audit_event::Column::Id);
    if let Some((kind, id)) = subject {
        query = query
            .filter(audit_event::Column::SubjectType.eq(kind))
            .filter(audit_event::Column::SubjectId.eq(id));
    }
    if let Some(after) = after {
        query = query.filter(audit_event::Column::Id.gt(after.uuid()));
    }
    let rows = query.limit(limit).all(c).await?;
    Ok(rows
        .into_iter()
        .map(|r| AuditEvent {
            id: r.id.into(),
            occurred_at: r.occurred_at,
            actor: r.actor_id.map(UserId::from),
            action: r.action,
            subject_type: r.subject_type,
            subject_id: r.subject_id,
            details: r.details,
        })
        .collect())
}
