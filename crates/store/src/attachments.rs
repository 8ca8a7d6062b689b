//! Attachments: the rows that make a stored file part of a proposal (or a
//! report). The bytes are not here but in the attachment folder, named by
//! their SHA-256, so one file attached twice is stored once.

use chrono::{DateTime, Utc};
use grants_domain::attachment::{FileKind, FileName};
use grants_domain::{AttachmentId, UserId};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Statement,
};
use uuid::Uuid;

use crate::entity::attachment;
use crate::error::corrupt;
use crate::query;
use crate::{StoreError, StoreResult};

/// A stored attachment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentRecord {
    /// The attachment's id.
    pub id: AttachmentId,
    /// The kind of object it belongs to, e.g. `proposal`.
    pub parent_type: String,
    /// That object's id.
    pub parent_id: Uuid,
    /// The cleaned name the file was uploaded with.
    pub file_name: FileName,
    /// What the file is, as told from its bytes.
    pub kind: FileKind,
    /// Its size in bytes.
    pub size_bytes: u64,
    /// The SHA-256 of its content, hex.
    pub sha256: String,
    /// Who uploaded it.
    pub uploaded_by: UserId,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// Records an attachment whose file is already in place.
pub async fn insert(c: &impl ConnectionTrait, a: &AttachmentRecord) -> StoreResult<()> {
    let row = attachment::ActiveModel {
        id: Set(a.id.uuid()),
        parent_type: Set(a.parent_type.clone()),
        parent_id: Set(a.parent_id),
        file_name: Set(a.file_name.as_str().to_owned()),
        content_type: Set(a.kind.mime().to_owned()),
        size_bytes: Set(i64::try_from(a.size_bytes).map_err(|e| corrupt("size_bytes", e))?),
        sha256: Set(a.sha256.clone()),
        uploaded_by: Set(a.uploaded_by.uuid()),
        created_at: Set(a.created_at),
    };
    query::insert(c, row).await
}

/// The attachment with this id.
pub async fn find(
    c: &impl ConnectionTrait,
    id: AttachmentId,
) -> StoreResult<Option<AttachmentRecord>> {
    query::one(c, attachment::Entity::find_by_id(id.uuid()), record).await
}

/// Every attachment of one object, oldest first.
pub async fn of_parent(
    c: &impl ConnectionTrait,
    parent_type: &str,
    parent_id: Uuid,
) -> StoreResult<Vec<AttachmentRecord>> {
    let select = attachment::Entity::find()
        .filter(attachment::Column::ParentType.eq(parent_type))
        .filter(attachment::Column::ParentId.eq(parent_id))
        .order_by_asc(attachment::Column::Id);
    query::all(c, select, record).await
}

/// How many attachments one object has.
pub async fn count_of_parent(
    c: &impl ConnectionTrait,
    parent_type: &str,
    parent_id: Uuid,
) -> StoreResult<u64> {
    Ok(attachment::Entity::find()
        .filter(attachment::Column::ParentType.eq(parent_type))
        .filter(attachment::Column::ParentId.eq(parent_id))
        .count(c)
        .await?)
}

/// How many attachments, of any object, have this content.
pub async fn uses_of_content(c: &impl ConnectionTrait, sha256: &str) -> StoreResult<u64> {
    Ok(attachment::Entity::find()
        .filter(attachment::Column::Sha256.eq(sha256))
        .count(c)
        .await?)
}

/// Deletes an attachment's row.
pub async fn delete(c: &impl ConnectionTrait, id: AttachmentId) -> StoreResult<()> {
    let result = attachment::Entity::delete_by_id(id.uuid()).exec(c).await?;
    if result.rows_affected == 1 {
        Ok(())
    } else {
        Err(StoreError::NotFound)
    }
}

/// Serialises, until the transaction ends, everyone who puts a file with
/// this content in place or removes it: an upload that finds the file
/// present cannot lose it to a deletion of the last other attachment with
/// the same content. PostgreSQL takes an advisory lock on the hash; SQLite
/// already runs one writing transaction at a time.
pub async fn lock_content(c: &impl ConnectionTrait, sha256: &str) -> StoreResult<()> {
    if c.get_database_backend() == DbBackend::Postgres {
        // 15 hex digits fit an i64; a rare collision only makes two uploads wait for each other.
        let key = sha256
            .get(..15)
            .and_then(|hex| i64::from_str_radix(hex, 16).ok())
            .ok_or_else(|| corrupt("attachments.sha256", sha256))?;
        c.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [key.into()],
        ))
        .await?;
    }
    Ok(())
}

fn record(row: attachment::Model) -> StoreResult<AttachmentRecord> {
    Ok(AttachmentRecord {
        id: row.id.into(),
        parent_type: row.parent_type,
        parent_id: row.parent_id,
        file_name: FileName::from_stored(row.file_name),
        kind: FileKind::from_mime(&row.content_type)
            .ok_or_else(|| corrupt("attachments.content_type", &row.content_type))?,
        size_bytes: u64::try_from(row.size_bytes).map_err(|e| corrupt("size_bytes", e))?,
        sha256: row.sha256,
        uploaded_by: row.uploaded_by.into(),
        created_at: row.created_at,
    })
}
