//! Programmes (calls for proposals).

use chrono::{DateTime, Utc};
use grants_domain::programme::ProgrammeSpec;
use grants_domain::{ProgrammeId, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::StoreResult;
use crate::entity::programme;
use crate::error::corrupt;
use crate::query;

/// A stored programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeRecord {
    /// The programme's id.
    pub id: ProgrammeId,
    /// Its validated specification.
    pub spec: ProgrammeSpec,
    /// When it was archived; archived programmes are hidden from default lists.
    pub archived_at: Option<DateTime<Utc>>,
    /// Bumped on every change, for optimistic concurrency.
    pub revision: i64,
    /// Who created it.
    pub created_by: Option<UserId>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

fn spec_json(spec: &ProgrammeSpec) -> StoreResult<serde_json::Value> {
    serde_json::to_value(spec).map_err(|e| corrupt("programme spec", e))
}

/// Creates a programme. A taken code is [`crate::StoreError::Duplicate`].
pub async fn insert(
    c: &impl ConnectionTrait,
    spec: ProgrammeSpec,
    created_by: Option<UserId>,
    now: DateTime<Utc>,
) -> StoreResult<ProgrammeRecord> {
    let id = ProgrammeId::new();
    let row = programme::ActiveModel {
        id: Set(id.uuid()),
        code: Set(spec.code.clone()),
        code_normalized: Set(spec.code.to_lowercase()),
        currency: Set(spec.currency.code().to_owned()),
        budget_minor: Set(spec.budget.minor),
        opens_at: Set(spec.opens_at),
        closes_at: Set(spec.closes_at),
        spec: Set(spec_json(&spec)?),
        archived_at: Set(None),
        revision: Set(1),
        created_by: Set(created_by.map(UserId::uuid)),
        created_at: Set(now),
        updated_at: Set(now),
    };
    query::insert(c, row).await?;
    Ok(ProgrammeRecord {
        id,
        spec,
        archived_at: None,
        revision: 1,
        created_by,
        created_at: now,
        updated_at: now,
    })
}

/// The programme with this id.
pub async fn find(
    c: &impl ConnectionTrait,
    id: ProgrammeId,
) -> StoreResult<Option<ProgrammeRecord>> {
    query::one(c, programme::Entity::find_by_id(id.uuid()), record).await
}

/// The programmes with these ids that exist: one query per thousand ids.
pub async fn find_many(
    c: &impl ConnectionTrait,
    ids: &[ProgrammeId],
) -> StoreResult<Vec<ProgrammeRecord>> {
    query::all_in(
        c,
        programme::Entity::find(),
        programme::Column::Id,
        ids,
        record,
    )
    .await
}

/// Up to `limit` programmes created after `after`, oldest first.
pub async fn list(
    c: &impl ConnectionTrait,
    include_archived: bool,
    after: Option<ProgrammeId>,
    limit: u64,
) -> StoreResult<Vec<ProgrammeRecord>> {
    let mut select = programme::Entity::find();
    if !include_archived {
        select = select.filter(programme::Column::ArchivedAt.is_null());
    }
    let after = after.map(ProgrammeId::uuid);
    query::page(c, select, programme::Column::Id, after, limit, record).await
}

/// Replaces the specification if the programme is still at `expected_revision`.
pub async fn update_spec(
    c: &impl ConnectionTrait,
    id: ProgrammeId,
    expected_revision: i64,
    spec: &ProgrammeSpec,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let update = programme::Entity::update_many()
        .col_expr(programme::Column::Code, Expr::value(spec.code.clone()))
        .col_expr(
            programme::Column::CodeNormalized,
            Expr::value(spec.code.to_lowercase()),
        )
        .col_expr(
            programme::Column::Currency,
            Expr::value(spec.currency.code()),
        )
        .col_expr(
            programme::Column::BudgetMinor,
            Expr::value(spec.budget.minor),
        )
        .col_expr(programme::Column::OpensAt, Expr::value(spec.opens_at))
        .col_expr(programme::Column::ClosesAt, Expr::value(spec.closes_at))
        .col_expr(programme::Column::Spec, Expr::value(spec_json(spec)?));
    query::update_at_revision(c, update, id.uuid(), expected_revision, now).await
}

/// Archives (`Some`) or restores (`None`) the programme if it is still at `expected_revision`.
pub async fn set_archived(
    c: &impl ConnectionTrait,
    id: ProgrammeId,
    expected_revision: i64,
    archived_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let update = programme::Entity::update_many()
        .col_expr(programme::Column::ArchivedAt, Expr::value(archived_at));
    query::update_at_revision(c, update, id.uuid(), expected_revision, now).await
}

pub(crate) fn record(row: programme::Model) -> StoreResult<ProgrammeRecord> {
    Ok(ProgrammeRecord {
        id: row.id.into(),
        spec: serde_json::from_value(row.spec).map_err(|e| corrupt("programmes.spec", e))?,
        archived_at: row.archived_at,
        revision: row.revision,
        created_by: row.created_by.map(UserId::from),
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}
