//! How the store uses its database: a query's cost follows what it asks
//! for, not how much else the tables hold.

use grants_tests::{Backend, TestDatabase, on_both_databases, sql};
use sea_orm::{ConnectionTrait, DbBackend, Statement};

on_both_databases!(a_subjects_running_timers_are_found_through_the_subject);

/// Every transition reads its subject's running timers; the lookup must go
/// through the subject, not through every running timer of every programme.
async fn a_subjects_running_timers_are_found_through_the_subject(backend: Backend) {
    let database = TestDatabase::create(backend).await;
    let settings = database.config().database_settings().expect("settings");
    let store = grants_app::Store::connect(&settings)
        .await
        .expect("connects");
    store.migrate().await.expect("migrates");
    let db = store.conn();
    match backend {
        Backend::Sqlite => {
            // The statement the store sends for a subject's running timers.
            let plan = db
                .query_all_raw(Statement::from_string(
                    DbBackend::Sqlite,
                    "EXPLAIN QUERY PLAN SELECT \"timers\".\"id\" FROM \"timers\" \
                     WHERE \"timers\".\"fired_at\" IS NULL AND \"timers\".\"cancelled_at\" IS NULL \
                     AND \"timers\".\"subject_type\" = 'proposal' AND \"timers\".\"subject_id\" = x'00' \
                     ORDER BY \"timers\".\"fire_at\" ASC",
                ))
                .await
                .expect("plans");
            let steps: Vec<String> = plan
                .iter()
                .map(|row| row.try_get::<String>("", "detail").expect("detail"))
                .collect();
            assert_eq!(
                steps,
                ["SEARCH timers USING INDEX idx_timers_subject \
                  (subject_type=? AND subject_id=? AND fired_at=? AND cancelled_at=?)"],
                "no scan of other subjects' timers and no sort"
            );
            // ORDER BY and IN (subquery) build temporary b-trees; on a
            // temporary file each costs more than the query itself.
            let temp_store = db
                .query_one_raw(Statement::from_string(
                    DbBackend::Sqlite,
                    "PRAGMA temp_store",
                ))
                .await
                .expect("reads")
                .expect("a row")
                .try_get_by_index::<i64>(0)
                .expect("a number");
            assert_eq!(temp_store, 2, "temporary b-trees are kept in memory");
            // A planner that reads bound values marks every statement with a
            // bound LIMIT (each `.one()`) to be parsed and planned again on
            // its next execution; the bundled SQLite is built without that.
            let stable_plans = sql::count(
                db,
                "SELECT COUNT(*) AS n FROM pragma_compile_options \
                 WHERE compile_options = 'ENABLE_QPSG'",
                vec![],
            )
            .await;
            assert_eq!(
                stable_plans, 1,
                "SQLite is built with SQLITE_ENABLE_QPSG (.cargo/config.toml)"
            );
        }
        Backend::Postgres => {
            let definition = db
                .query_one_raw(Statement::from_string(
                    DbBackend::Postgres,
                    "SELECT indexdef FROM pg_indexes \
                     WHERE indexname = 'idx_timers_subject' AND schemaname = current_schema()",
                ))
                .await
                .expect("reads")
                .expect("the index exists")
                .try_get::<String>("", "indexdef")
                .expect("a definition");
            assert!(
                definition.contains("(subject_type, subject_id, fired_at, cancelled_at, fire_at)"),
                "{definition}"
            );
        }
    }
    store.close().await.expect("closes");
    database.drop_database().await;
}
