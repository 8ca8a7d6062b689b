//! The query shapes the repositories share, written once: a row inserted
//! (or, where its key is taken, updated instead), the rows of one owner
//! replaced, rows made into
//! records (one, all, by ids a thousand at a time, or a page after a
//! cursor), a workflow transition, a change guarded by the revision the
//! caller read, a row held until the transaction ends, a claim with a lease,
//! and counts by value.
//!
//! Each helper runs the statements its callers wrote out before: one per
//! call (one per thousand ids for [`all_in`]; none for [`lock_row`] on
//! SQLite), plus the read [`expect_one_row`] makes when a guarded change
//! missed and the lease a [`claim`] writes when it found rows.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, IntoCondition, LockBehavior, LockType, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, IntoActiveModel,
    PrimaryKeyTrait, QueryFilter, QueryOrder, QuerySelect, Select, UpdateMany,
};
use uuid::Uuid;

use crate::StoreResult;
use crate::entity::{grant, programme, proposal, report, review, review_assignment, tranche, user};
use crate::error::expect_one_row;

/// Inserts `row`, reading nothing back.
pub(crate) async fn insert<A>(c: &impl ConnectionTrait, row: A) -> StoreResult<()>
where
    A: ActiveModelTrait,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
{
    A::Entity::insert(row).exec_without_returning(c).await?;
    Ok(())
}

/// Inserts `row`, or where a row with the same `key` columns exists, sets
/// that row's `changed` columns from `row` instead.
pub(crate) async fn upsert<A>(
    c: &impl ConnectionTrait,
    row: A,
    key: impl IntoIterator<Item = <A::Entity as EntityTrait>::Column>,
    changed: impl IntoIterator<Item = <A::Entity as EntityTrait>::Column>,
) -> StoreResult<()>
where
    A: ActiveModelTrait,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
{
    A::Entity::insert(row)
        .on_conflict(OnConflict::columns(key).update_columns(changed).to_owned())
        .exec_without_returning(c)
        .await?;
    Ok(())
}

/// Replaces the rows that meet `owned` (one owner's) with `rows`.
pub(crate) async fn replace_rows<A>(
    c: &impl ConnectionTrait,
    owned: impl IntoCondition,
    rows: Vec<A>,
) -> StoreResult<()>
where
    A: ActiveModelTrait,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
{
    A::Entity::delete_many().filter(owned).exec(c).await?;
    if !rows.is_empty() {
        A::Entity::insert_many(rows)
            .exec_without_returning(c)
            .await?;
    }
    Ok(())
}

/// The first row `select` finds, made into a record by `record`.
pub(crate) async fn one<E: EntityTrait, R>(
    c: &impl ConnectionTrait,
    select: Select<E>,
    record: impl FnOnce(E::Model) -> StoreResult<R>,
) -> StoreResult<Option<R>> {
    select.one(c).await?.map(record).transpose()
}

/// Every row `select` finds, in its order, made into records by `record`.
pub(crate) async fn all<E: EntityTrait, R>(
    c: &impl ConnectionTrait,
    select: Select<E>,
    record: impl FnMut(E::Model) -> StoreResult<R>,
) -> StoreResult<Vec<R>> {
    select.all(c).await?.into_iter().map(record).collect()
}

/// The records of the rows `select` finds whose `column` is one of `ids`, a thousand ids a query.
pub(crate) async fn all_in<E: EntityTrait, R, I: Copy + Into<Uuid>>(
    c: &impl ConnectionTrait,
    select: Select<E>,
    column: E::Column,
    ids: &[I],
    record: impl Fn(E::Model) -> StoreResult<R>,
) -> StoreResult<Vec<R>> {
    let (select, record) = (&select, &record);
    crate::in_chunks(ids, async |chunk| {
        let ids = chunk.iter().map(|&id| id.into());
        all(c, select.clone().filter(column.is_in(ids)), record).await
    })
    .await
}

/// Up to `limit` records of `select` after the cursor `after`, in order of the id column `id`.
pub(crate) async fn page<E: EntityTrait, R>(
    c: &impl ConnectionTrait,
    select: Select<E>,
    id: E::Column,
    after: Option<Uuid>,
    limit: u64,
    record: impl FnMut(E::Model) -> StoreResult<R>,
) -> StoreResult<Vec<R>> {
    let mut select = select.order_by_asc(id);
    if let Some(after) = after {
        select = select.filter(id.gt(after));
    }
    all(c, select.limit(limit), record).await
}

/// An update moving rows from workflow state `from` to `to`, touching only rows still in `from`.
pub(crate) fn transition<C>(state: C, (from, to): (&str, &str)) -> UpdateMany<C::EntityName>
where
    C: ColumnTrait,
    C::EntityName: EntityTrait<Column = C>,
{
    C::EntityName::update_many()
        .col_expr(state, Expr::value(to))
        .filter(state.eq(from))
}

/// A table whose rows carry a revision, bumped by every change, for optimistic concurrency.
pub(crate) trait Revised: EntityTrait {
    /// The row's id.
    const ID: Self::Column;
    /// The revision.
    const REVISION: Self::Column;
    /// When the row last changed.
    const UPDATED_AT: Self::Column;

    /// The revision `row` is at.
    fn revision(row: &Self::Model) -> i64;
}

/// Implements [`Revised`] for entities with `revision`, `updated_at` and the id column named.
macro_rules! revised {
    ($($entity:ident => $id:ident),* $(,)?) => {$(
        impl Revised for $entity::Entity {
            const ID: $entity::Column = $entity::Column::$id;
            const REVISION: $entity::Column = $entity::Column::Revision;
            const UPDATED_AT: $entity::Column = $entity::Column::UpdatedAt;

            fn revision(row: &$entity::Model) -> i64 {
                row.revision
            }
        }
    )*};
}

revised!(
    grant => Id,
    programme => Id,
    proposal => Id,
    report => Id,
    review => AssignmentId,
    review_assignment => Id,
    tranche => Id,
    user => Id,
);

/// `update` limited to row `id` at `expected_revision`, bumping it; the caller reads the outcome.
pub(crate) fn at_revision<E: Revised>(
    update: UpdateMany<E>,
    id: Uuid,
    expected_revision: i64,
    now: DateTime<Utc>,
) -> UpdateMany<E> {
    update
        .col_expr(E::REVISION, Expr::value(expected_revision + 1))
        .col_expr(E::UPDATED_AT, Expr::value(now))
        .filter(E::ID.eq(id))
        .filter(E::REVISION.eq(expected_revision))
}

/// Runs `update` on row `id` if still at `expected_revision`, bumping it; see [`expect_one_row`].
pub(crate) async fn update_at_revision<E>(
    c: &impl ConnectionTrait,
    update: UpdateMany<E>,
    id: Uuid,
    expected_revision: i64,
    now: DateTime<Utc>,
) -> StoreResult<()>
where
    E: Revised,
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<Uuid>,
{
    let result = at_revision(update, id, expected_revision, now)
        .exec(c)
        .await?;
    expect_one_row::<E>(c, id, result.rows_affected, E::revision).await
}

/// Holds row `id` until the transaction ends; false if PostgreSQL finds no such row.
///
/// PostgreSQL locks it (`FOR UPDATE`); SQLite already runs one writing transaction at a time.
pub(crate) async fn lock_row<E: EntityTrait>(
    c: &impl ConnectionTrait,
    id_column: E::Column,
    id: Uuid,
) -> StoreResult<bool> {
    if c.get_database_backend() != DbBackend::Postgres {
        return Ok(true);
    }
    let found: Option<Uuid> = E::find()
        .select_only()
        .column(id_column)
        .filter(id_column.eq(id))
        .lock(LockType::Update)
        .into_tuple()
        .one(c)
        .await?;
    Ok(found.is_some())
}

/// Claims the rows `select` finds, skipping those another instance holds, by running `lease`.
pub(crate) async fn claim<E: EntityTrait>(
    c: &impl ConnectionTrait,
    select: Select<E>,
    lease: UpdateMany<E>,
    id: E::Column,
    id_of: impl Fn(&E::Model) -> Uuid,
) -> StoreResult<Vec<E::Model>> {
    let rows = skipping_locked(select, c).all(c).await?;
    if !rows.is_empty() {
        lease
            .filter(id.is_in(rows.iter().map(id_of)))
            .exec(c)
            .await?;
    }
    Ok(rows)
}

/// Locks the rows a claim selects for the claiming transaction, skipping
/// rows another instance already holds (`FOR UPDATE SKIP LOCKED`), so
/// several servers share the work. SQLite has no row locks; its single
/// connection and `BEGIN IMMEDIATE` already serialise claims.
fn skipping_locked<Q: QuerySelect>(query: Q, c: &impl ConnectionTrait) -> Q {
    if c.get_database_backend() == DbBackend::Postgres {
        query.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
    } else {
        query
    }
}

/// How many rows of `E` have each value of the text column `column`, by value.
pub(crate) async fn count_by<E: EntityTrait>(
    c: &impl ConnectionTrait,
    column: E::Column,
) -> StoreResult<Vec<(String, u64)>> {
    let rows: Vec<(String, i64)> = E::find()
        .select_only()
        .column(column)
        .column_as(column.count(), "n")
        .group_by(column)
        .order_by_asc(column)
        .into_tuple()
        .all(c)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(value, n)| (value, u64::try_from(n).unwrap_or(0)))
        .collect())
}
