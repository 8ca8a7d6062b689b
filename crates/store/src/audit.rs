//! The audit trail: who did what to which object, and when.
//!
//! Events form one hash chain per subject: each event stores the hash of
//! the subject's previous event and a hash over itself and that link. An
//! edited, inserted or deleted row breaks the chain, and [`verify`] names
//! the first event where it breaks. A unique (subject, seq) index means two
//! writers can never both append the same link.

use chrono::{DateTime, SubsecRound, Utc};
use grants_domain::{AuditEventId, UserId};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::StoreResult;
use crate::entity::audit_event;
use crate::query;

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
    pub subject_id: Uuid,
    /// Whatever else explains the event (changed fields, reasons, states).
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
    pub subject_id: Uuid,
    /// Position in the subject's chain, from 1.
    pub seq: i64,
    /// Details.
    pub details: serde_json::Value,
}

/// Appends an entry to its subject's chain; call it inside the transaction
/// of the change it describes.
pub async fn record(
    c: &impl ConnectionTrait,
    entry: AuditEntry,
    now: DateTime<Utc>,
) -> StoreResult<AuditEventId> {
    // Only the link the next event needs: the last one's details can be large.
    let previous: Option<(i64, String)> = audit_event::Entity::find()
        .select_only()
        .columns([audit_event::Column::Seq, audit_event::Column::Hash])
        .filter(audit_event::Column::SubjectType.eq(entry.subject_type))
        .filter(audit_event::Column::SubjectId.eq(entry.subject_id))
        .order_by_desc(audit_event::Column::Seq)
        .into_tuple()
        .one(c)
        .await?;
    let (seq, prev_hash) = match previous {
        Some((seq, hash)) => (seq + 1, Some(hash)),
        None => (1, None),
    };
    let id = AuditEventId::new();
    // PostgreSQL keeps microseconds: hash what will be read back.
    let occurred_at = now.trunc_subsecs(6);
    let row = audit_event::Model {
        id: id.uuid(),
        occurred_at,
        actor_id: entry.actor.map(UserId::uuid),
        action: entry.action.to_owned(),
        subject_type: entry.subject_type.to_owned(),
        subject_id: entry.subject_id,
        seq,
        details: entry.details,
        prev_hash,
        hash: String::new(),
    };
    let hash = chain_hash(&row);
    let stored = audit_event::ActiveModel {
        id: Set(row.id),
        occurred_at: Set(row.occurred_at),
        actor_id: Set(row.actor_id),
        action: Set(row.action),
        subject_type: Set(row.subject_type),
        subject_id: Set(row.subject_id),
        seq: Set(row.seq),
        details: Set(row.details),
        prev_hash: Set(row.prev_hash),
        hash: Set(hash),
    };
    query::insert(c, stored).await?;
    Ok(id)
}

/// The hash of an event: SHA-256 over its fields and the previous hash, as
/// a JSON array (object keys sorted), hex.
pub(crate) fn chain_hash(row: &audit_event::Model) -> String {
    let canonical = serde_json::json!([
        row.prev_hash,
        row.id,
        row.occurred_at
            .to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        row.actor_id,
        row.action,
        row.subject_type,
        row.subject_id,
        row.seq,
        row.details,
    ]);
    let digest = Sha256::digest(canonical.to_string().as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Up to `limit` events after `after`, oldest first, optionally for one object.
pub async fn list(
    c: &impl ConnectionTrait,
    subject: Option<(&str, Uuid)>,
    after: Option<AuditEventId>,
    limit: u64,
) -> StoreResult<Vec<AuditEvent>> {
    let mut select = audit_event::Entity::find();
    if let Some((kind, id)) = subject {
        select = select
            .filter(audit_event::Column::SubjectType.eq(kind))
            .filter(audit_event::Column::SubjectId.eq(id));
    }
    let after = after.map(AuditEventId::uuid);
    query::page(c, select, audit_event::Column::Id, after, limit, |row| {
        Ok(event(row))
    })
    .await
}

/// Every event `actor` caused, oldest first.
pub async fn by_actor(c: &impl ConnectionTrait, actor: UserId) -> StoreResult<Vec<AuditEvent>> {
    let select = audit_event::Entity::find()
        .filter(audit_event::Column::ActorId.eq(actor.uuid()))
        .order_by_asc(audit_event::Column::Id);
    query::all(c, select, |row| Ok(event(row))).await
}

/// Every event of one subject, in chain order.
pub async fn history(
    c: &impl ConnectionTrait,
    subject_type: &str,
    subject_id: Uuid,
) -> StoreResult<Vec<AuditEvent>> {
    query::all(c, chain(subject_type, subject_id), |row| Ok(event(row))).await
}

/// The events of one subject's chain, in chain order.
fn chain(subject_type: &str, subject_id: Uuid) -> Select<audit_event::Entity> {
    audit_event::Entity::find()
        .filter(audit_event::Column::SubjectType.eq(subject_type))
        .filter(audit_event::Column::SubjectId.eq(subject_id))
        .order_by_asc(audit_event::Column::Seq)
}

fn event(r: audit_event::Model) -> AuditEvent {
    AuditEvent {
        id: r.id.into(),
        occurred_at: r.occurred_at,
        actor: r.actor_id.map(UserId::from),
        action: r.action,
        subject_type: r.subject_type,
        subject_id: r.subject_id,
        seq: r.seq,
        details: r.details,
    }
}

/// What walking the chains found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// Events checked.
    pub events: u64,
    /// Subjects (chains) checked.
    pub chains: u64,
    /// The first event that does not match, and why; `None` if every chain holds.
    pub first_broken: Option<(AuditEventId, String)>,
}

/// Walks every subject's chain, recomputing each hash and link.
pub async fn verify(c: &impl ConnectionTrait) -> StoreResult<Verification> {
    let subjects: Vec<(String, Uuid)> = audit_event::Entity::find()
        .select_only()
        .column(audit_event::Column::SubjectType)
        .column(audit_event::Column::SubjectId)
        .distinct()
        .order_by_asc(audit_event::Column::SubjectType)
        .order_by_asc(audit_event::Column::SubjectId)
        .into_tuple()
        .all(c)
        .await?;
    let mut report = Verification {
        events: 0,
        chains: 0,
        first_broken: None,
    };
    for (subject_type, subject_id) in subjects {
        report.chains += 1;
        let rows = chain(&subject_type, subject_id).all(c).await?;
        let mut previous: Option<&audit_event::Model> = None;
        for row in &rows {
            report.events += 1;
            let expected_seq = previous.map_or(1, |p| p.seq + 1);
            let problem = if row.seq != expected_seq {
                Some(format!(
                    "event {expected_seq} of {subject_type} {subject_id} is missing"
                ))
            } else if row.prev_hash.as_deref() != previous.map(|p| p.hash.as_str()) {
                Some("it does not link to the event before it".to_owned())
            } else if chain_hash(row) != row.hash {
                Some(
                    "its content does not match its hash: it was changed after it was written"
                        .to_owned(),
                )
            } else {
                None
            };
            if let Some(problem) = problem {
                report.first_broken = Some((row.id.into(), problem));
                return Ok(report);
            }
            previous = Some(row);
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(details: serde_json::Value) -> audit_event::Model {
        audit_event::Model {
            id: Uuid::nil(),
            occurred_at: DateTime::<Utc>::from_timestamp(1_790_000_000, 123_456_000)
                .unwrap_or_default(),
            actor_id: None,
            action: "proposal.submitted".into(),
            subject_type: "proposal".into(),
            subject_id: Uuid::nil(),
            seq: 1,
            details,
            prev_hash: None,
            hash: String::new(),
        }
    }

    #[test]
    fn the_hash_covers_every_field_and_ignores_key_order() {
        let a = chain_hash(&row(
            serde_json::json!({ "from": "draft", "to": "submitted" }),
        ));
        let b = chain_hash(&row(
            serde_json::json!({ "to": "submitted", "from": "draft" }),
        ));
        assert_eq!(a, b);
        assert_eq!(a.len(), 64);
        let changed = chain_hash(&row(serde_json::json!({ "from": "draft", "to": "funded" })));
        assert_ne!(a, changed);
        let mut linked = row(serde_json::json!({ "from": "draft", "to": "submitted" }));
        linked.prev_hash = Some("00".repeat(32));
        assert_ne!(a, chain_hash(&linked));
    }
}
