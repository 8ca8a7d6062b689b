//! Workflow definitions registered in the database, by name and version.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, QueryOrder};

use crate::StoreResult;
use crate::entity::workflow_definition;
use crate::query;

/// A registered definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisteredDefinition {
    /// The workflow's name.
    pub name: String,
    /// Its version.
    pub version: u32,
    /// SHA-256 of the source, hex.
    pub content_hash: String,
    /// The YAML as registered.
    pub source: String,
}

/// What registering a definition found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Registration {
    /// New: stored now.
    Added,
    /// Already there with the same content.
    Unchanged,
    /// Already there with other content: the file changed without a version bump.
    Conflict {
        /// The hash already registered.
        registered_hash: String,
    },
}

/// Registers `(name, version)` with its source, unless it is already there.
pub async fn register(
    c: &impl ConnectionTrait,
    name: &str,
    version: u32,
    content_hash: &str,
    source: &str,
    now: DateTime<Utc>,
) -> StoreResult<Registration> {
    let version_i32 = i32::try_from(version).unwrap_or(i32::MAX);
    if let Some(existing) = workflow_definition::Entity::find_by_id((name.to_owned(), version_i32))
        .one(c)
        .await?
    {
        return Ok(if existing.content_hash == content_hash {
            Registration::Unchanged
        } else {
            Registration::Conflict {
                registered_hash: existing.content_hash,
            }
        });
    }
    let row = workflow_definition::ActiveModel {
        name: Set(name.to_owned()),
        version: Set(version_i32),
        content_hash: Set(content_hash.to_owned()),
        source: Set(source.to_owned()),
        registered_at: Set(now),
    };
    query::insert(c, row).await?;
    Ok(Registration::Added)
}

/// One registered definition.
pub async fn find(
    c: &impl ConnectionTrait,
    name: &str,
    version: u32,
) -> StoreResult<Option<RegisteredDefinition>> {
    let version = i32::try_from(version).unwrap_or(i32::MAX);
    Ok(
        workflow_definition::Entity::find_by_id((name.to_owned(), version))
            .one(c)
            .await?
            .map(registered),
    )
}

fn registered(r: workflow_definition::Model) -> RegisteredDefinition {
    RegisteredDefinition {
        name: r.name,
        version: u32::try_from(r.version).unwrap_or_default(),
        content_hash: r.content_hash,
        source: r.source,
    }
}

/// Every registered definition, by name and version.
pub async fn all(c: &impl ConnectionTrait) -> StoreResult<Vec<RegisteredDefinition>> {
    let rows = workflow_definition::Entity::find()
        .order_by_asc(workflow_definition::Column::Name)
        .order_by_asc(workflow_definition::Column::Version)
        .all(c)
        .await?;
    Ok(rows.into_iter().map(registered).collect())
}
