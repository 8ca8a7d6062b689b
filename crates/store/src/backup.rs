//! Consistent copies of a SQLite database, for `grants backup`, and the
//! questions `grants restore` asks of one.

use std::path::Path;

use sea_orm::sqlx::sqlite::SqliteJournalMode;
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DbBackend, Statement};

use crate::{Backend, Store, StoreError, StoreResult};

impl Store {
    /// Writes a consistent copy of this SQLite database to `path`, a file
    /// that must not exist yet, while others go on reading and writing:
    /// `VACUUM INTO` reads one snapshot of the database. PostgreSQL has
    /// its own tools (`pg_dump`).
    pub async fn snapshot_into(&self, path: &Path) -> StoreResult<()> {
        if self.backend() != Backend::Sqlite {
            return Err(StoreError::Corrupt(
                "only a SQLite database is copied this way".into(),
            ));
        }
        let target = path.to_string_lossy().into_owned();
        self.conn()
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                "VACUUM INTO ?",
                [target.into()],
            ))
            .await?;
        Ok(())
    }

    /// Whether anyone has an account in this SQLite database: one with
    /// none has nothing a restore could overwrite. A database without the
    /// tables yet is empty.
    pub async fn has_accounts(&self) -> StoreResult<bool> {
        let c = self.conn();
        let tables = c
            .query_one_raw(Statement::from_string(
                DbBackend::Sqlite,
                "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'users'",
            ))
            .await?;
        if tables.map(|row| row.try_get::<i64>("", "n")).transpose()? != Some(1) {
            return Ok(false);
        }
        let users = c
            .query_one_raw(Statement::from_string(
                DbBackend::Sqlite,
                "SELECT COUNT(*) AS n FROM users",
            ))
            .await?;
        Ok(users.map(|row| row.try_get::<i64>("", "n")).transpose()? > Some(0))
    }
}

/// A SQLite file opened read-only, as it is, for checks on a copy.
async fn open_copy(path: &Path) -> StoreResult<sea_orm::DatabaseConnection> {
    let file = path.to_owned();
    let mut options = ConnectOptions::new("sqlite://copy.sqlite");
    options
        .sqlx_logging(false)
        .max_connections(1)
        .map_sqlx_sqlite_opts(move |o| {
            o.filename(&file)
                .read_only(true)
                .journal_mode(SqliteJournalMode::Delete)
        });
    Ok(Database::connect(options).await?)
}

/// The contents (SHA-256) of every attachment a copied SQLite database
/// names, each once.
pub async fn attachment_contents(path: &Path) -> StoreResult<Vec<String>> {
    let db = open_copy(path).await?;
    let rows = db
        .query_all_raw(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT DISTINCT sha256 FROM attachments ORDER BY sha256",
        ))
        .await?;
    let hashes = rows
        .iter()
        .map(|row| row.try_get::<String>("", "sha256"))
        .collect::<Result<Vec<_>, _>>()?;
    db.close().await?;
    Ok(hashes)
}

/// SQLite's own check of a copied database: `None` when it is sound,
/// else what is wrong.
pub async fn integrity_problem(path: &Path) -> StoreResult<Option<String>> {
    let db = open_copy(path).await?;
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA integrity_check",
        ))
        .await?;
    db.close().await?;
    let verdict = row
        .map(|r| r.try_get_by_index::<String>(0))
        .transpose()?
        .unwrap_or_default();
    Ok((verdict != "ok").then_some(verdict))
}
