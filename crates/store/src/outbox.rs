//! The notification outbox: messages written in the same transaction as
//! the change they announce, then claimed and sent by a dispatcher.
//!
//! States: `pending` (waiting, possibly for a retry) → `sending` (claimed
//! with a lease) → `sent`, or back to `pending` with a later attempt, or
//! `dead` (permanent failure or retries exhausted); `cancelled` by an
//! administrator. `held` messages wait for their recipient's daily summary
//! and are claimed together when it is due. A row left `sending` by a crashed dispatcher is claimed
//! again once its lease expires. On PostgreSQL claims skip rows another
//! dispatcher holds (`FOR UPDATE SKIP LOCKED`); SQLite's single connection
//! serialises them.

use std::time::Duration;

use chrono::{DateTime, Utc};
use grants_domain::{Locale, UserId};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query, SelectStatement, UnionType};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

use crate::entity::{notification_preference, outbox_message};
use crate::query;
use crate::{StoreError, StoreResult};

/// Waiting to be sent, now or at `next_attempt_at`.
pub const PENDING: &str = "pending";
/// Claimed by a dispatcher.
pub const SENDING: &str = "sending";
/// Waiting for the recipient's daily summary.
pub const HELD: &str = "held";
/// Accepted by the mail server.
pub const SENT: &str = "sent";
/// Given up on.
pub const DEAD: &str = "dead";
/// Withdrawn by an administrator.
pub const CANCELLED: &str = "cancelled";
/// Every state, in the order a message passes through them.
pub const STATES: &[&str] = &[PENDING, HELD, SENDING, SENT, DEAD, CANCELLED];

/// A message to queue.
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
    /// The typed context and envelope, as JSON.
    pub payload: serde_json::Value,
    /// Unique per event instance and recipient.
    pub dedupe_key: String,
    /// For an event its recipient may read in their daily summary instead:
    /// when the next summary is due. The message waits for it only if the
    /// recipient chose `daily` for the event, which the insert itself reads;
    /// `None` sends it at once whatever they chose.
    pub summary_due: Option<DateTime<Utc>>,
}

/// A queued message.
#[derive(Debug, Clone, PartialEq)]
pub struct QueuedMessage {
    /// The message's id.
    pub id: Uuid,
    /// The event.
    pub event: String,
    /// The kind of object it is about.
    pub subject_type: String,
    /// The object.
    pub subject_id: Uuid,
    /// Who receives it.
    pub recipient: UserId,
    /// In which language.
    pub locale: String,
    /// Where it stands.
    pub state: String,
    /// Attempts so far.
    pub attempts: u32,
    /// When the next attempt is due.
    pub next_attempt_at: DateTime<Utc>,
    /// The Message-ID it was sent with.
    pub message_id: Option<String>,
    /// The last failure.
    pub last_error: Option<String>,
    /// The typed context and envelope.
    pub payload: serde_json::Value,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
    /// When it was sent.
    pub sent_at: Option<DateTime<Utc>>,
}

fn queued(r: outbox_message::Model) -> QueuedMessage {
    QueuedMessage {
        id: r.id,
        event: r.event,
        subject_type: r.subject_type,
        subject_id: r.subject_id,
        recipient: r.recipient_id.into(),
        locale: r.locale,
        state: r.state,
        attempts: u32::try_from(r.attempts).unwrap_or(0),
        next_attempt_at: r.next_attempt_at,
        message_id: r.message_id,
        last_error: r.last_error,
        payload: r.payload,
        created_at: r.created_at,
        sent_at: r.sent_at,
    }
}

/// Queues messages in one statement, `INSERT … SELECT` with a row per
/// message; a message whose dedupe key is already queued is ignored. For a
/// message with `summary_due` the same statement reads its recipient's
/// preference, so a step's emails cost one round trip however many there are.
pub async fn enqueue_all(
    c: &impl ConnectionTrait,
    messages: Vec<NewMessage>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    use outbox_message::Column as C;
    let mut rows = messages.into_iter().map(|message| row(message, now));
    let Some(mut rows_selected) = rows.next() else {
        return Ok(());
    };
    for row in rows {
        rows_selected.union(UnionType::All, row);
    }
    let insert = Query::insert()
        .into_table(outbox_message::Entity)
        .columns([
            C::Id,
            C::Event,
            C::SubjectType,
            C::SubjectId,
            C::RecipientId,
            C::Locale,
            C::Payload,
            C::DedupeKey,
            C::State,
            C::Attempts,
            C::NextAttemptAt,
            C::CreatedAt,
        ])
        .select_from(rows_selected)
        .map_err(|e| StoreError::Database(DbErr::Custom(format!("outbox insert: {e}"))))?
        .on_conflict(OnConflict::column(C::DedupeKey).do_nothing().to_owned())
        .to_owned();
    c.execute(&insert).await?;
    Ok(())
}

/// One message as a row of [`enqueue_all`]'s SELECT, in its column order.
fn row(message: NewMessage, now: DateTime<Utc>) -> SelectStatement {
    let wants_summary = message.summary_due.map(|due| {
        let daily = Query::select()
            .expr(Expr::val(1))
            .from(notification_preference::Entity)
            .and_where(notification_preference::Column::UserId.eq(message.recipient.uuid()))
            .and_where(notification_preference::Column::Event.eq(message.event.as_str()))
            .and_where(notification_preference::Column::Delivery.eq("daily"))
            .to_owned();
        (Expr::exists(daily), due)
    });
    // Without a summary to wait for, both CASEs collapse to the plain values.
    let held_or = |held: Expr, otherwise: Expr| match &wants_summary {
        Some((daily, _)) => Expr::case(daily.clone(), held).finally(otherwise).into(),
        None => otherwise,
    };
    let due = wants_summary.as_ref().map_or(now, |(_, due)| *due);
    Query::select()
        .exprs([
            Expr::val(Uuid::now_v7()),
            Expr::val(message.event),
            Expr::val(message.subject_type),
            Expr::val(message.subject_id),
            Expr::val(message.recipient.uuid()),
            Expr::val(message.locale.code()),
            Expr::val(message.payload),
            Expr::val(message.dedupe_key),
            held_or(Expr::val(HELD), Expr::val(PENDING)),
            Expr::val(0),
            held_or(Expr::val(due), Expr::val(now)),
            Expr::val(now),
        ])
        // SQLite parses `INSERT … SELECT … ON CONFLICT` only with a WHERE.
        .and_where(Expr::cust("1 = 1"))
        .to_owned()
}

/// Which messages a dispatcher claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// Messages due to be sent, and those whose sender's lease ran out.
    Now,
    /// Held messages whose daily summary is due.
    InSummary,
}

/// Claims up to `limit` messages that are `due`, in the order they fell due,
/// for `owner` until `now + lease`. Call inside a transaction and commit
/// before sending.
pub async fn claim(
    c: &impl ConnectionTrait,
    owner: &str,
    now: DateTime<Utc>,
    lease: Duration,
    limit: u64,
    due: Due,
) -> StoreResult<Vec<QueuedMessage>> {
    let condition = match due {
        Due::Now => Condition::any()
            .add(
                Condition::all()
                    .add(outbox_message::Column::State.eq(PENDING))
                    .add(outbox_message::Column::NextAttemptAt.lte(now)),
            )
            .add(
                Condition::all()
                    .add(outbox_message::Column::State.eq(SENDING))
                    .add(outbox_message::Column::LeaseUntil.lt(now)),
            ),
        Due::InSummary => Condition::all()
            .add(outbox_message::Column::State.eq(HELD))
            .add(outbox_message::Column::NextAttemptAt.lte(now)),
    };
    let select = outbox_message::Entity::find()
        .filter(condition)
        .order_by_asc(outbox_message::Column::NextAttemptAt)
        .order_by_asc(outbox_message::Column::Id)
        .limit(limit);
    let leased = outbox_message::Entity::update_many()
        .col_expr(outbox_message::Column::State, Expr::value(SENDING))
        .col_expr(
            outbox_message::Column::LeaseOwner,
            Expr::value(Some(owner.to_owned())),
        )
        .col_expr(
            outbox_message::Column::LeaseUntil,
            Expr::value(Some(now + lease)),
        )
        .col_expr(
            outbox_message::Column::Attempts,
            Expr::col(outbox_message::Column::Attempts).add(1),
        );
    let rows = query::claim(c, select, leased, outbox_message::Column::Id, |m| m.id).await?;
    Ok(rows
        .into_iter()
        .map(|mut r| {
            r.attempts += 1;
            r.state = SENDING.to_owned();
            queued(r)
        })
        .collect())
}

/// How a claimed message ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Accepted by the server with this Message-ID.
    Sent {
        /// The Message-ID.
        message_id: String,
    },
    /// Failed; try again at `at`.
    Retry {
        /// Why it failed.
        error: String,
        /// When to try again.
        at: DateTime<Utc>,
    },
    /// Failed for good.
    Dead {
        /// Why.
        error: String,
    },
    /// A daily summary failed; hold the message for the next try at `at`.
    HoldAgain {
        /// Why it failed.
        error: String,
        /// When to try again.
        at: DateTime<Utc>,
    },
}

/// Records how a claimed message ended; false if `owner` no longer holds it.
pub async fn finish(
    c: &impl ConnectionTrait,
    id: Uuid,
    owner: &str,
    outcome: Outcome,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let mut update = outbox_message::Entity::update_many()
        .col_expr(
            outbox_message::Column::LeaseOwner,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            outbox_message::Column::LeaseUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        );
    update = match outcome {
        Outcome::Sent { message_id } => update
            .col_expr(outbox_message::Column::State, Expr::value(SENT))
            .col_expr(
                outbox_message::Column::MessageId,
                Expr::value(Some(message_id)),
            )
            .col_expr(outbox_message::Column::SentAt, Expr::value(Some(now)))
            .col_expr(
                outbox_message::Column::LastError,
                Expr::value(Option::<String>::None),
            ),
        Outcome::Retry { error, at } => update
            .col_expr(outbox_message::Column::State, Expr::value(PENDING))
            .col_expr(outbox_message::Column::NextAttemptAt, Expr::value(at))
            .col_expr(outbox_message::Column::LastError, Expr::value(Some(error))),
        Outcome::Dead { error } => update
            .col_expr(outbox_message::Column::State, Expr::value(DEAD))
            .col_expr(outbox_message::Column::LastError, Expr::value(Some(error))),
        Outcome::HoldAgain { error, at } => update
            .col_expr(outbox_message::Column::State, Expr::value(HELD))
            .col_expr(outbox_message::Column::NextAttemptAt, Expr::value(at))
            .col_expr(outbox_message::Column::LastError, Expr::value(Some(error))),
    };
    let result = update
        .filter(outbox_message::Column::Id.eq(id))
        .filter(outbox_message::Column::State.eq(SENDING))
        .filter(outbox_message::Column::LeaseOwner.eq(owner))
        .exec(c)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Messages in `state` (all when `None`), after `after`, oldest first.
pub async fn list(
    c: &impl ConnectionTrait,
    state: Option<&str>,
    after: Option<Uuid>,
    limit: u64,
) -> StoreResult<Vec<QueuedMessage>> {
    let mut select = outbox_message::Entity::find();
    if let Some(state) = state {
        select = select.filter(outbox_message::Column::State.eq(state));
    }
    query::page(c, select, outbox_message::Column::Id, after, limit, |row| {
        Ok(queued(row))
    })
    .await
}

/// One message.
pub async fn find(c: &impl ConnectionTrait, id: Uuid) -> StoreResult<Option<QueuedMessage>> {
    let select = outbox_message::Entity::find_by_id(id);
    query::one(c, select, |row| Ok(queued(row))).await
}

/// The messages to one person, oldest first.
pub async fn to_recipient(
    c: &impl ConnectionTrait,
    recipient: UserId,
) -> StoreResult<Vec<QueuedMessage>> {
    let select = outbox_message::Entity::find()
        .filter(outbox_message::Column::RecipientId.eq(recipient.uuid()))
        .order_by_asc(outbox_message::Column::Id);
    query::all(c, select, |row| Ok(queued(row))).await
}

/// The messages about one object, oldest first.
pub async fn for_subject(
    c: &impl ConnectionTrait,
    subject_type: &str,
    subject_id: Uuid,
) -> StoreResult<Vec<QueuedMessage>> {
    let select = outbox_message::Entity::find()
        .filter(outbox_message::Column::SubjectType.eq(subject_type))
        .filter(outbox_message::Column::SubjectId.eq(subject_id))
        .order_by_asc(outbox_message::Column::Id);
    query::all(c, select, |row| Ok(queued(row))).await
}

/// Moves a message from one of `from` to `to` (retry a dead one, cancel a
/// pending one); false if it was in none of them.
pub async fn set_state(
    c: &impl ConnectionTrait,
    id: Uuid,
    from: &[&str],
    to: &str,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let mut update = outbox_message::Entity::update_many()
        .col_expr(outbox_message::Column::State, Expr::value(to));
    if to == PENDING {
        update = update
            .col_expr(outbox_message::Column::NextAttemptAt, Expr::value(now))
            .col_expr(outbox_message::Column::Attempts, Expr::value(0));
    }
    let result = update
        .filter(outbox_message::Column::Id.eq(id))
        .filter(outbox_message::Column::State.is_in(from.iter().copied()))
        .exec(c)
        .await?;
    Ok(result.rows_affected == 1)
}

/// How many messages are in each state.
pub async fn counts(c: &impl ConnectionTrait) -> StoreResult<Vec<(String, u64)>> {
    query::count_by::<outbox_message::Entity>(c, outbox_message::Column::State).await
}
