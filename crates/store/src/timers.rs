//! Durable timers: deadlines that take a workflow transition when they pass.
//!
//! A timer is claimed with a lease before it fires, so that with several
//! servers on one database each timer fires once: on PostgreSQL the claim
//! skips rows another instance has locked (`FOR UPDATE SKIP LOCKED`); on
//! SQLite the single connection serialises claims. A claim whose holder
//! died expires with its lease and is taken again.

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::StoreResult;
use crate::entity::timer;
use crate::query;

/// A timer that is due and claimed by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueTimer {
    /// The timer's id.
    pub id: Uuid,
    /// The kind of object it acts on.
    pub subject_type: String,
    /// The object.
    pub subject_id: Uuid,
    /// Its kind.
    pub kind: String,
    /// The transition to take.
    pub transition: String,
    /// When it was due.
    pub fire_at: DateTime<Utc>,
}

/// A timer still waiting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingTimer {
    /// Its kind.
    pub kind: String,
    /// The transition it will take.
    pub transition: String,
    /// When.
    pub fire_at: DateTime<Utc>,
}

fn active() -> sea_orm::Condition {
    sea_orm::Condition::all()
        .add(timer::Column::FiredAt.is_null())
        .add(timer::Column::CancelledAt.is_null())
}

/// Starts a timer, replacing a running one of the same kind on the same subject.
pub async fn start(
    c: &impl ConnectionTrait,
    subject_type: &str,
    subject_id: Uuid,
    kind: &str,
    transition: &str,
    fire_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    cancel(c, subject_type, subject_id, kind, now).await?;
    insert(c, subject_type, subject_id, kind, transition, fire_at, now).await
}

/// Starts a timer of a kind the caller knows is not running on the subject
/// (it read [`pending`] in the same transaction), without [`start`]'s cancel.
pub async fn insert(
    c: &impl ConnectionTrait,
    subject_type: &str,
    subject_id: Uuid,
    kind: &str,
    transition: &str,
    fire_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let row = timer::ActiveModel {
        id: Set(Uuid::now_v7()),
        subject_type: Set(subject_type.to_owned()),
        subject_id: Set(subject_id),
        kind: Set(kind.to_owned()),
        transition: Set(transition.to_owned()),
        fire_at: Set(fire_at),
        lease_owner: Set(None),
        lease_until: Set(None),
        fired_at: Set(None),
        outcome: Set(None),
        cancelled_at: Set(None),
        created_at: Set(now),
    };
    query::insert(c, row).await
}

/// Cancels the running timer of `kind` on the subject, if any; returns how many.
pub async fn cancel(
    c: &impl ConnectionTrait,
    subject_type: &str,
    subject_id: Uuid,
    kind: &str,
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    let result = timer::Entity::update_many()
        .col_expr(timer::Column::CancelledAt, Expr::value(Some(now)))
        .filter(active())
        .filter(timer::Column::SubjectType.eq(subject_type))
        .filter(timer::Column::SubjectId.eq(subject_id))
        .filter(timer::Column::Kind.eq(kind))
        .exec(c)
        .await?;
    Ok(result.rows_affected)
}

/// The subject's running timers, soonest first.
pub async fn pending(
    c: &impl ConnectionTrait,
    subject_type: &str,
    subject_id: Uuid,
) -> StoreResult<Vec<PendingTimer>> {
    Ok(pending_of(c, subject_type, &[subject_id])
        .await?
        .remove(&subject_id)
        .unwrap_or_default())
}

/// The running timers of each of these subjects, soonest first: one query
/// per thousand subjects, for a page of them.
pub async fn pending_of(
    c: &impl ConnectionTrait,
    subject_type: &str,
    subject_ids: &[Uuid],
) -> StoreResult<HashMap<Uuid, Vec<PendingTimer>>> {
    let rows = crate::in_chunks(subject_ids, async |chunk| {
        Ok(timer::Entity::find()
            .filter(active())
            .filter(timer::Column::SubjectType.eq(subject_type))
            .filter(timer::Column::SubjectId.is_in(chunk.iter().copied()))
            .order_by_asc(timer::Column::FireAt)
            .all(c)
            .await?)
    })
    .await?;
    let mut running: HashMap<Uuid, Vec<PendingTimer>> = HashMap::new();
    for t in rows {
        running.entry(t.subject_id).or_default().push(PendingTimer {
            kind: t.kind,
            transition: t.transition,
            fire_at: t.fire_at,
        });
    }
    Ok(running)
}

/// Claims up to `limit` due timers for `owner` for `lease`. Call inside a
/// transaction and commit before firing them.
pub async fn claim_due(
    c: &impl ConnectionTrait,
    owner: &str,
    now: DateTime<Utc>,
    lease: Duration,
    limit: u64,
) -> StoreResult<Vec<DueTimer>> {
    let select = timer::Entity::find()
        .filter(active())
        .filter(timer::Column::FireAt.lte(now))
        .filter(
            sea_orm::Condition::any()
                .add(timer::Column::LeaseUntil.is_null())
                .add(timer::Column::LeaseUntil.lt(now)),
        )
        .order_by_asc(timer::Column::FireAt)
        .limit(limit);
    let leased = timer::Entity::update_many()
        .col_expr(
            timer::Column::LeaseOwner,
            Expr::value(Some(owner.to_owned())),
        )
        .col_expr(timer::Column::LeaseUntil, Expr::value(Some(now + lease)));
    let rows = crate::query::claim(c, select, leased, timer::Column::Id, |t| t.id).await?;
    Ok(rows
        .into_iter()
        .map(|t| DueTimer {
            id: t.id,
            subject_type: t.subject_type,
            subject_id: t.subject_id,
            kind: t.kind,
            transition: t.transition,
            fire_at: t.fire_at,
        })
        .collect())
}

/// Marks a claimed timer fired with what it did; false if the claim was lost
/// (lease expired and another instance took it, or it was cancelled).
pub async fn complete(
    c: &impl ConnectionTrait,
    id: Uuid,
    owner: &str,
    outcome: &str,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let result = timer::Entity::update_many()
        .col_expr(timer::Column::FiredAt, Expr::value(Some(now)))
        .col_expr(
            timer::Column::Outcome,
            Expr::value(Some(outcome.to_owned())),
        )
        .filter(active())
        .filter(timer::Column::Id.eq(id))
        .filter(timer::Column::LeaseOwner.eq(owner))
        .exec(c)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Running timers: how many in all, and how many are already due.
pub async fn counts(c: &impl ConnectionTrait, now: DateTime<Utc>) -> StoreResult<(u64, u64)> {
    let running = timer::Entity::find().filter(active()).count(c).await?;
    let due = timer::Entity::find()
        .filter(active())
        .filter(timer::Column::FireAt.lte(now))
        .count(c)
        .await?;
    Ok((running, due))
}
