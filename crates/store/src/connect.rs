use std::time::Duration;

use grants_migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};

use crate::{StoreError, StoreResult};

/// How to reach the database. The URL may carry a password, so callers keep
/// it out of logs; [`Store::connect`] never logs it.
#[derive(Debug, Clone)]
pub struct DatabaseSettings {
    /// `sqlite://path?mode=rwc` or `postgres://user@host/db`.
    pub url: String,
    /// Pool size for PostgreSQL. SQLite always uses one connection: it has a
    /// single writer anyway, and one connection never meets `SQLITE_BUSY`.
    pub max_connections: u32,
    /// PostgreSQL schema to work in (tests use one per test); `None` for the default.
    pub schema: Option<String>,
}

/// Which database engine the store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// The embedded default.
    Sqlite,
    /// Production.
    Postgres,
}

/// A pool of connections to the service's database.
#[derive(Debug, Clone)]
pub struct Store {
    db: DatabaseConnection,
    backend: Backend,
}

impl Store {
    /// Connects, creating a SQLite file if it is missing, with WAL, foreign
    /// keys and a busy timeout on SQLite.
    pub async fn connect(settings: &DatabaseSettings) -> StoreResult<Store> {
        let backend = if settings.url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if settings.url.starts_with("postgres://")
            || settings.url.starts_with("postgresql://")
        {
            Backend::Postgres
        } else {
            return Err(StoreError::Corrupt(
                "the database URL must start with sqlite: or postgres://".into(),
            ));
        };
        let mut options = ConnectOptions::new(settings.url.clone());
        // Every statement is logged at debug level under `sqlx::query`, so
        // the log filter alone decides whether an operator (or a test
        // counting a page's statements) sees them; off, each costs a check.
        options
            .sqlx_logging(true)
            .sqlx_logging_level(log::LevelFilter::Debug)
            .connect_timeout(Duration::from_secs(10))
            .acquire_timeout(Duration::from_secs(30));
        match backend {
            Backend::Sqlite => {
                // A connection to a file in this process cannot go stale, so
                // it is not pinged each time it is taken from the pool.
                options
                    .max_connections(1)
                    .test_before_acquire(false)
                    .map_sqlx_sqlite_opts(|o| {
                        o.create_if_missing(true)
                            .journal_mode(SqliteJournalMode::Wal)
                            .synchronous(SqliteSynchronous::Normal)
                            .foreign_keys(true)
                            .busy_timeout(Duration::from_secs(5))
                            // ORDER BY and IN (subquery) build temporary
                            // b-trees; backed by a temporary file each one
                            // cost 0.2 ms to open, a query's whole time.
                            // They hold a few rows, so memory is the place.
                            .pragma("temp_store", "memory")
                    });
            }
            Backend::Postgres => {
                // Only a connection idle long enough for the server or the
                // network to have dropped it is pinged before use; pinging
                // every time would add a round trip to every request.
                options.max_connections(settings.max_connections.max(1));
                options.test_before_acquire_if_idle_for(Duration::from_secs(60));
                if let Some(schema) = &settings.schema {
                    options.set_schema_search_path(schema.clone());
                }
            }
        }
        let db = Database::connect(options).await?;
        Ok(Store { db, backend })
    }

    /// Applies every pending migration; returns how many ran. Safe to repeat.
    pub async fn migrate(&self) -> StoreResult<usize> {
        let pending = Migrator::get_pending_migrations(&self.db).await?.len();
        Migrator::up(&self.db, None).await?;
        Ok(pending)
    }

    /// Names of migrations not yet applied.
    pub async fn pending_migrations(&self) -> StoreResult<Vec<String>> {
        Ok(Migrator::get_pending_migrations(&self.db)
            .await?
            .iter()
            .map(|m| m.name().to_owned())
            .collect())
    }

    /// Checks that the database answers a trivial query.
    pub async fn ping(&self) -> StoreResult<()> {
        self.db.execute_unprepared("SELECT 1").await?;
        Ok(())
    }

    /// Starts a transaction; dropped without `commit` it rolls back.
    ///
    /// On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`): a
    /// transaction that read first and then tried to write could otherwise
    /// fail with "database is locked" when another process (a second server
    /// on the same file) writes in between, without waiting for the busy timeout.
    pub async fn begin(&self) -> StoreResult<sea_orm::DatabaseTransaction> {
        let options = TransactionOptions {
            sqlite_transaction_mode: (self.backend == Backend::Sqlite)
                .then_some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        };
        Ok(self.db.begin_with_options(options).await?)
    }

    /// The pool, for reads outside a transaction.
    pub fn conn(&self) -> &DatabaseConnection {
        &self.db
    }

    /// Which engine this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Closes the pool, waiting for connections in use to be returned.
    pub async fn close(self) -> StoreResult<()> {
        Ok(self.db.close().await?)
    }
}
