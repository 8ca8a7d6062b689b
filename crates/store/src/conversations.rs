//! Conversations: threads on a proposal, a grant or a report, their
//! messages, and each reader's inbox of a thread (its unread count).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use grants_domain::{MessageId, ProgrammeId, ThreadId, UserId};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

use crate::entity::{thread, thread_inbox, thread_message};
use crate::{StoreError, StoreResult, query};

/// A conversation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadRecord {
    /// Its id.
    pub id: ThreadId,
    /// `proposal`, `grant` or `report`.
    pub subject_type: String,
    /// The proposal, grant or report.
    pub subject_id: Uuid,
    /// The subject's programme.
    pub programme_id: ProgrammeId,
    /// Who reads it, by name (`applicants`, `staff`, `jury`, `grantee`).
    pub audience: String,
    /// What it is about, in the starter's words.
    pub topic: String,
    /// Who started it.
    pub started_by: UserId,
    /// When.
    pub created_at: DateTime<Utc>,
    /// When its latest message was written.
    pub last_message_at: DateTime<Utc>,
    /// How many messages it holds.
    pub message_count: i64,
}

/// One message of a conversation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageRecord {
    /// Its id.
    pub id: MessageId,
    /// Its thread.
    pub thread_id: ThreadId,
    /// Who wrote it.
    pub author_id: UserId,
    /// What they wrote.
    pub body: String,
    /// The earlier message of the thread it quotes.
    pub reply_to: Option<MessageId>,
    /// The people it mentions.
    pub mentions: Vec<UserId>,
    /// When.
    pub created_at: DateTime<Utc>,
}

fn thread_record(row: thread::Model) -> StoreResult<ThreadRecord> {
    Ok(ThreadRecord {
        id: row.id.into(),
        subject_type: row.subject_type,
        subject_id: row.subject_id,
        programme_id: row.programme_id.into(),
        audience: row.audience,
        topic: row.topic,
        started_by: row.started_by.into(),
        created_at: row.created_at,
        last_message_at: row.last_message_at,
        message_count: row.message_count,
    })
}

fn message_record(row: thread_message::Model) -> StoreResult<MessageRecord> {
    let mentions: Vec<Uuid> = serde_json::from_value(row.mentions)
        .map_err(|e| StoreError::Corrupt(format!("message {} mentions: {e}", row.id)))?;
    Ok(MessageRecord {
        id: row.id.into(),
        thread_id: row.thread_id.into(),
        author_id: row.author_id.into(),
        body: row.body,
        reply_to: row.reply_to.map(MessageId::from),
        mentions: mentions.into_iter().map(UserId::from).collect(),
        created_at: row.created_at,
    })
}

/// Writes a new thread (with no message yet: [`add_message`] writes its first).
pub async fn insert_thread(c: &impl ConnectionTrait, t: &ThreadRecord) -> StoreResult<()> {
    query::insert(
        c,
        thread::ActiveModel {
            id: Set(t.id.uuid()),
            subject_type: Set(t.subject_type.clone()),
            subject_id: Set(t.subject_id),
            programme_id: Set(t.programme_id.uuid()),
            audience: Set(t.audience.clone()),
            topic: Set(t.topic.clone()),
            started_by: Set(t.started_by.uuid()),
            created_at: Set(t.created_at),
            last_message_at: Set(t.last_message_at),
            message_count: Set(0),
        },
    )
    .await
}

/// The thread `id`.
pub async fn find_thread(
    c: &impl ConnectionTrait,
    id: ThreadId,
) -> StoreResult<Option<ThreadRecord>> {
    query::one(c, thread::Entity::find_by_id(id.uuid()), thread_record).await
}

/// The threads on one subject, the latest written in first.
pub async fn threads_of(
    c: &impl ConnectionTrait,
    subject_type: &str,
    subject_id: Uuid,
) -> StoreResult<Vec<ThreadRecord>> {
    let select = thread::Entity::find()
        .filter(thread::Column::SubjectId.eq(subject_id))
        .filter(thread::Column::SubjectType.eq(subject_type))
        .order_by_desc(thread::Column::LastMessageAt)
        .order_by_desc(thread::Column::Id);
    query::all(c, select, thread_record).await
}

/// The threads `ids`, in no particular order.
pub async fn find_threads(
    c: &impl ConnectionTrait,
    ids: &[ThreadId],
) -> StoreResult<Vec<ThreadRecord>> {
    query::all_in(
        c,
        thread::Entity::find(),
        thread::Column::Id,
        ids,
        thread_record,
    )
    .await
}

/// Every message of a thread, in the order written.
pub async fn messages_of(
    c: &impl ConnectionTrait,
    id: ThreadId,
) -> StoreResult<Vec<MessageRecord>> {
    let select = thread_message::Entity::find()
        .filter(thread_message::Column::ThreadId.eq(id.uuid()))
        .order_by_asc(thread_message::Column::CreatedAt)
        .order_by_asc(thread_message::Column::Id);
    query::all(c, select, message_record).await
}

/// The message `id`.
pub async fn find_message(
    c: &impl ConnectionTrait,
    id: MessageId,
) -> StoreResult<Option<MessageRecord>> {
    query::one(
        c,
        thread_message::Entity::find_by_id(id.uuid()),
        message_record,
    )
    .await
}

/// Adds `message` to its thread: the thread counts it and moves to the top,
/// each of `readers` has one more unread message in their inbox, and its
/// author has read everything.
pub async fn add_message(
    c: &impl ConnectionTrait,
    message: &MessageRecord,
    readers: &[UserId],
) -> StoreResult<()> {
    let mentions: Vec<Uuid> = message.mentions.iter().map(|m| m.uuid()).collect();
    query::insert(
        c,
        thread_message::ActiveModel {
            id: Set(message.id.uuid()),
            thread_id: Set(message.thread_id.uuid()),
            author_id: Set(message.author_id.uuid()),
            body: Set(message.body.clone()),
            reply_to: Set(message.reply_to.map(MessageId::uuid)),
            mentions: Set(serde_json::json!(mentions)),
            created_at: Set(message.created_at),
        },
    )
    .await?;
    thread::Entity::update_many()
        .col_expr(
            thread::Column::MessageCount,
            Expr::col(thread::Column::MessageCount).add(1),
        )
        .col_expr(
            thread::Column::LastMessageAt,
            Expr::value(message.created_at),
        )
        .filter(thread::Column::Id.eq(message.thread_id.uuid()))
        .exec(c)
        .await?;
    let thread_id = message.thread_id.uuid();
    let rows: Vec<thread_inbox::ActiveModel> = readers
        .iter()
        .filter(|reader| **reader != message.author_id)
        .map(|reader| thread_inbox::ActiveModel {
            thread_id: Set(thread_id),
            user_id: Set(reader.uuid()),
            unread: Set(1),
        })
        .collect();
    if !rows.is_empty() {
        thread_inbox::Entity::insert_many(rows)
            .on_conflict(
                OnConflict::columns([thread_inbox::Column::ThreadId, thread_inbox::Column::UserId])
                    .value(
                        thread_inbox::Column::Unread,
                        Expr::col((thread_inbox::Entity, thread_inbox::Column::Unread)).add(1),
                    )
                    .to_owned(),
            )
            .exec_without_returning(c)
            .await?;
    }
    mark_read(c, message.thread_id, message.author_id).await
}

/// `reader` has read every message of the thread.
pub async fn mark_read(c: &impl ConnectionTrait, id: ThreadId, reader: UserId) -> StoreResult<()> {
    query::upsert(
        c,
        thread_inbox::ActiveModel {
            thread_id: Set(id.uuid()),
            user_id: Set(reader.uuid()),
            unread: Set(0),
        },
        [thread_inbox::Column::ThreadId, thread_inbox::Column::UserId],
        [thread_inbox::Column::Unread],
    )
    .await
}

/// How many messages of each of `threads` `reader` has not read (threads
/// with none are left out).
pub async fn unread_in(
    c: &impl ConnectionTrait,
    reader: UserId,
    threads: &[ThreadId],
) -> StoreResult<HashMap<ThreadId, i64>> {
    if threads.is_empty() {
        return Ok(HashMap::new());
    }
    unread_counts(c, reader, Some(threads)).await
}

/// `reader`'s unread counts, of `threads` where they are named, else of
/// every thread; threads with nothing unread are left out.
async fn unread_counts(
    c: &impl ConnectionTrait,
    reader: UserId,
    threads: Option<&[ThreadId]>,
) -> StoreResult<HashMap<ThreadId, i64>> {
    let mut select = thread_inbox::Entity::find()
        .select_only()
        .column(thread_inbox::Column::ThreadId)
        .column(thread_inbox::Column::Unread)
        .filter(thread_inbox::Column::UserId.eq(reader.uuid()))
        .filter(thread_inbox::Column::Unread.gt(0));
    if let Some(threads) = threads {
        select =
            select.filter(thread_inbox::Column::ThreadId.is_in(threads.iter().map(|t| t.uuid())));
    }
    let rows: Vec<(Uuid, i64)> = select.into_tuple().all(c).await?;
    Ok(rows.into_iter().map(|(id, n)| (id.into(), n)).collect())
}

/// The threads with messages `reader` has not read, with how many, the
/// latest written in first, at most `limit`.
pub async fn unread_threads(
    c: &impl ConnectionTrait,
    reader: UserId,
    limit: u64,
) -> StoreResult<Vec<(ThreadRecord, i64)>> {
    let unread = unread_counts(c, reader, None).await?;
    let ids: Vec<ThreadId> = unread.keys().copied().collect();
    let mut threads: Vec<(ThreadRecord, i64)> = find_threads(c, &ids)
        .await?
        .into_iter()
        .map(|t| {
            let n = unread.get(&t.id).copied().unwrap_or(0);
            (t, n)
        })
        .collect();
    threads.sort_by_key(|(t, _)| std::cmp::Reverse((t.last_message_at, t.id)));
    threads.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok(threads)
}

/// How many messages `reader` has not read on each of `subjects` (of
/// `subject_type`), across their threads; subjects with none are left out.
pub async fn unread_by_subject(
    c: &impl ConnectionTrait,
    reader: UserId,
    subject_type: &str,
    subjects: &[Uuid],
) -> StoreResult<HashMap<Uuid, i64>> {
    if subjects.is_empty() {
        return Ok(HashMap::new());
    }
    let threads: Vec<(Uuid, Uuid)> = thread::Entity::find()
        .select_only()
        .column(thread::Column::Id)
        .column(thread::Column::SubjectId)
        .filter(thread::Column::SubjectType.eq(subject_type))
        .filter(thread::Column::SubjectId.is_in(subjects.iter().copied()))
        .into_tuple()
        .all(c)
        .await?;
    let ids: Vec<ThreadId> = threads.iter().map(|(id, _)| ThreadId::from(*id)).collect();
    let unread = unread_in(c, reader, &ids).await?;
    let mut by_subject: HashMap<Uuid, i64> = HashMap::new();
    for (id, subject) in threads {
        if let Some(n) = unread.get(&ThreadId::from(id)) {
            *by_subject.entry(subject).or_default() += n;
        }
    }
    Ok(by_subject)
}
