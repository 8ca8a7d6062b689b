//! The ledger: an append-only list of money movements per programme.
//! Nothing here updates or deletes an entry (and the database refuses to);
//! totals are sums over the entries.
//!
//! Writers serialise per programme with [`lock_programme`]: on PostgreSQL
//! it takes the programme row's lock for the transaction, so a second
//! writer waits and then sees the first one's entries; on SQLite the single
//! connection and `BEGIN IMMEDIATE` already serialise every writer.

use chrono::{DateTime, Utc};
pub use grants_domain::finance::EntryKind;
use grants_domain::{CountryCode, Currency, GrantId, Money, ProgrammeId, TrancheId, UserId};
use sea_orm::sea_query::{Alias, Expr, Func, SimpleExpr};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

use crate::entity::{ledger_entry, programme};
use crate::error::{corrupt, parse_optional};
use crate::query;
use crate::{StoreError, StoreResult};

/// One movement of money.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerEntry {
    /// The entry's id (time-ordered).
    pub id: Uuid,
    /// The programme whose budget it moves.
    pub programme_id: ProgrammeId,
    /// The grant, if any.
    pub grant_id: Option<GrantId>,
    /// The tranche, for payments and released tranches.
    pub tranche_id: Option<TrancheId>,
    /// The grant's country.
    pub country: Option<CountryCode>,
    /// What it records.
    pub kind: EntryKind,
    /// How much; always positive, the kind gives the direction.
    pub amount: Money,
    /// Who caused it; `None` for the system.
    pub actor_id: Option<UserId>,
    /// Why, in words.
    pub memo: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// Serialises money-moving writers of one programme until the transaction ends.
pub async fn lock_programme(c: &impl ConnectionTrait, programme: ProgrammeId) -> StoreResult<()> {
    if query::lock_row::<programme::Entity>(c, programme::Column::Id, programme.uuid()).await? {
        Ok(())
    } else {
        Err(StoreError::NotFound)
    }
}

/// Appends an entry.
pub async fn append(c: &impl ConnectionTrait, entry: &LedgerEntry) -> StoreResult<()> {
    let row = ledger_entry::ActiveModel {
        id: Set(entry.id),
        programme_id: Set(entry.programme_id.uuid()),
        grant_id: Set(entry.grant_id.map(GrantId::uuid)),
        tranche_id: Set(entry.tranche_id.map(TrancheId::uuid)),
        country: Set(entry.country.map(|c| c.as_str().to_owned())),
        kind: Set(entry.kind.as_str().to_owned()),
        amount_minor: Set(entry.amount.minor),
        currency: Set(entry.amount.currency.code().to_owned()),
        actor_id: Set(entry.actor_id.map(UserId::uuid)),
        memo: Set(entry.memo.clone()),
        created_at: Set(entry.created_at),
    };
    query::insert(c, row).await
}

/// The sum of one kind of entry for one grant (or, for `None`, entries
/// tied to no grant) of a programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sum {
    /// The grant.
    pub grant_id: Option<GrantId>,
    /// The grant's country.
    pub country: Option<CountryCode>,
    /// The kind summed.
    pub kind: EntryKind,
    /// The total, in minor units of the programme's currency.
    pub minor: i64,
}

/// Every (grant, kind) total of a programme, computed by the database.
pub async fn sums(c: &impl ConnectionTrait, programme: ProgrammeId) -> StoreResult<Vec<Sum>> {
    Ok(sums_in(c, &[programme])
        .await?
        .remove(&programme)
        .unwrap_or_default())
}

/// [`sums`] of several programmes in one query (a page of grants from
/// several programmes), by programme.
pub async fn sums_in(
    c: &impl ConnectionTrait,
    programmes: &[ProgrammeId],
) -> StoreResult<std::collections::HashMap<ProgrammeId, Vec<Sum>>> {
    // SUM of a bigint is numeric on PostgreSQL; cast it back.
    let total = Func::cast_as(
        Func::sum(Expr::col(ledger_entry::Column::AmountMinor)),
        Alias::new("BIGINT"),
    );
    // (programme, grant, country, kind, total)
    type Row = (Uuid, Option<Uuid>, Option<String>, String, i64);
    let rows: Vec<Row> = ledger_entry::Entity::find()
        .select_only()
        .column(ledger_entry::Column::ProgrammeId)
        .column(ledger_entry::Column::GrantId)
        .column(ledger_entry::Column::Country)
        .column(ledger_entry::Column::Kind)
        .column_as(SimpleExpr::from(total), "total")
        .filter(ledger_entry::Column::ProgrammeId.is_in(programmes.iter().map(|p| p.uuid())))
        .group_by(ledger_entry::Column::ProgrammeId)
        .group_by(ledger_entry::Column::GrantId)
        .group_by(ledger_entry::Column::Country)
        .group_by(ledger_entry::Column::Kind)
        .into_tuple()
        .all(c)
        .await?;
    let mut sums: std::collections::HashMap<ProgrammeId, Vec<Sum>> = Default::default();
    for (programme, grant, country, kind, minor) in rows {
        sums.entry(ProgrammeId::from(programme))
            .or_default()
            .push(Sum {
                grant_id: grant.map(GrantId::from),
                country: country_of(country.as_deref())?,
                kind: entry_kind(&kind)?,
                minor,
            });
    }
    Ok(sums)
}

/// Every entry of a programme, oldest first.
pub async fn entries(
    c: &impl ConnectionTrait,
    programme: ProgrammeId,
) -> StoreResult<Vec<LedgerEntry>> {
    let select = ledger_entry::Entity::find()
        .filter(ledger_entry::Column::ProgrammeId.eq(programme.uuid()))
        .order_by_asc(ledger_entry::Column::CreatedAt)
        .order_by_asc(ledger_entry::Column::Id);
    query::all(c, select, entry).await
}

/// The record of a stored entry.
fn entry(row: ledger_entry::Model) -> StoreResult<LedgerEntry> {
    Ok(LedgerEntry {
        id: row.id,
        programme_id: row.programme_id.into(),
        grant_id: row.grant_id.map(GrantId::from),
        tranche_id: row.tranche_id.map(TrancheId::from),
        country: country_of(row.country.as_deref())?,
        kind: entry_kind(&row.kind)?,
        amount: Money::new(
            row.amount_minor,
            Currency::parse(&row.currency).map_err(|e| corrupt("ledger_entries.currency", e))?,
        ),
        actor_id: row.actor_id.map(UserId::from),
        memo: row.memo,
        created_at: row.created_at,
    })
}

fn entry_kind(raw: &str) -> StoreResult<EntryKind> {
    EntryKind::parse(raw).ok_or_else(|| corrupt("ledger_entries.kind", raw))
}

/// An entry's stored country, parsed.
fn country_of(raw: Option<&str>) -> StoreResult<Option<CountryCode>> {
    parse_optional("ledger_entries.country", raw, CountryCode::parse)
}
