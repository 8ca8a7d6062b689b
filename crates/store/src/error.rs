use sea_orm::{ConnectionTrait, DbErr, EntityTrait, PrimaryKeyTrait, SqlErr};
use uuid::Uuid;

/// What can go wrong in the store, in terms the app layer can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique constraint refused the write; `field` names the input field behind it.
    #[error("{field} is already taken")]
    Duplicate {
        /// The input field whose value is taken, e.g. `email`.
        field: &'static str,
    },
    /// A conditional update found a newer revision than the caller read.
    #[error("the record was changed by someone else (now at revision {current})")]
    StaleRevision {
        /// The revision the record is at now.
        current: i64,
    },
    /// The record does not exist.
    #[error("not found")]
    NotFound,
    /// A stored value no longer parses as its domain type.
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    /// The database refused or failed the operation.
    #[error("database error")]
    Database(#[source] DbErr),
}

/// Unique columns and the input field each protects. One table, so that a
/// constraint violation maps to a field the same way on both databases.
const UNIQUE_COLUMNS: &[(&str, &str)] = &[
    ("email_normalized", "email"),
    ("code_normalized", "code"),
    ("token_hash", "token"),
    // SQLite names the columns, PostgreSQL the index or key.
    ("review_assignments.proposal_id", "reviewer_id"),
    ("idx_review_assignments_pair", "reviewer_id"),
    ("reviews.assignment_id", "review"),
    ("reviews_pkey", "review"),
    ("grants.proposal_id", "proposal_id"),
    ("grants_proposal_id_key", "proposal_id"),
    ("ledger_entries.tranche_id", "tranche_id"),
    ("idx_ledger_entries_tranche_kind", "tranche_id"),
];

impl From<DbErr> for StoreError {
    fn from(err: DbErr) -> Self {
        if let Some(SqlErr::UniqueConstraintViolation(message)) = err.sql_err() {
            // SQLite names `table.column`, PostgreSQL the index (which sea-orm names after the column).
            if let Some((_, field)) = UNIQUE_COLUMNS
                .iter()
                .find(|(column, _)| message.contains(column))
            {
                return StoreError::Duplicate { field };
            }
        }
        StoreError::Database(err)
    }
}

pub(crate) fn corrupt(what: &str, err: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what}: {err}"))
}

/// Parses an optional stored column; a value that no longer parses is corrupt `what`.
pub(crate) fn parse_optional<T, E: std::fmt::Display>(
    what: &str,
    raw: Option<&str>,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<Option<T>, StoreError> {
    raw.map(parse).transpose().map_err(|e| corrupt(what, e))
}

/// Explains a conditional update (`WHERE id = ? AND revision = ?`) that
/// changed `rows_affected` rows: one is success; none means the record is
/// gone ([`StoreError::NotFound`]) or moved on ([`StoreError::StaleRevision`]).
pub(crate) async fn expect_one_row<E>(
    c: &impl ConnectionTrait,
    id: Uuid,
    rows_affected: u64,
    revision: impl Fn(&E::Model) -> i64,
) -> Result<(), StoreError>
where
    E: EntityTrait,
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<Uuid>,
{
    if rows_affected == 1 {
        return Ok(());
    }
    match E::find_by_id(id).one(c).await? {
        Some(row) => Err(StoreError::StaleRevision {
            current: revision(&row),
        }),
        None => Err(StoreError::NotFound),
    }
}
