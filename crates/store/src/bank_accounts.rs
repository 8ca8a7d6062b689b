//! Bank accounts: each version of a grant's bank details, kept with who
//! entered it and who confirmed, rejected or withdrew it. Only the status
//! of a row ever changes, and only from the status the caller read.

use chrono::{DateTime, Utc};
use grants_domain::bank::BankDetails;
use grants_domain::{BankAccountId, GrantId, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use crate::StoreResult;
use crate::entity::bank_account::{self, Column};
use crate::query;

/// The statuses of a version of bank details.
pub mod status {
    /// The account finance pays to; at most one per grant.
    pub const CONFIRMED: &str = "confirmed";
    /// A change waiting for a second person's confirmation.
    pub const PENDING: &str = "pending";
    /// Once confirmed, since replaced by newer details.
    pub const REPLACED: &str = "replaced";
    /// A change the second person turned down.
    pub const REJECTED: &str = "rejected";
    /// A change its author took back, or replaced before anyone decided.
    pub const WITHDRAWN: &str = "withdrawn";
}

/// One version of a grant's bank details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankAccountRecord {
    /// Its id.
    pub id: BankAccountId,
    /// The grant paid into it.
    pub grant_id: GrantId,
    /// The details.
    pub details: BankDetails,
    /// See [`status`].
    pub status: String,
    /// Who entered it.
    pub entered_by: UserId,
    /// When.
    pub entered_at: DateTime<Utc>,
    /// Who confirmed, rejected or withdrew it.
    pub decided_by: Option<UserId>,
    /// When.
    pub decided_at: Option<DateTime<Utc>>,
    /// Why it was rejected.
    pub reason: Option<String>,
}

impl From<bank_account::Model> for BankAccountRecord {
    fn from(row: bank_account::Model) -> Self {
        Self {
            id: BankAccountId::from(row.id),
            grant_id: GrantId::from(row.grant_id),
            details: BankDetails {
                account_holder: row.account_holder,
                iban: row.iban,
                bic: row.bic,
                bank_name: row.bank_name,
            },
            status: row.status,
            entered_by: UserId::from(row.entered_by),
            entered_at: row.entered_at,
            decided_by: row.decided_by.map(UserId::from),
            decided_at: row.decided_at,
            reason: row.reason,
        }
    }
}

/// Records a version of bank details.
pub async fn insert(c: &impl ConnectionTrait, a: &BankAccountRecord) -> StoreResult<()> {
    let row = bank_account::ActiveModel {
        id: Set(a.id.uuid()),
        grant_id: Set(a.grant_id.uuid()),
        account_holder: Set(a.details.account_holder.clone()),
        iban: Set(a.details.iban.clone()),
        bic: Set(a.details.bic.clone()),
        bank_name: Set(a.details.bank_name.clone()),
        status: Set(a.status.clone()),
        entered_by: Set(a.entered_by.uuid()),
        entered_at: Set(a.entered_at),
        decided_by: Set(a.decided_by.map(UserId::uuid)),
        decided_at: Set(a.decided_at),
        reason: Set(a.reason.clone()),
    };
    query::insert(c, row).await
}

/// The grant's confirmed and pending details (at most one of each), oldest first.
pub async fn open_of(
    c: &impl ConnectionTrait,
    grant: GrantId,
) -> StoreResult<Vec<BankAccountRecord>> {
    Ok(bank_account::Entity::find()
        .filter(Column::GrantId.eq(grant.uuid()))
        .filter(Column::Status.is_in([status::CONFIRMED, status::PENDING]))
        .order_by_asc(Column::EnteredAt)
        .all(c)
        .await?
        .into_iter()
        .map(BankAccountRecord::from)
        .collect())
}

/// The changes waiting for confirmation over every grant, oldest first,
/// at most `limit`: each grant with who entered its change.
pub async fn pending_changes(
    c: &impl ConnectionTrait,
    limit: u64,
) -> StoreResult<Vec<(GrantId, UserId)>> {
    use sea_orm::QuerySelect;
    Ok(bank_account::Entity::find()
        .filter(Column::Status.eq(status::PENDING))
        .order_by_asc(Column::EnteredAt)
        .limit(limit)
        .all(c)
        .await?
        .into_iter()
        .map(|row| (GrantId::from(row.grant_id), UserId::from(row.entered_by)))
        .collect())
}

/// Moves the grant's rows in status `from` (all of them, or only `id`) to
/// `to`, recording who decided, when and why. Returns how many moved.
pub async fn move_status(
    c: &impl ConnectionTrait,
    (grant, id): (GrantId, Option<BankAccountId>),
    (from, to): (&str, &str),
    (by, at, reason): (UserId, DateTime<Utc>, Option<&str>),
) -> StoreResult<u64> {
    let mut update = bank_account::Entity::update_many()
        .col_expr(Column::Status, Expr::value(to))
        .col_expr(Column::DecidedBy, Expr::value(by.uuid()))
        .col_expr(Column::DecidedAt, Expr::value(at))
        .col_expr(Column::Reason, Expr::value(reason.map(str::to_owned)))
        .filter(Column::GrantId.eq(grant.uuid()))
        .filter(Column::Status.eq(from));
    if let Some(id) = id {
        update = update.filter(Column::Id.eq(id.uuid()));
    }
    Ok(update.exec(c).await?.rows_affected)
}
