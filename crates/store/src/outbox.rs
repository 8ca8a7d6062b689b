//! The notification outbox: messages written in the same transaction as
//! the change they announce, for the dispatcher to send.

use chrono::{DateTime, Utc};
use grants_domain::{Locale, UserId};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

use crate::StoreResult;
use crate::entity::outbox_message;

/// A message waiting to be sent.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMessage {
    /// The event, which names the templates.
    pub event: String,
    /// The kind of object it is about.
    pub subject_type: String,
    /// The object.
    pub subject_id: Uuid,
    /// Who receives it.
    pub recipient: UserId,
    /// In which language.
    pub locale: Locale,
    /// What the templates need.
    pub payload: serde_json::Value,
    /// Unique per event instance and recipient.
    pub dedupe_key: String,
}

/// A queued message.
#[derive(Debug, Clone, PartialEq)]
pub struct QueuedMessage {
    /// The message's id.
    pub id: Uuid,
    /// The event.
    pub event: String,
    /// Who receives it.
    pub recipient: UserId,
    /// In which language.
    pub locale: String,
    /// `pending`, `sent` or `dead`.
    pub state: String,
    /// What the templates need.
    pub payload: serde_json::Value,
}

/// Queues a message; a second message with the same dedupe key is ignored.
pub async fn enqueue(
    c: &impl ConnectionTrait,
    message: NewMessage,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    outbox_message::Entity::insert(outbox_message::ActiveModel {
        id: Set(Uuid::now_v7()),
        event: Set(message.event),
        subject_type: Set(message.subject_type),
        subject_id: Set(message.subject_id),
        recipient_id: Set(message.recipient.uuid()),
        locale: Set(message.locale.code().to_owned()),
        payload: Set(message.payload),
        dedupe_key: Set(message.dedupe_key),
        state: Set("pending".to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
    })
    .on_conflict(
        OnConflict::column(outbox_message::Column::DedupeKey)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(c)
    .await?;
    Ok(())
}

/// The messages about one object, oldest first.
pub async fn for_subject(
    c: &impl ConnectionTrait,
    subject_type: &str,
    subject_id: Uuid,
) -> StoreResult<Vec<QueuedMessage>> {
    let rows = outbox_message::Entity::find()
        .filter(outbox_message::Column::SubjectType.eq(subject_type))
        .filter(outbox_message::Column::SubjectId.eq(subject_id))
        .order_by_asc(outbox_message::Column::Id)
        .all(c)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| QueuedMessage {
            id: r.id,
            event: r.event,
            recipient: r.recipient_id.into(),
            locale: r.locale,
            state: r.state,
            payload: r.payload,
        })
        .collect())
}
